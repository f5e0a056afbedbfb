"""The history store: every run's raw snapshot (saved before any write), outcome, and memo numbers."""

from __future__ import annotations

import json
import math
import sqlite3
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetsync.app.sync import office_now, sync_office
from sheetsync.backends.xlsx import WorkbookBackend
from sheetsync.core.cells import RawTable
from sheetsync.core.errors import BackendError
from sheetsync.core.evaluate import load_evaluation
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import (
    History,
    decode_rows,
    decode_value,
    encode_rows,
    encode_value,
)
from tests.support.cli import DEMO_DAY, invoke

DAY = date.fromisoformat(DEMO_DAY)

cell_values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**53), max_value=2**53), st.text(max_size=30),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(), st.datetimes(),
    st.datetimes(timezones=st.just(timezone(timedelta(hours=7)))), st.times(),
    st.timedeltas(min_value=timedelta(days=-3), max_value=timedelta(days=3)).map(
        lambda d: timedelta(seconds=round(d.total_seconds(), 3))),
)


def same_value(a: object, b: object) -> bool:
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return type(a) is type(b) and a == b


@given(st.lists(st.lists(cell_values, max_size=6), max_size=5))
def test_cell_values_round_trip_with_their_types(rows: list[list[object]]) -> None:
    back = decode_rows(encode_rows(rows))
    assert len(back) == len(rows)
    for row, again in zip(rows, back, strict=True):
        assert all(same_value(a, b) for a, b in zip(row, again, strict=True)), (row, again)


def test_tagged_form_is_plain_json_and_unknown_objects_keep_their_text() -> None:
    assert encode_value(date(2027, 3, 29)) == {"$date": "2027-03-29"}
    assert encode_value(datetime(2027, 3, 29, 8, 30)) == {"$datetime": "2027-03-29T08:30:00"}
    assert encode_value(time(8, 30)) == {"$time": "08:30:00"}
    assert encode_value(float("inf")) == {"$float": "inf"}
    assert encode_value("=IMPORTXML(\"x\")") == "=IMPORTXML(\"x\")"  # text stays text

    class Rich:
        def __str__(self) -> str:
            return "ข้อความ"

    assert decode_value(encode_value(Rich())) == "ข้อความ"
    json.loads(encode_rows([[float("nan"), date(2027, 1, 1)]]))  # strict JSON: no NaN literal
    with pytest.raises(ValueError):
        decode_value({"$nope": 1})


def test_runs_are_recorded_in_order(tmp_path: Path) -> None:
    path = tmp_path / "state" / "history.sqlite"
    with History(path) as h:
        first = h.start_run(datetime(2027, 4, 5, 1, 30), DAY, dry_run=True)
        h.save_raw(first, {"a": RawTable(tab="a", values=[["x", date(2027, 3, 1)]])})
        h.finish_run(first, summary={"rows": 1}, evaluation={"today": DEMO_DAY}, writes=[], errors=0, duration=0.5,
                     requests=0, documents=[])
        second = h.start_run(datetime(2027, 4, 6, 1, 30), date(2027, 4, 6), dry_run=False)
        h.fail_run(second, "BackendError: locked", 0.1)
    assert path.exists()  # the state folder is created
    with History(path) as h:
        runs = h.runs()
        assert [r.id for r in runs] == [first, second]
        assert runs[0].dry_run and runs[0].status == "ok" and runs[0].cells_written == 0
        assert runs[1].status == "failed" and "locked" in (runs[1].failure or "")
        assert h.last_run().id == first  # the failed run is not the last *finished* one
        assert h.last_run(include_dry=False) is None
        assert h.raw(first)["a"].values == [["x", date(2027, 3, 1)]]
        assert h.summary(first) == {"rows": 1}
        assert h.raw(second) == {}


def test_memo_numbers_same_key_same_memo(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite") as h:
        made: list[int] = []

        def make(n: int) -> dict:
            made.append(n)
            return {"number": n}

        a = h.issue_memo("key-a", 7, DAY, None, make)
        again = h.issue_memo("key-a", 7, date(2027, 4, 9), None, make)
        b = h.issue_memo("key-b", 7, date(2027, 4, 9), None, make)
        c = h.issue_memo("key-c", 20, date(2027, 4, 9), None, make)  # the register moved on: start wins
        assert (a.number, again.number, b.number, c.number) == (7, 7, 8, 20)
        assert again.issued_on == DAY and again.data == {"number": 7}  # first issue kept word for word
        assert made == [7, 8, 20]
        assert [m.key for m in h.memos()] == ["key-a", "key-b", "key-c"]


class WriteFails(WorkbookBackend):
    def write(self, plan):  # the disk is full, the file was locked at the last moment...
        raise BackendError("เขียนไฟล์ไม่ได้")


def test_raw_values_are_saved_before_the_write(demo_dir: Path) -> None:
    """Design guarantee 5: a run whose write fails still has what it read in history."""
    office = load_office(demo_dir)
    path = OfficeFolder(demo_dir).history
    with History(path) as h:
        before = len(h.runs())
    with History(path) as h, pytest.raises(BackendError):
        sync_office(office, WriteFails(demo_dir / "office.xlsx"), office_now(office, DAY), history=h)
    with History(path) as h:
        runs = h.runs()
        assert len(runs) == before + 1
        run = runs[-1]
        assert run.status == "failed" and "เขียนไฟล์ไม่ได้" in (run.failure or "")
        raw = h.raw(run.id)
        assert set(raw) == {g.tab for g in office.groups} | {office.outputs_tab, office.status_tab}
        policy = raw["นโยบายและแผน"]
        assert policy.values[0][0] == "รหัสตัวบ่งชี้"
        assert "ประชุมเครือข่ายครบทุกอำเภอ" in policy.values[2]  # what the group typed, as typed
        finance = raw["การเงินและสินทรัพย์"]
        assert any(isinstance(v, datetime) for v in finance.values[1])  # a date cell stays a date
        # The raw rows in the database are committed (another connection sees them).
        count = sqlite3.connect(path).execute("SELECT COUNT(*) FROM raw_tables WHERE run_id = ?", (run.id,)).fetchone()
        assert count[0] == len(raw)


def test_cli_sync_and_dry_run_are_recorded(demo_dir: Path, runner) -> None:
    path = OfficeFolder(demo_dir).history
    with History(path) as h:
        demo_runs = h.runs()
    assert len(demo_runs) == 1 and demo_runs[0].status == "ok"  # the demo's own sync
    dry = invoke(runner, demo_dir, "sync", "--dry-run", "--json", "--today", DEMO_DAY)
    assert dry.exit_code == 0, dry.output
    real = invoke(runner, demo_dir, "sync", "--json", "--today", DEMO_DAY)
    assert real.exit_code == 0, real.output
    with History(path) as h:
        runs = h.runs()[1:]
        assert [(r.dry_run, r.status) for r in runs] == [(True, "ok"), (False, "ok")]
        assert runs[0].cells_written == 0 and h.writes(runs[0].id) == []  # a dry run writes nothing
        assert runs[1].cells_written == json.loads(real.output)["cells_written"]
        assert h.raw(runs[0].id)  # the dry run's raw snapshot is there too
        ev = load_evaluation(h.evaluation(runs[1].id))
        assert ev.today == DAY and ev.office.label == "ดีมาก"
        assert ev.outputs is not None and ev.outputs.rows[0].title == "ระบบนิเทศออนไลน์ NST1 Coaching"
        assert h.summary(runs[1].id)["rows"] == 20
