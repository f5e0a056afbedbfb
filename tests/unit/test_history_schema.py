"""The history database's schema versions: a file written by the version-1 code is upgraded and reads
back the same (version 3: each tab's content stored once, compressed), a file from a newer sheetsync,
a file that is not SQLite, an empty one or another program's is refused in Thai and left alone, the
read-only open (doctor's) writes nothing, and the retention rule keeps what the commands ask for."""

from __future__ import annotations

import ast
import json
import sqlite3
import zlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from sheetsync.app.doctor import history_check
from sheetsync.core import thaifmt, vocab
from sheetsync.core.cells import RawTable
from sheetsync.core.errors import HistoryError, HistoryTooNew, HistoryUnreadable, SheetSyncError
from sheetsync.store import history as history_module
from sheetsync.store.history import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    History,
    last_evaluation,
    previous_real_run,
    previous_year_evaluation,
)

PACKAGE = Path(__file__).resolve().parents[2] / "sheetsync"

# The schema exactly as the version-1 code wrote it (`git show` of store/history.py's _SCHEMA and of
# app/reminders.py's _TABLE at the commit before versioning was read): the fixture must not follow
# today's module, or the upgrade would be tested against itself.
V1_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
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
);
CREATE TABLE IF NOT EXISTS raw_tables (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    attempt INTEGER NOT NULL,
    position INTEGER NOT NULL,
    tab TEXT NOT NULL,
    cells TEXT NOT NULL,                      -- tagged JSON rows
    PRIMARY KEY (run_id, attempt, tab)
);
CREATE TABLE IF NOT EXISTS memos (
    key TEXT PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    issued_on TEXT NOT NULL,
    run_id INTEGER,
    data TEXT NOT NULL                        -- JSON of the memo as first issued
);
"""
V1_REMINDERS = """
CREATE TABLE IF NOT EXISTS reminders (
    memo_key TEXT NOT NULL,
    group_code TEXT NOT NULL,
    status TEXT NOT NULL,          -- sent, failed
    recipients TEXT NOT NULL,      -- JSON list of addresses
    run_id INTEGER,
    at TEXT NOT NULL,
    detail TEXT,                   -- why it failed (never the password)
    PRIMARY KEY (memo_key, group_code)
)
"""

STARTED = "2027-04-05T01:30:00+07:00"
RAW_CELLS = {  # tab -> the tagged JSON the version-1 code stored
    "งานบริหาร": '[["รหัส", "วันที่"], ["1.1", {"$date": "2027-03-01"}], [2.5, {"$datetime": "2027-03-02T08:30:00"}]]',
    "ผลงาน": '[["x", null, true, {"$float": "inf"}, {"$timedelta": 5400.0}]]',
}
MEMO_DATA = {"number": 7, "subject": "ติดตามการดำเนินงาน", "groups": []}
REMINDER = ("memo-key-1", "G01", "failed", json.dumps(["head@example.go.th"]), 1, "2027-04-05T01:31:00+07:00",
            "เชื่อมต่อเครื่องส่งอีเมลไม่ได้")


def write_v1(path: Path, *, reminders: bool) -> None:
    """A history file as the version-1 code left it after one synced night: a run, its raw tables, a
    memo and, when reminders were configured and one was sent, the reminders table and its row."""
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.execute("PRAGMA user_version = 1")
    with conn:
        conn.execute(
            "INSERT INTO runs (started_at, today, dry_run, status, finished_at, duration, cells_written, requests, "
            "error_count, documents, summary, evaluation, writes) VALUES (?, ?, 0, 'ok', ?, 1.5, 1, 3, 2, ?, ?, ?, ?)",
            (STARTED, "2027-04-05", "2027-04-05T01:30:02+07:00", json.dumps(["out/memo-7.pdf"]),
             json.dumps({"rows": 12, "warnings": []}, ensure_ascii=False), json.dumps({"today": "2027-04-05"}),
             json.dumps([{"tab": "งานบริหาร", "cell": "H2", "value": "ล่าช้า"}], ensure_ascii=False)))
        conn.executemany("INSERT INTO raw_tables (run_id, attempt, position, tab, cells) VALUES (1, 1, ?, ?, ?)",
                         [(i, tab, cells) for i, (tab, cells) in enumerate(RAW_CELLS.items())])
        conn.execute("INSERT INTO memos (key, number, issued_on, run_id, data) VALUES (?, 7, '2027-04-05', 1, ?)",
                     ("memo-key-1", json.dumps(MEMO_DATA, ensure_ascii=False)))
        if reminders:
            conn.execute(V1_REMINDERS)
            conn.execute("INSERT INTO reminders VALUES (?, ?, ?, ?, ?, ?, ?)", REMINDER)
    conn.close()


def raw_sqlite(path: Path) -> tuple[int, dict[str, list[tuple[object, ...]]], dict[str, str]]:
    """(user_version, every table's rows, every table's stored CREATE statement), read around History."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        schema = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                                   "AND name NOT LIKE 'sqlite_%'").fetchall())
        rows = {name: conn.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall() for name in schema}
    finally:
        conn.close()
    return version, rows, schema


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in the folder and its bytes: a journal or -wal file left behind shows up too."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- the upgrade of today's files ------------------------------------------------------------------

