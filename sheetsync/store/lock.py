"""One sync at a time: an OS lock, through `filelock`, on the office's state/sync.lock.

- The lock is the kernel's (flock), not a file's existence: a holder that dies (killed, power cut, a
  crash) releases it with its process, and of any number of starters exactly one gets it, so two can
  never both take over a lock left behind. Taking it is one atomic system call; the file stays in
  place on release (filelock keeps it), so every starter locks the same inode.
- Non-blocking: a second starter (sync, setup, restore) is refused at once, told who holds it.
- Who holds it is written, atomically, to an info file beside the lock (`OfficeFolder.lock_info`: the
  lock file itself is filelock's): pid, host, what, since, and the process's identity beyond its pid,
  on Linux its start time (field 22 of /proc/<pid>/stat, clock ticks since boot) and the boot id
  (/proc/sys/kernel/random/boot_id). A pid is reused once its process is gone: a record is a live holder
  only if that pid runs now, with that start time, since that boot (a record from another host cannot
  be asked and is taken as live; where /proc is missing, the pid alone is asked). A holder removes its
  info file before it lets the lock go, so an info file found by whoever next gets the lock was left by
  a holder that died: `took_over_from` is that holder's pid, and the caller says so.
- Between a winner's lock and its record there is an instant with no record, or a dead holder's: a
  starter refused in it waits (SETTLE_SECONDS) for a live holder to be named, so the refusal names the
  process that holds the lock, never a stale record's pid (a reused one included). If none is named by
  then, the refusal says the holder is unknown (LOCK_HELD_UNKNOWN) rather than name a wrong pid.
- The info file is read as untrusted: not a regular file, larger than MAX_INFO_BYTES, not UTF-8, not JSON,
  JSON of another shape (a list, a string), a pid as text, a float, a boolean, a number of 5,000 digits,
  out of range: each is a record with what could be read (an unusable pid is 0, "no live holder"),
  never an exception. Texts are cut to MAX_TEXT characters and control characters are dropped.
- `probe(path)` tells doctor the same: free, held (by a live holder, or None when the record names
  none), or left by a dead pid.
- Times are the office's: the record's `since` is ISO 8601 in the office's timezone with its offset
  (`2027-04-05T01:30:00+07:00`), and a refusal names it as a sentence does (`๕ เม.ย. ๒๕๗๐ ๐๑:๓๐ น.`,
  `since_text`), converted to the office's timezone whatever zone the holder wrote it in.
"""

from __future__ import annotations

import functools
import json
import os
import socket
import stat
import time
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sheetsync.core import thai, vocab
from sheetsync.core.errors import SheetSyncError
from sheetsync.core.models import DEFAULT_TIMEZONE
from sheetsync.store import files
from sheetsync.store.folder import lock_info_of

# A starter that finds the lock taken but no live holder named in the info file (the new holder has not
# written it yet, or doctor is probing) tries again for this long before it is refused.
SETTLE_SECONDS = 5.0
POLL_SECONDS = 0.05

MAX_INFO_BYTES = 64 * 1024  # a record is about 200 bytes
MAX_TEXT = 300  # characters kept of a record's host (a host name has at most 253), what and since
PID_MAX = 2**31 - 1  # pid_t; Linux's own limit is 2**22
START_MAX = 2**63 - 1
PROC = Path("/proc")


class Locked(SheetSyncError):
    exit_code = 1


def pid_alive(pid: int) -> bool:
    """A process with this pid exists now (whatever it is)."""
    if not 0 < pid <= PID_MAX:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by someone else
    except (OverflowError, OSError):
        return False
    return True


@functools.cache
def boot_id() -> str | None:
    """This boot's id (Linux), None where there is none to read."""
    try:
        return (PROC / "sys" / "kernel" / "random" / "boot_id").read_text(encoding="ascii").strip() or None
    except (OSError, ValueError):
        return None


def _proc_stat(pid: int) -> tuple[str, int] | None:
    """(state, start time in clock ticks since boot) of a pid, from /proc/<pid>/stat; None if unreadable."""
    if not 0 < pid <= PID_MAX:
        return None
    try:
        text = (PROC / str(pid) / "stat").read_text(encoding="utf-8", errors="replace")
        # Field 2 is the command in parentheses and may itself hold spaces and ')': split after the last.
        fields = text[text.rindex(")") + 2:].split()
        return fields[0], int(fields[19])  # fields 3 and 22
    except (OSError, ValueError, IndexError):
        return None


def start_time(pid: int) -> int | None:
    """When the process `pid` started (clock ticks since boot), None where /proc cannot tell."""
    found = _proc_stat(pid)
    return found[1] if found else None


