"""The follow-up after a sync: the memo to the groups that are behind, and the reminders and chat
digests it triggers (app.reminders, app.notify).

Its own step, run after the sync has written the status cells (app.sync stops at the write): the
memo is written when a milestone is near or past and some group is behind, once per situation (no
spam: the same situation gives back the same memo, already on disk), and each new memo is sent to
the groups it lists (app.reminders). What it wrote is added to the run in history.

Two halves, so that documents never hold up a sync (issue 16): rendering a memo takes seconds
(WeasyPrint), deciding it takes none of them.
- `decide_followup`, under the sync's lock: what must happen once is decided and recorded in history,
  the memo's number and content (documents.memo.issue_memo) and, for a new memo with reminders on,
  one reminder owed to each group it lists (app.reminders.owe_reminders). No file, no network.
- `finish_followup`, once the lock is released (by `sheetsync sync` itself, or by `sheetsync report
  memo` after `sync --no-documents`): the files of the memo decided and of any memo still pending (its
  files never written: the process died after the release, or rendering failed, or the sync ran with
  --no-documents), then the reminders owed, which attach the memo's PDF, under their own lock
  (app.reminders: exactly once per memo and group, even with two syncs racing).
A memo is pending while its files are not in out/ and the run that issued it does not list them; the
files written are added to that run's documents (and to the run that wrote them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sheetsync.app.notify import owe_notices, send_notices, send_owed_notices
from sheetsync.app.progress import Progress
from sheetsync.app.reminders import owe_reminders, send_owed, send_reminders
from sheetsync.core import vocab
from sheetsync.core.contents import MemoData
from sheetsync.core.evaluate import Evaluation
from sheetsync.core.models import Office
from sheetsync.documents.memo import issue_memo, memo_files, render_memo
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History, MemoRecord


@dataclass
class FollowUp:
    documents: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Decision:
    """What the sync of `run_id` decided under its lock: the memo its situation calls for (None when
    none is due), numbered and recorded, and whether this sync issued it."""

    run_id: int | None
    memo: MemoData | None = None
    number: int = 0
    new: bool = False


def decide_followup(office: Office, ev: Evaluation, history: History, run_id: int | None) -> Decision:
    """The memo this evaluation calls for, numbered and recorded, and the reminders it owes (a new memo
    only: the same situation on a later night owes nothing more). Under the sync's lock: two syncs never
    number the same memo twice, nor both owe its e-mails."""
    issued = issue_memo(office, ev, history, run_id)
    if issued is None:
        return Decision(run_id)
    memo, number, new = issued
    if new and run_id is not None:
        owe_reminders(office, history, memo, run_id)
        owe_notices(office, history, memo, run_id)
    return Decision(run_id, memo, number, new)


def _rendered(run_documents: list[str], files: list[Path]) -> bool:
    """The run lists these files among its documents (by name: --config may be another spelling of the folder)."""
    names = {Path(d).name for d in run_documents}
    return all(f.name in names for f in files)


def pending_memos(history: History, out_dir: Path) -> list[MemoRecord]:
    """Memos issued by a sync whose files were never written: not all in `out_dir`, and not listed by
    the run that issued them (a memo whose files were written, then deleted, is not written again)."""
    pending = []
    for record in history.memos():
        files = memo_files(out_dir, record.number)
        if record.run_id is None or all(f.exists() for f in files):
            continue
        run = history.run(record.run_id)
        if run is not None and not _rendered(run.documents, files):
            pending.append(record)
    return pending


def write_followup_memo(office: Office, ev: Evaluation, history: History, run_id: int | None, config_dir: Path,
                        out_dir: Path) -> list[Path]:
    """The sync's memo: written when one is due and its files are not there yet; [] otherwise (no spam).
    Decides and renders at once (for a caller that holds no lock to release in between)."""
    decision = decide_followup(office, ev, history, run_id)
    return _render_decided(office, decision, config_dir, out_dir)


def _render_decided(office: Office, decision: Decision, config_dir: Path, out_dir: Path) -> list[Path]:
    if decision.memo is None or all(p.exists() for p in memo_files(out_dir, decision.number)):
        return []
    return render_memo(office, decision.memo, decision.number, config_dir, out_dir)


def render_pending(office: Office, history: History, config_dir: Path, decision: Decision | None = None,
                   ) -> list[Path]:
    """The files of the memo `decision` names (when missing) and of every pending memo, oldest first.
    Each memo's files are recorded with the run that issued it as soon as they are written, so that a
    failure with the next one keeps what was done."""
    out_dir = OfficeFolder(config_dir).out
    written: list[Path] = []
    todo = [(r.run_id, MemoData.model_validate(r.data), r.number) for r in pending_memos(history, out_dir)]
    if decision is not None and decision.memo is not None and all(n != decision.number for _, _, n in todo):
        todo.append((decision.run_id, decision.memo, decision.number))
    for issued_by, memo, number in sorted(todo, key=lambda t: t[2]):
        if all(p.exists() for p in memo_files(out_dir, number)):
            continue  # the current memo, on disk already: the same situation writes nothing again
        paths = render_memo(office, memo, number, config_dir, out_dir)
        if issued_by is not None:
            history.add_followup(issued_by, [str(p) for p in paths], [])
        written += paths
    return written


def finish_followup(office: Office, history: History, config_dir: Path, decision: Decision,
                    progress: Progress | None = None) -> FollowUp:
    """After the lock is released: the memo files still to write, then the reminders owed (see the
    module docstring). What it did is added to the run of `decision` in history."""
    progress = progress or Progress(quiet=True)
    written = render_pending(office, history, config_dir, decision)
    done = FollowUp(documents=[str(p) for p in written])
    if decision.run_id is not None:
        # The chats first: a group LINE's allowance cannot cover is owed the e-mail instead, sent next.
        done.warnings += send_owed_notices(office, history, decision.run_id, config_dir, decision.memo, log=progress.step)
        done.warnings += send_owed(office, history, decision.run_id, config_dir, decision.memo, log=progress.step)
        history.add_followup(decision.run_id, done.documents, done.warnings)
    return done


def catch_up(office: Office, history: History, config_dir: Path, run_id: int | None) -> FollowUp:
    """What syncs left to do after their lock (`sheetsync report memo`, after `sync --no-documents` or a
    sync that died): every pending memo's files, then every reminder owed, marked as sent by `run_id`
    (the last run). A failed send is the next sync's to try again, as ever."""
    written = render_pending(office, history, config_dir)
    done = FollowUp(documents=[str(p) for p in written])
    if run_id is not None:
        done.warnings += send_owed_notices(office, history, run_id, config_dir, None)
        done.warnings += send_owed(office, history, run_id, config_dir, None)
    return done


def follow_up(office: Office, ev: Evaluation, history: History, run_id: int | None, config_dir: Path,
              progress: Progress | None = None) -> FollowUp:
    """The memo (when due) and the reminders after the sync of run `run_id`, both halves at once (the
    demo, the bench: no lock to release in between), through write_followup_memo as before."""
    progress = progress or Progress(quiet=True)
    progress.step(vocab.STEP_DOCUMENTS)
    written = write_followup_memo(office, ev, history, run_id, config_dir, OfficeFolder(config_dir).out)
    written += render_pending(office, history, config_dir)  # tonight's memo is on disk by now
    done = FollowUp(documents=[str(p) for p in written])
    if run_id is not None:
        done.warnings += send_notices(office, ev, history, run_id, config_dir, log=progress.step)
        done.warnings += send_reminders(office, ev, history, run_id, config_dir, log=progress.step)
        history.add_followup(run_id, done.documents, done.warnings)
    return done
