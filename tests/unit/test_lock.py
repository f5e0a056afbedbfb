"""The sync lock (store/lock.py) with real processes: 50 starters released together race for it and
exactly one wins, round after round, whatever the lock was left with (nothing, a record naming a live
process whose pid was reused, the record of a holder killed with SIGKILL); the holder is known by pid,
start time and boot id, so a reused pid is never a live holder; an info file of any shape is read
without an exception.

Timeouts are generous and nothing is timed: the machine may be busy with other test runs. The starters
wait on flocks the test holds (no polling), so 50 of them cost little CPU while they wait; a loser waits
(SETTLE_SECONDS, raised to WAIT in the starters) for the winner to name itself, so the refusal it gets
never depends on how fast the winner is.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

import pytest
from filelock import FileLock

from sheetsync.app.doctor import lock_check
from sheetsync.core import vocab
from sheetsync.store import lock as lock_module
from sheetsync.store.folder import OfficeFolder, lock_info_of
from sheetsync.store.lock import Holder, Locked, SyncLock, boot_id, probe, read_holder, since_text, start_time

BANGKOK = ZoneInfo("Asia/Bangkok")  # the office's timezone (the example office's and the default)

ROOT = Path(__file__).resolve().parents[2]
WAIT = 300.0  # seconds: a bound for a stuck test, not a speed requirement
STARTERS = 50
# What the lock holds when each round starts: what the winner must say it took over from.
ROUNDS = ("clean", "reused pid", "killed holder", "clean")
NO_SUCH_PID = 4_194_400  # above Linux's largest pid (2**22): never a running process, yet a valid number

needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="start times come from /proc")

# The starters: one interpreter imports sheetsync once and forks STARTERS processes (separate
# processes, each with its own pid and start time, opening its own lock file after the fork), so that 50
# of them cost one interpreter's start. For each round a starter says it is ready, waits at the round's
# start gate, tries the lock once and writes what happened; the winner holds the lock until the round's
# done gate opens, then lets go and says so. A gate is a file the test holds an exclusive flock on:
# letting go of it releases every starter waiting for a shared one at the same instant. A starter that
# fails stops the others, so the test fails at once rather than wait.
STARTERS_SCRIPT = r"""
import fcntl, json, os, signal, sys, traceback
from pathlib import Path
from sheetsync.store import files, lock as lock_module
from sheetsync.store.lock import Locked, SyncLock

lock_path, work, starters, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
lock_module.SETTLE_SECONDS = float(sys.argv[5])  # a loser waits for the winner to name itself, however slow

