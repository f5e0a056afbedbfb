"""The self-assessment report (รายงานการประเมินตนเอง, SAR): HTML and PDF."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sheetsync.core.contents import build_sar
from sheetsync.core.evaluate import Evaluation
from sheetsync.core.models import Office
from sheetsync.documents.render import render_formats
from sheetsync.documents.safe import cut_cells


def sar_stem(office: Office) -> str:
    return f"sar-{office.office.fiscal_year}"


def render_sar(office: Office, ev: Evaluation, config_dir: Path, out_dir: Path,
               formats: Iterable[str] = (), previous: Evaluation | None = None) -> list[Path]:
    sar = build_sar(office, cut_cells(ev), cut_cells(previous))
    return render_formats(office, config_dir, "sar", formats, Path(out_dir) / sar_stem(office), "sar.html", {"sar": sar})
