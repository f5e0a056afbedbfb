"""The fault corpus of the config files and the sync lock (issue 13, points 4 and 5): each case is one
test that breaks one thing the way a careless or hostile editor would and runs the real command. Every
case ends in exit status 2 (bad config) with a Thai message naming the file, the line and what is
expected, and never a traceback; the cases that reached further before (a `../` milestone code let
`report package` write outside out/; a Status tab named `a/b` passed check and crashed setup; a YAML
"billion laughs" took the machine's memory) are run as far as they used to go.

Most cases run in-process (click's runner: an exception that escaped would be `result.exception`,
not SystemExit); the ones about memory and the process's own output run `python -m sheetsync`.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sheetsync.cli.main import cli
from sheetsync.core import vocab
from sheetsync.store.folder import OfficeFolder
from tests.support.cli import DEMO_DAY, REPO
from tests.support.cli import edit_config as edit

THAI = re.compile(r"[\u0e00-\u0e7f]")
EXAMPLE = REPO / "config"
TAB_RULE = vocab.CFG_TAB_RULE


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    target = tmp_path / "config"
    shutil.copytree(EXAMPLE, target)
    return target




def line_of(folder: Path, name: str, needle: str) -> int:
    hits = [i for i, line in enumerate((folder / name).read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits} of {name}"
    return hits[0]


def run(folder: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--config", str(folder), *(args or ("check",))])


def refused(result: Result, where: str, message: str) -> None:
    """Exit status 2, no traceback, the place (`file:line [key]` or `file:line`) and the Thai message."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert where in result.output, result.output
    assert message in result.output, result.output
    assert THAI.search(message)
    assert "Input should" not in result.output  # pydantic's English never reaches the coordinator


