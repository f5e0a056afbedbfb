"""Commands around history and the director's view: thin wrappers over sheetsync.app.operations."""

from __future__ import annotations

from typing import Any

import click

from sheetsync.app.operations import diff, director_view, list_runs, restore
from sheetsync.core import thai, vocab
from sheetsync.core.changes import RestorePlan

_STATUS = vocab.RUN_STATUS


def _show(value: Any) -> str:
    return vocab.BLANK_VALUE if thai.is_blank(value) else repr(value) if not isinstance(value, str) else f"'{value}'"


# The help texts that --help shows are in vocab.py (HELP_*), so the commands have no docstrings.
@click.command("history", help=vocab.HELP_HISTORY)
@click.pass_obj
def history_cmd(obj: Any) -> None:
    shown = 0
    for r in list_runs(obj.config):  # printed as read: memory stays flat however many runs there are
        shown += 1
        kind = vocab.RUN_DRY if r.dry_run else _STATUS.get(r.status, r.status)
        when = r.started_at.strftime("%Y-%m-%d %H:%M")
        figures = vocab.RUN_FIGURES.format(cells=r.cells_written or 0, errors=r.error_count or 0, requests=r.requests or 0)
        line = vocab.RUN_LINE.format(id=r.id, when=when, today=r.today, kind=kind, figures=figures)
        click.echo(line + (f"  ({r.failure})" if r.failure else ""))
    if not shown:
        click.echo(vocab.NO_HISTORY)


@click.command("diff", help=vocab.HELP_DIFF)
@click.argument("run_a", type=int, required=False)
@click.argument("run_b", type=int, required=False)
@click.pass_obj
def diff_cmd(obj: Any, run_a: int | None, run_b: int | None) -> None:
    a, b, changes = diff(obj.config, run_a, run_b)
    click.echo(vocab.DIFF_HEAD.format(a=a, b=b))
    if not changes:
        click.echo(f"  {vocab.NO_CHANGES}")
    for c in changes:
        click.echo(f"  {c.tab}!{c.cell} [{c.row_key} / {c.column}]: {_show(c.old)} -> {_show(c.new)}")


def _confirm_with(yes: bool):
    def confirm(plan: RestorePlan) -> bool:
        for c in plan.shown:
            click.echo(f"  {c.tab}!{c.cell} [{c.row_key} / {c.column}]: {_show(c.old)} -> {_show(c.new)}")
        for key in plan.rows_gone:
            click.echo(f"  {vocab.RESTORE_ROW_GONE.format(key=key)}")
        _say_kept(plan)
        return yes or click.confirm(vocab.RESTORE_CONFIRM.format(cells=len(plan.writes)), default=False)

    return confirm


def _say_kept(plan: RestorePlan) -> None:
    for line in plan.kept:  # cells left as they are (a formula now), each with why and what to do
        click.echo(vocab.CLI_WARNING.format(warning=line), err=True)


@click.command("restore", help=vocab.HELP_RESTORE)
@click.argument("run", type=int)
@click.option("--tab", required=True, help=vocab.HELP_RESTORE_TAB)
@click.option("--range", "cell_range", help=vocab.HELP_RESTORE_RANGE)
@click.option("--yes", is_flag=True, help=vocab.HELP_YES)
@click.pass_obj
def restore_cmd(obj: Any, run: int, tab: str, cell_range: str | None, yes: bool) -> None:
    plan, written = restore(obj.config, run, tab, cell_range, _confirm_with(yes))
    if not plan.writes and plan.kept:
        _say_kept(plan)  # nothing else to restore: the confirmation, which says them, was not asked
    elif not plan.writes:
        click.echo(vocab.RESTORE_NOTHING.format(run=run))
    elif written:
        click.echo(vocab.RESTORE_DONE.format(cells=written))
    else:
        click.echo(vocab.RESTORE_CANCELLED)


@click.command("status", help=vocab.HELP_STATUS)
@click.pass_obj
def status_cmd(obj: Any) -> None:
    run, grid = director_view(obj.config)
    for row in grid:
        cells = ["" if v is None else thai.format_number(v, thai=False) if isinstance(v, float) else str(v) for v in row]
        # One line per row of the tab, cells apart by " | ": Thai text wraps badly in fixed-width columns.
        click.echo(" | ".join(c for c in cells if c) if len(cells) > 1 else (cells[0] if cells else ""))
    click.echo(vocab.STATUS_FROM_RUN.format(run=run.id))


COMMANDS = (history_cmd, diff_cmd, restore_cmd, status_cmd)
