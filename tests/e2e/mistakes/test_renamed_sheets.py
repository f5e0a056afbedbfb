"""The corpus of mistakes, renamed headers and tabs (issue 15, point 6, first half): what a group renames, and
who is told what to do about it.

- A required header a group renamed (or moved and renamed) is said at the header row, at the header it most
  likely became, naming it ("พบ 'วันที่รายงานผล' ใน M1: ใช่คอลัมน์นี้หรือไม่"); a header cleared is said where
  it was (the row's first empty cell). The sync still reads every column it finds: each row that needs the
  missing column says so once, beside its other problems.
- A group tab renamed by its group is read and written in its place: found by the indicator codes in its
  rows, or by a name in the group's `tab_aliases`; the coordinator is told which tab was taken for which
  group and to set `tab:` in office.yaml (the sync's warnings and the Status tab); exit status 0.
- `setup` after those renames adds no empty column and no empty tab, and changes no typed cell.
- Advice to run a command goes to the coordinator (the command's output), never into a sheet the groups read.
- The same on Google Sheets (the loopback fake, reached by the subprocess through SHEETSYNC_SHEETS_API_ROOT).

Each case is one command (a subprocess, tests.support.mistakes.run) of the demo office (tests.conftest.demo_dir:
built and synced on the demo day), its sheets edited as a person would (openpyxl, which renames a tab without
updating the defined names that mark the status columns: the workbook backend takes such names as the tab's).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from sheetsync.core import vocab
from sheetsync.core.columns import INDICATOR_COLUMNS
from sheetsync.core.layout import TabFound, found_note
from sheetsync.store.config import load_office
from tests.e2e.test_gsheets import type_demo_data
from tests.fakes.fake_sheets import FakeSheets
from tests.support.cli import invoke, user_cells
from tests.support.google import google_config
from tests.support.mistakes import Ran, assert_thai, run

DAY = "2027-04-05"
ADMIN, POLICY, PERSONNEL, LEGAL = "อำนวยการ", "นโยบายและแผน", "บริหารงานบุคคล", "กฎหมายและคดี"
STATUS_TAB = vocab.STATUS_TAB
STATE, ERRORS = vocab.INDICATOR_HEADERS["state"], vocab.INDICATOR_HEADERS["errors"]
STATUS_LABELS = {c.label for c in INDICATOR_COLUMNS if c.filled_by == "sync"}
ASKED = "พบ 'วันที่รายงานผล' ใน M1: ใช่คอลัมน์นี้หรือไม่"
COMMANDS = ("sheetsync", "setup")  # what a group's sheet never asks anyone to run


def book(office: Path) -> Path:
    return office / "office.xlsx"


def edit(office: Path, change: Callable[[Any], None]) -> None:
    wb = openpyxl.load_workbook(book(office))
    change(wb)
    wb.save(book(office))


def header(ws: Any) -> list[Any]:
    return [c.value for c in ws[1]]


def status_by_code(office: Path, tab: str) -> dict[str, tuple[Any, Any]]:
    ws = openpyxl.load_workbook(book(office))[tab]
    h = {c.value: c.column for c in ws[1] if c.value is not None}
    return {str(ws.cell(r, 1).value): (ws.cell(r, h[STATE]).value, ws.cell(r, h[ERRORS]).value)
            for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value is not None}


def sync_json(office: Path, code: int = 0, *expected: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    ran = run("--config", office, "sync", "--json", "--today", DAY, env=env)
    assert_thai(ran, code, *expected)
    return dict(json.loads(ran.out))


def sheet_texts(office: Path) -> list[str]:
    """Every text the groups read in the workbook: the status columns of every tab and the whole Status tab."""
    wb = openpyxl.load_workbook(book(office))
    texts = []
    for ws in wb.worksheets:
        columns = {c.column for c in ws[1] if c.value in STATUS_LABELS}
        for row in ws.iter_rows(min_row=1 if ws.title == STATUS_TAB else 2):
            texts += [str(c.value) for c in row if isinstance(c.value, str)
                      and (ws.title == STATUS_TAB or c.column in columns)]
    return texts


def rename_and_move_report_date(wb: Any) -> None:
    """กลุ่มอำนวยการ renames วันที่รายงาน (L) to วันที่รายงานผล and swaps it with หมายเหตุ (M); and types a
    result that is no number in row 3 (2.4), a problem of its own."""
    ws = wb[ADMIN]
    for r in range(1, ws.max_row + 1):
        ws.cell(r, 12).value, ws.cell(r, 13).value = ws.cell(r, 13).value, ws.cell(r, 12).value
    assert ws["M1"].value == "วันที่รายงาน"
    ws["M1"] = "วันที่รายงานผล"
    ws["F3"] = "ประมาณสองวัน"


# --- headers -----------------------------------------------------------------------------------------

def test_a_renamed_and_moved_header_is_named_at_its_cell_and_the_rest_of_the_row_is_read(demo_dir: Path) -> None:
    edit(demo_dir, rename_and_move_report_date)
    typed = user_cells(book(demo_dir))
    summary = sync_json(demo_dir, 0, ASKED)
    said = [e for e in summary["errors"] if e["tab"] == ADMIN and e["code"] in ("renamed-column", "missing-column")]
    assert [(e["cell"], e["code"]) for e in said] == [("M1", "renamed-column")]  # once for the tab, not at A1
    assert ASKED in said[0]["message"] and "กรุณาแก้หัวคอลัมน์ M1 กลับเป็น 'วันที่รายงาน'" in said[0]["message"]
    status = status_by_code(demo_dir, ADMIN)
    for code in ("1.1", "2.4", "3.1"):  # every reported row needs the date: each says so once, at M1
        state, errors = status[code]
        lines = errors.split("\n")
        assert state == vocab.STATE_INVALID and [ln for ln in lines if ln.startswith("M1: ")] == [f"M1: {said[0]['message']}"]
        assert errors.count(ASKED) == 1, (code, errors)
        assert not any(word in errors for word in COMMANDS)
    assert "F3: " in status["2.4"][1]  # the rest of the row is still read and judged
    assert user_cells(book(demo_dir)) == typed


def test_a_cleared_header_is_said_where_it_was(demo_dir: Path) -> None:
    def clear(wb: Any) -> None:
        assert wb[PERSONNEL]["J1"].value == "หลักฐานอ้างอิง"
        wb[PERSONNEL]["J1"] = None  # the header cleared; J2 still holds what the group typed

    edit(demo_dir, clear)
    summary = sync_json(demo_dir, 0, "หลักฐานอ้างอิง")
    said = [e for e in summary["errors"] if e["tab"] == PERSONNEL and e["code"] == "missing-column"]
    assert [e["cell"] for e in said] == ["J1"]  # the row's first empty cell: where to type it back
    assert "'หลักฐานอ้างอิง'" in said[0]["message"]
    state, errors = status_by_code(demo_dir, PERSONNEL)["2.3"]
    assert state == vocab.STATE_INVALID and errors.startswith("J1: ") and "กรุณา" in errors
    assert not any(word in errors for word in COMMANDS)


# --- tabs ----------------------------------------------------------------------------------------------

def test_a_renamed_tab_is_found_by_its_rows_and_synced_in_place(demo_dir: Path) -> None:
    def rename(wb: Any) -> None:
        wb[POLICY]["N2"] = None  # a status to write again, to see where it goes
        wb[POLICY].title = "แผน 2570"

    edit(demo_dir, rename)
    tabs = openpyxl.load_workbook(book(demo_dir)).sheetnames
    columns = header(openpyxl.load_workbook(book(demo_dir))["แผน 2570"])
    typed = user_cells(book(demo_dir))
    office = load_office(demo_dir)
    note = found_note(office, TabFound(group="policy", tab=POLICY, found="แผน 2570", how="rows"))
    summary = sync_json(demo_dir, 0, note)  # said to the coordinator (stderr), with what to set in office.yaml
    assert summary["tabs_found"] == {POLICY: "แผน 2570"} and summary["missing_tabs"] == []
    assert "tab:" in note and "office.yaml" in note
    assert openpyxl.load_workbook(book(demo_dir)).sheetnames == tabs  # no empty tab made
    # its status columns are still the sync's own (their names, left pointing at the old name, are the tab's)
    assert header(openpyxl.load_workbook(book(demo_dir))["แผน 2570"]) == columns
    status = status_by_code(demo_dir, "แผน 2570")
    assert status["1.1"][0] == vocab.STATE_VALID and status["1.3"][0] == vocab.STATE_INVALID
    grid = [[c.value for c in row] for row in openpyxl.load_workbook(book(demo_dir))[STATUS_TAB].iter_rows()]
    assert [line[0] for line in grid if line[0] == vocab.ST_TABS_FOUND] == [vocab.ST_TABS_FOUND]
    found = grid[[line[0] for line in grid].index(vocab.ST_TABS_FOUND) + 1]
    assert found[:3] == ["กลุ่มนโยบายและแผน", "อ่านแท็บ 'แผน 2570' แทน 'นโยบายและแผน'",
                         "ให้แก้ tab: ใน office.yaml เป็น 'แผน 2570'"]
    assert user_cells(book(demo_dir)) == typed


def test_a_renamed_tab_is_found_by_its_alias(demo_dir: Path) -> None:
    yaml_path = demo_dir / "office.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    assert text.count(f"    tab: {POLICY}\n") == 1
    yaml_path.write_text(text.replace(f"    tab: {POLICY}\n", f"    tab: {POLICY}\n    tab_aliases: [แผนงาน, แผน]\n"),
                         encoding="utf-8")
    edit(demo_dir, lambda wb: setattr(wb[POLICY], "title", "แผน"))
    summary = sync_json(demo_dir, 0, "'แผน'", vocab.TAB_FOUND_BY_ALIAS)
    assert summary["tabs_found"] == {POLICY: "แผน"}
    assert status_by_code(demo_dir, "แผน")["1.1"][0] == vocab.STATE_VALID


def test_setup_after_the_renames_adds_no_empty_column_nor_tab(demo_dir: Path) -> None:
    def rename(wb: Any) -> None:
        rename_and_move_report_date(wb)
        wb[POLICY].title = "แผน 2570"

    edit(demo_dir, rename)
    before = openpyxl.load_workbook(book(demo_dir))
    tabs, admin_header = before.sheetnames, header(before[ADMIN])
    typed = user_cells(book(demo_dir))
    ran = run("--config", demo_dir, "setup")
    # what setup left for the coordinator to decide: both said, neither "fixed"
    assert_thai(ran, 0, "'แผน 2570'", "'วันที่รายงานผล' ใน M1", "ไม่ได้เพิ่มคอลัมน์ 'วันที่รายงาน' ใหม่")
    after = openpyxl.load_workbook(book(demo_dir))
    assert after.sheetnames == tabs  # no empty นโยบายและแผน
    assert header(after[ADMIN]) == admin_header  # no empty วันที่รายงาน after the status columns
    assert after["แผน 2570"].protection.sheet
    assert user_cells(book(demo_dir)) == typed


def test_advice_to_run_a_command_is_the_coordinators_not_the_groups(demo_dir: Path) -> None:
    def mistakes(wb: Any) -> None:
        rename_and_move_report_date(wb)  # a renamed header
        wb[POLICY].delete_rows(3)  # 1.3's row deleted: a row missing (the Status tab lists it)
        wb.remove(wb[LEGAL])  # a tab deleted: nothing to take in its place

    edit(demo_dir, mistakes)
    ran = run("--config", demo_dir, "sync", "--today", DAY)
    assert_thai(ran, 1, "sheetsync setup", "tab_aliases", LEGAL)  # to the coordinator: what to run or set
    texts = sheet_texts(demo_dir)
    assert any(ASKED in t for t in texts)  # the groups are told, in words they can act on in the sheet
    assert any(vocab.missing_row("1.3") in t for t in texts) and "กรุณา" in vocab.missing_row("1.3")
    leaked = [t for t in texts if any(word in t for word in COMMANDS)]
    assert not leaked, leaked


# --- Google Sheets ----------------------------------------------------------------------------------

def google_typed(fake: FakeSheets, sid: str) -> dict[tuple[str, int, int], Any]:
    """Every value a person could have typed in the spreadsheet: every tab but the Status tab, minus the
    status columns."""
    cells = {}
    for tab in fake.tabs(sid):
        if tab == STATUS_TAB:
            continue
        grid = fake.values(sid, tab)
        status = {c for c, v in enumerate(grid[0]) if v in STATUS_LABELS} if grid else set()
        cells.update({(tab, r, c): v for r, line in enumerate(grid) for c, v in enumerate(line)
                      if c not in status and v not in (None, "")})
    return cells


@pytest.fixture
def google(tmp_path: Path) -> Any:
    with FakeSheets() as fake:
        env = {"SHEETSYNC_SHEETS_API_ROOT": fake.root}
        config, sid = google_config(fake, tmp_path / "office")
        runner = CliRunner()
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("SHEETSYNC_SHEETS_API_ROOT", fake.root)
            assert invoke(runner, config, "setup").exit_code == 0
        type_demo_data(fake, sid, config)
        yield fake, config, sid, env


def test_google_a_renamed_tab_and_header_then_setup(google: Any) -> None:
    fake, config, sid, env = google
    fake.rename_tab(sid, POLICY, "แผนงาน 2570")
    grid = fake.values(sid, ADMIN)
    col = grid[0].index("วันที่รายงาน")
    fake.set_cell(sid, ADMIN, f"{chr(ord('A') + col)}1", "วันที่รายงานผล")
    cell = f"{chr(ord('A') + col)}1"
    summary = sync_json(config, 0, "แผนงาน 2570", f"พบ 'วันที่รายงานผล' ใน {cell}: ใช่คอลัมน์นี้หรือไม่", env=env)
    assert summary["tabs_found"] == {POLICY: "แผนงาน 2570"}
    policy = fake.values(sid, "แผนงาน 2570")
    h = {v: i for i, v in enumerate(policy[0])}
    states = {str(line[0]): line[h[STATE]] for line in policy[1:] if line and line[0]}
    assert states["1.1"] == vocab.STATE_VALID
    admin = fake.values(sid, ADMIN)
    errors_col = admin[0].index(ERRORS)
    errors = [line[errors_col] for line in admin[1:] if line and line[0]]
    assert len(errors) == 3 and all(e.startswith(f"{cell}: ") and e.count("ใช่คอลัมน์นี้หรือไม่") == 1
                                    and "sheetsync" not in e for e in errors), errors
    tabs, admin_header, typed = fake.tabs(sid), admin[0], google_typed(fake, sid)
    ran: Ran = run("--config", config, "setup", env=env)
    assert_thai(ran, 0, "'แผนงาน 2570'", f"'วันที่รายงานผล' ใน {cell}")
    assert fake.tabs(sid) == tabs and fake.values(sid, ADMIN)[0] == admin_header  # no empty tab, no empty column
    assert google_typed(fake, sid) == typed
    # the tab taken is still shared with its group alone, as setup shares the group's tab
    protected = {p["description"]: p for p in fake.sheet(sid, "แผนงาน 2570")["protectedRanges"]}
    assert "prasert@nst1.example" in protected["sheetsync:group-tab"]["editors"]["users"]
