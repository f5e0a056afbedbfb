"""The corpus of mistakes, the command line (issue 15, points 3 and 4): every mistake typed at the prompt gets
a Thai answer (click's English replaced, not only the help texts), and `--json` is always one JSON object.

- `--config` after the command works as before it; no office.yaml where a command looked (the current
  folder, SHEETSYNC_CONFIG) names that folder (absolute) and how to name another; exit status 2.
- An unknown option or command (with its "did you mean"), a missing argument or option, a bad choice, an
  extra argument: click's messages, in Thai, exit status 2.
- `--today` (and every date option) takes 2027-04-05, 5/4/2570 and ๕ เม.ย. ๒๕๗๐ / ๕ เมษายน ๒๕๗๐; a bad date
  says the three forms.
- restore's question answered no, or not at all (end of input): nothing written; the Thai answer, no
  "Aborted!".
- `--json` on a config error, a workbook open in Excel, a usage mistake and a successful sync: one JSON
  object on stdout and nothing else, the exit status as without it; history then says why in Thai.
- `status` keeps each column under its header (a rich table, empty cells kept); `status --json`.
- What the coordinator reads names no Python (datetime reprs, `#header`, `(ok)`): diff, history, doctor.

Each case is one command (a subprocess, tests.support.mistakes.run), of an empty folder (mistakes made
before any office is read), the example config, or the demo office (tests.conftest.demo_dir).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from sheetsync.core import vocab
from tests.support.cli import DEMO_DAY, invoke
from tests.support.mistakes import Ran, assert_thai, run

POLICY = "นโยบายและแผน"
THREE_FORMS = ("2027-04-05", "5/4/2570", "๕ เม.ย. ๒๕๗๐")


def one_json(ran: Ran) -> dict:
    """stdout is one JSON object and nothing else."""
    data = json.loads(ran.out)
    assert isinstance(data, dict), ran.out
    return data


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- where the office is ----------------------------------------------------------------------------

def test_config_after_the_command(example_config: Path, tmp_path: Path) -> None:
    ran = run("check", "--config", example_config, cwd=tmp_path)
    assert_thai(ran, 0, "การตั้งค่าถูกต้อง")


def test_config_after_a_subcommand(demo_dir: Path, tmp_path: Path) -> None:
    ran = run("round", "list", "--config", demo_dir, "--today", "5/4/2570", cwd=tmp_path)
    assert_thai(ran, 0, "round6", vocab.ROUND_STATE_OPEN)


def test_no_office_in_the_current_folder(tmp_path: Path) -> None:
    ran = run("sync", cwd=tmp_path)
    assert_thai(ran, 2, f"ไม่พบ office.yaml ในโฟลเดอร์ {tmp_path.resolve()}", vocab.CLI_NO_OFFICE_DEFAULT,
                "--config โฟลเดอร์", "SHEETSYNC_CONFIG")


def test_no_office_where_sheetsync_config_points(tmp_path: Path) -> None:
    nowhere = tmp_path / "nst2"
    ran = run("history", cwd=tmp_path, env={"SHEETSYNC_CONFIG": str(nowhere)})
    assert_thai(ran, 2, vocab.CFG_DIR_MISSING, str(nowhere), vocab.CLI_NO_OFFICE_ENV, "--config โฟลเดอร์")


# --- click's mistakes, in Thai ----------------------------------------------------------------------

def test_unknown_option_says_which_was_meant(tmp_path: Path) -> None:
    ran = run("sync", "--jsn", cwd=tmp_path)
    assert_thai(ran, 2, "ไม่มีตัวเลือก --jsn", "หมายถึง '--json' ใช่หรือไม่", "วิธีใช้:", "sync --help")


def test_unknown_command_says_which_was_meant(tmp_path: Path) -> None:
    ran = run("synk", cwd=tmp_path)
    assert_thai(ran, 2, "ไม่มีคำสั่ง 'synk'", "หมายถึง 'sync' ใช่หรือไม่")


def test_missing_argument(tmp_path: Path) -> None:
    ran = run("restore", "--tab", POLICY, cwd=tmp_path)
    assert_thai(ran, 2, f"ยังไม่ได้ระบุ '{vocab.CLI_MV_RUN}'")


def test_missing_option(tmp_path: Path) -> None:
    ran = run("restore", "1", cwd=tmp_path)
    assert_thai(ran, 2, "ยังไม่ได้ระบุตัวเลือก '--tab'")


def test_bad_choice(tmp_path: Path) -> None:
    ran = run("report", "sr", cwd=tmp_path)
    assert_thai(ran, 2, "'sr' ใช้ไม่ได้ เลือกได้จาก", "'sar'", "'briefing'")


def test_extra_argument(tmp_path: Path) -> None:
    ran = run("history", "ทั้งหมด", cwd=tmp_path)
    assert_thai(ran, 2, "มีคำเกินมาท้ายคำสั่ง (ทั้งหมด)")


def test_help_is_thai_and_ends_with_an_example(tmp_path: Path) -> None:
    ran = run("sync", "--help", cwd=tmp_path)
    assert_thai(ran, 0, "วิธีใช้:", "ตัวเลือก:", "แสดงวิธีใช้นี้แล้วจบ", "--today วันที่")
    assert ran.out.strip().splitlines()[-1].startswith(vocab.CLI_EXAMPLE)


# --- dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("day", ["2027-13-05", "31/2/2570", "๓๑ ก.พ. ๒๕๗๐", "5/4/70", "๕ เมษา ๒๕๗๐", "พรุ่งนี้"])
def test_a_bad_date_says_the_three_forms(day: str, tmp_path: Path) -> None:
    ran = run("sync", "--today", day, cwd=tmp_path)
    assert_thai(ran, 2, "'--today'", f"'{day}' อ่านเป็นวันที่ไม่ได้", *THREE_FORMS)


def test_a_bad_date_of_another_option(tmp_path: Path) -> None:
    ran = run("round", "reopen", "round6", "--until", "30/4", cwd=tmp_path)
    assert_thai(ran, 2, "'--until'", *THREE_FORMS)


@pytest.mark.parametrize("day", ["2027-04-05", "5/4/2570", "๕ เม.ย. ๒๕๗๐", "๕ เมษายน ๒๕๗๐"])
def test_a_date_in_each_form(day: str, demo_dir: Path) -> None:
    ran = run("--config", demo_dir, "round", "list", "--today", day, "--json")
    assert_thai(ran, 0, "round6")
    rounds = {r["code"]: r for r in one_json(ran)["rounds"]}
    assert rounds["round6"]["state"] == "open" and rounds["round12"]["state"] == "not_open"


def test_sync_on_a_thai_date(demo_dir: Path) -> None:
    ran = run("--config", demo_dir, "sync", "--dry-run", "--quiet", "--today", "๕ เม.ย. ๒๕๗๐")
    assert_thai(ran, 0, "วันที่ ๕ เมษายน ๒๕๗๐")


# --- questions --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Path:
    """The demo office after someone cleared 1.1's result and typed a date cell over its report date, and a
    sync recorded it (run 2): restore has something to ask about, diff something to show."""
    office = tmp_path_factory.mktemp("edited") / "demo"
    shutil.copytree(demo_template, office)
    wb = openpyxl.load_workbook(office / "office.xlsx")
    wb[POLICY]["F2"] = None
    wb[POLICY]["L2"] = datetime(2027, 3, 20)
    wb.save(office / "office.xlsx")
    synced = invoke(CliRunner(), office, "sync", "--quiet", "--today", DEMO_DAY)
    assert synced.exit_code == 0, synced.output
    return office


@pytest.mark.parametrize("answer,code,said", [("n\n", 0, vocab.RESTORE_CANCELLED), ("", 1, vocab.CLI_NO_ANSWER)],
                         ids=["no", "end-of-input"])
def test_restore_not_confirmed_writes_nothing(edited: Path, answer: str, code: int, said: str) -> None:
    before = sha(edited / "office.xlsx")
    ran = run("--config", edited, "restore", "1", "--tab", POLICY, stdin=answer)
    assert_thai(ran, code, said, "[y = ใช่ / n = ไม่", f"{POLICY}!F2")
    assert sha(edited / "office.xlsx") == before


def test_diff_shows_cells_as_typed(edited: Path) -> None:
    ran = run("--config", edited, "diff", "1", "2")
    assert_thai(ran, 0, f"{POLICY}!L2 [1.1 / วันที่รายงาน]: '18/03/2570' -> ๒๐ มี.ค. ๒๕๗๐",
                f"{POLICY}!F2 [1.1 / ผลการดำเนินงาน]: 'ดำเนินการครบประเด็น ๑-๓' -> (ว่าง)")
    assert "#" not in ran.out


# --- --json -----------------------------------------------------------------------------------------

def test_json_on_no_office(tmp_path: Path) -> None:
    ran = run("status", "--json", cwd=tmp_path)
    assert_thai(ran, 2, str(tmp_path.resolve()))
    data = one_json(ran)
    assert data["ok"] is False and data["error"]["code"] == "no-office" and "--config" in data["error"]["hint"]


def test_json_on_a_config_error(example_config: Path) -> None:
    (example_config / "office.yaml").write_text("office: [\n", encoding="utf-8")
    ran = run("--config", example_config, "sync", "--json")
    assert_thai(ran, 2)
    data = one_json(ran)
    assert data["ok"] is False and data["error"]["code"] == "config" and data["error"]["problems"]


def test_json_on_a_usage_mistake(tmp_path: Path) -> None:
    ran = run("sync", "--json", "--today", "5/4/70", cwd=tmp_path)
    assert_thai(ran, 2)
    data = one_json(ran)
    assert data["error"]["code"] == "usage" and "5/4/2570" in data["error"]["message"]


def test_json_on_a_locked_workbook_then_history_says_why(demo_dir: Path) -> None:
    (demo_dir / ".~lock.office.xlsx#").write_text("someone,host,01.04.2027 09:00,\n", encoding="utf-8")
    ran = run("--config", demo_dir, "sync", "--json", "--today", DEMO_DAY)
    assert_thai(ran, 1, ".~lock.office.xlsx#")
    data = one_json(ran)
    assert data["ok"] is False and data["error"]["code"] == "workbook-locked" and data["error"]["hint"]
    history = run("--config", demo_dir, "history")
    assert_thai(history, 0, vocab.RUN_STATUS["failed"], data["error"]["message"])
    assert "WorkbookLocked" not in history.out and not re.search(r"\d{4}-\d\d-\d\dT", history.out)


def test_json_on_success(demo_dir: Path) -> None:
    ran = run("--config", demo_dir, "sync", "--json", "--today", DEMO_DAY)
    assert_thai(ran, 0)
    data = one_json(ran)
    assert data["ok"] is True and data["rows"] > 0 and "error" not in data


# --- status -----------------------------------------------------------------------------------------

def table_blocks(text: str) -> list[list[str]]:
    """The rows of each table of `status`'s output (lines with column rules), one list per table."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if "│" in line:
            blocks[-1].append(line)
        elif "┼" in line:  # the rule under a table's header
            assert blocks[-1], line
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def test_status_keeps_its_columns_under_their_headers(demo_dir: Path) -> None:
    ran = run("--config", demo_dir, "status")
    assert_thai(ran, 0, vocab.ST_GROUP, vocab.ST_ERRORS, "กลุ่มอำนวยการ")
    blocks = table_blocks(ran.out)
    assert len(blocks) >= 5, ran.out
    assert next(b for b in blocks if b[0].startswith(vocab.ST_GROUP))[1].startswith("กลุ่มอำนวยการ")  # header, rows
    for block in blocks:
        widths = [cell_len(cell) for cell in block[0].split("│")]
        for line in block[1:]:
            cells = line.split("│")
            assert len(cells) == len(widths), f"{line!r} has {len(cells)} columns, its table {len(widths)}"
            # Every rule at the column its header's rule is at (the last cell is not padded).
            assert [cell_len(c) for c in cells[:-1]] == widths[:-1], f"{line!r} under {block[0]!r}"
    standards = next(b for b in blocks if b[0].startswith(vocab.ST_STANDARD))
    assert any(line.split("│")[0].strip() == "" for line in standards[1:])  # an empty cell kept in its column


def test_status_json(demo_dir: Path) -> None:
    ran = run("--config", demo_dir, "status", "--json")
    assert_thai(ran, 0)
    data = one_json(ran)
    assert data["ok"] is True and data["run"] == 1 and data["synced_at"].endswith("+07:00")
    groups = next(s for s in data["sections"] if s["title"].startswith(vocab.ST_GROUPS))
    assert groups["columns"][0] == vocab.ST_GROUP and len(groups["rows"]) == 10
    assert all(len(row) == len(groups["columns"]) for row in groups["rows"])


def test_doctor_says_the_last_run_in_thai(demo_dir: Path) -> None:
    ran = run("--config", demo_dir, "doctor")
    assert_thai(ran, 0, f"({vocab.RUN_STATUS['ok']})", "น.")
    assert "(ok)" not in ran.out
