"""The workbook file as its parts: a surgical write that touches only the cells the sync owns.

An .xlsx file is a zip of XML parts. A sync rewrites only the sheet parts of the tabs whose status cells
change and, inside them, only those cells (and, for a status text that needs more lines, that row's
height); every other part is copied as it was, byte for byte: formulas with the values the spreadsheet
program computed, styles, comments, images, charts, pivot tables, defined names and whatever Excel or
LibreOffice added. Decisions:

- A text is written as an inline string (`t="inlineStr"`), so the shared-strings part is never touched;
  Excel and LibreOffice turn it into a shared string at their next save, which changes nothing a person
  sees.
- A cell keeps its style index (`s`): its colour by state comes from the conditional formats `setup`
  put in place, never from a style added at a sync. A new cell takes its row's or its column's style.
- A written row's height fits its tallest wrapped text (the row's own texts counted too), and is never
  touched when a person set it (`customHeight`).
- Unchanged parts are copied compressed, as they are, so the write costs what the changed parts cost.
  Inside a written row, cells are found by their address (a status cell is nearly always there,
  styled and empty, since setup); the row is counted cell by cell only where that cannot answer.
- A cell that holds a formula (its own `<f>`, or inside the range of an array or data-table formula) is
  never written: a constant never replaces a formula, whoever asked (a status cell a person put a
  formula in, a `restore`). Nor is a cell that a merged range hides (inside it, not its top-left cell:
  the program shows the top-left cell over the whole range and drops the others' values). Each cell left
  alone is reported (`Kept`), for the caller to say so.
- Reading (`lean_copy`): the sheet parts to read are copied without their empty cells and rows (a cell
  with a style and no value, a row with no cell left) before openpyxl sees them, so a million formatted
  empty rows cost a scan of their bytes, not a million rows of Python objects; their merged ranges are
  collected on the way.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime
import io
import math
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO, NamedTuple

from lxml import etree

from sheetsync.core import thai
from sheetsync.core.cells import CellValue, col_index, col_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
WORKSHEET_REL = f"{REL}/worksheet"
OFFICE_DOCUMENT_REL = f"{REL}/officeDocument"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

LINE_HEIGHT_PT = 15.0  # one line of 11 pt text with Thai marks above and below
DEFAULT_COL_WIDTH = 8.43  # Excel's default column width, in characters
# A column's width counts digits of the default font; Thai letters are wider (seen in LibreOffice's
# output with the TLWG fonts): a line holds about this many letters per unit of width.
CHARS_PER_WIDTH = 0.8
ERROR_VALUES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"})

_PARSER = etree.XMLParser(huge_tree=True, resolve_entities=False, remove_blank_text=False)
_REF_RE = re.compile(r"([A-Za-z]{1,3})(\d+)$")
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class PartsError(Exception):
    """The file is a zip, but not a workbook this module can patch (a part missing or not XML)."""


class Kept(NamedTuple):
    """A cell `patch_sheet` was asked to write and left as it was: why (`merged`: hidden by the merged
    range `detail`; `formula`: it holds the formula `detail`, or lies in its array's range)."""

    row: int
    col: int
    reason: str
    detail: str


def q(tag: str) -> str:
    return f"{{{MAIN}}}{tag}"


def _parse(data: bytes, part: str) -> Any:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise PartsError(f"{part}: {exc}") from exc


def _serialize(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


# --- where each tab's part is ------------------------------------------------------------------------

def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def workbook_part(parts: Mapping[str, bytes] | zipfile.ZipFile) -> str:
    """The workbook's own part (xl/workbook.xml in every file seen, but the package says where)."""
    root = _parse(_read(parts, "_rels/.rels"), "_rels/.rels")
    for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("Type") == OFFICE_DOCUMENT_REL:
            return _resolve("", rel.get("Target", ""))
    raise PartsError("_rels/.rels: no office document")


def _read(parts: Mapping[str, bytes] | zipfile.ZipFile, name: str) -> bytes:
    try:
        return parts.read(name) if isinstance(parts, zipfile.ZipFile) else parts[name]
    except KeyError as exc:
        raise PartsError(f"{name}: missing") from exc


def sheet_parts(parts: Mapping[str, bytes] | zipfile.ZipFile) -> dict[str, str]:
    """Tab name -> the part that holds its sheet XML."""
    book = workbook_part(parts)
    root = _parse(_read(parts, book), book)
    rels = _parse(_read(parts, _rels_name(book)), _rels_name(book))
    targets = {rel.get("Id"): _resolve(book, rel.get("Target", ""))
               for rel in rels.iter(f"{{{PKG_REL}}}Relationship") if rel.get("Type") == WORKSHEET_REL}
    found: dict[str, str] = {}
    for sheet in root.iter(q("sheet")):
        target = targets.get(sheet.get(f"{{{REL}}}id"))
        if target is not None:
            found[sheet.get("name", "")] = target
    return found


def other_sheets(parts: Mapping[str, bytes] | zipfile.ZipFile) -> dict[str, str]:
    """Tabs that are not worksheets (a chart sheet, a dialog or macro sheet) -> their kind, the last
    word of their relationship's type (`chartsheet`, `dialogsheet`, `xlMacrosheet`)."""
    book = workbook_part(parts)
    root = _parse(_read(parts, book), book)
    rels = _parse(_read(parts, _rels_name(book)), _rels_name(book))
    kinds = {rel.get("Id"): rel.get("Type", "") for rel in rels.iter(f"{{{PKG_REL}}}Relationship")}
    found: dict[str, str] = {}
    for sheet in root.iter(q("sheet")):
        kind = kinds.get(sheet.get(f"{{{REL}}}id"), WORKSHEET_REL)
        if kind != WORKSHEET_REL:
            found[sheet.get("name", "")] = kind.rsplit("/", 1)[-1]
    return found


def add_sheet(parts: Mapping[str, bytes] | zipfile.ZipFile, tab: str) -> tuple[str, dict[str, bytes]]:
    """A new, empty tab at the end: its part name and the parts to write (the workbook, its
    relationships and the content types changed, the new sheet)."""
    book = workbook_part(parts)
    rels_name = _rels_name(book)
    root = _parse(_read(parts, book), book)
    rels = _parse(_read(parts, rels_name), rels_name)
    types = _parse(_read(parts, "[Content_Types].xml"), "[Content_Types].xml")
    names = set(parts.namelist()) if isinstance(parts, zipfile.ZipFile) else set(parts)
    n = 1
    while f"{posixpath.dirname(book)}/worksheets/sheet{n}.xml" in names:
        n += 1
    part = f"{posixpath.dirname(book)}/worksheets/sheet{n}.xml"
    ids = {rel.get("Id") for rel in rels}
    k = len(ids) + 1
    while f"rId{k}" in ids:
        k += 1
    rel = etree.SubElement(rels, f"{{{PKG_REL}}}Relationship")
    rel.set("Id", f"rId{k}")
    rel.set("Type", WORKSHEET_REL)
    rel.set("Target", posixpath.relpath(part, posixpath.dirname(book)))
    sheets = root.find(q("sheets"))
    if sheets is None:
        raise PartsError(f"{book}: no sheets")
    sheet_ids = [int(s.get("sheetId", "0")) for s in sheets]
    sheet = etree.SubElement(sheets, q("sheet"))
    sheet.set("name", tab)
    sheet.set("sheetId", str(max(sheet_ids, default=0) + 1))
    sheet.set(f"{{{REL}}}id", f"rId{k}")
    override = etree.SubElement(types, f"{{{CONTENT_TYPES}}}Override")
    override.set("PartName", f"/{part}")
    override.set("ContentType", WORKSHEET_TYPE)
    empty = etree.Element(q("worksheet"), nsmap={None: MAIN, "r": REL})
    etree.SubElement(empty, q("sheetData"))
    return part, {book: _serialize(root), rels_name: _serialize(rels),
                  "[Content_Types].xml": _serialize(types), part: _serialize(empty)}


# --- one sheet's cells ---------------------------------------------------------------------------------

def _ref(el: Any, attr: str = "r") -> tuple[str, int] | None:
    ref = el.get(attr)
    m = _REF_RE.match(ref) if ref else None
    return (m.group(1), int(m.group(2))) if m else None


def _rows(sheet_data: Any) -> tuple[list[int], list[Any]]:
    numbers: list[int] = []
    elements: list[Any] = []
    last = 0
    for row in sheet_data.iterchildren(q("row")):
        r = row.get("r")
        last = int(r) if r and r.isdigit() else last + 1
        numbers.append(last)
        elements.append(row)
    return numbers, elements


def _cells(row: Any) -> tuple[list[int], list[Any]]:
    numbers: list[int] = []
    elements: list[Any] = []
    last = 0
    for c in row.iterchildren(q("c")):
        ref = _ref(c)
        last = col_index(ref[0]) if ref else last + 1
        numbers.append(last)
        elements.append(c)
    return numbers, elements


def _insert_at(numbers: list[int], elements: list[Any], parent: Any, number: int, new: Any) -> None:
    # Children stay in order of their row or column number, as the format requires.
    i = bisect.bisect_left(numbers, number)
    if i < len(elements):
        elements[i].addprevious(new)
    elif elements:
        elements[-1].addnext(new)
    else:
        parent.insert(0, new) if parent.tag == q("row") else parent.append(new)
    numbers.insert(i, number)
    elements.insert(i, new)


def _text_for_xml(text: str) -> str:
    # Characters XML 1.0 cannot hold are written as the format escapes them (_xHHHH_).
    return _ILLEGAL_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


_TAG_F, _TAG_V, _TAG_IS, _TAG_T = q("f"), q("v"), q("is"), q("t")
_VALUE_TAGS = (_TAG_F, _TAG_V, _TAG_IS)


def _set_value(c: Any, value: CellValue) -> None:
    if len(c):
        for child in list(c):
            if child.tag in _VALUE_TAGS:
                c.remove(child)
    attrib = c.attrib
    for attr in ("t", "cm", "vm"):
        if attr in attrib:
            del attrib[attr]
    if value is None or value == "":
        return
    first = c[0] if len(c) else None  # an extLst stays last

    def add(tag: str) -> Any:
        if first is None:
            return etree.SubElement(c, tag)
        el = etree.Element(tag)
        first.addprevious(el)
        return el

    if isinstance(value, bool):
        c.set("t", "b")
        add(_TAG_V).text = "1" if value else "0"
    elif isinstance(value, int | float) and math.isfinite(value):
        add(_TAG_V).text = repr(value) if isinstance(value, float) else str(value)
    else:
        c.set("t", "inlineStr")
        t = etree.SubElement(add(_TAG_IS), _TAG_T)
        text = _text_for_xml(str(value))
        if text != text.strip() or "\n" in text:
            t.set(XML_SPACE, "preserve")
        t.text = text


def lines_needed(value: CellValue, width_chars: float) -> int:
    """How many lines a wrapped text takes in a column `width_chars` wide."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width_chars * CHARS_PER_WIDTH))
    if len(value) <= per_line and "\n" not in value:
        return 1  # the usual case, and a quick one: a short text needs no counting
    return sum(max(1, math.ceil(thai.display_width(line) / per_line)) for line in value.split("\n"))


def _truthy(value: str | None) -> bool:
    return value in ("1", "true", "True")


_NAME = rb"(?:[A-Za-z_][\w.\-]*:)?"
_SHEET_DATA = re.compile(rb"<(" + _NAME + rb")sheetData(?=[\s/>])([^>]*?)(/?)>")
_ROOT_TAG = re.compile(rb"<" + _NAME + rb"worksheet(?=[\s>])([^>]*)>")
_NS_DECL = re.compile(rb"""\sxmlns(?::[\w.\-]+)?=(?:"[^"]*"|'[^']*')""")
_ROW_NUMBER = re.compile(rb"""\sr=["'](\d+)["']""")
_ATTR = re.compile(rb"""([\w:]+)=(?:"([^"]*)"|'([^']*)')""")


def _attrs(tag_body: bytes) -> dict[str, str]:
    return {m.group(1).decode(): (m.group(2) if m.group(2) is not None else m.group(3)).decode()
            for m in _ATTR.finditer(tag_body)}


def _columns(head: bytes, prefix: bytes) -> tuple[list[tuple[int, int, str | None, float | None]], float]:
    """The `<col>` table (min, max, style, width) and the default width, read off the bytes before
    sheetData (they are few and flat: no tree needed)."""
    cols = []
    for m in re.finditer(rb"<" + re.escape(prefix) + rb"col(?=[\s/>])([^>]*)>", head):
        a = _attrs(m.group(1))
        cols.append((int(a.get("min", "0")), int(a.get("max", "0")), a.get("style"),
                     float(a["width"]) if a.get("width") else None))
    fmt = re.search(rb"<" + re.escape(prefix) + rb"sheetFormatPr(?=[\s/>])([^>]*)>", head)
    default = _attrs(fmt.group(1)).get("defaultColWidth") if fmt else None
    return cols, float(default) if default else DEFAULT_COL_WIDTH


def patch_sheet(xml: bytes, cells: Mapping[tuple[int, int], CellValue],
                rows: Mapping[int, Sequence[Any]] | None = None, part: str = "sheet",
                kept: list[Kept] | None = None, fast: bool = True) -> bytes:
    """The sheet XML with `cells` ((row, col) -> value) set and nothing else changed but the heights of
    their rows: `rows` holds each written row's values as read, so that the height fits the tallest
    wrapped text of the row once written (its own cells' texts included).

    A cell holding a formula, or hidden inside a merged range, is left as it is and added to `kept`.

    Only the rows written are parsed and serialized again; every other byte of the part is kept as it
    was, so the cost is that of the cells written plus one scan for where the rows are. A row as every
    program writes it (each cell addressed, the cells written already there, holding a value or none)
    is patched on its bytes (`_BytesRow`), which is what a sync nearly always meets; any other row goes
    through lxml, the reference (`fast=False` sends every row there; the tests compare both)."""
    sd = _SHEET_DATA.search(xml)
    if sd is None:
        raise PartsError(f"{part}: no sheetData")
    prefix = sd.group(1)
    close_tag = b"</" + prefix + b"sheetData>"
    if sd.group(3):  # <sheetData/>: opened and closed around the new rows
        xml = xml[:sd.start()] + b"<" + prefix + b"sheetData" + sd.group(2) + b">" + close_tag + xml[sd.end():]
        sd = _SHEET_DATA.search(xml)
        assert sd is not None
    root_tag = _ROOT_TAG.search(xml, 0, sd.start())
    declarations = b"".join(_NS_DECL.findall(root_tag.group(1) if root_tag else b"") + _NS_DECL.findall(sd.group(2)))
    lo = sd.end()  # the rows are xml[lo:hi]
    hi = xml.find(close_tag, lo)
    if hi < 0:
        raise PartsError(f"{part}: sheetData not closed")
    head = xml[:lo]
    cols, default_width = _columns(head, prefix)

    col_cache: dict[int, tuple[str | None, float, int]] = {}

    def col_of(col: int) -> tuple[str | None, float, int]:
        """The column's style, width, and how many letters a line of it holds (asked per cell: kept)."""
        found = col_cache.get(col)
        if found is None:
            style, width = None, default_width
            for first, last, col_style, col_width in cols:
                if first <= col <= last:
                    style, width = col_style, col_width if col_width is not None else default_width
                    break
            found = col_cache[col] = (style, width, max(1, int(width * CHARS_PER_WIDTH)))
        return found

    lines_cache: dict[tuple[str, float], int] = {}

    def lines_in(col: int, value: Any) -> int:
        # lines_needed, with its quick case (a short text, or no text) answered without the call
        if type(value) is not str or not value:
            return 1
        _, width, per_line = col_of(col)
        if len(value) <= per_line and "\n" not in value:
            return 1
        key = (value, width)  # the same status texts come back row after row
        lines = lines_cache.get(key)
        if lines is None:
            lines = lines_cache[key] = lines_needed(value, width)
        return lines

    typed_rows: Mapping[int, Sequence[Any]] = rows or {}

    per_line: list[int] = [0]  # per column (from 1): the letters a line holds, as col_of says

    def row_lines(r: int, wanted: Mapping[int, CellValue]) -> int:
        """The lines the row's tallest wrapped text takes once written (its own texts counted too); a
        text that fits on one line (nearly all) is passed over without a call."""
        lines = 1
        for col, v in wanted.items():
            if type(v) is str and (len(v) > col_of(col)[2] or "\n" in v):
                lines = max(lines, lines_in(col, v))
        typed = typed_rows.get(r)
        if typed:
            while len(per_line) <= len(typed):
                per_line.append(col_of(len(per_line))[2])
            for col, v in enumerate(typed, start=1):
                if type(v) is str and (len(v) > per_line[col] or "\n" in v) and col not in wanted:
                    lines = max(lines, lines_in(col, v))
        return lines

    wrapper_open = b"<" + prefix + b"sheetData" + declarations + b">"

    def fragment(segment: bytes | memoryview) -> Any:
        try:
            return etree.fromstring(wrapper_open + bytes(segment) + close_tag, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise PartsError(f"{part}: {exc}") from exc

    by_row: dict[int, dict[int, CellValue]] = {}
    for (r, col_number), value in cells.items():
        by_row.setdefault(r, {})[col_number] = value
    left: list[Kept] = []
    covered = _covered(by_row, _merged_ranges(xml[hi:]), _array_ranges(xml, prefix, lo, hi))
    for r, c, reason, detail in list(covered):
        left.append(Kept(r, c, reason, detail))
        del by_row[r][c]
        if not by_row[r]:
            del by_row[r]
    formula_tag = q("f")

    cell_tag = q("c")

    def write_row(row: Any, r: int) -> None:
        wanted = by_row[r]
        # The cells are found by their address (one dict of the row's cells, by the attribute each
        # carries); only a row where a new cell goes anywhere but after the last one, or a cell without
        # its address, is counted cell by cell (`_cells`), as the format orders them.
        by_ref: dict[str | None, Any] = {c.get("r"): c for c in row.iterchildren(cell_tag)}
        counted: tuple[list[int], list[Any]] | None = None
        last: int | None = None
        last_cell: Any = None
        if by_ref:
            last_cell = next(row.iterchildren(cell_tag, reversed=True))
            last_ref = _ref(last_cell)
            last = col_index(last_ref[0]) if last_ref else None
        elif len(row):
            counted = ([], [])
        else:  # a row just made (the Status tab's): its cells go in, in order, one after the other
            last_cell, last = None, 0
        if None in by_ref:
            counted = _cells(row)
        for col, value in sorted(wanted.items()):
            c = None
            if counted is None:
                c = by_ref.get(f"{col_letter(col)}{r}")
                if c is None and (last is None or col <= last):  # (its address may be spelt otherwise)
                    counted = _cells(row)
            if counted is not None:
                c = dict(zip(*counted, strict=True)).get(col)
            f = c.find(formula_tag) if c is not None else None
            if f is not None:  # a formula a person typed: never replaced by a constant
                left.append(Kept(r, col, "formula", f"={f.text}" if f.text else ""))
                continue
            if c is None:
                c = etree.Element(cell_tag)
                c.set("r", f"{col_letter(col)}{r}")
                style = row.get("s") if _truthy(row.get("customFormat")) else col_of(col)[0]
                if style and style != "0":
                    c.set("s", style)
                if counted is None:  # after the row's last cell (in order: none can be of this column)
                    if last_cell is None:
                        row.append(c)
                    else:
                        last_cell.addnext(c)
                    last_cell, last = c, col
                else:
                    _insert_at(*counted, row, col, c)
            _set_value(c, value)
        _fit_height(row, row_lines(r, wanted))
        _widen_spans(row, min(wanted), max(wanted))

    def body(holder: Any) -> bytes:
        text = bytes(etree.tostring(holder, encoding="UTF-8", xml_declaration=False))
        return text[text.index(b">") + 1:text.rindex(b"</")]

    # Rows written next to each other are parsed and written again together (a first sync writes them
    # all); new rows are made together where they go, before the existing row that follows them.
    existing, new_rows = _locate_rows(xml, lo, hi, prefix, sorted(by_row))
    view = memoryview(xml)
    edits: list[tuple[int, int, bytes]] = []  # (start, end, what replaces xml[start:end]); end == start: inserted
    slow = existing
    patcher = _BytesRow(prefix) if fast and by_row and _BytesRow.usable(fragment(b""), prefix) else None
    if patcher is not None:
        patcher.look_over(xml, lo, hi)
        slow = {}
        for r, (start, end) in existing.items():
            wanted = by_row[r]
            text = patcher.patch(xml, start, end, r, wanted, row_lines(r, wanted))
            if text is None:
                slow[r] = (start, end)
            else:
                edits.append((start, end, text))
    run: list[int] = []
    for r in [*sorted(slow), -1]:
        if run and (r < 0 or slow[r][0] != slow[run[-1]][1] or slow[r][0] in new_rows):
            start, end = slow[run[0]][0], slow[run[-1]][1]
            holder = fragment(view[start:end])
            for number, row in zip(run, holder.findall(q("row")), strict=True):
                write_row(row, number)
            edits.append((start, end, body(holder)))
            run = []
        run.append(r)
    for at, numbers_here in new_rows.items():
        if patcher is not None:
            made = [patcher.new_row(r, by_row[r], row_lines(r, by_row[r]), col_of) for r in numbers_here]
            if None not in made:
                edits.append((at, at, b"".join(m for m in made if m is not None)))
                continue
        holder = fragment(b"")
        for r in numbers_here:
            row = etree.SubElement(holder, q("row"))
            row.set("r", str(r))
            write_row(row, r)
        edits.append((at, at, body(holder)))
    if by_row:
        edits.append((0, lo, _widen_dimension(head, prefix, max(by_row), max(max(c) for c in by_row.values()))))
    if kept is not None:
        kept.extend(sorted(left))
    out: list[bytes | memoryview] = []
    done = 0
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1])):
        out += [view[done:start], text]
        done = end
    out.append(view[done:])
    return b"".join(out)


