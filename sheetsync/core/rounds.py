"""Reporting rounds (รอบการรายงาน) as periods: which report counts for which round, and a round frozen. Pure.

A round is a `results` milestone of the calendar (the 6- and 12-month reports e-MES takes). Groups
keep one row per indicator and type each round's values over the last one. **The rule that decides
that a row is reported for a round:** the row has no errors, (with `signoff: required`) its
group head's sign-off stands (core.signoff), one of its result inputs (ผลการดำเนินงาน,
ประเด็นที่ผ่าน, ระดับที่ประเมินตนเอง) is filled, and its วันที่รายงาน falls in the round's window: after
the day the previous round closed (while that round is still open: after the last day of its grace,
when a sync closes it), or for the fiscal year's first round from the year's first day (1 October);
up to the day this round closes. So a March report counts for the 6-month round and not the
12-month one; after the 6-month round has closed, what a group types with a new report date counts
for the 12-month round, and nothing has to be typed twice.

A round closes when the coordinator says so (`sheetsync round close CODE`: closed that day) or on its
own at the first sync after its due date plus `grace_days` working days (core.workdays): then it is
closed as of the day after its grace ended, even when that first sync comes days later, so a report
dated after that day counts for the next round, not this one. Closing freezes each row as
it is then: its values and score when it counts for the round, nothing when it does not, and who was
late (no report at the close, or a report dated after the due date). The frozen round is kept in
history and never changes with a later edit; `round reopen CODE` (the coordinator, recorded with who
and when) sets it aside until the round is closed again, by hand or, with `--until DATE`, on its own
after that date. A reopened round without `--until` stays open until `round close`. While a round is
reopened it is judged again from the rows as they are, and the next round's window starts after the
reopened round's `until` (or its grace, without one): re-closing it settles which reports are whose.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sheetsync.core.models import Milestone, Office
from sheetsync.core.rows import AWAITING, IndicatorRow
from sheetsync.core.thai import fiscal_year_bounds

# What a person types into a row that a round's result is made of: a change in any of them after a
# round closed is an edit after the close.
VALUE_FIELDS = ("target", "target_value", "unit", "result", "result_value", "criteria_met", "self_level",
                "justification", "evidence", "owner", "reported_on")


def fingerprint(row: IndicatorRow) -> str:
    """A short hash of the row's typed values, as the round froze them."""
    values = [row.target, row.target_value, row.unit, row.result, row.result_value,
              sorted(row.criteria_met) if row.criteria_met is not None else None, row.self_level,
              row.justification, row.evidence, row.owner, row.reported_on.isoformat() if row.reported_on else None]
    return hashlib.blake2b(json.dumps(values, ensure_ascii=False).encode(), digest_size=8).hexdigest()


def row_key(tab: str, code: str) -> str:
    return f"{tab}\x1f{code}"


@dataclass(frozen=True)
class Closed:
    """A round as its last close left it."""

    closed_on: date
    by: str
    at: datetime
    reported: int
    total: int
    fingerprints: dict[str, str] = field(default_factory=dict)  # row_key -> fingerprint at the close
    reported_keys: frozenset[str] = frozenset()  # row_key of every row that counted for the round


@dataclass(frozen=True)
class Reopened:
    on: date
    by: str
    at: datetime
    until: date | None = None


@dataclass(frozen=True)
class RoundBook:
    """The state of the fiscal year's rounds, as history holds it: closed ones, reopened ones; a round
    in neither is open (or not open yet)."""

    closed: dict[str, Closed] = field(default_factory=dict)
    reopened: dict[str, Reopened] = field(default_factory=dict)

    def is_closed(self, code: str) -> bool:
        return code in self.closed

    def with_closed(self, code: str, closed: Closed) -> RoundBook:
        reopened = {k: v for k, v in self.reopened.items() if k != code}
        return RoundBook(closed={**self.closed, code: closed}, reopened=reopened)


EMPTY_BOOK = RoundBook()


def covers(milestone: Milestone, indicator: str, group: str) -> bool:
    """The milestone asks something of this row (by indicator or group code; no `covers`: every row)."""
    if milestone.requires == "office":
        return False
    return not milestone.covers or indicator in milestone.covers or group in milestone.covers


def window_start(office: Office, milestone: Milestone, book: RoundBook, closes_after: dict[str, date],
                 indicator: str | None = None, group: str = "") -> date:
    """The first report date that counts for `milestone`: the day after the previous round closed (while
    it is not closed: the day after its grace ends, or a reopen's `until`, when a sync would close it), or the fiscal year's
    first day for the first round. With `indicator`, "previous" is the previous round covering that row
    (a round for a few groups only does not move the others' windows)."""
    start = fiscal_year_bounds(office.office.fiscal_year)[0]
    previous = [m for m in office.rounds() if (m.due, m.code) < (milestone.due, milestone.code)
                and (indicator is None or covers(m, indicator, group))]
    if not previous:
        return start
    last = previous[-1]
    closed, reopened = book.closed.get(last.code), book.reopened.get(last.code)
    if closed is not None:
        end = closed.closed_on
    elif reopened is not None and reopened.until is not None:
        end = reopened.until  # a sync after `until` closes it again
    else:
        end = closes_after[last.code]
    return max(start, end + timedelta(days=1))


def reported_for(row: IndicatorRow, start: date, end: date | None = None) -> bool:
    """The rule of this module's docstring: valid, reported, its report date inside [start, end]."""
    on = row.reported_on  # (IndicatorRow.valid and .awaiting_signoff inline: twice a row, every night)
    if on is None or row.errors or not row.reported or row.signoff in AWAITING:
        return False
    return on >= start and (end is None or on <= end)


def focus_round(office: Office, book: RoundBook) -> Milestone | None:
    """The round progress speaks of: the first one not closed; when all are closed, the last one."""
    rounds = office.rounds()
    open_ = [m for m in rounds if not book.is_closed(m.code)]
    if open_:
        return open_[0]
    return rounds[-1] if rounds else None


def due_to_close(office: Office, book: RoundBook, today: date, closes_after: dict[str, date]) -> list[Milestone]:
    """The rounds a sync on `today` closes on its own: past their grace (`closes_after`: the last day
    of each round's grace, core.workdays.Dates.closes_after), not closed, and not reopened (a reopened
    round closes on its own only after its `until` date)."""
    out = []
    for m in office.rounds():
        if book.is_closed(m.code):
            continue
        reopened = book.reopened.get(m.code)
        if reopened is not None:
            if reopened.until is not None and today > reopened.until:
                out.append(m)
            continue
        if today > closes_after[m.code]:
            out.append(m)
    return out
