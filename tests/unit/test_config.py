"""load_office and `sheetsync check`: the example office loads, and each way of breaking it is reported
as file, line, key path and a Thai sentence, never as a traceback.

Every test copies config/ into tmp_path and breaks one thing there; line numbers are either counted
by hand in YAML written here, or found by searching the text that was put in.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sheetsync.cli.main import cli
from sheetsync.core.errors import ConfigError, ConfigProblem
from sheetsync.store.config import load_office
from tests.support.cli import edit_config as edit

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "config"
THAI = re.compile(r"[\u0e00-\u0e7f]")


# --- helpers --------------------------------------------------------------------------------------

@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    """A private copy of the example config folder."""
    target = tmp_path / "config"
    shutil.copytree(EXAMPLE, target)
    return target




def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def lines_of(folder: Path, name: str, needle: str) -> list[int]:
    """The 1-based numbers of the lines of folder/name that contain `needle` (or, for "^...", that
    match the regular expression at their start)."""
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    if needle.startswith("^"):
        return [i for i, line in enumerate(lines, start=1) if re.match(needle, line)]
    return [i for i, line in enumerate(lines, start=1) if needle in line]


def line_of(folder: Path, name: str, needle: str) -> int:
    """The 1-based number of the one line of folder/name that contains `needle`."""
    hits = lines_of(folder, name, needle)
    assert len(hits) == 1, f"{needle!r} is on lines {hits} of {name}"
    return hits[0]


def problems_of(folder: Path) -> list[ConfigProblem]:
    with pytest.raises(ConfigError) as info:
        load_office(folder)
    assert info.value.problems, "a ConfigError must carry its problems"
    assert info.value.exit_code == 2
    return info.value.problems


def only_problem(folder: Path) -> ConfigProblem:
    problems = problems_of(folder)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def assert_problem(problem: ConfigProblem, folder: Path, file: str, line: int | None, path: str,
                   message: str) -> None:
    """The problem names the file, the line, the key path; its message is Thai and contains `message`."""
    assert problem.file == str(folder / file)
    assert problem.line == line, str(problem)
    assert problem.path == path, str(problem)
    assert message in problem.message, str(problem)
    assert THAI.search(problem.message), f"message is not Thai: {problem.message!r}"
    assert "Input should" not in problem.message, f"untranslated pydantic message: {problem.message!r}"


# A calendar written here in full, so its lines can be counted by hand.
CALENDAR = """\
milestones:
  - code: targets
    name: กำหนดเป้าหมาย
    opens: {opens}
    due: {due}
    requires: targets
  - code: round6
    name: รายงานผลการดำเนินงานรอบ ๖ เดือน
    opens: 2027-03-01
    due: 2027-03-31
