"""parse_group_tab and parse_outputs_tab on tabs built by hand, with the example office (fiscal year 2570).

The default column order of a group tab, and so the letters below, is:
A รหัสตัวบ่งชี้  B ตัวบ่งชี้  C เป้าหมาย  D ค่าเป้าหมาย  E หน่วยนับ  F ผลการดำเนินงาน  G ประเด็นที่ผ่าน
H ระดับที่ประเมินตนเอง  I เหตุผลประกอบ  J หลักฐานอ้างอิง  K ผู้รับผิดชอบ  L วันที่รายงาน  M หมายเหตุ
N สถานะ  O ข้อผิดพลาด  P คะแนน  Q ระดับคุณภาพ  R ความก้าวหน้า  S คำชี้แจง
(with `signoff: required`, T รับรองข้อมูลโดย and U วันที่รับรอง)

The example's indicators: 1.1 criteria (4 criteria, admin+policy), 1.2 self_rated (teacher_dev),
1.3 criteria (3, policy+legal), 2.1 criteria (6), 2.2 target_percent (finance), 2.3 criteria (5,
personnel+teacher_dev), 2.4 target_percent lower (admin+audit), 3.1 self_rated (admin), 3.2 target_percent.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from sheetsync.core import problems, thai
from sheetsync.core.cells import RawTable
from sheetsync.core.columns import INDICATOR_COLUMNS, OUTPUT_COLUMNS
from sheetsync.core.models import Office
from sheetsync.core.rows import CellError, IndicatorRow, TabParse, parse_group_tab, parse_outputs_tab
from sheetsync.store.config import load_office

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2027, 4, 5)  # in the six-month reporting round of fiscal year 2570

HEADER = [c.label for c in INDICATOR_COLUMNS]
KEYS = [c.key for c in INDICATOR_COLUMNS]
OUT_HEADER = [c.label for c in OUTPUT_COLUMNS]
OUT_KEYS = [c.key for c in OUTPUT_COLUMNS]


@pytest.fixture(scope="module")
def office() -> Office:
    return load_office(REPO / "config")


def row(**values: Any) -> list[Any]:
    """A row in the default column order; trailing empty cells trimmed as Google trims them."""
    cells = [values.pop(key, None) for key in KEYS]
    assert not values, f"unknown keys {values}"
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def out_row(**values: Any) -> list[Any]:
    cells = [values.pop(key, None) for key in OUT_KEYS]
    assert not values, f"unknown keys {values}"
    return cells


def group_tab(office: Office, group: str, *rows: list[Any], header: list[Any] | None = None,
              today: date = TODAY) -> TabParse:
    g = office.group(group)
    assert g is not None
    raw = RawTable(tab=g.tab, values=[HEADER if header is None else header, *rows])
    return parse_group_tab(raw, g, office, today)


def outputs_tab(office: Office, *rows: list[Any], header: list[Any] | None = None) -> TabParse:
    raw = RawTable(tab=office.outputs_tab, values=[OUT_HEADER if header is None else header, *rows])
    return parse_outputs_tab(raw, office)


def errors_of(r: IndicatorRow | Any) -> list[tuple[str, str, str]]:
    return [(e.cell, e.column, e.code) for e in r.errors]


def the_error(r: IndicatorRow | Any) -> CellError:
    assert len(r.errors) == 1, [e.message for e in r.errors]
    return r.errors[0]


# Complete, valid reports of admin's three indicators (one per scoring method).
ADMIN_1_1 = {"code": "1.1", "title": "การบริหารจัดการที่ดี", "result": "ดำเนินการครบตามแผน",
             "criteria_met": "1,2,4", "evidence": "https://drive.example/1-1", "reported_on": "15/3/2570"}
ADMIN_2_4 = {"code": "2.4", "title": "การบริหารงานทั่วไป", "target": "ให้บริการไม่เกิน ๓ วันต่อเรื่อง",
             "target_value": "๓", "unit": "วัน", "result": "2.5", "evidence": "สรุปผลการให้บริการ.pdf",
             "reported_on": date(2027, 3, 20)}
ADMIN_3_1 = {"code": "3.1", "title": "ผลงานที่เป็นแบบอย่าง", "result": "ได้รับรางวัลระดับภาค", "self_level": "๔",
             "justification": "มีผลงานเป็นแบบอย่างระดับภาค", "evidence": "เกียรติบัตร", "reported_on": "๑ เม.ย. ๒๕๗๐"}


# --- a well-filled tab -----------------------------------------------------------------------------

def test_complete_reports_parse_without_errors(office: Office) -> None:
    parse = group_tab(office, "admin", row(**ADMIN_1_1), row(**ADMIN_2_4), row(**ADMIN_3_1))
    assert parse.tab == "อำนวยการ" and parse.group == "admin"
    assert parse.tab_errors == [] and parse.missing_codes == []
    assert parse.columns == {key: i for i, key in enumerate(KEYS, start=1)}
    assert parse.width == len(HEADER)
    r11, r24, r31 = parse.rows
    assert [r.row for r in parse.rows] == [2, 3, 4]
    assert all(r.valid and r.reported for r in parse.rows)

    assert r11.indicator == "1.1" and r11.criteria_met == frozenset({1, 2, 4})
    assert r11.reported_on == date(2027, 3, 15)
    assert r24.target_value == 3.0 and r24.result_value == 2.5 and r24.unit == "วัน" and r24.targets_set
    assert r24.reported_on == date(2027, 3, 20)
    assert r31.self_level == 4 and r31.reported_on == date(2027, 4, 1)
    assert r31.justification == "มีผลงานเป็นแบบอย่างระดับภาค"


def test_missing_codes_are_the_owned_indicators_without_a_row(office: Office) -> None:
    parse = group_tab(office, "admin", row(**ADMIN_2_4))
    assert parse.missing_codes == ["1.1", "3.1"]
    assert group_tab(office, "admin").missing_codes == ["1.1", "2.4", "3.1"]


def test_prefilled_code_and_title_only_is_not_reported_and_not_an_error(office: Office) -> None:
    parse = group_tab(office, "admin", row(code="1.1", title="การบริหารจัดการที่ดี"),
                      row(code="2.4", title="การบริหารงานทั่วไป"), row(code="3.1", title="ผลงาน"))
    assert parse.tab_errors == []
    assert len(parse.rows) == 3
    for r in parse.rows:
        assert r.indicator == r.code
        assert not r.reported and not r.targets_set
        assert r.errors == []


def test_targets_only_is_not_reported_and_not_an_error(office: Office) -> None:
    parse = group_tab(office, "finance", row(code="2.2", target="เบิกจ่ายร้อยละ ๙๕", target_value="ร้อยละ ๙๕"))
    (r,) = parse.rows
    assert r.targets_set and not r.reported
    assert r.target_value == 95.0
    assert r.errors == []


def test_status_cells_left_from_an_old_sync_do_not_make_a_row(office: Office) -> None:
    # a row whose indicator was deleted but whose status and errors cells are still there
    stale = row(state="มีข้อผิดพลาด", errors="ค่าเป้าหมายต้องเป็นตัวเลข", score=3, level="ดี")
    parse = group_tab(office, "finance", row(code="2.2"), stale, [])
    assert [r.row for r in parse.rows] == [2]


# --- columns are found by their header label ---------------------------------------------------

# finance's tab with its columns moved about, two columns of its own, and trailing blank header cells
REORDERED = ["หมายเหตุ", "งบประมาณที่ได้รับ (บาท)", "วันที่รายงาน", "หลักฐานอ้างอิง", "  ผลการดำเนินงาน ",
             "ค่าเป้าหมาย", "รหัสตัวบ่งชี้", "ตัวบ่งชี้", "ผู้บันทึก", None, ""]
# A หมายเหตุ  B (own column)  C วันที่รายงาน  D หลักฐานอ้างอิง  E ผลการดำเนินงาน  F ค่าเป้าหมาย  G รหัสตัวบ่งชี้
# H ตัวบ่งชี้  I (own column)  J, K blank


def test_columns_are_located_by_label_when_reordered(office: Office) -> None:
    parse = group_tab(
        office, "finance",
        [None, "1,250,000", "1/3/2570", "รายงานการเบิกจ่าย.pdf", "ร้อยละ 96.5", "95", "2.2", "การบริหารงบประมาณ",
         "นางอรุณี", None, ""],
        header=REORDERED,
    )
    assert parse.columns == {"note": 1, "reported_on": 3, "evidence": 4, "result": 5, "target_value": 6,
                             "code": 7, "title": 8}
    assert parse.width == 9  # the blank header cells at the end are not part of the table
    assert parse.tab_errors == []
    (r,) = parse.rows
    assert r.valid and r.reported
    assert (r.target_value, r.result_value) == (95.0, 96.5)
    assert r.evidence == "รายงานการเบิกจ่าย.pdf"
    assert r.reported_on == date(2027, 3, 1)


def test_blank_rows_and_trimmed_rows_are_skipped_and_rows_keep_their_sheet_numbers(office: Office) -> None:
    parse = group_tab(
        office, "finance",
        [],  # row 2: empty, as Google returns it
        [None, None, None, None, None, None, None],  # row 3: blank cells
        ["", "   ", None, "", "", None, " "],  # row 4: only spaces
        [None, "999", None, None, None, None, "2.2"],  # row 5: code and an unknown column only, trimmed after G
        header=REORDERED,
    )
    assert [r.row for r in parse.rows] == [5]
    assert parse.rows[0].errors == [] and not parse.rows[0].reported


def test_an_error_in_a_reordered_tab_has_the_address_of_the_moved_column(office: Office) -> None:
    parse = group_tab(
        office, "finance",
        [],
        [None, None, "1/3/2570", None, "96", "๙๕", "2.2"],  # row 3: reported, no evidence
        header=REORDERED,
    )
    (r,) = parse.rows
    error = the_error(r)
    assert (error.cell, error.row, error.column, error.code) == ("D3", 3, "evidence", "missing-value")
    assert error.message == "หลักฐานอ้างอิงยังว่างอยู่ แถวนี้รายงานผลแล้ว กรุณากรอกช่องนี้ด้วย"


def test_columns_past_z_get_two_letter_addresses(office: Office) -> None:
    header = [f"คอลัมน์ {i}" for i in range(1, 27)] + ["รหัสตัวบ่งชี้", "ค่าเป้าหมาย", "ผลการดำเนินงาน",
                                                       "หลักฐานอ้างอิง", "วันที่รายงาน"]
    #                                                  AA              AB              AC
    values = [None] * 26 + ["2.2", "แปดสิบ", None, None, None]
    (r,) = group_tab(office, "finance", values, header=header).rows
    assert the_error(r).cell == "AB2"


def test_missing_required_column_is_one_tab_error(office: Office) -> None:
    header = ["รหัสตัวบ่งชี้", "ตัวบ่งชี้", "ค่าเป้าหมาย", "ผลการดำเนินงาน", "วันที่รายงาน"]  # no หลักฐานอ้างอิง
    parse = group_tab(office, "finance", ["2.2", "x", 100, 90, "1/3/2570"], ["2.2x"], ["2.3"], header=header)
    assert len(parse.tab_errors) == 1
    error = parse.tab_errors[0]
    # said at the header row's first empty cell, where it can be typed (no header there is like it)
    assert (error.code, error.column, error.cell, error.row) == ("missing-column", "evidence", "F1", 1)
    assert error.message == ("ไม่พบคอลัมน์ 'หลักฐานอ้างอิง' ในแถวหัวตาราง (แถวที่ 1) กรุณาพิมพ์หัวคอลัมน์ "
                             "'หลักฐานอ้างอิง' ให้ตรงตามเดิม หรือแจ้งผู้ประสานงานให้เพิ่มคอลัมน์")
    # the reported row carries it too, so the row is not judged valid without its evidence
    assert "missing-column" in [e.code for e in parse.rows[0].errors]
    assert not parse.rows[0].valid


def test_columns_a_group_does_not_need_are_not_required(office: Office) -> None:
    # finance owns only 2.2 (target_percent): no criteria, level or justification columns needed
    header = ["รหัสตัวบ่งชี้", "ค่าเป้าหมาย", "ผลการดำเนินงาน", "หลักฐานอ้างอิง", "วันที่รายงาน"]
    parse = group_tab(office, "finance", header=header)
    assert parse.tab_errors == []
    # admin owns all three methods
    parse = group_tab(office, "admin", header=header)
    assert sorted(e.column for e in parse.tab_errors) == ["criteria_met", "justification", "self_level"]
    assert all(e.code == "missing-column" for e in parse.tab_errors)


def test_missing_code_column_stops_the_tab(office: Office) -> None:
    parse = group_tab(office, "finance", ["x", 100], header=["ตัวบ่งชี้", "ค่าเป้าหมาย"])
    assert parse.rows == []
    assert "code" in [e.column for e in parse.tab_errors]


def test_duplicated_header_is_a_tab_error(office: Office) -> None:
    header = [*HEADER, "หลักฐานอ้างอิง"]
    parse = group_tab(office, "finance", header=header)
    assert [(e.code, e.value) for e in parse.tab_errors] == [("duplicate-column", "หลักฐานอ้างอิง")]
    assert parse.columns["evidence"] == 10  # the first one is used


def test_labels_renamed_in_the_office_config_are_honoured(office: Office) -> None:
    renamed = office.model_copy(update={"columns": {"evidence": "เอกสารอ้างอิง", "reported_on": "รายงานเมื่อ"}})
    header = ["รหัสตัวบ่งชี้", "ค่าเป้าหมาย", "ผลการดำเนินงาน", "รายงานเมื่อ", "เอกสารอ้างอิง", "หลักฐานอ้างอิง"]
    #          A                B               C                  D              E               F
    parse = group_tab(renamed, "finance", ["2.2", 100, 97, "1/3/2570", None, "อยู่ในคอลัมน์เดิม"], header=header)
    assert parse.tab_errors == []
    assert parse.columns["evidence"] == 5 and parse.columns["reported_on"] == 4
    assert parse.labels["evidence"] == "เอกสารอ้างอิง"
    (r,) = parse.rows
    # the old default label is just another column now: its text is not the evidence
    error = the_error(r)
    assert (error.cell, error.code) == ("E2", "missing-value")
    assert error.message == "เอกสารอ้างอิงยังว่างอยู่ แถวนี้รายงานผลแล้ว กรุณากรอกช่องนี้ด้วย"
    assert r.reported_on == date(2027, 3, 1)


def test_default_labels_are_missing_columns_once_renamed(office: Office) -> None:
    renamed = office.model_copy(update={"columns": {"evidence": "เอกสารอ้างอิง"}})
    parse = group_tab(renamed, "finance", header=HEADER)
    # the old label is much like the new one: named as what the column most likely is
    assert [(e.code, e.column) for e in parse.tab_errors] == [("renamed-column", "evidence")]
    assert "'เอกสารอ้างอิง'" in parse.tab_errors[0].message and "พบ 'หลักฐานอ้างอิง' ใน" in parse.tab_errors[0].message


# --- the code cell ------------------------------------------------------------------------------

def test_duplicated_code_is_an_error_on_the_later_row(office: Office) -> None:
    parse = group_tab(
        office, "finance",
        [None, None, None, None, None, None, "2.2", "การบริหารงบประมาณ"],  # row 2
        [],  # row 3
        [None, None, "1/3/2570", "x.pdf", "96", "95", " ๒.๒ "],  # row 4: the same code, in Thai digits
        header=REORDERED,
    )
    first, later = parse.rows
    assert first.errors == []
    error = the_error(later)
    assert (error.cell, error.row, error.column, error.code) == ("G4", 4, "code", "duplicate-code")
    assert error.message == ("รหัสตัวบ่งชี้ 2.2 ซ้ำกับแถวที่ 2 (แต่ละตัวบ่งชี้กรอกได้แถวเดียว) "
                             "กรุณารวมข้อมูลไว้ที่แถวที่ 2 แล้วลบแถวนี้")
    assert error.value == " ๒.๒ "
    assert later.indicator is None  # not scored twice


def test_unknown_code(office: Office) -> None:
    (r,) = group_tab(office, "admin", row(code="1.9", result="ทำแล้ว")).rows
    error = the_error(r)
    assert (error.cell, error.code) == ("A2", "unknown-code")
    assert error.message == ("ไม่พบรหัสตัวบ่งชี้ '1.9' ในมาตรฐานของปีนี้ "
                             "กรุณากรอกรหัสตัวบ่งชี้ที่มีในมาตรฐาน เช่น 1.1 หรือ ๑.๑")
    assert r.indicator is None


def test_code_the_group_does_not_own(office: Office) -> None:
    (_, r) = group_tab(office, "admin", row(**ADMIN_1_1), row(code="2.2", result="90")).rows
    error = the_error(r)
    assert (error.cell, error.code) == ("A3", "not-owned")
    assert error.message == ("ตัวบ่งชี้ 2.2 ไม่ได้อยู่ในความรับผิดชอบของกลุ่มอำนวยการ "
                             "กรุณาแก้เป็นรหัสตัวบ่งชี้ที่กลุ่มรับผิดชอบ หรือลบแถวนี้")
    assert r.indicator is None


@pytest.mark.parametrize("written", ["๑.๑", " 1.1 ", "ตัวบ่งชี้ที่ ๑.๑", "ตัวบ่งชี้ 1.1", 1.1])
def test_code_written_with_thai_digits_or_words(office: Office, written: Any) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_1_1, "code": written})).rows
    assert r.code == "1.1" and r.indicator == "1.1"
    assert r.errors == []


def test_row_with_data_but_no_code(office: Office) -> None:
    (r,) = group_tab(office, "admin", row(title="ไม่มีรหัส", result="ทำแล้ว", evidence="x")).rows
    error = the_error(r)
    assert (error.cell, error.code) == ("A2", "missing-value")


# --- cell values ------------------------------------------------------------------------------

def test_text_in_a_number_cell(office: Office) -> None:
    parse = group_tab(office, "admin", row(**ADMIN_1_1), row(code="2.4", target_value="ประมาณแปดสิบ"))
    error = the_error(parse.rows[1])
    assert (error.cell, error.row, error.column, error.code) == ("D3", 3, "target_value", "type-error")
    assert error.value == "ประมาณแปดสิบ"
    assert error.message == ("ค่าเป้าหมายที่กรอกไว้ 'ประมาณแปดสิบ' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข "
                             "เช่น 85 หรือ ๘๕.๕ (จะตามด้วยหน่วยนับของแถวก็ได้ เช่น ๓ วัน)")


def test_text_in_the_result_of_a_target_percent_indicator(office: Office) -> None:
    (r,) = group_tab(office, "finance", row(code="2.2", target_value=95, result="เกือบครบ", evidence="x",
                                            reported_on="1/3/2570")).rows
    error = the_error(r)
    assert (error.cell, error.code) == ("F2", "type-error")
    assert error.message.startswith("ผลการดำเนินงานที่กรอกไว้ 'เกือบครบ' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข")


def test_long_values_are_shortened_in_the_message(office: Office) -> None:
    (r,) = group_tab(office, "finance", row(code="2.2", target_value="ก" * 100)).rows
    error = the_error(r)
    assert error.message.startswith("ค่าเป้าหมายที่กรอกไว้ '" + "ก" * 57 + "...' ไม่ใช่ตัวเลข")
    assert error.value == "ก" * 100


def test_reported_row_without_evidence(office: Office) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_1_1, "evidence": "  "})).rows
    error = the_error(r)
    assert (error.cell, error.column, error.code) == ("J2", "evidence", "missing-value")
    assert error.message == "หลักฐานอ้างอิงยังว่างอยู่ แถวนี้รายงานผลแล้ว กรุณากรอกช่องนี้ด้วย"


@pytest.mark.parametrize(
    ("code", "missing", "cell"),
    [
        ("1.1", "criteria_met", "G2"),
        ("1.1", "reported_on", "L2"),
        ("2.4", "target_value", "D2"),
        ("3.1", "self_level", "H2"),
        ("3.1", "justification", "I2"),
    ],
)
def test_reported_row_without_an_input_its_method_needs(office: Office, code: str, missing: str, cell: str) -> None:
    full = {"1.1": ADMIN_1_1, "2.4": ADMIN_2_4, "3.1": ADMIN_3_1}[code]
    (r,) = group_tab(office, "admin", row(**{**full, missing: None})).rows
    assert errors_of(r) == [(cell, missing, "missing-value")]
    assert the_error(r).message.endswith("ยังว่างอยู่ แถวนี้รายงานผลแล้ว กรุณากรอกช่องนี้ด้วย")


@pytest.mark.parametrize("when", [date(2027, 4, 6), datetime(2027, 4, 6, 8, 30), "๖ เม.ย. ๒๕๗๐", "2027-04-06",
                                  "6/4/2570"])
def test_future_report_date_is_rejected(office: Office, when: Any) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_1_1, "reported_on": when})).rows
    error = the_error(r)
    assert (error.cell, error.code) == ("L2", "out-of-range")
    assert error.message.startswith("วันที่รายงานที่กรอกไว้ '")
    assert error.message.endswith("' เป็นวันที่ในอนาคต กรุณากรอกวันที่ที่รายงานจริง ซึ่งไม่เลยวันนี้")


@pytest.mark.parametrize("when", [TODAY, "๕/๔/๒๕๗๐", "5 เมษายน 2570", 46482])  # 46482 = 2027-04-05 as a serial
def test_report_dated_today_is_accepted(office: Office, when: Any) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_1_1, "reported_on": when})).rows
    assert r.errors == []
    assert r.reported_on == TODAY


def test_report_dated_before_the_fiscal_year_is_rejected(office: Office) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_1_1, "reported_on": "30/9/2569"})).rows
    error = the_error(r)
    assert (error.cell, error.code) == ("L2", "out-of-range")
    assert error.message == ("วันที่รายงานที่กรอกไว้ '30/9/2569' อยู่นอกปีงบประมาณ ๒๕๗๐ "
                             "กรุณากรอกวันที่ตั้งแต่ ๑ ต.ค. ๒๕๖๙ ถึง ๓๐ ก.ย. ๒๕๗๐")


@pytest.mark.parametrize("when", ["15/3/70", "๑๕ มี.ค. ๗๐", "15-03-27"])
def test_two_digit_year_is_rejected(office: Office, when: str) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_1_1, "reported_on": when})).rows
    error = the_error(r)
    assert (error.cell, error.code) == ("L2", "ambiguous-date")
    assert "มีปีเป็นเลข ๒ หลัก" in error.message and "กรุณาระบุปีเป็นเลข ๔ หลัก" in error.message
    assert r.reported_on is None


@pytest.mark.parametrize(("level", "expected"), [("๔", 4), ("ดีมาก", 4), (4, 4), (4.0, 4), ("4 ดีมาก", 4),
                                                  ("ดีเยี่ยม", 5), (" ๑ ", 1)])
def test_self_level_accepted(office: Office, level: Any, expected: int) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_3_1, "self_level": level})).rows
    assert r.errors == []
    assert r.self_level == expected


def as_quoted(value: Any) -> str:
    """A value as a row's message quotes it: a number cell in Thai digits (rows.quoted), text as typed."""
    return thai.to_thai_digits(problems.shown(value)) if isinstance(value, int | float) else str(value)


