"""`sheetsync report KIND`: a document from the last run in history, without reading the sheets."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sheetsync.app.followup import catch_up
from sheetsync.core import vocab
from sheetsync.core.errors import UsageError
from sheetsync.core.models import Office
from sheetsync.documents.brief import render_brief
from sheetsync.documents.briefing import render_briefing
from sheetsync.documents.meeting import render_meeting
from sheetsync.documents.memo import issue_memo, render_memo
from sheetsync.documents.order import render_order
from sheetsync.documents.package import kept_rounds, package_warnings, render_package
from sheetsync.documents.render import check_formats
from sheetsync.documents.sar import render_sar
from sheetsync.store.config import committee_needed, load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History, last_evaluation, previous_year_evaluation

PACKS: dict[str, Callable[[Office, History, Path, Path, Iterable[str]], list[Path]]] = {
    "brief": render_brief, "meeting": render_meeting,  # the package has its own branch: it has warnings
}


@dataclass(frozen=True)
class Report:
    """What `sheetsync report` made, and what the user should know about it (the package's gaps)."""

    paths: list[Path]
    warnings: list[str] = field(default_factory=list)


def render_report(config_dir: Path, kind: str, formats: Iterable[str] = (), out_dir: Path | None = None,
                  briefing: dict[str, Any] | None = None) -> list[Path]:
    """`sheetsync report sar|memo|order|brief|package|meeting|briefing`: the files written (make_report
    says what they lack too).

    `briefing`: the briefing meeting's date, time ("HH:MM") and place (keys when, at, place); for
    `briefing` only."""
    return make_report(config_dir, kind, formats, out_dir, briefing).paths


def make_report(config_dir: Path, kind: str, formats: Iterable[str] = (), out_dir: Path | None = None,
                briefing: dict[str, Any] | None = None) -> Report:
    """render_report, with the warnings: for `package`, what it lacks (rounds not closed, coverage
    under 100 %, indicators without an e-MES file), read from the same history as the zip."""
    formats = check_formats(kind, formats)
    options = {k: x for k, x in (briefing or {}).items() if x is not None}
    if options and kind != "briefing":
        raise UsageError(vocab.DOC_BRIEFING_ONLY.format(kind=kind), vocab.DOC_BRIEFING_ONLY_HINT)
    office = load_office(config_dir)
    # An order (meeting, briefing) without committee.yaml would appoint nobody: refused, naming the file.
    committee_needed(office, config_dir, kind)
    places = OfficeFolder(config_dir)
    out = Path(out_dir) if out_dir is not None else places.out
    if kind == "order":
        return Report(render_order(office, config_dir, out, formats))
    with History(places.history) as history:
        if kind == "briefing":
            return Report(render_briefing(office, history, config_dir, out, formats, **options))
        if kind == "package":
            rounds = kept_rounds(office, history)
            return Report(render_package(office, history, config_dir, out, formats, rounds),
                          package_warnings(office, rounds))
        if kind in PACKS:
            return Report(PACKS[kind](office, history, config_dir, out, formats))
        ev = last_evaluation(history)
        if kind == "sar":
            previous = previous_year_evaluation(history, office.office.fiscal_year)
            return Report(render_sar(office, ev, config_dir, out, formats, previous))
        run = history.last_run()
        issued = issue_memo(office, ev, history, run.id if run else None)
        paths = render_memo(office, issued[0], issued[1], config_dir, out, formats) if issued else []
        # And what a sync left after its lock (sync --no-documents, or it died): pending memos, e-mails owed.
        done = catch_up(office, history, config_dir, run.id if run else None)
    return Report(paths + [Path(p) for p in done.documents if Path(p) not in paths], done.warnings)
