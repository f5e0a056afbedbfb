"""The coordinator's commands around history: list runs, diff two runs, restore a run's values, and
the director's view in the terminal. I/O lives here; the decisions are in changes.py and status.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from time import monotonic

from sheetsync.app.sync import office_now
from sheetsync.backends import open_backend
from sheetsync.backends.base import Backend
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


def list_runs(config_dir: Path) -> Iterator[Run]:
    """Every run, oldest first, one at a time (the file is open while they are read): what `history`
    shows, and nothing more (no evaluation, summary or snapshot), so its memory does not grow with them."""
    load_office(config_dir)
    with _history(config_dir) as history:
        yield from history.iter_runs()


def _with_raw(history: History) -> list[int]:
    return history.runs_with_raw()


def diff(config_dir: Path, run_a: int | None = None, run_b: int | None = None) -> tuple[int, int, list[CellChange]]:
    """People's changes between two runs (default: the last two runs that read the sheets)."""
    office = load_office(config_dir)
    with _history(config_dir) as history:
        ids = _with_raw(history)
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
        if run not in _with_raw(history):
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
            restore_plan = _leave_alone(backend, tab, plan_restore(office, tab, old, tables[tab], bounds))
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


def _leave_alone(backend: Backend, tab: str, plan: RestorePlan) -> RestorePlan:
    """The plan without the cells a restore must not write, each said in `plan.kept`: a cell holding a
    formula now (a constant never replaces a formula: the value history has is what it computed then,
    or what was typed before someone put a formula there), and one a merged range hides now. The
    workbook says which (`formula_at`, `merged_over`); the surgical write refuses them too, should
    one come through. Google Sheets reads values only and says neither."""
    formula_at = getattr(backend, "formula_at", None)
    merged_over = getattr(backend, "merged_over", None)
    kept: dict[str, str] = {}
    for w in plan.writes:
        shown = f"'{w.value}'" if isinstance(w.value, str) else vocab.BLANK_VALUE if w.value is None else str(w.value)
        if callable(formula_at) and (formula := formula_at(tab, w.row, w.col)):
            kept[w.address] = vocab.RESTORE_KEPT_FORMULA.format(tab=tab, cell=w.address, formula=formula, value=shown)
        elif callable(merged_over) and (ref := merged_over(tab, w.row, w.col)):
            kept[w.address] = vocab.RESTORE_KEPT_MERGED.format(tab=tab, cell=w.address, range=ref)
    if not kept:
        return plan
    return plan.model_copy(update={"writes": [w for w in plan.writes if w.address not in kept],
                                   "shown": [c for c in plan.shown if c.cell not in kept],
                                   "kept": [*plan.kept, *kept.values()]})


def director_view(config_dir: Path) -> tuple[Run, list[list[CellValue]]]:
    """The Status tab's content as of the last sync, from history (the sheets are not read): one run's
    row and its evaluation are all it reads, however many runs there are."""
    office = load_office(config_dir)
    with _history(config_dir) as history:
        run = history.last_run()
        data = history.evaluation(run.id) if run is not None else None
        if run is None or not data:
            raise UsageError(vocab.NO_HISTORY)
        ev = Evaluation.model_validate(data)
    started = run.started_at if isinstance(run.started_at, datetime) else office_now(office)
    return run, status_grid(office, ev, started)
