"""The status cells beside each row and the director's Status tab, as a plan of cell writes. Pure.

The plan holds only cells whose value would change, so a second sync of unchanged sheets on the same
day writes nothing but the Status tab's time-of-sync cell. Every row write carries the identity of
its row (the key column's value), which the backend checks before the write lands.

Status cells go only into the sync's own columns: a column whose header is its status label and that
the backend's marker gives that key (core.layout.find_sync_columns, where the marker is described).
A status column that is missing (its header renamed or deleted, its column deleted, a tab built with
the input columns only) is added after the last column holding any value in any row, never over one;
the plan marks it (`WritePlan.marks`) so that the next sync finds it, and says so (`WritePlan.notes`,
the sync's warnings). A person's column that carries a status label is never written (and said so);
a tab with status labels but no marker at all is not written until `sheetsync setup` marks it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sheetsync.core import thai, vocab
from sheetsync.core.cells import (
    CellValue,
    CellWrite,
    ColumnMark,
    Identity,
    KeyKind,
    RawTable,
    WritePlan,
    col_letter,
)
from sheetsync.core.collector import pauses_collector
from sheetsync.core.columns import OUTPUT_COLUMNS, STATUS_KEYS, Column
from sheetsync.core.deadlines import GroupProgress, Progress
from sheetsync.core.evaluate import (
    Deadline,
    Evaluation,
    MilestoneDates,
    RoundView,
    RowOutcome,
    mean_level,
    round_name,
)
from sheetsync.core.layout import find_sync_columns, last_used_column
from sheetsync.core.models import Milestone, Office
from sheetsync.core.rows import (
    UNSIGNED,
    VOID,
    IndicatorRow,
    TabParse,
    identity_key,
    indicator_columns,
    is_draft_target,
)
from sheetsync.core.scoring import band_label

Day = date  # within Texts, `date` is its method

STATE_TEXT = {
    "overdue": vocab.PROGRESS_OVERDUE,
    "due_soon": vocab.PROGRESS_DUE_SOON,
    "open": vocab.PROGRESS_OPEN,
    "not_open": vocab.PROGRESS_NOT_OPEN,
    "reported": vocab.PROGRESS_REPORTED,
    "closed": vocab.PROGRESS_CLOSED,
    "none": "",
}


def same(a: Any, b: Any) -> bool:
    """Equal as a sheet shows them: blank is blank, 3 is 3.0, text compared as typed."""
    if thai.is_blank(a) and thai.is_blank(b):
        return True
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool) and not isinstance(b, bool):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


def _num(value: float | None) -> CellValue:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


class Texts:
    """Thai text of the status cells, with the office's choice of digits."""

    def __init__(self, office: Office, rounds: list[RoundView] | None = None,
                 dates: dict[str, MilestoneDates] | None = None) -> None:
        self.office = office
        self.digits = office.office.thai_digits
        self.milestones = {m.code: m for m in office.milestones}
        self.rounds = {r.code: r for r in rounds or []}
        self.dates = dates or {}
        # Most rows share a progress and a way of scoring: each text is made once per distinct one.
        self._progress: dict[tuple[object, ...], str] = {}
        self._scored: dict[tuple[object, ...], str | None] = {}
        self._numbers: dict[int, str] = {}
        self._dates: dict[tuple[Any, str], str] = {}
        self._drafts: dict[str, bool] = {}
        # The last Progress said and its text: rows judged alike share one Progress (core.deadlines), so
        # the next row's is most often the very same object (held here, so its id is never reused).
        self._last_progress: tuple[Progress | None, str] = (None, "")

    def name(self, code: str) -> str:
        """A milestone as status cells name it: a round by its short name ("รอบ ๖ เดือน")."""
        ms = self.milestones[code]
        return round_name(ms) if ms.is_round else ms.name

    def n(self, value: object) -> str:
        if type(value) is int:  # counts and codes' parts, said over and over on the Status tab
            text = self._numbers.get(value)
            if text is None:
                text = self._numbers[value] = thai.to_thai_digits(value) if self.digits else str(value)
            return text
        return thai.to_thai_digits(value) if self.digits else str(value)

    def date(self, day: Any, style: str = "short") -> str:
        key = (day, style)
        text = self._dates.get(key)
        if text is None:  # a few dates, said on thousands of lines of the Status tab
            text = self._dates[key] = thai.format_date(day, style, self.digits)
        return text

    def level(self, level: int) -> str:
        return f"{self.n(level)} {self.office.level_name(level)}"

    def basis(self, outcome: RowOutcome) -> str:
        """What a row's level was reached by, in words: the criteria met of how many, the result as a
        percent of its target, or the group's own rating. The level is the score (1-5); this is never a
        second number beside it on another scale."""
        score, row = outcome.score, outcome.row
        indicator = self.office.indicator(row.indicator) if row.indicator else None
        if score is None or indicator is None:
            return ""
        if indicator.method == "criteria":
            met = len(row.criteria_met or ())
            return vocab.BASIS_CRITERIA.format(met=self.n(met), count=self.n(len(indicator.criteria)))
        if indicator.method == "target_percent":
            if score.value is None:  # a lower-is-better result of 0, or a percent past counting
                return vocab.BASIS_BEYOND_TARGET
            return vocab.BASIS_PERCENT.format(percent=thai.format_number(score.value, thai=self.digits))
        return vocab.BASIS_SELF_RATED

    def scored(self, outcome: RowOutcome) -> str | None:
        """The ระดับคุณภาพ cell: the level by number and name, and what it was reached by."""
        score, row = outcome.score, outcome.row
        if score is None:
            return None
        indicator = self.office.indicator(row.indicator) if row.indicator else None
        if indicator is None:
            return self._scored_text(outcome)
        # Everything the text is made of (Texts.basis): the level, and how it was reached of how many.
        met = len(row.criteria_met) if row.criteria_met is not None else 0
        key = (score.level, score.value, indicator.method, met, len(indicator.criteria))
        text = self._scored.get(key)
        if text is None:
            text = self._scored[key] = self._scored_text(outcome)
        return text

    def _scored_text(self, outcome: RowOutcome) -> str | None:
        assert outcome.score is not None
        basis = self.basis(outcome)
        level = self.level(outcome.score.level)
        return vocab.LEVEL_WITH_BASIS.format(level=level, basis=basis) if basis else level

    def draft(self, target: str) -> bool:
        """rows.is_draft_target, once per distinct target text."""
        found = self._drafts.get(target)
        if found is None:
            found = self._drafts[target] = is_draft_target(target)
        return found

    def progress(self, p: Progress) -> str:
        last, said = self._last_progress
        if p is last:
            return said
        # Every field but `days`, which no row text says (it changed every night: issue 16).
        key = (p.state, p.milestone, p.due, p.new_due, p.closed_round, p.edited_after_close, p.dated_before_close)
        text = self._progress.get(key)
        if text is None:
            text = self._progress[key] = " ".join(t for t in (self._state(p), self._after_close(p)) if t)
        self._last_progress = (p, text)
        return text

    def _state(self, p: Progress) -> str:
        if p.state == "none" or p.milestone is None:
            return ""
        ms = self.milestones[p.milestone]
        name, due = self.name(ms.code), self.date(p.due or ms.due)
        if p.state == "reported":
            return f"{vocab.PROGRESS_REPORTED} ({name})"
        if p.state == "closed":
            return vocab.PROGRESS_CLOSED_ON.format(round=name, day=self._closed_on(ms.code))
        # Overdue and due soon name the due date, never a count of days: a count would change the cell
        # every night with nothing edited (the Status tab's group line keeps the count).
        if p.state == "overdue":
            text = vocab.PROGRESS_OVERDUE_DUE.format(milestone=name, due=due)
            resend = self._resend_by(ms.code)
            return text + (vocab.PROGRESS_RESEND_BY.format(day=self.date(resend)) if resend else "")
        if p.state == "due_soon":
            return vocab.PROGRESS_DUE_SOON_DUE.format(milestone=name, due=due)
        if p.state == "open":
            return f"{vocab.PROGRESS_OPEN} ({name} {vocab.ST_DUE} {due})"
        return vocab.PROGRESS_NOT_OPEN_UNTIL.format(milestone=name, opens=self.date(ms.opens))

    def _resend_by(self, code: str) -> Day | None:
        """The last day a late report still counts for a round (its grace's end: a sync after it closes
        the round), which does not move from night to night as Progress.new_due (today + followup_days)
        does. None for a milestone that is no round, and for a reopened round (closed again by hand, or
        after a date the evaluation does not keep)."""
        dates, view = self.dates.get(code), self.rounds.get(code)
        if dates is None or dates.closes_after is None or (view is not None and view.reopened):
            return None
        # past it (an evaluation that did not close the round it should have): no date to ask for
        return dates.closes_after if dates.closes_after >= dates.new_due else None

    def _closed_on(self, code: str) -> str:
        view = self.rounds.get(code)
        return self.date(view.closed_on) if view and view.closed_on else ""

    def _after_close(self, p: Progress) -> str:
        """What a closed round means for this row: its values then are that round's; a later edit is
        not, and counts for the next round (or, after the last round, for none)."""
        if p.closed_round is None:
            return ""
        closed, day = self.name(p.closed_round), self._closed_on(p.closed_round)
        nxt = self._next_round(p.closed_round)
        if p.dated_before_close and nxt is not None:
            return vocab.PROGRESS_EDITED_OLD_DATE.format(closed=closed, day=day, round=self.name(nxt.code))
        if p.edited_after_close:
            if nxt is None:
                return vocab.PROGRESS_EDITED_AFTER_LAST.format(closed=closed, day=day)
            return vocab.PROGRESS_EDITED_AFTER_CLOSE.format(closed=closed, day=day, round=self.name(nxt.code))
        if p.state == "closed":
            return vocab.PROGRESS_NEXT_OPENS.format(round=self.name(nxt.code), opens=self.date(nxt.opens)) if nxt else ""
        if p.closed_round == p.milestone:
            return ""
        return vocab.PROGRESS_AFTER_CLOSE.format(closed=closed, day=day)

    def _next_round(self, code: str) -> Milestone | None:
        rounds = self.office.rounds()
        at = next((i for i, m in enumerate(rounds) if m.code == code), len(rounds))
        return rounds[at + 1] if at + 1 < len(rounds) else None

    def synced_at(self, now: datetime) -> str:
        return vocab.SYNCED_AT_TIME.format(date=thai.format_date(now.date(), "long", self.digits),
                                           time=self.n(now.strftime("%H:%M")))


