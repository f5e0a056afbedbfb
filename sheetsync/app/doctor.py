"""`sheetsync doctor`: is this office ready for tonight's sync? It reads, and writes nothing.

One line per check: ✓ passed, ! works but worth a look, ✗ the sync (or its documents, or its e-mails)
would fail; a ! or ✗ line is followed by what to fix. Bad config stops it first, with exit status 2 and
the same messages as every other command.

The checks, in order:
- config: the office loads (file:line errors otherwise);
- the standards: a ! while standards.yaml is still the example's (`example: true`) or lists assumptions
  to confirm against OBEC's rubric (they are never printed in a document or sheet);
- where the sheets live: Google's service-account key (the e-mail to share with), or the workbook
  (exists, not open in Excel or LibreOffice, its folder writable for the atomic save);
- the secret files, when there are any (the service-account key, `sheetsync.env`): a ! when a user
  other than the owner may read or change one (any group or other permission bit: README says chmod
  600), with the chmod to run;
- one read of every configured tab with the backend's own `read()` (for Google: its usual read
  requests; nothing is ever written);
- each tab's shape: present, the required headers found and not doubled, the status columns there,
  a row for every owned indicator; the outputs tab and the Status tab;
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

import ctypes.util
import os
import shlex
import smtplib
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from sheetsync.app.reminders import SmtpProblem, describe, scrub, smtp_password, smtp_session
from sheetsync.backends import open_backend
from sheetsync.backends.base import Backend
from sheetsync.backends.xlsx import lock_files
from sheetsync.core import thaifmt, vocab
from sheetsync.core.cells import RawTable
from sheetsync.core.columns import OUTPUT_COLUMNS, OUTPUT_STATUS_KEYS, STATUS_KEYS, Column
from sheetsync.core.errors import BackendError, HistoryError
from sheetsync.core.layout import tabs_to_read
from sheetsync.core.models import Group, Office
from sheetsync.core.rows import indicator_columns, locate_columns, normalize_code, required_keys
from sheetsync.documents import render as engine
from sheetsync.documents.render import RenderError, font_family
from sheetsync.store.config import load_office, standards_warning
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import SCHEMA_VERSION, History
from sheetsync.store.lock import probe

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
        detail += vocab.DR_HISTORY_LAST.format(when=seen.newest.started_at.strftime("%Y-%m-%d %H:%M"),
                                               status=seen.newest.status)
    if seen.needs_upgrade:
        detail += vocab.DR_HISTORY_UPGRADE.format(version=thaifmt.digits(seen.version),
                                                  current=thaifmt.digits(SCHEMA_VERSION))
    return ok(vocab.DR_HISTORY, detail)


def lock_check(path: Path) -> Check:
    """Asked of the lock itself (store/lock.py): free, held by a running sync, or left by one that died."""
    found = probe(path)
    holder = found.holder
    pid, since = (holder.pid, holder.since) if holder is not None else (0, "")
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


# --- all of it -------------------------------------------------------------------------------------

def scrubbed(check: Check, secret: str | None, username: str | None = None) -> Check:
    """The check with every credential taken out of what it shows (reminders.scrub)."""
    detail, fix = scrub(check.detail, secret, username), scrub(check.fix, secret, username)
    return check if (detail, fix) == (check.detail, check.fix) else check.model_copy(update={"detail": detail, "fix": fix})


def run_doctor(config_dir: Path) -> Iterator[Check]:
    """Every check, as it is made, scrubbed of secrets. A config that does not load raises ConfigError
    (exit status 2)."""
    config_dir = Path(config_dir)
    office = load_office(config_dir)
    settings = office.reminders
    secret = username = None
    if settings is not None:
        secret, username = os.environ.get(settings.password_env or "") or None, settings.username
    for check in _checks(office, config_dir):
        yield scrubbed(check, secret, username)


def _checks(office: Office, config_dir: Path) -> Iterator[Check]:
    yield config_check(office)
    yield standards_check(office)
    sheets, backend = open_sheets(office, config_dir)
    yield sheets
    secrets = secret_files_check(secret_files(office, config_dir))
    if secrets is not None:
        yield secrets
    if backend is not None:
        read, tables = read_check(office, backend)
        yield read
        if tables is not None:
            yield from tab_checks(office, tables)
    yield from font_checks(office, config_dir)
    yield pdf_engine_check()
    yield thai_breaking_check()
    yield from state_checks(config_dir)
    smtp = smtp_check(office, config_dir)
    if smtp is not None:
        yield smtp
