"""The fast read (calamine, fixed up to openpyxl's types) gives exactly what the openpyxl read gives,
cell by cell and type by type, on the demo office, a synthetic big office, a LibreOffice save and
workbooks made of every kind of cell a file can hold; where it cannot answer, it leaves the tab to
openpyxl (the reference, kept as the fallback) and never fails."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from sheetsync.app.demo import build_demo
from sheetsync.app.sync import run_sync
from sheetsync.backends import xlsx
from sheetsync.backends.xlsx import WorkbookBackend
from sheetsync.core.cells import UncomputedFormula


def _typed(values: list[list[Any]]) -> list[list[tuple[type, Any]]]:
    return [[(type(v), v) for v in line] for line in values]


def read_both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], dict[str, Any], set[str]]:
    """Every tab read as the backend reads it, then by openpyxl alone; and the tabs read fast."""
    backend = WorkbookBackend(path)
    tabs = backend.tab_names("")
    fast_tabs: set[str] = set()
    real = xlsx._fast_reader

    def spy(zf: zipfile.ZipFile, data: bytes, wanted: list[tuple[str, str]]) -> xlsx._FastRead:
        out = real(zf, data, wanted)
        fast_tabs.update(out.tables)
        return out

    monkeypatch.setattr(xlsx, "_fast_reader", spy)
    fast_backend = WorkbookBackend(path)
    fast = {t: _typed(raw.values) for t, raw in fast_backend.read(tabs).items()}
    fast_merged = fast_backend._merged
    monkeypatch.setattr(xlsx, "_fast_reader", lambda zf, data, wanted: xlsx._FastRead({}, {}))
    slow_backend = WorkbookBackend(path)
    slow = {t: _typed(raw.values) for t, raw in slow_backend.read(tabs).items()}
    assert fast_merged == slow_backend._merged
    monkeypatch.setattr(xlsx, "_fast_reader", real)
    return fast, slow, fast_tabs


def assert_same(path: Path, monkeypatch: pytest.MonkeyPatch, fast_expected: bool | None = None) -> set[str]:
    fast, slow, fast_tabs = read_both(path, monkeypatch)
    assert fast.keys() == slow.keys()
    for tab in slow:
        assert fast[tab] == slow[tab], tab
    if fast_expected is not None:
        assert bool(fast_tabs) == fast_expected
    return fast_tabs


@pytest.fixture(scope="module")
def demo_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "office", today=datetime.date(2027, 4, 5)).workbook


def test_demo_office_reads_the_same(demo_workbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same(demo_workbook, monkeypatch, fast_expected=True)


def test_big_office_reads_the_same_synced_and_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.fakes import bigoffice

    directory = bigoffice.make_config(tmp_path / "big", 30)
    bigoffice.fill(directory)
    workbook = next(directory.glob("*.xlsx"))
    assert_same(workbook, monkeypatch, fast_expected=True)
    run_sync(directory, today=datetime.date(2027, 4, 5), quiet=True)
    assert_same(workbook, monkeypatch, fast_expected=True)


def _cells_workbook(path: Path, epoch: datetime.datetime | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "T"
    if epoch is not None:
        wb.epoch = epoch
    rows: list[list[Any]] = [
        ["รหัส", "ชื่อ", None, "ค่า"],
        [1, 2.5, -3, 12345678901234],
        [True, False, "007", "=text typed"],
        [datetime.date(2567, 1, 2), datetime.datetime(2024, 2, 29, 13, 45, 10), datetime.time(8, 30),
         datetime.datetime(1900, 1, 1)],
        [],
        [CellRichText("ตัว", TextBlock(InlineFont(b=True), "หนา")), " เว้นวรรค ", "บรรทัด\nสอง", "ร้อยละ 80"],
        [None, None, None, None, "ท้าย"],
    ]
    for line in rows:
        ws.append(line)
    ws["B4"].number_format = "d mmmm yyyy"
    ws["A9"] = datetime.timedelta(hours=30)
    ws["A9"].number_format = "[h]:mm:ss"
    ws["B9"] = 45000.5
    ws["B9"].number_format = '[$-th-TH,107]d mmm yy'
    ws["C9"] = 45000
    ws["C9"].number_format = "0.00%"
    ws["F12"].fill = openpyxl.styles.PatternFill("solid", start_color="EEEEEE")  # formatted, empty
    ws.merge_cells("A11:B11")
    ws["A11"] = "รวม"
    hidden = wb.create_sheet("ซ่อน")
    hidden.sheet_state = "hidden"
    hidden["C5"] = "ไกล"
    hidden["A1"] = None
    wb.create_sheet("ว่าง")
    wb.save(path)
    return path


@pytest.mark.parametrize("epoch", [None, CALENDAR_MAC_1904])
def test_every_kind_of_cell_openpyxl_writes_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           epoch: datetime.datetime | None) -> None:
    assert_same(_cells_workbook(tmp_path / "cells.xlsx", epoch), monkeypatch, fast_expected=True)


def _with_sheet(path: Path, body: str, tail: str = "", strings: str | None = None) -> Path:
    """`path` with its first sheet's cells replaced by `body` (and the shared strings by `strings`)."""
    with zipfile.ZipFile(path) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    xml = re.sub(r"<sheetData>.*</sheetData>|<sheetData/>", f"<sheetData>{body}</sheetData>", xml, flags=re.S)
    xml = re.sub(r"<mergeCells.*</mergeCells>", "", xml, flags=re.S)
    xml = xml.replace("</sheetData>", "</sheetData>" + tail, 1)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    if strings is not None:  # (openpyxl writes none: its texts are inline)
        parts["xl/sharedStrings.xml"] = strings.encode()
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
            b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    out = path.with_name("patched.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return out


def _date_style(path: Path) -> int:
    # The cell format index openpyxl gave A4's date (the first date of `_cells_workbook`).
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    found = re.search(r'<c r="A4" s="(\d+)"', xml)
    assert found is not None
    return int(found.group(1))


SST = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
       '2006/main" count="3" uniqueCount="3">{items}</sst>')

