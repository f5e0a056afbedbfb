"""One sync: read every tab once, validate, score, plan the status cells, write them once.

The guarantees of design.md that live here: only planned status cells are written (the plan is
built from status columns alone); writes are batched (one read, one write); if rows moved between the
read and the write the whole sync is read and planned again, a bounded number of times, and never
lands beside the wrong row.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from time import monotonic
from types import FrameType
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from sheetsync.app.followup import Decision, decide_followup, finish_followup
from sheetsync.app.progress import Progress
from sheetsync.backends import open_backend
from sheetsync.backends.base import Backend, RowsMoved
from sheetsync.core import thai, vocab
from sheetsync.core.cells import CellValue, CellWrite, RawTable
from sheetsync.core.collector import collector_paused
from sheetsync.core.deadlines import Schedule
from sheetsync.core.errors import BackendError, HistoryError, SheetSyncError, UsageError
from sheetsync.core.evaluate import Evaluation, evaluate
from sheetsync.core.layout import tabs_to_read
from sheetsync.core.models import DEFAULT_TIMEZONE, Office
from sheetsync.core.roundclose import FrozenRound, freeze
from sheetsync.core.rounds import EMPTY_BOOK, RoundBook, due_to_close
from sheetsync.core.signoff import Seen
from sheetsync.core.status import Texts, plan, row_state
from sheetsync.core.thai import to_thai_digits
from sheetsync.core.workdays import Dates
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from sheetsync.store.lock import Locked, SyncLock

MAX_ATTEMPTS = 3


class ErrorOut(BaseModel):
    tab: str
    cell: str
    code: str
    message: str


class Overall(BaseModel):
    score: float | None
    level: str
    reported: int
    total: int


class PlannedCell(BaseModel):
    tab: str
    cell: str
    value: CellValue


class SyncSummary(BaseModel):
    """What one sync did: what `sync` prints, what `sync --json` gives, what history keeps of the run.

    Rows. `rows` is every row the sync judged: the group tabs' indicator rows and the rows of the
    successful-outputs tab (a row with no value in it is no row). Each is counted once, by the state
    its status cell says (core.status.row_state), so the seven counts add up to `rows`:
    - `valid_rows` (ถูกต้อง): carries a report (a result typed; an outputs-tab row is a report in
      itself) and has no error. A row nobody typed in is never valid: it is not reported;
    - `error_rows` (มีข้อผิดพลาด): has at least one error;
    - `target_rows` (กำหนดเป้าหมายแล้ว): its targets typed, no result yet;
    - `draft_rows` (เป้าหมายร่าง): its target is still the draft `sheetsync new-year` carried from last
      year, for the group to review, whatever else the row holds;
    - `not_reported_rows` (ยังไม่รายงาน): nothing typed but what setup put there (code and title);
    - `incomplete_rows` (ต้องเพิ่มเติม): reported, valid and scored, but an explanation (a level below
      `explain_below`) or a met criterion's evidence is still missing;
    - `unsigned_rows` (รอหัวหน้ากลุ่มรับรอง, ต้องรับรองใหม่): with `signoff: required`, reported and valid
      but not signed by the group head, or signed and edited since (core.signoff).
    `errors` lists every error with its cell: a row may have several, and a missing header is one
    error for its tab, on no row, so its length is no count of rows.

    Times: `synced_at` is when the sync ran, in the office's timezone (office.yaml `office.timezone`)
    with its offset (`2027-04-05T01:30:00+07:00` in JSON); `today` is the day judged (`--today`).
    """

    office: str
    backend: str
    today: date
    synced_at: datetime
    dry_run: bool
    rows: int
    valid_rows: int
    error_rows: int = 0
    target_rows: int = 0
    draft_rows: int = 0
    not_reported_rows: int = 0
    incomplete_rows: int = 0
    unsigned_rows: int = 0
    cells_written: int
    requests: int
    retries: int = 0  # transient API errors retried (429, 5xx, timeouts)
    attempts: int
    overall: Overall
    errors: list[ErrorOut]
    notices: list[ErrorOut] = []  # what valid rows still lack (problems.NOTICES): said beside them, scored
    documents: list[str] = []
    planned: list[PlannedCell] = []
    late_groups: list[str] = []
    missing_tabs: list[str] = []  # configured tabs not found: the rest is synced, the exit status is 1
    # A group tab (office.yaml) -> the tab its group renamed it to, read and written in its place
    # (backends.tabs); a warning says so, and the exit status stays 0.
    tabs_found: dict[str, str] = {}
    warnings: list[str] = []
    closed_rounds: list[str] = []  # rounds this sync closed (their results frozen in history)
    run_id: int | None = None  # the run's number in history, when recorded

    def rows_text(self) -> str:
        """The rows by state, as the summary and the run's log say them: แถว ๑๖: ถูกต้อง ๐ มีข้อผิดพลาด ๐
        ยังไม่รายงาน ๑๖ (the targets-only and draft states only when there are any)."""
        states = [(vocab.STATE_VALID, self.valid_rows), (vocab.STATE_INVALID, self.error_rows)]
        states += [(s, c) for s, c in ((vocab.STATE_TARGET_ONLY, self.target_rows), (vocab.ROW_STATE_DRAFT, self.draft_rows),
                                       (vocab.STATE_INCOMPLETE, self.incomplete_rows),
                                       (vocab.STATE_AWAITING_SIGNOFF, self.unsigned_rows)) if c]
        states.append((vocab.STATE_NOT_REPORTED, self.not_reported_rows))
        return vocab.ROWS_COUNTED.format(rows=to_thai_digits(self.rows), states=" ".join(
            vocab.ROW_STATE_COUNT.format(state=state, count=to_thai_digits(count)) for state, count in states))


# Each state a status cell can say (core.status.row_state), and the SyncSummary count it is counted in.
_STATE_COUNTS = {vocab.STATE_VALID: "valid_rows", vocab.STATE_INVALID: "error_rows",
                 vocab.STATE_TARGET_ONLY: "target_rows", vocab.STATE_TARGET_DRAFT: "draft_rows",
                 vocab.STATE_NOT_REPORTED: "not_reported_rows", vocab.STATE_INCOMPLETE: "incomplete_rows",
                 vocab.STATE_AWAITING_SIGNOFF: "unsigned_rows", vocab.STATE_SIGNOFF_VOID: "unsigned_rows"}


def count_rows(office: Office, ev: Evaluation) -> dict[str, int]:
    """Every row by the state its status cell says: the same function that writes the cell decides
    (row_state: that cell alone, not the row's other four made and thrown away), so the counts are what
    the groups see. The outputs tab's rows are valid or not (core.status)."""
    counts = dict.fromkeys(_STATE_COUNTS.values(), 0)
    texts = Texts(office, ev.rounds)
    for outcomes in ev.outcomes.values():
        for outcome in outcomes:
            counts[_STATE_COUNTS[row_state(outcome.row, texts)]] += 1
    for row in ev.outputs.rows if ev.outputs else []:
        counts["error_rows" if row.errors else "valid_rows"] += 1
    return counts


def office_now(office: Office, today: date | None = None) -> datetime:
    """Now in the office's timezone; with `today` set, that day at the current wall-clock time."""
    tz = ZoneInfo(office.office.timezone)
    now = datetime.now(tz).replace(microsecond=0)
    if today is not None:
        now = datetime.combine(today, time(now.hour, now.minute, now.second), tz)
    return now


def sync_office(office: Office, backend: Backend, now: datetime, dry_run: bool = False,
                history: History | None = None, progress: Progress | None = None,
                close: tuple[str, ...] = (), closed_by: str = "") -> tuple[SyncSummary, Evaluation]:
    """One sync, which stops at the write. With `history`, the run is recorded: its raw snapshot right
    after each read and before any write, then its outcome (or why it failed), and the rounds it closed
    (core.rounds: those past their grace, and those named in `close`, by `closed_by`). The follow-up
    (memo, reminders) is its own step after this one: app.followup."""
    progress = progress or Progress(quiet=True)
    # The whole sync with the cyclic collector paused (core.collector): the read, the write and the
    # record hold tens of thousands of objects to the end too, and at 50,000 rows the collector's passes
    # over them were a third of the sync (6.6 s of 17) and made it grow faster than the rows.
    with collector_paused():
        return _sync_office(office, backend, now, dry_run, history, progress, close, closed_by)


def _sync_office(office: Office, backend: Backend, now: datetime, dry_run: bool, history: History | None,
                 progress: Progress, close: tuple[str, ...], closed_by: str) -> tuple[SyncSummary, Evaluation]:
    if history is None:
        summary, ev, _, _ = _sync(office, backend, now, dry_run, progress=progress, close=close, closed_by=closed_by)
        return summary, ev
    book = history.round_book(office.office.fiscal_year)
    signed = history.signoffs(office.office.fiscal_year) if office.signoff_required() else {}
    run_id = history.start_run(now, now.date(), dry_run)
    started = monotonic()
    try:
        summary, ev, writes, frozen = _sync(office, backend, now, dry_run, progress=progress, book=book, close=close,
                                            closed_by=closed_by, signed=signed,
                                            on_read=lambda tables, attempt: history.save_raw(run_id, tables, attempt))
        if not dry_run:
            for round_ in frozen:  # before the run is finished: a report of this run reads the round closed
                history.close_round(round_, run_id)
            # the figures each new sign-off covers: a later edit of them voids it (core.signoff)
            history.record_signoffs(office.office.fiscal_year, ev.new_signoffs, run_id)
    except BaseException as exc:
        history.fail_run(run_id, why_failed(exc), monotonic() - started)
        raise
    summary.run_id = run_id
    # History serializes the records itself; the cells written go as plain (tab, row, col, value).
    history.finish_run(run_id, summary=summary, evaluation=ev, writes=[(w.tab, w.row, w.col, w.value) for w in writes],
                       errors=len(ev.errors), duration=monotonic() - started, requests=summary.requests,
                       documents=summary.documents)
    return summary, ev


def close_rounds(office: Office, ev: Evaluation, tables: dict[str, RawTable], schedule: Schedule, book: RoundBook,
                 dates: Dates, now: datetime, close: tuple[str, ...] = (), closed_by: str = "",
                 signed: Seen | None = None) -> tuple[Evaluation, Schedule, list[FrozenRound]]:
    """The rounds this sync closes (past their grace, or named in `close`), frozen from `ev`, oldest
    first, and the day judged again with them closed (so the status cells say so tonight)."""
    today = now.date()
    auto = due_to_close(office, book, today, schedule.closes_after)
    asked = [m for m in office.rounds() if m.code in close and not book.is_closed(m.code)]
    closing = sorted({m.code: m for m in [*auto, *asked]}.values(), key=lambda m: m.due)
    frozen = []
    for m in closing:
        asked_now = m.code in close
        by = closed_by if asked_now and closed_by else vocab.ROUND_BY_SYNC
        # A round that closes on its own closed when its grace (or a reopen's `until`) ended, even when
        # the first sync after that comes days later: reports dated after that day belong to the next round.
        reopened = book.reopened.get(m.code)
        ended = reopened.until if reopened is not None else schedule.closes_after[m.code]
        closed_on = today if asked_now or ended is None else min(today, ended + timedelta(days=1))
        round_ = freeze(office, ev, schedule, m, closed_on, by, now)
        frozen.append(round_)
        book = book.with_closed(m.code, round_.closed())
        schedule = Schedule.of(office, today, book, dates)
        ev = evaluate(office, tables, today, book, schedule, signed)
    return ev, schedule, frozen


def _sync(office: Office, backend: Backend, now: datetime, dry_run: bool, progress: Progress,
          on_read: Callable[[dict[str, RawTable], int], None] | None = None, book: RoundBook = EMPTY_BOOK,
          close: tuple[str, ...] = (), closed_by: str = "", signed: Seen | None = None,
          ) -> tuple[SyncSummary, Evaluation, list[CellWrite], list[FrozenRound]]:
    if not dry_run:
        backend.check_writable()  # say so before the long read, not after it
    unknown = [c for c in close if c not in {m.code for m in office.rounds()}]
    if unknown:
        raise UsageError(vocab.ROUND_UNKNOWN.format(code=unknown[0]),
                         vocab.ROUND_UNKNOWN_HINT.format(codes=", ".join(m.code for m in office.rounds())))
    today = now.date()
    dates = Dates(office)
    written = 0
    for attempt in range(1, MAX_ATTEMPTS + 1):
        progress.step(f"{vocab.STEP_READ} ({backend.describe()})")
        tables = backend.read(tabs_to_read(office), on_tab=lambda tab: progress.step(vocab.STEP_READ_TAB.format(tab=tab)))
        if on_read is not None:
            on_read(tables, attempt)
        # The core allocates many small objects and frees none of them until the plan is made: the
        # cyclic collector would only rescan them (about half the time at 5,000 rows, see bench/);
        # paused here too for a caller of _sync that did not pause it (sync_office does).
        with collector_paused():
            schedule = Schedule.of(office, today, book, dates)
            ev = evaluate(office, tables, today, book, schedule, signed)
            ev, schedule, frozen = close_rounds(office, ev, tables, schedule, book, dates, now, close, closed_by, signed)
            ev.tabs_found = {f.tab: f.found for f in getattr(backend, "found", [])}  # for the Status tab
            # Said once the rows are known: the rows judged, not every line of every tab read (the Status tab's).
            progress.step(vocab.STEP_VALIDATE.format(rows=to_thai_digits(ev.row_count)))
            write_plan, _ = plan(office, ev, tables, now)
        if dry_run:
            break
        try:
            progress.step(vocab.STEP_WRITE.format(cells=len(write_plan.writes)))
            written = backend.write(write_plan)
            break
        except RowsMoved:
            progress.step(vocab.STEP_RETRY.format(attempt=attempt + 1))
            if attempt == MAX_ATTEMPTS:
                raise BackendError(vocab.ROWS_KEPT_MOVING.format(attempts=MAX_ATTEMPTS),
                                   vocab.ROWS_KEPT_MOVING_HINT) from None
    warnings = list(write_plan.notes)  # status columns added, or not the sync's (core.status)
    warnings += getattr(backend, "warnings", [])  # the workbook: a save race seen, cells it left alone
    if write_plan.marks and not dry_run:
        try:
            backend.mark_columns(write_plan.marks)  # so that the next sync finds them, and no other
        except BackendError as exc:
            warnings.append(vocab.STATUS_MARK_FAILED.format(problem=exc.message))
    names = {g.code: g.name for g in office.groups}
    counts = count_rows(office, ev)
    summary = SyncSummary(
        office=office.office.short_name,
        backend=backend.describe(),
        today=today,
        synced_at=now,
        dry_run=dry_run,
        rows=ev.row_count,
        valid_rows=counts["valid_rows"],
        error_rows=counts["error_rows"],
        target_rows=counts["target_rows"],
        draft_rows=counts["draft_rows"],
        not_reported_rows=counts["not_reported_rows"],
        incomplete_rows=counts["incomplete_rows"],
        unsigned_rows=counts["unsigned_rows"],
        cells_written=written,
        requests=backend.requests,
        retries=getattr(backend, "retries", 0),
        attempts=attempt,
        overall=Overall(score=ev.office.score, level=ev.office.label, reported=ev.office.reported,
                        total=ev.office.total),
        errors=[ErrorOut(tab=e.tab, cell=e.cell, code=e.code, message=e.message) for e in ev.errors],
        notices=[ErrorOut(tab=n.tab, cell=n.cell, code=n.code, message=n.message)
                 for tab in ev.outcomes.values() for o in tab for n in o.row.notices],
        planned=[_planned(w) for w in write_plan.writes] if dry_run else [],
        late_groups=[names[g.group] for g in ev.groups if g.state == "overdue"],
        missing_tabs=ev.missing_tabs,
        tabs_found=ev.tabs_found,
        warnings=warnings,
        closed_rounds=[r.code for r in frozen],
    )
    for r in frozen:
        summary.warnings.append((vocab.ROUND_WOULD_CLOSE if dry_run else vocab.ROUND_CLOSED_NOTE).format(
            round=r.short_name, day=thai.format_date(r.closed_on, "long"),
            reported=to_thai_digits(r.reported), total=to_thai_digits(r.total)))
    return summary, ev, [] if dry_run else write_plan.writes, frozen


def _planned(w: CellWrite) -> PlannedCell:
    return PlannedCell(tab=w.tab, cell=w.address, value=w.value)


def keep_history_bounded(office: Office, history: History) -> list[str]:
    """The retention rule of office.yaml (`history:`) after a real sync; a failure is a warning (the run
    is recorded already, and the next sync prunes again)."""
    try:
        history.prune(office.history.keep_all_days, office.history.then_weekly)
    except HistoryError as exc:
        return [vocab.HISTORY_PRUNE_FAILED.format(problem=exc.message)]
    return []


class Interrupted(SheetSyncError):
    """A run stopped by Ctrl-C or SIGTERM (systemd stopping the job, `kill`): said in its log and in
    history; the exit status is the shell's for that signal (128 + its number: 130, 143)."""

    def __init__(self, signum: int) -> None:
        how = vocab.RUN_INTERRUPTED_SIGTERM if signum == signal.SIGTERM else vocab.RUN_INTERRUPTED_CTRL_C
        super().__init__(vocab.RUN_INTERRUPTED.format(how=how), vocab.RUN_INTERRUPTED_HINT)
        self.exit_code = 128 + signum


class _Stopped(KeyboardInterrupt):
    """SIGTERM, raised where the run is, as Ctrl-C is: a KeyboardInterrupt, so that no `except Exception`
    on the way takes it for a failure to warn about and go on."""

    def __init__(self, signum: int) -> None:
        super().__init__()
        self.signum = signum


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """Within: SIGTERM ends the run like Ctrl-C (its log and history say so) rather than kill it
    silently. Only the main thread can take a signal handler: elsewhere the default stays."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Stopped(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def why_failed(exc: BaseException) -> str:
    """A failed run's reason as history keeps it and `sheetsync history` shows it: the Thai message."""
    if isinstance(exc, SheetSyncError):
        return exc.message
    if isinstance(exc, KeyboardInterrupt):
        return Interrupted(getattr(exc, "signum", signal.SIGINT)).message
    return f"{type(exc).__name__}: {exc}"  # a bug of ours: its name is what a maintainer needs


def _now_in(zone: tzinfo, today: date | None) -> datetime:
    now = datetime.now(zone).replace(microsecond=0)
    return now if today is None else datetime.combine(today, now.time(), zone)


def _note_end(progress: Progress, exc: BaseException) -> None:
    """The run's log says why it ended when it did not finish (the console says it once, from the CLI)."""
    if isinstance(exc, Locked):
        progress.note(vocab.RUN_REFUSED.format(message=exc.message))
    elif isinstance(exc, SheetSyncError):
        progress.note(vocab.RUN_FAILED.format(message=exc.message))
    elif isinstance(exc, OSError):
        progress.note(vocab.RUN_IO_FAILED.format(problem=exc))
    else:
        progress.note(vocab.RUN_CRASHED.format(problem=f"{type(exc).__name__}: {exc}"))
    if isinstance(exc, SheetSyncError) and exc.hint:
        progress.note(vocab.CLI_FIX.format(hint=exc.hint))


def run_sync(config_dir: Path, today: date | None = None, dry_run: bool = False, quiet: bool = False,
             close: tuple[str, ...] = (), closed_by: str = "", documents: bool = True) -> SyncSummary:
    """The nightly command: one sync at a time (a dry run reads only, so it takes no lock), progress on
    the console and in a log file per run, the run recorded in history; then, for a real sync, the
    follow-up (memo and reminders) as its own step.

    Documents never hold up a sync (issue 16): under the lock the status is written, the run recorded,
    and what must happen once decided and recorded (the memo's number and content, the reminders it
    owes: app.followup.decide_followup), so that two nights never number the same memo twice; the lock
    is then released, and only then are the memo's files rendered and the reminders sent (their own
    lock: app.reminders). With `documents` False (`sync --no-documents`) that second half is left to
    `sheetsync report memo`, run by the nightly job after the sync; a sync that dies after the release
    leaves it to the next sync. Either renders every memo still pending.

    Every run's log (state/logs/sync-*.log) says why it ended, in its last lines: done, with the
    counts; failed, with the Thai message and its fix (a config error, the workbook open in Excel, a
    Google error...); refused by the lock, with who holds it and since when; interrupted (Ctrl-C,
    SIGTERM: Interrupted). The config is read inside the logged run, so a config error has its log too;
    a folder without office.yaml (a mistyped --config) is no office and gets no log written into it."""
    places = OfficeFolder(config_dir)
    zone: tzinfo = ZoneInfo(DEFAULT_TIMEZONE)  # until the config names the office's
    log_path = places.run_log(_now_in(zone, today)) if places.config_file("office.yaml").is_file() else None
    with _stop_on_sigterm(), Progress(quiet=quiet, log_path=log_path, zone=zone) as progress:
        started = vocab.RUN_STARTED_DRY if dry_run else vocab.RUN_STARTED
        progress.note(started.format(folder=places.root.resolve(), pid=os.getpid()))
        try:
            return _run_sync(places, progress, today, dry_run, close, closed_by, documents)
        except KeyboardInterrupt as exc:
            stopped = Interrupted(getattr(exc, "signum", signal.SIGINT))
            progress.note(stopped.message)
            raise stopped from None
        except Exception as exc:
            _note_end(progress, exc)
            raise


def _run_sync(places: OfficeFolder, progress: Progress, today: date | None, dry_run: bool,
              close: tuple[str, ...], closed_by: str, documents: bool = True) -> SyncSummary:
    office = load_office(places.root)
    zone = ZoneInfo(office.office.timezone)
    progress.zone = zone
    now = office_now(office, today)
    if today is not None:
        progress.note(vocab.RUN_TODAY.format(day=thai.format_date(today, "long")))
    backend = open_backend(office, places.root)
    lock = SyncLock(places.lock, zone=zone)
    if not dry_run:
        lock.acquire()
    try:
        if lock.took_over_from is not None:
            progress.step(vocab.lock_taken_over(lock.took_over_from))
        history = History(places.history, zone=zone)
    except BaseException:
        lock.release()
        raise
    with history:
        decision: Decision | None = None
        try:
            summary, ev = sync_office(office, backend, now, dry_run=dry_run, history=history, progress=progress,
                                      close=close, closed_by=closed_by)
            if not dry_run:
                with collector_paused():  # the memo's lines: thousands of objects kept, none a cycle (core.collector)
                    decision = decide_followup(office, ev, history, summary.run_id)
                summary.warnings += keep_history_bounded(office, history)
        finally:
            lock.release()
        if not dry_run:
            progress.step(vocab.STEP_LOCK_RELEASED)
        if decision is not None:
            if documents:
                progress.step(vocab.STEP_DOCUMENTS)
                done = finish_followup(office, history, places.root, decision, progress)
                summary.documents += done.documents
                summary.warnings += done.warnings
            else:
                progress.step(vocab.STEP_DOCUMENTS_LATER)
    for warning in summary.warnings:  # the console shows them after the run; the log keeps them
        progress.note(vocab.CLI_WARNING.format(warning=warning))
    if summary.missing_tabs:  # synced, and still exit status 1: the log says why
        progress.note(vocab.RUN_FAILED.format(message=vocab.missing_tabs(summary.missing_tabs)))
    progress.step(vocab.STEP_DONE.format(rows=summary.rows_text(), errors=to_thai_digits(len(summary.errors)),
                                         cells=to_thai_digits(summary.cells_written),
                                         requests=to_thai_digits(summary.requests)))
    if lock.took_over_from is not None:
        summary.warnings.append(vocab.lock_taken_over(lock.took_over_from))
    return summary
