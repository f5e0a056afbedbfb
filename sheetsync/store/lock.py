"""One sync at a time: an OS lock, through `filelock`, on the office's state/sync.lock.

- The lock is the kernel's (flock), not a file's existence: a holder that dies (killed, power cut, a
  crash) releases it with its process, and of any number of starters exactly one gets it, so two can
  never both take over a lock left behind.
- Non-blocking: a second starter (sync, setup, restore) is refused at once, told who holds it.
- Who holds it (pid, host, what, since) is written, atomically, to an info file beside the lock
  (`OfficeFolder.lock_info`): the lock file itself is filelock's. A holder removes its info file before
  it lets the lock go, so an info file found by whoever next gets the lock was left by a holder that
  died: `took_over_from` is that holder's pid, and the caller says so.
- `probe(path)` tells doctor the same: free, held (by a pid, since when), or left by a dead pid.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from filelock import FileLock, Timeout

from sheetsync.core import vocab
from sheetsync.core.errors import SheetSyncError
from sheetsync.store import files
from sheetsync.store.folder import lock_info_of

# A starter that finds the lock taken but no live holder named in the info file (the new holder has not
# written it yet, or doctor is probing) tries again for this long before it is refused.
SETTLE_SECONDS = 5.0
POLL_SECONDS = 0.05


class Locked(SheetSyncError):
    exit_code = 1


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by someone else
    return True


@dataclass(frozen=True)
class Holder:
    """What a holder wrote in the info file."""

    pid: int
    host: str
    what: str
    since: str

    @property
    def alive(self) -> bool:
        """Still running (a holder on another machine cannot be asked: taken as alive)."""
        return self.host != socket.gethostname() or pid_alive(self.pid)


def read_holder(info: Path) -> Holder | None:
    try:
        data = json.loads(Path(info).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    try:
        pid = int(data.get("pid") or 0)
    except (TypeError, ValueError):
        pid = 0
    return Holder(pid=pid, host=str(data.get("host") or socket.gethostname()),
                  what=str(data.get("what") or "sync"), since=str(data.get("since") or ""))


def _refused(holder: Holder | None) -> Locked:
    if holder is None:
        return Locked(vocab.lock_held(0, "sync", ""), vocab.LOCK_HINT)
    return Locked(vocab.lock_held(holder.pid, holder.what, holder.since), vocab.LOCK_HINT)


class SyncLock:
    def __init__(self, path: Path, what: str = "sync") -> None:
        self.path = Path(path)
        self.info = lock_info_of(self.path)
        self.what = what
        self.took_over_from: int | None = None
        self._lock = FileLock(self.path)
        self._held = False

    def _record(self) -> str:
        return json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "what": self.what,
                           "since": datetime.now().astimezone().isoformat(timespec="seconds")})

    def _try(self) -> bool:
        try:
            self._lock.acquire(blocking=False)
        except Timeout:
            return False
        return True

    def acquire(self) -> SyncLock:
        if self._held:  # filelock would count a second hold of the same object: refuse it like any other
            raise _refused(read_holder(self.info))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + SETTLE_SECONDS
        while not self._try():
            holder = read_holder(self.info)
            if (holder is not None and holder.alive) or time.monotonic() >= deadline:
                raise _refused(holder)
            time.sleep(POLL_SECONDS)
        try:
            left = read_holder(self.info)  # a holder removes its record before letting go: this one died
            self.took_over_from = left.pid if left is not None and left.pid > 0 else None
            files.write_text(self.info, self._record())
        except BaseException:
            self._lock.release()
            raise
        self._held = True
        return self

    def release(self) -> None:
        if not self._held:
            return
        self._held = False
        try:
            self.info.unlink(missing_ok=True)
        finally:
            self._lock.release()

    def __enter__(self) -> SyncLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


@dataclass(frozen=True)
class LockState:
    """What `probe` found: nobody has the lock, a live process holds it, or a dead one left its record."""

    state: Literal["free", "held", "left"]
    info: Path
    holder: Holder | None = None


def probe(path: Path) -> LockState:
    """Who has the lock at `path`. A free lock is taken for an instant to be sure (a starter meeting that
    instant waits for it, see SETTLE_SECONDS); a lock file that is not there is not created."""
    path = Path(path)
    info = lock_info_of(path)
    if path.is_file():
        lock = FileLock(path)
        try:
            lock.acquire(blocking=False)
        except Timeout:
            return LockState("held", info, read_holder(info))
        except OSError:  # cannot be opened to ask (another account's file): the record tells
            holder = read_holder(info)
            if holder is not None and holder.alive:
                return LockState("held", info, holder)
        else:
            try:
                holder = read_holder(info)
            finally:
                lock.release()
    else:
        holder = read_holder(info)
    return LockState("free", info) if holder is None else LockState("left", info, holder)