# What makes a row's bytes not plain markup to the bytes patch: a comment, CDATA or declaration, a
# processing instruction, a namespace declared inside.
_ODD_MARKUP = (b"<!", b"<?", b"xmlns")


class _BytesRow:
    """One existing row patched on its bytes, as lxml would patch it (`write_row`), for the rows that
    cannot surprise: the row's and the cells' tags with the sheet's own prefix for the main namespace
    and no namespace declared inside, every cell addressed, each cell written already there with no
    formula, no rich content of its own but one value (`<v>` or `<is>`), and nothing in the row that is
    not plain markup (no comment, CDATA or processing instruction). `patch` gives None for any other
    row, which then goes the lxml way. Only the cells written and the row's start tag change; their
    attributes other than those lxml would drop or set are kept byte for byte, in their order."""

    def __init__(self, prefix: bytes) -> None:
        p = re.escape(prefix)
        self.prefix = prefix
        self.cell_start = re.compile(rb"<" + p + rb"c[\s/>]")
        self.cell_tag = re.compile(rb"<" + p + rb"c((?:\s+[\w:.\-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
        self.row_tag = re.compile(rb"<" + p + rb"row((?:\s+[\w:.\-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*>")
        self.attr = re.compile(rb"""\s+([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
        # what a cell written may hold: nothing, or one value lxml's write would drop
        self.value_only = re.compile(rb"\s*(?:<" + p + rb"v\s*/>|<" + p + rb"v\s*>[^<]*</" + p + rb"v\s*>|<" + p
                                     + rb"is\s*>(?:(?!</" + p + rb"is\s*>).)*</" + p + rb"is\s*>)?\s*", re.S)
        self.cell_close = b"</" + prefix + b"c>"
        self.cell_open = b"<" + prefix + b'c r="'
        self.letters: dict[int, bytes] = {}
        self.kept_attrs: dict[bytes, bytes] = {}  # a cell's attributes after its address -> those kept
        self.value_attrs = re.compile(rb'\s+(?:t|cm|vm)\s*=\s*"[^"]*"')
        self.values: dict[tuple[type, CellValue], bytes] = {}
        self.col_attrs: dict[int, tuple[bytes, bytes]] = {}
        self.plain = False  # every row of the sheet passes the row-wide checks (`look_over`)

    def look_over(self, xml: bytes, lo: int, hi: int) -> None:
        """The checks `patch` makes of each row, made once for all the rows in xml[lo:hi] where they can
        be: no markup other than tags there, and every tag that begins as a cell's does (`<c`, which a
        rich text's `<color>` or `<charset>` does too) a cell with its address first. Then no row needs
        them (about a third of a first sync's patching); otherwise each row is checked, as before."""
        p = self.prefix
        self.plain = (all(xml.find(odd, lo, hi) < 0 for odd in _ODD_MARKUP)
                      and xml.count(b"<" + p + b"c", lo, hi) == xml.count(b"<" + p + b'c r="', lo, hi))

    @staticmethod
    def usable(holder: Any, prefix: bytes) -> bool:
        """True when the sheet's prefix names the main namespace (the tags the fast way writes)."""
        return bool(holder.tag == q("sheetData") and (holder.prefix or "").encode() == prefix.rstrip(b":"))

    def patch(self, xml: bytes, start: int, end: int, r: int, wanted: Mapping[int, CellValue],
              lines: int) -> bytes | None:
        seg = xml[start:end]
        p = self.prefix
        if not self.plain:
            if any(odd in seg for odd in _ODD_MARKUP):
                return None
            if len(self.cell_start.findall(seg)) != seg.count(b"<" + p + b'c r="'):
                return None  # a cell without its address (or with it spelt after another attribute)
        head = self.row_tag.match(seg)
        if head is None:
            return None
        out: list[bytes] = [self._row_head(head.group(1), lines, min(wanted), max(wanted))]
        done = head.end()
        row_ref = str(r).encode() + b'"'
        for col, value in sorted(wanted.items()):
            ref = self.cell_open + self._letters(col) + row_ref
            at = seg.find(ref, done)
            if at < 0 or seg[at + len(ref):at + len(ref) + 1] not in (b" ", b"/", b">", b"\t", b"\n", b"\r"):
                return None  # not there (a new cell), before a cell already passed, or spelt otherwise
            tag = self.cell_tag.match(seg, at)
            if tag is None:
                return None
            close = tag.end()
            if not tag.group(2):
                close = seg.find(self.cell_close, tag.end())
                if close < 0 or not self.value_only.fullmatch(seg, tag.end(), close):
                    return None  # a formula, an extLst, rich text: lxml's way says what to do
                close += len(self.cell_close)
            cell = self._cell(tag.group(1), value)
            if cell is None:
                return None
            out += [seg[done:at], cell]
            done = close
        out.append(seg[done:])
        return b"".join(out)

    def new_row(self, r: int, wanted: Mapping[int, CellValue], lines: int,
                col_of: Callable[[int], tuple[str | None, float, int]]) -> bytes | None:
        """A row made where none was (the Status tab's lines): its cells in order, each with its
        column's style, the height its texts need."""
        p = self.prefix
        height = _height(lines)
        out = [b"<" + p + b'row r="' + str(r).encode() + b'"'
               + (b' ht="' + height.encode() + b'"' if height else b"") + b">"]
        row_ref = str(r).encode() + b'"'
        cell_open = self.cell_open
        values = self.values
        for col, value in sorted(wanted.items()):
            col_attrs = self.col_attrs.get(col)
            if col_attrs is None:  # the column's letters, then (after the row's number) its style
                style = col_of(col)[0]
                col_attrs = self.col_attrs[col] = (self._letters(col), b' s="' + _attr_text(style) + b'"'
                                                   if style and style != "0" else b"")
            made = values.get((type(value), value)) or self._made(value)  # as `_cell`: no t, cm, vm of ours
            if made is None:
                return None
            out += (cell_open, col_attrs[0], row_ref, col_attrs[1], made)
        out.append(b"</" + p + b"row>")
        return b"".join(out)

    def _letters(self, col: int) -> bytes:
        letters = self.letters.get(col)
        if letters is None:
            letters = self.letters[col] = col_letter(col).encode()
        return letters

    def _row_head(self, attrs: bytes, lines: int, lo: int, hi: int) -> bytes:
        if attrs.count(b"=") == 1 and attrs.lstrip().startswith(b"r="):  # its address alone, as most rows
            height = _height(lines)
            return (b"<" + self.prefix + b"row" + attrs + (b' ht="' + height.encode() + b'"' if height else b"")
                    + b">")
        found = {m.group(1): (m.group(2) if m.group(2) is not None else m.group(3)).decode()
                 for m in self.attr.finditer(attrs)}
        changes: dict[bytes, str | None] = {}
        if not _truthy(found.get(b"customHeight")):  # as _fit_height
            changes[b"ht"] = _height(lines)
        spans = _wider_spans(found.get(b"spans"), lo, hi)
        if spans is not None:
            changes[b"spans"] = spans
        return b"<" + self.prefix + b"row" + _set_attrs(attrs, self.attr, changes) + b">"

    def _cell(self, attrs: bytes, value: CellValue) -> bytes | None:
        """The cell with `value`, its attributes but the value's own (t, cm, vm) kept as they were."""
        if b"t=" in attrs or b"m=" in attrs:
            # The address is no value's attribute, and what follows it comes back cell after cell
            cut = attrs.find(b'"', 4) + 1 if attrs.startswith(b' r="') else 0
            rest = attrs[cut:]
            kept = self.kept_attrs.get(rest)
            if kept is None:
                if rest.count(b"=") * 2 == rest.count(b'"'):  # no '=' nor quote inside a value: a cut is sure
                    kept = self.value_attrs.sub(b"", rest)
                else:
                    kept = _set_attrs(rest, self.attr, {b"t": None, b"cm": None, b"vm": None})
                if len(self.kept_attrs) < 4096:
                    self.kept_attrs[rest] = kept
            attrs = attrs[:cut] + kept
        made = self._made(value)
        if made is None:
            return None
        return b"<" + self.prefix + b"c" + attrs + made

    def _made(self, value: CellValue) -> bytes | None:
        """`_value`, kept: the same status texts come back row after row."""
        made = self.values.get((type(value), value))
        if made is not None:
            return made
        made = self._value(value)
        if made is not None and len(self.values) < 4096:
            self.values[(type(value), value)] = made
        return made

    def _value(self, value: CellValue) -> bytes | None:
        """What follows a cell's attributes for `value`: its type, then its value (or nothing)."""
        p = self.prefix
        if value is None or value == "":
            return b"/>"
        if isinstance(value, bool):
            return b' t="b"><' + p + b"v>" + (b"1" if value else b"0") + b"</" + p + b"v></" + p + b"c>"
        if isinstance(value, int | float) and math.isfinite(value):
            number = repr(value) if isinstance(value, float) else str(value)
            return b"><" + p + b"v>" + number.encode() + b"</" + p + b"v></" + p + b"c>"
        text = _text_for_xml(str(value))
        space = b' xml:space="preserve"' if text != text.strip() or "\n" in text else b""
        try:
            encoded = text.encode("utf-8")
        except UnicodeEncodeError:
            return None  # a lone surrogate: lxml's way says so
        if b"\r" in encoded:
            return None  # kept as lxml writes it (a character reference)
        encoded = encoded.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")
        return (b' t="inlineStr"><' + p + b"is><" + p + b"t" + space + b">" + encoded + b"</" + p + b"t></"
                + p + b"is></" + p + b"c>")


def _set_attrs(attrs: bytes, pattern: re.Pattern[bytes], changes: Mapping[bytes, str | None]) -> bytes:
    """A start tag's attributes (as bytes) with `changes` made: a name -> None drops it, a value replaces
    it where it stands or is added at the end, as lxml's `set` does; every other attribute is kept."""
    if not changes:
        return attrs
    out: list[bytes] = []
    seen: set[bytes] = set()
    for m in pattern.finditer(attrs):
        name = m.group(1)
        if name in changes:
            seen.add(name)
            new = changes[name]
            if new is not None:
                out.append(b" " + name + b'="' + _attr_text(new) + b'"')
        else:
            out.append(m.group(0))
    for name, new in changes.items():
        if new is not None and name not in seen:
            out.append(b" " + name + b'="' + _attr_text(new) + b'"')
    return b"".join(out)


def _attr_text(value: str) -> bytes:
    return value.encode().replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b'"', b"&quot;")


_ADDRESSED_ROW = b' r="'


def _locate_rows(xml: bytes, lo: int, hi: int, prefix: bytes,
                 wanted: Sequence[int]) -> tuple[dict[int, tuple[int, int]], dict[int, list[int]]]:
    """Where the `wanted` rows (ascending) are among the rows in xml[lo:hi]: the existing ones -> their
    (start, end); the missing ones, by the offset they go at (the start of the first row numbered
    above them, else `hi`). Rows are in ascending order (the format requires it). When every row
    starts with its address, as every program writes them, each is found by a search for its own
    start tag from where the last one ended, so rows far from those written cost a byte scan, not a
    step of Python each; otherwise every row is counted."""
    row_open = b"<" + prefix + b"row"
    existing: dict[int, tuple[int, int]] = {}
    new_rows: dict[int, list[int]] = {}
    if not wanted:
        return existing, new_rows

    def end_of(start: int) -> int:
        end = xml.find(row_open, start + len(row_open), hi)
        return hi if end < 0 else end

    if xml.count(row_open, lo, hi) == xml.count(row_open + _ADDRESSED_ROW, lo, hi):
        numbered = re.compile(re.escape(row_open + _ADDRESSED_ROW) + rb"(\d+)\"")
        pos = lo
        for n in wanted:
            at = xml.find(row_open + _ADDRESSED_ROW + str(n).encode() + b'"', pos, hi)
            if at >= 0:
                existing[n] = (at, end_of(at))
                pos = existing[n][1]
                continue
            while (m := numbered.search(xml, pos, hi)) is not None and int(m.group(1)) < n:
                pos = end_of(m.start())
            insert_at = m.start() if m is not None else hi
            new_rows.setdefault(insert_at, []).append(n)
            pos = insert_at
        return existing, new_rows
    starts: list[int] = []
    numbers: list[int] = []
    last = 0
    for m in re.compile(re.escape(row_open) + rb"(?=[\s/>])([^>]*)>").finditer(xml, lo, hi):
        found = _ROW_NUMBER.search(m.group(1))
        last = int(found.group(1)) if found else last + 1
        starts.append(m.start())
        numbers.append(last)
    ends = [*starts[1:], hi]
    for n in wanted:
        i = bisect.bisect_left(numbers, n)
        if i < len(numbers) and numbers[i] == n:
            existing[n] = (starts[i], ends[i])
        else:
            new_rows.setdefault(starts[i] if i < len(starts) else hi, []).append(n)
    return existing, new_rows


def bounds(ref: str) -> tuple[int, int, int, int] | None:
    """`B2:D5` (or `B2`) -> (first row, first column, last row, last column)."""
    first, _, last = ref.replace("$", "").partition(":")
    a, b = _REF_RE.match(first), _REF_RE.match(last or first)
    if a is None or b is None:
        return None
    return int(a.group(2)), col_index(a.group(1)), int(b.group(2)), col_index(b.group(1))


_MERGE_CELL = re.compile(rb"""<(?:[A-Za-z_][\w.\-]*:)?mergeCell\s[^<>]*?ref=["']([^"']+)["']""")


def merged_refs(xml: bytes) -> list[str]:
    """The refs of the merged ranges (`mergeCell`) in these bytes of a sheet part."""
    return [m.group(1).decode() for m in _MERGE_CELL.finditer(xml)]


def _merged_ranges(xml: bytes) -> list[tuple[tuple[int, int, int, int], str]]:
    return [(b, ref) for ref in merged_refs(xml) if (b := bounds(ref)) is not None]


def _array_ranges(xml: bytes, prefix: bytes, lo: int, hi: int) -> list[tuple[tuple[int, int, int, int], str]]:
    # Array and data-table formulas: the formula is on the range's first cell; the others hold only the
    # values it gives them, and are the formula's all the same.
    found = []
    pattern = re.compile(rb"<" + re.escape(prefix) + rb"f\s([^<>]*?)(?:/>|>([^<]*)<)")
    for m in pattern.finditer(xml, lo, hi):
        a = _attrs(m.group(1))
        if a.get("t") in ("array", "dataTable") and a.get("ref"):
            b = bounds(a["ref"])
            if b is not None:
                text = m.group(2).decode() if m.group(2) else ""
                found.append((b, f"{{={text}}}" if a["t"] == "array" and text else a["ref"]))
    return found


def _covered(by_row: Mapping[int, Mapping[int, CellValue]],
             merged: Sequence[tuple[tuple[int, int, int, int], str]],
             arrays: Sequence[tuple[tuple[int, int, int, int], str]]) -> Iterator[tuple[int, int, str, str]]:
    """The cells to write that a merged range hides (all of it but its top-left cell) or that lie in an
    array formula's range (its first cell holds the formula itself: `patch_sheet` sees that one)."""
    if not merged and not arrays:
        return
    numbers = sorted(by_row)
    seen: set[tuple[int, int]] = set()
    for reason, ranges in (("merged", merged), ("formula", arrays)):
        for (r1, c1, r2, c2), detail in ranges:
            for r in numbers[bisect.bisect_left(numbers, r1):bisect.bisect_right(numbers, r2)]:
                for c in by_row[r]:
                    if c1 <= c <= c2 and (r, c) != (r1, c1) and (r, c) not in seen:
                        seen.add((r, c))
                        yield r, c, reason, detail


def _height(lines: int) -> str | None:
    """The height (`ht`) of a written row whose tallest text takes `lines` lines; None: no height, the
    program's own, when one line is enough."""
    return f"{lines * LINE_HEIGHT_PT:g}" if lines > 1 else None


def _fit_height(row: Any, lines: int) -> None:
    # A height a person set (customHeight) is theirs. Any other is automatic by definition, what a
    # spreadsheet program computed for the row as it was: it is computed again for the row as written.
    if _truthy(row.get("customHeight")):
        return
    height = _height(lines)
    if height is None:
        row.attrib.pop("ht", None)
    else:
        row.set("ht", height)


def _wider_spans(spans: str | None, lo: int, hi: int) -> str | None:
    """A row's `spans` ("1:18") widened to hold columns lo..hi; None when it need not change (absent,
    already wide enough, or not the simple form this understands)."""
    if not spans or ":" not in spans or " " in spans:
        return None
    a, b = spans.split(":", 1)
    if a.isdigit() and b.isdigit() and (lo < int(a) or hi > int(b)):
        return f"{min(lo, int(a))}:{max(hi, int(b))}"
    return None


def _widen_spans(row: Any, lo: int, hi: int) -> None:
    spans = _wider_spans(row.get("spans"), lo, hi)
    if spans is not None:
        row.set("spans", spans)


def _widen_dimension(head: bytes, prefix: bytes, max_row: int, max_col: int) -> bytes:
    m = re.search(rb"<" + re.escape(prefix) + rb"""dimension(?=[\s/>])[^>]*?\sref=(["'])([^"']*)\1""", head)
    if m is None:
        return head
    first, _, last = m.group(2).decode().partition(":")
    end = _REF_RE.match(last or first)
    if end is None:
        return head
    row, col = max(int(end.group(2)), max_row), max(col_index(end.group(1)), max_col)
    ref = f"{first if last else 'A1'}:{col_letter(col)}{row}".encode()
    return head[:m.start(2)] + ref + head[m.end(2):]


def put_cached_values(xml: bytes, cached: Mapping[tuple[int, int], CellValue], part: str = "sheet") -> bytes:
    """The sheet XML with each formula cell in `cached` given back the value the spreadsheet program
    computed (a library that rewrites a workbook writes its formulas without one)."""
    root = _parse(xml, part)
    sheet_data = root.find(q("sheetData"))
    if sheet_data is None:
        return xml
    for r, row in zip(*_rows(sheet_data), strict=True):
        for col, c in zip(*_cells(row), strict=True):
            if (r, col) not in cached or c.find(q("f")) is None:
                continue
            value = cached[(r, col)]
            v = c.find(q("v"))
            if value is None:
                continue
            if v is None:
                v = etree.SubElement(c, q("v"))
                f = c.find(q("f"))
                f.addnext(v)
            c.attrib.pop("t", None)
            if isinstance(value, bool):
                c.set("t", "b")
                v.text = "1" if value else "0"
            elif isinstance(value, int | float):
                v.text = repr(value) if isinstance(value, float) else str(value)
            elif str(value) in ERROR_VALUES:
                c.set("t", "e")
                v.text = str(value)
            else:
                c.set("t", "str")
                v.text = _text_for_xml(str(value))
    return _serialize(root)


# --- the zip ---------------------------------------------------------------------------------------------

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")


def raw_entry(src: BinaryIO, info: zipfile.ZipInfo) -> bytes:
    # The entry's bytes as stored (compressed), read from behind its local header.
    src.seek(info.header_offset)
    header = src.read(_LOCAL_HEADER.size)
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != b"PK\x03\x04":
        raise PartsError(f"{info.filename}: bad local header")
    src.seek(info.header_offset + _LOCAL_HEADER.size + fields[9] + fields[10])
    return src.read(info.compress_size)


def rewrite(source: Path | BinaryIO, replaced: Mapping[str, bytes], added: Iterable[str] = (),
            deflated: Mapping[str, Deflated] | None = None) -> bytes:
    """The bytes of `source` (a file, or one in memory) with the parts in `replaced` changed (or added,
    at the end, for the names in `added`), every other part copied as it was stored. `deflated` holds
    parts of `replaced` already compressed (`deflate` of the same bytes), stored as they are. The caller
    writes them (atomically: store/files)."""
    return _rezip(source, replaced, added, deflated=deflated or {})


class Deflated(NamedTuple):
    """A part compressed ahead of the zip it goes in: raw deflate as zipfile's own, at `_level`'s level,
    with its CRC-32 and size. A writer compresses each part it has patched in a thread while it patches
    the next (zlib lets go of the interpreter as it works), so the compression costs no time of its own."""
    raw: bytes
    crc: int
    size: int


def deflate(data: bytes) -> Deflated:
    level = _level(data)
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION if level is None else level, zlib.DEFLATED, -15)
    return Deflated(compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def _rezip(source: Path | BinaryIO, replaced: Mapping[str, bytes], added: Iterable[str] = (),
           store: bool = False, deflated: Mapping[str, Deflated] | None = None) -> bytes:
    # `store`: the replaced parts uncompressed (a copy only read, once: lean_copy).
    added = [name for name in added if name in replaced]
    method = zipfile.ZIP_STORED if store else zipfile.ZIP_DEFLATED
    ready = {} if store else (deflated or {})
    out = io.BytesIO()

    def put(name: str, date_time: tuple[int, int, int, int, int, int], external_attr: int) -> None:
        data, made = replaced[name], ready.get(name)
        entry = zipfile.ZipInfo(name, date_time=date_time)
        entry.external_attr = external_attr
        entry.compress_type = method
        if made is not None and made.size == len(data):
            entry.external_attr = external_attr or 0o600 << 16  # as zipfile's own write gives a part without
            entry.CRC, entry.compress_size, entry.file_size = made.crc, len(made.raw), made.size
            _copy_stored(zout, entry, made.raw)
        else:
            zout.writestr(entry, data, compresslevel=_level(data))

    with contextlib.ExitStack() as stack:
        raw = stack.enter_context(open(source, "rb")) if isinstance(source, Path) else source
        zin = stack.enter_context(zipfile.ZipFile(raw))
        zout = stack.enter_context(zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED))
        for info in zin.infolist():
            if info.filename in replaced:
                put(info.filename, info.date_time, info.external_attr)
            else:
                _copy_stored(zout, info, raw_entry(raw, info))
        for name in added:
            put(name, (1980, 1, 1, 0, 0, 0), 0)
    return out.getvalue()


BIG_PART = 16 << 20  # a sheet part this big (a million formatted rows) is compressed fast, not small


def _level(data: bytes) -> int | None:
    # zlib's level 1 is six times as fast as its default on sheet XML, and makes it half as big again.
    return 1 if len(data) > BIG_PART else None


# --- a lean copy to read ----------------------------------------------------------------------------------

# Rows with no value are dropped whole: a row is kept when it holds a value (`<v>`), an inline string
# (`<is>`) or a formula (`<f>`); the others (formatting only, or nothing) go. One regex search from one
# value to the next finds them (no work per empty row): a million formatted empty rows cost a scan of
# their bytes. Rows are cut apart at their start tags, so every piece holds whole rows. Nothing is
# dropped from a CDATA section, a comment or a processing instruction on (where tags could be text),
# outside sheetData, nor when a row has no address of its own (`r`: the next rows' numbers count on it;
# programs write it on every row or on none, so the first row of each piece and each row kept is asked).
_SHEET_DATA_OPEN = re.compile(rb"<([A-Za-z_][\w.\-]*:)?sheetData(?=[\s/>])[^>]*>")
_CHUNK = 4 << 20
_NOT_MARKUP = re.compile(rb"<[!?]")


def _rows_with_values(piece: bytes, row_open: bytes, marker: re.Pattern[bytes]) -> tuple[list[bytes], bool]:
    """`piece` (whatever comes before its first row, then whole rows) without its rows that hold no
    value; False when it met something that stops the dropping (it then gave the rest as it was)."""
    first = piece.find(row_open)
    if first < 0:
        return [piece], True
    out = [piece[:first]]
    addressed = row_open + b' r="'
    i = first
    while True:
        m = marker.search(piece, i)
        if m is None:
            return out, True
        if not piece.startswith(addressed, i):
            out.append(piece[i:])
            return out, False
        start = piece.rfind(row_open, i, m.start())
        if start < 0 or not piece.startswith(addressed, start):
            out.append(piece[i:])
            return out, False
        end = piece.find(row_open, m.end())
        end = len(piece) if end < 0 else end
        out.append(piece[start:end])
        i = end
        if i == len(piece):
            return out, True


def _lean_chunks(stream: IO[bytes], merged: list[str]) -> Iterator[bytes]:
    buffer = b""
    state = "head"  # then "rows" (inside sheetData, dropping), then "as is"
    row_open = close = b""
    marker = re.compile(b"")
    while True:
        chunk = stream.read(_CHUNK)
        buffer += chunk
        if state == "head":
            found = _SHEET_DATA_OPEN.search(buffer)
            if found is None and chunk:
                continue  # the head is small: wait for the whole opening tag
            if found is None or found.group(0).endswith(b"/>"):
                state = "as is"
            else:
                p = found.group(1) or b""
                row_open, close = b"<" + p + b"row", b"</" + p + b"sheetData>"
                marker = re.compile(b"<" + re.escape(p) + rb"(?:v|is|f)")
                yield buffer[:found.end()]
                buffer = buffer[found.end():]
                state = "rows"
        if state == "rows":
            end = buffer.find(close)
            if end < 0:
                cut = buffer.rfind(row_open) if chunk else len(buffer)
                if cut <= 0:
                    continue  # one row bigger than a chunk (or none yet): read on
            else:
                cut = end
            piece, buffer = buffer[:cut], buffer[cut:]
            if _NOT_MARKUP.search(piece):  # CDATA, a comment, a processing instruction: from here, as is
                kept, dropping = [piece], False
            else:
                kept, dropping = _rows_with_values(piece, row_open, marker)
            yield from kept
            if end >= 0 or not dropping:
                state = "as is"
        if state == "as is":
            if b"mergeCell" in buffer:
                merged.extend(merged_refs(buffer))
            yield buffer
            buffer = b""
        if not chunk:
            if buffer:
                yield buffer
            return


class Lean(NamedTuple):
    """What `lean_copy` saw of one sheet part on the way."""

    merged: list[str]  # its merged ranges (refs)
    formulas: bool  # whether any cell holds a formula (else a text starting with "=" is only text)


_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?f[\s>/]")
_SHEET_DATA_CLOSE = re.compile(rb"</(?:[A-Za-z_][\w.\-]*:)?sheetData>")


_DEFINED_NAMES = re.compile(rb"<((?:[A-Za-z_][\w.\-]*:)?)definedNames(?=[\s/>])[^>]*?(?:/>|>.*?</\1definedNames>)", re.S)


def lean_copy(source: bytes, parts: Iterable[str]) -> tuple[bytes, dict[str, Lean]]:
    """A copy of the workbook in `source` to read the values of the sheet `parts` from: their rows
    that hold no value dropped (formatting without content), stored uncompressed; the workbook part
    without its defined names (values need none, and openpyxl fails on a tab-local name that lands on
    a chart sheet, which its own save writes when a chart sheet comes before other tabs); every other
    part as it was. Also, for each of those parts, its merged ranges and whether it holds a formula."""
    seen: dict[str, Lean] = {}
    replaced: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(source)) as zf:
        names = set(zf.namelist())
        book = workbook_part(zf)
        replaced[book] = _DEFINED_NAMES.sub(b"", _read(zf, book))
        for name in parts:
            if name in names and name not in replaced:
                refs: list[str] = []
                with zf.open(name) as stream:
                    lean = replaced[name] = b"".join(_lean_chunks(stream, refs))
                close = _SHEET_DATA_CLOSE.search(lean)
                seen[name] = Lean(refs, _FORMULA.search(lean, 0, close.start() if close else len(lean)) is not None)
    return _rezip(io.BytesIO(source), replaced, store=True), seen