def row_status(outcome: RowOutcome, texts: Texts) -> dict[str, CellValue]:
    return dict(zip(STATUS_KEYS, row_cells(outcome, texts), strict=True))


def row_state(row: IndicatorRow, texts: Texts) -> str:
    """A row's สถานะ cell (the first of row_cells): what the sync's summary counts rows by too."""
    if row.errors:
        return vocab.STATE_INVALID
    if row.target and texts.draft(row.target):  # before "valid": the group must review the carried target
        return vocab.STATE_TARGET_DRAFT
    if row.reported and row.indicator:
        # what a valid row still lacks (an explanation, evidence per criterion, its sign-off): said, scored
        signoff = row.signoff
        return (vocab.STATE_AWAITING_SIGNOFF if signoff == UNSIGNED else vocab.STATE_SIGNOFF_VOID
                if signoff == VOID else vocab.STATE_INCOMPLETE if row.notices else vocab.STATE_VALID)
    if row.targets_set:
        return vocab.STATE_TARGET_ONLY
    return vocab.STATE_NOT_REPORTED


def row_cells(outcome: RowOutcome, texts: Texts) -> tuple[CellValue, ...]:
    """A row's status cells, in STATUS_KEYS' order (row_status names them)."""
    row = outcome.row
    state = row_state(row, texts)
    said = row.errors or row.notices  # the errors; a valid row's notices (said, and it is scored)
    errors: str | None = "\n".join(f"{e.cell}: {e.message}" for e in said) if said else None
    score = outcome.score
    # One scale: the score is the level (1-5, as ระดับคุณภาพ and the Status tab's scores); the criteria
    # count or the percent of target it came from is said in words in the level cell (Texts.scored).
    return (state, errors, score.level if score else None, texts.scored(outcome) if score else None,
            texts.progress(outcome.progress) or None)


