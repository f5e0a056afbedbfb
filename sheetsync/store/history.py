"""The office's history: every run, the raw values it read, what it decided and wrote, and the memos issued.

A SQLite file (standard library sqlite3) in the office's state folder, `<config dir>/state/history.sqlite`.
A run is started before anything is read, its raw snapshot is saved right after each read and before
any write (design guarantee 5: what any person entered on any night can be shown and restored), and it
is finished with the summary, the evaluation and the cells written, or marked failed with the reason.

Cell values keep their type through a tagged JSON form: JSON holds text, whole numbers, finite floats,
booleans and null as themselves; dates, datetimes, times, durations and non-finite floats become a
one-key object such as `{"$date": "2027-03-29"}`, so a snapshot reads back exactly as it was read.

Memos are numbered here: a memo's identity is a key computed from what it lists; the same key gets
the same number, date and content back, a new key the next number. The e-mail reminders record here
what was sent for which memo and group (recipients and status, never the password).

This module is the only one that speaks SQL or opens the file. The schema's version is SQLite's
`PRAGMA user_version` (0: a file no sheetsync has set up yet):
- version 1: runs, raw_tables, memos. A version-1 file may also hold the reminders table: the
  reminders created it themselves on their first send;
- version 2: the reminders table is part of the schema, made with the file (and by the upgrade from 1
  when no reminder was ever sent).
Opening for use reads the version and brings an older file forward one step at a time, all steps in
one transaction (a failed upgrade leaves the file as it was); a file already current is not written
to at all. A version newer than this sheetsync knows is refused (HistoryTooNew) and the file left
untouched, as is a file that is not a SQLite database (HistoryUnreadable); both carry a Thai message
and what to do. `History(path, read_only=True)` opens with SQLite's read-only mode for looking only:
nothing migrated, nothing written (`sheetsync doctor`).
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sheetsync.core import thai, thaifmt, vocab
from sheetsync.core.cells import RawTable
from sheetsync.core.errors import HistoryError, HistoryTooNew, HistoryUnreadable, UsageError
from sheetsync.core.evaluate import Evaluation, load_evaluation

SCHEMA_VERSION = 2

# Each version's statements as that version first wrote them: an upgrade replays the steps after a
# file's version in order, so an earlier step is never edited, only a new one added. IF NOT EXISTS
# throughout: a file the version-1 code left at version 0 with its tables made (its tables and its
# version were two writes), or a version-1 file whose reminders table already exists, steps forward
# all the same.
_V1 = (
    """CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    today TEXT NOT NULL,
    dry_run INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'running',   -- running, ok, failed
    finished_at TEXT,
    duration REAL,
    cells_written INTEGER,
    requests INTEGER,
    error_count INTEGER,
    documents TEXT,                           -- JSON list of paths
    summary TEXT,                             -- JSON of the SyncSummary
    evaluation TEXT,                          -- JSON of the Evaluation
    writes TEXT,                              -- JSON list of {tab, cell, value}
    failure TEXT                              -- why a failed run failed
)""",
    """CREATE TABLE IF NOT EXISTS raw_tables (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    attempt INTEGER NOT NULL,
    position INTEGER NOT NULL,
    tab TEXT NOT NULL,
    cells TEXT NOT NULL,                      -- tagged JSON rows
    PRIMARY KEY (run_id, attempt, tab)
)""",
    """CREATE TABLE IF NOT EXISTS memos (
    key TEXT PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    issued_on TEXT NOT NULL,
    run_id INTEGER,
    data TEXT NOT NULL                        -- JSON of the memo as first issued
)""",
)
_V2 = (
    """CREATE TABLE IF NOT EXISTS reminders (
    memo_key TEXT NOT NULL,
    group_code TEXT NOT NULL,
    status TEXT NOT NULL,          -- sent, failed
    recipients TEXT NOT NULL,      -- JSON list of addresses
    run_id INTEGER,
    at TEXT NOT NULL,
    detail TEXT,                   -- why it failed (never the password)
    PRIMARY KEY (memo_key, group_code)
)""",
)
# MIGRATIONS[n] brings a database at version n to version n + 1.
MIGRATIONS: dict[int, tuple[str, ...]] = {0: _V1, 1: _V2}
_TABLE_NAME = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+)")


# --- tagged JSON for cell values --------------------------------------------------------------------

def encode_value(value: Any) -> Any:
    """A cell value as JSON that `decode_value` turns back into the same value and type."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": repr(value)}
    # datetime before date: a datetime is a date too
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, timedelta):
        return {"$timedelta": value.total_seconds()}
    # Anything else a reader might hand over (rich text, an error object) is kept as its text:
    # the snapshot must be written, and its text is what the person saw.
    return {"$text": str(value)}


