"""The text of every PDF reads back as the Thai that was written (issue 19, point 3; see documents/pdftext.py).

Read back two ways: pypdf (`extract_text`, the glyphs' ToUnicode text in drawing order) and poppler's
pdftotext (what evince and most Linux viewers copy: plain, -layout, and -raw in content order), and compared
with the document's source, the HTML that WeasyPrint was given, tags stripped:

- every text node of the source, whitespace squashed, is in pypdf's text and in pdftotext -raw's, exactly
  (ำ as ำ, tone marks after their vowel as typed: ที่ is ท ี ่);
- every run of Thai that pdftotext writes on a line (plain and -layout, which order by position) is in the
  source: nothing misread, no mark out of order, whatever the columns of the page;
- no Thai character is missing from any reading (a table header repeated on a new page may add some).

Whitespace is squashed on both sides (lines break anywhere; pdftotext spaces words by their gaps).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import html as lxml_html
from PIL import Image
from pypdf import PdfReader

from sheetsync.core.contents import bar_chart
from sheetsync.documents import package as package_module
from sheetsync.documents import pdftext, render
from sheetsync.store.config import load_office
from tests.support.cli import REPO, invoke

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="poppler-utils (pdftotext, pdftoppm) is not installed")

# Decomposed SARA AM (alone, after a tone mark, twice in a word), stacked marks, a tone over an upper
# vowel, marks on a letter with a tail (ป, ญ), the LU with LAKKHANGYAO, and the SAR's chart label.
TRICKY = ["การ", "อำนวยการ", "ที่", "น้ำ", "กำหนด", "ผู้อำนวยการ", "ปี่", "ญี่ปุ่น", "ฤๅษี", "มาตรฐานที่ ๑",
          "คำนำ", "น้ำหนัก", "พื้นที่การศึกษา", "สำนักงาน", "ดำเนินงาน", "กุ้ง", "ชั่ว", "ปั้น", "ฝั่ง", "เกี่ยว"]
THAI_RUN = re.compile("[\u0e01-\u0e4e]+")  # letters, vowels and marks; not the digits
CSS_STRING = re.compile(r"content:\s*\"([^\"]*)\"")


# --- reading back ----------------------------------------------------------------------------------

def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pypdf_text(pdf: bytes) -> str:
    return "\f".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def without_page_numbers(text: str) -> str:
    """`text` (pages parted by form feeds, as both readings give them) squashed, each page's own number
    ("- ๓ -" or "๓") taken out once: a paragraph that runs onto the next page has that number drawn
    between its halves."""
    pages = [squash(p) for p in text.split("\f")]
    out = []
    for n, page in enumerate(pages, start=1):
        number = str(n).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        dashed = f"-{number}-"
        if n > 1 and dashed in page:
            page = page.replace(dashed, "", 1)
        elif n > 1 and page.startswith(number):  # a plain number (the SAR's) only where it is drawn
            page = page[len(number):]
        elif n > 1 and page.endswith(number):
            page = page[:-len(number)]
        out.append(page)
    return "".join(out)


def pdftotext(pdf: bytes, *mode: str) -> str:
    return subprocess.run(["pdftotext", *mode, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def source_texts(html: str) -> tuple[list[str], list[str]]:
    """The text nodes of the body, squashed, and the CSS content strings (drawn like text where their
    rule applies: the page number from page 2 on)."""
    tree = lxml_html.fromstring(html)
    generated = [squash(s) for style in tree.iter("style") for s in CSS_STRING.findall(style.text or "")]
    for element in tree.xpath("//head|//style|//script"):
        element.getparent().remove(element)
    return [t for t in map(squash, tree.xpath("//body//text()")) if t], [g for g in generated if g]


def assert_reads_back(pdf: bytes, html: str, name: str) -> None:
    texts, generated = source_texts(html)
    assert texts, name
    whole = "".join(texts)
    wanted = Counter("".join(THAI_RUN.findall(whole)))
    readings = {"pypdf": pypdf_text(pdf), "pdftotext": pdftotext(pdf), "pdftotext -layout": pdftotext(pdf, "-layout"),
                "pdftotext -raw": pdftotext(pdf, "-raw")}
    for how, text in readings.items():
        assert unicodedata.is_normalized("NFC", text), (name, how)
        got = Counter("".join(THAI_RUN.findall(text)))
        missing = {ch: wanted[ch] - got[ch] for ch in wanted if got[ch] < wanted[ch]}
        assert not missing, f"{name}, {how}: Thai characters missing (or read as others): {missing}"
        if how in ("pypdf", "pdftotext -raw"):  # drawing order: the source's own text, node by node
            flat = without_page_numbers(text)
            absent = [t for t in texts if t not in flat]
            assert not absent, f"{name}, {how}: not read back as written: {absent[:5]}"
        misread = [run for line in text.splitlines() for run in THAI_RUN.findall(line)
                   if run not in whole and run not in generated]
        assert not misread, f"{name}, {how}: read back as nothing the source has: {misread[:5]}"


# --- small documents -----------------------------------------------------------------------------------

def render_page(tmp_path: Path, body: str, fonts: render.Fonts | None = None, name: str = "t.pdf",
                **context: object) -> tuple[bytes, str]:
    config = REPO / "config"
    fonts = fonts or render.office_fonts(load_office(config), config)
    page = render.environment(for_pdf=True).from_string(
        '{% extends "base.html" %}{% from "_chart.html" import bar_chart with context %}{% block body %}' + body + "{% endblock %}")
    html = page.render(font_css=render.font_css(fonts, 16, False), font_family=fonts.family, **context)
    return render.write_pdf(html, tmp_path / name, config).read_bytes(), html


def office_font(tmp_path: Path) -> render.Fonts:
    """An office's own font file (Sarabun under another name), the bold synthesized from the one file."""
    font = TTFont(str(render.bundled_sarabun()[0]))
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = "Office Test Sarabun"
        elif record.nameID == 6:
            record.string = "OfficeTestSarabun"
    path = tmp_path / "office.ttf"
    font.save(str(path))
    return render.Fonts(family="Office Test Sarabun", regular=path, bold=path)


