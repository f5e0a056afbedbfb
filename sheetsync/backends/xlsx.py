"""The embedded default: every tab in one local .xlsx workbook.

- Reads with calamine (Rust; issue 16: 5x to 12x openpyxl's time), giving exactly the values openpyxl's
  read-only mode gives (tests compare them cell by cell and type by type): whole floats back to the ints
  they were written as, "" to an empty cell, dates taken from the cells' bytes by openpyxl's own rules
  (which formats are dates, the workbook's 1900 or 1904 epoch: xlsxparts.date_styles and serial_date,
  held to openpyxl's reader by tests, so that a sync need not import openpyxl). A tab holding anything those fix-ups
  could get wrong (a formula, an error, "5.0", escapes, an empty text: `xlsxparts.fast_readable`), or
  a file calamine refuses, is read as before, with openpyxl (`_read_openpyxl`, the reference): a
  formula a person typed is read as the value the spreadsheet program computed and saved with it (a
  second, values-only pass); a formula saved with no value (written by a program that does not
  calculate) reads as `UncomputedFormula`, which the row checks answer in Thai.
- Writes only the planned cells, as raw values, surgically (`xlsxparts`): only the sheet parts of the
  tabs that change are rewritten, and inside them only the status cells; every other part of the file
  is copied byte for byte. A string is stored as text even when it starts with "=", so nothing the
  sync writes can ever be evaluated. The colour of a state is the conditional formatting `setup` put in
  place, not a style written at each sync.
- `setup` (rare: a new tab, header or indicator row, or formats to repair) rewrites the file with
  openpyxl, then gives every formula back the value it had, so a setup never turns a result into an
  error either.
- Saves atomically: a temporary file in the same folder, then a rename; the file keeps its mode, owner
  and group; the file as it was before is kept beside it as NAME.bak.xlsx (an extension Excel and
  LibreOffice open as it is). The backup is made only by a write that changes the file (a sync with
  nothing to write touches neither), as a copy (about 2 ms at 5,000 rows): a hard link would be
  cheaper still, but would share the file with a program that saves in place until our rename.
- Refuses to write while Excel (`~$NAME`) or LibreOffice (`.~lock.NAME#`) has the file open, since
  their next save would silently undo ours, and when the file itself is read-only (its folder writable
  or not: a file marked read-only is one somebody means to keep as it is).
- Never loses another program's save: the read reads the file's bytes once (the values, the formulas'
  values and the write all come from those bytes) and keeps their size, modified time, inode and a
  BLAKE2b hash; the write checks them when it starts and again just before the atomic rename
  (`files.atomic_path(check=...)`). If the file on disk is no longer the one read, nothing is written,
  a warning says so, and the sync reads it again and plans anew (`WorkbookChanged`, a `RowsMoved`).
- Reads lean: openpyxl's read-only mode (streamed, dimensions ignored) on a copy of the file whose
  sheets to read have lost their rows that hold no value (`xlsxparts.lean_copy`), so a million
  formatted empty rows cost a second or two, not minutes and gigabytes. Values are what openpyxl's
  full load gives (tests compare them): a cell a merged range hides reads as empty, as there.
- `setup` edits the bytes its read read (after checking the file is still them), and saves with the
  same check before its rename.
- What a cell can hold is read as a value people see: rich text as its plain text; an array or
  data-table formula as its cached value, or (none saved) as its text, `{=...}`, never an object's repr.
- A status cell a merged range hides, or holding a formula somebody typed, is not written: the sync
  says so in a warning naming the cell (`warnings`), and writes the rest. A constant never replaces a
  formula, in a `restore` either.
- Refused with a message naming the fix: a password-protected workbook (an encrypted one is an OLE
  compound file, not a zip), an old .xls under an .xlsx name, and a chart sheet with a group tab's name.
- A save killed between its temporary file and the rename leaves `.NAME.XXXXXXXX.tmp` beside the
  workbook; the next write removes those (and the backup's) not written for a minute
  (`files.remove_stale_temps`), and says so.
- Protection as README promises: groups insert and delete rows and columns, sort, filter and add
  columns of their own; only the status columns and the Status tab are locked (no password: it keeps
  a slip from overwriting the sync's columns, it is not security). Every tab prints landscape, fit to
  the page width, with the header row repeated on every page.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from python_calamine import CalamineWorkbook

from sheetsync.backends import readcache, xlsxparts
from sheetsync.backends.base import RowsMoved, SpreadsheetMissing
from sheetsync.core import vocab
from sheetsync.core.cells import (
    CellValue,
    CellWrite,
    ColumnMark,
    RawTable,
    UncomputedFormula,
    WritePlan,
    col_index,
    col_letter,
)
from sheetsync.core.columns import INDICATOR_COLUMNS, OUTPUT_COLUMNS, SIGNOFF_COLUMNS
from sheetsync.core.errors import BackendError, WorkbookLocked
from sheetsync.core.layout import TabLayout
from sheetsync.core.rows import identity_key
from sheetsync.core.status import RAG_PREFIXES
from sheetsync.store import files

if TYPE_CHECKING:  # openpyxl is imported where used (setup, the reference read): 0.14 s a sync need not pay
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

COLOURS = {"red": "F4CCCC", "amber": "FCE5CD", "green": "D9EAD3"}
FILL_COLOURS = {"status": "EEEEEE", "header": "CFE2F3", "status_header": "B7B7B7"}
SPARE_ROWS = 200  # rows below the last indicator left unlocked for people to add to
LAST_COLUMN = 16384  # XFD: columns people add of their own are unlocked up to the sheet's edge
LAST_ROW = 1048576
FREEZE = {"group": "C2", "outputs": "B2", "status": None}  # keep header and the key columns in view
STATUS_AREA = "A1:H2000"  # the Status tab's cells that conditional formats colour
# What a tab lets people do while protected (False: allowed). Excel itself still refuses to delete a
# row or sort a range that includes a locked cell: README says to sort the columns of the group's own.
ALLOWED = ("formatCells", "formatColumns", "formatRows", "insertColumns", "insertRows", "insertHyperlinks",
           "deleteColumns", "deleteRows", "sort", "autoFilter", "pivotTables")


class _Look(NamedTuple):
    """The styles setup gives a tab's cells (openpyxl's, made when a setup first needs them)."""

    fills: dict[str, Any]
    locked: Any
    unlocked: Any
    wrap_top: Any


@functools.cache
def _look() -> _Look:
    from openpyxl.styles import Alignment, PatternFill, Protection

    return _Look({key: PatternFill("solid", start_color=rgb) for key, rgb in FILL_COLOURS.items()},
                 Protection(locked=True), Protection(locked=False), Alignment(wrap_text=True, vertical="top"))


def lock_files(path: Path) -> list[Path]:
    """The owner files Excel and LibreOffice leave beside a workbook they have open."""
    name = path.name
    candidates = [path.with_name(f".~lock.{name}#"), path.with_name(f"~${name}")]
    if len(name) > 2:
        candidates.append(path.with_name(f"~${name[2:]}"))
    return [p for p in candidates if p.exists()]


def backup_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.bak{path.suffix}")


OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # an OLE compound file: encrypted .xlsx, or an old .xls
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted workbook keeps inside
READ_ATTEMPTS = 3  # reads of a file that changes while it is read, before taking the last one
PLAIN = (str, int, float, bool, type(None))


class WorkbookChanged(RowsMoved):
    """The workbook on disk is no longer the file the sync read (another program saved it)."""


class Stamp(NamedTuple):
    """What identifies the bytes read: the file's size, modified time and inode, and their hash."""

    size: int
    mtime_ns: int
    inode: int
    digest: bytes


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def _stamp_of(st: os.stat_result, digest: bytes) -> Stamp:
    return Stamp(st.st_size, st.st_mtime_ns, st.st_ino, digest)


