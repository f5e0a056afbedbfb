"""The write on a row's bytes (xlsxparts._BytesRow, issue 16) against the lxml write it stands in for: the
same sheet, canonically (C14N: attribute order, quoting and character references aside), and the same
cells left alone, on rows of every shape a program may write, and on the real parts of a synced office.
Where the bytes way cannot be sure of a row it must give it to lxml, never write it otherwise."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from sheetsync.app.sync import office_now, sync_office
from sheetsync.backends import open_backend, xlsxparts
from sheetsync.backends.xlsxparts import MAIN
from sheetsync.store.config import load_office
from tests.fakes.bigoffice import fill, make_config


def canonical(xml: bytes) -> bytes:
    return bytes(etree.tostring(etree.fromstring(xml), method="c14n", with_comments=True))


def both(xml: bytes, cells: dict[tuple[int, int], Any], rows: dict[int, list[Any]] | None = None) -> tuple[bytes, bytes]:
    kept_fast: list[xlsxparts.Kept] = []
    kept_lxml: list[xlsxparts.Kept] = []
    fast = xlsxparts.patch_sheet(xml, cells, rows, kept=kept_fast)
    slow = xlsxparts.patch_sheet(xml, cells, rows, kept=kept_lxml, fast=False)
    assert kept_fast == kept_lxml
    assert canonical(fast) == canonical(slow)
    return fast, slow


def sheet(rows: str, prefix: str = "", cols: str = "") -> bytes:
    ns = f'xmlns:{prefix[:-1]}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{prefix}worksheet {ns} '
            f'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'
            f'<{prefix}dimension ref="A1:E9"/>{cols}<{prefix}sheetData>{rows}</{prefix}sheetData>'
            f'<{prefix}mergeCells count="1"><{prefix}mergeCell ref="D8:E8"/></{prefix}mergeCells>'
            f'</{prefix}worksheet>').encode()


COLS = '<cols><col min="1" max="2" width="10" style="3"/><col min="3" max="5" width="30" style="0"/></cols>'
VALUES: list[Any] = ["ถูกต้อง", "", None, 3, 2.5, True, False, " ข้อความ ", "บรรทัด\nสอง", "a & b < c > d",
                     "ควบคุม\x0bอักษร", "ยาว " * 40, 10**20, -0.0, "มี\rขึ้นบรรทัด"]
ROWS = "".join([
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3"/><c r="C1" s="2" t="n"></c></row>',
    '<row r="2" spans="1:2" x14ac:dyDescent="0.25"><c r="A2"><v>1</v></c><c r="B2" s="3" t="inlineStr">'
    '<is><t>เก่า</t></is></c></row>',
    '<row r="3" ht="45" customHeight="1"><c r="A3"/><c r="B3" t="b"><v>1</v></c><c r="C3" cm="1" vm="2"><v>7</v></c></row>',
    '<row r="4" ht="60"><c r="A4"><f>SUM(B1:B2)</f><v>4</v></c><c r="B4"><v>2</v></c></row>',
    '<row r="5"><c r="A5"><v>1</v></c><c><v>2</v></c><c r="C5"/></row>',  # a cell without its address
    '<row r="6"><c r="C6" s="1"/></row>',  # B6 not there: a new cell before the last one
    '<row r="7"><!-- a comment --><c r="A7"/><c r="B7"/></row>',
    '<row r="8"><c r="D8" s="1"/><c r="E8"/></row>',  # E8 hidden by the merged range
    '<row r="9" spans="2:3"><c r="B9" s="1"><extLst/></c><c r="C9"><is><r><t>rich</t></r></is></c></row>',
    '<row r="10"/>',
    "<row r='11'><c r='A11'/></row>",
    '<row r="12"><c s="1" r="A12"/><c r="B12"  s="2" /></row>',
    '<row r="13" spans="1:8"><c r="A13"/><c r="B13" s="2"/><c r="C13"><v>3</v></c></row>',
    '<row r="14"><!-- <c r="A14"/> --><c r="A14"/><c r="B14"/><c r="C14"/></row>',  # a cell in a comment
    '<row r="15" customHeight="0" ht="90"><c r="A15"/><c r="B15"/><c r="C15"/></row>',
    '<row r="16" spans="1:2"><c r="A16"/><c r="B16"/><c r="C16"/></row>',
])


@pytest.mark.parametrize("columns", [(1,), (2,), (2, 3), (1, 2, 3), (1, 2, 3, 5)])
@pytest.mark.parametrize("prefix", ["", "x:"])
@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_every_row_shape_and_value_as_lxml_writes_it(prefix: str, value: Any, columns: tuple[int, ...]) -> None:
    rows = ROWS.replace("<row", f"<{prefix}row").replace("</row>", f"</{prefix}row>")
    for tag in ("c", "v", "f", "is", "t", "r", "extLst"):
        rows = rows.replace(f"<{tag}>", f"<{prefix}{tag}>").replace(f"<{tag} ", f"<{prefix}{tag} ").replace(
            f"<{tag}/>", f"<{prefix}{tag}/>").replace(f"</{tag}>", f"</{prefix}{tag}>")
    xml = sheet(rows, prefix, COLS.replace("<col", f"<{prefix}col").replace("</cols>", f"</{prefix}cols>"))
    cells = {(r, c): value for r in range(1, 20) for c in columns}  # rows 17 to 19 are new
    typed = {2: ["x", "ข้อความยาวมาก " * 6], 6: [None, None, "สั้น"], 13: ["", "บรรทัด\nสอง\nสาม"]}
    both(xml, cells, typed)


def test_a_row_it_cannot_be_sure_of_goes_to_lxml() -> None:
    xml = sheet(ROWS, "", COLS)
    fast = xlsxparts.patch_sheet(xml, {(4, 1): "ทับสูตร", (5, 2): "x", (7, 1): "y", (11, 1): "z"})
    root = etree.fromstring(fast)
    ns = {"m": MAIN}
    assert root.xpath("string(//m:c[@r='A4']/m:f)", namespaces=ns) == "SUM(B1:B2)"  # the formula kept
    assert root.xpath("string(//m:row[@r='7']/m:c[@r='A7'])", namespaces=ns) == "y"


def test_the_parts_of_a_synced_office_as_lxml_writes_them(tmp_path: Path) -> None:
    base = make_config(tmp_path / "office", per_group=8)
    fill(base)
    office = load_office(base)
    captured: list[tuple[bytes, dict[tuple[int, int], Any], dict[int, list[Any]] | None]] = []
    real = xlsxparts.patch_sheet

    def capture(xml: bytes, cells: Any, rows: Any = None, part: str = "sheet", kept: Any = None,
                fast: bool = True) -> bytes:
        captured.append((xml, dict(cells), {k: list(v) for k, v in (rows or {}).items()}))
        return real(xml, cells, rows, part, kept, fast)

    xlsxparts.patch_sheet = capture  # type: ignore[assignment]
    try:
        for day in (5, 6):  # the first sync (every status cell, the Status tab's new rows), then the next day
            sync_office(office, open_backend(office, base), office_now(office, date(2027, 4, day)))
    finally:
        xlsxparts.patch_sheet = real  # type: ignore[assignment]
    assert len(captured) > 2 and sum(len(c[1]) for c in captured) > 300
    taken = {"bytes": 0, "lxml": 0}
    patch, new_row = xlsxparts._BytesRow.patch, xlsxparts._BytesRow.new_row

    def counted(fn: Any) -> Any:
        def inner(*args: Any) -> Any:
            out = fn(*args)
            taken["bytes" if out is not None else "lxml"] += 1
            return out
        return inner

    xlsxparts._BytesRow.patch = counted(patch)  # type: ignore[method-assign]
    xlsxparts._BytesRow.new_row = counted(new_row)  # type: ignore[method-assign]
    try:
        for xml, cells, rows in captured:
            both(xml, cells, rows)
    finally:
        xlsxparts._BytesRow.patch, xlsxparts._BytesRow.new_row = patch, new_row  # type: ignore[method-assign]
    assert taken["bytes"] > 100 and taken["lxml"] == 0  # every row of a synced office goes the bytes way
    with zipfile.ZipFile(io.BytesIO((base / office.backend.path).read_bytes())) as zf:
        assert zf.testzip() is None
