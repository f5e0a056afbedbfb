"""The office's history: every run, the raw values it read, what it decided and wrote, and the memos issued.

A SQLite file (standard library sqlite3) in the office's state folder, `<config dir>/state/history.sqlite`.
A run is started before anything is read, its raw snapshot is saved right after each read and before
any write (design guarantee 5: what any person entered on any night can be shown and restored), and it
is finished with the summary, the evaluation and the cells written, or marked failed with the reason.

Cell values keep their type through a tagged JSON form: JSON holds text, whole numbers, finite floats,
booleans and null as themselves; dates, datetimes, times, durations and non-finite floats become a
one-key object such as `{"$date": "2027-03-29"}`, so a snapshot reads back exactly as it was read.

Bounded size (issue 13, point 7):
- A tab's snapshot is stored once, by content: `snapshots` holds each distinct tab content (the
  tagged JSON rows, zlib-compressed) under the SHA-256 of that JSON, and `run_tabs` says which run
  read which content for which tab. A tab unchanged since an earlier run costs one small row.
- A run's evaluation and the cells it wrote (the large JSON of a run) are stored zlib-compressed
  (a BLOB in `runs.evaluation` / `runs.writes`); the summary stays plain JSON text. A run without an
  evaluation (a restore) has NULL there.
- After each real sync the office's retention rule (office.yaml `history:`, see `prune`) deletes the
  runs it no longer keeps, and the snapshots no run refers to any more. SQLite reuses the freed
  pages for the next runs: the file stops growing rather than shrinks (`sqlite3 FILE VACUUM` shrinks it).
- The cells a run wrote are stored compactly (from issue 16): one JSON object
  `{"format": 2, "tabs": {tab: [[row, col, value], ...]}}`, each tab named once, rows and columns as
  numbers (1-based), values in the tagged form; a run recorded before holds the list of
  `{"tab", "cell", "value"}` it always had. `History.writes` hands out that list for both.
- Listing runs reads only the columns a Run has (never the evaluation, summary or writes), one row
  at a time; the questions the documents ask (the last run, the one before, last fiscal year's) are
  single queries. `sheetsync history` and `status` therefore use the same memory after 5 or 500 runs.

Memos are numbered here: a memo's identity is a key computed from what it lists; the same key gets
the same number, date and content back, a new key the next number. The e-mail reminders record here
what was sent for which memo and group (recipients and status, never the password). Retention never
deletes a memo or a reminder: memo numbering goes on from the highest number ever issued.

This module is the only one that speaks SQL or opens the file. The schema's version is SQLite's
`PRAGMA user_version` (0: a file no sheetsync has set up yet):
- version 1: runs, raw_tables, memos. A version-1 file may also hold the reminders table: the
  reminders created it themselves on their first send;
- version 2: the reminders table is part of the schema, made with the file (and by the upgrade from 1
  when no reminder was ever sent);
- version 3: snapshots + run_tabs replace raw_tables (each raw_tables row moved, deduplicated),
  the evaluation and writes of every run compressed, `runs.recorded_at` (the wall-clock time a run was
  recorded: `started_at` follows `--today`, the retention rule must not), and SQLite's
  `PRAGMA application_id` set to sheetsync's (APPLICATION_ID), so that a file of another program is
  told apart from ours;
- version 4: round_events, the reporting rounds closed and reopened (issue 14): who, when, and for a
  close the frozen round (core.roundclose.FrozenRound, compressed JSON). Never pruned: a closed round's
  results are the office's record of that round.
- version 5 (issue 17): notices, the digests sent to LINE and Google Chat per memo, group and channel
  (as reminders are for e-mail: status and target, never a token or a webhook URL); and signoffs, each
  row's sign-off by its group head as first seen, with the fingerprint of the figures signed (a figure
  edited afterwards voids it: core.signoff).
Times (issue 15): every time stored is ISO 8601 with its offset, in the office's timezone
(`History(path, zone=...)`, office.yaml `office.timezone`; by default the Thai offices' Asia/Bangkok),
whatever the machine's clock is set to: `2027-04-05T01:30:00+07:00`. A file written before that
holds the machine's offset (often +00:00): the same moments, read as they are and handed out converted
to the office's timezone like every other (Run, RoundEvent), so no schema version was needed for it; a
time stored without an offset is taken as the machine's local time, as it was written.
Opening for use reads the version and brings an older file forward one step at a time, all steps in
one transaction (a failed upgrade leaves the file as it was); a file already current is not written
to at all. A new file is built beside its place and moved in when complete, so a file at the place is
never one of ours half made.

What is refused, with a Thai message naming what to fix (a HistoryError: exit status 1), the file
left untouched: a version newer than this sheetsync knows (HistoryTooNew); a file that is not a SQLite
database, is damaged (SQLite's quick check at every open, and any damage found later) or lacks the
tables of its version (HistoryUnreadable); a 0-byte file (HistoryUnreadable: a file that was ours
and is now empty means the runs and the memo numbers are lost, so it is not silently started afresh,
which would number memos from 1 again); a valid SQLite file that is not ours (another program's
application_id, or tables sheetsync never makes); a directory at the file's place; a file or folder
that cannot be written (HistoryError); a file another program keeps locked for more than
BUSY_TIMEOUT seconds, and a full disk (HistoryError, the history as it was before the failed write).
`History(path, read_only=True)` opens with SQLite's read-only mode for looking only:
nothing migrated, nothing written (`sheetsync doctor`).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from pydantic_core import to_json

from sheetsync.core import thai, thaifmt, vocab
from sheetsync.core.cells import CellValue, RawTable, a1, col_index
from sheetsync.core.errors import HistoryError, HistoryTooNew, HistoryUnreadable, UsageError
from sheetsync.core.evaluate import Evaluation, load_evaluation
from sheetsync.core.models import DEFAULT_TIMEZONE
from sheetsync.core.roundclose import FrozenRound, load_frozen
from sheetsync.core.rounds import Closed, Reopened, RoundBook
from sheetsync.store import files

SCHEMA_VERSION = 5
# SQLite's application_id of a sheetsync history file (from version 3): "SSyn".
APPLICATION_ID = 0x5353796E
# How long a write waits for another program's lock on the file before it gives up with a message.
# A sheetsync reader (history, status, report) or a backup copying the file holds it for a second or
# two at most; a program that keeps the file open (DB Browser, an sqlite3 shell inside a transaction)
# holds it until it is closed, and no wait helps: the message says to close it.
BUSY_TIMEOUT = 10.0
# zlib's level for what is stored compressed. 3 rather than the default 6: at 5,000 rows a night's
# evaluation (7.9 MB of JSON) compresses in about 30 ms instead of 80, to 350 KB instead of 270 KB.
COMPRESS_LEVEL = 3
# The stored form of the cells a run wrote since issue 16 (before: a JSON list of {tab, cell, value}).
WRITES_FORMAT = 2
# A cell written, as finish_run takes it: (tab, row, column, value), row and column 1-based.
WriteRow = tuple[str, int, int, CellValue]

# Each version's statements as that version first wrote them: an upgrade replays the steps after a
# file's version in order, so an earlier step is never edited, only a new one added. IF NOT EXISTS
# throughout: a file the version-1 code left at version 0 with its tables made (its tables and its
# version were two writes), or a version-1 file whose reminders table already exists, steps forward
# all the same. A step may also be a function of the connection, for what SQL alone cannot do.
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


def _v3_data(conn: sqlite3.Connection) -> None:
    """Version 3's data step: every raw_tables row moved into snapshots + run_tabs (one copy of each
    content), each run's evaluation and writes compressed (an empty evaluation, a restore's, is NULL)."""
    rows = conn.execute("SELECT run_id, attempt, position, tab, cells FROM raw_tables")
    for run_id, attempt, position, tab, cells in rows:
        conn.execute("INSERT OR REPLACE INTO run_tabs (run_id, attempt, position, tab, snapshot) VALUES (?, ?, ?, ?, ?)",
                     (run_id, attempt, position, tab, _store_snapshot(conn, cells)))
    ids = [r[0] for r in conn.execute("SELECT id FROM runs WHERE typeof(evaluation) = 'text' OR typeof(writes) = 'text'")]
    for run_id in ids:  # one run at a time: a file of many nights is not read into memory at once
        evaluation, writes = conn.execute("SELECT evaluation, writes FROM runs WHERE id = ?", (run_id,)).fetchone()
        empty = isinstance(evaluation, str) and evaluation.strip() in ("", "{}", "null")
        conn.execute("UPDATE runs SET evaluation = ?, writes = ? WHERE id = ?",
                     (None if empty else _pack(evaluation), _pack(writes), run_id))


_V3: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    """CREATE TABLE IF NOT EXISTS snapshots (
    hash TEXT PRIMARY KEY,         -- SHA-256 (hex) of the tab's tagged JSON rows, UTF-8
    size INTEGER NOT NULL,         -- bytes of that JSON
    cells BLOB NOT NULL            -- the JSON, zlib-compressed
)""",
    """CREATE TABLE IF NOT EXISTS run_tabs (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    attempt INTEGER NOT NULL,
    position INTEGER NOT NULL,
    tab TEXT NOT NULL,
    snapshot TEXT NOT NULL REFERENCES snapshots(hash),
    PRIMARY KEY (run_id, attempt, tab)
)""",
    "CREATE INDEX IF NOT EXISTS run_tabs_by_snapshot ON run_tabs (snapshot)",
    "ALTER TABLE runs ADD COLUMN recorded_at TEXT",  # the wall-clock time the run was recorded
    _v3_data,
    "DROP TABLE IF EXISTS raw_tables",
    f"PRAGMA application_id = {APPLICATION_ID}",
)
_V4 = (
    """CREATE TABLE IF NOT EXISTS round_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    fiscal_year INTEGER NOT NULL,  -- B.E.
    code TEXT NOT NULL,            -- the round's milestone code
    event TEXT NOT NULL,           -- closed, reopened
    on_day TEXT NOT NULL,          -- the office day it took effect (ISO)
    at TEXT NOT NULL,              -- the wall-clock time it was recorded
    by TEXT NOT NULL,              -- who: a person's name, or the sync on its own
    until TEXT,                    -- reopened: the day after which a sync closes it again
    run_id INTEGER,                -- the sync that closed it, when one did
    data BLOB                      -- closed: the frozen round, zlib-compressed JSON
)""",
    "CREATE INDEX IF NOT EXISTS round_events_by_round ON round_events (fiscal_year, code, id)",
)
_V5 = (
    """CREATE TABLE IF NOT EXISTS notices (
    memo_key TEXT NOT NULL,
    group_code TEXT NOT NULL,
    channel TEXT NOT NULL,         -- line, chat
    status TEXT NOT NULL,          -- pending, sent, failed, over-quota
    target TEXT NOT NULL,          -- the LINE chat's ID, or the name of the variable holding the webhook URL
    run_id INTEGER,
    at TEXT NOT NULL,
    detail TEXT,                   -- why it failed (never a token or a webhook URL)
    PRIMARY KEY (memo_key, group_code, channel)
)""",
    """CREATE TABLE IF NOT EXISTS signoffs (
    fiscal_year INTEGER NOT NULL,  -- B.E.
    tab TEXT NOT NULL,
    code TEXT NOT NULL,            -- the row's indicator code
    signer TEXT NOT NULL,          -- as typed in the sign-off column
    signed_on TEXT NOT NULL,       -- as typed in the sign-off date column
    fingerprint TEXT NOT NULL,     -- core.signoff.figures of the row when the sign-off was first seen
    run_id INTEGER,
    at TEXT NOT NULL,
    PRIMARY KEY (fiscal_year, tab, code)
)""",
)
# MIGRATIONS[n] brings a database at version n to version n + 1.
MIGRATIONS: dict[int, tuple[str | Callable[[sqlite3.Connection], None], ...]] = {
    0: _V1, 1: _V2, 2: _V3, 3: _V4, 4: _V5}
_TABLE_NAME = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+)")
_DROPPED_TABLE = re.compile(r"DROP TABLE IF EXISTS (\w+)")


def _promised_tables(version: int) -> list[str]:
    """The tables a file at `version` has: made by the steps up to it and not dropped since."""
    tables: list[str] = []
    for step in range(version):
        for statement in MIGRATIONS[step]:
            if isinstance(statement, str):
                tables += _TABLE_NAME.findall(statement)
                tables = [t for t in tables if t not in _DROPPED_TABLE.findall(statement)]
    return tables


# Every table some version of sheetsync makes, and SQLite's own: a file with any other is not ours.
_OUR_TABLES = {name for steps in MIGRATIONS.values() for s in steps if isinstance(s, str)
               for name in _TABLE_NAME.findall(s)} | {"sqlite_sequence"}


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


def _tag_unknown(value: Any) -> Any:
    """json's hook for what it cannot write itself (dates, times, anything else): the tagged form."""
    return encode_value(value)


