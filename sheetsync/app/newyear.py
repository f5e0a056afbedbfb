"""`sheetsync new-year`: start the next fiscal year from this one, in the same office folder.

The office folder stays the one it was (the same `state/history.sqlite`, so history holds both years
and the SAR of the new year compares with the old one). In this order:

1. **Refusals, nothing changed.** The sync lock is taken for the whole run (a sync that starts
   meanwhile is refused, and new-year is refused while a sync holds it). Refused with a Thai message:
   `archive/<FY>/` exists (new-year from FY was already run: an archive is never overwritten); history
   holds no real sync of FY (nothing to carry forward: run a sync first), said as "already started"
   when `archive/<FY-1>/` exists (a second run right after the first); a Google Sheets office gives no
   `--spreadsheet KEY`, or gives last year's spreadsheet; a workbook office gives one.
2. **The new config, in memory.** office.yaml: `fiscal_year` + 1 and the backend pointed at the new
   year's sheets (workbook: `<name>-<FY+1>.xlsx` beside the old one, e.g. office.xlsx ->
   office-2571.xlsx; Google: the new spreadsheet, and a group's own spreadsheet of last year dropped,
   so that its tab is built in the new one). calendar.yaml: every milestone's `opens` and `due` a year
   later (29 Feb -> 28 Feb); `days_off` and `working_days` emptied, since an office's own days off
   are that year's (the output reminds the coordinator to add the new year's). Both rewritten with
   ruamel.yaml's round trip in the file's own indentation, so comments, key order, quotes and layout
   stay; the first comment line naming the old B.E. year names the new one. The standards, the groups
   and committee.yaml stay as they are (the output reminds that the committee needs a new order).
3. **The new year's sheets**, with setup's own path (core.layout.plan_setup + Backend.setup: one path
   for the workbook and Google), plus, in each group tab, two reference columns beside the targets
   (core.columns.REFERENCE_COLUMNS: last year's target and result with its level) and, per indicator
   row, last year's target, target value and unit carried forward as a draft: the target text gets
   vocab.TARGET_DRAFT_PREFIX ("ร่าง: "), a target value carried without a text gets the text
   "ร่าง: (ยกมาจากปี <FY>)". Blanks only, as ClearPoint's copy-forward: a cell that holds anything is
   never written (a sheet already there, from a run that stopped half way, is filled, not overwritten).
   A draft is not a target set (core.rows: the targets milestone waits until the group removes
   "ร่าง:"). Last year's values are store.history.previous_year_evaluation's: the last closed round
   that counted a report (the rows as the round froze them), else the last real sync of the year; a
   target value that did not read as a number last year is not carried. The old workbook is never
   opened for writing: it stays as last year's record.
4. **The config switched.** The config files are copied to `archive/<FY>/` (that folder is also the mark
   that the year was started), then office.yaml and calendar.yaml are replaced (atomically) and the
   folder is loaded again as every command loads it; should any of that fail, the archived office.yaml
   and calendar.yaml are put back and the archive removed, so the office is as it was.

The sheets are built before the config is touched, not after: building them changes nothing of last
year's, so a failure there (a full disk, Google refusing) leaves the office exactly as it was and
new-year can be run again.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import Any

import yaml
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq

from sheetsync.backends import open_backend
from sheetsync.backends.base import SpreadsheetMissing
from sheetsync.core import thai, vocab
from sheetsync.core.cells import CellValue, CellWrite, RawTable
from sheetsync.core.columns import REFERENCE_AFTER, REFERENCE_COLUMNS
from sheetsync.core.errors import ConfigError, SheetSyncError, UsageError
from sheetsync.core.evaluate import Evaluation, RowOutcome, round_name
from sheetsync.core.layout import TabLayout, last_used_column, plan_setup, tabs_to_read
from sheetsync.core.models import CalendarFile, CommitteeFile, Office, OfficeFile
from sheetsync.core.rows import indicator_columns, is_draft_target, locate_columns, normalize_code
from sheetsync.store import files
from sheetsync.store.config import load_office, read_config_text
from sheetsync.store.folder import CONFIG_FILES, OfficeFolder, sheet_url
from sheetsync.store.history import History, previous_year_evaluation
from sheetsync.store.lock import SyncLock

# --- dates -----------------------------------------------------------------------------------------


def shift_date(day: date) -> date:
    """The same day a year later; 29 February, which the next year lacks, becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _shifted(value: Any) -> Any:
    # A config date may be written as people write them ("31 มี.ค. 2570"): moved, it is written as a
    # date (the check reads both), since rewording a Thai date in its own style is a guess.
    if isinstance(value, str):
        return shift_date(thai.parse_date(value))
    return shift_date(value) if isinstance(value, date) else value