def _status_columns(tab: str, raw: RawTable, columns: tuple[Column, ...], out: WritePlan) -> dict[str, int] | None:
    """Where the sync writes each status key: its own columns (label and marker); a missing one is
    added after the last column holding any value, its header written and the column marked. None: the
    tab's status columns are not known to be the sync's (no marker at all), so nothing is written."""
    found = find_sync_columns(raw, columns)
    if found.unmarked:
        out.notes.append(vocab.STATUS_UNMARKED.format(tab=tab))
        return None
    for col in found.foreign:
        out.notes.append(vocab.STATUS_FOREIGN_COLUMN.format(tab=tab, column=col_letter(col),
                                                            label=str(raw.cell(1, col)).strip()))
    cols = dict(found.columns)
    if found.missing:
        labels = {c.key: c.label for c in columns}
        next_col = last_used_column(raw)
        added = []
        for key in found.missing:
            next_col += 1
            cols[key] = next_col
            out.writes.append(CellWrite(tab=tab, row=1, col=next_col, value=labels[key]))
            out.marks.append(ColumnMark(tab=tab, col=next_col, key=key))
            added.append(vocab.STATUS_COLUMN_AT.format(label=labels[key], column=col_letter(next_col)))
        out.notes.append(vocab.STATUS_COLUMNS_ADDED.format(tab=tab, columns=", ".join(added)))
    return cols


