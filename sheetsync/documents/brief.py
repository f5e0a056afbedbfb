"""The director's one-page brief: PDF, DOCX and HTML."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sheetsync.core.models import Office
from sheetsync.core.packs import build_brief
from sheetsync.documents.docxfile import brief_docx, office_meta
from sheetsync.documents.render import render_formats
from sheetsync.documents.safe import cut_cells
from sheetsync.store.history import History, last_evaluation, previous_real_evaluation


def render_brief(office: Office, history: History, config_dir: Path, out_dir: Path,
                 formats: Iterable[str] = ()) -> list[Path]:
    ev = cut_cells(last_evaluation(history))
    brief = build_brief(office, ev, cut_cells(previous_real_evaluation(history)))
    docs = office.documents
    meta = office_meta(office, brief.title, ev.today)
    return render_formats(office, config_dir, "brief", formats, Path(out_dir) / f"brief-{ev.today.isoformat()}",
                          "brief.html", {"brief": brief},
                          lambda path: brief_docx(brief, path, docs.docx_font, docs.font_size, meta))
