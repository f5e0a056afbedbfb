"""Failures of the tool itself (config, files, backends), as opposed to row problems, which are data.

The CLI turns each into a message and an exit status; none of them should reach a user as a traceback.
"""

from __future__ import annotations

from pydantic import BaseModel

from sheetsync.core import thai, vocab


class SheetSyncError(Exception):
    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class ConfigProblem(BaseModel):
    """One mistake in a config file. `path` is the key path as code names it (`groups[9].tab`, 0-based: for
    --json and the programs that read it); `where` the same place as the coordinator reads it (`กลุ่ม audit >
    tab`: items named by their code or name, counted from 1), which the message shows."""

    file: str
    line: int | None = None
    path: str = ""
    message: str
    where: str = ""

    def __str__(self) -> str:
        at = self.file + (f":{self.line}" if self.line else "")
        key = self.where or self.path
        return f"{at} [{key}]: {self.message}" if key else f"{at}: {self.message}"


class ConfigError(SheetSyncError):
    exit_code = 2

    def __init__(self, problems: list[ConfigProblem]) -> None:
        self.problems = problems
        lines = [vocab.CFG_PROBLEMS_HEAD.format(count=thai.to_thai_digits(len(problems)))] + [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))


class UsageError(SheetSyncError):
    exit_code = 2


class BackendError(SheetSyncError):
    """The sheets could not be read or written (a locked file, a missing tab, an API refusal)."""


class WorkbookLocked(BackendError):
    pass


class HistoryError(SheetSyncError):
    """The office's history database cannot be used as it is; nothing was written to it."""


class HistoryUnreadable(HistoryError):
    """The history file is not a SQLite database (or SQLite cannot read it)."""


class HistoryTooNew(HistoryError):
    """The history file was written by a newer sheetsync: this one does not know its schema, so it
    leaves the file alone rather than guess."""
