"""The layout checks of `make docs-check` (tests/support/docs_check.py) on every PDF sheetsync writes for
the demo office: fonts, margins, page numbers from page 2, no name or date split over two lines. The
DOCX files' LibreOffice prints are checked in tests/e2e/test_docx_office.py; the PNG pages to look at
are `make docs-check`'s."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.docs_check import Report, check_pdf, names_of, render_all


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    office, pdfs, _ = render_all(tmp_path_factory.mktemp("docs-check"))
    return office, pdfs


def test_every_kind_is_rendered(rendered: tuple[Path, list[Path]]) -> None:
    _, pdfs = rendered
    stems = {p.stem.split("-")[0] for p in pdfs}
    assert {"memo", "order", "sar", "brief", "meeting", "briefing", "package"} <= stems


def test_every_pdf_passes_the_layout_checks(rendered: tuple[Path, list[Path]]) -> None:
    office, pdfs = rendered
    report = Report()
    for pdf in pdfs:
        check_pdf(pdf, report, names_of(office))
    assert report.failures == []
