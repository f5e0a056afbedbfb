"""Thai input as people really type it, and Thai output as official papers want it.

Parsing is strict: a value is accepted only when its meaning is certain. An impossible date, a
two-digit year or a year that is neither plausibly B.E. nor C.E. is rejected with a Thai message,
never guessed. The date grammar is our own (a few regular expressions) rather than dateutil's: no
general parser knows Thai month abbreviations ("มี.ค."), B.E. years or the rule "never guess", and
bending one to these rules would be longer than the rules themselves.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import NamedTuple

from sheetsync.core import problems, vocab

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

BE_OFFSET = 543
# Serial numbers as spreadsheets count days: day 0 is 1899-12-30 (Excel's 1900 system, which Google
# Sheets follows too). The window keeps a stray count or score from being read as a date.
SERIAL_EPOCH = date(1899, 12, 30)
SERIAL_MIN, SERIAL_MAX = 36526, 73050  # 2000-01-01 .. 2099-12-31
BE_SERIAL_SHIFT = 198327  # days from 2000-01-01 to 2543-01-01: the same dates read with a B.E. year
CE_RANGE = range(1900, 2201)
BE_RANGE = range(2443, 2744)


class ParseError(ValueError):
    """A cell value that cannot be read: `code` is the catalogue's problem (core.problems), `expectation`
    the key of what the value broke, and `message` that expectation in Thai (read after a column label)."""

    def __init__(self, code: str, expectation: str, /, **values: object) -> None:
        problems.problem(code)  # an unknown code fails here, where it is raised
        message = problems.expectation(expectation, **values)
        super().__init__(message)
        self.code = code
        self.expectation = expectation
        self.message = message


# --- digits and numbers -------------------------------------------------------------------------

def to_arabic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: object) -> str:
    return str(text).translate(_TO_THAI)


# Marks written above or below a letter (Thai vowels and tone marks, combining accents): no width.
_COMBINING = re.compile("[\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def display_width(text: str) -> int:
    """How many characters wide a text shows: Thai marks above and below a letter take no width."""
    return len(text) - len(_COMBINING.findall(text))


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- one normal form for Thai text -------------------------------------------------------------
#
# The same Thai word can be typed as different code point sequences that look the same on screen, and
# a header, a code prefix or a level name must be found however it was typed:
# - Unicode NFC (canonical order of the below-vowel and tone marks, composed Latin accents);
# - SARA AM typed as NIKHAHIT + SARA AA ("ํา" for "ำ"), also with the tone mark between them or after
#   the NIKHAHIT ("น้ํา", "นํ้า" for "น้ำ");
# - a tone mark or THANTHAKHAT typed before the above-vowel it sits on ("ท่ี" for "ที่"): NFC does not
#   reorder these, as Unicode gives the above-vowels combining class 0;
# - SARA E typed twice for SARA AE ("เเ" for "แ"), which no Thai word spells;
# - zero-width characters pasted from web pages (ZERO WIDTH SPACE is a Thai word separator there).
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_TONE_MARKS = "\u0e48-\u0e4c"  # MAI EK .. MAI CHATTAWA, THANTHAKHAT
_ABOVE_VOWELS = "\u0e31\u0e34-\u0e37\u0e47"  # MAI HAN-AKAT, SARA I .. SARA UEE, MAITAIKHU
_MARK_BEFORE_VOWEL = re.compile(f"([{_TONE_MARKS}]+)([{_ABOVE_VOWELS}])")
_NIKHAHIT_TONE_AA = re.compile(f"\u0e4d([{_TONE_MARKS}]?)\u0e32")
_THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e37\u0e40\u0e47-\u0e4d]")  # what the rules below look at


def thai_normal_form(text: str) -> str:
    """`text` in the one form Thai text is compared in (see above); text without Thai is only NFC'd."""
    if text.isascii():  # NFC already, and none of the characters above: most codes, numbers and dates
        return text
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    if not _THAI_MARKS.search(text):
        return text
    text = _NIKHAHIT_TONE_AA.sub(lambda m: m.group(1) + "\u0e33", text)
    text = _MARK_BEFORE_VOWEL.sub(lambda m: m.group(2) + m.group(1), text)
    return text.replace("\u0e40\u0e40", "\u0e41")


