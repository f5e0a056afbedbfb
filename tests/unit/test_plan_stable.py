"""The core as plain data (issue 16): the next night's plan rewrites no row whose inputs did not change,
an Evaluation still dumps and loads as the same JSON, and cell readings shared across rows stay right."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sheetsync.core import vocab
from sheetsync.core.cells import CellWrite, ColumnMark, Identity, RawTable, WritePlan
from sheetsync.core.columns import INDICATOR_COLUMNS, STATUS_KEYS
from sheetsync.core.evaluate import Evaluation, evaluate, load_evaluation
from sheetsync.core.models import Office
from sheetsync.core.rows import parse_group_tab
from sheetsync.core.status import Texts, plan
from sheetsync.store.config import load_office

REPO = Path(__file__).resolve().parents[2]
OFFICE = load_office(REPO / "config")
ZONE = ZoneInfo("Asia/Bangkok")
STATUS_MARKS = {i: c.key for i, c in enumerate(INDICATOR_COLUMNS, start=1) if c.key in STATUS_KEYS}


def tables(office: Office, typed: dict[str, dict[str, Any]]) -> dict[str, RawTable]:
    """Every group tab as setup lays it out (its status columns marked as the sync's), with `typed`
    (indicator code -> column key -> value) in the rows of every group owning the code."""
    header = [c.label for c in INDICATOR_COLUMNS]
    out = {}
    for g in office.groups:
        rows: list[list[Any]] = [header]
        for ind in office.group_indicators(g.code):
            cells = typed.get(ind.code, {})
            rows.append([ind.code if c.key == "code" else ind.title if c.key == "title" else cells.get(c.key)
                         for c in INDICATOR_COLUMNS])
        out[g.tab] = RawTable(tab=g.tab, values=rows, marks=dict(STATUS_MARKS))
    return out


def written(tabs: dict[str, RawTable], writes: list[CellWrite]) -> dict[str, RawTable]:
    """The tables as they are after `writes` landed (what the next night reads)."""
    out = {name: RawTable(tab=t.tab, values=[list(r) for r in t.values], marks=t.marks) for name, t in tabs.items()}
    for w in writes:
        table = out.setdefault(w.tab, RawTable(tab=w.tab, values=[]))
        while len(table.values) < w.row:
            table.values.append([])
        line = table.values[w.row - 1]
        line.extend([None] * (w.col - len(line)))
        line[w.col - 1] = w.value
    return out


# One row reported for the 6-month round, one with a report date in the future (an error whose message
# once named today), one with a target only; every other row typed nothing (late, or due soon).
TYPED = {
    "1.1": {"result": "ดำเนินการแล้ว", "criteria_met": "1-3", "evidence": "หลักฐาน", "reported_on": "๑๕/๓/๒๕๗๐"},
    "2.2": {"target_value": 95, "result": 92.5, "evidence": "GFMIS", "reported_on": datetime(2027, 12, 1)},
    "1.2": {"target": "ร้อยละ ๙๐"},
}


@pytest.mark.parametrize("first", [date(2027, 4, 7), date(2026, 11, 24)], ids=["round6-overdue", "targets-due-soon"])
def test_the_next_night_writes_no_row_status_cell(first: date) -> None:
    second = first + timedelta(days=1)  # no due date between them
    tabs = tables(OFFICE, TYPED)
    ev1 = evaluate(OFFICE, tabs, first)
    late = [o.progress for v in ev1.outcomes.values() for o in v if o.progress.state in ("overdue", "due_soon")]
    assert late, "the day has late or due-soon rows (else nothing is tested)"
    plan1, _ = plan(OFFICE, ev1, tabs, datetime.combine(first, datetime.min.time(), ZONE).replace(hour=1))
    assert any(w.tab != OFFICE.status_tab for w in plan1.writes)

    tabs2 = written(tabs, plan1.writes)
    ev2 = evaluate(OFFICE, tabs2, second)
    # what once changed the row cells every night: the count of days, and the day's new deadline
    assert {p.days for p in late} != {o.progress.days for v in ev2.outcomes.values() for o in v
                                      if o.progress.state in ("overdue", "due_soon")}
    plan2, _ = plan(OFFICE, ev2, tabs2, datetime.combine(second, datetime.min.time(), ZONE).replace(hour=1))
    assert [w for w in plan2.writes if w.tab != OFFICE.status_tab] == []
    assert (2, 2) in {(w.row, w.col) for w in plan2.writes}  # the Status tab's time of sync still changes


def test_a_late_row_names_its_due_date_and_the_status_tab_counts_the_days() -> None:
    today = date(2027, 4, 7)
    tabs = tables(OFFICE, TYPED)
    ev = evaluate(OFFICE, tabs, today)
    texts = Texts(OFFICE, ev.rounds, ev.dates)
    overdue = next(o.progress for v in ev.outcomes.values() for o in v
                   if o.progress.state == "overdue" and o.progress.milestone == "round6")
    grace_end = ev.dates["round6"].closes_after
    assert grace_end is not None and grace_end >= today
    assert texts.progress(overdue) == (
        "เลยกำหนด (รอบ ๖ เดือน กำหนดส่ง ๓๑ มี.ค. ๒๕๗๐)"
        + vocab.PROGRESS_RESEND_BY.format(day=texts.date(grace_end)))
    _, grid = plan(OFFICE, ev, tabs, datetime.combine(today, datetime.min.time(), ZONE))
    states = {line[6] for line in grid if len(line) == 7 and isinstance(line[6], str)}
    late = [g for g in ev.groups if g.state == "overdue" and g.due is not None]
    assert late
    for g in late:  # the count of days late, said once per group
        name = texts.name(g.milestone or "")
        assert f"{vocab.ST_GROUP_OVERDUE_DAYS.format(days=texts.n((today - g.due).days))} ({name})" in states


def test_a_future_report_date_says_the_same_every_night() -> None:
    tabs = tables(OFFICE, TYPED)
    messages = []
    for day in (date(2027, 4, 7), date(2027, 4, 8)):
        ev = evaluate(OFFICE, tabs, day)
        messages.append(sorted(e.message for e in ev.errors))
    assert messages[0] == messages[1] and any("ซึ่งไม่เลยวันนี้" in m for m in messages[0])


def test_an_evaluation_dumps_and_loads_as_the_same_json() -> None:
    ev = evaluate(OFFICE, tables(OFFICE, TYPED), date(2027, 4, 7))
    data = ev.model_dump(mode="json")
    again = load_evaluation(data)
    assert again.model_dump(mode="json") == data
    outcome = next(o for v in again.outcomes.values() for o in v if o.score is not None)
    assert dataclasses.is_dataclass(outcome) and dataclasses.is_dataclass(outcome.progress)
    assert isinstance(outcome.score.value, float)  # as the model gave it: 3.0, never 3
    assert Evaluation.model_validate(data).model_dump(mode="json") == data


def test_the_plain_cell_writes_keep_the_model_copy_callers() -> None:
    w = CellWrite(tab="ก", row=2, col=14, value=1, identity=Identity(col=1, key="1.1"))
    moved = w.model_copy(update={"tab": "ข"})
    assert (moved.tab, moved.address, moved.identity) == ("ข", "N2", Identity(1, "1.1", "code"))
    assert ColumnMark(tab="ก", col=3, key="state").model_copy(update={"col": 4}).col == 4
    p = WritePlan(writes=[w], notes=["x"])
    q = p.model_copy(update={"writes": []})
    assert (q.writes, q.notes, p.writes) == ([], ["x"], [w])


def test_equal_cells_of_other_types_are_read_apart() -> None:
    """The readings shared across a tab's rows are keyed by the value's type: True is no number, 1 is."""
    group = next(g for g in OFFICE.groups if OFFICE.group_indicators(g.code))
    codes = [i.code for i in OFFICE.group_indicators(group.code) if i.method == "target_percent"][:1]
    if not codes:
        pytest.skip("no target_percent indicator in the example office's first group")
    header = [c.label for c in INDICATOR_COLUMNS]
    col = {c.key: i for i, c in enumerate(INDICATOR_COLUMNS)}
    rows: list[list[Any]] = [header]
    for value in (True, 1, True):
        line: list[Any] = [None] * len(INDICATOR_COLUMNS)
        line[col["code"]], line[col["target_value"]] = codes[0], value
        rows.append(line)
    parse = parse_group_tab(RawTable(tab=group.tab, values=rows), group, OFFICE, date(2027, 4, 7))
    target_errors = [[e.code for e in r.errors if e.column == "target_value"] for r in parse.rows]
    assert target_errors == [["type-error"], [], ["type-error"]]
    assert [r.target_value for r in parse.rows] == [None, 1.0, None]
