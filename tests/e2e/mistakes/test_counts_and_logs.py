"""The corpus of mistakes, counts and logs (issue 15, point 5): every count is true, every run's log says why
it ended, one timezone.

- A sync counts each row by the state its status cell says: an untouched workbook (setup, then sync, nobody
  typed) is "ยังไม่รายงาน" throughout, never "ถูกต้อง"; the progress step counts the rows judged, not every
  line of every tab (the Status tab's).
- Every run's own log (state/logs/sync-*.log) ends with why it ended: done with the counts, failed with the
  Thai message and its fix (a config error, the workbook open in Excel or LibreOffice), refused by the lock
  (who holds it, since when), stopped (SIGTERM: "ถูกยกเลิก").
- Every time is the office's (office.yaml office.timezone, Asia/Bangkok): each log line, the times history
  stores, the JSON's synced_at, whatever the machine's clock is set to (each run here has TZ set to New
  York's, so that a time taken from the machine's clock would show -04:00 or -05:00).

Each case is one `sheetsync sync` (a subprocess, tests.support.mistakes.run) of the example office set up
and never typed in, or of the demo office (tests.conftest.demo_dir: built and synced on the demo day, with
rows in every state).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from sheetsync.app.provision import run_setup
from sheetsync.core import vocab
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from sheetsync.store.lock import SyncLock
from tests.support.mistakes import Ran, assert_thai, run

DAY = "2027-04-05"
ELSEWHERE = {"TZ": "America/New_York"}  # the machine's clock in another zone than the office's
STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+07:00 ")  # a log line: the office's time and offset
STATE = vocab.INDICATOR_HEADERS["state"]  # the status column (สถานะ), in the group tabs and the outputs tab
THAI_MOMENT = re.compile(r"[๐-๙]{1,2} [ก-๙.]+ [๐-๙]{4} [๐-๙]{2}:[๐-๙]{2} น\.")  # ๕ เม.ย. ๒๕๗๐ ๐๑:๓๐ น.


@pytest.fixture(scope="module")
def untouched_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example office after `sheetsync setup`, nobody having typed anything (set up once per module)."""
    office = tmp_path_factory.mktemp("untouched") / "office"
    shutil.copytree(Path(__file__).resolve().parents[3] / "config", office)
    run_setup(office)
    return office


@pytest.fixture
def untouched(tmp_path: Path, untouched_template: Path) -> Path:
    target = tmp_path / "office"
    shutil.copytree(untouched_template, target)
    return target


def run_log(office: Path) -> list[str]:
    """The lines of the one run's log the case left (each case runs one sync)."""
    logs = sorted(OfficeFolder(office).logs.glob("sync-*.log"))
    assert len(logs) == 1, logs
    lines = logs[0].read_text(encoding="utf-8").splitlines()
    assert lines and all(STAMP.match(line) for line in lines), lines
    return [STAMP.sub("", line) for line in lines]


def status_states(book: Path) -> Counter[str]:
    """What the status cells of the group tabs and the outputs tab say, counted."""
    states: Counter[str] = Counter()
    for ws in openpyxl.load_workbook(book).worksheets:
        header = [c.value for c in ws[1]]
        if ws.title == vocab.STATUS_TAB or STATE not in header:
            continue
        col = header.index(STATE)
        states.update(row[col] for row in ws.iter_rows(min_row=2, values_only=True) if row[col])
    return states


def stored_times(office: Path) -> list[str]:
    """Every time history holds for runs, rounds and reminders, as stored."""
    with sqlite3.connect(f"{OfficeFolder(office).history.resolve().as_uri()}?mode=ro", uri=True) as conn:
        times = [t for row in conn.execute("SELECT started_at, finished_at, recorded_at FROM runs") for t in row]
        times += [r[0] for r in conn.execute("SELECT at FROM round_events")]
        times += [r[0] for r in conn.execute("SELECT at FROM reminders")]
    return [t for t in times if t is not None]


# --- counts -------------------------------------------------------------------------------------------

