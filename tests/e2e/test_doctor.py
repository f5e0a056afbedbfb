"""`sheetsync doctor` on real offices: the demo workbook, broken in the ways offices break it, and
Google Sheets through the loopback fake. It must report each problem with its fix, and write nothing."""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml
from openpyxl.styles import Protection

from sheetsync.app.doctor import example_office, example_values, protection_problems
from sheetsync.core import vocab
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.lock import SyncLock
from tests.fakes.fake_sheets import FakeSheets
from tests.fakes.smtp_server import SmtpServer
from tests.support.cli import invoke
from tests.support.google import google_config
from tests.support.mail import ENV, PASSWORD, SENDER, set_reminders, smtp_settings

POLICY = "นโยบายและแผน"


def snapshot(directory: Path) -> dict[str, str]:
    """Every file and folder under `directory` with a hash of its content."""
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(directory.rglob("*"))}


def doctor(runner, config: Path):
    return invoke(runner, config, "doctor")


def line_of(output: str, title: str) -> tuple[str, str]:
    """The check line that starts with `title` (after its mark) and the line after it (the fix, if any)."""
    lines = output.splitlines()
    for i, line in enumerate(lines):
        if line[2:].startswith(title):
            return line, lines[i + 1] if i + 1 < len(lines) else ""
    raise AssertionError(f"no check line {title!r} in:\n{output}")


def edit_book(config: Path, edit) -> None:
    book = config / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    edit(wb)
    wb.save(book)


# --- the workbook ----------------------------------------------------------------------------------

def test_the_demo_office_passes_and_nothing_is_written(demo_dir: Path, runner) -> None:
    (demo_dir / "office.xlsx").chmod(0o644)  # as a umask of 022 leaves it: its owner's alone
    before = snapshot(demo_dir)
    result = doctor(runner, demo_dir)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # every check passes but three warnings (exit status 0): the standards and the names, numbers and
    # addresses are still the example's (the demo is the example office), and the workbook is its
    # owner's alone (the demo shares it with no group)
    standards, fix = line_of(result.stdout, vocab.DR_STANDARDS)
    assert standards.startswith("! ") and "example: true" in standards and fix.strip().startswith(vocab.DR_FIX)
    examples, _ = line_of(result.stdout, vocab.DR_EXAMPLES)
    assert examples.startswith("! ") and "order_number (๓๒๑/๒๕๖๙)" in examples and "@nst1.example" in examples
    mode, _ = line_of(result.stdout, vocab.DR_MODE)
    assert mode.startswith("! ") and "-rw-r--r--" in mode
    checks = [line for line in lines[:-1] if not line.startswith("    ")]
    assert all(line.startswith("✓ ") for line in checks if line not in (standards, examples, mode)), result.stdout
    for title in (vocab.DR_CONFIG, vocab.DR_WORKBOOK, vocab.DR_READ, vocab.DR_FONT, vocab.DR_PDF, vocab.DR_STATE,
                  vocab.DR_HISTORY, vocab.DR_LOCK, "แท็บ 'นโยบายและแผน' (กลุ่มนโยบายและแผน)", "แท็บ 'สถานะภาพรวม'",
                  vocab.DR_EDITABLE, vocab.DR_FORMULAS):
        line_of(result.stdout, title)
    assert lines[-1] == vocab.DR_SUMMARY.format(ok="๒๕", warn="๓", fail="๐")
    assert snapshot(demo_dir) == before  # no log, no lock, no history row: nothing


def test_a_missing_tab(demo_dir: Path, runner) -> None:
    # deleted (a tab renamed with its rows is the group's, found by them: tests/e2e/mistakes)
    edit_book(demo_dir, lambda wb: wb.remove(wb[POLICY]))
    result = doctor(runner, demo_dir)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, f"แท็บ '{POLICY}'")
    assert line.startswith("✗ ") and vocab.DR_TAB_MISSING in line
    assert fix == f"    {vocab.DR_FIX}: {vocab.DR_TAB_MISSING_FIX.format(tab=POLICY)}"