def through(gate):
    with open(gate, "rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_SH)

def starter(index):
    for r in range(rounds):
        (work / f"ready-{r}-{index}").touch()
        through(work / f"start-{r}")
        lock = SyncLock(lock_path, f"race-{index}")
        try:
            lock.acquire()
        except Locked as exc:
            result = {"won": False, "message": exc.message}
        else:
            record = json.loads(lock.info.read_text(encoding="utf-8"))
            result = {"won": True, "pid": os.getpid(), "what": record["what"], "since": record["since"],
                      "took_over_from": lock.took_over_from}
        files.write_text(work / f"result-{r}-{index}", json.dumps(result))
        if result["won"]:
            through(work / f"done-{r}")
            lock.release()
            (work / f"released-{r}").touch()

children = []
for index in range(starters):
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            starter(index)
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            sys.stderr.flush()
            os._exit(code)
    children.append(pid)
failed = False
while children:
    pid, status = os.wait()
    children.remove(pid)
    if status and not failed:
        failed = True
        for other in children:
            os.kill(other, signal.SIGKILL)
sys.exit(1 if failed else 0)
"""

# A holder that takes the lock, says so, and waits to be killed.
HOLDER = r"""
import os, sys, time
from pathlib import Path
from sheetsync.store import files
from sheetsync.store.lock import SyncLock

lock = SyncLock(Path(sys.argv[1]), "holder").acquire()
files.write_text(Path(sys.argv[2]), str(os.getpid()))
time.sleep(600)
"""


def spawn(script: str, *args: object) -> subprocess.Popen[str]:
    """`python -c script args` in a session of its own (stop() ends it with whatever it forked)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_files(paths: list[Path], procs: list[subprocess.Popen[str]]) -> None:
    deadline = time.monotonic() + WAIT
    while not all(p.exists() for p in paths):
        for proc in procs:
            if proc.poll() not in (None, 0):
                pytest.fail(f"a starter failed ({proc.returncode}): {proc.stderr.read() if proc.stderr else ''}")
        assert time.monotonic() < deadline, f"still waiting for {[p.name for p in paths if not p.exists()]}"
        time.sleep(0.02)


def finish(procs: list[subprocess.Popen[str]]) -> None:
    for proc in procs:
        _, err = proc.communicate(timeout=WAIT)
        assert proc.returncode == 0, err


def stop(procs: list[subprocess.Popen[str]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # its session: the process and the starters it forked
            proc.wait(timeout=WAIT)


class Gates:
    """The start and done gates of every round, shut (the test holds them) until opened."""

    def __init__(self, work: Path, rounds: int) -> None:
        self.shut: dict[str, IO[bytes]] = {}
        for r in range(rounds):
            for name in (f"start-{r}", f"done-{r}"):
                fh = open(work / name, "wb")  # noqa: SIM115 - held until the gate opens
                fcntl.flock(fh, fcntl.LOCK_EX)
                self.shut[name] = fh

    def open(self, name: str) -> None:
        fh = self.shut.pop(name)
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()

    def close(self) -> None:
        for name in list(self.shut):
            self.open(name)


def reused_pid_record(info: Path) -> int:
    """A record left behind whose pid now belongs to another live process (this one, with another start
    time): its pid."""
    pid = os.getpid()
    mine = start_time(pid)
    assert mine is not None
    info.parent.mkdir(parents=True, exist_ok=True)
    info.write_text(json.dumps({"pid": pid, "host": socket.gethostname(), "what": "sync",
                                "since": "2027-04-05T01:30:00+07:00", "start_time": mine + 12_345,
                                "boot_id": boot_id()}), encoding="utf-8")
    return pid


def race(lock: Path, work: Path, tmp_path: Path) -> Iterator[tuple[str, int | None, list[dict]]]:
    """Start the starters once; for each round, leave the lock as ROUNDS says, release them together;
    yield the round, whom its winner must have taken over from, and every starter's result."""
    work.mkdir(parents=True, exist_ok=True)
    gates = Gates(work, len(ROUNDS))
    procs = [spawn(STARTERS_SCRIPT, lock, work, STARTERS, len(ROUNDS), WAIT)]
    try:
        for r, kind in enumerate(ROUNDS):
            expected = None
            if kind == "reused pid":
                expected = reused_pid_record(lock_info_of(lock))
            elif kind == "killed holder":
                expected = kill_a_holder(lock, tmp_path / f"holder-{r}")
            wait_files([work / f"ready-{r}-{i}" for i in range(STARTERS)], procs)
            gates.open(f"start-{r}")
            outs = [work / f"result-{r}-{i}" for i in range(STARTERS)]
            wait_files(outs, procs)
            results = [json.loads(p.read_text(encoding="utf-8")) for p in outs]
            gates.open(f"done-{r}")
            wait_files([work / f"released-{r}"], procs)
            yield kind, expected, results
        finish(procs)
    finally:
        gates.close()
        stop(procs)


def one_winner(round_results: list[dict]) -> dict:
    winners = [r for r in round_results if r["won"]]
    assert len(winners) == 1, [r for r in round_results if r["won"]]
    winner = winners[0]
    refusal = vocab.lock_held(winner["pid"], winner["what"], since_text(winner["since"], BANGKOK))
    assert [r["message"] for r in round_results if not r["won"]] == [refusal] * (len(round_results) - 1)
    return winner


def kill_a_holder(lock: Path, tmp_path: Path) -> int:
    """A process that holds the lock, killed with SIGKILL: its pid."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    said = tmp_path / "holding"
    holder = spawn(HOLDER, lock, said)
    try:
        wait_files([said], [holder])
        pid = int(said.read_text(encoding="utf-8"))
        assert pid == holder.pid
        with pytest.raises(Locked) as refused:  # held: refused at once, told who
            SyncLock(lock).acquire()
        assert refused.value.message.startswith(vocab.lock_held(pid, "holder", ""))
        found = probe(lock)
        assert found.state == "held" and found.holder is not None and found.holder.pid == pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=WAIT)
    assert holder.returncode == -signal.SIGKILL
    return pid


@needs_proc
def test_fifty_starters_released_together_exactly_one_wins_each_round(tmp_path: Path) -> None:
    places = OfficeFolder(tmp_path / "office")
    seen = []
    for kind, expected, results in race(places.lock, tmp_path / "race", tmp_path):
        assert len(results) == STARTERS
        # One winner; every loser was told the winner's pid (never the stale record's, a reused pid's).
        winner = one_winner(results)
        assert winner["took_over_from"] == expected, kind
        seen.append(kind)
    assert seen == list(ROUNDS)
    assert probe(places.lock).state == "free" and not places.lock_info.exists()


def test_a_killed_holder_releases_the_lock_and_is_named_by_the_next(tmp_path: Path) -> None:
    places = OfficeFolder(tmp_path / "office")
    pid = kill_a_holder(places.lock, tmp_path)
    found = probe(places.lock)
    assert found.state == "left" and found.holder is not None and found.holder.pid == pid
    assert found.info == places.lock_info
    with SyncLock(places.lock, "sync") as lock:
        assert lock.took_over_from == pid
        holder = read_holder(places.lock_info)
        assert holder is not None and (holder.pid, holder.what) == (os.getpid(), "sync")
    assert probe(places.lock).state == "free" and not places.lock_info.exists()
    with SyncLock(places.lock) as again:
        assert again.took_over_from is None


def test_in_one_process_a_second_hold_is_refused_and_nothing_is_created_by_asking(tmp_path: Path) -> None:
    places = OfficeFolder(tmp_path / "office")
    assert probe(places.lock).state == "free" and not places.state.exists()  # doctor's question writes nothing
    with SyncLock(places.lock, "restore") as lock:
        since = json.loads(places.lock_info.read_text(encoding="utf-8"))["since"]
        for starter in (SyncLock(places.lock), lock):
            with pytest.raises(Locked) as refused:
                starter.acquire()
            assert refused.value.message == vocab.lock_held(os.getpid(), "restore", since_text(since, BANGKOK))
            assert refused.value.hint == vocab.LOCK_HINT
    assert not places.lock_info.exists()


def test_the_record_and_the_refusal_say_the_office_s_time(tmp_path: Path) -> None:
    """`since` is stored in the office's timezone with its offset, whatever the machine's clock is set
    to, and a refusal names it as a sentence does; a record an older sheetsync wrote in UTC names the
    same moment in the office's time."""
    places = OfficeFolder(tmp_path / "office")
    with SyncLock(places.lock):
        since = json.loads(places.lock_info.read_text(encoding="utf-8"))["since"]
        assert since.endswith("+07:00")
        with pytest.raises(Locked) as refused:
            SyncLock(places.lock).acquire()
        assert "T" not in refused.value.message.split("ตั้งแต่")[-1] and refused.value.message.endswith(" น.")
    assert since_text("2027-04-04T18:30:00+00:00", BANGKOK) == "๕ เม.ย. ๒๕๗๐ ๐๑:๓๐ น."
    assert since_text("2027-04-05T01:30:00+07:00", BANGKOK) == "๕ เม.ย. ๒๕๗๐ ๐๑:๓๐ น."
    assert since_text("yesterday", BANGKOK) == "yesterday" and since_text("", BANGKOK) == ""


# --- who the holder is: pid, start time, boot ------------------------------------------------------

@needs_proc
def test_the_record_names_the_holder_by_pid_start_time_and_boot(tmp_path: Path) -> None:
    places = OfficeFolder(tmp_path / "office")
    stat = Path(f"/proc/{os.getpid()}/stat").read_text(encoding="utf-8")
    expected_start = int(stat[stat.rindex(")") + 2:].split()[19])  # field 22
    with SyncLock(places.lock, "sync"):
        record = json.loads(places.lock_info.read_text(encoding="utf-8"))
        assert record["pid"] == os.getpid() and record["start_time"] == expected_start
        assert record["boot_id"] == Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        holder = read_holder(places.lock_info)
        assert holder is not None and holder.alive


@needs_proc
def test_a_reused_pid_is_not_a_live_holder() -> None:
    pid, host, mine = os.getpid(), socket.gethostname(), start_time(os.getpid())
    assert mine is not None
    same = Holder(pid, host, "sync", "", start_time=mine, boot_id=boot_id())
    assert same.alive
    assert not Holder(pid, host, "sync", "", start_time=mine + 1, boot_id=boot_id()).alive  # another process now
    assert not Holder(pid, host, "sync", "", start_time=mine, boot_id="another-boot").alive  # before a restart
    assert Holder(pid, host, "sync", "").alive  # a record without a start time: the pid is all there is
    assert Holder(NO_SUCH_PID, "another-host", "sync", "").alive  # another machine's holder cannot be asked
    assert not Holder(NO_SUCH_PID, host, "sync", "").alive
    assert not Holder(0, host, "sync", "").alive


@needs_proc
def test_an_exited_holder_not_yet_reaped_is_not_live() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        started = None
        deadline = time.monotonic() + WAIT
        while True:  # a zombie keeps its pid (and /proc entry) until its parent waits for it
            stat = Path(f"/proc/{child.pid}/stat").read_text(encoding="utf-8")
            fields = stat[stat.rindex(")") + 2:].split()
            started = int(fields[19])
            if fields[0] == "Z":
                break
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert not Holder(child.pid, socket.gethostname(), "sync", "", start_time=started, boot_id=boot_id()).alive
    finally:
        child.wait(timeout=WAIT)


@needs_proc
def test_a_lock_held_with_a_reused_pid_s_record_is_refused_without_naming_that_pid(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The instant after a winner took the lock and before it wrote its record, the record is a dead
    holder's whose pid a live process now has: a starter must not name that process."""
    places = OfficeFolder(tmp_path / "office")
    stale = reused_pid_record(places.lock_info)
    monkeypatch.setattr(lock_module, "SETTLE_SECONDS", 0.3)
    anonymous = FileLock(places.lock)  # holds the lock and writes no record, like that winner
    anonymous.acquire()
    try:
        with pytest.raises(Locked) as refused:
            SyncLock(places.lock).acquire()
        assert refused.value.message == vocab.LOCK_HELD_UNKNOWN.format(info=places.lock_info)
        assert f"pid {stale}" not in refused.value.message
        found = probe(places.lock)
        assert (found.state, found.holder) == ("held", None)
    finally:
        anonymous.release()
    found = probe(places.lock)  # free now: the record is what a dead holder left
    assert found.state == "left" and found.holder is not None and found.holder.pid == stale
    assert not found.holder.alive
    with SyncLock(places.lock) as lock:
        assert lock.took_over_from == stale


# --- an info file of any shape ---------------------------------------------------------------------

BAD_RECORDS: dict[str, tuple[bytes, int | None]] = {
    # name: (the info file's bytes, the pid a starter then says it took over from)
    "empty": (b"", None),
    "truncated": (b'{"pid": 12', None),
    "a list": (b"[4194400, 2]", None),
    "a string": (b'"4194400"', None),
    "a number": (b"4194400", None),
    "null": (b"null", None),
    "not utf-8": (b'{"pid": 4194400, "what": "\xff\xfe"}', None),
    "pid as text": (b'{"pid": "4194400"}', NO_SUCH_PID),
    "pid as words": (b'{"pid": "twelve"}', None),
    "pid as a float": (b'{"pid": 4194400.0}', None),
    "pid overflowing to infinity": (b'{"pid": 1e400}', None),
    "pid NaN": (b'{"pid": NaN}', None),
    "pid negative": (b'{"pid": -5}', None),
    "pid zero": (b'{"pid": 0}', None),
    "pid true": (b'{"pid": true}', None),
    "pid beyond pid_t": (b'{"pid": 1000000000000000000000000000000}', None),
    "pid of 5000 digits": (b'{"pid": ' + b"9" * 5000 + b"}", None),
    "pid a list": (b'{"pid": [4194400]}', None),
    "pid a mapping": (b'{"pid": {"n": 4194400}}', None),
    "every field of the wrong type": (b'{"pid": 4194400, "host": ["x"], "what": {"a": 1}, "since": 5, '
                                      b'"start_time": "soon", "boot_id": 7}', NO_SUCH_PID),
    "start time huge, escapes in text": (b'{"pid": 4194400, "start_time": 1e400, "what": "\\u001b[31mx", '
                                         b'"boot_id": "\\u0007"}', NO_SUCH_PID),
    "nested 100,000 deep": (b"[" * 100_000, None),
    "larger than 64 KiB": (b'{"pid": 4194400, "pad": "' + b"x" * 70_000 + b'"}', None),
}


@pytest.mark.parametrize("name", sorted(BAD_RECORDS))
def test_an_info_file_of_any_shape_never_raises(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content, took_over = BAD_RECORDS[name]
    places = OfficeFolder(tmp_path / "office")
    places.state.mkdir(parents=True)
    places.lock_info.write_bytes(content)

    holder = read_holder(places.lock_info)
    if holder is not None:
        assert holder.pid == (took_over or 0) and not holder.alive
        assert all(c.isprintable() for c in holder.what + holder.since + holder.host)

    check = lock_check(places.lock)  # doctor, the lock file not there yet
    assert check is not None

    monkeypatch.setattr(lock_module, "SETTLE_SECONDS", 0.1)
    anonymous = FileLock(places.lock)
    anonymous.acquire()
    try:  # held by a holder the record does not name: refused, the holder unknown
        with pytest.raises(Locked) as refused:
            SyncLock(places.lock).acquire()
        assert refused.value.message == vocab.LOCK_HELD_UNKNOWN.format(info=places.lock_info)
        found = probe(places.lock)
        assert (found.state, found.holder) == ("held", None)
        assert lock_check(places.lock) is not None
    finally:
        anonymous.release()

    assert probe(places.lock).state == ("free" if holder is None else "left")
    with SyncLock(places.lock) as lock:  # free: taken, the record replaced by this holder's
        assert lock.took_over_from == took_over
        mine = read_holder(places.lock_info)
        assert mine is not None and mine.pid == os.getpid() and mine.alive
    assert not places.lock_info.exists() and probe(places.lock).state == "free"


@pytest.mark.parametrize("kind", ["directory", "fifo"])
def test_an_info_path_that_is_not_a_file_is_no_record(kind: str, tmp_path: Path) -> None:
    places = OfficeFolder(tmp_path / "office")
    places.state.mkdir(parents=True)
    if kind == "directory":
        places.lock_info.mkdir()
    else:
        os.mkfifo(places.lock_info)  # reading it must not wait for a writer
    assert read_holder(places.lock_info) is None
    assert probe(places.lock).state == "free"
    assert lock_check(places.lock) is not None