@pytest.mark.parametrize("reminders", [True, False], ids=["reminders-sent", "no-reminder-ever-sent"])
def test_a_version_1_file_is_upgraded_and_reads_back_the_same(tmp_path: Path, reminders: bool) -> None:
    path = tmp_path / "history.sqlite"
    write_v1(path, reminders=reminders)
    _, rows_before, _ = raw_sqlite(path)

    with History(path) as h:
        assert h.version == SCHEMA_VERSION == 5
        (run,) = h.runs()
        assert (run.id, run.started_at, run.today, run.dry_run, run.status) == (
            1, datetime(2027, 4, 5, 1, 30, tzinfo=timezone(timedelta(hours=7))), date(2027, 4, 5), False, "ok")
        assert (run.cells_written, run.requests, run.error_count, run.duration) == (1, 3, 2, 1.5)
        assert run.documents == ["out/memo-7.pdf"]
        assert h.last_run() == run
        assert h.summary(1) == {"rows": 12, "warnings": []}
        assert h.evaluation(1) == {"today": "2027-04-05"}
        assert h.writes(1) == [{"tab": "งานบริหาร", "cell": "H2", "value": "ล่าช้า"}]
        assert h.raw(1) == {
            "งานบริหาร": RawTable(tab="งานบริหาร", values=[["รหัส", "วันที่"], ["1.1", date(2027, 3, 1)],
                                                        [2.5, datetime(2027, 3, 2, 8, 30)]]),
            "ผลงาน": RawTable(tab="ผลงาน", values=[["x", None, True, float("inf"), timedelta(hours=1, minutes=30)]]),
        }
        memo = h.memo("memo-key-1")
        assert memo is not None and (memo.number, memo.issued_on, memo.run_id, memo.data) == (
            7, date(2027, 4, 5), 1, MEMO_DATA)
        if reminders:
            assert h.reminders() == [dict(zip(
                ["memo_key", "group_code", "status", "recipients", "run_id", "at", "detail"], REMINDER, strict=True))]
            assert h.reminder_statuses("memo-key-1") == {"G01": "failed"}
        else:  # the upgrade made the table: the first send of an upgraded office is recorded
            assert h.reminders() == []
            h.mark_reminder("memo-key-1", "G01", "sent", ["head@example.go.th"], 2)
            assert h.reminder_statuses("memo-key-1") == {"G01": "sent"}

    version, rows_after, schema = raw_sqlite(path)
    assert version == SCHEMA_VERSION
    assert "reminders" in schema and "raw_tables" not in schema
    for table in ("memos", "reminders") if reminders else ("memos",):  # every stored row, column for column
        assert rows_after[table] == rows_before[table], table
    # runs: the same columns, the evaluation and writes compressed, and recorded_at (unknown before 3) added
    (before,), (after,) = rows_before["runs"], rows_after["runs"]
    assert after[:12] + after[14:15] == before[:12] + before[14:15]
    assert [zlib.decompress(after[i]).decode() for i in (12, 13)] == list(before[12:14])
    assert after[15] is None
    # raw_tables: each row now a run_tabs row pointing at its content, stored once
    contents = {digest: zlib.decompress(cells).decode() for digest, _, cells in rows_after["snapshots"]}
    assert sorted(contents.values()) == sorted(RAW_CELLS.values())
    assert sorted((r[0], r[1], r[2], r[3], contents[r[4]]) for r in rows_after["run_tabs"]) == sorted(
        (1, 1, i, tab, cells) for i, (tab, cells) in enumerate(RAW_CELLS.items()))


