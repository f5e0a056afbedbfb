"""A renamed header's likeliest cell (core.headers) and a renamed group tab's recognition (core.layout):
pure, on the example office's groups and standards (config/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sheetsync.core import vocab
from sheetsync.core.cells import RawTable
from sheetsync.core.headers import first_free_column, nearest_headers
from sheetsync.core.layout import find_renamed_tabs, group_layout, other_tabs, tabs_to_read
from sheetsync.core.models import Office
from sheetsync.store.config import load_office

REPO = Path(__file__).resolve().parents[2]
HEADER = ["รหัสตัวบ่งชี้", "ตัวบ่งชี้", "ผลการดำเนินงาน"]


@pytest.fixture(scope="module")
def office() -> Office:
    return load_office(REPO / "config")


def tab(name: str, *codes: str, header: list[Any] | None = None) -> RawTable:
    return RawTable(tab=name, values=[header or HEADER, *([code, "x"] for code in codes)])


def without(office: Office, *tabs: str, **tables: RawTable) -> dict[str, RawTable]:
    """The office's tabs read, but `tabs` (renamed away), plus the other `tables`."""
    read = {t: tab(t) for t in tabs_to_read(office) if t not in tabs}
    return {**read, **{t.tab: t for t in tables.values()}}


# --- headers ---------------------------------------------------------------------------------------

def test_the_nearest_header_is_the_renamed_one_and_known_ones_are_never_guessed() -> None:
    header = ["รหัสตัวบ่งชี้", "หมายเหตุ", "วันที่รายงานผล", "หลักฐาน", ""]
    wanted = {"reported_on": "วันที่รายงาน", "evidence": "หลักฐานอ้างอิง", "owner": "ผู้รับผิดชอบ"}
    assert nearest_headers(header, wanted, {"รหัสตัวบ่งชี้", "หมายเหตุ"}) == {"reported_on": 3, "evidence": 4}
    # a known label is its own column, never a missing one's: วันที่รายงาน is not guessed at หมายเหตุ or รหัส
    assert nearest_headers(["วันที่รายงานผล"], {"reported_on": "วันที่รายงาน"}, {"วันที่รายงานผล"}) == {}


def test_one_header_is_guessed_for_one_missing_column_the_most_alike_first() -> None:
    wanted = {"reported_on": "วันที่รายงาน", "target_value": "วันที่"}
    assert nearest_headers(["วันที่รายงานผล"], wanted, set()) == {"reported_on": 1}


def test_a_missing_header_with_nothing_alike_goes_to_the_first_empty_cell() -> None:
    assert first_free_column(["a", "", "c"]) == 2
    assert first_free_column(["a", "b"]) == 3
    assert first_free_column([]) == 1


def test_setup_adds_no_column_for_a_renamed_header_and_says_so(office: Office) -> None:
    header = ["รหัสตัวบ่งชี้", "ตัวบ่งชี้", "วันที่รายงานผล"]
    layout = group_layout(office, "อำนวยการ", "admin", RawTable(tab="อำนวยการ", values=[header, ["1.1"]]))
    added = [w.value for w in layout.writes if w.row == 1]
    assert "วันที่รายงาน" not in added and "หลักฐานอ้างอิง" in added  # nothing like หลักฐาน: added
    assert "reported_on" not in layout.columns
    assert len(layout.notes) == 1 and "'วันที่รายงานผล' ใน C1" in layout.notes[0]


# --- tabs ------------------------------------------------------------------------------------------

def test_two_groups_renamed_each_is_found_by_its_own_codes(office: Office) -> None:
    # admin owns 1.1, 2.4, 3.1; policy 1.1, 1.3: 1.1 is both groups'
    tables = without(office, "อำนวยการ", "นโยบายและแผน", a=tab("A", "1.1", "2.4", "3.1"), b=tab("B", "1.1", "1.3"))
    found, notes = find_renamed_tabs(office, tables, {"admin": ["A", "B"], "policy": ["A", "B"]})
    assert {(f.group, f.found, f.how) for f in found} == {("admin", "A", "rows"), ("policy", "B", "rows")}
    assert notes == []


def test_a_row_of_another_groups_indicator_does_not_hide_the_tab(office: Office) -> None:
    tables = without(office, "นโยบายและแผน", b=tab("B", "1.1", "1.3", "2.2"))  # 2.2 is finance's, typed by mistake
    found, _ = find_renamed_tabs(office, tables, {"policy": ["B"]})
    assert [(f.group, f.found) for f in found] == [("policy", "B")]


def test_two_tabs_as_like_the_group_are_said_and_neither_taken(office: Office) -> None:
    tables = without(office, "นโยบายและแผน", b=tab("B", "1.1", "1.3"), c=tab("B (2)", "1.1", "1.3"))
    found, notes = find_renamed_tabs(office, tables, {"policy": ["B", "B (2)"]})
    assert found == [] and len(notes) == 1 and "'B', 'B (2)'" in notes[0] and "tab:" in notes[0]


def test_a_tab_as_like_two_missing_groups_is_said_and_not_taken(office: Office) -> None:
    # 2.1 and 3.2 are owned by promotion and supervision alike
    tables = without(office, "ส่งเสริมการจัดการศึกษา", "นิเทศ ติดตามและประเมินผล", s=tab("S", "2.1", "3.2"))
    found, notes = find_renamed_tabs(office, tables, {"promotion": ["S"], "supervision": ["S"]})
    assert found == [] and len(notes) == 2 and all("'S'" in n for n in notes)


def test_an_alias_comes_first_and_a_tab_with_no_code_column_is_nobodys(office: Office) -> None:
    groups = [g.model_copy(update={"tab_aliases": ["แผนงาน"]}) if g.code == "policy" else g for g in office.groups]
    aliased = office.model_copy(update={"groups": groups})
    tables = without(aliased, "นโยบายและแผน", a=tab("แผนงาน"), b=tab("B", "1.1", "1.3"),
                     n=tab("บันทึก", "1.1", "1.3", header=["เรื่อง", "ผลการดำเนินงาน"]))
    found, _ = find_renamed_tabs(aliased, tables, {"policy": ["แผนงาน", "B", "บันทึก"]})
    assert [(f.found, f.how) for f in found] == [("แผนงาน", "alias")]
    found, _ = find_renamed_tabs(office, {k: v for k, v in tables.items() if k != "B"}, {"policy": ["แผนงาน", "บันทึก"]})
    assert found == []  # without the alias: the tab of notes has no code column, แผนงาน no code


def test_the_offices_own_tabs_are_never_taken(office: Office) -> None:
    names = [*tabs_to_read(office), vocab.STATUS_TAB.upper(), "แผนงาน", "แผนงาน"]
    assert other_tabs(office, names) == ["แผนงาน"]
