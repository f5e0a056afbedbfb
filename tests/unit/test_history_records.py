"""How a run's records are stored (issue 16: cheap to write): history serializes what it is given
itself (pydantic models, dataclasses, named tuples, dicts), the cells written go in compactly, a tab's
snapshot text is the same as before the fast encoder (so an unchanged tab still finds the snapshot
stored by an older sheetsync), and a run recorded before the change reads back as it did."""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, NamedTuple

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from sheetsync.core.cells import RawTable, UncomputedFormula
from sheetsync.store.history import WRITES_FORMAT, History, encode_rows, encode_value

DAY = date(2027, 4, 5)
AT = datetime(2027, 4, 5, 1, 30, tzinfo=timezone(timedelta(hours=7)))


def reference_rows(values: list[list[Any]]) -> str:
    """The snapshot text exactly as sheetsync wrote it before issue 16: each value tagged, then json.dumps."""
    return json.dumps([[encode_value(v) for v in row] for row in values], ensure_ascii=False, allow_nan=False)


def stored(path: Path, run_id: int, column: str) -> Any:
    """A run's column as JSON, read around History (compressed or not)."""
    conn = sqlite3.connect(path)
    try:
        (value,) = conn.execute(f"SELECT {column} FROM runs WHERE id = ?", (run_id,)).fetchone()
    finally:
        conn.close()
    return json.loads(zlib.decompress(value) if isinstance(value, bytes) else value)


class Rich:
    def __str__(self) -> str:
        return "ข้อความ"


cells = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**53), max_value=2**53), st.text(max_size=20),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(), st.datetimes(), st.times(),
    st.timedeltas(min_value=timedelta(days=-3), max_value=timedelta(days=3)),
    st.text(max_size=10).map(UncomputedFormula), st.just(Rich()),
)


@given(st.lists(st.lists(cells, max_size=6), max_size=5))
def test_snapshot_text_is_the_same_as_before_the_fast_encoder(rows: list[list[Any]]) -> None:
    assert encode_rows(rows) == reference_rows(rows)


def test_an_unchanged_tab_finds_the_snapshot_an_older_sheetsync_stored(tmp_path: Path) -> None:
    values = [["รหัส", "วันที่", "ผล"], ["1.1", date(2027, 3, 1), 80.5], ["1.2", datetime(2027, 3, 2, 8, 30), None]]
    path = tmp_path / "history.sqlite"
    with History(path) as h:
        old = h.start_run(AT, DAY, dry_run=False)
    data = reference_rows(values).encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    conn = sqlite3.connect(path)
    with conn:  # as the code before issue 16 stored it: zlib's default level
        conn.execute("INSERT INTO snapshots (hash, size, cells) VALUES (?, ?, ?)", (digest, len(data), zlib.compress(data)))
        conn.execute("INSERT INTO run_tabs (run_id, attempt, position, tab, snapshot) VALUES (?, 1, 0, 'a', ?)",
                     (old, digest))
    conn.close()
    with History(path) as h:
        new = h.start_run(AT, DAY, dry_run=False)
        h.save_raw(new, {"a": RawTable(tab="a", values=values)})
        assert h.snapshot_count() == 1  # the same content, one copy
        assert h.raw(new)["a"].values == h.raw(old)["a"].values == values


def test_a_run_recorded_before_issue_16_reads_back_as_it_did(tmp_path: Path) -> None:
    """Summary as json.dumps text, evaluation and writes as zlib-compressed json.dumps (level 6), the
    writes a list of {tab, cell, value}: what every existing office's history holds."""
    path = tmp_path / "history.sqlite"
    summary = {"rows": 2, "warnings": ["คำเตือน"], "synced_at": "2027-04-05T01:30:00+07:00"}
    evaluation = {"today": "2027-04-05", "errors": [{"tab": "งานบริหาร", "cell": "F3"}]}
    writes = [{"tab": "งานบริหาร", "cell": "N2", "value": "ถูกต้อง"}, {"tab": "งานบริหาร", "cell": "P2", "value": 76.25}]
    with History(path) as h:
        run = h.start_run(AT, DAY, dry_run=False)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE runs SET status = 'ok', summary = ?, evaluation = ?, writes = ?, cells_written = 2 "
                     "WHERE id = ?",
                     (json.dumps(summary, ensure_ascii=False),
                      zlib.compress(json.dumps(evaluation, ensure_ascii=False).encode()),
                      zlib.compress(json.dumps(writes, ensure_ascii=False).encode()), run))
    conn.close()
    with History(path) as h:
        assert h.summary(run) == summary
        assert h.evaluation(run) == evaluation
        assert h.writes(run) == writes
        h.add_followup(run, ["out/memo.pdf"], ["ส่งไม่ได้"])  # the follow-up rewrites an old summary too
        assert h.summary(run) == {**summary, "documents": ["out/memo.pdf"], "warnings": ["คำเตือน", "ส่งไม่ได้"]}


