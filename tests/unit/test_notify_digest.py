"""The chat digest's text: a group's own items, cut to what LINE and Google Chat take."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sheetsync.app.notify import LINE_MAX_CHARS, chat_fits, digest_text, line_fits
from sheetsync.core.contents import MemoData, MemoGroup, MemoRow, Signer
from sheetsync.store.config import load_office

CONFIG = Path(__file__).resolve().parents[2] / "config"


def memo(rows: list[MemoRow]) -> tuple[MemoData, MemoGroup]:
    group = MemoGroup(code="policy", name="กลุ่มนโยบายและแผน", addressee="ผู้อำนวยการกลุ่มนโยบายและแผน", rows=rows,
                      milestones=["รายงานผลการดำเนินงานรอบ ๖ เดือน"])
    data = MemoData(key="k", number="ศธ ๐๔๐๔๑/๓", issued_on=date(2027, 4, 6), unit="u", subject="s", to="t",
                    paragraphs=[], groups=[group], closing=[], signer=Signer(name="n", position="p"))
    return data, group


def test_a_long_list_is_cut_to_what_each_chat_takes_and_says_how_many_are_left() -> None:
    office = load_office(CONFIG, cache="off")
    group = office.group("policy")
    assert group is not None
    rows = [MemoRow(what=f"ตัวบ่งชี้ที่ {i} รายงานผลการดำเนินงาน", todo=["กรอกผลการดำเนินงาน", "แนบหลักฐาน"],
                    due=date(2027, 4, 20)) for i in range(400)]
    data, memo_group = memo(rows)
    for fits in (line_fits, chat_fits):
        text = digest_text(office, data, memo_group, group, "/office/office.xlsx", fits)
        assert fits(text) and "ตัวบ่งชี้ที่ 0 " in text
        assert "รายการ (ดูบันทึกข้อความฉบับเต็ม)" in text and "กำหนดส่งใหม่: ภายในวันที่ ๒๐ เมษายน ๒๕๗๐" in text
    short = digest_text(office, data, memo_group, group, "/office/office.xlsx", chat_fits)
    assert len(short.encode("utf-8")) < len(digest_text(office, data, memo_group, group, "/o", line_fits).encode("utf-8"))


def test_a_head_too_long_for_any_item_is_cut_not_sent_over_the_limit() -> None:
    office = load_office(CONFIG, cache="off")
    group = office.group("policy")
    assert group is not None
    data, memo_group = memo([MemoRow(what="ตัวบ่งชี้ที่ ๑.๑", todo=[])])
    text = digest_text(office, data, memo_group, group, "/" + "ก" * (LINE_MAX_CHARS * 2), chat_fits)
    assert chat_fits(text) and text.endswith("…")