def test_an_upgraded_file_has_the_schema_of_a_new_one(tmp_path: Path) -> None:
    """The steps replay what each version created: an office upgraded from version 1, with or without
    the reminders table, ends with the very tables a new office starts with."""
    for name, reminders in [("sent", True), ("never", False)]:
        write_v1(tmp_path / f"{name}.sqlite", reminders=reminders)
        History(tmp_path / f"{name}.sqlite").close()
    History(tmp_path / "new.sqlite").close()
    _, _, new = raw_sqlite(tmp_path / "new.sqlite")
    assert set(new) == {"runs", "memos", "reminders", "snapshots", "run_tabs", "round_events", "notices", "signoffs"}
    assert raw_sqlite(tmp_path / "sent.sqlite")[2] == new
    assert raw_sqlite(tmp_path / "never.sqlite")[2] == new


def test_a_file_left_at_version_0_with_its_tables_is_set_up(tmp_path: Path) -> None:
    """The version-1 code made the tables and then set the version, as two writes; a file from a night
    killed in between is brought forward like any other."""
    path = tmp_path / "history.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.close()
    with History(path) as h:
        assert h.version == SCHEMA_VERSION and h.runs() == []
    assert raw_sqlite(path)[0] == SCHEMA_VERSION


def test_a_current_file_is_not_written_by_opening_it(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    write_v1(path, reminders=False)
    History(path).close()  # the upgrade
    before = folder_state(tmp_path)
    with History(path) as h:
        assert h.version == SCHEMA_VERSION and len(h.runs()) == 1
    assert folder_state(tmp_path) == before


def test_a_failed_upgrade_leaves_the_file_at_its_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "history.sqlite"
    write_v1(path, reminders=False)
    _, rows_before, schema_before = raw_sqlite(path)
    monkeypatch.setitem(history_module.MIGRATIONS, 1,
                        ("CREATE TABLE IF NOT EXISTS half_done (x TEXT)", "INSERT INTO no_such_table VALUES (1)"))
    with pytest.raises(HistoryError):
        History(path)
    assert raw_sqlite(path) == (1, rows_before, schema_before)  # no half_done table, version still 1


# --- what is refused, untouched --------------------------------------------------------------------

def test_a_file_from_a_newer_sheetsync_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    write_v1(path, reminders=True)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # what a newer sheetsync writes (from 3 on)
    conn.close()
    before = folder_state(tmp_path)

    for read_only in (False, True):
        with pytest.raises(HistoryTooNew) as caught:
            History(path, read_only=read_only)
        assert isinstance(caught.value, SheetSyncError)
        assert caught.value.message == vocab.HISTORY_TOO_NEW.format(
            path=path, version=thaifmt.digits(SCHEMA_VERSION + 1), known=thaifmt.digits(SCHEMA_VERSION))
        assert caught.value.hint == vocab.HISTORY_TOO_NEW_HINT.format(path=path)
        assert "รุ่นที่ใหม่กว่า" in caught.value.message and "mv" in caught.value.hint
        assert folder_state(tmp_path) == before  # byte for byte, and no journal left beside it

    check = history_check(path)
    assert (check.mark, check.detail, check.fix) == ("fail", caught.value.message, caught.value.hint)
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("garbage", [b"this is not a database" * 100, b"hello", b"\0" * 4096])
def test_a_file_that_is_not_sqlite_is_refused_in_thai(tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "history.sqlite"
    path.write_bytes(garbage)
    for read_only in (False, True):
        with pytest.raises(HistoryUnreadable) as caught:
            History(path, read_only=read_only)
        assert caught.value.message == vocab.HISTORY_NOT_SQLITE.format(path=path)
        assert caught.value.hint == vocab.HISTORY_BROKEN_HINT.format(path=path)
        assert folder_state(tmp_path) == {"history.sqlite": garbage}

    check = history_check(path)
    assert (check.mark, check.detail, check.fix) == ("fail", caught.value.message, caught.value.hint)
    assert ".broken" in check.fix
    assert folder_state(tmp_path) == {"history.sqlite": garbage}


# --- the read-only open ----------------------------------------------------------------------------

def test_the_read_only_open_reports_without_upgrading(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    write_v1(path, reminders=False)
    before = folder_state(tmp_path)

    with History(path, read_only=True) as h:
        seen = h.overview()
        assert (seen.version, seen.runs, seen.needs_upgrade) == (1, 1, True)
        assert seen.newest is not None and (seen.newest.id, seen.newest.status) == (1, "ok")
        assert [r.id for r in h.runs()] == [1] and h.raw(1)["ผลงาน"].values[0][0] == "x"
        with pytest.raises(HistoryError) as refused:  # SQLite itself refuses any write, said in Thai
            h.mark(1, "failed")
        assert refused.value.message == vocab.HISTORY_READONLY.format(path=path)
    assert folder_state(tmp_path) == before

    check = history_check(path)  # doctor says the next sync upgrades it, and writes nothing either
    assert check.mark == "ok"
    assert vocab.DR_HISTORY_UPGRADE.format(version=thaifmt.digits(1), current=thaifmt.digits(SCHEMA_VERSION)) \
        in check.detail
    assert vocab.DR_HISTORY_LAST.format(when="๕ เม.ย. ๒๕๗๐ ๐๑:๓๐ น.", status=vocab.RUN_STATUS["ok"]) in check.detail
    assert folder_state(tmp_path) == before

    History(path).close()  # the next sync's open
    check = history_check(path)
    assert check.mark == "ok" and vocab.DR_HISTORY_OK.format(path=path, runs=thaifmt.digits(1)) in check.detail
    assert "การซิงก์ครั้งถัดไปจะปรับ" not in check.detail


def test_the_read_only_open_of_an_empty_file_and_a_damaged_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")  # SQLite would take it for an empty database; sheetsync never leaves one (see below)
    with pytest.raises(HistoryUnreadable) as caught:
        History(empty, read_only=True)
    assert caught.value.message == vocab.HISTORY_EMPTY.format(path=empty)
    assert empty.read_bytes() == b""

    lost = tmp_path / "lost.sqlite"  # a version-1 file whose runs table is gone
    write_v1(lost, reminders=False)
    conn = sqlite3.connect(lost)
    conn.executescript("DROP TABLE raw_tables; DROP TABLE runs;")
    conn.close()
    with pytest.raises(HistoryUnreadable) as caught:
        History(lost, read_only=True)
    assert "runs" in caught.value.message and ".broken" in caught.value.hint


# --- one owner -------------------------------------------------------------------------------------

def test_only_the_history_module_speaks_sqlite() -> None:
    speakers = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] == "sqlite3" for n in names):
                speakers.append(path.relative_to(PACKAGE).as_posix())
    assert speakers == ["store/history.py"]


# --- retention (office.yaml `history:`) ------------------------------------------------------------

NOW = datetime(2027, 6, 1, 2, 0, tzinfo=timezone(timedelta(hours=7)))
SHARED = {"a": RawTable(tab="a", values=[["รหัส"], ["1.1"]])}  # a tab nobody changes: one snapshot for all


def evaluation_of(day: date) -> dict[str, Any]:
    """The smallest evaluation a report can load: the day judged and nothing to show."""
    return {"today": day.isoformat(), "tabs": [], "outputs": None, "outcomes": {}, "groups": [], "errors": [],
            "office": {"score": None, "label": "", "standards": [], "reported": 0, "total": 0}, "late": [],
            "next_deadline": None, "missing_tabs": []}


def record(h: History, monkeypatch: pytest.MonkeyPatch, days_ago: int, *, dry: bool = False, status: str = "ok") -> int:
    """A run recorded `days_ago` days before NOW (the day it judged: that day), with the shared tab and
    a tab of its own."""
    at = NOW - timedelta(days=days_ago)
    monkeypatch.setattr(history_module, "_now", lambda: at)
    run = h.start_run(at, at.date(), dry)
    h.save_raw(run, {**SHARED, "b": RawTable(tab="b", values=[[f"run {run}"]])})
    if status == "failed":
        h.fail_run(run, "BackendError: x", 1.0)
    elif status != "running":
        h.finish_run(run, summary={"run": run}, evaluation={} if status == "restore" else evaluation_of(at.date()),
                     writes=[], errors=0, duration=1.0, requests=0, documents=[])
        if status == "restore":
            h.mark(run, "restore")
    monkeypatch.undo()
    return run


def office_of_200_nights(h: History, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    named = {"fy2569_early": record(h, monkeypatch, 310), "fy2569_last": record(h, monkeypatch, 300)}
    for days in range(200, 0, -1):
        run = record(h, monkeypatch, days)
        if days == 150:
            named["memo_run"] = run
            h.issue_memo("old-memo", 1, (NOW - timedelta(days=150)).date(), run, lambda n: {"number": n})
            named["old_dry"] = record(h, monkeypatch, 150, dry=True)
            named["old_failed"] = record(h, monkeypatch, 150, status="failed")
        if days == 120:
            named["old_restore"] = record(h, monkeypatch, 120, status="restore")
    named["dry_now"] = record(h, monkeypatch, 0, dry=True)
    named["running_now"] = record(h, monkeypatch, 0, status="running")  # a dry run still going (takes no lock)
    return named


def asked_for(h: History) -> tuple[Any, ...]:
    """What the commands ask of history: reports, status, brief/meeting, SAR, memo numbering."""
    last, before = h.last_run(), previous_real_run(h)
    return (last.id if last else None, before.id if before else None, last_evaluation(h).today,
            previous_year_evaluation(h, 2570).today, h.last_real_sync().id, [m.number for m in h.memos()])


def test_retention_keeps_every_recent_run_one_a_week_and_what_is_asked_for(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    with History(tmp_path / "h.sqlite") as h:
        named = office_of_200_nights(h, monkeypatch)
        runs = {r.id: r for r in h.runs()}
        asked = asked_for(h)
        gone = h.prune(90, then_weekly=True, now=NOW)
        kept = {r.id for r in h.runs()}
        assert set(gone) == set(runs) - kept and gone
        cutoff = NOW - timedelta(days=90)
        recent = {i for i, r in runs.items() if r.started_at >= cutoff}
        assert recent <= kept  # every run of the last 90 days, dry, running and all
        real = [r for r in runs.values() if r.status == "ok" and not r.dry_run]
        weekly = {max(r.id for r in real if r.started_at.isocalendar()[:2] == week)
                  for week in {r.started_at.isocalendar()[:2] for r in real}}
        assert kept - recent == weekly - recent  # then one a week: the week's last real sync
        assert len(weekly - recent) >= 15
        assert not {named["old_dry"], named["old_failed"], named["old_restore"]} & kept
        assert {named["dry_now"], named["running_now"], named["fy2569_last"]} <= kept
        assert asked_for(h) == asked
        # snapshots: the shared tab's one copy stays, those only deleted runs referred to are gone
        assert h.snapshot_count() == 1 + len([i for i in kept if h.raw(i)])
        assert all(h.raw(i)["a"] == SHARED["a"] for i in kept if h.raw(i))
        # memo numbering goes on from the highest number ever issued, its run pruned or not
        assert h.issue_memo("new-memo", 1, NOW.date(), None, lambda n: {"number": n}).number == 2
        assert h.prune(90, then_weekly=True, now=NOW) == []  # applied again: nothing more to delete


def test_retention_without_weeks_and_without_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with History(tmp_path / "h.sqlite") as h:
        named = office_of_200_nights(h, monkeypatch)
        everything = [r.id for r in h.runs()]
        assert h.prune(None, now=NOW) == []  # keep_all_days: null keeps every run
        asked = asked_for(h)
        h.prune(90, then_weekly=False, now=NOW)
        kept = {r.id for r in h.runs()}
        recent = {r.id for r in h.runs() if r.started_at >= NOW - timedelta(days=90)}
        # older than 90 days: only the last real sync of the previous fiscal year (the SAR's comparison)
        assert kept - recent == {named["fy2569_last"]}
        assert named["fy2569_early"] not in kept and len(everything) > len(kept)
        assert asked_for(h) == asked


def test_retention_when_the_office_stopped_syncing_long_ago(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run older than the limit: the last run, the real sync before it and each fiscal year's last
    stay, so `report`, `status`, `diff`, the brief and the SAR work as before the pruning."""
    with History(tmp_path / "h.sqlite") as h:
        fy2568 = record(h, monkeypatch, 800)  # March 2025
        nights = {days: record(h, monkeypatch, days) for days in range(300, 200, -1)}  # August-November 2026
        fy2569 = nights[244]  # 30 September 2026, the last night of fiscal year 2569
        asked = asked_for(h)
        h.prune(90, then_weekly=False, now=NOW)
        assert [r.id for r in h.runs()] == [fy2568, fy2569, nights[202], nights[201]]
        assert asked_for(h) == asked
