"""What the coordinator reads of a cell, a place in a tab, a moment and a failed run: Thai, never a Python
repr, an internal key (`#header`) or an ISO time."""

from __future__ import annotations

import builtins
import re
from datetime import date, datetime
from typing import Any

from sheetsync.core import thai, vocab


def value_text(value: Any) -> str:
    """A cell's value as the person typed it: text in quotes, a date as a Thai date, a number as is."""
    if thai.is_blank(value):
        return vocab.BLANK_VALUE
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return str(value).upper()  # as a spreadsheet shows a logical cell
    if isinstance(value, datetime):
        midnight = (value.hour, value.minute, value.second) == (0, 0, 0)
        return thai.format_date(value.date(), "short") if midnight else thai.format_moment(value)
    if isinstance(value, date):
        return thai.format_date(value, "short")
    if isinstance(value, int | float):
        return thai.format_number(float(value), thai=False)
    return str(value)


def row_text(row_key: str) -> str:
    """A row as history keys it: its indicator code or output title, the header row, or a row by number."""
    if row_key == "#header":
        return vocab.CLI_ROW_HEADER
    if re.fullmatch(r"#row\d+", row_key):
        return vocab.CLI_ROW_AT.format(row=row_key[4:])
    return row_key


def column_text(label: str) -> str:
    """A column as history keys it: its header, or (a column with no header) its letter."""
    if re.fullmatch(r"#col\d+", label):
        from sheetsync.core.cells import col_letter  # cells loads pydantic: not for `sheetsync --help`

        return vocab.CLI_COLUMN_AT.format(column=col_letter(int(label[4:])))
    return label


def change_line(tab: str, cell: str, row_key: str, column: str, old: Any, new: Any) -> str:
    return f"  {tab}!{cell} [{row_text(row_key)} / {column_text(column)}]: {value_text(old)} -> {value_text(new)}"


_CLASS_PREFIX = re.compile(r"([A-Z][A-Za-z0-9_]*):\s*(.*)", re.DOTALL)


def _our_errors() -> set[str]:
    from sheetsync.core.errors import SheetSyncError

    names: set[str] = set()
    todo: list[type] = [SheetSyncError]
    while todo:
        kind = todo.pop()
        names.add(kind.__name__)
        todo.extend(kind.__subclasses__())
    return names


def failure_text(failure: str) -> str:
    """Why a run failed, as history keeps it: the Thai message (older files kept it after the exception's
    class, `WorkbookLocked: ...`); a failure that was no message of ours (a bug) said as one, its
    details kept for whoever fixes it."""
    text = failure
    m = _CLASS_PREFIX.fullmatch(failure.strip())
    if m:
        name, rest = m.groups()
        builtin = getattr(builtins, name, None)
        if name in _our_errors():
            text = rest
        elif name == "KeyboardInterrupt":
            text = vocab.RUN_INTERRUPTED.format(how=vocab.RUN_INTERRUPTED_CTRL_C)
        elif isinstance(builtin, type) and issubclass(builtin, OSError):
            text = vocab.CLI_IO_PROBLEM.format(problem=rest)
        elif (isinstance(builtin, type) and issubclass(builtin, BaseException)) or name.endswith(("Error", "Exception")):
            text = vocab.CLI_RUN_CRASHED.format(problem=failure)
    return " ".join(text.split())
