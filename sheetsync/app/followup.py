"""The follow-up after a sync: the memo to the groups that are behind, and the reminders it triggers.

Its own step, run after the sync has written the status cells (app.sync stops at the write): the
memo is written when a milestone is near or past and some group is behind, once per situation (no
spam: the same situation gives back the same memo, already on disk), and each new memo is sent to
the groups it lists (app.reminders). What it wrote is added to the run in history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sheetsync.app.progress import Progress
from sheetsync.app.reminders import send_reminders
from sheetsync.core import vocab
from sheetsync.core.evaluate import Evaluation
from sheetsync.core.models import Office
from sheetsync.documents.memo import issue_memo, memo_files, render_memo
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History


@dataclass
class FollowUp:
    documents: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def write_followup_memo(office: Office, ev: Evaluation, history: History, run_id: int | None, config_dir: Path,
                        out_dir: Path) -> list[Path]:
    """The sync's memo: written when one is due and its files are not there yet; [] otherwise (no spam)."""
    issued = issue_memo(office, ev, history, run_id)
    if issued is None:
        return []
    memo, number, _ = issued
    if all(p.exists() for p in memo_files(out_dir, number)):
        return []
    return render_memo(office, memo, number, config_dir, out_dir)


def follow_up(office: Office, ev: Evaluation, history: History, run_id: int | None, config_dir: Path,
              progress: Progress | None = None) -> FollowUp:
    """The memo (when due) and the reminders after the sync of run `run_id`."""
    progress = progress or Progress(quiet=True)
    progress.step(vocab.STEP_DOCUMENTS)
    written = write_followup_memo(office, ev, history, run_id, config_dir, OfficeFolder(config_dir).out)
    done = FollowUp(documents=[str(p) for p in written])
    if run_id is not None:
        done.warnings += send_reminders(office, ev, history, run_id, config_dir, log=progress.step)
        history.add_followup(run_id, done.documents, done.warnings)
    return done
