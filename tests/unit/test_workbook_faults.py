"""The pieces under the workbook's fault handling, one at a time: the lean copy a read reads from, the
cells the surgical write leaves alone, the check before the rename, the stamp of the bytes read, and
which temporary files count as a killed save's."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from sheetsync.backends import xlsxparts
from sheetsync.backends.xlsx import WorkbookBackend, on_disk
from sheetsync.core.cells import UncomputedFormula
from sheetsync.store import files

SHEET = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<dimension ref="A1:C3"/><sheetData>{rows}</sheetData>{tail}</worksheet>')


def sheet(rows: str, tail: str = "") -> bytes:
    return SHEET.format(rows=rows, tail=tail).encode()


def workbook(tmp_path: Path, xml: bytes) -> Path:
    """A one-tab workbook (openpyxl's) whose sheet part is `xml`."""
    path = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    assert wb.active is not None
    wb.active.title = "T"
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    parts["xl/worksheets/sheet1.xml"] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return path


def full_load_values(path: Path) -> list[list[object]]:
    """What openpyxl's full load reads, trimmed as the backend trims (the reference the lean read keeps)."""
    ws = openpyxl.load_workbook(path, data_only=True)["T"]
    values = []
    for row in ws.iter_rows(values_only=True):
        line = list(row)
        while line and line[-1] is None:
            line.pop()
        values.append(line)
    while values and not values[-1]:
        values.pop()
    return values


# --- the lean copy ---------------------------------------------------------------------------------------

ROWS = ('<row r="1"><c r="A1" t="inlineStr"><is><t>head</t></is></c><c r="B1" s="0"/></row>'
        '<row r="2" s="0" customFormat="1"><c r="A2" s="0"/><c r="C2" s="0"></c></row>'
        '<row r="3" s="0" customFormat="1"/>'
        '<row r="4"><c r="B4"><v>4</v></c><c r="C4"><v>44</v></c></row>'
        '<row r="5"><c r="A5"><f>1+1</f></c></row>'
        '<row r="6"><c r="A6" s="0"/></row>'
        '<row r="7"><c r="A7" t="inlineStr"><is><r><t>ri</t></r><r><rPr><b/></rPr><t>ch</t></r></is></c></row>'
        '<row r="9"><c r="C9" s="0"/></row>')


def test_the_lean_copy_drops_only_rows_without_a_value(tmp_path: Path) -> None:
    path = workbook(tmp_path, sheet(ROWS, '<mergeCells count="1"><mergeCell ref="B4:C5"/></mergeCells>'))
    lean, seen = xlsxparts.lean_copy(path.read_bytes(), ["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(io.BytesIO(lean)) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml")
        assert zf.getinfo("xl/worksheets/sheet1.xml").compress_type == zipfile.ZIP_STORED
    assert re.findall(rb'<row r="(\d+)"', xml) == [b"1", b"4", b"5", b"7"]
    assert seen["xl/worksheets/sheet1.xml"] == xlsxparts.Lean(["B4:C5"], True)
    values = WorkbookBackend(path).read(["T"])["T"].values
    assert values == [["head"], [], [], [None, 4], ["=1+1"], [], ["rich"]]  # C4's 44: hidden by the merge
    assert isinstance(values[4][0], UncomputedFormula)  # a formula saved with no value


def test_the_lean_read_gives_what_the_full_load_gives(tmp_path: Path) -> None:
    rows = ROWS.replace("<f>1+1</f>", "<v>2</v>")  # no formula: the full load's values are the reference
    path = workbook(tmp_path, sheet(rows))
    assert WorkbookBackend(path).read(["T"])["T"].values == full_load_values(path)


@pytest.mark.parametrize("rows", [
    '<row r="1"><c r="A1"><v>1</v></c></row><row s="0" customFormat="1"><c r="A2" s="0"/></row><row><c r="A3"><v>3</v></c></row>',
    '<row r="1"><c r="A1"><v>1</v></c></row><!-- <row r="2"><c r="A2"><v>2</v></c></row> --><row r="3"><c r="A3"><v>3</v></c></row>',
    '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<row r="5"/>]]></t></is></c></row><row r="2"><c r="A2"><v>2</v></c></row>',
])
def test_rows_are_kept_as_they_are_where_dropping_could_change_them(tmp_path: Path, rows: str) -> None:
    path = workbook(tmp_path, sheet(rows))
    assert WorkbookBackend(path).read(["T"])["T"].values == full_load_values(path)


def test_a_prefixed_sheet_is_read_lean_too(tmp_path: Path) -> None:
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
           b'<x:row r="2"><x:c r="A2" s="0"/></x:row><x:row r="3"><x:c r="B3"><x:v>3</x:v></x:c></x:row>'
           b'</x:sheetData></x:worksheet>')
    path = workbook(tmp_path, xml)
    lean, _ = xlsxparts.lean_copy(path.read_bytes(), ["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(io.BytesIO(lean)) as zf:
        assert re.findall(rb'<x:row r="(\d+)"', zf.read("xl/worksheets/sheet1.xml")) == [b"1", b"3"]
    assert WorkbookBackend(path).read(["T"])["T"].values == [[1], [], [None, 3]]


def test_a_tab_local_name_on_a_chart_sheet_does_not_stop_the_read(tmp_path: Path) -> None:
    # openpyxl's own save writes a tab-local name of a tab after a chart sheet at the chart sheet's
    # index, which its load then fails on; the lean copy leaves the names out.
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first.title = "A"
    first["A1"] = 1
    chart = BarChart()
    chart.add_data(Reference(first, min_col=1, min_row=1, max_row=1))
    wb.create_chartsheet("Chart").add_chart(chart)
    second = wb.create_sheet("B")
    second["A1"] = "b"
    second.defined_names["sheetsync_tab"] = openpyxl.workbook.defined_name.DefinedName("sheetsync_tab", attr_text="1")
    path = tmp_path / "charted.xlsx"
    wb.save(path)
    with pytest.raises(AttributeError):
        openpyxl.load_workbook(path)
    tables = WorkbookBackend(path).read(["A", "B"])
    assert tables["A"].values == [[1]] and tables["B"].values == [["b"]]


# --- cells the surgical write leaves alone -------------------------------------------------------------

def test_patch_sheet_leaves_formulas_and_hidden_merged_cells_alone() -> None:
    xml = sheet('<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2"><f t="shared" ref="B2:B3" si="0">A2</f>'
                '<v>2</v></c><c r="D2"><f t="array" ref="D2:D3">A2:A3*2</f><v>4</v></c></row>'
                '<row r="3"><c r="B3"><f t="shared" si="0"/><v>0</v></c><c r="D3"><v>0</v></c></row>',
                '<mergeCells count="1"><mergeCell ref="E2:F3"/></mergeCells>')
    kept: list[xlsxparts.Kept] = []
    cells = {(2, 1): "x", (2, 2): "x", (3, 2): "x", (2, 4): "x", (3, 4): "x", (2, 5): "anchor", (2, 6): "x",
             (3, 5): "x", (2, 3): "free"}
    out = xlsxparts.patch_sheet(xml, cells, kept=kept)
    assert {(k.row, k.col): (k.reason, k.detail) for k in kept} == {
        (2, 1): ("formula", "=1+1"), (2, 2): ("formula", "=A2"), (3, 2): ("formula", ""),
        (2, 4): ("formula", "=A2:A3*2"), (3, 4): ("formula", "{=A2:A3*2}"),
        (2, 6): ("merged", "E2:F3"), (3, 5): ("merged", "E2:F3")}
    text = out.decode()
    assert "<f>1+1</f><v>2</v>" in text and '<c r="D3"><v>0</v></c>' in text  # as they were
    assert re.search(r'<c r="E2" t="inlineStr"><is><t>anchor</t>', text)  # the merged range's own cell is written
    assert re.search(r'<c r="C2" t="inlineStr"><is><t>free</t>', text)
    assert 'r="F2"' not in text and 'r="E3"' not in text


def test_patch_sheet_finds_rows_far_apart_and_new_ones(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}" s="0"/></row>' for r in range(1, 5001) if r % 7)
    xml = sheet(rows)
    out = xlsxparts.patch_sheet(xml, {(2, 2): "a", (7, 2): "new", (4999, 2): "b", (6000, 1): "end"})
    numbers = [int(n) for n in re.findall(rb'<row r="(\d+)"', out)]
    assert numbers == sorted(numbers) and 7 in numbers and numbers[-1] == 6000
    assert out.count(b"<t>") == 4
    # The same rows located the slow way (a row with no address of its own) give the same part.
    slow = xml.replace(b'<row r="4999">', b'<row r="4999" >')
    assert xlsxparts.patch_sheet(slow, {(2, 2): "a", (7, 2): "new", (4999, 2): "b", (6000, 1): "end"}).replace(
        b'<row r="4999" ', b'<row r="4999"') == out


# --- the check before the rename, and the stamp ---------------------------------------------------------

def test_a_check_that_raises_cancels_the_write(tmp_path: Path) -> None:
    target = tmp_path / "t.bin"
    target.write_bytes(b"old")
    seen = []

    def refuse() -> None:
        temps = [p for p in tmp_path.iterdir() if p.name.startswith(".t.bin.")]
        seen.append(temps[0].read_bytes())  # the temporary file is complete when the check runs
        raise RuntimeError("changed")

    with pytest.raises(RuntimeError):
        files.write_bytes(target, b"new", check=refuse)
    assert seen == [b"new"] and target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.bin"]
    files.write_bytes(target, b"new", check=lambda: None)
    assert target.read_bytes() == b"new"


def test_the_stamp_sees_a_change_that_keeps_size_and_time(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"A" * 1000)
    stamp = on_disk(path)
    st = path.stat()
    with open(path, "r+b") as fh:  # same size, written in place, its time put back: only the hash tells
        fh.write(b"B")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_mtime_ns == st.st_mtime_ns and path.stat().st_size == st.st_size
    assert on_disk(path) != stamp
    path.write_bytes(b"A" * 1000)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert on_disk(path) == stamp  # the same bytes again, same file, same time
    path.unlink()
    assert on_disk(path) is None


def test_stale_temporary_files_are_only_ours_and_only_old(tmp_path: Path) -> None:
    target = tmp_path / "office.xlsx"
    target.write_bytes(b"book")
    old = time.time() - 120
    ours_old = tmp_path / ".office.xlsx.a1b2c3d_.tmp"
    ours_new = tmp_path / ".office.xlsx.zzzzzzzz.tmp"
    others = [tmp_path / n for n in (".office.xlsx.a1b2c3d.tmp", ".office.xlsx.a1b2c3d4.tmp.x", ".officeXxlsx.a1b2c3d4.tmp",
                                     ".office.xlsx.A1B2C3D4.tmp", "office.xlsx.a1b2c3d4.tmp")]
    for path in [ours_old, ours_new, *others]:
        path.write_bytes(b"x")
    folder = tmp_path / ".office.xlsx.folder00.tmp"
    folder.mkdir()
    for path in [ours_old, *others, folder]:
        os.utime(path, (old, old))
    assert files.stale_temps(target) == [ours_old]
    assert files.remove_stale_temps(target) == [ours_old]
    assert not ours_old.exists() and ours_new.exists() and folder.exists() and all(p.exists() for p in others)
    # Through a link: beside the file it points at.
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "office.xlsx").write_bytes(b"book")
    left = shared / ".office.xlsx.q1w2e3r4.tmp"
    left.write_bytes(b"x")
    os.utime(left, (old, old))
    link = tmp_path / "linked" / "office.xlsx"
    link.parent.mkdir()
    link.symlink_to(shared / "office.xlsx")
    assert files.remove_stale_temps(link) == [left]


def test_every_cell_of_an_array_formula_is_the_formulas(tmp_path: Path) -> None:
    xml = sheet('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="array" ref="B1:B2">A1:A2*2</f><v>2</v></c></row>'
                '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><v>4</v></c><c r="C2"><f>A2+1</f></c></row>')
    backend = WorkbookBackend(workbook(tmp_path, xml))
    assert backend.read(["T"])["T"].values == [[1, 2], [2, 4, "=A2+1"]]  # cached values; C2 has none
    assert [backend.formula_at("T", r, c) for r, c in ((1, 2), (2, 2), (2, 3), (2, 1))] == [
        "{=A1:A2*2}", "{=A1:A2*2}", "=A2+1", None]