def int_text(value: int) -> str:
    """An integer's digits, however many: str() refuses more than Python's int_max_str_digits (4,300)."""
    try:
        return str(value)
    except ValueError:
        return str(Decimal(value))  # converted from the integer's binary form, not through str()


def normalize_text(value: object) -> str:
    """Text of a cell as it is compared: the Thai normal form (thai_normal_form), Thai digits made
    Arabic and inner whitespace collapsed. A whole float reads as the integer ("85.0" is "85")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = int_text(value) if isinstance(value, int) and not isinstance(value, bool) else str(value)
    if text.isascii():  # no Thai digit, nothing to normalise (thai_normal_form): only the spaces
        return " ".join(text.split())
    return " ".join(to_arabic_digits(thai_normal_form(text)).split())


_PERCENT_WORDS = ("ร้อยละ", "เปอร์เซ็นต์", "เปอร์เซ็น", "%")
_NUMBER_RE = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")


# A number a cell may hold: at most 15 integer digits, which a float keeps exactly. Anything larger (a
# run of digits typed by mistake, 1E+308, infinity) is refused as out of range, never rounded: Python
# cannot even print an integer of more than 4,300 digits, and a float overflows to infinity at 309.
NUMBER_DIGITS = 15
NUMBER_MAX = 10.0 ** NUMBER_DIGITS


def _sane(number: float) -> float:
    if not math.isfinite(number) or abs(number) >= NUMBER_MAX:
        raise ParseError("out-of-range", "number-size", digits=NUMBER_DIGITS)
    return number


def parse_number(value: object) -> float:
    """A number from a cell: 85, "85.5", "๘๕.๕", "1,250", "ร้อยละ 85", "85%", " 85 % ".

    A number of more than NUMBER_DIGITS integer digits (1E+20, a run of 400 nines, which float() would
    read as infinity) is refused as out-of-range; infinity and NaN are no number (type-error). A unit
    other than a percent ("85 คน") is no number here: `parse_amount` reads one, for a caller that knows
    which unit to expect."""
    try:
        amount = parse_amount(value)
    except ParseError as exc:
        if exc.expectation == "amount":  # no unit may follow here: say so without offering one
            raise ParseError("type-error", "number") from None
        raise
    if amount.unit and unit_key(amount.unit) != PERCENT_KEY:
        raise ParseError("type-error", "number")
    return amount.number


class Amount(NamedTuple):
    number: float
    unit: str  # the unit typed with the number ("วัน", "ร้อยละ", "%"), in the Thai normal form; "" for none


PERCENT_KEY = "%"  # how every percent word compares (unit_key)
_PERCENT_RE = re.compile("|".join(map(re.escape, _PERCENT_WORDS)))
# ร้อยละ (or %) may come first, as Thai writes it; any other unit comes after the number, and holds no digit
# (a second number in the cell, "85 คน จาก 90 คน", is no amount: which one counts would be a guess).
_AMOUNT_RE = re.compile(rf"(?P<before>{_PERCENT_RE.pattern})?\s*(?P<number>{_NUMBER_RE.pattern})\s*(?P<unit>[^\d.,+\-]\D*)?")


def parse_amount(value: object) -> Amount:
    """A number from a cell with the unit typed after it, if any: "๓ วัน", "85 คน", "12 แห่ง", "2.5 วัน/เรื่อง",
    "ร้อยละ 85", "85%" (a number cell has no unit). The caller judges the unit (`units_match`); the number is
    refused as parse_number refuses it."""
    if isinstance(value, bool):
        raise ParseError("type-error", "amount")
    if isinstance(value, int):
        if abs(value) >= NUMBER_MAX:  # compared as an integer: float() of a huge one overflows
            raise ParseError("out-of-range", "number-size", digits=NUMBER_DIGITS)
        return Amount(float(value), "")
    if isinstance(value, float):
        if not math.isfinite(value):  # no one types infinity: a sheet's error value that came through
            raise ParseError("type-error", "amount")
        return Amount(_sane(value), "")
    text = normalize_text(value)
    m = _AMOUNT_RE.fullmatch(text)
    if not m:
        raise ParseError("type-error", "amount")
    number = m.group("number")
    whole = number.replace(",", "").lstrip("+-").split(".")[0].lstrip("0")
    if len(whole) > NUMBER_DIGITS:  # refused before float(): "9" * 400 would read as infinity
        raise ParseError("out-of-range", "number-size", digits=NUMBER_DIGITS)
    unit = " ".join(part for part in (m.group("before"), (m.group("unit") or "").strip()) if part)
    return Amount(_sane(float(number.replace(",", ""))), unit)


def unit_key(unit: str) -> str:
    """A unit as units compare: the Thai normal form, no spaces, lower case, and ร้อยละ, เปอร์เซ็นต์ and % one
    and the same ("ร้อยละของสถานศึกษา" is "%ของสถานศึกษา")."""
    text = "".join(thai_normal_form(unit).split()).lower()
    text = _PERCENT_RE.sub(PERCENT_KEY, text)
    return re.sub(f"{re.escape(PERCENT_KEY)}+", PERCENT_KEY, text)


def units_match(typed: str, expected: str) -> bool:
    """A unit typed with a number is the unit expected, read leniently: either one starts with the other
    ("วัน" and "วันเฉลี่ยที่ใช้ให้บริการต่อเรื่อง", "%" and "ร้อยละของงบประมาณที่เบิกจ่าย", "ครั้งต่อปี" and
    "ครั้ง"), also by the part before a "/" ("วัน/เรื่อง"). No unit typed, or none expected, always matches."""
    a, b = unit_key(typed), unit_key(expected)
    if not a or not b:
        return True
    return any(head and (b.startswith(head) or head.startswith(b)) for head in (a, a.split("/")[0]))


def round2(value: float) -> float:
    """Round half up to 2 decimals, as people round by hand (not banker's rounding)."""
    if not math.isfinite(value) or abs(value) >= 2**52 or float(value).is_integer():
        return float(value)  # no hundredths to round: a whole number (the mean of one level, most of them)
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def format_number(value: float, decimals: int = 2, thai: bool = True) -> str:
    """85.0 -> "๘๕", 85.456 -> "๘๕.๔๖", 1250 -> "๑,๒๕๐". Any finite float, however large (the context
    holds all its digits; the default one would refuse to round past 28); infinity is "∞", NaN "-"."""
    value = float(value)
    if math.isnan(value):
        return "-"
    if math.isinf(value):
        return "-∞" if value < 0 else "∞"
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP,
                                            context=Context(prec=400))
    text = f"{rounded:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return to_thai_digits(text) if thai else text