@pytest.mark.parametrize(("level", "code"), [(7, "out-of-range"), ("๗", "out-of-range"), (0, "out-of-range"),
                                             (4.5, "out-of-range"), ("ดีมากๆ", "type-error")])
def test_self_level_rejected(office: Office, level: Any, code: str) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_3_1, "self_level": level})).rows
    error = the_error(r)
    assert (error.cell, error.column, error.code) == ("H2", "self_level", code)
    assert error.message == (f"ระดับที่ประเมินตนเองที่กรอกไว้ '{as_quoted(level)}' ไม่ใช่ระดับ 1 ถึง 5 "
                             "กรุณากรอกระดับ 1 ถึง 5 เช่น ๔ หรือ ดีมาก")
    assert r.self_level is None


@pytest.mark.parametrize("target", [0, "0", "๐", -5])
def test_target_percent_target_must_be_above_zero(office: Office, target: Any) -> None:
    (r,) = group_tab(office, "finance", row(code="2.2", target_value=target, result=90, evidence="x",
                                            reported_on="1/3/2570")).rows
    error = the_error(r)
    assert (error.cell, error.column, error.code) == ("D2", "target_value", "out-of-range")
    assert error.message == (f"ค่าเป้าหมายที่กรอกไว้ '{as_quoted(target)}' ไม่มากกว่า 0 "
                             "กรุณากรอกตัวเลขที่มากกว่า 0 เช่น 85")