def test_a_deleted_header_and_a_deleted_status_column(demo_dir: Path, runner) -> None:
    def edit(wb) -> None:
        for cell in wb[POLICY][1]:
            if cell.value == "หลักฐานอ้างอิง":
                cell.value = None  # a required column: every reported row would be an error
        for cell in wb["กฎหมายและคดี"][1]:
            if cell.value == "ความก้าวหน้า":
                cell.value = None  # a status column: the sync puts it back, setup locks it again

    edit_book(demo_dir, edit)
    result = doctor(runner, demo_dir)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, f"แท็บ '{POLICY}'")
    assert line.startswith("✗ ") and "'หลักฐานอ้างอิง'" in line
    assert vocab.DR_MISSING_HEADERS_FIX in fix
    line, fix = line_of(result.stdout, "แท็บ 'กฎหมายและคดี'")
    assert line.startswith("! ") and "'ความก้าวหน้า'" in line and vocab.DR_MISSING_STATUS_FIX in fix


def test_a_workbook_open_in_libreoffice(demo_dir: Path, runner) -> None:
    lock = demo_dir / ".~lock.office.xlsx#"
    lock.write_text(",someone,pc,05.04.2027 09:00,file:///home/someone/.config/libreoffice/4;")
    result = doctor(runner, demo_dir)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, vocab.DR_WORKBOOK)
    assert line.startswith("✗ ") and ".~lock.office.xlsx#" in line
    assert str(lock) in fix and "ปิดไฟล์" in fix
    line_of(result.stdout, vocab.DR_READ)  # still read: a lock stops writes, not reads


def test_a_missing_workbook(example_config: Path, runner) -> None:
    result = doctor(runner, example_config)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, vocab.DR_WORKBOOK)
    assert line.startswith("✗ ") and "sheetsync setup" in fix


def test_a_state_folder_that_is_a_file(demo_dir: Path, runner) -> None:
    shutil.rmtree(demo_dir / "state")
    (demo_dir / "state").write_text("not a folder")
    result = doctor(runner, demo_dir)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, vocab.DR_STATE)
    assert line.startswith("✗ ") and "ไม่ใช่โฟลเดอร์" in line and str(demo_dir / "state") in fix


