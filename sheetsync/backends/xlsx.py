"""The embedded default: every tab in one local .xlsx workbook, read and written with openpyxl.

- Reads every tab in one load. A formula a person typed is kept as a formula; its value is read from
  the cached result when the file was last saved by Excel or LibreOffice.
- Writes only the planned cells, as raw values: a string is stored as text even when it starts with
  "=", so nothing the sync writes can ever be evaluated.
- Saves atomically: a temporary file in the same folder, then a rename; the file as it was before is
  kept beside it as NAME.bak.xlsx (an extension Excel and LibreOffice open as it is).
- Refuses to write while Excel (`~$NAME`) or LibreOffice (`.~lock.NAME#`) has the file open, since
  their next save would silently undo ours; and if the file changed on disk since it was read, the
  write is refused (`RowsMoved`) so the sync reads it again.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sheetsync.backends.base import RowsMoved, SpreadsheetMissing
from sheetsync.core import vocab
from sheetsync.core.cells import CellWrite, RawTable, WritePlan, col_letter
from sheetsync.core.columns import INDICATOR_COLUMNS, OUTPUT_COLUMNS
from sheetsync.core.errors import BackendError, WorkbookLocked
from sheetsync.core.layout import TabLayout
from sheetsync.core.rows import identity_key
from sheetsync.core.status import rag
from sheetsync.store import files

FILLS = {
    "red": PatternFill("solid", start_color="F4CCCC"),
    "amber": PatternFill("solid", start_color="FCE5CD"),
    "green": PatternFill("solid", start_color="D9EAD3"),
    "status": PatternFill("solid", start_color="EEEEEE"),
    "header": PatternFill("solid", start_color="CFE2F3"),
    "status_header": PatternFill("solid", start_color="B7B7B7"),
}
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)
SPARE_ROWS = 200  # rows below the last indicator left unlocked for people to add to
FREEZE = {"group": "C2", "outputs": "B2", "status": None}  # keep header and the key columns in view


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
        self._wb: Workbook | None = None
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

    def _load(self) -> Workbook:
        if not self.path.exists():
            raise SpreadsheetMissing(vocab.WB_MISSING.format(path=self.path), vocab.WB_MISSING_HINT)
        try:
            return openpyxl.load_workbook(self.path)
        except Exception as exc:  # openpyxl raises many kinds for a damaged or non-xlsx file
            raise BackendError(vocab.WB_UNREADABLE.format(path=self.path, problem=exc),
                               vocab.WB_UNREADABLE_HINT.format(backup=backup_path(self.path).name)) from exc

    # --- read ---------------------------------------------------------------------------------------
    def read(self, tabs: list[str], on_tab: Callable[[str], None] | None = None) -> dict[str, RawTable]:
        self._read_signature = _signature(self.path)
        wb = self._load()
        self._wb = wb
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
            self._resolve_formulas(tables, formulas)
        return tables

    def _resolve_formulas(self, tables: dict[str, RawTable], formulas: list[tuple[str, int, int]]) -> None:
        cached = openpyxl.load_workbook(self.path, data_only=True)
        for tab, r, c in formulas:
            value = cached[tab].cell(r, c).value
            if value is not None:
                tables[tab].values[r - 1][c - 1] = value

    # --- write --------------------------------------------------------------------------------------
    def write(self, plan: WritePlan) -> int:
        self.check_writable()
        if self._wb is None or _signature(self.path) != self._read_signature:
            raise RowsMoved(vocab.WB_CHANGED.format(name=self.path.name))
        if not plan.writes:
            return 0  # nothing changed: leave the file (and its modified time) alone
        wb = self._wb
        for tab, writes in plan.by_tab().items():
            ws = wb[tab] if tab in wb.sheetnames else wb.create_sheet(tab)
            for w in writes:
                if w.identity and identity_key(ws.cell(w.row, w.identity.col).value, w.identity.kind) != w.identity.key:
                    raise RowsMoved(vocab.ROW_NOT_THE_SAME.format(row=w.row, tab=tab))
            for w in writes:
                _put(ws, w)
            if tab == plan.status_tab:
                _format_status_tab(ws)
        self._save(wb)
        return len(plan.writes)

    def _save(self, wb: Workbook) -> None:
        self.check_writable()
        with files.atomic_path(self.path) as tmp:
            wb.save(tmp)
            if self.path.exists():  # the file as it was, kept beside it before the new one replaces it
                files.copy_file(self.path, backup_path(self.path))
        self._read_signature = _signature(self.path)

    # --- setup --------------------------------------------------------------------------------------
    def setup(self, layouts: list[TabLayout]) -> list[str]:
        """Create or repair every tab; returns what changed (nothing: the file is not touched)."""
        wb = self._load() if self.path.exists() else _new_workbook()
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
            self._save(wb)
        return changes


def _new_workbook() -> Workbook:
    wb = openpyxl.Workbook()
    first = wb.active  # a new workbook has one blank sheet, active
    assert first is not None
    wb.remove(first)
    return wb


def _put(ws: Worksheet, w: CellWrite) -> None:
    cell = ws.cell(w.row, w.col)
    cell.value = w.value
    if isinstance(w.value, str):
        cell.data_type = "s"  # raw text, never a formula
        if "\n" in w.value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    colour = rag(w.value)
    if w.row > 1 and w.identity is not None:
        cell.fill = FILLS[colour] if colour else FILLS["status"]
    elif colour:
        cell.fill = FILLS[colour]


def _needs_format(ws: Worksheet, layout: TabLayout) -> bool:
    if layout.create or layout.writes or not ws.protection.sheet:
        return True
    if layout.kind == "status":
        return False
    if ws.freeze_panes != FREEZE[layout.kind]:
        return True
    check_row = 2
    if any(ws.cell(check_row, c).protection.locked for c in layout.user_columns):
        return True
    if any(not ws.cell(check_row, c).protection.locked for c in layout.status_columns):
        return True
    level_col = layout.columns.get("self_level")
    return bool(level_col and layout.level_choices
                and not any(dv.formula1 == level_list(layout) for dv in ws.data_validations.dataValidation))


def level_list(layout: TabLayout) -> str:
    # The level dropdown's items (the office's level names) as a list validation's formula.
    return '"' + ",".join(layout.level_choices) + '"'


def _format_tab(ws: Worksheet, layout: TabLayout) -> None:
    protection = ws.protection
    protection.sheet = True
    # Protection guards the status columns; people still sort, filter, hide and insert as usual.
    for flag in ("formatCells", "formatColumns", "formatRows", "insertRows", "deleteRows", "sort", "autoFilter",
                 "insertHyperlinks"):
        setattr(protection, flag, False)
    if layout.kind == "status":
        ws.column_dimensions["A"].width = 40
        for letter in "BCDEFG":
            ws.column_dimensions[letter].width = 22
        return
    ws.freeze_panes = FREEZE[layout.kind]
    last = max(layout.last_row, ws.max_row) + SPARE_ROWS
    for c in layout.user_columns:
        for r in range(2, last + 1):
            ws.cell(r, c).protection = UNLOCKED
    for c in layout.status_columns:
        for r in range(2, last + 1):
            cell = ws.cell(r, c)
            cell.protection = LOCKED
            if cell.fill is None or cell.fill.fill_type is None:
                cell.fill = FILLS["status"]
    bold = Font(bold=True)
    for c in range(1, ws.max_column + 1):
        cell = ws.cell(1, c)
        if cell.value is None:
            continue
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.fill = FILLS["status_header"] if c in layout.status_columns else FILLS["header"]
    widths = {c.key: c.width for c in (INDICATOR_COLUMNS if layout.kind == "group" else OUTPUT_COLUMNS)}
    for key, col in layout.columns.items():
        ws.column_dimensions[col_letter(col)].width = widths.get(key, 16)
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
    ws["A1"].font = Font(bold=True, size=14)
    for row in ws.iter_rows(min_col=1, max_col=1):
        cell = row[0]
        if isinstance(cell.value, str) and cell.row > 1 and ws.cell(cell.row, 2).value is None and cell.value:
            cell.font = Font(bold=True)
