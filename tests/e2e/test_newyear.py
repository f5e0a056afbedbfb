"""`sheetsync new-year` end to end, through the CLI, on the demo office's real files (and on the loopback
Sheets fake for a Google office)."""

from __future__ import annotations

import difflib
import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from sheetsync.app.newyear import shift_date
from sheetsync.cli.main import cli
from sheetsync.core import docvocab, thai, vocab
from sheetsync.core.columns import INDICATOR_COLUMNS, REFERENCE_COLUMNS
from sheetsync.core.rows import normalize_code
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History, previous_year_evaluation
from sheetsync.store.lock import SyncLock
from tests.fakes.fake_sheets import FakeSheets
from tests.support.cli import backend_of, invoke
from tests.support.google import google_config

LAST_DAY = "2027-09-20"  # late in FY 2570: both rounds have closed (the 6-month one with its reports)
NEW_DAY = "2027-10-20"  # FY 2571, before its targets are due
CONFIG = ("office.yaml", "standards.yaml", "calendar.yaml", "committee.yaml")
LABEL = {c.key: c.label for c in (*INDICATOR_COLUMNS, *REFERENCE_COLUMNS)}
RESULT_KEYS = ("result", "criteria_met", "self_level", "justification", "evidence", "owner", "reported_on", "note")
STATUS_KEYS = ("state", "errors", "score", "level", "progress")
FINANCE, POLICY = "การเงินและสินทรัพย์", "นโยบายและแผน"
DAYS_OFF = "days_off:\n  - {date: 2027-05-21, name: วันหยุดของสำนักงาน}\nworking_days: [2027-06-05]\n"


@dataclass
class Rolled:
    directory: Path
    before: dict[str, bytes]  # the config files and the workbook as they were before new-year
    output: str


def tab_rows(path: Path, tab: str) -> dict[str, dict[str, object]]:
    """Indicator code -> column key -> value, of a tab, read by header."""
    ws = openpyxl.load_workbook(path)[tab]
    keys = {label: key for key, label in LABEL.items()}
    header = {c.column: keys[c.value] for c in ws[1] if c.value in keys}
    rows = {}
    for line in ws.iter_rows(min_row=2):
        values = {header[c.column]: c.value for c in line if c.column in header}
        code = normalize_code(values.get("code"))
        if code:
            rows[code] = values
    return rows


def header(path: Path, tab: str) -> list[object]:
    return [c.value for c in openpyxl.load_workbook(path)[tab][1]]


def snapshot(directory: Path) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in (*CONFIG, "office.xlsx")}


@pytest.fixture(scope="module")
def rolled(tmp_path_factory: pytest.TempPathFactory) -> Rolled:
    """The demo office late in 2570, synced, with an office day off and a working day of its own, then
    `new-year --yes`."""
    directory = tmp_path_factory.mktemp("newyear") / "office"
    runner = CliRunner()
    built = runner.invoke(cli, ["demo", str(directory), "--today", LAST_DAY])
    assert built.exit_code == 0, built.output
    with (directory / "calendar.yaml").open("a", encoding="utf-8") as fh:
        fh.write(DAYS_OFF)
    synced = invoke(runner, directory, "sync", "--today", LAST_DAY)
    assert synced.exit_code == 0, synced.output
    before = snapshot(directory)
    result = invoke(runner, directory, "new-year", "--yes")
    assert result.exit_code == 0, result.output
    return Rolled(directory, before, result.output)


def test_last_years_config_is_archived_as_it_was(rolled: Rolled) -> None:
    archive = OfficeFolder(rolled.directory).archive(2570)
    for name in CONFIG:
        assert (archive / name).read_bytes() == rolled.before[name], name
    assert vocab.NY_ARCHIVED.format(fy="๒๕๗๐", path=archive, files=", ".join(CONFIG)) in rolled.output


