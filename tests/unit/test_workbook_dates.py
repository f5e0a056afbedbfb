"""The fast read tells dates as openpyxl does without importing it (issue 16): which cell formats show a
date or a duration (xlsxparts.date_styles) and the date a serial number is (xlsxparts.serial_date),
held against openpyxl's own stylesheet reader and from_excel on every built-in format, custom formats
as offices write them, and serial numbers of every kind."""

from __future__ import annotations

import math
from typing import Any

import pytest
from openpyxl.styles.stylesheet import Stylesheet
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel
from openpyxl.xml.functions import fromstring

from sheetsync.backends import xlsxparts
from sheetsync.backends.xlsxparts import MAIN

CUSTOM = [
    "d/m/yyyy", "dd/mm/yyyy", "[$-th-TH]d mmmm yyyy", "[$-1070000]d/m/yyyy;@", "[$-101041E]d mmm yy", "B1d/m/yyyy",
    "yyyy-mm-dd hh:mm", "h:mm AM/PM", "[h]:mm:ss", "[H]:MM", "[mm]:ss.00", "[ss].0", "mm:ss", "hh:mm:ss.000",
    "0.00", "#,##0", '#,##0 "บาท"', '0 "days"', '"ปี" 0', "[Red]0.00", "[<0]0;0", "0.00%", "0.00E+00", "@", "General",
    "_d 0", "\\d0", "0;d", "d;0", '"d"', "[Blue]General", "[$฿-41E]#,##0.00", "[DBNum1][$-41E]0", "yy", "s",
    '[$-en-US]mmmm d, yyyy', "m/d/yy", "mmm-yy", "", "[hh]", "[mmm]", "x", "dd\\ mm", "General;[Red]-General",
    "[$-th-TH,107]d mmmm yyyy", '"วันที่ "d', 'd" ม.ค."',
]


def stylesheet(custom: list[str], builtin: range) -> bytes:
    formats = "".join(f'<numFmt numFmtId="{164 + i}" formatCode="{_attr(code)}"/>' for i, code in enumerate(custom))
    xfs = [f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" xfId="0"/>' for n in builtin]
    xfs += [f'<xf numFmtId="{164 + i}" fontId="0" fillId="0" borderId="0" xfId="0"/>' for i in range(len(custom))]
    xfs.append('<xf fontId="0"/>')  # no numFmtId: General
    return (f'<styleSheet xmlns="{MAIN}"><numFmts count="{len(custom)}">{formats}</numFmts>'
            '<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs></styleSheet>').encode()


def _attr(code: str) -> str:
    return code.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def openpyxls(xml: bytes) -> tuple[frozenset[int], frozenset[int]]:
    sheet: Any = Stylesheet.from_tree(fromstring(xml))
    return frozenset(sheet.date_formats), frozenset(sheet.timedelta_formats)


def test_every_format_is_a_date_where_openpyxl_says_so() -> None:
    xml = stylesheet(CUSTOM, range(0, 200))
    ours = xlsxparts.date_styles(xml)
    assert ours == openpyxls(xml)
    assert ours is not None and len(ours[0]) > 20 and len(ours[1]) >= 5  # the corpus has both kinds


def test_a_custom_format_over_a_built_in_id_is_read_as_custom() -> None:
    xml = stylesheet([], range(0, 3)).replace(b'<numFmts count="0"></numFmts>',
                                              b'<numFmts count="1"><numFmt numFmtId="14" formatCode="0.00"/>'
                                              b'<numFmt numFmtId="2" formatCode="d/m/yyyy"/></numFmts>')
    xml = xml.replace(b'<xf numFmtId="1"', b'<xf numFmtId="14"')
    assert xlsxparts.date_styles(xml) == openpyxls(xml) == (frozenset({2}), frozenset())


@pytest.mark.parametrize("xml", [b"<styleSheet/>", f'<styleSheet xmlns="{MAIN}"/>'.encode(), b"not xml",
                                 f'<styleSheet xmlns="{MAIN}"><cellXfs><xf numFmtId="x"/></cellXfs></styleSheet>'.encode()])
def test_a_stylesheet_it_cannot_index_is_left_to_openpyxl(xml: bytes) -> None:
    assert xlsxparts.date_styles(xml) is None


NUMBERS = [0, 0.5, 0.25, 0.999999, 0.9999999999, 1, 1.5, 2, 59, 59.5, 59.9999999, 60, 60.5, 61, 366, 1000.123456789,
           45000, 45000.75, 45000.0000001, 45000.9999999, 2958465, 2958465.99999, 36526.333333333336, -1, -0.5,
           3.14159, 1e-9, 123456.789]


@pytest.mark.parametrize("epoch", ["1900", "1904"])
@pytest.mark.parametrize("duration", [False, True])
def test_serial_numbers_become_what_openpyxl_makes_of_them(epoch: str, duration: bool) -> None:
    ours_epoch = xlsxparts.EPOCH_1900 if epoch == "1900" else xlsxparts.EPOCH_1904
    theirs_epoch = WINDOWS_EPOCH if epoch == "1900" else CALENDAR_MAC_1904
    assert ours_epoch == theirs_epoch
    for number in [*NUMBERS, 1e7, 1e12]:
        try:
            theirs: Any = from_excel(number, theirs_epoch, timedelta=duration)
        except (OverflowError, ValueError) as exc:
            with pytest.raises(type(exc)):
                xlsxparts.serial_date(number, ours_epoch, duration)
            continue
        ours = xlsxparts.serial_date(number, ours_epoch, duration)
        assert type(ours) is type(theirs) and ours == theirs, number
    assert not math.isnan(NUMBERS[0])
