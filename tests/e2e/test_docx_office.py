"""Issue 19, point 2: every document as DOCX that holds up in a real office program.

The demo office is built once (its round 6 closed, so the OBEC package has e-MES pages), every kind is
rendered as PDF and DOCX, and every DOCX (the package's SAR and e-MES pages too) is printed to PDF by
LibreOffice in one call (a conversion takes seconds; one LibreOffice start for all of them). Then, per
document: LibreOffice's page count is the PDF's (the SAR within one page), every bordered table repeats
its header row and no row splits, headings and signature blocks keep with what follows, no date and no
committee member's name is broken over two lines of LibreOffice's PDF (pdftotext -layout), page 1 has
no page number and page 2 has one, and the core properties name the office and the document.

Page numbers: the DOCX asks for Thai digits (w:pgNumType w:fmt="thaiNumbers"), which Word draws;
LibreOffice 7.4 does not map that format and prints 2, so its PDF is checked for a number, the DOCX for
the Thai format, and the WeasyPrint PDF for ๒.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sheetsync.cli.main import cli
from sheetsync.core import docvocab as v
from sheetsync.core import thai
from sheetsync.store.config import load_office
from tests.support.cli import DEMO_DAY, invoke
from tests.support.office import TIMEOUT_S, soffice
from tests.support.pdf import MEMBERS, docx_text, docx_xml

# One module fixture builds everything (about 40 s, most of it LibreOffice and WeasyPrint).
pytestmark = pytest.mark.xdist_group("docx_office")

KINDS = ("sar", "memo", "order", "brief", "meeting", "briefing")


@dataclass(frozen=True)
class Doc:
    kind: str
    name: str  # as the test reports it
    docx: Path
    pdf: Path  # WeasyPrint's
    lo: Path  # LibreOffice's print of the DOCX


@dataclass(frozen=True)
class Built:
    directory: Path
    docs: list[Doc]
    package: set[str]  # the names in the OBEC zip


def _convert_all(files: list[Path], outdir: Path) -> None:
    """Every file printed to PDF by LibreOffice in one start, with a profile of its own."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        env = {**os.environ, "HOME": profile}
        result = subprocess.run(
            [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo",
             "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
            capture_output=True, text=True, timeout=TIMEOUT_S, env=env)
    missing = [f.name for f in files if not (outdir / f"{f.stem}.pdf").exists()]
    assert result.returncode == 0 and not missing, (missing, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("docx-office")
    directory = root / "demo"
    runner = CliRunner()
    made = runner.invoke(cli, ["demo", str(directory), "--today", DEMO_DAY])
    assert made.exit_code == 0, made.output
    closed = invoke(runner, directory, "round", "close", "round6", "--yes", "--today", DEMO_DAY)
    assert closed.exit_code == 0, closed.output  # so that the package has e-MES pages
    out = root / "out"
    pairs: list[tuple[str, str, Path, Path]] = []
    for kind in KINDS:
        result = invoke(runner, directory, "report", kind, "--format", "pdf", "--format", "docx", "--out", str(out))
        assert result.exit_code == 0, result.output
        paths = [Path(line) for line in result.output.split() if line.endswith((".pdf", ".docx"))]
        assert {p.suffix for p in paths} == {".pdf", ".docx"}, (kind, paths)
        pairs += [(kind, p.stem, p, p.with_suffix(".pdf")) for p in paths if p.suffix == ".docx"]
    result = invoke(runner, directory, "report", "package", "--out", str(out))
    assert result.exit_code == 0, result.output
    unpacked = root / "package"
    with zipfile.ZipFile(out / "obec-package-2570.zip") as z:
        names = set(z.namelist())
        z.extractall(unpacked)
    for name in sorted(n for n in names if n.endswith(".docx")):
        path = unpacked / name
        pairs.append(("package", name, path, path.with_suffix(".pdf")))
    flat = root / "flat"  # e-MES/round6/1.1.docx and e-MES/round12/1.1.docx would print to one name
    flat.mkdir()
    copies = []
    for n, (_, _, path, _) in enumerate(pairs):
        copy = flat / f"{n:02d}-{path.name}"
        shutil.copyfile(path, copy)
        copies.append(copy)
    lo = root / "lo"
    _convert_all(copies, lo)
    docs = [Doc(kind, name, path, pdf, lo / f"{copy.stem}.pdf")
            for (kind, name, path, pdf), copy in zip(pairs, copies, strict=True)]
    return Built(directory, docs, names)


def pages(path: Path) -> int:
    return len(PdfReader(path).pages)


def layout_lines(path: Path, first: int | None = None, last: int | None = None) -> list[str]:
    """pdftotext -layout's lines, normalised as the checks compare them (see norm)."""
    args = ["pdftotext", "-layout"] + (["-f", str(first), "-l", str(last or first)] if first else [])
    text = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [norm(line) for line in text.splitlines()]


def norm(text: str) -> str:
    """Text as compared across a PDF's lines: no Thai marks (pdftotext places them apart from their
    letter, even on the next line), SARA AM as its AA, no-break spaces as spaces, runs of spaces as one."""
    text = text.replace("\u00a0", " ").replace("\u0e33", "\u0e32")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", text).strip()


# --- every document, in both formats ------------------------------------------------------------------

def test_every_kind_is_written_as_pdf_and_docx(built: Built) -> None:
    kinds = {d.kind for d in built.docs}
    assert kinds == {*KINDS, "package"}
    assert all(d.pdf.exists() and d.docx.exists() for d in built.docs)
    # the package carries the SAR's DOCX, and a DOCX beside each e-MES page
    assert {"sar-2570.pdf", "sar-2570.html", "sar-2570.docx"} <= built.package
    emes = {n for n in built.package if n.startswith("e-MES/")}
    pdfs = {n for n in emes if n.endswith(".pdf")}
    assert pdfs and {n.removesuffix(".pdf") + ".docx" for n in pdfs} == emes - pdfs


def test_libreoffice_paginates_each_docx_as_its_pdf(built: Built) -> None:
    counts = {d.name: (pages(d.pdf), pages(d.lo)) for d in built.docs}
    wrong = {name: c for name, c in counts.items()
             if (abs(c[0] - c[1]) > 1 if name.startswith("sar-") else c[0] != c[1])}
    assert not wrong, f"PDF vs LibreOffice pages: {wrong} (all: {counts})"
    # the assignment sheets: one page per group in both
    office = load_office(built.directory)
    sheets = next(d for d in built.docs if d.name.endswith("assignments"))
    assert pages(sheets.lo) == pages(sheets.pdf) == len(office.groups)


# --- tables, headings, signatures ----------------------------------------------------------------------

def test_header_rows_repeat_and_rows_never_split(built: Built) -> None:
    for d in built.docs:
        document = docx.Document(str(d.docx))
        for n, table in enumerate(document.tables):
            rows = table._tbl.tr_lst
            assert all(r.trPr is not None and r.trPr.find(docx.oxml.ns.qn("w:cantSplit")) is not None
                       for r in rows), (d.name, n)
            bordered = table.style is not None and table.style.name == "Table Grid"
            if bordered:  # a table of data: its header row repeats on each page; the others are layout
                first = rows[0].trPr
                assert first.find(docx.oxml.ns.qn("w:tblHeader")) is not None, (d.name, n, table.cell(0, 0).text)
                assert all(r.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is None for r in rows[1:]), (d.name, n)


def _paragraph(document: docx.document.Document, text: str) -> docx.text.paragraph.Paragraph:
    found = [p for p in document.paragraphs if p.text.replace("\u00a0", " ").strip() == text]
    assert found, text
    return found[0]


def _before(document: docx.document.Document, p: docx.text.paragraph.Paragraph) -> docx.text.paragraph.Paragraph:
    paragraphs = document.paragraphs
    return paragraphs[[x._p for x in paragraphs].index(p._p) - 1]


def test_headings_and_signature_blocks_keep_with_what_follows(built: Built) -> None:
    office = load_office(built.directory)
    director = f"({office.office.director.name})"
    by_name = {d.name: d for d in built.docs}
    memo = docx.Document(str(next(d.docx for d in built.docs if d.kind == "memo")))
    heads = [p for p in memo.paragraphs if re.match("^[๐-๙]+\\. ", p.text) and p.runs and p.runs[0].bold]
    assert heads and all(p.paragraph_format.keep_with_next for p in heads)
    for kind in ("memo", "order"):
        document = docx.Document(str(next(d.docx for d in built.docs if d.kind == kind)))
        name = _paragraph(document, director)
        assert name.paragraph_format.keep_with_next and name.paragraph_format.keep_together
        space = _before(document, name)
        assert space.paragraph_format.keep_with_next  # the space to sign in goes with the name
        assert _before(document, space).paragraph_format.keep_with_next, kind  # and the line before it
    order = docx.Document(str(next(d.docx for d in built.docs if d.kind == "order")))
    given = next(p for p in order.paragraphs if p.text.startswith("สั่ง ณ วันที่"))
    assert given.paragraph_format.keep_with_next
    minutes = docx.Document(str(next(d.docx for n, d in by_name.items() if "minutes" in n)))
    items = [p for p in minutes.paragraphs if p.text.startswith(v.MTG_ITEM.format(no=""))]
    assert len(items) == 5 and all(p.paragraph_format.keep_with_next for p in items)
    sar = docx.Document(str(by_name["sar-2570"].docx))
    for part in (v.SAR_PART1, v.SAR_PART2, v.SAR_PART3, v.SAR_PART4):  # the parts, not their contents lines
        (p,) = [p for p in sar.paragraphs if p.text.strip() == part and p.paragraph_format.page_break_before]
        assert p.paragraph_format.keep_with_next, part


# --- nothing a reader reads as one is broken -------------------------------------------------------------

_MONTHS = "|".join(re.escape(m) for m in (*thai.MONTHS_FULL, *thai.MONTHS_ABBR))
_DATE = re.compile(f"[๐-๙]{{1,2}} (?:{_MONTHS}) (?:พ\\.ศ\\. )?[๐-๙]{{4}}")


def test_no_date_or_name_is_split_over_two_lines(built: Built) -> None:
    """Each date of a DOCX and each member's name in it stands whole on one line of LibreOffice's PDF."""
    split = {}
    checked = 0
    for d in built.docs:
        text = re.sub(r"\s+", " ", docx_text(d.docx))
        wanted = set(_DATE.findall(text)) | {m for m in MEMBERS if m in text}
        lines = layout_lines(d.lo)
        checked += len(wanted)
        missing = sorted(w for w in wanted if not any(norm(w) in line for line in lines))
        if missing:
            split[d.name] = missing
    assert checked > 100  # the check saw the documents' dates and names
    assert not split, split


def test_numbers_and_dates_are_glued_by_no_break_spaces(built: Built) -> None:
    order = next(d.docx for d in built.docs if d.kind == "order")
    body = docx_xml(order)
    assert "๑๕\u00a0ตุลาคม\u00a0พ.ศ.\u00a0๒๕๖๙" in body  # สั่ง ณ วันที่
    assert "นายสมชาย\u00a0ใจดี" in body and "เขต\u00a0๑" in body
    memo = docx_xml(next(d.docx for d in built.docs if d.kind == "memo"))
    assert re.search("[๐-๙]{1,2}\u00a0(?:" + _MONTHS + ")\u00a0[๐-๙]{4}", memo)
    # the number column of the order is as wide as "๑๐." needs: it stays on one line
    lines = layout_lines(next(d.lo for d in built.docs if d.kind == "order"))
    assert any(line.startswith("๑๐. ") for line in lines)


# --- page numbers ----------------------------------------------------------------------------------------

def _top(lines: list[str]) -> str:
    return next((line for line in lines if line), "")


def test_page_numbers_from_page_two(built: Built) -> None:
    for d in built.docs:
        xml = docx_xml(d.docx)
        assert "<w:titlePg/>" in xml and 'w:fmt="thaiNumbers"' in xml, d.name
        with zipfile.ZipFile(d.docx) as z:
            headers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/header")]
        assert any('w:instr="PAGE"' in h for h in headers), d.name
        for pdf, two in ((d.pdf, "๒"), (d.lo, "2")):
            first = _top(layout_lines(pdf, 1))
            assert not re.fullmatch(r"-?\s*[12๑๒]\s*-?", first), (d.name, pdf, first)
            if pages(pdf) > 1:
                top = _top(layout_lines(pdf, 2))
                assert re.match(rf"^-?\s*{two}\s*-?(\s|$)", top), (d.name, pdf, top)


# --- core properties -------------------------------------------------------------------------------------

def test_core_properties_name_the_office_and_the_document(built: Built) -> None:
    office = load_office(built.directory).office
    demo_day = date.fromisoformat(DEMO_DAY)
    days = {"memo": demo_day, "brief": demo_day, "meeting": demo_day, "order": date(2026, 10, 15)}
    for d in built.docs:
        props = docx.Document(str(d.docx)).core_properties
        assert props.title and props.author == office.name and props.last_modified_by == office.name, d.name
        assert props.created == props.modified and props.created.year >= 2026, (d.name, props.created)
        if d.kind in days:
            assert props.created.date() == days[d.kind], (d.name, props.created)
        with zipfile.ZipFile(d.docx) as z:
            parts = z.namelist()
            assert not any("thumbnail" in n for n in parts), d.name
            assert not any(b"python-docx" in z.read(n) for n in parts), d.name
    titles = {d.kind: docx.Document(str(d.docx)).core_properties.title for d in built.docs}
    assert titles["memo"].startswith(v.MEMO_TITLE) and titles["sar"].startswith(v.SAR_TITLE)
