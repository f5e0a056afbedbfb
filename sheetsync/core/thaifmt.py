"""Thai formatting for documents, in one place: the Jinja filters of the templates and the DOCX writer.

Official papers write every number and date the office produces in Thai numerals with Buddhist-era
years ("๒๔ พฤศจิกายน ๒๕๖๙"). Text that a group typed is shown as typed: a URL, a register number or
a code in someone's cell must not be rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from markupsafe import Markup, escape

from sheetsync.core import docvocab, thai, vocab

MONTHS_FULL = thai.MONTHS_FULL


def digits(value: object) -> str:
    """Arabic digits as Thai digits: 2570 -> ๒๕๗๐, "1.1" -> "๑.๑"."""
    return "" if value is None else thai.to_thai_digits(value)


def number(value: float | int | None, decimals: int = 2, empty: str = "-") -> str:
    """A number in Thai digits, trailing zeros dropped: 85.0 -> ๘๕, 1250 -> ๑,๒๕๐, 97.368 -> ๙๗.๓๗."""
    if value is None:
        return empty
    return thai.format_number(float(value), decimals)


def score(value: float | None, empty: str = "-") -> str:
    """A weighted mean as the reports show it: always two decimals, ๓.๘๗ or ๔.๐๐."""
    if value is None:
        return empty
    return thai.to_thai_digits(f"{thai.round2(value):.2f}")


def be_date(value: date | datetime | str | None, style: str = "long", empty: str = "") -> str:
    """"long" ๒๔ พฤศจิกายน ๒๕๖๙, "short" ๒๔ พ.ย. ๒๕๖๙, "numeric" ๒๔/๑๑/๒๕๖๙, "month" พฤศจิกายน ๒๕๖๙,
    "official" ๒๔ พฤศจิกายน พ.ศ. ๒๕๖๙ (the form of "สั่ง ณ วันที่"), "weekday" วันอังคารที่ ๒๔ พฤศจิกายน ๒๕๖๙
    (a meeting's day, as an invitation names it)."""
    if value is None or value == "":
        return empty
    day = date.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(day, datetime):
        day = day.date()
    if style == "month":
        return thai.to_thai_digits(f"{MONTHS_FULL[day.month - 1]} {thai.be_year(day.year)}")
    if style == "official":
        return thai.to_thai_digits(docvocab.FMT_DATE_OFFICIAL.format(day=day.day, month=MONTHS_FULL[day.month - 1],
                                                                     year=thai.be_year(day.year)))
    if style == "weekday":
        return docvocab.FMT_DATE_WEEKDAY.format(weekday=docvocab.FMT_WEEKDAYS[day.weekday()],
                                                date=thai.format_date(day, "long", thai_digits=True))
    return thai.format_date(day, style, thai_digits=True)


def fiscal_year(value: int | date) -> str:
    """The fiscal year as documents name it: ปีงบประมาณ พ.ศ. ๒๕๗๐ (from the B.E. year or a day in it)."""
    year = thai.fiscal_year_of(value) if isinstance(value, date) else value
    return docvocab.FMT_FISCAL_YEAR.format(year=digits(year))


def level_word(level: int | None, names: dict[int, str] | None = None, empty: str = "-") -> str:
    """A quality level as a word: 4 -> ดีมาก (the office's level names when given)."""
    if level is None:
        return empty
    return (names or vocab.DEFAULT_LEVEL_NAMES).get(int(level), digits(level))


def level(level: int | None, names: dict[int, str] | None = None, empty: str = "-") -> str:
    """A quality level as number and word: ๔ (ดีมาก)."""
    if level is None:
        return empty
    return f"{digits(level)} ({level_word(level, names)})"


def percent(value: float | None, empty: str = "-") -> str:
    """ร้อยละ ๙๗.๓๗."""
    return empty if value is None else docvocab.FMT_PERCENT.format(value=number(value))


_SPACE_BEFORE_NUMBER = re.compile(r"(?<=\S) (?=[0-9\u0e50-\u0e59])")
NBSP = "\u00a0"


def glue_numbers(text: str) -> str:
    """A number stays on the line of the word before it ("เขต ๑", "พ.ศ. ๒๕๗๐", "ที่ ๓๒๑/๒๕๖๙"), as Thai
    official papers are set: the space before a number becomes a no-break space."""
    return _SPACE_BEFORE_NUMBER.sub(NBSP, text)


# The compounds, and register numbers such as ๓๒๑/๒๕๖๙ (a line would otherwise break after the slash).
# A B.E. date ("๓๑ มี.ค. ๒๕๗๐", "๑๕ ตุลาคม ๒๕๖๙") and "พ.ศ. ๒๕๗๐" are kept whole as well (issue 19):
# a records officer never reads a date broken over two lines. glue_numbers has made the space before
# the year a no-break space by then.
_DIGIT = r"[0-9\u0e50-\u0e59]"
# Every month name, full and abbreviated, longest first (for a regex alternation; docxfile uses it too).
MONTH_PATTERN = "|".join(re.escape(m) for m in sorted((*thai.MONTHS_FULL, *thai.MONTHS_ABBR), key=len, reverse=True))
_MONTH = MONTH_PATTERN
_DATE = _DIGIT + r"{1,2}[ \u00a0](?:" + _MONTH + r")[ \u00a0]" + _DIGIT + "{4}"
_BE_YEAR = re.escape(docvocab.BE_ABBR) + r"[ \u00a0]" + _DIGIT + "{4}"
# A compound glued to the number after it ("ระดับ ๑": glue_numbers's no-break space) is one unit: an
# inline-block followed by glued text gives WeasyPrint no break before it, and the line overflows.
_COMPOUND = "(?:" + "|".join(sorted(map(re.escape, vocab.KEEP_TOGETHER), key=len, reverse=True)) + ")"
# A person's name, title + first name + surname ("นางวันเพ็ญ รักษ์ถิ่น"), is kept whole as well.
_THAI_WORD = r"[\u0e01-\u0e4e]+"
_NAME = ("(?:" + "|".join(re.escape(t) for t in sorted(docvocab.NAME_TITLES, key=len, reverse=True)) + ")"
         + _THAI_WORD + r"[ \u00a0]" + _THAI_WORD)
_KEEP_RE = re.compile("|".join([_DATE, _BE_YEAR, _NAME, f"{_DIGIT}+(?:/{_DIGIT}+)+",
                                 _COMPOUND + r"(?:\u00a0" + _DIGIT + "+(?:[.,/]" + _DIGIT + "+)*)?"]))


def keep_words_together(text: str) -> Markup:
    """The text, HTML-escaped, with the compounds that libthai's dictionary splits ("ตัว|บ่งชี้",
    "ดี|เยี่ยม") each in a `<span class="kw">`, which the PDF's CSS makes an inline-block: never broken
    inside, while a line may still break before or after it. Only for the PDF: Word and browsers break
    Thai with dictionaries of their own.

    Measured alternatives that do not work: a WORD JOINER inside the word (Pango's libthai breaking
    ignores it), a no-wrap span (takes away the break opportunities beside it too), and a zero-width
    space beside the span (Sarabun has no U+200B glyph, so Pango pulls in a fallback font for it)."""
    html = str(escape(glue_numbers(text)))
    if not _KEEP_RE.search(html):
        return Markup(html)
    return Markup(_KEEP_RE.sub(lambda m: f'<span class="kw">{m.group(0)}</span>', html))  # escaped above


FILTERS: dict[str, Callable[..., Any]] = {
    "thai_digits": digits,
    "thai_number": number,
    "thai_score": score,
    "be_date": be_date,
    "fiscal_year": fiscal_year,
    "level_word": level_word,
    "level": level,
    "percent": percent,
}