def decode_value(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    (tag, body), = value.items()
    if tag == "$datetime":
        return datetime.fromisoformat(body)
    if tag == "$date":
        return date.fromisoformat(body)
    if tag == "$time":
        return time.fromisoformat(body)
    if tag == "$timedelta":
        return timedelta(seconds=body)
    if tag == "$float":
        return float(body)
    if tag == "$text":
        return body
    raise ValueError(f"unknown tag {tag!r} in a stored cell value")


def encode_rows(values: list[list[Any]]) -> str:
    return json.dumps([[encode_value(v) for v in row] for row in values], ensure_ascii=False, allow_nan=False)


def decode_rows(text: str) -> list[list[Any]]:
    return [[decode_value(v) for v in row] for row in json.loads(text)]


# --- records ----------------------------------------------------------------------------------------

class Run(BaseModel):
    id: int
    started_at: datetime
    today: date
    dry_run: bool
    status: str
    finished_at: datetime | None = None
    duration: float | None = None
    cells_written: int | None = None
    requests: int | None = None
    error_count: int | None = None
    documents: list[str] = []
    failure: str | None = None


class MemoRecord(BaseModel):
    key: str
    number: int
    issued_on: date
    run_id: int | None
    data: dict[str, Any]


class HistoryOverview(BaseModel):
    """What a read-only look at the file tells: its schema version, how many runs, the newest one."""

    version: int
    runs: int
    newest: Run | None

    @property
    def needs_upgrade(self) -> bool:
        return self.version < SCHEMA_VERSION


class History:
    """One office's history file; creates the file and its folder on first use, and brings an older
    file's schema up to SCHEMA_VERSION. With `read_only`, opens an existing file only to look at it."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = _connect(self.path, read_only)
        except sqlite3.Error as exc:
            raise _unreadable(self.path, exc) from exc
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            self.version = _inspect(self._conn, self.path) if read_only else _migrate(self._conn, self.path)
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, sqlite3.Error):
                raise _unreadable(self.path, exc) from exc
            raise

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._conn:
            yield self._conn

    # --- runs --------------------------------------------------------------------------------------

    def start_run(self, started_at: datetime, today: date, dry_run: bool) -> int:
        with self._tx() as c:
            cur = c.execute("INSERT INTO runs (started_at, today, dry_run) VALUES (?, ?, ?)",
                            (started_at.isoformat(), today.isoformat(), int(dry_run)))
        assert cur.lastrowid is not None
        return cur.lastrowid

    def save_raw(self, run_id: int, tables: dict[str, RawTable], attempt: int = 1) -> None:
        """The raw values read, committed at once: a write that fails after this leaves them stored."""
        with self._tx() as c:
            c.executemany(
                "INSERT OR REPLACE INTO raw_tables (run_id, attempt, position, tab, cells) VALUES (?, ?, ?, ?, ?)",
                [(run_id, attempt, i, tab, encode_rows(table.values)) for i, (tab, table) in enumerate(tables.items())],
            )

    def finish_run(self, run_id: int, *, summary: dict[str, Any], evaluation: dict[str, Any], writes: list[dict[str, Any]],
                   errors: int, duration: float, requests: int, documents: list[str]) -> None:
        with self._tx() as c:
            c.execute(
                """UPDATE runs SET status = 'ok', finished_at = ?, duration = ?, cells_written = ?, requests = ?,
                   error_count = ?, documents = ?, summary = ?, evaluation = ?, writes = ? WHERE id = ?""",
                (datetime.now().astimezone().isoformat(), duration, len(writes), requests, errors,
                 json.dumps(documents, ensure_ascii=False), json.dumps(summary, ensure_ascii=False),
                 json.dumps(evaluation, ensure_ascii=False), json.dumps(writes, ensure_ascii=False), run_id),
            )

    def add_followup(self, run_id: int, documents: list[str], warnings: list[str]) -> None:
        """What the follow-up after a run did (the memo written, warnings of reminders not sent), kept
        with the run and its summary."""
        if not documents and not warnings:
            return
        with self._tx() as c:
            row = c.execute("SELECT documents, summary FROM runs WHERE id = ?", (run_id,)).fetchone()
            if row is None:
                return
            known = json.loads(row["documents"]) if row["documents"] else []
            merged = known + [d for d in documents if d not in known]
            summary = json.loads(row["summary"]) if row["summary"] else None
            if isinstance(summary, dict):
                summary["documents"] = merged
                summary["warnings"] = [*summary.get("warnings", []), *warnings]
            c.execute("UPDATE runs SET documents = ?, summary = ? WHERE id = ?",
                      (json.dumps(merged, ensure_ascii=False),
                       json.dumps(summary, ensure_ascii=False) if summary is not None else row["summary"], run_id))

    def fail_run(self, run_id: int, failure: str, duration: float) -> None:
        with self._tx() as c:
            c.execute("UPDATE runs SET status = 'failed', finished_at = ?, duration = ?, failure = ? WHERE id = ?",
                      (datetime.now().astimezone().isoformat(), duration, failure, run_id))

    def mark(self, run_id: int, status: str) -> None:
        """Set a run's status, e.g. "restore" for a run that put people's values back rather than synced."""
        with self._tx() as conn:
            conn.execute("UPDATE runs SET status = ? WHERE id = ?", (status, run_id))

    def runs(self) -> list[Run]:
        rows = self._conn.execute("SELECT * FROM runs ORDER BY id").fetchall()
        return [_run(r) for r in rows]

    def run(self, run_id: int) -> Run | None:
        row = self._conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    def last_run(self, include_dry: bool = True) -> Run | None:
        """The last run that finished (dry runs evaluated the same sheets, so they count unless excluded)."""
        query = "SELECT * FROM runs WHERE status = 'ok'" + ("" if include_dry else " AND dry_run = 0")
        row = self._conn.execute(query + " ORDER BY id DESC LIMIT 1").fetchone()
        return _run(row) if row else None

    def summary(self, run_id: int) -> dict[str, Any] | None:
        return self._json_column(run_id, "summary")

    def evaluation(self, run_id: int) -> dict[str, Any] | None:
        return self._json_column(run_id, "evaluation")

    def writes(self, run_id: int) -> list[dict[str, Any]] | None:
        return self._json_column(run_id, "writes")

    def raw(self, run_id: int, attempt: int | None = None) -> dict[str, RawTable]:
        """The tables a run read, in the order read; by default from its last attempt."""
        if attempt is None:
            row = self._conn.execute("SELECT MAX(attempt) FROM raw_tables WHERE run_id = ?", (run_id,)).fetchone()
            attempt = row[0]
            if attempt is None:
                return {}
        rows = self._conn.execute("SELECT tab, cells FROM raw_tables WHERE run_id = ? AND attempt = ? ORDER BY position",
                                  (run_id, attempt)).fetchall()
        return {r["tab"]: RawTable(tab=r["tab"], values=decode_rows(r["cells"])) for r in rows}

    def _json_column(self, run_id: int, column: str) -> Any:
        row = self._conn.execute(f"SELECT {column} FROM runs WHERE id = ?", (run_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] is not None else None

    # --- memos -------------------------------------------------------------------------------------

    def memo(self, key: str) -> MemoRecord | None:
        row = self._conn.execute("SELECT * FROM memos WHERE key = ?", (key,)).fetchone()
        return _memo(row) if row else None

    def issue_memo(self, key: str, start: int, issued_on: date, run_id: int | None,
                   make: Callable[[int], dict[str, Any]]) -> MemoRecord:
        """The memo with this key: the one already issued, or a new one with the next number (at least
        `start`) whose stored content is `make(number)`."""
        with self._tx() as c:
            row = c.execute("SELECT * FROM memos WHERE key = ?", (key,)).fetchone()
            if row:
                return _memo(row)
            top = c.execute("SELECT MAX(number) FROM memos").fetchone()[0]
            number = max(start, (top or 0) + 1)
            data = make(number)
            c.execute("INSERT INTO memos (key, number, issued_on, run_id, data) VALUES (?, ?, ?, ?, ?)",
                      (key, number, issued_on.isoformat(), run_id, json.dumps(data, ensure_ascii=False)))
        return MemoRecord(key=key, number=number, issued_on=issued_on, run_id=run_id, data=data)

    def memos(self) -> list[MemoRecord]:
        return [_memo(r) for r in self._conn.execute("SELECT * FROM memos ORDER BY number").fetchall()]

    # --- reminders ---------------------------------------------------------------------------------

    def reminder_statuses(self, key: str) -> dict[str, str]:
        """Group code -> "sent" or "failed", for the memo with this key."""
        rows = self._conn.execute("SELECT group_code, status FROM reminders WHERE memo_key = ?", (key,)).fetchall()
        return {r["group_code"]: r["status"] for r in rows}

    def mark_reminder(self, key: str, group: str, status: str, to: list[str], run_id: int | None,
                      detail: str = "") -> None:
        """Record one group's send for a memo, committed at once (a later failure keeps it). `detail` is
        why it failed, already scrubbed of the password by the caller: the password is never stored."""
        with self._tx() as c:
            c.execute("INSERT OR REPLACE INTO reminders (memo_key, group_code, status, recipients, run_id, at, detail) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (key, group, status, json.dumps(to), run_id, datetime.now().astimezone().isoformat(), detail))

    def reminders(self) -> list[dict[str, Any]]:
        """Every recorded send, oldest first, as the table's columns."""
        return [dict(r) for r in self._conn.execute("SELECT * FROM reminders ORDER BY at").fetchall()]

    # --- a look from outside -----------------------------------------------------------------------

    def overview(self) -> HistoryOverview:
        """The file's version, its number of runs and its newest run (of any status), for doctor; a Thai
        HistoryUnreadable when SQLite cannot read them."""
        try:
            if self.version == 0 and "runs" not in _tables(self._conn):
                return HistoryOverview(version=0, runs=0, newest=None)  # not set up yet: no runs to count
            (count,) = self._conn.execute("SELECT COUNT(*) FROM runs").fetchone()
            row = self._conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
            return HistoryOverview(version=self.version, runs=count, newest=_run(row) if row else None)
        except (sqlite3.Error, ValueError) as exc:  # ValueError: a stored run that no longer parses
            raise _unreadable(self.path, exc) from exc


# --- opening, versions, upgrades ------------------------------------------------------------------

def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        # SQLite's own read-only mode: every write is refused by SQLite, and a missing file is an error
        # rather than an empty database created on the spot.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    else:
        conn = sqlite3.connect(path, timeout=30)
    conn.row_factory = sqlite3.Row
    return conn


def _version(conn: sqlite3.Connection) -> int:
    """The stored schema version; the first read of the file, so a file that is not SQLite fails here."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    return int(version)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}


def _refuse_newer(version: int, path: Path) -> None:
    if version > SCHEMA_VERSION:
        raise HistoryTooNew(
            vocab.HISTORY_TOO_NEW.format(path=path, version=thaifmt.digits(version), known=thaifmt.digits(SCHEMA_VERSION)),
            vocab.HISTORY_TOO_NEW_HINT.format(path=path))


def _migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the file to SCHEMA_VERSION, one step at a time, in one transaction; returns the version."""
    version = _version(conn)
    _refuse_newer(version, path)
    if version == SCHEMA_VERSION:
        return version  # every night but the first after an update: nothing to write
    # IMMEDIATE takes the write lock before the version is read again: of two processes opening an old
    # file at once, the second waits and then finds the upgrade done.
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _version(conn)
        _refuse_newer(version, path)
        while version < SCHEMA_VERSION:
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            version += 1
            # user_version lives in the file's header and is part of the transaction: it rolls back too.
            conn.execute(f"PRAGMA user_version = {version}")
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return version


def _inspect(conn: sqlite3.Connection, path: Path) -> int:
    """For a read-only open: the version (a newer one refused), SQLite's quick check of the whole file,
    and the tables its version promises; writes nothing and upgrades nothing."""
    version = _version(conn)
    _refuse_newer(version, path)
    (verdict,) = conn.execute("PRAGMA quick_check").fetchone()
    if verdict != "ok":
        raise HistoryUnreadable(vocab.HISTORY_CORRUPT.format(path=path, problem=verdict),
                                vocab.HISTORY_BROKEN_HINT.format(path=path))
    promised = [name for step in range(version) for statement in MIGRATIONS[step]
                for name in _TABLE_NAME.findall(statement)]
    missing = [name for name in promised if name not in _tables(conn)]
    if missing:
        raise HistoryUnreadable(vocab.HISTORY_CORRUPT.format(path=path, problem=vocab.HISTORY_MISSING_TABLES.format(
            tables=", ".join(missing))), vocab.HISTORY_BROKEN_HINT.format(path=path))
    return version


def _unreadable(path: Path, exc: BaseException) -> HistoryError:
    """A SQLite failure while opening, as a Thai message: "not a database" apart, since moving the file
    aside is then the whole fix."""
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
        return HistoryUnreadable(vocab.HISTORY_NOT_SQLITE.format(path=path), vocab.HISTORY_BROKEN_HINT.format(path=path))
    return HistoryUnreadable(vocab.HISTORY_UNREADABLE.format(path=path, problem=exc),
                             vocab.HISTORY_UNREADABLE_HINT.format(path=path))


def _run(row: sqlite3.Row) -> Run:
    return Run(
        id=row["id"], started_at=row["started_at"], today=row["today"], dry_run=bool(row["dry_run"]),
        status=row["status"], finished_at=row["finished_at"], duration=row["duration"],
        cells_written=row["cells_written"], requests=row["requests"], error_count=row["error_count"],
        documents=json.loads(row["documents"]) if row["documents"] else [], failure=row["failure"],
    )


def _memo(row: sqlite3.Row) -> MemoRecord:
    return MemoRecord(key=row["key"], number=row["number"], issued_on=row["issued_on"], run_id=row["run_id"],
                      data=json.loads(row["data"]))


# --- the questions the documents ask of history ----------------------------------------------------

def last_evaluation(history: History) -> Evaluation:
    """The evaluation of the last run; a Thai UsageError when there is none yet."""
    run = history.last_run()
    data = history.evaluation(run.id) if run else None
    if data is None:
        raise UsageError(vocab.DOC_NO_HISTORY, vocab.DOC_NO_HISTORY_HINT)
    return load_evaluation(data)


def previous_year_evaluation(history: History, fiscal_year: int) -> Evaluation | None:
    """The last real sync of the fiscal year before `fiscal_year`, if history reaches back that far."""
    for run in reversed(history.runs()):
        if run.status == "ok" and not run.dry_run and thai.fiscal_year_of(run.today) == fiscal_year - 1:
            data = history.evaluation(run.id)
            if data:
                return load_evaluation(data)
    return None


def previous_real_run(history: History) -> Run | None:
    """The last real (not dry) sync before the last run in history, with its evaluation kept."""
    run = history.last_run()
    if run is None:
        return None
    for earlier in reversed(history.runs()):
        if earlier.id < run.id and earlier.status == "ok" and not earlier.dry_run and history.evaluation(earlier.id):
            return earlier
    return None


def previous_real_evaluation(history: History) -> Evaluation | None:
    """The evaluation of the previous real sync (see previous_real_run), for trends."""
    run = previous_real_run(history)
    return load_evaluation(history.evaluation(run.id) or {}) if run else None
