"""Every document as DOCX (python-docx), so an office can edit it in Word or LibreOffice.

Word shapes Thai as a complex script: it takes the font from w:rFonts/@w:cs and the size from
w:szCs, and bold from w:bCs, not from the Latin attributes. Without them Thai falls back to another
font and size whatever the Latin font says, so every run and the Normal style set both, plus
w:lang/@w:bidi="th-TH" so spelling and line breaking treat the text as Thai. The font is the one the
office's PCs have (config `documents.docx_font`, default TH SarabunPSK, 16 pt).

Every run's text goes through `safe.for_document` (Writer.run is the one place text enters the file):
lxml refuses the characters XML cannot hold (a NUL, ESC or BEL from a Google cell), so they are
removed, and a string longer than safe.TEXT_MAX is cut.

Laid out as the PDF is (issue 19), so that the DOCX paginates as the PDF does in Word and LibreOffice:

- **Line heights are exact** and the CSS's (official.css: 1.55 times the font size for body text, 1.35
  in tables): "single" spacing is the font's own line gap, about 1.72 times the size for TH SarabunPSK
  and its metric clone Laksaman, which made every DOCX a page or more longer than its PDF. The Thai
  marks above and below are drawn outside an exact line, not clipped (measured in LibreOffice 7.4).
- **Margins, sizes and spacing** are the CSS's, document by document (Page, the em factors below).
- **Nothing breaks where a reader stumbles**: a table's header row repeats on every page
  (w:tblHeader), no row is split over two pages (w:cantSplit), a heading keeps with what follows and a
  signature block with itself and the line before it (keep-with-next), dates, "พ.ศ. ๒๕๗๐", register
  numbers and the office's people's names keep their spaces as no-break spaces (keep_together, from
  the PDF's thaifmt.keep_words_together), and a column holding numbers, dates or names is as wide as
  its widest cell (measured with the bundled Sarabun, whose widths are those of TH SarabunPSK within
  2 %), so "๑๐." and "๓๑ มี.ค. ๒๕๗๐" are never broken inside. LibreOffice breaks a no-break-spaced run
  of Thai where it must, between Thai digits too, so the glued runs are kept short (see keep_together).
- **Page numbers from page 2**, centred at the top as ระเบียบงานสารบรรณ has them ("- ๒ -"; the SAR a plain
  "๒" as its PDF): a PAGE field in a header that the first page does not have (w:titlePg), in Thai digits
  by the section's w:pgNumType w:fmt="thaiNumbers". Word draws ๒; LibreOffice 7.4's DOCX import does
  not map thaiNumbers (nor a PAGE field's \\* THAIARABIC; its "ThaiArabic" gives Thai letters) and
  prints 2, drawn in the digits its Complex Text Layout > Numerals option says.
- **Core properties** name the document (title, subject), the office (author, last modified by,
  company) and the document's date (created, modified), instead of the template's "python-docx" of
  2013; the template's thumbnail (a picture of another document) is dropped.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar, cast
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # at run time, imported with the first document made (_with_docx)
    from docx import Document
    from docx.document import Document as DocxDocument
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER, WD_UNDERLINE
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from docx.shared import Cm, Emu, Length, Pt, RGBColor
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

from sheetsync.core import docvocab as v
from sheetsync.core import thaifmt as f
from sheetsync.core.contents import Chart, MemoData, OrderData, SarData, SarPoint
from sheetsync.core.models import Member, Office, Person
from sheetsync.core.packs import AssignmentSheet, BriefData, EmesPage, MeetingData
from sheetsync.documents import safe
from sheetsync.documents.render import bundled_sarabun
from sheetsync.store import files

# A4, and the first line of a paragraph (.para): lengths of python-docx, set when it is loaded (_load_docx)
PAGE_WIDTH = PAGE_HEIGHT = INDENT = cast("Length", None)

THAI = "th-TH"
LINE = 1.55  # official.css: html { line-height: 1.55 }
TABLE_LINE = 1.35  # the tables' line height (table.items, table.data, .members)
NBSP = "\u00a0"


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _load_docx() -> None:
    """python-docx, imported the first time a document is made, not when this module is: it costs 0.1 s
    of start-up, which a sync that renders nothing (`sync --no-documents`, or a night with no memo
    due) has no reason to pay. Its names become this module's, as a top-level import would make them."""
    if "Pt" in globals():
        return
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER, WD_UNDERLINE
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Emu, Length, Pt, RGBColor
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    globals().update(
        Document=Document, WD_TABLE_ALIGNMENT=WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH=WD_ALIGN_PARAGRAPH,
        WD_TAB_ALIGNMENT=WD_TAB_ALIGNMENT, WD_TAB_LEADER=WD_TAB_LEADER, WD_UNDERLINE=WD_UNDERLINE, RT=RT,
        OxmlElement=OxmlElement, qn=qn, Cm=Cm, Emu=Emu, Length=Length, RGBColor=RGBColor, Table=Table,
        _Cell=_Cell, Paragraph=Paragraph, PAGE_WIDTH=Cm(21), PAGE_HEIGHT=Cm(29.7), INDENT=Cm(2.5))
    globals()["Pt"] = Pt  # last: its presence says the rest are there