def test_zero_target_of_a_criteria_indicator_is_not_checked(office: Office) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_1_1, "target_value": 0})).rows
    assert r.errors == [] and r.target_value == 0


@pytest.mark.parametrize("met", ["1-6", "6", "1,2,6", "๖"])
def test_criteria_beyond_the_indicators_count(office: Office, met: str) -> None:
    # 2.3 has five criteria
    (r,) = group_tab(office, "personnel", row(code="2.3", result="ทำแล้ว", criteria_met=met, evidence="x",
                                              reported_on="1/3/2570")).rows
    error = the_error(r)
    assert (error.cell, error.column, error.code) == ("G2", "criteria_met", "out-of-range")
    assert error.message == (f"ประเด็นที่ผ่านที่กรอกไว้ '{met}' มีหมายเลขประเด็นที่ตัวบ่งชี้นี้ไม่มี "
                             "กรุณากรอกหมายเลขประเด็น 1 ถึง 5")
    assert r.criteria_met is None


@pytest.mark.parametrize(("met", "expected"), [("1-5", {1, 2, 3, 4, 5}), ("๑, ๓ และ ๕", {1, 3, 5}),
                                                ("ผ่านทุกข้อ", {1, 2, 3, 4, 5}), ("ข้อ 2", {2}), (3, {3})])
