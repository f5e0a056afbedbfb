"""Text made fit for a document, at the boundary between what people typed and the files written.

Two rules, each applied where nothing can get past it:

- **Characters XML cannot hold are removed** from every string a document is given: the C0 control
  characters but tab, line feed and carriage return (NUL, ESC, BEL, ... as a Google cell can hold them,
  and a cell pasted from a terminal does), DEL, lone surrogates and U+FFFE/U+FFFF. python-docx (lxml)
  raises on them and a PDF would show nothing for them: they carry nothing a reader could see. Applied
  by `clean`, in every run of a DOCX (docxfile.Writer.run), every `{{ }}` of a template
  (render.environment's finalize), and every cell of the package's XLSX and CSV.
- **Cell values are cut** to CELL_MAX (500) characters, ending "…(ตัดเหลือ ๕๐๐ จาก ๑๐,๐๐๐ ตัวอักษร)":
  `cut_cells` on the evaluation (and the previous ones) every document is built from, before it is
  built (documents.memo, sar, brief, meeting, package; app.reminders for the memo's identity), so that
  the office's own paragraphs, which may be longer, are never cut. An unbroken 10,000-character cell
  made WeasyPrint take 39 s (its line breaking is quadratic in the length of a word); 500 take well
  under a second. A cut never splits a letter from its vowel or tone marks. Every string at the
  boundary is also held to TEXT_MAX (3,000), the guard for text that reached a document by another
  way (a memo stored in history before this rule); no paragraph the office writes is that long.
  Long words break (official.css: `overflow-wrap: break-word` everywhere, `anywhere` in table cells).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any, TypeVar

from markupsafe import Markup
from pydantic import BaseModel

from sheetsync.core import thaifmt, vocab

CELL_MAX = 500
TEXT_MAX = 3_000

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

T = TypeVar("T")


def clean(text: str) -> str:
    """`text` without the characters XML cannot hold (see the module docstring)."""
    return _XML_ILLEGAL.sub("", text) if _XML_ILLEGAL.search(text) else text


def cut(text: str, limit: int = CELL_MAX) -> str:
    """`text` when it has at most `limit` characters; else its first `limit` (fewer, so as not to part a
    letter from its marks), "…" and how long it was."""
    if len(text) <= limit:
        return text
    end = limit
    while end > 0 and unicodedata.category(text[end]) in ("Mn", "Mc", "Me"):
        end -= 1
    return text[:end] + vocab.DOC_CUT.format(shown=thaifmt.digits(f"{end:,}"), length=thaifmt.digits(f"{len(text):,}"))


def for_document(text: str, limit: int = TEXT_MAX) -> str:
    """A string as it may go into a document: cleaned, and held to `limit`."""
    return cut(clean(text), limit)


def markup(value: Markup) -> Markup:
    """Markup (already escaped) cleaned of what XML cannot hold; never cut (a cut could split a tag)."""
    text = clean(str(value))
    return value if text == value else Markup(text)  # safe: only characters were removed from safe markup


def cut_cells(value: T, limit: int = CELL_MAX) -> T:
    """`value` (an Evaluation, or any pydantic model, dataclass, list or dict of them) with every string cleaned and
    cut to `limit`; the parts with nothing to cut are the same objects (nothing is copied for them)."""
    return _cut(value, limit)


def _cut(value: Any, limit: int) -> Any:
    if isinstance(value, str):
        text = cut(clean(value), limit)
        return value if text == value else text
    if isinstance(value, BaseModel):
        changed = {}
        for name in type(value).model_fields:
            inner = getattr(value, name)
            new = _cut(inner, limit)
            if new is not inner:
                changed[name] = new
        return value.model_copy(update=changed) if changed else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # the core's per-row results
        changed = {}
        for f in dataclasses.fields(value):
            inner = getattr(value, f.name)
            new = _cut(inner, limit)
            if new is not inner:
                changed[f.name] = new
        return dataclasses.replace(value, **changed) if changed else value
    if isinstance(value, list | tuple):
        items = [_cut(v, limit) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        if isinstance(value, list):
            return items
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)  # a NamedTuple keeps its type
    if isinstance(value, dict):
        pairs = {k: _cut(v, limit) for k, v in value.items()}
        return value if all(pairs[k] is v for k, v in value.items()) else pairs
    return value
