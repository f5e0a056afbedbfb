"""The core's shortcuts of issue 16 give exactly what the plain way gives: rows built without pydantic's
validation are the rows validation makes, and a Progress shared between rows judged alike is the one
each row would get on its own."""

from __future__ import annotations

import gc
from datetime import date, datetime
from typing import Any

import pytest

from sheetsync.backends import open_backend
from sheetsync.core.cells import RawTable, UncomputedFormula
from sheetsync.core.collector import collector_paused
from sheetsync.core.columns import INDICATOR_COLUMNS
from sheetsync.core.deadlines import Schedule, _after_close, _row_progress, row_progress
from sheetsync.core.layout import tabs_to_read
from sheetsync.core.models import Office
from sheetsync.core.rounds import Closed, RoundBook, fingerprint, row_key
from sheetsync.core.rows import IndicatorRow, locate_columns, parse_group_tab
from sheetsync.store.config import load_office
from tests.fakes.bigoffice import fill, make_config

DAYS = (date(2026, 11, 2), date(2027, 3, 25), date(2027, 4, 5), date(2027, 9, 29))

# What people type that the parser must read (or refuse) cell by cell, put into some rows of each tab.
ODD: dict[str, list[Any]] = {
    "reported_on": ["๑/๔/๒๕๗๐", "๔/๔/๒๕๗๐", "31/2/2570", "2027-03-01", "พรุ่งนี้", UncomputedFormula("=TODAY()")],
    "result": ["๘๕", "  ", 12.5, True, UncomputedFormula("=A1")],
    "target_value": ["ร้อยละ ๘๐", "80 คน", "ไม่ทราบ", 0],
    "criteria_met": ["1-3", "๑,๒,๔", "6", "ทุกข้อ"],
    "self_level": ["ดีมาก", "๔", 7, "ปานกลาง"],
    "code": ["", "9.99", " 1.1 ", "ตัวบ่งชี้ที่ ๒.๑"],
}


@pytest.fixture(scope="module")
def office_tables(tmp_path_factory: pytest.TempPathFactory) -> tuple[Office, dict[str, RawTable]]:
    directory = make_config(tmp_path_factory.mktemp("shortcuts") / "office", per_group=12)
    fill(directory)
    office = load_office(directory)
    tables = open_backend(office, directory).read(tabs_to_read(office))
    lines = {g.tab: [list(line) for line in tables[g.tab].values] for g in office.groups}
    odd = [(key, value) for key, typed in ODD.items() for value in typed]
    for k, (key, value) in enumerate(odd):  # one odd value a row, spread over the tabs
        tab = office.groups[k % len(office.groups)].tab
        found, _ = locate_columns(lines[tab][0], INDICATOR_COLUMNS)
        line = lines[tab][1 + k // len(office.groups)]
        line.extend([None] * (found[key] - len(line)))
        line[found[key] - 1] = value
    changed = {tab: RawTable(tab=tab, values=values) for tab, values in lines.items()}
    return office, {**tables, **changed}


def _rows(office: Office, tables: dict[str, RawTable], today: date) -> list[IndicatorRow]:
    return [row for g in office.groups for row in parse_group_tab(tables[g.tab], g, office, today).rows]


def test_a_parsed_row_is_the_row_validation_makes(office_tables: tuple[Office, dict[str, RawTable]]) -> None:
    office, tables = office_tables
    rows = _rows(office, tables, date(2027, 4, 5))
    assert len(rows) == 120 and any(r.errors for r in rows) and any(r.reported for r in rows)
    for row in rows:
        made = IndicatorRow(**{name: getattr(row, name) for name in row.model_fields_set})
        assert made == row and made.model_fields_set == row.model_fields_set, row
        for name in IndicatorRow.model_fields:
            assert type(getattr(made, name)) is type(getattr(row, name)), (row.tab, row.row, name)
        assert row.model_dump() == made.model_dump()


def _closed_round6(rows: list[IndicatorRow]) -> RoundBook:
    """round6 closed on 1 Apr 2027, as frozen from every other row (the rest edited since, or new)."""
    frozen = {row_key(r.tab, r.code): fingerprint(r) if n % 3 else "edited" for n, r in enumerate(rows) if n % 2}
    closed = Closed(closed_on=date(2027, 4, 1), by="ผู้ประสานงาน", at=datetime(2027, 4, 1, 18, 0), reported=len(frozen),
                    total=len(rows), fingerprints=frozen, reported_keys=frozenset(frozen))
    return RoundBook(closed={"round6": closed})


@pytest.mark.parametrize(("today", "closed"), [(day, False) for day in DAYS] + [(date(2027, 4, 5), True)])
def test_a_shared_progress_is_each_rows_own(office_tables: tuple[Office, dict[str, RawTable]], today: date,
                                            closed: bool) -> None:
    office, tables = office_tables
    rows = [r for r in _rows(office, tables, today) if r.indicator]
    book = _closed_round6(rows) if closed else None
    shared = Schedule.of(office, today, book)
    judged = [row_progress(row, office.milestones, shared) for row in rows]
    assert len({id(p) for p in judged}) < len(rows)  # shared indeed
    if closed:
        assert {p.edited_after_close for p in judged} == {True, False}
    for row, progress in zip(rows, judged, strict=True):
        alone = Schedule.of(office, today, book)
        after = _after_close(row, alone.relevant(office.milestones, row.indicator or "", row.group), alone)
        assert progress == _row_progress(row, office.milestones, alone, after), (row.tab, row.row)


def test_the_collector_is_paused_inside_and_left_as_it_was_after() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause leaves the outer one in charge
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()