def _diff_row(tab: str, r: int, wanted: dict[str, CellValue], cols: dict[str, int], raw: RawTable,
              identity: Identity) -> list[CellWrite]:
    line = raw.values[r - 1] if 0 < r <= len(raw.values) else ()
    width = len(line)
    out = []
    for key, value in wanted.items():
        col = cols[key]
        have = line[col - 1] if col <= width else None
        if not _unchanged(have, value):
            out.append(_write((tab, r, col, value, identity)))
    return out


def _unchanged(have: Any, value: CellValue) -> bool:
    """same(), decided without its call in the common cases: an empty cell (the first sync) and an equal
    value (the next night)."""
    if have is None:
        return value is None or (isinstance(value, str) and not value.strip())
    return have == value or same(have, value)


# CellWrite and Identity made straight from their fields' tuple: half the time of the NamedTuple's own
# __new__ (its keywords and defaults), for the tens of thousands a first sync plans.
def _write(fields: tuple[str, int, int, CellValue, Identity | None]) -> CellWrite:
    return tuple.__new__(CellWrite, fields)


def _stale_rows(parse: TabParse, raw: RawTable, cols: dict[str, int], key_col: int, kind: KeyKind) -> list[CellWrite]:
    """Status left in rows that no longer hold anything (a person cleared the row): clear it."""
    live = {row.row for row in parse.rows}
    writes = []
    for r, line in enumerate(raw.values[1:], start=2):
        if r in live:
            continue
        width = len(line)
        for col in cols.values():
            if col <= width and not thai.is_blank(line[col - 1]):
                writes.append(CellWrite(parse.tab, r, col, None, Identity(key_col, "", kind)))
    return writes


def plan_group_tab(parse: TabParse, outcomes: list[RowOutcome], raw: RawTable, office: Office,
                   texts: Texts) -> WritePlan:
    """The status cells of one group's tab (and the status columns it adds, with what to say)."""
    out = WritePlan()
    if "code" not in parse.columns:
        return out  # rows cannot be told apart: write nothing rather than beside the wrong row
    cols = _status_columns(parse.tab, raw, indicator_columns(office, parse.group), out)
    if cols is None:
        return out
    key_col = parse.columns["code"]
    key_at, tab, lines, writes = key_col - 1, parse.tab, raw.values, out.writes
    status_cols = [cols[key] for key in STATUS_KEYS]  # row_cells' order
    for outcome in outcomes:
        r = outcome.row.row
        line = lines[r - 1] if 0 < r <= len(lines) else ()
        width = len(line)
        identity = None  # made once the row has a cell to write (none, most rows the next night)
        for col, value in zip(status_cols, row_cells(outcome, texts), strict=True):
            if _unchanged(line[col - 1] if col <= width else None, value):
                continue
            if identity is None:
                identity = tuple.__new__(Identity, (key_col, identity_key(line[key_at] if key_at < width else None, "code"),
                                                    "code"))
            writes.append(_write((tab, r, col, value, identity)))
    out.writes += _stale_rows(parse, raw, cols, key_col, "code")
    return out


