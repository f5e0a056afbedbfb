"""History's times are the office's (issue 15, point 5): stored with the office's offset whatever the
machine's clock is set to, and a file written before that (the machine's offset, often +00:00) reads
as the same moments, handed out in the office's timezone, without a schema change."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sheetsync.store.history import SCHEMA_VERSION, History

BANGKOK = ZoneInfo("Asia/Bangkok")


def test_every_time_is_stored_in_the_office_s_timezone(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    with History(path) as h:  # the default zone: the Thai offices' own
        run = h.start_run(datetime(2027, 4, 4, 18, 30, tzinfo=UTC), date(2027, 4, 5), dry_run=False)
        h.finish_run(run, summary={}, evaluation={}, writes=[], errors=0, duration=1.0, requests=0, documents=[])
        h.mark_reminder("memo", "G1", "sent", ["a@example.org"], run)
        h.reopen_round(2570, "M1", date(2027, 4, 5), "ผู้ประสานงาน")
        naive = h.start_run(datetime(2027, 4, 5, 1, 30), date(2027, 4, 5), dry_run=True)  # wall clock: the office's
    with sqlite3.connect(path) as conn:
        stored = [t for row in conn.execute("SELECT started_at, finished_at, recorded_at FROM runs") for t in row if t]
        stored += [r[0] for r in conn.execute("SELECT at FROM reminders")]
        stored += [r[0] for r in conn.execute("SELECT at FROM round_events")]
    assert stored and all(t.endswith("+07:00") for t in stored), stored
    assert stored[0] == "2027-04-05T01:30:00+07:00"  # the same moment as 18:30 UTC, in Bangkok
    with History(path, read_only=True) as h:
        again = h.run(naive)
        assert again is not None and again.started_at == datetime(2027, 4, 5, 1, 30, tzinfo=BANGKOK)


def test_an_older_history_in_utc_reads_in_the_office_s_timezone(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    with History(path):
        pass
    with sqlite3.connect(path) as conn:  # what a sheetsync before issue 15 wrote on a machine set to UTC
        conn.execute("INSERT INTO runs (started_at, today, dry_run, status, finished_at, recorded_at) "
                     "VALUES ('2027-04-04T18:30:00+00:00', '2027-04-05', 0, 'ok', '2027-04-04T18:31:00+00:00', "
                     "'2027-04-04T18:30:00+00:00')")
        conn.execute("INSERT INTO round_events (fiscal_year, code, event, on_day, at, by) "
                     "VALUES (2570, 'M1', 'reopened', '2027-04-05', '2027-04-04T18:30:00+00:00', 'x')")
    with History(path, zone="Asia/Bangkok") as h:
        assert h.version == SCHEMA_VERSION
        (run,) = h.runs()
        assert run.started_at == datetime(2027, 4, 5, 1, 30, tzinfo=BANGKOK)  # the same moment
        assert run.started_at.utcoffset() == timedelta(hours=7) and run.finished_at is not None
        assert run.finished_at.utcoffset() == timedelta(hours=7)
        (event,) = h.round_events(2570)
        assert event.at.utcoffset() == timedelta(hours=7) and event.at.hour == 1
