"""The command line: click commands, thin (parse options, call one library function, print)."""

from sheetsync.cli.main import cli, main

__all__ = ["cli", "main"]
