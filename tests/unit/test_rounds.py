"""Tests of sheetsync.core.rounds (windows, which rounds a sync closes) and core.roundclose (a round frozen),
with the example office of fiscal year 2570 (config/calendar.yaml):

    round6   due Wed 31 Mar 2027, grace 10 working days -> last day of grace Tue 20 Apr 2027
             (Apr 1 2 5 (6 จักรี) 7 8 9 12 (13-15 สงกรานต์) 16 19 20)
    round12  due Tue 31 Aug 2027, grace 10 -> Tue 14 Sep 2027 (Sep 1 2 3 6 7 8 9 10 13 14)

A round that closes on its own (at the first sync after its grace) is closed as of the day after the
grace, min(today, last day of grace + 1): round6 as of Wed 21 Apr 2027, round12 as of Wed 15 Sep 2027; a
reopened round with `until` as of min(today, until + 1); one closed by `round close` is closed today.

The tabs are built as `sheetsync setup` lays them out (tests.unit.test_documents.tables), with what the
groups typed. The example's 16 (group, indicator) pairs: 1.1 admin+policy, 1.2 teacher_dev, 1.3
policy+legal, 2.1 promotion+supervision+ict, 2.2 finance, 2.3 personnel+teacher_dev, 2.4 admin+audit,
3.1 admin, 3.2 supervision+promotion.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetsync.app.sync import close_rounds
from sheetsync.core import vocab
from sheetsync.core.cells import RawTable
from sheetsync.core.deadlines import Schedule
from sheetsync.core.evaluate import Evaluation, evaluate
from sheetsync.core.models import Milestone
from sheetsync.core.roundclose import FrozenRound, LateEntry, freeze, load_frozen
from sheetsync.core.rounds import (
    EMPTY_BOOK,
    Closed,
    Reopened,
    RoundBook,
    due_to_close,
    fingerprint,
    focus_round,
    reported_for,
    row_key,
    window_start,
)
from sheetsync.core.rows import CellError, IndicatorRow
from sheetsync.core.status import Texts
from sheetsync.core.workdays import Dates
from sheetsync.store.config import load_office
from tests.unit.test_documents import tables

REPO = Path(__file__).resolve().parents[2]
OFFICE = load_office(REPO / "config")
DATES = Dates(OFFICE)
ROUND6, ROUND12 = OFFICE.rounds()
CLOSES_AFTER = {"round6": date(2027, 4, 20), "round12": date(2027, 9, 14)}
BANGKOK = ZoneInfo("Asia/Bangkok")
COORDINATOR = "นางสาวศิริพร ใจดี"

ADMIN, POLICY, FINANCE, SUPERVISION = "อำนวยการ", "นโยบายและแผน", "การเงินและสินทรัพย์", "นิเทศ ติดตามและประเมินผล"


def closed(day: date, fingerprints: dict[str, str] | None = None) -> Closed:
    return Closed(closed_on=day, by=COORDINATOR, at=datetime.combine(day, datetime.min.time(), BANGKOK),
                  reported=0, total=0, fingerprints=fingerprints or {})


def reopened(day: date, until: date | None = None) -> Reopened:
    return Reopened(on=day, by=COORDINATOR, at=datetime.combine(day, datetime.min.time(), BANGKOK), until=until)


def schedule(today: date, book: RoundBook | None = None) -> Schedule:
    return Schedule.of(OFFICE, today, book, DATES)


def row(on: date | None, valid: bool = True) -> IndicatorRow:
    errors = [] if valid else [CellError(tab=ADMIN, cell="J2", row=2, column="evidence", value="",
                                         code="missing-value", message="หลักฐาน")]
    return IndicatorRow(tab=ADMIN, row=2, group="admin", code="1.1", indicator="1.1", targets_set=True,
                        reported=on is not None, reported_on=on, result="ดำเนินการแล้ว" if on else "", errors=errors)


# --- windows ----------------------------------------------------------------------------------------

def test_the_calendar_closes_after_its_grace():
    assert schedule(date(2027, 3, 1)).closes_after == CLOSES_AFTER


@pytest.mark.parametrize("book", [EMPTY_BOOK, RoundBook(closed={"round6": closed(date(2027, 4, 21))})])
def test_first_round_starts_on_the_fiscal_years_first_day(book):
    assert window_start(OFFICE, ROUND6, book, CLOSES_AFTER) == date(2026, 10, 1)


def test_second_round_starts_after_the_first_ones_grace_while_it_is_open():
    assert window_start(OFFICE, ROUND12, EMPTY_BOOK, CLOSES_AFTER) == date(2027, 4, 21)
    # reopened is not closed: the same
    book = RoundBook(reopened={"round6": reopened(date(2027, 5, 1))})
    assert window_start(OFFICE, ROUND12, book, CLOSES_AFTER) == date(2027, 4, 21)


def test_second_round_starts_after_a_reopened_rounds_until():
    # round6 reopened on 22 Apr until Mon 10 May: round12 from Tue 11 May
    book = RoundBook(reopened={"round6": reopened(date(2027, 4, 22), until=date(2027, 5, 10))})
    assert window_start(OFFICE, ROUND12, book, CLOSES_AFTER) == date(2027, 5, 11)
    s = schedule(date(2027, 5, 5), book)
    assert s.window["round12"] == date(2027, 5, 11)
    assert not s.counts_for(ROUND12, row(date(2027, 5, 3)))  # round6's, reopened until 10 May


@pytest.mark.parametrize(("closed_on", "start"), [
    (date(2027, 4, 5), date(2027, 4, 6)),  # closed by hand inside the grace
    (date(2027, 4, 21), date(2027, 4, 22)),  # by the first sync after the grace
    (date(2027, 5, 17), date(2027, 5, 18)),  # closed again after a reopen
])
def test_second_round_starts_the_day_after_the_first_one_closed(closed_on, start):
    book = RoundBook(closed={"round6": closed(closed_on)})
    assert window_start(OFFICE, ROUND12, book, CLOSES_AFTER) == start


def test_reported_for_bounds_are_inclusive():
    start, end = date(2027, 4, 22), date(2027, 9, 15)
    assert reported_for(row(start), start, end) and reported_for(row(end), start, end)
    assert not reported_for(row(date(2027, 4, 21)), start, end)
    assert not reported_for(row(date(2027, 9, 16)), start, end)
    assert reported_for(row(date(2027, 12, 1)), start)  # no end: the round is not closed
    assert not reported_for(row(None), start)
    assert not reported_for(row(date(2027, 5, 1), valid=False), start)


def test_counts_for_up_to_the_end_of_a_round_being_closed():
    # round6 not closed yet: its window has no end, unless the round is being closed as of `end`
    s = schedule(date(2027, 9, 15))
    august = row(date(2027, 8, 16))
    assert s.counts_for(ROUND6, august)
    assert not s.counts_for(ROUND6, august, end=date(2027, 4, 21))
    assert s.counts_for(ROUND6, row(date(2027, 4, 21)), end=date(2027, 4, 21))  # inclusive
    # a closed round's own close bounds it, whatever `end` says
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21))})
    assert not schedule(date(2027, 9, 15), book).counts_for(ROUND6, august, end=date(2027, 9, 15))


# --- which rounds a sync closes -----------------------------------------------------------------

@pytest.mark.parametrize(("today", "codes"), [
    (date(2027, 3, 31), []),  # due today
    (date(2027, 4, 20), []),  # the last day of round6's grace
    (date(2027, 4, 21), ["round6"]),
    (date(2027, 9, 14), ["round6"]),
    (date(2027, 9, 15), ["round6", "round12"]),  # no sync in between: both
])
def test_due_to_close_after_the_grace(today, codes):
    assert [m.code for m in due_to_close(OFFICE, EMPTY_BOOK, today, CLOSES_AFTER)] == codes


def test_a_closed_round_is_not_closed_again():
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21))})
    assert due_to_close(OFFICE, book, date(2027, 5, 1), CLOSES_AFTER) == []
    assert [m.code for m in due_to_close(OFFICE, book, date(2027, 9, 15), CLOSES_AFTER)] == ["round12"]


def test_reopened_without_until_stays_open():
    book = RoundBook(reopened={"round6": reopened(date(2027, 4, 22))})
    assert due_to_close(OFFICE, book, date(2027, 4, 23), CLOSES_AFTER) == []
    assert [m.code for m in due_to_close(OFFICE, book, date(2027, 9, 20), CLOSES_AFTER)] == ["round12"]


def test_reopened_until_a_date_closes_after_it():
    book = RoundBook(reopened={"round6": reopened(date(2027, 4, 22), until=date(2027, 5, 10))})
    assert due_to_close(OFFICE, book, date(2027, 5, 10), CLOSES_AFTER) == []
    assert [m.code for m in due_to_close(OFFICE, book, date(2027, 5, 11), CLOSES_AFTER)] == ["round6"]


def test_closing_a_reopened_round_sets_the_reopen_aside():
    book = RoundBook(reopened={"round6": reopened(date(2027, 4, 22))})
    again = book.with_closed("round6", closed(date(2027, 5, 17)))
    assert again.is_closed("round6") and again.reopened == {}
    assert book.reopened  # the book itself does not change


def test_focus_round():
    assert focus_round(OFFICE, EMPTY_BOOK) == ROUND6
    assert focus_round(OFFICE, RoundBook(closed={"round6": closed(date(2027, 4, 21))})) == ROUND12
    both = RoundBook(closed={"round6": closed(date(2027, 4, 21)), "round12": closed(date(2027, 9, 15))})
    assert focus_round(OFFICE, both) == ROUND12  # all closed: the last one


def test_fingerprint_follows_the_typed_values_only():
    base = row(date(2027, 3, 20))
    assert fingerprint(base) == fingerprint(base.model_copy())
    assert fingerprint(base) == fingerprint(base.model_copy(update={"row": 7}))  # moved, not edited
    for change in ({"result": "แก้แล้ว"}, {"reported_on": date(2027, 3, 21)}, {"evidence": "x"},
                   {"criteria_met": frozenset({1})}, {"self_level": 3}):
        assert fingerprint(base) != fingerprint(base.model_copy(update=change)), change
    assert row_key(ADMIN, "1.1") != row_key(POLICY, "1.1")


# --- a round frozen -------------------------------------------------------------------------------

APRIL: dict[str, dict[str, dict[str, Any]]] = {
    ADMIN: {
        # on time, 3 criteria of 4 -> level 4
        "1.1": {"target": "ครบทุกประเด็น", "result": "ดำเนินการแล้ว", "criteria_met": "1,2,4", "evidence": "แผน",
                "owner": "นางวันเพ็ญ", "reported_on": date(2027, 3, 20)},
        # after the due date, inside the grace: counts, and late
        "2.4": {"target": "ภายใน ๓ วัน", "target_value": 3, "unit": "วัน", "result": "2.5", "evidence": "สถิติ",
                "owner": "นางวันเพ็ญ", "reported_on": date(2027, 4, 5)},
        "3.1": {"target": "๕ ผลงาน"},  # targets only: not reported
    },
    # before round6 opened: counts for it (its window starts on 1 Oct)
    FINANCE: {"2.2": {"target": "ร้อยละ ๙๕", "target_value": 95, "unit": "ร้อยละ", "result": "92.5",
                      "evidence": "GFMIS", "owner": "นางอรุณี", "reported_on": date(2027, 2, 20)}},
    # reported without its evidence: invalid, so not reported for the round
    SUPERVISION: {"2.1": {"target": "นิเทศครบ", "result": "นิเทศแล้ว", "criteria_met": "1,2", "owner": "นายสมชาย",
                          "reported_on": date(2027, 3, 25)}},
}


def office_tables(entries: dict[str, dict[str, dict[str, Any]]]) -> dict[str, RawTable]:
    """The tabs with what the groups typed; every other owned row has a target, and policy's tab has no
    row for 1.3 (an owned indicator without a row)."""
    out = tables(OFFICE, entries)
    header, *rows = out[POLICY].values
    out[POLICY] = RawTable(tab=POLICY, values=[header, *[r for r in rows if r[0] != "1.3"]])
    for raw in out.values():  # a target in every row left empty (column C)
        for cells in raw.values[1:]:
            if cells[2] is None:
                cells[2] = "เป้าหมาย"
    return out


def frozen_round6(today: date = date(2027, 4, 21)) -> tuple[Evaluation, FrozenRound]:
    ev = evaluate(OFFICE, office_tables(APRIL), today, EMPTY_BOOK, schedule(today))
    at = datetime(2027, 4, 21, 6, 0, tzinfo=BANGKOK)
    return ev, freeze(OFFICE, ev, schedule(today), ROUND6, today, vocab.ROUND_BY_SYNC, at)


@pytest.fixture(scope="module")
def round6() -> tuple[Evaluation, FrozenRound]:
    return frozen_round6()


def outcome(ev: Evaluation, tab: str, code: str):
    return next(o for o in ev.outcomes[tab] if o.row.code == code)


def test_the_tables_parse_as_intended(round6):
    ev, _ = round6
    assert [(e.tab, e.column, e.code) for e in ev.errors] == [(SUPERVISION, "evidence", "missing-value")]
    assert ev.tabs[1].missing_codes == ["1.3"]
    assert all(o.row.targets_set for v in ev.outcomes.values() for o in v)


def test_freeze_dates_and_counts(round6):
    _, frozen = round6
    assert (frozen.fiscal_year, frozen.code, frozen.name, frozen.short_name) == (
        2570, "round6", "รายงานผลการดำเนินงานรอบ ๖ เดือน", "รอบ ๖ เดือน")
    assert (frozen.opens, frozen.due, frozen.window_start, frozen.closed_on) == (
        date(2027, 3, 1), date(2027, 3, 31), date(2026, 10, 1), date(2027, 4, 21))
    assert frozen.by == vocab.ROUND_BY_SYNC
    # admin 1.1, admin 2.4 and finance 2.2 of 15 rows and 1 owned indicator without a row
    assert (frozen.reported, frozen.total) == (3, 16)
    assert frozen.reported_codes() == {"1.1", "2.2", "2.4"}
    assert len(frozen.fingerprints) == 15  # every row, the missing one has none
    assert frozen.closed() == Closed(closed_on=date(2027, 4, 21), by=vocab.ROUND_BY_SYNC, at=frozen.at,
                                     reported=3, total=16, fingerprints=frozen.fingerprints,
                                     reported_keys=frozenset({row_key(ADMIN, "1.1"), row_key(ADMIN, "2.4"),
                                                              row_key(FINANCE, "2.2")}))


def test_freeze_keeps_the_reported_values_and_scores(round6):
    ev, frozen = round6
    fev = frozen.evaluation
    kept = outcome(fev, ADMIN, "1.1")
    assert kept.row == outcome(ev, ADMIN, "1.1").row
    assert (kept.row.result, kept.row.criteria_met, kept.row.reported_on) == (
        "ดำเนินการแล้ว", frozenset({1, 2, 4}), date(2027, 3, 20))
    assert kept.score is not None and kept.score.level == 4
    assert (kept.progress.state, kept.progress.milestone, kept.progress.due) == ("reported", "round6", date(2027, 3, 31))
    assert outcome(fev, FINANCE, "2.2").score is not None


def test_freeze_blanks_the_rows_that_did_not_report(round6):
    _, frozen = round6
    fev = frozen.evaluation
    for tab, code, target in [(ADMIN, "3.1", "๕ ผลงาน"), (SUPERVISION, "2.1", "นิเทศครบ")]:
        blank = outcome(fev, tab, code)
        assert (blank.row.target, blank.row.targets_set) == (target, True)
        assert (blank.row.result, blank.row.criteria_met, blank.row.evidence, blank.row.owner) == ("", None, "", "")
        assert (blank.row.reported, blank.row.reported_on, blank.row.errors) == (False, None, [])
        assert blank.score is None
        assert (blank.progress.state, blank.progress.milestone) == ("overdue", "round6")
    assert (fev.today, fev.late, fev.errors, fev.next_deadline) == (date(2027, 4, 21), [], [], None)


def test_freeze_blanks_the_parsed_tabs_too(round6):
    ev, frozen = round6
    fev = frozen.evaluation
    assert [t.tab for t in fev.tabs] == [t.tab for t in ev.tabs]
    for parse in fev.tabs:  # the tabs' rows are the outcomes' rows, blanked alike
        assert parse.rows == [o.row for o in fev.outcomes[parse.tab]]
        assert parse.tab_errors == []
    admin = {r.code: r for r in fev.tabs[0].rows}
    assert fev.tabs[0].tab == ADMIN and admin["1.1"] == outcome(ev, ADMIN, "1.1").row  # kept as it was
    assert (admin["3.1"].target, admin["3.1"].reported) == ("๕ ผลงาน", False)
    # supervision's 2.1 had a report without evidence (invalid): nothing of it is left, not even its error
    live = next(t for t in ev.tabs if t.tab == SUPERVISION)
    assert next(r for r in live.rows if r.code == "2.1").errors
    blank = next(r for r in next(t for t in fev.tabs if t.tab == SUPERVISION).rows if r.code == "2.1")
    assert (blank.result, blank.criteria_met, blank.owner, blank.reported_on, blank.errors) == ("", None, "", None, [])
    assert fev.tabs[1].missing_codes == ["1.3"]  # the rest of the parse is kept


def test_freeze_empties_the_tab_errors():
    today = date(2027, 4, 21)
    ev = evaluate(OFFICE, office_tables(APRIL), today, EMPTY_BOOK, schedule(today))
    error = CellError(tab=ADMIN, cell="A1", row=1, column="code", value="", code="missing-value", message="รหัส")
    ev = ev.model_copy(update={"tabs": [ev.tabs[0].model_copy(update={"tab_errors": [error]}), *ev.tabs[1:]]})
    frozen = freeze(OFFICE, ev, schedule(today), ROUND6, today, vocab.ROUND_BY_SYNC,
                    datetime(2027, 4, 21, 6, 0, tzinfo=BANGKOK))
    assert all(t.tab_errors == [] for t in frozen.evaluation.tabs)


def test_freeze_lists_who_was_late(round6):
    _, frozen = round6
    assert frozen.late[0] == LateEntry(group="admin", tab=ADMIN, code="2.4", why="reported_late",
                                       reported_on=date(2027, 4, 5))
    not_reported = {(e.group, e.code) for e in frozen.late if e.why == "not_reported"}
    assert not_reported == {
        ("admin", "3.1"), ("policy", "1.1"), ("policy", "1.3"), ("legal", "1.3"), ("personnel", "2.3"),
        ("teacher_dev", "1.2"), ("teacher_dev", "2.3"), ("promotion", "2.1"), ("promotion", "3.2"),
        ("supervision", "2.1"), ("supervision", "3.2"), ("ict", "2.1"), ("audit", "2.4")}
    assert len(frozen.late) == 1 + 13
    assert frozen.late[-1] == LateEntry(group="policy", tab=POLICY, code="1.3", why="not_reported")  # no row
    # finance reported before the round opened, not after it was due: not late
    assert all(e.code != "2.2" for e in frozen.late)


def test_freeze_scores_from_the_rounds_reports(round6):
    _, frozen = round6
    result = frozen.evaluation.office
    levels = {i.code: i.owner_levels for s in result.standards for i in s.indicators if i.owner_levels}
    assert levels == {"1.1": {"admin": 4}, "2.2": {"finance": 4}, "2.4": {"admin": 5}}


def test_frozen_round_survives_json(round6):
    _, frozen = round6
    again = load_frozen(frozen.model_dump(mode="json"))
    assert again.model_dump() == frozen.model_dump()
    assert isinstance(again.evaluation.tabs[0].rows[0], IndicatorRow)


def test_coverage_before_and_after_the_close(round6):
    ev, frozen = round6
    live = {r.code: (r.reported, r.total, r.focus, r.closed_on) for r in ev.rounds}
    assert live == {"round6": (3, 16, True, None), "round12": (None, 16, False, None)}
    book = RoundBook(closed={"round6": frozen.closed()})
    after = evaluate(OFFICE, office_tables(APRIL), date(2027, 4, 22), book, schedule(date(2027, 4, 22), book))
    views = {r.code: r for r in after.rounds}
    assert (views["round6"].reported, views["round6"].total, views["round6"].closed_on, views["round6"].closed_by) == (
        3, 16, date(2027, 4, 21), vocab.ROUND_BY_SYNC)
    assert (views["round12"].reported, views["round12"].total, views["round12"].focus) == (0, 16, True)
    assert after.round is views["round12"]


def test_closed_round_speaks_between_the_rounds(round6):
    _, frozen = round6
    book = RoundBook(closed={"round6": frozen.closed()})
    ev = evaluate(OFFICE, office_tables(APRIL), date(2027, 4, 25), book, schedule(date(2027, 4, 25), book))
    texts = Texts(OFFICE, ev.rounds)
    # Sun 25 Apr: round6 closed on 21 Apr, round12 opens 1 Aug; the rows met everything opened (targets)
    for tab, code in [(ADMIN, "1.1"), (FINANCE, "2.2"), (ADMIN, "3.1")]:
        p = outcome(ev, tab, code).progress
        assert (p.state, p.milestone, p.due, p.closed_round) == ("closed", "round6", date(2027, 3, 31), "round6")
        assert texts.progress(p) == "ปิดรอบแล้ว (รอบ ๖ เดือน ปิดเมื่อ ๒๑ เม.ย. ๒๕๗๐) รอบ ๑๒ เดือนเปิด ๑ ส.ค. ๒๕๗๐"


# --- edits after the close ----------------------------------------------------------------------

def august_entries() -> dict[str, dict[str, dict[str, Any]]]:
    """What the groups typed by 20 Aug: admin 1.1 edited with its March date kept, admin 2.4 edited with
    a new date (16 Aug), finance 2.2 untouched."""
    entries = {tab: {code: dict(values) for code, values in by_code.items()} for tab, by_code in APRIL.items()}
    entries[ADMIN]["1.1"]["result"] = "ดำเนินการครบทุกประเด็น"
    entries[ADMIN]["1.1"]["criteria_met"] = "1,2,3,4"
    entries[ADMIN]["2.4"].update(result="2", reported_on=date(2027, 8, 16))
    return entries


def august(book: RoundBook, today: date = date(2027, 8, 20)) -> Evaluation:
    """The tabs on 20 Aug (august_entries), judged with `book`."""
    return evaluate(OFFICE, office_tables(august_entries()), today, book, schedule(today, book))


def test_edit_after_the_close(round6):
    _, frozen = round6
    book = RoundBook(closed={"round6": frozen.closed()})
    ev = august(book)
    texts = Texts(OFFICE, ev.rounds)
    kept_date = outcome(ev, ADMIN, "1.1").progress
    new_date = outcome(ev, ADMIN, "2.4").progress
    untouched = outcome(ev, FINANCE, "2.2").progress
    # 20 Aug: round12 is due soon (from 10 Aug), 31 - 20 = 11 days
    assert (kept_date.state, kept_date.milestone, kept_date.days) == ("due_soon", "round12", 11)
    assert (kept_date.closed_round, kept_date.edited_after_close, kept_date.dated_before_close) == ("round6", True, True)
    assert texts.progress(kept_date) == (
        "ใกล้ครบกำหนด (รอบ ๑๒ เดือน กำหนดส่ง ๓๑ ส.ค. ๒๕๗๐) "
        "[รอบ ๖ เดือนปิดแล้วเมื่อ ๒๑ เม.ย. ๒๕๗๐: แก้ค่าแล้วแต่วันที่รายงานยังเป็นของรอบ ๖ เดือน "
        "กรุณาใส่วันที่รายงานใหม่เพื่อนับเป็นผลรอบ ๑๒ เดือน]")
    assert (new_date.state, new_date.milestone) == ("reported", "round12")
    assert (new_date.closed_round, new_date.edited_after_close, new_date.dated_before_close) == ("round6", True, False)
    assert texts.progress(new_date) == (
        "รายงานแล้ว (รอบ ๑๒ เดือน) "
        "[รอบ ๖ เดือนปิดแล้วเมื่อ ๒๑ เม.ย. ๒๕๗๐: ค่าที่แก้หลังปิดรอบนับเป็นผลรอบ ๑๒ เดือน ไม่เปลี่ยนผลรอบ ๖ เดือน]")
    assert (untouched.state, untouched.closed_round, untouched.edited_after_close) == ("due_soon", "round6", False)
    assert texts.progress(untouched) == (
        "ใกล้ครบกำหนด (รอบ ๑๒ เดือน กำหนดส่ง ๓๑ ส.ค. ๒๕๗๐) [รอบ ๖ เดือนปิดแล้วเมื่อ ๒๑ เม.ย. ๒๕๗๐]")
    # the follow-up says what to do about the kept date
    item = next(i for i in ev.late if i.tab == ADMIN and i.code == "1.1")
    assert item.problem == vocab.EDITED_KEEP_DATE.format(closed="รอบ ๖ เดือน", round="รอบ ๑๒ เดือน")
    assert next(i for i in ev.late if i.tab == FINANCE).problem == vocab.NOT_REPORTED_FOR.format(round="รอบ ๑๒ เดือน")
    # the frozen round does not change with the edits; round12 counts the new report only
    views = {r.code: r for r in ev.rounds}
    assert (views["round6"].reported, views["round6"].total) == (3, 16)
    assert (views["round12"].reported, views["round12"].total) == (1, 16)


def test_round12_frozen_from_its_own_reports(round6):
    _, frozen6 = round6
    book = RoundBook(closed={"round6": frozen6.closed()})
    today = date(2027, 9, 15)  # the first day after round12's grace
    assert [m.code for m in due_to_close(OFFICE, book, today, CLOSES_AFTER)] == ["round12"]
    ev = august(book, today)
    s = schedule(today, book)
    frozen = freeze(OFFICE, ev, s, ROUND12, today, vocab.ROUND_BY_SYNC, datetime(2027, 9, 15, 6, 0, tzinfo=BANGKOK))
    assert (frozen.window_start, frozen.due, frozen.reported, frozen.total) == (
        date(2027, 4, 22), date(2027, 8, 31), 1, 16)
    assert frozen.reported_codes() == {"2.4"}
    # the March reports, still in the live scores, are not round12's
    live = {i.code for st_ in ev.office.standards for i in st_.indicators if i.owner_levels}
    round12 = {i.code for st_ in frozen.evaluation.office.standards for i in st_.indicators if i.owner_levels}
    assert live == {"1.1", "2.2", "2.4"} and round12 == {"2.4"}
    assert outcome(frozen.evaluation, ADMIN, "1.1").row.result == ""
    assert not any(e.code == "2.4" and e.group == "admin" for e in frozen.late)  # 16 Aug: on time


# --- a sync closing rounds (app.sync.close_rounds) -------------------------------------------------

def sync_close(entries: dict[str, dict[str, dict[str, Any]]], today: date, book: RoundBook = EMPTY_BOOK,
               close: tuple[str, ...] = (), closed_by: str = ""):
    """close_rounds as app.sync calls it: the day judged from `book`, then the rounds closed."""
    tabs = office_tables(entries)
    s = schedule(today, book)
    ev = evaluate(OFFICE, tabs, today, book, s)
    now = datetime.combine(today, datetime.min.time(), BANGKOK).replace(hour=6)
    return (now, *close_rounds(OFFICE, ev, tabs, s, book, DATES, now, close, closed_by))


def test_a_first_sync_after_both_graces_closes_each_round_as_of_its_own_end():
    # no sync from April to Wed 15 Sep 2027: both rounds close on their own
    now, ev, s, frozen = sync_close(august_entries(), date(2027, 9, 15))
    assert [f.code for f in frozen] == ["round6", "round12"]
    r6, r12 = frozen
    # round6 as of min(15 Sep, Tue 20 Apr + 1) = Wed 21 Apr; round12 as of min(15 Sep, Tue 14 Sep + 1) = 15 Sep
    assert (r6.closed_on, r12.closed_on) == (date(2027, 4, 21), date(2027, 9, 15))
    assert (r6.by, r12.by, r6.at, r12.at) == (vocab.ROUND_BY_SYNC, vocab.ROUND_BY_SYNC, now, now)
    # round6: 1 Oct 2026 to 21 Apr: admin 1.1 (20 Mar) and finance 2.2 (20 Feb); admin 2.4, now dated
    # 16 Aug, is not round6's although the sync came after it
    assert (r6.window_start, r6.reported, r6.total, r6.reported_codes()) == (date(2026, 10, 1), 2, 16, {"1.1", "2.2"})
    assert r6.closed().reported_keys == {row_key(ADMIN, "1.1"), row_key(FINANCE, "2.2")}
    assert outcome(r6.evaluation, ADMIN, "2.4").row.result == ""
    assert LateEntry(group="admin", tab=ADMIN, code="2.4", why="not_reported") in r6.late
    # round12: from the day after round6 closed (22 Apr) to 15 Sep: the August report only
    assert (r12.window_start, r12.reported, r12.total, r12.reported_codes()) == (date(2027, 4, 22), 1, 16, {"2.4"})
    assert r12.closed().reported_keys == {row_key(ADMIN, "2.4")}
    assert outcome(r12.evaluation, ADMIN, "1.1").row.result == ""
    assert not any(e.code == "2.4" and e.group == "admin" for e in r12.late)  # 16 Aug: before 31 Aug
    # the day judged again with both closed
    assert {c: v.closed_on for c, v in s.book.closed.items()} == {"round6": date(2027, 4, 21),
                                                                  "round12": date(2027, 9, 15)}
    assert s.window == {"round6": date(2026, 10, 1), "round12": date(2027, 4, 22)}
    views = {r.code: (r.reported, r.total, r.closed_on, r.focus) for r in ev.rounds}
    assert views == {"round6": (2, 16, date(2027, 4, 21), False), "round12": (1, 16, date(2027, 9, 15), True)}
    p = outcome(ev, ADMIN, "2.4").progress
    assert (p.state, p.milestone, p.closed_round) == ("closed", "round12", "round12")


def test_a_sync_inside_the_grace_closes_nothing():
    _, ev, s, frozen = sync_close(APRIL, date(2027, 4, 20))  # the last day of round6's grace
    assert frozen == [] and s.book == EMPTY_BOOK and ev.rounds[0].closed_on is None


REOPENED_UNTIL_10_MAY = RoundBook(reopened={"round6": reopened(date(2027, 4, 22), until=date(2027, 5, 10))})


@pytest.mark.parametrize(("book", "today", "close", "dated", "closed_on", "by", "reported"), [
    # round6 reopened on 22 Apr until Mon 10 May; the first sync after it on Thu 20 May closes it on its
    # own as of min(20 May, 10 May + 1) = Tue 11 May: admin 2.4, dated Wed 12 May, is not round6's
    (REOPENED_UNTIL_10_MAY, date(2027, 5, 20), (), date(2027, 5, 12), date(2027, 5, 11), vocab.ROUND_BY_SYNC, 2),
    # a report dated 11 May, the day it closed as of, is round6's (the window is inclusive)
    (REOPENED_UNTIL_10_MAY, date(2027, 5, 20), (), date(2027, 5, 11), date(2027, 5, 11), vocab.ROUND_BY_SYNC, 3),
    # the same closed by `round close` on 20 May: closed that day, and the 12 May report counts
    (REOPENED_UNTIL_10_MAY, date(2027, 5, 20), ("round6",), date(2027, 5, 12), date(2027, 5, 20), COORDINATOR, 3),
    # closed by hand inside its grace on Mon 19 Apr: closed today (not as of 21 Apr); 2.4 dated Fri 16 Apr
    # (late, inside the grace) counts
    (EMPTY_BOOK, date(2027, 4, 19), ("round6",), date(2027, 4, 16), date(2027, 4, 19), COORDINATOR, 3),
])
def test_close_rounds_closed_on(book, today, close, dated, closed_on, by, reported):
    entries = {tab: {code: dict(values) for code, values in by_code.items()} for tab, by_code in APRIL.items()}
    entries[ADMIN]["2.4"]["reported_on"] = dated
    _, _, s, frozen = sync_close(entries, today, book, close, COORDINATOR if close else "")
    assert [(f.code, f.closed_on, f.by, f.reported) for f in frozen] == [("round6", closed_on, by, reported)]
    assert s.book.reopened == {} and s.closed("round6") == frozen[0].closed()
    assert s.window["round12"] == closed_on + timedelta(days=1)


# --- properties -----------------------------------------------------------------------------------

FY = st.dates(min_value=date(2026, 10, 1), max_value=date(2027, 9, 30))


@given(FY, st.dates(min_value=date(2026, 10, 1), max_value=date(2027, 12, 31)),
       st.dates(min_value=date(2027, 3, 31), max_value=date(2027, 9, 30)),
       st.dates(min_value=date(2027, 3, 31), max_value=date(2027, 12, 31)))
def test_a_report_counts_for_at_most_one_closed_round(reported_on, today, closed6, closed12):
    book = RoundBook(closed={"round6": closed(closed6), "round12": closed(closed12)})
    s = schedule(today, book)
    r = row(reported_on)
    counted = [m.code for m in (ROUND6, ROUND12) if s.counts_for(m, r)]
    assert len(counted) <= 1
    # and the closed rounds' windows leave no gap: a report up to the last close counts for one of them
    if closed6 < closed12 and reported_on <= closed12:
        assert len(counted) == 1


@given(FY, st.sampled_from([ROUND6, ROUND12]))
def test_a_report_counts_for_the_round_whose_window_holds_it(reported_on, m: Milestone):
    book = RoundBook(closed={"round6": closed(date(2027, 4, 21)), "round12": closed(date(2027, 9, 15))})
    s = schedule(date(2027, 9, 20), book)
    start, end = s.window[m.code], book.closed[m.code].closed_on
    assert s.counts_for(m, row(reported_on)) == (start <= reported_on <= end)
