"""The command line: parse options, call one library function, print. Nothing else lives here.

Exit status: 0 done (a sync with row errors is still done), 1 the tool failed (backend, I/O),
2 bad usage or bad config.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from pathlib import Path

import click

from sheetsync.app.sync import SyncSummary
from sheetsync.cli.admin import doctor, schedule
from sheetsync.cli.history import COMMANDS as HISTORY_COMMANDS
from sheetsync.cli.newyear import new_year
from sheetsync.cli.rounds import round_group
from sheetsync.core import thai, vocab
from sheetsync.core.errors import SheetSyncError


class Context:
    def __init__(self, config: Path, debug: bool) -> None:
        self.config = config
        self.debug = debug


pass_ctx = click.make_pass_decorator(Context)


class SheetSyncGroup(click.Group):
    """Turns the tool's own failures into a Thai message and an exit status; --debug shows the traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SheetSyncError as exc:
            if _debug(ctx):
                raise
            click.echo(vocab.CLI_ERROR.format(message=exc.message), err=True)
            if exc.hint:
                click.echo(vocab.CLI_FIX.format(hint=exc.hint), err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            # Output piped into `head` and cut short: not a failure of the sync.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit on purpose
            ctx.exit(0)
        except OSError as exc:
            if _debug(ctx):
                raise
            click.echo(vocab.CLI_IO_ERROR.format(problem=exc), err=True)
            ctx.exit(1)


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.obj and ctx.obj.debug) or "--debug" in sys.argv


# The help texts that --help shows are in vocab.py (HELP_*), so the commands have no docstrings.
@click.group(cls=SheetSyncGroup, help=vocab.HELP_CLI, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config", type=click.Path(path_type=Path), envvar="SHEETSYNC_CONFIG", default=".",
              show_default=True, help=vocab.HELP_CONFIG)
@click.option("--debug", is_flag=True, help=vocab.HELP_DEBUG)
@click.pass_context
def cli(ctx: click.Context, config: Path, debug: bool) -> None:
    ctx.obj = Context(config, debug)


@cli.command(help=vocab.HELP_CHECK)
@pass_ctx
def check(ctx: Context) -> None:
    from sheetsync.store.config import load_office, standards_warning

    office = load_office(ctx.config)
    click.echo(vocab.CHECK_OK.format(
        office=office.office.short_name, fy=thai.to_thai_digits(office.office.fiscal_year), groups=len(office.groups),
        standards=len(office.standards), indicators=len(office.indicators()), milestones=len(office.milestones),
        backend=office.backend.kind))
    # Standards still the example's: said, on stderr as every warning, and the exit status stays 0.
    warning = standards_warning(office)
    if warning is not None:
        for line in warning.lines:
            click.echo(vocab.CLI_WARNING.format(warning=line), err=True)
        for item in warning.items:
            click.echo(f"  - {item}", err=True)
        click.echo(vocab.CLI_FIX.format(hint=warning.fix), err=True)


@cli.command(help=vocab.HELP_SCHEMA)
@click.option("--out", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True)
def schema(out: Path) -> None:
    from sheetsync.app.schemas import write_schemas

    for path in write_schemas(out):
        click.echo(str(path))


@cli.command(help=vocab.HELP_SETUP)
@pass_ctx
def setup(ctx: Context) -> None:
    from sheetsync.app.provision import run_setup

    _, backend, changes = run_setup(ctx.config)
    if not changes:
        click.echo(vocab.SETUP_NOTHING.format(backend=backend.describe()))
        return
    click.echo(f"{backend.describe()}:")
    for change in changes:
        click.echo(f"  - {change}")


@cli.command(help=vocab.HELP_SYNC)
@click.option("--dry-run", is_flag=True, help=vocab.HELP_DRY_RUN)
@click.option("--json", "as_json", is_flag=True, help=vocab.HELP_JSON)
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help=vocab.HELP_TODAY)
@click.option("--quiet", "-q", is_flag=True, help=vocab.HELP_QUIET)
@pass_ctx
def sync(ctx: Context, dry_run: bool, as_json: bool, today: datetime | None, quiet: bool) -> None:
    from sheetsync.app.sync import run_sync

    day = today.date() if today else None
    # With --json the output is for a program: progress goes to the run's log file only.
    summary = run_sync(ctx.config, today=day, dry_run=dry_run, quiet=quiet or as_json)
    for warning in summary.warnings:
        click.echo(vocab.CLI_WARNING.format(warning=warning), err=True)
    if as_json:
        click.echo(json.dumps(summary.model_dump(mode="json", exclude={"planned"} if not dry_run else set()),
                              ensure_ascii=False, indent=2))
    else:
        print_summary(summary)
    if summary.missing_tabs:
        # Every other tab was synced; the exit status still tells cron that something needs fixing.
        click.echo(vocab.CLI_ERROR.format(message=vocab.missing_tabs(summary.missing_tabs)), err=True)
        click.get_current_context().exit(1)