def test_office_yaml_is_the_next_year_with_its_comments(rolled: Rolled) -> None:
    old = rolled.before["office.yaml"].decode()
    new = (rolled.directory / "office.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(new)
    assert data["office"]["fiscal_year"] == 2571
    assert data["backend"] == {"kind": "xlsx", "path": "office-2571.xlsx"}
    changed = [line for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[:1] in "+-"]
    assert changed == [
        "- # สำนักงานตัวอย่างที่ `sheetsync demo` สร้าง: สพป.นครศรีธรรมราช เขต ๑ ปีงบประมาณ 2570",
        "+ # สำนักงานตัวอย่างที่ `sheetsync demo` สร้าง: สพป.นครศรีธรรมราช เขต ๑ ปีงบประมาณ 2571",
        "-   fiscal_year: 2570", "+   fiscal_year: 2571",
        "-   path: office.xlsx", "+   path: office-2571.xlsx",
    ]
    assert (rolled.directory / "standards.yaml").read_bytes() == rolled.before["standards.yaml"]
    assert (rolled.directory / "committee.yaml").read_bytes() == rolled.before["committee.yaml"]


def test_calendar_is_a_year_later_without_last_years_days_off(rolled: Rolled) -> None:
    old = yaml.safe_load(rolled.before["calendar.yaml"])
    text = (rolled.directory / "calendar.yaml").read_text(encoding="utf-8")
    new = yaml.safe_load(text)
    assert [(m["code"], m["opens"], m["due"]) for m in new["milestones"]] == [
        (m["code"], shift_date(m["opens"]), shift_date(m["due"])) for m in old["milestones"]]
    assert new["milestones"][0]["opens"] == date(2027, 10, 1)
    assert old["days_off"] and new["days_off"] == [] and new["working_days"] == []
    comments = [line for line in rolled.before["calendar.yaml"].decode().splitlines() if line.startswith("#")]
    assert [line for line in text.splitlines() if line.startswith("#")] == [
        comments[0].replace("ปีงบประมาณ 2570", "ปีงบประมาณ 2571"), *comments[1:]]
    assert vocab.NY_TODO_DAYS_OFF.format(old="๒๕๗๐", new="๒๕๗๑", days_off="๑", working_days="๑") in rolled.output
    assert "committee.yaml" in rolled.output and "sheetsync report order" in rolled.output  # a new order is due


def test_last_years_workbook_is_left_as_it_was(rolled: Rolled) -> None:
    assert (rolled.directory / "office.xlsx").read_bytes() == rolled.before["office.xlsx"]
    assert (rolled.directory / "office-2571.xlsx").exists()


def test_the_new_tabs_carry_last_years_targets_as_drafts(rolled: Rolled) -> None:
    office = load_office(rolled.directory)
    old_book, new_book = rolled.directory / "office.xlsx", rolled.directory / "office-2571.xlsx"
    carried = 0
    for group in office.groups:
        labels = header(new_book, group.tab)
        at = labels.index(LABEL["unit"])
        assert labels[at + 1:at + 3] == [LABEL["last_target"], LABEL["last_result"]]  # beside the targets
        old, new = tab_rows(old_book, group.tab), tab_rows(new_book, group.tab)
        assert set(new) == {i.code for i in office.group_indicators(group.code)}
        for code, row in new.items():
            was = old[code]
            had_target = bool(was.get("target")) or was.get("target_value") is not None
            assert (str(row.get("target") or "").startswith(vocab.TARGET_DRAFT_PREFIX)) == had_target, (group.tab, code)
            if was.get("target"):
                assert row["target"] == vocab.TARGET_DRAFT_PREFIX + str(was["target"]).strip()
            assert row.get("unit") == (was.get("unit") or None)
            assert all(row.get(key) is None for key in (*RESULT_KEYS, *STATUS_KEYS)), (group.tab, code)  # a year to fill
            assert row.get("last_result")  # last year's result, or that there was none
            assert bool(row.get("last_target")) == had_target
            carried += had_target
    assert vocab.NY_CARRIED.split("{")[0] in rolled.output and thai.to_thai_digits(carried) in rolled.output
    finance = tab_rows(new_book, FINANCE)["2.2"]
    assert finance["target"] == "ร่าง: เบิกจ่ายงบประมาณไม่น้อยกว่าร้อยละ ๙๕"
    assert finance["target_value"] == 95 and finance["unit"] == "ร้อยละ"
    assert finance["last_target"] == "เบิกจ่ายงบประมาณไม่น้อยกว่าร้อยละ ๙๕ (ค่าเป้าหมาย ๙๕ ร้อยละ)"
    assert finance["last_result"] == "๙๒.๕ (ระดับ ๔ ดีมาก)"
    # From the frozen 6-month round: 1.3 had no evidence, so the round counted it not reported (the
    # last sync still held its result text, which the frozen round does not).
    assert tab_rows(new_book, POLICY)["1.3"]["last_result"] == vocab.NY_REF_NOT_REPORTED


def test_the_new_config_passes_check(rolled: Rolled) -> None:
    result = invoke(CliRunner(), rolled.directory, "check")
    assert result.exit_code == 0, result.output
    assert "๒๕๗๑" in result.output


def test_history_keeps_last_year(rolled: Rolled) -> None:
    with History(OfficeFolder(rolled.directory).history) as history:
        previous = previous_year_evaluation(history, 2571)
        assert previous is not None
        assert history.last_real_sync(fiscal_year=2570) is not None
        frozen = history.frozen_round(2570, "round6")
        assert frozen is not None and frozen.reported
        empty = history.frozen_round(2570, "round12")
        assert empty is not None and not empty.reported  # closed with no report for it: passed over
    assert previous.model_dump() == frozen.evaluation.model_dump()


def test_the_new_year_syncs_reports_and_is_not_started_twice(rolled: Rolled, tmp_path: Path) -> None:
    directory = tmp_path / "office"
    shutil.copytree(rolled.directory, directory)
    runner = CliRunner()
    before = {p.relative_to(directory): p.read_bytes() for p in directory.rglob("*") if p.is_file()}

    again = invoke(runner, directory, "new-year", "--yes")
    assert again.exit_code == 2
    assert vocab.NY_JUST_STARTED.split("{")[0] in again.output
    assert {p.relative_to(directory): p.read_bytes() for p in directory.rglob("*") if p.is_file()} == before

    synced = invoke(runner, directory, "sync", "--today", NEW_DAY)
    assert synced.exit_code == 0, synced.output
    book = directory / "office-2571.xlsx"
    finance = tab_rows(book, FINANCE)["2.2"]
    assert finance["state"] == vocab.STATE_TARGET_DRAFT
    assert tab_rows(book, "นิเทศ ติดตามและประเมินผล")["3.2"]["state"] == vocab.STATE_NOT_REPORTED  # nothing to carry
    assert (directory / "office.xlsx").read_bytes() == rolled.before["office.xlsx"]

    # The group reviews its target: without "ร่าง:" it is a target set.
    wb = openpyxl.load_workbook(book)
    ws = wb[FINANCE]
    col = header(book, FINANCE).index(LABEL["target"]) + 1
    ws.cell(2, col).value = "เบิกจ่ายงบประมาณไม่น้อยกว่าร้อยละ ๙๖"
    wb.save(book)
    synced = invoke(runner, directory, "sync", "--today", NEW_DAY)
    assert synced.exit_code == 0, synced.output
    assert tab_rows(book, FINANCE)["2.2"]["state"] == vocab.STATE_TARGET_ONLY

    sar = invoke(runner, directory, "report", "sar", "--format", "html")
    assert sar.exit_code == 0, sar.output
    html = (directory / "out" / "sar-2571.html").read_text(encoding="utf-8")
    assert docvocab.SAR_YEAR_TITLE.format(fy="๒๕๗๐") in html  # the year-on-year comparison, against 2570
    assert "๔.๓๐" in html  # 2570's office score, as its 6-month round counted it

    # A year later the office may start 2572 from 2571: the archive of 2570 stays.
    third = invoke(runner, directory, "new-year", "--yes")
    assert third.exit_code == 0, third.output
    assert yaml.safe_load((directory / "office.yaml").read_text(encoding="utf-8"))["backend"]["path"] == "office-2572.xlsx"
    assert (OfficeFolder(directory).archive(2570) / "office.yaml").read_bytes() == rolled.before["office.yaml"]
    assert (OfficeFolder(directory).archive(2571) / "office.yaml").exists()


def test_without_a_closed_round_the_last_sync_is_carried(demo_dir: Path) -> None:
    # The demo day (5 April 2570): the 6-month round is still in its grace, no round has closed.
    result = invoke(CliRunner(), demo_dir, "new-year", "--yes")
    assert result.exit_code == 0, result.output
    policy = tab_rows(demo_dir / "office-2571.xlsx", POLICY)["1.3"]
    assert policy["last_result"] == vocab.NY_REF_NOT_SCORED.format(result="ประชุมเครือข่ายครบทุกอำเภอ")
    assert policy["target"] == "ร่าง: สถานศึกษามีส่วนร่วมในการบริหาร"


def _unchanged(directory: Path, before: dict[str, bytes]) -> None:
    assert snapshot(directory) == before
    assert not (directory / "archive").exists() and not (directory / "office-2571.xlsx").exists()


def test_refusals_change_nothing(demo_dir: Path, example_config: Path) -> None:
    runner = CliRunner()
    before = snapshot(demo_dir)

    no = runner.invoke(cli, ["--config", str(demo_dir), "new-year"], input="n\n")
    assert no.exit_code == 0 and vocab.NY_CANCELLED in no.output
    assert "๒๕๗๑" in no.output  # the question names the year it would start
    _unchanged(demo_dir, before)

    with SyncLock(OfficeFolder(demo_dir).lock):
        locked = invoke(runner, demo_dir, "new-year", "--yes")
    assert locked.exit_code == 1
    _unchanged(demo_dir, before)

    google = invoke(runner, demo_dir, "new-year", "--yes", "--spreadsheet", "1AbC")
    assert google.exit_code == 2 and "--spreadsheet" in google.output
    _unchanged(demo_dir, before)

    (demo_dir / "archive" / "2570").mkdir(parents=True)
    done = invoke(runner, demo_dir, "new-year", "--yes")
    assert done.exit_code == 2 and vocab.NY_ALREADY.split("{")[0] in done.output
    assert snapshot(demo_dir) == before and list((demo_dir / "archive" / "2570").iterdir()) == []

    never_synced = invoke(runner, example_config, "new-year", "--yes")
    assert never_synced.exit_code == 2
    assert vocab.NY_NO_HISTORY.format(fy=2570) in never_synced.output
    assert not (example_config / "archive").exists()


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch):
    with FakeSheets() as server:
        monkeypatch.setenv("SHEETSYNC_SHEETS_API_ROOT", server.root)
        yield server


