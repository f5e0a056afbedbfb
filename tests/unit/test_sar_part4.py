"""The SAR's part 4 is written from the results (issue 19, point 4): strengths from the top two bands and
the successful outputs with their evidence, areas to improve from the lower levels and the gaps to the
target, guidelines from the criteria not met and the groups' own justifications; no data problem ever
shown; a draft (ฉบับร่าง on every page, what is missing listed) while coverage is under 100 %; the figures
of the last closed round when there is one."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from sheetsync.app.demo_data import GROUP_ENTRIES, OUTPUTS
from sheetsync.core import docvocab as v
from sheetsync.core.cells import RawTable
from sheetsync.core.columns import INDICATOR_COLUMNS, OUTPUT_COLUMNS
from sheetsync.core.contents import EvidenceLink, SarData, SarPoint, build_sar
from sheetsync.core.deadlines import Schedule
from sheetsync.core.evaluate import Evaluation, evaluate
from sheetsync.core.models import Office
from sheetsync.core.roundclose import FrozenRound, freeze
from sheetsync.documents.sar import last_closed_round, render_sar
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from tests.support.cli import REPO
from tests.support.pdf import squash

DEMO_DAY = date(2027, 4, 5)
FINANCE = "กลุ่มบริหารงานการเงินและสินทรัพย์"
ICT = "กลุ่มส่งเสริมการศึกษาทางไกล เทคโนโลยีสารสนเทศและการสื่อสาร"


@pytest.fixture(scope="module")
def office() -> Office:
    return load_office(REPO / "config")


def tables(office: Office, typed: dict[str, dict[str, dict[str, Any]]],
           outputs: list[dict[str, Any]] | None = None) -> dict[str, RawTable]:
    """Tabs as `sheetsync setup` lays them out (by tab name), with what the groups typed."""
    header = [c.label for c in INDICATOR_COLUMNS]
    out = {}
    for g in office.groups:
        rows: list[list[Any]] = [header]
        for ind in office.group_indicators(g.code):
            cells = {"code": ind.code, "title": ind.title, **typed.get(g.tab, {}).get(ind.code, {})}
            rows.append([cells.get(c.key) for c in INDICATOR_COLUMNS])
        out[g.tab] = RawTable(tab=g.tab, values=rows)
    if outputs is not None:
        out[office.outputs_tab] = RawTable(tab=office.outputs_tab, values=[[c.label for c in OUTPUT_COLUMNS]] + [
            [o.get(c.key) for c in OUTPUT_COLUMNS] for o in outputs])
    return out


def complete(office: Office) -> dict[str, dict[str, dict[str, Any]]]:
    """Every owner of every indicator reported validly, all at ดีมาก or above."""
    typed: dict[str, dict[str, dict[str, Any]]] = {}
    for g in office.groups:
        for ind in office.group_indicators(g.code):
            row: dict[str, Any] = {"target": "เป้าหมาย", "result": "ดำเนินการแล้ว", "evidence": f"หลักฐาน {ind.code}",
                                   "reported_on": "1/3/2570"}
            if ind.method == "criteria":
                row["criteria_met"] = "ผ่านทุกข้อ"
            elif ind.method == "target_percent":
                row.update(target_value=3 if ind.direction == "lower" else 90, result=3 if ind.direction == "lower" else 95)
            else:
                row.update(self_level=4, justification="ผลตามแผน")
            typed.setdefault(g.tab, {})[ind.code] = row
    return typed


@pytest.fixture(scope="module")
def demo_ev(office: Office) -> Evaluation:
    return evaluate(office, tables(office, GROUP_ENTRIES, OUTPUTS), DEMO_DAY)


@pytest.fixture(scope="module")
def demo_sar(office: Office, demo_ev: Evaluation) -> SarData:
    return build_sar(office, demo_ev)


@pytest.fixture(scope="module")
def full_sar(office: Office) -> SarData:
    return build_sar(office, evaluate(office, tables(office, complete(office), OUTPUTS), DEMO_DAY))


def point(points: list[SarPoint], start: str) -> SarPoint:
    (found,) = [p for p in points if p.text.startswith(start)]
    return found


def everything(sar: SarData) -> str:
    a = sar.assessment
    return " ".join([*a.summary, *(p.text + " " + " ".join(p.lines) for p in a.strengths + a.improvements),
                     *a.guidelines])


# --- strengths ---------------------------------------------------------------------------------

def test_strengths_are_the_top_two_bands_each_with_a_sentence_and_its_evidence(office: Office, demo_sar: SarData) -> None:
    strengths = demo_sar.assessment.strengths
    indicators = [p for p in strengths if p.text.startswith(v.INDICATOR)]
    scores = {i.code: i.score for s in demo_sar.standards for i in s.indicators}
    assert {p.text.split()[1] for p in indicators} == {"๑.๑", "๑.๒", "๑.๓", "๒.๒", "๒.๓", "๒.๔", "๓.๑"}
    assert all(score is None or score < 3.5 for code, score in scores.items() if code in ("2.1", "3.2"))
    finance = point(strengths, "ตัวบ่งชี้ที่ ๒.๒")
    assert finance.text == "ตัวบ่งชี้ที่ ๒.๒ การบริหารงานด้านงบประมาณ ผลการประเมินระดับดีมาก (คะแนน ๔.๐๐)"
    assert finance.lines == [f"{FINANCE}: ผลการดำเนินงานร้อยละ ๙๒.๕ จากเป้าหมายร้อยละ ๙๕ (ร้อยละ ๙๗.๓๗ ของเป้าหมาย) "
                             "อยู่ในระดับ ๔ ดีมาก"]
    assert finance.evidence == [EvidenceLink(text="รายงานผลการเบิกจ่าย GFMIS")]
    # a result typed as a number is a sentence, never the raw cell ("กลุ่มอำนวยการ: 2.5")
    assert point(strengths, "ตัวบ่งชี้ที่ ๒.๔").lines == ["กลุ่มอำนวยการ: ผลการดำเนินงาน ๒.๕ วัน ไม่เกินเป้าหมาย ๓ วัน "
                                                         "อยู่ในระดับ ๕ ดีเยี่ยม"]
    assert "2.5" not in everything(demo_sar)
    admin = point(strengths, "ตัวบ่งชี้ที่ ๑.๑")
    assert admin.lines[0] == "กลุ่มอำนวยการ: ผ่านประเด็นการพิจารณา ๓ จาก ๔ ประเด็น (ประเด็นที่ ๑, ๒ และ ๔) อยู่ในระดับ ๔ ดีมาก"
    # the evidence line by line, each criterion's before it (issue 17)
    assert admin.evidence[0] == EvidenceLink(text="ประเด็นที่ ๑: https://drive.example/nst1/1.1-plan",
                                             url="https://drive.example/nst1/1.1-plan")
    assert [e.text.split(":")[0] for e in admin.evidence][:3] == ["ประเด็นที่ ๑", "ประเด็นที่ ๒", "ประเด็นที่ ๔"]
    self_rated = point(strengths, "ตัวบ่งชี้ที่ ๓.๑")
    assert self_rated.lines == ["กลุ่มอำนวยการ: ประเมินตนเองระดับ ๕ ดีเยี่ยม (คัดเลือกผลงานเด่น ๕ ผลงาน) "
                                "เหตุผลประกอบ: ทุกผลงานผ่านการคัดกรองของคณะทำงาน"]
    # an owner still missing: the level is said to be provisional, from how many of the owners
    assert point(strengths, "ตัวบ่งชี้ที่ ๑.๓").text.endswith("เป็นผลเบื้องต้นจาก ๑ ใน ๒ กลุ่มที่รับผิดชอบ")


def test_successful_outputs_are_strengths_with_their_evidence(demo_sar: SarData) -> None:
    outputs = [p for p in demo_sar.assessment.strengths if p.text.startswith("ผลงานที่ประสบผลสำเร็จ")]
    assert [p.text for p in outputs] == [
        "ผลงานที่ประสบผลสำเร็จ “ระบบนิเทศออนไลน์ NST1 Coaching” ของกลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา: "
        "นิเทศ ติดตามสถานศึกษาผ่านระบบออนไลน์ครบทุกโรงเรียน (ตัวบ่งชี้ที่ ๒.๑, ๓.๑)",
        "ผลงานที่ประสบผลสำเร็จ “เบิกจ่ายงบประมาณทันเวลา” ของกลุ่มบริหารงานการเงินและสินทรัพย์: "
        "ใช้แดชบอร์ดติดตามการเบิกจ่ายรายสัปดาห์ (ตัวบ่งชี้ที่ ๒.๒)"]  # the row with an unknown group is not one
    assert outputs[0].evidence == [EvidenceLink(text="https://drive.example/nst1/coaching",
                                                url="https://drive.example/nst1/coaching")]
    assert outputs[1].evidence[0].url is None  # a formula-looking cell is text


# --- areas to improve and guidelines ------------------------------------------------------------

def test_areas_to_improve_are_the_low_levels_and_the_gaps_to_the_target(demo_sar: SarData) -> None:
    improvements = demo_sar.assessment.improvements
    assert [p.text.split()[1] for p in improvements] == ["๒.๑", "๒.๒"]
    assert point(improvements, "ตัวบ่งชี้ที่ ๒.๑").lines == [
        f"{ICT}: ผ่านประเด็นการพิจารณา ๓ จาก ๖ ประเด็น (ประเด็นที่ ๓, ๔ และ ๖) อยู่ในระดับ ๒ พอใช้"]
    assert point(improvements, "ตัวบ่งชี้ที่ ๒.๒").lines == [
        f"{FINANCE}: ผลการดำเนินงานร้อยละ ๙๒.๕ ต่ำกว่าเป้าหมายร้อยละ ๙๕ อยู่ ๒.๕ (ระดับ ๔ ดีมาก)"]


def test_guidelines_come_from_the_criteria_not_met(office: Office, demo_sar: SarData) -> None:
    criteria = office.indicator("2.1").criteria
    guideline, target = demo_sar.assessment.guidelines
    assert guideline == (f"ตัวบ่งชี้ที่ ๒.๑ {ICT} ดำเนินการให้ครอบคลุมประเด็นการพิจารณาที่ยังไม่ผ่าน ได้แก่ "
                         f"ประเด็นที่ ๑ {criteria[0]}, ประเด็นที่ ๒ {criteria[1]} และ ประเด็นที่ ๕ {criteria[4]}")
    assert target == f"ตัวบ่งชี้ที่ ๒.๒ {FINANCE} เร่งรัดการดำเนินงานให้ผลการดำเนินงานถึงค่าเป้าหมาย (ร้อยละ ๙๕)"


def test_guidelines_carry_the_groups_own_justification(office: Office) -> None:
    typed = complete(office)
    typed["พัฒนาครูและบุคลากร"]["1.2"].update(self_level=2, justification="ขาดงบประมาณจัดอบรม")
    sar = build_sar(office, evaluate(office, tables(office, typed), DEMO_DAY))
    (improvement,) = sar.assessment.improvements
    assert improvement.text == "ตัวบ่งชี้ที่ ๑.๒ การพัฒนาสู่องค์การแห่งการเรียนรู้ ผลการประเมินระดับพอใช้ (คะแนน ๒.๐๐)"
    assert sar.assessment.guidelines == [
        "ตัวบ่งชี้ที่ ๑.๒ กลุ่มพัฒนาครูและบุคลากรทางการศึกษา ทบทวนกระบวนการดำเนินงานและกำหนดแนวทางยกระดับผลการ"
        "ดำเนินงานให้ถึงระดับดีมาก (เหตุผลประกอบของกลุ่ม: ขาดงบประมาณจัดอบรม)"]


# --- no data problem in the SAR; coverage; the draft ------------------------------------------------

def test_a_row_without_a_valid_report_is_no_result_and_listed_as_missing(demo_sar: SarData) -> None:
    rows = {(i.code, r.group): r for s in demo_sar.standards for i in s.indicators for r in i.rows}
    for key in [("1.3", "กลุ่มนโยบายและแผน"), ("2.4", "หน่วยตรวจสอบภายใน"), ("2.1", "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา")]:
        row = rows[key]  # an invalid row, a row with a 2-digit year, a row not reported: the same to OBEC
        assert (row.state, row.result, row.measure, row.evidence, row.level) == ("not_reported", v.SAR_NO_SCORE, "", "", None)
    assert [(m.indicator, m.group) for m in demo_sar.assessment.missing] == [
        ("ตัวบ่งชี้ที่ ๑.๓", "กลุ่มนโยบายและแผน"), ("ตัวบ่งชี้ที่ ๒.๑", "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา"),
        ("ตัวบ่งชี้ที่ ๒.๓", "กลุ่มพัฒนาครูและบุคลากรทางการศึกษา"), ("ตัวบ่งชี้ที่ ๒.๔", "หน่วยตรวจสอบภายใน"),
        ("ตัวบ่งชี้ที่ ๓.๒", "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา"), ("ตัวบ่งชี้ที่ ๓.๒", "กลุ่มส่งเสริมการจัดการศึกษา")]
    text = everything(demo_sar)
    for problem in ("แก้ไขข้อมูล", "ไม่ถูกต้อง", "ยังไม่ได้รายงาน", v.SAR_ROW_INVALID):
        assert problem not in text, problem


def test_the_overall_level_is_named_only_with_full_coverage(demo_sar: SarData, full_sar: SarData) -> None:
    summary = demo_sar.assessment.summary
    assert "ยังสรุประดับภาพรวมไม่ได้: รายงานแล้ว ๔ จาก ๙ ตัวบ่งชี้" in summary[0]
    assert "ดีมาก" not in summary[0] and "ดีเยี่ยม" not in " ".join(summary)  # no level from part of the office
    assert summary[3] == ("มาตรฐานที่ ๓ สัมฤทธิผลการบริหารและการจัดการศึกษา ยังสรุประดับไม่ได้: รายงานแล้ว ๑ จาก ๒ "
                          "ตัวบ่งชี้ (คะแนนเฉลี่ยเบื้องต้น ๕.๐๐)")
    assert (demo_sar.label, demo_sar.draft) == (v.SAR_LEVEL_PENDING, True)
    assert {s.label for s in demo_sar.standards} == {v.SAR_LEVEL_PENDING}
    full = full_sar.assessment
    assert not full_sar.draft and full.missing == [] and full_sar.reported == full_sar.total == 9
    assert full.summary[0].endswith(f"ภาพรวมอยู่ในระดับ{full_sar.label} (คะแนนเฉลี่ย ๔.๗๕ จากคะแนนเต็ม ๕) "
                                    "จากการรายงานครบทั้ง ๙ ตัวบ่งชี้")
    assert full_sar.label == "ดีเยี่ยม" and full.improvements == [] and full.guidelines == []


def test_no_broken_sentence_anywhere(office: Office) -> None:
    nothing = build_sar(office, evaluate(office, tables(office, {}), DEMO_DAY))
    text = everything(nothing)
    assert "ระดับยังไม่มีผลการประเมิน" not in text and "(คะแนนเฉลี่ย -" not in text and "คะแนน -" not in text
    assert nothing.assessment.summary[1] == ("มาตรฐานที่ ๑ การบริหารจัดการองค์การสู่ความเป็นเลิศ ยังไม่มีผลการประเมิน: "
                                             "รายงานแล้ว ๐ จาก ๓ ตัวบ่งชี้")


def test_the_html_shows_no_row_as_an_error(office: Office, demo_ev: Evaluation, tmp_path: Path) -> None:
    (path,) = render_sar(office, demo_ev, REPO / "config", tmp_path, ("html",))
    html = path.read_text(encoding="utf-8")
    assert 'class="state-invalid"' not in html and 'class="state-not_reported"' not in html  # not red
    assert 'class="pending"' in html
    for broken in ("ระดับยังไม่มีผลการประเมิน", "(คะแนนเฉลี่ย -", v.SAR_ROW_INVALID, "แก้ไขข้อมูลในตาราง"):
        assert broken not in html, broken
    assert v.SAR_MISSING in html and v.SAR_DRAFT_NOTE.split(":")[0] in html
    assert "@top-right" in html  # the draft's mark on every page of the PDF


def test_every_page_says_draft_while_coverage_is_under_100(office: Office, demo_ev: Evaluation, tmp_path: Path) -> None:
    (draft,) = render_sar(office, demo_ev, REPO / "config", tmp_path / "draft", ("pdf",))
    pages = [squash(p.extract_text()) for p in PdfReader(draft).pages]
    assert len(pages) > 10 and all(squash(v.SAR_DRAFT) in p for p in pages)
    final = evaluate(office, tables(office, complete(office), OUTPUTS), DEMO_DAY)
    (done,) = render_sar(office, final, REPO / "config", tmp_path / "final", ("pdf",))
    assert not any(squash(v.SAR_DRAFT) in squash(p.extract_text()) for p in PdfReader(done).pages)


# --- the last closed round ---------------------------------------------------------------------------

def frozen_round6(office: Office, ev: Evaluation) -> FrozenRound:
    closed_on = date(2027, 4, 21)
    return freeze(office, ev, Schedule.of(office, closed_on), office.milestone("round6"), closed_on, "ระบบ",
                  datetime(2027, 4, 21, 2, 0))


def test_the_sar_speaks_of_the_last_closed_round(office: Office, demo_ev: Evaluation, tmp_path: Path) -> None:
    frozen = frozen_round6(office, demo_ev)
    typed = {**GROUP_ENTRIES, "ศึกษาทางไกลและไอซีที": {"2.1": {**GROUP_ENTRIES["ศึกษาทางไกลและไอซีที"]["2.1"],
                                                                "criteria_met": "ผ่านทุกข้อ"}}}
    later = evaluate(office, tables(office, typed, OUTPUTS), date(2027, 6, 1))  # edited after the close
    sar = build_sar(office, later, frozen=frozen)
    assert sar.basis == "ผลการดำเนินงานรอบ ๖ เดือน ตามที่บันทึกไว้เมื่อปิดรอบวันที่ ๒๑ เมษายน ๒๕๗๐"
    assert sar.as_of == date(2027, 4, 21)
    assert point(sar.assessment.improvements, "ตัวบ่งชี้ที่ ๒.๑").lines[0].startswith(f"{ICT}: ผ่านประเด็นการพิจารณา ๓ จาก ๖")
    live = build_sar(office, later)
    assert live.basis.startswith("ข้อมูล ณ วันที่ ๑ มิถุนายน ๒๕๗๐")
    assert not any(p.text.startswith("ตัวบ่งชี้ที่ ๒.๑") for p in live.assessment.improvements)

    # render_sar finds the round in history, as `sheetsync report sar` gives it the last evaluation only
    config = tmp_path / "office"
    config.mkdir()
    assert last_closed_round(office, config) is None  # no history yet
    with History(OfficeFolder(config).history) as history:
        history.close_round(frozen)
    found = last_closed_round(office, config)
    assert found is not None and (found.code, found.closed_on) == ("round6", date(2027, 4, 21))


def test_the_demo_sar_names_the_round_still_open(demo_sar: SarData) -> None:
    assert demo_sar.basis == "ข้อมูล ณ วันที่ ๕ เมษายน ๒๕๗๐ (รอบ ๖ เดือน ยังไม่ปิดรอบ)"


def test_last_years_comparison_names_no_level_this_year_before_full_coverage(office: Office, demo_ev: Evaluation) -> None:
    previous = evaluate(office, tables(office, complete(office), OUTPUTS), DEMO_DAY)
    comparison = build_sar(office, demo_ev, previous=previous).comparison
    assert comparison is not None
    overall = comparison.rows[0]
    assert (overall.previous, overall.current) == ("๔.๗๕ ดีเยี่ยม", f"๔.๓๒ {v.SAR_LEVEL_PENDING}")
