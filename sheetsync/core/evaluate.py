"""Raw tabs -> everything the sync decides: parsed rows, scores, progress, errors, what is late. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from sheetsync.core import vocab
from sheetsync.core.cells import RawTable
from sheetsync.core.collector import pauses_collector
from sheetsync.core.deadlines import (
    GroupProgress,
    Progress,
    Schedule,
    covers,
    group_progress,
    next_deadline,
    row_progress,
)
from sheetsync.core.models import Milestone, Office
from sheetsync.core.rounds import RoundBook
from sheetsync.core.rows import (
    AWAITING,
    HEADER_PROBLEMS,
    CellError,
    IndicatorRow,
    OutputRow,
    TabParse,
    cell_error,
    parse_group_tab,
    parse_outputs_tab,
)
from sheetsync.core.scoring import OfficeResult, RowScore, row_score, score_office
from sheetsync.core.signoff import UNSIGNED, Seen, explanation_notice, judge, needs_explanation


@dataclass(slots=True)
class RowOutcome:
    """A row and what was judged of it. A plain dataclass (one per row: issue 16); its row stays the
    IndicatorRow model, and pydantic dumps and loads the outcome inside an Evaluation as before."""

    row: IndicatorRow
    score: RowScore | None
    progress: Progress

    @property
    def counted_level(self) -> float | None:
        """The level this row adds to its group's and office's: none while it has errors or awaits its
        head's sign-off (its level is shown beside it, not counted)."""
        score, row = self.score, self.row
        if score is None or row.errors or row.signoff in AWAITING:
            return None
        return score.level


def mean_level(outcomes: list[RowOutcome]) -> float | None:
    """A group's level: the mean of its rows' counted levels (the brief, the meeting, the Status tab)."""
    levels = [lv for lv in (o.counted_level for o in outcomes) if lv is not None]
    return sum(levels) / len(levels) if levels else None


@dataclass(slots=True)
class LateItem:
    """What a group must do about one row (a dataclass: thousands a night when a round is late; pydantic
    dumps and loads it inside an Evaluation as it did the model)."""

    group: str
    tab: str
    code: str
    title: str
    problem: str  # Thai: what the group must do
    state: str  # overdue, due_soon, invalid, missing_row
    due: date | None = None  # the working day it was due
    new_due: date | None = None  # overdue: the new deadline asked for (ภายในวันที่)
    milestone: str | None = None  # the milestone the item is late or due for, when it is one
    cells: list[str] = field(default_factory=list)


class Deadline(BaseModel):
    code: str
    name: str
    due: date
    days_left: int
    moved_from: date | None = None  # the calendar's date, when it fell on a day off
    moved_reason: str = ""  # the day off it fell on (a holiday's Thai name, เสาร์, อาทิตย์)
    extended_from: date | None = None  # a round past due: `due` is its new deadline, this the old one


class MilestoneDates(BaseModel):
    """A milestone's dates as the office works them on the day judged (core.workdays), kept with the
    evaluation so that a document made later from history prints the same dates."""

    due: date
    moved_from: date | None = None
    moved_reason: str = ""
    remind_from: date
    new_due: date  # the deadline an overdue item is asked for on the day judged
    closes_after: date | None = None  # a round: the last day of its grace


class RoundView(BaseModel):
    """A reporting round as of the day judged: its dates and how many (group, indicator) pairs reported
    for it (the frozen count once closed; None for a round after the one in focus)."""

    code: str
    name: str
    opens: date
    due: date
    moved_from: date | None = None
    moved_reason: str = ""
    closed_on: date | None = None
    closed_by: str = ""
    reopened: bool = False
    reported: int | None = None
    total: int = 0
    focus: bool = False


