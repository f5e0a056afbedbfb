"""Text that copies: what a reader extracts from our PDFs is the Thai that was written (issue 19).

Why WeasyPrint's PDFs read back wrong. A PDF's content stream shows glyph codes (WeasyPrint: code = CID =
glyph id, Identity-H) and its ToUnicode map gives each code one text. WeasyPrint fills that map while it
draws (weasyprint/draw/text.py, draw_first_line: `if glyph_id not in font.to_unicode:
font.to_unicode[glyph_id] = <the text of the glyph's HarfBuzz cluster>`, the whole text on the cluster's
last glyph, "" on the others) and writes it once per font (weasyprint/pdf/fonts.py,
build_fonts_dictionary). Thai breaks that one-glyph-one-text assumption:

- HarfBuzz's Thai shaper draws SARA AM (ำ) as NIKHAHIT + SARA AA, the same SARA AA glyph as า's, and moves
  the nikhahit before a tone mark (น้ำ is drawn น ํ ้ า, one cluster). Whichever comes first in a document
  decides for all: every า then reads ำ ("การ" read "กำร") or every ำ reads า (bold "อำนวยการ" read
  "อานวยการ"), the nikhahit reads nothing, and a tone mark first met inside such a cluster reads nothing
  everywhere (น้ำ read นา).
- Thai marks have no advance. poppler (pdftotext, evince's copy) takes a zero-width glyph drawn where the
  one before it was for overprinted text and cuts the word there, then orders the pieces by position:
  "พื้นที่การศึกษา" read "พื้นทีก ่ ารศึกษา".
- pypdf reads a move right of half a space in a TJ array as a space; WeasyPrint moves the pen back that
  far after a mark it shifted left (ปั้น read "ปั้ น").

The fix, where the glyph-to-text relation is known, while WeasyPrint draws each line:

- the text of every glyph drawn is recorded in order (Font.to_unicode is a GlyphTexts: a dict that, while
  a line is drawn, answers that no glyph is known yet, so draw_first_line hands over every glyph's text);
- a glyph and the Thai/Lao marks drawn after it (a unit) read as one: the first glyph's code reads the
  unit's whole text, the marks' codes "". Read in drawing order (pypdf) that is the text as typed
  (ท ี ่); poppler sees one letter that has a width, and no zero-width glyph that reads anything;
- a glyph that must read otherwise than the text its id already reads is shown with a code of its own:
  its own ToUnicode entry, the glyph's width, and a CIDToGIDMap entry to the very glyph, so the page
  draws exactly what WeasyPrint drew (pixel for pixel: tests/e2e/test_pdf_text.py);
- the move right after a mark is cut in steps pypdf does not take for a space (which draw the same).

The chart labels were drawn wrong as well as read wrong: WeasyPrint lays out SVG <text> one character at a
time (weasyprint/svg/text.py), so a mark has no letter to sit on; templates/_chart.html writes them as HTML.

Scope: installed once, by render.write_pdf, and only for the WeasyPrint versions read for it
(TESTED_MAJORS: 70 installed and run, 69 upstream's source at the time, the same code); otherwise
WeasyPrint is left alone with a warning. Bitmap fonts and glyphs missing from a font keep WeasyPrint's own
codes, and so does a line whose TJ strings are not what was recorded (a WeasyPrint that writes them
otherwise): never a wrong glyph on the page. Cost, measured on the demo office: 5-8 % of WeasyPrint's
time for a document (66 ms of 0.92 s for the SAR, 4-18 ms for a memo, order or agenda).
"""

from __future__ import annotations

import array
import logging
import math
import re
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

log = logging.getLogger(__name__)

# WeasyPrint major versions whose draw_first_line / Font / _build_vector_font_dictionary were read for this
# (69 is upstream main at the time of writing: same to_unicode check-then-set, same TJ strings).
TESTED_MAJORS = (69, 70)

# Our codes count up from the font's glyph count + _RESERVE: WeasyPrint numbers the glyphs missing from a
# font from its glyph count up (Font.get_unused_glyph_id) and keeps 0xFFFF as its last resort. Low codes
# keep the CIDToGIDMap short and the subsetting (which is handed every code) quick.
_RESERVE = 4096
_LAST_CODE = 0xFFFE

Record = tuple[Any, int, str]  # (WeasyPrint Font, glyph id, the text WeasyPrint took for it)


class _State(threading.local):
    records: list[Record] | None = None  # the glyphs of the line being drawn, in order
    off = False  # see unpatched


_state = _State()
_installed: bool | None = None
_lock = threading.Lock()


