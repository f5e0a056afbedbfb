"""The pure parts of `sheetsync new-year`: dates a year on, the YAML rewritten in place, what a row
carries into the new year's tab."""

from __future__ import annotations

from datetime import date

import yaml

from sheetsync.app.newyear import (
    _Words,
    carried_cells,
    carry_forward,
    draft,
    new_calendar_text,
    new_office_text,
    next_workbook_path,
    retitle_comment,
    shift_date,
    with_reference_columns,
)
from sheetsync.core import vocab
from sheetsync.core.cells import RawTable
from sheetsync.core.columns import INDICATOR_COLUMNS, REFERENCE_COLUMNS
from sheetsync.core.deadlines import Progress
from sheetsync.core.evaluate import Evaluation, RowOutcome
from sheetsync.core.layout import plan_setup
from sheetsync.core.rows import IndicatorRow, is_draft_target
from sheetsync.core.scoring import OfficeResult, RowScore
from sheetsync.store.config import load_office
from tests.support.cli import REPO


def test_a_day_moves_a_year() -> None:
    assert shift_date(date(2026, 10, 1)) == date(2027, 10, 1)
    assert shift_date(date(2027, 9, 30)) == date(2028, 9, 30)


def test_29_february_becomes_28_february() -> None:
    assert shift_date(date(2028, 2, 29)) == date(2029, 2, 28)  # 2029 has no 29 February
    assert shift_date(date(2027, 2, 28)) == date(2028, 2, 28)  # nor is 28 February moved to the 29th
    assert shift_date(date(2028, 3, 1)) == date(2029, 3, 1)


def test_calendar_dates_move_and_the_days_off_go() -> None:
    text = (
        "# Work calendar of fiscal year 2571 (1 Oct 2027 - 30 Sep 2028).\n"
        "milestones:\n"
        "  - code: targets   # first\n"
        "    name: เป้าหมาย\n"
        "    opens: 2027-10-01\n"
        "    due: 2028-02-29\n"
        "  - code: round6\n"
        "    name: รอบ ๖ เดือน\n"
        "    opens: \"1 มี.ค. 2571\"\n"
        "    due: 2028-03-31\n"
        "days_off:\n"
        "  - {date: 2028-01-02, name: วันหยุดของสำนักงาน}\n"
        "working_days: [2028-01-06]\n"
        "# the end\n"
    )
    out, days_off, working_days = new_calendar_text(text, 2571)
    data = yaml.safe_load(out)
    assert [(m["opens"], m["due"]) for m in data["milestones"]] == [
        (date(2028, 10, 1), date(2029, 2, 28)), (date(2029, 3, 1), date(2029, 3, 31))]
    assert data["days_off"] == [] and data["working_days"] == []
    assert (days_off, working_days) == (1, 1)
    assert out.splitlines()[0] == "# Work calendar of fiscal year 2572 (1 Oct 2028 - 30 Sep 2029)."
    assert "  - code: targets   # first" in out and out.endswith("# the end\n")


def test_only_the_first_comment_line_naming_the_year_is_retitled() -> None:
    text = "# notes\n# ปฏิทินปีงบประมาณ ๒๕๗๐ (2570)\nname: x  # 2570\n# 2570 again\n"
    assert retitle_comment(text, 2570) == "# notes\n# ปฏิทินปีงบประมาณ ๒๕๗๑ (2571)\nname: x  # 2570\n# 2570 again\n"
    assert retitle_comment("# 25700 rows\n", 2570) == "# 25700 rows\n"  # not the year


def test_office_yaml_keeps_its_layout() -> None:
    text = (REPO / "config" / "office.yaml").read_text(encoding="utf-8")
    out, dropped = new_office_text(text, 2570, {"path": "office-2571.xlsx"}, drop_group_books=False)
    changed = [(a, b) for a, b in zip(text.splitlines(), out.splitlines(), strict=True) if a != b]
    assert [b for _, b in changed] == [
        "# สำนักงานตัวอย่างที่ `sheetsync demo` สร้าง: สพป.นครศรีธรรมราช เขต ๑ ปีงบประมาณ 2571",
        "  fiscal_year: 2571",
        "  path: office-2571.xlsx",
    ]
    assert dropped == []


def test_a_google_office_gets_its_new_spreadsheet() -> None:
    text = ("office: {name: x, fiscal_year: 2570}\n"
            "backend:\n  kind: gsheets\n  spreadsheet: OLD   # last year's\n  credentials: key.json\n"
            "groups:\n  - code: a\n    spreadsheet: GROUP_OLD\n  - code: b\n")
    out, dropped = new_office_text(text, 2570, {"spreadsheet": "NEW"}, drop_group_books=True)
    data = yaml.safe_load(out)
    assert data["backend"] == {"kind": "gsheets", "spreadsheet": "NEW", "credentials": "key.json"}
    assert "spreadsheet: NEW   # last year's" in out
    assert data["groups"] == [{"code": "a"}, {"code": "b"}] and dropped == ["a"]
    assert data["office"]["fiscal_year"] == 2571


