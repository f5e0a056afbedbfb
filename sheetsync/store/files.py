"""Atomic file writes: the one helper every file sheetsync writes goes through.

A reader (a person opening the PDF, LibreOffice opening the workbook, the next sync) sees the old file
or the new one, never half of one: the new content is written to a temporary file in the same folder,
flushed to disk, and renamed over the target. A failure on the way leaves the target as it was and
removes the temporary file. A target that already exists keeps its permission bits, and its owner and
group where this process may set them (a workbook shared with the groups stays theirs to open); a copy
takes its source's (`copy_file`: the workbook's backup). A target that is a symbolic link is written
through the link: the file it points at is replaced, and the link stays a link (an office that links
its workbook from a shared folder keeps sharing it).
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
    if target.is_symlink():
        target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        like = Path(mode_of) if mode_of is not None else target
        os.chmod(tmp, _mode_of(like))
        _keep_owner(tmp, like)
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


def _keep_owner(tmp: Path, like: Path) -> None:
    try:
        st = like.stat()
    except FileNotFoundError:
        return
    if (st.st_uid, st.st_gid) == (os.getuid(), os.getgid()):
        return
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
    except PermissionError:
        # Only root may give a file away; a member of the file's group may still set the group.
        with contextlib.suppress(PermissionError):
            os.chown(tmp, -1, st.st_gid)