def next_workbook_path(path: str, fiscal_year: int) -> str:
    """The new year's workbook beside last year's: office.xlsx -> office-2571.xlsx (from 2570), and
    office-2571.xlsx -> office-2572.xlsx a year later (the old year's suffix is not stacked)."""
    old = PurePath(path)
    stem = re.sub(rf"-{fiscal_year}$", "", old.stem)
    return str(old.with_name(f"{stem}-{fiscal_year + 1}{old.suffix or '.xlsx'}"))


# --- the YAML files, rewritten in place ---------------------------------------------------------------

# (mapping, sequence, offset) indentations people and editors write YAML in; ruamel.yaml does not guess
# a file's own, so each is tried and the one that gives the file back unchanged is kept.
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0))


def _dump(rt: YAML, data: Any) -> str:
    out = io.StringIO()
    rt.dump(data, out)
    return out.getvalue()


def _round_trip(text: str) -> tuple[YAML, Any]:
    """`text` loaded for a round trip, with the indentation whose dump of the file unchanged changes the
    fewest lines (none, for a file written in one of the usual styles)."""
    best: tuple[int, YAML, Any] | None = None
    for mapping, sequence, offset in _INDENTS:
        rt = YAML()  # round trip: comments, key order, flow style and quotes are kept
        rt.preserve_quotes = True
        rt.width = 4096  # a long line is never wrapped anew
        rt.indent(mapping=mapping, sequence=sequence, offset=offset)
        data = rt.load(text)
        changed = sum(1 for line in difflib.ndiff(text.splitlines(), _dump(rt, data).splitlines())
                      if line[:1] in "+-")
        if best is None or changed < best[0]:
            best = (changed, rt, data)
        if changed == 0:
            break
    assert best is not None
    return best[1], best[2]


def retitle_comment(text: str, old_fy: int) -> str:
    """The first comment line naming the old B.E. year (Arabic or Thai digits) names the new one, and on
    that line the C.E. years of the old fiscal year (1 Oct CE-1 to 30 Sep CE) move a year too:
    "2570 (1 Oct 2026 - 30 Sep 2027)" -> "2571 (1 Oct 2027 - 30 Sep 2028)". Only that line: a year in a
    name or a note elsewhere is the coordinator's to change."""
    ce = thai.ce_year(old_fy)
    years = {str(old_fy): str(old_fy + 1), thai.to_thai_digits(old_fy): thai.to_thai_digits(old_fy + 1),
             str(ce - 1): str(ce), str(ce): str(ce + 1)}

    def pattern(words: list[str]) -> re.Pattern[str]:
        # \d is any decimal digit, Thai ones included: "25700" or "๒๕๗๐๐" is not the year.
        return re.compile(r"(?<!\d)(" + "|".join(map(re.escape, words)) + r")(?!\d)")

    be_year = pattern([str(old_fy), thai.to_thai_digits(old_fy)])
    every_year = pattern(list(years))
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.lstrip().startswith("#") and be_year.search(line):
            lines[i] = every_year.sub(lambda m: years[m.group(1)], line)  # one pass: 2026 -> 2027 -> 2028 never
            break
    return "".join(lines)


def new_office_text(text: str, old_fy: int, backend: dict[str, str], drop_group_books: bool) -> tuple[str, list[str]]:
    """office.yaml for the next year: fiscal_year + 1, `backend` keys set; with `drop_group_books`
    (Google), a group's own spreadsheet of last year removed. Returns the text and those groups' codes."""
    rt, data = _round_trip(text)
    data["office"]["fiscal_year"] = old_fy + 1
    for key, value in backend.items():
        data["backend"][key] = value
    dropped: list[str] = []
    for group in data.get("groups") or []:
        if drop_group_books and "spreadsheet" in group:
            del group["spreadsheet"]
            dropped.append(str(group.get("code")))
    return retitle_comment(_dump(rt, data), old_fy), dropped


