"""The history store: every run's raw snapshot (saved before any write), outcome, and memo numbers."""

from __future__ import annotations

import json
import math
import sqlite3
import tracemalloc
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
from tests.fakes.bigoffice import fill, make_config
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
        count = sqlite3.connect(path).execute("SELECT COUNT(*) FROM run_tabs WHERE run_id = ?", (run.id,)).fetchone()
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


# --- bounded size (issue 13, point 7) --------------------------------------------------------------

def tab_contents(path: Path, run_id: int) -> dict[str, str]:
    """Tab -> the content hash a run refers to, read around History."""
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT tab, snapshot FROM run_tabs WHERE run_id = ?", (run_id,)).fetchall())
    finally:
        conn.close()


def test_a_tab_unchanged_since_the_last_run_is_stored_once(demo_dir: Path, runner) -> None:
    path = OfficeFolder(demo_dir).history
    office = load_office(demo_dir)
    for _ in range(2):  # the demo's sync read the tabs before their statuses: one sync to write them all
        assert invoke(runner, demo_dir, "sync", "--today", DEMO_DAY).exit_code == 0
    with History(path) as h:
        stored, size = h.snapshot_count(), path.stat().st_size
        second, third = (r.id for r in h.runs()[-2:])
    # Every tab but the Status tab (whose time of sync moves) refers to the content the run before stored.
    unchanged = {t for t, digest in tab_contents(path, third).items() if digest == tab_contents(path, second)[t]}
    assert unchanged >= {g.tab for g in office.groups} | {office.outputs_tab}
    for _ in range(3):
        assert invoke(runner, demo_dir, "sync", "--today", DEMO_DAY).exit_code == 0
    with History(path) as h:
        assert h.snapshot_count() <= stored + 3  # at most the Status tab, once a run
        last = h.raw(h.runs()[-1].id)
        assert all(last[tab] == h.raw(third)[tab] for tab in unchanged)  # each reads back whole
    # Before version 3 a run of the 20-row demo took about 88 KB (every tab's JSON, the evaluation's);
    # now about 14 KB (pages of the run's row, the Status tab, the compressed evaluation).
    assert path.stat().st_size - size < 3 * 24_000


def test_retention_in_office_yaml_applies_after_each_sync(demo_dir: Path, runner) -> None:
    """office.yaml `history: {keep_all_days: 1, then_weekly: false}`: after the next sync, runs recorded
    more than a day ago are gone, except what the commands ask for; memo numbers go on."""
    office_yaml = demo_dir / "office.yaml"
    office_yaml.write_text(office_yaml.read_text(encoding="utf-8") + "\nhistory:\n  keep_all_days: 1\n"
                           "  then_weekly: false\n", encoding="utf-8")
    assert load_office(demo_dir).history.keep_all_days == 1
    path = OfficeFolder(demo_dir).history
    for day in ("2027-04-06", "2027-04-07"):
        assert invoke(runner, demo_dir, "sync", "--dry-run", "--today", day).exit_code == 0
        assert invoke(runner, demo_dir, "sync", "--today", day).exit_code == 0
    conn = sqlite3.connect(path)
    with conn:  # every run so far was recorded ten days ago
        conn.execute("UPDATE runs SET recorded_at = ?", ((datetime.now().astimezone() - timedelta(days=10)).isoformat(),))
    conn.close()
    with History(path) as h:
        before = h.runs()
        memos = [m.number for m in h.memos()]
    assert [(r.dry_run, r.status) for r in before] == [(False, "ok"), (True, "ok"), (False, "ok"), (True, "ok"),
                                                        (False, "ok")]
    assert invoke(runner, demo_dir, "sync", "--today", "2027-04-08").exit_code == 0
    with History(path) as h:
        kept = [r.id for r in h.runs()]
        # the new run and the real sync before it (the brief's trend, meeting, diff); the fiscal year's last
        # real sync is that same one; dry runs and the older real syncs are gone
        assert kept == [before[-1].id, kept[-1]] and kept[-1] > before[-1].id
        assert [m.number for m in h.memos()][:len(memos)] == memos
        assert h.raw(before[-1].id) and h.evaluation(before[-1].id)
    listed = invoke(runner, demo_dir, "history")
    assert listed.exit_code == 0 and len(listed.output.strip().splitlines()) == 2
    diffed = invoke(runner, demo_dir, "diff")
    assert diffed.exit_code == 0, diffed.output


