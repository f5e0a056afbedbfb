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
import itertools
import operator
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


# What `_cut` does with a value of each type, decided once per type (in its order of tests): a string is
# cut, a model or a dataclass has its fields walked, a list or tuple its items, a dict its values; anything
# else (numbers, dates, None, sets, classes) is left as it is.
_STR, _MODEL, _DATACLASS, _SEQUENCE, _MAPPING, _ATOM = range(6)
_kinds: dict[type, int] = {}
_fields: dict[type, tuple[str, ...]] = {}


def _kind(cls: type) -> int:
    kind = _kinds.get(cls)
    if kind is None:
        if issubclass(cls, str):
            kind = _STR
        elif issubclass(cls, BaseModel):
            kind = _MODEL
            _fields[cls] = tuple(cls.model_fields)
        elif dataclasses.is_dataclass(cls) and not issubclass(cls, type):
            kind = _DATACLASS
            _fields[cls] = tuple(f.name for f in dataclasses.fields(cls))
        elif issubclass(cls, list | tuple):
            kind = _SEQUENCE
        elif issubclass(cls, dict):
            kind = _MAPPING
        else:
            kind = _ATOM
        _kinds[cls] = kind
    return kind


def _plain(values: list[Any], limit: int) -> bool:
    """True when no string in `values`, nor in what they hold, would be changed by a cut: none longer than
    `limit`, none with a character XML cannot hold. Column by column (the same field of every model of a
    type at once), in as few Python steps as possible: an evaluation holds hundreds of thousands of
    values and, nearly always, nothing to cut. A True is certain; a False only sends `_cut` the slow way."""
    by_type: dict[type, list[Any]] = {}
    types = set(map(type, values))
    if len(types) == 1:
        by_type[types.pop()] = values
    else:
        for cls in types:
            by_type[cls] = [v for v in values if type(v) is cls]
    for cls, same in by_type.items():
        kind = _kind(cls)
        if kind == _STR:
            if max(map(len, same)) > limit or _XML_ILLEGAL.search("".join(same)):
                return False
        elif kind in (_MODEL, _DATACLASS):
            names = _fields[cls]
            if len(names) == 1:
                if not _plain(list(map(operator.attrgetter(names[0]), same)), limit):
                    return False
            elif names:
                columns = zip(*map(operator.attrgetter(*names), same), strict=True)
                if not all(_plain(list(column), limit) for column in columns):
                    return False
        elif kind == _SEQUENCE:
            items = list(itertools.chain.from_iterable(same))
            if items and not _plain(items, limit):
                return False
        elif kind == _MAPPING:
            items = list(itertools.chain.from_iterable(map(dict.values, same)))
            if items and not _plain(items, limit):
                return False
    return True


def _cut(value: Any, limit: int) -> Any:
    kind = _kind(type(value))
    if kind == _STR:
        text = cut(clean(value), limit)
        return value if text == value else text
    if kind == _ATOM or _plain([value], limit):
        return value
    if kind == _MODEL:
        changed = {}
        for name in _fields[type(value)]:
            inner = getattr(value, name)
            new = _cut(inner, limit)
            if new is not inner:
                changed[name] = new
        return value.model_copy(update=changed) if changed else value
    if kind == _DATACLASS:  # the core's per-row results
        changed = {}
        for name in _fields[type(value)]:
            inner = getattr(value, name)
            new = _cut(inner, limit)
            if new is not inner:
                changed[name] = new
        return dataclasses.replace(value, **changed) if changed else value
    if kind == _SEQUENCE:
        items = [_cut(v, limit) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        if isinstance(value, list):
            return items
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)  # a NamedTuple keeps its type
    pairs = {k: _cut(v, limit) for k, v in value.items()}
    return value if all(pairs[k] is v for k, v in value.items()) else pairs
