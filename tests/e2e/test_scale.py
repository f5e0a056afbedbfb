"""A 10-group, 5,000-row workbook syncs through the CLI (time is measured by `make bench`, not here)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from sheetsync.core import vocab
from tests.fakes.bigoffice import fill, make_config
from tests.support.cli import DEMO_DAY, invoke, user_cells


def test_five_thousand_rows(tmp_path: Path, runner) -> None:
    config = make_config(tmp_path / "big", per_group=500)
    mistakes = fill(config)
    book = config / "office.xlsx"
    before = user_cells(book)
    result = invoke(runner, config, "sync", "--json", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["rows"] == 5000
    assert summary["valid_rows"] == 5000 - mistakes == 4900
    assert len(summary["errors"]) == mistakes
    assert {e["code"] for e in summary["errors"]} == {"invalid-date"}
    assert summary["overall"]["reported"] == 4900 and summary["overall"]["total"] == 5000
    assert user_cells(book) == before
    ws = openpyxl.load_workbook(book)["อำนวยการ"]
    states = [ws.cell(r, 14).value for r in range(2, 502)]
    assert states.count(vocab.STATE_INVALID) == 10 and states.count(vocab.STATE_VALID) == 490
    again = invoke(runner, config, "sync", "--json", "--today", DEMO_DAY)
    assert json.loads(again.output)["cells_written"] <= 1
