"""The same promises, checked on both backends: the workbook and Google Sheets (the loopback fake)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from sheetsync.core import vocab
from sheetsync.core.cells import col_index
from tests.fakes.fake_sheets import FakeSheets
from tests.support.cli import DEMO_DAY, REPO, invoke, set_backend
from tests.support.google import FAST

TAB = "นโยบายและแผน"
# Columns in the default layout setup makes.
CODE, TARGET, RESULT, CRITERIA, EVIDENCE, REPORTED, STATE, ERRORS = "A", "C", "F", "G", "J", "L", "N", "O"


class Workbook:
    def __init__(self, config: Path) -> None:
        self.config = config
        self.path = config / "office.xlsx"

    def put(self, tab: str, cell: str, value) -> None:
        wb = openpyxl.load_workbook(self.path)
        wb[tab][cell] = value
        if isinstance(value, str):
            wb[tab][cell].data_type = "s"
        wb.save(self.path)

    def insert_row(self, tab: str, before: int) -> None:
        wb = openpyxl.load_workbook(self.path)
        wb[tab].insert_rows(before)
        wb.save(self.path)

    def grid(self, tab: str) -> list[list]:
        ws = openpyxl.load_workbook(self.path)[tab]
        return [list(r) for r in ws.iter_rows(values_only=True)]


class Google:
    def __init__(self, config: Path, fake: FakeSheets, sid: str) -> None:
        self.config, self.fake, self.sid = config, fake, sid

    def put(self, tab: str, cell: str, value) -> None:
        self.fake.set_cell(self.sid, tab, cell, value)

    def insert_row(self, tab: str, before: int) -> None:
        self.fake.insert_rows(self.sid, tab, before)

    def grid(self, tab: str) -> list[list]:
        return self.fake.values(self.sid, tab)


@pytest.fixture(params=["xlsx", "gsheets"])
def office(request, tmp_path, monkeypatch, runner):
    config = tmp_path / "office"
    shutil.copytree(REPO / "config", config)
    if request.param == "xlsx":
        sheets = Workbook(config)
        yield sheets
        return
    with FakeSheets() as fake:
        monkeypatch.setenv("SHEETSYNC_SHEETS_API_ROOT", fake.root)
        key = fake.service_account()
        sid = fake.create_spreadsheet("contract", shared_with=[key["client_email"]])
        (config / "sa.json").write_text(json.dumps(key))
        set_backend(config, {"kind": "gsheets", "credentials": "sa.json", "spreadsheet": sid, **FAST})
        yield Google(config, fake, sid)


def cell(grid: list[list], a1: str):
    col = col_index("".join(ch for ch in a1 if ch.isalpha()))
    row = int("".join(ch for ch in a1 if ch.isdigit()))
    line = grid[row - 1] if row <= len(grid) else []
    return line[col - 1] if col <= len(line) else None


def typed(grid: list[list]) -> dict[str, object]:
    return {f"{chr(64 + c)}{r}": v for r, line in enumerate(grid, start=1) for c, v in enumerate(line[:13], start=1)
            if v not in (None, "")}


def test_setup_is_idempotent(office, runner) -> None:
    assert invoke(runner, office.config, "setup").exit_code == 0
    again = invoke(runner, office.config, "setup")
    assert again.exit_code == 0 and "ไม่มีอะไรต้องแก้ไข" in again.output


def test_sync_keeps_typed_cells_and_places_status_by_code(office, runner) -> None:
    assert invoke(runner, office.config, "setup").exit_code == 0
    office.put(TAB, f"{CRITERIA}2", "1-3")
    office.put(TAB, f"{RESULT}2", "ดำเนินการครบ")
    office.put(TAB, f"{EVIDENCE}2", "1-3: แผนปฏิบัติการ")
    office.put(TAB, f"{REPORTED}2", "๑๘ มี.ค. ๒๕๗๐")
    office.put(TAB, f"{RESULT}3", '=IMPORTXML("http://evil.example","//a")')
    office.put(TAB, f"{CRITERIA}3", "1,2")
    before = typed(office.grid(TAB))
    result = invoke(runner, office.config, "sync", "--json", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    grid = office.grid(TAB)
    assert typed(grid) == before
    assert cell(grid, f"{RESULT}3") == '=IMPORTXML("http://evil.example","//a")'  # text, as typed
    assert cell(grid, f"{STATE}2") == vocab.STATE_VALID
    assert cell(grid, f"{STATE}3") == vocab.STATE_INVALID
    assert f"{EVIDENCE}3:" in cell(grid, f"{ERRORS}3")
    # Rows inserted above: the next sync still puts each status beside its own code.
    office.insert_row(TAB, 2)
    office.put(TAB, f"{EVIDENCE}4", "1-2: รายงานการประชุม")
    office.put(TAB, f"{REPORTED}4", "2027-03-20")
    again = invoke(runner, office.config, "sync", "--json", "--today", DEMO_DAY)
    assert again.exit_code == 0, again.output
    grid = office.grid(TAB)
    assert cell(grid, f"{CODE}3") == "1.1" and cell(grid, f"{STATE}3") == vocab.STATE_VALID
    assert cell(grid, f"{CODE}4") == "1.3" and cell(grid, f"{STATE}4") == vocab.STATE_VALID
    third = invoke(runner, office.config, "sync", "--json", "--today", DEMO_DAY)
    assert json.loads(third.output)["cells_written"] <= 1
