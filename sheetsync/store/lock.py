"""One sync at a time: a lock file in the office's state folder holding the holder's pid.

A second sync (or setup, or restore) finds the file, sees the pid alive and stops at once. A lock left
by a process that died (killed, power cut) is taken over, and the caller is told so. The file is
created with O_EXCL so two starters cannot both win; a takeover replaces the file and then reads it
back to be sure it is ours.
"""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime
from pathlib import Path

from sheetsync.core import vocab
from sheetsync.core.errors import SheetSyncError


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


class SyncLock:
    def __init__(self, path: Path, what: str = "sync") -> None:
        self.path = Path(path)
        self.what = what
        self.took_over_from: int | None = None
        self._held = False

    def _record(self) -> str:
        return json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "what": self.what,
                           "since": datetime.now().astimezone().isoformat(timespec="seconds")})

    def _holder(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def acquire(self) -> SyncLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = self._holder()
            pid = int(holder.get("pid", 0) or 0)
            same_host = holder.get("host", socket.gethostname()) == socket.gethostname()
            if pid_alive(pid) or not same_host:
                raise Locked(vocab.lock_held(pid, holder.get("what", "sync"), holder.get("since", "")),
                             vocab.LOCK_HINT) from None
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}")
            tmp.write_text(self._record(), encoding="utf-8")
            os.replace(tmp, self.path)
            if int(self._holder().get("pid", 0) or 0) != os.getpid():
                raise Locked(vocab.lock_held(0, "sync", ""), vocab.LOCK_HINT) from None
            self.took_over_from = pid
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(self._record())
        self._held = True
        return self

    def release(self) -> None:
        if self._held and int(self._holder().get("pid", 0) or 0) == os.getpid():
            self.path.unlink(missing_ok=True)
        self._held = False

    def __enter__(self) -> SyncLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