def test_a_google_office_starts_the_year_in_a_new_spreadsheet(fake: FakeSheets, tmp_path: Path) -> None:
    config, sid = google_config(fake, tmp_path / "office")
    runner = CliRunner()
    assert invoke(runner, config, "setup").exit_code == 0
    grid = fake.values(sid, FINANCE)
    col = {v: i for i, v in enumerate(grid[0])}
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    fake.set_cell(sid, FINANCE, f"{letter[col[LABEL['target']]]}2", "เบิกจ่ายไม่น้อยกว่าร้อยละ ๙๕")
    fake.set_cell(sid, FINANCE, f"{letter[col[LABEL['target_value']]]}2", 95)
    assert invoke(runner, config, "sync", "--today", LAST_DAY).exit_code == 0
    old_grid = fake.values(sid, FINANCE)
    key = json.loads((config / "service-account.json").read_text())["client_email"]
    new_sid = fake.create_spreadsheet("ปีงบประมาณ ๒๕๗๑", shared_with=[key])

    missing = invoke(runner, config, "new-year", "--yes")
    assert missing.exit_code == 2 and vocab.NY_SPREADSHEET_NEEDED in missing.output
    same = invoke(runner, config, "new-year", "--yes", "--spreadsheet", sid)
    assert same.exit_code == 2 and not (config / "archive").exists()

    result = invoke(runner, config, "new-year", "--yes", "--spreadsheet", new_sid)
    assert result.exit_code == 0, result.output
    backend = backend_of(config)
    assert backend["spreadsheet"] == new_sid and backend["credentials"] == "service-account.json"
    assert yaml.safe_load((config / "office.yaml").read_text(encoding="utf-8"))["office"]["fiscal_year"] == 2571
    new_grid = fake.values(new_sid, FINANCE)
    new_col = {v: i for i, v in enumerate(new_grid[0])}
    assert new_grid[1][new_col[LABEL["target"]]] == "ร่าง: เบิกจ่ายไม่น้อยกว่าร้อยละ ๙๕"
    assert new_grid[1][new_col[LABEL["target_value"]]] == 95
    assert new_col[LABEL["last_target"]] == new_col[LABEL["unit"]] + 1
    assert fake.values(sid, FINANCE) == old_grid  # last year's spreadsheet is its record
    assert invoke(runner, config, "check").exit_code == 0
    synced = invoke(runner, config, "sync", "--today", NEW_DAY)
    assert synced.exit_code == 0, synced.output
    state = fake.values(new_sid, FINANCE)
    assert state[1][state[0].index(LABEL["state"])] == vocab.STATE_TARGET_DRAFT


