"""Issue 19, points 1 and 6, as the pure content models say it: the example standards' notes kept out of
every text, a working group's role names, the invitation's date and number, who signs an e-MES page,
where a group types, and the package's table cells. Files rendered from the demo office: tests/e2e."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import yaml
from pydantic import ValidationError

from sheetsync.app.demo import GROUP_ENTRIES, OUTPUTS
from sheetsync.core import docvocab as v
from sheetsync.core import thaifmt, vocab
from sheetsync.core.contents import build_order
from sheetsync.core.evaluate import Evaluation, evaluate
from sheetsync.core.models import CommitteeFile, Documents, GSheetsBackend, Office
from sheetsync.core.packs import (
    Score,
    build_assignments,
    build_invitation,
    build_meeting,
    emes_signers,
    score_rows,
)
from sheetsync.documents.briefing import assignment_links
from sheetsync.documents.package import csv_bytes, xlsx_bytes
from sheetsync.store.config import load_office, standards_to_confirm, standards_warning
from tests.support.cli import REPO
from tests.unit.test_documents import DEMO_DAY, tables


@pytest.fixture(scope="module")
def office() -> Office:
    return load_office(REPO / "config")


@pytest.fixture(scope="module")
def demo_ev(office: Office) -> Evaluation:
    return evaluate(office, tables(office, GROUP_ENTRIES, OUTPUTS), DEMO_DAY)


def example_notes(office: Office) -> list[str]:
    return [*office.standards_assumptions, *(n for i in office.indicators() for n in i.assumptions)]


# --- point 1: the example standards' notes live in fields of their own --------------------------------

def test_titles_and_criteria_carry_no_note(office: Office) -> None:
    texts = [s.title for s in office.standards] + [t for i in office.indicators() for t in (i.title, *i.criteria)]
    assert not [t for t in texts if "assumed" in t.lower()]
    notes = example_notes(office)
    assert len(notes) >= 5  # the example says what it assumes ...
    assert not [t for t in texts for n in notes if n in t]  # ... where no document prints it
    assert office.standards_example and office.standards_source


def test_the_warning_names_what_to_confirm(office: Office) -> None:
    warning = standards_warning(office)
    assert warning is not None
    assert "example: true" in warning.lines[0] and "สพฐ." in warning.lines[0]
    assert warning.lines[1] == vocab.CFG_STD_ASSUMED.format(count=thaifmt.digits(len(warning.items)))
    assert "ตัวบ่งชี้ 1.3: ชื่อตัวบ่งชี้เป็นชื่อที่คาดไว้ ยังไม่พบในเอกสารต้นฉบับ" in warning.items
    assert warning.items == standards_to_confirm(office)
    assert any(item.startswith("ทั้งไฟล์: น้ำหนักของมาตรฐาน") for item in warning.items)


def test_confirmed_standards_warn_of_nothing(office: Office) -> None:
    confirmed = office.model_copy(update={
        "standards_example": False, "standards_assumptions": [],
        "standards": [s.model_copy(update={"indicators": [i.model_copy(update={"assumptions": []})
                                                          for i in s.indicators]}) for s in office.standards]})
    assert standards_warning(confirmed) is None
    only_example = confirmed.model_copy(update={"standards_example": True})
    warning = standards_warning(only_example)
    assert warning is not None and len(warning.lines) == 1 and warning.items == []


def test_standards_without_the_new_keys_load_as_before(tmp_path: Path) -> None:
    shutil.copytree(REPO / "config", tmp_path / "c")
    path = tmp_path / "c" / "standards.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("example", "source", "assumptions"):
        del data[key]
    for standard in data["standards"]:
        for ind in standard["indicators"]:
            ind.pop("assumptions", None)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = load_office(tmp_path / "c")
    assert standards_warning(loaded) is None and len(loaded.indicators()) == 9


# --- point 6: a working group's role names ------------------------------------------------------------

WORKING = ["ประธาน", "รองประธาน", *["คณะทำงาน"] * 9, "คณะทำงานและเลขานุการ", "คณะทำงานและผู้ช่วยเลขานุการ"]
STORED = ["ประธาน", "รองประธาน", *["กรรมการ"] * 9, "กรรมการและเลขานุการ", "ผู้ช่วยเลขานุการ"]


def test_the_example_committee_is_a_working_group(office: Office) -> None:
    committee = office.committee
    assert committee is not None and committee.kind == "คณะทำงาน" and committee.working_group
    assert [m.role for m in committee.members] == STORED  # stored as before: old configs load
    assert [m.role for m in build_order(office).members] == WORKING


def test_minutes_use_the_committees_role_names(office: Office, demo_ev: Evaluation) -> None:
    meeting = build_meeting(office, demo_ev)
    assert [a.role for a in meeting.attendees] == WORKING
    # the recorder and the checker are still found by their stored roles
    assert meeting.recorder == "(นางสาวพิมพ์ชนก ศรีสุข)" and meeting.checker == "(นางวันเพ็ญ รักษ์ถิ่น)"


def test_a_board_keeps_its_role_names(office: Office, demo_ev: Evaluation) -> None:
    assert office.committee is not None
    board = office.model_copy(update={"committee": office.committee.model_copy(update={"kind": "คณะกรรมการ"})})
    assert [m.role for m in build_order(board).members] == STORED
    assert [a.role for a in build_meeting(board, demo_ev).attendees] == STORED


@pytest.mark.parametrize(("title", "working"), [("คณะทำงานติดตามมาตรฐาน", True), ("คณะกรรมการติดตามมาตรฐาน", False)])
def test_without_kind_the_title_says(title: str, working: bool) -> None:
    committee = CommitteeFile.model_validate({"title": title, "members": [{"name": "ก", "role": "กรรมการ"}]})
    assert committee.kind is None and committee.working_group is working
    assert committee.role_name("กรรมการ") == ("คณะทำงาน" if working else "กรรมการ")
    assert committee.role_name("ประธาน") == "ประธาน"


def test_an_unknown_kind_is_refused_in_thai() -> None:
    with pytest.raises(ValidationError) as caught:
        CommitteeFile.model_validate({"kind": "ทีมงาน", "members": [{"name": "ก", "role": "ประธาน"}]})
    assert "คณะกรรมการ" in str(caught.value) and "ทีมงาน" in str(caught.value)


# --- point 6: the invitation --------------------------------------------------------------------------

def test_weekday_date_form() -> None:
    assert thaifmt.be_date(date(2027, 4, 5), "weekday") == "วันจันทร์ที่ ๕ เมษายน ๒๕๗๐"
    assert thaifmt.be_date(date(2026, 10, 25), "weekday") == "วันอาทิตย์ที่ ๒๕ ตุลาคม ๒๕๖๙"


def test_invitation_is_dated_the_day_made_with_number_and_weekday(office: Office) -> None:
    memo = build_invitation(office, date(2026, 10, 16), date(2026, 10, 20), "09:30", "ห้องประชุม")
    assert memo.issued_on == date(2026, 10, 16)
    assert memo.number == "ศธ ๐๔๐๔๑/........"
    assert "ในวันอังคารที่ ๒๐ ตุลาคม ๒๕๖๙ เวลา ๐๙.๓๐ น. ณ ห้องประชุม" in memo.paragraphs[1]
    blank = build_invitation(office, date(2026, 10, 16))
    assert f"ในวันที่ {v.BRF_BLANK_DATE} เวลา {v.BRF_BLANK_TIME} ณ {v.BRF_BLANK_PLACE}" in blank.paragraphs[1]


def test_invitation_number_from_doc_prefix_without_memo_prefix(office: Office) -> None:
    bare = office.model_copy(update={"documents": Documents()})
    assert build_invitation(bare, date(2026, 10, 16)).number == "ศธ ๐๔๐๔๑/........"


# --- point 6: who signs an e-MES page -----------------------------------------------------------------

def test_emes_signers(office: Office) -> None:
    admin = office.group("admin")
    assert admin is not None
    head = ("ผู้รายงาน", "นางวันเพ็ญ รักษ์ถิ่น", "ผู้อำนวยการกลุ่มอำนวยการ")
    assert [(s.role, s.name, s.position) for s in emes_signers(admin, "")] == [head]
    assert [(s.role, s.name, s.position) for s in emes_signers(admin, " นางวันเพ็ญ  รักษ์ถิ่น ")] == [head]
    assert [(s.role, s.name, s.position) for s in emes_signers(admin, "นายสมชาย ใจดี")] == [
        ("ผู้รายงาน", "นายสมชาย ใจดี", "กลุ่มอำนวยการ"), ("ผู้รับรองข้อมูล", *head[1:])]


# --- point 6: where a group types -----------------------------------------------------------------------

def test_workbook_without_share_path_says_whom_to_ask(office: Office) -> None:
    sheets = build_assignments(office, assignment_links(office))
    where = sheets[0].where
    assert where.startswith("แท็บ “อำนวยการ” ในไฟล์ office.xlsx ที่ใช้ร่วมกันในสำนักงาน")
    assert "นางสาวพิมพ์ชนก ศรีสุข" in where and "/" not in where.split("office.xlsx")[0]
    assert sheets[0].link == ""


def test_workbook_share_path_is_printed(office: Office) -> None:
    share = office.model_copy(update={"documents": office.documents.model_copy(
        update={"share_path": "\\\\nst1-server\\standards\\office.xlsx"})})
    sheets = build_assignments(share, assignment_links(share))
    assert sheets[1].where == "แท็บ “นโยบายและแผน” ในไฟล์ \\\\nst1-server\\standards\\office.xlsx"
    assert sheets[1].link == ""  # not a web address: no link in the PDF
    web = share.model_copy(update={"documents": share.documents.model_copy(
        update={"share_path": "https://drive.example/office.xlsx"})})
    assert build_assignments(web, assignment_links(web))[1].link == "https://drive.example/office.xlsx"


def test_google_tab_link_has_the_gid_when_known(office: Office) -> None:
    google = office.model_copy(update={"backend": GSheetsBackend(kind="gsheets", spreadsheet="1AbC")})
    links = assignment_links(google, {"อำนวยการ": 123})
    assert links["admin"] == "https://docs.google.com/spreadsheets/d/1AbC/edit#gid=123"
    assert links["policy"] == "https://docs.google.com/spreadsheets/d/1AbC/edit"
    sheets = build_assignments(google, links)
    assert sheets[0].where == "แท็บ “อำนวยการ” ใน https://docs.google.com/spreadsheets/d/1AbC/edit#gid=123"
    assert sheets[0].link == links["admin"]


# --- point 6: the package's tables ----------------------------------------------------------------------

def test_scores_are_numbers_and_codes_text(office: Office, demo_ev: Evaluation) -> None:
    rows = score_rows(office, demo_ev)
    scored = [r for r in rows if r[4] != ""]
    assert scored and all(isinstance(r[4], Score) for r in scored)
    assert all(isinstance(r[1], str) for r in rows)
    assert str(Score(4.3)) == "4.30"  # the CSV keeps two decimals


def test_xlsx_numbers_widths_and_formula_text() -> None:
    rows = [["ตัวบ่งชี้", "1.10", "=HYPERLINK(\"http://evil.example\")", Score(4.3), 7],
            ["สำนักงาน", "", "+SUM(A1)", "", ""]]
    data = xlsx_bytes([("คะแนน", ("ประเภท", "รหัส", "ชื่อ", "คะแนน", "จำนวน"), rows)])
    ws = openpyxl.load_workbook(io.BytesIO(data))["คะแนน"]
    score, count = ws["D2"], ws["E2"]
    assert score.value == 4.3 and score.data_type == "n" and score.number_format == "0.00"
    assert count.value == 7 and count.data_type == "n"
    assert ws["B2"].value == "1.10" and ws["B2"].data_type == "s"  # a code stays text
    for ref in ("C2", "C3"):
        assert ws[ref].data_type == "s" and ws[ref].quotePrefix, ref
    assert ws["C2"].value.startswith("=HYPERLINK")
    widths = {c: ws.column_dimensions[c].width for c in "ABCDE"}
    assert widths["C"] > widths["B"] >= 6 and all(w <= 60 for w in widths.values())
    csv_text = csv_bytes(("คะแนน",), [[Score(4.3)]]).decode("utf-8-sig")
    assert csv_text.splitlines()[1] == "4.30"


def test_no_sync_jargon_in_document_words() -> None:
    # The document vocabulary speaks plain Thai; "ซิงก์" is the command's word (CLI warnings only).
    cli_only = {"PKG_ROUND_NOT_CLOSED"}
    words = {k: x for k, x in vars(v).items() if k.isupper() and k not in cli_only}
    assert not [k for k, x in words.items() if "ซิงก์" in str(x)]
