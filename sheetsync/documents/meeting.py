"""The committee meeting pack: agenda and minutes frame, PDF, DOCX and HTML."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from sheetsync.core.changes import diff_runs
from sheetsync.core.evaluate import load_evaluation
from sheetsync.core.models import Office
from sheetsync.core.packs import build_meeting
from sheetsync.documents.docxfile import MEETING, MEMO_PAGE, meeting_docx, narrow_columns, office_meta
from sheetsync.documents.render import render_formats
from sheetsync.documents.safe import cut_cells
from sheetsync.store.history import History, last_evaluation, previous_real_run


def render_meeting(office: Office, history: History, config_dir: Path, out_dir: Path,
                   formats: Iterable[str] = ()) -> list[Path]:
    """The committee meeting's agenda and minutes frame: what changed since the previous real sync
    (diff_runs of the cells people typed), the status now and the open items."""
    ev = cut_cells(last_evaluation(history))
    last = history.last_run()
    before = previous_real_run(history)
    previous = changes = None
    if before is not None and last is not None:
        previous = cut_cells(load_evaluation(history.evaluation(before.id) or {}))
        changes = diff_runs(office, history.raw(before.id), history.raw(last.id))
    meeting = build_meeting(office, ev, previous, changes)
    docs = office.documents
    paths = []

    def narrow(head: list[str], rows: list[list[str]]) -> list[bool]:
        return narrow_columns(head, rows, docs.font_size * MEETING.em, MEMO_PAGE.text_width_pt)

    for part in ("agenda", "minutes"):
        paths += render_formats(
            office, config_dir, "meeting", formats, Path(out_dir) / f"meeting-{part}-{ev.today.isoformat()}",
            "meeting.html", {"meeting": meeting, "part": part, "narrow": narrow},
            partial(meeting_docx, meeting, part, font=docs.docx_font, size=docs.font_size,
                    meta=office_meta(office, meeting.agenda_title if part == "agenda" else meeting.minutes_title,
                                     ev.today)))
    return paths
