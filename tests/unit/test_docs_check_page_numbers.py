"""docs-check's page-number rule: Thai digits at the top of every page but the first. A DOCX printed by
LibreOffice may give the right number in Arabic digits (LibreOffice 7.4 ignores the DOCX's thaiNumbers
format): that is reported as the known limit, never as passing a page with no number or the wrong one."""

from __future__ import annotations

from pathlib import Path

from tests.support.docs_check import (
    CM,
    LIBREOFFICE_ARABIC_PAGE_NUMBERS,
    Page,
    Report,
    Word,
    check_page_numbers,
)


def pages(*tops: str | None) -> list[Page]:
    """Pages 1..n; each with a body word, and `top` (when given) as the word in its top band."""
    out = []
    for n, top in enumerate(tops, start=1):
        words = [Word(n, 100, 10 * CM, 200, 10.5 * CM, "เนื้อความ")]
        if top is not None:
            words.append(Word(n, 290, 1.2 * CM, 300, 1.7 * CM, top))
        out.append(Page(n, 595, 842, tuple(words)))
    return out


def checked(doc: str, given: list[Page], libreoffice: bool) -> Report:
    report = Report()
    check_page_numbers(Path(doc), given, report, libreoffice)
    return report


def test_thai_page_numbers_pass_both_ways() -> None:
    for libreoffice in (False, True):
        report = checked("sar.pdf", pages(None, "๒", "- ๓ -"), libreoffice)
        assert (report.failures, report.known) == ([], [])


def test_arabic_digits_are_the_known_limit_of_a_libreoffice_print_only() -> None:
    report = checked("docx-sar.pdf", pages(None, "2", "3"), libreoffice=True)
    assert report.failures == []
    assert report.known == [f"docx-sar.pdf: {LIBREOFFICE_ARABIC_PAGE_NUMBERS}"]  # said once per document
    own = checked("sar.pdf", pages(None, "2", "3"), libreoffice=False)
    assert own.failures == ["sar.pdf: page 2: no page number ๒ at the top", "sar.pdf: page 3: no page number ๓ at the top"]


def test_a_missing_or_wrong_number_fails_even_in_a_libreoffice_print() -> None:
    report = checked("docx-memo.pdf", pages(None, None, "4"), libreoffice=True)
    assert report.failures == ["docx-memo.pdf: page 2: no page number ๒ at the top",
                               "docx-memo.pdf: page 3: no page number ๓ at the top"]
    first = checked("docx-memo.pdf", pages("1", "2"), libreoffice=True)
    assert first.failures == ["docx-memo.pdf: page 1 carries a page number"]
