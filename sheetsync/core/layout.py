"""What `sheetsync setup` must add so each tab has its headers and its pre-filled indicator rows, which
columns are the sync's own status columns, and which tab a group renamed. Pure.

Setup only adds: a missing tab, a missing header cell (after the last column that holds any value, in
any row), a missing indicator row (after the last used row, with its code and title). It never changes
a cell that holds a value, so it is safe to run after people have typed, and a second run finds nothing
to add.

A header a group renamed is not added again (issue 15, point 6): when a required header is missing and
another header in row 1 is much like it (core.headers: "วันที่รายงานผล" for "วันที่รายงาน"), setup adds no
column for it, since the group's values are in the renamed one and an empty duplicate would only
take their place in what the sync reads. It does not rename the group's header either (a typed cell
is never changed): it leaves both and tells the coordinator (`TabLayout.notes`), who decides: the
header back to its label (the group's, or the coordinator's own edit in the sheet), or the label
typed in an empty cell of row 1 when the two are not the same column. The sync says the same beside
the rows that need the column (core.rows: `renamed-column`). A header with nothing like it is added
after the last column, as ever.

A group tab renamed by its group (`find_renamed_tabs`) is taken for the group instead of a new empty
one: by a name listed in the group's `tab_aliases`, else by its rows: the indicator codes in its code
column are (mostly) the group's, and of no other group whose tab is missing more closely. Which one
was taken is said to the coordinator with how to make it permanent (set `tab:` in office.yaml); the
lookup itself is backends.tabs.

The sync's own columns (issue 13): a status column is the sync's when its header is the status label
AND the backend's marker says it is (`RawTable.marks`). The marker is something only setup and the
sync set, that follows the column when people insert, delete or move columns, and that typing or
copying a cell never carries:
- workbook: a defined name local to the tab per status column, `sheetsync_<key>` (e.g.
  `sheetsync_score`) referring to the column's header cell (`'tab'!$P$1`), and `sheetsync_tab` (the
  constant 1) saying the tab is marked at all. Excel and LibreOffice move a name's reference with its
  cell and turn it into #REF! when the column is deleted; no cell edit, copy or paste touches names.
  Setup writes them (openpyxl); the sync reads them with the workbook and writes workbook.xml only on
  the rare night it adds a status column (`WorkbookBackend.mark_columns`).
- Google Sheets: developer metadata on the column (key `sheetsync:column`, value the status key), which
  Google moves with the column and deletes with it, and on the sheet (`sheetsync:tab`). Read in the
  same request as the values (values:batchGetByDataFilter: a sync still costs 3 requests), so values
  and marker are of one moment; written by setup, and by the sync when it adds a status column.
So a person's column is never written, whatever its header says: a header renamed or deleted, or a
column deleted, leaves that status column missing, and a missing one is added after the last column
holding any value (never over one), once (it is marked as it is written), and the sync says so. A tab
with status labels but no marker at all (set up before markers existed) is not written until `setup`
marks it, which then takes the first column of each status label, as earlier versions wrote there.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from sheetsync.core import thai, vocab
from sheetsync.core.cells import CellWrite, RawTable, a1
from sheetsync.core.columns import OUTPUT_COLUMNS, Column
from sheetsync.core.headers import nearest_headers
from sheetsync.core.models import Group, Office
from sheetsync.core.rows import indicator_columns, locate_columns, normalize_code, normalize_label

TabKind = Literal["group", "outputs", "status"]


class SyncColumns(BaseModel):
    """Where a tab's status columns are, as far as the sync may write them."""

    columns: dict[str, int]  # status key -> the sync's column (its label, and the sync's marker)
    missing: list[str]  # status keys with no column of the sync's, in column order: to add
    foreign: list[int]  # columns headed with a status label that are not the sync's (a person's)
    unmarked: bool = False  # status labels but no marker at all: which columns are the sync's is unknown


def find_sync_columns(raw: RawTable | None, columns: tuple[Column, ...], adopt_unmarked: bool = False) -> SyncColumns:
    """The sync's own status columns of a tab: for each status key, a column whose header is its label
    and that the backend's marker gives that key (the rightmost, should two be). On a tab with no marker
    at all: none when no header is a status label (all are missing); else `unmarked`, unless
    `adopt_unmarked` (setup, run by the coordinator, marking a tab set up before markers existed): then
    the first column of each status label, where earlier versions wrote."""
    keys = [c.key for c in columns if c.filled_by == "sync"]
    key_of = {normalize_label(c.label): c.key for c in columns if c.filled_by == "sync"}
    labelled: dict[str, list[int]] = {}
    for col, value in enumerate(raw.header if raw else [], start=1):
        key = key_of.get(normalize_label(value))
        if key is not None:
            labelled.setdefault(key, []).append(col)
    marks = raw.marks if raw is not None else None
    found: dict[str, int] = {}
    if marks is None:
        if labelled and not adopt_unmarked:
            return SyncColumns(columns={}, missing=[], foreign=[], unmarked=True)
        found = {key: cols[0] for key, cols in labelled.items()}
    else:
        for key in keys:
            ours = [col for col in labelled.get(key, []) if marks.get(col) == key]
            if ours:
                found[key] = ours[-1]
    taken = set(found.values())
    foreign = sorted(col for cols in labelled.values() for col in cols if col not in taken)
    return SyncColumns(columns=found, missing=[k for k in keys if k not in found], foreign=foreign)


