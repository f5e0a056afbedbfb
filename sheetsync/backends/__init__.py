"""Where the sheets live: a local workbook (the embedded default) or Google Sheets."""

from __future__ import annotations

from pathlib import Path

from sheetsync.backends.base import Backend
from sheetsync.core.models import Office


def open_backend(office: Office, config_dir: Path) -> Backend:
    if office.backend.kind == "xlsx":
        from sheetsync.backends.xlsx import WorkbookBackend

        return WorkbookBackend(Path(config_dir) / office.backend.path)
    from sheetsync.backends.gsheets import GSheetsBackend

    return GSheetsBackend(office, Path(config_dir))
