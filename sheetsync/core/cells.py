"""What crosses the backend boundary: tables of raw cell values as read, and the cell writes planned.

Rows and columns are 1-based as in a spreadsheet; `a1(row, col)` gives the address users see. The
column names are converted here (tests/unit/test_cells_columns.py holds them to openpyxl's on every
column): importing openpyxl for them cost every sync 0.14 s, and the pure modules load no sheet library
(a test keeps it so).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

CellValue = str | int | float | bool | None
# How a key cell is normalised before an identity compares it: an indicator code or a label.
KeyKind = Literal["code", "label"]


def col_letter(col: int) -> str:
    """1 -> A, 27 -> AA, up to 18278 (ZZZ); a ValueError beyond."""
    if not 1 <= col <= _LAST_COLUMN:
        raise ValueError(f"no column {col}")
    letters = _LETTERS.get(col)
    if letters is None:
        letters, n = "", col
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(65 + rest) + letters
        _LETTERS[col] = letters
    return letters


def col_index(letters: str) -> int:
    """A -> 1, aa -> 27, up to ZZZ; a ValueError for what is not a column name."""
    if not 1 <= len(letters) <= 3 or not letters.isascii() or not letters.isalpha():
        raise ValueError(f"not a column name: {letters!r}")
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


_LAST_COLUMN = 18278  # ZZZ: as far as three letters go (a sheet has 16384 columns, XFD)
_LETTERS: dict[int, str] = {}


def a1(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"



class UncomputedFormula(str):
    """A formula cell saved with no computed value (by a program that does not calculate): its text.
    The row checks answer it in Thai (open and save the file once in Excel or LibreOffice); it is never
    read as the value it would have."""

    __slots__ = ()


class RawTable(BaseModel):
    """One tab as read: `values[0]` is row 1 (the header). Trailing empty cells may be trimmed, as
    Google does; a date cell is a `datetime`/`date` (workbook) or a serial number (Google)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    tab: str
    values: list[list[Any]]
    # The sync's own status columns as the backend's marker shows them (column -> status key; see
    # core.layout.find_sync_columns and each backend's docstring). None: the tab carries no marker at
    # all (set up before markers existed, or made by hand).
    marks: dict[int, str] | None = None

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


class Identity(NamedTuple):
    """What must still be in a row when a write lands there: the key column's normalised value.

    A NamedTuple, as CellWrite is: one is made per row written, and a validated model would cost more than
    the rest of the row's plan (issue 16). Nothing validates it: the core alone builds it."""

    col: int
    key: str
    kind: KeyKind = "code"

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Identity:
        """A copy with `update`'s fields changed: the pydantic name, which callers used when this was a model."""
        return self._replace(**update) if update else self


class CellWrite(NamedTuple):
    """One cell to write. A NamedTuple (one per status cell: tens of thousands a night, issue 16), never
    validated: the core alone builds it, from values it has already checked."""

    tab: str
    row: int
    col: int
    value: CellValue
    identity: Identity | None = None

    @property
    def address(self) -> str:
        return a1(self.row, self.col)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> CellWrite:
        """A copy with `update`'s fields changed (the pydantic name, kept for the callers that use it)."""
        return self._replace(**update) if update else self


class ColumnMark(NamedTuple):
    """A status column the sync adds (its header is one of the writes): once written, the backend marks
    it as the sync's own (`Backend.mark_columns`), so the next sync finds it again and no other."""

    tab: str
    col: int
    key: str

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> ColumnMark:
        return self._replace(**update) if update else self


@dataclass(slots=True)
class WritePlan:
    """Every cell the sync will write, grouped by tab; nothing else is ever written. A plain dataclass:
    a model would validate each of its writes again (pydantic rebuilds NamedTuples it is given)."""

    writes: list[CellWrite] = field(default_factory=list)
    status_tab: str | None = None  # the tab written whole for the director (formatted by the backend)
    marks: list[ColumnMark] = field(default_factory=list)  # status columns added by this plan, to mark once written
    notes: list[str] = field(default_factory=list)  # what the plan decided that people should hear (Thai): the sync's warnings

    def by_tab(self) -> dict[str, list[CellWrite]]:
        out: dict[str, list[CellWrite]] = {}
        for w in self.writes:
            out.setdefault(w.tab, []).append(w)
        return out

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> WritePlan:
        """A copy with `update`'s fields changed (the pydantic name, kept for the callers that use it)."""
        return replace(self, **update) if update else replace(self)