def last_used_column(raw: RawTable | None) -> int:
    """The last column that holds any value in any row, the header included (0: an empty tab). A column
    added after it covers nothing anyone typed, whatever its header cell says."""
    last = 0
    for line in raw.values if raw is not None else []:
        n = len(line)
        while n > last and (line[n - 1] is None or line[n - 1] == ""):
            n -= 1
        last = max(last, n)
    return last


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
    marks: dict[str, int] = {}  # status key -> its column, which the backend marks as the sync's own
    notes: list[str] = []  # what setup left for the coordinator to decide (a header renamed), in Thai

    @property
    def changed(self) -> bool:
        return self.create or bool(self.writes)

    @property
    def level_choices(self) -> list[str]:
        """The level dropdown's items, best first and named as the office names them: "5 ดีเยี่ยม", ..."""
        return [vocab.LEVEL_CHOICE.format(level=level, name=name)
                for level, name in sorted(self.level_names.items(), reverse=True)]


def _columns_after(tab: str, raw: RawTable | None, columns: tuple[Column, ...]
                   ) -> tuple[dict[str, int], list[CellWrite], list[str]]:
    """Each column's place: the people's and setup's by label, the status columns by label and marker;
    a missing one is added after the last column holding any value (never over a person's notes in a
    column whose header cell is empty), unless a header much like it is there (renamed: left, and
    said in the notes; the column is then absent from the places)."""
    header = raw.header if raw else []
    people = tuple(c for c in columns if c.filled_by != "sync")
    found, _ = locate_columns(header, people)
    found.update(find_sync_columns(raw, columns, adopt_unmarked=True).columns)
    near = nearest_headers([normalize_label(v) for v in header],
                           {c.key: normalize_label(c.label) for c in people if c.key not in found},
                           {normalize_label(c.label) for c in columns})
    width = last_used_column(raw)
    writes, notes = [], []
    for column in columns:
        if column.key in found:
            continue
        if column.key in near:
            col = near[column.key]
            notes.append(vocab.SETUP_HEADER_RENAMED.format(tab=tab, label=column.label, cell=a1(1, col),
                                                           value=str(header[col - 1]).strip()))
            continue
        width += 1
        found[column.key] = width
        writes.append(CellWrite(tab=tab, row=1, col=width, value=column.label))
    return found, writes, notes


def _last_used_row(raw: RawTable | None) -> int:
    if raw is None:
        return 1
    for r in range(raw.row_count, 0, -1):
        if any(not thai.is_blank(v) for v in raw.values[r - 1]):
            return r
    return 1


def group_layout(office: Office, group_tab: str, group_code: str, raw: RawTable | None) -> TabLayout:
    columns = indicator_columns(office, group_code)
    found, writes, notes = _columns_after(group_tab, raw, columns)
    row = _last_used_row(raw)
    # With the code column renamed, which indicators have a row is not known: none is added (it would
    # be a second row of one); with the title's renamed, a new row gets its code only.
    if "code" in found:
        present: set[str] = set()
        if raw is not None:
            col = found["code"]
            present = {normalize_code(raw.cell(r, col)) for r in range(2, raw.row_count + 1)}
        for indicator in office.group_indicators(group_code):
            if indicator.code in present:
                continue
            row += 1
            writes.append(CellWrite(tab=group_tab, row=row, col=found["code"], value=indicator.code))
            if "title" in found:
                writes.append(CellWrite(tab=group_tab, row=row, col=found["title"], value=indicator.title))
    return TabLayout(
        tab=group_tab, kind="group", create=raw is None, writes=writes, columns=found,
        user_columns=[found[c.key] for c in columns if c.filled_by == "group" and c.key in found],
        status_columns=[found[c.key] for c in columns if c.filled_by == "sync"],
        last_row=row, level_names=dict(office.levels.names),
        marks={c.key: found[c.key] for c in columns if c.filled_by == "sync"}, notes=notes,
    )