# --- yes/no and criteria lists ------------------------------------------------------------------

_TRUE_WORDS = {"ผ่าน", "ใช่", "มี", "true", "yes", "y", "1", "✓", "✔", "☑", "/", "x", "ทั้งหมด", "ครบ", "ครบทุกข้อ", "ผ่านทุกข้อ"}
_FALSE_WORDS = {"ไม่ผ่าน", "ไม่ใช่", "ไม่มี", "false", "no", "n", "0", "✗", "✘", "☐", "-"}


def parse_bool(value: object) -> bool:
    """A check mark or yes/no word: ✓, ผ่าน, ใช่, TRUE, 1 / ✗, ไม่ผ่าน, FALSE, 0."""
    if isinstance(value, bool):
        return value
    text = normalize_text(value).lower()
    if text in _TRUE_WORDS:
        return True
    if text in _FALSE_WORDS:
        return False
    raise ParseError("type-error", "bool")


CRITERIA_PREFIX = r"ประเด็นที่|ประเด็น|ข้อที่|ข้อ"  # what people type before a criterion's number
_CRITERIA_PREFIX_RE = re.compile(CRITERIA_PREFIX)
_CRITERIA_SPLIT_RE = re.compile(r"\s*(?:,|;|/|และ|\s)\s*")
_CRITERIA_PART_RE = re.compile(r"(\d+)-(\d+)|(\d+)")
_CRITERION_DIGITS = 6  # a criterion number longer than this is out of range, whatever the indicator


