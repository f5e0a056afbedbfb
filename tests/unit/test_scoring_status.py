"""The status cells of a scored row (core.status.row_status, Texts.scored): คะแนน is the level, on the one
1-5 scale that ระดับคุณภาพ and the Status tab use; what the level was reached by (criteria met of how many,
the percent of target, the group's own rating) is said in words in ระดับคุณภาพ, never as a second bare
number on another scale (issue 15, point 6).

The example office (fiscal year 2570): 1.1 criteria, 4 criteria, thresholds 4->5, 3->4, 2->3, 1->2 (admin);
2.4 target_percent, lower is better (admin); 3.1 self_rated (admin); 2.2 target_percent (finance).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sheetsync.core import vocab
from sheetsync.core.evaluate import RowOutcome, evaluate
from sheetsync.core.models import Office
from sheetsync.core.status import Texts, row_status
from sheetsync.store.config import load_office
from tests.unit.test_documents import tables

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2027, 4, 5)
ADMIN, FINANCE = "อำนวยการ", "การเงินและสินทรัพย์"
DONE = {"evidence": "หลักฐาน", "reported_on": "1/3/2570"}


@pytest.fixture(scope="module")
def office() -> Office:
    return load_office(REPO / "config")


def outcome_of(office: Office, tab: str, code: str, **typed: Any) -> RowOutcome:
    ev = evaluate(office, tables(office, {tab: {code: {**DONE, **typed}}}), TODAY)
    return next(o for o in ev.outcomes[tab] if o.row.code == code)


def cells(office: Office, tab: str, code: str, **typed: Any) -> tuple[Any, Any]:
    status = row_status(outcome_of(office, tab, code, **typed), Texts(office))
    return status["score"], status["level"]


@pytest.mark.parametrize(("met", "level", "text"), [
    ("1,2,3,4", 5, "๕ ดีเยี่ยม (ผ่าน ๔ จาก ๔ ประเด็น)"),
    ("1,2,4", 4, "๔ ดีมาก (ผ่าน ๓ จาก ๔ ประเด็น)"),
    ("2", 2, "๒ พอใช้ (ผ่าน ๑ จาก ๔ ประเด็น)"),
    ("ไม่ผ่าน", 1, "๑ ปรับปรุง (ผ่าน ๐ จาก ๔ ประเด็น)"),
])
def test_a_criteria_row_scores_its_level_and_says_how_many_criteria_it_met(office: Office, met: str, level: int,
                                                                            text: str) -> None:
    assert cells(office, ADMIN, "1.1", result="ทำแล้ว", criteria_met=met) == (level, text)


@pytest.mark.parametrize(("target", "result", "level", "text"), [
    ("๓ วัน", "2.5 วัน", 5, "๕ ดีเยี่ยม (ร้อยละ ๑๒๐ ของเป้าหมาย)"),  # lower is better: 3 / 2.5
    ("3", "3.5", 3, "๓ ดี (ร้อยละ ๘๕.๗๑ ของเป้าหมาย)"),
    ("3", "0", 5, "๕ ดีเยี่ยม (ดีกว่าเป้าหมาย)"),  # a result of 0 beats any target: no percent to show
])
def test_a_target_row_scores_its_level_and_says_its_percent_of_target(office: Office, target: str, result: str,
                                                                       level: int, text: str) -> None:
    assert cells(office, ADMIN, "2.4", target_value=target, result=result) == (level, text)


def test_a_higher_is_better_percent(office: Office) -> None:
    assert cells(office, FINANCE, "2.2", target_value="ร้อยละ 95", result="92.5%") == (4, "๔ ดีมาก (ร้อยละ ๙๗.๓๗ ของเป้าหมาย)")


def test_a_self_rated_row_says_so(office: Office) -> None:
    assert cells(office, ADMIN, "3.1", result="รางวัล", self_level="๔", justification="ระดับภาค") == \
        (4, "๔ ดีมาก (ประเมินตนเอง)")


def test_the_score_is_never_off_the_level_scale(office: Office) -> None:
    # the criteria count (3) and the percent (120) are no longer the score: the score is the level
    for tab, code, typed in [(ADMIN, "1.1", {"result": "x", "criteria_met": "1,2,4"}),
                             (ADMIN, "2.4", {"target_value": "3", "result": "2.5"}),
                             (FINANCE, "2.2", {"target_value": "1", "result": "1000"})]:
        o = outcome_of(office, tab, code, **typed)
        assert o.score is not None
        score = row_status(o, Texts(office))["score"]
        assert score == o.score.level and isinstance(score, int) and 1 <= score <= 5


def test_a_row_not_scored_has_empty_score_cells(office: Office) -> None:
    assert cells(office, ADMIN, "1.1", result="x", criteria_met="9") == (None, None)  # invalid
    ev = evaluate(office, tables(office, {}), TODAY)
    o = next(o for o in ev.outcomes[ADMIN] if o.row.code == "1.1")
    assert row_status(o, Texts(office))["state"] == vocab.STATE_NOT_REPORTED
    assert (row_status(o, Texts(office))["score"], row_status(o, Texts(office))["level"]) == (None, None)


def test_an_office_with_arabic_digits_gets_them_in_the_level_cell(office: Office) -> None:
    arabic = office.model_copy(update={"office": office.office.model_copy(update={"thai_digits": False})})
    assert cells(arabic, ADMIN, "1.1", result="x", criteria_met="1,2,4") == (4, "4 ดีมาก (ผ่าน 3 จาก 4 ประเด็น)")
    assert cells(arabic, ADMIN, "2.4", target_value="3", result="2.5") == (5, "5 ดีเยี่ยม (ร้อยละ 120 ของเป้าหมาย)")