def test_criteria_within_the_indicators_count(office: Office, met: Any, expected: set[int]) -> None:
    (r,) = group_tab(office, "personnel", row(code="2.3", criteria_met=met, evidence="x",
                                              reported_on="1/3/2570")).rows
    assert r.errors == [] and r.reported
    assert r.criteria_met == frozenset(expected)


def test_criteria_of_another_indicator_are_counted_against_its_own_count(office: Office) -> None:
    # 1.3 has three criteria, 2.3 five: "4" is fine for 2.3 only
    ok = group_tab(office, "personnel", row(code="2.3", criteria_met="4", evidence="x", reported_on="1/3/2570"))
    bad = group_tab(office, "legal", row(code="1.3", criteria_met="4", evidence="x", reported_on="1/3/2570"))
    assert ok.rows[0].errors == []
    assert errors_of(bad.rows[0]) == [("G2", "criteria_met", "out-of-range")]


def test_several_errors_in_one_row_each_have_their_cell(office: Office) -> None:
    (r,) = group_tab(office, "admin", row(code="2.4", target_value="สาม", result="ไม่ทราบ", reported_on="1/4/70")).rows
    assert sorted(errors_of(r)) == [
        ("D2", "target_value", "type-error"),
        ("F2", "result", "type-error"),
        ("J2", "evidence", "missing-value"),
        ("L2", "reported_on", "ambiguous-date"),
    ]
    assert all(e.tab == "อำนวยการ" and e.row == 2 for e in r.errors)