class Evaluation(BaseModel):
    today: date
    tabs: list[TabParse]
    outputs: TabParse | None
    outcomes: dict[str, list[RowOutcome]]  # group tab -> its rows
    groups: list[GroupProgress]
    office: OfficeResult
    errors: list[CellError]
    late: list[LateItem]
    next_deadline: Deadline | None
    missing_tabs: list[str]
    tabs_found: dict[str, str] = {}  # a group's tab (office.yaml) -> the tab read in its place (app.tabs)
    rounds: list[RoundView] = []
    dates: dict[str, MilestoneDates] = {}  # milestone code -> its dates
    # The sign-offs seen tonight for the first time, (tab, code) -> (signer, ISO date, figures), for
    # history to keep (core.signoff); not part of what history stores of the evaluation.
    new_signoffs: dict[tuple[str, str], tuple[str, str, str]] = Field(default_factory=dict, exclude=True)

    @property
    def round(self) -> RoundView | None:
        """The round progress speaks of (core.rounds.focus_round)."""
        return next((r for r in self.rounds if r.focus), None)

    @property
    def row_count(self) -> int:
        return sum(len(v) for v in self.outcomes.values()) + (len(self.outputs.rows) if self.outputs else 0)

    @property
    def valid_rows(self) -> int:
        rows = [o.row for v in self.outcomes.values() for o in v]
        outputs = self.outputs.rows if self.outputs else []
        return sum(1 for r in rows if r.valid) + sum(1 for r in outputs if not r.errors)


def load_evaluation(data: dict[str, Any]) -> Evaluation:
    """An Evaluation back from its JSON (history): the tabs' rows become IndicatorRow / OutputRow again."""
    ev = Evaluation.model_validate(data)
    for parse in ev.tabs:
        parse.rows = [IndicatorRow.model_validate(r) if isinstance(r, dict) else r for r in parse.rows]
    if ev.outputs is not None:
        ev.outputs.rows = [OutputRow.model_validate(r) if isinstance(r, dict) else r for r in ev.outputs.rows]
    return ev


