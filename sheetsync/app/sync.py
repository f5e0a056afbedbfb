"""One sync: read every tab once, validate, score, plan the status cells, write them once.

The guarantees of design.md that live here: only planned status cells are written (the plan is
built from status columns alone); writes are batched (one read, one write); if rows moved between the
read and the write the whole sync is read and planned again, a bounded number of times, and never
lands beside the wrong row.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import monotonic
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from sheetsync.app.followup import follow_up
from sheetsync.app.progress import Progress
from sheetsync.backends import open_backend
from sheetsync.backends.base import Backend, RowsMoved
from sheetsync.core import thai, vocab
from sheetsync.core.cells import CellValue, CellWrite, RawTable
from sheetsync.core.deadlines import Schedule
from sheetsync.core.errors import BackendError, HistoryError, UsageError
from sheetsync.core.evaluate import Evaluation, evaluate
from sheetsync.core.layout import tabs_to_read
from sheetsync.core.models import Office
from sheetsync.core.roundclose import FrozenRound, freeze
from sheetsync.core.rounds import EMPTY_BOOK, RoundBook, due_to_close
from sheetsync.core.status import plan
from sheetsync.core.thai import to_thai_digits
from sheetsync.core.workdays import Dates
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from sheetsync.store.lock import SyncLock

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
    office: str
    backend: str
    today: date
    synced_at: datetime
    dry_run: bool
    rows: int
    valid_rows: int
    cells_written: int
    requests: int
    retries: int = 0  # transient API errors retried (429, 5xx, timeouts)
    attempts: int
    overall: Overall
    errors: list[ErrorOut]
    documents: list[str] = []
    planned: list[PlannedCell] = []
    late_groups: list[str] = []
    missing_tabs: list[str] = []  # configured tabs not found: the rest is synced, the exit status is 1
    warnings: list[str] = []
    closed_rounds: list[str] = []  # rounds this sync closed (their results frozen in history)
    run_id: int | None = None  # the run's number in history, when recorded


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
    if history is None:
        summary, ev, _, _ = _sync(office, backend, now, dry_run, progress=progress, close=close, closed_by=closed_by)
        return summary, ev
    book = history.round_book(office.office.fiscal_year)
    run_id = history.start_run(now, now.date(), dry_run)
    started = monotonic()
    try:
        summary, ev, writes, frozen = _sync(office, backend, now, dry_run, progress=progress, book=book, close=close,
                                            closed_by=closed_by,
                                            on_read=lambda tables, attempt: history.save_raw(run_id, tables, attempt))
        if not dry_run:
            for round_ in frozen:  # before the run is finished: a report of this run reads the round closed
                history.close_round(round_, run_id)
    except BaseException as exc:
        history.fail_run(run_id, f"{type(exc).__name__}: {exc}", monotonic() - started)
        raise
    summary.run_id = run_id
    history.finish_run(run_id, summary=summary.model_dump(mode="json"), evaluation=ev.model_dump(mode="json"),
                       writes=[_planned(w).model_dump(mode="json") for w in writes], errors=len(ev.errors),
                       duration=monotonic() - started, requests=summary.requests, documents=summary.documents)
    return summary, ev


def close_rounds(office: Office, ev: Evaluation, tables: dict[str, RawTable], schedule: Schedule, book: RoundBook,
                 dates: Dates, now: datetime, close: tuple[str, ...] = (), closed_by: str = "",
                 ) -> tuple[Evaluation, Schedule, list[FrozenRound]]:
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
        ev = evaluate(office, tables, today, book, schedule)
    return ev, schedule, frozen


def _sync(office: Office, backend: Backend, now: datetime, dry_run: bool, progress: Progress,
          on_read: Callable[[dict[str, RawTable], int], None] | None = None, book: RoundBook = EMPTY_BOOK,
          close: tuple[str, ...] = (), closed_by: str = "",
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
        progress.step(vocab.STEP_VALIDATE.format(rows=sum(max(t.row_count - 1, 0) for t in tables.values())))
        # The core allocates many small objects and frees none of them until the plan is made: the
        # cyclic collector would only rescan them (about half the time at 5,000 rows, see bench/).
        gc.disable()
        try:
            schedule = Schedule.of(office, today, book, dates)
            ev = evaluate(office, tables, today, book, schedule)
            ev, schedule, frozen = close_rounds(office, ev, tables, schedule, book, dates, now, close, closed_by)
            write_plan, _ = plan(office, ev, tables, now)
        finally:
            gc.enable()
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
    summary = SyncSummary(
        office=office.office.short_name,
        backend=backend.describe(),
        today=today,
        synced_at=now,
        dry_run=dry_run,
        rows=ev.row_count,
        valid_rows=ev.valid_rows,
        cells_written=written,
        requests=backend.requests,
        retries=getattr(backend, "retries", 0),
        attempts=attempt,
        overall=Overall(score=ev.office.score, level=ev.office.label, reported=ev.office.reported,
                        total=ev.office.total),
        errors=[ErrorOut(tab=e.tab, cell=e.cell, code=e.code, message=e.message) for e in ev.errors],
        planned=[_planned(w) for w in write_plan.writes] if dry_run else [],
        late_groups=[names[g.group] for g in ev.groups if g.state == "overdue"],
        missing_tabs=ev.missing_tabs,
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


def run_sync(config_dir: Path, today: date | None = None, dry_run: bool = False, quiet: bool = False,
             close: tuple[str, ...] = (), closed_by: str = "") -> SyncSummary:
    """The nightly command: one sync at a time (a dry run reads only, so it takes no lock), progress on
    the console and in a log file per run, the run recorded in history; then, for a real sync, the
    follow-up (memo and reminders) as its own step, still under the lock so that two nights never
    number or send the same memo twice."""
    office = load_office(config_dir)
    backend = open_backend(office, config_dir)
    now = office_now(office, today)
    places = OfficeFolder(config_dir)
    lock = SyncLock(places.lock)
    if not dry_run:
        lock.acquire()
    try:
        with Progress(quiet=quiet, log_path=places.run_log(now)) as progress:
            if lock.took_over_from is not None:
                progress.step(vocab.lock_taken_over(lock.took_over_from))
            with History(places.history) as history:
                summary, ev = sync_office(office, backend, now, dry_run=dry_run, history=history, progress=progress,
                                          close=close, closed_by=closed_by)
                if not dry_run:
                    done = follow_up(office, ev, history, summary.run_id, config_dir, progress)
                    summary.documents += done.documents
                    summary.warnings += done.warnings
                    summary.warnings += keep_history_bounded(office, history)
            progress.step(vocab.STEP_DONE.format(rows=summary.rows, valid=summary.valid_rows, errors=len(summary.errors),
                                                 cells=summary.cells_written, requests=summary.requests))
    finally:
        lock.release()
    if lock.took_over_from is not None:
        summary.warnings.append(vocab.lock_taken_over(lock.took_over_from))
    return summary
