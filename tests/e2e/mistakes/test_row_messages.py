"""The corpus of mistakes, sheet messages (issue 15, point 6, second half): what a group reads beside its rows.

- คะแนน is on one scale: the level (1-5), as ระดับคุณภาพ and the Status tab; ระดับคุณภาพ says in words what
  the level was reached by ("ผ่าน ๓ จาก ๔ ประเด็น", "ร้อยละ ๑๒๐ ของเป้าหมาย", "ประเมินตนเอง").
- A number typed with a unit (`๓ วัน`, `12 แห่ง`, `ร้อยละ 85`, `85%`) is read when the unit is the row's
  หน่วยนับ, and the message names both units when it is not; the typed cell is never changed.
- Every message beside a row is polite (กรุณา...), says where (the cell, the column) and what is expected,
  and never asks a group to run a command.

Each case is one `sheetsync sync` of the demo office (tests.conftest.demo_dir: built and synced on the demo
day), with the cells a group typed, read back from the workbook (openpyxl) and from `--json`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl

from tests.support.cli import user_cells
from tests.support.mistakes import assert_thai, run

DAY = "2027-04-05"
ADMIN, FINANCE, PROMOTION = "อำนวยการ", "การเงินและสินทรัพย์", "ส่งเสริมการจัดการศึกษา"
# The demo's status columns (core.columns, in this order after หมายเหตุ)
STATE, ERRORS, SCORE, LEVEL = "สถานะ", "ข้อผิดพลาด", "คะแนน", "ระดับคุณภาพ"


def book_of(office: Path) -> Path:
    return office / "office.xlsx"


def type_cells(office: Path, typed: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Type into the row of (tab, indicator code) the cells {column header: value}, as a person would."""
    wb = openpyxl.load_workbook(book_of(office))
    for (tab, code), cells in typed.items():
        ws = wb[tab]
        columns = {c.value: c.column for c in ws[1]}
        (row,) = [r for r in range(2, ws.max_row + 1) if str(ws.cell(r, 1).value) == code]
        for label, value in cells.items():
            ws.cell(row, columns[label]).value = value
    wb.save(book_of(office))


def status_of(office: Path, tab: str, code: str) -> dict[str, Any]:
    ws = openpyxl.load_workbook(book_of(office))[tab]
    header = [c.value for c in ws[1]]
    (row,) = [r for r in ws.iter_rows(min_row=2, values_only=True) if str(r[0]) == code]
    return dict(zip(header, row, strict=False))


def sync_json(office: Path) -> dict[str, Any]:
    ran = run("--config", office, "sync", "--today", DAY, "--json")
    assert_thai(ran, 0)
    return json.loads(ran.out)


