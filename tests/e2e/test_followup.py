"""The sync stops at the write; the follow-up (memo, reminders) is its own step after it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sheetsync.app.followup import follow_up
from sheetsync.app.sync import office_now, sync_office
from sheetsync.backends.xlsx import WorkbookBackend
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from tests.support.cli import DEMO_DAY


def test_the_sync_writes_no_document_and_the_follow_up_writes_the_memo(demo_dir: Path) -> None:
    places = OfficeFolder(demo_dir)
    shutil.rmtree(places.out)
    shutil.rmtree(places.state)  # memo numbering starts afresh: the demo's memo is due again
    office = load_office(demo_dir)
    now = office_now(office, date.fromisoformat(DEMO_DAY))
    with History(places.history) as history:
        summary, ev = sync_office(office, WorkbookBackend(places.file(office.backend.path)), now, history=history)
        assert summary.documents == [] and not places.out.exists()  # the sync stopped at the write
        run = history.last_run()
        assert run is not None and run.id == summary.run_id and run.status == "ok" and run.documents == []

        done = follow_up(office, ev, history, summary.run_id, demo_dir)
        assert sorted(Path(p).name for p in done.documents) == ["memo-0001.docx", "memo-0001.pdf"]
        assert all(Path(p).is_file() for p in done.documents)
        run = history.run(summary.run_id)
        assert run is not None and run.documents == done.documents  # recorded with the run it follows
        assert history.summary(summary.run_id)["documents"] == done.documents

        again = follow_up(office, ev, history, summary.run_id, demo_dir)
        assert again.documents == []  # the same situation: the memo is already there, nothing rewritten
