"""The office's own level names, wherever levels are shown or accepted.

The example office renames level 5 "ดีเยี่ยม" to "ยอดเยี่ยม" and level 1 "ปรับปรุง" to "ต้องพัฒนา" (in
standards.yaml: levels). Setup's dropdown on the self-assessed level column lists those names (in the
workbook and in Google Sheets), a renamed name typed in the column is accepted and scored, and the
status column and the Status tab show it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from sheetsync.core import vocab
from sheetsync.core.models import Levels
from sheetsync.store.config import load_office
from tests.fakes.fake_sheets import FakeSheets
from tests.support.cli import DEMO_DAY, REPO, invoke
from tests.support.google import google_config

TEACHERS = "พัฒนาครูและบุคลากร"  # owns 1.2, self-rated
ADMIN = "อำนวยการ"  # owns 3.1, self-rated
H = vocab.INDICATOR_HEADERS
RENAMED = ["5 ยอดเยี่ยม", "4 ดีมาก", "3 ดี", "2 พอใช้", "1 ต้องพัฒนา"]


def rename_levels(config: Path, *, keep_bands: bool = True) -> None:
    path = config / "standards.yaml"
    text = path.read_text(encoding="utf-8")
    names = "  names: {5: ดีเยี่ยม, 4: ดีมาก, 3: ดี, 2: พอใช้, 1: ปรับปรุง}\n"
    bands = ("  bands:\n    - {min: 4.50, name: ดีเยี่ยม}\n    - {min: 3.50, name: ดีมาก}\n"
             "    - {min: 2.50, name: ดี}\n    - {min: 1.50, name: พอใช้}\n    - {min: 0, name: ปรับปรุง}\n")
    assert names in text and bands in text, "the example standards.yaml changed: update this test"
    text = text.replace(names, "  names: {5: ยอดเยี่ยม, 4: ดีมาก, 3: ดี, 2: พอใช้, 1: ต้องพัฒนา}\n")
    new_bands = bands.replace("ดีเยี่ยม", "ยอดเยี่ยม").replace("ปรับปรุง", "ต้องพัฒนา") if keep_bands else ""
    path.write_text(text.replace(bands, new_bands), encoding="utf-8")


@pytest.fixture
def renamed(tmp_path: Path) -> Path:
    config = tmp_path / "office"
    shutil.copytree(REPO / "config", config)
    rename_levels(config)
    return config


def header(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[1] if c.value is not None}


def row_of(ws, code: str) -> int:
    col = header(ws)[H["code"]]
    return next(r for r in range(2, ws.max_row + 1) if str(ws.cell(r, col).value) == code)


def level_validations(ws) -> list:
    col = openpyxl.utils.get_column_letter(header(ws)[H["self_level"]])
    return [dv for dv in ws.data_validations.dataValidation if dv.type == "list" and f"{col}2" in dv.sqref]


def type_self_rating(book: Path, tab: str, code: str, level: str) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb[tab]
    h, r = header(ws), row_of(ws, code)
    for key, value in (("self_level", level), ("justification", "ผลงานเป็นแบบอย่างแก่สำนักงานอื่น"),
                       ("evidence", "https://drive.example/nst1/evidence"), ("reported_on", "๑ เม.ย. ๒๕๗๐")):
        ws.cell(r, h[H[key]]).value = value
    wb.save(book)


def status_of(book: Path, tab: str, code: str) -> dict[str, object]:
    ws = openpyxl.load_workbook(book)[tab]
    h, r = header(ws), row_of(ws, code)
    return {key: ws.cell(r, h[H[key]]).value for key in ("state", "errors", "score", "level")}


def test_default_bands_take_the_office_names(renamed: Path) -> None:
    assert [b.name for b in load_office(renamed).levels.bands] == ["ยอดเยี่ยม", "ดีมาก", "ดี", "พอใช้", "ต้องพัฒนา"]
    config = renamed.parent / "no-bands"
    shutil.copytree(REPO / "config", config)
    rename_levels(config, keep_bands=False)  # the office names its levels and leaves the bands out
    bands = load_office(config).levels.bands
    assert [(b.min, b.name) for b in bands] == [(4.5, "ยอดเยี่ยม"), (3.5, "ดีมาก"), (2.5, "ดี"), (1.5, "พอใช้"),
                                                 (0, "ต้องพัฒนา")]
    assert [b.name for b in Levels().bands] == [vocab.DEFAULT_LEVEL_NAMES[level] for level in (5, 4, 3, 2, 1)]


def test_workbook_dropdown_lists_the_office_names(renamed: Path, runner) -> None:
    result = invoke(runner, renamed, "setup")
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(renamed / "office.xlsx")[TEACHERS]
    (dv,) = level_validations(ws)
    assert dv.formula1 == '"' + ",".join(RENAMED) + '"'
    assert dv.prompt == ", ".join(RENAMED) and dv.error == "เลือกระดับ 1 ถึง 5"
    assert invoke(runner, renamed, "setup").output.strip().endswith("ไม่มีอะไรต้องแก้ไข")


def test_renaming_the_levels_replaces_the_dropdown(example_config: Path, runner) -> None:
    assert invoke(runner, example_config, "setup").exit_code == 0
    book = example_config / "office.xlsx"
    (before,) = level_validations(openpyxl.load_workbook(book)[TEACHERS])
    assert "5 ดีเยี่ยม" in before.formula1
    rename_levels(example_config)
    again = invoke(runner, example_config, "setup")
    assert again.exit_code == 0 and vocab.SETUP_TAB_FORMATTED.format(tab=TEACHERS) in again.output
    (after,) = level_validations(openpyxl.load_workbook(book)[TEACHERS])  # replaced, not stacked
    assert after.formula1 == '"' + ",".join(RENAMED) + '"'


def test_a_renamed_level_is_accepted_scored_and_shown(renamed: Path, runner) -> None:
    assert invoke(runner, renamed, "setup").exit_code == 0
    book = renamed / "office.xlsx"
    type_self_rating(book, TEACHERS, "1.2", "ยอดเยี่ยม")  # the name alone
    type_self_rating(book, ADMIN, "3.1", "1 ต้องพัฒนา")  # the dropdown's item
    result = invoke(runner, renamed, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    assert status_of(book, TEACHERS, "1.2") == {"state": vocab.STATE_VALID, "errors": None, "score": 5,
                                                "level": "๕ ยอดเยี่ยม (ประเมินตนเอง)"}
    low = status_of(book, ADMIN, "3.1")  # level 1: scored, and an explanation asked for (issue 17)
    assert (low["state"], low["score"], low["level"]) == (vocab.STATE_INCOMPLETE, 1, "๑ ต้องพัฒนา (ประเมินตนเอง)")
    assert "คำชี้แจง" in low["errors"]
    status_tab = [c for row in openpyxl.load_workbook(book)[vocab.STATUS_TAB].iter_rows(values_only=True) for c in row]
    assert "ยอดเยี่ยม" in status_tab and "ต้องพัฒนา" in status_tab  # band labels of the standards / indicators
    assert "ดีเยี่ยม" not in status_tab and "ปรับปรุง" not in status_tab

    # A name this office does not use is not a level here.
    type_self_rating(book, TEACHERS, "1.2", "ดีเยี่ยม")
    assert invoke(runner, renamed, "sync", "--today", DEMO_DAY).exit_code == 0
    status = status_of(book, TEACHERS, "1.2")
    assert status["state"] == vocab.STATE_INVALID and H["self_level"] in str(status["errors"])


@pytest.fixture
def fake(monkeypatch):
    with FakeSheets() as server:
        monkeypatch.setenv("SHEETSYNC_SHEETS_API_ROOT", server.root)
        yield server


def test_google_dropdown_lists_the_office_names(fake, tmp_path: Path, runner) -> None:
    config, sid = google_config(fake, tmp_path / "office")
    assert invoke(runner, config, "setup").exit_code == 0
    (rule,) = [v["rule"] for v in fake.sheet(sid, TEACHERS)["dataValidation"]]
    assert [v["userEnteredValue"] for v in rule["condition"]["values"]] == [
        f"{level} {vocab.DEFAULT_LEVEL_NAMES[level]}" for level in (5, 4, 3, 2, 1)]

    rename_levels(config)
    assert invoke(runner, config, "setup").exit_code == 0
    (rule,) = [v["rule"] for v in fake.sheet(sid, TEACHERS)["dataValidation"]]  # replaced, not added
    assert [v["userEnteredValue"] for v in rule["condition"]["values"]] == RENAMED
    assert rule["inputMessage"] == ", ".join(RENAMED) and rule["strict"] is True
    fake.reset_log()
    again = invoke(runner, config, "setup")
    assert again.exit_code == 0 and "ไม่มีอะไรต้องแก้ไข" in again.output
    # Nothing changed: reads only (the read of values with the columns' markers is a POST that reads).
    assert [r for r in fake.requests if r.method.upper() != "GET" and not r.path.endswith(":batchGetByDataFilter")] == []
