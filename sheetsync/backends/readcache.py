"""What each tab of the workbook reads as, kept from one sync to the next (issue 16).

Reading a 5,000-row workbook is most of a sync that finds nothing edited (calamine and the fix-ups
to openpyxl's types: about 0.25 s of 0.9 s). The values a tab reads as are a function of bytes: its
sheet part, and the parts every read looks at (styles, shared strings, the workbook's sheet list and
relationships, its date epoch). So a tab whose sheet part and the workbook's other parts are, byte for
byte, what they were when its values were last known reads as those values, and need not be read:

- A part is known by its CRC-32, its size and a BLAKE2b hash of its bytes as stored (compressed: no
  inflating to compare). The "context" is every part that is no tab's sheet part: a program that
  saves the workbook (Excel, LibreOffice, a setup) changes some of them, and every tab is read again.
- The values are known after a read (what it read), and after the sync's own write, without reading
  again: the values read with the cells written put in (`apply_writes`), only where what the write
  stores reads back as exactly the value written (`read_back`: a text the XML holds as it is, a whole
  number or a plain decimal in a cell no date format shows). A tab with any other cell written is not
  kept, and is read the next time. Cells the write left alone (a formula, a merged range's) keep the
  value read. tests/unit/test_readcache.py holds the cache to a fresh read after every kind of write.
- Only tabs read by the fast reader are kept (no formula, nothing openpyxl must answer for).
- The file is state/cache/workbook-read.cache (store.folder.OfficeFolder.read_cache), zlib-compressed
  pickle under a header line; a cache of another format or reader code, or one
  that cannot be read as one, is ignored (the tabs are read), and a cache that cannot be written is
  left unwritten: it is never needed. Unpickling allows only the date and time classes a cell holds,
  so the file can bring nothing else into the process. Written only by a sync's write (under its
  lock), read by any command that reads the workbook.
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
import pickle
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from sheetsync.backends import xlsxparts
from sheetsync.store import files

CACHE_FORMAT = 1
# The modules whose code decides what a tab reads as: a cache made by other code (another release, or an
# edited checkout, where the version stays the same) is not used.
_READER_MODULES = ("readcache.py", "xlsx.py", "xlsxparts.py")
_LEVEL = 1  # 4 MB of pickle in 7 ms to 0.2 MB; a higher level costs more than the bytes saved

PartKey = tuple[int, int, bytes]  # CRC-32, size, BLAKE2b of the bytes as stored
Values = list[list[Any]]


class Tab(NamedTuple):
    """A tab's values as a read gives them, and its merged ranges, for its sheet part as `key`."""

    part: str
    key: PartKey
    values: Values
    merged: list[str]


class Known(NamedTuple):
    """The tabs known, valid while the workbook's other parts are `context` (by their bytes alone: the
    workbook's name or folder is no part of it, so a copied office folder keeps its cache)."""

    context: tuple[tuple[str, PartKey], ...]
    tabs: dict[str, Tab]


# --- keys ------------------------------------------------------------------------------------------

def part_keys(zf: zipfile.ZipFile, data: bytes) -> dict[str, PartKey]:
    """Every part's key, from the bytes as stored (`data` is the file `zf` reads); a part whose entry
    cannot be found has none, and is never taken as known."""
    keys: dict[str, PartKey] = {}
    src = io.BytesIO(data)
    for info in zf.infolist():
        try:
            stored = xlsxparts.raw_entry(src, info)
        except (xlsxparts.PartsError, struct.error):
            continue
        digest = hashlib.blake2b(stored, digest_size=16).digest()
        keys[info.filename] = (info.CRC, info.file_size, digest + bytes([info.compress_type]))
    return keys


def context_of(keys: Mapping[str, PartKey], sheet_parts: Iterable[str]) -> tuple[tuple[str, PartKey], ...]:
    sheets = set(sheet_parts)
    return tuple(sorted((name, key) for name, key in keys.items() if name not in sheets))


@functools.cache
def _header() -> bytes:
    code = hashlib.blake2b(digest_size=12)
    for name in _READER_MODULES:
        code.update(Path(__file__).with_name(name).read_bytes())
    return b"sheetsync-read-cache %d %s\n" % (CACHE_FORMAT, code.hexdigest().encode())


