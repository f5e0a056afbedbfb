"""`sheetsync doctor` and `sheetsync schedule`: the coordinator's setup helpers.

Defined apart from cli/main.py (which registers them with `cli.add_command`) and without importing it, so
either module can be imported first. They read the global options from the click context object
(`--config`), like every other command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from sheetsync.cli.thaiclick import Command
from sheetsync.core import vocab


# The help texts that --help shows are in vocab.py (HELP_*), so the commands have no docstrings.
@click.command(cls=Command, help=vocab.HELP_DOCTOR, examples=vocab.EX_DOCTOR)
@click.pass_obj
def doctor(obj: Any) -> None:
    # The CLI defers its commands' modules: `sheetsync --help` should not load every library.
    from sheetsync.app.doctor import config_fix, exit_status, fail, render, run_doctor, summary_line
    from sheetsync.core.errors import ConfigError

    checks = []
    try:
        for check in run_doctor(obj.config):
            checks.append(check)
            for line in render(check):
                click.echo(line)
    except ConfigError as exc:
        # The ✗ line here, then the problems as every command shows them (stderr, exit status 2).
        click.echo(render(fail(vocab.DR_CONFIG, vocab.DR_CONFIG_BAD, ""))[0])
        exc.hint = exc.hint or config_fix([p.path for p in exc.problems])
        raise
    click.echo(summary_line(checks))
    click.get_current_context().exit(exit_status(checks))


@click.command(cls=Command, help=vocab.HELP_SCHEDULE, examples=vocab.EX_SCHEDULE)
@click.option("--at", "at", default="01:30", show_default=True, metavar="HH:MM", help=vocab.HELP_SCHEDULE_AT)
@click.option("--install", "do_install", is_flag=True, help=vocab.HELP_SCHEDULE_INSTALL)
@click.pass_obj
def schedule(obj: Any, at: str, do_install: bool) -> None:
    from sheetsync.app.schedule import enable_commands, install, make_schedule, schedule_text, unit_dir
    from sheetsync.store.config import load_office

    config = Path(obj.config)
    office = load_office(config)
    plan = make_schedule(office, config, at)
    directory = unit_dir()
    if not do_install:
        click.echo(schedule_text(plan, directory), nl=False)
        return
    for path, changed in install(plan, directory):
        click.echo((vocab.SCH_WROTE if changed else vocab.SCH_SAME).format(path=path))
    click.echo(vocab.SCH_ENABLE)
    for command in enable_commands(plan):
        click.echo(f"  {command}")
    click.echo(vocab.SCH_LINGER)
    click.echo("  loginctl enable-linger $USER")
    click.echo(vocab.SCH_CHECK)
    click.echo(f"  systemctl --user list-timers {plan.unit}.timer")
