"""`sheetsync round list | close | reopen`: thin wrappers over sheetsync.app.rounds."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import click

from sheetsync.cli.thaiclick import DATE, Group, ask
from sheetsync.core import thai, vocab

_STATES = vocab.ROUND_LIST_STATES


def _day(value: Any) -> str:
    return thai.format_date(value, "short") if value else "-"


# The help texts that --help shows are in vocab.py (HELP_*), so the commands have no docstrings.
@click.group("round", cls=Group, help=vocab.HELP_ROUND, examples=vocab.EX_ROUND)
def round_group() -> None:
    pass


@round_group.command("list", help=vocab.HELP_ROUND_LIST, examples=vocab.EX_ROUND_LIST)
@click.option("--json", "as_json", is_flag=True, help=vocab.HELP_JSON)
@click.option("--today", type=DATE, help=vocab.HELP_TODAY)
@click.pass_obj
def list_cmd(obj: Any, as_json: bool, today: date | None) -> None:
    from sheetsync.app.rounds import list_rounds

    lines = list_rounds(obj.config, today)
    if as_json:
        click.echo(json.dumps({"ok": True, "rounds": [line.model_dump(mode="json") for line in lines]},
                              ensure_ascii=False, indent=2))
        return
    if not lines:
        click.echo(vocab.ROUND_NONE)
    n = thai.to_thai_digits
    for line in lines:
        due = _day(line.due)
        if line.due_moved_from:
            due += " " + vocab.DEADLINE_MOVED.format(day=_day(line.due_moved_from), reason=line.due_moved_reason)
        state = _STATES[line.state]
        if line.state == "closed":
            state = vocab.ROUND_LIST_CLOSED.format(day=_day(line.closed_on), by=line.closed_by)
        elif line.state == "reopened":
            state = vocab.ROUND_LIST_REOPENED.format(by=line.reopened_by, until=_day(line.reopened_until)
                                                     if line.reopened_until else vocab.ROUND_LIST_UNTIL_CLOSED)
        coverage = (vocab.ROUND_LIST_COVERAGE.format(reported=n(line.reported), total=n(line.total))
                    if line.reported is not None else vocab.ROUND_LIST_NO_COVERAGE)
        if line.not_reported is not None:
            coverage += " " + vocab.ROUND_LIST_LATE.format(missing=n(line.not_reported), late=n(line.reported_late or 0))
        click.echo(vocab.ROUND_LIST_LINE.format(code=line.code, name=line.name, opens=_day(line.opens), due=due,
                                                grace=_day(line.closes_after), state=state, coverage=coverage))


@round_group.command("close", help=vocab.HELP_ROUND_CLOSE, examples=vocab.EX_ROUND_CLOSE)
@click.argument("code", metavar=vocab.CLI_MV_ROUND)
@click.option("--by", metavar=vocab.CLI_MV_NAME, help=vocab.HELP_ROUND_BY)
@click.option("--today", type=DATE, help=vocab.HELP_TODAY)
@click.option("--yes", is_flag=True, help=vocab.HELP_YES)
@click.pass_obj
def close_cmd(obj: Any, code: str, by: str | None, today: date | None, yes: bool) -> None:
    from sheetsync.app.rounds import close_round

    if not yes and not ask(vocab.ROUND_CLOSE_CONFIRM.format(code=code)):
        click.echo(vocab.ROUND_NOTHING_DONE)
        return
    summary = close_round(obj.config, code, by, today, quiet=True)
    for warning in summary.warnings:
        click.echo(vocab.CLI_WARNING.format(warning=warning), err=True)
    if not summary.closed_rounds:
        click.echo(vocab.ROUND_NOTHING_DONE)


@round_group.command("reopen", help=vocab.HELP_ROUND_REOPEN, examples=vocab.EX_ROUND_REOPEN)
@click.argument("code", metavar=vocab.CLI_MV_ROUND)
@click.option("--until", type=DATE, help=vocab.HELP_ROUND_UNTIL)
@click.option("--by", metavar=vocab.CLI_MV_NAME, help=vocab.HELP_ROUND_BY)
@click.option("--today", type=DATE, help=vocab.HELP_TODAY)
@click.pass_obj
def reopen_cmd(obj: Any, code: str, until: date | None, by: str | None, today: date | None) -> None:
    from sheetsync.app.rounds import reopen_round

    click.echo(reopen_round(obj.config, code, by, until, today))
