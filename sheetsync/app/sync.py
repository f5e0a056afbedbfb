"""One sync: read every tab once, validate, score, plan the status cells, write them once.

The guarantees of design.md that live here: only planned status cells are written (the plan is
built from status columns alone); writes are batched (one read, one write); if rows moved between the
read and the write the whole sync is read and planned again, a bounded number of times, and never
lands beside the wrong row.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from time import monotonic
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from sheetsync.app.followup import follow_up
from sheetsync.app.progress import Progress
from sheetsync.backends import open_backend
from sheetsync.backends.base import Backend, RowsMoved
from sheetsync.core import vocab
from sheetsync.core.cells import CellValue, CellWrite, RawTable
from sheetsync.core.errors import BackendError, HistoryError
from sheetsync.core.evaluate import Evaluation, evaluate
from sheetsync.core.layout import tabs_to_read
from sheetsync.core.models import Office
from sheetsync.core.status import plan
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
    run_id: int | None = None  # the run's number in history, when recorded


def office_now(office: Office, today: date | None = None) -> datetime:
    """Now in the office's timezone; with `today` set, that day at the current wall-clock time."""
    tz = ZoneInfo(office.office.timezone)
    now = datetime.now(tz).replace(microsecond=0)
    if today is not None:
        now = datetime.combine(today, time(now.hour, now.minute, now.second), tz)
    return now


def sync_office(office: Office, backend: Backend, now: datetime, dry_run: bool = False,
                history: History | None = None, progress: Progress | None = None) -> tuple[SyncSummary, Evaluation]:
    """One sync, which stops at the write. With `history`, the run is recorded: its raw snapshot right
    after each read and before any write, then its outcome (or why it failed). The follow-up (memo,
    reminders) is its own step after this one: app.followup."""
    progress = progress or Progress(quiet=True)
    if history is None:
        summary, ev, _ = _sync(office, backend, now, dry_run, progress=progress)
        return summary, ev
    run_id = history.start_run(now, now.date(), dry_run)
    started = monotonic()
    try:
        summary, ev, writes = _sync(office, backend, now, dry_run, progress=progress,
                                    on_read=lambda tables, attempt: history.save_raw(run_id, tables, attempt))
    except BaseException as exc:
        history.fail_run(run_id, f"{type(exc).__name__}: {exc}", monotonic() - started)
        raise
    summary.run_id = run_id
    history.finish_run(run_id, summary=summary.model_dump(mode="json"), evaluation=ev.model_dump(mode="json"),
                       writes=[_planned(w).model_dump(mode="json") for w in writes], errors=len(ev.errors),
                       duration=monotonic() - started, requests=summary.requests, documents=summary.documents)
    return summary, ev


def _sync(office: Office, backend: Backend, now: datetime, dry_run: bool, progress: Progress,
          on_read: Callable[[dict[str, RawTable], int], None] | None = None,
          ) -> tuple[SyncSummary, Evaluation, list[CellWrite]]:
    if not dry_run:
        backend.check_writable()  # say so before the long read, not after it
    today = now.date()
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
            ev = evaluate(office, tables, today)
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
    )
    return summary, ev, [] if dry_run else write_plan.writes


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


def run_sync(config_dir: Path, today: date | None = None, dry_run: bool = False, quiet: bool = False) -> SyncSummary:
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
                summary, ev = sync_office(office, backend, now, dry_run=dry_run, history=history, progress=progress)
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
