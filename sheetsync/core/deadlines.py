"""Work-calendar milestones -> where each row and group stands on a given day. Pure.

A row is judged against the milestones that cover it (by indicator or group code; no `covers` means
every row), oldest due date first. The first opened milestone the row has not met decides its state:
overdue once the (working-day) due date has passed, due soon inside the reminder window (`remind_days`
working days before the due date), open before that. A row that has met every opened milestone is
reported; one with no opened milestone is not open yet.

- `requires: targets` is met once the row has a target (เป้าหมาย or ค่าเป้าหมาย).
- `requires: results` milestones are the reporting rounds (core.rounds): met by a report for that
  round (core.rounds.reported_for: valid, reported, its report date in the round's window). A closed
  round is frozen and no longer judged; what the row holds then counts for the next round (the row's
  progress names the closed round, and says when it was edited after the close).
- `requires: office` milestones (the SAR to OBEC) concern the office, not rows; they show as deadlines.

All dates come from one Schedule per evaluation (due dates moved off days off, reminder windows, new
deadlines for overdue items, round windows: core.workdays), so they are computed once, not per row.
"Today" is the office's calendar day in its timezone (Asia/Bangkok), which the caller passes in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Literal, TypedDict
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from sheetsync.core.models import Milestone, Office
from sheetsync.core.rounds import (
    EMPTY_BOOK,
    Closed,
    RoundBook,
    covers,
    fingerprint,
    focus_round,
    reported_for,
    row_key,
    window_start,
)
from sheetsync.core.rows import IndicatorRow
from sheetsync.core.thai import be_year, ce_year, fiscal_year_bounds, fiscal_year_of
from sheetsync.core.workdays import Dates, Deadline

__all__ = ["be_year", "ce_year", "fiscal_year_bounds", "fiscal_year_of"]

State = Literal["reported", "due_soon", "overdue", "open", "not_open", "closed", "none"]
# Worst first: the order a group's state is taken from its rows.
SEVERITY: tuple[State, ...] = ("overdue", "due_soon", "open", "not_open", "reported", "closed", "none")


@dataclass(slots=True)
class Progress:
    """Where one row stands. A plain dataclass (one per row, on the hot path: issue 16); inside an
    Evaluation pydantic dumps and loads it as it did the model."""

    state: State
    milestone: str | None = None
    due: date | None = None  # the working day it is due (moved off a day off)
    days: int | None = None  # days left (due soon, open, not open) or days late (overdue)
    new_due: date | None = None  # overdue: the new deadline (followup_days working days on, capped at the round's end)
    closed_round: str | None = None  # the last round this row was frozen in, when it has closed
    edited_after_close: bool = False  # the row's values differ from what that round froze
    dated_before_close: bool = False  # edited after the close but its report date is not after it


class GroupProgress(BaseModel):
    group: str
    state: State
    rows: int
    reported: int  # rows reported for the round in focus (every valid report when the office has no round)
    overdue: int
    due_soon: int
    milestone: str | None = None
    due: date | None = None


@dataclass(frozen=True)
class Schedule:
    """Every date the day's judgement needs, computed once (core.workdays): per milestone its due
    date as the office works, the first day of its reminder window, the new deadline for an overdue
    item; per round its window and its close, if closed.

    The new deadline of an overdue item is `followup_days` working days after today, but never after
    the round closes on its own (the last day of its grace, or of a reopen's `until`): a report sent
    after that would count for the next round, so the memo must not ask for it later than that."""

    today: date
    due: dict[str, Deadline]
    remind_from: dict[str, date]
    new_due: dict[str, date]
    window: dict[str, date]
    closes_after: dict[str, date]  # per round: the last day of its grace (a sync after it closes the round)
    book: RoundBook
    focus: Milestone | None
    office: Office
    row_windows: dict[tuple[str, str, str], date] = field(default_factory=dict)  # rounds with `covers` only
    # Schedule.relevant's lists, each kept with the list it was sorted from (an id alone may be reused).
    row_relevant: dict[tuple[object, ...], tuple[list[Milestone], list[Milestone]]] = field(default_factory=dict)
    # row_progress's answers by what decides them (see there), each kept with its milestone list.
    row_states: dict[tuple[object, ...], tuple[list[Milestone], Progress]] = field(default_factory=dict)

    @classmethod
    def of(cls, office: Office, today: date, book: RoundBook | None = None, dates: Dates | None = None) -> Schedule:
        book = book or EMPTY_BOOK
        dates = dates or Dates(office)
        closes_after = {m.code: dates.closes_after(m) for m in office.rounds()}
        new_due = {}
        for m in office.milestones:
            day = dates.new_deadline(m, today)
            if m.is_round:
                reopened = book.reopened.get(m.code)
                cap = (reopened.until if reopened is not None else closes_after[m.code])
                if cap is not None:
                    day = max(today, min(day, cap))
            new_due[m.code] = day
        return cls(
            today=today,
            due={m.code: dates.due(m) for m in office.milestones},
            remind_from={m.code: dates.remind_from(m) for m in office.milestones},
            new_due=new_due,
            window={m.code: window_start(office, m, book, closes_after) for m in office.rounds()},
            closes_after=closes_after,
            book=book,
            focus=focus_round(office, book),
            office=office,
        )

    def closed(self, code: str) -> Closed | None:
        return self.book.closed.get(code)

    @cached_property
    def _partial_rounds(self) -> bool:
        """Some round covers only some rows (asked per row: computed once, office.rounds() sorts)."""
        return any(m.covers for m in self.office.rounds())

    def relevant(self, milestones: list[Milestone], indicator: str, group: str) -> list[Milestone]:
        """The milestones covering a row, oldest due first: the same list for every row unless some
        milestone has `covers`, so it is sorted once per (list, indicator, group) and kept."""
        key = (id(milestones), indicator, group) if self._any_covers(milestones) else (id(milestones),)
        found = self.row_relevant.get(key)
        if found is None or found[0] is not milestones:
            found = (milestones, sorted((m for m in milestones if covers(m, indicator, group)),
                                        key=lambda m: self.due[m.code].day))
            self.row_relevant[key] = found
        return found[1]

    def _any_covers(self, milestones: list[Milestone]) -> bool:
        if milestones is self.office.milestones:
            return self._office_covers
        return any(m.covers for m in milestones)

    @cached_property
    def _office_covers(self) -> bool:
        return any(m.covers for m in self.office.milestones)

    def window_for(self, milestone: Milestone, row: IndicatorRow) -> date:
        """The first report date counting for the round, for this row: the same for every row unless
        some round covers only some rows (then the previous round covering this row decides)."""
        if not self._partial_rounds or row.indicator is None:
            return self.window[milestone.code]
        key = (milestone.code, row.indicator, row.group)
        if key not in self.row_windows:
            self.row_windows[key] = window_start(self.office, milestone, self.book, self.closes_after,
                                                 row.indicator, row.group)
        return self.row_windows[key]

    def counts_for(self, milestone: Milestone, row: IndicatorRow, end: date | None = None) -> bool:
        """The row meets the milestone: a target set, or a report for the round (dated in its window,
        up to its close, or up to `end` for a round being closed)."""
        if milestone.requires == "targets":
            return row.targets_set
        closed = self.closed(milestone.code)
        return reported_for(row, self.window_for(milestone, row), closed.closed_on if closed else end)


def office_today(timezone: str, now: datetime | None = None) -> date:
    return (now or datetime.now(ZoneInfo(timezone))).astimezone(ZoneInfo(timezone)).date()


def row_progress(row: IndicatorRow, milestones: list[Milestone], schedule: Schedule) -> Progress:
    """Where the row stands. Rows judged alike share one Progress (never changed once made: issue 16,
    thousands of rows a night stand the same): a row is judged by its milestones (the same for every
    row unless some milestone has `covers`), whether it set targets, its report (valid, reported, its
    date) and what a closed round froze of it; the memo is keyed by exactly these."""
    if row.indicator is None:
        return Progress(state="none")
    after_close = _after_close(row, schedule.relevant(milestones, row.indicator, row.group), schedule) \
        if schedule.book.closed else _NOT_CLOSED
    judged = (row.targets_set, not row.errors, row.reported, row.reported_on, row.signoff, after_close["closed_round"],
              after_close["edited_after_close"], after_close["dated_before_close"])
    key = (id(milestones), row.indicator, row.group, *judged) if schedule._any_covers(milestones) \
        else (id(milestones), *judged)
    found = schedule.row_states.get(key)
    if found is None or found[0] is not milestones:
        found = (milestones, _row_progress(row, milestones, schedule, after_close))
        schedule.row_states[key] = found
    return found[1]


def _row_progress(row: IndicatorRow, milestones: list[Milestone], schedule: Schedule, after_close: _AfterClose
                  ) -> Progress:
    assert row.indicator is not None
    today = schedule.today
    relevant = schedule.relevant(milestones, row.indicator, row.group)
    last_met: Milestone | None = None
    for m in relevant:
        if m.is_round and schedule.closed(m.code) is not None:
            continue
        due = schedule.due[m.code].day
        if m.opens > today:
            if m.is_round and schedule.counts_for(m, row):
                return Progress(state="reported", milestone=m.code, due=due, **after_close)
            if last_met is not None or after_close["closed_round"] is not None:
                break  # up to date with every milestone opened so far: reported (or the closed round speaks)
            return Progress(state="not_open", milestone=m.code, due=due, days=(m.opens - today).days, **after_close)
        if schedule.counts_for(m, row):
            last_met = m
            continue
        if today > due:
            return Progress(state="overdue", milestone=m.code, due=due, days=(today - due).days,
                            new_due=schedule.new_due[m.code], **after_close)
        state: State = "due_soon" if today >= schedule.remind_from[m.code] else "open"
        return Progress(state=state, milestone=m.code, due=due, days=(due - today).days, **after_close)
    code = after_close["closed_round"]
    if last_met is not None and (code is None or schedule.due[last_met.code].day > schedule.due[code].day):
        return Progress(state="reported", milestone=last_met.code, due=schedule.due[last_met.code].day, **after_close)
    if code is not None:  # every milestone after the last closed round is met or not open: it speaks
        return Progress(state="closed", milestone=code, due=schedule.due[code].day, **after_close)
    return Progress(state="none")


class _AfterClose(TypedDict):
    closed_round: str | None
    edited_after_close: bool
    dated_before_close: bool


_NOT_CLOSED: _AfterClose = {"closed_round": None, "edited_after_close": False, "dated_before_close": False}


def _after_close(row: IndicatorRow, relevant: list[Milestone], schedule: Schedule) -> _AfterClose:
    """The last closed round covering the row, and whether the row was edited since it froze."""
    closed = [(m, c) for m in relevant if m.is_round and (c := schedule.closed(m.code)) is not None]
    if not closed:
        return _NOT_CLOSED
    m, c = max(closed, key=lambda mc: mc[1].closed_on)
    frozen = c.fingerprints.get(row_key(row.tab, row.code))
    edited = frozen is not None and frozen != fingerprint(row)
    dated_before = edited and row.reported and (row.reported_on is None or row.reported_on <= c.closed_on)
    return {"closed_round": m.code, "edited_after_close": edited, "dated_before_close": dated_before}


def worst(states: list[State]) -> State:
    return min(states, key=SEVERITY.index, default="none")


def group_progress(group: str, rows: list[IndicatorRow], progress: list[Progress], schedule: Schedule | None = None
                   ) -> GroupProgress:
    states = [p.state for p in progress]
    state = worst(states)
    deciding = next((p for p in progress if p.state == state), None)
    focus = schedule.focus if schedule is not None else None
    if focus is not None and schedule is not None:
        everyone = not focus.covers and focus.requires != "office"  # rounds.covers: every row, at no cost
        reported = sum(1 for r in rows if r.indicator and (everyone or covers(focus, r.indicator, r.group))
                       and _frozen_or_counts(schedule, focus, r))
    else:
        reported = sum(1 for r in rows if not r.errors and r.reported and r.indicator)
    return GroupProgress(
        group=group,
        state=state,
        rows=len(rows),
        reported=reported,
        overdue=states.count("overdue"),
        due_soon=states.count("due_soon"),
        milestone=deciding.milestone if deciding else None,
        due=deciding.due if deciding else None,
    )


def _frozen_or_counts(schedule: Schedule, focus: Milestone, row: IndicatorRow) -> bool:
    closed = schedule.closed(focus.code)
    if closed is not None:  # every round closed: the count is the frozen one
        return row_key(row.tab, row.code) in closed.reported_keys
    return schedule.counts_for(focus, row)


@dataclass(frozen=True)
class NextDeadline:
    milestone: Milestone
    due: Deadline  # the working day (and the calendar's date when it was moved off a day off)
    days_left: int
    extended_from: date | None = None  # a round past due and still open: its new deadline, due then


def next_deadline(milestones: list[Milestone], schedule: Schedule) -> NextDeadline | None:
    """The milestone due soonest on or after today (by its working-day due date). A round past due and
    still open is not behind the office: its new deadline (followup_days) is what comes next."""
    today = schedule.today
    upcoming: list[NextDeadline] = []
    for m in milestones:
        due = schedule.due[m.code]
        if due.day >= today:
            upcoming.append(NextDeadline(m, due, (due.day - today).days))
        elif m.is_round and schedule.closed(m.code) is None and m.opens <= today:
            extended = schedule.new_due[m.code]
            upcoming.append(NextDeadline(m, Deadline(extended), (extended - today).days, extended_from=due.day))
    return min(upcoming, key=lambda n: (n.due.day, n.milestone.code), default=None)
