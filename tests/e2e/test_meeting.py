"""The committee meeting pack (monitoring 1): agenda and minutes frame, PDF and DOCX read back."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from sheetsync.cli.main import cli
from tests.support.cli import DEMO_DAY, invoke, report
from tests.support.pdf import MEMBERS, assert_in_pdf, embedded_fonts, pdf_text, squash

ITEMS = ["ระเบียบวาระที่ ๑ เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", "ระเบียบวาระที่ ๒ เรื่องรับรองรายงานการประชุมครั้งที่แล้ว",
         "ระเบียบวาระที่ ๓ เรื่องสืบเนื่อง", "ระเบียบวาระที่ ๔ เรื่องเพื่อพิจารณา", "ระเบียบวาระที่ ๕ เรื่องอื่น ๆ (ถ้ามี)"]


def docx_paragraphs(path: Path) -> list[str]:
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return [t.replace("\u00a0", " ") for t in texts]


@pytest.fixture(scope="module")
def edited(office: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo office where กลุ่มนโยบายและแผน fixed indicator 1.3 (2 cells), synced again, then `report meeting`."""
    copy = tmp_path_factory.mktemp("meeting") / "o"
    shutil.copytree(office, copy)
    book = copy / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["นโยบายและแผน"]
    header = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, header["รหัสตัวบ่งชี้"]).value == "1.3")
    ws.cell(row, header["หลักฐานอ้างอิง"]).value = "1-2: รายงานการประชุมเครือข่าย"
    ws.cell(row, header["ผลการดำเนินงาน"]).value = "ประชุมเครือข่ายครบทุกอำเภอ ๑๓ อำเภอ"
    wb.save(book)
    assert invoke(CliRunner(), copy, "sync", "--today", DEMO_DAY).exit_code == 0
    paths = report(copy, "meeting", "--format", "pdf", "--format", "docx", "--format", "html")
    return {p.name.split("-2")[0] + p.suffix: p for p in paths}


def test_meeting_files(edited: dict[str, Path]) -> None:
    assert sorted(edited) == ["meeting-agenda.docx", "meeting-agenda.html", "meeting-agenda.pdf",
                              "meeting-minutes.docx", "meeting-minutes.html", "meeting-minutes.pdf"]


def test_agenda_pdf(edited: dict[str, Path]) -> None:
    text = pdf_text(edited["meeting-agenda.pdf"])
    assert_in_pdf(text, "ระเบียบวาระการประชุมคณะทำงานการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา", *ITEMS,
                  "ความก้าวหน้าการรายงานผลตั้งแต่การตรวจข้อมูลวันที่ ๕ เมษายน ๒๕๗๐",
                  "กลุ่มนโยบายและแผน ๒ ช่อง ๑ ตัวบ่งชี้ (๑.๓)", "กลุ่มอำนวยการ ๐ ช่อง",
                  "สถานะการรายงานผลรอบ ๖ เดือน ณ วันที่ ๕ เมษายน ๒๕๗๐", "มาตรฐานที่ ๑", "เรื่องที่ค้างดำเนินการ",
                  "ตัวบ่งชี้ที่ ๓.๒", "ยังไม่ได้กำหนดเป้าหมาย")
    assert squash("มติที่ประชุม") not in text
    fonts = embedded_fonts(edited["meeting-agenda.pdf"])
    assert fonts and all("Sarabun" in base for base in fonts)


def test_minutes_pdf(edited: dict[str, Path]) -> None:
    pdf = edited["meeting-minutes.pdf"]
    text = pdf_text(pdf)
    assert_in_pdf(text, "รายงานการประชุมคณะทำงาน", "ครั้งที่ ........../๒๕๗๐", "ผู้มาประชุม", "ผู้ไม่มาประชุม", *ITEMS,
                  *MEMBERS, "คณะทำงานและเลขานุการ", "คณะทำงานและผู้ช่วยเลขานุการ", "ผู้จดรายงานการประชุม", "ผู้ตรวจรายงานการประชุม",
                  "(นางสาวพิมพ์ชนก ศรีสุข)", "(นางวันเพ็ญ รักษ์ถิ่น)")
    assert text.count(squash("มติที่ประชุม")) == 5
    fonts = embedded_fonts(pdf)
    assert fonts and all("Sarabun" in base for base in fonts)


def test_meeting_docx(edited: dict[str, Path]) -> None:
    agenda = docx_paragraphs(edited["meeting-agenda.docx"])
    for item in ITEMS:
        assert item in agenda
    assert next(
        agenda[i:i + 3] for i, t in enumerate(agenda) if t == "กลุ่มนโยบายและแผน" and agenda[i + 1].endswith("ช่อง")) == ["กลุ่มนโยบายและแผน", "๒ ช่อง", "๑ ตัวบ่งชี้ (๑.๓)"]
    minutes = docx_paragraphs(edited["meeting-minutes.docx"])
    assert all(name in minutes for name in MEMBERS)
    assert minutes.count("มติที่ประชุม") == 5
    assert any("ผู้จดรายงานการประชุม" in t for t in minutes) and any("ผู้ตรวจรายงานการประชุม" in t for t in minutes)


def test_meeting_without_previous_run(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", str(tmp_path / "d"), "--today", DEMO_DAY])
    assert result.exit_code == 0, result.output
    paths = report(tmp_path / "d", "meeting", "--format", "pdf")
    agenda = next(p for p in paths if "agenda" in p.name)
    assert_in_pdf(pdf_text(agenda), "ยังไม่มีผลการตรวจข้อมูลครั้งก่อนให้เปรียบเทียบ", *ITEMS)