def _without_root_file_powers() -> None:
    """In the child, before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set, so
    that root's file access is checked like anyone's (as for the coordinator's own account)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_an_unwritable_state_folder(demo_dir: Path) -> None:
    state = demo_dir / "state"
    state.chmod(0o555)
    try:
        # A process of its own: root (as tests run in CI) gives up its power to write anywhere.
        result = subprocess.run([sys.executable, "-m", "sheetsync", "--config", str(demo_dir), "doctor"],
                                capture_output=True, text=True, timeout=120,
                                preexec_fn=_without_root_file_powers if os.geteuid() == 0 else None)
    finally:
        state.chmod(0o755)
    assert result.returncode == 1, result.stdout + result.stderr
    line, fix = line_of(result.stdout, vocab.DR_STATE)
    assert line.startswith("✗ ") and vocab.DR_STATE_READONLY.format(path=state) in line
    assert "chmod" in fix and str(state) in fix
    line, _ = line_of(result.stdout, vocab.DR_WORKBOOK)
    assert line.startswith("✓ ")  # only the state folder is read-only


def test_a_broken_history_file_and_a_stale_lock(demo_dir: Path, runner) -> None:
    state = demo_dir / "state"
    (state / "history.sqlite").write_bytes(b"this is not a database" * 100)
    lock_info = OfficeFolder(demo_dir).lock_info  # the record a sync that died left beside its lock
    lock_info.write_text(json.dumps({"pid": 2 ** 22 + 12345, "host": os.uname().nodename, "what": "sync"}))
    result = doctor(runner, demo_dir)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, vocab.DR_HISTORY)
    assert line.startswith("✗ ") and "mv" in fix and ".broken" in fix
    line, fix = line_of(result.stdout, vocab.DR_LOCK)
    assert line.startswith("! ") and str(lock_info) in fix
    assert vocab.DR_LOCK_STALE.format(pid=2 ** 22 + 12345) in line


def test_a_sync_running_now_holds_the_lock(demo_dir: Path, runner) -> None:
    with SyncLock(OfficeFolder(demo_dir).lock) as held:  # this live process holds it
        result = doctor(runner, demo_dir)
        line, fix = line_of(result.stdout, vocab.DR_LOCK)
        assert line.startswith("! ") and f"pid {os.getpid()}" in line and vocab.DR_LOCK_HELD_FIX in fix
        assert held.took_over_from is None
    line, _ = line_of(doctor(runner, demo_dir).stdout, vocab.DR_LOCK)
    assert line.startswith("✓ ") and vocab.DR_LOCK_FREE in line  # released: free again


# --- the groups can write ------------------------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX's")
def test_the_workbooks_mode(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    book.chmod(0o664)
    line, _ = line_of(doctor(runner, demo_dir).stdout, vocab.DR_MODE)
    assert line.startswith("✓ ") and "-rw-rw-r--" in line
    book.chmod(0o640)
    line, fix = line_of(doctor(runner, demo_dir).stdout, vocab.DR_MODE)
    assert line.startswith("! ") and "แก้ได้เฉพาะเจ้าของ (-rw-r-----" in line
    assert f"chmod g+w {book}" in fix and "chgrp" in fix
    book.chmod(0o444)
    try:
        result = doctor(runner, demo_dir)
    finally:
        book.chmod(0o644)
    assert result.exit_code == 1  # the groups cannot save, and the sync refuses a read-only file
    line, fix = line_of(result.stdout, vocab.DR_MODE)
    assert line.startswith("✗ ") and "อ่านอย่างเดียว (-r--r--r--" in line and f"chmod ug+w {book}" in fix
    if os.geteuid() == 0:  # root may write in a folder nobody may: the groups' programs may not
        demo_dir.chmod(0o555)
        try:
            line, fix = line_of(doctor(runner, demo_dir).stdout, vocab.DR_MODE)
        finally:
            demo_dir.chmod(0o755)
        assert line.startswith("✗ ") and f"โฟลเดอร์ {demo_dir} เป็นแบบอ่านอย่างเดียว (dr-xr-xr-x)" in line
        assert f"chmod ug+w {demo_dir}" in fix


def test_an_immutable_workbook(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(book)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not possible here (no chattr, no CAP_LINUX_IMMUTABLE, or the file system)")
    try:
        result = doctor(runner, demo_dir)
    finally:
        subprocess.run([chattr, "-i", str(book)], check=True)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, vocab.DR_MODE)
    assert line.startswith("✗ ") and "attribute" in line and f"sudo chattr -i -a {book}" in fix


def test_a_group_column_locked_under_the_sheet_protection(demo_dir: Path, runner) -> None:
    def lock(wb) -> None:
        ws = wb[POLICY]
        col = next(c.column for c in ws[1] if c.value == "หลักฐานอ้างอิง")
        for row in range(2, ws.max_row + 1):
            ws.cell(row, col).protection = Protection(locked=True)  # as Excel's Format Cells does
        ws.column_dimensions[ws.cell(1, col).column_letter].protection = Protection(locked=True)

    edit_book(demo_dir, lock)
    result = doctor(runner, demo_dir)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, vocab.DR_EDITABLE)
    assert line.startswith("✗ ") and f"แท็บ '{POLICY}': 'หลักฐานอ้างอิง' (" in line and "กลุ่มพิมพ์ไม่ได้" in line
    assert "แท็บ 'กฎหมายและคดี'" not in line and "sheetsync setup" in fix
    assert invoke(runner, demo_dir, "setup").exit_code == 0  # setup opens the group's columns again
    line, _ = line_of(doctor(runner, demo_dir).stdout, vocab.DR_EDITABLE)
    assert line.startswith("✓ ")


def test_a_sheet_protected_whole_by_hand(demo_dir: Path, runner) -> None:
    """A new tab protected in Excel with nothing unlocked: every column of it is locked."""
    def protect(wb) -> None:
        ws = wb["ตรวจสอบภายใน"]
        for row in ws.iter_rows():
            for cell in row:
                cell.protection = Protection(locked=True)
        for dim in ws.column_dimensions.values():
            dim.protection = Protection(locked=True)

    edit_book(demo_dir, protect)
    line, _ = line_of(doctor(runner, demo_dir).stdout, vocab.DR_EDITABLE)
    assert line.startswith("✗ ") and "'ผลการดำเนินงาน'" in line and "'สถานะ'" not in line


# --- example values --------------------------------------------------------------------------------

def test_example_values_are_named_until_changed(demo_dir: Path, runner) -> None:
    office = load_office(demo_dir)
    example = example_office()
    assert example is not None
    assert len(example_values(office, example)) == 8  # 7 names and numbers, and the .example addresses
    path = demo_dir / "office.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (("นายสมชาย ใจดี", "นายสมศักดิ์ ใจงาม"), ("ศธ ๐๔๐๔๑", "ศธ ๐๔๑๒๓"), ("@nst1.example", "@sk2.go.th"),
                     ("นครศรีธรรมราช เขต ๑", "สงขลา เขต ๒"), ("สพป.นศ.๑", "สพป.สข.๒"), ("นางสาวพิมพ์ชนก", "นางสาวพิมพ์ใจ")):
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    committee = demo_dir / "committee.yaml"
    committee.write_text(committee.read_text(encoding="utf-8").replace("๓๒๑/๒๕๖๙", "๑๒/๒๕๗๐"), encoding="utf-8")
    line, _ = line_of(doctor(runner, demo_dir).stdout, vocab.DR_EXAMPLES)
    assert line == f"✓ {vocab.DR_EXAMPLES}: {vocab.DR_EXAMPLES_OK}"
    assert example_values(load_office(demo_dir), None) == []  # without the example to compare: addresses only


# --- fonts -----------------------------------------------------------------------------------------

def test_a_missing_font_file_in_the_config(demo_dir: Path, runner) -> None:
    path = demo_dir / "office.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  # font: THSarabunNew.ttf", "  font: THSarabunNew.ttf"),
                    encoding="utf-8")
    result = doctor(runner, demo_dir)
    assert result.exit_code == 2  # a config error, shown as every command shows it
    assert result.stdout.startswith(f"✗ {vocab.DR_CONFIG}")
    assert "[documents > font]" in result.stderr and "THSarabunNew.ttf" in result.stderr  # the key path as check shows it
    assert f"วิธีแก้: {vocab.DR_CONFIG_FIX}" in result.stderr and "documents.font" in result.stderr.split("วิธีแก้:")[1]


def test_a_font_file_that_is_not_a_font(demo_dir: Path, runner) -> None:
    (demo_dir / "THSarabunNew.ttf").write_bytes(b"not a font")
    path = demo_dir / "office.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  # font: THSarabunNew.ttf", "  font: THSarabunNew.ttf"),
                    encoding="utf-8")
    result = doctor(runner, demo_dir)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, vocab.DR_FONT)
    assert line.startswith("✗ ") and "THSarabunNew.ttf" in line and vocab.DOC_FONT_HINT in fix


def test_the_bundled_font_missing(demo_dir: Path, runner, monkeypatch, tmp_path: Path) -> None:
    from sheetsync.documents import render as reports

    monkeypatch.setattr(reports, "bundled_sarabun", lambda: (tmp_path / "gone" / "Sarabun-Regular.ttf",
                                                             tmp_path / "gone" / "Sarabun-Bold.ttf"))
    result = doctor(runner, demo_dir)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, vocab.DR_FONT)
    assert line.startswith("✗ ") and "Sarabun-Regular.ttf" in line and "fontpkg-sarabun" in fix


def test_bad_config_is_exit_2_as_everywhere(example_config: Path, runner) -> None:
    (example_config / "calendar.yaml").write_text("milestones: [\n", encoding="utf-8")
    result = doctor(runner, example_config)
    assert result.exit_code == 2
    assert "calendar.yaml" in result.stderr and "Traceback" not in result.output


# --- reminders -------------------------------------------------------------------------------------

def test_smtp_login_is_checked_without_sending(demo_dir: Path, runner, monkeypatch) -> None:
    with SmtpServer(password=PASSWORD) as smtp:
        set_reminders(demo_dir, **smtp_settings(smtp))
        monkeypatch.setenv(ENV, PASSWORD)
        result = doctor(runner, demo_dir)
        assert result.exit_code == 0, result.output
        line, _ = line_of(result.stdout, vocab.DR_SMTP)
        assert line.startswith("✓ ") and f"127.0.0.1:{smtp.port}" in line and SENDER in line
        assert smtp.logins == [(SENDER, PASSWORD)] and smtp.inbox == []
        monkeypatch.setenv(ENV, "wrong-password-42")
        result = doctor(runner, demo_dir)
        assert result.exit_code == 1
        line, fix = line_of(result.stdout, vocab.DR_SMTP)
        assert line.startswith("✗ ") and "รหัสผ่าน" in line and ENV in fix
        assert "wrong-password-42" not in result.output
        monkeypatch.delenv(ENV)
        line, fix = line_of(doctor(runner, demo_dir).stdout, vocab.DR_SMTP)
        assert ENV in line and "sheetsync.env" in fix


# --- Google Sheets ---------------------------------------------------------------------------------

@pytest.fixture
def fake(monkeypatch):
    with FakeSheets() as server:
        monkeypatch.setenv("SHEETSYNC_SHEETS_API_ROOT", server.root)
        yield server


@pytest.fixture
def google_office(fake, tmp_path: Path, runner) -> tuple[Path, str, str]:
    config, sid = google_config(fake, tmp_path / "office")
    assert invoke(runner, config, "setup").exit_code == 0
    fake.reset_log()
    email = json.loads((config / "service-account.json").read_text())["client_email"]
    return config, sid, email


def reads_only(request) -> bool:
    """A GET, or the sync's read: values:batchGetByDataFilter is a POST that only reads."""
    return request.method.upper() == "GET" or request.path.endswith("/values:batchGetByDataFilter")


