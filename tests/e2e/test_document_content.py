"""Issue 19, points 1 and 6, on the demo office's real files: every document kind, the workbook (its
Status tab too) and the OBEC package carry no note meant for the office itself and no "ซิงก์"; `check` and
`doctor` warn while the standards are the example's; the invitation, the e-MES pages and the assignment
pages say what an office's papers say."""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from sheetsync.cli.main import cli
from sheetsync.core import thaifmt, vocab
from sheetsync.core.deadlines import office_today
from sheetsync.store.config import load_office
from tests.support.cli import DEMO_DAY, invoke, report
from tests.support.pdf import docx_text, pdf_text, squash

KINDS = {"sar": ("html", "pdf"), "memo": ("html", "pdf", "docx"), "order": ("html", "pdf", "docx"),
         "brief": ("html", "pdf"), "meeting": ("html", "pdf", "docx"), "briefing": ("html", "pdf", "docx"),
         "package": ()}
AFTER_ROUND6 = "2027-04-21"  # the first day after round 6's grace: a sync closes it, so the package has e-MES files


def html_text(text: str) -> str:
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def xlsx_text(data: bytes) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)


def texts_of(path: Path, tmp: Path) -> dict[str, str]:
    """Every text a file holds, by name (a zip's members each on their own)."""
    if path.suffix == ".html":
        return {path.name: html_text(path.read_text(encoding="utf-8"))}
    if path.suffix == ".pdf":
        return {path.name: pdf_text(path)}
    if path.suffix == ".docx":
        return {path.name: docx_text(path)}
    assert path.suffix == ".zip", path
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data = z.read(name)
            if name.endswith((".pdf", ".docx")):
                member = tmp / name.replace("/", "_")
                member.write_bytes(data)
                out[name] = pdf_text(member) if name.endswith(".pdf") else docx_text(member)
            elif name.endswith(".xlsx"):
                out[name] = xlsx_text(data)
            else:
                out[name] = html_text(data.decode("utf-8-sig")) if name.endswith(".html") else data.decode("utf-8-sig")
    return out


@dataclass
class Rendered:
    directory: Path
    texts: dict[str, str]  # file (or zip member) -> its text
    package: dict[str, bytes]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    directory = tmp_path_factory.mktemp("content") / "demo"
    made = CliRunner().invoke(cli, ["demo", str(directory), "--today", DEMO_DAY])
    assert made.exit_code == 0, made.output
    synced = invoke(CliRunner(), directory, "sync", "--today", AFTER_ROUND6)
    assert synced.exit_code == 0, synced.output
    out = directory / "every-kind"
    texts: dict[str, str] = {}
    package: dict[str, bytes] = {}
    for kind, formats in KINDS.items():
        args = [a for fmt in formats for a in ("--format", fmt)]
        paths = report(directory, kind, *args, "--out", str(out))
        assert paths, kind
        for path in paths:
            texts.update(texts_of(path, out))
            if path.suffix == ".zip":
                with zipfile.ZipFile(path) as z:
                    package = {name: z.read(name) for name in z.namelist()}
    return Rendered(directory=directory, texts=texts, package=package)


def notes(directory: Path) -> list[str]:
    office = load_office(directory)
    found = [*office.standards_assumptions, office.standards_source,
             *(n for i in office.indicators() for n in i.assumptions)]
    assert len(found) > 5  # the example does say what it assumes
    return found


def test_every_document_kind_was_rendered(rendered: Rendered) -> None:
    names = set(rendered.texts)
    for kind in ("sar-2570", "memo-", "order-2570", "brief-", "meeting-agenda", "meeting-minutes",
                 "briefing-2570-invitation", "briefing-2570-assignments"):
        assert any(n.startswith(kind) for n in names), kind
    assert {"scores.csv", "scores.xlsx", "evidence.csv", "outputs.pdf", "sar-2570.html"} <= names
    assert any(n.startswith("e-MES/round6/") for n in names)  # round 6 closed: its e-MES files are in


def test_no_document_prints_a_note_for_the_office(rendered: Rendered) -> None:
    found = notes(rendered.directory)
    for name, text in rendered.texts.items():
        assert "assumed" not in text.lower(), name
        leaked = [n for n in found if squash(n) in squash(text)]  # a PDF's text is squashed already
        assert not leaked, (name, leaked)


def test_no_sheet_or_status_tab_cell_prints_a_note(rendered: Rendered) -> None:
    found = notes(rendered.directory)
    wb = openpyxl.load_workbook(rendered.directory / "office.xlsx")
    office = load_office(rendered.directory)
    assert office.status_tab in wb.sheetnames
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                where = f"{ws.title}!{cell.coordinate}"
                assert "assumed" not in cell.value.lower(), where
                assert not [n for n in found if n in cell.value], where


