"""`sheetsync new-year`: start the next fiscal year from this one (sheetsync.app.newyear does the work).

Defined apart from cli/main.py (which registers it with `cli.add_command`) and without importing it, so
either module can be imported first; it reads `--config` from the click context object like every
other command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sheetsync.cli.thaiclick import Command, ask
from sheetsync.core import vocab

if TYPE_CHECKING:
    from sheetsync.app.newyear import NewYearPlan


# The help texts that --help shows are in vocab.py (HELP_*), so the command has no docstring.
@click.command("new-year", cls=Command, help=vocab.HELP_NEW_YEAR, examples=vocab.EX_NEW_YEAR)
@click.option("--spreadsheet", metavar="KEY", help=vocab.HELP_NEW_YEAR_SPREADSHEET)
@click.option("--yes", is_flag=True, help=vocab.HELP_YES)
@click.pass_obj
def new_year(obj: Any, spreadsheet: str | None, yes: bool) -> None:
    # The CLI defers its commands' modules: `sheetsync --help` should not load every library.
    from sheetsync.app.newyear import confirm_text, report_lines, run_new_year

    def confirm(plan: NewYearPlan) -> bool:
        return yes or ask(confirm_text(plan))

    result = run_new_year(Path(obj.config), spreadsheet, confirm)
    if result is None:
        click.echo(vocab.NY_CANCELLED)
        return
    for line in report_lines(result):
        click.echo(line)
