"""The columns of each tab kind: a stable English key, the default Thai header (worded in vocab.py), and
who fills it.

Columns are found by their header label in row 1, never by position; an office may rename any label
in office.yaml (`columns: {evidence: "เอกสารอ้างอิง"}`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sheetsync.core import vocab

FilledBy = Literal["setup", "group", "sync"]


@dataclass(frozen=True)
class Column:
    """A column of a group's tab or the outputs tab. `width` is in characters, narrow enough that a tab
    prints on the width of an A4 page in landscape at a size one can read (every text cell wraps)."""

    key: str
    label: str
    filled_by: FilledBy
    width: int = 16


_INDICATOR, _OUTPUT = vocab.INDICATOR_HEADERS, vocab.OUTPUT_HEADERS  # the default labels

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("code", _INDICATOR["code"], "setup", 8),
    Column("title", _INDICATOR["title"], "setup", 26),
    Column("target", _INDICATOR["target"], "group", 20),
    Column("target_value", _INDICATOR["target_value"], "group", 9),
    Column("unit", _INDICATOR["unit"], "group", 8),
    Column("result", _INDICATOR["result"], "group", 20),
    Column("criteria_met", _INDICATOR["criteria_met"], "group", 10),
    Column("self_level", _INDICATOR["self_level"], "group", 11),
    Column("justification", _INDICATOR["justification"], "group", 20),
    Column("evidence", _INDICATOR["evidence"], "group", 20),
    Column("owner", _INDICATOR["owner"], "group", 14),
    Column("reported_on", _INDICATOR["reported_on"], "group", 11),
    Column("note", _INDICATOR["note"], "group", 12),
    Column("state", _INDICATOR["state"], "sync", 10),
    Column("errors", _INDICATOR["errors"], "sync", 30),
    Column("score", _INDICATOR["score"], "sync", 7),
    Column("level", _INDICATOR["level"], "sync", 11),
    Column("progress", _INDICATOR["progress"], "sync", 20),
    # Columns added after the sync's (issue 17), in a new tab as setup adds them to an older one: after
    # the last used column. So the letters an office knows (its formulas, filters, print areas) never
    # move on an upgrade, and a new office's tab has the same letters as an old one's.
    Column("explanation", _INDICATOR["explanation"], "group", 20),
)

# The group head's sign-off (issue 17): in a group's tab only when office.yaml says `signoff: required`
# (for the office or the group; core.rows.indicator_columns puts them after the explanation, the last
# columns), so an office without sign-off sees no column it does not use.
SIGNOFF_COLUMNS: tuple[Column, ...] = (
    Column("signed_by", _INDICATOR["signed_by"], "group", 14),
    Column("signed_on", _INDICATOR["signed_on"], "group", 11),
)
SIGNOFF_AFTER = "explanation"

OUTPUT_COLUMNS: tuple[Column, ...] = (
    Column("no", _OUTPUT["no"], "group", 6),
    Column("group", _OUTPUT["group"], "group", 18),
    Column("title", _OUTPUT["title"], "group", 28),
    Column("description", _OUTPUT["description"], "group", 36),
    Column("indicators", _OUTPUT["indicators"], "group", 12),
    Column("evidence", _OUTPUT["evidence"], "group", 22),
    Column("state", _OUTPUT["state"], "sync", 10),
    Column("errors", _OUTPUT["errors"], "sync", 30),
)

# Reference columns `sheetsync new-year` puts beside the targets of a new fiscal year's group tabs: last
# year's target and result, for the group to set this year's by. Filled once, by new-year (so "setup");
# not in INDICATOR_COLUMNS, so a fresh office's setup does not add them, the row parser never looks for
# them (a person may type over them: nothing reads them) and the sync never writes them.
REFERENCE_COLUMNS: tuple[Column, ...] = (
    Column("last_target", vocab.REFERENCE_HEADERS["last_target"], "setup", 20),
    Column("last_result", vocab.REFERENCE_HEADERS["last_result"], "setup", 20),
)
REFERENCE_AFTER = "unit"  # on a new tab they come right after the targets (target, target value, unit)

STATUS_KEYS = ("state", "errors", "score", "level", "progress")
OUTPUT_STATUS_KEYS = ("state", "errors")
ALL_KEYS = frozenset(c.key for c in (*INDICATOR_COLUMNS, *SIGNOFF_COLUMNS))


def group_columns(signoff: bool) -> tuple[Column, ...]:
    """A group tab's columns in their order: the sign-off columns after the explanation when asked for."""
    if not signoff:
        return INDICATOR_COLUMNS
    at = next(i for i, c in enumerate(INDICATOR_COLUMNS) if c.key == SIGNOFF_AFTER) + 1
    return (*INDICATOR_COLUMNS[:at], *SIGNOFF_COLUMNS, *INDICATOR_COLUMNS[at:])


def with_labels(columns: tuple[Column, ...], overrides: dict[str, str]) -> tuple[Column, ...]:
    """The columns with the office's own labels where it set one (indicator tabs only)."""
    return tuple(Column(c.key, overrides.get(c.key, c.label), c.filled_by, c.width) for c in columns)
