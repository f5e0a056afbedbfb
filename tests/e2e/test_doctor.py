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

from sheetsync.core import vocab
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
    before = snapshot(demo_dir)
    result = doctor(runner, demo_dir)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # every check passes but the standards', which are still the example's (a warning: exit status 0)
    standards, fix = line_of(result.stdout, vocab.DR_STANDARDS)
    assert standards.startswith("! ") and "example: true" in standards and fix.strip().startswith(vocab.DR_FIX)
    checks = [line for line in lines[:-1] if not line.startswith("    ")]
    assert all(line.startswith("✓ ") for line in checks if line != standards), result.stdout
    for title in (vocab.DR_CONFIG, vocab.DR_WORKBOOK, vocab.DR_READ, vocab.DR_FONT, vocab.DR_PDF, vocab.DR_STATE,
                  vocab.DR_HISTORY, vocab.DR_LOCK, "แท็บ 'นโยบายและแผน' (กลุ่มนโยบายและแผน)", "แท็บ 'สถานะภาพรวม'"):
        line_of(result.stdout, title)
    assert lines[-1] == vocab.DR_SUMMARY.format(ok="๒๓", warn="๑", fail="๐")
    assert snapshot(demo_dir) == before  # no log, no lock, no history row: nothing


def test_a_missing_tab(demo_dir: Path, runner) -> None:
    edit_book(demo_dir, lambda wb: setattr(wb[POLICY], "title", "แผนงาน"))
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


# --- fonts -----------------------------------------------------------------------------------------

def test_a_missing_font_file_in_the_config(demo_dir: Path, runner) -> None:
    path = demo_dir / "office.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  # font: THSarabunNew.ttf", "  font: THSarabunNew.ttf"),
                    encoding="utf-8")
    result = doctor(runner, demo_dir)
    assert result.exit_code == 2  # a config error, shown as every command shows it
    assert result.stdout.startswith(f"✗ {vocab.DR_CONFIG}")
    assert "[documents.font]" in result.stderr and "THSarabunNew.ttf" in result.stderr
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


def test_google_sheets_missing_key_and_renamed_tab(google_office, fake, runner) -> None:
    config, sid, _ = google_office
    fake.rename_tab(sid, POLICY, "แผนงาน")
    line, fix = line_of(doctor(runner, config).stdout, f"แท็บ '{POLICY}'")
    assert line.startswith("✗ ") and "sheetsync setup" in fix
    (config / "service-account.json").unlink()
    result = doctor(runner, config)
    assert result.exit_code == 1
    line, fix = line_of(result.stdout, vocab.DR_CREDENTIALS)
    assert line.startswith("✗ ") and "ไม่พบไฟล์กุญแจ" in line and "Google Cloud Console" in fix
