"""Issue 14, point 5: the OBEC package's e-MES files come from each round's frozen results.

A year of the demo office: the groups' March reports, a sync after the 6-month round's due date that
closes it on its own, new values typed over some rows in August, a sync after the 12-month round's
due date that closes that one, then `sheetsync report package`, read back."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sheetsync.cli.main import cli
from sheetsync.core.roundclose import FrozenRound
from sheetsync.core.thai import to_thai_digits
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from tests.support.cli import invoke
from tests.support.pdf import assert_in_pdf, pdf_text
from tests.support.workbook import edit

FY = 2570
MARCH_RESULT = "ผลรอบหกเดือน ดำเนินการแล้วสองประเด็น"
MARCH_OWNER = "นางวันเพ็ญ รักษ์ถิ่น"
AUGUST_RESULT = "ผลรอบสิบสองเดือน ดำเนินการครบสี่ประเด็น"
AUGUST_OWNER = "นายสมชาย ใจดี"
PLAN_MARCH = "แผนรอบหกเดือนเสร็จร้อยละห้าสิบ"
PLAN_AUGUST = "แผนรอบสิบสองเดือนเสร็จครบ"


def sync(directory: Path, day: str) -> None:
    result = invoke(CliRunner(), directory, "sync", "--today", day)
    assert result.exit_code == 0, result.output


def frozen(directory: Path, code: str) -> FrozenRound | None:
    with History(OfficeFolder(directory).history, read_only=True) as history:
        return history.frozen_round(FY, code)


@dataclass
class Year:
    directory: Path
    after_march: FrozenRound | None  # round6 as history held it right after the April sync
    files: dict[str, bytes]
    manifest: dict
    stdout: str
    stderr: str

    def pdf(self, name: str, tmp: Path) -> str:
        path = tmp / name.replace("/", "_")
        path.write_bytes(self.files[name])
        return pdf_text(path)


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Year:
    directory = tmp_path_factory.mktemp("rounds") / "office"
    made = CliRunner().invoke(cli, ["demo", str(directory), "--today", "2027-03-15"])
    assert made.exit_code == 0, made.output
    calendar = directory / "calendar.yaml"
    # No grace: a round closes at the first sync after its due date (the default of grace_days).
    calendar.write_text(re.sub(r"grace_days: *\d+", "grace_days: 0", calendar.read_text(encoding="utf-8")),
                        encoding="utf-8")
    book = directory / "office.xlsx"
    edit(book, "อำนวยการ", "1.1", **{"ผลการดำเนินงาน": MARCH_RESULT, "ประเด็นที่ผ่าน": "1,2",
                                     "ผู้รับผิดชอบ": MARCH_OWNER, "วันที่รายงาน": "20/3/2570"})
    edit(book, "นโยบายและแผน", "1.1", **{"ผลการดำเนินงาน": PLAN_MARCH, "วันที่รายงาน": "18/3/2570"})
    sync(directory, "2027-04-05")
    after_march = frozen(directory, "round6")

    # August: 1.1 (both groups) and 2.2 report their 12-month values over the 6-month ones; every
    # other row keeps its March report, which does not count for round 12.
    edit(book, "อำนวยการ", "1.1", **{"ผลการดำเนินงาน": AUGUST_RESULT, "ประเด็นที่ผ่าน": "1,2,3,4",
                                     "ผู้รับผิดชอบ": AUGUST_OWNER, "วันที่รายงาน": "16/8/2570"})
    edit(book, "นโยบายและแผน", "1.1", **{"ผลการดำเนินงาน": PLAN_AUGUST, "วันที่รายงาน": "20/8/2570"})
    edit(book, "การเงินและสินทรัพย์", "2.2", **{"ผลการดำเนินงาน": "96", "วันที่รายงาน": "25/8/2570",
                                                   "วันที่รับรอง": "25/8/2570"})  # the head signs the new figures
    sync(directory, "2027-09-02")

    result = invoke(CliRunner(), directory, "report", "package")
    assert result.exit_code == 0, result.output
    (path,) = [Path(line) for line in result.stdout.split() if line.startswith("/")]
    with zipfile.ZipFile(path) as z:
        files = {name: z.read(name) for name in z.namelist()}
    return Year(directory=directory, after_march=after_march, files=files,
                manifest=json.loads(files["manifest.json"]), stdout=result.stdout, stderr=result.stderr)


def test_round6_closed_on_its_own_at_the_april_sync(year: Year) -> None:
    r6 = year.after_march
    assert r6 is not None and r6.closed_on == date(2027, 4, 1)  # closed on its own: as of the day after its grace (none)
    assert {"1.1", "2.2", "2.4"} <= r6.reported_codes() and "3.2" not in r6.reported_codes()
    r12 = frozen(year.directory, "round12")
    assert r12 is not None and r12.closed_on == date(2027, 9, 1)
    assert r12.reported_codes() == {"1.1", "2.2"}


def test_each_round_file_holds_that_rounds_values(year: Year, tmp_path: Path) -> None:
    six = year.pdf("e-MES/round6/1.1.pdf", tmp_path)
    assert_in_pdf(six, "ตัวบ่งชี้ที่ ๑.๑", "รายงานผลการดำเนินงานรอบ ๖ เดือน", "ปิดรอบเมื่อ ๑ เมษายน ๒๕๗๐",
                  "กลุ่มอำนวยการ", MARCH_RESULT, MARCH_OWNER, "รายงานเมื่อ ๒๐ มี.ค. ๒๕๗๐",
                  "กลุ่มนโยบายและแผน", PLAN_MARCH, "รายงานเมื่อ ๑๘ มี.ค. ๒๕๗๐", "ผ่าน ๒ จาก ๔ ประเด็น")
    for later in (AUGUST_RESULT, AUGUST_OWNER, PLAN_AUGUST, "สิงหาคม", "ส.ค."):
        assert later.replace(" ", "") not in six, later

    twelve = year.pdf("e-MES/round12/1.1.pdf", tmp_path)
    assert_in_pdf(twelve, "รายงานผลการดำเนินงานรอบ ๑๒ เดือน", "ปิดรอบเมื่อ ๑ กันยายน ๒๕๗๐", AUGUST_RESULT,
                  AUGUST_OWNER, "รายงานเมื่อ ๑๖ ส.ค. ๒๕๗๐", PLAN_AUGUST, "รายงานเมื่อ ๒๐ ส.ค. ๒๕๗๐", "ผ่าน ๔ จาก ๔ ประเด็น")
    # (MARCH_OWNER heads the admin group: she signs round 12's page as its head, not as its reporter)
    assert twelve.count(MARCH_OWNER.replace(" ", "")) == 1
    for earlier in (MARCH_RESULT, PLAN_MARCH):
        assert earlier.replace(" ", "") not in twelve, earlier


def test_a_group_that_did_not_report_in_the_round_says_so(year: Year, tmp_path: Path) -> None:
    # 1.3: the legal unit's row counts for round 6, the planning group's has an error (no evidence)
    text = year.pdf("e-MES/round6/1.3.pdf", tmp_path)
    assert_in_pdf(text, "กลุ่มนโยบายและแผน", "ไม่ได้รายงานผลในรอบนี้", "นายสุรชัย นิลวงศ์")


def test_indicators_without_a_result_have_no_file_and_are_listed(year: Year) -> None:
    emes = {name for name in year.files if name.startswith("e-MES/")}
    assert emes == set(year.manifest["rounds"]["round6"]["files"]) | set(year.manifest["rounds"]["round12"]["files"])
    assert {"e-MES/round6/1.1.pdf", "e-MES/round6/2.2.pdf", "e-MES/round6/2.4.pdf"} <= emes
    assert "e-MES/round6/3.2.pdf" not in emes
    assert {n for n in emes if n.startswith("e-MES/round12/")} == {"e-MES/round12/1.1.pdf", "e-MES/round12/2.2.pdf",
                                                                  "e-MES/round12/1.1.docx", "e-MES/round12/2.2.docx"}

    r6, r12 = year.manifest["rounds"]["round6"], year.manifest["rounds"]["round12"]
    assert r6["name"] == "รายงานผลการดำเนินงานรอบ ๖ เดือน"
    assert (r6["closed_on"], r12["closed_on"]) == ("2027-04-01", "2027-09-01")
    assert "3.2" in r6["missing"] and "1.1" not in r6["missing"]
    assert "2.4" in r12["missing"] and "3.1" in r12["missing"] and not {"1.1", "2.2"} & set(r12["missing"])
    assert r12["reported"] < r12["total"]
    manifest_files = set(year.manifest["files"])
    assert all(name in manifest_files for name in r6["files"] + r12["files"])


def test_the_command_lists_what_is_missing_and_warns_on_coverage(year: Year) -> None:
    assert year.stdout.strip().endswith(".zip")  # the path on stdout, the gaps on stderr
    warnings = [line.removeprefix("คำเตือน: ") for line in year.stderr.splitlines() if line.startswith("คำเตือน: ")]
    assert len(warnings) == len(year.stderr.splitlines())
    r12 = frozen(year.directory, "round12")
    assert r12 is not None
    coverage = f"รอบ ๑๒ เดือน รายงาน {to_thai_digits(r12.reported)} จาก {to_thai_digits(r12.total)} แถว (ร้อยละ "
    assert any(w.startswith(coverage) for w in warnings), warnings
    missing = next(w for w in warnings if w.startswith("รอบ ๑๒ เดือน ไม่มีไฟล์ e-MES ของตัวบ่งชี้"))
    assert "๒.๔" in missing and "๓.๑" in missing and "๑.๑" not in missing
    assert any(w.startswith("รอบ ๖ เดือน ไม่มีไฟล์ e-MES ของตัวบ่งชี้") and "๓.๒" in w for w in warnings)


def test_a_round_not_closed_has_no_files_and_says_so(tmp_path: Path) -> None:
    directory = tmp_path / "office"
    made = CliRunner().invoke(cli, ["demo", str(directory), "--today", "2027-03-15"])
    assert made.exit_code == 0, made.output
    result = invoke(CliRunner(), directory, "report", "package")
    assert result.exit_code == 0, result.output
    (path,) = [Path(line) for line in result.stdout.split() if line.startswith("/")]
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        manifest = json.loads(z.read("manifest.json"))
    assert not [n for n in names if n.startswith("e-MES/")]
    assert manifest["rounds"]["round6"] == {"name": "รายงานผลการดำเนินงานรอบ ๖ เดือน", "closed_on": None,
                                            "closed_by": None, "reported": None, "total": None, "files": [],
                                            "missing": []}
    assert "คำเตือน: รอบ ๖ เดือน ยังไม่ปิดรอบ (ครบกำหนด ๓๑ มี.ค. ๒๕๗๐" in result.stderr
    assert "คำเตือน: รอบ ๑๒ เดือน ยังไม่ปิดรอบ" in result.stderr