def plan_outputs_tab(parse: TabParse, raw: RawTable) -> WritePlan:
    out = WritePlan()
    if "title" not in parse.columns:
        return out
    cols = _status_columns(parse.tab, raw, OUTPUT_COLUMNS, out)
    if cols is None:
        return out
    key_col = parse.columns["title"]
    for row in parse.rows:
        wanted: dict[str, CellValue] = {
            "state": vocab.STATE_INVALID if row.errors else vocab.STATE_VALID,
            "errors": "\n".join(f"{e.cell}: {e.message}" for e in row.errors) or None,
        }
        identity = Identity(col=key_col, key=identity_key(raw.cell(row.row, key_col), "label"), kind="label")
        out.writes += _diff_row(parse.tab, row.row, wanted, cols, raw, identity)
    out.writes += _stale_rows(parse, raw, cols, key_col, "label")
    return out


# --- the director's Status tab ---------------------------------------------------------------------

def status_grid(office: Office, ev: Evaluation, now: datetime) -> list[list[CellValue]]:
    """The Status tab, row by row. B2 holds the time of sync."""
    t = Texts(office, ev.rounds)
    names = {g.code: g.name for g in office.groups}
    o = ev.office
    grid: list[list[CellValue]] = [
        [f"{vocab.ST_TITLE} {office.office.short_name}"],
        [vocab.ST_SYNCED_AT, t.synced_at(now)],
        [vocab.ST_FISCAL_YEAR, t.n(office.office.fiscal_year)],
        [],
        [vocab.ST_OVERALL],
        [vocab.ST_SCORE, _num(o.score), vocab.ST_LEVEL, o.label, vocab.ST_COVERAGE, f"{t.n(o.reported)}/{t.n(o.total)}"],
    ]
    if ev.next_deadline:
        d = ev.next_deadline
        grid.append([vocab.ST_NEXT_DEADLINE, d.name, vocab.ST_DUE, t.date(d.due, "long"), vocab.ST_DAYS_LEFT, d.days_left,
                     deadline_note(d, t)])
    else:
        grid.append([vocab.ST_NEXT_DEADLINE, vocab.NO_DEADLINE])
    grid += round_rows(ev, t)
    grid += [[], [vocab.ST_STANDARDS],
             [vocab.ST_STANDARD, vocab.ST_INDICATOR, vocab.ST_WEIGHT, vocab.ST_SCORE, vocab.ST_LEVEL, vocab.ST_COVERAGE]]
    for s in o.standards:
        grid.append([f"{t.n(s.code)} {s.title}", "", _num(s.weight), _num(s.score), s.label,
                     f"{t.n(s.reported)}/{t.n(s.total)}"])
        for ind in s.indicators:
            grid.append(["", f"{t.n(ind.code)} {ind.title}", _num(ind.weight), _num(ind.score),
                         band_label(ind.score, office.levels.bands, vocab.NO_SCORE),
                         f"{t.n(len(ind.owner_levels))}/{t.n(len(ind.owners))}"])
    focus = ev.round
    reported_head = vocab.ST_REPORTED_PCT_ROUND.format(round=t.name(focus.code)) if focus else vocab.ST_REPORTED_PCT
    grid += [[], [vocab.ST_GROUPS_ROUND.format(round=t.name(focus.code)) if focus else vocab.ST_GROUPS],
             [vocab.ST_GROUP, vocab.ST_ROWS, reported_head, vocab.ST_ERRORS, vocab.ST_OVERDUE,
              vocab.ST_LEVEL, vocab.ST_MILESTONE]]
    signoff = office.signoff_required()
    if signoff:  # the rows each group's head has still to sign (or sign again), beside its state
        grid[-1].append(vocab.ST_AWAITING_SIGNOFF)
    errors_by_tab: dict[str, int] = {}
    for e in ev.errors:
        errors_by_tab[e.tab] = errors_by_tab.get(e.tab, 0) + 1
    for g, parse in zip(ev.groups, ev.tabs, strict=True):
        level = mean_level(ev.outcomes.get(parse.tab, []))
        mean = round(level, 2) if level is not None else None
        pct = round(100 * g.reported / g.rows, 1) if g.rows else 0
        state = _group_state(g, ev.today, t)
        if g.milestone:
            state += f" ({t.name(g.milestone)})"
        line: list[CellValue] = [names[g.group], g.rows, _num(pct), errors_by_tab.get(parse.tab, 0), g.overdue,
                                 band_label(mean, office.levels.bands, vocab.NO_SCORE), state]
        if signoff:
            line.append(sum(1 for oc in ev.outcomes.get(parse.tab, []) if oc.row.awaiting_signoff))
        grid.append(line)
    if ev.tabs_found:  # a group renamed its tab: the coordinator makes it permanent in office.yaml
        grid += [[], [vocab.ST_TABS_FOUND]]
        grid += [[names.get(g.code, g.code), vocab.ST_TAB_FOUND_ROW.format(found=ev.tabs_found[g.tab], tab=g.tab),
                  vocab.ST_TAB_FOUND_FIX.format(found=ev.tabs_found[g.tab])]
                 for g in office.groups if g.tab in ev.tabs_found]
    grid += [[], [vocab.ST_LATE], [vocab.ST_GROUP, vocab.ST_INDICATOR, vocab.ST_PROBLEM, vocab.ST_DUE]]
    if not ev.late:
        grid.append([vocab.ST_NONE_LATE])
    order = {"overdue": 0, "missing_row": 1, "invalid": 2, "due_soon": 3, "unsigned": 4, "incomplete": 5}
    for item in sorted(ev.late, key=lambda i: (order.get(i.state, 9), i.group, i.code)):
        problem = item.problem
        if item.state == "overdue":
            problem = f"{vocab.PROGRESS_OVERDUE}: {problem}"
        elif item.state == "due_soon":
            problem = f"{vocab.PROGRESS_DUE_SOON}: {problem}"
        if item.cells:
            problem += f" ({', '.join(item.cells[:5])})"
        if item.new_due:
            problem += vocab.PROGRESS_NEW_DUE.format(day=t.date(item.new_due))
        grid.append([names[item.group], f"{t.n(item.code)} {item.title}".strip(), problem,
                     t.date(item.due) if item.due else ""])
    return grid


