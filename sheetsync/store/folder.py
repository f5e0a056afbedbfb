"""The office folder: the one owner of every path under it.

An office is a folder (`--config DIR` or `SHEETSYNC_CONFIG`): its YAML files, its workbook when the
backend is `xlsx`, `out/` for the documents, `sheetsync.env` for the nightly job's secrets, a state
folder with the history database, the sync lock, the logs and a cache of the validated config, and
`archive/<FY>/` with the config files of each fiscal year `sheetsync new-year` started the next one
from. Every other module asks this object for a place instead of joining path parts itself (a test
greps the package for such joins), so moving a place is a change here alone.

Relative paths that the office's config names (the workbook, the service-account key, a font, the
emblem, a CA file) are relative to the folder: `file(name)` resolves them. An absolute path stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sheetsync.core.models import Group, Office

CONFIG_FILES = ("office.yaml", "standards.yaml", "calendar.yaml", "committee.yaml")


@dataclass(frozen=True)
class OfficeFolder:
    root: Path

    def __init__(self, root: Path | str | OfficeFolder) -> None:
        object.__setattr__(self, "root", Path(root.root if isinstance(root, OfficeFolder) else root))

    # --- what the coordinator edits ---------------------------------------------------------------

    def file(self, name: str | Path) -> Path:
        """A file the config names, relative to the office folder (an absolute path is kept)."""
        return self.root / name

    def config_file(self, name: str) -> Path:
        return self.root / name

    def archive(self, fiscal_year: int) -> Path:
        """Where `sheetsync new-year` keeps the config files of the fiscal year it started the next one
        from (`archive/<FY>/`): last year's settings, as they were, never overwritten."""
        return self.root / "archive" / str(fiscal_year)

    def archived_file(self, fiscal_year: int, name: str) -> Path:
        return self.archive(fiscal_year) / name

    @property
    def env_file(self) -> Path:
        """Environment variables for the nightly job (the SMTP password, tokens): never in the YAML."""
        return self.root / "sheetsync.env"

    # --- what sheetsync writes ----------------------------------------------------------------------

    @property
    def out(self) -> Path:
        """Where documents go by default."""
        return self.root / "out"

    @property
    def state(self) -> Path:
        return self.root / "state"

    @property
    def history(self) -> Path:
        return self.state / "history.sqlite"

    @property
    def lock(self) -> Path:
        """The file the OS lock of a sync is taken on (its content means nothing)."""
        return self.state / "sync.lock"

    @property
    def lock_info(self) -> Path:
        """Who holds the sync lock: pid, host, what and since, beside the lock file."""
        return lock_info_of(self.lock)

    @property
    def send_lock(self) -> Path:
        """The OS lock of sending a memo's e-mail reminders (one sender at a time), apart from the sync's
        lock so that a sync is never refused while another process sends."""
        return self.state / "send.lock"

    @property
    def cache(self) -> Path:
        """What sheetsync can rebuild from the office's own files at any time: safe to delete."""
        return self.state / "cache"

    @property
    def config_cache(self) -> Path:
        """The office's config as last validated, keyed by its files' bytes (store/config.py)."""
        return self.cache / "config.json"

    @property
    def read_cache(self) -> Path:
        """What each tab of the office's workbook read as, keyed by its bytes (backends/readcache.py)."""
        return self.cache / "workbook-read.cache"

    @property
    def logs(self) -> Path:
        return self.state / "logs"

    @property
    def nightly_log(self) -> Path:
        """What the scheduled job's own output is appended to (cron and systemd)."""
        return self.logs / "nightly.log"

    def run_log(self, started: datetime, what: str = "sync") -> Path:
        """The log file of one run, named by what it is and when it started."""
        return self.logs / f"{what}-{started.strftime('%Y%m%d-%H%M%S')}.log"

    # --- where a group types -------------------------------------------------------------------------

    def group_link(self, office: Office, group: Group, sheet_id: int | None = None) -> str:
        """Where the group types: its spreadsheet (its tab when the sheet id is known) or the workbook's path."""
        backend = office.backend
        if backend.kind == "gsheets":
            return sheet_url(group.spreadsheet or backend.spreadsheet, sheet_id)
        return str(self.file(backend.path).resolve())


def lock_info_of(lock: Path) -> Path:
    """The holder's record of the lock at `lock` (any lock file: a test's, the office's)."""
    return lock.with_name(f"{lock.name}.json")


def sheet_url(key: str, sheet_id: int | None = None) -> str:
    base = f"https://docs.google.com/spreadsheets/d/{key}/edit"
    return f"{base}#gid={sheet_id}" if sheet_id is not None else base
