"""What `sheetsync setup` must add so each tab has its headers and its pre-filled indicator rows. Pure.

Setup only adds: a missing tab, a missing header cell (after the last one), a missing indicator row
(after the last used row, with its code and title). It never changes a cell that holds a value, so it
is safe to run after people have typed, and a second run finds nothing to add.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from sheetsync.core import thai, vocab
from sheetsync.core.cells import CellWrite, RawTable
from sheetsync.core.columns import INDICATOR_COLUMNS, OUTPUT_COLUMNS, Column, with_labels
from sheetsync.core.models import Office
from sheetsync.core.rows import locate_columns, normalize_code

TabKind = Literal["group", "outputs", "status"]


class TabLayout(BaseModel):
    tab: str
    kind: TabKind
    create: bool
    writes: list[CellWrite]
    columns: dict[str, int]  # key -> column after the writes
    user_columns: list[int]
    status_columns: list[int]
    last_row: int  # last row holding an indicator after the writes
    level_names: dict[int, str] = {}  # the office's levels, for the self-assessed level dropdown (group tabs)

    @property
    def changed(self) -> bool:
        return self.create or bool(self.writes)

    @property
    def level_choices(self) -> list[str]:
        """The level dropdown's items, best first and named as the office names them: "5 ดีเยี่ยม", ..."""
        return [vocab.LEVEL_CHOICE.format(level=level, name=name)
                for level, name in sorted(self.level_names.items(), reverse=True)]


def _columns_after(tab: str, raw: RawTable | None, columns: tuple[Column, ...]) -> tuple[dict[str, int], list[CellWrite]]:
    header = raw.header if raw else []
    found, _ = locate_columns(header, columns)
    width = len(header)
    while width and thai.is_blank(header[width - 1]):
        width -= 1
    writes = []
    for column in columns:
        if column.key not in found:
            width += 1
            found[column.key] = width
            writes.append(CellWrite(tab=tab, row=1, col=width, value=column.label))
    return found, writes


def _last_used_row(raw: RawTable | None) -> int:
    if raw is None:
        return 1
    for r in range(raw.row_count, 0, -1):
        if any(not thai.is_blank(v) for v in raw.values[r - 1]):
            return r
    return 1


def group_layout(office: Office, group_tab: str, group_code: str, raw: RawTable | None) -> TabLayout:
    columns = with_labels(INDICATOR_COLUMNS, office.columns)
    found, writes = _columns_after(group_tab, raw, columns)
    present: set[str] = set()
    if raw is not None:
        col = found["code"]
        present = {normalize_code(raw.cell(r, col)) for r in range(2, raw.row_count + 1)}
    row = _last_used_row(raw)
    for indicator in office.group_indicators(group_code):
        if indicator.code in present:
            continue
        row += 1
        writes.append(CellWrite(tab=group_tab, row=row, col=found["code"], value=indicator.code))
        writes.append(CellWrite(tab=group_tab, row=row, col=found["title"], value=indicator.title))
    return TabLayout(
        tab=group_tab, kind="group", create=raw is None, writes=writes, columns=found,
        user_columns=[found[c.key] for c in columns if c.filled_by == "group"],
        status_columns=[found[c.key] for c in columns if c.filled_by == "sync"],
        last_row=row, level_names=dict(office.levels.names),
    )


def outputs_layout(office: Office, raw: RawTable | None) -> TabLayout:
    found, writes = _columns_after(office.outputs_tab, raw, OUTPUT_COLUMNS)
    return TabLayout(
        tab=office.outputs_tab, kind="outputs", create=raw is None, writes=writes, columns=found,
        user_columns=[found[c.key] for c in OUTPUT_COLUMNS if c.filled_by == "group"],
        status_columns=[found[c.key] for c in OUTPUT_COLUMNS if c.filled_by == "sync"],
        last_row=_last_used_row(raw),
    )


def plan_setup(office: Office, tables: dict[str, RawTable]) -> list[TabLayout]:
    layouts = [group_layout(office, g.tab, g.code, tables.get(g.tab)) for g in office.groups]
    layouts.append(outputs_layout(office, tables.get(office.outputs_tab)))
    status = tables.get(office.status_tab)
    layouts.append(TabLayout(tab=office.status_tab, kind="status", create=status is None, writes=[], columns={},
                             user_columns=[], status_columns=[], last_row=1))
    return layouts


def tabs_to_read(office: Office) -> list[str]:
    return [g.tab for g in office.groups] + [office.outputs_tab, office.status_tab]