def encode_rows(values: Sequence[Sequence[Any]]) -> str:
    """The rows as tagged JSON. The text is the same as encoding each value with encode_value first
    (so a tab unchanged since a run recorded before still finds its stored snapshot by hash), in one
    pass of json's C encoder: it calls back only for the few values that are not plain JSON. Cells
    are scalars (no backend reads a list or a dict into a cell). A non-finite float has no hook, so
    a table holding one (rare: an error value that came through) takes the value-by-value way."""
    try:
        return json.dumps(values, ensure_ascii=False, allow_nan=False, default=_tag_unknown)
    except ValueError:
        return json.dumps([[encode_value(v) for v in row] for row in values], ensure_ascii=False, allow_nan=False)


def decode_rows(text: str) -> list[list[Any]]:
    return [[decode_value(v) for v in row] for row in json.loads(text)]


# --- stored forms ------------------------------------------------------------------------------------

def _pack(text: str | bytes | None) -> bytes | None:
    """JSON text as stored from version 3: UTF-8, zlib-compressed (about 20 times smaller for an evaluation)."""
    if text is None:
        return None
    return zlib.compress(text.encode("utf-8") if isinstance(text, str) else text, COMPRESS_LEVEL)


def _json(value: Any) -> bytes:
    """UTF-8 JSON of a record: pydantic's serializer (Rust) takes models, dataclasses, named tuples,
    dicts and lists alike, so history needs no `model_dump` of the core's objects whichever form they
    have. Names as the fields are (no aliases); dates and times in ISO 8601 as model_dump(mode="json")
    gives them. A non-finite float outside a model is written as json.dumps wrote it (Infinity, NaN);
    inside one, as null (pydantic's rule; the core keeps its numbers finite)."""
    return to_json(value, by_alias=False, inf_nan_mode="constants")