CELLS = {
    "inline strings": '<row r="1"><c r="A1" t="inlineStr"><is><t>ข้อความ</t></is></c>'
                      '<c r="C1" t="inlineStr"><is><t xml:space="preserve"> เว้น </t></is></c></row>',
    "rich inline": '<row r="1"><c r="A1" t="inlineStr"><is><r><t>ตัว</t></r><r><rPr><b/></rPr><t>หนา</t></r></is></c></row>',
    "numbers": '<row r="1"><c r="A1"><v>5</v></c><c r="B1"><v>-0</v></c><c r="C1"><v>0.25</v></c>'
               '<c r="D1" t="n"><v>123456789012345</v></c></row>',
    "a long decimal": '<row r="1"><c r="A1"><v>66.66666666666667</v></c><c r="B1"><v>0.99999999999999999999</v></c></row>',
    "a whole number with a point": '<row r="1"><c r="A1"><v>5.0</v></c></row>',
    "an exponent": '<row r="1"><c r="A1"><v>1E3</v></c><c r="B1"><v>2.5e-3</v></c></row>',
    "a number too long for a float": '<row r="1"><c r="A1"><v>12345678901234567890</v></c></row>',
    "booleans": '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c></row>',
    "errors": '<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" t="e"><v>#DIV/0!</v></c></row>',
    "an empty inline string": '<row r="1"><c r="A1" t="inlineStr"><is><t/></is></c><c r="B1"><v>1</v></c></row>',
    "a formula with its value": '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*2</f><v>4</v></c></row>',
    "a formula saved with no value": '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*2</f></c></row>',
    "a string formula": '<row r="1"><c r="A1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>',
    "cells without addresses": '<row r="1"><c><v>1</v></c><c><v>2</v></c></row>',
    "rows without addresses": '<row><c r="A1"><v>1</v></c></row><row><c r="A2"><v>2</v></c></row>',
    "escapes": '<row r="1"><c r="A1" t="inlineStr"><is><t>a_x000D_b</t></is></c></row>',
    "a carriage return": '<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb</t></is></c></row>',
    "gaps and styled empties": '<row r="3" spans="1:9"><c r="C3" s="0"/><c r="E3"><v>7</v></c><c r="I3" s="0"/></row>'
                               '<row r="9"><c r="B9" s="0"/></row><row r="12"><c r="A12"><v>1</v></c></row>',
    "merged with a hidden value": '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>',
}


