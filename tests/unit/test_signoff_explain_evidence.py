"""Issue 17, points 2-4 in the core: the head's sign-off, the explanation a low level needs, the
evidence per criterion. Tabs built by hand, the example office (fiscal year 2570), judged by evaluate.

The example's indicators used: 1.1 criteria (4 criteria, admin + policy), 3.1 self_rated (admin)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sheetsync.core import docvocab, vocab
from sheetsync.core.cells import RawTable
from sheetsync.core.contents import build_sar, memo_lines
from sheetsync.core.evaluate import Evaluation, evaluate
from sheetsync.core.evidence import read_evidence, well_formed
from sheetsync.core.models import Office
from sheetsync.core.packs import group_level
from sheetsync.core.rows import IndicatorRow, indicator_columns
from sheetsync.core.status import Texts, row_status
from sheetsync.store.config import load_office

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2027, 4, 5)  # in the six-month round, due 31 March 2570

CRITERIA_ROW = {"code": "1.1", "target": "ครบทุกประเด็น", "result": "ดำเนินการแล้ว", "criteria_met": "1,2", "owner": "นางวันเพ็ญ รักษ์ถิ่น",
                "evidence": "1: https://drive.google.com/a\n2: คำสั่งที่ ๑๒/๒๕๗๐", "reported_on": "20/3/2570"}
SELF_LOW = {"code": "3.1", "target": "๕ ผลงาน", "result": "ยังไม่ครบ", "self_level": "2", "justification": "ผลงานยังน้อย",
            "evidence": "รายงาน", "owner": "นางวันเพ็ญ รักษ์ถิ่น", "reported_on": "20/3/2570"}


@pytest.fixture(scope="module")
def office() -> Office:
    return load_office(REPO / "config")


@pytest.fixture(scope="module")
def signing(office: Office) -> Office:
    return office.model_copy(update={"signoff": "required"})


def tab(office: Office, *rows: dict[str, Any]) -> dict[str, RawTable]:
    columns = indicator_columns(office)
    keys = [c.key for c in columns]
    lines = [[r.get(k) for k in keys] for r in rows]
    return {"อำนวยการ": RawTable(tab="อำนวยการ", values=[[c.label for c in columns], *lines])}


def judged(office: Office, *rows: dict[str, Any], signed: Any = None) -> tuple[Evaluation, dict[str, IndicatorRow]]:
    ev = evaluate(office, tab(office, *rows), TODAY, signed=signed)
    return ev, {o.row.code: o.row for o in ev.outcomes["อำนวยการ"]}


def state_of(office: Office, ev: Evaluation, code: str) -> dict[str, Any]:
    outcome = next(o for o in ev.outcomes["อำนวยการ"] if o.row.code == code)
    return row_status(outcome, Texts(office, ev.rounds, ev.dates))


# --- evidence lines --------------------------------------------------------------------------------

def test_evidence_lines_name_their_criteria_in_either_digits() -> None:
    reading = read_evidence("1: https://drive.google.com/x\n๒) คำสั่งที่ ๑๒/๒๕๗๐\nข้อ 3: ภาพ\n1-2: แผน", 4)
    assert [p.criteria for p in reading.pieces] == [(1,), (2,), (3,), (1, 2)]
    assert reading.pieces[1].text == "คำสั่งที่ ๑๒/๒๕๗๐" and reading.covered() == {1, 2, 3}


def test_a_code_or_a_date_is_not_a_criterion() -> None:
    reading = read_evidence("1.1 รายงานผล\n12/2570 คำสั่ง\nรายงานประจำปี", 4)
    assert all(p.criteria == () for p in reading.pieces) and reading.unknown == ()


def test_a_number_the_indicator_lacks_is_said() -> None:
    assert read_evidence("7: ภาพกิจกรรม", 4).unknown == (7,)


@pytest.mark.parametrize("link, ok", [
    ("https://drive.google.com/file/d/1x", True), ("http://nst1.go.th/a?b=1", True),
    ("https//drive.google.com", False), ("htps://drive.google.com", False), ("www.nst1.go.th", False),
    ("https://drive", False), ("https://", False)])
def test_links_are_checked_for_form_only(link: str, ok: bool) -> None:
    assert well_formed(link) is ok
    assert (read_evidence(f"1: {link}", 4).bad_links == ()) is ok


# --- evidence per criterion on a row ------------------------------------------------------------------

def test_each_criterion_met_with_its_own_evidence_is_clean(office: Office) -> None:
    ev, rows = judged(office, CRITERIA_ROW)
    assert rows["1.1"].valid and rows["1.1"].notices == []
    assert state_of(office, ev, "1.1")["state"] == vocab.STATE_VALID


def test_a_criterion_met_without_evidence_is_a_message_and_the_score_stands(office: Office) -> None:
    ev, rows = judged(office, {**CRITERIA_ROW, "criteria_met": "1,2,4"})
    row = rows["1.1"]
    assert row.valid and [n.code for n in row.notices] == ["evidence-per-criterion"]
    assert "ประเด็นที่ ๔" in row.notices[0].message and row.notices[0].cell == "J2"
    status = state_of(office, ev, "1.1")
    assert status["state"] == vocab.STATE_INCOMPLETE and status["score"] is not None
    assert status["errors"].startswith("J2: หลักฐานอ้างอิงยังไม่ระบุหลักฐานของประเด็นที่ ๔")
    assert not [e for e in ev.errors if e.tab == "อำนวยการ"]  # a notice is no error: counted apart
    assert any(i.state == "incomplete" and i.code == "1.1" for i in ev.late)


def test_a_bad_link_is_said_with_the_link(office: Office) -> None:
    _, rows = judged(office, {**CRITERIA_ROW, "evidence": "1: https//drive.google.com/a\n2: ok"})
    assert [n.code for n in rows["1.1"].notices] == ["bad-link"]
    assert "https//drive.google.com/a" in rows["1.1"].notices[0].message


# --- the explanation below the level ----------------------------------------------------------------

def test_a_level_below_three_asks_for_an_explanation(office: Office) -> None:
    ev, rows = judged(office, SELF_LOW)
    notice = rows["3.1"].notices[0]
    assert notice.code == "explanation-needed" and notice.column == "explanation"
    assert "ระดับ ๒" in notice.message and "คำชี้แจง" in notice.message
    assert state_of(office, ev, "3.1")["score"] == 2  # scored all the same


def test_an_explanation_typed_satisfies_it(office: Office) -> None:
    _, rows = judged(office, {**SELF_LOW, "explanation": "บุคลากรย้าย ๒ คน จะเร่งในไตรมาส ๓"})
    assert rows["3.1"].notices == [] and rows["3.1"].explanation.startswith("บุคลากรย้าย")


def test_explain_below_is_the_offices_choice(office: Office) -> None:
    _, rows = judged(office.model_copy(update={"explain_below": 2}), SELF_LOW)
    assert rows["3.1"].notices == []  # level 2 is not below 2


# --- sign-off ----------------------------------------------------------------------------------------

def test_without_signoff_required_there_are_no_signoff_columns(office: Office, signing: Office) -> None:
    assert "signed_by" not in {c.key for c in indicator_columns(office)}
    keys = [c.key for c in indicator_columns(signing)]
    assert keys[-3:] == ["explanation", "signed_by", "signed_on"]


def test_an_unsigned_report_is_not_submitted(signing: Office) -> None:
    ev, rows = judged(signing, CRITERIA_ROW)
    assert rows["1.1"].signoff == "unsigned" and rows["1.1"].valid
    assert state_of(signing, ev, "1.1")["state"] == vocab.STATE_AWAITING_SIGNOFF
    assert ev.round is not None and ev.round.reported == 0
    item = next(i for i in ev.late if i.code == "1.1")
    assert item.problem == vocab.AWAITING_SIGNOFF and item.state == "overdue"
    assert ev.office.reported == 0  # not in the office's scores either


def test_a_signed_report_counts_and_its_figures_are_kept(signing: Office) -> None:
    signed = {**CRITERIA_ROW, "signed_by": "นางวันเพ็ญ  รักษ์ถิ่น", "signed_on": "22/3/2570"}
    ev, rows = judged(signing, signed)
    assert rows["1.1"].signoff == "signed" and ev.round is not None and ev.round.reported == 1
    assert state_of(signing, ev, "1.1")["state"] == vocab.STATE_VALID
    (key, (signer, on, _figures)), = ev.new_signoffs.items()
    assert key == ("อำนวยการ", "1.1") and signer == "นางวันเพ็ญ รักษ์ถิ่น" and on == "2027-03-22"
    # the next night: the same sign-off over the same figures stands, and nothing new is kept
    ev2, rows2 = judged(signing, signed, signed=ev.new_signoffs)
    assert rows2["1.1"].signoff == "signed" and ev2.new_signoffs == {}
    # a figure edited afterwards voids it; the sign-off cells stay as typed
    ev3, rows3 = judged(signing, {**signed, "criteria_met": "1"}, signed=ev.new_signoffs)
    assert rows3["1.1"].signoff == "void" and rows3["1.1"].signed_by == "นางวันเพ็ญ  รักษ์ถิ่น"
    edited = [n for n in rows3["1.1"].notices if n.code == "signoff-edited"]
    assert len(edited) == 1 and "๒๒ มี.ค. ๒๕๗๐" in edited[0].message
    assert state_of(signing, ev3, "1.1")["state"] == vocab.STATE_SIGNOFF_VOID
    assert ev3.round is not None and ev3.round.reported == 0
    # signed again (a new date): counts again, over the new figures
    ev4, rows4 = judged(signing, {**signed, "criteria_met": "1", "signed_on": "1/4/2570"}, signed=ev.new_signoffs)
    assert rows4["1.1"].signoff == "signed" and ev4.new_signoffs[("อำนวยการ", "1.1")][1] == "2027-04-01"


def test_a_signoff_dated_before_the_report_is_void(signing: Office) -> None:
    _, rows = judged(signing, {**CRITERIA_ROW, "signed_by": "นางวันเพ็ญ รักษ์ถิ่น", "signed_on": "1/3/2570"})
    assert rows["1.1"].signoff == "void" and rows["1.1"].notices[0].code == "signoff-before-report"


def test_a_signoff_half_filled_says_which_half(signing: Office) -> None:
    _, rows = judged(signing, {**CRITERIA_ROW, "signed_by": "นางวันเพ็ญ รักษ์ถิ่น"})
    assert rows["1.1"].signoff == "unsigned"
    assert [(n.code, n.column) for n in rows["1.1"].notices] == [("signoff-incomplete", "signed_on")]


def test_a_signoff_date_that_does_not_read_is_an_error(signing: Office) -> None:
    _, rows = judged(signing, {**CRITERIA_ROW, "signed_by": "นางวันเพ็ญ รักษ์ถิ่น", "signed_on": "เมื่อวาน"})
    assert [e.column for e in rows["1.1"].errors] == ["signed_on"]


def test_a_group_may_ask_for_signoff_on_its_own(office: Office) -> None:
    groups = [g.model_copy(update={"signoff": "required"}) if g.code == "admin" else g for g in office.groups]
    one = office.model_copy(update={"groups": groups})
    assert one.signoff_required("admin") and not one.signoff_required("policy") and one.signoff_required()
    assert "signed_by" in {c.key for c in indicator_columns(one, "admin")}
    assert "signed_by" not in {c.key for c in indicator_columns(one, "policy")}
    _, rows = judged(one, CRITERIA_ROW)
    assert rows["1.1"].signoff == "unsigned"
    # and a group may be let off an office's sign-off
    off = [g.model_copy(update={"signoff": "off"}) if g.code == "admin" else g for g in office.groups]
    _, rows = judged(office.model_copy(update={"signoff": "required", "groups": off}), CRITERIA_ROW)
    assert rows["1.1"].signoff == ""


# --- what the memo, the brief and the SAR say of a row awaiting sign-off --------------------------------

def test_the_memo_asks_the_head_to_sign_and_names_the_columns(signing: Office) -> None:
    ev, _ = judged(signing, CRITERIA_ROW)
    (line,) = [x for x in memo_lines(signing, ev) if x.code == "1.1" and x.group == "admin"]
    assert line.ask == docvocab.MEMO_SIGNOFF
    assert line.fill == docvocab.MEMO_FILL.format(columns="รับรองข้อมูลโดย และ วันที่รับรอง")
    # half signed: only the half left is asked for
    ev, _ = judged(signing, {**CRITERIA_ROW, "signed_by": "นางวันเพ็ญ รักษ์ถิ่น"})
    (line,) = [x for x in memo_lines(signing, ev) if x.code == "1.1" and x.group == "admin"]
    assert line.fill == docvocab.MEMO_FILL.format(columns="วันที่รับรอง")


def test_the_memo_asks_for_a_new_signoff_after_an_edit(signing: Office) -> None:
    signed = {**CRITERIA_ROW, "signed_by": "นางวันเพ็ญ รักษ์ถิ่น", "signed_on": "22/3/2570"}
    ev, _ = judged(signing, signed)
    ev, _ = judged(signing, {**signed, "criteria_met": "1"}, signed=ev.new_signoffs)
    (line,) = [x for x in memo_lines(signing, ev) if x.code == "1.1" and x.group == "admin"]
    assert line.ask == docvocab.MEMO_SIGNOFF_AGAIN and "วันที่รับรอง" in line.fill


def test_a_row_awaiting_signoff_adds_nothing_to_its_groups_level(signing: Office) -> None:
    ev, _ = judged(signing, CRITERIA_ROW, SELF_LOW)
    assert group_level(signing, ev, "อำนวยการ") is None  # both rows shown with a level, neither signed
    signed = {**SELF_LOW, "signed_by": "นางวันเพ็ญ รักษ์ถิ่น", "signed_on": "22/3/2570"}
    ev, _ = judged(signing, CRITERIA_ROW, signed)
    assert group_level(signing, ev, "อำนวยการ") == 2


def test_the_sar_says_why_an_owner_is_missing(signing: Office) -> None:
    ev, _ = judged(signing, CRITERIA_ROW)
    missing = {(m.indicator, m.group): m.why for m in build_sar(signing, ev).assessment.missing}
    assert missing[("ตัวบ่งชี้ที่ ๑.๑", "กลุ่มอำนวยการ")] == vocab.STATE_AWAITING_SIGNOFF
    assert missing[("ตัวบ่งชี้ที่ ๓.๑", "กลุ่มอำนวยการ")] == vocab.STATE_NOT_REPORTED