def new_calendar_text(text: str, old_fy: int) -> tuple[str, int, int]:
    """calendar.yaml for the next year: each milestone's opens and due a year later, the office's own
    days off and working days dropped. Returns the text and how many of each were dropped."""
    rt, data = _round_trip(text)
    for milestone in data.get("milestones") or []:
        for key in ("opens", "due"):
            if key in milestone:
                milestone[key] = _shifted(milestone[key])
    dropped = []
    for key in ("days_off", "working_days"):
        items = data.get(key)
        dropped.append(len(items) if isinstance(items, list) else 0)
        if items:
            empty = CommentedSeq()
            empty.fa.set_flow_style()  # `days_off: []`: the key stays, for the coordinator to fill
            data[key] = empty
    return retitle_comment(_dump(rt, data), old_fy), dropped[0], dropped[1]


def _office_from(current: Office, office_text: str, calendar_text: str) -> Office:
    """The new year's office as load_office will read the rewritten files (checked again once written)."""
    try:
        office_file = OfficeFile.model_validate(yaml.safe_load(office_text))
        calendar = CalendarFile.model_validate(yaml.safe_load(calendar_text))
    except (ValidationError, yaml.YAMLError) as exc:  # not expected: the files were valid, only dates moved
        raise SheetSyncError(vocab.NY_CONFIG_FAILED.format(problem=str(exc)[:300])) from exc
    return Office(**office_file.model_dump(), edition=current.edition, levels=current.levels,
                  standards=current.standards, milestones=calendar.milestones,
                  public_holidays=calendar.public_holidays, days_off=calendar.days_off,
                  working_days=calendar.working_days, committee=current.committee)


# --- last year's rows, carried into the new tabs ------------------------------------------------------


def _number(value: float | None) -> int | float | None:
    # 95.0 is written as 95: the cell reads as people typed it last year.
    return int(value) if value is not None and value.is_integer() else value


def draft(text: str) -> str:
    """A target carried forward: "ร่าง: " before it (once: last year's own unreviewed draft stays as it is)."""
    return text if is_draft_target(text) else vocab.TARGET_DRAFT_PREFIX + text


class _Words:
    """The reference columns' text, in the office's labels, level names and digits."""

    def __init__(self, office: Office) -> None:
        self.office = office
        self.value_label = next(c.label for c in indicator_columns(office) if c.key == "target_value")

    def n(self, value: object) -> str:
        return thai.to_thai_digits(value) if self.office.office.thai_digits else str(value)

    def last_target(self, outcome: RowOutcome) -> str | None:
        row = outcome.row
        value = None
        if row.target_value is not None:
            number = thai.format_number(row.target_value, thai=self.office.office.thai_digits)
            value = vocab.NY_REF_VALUE.format(label=self.value_label, value=" ".join(p for p in (number, row.unit) if p))
        if row.target and value:
            return vocab.NY_REF_TARGET.format(text=row.target, value=value)
        return row.target or value

    def last_result(self, outcome: RowOutcome) -> str:
        row, score = outcome.row, outcome.score
        what = row.result  # as the group typed it
        if not what and row.criteria_met:
            what = vocab.NY_REF_CRITERIA.format(items=", ".join(self.n(i) for i in sorted(row.criteria_met)))
        if score is not None:
            level = f"{self.n(score.level)} {self.office.level_name(score.level)}"
            return vocab.NY_REF_LEVEL.format(result=what, level=level) if what else vocab.NY_REF_LEVEL_ONLY.format(level=level)
        if row.reported:
            return vocab.NY_REF_NOT_SCORED.format(result=what) if what else vocab.NY_REF_REPORTED_NOT_SCORED
        return vocab.NY_REF_NOT_REPORTED


def carried_cells(words: _Words, outcome: RowOutcome, old_fy: int) -> dict[str, CellValue]:
    """What a new tab's row gets from last year's row: the draft target, target value and unit, and the
    two reference cells (None: nothing to carry there)."""
    row = outcome.row
    value = _number(row.target_value)
    target = draft(row.target) if row.target else None
    if target is None and value is not None:
        target = vocab.TARGET_DRAFT_CARRIED.format(fy=thai.to_thai_digits(old_fy))
    return {"target": target, "target_value": value, "unit": row.unit or None,
            "last_target": words.last_target(outcome), "last_result": words.last_result(outcome)}