def test_a_failed_switch_puts_the_config_back_and_can_be_run_again(demo_dir: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from sheetsync.store import files

    before = snapshot(demo_dir)
    write_text = files.write_text

    def disk_full_at_the_calendar(target: Path | str, text: str) -> Path:
        if Path(target).name == "calendar.yaml":
            raise OSError(28, "No space left on device")
        return write_text(target, text)

    monkeypatch.setattr(files, "write_text", disk_full_at_the_calendar)
    failed = invoke(CliRunner(), demo_dir, "new-year", "--yes")
    assert failed.exit_code == 1
    assert snapshot(demo_dir) == before and not (demo_dir / "archive").exists()  # office.yaml put back
    book = demo_dir / "office-2571.xlsx"
    built = tab_rows(book, FINANCE)  # the new year's sheets were built before the config was touched
    monkeypatch.undo()

    again = invoke(CliRunner(), demo_dir, "new-year", "--yes")
    assert again.exit_code == 0, again.output
    assert tab_rows(book, FINANCE) == built  # blanks only: nothing drafted twice, nothing overwritten
    assert built["2.2"]["target"] == "ร่าง: เบิกจ่ายงบประมาณไม่น้อยกว่าร้อยละ ๙๕"
    assert yaml.safe_load((demo_dir / "office.yaml").read_text(encoding="utf-8"))["office"]["fiscal_year"] == 2571