def test_cells_written_are_stored_tab_by_tab_and_read_back_as_addresses(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    writes = [("งานบริหาร", 2, 14, "ถูกต้อง"), ("งานบริหาร", 3, 16, 76.25), ("สถานะ", 1, 1, None),
              ("งานบริหาร", 12, 28, True), ("สถานะ", 2, 2, 7)]
    with History(path) as h:
        run = h.start_run(AT, DAY, dry_run=False)
        h.finish_run(run, summary={}, evaluation={}, writes=writes, errors=0, duration=1.0, requests=3, documents=[])
        assert h.run(run).cells_written == 5
        assert h.writes(run) == [
            {"tab": "งานบริหาร", "cell": "N2", "value": "ถูกต้อง"}, {"tab": "งานบริหาร", "cell": "P3", "value": 76.25},
            {"tab": "งานบริหาร", "cell": "AB12", "value": True},
            {"tab": "สถานะ", "cell": "A1", "value": None}, {"tab": "สถานะ", "cell": "B2", "value": 7},
        ]
        assert h.evaluation(run) is None  # an empty evaluation (a restore's) is none
    assert stored(path, run, "writes") == {"format": WRITES_FORMAT, "tabs": {
        "งานบริหาร": [[2, 14, "ถูกต้อง"], [3, 16, 76.25], [12, 28, True]], "สถานะ": [[1, 1, None], [2, 2, 7]]}}


def test_a_restores_writes_keep_their_values_types(tmp_path: Path) -> None:
    """A restore hands {tab, cell, value} with the values people typed: a date stays a date, an
    infinite float or a time too (before, a date there could not be written as JSON at all)."""
    writes = [{"tab": "ก", "cell": "C4", "value": date(2027, 3, 1)}, {"tab": "ก", "cell": "$D$5", "value": float("inf")},
              {"tab": "ข", "cell": "aa7", "value": time(8, 30)}, {"tab": "ข", "cell": "A8", "value": "ข้อความ"}]
    with History(tmp_path / "history.sqlite") as h:
        run = h.start_run(AT, DAY, dry_run=False)
        h.finish_run(run, summary={"restore": {"from_run": 1, "tab": "ก", "range": "C4:D5"}}, evaluation={},
                     writes=writes, errors=0, duration=0.1, requests=2, documents=[])
        back = h.writes(run)
    assert back is not None and [w["cell"] for w in back] == ["C4", "D5", "AA7", "A8"]
    assert back[0]["value"] == date(2027, 3, 1) and math.isinf(back[1]["value"])
    assert back[2]["value"] == time(8, 30) and back[3]["value"] == "ข้อความ"


class Score(NamedTuple):
    value: float
    level: int


@dataclass
class Outcome:
    code: str
    due: date
    score: Score


class Report(BaseModel):
    today: date
    synced_at: datetime
    outcomes: dict[str, list[Outcome]]
    note: str | None = None


def test_models_dataclasses_and_named_tuples_are_serialized_by_history(tmp_path: Path) -> None:
    """Whatever form the core's objects take (pydantic models, dataclasses, named tuples), history
    writes them as model_dump(mode="json") would: names as fields, dates in ISO 8601."""
    report = Report(today=DAY, synced_at=AT, outcomes={"งานบริหาร": [Outcome("1.1", date(2027, 3, 31), Score(76.25, 2))]})
    expected = {"today": "2027-04-05", "synced_at": "2027-04-05T01:30:00+07:00", "note": None,
                "outcomes": {"งานบริหาร": [{"code": "1.1", "due": "2027-03-31", "score": [76.25, 2]}]}}
    with History(tmp_path / "history.sqlite") as h:
        run = h.start_run(AT, DAY, dry_run=False)
        h.finish_run(run, summary=report, evaluation=report, writes=[], errors=0, duration=1.0, requests=0,
                     documents=[])
        assert h.summary(run) == expected == h.evaluation(run)
        assert h.writes(run) == []
        assert h.summary(run) == json.loads(json.dumps(report.model_dump(mode="json")))
