"""The fault corpus of the history file (issue 13, point 5): each way `state/history.sqlite` can be
unusable ends in a Thai message naming what to fix and exit status 1, never a traceback, with every
cell of the workbook as it was (the sync stops before it writes) and the file left as it was found.

One test per case: locked by a reader, damaged, a directory, read-only, a full disk, 0 bytes, and a
valid SQLite file of another program.
"""

from __future__ import annotations

import ctypes
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sheetsync.core import thaifmt, vocab
from sheetsync.store import history as history_module
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import APPLICATION_ID, History
from tests.support.cli import DEMO_DAY, all_cells, invoke


def sync(runner, config: Path):
    return invoke(runner, config, "sync", "--today", DEMO_DAY)


def refused(result, message: str, hint: str) -> None:
    """Exit status 1, the Thai message and its fix on stderr (click's runner mixes it into output), no
    traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert vocab.CLI_ERROR.format(message=message) in result.output
    assert vocab.CLI_FIX.format(hint=hint) in result.output


def _without_root_file_powers() -> None:
    """In the child, before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set, so
    that root's file access is checked like anyone's (as for the coordinator's own account)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_history_locked_by_a_reader(demo_dir: Path, runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A program keeps a read transaction open on the file (an sqlite3 shell, DB Browser): the sync
    waits BUSY_TIMEOUT (10 s; half a second here) and stops before reading the sheets, instead of a
    traceback after 30 s."""
    path = OfficeFolder(demo_dir).history
    book = all_cells(demo_dir / "office.xlsx")
    monkeypatch.setattr(history_module, "BUSY_TIMEOUT", 0.5)
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM runs").fetchone()  # holds SQLite's shared lock until COMMIT
    try:
        started = time.monotonic()
        result = sync(runner, demo_dir)
        waited = time.monotonic() - started
    finally:
        reader.execute("COMMIT")
        reader.close()
    refused(result, vocab.HISTORY_BUSY.format(path=path, seconds=thaifmt.digits("0.5")),
            vocab.HISTORY_LOCKED_HINT.format(path=path))
    assert waited < 8
    assert all_cells(demo_dir / "office.xlsx") == book
    with History(path) as h:
        assert [r.status for r in h.runs()] == ["ok"]  # the demo's run only: this one was never recorded
    assert sync(runner, demo_dir).exit_code == 0  # the reader gone, the next sync runs


def test_history_damaged(demo_dir: Path, runner) -> None:
    """Pages in the middle of the file overwritten: SQLite's quick check at the open finds it before the
    sync reads or writes anything."""
    path = OfficeFolder(demo_dir).history
    conn = sqlite3.connect(path)
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    conn.close()
    assert pages > 4
    data = bytearray(path.read_bytes())
    for page in range(1, pages):  # every page but the first (the header stays valid SQLite)
        start = page * page_size + 8  # each page's content after its header
        data[start:start + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))
    book = all_cells(demo_dir / "office.xlsx")
    result = sync(runner, demo_dir)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert vocab.HISTORY_CORRUPT.format(path=path, problem="").rstrip("()") in result.output
    assert vocab.CLI_FIX.format(hint=vocab.HISTORY_BROKEN_HINT.format(path=path)) in result.output
    assert path.read_bytes() == bytes(data)
    assert all_cells(demo_dir / "office.xlsx") == book
    status = invoke(runner, demo_dir, "status")  # the other commands say the same
    assert status.exit_code == 1 and vocab.CLI_FIX.format(hint=vocab.HISTORY_BROKEN_HINT.format(path=path)) in status.output


def test_history_is_a_directory(demo_dir: Path, runner) -> None:
    path = OfficeFolder(demo_dir).history
    path.unlink()
    path.mkdir()
    (path / "something").write_text("x")
    book = all_cells(demo_dir / "office.xlsx")
    result = sync(runner, demo_dir)
    refused(result, vocab.HISTORY_IS_DIR.format(path=path), vocab.HISTORY_IS_DIR_HINT.format(path=path))
    assert path.is_dir() and [p.name for p in path.iterdir()] == ["something"]
    assert all_cells(demo_dir / "office.xlsx") == book


def test_history_read_only(demo_dir: Path) -> None:
    """A history file the account running the sync cannot write (here chmod 444; as root, in CI, the
    child process gives up root's power to write anyway): refused at the open, before the sheets are read,
    rather than a traceback at the first write."""
    path = OfficeFolder(demo_dir).history
    before = path.read_bytes()
    book = all_cells(demo_dir / "office.xlsx")
    path.chmod(0o444)
    try:
        result = subprocess.run([sys.executable, "-m", "sheetsync", "--config", str(demo_dir), "sync", "--today", DEMO_DAY],
                                capture_output=True, text=True, timeout=120,
                                preexec_fn=_without_root_file_powers if os.geteuid() == 0 else None)
    finally:
        path.chmod(0o644)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert vocab.CLI_ERROR.format(message=vocab.HISTORY_READONLY.format(path=path)) in result.stderr
    assert vocab.CLI_FIX.format(hint=vocab.HISTORY_READONLY_HINT.format(path=path, folder=path.parent)) in result.stderr
    assert path.read_bytes() == before
    assert all_cells(demo_dir / "office.xlsx") == book


def test_history_on_a_full_disk(demo_dir: Path, runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up while the run is recorded. Simulated inside SQLite rather than with a small
    tmpfs (mounting needs a privilege CI containers may not have): the fault hook caps the file at the
    pages it has now (PRAGMA max_page_count), so SQLite fails the next write that needs a page exactly as
    on ENOSPC, with SQLITE_FULL. The snapshot cannot be stored, so nothing is written to the sheets; the
    run is recorded as failed and the history before it is intact."""
    path = OfficeFolder(demo_dir).history
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")  # no free pages left to reuse
    conn.close()
    book = all_cells(demo_dir / "office.xlsx")
    connect = history_module._connect

    def full_disk(where: Path, read_only: bool) -> sqlite3.Connection:
        conn = connect(where, read_only)
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(history_module, "_connect", full_disk)
    result = sync(runner, demo_dir)
    refused(result, vocab.HISTORY_FULL.format(path=path), vocab.HISTORY_FULL_HINT.format(folder=path.parent))
    assert all_cells(demo_dir / "office.xlsx") == book
    monkeypatch.setattr(history_module, "_connect", connect)
    with History(path) as h:
        runs = h.runs()
        assert [r.status for r in runs] == ["ok", "failed"]
        assert vocab.HISTORY_FULL.format(path=path) in (runs[1].failure or "")
        assert h.raw(runs[0].id) and h.evaluation(runs[0].id)  # the demo's run reads back whole
        assert [m.number for m in h.memos()] == [1]
    assert sync(runner, demo_dir).exit_code == 0  # space again: the next sync records


def test_history_empty_file(demo_dir: Path, runner) -> None:
    """A history that was there and is now 0 bytes (a restore from a bad backup, a full disk on copy):
    refused rather than started afresh, which would number the next memo 1 again."""
    places = OfficeFolder(demo_dir)
    places.history.write_bytes(b"")
    out_before = sorted(p.name for p in places.out.iterdir())
    book = all_cells(demo_dir / "office.xlsx")
    result = sync(runner, demo_dir)
    refused(result, vocab.HISTORY_EMPTY.format(path=places.history), vocab.HISTORY_EMPTY_HINT.format(path=places.history))
    assert places.history.read_bytes() == b""
    assert sorted(p.name for p in places.out.iterdir()) == out_before  # no memo-0001 issued again
    assert all_cells(demo_dir / "office.xlsx") == book
    for command in ("history", "status"):
        seen = invoke(runner, demo_dir, command)
        assert seen.exit_code == 1 and vocab.HISTORY_EMPTY.format(path=places.history) in seen.output


@pytest.mark.parametrize("other", ["tables", "application_id"])
def test_history_of_another_program(demo_dir: Path, runner, other: str) -> None:
    """A valid SQLite file that is not sheetsync's at the history's place: another program's tables, or
    another program's application_id. Before, sheetsync added its tables into it and went on."""
    path = OfficeFolder(demo_dir).history
    path.unlink()
    conn = sqlite3.connect(path)
    if other == "tables":
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO users (name) VALUES ('somchai')")
        detail = vocab.HISTORY_NOT_OURS_TABLES.format(tables="users")
    else:
        conn.execute("PRAGMA application_id = 1196444237")  # a GeoPackage's ("GPKG")
        conn.execute("PRAGMA user_version = 10300")
        conn.execute("CREATE TABLE memos (key TEXT)")  # even with a table named like one of ours
        detail = vocab.HISTORY_NOT_OURS_ID.format(found=1196444237, version=10300)
    conn.commit()
    conn.close()
    assert APPLICATION_ID != 1196444237
    before = path.read_bytes()
    book = all_cells(demo_dir / "office.xlsx")
    result = sync(runner, demo_dir)
    refused(result, vocab.HISTORY_NOT_OURS.format(path=path, detail=detail), vocab.HISTORY_NOT_OURS_HINT.format(path=path))
    assert path.read_bytes() == before
    assert all_cells(demo_dir / "office.xlsx") == book
