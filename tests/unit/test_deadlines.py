"""Tests of sheetsync.core.deadlines against the example work calendar of fiscal year 2570 (config/calendar.yaml):

    targets  requires targets  opens 2026-10-01  due Mon 2026-11-30  remind 10
    round6   requires results  opens 2027-03-01  due Wed 2027-03-31  remind 14  grace 10  followup 7
    round12  requires results  opens 2027-08-01  due Tue 2027-08-31  remind 14  grace 10  followup 7
    sar      requires office   opens 2027-09-01  due Wed 2027-09-15  (the office's own deadline, no row)

remind_days, grace_days and followup_days are working days (core.workdays): Saturdays, Sundays and the
Thai public holidays do not count. None of the four due dates falls on a day off. The holidays that
matter below (the `holidays` package, Thailand):

    2026: Tue 13 Oct (นวมินทรมหาราช), Fri 23 Oct, Sat 5 Dec + Mon 7 Dec (its substitution), Thu 10 Dec
    2027: Tue 6 Apr (จักรี), Tue-Thu 13-15 Apr (สงกรานต์), Thu 12 Aug (วันแม่); March 2027 has none

So, counted by hand (weekdays checked against a calendar):

    targets remind_from   Mon 16 Nov 2026   10 working days back from Mon 30 Nov: 27 26 25 24 23 20 19 18 17 16
    round6  remind_from   Thu 11 Mar 2027   14 back from Wed 31 Mar: 30 29 26 25 24 23 22 19 18 17 16 15 12 11
    round12 remind_from   Tue 10 Aug 2027   14 back from Tue 31 Aug: 30 27 26 25 24 23 20 19 18 17 16 13 (12 off) 11 10
    round6  closes_after  Tue 20 Apr 2027   10 after Wed 31 Mar: Apr 1 2 5 (6 off) 7 8 9 12 (13-15 off) 16 19 20
    round12 closes_after  Tue 14 Sep 2027   10 after Tue 31 Aug: Sep 1 2 3 6 7 8 9 10 13 14

and so round12's window starts on 21 Apr 2027 while round6 is not closed (the day after its grace).
Day counts in Progress.days are calendar days; they are worked out in the comments.

The new deadline of an overdue item is followup_days working days after today, counted from today
whatever today is (Sun 5 Sep + 7 = Tue 14 Sep); for a round it is capped at the round's own end (the last
day of its grace, or a reopened round's `until`; no cap when reopened without one), and never before
today: round6 asked on Mon 19 Apr is min(Wed 28 Apr, Tue 20 Apr) = 20 Apr. `targets` is not capped.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetsync.core import deadlines, problems, rounds, thai
from sheetsync.core.deadlines import (
    SEVERITY,
    NextDeadline,
    Progress,
    Schedule,
    covers,
    group_progress,
    next_deadline,
    office_today,
    row_progress,
    worst,
)
from sheetsync.core.models import DayOff, Milestone, Office
from sheetsync.core.rounds import EMPTY_BOOK, Closed, Reopened, RoundBook, fingerprint, row_key, window_start
from sheetsync.core.rows import CellError, IndicatorRow
from sheetsync.core.workdays import Dates, Deadline
from sheetsync.store.config import load_office

REPO = Path(__file__).resolve().parents[2]
CONFIG_DIR = REPO / "config"
OFFICE = load_office(CONFIG_DIR)  # also for the Hypothesis tests below
MILESTONES = OFFICE.milestones
DATES = Dates(OFFICE)  # one holiday table for every schedule of the module
AT = datetime(2027, 4, 21, 6, 0, tzinfo=ZoneInfo("Asia/Bangkok"))


@pytest.fixture(scope="module")
def milestones() -> list[Milestone]:
    return load_office(CONFIG_DIR).milestones


def schedule(today: date, book: RoundBook | None = None, office: Office = OFFICE) -> Schedule:
    return Schedule.of(office, today, book, DATES if office is OFFICE else None)


def make_row(indicator: str | None = "1.1", group: str = "admin", **fields) -> IndicatorRow:
    values = {"tab": "อำนวยการ", "row": 2, "group": group, "code": indicator or "9.9", "indicator": indicator,
              "targets_set": True}
    values.update(fields)
    return IndicatorRow(**values)


def reported_row(on: date, **fields) -> IndicatorRow:
    return make_row(reported=True, reported_on=on, result="ดำเนินการแล้ว", **fields)


def cell_error() -> CellError:
    return CellError(tab="อำนวยการ", cell="K2", row=2, column="evidence", value="", code="missing-value",
                     message="หลักฐาน" + problems.expectation("required-when-reported"))


def closed(day: date, *rows: IndicatorRow, counted: tuple[IndicatorRow, ...] = ()) -> Closed:
    """A round closed on `day`, with the fingerprints of `rows` as they were then; `counted`: the rows
    that counted for it (Closed.reported_keys)."""
    return Closed(closed_on=day, by="ผู้ประสานงาน", at=AT, reported=len(counted), total=0,
                  fingerprints={row_key(r.tab, r.code): fingerprint(r) for r in rows},
                  reported_keys=frozenset(row_key(r.tab, r.code) for r in counted))


def reopened(on: date, until: date | None = None) -> Reopened:
    return Reopened(on=on, by="ผู้ประสานงาน", at=AT, until=until)


def extra_milestone(covering: list[str], requires: str = "results") -> Milestone:
    return Milestone(code="extra", name="รายงานเพิ่มเติม", opens=date(2027, 5, 1), due=date(2027, 5, 31),
                     requires=requires, covers=covering, remind_days=7)


def test_example_calendar_is_as_described(milestones):
    assert [(m.code, m.requires, m.opens, m.due, m.remind_days, m.grace_days, m.followup_days) for m in milestones] == [
        ("targets", "targets", date(2026, 10, 1), date(2026, 11, 30), 10, 0, 7),
        ("round6", "results", date(2027, 3, 1), date(2027, 3, 31), 14, 10, 7),
        ("round12", "results", date(2027, 8, 1), date(2027, 8, 31), 14, 10, 7),
        ("sar", "office", date(2027, 9, 1), date(2027, 9, 15), 14, 0, 7),
    ]
    start, end = thai.fiscal_year_bounds(2570)
    assert all(start <= m.opens <= m.due <= end for m in milestones)
    assert [m.code for m in OFFICE.rounds()] == ["round6", "round12"]


def test_fiscal_year_helpers_are_re_exported():
    assert deadlines.fiscal_year_of is thai.fiscal_year_of
    assert deadlines.fiscal_year_of(date(2027, 9, 30)) == 2570
    assert deadlines.fiscal_year_bounds(2570) == (date(2026, 10, 1), date(2027, 9, 30))
    assert deadlines.be_year(2027) == 2570
    assert deadlines.ce_year(2570) == 2027


# --- the schedule: every date computed once ---------------------------------------------------------

def test_schedule_of_the_example_calendar():
    s = schedule(date(2026, 10, 2))  # a Friday
    assert s.due == {code: Deadline(day) for code, day in [
        ("targets", date(2026, 11, 30)), ("round6", date(2027, 3, 31)), ("round12", date(2027, 8, 31)),
        ("sar", date(2027, 9, 15))]}  # none moved: all four are working days
    assert s.remind_from == {"targets": date(2026, 11, 16), "round6": date(2027, 3, 11),
                             "round12": date(2027, 8, 10),
                             # sar: 14 back from Wed 15 Sep: 14 13 10 9 8 7 6 3 2 1, Aug 31 30 27 26
                             "sar": date(2027, 8, 26)}
    assert s.closes_after == {"round6": date(2027, 4, 20), "round12": date(2027, 9, 14)}
    # no round closed: round6 from the fiscal year's first day, round12 from the day after round6's grace
    assert s.window == {"round6": date(2026, 10, 1), "round12": date(2027, 4, 21)}
    # 7 working days after Fri 2 Oct 2026: Oct 5 6 7 8 9 12 (13 off: วันนวมินทรมหาราช) 14
    assert set(s.new_due.values()) == {date(2026, 10, 14)}
    assert s.book == EMPTY_BOOK
    assert s.focus is not None and s.focus.code == "round6"


def test_schedule_window_follows_the_close():
    book = RoundBook(closed={"round6": closed(date(2027, 4, 5))})  # closed by hand inside its grace
    s = schedule(date(2027, 4, 6), book)
    assert s.window == {"round6": date(2026, 10, 1), "round12": date(2027, 4, 6)}
    assert s.closed("round6") == book.closed["round6"] and s.closed("round12") is None
    assert s.focus is not None and s.focus.code == "round12"


# --- the targets milestone ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # before the fiscal year: the targets round opens 2026-10-01, 15 days to 30 Sep + 1 = 16 days
        (date(2026, 9, 15), Progress(state="not_open", milestone="targets", due=date(2026, 11, 30), days=16)),
        (date(2026, 9, 30), Progress(state="not_open", milestone="targets", due=date(2026, 11, 30), days=1)),
        # 2026-10-01 -> 2026-11-30: 30 (to 31 Oct) + 30 (November) = 60 days
        (date(2026, 10, 1), Progress(state="open", milestone="targets", due=date(2026, 11, 30), days=60)),
        # 2026-10-15 -> 2026-11-30: 16 (to 31 Oct) + 30 = 46 days
        (date(2026, 10, 15), Progress(state="open", milestone="targets", due=date(2026, 11, 30), days=46)),
        # Fri 13 Nov and Sun 15 Nov are before the 10-working-day window (from Mon 16 Nov)
        (date(2026, 11, 13), Progress(state="open", milestone="targets", due=date(2026, 11, 30), days=17)),
        (date(2026, 11, 15), Progress(state="open", milestone="targets", due=date(2026, 11, 30), days=15)),
        # Mon 16 Nov is the first day due soon: 30 - 16 = 14 calendar days left
        (date(2026, 11, 16), Progress(state="due_soon", milestone="targets", due=date(2026, 11, 30), days=14)),
        (date(2026, 11, 19), Progress(state="due_soon", milestone="targets", due=date(2026, 11, 30), days=11)),
        (date(2026, 11, 20), Progress(state="due_soon", milestone="targets", due=date(2026, 11, 30), days=10)),
        (date(2026, 11, 30), Progress(state="due_soon", milestone="targets", due=date(2026, 11, 30), days=0)),
        # Tue 1 Dec + 7 working days: Dec 2 3 4 (5 Sat holiday, 6 Sun, 7 Mon substitution) 8 9
        # (10 วันรัฐธรรมนูญ) 11 14 -> Mon 14 Dec 2026
        (date(2026, 12, 1), Progress(state="overdue", milestone="targets", due=date(2026, 11, 30), days=1,
                                     new_due=date(2026, 12, 14))),
        # 2026-11-30 -> 2027-01-15: 31 (December) + 15 = 46 days late;
        # Fri 15 Jan + 7 working days: Jan 18 19 20 21 22 25 26 -> Tue 26 Jan 2027
        (date(2027, 1, 15), Progress(state="overdue", milestone="targets", due=date(2026, 11, 30), days=46,
                                     new_due=date(2027, 1, 26))),
    ],
)
def test_row_without_targets(milestones, today, expected):
    row = make_row(targets_set=False)
    assert row_progress(row, milestones, schedule(today)) == expected


@pytest.mark.parametrize("today", [date(2026, 10, 2), date(2027, 2, 28)])
def test_row_with_targets_is_reported_until_round6_opens(milestones, today):
    # the row met targets, the only milestone open (round6 opens 1 Mar)
    row = make_row(targets_set=True)
    assert row_progress(row, milestones, schedule(today)) == Progress(
        state="reported", milestone="targets", due=date(2026, 11, 30))


def test_missing_targets_decide_before_later_rounds(milestones):
    # results were reported in March, but the targets never were: the oldest unmet milestone decides.
    # 2026-11-30 -> 2027-04-20: 31 (Dec) + 31 (Jan) + 28 (Feb) + 31 (Mar) + 20 = 141 days late;
    # Tue 20 Apr + 7 working days: 21 22 23 26 27 28 29 -> Thu 29 Apr 2027 (targets is not a round: no cap)
    row = reported_row(date(2027, 3, 15), targets_set=False)
    assert row_progress(row, milestones, schedule(date(2027, 4, 20))) == Progress(
        state="overdue", milestone="targets", due=date(2026, 11, 30), days=141, new_due=date(2027, 4, 29))


# --- the result rounds ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("today", "state", "days", "new_due"),
    [
        (date(2027, 3, 1), "open", 30, None),  # the day round6 opens: 31 Mar - 1 Mar = 30
        (date(2027, 3, 10), "open", 21, None),  # the last day before the window
        (date(2027, 3, 11), "due_soon", 20, None),  # 14 working days before Wed 31 Mar
        (date(2027, 3, 16), "due_soon", 15, None),  # was open when the window was 14 calendar days
        (date(2027, 3, 17), "due_soon", 14, None),
        (date(2027, 3, 31), "due_soon", 0, None),
        # Thu 1 Apr + 7 working days: Apr 2 5 (6 จักรี) 7 8 9 12 (13-15 สงกรานต์) 16 -> Fri 16 Apr,
        # before the end of round6's grace (Tue 20 Apr): not capped
        (date(2027, 4, 1), "overdue", 1, date(2027, 4, 16)),
        # Tue 20 Apr (the last day of round6's grace: still overdue) + 7: 21 22 23 26 27 28 29 -> Thu 29 Apr,
        # capped at the grace's last day: max(20 Apr, min(29 Apr, 20 Apr)) = Tue 20 Apr, today
        (date(2027, 4, 20), "overdue", 20, date(2027, 4, 20)),
    ],
)
def test_round6_without_a_report(milestones, today, state, days, new_due):
    assert row_progress(make_row(), milestones, schedule(today)) == Progress(
        state=state, milestone="round6", due=date(2027, 3, 31), days=days, new_due=new_due)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # round6 met, round12 not open yet: reported for round6, the last milestone met
        (date(2027, 3, 15), Progress(state="reported", milestone="round6", due=date(2027, 3, 31))),
        (date(2027, 4, 20), Progress(state="reported", milestone="round6", due=date(2027, 3, 31))),
        (date(2027, 7, 31), Progress(state="reported", milestone="round6", due=date(2027, 3, 31))),
        # round12 opens 1 Aug and its window starts 21 Apr: a March report does not count. 1 -> 31 Aug = 30 days
        (date(2027, 8, 1), Progress(state="open", milestone="round12", due=date(2027, 8, 31), days=30)),
        (date(2027, 8, 9), Progress(state="open", milestone="round12", due=date(2027, 8, 31), days=22)),
        # Tue 10 Aug: 14 working days before Tue 31 Aug (Thu 12 Aug, วันแม่, does not count)
        (date(2027, 8, 10), Progress(state="due_soon", milestone="round12", due=date(2027, 8, 31), days=21)),
        (date(2027, 8, 17), Progress(state="due_soon", milestone="round12", due=date(2027, 8, 31), days=14)),
        (date(2027, 8, 20), Progress(state="due_soon", milestone="round12", due=date(2027, 8, 31), days=11)),
        # Mon 6 Sep + 7 working days: 7 8 9 10 13 14 15 -> Wed 15 Sep, capped at the last day of
        # round12's grace: Tue 14 Sep
        (date(2027, 9, 6), Progress(state="overdue", milestone="round12", due=date(2027, 8, 31), days=6,
                                    new_due=date(2027, 9, 14))),
        # Thu 30 Sep + 7 working days: Oct 1 4 5 6 7 8 11 -> Mon 11 Oct 2027; capped at Tue 14 Sep, but
        # never before today (no sync closed round12): Thu 30 Sep
        (date(2027, 9, 30), Progress(state="overdue", milestone="round12", due=date(2027, 8, 31), days=30,
                                     new_due=date(2027, 9, 30))),
    ],
)
def test_march_report_meets_round6_not_round12(milestones, today, expected):
    row = reported_row(date(2027, 3, 15))
    assert row_progress(row, milestones, schedule(today)) == expected


def test_new_deadline_asked_on_a_sunday(milestones):
    # 2027-08-31 -> 2027-09-05: 5 days late; 7 working days after Sun 5 Sep: 6 7 8 9 10 13 14 -> Tue 14 Sep
    # (the last day of round12's grace too: the cap changes nothing)
    row = reported_row(date(2027, 3, 15))
    assert row_progress(row, milestones, schedule(date(2027, 9, 5))) == Progress(
        state="overdue", milestone="round12", due=date(2027, 8, 31), days=5, new_due=date(2027, 9, 14))


def test_report_before_round6_opened_counts_for_it(milestones):
    # changed on purpose (issue 14): round6's window starts on the fiscal year's first day, not on `opens`
    row = reported_row(date(2027, 2, 20))
    s = schedule(date(2027, 2, 25))
    assert s.counts_for(milestones[1], row)
    assert not s.counts_for(milestones[2], row)
    # before round6 opens the row is already reported for it
    assert row_progress(row, milestones, s) == Progress(state="reported", milestone="round6", due=date(2027, 3, 31))


def test_report_before_round6_opened_is_reported_once_it_opens(milestones):
    row = reported_row(date(2027, 2, 20))
    assert row_progress(row, milestones, schedule(date(2027, 3, 20))) == Progress(
        state="reported", milestone="round6", due=date(2027, 3, 31))


def test_report_on_the_opening_day_meets_the_round(milestones):
    row = reported_row(date(2027, 3, 1))
    s = schedule(date(2027, 3, 2))
    assert s.counts_for(milestones[1], row)
    assert not s.counts_for(milestones[2], row)


def test_report_on_the_opening_day_is_reported(milestones):
    row = reported_row(date(2027, 3, 1))
    assert row_progress(row, milestones, schedule(date(2027, 3, 2))).state == "reported"


def test_august_report_meets_both_rounds(milestones):
    row = reported_row(date(2027, 8, 5))
    s = schedule(date(2027, 8, 10))
    assert s.counts_for(milestones[1], row) and s.counts_for(milestones[2], row)  # round6 not closed yet
    assert row_progress(row, milestones, s) == Progress(state="reported", milestone="round12", due=date(2027, 8, 31))
    assert row_progress(row, milestones, schedule(date(2027, 9, 30))).state == "reported"


def test_late_report_still_meets_the_round(milestones):
    row = reported_row(date(2027, 4, 5))  # after round6 was due, inside its grace
    s = schedule(date(2027, 4, 10))
    assert s.counts_for(milestones[1], row)
    assert not s.counts_for(milestones[2], row)  # round12's window starts on 21 Apr


def test_late_report_is_reported_for_the_round(milestones):
    row = reported_row(date(2027, 4, 5))
    assert row_progress(row, milestones, schedule(date(2027, 4, 10))) == Progress(
        state="reported", milestone="round6", due=date(2027, 3, 31))


def test_report_after_round6_grace_counts_for_round12(milestones):
    # round6 is not closed (no sync did it), so its window has no end yet; round12's starts on 21 Apr
    s = schedule(date(2027, 8, 2))
    assert not s.counts_for(milestones[2], reported_row(date(2027, 4, 20)))
    assert s.counts_for(milestones[2], reported_row(date(2027, 4, 21)))
    assert s.counts_for(milestones[1], reported_row(date(2027, 4, 21)))


def test_invalid_row_is_not_reported(milestones):
    row = reported_row(date(2027, 3, 15), errors=[cell_error()])
    s = schedule(date(2027, 4, 20))
    assert not s.counts_for(milestones[1], row)
    # 31 Mar -> 20 Apr: 20 days late; 20 Apr + 7 = 29 Apr, capped at the grace's last day, Tue 20 Apr
    assert row_progress(row, milestones, s) == Progress(
        state="overdue", milestone="round6", due=date(2027, 3, 31), days=20, new_due=date(2027, 4, 20))


def test_row_not_reported_or_undated_does_not_meet_results(milestones):
    dated_only = make_row(reported=False, reported_on=date(2027, 3, 15))
    undated = make_row(reported=True, result="ดำเนินการแล้ว", reported_on=None)
    s = schedule(date(2027, 3, 20))
    for row in (dated_only, undated):
        assert not s.counts_for(milestones[1], row)
        assert row_progress(row, milestones, s).state == "due_soon"


def test_targets_milestone_needs_targets_only(milestones):
    targets = milestones[0]
    s = schedule(date(2026, 11, 1))
    assert s.counts_for(targets, make_row(targets_set=True))
    assert not s.counts_for(targets, make_row(targets_set=False, reported=True, reported_on=date(2027, 3, 15)))
    # targets count even on a row with errors elsewhere
    assert s.counts_for(targets, make_row(targets_set=True, errors=[cell_error()]))


def test_due_date_on_a_day_off_moves_to_the_next_working_day():
    office = OFFICE.model_copy(update={"days_off": [DayOff(date=date(2027, 3, 31), name="วันหยุดของสำนักงาน")]})
    round6 = office.milestone("round6")
    assert round6 is not None
    s = schedule(date(2027, 4, 1), office=office)
    assert s.due["round6"] == Deadline(date(2027, 4, 1), moved_from=date(2027, 3, 31), reason="วันหยุดของสำนักงาน")
    # 14 working days back from Thu 1 Apr: (31 off) 30 29 26 25 24 23 22 19 18 17 16 15 12 11
    assert s.remind_from["round6"] == date(2027, 3, 11)
    # 10 after Thu 1 Apr: 2 5 (6) 7 8 9 12 (13-15) 16 19 20 21 -> round12 from Thu 22 Apr
    assert s.closes_after["round6"] == date(2027, 4, 21) and s.window["round12"] == date(2027, 4, 22)
    # on the moved due date the row is due today, not late
    assert row_progress(make_row(), office.milestones, s) == Progress(
        state="due_soon", milestone="round6", due=date(2027, 4, 1), days=0)
    # Fri 2 Apr + 7 working days: 5 7 8 9 12 16 19 -> Mon 19 Apr
    assert row_progress(make_row(), office.milestones, schedule(date(2027, 4, 2), office=office)) == Progress(
        state="overdue", milestone="round6", due=date(2027, 4, 1), days=1, new_due=date(2027, 4, 19))
    found = next_deadline(office.milestones, s)
    assert found is not None and (found.milestone.code, found.due, found.days_left) == ("round6", s.due["round6"], 0)


# --- closed rounds --------------------------------------------------------------------------------

def test_closed_round_is_not_judged_and_names_itself(milestones):
    row = reported_row(date(2027, 3, 20))
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21), row)})
    s = schedule(date(2027, 4, 25), book)
    assert s.window["round12"] == date(2027, 4, 22)
    p = row_progress(row, milestones, s)
    # not judged (nothing due for it), and round12 has not opened: the closed round speaks
    assert p == Progress(state="closed", milestone="round6", due=date(2027, 3, 31), closed_round="round6")
    assert (p.closed_round, p.edited_after_close, p.dated_before_close) == ("round6", False, False)
    # a row with no report at all is no longer overdue for round6 once it closed
    blank = make_row()
    assert row_progress(blank, milestones, s).state != "overdue"
    assert row_progress(blank, milestones, s).closed_round == "round6"


def test_march_report_does_not_count_for_round12_after_round6_closed(milestones):
    row = reported_row(date(2027, 3, 20))
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21), row)})
    # 20 Aug: inside round12's reminder window; 31 - 20 = 11 days left
    assert row_progress(row, milestones, schedule(date(2027, 8, 20), book)) == Progress(
        state="due_soon", milestone="round12", due=date(2027, 8, 31), days=11, closed_round="round6")


def test_report_after_the_close_counts_for_the_next_round_only(milestones):
    before = reported_row(date(2027, 3, 20))
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21), before)})
    s = schedule(date(2027, 8, 20), book)
    on_close, after = reported_row(date(2027, 4, 21)), reported_row(date(2027, 4, 22))
    assert s.counts_for(milestones[1], on_close) and not s.counts_for(milestones[2], on_close)
    assert not s.counts_for(milestones[1], after) and s.counts_for(milestones[2], after)


def test_edited_after_the_close(milestones):
    at_close = reported_row(date(2027, 3, 20))
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21), at_close)})
    s = schedule(date(2027, 8, 20), book)
    # new values, the old report date: edited, and still dated inside round6
    kept_date = at_close.model_copy(update={"result": "ดำเนินการแล้ว ปรับปรุงผล"})
    assert row_progress(kept_date, milestones, s) == Progress(
        state="due_soon", milestone="round12", due=date(2027, 8, 31), days=11, closed_round="round6",
        edited_after_close=True, dated_before_close=True)
    # new values with a new date: they count for round12
    new_date = kept_date.model_copy(update={"reported_on": date(2027, 8, 16)})
    assert row_progress(new_date, milestones, s) == Progress(
        state="reported", milestone="round12", due=date(2027, 8, 31), closed_round="round6",
        edited_after_close=True, dated_before_close=False)
    # a row the round did not freeze (added after the close) is not "edited"
    added = make_row(indicator="2.4", reported=True, reported_on=date(2027, 3, 20), result="x")
    assert not row_progress(added, milestones, s).edited_after_close


def test_every_round_closed(milestones):
    row = reported_row(date(2027, 8, 16))
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21), row), "round12": closed(date(2027, 9, 15), row)})
    s = schedule(date(2027, 9, 20), book)
    rounds = [m for m in milestones if m.is_round]
    assert row_progress(row, rounds, s) == Progress(
        state="closed", milestone="round12", due=date(2027, 8, 31), closed_round="round12")
    assert s.focus is not None and s.focus.code == "round12"  # the last one, when all are closed
    # with the whole calendar: targets (met) is older than the last closed round, which speaks
    assert row_progress(row, milestones, s) == Progress(
        state="closed", milestone="round12", due=date(2027, 8, 31), closed_round="round12")


def test_closed_round_speaks_until_the_next_one_opens(milestones):
    row = reported_row(date(2027, 3, 20))
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21), row)})
    assert row_progress(row, milestones, schedule(date(2027, 4, 25), book)) == Progress(
        state="closed", milestone="round6", due=date(2027, 3, 31), closed_round="round6")
    # to the last day before round12 opens (1 Aug); from then round12 decides (1 -> 31 Aug = 30 days)
    assert row_progress(row, milestones, schedule(date(2027, 7, 31), book)).state == "closed"
    assert row_progress(row, milestones, schedule(date(2027, 8, 1), book)) == Progress(
        state="open", milestone="round12", due=date(2027, 8, 31), days=30, closed_round="round6")


def test_not_open_only_before_any_milestone_opened(milestones):
    # nothing met and no round closed: before 1 Oct 2026 the targets are not open yet (15 days to 1 Oct)
    assert row_progress(make_row(targets_set=False), milestones, schedule(date(2026, 9, 16))).state == "not_open"
    # a row with its targets set ahead of the year has met nothing opened yet either: not open
    assert row_progress(make_row(), milestones, schedule(date(2026, 9, 16))).state == "not_open"
    # a blank row after round6 closed: targets met, round6 closed, round12 not open: the closed round speaks
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21))})
    assert row_progress(make_row(), milestones, schedule(date(2027, 5, 3), book)) == Progress(
        state="closed", milestone="round6", due=date(2027, 3, 31), closed_round="round6")


# --- the new deadline of an overdue round: capped at the round's end ------------------------------

@pytest.mark.parametrize(
    ("today", "new_due"),
    [
        # Thu 1 Apr + 7: Apr 2 5 (6 จักรี) 7 8 9 12 (13-15 สงกรานต์) 16 -> Fri 16 Apr, before the cap
        (date(2027, 4, 1), date(2027, 4, 16)),
        # Mon 5 Apr + 7: (6 จักรี) 7 8 9 12 (13-15) 16 19 20 -> Tue 20 Apr, the cap itself
        (date(2027, 4, 5), date(2027, 4, 20)),
        # Fri 9 Apr + 7: 12 (13-15) 16 19 20 21 22 23 -> Fri 23 Apr; min(23 Apr, 20 Apr) = 20 Apr
        (date(2027, 4, 9), date(2027, 4, 20)),
        # Mon 19 Apr + 7: 20 21 22 23 26 27 28 -> Wed 28 Apr; min(28 Apr, 20 Apr) = Tue 20 Apr
        (date(2027, 4, 19), date(2027, 4, 20)),
        # Sat 17 Apr + 7: 19 20 21 22 23 26 27 -> Tue 27 Apr; capped: 20 Apr
        (date(2027, 4, 17), date(2027, 4, 20)),
        # Mon 26 Apr, past the grace with no sync to close round6: 26 Apr + 7: 27 28 29 30 (May 3, 4 off)
        # 5 6 7 -> Fri 7 May; min(7 May, 20 Apr) = 20 Apr, before today: max(26 Apr, 20 Apr) = 26 Apr
        (date(2027, 4, 26), date(2027, 4, 26)),
    ],
)
def test_new_due_of_round6_is_capped_at_its_grace(milestones, today, new_due):
    # round6: due Wed 31 Mar 2027, last day of its grace Tue 20 Apr (10 working days)
    s = schedule(today)
    assert s.closes_after["round6"] == date(2027, 4, 20)
    assert s.new_due["round6"] == new_due
    p = row_progress(make_row(), milestones, s)
    assert (p.state, p.milestone, p.days, p.new_due) == ("overdue", "round6", (today - date(2027, 3, 31)).days, new_due)


def test_targets_and_office_deadlines_are_not_capped():
    # asked on Mon 19 Apr 2027: 7 working days after it: 20 21 22 23 26 27 28 -> Wed 28 Apr for every
    # milestone; round6 capped at its grace (20 Apr); round12 (grace to 14 Sep) not reached
    assert schedule(date(2027, 4, 19)).new_due == {
        "targets": date(2027, 4, 28), "round6": date(2027, 4, 20), "round12": date(2027, 4, 28),
        "sar": date(2027, 4, 28)}
    # targets (grace 0) asked on Tue 1 Dec 2026, a day after it was due: Dec 2 3 4 (5-7 off) 8 9 (10 off)
    # 11 14 -> Mon 14 Dec, not capped at 30 Nov
    row = make_row(targets_set=False)
    p = row_progress(row, MILESTONES, schedule(date(2026, 12, 1)))
    assert (p.milestone, p.new_due) == ("targets", date(2026, 12, 14))


def test_new_due_of_a_reopened_round_is_capped_at_until(milestones):
    book = RoundBook(reopened={"round6": reopened(date(2027, 4, 22), until=date(2027, 5, 10))})
    # Wed 5 May + 7: 6 7 10 11 12 13 14 -> Fri 14 May; capped at `until`, Mon 10 May (not at 20 Apr)
    s = schedule(date(2027, 5, 5), book)
    assert (s.new_due["round6"], s.new_due["targets"], s.new_due["round12"]) == (
        date(2027, 5, 10), date(2027, 5, 14), date(2027, 5, 14))
    # 31 Mar -> 5 May: 30 (to 30 Apr) + 5 = 35 days late
    assert row_progress(make_row(), milestones, s) == Progress(
        state="overdue", milestone="round6", due=date(2027, 3, 31), days=35, new_due=date(2027, 5, 10))
    found = next_deadline(milestones, s)
    assert found is not None
    # 5 -> 10 May: 5 days
    assert (found.milestone.code, found.due.day, found.days_left, found.extended_from) == (
        "round6", date(2027, 5, 10), 5, date(2027, 3, 31))
    # Wed 12 May, after `until` and before a sync closed it: 12 May + 7: 13 14 17 18 19 (20 วิสาขบูชา) 21 24
    # -> Mon 24 May; capped at 10 May, but never before today: Wed 12 May
    assert schedule(date(2027, 5, 12), book).new_due["round6"] == date(2027, 5, 12)


def test_new_due_of_a_round_reopened_without_until_is_not_capped(milestones):
    book = RoundBook(reopened={"round6": reopened(date(2027, 4, 22))})
    # Wed 5 May + 7: 6 7 10 11 12 13 14 -> Fri 14 May, after the grace (20 Apr): no cap
    s = schedule(date(2027, 5, 5), book)
    assert s.new_due["round6"] == date(2027, 5, 14)
    assert row_progress(make_row(), milestones, s).new_due == date(2027, 5, 14)
    # Wed 1 Sep + 7: 2 3 6 7 8 9 10 -> Fri 10 Sep (not reopened it would be today: max(1 Sep, 20 Apr))
    assert schedule(date(2027, 9, 1), book).new_due["round6"] == date(2027, 9, 10)
    assert schedule(date(2027, 9, 1)).new_due["round6"] == date(2027, 9, 1)


# --- rows and milestones that do not apply --------------------------------------------------------

def test_row_of_unknown_indicator_is_none(milestones):
    row = make_row(indicator=None, reported=True, reported_on=date(2027, 3, 15))
    assert row_progress(row, milestones, schedule(date(2027, 4, 20))) == Progress(state="none")


def test_no_milestones_or_office_only_is_none(milestones):
    sar = [m for m in milestones if m.requires == "office"]
    assert row_progress(make_row(), [], schedule(date(2027, 4, 20))) == Progress(state="none")
    assert row_progress(make_row(), sar, schedule(date(2027, 9, 10))) == Progress(state="none")


def test_sar_never_judges_rows(milestones):
    # after round12 on 16 Sep: the row is reported for round12; sar (office-only) does not make it late
    row = reported_row(date(2027, 8, 5))
    assert row_progress(row, milestones, schedule(date(2027, 9, 16))) == Progress(
        state="reported", milestone="round12", due=date(2027, 8, 31))


def test_not_open_points_at_the_first_round(milestones):
    rounds = [m for m in milestones if m.requires == "results"]
    # 1 Feb -> 1 Mar = 28 days until round6 opens
    assert row_progress(make_row(), rounds, schedule(date(2027, 2, 1))) == Progress(
        state="not_open", milestone="round6", due=date(2027, 3, 31), days=28)


def test_milestone_order_does_not_matter(milestones):
    row = reported_row(date(2027, 3, 15), targets_set=False)
    s = schedule(date(2027, 8, 20))
    assert row_progress(row, list(reversed(milestones)), s) == row_progress(row, milestones, s)
    assert row_progress(row, milestones, s).milestone == "targets"


# --- covers ---------------------------------------------------------------------------------------

def test_covers_by_indicator_code():
    m = extra_milestone(["2.2"])
    assert covers(m, "2.2", "finance")
    assert covers(m, "2.2", "admin")  # any group's row of 2.2
    assert not covers(m, "1.1", "finance")


def test_covers_by_group_code():
    m = extra_milestone(["audit"])
    assert covers(m, "2.4", "audit")
    assert not covers(m, "2.4", "admin")


def test_covers_empty_means_every_row_and_office_means_none(milestones):
    assert covers(extra_milestone([]), "3.2", "promotion")
    assert all(covers(m, "1.1", "admin") for m in milestones if m.requires != "office")
    assert not covers(milestones[3], "1.1", "admin")  # sar
    assert not covers(extra_milestone(["2.4"], requires="office"), "2.4", "audit")


def with_extra(covering: list[str]) -> Office:
    return OFFICE.model_copy(update={"milestones": [*OFFICE.milestones, extra_milestone(covering)]})


def test_covered_milestone_judges_only_its_rows():
    office = with_extra(["audit"])
    s = schedule(date(2027, 5, 26), office=office)  # a Wednesday
    audit = reported_row(date(2027, 3, 15), indicator="2.4", group="audit")
    # the extra round opened 1 May, the March report does not count for it (its window starts 21 Apr);
    # 7 working days back from Mon 31 May: 28 27 26 25 24 21 (20 วันวิสาขบูชา) 19 -> due soon from 19 May;
    # 31 May - 26 May = 5 days
    assert s.remind_from["extra"] == date(2027, 5, 19)
    assert row_progress(audit, office.milestones, s) == Progress(
        state="due_soon", milestone="extra", due=date(2027, 5, 31), days=5)


def test_covered_milestone_leaves_other_rows_reported():
    office = with_extra(["audit"])
    admin = reported_row(date(2027, 3, 15), indicator="2.4", group="admin")
    assert row_progress(admin, office.milestones, schedule(date(2027, 5, 26), office=office)) == Progress(
        state="reported", milestone="round6", due=date(2027, 3, 31))


def test_covers_lives_in_core_rounds():
    assert deadlines.covers is rounds.covers


def test_a_round_for_some_groups_does_not_move_the_others_windows():
    office = with_extra(["audit"])  # extra: opens 1 May, due Mon 31 May 2027, grace 0 -> closes after 31 May
    round12, extra = office.milestone("round12"), office.milestone("extra")
    assert round12 is not None and extra is not None
    s = schedule(date(2027, 5, 26), office=office)
    assert s.closes_after == {"round6": date(2027, 4, 20), "extra": date(2027, 5, 31), "round12": date(2027, 9, 14)}
    admin = reported_row(date(2027, 5, 10), indicator="2.4", group="admin")
    audit = reported_row(date(2027, 5, 10), indicator="2.4", group="audit")
    # admin's previous round is round6 (grace to 20 Apr): round12 from 21 Apr; the May report counts
    assert s.window_for(round12, admin) == date(2027, 4, 21) and s.counts_for(round12, admin)
    # audit's previous round is extra (to 31 May): round12 from 1 Jun; the May report is extra's
    assert s.window_for(round12, audit) == date(2027, 6, 1) and not s.counts_for(round12, audit)
    assert s.window_for(extra, audit) == date(2027, 4, 21) and s.counts_for(extra, audit)
    assert window_start(office, round12, EMPTY_BOOK, s.closes_after, "2.4", "admin") == date(2027, 4, 21)
    assert window_start(office, round12, EMPTY_BOOK, s.closes_after, "2.4", "audit") == date(2027, 6, 1)
    # with no row, every round counts as previous: extra's end
    assert s.window["round12"] == window_start(office, round12, EMPTY_BOOK, s.closes_after) == date(2027, 6, 1)
    # extra closed by hand on Fri 28 May: audit's round12 window from 29 May, admin's unchanged
    book = RoundBook(closed={"extra": closed(date(2027, 5, 28))})
    s = schedule(date(2027, 6, 1), book, office=office)
    assert (s.window_for(round12, audit), s.window_for(round12, admin)) == (date(2027, 5, 29), date(2027, 4, 21))


def test_a_round_for_some_indicators_moves_only_their_windows():
    office = with_extra(["2.4"])  # every group's row of 2.4, no other indicator
    round12 = office.milestone("round12")
    assert round12 is not None
    s = schedule(date(2027, 5, 26), office=office)
    # 2.4 of admin: after extra (31 May) -> 1 Jun; 1.1 of admin: after round6's grace (20 Apr) -> 21 Apr
    assert s.window_for(round12, reported_row(date(2027, 5, 10), indicator="2.4")) == date(2027, 6, 1)
    assert s.window_for(round12, reported_row(date(2027, 5, 10), indicator="1.1")) == date(2027, 4, 21)


# --- groups ---------------------------------------------------------------------------------------

def test_worst():
    assert worst([]) == "none"
    assert worst(["reported", "overdue", "due_soon"]) == "overdue"
    assert worst(["reported", "open", "not_open"]) == "open"
    assert worst(["not_open", "reported"]) == "not_open"
    assert worst(["none", "reported"]) == "reported"
    assert worst(["closed", "reported"]) == "reported"
    assert worst(["none", "closed"]) == "closed"
    assert SEVERITY == ("overdue", "due_soon", "open", "not_open", "reported", "closed", "none")


def group_rows() -> list[IndicatorRow]:
    return [
        reported_row(date(2027, 3, 10), indicator="1.1"),  # reported
        make_row(indicator="2.4", row=3),  # not reported yet
        reported_row(date(2027, 3, 12), indicator="3.1", row=4, errors=[cell_error()]),  # invalid
        make_row(indicator=None, row=5, reported=True, reported_on=date(2027, 3, 12)),  # unknown code
    ]


def test_group_progress_takes_the_worst_state(milestones):
    rows = group_rows()
    # 25 Mar: round6 is due in 6 days (31 - 25), inside the reminder window (from 11 Mar)
    s = schedule(date(2027, 3, 25))
    progress = [row_progress(r, milestones, s) for r in rows]
    assert [p.state for p in progress[1:]] == ["due_soon", "due_soon", "none"]
    assert group_progress("admin", rows, progress, s).model_dump() == {
        "group": "admin", "state": "due_soon", "rows": 4, "reported": 1, "overdue": 0, "due_soon": 2,
        "milestone": "round6", "due": date(2027, 3, 31)}
    # 2 Apr: the same two rows are now late
    s = schedule(date(2027, 4, 2))
    progress = [row_progress(r, milestones, s) for r in rows]
    result = group_progress("admin", rows, progress, s)
    assert (result.state, result.overdue, result.due_soon, result.reported) == ("overdue", 2, 0, 1)
    assert (result.milestone, result.due) == ("round6", date(2027, 3, 31))


def test_group_progress_reported_row_is_reported(milestones):
    (row, *_) = group_rows()
    assert row_progress(row, milestones, schedule(date(2027, 3, 25))).state == "reported"


def test_group_progress_deciding_milestone_is_the_first_worst():
    progress = [
        Progress(state="due_soon", milestone="round6", due=date(2027, 3, 31), days=3),
        Progress(state="overdue", milestone="targets", due=date(2026, 11, 30), days=5),
        Progress(state="overdue", milestone="round6", due=date(2027, 3, 31), days=1),
    ]
    rows = [make_row(row=r) for r in (2, 3, 4)]
    result = group_progress("policy", rows, progress, schedule(date(2027, 4, 1)))
    assert (result.state, result.milestone, result.due) == ("overdue", "targets", date(2026, 11, 30))
    assert (result.overdue, result.due_soon, result.reported) == (2, 1, 0)


def test_group_progress_counts_reports_for_the_round_in_focus(milestones):
    rows = [reported_row(date(2027, 3, 10), indicator="1.1"), reported_row(date(2027, 8, 5), indicator="3.1", row=3)]
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21), *rows)})
    s = schedule(date(2027, 8, 10), book)  # round12 in focus: only the August report counts
    progress = [row_progress(r, milestones, s) for r in rows]
    assert group_progress("admin", rows, progress, s).reported == 1
    # without a schedule: every valid report
    assert group_progress("admin", rows, progress).reported == 2


def test_group_count_of_a_closed_round_is_frozen(milestones):
    at_close = make_row(indicator="1.1")  # not reported when round12 closed
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21), at_close),
                             "round12": closed(date(2027, 9, 15), at_close)})
    s = schedule(date(2027, 9, 20), book)
    backdated = reported_row(date(2027, 9, 1), indicator="1.1")  # typed after the close, dated before it
    assert group_progress("admin", [backdated], [row_progress(backdated, milestones, s)], s).reported == 0


def test_group_count_of_a_closed_round_keeps_the_frozen_reports(milestones):
    # 1.1 counted for round12 when it closed (Closed.reported_keys); since then its date was moved past
    # the close (20 Sep), and 2.4 never counted: still 1 of 2
    counted = reported_row(date(2027, 8, 16), indicator="1.1")
    other = make_row(indicator="2.4", row=3)
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21), counted, other),
                             "round12": closed(date(2027, 9, 15), counted, other, counted=(counted,))})
    s = schedule(date(2027, 9, 22), book)
    moved = counted.model_copy(update={"reported_on": date(2027, 9, 20)})
    assert not s.counts_for(milestones[2], moved)
    rows = [moved, other]
    assert group_progress("admin", rows, [row_progress(r, milestones, s) for r in rows], s).reported == 1


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        (["reported", "reported"], "reported"),
        (["not_open", "reported"], "not_open"),
        (["open", "not_open", "reported"], "open"),
        (["closed", "reported"], "reported"),
        (["none"], "none"),
    ],
)
def test_group_progress_states(states, expected):
    progress = [Progress(state=s) for s in states]
    assert group_progress("g", [make_row() for _ in states], progress).state == expected


def test_group_progress_of_no_rows():
    result = group_progress("legal", [], [], schedule(date(2027, 3, 1)))
    assert (result.state, result.rows, result.reported, result.milestone, result.due) == ("none", 0, 0, None, None)


# --- next deadline ----------------------------------------------------------------------------------

R6_CLOSED = RoundBook(closed={"round6": closed(date(2027, 4, 21))})
BOTH_CLOSED = RoundBook(closed={"round6": closed(date(2027, 4, 21)), "round12": closed(date(2027, 9, 15))})


@pytest.mark.parametrize(
    ("today", "book", "code", "due", "days", "extended_from"),
    [
        (date(2026, 9, 1), EMPTY_BOOK, "targets", date(2026, 11, 30), 90, None),  # 29 (to 30 Sep) + 31 + 30
        (date(2026, 10, 15), EMPTY_BOOK, "targets", date(2026, 11, 30), 46, None),
        (date(2026, 11, 30), EMPTY_BOOK, "targets", date(2026, 11, 30), 0, None),  # due today still counts
        # targets past due is not extended (not a round): round6, 30 (to 31 Dec) + 31 + 28 + 31
        (date(2026, 12, 1), EMPTY_BOOK, "round6", date(2027, 3, 31), 120, None),
        # round6 past due and still open: its new deadline, Thu 1 Apr + 7 working days = Fri 16 Apr, 15 days
        (date(2027, 4, 1), EMPTY_BOOK, "round6", date(2027, 4, 16), 15, date(2027, 3, 31)),
        # Tue 20 Apr + 7 = Thu 29 Apr, capped at the last day of round6's grace: Tue 20 Apr, today (0 days)
        (date(2027, 4, 20), EMPTY_BOOK, "round6", date(2027, 4, 20), 0, date(2027, 3, 31)),
        # round6 closed: round12, 29 (to 30 Apr) + 31 + 30 + 31 + 31 = 152
        (date(2027, 4, 1), RoundBook(closed={"round6": closed(date(2027, 4, 1))}), "round12", date(2027, 8, 31),
         152, None),
        (date(2027, 4, 22), R6_CLOSED, "round12", date(2027, 8, 31), 131, None),  # 8 + 31 + 30 + 31 + 31
        (date(2027, 8, 31), R6_CLOSED, "round12", date(2027, 8, 31), 0, None),
        # changed on purpose: round12 past due and open comes before sar. Wed 1 Sep + 7 working days:
        # 2 3 6 7 8 9 10 -> Fri 10 Sep (before round12's grace ends, 14 Sep: not capped), 9 days (sar: 14)
        (date(2027, 9, 1), R6_CLOSED, "round12", date(2027, 9, 10), 9, date(2027, 8, 31)),
        (date(2027, 9, 1), BOTH_CLOSED, "sar", date(2027, 9, 15), 14, None),  # the office's own deadline
        (date(2027, 9, 15), BOTH_CLOSED, "sar", date(2027, 9, 15), 0, None),
    ],
)
def test_next_deadline(milestones, today, book, code, due, days, extended_from):
    s = schedule(today, book)
    found = next_deadline(milestones, s)
    assert isinstance(found, NextDeadline)
    assert (found.milestone.code, found.due.day, found.days_left, found.extended_from) == (code, due, days, extended_from)
    assert found.due.moved_from is None
    found_reversed = next_deadline(list(reversed(milestones)), s)
    assert found_reversed is not None and found_reversed.milestone.code == code


def test_no_next_deadline(milestones):
    assert next_deadline(milestones, schedule(date(2027, 9, 16), BOTH_CLOSED)) is None
    assert next_deadline([], schedule(date(2027, 1, 1))) is None


def test_round_past_due_but_not_closed_stays_the_next_deadline(milestones):
    # no sync closed the rounds: after sar they are still asked for. Thu 16 Sep + 7: 17 20 21 22 23 24 27,
    # capped at the end of the grace (round12: 14 Sep, round6: 20 Apr) but never before today: both are
    # due today, Thu 16 Sep, and round12 comes first by its code ("round12" < "round6")
    s = schedule(date(2027, 9, 16))
    assert (s.new_due["round6"], s.new_due["round12"]) == (date(2027, 9, 16), date(2027, 9, 16))
    found = next_deadline(milestones, s)
    assert found is not None
    assert (found.milestone.code, found.due.day, found.days_left, found.extended_from) == (
        "round12", date(2027, 9, 16), 0, date(2027, 8, 31))


# --- today in the office's timezone -------------------------------------------------------------

@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 24, 20, 0, tzinfo=UTC), date(2026, 11, 25)),  # 03:00 on the 25th in Bangkok (UTC+7)
        (datetime(2026, 11, 24, 16, 59, tzinfo=UTC), date(2026, 11, 24)),  # 23:59 in Bangkok
        (datetime(2026, 11, 24, 17, 0, tzinfo=UTC), date(2026, 11, 25)),  # midnight in Bangkok
        (datetime(2026, 11, 24, 6, 0, tzinfo=UTC), date(2026, 11, 24)),
        (datetime(2026, 9, 30, 12, 0, tzinfo=ZoneInfo("America/New_York")), date(2026, 9, 30)),  # 23:00 Bangkok
        (datetime(2026, 9, 30, 13, 0, tzinfo=ZoneInfo("America/New_York")), date(2026, 10, 1)),  # a new FY
    ],
)
def test_office_today(now, expected):
    assert office_today("Asia/Bangkok", now) == expected


def test_office_today_defaults_to_now():
    before = datetime.now(ZoneInfo("Asia/Bangkok")).date()
    today = office_today("Asia/Bangkok")
    after = datetime.now(ZoneInfo("Asia/Bangkok")).date()
    assert before <= today <= after


# --- properties -----------------------------------------------------------------------------------

@given(st.dates(min_value=date(2026, 9, 1), max_value=date(2027, 10, 31)))
def test_reporting_today_clears_every_opened_round(today):
    row = reported_row(today)
    assert row_progress(row, MILESTONES, schedule(today)).state in ("reported", "not_open")


@given(st.dates(min_value=date(2026, 9, 1), max_value=date(2027, 10, 31)), st.booleans(),
       st.none() | st.dates(min_value=date(2026, 10, 1), max_value=date(2027, 9, 30)), st.booleans())
def test_progress_days_agree_with_the_state(today, targets_set, reported_on, valid):
    row = make_row(targets_set=targets_set, reported=reported_on is not None, reported_on=reported_on,
                   errors=[] if valid else [cell_error()])
    s = schedule(today)
    p = row_progress(row, MILESTONES, s)
    by_code = {m.code: m for m in MILESTONES}
    if p.milestone is not None:
        assert p.due == s.due[p.milestone].day
    assert (p.new_due is not None) == (p.state == "overdue")
    if p.state == "overdue":
        assert p.days == (today - p.due).days > 0
        # never before today; today itself when a round's end has come (the cap)
        assert p.new_due == s.new_due[p.milestone] >= today
        m = by_code[p.milestone]
        if m.is_round:  # never asked for after the round's grace, unless today is past it already
            assert p.new_due <= max(today, s.closes_after[m.code])
        else:
            assert p.new_due > today
    elif p.state in ("due_soon", "open"):
        assert p.days == (p.due - today).days >= 0
        assert (today >= s.remind_from[p.milestone]) == (p.state == "due_soon")
    elif p.state == "not_open":
        assert p.days == (by_code[p.milestone].opens - today).days > 0
    else:
        assert p.state == "reported"
        assert p.days is None
        m = by_code[p.milestone]
        # reported for a milestone that opened, or for a round the report already counts for
        assert m.opens <= today or (m.is_round and s.counts_for(m, row))


# --- the pure modules stay free of sheet libraries ----------------------------------------------

def test_pure_modules_do_not_import_sheet_libraries():
    code = (
        "import sys\n"
        "import sheetsync.core.thai, sheetsync.core.rows, sheetsync.core.scoring, sheetsync.core.deadlines\n"
        "import sheetsync.core.workdays, sheetsync.core.rounds, sheetsync.core.roundclose\n"
        "import sheetsync.core.evaluate, sheetsync.core.status, sheetsync.store.config\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('gspread', 'openpyxl'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