def outputs_layout(office: Office, raw: RawTable | None) -> TabLayout:
    found, writes, notes = _columns_after(office.outputs_tab, raw, OUTPUT_COLUMNS)
    return TabLayout(
        tab=office.outputs_tab, kind="outputs", create=raw is None, writes=writes, columns=found,
        user_columns=[found[c.key] for c in OUTPUT_COLUMNS if c.filled_by == "group" and c.key in found],
        status_columns=[found[c.key] for c in OUTPUT_COLUMNS if c.filled_by == "sync"],
        last_row=_last_used_row(raw),
        marks={c.key: found[c.key] for c in OUTPUT_COLUMNS if c.filled_by == "sync"}, notes=notes,
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


# --- a group tab renamed by its group ----------------------------------------------------------------

class TabFound(BaseModel):
    """A group's tab (as office.yaml names it) missing, and the tab read and written in its place."""

    group: str  # the group's code
    tab: str  # the tab office.yaml names
    found: str  # the tab taken for it
    how: Literal["alias", "rows"]  # a name in the group's `tab_aliases`, or the indicator codes in its rows


def other_tabs(office: Office, names: list[str]) -> list[str]:
    """The tabs of `names` that are none of the office's (a group's, the outputs' or the Status tab,
    compared as Excel compares tab names: case aside): the ones a renamed group tab can be."""
    taken = {t.casefold() for t in tabs_to_read(office)}
    return list(dict.fromkeys(n for n in names if n.casefold() not in taken))


def tab_codes(office: Office, raw: RawTable) -> set[str]:
    """The indicator codes (of the standards) in a tab's code column, found by its header; none
    without one. What a group's tab holds whatever its name."""
    found, _ = locate_columns(raw.header, tuple(c for c in indicator_columns(office)
                                                if c.key == "code"))
    if "code" not in found:
        return set()
    col = found["code"]
    return {code for r in range(2, raw.row_count + 1)
            if office.indicator(code := normalize_code(raw.cell(r, col))) is not None}


def _likeness(codes: set[str], owned: set[str]) -> float:
    # Most of the tab's codes must be the group's (a row of another group's indicator typed by mistake
    # is allowed); then the closer the two sets, the likelier (groups share indicators).
    common = len(codes & owned)
    return common / len(codes | owned) if common > len(codes - owned) else 0.0


def find_renamed_tabs(office: Office, tables: dict[str, RawTable], near: dict[str, list[str]]
                      ) -> tuple[list[TabFound], list[str]]:
    """For each group whose tab is not in `tables`, the tab to take in its place, among `near` (group
    code -> the other tabs of the spreadsheet its tab belongs in, read into `tables`): the first of its
    `tab_aliases` there is; else the one tab whose codes are most like the group's (`tab_codes`), when
    no other missing group is as like it. Each tab is taken once. Also what could not be decided (two
    tabs as like one group), in Thai for the coordinator."""
    missing = [g for g in office.groups if g.tab not in tables]
    found: list[TabFound] = []
    used: set[str] = set()
    left: list[Group] = []
    for group in missing:
        names = {n.casefold(): n for n in near.get(group.code, []) if n in tables}
        alias = next((names[a.casefold()] for a in group.tab_aliases
                      if a.casefold() in names and names[a.casefold()] not in used), None)
        if alias is None:
            left.append(group)
            continue
        found.append(TabFound(group=group.code, tab=group.tab, found=alias, how="alias"))
        used.add(alias)
    codes = {name: tab_codes(office, tables[name]) for g in left for name in near.get(g.code, [])
             if name in tables and name not in used}
    owned = {g.code: {i.code for i in office.group_indicators(g.code)} for g in left}
    score = {(g.code, name): _likeness(c, owned[g.code]) for g in left for name, c in codes.items()
             if name in near.get(g.code, [])}
    notes: list[str] = []
    for group in left:
        mine = {name: s for (code, name), s in score.items() if code == group.code and s > 0}
        if not mine:
            continue
        best = max(mine.values())
        tops = [name for name, s in mine.items() if s == best]
        rivals = [code for (code, name), s in score.items() if name == tops[0] and code != group.code and s >= best]
        if len(tops) > 1:
            notes.append(vocab.TAB_FOUND_AMBIGUOUS.format(tab=group.tab, group=group.name,
                                                          tabs=", ".join(f"'{t}'" for t in tops), code=group.code))
        elif rivals:
            notes.append(vocab.TAB_FOUND_SHARED.format(tab=group.tab, group=group.name, found=tops[0], code=group.code))
        else:
            found.append(TabFound(group=group.code, tab=group.tab, found=tops[0], how="rows"))
    return found, notes


def found_note(office: Office, found: TabFound) -> str:
    """What the coordinator hears of a tab taken for a group: which, why, and how to make it permanent."""
    group = office.group(found.group)
    how = vocab.TAB_FOUND_BY_ALIAS if found.how == "alias" else vocab.TAB_FOUND_BY_ROWS
    return vocab.TAB_FOUND.format(tab=found.tab, found=found.found, group=group.name if group else found.group,
                                  code=found.group, how=how)
