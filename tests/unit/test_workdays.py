"""Tests of sheetsync.core.workdays: which days an office works, and dates moved or counted in working days.

The example office is of fiscal year 2570 (1 Oct 2026 - 30 Sep 2027) and counts the Thai public holidays
(`public_holidays` is on by default). Weekdays below were checked against a calendar:

    2026: Sat 5 Dec (วันพ่อแห่งชาติ), Sun 6 Dec, Mon 7 Dec (its substitution), Thu 10 Dec (วันรัฐธรรมนูญ)
    2027: Sun 21 Feb (วันมาฆบูชา) + Mon 22 Feb (ชดเชยวันมาฆบูชา); Fri 2 Apr, Mon 5 Apr, Tue 6 Apr (จักรี);
          Tue-Thu 13-15 Apr (สงกรานต์); Sat 1 May (วันแรงงานแห่งชาติ) + Mon 3 May (its substitution);
          Sat 17 Jul, Sun 18 Jul (อาสาฬหบูชา), Mon 19 Jul (เข้าพรรษา), Tue 20 Jul (ชดเชยวันอาสาฬหบูชา);
          Fri 31 Dec (วันสิ้นปี); 2028: Sat 1 Jan (วันขึ้นปีใหม่), Mon 3 Jan (ชดเชยวันขึ้นปีใหม่)
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetsync.core import vocab
from sheetsync.core.models import DayOff, Milestone, Office
from sheetsync.core.workdays import Dates, Deadline, WorkCalendar
from sheetsync.store.config import load_office

REPO = Path(__file__).resolve().parents[2]
OFFICE = load_office(REPO / "config")
DATES = Dates(OFFICE)
CAL = DATES.calendar  # the holiday table once for the module
THAI = re.compile("[\u0e00-\u0e7f]")
SONGKRAN = "วันสงกรานต์"


def office_with(**update: object) -> Office:
    return OFFICE.model_copy(update=update)


def milestone(due: date, **fields: object) -> Milestone:
    values: dict = {"code": "m", "name": "รายงานทดสอบ", "opens": date(2026, 10, 1), "due": due}
    values.update(fields)
    return Milestone(**values)


# --- which days are working days ----------------------------------------------------------------

def test_weekends_are_days_off():
    plain = WorkCalendar({})
    assert plain.day_off(date(2027, 3, 6)) == vocab.SATURDAY == "วันเสาร์"
    assert plain.day_off(date(2027, 3, 7)) == vocab.SUNDAY == "วันอาทิตย์"
    for day in range(8, 13):  # Mon 8 - Fri 12 Mar 2027
        assert plain.day_off(date(2027, 3, day)) is None
        assert plain.is_working(date(2027, 3, day))
    assert not plain.is_working(date(2027, 3, 6))


def test_songkran_is_a_public_holiday():
    for day in (13, 14, 15):
        assert CAL.day_off(date(2027, 4, day)) == SONGKRAN
    assert CAL.is_working(date(2027, 4, 12)) and CAL.is_working(date(2027, 4, 16))  # Mon before, Fri after


def test_substitution_days_are_days_off():
    assert CAL.day_off(date(2027, 2, 21)) == "วันมาฆบูชา"  # a Sunday
    assert CAL.day_off(date(2027, 2, 22)) == "ชดเชยวันมาฆบูชา"  # the Monday after
    assert CAL.day_off(date(2027, 5, 3)) == "ชดเชยวันแรงงานแห่งชาติ"
    assert CAL.day_off(date(2027, 7, 20)) == "ชดเชยวันอาสาฬหบูชา"
    assert CAL.day_off(date(2027, 2, 23)) is None


def test_a_holiday_on_a_saturday_is_named_by_the_holiday():
    assert CAL.day_off(date(2027, 5, 1)) == "วันแรงงานแห่งชาติ"


def test_an_office_day_off():
    office = office_with(days_off=[DayOff(date=date(2027, 3, 12), name="วันสถาปนาสำนักงาน"),
                                   DayOff(date=date(2027, 4, 13), name="วันหยุดของสำนักงาน")])
    cal = WorkCalendar.of(office)
    assert cal.day_off(date(2027, 3, 12)) == "วันสถาปนาสำนักงาน"  # a Friday
    assert CAL.is_working(date(2027, 3, 12))  # not without it
    assert cal.day_off(date(2027, 4, 13)) == "วันหยุดของสำนักงาน"  # the office's name over the holiday's
    assert cal.day_off(date(2027, 4, 14)) == SONGKRAN


def test_working_days_override_the_calendar():
    office = office_with(working_days=[date(2027, 4, 13), date(2027, 3, 6)])  # a holiday, a Saturday
    cal = WorkCalendar.of(office)
    assert cal.is_working(date(2027, 4, 13)) and cal.day_off(date(2027, 4, 13)) is None
    assert cal.is_working(date(2027, 3, 6))
    assert cal.day_off(date(2027, 4, 14)) == SONGKRAN
    # an office day off on the same date loses to the working day
    both = WorkCalendar.of(office_with(working_days=[date(2027, 3, 12)],
                                       days_off=[DayOff(date=date(2027, 3, 12), name="วันสถาปนาสำนักงาน")]))
    assert both.is_working(date(2027, 3, 12))


def test_public_holidays_can_be_turned_off():
    cal = WorkCalendar.of(office_with(public_holidays=False))
    assert cal.is_working(date(2027, 4, 13))
    assert cal.is_working(date(2027, 2, 22))
    assert cal.day_off(date(2027, 4, 17)) == vocab.SATURDAY  # weekends still count
    # the office's own days off still count too
    own = WorkCalendar.of(office_with(public_holidays=False, days_off=[DayOff(date=date(2027, 4, 13), name="หยุด")]))
    assert own.day_off(date(2027, 4, 13)) == "หยุด"
    assert Dates(office_with(public_holidays=False)).due(milestone(date(2027, 4, 13))) == Deadline(date(2027, 4, 13))


def test_holiday_names_are_thai():
    fiscal_year = [date(2026, 10, 1) + timedelta(days=n) for n in range(365)]
    names = {CAL.day_off(d) for d in fiscal_year if d.weekday() < 5 and not CAL.is_working(d)}
    assert len(names) >= 15
    assert all(name and THAI.search(name) and not re.search("[A-Za-z]", name) for name in names)
    assert CAL.day_off(date(2027, 1, 1)) == "วันขึ้นปีใหม่"


def test_calendar_covers_the_years_either_side():
    # a deadline at the year's end moves into the next one: Fri 31 Dec 2027, Sat 1 Jan, Sun 2, Mon 3 Jan 2028
    assert CAL.deadline(date(2027, 12, 31)) == Deadline(date(2028, 1, 4), moved_from=date(2027, 12, 31),
                                                        reason="วันสิ้นปี")
    assert CAL.day_off(date(2028, 1, 3)) == "ชดเชยวันขึ้นปีใหม่"
    assert CAL.day_off(date(2025, 12, 31)) == "วันสิ้นปี"


# --- due dates moved off days off ---------------------------------------------------------------

def test_due_date_on_a_working_day_stays():
    assert CAL.deadline(date(2027, 3, 31)) == Deadline(date(2027, 3, 31))


def test_due_date_on_a_holiday_moves_with_its_thai_reason():
    # Tue 13 Apr 2027: 13-15 Songkran, Fri 16 Apr is the next working day
    assert Dates(OFFICE).due(milestone(date(2027, 4, 13))) == Deadline(
        date(2027, 4, 16), moved_from=date(2027, 4, 13), reason=SONGKRAN)
    # Sat 5 Dec 2026 is a holiday itself, Sun 6, Mon 7 (substitution): Tue 8 Dec
    moved = CAL.deadline(date(2026, 12, 5))
    assert (moved.day, moved.moved_from) == (date(2026, 12, 8), date(2026, 12, 5))
    assert "วันพ่อแห่งชาติ" in moved.reason


def test_due_date_on_a_weekend_moves_to_monday():
    assert CAL.deadline(date(2027, 7, 31)) == Deadline(date(2027, 8, 2), moved_from=date(2027, 7, 31),
                                                       reason=vocab.SATURDAY)
    assert CAL.deadline(date(2027, 8, 1)) == Deadline(date(2027, 8, 2), moved_from=date(2027, 8, 1),
                                                      reason=vocab.SUNDAY)


# --- counting working days ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2027, 3, 8), 0, date(2027, 3, 8)),
        (date(2027, 3, 8), 4, date(2027, 3, 12)),  # Mon + 4 = Fri
        (date(2027, 3, 12), 1, date(2027, 3, 15)),  # Fri + 1 = Mon
        (date(2027, 4, 13), 0, date(2027, 4, 16)),  # 0 from a holiday: the next working day
        # counted from the day itself, working day or not: Tue 13 Apr (สงกรานต์) + 1: over 14, 15 -> Fri 16 Apr
        (date(2027, 4, 13), 1, date(2027, 4, 16)),
        (date(2027, 4, 17), 1, date(2027, 4, 19)),  # Sat 17 Apr + 1: Mon 19 Apr (Sun 18 does not count)
        (date(2027, 4, 17), 0, date(2027, 4, 19)),  # Sat 17 Apr + 0: the next working day, Mon 19 Apr
        (date(2027, 4, 18), 2, date(2027, 4, 20)),  # Sun 18 Apr + 2: Mon 19, Tue 20
        # Sun 5 Sep 2027 + 7: Sep 6 7 8 9 10 13 14 -> Tue 14 Sep
        (date(2027, 9, 5), 7, date(2027, 9, 14)),
        (date(2027, 4, 12), 1, date(2027, 4, 16)),  # Mon 12 Apr + 1: over Songkran (13-15)
        (date(2027, 4, 2), 1, date(2027, 4, 5)),  # Fri 2 Apr + 1: Mon 5 Apr
        (date(2027, 4, 2), 2, date(2027, 4, 7)),  # + 2: Wed 7 Apr (Tue 6 is จักรี)
        (date(2026, 12, 4), 1, date(2026, 12, 8)),  # Fri 4 Dec 2026 + 1: over Sat 5, Sun 6, Mon 7
        (date(2027, 7, 16), 1, date(2027, 7, 21)),  # Fri 16 Jul 2027 + 1: over 17-20 Jul
        # 10 working days after Wed 31 Mar 2027: Apr 1 2 5 7 8 9 12 16 19 20
        (date(2027, 3, 31), 10, date(2027, 4, 20)),
    ],
)
def test_add(start, n, expected):
    assert CAL.add(start, n) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2027, 3, 12), 0, date(2027, 3, 12)),
        (date(2027, 3, 15), 1, date(2027, 3, 12)),  # Mon - 1 = Fri
        (date(2027, 4, 16), 1, date(2027, 4, 12)),  # Fri 16 Apr - 1: back over Songkran
        (date(2027, 4, 7), 2, date(2027, 4, 2)),  # Wed 7 Apr - 2: Mon 5, Fri 2
        (date(2026, 12, 8), 1, date(2026, 12, 4)),  # Tue 8 Dec 2026 - 1: Fri 4 Dec
        (date(2027, 7, 21), 1, date(2027, 7, 16)),
        # 14 working days before Tue 31 Aug 2027: 30 27 26 25 24 23 20 19 18 17 16 13 (12 วันแม่) 11 10
        (date(2027, 8, 31), 14, date(2027, 8, 10)),
    ],
)
def test_back(start, n, expected):
    assert CAL.back(start, n) == expected


def test_on_or_after():
    assert CAL.on_or_after(date(2027, 4, 12)) == date(2027, 4, 12)
    assert CAL.on_or_after(date(2027, 7, 17)) == date(2027, 7, 21)  # Sat 17 Jul: over a four-day weekend


# --- the dates of a milestone -------------------------------------------------------------------

def test_dates_of_a_milestone_due_on_a_holiday():
    dates = DATES
    m = milestone(date(2027, 4, 13), remind_days=3, grace_days=2, followup_days=3)
    assert dates.due(m).day == date(2027, 4, 16)
    # 3 working days before the moved due date (Fri 16 Apr): Mon 12, Fri 9, Thu 8
    assert dates.remind_from(m) == date(2027, 4, 8)
    # grace: 2 working days after Fri 16 Apr: Mon 19, Tue 20
    assert dates.closes_after(m) == date(2027, 4, 20)
    # a new deadline asked on Mon 12 Apr: 3 working days after it: Fri 16, Mon 19, Tue 20
    assert dates.new_deadline(m, date(2027, 4, 12)) == date(2027, 4, 20)


def test_remind_zero_days_is_the_due_date():
    m = milestone(date(2027, 4, 13), remind_days=0)
    assert Dates(OFFICE).remind_from(m) == date(2027, 4, 16)


def test_new_deadline_asked_on_a_day_off():
    # followup_days working days after today, whatever today is: Sat 17 Apr 2027 + 1 = Mon 19 Apr
    m = milestone(date(2027, 3, 31), followup_days=1)
    assert Dates(OFFICE).new_deadline(m, date(2027, 4, 17)) == date(2027, 4, 19)
    # Sun 18 Apr + 3: Mon 19, Tue 20, Wed 21 Apr
    assert Dates(OFFICE).new_deadline(milestone(date(2027, 3, 31), followup_days=3), date(2027, 4, 18)) == date(
        2027, 4, 21)
    # Dates.new_deadline is not capped (Schedule caps a round's at its close: tests.unit.test_deadlines):
    # Mon 19 Apr + 7: 20 21 22 23 26 27 28 -> Wed 28 Apr, past round6's grace (20 Apr)
    assert Dates(OFFICE).new_deadline(milestone(date(2027, 3, 31), followup_days=7), date(2027, 4, 19)) == date(
        2027, 4, 28)


# --- properties ---------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2026, 9, 1), max_value=date(2027, 10, 31))


@given(DAYS, st.integers(min_value=0, max_value=30))
def test_add_lands_on_a_working_day_after_exactly_n_of_them(day, n):
    end = CAL.add(day, n)
    assert CAL.is_working(end) and end >= day
    if n == 0:  # `day` itself, or the next working day
        assert end == CAL.on_or_after(day)
        return
    # n working days after `day` itself, whether or not `day` is one: (day, end] holds exactly n of them
    after = [day + timedelta(days=k) for k in range(1, (end - day).days + 1)]
    assert sum(CAL.is_working(d) for d in after) == n


@given(DAYS, st.integers(min_value=0, max_value=30))
def test_back_undoes_add_on_a_working_day(day, n):
    start = CAL.on_or_after(day)
    assert CAL.back(CAL.add(start, n), n) == start


@given(DAYS, st.integers(min_value=0, max_value=30))
def test_reminder_window_is_remind_days_working_days(due, remind):
    dates = DATES
    m = milestone(due, remind_days=remind)
    first, last = dates.remind_from(m), dates.due(m).day
    assert CAL.is_working(last) and last >= due and (last == due) == (dates.due(m).moved_from is None)
    window = [first + timedelta(days=k) for k in range((last - first).days)]
    assert sum(CAL.is_working(d) for d in window) == remind
