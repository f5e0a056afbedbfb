"""Reading documents back: PDF text and fonts, DOCX XML."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader

MEMBERS = ["นายสมชาย ใจดี", "นางสาวจันทร์เพ็ญ ศรีทอง", "นายประเสริฐ แก้วมณี", "นางสุนีย์ ทองคำ", "นางอรุณี เพชรรัตน์",
           "นายวิชัย บุญมา", "นางกาญจนา สุขสวัสดิ์", "นายธนพล ศรีนวล", "นายอนุชา มีสุข", "นายสุรชัย นิลวงศ์",
           "นางรัชนี ชูแก้ว", "นางวันเพ็ญ รักษ์ถิ่น", "นางสาวพิมพ์ชนก ศรีสุข"]


def squash(text: str) -> str:
    """Text as compared: no whitespace (lines break anywhere). Nothing else: the PDFs' text extracts as
    exactly the Thai that was written (documents/pdftext.py), ำ and the marks' order included."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    return squash("".join(page.extract_text() for page in PdfReader(path).pages))


def assert_in_pdf(text: str, *expected: str) -> None:
    missing = [e for e in expected if squash(e) not in text]
    assert not missing, f"not in the PDF: {missing}"


def _fonts_in(resources: dict, seen: set[int], out: dict[str, bytes | None]) -> None:
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        base = str(font["/BaseFont"])
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object() \
            if "/DescendantFonts" in font else font.get("/FontDescriptor")
        data = descriptor["/FontFile2"].get_data() if descriptor and "/FontFile2" in descriptor else None
        out[base] = data
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if id(xobject) in seen or "/Resources" not in xobject:
            continue
        seen.add(id(xobject))
        _fonts_in(xobject["/Resources"].get_object(), seen, out)


def embedded_fonts(path: Path) -> dict[str, set[str]]:
    """BaseFont (subset prefix dropped) -> family names inside the embedded font file, over every page
    and every form (the SVG charts are forms with their own resources)."""
    found: dict[str, bytes | None] = {}
    for page in PdfReader(path).pages:
        _fonts_in(page["/Resources"].get_object(), set(), found)
    families = {}
    for base, data in found.items():
        names = set()
        if data:
            font = TTFont(io.BytesIO(data))
            names = {font["name"].getDebugName(i) for i in (1, 16)} - {None}
        families[base.split("+", 1)[-1]] = names
    return families


def images_in(path: Path) -> int:
    """How many distinct images the PDF draws, forms included."""
    found: set[int] = set()

    def walk(resources: dict, depth: int = 0) -> None:
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                found.add(ref.idnum)
            elif "/Resources" in xobject and depth < 5:
                walk(xobject["/Resources"].get_object(), depth + 1)

    for page in PdfReader(path).pages:
        walk(page["/Resources"].get_object())
    return len(found)


def links_in(path: Path) -> set[str]:
    return {str(a.get_object()["/A"]["/URI"]) for page in PdfReader(path).pages for a in page.get("/Annots", [])
            if "/URI" in a.get_object().get("/A", {})}


def docx_xml(path: Path, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def docx_text(path: Path) -> str:
    """The text of the runs, no-break spaces (before numbers) read as spaces."""
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", docx_xml(path))).replace("\u00a0", " ")
