"""`sheetsync doctor`: is this office ready for tonight's sync? It reads, and writes nothing.

One line per check: ✓ passed, ! works but worth a look, ✗ the sync (or its documents, or its e-mails)
would fail; a ! or ✗ line is followed by what to fix. Bad config stops it first, with exit status 2 and
the same messages as every other command.

The checks, in order:
- config: the office loads (file:line errors otherwise);
- the standards: a ! while standards.yaml is still the example's (`example: true`) or lists assumptions
  to confirm against OBEC's rubric (they are never printed in a document or sheet);
- values left from the example config (compared with the example config that sheetsync ships): the office's name,
  short name, director and coordinator, the document number prefixes (office.doc_prefix,
  documents.memo_prefix), the order's number in committee.yaml, and every e-mail address in the
  `.example` domain; a ! (the sync runs, but its order, memos and reminders would carry them);
- where the sheets live: Google's service-account key (the e-mail to share with), or the workbook
  (exists, not open in Excel or LibreOffice, its folder writable for the atomic save) and its mode: a
  ✗ when it is read-only (no write bit, a read-only or immutable attribute: nobody can save it, and
  the sync refuses it) or the sync's user cannot write it, a ! when only its owner may (groups saving
  it through a shared folder with their own accounts could not);
- the secret files, when there are any (the service-account key, `sheetsync.env`): a ! when a user
  other than the owner may read or change one (any group or other permission bit: README says chmod
  600), with the chmod to run;
- one read of every configured tab with the backend's own `read()` (for Google: its usual read
  requests; nothing is ever written);
- each tab's shape: present, the required headers found and not doubled, the status columns there,
  a row for every owned indicator; the outputs tab and the Status tab;
- the groups' columns open to them: in the workbook, no typed column of a group tab or the outputs tab
  locked under the sheet's protection (each cell as Excel decides it: its own style, its row's, its
  column's); on Google, every group with editors in office.yaml (`emails`) and no protected range over
  its typed columns that leaves one of them out (warning-only ranges let people type; a range whose
  editors Google hides is said, not judged). Whom the spreadsheet is shared with, the Sheets API does
  not tell: the line says so;
- (the workbook) formulas saved with no value, which the sync cannot read: counted per tab, the cells
  named;
- documents: the PDF font files (the office's or the bundled Sarabun) exist and are fonts, WeasyPrint
  and Pango load, libthai is there for Thai line breaking;
- the state folder and its logs folder (exist or can be created, writable), the history database
  (opened read-only, checked, its schema version read: older is upgraded by the next sync, newer
  is refused), the sync lock (a sync running now, or a stale lock);
- reminders, when configured: the password variable is set, and the SMTP server accepts a connection,
  encryption and the login (then QUIT: no message is sent).

Each check is a small function returning `Check`s; the tab checks are pure.

Nothing secret is shown (issue 13): every line goes through reminders.scrub on its way out, with the
SMTP password when one is set, so a server's reply that echoes a login (or a token, a key) is shown
without it, whichever check it came from.
"""

from __future__ import annotations

import array
import ctypes.util
import io
import os
import shlex
import smtplib
import stat
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import openpyxl
from pydantic import BaseModel

from sheetsync.app import notify as notify_
from sheetsync.app.reminders import SmtpProblem, describe, scrub, smtp_password, smtp_session
from sheetsync.backends import open_backend, xlsxparts
from sheetsync.backends.base import Backend
from sheetsync.backends.xlsx import lock_files
from sheetsync.core import thai, thaifmt, vocab
from sheetsync.core.cells import RawTable, UncomputedFormula, a1, col_letter
from sheetsync.core.columns import OUTPUT_COLUMNS, OUTPUT_STATUS_KEYS, STATUS_KEYS, Column
from sheetsync.core.errors import BackendError, ConfigError, HistoryError
from sheetsync.core.layout import tabs_to_read
from sheetsync.core.models import DEFAULT_TIMEZONE, Group, Office
from sheetsync.core.rows import indicator_columns, locate_columns, normalize_code, required_keys
from sheetsync.documents import render as engine
from sheetsync.documents.render import RenderError, font_family
from sheetsync.resources import data_dir
from sheetsync.store.config import load_office, standards_warning
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import SCHEMA_VERSION, History
from sheetsync.store.lock import probe, since_text
from sheetsync.store.secrets import read_secret

Mark = Literal["ok", "warn", "fail"]
MARKS: dict[str, str] = {"ok": "✓", "warn": "!", "fail": "✗"}
_RANK = {"ok": 0, "warn": 1, "fail": 2}


class Check(BaseModel):
    mark: Mark
    title: str
    detail: str = ""
    fix: str = ""


def ok(title: str, detail: str = "") -> Check:
    return Check(mark="ok", title=title, detail=detail)


def warn(title: str, detail: str, fix: str) -> Check:
    return Check(mark="warn", title=title, detail=detail, fix=fix)


def fail(title: str, detail: str, fix: str) -> Check:
    return Check(mark="fail", title=title, detail=detail, fix=fix)


def render(check: Check) -> list[str]:
    """The check's line, and the fix under it when it did not pass."""
    line = f"{MARKS[check.mark]} {check.title}" + (f": {check.detail}" if check.detail else "")
    return [line] + ([f"    {vocab.DR_FIX}: {check.fix}"] if check.fix and check.mark != "ok" else [])


def exit_status(checks: list[Check]) -> int:
    return 1 if any(c.mark == "fail" for c in checks) else 0