@cli.command(help=vocab.HELP_DEMO)
@click.argument("directory", type=click.Path(path_type=Path), default=Path("demo"))
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help=vocab.HELP_DEMO_TODAY)
def demo(directory: Path, today: datetime | None) -> None:
    from sheetsync.app.demo import build_demo

    day = today.date() if today else None
    result = build_demo(directory, day)
    print_summary(result.summary)
    click.echo("")
    click.echo(vocab.DEMO_WHERE.format(path=result.directory))
    click.echo(vocab.DEMO_WORKBOOK.format(path=result.workbook))
    click.echo(vocab.DEMO_CONFIG.format(path=result.directory))
    click.echo(vocab.DOC_LIST)
    for path in result.documents:
        click.echo(f"    {path}")
    click.echo(vocab.DEMO_AGAIN.format(path=result.directory, today=result.summary.today))


@cli.command(help=vocab.HELP_REPORT)
@click.argument("document", type=click.Choice(["sar", "memo", "order", "brief", "package", "meeting", "briefing"]))
@click.option("--format", "formats", type=click.Choice(["html", "pdf", "docx"]), multiple=True, help=vocab.HELP_FORMAT)
@click.option("--out", type=click.Path(path_type=Path), help=vocab.HELP_OUT)
@click.option("--date", "when", type=click.DateTime(formats=["%Y-%m-%d"]), help=vocab.HELP_MEETING_DATE)
@click.option("--time", "at", type=click.DateTime(formats=["%H:%M"]), help=vocab.HELP_MEETING_TIME)
@click.option("--place", help=vocab.HELP_MEETING_PLACE)
@pass_ctx
def report(ctx: Context, document: str, formats: tuple[str, ...], out: Path | None, when: datetime | None, at: datetime | None,
           place: str | None) -> None:
    from sheetsync.app.report import make_report

    briefing = {"when": when.date() if when else None,
                "at": at.strftime("%H:%M") if at else None, "place": place}
    made = make_report(ctx.config, document, formats, out, briefing)
    if not made.paths:
        click.echo(vocab.DOC_NO_MEMO)
    for path in made.paths:
        click.echo(str(path))
    for warning in made.warnings:  # after the paths: what the package lacks (rounds, coverage, e-MES files)
        click.echo(vocab.CLI_WARNING.format(warning=warning), err=True)


for command in (*HISTORY_COMMANDS, doctor, schedule, round_group, new_year):
    cli.add_command(command)


def print_summary(s: SyncSummary) -> None:
    n = thai.to_thai_digits
    head = vocab.SUM_DRY_RUN if s.dry_run else vocab.SUM_DONE
    click.echo(vocab.SUM_HEAD.format(head=head, office=s.office, date=thai.format_date(s.today, "long"),
                                     backend=s.backend))
    click.echo(vocab.SUM_ROWS.format(rows=n(s.rows), valid=n(s.valid_rows), errors=n(len(s.errors))))
    score = thai.format_number(s.overall.score) if s.overall.score is not None else "-"
    click.echo(vocab.SUM_OVERALL.format(score=score, level=s.overall.level, reported=n(s.overall.reported),
                                        total=n(s.overall.total)))
    if s.late_groups:
        click.echo(vocab.SUM_LATE_GROUPS.format(groups=", ".join(s.late_groups)))
    for e in s.errors:
        click.echo(f"  - [{e.tab}!{e.cell}] {e.message}")
    if s.dry_run:
        click.echo(vocab.SUM_PLANNED.format(cells=n(len(s.planned))))
        for p in s.planned:
            click.echo(f"    {p.tab}!{p.cell} = {p.value!r}")
    else:
        click.echo(vocab.SUM_WRITTEN.format(cells=n(s.cells_written)))
    for path in s.documents:
        click.echo(vocab.DOC_WRITTEN.format(path=path))


def main() -> None:
    cli()