def run_process(folder: Path, *args: str, memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m sheetsync --config folder ...` (check by default), its address space capped at `memory`."""
    env = {**os.environ, "PYTHONUTF8": "1"}
    env.pop("SHEETSYNC_CONFIG", None)

    def cap() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run([sys.executable, "-m", "sheetsync", "--config", str(folder), *(args or ("check",))],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=300, check=False,
                          preexec_fn=cap, cwd=REPO)


# --- YAML aliases ---------------------------------------------------------------------------------

def billion_laughs() -> str:
    """The classic: 9 levels of 9 aliases, 81 aliases in 10 lines that expand to 10^9 values."""
    lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_is_refused_before_it_takes_the_memory(cfg: Path) -> None:
    (cfg / "committee.yaml").write_text(billion_laughs(), encoding="utf-8")
    done = run_process(cfg, memory=2 * 1024**3)  # expanded, it would need hundreds of GB
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    message = vocab.CFG_YAML_ALIAS_EXPANSION.format(limit="10,000")
    assert f"{cfg / 'committee.yaml'}:5: {message}" in done.stderr  # lol4 is the first to pass 10,000
    assert done.stdout == ""


def test_a_billion_laughs_in_office_yaml_stops_every_command(cfg: Path) -> None:
    text = (cfg / "office.yaml").read_text(encoding="utf-8")
    (cfg / "office.yaml").write_text(billion_laughs() + text, encoding="utf-8")
    for command in (("check",), ("setup",), ("sync", "--today", DEMO_DAY), ("doctor",)):
        refused(run(cfg, *command), f"{cfg / 'office.yaml'}:5:", vocab.CFG_YAML_ALIAS_EXPANSION.format(limit="10,000"))


def test_more_aliases_than_the_limit_are_refused(cfg: Path) -> None:
    aliases = ", ".join(["*name"] * 101)
    edit(cfg, "committee.yaml", "members:", f"x-name: &name ผู้อำนวยการ\nx-list: [{aliases}]\nmembers:")
    refused(run(cfg), f"{cfg / 'committee.yaml'}:{line_of(cfg, 'committee.yaml', 'x-list')}:",
            vocab.CFG_YAML_ALIASES.format(limit=100))


def test_a_few_aliases_are_still_read(cfg: Path) -> None:
    """Aliases in moderation are YAML like any other: a shared list of owners, a merged default."""
    edit(cfg, "standards.yaml", "owners: [admin, policy]", "owners: &owners [admin, policy]")
    edit(cfg, "standards.yaml", "owners: [teacher_dev]", "owners: *owners")
    result = run(cfg)
    assert result.exit_code == 0, result.output


def test_an_alias_inside_itself_is_refused(cfg: Path) -> None:
    edit(cfg, "committee.yaml", "members:", "x-loop: &loop {again: *loop}\nmembers:")
    refused(run(cfg), f"{cfg / 'committee.yaml'}:{line_of(cfg, 'committee.yaml', 'x-loop')}:",
            vocab.CFG_YAML_ALIAS_RECURSIVE)


def test_nesting_deeper_than_the_limit_is_refused(cfg: Path) -> None:
    edit(cfg, "committee.yaml", "members:", "x-deep: " + "[" * 100 + "]" * 100 + "\nmembers:")
    refused(run(cfg), f"{cfg / 'committee.yaml'}:{line_of(cfg, 'committee.yaml', 'x-deep')} [x-deep > รายการที่ 1 > รายการที่ 1 > …]",
            vocab.CFG_YAML_TOO_DEEP.format(limit=64))


# --- names that become file names -------------------------------------------------------------------

def test_a_milestone_code_with_dot_dot_slash_fails_check(cfg: Path) -> None:
    edit(cfg, "calendar.yaml", "code: round6", "code: ../../escape")
    refused(run(cfg), f"{cfg / 'calendar.yaml'}:{line_of(cfg, 'calendar.yaml', 'escape')} [รอบ ../../escape > code]",
            vocab.CFG_BAD_FILE_NAME.format(value="../../escape", why=vocab.CFG_FILE_NAME_CHARS.format(chars="/"),
                                           limit=40))


def test_a_milestone_code_with_dot_dot_slash_stops_report_package_writing_outside_out(demo_dir: Path) -> None:
    edit(demo_dir, "calendar.yaml", "code: round6", "code: ../../escape")  # round6 is the round open on the demo day
    before = {p for p in demo_dir.parent.rglob("*")}
    result = run(demo_dir, "report", "package")
    refused(result, f"{demo_dir / 'calendar.yaml'}:", "'../../escape' ใช้เป็นส่วนหนึ่งของชื่อไฟล์ไม่ได้")
    assert {p for p in demo_dir.parent.rglob("*")} == before  # nothing written, in out/ or beside it


@pytest.mark.parametrize(("code", "why"), [
    ("..", vocab.CFG_FILE_NAME_DOTS),
    (".hidden", vocab.CFG_FILE_NAME_DOTS),
    ("round..6", vocab.CFG_FILE_NAME_DOTS),
    ("round\\6", vocab.CFG_FILE_NAME_CHARS.format(chars="\\")),
    ("C:round6", vocab.CFG_FILE_NAME_CHARS.format(chars=":")),
    ("round*?", vocab.CFG_FILE_NAME_CHARS.format(chars="* ?")),
    ('"round 6 "', vocab.CFG_FILE_NAME_SPACES),
    ('"round\\t6"', vocab.CFG_FILE_NAME_CHARS.format(chars="U+0009")),
])
def test_a_milestone_code_that_is_no_file_name_fails_check(cfg: Path, code: str, why: str) -> None:
    edit(cfg, "calendar.yaml", "code: round6", f"code: {code}")
    # the round is named by its code as typed (whatever it holds), the key after it
    refused(run(cfg), f"{cfg / 'calendar.yaml'}:{line_of(cfg, 'calendar.yaml', 'code: ' + code)} [รอบ ", why)
    assert " > code]: " in run(cfg).output


def test_a_thai_milestone_code_is_a_file_name(cfg: Path) -> None:
    edit(cfg, "calendar.yaml", "code: round6", "code: รอบ๖เดือน")
    result = run(cfg)
    assert result.exit_code == 0, result.output


def test_a_group_code_with_dot_dot_slash_fails_check(cfg: Path) -> None:
    edit(cfg, "office.yaml", "code: audit", "code: ../audit")
    refused(run(cfg), f"{cfg / 'office.yaml'}:{line_of(cfg, 'office.yaml', '../audit')} [กลุ่ม ../audit > code]",
            vocab.CFG_PATTERN_GROUP_CODE)


# --- tab names --------------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["status_tab", "outputs_tab"])
@pytest.mark.parametrize("char", ["/", ":", "[", "]", "?", "*", "\\"])
def test_a_status_or_outputs_tab_with_a_character_sheets_refuse_fails_check_and_setup(
        cfg: Path, key: str, char: str) -> None:
    name = f"สถานะ{char}รวม"
    edit(cfg, "office.yaml", "backend:\n", f"{key}: '{name}'\nbackend:\n")
    for command in ("check", "setup"):
        refused(run(cfg, command), f"{cfg / 'office.yaml'}:{line_of(cfg, 'office.yaml', key)} [{key}]",
                f"{vocab.CFG_BAD_TAB_CHARS.format(chars=char)} {TAB_RULE}")


@pytest.mark.parametrize(("value", "message"), [
    ("''", vocab.CONFIG_ERROR_TYPES["string_too_short"]),
    ("'   '", vocab.CFG_TAB_BLANK),
    ("'" + "ก" * 32 + "'", vocab.CONFIG_ERROR_TYPES["string_too_long"].format(max_length=31)),
    ("'" + "😀" * 16 + "'", vocab.CONFIG_ERROR_TYPES["string_too_long"].format(max_length=31)),  # 32 UTF-16 units
    ('"สถานะ\\aรวม"', f"{vocab.CFG_BAD_TAB_CHARS.format(chars='U+0007')} {TAB_RULE}"),
    ("\"'สถานะ\"", f"{vocab.CFG_TAB_APOSTROPHE} {TAB_RULE}"),
])
def test_a_status_tab_name_sheets_refuse_fails_check(cfg: Path, value: str, message: str) -> None:
    edit(cfg, "office.yaml", "backend:\n", f"status_tab: {value}\nbackend:\n")
    refused(run(cfg), f"{cfg / 'office.yaml'}:{line_of(cfg, 'office.yaml', 'status_tab')} [status_tab]", message)


def test_a_group_tab_with_a_control_character_fails_check(cfg: Path) -> None:
    edit(cfg, "office.yaml", "tab: ตรวจสอบภายใน", 'tab: "ตรวจสอบ\\x1bภายใน"')
    refused(run(cfg), f"{cfg / 'office.yaml'}:{line_of(cfg, 'office.yaml', 'x1b')} [กลุ่ม audit > tab]",
            vocab.CFG_BAD_TAB_CHARS.format(chars="U+001B"))


def test_the_outputs_tab_named_like_the_status_tab_fails_check(cfg: Path) -> None:
    edit(cfg, "office.yaml", "backend:\n", "status_tab: Status\noutputs_tab: STATUS\nbackend:\n")
    refused(run(cfg), f"{cfg / 'office.yaml'}:{line_of(cfg, 'office.yaml', 'outputs_tab')} [outputs_tab]",
            vocab.CFG_SAME_AS_STATUS_TAB.format(code="STATUS", status="Status"))


def test_two_group_tabs_that_differ_only_in_case_fail_check(cfg: Path) -> None:
    """Excel takes `Audit` and `AUDIT` for the same sheet: a workbook with both would not open."""
    edit(cfg, "office.yaml", "tab: ตรวจสอบภายใน", "tab: AUDIT")
    edit(cfg, "office.yaml", "tab: อำนวยการ", "tab: Audit")
    refused(run(cfg), f"{cfg / 'office.yaml'}:{line_of(cfg, 'office.yaml', 'tab: AUDIT')} [กลุ่ม audit > tab]",
            vocab.CFG_DUPLICATE.format(code="AUDIT", first="กลุ่ม admin > tab", line=line_of(cfg, "office.yaml", "tab: Audit")))


# --- huge numbers -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("file", "old", "new", "key"), [
    ("office.yaml", "fiscal_year: 2570", "fiscal_year: " + "9" * 5000, "office > fiscal_year"),  # past Python's 4,300
    ("office.yaml", "memo_start: 1 ", "memo_start: 99999999999999999999 ", "documents > memo_start"),
    ("office.yaml", "memo_start: 1 ", "memo_start: 0x" + "f" * 40 + " ", "documents > memo_start"),
    ("calendar.yaml", "remind_days: 10", "remind_days: 1" + "0" * 400, "กำหนดการ targets > remind_days"),
])
def test_an_integer_too_long_to_be_a_setting_fails_check(cfg: Path, file: str, old: str, new: str, key: str) -> None:
    edit(cfg, file, old, new)
    typed = new.split(": ", 1)[1].strip()
    shown = typed if len(typed) <= 24 else typed[:24] + "…"  # cut as the message cuts it
    refused(run(cfg), f"{cfg / file}:{line_of(cfg, file, new.strip()[:30])} [{key}]",
            vocab.CFG_NUMBER_TOO_LONG.format(value=shown, limit=15))


def test_a_threshold_level_too_long_to_be_a_number_fails_check(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "thresholds: {5: 4, 4: 3, 3: 2, 2: 1}",
         "thresholds: {5: 4, 4: 3, 3: 2, 2: 1, " + "9" * 1000 + ": 1}")  # YAML keys stop at 1,024 characters
    refused(run(cfg), f"{cfg / 'standards.yaml'}:{line_of(cfg, 'standards.yaml', '9' * 1000)} "
                      f"[มาตรฐาน 1 > ตัวบ่งชี้ 1.1 > thresholds > {'9' * 24}…]",
            vocab.CFG_NUMBER_TOO_LONG.format(value="9" * 24 + "…", limit=15))


@pytest.mark.parametrize(("file", "old", "new", "key"), [
    ("standards.yaml", "    weight: 40\n", "    weight: .inf\n", "มาตรฐาน 2 > weight"),
    ("standards.yaml", "    weight: 40\n", "    weight: 1.0e+400\n", "มาตรฐาน 2 > weight"),  # YAML reads infinity
    ("standards.yaml", "{min: 4.50, name: ดีเยี่ยม}", "{min: .nan, name: ดีเยี่ยม}", "levels > ช่วงคะแนน ดีเยี่ยม > min"),
    ("office.yaml", "font_size: 16", "font_size: .nan", "documents > font_size"),
    ("standards.yaml", "thresholds: {5: 4, 4: 3, 3: 2, 2: 1}", "thresholds: {5: .inf, 4: 3, 3: 2, 2: 1}",
     "มาตรฐาน 1 > ตัวบ่งชี้ 1.1 > thresholds > 5"),
])
def test_an_infinite_or_nan_number_fails_check(cfg: Path, file: str, old: str, new: str, key: str) -> None:
    edit(cfg, file, old, new)
    needle = next(word for word in (".inf", ".nan", "1.0e+400") if word in new)
    refused(run(cfg), f"{cfg / file}:{line_of(cfg, file, needle)} [{key}]",
            vocab.CFG_ERROR_TYPES_MORE["finite_number"])


@pytest.mark.parametrize(("file", "old", "new", "key", "message"), [
    ("standards.yaml", "    weight: 40\n", "    weight: 1.0e+300\n", "มาตรฐาน 2 > weight", "ต้องไม่มากกว่า 1000000"),
    ("office.yaml", "memo_start: 1 ", "memo_start: 10000000 ", "documents > memo_start", "ต้องไม่มากกว่า 999999"),
    ("standards.yaml", "{min: 4.50, name: ดีเยี่ยม}", "{min: -1.0e+300, name: ดีเยี่ยม}", "levels > ช่วงคะแนน ดีเยี่ยม > min",
     "ต้องไม่น้อยกว่า -1000000"),
])
def test_a_number_beyond_its_bound_fails_check(cfg: Path, file: str, old: str, new: str, key: str,
                                                message: str) -> None:
    edit(cfg, file, old, new)
    refused(run(cfg), f"{cfg / file}:{line_of(cfg, file, new.strip())} [{key}]", message)


def test_a_number_that_cannot_be_read_fails_check(cfg: Path) -> None:
    edit(cfg, "calendar.yaml", "remind_days: 10", "remind_days: !!int ten")
    refused(run(cfg), f"{cfg / 'calendar.yaml'}:{line_of(cfg, 'calendar.yaml', '!!int ten')}:",
            vocab.CFG_YAML_SYNTAX.format(problem=vocab.CFG_YAML_BAD_NUMBER.format(value="ten")))


# --- files that are no YAML text ----------------------------------------------------------------------

def test_a_config_file_that_is_no_text_fails_check(cfg: Path) -> None:
    """Bytes that are no text in any encoding an editor writes (Thai Windows-874 is read since issue 15:
    tests/e2e/mistakes/test_config_files.py)."""
    (cfg / "committee.yaml").write_bytes(b"title: \xdb\xdc\xfc\xfd\x00\x01\x02\n")
    message = vocab.CFG_NOT_UTF8.format(how=vocab.CFG_SAVE_AS_UTF8)
    refused(run(cfg), f"{cfg / 'committee.yaml'}: {message}", message)


def test_a_config_file_that_is_a_folder_fails_check(cfg: Path) -> None:
    (cfg / "committee.yaml").unlink()
    (cfg / "committee.yaml").mkdir()
    refused(run(cfg), f"{cfg / 'committee.yaml'}: ", "อ่านไฟล์นี้ไม่ได้")


def test_a_huge_config_file_fails_check_without_reading_it_all(cfg: Path) -> None:
    with (cfg / "committee.yaml").open("w", encoding="utf-8") as fh:
        fh.write("# " + "x" * 33_000_000 + "\n")
    refused(run(cfg), f"{cfg / 'committee.yaml'}: ", vocab.CFG_FILE_TOO_BIG.format(limit="32,000,000"))


# --- the sync lock's info file --------------------------------------------------------------------------

@pytest.mark.parametrize("record", ['["pid", 1]', '"held"', '{"pid": "abc", "what": ["x"]}', '{"pid": 1e400}',
                                    '{"pid": ' + "9" * 5000 + "}"])
def test_a_lock_info_file_of_the_wrong_type_does_not_stop_the_sync(demo_dir: Path, record: str) -> None:
    places = OfficeFolder(demo_dir)
    places.lock_info.write_text(record, encoding="utf-8")
    done = run_process(demo_dir, "sync", "--today", DEMO_DAY, "--json")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    summary = json.loads(done.stdout)
    assert summary["rows"] > 0
    assert not places.lock_info.exists()  # replaced by the sync's own record, removed when it let go
