"""Issue 16, point 3: documents never hold up the sync.

Under the lock the sync writes the status and records what must happen once (the memo's number and
content, the reminders it owes); the lock is released; then the memo is rendered and the reminders sent,
each once per memo and group even with two syncs racing (their own lock). A sync that fails to render
or dies after the release leaves a pending memo that the next sync (or `sheetsync report memo`, the
nightly step after `sync --no-documents`) renders and sends. And the PDF engine: one font configuration
per process, HarfBuzz subsetting when present, fontTools silently otherwise.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import sheetsync.app.followup as followup
from sheetsync.app.reminders import OWED, send_owed
from sheetsync.core import vocab
from sheetsync.documents import render
from sheetsync.documents.render import RenderError
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from sheetsync.store.lock import SyncLock, probe
from tests.fakes.smtp_server import SmtpServer
from tests.support.cli import invoke
from tests.support.mail import ENV, PASSWORD, SENDER, set_reminders, smtp_settings
from tests.support.pdf import embedded_fonts, pdf_text

NEXT_DAY = "2027-04-06"  # memo 2: the demo's late group reported, a new situation
SUPERVISION, POLICY = "นิเทศ ติดตามและประเมินผล", "นโยบายและแผน"


def set_cells(config: Path, tab: str, row: int, **by_label: object) -> None:
    """Type into row `row` of `tab`, by column label, as a person would."""
    book = config / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb[tab]
    header = {c.value: c.column for c in ws[1]}
    for label, value in by_label.items():
        ws.cell(row, header[label]).value = value
    wb.save(book)


def supervision_reports(config: Path) -> None:
    """The late group reports indicator 2.1: a new situation, so the next sync issues a new memo."""
    set_cells(config, SUPERVISION, 2, **{"ผลการดำเนินงาน": "นิเทศครบทุกโรงเรียน", "ประเด็นที่ผ่าน": "1-6",
                                         "หลักฐานอ้างอิง": "รายงานการนิเทศ", "วันที่รายงาน": "๓ เม.ย. ๒๕๗๐"})


def policy_adds_evidence(config: Path) -> None:
    """The policy group types the evidence its indicator 1.3 lacked: one item fewer, so a new memo."""
    ws = openpyxl.load_workbook(config / "office.xlsx")[POLICY]
    (row,) = [r for r in range(2, ws.max_row + 1) if str(ws.cell(r, 1).value) == "1.3"]
    set_cells(config, POLICY, row, **{"หลักฐานอ้างอิง": "1-2: รายงานการประชุมเครือข่าย"})


def memo_groups(config: Path, number: int) -> list[str]:
    with History(OfficeFolder(config).history) as h:
        memo = next(m for m in h.memos() if m.number == number)
    return [g["code"] for g in memo.data["groups"]]


def sync_json(runner, config: Path, *extra: str, day: str = NEXT_DAY) -> tuple[Any, dict[str, Any]]:
    result = invoke(runner, config, "sync", "--json", "--today", day, *extra)
    return result, json.loads(result.stdout) if result.stdout.strip() else {}


def statuses(config: Path, number: int) -> dict[str, str]:
    with History(OfficeFolder(config).history) as h:
        memo = next(m for m in h.memos() if m.number == number)
        return h.reminder_statuses(memo.key)


def memo_numbers(config: Path) -> list[int]:
    with History(OfficeFolder(config).history) as h:
        return [m.number for m in h.memos()]


def heads_mailed(smtp: SmtpServer) -> Counter[str]:
    return Counter(m.rcpt_tos[0] for m in smtp.inbox)


def expected_heads(config: Path, number: int) -> Counter[str]:
    office = load_office(config)
    return Counter(office.group(code).head.email for code in memo_groups(config, number))


def no_traceback(result) -> None:
    assert "Traceback" not in result.output and "Traceback" not in result.stderr, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


@pytest.fixture
def mailing(demo_dir: Path, monkeypatch):
    """The demo office with reminders to a loopback SMTP server, and a new situation for NEXT_DAY."""
    monkeypatch.setenv(ENV, PASSWORD)
    with SmtpServer(username=SENDER, password=PASSWORD) as smtp:
        set_reminders(demo_dir, **smtp_settings(smtp))
        supervision_reports(demo_dir)
        yield smtp


def subprocess_env(config: Path) -> dict[str, str]:
    return {**os.environ, "SHEETSYNC_CONFIG": str(config), ENV: PASSWORD}


def start_sync(config: Path, day: str = NEXT_DAY) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "sheetsync", "sync", "--today", day], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True, env=subprocess_env(config))


def wait_for_line(proc: subprocess.Popen[str], text: str) -> list[str]:
    """The process's progress lines up to the first holding `text` (all of them if it never says it)."""
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if text in line:
            break
    return seen


# --- the order: status, record, release, render -----------------------------------------------------

