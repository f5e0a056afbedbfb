"""The protocol every backend keeps. The sync reads once, plans, then writes once.

- `read(tabs, on_tab)` returns every requested tab that exists, in one pass per spreadsheet; a missing
  tab is simply absent from the result; `on_tab(name)` is told as each tab (or spreadsheet) is read.
- `write(plan)` writes exactly the planned cells, raw (text stays text, even "=..."), after checking
  each row write's identity (the key cell still holds the key it had when read). If the rows moved
  since the read, it raises `RowsMoved` and writes nothing; the sync then reads again and re-plans.
- `setup(layouts)` creates or repairs tabs; it adds headers and rows, never changes a typed cell; it
  marks the status columns as the sync's own (`layouts[i].marks`; the marker: core.layout).
- `mark_columns(marks)` marks the status columns a sync just added (after `write`), so that the next
  read finds them as the sync's; each read gives the marks it found (`RawTable.marks`).
- `tab_names(beside)` lists every tab of the spreadsheet that holds (or would hold) the tab `beside`, in
  order (after a read: of that read's moment); a tab it names can then be read by its name.
- `take_tab(found, tab)`: the tab `found` is the group tab `tab` renamed (backends.tabs found it): it is
  set up, protected and shared as `tab` would be.
- `requests` counts API calls (0 for the workbook).

Every backend `open_backend` gives is wrapped in backends.tabs.FoundTabs, which finds a group tab its
group renamed, and reads and writes it under the name office.yaml gives (core.layout says how).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from sheetsync.core.cells import ColumnMark, RawTable, WritePlan
from sheetsync.core.errors import BackendError
from sheetsync.core.layout import TabLayout


class RowsMoved(BackendError):
    """Rows were inserted, deleted or sorted between the read and the write."""


class Backend(Protocol):
    @property
    def requests(self) -> int: ...  # read-only: a count the backend keeps (a property or a class attribute)

    def describe(self) -> str: ...

    def check_writable(self) -> None: ...

    def read(self, tabs: list[str], on_tab: Callable[[str], None] | None = None) -> dict[str, RawTable]: ...

    def write(self, plan: WritePlan) -> int: ...

    def setup(self, layouts: list[TabLayout]) -> list[str]: ...

    def mark_columns(self, marks: list[ColumnMark]) -> None: ...

    def tab_names(self, beside: str) -> list[str]: ...

    def take_tab(self, found: str, tab: str) -> None: ...


class SpreadsheetMissing(BackendError):
    """The workbook or spreadsheet does not exist yet (`sheetsync setup` creates it)."""