def summary_line(checks: list[Check]) -> str:
    count = {m: thaifmt.digits(sum(1 for c in checks if c.mark == m)) for m in MARKS}
    return vocab.DR_SUMMARY.format(ok=count["ok"], warn=count["warn"], fail=count["fail"])


def _combine(title: str, problems: list[Check], ok_detail: str) -> Check:
    """One line for a tab: its worst problem's mark, every problem and every fix."""
    if not problems:
        return ok(title, ok_detail)
    worst = max(problems, key=lambda c: _RANK[c.mark]).mark
    fixes = list(dict.fromkeys(c.fix for c in problems if c.fix))
    return Check(mark=worst, title=title, detail="; ".join(c.detail for c in problems), fix=" / ".join(fixes))


def _labels(labels: list[str]) -> str:
    return ", ".join(f"'{label}'" for label in labels)


# --- the config ------------------------------------------------------------------------------------

def config_check(office: Office) -> Check:
    return ok(vocab.DR_CONFIG, vocab.DR_CONFIG_OK.format(
        short=office.office.short_name, fy=thaifmt.digits(office.office.fiscal_year),
        groups=thaifmt.digits(len(office.groups)), indicators=thaifmt.digits(len(office.indicators())),
        milestones=thaifmt.digits(len(office.milestones)), kind=office.backend.kind))


def standards_check(office: Office) -> Check:
    """A ! while standards.yaml is still the example's or assumes something (store.config.standards_warning):
    the sync runs, but its scores follow criteria the office has not confirmed against OBEC's rubric."""
    warning = standards_warning(office)
    if warning is None:
        return ok(vocab.DR_STANDARDS, vocab.DR_STANDARDS_OK)
    return warn(vocab.DR_STANDARDS, " ".join(warning.lines) + (" " + "; ".join(warning.items) if warning.items else ""),
                warning.fix)


def config_fix(paths: list[str]) -> str:
    """What to do about config problems; a file the documents use gets its own advice."""
    fix = vocab.DR_CONFIG_FIX
    if any(p.startswith("documents.") for p in paths):
        fix += " / " + vocab.DR_CONFIG_FILE_FIX
    return fix


# --- the tabs (pure) -------------------------------------------------------------------------------

def _header_problems(header: list[object], columns: tuple[Column, ...], required: list[str],
                     status_keys: tuple[str, ...]) -> tuple[dict[str, int], list[Check]]:
    labels = {c.key: c.label for c in columns}
    found, duplicated = locate_columns(header, columns)
    problems = []
    missing = [labels[k] for k in required if k not in found]
    if missing:
        problems.append(fail("", vocab.DR_MISSING_HEADERS.format(labels=_labels(missing)), vocab.DR_MISSING_HEADERS_FIX))
    if duplicated:
        problems.append(fail("", vocab.DR_DUPLICATE_HEADERS.format(labels=_labels(sorted(set(duplicated)))),
                             vocab.DR_DUPLICATE_HEADERS_FIX))
    status_missing = [labels[k] for k in status_keys if k not in found]
    if status_missing:
        problems.append(warn("", vocab.DR_MISSING_STATUS.format(labels=_labels(status_missing)),
                             vocab.DR_MISSING_STATUS_FIX))
    return found, problems


def group_tab_check(office: Office, group: Group, raw: RawTable | None) -> Check:
    title = f"{vocab.DR_TAB.format(tab=group.tab)} ({group.name})"
    if raw is None:
        return fail(title, vocab.DR_TAB_MISSING, vocab.DR_TAB_MISSING_FIX.format(tab=group.tab))
    owned = office.group_indicators(group.code)
    found, problems = _header_problems(raw.header, indicator_columns(office), required_keys(owned), STATUS_KEYS)
    rows = 0
    if "code" in found:
        codes = [normalize_code(raw.cell(r, found["code"])) for r in range(2, raw.row_count + 1)]
        codes = [c for c in codes if c]
        rows = len(codes)
        missing = [i.code for i in owned if i.code not in set(codes)]
        if missing:
            problems.append(warn("", vocab.DR_MISSING_ROWS.format(codes=", ".join(thaifmt.digits(c) for c in missing)),
                                 vocab.DR_MISSING_ROWS_FIX))
    return _combine(title, problems, vocab.DR_TAB_OK.format(rows=thaifmt.digits(rows)))


def outputs_tab_check(office: Office, raw: RawTable | None) -> Check:
    title = vocab.DR_TAB.format(tab=office.outputs_tab)
    if raw is None:
        return warn(title, vocab.DR_OUTPUTS_MISSING, vocab.DR_SETUP_FIX)
    _, problems = _header_problems(raw.header, OUTPUT_COLUMNS, ["group", "title", "evidence"], OUTPUT_STATUS_KEYS)
    rows = sum(1 for r in range(2, raw.row_count + 1) if any(v not in (None, "") for v in raw.values[r - 1]))
    return _combine(title, problems, vocab.DR_TAB_OK.format(rows=thaifmt.digits(rows)))


def status_tab_check(office: Office, raw: RawTable | None) -> Check:
    title = vocab.DR_TAB.format(tab=office.status_tab)
    if raw is None:
        return warn(title, vocab.DR_STATUS_TAB_MISSING, vocab.DR_SETUP_FIX)
    return ok(title, vocab.DR_STATUS_TAB_OK)


