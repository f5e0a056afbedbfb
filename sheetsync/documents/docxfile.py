"""The memo and the order as DOCX (python-docx), so an office can edit them in Word or LibreOffice.

Word shapes Thai as a complex script: it takes the font from w:rFonts/@w:cs and the size from
w:szCs, and bold from w:bCs, not from the Latin attributes. Without them Thai falls back to another
font and size whatever the Latin font says, so every run and the Normal style set both, plus
w:lang/@w:bidi="th-TH" so spelling and line breaking treat the text as Thai. The font is the one the
office's PCs have (config `documents.docx_font`, default TH SarabunPSK, 16 pt).

Every run's text goes through `safe.for_document` (Writer.run is the one place text enters the file):
lxml refuses the characters XML cannot hold (a NUL, ESC or BEL from a Google cell), so they are
removed, and a string longer than safe.TEXT_MAX is cut.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from sheetsync.core import docvocab as v
from sheetsync.core import thaifmt as f
from sheetsync.core.contents import MemoData, OrderData
from sheetsync.core.packs import AssignmentSheet, MeetingData
from sheetsync.documents import safe
from sheetsync.store import files

PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
LEFT, RIGHT = Cm(3), Cm(2)  # ระเบียบงานสารบรรณ: left 3 cm, right 2 cm
TEXT_WIDTH = PAGE_WIDTH - LEFT - RIGHT
INDENT = Cm(2.5)  # first line of a paragraph
THAI = "th-TH"


class Writer:
    """A DOCX document with the office's Thai font on every run."""

    def __init__(self, font: str, size: float, top: float = 1.5) -> None:
        self.font, self.size = font, size
        self.doc: DocxDocument = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin, section.right_margin = LEFT, RIGHT
        section.top_margin, section.bottom_margin = Cm(top), Cm(2)
        normal = self.doc.styles["Normal"]
        normal.font.name = font
        normal.font.size = Pt(size)
        thai_run_properties(normal.element.get_or_add_rPr(), font, size)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.line_spacing = 1.0

    def run(self, paragraph: Paragraph, text: str, bold: bool = False, size: float | None = None,
            dotted: bool = False) -> Run:
        run = paragraph.add_run(f.glue_numbers(safe.for_document(text)))
        run.font.name = self.font
        run.font.size = Pt(size or self.size)
        run.bold = bold or None
        if dotted:
            run.font.underline = WD_UNDERLINE.DOTTED
        thai_run_properties(run._r.get_or_add_rPr(), self.font, size or self.size, bold)
        return run

    def para(self, text: str = "", indent: bool = False, align: WD_ALIGN_PARAGRAPH | None = None,
             bold: bool = False, left: Cm | None = None, size: float | None = None) -> Paragraph:
        p = self.doc.add_paragraph()
        if indent:
            p.paragraph_format.first_line_indent = INDENT
        if left is not None:
            p.paragraph_format.left_indent = left
        # python-docx types the setter without None, though None is documented (and works) as "inherit".
        p.alignment = align if align is not None else (WD_ALIGN_PARAGRAPH.THAI_JUSTIFY if indent else None)  # type: ignore[assignment]
        if text:
            self.run(p, text, bold=bold, size=size)
        return p

    def header_line(self, parts: list[tuple[str, str, int]]) -> Paragraph:
        """Each label in bold (20 pt as on form 29), then its text on a dotted line that runs to a tab
        stop: an underlined tab draws the dots under the empty rest of the line, as the form has them."""
        p = self.doc.add_paragraph()
        for label, text, stop in parts:
            kind = WD_TAB_ALIGNMENT.RIGHT if stop >= TEXT_WIDTH else WD_TAB_ALIGNMENT.LEFT
            p.paragraph_format.tab_stops.add_tab_stop(stop, kind)
            self.run(p, label, bold=True, size=self.size + 4)
            self.run(p, f" {text}\t", dotted=True)
        return p

    def signature(self, name: str, position: str) -> None:
        self.para()
        self.para()
        for line in (f"({name})", position):
            self.para(line, align=WD_ALIGN_PARAGRAPH.CENTER, left=Cm(7))

    def emblem(self, garuda: Path | None, height_cm: float, paragraph: Paragraph) -> None:
        if garuda is not None:
            paragraph.add_run().add_picture(str(garuda), height=Cm(height_cm))

    def table(self, header: tuple[str, ...] | None, rows: list[list[str]], widths_cm: list[float],
              grid: bool = True) -> Table:
        table = self.doc.add_table(rows=0, cols=len(widths_cm))
        if grid:
            table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths_cm, strict=True):
            column.width = Cm(width)  # the grid: LibreOffice lays out by it, Word by the cells' widths
        for line, bold in ([(list(header), True)] if header else []) + [(r, False) for r in rows]:
            cells = table.add_row().cells
            for cell, text, width in zip(cells, line, widths_cm, strict=True):
                cell.width = Cm(width)
                parts = text.split("\n")
                first = cell.paragraphs[0]
                self.run(first, parts[0], bold=bold)
                for more in parts[1:]:
                    self.run(cell.add_paragraph(), more, size=self.size - 2)
        return table

    def save(self, path: Path) -> Path:
        with files.atomic_path(path) as tmp:
            self.doc.save(str(tmp))
        return path


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

