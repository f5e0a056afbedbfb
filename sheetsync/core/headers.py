"""Where to say that a header is missing from a tab's header row, and which header it most likely
became. Pure; headers are compared in the form rows.normalize_label gives them.

A group that renames a header (วันที่รายงาน -> วันที่รายงานผล), or moves the column and renames it, leaves
the column its values are in; a group that clears or deletes the header leaves none. So a missing
header is said at the header row: at the cell of the header most like it (difflib's ratio, at least
`NEAR`) among the headers that are no known column's, naming it, so the person who reads the message
can answer "is this the column?"; else at the row's first empty cell, where it could be typed. The
guess is only said: neither the sync nor setup reads or writes a guessed column as the missing one
(core.layout: setup leaves it and tells the coordinator).
"""

from __future__ import annotations

from difflib import SequenceMatcher

# How alike a header must be to a missing label to be named as what it most likely became: 0.6 is
# difflib's own cutoff for close matches; "วันที่รายงานผล" is 0.92 like "วันที่รายงาน", "หมายเหตุ" 0.2.
NEAR = 0.6


def likeness(a: str, b: str) -> float:
    return SequenceMatcher(None, a.casefold(), b.casefold(), autojunk=False).ratio()


def nearest_headers(header: list[str], wanted: dict[str, str], known: set[str]) -> dict[str, int]:
    """For each missing column (`wanted`: key -> its label), the 1-based column of the header cell most
    like its label, among the cells that hold a header that is not in `known` (the labels of the tab's
    columns: a known column is itself, not a missing one renamed). A cell is given to one missing
    column at most, the most alike pair first; a column with no header alike enough is absent."""
    cells = [(col, text) for col, text in enumerate(header, start=1) if text and text not in known]
    pairs = sorted(((likeness(label, text), col, key) for key, label in wanted.items() for col, text in cells),
                   key=lambda p: (-p[0], p[1]))
    found: dict[str, int] = {}
    for score, col, key in pairs:
        if score < NEAR:
            break
        if key not in found and col not in found.values():
            found[key] = col
    return found


def first_free_column(header: list[str]) -> int:
    """The header row's first empty cell (its first cell, for a tab with no header at all): where a
    missing header can be typed without moving any column."""
    for col, text in enumerate(header, start=1):
        if not text:
            return col
    return len(header) + 1
