"""Fixtures of the end-to-end tests that more than one module uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sheetsync.cli.main import cli
from tests.support.cli import DEMO_DAY, invoke


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office with a second real sync, so there is a previous run to compare with."""
    directory = tmp_path_factory.mktemp("packs") / "office"
    result = CliRunner().invoke(cli, ["demo", str(directory), "--today", DEMO_DAY])
    assert result.exit_code == 0, result.output
    synced = invoke(CliRunner(), directory, "sync", "--today", DEMO_DAY)
    assert synced.exit_code == 0, synced.output
    return directory
