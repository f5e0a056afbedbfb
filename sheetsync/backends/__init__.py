"""Where the sheets live: a local workbook (the embedded default) or Google Sheets."""

from __future__ import annotations

from pathlib import Path

from sheetsync.backends.base import Backend
from sheetsync.backends.tabs import FoundTabs
from sheetsync.core.models import Office
from sheetsync.store.folder import OfficeFolder


def open_backend(office: Office, config_dir: Path) -> Backend:
    """The office's backend, which finds a group tab its group renamed (backends.tabs)."""
    return FoundTabs(_backend(office, config_dir), office)


def _backend(office: Office, config_dir: Path) -> Backend:
    # Each backend's module loads a heavy library (openpyxl; gspread and google-auth): only the one the
    # office uses is imported.
    if office.backend.kind == "xlsx":
        from sheetsync.backends.xlsx import WorkbookBackend

        places = OfficeFolder(config_dir)
        return WorkbookBackend(places.file(office.backend.path), cache=places.read_cache)
    from sheetsync.backends.gsheets import GSheetsBackend

    return GSheetsBackend(office, Path(config_dir))