def parse_criteria(value: object, count: int) -> frozenset[int]:
    """Which numbered criteria are met, out of `count`.

    "1,2,4", "๑ ๒ ๔", "ข้อ 1, 2", "1-3", a single number; a check mark, ผ่าน or ทั้งหมด means all
    are met; ไม่ผ่าน, ไม่มี, - or 0 means none."""
    if isinstance(value, bool):
        return frozenset(range(1, count + 1)) if value else frozenset()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = normalize_text(value)
    # a lone "1" is criterion 1, not the yes-word "1"; the words as parse_bool reads them, looked up here
    # rather than through its ParseError (a Thai message built for each list of numbers)
    word = text.lower()
    if text != "1" and word in _TRUE_WORDS:
        return frozenset(range(1, count + 1))
    if text != "1" and word in _FALSE_WORDS:
        return frozenset()
    body = re.sub(r"\s*-\s*", "-", _CRITERIA_PREFIX_RE.sub(" ", text)).strip()
    parts = [p for p in _CRITERIA_SPLIT_RE.split(body) if p]
    if not parts:
        raise ParseError("type-error", "criteria")
    met: set[int] = set()
    for part in parts:
        m = _CRITERIA_PART_RE.fullmatch(part)
        if not m:
            raise ParseError("type-error", "criteria")
        if any(len(g.lstrip("0")) > _CRITERION_DIGITS for g in m.groups() if g):
            # no indicator has that many criteria; and int() refuses more than 4,300 digits
            raise ParseError("out-of-range", "criteria-range", count=count)
        lo, hi = (int(m.group(3)),) * 2 if m.group(3) else (int(m.group(1)), int(m.group(2)))
        if lo > hi:
            raise ParseError("type-error", "criteria")
        if lo < 1 or hi > count:
            raise ParseError("out-of-range", "criteria-range", count=count)
        met.update(range(lo, hi + 1))
    return frozenset(met)


# --- dates --------------------------------------------------------------------------------------

MONTHS_FULL = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _month_lookup() -> dict[str, int]:
    table: dict[str, int] = {}
    for i, (full, abbr) in enumerate(zip(MONTHS_FULL, MONTHS_ABBR, strict=True), start=1):
        table[full] = i
        table[abbr] = i
        table[abbr.replace(".", "")] = i  # "มีค" typed without the dots
        table[abbr.replace(".", ". ").strip()] = i
        table[_EN_MONTHS[i - 1]] = i
    table["กพ"] = 2
    return table


_MONTHS = _month_lookup()
_NUMERIC_DATE_RE = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{2,4})")
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_SERIAL_TEXT_RE = re.compile(r"\d+(\.\d+)?")
_WORD_DATE_RE = re.compile(
    r"(?:วันที่\s*)?(\d{1,2})\s*([^\d\s,]+?(?:\s?[^\d\s,]+?)?)\s*,?\s*(?:พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)?\s*(\d{2,4})"
)


def year_to_ce(year: int) -> int:
    """A written year as C.E.: B.E. years (2443-2743) lose 543, C.E. years stay; others are refused."""
    if year in BE_RANGE:
        return year - BE_OFFSET
    if year in CE_RANGE:
        return year
    if year < 100:
        raise ParseError("ambiguous-date", "four-digit-year")
    raise ParseError("invalid-date", "be-or-ce-year")


def _make_date(year: int, month: int, day: int) -> date:
    ce = year_to_ce(year)
    try:
        return date(ce, month, day)
    except ValueError as exc:
        raise ParseError("invalid-date", "real-date") from exc


def serial_to_date(serial: float) -> date:
    if SERIAL_MIN <= serial <= SERIAL_MAX:
        return SERIAL_EPOCH + timedelta(days=int(serial))
    if SERIAL_MIN + BE_SERIAL_SHIFT <= serial <= SERIAL_MAX + BE_SERIAL_SHIFT:
        # A date typed as 15/3/2570 that the spreadsheet took for a Western date: its year is B.E.
        return be_date_to_ce(SERIAL_EPOCH + timedelta(days=int(serial)))
    raise ParseError("invalid-date", "date")