class GlyphTexts(dict[int, str]):
    """WeasyPrint's Font.to_unicode, glyph code -> text (written as ToUnicode), with codes of our own.

    An ordinary dict to WeasyPrint, except while a line is drawn: then every glyph is reported as new,
    so that draw_first_line gives the text of every glyph it draws, and that text is recorded instead
    of stored (_rewrite_line decides what goes in)."""

    def __init__(self, font: Any, *args: Any) -> None:
        super().__init__(*args)
        self.font = font
        self.extra: dict[tuple[int, str], int] = {}  # (glyph id, text) -> our code
        self.code_gid: dict[int, int] = {}  # our code -> glyph id
        self.next_code = getattr(font, "glyph_count", _LAST_CODE) + _RESERVE

    # Called for every glyph drawn: kept to an attribute look-up and a dict operation.
    def __contains__(self, key: object) -> bool:
        return _state.records is None and dict.__contains__(self, key)

    def __setitem__(self, key: int, value: str) -> None:
        records = _state.records
        if records is None:
            dict.__setitem__(self, key, value)
        else:
            records.append((self.font, key, value))

    def keep(self, gid: int, text: str) -> None:
        """WeasyPrint's own rule: the first text a glyph is drawn with is its text."""
        if not dict.__contains__(self, gid):
            dict.__setitem__(self, gid, text)

    def code(self, gid: int, text: str) -> int:
        """The code that draws glyph `gid` and reads `text`."""
        known = dict.get(self, gid)
        if known == text:
            return gid
        if known is None:
            dict.__setitem__(self, gid, text)
            return gid
        code = self.extra.get((gid, text))
        if code is None:
            if self.next_code > _LAST_CODE:  # no code left: read as WeasyPrint would
                return gid
            code = self.next_code
            self.next_code += 1
            self.extra[(gid, text)] = code
            self.code_gid[code] = gid
            dict.__setitem__(self, code, text)
        return code


# --- which glyphs read as one ---------------------------------------------------------------------

# Thai and Lao combining marks (vowels above and below, tone marks, nikhahit...): drawn with no advance
_MARKS = "".join(chr(c) for c in range(0x0E00, 0x0F00) if unicodedata.category(chr(c)) in ("Mn", "Mc"))
_THAI_LAO = frozenset(chr(c) for c in range(0x0E00, 0x0F00))


def _units(texts: list[str]) -> list[tuple[str, bool]]:
    """Each glyph's text after grouping, and whether it is attached to the glyph before: a unit's first
    glyph reads the unit's text, the others "".

    A glyph joins the unit before it when its text is only Thai/Lao marks, or when it has no text (a
    later glyph of its HarfBuzz cluster holds it: the nikhahit of ำ, a tone mark moved before it) and the
    unit is Thai or Lao; other scripts' glyphs are left as WeasyPrint grouped them."""
    out = [("", True)] * len(texts)
    start = 0
    unit = texts[0] if texts else ""
    for i in range(1, len(texts) + 1):
        text = texts[i] if i < len(texts) else None
        if text is not None and (text.strip(_MARKS) == "" if text else unit[-1:] in _THAI_LAO):
            unit += text
            continue
        out[start] = (unit, False)
        start, unit = i, text or ""
    return out


def _codes(records: list[Record]) -> tuple[list[int], list[bool]]:
    """The code of each recorded glyph, in order, and whether it is a mark attached to the glyph before;
    the glyphs of a run of one font are grouped into units."""
    codes: list[int] = []
    attached: list[bool] = []
    i = 0
    while i < len(records):
        font = records[i][0]
        j = i
        while j < len(records) and records[j][0] is font:
            j += 1
        run = records[i:j]
        texts: GlyphTexts = font.to_unicode
        if font.bitmap:  # Type 3, one byte a glyph: left to WeasyPrint
            for _, gid, text in run:
                texts.keep(gid, text)
                codes.append(gid)
                attached.append(False)
        else:
            missing = font.missing.values()
            known = texts.get
            for (_, gid, drawn), (text, joined) in zip(run, _units([t for _, _, t in run]), strict=True):
                if known(gid) == text:  # the common case, first
                    codes.append(gid)
                elif missing and gid in missing:  # .notdef: WeasyPrint's own code and text
                    texts.keep(gid, drawn)
                    codes.append(gid)
                else:
                    codes.append(texts.code(gid, text))
                attached.append(joined)
        i = j
    return codes, attached


# --- rewriting a drawn line -------------------------------------------------------------------------