def test_an_untouched_workbook_is_not_reported_not_valid(untouched: Path) -> None:
    ran = run("--config", untouched, "sync", "--today", DAY, env=ELSEWHERE)
    assert_thai(ran, 0, "แถว ๑๖: ถูกต้อง ๐ มีข้อผิดพลาด ๐ ยังไม่รายงาน ๑๖", "ตรวจข้อมูลและให้คะแนน ๑๖ แถว")
    assert "ถูกต้อง ๑๖" not in ran.text
    assert status_states(untouched / "office.xlsx") == {vocab.STATE_NOT_REPORTED: 16}
    log = run_log(untouched)
    assert log[-1].startswith("เสร็จ: แถว ๑๖: ถูกต้อง ๐ มีข้อผิดพลาด ๐ ยังไม่รายงาน ๑๖"), log
    # Times: each log line (above), history and the Status tab's, all the office's, none the machine's.
    assert stored_times(untouched) and all(t.endswith("+07:00") for t in stored_times(untouched))


def test_an_untouched_workbook_in_json(untouched: Path) -> None:
    ran = run("--config", untouched, "sync", "--json", "--today", DAY, env=ELSEWHERE)
    assert ran.code == 0, ran.text
    summary = json.loads(ran.out)
    counts = {k: summary[k] for k in ("rows", "valid_rows", "error_rows", "target_rows", "draft_rows",
                                      "not_reported_rows")}
    assert counts == {"rows": 16, "valid_rows": 0, "error_rows": 0, "target_rows": 0, "draft_rows": 0,
                      "not_reported_rows": 16}
    assert summary["synced_at"].startswith(DAY + "T") and summary["synced_at"].endswith("+07:00")
    assert not re.search(r"\d\dZ\b|\+00:00|-0[45]:00", ran.out)  # no UTC, no machine time, anywhere in it
    assert all(t.endswith("+07:00") for t in stored_times(untouched))


def test_the_counts_are_what_the_status_cells_say(demo_dir: Path) -> None:
    """The demo has rows in every state a group meets: the counts printed, in the log and in history's
    summary are those of the status cells, and the progress step counts the rows (20), not the 74 lines of
    every tab read."""
    ran = run("--config", demo_dir, "sync", "--today", DAY, env=ELSEWHERE)
    line = "แถว ๒๐: ถูกต้อง ๙ มีข้อผิดพลาด ๕ กำหนดเป้าหมายแล้ว ๒ ต้องเพิ่มเติม ๒ รอหัวหน้ากลุ่มรับรอง ๑ ยังไม่รายงาน ๑"
    assert_thai(ran, 0, line, "(ข้อผิดพลาด ๖ รายการ)", "ตรวจข้อมูลและให้คะแนน ๒๐ แถว")
    assert status_states(demo_dir / "office.xlsx") == {vocab.STATE_VALID: 9, vocab.STATE_INVALID: 5,
                                                       vocab.STATE_TARGET_ONLY: 2, vocab.STATE_NOT_REPORTED: 1,
                                                       vocab.STATE_INCOMPLETE: 2, vocab.STATE_AWAITING_SIGNOFF: 1}
    assert run_log(demo_dir)[-1].startswith(f"เสร็จ: {line}")
    with History(OfficeFolder(demo_dir).history, read_only=True) as history:
        last = history.last_run()
        assert last is not None
        summary = history.summary(last.id) or {}
    assert (summary["valid_rows"], summary["error_rows"], summary["target_rows"], summary["not_reported_rows"]) == (
        9, 5, 2, 1)
    assert (summary["incomplete_rows"], summary["unsigned_rows"]) == (2, 1)


# --- why each run ended ---------------------------------------------------------------------------------