def _group_state(g: GroupProgress, today: date, t: Texts) -> str:
    """A group's state on the Status tab: late or due soon with its count of days (one cell per group,
    the only place the count is said since the rows name the due date instead)."""
    if g.state == "overdue" and g.due is not None:
        return vocab.ST_GROUP_OVERDUE_DAYS.format(days=t.n((today - g.due).days))
    if g.state == "due_soon" and g.due is not None:
        return vocab.ST_GROUP_DUE_SOON_DAYS.format(days=t.n((g.due - today).days))
    return STATE_TEXT[g.state]


def deadline_note(d: Deadline, t: Texts) -> str:
    """Why a deadline is not the calendar's date: moved off a day off, or a new one for a late round."""
    if d.extended_from is not None:
        return vocab.DEADLINE_EXTENDED.format(due=t.date(d.extended_from))
    if d.moved_from is not None:
        return vocab.DEADLINE_MOVED.format(day=t.date(d.moved_from), reason=d.moved_reason)
    return ""


def round_rows(ev: Evaluation, t: Texts) -> list[list[CellValue]]:
    """The Status tab's rounds: each with its dates, closed or not, and how many reported for it."""
    if not ev.rounds:
        return []
    rows: list[list[CellValue]] = [[], [vocab.ST_ROUNDS],
                                   [vocab.ST_MILESTONE, vocab.ST_OPENS, vocab.ST_DUE, vocab.ST_ROUND_STATE, vocab.ST_REPORTED]]
    for r in ev.rounds:
        due = t.date(r.due, "long")
        if r.moved_from is not None:
            due += " " + vocab.DEADLINE_MOVED.format(day=t.date(r.moved_from), reason=r.moved_reason)
        if r.closed_on is not None:
            state = vocab.ROUND_STATE_CLOSED.format(day=t.date(r.closed_on, "long"))
        elif r.reopened:
            state = vocab.ROUND_STATE_REOPENED
        elif r.opens > ev.today:
            state = vocab.ROUND_STATE_NOT_OPEN
        else:
            state = vocab.ROUND_STATE_OPEN
        reported = f"{t.n(r.reported)}/{t.n(r.total)}" if r.reported is not None else ""
        rows.append([t.name(r.code), t.date(r.opens, "long"), due, state, reported])
    return rows