def test_google_sheets_passes_with_reads_only(google_office, fake, runner) -> None:
    config, _, email = google_office
    result = doctor(runner, config)
    assert result.exit_code == 0, result.output
    line, _ = line_of(result.stdout, vocab.DR_CREDENTIALS)
    assert line.startswith("✓ ") and email in line
    line, _ = line_of(result.stdout, vocab.DR_READ)
    assert line.startswith("✓ ") and "๑๒ แท็บ" in line
    assert fake.requests and all(reads_only(r) for r in fake.requests)  # never a write


def test_google_sheets_not_shared_names_the_service_account(google_office, fake, runner) -> None:
    config, sid, email = google_office
    fake.unshare(sid, email)
    result = doctor(runner, config)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, vocab.DR_READ)
    assert line.startswith("✗ ") and sid in line
    assert email in fix and "แชร์" in fix
    assert all(reads_only(r) for r in fake.requests)


def set_emails(config: Path, code: str, emails: list[str]) -> None:
    path = config / "office.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(g for g in data["groups"] if g["code"] == code)["emails"] = emails
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_google_group_editors(google_office, fake, runner) -> None:
    config, sid, email = google_office
    line, _ = line_of(doctor(runner, config).stdout, vocab.DR_EDITABLE)
    assert line.startswith("✓ ") and vocab.DR_EDITABLE_SHARING in line  # what the API cannot tell is said
    # A new member of the policy group, written into office.yaml after setup protected its tab.
    set_emails(config, "policy", ["prasert@nst1.example", "new@nst1.example"])
    result = doctor(runner, config)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, vocab.DR_EDITABLE)
    assert line.startswith("✗ ") and f"แท็บ '{POLICY}': ช่วงที่ป้องกัน 'sheetsync:group-tab' ไม่ได้ให้ new@nst1.example" in line
    assert "prasert@nst1.example แก้ไข" not in line and "sheetsync setup" in fix
    assert all(reads_only(r) for r in fake.requests)
    assert invoke(runner, config, "setup").exit_code == 0
    assert line_of(doctor(runner, config).stdout, vocab.DR_EDITABLE)[0].startswith("✓ ")
    # A group with no editors in office.yaml: its tab is left open to whoever may edit the spreadsheet.
    set_emails(config, "legal", [])
    line, fix = line_of(doctor(runner, config).stdout, vocab.DR_EDITABLE)
    assert line.startswith("! ") and "กลุ่มกฎหมายและคดี (legal) ไม่มีรายชื่อผู้แก้ไข" in line and "emails:" in fix
    # A range a person protected for themself alone, over the group's result column.
    set_emails(config, "legal", ["surachai@nst1.example"])
    fake.protect(sid, POLICY, "F2:F50", editors=[email, "someone@nst1.example"], description="ล็อกผล")
    line, fix = line_of(doctor(runner, config).stdout, vocab.DR_EDITABLE)
    assert line.startswith("✗ ") and "'ล็อกผล' ไม่ได้ให้ new@nst1.example, prasert@nst1.example แก้ไข 'ผลการดำเนินงาน' (F)" in line
    assert "ชีตและช่วงที่ได้รับการป้องกัน" in fix