# --- the successful-outputs tab ----------------------------------------------------------------
# Default columns: A ลำดับ  B กลุ่ม  C ชื่อผลงาน  D รายละเอียด  E ตัวบ่งชี้ที่เกี่ยวข้อง  F หลักฐานอ้างอิง
# G สถานะ  H ข้อผิดพลาด

def test_outputs_valid_rows(office: Office) -> None:
    parse = outputs_tab(
        office,
        out_row(no=1, group="กลุ่มนโยบายและแผน", title="แผนพัฒนาการศึกษา", indicators="1.1, ๑.๓", evidence="link"),
        out_row(no=2, group="การเงินและสินทรัพย์", title="เบิกจ่ายทันเวลา", indicators="ตัวบ่งชี้ที่ 2.2", evidence="x"),
        out_row(no=3, group="Supervision", title="ระบบนิเทศออนไลน์", evidence="x"),
        out_row(no=4, group="ส่งเสริมการจัดการศึกษา", title="โรงเรียนคุณภาพ", indicators="2.1 3.2", evidence="x"),
    )
    assert parse.tab_errors == []
    assert [r.errors for r in parse.rows] == [[], [], [], []]
    assert [r.group for r in parse.rows] == ["policy", "finance", "supervision", "promotion"]
    assert [r.indicators for r in parse.rows] == [["1.1", "1.3"], ["2.2"], [], ["2.1", "3.2"]]
    assert parse.key_column == "title"