def _with_docx(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """`fn`, python-docx loaded first: every function of this module that others call and that uses it
    (tests/unit/test_docx_lazy.py holds that each one is so wrapped)."""
    @functools.wraps(fn)
    def inner(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        _load_docx()
        return fn(*args, **kwargs)

    inner.__with_docx__ = True  # type: ignore[attr-defined]
    return inner


@dataclass(frozen=True)
class Page:
    """A document's page, as official.css's @page rule for it: margins in cm (top, right, bottom, left),
    and how its page numbers read: "dash" - ๒ -, "plain" ๒, None for none."""

    top: float = 2.0
    right: float = 2.0
    bottom: float = 2.0
    left: float = 3.0  # ระเบียบงานสารบรรณ: left 3 cm, right 2 cm
    numbers: str | None = "dash"

    @property
    def text_width(self) -> Length:
        return Emu(PAGE_WIDTH - Cm(self.left) - Cm(self.right))

    @property
    def text_width_pt(self) -> float:
        """The same in points, without python-docx (an A4 page, 21 cm wide): for the HTML's measures."""
        return (21.0 - self.left - self.right) * 72 / 2.54


DEFAULT_PAGE = Page()  # @page: the e-MES pages
MEMO_PAGE = Page(top=1.5)  # @page memo, @page order: the memo, the order, the meeting, the invitation
SAR_PAGE = Page(top=2.5, numbers="plain")  # @page sar
BRIEF_PAGE = Page(1.5, 1.5, 1.5, 2.0)  # @page brief
ASSIGN_PAGE = Page(1.5, 1.5, 1.5, 2.5)  # @page assign


@dataclass(frozen=True)
class Meta:
    """What the file says about itself (Word: File > Info; LibreOffice: File > Properties), and the
    phrases whose spaces never break (the office's people's names)."""

    title: str
    office: str
    day: date
    subject: str = ""
    timezone: str = "Asia/Bangkok"
    phrases: tuple[str, ...] = ()


def office_meta(office: Office, title: str, day: date, subject: str = "") -> Meta:
    """The core properties of one of the office's documents: its title and date, the office as author;
    the names of the director, the coordinator, the group heads and the committee, kept whole."""
    info = office.office
    people: list[Person | Member] = [info.director, info.coordinator, *(g.head for g in office.groups),
              *(office.committee.members if office.committee else [])]
    # names only: a position is a long Thai run that must break somewhere, better at its spaces
    phrases = {person.name for person in people if " " in person.name.strip()}
    return Meta(title=title, office=info.name, day=day, subject=subject, timezone=info.timezone,
                phrases=tuple(sorted(phrases, key=len, reverse=True)))


# --- keeping words together -----------------------------------------------------------------------

def keep_together(text: str, phrases: Iterable[str] = ()) -> str:
    """`text` with no-break spaces inside what must not break over two lines: what the PDF keeps on one
    line (thaifmt.keep_words_together: dates, "พ.ศ. ๒๕๗๐", register numbers), a number after a short
    word ("เขต ๑", "ที่ ๓๒๑/๒๕๖๙"), and each of `phrases` (names). The PDF marks the kept pieces with
    spans; here their spaces become U+00A0, which Word never breaks at.

    Only those: LibreOffice (7.4) breaks a run of no-break-spaced Thai where it must, between Thai
    digits too ("๒๕๖|๙"), and not at a space after a Thai number, so a long glued run (the PDF's
    glue_numbers makes "กำหนด ๓๐ พ.ย. ๒๕๖๙" one) leaves it no good place to break; a short one moves
    to the next line whole."""
    pieces = _KEPT.split(str(f.keep_words_together(text)))
    out = "".join(html.unescape(p).replace(" ", NBSP) if k % 2 else html.unescape(p).replace(NBSP, " ")
                  for k, p in enumerate(pieces))
    out = _SHORT_BEFORE_NUMBER.sub("\\1" + NBSP, out)
    out = _OFFICIAL_DATE.sub(lambda m: m.group(0).replace(" ", NBSP), out)
    for phrase in phrases:
        if phrase in out:
            out = out.replace(phrase, phrase.replace(" ", NBSP))
    return out


_KEPT = re.compile(r'<span class="kw">(.*?)</span>')
# the order's date, "๑๕ ตุลาคม พ.ศ. ๒๕๖๙" (thaifmt keeps "พ.ศ. ๒๕๖๙" and the plain date form)
_MONTH_NAMES = f.MONTH_PATTERN
_OFFICIAL_DATE = re.compile(r"[0-9\u0e50-\u0e59]{1,2}[ \u00a0](?:" + _MONTH_NAMES + r")[ \u00a0]"
                            + re.escape(v.BE_ABBR) + r"[ \u00a0][0-9\u0e50-\u0e59]{4}")
# a word of at most three letters (and its marks) before a number: ที่ ๑, เขต ๑, ข้อ ๒, รอบ ๖
_SHORT_BEFORE_NUMBER = re.compile(r"(?<![^\s(])([\u0e01-\u0e4e]{1,3}) (?=[0-9\u0e50-\u0e59])")


# --- measuring text (column widths) ---------------------------------------------------------------

@cache
def _advances(bold: bool) -> tuple[dict[int, int], int]:
    """Code point -> advance width, and units per em, of the bundled Sarabun (the PDF's font): its widths
    are those of TH SarabunPSK and Laksaman within 2 %, so it measures for Word and LibreOffice too."""
    from fontTools.ttLib import TTFont

    regular, heavy = bundled_sarabun()
    with TTFont(str(heavy if bold else regular), lazy=True) as font:
        cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        upm = font["head"].unitsPerEm
        return {cp: metrics[name][0] for cp, name in cmap.items()}, upm


def text_pt(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` is set on one line, in points."""
    advances, upm = _advances(bold)
    fallback = upm // 2
    return sum(advances.get(ord(c), fallback) for c in text) * size / upm


def fit_line(text: str, width: float, size: float) -> str:
    """`text` cut to what one line of `width` pt holds (a dotted line to write on: never two lines)."""
    room = width * 0.96  # Word's and LibreOffice's font within 2 % of Sarabun, and a little to spare
    while text and text_pt(text, size) > room:
        text = text[:-1]
    return text


# A run of Thai letters breaks between words (LibreOffice's and Word's dictionaries), so a cell's
# narrowest line is set by what has none: numbers, codes, Latin words, and what keep_together glued.
_THAI_LETTERS = re.compile(r"[\u0e01-\u0e4f]")
_LATIN = re.compile("[A-Za-z]")
_THAI_WORD_EM = 3.0  # a long Thai word, where a Thai run may break
_THAI_WORD = 8  # letters: a Thai token this short is taken as one word ("คณะทำงาน", "ประธาน")


def narrowest_pt(text: str, size: float, bold: bool = False) -> float:
    """The width below which `text` cannot wrap without breaking inside a word or a kept phrase.

    Numbers, dates and codes are whole, and so is a short Thai word; a long Thai run breaks between its
    dictionary words (taken as a few ems), and so does a long Latin run (a web address: the PDF's cells
    break it anywhere). In a phrase kept by no-break spaces ("รายงานเมื่อ ๒๐ มี.ค. ๒๕๗๐", a name, a
    position) only such a long Thai part may break, so the rest of it is whole."""
    widest = 0.0
    for token in re.split(r"[ \n\t]+", text):
        piece: list[str] = []  # the parts since the last place the phrase may break
        for part in [*token.split(NBSP), ""]:
            long_thai = len(part) > _THAI_WORD and bool(_THAI_LETTERS.search(part))
            address = not _THAI_LETTERS.search(part) and bool(_LATIN.search(part)) and len(part) > 12
            if part and not (long_thai or address):
                piece.append(part)
                continue
            if piece:
                widest = max(widest, text_pt(NBSP.join(piece), size, bold))
            piece = []
            if part:
                widest = max(widest, min(text_pt(part, size, bold), _THAI_WORD_EM * size))
    return widest


# --- cells and columns ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """A table cell: lines (the first in the row's style, the rest as `detail`, CSS .detail / .muted),
    spanning `span` grid columns; `fill` a background (hex RRGGBB)."""

    text: str = ""
    span: int = 1
    bold: bool = False
    fill: str | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    color: str | None = None


FIT = None  # a column as wide as its widest cell, never wrapping (numbers, dates, names, levels)


@dataclass(frozen=True)
class TableStyle:
    """A table as official.css sets it; sizes relative to the body font (em), as the CSS's."""

    em: float = 0.9  # font size
    line: float = TABLE_LINE
    pad_v: float = 0.1  # cell padding, em
    pad_h: float = 0.3
    grid: bool = True
    head_fill: str | None = "EEEEEE"
    detail_em: float = 0.92  # the lines after the first, relative to the table's font
    detail_color: str | None = "333333"
    before: float = 0.2  # margin above and below, em
    after: float = 0.3


ITEMS = TableStyle()  # table.items (memo, outputs)
DATA = TableStyle(em=0.85, head_fill="E8E8E8", detail_em=1.0, detail_color="555555", before=0.3, after=0.6)  # .sar table.data
MEETING = TableStyle(em=0.85, line=1.3, before=0.2, after=0.4)  # table.mtg-table
EMES = TableStyle(em=0.75)  # body.emes table.emes-rows
MEMBERS = TableStyle(em=1.0, pad_v=0.0, grid=False, head_fill=None, detail_em=0.85, detail_color="333333",
                     before=0.3, after=0.3)  # the order's .members


# --- the writer -----------------------------------------------------------------------------------

class Writer:
    """A DOCX document with the office's Thai font on every run, laid out as official.css lays out the
    same document's PDF."""

    def __init__(self, font: str, size: float, meta: Meta, page: Page = MEMO_PAGE, line: float = LINE,
                 corner: str = "") -> None:
        """`corner`: a word at the top right of every page, the first too (the SAR's ฉบับร่าง)."""
        self.font, self.size, self.meta, self.page, self.line = font, size, meta, page, line
        self.doc: DocxDocument = Document()
        self.text_width = page.text_width
        self._last: Paragraph | None = None  # the paragraph before the next table, for its top margin
        self._gap = 0.0  # pt: a table's bottom margin, given to the paragraph after it
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin, section.right_margin = Cm(page.left), Cm(page.right)
        section.top_margin, section.bottom_margin = Cm(page.top), Cm(page.bottom)
        normal = self.doc.styles["Normal"]
        normal.font.name = font
        normal.font.size = Pt(size)
        thai_run_properties(normal.element.get_or_add_rPr(), font, size)
        fmt = normal.paragraph_format
        fmt.space_after = Pt(0)
        fmt.space_before = Pt(0)
        fmt.line_spacing = Pt(size * line)
        fmt.widow_control = True  # the CSS's orphans/widows: 2
        if page.numbers or corner:
            self._headers(section, page.numbers, corner)
        self._properties()

    # --- text ---

    def run(self, paragraph: Paragraph, text: str, bold: bool = False, size: float | None = None,
            dotted: bool = False, color: str | None = None) -> Run:
        run = paragraph.add_run(keep_together(safe.for_document(text), self.meta.phrases))
        run.font.name = self.font
        run.font.size = Pt(size or self.size)
        run.bold = bold or None
        if dotted:
            run.font.underline = WD_UNDERLINE.DOTTED
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        thai_run_properties(run._r.get_or_add_rPr(), self.font, size or self.size, bold)
        return run

    def para(self, text: str = "", indent: bool = False, align: WD_ALIGN_PARAGRAPH | None = None,
             bold: bool = False, left: Length | None = None, size: float | None = None, *,
             line: float | None = None, height: float | None = None, before: float = 0.0, after: float = 0.0,
             keep_next: bool = False, keep_lines: bool = False, hanging: Length | None = None,
             color: str | None = None, page_break: bool = False) -> Paragraph:
        """A paragraph: `size` in pt (default the body's), `line` its CSS line-height (default the
        document's) or `height` the exact line in pt; `before`/`after` the CSS margins in pt."""
        p = self.doc.add_paragraph()
        self.shape(p, size or self.size, indent=indent, align=align, left=left, line=line, height=height,
                   before=before + self._gap, after=after, keep_next=keep_next, keep_lines=keep_lines,
                   hanging=hanging, page_break=page_break)
        self._gap = 0.0
        if text:
            self.run(p, text, bold=bold, size=size, color=color)
        self._last = p
        return p

    def shape(self, p: Paragraph, size: float, *, indent: bool = False, align: WD_ALIGN_PARAGRAPH | None = None,
              left: Length | None = None, line: float | None = None, height: float | None = None,
              before: float = 0.0, after: float = 0.0, keep_next: bool = False, keep_lines: bool = False,
              hanging: Length | None = None, page_break: bool = False) -> None:
        fmt = p.paragraph_format
        if indent:
            fmt.first_line_indent = INDENT
        if hanging is not None:
            fmt.first_line_indent = -hanging
        if left is not None:
            fmt.left_indent = left
        # python-docx types the setter without None, though None is documented (and works) as "inherit".
        p.alignment = align if align is not None else (WD_ALIGN_PARAGRAPH.THAI_JUSTIFY if indent else None)  # type: ignore[assignment]
        fmt.line_spacing = Pt(height if height is not None else size * (line or self.line))
        if before:
            fmt.space_before = Pt(before)
        if after:
            fmt.space_after = Pt(after)
        if keep_next:
            fmt.keep_with_next = True
        if keep_lines:
            fmt.keep_together = True
        if page_break:
            fmt.page_break_before = True

    def heading(self, text: str, size: float | None = None, *, left: Length | None = None, line: float | None = None,
                before: float = 0.0, after: float = 0.0) -> Paragraph:
        """A heading: bold, kept with what follows (page-break-after: avoid) and never split."""
        return self.para(text, bold=True, size=size, left=left, line=line, before=before, after=after,
                         keep_next=True, keep_lines=True)

    def spacer(self, height: float, keep_next: bool = False) -> Paragraph:
        """An empty paragraph exactly `height` pt tall (a CSS block's height or margin)."""
        return self.para(height=max(height, 1.0), keep_next=keep_next)

    def header_line(self, parts: list[tuple[str, str, Length]]) -> Paragraph:
        """Each label in bold (20 pt as on form 29, .hline .label 1.25em), then its text on a dotted line
        that runs to a tab stop: an underlined tab draws the dots under the empty rest of the line, as
        the form has them. The line is the label's: 1.55 times 20 pt."""
        label_size = self.size * 1.25
        p = self.para(height=label_size * self.line)
        if len(parts) == 1:  # a long subject wraps under its own text, as the form's dotted line does
            hang = Pt(text_pt(parts[0][0] + " ", label_size, True) * 1.04)
            p.paragraph_format.left_indent = hang
            p.paragraph_format.first_line_indent = -hang
        for label, text, stop in parts:
            kind = WD_TAB_ALIGNMENT.RIGHT if stop >= self.text_width else WD_TAB_ALIGNMENT.LEFT
            p.paragraph_format.tab_stops.add_tab_stop(stop, kind)
            self.run(p, label, bold=True, size=label_size)
            self.run(p, f" {text}\t", dotted=True)
        return p

    def signature(self, lines: Sequence[str], left: Length, before: float = 1.2, space: float = 2.6,
                  size: float | None = None) -> None:
        """A signature block (.signature: margin-top 1.2em, left 40 %, a 2.6em space to sign in, then
        the lines centred), kept on one page and with the paragraph before it."""
        if self._last is not None:
            self._last.paragraph_format.keep_with_next = True
        self.spacer(self.size * (before + space), keep_next=True)
        for n, line in enumerate(lines):
            p = self.para(line, align=WD_ALIGN_PARAGRAPH.CENTER, left=left, size=size,
                          keep_next=n < len(lines) - 1, keep_lines=True)
            self._last = p

    def emblem(self, garuda: Path | None, height_cm: float, paragraph: Paragraph) -> None:
        if garuda is not None:
            paragraph.add_run().add_picture(str(garuda), height=Cm(height_cm))

    def bookmark(self, paragraph: Paragraph, name: str) -> None:
        """A bookmark around the paragraph's text, for a PAGEREF (the SAR's contents)."""
        n = str(len(self.doc.element.body.findall(".//" + qn("w:bookmarkStart"))) + 1)
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), n)
        start.set(qn("w:name"), _mark(name))
        end.set(qn("w:id"), n)
        p = paragraph._p
        ppr = p.find(qn("w:pPr"))
        p.insert(list(p).index(ppr) + 1 if ppr is not None else 0, start)
        p.append(end)

    def field(self, paragraph: Paragraph, instruction: str, shown: str = "", size: float | None = None) -> None:
        """A simple field (PAGE, PAGEREF) in the paragraph, its last result `shown` until recomputed."""
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), instruction)
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        thai_run_properties(rpr, self.font, size or self.size)
        r.append(rpr)
        t = OxmlElement("w:t")
        t.text = shown
        r.append(t)
        fld.append(r)
        paragraph._p.append(fld)

    # --- tables ---

    def table(self, header: Sequence[str] | None, rows: Sequence[Sequence[str | Cell]],
              widths: Sequence[float | None], style: TableStyle = ITEMS, *, indent: Length | None = None,
              width: Length | None = None, keep: bool = False, bold_rows: Iterable[int] = (),
              row_fill: dict[int, str] | None = None, aligns: Sequence[WD_ALIGN_PARAGRAPH | None] | None = None,
              line_pt: float | None = None, auto: bool = False,
              measure: Sequence[Sequence[str | Cell]] = ()) -> Table:
        """A table as the PDF's: `widths` one per column, a weight (its share of what the FIT columns
        leave) or FIT; its header row repeats on each page, no row splits over two pages, `keep` keeps
        the whole table on one page (a figure). Rows' cells: text (lines after the first are detail),
        or a Cell. `auto`: the CSS lays the table out automatically (no weighted column narrower than
        its narrowest line), else as table-layout: fixed (the weights exactly). `measure`: more rows the
        FIT columns are measured on (the memo's tables, one width for all)."""
        size = self.size * style.em
        total = width if width is not None else Emu(self.text_width - (indent or 0))
        head = [Cell(h, bold=True, fill=style.head_fill) for h in header] if header else None
        body = [[c if isinstance(c, Cell) else Cell(c) for c in row] for row in rows]
        more = [[c if isinstance(c, Cell) else Cell(c) for c in row] for row in measure]
        columns = self._widths(([head] if head else []) + body + more, head is not None, widths, size, style, total,
                               auto)
        bold = set(bold_rows)
        fills = row_fill or {}
        lines = [(head, True)] if head else []
        lines += [([Cell(c.text, c.span, c.bold or i in bold, c.fill or fills.get(i), c.align, c.color) for c in row],
                   False) for i, row in enumerate(body)]
        return self.grid(lines, columns, style, size, indent=indent, keep=keep, aligns=aligns, line_pt=line_pt)

    def _widths(self, rows: list[list[Cell]], head: bool, widths: Sequence[float | None], size: float,
                style: TableStyle, total: Length, auto: bool) -> list[Length]:
        """Column widths: a FIT column as wide as its widest line (a header's widest word: a header may
        wrap between words); the weighted ones share the rest, and with `auto` none is narrower than its
        narrowest line can be."""
        pad = 2 * style.pad_h * size
        fit = [0.0] * len(widths)
        least = [0.0] * len(widths)
        for r, row in enumerate(rows):
            for i, cell in enumerate(row[:len(widths)]):
                if cell.span != 1:
                    continue
                for k, line in enumerate(cell.text.split("\n")):
                    s = size * (style.detail_em if k else 1.0)
                    glued = keep_together(line, self.meta.phrases)
                    narrowest = narrowest_pt(glued, s, cell.bold)
                    words = max((text_pt(x, s, cell.bold) for x in glued.split()), default=0.0)
                    fit[i] = max(fit[i], words if head and r == 0 else text_pt(glued, s, cell.bold))
                    least[i] = max(least[i], narrowest)
        # 4 % over what is measured: Word's and LibreOffice's font is within 2 % of Sarabun
        fixed = {i: fit[i] * 1.04 + pad for i, w in enumerate(widths) if w is FIT}
        room = total.pt - sum(fixed.values())
        weights = {i: float(w) for i, w in enumerate(widths) if w is not FIT}
        share: dict[int, float] = {}
        free = dict(weights)
        while free:  # a column below its narrowest gets that, the others share what is left
            left = room - sum(share.values())
            part = {i: left * w / sum(free.values()) for i, w in free.items()}
            short = [i for i in free if auto and part[i] < least[i] * 1.04 + pad]
            if not short:
                share.update(part)
                break
            for i in short:
                share[i] = least[i] * 1.04 + pad
                del free[i]
        return [Pt(fixed[i] if i in fixed else share[i]) for i in range(len(widths))]

    def grid(self, lines: list[tuple[list[Cell], bool]], columns: Sequence[Length], style: TableStyle,
             size: float, *, indent: Length | None = None, keep: bool = False,
             aligns: Sequence[WD_ALIGN_PARAGRAPH | None] | None = None, line_pt: float | None = None,
             before: float | None = None, after: float | None = None) -> Table:
        """The table itself: `lines` (cells, is a header row) over grid `columns`; `before`/`after` its
        margins in pt (default the style's), given to the paragraphs around it."""
        top = style.before * size if before is None else before
        if self._last is not None and top:
            fmt = self._last.paragraph_format
            fmt.space_after = Pt((fmt.space_after.pt if fmt.space_after else 0.0) + top)
        table = self._new_table(self.doc, columns, style.grid, style.pad_v * size, style.pad_h * size, indent)
        line = line_pt if line_pt is not None else size * style.line
        n_lines = len(lines)
        for r, (cells, is_head) in enumerate(lines):
            tr = table._tbl.add_tr()
            tr_pr = tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))  # a row is never split over two pages
            if is_head:
                tr_pr.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page
            col = 0
            for cell in cells:
                tc = tr.add_tc()
                span = max(cell.span, 1)
                tc.width = Emu(sum(columns[col:col + span]))
                if span > 1:
                    tc.grid_span = span
                if cell.fill:
                    shd = OxmlElement("w:shd")
                    shd.set(qn("w:val"), "clear")
                    shd.set(qn("w:color"), "auto")
                    shd.set(qn("w:fill"), cell.fill.lstrip("#").upper())
                    _place(tc.get_or_add_tcPr(), shd, after=("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge",
                                                             "w:tcBorders"))
                doc_cell = _Cell(tc, table)
                align = cell.align if cell.align is not None else (aligns[col] if aligns else None)
                if is_head and align is None:
                    align = WD_ALIGN_PARAGRAPH.CENTER
                # keep-with-next: the header with the first row; a kept table (a figure) whole; else
                # each row's lines together
                keep_next = is_head or (keep and r < n_lines - 1)
                for k, text in enumerate(cell.text.split("\n")):
                    p = doc_cell.paragraphs[0] if k == 0 else doc_cell.add_paragraph()
                    s = size if k == 0 else size * style.detail_em
                    self.shape(p, s, align=align, height=line if k == 0 else s * style.line, keep_next=keep_next,
                               keep_lines=True)
                    if text:
                        self.run(p, text, bold=cell.bold, size=s,
                                 color=cell.color if k == 0 else (cell.color or style.detail_color))
                col += span
        self._gap = style.after * size if after is None else after
        self._last = None
        return table

    def _new_table(self, container: DocxDocument | _Cell, columns: Sequence[Length], grid: bool, pad_v: float,
                   pad_h: float, indent: Length | None = None) -> Table:
        """An empty table of fixed `columns` (Word keeps them: tblLayout fixed; LibreOffice lays out by
        the grid), cell padding in pt, `indent` from the left margin (else centred)."""
        table = container.add_table(rows=0, cols=len(columns))
        if grid:
            table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT if indent else WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, w in zip(table.columns, columns, strict=True):
            column.width = w
        tbl_pr = table._tbl.tblPr
        _set(tbl_pr, "w:tblW", {"w:w": str(round(sum(columns) / 635)), "w:type": "dxa"})
        order = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                 "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                 "w:tblLayout")
        if indent:
            ind = OxmlElement("w:tblInd")
            ind.set(qn("w:w"), str(round(indent / 635)))
            ind.set(qn("w:type"), "dxa")
            _place(tbl_pr, ind, after=order[:order.index("w:tblInd")])
        margins = OxmlElement("w:tblCellMar")
        for side, value in (("top", pad_v), ("left", pad_h), ("bottom", pad_v), ("right", pad_h)):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(round(value * 20)))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        _place(tbl_pr, margins, after=order)
        return table

    def chart(self, chart: Chart) -> Table:
        """A bar chart as the PDF's SVG (_chart.html: 640 wide, labels 200, bars 320, values 120, a bar
        row 26, the axis 30): a table on the same proportions, the caption (figcaption) its header row,
        each bar a shaded run of grid columns, each row as tall as the SVG's; kept whole on one page as
        the figure is (page-break-inside: avoid)."""
        steps = 40  # the bars' resolution: 1/40 of the plot
        unit = self.text_width / 640
        columns = [Emu(round(200 * unit)), *[Emu(round(320 * unit / steps))] * steps, Emu(round(120 * unit))]
        svg_text = 13 * unit / 12700  # pt: the SVG's font-size 13 at the figure's width
        caption = self.size * 0.95
        if self._last is not None:  # figure { margin: 0.5em 0 0.8em }
            fmt = self._last.paragraph_format
            fmt.space_after = Pt((fmt.space_after.pt if fmt.space_after else 0.0) + 0.5 * self.size)
        # one row that cannot split holds the caption and the chart: LibreOffice keeps no table whole by
        # keep-with-next, and a figure is never split (page-break-inside: avoid)
        frame = self._new_table(self.doc, [self.text_width], False, 0.0, 0.0)
        tr = frame._tbl.add_tr()
        tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        tc = tr.add_tc()
        tc.width = self.text_width
        holder = _Cell(tc, frame)
        title = holder.paragraphs[0]
        self.shape(title, caption, align=WD_ALIGN_PARAGRAPH.CENTER, height=caption * self.line, after=0.2 * caption)
        self.run(title, chart.title, bold=True, size=caption)
        table = self._new_table(holder, columns, False, 0.0, 0.1 * svg_text)
        for bar in chart.bars:
            filled = max(0, min(steps, round(bar.fraction * steps)))
            cells = [Cell(bar.label, align=WD_ALIGN_PARAGRAPH.RIGHT)]
            if filled:
                cells.append(Cell(span=filled, fill=bar.color))
            if steps - filled:
                cells.append(Cell(span=steps - filled))
            cells.append(Cell(bar.text))
            self._row(table, cells, columns, svg_text, Emu(round(26 * unit)))
        # the axis: each tick's label centred on its place, between the midpoints to its neighbours
        ticks = sorted(chart.ticks)
        axis = [Cell()]
        start = 0
        for k, (fraction, label) in enumerate(ticks):
            end = steps if k == len(ticks) - 1 else round((fraction + ticks[k + 1][0]) / 2 * steps)
            if end > start:
                axis.append(Cell(label, span=end - start, align=WD_ALIGN_PARAGRAPH.CENTER, color="444444"))
                start = end
        if start < steps:
            axis.append(Cell(span=steps - start))
        axis.append(Cell())
        self._row(table, axis, columns, svg_text, Emu(round(30 * unit)))
        # a cell ends with a paragraph (Word's rule; python-docx adds it after the table): kept 1 pt tall
        self.shape(holder.paragraphs[-1], 1.0, height=1.0)
        self._gap = 0.8 * self.size
        self._last = None
        return frame

    def _row(self, table: Table, cells: list[Cell], columns: Sequence[Length], size: float, height: Length) -> None:
        """A chart row (Writer.chart): exactly `height` tall."""
        tr = table._tbl.add_tr()
        tr_pr = tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        _set(tr_pr, "w:trHeight", {"w:val": str(round(height / 635)), "w:hRule": "exact"})
        col = 0
        for cell in cells:
            tc = tr.add_tc()
            span = max(cell.span, 1)
            tc.width = Emu(sum(columns[col:col + span]))
            if span > 1:
                tc.grid_span = span
            tc_pr = tc.get_or_add_tcPr()
            if cell.fill:
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:color"), "auto")
                shd.set(qn("w:fill"), cell.fill.lstrip("#").upper())
                _place(tc_pr, shd, after=("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders"))
                mar = OxmlElement("w:tcMar")  # a bar is drawn to the edge of its cells
                for side in ("top", "left", "bottom", "right"):
                    el = OxmlElement(f"w:{side}")
                    el.set(qn("w:w"), "0")
                    el.set(qn("w:type"), "dxa")
                    mar.append(el)
                _place(tc_pr, mar, after=("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
                                          "w:noWrap"))
            valign = OxmlElement("w:vAlign")
            valign.set(qn("w:val"), "center")
            tc_pr.append(valign)
            p = _Cell(tc, table).paragraphs[0]
            self.shape(p, size, align=cell.align, height=size * 1.2)
            if cell.text:
                self.run(p, cell.text, size=size, color=cell.color)
            col += span

    # --- the file ---

    def _headers(self, section: Section, numbers: str | None, corner: str) -> None:
        """The page number, a PAGE field centred in the header of every page but the first (w:titlePg:
        the first page has a header of its own, without it), in Thai digits (w:pgNumType
        w:fmt="thaiNumbers"); `corner` at the right of both headers."""
        line = self.size * 1.2
        # the header sits in the top margin, as the PDF's @top-center box
        section.header_distance = Emu(max(Cm(0.4), round((Cm(self.page.top) - Pt(line)) / 2)))
        section.different_first_page_header_footer = bool(numbers)
        headers = [(section.header, bool(numbers))] + ([(section.first_page_header, False)] if numbers else [])
        for header, numbered in headers:
            p = header.paragraphs[0]
            p.style = self.doc.styles["Normal"]  # not "Header": its tab stops (8.25 and 16.5 cm) are not ours
            self.shape(p, self.size, height=line)
            stops = p.paragraph_format.tab_stops
            stops.add_tab_stop(Emu(self.text_width // 2), WD_TAB_ALIGNMENT.CENTER)
            stops.add_tab_stop(self.text_width, WD_TAB_ALIGNMENT.RIGHT)
            self.run(p, "\t")
            if numbered:
                if numbers == "dash":
                    self.run(p, "- ")
                self.field(p, "PAGE", f.digits(2))  # the field's text until the program computes it
                if numbers == "dash":
                    self.run(p, " -")
            if corner:
                self.run(p, "\t")
                self.run(p, corner, bold=True)
        if numbers:
            number_type = OxmlElement("w:pgNumType")
            number_type.set(qn("w:fmt"), "thaiNumbers")
            _place(section._sectPr, number_type,
                   after=("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
                          "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType"))

    def _properties(self) -> None:
        """The core and app properties (see the module docstring); no trace of the template."""
        meta = self.meta
        props = self.doc.core_properties
        props.title = meta.title
        props.subject = meta.subject
        props.author = meta.office
        props.last_modified_by = meta.office
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.language = THAI
        props.revision = 1
        # noon of the document's day in the office's timezone, written as UTC as the format wants it
        noon = datetime.combine(meta.day, time(12), tzinfo=ZoneInfo(meta.timezone)).astimezone(UTC)
        props.created = props.modified = noon.replace(tzinfo=None)
        package = self.doc.part.package
        for rid, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[rid]
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = _app_xml(meta.office)

    def update_fields_on_open(self) -> None:
        """Word recomputes the fields (the contents' page numbers) when the file is opened."""
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        later = [qn(t) for t in ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
                                 "w:rsids")]
        anchor = next((el for el in settings if el.tag in later), None)
        if anchor is not None:
            anchor.addprevious(update)
        else:
            settings.append(update)

    def save(self, path: Path) -> Path:
        with files.atomic_path(path) as tmp:
            self.doc.save(str(tmp))
        return path


def _app_xml(office: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Application>sheetsync</Application><Company>{html.escape(office, quote=False)}</Company>"
            "<DocSecurity>0</DocSecurity></Properties>").encode()


def _set(parent: BaseOxmlElement, tag: str, attrs: dict[str, str]) -> None:
    """Set (or add) the child `tag` of `parent` with `attrs`."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    for k, value in attrs.items():
        el.set(qn(k), value)


def _place(parent: BaseOxmlElement, child: BaseOxmlElement, after: Sequence[str]) -> None:
    """Insert `child` after the last of `after` present (the schema's order), replacing one of its tag."""
    old = parent.find(child.tag)
    if old is not None:
        parent.remove(old)
    tags = {qn(t) for t in after}
    previous = [el for el in parent if el.tag in tags]
    if previous:
        previous[-1].addnext(child)
    else:
        parent.insert(0, child)


@_with_docx
def thai_run_properties(rpr: BaseOxmlElement, font: str, size: float, bold: bool = False) -> None:
    """Complex-script font, size and language on a run or style (see the module docstring)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    half_points = str(round(size * 2))
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), half_points)
    if bold and rpr.find(qn("w:bCs")) is None:
        rpr.append(OxmlElement("w:bCs"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:bidi"), THAI)
    # python-docx writes child elements in call order; Word accepts any order of these in practice,
    # and LibreOffice too, but keep the schema order (rFonts first, then b/bCs, sz, szCs, lang last).
    _reorder(rpr)


_ORDER = ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:strike", "w:color", "w:sz", "w:szCs",
          "w:highlight", "w:u", "w:vertAlign", "w:rtl", "w:cs", "w:lang"]


def _reorder(rpr: BaseOxmlElement) -> None:
    rank = {qn(t): i for i, t in enumerate(_ORDER)}
    children = list(rpr)
    children.sort(key=lambda el: rank.get(el.tag, len(_ORDER)))
    for el in children:
        rpr.remove(el)
        rpr.append(el)


# --- the documents ---------------------------------------------------------------------------------

def _memo_body(w: Writer, memo: MemoData, garuda: Path | None) -> None:
    """บันทึกข้อความ as memo.html: the emblem and title on a 1.9 cm line, the four header lines, เรียน,
    the paragraphs, one table per group (its heading kept with it), the closing, the signature."""
    size = w.size
    head = w.para(height=Cm(1.9).pt)
    head.paragraph_format.tab_stops.add_tab_stop(w.text_width // 2, WD_TAB_ALIGNMENT.CENTER)
    w.emblem(garuda, 1.5, head)
    w.run(head, "\t" + v.MEMO_TITLE, bold=True, size=29)
    w.header_line([(v.MEMO_UNIT, memo.unit, w.text_width)])
    w.header_line([(v.MEMO_NO, memo.number, Cm(8)), (v.MEMO_DATE, f.be_date(memo.issued_on), w.text_width)])
    w.header_line([(v.MEMO_SUBJECT, memo.subject, w.text_width)])
    to = w.para(before=0.5 * size, after=0.3 * size)
    w.run(to, v.MEMO_TO, bold=True)
    w.run(to, f" {memo.to}")
    for text in memo.paragraphs:
        w.para(text, indent=True)
    tables = [[[f.digits(i), row.what, "\n".join(row.todo), f.be_date(row.due, "short")]
               for i, row in enumerate(group.rows, start=1)] for group in memo.groups]
    every = [row for rows in tables for row in rows]  # one set of widths for all the groups' tables
    for n, (group, rows) in enumerate(zip(memo.groups, tables, strict=True), start=1):
        w.heading(v.MEMO_GROUP_HEAD.format(no=f.digits(n), name=group.name), left=INDENT, before=0.4 * size)
        # col.no 2em, col.what 33 %, the rest, col.due 6.6em (memo.html); no and due as wide as they need
        w.table(v.MEMO_TABLE, rows, [FIT, 33, 40, FIT], measure=every,
                aligns=[WD_ALIGN_PARAGRAPH.CENTER, None, None, None])
    for text in memo.closing:
        w.para(text, indent=True)
    w.signature([f"({memo.signer.name})", memo.signer.position], left=Emu(round(w.text_width * 0.4)))


@_with_docx
def memo_docx(memo: MemoData, path: Path, font: str, size: float, garuda: Path | None,
              meta: Meta | None = None) -> Path:
    w = Writer(font, size, meta or Meta(f"{v.MEMO_TITLE} {memo.number}", memo.unit, memo.issued_on, memo.subject),
               MEMO_PAGE)
    _memo_body(w, memo, garuda)
    return w.save(path)


def _order_body(w: Writer, order: OrderData, garuda: Path | None) -> None:
    """คำสั่ง as _order_body.html: the emblem's 3 cm (left blank without one), title, number, subject, the
    rule, the paragraphs, the members, the duties, the closing, สั่ง ณ วันที่ and the signature."""
    size = w.size
    if garuda is not None:
        w.emblem(garuda, 3.0, w.para(align=WD_ALIGN_PARAGRAPH.CENTER, height=Cm(3.2).pt))
    else:
        w.spacer(Cm(3.2).pt)  # .order-head .garuda: 3 cm and 0.2 cm below, an emblem or not
    w.para(order.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=size * 1.15, keep_next=True)
    for line in (order.number, order.subject, v.ORDER_RULE):
        w.para(line, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    for text in order.paragraphs:
        w.para(text, indent=True)
    rows = [[m.no, "\n".join(p for p in (f"{m.name} {m.position}", m.indicators) if p), m.role] for m in order.members]
    # .members: 1 cm in, the number right-aligned in a column as wide as "๑๐.", the role 6em of the 15 cm
    w.table(None, rows, [FIT, 73, 27], MEMBERS, indent=Cm(1),
            aligns=[WD_ALIGN_PARAGRAPH.RIGHT, None, None])
    if order.duties:
        w.para(order.duties_intro, indent=True)
        for duty in order.duties:
            w.para(duty, left=INDENT)
    for text in order.closing:
        w.para(text, indent=True)
    w.para(order.given, indent=True, before=0.6 * size)
    w.signature([f"({order.signer.name})", order.signer.position], left=Emu(round(w.text_width * 0.4)))


@_with_docx
def order_docx(order: OrderData, path: Path, font: str, size: float, garuda: Path | None,
               meta: Meta | None = None) -> Path:
    w = Writer(font, size, meta or Meta(f"{order.title} {order.number}", "", date.today(), order.subject), MEMO_PAGE)
    _order_body(w, order, garuda)
    return w.save(path)


# --- issue 8: the committee meeting pack ------------------------------------------------------------

@_with_docx
def meeting_docx(meeting: MeetingData, part: str, path: Path, font: str, size: float, meta: Meta | None = None) -> Path:
    """The agenda (part "agenda") or the minutes' frame (part "minutes"), as meeting.html lays them out."""
    title = meeting.agenda_title if part == "agenda" else meeting.minutes_title
    w = Writer(font, size, meta or Meta(title, meeting.office, date.today()), MEMO_PAGE)
    sub = Cm(1.25)
    dots = fit_line(v.MTG_LINE, w.text_width.pt - sub.pt, size)  # .mtg-dots: one line, cut at the margin
    w.para(title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=size * 1.1, keep_next=True)
    for n, line in enumerate(meeting.header):
        w.para(line, align=WD_ALIGN_PARAGRAPH.CENTER, after=0.6 * size if n == len(meeting.header) - 1 else 0.0)
    if part == "minutes":
        w.heading(v.MTG_PRESENT, before=0.3 * size)
        # col.no 2em, name 30 %, position the rest, role 18 %, sign 12 %; the name as wide as it needs
        w.table(v.MTG_ATTENDEE_TABLE, [[a.no, a.name, a.position, a.role, ""] for a in meeting.attendees],
                [FIT, FIT, 40, 18, 12], MEETING, aligns=[WD_ALIGN_PARAGRAPH.CENTER, None, None, None, None],
                auto=True)
        for label in (v.MTG_ABSENT, v.MTG_GUESTS):
            w.heading(label, before=0.3 * size)
            w.para(dots, left=sub)
        w.heading(v.MTG_START, before=0.3 * size)
    for item in meeting.items:
        w.heading(f"{item.no} {item.title}", before=0.5 * size)
        for s in item.sections:
            if s.heading:
                w.heading(s.heading, left=sub)
            for line in s.lines:
                w.para(line, left=sub)
            if s.table:
                w.table(s.table.head, s.table.rows, _auto_widths(w, s.table.head, s.table.rows, MEETING), MEETING,
                        auto=True)
        if part == "minutes":
            w.heading(v.MTG_RESOLUTION, before=0.3 * size)
            w.para(dots, left=sub)
            w.para(dots, left=sub)
    if part == "minutes":
        w.heading(v.MTG_END, before=0.3 * size)
        lines = [v.MTG_SIGN.format(role=v.MTG_RECORDER), meeting.recorder, meeting.recorder_position]
        w.signature([x for x in lines if x], left=Emu(round(w.text_width * 0.4)))
        lines = [v.MTG_SIGN.format(role=v.MTG_CHECKER), meeting.checker, meeting.checker_position]
        w.signature([x for x in lines if x], left=Emu(round(w.text_width * 0.4)), before=0.0)
    return w.save(path)


def _auto_widths(w: Writer, head: Sequence[str], rows: Sequence[Sequence[str]], style: TableStyle) -> list[float | None]:
    """Weights for a table the CSS lays out automatically: each column by its widest line (a short
    column, a number or a date, as wide as it needs)."""
    widest = _widest(head, rows, w.size * style.em, w.meta.phrases)
    narrow = narrow_columns(head, rows, w.size * style.em, w.text_width.pt, w.meta.phrases)
    return [FIT if n else wd for wd, n in zip(widest, narrow, strict=True)]


def _widest(head: Sequence[str], rows: Sequence[Sequence[str]], size: float, phrases: Iterable[str]) -> list[float]:
    return [max([text_pt(keep_together(x, phrases), size) for x in [h, *(r[i] for r in rows)]] or [0.0])
            for i, h in enumerate(head)]


def narrow_columns(head: Sequence[str], rows: Sequence[Sequence[str]], size: float, width: float,
                   phrases: Iterable[str] = ()) -> list[bool]:
    """Which columns of an automatically laid out table are set as wide as their widest line and never
    wrap: those under 18 % of the text's `width` (pt) at `size` (pt). The one rule for both formats: the
    DOCX gives them FIT, the HTML (meeting.html) class "fit", else WeasyPrint's auto layout gives the
    long first column nearly all the room and breaks "๔.๖๗ ดีเยี่ยม" into two lines that LibreOffice
    sets on one, and the PDF runs a page longer than its DOCX."""
    return [wd < width * 0.18 for wd in _widest(head, rows, size, phrases)]


@_with_docx
def assignments_docx(sheets: list[AssignmentSheet], path: Path, font: str, size: float, meta: Meta | None = None) -> Path:
    """One page per group, as briefing.html lays them out (body 0.8em, line 1.35, @page assign)."""
    w = Writer(font, size, meta or Meta(sheets[0].title if sheets else "", "", date.today()), ASSIGN_PAGE)
    s_ = size * 0.8
    line = 1.35
    sub = Cm(1)
    for n, s in enumerate(sheets):
        w.para(s.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=s_ * 1.2, line=line, after=0.3 * s_ * 1.2,
               keep_next=True, page_break=n > 0)
        w.para(s.group, bold=True, size=s_, line=line)
        w.para(s.head, size=s_, line=line)
        for heading, lines in _assignment_parts(s):
            w.heading(heading, size=s_ * 1.05, line=line, before=0.5 * s_ * 1.05, after=0.1 * s_ * 1.05)
            for block in lines:
                for k, text in enumerate(block):
                    last = k == len(block) - 1
                    # .assign-ind: an indicator's lines kept on one page (page-break-inside: avoid)
                    w.para(text, size=s_, line=line, bold=len(block) > 1 and k == 0, left=sub if k or len(block) == 1 else None,
                           keep_next=not last, keep_lines=True, after=0.3 * s_ if last and len(block) > 1 else 0.0)
    return w.save(path)


def _assignment_parts(s: AssignmentSheet) -> list[tuple[str, list[list[str]]]]:
    """An assignment page's parts: heading, then blocks of lines (an indicator: its title, then its lines)."""
    return [
        (v.BRF_INDICATORS, [[i.label, i.method, *i.criteria, i.rule] for i in s.indicators]),
        (v.BRF_COLUMNS, [[", ".join(s.columns)]]),
        (v.BRF_MILESTONES, [[f"{f.digits(k)}. {m}"] for k, m in enumerate(s.milestones, start=1)]),
        (v.BRF_WHERE, [[s.where]]),
    ]


# --- issue 19: the SAR, the brief and the e-MES pages -----------------------------------------------

@_with_docx
def brief_docx(brief: BriefData, path: Path, font: str, size: float, meta: Meta) -> Path:
    """The director's one page, as brief.html: the level and trend, each group's bar, the urgent items."""
    w = Writer(font, size, meta, BRIEF_PAGE)
    s = size * 0.8
    line = 1.35
    w.para(brief.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=s * 1.3, line=line, after=0.2 * s * 1.3)
    w.para(f"{brief.office}{NBSP} {brief.as_of}", align=WD_ALIGN_PARAGRAPH.CENTER, size=s, line=line)
    kv = [(v.BRIEF_LEVEL, brief.level), (v.BRIEF_TREND, brief.trend)]
    if brief.round:
        kv.append((v.BRIEF_ROUND, brief.round))
    if brief.signoff:
        kv.append((v.BRIEF_SIGNOFF, brief.signoff))
    kv.append((v.BRIEF_NEXT, brief.next_deadline))
    plain = TableStyle(em=0.8, line=line, pad_v=0.05, pad_h=0.1, grid=False, head_fill=None, before=0.0, after=0.0)
    w.table(None, [[Cell(k, bold=True), x] for k, x in kv], [32, 68], plain)
    w.heading(brief.groups_head, size=s * 1.1, line=line, before=0.6 * s * 1.1, after=0.2 * s * 1.1)
    # name 45 %, the bar (a 3.5 cm track, its filled part shaded) with the progress, the level
    steps = 20
    track = Cm(3.5)
    size_pt = s
    name_w = Emu(round(w.text_width * 0.45))
    progress = max([text_pt(g.progress, s) for g in brief.groups] or [0.0]) * 1.04 + 0.6 * s
    level = max([text_pt(g.level, s) for g in brief.groups] + [text_pt(v.BRIEF_GROUP_TABLE[-1], s, True)]) * 1.04 + 0.6 * s
    rest = w.text_width - name_w - track - Pt(progress) - Pt(level)
    columns = [Emu(name_w + max(rest, 0)), *[Emu(round(track / steps))] * steps, Pt(progress), Pt(level)]
    style = TableStyle(em=0.8, line=line, pad_v=0.1, pad_h=0.3, grid=False, head_fill=None, before=0.0, after=0.0)
    heads = v.BRIEF_GROUP_TABLE
    lines: list[tuple[list[Cell], bool]] = [([Cell(heads[0], bold=True, align=WD_ALIGN_PARAGRAPH.LEFT),
                                              Cell(heads[1], span=steps + 1, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT),
                                              Cell(heads[2], bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)], True)]
    for g in brief.groups:
        filled = max(0, min(steps, round(g.percent / 100 * steps)))
        cells = [Cell(g.name)]
        if filled:
            cells.append(Cell(span=filled, fill=g.color))
        if steps - filled:
            cells.append(Cell(span=steps - filled, fill="EEEEEE"))
        cells += [Cell(g.progress), Cell(g.level, color=g.level_color.lstrip("#"))]
        lines.append((cells, False))
    table = w.grid(lines, columns, style, size_pt)
    _rule_under_rows(table)
    w.heading(v.BRIEF_URGENT, size=s * 1.1, line=line, before=0.6 * s * 1.1, after=0.2 * s * 1.1)
    if brief.urgent:
        for n, item in enumerate(brief.urgent, start=1):
            p = w.para(size=s, line=line, left=Pt(1.5 * s), hanging=Pt(1.2 * s))
            w.run(p, f"{f.digits(n)}. ", size=s)
            w.run(p, f"[{item.state}]", bold=True, size=s)
            w.run(p, f" {item.text}", size=s)
    else:
        w.para(v.BRIEF_NO_URGENT, size=s, line=line)
    w.para(brief.signer, align=WD_ALIGN_PARAGRAPH.RIGHT, size=s, line=line, before=s, color="555555")
    return w.save(path)


def _rule_under_rows(table: Table) -> None:
    """.brief-groups: a 0.5 pt grey rule under every cell."""
    for tc in table._tbl.iter(qn("w:tc")):
        borders = OxmlElement("w:tcBorders")
        bottom = OxmlElement("w:bottom")
        for k, x in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "999999")):
            bottom.set(qn(k), x)
        borders.append(bottom)
        _place(tc.get_or_add_tcPr(), borders, after=("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge"))


@_with_docx
def emes_docx(page: EmesPage, path: Path, font: str, size: float, meta: Meta, *, title: str, label: str,
              office_name: str, round_name: str, closed: str) -> Path:
    """One indicator's e-MES report for one round, as emes.html."""
    w = Writer(font, size, meta, DEFAULT_PAGE)
    w.para(title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=size * 1.1, line=1.4, keep_next=True)
    w.para(office_name, align=WD_ALIGN_PARAGRAPH.CENTER, after=0.6 * size)
    w.para(v.EMES_ROUND.format(round=round_name))
    w.para(closed, bold=True)
    w.para(v.EMES_FROZEN, size=size * 0.85, color="333333", after=0.4 * size * 0.85)
    p = w.para()
    w.run(p, f"{label} {page.title}", bold=True)
    w.run(p, f" ({page.method})")
    w.para(v.EMES_SCORE.format(score=f.score(page.score), label=page.label))
    before, after = v.EMES_REPORTED_ON.split("{date}")
    rows = [[r.group, r.target,
             "\n".join(x for x in (r.result, r.measure, v.SAR_EXPLANATION.format(text=r.explanation)
                                   if r.explanation else "") if x), r.level, r.evidence,
             "\n".join(x for x in (r.reporter, f"{before}{r.reported_on}{after}" if r.reported_on else "", *r.signed) if x)]
            for r in page.rows]
    # the template's widths, none narrower than a name or a date it holds (the reporter, รายงานเมื่อ ...,
    # เมื่อ ๓๐ มี.ค. ๒๕๗๐ of the sign-off: at 19 % the date ran past the cell's border)
    w.table(v.EMES_ROUND_HEAD, rows, [17, 15, 19, 11, 14, 24], TableStyle(em=0.75, before=0.4 / 0.75), auto=True)
    if page.made:
        w.para(page.made, before=0.6 * size)
    if page.signers:
        # .emes-signers: two a row, 50 % each, centred, 0.9em; kept together
        cells = [[Cell("\n".join((v.EMES_SIGN.format(role=s.role), f"({s.name})", s.position)),
                       align=WD_ALIGN_PARAGRAPH.CENTER) for s in page.signers[k:k + 2]]
                 for k in range(0, len(page.signers), 2)]
        cells = [row + [Cell()] * (2 - len(row)) for row in cells]
        style = TableStyle(em=0.9, line=LINE, pad_v=0.0, pad_h=0.0, grid=False, head_fill=None, detail_em=1.0,
                           detail_color=None, before=1.2 / 0.9, after=0.0)
        w.table(None, cells, [1, 1], style, keep=True)
    return w.save(path)


@_with_docx
def sar_docx(sar: SarData, path: Path, font: str, size: float, meta: Meta, garuda: Path | None = None) -> Path:
    """The SAR, every part of sar.html: cover, foreword, contents (page numbers by PAGEREF fields, which
    LibreOffice computes as it lays out and Word when the file opens), parts 1-4 with the charts as
    tables of the same bars, the order and the evidence index as appendices; ฉบับร่าง at the top right
    of every page while it is a draft."""
    w = Writer(font, size, meta, SAR_PAGE, corner=v.SAR_DRAFT if sar.draft else "")
    fy = f.fiscal_year(sar.fiscal_year)
    as_of = v.SAR_DATA_AS_OF.format(date=f.be_date(sar.as_of))
    center = WD_ALIGN_PARAGRAPH.CENTER
    muted = "555555"
    # the cover (@page sar-cover, no number): 4 cm down, the titles, the office 5 cm lower, the date 2 cm
    w.spacer(Cm(4).pt)
    w.para(v.SAR_TITLE, align=center, bold=True, size=size * 2.2, line=1.3)
    for text in (v.SAR_TITLE_EN, v.SAR_SUBTITLE, fy):
        w.para(text, align=center, bold=True, size=size * 1.3, before=0.4 * size * 1.3)
    w.para(sar.office, align=center, bold=True, size=size * 1.3, before=Cm(5).pt)
    w.para(v.OBEC, align=center)
    w.para(v.MOE, align=center)
    w.para(sar.basis or as_of, align=center, before=Cm(2).pt, color=muted)
    if sar.draft:
        w.para(v.SAR_DRAFT_NOTE.format(count=f.number(len(sar.assessment.missing), 0)), align=center, bold=True,
               before=Cm(0.6).pt)

    def h1(text: str, mark: str | None = None) -> None:
        """A part's title (section.part: a new page), bookmarked for the contents."""
        p = w.para(text, align=center, bold=True, size=size * 1.4, after=0.6 * size * 1.4, keep_next=True,
                   keep_lines=True, page_break=True)
        if mark:
            w.bookmark(p, mark)

    def h2(text: str, mark: str | None = None) -> None:
        p = w.heading(text, size=size * 1.15, before=0.8 * size * 1.15, after=0.3 * size * 1.15)
        if mark:
            w.bookmark(p, mark)

    def points(items: Sequence[str | SarPoint], em: float = 1.0) -> None:
        """ol.points / ol.criteria: Thai-numbered, 1.6em in, the number hanging; a point's groups'
        sentences (.said) and its evidence (.evidence, 0.9em) below it, 0.8em further in."""
        s = size * em
        for n, item in enumerate(items, start=1):
            text = item if isinstance(item, str) else item.text
            more: list[tuple[str, float, str | None]] = [] if isinstance(item, str) else [
                (line, s, None) for line in item.lines]
            if not isinstance(item, str) and item.evidence:
                more.append((v.SAR_EVIDENCE_LABEL + "; ".join(e.text for e in item.evidence), s * 0.9, "333333"))
            p = w.para(size=s, left=Pt(1.6 * s), hanging=Pt(1.6 * s), after=0.0 if more else 0.15 * s)
            p.paragraph_format.tab_stops.add_tab_stop(Pt(1.6 * s))
            w.run(p, f"{f.digits(n)}.\t{text}", size=s)
            for k, (line, line_size, color) in enumerate(more):
                w.para(line, size=line_size, left=Pt(2.4 * s), color=color,
                       after=0.15 * s if k == len(more) - 1 else 0.0)

    # foreword
    h1(v.SAR_FOREWORD)
    for text in v.SAR_FOREWORD_TEXT:
        w.para(text.format(fy=fy, work=v.STANDARDS_WORK, office=sar.office, edition=sar.edition or v.ORDER_EDITION_DEFAULT,
                           obec=v.OBEC, as_of=as_of), indent=True)
    half = Emu(round(w.text_width / 2))
    w.para(sar.office, align=center, left=half, before=1.5 * size, keep_next=True)
    w.para(f.be_date(sar.as_of, "month"), align=center, left=half)

    # contents: each entry, a dotted leader to its page number
    h1(v.SAR_CONTENTS)
    w.para(v.SAR_PAGE, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    toc = [(v.SAR_PART1, "part1", 0), (v.SAR_PART2, "part2", 0)]
    toc += [(f"{v.STANDARD} {f.digits(s.code)} {s.title}", f"std{s.code}", 1) for s in sar.standards]
    toc += [(v.SAR_PART3, "part3", 0), (v.SAR_PART4, "part4", 0), (v.SAR_APPENDIX_ORDER, "appendix_order", 0),
            (v.SAR_APPENDIX_EVIDENCE, "appendix_evidence", 0)]
    for text, mark, level in toc:
        p = w.para(left=Pt(1.5 * size) if level else None)
        p.paragraph_format.tab_stops.add_tab_stop(w.text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        w.run(p, f"{text}\t")
        w.field(p, f"PAGEREF {_mark(mark)} \\h")
    w.update_fields_on_open()

    # part 1: the facts (dl.facts: 30 % / 70 %), the groups
    h1(v.SAR_PART1, "part1")
    facts = [(v.SAR_OFFICE_NAME, f"{sar.office} ({sar.short_name})")]
    if sar.address:
        facts.append((v.SAR_ADDRESS, f"{sar.address} {v.PHONE} {sar.phone}" if sar.phone else sar.address))
    facts += [(v.SAR_DIRECTOR, sar.director.name), (v.SAR_COORDINATOR, f"{sar.coordinator.name} {sar.coordinator.position}"),
              (v.SAR_EDITION, sar.edition or v.ORDER_EDITION_DEFAULT)]
    plain = TableStyle(em=1.0, line=LINE, pad_v=0.0, pad_h=0.0, grid=False, head_fill=None, before=0.0, after=0.0)
    w.table(None, [[Cell(term, bold=True), text] for term, text in facts], [30, 70], plain)
    h2(v.SAR_GROUPS)
    w.table(v.SAR_GROUP_TABLE, [[f.digits(g.no), g.name, g.head, ", ".join(f.digits(i) for i in g.indicators)]
                                for g in sar.groups], [8, 44, 28, 20], DATA,
            aligns=[center, None, None, None])

    # part 2: the overview, the charts, each standard and indicator
    h1(v.SAR_PART2, "part2")
    h2(v.SAR_OVERVIEW)
    overview = [[f"{v.STANDARD} {f.digits(s.code)} {s.title}", f.number(s.weight), f.score(s.score), s.label,
                 f"{f.digits(s.reported)}/{f.digits(s.total)}"] for s in sar.standards]
    overview.append([v.SAR_OVERALL_ROW, "", f.score(sar.score), sar.label, f"{f.digits(sar.reported)}/{f.digits(sar.total)}"])
    w.table(v.SAR_OVERVIEW_TABLE, overview, [41, 12, 14, 15, 18], DATA, bold_rows=[len(overview) - 1],
            row_fill={len(overview) - 1: "F4F4F4"}, aligns=[None, center, center, center, center])
    if sar.draft:
        w.para(v.SAR_TABLE_NOTE, size=size * 0.85, color="333333", after=0.4 * size * 0.85)
    for chart in sar.charts:
        w.chart(chart)
    for std in sar.standards:
        h2(f"{v.STANDARD} {f.digits(std.code)} {std.title}", f"std{std.code}")
        for ind in std.indicators:
            w.heading(f"{v.INDICATOR} {f.digits(ind.code)} {ind.title}", before=0.6 * size, after=0.2 * size)
            w.para(f"{ind.method} ({v.SAR_WEIGHT.format(weight=f.number(ind.weight))})", size=size * 0.9,
                   color=muted, keep_next=True)
            if ind.criteria:
                w.para(v.SAR_CRITERIA, size=size * 0.9, keep_next=True)
                points(ind.criteria, 0.9)
            rows = []
            for r in ind.rows:
                color = None if r.state == "reported" else muted  # tr.pending: shown plainly, grey
                explained = v.SAR_EXPLANATION.format(text=r.explanation) if r.explanation else ""
                evidence = "\n".join(f"{p.criterion}: {p.text}" if p.criterion else p.text for p in r.pieces) \
                    if r.pieces else r.evidence
                texts = [_lines(r.group, r.owner, *r.signed), r.target, _lines(r.result, r.measure, explained),
                         _lines(f.digits(r.level), r.level_text) if r.level is not None else "-", evidence]
                rows.append([Cell(t, color=color) for t in texts])
            # sar.html's widths: the group, its owner and signer whole on their lines; the evidence a line
            # per criterion (issue 17)
            w.table(v.SAR_INDICATOR_TABLE, rows, [30, 15, 23, 10, 22], DATA, aligns=[None, None, None, center, None])
            score = f"{f.score(ind.score)} {ind.label}" if ind.score is not None else ind.label
            partial = (v.SAR_INDICATOR_PARTIAL.format(reported=f.digits(ind.reported), total=f.digits(ind.owners))
                       if ind.score is not None and ind.reported < ind.owners else "")
            w.para(v.SAR_INDICATOR_RESULT.format(score=score) + partial, bold=True, after=0.6 * size)

    # part 3: the outputs
    h1(v.SAR_PART3, "part3")
    w.para(v.SAR_OUTPUTS_INTRO, indent=True)
    if sar.outputs:
        w.table(v.SAR_OUTPUTS_TABLE, [[o.no, o.title, o.group, o.description, ", ".join(o.indicators), o.evidence]
                                      for o in sar.outputs], [6, 20, 19, 24, 12, 19], DATA,
                aligns=[center, None, None, None, center, None])
    else:
        w.para(v.SAR_NO_OUTPUTS, indent=True)

    # part 4: the summary, last year beside this one, strengths, improvements, guidelines, what is missing
    h1(v.SAR_PART4, "part4")
    h2(v.SAR_SUMMARY)
    if sar.basis:
        w.para(sar.basis, color=muted)
    w.para(sar.assessment.summary[0], indent=True)
    points(sar.assessment.summary[1:])
    if sar.comparison:
        c = sar.comparison
        h2(v.SAR_YEAR_TITLE.format(fy=f.digits(c.previous_fy)))
        heads = [h.format(previous=f.digits(c.previous_fy), current=f.digits(sar.fiscal_year)) for h in v.SAR_YEAR_HEAD]
        w.table(heads, [[r.label, r.previous, r.current, r.change] for r in c.rows], [1, 1, 1, 1], DATA)
        w.para(v.SAR_YEAR_NOTE.format(fy=f.digits(c.previous_fy), as_of=f.be_date(c.as_of)), indent=True)
    sections: list[tuple[str, Sequence[str | SarPoint]]] = [
        (v.SAR_STRENGTHS, sar.assessment.strengths), (v.SAR_IMPROVE, sar.assessment.improvements),
        (v.SAR_GUIDELINES, sar.assessment.guidelines)]
    for title, items in sections:
        h2(title)
        if items:
            points(items)
        else:
            w.para(v.SAR_NONE, indent=True)
    if sar.assessment.missing:
        h2(v.SAR_MISSING)
        w.para(v.SAR_MISSING_INTRO, indent=True)
        w.table(v.SAR_MISSING_TABLE, [[f.digits(n), f"{m.indicator} {m.title}", _lines(m.group, m.why)]
                                      for n, m in enumerate(sar.assessment.missing, start=1)], [8, 52, 40], DATA,
                aligns=[center, None, None])

    # the appendices: the order, the evidence index
    h1(v.SAR_APPENDIX_ORDER, "appendix_order")
    _order_body(w, sar.order, garuda)
    h1(v.SAR_APPENDIX_EVIDENCE, "appendix_evidence")
    if sar.evidence:
        w.table(v.SAR_EVIDENCE_TABLE, [[_lines(e.what, e.criterion), e.group, e.evidence] for e in sar.evidence],
                [42, 25, 33], DATA)
    else:
        w.para(v.SAR_NO_EVIDENCE, indent=True)
    return w.save(path)


def _mark(name: str) -> str:
    """A bookmark name Word accepts (a letter first, letters, digits and _ only, at most 40)."""
    return ("sar_" + re.sub(r"\W", "_", name))[:40]


def _lines(first: str, *more: str) -> str:
    """A cell's lines: the first, then each of `more` that says something."""
    return "\n".join([first, *(m for m in more if m)])


__all__ = ["FIT", "Cell", "Meta", "Page", "TableStyle", "Writer", "assignments_docx", "brief_docx", "emes_docx",
           "keep_together", "meeting_docx", "memo_docx", "office_meta", "order_docx", "sar_docx"]