@pauses_collector
def evaluate(office: Office, tables: dict[str, RawTable], today: date, book: RoundBook | None = None,
             schedule: Schedule | None = None, signed: Seen | None = None) -> Evaluation:
    """`book`: the fiscal year's rounds as history holds them (closed, reopened); none closed without it.
    `signed`: the sign-offs history has seen (core.signoff), for an office with `signoff: required`."""
    schedule = schedule or Schedule.of(office, today, book)
    tabs: list[TabParse] = []
    outcomes: dict[str, list[RowOutcome]] = {}
    groups: list[GroupProgress] = []
    errors: list[CellError] = []
    late: list[LateItem] = []
    missing_tabs: list[str] = []
    levels: dict[str, dict[str, int]] = {}
    new_signoffs: dict[tuple[str, str], tuple[str, str, str]] = {}
    below, seen = office.explain_below, signed or {}

    for group in office.groups:
        raw = tables.get(group.tab)
        if raw is None:
            missing_tabs.append(group.tab)
            errors.append(cell_error(group.tab, 1, 1, "tab", "", "missing-tab", tab=group.tab))
            raw = RawTable(tab=group.tab, values=[])
            parse = TabParse(tab=group.tab, group=group.code,
                             missing_codes=[i.code for i in office.group_indicators(group.code)])
        else:
            parse = parse_group_tab(raw, group, office, today)
            errors += parse.tab_errors
        signoff = office.signoff_required(group.code)
        tabs.append(parse)
        tab_outcomes = []
        milestones = office.milestones
        for row in parse.rows:
            if row.errors:
                errors += [e for e in row.errors if e.code not in HEADER_PROBLEMS]  # said once, for the tab
            indicator = office.indicator(row.indicator) if row.indicator else None
            score = row_score(row, indicator) if indicator else None
            if signoff and indicator is not None and row.reported and not row.errors:
                row.signoff, said, new = judge(row, seen, parse.columns, parse.labels)
                row.notices += said
                if new is not None:
                    new_signoffs[(row.tab, row.code)] = new
            if score is not None and needs_explanation(row, score.level, below):
                row.notices.append(explanation_notice(row, score.level, below, parse.columns, parse.labels))
            # a row awaiting its head's sign-off is not submitted: its level is shown beside it, not counted
            if score is not None and indicator is not None and row.signoff not in AWAITING:
                levels.setdefault(indicator.code, {})[group.code] = score.level
            tab_outcomes.append(RowOutcome(row, score, row_progress(row, milestones, schedule)))
        outcomes[parse.tab] = tab_outcomes
        # An owned indicator without a row is judged as an empty row: not reported.
        phantoms = [IndicatorRow(tab=parse.tab, row=0, group=group.code, code=c, indicator=c) for c in parse.missing_codes]
        phantom_progress = [row_progress(r, office.milestones, schedule) for r in phantoms]
        all_rows = [o.row for o in tab_outcomes if o.row.indicator] + phantoms
        all_progress = [o.progress for o in tab_outcomes if o.row.indicator] + phantom_progress
        groups.append(group_progress(group.code, all_rows, all_progress, schedule))
        late += _late_items(office, group.code, parse.tab, tab_outcomes, phantoms, phantom_progress)

    outputs = None
    raw_outputs = tables.get(office.outputs_tab)
    if raw_outputs is not None:
        outputs = parse_outputs_tab(raw_outputs, office)
        errors += outputs.tab_errors
        errors += [e for r in outputs.rows for e in r.errors]

    result = score_office(office, levels, none_label=vocab.NO_SCORE)
    nxt = next_deadline(office.milestones, schedule)
    deadline = None
    if nxt is not None:
        deadline = Deadline(code=nxt.milestone.code, name=nxt.milestone.name, due=nxt.due.day, days_left=nxt.days_left,
                            moved_from=nxt.due.moved_from, moved_reason=nxt.due.reason, extended_from=nxt.extended_from)
    return Evaluation(today=today, tabs=tabs, outputs=outputs, outcomes=outcomes, groups=groups, office=result,
                      errors=errors, late=late, next_deadline=deadline, missing_tabs=missing_tabs,
                      rounds=round_views(office, outcomes, tabs, schedule), dates=milestone_dates(office, schedule),
                      new_signoffs=new_signoffs)


def milestone_dates(office: Office, schedule: Schedule) -> dict[str, MilestoneDates]:
    return {m.code: MilestoneDates(due=schedule.due[m.code].day, moved_from=schedule.due[m.code].moved_from,
                                   moved_reason=schedule.due[m.code].reason, remind_from=schedule.remind_from[m.code],
                                   new_due=schedule.new_due[m.code], closes_after=schedule.closes_after.get(m.code))
            for m in office.milestones}


def round_views(office: Office, outcomes: dict[str, list[RowOutcome]], tabs: list[TabParse],
                schedule: Schedule) -> list[RoundView]:
    """Every round with its dates and coverage: the frozen count of a closed round, the live count of
    the round in focus (the rows plus the owned indicators without a row), nothing for later ones."""
    rows = [o.row for v in outcomes.values() for o in v if o.row.indicator]
    phantom_pairs = [(t.group or "", code) for t in tabs for code in t.missing_codes]
    views = []
    focus = schedule.focus
    for m in office.rounds():
        due = schedule.due[m.code]
        view = RoundView(code=m.code, name=m.name, opens=m.opens, due=due.day, moved_from=due.moved_from,
                         moved_reason=due.reason, focus=focus is not None and focus.code == m.code,
                         reopened=m.code in schedule.book.reopened)
        closed = schedule.closed(m.code)
        if m.covers or m.requires == "office":
            covered = [row for row in rows if row.indicator and covers(m, row.indicator, row.group)]
        else:  # covers every row (rounds.covers), asked of none
            covered = rows
        total = len(covered) + sum(1 for g, code in phantom_pairs if covers(m, code, g))
        if closed is not None:
            view.closed_on, view.closed_by = closed.closed_on, closed.by
            view.reported, view.total = closed.reported, closed.total
        elif view.focus:
            view.reported, view.total = sum(1 for row in covered if schedule.counts_for(m, row)), total
        else:
            view.total = total
        views.append(view)
    return views