def with_reference_columns(layout: TabLayout, raw: RawTable | None) -> TabLayout:
    """A group tab's setup layout with the reference columns: on a new tab right after the targets
    (REFERENCE_AFTER), the columns after them moved right (headers, status columns and their marks);
    on a tab that exists, where their headers are, or after the last column holding anything when
    missing (setup's rule: never over a person's column)."""
    if raw is None:
        pivot, step = layout.columns[REFERENCE_AFTER], len(REFERENCE_COLUMNS)

        def moved(col: int) -> int:
            return col + step if col > pivot else col

        added = {c.key: pivot + i for i, c in enumerate(REFERENCE_COLUMNS, start=1)}
        writes = [w.model_copy(update={"col": moved(w.col)}) for w in layout.writes]
        return layout.model_copy(update={
            "writes": [*writes, *(CellWrite(tab=layout.tab, row=1, col=added[c.key], value=c.label)
                                  for c in REFERENCE_COLUMNS)],
            "columns": {**{k: moved(c) for k, c in layout.columns.items()}, **added},
            "user_columns": [moved(c) for c in layout.user_columns],
            "status_columns": [moved(c) for c in layout.status_columns],
            "marks": {k: moved(c) for k, c in layout.marks.items()},
        })
    found, _ = locate_columns(raw.header, REFERENCE_COLUMNS)
    last = max([last_used_column(raw), *layout.columns.values()])
    headers = []
    for column in REFERENCE_COLUMNS:
        if column.key not in found:
            last += 1
            found[column.key] = last
            headers.append(CellWrite(tab=layout.tab, row=1, col=last, value=column.label))
    return layout.model_copy(update={"writes": [*layout.writes, *headers], "columns": {**layout.columns, **found}})


def _indicator_rows(layout: TabLayout, raw: RawTable | None) -> dict[str, int]:
    """Indicator code -> its row in the tab after setup (the first, should a code be there twice)."""
    col = layout.columns["code"]
    rows: dict[str, int] = {}
    if raw is not None:
        for r in range(2, raw.row_count + 1):
            code = normalize_code(raw.cell(r, col))
            if code:
                rows.setdefault(code, r)
    for w in layout.writes:  # the rows setup adds
        if w.row > 1 and w.col == col:
            rows.setdefault(normalize_code(w.value), w.row)
    return rows


def carry_forward(office: Office, layouts: list[TabLayout], tables: dict[str, RawTable], last_year: Evaluation,
                  old_fy: int) -> tuple[list[TabLayout], int]:
    """The setup layouts with the reference columns and last year's cells added to each group tab's
    writes, blank cells only. Returns them and the number of rows whose target was carried as a draft."""
    by_row = {(o.row.group, o.row.indicator): o for outcomes in last_year.outcomes.values() for o in outcomes
              if o.row.indicator}
    groups = {g.tab: g for g in office.groups}
    words = _Words(office)
    out: list[TabLayout] = []
    carried = 0
    for layout in layouts:
        group = groups.get(layout.tab) if layout.kind == "group" else None
        if group is None:
            out.append(layout)
            continue
        raw = tables.get(layout.tab)
        layout = with_reference_columns(layout, raw)
        cells: list[CellWrite] = []
        for code, r in _indicator_rows(layout, raw).items():
            outcome = by_row.get((group.code, code))
            if outcome is None:
                continue
            target_carried = False
            for key, value in carried_cells(words, outcome, old_fy).items():
                col = layout.columns[key]
                if value is None or (raw is not None and not thai.is_blank(raw.cell(r, col))):
                    continue  # blanks only: a cell holding anything is somebody's
                cells.append(CellWrite(tab=layout.tab, row=r, col=col, value=value))
                target_carried = target_carried or key in ("target", "target_value")
            carried += target_carried
        out.append(layout.model_copy(update={"writes": [*layout.writes, *cells]}))
    return out, carried


# --- the command -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewYearPlan:
    """Everything new-year will do, worked out before anything is changed (the confirmation shows it)."""

    old_fy: int
    new_fy: int
    current: Office  # this year's, as loaded
    office: Office  # the new year's, as the rewritten files will load
    archive: Path
    archived: list[str]  # the config files copied to the archive
    office_text: str
    calendar_text: str
    where: str  # the new year's sheets: the workbook's path, or the spreadsheet's address
    old_where: str
    last_year: Evaluation
    days_off: int  # the office's own days off of last year, dropped from calendar.yaml
    working_days: int
    group_books: list[str]  # groups whose own spreadsheet of last year was dropped (Google)
    open_rounds: list[str]  # last year's rounds never closed (no frozen results in history)


@dataclass(frozen=True)
class NewYearResult:
    plan: NewYearPlan
    changes: list[str]  # what setup built
    carried: int  # rows whose target was carried forward as a draft


