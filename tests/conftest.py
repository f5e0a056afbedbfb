from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sheetsync.cli.main import cli
from tests.support.cli import DEMO_DAY, REPO


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def example_config(tmp_path: Path) -> Path:
    target = tmp_path / "office"
    shutil.copytree(REPO / "config", target)
    return target


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office as `sheetsync demo` builds it on the demo day, once per test process: building it
    renders its documents (about 2 s), so each test gets a copy rather than a new build."""
    target = tmp_path_factory.mktemp("demo-template") / "demo"
    result = CliRunner().invoke(cli, ["demo", str(target), "--today", DEMO_DAY])
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture
def demo_dir(tmp_path: Path, demo_template: Path) -> Path:
    """The demo office, built and synced on the demo day (a fresh copy for each test)."""
    target = tmp_path / "demo"
    shutil.copytree(demo_template, target)
    return target


