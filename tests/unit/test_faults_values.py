"""Issue 13, point 5 (values): the fault corpus of what a cell can hold that used to end in a traceback or
a wrong message. One test per case: the value is refused (or read) with a Thai message from the problem
catalogue, and nothing raises but ParseError.

- Thai text compared in one normal form (thai.normalize_text): NFC, ำ typed as ํา, a tone mark typed
  before its above-vowel, เเ for แ, zero-width characters.
- Huge numbers and infinities refused: a level of 310 digits (float() reads it as infinity), criteria of
  4,301 digits (int() refuses more than 4,300), a number past 15 digits, a serial date too big for a float.
- Scoring never produces infinity or NaN: a percent that overflows scores the top level and shows none.
- Values in messages as people typed them: no "2027-03-29 00:00:00", "85.0", "<... object at 0x...>",
  no invisible control characters; a typed code as long as a value is cut like a value.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl.worksheet.formula import ArrayFormula

from sheetsync.core import problems, rows, thai
from sheetsync.core.cells import RawTable
from sheetsync.core.columns import INDICATOR_COLUMNS
from sheetsync.core.models import Office
from sheetsync.core.rows import IndicatorRow, parse_group_tab
from sheetsync.core.scoring import row_score, weighted_mean
from sheetsync.store.config import load_office

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2027, 4, 5)
HEADER = [c.label for c in INDICATOR_COLUMNS]
KEYS = [c.key for c in INDICATOR_COLUMNS]

SARA_AM, NIKHAHIT, SARA_AA = "\u0e33", "\u0e4d", "\u0e32"
MAI_EK, MAI_THO, SARA_II = "\u0e48", "\u0e49", "\u0e35"


@pytest.fixture(scope="module")
def office() -> Office:
    return load_office(REPO / "config")


def one_row(office: Office, group: str, header: list[Any] | None = None, **values: Any) -> IndicatorRow:
    g = office.group(group)
    assert g is not None
    cells = [values.pop(key, None) for key in KEYS]
    assert not values
    (parsed,) = parse_group_tab(RawTable(tab=g.tab, values=[header or HEADER, cells]), g, office, TODAY).rows
    return parsed


def refused(func, *args) -> thai.ParseError:
    """`func(*args)` raises ParseError (never OverflowError, ValueError or InvalidOperation)."""
    with pytest.raises(thai.ParseError) as excinfo:
        func(*args)
    err = excinfo.value
    assert err.code in problems.CODES and err.message == problems.expectation(err.expectation, **_fields(err))
    return err


def _fields(err: thai.ParseError) -> dict[str, object]:
    return {"digits": thai.NUMBER_DIGITS} if err.expectation == "number-size" else \
        {"count": 5} if err.expectation == "criteria-range" else {}


# --- one normal form for Thai text ---------------------------------------------------------------

def test_sara_am_typed_as_nikhahit_and_sara_aa_is_sara_am() -> None:
    assert thai.normalize_text(f"ผลการด{NIKHAHIT}{SARA_AA}เนินงาน") == f"ผลการด{SARA_AM}เนินงาน"


def test_sara_am_with_a_tone_mark_typed_either_way() -> None:
    water = f"น{MAI_THO}{SARA_AM}"  # น้ำ as the dictionary spells it
    assert thai.normalize_text(f"น{MAI_THO}{NIKHAHIT}{SARA_AA}") == water
    assert thai.normalize_text(f"น{NIKHAHIT}{MAI_THO}{SARA_AA}") == water


def test_tone_mark_typed_before_its_above_vowel() -> None:
    assert thai.normalize_text(f"วันท{MAI_EK}{SARA_II}รายงาน") == f"วันท{SARA_II}{MAI_EK}รายงาน"


def test_below_vowel_and_tone_mark_in_nfc_order() -> None:
    assert thai.normalize_text("ก\u0e48\u0e38") == "ก\u0e38\u0e48"  # NFC: SARA U (103) before MAI EK (107)


def test_sara_e_typed_twice_is_sara_ae_and_zero_width_characters_go() -> None:
    assert thai.normalize_text("\u0e40\u0e40ผน\u200bงาน\ufeff") == "แผนงาน"


def test_text_without_thai_is_only_nfc() -> None:
    assert thai.normalize_text("Cafe\u0301  1.1") == "Caf\u00e9 1.1"


def test_a_code_typed_with_an_equivalent_prefix_is_the_code() -> None:
    prefix = f"ตัวบ{MAI_EK}งช{MAI_THO}{SARA_II}ท{MAI_EK}{SARA_II}"  # ตัวบ่งชี้ที่, tone marks typed first
    assert rows.normalize_code(f"{prefix} ๑.๑") == "1.1"


def test_a_level_name_typed_with_an_equivalent_sequence() -> None:
    # ดีเยี่ยม with MAI EK typed before SARA II
    assert rows.parse_level(f"ดีเย{MAI_EK}{SARA_II}ยม") == 5


def test_a_header_typed_with_an_equivalent_sequence_is_found(office: Office) -> None:
    assert rows.normalize_label(f"ด{NIKHAHIT}{SARA_AA}") == rows.normalize_label(f"ด{SARA_AM}")
    header = [label.replace(SARA_AM, NIKHAHIT + SARA_AA).replace("ที่", f"ท{MAI_EK}{SARA_II}") for label in HEADER]
    assert header != HEADER
    found, duplicated = rows.locate_columns(header, INDICATOR_COLUMNS)
    assert set(found) == set(KEYS) and duplicated == []
    parsed = one_row(office, "finance", header=header, code="2.2", target_value="95", result="92.5",
                     evidence="GFMIS", reported_on="29/3/2570")
    assert parsed.valid, parsed.errors


# --- huge numbers and infinities are refused -----------------------------------------------------

def test_a_level_of_310_digits(office: Office) -> None:
    err = refused(rows.parse_level, "9" * 310)
    assert (err.code, err.expectation) == ("type-error", "level")
    parsed = one_row(office, "teacher_dev", code="1.2", self_level="9" * 310)
    (error,) = [e for e in parsed.errors if e.column == "self_level"]
    assert error.message.startswith("ระดับที่ประเมินตนเองที่กรอกไว้ '" + "9" * 57 + "...' ไม่ใช่ระดับ 1 ถึง 5 กรุณา")
    assert len(error.message) < 160


def test_criteria_of_4301_digits(office: Office) -> None:
    err = refused(thai.parse_criteria, "1" * 4301, 5)
    assert (err.code, err.message) == ("out-of-range", "มีหมายเลขประเด็นที่ตัวบ่งชี้นี้ไม่มี กรุณากรอกหมายเลขประเด็น 1 ถึง 5")
    refused(thai.parse_criteria, "1-" + "9" * 5000, 5)
    parsed = one_row(office, "admin", code="1.1", criteria_met="1" * 4301)
    (error,) = [e for e in parsed.errors if e.column == "criteria_met"]
    assert error.code == "out-of-range" and "ประเด็นที่ผ่าน" in error.message


@pytest.mark.parametrize("value", ["9" * 400, "1,000,000,000,000,000", 10**400, 1e20, -1e300, 10**15])
def test_a_number_past_fifteen_digits(value: object) -> None:
    err = refused(thai.parse_number, value)
    assert (err.code, err.message) == ("out-of-range", "ยาวเกิน 15 หลัก กรุณากรอกตัวเลขไม่เกิน 15 หลัก เช่น 85 หรือ 1,250")


def test_fifteen_digits_and_tiny_numbers_still_read() -> None:
    assert thai.parse_number("999,999,999,999,999") == 999_999_999_999_999
    assert thai.parse_number("0." + "0" * 320 + "1") >= 0  # no overflow: a tiny number is a number


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, "inf", "nan"])
def test_infinity_and_nan_are_no_number(value: object) -> None:
    assert refused(thai.parse_number, value).code == "type-error"


def test_a_target_of_400_digits_in_a_row(office: Office) -> None:
    parsed = one_row(office, "finance", code="2.2", target_value="9" * 400)
    (error,) = parsed.errors
    assert (error.cell, error.code) == ("D2", "out-of-range")
    assert error.message.startswith("ค่าเป้าหมายที่กรอกไว้ '" + "9" * 57 + "...' ยาวเกิน 15 หลัก กรุณา")


@pytest.mark.parametrize("value", [10**400, "9" * 400, math.inf])
def test_a_serial_date_too_big_for_a_float(value: object) -> None:
    assert refused(thai.parse_date, value).code == "invalid-date"


def test_an_integer_of_5000_digits_in_a_cell_reads_as_text() -> None:
    assert thai.normalize_text(10**5000) == "1" + "0" * 5000  # str() would raise past 4,300 digits


# --- scoring never produces infinity or NaN ------------------------------------------------------

def _percent_row(target: float, result: float) -> IndicatorRow:
    return IndicatorRow(tab="t", row=2, group="finance", code="2.2", indicator="2.2", target="x",
                        target_value=target, result=str(result), result_value=result, evidence="e",
                        reported_on=TODAY, reported=True)


def test_a_percent_overflowing_to_infinity_scores_the_top_level(office: Office) -> None:
    score = row_score(_percent_row(target=1e-320, result=92.5), office.indicator("2.2"))
    assert score is not None and score.level == 5 and score.value is None


def test_a_lower_is_better_percent_overflowing(office: Office) -> None:
    row = _percent_row(target=3.0, result=1e-320).model_copy(update={"code": "2.4", "indicator": "2.4", "group": "admin"})
    score = row_score(row, office.indicator("2.4"))
    assert score is not None and score.level == 5 and score.value is None


def test_a_row_holding_infinity_is_not_scored(office: Office) -> None:
    assert row_score(_percent_row(target=math.inf, result=92.5), office.indicator("2.2")) is None


def test_a_mean_that_would_be_infinite_is_no_score() -> None:
    assert weighted_mean([(5.0, 1e308), (4.0, 1e308)]) is None
    assert weighted_mean([(5.0, 1.0), (4.0, 3.0)]) == 4.25


def test_any_finite_number_formats_and_infinity_too() -> None:
    assert thai.format_number(1e300).startswith("๑,๐๐๐,๐๐๐")  # the default Decimal context refused past 28 digits
    assert thai.format_number(math.inf) == "∞" and thai.format_number(math.nan) == "-"


# --- values in messages as people typed them -------------------------------------------------------

@pytest.mark.parametrize(("value", "shown"), [
    (datetime(2027, 3, 29), "29/3/2570"),
    (datetime(2027, 3, 29, 14, 30), "29/3/2570 14:30"),
    (date(2570, 3, 29), "29/3/2570"),  # a date cell whose year is B.E. already
    (85.0, "85"),
    (0.1 + 0.2, "0.3"),
    (True, "TRUE"),
    (None, ""),
    (ArrayFormula("A1:A2", "=SUM(B1:B2)"), "=SUM(B1:B2)"),
    ("8\x005\x1b\x07", "8␀5␛␇"),
])
def test_a_value_is_quoted_as_typed(value: object, shown: str) -> None:
    assert problems.shorten(value) == shown
    message = problems.message("type-error", label="ผล", expectation=problems.expectation("number"), value=value)
    assert message.startswith(f"ผลที่กรอกไว้ '{shown}' ไม่ใช่ตัวเลข") and "object at 0x" not in message


def test_an_integer_too_long_for_str_is_quoted() -> None:
    assert problems.shorten(10**5000) == "1" + "0" * 56 + "..."


def test_a_date_in_the_future_is_quoted_as_a_thai_date(office: Office) -> None:
    parsed = one_row(office, "finance", code="2.2", target_value="95", result="92.5", evidence="GFMIS",
                     reported_on=datetime(2027, 5, 1))
    (error,) = parsed.errors
    assert error.message == ("วันที่รายงานที่กรอกไว้ '๑ พ.ค. ๒๕๗๐' เป็นวันที่ในอนาคต กรุณากรอกวันที่ที่รายงานจริง "
                             "ซึ่งไม่เลยวันนี้")


def test_a_long_typed_code_is_cut_in_its_message(office: Office) -> None:
    parsed = one_row(office, "ict", code="X" * 10_000, result="ทดลอง")
    (error,) = [e for e in parsed.errors if e.code == "unknown-code"]
    assert error.message.startswith("ไม่พบรหัสตัวบ่งชี้ '" + "X" * 57 + "...' ในมาตรฐานของปีนี้ กรุณา")