def _late_items(office: Office, group: str, tab: str, outcomes: list[RowOutcome], phantoms: list[IndicatorRow],
                phantom_progress: list[Progress]) -> list[LateItem]:
    items = []
    # What a late row is missing, per Progress (rows judged alike share one: core.deadlines); each is
    # held by its outcome for the whole call, so its id is not reused meanwhile.
    missing: dict[int, str] = {}
    for o in outcomes:
        row, progress = o.row, o.progress
        if row.indicator is None:
            items.append(LateItem(group=group, tab=tab, code=row.code, title="", state="invalid",
                                  problem=vocab.FIX_ERRORS, cells=[e.cell for e in row.errors]))
            continue
        state = progress.state
        if state == "overdue" or state == "due_soon":
            indicator = office.indicator(row.indicator)
            if row.errors:
                problem = vocab.FIX_ERRORS
            elif row.awaiting_signoff:
                problem = _signoff_problem(row)
            else:
                problem = missing.get(id(progress), "")
                if not problem:
                    problem = missing[id(progress)] = _missing_what(office, progress)
            items.append(LateItem(group=group, tab=tab, code=row.code, title=indicator.title if indicator else "",
                                  problem=problem, state=state, due=progress.due, new_due=progress.new_due,
                                  milestone=progress.milestone,
                                  cells=[e.cell for e in row.errors or row.notices]))
        elif row.errors:
            indicator = office.indicator(row.indicator)
            items.append(LateItem(group=group, tab=tab, code=row.code, title=indicator.title if indicator else "",
                                  state="invalid", problem=vocab.FIX_ERRORS, cells=[e.cell for e in row.errors]))
        elif row.awaiting_signoff or row.notices:
            # not late yet, but not done: awaiting the head's sign-off, or still lacking an explanation or evidence
            indicator = office.indicator(row.indicator)
            unsigned = row.awaiting_signoff
            items.append(LateItem(group=group, tab=tab, code=row.code, title=indicator.title if indicator else "",
                                  state="unsigned" if unsigned else "incomplete",
                                  problem=_signoff_problem(row) if unsigned else vocab.ROW_INCOMPLETE,
                                  due=progress.due if progress.state in ("open", "not_open") else None,
                                  cells=[n.cell for n in row.notices]))
    for row, progress in zip(phantoms, phantom_progress, strict=True):
        indicator = office.indicator(row.code)
        items.append(LateItem(group=group, tab=tab, code=row.code, title=indicator.title if indicator else "",
                              problem=vocab.missing_row(row.code), state="missing_row", due=progress.due,
                              new_due=progress.new_due, milestone=progress.milestone))
    return items


def _signoff_problem(row: IndicatorRow) -> str:
    return vocab.AWAITING_SIGNOFF if row.signoff == UNSIGNED else vocab.SIGNOFF_VOIDED


def _missing_what(office: Office, progress: Progress) -> str:
    milestone = office.milestone(progress.milestone) if progress.milestone else None
    if milestone is None:
        return vocab.NOT_REPORTED_YET
    if milestone.requires == "targets":
        return vocab.NO_TARGET_YET
    closed = office.milestone(progress.closed_round) if progress.closed_round else None
    if progress.dated_before_close and closed is not None:
        return vocab.EDITED_KEEP_DATE.format(closed=round_name(closed), round=round_name(milestone))
    return vocab.NOT_REPORTED_FOR.format(round=round_name(milestone))


def round_name(milestone: Milestone) -> str:
    """The round as the status and documents name it: "รอบ ๖ เดือน" out of "รายงานผลการดำเนินงานรอบ ๖ เดือน"."""
    return short_round(milestone.name)


def short_round(name: str) -> str:
    at = name.find(vocab.ROUND_WORD)
    return name[at:] if at > 0 else name
