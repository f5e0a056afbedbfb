"""Work-calendar milestones -> where each row and group stands on a given day. Pure.

A row is judged against the milestones that cover it (by indicator or group code; no `covers` means
every row), oldest due date first. The first opened milestone the row has not met decides its state:
overdue once the due date has passed, due soon inside the reminder window, open before that. A row
that has met every opened milestone is reported; one with no opened milestone is not open yet.

- `requires: targets` is met once the row has a target (เป้าหมาย or ค่าเป้าหมาย).
- `requires: results` is met by a valid, reported row whose report date is on or after the milestone
  opened (so a March report meets the 6-month round, not the 12-month one).
- `requires: office` milestones (the SAR to OBEC) concern the office, not rows; they show as deadlines.

"Today" is the office's calendar day in its timezone (Asia/Bangkok), which the caller passes in.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from sheetsync.core.models import Milestone
from sheetsync.core.rows import IndicatorRow
from sheetsync.core.thai import be_year, ce_year, fiscal_year_bounds, fiscal_year_of

__all__ = ["be_year", "ce_year", "fiscal_year_bounds", "fiscal_year_of"]

State = Literal["reported", "due_soon", "overdue", "open", "not_open", "none"]
# Worst first: the order a group's state is taken from its rows.
SEVERITY: tuple[State, ...] = ("overdue", "due_soon", "open", "not_open", "reported", "none")


class Progress(BaseModel):
    state: State
    milestone: str | None = None
    due: date | None = None
    days: int | None = None  # days left (due soon, open, not open) or days late (overdue)


class GroupProgress(BaseModel):
    group: str
    state: State
    rows: int
    reported: int
    overdue: int
    due_soon: int
    milestone: str | None = None
    due: date | None = None


def office_today(timezone: str, now: datetime | None = None) -> date:
    return (now or datetime.now(ZoneInfo(timezone))).astimezone(ZoneInfo(timezone)).date()


def covers(milestone: Milestone, indicator: str, group: str) -> bool:
    if milestone.requires == "office":
        return False
    return not milestone.covers or indicator in milestone.covers or group in milestone.covers


def met(milestone: Milestone, row: IndicatorRow) -> bool:
    if milestone.requires == "targets":
        return row.targets_set
    return row.valid and row.reported and row.reported_on is not None and row.reported_on >= milestone.opens


def row_progress(row: IndicatorRow, milestones: list[Milestone], today: date) -> Progress:
    if row.indicator is None:
        return Progress(state="none")
    relevant = sorted((m for m in milestones if covers(m, row.indicator, row.group)), key=lambda m: m.due)
    opened = [m for m in relevant if m.opens <= today]
    for m in opened:
        if met(m, row):
            continue
        if today > m.due:
            return Progress(state="overdue", milestone=m.code, due=m.due, days=(today - m.due).days)
        left = (m.due - today).days
        return Progress(state="due_soon" if left <= m.remind_days else "open", milestone=m.code, due=m.due, days=left)
    if opened:
        last = opened[-1]
        return Progress(state="reported", milestone=last.code, due=last.due)
    if relevant:
        nxt = relevant[0]
        return Progress(state="not_open", milestone=nxt.code, due=nxt.due, days=(nxt.opens - today).days)
    return Progress(state="none")


def worst(states: list[State]) -> State:
    return min(states, key=SEVERITY.index, default="none")


def group_progress(group: str, rows: list[IndicatorRow], progress: list[Progress]) -> GroupProgress:
    states = [p.state for p in progress]
    state = worst(states)
    deciding = next((p for p in progress if p.state == state), None)
    return GroupProgress(
        group=group,
        state=state,
        rows=len(rows),
        reported=sum(1 for r in rows if r.valid and r.reported and r.indicator),
        overdue=states.count("overdue"),
        due_soon=states.count("due_soon"),
        milestone=deciding.milestone if deciding else None,
        due=deciding.due if deciding else None,
    )


def next_deadline(milestones: list[Milestone], today: date) -> tuple[Milestone, int] | None:
    """The milestone due soonest on or after today, and the days left."""
    upcoming = sorted((m for m in milestones if m.due >= today), key=lambda m: m.due)
    if not upcoming:
        return None
    return upcoming[0], (upcoming[0].due - today).days
