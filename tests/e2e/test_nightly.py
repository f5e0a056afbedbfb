"""Running every night: history, diff, restore, the lock, a killed sync, progress and the status view."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl

from sheetsync.core import vocab
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.lock import SyncLock, probe, read_holder
from tests.fakes.bigoffice import fill, make_config
from tests.support.cli import DEMO_DAY, invoke, user_cells

POLICY = "นโยบายและแผน"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit(book: Path, tab: str, **cells) -> None:
    wb = openpyxl.load_workbook(book)
    for address, value in cells.items():
        wb[tab][address] = value
    wb.save(book)


def test_history_lists_runs(demo_dir: Path, runner) -> None:
    assert invoke(runner, demo_dir, "sync", "--dry-run", "--today", DEMO_DAY).exit_code == 0
    result = invoke(runner, demo_dir, "history")
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert "สำเร็จ" in lines[0] and "ทดลอง" in lines[1]


def test_diff_shows_what_people_changed_by_identity(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    wb[POLICY].insert_rows(2)  # every row moves down one: not a change of anyone's values
    wb[POLICY]["J4"] = "1-2: รายงานการประชุมเครือข่าย"  # 1.3's evidence, now on row 4
    wb[POLICY]["F3"] = "ดำเนินการครบทุกประเด็น"  # 1.1's result changed
    wb.save(book)
    assert invoke(runner, demo_dir, "sync", "--today", DEMO_DAY).exit_code == 0
    result = invoke(runner, demo_dir, "diff")
    assert result.exit_code == 0, result.output
    changes = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert changes == [
        f"  {POLICY}!F3 [1.1 / ผลการดำเนินงาน]: 'ดำเนินการครบประเด็น ๑-๓' -> 'ดำเนินการครบทุกประเด็น'",
        f"  {POLICY}!J4 [1.3 / หลักฐานอ้างอิง]: (ว่าง) -> '1-2: รายงานการประชุมเครือข่าย'",
    ]
    assert invoke(runner, demo_dir, "diff", "1", "1").output.count(vocab.NO_CHANGES) == 1
    assert invoke(runner, demo_dir, "diff", "9", "1").exit_code == 2


def test_restore_puts_values_back_after_confirmation(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    original = user_cells(book)
    wb = openpyxl.load_workbook(book)
    wb[POLICY].insert_rows(2)
    wb[POLICY]["F3"] = None  # someone cleared 1.1's result
    wb[POLICY]["G3"] = "9"  # and typed over its criteria
    wb[POLICY]["M4"] = "พิมพ์เพิ่มภายหลัง"  # a note added to 1.3
    wb.save(book)
    assert invoke(runner, demo_dir, "sync", "--today", DEMO_DAY).exit_code == 0
    digest = sha(book)
    declined = runner.invoke(__import__("sheetsync.cli.main", fromlist=["cli"]).cli,
                             ["--config", str(demo_dir), "restore", "1", "--tab", POLICY], input="n\n")
    assert declined.exit_code == 0, declined.output
    assert f"{POLICY}!F3 [1.1 / ผลการดำเนินงาน]: (ว่าง) -> 'ดำเนินการครบประเด็น ๑-๓'" in declined.output
    assert sha(book) == digest  # nothing written without a yes
    only_result = invoke(runner, demo_dir, "restore", "1", "--tab", POLICY, "--range", "F2:F3", "--yes")
    assert only_result.exit_code == 0, only_result.output
    ws = openpyxl.load_workbook(book)[POLICY]
    assert ws["F3"].value == "ดำเนินการครบประเด็น ๑-๓" and ws["G3"].value == "9"  # the range limited it
    full = invoke(runner, demo_dir, "restore", "1", "--tab", POLICY, "--yes")
    assert full.exit_code == 0 and "กู้คืนแล้ว" in full.output
    ws = openpyxl.load_workbook(book)[POLICY]
    assert ws["G3"].value == "1-3" and ws["M4"].value is None
    restored = {(tab, cell): v for (tab, cell), v in user_cells(book).items() if tab == POLICY}
    before = {(tab, f"{cell[0]}{int(cell[1:]) + 1}" if cell[1:].isdigit() and int(cell[1:]) > 1 else cell): v
              for (tab, cell), v in original.items() if tab == POLICY}
    assert restored == before  # the tab's typed cells are the run's again, one row lower
    again = invoke(runner, demo_dir, "restore", "1", "--tab", POLICY, "--yes")
    assert vocab.RESTORE_NOTHING.format(run=1) in again.output
    assert invoke(runner, demo_dir, "restore", "1", "--tab", "ไม่มีแท็บนี้", "--yes").exit_code == 2
    history = invoke(runner, demo_dir, "history").output
    assert "กู้คืนค่า" in history


def test_second_sync_is_refused_while_one_runs(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    digest = sha(book)
    places = OfficeFolder(demo_dir)
    with SyncLock(places.lock):  # held by this (live) process
        started = time.monotonic()
        result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
        assert time.monotonic() - started < 60  # refused at once, not after waiting for the lock
        holder = read_holder(places.lock_info)
        assert holder is not None and holder.pid == os.getpid()  # the refused sync left the holder's record
    assert result.exit_code == 1
    assert f"pid {os.getpid()}" in result.output and "Traceback" not in result.output
    assert sha(book) == digest
    assert not places.lock_info.exists()  # released: the record is gone and the lock is free again
    with SyncLock(places.lock) as again:
        assert again.took_over_from is None


def test_stale_lock_is_taken_over(demo_dir: Path, runner) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    places = OfficeFolder(demo_dir)
    places.lock_info.write_text(json.dumps({"pid": dead.pid, "host": os.uname().nodename,
                                            "what": "sync", "since": "2027-04-04T01:30:00+07:00"}))
    result = invoke(runner, demo_dir, "sync", "--json", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["warnings"] == [vocab.lock_taken_over(dead.pid)]
    assert not places.lock_info.exists()  # released: the record is gone and the lock is free again
    with SyncLock(places.lock) as again:
        assert again.took_over_from is None


def test_progress_lines_quiet_and_log_file(demo_dir: Path) -> None:
    env = {**os.environ, "SHEETSYNC_CONFIG": str(demo_dir)}
    proc = subprocess.run([sys.executable, "-m", "sheetsync", "sync", "--today", DEMO_DAY],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert all(re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ", line) for line in lines), lines
    assert any("อ่านแท็บ อำนวยการ" in line for line in lines)
    assert any("ตรวจข้อมูลและให้คะแนน" in line for line in lines)
    assert any(line.endswith(vocab.STEP_DOCUMENTS) for line in lines)  # rendering the follow-up memo
    quiet = subprocess.run([sys.executable, "-m", "sheetsync", "sync", "--quiet", "--today", DEMO_DAY],
                           capture_output=True, text=True, env=env, timeout=120)
    assert quiet.returncode == 0 and quiet.stderr == ""
    logs = sorted((demo_dir / "state" / "logs").glob("sync-*.log"))
    assert logs and "เสร็จ:" in logs[-1].read_text(encoding="utf-8")


def test_status_command_shows_the_status_tab(demo_dir: Path, runner) -> None:
    result = invoke(runner, demo_dir, "status")
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(demo_dir / "office.xlsx")[vocab.STATUS_TAB]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value]
    missing = [t for t in texts if t not in result.output]
    assert missing == []


def test_sync_killed_between_read_and_write_loses_nothing(tmp_path: Path, runner) -> None:
    config = make_config(tmp_path / "big", per_group=200)
    fill(config)
    book = config / "office.xlsx"
    before = user_cells(book)
    env = {**os.environ, "SHEETSYNC_CONFIG": str(config)}
    proc = subprocess.Popen([sys.executable, "-m", "sheetsync", "sync", "--today", DEMO_DAY],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    assert proc.stderr is not None
    for line in proc.stderr:  # wait until it has read everything and is validating
        if "ตรวจข้อมูล" in line:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert user_cells(book) == before  # every person's cell intact, the file whole
    left = probe(OfficeFolder(config).lock)  # the killed process's record is left behind, its lock gone
    assert left.state == "left" and left.holder is not None and left.holder.pid == proc.pid
    result = invoke(runner, config, "sync", "--json", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["valid_rows"] == 2000 - 40 and vocab.lock_taken_over(proc.pid) in summary["warnings"]
    assert user_cells(book) == before
    ws = openpyxl.load_workbook(book)["อำนวยการ"]
    assert ws.cell(2, 14).value in (vocab.STATE_VALID, vocab.STATE_INVALID)


def test_sar_compares_with_the_previous_fiscal_year(demo_dir: Path, runner) -> None:
    from datetime import datetime

    from sheetsync.store.folder import OfficeFolder
    from sheetsync.store.history import History

    with History(OfficeFolder(demo_dir).history) as history:
        current = history.evaluation(history.last_run().id)
        last_year = json.loads(json.dumps(current))
        last_year["office"]["score"], last_year["office"]["label"] = 3.1, "ดี"
        last_year["today"] = "2026-09-20"
        run = history.start_run(datetime(2026, 9, 20, 1, 30), datetime(2026, 9, 20).date(), dry_run=False)
        history.finish_run(run, summary={}, evaluation=last_year, writes=[], errors=0, duration=1.0, requests=0,
                           documents=[])
        # The current year's run must be the latest for the SAR: record it again after last year's.
        again = history.start_run(datetime(2027, 4, 5, 1, 30), datetime(2027, 4, 5).date(), dry_run=False)
        history.finish_run(again, summary={}, evaluation=current, writes=[], errors=0, duration=1.0, requests=0,
                           documents=[])
    out = demo_dir / "compare"
    result = invoke(runner, demo_dir, "report", "sar", "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "เปรียบเทียบผลการประเมินกับปีงบประมาณ ๒๕๖๙" in html
    row = re.search(r"<tr><td>ภาพรวมสำนักงาน</td>(.*?)</tr>", html).group(1)
    # this year's reports are incomplete (8 of 9 indicators): its level is not concluded yet (SAR part 4's rule)
    assert row == "<td>๓.๑๐ ดี</td><td>๔.๓๐ ยังไม่สรุป</td><td>เพิ่มขึ้น ๑.๒๐</td>"  # personnel awaits sign-off
