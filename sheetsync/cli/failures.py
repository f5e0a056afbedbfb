"""The command line's own refusals, and every failure as the one JSON object `--json` prints.

Imported only when a command runs or fails (core.errors loads pydantic): `sheetsync --help` stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from sheetsync.core import vocab
from sheetsync.core.errors import (
    BackendError,
    ConfigError,
    ConfigProblem,
    HistoryError,
    SheetSyncError,
    UsageError,
    WorkbookLocked,
)
from sheetsync.store.lock import Locked


class NoOffice(ConfigError):
    """No office.yaml in the folder a command was to read: which folder (absolute), how it was chosen,
    and how to name another."""

    def __init__(self, folder: Path, source: str) -> None:
        where = {"option": vocab.CLI_NO_OFFICE_OPTION, "env": vocab.CLI_NO_OFFICE_ENV}.get(source, vocab.CLI_NO_OFFICE_DEFAULT)
        missing = vocab.CLI_NO_OFFICE_FOLDER if not folder.is_dir() else vocab.CLI_NO_OFFICE_FILE
        message = missing.format(folder=folder, where=where)
        self.problems = [ConfigProblem(file=str(folder), message=message)]
        SheetSyncError.__init__(self, message, vocab.CLI_NO_OFFICE_HINT)


class NoAnswer(SheetSyncError):
    """A question asked with nobody to answer it (end of input, Ctrl+C): nothing was done."""

    exit_code = 1

    def __init__(self) -> None:
        super().__init__(vocab.CLI_NO_ANSWER, vocab.CLI_NO_ANSWER_HINT)


# The code of each failure in `--json`'s error object, the most specific class first.
_CODES: tuple[tuple[type[BaseException], str], ...] = (
    (NoOffice, "no-office"), (ConfigError, "config"), (UsageError, "usage"), (NoAnswer, "no-answer"),
    (WorkbookLocked, "workbook-locked"), (Locked, "sync-running"), (BackendError, "backend"),
    (HistoryError, "history"), (SheetSyncError, "failed"), (OSError, "io"),
)


def code_of(exc: BaseException) -> str:
    return next((code for kind, code in _CODES if isinstance(exc, kind)), "failed")


def failure(code: str, message: str, hint: str = "", **more: Any) -> dict[str, Any]:
    return {"ok": False, **more, "error": {"code": code, "message": message, "hint": hint}}


def failure_of(exc: BaseException) -> dict[str, Any]:
    """A failure of the tool as `--json` prints it: a config error's problems listed one by one too."""
    if isinstance(exc, SheetSyncError):
        more: dict[str, Any] = {}
        if isinstance(exc, ConfigError) and not isinstance(exc, NoOffice):
            more["problems"] = [p.model_dump() for p in exc.problems]
        result = failure(code_of(exc), exc.message, exc.hint)
        result["error"].update(more)
        return result
    return failure(code_of(exc), vocab.CLI_IO_ERROR.format(problem=exc))


def usage_failure(exc: click.ClickException) -> dict[str, Any]:
    """A mistake on the command line (click's, its text already Thai) as `--json` prints it."""
    hint = ""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        hint = vocab.CLICK_TEXTS["Try '{command} {option}' for help."].format(command=ctx.command_path, option="--help")
    return failure("usage", exc.format_message(), hint)
