"""The sync lock (store/lock.py) with real processes: starters released together race for it and
exactly one wins, round after round; a holder killed with SIGKILL leaves a lock the next starter takes
over (and names whom from); starters racing for that stale lock: exactly one takes it over.

Timeouts are generous and nothing is timed: the machine may be busy with other test runs.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sheetsync.core import vocab
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.lock import Locked, SyncLock, probe, read_holder

ROOT = Path(__file__).resolve().parents[2]
WAIT = 300.0  # seconds: a bound for a stuck test, not a speed requirement
STARTERS = 8
ROUNDS = 4

# One starter: for each round, says it is ready, waits for the start file, tries the lock once and
# writes what happened; the winner holds the lock until the round's done file appears.
STARTER = r"""
import json, os, sys, time
from pathlib import Path
from sheetsync.store import files
from sheetsync.store.lock import Locked, SyncLock

lock_path, work, index, rounds = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])

def wait_for(path):
    deadline = time.monotonic() + 300
    while not path.exists():
        if time.monotonic() > deadline:
            sys.exit(3)
        time.sleep(0.002)

for r in range(rounds):
    (work / f"ready-{r}-{index}").touch()
    wait_for(work / f"start-{r}")
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
        wait_for(work / f"done-{r}")
        lock.release()
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
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_files(paths: list[Path], procs: list[subprocess.Popen[str]]) -> None:
    deadline = time.monotonic() + WAIT
    while not all(p.exists() for p in paths):
        for proc in procs:
            if proc.poll() not in (None, 0):
                pytest.fail(f"a starter failed ({proc.returncode}): {proc.stderr.read() if proc.stderr else ''}")
        assert time.monotonic() < deadline, f"still waiting for {[p.name for p in paths if not p.exists()]}"
        time.sleep(0.01)


def finish(procs: list[subprocess.Popen[str]]) -> None:
    for proc in procs:
        _, err = proc.communicate(timeout=WAIT)
        assert proc.returncode == 0, err


def stop(procs: list[subprocess.Popen[str]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=WAIT)


def race(lock: Path, work: Path, rounds: int) -> list[list[dict]]:
    """Start the starters, release them together each round; every round's results, in starter order."""
    work.mkdir(parents=True, exist_ok=True)
    procs = [spawn(STARTER, lock, work, i, rounds) for i in range(STARTERS)]
    results: list[list[dict]] = []
    try:
        for r in range(rounds):
            wait_files([work / f"ready-{r}-{i}" for i in range(STARTERS)], procs)
            (work / f"start-{r}").touch()
            outs = [work / f"result-{r}-{i}" for i in range(STARTERS)]
            wait_files(outs, procs)
            results.append([json.loads(p.read_text(encoding="utf-8")) for p in outs])
            (work / f"done-{r}").touch()
        finish(procs)
    finally:
        stop(procs)
    return results


def one_winner(round_results: list[dict]) -> dict:
    winners = [r for r in round_results if r["won"]]
    assert len(winners) == 1, round_results
    winner = winners[0]
    refusal = vocab.lock_held(winner["pid"], winner["what"], winner["since"])
    assert [r["message"] for r in round_results if not r["won"]] == [refusal] * (STARTERS - 1)
    return winner


def kill_a_holder(lock: Path, tmp_path: Path) -> int:
    """A process that holds the lock, killed with SIGKILL: its pid."""
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


def test_starters_released_together_exactly_one_wins_each_round(tmp_path: Path) -> None:
    lock = OfficeFolder(tmp_path / "office").lock
    results = race(lock, tmp_path / "race", ROUNDS)
    assert len(results) == ROUNDS
    for round_results in results:
        assert one_winner(round_results)["took_over_from"] is None  # each winner released cleanly
    assert probe(lock).state == "free" and not OfficeFolder(tmp_path / "office").lock_info.exists()


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


def test_starters_racing_for_a_stale_lock_exactly_one_takes_it_over(tmp_path: Path) -> None:
    places = OfficeFolder(tmp_path / "office")
    pid = kill_a_holder(places.lock, tmp_path)
    [round_results] = race(places.lock, tmp_path / "race", 1)
    assert one_winner(round_results)["took_over_from"] == pid
    with SyncLock(places.lock) as after:
        assert after.took_over_from is None  # the one that took over released it cleanly


def test_in_one_process_a_second_hold_is_refused_and_nothing_is_created_by_asking(tmp_path: Path) -> None:
    places = OfficeFolder(tmp_path / "office")
    assert probe(places.lock).state == "free" and not places.state.exists()  # doctor's question writes nothing
    with SyncLock(places.lock, "restore") as lock:
        since = json.loads(places.lock_info.read_text(encoding="utf-8"))["since"]
        for starter in (SyncLock(places.lock), lock):
            with pytest.raises(Locked) as refused:
                starter.acquire()
            assert refused.value.message == vocab.lock_held(os.getpid(), "restore", since)
            assert refused.value.hint == vocab.LOCK_HINT
    assert not places.lock_info.exists()