def _copy_stored(zout: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
    # zipfile has no public way to add an entry already compressed: write its local header and bytes
    # ourselves and register it, so the central directory at close lists it as it was.
    fp = zout.fp
    assert fp is not None
    entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    entry.compress_type = info.compress_type
    entry.external_attr = info.external_attr
    entry.create_system = info.create_system
    entry.flag_bits = info.flag_bits & ~0x08  # sizes are known: no data descriptor follows
    entry.CRC = info.CRC
    entry.compress_size = info.compress_size
    entry.file_size = info.file_size
    entry.extra = b""
    entry.header_offset = fp.tell()
    fp.write(entry.FileHeader(zip64=info.file_size > zipfile.ZIP64_LIMIT))
    fp.write(data)
    zout.filelist.append(entry)
    zout.NameToInfo[entry.filename] = entry
    zout.start_dir = fp.tell()


# --- what a fast reader (calamine) reads exactly as openpyxl does ------------------------------------------
# calamine gives every cell's value, but not quite as openpyxl gives it: a number is always a float, an
# empty cell and an empty text are both "", an error cell is "", `_x000D_` is unescaped, a date is a
# `date` and its formats are calamine's own. The reader (backends.xlsx) turns floats that are whole back
# into ints and "" into None, and takes dates from the cells' own bytes (`styled_cells`); these checks
# say, by a scan of a part's bytes, when that is not enough to give openpyxl's values exactly (then the
# tab is read with openpyxl, as before). Each looks for something rare: a formula, an error, a number
# written with a point or an exponent but whole ("5.0": openpyxl's float), one too long for a float, a
# text openpyxl reads differently (escapes, carriage returns, phonetic runs, CDATA), an empty text, a
# cell or row without its address, a namespace prefix.
# (each starts with a literal, so that a search skips to it: a part is scanned at memory speed)
_ESCAPE = re.compile(rb"x(?:005F_|(?<=_x)[0-9A-Fa-f]{4}_)")  # openpyxl keeps `_x000D_`, strips `x005F_`
_PLAIN_FORMULA = re.compile(rb"<f[\s>/]")
_UNSAFE_TYPE = re.compile(rb' t="(?:e|str|d)"')
_UNSAFE_VALUE = re.compile(rb"<v(?:\s*/>|>(?:[^<]*[^-+0-9.<][^<]*|[-+]?\d*\.0*|[-+]?[\d.]{16,}|)</v>)")
_EMPTY_INLINE = re.compile(rb"<is(?:\s*/>|>\s*(?:<t(?:\s[^>]*)?/>|<t(?:\s[^>]*)?></t>)?\s*</is>)")
_UNADDRESSED = re.compile(rb'<c(?! r=")|<row(?! r=")')
_EMPTY_SHARED = re.compile(rb"<si(?:\s*/>|>\s*(?:<t(?:\s[^>]*)?/>|<t(?:\s[^>]*)?></t>)?\s*</si>)")
_UNSAFE_TEXTS = (b"\r", b"<![CDATA[", b"<rPh")
_MAIN_URI = f'"{MAIN}"'.encode()
_MAIN_DEFAULT = f'xmlns="{MAIN}"'.encode()


def _texts_safe(xml: bytes) -> bool:
    return not any(s in xml for s in _UNSAFE_TEXTS) and not _ESCAPE.search(xml)


def _one_default_namespace(xml: bytes) -> bool:
    # The main namespace bound once, as the default: no element of it can hide behind a prefix.
    return xml.count(_MAIN_URI) == 1 and _MAIN_DEFAULT in xml


def fast_readable(xml: bytes) -> bool:
    """Whether a sheet part holds nothing the fast reader would read otherwise than openpyxl."""
    sd = _SHEET_DATA.search(xml)
    if sd is None or sd.group(1) or not _one_default_namespace(xml):
        return False
    lo, hi = sd.end(), xml.find(b"</sheetData>", sd.end())
    hi = len(xml) if hi < 0 else hi
    if not _texts_safe(xml) or any(p.search(xml, lo, hi) for p in (_PLAIN_FORMULA, _UNSAFE_TYPE, _UNSAFE_VALUE,
                                                                    _EMPTY_INLINE)):
        return False
    # every cell and row addressed: no `<c` nor `<row` but before ` r="` (one scan, not four counts)
    return _UNADDRESSED.search(xml, lo, hi) is None


def fast_readable_strings(xml: bytes | None) -> bool:
    """Whether the shared strings (None: the file has none) read the same in both readers."""
    if xml is None:
        return True
    return _texts_safe(xml) and _one_default_namespace(xml) and not _EMPTY_SHARED.search(xml)


_STYLED_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_STYLE_ATTR = re.compile(rb'\ss="(\d+)"')
_TYPE_ATTR = re.compile(rb'\st="([^"]*)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")


def styled_cells(xml: bytes, styles: Iterable[int]) -> Iterator[tuple[int, int, int, str, str | None]]:
    """The cells whose style is one of `styles` (a date format's): row, column, style, type (`t`, "n"
    when absent) and the text of the value (None: none). Only the parts `fast_readable` passed are asked."""
    if not styles:
        return
    wanted = {str(s).encode() for s in styles}
    if not any(b' s="' + s + b'"' in xml for s in wanted):
        return
    for m in _STYLED_CELL.finditer(xml):
        style = _STYLE_ATTR.search(m.group(3))
        if style is None or style.group(1) not in wanted:
            continue
        kind = _TYPE_ATTR.search(m.group(3))
        value = _VALUE.search(m.group(4)) if m.group(4) else None
        yield (int(m.group(2)), col_index(m.group(1).decode()), int(style.group(1)),
               kind.group(1).decode() if kind else "n",
               value.group(1).decode() if value else None)


# --- dates: which formats show a number as a date, and the date a serial number is ---------------
#
# As openpyxl reads them (the reference read; tests/unit/test_workbook_dates.py holds both the same on
# every built-in format, a corpus of custom ones and serial numbers of every kind), without importing
# openpyxl: 0.14 s of every sync's start-up.

# ECMA-376 Part 1, 18.8.30: the built-in formats that show a date or a time; 46 ([h]:mm:ss) is elapsed time.
_BUILTIN_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
_BUILTIN_DURATION_FORMATS = frozenset({46})
# In a custom format's first section, what shows no part of a date: text in quotes, and a bracketed
# colour, condition or locale ([Red], [<0], [$-th-TH]), but not elapsed hours, minutes or seconds.
_NOT_DATE_PARTS = re.compile(r'"[^"\n]*"|\[(?!(?:hh?|mm?|ss?)\])[^\]]*\]')
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")  # not escaped (\d) nor a space's width (_d)
_ELAPSED = re.compile(r"\[(?:hh?|mm?|ss?)\]", re.I)
EPOCH_1900 = datetime.datetime(1899, 12, 30)  # day 0 as Excel counts (1900 taken as a leap year)
EPOCH_1904 = datetime.datetime(1904, 1, 1)


def is_date_format(code: str | None) -> bool:
    """Whether a number format shows its number as a date or a time (its first section decides)."""
    if code is None:
        return False
    return _DATE_LETTER.search(_NOT_DATE_PARTS.sub("", code.split(";")[0])) is not None


def is_duration_format(code: str | None) -> bool:
    """Whether a number format shows elapsed time ([h]:mm, [mm]:ss): a duration, not a time of day."""
    return code is not None and _ELAPSED.search(code.split(";")[0]) is not None


def date_styles(xml: bytes) -> tuple[frozenset[int], frozenset[int]] | None:
    """The cell formats (indexes into cellXfs) of a stylesheet that show a date, and of those a duration;
    None where there are none to index (no cellXfs) or the stylesheet is not one this reads (then the
    caller reads the workbook the reference way)."""
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError:
        return None
    if root.tag != q("styleSheet"):
        return None
    custom: dict[int, str | None] = {}
    try:
        for fmt in root.iterfind(f"{q('numFmts')}/{q('numFmt')}"):
            custom[int(fmt.get("numFmtId"))] = fmt.get("formatCode")
        ids = [int(xf.get("numFmtId", "0")) for xf in root.iterfind(f"{q('cellXfs')}/{q('xf')}")]
    except (TypeError, ValueError):
        return None
    if not ids:
        return None
    dates, durations = set(), set()
    for index, number_format in enumerate(ids):
        if number_format in custom:
            code = custom[number_format]
            if is_date_format(code):
                dates.add(index)
            if is_duration_format(code):
                durations.add(index)
        else:
            if number_format in _BUILTIN_DATE_FORMATS:
                dates.add(index)
            if number_format in _BUILTIN_DURATION_FORMATS:
                durations.add(index)
    return frozenset(dates), frozenset(durations)


def serial_date(number: float, epoch: datetime.datetime, duration: bool = False
                ) -> datetime.datetime | datetime.time | datetime.timedelta:
    """The date a cell's serial number stands for: days since `epoch` (EPOCH_1900 or EPOCH_1904), to the
    millisecond; a time of day for a number under 1, elapsed time for a duration format. Before 1 March
    1900 the 1900 system counts a day more than there was (its 29 February 1900)."""
    if duration:
        elapsed = datetime.timedelta(days=number)
        if elapsed.microseconds:  # to the millisecond
            elapsed = datetime.timedelta(seconds=elapsed.total_seconds() // 1,
                                         microseconds=round(elapsed.microseconds, -3))
        return elapsed
    days, part = divmod(number, 1)
    clock = datetime.timedelta(milliseconds=round(part * 86_400_000))
    if 0 <= number < 1 and clock.days == 0:
        minutes, seconds = divmod(clock.seconds, 60)
        return datetime.time(minutes // 60, minutes % 60, seconds, clock.microseconds)
    if 0 < number < 60 and epoch == EPOCH_1900:
        days += 1
    return epoch + datetime.timedelta(days=days) + clock


def date1904(parts: Mapping[str, bytes] | zipfile.ZipFile) -> bool:
    """Whether the workbook counts its dates from 1904 (as openpyxl reads `workbookPr date1904`)."""
    book = workbook_part(parts)
    root = _parse(_read(parts, book), book)
    pr = root.find(q("workbookPr"))
    value = pr.get("date1904") if pr is not None else None
    return bool(value) and value not in ("false", "f", "0")


def sheet_data_end(xml: bytes) -> int | None:
    """Where the part's first `</sheetData>` (any prefix) ends: _SHEET_DATA_CLOSE's first match, found by
    its name rather than at every `</` of the rows (the merged ranges of the bench's 5,000-row book: 20 ->
    4 ms). A prefix holds no `/` and no `<`, so the match ending at a name begins at the last
    `</` before it; and the first match to end is the first to begin."""
    at = xml.find(b"sheetData>")
    while at >= 0:
        end = at + len(b"sheetData>")
        start = xml.rfind(b"</", 0, at)
        if start >= 0 and _SHEET_DATA_CLOSE.fullmatch(xml, start, end):
            return end
        at = xml.find(b"sheetData>", end)
    return None


def merged_after_rows(xml: bytes) -> list[str]:
    """The merged ranges of a sheet part (they come after its rows)."""
    end = sheet_data_end(xml)
    return merged_refs(xml[end:] if end is not None else xml)
