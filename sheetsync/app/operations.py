"""The coordinator's commands around history: list runs, diff two runs, restore a run's values, and
the director's view in the terminal. I/O lives here; the decisions are in changes.py and status.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from time import monotonic

from sheetsync.app.sync import office_now
from sheetsync.backends import open_backend
from sheetsync.core import problems, vocab
from sheetsync.core.cells import CellValue, WritePlan
from sheetsync.core.changes import CellChange, RestorePlan, diff_runs, parse_range, plan_restore
from sheetsync.core.errors import UsageError
from sheetsync.core.evaluate import Evaluation
from sheetsync.core.status import status_grid
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History, Run
from sheetsync.store.lock import SyncLock


def _history(config_dir: Path) -> History:
    return History(OfficeFolder(config_dir).history)


def list_runs(config_dir: Path) -> list[Run]:
    load_office(config_dir)
    with _history(config_dir) as history:
        return history.runs()


def _with_raw(history: History) -> list[Run]:
    return [r for r in history.runs() if history.raw(r.id)]


def diff(config_dir: Path, run_a: int | None = None, run_b: int | None = None) -> tuple[int, int, list[CellChange]]:
    """People's changes between two runs (default: the last two runs that read the sheets)."""
    office = load_office(config_dir)
    with _history(config_dir) as history:
        runs = _with_raw(history)
        ids = [r.id for r in runs]
        if run_b is None:  # no run named: the latest; one run named: from it to the latest
            run_b = ids[-1] if ids else None
        if run_a is None:
            earlier = [i for i in ids if run_b is not None and i < run_b]
            run_a = earlier[-1] if earlier else None
        if run_a is None or run_b is None:
            raise UsageError(vocab.NO_HISTORY)
        for run in (run_a, run_b):
            if run not in ids:
                raise UsageError(vocab.RUN_NOT_FOUND.format(run=run))
        return run_a, run_b, diff_runs(office, history.raw(run_a), history.raw(run_b))


def restore(config_dir: Path, run: int, tab: str, cell_range: str | None,
            confirm: Callable[[RestorePlan], bool]) -> tuple[RestorePlan, int]:
    """Put people's values of `tab` from `run` back, after `confirm` has seen the plan."""
    office = load_office(config_dir)
    if tab not in {g.tab for g in office.groups} | {office.outputs_tab}:
        raise UsageError(vocab.RESTORE_TAB_UNKNOWN.format(tab=tab))
    bounds = None
    if cell_range:
        bounds = parse_range(cell_range)
        if bounds is None:
            raise UsageError(vocab.RESTORE_BAD_RANGE.format(range=cell_range))
    with _history(config_dir) as history:
        if run not in {r.id for r in _with_raw(history)}:
            raise UsageError(vocab.RUN_NOT_FOUND.format(run=run))
        old = history.raw(run).get(tab)
        if old is None:
            raise UsageError(problems.message("missing-tab", tab=tab))
        backend = open_backend(office, config_dir)
        with SyncLock(OfficeFolder(config_dir).lock, "restore"):
            backend.check_writable()
            tables = backend.read([tab])
            if tab not in tables:
                raise UsageError(problems.message("missing-tab", tab=tab))
            restore_plan = plan_restore(office, tab, old, tables[tab], bounds)
            if not restore_plan.writes or not confirm(restore_plan):
                return restore_plan, 0
            # The values about to be overwritten are kept too, so a restore can itself be undone.
            now = office_now(office)
            run_id = history.start_run(now, now.date(), dry_run=False)
            history.save_raw(run_id, tables)
            started = monotonic()
            written = backend.write(WritePlan(writes=restore_plan.writes))
            history.finish_run(run_id, summary={"restore": {"from_run": run, "tab": tab, "range": cell_range}},
                               evaluation={}, writes=[{"tab": w.tab, "cell": w.address, "value": w.value}
                                                      for w in restore_plan.writes],
                               errors=0, duration=monotonic() - started, requests=backend.requests, documents=[])
            history.mark(run_id, "restore")  # not a sync: reports and the status view skip it
            return restore_plan, written


def director_view(config_dir: Path) -> tuple[Run, list[list[CellValue]]]:
    """The Status tab's content as of the last sync, from history (the sheets are not read)."""
    office = load_office(config_dir)
    with _history(config_dir) as history:
        runs = [r for r in history.runs() if r.status == "ok" and history.evaluation(r.id)]
        if not runs:
            raise UsageError(vocab.NO_HISTORY)
        run = runs[-1]
        ev = Evaluation.model_validate(history.evaluation(run.id))
    started = run.started_at if isinstance(run.started_at, datetime) else office_now(office)
    return run, status_grid(office, ev, started)