def tab_checks(office: Office, tables: dict[str, RawTable]) -> list[Check]:
    return ([group_tab_check(office, g, tables.get(g.tab)) for g in office.groups]
            + [outputs_tab_check(office, tables.get(office.outputs_tab)),
               status_tab_check(office, tables.get(office.status_tab))])


# --- where the sheets live -------------------------------------------------------------------------

def writable_dir(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


def workbook_check(path: Path) -> Check:
    if not path.is_file():
        return fail(vocab.DR_WORKBOOK, vocab.DR_WORKBOOK_MISSING.format(path=path), vocab.DR_WORKBOOK_MISSING_FIX)
    locks = lock_files(path)
    if locks:
        return fail(vocab.DR_WORKBOOK, vocab.DR_WORKBOOK_LOCKED.format(lock=locks[0].name),
                    vocab.DR_WORKBOOK_LOCKED_FIX.format(lock=locks[0]))
    if not writable_dir(path.parent) or not os.access(path, os.R_OK):
        return fail(vocab.DR_WORKBOOK, vocab.DR_WORKBOOK_READONLY.format(path=path.parent),
                    vocab.DR_READONLY_FIX.format(path=path.parent))
    return ok(vocab.DR_WORKBOOK, str(path))


def open_sheets(office: Office, config_dir: Path) -> tuple[Check, Backend | None]:
    """The credentials or workbook check, and the backend to read with when there is something to read."""
    if office.backend.kind == "xlsx":
        path = OfficeFolder(config_dir).file(office.backend.path).resolve()
        check = workbook_check(path)
        return check, open_backend(office, config_dir) if path.is_file() else None
    try:
        backend = open_backend(office, config_dir)
    except BackendError as exc:
        return fail(vocab.DR_CREDENTIALS, exc.message, exc.hint), None
    return ok(vocab.DR_CREDENTIALS, vocab.DR_CREDENTIALS_OK.format(email=getattr(backend, "email", ""))), backend


def read_check(office: Office, backend: Backend) -> tuple[Check, dict[str, RawTable] | None]:
    try:
        tables = backend.read(tabs_to_read(office))
    except BackendError as exc:
        return fail(vocab.DR_READ, exc.message, exc.hint), None
    detail = vocab.DR_READ_OK.format(backend=backend.describe(), tabs=thaifmt.digits(len(tables)))
    if backend.requests:
        detail += vocab.DR_READ_REQUESTS.format(requests=thaifmt.digits(backend.requests))
    return ok(vocab.DR_READ, detail), tables


def secret_files(office: Office, config_dir: Path) -> list[Path]:
    """The files that hold a secret and exist: the service-account key (as the backend finds it) and
    sheetsync.env (the nightly job's passwords)."""
    found: list[Path] = []
    backend = office.backend
    if backend.kind == "gsheets":
        credentials = getattr(backend, "credentials", None)
        env_key = os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")
        key = OfficeFolder(config_dir).file(credentials) if credentials else Path(env_key) if env_key else None
        if key is not None and key.is_file():
            found.append(key)
    env_file = OfficeFolder(config_dir).env_file
    if env_file.is_file():
        found.append(env_file)
    return found


def secret_files_check(paths: list[Path]) -> Check | None:
    """A ! when another user may read or change a secret file; None when there is none (or no POSIX modes)."""
    if not paths or os.name != "posix":
        return None
    modes = {p: p.stat().st_mode for p in paths}
    open_to_others = [p for p, mode in modes.items() if mode & 0o077]
    if not open_to_others:
        return ok(vocab.DR_SECRET_FILES, vocab.DR_SECRET_FILES_OK.format(files=", ".join(str(p) for p in paths)))
    shown = ", ".join(f"{p} ({stat.filemode(modes[p])})" for p in open_to_others)
    return warn(vocab.DR_SECRET_FILES, vocab.DR_SECRET_FILES_OPEN.format(files=shown),
                vocab.DR_SECRET_FILES_FIX.format(paths=" ".join(shlex.quote(str(p)) for p in open_to_others)))


# --- the groups can write --------------------------------------------------------------------------

# Linux's chattr attributes (linux/fs.h): FS_IOC_GETFLAGS is _IOR('f', 1, long), read into an int.
_FS_IOC_GETFLAGS = 0x80086601
_FS_IMMUTABLE_FL = 0x10
_FS_APPEND_FL = 0x20


def read_only_attributes(path: Path) -> list[str]:
    """What marks the file read-only besides its mode bits, each as the command that clears it: Windows'
    read-only attribute, BSD's and macOS's immutable flags, Linux's immutable and append-only attributes
    (which refuse every writer, root included)."""
    st = path.stat()
    found: list[str] = []
    if getattr(st, "st_file_attributes", 0) & getattr(stat, "FILE_ATTRIBUTE_READONLY", 0):
        found.append(f'attrib -R "{path}"')
    if getattr(st, "st_flags", 0) & (stat.UF_IMMUTABLE | stat.SF_IMMUTABLE):
        found.append(f"chflags nouchg {shlex.quote(str(path))}")
    if sys.platform.startswith("linux"):
        import fcntl  # POSIX only: not importable where the attribute above is Windows'

        flags = array.array("i", [0])
        try:
            with path.open("rb") as fh:
                fcntl.ioctl(fh.fileno(), _FS_IOC_GETFLAGS, flags, True)
        except OSError:  # a file system without the attributes (tmpfs, a network share)
            return found
        if flags[0] & (_FS_IMMUTABLE_FL | _FS_APPEND_FL):
            found.append(f"sudo chattr -i -a {shlex.quote(str(path))}")
    return found


def _owner(path: Path) -> str:
    try:
        return f"{path.owner()}:{path.group()}"
    except (KeyError, NotImplementedError, OSError):  # a user or group the machine has no name for
        st = path.stat()
        return f"{st.st_uid}:{st.st_gid}"


def workbook_mode_check(path: Path) -> Check | None:
    """The groups can save the workbook: not read-only (mode bits, an attribute), writable by the sync's
    user (the sync refuses a read-only file), in a folder not read-only (a program saves through a new
    file beside it), and group-writable where groups save it through a shared
    folder with their own accounts (a ! only: a share that works as one user needs none)."""
    if not path.is_file():
        return None
    st = path.stat()
    shown = f"{stat.filemode(st.st_mode)} {_owner(path)}" if os.name == "posix" else stat.filemode(st.st_mode)
    attributes = read_only_attributes(path)
    if attributes:
        return fail(vocab.DR_MODE, vocab.DR_MODE_ATTRIBUTE.format(path=path),
                    vocab.DR_MODE_ATTRIBUTE_FIX.format(commands=" / ".join(attributes)))
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return fail(vocab.DR_MODE, vocab.DR_MODE_READONLY.format(path=path, mode=shown),
                    vocab.DR_MODE_READONLY_FIX.format(path=shlex.quote(str(path))))
    if not os.access(path, os.W_OK):
        return fail(vocab.DR_MODE, vocab.DR_MODE_NOT_WRITABLE.format(path=path, mode=shown),
                    vocab.DR_READONLY_FIX.format(path=path))
    folder = path.parent
    if writable_dir(folder) and not folder.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        # Writable to root alone, who writes anything (the workbook line asked as this user): Excel and
        # LibreOffice save through a new file beside it, which nobody else may make.
        return fail(vocab.DR_MODE, vocab.DR_MODE_FOLDER_READONLY.format(
            path=folder, mode=stat.filemode(folder.stat().st_mode)),
            vocab.DR_MODE_READONLY_FIX.format(path=shlex.quote(str(folder))))
    if os.name == "posix" and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return warn(vocab.DR_MODE, vocab.DR_MODE_OWNER_ONLY.format(path=path, mode=shown),
                    vocab.DR_MODE_OWNER_ONLY_FIX.format(path=shlex.quote(str(path))))
    return ok(vocab.DR_MODE, vocab.DR_MODE_OK.format(mode=shown))


def typed_columns(header: list[object], columns: tuple[Column, ...], status_keys: tuple[str, ...]) -> dict[int, str]:
    """The columns people type in (every known column but the sync's status columns): column -> label."""
    found, _ = locate_columns(header, columns)
    labels = {c.key: c.label for c in columns}
    return {col: labels[key] for key, col in sorted(found.items(), key=lambda kv: kv[1]) if key not in status_keys}


def typed_columns_of(office: Office, tables: dict[str, RawTable]) -> dict[str, dict[int, str]]:
    """Each group tab's and the outputs tab's typed columns, by the tab as office.yaml names it."""
    out: dict[str, dict[int, str]] = {}
    for group in office.groups:
        raw = tables.get(group.tab)
        if raw is not None:
            out[group.tab] = typed_columns(raw.header, indicator_columns(office), STATUS_KEYS)
    raw = tables.get(office.outputs_tab)
    if raw is not None:
        out[office.outputs_tab] = typed_columns(raw.header, OUTPUT_COLUMNS, OUTPUT_STATUS_KEYS)
    return out


def _column_list(columns: dict[int, str], cols: list[int]) -> str:
    return ", ".join(f"'{columns[c]}' ({col_letter(c)})" for c in cols)


def _is_locked(ws: Any, row: int, col: int) -> bool:
    """As Excel decides it: the cell's own style where the file has the cell, else its row's (a row
    given a style), else its column's; style 0, Excel's default, is locked."""
    cell = ws._cells.get((row, col))  # openpyxl's own: a lookup that creates no cell
    if cell is not None:
        return bool(cell.protection.locked)
    row_dim = ws.row_dimensions.get(row)
    if row_dim is not None and row_dim.customFormat:
        return bool(row_dim.protection.locked)
    for dim in ws.column_dimensions.values():
        if (dim.min or 0) <= col <= (dim.max or 0):
            return bool(dim.protection.locked)
    return True


def workbook_locked_columns(path: Path, typed: dict[str, dict[int, str]], rows: dict[str, int],
                            actual: dict[str, str]) -> dict[str, list[int]]:
    """Each tab's typed columns with a cell locked under the sheet's protection, in the rows read and the
    one below them (where a group adds a row). Read from a lean copy (the rows that hold a value,
    xlsxparts), fully loaded for its styles. An unreadable file has nothing to say here: the read check
    said it."""
    data = path.read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = xlsxparts.sheet_parts(zf)
        wanted = [parts[actual.get(t, t)] for t in typed if actual.get(t, t) in parts]
        lean, _ = xlsxparts.lean_copy(data, wanted)
        wb = openpyxl.load_workbook(io.BytesIO(lean))
    except Exception:  # openpyxl raises many kinds for a damaged file
        return {}
    out: dict[str, list[int]] = {}
    for tab, columns in typed.items():
        name = actual.get(tab, tab)
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        if not ws.protection.sheet:
            continue  # nothing is locked on a sheet that is not protected
        last = rows.get(tab, 1) + 1
        locked = [c for c in columns if any(_is_locked(ws, r, c) for r in range(2, last + 1))]
        if locked:
            out[tab] = locked
    return out


def workbook_editable_check(office: Office, path: Path, tables: dict[str, RawTable],
                            actual: dict[str, str]) -> Check:
    typed = typed_columns_of(office, tables)
    rows = {tab: raw.row_count for tab, raw in tables.items()}
    locked = workbook_locked_columns(path, typed, rows, actual)
    if not locked:
        return ok(vocab.DR_EDITABLE, vocab.DR_EDITABLE_XLSX_OK)
    detail = "; ".join(vocab.DR_EDITABLE_LOCKED.format(tab=tab, columns=_column_list(typed[tab], cols))
                       for tab, cols in locked.items())
    return fail(vocab.DR_EDITABLE, detail, vocab.DR_EDITABLE_LOCKED_FIX)


def _covers(grid: dict[str, Any], col: int) -> bool:
    """Whether a GridRange (0-based, end exclusive, a missing bound unbounded) holds column `col`
    (1-based) below the header row."""
    c0, c1 = grid.get("startColumnIndex", 0), grid.get("endColumnIndex")
    r1 = grid.get("endRowIndex")
    return c0 <= col - 1 and (c1 is None or col - 1 < c1) and (r1 is None or r1 > 1)


def protection_problems(tab: str, columns: dict[int, str], emails: list[str],
                        protected: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Pure: what each protected range of a tab keeps from the e-mails that type in it (Thai), and the
    ranges whose editors Google did not show (Google shows them only to an editor of the range)."""
    problems: list[str] = []
    unknown: list[str] = []
    wanted = {e.lower() for e in emails}
    for pr in protected:
        grid = pr.get("range")
        if pr.get("warningOnly") or not isinstance(grid, dict):
            continue  # a warning lets people type; a named range's protection has no range to compare
        open_ = [u for u in pr.get("unprotectedRanges", []) if isinstance(u, dict)]
        cols = [c for c in columns if _covers(grid, c) and not any(_covers(u, c) for u in open_)]
        if not cols:
            continue
        name = pr.get("description") or str(pr.get("protectedRangeId", ""))
        editors = pr.get("editors")
        if not isinstance(editors, dict):
            unknown.append(vocab.DR_EDITABLE_HIDDEN.format(tab=tab, name=name))
            continue
        if editors.get("domainUsersCanEdit"):
            continue
        allowed = {str(u).lower() for u in editors.get("users", [])}
        missing = sorted(wanted - allowed)
        if missing:
            problems.append(vocab.DR_EDITABLE_PROTECTED.format(
                tab=tab, name=name, emails=", ".join(missing), columns=_column_list(columns, cols)))
    return problems, unknown


def google_editable_check(office: Office, backend: Backend, tables: dict[str, RawTable],
                          actual: dict[str, str]) -> Check | None:
    """Each group's editors are in office.yaml, and no protected range of its tab (nor of the outputs
    tab) keeps them from its typed columns. Whom the spreadsheet is shared with, the Sheets API does not
    tell (Drive's permissions would): said, not checked."""
    without = [g for g in office.groups if not g.emails]
    typed = typed_columns_of(office, tables)
    readers: dict[str, list[str]] = {g.tab: g.emails for g in office.groups}
    readers[office.outputs_tab] = sorted({e for g in office.groups for e in g.emails})
    ask = getattr(backend, "protected_ranges", None)  # Google's backend has it (the workbook has no editors)
    if ask is None:
        return None
    try:
        protected = ask([actual.get(t, t) for t in typed])
    except BackendError as exc:
        return fail(vocab.DR_EDITABLE, exc.message, exc.hint)
    problems: list[str] = []
    unknown: list[str] = []
    for tab, columns in typed.items():
        found, hidden = protection_problems(tab, columns, readers.get(tab, []), protected.get(actual.get(tab, tab), []))
        problems += found
        unknown += hidden
    notes = " ".join([*unknown, vocab.DR_EDITABLE_SHARING])
    if problems:
        return fail(vocab.DR_EDITABLE, "; ".join(problems) + " " + notes, vocab.DR_EDITABLE_PROTECTED_FIX)
    if without:
        names = ", ".join(f"{g.name} ({g.code})" for g in without)
        return warn(vocab.DR_EDITABLE, vocab.DR_EDITABLE_NO_EMAILS.format(groups=names) + " " + notes,
                    vocab.DR_EDITABLE_NO_EMAILS_FIX)
    return ok(vocab.DR_EDITABLE, vocab.DR_EDITABLE_GOOGLE_OK + " " + notes)


def editable_checks(office: Office, backend: Backend, tables: dict[str, RawTable],
                    workbook: Path | None) -> Iterator[Check]:
    """The groups' columns open to them, and (the workbook's) formulas saved without a value."""
    actual = {f.tab: f.found for f in getattr(backend, "found", [])}  # a group's tab found renamed
    if workbook is not None:
        yield workbook_editable_check(office, workbook, tables, actual)
        yield formulas_check(tables)
        return
    google = google_editable_check(office, backend, tables, actual)
    if google is not None:
        yield google


# --- formulas saved without their value ------------------------------------------------------------

SHOWN_CELLS = 5


def formulas_check(tables: dict[str, RawTable]) -> Check:
    """The formulas the workbook holds with no value saved (a program that does not calculate wrote
    them): the sync reads no value there (core.problems `formula-no-value`), so each is named."""
    found: dict[str, list[str]] = {}
    for tab, raw in tables.items():
        cells = [a1(r, c) for r, line in enumerate(raw.values, start=1) for c, value in enumerate(line, start=1)
                 if isinstance(value, UncomputedFormula)]
        if cells:
            found[tab] = cells
    if not found:
        return ok(vocab.DR_FORMULAS, vocab.DR_FORMULAS_OK)
    parts = []
    for tab, cells in found.items():
        shown = ", ".join(cells[:SHOWN_CELLS])
        if len(cells) > SHOWN_CELLS:
            shown += vocab.DR_FORMULAS_MORE.format(count=thaifmt.digits(len(cells) - SHOWN_CELLS))
        parts.append(vocab.DR_FORMULAS_TAB.format(tab=tab, count=thaifmt.digits(len(cells)), cells=shown))
    return warn(vocab.DR_FORMULAS, "; ".join(parts), vocab.DR_FORMULAS_FIX)


# --- values left from the example config -----------------------------------------------------------

EXAMPLE_DOMAIN = ".example"  # RFC 2606's top-level domain for examples, which no mail reaches


def example_office() -> Office | None:
    """The example config sheetsync ships (config/), to compare with; None where it cannot be read."""
    try:
        return load_office(data_dir("config"))
    except (ConfigError, FileNotFoundError):
        return None


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def example_addresses(office: Office) -> list[str]:
    """Every e-mail address of the office's config in the .example domain, once each, in order."""
    data = office.model_dump(include={"office", "groups", "reminders"})
    return list(dict.fromkeys(s for s in _strings(data) if "@" in s and s.lower().endswith(EXAMPLE_DOMAIN)))


def example_values(office: Office, example: Office | None) -> list[str]:
    """Pure: the office's values still the example office's, each as file, key and value (Thai)."""
    found: list[str] = []
    if example is not None:
        pairs = [("office.yaml", "office.name", office.office.name, example.office.name),
                 ("office.yaml", "office.short_name", office.office.short_name, example.office.short_name),
                 ("office.yaml", "office.director.name", office.office.director.name, example.office.director.name),
                 ("office.yaml", "office.coordinator.name", office.office.coordinator.name,
                  example.office.coordinator.name),
                 ("office.yaml", "office.doc_prefix", office.office.doc_prefix, example.office.doc_prefix),
                 ("office.yaml", "documents.memo_prefix", office.documents.memo_prefix, example.documents.memo_prefix)]
        if office.committee is not None and example.committee is not None:
            pairs.append(("committee.yaml", "order_number", office.committee.order_number,
                          example.committee.order_number))
        found += [vocab.DR_EXAMPLE_VALUE.format(file=file, key=key, value=mine)
                  for file, key, mine, theirs in pairs if mine and mine == theirs]
    addresses = example_addresses(office)
    if addresses:
        shown = ", ".join(addresses[:3]) + (vocab.DR_FORMULAS_MORE.format(count=thaifmt.digits(len(addresses) - 3))
                                            if len(addresses) > 3 else "")
        found.append(vocab.DR_EXAMPLE_EMAILS.format(count=thaifmt.digits(len(addresses)), emails=shown))
    return found


def example_values_check(office: Office, example: Office | None) -> Check:
    found = example_values(office, example)
    if not found:
        return ok(vocab.DR_EXAMPLES, vocab.DR_EXAMPLES_OK)
    return warn(vocab.DR_EXAMPLES, vocab.DR_EXAMPLES_FOUND.format(values="; ".join(found)), vocab.DR_EXAMPLES_FIX)


# --- documents -------------------------------------------------------------------------------------

def font_file_check(title: str, path: Path, fix: str) -> Check:
    if not path.is_file():
        return fail(title, vocab.DR_FONT_MISSING.format(path=path), fix)
    try:
        family = font_family(path)
    except RenderError as exc:
        return fail(title, exc.message, exc.hint)
    return ok(title, vocab.DR_FONT_OK.format(family=family, path=path))


def font_checks(office: Office, config_dir: Path) -> list[Check]:
    """The font files the PDF uses, as documents.render.office_fonts picks them."""
    docs = office.documents
    places = OfficeFolder(config_dir)
    if docs.font:
        regular = places.file(docs.font)
        regular_fix = vocab.DR_FONT_CONFIG_FIX.format(path=regular)
        bold, bold_fix = regular, regular_fix
    else:
        try:
            regular, bold = engine.bundled_sarabun()
        except ImportError as exc:
            return [fail(vocab.DR_FONT, vocab.DR_FONT_MISSING.format(path=f"Sarabun ({exc})"), vocab.DR_FONT_BUNDLED_FIX)]
        regular_fix = bold_fix = vocab.DR_FONT_BUNDLED_FIX
    if docs.font_bold:
        bold = places.file(docs.font_bold)
        bold_fix = vocab.DR_FONT_CONFIG_FIX.format(path=bold)
    checks = [font_file_check(vocab.DR_FONT, regular, regular_fix)]
    if bold != regular:
        checks.append(font_file_check(vocab.DR_FONT_BOLD, bold, bold_fix))
    return checks


def pdf_engine_check() -> Check:
    try:
        import weasyprint
        from weasyprint.text.ffi import pango
    except OSError as exc:  # the Pango libraries are missing
        return fail(vocab.DR_PDF, vocab.DOC_NO_PANGO.format(problem=exc), vocab.DOC_NO_PANGO_HINT)
    except ImportError as exc:
        return fail(vocab.DR_PDF, vocab.DR_PDF_MISSING.format(problem=exc), vocab.DR_PDF_MISSING_FIX)
    version = int(pango.pango_version())
    pango_version = f"{version // 10000}.{version // 100 % 100}.{version % 100}"
    return ok(vocab.DR_PDF, vocab.DR_PDF_OK.format(weasyprint=weasyprint.__version__, pango=pango_version))


def thai_breaking_check() -> Check:
    lib = ctypes.util.find_library("thai")
    if lib is None:
        return warn(vocab.DR_THAI, vocab.DR_THAI_MISSING, vocab.DR_THAI_FIX)
    return ok(vocab.DR_THAI, vocab.DR_THAI_OK.format(lib=lib))


# --- the state folder ------------------------------------------------------------------------------

def folder_check(title: str, path: Path) -> Check:
    """A folder the sync writes in: there and writable, or creatable."""
    if path.is_dir():
        if writable_dir(path):
            return ok(title, vocab.DR_STATE_OK.format(path=path))
        return fail(title, vocab.DR_STATE_READONLY.format(path=path), vocab.DR_READONLY_FIX.format(path=path))
    if path.exists():
        return fail(title, vocab.DR_STATE_NOT_DIR.format(path=path), vocab.DR_STATE_NOT_DIR_FIX.format(path=path))
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return fail(title, vocab.DR_STATE_NOT_DIR.format(path=parent), vocab.DR_STATE_NOT_DIR_FIX.format(path=parent))
    if not writable_dir(parent):
        return fail(title, vocab.DR_STATE_CANNOT_CREATE.format(path=path, parent=parent),
                    vocab.DR_READONLY_FIX.format(path=parent))
    return ok(title, vocab.DR_STATE_NEW.format(path=path))


def history_check(path: Path) -> Check:
    """The history database opens read-only (nothing migrated, nothing written), passes SQLite's quick
    check and has the tables of its schema version; an older version is fine (the next sync upgrades
    it), a newer one fails (this sheetsync would refuse it)."""
    if not path.exists():
        return ok(vocab.DR_HISTORY, vocab.DR_HISTORY_NEW)
    try:
        with History(path, read_only=True) as history:
            seen = history.overview()
    except HistoryError as exc:  # not SQLite, damaged, or written by a newer sheetsync: its own Thai words
        return fail(vocab.DR_HISTORY, exc.message, exc.hint)
    if not os.access(path, os.R_OK | os.W_OK):
        return fail(vocab.DR_HISTORY, vocab.DR_HISTORY_READONLY.format(path=path), vocab.DR_READONLY_FIX.format(path=path))
    detail = vocab.DR_HISTORY_OK.format(path=path, runs=thaifmt.digits(seen.runs))
    if seen.newest is not None:
        detail += vocab.DR_HISTORY_LAST.format(when=thai.format_moment(seen.newest.started_at),
                                               status=vocab.RUN_STATUS.get(seen.newest.status, seen.newest.status))
    if seen.needs_upgrade:
        detail += vocab.DR_HISTORY_UPGRADE.format(version=thaifmt.digits(seen.version),
                                                  current=thaifmt.digits(SCHEMA_VERSION))
    return ok(vocab.DR_HISTORY, detail)


def lock_check(path: Path) -> Check:
    """Asked of the lock itself (store/lock.py): free, held by a running sync, or left by one that died."""
    found = probe(path)
    holder = found.holder
    # The lock's file names no office, so its time is shown in the offices' zone (Bangkok), as a sentence.
    pid, since = (holder.pid, since_text(holder.since, ZoneInfo(DEFAULT_TIMEZONE))) if holder is not None else (0, "")
    if found.state == "free":
        return ok(vocab.DR_LOCK, vocab.DR_LOCK_FREE)
    if found.state == "held" and holder is None:  # taken a moment ago, or by a holder that named no process
        return warn(vocab.DR_LOCK, vocab.DR_LOCK_HELD_UNKNOWN, vocab.DR_LOCK_HELD_FIX)
    if found.state == "held":
        return warn(vocab.DR_LOCK, vocab.DR_LOCK_HELD.format(pid=pid, since=since), vocab.DR_LOCK_HELD_FIX)
    return warn(vocab.DR_LOCK, vocab.DR_LOCK_STALE.format(pid=pid), vocab.DR_LOCK_STALE_FIX.format(path=found.info))


def state_checks(config_dir: Path) -> list[Check]:
    places = OfficeFolder(config_dir)
    db, state = places.history, places.state
    checks = [folder_check(vocab.DR_STATE, state)]
    if state.is_dir() or not state.exists():
        checks.append(folder_check(vocab.DR_LOGS, places.logs))
        checks.append(history_check(db))
        checks.append(lock_check(places.lock))
    return checks


# --- reminders -------------------------------------------------------------------------------------

def smtp_check(office: Office, config_dir: Path) -> Check | None:
    """Connect, encrypt and log in as the sync would, then QUIT: no message is sent."""
    settings = office.reminders
    if settings is None:
        return None
    if not settings.enabled:
        return ok(vocab.DR_SMTP, vocab.DR_SMTP_DISABLED)
    password: str | None = None
    try:
        password = smtp_password(settings, config_dir)
        with smtp_session(settings, config_dir, password):
            pass
    except (SmtpProblem, smtplib.SMTPException, OSError) as exc:
        problem = describe(exc, settings, password)
        return fail(vocab.DR_SMTP, problem.message, problem.fix)
    login = vocab.DR_SMTP_LOGIN.format(user=settings.username) if settings.username else ""
    return ok(vocab.DR_SMTP, vocab.DR_SMTP_OK.format(host=settings.host, port=settings.smtp_port,
                                                     security=settings.security, login=login,
                                                     sender=settings.from_address))


# --- LINE and Google Chat -----------------------------------------------------------------------------

def line_check(office: Office, config_dir: Path) -> Check | None:
    """The allowance left this month, as the Messaging API reports it, against what one digest to every
    paired chat costs (one message per member); the token is used, never shown."""
    notify = office.notify
    if notify is None or notify.line is None or not notify.enabled:
        return None
    targets = [g.line_group for g in office.groups if g.line_group]
    if not targets:
        return warn(vocab.DR_LINE, vocab.DR_LINE_NO_GROUPS, vocab.DR_LINE_NO_GROUPS_FIX)
    token = ""
    try:
        token = notify_.line_token(notify.line, config_dir)
        client = notify_.LineClient(notify.line, token)
        try:
            left = client.allowance_left()
            members = sum(client.cost(t) for t in targets)
        finally:
            client.close()
    except Exception as exc:
        problem = notify_.describe_line(exc, notify.line, token)
        return fail(vocab.DR_LINE, problem.message, problem.fix)
    n = thaifmt.digits
    if left is None:
        return ok(vocab.DR_LINE, vocab.DR_LINE_UNLIMITED.format(groups=n(len(targets))))
    if members > left:
        return warn(vocab.DR_LINE, vocab.DR_LINE_LOW.format(left=n(left), members=n(members)), vocab.DR_LINE_LOW_FIX)
    return ok(vocab.DR_LINE, vocab.DR_LINE_OK.format(left=n(left), groups=n(len(targets)), members=n(members)))


def chat_checks(office: Office, config_dir: Path) -> Iterator[Check]:
    """Each group's webhook: its variable set to a URL (only its host is shown). Nothing is posted."""
    notify = office.notify
    if notify is None or not notify.enabled:
        return
    for group in office.groups:
        if not group.chat_webhook_env:
            continue
        name = vocab.DR_CHAT.format(group=group.name)
        try:
            url = notify_.chat_url(group.chat_webhook_env, config_dir)
        except notify_.NotifyProblem as problem:
            yield fail(name, problem.message, problem.fix)
            continue
        yield ok(name, vocab.DR_CHAT_OK.format(host=notify_.chat_host(url), env=group.chat_webhook_env))


# --- all of it -------------------------------------------------------------------------------------

def scrubbed(check: Check, secret: str | None, username: str | None = None) -> Check:
    """The check with every credential taken out of what it shows (reminders.scrub)."""
    detail, fix = scrub(check.detail, secret, username), scrub(check.fix, secret, username)
    return check if (detail, fix) == (check.detail, check.fix) else check.model_copy(update={"detail": detail, "fix": fix})


def run_doctor(config_dir: Path) -> Iterator[Check]:
    """Every check, as it is made, scrubbed of secrets. A config that does not load raises ConfigError
    (exit status 2)."""
    config_dir = Path(config_dir)
    office = load_office(config_dir, cache="read")  # doctor writes nothing, not even the config cache
    settings = office.reminders
    secret = username = None
    if settings is not None:
        secret, username = os.environ.get(settings.password_env or "") or None, settings.username
    chat_secrets = notify_secrets(office, config_dir)
    for check in _checks(office, config_dir):
        check = scrubbed(check, secret, username)
        if chat_secrets:
            detail, fix = notify_.scrub(check.detail, chat_secrets), notify_.scrub(check.fix, chat_secrets)
            check = check.model_copy(update={"detail": detail, "fix": fix})
        yield check


def notify_secrets(office: Office, config_dir: Path) -> list[str]:
    """The LINE token and secret and every webhook URL (and its parts) the office's chats use."""
    notify = office.notify
    if notify is None:
        return []
    found = []
    if notify.line is not None:
        found += [read_secret(notify.line.token_env, config_dir), read_secret(notify.line.secret_env, config_dir)]
    for group in office.groups:
        if group.chat_webhook_env:
            found += notify_.url_secrets(read_secret(group.chat_webhook_env, config_dir))
    return [s for s in found if s]


def _checks(office: Office, config_dir: Path) -> Iterator[Check]:
    yield config_check(office)
    yield standards_check(office)
    yield example_values_check(office, example_office())
    sheets, backend = open_sheets(office, config_dir)
    yield sheets
    workbook = OfficeFolder(config_dir).file(office.backend.path).resolve() if office.backend.kind == "xlsx" else None
    mode = workbook_mode_check(workbook) if workbook is not None else None
    if mode is not None:
        yield mode
    secrets = secret_files_check(secret_files(office, config_dir))
    if secrets is not None:
        yield secrets
    if backend is not None:
        read, tables = read_check(office, backend)
        yield read
        if tables is not None:
            yield from tab_checks(office, tables)
            yield from editable_checks(office, backend, tables, workbook)
    yield from font_checks(office, config_dir)
    yield pdf_engine_check()
    yield thai_breaking_check()
    yield from state_checks(config_dir)
    smtp = smtp_check(office, config_dir)
    if smtp is not None:
        yield smtp
    line = line_check(office, config_dir)
    if line is not None:
        yield line
    yield from chat_checks(office, config_dir)
