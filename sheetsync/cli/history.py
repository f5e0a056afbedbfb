"""Commands around history and the director's view: thin wrappers over sheetsync.app.operations."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from sheetsync.cli.texts import change_line, failure_text, row_text
from sheetsync.cli.thaiclick import Command, ask
from sheetsync.core import thai, vocab

if TYPE_CHECKING:
    from sheetsync.core.changes import RestorePlan

_STATUS = vocab.RUN_STATUS
_KIND_WIDTH = max(thai.display_width(k) for k in (*_STATUS.values(), vocab.RUN_DRY))


def _pad(text: str, width: int) -> str:
    """Padded to `width` columns as a terminal shows Thai (vowels and tone marks above take none)."""
    return text + " " * max(width - thai.display_width(text), 0)


# The help texts that --help shows are in vocab.py (HELP_*), so the commands have no docstrings.
@click.command("history", cls=Command, help=vocab.HELP_HISTORY, examples=vocab.EX_HISTORY)
@click.pass_obj
def history_cmd(obj: Any) -> None:
    # The CLI defers its commands' modules: `sheetsync --help` should not load every library.
    from sheetsync.app.operations import list_runs

    shown = 0
    for r in list_runs(obj.config):  # printed as read: memory stays flat however many runs there are
        shown += 1
        kind = vocab.RUN_DRY if r.dry_run else _STATUS.get(r.status, r.status)
        figures = vocab.RUN_FIGURES.format(cells=r.cells_written or 0, errors=r.error_count or 0, requests=r.requests or 0)
        line = vocab.RUN_LINE.format(id=r.id, when=thai.format_moment(r.started_at),
                                     today=thai.format_date(r.today, "short"), kind=_pad(kind, _KIND_WIDTH), figures=figures)
        click.echo(line + (f"  ({failure_text(r.failure)})" if r.failure else ""))
    if not shown:
        click.echo(vocab.NO_HISTORY)


@click.command("diff", cls=Command, help=vocab.HELP_DIFF, examples=vocab.EX_DIFF)
@click.argument("run_a", type=int, required=False, metavar=vocab.CLI_MV_RUN_A)
@click.argument("run_b", type=int, required=False, metavar=vocab.CLI_MV_RUN_B)
@click.pass_obj
def diff_cmd(obj: Any, run_a: int | None, run_b: int | None) -> None:
    from sheetsync.app.operations import diff

    a, b, changes = diff(obj.config, run_a, run_b)
    click.echo(vocab.DIFF_HEAD.format(a=a, b=b))
    if not changes:
        click.echo(f"  {vocab.NO_CHANGES}")
    for c in changes:
        click.echo(change_line(c.tab, c.cell, c.row_key, c.column, c.old, c.new))


def _confirm_with(yes: bool) -> Any:
    def confirm(plan: RestorePlan) -> bool:
        for c in plan.shown:
            click.echo(change_line(c.tab, c.cell, c.row_key, c.column, c.old, c.new))
        for key in plan.rows_gone:
            click.echo(f"  {vocab.RESTORE_ROW_GONE.format(key=row_text(key))}")
        _say_kept(plan)
        return yes or ask(vocab.RESTORE_CONFIRM.format(cells=thai.to_thai_digits(len(plan.writes))))

    return confirm


def _say_kept(plan: RestorePlan) -> None:
    for line in plan.kept:  # cells left as they are (a formula now), each with why and what to do
        click.echo(vocab.CLI_WARNING.format(warning=line), err=True)


@click.command("restore", cls=Command, help=vocab.HELP_RESTORE, examples=vocab.EX_RESTORE)
@click.argument("run", type=int, metavar=vocab.CLI_MV_RUN)
@click.option("--tab", required=True, metavar=vocab.CLI_MV_TAB, help=vocab.HELP_RESTORE_TAB)
@click.option("--range", "cell_range", metavar=vocab.CLI_MV_RANGE, help=vocab.HELP_RESTORE_RANGE)
@click.option("--yes", is_flag=True, help=vocab.HELP_YES)
@click.pass_obj
def restore_cmd(obj: Any, run: int, tab: str, cell_range: str | None, yes: bool) -> None:
    from sheetsync.app.operations import restore

    plan, written = restore(obj.config, run, tab, cell_range, _confirm_with(yes))
    if not plan.writes and plan.kept:
        _say_kept(plan)  # nothing else to restore: the confirmation, which says them, was not asked
    elif not plan.writes:
        click.echo(vocab.RESTORE_NOTHING.format(run=run))
    elif written:
        click.echo(vocab.RESTORE_DONE.format(cells=written))
    else:
        click.echo(vocab.RESTORE_CANCELLED)


@click.command("status", cls=Command, help=vocab.HELP_STATUS, examples=vocab.EX_STATUS)
@click.option("--json", "as_json", is_flag=True, help=vocab.HELP_JSON)
@click.pass_obj
def status_cmd(obj: Any, as_json: bool) -> None:
    from sheetsync.app.operations import director_view
    from sheetsync.cli.overview import render, sections

    run, grid = director_view(obj.config)
    parts = sections(grid)
    if as_json:
        click.echo(json.dumps({"ok": True, "run": run.id, "synced_at": run.started_at.isoformat(),
                               "today": run.today.isoformat(), "sections": [s.as_json() for s in parts]},
                              ensure_ascii=False, indent=2, default=str))
        return
    click.echo(render(parts), nl=False)
    click.echo(vocab.CLI_STATUS_RUN.format(run=thai.to_thai_digits(run.id), when=thai.format_moment(run.started_at)))


COMMANDS = (history_cmd, diff_cmd, restore_cmd, status_cmd)
