"""The surgical workbook write, part by part: only the cells asked for change, every other part is
copied as it was stored, a new tab can be added, a formula gets its computed value back."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from sheetsync.backends import xlsxparts
from sheetsync.backends.xlsxparts import LINE_HEIGHT_PT, MAIN

NS = {"m": MAIN}


def sheet(rows: str, cols: str = "", dimension: str = "A1:C3") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>{cols}<sheetData>{rows}</sheetData>'
            f'<sheetProtection sheet="1" insertRows="0"/></worksheet>').encode()


def cell_xml(xml: bytes, ref: str) -> str | None:
    found = etree.fromstring(xml).xpath(f"//m:c[@r='{ref}']", namespaces=NS)
    return etree.tostring(found[0], encoding="unicode") if found else None


def order(xml: bytes) -> list[str]:
    return [c.get("r") for c in etree.fromstring(xml).iter(f"{{{MAIN}}}c")]


def test_a_cell_keeps_its_style_and_takes_text_as_an_inline_string() -> None:
    xml = sheet('<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" s="7" t="s"><v>3</v></c></row>')
    out = xlsxparts.patch_sheet(xml, {(2, 2): "=SUM(A1)"})
    b2 = etree.fromstring(out).xpath("//m:c[@r='B2']", namespaces=NS)[0]
    assert b2.get("s") == "7" and b2.get("t") == "inlineStr"
    assert b2.xpath("string(m:is/m:t)", namespaces=NS) == "=SUM(A1)"  # text, never a formula
    assert not b2.xpath("m:f", namespaces=NS)
    assert cell_xml(out, "A2") == cell_xml(xml, "A2")


def test_numbers_clearing_and_new_cells_rows_in_order() -> None:
    xml = sheet('<row r="2" spans="1:2"><c r="A2"><v>1</v></c><c r="C2" s="4"><v>9</v></c></row>'
                '<row r="5"><c r="A5"><v>5</v></c></row>')
    out = xlsxparts.patch_sheet(xml, {(2, 2): 4.5, (2, 3): None, (3, 1): 7, (7, 4): "ท้าย"})
    assert order(out) == ["A2", "B2", "C2", "A3", "A5", "D7"]
    root = etree.fromstring(out)
    assert root.xpath("string(//m:c[@r='B2']/m:v)", namespaces=NS) == "4.5"
    c2 = root.xpath("//m:c[@r='C2']", namespaces=NS)[0]
    assert c2.get("s") == "4" and len(c2) == 0  # cleared, still styled
    assert [r.get("r") for r in root.iter(f"{{{MAIN}}}row")] == ["2", "3", "5", "7"]
    assert root.xpath("//m:row[@r='2']/@spans", namespaces=NS) == ["1:3"]
    assert root.find(f"{{{MAIN}}}dimension").get("ref") == "A1:D7"
    assert root.find(f"{{{MAIN}}}sheetProtection").attrib == {"sheet": "1", "insertRows": "0"}


def test_a_new_cell_takes_its_columns_style() -> None:
    cols = '<cols><col min="2" max="2" width="20" style="9"/></cols>'
    out = xlsxparts.patch_sheet(sheet('<row r="2"/>', cols), {(2, 2): "x", (2, 3): "y"})
    root = etree.fromstring(out)
    assert root.xpath("//m:c[@r='B2']/@s", namespaces=NS) == ["9"]
    assert root.xpath("//m:c[@r='C2']/@s", namespaces=NS) == []


def test_a_row_fits_its_tallest_text_and_shrinks_back() -> None:
    cols = '<cols><col min="1" max="1" width="20"/><col min="2" max="2" width="20"/></cols>'
    xml = sheet('<row r="2" ht="12.8" customHeight="false"><c r="B2"><v>1</v></c></row>', cols)
    two_lines = "ข้อผิดพลาดหนึ่ง\nข้อผิดพลาดสอง"
    tall = xlsxparts.patch_sheet(xml, {(2, 2): two_lines})
    assert etree.fromstring(tall).xpath("//m:row[@r='2']/@ht", namespaces=NS) == [f"{2 * LINE_HEIGHT_PT:g}"]
    back = xlsxparts.patch_sheet(tall, {(2, 2): "ถูกต้อง"})
    assert etree.fromstring(back).xpath("//m:row[@r='2']/@ht", namespaces=NS) == []  # the program's own again
    # The row's own text is counted: three lines typed in A2 keep the row three lines tall.
    typed = {2: ["หนึ่ง\nสอง\nสาม", "x"]}
    kept = xlsxparts.patch_sheet(tall, {(2, 2): "ถูกต้อง"}, rows=typed)
    assert etree.fromstring(kept).xpath("//m:row[@r='2']/@ht", namespaces=NS) == [f"{3 * LINE_HEIGHT_PT:g}"]
    # A height a person set is theirs.
    custom = sheet('<row r="2" ht="40" customHeight="1"><c r="B2"><v>1</v></c></row>', cols)
    mine = xlsxparts.patch_sheet(custom, {(2, 2): two_lines + "\nสาม"})
    assert etree.fromstring(mine).xpath("//m:row[@r='2']/@ht", namespaces=NS) == ["40"]


def test_characters_xml_cannot_hold_are_escaped_not_a_crash() -> None:
    out = xlsxparts.patch_sheet(sheet(""), {(1, 1): "a\x0bb"})
    assert etree.fromstring(out).xpath("string(//m:t)", namespaces=NS) == "a_x000B_b"


def test_a_prefixed_namespace_is_kept() -> None:
    xml = (f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
           f'</x:sheetData></x:worksheet>').encode()
    out = xlsxparts.patch_sheet(xml, {(1, 2): "b"})
    assert b"<x:c r=\"B1\"" in out and order(out) == ["A1", "B1"]


def _workbook(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "หนึ่ง"
    wb.active["A1"] = "หัว"
    wb.active["B2"] = "=1+1"
    wb.create_sheet("สอง")["A1"] = 5
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return path


def test_rewrite_copies_every_other_part_as_stored(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    with zipfile.ZipFile(path) as zf:
        parts = xlsxparts.sheet_parts(zf)
        target = parts["สอง"]
        new = xlsxparts.patch_sheet(zf.read(target), {(2, 1): "ใหม่"})
    data = xlsxparts.rewrite(path, {target: new})
    with zipfile.ZipFile(path) as before, zipfile.ZipFile(io.BytesIO(data)) as after:
        assert after.testzip() is None
        assert after.namelist() == before.namelist()
        for info in before.infolist():
            if info.filename == target:
                continue
            assert after.read(info.filename) == before.read(info.filename)
            got = after.getinfo(info.filename)
            assert (got.CRC, got.compress_size, got.date_time) == (info.CRC, info.compress_size, info.date_time)
    out = tmp_path / "out.xlsx"
    out.write_bytes(data)
    assert openpyxl.load_workbook(out)["สอง"]["A2"].value == "ใหม่"


def test_parts_compressed_ahead_are_stored_as_zipfile_would_store_them(tmp_path: Path) -> None:
    """A part deflated ahead (in the writer's thread) gives the very zip the rewrite would make of the
    same bytes itself, added parts too; a part that is not the one deflated is compressed again."""
    path = _workbook(tmp_path)
    with zipfile.ZipFile(path) as zf:
        parts = xlsxparts.sheet_parts(zf)
        one, two = parts["หนึ่ง"], parts["สอง"]
        new = {one: xlsxparts.patch_sheet(zf.read(one), {(3, 1): "ก" * 5000}),
               two: xlsxparts.patch_sheet(zf.read(two), {(2, 1): "ใหม่"})}
        part, made = xlsxparts.add_sheet(zf, "สถานะ")
        added = [n for n in made if n not in zf.namelist()]
    made[part] = xlsxparts.patch_sheet(made[part], {(1, 1): "สถานะภาพรวม"})
    replaced = {**new, **made}
    plain = xlsxparts.rewrite(path, replaced, added)
    ahead = {one: xlsxparts.deflate(replaced[one]), part: xlsxparts.deflate(replaced[part]),
             two: xlsxparts.deflate(replaced[two] + b" ")}  # not what is written: ignored
    assert xlsxparts.rewrite(path, replaced, added, ahead) == plain
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        assert zf.testzip() is None
        assert [zf.read(n) for n in (one, two, part)] == [replaced[one], replaced[two], replaced[part]]


def test_a_tab_can_be_added(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    with zipfile.ZipFile(path) as zf:
        part, new = xlsxparts.add_sheet(zf, "สถานะ")
        added = [n for n in new if n not in zf.namelist()]
    new[part] = xlsxparts.patch_sheet(new[part], {(1, 1): "สถานะภาพรวม", (2, 2): 3})
    out = tmp_path / "out.xlsx"
    out.write_bytes(xlsxparts.rewrite(path, new, added))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["หนึ่ง", "สอง", "สถานะ"]
    assert (wb["สถานะ"]["A1"].value, wb["สถานะ"]["B2"].value) == ("สถานะภาพรวม", 3)


def test_formula_values_given_back(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    with zipfile.ZipFile(path) as zf:
        part = xlsxparts.sheet_parts(zf)["หนึ่ง"]
        xml = zf.read(part)
    out = xlsxparts.put_cached_values(xml, {(2, 2): 2, (1, 1): "not a formula"})
    root = etree.fromstring(out)
    assert root.xpath("string(//m:c[@r='B2']/m:f)", namespaces=NS) == "1+1"
    assert root.xpath("string(//m:c[@r='B2']/m:v)", namespaces=NS) == "2"
    assert cell_xml(out, "A1") == cell_xml(xml, "A1")
    text = xlsxparts.put_cached_values(xml, {(2, 2): "#DIV/0!"})
    assert etree.fromstring(text).xpath("//m:c[@r='B2']/@t", namespaces=NS) == ["e"]


def test_a_broken_part_is_an_error_of_its_own() -> None:
    with pytest.raises(xlsxparts.PartsError):
        xlsxparts.patch_sheet(b"<worksheet", {(1, 1): 1})


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("สั้น", 10, 1), ("", 10, 1), (None, 10, 1), ("a\nb", 10, 2), ("x" * 25, 10, 4),  # 8 a line
    ("ผู้บริหารใช้ข้อมูล", 18, 1),  # 18 characters, 14 of them take width
    ("ผู้บริหารใช้ข้อมูล", 14, 2),
])
def test_lines_needed(text: str | None, width: float, lines: int) -> None:
    assert xlsxparts.lines_needed(text, width) == lines


def test_rows_not_written_are_kept_byte_for_byte() -> None:
    rows = "".join(f'<row r="{r}" spans="1:3"><c r="A{r}" t="s"><v>{r}</v></c>'
                   f'<c r="C{r}" s="2"><v>{r * 1.5}</v></c></row>\n' for r in range(1, 200))
    xml = sheet(rows, dimension="A1:C199")
    out = xlsxparts.patch_sheet(xml, {(100, 3): "ข้อผิดพลาด"})
    start = xml.index(b'<row r="100"')
    end = xml.index(b'<row r="101"')
    assert out[:start] == xml[:start]
    assert out[-(len(xml) - end):] == xml[end:]
    assert cell_xml(out, "C100") != cell_xml(xml, "C100") and cell_xml(out, "A100") == cell_xml(xml, "A100")


def test_a_new_row_between_two_written_rows_lands_between_them() -> None:
    xml = sheet('<row r="2"><c r="A2"><v>2</v></c></row><row r="4"><c r="A4"><v>4</v></c></row>'
                '<row r="5"><c r="A5"><v>5</v></c></row>')
    out = xlsxparts.patch_sheet(xml, {(2, 2): "ข", (3, 2): "ค", (4, 2): "ง", (6, 1): 6, (1, 1): "หัว"})
    root = etree.fromstring(out)
    assert [r.get("r") for r in root.iter(f"{{{MAIN}}}row")] == ["1", "2", "3", "4", "5", "6"]
    assert order(out) == ["A1", "A2", "B2", "B3", "A4", "B4", "A5", "A6"]


# --- the fast reader's checks (issue 16: found by name, one scan) ---------------------------------
@pytest.mark.parametrize("xml", [
    b"", b"<sheetData/>", b"<a><sheetData></sheetData><mergeCells/></a>", b"<x:sheetData></x:sheetData>",
    b'<sheetData><row r="1"/></sheetData> </sheetData>', b"</ sheetData>", b"<!-- </sheetData> -->",
    b"a</b.c-d:sheetData>", b"</1x:sheetData></sheetData>", b"<sheetData>x</sheetData >",
    b"</cols><sheetData></sheetData>", b"<sheetData></x:y:sheetData></sheetData>",
])
def test_sheet_data_end_is_the_first_close_as_the_pattern_finds_it(xml: bytes) -> None:
    found = xlsxparts._SHEET_DATA_CLOSE.search(xml)
    assert xlsxparts.sheet_data_end(xml) == (found.end() if found else None)


def test_merged_ranges_are_those_after_the_rows() -> None:
    xml = (b'<worksheet xmlns="' + MAIN.encode() + b'"><sheetData><row r="1"><c r="A1"/></row></sheetData>'
           b'<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells></worksheet>')
    assert xlsxparts.merged_after_rows(xml) == ["A1:B2"]


def _sheet(rows: bytes) -> bytes:
    return b'<worksheet xmlns="' + MAIN.encode() + b'"><sheetData>' + rows + b"</sheetData></worksheet>"


@pytest.mark.parametrize(("rows", "readable"), [
    (b'<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="2"/></row>', True),
    (b'<row r="1"><c><v>1</v></c></row>', False),  # a cell without its address
    (b'<row r="1"><c s="1" r="A1"><v>1</v></c></row>', False),  # its address spelt after another attribute
    (b'<row><c r="A1"><v>1</v></c></row>', False),  # a row without its number
    (b'<row spans="1:2" r="1"><c r="A1"><v>1</v></c></row>', False),
])
def test_fast_reading_asks_every_cell_and_row_addressed(rows: bytes, readable: bool) -> None:
    assert xlsxparts.fast_readable(_sheet(rows)) is readable