def test_no_sync_jargon_in_documents(rendered: Rendered) -> None:
    said = [name for name, text in rendered.texts.items() if squash("ซิงก์") in squash(text)]
    assert not said, said


def test_package_xlsx_numbers_and_widths(rendered: Rendered) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(rendered.package["scores.xlsx"]))
    ws = wb["คะแนน"]
    scores = [c for c in ws["E"][1:] if c.value is not None]
    assert scores and all(c.data_type == "n" and c.number_format == "0.00" for c in scores)
    assert all(isinstance(c.value, str) for c in ws["B"][1:] if c.value)  # codes stay text
    widths = {letter: ws.column_dimensions[letter].width for letter in "ABCDEF"}
    assert widths["C"] > widths["B"] and all(6 <= w <= 60 for w in widths.values()), widths


def test_emes_pages_are_dated_and_signed(rendered: Rendered) -> None:
    office = load_office(rendered.directory)
    text = rendered.texts["e-MES/round6/1.1.pdf"]
    made = thaifmt.be_date(office_today(office.office.timezone))
    admin, policy = office.group("admin"), office.group("policy")
    assert admin is not None and policy is not None
    for expected in (f"จัดทำเมื่อวันที่ {made}", "ลงชื่อ", "ผู้รายงาน", admin.head.name, admin.head.position,
                     policy.head.name, policy.head.position):
        assert squash(expected) in text, expected


def test_invitation_is_dated_today_with_its_number_and_weekday(rendered: Rendered, tmp_path: Path) -> None:
    paths = report(rendered.directory, "briefing", "--format", "html", "--format", "docx", "--date", "2027-04-12",
                   "--out", str(tmp_path))
    invitation = next(p for p in paths if p.name.endswith("invitation.html"))
    text = " ".join(html_text(invitation.read_text(encoding="utf-8")).split())
    office = load_office(rendered.directory)
    today = office_today(office.office.timezone)
    assert f"วันที่ {thaifmt.be_date(today)}" in text  # the day it is made, not the last sync's (21 Apr)
    assert "ที่ ศธ ๐๔๐๔๑/........" in text
    assert "ในวันจันทร์ที่ ๑๒ เมษายน ๒๕๗๐ เวลา" in text
    docx = next(p for p in paths if p.name.endswith("invitation.docx"))
    assert "ศธ ๐๔๐๔๑/........" in docx_text(docx).replace("\u00a0", " ")


def test_assignment_pages_give_the_share_path(rendered: Rendered, tmp_path: Path) -> None:
    config = tmp_path / "office"
    shutil.copytree(rendered.directory, config, ignore=shutil.ignore_patterns("every-kind", "out"))
    path = config / "office.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["documents"]["share_path"] = "\\\\nst1-server\\standards\\office.xlsx"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (page,) = report(config, "briefing", "--format", "html", "--out", str(tmp_path / "out"))[1:]
    text = " ".join(html_text(page.read_text(encoding="utf-8")).split())
    assert "แท็บ “นโยบายและแผน” ในไฟล์ \\\\nst1-server\\standards\\office.xlsx" in text
    assert str(config.resolve()) not in text


# --- check and doctor while the standards are the example's ------------------------------------------

def test_check_and_doctor_warn_while_the_standards_are_the_examples(demo_dir: Path, runner: CliRunner) -> None:
    checked = invoke(runner, demo_dir, "check")
    assert checked.exit_code == 0, checked.output
    assert "คำเตือน: standards.yaml ยังเป็นมาตรฐานตัวอย่าง" in checked.stderr
    assert "  - ตัวบ่งชี้ 1.3: ชื่อตัวบ่งชี้เป็นชื่อที่คาดไว้ ยังไม่พบในเอกสารต้นฉบับ" in checked.stderr
    doctor = invoke(runner, demo_dir, "doctor")
    assert doctor.exit_code == 0, doctor.output
    line = next(x for x in doctor.stdout.splitlines() if x[2:].startswith(vocab.DR_STANDARDS))
    assert line.startswith("! ") and "example: true" in line and "ตัวบ่งชี้ 3.2" in line


def test_confirmed_standards_are_not_warned_of(demo_dir: Path, runner: CliRunner) -> None:
    path = demo_dir / "standards.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("example", "assumptions"):
        del data[key]
    for standard in data["standards"]:
        for ind in standard["indicators"]:
            ind.pop("assumptions", None)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    checked = invoke(runner, demo_dir, "check")
    assert checked.exit_code == 0 and checked.stderr == "", checked.output
    doctor = invoke(runner, demo_dir, "doctor")
    line = next(x for x in doctor.stdout.splitlines() if x[2:].startswith(vocab.DR_STANDARDS))
    assert line == f"✓ {vocab.DR_STANDARDS}: {vocab.DR_STANDARDS_OK}"
