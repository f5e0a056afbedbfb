"""What people changed between two runs, and how to put a run's values back. Pure.

Cells are matched by row identity (indicator code, or the output's title) and column header, not by
address: a row inserted above others does not make every cell below it look changed, and a restore
writes each value into the row that holds the same indicator now, wherever it moved. Status columns
and the Status tab are the sync's own and are never part of a diff or a restore.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from sheetsync.core import thai
from sheetsync.core.cells import CellWrite, Identity, KeyKind, RawTable, a1
from sheetsync.core.columns import OUTPUT_COLUMNS
from sheetsync.core.models import Office
from sheetsync.core.rows import identity_key, indicator_columns, locate_columns, normalize_label

Key = tuple[str, str]  # (row key, column label)


class CellChange(BaseModel):
    tab: str
    cell: str
    row_key: str
    column: str
    old: Any = None
    new: Any = None


class UserCells(BaseModel):
    """A tab's people-typed cells: (row key, column label) -> (row, column, value)."""

    key_col: int | None
    kind: KeyKind
    cells: dict[str, tuple[int, int, Any]]  # "key\x1flabel" -> (row, col, value)


def _tab_kinds(office: Office) -> dict[str, str]:
    kinds = {g.tab: "group" for g in office.groups}
    kinds[office.outputs_tab] = "outputs"
    return kinds


def user_cells(office: Office, raw: RawTable, kind: str) -> UserCells:
    columns = indicator_columns(office) if kind == "group" else OUTPUT_COLUMNS
    status_labels = {normalize_label(c.label) for c in columns if c.filled_by == "sync"}
    found, _ = locate_columns(raw.header, columns)
    key_name = "code" if kind == "group" else "title"
    key_kind: KeyKind = "code" if kind == "group" else "label"
    key_col = found.get(key_name)
    cells: dict[str, tuple[int, int, Any]] = {}
    for r in range(1, raw.row_count + 1):
        line = raw.values[r - 1]
        if r == 1:
            row_key = "#header"
        else:
            key = identity_key(raw.cell(r, key_col), key_kind) if key_col else ""
            row_key = key or f"#row{r}"
        for c, value in enumerate(line, start=1):
            label = normalize_label(raw.cell(1, c)) or f"#col{c}"
            if label in status_labels or thai.is_blank(value):
                continue
            cells[f"{row_key}\x1f{label}"] = (r, c, value)
    return UserCells(key_col=key_col, kind=key_kind, cells=cells)


def diff_runs(office: Office, old: dict[str, RawTable], new: dict[str, RawTable]) -> list[CellChange]:
    changes: list[CellChange] = []
    for tab, kind in _tab_kinds(office).items():
        if tab not in old and tab not in new:
            continue
        before = user_cells(office, old.get(tab, RawTable(tab=tab, values=[])), kind).cells
        after = user_cells(office, new.get(tab, RawTable(tab=tab, values=[])), kind).cells
        for key in sorted(before.keys() | after.keys(), key=lambda k: (after.get(k) or before[k])[:2]):
            was = before.get(key, (0, 0, None))
            now = after.get(key, (0, 0, None))
            if was[2] == now[2]:
                continue
            row_key, label = key.split("\x1f")
            where = now if now[0] else was
            changes.append(CellChange(tab=tab, cell=a1(where[0], where[1]), row_key=row_key, column=label,
                                      old=was[2], new=now[2]))
    return changes


def parse_range(text: str) -> tuple[int, int, int, int] | None:
    """"A1:M20" (or "M20:A1", "c2", "$A$1:$B$2") -> (row1, col1, row2, col2); None when it is not a range
    of cells in A1 notation (a whole column or row, a sheet name, a row 0, anything else)."""
    from openpyxl.utils.cell import range_boundaries  # imported when used: see core/cells.py

    try:
        c1, r1, c2, r2 = range_boundaries(text.strip())
    except (ValueError, TypeError):
        return None
    if c1 is None or r1 is None or c2 is None or r2 is None or min(r1, r2) < 1:
        return None
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


class RestorePlan(BaseModel):
    writes: list[CellWrite]
    shown: list[CellChange]
    rows_gone: list[str]
    kept: list[str] = []  # cells the restore leaves as they are, each with why (a formula now: app.operations)


def plan_restore(office: Office, tab: str, old: RawTable, current: RawTable,
                 bounds: tuple[int, int, int, int] | None = None) -> RestorePlan:
    """Writes that put `old`'s people-typed values (within `bounds`, in old addresses) back into `current`."""
    kind = _tab_kinds(office)[tab]
    before = user_cells(office, old, kind)
    now = user_cells(office, current, kind)
    rows_now: dict[str, int] = {}
    cols_now: dict[str, int] = {}
    for key, (r, c, _) in now.cells.items():
        row_key, label = key.split("\x1f")
        rows_now.setdefault(row_key, r)
        cols_now.setdefault(label, c)
    for c in range(1, len(current.header) + 1):
        cols_now.setdefault(normalize_label(current.cell(1, c)) or f"#col{c}", c)
    if now.key_col:
        for r in range(2, current.row_count + 1):
            key = identity_key(current.cell(r, now.key_col), now.kind)
            if key:
                rows_now.setdefault(key, r)
    writes: list[CellWrite] = []
    shown: list[CellChange] = []
    gone: set[str] = set()
    wanted = dict(before.cells)
    # A cell typed since the run, in a row the run had, goes back to blank too.
    old_rows = {k.split("\x1f")[0] for k in before.cells}
    for key in now.cells:
        if key not in wanted and key.split("\x1f")[0] in old_rows:
            wanted[key] = (0, 0, None)
    for key, (r_old, c_old, value) in wanted.items():
        row_key, label = key.split("\x1f")
        if bounds and r_old and not (bounds[0] <= r_old <= bounds[2] and bounds[1] <= c_old <= bounds[3]):
            continue
        if row_key == "#header":
            continue
        r_new = rows_now.get(row_key) if not row_key.startswith("#row") else int(row_key[4:])
        c_new = cols_now.get(label) if not label.startswith("#col") else int(label[4:])
        if r_new is None or c_new is None:
            gone.add(row_key)
            continue
        have = current.cell(r_new, c_new)
        if have == value or (thai.is_blank(have) and thai.is_blank(value)):
            continue
        if bounds and not r_old:
            r_here, c_here = now.cells[key][:2]
            if not (bounds[0] <= r_here <= bounds[2] and bounds[1] <= c_here <= bounds[3]):
                continue
        identity = None
        if now.key_col and not row_key.startswith("#row"):
            identity = Identity(col=now.key_col, key=row_key, kind=now.kind)
        writes.append(CellWrite(tab=tab, row=r_new, col=c_new, value=value, identity=identity))
        shown.append(CellChange(tab=tab, cell=a1(r_new, c_new), row_key=row_key, column=label, old=have, new=value))
    return RestorePlan(writes=writes, shown=shown, rows_gone=sorted(gone))
