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
    key: str
    label: str
    filled_by: FilledBy
    width: int = 16


_INDICATOR, _OUTPUT = vocab.INDICATOR_HEADERS, vocab.OUTPUT_HEADERS  # the default labels

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("code", _INDICATOR["code"], "setup", 12),
    Column("title", _INDICATOR["title"], "setup", 40),
    Column("target", _INDICATOR["target"], "group", 30),
    Column("target_value", _INDICATOR["target_value"], "group", 12),
    Column("unit", _INDICATOR["unit"], "group", 10),
    Column("result", _INDICATOR["result"], "group", 30),
    Column("criteria_met", _INDICATOR["criteria_met"], "group", 14),
    Column("self_level", _INDICATOR["self_level"], "group", 12),
    Column("justification", _INDICATOR["justification"], "group", 30),
    Column("evidence", _INDICATOR["evidence"], "group", 30),
    Column("owner", _INDICATOR["owner"], "group", 20),
    Column("reported_on", _INDICATOR["reported_on"], "group", 14),
    Column("note", _INDICATOR["note"], "group", 20),
    Column("state", _INDICATOR["state"], "sync", 14),
    Column("errors", _INDICATOR["errors"], "sync", 50),
    Column("score", _INDICATOR["score"], "sync", 10),
    Column("level", _INDICATOR["level"], "sync", 14),
    Column("progress", _INDICATOR["progress"], "sync", 36),
)

OUTPUT_COLUMNS: tuple[Column, ...] = (
    Column("no", _OUTPUT["no"], "group", 8),
    Column("group", _OUTPUT["group"], "group", 24),
    Column("title", _OUTPUT["title"], "group", 40),
    Column("description", _OUTPUT["description"], "group", 50),
    Column("indicators", _OUTPUT["indicators"], "group", 16),
    Column("evidence", _OUTPUT["evidence"], "group", 30),
    Column("state", _OUTPUT["state"], "sync", 14),
    Column("errors", _OUTPUT["errors"], "sync", 50),
)

STATUS_KEYS = ("state", "errors", "score", "level", "progress")
OUTPUT_STATUS_KEYS = ("state", "errors")
ALL_KEYS = frozenset(c.key for c in INDICATOR_COLUMNS)


def with_labels(columns: tuple[Column, ...], overrides: dict[str, str]) -> tuple[Column, ...]:
    """The columns with the office's own labels where it set one (indicator tabs only)."""
    return tuple(Column(c.key, overrides.get(c.key, c.label), c.filled_by, c.width) for c in columns)