@dataclass(frozen=True)
class Holder:
    """What a holder wrote in the info file."""

    pid: int
    host: str
    what: str
    since: str
    start_time: int | None = None
    boot_id: str | None = None

    @property
    def alive(self) -> bool:
        """Still running: the same process, not another that got its pid since (a holder on another
        machine cannot be asked: taken as alive)."""
        if self.host != socket.gethostname():
            return True
        if self.boot_id is not None and boot_id() is not None and self.boot_id != boot_id():
            return False  # the machine restarted since: every process of that boot is gone
        if not pid_alive(self.pid):
            return False
        found = _proc_stat(self.pid)
        if found is None:
            return True  # no /proc (or hidden): the pid is all there is to go by
        state, started = found
        if state == "Z":
            return False  # exited, not yet reaped: its lock went with it
        return self.start_time is None or started == self.start_time


def _text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return "".join(c for c in value[:MAX_TEXT] if c.isprintable())


def _whole(value: object, low: int, high: int) -> int | None:
    """An integer in [low, high] from JSON: an int (not a bool) or its decimal digits as text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        digits = value.strip()
        if not (digits.isascii() and digits.isdigit() and len(digits) <= 20):
            return None
        value = int(digits)
    if isinstance(value, int) and low <= value <= high:
        return value
    return None


def _read_json(info: Path) -> Any:
    """The info file's JSON, or None when it cannot be had (missing, not a regular file, too large...)."""
    try:
        fd = os.open(info, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block the reader
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_INFO_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > MAX_INFO_BYTES:
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, over 4,300 digits, nested too deep
        return None


def read_holder(info: Path) -> Holder | None:
    data = _read_json(Path(info))
    if not isinstance(data, dict):
        return None
    return Holder(pid=_whole(data.get("pid"), 1, PID_MAX) or 0,
                  host=_text(data.get("host")) or socket.gethostname(),
                  what=_text(data.get("what")) or "sync", since=_text(data.get("since")),
                  start_time=_whole(data.get("start_time"), 0, START_MAX),
                  boot_id=_text(data.get("boot_id")) or None)


def since_text(since: str, zone: tzinfo) -> str:
    """A record's `since` as a sentence names it, in `zone` (๕ เม.ย. ๒๕๗๐ ๐๑:๓๐ น.); a time without an
    offset is the machine's local time; text that is no time at all is shown as it is (already cleaned)."""
    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        return since
    return thai.format_moment(moment.astimezone(zone))


def _refused(holder: Holder | None, info: Path, zone: tzinfo) -> Locked:
    if holder is None or not holder.alive:
        return Locked(vocab.LOCK_HELD_UNKNOWN.format(info=info), vocab.LOCK_HINT)
    return Locked(vocab.lock_held(holder.pid, holder.what, since_text(holder.since, zone)), vocab.LOCK_HINT)


class SyncLock:
    def __init__(self, path: Path, what: str = "sync", zone: tzinfo | None = None) -> None:
        self.path = Path(path)
        self.info = lock_info_of(self.path)
        self.what = what
        self.zone: tzinfo = zone or ZoneInfo(DEFAULT_TIMEZONE)  # the office's: the record and the refusal say it
        self.took_over_from: int | None = None
        from filelock import FileLock  # imported where used: 60 ms of start-up that most commands never need

        self._lock = FileLock(self.path)
        self._held = False

    def _record(self) -> str:
        pid = os.getpid()
        return json.dumps({"pid": pid, "host": socket.gethostname(), "what": self.what,
                           "since": datetime.now(self.zone).isoformat(timespec="seconds"),
                           "start_time": start_time(pid), "boot_id": boot_id()})

    def _try(self) -> bool:
        from filelock import Timeout

        try:
            self._lock.acquire(blocking=False)
        except Timeout:
            return False
        return True

    def acquire(self) -> SyncLock:
        if self._held:  # filelock would count a second hold of the same object: refuse it like any other
            raise _refused(read_holder(self.info), self.info, self.zone)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + SETTLE_SECONDS
        while not self._try():
            holder = read_holder(self.info)
            if (holder is not None and holder.alive) or time.monotonic() >= deadline:
                raise _refused(holder, self.info, self.zone)
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
    """What `probe` found: nobody has the lock, a live process holds it, or a dead one left its record.
    When held, `holder` is the record's holder if it is alive, else None (not known yet)."""

    state: Literal["free", "held", "left"]
    info: Path
    holder: Holder | None = None


def probe(path: Path) -> LockState:
    """Who has the lock at `path`. A free lock is taken for an instant to be sure (a starter meeting that
    instant waits for it, see SETTLE_SECONDS); a lock file that is not there is not created."""
    path = Path(path)
    info = lock_info_of(path)
    if path.is_file():
        from filelock import FileLock, Timeout

        lock = FileLock(path)
        try:
            lock.acquire(blocking=False)
        except Timeout:
            holder = read_holder(info)
            return LockState("held", info, holder if holder is not None and holder.alive else None)
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