def test_a_sync_refused_by_the_lock_says_who_holds_it_in_its_log(demo_dir: Path) -> None:
    with SyncLock(OfficeFolder(demo_dir).lock, "restore"):  # this test holds it, as a restore running now would
        ran = run("--config", demo_dir, "sync", "--today", DAY, env=ELSEWHERE)
    held = f"(restore, pid {os.getpid()})"
    assert_thai(ran, 1, held, "ตั้งแต่ ")
    assert THAI_MOMENT.search(ran.err), ran.err  # since when, as a sentence says it
    log = run_log(demo_dir)
    assert log[0].startswith("เริ่มซิงก์ ")
    refused = [line for line in log if line.startswith("ไม่ได้ซิงก์: ")]
    assert len(refused) == 1 and held in refused[0] and THAI_MOMENT.search(refused[0]), log
    assert log[-1] == vocab.CLI_FIX.format(hint=vocab.LOCK_HINT)


def test_a_config_error_run_has_its_log_too(example_config: Path) -> None:
    office_yaml = example_config / "office.yaml"
    office_yaml.write_text(office_yaml.read_text(encoding="utf-8").replace("fiscal_year: 2570", "fiscal_year: abc"),
                           encoding="utf-8")
    ran = run("--config", example_config, "sync", env=ELSEWHERE)
    assert_thai(ran, 2, "office.yaml", "fiscal_year")
    log = run_log(example_config)
    failed = [line for line in log if line.startswith("ไม่สำเร็จ: ")]
    assert failed and "office.yaml" in "\n".join(log[log.index(failed[0]):]), log
    assert "fiscal_year" in "\n".join(log)


def test_a_folder_that_is_no_office_gets_no_log(tmp_path: Path) -> None:
    """A mistyped --config is no office: nothing of sheetsync's (state/, a log) is written into it."""
    ran = run("--config", tmp_path, "sync")
    assert ran.code == 2, ran.text
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lock_name", ["~$office.xlsx", ".~lock.office.xlsx#"])
def test_a_sync_of_a_workbook_open_elsewhere_says_so_in_its_log_and_history(demo_dir: Path, lock_name: str) -> None:
    (demo_dir / lock_name).write_text("", encoding="utf-8")  # what Excel / LibreOffice leave while it is open
    ran = run("--config", demo_dir, "sync", "--today", DAY, env=ELSEWHERE)
    assert_thai(ran, 1, lock_name, "วิธีแก้:")
    log = run_log(demo_dir)
    assert log[-2].startswith("ไม่สำเร็จ: ") and lock_name in log[-2], log
    assert log[-1].startswith("วิธีแก้: ")
    with History(OfficeFolder(demo_dir).history, read_only=True) as history:
        last = history.runs()[-1]
    # history's reason is the Thai message, not the exception's name (WorkbookLocked: ...)
    assert last.status == "failed" and last.failure is not None and last.failure in log[-2]
    assert last.started_at.utcoffset() is not None and last.started_at.utcoffset().total_seconds() == 7 * 3600


def test_a_sync_stopped_by_sigterm_says_so(demo_dir: Path) -> None:
    """systemd stopping the job (SIGTERM) while the sync reads: "ถูกยกเลิก" in the log, in history and on the
    console, the lock released. The workbook is a FIFO nobody writes to: the read waits there until the
    signal comes, whatever the machine's speed."""
    book = demo_dir / "office.xlsx"
    book.unlink()
    os.mkfifo(book)
    env = {**os.environ, "NO_COLOR": "1", **ELSEWHERE}
    env.pop("SHEETSYNC_CONFIG", None)
    proc = subprocess.Popen([sys.executable, "-m", "sheetsync", "--config", str(demo_dir), "sync", "--today", DAY],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:  # the progress (not a terminal: a line per step) says when the read starts
        seen.append(line)
        if vocab.STEP_READ in line:
            break
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=300)
    ran = Ran(proc.returncode, out, "".join(seen) + err)
    stopped = vocab.RUN_INTERRUPTED.format(how=vocab.RUN_INTERRUPTED_SIGTERM)
    assert_thai(ran, 128 + signal.SIGTERM, stopped)
    assert run_log(demo_dir)[-1] == stopped
    with History(OfficeFolder(demo_dir).history, read_only=True) as history:
        last = history.runs()[-1]
    assert (last.status, last.failure) == ("failed", stopped)
    assert not OfficeFolder(demo_dir).lock_info.exists()  # released on the way out