def test_outputs_unknown_group(office: Office) -> None:
    (r,) = outputs_tab(office, out_row(no=1, group="กลุ่มการตลาด", title="ผลงาน", evidence="x")).rows
    error = the_error(r)
    assert (error.cell, error.column, error.code) == ("B2", "group", "unknown-group")
    assert error.message == ("กลุ่มที่กรอกไว้ 'กลุ่มการตลาด' ไม่ตรงกับกลุ่มใดในสำนักงาน "
                             "กรุณากรอกชื่อกลุ่มหรือชื่อแท็บของกลุ่ม เช่น กลุ่มนโยบายและแผน")
    assert r.group is None


def test_outputs_missing_group(office: Office) -> None:
    (r,) = outputs_tab(office, out_row(no=1, title="ผลงาน", evidence="x")).rows
    error = the_error(r)
    assert (error.cell, error.code, error.message) == ("B2", "missing-value", "กลุ่มยังว่างอยู่ กรุณากรอกช่องนี้")


def test_outputs_missing_evidence(office: Office) -> None:
    parse = outputs_tab(office, [], out_row(no=1, group="policy", title="ผลงาน", description="รายละเอียด"))
    (r,) = parse.rows
    error = the_error(r)
    assert (error.cell, error.row, error.column, error.code) == ("F3", 3, "evidence", "missing-value")
    assert error.message == "หลักฐานอ้างอิงยังว่างอยู่ กรุณากรอกช่องนี้"