def plan_new_year(config_dir: Path, current: Office, spreadsheet: str | None) -> NewYearPlan:
    """What new-year will do from `current`'s fiscal year, or the Thai refusal; changes nothing."""
    places = OfficeFolder(config_dir)
    fy = current.office.fiscal_year
    archive = places.archive(fy)
    if archive.exists():
        raise UsageError(vocab.NY_ALREADY.format(fy=fy, archive=archive), vocab.NY_ALREADY_HINT.format(fy=fy, archive=archive))
    backend = current.backend
    update: dict[str, str]
    if backend.kind == "gsheets":
        if not spreadsheet:
            raise UsageError(vocab.NY_SPREADSHEET_NEEDED, vocab.NY_SPREADSHEET_NEEDED_HINT)
        if spreadsheet in {backend.spreadsheet, *(g.spreadsheet for g in current.groups if g.spreadsheet)}:
            raise UsageError(vocab.NY_SPREADSHEET_SAME.format(key=spreadsheet, fy=fy), vocab.NY_SPREADSHEET_NEEDED_HINT)
        update = {"spreadsheet": spreadsheet}
        where, old_where = sheet_url(spreadsheet), sheet_url(backend.spreadsheet)
    else:
        update = {"path": next_workbook_path(backend.path, fy)}
        if spreadsheet:
            raise UsageError(vocab.NY_SPREADSHEET_XLSX.format(path=places.file(update["path"])))
        where, old_where = str(places.file(update["path"])), str(places.file(backend.path))
    last_year, closed = None, set[str]()
    if places.history.exists():  # never made here: an office without one has nothing to carry
        with History(places.history) as history:
            last_year = previous_year_evaluation(history, fy + 1)
            closed = set(history.round_book(fy).closed)
    if last_year is None:
        started = places.archive(fy - 1)
        if started.exists():  # this year was itself started by new-year, and nothing synced since: a second run
            raise UsageError(vocab.NY_JUST_STARTED.format(fy=fy, previous=fy - 1, archive=started),
                             vocab.NY_JUST_STARTED_HINT.format(next=fy + 1))
        raise UsageError(vocab.NY_NO_HISTORY.format(fy=fy), vocab.NY_NO_HISTORY_HINT)
    # Read as load_office reads them (a Windows-874 or UTF-16 file too); the new year's are written as UTF-8.
    office_text, group_books = new_office_text(read_config_text(places.config_file("office.yaml")).text, fy,
                                               update, drop_group_books=backend.kind == "gsheets")
    calendar_text, days_off, working_days = new_calendar_text(
        read_config_text(places.config_file("calendar.yaml")).text, fy)
    return NewYearPlan(
        old_fy=fy, new_fy=fy + 1, current=current, office=_office_from(current, office_text, calendar_text),
        archive=archive, archived=[n for n in CONFIG_FILES if places.config_file(n).exists()],
        office_text=office_text, calendar_text=calendar_text, where=where, old_where=old_where,
        last_year=last_year, days_off=days_off, working_days=working_days, group_books=group_books,
        open_rounds=[round_name(m) for m in current.rounds() if m.code not in closed])


def _switch_config(places: OfficeFolder, plan: NewYearPlan) -> None:
    """Archive this year's config files, then write the new year's and load the folder as every command
    will. Should any step fail (a full disk, a check that does not pass), what was written is put back
    from the archive and the archive removed: the office is as it was, and new-year can run again."""
    archive = places.archive(plan.old_fy)
    try:
        archive.mkdir(parents=True)  # exist_ok=False: the last guard against writing over an archive
    except FileExistsError:
        raise UsageError(vocab.NY_ALREADY.format(fy=plan.old_fy, archive=archive)) from None
    try:
        for name in plan.archived:
            files.copy_file(places.config_file(name), places.archived_file(plan.old_fy, name))
        files.write_text(places.config_file("office.yaml"), plan.office_text)
        files.write_text(places.config_file("calendar.yaml"), plan.calendar_text)
        load_office(places.root)
    except BaseException as exc:
        for name in ("office.yaml", "calendar.yaml"):
            kept = places.archived_file(plan.old_fy, name)
            if kept.exists():  # copied whole or not at all (files.copy_file is atomic)
                files.copy_file(kept, places.config_file(name))
        shutil.rmtree(archive, ignore_errors=True)
        with contextlib.suppress(OSError):  # archive/ itself, when this run made it (rmdir: only if empty)
            archive.parent.rmdir()
        if isinstance(exc, ConfigError):
            exc.hint = vocab.NY_CONFIG_PUT_BACK.format(fy=plan.old_fy)
        raise