PAGE_NUMBER = re.compile(r"[-–\s]*[๐-๙]+[-–\s]*")


def lines(text: str) -> list[str]:
    """The lines that have text, whitespace squashed to one space; page numbers (- ๒ -) left out."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip() and not PAGE_NUMBER.fullmatch(line)]


@pytest.mark.parametrize("font", ["bundled", "office"])
def test_tricky_words_read_back_exactly_regular_and_bold(tmp_path: Path, font: str) -> None:
    fonts = office_font(tmp_path) if font == "office" else None
    body = "".join(f"<p>{w} <b>{w}</b></p>" for w in TRICKY)  # regular, then bold
    pdf, html = render_page(tmp_path, body, fonts)
    wanted = [f"{w} {w}" for w in TRICKY]
    for how, text in (("pypdf", pypdf_text(pdf)), ("pdftotext", pdftotext(pdf)),
                      ("pdftotext -layout", pdftotext(pdf, "-layout")), ("pdftotext -raw", pdftotext(pdf, "-raw"))):
        assert lines(text) == wanted, how
    assert "กำร" not in pypdf_text(pdf) and "\u0e4d" not in pypdf_text(pdf)
    assert_reads_back(pdf, html, "tricky words")


def test_one_glyph_reads_differently_where_it_is_drawn(tmp_path: Path) -> None:
    """SARA AA alone and inside SARA AM is one glyph; whichever comes first, both read right."""
    for first in ("การ กำ", "กำ การ"):
        pdf, _ = render_page(tmp_path, f"<p>{first}</p>")
        assert lines(pypdf_text(pdf)) == [first] and lines(pdftotext(pdf)) == [first]


def chart_page(tmp_path: Path, label: str) -> tuple[bytes, str]:
    chart = bar_chart("", [(label, 0.0, "", "#ffffff")], maximum=5, ticks=[])  # only the label has ink
    return render_page(tmp_path, "{{ bar_chart(chart) }}", name=f"chart-{len(label)}.pdf", chart=chart)


def ink_height(pdf: bytes, tmp_path: Path) -> int:
    (tmp_path / "page.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", str(tmp_path / "page.pdf"),
                    str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page.png") as image:
        box = image.convert("L").point(lambda v: 255 if v < 128 else 0).getbbox()
    assert box is not None
    return box[3] - box[1]


def test_chart_label_reads_back_and_draws_its_tone_mark(tmp_path: Path) -> None:
    pdf, html = chart_page(tmp_path, "มาตรฐานที่ ๑")
    for text in (pypdf_text(pdf), pdftotext(pdf), pdftotext(pdf, "-layout")):
        assert lines(text) == ["มาตรฐานที่ ๑"]
    assert_reads_back(pdf, html, "chart")
    # Drawn: the tone mark stands above the ี (SVG text, laid out letter by letter, put it on the ี,
    # where it vanished: the label was no taller than without it).
    without, _ = chart_page(tmp_path, "มาตรฐานที ๑")
    assert ink_height(pdf, tmp_path) >= ink_height(without, tmp_path) + 3


def test_the_pages_draw_the_same_glyphs(tmp_path: Path) -> None:
    """Codes of their own map to the very glyph WeasyPrint chose (CIDToGIDMap): same pixels."""
    body = "".join(f"<p>{w} <b>{w}</b></p>" for w in TRICKY)
    fixed, _ = render_page(tmp_path, body, name="fixed.pdf")
    with pdftext.unpatched():
        plain, _ = render_page(tmp_path, body, name="plain.pdf")
    assert "อานวย" in pypdf_text(plain) and "อำนวย" in pypdf_text(fixed)  # unpatched, ำ reads า here
    pages = []
    for name, pdf in (("fixed", fixed), ("plain", plain)):
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(tmp_path / f"{name}.pdf"),
                        str(tmp_path / name)], check=True)
        pages.append((tmp_path / f"{name}.png").read_bytes())
    with Image.open(io.BytesIO(pages[0])) as a, Image.open(io.BytesIO(pages[1])) as b:
        assert a.size == b.size and a.tobytes() == b.tobytes()


# --- every document kind of the demo office -----------------------------------------------------------

KINDS = ["sar", "memo", "order", "brief", "meeting", "briefing", "package"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_document_kind_reads_back_as_its_source(demo_dir: Path, runner, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    sources: dict[str, str] = {}  # PDF file name -> the HTML it was written from
    real = render.write_pdf

    def spy(html: str, path: Path, base_dir: Path) -> Path:
        sources[Path(path).name] = html
        return real(html, path, base_dir)

    monkeypatch.setattr(render, "write_pdf", spy)
    monkeypatch.setattr(package_module, "write_pdf", spy, raising=False)  # imported there by name
    out = tmp_path / "out"
    args = ["report", kind, "--out", str(out)] + ([] if kind == "package" else ["--format", "pdf"])
    result = invoke(runner, demo_dir, *args)
    assert result.exit_code == 0, result.output
    pdfs: dict[str, bytes] = {}
    for path in out.iterdir():
        if path.suffix == ".pdf":
            pdfs[path.name] = path.read_bytes()
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as z:
                pdfs.update({Path(n).name: z.read(n) for n in z.namelist() if n.endswith(".pdf")})
    assert pdfs and set(pdfs) <= set(sources), (sorted(pdfs), sorted(sources))
    for name, pdf in sorted(pdfs.items()):
        assert_reads_back(pdf, sources[name], name)