def test_outputs_duplicate_title_is_an_error_on_the_later_row(office: Office) -> None:
    parse = outputs_tab(
        office,
        out_row(no=1, group="policy", title="ผลงาน ก", evidence="x"),
        out_row(no=2, group="policy", title="ผลงาน ข", evidence="x"),
        out_row(no=3, group="admin", title="  ผลงาน   ก ", evidence="y"),
    )
    first, _, later = parse.rows
    assert first.errors == []
    error = the_error(later)
    assert (error.cell, error.column, error.code) == ("C4", "title", "duplicate-title")
    assert error.message == "ชื่อผลงานซ้ำกับแถวที่ 2 กรุณากรอกผลงานละหนึ่งแถว หรือตั้งชื่อผลงานให้ต่างกัน"


def test_outputs_row_without_title(office: Office) -> None:
    (r,) = outputs_tab(office, out_row(group="policy", evidence="x")).rows
    error = the_error(r)
    assert (error.cell, error.code, error.message) == ("C2", "missing-value", "ชื่อผลงานยังว่างอยู่ กรุณากรอกช่องนี้")


def test_outputs_unknown_indicator_codes(office: Office) -> None:
    (r,) = outputs_tab(office, out_row(no=1, group="policy", title="ผลงาน", indicators="1.1, 9.9, ๘.๘",
                                       evidence="x")).rows
    error = the_error(r)
    assert (error.cell, error.column, error.code) == ("E2", "indicators", "unknown-code")
    assert error.message == ("ไม่พบรหัสตัวบ่งชี้ '9.9' ในมาตรฐานของปีนี้ "
                             "กรุณากรอกรหัสตัวบ่งชี้ที่มีในมาตรฐาน เช่น 1.1 หรือ ๑.๑")
    assert r.indicators == ["1.1"]  # the known ones are kept


def test_outputs_columns_by_label_with_blank_rows_and_extra_columns(office: Office) -> None:
    header = ["ชื่อผลงาน", "หมายเหตุ", "หลักฐานอ้างอิง", "กลุ่ม", "ตัวบ่งชี้ที่เกี่ยวข้อง", None]
    #          A            B          C                D        E
    parse = outputs_tab(
        office,
        [None, "ของกลุ่มเอง"],  # an unknown column alone is not an output
        [],
        ["ผลงาน", None, None, "ict", "๒.๑"],
        header=header,
    )
    assert parse.columns == {"title": 1, "evidence": 3, "group": 4, "indicators": 5}
    (r,) = parse.rows
    assert r.row == 4 and r.group == "ict" and r.indicators == ["2.1"]
    assert errors_of(r) == [("C4", "evidence", "missing-value")]


def test_outputs_missing_columns(office: Office) -> None:
    parse = outputs_tab(office, ["ผลงาน"], header=["ชื่อผลงาน"])
    assert [(e.code, e.column) for e in parse.tab_errors] == [("missing-column", "group"),
                                                              ("missing-column", "evidence")]
    assert parse.rows[0].errors == []
    parse = outputs_tab(office, ["policy"], header=["กลุ่ม"])
    assert parse.rows == [] and "title" in [e.column for e in parse.tab_errors]


def test_outputs_rows_numbered_in_advance_are_empty(office: Office) -> None:
    parse = outputs_tab(
        office,
        out_row(no=1, group="กลุ่มนโยบายและแผน", title="แผนพัฒนาการศึกษา", evidence="link"),
        out_row(no=2),
        out_row(no="๓"),
    )
    assert [r.row for r in parse.rows] == [2]
    assert parse.rows[0].errors == []


# --- a number typed with its unit (issue 15, point 6) ----------------------------------------------
# 2.4 (admin): target_percent, lower is better, unit in standards.yaml "วันเฉลี่ยที่ใช้ให้บริการต่อเรื่อง";
# 2.2 (finance): unit "ร้อยละของงบประมาณที่เบิกจ่าย".

@pytest.mark.parametrize(("target", "result"), [("๓ วัน", "2.5 วัน"), ("3", "๒.๕ วัน"), ("3 วัน", 2.5),
                                                ("๓ วัน/เรื่อง", "2.5 วัน")])
def test_a_number_with_the_rows_unit_is_read(office: Office, target: Any, result: Any) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_2_4, "target_value": target, "result": result})).rows
    assert r.errors == []
    assert (r.target_value, r.result_value) == (3.0, 2.5)
    assert r.result == str(result).strip()  # the typed text is kept as typed (the cell is never changed)


@pytest.mark.parametrize("typed", ["85%", "ร้อยละ 85", "85 เปอร์เซ็นต์", " 85 % "])
def test_a_percent_is_one_unit_however_it_is_written(office: Office, typed: str) -> None:
    (r,) = group_tab(office, "finance", row(code="2.2", target_value="ร้อยละ 95", unit="ร้อยละ", result=typed,
                                            evidence="GFMIS", reported_on="1/3/2570")).rows
    assert r.errors == [] and r.result_value == 85.0


