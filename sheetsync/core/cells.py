"""What crosses the backend boundary: tables of raw cell values as read, and the cell writes planned.

Rows and columns are 1-based as in a spreadsheet; `a1(row, col)` gives the address users see.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

CellValue = str | int | float | bool | None


@lru_cache(maxsize=512)
def col_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def a1(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"


class RawTable(BaseModel):
    """One tab as read: `values[0]` is row 1 (the header). Trailing empty cells may be trimmed, as
    Google does; a date cell is a `datetime`/`date` (workbook) or a serial number (Google)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    tab: str
    values: list[list[Any]]

    def cell(self, row: int, col: int) -> Any:
        if row < 1 or row > len(self.values):
            return None
        line = self.values[row - 1]
        return line[col - 1] if 0 < col <= len(line) else None

    @property
    def header(self) -> list[Any]:
        return self.values[0] if self.values else []

    @property
    def row_count(self) -> int:
        return len(self.values)


class Identity(BaseModel):
    """What must still be in a row when a write lands there: the key column's normalised value."""

    model_config = ConfigDict(frozen=True)

    col: int
    key: str
    kind: Literal["code", "label"] = "code"


class CellWrite(BaseModel):
    model_config = ConfigDict(frozen=True)

    tab: str
    row: int
    col: int
    value: CellValue
    identity: Identity | None = None

    @property
    def address(self) -> str:
        return a1(self.row, self.col)


class WritePlan(BaseModel):
    """Every cell the sync will write, grouped by tab; nothing else is ever written."""

    writes: list[CellWrite] = []
    status_tab: str | None = None  # the tab written whole for the director (formatted by the backend)

    def by_tab(self) -> dict[str, list[CellWrite]]:
        out: dict[str, list[CellWrite]] = {}
        for w in self.writes:
            out.setdefault(w.tab, []).append(w)
        return out