_HEX = re.compile(rb"<([0-9a-fA-F]*)>")
# pypdf reads a move to the right of half a space or more in a TJ array as a space. WeasyPrint moves the
# pen left before a mark placed left of its advance (ป้, ปี่: up to a fifth of an em) and back right after
# it: that move is cut in steps below any font's half space, which draw the same.
_STEP = 40.0  # thousandths of an em
_BIG_MOVE = re.compile(rb"-(?:\d{3,}|[4-9]\d)")  # a number of -40 or less, possibly
_NUMBER = re.compile(rb"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _shown(items: list[Any], start: int, records: list[Record]) -> list[tuple[int, int, Any]]:
    """(item index, hex digits per glyph, font) of each `[...] TJ` that draw_first_line appended."""
    out = []
    fonts = {font.hash.encode(): font for font in set(map(itemgetter(0), records))}
    # WeasyPrint's Stream.set_font_size writes no Tf when the font is already the current one (the line
    # before, or the letter before in SVG text): until a Tf, the font is the line's first one.
    current = records[0][0] if records else None
    for index in range(start, len(items)):
        item = items[index]
        if not isinstance(item, bytes):
            continue
        if item.startswith(b"/") and item.endswith(b" Tf"):
            current = fonts.get(item[1:].split(b" ", 1)[0])
        elif item.startswith(b"[") and item.endswith(b"] TJ"):
            out.append((index, 2 if current is not None and current.bitmap else 4, current))
    return out


def _glyph_ids(hexes: bytes, width: int) -> list[int]:
    if width == 2:
        return list(bytes.fromhex(hexes.decode("ascii")))
    ids = array.array("H", bytes.fromhex(hexes.decode("ascii")))
    if sys.byteorder == "little":
        ids.byteswap()  # the PDF's numbers are big-endian
    return ids.tolist()


def _glyph_hex(codes: list[int], width: int) -> bytes:
    if width == 2:
        return bytes(codes).hex().encode("ascii")
    ids = array.array("H", codes)
    if sys.byteorder == "little":
        ids.byteswap()
    return ids.tobytes().hex().encode("ascii")


def _steps(move: float) -> bytes:
    count = math.ceil(-move / _STEP)
    step = round(move / count, 3)
    parts = [step] * (count - 1) + [move - step * (count - 1)]
    return b" ".join(f"{part:.6f}".rstrip("0").rstrip(".").encode() for part in parts)


def _split_moves(between: bytes) -> bytes:
    """The numbers between two glyph strings of a TJ array, a big move right cut in steps."""
    def steps(match: re.Match[bytes]) -> bytes:
        move = float(match.group(0))
        return _steps(move) if move < -_STEP else match.group(0)

    return _NUMBER.sub(steps, between)


def _rewrite_line(items: list[Any], start: int, records: list[Record]) -> None:
    """Give the glyphs that draw_first_line appended to `items` (from `start`) the codes that read right."""
    shown = _shown(items, start, records)
    # Each TJ array split at its glyph strings: [numbers, glyphs, numbers, glyphs, ..., numbers]
    arrays = [_HEX.split(items[index][1:-4]) for index, _, _ in shown]
    fonts = list(map(itemgetter(0), records))
    gids: list[int] = []
    ok = True
    for (_, width, font), parts in zip(shown, arrays, strict=True):
        at = len(gids)
        for hexes in parts[1::2]:
            ok = ok and len(hexes) % width == 0
            if ok:
                gids.extend(_glyph_ids(hexes, width))
        # every glyph of a TJ is of the font set for it
        ok = ok and (at == len(gids) or set(fonts[at:len(gids)]) == {font})
    if not ok or gids != list(map(itemgetter(1), records)):
        # not what we expect to find: WeasyPrint's own codes and texts, unchanged
        log.debug("pdftext: a line's glyphs do not match what was recorded; left as WeasyPrint wrote it")
        for font, gid, text in records:
            font.to_unicode.keep(gid, text)
        return

    codes, attached = _codes(records)
    if codes == gids and not any(_BIG_MOVE.search(items[index]) for index, _, _ in shown):
        return  # nothing to change on this line
    at = 0
    after_mark = False  # the last glyph shown was a mark of a unit
    for (index, width, _), parts in zip(shown, arrays, strict=True):
        for k, part in enumerate(parts):
            if k % 2:  # glyphs
                count = len(part) // width
                parts[k] = b"<" + _glyph_hex(codes[at:at + count], width) + b">"
                if count:
                    after_mark = attached[at + count - 1]
                    at += count
            elif after_mark and _BIG_MOVE.search(part):
                parts[k] = _split_moves(part)
        items[index] = b"[" + b"".join(parts) + b"] TJ"


# --- the patch ---------------------------------------------------------------------------------------

def _wrap_draw_first_line(original: Callable[..., Any]) -> Callable[..., Any]:
    def draw_first_line(stream: Any, *args: Any, **kwargs: Any) -> Any:
        if _state.off or _state.records is not None:  # (a line drawn while drawing a line: not expected)
            return original(stream, *args, **kwargs)
        items = stream.stream  # pydyf.Stream: the content, one bytes item per operator
        start = len(items)
        records: list[Record] = []
        _state.records = records
        try:
            result = original(stream, *args, **kwargs)
        finally:
            _state.records = None
        _rewrite_line(items, start, records)
        return result

    draw_first_line.__wrapped__ = original  # type: ignore[attr-defined]
    return draw_first_line


def _wrap_font_init(original: Callable[..., None]) -> Callable[..., None]:
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.to_unicode = GlyphTexts(self, self.to_unicode)

    __init__.__wrapped__ = original  # type: ignore[attr-defined]
    return __init__


def _wrap_vector_font(original: Callable[..., Any], pydyf: Any) -> Callable[..., Any]:
    def build(font_dictionary: Any, pdf: Any, font: Any, widths: dict[int, Any], compress: bool,
              *args: Any, **kwargs: Any) -> Any:
        texts = font.to_unicode
        code_gid = texts.code_gid if isinstance(texts, GlyphTexts) else {}
        for code, gid in code_gid.items():  # W is by CID: our codes are CIDs of their own
            if gid in widths:
                widths[code] = widths[gid]
        if code_gid and widths is not font.widths:
            # full fonts or PDF forms (sheetsync uses neither): WeasyPrint writes ToUnicode from the
            # font's cmap, not from to_unicode, so our codes read nothing; the pages still draw right
            log.warning("pdftext: %s is embedded whole; its Thai text may copy wrong", font.family)
        if len(font.missing) >= _RESERVE:
            log.warning("pdftext: %s lacks glyphs for %d characters; some text may copy wrong", font.family,
                        len(font.missing))
        result = original(font_dictionary, pdf, font, widths, compress, *args, **kwargs)
        if code_gid:
            descendant = pdf.objects[int(font_dictionary["DescendantFonts"][0].split()[0])]
            cid_to_gid = array.array("H", bytes(2 * (max(code_gid) + 1)))
            for cid in texts:  # the glyph ids the pages draw are their own CIDs (the rest: 0, .notdef)
                if cid < font.glyph_count:
                    cid_to_gid[cid] = cid
            for code, gid in code_gid.items():
                cid_to_gid[code] = gid
            if sys.byteorder == "little":
                cid_to_gid.byteswap()  # the PDF's numbers are big-endian
            stream = pydyf.Stream([cid_to_gid.tobytes()], compress=compress)
            pdf.add_object(stream)
            descendant["CIDToGIDMap"] = stream.reference
        return result

    build.__wrapped__ = original  # type: ignore[attr-defined]
    return build


@contextmanager
def unpatched() -> Iterator[None]:
    """WeasyPrint's own codes and ToUnicode for what this thread draws meanwhile (to compare with)."""
    before = _state.off
    _state.off = True
    try:
        yield
    finally:
        _state.off = before


def install() -> bool:
    """Patch WeasyPrint (once) so that its PDFs' text extracts right; False when it was left alone."""
    global _installed
    with _lock:
        if _installed is None:
            _installed = _install()
        return _installed


def _install() -> bool:
    import weasyprint
    from weasyprint.draw import text as draw_text
    from weasyprint.pdf import fonts as pdf_fonts

    version = getattr(weasyprint, "__version__", "0")
    try:
        major = int(version.split(".")[0])
    except ValueError:
        major = 0
    needed = (hasattr(draw_text, "draw_first_line") and hasattr(pdf_fonts, "_build_vector_font_dictionary")
              and hasattr(pdf_fonts, "Font") and hasattr(pdf_fonts, "pydyf"))
    if major not in TESTED_MAJORS or not needed:
        log.warning("pdftext: WeasyPrint %s is not a version this was checked with; the PDFs' Thai text may "
                    "copy wrong (SARA AM, tone marks)", version)
        return False
    draw_text.draw_first_line = _wrap_draw_first_line(draw_text.draw_first_line)
    pdf_fonts.Font.__init__ = _wrap_font_init(pdf_fonts.Font.__init__)
    pdf_fonts._build_vector_font_dictionary = _wrap_vector_font(pdf_fonts._build_vector_font_dictionary,
                                                                pdf_fonts.pydyf)
    return True
