"""The briefing meeting pack: the invitation memo and one assignment page per group."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from sheetsync.core import docvocab as v
from sheetsync.core.deadlines import office_today
from sheetsync.core.models import Office
from sheetsync.core.packs import build_assignments, build_invitation
from sheetsync.documents.docxfile import assignments_docx, memo_docx, office_meta
from sheetsync.documents.render import garuda_path, render_formats
from sheetsync.store.folder import sheet_url
from sheetsync.store.history import History


def assignment_links(office: Office, sheet_ids: Mapping[str, int] | None = None) -> dict[str, str]:
    """Group code -> the address the group opens its tab at: on Google Sheets its spreadsheet's URL (with
    #gid= when the tab's sheet id is known: `sheet_ids`, tab -> id); for the workbook the office's
    share path (documents.share_path) when it has one. Never the workbook's path on this machine: the
    groups' PCs cannot open it (build_assignments tells a group without a link whom to ask)."""
    backend = office.backend
    ids = sheet_ids or {}
    if backend.kind == "gsheets":
        return {g.code: sheet_url(g.spreadsheet or backend.spreadsheet, ids.get(g.tab)) for g in office.groups}
    share = office.documents.share_path
    return {g.code: share for g in office.groups} if share else {}


def render_briefing(office: Office, history: History, config_dir: Path, out_dir: Path,
                    formats: Iterable[str] = (), when: date | None = None, at: str | None = None,
                    place: str | None = None, issued_on: date | None = None) -> list[Path]:
    """The briefing meeting's invitation memo and one assignment page per group. Needs no sync. The
    invitation is dated the day it is made (`issued_on`, default today in the office's timezone): it
    is sent when it is printed, whatever day the last sync ran."""
    invitation = build_invitation(office, issued_on or office_today(office.office.timezone), when, at, place)
    sheets = build_assignments(office, assignment_links(office))
    stem = Path(out_dir) / f"briefing-{office.office.fiscal_year}"
    docs = office.documents
    memo_meta = office_meta(office, f"{v.MEMO_TITLE} {invitation.subject}", invitation.issued_on, invitation.subject)
    sheets_meta = office_meta(office, sheets[0].title if sheets else "", invitation.issued_on)
    return render_formats(
        office, config_dir, "briefing", formats, stem.with_name(f"{stem.name}-invitation"), "memo.html",
        {"memo": invitation},
        lambda path: memo_docx(invitation, path, docs.docx_font, docs.font_size, garuda_path(office, config_dir),
                               memo_meta),
    ) + render_formats(
        office, config_dir, "briefing", formats, stem.with_name(f"{stem.name}-assignments"), "briefing.html",
        {"sheets": sheets}, lambda path: assignments_docx(sheets, path, docs.docx_font, docs.font_size, sheets_meta))
