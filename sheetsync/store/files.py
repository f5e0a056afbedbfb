"""Atomic file writes: the one helper every file sheetsync writes goes through.

A reader (a person opening the PDF, LibreOffice opening the workbook, the next sync) sees the old file
or the new one, never half of one: the new content is written to a temporary file in the same folder,
flushed to disk, and renamed over the target. A failure on the way leaves the target as it was and
removes the temporary file. A target that already exists keeps its permission bits, and its owner and
group where this process may set them (a workbook shared with the groups stays theirs to open); a copy
takes its source's (`copy_file`: the workbook's backup). A target that is a symbolic link is written
through the link: the file it points at is replaced, and the link stays a link (an office that links
its workbook from a shared folder keeps sharing it).

A writer that must know the target is still the file it started from (the workbook: another program may
save it while sheetsync saves) passes `check`: it runs last, after the temporary file is complete and
just before the rename, and cancels the write by raising (the target is left as it is). Nothing can
close the gap between that check and the rename itself (a `stat` and a `rename`, microseconds), short
of a lock every program honours; Excel and LibreOffice announce themselves with lock files instead,
which the workbook backend checks.

A process killed between creating its temporary file and renaming it leaves the file behind, named
`.NAME.XXXXXXXX.tmp` beside NAME (`tempfile.mkstemp`'s eight random characters). `remove_stale_temps`
removes those of one target: only names of exactly that pattern, only regular files (never what a link
points at), and only those not written for `STALE_AFTER_S` (a minute). The age is the test rather than
"open by a live process", which needs /proc and the rights to read other users' descriptors: a save
writes its temporary file in one go and renames it at once, so one untouched for a minute belongs to a
process that is gone (or hung past any use), while one being written now is left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

STALE_AFTER_S = 60.0  # a temporary file nobody has written for this long is left by a killed save
_RANDOM_PART = r"[a-z0-9_]{8}"  # what tempfile.mkstemp puts between our prefix and suffix


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


@contextlib.contextmanager
def atomic_path(target: Path | str, mode_of: Path | str | None = None,
                check: Callable[[], None] | None = None) -> Iterator[Path]:
    """A temporary path beside `target` to write to; on a clean exit it replaces `target`, with the
    permission bits of `mode_of` when given (else the target's own, or the umask's for a new file).
    `check`, when given, runs just before the rename; what it raises cancels the write."""
    target = Path(target)
    if target.is_symlink():
        target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        like = Path(mode_of) if mode_of is not None else target
        os.chmod(tmp, _mode_of(like))
        _keep_owner(tmp, like)
        if check is not None:
            check()  # last: the target may have changed while the temporary file was written
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(target: Path | str, data: bytes, check: Callable[[], None] | None = None) -> Path:
    with atomic_path(target, check=check) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def write_text(target: Path | str, text: str) -> Path:
    return write_bytes(target, text.encode("utf-8"))


def copy_file(source: Path | str, target: Path | str) -> Path:
    """`target` becomes a copy of `source`: its content, times and permission bits."""
    with atomic_path(target, mode_of=source) as tmp:
        shutil.copy2(source, tmp)
    return Path(target)


def stale_temps(target: Path | str, older_than: float = STALE_AFTER_S) -> list[Path]:
    """The temporary files `atomic_path` left beside `target` (through a link: beside the file it
    points at) that nobody has written for `older_than` seconds."""
    target = Path(target)
    if target.is_symlink():
        target = target.resolve()
    pattern = re.compile(re.escape(_temp_prefix(target)) + _RANDOM_PART + re.escape(".tmp"))
    now = time.time()
    found: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return []
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode) and now - st.st_mtime >= older_than:
            found.append(Path(entry.path))
    return sorted(found)


def remove_stale_temps(target: Path | str, older_than: float = STALE_AFTER_S) -> list[Path]:
    """Remove what `stale_temps` finds; returns what was removed (one gone meanwhile is not listed)."""
    removed: list[Path] = []
    for path in stale_temps(target, older_than):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


def place_new(built: Path | str, target: Path | str) -> bool:
    """Put a file built whole beside `target` in its place, only if there is none there yet (never over
    one another process put there meanwhile): a hard link, or a rename on a file system without them.
    True if `built` is now `target`; `built` itself is left for the caller to remove."""
    built, target = Path(built), Path(target)
    try:
        os.link(built, target)
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links
        if target.exists():
            return False
        os.replace(built, target)
    return True


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