def on_disk(path: Path) -> Stamp | None:
    """The stamp of the file at `path` now (None: there is none). The name is looked up again after
    the bytes are hashed, so that a file renamed over it meanwhile is seen."""
    try:
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, lambda: hashlib.blake2b(digest_size=20)).digest()
            opened = os.fstat(fh.fileno())
        st = os.stat(path)
    except FileNotFoundError:
        return None
    if (opened.st_dev, opened.st_ino) != (st.st_dev, st.st_ino):
        return None  # replaced while being hashed: certainly not the file read
    return _stamp_of(st, digest)


def _formula_text(value: Any) -> str:
    """What a person sees of a formula openpyxl hands over as an object."""
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    if isinstance(value, ArrayFormula):
        return f"{{{value.text}}}" if value.text else f"{{{value.ref}}}"
    if isinstance(value, DataTableFormula):
        return f"{{=TABLE({value.r1 or ''},{value.r2 or ''})}}"
    return str(value)


def _plain(value: Any) -> Any:
    """A value as the sync reads it: rich text is its text; anything else openpyxl may hand over is
    shown as text people can read, never as an object's repr."""
    from openpyxl.cell.rich_text import CellRichText
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    if isinstance(value, CellRichText):
        return str(value)
    if isinstance(value, ArrayFormula | DataTableFormula):
        return _formula_text(value)
    return value


