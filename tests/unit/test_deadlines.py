"""Tests of sheetsync.core.deadlines against the example work calendar of fiscal year 2570 (config/calendar.yaml):

    targets  requires targets  opens 2026-10-01  due 2026-11-30  remind 10 days
    round6   requires results  opens 2027-03-01  due 2027-03-31  remind 14 days
    round12  requires results  opens 2027-08-01  due 2027-08-31  remind 14 days
    sar      requires office   opens 2027-09-01  due 2027-09-15  (the office's own deadline, no row)

Day counts are worked out by hand in the comments.
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

from sheetsync.core import deadlines, problems, thai
from sheetsync.core.deadlines import (
    SEVERITY,
    Progress,
    covers,
    group_progress,
    met,
    next_deadline,
    office_today,
    row_progress,
    worst,
)
from sheetsync.core.models import Milestone
from sheetsync.core.rows import CellError, IndicatorRow
from sheetsync.store.config import load_office

REPO = Path(__file__).resolve().parents[2]
CONFIG_DIR = REPO / "config"
MILESTONES = load_office(CONFIG_DIR).milestones  # also for the Hypothesis test below


@pytest.fixture(scope="module")
def milestones() -> list[Milestone]:
    return load_office(CONFIG_DIR).milestones


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


def extra_milestone(covering: list[str], requires: str = "results") -> Milestone:
    return Milestone(code="extra", name="รายงานเพิ่มเติม", opens=date(2027, 5, 1), due=date(2027, 5, 31),
                     requires=requires, covers=covering, remind_days=7)


def test_example_calendar_is_as_described(milestones):
    assert [(m.code, m.requires, m.opens, m.due, m.remind_days) for m in milestones] == [
        ("targets", "targets", date(2026, 10, 1), date(2026, 11, 30), 10),
        ("round6", "results", date(2027, 3, 1), date(2027, 3, 31), 14),
        ("round12", "results", date(2027, 8, 1), date(2027, 8, 31), 14),
        ("sar", "office", date(2027, 9, 1), date(2027, 9, 15), 14),
    ]
    start, end = thai.fiscal_year_bounds(2570)
    assert all(start <= m.opens <= m.due <= end for m in milestones)


def test_fiscal_year_helpers_are_re_exported():
    assert deadlines.fiscal_year_of is thai.fiscal_year_of
    assert deadlines.fiscal_year_of(date(2027, 9, 30)) == 2570
    assert deadlines.fiscal_year_bounds(2570) == (date(2026, 10, 1), date(2027, 9, 30))
    assert deadlines.be_year(2027) == 2570
    assert deadlines.ce_year(2570) == 2027


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
        (date(2026, 11, 19), Progress(state="open", milestone="targets", due=date(2026, 11, 30), days=11)),
        # the reminder window is 10 days: 20 Nov is the first day due soon
        (date(2026, 11, 20), Progress(state="due_soon", milestone="targets", due=date(2026, 11, 30), days=10)),
        (date(2026, 11, 30), Progress(state="due_soon", milestone="targets", due=date(2026, 11, 30), days=0)),
        (date(2026, 12, 1), Progress(state="overdue", milestone="targets", due=date(2026, 11, 30), days=1)),
        # 2026-11-30 -> 2027-01-15: 31 (December) + 15 = 46 days late
        (date(2027, 1, 15), Progress(state="overdue", milestone="targets", due=date(2026, 11, 30), days=46)),
    ],
)
def test_row_without_targets(milestones, today, expected):
    row = make_row(targets_set=False)
    assert row_progress(row, milestones, today) == expected


def test_row_with_targets_is_reported_until_round6_opens(milestones):
    row = make_row(targets_set=True)
    expected = Progress(state="reported", milestone="targets", due=date(2026, 11, 30))
    assert row_progress(row, milestones, date(2026, 10, 2)) == expected
    assert row_progress(row, milestones, date(2027, 2, 28)) == expected


def test_missing_targets_decide_before_later_rounds(milestones):
    # results were reported in March, but the targets never were: the oldest unmet milestone decides.
    # 2026-11-30 -> 2027-04-20: 31 (Dec) + 31 (Jan) + 28 (Feb) + 31 (Mar) + 20 = 141 days late
    row = reported_row(date(2027, 3, 15), targets_set=False)
    assert row_progress(row, milestones, date(2027, 4, 20)) == Progress(
        state="overdue", milestone="targets", due=date(2026, 11, 30), days=141)


# --- the result rounds ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("today", "state", "days"),
    [
        (date(2027, 3, 1), "open", 30),  # the day round6 opens: 31 Mar - 1 Mar = 30
        (date(2027, 3, 10), "open", 21),
        (date(2027, 3, 16), "open", 15),
        (date(2027, 3, 17), "due_soon", 14),  # remind 14 days
        (date(2027, 3, 31), "due_soon", 0),
        (date(2027, 4, 1), "overdue", 1),
        (date(2027, 4, 20), "overdue", 20),
    ],
)
def test_round6_without_a_report(milestones, today, state, days):
    assert row_progress(make_row(), milestones, today) == Progress(
        state=state, milestone="round6", due=date(2027, 3, 31), days=days)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 3, 15), Progress(state="reported", milestone="round6", due=date(2027, 3, 31))),
        (date(2027, 4, 20), Progress(state="reported", milestone="round6", due=date(2027, 3, 31))),
        (date(2027, 7, 31), Progress(state="reported", milestone="round6", due=date(2027, 3, 31))),
        # round12 opens 1 Aug: a March report does not meet it. 1 Aug -> 31 Aug = 30 days
        (date(2027, 8, 1), Progress(state="open", milestone="round12", due=date(2027, 8, 31), days=30)),
        (date(2027, 8, 10), Progress(state="open", milestone="round12", due=date(2027, 8, 31), days=21)),
        (date(2027, 8, 17), Progress(state="due_soon", milestone="round12", due=date(2027, 8, 31), days=14)),
        (date(2027, 8, 20), Progress(state="due_soon", milestone="round12", due=date(2027, 8, 31), days=11)),
        (date(2027, 9, 5), Progress(state="overdue", milestone="round12", due=date(2027, 8, 31), days=5)),
        (date(2027, 9, 30), Progress(state="overdue", milestone="round12", due=date(2027, 8, 31), days=30)),
    ],
)
def test_march_report_meets_round6_not_round12(milestones, today, expected):
    row = reported_row(date(2027, 3, 15))
    assert row_progress(row, milestones, today) == expected


def test_report_before_round6_opened_does_not_meet_it(milestones):
    row = reported_row(date(2027, 2, 20))
    # before round6 opens the row is up to date (targets met) ...
    assert row_progress(row, milestones, date(2027, 2, 25)).state == "reported"
    # ... but a February report is not the 6-month report: 31 Mar - 20 Mar = 11 days left
    assert row_progress(row, milestones, date(2027, 3, 20)) == Progress(
        state="due_soon", milestone="round6", due=date(2027, 3, 31), days=11)


def test_report_on_the_opening_day_meets_the_round(milestones):
    row = reported_row(date(2027, 3, 1))
    assert row_progress(row, milestones, date(2027, 3, 2)).state == "reported"
    assert met(milestones[1], row)
    assert not met(milestones[2], row)


def test_august_report_meets_both_rounds(milestones):
    row = reported_row(date(2027, 8, 5))
    assert row_progress(row, milestones, date(2027, 8, 10)) == Progress(
        state="reported", milestone="round12", due=date(2027, 8, 31))
    assert row_progress(row, milestones, date(2027, 9, 30)).state == "reported"


def test_late_report_still_meets_the_round(milestones):
    row = reported_row(date(2027, 4, 5))  # after round6 was due
    assert row_progress(row, milestones, date(2027, 4, 10)) == Progress(
        state="reported", milestone="round6", due=date(2027, 3, 31))


def test_invalid_row_is_not_reported(milestones):
    row = reported_row(date(2027, 3, 15), errors=[cell_error()])
    assert not met(milestones[1], row)
    assert row_progress(row, milestones, date(2027, 4, 20)) == Progress(
        state="overdue", milestone="round6", due=date(2027, 3, 31), days=20)


def test_row_not_reported_or_undated_does_not_meet_results(milestones):
    dated_only = make_row(reported=False, reported_on=date(2027, 3, 15))
    undated = make_row(reported=True, result="ดำเนินการแล้ว", reported_on=None)
    for row in (dated_only, undated):
        assert not met(milestones[1], row)
        assert row_progress(row, milestones, date(2027, 3, 20)).state == "due_soon"


def test_targets_milestone_needs_targets_only(milestones):
    targets = milestones[0]
    assert met(targets, make_row(targets_set=True))
    assert not met(targets, make_row(targets_set=False, reported=True, reported_on=date(2027, 3, 15)))
    # targets count even on a row with errors elsewhere
    assert met(targets, make_row(targets_set=True, errors=[cell_error()]))


# --- rows and milestones that do not apply --------------------------------------------------------

def test_row_of_unknown_indicator_is_none(milestones):
    row = make_row(indicator=None, reported=True, reported_on=date(2027, 3, 15))
    assert row_progress(row, milestones, date(2027, 4, 20)) == Progress(state="none")


def test_no_milestones_or_office_only_is_none(milestones):
    sar = [m for m in milestones if m.requires == "office"]
    assert row_progress(make_row(), [], date(2027, 4, 20)) == Progress(state="none")
    assert row_progress(make_row(), sar, date(2027, 9, 10)) == Progress(state="none")


def test_sar_never_judges_rows(milestones):
    # after round12 on 15 Sep: the row is reported for round12; sar (office-only) does not make it late
    row = reported_row(date(2027, 8, 5))
    assert row_progress(row, milestones, date(2027, 9, 16)) == Progress(
        state="reported", milestone="round12", due=date(2027, 8, 31))


def test_not_open_points_at_the_first_round(milestones):
    rounds = [m for m in milestones if m.requires == "results"]
    # 1 Feb -> 1 Mar = 28 days until round6 opens
    assert row_progress(make_row(), rounds, date(2027, 2, 1)) == Progress(
        state="not_open", milestone="round6", due=date(2027, 3, 31), days=28)


def test_milestone_order_does_not_matter(milestones):
    row = reported_row(date(2027, 3, 15), targets_set=False)
    today = date(2027, 8, 20)
    assert row_progress(row, list(reversed(milestones)), today) == row_progress(row, milestones, today)
    assert row_progress(row, milestones, today).milestone == "targets"


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


def test_covered_milestone_judges_only_its_rows(milestones):
    calendar = [*milestones, extra_milestone(["audit"])]
    today = date(2027, 5, 26)
    audit = reported_row(date(2027, 3, 15), indicator="2.4", group="audit")
    admin = reported_row(date(2027, 3, 15), indicator="2.4", group="admin")
    # the extra round opened 1 May, the March report does not meet it; 31 May - 26 May = 5 <= 7 days
    assert row_progress(audit, calendar, today) == Progress(
        state="due_soon", milestone="extra", due=date(2027, 5, 31), days=5)
    assert row_progress(admin, calendar, today) == Progress(
        state="reported", milestone="round6", due=date(2027, 3, 31))


# --- groups ---------------------------------------------------------------------------------------

def test_worst():
    assert worst([]) == "none"
    assert worst(["reported", "overdue", "due_soon"]) == "overdue"
    assert worst(["reported", "open", "not_open"]) == "open"
    assert worst(["not_open", "reported"]) == "not_open"
    assert worst(["none", "reported"]) == "reported"
    assert SEVERITY == ("overdue", "due_soon", "open", "not_open", "reported", "none")


def test_group_progress_takes_the_worst_state(milestones):
    rows = [
        reported_row(date(2027, 3, 10), indicator="1.1"),  # reported
        make_row(indicator="2.4", row=3),  # not reported yet
        reported_row(date(2027, 3, 12), indicator="3.1", row=4, errors=[cell_error()]),  # invalid
        make_row(indicator=None, row=5, reported=True, reported_on=date(2027, 3, 12)),  # unknown code
    ]
    # 25 Mar: round6 is due in 6 days (31 - 25), inside the 14-day reminder window
    progress = [row_progress(r, milestones, date(2027, 3, 25)) for r in rows]
    assert [p.state for p in progress] == ["reported", "due_soon", "due_soon", "none"]
    assert group_progress("admin", rows, progress).model_dump() == {
        "group": "admin", "state": "due_soon", "rows": 4, "reported": 1, "overdue": 0, "due_soon": 2,
        "milestone": "round6", "due": date(2027, 3, 31)}
    # 2 Apr: the same two rows are now late
    progress = [row_progress(r, milestones, date(2027, 4, 2)) for r in rows]
    result = group_progress("admin", rows, progress)
    assert (result.state, result.overdue, result.due_soon, result.reported) == ("overdue", 2, 0, 1)
    assert (result.milestone, result.due) == ("round6", date(2027, 3, 31))


def test_group_progress_deciding_milestone_is_the_first_worst():
    progress = [
        Progress(state="due_soon", milestone="round6", due=date(2027, 3, 31), days=3),
        Progress(state="overdue", milestone="targets", due=date(2026, 11, 30), days=5),
        Progress(state="overdue", milestone="round6", due=date(2027, 3, 31), days=1),
    ]
    rows = [make_row(row=r) for r in (2, 3, 4)]
    result = group_progress("policy", rows, progress)
    assert (result.state, result.milestone, result.due) == ("overdue", "targets", date(2026, 11, 30))
    assert (result.overdue, result.due_soon, result.reported) == (2, 1, 0)


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        (["reported", "reported"], "reported"),
        (["not_open", "reported"], "not_open"),
        (["open", "not_open", "reported"], "open"),
        (["none"], "none"),
    ],
)
def test_group_progress_states(states, expected):
    progress = [Progress(state=s) for s in states]
    assert group_progress("g", [make_row() for _ in states], progress).state == expected


def test_group_progress_of_no_rows():
    result = group_progress("legal", [], [])
    assert (result.state, result.rows, result.reported, result.milestone, result.due) == ("none", 0, 0, None, None)


# --- next deadline ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("today", "code", "days"),
    [
        (date(2026, 9, 1), "targets", 90),  # 29 (to 30 Sep) + 31 (Oct) + 30 (Nov)
        (date(2026, 10, 15), "targets", 46),
        (date(2026, 11, 30), "targets", 0),  # due today still counts
        (date(2026, 12, 1), "round6", 120),  # 30 (to 31 Dec) + 31 + 28 + 31
        (date(2027, 4, 1), "round12", 152),  # 29 (to 30 Apr) + 31 + 30 + 31 + 31
        (date(2027, 8, 31), "round12", 0),
        (date(2027, 9, 1), "sar", 14),  # the office's own deadline counts here
        (date(2027, 9, 15), "sar", 0),
    ],
)
def test_next_deadline(milestones, today, code, days):
    found = next_deadline(milestones, today)
    assert found is not None
    milestone, left = found
    assert (milestone.code, left) == (code, days)
    assert next_deadline(list(reversed(milestones)), today)[0].code == code


def test_no_next_deadline(milestones):
    assert next_deadline(milestones, date(2027, 9, 16)) is None
    assert next_deadline([], date(2027, 1, 1)) is None


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
    assert row_progress(row, MILESTONES, today).state in ("reported", "not_open")


@given(st.dates(min_value=date(2026, 9, 1), max_value=date(2027, 10, 31)), st.booleans(),
       st.none() | st.dates(min_value=date(2026, 10, 1), max_value=date(2027, 9, 30)), st.booleans())
def test_progress_days_agree_with_the_state(today, targets_set, reported_on, valid):
    row = make_row(targets_set=targets_set, reported=reported_on is not None, reported_on=reported_on,
                   errors=[] if valid else [cell_error()])
    p = row_progress(row, MILESTONES, today)
    by_code = {m.code: m for m in MILESTONES}
    if p.state == "overdue":
        assert p.days == (today - p.due).days > 0
    elif p.state in ("due_soon", "open"):
        assert p.days == (p.due - today).days >= 0
        assert (p.days <= by_code[p.milestone].remind_days) == (p.state == "due_soon")
    elif p.state == "not_open":
        assert p.days == (by_code[p.milestone].opens - today).days > 0
    else:
        assert p.state == "reported"
        assert p.days is None
        assert by_code[p.milestone].opens <= today


# --- the pure modules stay free of sheet libraries ----------------------------------------------

def test_pure_modules_do_not_import_sheet_libraries():
    code = (
        "import sys\n"
        "import sheetsync.core.thai, sheetsync.core.rows, sheetsync.core.scoring, sheetsync.core.deadlines\n"
        "import sheetsync.core.evaluate, sheetsync.core.status, sheetsync.store.config\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('gspread', 'openpyxl'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