def memo_docx(memo: MemoData, path: Path, font: str, size: float, garuda: Path | None) -> Path:
    w = Writer(font, size)
    head = w.doc.add_paragraph()
    head.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH // 2, WD_TAB_ALIGNMENT.CENTER)
    w.emblem(garuda, 1.5, head)
    w.run(head, "\t" + v.MEMO_TITLE, bold=True, size=29)
    w.header_line([(v.MEMO_UNIT, memo.unit, TEXT_WIDTH)])
    w.header_line([(v.MEMO_NO, memo.number, Cm(8)), (v.MEMO_DATE, f.be_date(memo.issued_on), TEXT_WIDTH)])
    w.header_line([(v.MEMO_SUBJECT, memo.subject, TEXT_WIDTH)])
    to = w.para()
    w.run(to, v.MEMO_TO, bold=True)
    w.run(to, f" {memo.to}")
    for text in memo.paragraphs:
        w.para(text, indent=True)
    for n, group in enumerate(memo.groups, start=1):
        w.para(v.MEMO_GROUP_HEAD.format(no=f.digits(n), name=group.name), bold=True, left=INDENT)
        rows = [[f.digits(i), row.what, "\n".join(row.todo), f.be_date(row.due, "short")]
                for i, row in enumerate(group.rows, start=1)]
        w.table(v.MEMO_TABLE, rows, [1.0, 5.5, 7.0, 2.5])
    for text in memo.closing:
        w.para(text, indent=True)
    w.signature(memo.signer.name, memo.signer.position)
    return w.save(path)


def order_docx(order: OrderData, path: Path, font: str, size: float, garuda: Path | None) -> Path:
    w = Writer(font, size)
    if garuda is not None:
        w.emblem(garuda, 3.0, w.para(align=WD_ALIGN_PARAGRAPH.CENTER))
    else:
        w.para().paragraph_format.space_before = Cm(3)  # the emblem's place, left blank
    w.para(order.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    for line in (order.number, order.subject, v.ORDER_RULE):
        w.para(line, align=WD_ALIGN_PARAGRAPH.CENTER)
    for text in order.paragraphs:
        w.para(text, indent=True)
    rows = [[m.no, "\n".join(p for p in (f"{m.name} {m.position}", m.indicators) if p), m.role] for m in order.members]
    w.table(None, rows, [1.2, 11.3, 3.5], grid=False)
    if order.duties:
        w.para(order.duties_intro, indent=True)
        for duty in order.duties:
            w.para(duty, left=INDENT, align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY)
    for text in order.closing:
        w.para(text, indent=True)
    w.para()
    w.para(order.given, indent=True)
    w.signature(order.signer.name, order.signer.position)
    return w.save(path)


# --- issue 8: the committee meeting pack ------------------------------------------------------------

def meeting_docx(meeting: MeetingData, part: str, path: Path, font: str, size: float) -> Path:
    """The agenda (part "agenda") or the minutes' frame (part "minutes"), as meeting.html lays them out."""
    w = Writer(font, size)
    w.para(meeting.agenda_title if part == "agenda" else meeting.minutes_title, align=WD_ALIGN_PARAGRAPH.CENTER,
           bold=True)
    for line in meeting.header:
        w.para(line, align=WD_ALIGN_PARAGRAPH.CENTER)
    if part == "minutes":
        w.para(v.MTG_PRESENT, bold=True)
        w.table(v.MTG_ATTENDEE_TABLE, [[a.no, a.name, a.position, a.role, ""] for a in meeting.attendees],
                [1.0, 4.0, 5.5, 3.0, 2.5])
        for label in (v.MTG_ABSENT, v.MTG_GUESTS):
            w.para(label, bold=True)
            w.para(v.MTG_LINE, left=Cm(1.25))
        w.para(v.MTG_START, bold=True)
    for item in meeting.items:
        w.para(f"{item.no} {item.title}", bold=True)
        for s in item.sections:
            if s.heading:
                w.para(s.heading, bold=True, left=Cm(1.25))
            for line in s.lines:
                w.para(line, left=Cm(1.25))
            if s.table:
                widths = [16.0 / len(s.table.head)] * len(s.table.head)
                w.table(s.table.head, s.table.rows, widths)
        if part == "minutes":
            w.para(v.MTG_RESOLUTION, bold=True)
            w.para(v.MTG_LINE, left=Cm(1.25))
            w.para(v.MTG_LINE, left=Cm(1.25))
    if part == "minutes":
        w.para(v.MTG_END, bold=True)
        for role, name, position in ((v.MTG_RECORDER, meeting.recorder, meeting.recorder_position),
                                     (v.MTG_CHECKER, meeting.checker, meeting.checker_position)):
            w.para()
            for line in (v.MTG_SIGN.format(role=role), name, position):
                if line:
                    w.para(line, align=WD_ALIGN_PARAGRAPH.CENTER, left=Cm(5))
    return w.save(path)


def assignments_docx(sheets: list[AssignmentSheet], path: Path, font: str, size: float) -> Path:
    """One page per group, as briefing.html lays them out."""
    w = Writer(font, size)
    for n, s in enumerate(sheets):
        if n:
            w.doc.add_page_break()
        w.para(s.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        w.para(s.group, bold=True)
        w.para(s.head)
        w.para(v.BRF_INDICATORS, bold=True)
        for i in s.indicators:
            w.para(i.label, bold=True, left=Cm(0.5))
            for line in (i.method, *i.criteria, i.rule):
                w.para(line, left=Cm(1.25), size=size - 2)
        w.para(v.BRF_COLUMNS, bold=True)
        w.para(", ".join(s.columns), left=Cm(1.25), size=size - 2)
        w.para(v.BRF_MILESTONES, bold=True)
        for k, m in enumerate(s.milestones, start=1):
            w.para(f"{f.digits(k)}. {m}", left=Cm(1.25), size=size - 2)
        w.para(v.BRF_WHERE, bold=True)
        w.para(s.where, left=Cm(1.25), size=size - 2)
    return w.save(path)