def group_statuses(office: Path) -> list[dict[str, Any]]:
    """Every group row's status cells in the workbook (the Status tab and the outputs tab left out)."""
    wb = openpyxl.load_workbook(book_of(office))
    rows = []
    for ws in wb.worksheets:
        header = [c.value for c in ws[1]]
        if SCORE not in header:
            continue
        rows += [dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    return rows


# --- the demo as synced: one scale, the basis in words, polite messages ----------------------------

def test_the_score_column_holds_the_level_and_the_level_cell_says_what_it_came_from(demo_dir: Path) -> None:
    statuses = group_statuses(demo_dir)
    scored = [s for s in statuses if s[SCORE] is not None]
    assert scored and all(isinstance(s[SCORE], int) and 1 <= s[SCORE] <= 5 for s in scored)
    digits = "๐๑๒๓๔๕"
    for s in scored:  # ระดับคุณภาพ starts with the same level as คะแนน, then its basis in words
        assert s[LEVEL].startswith(digits[s[SCORE]] + " ") and s[LEVEL].endswith(")"), s
    admin_11, admin_24, admin_31 = (status_of(demo_dir, ADMIN, code) for code in ("1.1", "2.4", "3.1"))
    assert (admin_11[SCORE], admin_11[LEVEL]) == (4, "๔ ดีมาก (ผ่าน ๓ จาก ๔ ประเด็น)")  # was 3 beside level 4
    assert (admin_24[SCORE], admin_24[LEVEL]) == (5, "๕ ดีเยี่ยม (ร้อยละ ๑๒๐ ของเป้าหมาย)")  # was 120
    assert (admin_31[SCORE], admin_31[LEVEL]) == (5, "๕ ดีเยี่ยม (ประเมินตนเอง)")


def test_the_sar_says_the_same_basis_as_the_sheet(demo_dir: Path) -> None:
    text = " ".join((demo_dir / "out" / "sar-2570.html").read_text(encoding="utf-8").split())
    assert "ผ่าน ๓ จาก ๔ ประเด็น (ประเด็นที่ ๑, ๒, ๔)" in text  # admin's 1.1, as its ระดับคุณภาพ cell says
    assert "(ร้อยละ ๙๗.๓๗ ของเป้าหมาย)" in text  # finance's 2.2: "๔ ดีมาก (ร้อยละ ๙๗.๓๗ ของเป้าหมาย)" in the sheet
    assert status_of(demo_dir, FINANCE, "2.2")[LEVEL] == "๔ ดีมาก (ร้อยละ ๙๗.๓๗ ของเป้าหมาย)"


def test_every_message_beside_a_row_is_polite_and_runs_no_command(demo_dir: Path) -> None:
    wb = openpyxl.load_workbook(book_of(demo_dir))
    messages = [str(c.value) for ws in wb.worksheets for c in (col for row in ws.iter_rows(min_row=2) for col in row)
                if ws[1][c.column - 1].value == ERRORS and c.value]
    assert len(messages) >= 5  # the demo's mistakes: a missing evidence, text for a number, a 2-digit year ...
    for cell_text in messages:
        for line in cell_text.split("\n"):
            where, _, message = line.partition(": ")
            assert where[:1].isalpha() and where[1:].isdigit(), line  # the cell, e.g. F3
            assert "กรุณา" in message and "sheetsync" not in message and "รัน" not in message, line


# --- a number typed with its unit ---------------------------------------------------------------

def test_a_number_typed_with_the_rows_unit_is_read_and_the_cell_kept(demo_dir: Path) -> None:
    type_cells(demo_dir, {
        (ADMIN, "2.4"): {"ค่าเป้าหมาย": "๓ วัน", "ผลการดำเนินงาน": "๒.๕ วัน"},  # หน่วยนับ: วัน
        (FINANCE, "2.2"): {"ผลการดำเนินงาน": "92.5%"},  # หน่วยนับ: ร้อยละ (and a target of "ร้อยละ 95")
        (PROMOTION, "3.2"): {"ค่าเป้าหมาย": "15 แห่ง", "หน่วยนับ": "แห่ง", "ผลการดำเนินงาน": "12 แห่ง"},
    })
    before = user_cells(book_of(demo_dir))
    summary = sync_json(demo_dir)
    assert user_cells(book_of(demo_dir)) == before  # units are parsed, never stripped from the sheet
    assert not [e for e in summary["errors"] if e["tab"] in (ADMIN, FINANCE, PROMOTION)]
    assert {k: status_of(demo_dir, ADMIN, "2.4")[k] for k in (STATE, SCORE, LEVEL)} == \
        {STATE: "ถูกต้อง", SCORE: 5, LEVEL: "๕ ดีเยี่ยม (ร้อยละ ๑๒๐ ของเป้าหมาย)"}
    assert status_of(demo_dir, FINANCE, "2.2")[LEVEL] == "๔ ดีมาก (ร้อยละ ๙๗.๓๗ ของเป้าหมาย)"
    promotion = status_of(demo_dir, PROMOTION, "3.2")
    assert (promotion[STATE], promotion[ERRORS], promotion[SCORE], promotion[LEVEL]) == \
        ("ถูกต้อง", None, 3, "๓ ดี (ร้อยละ ๘๐ ของเป้าหมาย)")


def test_a_unit_that_is_not_the_rows_is_named_with_the_one_expected(demo_dir: Path) -> None:
    type_cells(demo_dir, {
        (ADMIN, "2.4"): {"ผลการดำเนินงาน": "2.5 คน"},  # หน่วยนับ: วัน
        (FINANCE, "2.2"): {"ผลการดำเนินงาน": "๙๒.๕ วัน"},  # หน่วยนับ: ร้อยละ
        (PROMOTION, "3.2"): {"หน่วยนับ": "คน", "ผลการดำเนินงาน": "85%"},  # a percent where people are counted
    })
    before = user_cells(book_of(demo_dir))
    summary = sync_json(demo_dir)
    assert user_cells(book_of(demo_dir)) == before
    errors = {(e["tab"], e["cell"]): e for e in summary["errors"]}
    expected = {
        (ADMIN, "F3"): "ผลการดำเนินงานที่กรอกไว้ '2.5 คน': หน่วย 'คน' ไม่ตรงกับหน่วยนับของตัวบ่งชี้ 'วัน' "
                       "กรุณากรอกเป็นตัวเลข เช่น ๒.๕",
        (FINANCE, "F2"): "ผลการดำเนินงานที่กรอกไว้ '๙๒.๕ วัน': หน่วย 'วัน' ไม่ตรงกับหน่วยนับของตัวบ่งชี้ 'ร้อยละ' "
                         "กรุณากรอกเป็นตัวเลข เช่น ๙๒.๕",
        (PROMOTION, "F3"): "ผลการดำเนินงานที่กรอกไว้ '85%': หน่วย '%' ไม่ตรงกับหน่วยนับของตัวบ่งชี้ 'คน' "
                           "กรุณากรอกเป็นตัวเลข เช่น ๘๕",
    }
    for (tab, cell), message in expected.items():
        assert (errors[(tab, cell)]["code"], errors[(tab, cell)]["message"]) == ("unit-mismatch", message)
        code = {ADMIN: "2.4", FINANCE: "2.2", PROMOTION: "3.2"}[tab]
        status = status_of(demo_dir, tab, code)
        assert (status[STATE], status[ERRORS], status[SCORE], status[LEVEL]) == \
            ("มีข้อผิดพลาด", f"{cell}: {message}", None, None)


def test_values_that_are_no_number_say_what_to_type(demo_dir: Path) -> None:
    type_cells(demo_dir, {
        (ADMIN, "2.4"): {"ผลการดำเนินงาน": "ประมาณ 2 วัน"},
        (FINANCE, "2.2"): {"ผลการดำเนินงาน": "-5%"},
        (ADMIN, "3.1"): {"ระดับที่ประเมินตนเอง": "7"},
    })
    summary = sync_json(demo_dir)
    errors = {(e["tab"], e["cell"]): e for e in summary["errors"]}
    assert errors[(ADMIN, "F3")]["code"] == "type-error"
    assert errors[(ADMIN, "F3")]["message"].startswith(
        "ผลการดำเนินงานที่กรอกไว้ 'ประมาณ 2 วัน' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 85 หรือ ๘๕.๕")
    assert (errors[(FINANCE, "F2")]["code"], errors[(FINANCE, "F2")]["message"]) == (
        "out-of-range", "ผลการดำเนินงานที่กรอกไว้ '-5%' ติดลบ กรุณากรอกตัวเลขตั้งแต่ 0 ขึ้นไป เช่น 85")
    assert (errors[(ADMIN, "H4")]["code"], errors[(ADMIN, "H4")]["message"]) == (
        "out-of-range", "ระดับที่ประเมินตนเองที่กรอกไว้ '7' ไม่ใช่ระดับ 1 ถึง 5 กรุณากรอกระดับ 1 ถึง 5 เช่น ๔ หรือ ดีมาก")
    assert all("กรุณา" in e["message"] for e in summary["errors"])