"""
#  line 4 is targets' `opens`, line 5 its `due`; line 9/10 are round6's opens/due.


# --- the example office ------------------------------------------------------------------------

def test_example_config_loads() -> None:
    office = load_office(EXAMPLE)
    assert office.office.fiscal_year == 2570
    assert office.office.short_name == "สพป.นศ.๑"
    assert office.backend.kind == "xlsx"
    assert len(office.groups) == 10
    assert [s.code for s in office.standards] == ["1", "2", "3"]
    assert [i.code for i in office.indicators()] == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
    assert [m.code for m in office.milestones] == ["targets", "round6", "round12", "sar"]
    assert office.milestones[1].due == date(2027, 3, 31)
    assert office.committee is not None and office.committee.order_date == date(2026, 10, 15)
    # cross references resolve
    assert office.indicator("2.2").method == "target_percent"
    assert office.indicator("2.1").thresholds == {5: 6, 4: 5, 3: 4, 2: 3}
    assert [i.code for i in office.group_indicators("admin")] == ["1.1", "2.4", "3.1"]
    assert office.standard_of("2.4").code == "2"
    assert office.group("finance").tab == "การเงินและสินทรัพย์"
    assert office.group("nobody") is None
    assert office.indicator("9.9") is None


def test_committee_file_is_optional(cfg: Path) -> None:
    (cfg / "committee.yaml").unlink()
    office = load_office(cfg)
    assert office.committee is None


def test_thai_written_milestone_date_is_read(cfg: Path) -> None:
    edit(cfg, "calendar.yaml", "due: 2027-03-31", 'due: "๓๑ มี.ค. ๒๕๗๐"')
    office = load_office(cfg)
    assert office.milestones[1].due == date(2027, 3, 31)


# --- one mistake at a time --------------------------------------------------------------------

def test_missing_required_key(cfg: Path) -> None:
    edit(cfg, "office.yaml", "  short_name: สพป.นศ.๑\n", "")
    problem = only_problem(cfg)
    # the key is not in the file: the line is that of the mapping it belongs in
    assert_problem(problem, cfg, "office.yaml", line_of(cfg, "office.yaml", "office:"), "office.short_name",
                   "ขาดคีย์ที่ต้องมี")


def test_missing_required_key_in_an_indicator(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "        method: self_rated\n      - code: \"1.3\"",
         "      - code: \"1.3\"")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "standards.yaml", line_of(cfg, "standards.yaml", 'code: "1.2"'),
                   "standards[0].indicators[1].method", "ขาดคีย์ที่ต้องมี")


def test_unknown_key_typo(cfg: Path) -> None:
    edit(cfg, "office.yaml", "  timezone: Asia/Bangkok", "  time_zone: Asia/Bangkok")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "office.yaml", line_of(cfg, "office.yaml", "time_zone:"), "office.time_zone",
                   "ไม่รู้จักคีย์นี้")


def test_typo_in_a_required_key_reports_both_the_missing_and_the_unknown_key(cfg: Path) -> None:
    edit(cfg, "office.yaml", "  fiscal_year: 2570", "  fiscal_yaer: 2570")
    problems = {p.path: p for p in problems_of(cfg)}
    assert set(problems) == {"office.fiscal_year", "office.fiscal_yaer"}
    assert_problem(problems["office.fiscal_yaer"], cfg, "office.yaml", line_of(cfg, "office.yaml", "fiscal_yaer"),
                   "office.fiscal_yaer", "ไม่รู้จักคีย์นี้")
    assert_problem(problems["office.fiscal_year"], cfg, "office.yaml", line_of(cfg, "office.yaml", "office:"),
                   "office.fiscal_year", "ขาดคีย์ที่ต้องมี")


def test_unknown_key_inside_the_backend_union(cfg: Path) -> None:
    edit(cfg, "office.yaml", "  path: office.xlsx", "  pth: office.xlsx")
    problem = only_problem(cfg)
    # the union's tag ("xlsx") is not part of the path the coordinator sees
    assert_problem(problem, cfg, "office.yaml", line_of(cfg, "office.yaml", "pth:"), "backend.pth", "ไม่รู้จักคีย์นี้")


def test_unknown_group_in_owners(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "owners: [teacher_dev]", "owners: [teachers]")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "standards.yaml", line_of(cfg, "standards.yaml", "owners: [teachers]"),
                   "standards[0].indicators[1].owners[0]", "ไม่พบกลุ่ม 'teachers'")


def test_unknown_group_in_a_block_list_points_at_its_own_line(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "        owners: [policy, legal]\n",
         "        owners:\n          - policy\n          - legle\n")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "standards.yaml", line_of(cfg, "standards.yaml", "- legle"),
                   "standards[0].indicators[2].owners[1]", "ไม่พบกลุ่ม 'legle'")


def test_duplicated_indicator_code(cfg: Path) -> None:
    edit(cfg, "standards.yaml", 'code: "1.3"', 'code: "1.1"')
    problems = problems_of(cfg)
    std = [p for p in problems if p.file.endswith("standards.yaml")]
    assert len(std) == 1
    # the later one is the duplicate, and the message names the first
    lines = lines_of(cfg, "standards.yaml", 'code: "1.1"')
    assert len(lines) == 2
    assert_problem(std[0], cfg, "standards.yaml", lines[1], "standards[0].indicators[2].code",
                   f"'1.1' ซ้ำกับ มาตรฐาน 1 > ตัวบ่งชี้ที่ 1 (1.1) (บรรทัด {lines[0]})")
    assert std[0].where == "มาตรฐาน 1 > ตัวบ่งชี้ที่ 3 (1.1) > code"  # two items share the code: named by number
    # 1.3 is gone, so the committee members who follow it are reported in the same pass
    com = [p for p in problems if p.file.endswith("committee.yaml")]
    assert {p.path for p in com} == {"members[2].indicators[1]", "members[9].indicators[0]"}
    assert all("ไม่พบตัวบ่งชี้ '1.3'" in p.message for p in com)


def test_duplicated_standard_code(cfg: Path) -> None:
    edit(cfg, "standards.yaml", 'code: "3"', 'code: "1"')
    problem = only_problem(cfg)
    first, second = lines_of(cfg, "standards.yaml", 'code: "1"')
    assert_problem(problem, cfg, "standards.yaml", second, "standards[2].code",
                   f"'1' ซ้ำกับ มาตรฐานที่ 1 (1) > code (บรรทัด {first})")


@pytest.mark.parametrize("thresholds", ["{5: 3, 4: 4}", "{5: 4, 4: 4}", "{4: 4, 5: 3}"])
def test_thresholds_out_of_order(cfg: Path, thresholds: str) -> None:
    # 2.1 has six criteria, so only the order is wrong
    edit(cfg, "standards.yaml", "thresholds: {5: 6, 4: 5, 3: 4, 2: 3}", f"thresholds: {thresholds}")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "standards.yaml", line_of(cfg, "standards.yaml", f"thresholds: {thresholds}"),
                   "standards[1].indicators[0].thresholds[5]", "เกณฑ์ต้องเรียงกัน")
    assert "ระดับ 5" in problem.message and "ระดับ 4" in problem.message


def test_thresholds_out_of_order_in_block_style_points_at_the_higher_level(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "thresholds: {5: 6, 4: 5, 3: 4, 2: 3}",
         "thresholds:\n          5: 3\n          4: 4")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "standards.yaml", line_of(cfg, "standards.yaml", "^          5: 3$"),
                   "standards[1].indicators[0].thresholds[5]", "เกณฑ์ต้องเรียงกัน")


def test_threshold_beyond_the_number_of_criteria(cfg: Path) -> None:
    # 1.3 has three criteria
    edit(cfg, "standards.yaml", "thresholds: {5: 3, 3: 2, 2: 1}", "thresholds: {5: 4, 3: 2, 2: 1}")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "standards.yaml", line_of(cfg, "standards.yaml", "thresholds: {5: 4, 3: 2, 2: 1}"),
                   "standards[0].indicators[2].thresholds[5]", "มีเพียง 3 ประเด็น")


def test_threshold_for_a_level_that_does_not_exist(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "thresholds: {5: 3, 3: 2, 2: 1}", "thresholds: {6: 3, 3: 2, 2: 1}")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "standards.yaml", line_of(cfg, "standards.yaml", "{6: 3"),
                   "standards[0].indicators[2].thresholds[6]", "ระดับ 6")


def test_threshold_level_that_is_not_a_number_has_a_clean_key_path(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "thresholds: {5: 3, 3: 2, 2: 1}", "thresholds: {five: 3, 3: 2, 2: 1}")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "standards.yaml", line_of(cfg, "standards.yaml", "{five: 3"),
                   "standards[0].indicators[2].thresholds.five", "ต้องเป็นจำนวนเต็ม")


@pytest.mark.parametrize("weight", ["0", "-1", "-0.5"])
def test_indicator_weight_must_be_positive(cfg: Path, weight: str) -> None:
    edit(cfg, "standards.yaml", "        owners: [teacher_dev]\n        weight: 1",
         f"        owners: [teacher_dev]\n        weight: {weight}")
    problem = only_problem(cfg)
    line = line_of(cfg, "standards.yaml", "owners: [teacher_dev]") + 1
    assert_problem(problem, cfg, "standards.yaml", line, "standards[0].indicators[1].weight", "ต้องมากกว่า 0")


def test_standard_weight_must_be_positive(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "    weight: 40", "    weight: -40")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "standards.yaml", line_of(cfg, "standards.yaml", "weight: -40"),
                   "standards[1].weight", "ต้องมากกว่า 0")


@pytest.mark.parametrize(
    ("opens", "due", "count", "line", "field", "value"),
    [
        ("2026-09-30", "2026-11-30", 1, 4, "opens", "๓๐ ก.ย. ๒๕๖๙"),  # one day before 1 Oct 2026
        ("2026-10-01", "2027-10-01", 1, 5, "due", "๑ ต.ค. ๒๕๗๐"),  # one day after 30 Sep 2027
        ("2025-10-01", "2025-11-30", 2, 4, "opens", "๑ ต.ค. ๒๕๖๘"),  # last year's dates: both reported
        ("2569-09-30", "2569-11-30", 1, 4, "opens", "๓๐ ก.ย. ๒๕๖๙"),  # typed with B.E. years: read as B.E.
    ],
)
def test_milestone_date_outside_fiscal_year(cfg: Path, opens: str, due: str, count: int, line: int, field: str,
                                            value: str) -> None:
    write(cfg, "calendar.yaml", CALENDAR.format(opens=opens, due=due))
    problems = problems_of(cfg)
    assert len(problems) == count, "\n".join(map(str, problems))
    problem = problems[0]
    # dates as the coordinator reads them: B.E., Thai digits
    assert_problem(problem, cfg, "calendar.yaml", line, f"milestones[0].{field}", f"วันที่ {value} อยู่นอกปีงบประมาณ ๒๕๗๐")
    assert "(๑ ต.ค. ๒๕๖๙ ถึง ๓๐ ก.ย. ๒๕๗๐)" in problem.message
    assert problem.where == f"กำหนดการ targets > {field}"


def test_milestone_on_the_first_and_last_day_of_the_fiscal_year_is_accepted(cfg: Path) -> None:
    write(cfg, "calendar.yaml", CALENDAR.format(opens="2026-10-01", due="2027-09-30"))
    office = load_office(cfg)
    assert (office.milestones[0].opens, office.milestones[0].due) == (date(2026, 10, 1), date(2027, 9, 30))


def test_milestone_due_before_opens(cfg: Path) -> None:
    write(cfg, "calendar.yaml", CALENDAR.format(opens="2026-11-30", due="2026-11-29"))
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "calendar.yaml", 5, "milestones[0].due",
                   "วันครบกำหนด (๒๙ พ.ย. ๒๕๖๙) อยู่ก่อนวันเปิดรับรายงาน (๓๐ พ.ย. ๒๕๖๙)")


def test_milestone_due_on_the_day_it_opens_is_accepted(cfg: Path) -> None:
    write(cfg, "calendar.yaml", CALENDAR.format(opens="2026-11-30", due="2026-11-30"))
    assert load_office(cfg).milestones[0].due == date(2026, 11, 30)


def test_milestone_date_that_does_not_exist_is_a_problem_not_a_crash(cfg: Path) -> None:
    # YAML reads 2027-02-29 as a date and fails to build it; it must still come back as a problem
    write(cfg, "calendar.yaml", CALENDAR.format(opens="2026-10-01", due="2027-02-29"))
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "calendar.yaml", 5, "milestones[0].due", "ไม่ใช่วันที่ที่มีอยู่จริง")


def test_milestone_date_with_a_time_is_reported_in_thai(cfg: Path) -> None:
    write(cfg, "calendar.yaml", CALENDAR.format(opens="2026-10-01 09:30:00", due="2026-11-30"))
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "calendar.yaml", 4, "milestones[0].opens", "ต้องเป็นวันที่")


def test_milestone_with_a_two_digit_year_is_refused(cfg: Path) -> None:
    write(cfg, "calendar.yaml", CALENDAR.format(opens="2026-10-01", due='"30 พ.ย. 69"'))
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "calendar.yaml", 5, "milestones[0].due", "เลข ๔ หลัก")


def test_milestone_covering_an_unknown_code(cfg: Path) -> None:
    write(cfg, "calendar.yaml", CALENDAR.format(opens="2026-10-01", due="2026-11-30") + "    covers: [finance, \"9.9\"]\n")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "calendar.yaml", 11, "milestones[1].covers[1]", "ไม่พบ '9.9'")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # a colon inside an unquoted Thai name, on line 3
        ("milestones:\n  - code: targets\n    name: รอบที่ 1: กำหนดเป้าหมาย\n    opens: 2026-10-01\n", 3),
        # a tab used for indentation, on line 3
        ("milestones:\n  - code: targets\n\tname: กำหนดเป้าหมาย\n", 3),
        # an item indented one space short, on line 4
        ("milestones:\n  - code: targets\n    name: x\n   opens: 2026-10-01\n", 4),
    ],
)
def test_yaml_syntax_error_has_its_line(cfg: Path, text: str, line: int) -> None:
    write(cfg, "calendar.yaml", text)
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "calendar.yaml", line, "", "ไฟล์ YAML ผิดรูปแบบ")


def test_unknown_yaml_tag_is_a_problem_not_a_crash(cfg: Path) -> None:
    write(cfg, "calendar.yaml", CALENDAR.format(opens="!date 2026-10-01", due="2026-11-30"))
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "calendar.yaml", 4, "", "ไฟล์ YAML ผิดรูปแบบ")
    assert "!date" in problem.message


def test_list_used_as_a_key_is_a_problem_not_a_crash(cfg: Path) -> None:
    write(cfg, "calendar.yaml", "? [a, b]\n: 1\n" + CALENDAR.format(opens="2026-10-01", due="2026-11-30"))
    problem = only_problem(cfg)
    assert problem.file == str(cfg / "calendar.yaml")
    assert problem.line == 1
    assert "ไฟล์ YAML ผิดรูปแบบ" in problem.message


def test_duplicate_yaml_key(cfg: Path) -> None:
    text = CALENDAR.format(opens="2026-10-01", due="2026-11-30").replace(
        "    due: 2026-11-30\n", "    due: 2026-11-30\n    due: 2026-11-15\n")
    write(cfg, "calendar.yaml", text)
    problem = only_problem(cfg)
    # line 5 holds the first `due`, line 6 the second
    assert_problem(problem, cfg, "calendar.yaml", 6, "milestones[0].due", "คีย์ 'due' ซ้ำกับบรรทัดที่ 5")


def test_duplicate_top_level_key_in_the_example(cfg: Path) -> None:
    with (cfg / "office.yaml").open("a", encoding="utf-8") as f:
        f.write("outputs_tab: ผลงาน\noutputs_tab: ผลงานเด่น\n")
    problem = only_problem(cfg)
    lines = (cfg / "office.yaml").read_text(encoding="utf-8").splitlines()
    last = len(lines)
    assert_problem(problem, cfg, "office.yaml", last, "outputs_tab", f"ซ้ำกับบรรทัดที่ {last - 1}")


@pytest.mark.parametrize("name", ["office.yaml", "standards.yaml", "calendar.yaml"])
def test_missing_file(cfg: Path, name: str) -> None:
    (cfg / name).unlink()
    problem = only_problem(cfg)
    assert_problem(problem, cfg, name, None, "", "ไม่พบไฟล์การตั้งค่า")


def test_missing_folder(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "nowhere")
    assert problem.file == str(tmp_path / "nowhere")
    assert problem.message == "ไม่พบโฟลเดอร์การตั้งค่า"


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- a\n- b\n", "just text\n"])
def test_file_that_is_not_a_mapping(cfg: Path, text: str) -> None:
    write(cfg, "calendar.yaml", text)
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "calendar.yaml", 1, "", "ต้องเป็นชุดคีย์และค่า")


def test_tab_name_over_31_characters(cfg: Path) -> None:
    long_tab = "ตรวจสอบภายในและการควบคุมภายในของสำนักงาน"
    assert len(long_tab) > 31
    edit(cfg, "office.yaml", "tab: ตรวจสอบภายใน", f"tab: {long_tab}")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "office.yaml", line_of(cfg, "office.yaml", long_tab), "groups[9].tab",
                   "ยาวเกิน 31 ตัวอักษร")


def test_tab_name_of_exactly_31_characters_is_accepted(cfg: Path) -> None:
    tab = "ก" * 31
    edit(cfg, "office.yaml", "tab: ตรวจสอบภายใน", f"tab: {tab}")
    assert load_office(cfg).group("audit").tab == tab


def test_tab_name_with_a_character_sheets_refuse(cfg: Path) -> None:
    edit(cfg, "office.yaml", "tab: ตรวจสอบภายใน", "tab: ตรวจสอบ/ภายใน")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "office.yaml", line_of(cfg, "office.yaml", "ตรวจสอบ/ภายใน"), "groups[9].tab",
                   "อักขระที่ใช้ไม่ได้: /")


def test_tab_name_used_twice(cfg: Path) -> None:
    edit(cfg, "office.yaml", "tab: ตรวจสอบภายใน", "tab: อำนวยการ")
    problem = only_problem(cfg)
    first, second = lines_of(cfg, "office.yaml", "tab: อำนวยการ")
    assert_problem(problem, cfg, "office.yaml", second, "groups[9].tab", f"'อำนวยการ' ซ้ำกับ กลุ่ม admin > tab (บรรทัด {first})")
    assert problem.where == "กลุ่ม audit > tab"


def test_group_tab_named_like_the_status_tab(cfg: Path) -> None:
    edit(cfg, "office.yaml", "tab: ตรวจสอบภายใน", "tab: สถานะภาพรวม")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "office.yaml", line_of(cfg, "office.yaml", "tab: สถานะภาพรวม"), "groups[9].tab",
                   "'สถานะภาพรวม' ซ้ำ")


def test_unknown_timezone(cfg: Path) -> None:
    edit(cfg, "office.yaml", "timezone: Asia/Bangkok", "timezone: Asia/Bankok")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "office.yaml", line_of(cfg, "office.yaml", "Asia/Bankok"), "office.timezone",
                   "ไม่รู้จักเขตเวลา 'Asia/Bankok'")


@pytest.mark.parametrize(
    ("old", "new", "needle", "path", "message"),
    [
        # pydantic types whose own wording is English must still reach the coordinator in Thai
        ("fiscal_year: 2570", "fiscal_year: 2570.5", "2570.5", "office.fiscal_year", "ต้องเป็นจำนวนเต็ม"),
        ("thai_digits: true", "thai_digits: [true]", "thai_digits", "office.thai_digits", "true หรือ false"),
        ("backend:\n  kind: xlsx\n  path: office.xlsx", "backend: xlsx", "backend: xlsx", "backend", "ต้องเป็นชุดคีย์และค่า"),
        ("fiscal_year: 2570", "fiscal_year: 2027", "fiscal_year: 2027", "office.fiscal_year", "ต้องไม่น้อยกว่า 2500"),
        ("kind: xlsx", "kind: excel", "^backend:", "backend", "kind ต้องเป็น"),
    ],
)
def test_shape_mistakes_in_office_yaml_are_reported_in_thai(cfg: Path, old: str, new: str, needle: str, path: str,
                                                             message: str) -> None:
    edit(cfg, "office.yaml", old, new)
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "office.yaml", line_of(cfg, "office.yaml", needle), path, message)


def test_unknown_column_key(cfg: Path) -> None:
    edit(cfg, "office.yaml", "backend:\n", "columns:\n  evidnce: เอกสารอ้างอิง\nbackend:\n")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "office.yaml", line_of(cfg, "office.yaml", "evidnce"), "columns.evidnce",
                   "ไม่รู้จักคอลัมน์ 'evidnce'")


@pytest.mark.parametrize("label", ["หมายเหตุ", " หมายเหตุ ", "หมายเหตุ  "])
def test_column_label_colliding_with_another_column_points_at_the_key_set(cfg: Path, label: str) -> None:
    # the office renames `evidence` to the default label of `note`, spaces and all: the header row is
    # read with spaces collapsed, so both would be the same column
    edit(cfg, "office.yaml", "backend:\n", f'columns:\n  evidence: "{label}"\nbackend:\n')
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "office.yaml", line_of(cfg, "office.yaml", "evidence:"), "columns.evidence",
                   "หัวคอลัมน์ 'หมายเหตุ' ซ้ำกับคอลัมน์ note")


def test_renamed_column_labels_are_loaded(cfg: Path) -> None:
    edit(cfg, "office.yaml", "backend:\n", "columns:\n  evidence: เอกสารอ้างอิง\nbackend:\n")
    assert load_office(cfg).columns == {"evidence": "เอกสารอ้างอิง"}


def test_levels_bands_out_of_order(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "- {min: 3.50, name: ดีมาก}", "- {min: 4.80, name: ดีมาก}")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "standards.yaml", line_of(cfg, "standards.yaml", "bands:"), "levels.bands",
                   "เรียงจากมากไปน้อย")


def test_criteria_method_without_criteria(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "        method: self_rated\n      - code: \"1.3\"",
         "        method: criteria\n      - code: \"1.3\"")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "standards.yaml", line_of(cfg, "standards.yaml", 'code: "1.2"'),
                   "standards[0].indicators[1].criteria", "ต้องมีรายการประเด็นการพิจารณา")


def test_committee_needs_exactly_one_chair(cfg: Path) -> None:
    edit(cfg, "committee.yaml", "role: รองประธาน", "role: ประธาน")
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "committee.yaml", line_of(cfg, "committee.yaml", "members:"), "members",
                   "ประธาน ๑ คน (พบ 2)")


def test_committee_member_with_unknown_indicator(cfg: Path) -> None:
    edit(cfg, "committee.yaml", 'indicators: ["2.4"]', 'indicators: ["2.4", "2.5"]')
    problem = only_problem(cfg)
    assert_problem(problem, cfg, "committee.yaml", line_of(cfg, "committee.yaml", '"2.5"'),
                   "members[10].indicators[1]", "ไม่พบตัวบ่งชี้ '2.5'")


# --- many mistakes at once -------------------------------------------------------------------

def test_shape_problems_of_several_files_come_together(cfg: Path) -> None:
    edit(cfg, "office.yaml", "  timezone: Asia/Bangkok", "  time_zone: Asia/Bangkok")
    edit(cfg, "standards.yaml", "    weight: 40", "    weight: 0")
    write(cfg, "calendar.yaml", "milestones:\n  - code: targets\n    name: รอบที่ 1: กำหนดเป้าหมาย\n")
    with pytest.raises(ConfigError) as info:
        load_office(cfg)
    problems = info.value.problems
    assert [(Path(p.file).name, p.line, p.path) for p in problems] == [
        ("office.yaml", line_of(cfg, "office.yaml", "time_zone"), "office.time_zone"),
        ("standards.yaml", line_of(cfg, "standards.yaml", "weight: 0"), "standards[1].weight"),
        ("calendar.yaml", 3, ""),
    ]
    assert all(THAI.search(p.message) for p in problems)
    text = str(info.value)
    assert text.startswith("การตั้งค่าไม่ถูกต้อง ๓ จุด:")
    assert f"{cfg / 'calendar.yaml'}:3: ไฟล์ YAML ผิดรูปแบบ" in text


def test_cross_file_problems_come_together(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "owners: [teacher_dev]", "owners: [teachers]")
    edit(cfg, "standards.yaml", "thresholds: {5: 6, 4: 5, 3: 4, 2: 3}", "thresholds: {5: 3, 4: 4}")
    write(cfg, "calendar.yaml", CALENDAR.format(opens="2026-12-01", due="2026-11-30").replace(
        "due: 2027-03-31", "due: 2027-10-31"))
    problems = problems_of(cfg)
    got = {(Path(p.file).name, p.line, p.path) for p in problems}
    assert got == {
        ("standards.yaml", line_of(cfg, "standards.yaml", "teachers"), "standards[0].indicators[1].owners[0]"),
        ("standards.yaml", line_of(cfg, "standards.yaml", "{5: 3, 4: 4}"), "standards[1].indicators[0].thresholds[5]"),
        ("calendar.yaml", 5, "milestones[0].due"),  # due before opens
        ("calendar.yaml", 10, "milestones[1].due"),  # outside the fiscal year
    }
    assert all(THAI.search(p.message) for p in problems)


# --- sheetsync check -------------------------------------------------------------------------

def test_check_command_accepts_the_example(cfg: Path) -> None:
    result = CliRunner().invoke(cli, ["--config", str(cfg), "check"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0] == ("การตั้งค่าถูกต้อง: สพป.นศ.๑ ปีงบประมาณ ๒๕๗๐, 10 กลุ่ม, 3 มาตรฐาน, 9 ตัวบ่งชี้, "
                        "4 กำหนดการ, backend xlsx")
    # the example's standards: a warning on stderr (test_document_content has the rest), not an error
    assert result.stderr.startswith("คำเตือน: standards.yaml ยังเป็นมาตรฐานตัวอย่าง")


def test_check_command_reports_a_bad_config(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "owners: [teacher_dev]", "owners: [teachers]")
    line = line_of(cfg, "standards.yaml", "teachers")
    result = CliRunner().invoke(cli, ["--config", str(cfg), "check"])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    # the key path as the coordinator reads it: items named by their code, counted from 1
    assert f"{cfg / 'standards.yaml'}:{line} [มาตรฐาน 1 > ตัวบ่งชี้ 1.2 > owners > รายการที่ 1]" in result.output
    assert "ไม่พบกลุ่ม 'teachers' ในรายชื่อกลุ่ม" in result.output
    assert "การตั้งค่าถูกต้อง" not in result.output


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("calendar.yaml", CALENDAR.format(opens="2026-10-01", due="2027-02-29"), ":5 [กำหนดการ targets > due]"),
        ("calendar.yaml", CALENDAR.format(opens="!date 2026-10-01", due="2026-11-30"), ":4: "),
    ],
)
def test_check_command_never_shows_a_traceback(cfg: Path, name: str, text: str, where: str) -> None:
    write(cfg, name, text)
    result = CliRunner().invoke(cli, ["--config", str(cfg), "check"])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert f"{cfg / name}{where}" in result.output


def test_check_command_on_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nowhere"), "check"])
    assert result.exit_code == 2
    assert "ไม่พบโฟลเดอร์การตั้งค่า" in result.output


def _run_check(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUTF8": "1"}
    env.pop("SHEETSYNC_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "sheetsync", "--config", str(folder), "check"],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, check=False)


def test_check_in_a_real_process(cfg: Path, tmp_path: Path) -> None:
    good = _run_check(cfg)
    assert good.returncode == 0, good.stderr
    assert good.stdout.startswith("การตั้งค่าถูกต้อง: สพป.นศ.๑")
    # the example's standards are said on stderr only (a warning: the exit status stays 0)
    assert all(line.startswith(("คำเตือน: ", "  - ", "วิธีแก้: ")) for line in good.stderr.splitlines()), good.stderr

    edit(cfg, "office.yaml", "  timezone: Asia/Bangkok", "  time_zone: Asia/Bangkok")
    bad = _run_check(cfg)
    assert bad.returncode == 2, bad.stdout + bad.stderr
    assert "Traceback" not in bad.stderr
    assert f"{cfg / 'office.yaml'}:{line_of(cfg, 'office.yaml', 'time_zone')} [office > time_zone]" in bad.stderr
    assert "ไม่รู้จักคีย์นี้" in bad.stderr
    assert bad.stdout == ""
