"""documents.safe.cut_cells skips in bulk what needs no cut (issue 16); what it gives must be what a cut of
every string, one by one, gives, and what needs nothing must be the very object given."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from pydantic import BaseModel

from sheetsync.core.cells import RawTable
from sheetsync.core.evaluate import evaluate
from sheetsync.core.rows import indicator_columns
from sheetsync.documents.safe import CELL_MAX, clean, cut, cut_cells
from sheetsync.store.config import load_office
from tests.support.cli import REPO


def one_by_one(value: Any) -> Any:
    """The reference: every string cleaned and cut, every container rebuilt."""
    if isinstance(value, str):
        return cut(clean(value), CELL_MAX)
    if isinstance(value, BaseModel):
        return value.model_copy(update={name: one_by_one(getattr(value, name)) for name in type(value).model_fields})
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: one_by_one(getattr(value, f.name))
                                             for f in dataclasses.fields(value)})
    if isinstance(value, list):
        return [one_by_one(v) for v in value]
    if isinstance(value, tuple):
        items = [one_by_one(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict):
        return {k: one_by_one(v) for k, v in value.items()}
    return value


def _evaluation(typed: dict[str, Any]) -> Any:
    office = load_office(REPO / "config")
    columns = indicator_columns(office)
    tables = {}
    for g in office.groups:
        rows: list[list[Any]] = [[c.label for c in columns]]
        for ind in office.group_indicators(g.code):
            cells = {"code": ind.code, "title": ind.title, **typed}
            rows.append([cells.get(c.key) for c in columns])
        tables[g.tab] = RawTable(tab=g.tab, values=rows)
    return evaluate(office, tables, date(2027, 4, 5))


def test_a_cut_in_bulk_is_a_cut_one_by_one() -> None:
    ev = _evaluation({"result": "ก" * (CELL_MAX + 40), "evidence": "หลัก\x07ฐาน", "reported_on": "๓๒/๓/๒๕๗๐"})
    cut_ev = cut_cells(ev)
    assert cut_ev == one_by_one(ev) and cut_ev != ev
    rows = [o.row for outcomes in cut_ev.outcomes.values() for o in outcomes]
    assert rows and all(len(r.result) < CELL_MAX + 40 and "\x07" not in r.evidence for r in rows)


def test_a_character_xml_cannot_hold_is_cut_alone() -> None:
    ev = _evaluation({"result": "ดำเนินการแล้ว", "evidence": "หลัก\x0bฐาน", "reported_on": "๑๕/๓/๒๕๗๐"})
    cut_ev = cut_cells(ev)
    assert cut_ev == one_by_one(ev) and cut_ev != ev
    assert all(o.row.evidence == "หลักฐาน" for outcomes in cut_ev.outcomes.values() for o in outcomes)


def test_what_needs_no_cut_is_the_same_object() -> None:
    ev = _evaluation({"result": "ดำเนินการแล้ว", "evidence": "หลักฐาน", "reported_on": "๑๕/๓/๒๕๗๐"})
    assert cut_cells(ev) is ev and one_by_one(ev) == ev
    mixed = [ev.tabs, ("a", 1, None), {"k": ["b" * (CELL_MAX + 1)]}]
    out = cut_cells(mixed)
    assert out == one_by_one(mixed) and out[0] is ev.tabs and out[1] is mixed[1]
