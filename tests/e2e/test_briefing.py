"""The briefing pack (step 3): the invitation memo and one assignment page per group, read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from sheetsync.cli.main import cli
from sheetsync.core.models import GSheetsBackend
from sheetsync.core.packs import build_assignments, scoring_rule
from sheetsync.store.config import load_office
from tests.support.cli import DEMO_DAY, REPO, invoke
from tests.support.pdf import assert_in_pdf, embedded_fonts, pdf_text, squash


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("briefing") / "demo"
    result = CliRunner().invoke(cli, ["demo", str(directory), "--today", DEMO_DAY])
    assert result.exit_code == 0, result.output
    return directory


def briefing(directory: Path, *args: str) -> dict[str, Path]:
    result = invoke(CliRunner(), directory, "report", "briefing", *args)
    assert result.exit_code == 0, result.output
    paths = [Path(line) for line in result.output.split() if line.startswith("/")]
    return {p.name.replace("briefing-2570-", ""): p for p in paths}


def test_invitation_with_date_time_place(demo: Path, tmp_path: Path) -> None:
    files = briefing(demo, "--date", "2026-10-20", "--time", "09:30", "--place", "ห้องประชุมศรีธรรมโศกราช",
                     "--out", str(tmp_path))
    assert sorted(files) == ["assignments.docx", "assignments.pdf", "invitation.docx", "invitation.pdf"]
    text = pdf_text(files["invitation.pdf"])
    assert_in_pdf(text, "บันทึกข้อความ", "ส่วนราชการ", "เรื่อง", "ขอเชิญประชุมชี้แจงแนวทางการดำเนินงาน", "เรียน",
                  "ในวันอังคารที่ ๒๐ ตุลาคม ๒๕๖๙ เวลา ๐๙.๓๐ น. ณ ห้องประชุมศรีธรรมโศกราช", "(นายสมชาย ใจดี)")
    fonts = embedded_fonts(files["invitation.pdf"])
    assert fonts and all("Sarabun" in base for base in fonts)
    paragraphs = [p.text.replace("\u00a0", " ") for p in Document(str(files["invitation.docx"])).paragraphs]
    assert any("ในวันอังคารที่ ๒๐ ตุลาคม ๒๕๖๙ เวลา ๐๙.๓๐ น. ณ ห้องประชุมศรีธรรมโศกราช" in p for p in paragraphs)


def test_invitation_without_options_has_dotted_blanks(demo: Path, tmp_path: Path) -> None:
    files = briefing(demo, "--format", "pdf", "--out", str(tmp_path))
    assert_in_pdf(pdf_text(files["invitation.pdf"]), "ในวันที่ ............................... เวลา ............. ณ ....")


def test_one_assignment_page_per_group(demo: Path, tmp_path: Path) -> None:
    office = load_office(demo)
    files = briefing(demo, "--out", str(tmp_path))
    pdf = files["assignments.pdf"]
    reader = PdfReader(pdf)
    assert len(reader.pages) == len(office.groups)
    policy = squash(reader.pages[[g.code for g in office.groups].index("policy")].extract_text())
    assert_in_pdf(policy, "กลุ่มนโยบายและแผน", "ตัวบ่งชี้ที่ ๑.๑ การบริหารจัดการที่ดี", "ตัวบ่งชี้ที่ ๑.๓",
                  "๑. ภาวะผู้นำของผู้บริหารในการนำองค์การไปสู่เป้าหมาย", "เกณฑ์การให้คะแนน: ผ่าน ๔ ประเด็นขึ้นไป = ระดับ ๕",
                  "ผลการดำเนินงาน *", "ประเด็นที่ผ่าน *", "หลักฐานอ้างอิง *",
                  "รายงานผลการดำเนินงานรอบ ๖ เดือน: ๑ มีนาคม ๒๕๗๐ ถึง ๓๑ มีนาคม ๒๕๗๐",
                  # not this machine's path (no group's PC opens it): the file's name and whom to ask
                  "แท็บ “นโยบายและแผน” ในไฟล์ office.xlsx ที่ใช้ร่วมกันในสำนักงาน (สอบถามที่อยู่ของไฟล์ได้ที่")
    assert squash(str(demo.resolve())) not in policy
    assert squash("ตัวบ่งชี้ที่ ๒.๒") not in policy
    doc = Document(str(files["assignments.docx"]))
    texts = [p.text.replace("\u00a0", " ") for p in doc.paragraphs]
    assert "ตัวบ่งชี้ที่ ๑.๑ การบริหารจัดการที่ดี" in texts
    assert sum(t == "กลุ่ม/หน่วย: กลุ่มนโยบายและแผน" for t in texts) == 1
    breaks = doc.element.body.xml.count("<w:pageBreakBefore/>")  # each group's title starts a page
    assert breaks == len(office.groups) - 1


def test_assignment_links_and_rules() -> None:
    office = load_office(REPO / "config")
    google = office.model_copy(update={"backend": GSheetsBackend(kind="gsheets", spreadsheet="1AbCxyz")})
    sheets = build_assignments(google, {g.code: f"https://docs.google.com/spreadsheets/d/{g.spreadsheet or '1AbCxyz'}/edit"
                                        for g in google.groups})
    assert sheets[0].where == f"แท็บ “{office.groups[0].tab}” ใน https://docs.google.com/spreadsheets/d/1AbCxyz/edit"
    rules = {i.method: scoring_rule(i) for i in office.indicators()}
    assert rules["target_percent"].startswith("ร้อยละของผลการดำเนินงานเทียบกับค่าเป้าหมาย: ร้อยละ ๑๐๐ ขึ้นไป = ระดับ ๕")
    assert "ประเมินระดับคุณภาพ ๑-๕ ด้วยตนเอง" in rules["self_rated"]


def test_briefing_options_are_for_briefing_only(demo: Path) -> None:
    result = invoke(CliRunner(), demo, "report", "brief", "--date", "2026-10-20")
    assert result.exit_code == 2 and "briefing" in result.output and "Traceback" not in result.output