_PLAIN_TYPES = (str, int, bool, type(None))
_A1 = re.compile(r"\$?([A-Za-z]{1,3})\$?([1-9][0-9]*)")


def _position(cell: str) -> tuple[int, int]:
    """(row, column) of an A1 address."""
    found = _A1.fullmatch(cell)
    if found is None:
        raise ValueError(f"not a cell address: {cell!r}")
    return int(found[2]), col_index(found[1])


def _writes_json(writes: Iterable[WriteRow | Mapping[str, Any]]) -> tuple[bytes, int]:
    """The cells written in their stored form (WRITES_FORMAT), and how many there are. A write is
    (tab, row, col, value), or a {"tab", "cell", "value"} mapping (as restore gives them)."""
    tabs: dict[str, list[list[Any]]] = {}
    count = 0
    for write in writes:
        if type(write) is tuple:  # the sync's tens of thousands: no ABC check for them (3 µs each)
            tab, row, col, value = write
        elif isinstance(write, Mapping):
            tab, (row, col), value = write["tab"], _position(write["cell"]), write["value"]
        else:
            tab, row, col, value = write
        # Tagged only when not plain JSON already (a restore puts dates back): most cells are text.
        if type(value) not in _PLAIN_TYPES and not (type(value) is float and math.isfinite(value)):
            value = encode_value(value)
        cells = tabs.get(tab)
        if cells is None:
            cells = tabs[tab] = []
        cells.append([row, col, value])
        count += 1
    return _json({"format": WRITES_FORMAT, "tabs": tabs}), count


def _writes_back(stored: Any) -> list[dict[str, Any]] | None:
    """The cells a run wrote as {"tab", "cell", "value"}, from either stored form: the list a run
    recorded before issue 16 kept, or WRITES_FORMAT (tab by tab, in the order each tab was first written)."""
    if stored is None or isinstance(stored, list):
        return stored
    if not isinstance(stored, dict) or stored.get("format") != WRITES_FORMAT:
        raise ValueError(f"unknown form of the cells written: {str(stored)[:80]}")
    return [{"tab": tab, "cell": a1(row, col), "value": decode_value(value)}
            for tab, cells in stored["tabs"].items() for row, col, value in cells]


def _unpack(stored: bytes | str | None) -> str | None:
    if isinstance(stored, bytes):
        return zlib.decompress(stored).decode("utf-8")
    return stored


def _store_snapshot(conn: sqlite3.Connection, cells: str | bytes) -> str:
    """Store one tab's tagged JSON rows once, by content; returns its hash (compressed only when new)."""
    data = cells.encode("utf-8") if isinstance(cells, str) else cells
    digest = hashlib.sha256(data).hexdigest()
    if conn.execute("SELECT 1 FROM snapshots WHERE hash = ?", (digest,)).fetchone() is None:
        conn.execute("INSERT INTO snapshots (hash, size, cells) VALUES (?, ?, ?)",
                     (digest, len(data), zlib.compress(data, COMPRESS_LEVEL)))
    return digest


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


