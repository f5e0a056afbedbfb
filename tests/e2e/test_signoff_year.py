"""Issue 17, points 2-4 through the real commands, on the demo office (two groups sign off: กลุ่มบริหารงาน
บุคคล has not yet, the finance group has): sign-off counted, voided by an edit and signed again; the
explanation and the evidence per criterion carried into the SAR, the e-MES files and the package.

The demo is built on 15 March 2570; the 6-month round (due 31 March) closes on its own at the April
sync (no grace here), and `sheetsync report package` reads it back."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from sheetsync.cli.main import cli
from sheetsync.core import vocab
from sheetsync.store.folder import OfficeFolder
from tests.support.cli import invoke
from tests.support.pdf import pdf_text
from tests.support.workbook import edit

PERSONNEL, FINANCE, ICT = "บริหารงานบุคคล", "การเงินและสินทรัพย์", "ศึกษาทางไกลและไอซีที"
EXPLANATION = "ครูที่อบรมย้ายออก ๒ คน จะจัดอบรมเพิ่มในไตรมาส ๓"


def cells(book: Path, tab: str, code: str) -> dict[str, object]:
    ws = openpyxl.load_workbook(book)[tab]
    header = {c.column: c.value for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == code)
    return {header[c.column]: c.value for c in ws[row] if c.column in header}


def sync(directory: Path, day: str) -> str:
    result = invoke(CliRunner(), directory, "sync", "--today", day)
    assert result.exit_code == 0, result.output
    return result.output


@dataclass
class Year:
    directory: Path
    book: Path
    seen: dict[str, dict[str, object]]  # what the rows said along the way, by moment
    status_tab: list[tuple[object, ...]]
    brief: str
    sar: str
    files: dict[str, bytes]


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Year:
    directory = tmp_path_factory.mktemp("signoff") / "office"
    made = CliRunner().invoke(cli, ["demo", str(directory), "--today", "2027-03-15"])
    assert made.exit_code == 0, made.output
    calendar = directory / "calendar.yaml"
    calendar.write_text(re.sub(r"grace_days: *\d+", "grace_days: 0", calendar.read_text(encoding="utf-8")),
                        encoding="utf-8")
    book = directory / "office.xlsx"
    seen: dict[str, dict[str, object]] = {}
    sync(directory, "2027-03-20")
    seen["unsigned"] = cells(book, PERSONNEL, "2.3")
    status = [tuple(c.value for c in line) for line in openpyxl.load_workbook(book)[vocab.STATUS_TAB].iter_rows()]
    brief = invoke(CliRunner(), directory, "report", "brief")
    assert brief.exit_code == 0, brief.output
    (brief_pdf,) = [Path(p) for p in brief.stdout.split() if p.endswith(".pdf")]

    edit(book, PERSONNEL, "2.3", **{"รับรองข้อมูลโดย": "นางสุนีย์ ทองคำ", "วันที่รับรอง": "20/3/2570"})
    sync(directory, "2027-03-21")
    seen["signed"] = cells(book, PERSONNEL, "2.3")

    sync(directory, "2027-03-30")  # the finance head's sign-off (30 March) is seen, and its figures kept
    edit(book, FINANCE, "2.2", **{"ผลการดำเนินงาน": "๙๓"})
    sync(directory, "2027-03-31")
    seen["edited"] = cells(book, FINANCE, "2.2")
    edit(book, FINANCE, "2.2", **{"วันที่รับรอง": "31/3/2570"})
    edit(book, ICT, "2.1", **{"คำชี้แจง": EXPLANATION})
    sync(directory, "2027-03-31")
    seen["signed_again"] = cells(book, FINANCE, "2.2")
    seen["explained"] = cells(book, ICT, "2.1")

    sync(directory, "2027-04-05")  # closes the 6-month round on its own
    sar = invoke(CliRunner(), directory, "report", "sar")
    assert sar.exit_code == 0, sar.output
    (sar_html,) = [Path(p) for p in sar.stdout.split() if p.endswith(".html")]
    package = invoke(CliRunner(), directory, "report", "package")
    assert package.exit_code == 0, package.output
    (path,) = [Path(p) for p in package.stdout.split() if p.endswith(".zip")]
    with zipfile.ZipFile(path) as z:
        files = {name: z.read(name) for name in z.namelist()}
    return Year(directory, book, seen, status, "".join(pdf_text(brief_pdf).split()), sar_html.read_text(encoding="utf-8"),
                files)


def test_a_report_without_its_heads_signoff_awaits_it(year: Year) -> None:
    row = year.seen["unsigned"]
    assert row["สถานะ"] == vocab.STATE_AWAITING_SIGNOFF and row["คะแนน"] is not None
    head = next(line for line in year.status_tab if vocab.ST_AWAITING_SIGNOFF in line)
    at = head.index(vocab.ST_AWAITING_SIGNOFF)
    personnel = next(line for line in year.status_tab if line[0] == "กลุ่มบริหารงานบุคคล")
    finance = next(line for line in year.status_tab if line[0] == "กลุ่มบริหารงานการเงินและสินทรัพย์")
    assert (personnel[at], finance[at]) == (1, 0)
    assert "รอหัวหน้ากลุ่มรับรอง" in year.brief and "๑แถว:กลุ่มบริหารงานบุคคล๑" in year.brief  # (text read unspaced)


def test_the_signoff_counts_and_the_cells_stay_as_typed(year: Year) -> None:
    row = year.seen["signed"]
    assert row["สถานะ"] == vocab.STATE_VALID and row["รับรองข้อมูลโดย"] == "นางสุนีย์ ทองคำ"
    with sqlite3.connect(OfficeFolder(year.directory).history) as db:
        kept = db.execute("SELECT signer, signed_on FROM signoffs WHERE tab = ? AND code = '2.3'", (PERSONNEL,)).fetchall()
    assert kept == [("นางสุนีย์ ทองคำ", "2027-03-20")]


def test_an_edit_after_the_signoff_voids_it_until_signed_again(year: Year) -> None:
    edited = year.seen["edited"]
    assert edited["สถานะ"] == vocab.STATE_SIGNOFF_VOID
    assert "ถูกแก้ไขหลังจาก นางอรุณี เพชรรัตน์ รับรองไว้เมื่อ ๓๐ มี.ค. ๒๕๗๐" in str(edited["ข้อผิดพลาด"])
    assert edited["รับรองข้อมูลโดย"] == "นางอรุณี เพชรรัตน์" and edited["วันที่รับรอง"] is not None  # never cleared
    assert year.seen["signed_again"]["สถานะ"] == vocab.STATE_VALID


def test_the_explanation_clears_its_notice(year: Year) -> None:
    assert year.seen["explained"]["สถานะ"] == vocab.STATE_VALID and not year.seen["explained"]["ข้อผิดพลาด"]


def test_the_sar_names_the_signer_the_explanation_and_the_evidence_by_criterion(year: Year) -> None:
    for name, day in (("นางสุนีย์ ทองคำ", "๒๐ มี.ค. ๒๕๗๐"), ("นางอรุณี เพชรรัตน์", "๓๑ มี.ค. ๒๕๗๐")):
        # three lines, the name beginning one (a line that begins before it breaks the name in LibreOffice)
        assert f'<div class="muted">รับรองข้อมูลโดย</div><div class="muted">{name}</div><div class="muted">เมื่อ {day}</div>' in year.sar
    assert f"คำชี้แจง: {EXPLANATION}" in year.sar
    assert 'ประเด็นที่ ๑: <a href="https://drive.example/nst1/1.1-plan">' in year.sar
    appendix = year.sar[year.sar.index('id="appendix-evidence"'):]
    assert '<div class="muted">ประเด็นที่ ๔</div>' in appendix


def test_the_emes_files_name_the_signer_and_the_explanation(year: Year, tmp_path: Path) -> None:
    def text(name: str) -> str:
        path = tmp_path / name.replace("/", "_")
        path.write_bytes(year.files[name])
        return "".join(pdf_text(path).split())  # compared unspaced: a PDF's text has no spaces to trust

    assert "รับรองข้อมูลโดยนางอรุณีเพชรรัตน์เมื่อ๓๑มี.ค.๒๕๗๐" in text("e-MES/round6/2.2.pdf")
    assert "รับรองข้อมูลโดยนางสุนีย์ทองคำ" in text("e-MES/round6/2.3.pdf")
    assert "".join(EXPLANATION.split()) in text("e-MES/round6/2.1.pdf")
    with zipfile.ZipFile(io.BytesIO(year.files["e-MES/round6/2.1.docx"])) as z:
        assert "คำชี้แจง" in z.read("word/document.xml").decode("utf-8")


def test_the_package_lists_the_evidence_by_criterion(year: Year) -> None:
    rows = list(csv.reader(io.StringIO(year.files["evidence.csv"].decode("utf-8-sig"))))
    assert rows[0][:2] == ["รายการ", "ประเด็น"]
    admin = [r for r in rows if r[2] == "กลุ่มอำนวยการ" and r[1]]
    assert [r[1] for r in admin] == ["ประเด็นที่ ๑", "ประเด็นที่ ๒", "ประเด็นที่ ๔"]
    assert admin[0][4] == "https://drive.example/nst1/1.1-plan"