class WorkbookBackend:
    requests = 0

    def __init__(self, path: Path, cache: Path | None = None) -> None:
        self.path = Path(path)
        self.cache = cache  # where the tabs' values are kept between syncs (backends.readcache); None: not kept
        self._known: readcache.Known | None = None  # the tabs as last read, or as the last write left them
        self._fresh = False  # whether the last read read some tab (the cache has something new)
        self._tables: dict[str, RawTable] | None = None
        self._data: bytes | None = None  # the file's bytes as read: what the write patches
        self._stamp: Stamp | None = None  # and what identifies them
        self._formulas: dict[str, dict[tuple[int, int], str]] = {}  # tab -> formula cells -> their text
        self._formula_ranges: dict[str, list[tuple[tuple[int, int, int, int], str]]] = {}  # arrays' ranges
        self._merged: dict[str, list[str]] = {}  # tab -> its merged ranges, as last read
        self._events: list[str] = []  # what happened during this backend's life (a save race, temps)
        self._skipped: list[str] = []  # the last write's cells left alone, each with why

    def describe(self) -> str:
        return str(self.path)

    @property
    def warnings(self) -> list[str]:
        """What the sync should tell people about the workbook: a save by another program it did not
        overwrite, temporary files of a killed save removed, status cells it could not write."""
        return [*self._events, *self._skipped]

    def formula_at(self, tab: str, row: int, col: int) -> str | None:
        """The text of the formula this cell of `tab` holds, as last read (a cell of an array formula's
        range is that formula's), or None."""
        text = self._formulas.get(tab, {}).get((row, col))
        if text is not None:
            return text
        for (r1, c1, r2, c2), array in self._formula_ranges.get(tab, []):
            if r1 <= row <= r2 and c1 <= col <= c2:
                return array
        return None

    def merged_over(self, tab: str, row: int, col: int) -> str | None:
        """The merged range of `tab` (as last read) that hides this cell (not its top-left one), if any."""
        for ref in self._merged.get(tab, []):
            bounds = xlsxparts.bounds(ref)
            if bounds and bounds[0] <= row <= bounds[2] and bounds[1] <= col <= bounds[3] and (row, col) != bounds[:2]:
                return ref
        return None

    # --- checks -----------------------------------------------------------------------------------
    def check_writable(self) -> None:
        locks = lock_files(self.path)
        if locks:
            raise WorkbookLocked(vocab.WB_OPEN_ELSEWHERE.format(name=self.path.name, lock=locks[0].name),
                                 vocab.WB_OPEN_ELSEWHERE_HINT)
        if self.path.exists() and not os.access(self.path.parent, os.W_OK):
            raise BackendError(vocab.WB_FOLDER_READONLY.format(path=self.path.parent))
        if self.path.exists() and _read_only_file(self.path):
            raise BackendError(vocab.WB_FILE_READONLY.format(name=self.path.name),
                               vocab.WB_FILE_READONLY_HINT.format(path=self.path))

    def _unreadable(self, exc: Exception) -> BackendError:
        return BackendError(vocab.WB_UNREADABLE.format(path=self.path, problem=exc),
                            vocab.WB_UNREADABLE_HINT.format(backup=backup_path(self.path).name))

    def _snapshot(self) -> tuple[bytes, Stamp]:
        """The file's bytes, read once (again if it changed while read), and their stamp."""
        if not self.path.exists():
            raise SpreadsheetMissing(vocab.WB_MISSING.format(path=self.path), vocab.WB_MISSING_HINT)
        for _ in range(READ_ATTEMPTS):
            with open(self.path, "rb") as fh:
                before = os.fstat(fh.fileno())
                data = fh.read()
                after = os.fstat(fh.fileno())
            if (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns) and len(data) == after.st_size:
                break
        return data, _stamp_of(after, _digest(data))

    def _not_a_workbook(self, data: bytes) -> None:
        """Files that are not a zip, said for what they are (else openpyxl's "not a zip file")."""
        if data.startswith(OLE_SIGNATURE):
            if ENCRYPTED_STREAM in data:
                raise BackendError(vocab.WB_ENCRYPTED.format(name=self.path.name), vocab.WB_ENCRYPTED_HINT)
            raise BackendError(vocab.WB_OLD_XLS.format(name=self.path.name), vocab.WB_OLD_XLS_HINT)

    def _load(self, data_only: bool = False) -> Workbook:
        """The whole workbook, editable (setup). After a read (setup plans from one), from the bytes read,
        if the file is still them (else `WorkbookChanged`: the plan would be of another file); without
        one, from the file's bytes now. Either way the stamp is of those bytes, for the write's check."""
        import openpyxl

        if self._data is not None:
            self._check_unchanged()
            data = self._data
        else:
            data, stamp = self._snapshot()
            self._not_a_workbook(data)
            self._data, self._stamp = data, stamp
        try:
            return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
        except Exception as exc:  # openpyxl raises many kinds for a damaged or non-xlsx file
            raise self._unreadable(exc) from exc

    def _check_unchanged(self) -> None:
        """Raises `WorkbookChanged` when the file on disk is not the one read (or last written)."""
        if on_disk(self.path) == self._stamp:  # (None and None: no file was read, and none is there yet)
            return
        raise WorkbookChanged(vocab.WB_SAVED_MEANWHILE.format(name=self.path.name), vocab.WB_SAVED_MEANWHILE_HINT)

    def _remove_stale_temps(self) -> None:
        for target in (self.path, backup_path(self.path)):
            for gone in files.remove_stale_temps(target):
                self._events.append(vocab.WB_STALE_TEMP_REMOVED.format(name=gone.name))

    # --- read ---------------------------------------------------------------------------------------
    def read(self, tabs: list[str], on_tab: Callable[[str], None] | None = None) -> dict[str, RawTable]:
        """The tabs' values. A tab whose part (and the workbook's other parts) is byte for byte what the
        cache knows is not read again: its values are the ones known (backends.readcache)."""
        data, stamp = self._snapshot()
        self._not_a_workbook(data)
        known = readcache.load(self.cache)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                parts = xlsxparts.sheet_parts(zf)
                others = xlsxparts.other_sheets(zf)
                marks = sheet_marks(zf)  # the sync's own status columns (defined names, see MARK_PREFIX)
                wanted = [t for t in dict.fromkeys(tabs) if t in parts and t not in others]
                keys = readcache.part_keys(zf, data)
                context = readcache.context_of(keys, parts.values())
                hits = {t: known.tabs[t] for t in wanted if known is not None and known.context == context
                        and t in known.tabs and known.tabs[t].part == parts[t] and known.tabs[t].key == keys.get(parts[t])}
                fast = _fast_reader(zf, data, [(t, parts[t]) for t in wanted if t not in hits])
        except (xlsxparts.PartsError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise self._unreadable(exc) from exc
        for tab in tabs:
            if tab in others:
                raise BackendError(vocab.WB_NOT_A_SHEET.format(tab=tab, kind=others[tab]),
                                   vocab.WB_NOT_A_SHEET_HINT.format(tab=tab))
        for tab, hit in hits.items():
            fast.tables[tab] = hit.values
            if hit.merged:
                fast.merged[tab] = hit.merged
        slow = [t for t in wanted if t not in fast.tables]
        tables: dict[str, RawTable] = {}
        self._merged = {t: fast.merged[t] for t in wanted if fast.merged.get(t)}
        self._formulas, self._formula_ranges = {}, {}
        if slow:
            tables = self._read_openpyxl(data, slow, parts, marks, on_tab)
        for tab in wanted:  # in the order asked
            if tab in fast.tables:
                if on_tab is not None:
                    on_tab(tab)
                tables[tab] = RawTable.model_construct(tab=tab, values=fast.tables[tab], marks=marks.get(tab))
        self._tables, self._data, self._stamp = {t: tables[t] for t in wanted}, data, stamp
        self._fresh = len(hits) < len(fast.tables)
        self._known = readcache.Known(context, {
            t: readcache.Tab(parts[t], keys[parts[t]], fast.tables[t], fast.merged.get(t, []))
            for t in wanted if t in fast.tables and parts[t] in keys})
        return self._tables

    def _read_openpyxl(self, data: bytes, tabs: list[str], parts: dict[str, str], marks: dict[str, dict[int, str]],
                       on_tab: Callable[[str], None] | None) -> dict[str, RawTable]:
        """The reference reader (and the fallback where the fast one cannot answer exactly): openpyxl's
        read-only mode on a lean copy, formulas resolved by a second, values-only pass."""
        from openpyxl.worksheet._read_only import ReadOnlyWorksheet

        try:
            lean, seen = xlsxparts.lean_copy(data, [parts[t] for t in tabs])
        except (xlsxparts.PartsError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise self._unreadable(exc) from exc
        tables: dict[str, RawTable] = {}
        candidates: dict[str, list[tuple[int, int, Any]]] = {}
        self._merged.update({tab: seen[parts[tab]].merged for tab in tabs if seen[parts[tab]].merged})
        with self._open_lean(lean) as wb:
            for tab in tabs:
                ws = wb[tab]
                if not isinstance(ws, ReadOnlyWorksheet):
                    raise BackendError(vocab.WB_NOT_A_SHEET.format(tab=tab, kind=type(ws).__name__),
                                       vocab.WB_NOT_A_SHEET_HINT.format(tab=tab))
                if on_tab is not None:
                    on_tab(tab)
                values, found = _values(ws)
                _hide_merged(values, seen[parts[tab]].merged)
                if found and seen[parts[tab]].formulas:  # no formula in the tab: "=..." is text typed so
                    candidates[tab] = found
                tables[tab] = RawTable.model_construct(tab=tab, values=values, marks=marks.get(tab))
        if candidates:
            self._resolve_formulas(lean, tables, candidates)
        return tables

    def _open_lean(self, lean: bytes, data_only: bool = False) -> Any:
        import openpyxl

        try:
            wb = openpyxl.load_workbook(io.BytesIO(lean), read_only=True, data_only=data_only)
        except Exception as exc:  # openpyxl raises many kinds for a damaged or non-xlsx file
            raise self._unreadable(exc) from exc
        return _closing(wb)

    def _resolve_formulas(self, lean: bytes, tables: dict[str, RawTable],
                          candidates: dict[str, list[tuple[int, int, Any]]]) -> None:
        """Each formula read as the value the spreadsheet program saved with it (read a second time,
        values only); saved with none: `UncomputedFormula`, its text. A text typed with a leading "="
        is the same both times, and stays the text it is."""
        with self._open_lean(lean, data_only=True) as cached_wb:
            for tab, found in candidates.items():
                ws = cached_wb[tab]
                ws.reset_dimensions()  # as in the first pass: the size the file claims may be wrong
                last = max(r for r, _, _ in found)
                cached: dict[tuple[int, int], Any] = {}
                wanted = {(r, c) for r, c, _ in found}
                for r, row in enumerate(ws.iter_rows(max_row=last, values_only=True), start=1):
                    for c, value in enumerate(row, start=1):
                        if (r, c) in wanted:
                            cached[(r, c)] = _plain(value)
                line_of = tables[tab].values
                formulas = self._formulas.setdefault(tab, {})
                ranges = self._formula_ranges.setdefault(tab, [])
                for r, c, value in found:
                    line = line_of[r - 1] if r <= len(line_of) else []
                    if c > len(line) or line[c - 1] is None:
                        continue  # hidden by a merged range: read as empty, as the full load reads it
                    value_now = cached.get((r, c))
                    if isinstance(value, str) and value_now == value:
                        continue  # text that starts with "=": a value like any other
                    text = _formula_text(value)
                    line[c - 1] = UncomputedFormula(text) if value_now is None else value_now
                    formulas[(r, c)] = text
                    bounds = _range_of(value)
                    if bounds is not None:  # an array's range: every cell of it is the formula's
                        ranges.append((bounds, text))

    def _cached_values(self, formulas: list[tuple[str, int, int]]) -> dict[tuple[str, int, int], Any]:
        """The value the spreadsheet program saved with each formula (None: it saved none), from the
        bytes `_load` read (setup)."""
        import openpyxl

        assert self._data is not None
        try:
            cached = openpyxl.load_workbook(io.BytesIO(self._data), data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged or non-xlsx file
            raise self._unreadable(exc) from exc
        return {(tab, r, c): cached[tab].cell(r, c).value for tab, r, c in formulas}

    def tab_names(self, beside: str) -> list[str]:
        """Every worksheet's name in the workbook's order (a chart sheet is no tab to read), from the
        bytes last read (else the file's now)."""
        data = self._data
        if data is None:
            data, _ = self._snapshot()
            self._not_a_workbook(data)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return list(xlsxparts.sheet_parts(zf))
        except (xlsxparts.PartsError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise self._unreadable(exc) from exc

    def take_tab(self, found: str, tab: str) -> None:
        """Nothing to do: every tab of the workbook is set up and protected alike."""

    # --- write --------------------------------------------------------------------------------------
    def write(self, plan: WritePlan) -> int:
        try:
            return self._write(plan)
        except WorkbookChanged:  # the sync reads again and plans anew: the warning says why
            self._events.append(vocab.WB_SAVED_MEANWHILE_EVENT.format(name=self.path.name))
            raise

    def _write(self, plan: WritePlan) -> int:
        self._skipped = []
        self._remove_stale_temps()
        self.check_writable()
        tables, data = self._tables, self._data
        if tables is None or data is None:
            raise RowsMoved(vocab.WB_CHANGED.format(name=self.path.name))
        self._check_unchanged()
        if not plan.writes:
            self._keep_known()
            return 0  # nothing changed: leave the file (and its modified time) alone
        by_tab = plan.by_tab()
        for tab, writes in by_tab.items():
            raw = tables.get(tab)
            for w in writes:
                if w.identity and identity_key(raw.cell(w.row, w.identity.col) if raw else None,
                                               w.identity.kind) != w.identity.key:
                    raise RowsMoved(vocab.ROW_NOT_THE_SAME.format(row=w.row, tab=tab))
        try:
            replaced, added, kept, deflated = self._patched_parts(by_tab, tables, data)
            new = xlsxparts.rewrite(io.BytesIO(data), replaced, added, deflated)
        except (xlsxparts.PartsError, zipfile.BadZipFile, OSError) as exc:
            raise self._unreadable(exc) from exc
        self._skipped = [_kept_message(tab, k) for tab, k in kept]
        written = len(plan.writes) - len(kept)
        if not written:
            self._keep_known()
            return 0
        self.check_writable()
        self._check_unchanged()  # before the backup too: it is of the file read, then
        files.copy_file(self.path, backup_path(self.path))  # the file as it was, kept beside it
        files.write_bytes(self.path, new, check=self._check_unchanged)  # checked again just before the rename
        st = os.stat(self.path)
        self._data, self._stamp = new, _stamp_of(st, _digest(new))
        self._known_after(by_tab, kept, replaced, new)
        return written

    def _keep_known(self) -> None:
        """The cache, after a write that left the file as read: the tabs as read, if some were read."""
        if self._known is not None and self._fresh:
            readcache.keep(self.cache, self._known)
            self._fresh = False

    def _known_after(self, by_tab: dict[str, list[CellWrite]], kept: list[tuple[str, xlsxparts.Kept]],
                     replaced: dict[str, bytes], new: bytes) -> None:
        """The cache, after a write: each tab as read with the cells written put in (a tab whose written
        cells do not certainly read back as written is left out: it is read the next time), for the parts
        as now written."""
        before, self._known = self._known, None
        if before is None or self.cache is None:
            return
        left = {(tab, k.row, k.col) for tab, k in kept}
        with zipfile.ZipFile(io.BytesIO(new)) as zf:
            parts = xlsxparts.sheet_parts(zf)
            keys = readcache.part_keys(zf, new)
            dates = xlsxparts.date_styles(zf.read(_STYLES_PART)) if _STYLES_PART in zf.namelist() else None
        tabs: dict[str, readcache.Tab] = {}
        for tab, old in before.tabs.items():
            part = parts.get(tab)
            if part != old.part or part not in keys:
                continue
            values: list[list[Any]] | None = old.values
            writes = by_tab.get(tab)
            if writes:
                cells = {(w.row, w.col): w.value for w in writes}
                for _, row, col in (k for k in left if k[0] == tab):
                    cells.pop((row, col), None)
                if any(readcache.is_number(v) for v in cells.values()) and _date_shown(replaced.get(part), dates, cells):
                    continue  # a number in a cell a date format shows reads as a date: read it
                values = readcache.apply_writes(old.values, cells)
            if values is not None:
                tabs[tab] = readcache.Tab(part, keys[part], values, old.merged)
        self._known = readcache.Known(readcache.context_of(keys, parts.values()), tabs)
        readcache.keep(self.cache, self._known)
        self._fresh = False

    def _patched_parts(self, by_tab: dict[str, list[CellWrite]], tables: dict[str, RawTable], data: bytes,
                       ) -> tuple[dict[str, bytes], list[str], list[tuple[str, xlsxparts.Kept]],
                                  dict[str, xlsxparts.Deflated]]:
        """The parts patched (and added), the cells left as they were, and each sheet part patched
        already compressed: in a thread, while the next one is patched (a first sync's compression
        then costs nothing of its own, about 0.1 s of 1.1 at 5,000 rows). The largest part to come goes
        first, so that the one compressed while nothing else is left to do is small."""
        replaced: dict[str, bytes] = {}
        added: list[str] = []
        kept_in: dict[str, list[xlsxparts.Kept]] = {}
        compressing: dict[str, tuple[bytes, Future[xlsxparts.Deflated]]] = {}
        with zipfile.ZipFile(io.BytesIO(data)) as zf, ThreadPoolExecutor(max_workers=1) as pool:
            parts = xlsxparts.sheet_parts(zf)
            sizes = {info.filename: info.file_size for info in zf.infolist()}
            # the size to come: the part's, and about 100 bytes a cell written (a first sync's Status tab)
            for tab in sorted(by_tab, key=lambda t: -(sizes.get(parts.get(t, ""), 0) + 100 * len(by_tab[t]))):
                writes = by_tab[tab]
                name = parts.get(tab)
                if name is None:  # the Status tab deleted by hand: it comes back, at the end
                    if tab in xlsxparts.other_sheets(zf):  # a chart sheet took its name: never a second one
                        raise BackendError(vocab.WB_NOT_A_SHEET.format(tab=tab, kind="chartsheet"),
                                           vocab.WB_NOT_A_SHEET_HINT.format(tab=tab))
                    name, new = xlsxparts.add_sheet(_Overlay(zf, replaced), tab)
                    added += [n for n in new if n not in zf.namelist() and n not in added]
                    replaced.update(new)
                raw = tables.get(tab)
                cells: dict[tuple[int, int], CellValue] = {(w.row, w.col): w.value for w in writes}
                rows = {w.row: raw.values[w.row - 1] for w in writes if raw and w.row <= raw.row_count}
                xml = replaced.get(name) or zf.read(name)
                left = kept_in[tab] = []
                patched = replaced[name] = xlsxparts.patch_sheet(xml, cells, rows, part=name, kept=left)
                compressing[name] = (patched, pool.submit(xlsxparts.deflate, patched))
            deflated = {name: made.result() for name, (patched, made) in compressing.items()
                        if replaced.get(name) is patched}
        kept = [(tab, k) for tab in by_tab for k in kept_in[tab]]  # in the plan's order of tabs
        return replaced, added, kept, deflated

    # --- setup --------------------------------------------------------------------------------------
    def setup(self, layouts: list[TabLayout]) -> list[str]:
        """Create or repair every tab; returns what changed (nothing: the file is not touched)."""
        existed = self.path.exists()
        wb = self._load() if existed else _new_workbook()
        changes: list[str] = []
        for layout in layouts:
            if layout.create:
                wb.create_sheet(layout.tab)
                changes.append(vocab.SETUP_TAB_CREATED.format(tab=layout.tab))
            ws = wb[layout.tab]
            for w in layout.writes:
                _put(ws, w)
            if layout.writes:
                changes.append(vocab.SETUP_CELLS_ADDED.format(cells=len(layout.writes), tab=layout.tab))
            if _mark_tab(ws, layout.marks):
                changes.append(vocab.SETUP_COLUMNS_MARKED.format(
                    tab=layout.tab, columns=", ".join(col_letter(c) for c in sorted(layout.marks.values()))))
            if _needs_format(ws, layout):
                _format_tab(ws, layout)
                changes.append(vocab.SETUP_TAB_FORMATTED.format(tab=layout.tab))
        if changes:
            self.check_writable()
            cached = self._formula_values(wb) if existed else {}
            saved = io.BytesIO()
            wb.save(saved)
            data = _give_back_values(saved, cached) if cached else saved.getvalue()
            if existed:  # the file as it was, kept beside it before the new one replaces it
                files.copy_file(self.path, backup_path(self.path))
            files.write_bytes(self.path, data, check=self._check_unchanged)  # not over another program's save
            self._data, self._stamp = data, _stamp_of(os.stat(self.path), _digest(data))
            self._known = None  # what the read knew is of the file before this save
        return changes

    def mark_columns(self, marks: list[ColumnMark]) -> None:
        """Marks the status columns the sync has just added (after `write`): their defined names, in
        workbook.xml, the one part this rewrites (the rare night a status column is added). Not over
        another program's save: the file must still be the one written (or read)."""
        if not marks:
            return
        self.check_writable()
        data = self._data
        if data is None:
            raise BackendError(vocab.WB_CHANGED.format(name=self.path.name))
        try:
            self._check_unchanged()
        except WorkbookChanged:
            raise BackendError(vocab.WB_CHANGED_BEFORE_MARK.format(name=self.path.name)) from None
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                book = xlsxparts.workbook_part(zf)
                xml = with_marks(zf.read(book), marks)
            new = xlsxparts.rewrite(io.BytesIO(data), {book: xml})
        except (xlsxparts.PartsError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise self._unreadable(exc) from exc
        files.write_bytes(self.path, new, check=self._check_unchanged)
        self._data, self._stamp = new, _stamp_of(os.stat(self.path), _digest(new))
        self._known = None  # what the read knew is of the file before this save

    def _formula_values(self, wb: Workbook) -> dict[str, dict[tuple[int, int], Any]]:
        """Each tab's formula cells -> the value saved with them, which openpyxl's save would drop."""
        wanted: list[tuple[str, int, int]] = [(ws.title, cell.row or 0, cell.column or 0) for ws in wb.worksheets
                                              for row in ws.iter_rows() for cell in row if cell.data_type == "f"]
        out: dict[str, dict[tuple[int, int], Any]] = {}
        if wanted:
            for (tab, r, c), value in self._cached_values(wanted).items():
                if value is not None:
                    out.setdefault(tab, {})[(r, c)] = value
        return out


def _read_only_file(path: Path) -> bool:
    """The file itself may not be written: no write permission for this process, or none for anyone
    (a file marked read-only, which root, who may write anything, is refused too)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    return not os.access(path, os.W_OK) or not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


class _closing:
    """A read-only openpyxl workbook as a context manager (it holds its zip open until closed)."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb

    def __enter__(self) -> Any:
        return self.wb

    def __exit__(self, *exc: object) -> None:
        self.wb.close()


class _Overlay(Mapping[str, bytes]):
    """The parts of a zip with some replaced, read only when asked for (adding a tab needs three)."""

    def __init__(self, zf: zipfile.ZipFile, replaced: Mapping[str, bytes]) -> None:
        self.zf, self.replaced = zf, replaced
        self.names = set(zf.namelist()) | set(replaced)

    def __getitem__(self, name: str) -> bytes:
        if name in self.replaced:
            return self.replaced[name]
        if name not in self.names:
            raise KeyError(name)
        return self.zf.read(name)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.names))

    def __len__(self) -> int:
        return len(self.names)


class _FastRead(NamedTuple):
    tables: dict[str, list[list[Any]]]  # the tabs read fast; the others are for openpyxl
    merged: dict[str, list[str]]  # tab -> its merged ranges (those read fast)


_STYLES_PART = "xl/styles.xml"  # where openpyxl looks for them, whatever the relationships say
_DATEISH = (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)
_DATE_TYPES = frozenset(_DATEISH)


def _fast_reader(zf: zipfile.ZipFile, data: bytes, wanted: list[tuple[str, str]]) -> _FastRead:
    """The values of the tabs (name, part) that calamine reads exactly as openpyxl's read-only mode
    does (`xlsxparts.fast_readable`), read with it, fixed up to openpyxl's types; a tab it cannot
    answer for is left out, for openpyxl. calamine failing at all leaves every tab to openpyxl."""
    out = _FastRead({}, {})
    names = set(zf.namelist())
    strings = [n for n in names if n.lower().endswith("sharedstrings.xml")]
    if not wanted or len(strings) > 1 or _STYLES_PART not in names:
        return out
    if not xlsxparts.fast_readable_strings(zf.read(strings[0]) if strings else None):
        return out
    dates = xlsxparts.date_styles(zf.read(_STYLES_PART))
    if dates is None:
        return out
    epoch = xlsxparts.EPOCH_1904 if xlsxparts.date1904(zf) else xlsxparts.EPOCH_1900
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # whatever calamine refuses, openpyxl reads (or explains)
        return out
    # calamine parses a sheet without the interpreter's lock: a thread has it parse each tab while this
    # one checks the next and turns the one parsed before into values (read 0.13 -> 0.09 s at 5,000
    # rows). One tab ahead, no more: a parsed sheet costs memory until its values are taken. The thread
    # alone touches the book until it is done; the sheets it gives are this thread's.
    def fast_parts() -> Iterator[tuple[str, bytes]]:
        for tab, part in wanted:
            xml = zf.read(part)
            if xlsxparts.fast_readable(xml):
                yield tab, xml

    readable = fast_parts()
    with book, ThreadPoolExecutor(max_workers=1) as pool:

        def parse_next() -> tuple[str, bytes, Future[Any]] | None:
            found = next(readable, None)
            return None if found is None else (*found, pool.submit(book.get_sheet_by_name, found[0]))

        following = parse_next()
        while following is not None:
            tab, xml, sheet = following
            following = parse_next()
            try:
                rows = sheet.result().to_python(skip_empty_area=False)
            except Exception:  # as above: this tab is openpyxl's
                continue
            overrides = {(r, c): _date_value(style, kind, text, epoch, dates)
                         for r, c, style, kind, text in xlsxparts.styled_cells(xml, dates[0])
                         if kind == "n" and text}
            values = _from_calamine(rows, overrides)
            if values is None:
                continue
            refs = xlsxparts.merged_after_rows(xml)
            _hide_merged(values, refs)
            out.tables[tab] = values
            if refs:
                out.merged[tab] = refs
    return out


def _date_shown(xml: bytes | None, dates: tuple[frozenset[int], frozenset[int]] | None,
                cells: Mapping[tuple[int, int], Any]) -> bool:
    """Whether a date format shows some of `cells` in the sheet part `xml` (as far as anyone knows, yes,
    without the part or the formats)."""
    if xml is None or dates is None:
        return True
    return any((r, c) in cells for r, c, _, _, _ in xlsxparts.styled_cells(xml, dates[0]))


def _date_value(style: int, kind: str, text: str, epoch: datetime.datetime,
                dates: tuple[frozenset[int], frozenset[int]]) -> Any:
    # As openpyxl's reader: the number as it is written, then a date (a duration, a time of day).
    number = float(text) if "." in text or "E" in text or "e" in text else int(text)
    try:
        return xlsxparts.serial_date(number, epoch, duration=style in dates[1])
    except (OverflowError, ValueError):
        return "#VALUE!"


def _from_calamine(rows: list[list[Any]], overrides: dict[tuple[int, int], Any]) -> list[list[Any]] | None:
    """calamine's rows as openpyxl's read-only mode gives them (trimmed as `_values` trims): a whole
    float is the int it was written as (`fast_readable` let no "5.0" through), "" is an empty cell,
    a date is what `overrides` says. None: calamine took a cell for a date that openpyxl does not."""
    values: list[list[Any]] = []
    empty = 0
    by_row: dict[int, list[tuple[int, Any]]] = {}
    for (orow, ocol), value in overrides.items():
        by_row.setdefault(orow, []).append((ocol, value))
    for r, row in enumerate(rows, start=1):
        line = [(int(v) if v.is_integer() else v) if type(v) is float else (None if v == "" else v) for v in row]
        while line and line[-1] is None:
            line.pop()
        if r in by_row:
            for ocol, value in by_row[r]:
                line.extend([None] * (ocol - len(line)))
                line[ocol - 1] = value
            while line and line[-1] is None:
                line.pop()
        if not line:
            empty += 1
            continue
        if not _DATE_TYPES.isdisjoint(map(type, line)) and any(
                isinstance(v, _DATEISH) and (r, c) not in overrides for c, v in enumerate(line, start=1)):
            return None
        values.extend([] for _ in range(empty))
        empty = 0
        values.append(line)
    return values


def _values(ws: Any) -> tuple[list[list[Any]], list[tuple[int, int, Any]]]:
    """A read-only sheet's rows (trailing empty cells and rows trimmed, as Google does), and the cells
    that may hold a formula: a text starting with "=" (the formula's text, or a text typed so) or an
    array/data-table formula object."""
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    ws.reset_dimensions()  # the size the file claims may be a million formatted rows, or wrong
    values: list[list[Any]] = []
    empty = 0  # empty rows seen since the last one with a value: kept only if one follows
    found: list[tuple[int, int, Any]] = []
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        line = list(row)
        while line and line[-1] is None:
            line.pop()
        if not line:
            empty += 1
            continue
        for c, value in enumerate(line, start=1):
            if type(value) not in PLAIN:
                if isinstance(value, ArrayFormula | DataTableFormula):
                    found.append((r, c, value))
                line[c - 1] = _plain(value)
            elif isinstance(value, str) and value.startswith("="):
                found.append((r, c, value))
        values.extend([] for _ in range(empty))
        empty = 0
        values.append(line)
    return values, found


def _hide_merged(values: list[list[Any]], refs: list[str]) -> None:
    # As openpyxl's full load, and the spreadsheet programs, show them: a merged range is its top-left
    # cell; a value left in another of its cells is not read.
    for ref in refs:
        bounds = xlsxparts.bounds(ref)
        if bounds is None:
            continue
        r1, c1, r2, c2 = bounds
        for r in range(r1, min(r2, len(values)) + 1):
            line = values[r - 1]
            for c in range(c1, min(c2, len(line)) + 1):
                if (r, c) != (r1, c1):
                    line[c - 1] = None
            while line and line[-1] is None:
                line.pop()
    while values and not values[-1]:
        values.pop()


def _range_of(value: Any) -> tuple[int, int, int, int] | None:
    ref = getattr(value, "ref", None)
    return xlsxparts.bounds(ref) if isinstance(ref, str) else None


def _kept_message(tab: str, kept: xlsxparts.Kept) -> str:
    cell = f"{col_letter(kept.col)}{kept.row}"
    if kept.reason == "merged":
        return vocab.WB_KEPT_MERGED.format(tab=tab, cell=cell, range=kept.detail)
    if kept.detail:
        return vocab.WB_KEPT_FORMULA.format(tab=tab, cell=cell, formula=kept.detail)
    return vocab.WB_KEPT_SHARED_FORMULA.format(tab=tab, cell=cell)


def _give_back_values(saved: io.BytesIO, cached: dict[str, dict[tuple[int, int], Any]]) -> bytes:
    with zipfile.ZipFile(saved) as zf:
        parts = xlsxparts.sheet_parts(zf)
        replaced = {parts[tab]: xlsxparts.put_cached_values(zf.read(parts[tab]), values, part=parts[tab])
                    for tab, values in cached.items() if tab in parts}
    return xlsxparts.rewrite(saved, replaced)


def _new_workbook() -> Workbook:
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active  # a new workbook has one blank sheet, active
    assert first is not None
    wb.remove(first)
    return wb


def _put(ws: Worksheet, w: CellWrite) -> None:
    # Setup's own cells (headers, an indicator's code and title): raw values, never a formula.
    cell = ws.cell(w.row, w.col)
    cell.value = w.value
    if isinstance(w.value, str):
        cell.data_type = "s"


def _needs_format(ws: Worksheet, layout: TabLayout) -> bool:
    if layout.create or layout.writes or not ws.protection.sheet:
        return True
    if any(getattr(ws.protection, flag) for flag in ALLOWED) or not _has_rag_rules(ws):
        return True
    if ws.page_setup.orientation != "landscape" or (not ws.print_title_rows and layout.kind != "status"):
        return True
    if layout.kind == "status":
        return False
    if ws.freeze_panes != FREEZE[layout.kind]:
        return True
    check_row = 2
    if any(ws.cell(check_row, c).protection.locked for c in [*layout.user_columns, *layout.columns.values()]
           if c not in layout.status_columns):
        return True
    if any(not ws.cell(check_row, c).protection.locked for c in layout.status_columns):
        return True
    level_col = layout.columns.get("self_level")
    return bool(level_col and layout.level_choices
                and not any(dv.formula1 == level_list(layout) for dv in ws.data_validations.dataValidation))


def level_list(layout: TabLayout) -> str:
    # The level dropdown's items (the office's level names) as a list validation's formula.
    return '"' + ",".join(layout.level_choices) + '"'


def _rag_formula(colour: str, top_left: str, header_key: str | None = None) -> str:
    # True when the cell's text starts with one of the state words of `colour` (relative to the range's
    # first cell, as conditional formats count); on the Status tab, not in a table's header row (its
    # first cell is `header_key`), where a column may be named with a state's word.
    tests = [f'LEFT({top_left},{len(p)})="{p}"' for p in RAG_PREFIXES[colour]]
    test = tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"
    if header_key is None:
        return test
    row = "".join(ch for ch in top_left if ch.isdigit())
    return f'AND($A{row}<>"{header_key}",{test})'


def _is_ours(rule: Any) -> bool:
    return bool(rule.formula) and any(f'"{p}"' in rule.formula[0] for p in RAG_PREFIXES["red"])


def _has_rag_rules(ws: Worksheet) -> bool:
    return any(_is_ours(rule) for cf in ws.conditional_formatting for rule in cf.rules)


def _add_rag_rules(ws: Worksheet, ranges: list[str], header_key: str | None = None) -> None:
    # Rules of an earlier setup on these ranges are replaced; a group's own rules elsewhere stay.
    from openpyxl.formatting.formatting import ConditionalFormattingList
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    kept = ConditionalFormattingList()
    for cf in ws.conditional_formatting:
        if str(cf.sqref) not in ranges and not (cf.rules and _is_ours(cf.rules[0])):
            for rule in cf.rules:
                kept.add(str(cf.sqref), rule)
    ws.conditional_formatting = kept
    for area in ranges:
        top_left = area.split(":")[0]
        for colour, rgb in COLOURS.items():
            fill = PatternFill(start_color=rgb, end_color=rgb, fill_type="solid")
            ws.conditional_formatting.add(area, FormulaRule(formula=[_rag_formula(colour, top_left, header_key)],
                                                            fill=fill, stopIfTrue=True))


def _print_setup(ws: Worksheet, title_rows: str | None) -> None:
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True
    for flag in ALLOWED:
        setattr(ws.protection, flag, False)


def _format_tab(ws: Worksheet, layout: TabLayout) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    _protect(ws)
    if layout.kind == "status":
        _format_status_tab(ws)
        return
    look = _look()
    locked, unlocked, wrap_top, fills = look.locked, look.unlocked, look.wrap_top, look.fills
    _print_setup(ws, "1:1")
    ws.freeze_panes = FREEZE[layout.kind]
    last = max(layout.last_row, ws.max_row) + SPARE_ROWS
    status = set(layout.status_columns)
    # Every column is open by default, so a column a group adds of its own is theirs to type in; the
    # status columns are locked, grey and wrap their text.
    widest = max([ws.max_column, *layout.columns.values()])
    for c in range(1, widest + 1):
        dim = ws.column_dimensions[col_letter(c)]
        if c in status:
            dim.protection, dim.fill, dim.alignment = locked, fills["status"], wrap_top
        else:
            dim.protection, dim.alignment = unlocked, wrap_top
    beyond = ws.column_dimensions[col_letter(widest + 1)]
    beyond.min, beyond.max = widest + 1, LAST_COLUMN
    beyond.protection = unlocked
    for c in range(1, widest + 1):
        if c not in status:  # the key columns too: a group adds a row with its indicator's code
            for r in range(2, last + 1):
                cell = ws.cell(r, c)
                cell.protection, cell.alignment = unlocked, wrap_top
    for c in layout.status_columns:
        for r in range(2, last + 1):
            cell = ws.cell(r, c)
            cell.protection, cell.fill, cell.alignment = locked, fills["status"], wrap_top
    _add_rag_rules(ws, [f"{col_letter(c)}2:{col_letter(c)}{LAST_ROW}" for c in layout.status_columns])
    bold = Font(bold=True)
    for c in range(1, ws.max_column + 1):
        cell = ws.cell(1, c)
        if cell.value is None:
            continue
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.fill = fills["status_header"] if c in status else fills["header"]
    widths = {c.key: c.width for c in ((*INDICATOR_COLUMNS, *SIGNOFF_COLUMNS) if layout.kind == "group" else OUTPUT_COLUMNS)}
    for key, col in layout.columns.items():
        ws.column_dimensions[col_letter(col)].width = widths.get(key, 16)
    # The header row as tall as its longest label wraps to (office programs keep a height they are given).
    header_lines = max((xlsxparts.lines_needed(str(ws.cell(1, col).value or ""), widths.get(key, 16))
                        for key, col in layout.columns.items()), default=1)
    ws.row_dimensions[1].height = header_lines * xlsxparts.LINE_HEIGHT_PT
    level_col = layout.columns.get("self_level")
    if level_col and layout.level_choices:
        # A dropdown from an earlier setup (other level names) is replaced, not stacked under the new one.
        first = f"{col_letter(level_col)}2"
        ws.data_validations.dataValidation = [old for old in ws.data_validations.dataValidation
                                              if not (old.type == "list" and first in old.sqref)]
        dv = DataValidation(type="list", formula1=level_list(layout), allow_blank=True,
                            errorTitle=vocab.LEVEL_DROPDOWN_ERROR_TITLE,
                            error=vocab.LEVEL_DROPDOWN_ERROR.format(low=min(layout.level_names),
                                                                     high=max(layout.level_names)),
                            promptTitle=vocab.LEVEL_DROPDOWN_TITLE, prompt=", ".join(layout.level_choices))
        dv.add(f"{col_letter(level_col)}2:{col_letter(level_col)}{last}")
        ws.add_data_validation(dv)


def _format_status_tab(ws: Worksheet) -> None:
    # The sync writes this tab's values only: the title's size is A1's own style, a section heading
    # (a text in A with nothing in B) is bold and a state is coloured by the conditional formats here.
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font

    _print_setup(ws, None)
    for letter, width in zip("ABCDEFG", (36, 30, 30, 14, 14, 16, 26), strict=True):
        dim = ws.column_dimensions[letter]
        dim.width, dim.alignment = width, _look().wrap_top
    ws["A1"].font = Font(bold=True, size=14)
    _add_rag_rules(ws, [STATUS_AREA], header_key=vocab.ST_GROUP)
    ws.conditional_formatting.add(STATUS_AREA.replace("A1", "A2"),
                                  FormulaRule(formula=['AND($A2<>"",$B2="")'], font=Font(bold=True)))


# --- the marker of the sync's own status columns (core.layout says why) ------------------------------
# A defined name local to the tab per status column, `sheetsync_<key>` -> the column's header cell
# (`'tab'!$P$1`), and `sheetsync_tab` (the constant 1): the tab is marked at all. Excel and LibreOffice
# move a name's reference with its column and make it #REF! when the column is deleted; typing, copying
# or pasting cells never creates or carries one. Setup writes them with openpyxl (`_mark_tab`); the sync
# reads them from workbook.xml (`sheet_marks`) and writes that part only when it adds a status column
# (`with_marks`).

MARK_PREFIX = "sheetsync_"
MARK_FLAG = f"{MARK_PREFIX}tab"
_MARK_REF = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d+)$")


def _header_ref(tab: str, col: int) -> str:
    return "'" + tab.replace("'", "''") + f"'!${col_letter(col)}$1"


def _mark_column(tab: str, text: str | None, tabs: list[str]) -> int | None:
    """The column a status column's name refers to, on its own tab (None: #REF!, or anything else). A
    name local to the tab that names a tab the workbook does not have is its own tab's under the name
    it had: a rename by a program that leaves names as they were (openpyxl; Excel and LibreOffice
    follow the rename)."""
    m = _MARK_REF.match((text or "").strip())
    if m is None:
        return None
    sheet = m.group(1).replace("''", "'") if m.group(1) is not None else m.group(2)
    return col_index(m.group(3)) if sheet == tab or sheet not in tabs else None


def sheet_marks(zf: zipfile.ZipFile) -> dict[str, dict[int, str]]:
    """Tab -> its marked status columns (column -> status key), for every tab that has a name of ours
    (an unmarked tab is absent). Read from workbook.xml: `localSheetId` counts the tabs in order."""
    book = xlsxparts.workbook_part(zf)
    root = xlsxparts._parse(zf.read(book), book)
    tabs = [sheet.get("name", "") for sheet in root.iter(xlsxparts.q("sheet"))]
    found: dict[str, dict[int, str]] = {}
    for name in root.iter(xlsxparts.q("definedName")):
        label, local = (name.get("name") or "").lower(), name.get("localSheetId")
        if not label.startswith(MARK_PREFIX) or local is None or not local.isdigit() or int(local) >= len(tabs):
            continue
        tab = tabs[int(local)]
        marks = found.setdefault(tab, {})
        col = _mark_column(tab, name.text, tabs) if label != MARK_FLAG else None
        if col is not None:
            marks[col] = label[len(MARK_PREFIX):]
    return found


def with_marks(xml: bytes, marks: list[ColumnMark]) -> bytes:
    """workbook.xml with each mark's name set (an earlier one of the same key on that tab replaced) and
    each marked tab's flag; nothing else changed."""
    root = xlsxparts._parse(xml, "workbook")
    tabs = [sheet.get("name", "") for sheet in root.iter(xlsxparts.q("sheet"))]
    names = root.find(xlsxparts.q("definedNames"))
    if names is None:
        names = root.makeelement(xlsxparts.q("definedNames"), {})
        after = [root.find(xlsxparts.q(t)) for t in ("sheets", "functionGroups", "externalReferences")]
        last = [el for el in after if el is not None][-1]
        last.addnext(names)

    def put(local: str, label: str, text: str) -> None:
        for old in names.findall(xlsxparts.q("definedName")):
            if (old.get("name") or "").lower() == label and old.get("localSheetId") == local:
                names.remove(old)
        el = names.makeelement(xlsxparts.q("definedName"), {"name": label, "localSheetId": local})
        el.text = text
        names.append(el)

    for mark in marks:
        local = str(tabs.index(mark.tab))
        put(local, f"{MARK_PREFIX}{mark.key}", _header_ref(mark.tab, mark.col))
        if not any((n.get("name") or "").lower() == MARK_FLAG and n.get("localSheetId") == local for n in names):
            put(local, MARK_FLAG, "1")
    return xlsxparts._serialize(root)


def _mark_tab(ws: Worksheet, marks: dict[str, int]) -> bool:
    """Setup: the tab's names as `marks` (status key -> column) says; whether anything changed."""
    from openpyxl.workbook.defined_name import DefinedName

    if not marks:
        return False
    wanted = {f"{MARK_PREFIX}{key}": _header_ref(ws.title, col) for key, col in marks.items()}
    wanted[MARK_FLAG] = "1"
    have = {name.lower(): dn for name, dn in ws.defined_names.items() if name.lower().startswith(MARK_PREFIX)}
    changed = False
    for name, text in wanted.items():
        old = have.get(name)
        if old is not None and old.attr_text == text:
            continue
        if old is not None:
            del ws.defined_names[old.name]
        ws.defined_names[name] = DefinedName(name, attr_text=text)
        changed = True
    return changed
