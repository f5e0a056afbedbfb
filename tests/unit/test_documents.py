"""What the documents say, built from config and an evaluation: pure functions, no files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sheetsync.app.demo import GROUP_ENTRIES, OUTPUTS
from sheetsync.core import docvocab as v
from sheetsync.core import thaifmt
from sheetsync.core.cells import RawTable
from sheetsync.core.columns import INDICATOR_COLUMNS, OUTPUT_COLUMNS
from sheetsync.core.contents import (
    GREEN,
    MEMO_DETAIL_LIMIT,
    RED,
    MemoLine,
    active_milestones,
    addressee,
    build_memo,
    build_order,
    build_sar,
    evidence_url,
    memo_key,
    memo_lines,
    memo_number,
    memo_rows,
)
from sheetsync.core.evaluate import Evaluation, evaluate
from sheetsync.core.models import Office
from sheetsync.core.vocab import FIX_ERRORS, NO_TARGET_YET, NOT_REPORTED_FOR
from sheetsync.store.config import load_office
from tests.support.cli import REPO

NOT_REPORTED_ROUND6 = NOT_REPORTED_FOR.format(round="รอบ ๖ เดือน")

DEMO_DAY = date(2027, 4, 5)


@pytest.fixture(scope="module")
def office() -> Office:
    return load_office(REPO / "config")


def tables(office: Office, entries: dict[str, dict[str, dict[str, Any]]], outputs: list[dict[str, Any]] | None = None
           ) -> dict[str, RawTable]:
    """Tabs as `sheetsync setup` lays them out, with what the groups typed."""
    header = [c.label for c in INDICATOR_COLUMNS]
    out = {}
    for g in office.groups:
        rows: list[list[Any]] = [header]
        for ind in office.group_indicators(g.code):
            typed = entries.get(g.tab, {}).get(ind.code, {})
            rows.append([ind.code if c.key == "code" else ind.title if c.key == "title" else typed.get(c.key)
                         for c in INDICATOR_COLUMNS])
        out[g.tab] = RawTable(tab=g.tab, values=rows)
    if outputs is not None:
        out[office.outputs_tab] = RawTable(tab=office.outputs_tab, values=[[c.label for c in OUTPUT_COLUMNS]] + [
            [o.get(c.key) for c in OUTPUT_COLUMNS] for o in outputs])
    return out


@pytest.fixture(scope="module")
def demo_ev(office: Office) -> Evaluation:
    return evaluate(office, tables(office, GROUP_ENTRIES, OUTPUTS), DEMO_DAY)


# --- Thai formatting ------------------------------------------------------------------------------

def test_thai_filters() -> None:
    assert thaifmt.digits(2570) == "๒๕๗๐" and thaifmt.digits("1.1") == "๑.๑" and thaifmt.digits(None) == ""
    assert thaifmt.number(1250) == "๑,๒๕๐" and thaifmt.number(97.368) == "๙๗.๓๗" and thaifmt.number(None) == "-"
    assert thaifmt.score(4) == "๔.๐๐" and thaifmt.score(3.875) == "๓.๘๘"
    assert thaifmt.be_date(date(2026, 11, 24)) == "๒๔ พฤศจิกายน ๒๕๖๙"
    assert thaifmt.be_date("2026-11-24", "short") == "๒๔ พ.ย. ๒๕๖๙"
    assert thaifmt.be_date(date(2026, 11, 24), "official") == "๒๔ พฤศจิกายน พ.ศ. ๒๕๖๙"
    assert thaifmt.be_date(date(2026, 11, 24), "month") == "พฤศจิกายน ๒๕๖๙"
    assert thaifmt.be_date(None) == ""
    assert thaifmt.fiscal_year(2570) == "ปีงบประมาณ พ.ศ. ๒๕๗๐"
    assert thaifmt.fiscal_year(date(2026, 10, 1)) == "ปีงบประมาณ พ.ศ. ๒๕๗๐"  # FY named by the year it ends
    assert thaifmt.level_word(4) == "ดีมาก" and thaifmt.level_word(4, {4: "ดีมากเป็นพิเศษ"}) == "ดีมากเป็นพิเศษ"
    assert thaifmt.level(5) == "๕ (ดีเยี่ยม)" and thaifmt.percent(97.37) == "ร้อยละ ๙๗.๓๗"


def test_keep_words_together_escapes_and_marks_compounds() -> None:
    html = thaifmt.keep_words_together("<script>alert(1)</script> ตัวบ่งชี้ระดับดีเยี่ยม")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<span class="kw">ตัวบ่งชี้</span>' in html and '<span class="kw">ดีเยี่ยม</span>' in html
    assert thaifmt.keep_words_together("a & b") == "a &amp; b"
    assert thaifmt.keep_words_together("ที่ ๓๒๑/๒๕๖๙") == 'ที่\u00a0<span class="kw">๓๒๑/๒๕๖๙</span>'
    assert thaifmt.glue_numbers("เขต ๑ ที่ 321/2569 และ ๒") == "เขต\u00a0๑ ที่\u00a0321/2569 และ\u00a0๒"


@pytest.mark.parametrize(("text", "url"), [
    ("https://drive.example/nst1/1.1", "https://drive.example/nst1/1.1"),
    ("  http://x.example/a?b=1  ", "http://x.example/a?b=1"),
    ("javascript:alert(1)", None),
    ('=HYPERLINK("https://drive.example/nst1/budget")', None),
    ("https://x.example/a b", None),
    ("แผนปฏิบัติการประจำปี ๒๕๗๐", None),
])
def test_only_plain_web_addresses_become_links(text: str, url: str | None) -> None:
    assert evidence_url(text) == url


# --- the follow-up memo -----------------------------------------------------------------------------

def test_demo_day_memo_lists_every_group_behind(office: Office, demo_ev: Evaluation) -> None:
    lines = memo_lines(office, demo_ev)
    got = {(line.group, line.code, line.problem, line.milestone) for line in lines}
    assert ("supervision", "2.1", NOT_REPORTED_ROUND6, "round6") in got
    assert ("supervision", "3.2", NO_TARGET_YET, "targets") in got  # nothing typed: still no target
    assert ("teacher_dev", "2.3", NOT_REPORTED_ROUND6, "round6") in got
    assert ("policy", "1.3", FIX_ERRORS, "round6") in got  # reported without evidence: not met, must fix
    assert {line.group for line in lines} == {"policy", "promotion", "teacher_dev", "supervision", "audit"}
    policy = next(line for line in lines if line.code == "1.3")
    # the cell by its column and address, and what is missing
    assert policy.details == ["หลักฐานอ้างอิง (J3) ยังว่างอยู่ แถวนี้รายงานผลแล้ว กรุณากรอกช่องนี้ด้วย"]
    assert policy.ask == "แก้ไขข้อมูลผลรอบ ๖ เดือนให้ครบถ้วนและถูกต้อง"
    # groups in office order, indicators in code order
    assert [line.group for line in lines] == sorted((line.group for line in lines),
                                                    key=[g.code for g in office.groups].index)


def test_no_memo_before_the_reminder_window(office: Office) -> None:
    targets_only = {g.tab: {i.code: {"target": "ตั้งเป้าหมายแล้ว"} for i in office.group_indicators(g.code)}
                    for g in office.groups}
    # round6 opens 1 Mar, due Wed 31 Mar, reminders 14 working days before: from Thu 11 Mar; on 10 Mar
    # nothing is behind yet.
    quiet = evaluate(office, tables(office, targets_only), date(2027, 3, 10))
    assert [m.code for m in active_milestones(office.milestones, quiet)] == ["targets"]
    assert memo_lines(office, quiet) == []
    soon = evaluate(office, tables(office, targets_only), date(2027, 3, 20))
    lines = memo_lines(office, soon)
    assert lines and {line.state for line in lines} == {"due_soon"}
    memo = build_memo(office, soon, lines, date(2027, 3, 20))
    text = " ".join(memo.paragraphs + memo.closing)
    assert "รายงานผลการดำเนินงานรอบ ๖ เดือน จะครบกำหนดในวันที่ ๓๑ มีนาคม ๒๕๗๐ (อีก ๑๑ วัน)" in text
    assert "ภายในวันที่ ๓๑ มีนาคม ๒๕๗๐" in text
    assert memo.to == v.MEMO_TO_MANY  # every group: too many to name on the เรียน line


def test_sar_deadline_alone_never_calls_for_a_memo(office: Office) -> None:
    all_done = {g.tab: {i.code: {"target": "x"} for i in office.group_indicators(g.code)} for g in office.groups}
    ev = evaluate(office, tables(office, all_done), date(2027, 9, 10))  # SAR due 15 Sep: an office milestone
    assert "sar" not in {m.code for m in active_milestones(office.milestones, ev)}
    assert all(line.milestone != "sar" for line in memo_lines(office, ev))


def test_memo_identity_is_the_set_of_items(office: Office, demo_ev: Evaluation) -> None:
    lines = memo_lines(office, demo_ev)
    key = memo_key(lines)
    assert memo_key(list(reversed(lines))) == key
    changed_detail = [line.model_copy(update={"details": ["Z9: อื่น"]}) for line in lines]
    assert memo_key(changed_detail) == key  # what is listed, not how it is worded
    assert memo_key(lines[1:]) != key
    moved = [lines[0].model_copy(update={"milestone": "round12"}), *lines[1:]]
    assert memo_key(moved) != key


def test_memo_reads_like_the_official_form(office: Office, demo_ev: Evaluation) -> None:
    lines = memo_lines(office, demo_ev)
    memo = build_memo(office, demo_ev, lines, DEMO_DAY)
    assert memo.unit == "สพป.นศ.๑ กลุ่มอำนวยการ โทร. ๐ ๗๕๓๔ ๐๐๐๐"
    assert memo.subject == "ติดตามการรายงานผลการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา ปีงบประมาณ พ.ศ. ๒๕๗๐"
    intro, now = memo.paragraphs
    assert intro.startswith("ตามที่ สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครศรีธรรมราช เขต ๑ ได้แต่งตั้งคณะทำงาน")
    assert "ตามคำสั่งสพป.นศ.๑ ที่ ๓๒๑/๒๕๖๙ ลงวันที่ ๑๕ ตุลาคม ๒๕๖๙" in intro
    assert "ครบกำหนดเมื่อวันที่ ๓๑ มีนาคม ๒๕๗๐ (เลยกำหนดมาแล้ว ๕ วัน)" in now
    assert f"จำนวน {thaifmt.digits(sum(len(g.rows) for g in memo.groups))} รายการ ของ ๕ กลุ่ม" in now
    # overdue: asked for by the new deadline, 7 working days from Mon 5 Apr (7, 8, 9, 12, 16, 19, 20 Apr;
    # 6 Apr Chakri Day and 13-15 Songkran off), within round 6's grace (to 20 Apr): never "as soon as possible"
    assert memo.closing[-1] == v.MEMO_CLOSE and "ภายในวันที่ ๒๐ เมษายน ๒๕๗๐" in memo.closing[0]
    assert v.MEMO_ASK_SOON not in memo.closing[0]
    assert memo.signer.name == "นายสมชาย ใจดี"
    assert [g.code for g in memo.groups] == ["policy", "promotion", "teacher_dev", "supervision", "audit"]
    assert memo.number == ""  # numbered by history when issued
    assert memo_number(office, 12) == "ศธ ๐๔๐๔๑/๑๒"


def test_addressees(office: Office) -> None:
    assert addressee(office.group("policy")) == "ผู้อำนวยการกลุ่มนโยบายและแผน"
    assert addressee(office.group("audit")) == "หัวหน้าหน่วยตรวจสอบภายใน"


def test_long_lists_are_grouped_by_problem() -> None:
    lines = [MemoLine(group="g", code=f"1.{n}", title=f"t{n}", problem="ยังไม่ได้รายงานผล", state="overdue",
                      due=date(2027, 3, 31), row=n + 1) for n in range(1, MEMO_DETAIL_LIMIT + 3)]
    lines.append(MemoLine(group="g", code="2.1", title="x", problem="แก้ไขข้อผิดพลาด", state="invalid", row=30,
                          details=["ผล (F30) ผิด", "วันที่ (L30) ผิดด้วย"], columns=["ผล", "วันที่"]))
    rows = memo_rows(lines)
    assert len(rows) == 2
    assert rows[0].what == "ตัวบ่งชี้ที่ ๑.๑-๑.๑๗ (รวม ๑๗ ตัวบ่งชี้)"  # consecutive codes as a range
    assert rows[1].todo == ["แก้ไขข้อผิดพลาด", "ผล ๑ แถว (แถว ๓๐)", "วันที่ ๑ แถว (แถว ๓๐)"]
    assert len(memo_rows(lines[:3])) == 3  # a short list keeps one row per indicator, with titles


# --- the appointment order --------------------------------------------------------------------------

def test_order_from_the_committee_config(office: Office) -> None:
    order = build_order(office)
    assert order.title == "คำสั่งสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครศรีธรรมราช เขต ๑"
    assert order.number == "ที่ ๓๒๑/๒๕๖๙"
    assert order.subject == ("เรื่อง แต่งตั้งคณะทำงานการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา "
                             "ปีงบประมาณ พ.ศ. ๒๕๗๐")
    assert "อาศัยอำนาจตามความในมาตรา ๓๗ แห่งพระราชบัญญัติ" in order.paragraphs[1]
    assert len(order.members) == 13 and order.members[0].no == "๑." and order.members[12].no == "๑๓."
    assert (order.members[0].name, order.members[0].role) == ("นายสมชาย ใจดี", "ประธาน")
    assert order.members[2].indicators == "รับผิดชอบตัวบ่งชี้ที่ ๑.๑, ๑.๓"
    assert order.duties[0].startswith("๑. ศึกษาและทำความเข้าใจมาตรฐาน")
    assert order.given == "สั่ง ณ วันที่ ๑๕ ตุลาคม พ.ศ. ๒๕๖๙"
    assert order.signer.position.startswith("ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา")


def test_order_without_number_or_date_leaves_them_to_fill(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(REPO / "config", tmp_path / "c")
    committee = tmp_path / "c" / "committee.yaml"
    text = committee.read_text(encoding="utf-8")
    text = text.replace('order_number: "๓๒๑/๒๕๖๙"\n', "").replace("order_date: 2026-10-15\n", "")
    committee.write_text(text.replace("authority: มาตรา", "# authority: มาตรา"), encoding="utf-8")
    order = build_order(load_office(tmp_path / "c"))
    assert order.number == "ที่ ........../๒๕๖๙" and order.given == v.ORDER_GIVEN_BLANK
    assert order.paragraphs[1].startswith("จึงแต่งตั้ง")


# --- the SAR ------------------------------------------------------------------------------------------

def test_sar_results_per_indicator(office: Office, demo_ev: Evaluation) -> None:
    sar = build_sar(office, demo_ev)
    # 4 of 9 indicators have every owner's valid report: the overall level is not named yet
    assert (sar.score, sar.label, sar.reported, sar.total, sar.draft) == (4.32, v.SAR_LEVEL_PENDING, 4, 9, True)
    std2 = sar.standards[1]
    i22 = next(i for i in std2.indicators if i.code == "2.2")
    (row,) = i22.rows
    assert row.group == "กลุ่มบริหารงานการเงินและสินทรัพย์" and row.level == 4 and row.level_text == "ดีมาก"
    assert row.measure == "ได้ร้อยละ ๙๒.๕ จากเป้าหมายร้อยละ ๙๕ (ร้อยละ ๙๗.๓๗ ของเป้าหมาย)"
    i21 = next(i for i in std2.indicators if i.code == "2.1")
    assert [r.state for r in i21.rows] == ["reported", "not_reported", "reported"]  # promotion, supervision, ict
    assert i21.rows[0].measure == "ผ่าน ๕ จาก ๖ ประเด็น (ประเด็นที่ ๑, ๒, ๓, ๔, ๖)"
    i13 = sar.standards[0].indicators[2]
    assert [r.state for r in i13.rows] == ["not_reported", "reported"]  # a row to fix is no result, not a problem shown
    assert i13.rows[0].result == v.SAR_NO_SCORE and i13.rows[0].measure == "" and i13.rows[0].evidence == ""
    assert (i13.reported, i13.owners, i13.complete) == (1, 2, False)
    i11 = sar.standards[0].indicators[0]
    assert [(p.criterion, p.url) for p in i11.rows[0].pieces][:2] == [
        ("ประเด็นที่ ๑", "https://drive.example/nst1/1.1-plan"), ("ประเด็นที่ ๒", "https://drive.example/nst1/1.1-data")]
    # The outputs: only valid rows, in the office's order; a formula-looking cell is just text.
    assert [o.title for o in sar.outputs] == ["ระบบนิเทศออนไลน์ NST1 Coaching", "เบิกจ่ายงบประมาณทันเวลา"]
    assert sar.outputs[1].evidence.startswith("=HYPERLINK(") and sar.outputs[1].evidence_url is None
    assert any(e.what.startswith("ผลงาน: ระบบนิเทศ") for e in sar.evidence)
    assert sar.order.number == "ที่ ๓๒๑/๒๕๖๙"


def test_sar_part4_is_derived_from_scores_and_the_groups_text(office: Office, demo_ev: Evaluation) -> None:
    a = build_sar(office, demo_ev).assessment
    assert a.summary[0] == ("ผลการประเมินตนเองของสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครศรีธรรมราช เขต ๑ "
                            "ปีงบประมาณ พ.ศ. ๒๕๗๐ ยังสรุประดับภาพรวมไม่ได้: รายงานแล้ว ๔ จาก ๙ ตัวบ่งชี้ "
                            "(ดูรายการที่ยังขาดท้ายส่วนนี้)")
    assert len(a.summary) == 1 + 3
    strengths = " ".join(p.text + " " + " ".join(p.lines) for p in a.strengths)
    assert "ตัวบ่งชี้ที่ ๑.๑ การบริหารจัดการที่ดี ผลการประเมินระดับดีมาก (คะแนน ๔.๐๐)" in strengths
    assert "กลุ่มนโยบายและแผน: ผ่านประเด็นการพิจารณา ๓ จาก ๔ ประเด็น (ประเด็นที่ ๑, ๒ และ ๓)" in strengths
    assert not any(p.text.startswith("ตัวบ่งชี้ที่ ๒.๑") for p in a.strengths)  # 3.00 is ดี, below ดีมาก
    improvements = " ".join(p.text + " " + " ".join(p.lines) for p in a.improvements)
    assert "ตัวบ่งชี้ที่ ๒.๑ การบริหารงานด้านวิชาการ ผลการประเมินระดับดี (คะแนน ๓.๐๐)" in improvements
    assert ("กลุ่มส่งเสริมการศึกษาทางไกล เทคโนโลยีสารสนเทศและการสื่อสาร: ผ่านประเด็นการพิจารณา ๓ จาก ๖ ประเด็น "
            "(ประเด็นที่ ๓, ๔ และ ๖) อยู่ในระดับ ๒ พอใช้") in improvements
    assert "ยังไม่ได้รายงาน" not in improvements and "ไม่ถูกต้อง" not in improvements  # no data problem in the SAR
    guidelines = " ".join(a.guidelines)
    # ICT met criteria 3, 4 and 6: the guideline names the other three
    assert "ประเด็นที่ ๑ พัฒนาหลักสูตรและกระบวนการเรียนรู้" in guidelines
    assert "ประเด็นที่ ๕ ส่งเสริมการวิจัยเพื่อพัฒนาคุณภาพการศึกษา" in guidelines
    assert "ประเด็นที่ ๓" not in guidelines
    assert "แก้ไขข้อมูล" not in guidelines
    assert ("ตัวบ่งชี้ที่ ๒.๑", "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา") in {(m.indicator, m.group) for m in a.missing}


def test_sar_with_nothing_reported(office: Office) -> None:
    ev = evaluate(office, tables(office, {}), DEMO_DAY)
    sar = build_sar(office, ev)
    assert sar.score is None and sar.assessment.strengths == [] and sar.label == v.SAR_NO_SCORE
    assert sar.assessment.summary[0].endswith("ยังสรุประดับภาพรวมไม่ได้: รายงานแล้ว ๐ จาก ๙ ตัวบ่งชี้ "
                                              "(ดูรายการที่ยังขาดท้ายส่วนนี้)")
    assert sar.outputs == [] and sar.evidence == []
    assert all(b.value is None and b.fraction == 0 for b in sar.charts[0].bars)
    assert len(sar.assessment.missing) == sum(len(i.owners) for i in office.indicators())


def test_charts(office: Office, demo_ev: Evaluation) -> None:
    levels, progress = build_sar(office, demo_ev).charts
    assert [b.label for b in levels.bars] == ["มาตรฐานที่ ๑", "มาตรฐานที่ ๒", "มาตรฐานที่ ๓", "ภาพรวมสำนักงาน"]
    # standard 3 has 1 of 2 indicators reported: its bar shows the provisional mean, and its level is not
    # named yet, as the SAR's table beside it says
    assert levels.bars[2].fraction == 1.0 and levels.bars[2].text == "๕.๐๐ ยังไม่สรุป" and levels.bars[2].color == GREEN
    assert [t[1] for t in levels.ticks] == ["๐", "๑", "๒", "๓", "๔", "๕"]
    assert len(progress.bars) == len(office.groups)
    supervision = progress.bars[[g.code for g in office.groups].index("supervision")]
    assert supervision.fraction == 0 and supervision.color == RED and supervision.text == "๐% (๐/๒)"