def be_date_to_ce(day: date) -> date:
    """A date cell whose year is B.E. (above 2400, as README says), as the real date; a day that does
    not exist in the C.E. year (29 February of a year that is not leap) is refused."""
    if day.year not in BE_RANGE:
        return day
    try:
        return day.replace(year=day.year - BE_OFFSET)
    except ValueError as exc:
        raise ParseError("invalid-date", "real-date") from exc


def _serial(value: object) -> float:
    """A serial number as a float; one too large for a float is no date (refused as such)."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:
        raise ParseError("invalid-date", "date") from None
    if not math.isfinite(number):
        raise ParseError("invalid-date", "date")
    return number


def date_to_serial(day: date) -> int:
    return (day - SERIAL_EPOCH).days


def parse_date(value: object) -> date:
    """A date from a cell: a real date cell, a sheet serial number, ISO "2027-03-15",
    "15/3/2570", "15-03-2027", "๑๕ มี.ค. ๒๕๗๐", "15 มีนาคม 2570", "15 มี.ค. 70" is refused."""
    if isinstance(value, datetime):
        return be_date_to_ce(value.date())
    if isinstance(value, date):
        return be_date_to_ce(value)
    if isinstance(value, bool):
        raise ParseError("type-error", "date")
    if isinstance(value, int | float):
        return serial_to_date(_serial(value))
    text = normalize_text(value)
    if _SERIAL_TEXT_RE.fullmatch(text):
        return serial_to_date(_serial(text))
    m = _ISO_DATE_RE.fullmatch(text)
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC_DATE_RE.fullmatch(text)
    if m:
        day, month, year = int(m.group(1)), int(m.group(3)), m.group(4)
        if len(year) == 3:
            raise ParseError("invalid-date", "be-or-ce-year")
        return _make_date(int(year), month, day)
    m = _WORD_DATE_RE.fullmatch(text)
    if m:
        month_word = m.group(2).strip().lower().replace(" ", "")
        named = _MONTHS.get(month_word) or _MONTHS.get(m.group(2).strip().lower())
        if named is None:
            raise ParseError("invalid-date", "known-month")
        year = m.group(3)
        if len(year) == 3:
            raise ParseError("invalid-date", "be-or-ce-year")
        return _make_date(int(year), named, int(m.group(1)))
    raise ParseError("type-error", "date")


def format_date(day: date, style: str = "long", thai_digits: bool = True) -> str:
    """"long": ๒๔ พฤศจิกายน ๒๕๖๙; "short": ๒๔ พ.ย. ๒๕๖๙; "numeric": ๒๔/๑๑/๒๕๖๙."""
    year = day.year + BE_OFFSET
    if style == "long":
        text = f"{day.day} {MONTHS_FULL[day.month - 1]} {year}"
    elif style == "short":
        text = f"{day.day} {MONTHS_ABBR[day.month - 1]} {year}"
    elif style == "numeric":
        text = f"{day.day}/{day.month}/{year}"
    else:
        raise ValueError(f"unknown date style {style!r}")
    return to_thai_digits(text) if thai_digits else text


def format_moment(moment: datetime, thai_digits: bool = True) -> str:
    """A moment as a sentence names it: ๕ เม.ย. ๒๕๗๐ ๐๑:๓๐ น. (in the moment's own timezone: the caller
    converts it to the office's first)."""
    text = vocab.MOMENT.format(date=format_date(moment.date(), "short", thai_digits=False), time=moment.strftime("%H:%M"))
    return to_thai_digits(text) if thai_digits else text


# --- fiscal year --------------------------------------------------------------------------------

def be_year(ce: int) -> int:
    return ce + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def fiscal_year_of(day: date) -> int:
    """The B.E. fiscal year a day belongs to: it runs 1 Oct - 30 Sep and is named by the year it ends."""
    return be_year(day.year + 1 if day.month >= 10 else day.year)


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[date, date]:
    end_ce = ce_year(fiscal_year_be)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)
