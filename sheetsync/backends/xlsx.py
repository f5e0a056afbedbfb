"""The embedded default: every tab in one local .xlsx workbook.

- Reads every tab in one load (openpyxl). A formula a person typed is read as the value the spreadsheet
  program computed and saved with it; a formula saved with no value (written by a program that does not
  calculate) reads as `UncomputedFormula`, which the row checks answer in Thai.
- Writes only the planned cells, as raw values, surgically (`xlsxparts`): only the sheet parts of the
  tabs that change are rewritten, and inside them only the status cells; every other part of the file
  is copied byte for byte. A string is stored as text even when it starts with "=", so nothing the
  sync writes can ever be evaluated. The colour of a state is the conditional formatting `setup` put in
  place, not a style written at each sync.
- `setup` (rare: a new tab, header or indicator row, or formats to repair) rewrites the file with
  openpyxl, then gives every formula back the value it had, so a setup never turns a result into an
  error either.
- Saves atomically: a temporary file in the same folder, then a rename; the file keeps its mode, owner
  and group; the file as it was before is kept beside it as NAME.bak.xlsx (an extension Excel and
  LibreOffice open as it is).
- Refuses to write while Excel (`~$NAME`) or LibreOffice (`.~lock.NAME#`) has the file open, since
  their next save would silently undo ours; and if the file changed on disk since it was read, the
  write is refused (`RowsMoved`) so the sync reads it again.
- Protection as README promises: groups insert and delete rows and columns, sort, filter and add
  columns of their own; only the status columns and the Status tab are locked (no password: it keeps
  a slip from overwriting the sync's columns, it is not security). Every tab prints landscape, fit to
  the page width, with the header row repeated on every page.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from sheetsync.backends import xlsxparts
from sheetsync.backends.base import RowsMoved, SpreadsheetMissing
from sheetsync.core import vocab
from sheetsync.core.cells import CellValue, CellWrite, RawTable, UncomputedFormula, WritePlan, col_letter
from sheetsync.core.columns import INDICATOR_COLUMNS, OUTPUT_COLUMNS
from sheetsync.core.errors import BackendError, WorkbookLocked
from sheetsync.core.layout import TabLayout
from sheetsync.core.rows import identity_key
from sheetsync.core.status import RAG_PREFIXES
from sheetsync.store import files

COLOURS = {"red": "F4CCCC", "amber": "FCE5CD", "green": "D9EAD3"}
FILLS = {
    "status": PatternFill("solid", start_color="EEEEEE"),
    "header": PatternFill("solid", start_color="CFE2F3"),
    "status_header": PatternFill("solid", start_color="B7B7B7"),
}
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
SPARE_ROWS = 200  # rows below the last indicator left unlocked for people to add to
LAST_COLUMN = 16384  # XFD: columns people add of their own are unlocked up to the sheet's edge
LAST_ROW = 1048576
FREEZE = {"group": "C2", "outputs": "B2", "status": None}  # keep header and the key columns in view
STATUS_AREA = "A1:H2000"  # the Status tab's cells that conditional formats colour
# What a tab lets people do while protected (False: allowed). Excel itself still refuses to delete a
# row or sort a range that includes a locked cell: README says to sort the columns of the group's own.
ALLOWED = ("formatCells", "formatColumns", "formatRows", "insertColumns", "insertRows", "insertHyperlinks",
           "deleteColumns", "deleteRows", "sort", "autoFilter", "pivotTables")


def lock_files(path: Path) -> list[Path]:
    """The owner files Excel and LibreOffice leave beside a workbook they have open."""
    name = path.name
    candidates = [path.with_name(f".~lock.{name}#"), path.with_name(f"~${name}")]
    if len(name) > 2:
        candidates.append(path.with_name(f"~${name[2:]}"))
    return [p for p in candidates if p.exists()]


def backup_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.bak{path.suffix}")


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


class WorkbookBackend:
    requests = 0

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._tables: dict[str, RawTable] | None = None
        self._read_signature: tuple[int, int] | None = None

    def describe(self) -> str:
        return str(self.path)

    # --- checks -----------------------------------------------------------------------------------
    def check_writable(self) -> None:
        locks = lock_files(self.path)
        if locks:
            raise WorkbookLocked(vocab.WB_OPEN_ELSEWHERE.format(name=self.path.name, lock=locks[0].name),
                                 vocab.WB_OPEN_ELSEWHERE_HINT)
        if self.path.exists() and not os.access(self.path.parent, os.W_OK):
            raise BackendError(vocab.WB_FOLDER_READONLY.format(path=self.path.parent))

    def _unreadable(self, exc: Exception) -> BackendError:
        return BackendError(vocab.WB_UNREADABLE.format(path=self.path, problem=exc),
                            vocab.WB_UNREADABLE_HINT.format(backup=backup_path(self.path).name))

    def _load(self, data_only: bool = False) -> Workbook:
        if not self.path.exists():
            raise SpreadsheetMissing(vocab.WB_MISSING.format(path=self.path), vocab.WB_MISSING_HINT)
        try:
            return openpyxl.load_workbook(self.path, data_only=data_only)
        except Exception as exc:  # openpyxl raises many kinds for a damaged or non-xlsx file
            raise self._unreadable(exc) from exc

    # --- read ---------------------------------------------------------------------------------------
    def read(self, tabs: list[str], on_tab: Callable[[str], None] | None = None) -> dict[str, RawTable]:
        self._read_signature = _signature(self.path)
        wb = self._load()
        formulas: list[tuple[str, int, int]] = []
        tables: dict[str, RawTable] = {}
        for tab in tabs:
            if tab not in wb.sheetnames:
                continue
            ws = wb[tab]
            if on_tab is not None:
                on_tab(tab)
            values: list[list[Any]] = []
            for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
                line = list(row)
                while line and line[-1] is None:
                    line.pop()  # trailing empty cells trimmed, as Google does
                for c, value in enumerate(line, start=1):
                    # A formula reads as its text here, and so does text typed as "=...": ask the cell.
                    if isinstance(value, str) and value.startswith("=") and ws.cell(r, c).data_type == "f":
                        formulas.append((tab, r, c))
                values.append(line)
            while values and not values[-1]:
                values.pop()  # the spare formatted rows below the data are not data
            tables[tab] = RawTable.model_construct(tab=tab, values=values)
        if formulas:
            for (tab, r, c), value in self._cached_values(formulas).items():
                line = tables[tab].values[r - 1]
                line[c - 1] = UncomputedFormula(line[c - 1]) if value is None else value
        self._tables = tables
        return tables

    def _cached_values(self, formulas: list[tuple[str, int, int]]) -> dict[tuple[str, int, int], Any]:
        """The value the spreadsheet program saved with each formula (None: it saved none)."""
        cached = self._load(data_only=True)
        return {(tab, r, c): cached[tab].cell(r, c).value for tab, r, c in formulas}

    # --- write --------------------------------------------------------------------------------------
    def write(self, plan: WritePlan) -> int:
        self.check_writable()
        tables = self._tables
        if tables is None or _signature(self.path) != self._read_signature:
            raise RowsMoved(vocab.WB_CHANGED.format(name=self.path.name))
        if not plan.writes:
            return 0  # nothing changed: leave the file (and its modified time) alone
        by_tab = plan.by_tab()
        for tab, writes in by_tab.items():
            raw = tables.get(tab)
            for w in writes:
                if w.identity and identity_key(raw.cell(w.row, w.identity.col) if raw else None,
                                               w.identity.kind) != w.identity.key:
                    raise RowsMoved(vocab.ROW_NOT_THE_SAME.format(row=w.row, tab=tab))
        try:
            replaced, added = self._patched_parts(by_tab, tables)
            data = xlsxparts.rewrite(self.path, replaced, added)
        except (xlsxparts.PartsError, zipfile.BadZipFile, OSError) as exc:
            raise self._unreadable(exc) from exc
        self.check_writable()
        files.copy_file(self.path, backup_path(self.path))  # the file as it was, kept beside it
        files.write_bytes(self.path, data)
        self._read_signature = _signature(self.path)
        return len(plan.writes)

    def _patched_parts(self, by_tab: dict[str, list[CellWrite]],
                       tables: dict[str, RawTable]) -> tuple[dict[str, bytes], list[str]]:
        replaced: dict[str, bytes] = {}
        added: list[str] = []
        with zipfile.ZipFile(self.path) as zf:
            parts = xlsxparts.sheet_parts(zf)
            for tab, writes in by_tab.items():
                name = parts.get(tab)
                if name is None:  # the Status tab deleted by hand: it comes back, at the end
                    name, new = xlsxparts.add_sheet({**{n: zf.read(n) for n in zf.namelist()}, **replaced}, tab)
                    added += [n for n in new if n not in zf.namelist() and n not in added]
                    replaced.update(new)
                raw = tables.get(tab)
                cells: dict[tuple[int, int], CellValue] = {(w.row, w.col): w.value for w in writes}
                rows = {w.row: raw.values[w.row - 1] for w in writes if raw and w.row <= raw.row_count}
                xml = replaced.get(name) or zf.read(name)
                replaced[name] = xlsxparts.patch_sheet(xml, cells, rows, part=name)
        return replaced, added

    # --- setup --------------------------------------------------------------------------------------
    def setup(self, layouts: list[TabLayout]) -> list[str]:
        """Create or repair every tab; returns what changed (nothing: the file is not touched)."""
        existed = self.path.exists()
        wb = self._load() if existed else _new_workbook()
        changes: list[str] = []
        for layout in layouts:
            if layout.create:
                wb.create_sheet(layout.tab)
                changes.append(vocab.SETUP_TAB_CREATED.format(tab=layout.tab))
            ws = wb[layout.tab]
            for w in layout.writes:
                _put(ws, w)
            if layout.writes:
                changes.append(vocab.SETUP_CELLS_ADDED.format(cells=len(layout.writes), tab=layout.tab))
            if _needs_format(ws, layout):
                _format_tab(ws, layout)
                changes.append(vocab.SETUP_TAB_FORMATTED.format(tab=layout.tab))
        if changes:
            self.check_writable()
            cached = self._formula_values(wb) if existed else {}
            saved = io.BytesIO()
            wb.save(saved)
            data = _give_back_values(saved, cached) if cached else saved.getvalue()
            if existed:  # the file as it was, kept beside it before the new one replaces it
                files.copy_file(self.path, backup_path(self.path))
            files.write_bytes(self.path, data)
            self._read_signature = _signature(self.path)
        return changes

    def _formula_values(self, wb: Workbook) -> dict[str, dict[tuple[int, int], Any]]:
        """Each tab's formula cells -> the value saved with them, which openpyxl's save would drop."""
        wanted: list[tuple[str, int, int]] = [(ws.title, cell.row or 0, cell.column or 0) for ws in wb.worksheets
                                              for row in ws.iter_rows() for cell in row if cell.data_type == "f"]
        out: dict[str, dict[tuple[int, int], Any]] = {}
        if wanted:
            for (tab, r, c), value in self._cached_values(wanted).items():
                if value is not None:
                    out.setdefault(tab, {})[(r, c)] = value
        return out


def _give_back_values(saved: io.BytesIO, cached: dict[str, dict[tuple[int, int], Any]]) -> bytes:
    with zipfile.ZipFile(saved) as zf:
        parts = xlsxparts.sheet_parts(zf)
        replaced = {parts[tab]: xlsxparts.put_cached_values(zf.read(parts[tab]), values, part=parts[tab])
                    for tab, values in cached.items() if tab in parts}
    return xlsxparts.rewrite(saved, replaced)


def _new_workbook() -> Workbook:
    wb = openpyxl.Workbook()
    first = wb.active  # a new workbook has one blank sheet, active
    assert first is not None
    wb.remove(first)
    return wb


def _put(ws: Worksheet, w: CellWrite) -> None:
    # Setup's own cells (headers, an indicator's code and title): raw values, never a formula.
    cell = ws.cell(w.row, w.col)
    cell.value = w.value
    if isinstance(w.value, str):
        cell.data_type = "s"


def _needs_format(ws: Worksheet, layout: TabLayout) -> bool:
    if layout.create or layout.writes or not ws.protection.sheet:
        return True
    if any(getattr(ws.protection, flag) for flag in ALLOWED) or not _has_rag_rules(ws):
        return True
    if ws.page_setup.orientation != "landscape" or (not ws.print_title_rows and layout.kind != "status"):
        return True
    if layout.kind == "status":
        return False
    if ws.freeze_panes != FREEZE[layout.kind]:
        return True
    check_row = 2
    if any(ws.cell(check_row, c).protection.locked for c in [*layout.user_columns, *layout.columns.values()]
           if c not in layout.status_columns):
        return True
    if any(not ws.cell(check_row, c).protection.locked for c in layout.status_columns):
        return True
    level_col = layout.columns.get("self_level")
    return bool(level_col and layout.level_choices
                and not any(dv.formula1 == level_list(layout) for dv in ws.data_validations.dataValidation))


def level_list(layout: TabLayout) -> str:
    # The level dropdown's items (the office's level names) as a list validation's formula.
    return '"' + ",".join(layout.level_choices) + '"'


def _rag_formula(colour: str, top_left: str, header_key: str | None = None) -> str:
    # True when the cell's text starts with one of the state words of `colour` (relative to the range's
    # first cell, as conditional formats count); on the Status tab, not in a table's header row (its
    # first cell is `header_key`), where a column may be named with a state's word.
    tests = [f'LEFT({top_left},{len(p)})="{p}"' for p in RAG_PREFIXES[colour]]
    test = tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"
    if header_key is None:
        return test
    row = "".join(ch for ch in top_left if ch.isdigit())
    return f'AND($A{row}<>"{header_key}",{test})'


def _is_ours(rule: Any) -> bool:
    return bool(rule.formula) and any(f'"{p}"' in rule.formula[0] for p in RAG_PREFIXES["red"])


def _has_rag_rules(ws: Worksheet) -> bool:
    return any(_is_ours(rule) for cf in ws.conditional_formatting for rule in cf.rules)


def _add_rag_rules(ws: Worksheet, ranges: list[str], header_key: str | None = None) -> None:
    # Rules of an earlier setup on these ranges are replaced; a group's own rules elsewhere stay.
    kept = ConditionalFormattingList()
    for cf in ws.conditional_formatting:
        if str(cf.sqref) not in ranges and not (cf.rules and _is_ours(cf.rules[0])):
            for rule in cf.rules:
                kept.add(str(cf.sqref), rule)
    ws.conditional_formatting = kept
    for area in ranges:
        top_left = area.split(":")[0]
        for colour, rgb in COLOURS.items():
            fill = PatternFill(start_color=rgb, end_color=rgb, fill_type="solid")
            ws.conditional_formatting.add(area, FormulaRule(formula=[_rag_formula(colour, top_left, header_key)],
                                                            fill=fill, stopIfTrue=True))


def _print_setup(ws: Worksheet, title_rows: str | None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True
    for flag in ALLOWED:
        setattr(ws.protection, flag, False)


def _format_tab(ws: Worksheet, layout: TabLayout) -> None:
    _protect(ws)
    if layout.kind == "status":
        _format_status_tab(ws)
        return
    _print_setup(ws, "1:1")
    ws.freeze_panes = FREEZE[layout.kind]
    last = max(layout.last_row, ws.max_row) + SPARE_ROWS
    status = set(layout.status_columns)
    # Every column is open by default, so a column a group adds of its own is theirs to type in; the
    # status columns are locked, grey and wrap their text.
    widest = max([ws.max_column, *layout.columns.values()])
    for c in range(1, widest + 1):
        dim = ws.column_dimensions[col_letter(c)]
        if c in status:
            dim.protection, dim.fill, dim.alignment = LOCKED, FILLS["status"], WRAP_TOP
        else:
            dim.protection, dim.alignment = UNLOCKED, WRAP_TOP
    beyond = ws.column_dimensions[col_letter(widest + 1)]
    beyond.min, beyond.max = widest + 1, LAST_COLUMN
    beyond.protection = UNLOCKED
    for c in range(1, widest + 1):
        if c not in status:  # the key columns too: a group adds a row with its indicator's code
            for r in range(2, last + 1):
                cell = ws.cell(r, c)
                cell.protection, cell.alignment = UNLOCKED, WRAP_TOP
    for c in layout.status_columns:
        for r in range(2, last + 1):
            cell = ws.cell(r, c)
            cell.protection, cell.fill, cell.alignment = LOCKED, FILLS["status"], WRAP_TOP
    _add_rag_rules(ws, [f"{col_letter(c)}2:{col_letter(c)}{LAST_ROW}" for c in layout.status_columns])
    bold = Font(bold=True)
    for c in range(1, ws.max_column + 1):
        cell = ws.cell(1, c)
        if cell.value is None:
            continue
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.fill = FILLS["status_header"] if c in status else FILLS["header"]
    widths = {c.key: c.width for c in (INDICATOR_COLUMNS if layout.kind == "group" else OUTPUT_COLUMNS)}
    for key, col in layout.columns.items():
        ws.column_dimensions[col_letter(col)].width = widths.get(key, 16)
    # The header row as tall as its longest label wraps to (office programs keep a height they are given).
    header_lines = max((xlsxparts.lines_needed(str(ws.cell(1, col).value or ""), widths.get(key, 16))
                        for key, col in layout.columns.items()), default=1)
    ws.row_dimensions[1].height = header_lines * xlsxparts.LINE_HEIGHT_PT
    level_col = layout.columns.get("self_level")
    if level_col and layout.level_choices:
        # A dropdown from an earlier setup (other level names) is replaced, not stacked under the new one.
        first = f"{col_letter(level_col)}2"
        ws.data_validations.dataValidation = [old for old in ws.data_validations.dataValidation
                                              if not (old.type == "list" and first in old.sqref)]
        dv = DataValidation(type="list", formula1=level_list(layout), allow_blank=True,
                            errorTitle=vocab.LEVEL_DROPDOWN_ERROR_TITLE,
                            error=vocab.LEVEL_DROPDOWN_ERROR.format(low=min(layout.level_names),
                                                                     high=max(layout.level_names)),
                            promptTitle=vocab.LEVEL_DROPDOWN_TITLE, prompt=", ".join(layout.level_choices))
        dv.add(f"{col_letter(level_col)}2:{col_letter(level_col)}{last}")
        ws.add_data_validation(dv)


def _format_status_tab(ws: Worksheet) -> None:
    # The sync writes this tab's values only: the title's size is A1's own style, a section heading
    # (a text in A with nothing in B) is bold and a state is coloured by the conditional formats here.
    _print_setup(ws, None)
    for letter, width in zip("ABCDEFG", (36, 30, 30, 14, 14, 16, 26), strict=True):
        dim = ws.column_dimensions[letter]
        dim.width, dim.alignment = width, WRAP_TOP
    ws["A1"].font = Font(bold=True, size=14)
    _add_rag_rules(ws, [STATUS_AREA], header_key=vocab.ST_GROUP)
    ws.conditional_formatting.add(STATUS_AREA.replace("A1", "A2"),
                                  FormulaRule(formula=['AND($A2<>"",$B2="")'], font=Font(bold=True)))
