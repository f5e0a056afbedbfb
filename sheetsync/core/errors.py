"""Failures of the tool itself (config, files, backends), as opposed to row problems, which are data.

The CLI turns each into a message and an exit status; none of them should reach a user as a traceback.
"""

from __future__ import annotations

from pydantic import BaseModel


class SheetSyncError(Exception):
    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class ConfigProblem(BaseModel):
    file: str
    line: int | None = None
    path: str = ""
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        key = f" [{self.path}]" if self.path else ""
        return f"{where}{key}: {self.message}"


class ConfigError(SheetSyncError):
    exit_code = 2

    def __init__(self, problems: list[ConfigProblem]) -> None:
        self.problems = problems
        lines = [f"การตั้งค่าไม่ถูกต้อง {len(problems)} จุด:"] + [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))


class UsageError(SheetSyncError):
    exit_code = 2


class BackendError(SheetSyncError):
    """The sheets could not be read or written (a locked file, a missing tab, an API refusal)."""


class WorkbookLocked(BackendError):
    pass