def add_runs(path: Path, count: int, tables: dict[str, RawTable], evaluation: dict, summary: dict,
             writes: list[dict]) -> None:
    """`count` more real syncs as a night records them, each with one cell of one tab changed (so each
    stores a new snapshot of that tab), the same evaluation and summary."""
    with History(path) as h:
        for n in range(count):
            now = datetime.now().astimezone()
            run = h.start_run(now, DAY, dry_run=False)
            tab = next(iter(tables))
            changed = {**tables, tab: RawTable(tab=tab, values=[*tables[tab].values, [f"run {run} {n}"]])}
            h.save_raw(run, changed)
            h.finish_run(run, summary=summary, evaluation=evaluation, writes=writes, errors=0, duration=1.0,
                         requests=0, documents=[])


def peak_of(runner, config: Path, command: str) -> int:
    tracemalloc.start()
    try:
        result = invoke(runner, config, command)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 0, result.output
    return peak


def test_history_and_status_memory_is_flat_in_the_number_of_runs(tmp_path: Path, runner) -> None:
    """`history` and `status` read only what they show: their peak memory (tracemalloc) after 40 runs
    of a 300-row office is that after 5 runs, within 25 % (before: `history` read every run's
    evaluation, summary and writes, `status` every run's evaluation: 149 MiB and 153 MiB after 20 runs
    of 3,000 rows, growing with each run)."""
    config = make_config(tmp_path / "office", per_group=30)
    fill(config)
    assert invoke(runner, config, "sync", "--today", DEMO_DAY).exit_code == 0
    path = OfficeFolder(config).history
    with History(path) as h:
        (run,) = h.runs()
        tables, evaluation = h.raw(run.id), h.evaluation(run.id)
        summary, writes = h.summary(run.id), h.writes(run.id)
    assert evaluation and len(json.dumps(evaluation)) > 300_000  # a run worth measuring
    add_runs(path, 4, tables, evaluation, summary or {}, writes or [])
    for command in ("history", "status"):  # modules imported, caches filled: not what is measured
        assert invoke(runner, config, command).exit_code == 0
    at_5 = {command: peak_of(runner, config, command) for command in ("history", "status")}
    add_runs(path, 35, tables, evaluation, summary or {}, writes or [])
    at_40 = {command: peak_of(runner, config, command) for command in ("history", "status")}
    listed = invoke(runner, config, "history")
    assert len(listed.output.strip().splitlines()) == 40
    for command in ("history", "status"):
        assert at_40[command] / at_5[command] < 1.25, (command, at_5, at_40)


def test_a_sync_records_what_it_evaluated_and_wrote(tmp_path: Path) -> None:
    """History serializes the sync's own objects (issue 16: no model_dump by the caller): the evaluation
    reads back equal to the one the sync returned, the summary as its JSON, and every cell written
    with its address, one per cell the backend wrote."""
    config = make_config(tmp_path / "office", per_group=3)
    fill(config)
    office = load_office(config)
    backend = WorkbookBackend(config / office.backend.path)
    with History(OfficeFolder(config).history) as h:
        summary, ev = sync_office(office, backend, office_now(office, DAY), history=h)
        assert summary.run_id is not None and summary.cells_written > 0
        assert load_evaluation(h.evaluation(summary.run_id) or {}) == ev
        assert h.summary(summary.run_id) == json.loads(summary.model_dump_json())
        writes = h.writes(summary.run_id) or []
        assert len(writes) == summary.cells_written == h.run(summary.run_id).cells_written
        tabs = {g.tab for g in office.groups} | {office.outputs_tab, office.status_tab}
        assert {w["tab"] for w in writes} <= tabs
        assert all(w["cell"][0].isalpha() and w["cell"][-1].isdigit() for w in writes)
