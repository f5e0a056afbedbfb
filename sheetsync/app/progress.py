"""What a sync tells the coordinator while it runs, and the log file each run leaves behind.

On a terminal: a rich spinner with the current step and a tick per finished step. Not on a terminal
(cron): plain timestamped lines. `--quiet`: nothing on the console. Always: the same lines in the
run's log file under <state>/logs/. Progress goes to stderr so that `--json` stays one clean object
on stdout.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import IO, Any


class Progress:
    def __init__(self, *, quiet: bool = False, log_path: Path | None = None, stream: IO[str] | None = None,
                 tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty() if tty is None else tty
        self.log_path = log_path
        self._log: IO[str] | None = None
        if log_path is not None:
            log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self._status: Any = None
        self._console: Any = None
        if self.tty and not quiet:
            from rich.console import Console

            self._console = Console(file=self.stream)
            self._status = self._console.status("")
            self._status.start()

    def step(self, message: str) -> None:
        stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if self._log is not None:
            self._log.write(f"{stamp} {message}\n")
            self._log.flush()
        if self.quiet:
            return
        if self._status is not None:
            self._status.update(message)
            self._console.log(message)
        else:
            self.stream.write(f"{stamp} {message}\n")
            self.stream.flush()

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

