"""The workbook between a real office program and the sync (issue 18): LibreOffice saves what a group
typed, formulas, a chart, an image, a comment, a filter and a defined name; the sync then changes the
status cells and the Status tab and nothing else, part by part and cell by cell. (The one other change
a sync makes, by design: a row it writes, unless a person set its height, is made as tall as its
wrapped text needs.) LibreOffice without a window drops frozen panes on save (tests/support/office.py),
so that panes pass through a sync untouched is checked on the workbook as setup wrote it."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.workbook.defined_name import DefinedName
from PIL import Image as PILImage
from pypdf import PdfReader

from sheetsync.backends import xlsxparts
from sheetsync.backends.xlsx import ALLOWED
from sheetsync.core import problems
from tests.support.cli import DEMO_DAY, STATUS_LABELS, invoke
from tests.support.office import libreoffice_pdf, libreoffice_save

GROUP = "อำนวยการ"
OTHER = "นโยบายและแผน"
STATUS = "สถานะภาพรวม"
M = f"{{{xlsxparts.MAIN}}}"


def _rich_workbook(book: Path) -> None:
    """What a group adds beyond the sync's columns: a formula for a result, a comment, a chart, an
    image, a filter, a name of their own."""
    wb = openpyxl.load_workbook(book)
    ws = wb[GROUP]
    ws["F3"] = "=185/200*100"  # the result of a target_percent indicator, as a formula
    ws["M2"].comment = Comment("ตรวจแล้ว", "สมศรี")
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=16, min_row=1, max_row=4), titles_from_data=True)
    ws.add_chart(chart, "T2")
    png = io.BytesIO()
    PILImage.new("RGB", (40, 20), "red").save(png, "PNG")
    png.seek(0)
    other = wb[OTHER]
    other.add_image(Image(png), "T5")
    other.auto_filter.ref = "A1:M10"
    wb.defined_names["เป้าหมายรวม"] = DefinedName("เป้าหมายรวม", attr_text=f"'{GROUP}'!$D$2:$D$10")
    wb.save(book)


def _sheet(xml: bytes) -> tuple[dict[str, bytes], dict[str, dict[str, str]], bytes]:
    """A sheet part as its cells (by address), its rows' attributes and the rest of the part."""
    root = etree.fromstring(xml)
    cells = {c.get("r"): etree.tostring(c) for c in root.iter(f"{M}c")}
    rows = {r.get("r"): dict(r.attrib) for r in root.iter(f"{M}row")}
    data = root.find(f"{M}sheetData")
    root.remove(data)
    return cells, rows, etree.tostring(root)


def _status_columns(book: Path) -> dict[str, set[str]]:
    wb = openpyxl.load_workbook(book)
    return {ws.title: {c.column_letter for c in ws[1] if c.value in STATUS_LABELS} for ws in wb.worksheets}


def _column(ref: str) -> str:
    return "".join(ch for ch in ref if ch.isalpha())


def _values(book: Path) -> dict[tuple[str, str], object]:
    wb = openpyxl.load_workbook(book, data_only=True)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets if ws.title != STATUS
            for row in ws.iter_rows() for c in row if c.value is not None}


@pytest.fixture
def saved_by_libreoffice(demo_dir: Path) -> Path:
    book = demo_dir / "office.xlsx"
    _rich_workbook(book)
    libreoffice_save(book)
    return book


