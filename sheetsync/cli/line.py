"""`sheetsync line pair`: a thin wrapper over sheetsync.app.linepair."""

from __future__ import annotations

from typing import Any

import click

from sheetsync.cli.thaiclick import Group
from sheetsync.core import vocab


@click.group("line", cls=Group, help=vocab.HELP_LINE, examples=vocab.EX_LINE)
def line_group() -> None:
    pass


@line_group.command("pair", help=vocab.HELP_LINE_PAIR, examples=vocab.EX_LINE_PAIR)
@click.option("--host", default="127.0.0.1", show_default=True, help=vocab.HELP_LINE_HOST)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help=vocab.HELP_LINE_PORT)
@click.option("--timeout", type=click.FloatRange(1, 86400), default=600, show_default=True, help=vocab.HELP_LINE_TIMEOUT)
@click.option("--once", is_flag=True, help=vocab.HELP_LINE_ONCE)
@click.pass_obj
def pair_cmd(obj: Any, host: str, port: int, timeout: float, once: bool) -> None:
    from sheetsync.app.linepair import pair
    from sheetsync.store.config import load_office

    office = load_office(obj.config)
    pair(office, obj.config, host, port, timeout, once, lambda line: click.echo(line))