def test_the_memo_is_rendered_after_the_lock_is_released(demo_dir: Path, runner, monkeypatch) -> None:
    places = OfficeFolder(demo_dir)
    supervision_reports(demo_dir)
    seen: list[tuple[str, list[int]]] = []
    real = followup.render_memo

    def spy(*args: Any, **kwargs: Any) -> list[Path]:
        seen.append((probe(places.lock).state, memo_numbers(demo_dir)))  # the lock, and what history holds
        return real(*args, **kwargs)

    monkeypatch.setattr(followup, "render_memo", spy)
    result, summary = sync_json(runner, demo_dir)
    assert result.exit_code == 0, result.output
    assert seen == [("free", [1, 2])]  # memo 2 numbered and recorded before the release, rendered after it
    assert sorted(Path(p).name for p in summary["documents"]) == ["memo-0002.docx", "memo-0002.pdf"]
    with History(places.history) as h:
        run = h.last_run()
        assert run is not None and run.status == "ok" and run.documents == summary["documents"]
    log = sorted(places.logs.glob("sync-*.log"))[-1].read_text(encoding="utf-8").splitlines()
    released = next(i for i, line in enumerate(log) if line.endswith(vocab.STEP_LOCK_RELEASED))
    documents = next(i for i, line in enumerate(log) if line.endswith(vocab.STEP_DOCUMENTS))
    assert released < documents and "เสร็จ:" in log[-1]


def test_no_documents_then_report_memo_renders_and_sends_once(mailing: SmtpServer, demo_dir: Path, runner) -> None:
    places = OfficeFolder(demo_dir)
    result, summary = sync_json(runner, demo_dir, "--no-documents")
    assert result.exit_code == 0, result.output
    assert summary["documents"] == [] and summary["warnings"] == []
    assert 2 in memo_numbers(demo_dir) and not (places.out / "memo-0002.pdf").exists()
    assert set(statuses(demo_dir, 2).values()) == {OWED} and mailing.inbox == []  # owed, not sent

    made = invoke(runner, demo_dir, "report", "memo")  # the nightly job's next step
    assert made.exit_code == 0, made.output
    assert str(places.out / "memo-0002.pdf") in made.stdout
    assert (places.out / "memo-0002.pdf").is_file() and (places.out / "memo-0002.docx").is_file()
    assert heads_mailed(mailing) == expected_heads(demo_dir, 2)
    assert set(statuses(demo_dir, 2).values()) == {"sent"}
    (attachment,) = mailing.inbox[0].message.iter_attachments()
    assert attachment.get_content() == (places.out / "memo-0002.pdf").read_bytes()

    # Nothing is sent twice: the report again, the same night's sync, the next night's.
    assert invoke(runner, demo_dir, "report", "memo").exit_code == 0
    assert sync_json(runner, demo_dir)[0].exit_code == 0
    assert sync_json(runner, demo_dir, day="2027-04-07")[0].exit_code == 0
    assert heads_mailed(mailing) == expected_heads(demo_dir, 2)


def test_a_render_failure_after_the_release_leaves_the_memo_for_the_next_sync(
        mailing: SmtpServer, demo_dir: Path, runner, monkeypatch) -> None:
    places = OfficeFolder(demo_dir)

    def broken(*args: Any, **kwargs: Any) -> list[Path]:
        raise RenderError("อ่านไฟล์ฟอนต์ไม่ได้", "ตรวจ documents.font")

    monkeypatch.setattr(followup, "render_memo", broken)
    result, _ = sync_json(runner, demo_dir)
    assert result.exit_code == 1 and "อ่านไฟล์ฟอนต์ไม่ได้" in result.stdout
    no_traceback(result)
    assert probe(places.lock).state == "free"
    with History(places.history) as h:
        run = h.last_run()
        assert run is not None and run.status == "ok"  # the sheets were synced and the run recorded
    assert 2 in memo_numbers(demo_dir) and not (places.out / "memo-0002.pdf").exists()
    assert mailing.inbox == []  # the reminders attach the memo: they wait for it

    monkeypatch.undo()
    monkeypatch.setenv(ENV, PASSWORD)
    result, summary = sync_json(runner, demo_dir)
    assert result.exit_code == 0, result.output
    assert sorted(Path(p).name for p in summary["documents"]) == ["memo-0002.docx", "memo-0002.pdf"]
    assert memo_numbers(demo_dir) == [1, 2]  # the same memo, not a new number
    assert heads_mailed(mailing) == expected_heads(demo_dir, 2)


def test_a_pending_memo_is_rendered_even_when_the_situation_moved_on(
        mailing: SmtpServer, demo_dir: Path, runner, monkeypatch) -> None:
    places = OfficeFolder(demo_dir)
    assert sync_json(runner, demo_dir, "--no-documents")[0].exit_code == 0  # memo 2 owed, never rendered
    late = Counter(expected_heads(demo_dir, 2))
    policy_adds_evidence(demo_dir)  # another situation: memo 3 tonight
    result, summary = sync_json(runner, demo_dir, day="2027-04-07")
    assert result.exit_code == 0, result.output
    assert memo_numbers(demo_dir) == [1, 2, 3]
    names = sorted(Path(p).name for p in summary["documents"])
    assert names == ["memo-0002.docx", "memo-0002.pdf", "memo-0003.docx", "memo-0003.pdf"]
    late += expected_heads(demo_dir, 3)  # memo 2's e-mails, owed, and memo 3's, tonight's news
    assert heads_mailed(mailing) == late
    with History(places.history) as h:
        issuer = next(m for m in h.memos() if m.number == 2).run_id
        run = h.run(issuer)
        assert run is not None and {Path(d).name for d in run.documents} >= {"memo-0002.pdf", "memo-0002.docx"}