def test_protections_that_do_not_keep_a_group_out() -> None:
    columns = {3: "ค่าเป้าหมาย", 6: "ผลการดำเนินงาน"}
    emails = ["a@x.th"]
    header_only = {"range": {"sheetId": 1, "startRowIndex": 0, "endRowIndex": 1}, "editors": {"users": []}}
    warning = {"range": {"sheetId": 1}, "warningOnly": True}
    status = {"range": {"sheetId": 1, "startColumnIndex": 13, "endColumnIndex": 18}, "editors": {"users": []}}
    opened = {"range": {"sheetId": 1}, "editors": {"users": []},
              "unprotectedRanges": [{"sheetId": 1, "startColumnIndex": 0, "endColumnIndex": 12}]}
    domain = {"range": {"sheetId": 1}, "editors": {"domainUsersCanEdit": True}}
    assert protection_problems("t", columns, emails, [header_only, warning, status, opened, domain]) == ([], [])
    hidden = {"range": {"sheetId": 1}, "description": "ของคนอื่น", "requestingUserCanEdit": False}
    problems, unknown = protection_problems("t", columns, emails, [hidden])
    assert problems == [] and unknown == [vocab.DR_EDITABLE_HIDDEN.format(tab="t", name="ของคนอื่น")]
    shut = {"range": {"sheetId": 1, "startColumnIndex": 5, "endColumnIndex": 6}, "protectedRangeId": 7,
            "editors": {"users": ["B@x.th"]}}
    problems, _ = protection_problems("t", columns, ["A@x.th", "b@x.th"], [shut])
    assert problems == [vocab.DR_EDITABLE_PROTECTED.format(tab="t", name="7", emails="a@x.th",
                                                           columns="'ผลการดำเนินงาน' (F)")]


def test_google_sheets_missing_key_and_renamed_tab(google_office, fake, runner) -> None:
    config, sid, _ = google_office
    fake.rename_tab(sid, POLICY, "แผนงาน")
    fake.set_values(sid, "แผนงาน", fake.values(sid, "แผนงาน")[:1])  # and emptied: nothing tells it is the group's
    line, fix = line_of(doctor(runner, config).stdout, f"แท็บ '{POLICY}'")
    assert line.startswith("✗ ") and "sheetsync setup" in fix
    (config / "service-account.json").unlink()
    result = doctor(runner, config)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, vocab.DR_CREDENTIALS)
    assert line.startswith("✗ ") and "ไม่พบไฟล์กุญแจ" in line and "Google Cloud Console" in fix
