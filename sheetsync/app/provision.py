"""`sheetsync setup`: create or repair every tab the office needs, adding only what is missing.

What setup leaves for the coordinator to decide is said after what it changed, in the same list: a
group tab renamed by its group, which setup takes for the group instead of creating an empty one
(backends.tabs), and a header a group renamed, which it neither renames back nor adds again as an
empty column (core.layout). Every typed cell stays as it was.
"""

from __future__ import annotations

from pathlib import Path

from sheetsync.backends import open_backend
from sheetsync.backends.base import Backend, SpreadsheetMissing
from sheetsync.core.layout import plan_setup, tabs_to_read
from sheetsync.core.models import Office
from sheetsync.store.config import load_office


def setup_office(office: Office, backend: Backend) -> list[str]:
    try:
        tables = backend.read(tabs_to_read(office))
    except SpreadsheetMissing:
        tables = {}  # setup creates it
    layouts = plan_setup(office, tables)
    changes = backend.setup(layouts)
    return [*changes, *getattr(backend, "tab_warnings", []), *(note for lay in layouts for note in lay.notes)]


def run_setup(config_dir: Path) -> tuple[Office, Backend, list[str]]:
    office = load_office(config_dir)
    backend = open_backend(office, config_dir)
    return office, backend, setup_office(office, backend)