# The columns a Run is made of: listing runs never reads a run's evaluation, summary or writes.
_RUN_COLUMNS = ("id, started_at, today, dry_run, status, finished_at, duration, cells_written, requests, error_count, "
                "documents, failure")
# A real sync that finished and has an evaluation: what the reports and the retention rule look for.
_REAL_SYNC = "status = 'ok' AND dry_run = 0 AND evaluation IS NOT NULL"


class RoundEvent(BaseModel):
    id: int
    fiscal_year: int
    code: str
    event: str  # closed, reopened
    on: date
    at: datetime
    by: str
    until: date | None = None
    run_id: int | None = None


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
    file's schema up to SCHEMA_VERSION. With `read_only`, opens an existing file only to look at it.
    Every SQLite failure on the way (locked, full disk, read-only, damaged) is a HistoryError in Thai.
    `zone`: the office's timezone, of every time it stores and hands out."""

    def __init__(self, path: Path, *, read_only: bool = False, zone: tzinfo | str | None = None) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.zone: tzinfo = ZoneInfo(zone or DEFAULT_TIMEZONE) if zone is None or isinstance(zone, str) else zone
        _refuse_unusable(self.path, read_only)
        if not read_only and not self.path.exists():
            _create(self.path)
        try:
            self._conn = _connect(self.path, read_only)
        except sqlite3.Error as exc:
            raise _failure(self.path, exc) from exc
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            self.version = _examine(self._conn, self.path)
            if not read_only:
                self.version = _migrate(self._conn, self.path)
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, sqlite3.Error | ValueError):
                raise _failure(self.path, exc) from exc
            raise

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed at the end (rolled back on any failure, a failed commit included)."""
        try:
            with self._conn:
                yield self._conn
        except (sqlite3.Error, ValueError) as exc:
            raise _failure(self.path, exc) from exc

    def _all(self, query: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(query, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise _failure(self.path, exc) from exc

    def _one(self, query: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        try:
            row: sqlite3.Row | None = self._conn.execute(query, tuple(params)).fetchone()
            return row
        except sqlite3.Error as exc:
            raise _failure(self.path, exc) from exc

    def _each(self, query: str, params: Iterable[Any] = ()) -> Iterator[sqlite3.Row]:
        """The rows one at a time, for lists that grow with the number of runs."""
        try:
            yield from self._conn.execute(query, tuple(params))
        except sqlite3.Error as exc:
            raise _failure(self.path, exc) from exc

    def _stamp(self, moment: datetime | None = None) -> str:
        """A time as stored: in the office's timezone with its offset (now, by default); a naive one is
        the office's wall clock."""
        moment = _now() if moment is None else moment
        aware = moment.replace(tzinfo=self.zone) if moment.tzinfo is None else moment
        return aware.astimezone(self.zone).isoformat()

    def _in_zone(self, text: str) -> datetime:
        return _aware(text).astimezone(self.zone)

    def _run(self, row: sqlite3.Row) -> Run:
        run = _run(row)
        run.started_at = run.started_at.astimezone(self.zone)  # a naive one (no sheetsync writes it) is local
        run.finished_at = run.finished_at.astimezone(self.zone) if run.finished_at else None
        return run

    # --- runs --------------------------------------------------------------------------------------

    def start_run(self, started_at: datetime, today: date, dry_run: bool) -> int:
        with self._tx() as c:
            cur = c.execute("INSERT INTO runs (started_at, today, dry_run, recorded_at) VALUES (?, ?, ?, ?)",
                            (self._stamp(started_at), today.isoformat(), int(dry_run), self._stamp()))
        assert cur.lastrowid is not None
        return cur.lastrowid

    def save_raw(self, run_id: int, tables: Mapping[str, RawTable], attempt: int = 1) -> None:
        """The raw values read, committed at once (one transaction, which SQLite syncs to disk before
        this returns): a write that fails after this leaves them stored. A tab whose content some run
        already stored costs a row in run_tabs, not a copy. Each tab is encoded once, before the
        transaction, so the file's write lock is held only for the inserts."""
        encoded = [(tab, encode_rows(table.values).encode("utf-8")) for tab, table in tables.items()]
        with self._tx() as c:
            for i, (tab, data) in enumerate(encoded):
                digest = _store_snapshot(c, data)
                c.execute("INSERT OR REPLACE INTO run_tabs (run_id, attempt, position, tab, snapshot) VALUES (?, ?, ?, ?, ?)",
                          (run_id, attempt, i, tab, digest))

    def finish_run(self, run_id: int, *, summary: BaseModel | Mapping[str, Any] | None,
                   evaluation: BaseModel | Mapping[str, Any] | None,
                   writes: Iterable[WriteRow | Mapping[str, Any]], errors: int, duration: float, requests: int,
                   documents: list[str]) -> None:
        """The run's outcome, in one transaction (committed and synced before this returns). History
        serializes what it is given itself (no model_dump by the caller): `summary` and `evaluation`
        are a pydantic model, a dataclass or a dict (an empty or missing evaluation, a restore's,
        is stored as none); `writes` are (tab, row, col, value) tuples, or {"tab", "cell", "value"}
        mappings; `cells_written` is their number."""
        summary_text = _json(summary).decode("utf-8")  # plain JSON text, as `add_followup` and readers expect
        # zlib lets go of the interpreter: the evaluation (8 MB of JSON at 5,000 rows) is compressed in a
        # thread while the writes are put in their stored form
        with ThreadPoolExecutor(max_workers=1) as pool:
            packing = pool.submit(_pack, _json(evaluation)) if evaluation else None
            writes_data, count = _writes_json(writes)
            writes_packed = _pack(writes_data)
            evaluation_data = packing.result() if packing is not None else None
        with self._tx() as c:
            c.execute(
                """UPDATE runs SET status = 'ok', finished_at = ?, duration = ?, cells_written = ?, requests = ?,
                   error_count = ?, documents = ?, summary = ?, evaluation = ?, writes = ? WHERE id = ?""",
                (self._stamp(), duration, count, requests, errors, json.dumps(documents, ensure_ascii=False),
                 summary_text, evaluation_data, writes_packed, run_id),
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
                      (self._stamp(), duration, failure, run_id))

    def mark(self, run_id: int, status: str) -> None:
        """Set a run's status, e.g. "restore" for a run that put people's values back rather than synced."""
        with self._tx() as conn:
            conn.execute("UPDATE runs SET status = ? WHERE id = ?", (status, run_id))

    def iter_runs(self) -> Iterator[Run]:
        """Every run, oldest first, one at a time, read without its evaluation, summary and writes."""
        for row in self._each(f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY id"):
            yield self._run(row)

    def runs(self) -> list[Run]:
        return list(self.iter_runs())

    def run(self, run_id: int) -> Run | None:
        row = self._one(f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,))
        return self._run(row) if row else None

    def last_run(self, include_dry: bool = True) -> Run | None:
        """The last run that finished (dry runs evaluated the same sheets, so they count unless excluded)."""
        query = f"SELECT {_RUN_COLUMNS} FROM runs WHERE status = 'ok'" + ("" if include_dry else " AND dry_run = 0")
        row = self._one(query + " ORDER BY id DESC LIMIT 1")
        return self._run(row) if row else None

    def last_real_sync(self, before: int | None = None, fiscal_year: int | None = None) -> Run | None:
        """The last real (not dry) sync that finished with an evaluation; only those before run `before`,
        or of the B.E. fiscal year `fiscal_year` (by the day it judged), when given."""
        query, params = f"SELECT {_RUN_COLUMNS} FROM runs WHERE {_REAL_SYNC}", list[Any]()
        if before is not None:
            query, params = query + " AND id < ?", [before]
        if fiscal_year is not None:
            first, last = thai.fiscal_year_bounds(fiscal_year)
            query, params = query + " AND today BETWEEN ? AND ?", [*params, first.isoformat(), last.isoformat()]
        row = self._one(query + " ORDER BY id DESC LIMIT 1", params)
        return self._run(row) if row else None

    def runs_with_raw(self) -> list[int]:
        """The runs that stored what they read (not a run that failed before its first read), in order."""
        return [r[0] for r in self._all("SELECT DISTINCT run_id FROM run_tabs ORDER BY run_id")]

    def summary(self, run_id: int) -> dict[str, Any] | None:
        return self._json_column(run_id, "summary")

    def evaluation(self, run_id: int) -> dict[str, Any] | None:
        return self._json_column(run_id, "evaluation")

    def writes(self, run_id: int) -> list[dict[str, Any]] | None:
        """The cells the run wrote, as {"tab", "cell", "value"} (A1 address, the value as written)."""
        stored = self._json_column(run_id, "writes")
        try:
            return _writes_back(stored)
        except (ValueError, TypeError, KeyError) as exc:
            raise _failure(self.path, exc if isinstance(exc, ValueError) else ValueError(str(exc))) from exc

    def raw(self, run_id: int, attempt: int | None = None) -> dict[str, RawTable]:
        """The tables a run read, in the order read; by default from its last attempt."""
        # A file opened read-only before its upgrade (doctor) still has version 1-2's raw_tables.
        table, source, cells = (("run_tabs", "run_tabs t JOIN snapshots s ON s.hash = t.snapshot", "s.cells")
                                if self.version >= 3 else ("raw_tables", "raw_tables t", "t.cells"))
        if attempt is None:
            row = self._one(f"SELECT MAX(attempt) FROM {table} WHERE run_id = ?", (run_id,))
            attempt = row[0] if row else None
            if attempt is None:
                return {}
        rows = self._all(f"SELECT t.tab, {cells} AS cells FROM {source} WHERE t.run_id = ? AND t.attempt = ? "
                         "ORDER BY t.position",
                         (run_id, attempt))
        try:
            return {r["tab"]: RawTable(tab=r["tab"], values=decode_rows(_unpack(r["cells"]) or "[]")) for r in rows}
        except (ValueError, zlib.error) as exc:
            raise _failure(self.path, exc) from exc

    def _json_column(self, run_id: int, column: str) -> Any:
        row = self._one(f"SELECT {column} FROM runs WHERE id = ?", (run_id,))
        if not row or row[0] is None:
            return None
        try:
            return json.loads(_unpack(row[0]) or "null")
        except (ValueError, zlib.error) as exc:
            raise _failure(self.path, exc) from exc

    # --- retention -----------------------------------------------------------------------------------

    def prune(self, keep_all_days: int | None, then_weekly: bool = True, now: datetime | None = None) -> list[int]:
        """Apply the office's retention rule (office.yaml `history:`); returns the runs deleted.

        Kept: every run recorded in the last `keep_all_days` days (by the wall clock, not `--today`);
        of older runs, with `then_weekly`, the last real sync of each week (ISO week). Kept whatever
        their age, because a command asks for them: the last finished run and the last real sync
        (`last_evaluation`, `report`, `status`, the reminders), the real sync before the last run
        (`previous_real_run`: the brief's trend, the meeting's changes, `diff`'s default pair) and the
        last real sync of every fiscal year (`previous_year_evaluation`: the SAR's comparison). Never
        deleted: memos and reminders (memo numbers go on from the highest ever issued) and a snapshot
        that a kept run refers to. `keep_all_days` None keeps every run."""
        if keep_all_days is None:
            return []
        cutoff = (now or _now()) - timedelta(days=keep_all_days)
        rows = self._all(f"SELECT id, today, recorded_at, finished_at, started_at, {_REAL_SYNC} AS is_real FROM runs ORDER BY id")
        keep: set[int] = set()
        weeks: dict[tuple[int, int], int] = {}
        years: dict[int, int] = {}
        for row in rows:
            at = self._in_zone(row["recorded_at"] or row["finished_at"] or row["started_at"])  # the office's weeks
            if at >= cutoff:
                keep.add(row["id"])
            if row["is_real"]:
                iso = at.isocalendar()
                weeks[(iso.year, iso.week)] = row["id"]  # ascending ids: the week's last one wins
                years[thai.fiscal_year_of(date.fromisoformat(row["today"]))] = row["id"]
        if then_weekly:
            keep |= set(weeks.values())
        keep |= set(years.values())
        last, last_real = self.last_run(), self.last_real_sync()
        keep |= {r.id for r in (last, last_real) if r is not None}
        if last is not None and (before := self.last_real_sync(before=last.id)) is not None:
            keep.add(before.id)
        gone = [row["id"] for row in rows if row["id"] not in keep]
        if not gone:
            return []
        with self._tx() as c:
            for start in range(0, len(gone), 500):
                chunk = gone[start:start + 500]
                marks = ", ".join("?" * len(chunk))
                c.execute(f"DELETE FROM run_tabs WHERE run_id IN ({marks})", chunk)
                c.execute(f"DELETE FROM runs WHERE id IN ({marks})", chunk)
            c.execute("DELETE FROM snapshots WHERE NOT EXISTS (SELECT 1 FROM run_tabs WHERE run_tabs.snapshot = snapshots.hash)")
        return gone

    def snapshot_count(self) -> int:
        """How many distinct tab contents the file holds (each stored once)."""
        row = self._one("SELECT COUNT(*) FROM snapshots")
        return int(row[0]) if row else 0

    # --- memos -------------------------------------------------------------------------------------

    def memo(self, key: str) -> MemoRecord | None:
        row = self._one("SELECT * FROM memos WHERE key = ?", (key,))
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
        return [_memo(r) for r in self._all("SELECT * FROM memos ORDER BY number")]

    # --- reminders ---------------------------------------------------------------------------------

    def reminder_statuses(self, key: str) -> dict[str, str]:
        """Group code -> "sent" or "failed", for the memo with this key."""
        rows = self._all("SELECT group_code, status FROM reminders WHERE memo_key = ?", (key,))
        return {r["group_code"]: r["status"] for r in rows}

    def mark_reminder(self, key: str, group: str, status: str, to: list[str], run_id: int | None,
                      detail: str = "") -> None:
        """Record one group's send for a memo, committed at once (a later failure keeps it). `detail` is
        why it failed, already scrubbed of the password by the caller: the password is never stored."""
        with self._tx() as c:
            c.execute("INSERT OR REPLACE INTO reminders (memo_key, group_code, status, recipients, run_id, at, detail) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (key, group, status, json.dumps(to), run_id, self._stamp(), detail))

    def reminders(self) -> list[dict[str, Any]]:
        """Every recorded send, oldest first, as the table's columns."""
        return [dict(r) for r in self._all("SELECT * FROM reminders ORDER BY at")]

    # --- notices (LINE, Google Chat) -----------------------------------------------------------------

    def notice_statuses(self, key: str) -> dict[tuple[str, str], str]:
        """(group code, channel) -> status, for the memo with this key."""
        rows = self._all("SELECT group_code, channel, status FROM notices WHERE memo_key = ?", (key,))
        return {(r["group_code"], r["channel"]): r["status"] for r in rows}

    def mark_notice(self, key: str, group: str, channel: str, status: str, target: str, run_id: int | None,
                    detail: str = "") -> None:
        """Record one group's digest on one channel for a memo, committed at once. `target` is the LINE
        chat's ID or the webhook variable's name; `detail` already scrubbed by the caller."""
        with self._tx() as c:
            c.execute("INSERT OR REPLACE INTO notices (memo_key, group_code, channel, status, target, run_id, at, detail) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      (key, group, channel, status, target, run_id, self._stamp(), detail))

    def notices(self) -> list[dict[str, Any]]:
        """Every digest recorded, oldest first, as the table's columns."""
        return [dict(r) for r in self._all("SELECT * FROM notices ORDER BY at")]

    # --- sign-offs -------------------------------------------------------------------------------------

    def signoffs(self, fiscal_year: int) -> dict[tuple[str, str], tuple[str, str, str]]:
        """(tab, code) -> (signer, signed_on, fingerprint) of the sign-offs seen this fiscal year."""
        rows = self._all("SELECT tab, code, signer, signed_on, fingerprint FROM signoffs WHERE fiscal_year = ?",
                         (fiscal_year,))
        return {(r["tab"], r["code"]): (r["signer"], r["signed_on"], r["fingerprint"]) for r in rows}

    def record_signoffs(self, fiscal_year: int, seen: dict[tuple[str, str], tuple[str, str, str]],
                        run_id: int | None) -> None:
        """Remember each new sign-off (a signer or date not seen before for the row) with its fingerprint."""
        if not seen:
            return
        with self._tx() as c:
            c.executemany("INSERT OR REPLACE INTO signoffs (fiscal_year, tab, code, signer, signed_on, fingerprint, "
                          "run_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          [(fiscal_year, tab, code, signer, on, fp, run_id, self._stamp())
                           for (tab, code), (signer, on, fp) in seen.items()])

    # --- reporting rounds ----------------------------------------------------------------------------

    def close_round(self, frozen: FrozenRound, run_id: int | None = None) -> None:
        """Record a round closed, with its frozen results, committed at once."""
        data = _pack(_json(frozen))
        with self._tx() as c:
            c.execute("INSERT INTO round_events (fiscal_year, code, event, on_day, at, by, run_id, data) "
                      "VALUES (?, ?, 'closed', ?, ?, ?, ?, ?)",
                      (frozen.fiscal_year, frozen.code, frozen.closed_on.isoformat(), self._stamp(frozen.at), frozen.by,
                       run_id, data))

    def reopen_round(self, fiscal_year: int, code: str, on: date, by: str, until: date | None = None) -> None:
        with self._tx() as c:
            c.execute("INSERT INTO round_events (fiscal_year, code, event, on_day, at, by, until) "
                      "VALUES (?, ?, 'reopened', ?, ?, ?, ?)",
                      (fiscal_year, code, on.isoformat(), self._stamp(), by, until.isoformat() if until else None))

    def round_events(self, fiscal_year: int) -> list[RoundEvent]:
        """Every close and reopen of the year's rounds, oldest first (without the frozen results)."""
        rows = self._all("SELECT id, fiscal_year, code, event, on_day, at, by, until, run_id FROM round_events "
                         "WHERE fiscal_year = ? ORDER BY id", (fiscal_year,))
        return [RoundEvent(id=r["id"], fiscal_year=r["fiscal_year"], code=r["code"], event=r["event"],
                           on=date.fromisoformat(r["on_day"]), at=self._in_zone(r["at"]), by=r["by"],
                           until=date.fromisoformat(r["until"]) if r["until"] else None, run_id=r["run_id"])
                for r in rows]

    def frozen_round(self, fiscal_year: int, code: str) -> FrozenRound | None:
        """The round's frozen results when its last event is a close; None while open or reopened."""
        row = self._one("SELECT event, data FROM round_events WHERE fiscal_year = ? AND code = ? ORDER BY id DESC LIMIT 1",
                        (fiscal_year, code))
        if row is None or row["event"] != "closed":
            return None
        try:
            return load_frozen(json.loads(_unpack(row["data"]) or "null"))
        except (ValueError, TypeError, KeyError, zlib.error) as exc:
            raise _failure(self.path, exc if isinstance(exc, ValueError) else ValueError(str(exc))) from exc

    def round_book(self, fiscal_year: int) -> RoundBook:
        """The year's rounds as the last event of each left them (core.rounds.RoundBook)."""
        closed: dict[str, Closed] = {}
        reopened: dict[str, Reopened] = {}
        last: dict[str, RoundEvent] = {}
        for event in self.round_events(fiscal_year):
            last[event.code] = event
        for code, event in last.items():
            if event.event == "reopened":
                reopened[code] = Reopened(on=event.on, by=event.by, at=event.at, until=event.until)
            else:
                frozen = self.frozen_round(fiscal_year, code)
                if frozen is not None:
                    closed[code] = frozen.closed()
        return RoundBook(closed=closed, reopened=reopened)

    # --- a look from outside -----------------------------------------------------------------------

    def overview(self) -> HistoryOverview:
        """The file's version, its number of runs and its newest run (of any status), for doctor; a Thai
        HistoryUnreadable when SQLite cannot read them."""
        try:
            if self.version == 0 and "runs" not in _tables(self._conn):
                return HistoryOverview(version=0, runs=0, newest=None)  # not set up yet: no runs to count
            (count,) = self._conn.execute("SELECT COUNT(*) FROM runs").fetchone()
            row = self._conn.execute(f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT 1").fetchone()
            return HistoryOverview(version=self.version, runs=count, newest=self._run(row) if row else None)
        except (sqlite3.Error, ValueError) as exc:  # ValueError: a stored run that no longer parses
            raise _failure(self.path, exc) from exc


# --- opening, versions, upgrades ------------------------------------------------------------------

def _now() -> datetime:
    return datetime.now().astimezone()


def _aware(text: str) -> datetime:
    """A stored time as an aware datetime (a naive one is the machine's local time)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.astimezone()


def _refuse_unusable(path: Path, read_only: bool) -> None:
    """What SQLite would take for something else or fail on late: a directory at the file's place, a
    0-byte file (SQLite would start an empty history in it: the runs and memo numbers that were there
    are lost, and numbering would restart at 1), a file or folder the sync cannot write."""
    if path.is_dir():
        raise HistoryUnreadable(vocab.HISTORY_IS_DIR.format(path=path), vocab.HISTORY_IS_DIR_HINT.format(path=path))
    if path.is_file() and path.stat().st_size == 0:
        raise HistoryUnreadable(vocab.HISTORY_EMPTY.format(path=path), vocab.HISTORY_EMPTY_HINT.format(path=path))
    if read_only:
        return
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    # The file is written, and its journal is made beside it: both must be writable.
    for place in (path, path.parent):
        if place.exists() and not os.access(place, os.W_OK):
            raise HistoryError(vocab.HISTORY_READONLY.format(path=path),
                               vocab.HISTORY_READONLY_HINT.format(path=path, folder=path.parent))


def _create(path: Path) -> None:
    """A new, empty history at the current schema, built beside its place and moved in when complete:
    a file at `path` is never one of ours half made (so a 0-byte one there is one that lost its data)."""
    building = path.with_name(f".{path.name}.{os.getpid()}.new")
    building.unlink(missing_ok=True)
    try:
        conn = sqlite3.connect(building, timeout=BUSY_TIMEOUT)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            _migrate(conn, building)
        finally:
            conn.close()
        files.place_new(building, path)  # never over a file another sheetsync made in the meantime
    except sqlite3.Error as exc:
        raise _failure(path, exc) from exc
    finally:
        building.unlink(missing_ok=True)


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        # SQLite's own read-only mode: every write is refused by SQLite, and a missing file is an error
        # rather than an empty database created on the spot.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT)
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


def _examine(conn: sqlite3.Connection, path: Path) -> int:
    """Before anything is read or written: the file is ours (sheetsync's application_id, or before
    version 3 no table sheetsync never makes), not from a newer sheetsync, has the tables its version
    promises and passes SQLite's quick check of the whole file (about 20 ms for 36 MB); its version."""
    version = _version(conn)
    (app,) = conn.execute("PRAGMA application_id").fetchone()
    tables = _tables(conn)
    # Before version 3 (no application_id yet) the tables tell; from 3 on the id does, and a table an
    # office added for its own queries is no reason to refuse its history.
    foreign = [] if app == APPLICATION_ID else sorted(t for t in tables if t not in _OUR_TABLES and not t.startswith("sqlite_"))
    if foreign or app not in (0, APPLICATION_ID) or (app == 0 and version >= 3):
        detail = (vocab.HISTORY_NOT_OURS_TABLES.format(tables=", ".join(foreign[:5])) if foreign
                  else vocab.HISTORY_NOT_OURS_ID.format(found=app, version=version))
        raise HistoryUnreadable(vocab.HISTORY_NOT_OURS.format(path=path, detail=detail),
                                vocab.HISTORY_NOT_OURS_HINT.format(path=path))
    _refuse_newer(version, path)
    missing = [name for name in _promised_tables(version) if name not in tables]
    if missing:
        raise HistoryUnreadable(vocab.HISTORY_CORRUPT.format(path=path, problem=vocab.HISTORY_MISSING_TABLES.format(
            tables=", ".join(missing))), vocab.HISTORY_BROKEN_HINT.format(path=path))
    (verdict,) = conn.execute("PRAGMA quick_check").fetchone()
    if verdict != "ok":
        raise HistoryUnreadable(vocab.HISTORY_CORRUPT.format(path=path, problem=verdict),
                                vocab.HISTORY_BROKEN_HINT.format(path=path))
    return version


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
        upgraded = version > 0
        while version < SCHEMA_VERSION:
            for statement in MIGRATIONS[version]:
                if isinstance(statement, str):
                    conn.execute(statement)
                else:
                    statement(conn)
            version += 1
            # user_version lives in the file's header and is part of the transaction: it rolls back too.
            conn.execute(f"PRAGMA user_version = {version}")
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    if upgraded:
        _give_back_space(conn)
    return version


def _give_back_space(conn: sqlite3.Connection) -> None:
    """After an upgrade that moved the snapshots (version 3 stores each one once, compressed), most of an
    old file is free pages: VACUUM gives them back to the disk, once. Only an economy: a VACUUM that
    cannot run (the disk too full for its copy, another program reading) leaves the pages to be reused."""
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    (free,) = conn.execute("PRAGMA freelist_count").fetchone()
    if free * 2 > pages:
        with suppress(sqlite3.Error):
            conn.execute("VACUUM")


def _failure(path: Path, exc: BaseException) -> HistoryError:
    """A SQLite failure (or stored data that no longer decodes) as a Thai message naming what to fix."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    folder = path.parent
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return HistoryError(vocab.HISTORY_BUSY.format(path=path, seconds=thaifmt.digits(f"{BUSY_TIMEOUT:g}")),
                            vocab.HISTORY_LOCKED_HINT.format(path=path))
    if name == "SQLITE_FULL":
        return HistoryError(vocab.HISTORY_FULL.format(path=path), vocab.HISTORY_FULL_HINT.format(folder=folder))
    if name.startswith("SQLITE_READONLY"):
        return HistoryError(vocab.HISTORY_READONLY.format(path=path),
                            vocab.HISTORY_READONLY_HINT.format(path=path, folder=folder))
    if name == "SQLITE_NOTADB":
        return HistoryUnreadable(vocab.HISTORY_NOT_SQLITE.format(path=path), vocab.HISTORY_BROKEN_HINT.format(path=path))
    if name.startswith("SQLITE_CORRUPT") or isinstance(exc, ValueError | zlib.error):
        return HistoryUnreadable(vocab.HISTORY_CORRUPT.format(path=path, problem=exc),
                                 vocab.HISTORY_BROKEN_HINT.format(path=path))
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
# Each is one query for one run (never a walk over every run), and `History.prune` keeps what each asks for.

def last_evaluation(history: History) -> Evaluation:
    """The evaluation of the last run; a Thai UsageError when there is none yet."""
    run = history.last_run()
    data = history.evaluation(run.id) if run else None
    if data is None:
        raise UsageError(vocab.DOC_NO_HISTORY, vocab.DOC_NO_HISTORY_HINT)
    return load_evaluation(data)


def previous_year_evaluation(history: History, fiscal_year: int) -> Evaluation | None:
    """The results of the fiscal year before `fiscal_year`, if history reaches back that far: its last
    closed reporting round (the one due last) in which any row reported, as the round froze them
    (core.roundclose: the office's record of that round, not changed by later edits); else the last
    real sync of that year. A round closed with no report for it (closed on its own the same night as
    the round before it, say) says nothing of the year's results, so it is passed over. The SAR's
    year-on-year comparison and `sheetsync new-year` (last year's targets and results) read this."""
    year = fiscal_year - 1
    if history.version >= 4:  # round_events exists (a file opened read-only before its upgrade lacks it)
        codes = dict.fromkeys(event.code for event in history.round_events(year))
        frozen = [f for f in (history.frozen_round(year, code) for code in codes) if f is not None and f.reported]
        if frozen:
            return max(frozen, key=lambda f: (f.due, f.closed_on)).evaluation
    run = history.last_real_sync(fiscal_year=year)
    data = history.evaluation(run.id) if run else None
    return load_evaluation(data) if data else None


def previous_real_run(history: History) -> Run | None:
    """The last real (not dry) sync before the last run in history, with its evaluation kept."""
    run = history.last_run()
    return history.last_real_sync(before=run.id) if run is not None else None


def previous_real_evaluation(history: History) -> Evaluation | None:
    """The evaluation of the previous real sync (see previous_real_run), for trends."""
    run = previous_real_run(history)
    return load_evaluation(history.evaluation(run.id) or {}) if run else None
