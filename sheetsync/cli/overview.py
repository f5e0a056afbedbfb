"""The Status tab in the terminal (`sheetsync status`): its sections, each a rich table whose cells stay
under their headers, empty cells included; and the same sections as `status --json` gives them.

The tab (core.status.status_grid) is a list of rows: a section starts after an empty row with its title
alone on a row; a table's first row is its header (a row of the tab's column labels), the overview's
rows are label, value pairs. On a terminal the tables fit its width (long cells wrap inside their
column); into a file or a pipe no cell is wrapped, so each row stays one line. Colours only on a
terminal and never with NO_COLOR (rich's rules).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from sheetsync.core import thai, vocab

# The first cell of each of the Status tab's header rows (core.status: rounds, standards, groups, late).
_HEADER_FIRST = {vocab.ST_MILESTONE, vocab.ST_STANDARD, vocab.ST_GROUP}
_UNWRAPPED_WIDTH = 10_000  # not a terminal: wide enough that no cell wraps


@dataclass
class Section:
    title: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "columns": self.columns, "rows": self.rows}


def _blank(row: list[Any]) -> bool:
    return all(thai.is_blank(v) for v in row)


def _is_header(row: list[Any]) -> bool:
    return len(row) >= 3 and row[0] in _HEADER_FIRST and all(isinstance(v, str) and v for v in row)


def sections(grid: list[list[Any]]) -> list[Section]:
    blocks: list[list[list[Any]]] = [[]]
    for row in grid:
        if _blank(row):
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(list(row))
    out = []
    for block in (b for b in blocks if b):
        title = str(block[0][0]) if len(block[0]) == 1 else ""
        body = block[1:] if title else block
        columns = [str(v) for v in body[0]] if body and _is_header(body[0]) else []
        out.append(Section(title, columns, body[1:] if columns else body))
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return thai.to_thai_digits(value)
    if isinstance(value, float):
        return thai.format_number(value)
    return str(value)


def _table(section: Section) -> Table:
    width = max([len(section.columns), *(len(r) for r in section.rows)])
    table = Table(box=box.MINIMAL, show_header=bool(section.columns), header_style="bold", pad_edge=False,
                  show_edge=False)
    for i in range(width):
        values = [r[i] for r in section.rows if i < len(r) and r[i] not in (None, "")]
        numeric = bool(values) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
        table.add_column(section.columns[i] if i < len(section.columns) else "", justify="right" if numeric else "left",
                         overflow="fold")
    for r in section.rows:
        table.add_row(*[_cell(r[i]) if i < len(r) else "" for i in range(width)])
    return table


def render(parts: list[Section]) -> str:
    """The sections as text, a title above each table, a blank line between them."""
    console = Console(markup=False, emoji=False, highlight=False)
    if not console.is_terminal:
        console = Console(markup=False, emoji=False, highlight=False, width=_UNWRAPPED_WIDTH, no_color=True)
    with console.capture() as captured:
        for i, section in enumerate(parts):
            if i:
                console.print()
            if section.title:
                console.print(section.title, style="bold")
            if section.rows or section.columns:
                console.print(_table(section))
    return "".join(line.rstrip() + "\n" for line in captured.get().splitlines())
