"""Tests of sheetsync.core.thai: Thai input as people type it, Thai output as official papers want it.

Every expected value is worked out by hand (the arithmetic is in the comments where it is not obvious);
the property tests at the end check that what sheetsync writes it can read back.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetsync.core import problems, thai
from sheetsync.core.thai import ParseError

THAI_CHAR = re.compile(r"[\u0E00-\u0E7F]")


def assert_rejected(func, value, code: str, *args, message: str | None = None) -> ParseError:
    """`func(value, *args)` raises ParseError with `code` and a Thai message (the exact one if given)."""
    with pytest.raises(ParseError) as excinfo:
        func(value, *args)
    err = excinfo.value
    assert err.code == code
    assert err.message, "the message shown to the user must not be empty"
    assert THAI_CHAR.search(err.message), f"message is not Thai: {err.message!r}"
    assert str(err) == err.message
    if message is not None:
        assert err.message == message
    return err


# --- digits, blanks, text -----------------------------------------------------------------------

def test_digit_conversion_both_ways():
    assert thai.to_arabic_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"
    assert thai.to_thai_digits("0123456789") == "๐๑๒๓๔๕๖๗๘๙"
    assert thai.to_thai_digits(2570) == "๒๕๗๐"
    assert thai.to_thai_digits("ปี 2570 ข้อ 1.1") == "ปี ๒๕๗๐ ข้อ ๑.๑"
    assert thai.to_arabic_digits("ตัวบ่งชี้ที่ ๒.๔") == "ตัวบ่งชี้ที่ 2.4"


@pytest.mark.parametrize("value", [None, "", "   ", "\t\n"])
def test_is_blank_true(value):
    assert thai.is_blank(value)


@pytest.mark.parametrize("value", [0, 0.0, "0", "-", False, "๐"])
def test_is_blank_false(value):
    assert not thai.is_blank(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("  ๑.๑   การบริหาร\n จัดการ ", "1.1 การบริหาร จัดการ"),
        (85.0, "85"),  # a whole float from a sheet reads as the integer people typed
        (85.5, "85.5"),
        (12, "12"),
    ],
)
def test_normalize_text(value, expected):
    assert thai.normalize_text(value) == expected


# --- numbers ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (85, 85.0),
        (85.5, 85.5),
        (0, 0.0),
        ("85", 85.0),
        ("85.5", 85.5),
        ("๘๕", 85.0),
        ("๘๕.๕", 85.5),
        ("1,250", 1250.0),
        ("๑,๒๕๐", 1250.0),
        ("1,234,567.89", 1234567.89),
        ("๑,๒๓๔,๕๖๗.๘๙", 1234567.89),
        ("ร้อยละ 85", 85.0),
        ("ร้อยละ๘๕.๕", 85.5),
        ("85%", 85.0),
        (" 85 % ", 85.0),
        ("๘๕%", 85.0),
        ("85 เปอร์เซ็นต์", 85.0),
        ("-3.5", -3.5),
        ("+5", 5.0),
        (".5", 0.5),
    ],
)
def test_parse_number_accepts(value, expected):
    result = thai.parse_number(value)
    assert isinstance(result, float)
    assert result == expected


@pytest.mark.parametrize(
    "value",
    [
        "แปดสิบห้า",
        "ประมาณ 80",
        "85 คน",  # text in a number
        "85 บาท",
        "1,25",  # a comma that is not a thousands separator
        "12,34,567",
        "1.2.3",
        "85..5",
        "",
        None,
        True,  # a check box is not a number
        False,
        float("nan"),
        float("inf"),
    ],
)
def test_parse_number_rejects(value):
    assert_rejected(thai.parse_number, value, "type-error", message=problems.expectation("number"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2.675, 2.68),  # the float 2.675 is 2.67499999...; round() gives 2.67, people write 2.68
        (1.005, 1.01),
        (2.665, 2.67),
        (4.495, 4.5),
        (-2.675, -2.68),  # half away from zero
        (3.14159, 3.14),
        (4.0, 4.0),
        (5, 5.0),
    ],
)
def test_round2_half_up(value, expected):
    assert thai.round2(value) == expected


def test_round2_huge_and_infinite_values_pass_through():
    # beyond 2**52 a float has no fraction left; Decimal's 28-digit context used to raise here
    assert thai.round2(1e30) == 1e30
    assert thai.round2(-8.5e244) == -8.5e244
    assert thai.round2(float(2**53)) == float(2**53)
    assert thai.round2(float("inf")) == float("inf")


def test_round2_differs_from_bankers_rounding():
    assert round(2.675, 2) == 2.67  # what Python's round does with the binary float
    assert thai.round2(2.675) == 2.68


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (85.0, {}, "๘๕"),
        (85.456, {}, "๘๕.๔๖"),
        (85.5, {}, "๘๕.๕"),  # trailing zero dropped: 85.50 -> 85.5
        (1250, {}, "๑,๒๕๐"),
        (1234567.891, {}, "๑,๒๓๔,๕๖๗.๘๙"),
        (2.675, {}, "๒.๖๘"),  # half up
        (100.0, {}, "๑๐๐"),  # zeros of the integer part stay
        (0, {}, "๐"),
        (-1234.5, {}, "-๑,๒๓๔.๕"),
        (1250, {"thai": False}, "1,250"),
        (85.456, {"thai": False}, "85.46"),
        (85.5, {"decimals": 0, "thai": False}, "86"),  # half up, not to even
        (1000.5, {"decimals": 0}, "๑,๐๐๑"),
        (85.25, {"decimals": 1}, "๘๕.๓"),
    ],
)
def test_format_number(value, kwargs, expected):
    assert thai.format_number(value, **kwargs) == expected


# --- yes/no -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value",
    ["ผ่าน", " ผ่าน ", "ใช่", "มี", "TRUE", "True", "true", "yes", "Y", "1", "๑", "✓", "✔", "☑", "/", "x", "X",
     "ครบ", "ผ่านทุกข้อ", "ทั้งหมด", True, 1, 1.0],
)
def test_parse_bool_true(value):
    assert thai.parse_bool(value) is True


@pytest.mark.parametrize(
    "value", ["ไม่ผ่าน", "ไม่ใช่", "ไม่มี", "FALSE", "false", "no", "N", "0", "๐", "✗", "✘", "☐", "-", False, 0, 0.0]
)
def test_parse_bool_false(value):
    assert thai.parse_bool(value) is False


@pytest.mark.parametrize("value", ["อาจจะ", "ผ่านบางข้อ", "", "2", None, "truee"])
def test_parse_bool_rejects(value):
    assert_rejected(thai.parse_bool, value, "type-error", message=problems.expectation("bool"))


# --- criteria lists -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1,2,4", {1, 2, 4}),
        ("1, 2, 4", {1, 2, 4}),
        ("๑ ๒ ๔", {1, 2, 4}),
        ("๑,๒,๔", {1, 2, 4}),
        ("1-3", {1, 2, 3}),
        ("1 - 3", {1, 2, 3}),
        ("๑-๓", {1, 2, 3}),
        ("1-2, 4", {1, 2, 4}),
        ("ข้อ 1, 2", {1, 2}),
        ("ข้อที่ 1 และ 3", {1, 3}),
        ("ประเด็นที่ 2, 4", {2, 4}),
        ("ประเด็น 2;4", {2, 4}),
        ("1,1,2", {1, 2}),  # a repeat counts once
        ("3", {3}),
        ("4", {4}),
        (3, {3}),
        (3.0, {3}),  # a number cell
        ("1", {1}),  # a single number is that criterion, not a check mark for all
        (1, {1}),
        ("ข้อ 1", {1}),
    ],
)
def test_parse_criteria_lists(value, expected):
    assert thai.parse_criteria(value, 4) == frozenset(expected)


@pytest.mark.parametrize("value", ["✓", "ผ่าน", "ทั้งหมด", "ผ่านทุกข้อ", "ครบทุกข้อ", "TRUE", True])
def test_parse_criteria_all_met(value):
    assert thai.parse_criteria(value, 4) == frozenset({1, 2, 3, 4})


@pytest.mark.parametrize("value", ["ไม่ผ่าน", "ไม่มี", "-", "0", "๐", 0, False])
def test_parse_criteria_none_met(value):
    assert thai.parse_criteria(value, 4) == frozenset()


@pytest.mark.parametrize("value", ["5", "1,5", "0,1", "1-5", "๕", "ข้อ 7"])
def test_parse_criteria_out_of_range(value):
    err = assert_rejected(thai.parse_criteria, value, "out-of-range", 4)
    assert err.message == problems.expectation("criteria-range", count=4)
    assert "4" in err.message


@pytest.mark.parametrize("value", ["3-1", "a,b", "ข้อ", "1.5", "หนึ่ง สอง", "", "1,x"])
def test_parse_criteria_type_error(value):
    assert_rejected(thai.parse_criteria, value, "type-error", 4, message=problems.expectation("criteria"))


# --- dates --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # d/m/yyyy, day first, B.E. (2570 - 543 = 2027) or C.E.
        ("15/3/2570", date(2027, 3, 15)),
        ("15/03/2027", date(2027, 3, 15)),
        ("15-03-2027", date(2027, 3, 15)),
        ("15.3.2570", date(2027, 3, 15)),
        ("15 / 3 / 2570", date(2027, 3, 15)),
        ("๑๕/๓/๒๕๗๐", date(2027, 3, 15)),
        ("1/10/2569", date(2026, 10, 1)),  # 1 October, not 10 January
        ("29/2/2567", date(2024, 2, 29)),  # 2567 - 543 = 2024, a leap year
        # d mmm yyyy with Thai month names and abbreviations
        ("๑ มี.ค. ๒๕๗๐", date(2027, 3, 1)),
        ("1 มี.ค. 2570", date(2027, 3, 1)),
        ("1 มีนาคม 2570", date(2027, 3, 1)),
        ("1มีนาคม2570", date(2027, 3, 1)),
        ("1 มีค 2570", date(2027, 3, 1)),  # typed without the dots
        ("1 มี. ค. 2570", date(2027, 3, 1)),
        ("วันที่ 1 มีนาคม 2570", date(2027, 3, 1)),
        ("1 มีนาคม พ.ศ. 2570", date(2027, 3, 1)),  # as official letters write it
        ("1 มี.ค. พ.ศ. 2570", date(2027, 3, 1)),
        ("24 พ.ย. 2569", date(2026, 11, 24)),
        ("24 พฤศจิกายน 2026", date(2026, 11, 24)),  # a C.E. year with a Thai month
        ("1 กพ 2570", date(2027, 2, 1)),
        ("1 ก.พ. 2570", date(2027, 2, 1)),
        ("15 Mar 2027", date(2027, 3, 15)),
        ("15 mar 2027", date(2027, 3, 15)),
        ("15 Mar, 2027", date(2027, 3, 15)),
        # ISO
        ("2027-03-15", date(2027, 3, 15)),
        ("2027-3-5", date(2027, 3, 5)),
        ("2027-03-15T10:30:00", date(2027, 3, 15)),
        ("2027-03-15 10:30", date(2027, 3, 15)),
        ("๒๐๒๗-๐๓-๑๕", date(2027, 3, 15)),
        ("2570-03-15", date(2027, 3, 15)),  # ISO shape with a B.E. year
    ],
)
def test_parse_date_text(value, expected):
    assert thai.parse_date(value) == expected


@pytest.mark.parametrize("month", range(1, 13))
def test_parse_date_every_thai_month(month):
    full, abbr = thai.MONTHS_FULL[month - 1], thai.MONTHS_ABBR[month - 1]
    assert thai.parse_date(f"1 {full} 2570") == date(2027, month, 1)
    assert thai.parse_date(f"1 {abbr} 2570") == date(2027, month, 1)
    assert thai.parse_date(f"1 {abbr.replace('.', '')} 2570") == date(2027, month, 1)


def test_parse_date_real_cells():
    assert thai.parse_date(date(2027, 3, 15)) == date(2027, 3, 15)
    result = thai.parse_date(datetime(2027, 3, 15, 23, 59))
    assert result == date(2027, 3, 15)
    assert type(result) is date  # a datetime cell becomes a plain date


@pytest.mark.parametrize(("cell", "expected"), [
    (datetime(2570, 3, 15), date(2027, 3, 15)),  # 15/3/2570 typed, stored as a Western date of year 2570
    (date(2570, 3, 15), date(2027, 3, 15)),
    (datetime(2569, 10, 1, 8, 30), date(2026, 10, 1)),
    # Google stores the same typing as a serial number in year 2570: read as B.E. too.
    ((date(2570, 3, 15) - date(1899, 12, 30)).days, date(2027, 3, 15)),
    (float((date(2543, 1, 1) - date(1899, 12, 30)).days), date(2000, 1, 1)),
])
def test_a_date_cell_in_a_be_year_is_read_as_be(cell, expected):
    assert thai.parse_date(cell) == expected


def test_a_be_date_cell_that_does_not_exist_in_its_ce_year_is_refused():
    # 29/2/2568 exists as a Western date (2568 is a leap year) but 2025 is not leap.
    assert_rejected(thai.parse_date, datetime(2568, 2, 29), "invalid-date", message=problems.expectation("real-date"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Day 0 is 1899-12-30. 2000-01-01 is 36526: 2 days to 1900-01-01, then 100 years with 24 leap
        # days (1904..1996; 1900 is not leap) = 36524. 46477 - 36526 = 9951 days after 2000-01-01;
        # 2000-01-01 -> 2027-01-01 is 27 x 365 + 7 leap days (2000..2024) = 9862; 9951 - 9862 = 89 days
        # into 2027: 31 (Jan) + 28 (Feb) = 59, 89 - 59 = 30 days after 1 Mar -> 31 Mar 2027.
        (46477, date(2027, 3, 31)),
        (46477.0, date(2027, 3, 31)),
        (46477.75, date(2027, 3, 31)),  # a date-time serial: the time of day is dropped
        ("46477", date(2027, 3, 31)),
        ("๔๖๔๗๗", date(2027, 3, 31)),
        # 2026-11-24: 36526 + 9497 (2000..2025: 26 x 365 + 7) + 327 (Jan..Oct = 304, + 23) = 46350
        (46350, date(2026, 11, 24)),
        (36526, date(2000, 1, 1)),  # the first day of the window
        # 2099-12-31: 2100-01-01 is 36526 + 100 x 365 + 25 leap days (2000..2096) = 73051, less one
        (73050, date(2099, 12, 31)),  # the last day of the window
    ],
)
def test_parse_date_serial(value, expected):
    assert thai.parse_date(value) == expected


def test_serial_round_trip_and_window():
    assert thai.date_to_serial(date(2027, 3, 31)) == 46477
    assert thai.date_to_serial(date(1899, 12, 30)) == 0
    assert thai.serial_to_date(46350) == date(2026, 11, 24)
    for serial in (36525, 73051, 85, 0, -1):  # outside 2000-01-01 .. 2099-12-31
        assert_rejected(thai.serial_to_date, serial, "invalid-date", message=problems.expectation("date"))


@pytest.mark.parametrize("value", ["31/2/2570", "29/2/2570", "31 เม.ย. 2570", "2027-13-01", "0/3/2570", "32/1/2027",
                                   "2027-02-30"])
def test_parse_date_rejects_impossible(value):
    # 29/2/2570: 2570 - 543 = 2027 is not a leap year; April has 30 days.
    assert_rejected(thai.parse_date, value, "invalid-date", message=problems.expectation("real-date"))


@pytest.mark.parametrize("value", ["3/3/70", "3-3-70", "15 มี.ค. 70", "๓/๓/๗๐", "1 มีนาคม 27"])
def test_parse_date_rejects_two_digit_year(value):
    assert_rejected(thai.parse_date, value, "ambiguous-date", message=problems.expectation("four-digit-year"))


@pytest.mark.parametrize("value", ["1/1/2300", "1/1/2800", "1/1/1800", "1/1/257", "1 มีนาคม 257", "1 มีนาคม 3000",
                                   "2300-01-01"])
def test_parse_date_rejects_year_neither_be_nor_ce(value):
    # C.E. years are 1900-2200, B.E. years 2443-2743 (1900-2200 + 543); 2300 is in neither.
    assert_rejected(thai.parse_date, value, "invalid-date", message=problems.expectation("be-or-ce-year"))


@pytest.mark.parametrize("value", ["1 ฟอ 2570", "1 เดือนสาม 2570", "1 มีนาค 2570", "1 Foo 2027"])
def test_parse_date_rejects_unknown_month(value):
    assert_rejected(thai.parse_date, value, "invalid-date", message=problems.expectation("known-month"))


@pytest.mark.parametrize("value", ["เมื่อวาน", "ไม่ทราบ", "", "15 มีนาคม", "มีนาคม 2570", True])
def test_parse_date_rejects_text(value):
    assert_rejected(thai.parse_date, value, "type-error", message=problems.expectation("date"))


@pytest.mark.parametrize("value", [85, 2570, "2570", 4.5])
def test_parse_date_rejects_numbers_outside_serial_window(value):
    # a stray count, score or bare year is not read as a date
    assert_rejected(thai.parse_date, value, "invalid-date")


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2570, 2027), (2027, 2027), (2443, 1900), (2743, 2200), (1900, 1900), (2200, 2200), (2569, 2026)],
)
def test_year_to_ce(year, expected):
    assert thai.year_to_ce(year) == expected


@pytest.mark.parametrize(("year", "code"), [(70, "ambiguous-date"), (99, "ambiguous-date"), (0, "ambiguous-date"),
                                            (1899, "invalid-date"), (2201, "invalid-date"), (2442, "invalid-date"),
                                            (2744, "invalid-date"), (257, "invalid-date")])
def test_year_to_ce_rejects(year, code):
    assert_rejected(thai.year_to_ce, year, code)


@pytest.mark.parametrize(
    ("style", "thai_digits", "expected"),
    [
        ("long", True, "๒๔ พฤศจิกายน ๒๕๖๙"),  # 2026 + 543 = 2569
        ("short", True, "๒๔ พ.ย. ๒๕๖๙"),
        ("numeric", True, "๒๔/๑๑/๒๕๖๙"),
        ("long", False, "24 พฤศจิกายน 2569"),
        ("short", False, "24 พ.ย. 2569"),
        ("numeric", False, "24/11/2569"),
    ],
)
def test_format_date(style, thai_digits, expected):
    assert thai.format_date(date(2026, 11, 24), style, thai_digits) == expected


def test_format_date_defaults_and_single_digits():
    assert thai.format_date(date(2026, 11, 24)) == "๒๔ พฤศจิกายน ๒๕๖๙"
    assert thai.format_date(date(2027, 3, 1), "short") == "๑ มี.ค. ๒๕๗๐"
    assert thai.format_date(date(2027, 3, 1), "numeric", thai_digits=False) == "1/3/2570"


def test_format_date_unknown_style():
    with pytest.raises(ValueError, match="iso"):
        thai.format_date(date(2026, 11, 24), "iso")


# --- fiscal year --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 9, 30), 2570),  # the last day of FY 2570
        (date(2026, 10, 1), 2570),  # the first day of FY 2570
        (date(2026, 9, 30), 2569),
        (date(2027, 10, 1), 2571),
        (date(2027, 1, 1), 2570),
        (date(2026, 12, 31), 2570),
        (date(2026, 11, 24), 2570),
    ],
)
def test_fiscal_year_of(day, expected):
    assert thai.fiscal_year_of(day) == expected


def test_fiscal_year_bounds():
    assert thai.fiscal_year_bounds(2570) == (date(2026, 10, 1), date(2027, 9, 30))
    assert thai.fiscal_year_bounds(2569) == (date(2025, 10, 1), date(2026, 9, 30))


def test_be_ce_conversion():
    assert thai.be_year(2027) == 2570
    assert thai.ce_year(2570) == 2027
    assert thai.be_year(2026) == 2569
    assert thai.BE_OFFSET == 543


# --- properties ---------------------------------------------------------------------------------

DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(DATES, st.sampled_from(["long", "short", "numeric"]), st.booleans())
def test_format_date_then_parse_gives_the_date_back(day, style, thai_digits):
    assert thai.parse_date(thai.format_date(day, style, thai_digits)) == day


@given(DATES)
def test_serial_round_trip(day):
    assert thai.parse_date(thai.date_to_serial(day)) == day


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)))
def test_fiscal_year_contains_its_days(day):
    start, end = thai.fiscal_year_bounds(thai.fiscal_year_of(day))
    assert start <= day <= end
    assert (start.month, start.day, end.month, end.day) == (10, 1, 9, 30)


@given(st.integers(min_value=1900, max_value=2200))
def test_be_ce_round_trip(ce):
    assert thai.ce_year(thai.be_year(ce)) == ce
    assert thai.year_to_ce(thai.be_year(ce)) == ce
    assert thai.year_to_ce(ce) == ce


PERCENT_SHAPES = st.sampled_from(["{}", "ร้อยละ {}", "ร้อยละ{}", "{}%", "{} %", " {} "])


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(min_value=0, max_value=4),
       PERCENT_SHAPES)
def test_formatted_float_parses_back(value, decimals, shape):
    # "1,234,567.89" in Thai digits, with or without a percent word
    text = shape.format(thai.to_thai_digits(f"{value:,.{decimals}f}"))
    assert thai.parse_number(text) == float(f"{value:.{decimals}f}")


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_formatted_integer_parses_back(value):
    assert thai.parse_number(thai.to_thai_digits(f"{value:,}")) == float(value)


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(min_value=0, max_value=3),
       st.booleans())
def test_format_number_parses_back(value, decimals, thai_digits):
    expected = float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    assert thai.parse_number(thai.format_number(value, decimals, thai=thai_digits)) == expected


@given(st.sets(st.integers(min_value=1, max_value=9), min_size=1), st.sampled_from([",", ", ", " ", ";", " และ "]),
       st.booleans())
def test_criteria_list_round_trip(met, sep, thai_digits):
    text = sep.join(str(n) for n in sorted(met))
    if thai_digits:
        text = thai.to_thai_digits(text)
    assert thai.parse_criteria(text, 9) == frozenset(met)


# --- a number typed with its unit (issue 15): read by parse_amount, judged by units_match ----------

@pytest.mark.parametrize(
    ("value", "number", "unit"),
    [
        ("๓ วัน", 3.0, "วัน"),
        ("85 คน", 85.0, "คน"),
        ("85คน", 85.0, "คน"),
        ("12 แห่ง", 12.0, "แห่ง"),
        ("1,250 บาท", 1250.0, "บาท"),
        ("2.5 วัน/เรื่อง", 2.5, "วัน/เรื่อง"),
        ("ร้อยละ 85", 85.0, "ร้อยละ"),
        ("ร้อยละ๘๕.๕", 85.5, "ร้อยละ"),
        ("85%", 85.0, "%"),
        (" 85 % ", 85.0, "%"),
        ("85 เปอร์เซ็นต์", 85.0, "เปอร์เซ็นต์"),
        ("ร้อยละ 85 ของสถานศึกษา", 85.0, "ร้อยละ ของสถานศึกษา"),
        ("85", 85.0, ""),
        (85, 85.0, ""),
        (2.5, 2.5, ""),
        ("-5 วัน", -5.0, "วัน"),  # read; a negative result is the row's to refuse
    ],
)
def test_parse_amount_reads_the_number_and_the_unit_after_it(value, number, unit):
    assert thai.parse_amount(value) == thai.Amount(number, unit)


@pytest.mark.parametrize("value", ["ประมาณ 80", "คน 85", "85 คน จาก 90 คน", "1,25 คน", "85..5 วัน", "แปดสิบห้า",
                                   "ชั้น ม.6", "", None, True])
def test_parse_amount_refuses_what_is_not_one_number_and_its_unit(value):
    assert_rejected(thai.parse_amount, value, "type-error", message=problems.expectation("amount"))


def test_parse_amount_refuses_huge_numbers_as_parse_number_does():
    assert_rejected(thai.parse_amount, "9" * 400 + " คน", "out-of-range")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("วัน", "วัน"),
        (" วัน ", "วัน"),
        ("วัน", "วันเฉลี่ยที่ใช้ให้บริการต่อเรื่อง"),  # the indicator's descriptive unit in standards.yaml
        ("วัน/เรื่อง", "วันเฉลี่ยที่ใช้ให้บริการต่อเรื่อง"),
        ("ครั้งต่อปี", "ครั้ง"),
        ("%", "ร้อยละ"),
        ("เปอร์เซ็นต์", "ร้อยละ"),
        ("ร้อยละ", "%"),
        ("%", "ร้อยละของงบประมาณที่เบิกจ่าย"),
        ("ร้อยละ ของสถานศึกษา", "ร้อยละของสถานศึกษาที่ผ่านเกณฑ์"),
        ("", "คน"),  # no unit typed
        ("คน", ""),  # none expected
    ],
)
def test_units_match_leniently(typed, expected):
    assert thai.units_match(typed, expected)


@pytest.mark.parametrize(("typed", "expected"), [("วัน", "คน"), ("%", "คน"), ("คน", "ร้อยละ"), ("แห่ง", "โรงเรียน"),
                                                 ("ร้อยละของงบประมาณ", "ร้อยละของสถานศึกษาที่ผ่านเกณฑ์")])
def test_units_that_differ_do_not_match(typed, expected):
    assert not thai.units_match(typed, expected)


def test_parse_number_still_refuses_a_unit_that_is_not_a_percent():
    assert_rejected(thai.parse_number, "๓ วัน", "type-error", message=problems.expectation("number"))
    assert thai.parse_number("ร้อยละ 85") == thai.parse_number("85 เปอร์เซ็นต์") == 85.0
