"""The follow-up memo is short and actionable (issue 19, point 5): per group and indicator the round, the
columns still to fill by their Thai headers, what was found in Thai form, the new deadline; the rows of
no indicator of the group's summarised per tab in one row. Pure: contents built from an evaluation."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from sheetsync.core import thaifmt
from sheetsync.core.cells import RawTable
from sheetsync.core.contents import (
    MEMO_DETAIL_LIMIT,
    MemoLine,
    build_memo,
    code_ranges,
    memo_identity,
    memo_key,
    memo_lines,
    memo_rows,
    row_ranges,
)
from sheetsync.core.evaluate import Evaluation, evaluate
from sheetsync.core.models import Office
from sheetsync.core.rows import cell_error, indicator_columns, quoted
from sheetsync.documents.safe import CELL_MAX, cut_cells
from sheetsync.store.config import load_office
from tests.support.cli import REPO

TODAY = date(2027, 4, 5)  # round 6 was due Wed 31 Mar; the new deadline is 20 Apr (7 working days)
NEW_DUE = date(2027, 4, 20)


@pytest.fixture(scope="module")
def office() -> Office:
    return load_office(REPO / "config")


def tables(office: Office, typed: dict[str, dict[str, dict[str, Any]]],
           extra: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, RawTable]:
    """Each group's tab as setup lays it out (the office's own headers), with what the groups typed and
    rows added below."""
    columns = indicator_columns(office)
    header = [c.label for c in columns]
    out = {}
    for g in office.groups:
        rows: list[list[Any]] = [header]
        for ind in office.group_indicators(g.code):
            cells = {"code": ind.code, "title": ind.title, **typed.get(g.code, {}).get(ind.code, {})}
            rows.append([cells.get(c.key) for c in columns])
        rows += [[cells.get(c.key) for c in columns] for cells in (extra or {}).get(g.code, [])]
        out[g.tab] = RawTable(tab=g.tab, values=rows)
    return out


def memo_of(office: Office, typed: dict[str, dict[str, dict[str, Any]]], extra: dict[str, list[dict[str, Any]]] | None = None,
            today: date = TODAY) -> tuple[Evaluation, list[MemoLine]]:
    ev = evaluate(office, tables(office, typed, extra), today)
    return ev, memo_lines(office, ev)


def line_of(lines: list[MemoLine], group: str, code: str) -> MemoLine:
    (line,) = [x for x in lines if x.group == group and x.code == code and not x.row_problem]
    return line


def todo_of(office: Office, ev: Evaluation, lines: list[MemoLine], group: str) -> list[list[str]]:
    memo = build_memo(office, ev, lines, TODAY)
    (g,) = [x for x in memo.groups if x.code == group]
    return [r.todo for r in g.rows]


# --- the round, the columns to fill, the new deadline ------------------------------------------

def test_not_reported_names_the_round_and_the_columns_of_the_method(office: Office) -> None:
    targets = {g.code: {i.code: {"target": "เป้าหมาย"} for i in office.group_indicators(g.code)} for g in office.groups}
    ev, lines = memo_of(office, targets)
    criteria, percent, self_rated = line_of(lines, "personnel", "2.3"), line_of(lines, "finance", "2.2"), \
        line_of(lines, "teacher_dev", "1.2")
    for line in (criteria, percent, self_rated):
        assert line.ask == "ยังไม่ได้รายงานผลรอบ ๖ เดือน"  # the round, never a bare "not reported"
        assert line.due == NEW_DUE and line.overdue  # the new deadline, not 31 Mar
    assert criteria.fill == "ช่องที่ต้องกรอก: ผลการดำเนินงาน, ประเด็นที่ผ่าน, หลักฐานอ้างอิง และ วันที่รายงาน"
    assert percent.fill == "ช่องที่ต้องกรอก: ค่าเป้าหมาย, ผลการดำเนินงาน, หลักฐานอ้างอิง และ วันที่รายงาน"
    assert self_rated.fill == ("ช่องที่ต้องกรอก: ผลการดำเนินงาน, ระดับที่ประเมินตนเอง, เหตุผลประกอบ, หลักฐานอ้างอิง "
                               "และ วันที่รายงาน")
    assert todo_of(office, ev, lines, "personnel") == [[criteria.ask, criteria.fill]]


def test_only_the_columns_still_blank_and_by_the_offices_own_headers(office: Office) -> None:
    renamed = office.model_copy(update={"columns": {"evidence": "เอกสารอ้างอิง"}})
    typed = {g.code: {i.code: {"target": "เป้าหมาย"} for i in office.group_indicators(g.code)} for g in office.groups}
    typed["finance"]["2.2"]["target_value"] = 95  # the target value is set: not asked again
    _ev, lines = memo_of(renamed, typed)
    assert line_of(lines, "finance", "2.2").fill == "ช่องที่ต้องกรอก: ผลการดำเนินงาน, เอกสารอ้างอิง และ วันที่รายงาน"


def test_no_target_asks_for_the_target_columns(office: Office) -> None:
    _ev, lines = memo_of(office, {}, today=TODAY)
    line = line_of(lines, "finance", "2.2")
    assert line.ask == "ยังไม่ได้กำหนดเป้าหมาย" and line.fill == "ช่องที่ต้องกรอก: เป้าหมาย และ ค่าเป้าหมาย"
    assert line_of(lines, "personnel", "2.3").fill == "ช่องที่ต้องกรอก: เป้าหมาย"  # a criteria indicator: no value


# --- what was found, in Thai form, by column and cell ----------------------------------------------

def test_a_cell_is_named_by_its_column_and_a_date_is_quoted_as_a_thai_date(office: Office) -> None:
    typed = {"finance": {"2.2": {"target": "ร้อยละ ๙๕", "target_value": 95, "result": 92.5, "evidence": "GFMIS",
                                 "reported_on": datetime(2027, 4, 29)}}}  # in the future
    _ev, lines = memo_of(office, typed)
    line = line_of(lines, "finance", "2.2")
    assert line.details == ["วันที่รายงาน (L2) ที่กรอกไว้ '๒๙ เม.ย. ๒๕๗๐' เป็นวันที่ในอนาคต "
                            "กรุณากรอกวันที่ที่รายงานจริง ซึ่งไม่เลยวันนี้"]
    assert line.ask == "แก้ไขข้อมูลผลรอบ ๖ เดือนให้ครบถ้วนและถูกต้อง" and line.due == NEW_DUE
    assert "2027-04-29" not in " ".join(line.details)


def test_a_number_cell_is_quoted_in_thai_digits(office: Office) -> None:
    typed = {"teacher_dev": {"1.2": {"target": "x", "result": "PLC", "self_level": 7, "justification": "ดี",
                                     "evidence": "e", "reported_on": "1/3/2570"}}}
    _ev, lines = memo_of(office, typed)
    (detail,) = line_of(lines, "teacher_dev", "1.2").details
    assert detail == "ระดับที่ประเมินตนเอง (H2) ที่กรอกไว้ '๗' ไม่ใช่ระดับ 1 ถึง 5 กรุณากรอกระดับ 1 ถึง 5 เช่น ๔ หรือ ดีมาก"


@pytest.mark.parametrize(("value", "key", "shown"), [
    (datetime(2027, 3, 29), "reported_on", "๒๙ มี.ค. ๒๕๗๐"),
    (datetime(2027, 3, 29, 14, 30), "reported_on", "๒๙ มี.ค. ๒๕๗๐ ๑๔:๓๐"),
    (date(2570, 3, 29), "reported_on", "๒๙ มี.ค. ๒๕๗๐"),  # a B.E. year typed into a date cell
    (46475, "reported_on", "๒๙ มี.ค. ๒๕๗๐"),  # a Google serial number in the report-date column
    (46475, "result", "๔๖๔๗๕"),  # the same number elsewhere is a number
    (92.5, "result", "๙๒.๕"),
    ("3/3/70", "reported_on", "3/3/70"),  # text stays as typed
    (True, "result", True),
])
def test_quoted(value: object, key: str, shown: object) -> None:
    assert quoted(value, key) == shown


def test_a_cell_errors_value_is_kept_as_typed_not_as_python_prints_it() -> None:
    error = cell_error("t", 3, 12, "reported_on", datetime(2027, 3, 29), "out-of-range", label="วันที่รายงาน",
                       expectation="ต้องไม่เป็นวันที่ในอนาคต")
    assert error.value == "29/3/2570" and error.message.startswith("วันที่รายงานที่กรอกไว้ '๒๙ มี.ค. ๒๕๗๐' ")


# --- rows of no indicator of the group's: one row per tab -----------------------------------------

def test_unknown_and_duplicate_codes_are_one_row_per_tab(office: Office) -> None:
    extra = {"ict": [{"code": f"9.{n}", "result": "x"} for n in range(1, 31)] + [{"code": "2.1", "result": "y"}] * 2
             + [{"code": "2.2", "result": "z"}]}  # row 2 is the tab's own 2.1; 2.2 is finance's
    ev, lines = memo_of(office, {}, extra)
    ict = [x for x in lines if x.group == "ict" and x.row_problem]
    assert len(ict) == 33  # every row is in the memo's identity
    (row,) = [r for r in memo_rows([x for x in lines if x.group == "ict"]) if r.what.startswith("แท็บ")]
    assert row.what == "แท็บ “ศึกษาทางไกลและไอซีที”"
    assert row.todo[:3] == ["รหัสตัวบ่งชี้ที่ไม่รู้จัก ๓๐ แถว (แถว ๓-๓๒)",
                            "รหัสตัวบ่งชี้ซ้ำกับแถวก่อนหน้า ๒ แถว (แถว ๓๓-๓๔) พบ '2.1'",
                            "รหัสตัวบ่งชี้ของกลุ่มอื่น ๑ แถว (แถว ๓๕) พบ '2.2'"]
    assert "ข้อผิดพลาด" in row.todo[3]  # where each row's own message is
    memo = build_memo(office, ev, lines, TODAY)
    (group,) = [g for g in memo.groups if g.code == "ict"]
    assert group.rows[-1].due == min(x.due for x in lines if x.due)  # asked for by the memo's date


def test_row_ranges() -> None:
    assert row_ranges(list(range(2, 4982))) == "๒-๔๙๘๑"
    assert row_ranges([7, 3, 4, 5, 9]) == "๓-๕, ๗, ๙"
    assert row_ranges(list(range(2, 40, 2)), shown=3) == "๒, ๔, ๖ และอีก ๑๖ แถว"


def test_code_ranges() -> None:
    assert code_ranges(["1.1", "1.2", "1.3", "1.5", "2.1", "2.10", "2.11"]) == ("๑.๑-๑.๓, ๑.๕, ๒.๑, ๒.๑๐-๒.๑๑", 0)
    assert code_ranges([f"1.{n}" for n in range(1, 40, 2)], shown=3) == ("๑.๑, ๑.๓, ๑.๕", 17)


def test_a_long_list_counts_the_cells_at_fault_per_column() -> None:
    lines = [MemoLine(group="g", code=f"1.{n}", title="t", problem="p", state="invalid", ask="แก้ไข", row=n + 1,
                      details=[f"หลักฐานอ้างอิง (J{n + 1}) ต้องกรอก"], columns=["หลักฐานอ้างอิง"])
             for n in range(1, MEMO_DETAIL_LIMIT + 6)]
    (row,) = memo_rows(lines)
    assert row.what == "ตัวบ่งชี้ที่ ๑.๑-๑.๒๐ (รวม ๒๐ ตัวบ่งชี้)"
    assert row.todo == ["แก้ไข", "หลักฐานอ้างอิง ๒๐ แถว (แถว ๒-๒๑)"]


def test_the_wording_is_not_the_memos_identity(office: Office) -> None:
    _ev, lines = memo_of(office, {}, {"ict": [{"code": "9.9", "result": "x"}]})
    key = memo_key(lines)
    assert memo_key([x.model_copy(update={"ask": "อื่น", "fill": "", "details": []}) for x in lines]) == key


def test_the_identity_without_the_lines_is_the_identity_of_the_lines(office: Office) -> None:
    """documents.memo asks memo_identity (no wording) first; it must be memo_key of the lines worded from the
    evaluation cut as the documents cut it, long and control-character cells included."""
    long = "ก" * (CELL_MAX + 50)
    typed = {"ict": {ind.code: {"result": long, "evidence": "a\x07b"} for ind in office.group_indicators("ict")[:3]}}
    ev, _ = memo_of(office, typed, {"ict": [{"code": "9.9", "result": long}]})
    whole = cut_cells(ev)
    lines = memo_lines(office, whole)
    assert lines and memo_identity(office, ev, cut_cells) == memo_key(lines)
    assert memo_lines(office, ev, cut_cells) == lines  # cut part by part, as read: the same lines
    assert build_memo(office, ev, lines, TODAY, cut=cut_cells) == build_memo(office, whole, lines, TODAY)
    assert memo_identity(office, evaluate(office, tables(office, {}), date(2026, 10, 2)), cut_cells) is None


def test_the_memo_counts_the_rows_it_lists(office: Office) -> None:
    ev, lines = memo_of(office, {}, {"ict": [{"code": f"9.{n}", "result": "x"} for n in range(1, 101)]})
    memo = build_memo(office, ev, lines, TODAY)
    rows = sum(len(g.rows) for g in memo.groups)
    assert rows < 30 < len(lines)  # a hundred rows of unknown codes are one row of the table, and one item
    assert f"จำนวน {thaifmt.number(rows, 0)} รายการ" in memo.paragraphs[1]
