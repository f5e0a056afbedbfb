"""The corpus of mistakes, schedule and doctor (issue 15, point 7).

- `schedule` on this machine: the crontab line runs at the office's hour here. A cron that ignores
  CRON_TZ (Debian's, BusyBox's, one not recognised, none yet) gets the time converted to the machine's
  zone, cronie gets CRON_TZ; either way the crontab's comments say which, and why, in Thai. Run with
  TZ=UTC, as a server's shell often is.
- `doctor` on a workbook the groups cannot save (read-only), on one holding a formula saved without its
  value (openpyxl writes formulas and never calculates them), and on the example config as it ships
  (its names, numbers and .example addresses are flagged, with what to change).

Each case is one subprocess (tests.support.mistakes.run).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from sheetsync.app.schedule import cron_kind, local_time, machine_facts
from sheetsync.core import vocab
from sheetsync.core.columns import INDICATOR_COLUMNS
from tests.support.mistakes import assert_thai, run

POLICY = "นโยบายและแผน"
RESULT = next(c.label for c in INDICATOR_COLUMNS if c.key == "result")


def test_schedule_prints_the_line_for_this_machines_cron(example_config: Path) -> None:
    ran = run("--config", example_config, "schedule", env={"TZ": "UTC"})
    assert_thai(ran, 0, "ตามเวลาของสำนักงาน (Asia/Bangkok)")
    block = ran.out.split("\n\n")[0].splitlines()
    (line,) = [x for x in block if not x.startswith(("#", "CRON_TZ="))]
    facts = machine_facts({"TZ": "UTC"})
    kind, _ = cron_kind(facts)
    hour, minute = local_time(1, 30, facts.zone)
    if (hour, minute) == (1, 30):  # a machine on Bangkok's clock: nothing to convert, no CRON_TZ
        assert line.startswith("30 1 * * * ") and "CRON_TZ=" not in ran.out
        assert "ไม่ต้องแปลงเวลาและไม่ต้องใช้ CRON_TZ" in ran.out
    elif kind == "cronie":
        assert block[-2:] == ["CRON_TZ=Asia/Bangkok", line] and line.startswith("30 1 * * * ")
        assert "ซึ่งอ่าน CRON_TZ" in ran.out
    else:
        assert line.startswith(f"{minute} {hour} * * * ") and "CRON_TZ=" not in ran.out
        assert f"แปลงเวลา ๐๑:๓๐ น. (Asia/Bangkok) เป็น {hour:02d}:{minute:02d}" in ran.out
        assert {"debian": "cron ของ Debian ซึ่งไม่อ่าน CRON_TZ", "busybox": "BusyBox",
                "unknown": "อ่าน CRON_TZ หรือไม่", "none": "ยังไม่พบ cron ในเครื่องนี้"}[kind] in ran.out
    assert "OnCalendar=*-*-* 01:30:00 Asia/Bangkok" in ran.out  # systemd reads the zone itself


def test_doctor_on_a_read_only_workbook(demo_dir: Path) -> None:
    book = demo_dir / "office.xlsx"
    book.chmod(0o444)
    try:
        ran = run("--config", demo_dir, "doctor")
    finally:
        book.chmod(0o644)
    assert_thai(ran, 1, f"✗ {vocab.DR_MODE}: ", "เป็นแบบอ่านอย่างเดียว (-r--r--r--", "กลุ่มบันทึกงานลงไฟล์ไม่ได้",
                f"{vocab.DR_FIX}: ให้เขียนได้: chmod ug+w {book}")


def test_doctor_on_a_formula_saved_without_its_value(demo_dir: Path) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb[POLICY]
    col = next(c.column for c in ws[1] if c.value == RESULT)
    ws.cell(2, col).value = "=40+45"  # openpyxl saves the formula and no value: nothing calculated it
    ws.cell(3, col).value = "=SUM(1,2)"
    wb.save(book)
    letter = ws.cell(2, col).column_letter
    ran = run("--config", demo_dir, "doctor")
    assert_thai(ran, 0, f"! {vocab.DR_FORMULAS}: แท็บ '{POLICY}' ๒ ช่อง ({letter}2, {letter}3)",
                f"{vocab.DR_FIX}: เปิดไฟล์ใน Excel หรือ LibreOffice แล้วบันทึกหนึ่งครั้ง")


def test_doctor_on_the_example_config_as_it_ships(example_config: Path) -> None:
    ran = run("--config", example_config, "doctor")
    assert_thai(ran, 1,  # 1: the workbook is not made yet (setup makes it)
                f"! {vocab.DR_EXAMPLES}: ยังเป็นค่าของสำนักงานตัวอย่าง",
                "office.yaml office.director.name (นายสมชาย ใจดี)", "office.yaml documents.memo_prefix (ศธ ๐๔๐๔๑/)",
                "committee.yaml order_number (๓๒๑/๒๕๖๙)", "อีเมลตัวอย่าง (.example)", "pimchanok@nst1.example",
                f"! {vocab.DR_STANDARDS}", "example: true",
                f"{vocab.DR_FIX}: แก้เป็นของสำนักงานเองใน office.yaml และ committee.yaml")