def plan_status_tab(tab: str, grid: list[list[CellValue]], current: RawTable | None) -> list[CellWrite]:
    """Writes that turn the tab's current content into `grid`, clearing what lies beyond it."""
    writes: list[CellWrite] = []
    new = tuple.__new__  # _write's way, inline: tens of thousands of cells on the first sync
    rows: list[list[Any]] = current.values if current is not None else []
    height = max(len(grid), len(rows))
    for r in range(1, height + 1):
        wanted: list[CellValue] = grid[r - 1] if r <= len(grid) else []
        have: list[Any] = rows[r - 1] if r <= len(rows) else []
        if wanted == have:  # the line as it is (same() holds cell by cell): most lines, the next night
            continue
        if not have:  # nothing there yet (the first sync): every value that is not blank (_unchanged(None, v))
            writes += [new(CellWrite, (tab, r, c, value, None)) for c, value in enumerate(wanted, start=1)
                       if value is not None and (not isinstance(value, str) or value.strip())]
            continue
        for c in range(1, max(len(wanted), len(have)) + 1):
            value = wanted[c - 1] if c <= len(wanted) else None
            cell = have[c - 1] if c <= len(have) else None
            if not (cell == value or same(cell, value)):
                writes.append(_write((tab, r, c, value, None)))
    return writes


@pauses_collector
def plan(office: Office, ev: Evaluation, tables: dict[str, RawTable], now: datetime) -> tuple[WritePlan, list[list[CellValue]]]:
    texts = Texts(office, ev.rounds, ev.dates)
    tabs: list[WritePlan] = []
    for parse in ev.tabs:
        raw = tables.get(parse.tab)
        if raw is not None:
            tabs.append(plan_group_tab(parse, ev.outcomes[parse.tab], raw, office, texts))
    if ev.outputs is not None:
        tabs.append(plan_outputs_tab(ev.outputs, tables[office.outputs_tab]))
    grid = status_grid(office, ev, now)
    writes = [w for t in tabs for w in t.writes]
    writes += plan_status_tab(office.status_tab, grid, tables.get(office.status_tab))
    return WritePlan(writes=writes, status_tab=office.status_tab, marks=[m for t in tabs for m in t.marks],
                     notes=[n for t in tabs for n in t.notes]), grid


# The words a status text starts with, by the colour the director sees it in (the workbook's
# conditional formats are built from the same table).
RAG_PREFIXES: dict[str, tuple[str, ...]] = {
    "red": (vocab.PROGRESS_OVERDUE, vocab.STATE_INVALID),
    "amber": (vocab.PROGRESS_DUE_SOON, vocab.STATE_NOT_REPORTED, vocab.STATE_AWAITING_SIGNOFF,
              vocab.STATE_SIGNOFF_VOID, vocab.STATE_INCOMPLETE),
    "green": (vocab.PROGRESS_REPORTED, vocab.STATE_VALID, vocab.PROGRESS_CLOSED),
}
