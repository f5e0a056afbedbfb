"""The briefing meeting pack: the invitation memo and one assignment page per group."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sheetsync.core.deadlines import office_today
from sheetsync.core.models import Office
from sheetsync.core.packs import build_assignments, build_invitation
from sheetsync.documents.docxfile import assignments_docx, memo_docx
from sheetsync.documents.render import garuda_path, render_formats
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History


def render_briefing(office: Office, history: History, config_dir: Path, out_dir: Path,
                    formats: Iterable[str] = (), when: date | None = None, at: str | None = None,
                    place: str | None = None) -> list[Path]:
    """The briefing meeting's invitation memo and one assignment page per group. Needs no sync: dated
    the last sync's day when there is one, else today in the office's timezone."""
    run = history.last_run()
    issued_on = run.today if run else office_today(office.office.timezone)
    invitation = build_invitation(office, issued_on, when, at, place)
    places = OfficeFolder(config_dir)
    sheets = build_assignments(office, {g.code: places.group_link(office, g) for g in office.groups})
    stem = Path(out_dir) / f"briefing-{office.office.fiscal_year}"
    docs = office.documents
    return render_formats(
        office, config_dir, "briefing", formats, stem.with_name(f"{stem.name}-invitation"), "memo.html",
        {"memo": invitation},
        lambda path: memo_docx(invitation, path, docs.docx_font, docs.font_size, garuda_path(office, config_dir)),
    ) + render_formats(
        office, config_dir, "briefing", formats, stem.with_name(f"{stem.name}-assignments"), "briefing.html",
        {"sheets": sheets}, lambda path: assignments_docx(sheets, path, docs.docx_font, docs.font_size))
