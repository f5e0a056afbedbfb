"""`sheetsync report KIND`: a document from the last run in history, without reading the sheets."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sheetsync.core import vocab
from sheetsync.core.errors import UsageError
from sheetsync.core.models import Office
from sheetsync.documents.brief import render_brief
from sheetsync.documents.briefing import render_briefing
from sheetsync.documents.meeting import render_meeting
from sheetsync.documents.memo import issue_memo, render_memo
from sheetsync.documents.order import render_order
from sheetsync.documents.package import render_package
from sheetsync.documents.render import check_formats
from sheetsync.documents.sar import render_sar
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History, last_evaluation, previous_year_evaluation

PACKS: dict[str, Callable[[Office, History, Path, Path, Iterable[str]], list[Path]]] = {
    "brief": render_brief, "package": render_package, "meeting": render_meeting,
}


def render_report(config_dir: Path, kind: str, formats: Iterable[str] = (), out_dir: Path | None = None,
                  briefing: dict[str, Any] | None = None) -> list[Path]:
    """`sheetsync report sar|memo|order|brief|package|meeting|briefing`.

    `briefing`: the briefing meeting's date, time ("HH:MM") and place (keys when, at, place); for
    `briefing` only."""
    formats = check_formats(kind, formats)
    options = {k: x for k, x in (briefing or {}).items() if x is not None}
    if options and kind != "briefing":
        raise UsageError(vocab.DOC_BRIEFING_ONLY.format(kind=kind), vocab.DOC_BRIEFING_ONLY_HINT)
    office = load_office(config_dir)
    places = OfficeFolder(config_dir)
    out = Path(out_dir) if out_dir is not None else places.out
    if kind == "order":
        return render_order(office, config_dir, out, formats)
    with History(places.history) as history:
        if kind == "briefing":
            return render_briefing(office, history, config_dir, out, formats, **options)
        if kind in PACKS:
            return PACKS[kind](office, history, config_dir, out, formats)
        ev = last_evaluation(history)
        if kind == "sar":
            previous = previous_year_evaluation(history, office.office.fiscal_year)
            return render_sar(office, ev, config_dir, out, formats, previous)
        run = history.last_run()
        issued = issue_memo(office, ev, history, run.id if run else None)
    if issued is None:
        return []
    memo, number, _ = issued
    return render_memo(office, memo, number, config_dir, out, formats)