FAST_CASES = {"inline strings", "rich inline", "numbers", "booleans", "gaps and styled empties",
              "merged with a hidden value"}  # the others are openpyxl's to read


@pytest.mark.parametrize("case", sorted(CELLS))
def test_cells_as_other_programs_write_them_read_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          case: str) -> None:
    base = _cells_workbook(tmp_path / "base.xlsx")
    tail = '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>' if "merged" in case else ""
    fast = assert_same(_with_sheet(base, CELLS[case], tail), monkeypatch)
    assert ("T" in fast) == (case in FAST_CASES)


def test_date_styles_from_the_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = _cells_workbook(tmp_path / "base.xlsx")
    s = _date_style(base)
    body = (f'<row r="1"><c r="A1" s="{s}"><v>45000</v></c><c r="B1" s="{s}"><v>45000.75</v></c>'
            f'<c r="C1" s="{s}"><v>0.5</v></c><c r="D1" s="{s}"><v>59</v></c><c r="E1" s="{s}" t="b"><v>1</v></c>'
            f'<c r="F1" s="{s}"/><c r="G1" s="{s}"><v>99999999</v></c><c r="H1" s="{s}" t="inlineStr"><is><t>ก</t></is></c>'
            f'</row><row r="4"><c r="A4" s="{s}"><v>1</v></c></row>')
    assert assert_same(_with_sheet(base, body), monkeypatch) == {"T", "ซ่อน", "ว่าง"}


@pytest.mark.parametrize("items", [
    "<si><t>ก</t></si><si><r><t>ข</t></r><r><rPr><b/></rPr><t>ค</t></r></si><si><t>ง</t></si>",
    "<si><t>ก</t></si><si><t/></si><si><t>ง</t></si>",  # an empty text: openpyxl's "", not None
    "<si><t>ก_x000D_</t></si><si><t>ข</t></si><si><t>ง</t></si>",
    "<si><t>ก</t><rPh sb=\"0\" eb=\"1\"><t>ふ</t></rPh></si><si><t>ข</t></si><si><t>ง</t></si>",
])
def test_shared_strings_read_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, items: str) -> None:
    base = _cells_workbook(tmp_path / "base.xlsx")
    body = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
    fast = assert_same(_with_sheet(base, body, strings=SST.format(items=items)), monkeypatch)
    assert ("T" in fast) == items.startswith("<si><t>ก</t></si><si><r>")


def test_a_formula_with_no_value_is_still_uncomputed(tmp_path: Path) -> None:
    base = _cells_workbook(tmp_path / "base.xlsx")
    path = _with_sheet(base, CELLS["a formula saved with no value"])
    values = WorkbookBackend(path).read(["T"])["T"].values
    assert isinstance(values[0][1], UncomputedFormula) and values[0][1] == "=A1*2"


def test_a_file_calamine_refuses_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _cells_workbook(tmp_path / "cells.xlsx")

    class Refusing:
        @classmethod
        def from_filelike(cls, _: io.BytesIO) -> None:
            raise ValueError("refused")

    expected = {t: raw.values for t, raw in WorkbookBackend(path).read(["T", "ซ่อน"]).items()}
    monkeypatch.setattr(xlsx, "CalamineWorkbook", Refusing)
    assert {t: raw.values for t, raw in WorkbookBackend(path).read(["T", "ซ่อน"]).items()} == expected


def test_a_libreoffice_save_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           demo_workbook: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    from tests.support.office import libreoffice_save

    book = tmp_path / "office.xlsx"
    shutil.copy2(demo_workbook, book)
    libreoffice_save(book)
    assert_same(book, monkeypatch)