def test_a_sync_after_a_libreoffice_save_changes_only_status_cells(saved_by_libreoffice: Path, runner) -> None:
    book = saved_by_libreoffice
    before = book.read_bytes()
    result = invoke(runner, book.parent, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    after = book.read_bytes()
    status_columns = _status_columns(book)
    with zipfile.ZipFile(io.BytesIO(before)) as a, zipfile.ZipFile(io.BytesIO(after)) as b:
        assert a.namelist() == b.namelist()
        names = {part: tab for tab, part in xlsxparts.sheet_parts(a).items()}
        changed = [n for n in a.namelist() if a.read(n) != b.read(n)]
        # What the group added is all there, byte for byte: chart, image, comment, drawing, names...
        kinds = "".join(a.namelist())
        assert all(k in kinds for k in ("chart", "media/image", "comments", "drawing", "sharedStrings"))
        assert set(changed) <= set(names) and names[xlsxparts.sheet_parts(a)[STATUS]] in [names[n] for n in changed]
        assert xlsxparts.sheet_parts(a)[GROUP] in changed  # the formula's row has a new status
        for part in changed:
            tab = names[part]
            cells_a, rows_a, rest_a = _sheet(a.read(part))
            cells_b, rows_b, rest_b = _sheet(b.read(part))
            assert rest_a == rest_b, part  # views, columns, protection, formats, validations, print setup
            differ = {ref for ref in set(cells_a) | set(cells_b) if cells_a.get(ref) != cells_b.get(ref)}
            assert differ
            if tab != STATUS:
                assert {_column(ref) for ref in differ} <= status_columns[tab], (tab, differ)
                written_rows = {"".join(ch for ch in ref if ch.isdigit()) for ref in differ}
                for r in set(rows_a) | set(rows_b):
                    if r not in written_rows:
                        assert rows_a.get(r) == rows_b.get(r), (tab, r)
        formula = etree.fromstring(b.read(xlsxparts.sheet_parts(b)[GROUP])).xpath(
            "//m:c[@r='F3']", namespaces={"m": xlsxparts.MAIN})[0]
        assert formula.findtext(f"{M}f") == "185/200*100" and formula.findtext(f"{M}v") == "92.5"


def test_three_syncs_after_a_libreoffice_save_read_the_same_values(saved_by_libreoffice: Path, runner) -> None:
    book = saved_by_libreoffice
    scores, values = [], []
    for _ in range(3):
        result = invoke(runner, book.parent, "sync", "--today", DEMO_DAY, "--json")
        assert result.exit_code in (0, 1), result.output
        wb = openpyxl.load_workbook(book, data_only=True)
        scores.append([[c.value for c in row] for row in wb[STATUS].iter_rows(min_row=4)])
        values.append(_values(book))
    assert values[0][(GROUP, "F3")] == 92.5
    assert values[0] == values[1] == values[2]  # nothing flips between nights: results, status, scores
    assert scores[0] == scores[1] == scores[2]
    history = invoke(runner, book.parent, "diff")
    assert "=185/200*100" not in history.output


def test_a_formula_with_no_value_gets_a_thai_answer_then_the_value_once_saved(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    wb[GROUP]["F3"] = "=185/200*100"  # saved by a program that does not calculate: no value in the file
    wb.save(book)
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    status = openpyxl.load_workbook(book)[GROUP]
    expected = problems.message("formula-no-value", label="ผลการดำเนินงาน", value="=185/200*100")
    errors_col = next(c.column for c in status[1] if c.value == "ข้อผิดพลาด")
    assert expected in (status.cell(3, errors_col).value or ""), result.output
    assert "Excel" in expected and "LibreOffice" in expected
    libreoffice_save(book)
    invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    status = openpyxl.load_workbook(book)[GROUP]
    assert expected not in (status.cell(3, errors_col).value or "")  # (92.5 days asks for an explanation now)
    assert openpyxl.load_workbook(book, data_only=True)[GROUP]["F3"].value == 92.5


def test_setup_after_a_libreoffice_save_keeps_formula_values(saved_by_libreoffice: Path, runner) -> None:
    book = saved_by_libreoffice
    # A save without a window drops frozen panes: setup has something to repair and rewrites the file.
    result = invoke(runner, book.parent, "setup")
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(book)
    assert wb[GROUP].freeze_panes == "C2"
    assert wb[GROUP]["F3"].value == "=185/200*100"
    assert openpyxl.load_workbook(book, data_only=True)[GROUP]["F3"].value == 92.5
    synced = invoke(runner, book.parent, "sync", "--today", DEMO_DAY)
    assert "ยังไม่มีค่าคำนวณ" not in synced.output


def test_a_be_year_date_cell_is_read_as_be(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb[GROUP]
    ws["L2"] = datetime(2570, 3, 15)  # 15/3/2570 typed, taken by the spreadsheet for a Western date
    ws["L2"].number_format = "d/m/yyyy"
    wb.save(book)
    libreoffice_save(book)
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert f"[{GROUP}!L2]" not in result.output
    errors_col = next(c.column for c in openpyxl.load_workbook(book)[GROUP][1] if c.value == "ข้อผิดพลาด")
    assert not openpyxl.load_workbook(book)[GROUP].cell(2, errors_col).value


def test_protection_lets_groups_work_and_libreoffice_keeps_it(demo_dir: Path, tmp_path: Path) -> None:
    book = demo_dir / "office.xlsx"
    libreoffice_save(book)
    wb = openpyxl.load_workbook(book)
    status_columns = _status_columns(book)
    for ws in wb.worksheets:
        assert ws.protection.sheet, ws.title
        for flag in ALLOWED:
            assert getattr(ws.protection, flag) is False, (ws.title, flag)  # False: allowed while protected
        if ws.title == STATUS:
            assert ws["A5"].protection.locked
            continue
        for letter in ("A", "B", "C", "M", "S", "Z", "AZ"):  # the group's columns and ones they add
            locked = letter in status_columns[ws.title]
            assert _locked(ws, f"{letter}3") is locked and _locked(ws, f"{letter}900") is locked, (ws.title, letter)
        for letter in status_columns[ws.title]:
            assert _locked(ws, f"{letter}3") and _locked(ws, f"{letter}900")


def _locked(ws, ref: str) -> bool:
    """Whether a person may not type in `ref`: its own style, or (a cell never written) its column's."""
    row, col = openpyxl.utils.cell.coordinate_to_tuple(ref)
    if (row, col) in ws._cells:
        return bool(ws._cells[(row, col)].protection.locked)
    for dim in ws.column_dimensions.values():
        if dim.min and dim.max and dim.min <= col <= dim.max:
            return bool(dim.protection.locked)
    return True  # no style of its own or of its column: the format's default is locked


def test_every_tab_prints_landscape_fit_to_width_with_its_header(demo_dir: Path, tmp_path: Path) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        if ws.title != STATUS:
            assert ws.print_title_rows in ("1:1", "$1:$1") and ws.freeze_panes in ("C2", "B2")
            errors_col = next(c for c in ws[1] if c.value == "ข้อผิดพลาด").column_letter
            assert ws.column_dimensions[errors_col].alignment.wrap_text
    pdf = PdfReader(libreoffice_pdf(book, tmp_path))
    pages = pdf.pages
    assert len(pages) <= len(wb.worksheets) + 2  # a page a tab (a long one may take two), not 86
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in pages)  # landscape


def test_frozen_panes_validations_and_formats_pass_through_a_sync_untouched(demo_dir: Path, runner) -> None:
    # The workbook as setup wrote it (frozen panes, dropdowns, conditional formats, print setup); a
    # group edits a result, so that the sync rewrites that tab's sheet part.
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    wb[GROUP]["F3"] = "ประมาณแปดสิบ"
    wb.save(book)
    before = book.read_bytes()
    assert invoke(runner, demo_dir, "sync", "--today", DEMO_DAY).exit_code == 0
    with zipfile.ZipFile(io.BytesIO(before)) as a, zipfile.ZipFile(book) as b:
        part = xlsxparts.sheet_parts(a)[GROUP]
        assert a.read(part) != b.read(part)
        _, _, rest_a = _sheet(a.read(part))
        _, _, rest_b = _sheet(b.read(part))
        assert rest_a == rest_b
        for kind in (b"<pane ", b"<dataValidation ", b"<conditionalFormatting ", b"<pageSetup ", b"<sheetProtection "):
            assert kind in b.read(part), kind
        assert a.read("xl/styles.xml") == b.read("xl/styles.xml")


def test_a_row_with_a_long_error_is_tall_enough_to_show_it(demo_dir: Path) -> None:
    wb = openpyxl.load_workbook(demo_dir / "office.xlsx")
    checked = 0
    for ws in wb.worksheets:
        if ws.title == STATUS:
            continue
        errors = next(c for c in ws[1] if c.value == "ข้อผิดพลาด")
        width = ws.column_dimensions[errors.column_letter].width
        for r in range(2, ws.max_row + 1):
            text = ws.cell(r, errors.column).value
            lines = xlsxparts.lines_needed(text, width)
            if lines > 1:
                assert ws.row_dimensions[r].height >= lines * xlsxparts.LINE_HEIGHT_PT, (ws.title, r, text)
                assert ws.cell(r, errors.column).alignment.wrap_text
                checked += 1
    assert checked  # the demo has rows with two problems and long ones
