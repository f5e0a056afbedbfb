"""What a sync tells the coordinator while it runs, and the log file each run leaves behind.

On a terminal: a rich spinner with the current step and a line per finished step. Not on a terminal
(cron): plain timestamped lines. `--quiet`: nothing on the console. Always: the same lines in the
run's log file under <state>/logs/, and there only, how the run ended when it did not finish (the
command line says that itself, once). Progress goes to stderr so that `--json` stays one clean object
on stdout.

Every time is the office's (office.yaml `office.timezone`), with its offset, whatever the machine's
clock is set to: `2027-04-05 01:30:00 +07:00 อ่านแท็บ ...`. A run's log is its own file: a second run
started within the same second (one the lock refuses) gets `-2`, `-3` after the name rather than
writing into the first one's log.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, tzinfo
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from sheetsync.core.models import DEFAULT_TIMEZONE

MAX_SAME_NAME = 100  # runs started within one second that each get their own log


def stamp(zone: tzinfo, moment: datetime | None = None) -> str:
    """A log line's time: the office's wall clock and its offset (`2027-04-05 01:30:00 +07:00`)."""
    at = (moment or datetime.now(zone)).astimezone(zone)
    return f"{at:%Y-%m-%d %H:%M:%S} {at.isoformat()[-6:]}"


def _open_own(path: Path) -> tuple[Path, IO[str]]:
    """A new file at `path`, or at `path` with -2, -3... when another run has that name already."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for n in range(1, MAX_SAME_NAME + 1):
        candidate = path if n == 1 else path.with_name(f"{path.stem}-{n}{path.suffix}")
        try:
            # O_EXCL claims the name: another run in the same second gets the next one; a log is then appended to.
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
            return candidate, os.fdopen(fd, "a", encoding="utf-8")  # the caller closes it
        except FileExistsError:
            continue
    return path, open(path, "a", encoding="utf-8")  # as many runs as that in one second: they share


class Progress:
    def __init__(self, *, quiet: bool = False, log_path: Path | None = None, stream: IO[str] | None = None,
                 tty: bool | None = None, zone: tzinfo | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty() if tty is None else tty
        # Until the office's config is read (a config error's run) the default office timezone is the best known.
        self.zone: tzinfo = zone or ZoneInfo(DEFAULT_TIMEZONE)
        self.log_path = log_path
        self._log: IO[str] | None = None
        if log_path is not None:
            self.log_path, self._log = _open_own(log_path)
        self._status: Any = None
        self._console: Any = None
        if self.tty and not quiet:
            from rich.console import Console

            self._console = Console(file=self.stream, log_time=False, log_path=False)
            self._status = self._console.status("")
            self._status.start()

    def _write_log(self, at: str, message: str) -> None:
        if self._log is None:
            return
        for line in message.splitlines() or [""]:  # a config error lists every problem: each line stamped
            self._log.write(f"{at} {line}\n")
        self._log.flush()

    def step(self, message: str) -> None:
        at = stamp(self.zone)
        self._write_log(at, message)
        if self.quiet:
            return
        if self._status is not None:
            from rich.text import Text

            # Text, not markup: a message may hold brackets ("[นโยบายและแผน!J3]") that rich would eat.
            self._status.update(Text(message))
            self._console.print(Text.assemble((at[11:19], "dim"), " ", message))
        else:
            self.stream.write(f"{at} {message}\n")
            self.stream.flush()

    def note(self, message: str) -> None:
        """A line for the log file only: how a run ended when the command line tells the coordinator itself."""
        self._write_log(stamp(self.zone), message)

    def close(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
