"""The self-assessment report (รายงานการประเมินตนเอง, SAR): HTML, PDF and DOCX.

The SAR speaks of the fiscal year's last closed reporting round when there is one (its results as the
round froze them, read from history: what the office reported for it, not the sheets as edited since);
else of the evaluation it is given, naming the day and the round still open. While some owner of an
indicator has no valid report the SAR is a draft: every page says ฉบับร่าง (a margin box of every page)
and part 4 lists what is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from markupsafe import Markup

from sheetsync.core import docvocab as v
from sheetsync.core import thaifmt as f
from sheetsync.core.contents import SarData, build_sar
from sheetsync.core.evaluate import Evaluation
from sheetsync.core.models import Office
from sheetsync.core.roundclose import FrozenRound
from sheetsync.documents.docxfile import office_meta, sar_docx
from sheetsync.documents.render import css_string, garuda_path, render_formats
from sheetsync.documents.safe import cut_cells
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History


def sar_stem(office: Office) -> str:
    return f"sar-{office.office.fiscal_year}"


def last_closed_round(office: Office, config_dir: Path) -> FrozenRound | None:
    """The fiscal year's last closed round in which any row reported (the one due last), as history froze
    it; None before a round closes, or without a history (a SAR from an evaluation alone). A round closed
    with no report for it (closed on its own the same night as the round before it) says nothing of the
    year's results and is passed over, as store.history.previous_year_evaluation does."""
    path = OfficeFolder(config_dir).history
    if not path.is_file():
        return None
    fy = office.office.fiscal_year
    with History(path, read_only=True) as history:
        if history.version < 4:  # no round events yet
            return None
        frozen = [r for r in (history.frozen_round(fy, m.code) for m in office.rounds()) if r is not None and r.reported]
    return max(frozen, key=lambda r: (r.due, r.closed_on)) if frozen else None


def draft_css() -> Markup:
    """ฉบับร่าง at the top right of every page (the cover's and the named pages' too)."""
    return Markup(f"@page {{ @top-right {{ content: {css_string(v.SAR_DRAFT)}; font-weight: 700; }} }}")  # escaped


def render_sar(office: Office, ev: Evaluation, config_dir: Path, out_dir: Path,
               formats: Iterable[str] = (), previous: Evaluation | None = None) -> list[Path]:
    frozen = last_closed_round(office, config_dir)
    sar = build_sar(office, cut_cells(ev), cut_cells(previous), cut_cells(frozen))
    return render_formats(office, config_dir, "sar", formats, Path(out_dir) / sar_stem(office), "sar.html",
                          {"sar": sar, "draft_css": draft_css()}, lambda path: write_sar_docx(office, sar, config_dir, path))


def write_sar_docx(office: Office, sar: SarData, config_dir: Path, path: Path) -> Path:
    """The SAR as DOCX (docxfile.sar_docx), titled and dated as its PDF."""
    title = f"{v.SAR_TITLE} {f.fiscal_year(sar.fiscal_year)} {sar.short_name}"
    docs = office.documents
    return sar_docx(sar, path, docs.docx_font, docs.font_size, office_meta(office, title, sar.as_of),
                    garuda_path(office, config_dir))