def test_the_new_workbook_is_named_after_the_year() -> None:
    assert next_workbook_path("office.xlsx", 2570) == "office-2571.xlsx"
    assert next_workbook_path("office-2571.xlsx", 2571) == "office-2572.xlsx"
    assert next_workbook_path("books/nst1.xlsx", 2570) == "books/nst1-2571.xlsx"


def _outcome(**fields: object) -> RowOutcome:
    row = IndicatorRow(tab="t", row=2, group="finance", code="2.2", indicator="2.2", **fields)
    return RowOutcome(row=row, score=None, progress=Progress(state="none"))


def test_a_target_is_carried_as_a_draft_once() -> None:
    office = load_office(REPO / "config")
    words = _Words(office)
    cells = carried_cells(words, _outcome(target="เบิกจ่ายร้อยละ ๙๕", target_value=95.0, unit="ร้อยละ"), 2570)
    assert cells["target"] == "ร่าง: เบิกจ่ายร้อยละ ๙๕" and cells["target_value"] == 95 and cells["unit"] == "ร้อยละ"
    assert isinstance(cells["target_value"], int)
    assert cells["last_target"] == "เบิกจ่ายร้อยละ ๙๕ (ค่าเป้าหมาย ๙๕ ร้อยละ)"
    assert cells["last_result"] == vocab.NY_REF_NOT_REPORTED
    only_value = carried_cells(words, _outcome(target_value=80.5), 2570)
    assert only_value["target"] == "ร่าง: (ยกมาจากปี ๒๕๗๐)" and only_value["target_value"] == 80.5
    nothing = carried_cells(words, _outcome(), 2570)
    assert nothing["target"] is None and nothing["target_value"] is None and nothing["last_target"] is None
    assert draft("ร่าง: เดิม") == "ร่าง: เดิม"  # last year's unreviewed draft is not drafted twice
    assert is_draft_target("ร่าง:ไม่มีวรรค") and not is_draft_target("ร่างแผนพัฒนา")


def test_last_years_result_names_its_level() -> None:
    office = load_office(REPO / "config")
    row = IndicatorRow(tab="t", row=2, group="finance", code="2.2", indicator="2.2", result="๙๒", reported=True)
    outcome = RowOutcome(row=row, score=RowScore(value=96.8, level=5), progress=Progress(state="none"))
    assert _Words(office).last_result(outcome) == "๙๒ (ระดับ ๕ ดีเยี่ยม)"


def test_a_new_tab_gets_the_reference_columns_after_the_targets() -> None:
    office = load_office(REPO / "config")
    layout = next(lay for lay in plan_setup(office, {}) if lay.tab == "การเงินและสินทรัพย์")
    moved = with_reference_columns(layout, None)
    header = {w.col: w.value for w in moved.writes if w.row == 1}
    labels = [c.label for c in INDICATOR_COLUMNS]
    at = labels.index(vocab.INDICATOR_HEADERS["unit"]) + 1
    expected = [*labels[:at], *(c.label for c in REFERENCE_COLUMNS), *labels[at:]]
    assert [header[c] for c in sorted(header)] == expected
    assert sorted(header) == list(range(1, len(expected) + 1))
    assert moved.marks["state"] == layout.marks["state"] + 2
    assert moved.status_columns == [c + 2 for c in layout.status_columns]


def test_only_blank_cells_of_a_tab_that_exists_are_filled() -> None:
    office = load_office(REPO / "config")
    labels = [c.label for c in INDICATOR_COLUMNS]
    row = [None] * len(labels)
    row[0], row[1], row[2] = "2.2", "งบประมาณ", "เป้าหมายที่กลุ่มพิมพ์เอง"
    raw = RawTable(tab="การเงินและสินทรัพย์", values=[labels, row], marks=None)
    tables = {"การเงินและสินทรัพย์": raw}
    last = IndicatorRow(tab="การเงินและสินทรัพย์", row=2, group="finance", code="2.2", indicator="2.2",
                        target="ของปีก่อน", target_value=95.0, unit="ร้อยละ")
    ev = Evaluation(today=date(2027, 9, 20), tabs=[], outputs=None, groups=[], errors=[], late=[], next_deadline=None,
                    missing_tabs=[], office=OfficeResult(score=None, label="", standards=[], reported=0, total=0),
                    outcomes={"การเงินและสินทรัพย์": [RowOutcome(row=last, score=None, progress=Progress(state="none"))]})
    layouts, carried = carry_forward(office, plan_setup(office, tables), tables, ev, 2570)
    layout = next(lay for lay in layouts if lay.tab == "การเงินและสินทรัพย์")
    written = {(w.row, w.col): w.value for w in layout.writes}
    assert (2, 3) not in written  # the group's own target stays
    assert written[(2, 4)] == 95 and written[(2, 5)] == "ร้อยละ"
    ref = {w.value: w.col for w in layout.writes if w.row == 1}
    assert ref[vocab.REFERENCE_HEADERS["last_target"]] == len(labels) + 1  # after every column in use
    assert written[(2, len(labels) + 1)] == "ของปีก่อน (ค่าเป้าหมาย ๙๕ ร้อยละ)"
    assert carried == 1