def run_new_year(config_dir: Path, spreadsheet: str | None,
                 confirm: Callable[[NewYearPlan], bool]) -> NewYearResult | None:
    """`sheetsync new-year`: under the sync lock, plan, ask `confirm`, build the new year's sheets, then
    archive and switch the config (see the module's docstring). None when `confirm` said no."""
    places = OfficeFolder(config_dir)
    current = load_office(places.root)  # this year's, checked as every command checks it
    with SyncLock(places.lock, "new-year"):
        plan = plan_new_year(config_dir, current, spreadsheet)
        if not confirm(plan):
            return None
        backend = open_backend(plan.office, places.root)
        try:
            tables = backend.read(tabs_to_read(plan.office))
        except SpreadsheetMissing:
            tables = {}  # setup creates it
        layouts, carried = carry_forward(plan.office, plan_setup(plan.office, tables), tables, plan.last_year,
                                         plan.old_fy)
        changes = backend.setup(layouts)
        _switch_config(places, plan)
    return NewYearResult(plan=plan, changes=changes, carried=carried)


def report_lines(result: NewYearResult) -> list[str]:
    """What the CLI prints: what was archived, the new config, the new sheets, the targets carried and
    what the coordinator does next."""
    plan, office = result.plan, result.plan.office
    n = thai.to_thai_digits
    old, new = n(plan.old_fy), n(plan.new_fy)
    gsheets = office.backend.kind == "gsheets"
    where = (vocab.NY_WHERE_GSHEETS if gsheets else vocab.NY_WHERE_XLSX).format(
        key=getattr(office.backend, "spreadsheet", ""), path=getattr(office.backend, "path", ""))
    lines = [vocab.NY_HEAD.format(new=new, old=old, office=office.office.short_name),
             vocab.NY_ARCHIVED.format(fy=old, path=plan.archive, files=", ".join(plan.archived)),
             vocab.NY_OFFICE.format(fy=new, where=where),
             vocab.NY_CALENDAR]
    lines += ["  - " + vocab.NY_MILESTONE.format(name=m.name, opens=thai.format_date(m.opens, "long"),
                                                 due=thai.format_date(m.due, "long")) for m in office.milestones]
    lines.append(vocab.NY_NEW_SHEETS.format(fy=new, where=plan.where))
    # The tabs, not setup's every step (created, cells added, marked, formatted: four lines a tab).
    lines.append("  " + vocab.NY_TABS.format(tabs=", ".join(g.tab for g in office.groups)))
    lines.append(vocab.NY_CARRIED.format(fy=old, rows=n(result.carried), day=thai.format_date(plan.last_year.today, "long"),
                                         target=vocab.REFERENCE_HEADERS["last_target"],
                                         result=vocab.REFERENCE_HEADERS["last_result"]))
    lines.append((vocab.NY_OLD_SHEET if gsheets else vocab.NY_OLD_BOOK).format(fy=old, key=plan.old_where,
                                                                                path=plan.old_where))
    lines.append(vocab.NY_TODO)
    todo = [vocab.NY_TODO_DRAFTS,
            vocab.NY_TODO_DAYS_OFF.format(old=old, new=new, days_off=n(plan.days_off), working_days=n(plan.working_days))
            if plan.days_off or plan.working_days else vocab.NY_TODO_DAYS_OFF_NONE.format(new=new)]
    committee: CommitteeFile | None = plan.current.committee
    if committee is not None:
        todo.append(vocab.NY_TODO_ORDER.format(
            old=old, number=committee.order_number or "-",
            date=thai.format_date(committee.order_date, "long") if committee.order_date else "-"))
    if plan.group_books:
        todo.append(vocab.NY_TODO_GROUP_BOOKS.format(groups=", ".join(plan.group_books), old=old))
    if plan.open_rounds:
        todo.append(vocab.NY_TODO_OPEN_ROUNDS.format(rounds=", ".join(plan.open_rounds), old=old))
    todo.append(vocab.NY_TODO_CHECK)
    return lines + [f"  - {line}" for line in todo]


def confirm_text(plan: NewYearPlan) -> str:
    """The question asked before anything is changed."""
    return vocab.NY_CONFIRM.format(new=thai.to_thai_digits(plan.new_fy), old=thai.to_thai_digits(plan.old_fy),
                                   archive=plan.archive, where=plan.where)
