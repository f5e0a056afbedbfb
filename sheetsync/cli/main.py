"""The command line: parse options, call one library function, print. Nothing else lives here.

Exit status: 0 done (a sync with row errors is still done), 1 the tool failed (backend, I/O),
2 bad usage or bad config.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
from click.core import ParameterSource

from sheetsync.cli.admin import doctor, schedule
from sheetsync.cli.history import COMMANDS as HISTORY_COMMANDS
from sheetsync.cli.line import line_group
from sheetsync.cli.newyear import new_year
from sheetsync.cli.rounds import round_group
from sheetsync.cli.texts import value_text
from sheetsync.cli.thaiclick import DATE, TIME, Group, Options, thai_texts, wants_json
from sheetsync.core import thai, vocab

if TYPE_CHECKING:
    from sheetsync.app.sync import SyncSummary

pass_options = click.make_pass_decorator(Options)

_SOURCES = {ParameterSource.COMMANDLINE: "option", ParameterSource.ENVIRONMENT: "env"}


class SheetSyncGroup(Group):
    """The root: click's texts in Thai while a command runs, the tool's own failures as a Thai message and
    an exit status (--debug shows the traceback), and with `--json` every failure, a mistake on the
    command line too, as the one JSON object on stdout (same exit status)."""

    as_json = False

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        args = sys.argv[1:] if args is None else list(args)
        previous, self.as_json = self.as_json, wants_json(args)
        try:
            with thai_texts():
                return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        finally:
            self.as_json = previous

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:  # a mistake among the root's own options
            if self.as_json:
                _json_usage(exc)
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except click.ClickException as exc:  # a mistake on the command line: click says it (in Thai)
            if self.as_json:
                _json_usage(exc)
            raise
        except click.Abort:
            if self.as_json:
                _json_out(_failures().failure("aborted", vocab.CLICK_TEXTS["Aborted!"]), 1)
            raise
        except BrokenPipeError:
            # Output piped into `head` and cut short: not a failure of the sync.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit on purpose
            ctx.exit(0)
        except Exception as exc:
            from sheetsync.core.errors import SheetSyncError

            if not isinstance(exc, SheetSyncError | OSError) or _debug(ctx):
                raise
            code = exc.exit_code if isinstance(exc, SheetSyncError) else 1
            if self.as_json:
                _json_out(_failures().failure_of(exc), code)
            if isinstance(exc, SheetSyncError):
                click.echo(vocab.CLI_ERROR.format(message=exc.message), err=True)
                if exc.hint:
                    click.echo(vocab.CLI_FIX.format(hint=exc.hint), err=True)
            else:
                click.echo(vocab.CLI_IO_ERROR.format(problem=exc), err=True)
            ctx.exit(code)


def _failures() -> Any:
    from sheetsync.cli import failures

    return failures


def _json_out(obj: dict[str, Any], code: int) -> NoReturn:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))
    raise click.exceptions.Exit(code)


def _json_usage(exc: click.ClickException) -> NoReturn:
    _json_out(_failures().usage_failure(exc), exc.exit_code)


def _debug(ctx: click.Context) -> bool:
    options = ctx.find_object(Options)
    return bool(options and options.debug) or "--debug" in sys.argv


# The help texts that --help shows are in vocab.py (HELP_*), so the commands have no docstrings.
@click.group(cls=SheetSyncGroup, help=vocab.HELP_CLI, examples=vocab.EX_CLI, root=True)
@click.option("--config", "config", type=click.Path(path_type=Path), envvar="SHEETSYNC_CONFIG", default=".",
              show_default=True, metavar=vocab.CLI_MV_FOLDER, help=vocab.HELP_CONFIG)
@click.option("--debug", is_flag=True, help=vocab.HELP_DEBUG)
@click.pass_context
def cli(ctx: click.Context, config: Path, debug: bool) -> None:
    source = ctx.get_parameter_source("config")
    ctx.obj = Options(config, _SOURCES.get(source, "default") if source else "default", debug)


@cli.command(help=vocab.HELP_CHECK, examples=vocab.EX_CHECK)
@pass_options
def check(options: Options) -> None:
    from sheetsync.store.config import load_office, standards_warning

    office = load_office(options.config)
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


@cli.command(help=vocab.HELP_SCHEMA, examples=vocab.EX_SCHEMA, uses_config=False)
@click.option("--out", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True,
              metavar=vocab.CLI_MV_FOLDER)
def schema(out: Path) -> None:
    from sheetsync.app.schemas import write_schemas

    for path in write_schemas(out):
        click.echo(str(path))


@cli.command(help=vocab.HELP_SETUP, examples=vocab.EX_SETUP)
@pass_options
def setup(options: Options) -> None:
    from sheetsync.app.provision import run_setup

    _, backend, changes = run_setup(options.config)
    if not changes:
        click.echo(vocab.SETUP_NOTHING.format(backend=backend.describe()))
        return
    click.echo(f"{backend.describe()}:")
    for change in changes:
        click.echo(f"  - {change}")


@cli.command(help=vocab.HELP_SYNC, examples=vocab.EX_SYNC + vocab.EX_SYNC_NO_DOCUMENTS)
@click.option("--dry-run", is_flag=True, help=vocab.HELP_DRY_RUN)
@click.option("--json", "as_json", is_flag=True, help=vocab.HELP_JSON)
@click.option("--today", type=DATE, help=vocab.HELP_TODAY)
@click.option("--quiet", "-q", is_flag=True, help=vocab.HELP_QUIET)
@click.option("--no-documents", is_flag=True, help=vocab.HELP_NO_DOCUMENTS)
@pass_options
def sync(options: Options, dry_run: bool, as_json: bool, today: date | None, quiet: bool, no_documents: bool) -> None:
    from sheetsync.app.sync import run_sync

    # With --json the output is for a program: progress goes to the run's log file only.
    summary = run_sync(options.config, today=today, dry_run=dry_run, quiet=quiet or as_json,
                       documents=not no_documents)
    for warning in summary.warnings:
        click.echo(vocab.CLI_WARNING.format(warning=warning), err=True)
    missing = vocab.missing_tabs(summary.missing_tabs) if summary.missing_tabs else ""
    if as_json:
        data = summary.model_dump(mode="json", exclude={"planned"} if not dry_run else set())
        result: dict[str, Any] = {"ok": not missing, **data}
        if missing:
            result["error"] = {"code": "missing-tabs", "message": missing, "hint": ""}
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_summary(summary)
    if missing:
        # Every other tab was synced; the exit status still tells cron that something needs fixing.
        if not as_json:
            click.echo(vocab.CLI_ERROR.format(message=missing), err=True)
        click.get_current_context().exit(1)


@cli.command(help=vocab.HELP_DEMO, examples=vocab.EX_DEMO, uses_config=False)
@click.argument("directory", type=click.Path(path_type=Path), default=Path("demo"), metavar=vocab.CLI_MV_DEMO_FOLDER)
@click.option("--today", type=DATE, help=vocab.HELP_DEMO_TODAY)
def demo(directory: Path, today: date | None) -> None:
    from sheetsync.app.demo import build_demo

    result = build_demo(directory, today)
    print_summary(result.summary)
    click.echo("")
    click.echo(vocab.DEMO_WHERE.format(path=result.directory))
    click.echo(vocab.DEMO_WORKBOOK.format(path=result.workbook))
    click.echo(vocab.DEMO_CONFIG.format(path=result.directory))
    click.echo(vocab.DOC_LIST)
    for path in result.documents:
        click.echo(f"    {path}")
    click.echo(vocab.DEMO_AGAIN.format(path=result.directory, today=result.summary.today))


@cli.command(help=vocab.HELP_REPORT, examples=vocab.EX_REPORT)
@click.argument("document", type=click.Choice(["sar", "memo", "order", "brief", "package", "meeting", "briefing"]),
                metavar=vocab.CLI_MV_DOCUMENT)
@click.option("--format", "formats", type=click.Choice(["html", "pdf", "docx"]), multiple=True, help=vocab.HELP_FORMAT)
@click.option("--out", type=click.Path(path_type=Path), metavar=vocab.CLI_MV_FOLDER, help=vocab.HELP_OUT)
@click.option("--date", "when", type=DATE, help=vocab.HELP_MEETING_DATE)
@click.option("--time", "at", type=TIME, help=vocab.HELP_MEETING_TIME)
@click.option("--place", metavar=vocab.CLI_MV_PLACE, help=vocab.HELP_MEETING_PLACE)
@pass_options
def report(options: Options, document: str, formats: tuple[str, ...], out: Path | None, when: date | None,
           at: str | None, place: str | None) -> None:
    from sheetsync.app.report import make_report

    briefing = {"when": when, "at": at, "place": place}
    made = make_report(options.config, document, formats, out, briefing)
    if not made.paths:
        click.echo(vocab.DOC_NO_MEMO)
    for path in made.paths:
        click.echo(str(path))
    for warning in made.warnings:  # after the paths: what the package lacks (rounds, coverage, e-MES files)
        click.echo(vocab.CLI_WARNING.format(warning=warning), err=True)


for command in (*HISTORY_COMMANDS, doctor, schedule, round_group, line_group, new_year):
    cli.add_command(command)


def print_summary(s: SyncSummary) -> None:
    n = thai.to_thai_digits
    head = vocab.SUM_DRY_RUN if s.dry_run else vocab.SUM_DONE
    click.echo(vocab.SUM_HEAD.format(head=head, office=s.office, date=thai.format_date(s.today, "long"),
                                     backend=s.backend))
    click.echo(vocab.SUM_ROWS.format(rows=s.rows_text(), errors=n(len(s.errors))))
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
            click.echo(f"    {p.tab}!{p.cell} = {value_text(p.value)}")
    else:
        click.echo(vocab.SUM_WRITTEN.format(cells=n(s.cells_written)))
    for path in s.documents:
        click.echo(vocab.DOC_WRITTEN.format(path=path))


def main() -> None:
    try:
        cli()
    finally:
        # The command is done and the process ends: whatever it built (a big evaluation, the office) is
        # moved out of the collector's reach, so the interpreter's last collection does not walk it for
        # nothing (0.1 s after a 5,000-row sync).
        gc.freeze()