# --- the file --------------------------------------------------------------------------------------

class _CellsOnly(pickle.Unpickler):
    """Unpickles what a cache holds, and nothing else: containers, and a cell's dates and times."""

    _ALLOWED = frozenset({("datetime", "datetime"), ("datetime", "date"), ("datetime", "time"),
                          ("datetime", "timedelta"), ("datetime", "timezone")})

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self._ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name}")


def load(path: Path | None) -> Known | None:
    """The tabs the cache at `path` knows; None when there is none to use."""
    if path is None:
        return None
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    header = _header()
    if not blob.startswith(header):
        return None
    try:
        raw = _CellsOnly(io.BytesIO(zlib.decompress(memoryview(blob)[len(header):]))).load()
        known = _known(raw)
    except Exception:  # a damaged cache (any of the many ways unpickling fails) is no cache: read the tabs
        return None
    return known


def _known(raw: Any) -> Known | None:
    # The shape checked, so that a cache of the right header but the wrong content is ignored, not trusted.
    if not (isinstance(raw, tuple) and len(raw) == 2 and isinstance(raw[0], tuple) and isinstance(raw[1], dict)):
        return None
    tabs: dict[str, Tab] = {}
    for name, entry in raw[1].items():
        if not (isinstance(entry, tuple) and len(entry) == 4 and isinstance(entry[2], list)
                and all(isinstance(row, list) for row in entry[2])):
            return None
        tabs[name] = Tab(*entry)
    return Known(raw[0], tabs)


def keep(path: Path | None, known: Known) -> None:
    """Keep `known` (atomically; a cache that cannot be written is simply not kept)."""
    if path is None:
        return
    raw = (known.context, {name: tuple(tab) for name, tab in known.tabs.items()})
    try:
        body = zlib.compress(pickle.dumps(raw, protocol=pickle.HIGHEST_PROTOCOL), _LEVEL)
        path.parent.mkdir(parents=True, exist_ok=True)
        files.remove_stale_temps(path)
        files.write_bytes(path, _header() + body)
    except (OSError, pickle.PicklingError):
        return


# --- the values after a write ----------------------------------------------------------------------

_ESCAPED = re.compile(r"_x[0-9A-Fa-f]{4}_|x005F_")  # what readers of the format decode in a text
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # written escaped
_UNKNOWN = object()


def read_back(value: Any) -> Any:
    """What a cell written with `value` reads as, when that is certain: the value itself (None for an
    empty text); `_UNKNOWN` otherwise. Numbers are certain only in a cell no date format shows (the
    caller asks that of the written part)."""
    if value is None or value == "":
        return None
    if type(value) is str:
        if "\r" in value or _ESCAPED.search(value) or _NOT_IN_XML.search(value):
            return _UNKNOWN
        return value
    if type(value) is int:
        return value
    if type(value) is float and math.isfinite(value) and not value.is_integer() and "e" not in repr(value):
        return value
    return _UNKNOWN


def is_number(value: Any) -> bool:
    return type(value) in (int, float)


def apply_writes(values: Values, cells: Mapping[tuple[int, int], Any]) -> Values | None:
    """The tab's values once `cells` ((row, col) -> value written) are in it, trimmed as a read trims
    (no empty cell ending a row, no empty row ending the tab); None when a value's reading is not certain.
    `values` is left as it is: only the rows written are copied."""
    out = list(values)
    copied: set[int] = set()
    texts: dict[str, bool] = {}  # a status text comes back row after row (58,000 cells, a first sync)
    for (row, col), value in cells.items():
        if type(value) is str and value:
            certain = texts.get(value)
            if certain is None:
                certain = texts[value] = read_back(value) is not _UNKNOWN
            if not certain:
                return None
            seen = value
        else:
            seen = read_back(value)
            if seen is _UNKNOWN:
                return None
        if row > len(out):
            out.extend([] for _ in range(row - len(out)))
        if row not in copied:
            copied.add(row)
            out[row - 1] = list(out[row - 1])
        line = out[row - 1]
        if col > len(line):
            if seen is None:
                continue
            line.extend([None] * (col - len(line)))
        line[col - 1] = seen
    for row in copied:
        line = out[row - 1]
        while line and line[-1] is None:
            line.pop()
    while out and not out[-1]:
        out.pop()
    return out
