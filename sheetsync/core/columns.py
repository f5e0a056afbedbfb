"""The columns of each tab kind: a stable English key, the default Thai header, and who fills it.

Columns are found by their header label in row 1, never by position; an office may rename any label
in office.yaml (`columns: {evidence: "เอกสารอ้างอิง"}`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FilledBy = Literal["setup", "group", "sync"]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    filled_by: FilledBy
    width: int = 16


INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("code", "รหัสตัวบ่งชี้", "setup", 12),
    Column("title", "ตัวบ่งชี้", "setup", 40),
    Column("target", "เป้าหมาย", "group", 30),
    Column("target_value", "ค่าเป้าหมาย", "group", 12),
    Column("unit", "หน่วยนับ", "group", 10),
    Column("result", "ผลการดำเนินงาน", "group", 30),
    Column("criteria_met", "ประเด็นที่ผ่าน", "group", 14),
    Column("self_level", "ระดับที่ประเมินตนเอง", "group", 12),
    Column("justification", "เหตุผลประกอบ", "group", 30),
    Column("evidence", "หลักฐานอ้างอิง", "group", 30),
    Column("owner", "ผู้รับผิดชอบ", "group", 20),
    Column("reported_on", "วันที่รายงาน", "group", 14),
    Column("note", "หมายเหตุ", "group", 20),
    Column("state", "สถานะ", "sync", 14),
    Column("errors", "ข้อผิดพลาด", "sync", 50),
    Column("score", "คะแนน", "sync", 10),
    Column("level", "ระดับคุณภาพ", "sync", 14),
    Column("progress", "ความก้าวหน้า", "sync", 36),
)

OUTPUT_COLUMNS: tuple[Column, ...] = (
    Column("no", "ลำดับ", "group", 8),
    Column("group", "กลุ่ม", "group", 24),
    Column("title", "ชื่อผลงาน", "group", 40),
    Column("description", "รายละเอียด", "group", 50),
    Column("indicators", "ตัวบ่งชี้ที่เกี่ยวข้อง", "group", 16),
    Column("evidence", "หลักฐานอ้างอิง", "group", 30),
    Column("state", "สถานะ", "sync", 14),
    Column("errors", "ข้อผิดพลาด", "sync", 50),
)

STATUS_KEYS = ("state", "errors", "score", "level", "progress")
OUTPUT_STATUS_KEYS = ("state", "errors")
ALL_KEYS = frozenset(c.key for c in INDICATOR_COLUMNS)


def with_labels(columns: tuple[Column, ...], overrides: dict[str, str]) -> tuple[Column, ...]:
    """The columns with the office's own labels where it set one (indicator tabs only)."""
    return tuple(Column(c.key, overrides.get(c.key, c.label), c.filled_by, c.width) for c in columns)
