"""Atomic file writes: the one helper every file sheetsync writes goes through.

A reader (a person opening the PDF, LibreOffice opening the workbook, the next sync) sees the old file
or the new one, never half of one: the new content is written to a temporary file in the same folder,
flushed to disk, and renamed over the target. A failure on the way leaves the target as it was and
removes the temporary file. A target that already exists keeps its permission bits (a workbook shared
with the groups stays readable by them); a copy takes its source's (`copy_file`: the workbook's backup).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: Path | str, mode_of: Path | str | None = None) -> Iterator[Path]:
    """A temporary path beside `target` to write to; on a clean exit it replaces `target`, with the
    permission bits of `mode_of` when given (else the target's own, or the umask's for a new file)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        mode = _mode_of(Path(mode_of) if mode_of is not None else target)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(target: Path | str, data: bytes) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def write_text(target: Path | str, text: str) -> Path:
    return write_bytes(target, text.encode("utf-8"))


def copy_file(source: Path | str, target: Path | str) -> Path:
    """`target` becomes a copy of `source`: its content, times and permission bits."""
    with atomic_path(target, mode_of=source) as tmp:
        shutil.copy2(source, tmp)
    return Path(target)


def _mode_of(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
