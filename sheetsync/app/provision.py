"""`sheetsync setup`: create or repair every tab the office needs, adding only what is missing."""

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
    return backend.setup(plan_setup(office, tables))


def run_setup(config_dir: Path) -> tuple[Office, Backend, list[str]]:
    office = load_office(config_dir)
    backend = open_backend(office, config_dir)
    return office, backend, setup_office(office, backend)