def test_a_sync_killed_after_the_release_leaves_it_to_the_next(mailing: SmtpServer, demo_dir: Path, runner) -> None:
    places = OfficeFolder(demo_dir)
    proc = start_sync(demo_dir)
    lines = wait_for_line(proc, vocab.STEP_LOCK_RELEASED)
    assert lines and vocab.STEP_LOCK_RELEASED in lines[-1], "".join(lines)
    proc.send_signal(signal.SIGKILL)  # while it renders (or later: each case must come out the same)
    proc.wait(timeout=60)
    assert 2 in memo_numbers(demo_dir)
    assert probe(places.lock).state == "free"  # released before it died: no record left, nothing to take over
    result, summary = sync_json(runner, demo_dir)
    assert result.exit_code == 0, result.output
    assert not any("pid" in w for w in summary["warnings"])
    assert (places.out / "memo-0002.pdf").is_file() and (places.out / "memo-0002.docx").is_file()
    assert heads_mailed(mailing) == expected_heads(demo_dir, 2)  # each group once, whoever sent it
    assert set(statuses(demo_dir, 2).values()) == {"sent"}


# --- racing -----------------------------------------------------------------------------------------

def test_two_syncs_racing_send_each_reminder_once(mailing: SmtpServer, demo_dir: Path) -> None:
    places = OfficeFolder(demo_dir)
    with SyncLock(places.send_lock, what="test"):  # both syncs reach the send step and wait for it
        first = start_sync(demo_dir)
        assert vocab.STEP_LOCK_RELEASED in wait_for_line(first, vocab.STEP_LOCK_RELEASED)[-1]
        second = start_sync(demo_dir)  # syncs while the first renders: the sync lock is free
        for proc in (first, second):
            assert vocab.STEP_DOCUMENTS in wait_for_line(proc, vocab.STEP_DOCUMENTS)[-1]
        assert mailing.inbox == []
    for proc in (first, second):
        _, rest = proc.communicate(timeout=180)
        assert proc.returncode == 0, rest
    assert heads_mailed(mailing) == expected_heads(demo_dir, 2)
    assert memo_numbers(demo_dir) == [1, 2]
    assert set(statuses(demo_dir, 2).values()) == {"sent"}


def test_two_senders_at_once_send_once(mailing: SmtpServer, demo_dir: Path, runner) -> None:
    assert sync_json(runner, demo_dir, "--no-documents")[0].exit_code == 0
    office = load_office(demo_dir)
    warnings: list[list[str]] = []
    start = threading.Barrier(2)

    def send() -> None:
        with History(OfficeFolder(demo_dir).history) as h:
            run = h.last_run()
            assert run is not None
            start.wait()
            warnings.append(send_owed(office, h, run.id, demo_dir, None))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert warnings == [[], []]
    assert heads_mailed(mailing) == expected_heads(demo_dir, 2)


# --- the PDF engine -----------------------------------------------------------------------------------

def test_one_font_configuration_for_every_document(demo_dir: Path, monkeypatch, runner) -> None:
    import weasyprint

    given: list[Any] = []
    real = weasyprint.HTML.write_pdf

    def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
        given.append(kwargs.get("font_config"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", spy)
    for kind in ("memo", "order"):
        assert invoke(runner, demo_dir, "report", kind, "--format", "pdf").exit_code == 0
    assert len(given) == 2 and given[0] is given[1] is render.font_configuration()
    fonts = embedded_fonts(demo_dir / "out" / "memo-0001.pdf")
    assert fonts and all(names == {"Sarabun"} for names in fonts.values()), fonts


def test_fonttools_fallback_is_silent_and_right(demo_dir: Path, monkeypatch, caplog, runner) -> None:
    import weasyprint.pdf.fonts

    assert render.subsetter() == "harfbuzz"  # the Makefile installs libharfbuzz-subset0
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)  # as where the library is missing
    assert render.subsetter() == "fonttools"
    caplog.set_level(logging.WARNING)
    result = invoke(runner, demo_dir, "report", "memo", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert not [r for r in caplog.records if "fontTools" in r.getMessage()]
    pdf = demo_dir / "out" / "memo-0001.pdf"
    fonts = embedded_fonts(pdf)
    assert fonts and all(names == {"Sarabun"} for names in fonts.values()), fonts
    assert "บันทึกข้อความ" in pdf_text(pdf)


def test_the_shared_configuration_leaves_no_temporary_folder(demo_dir: Path, tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**subprocess_env(demo_dir), "TMPDIR": str(temp)}
    proc = subprocess.run([sys.executable, "-m", "sheetsync", "report", "memo"], capture_output=True, text=True,
                          env=env, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert (demo_dir / "out" / "memo-0001.pdf").is_file()
    assert list(temp.glob("weasyprint-*")) == []
