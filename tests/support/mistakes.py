"""How the corpus of mistakes (tests/e2e/mistakes) runs a command and judges what the user saw."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

THAI = re.compile(r"[\u0E00-\u0E7F]")
# What must never reach a user: a Python traceback, an exception's repr, click's English.
LEAKS = (
    "Traceback (most recent call last)",
    "Error: ",
    "Usage: ",
    "Options:",
    "Try '",
    "Aborted!",
    "No such option",
    "does not match the format",
    "datetime.datetime(",
    "UnicodeDecodeError",
    "KeyError",
)


@dataclass
class Ran:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
        stdin: str | None = None, timeout: float = 300) -> Ran:
    """`sheetsync ARGS` as a separate process, as a coordinator runs it (Bangkok's clock, no colours)."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
    full_env.pop("SHEETSYNC_CONFIG", None) if env is None or "SHEETSYNC_CONFIG" not in env else None
    proc = subprocess.run([sys.executable, "-m", "sheetsync", *map(str, args)], cwd=cwd, env=full_env,
                          input=stdin, capture_output=True, text=True, timeout=timeout, check=False)
    return Ran(proc.returncode, proc.stdout, proc.stderr)


def assert_thai(ran: Ran, code: int, *expected: str) -> None:
    """The command ended with exit status `code`, said something in Thai, said every `expected` text, and
    leaked nothing of Python or click."""
    assert ran.code == code, f"exit {ran.code}, expected {code}\n{ran.text}"
    assert THAI.search(ran.text), ran.text
    for leak in LEAKS:
        assert leak not in ran.text, f"{leak!r} reached the user:\n{ran.text}"
    for text in expected:
        assert text in ran.text, f"{text!r} not in:\n{ran.text}"