def test_the_indicators_unit_is_the_rows_when_its_unit_cell_is_empty(office: Office) -> None:
    # finance's row has no หน่วยนับ: the indicator's unit (ร้อยละของงบประมาณที่เบิกจ่าย) is the row's
    (r,) = group_tab(office, "finance", row(code="2.2", target_value="95%", result="92.5 %", evidence="GFMIS",
                                            reported_on="1/3/2570")).rows
    assert r.errors == [] and (r.target_value, r.result_value) == (95.0, 92.5)
    (r,) = group_tab(office, "finance", row(code="2.2", target_value="95", result="92 คน", evidence="GFMIS",
                                            reported_on="1/3/2570")).rows
    error = the_error(r)
    assert (error.cell, error.column, error.code, error.value) == ("F2", "result", "unit-mismatch", "92 คน")
    assert error.message == ("ผลการดำเนินงานที่กรอกไว้ '92 คน': หน่วย 'คน' ไม่ตรงกับหน่วยนับของตัวบ่งชี้ "
                             "'ร้อยละของงบประมาณที่เบิกจ่าย' กรุณากรอกเป็นตัวเลข เช่น ๙๒")


@pytest.mark.parametrize(("key", "cell", "typed", "unit"), [
    ("result", "F2", "2.5 คน", "คน"), ("result", "F2", "ร้อยละ 80", "ร้อยละ"), ("result", "F2", "80%", "%"),
    ("target_value", "D2", "๓ ชั่วโมง", "ชั่วโมง"),
])
def test_a_unit_that_is_not_the_rows_is_named_in_the_message(office: Office, key: str, cell: str, typed: str,
                                                             unit: str) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_2_4, key: typed})).rows
    error = the_error(r)
    assert (error.cell, error.column, error.code, error.value) == (cell, key, "unit-mismatch", typed)
    label = "ผลการดำเนินงาน" if key == "result" else "ค่าเป้าหมาย"
    number = thai.format_number(thai.parse_amount(typed).number)
    assert error.message == (f"{label}ที่กรอกไว้ '{typed}': หน่วย '{unit}' ไม่ตรงกับหน่วยนับของตัวบ่งชี้ 'วัน' "
                             f"กรุณากรอกเป็นตัวเลข เช่น {number}")
    assert r.result_value is None or r.target_value is None  # a value in the wrong unit is not scored


def test_without_any_unit_the_result_takes_the_unit_its_target_was_typed_with(tmp_path: Path) -> None:
    # an office whose standards.yaml gives 2.4 no unit, and a row with no หน่วยนับ
    shutil.copytree(REPO / "config", tmp_path / "office")
    standards = tmp_path / "office" / "standards.yaml"
    text = standards.read_text(encoding="utf-8")
    assert "        unit: วันเฉลี่ยที่ใช้ให้บริการต่อเรื่อง\n" in text
    standards.write_text(text.replace("        unit: วันเฉลี่ยที่ใช้ให้บริการต่อเรื่อง\n", ""), encoding="utf-8")
    bare = load_office(tmp_path / "office")
    ok = {**ADMIN_2_4, "unit": None, "target_value": "3 วัน", "result": "2.5 วัน"}
    (r,) = group_tab(bare, "admin", row(**ok)).rows
    assert r.errors == [] and r.unit == ""  # the row's หน่วยนับ stays what was typed there (nothing)
    (r,) = group_tab(bare, "admin", row(**{**ok, "result": "60 ชั่วโมง"})).rows
    error = the_error(r)
    assert error.code == "unit-mismatch" and "หน่วย 'ชั่วโมง' ไม่ตรงกับหน่วยนับของตัวบ่งชี้ 'วัน'" in error.message
    (r,) = group_tab(bare, "admin", row(**{**ok, "target_value": "3", "result": "2.5 ชั่วโมง"})).rows
    assert r.errors == [] and r.result_value == 2.5  # nothing to compare with: the unit typed is taken
    (r,) = group_tab(bare, "admin", row(**{**ok, "target_value": "ร้อยละ 90", "result": "85%"})).rows
    assert r.errors == [] and (r.target_value, r.result_value) == (90.0, 85.0)


def test_a_negative_result_is_said_to_be_negative(office: Office) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_2_4, "result": "-2 วัน"})).rows
    error = the_error(r)
    assert (error.cell, error.code) == ("F2", "out-of-range")
    assert error.message == "ผลการดำเนินงานที่กรอกไว้ '-2 วัน' ติดลบ กรุณากรอกตัวเลขตั้งแต่ 0 ขึ้นไป เช่น 85"


def test_text_with_a_number_inside_is_still_not_a_number(office: Office) -> None:
    (r,) = group_tab(office, "admin", row(**{**ADMIN_2_4, "result": "ประมาณ 2 วัน"})).rows
    error = the_error(r)
    assert error.code == "type-error" and error.message.startswith("ผลการดำเนินงานที่กรอกไว้ 'ประมาณ 2 วัน' ไม่ใช่ตัวเลข")


def test_a_row_without_its_code_names_the_code_column(office: Office) -> None:
    (r,) = group_tab(office, "admin", row(result="ทำแล้ว")).rows
    error = the_error(r)
    assert (error.cell, error.code) == ("A2", "missing-value")
    assert error.message == ("รหัสตัวบ่งชี้ยังว่างอยู่ แต่แถวนี้มีข้อมูลกรอกไว้ กรุณากรอกรหัสตัวบ่งชี้ของแถว "
                             "เช่น 1.1 หรือ ๑.๑")
