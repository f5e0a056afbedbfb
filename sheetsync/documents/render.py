"""Rendering: the Jinja2 environment, HTML, PDF (WeasyPrint) and DOCX files of the three documents.

- Templates live in templates/ (shipped in the wheel), autoescaped, with StrictUndefined: a cell's
  `<script>` or `=FORMULA(...)` is text in every document, and a misspelt variable is an error, not a blank.
- The PDF embeds the font the project brings itself (Google Sarabun from fontpkg-sarabun, OFL) or the
  file the office names in `documents.font`; no system font is needed. Pango with libthai breaks Thai
  lines at word boundaries.
- The @font-face rules are written here as CSS, not through autoescaping (an escaped quote in a <style>
  element is not decoded, the rule is dropped and the font silently falls back); the family name is
  escaped as a CSS string and the URL percent-encoded.
- The PDF reads nothing from the network: only file: and data: URLs are fetched.
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from sheetsync.core import docvocab, thai, thaifmt, vocab
from sheetsync.core.contents import (
    MemoData,
    build_memo,
    build_order,
    build_sar,
    memo_key,
    memo_lines,
    memo_number,
)
from sheetsync.core.errors import SheetSyncError, UsageError
from sheetsync.core.evaluate import Evaluation, load_evaluation
from sheetsync.core.models import Office
from sheetsync.resources import data_dir
from sheetsync.store.config import load_office
from sheetsync.store.history import History, Run, history_path

FORMATS: dict[str, tuple[str, ...]] = {"sar": ("html", "pdf"), "memo": ("pdf", "docx", "html"),
                                       "order": ("pdf", "docx", "html")}
DEFAULT_FORMATS: dict[str, tuple[str, ...]] = {"sar": ("html", "pdf"), "memo": ("pdf", "docx"),
                                               "order": ("pdf", "docx")}
# issue 8: the rest of the cycle's documents
FORMATS["brief"] = DEFAULT_FORMATS["brief"] = ("pdf", "html")
FORMATS["package"] = DEFAULT_FORMATS["package"] = ("zip",)
FORMATS["meeting"] = ("pdf", "docx", "html")
DEFAULT_FORMATS["meeting"] = ("pdf", "docx")
FORMATS["briefing"] = ("pdf", "docx", "html")
DEFAULT_FORMATS["briefing"] = ("pdf", "docx")


class RenderError(SheetSyncError):
    """A document could not be rendered (a font or emblem file unreadable, the PDF engine missing)."""


# --- templates -------------------------------------------------------------------------------------

@cache
def environment(for_pdf: bool = False) -> Environment:
    """The templates' environment; `for_pdf` keeps Thai compounds on one line (see thaifmt.keep_words_together)."""
    env = Environment(
        loader=FileSystemLoader(str(data_dir("templates"))),
        autoescape=select_autoescape(["html", "svg", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_keep_together if for_pdf else None,
    )
    env.filters.update(thaifmt.FILTERS)
    env.globals["v"] = docvocab
    return env


def _keep_together(value: Any) -> Any:
    # Markup (the font CSS, a macro's output, text a template escaped on purpose with |e, as in SVG
    # where a span is not allowed) is left alone, and so are URLs. For the same reason a template
    # writes text into an attribute only through |e.
    if isinstance(value, str) and not isinstance(value, Markup) and not value.startswith(("http:", "https:", "data:", "file:")):
        return thaifmt.keep_words_together(value)
    return value


# --- fonts and the emblem --------------------------------------------------------------------------

@dataclass(frozen=True)
class Fonts:
    family: str
    regular: Path
    bold: Path


def bundled_sarabun() -> tuple[Path, Path]:
    import fontpkg_sarabun

    files = Path(fontpkg_sarabun.ROOT) / "files"
    return files / "Sarabun-Regular.ttf", files / "Sarabun-Bold.ttf"


def font_family(path: Path) -> str:
    """The family name inside a font file (typographic family first), so the PDF names the real font."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(path), lazy=True) as font:
            name = font["name"]
            family = name.getDebugName(16) or name.getDebugName(1)
    except Exception as exc:  # fontTools raises many kinds for a file that is not a font
        raise RenderError(vocab.DOC_FONT_UNREADABLE.format(path=path, problem=exc), vocab.DOC_FONT_HINT) from exc
    return family or path.stem


def office_fonts(office: Office, config_dir: Path) -> Fonts:
    docs = office.documents
    if docs.font:
        regular = Path(config_dir) / docs.font
        bold = Path(config_dir) / docs.font_bold if docs.font_bold else regular
    else:
        regular, bold = bundled_sarabun()
        if docs.font_bold:
            bold = Path(config_dir) / docs.font_bold
    return Fonts(family=font_family(regular), regular=regular, bold=bold)


def css_string(text: str) -> str:
    """A CSS string literal; "<" escaped too, so nothing can close the <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return f'"{escaped}"'


def _url(path: Path, embed: bool) -> str:
    if embed:
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix.lower() in (".ttf", ".otf"):
            mime = "font/" + path.suffix.lower()[1:]
        return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"
    return path.resolve().as_uri()  # percent-encodes quotes, spaces and brackets


def font_css(fonts: Fonts, size: float, embed: bool) -> Markup:
    """@font-face rules and the body font; `embed` puts the font in the file (a self-contained HTML)."""
    family = css_string(fonts.family)
    rules = [f'@font-face {{ font-family: {family}; src: url("{_url(fonts.regular, embed)}"); font-weight: 400; }}',
             f'@font-face {{ font-family: {family}; src: url("{_url(fonts.bold, embed)}"); font-weight: 700; }}',
             # on html, not body: the page-margin boxes (page numbers) inherit from the root element
             f"html {{ font-family: {family}; font-size: {float(size):g}pt; }}"]
    return Markup("\n".join(rules))  # safe: built above from escaped parts (css_string, _url)


def garuda_path(office: Office, config_dir: Path) -> Path | None:
    return Path(config_dir) / office.documents.garuda if office.documents.garuda else None


def render_html(template: str, office: Office, config_dir: Path, fmt: str, **context: Any) -> str:
    """The document as HTML: for the .html file (fonts and emblem embedded, self-contained) or as the
    PDF's source (files referenced, Thai compounds kept together)."""
    fonts = office_fonts(office, config_dir)
    garuda = garuda_path(office, config_dir)
    embed = fmt == "html"
    return environment(for_pdf=fmt == "pdf").get_template(template).render(
        font_css=font_css(fonts, office.documents.font_size, embed), font_family=fonts.family,
        garuda=_url(garuda, embed) if garuda else None, **context,
    )


def write_pdf(html: str, path: Path, base_dir: Path) -> Path:
    try:
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcher
    except OSError as exc:  # the Pango libraries are missing
        raise RenderError(vocab.DOC_NO_PANGO.format(problem=exc), vocab.DOC_NO_PANGO_HINT) from exc
    path.parent.mkdir(parents=True, exist_ok=True)
    fonts = FontConfiguration()
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    tmp = path.with_name(path.name + ".tmp")
    HTML(string=html, base_url=str(Path(base_dir).resolve()), url_fetcher=fetcher).write_pdf(
        str(tmp), font_config=fonts)
    tmp.replace(path)  # a reader never sees half a PDF
    return path


def _write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


# --- the three documents ---------------------------------------------------------------------------

def sar_stem(office: Office) -> str:
    return f"sar-{office.office.fiscal_year}"


def order_stem(office: Office) -> str:
    return f"order-{office.office.fiscal_year}"


def memo_stem(number: int) -> str:
    return f"memo-{number:04d}"


def _check_formats(kind: str, formats: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(formats) or DEFAULT_FORMATS[kind]
    bad = [x for x in chosen if x not in FORMATS[kind]]
    if bad:
        raise UsageError(vocab.DOC_BAD_FORMAT.format(kind=kind, formats=", ".join(bad)),
                         vocab.DOC_FORMATS_HINT.format(formats=", ".join(FORMATS[kind])))
    return chosen


def render_formats(office: Office, config_dir: Path, kind: str, formats: Iterable[str], stem: Path, template: str,
                   context: dict[str, Any], docx: Callable[[Path], Path] | None = None) -> list[Path]:
    """One document in each asked format: HTML and PDF from `template`, DOCX through `docx`."""
    paths = []
    for fmt in _check_formats(kind, formats):
        path = stem.with_name(f"{stem.name}.{fmt}")
        if fmt == "docx" and docx is not None:
            paths.append(docx(path))
            continue
        html = render_html(template, office, config_dir, fmt, **context)
        paths.append(_write_text(path, html) if fmt == "html" else write_pdf(html, path, config_dir))
    return paths


def render_sar(office: Office, ev: Evaluation, config_dir: Path, out_dir: Path,
               formats: Iterable[str] = (), previous: Evaluation | None = None) -> list[Path]:
    sar = build_sar(office, ev, previous)
    return render_formats(office, config_dir, "sar", formats, Path(out_dir) / sar_stem(office), "sar.html", {"sar": sar})


def render_order(office: Office, config_dir: Path, out_dir: Path, formats: Iterable[str] = ()) -> list[Path]:
    from sheetsync.documents.docxfile import order_docx

    order = build_order(office)
    docs = office.documents
    return render_formats(
        office, config_dir, "order", formats, Path(out_dir) / order_stem(office), "order.html", {"order": order},
        lambda path: order_docx(order, path, docs.docx_font, docs.font_size, garuda_path(office, config_dir)))


def render_memo(office: Office, memo: MemoData, number: int, config_dir: Path, out_dir: Path,
                formats: Iterable[str] = ()) -> list[Path]:
    from sheetsync.documents.docxfile import memo_docx

    docs = office.documents
    return render_formats(
        office, config_dir, "memo", formats, Path(out_dir) / memo_stem(number), "memo.html", {"memo": memo},
        lambda path: memo_docx(memo, path, docs.docx_font, docs.font_size, garuda_path(office, config_dir)))


def issue_memo(office: Office, ev: Evaluation, history: History, run_id: int | None) -> tuple[MemoData, int, bool] | None:
    """The memo this evaluation calls for, numbered: (memo, number, new). None when no memo is due.

    The same situation gives back the memo first issued for it, word for word, with its number and date."""
    lines = memo_lines(office, ev)
    if not lines:
        return None
    key = memo_key(lines)
    known = history.memo(key)
    if known is not None:
        return MemoData.model_validate(known.data), known.number, False

    def make(number: int) -> dict[str, Any]:
        memo = build_memo(office, ev, lines, issued_on=ev.today)
        return memo.model_copy(update={"number": memo_number(office, number)}).model_dump(mode="json")

    record = history.issue_memo(key, office.documents.memo_start, ev.today, run_id, make)
    return MemoData.model_validate(record.data), record.number, True


def write_followup_memo(office: Office, ev: Evaluation, history: History, run_id: int | None, config_dir: Path,
                        out_dir: Path) -> list[Path]:
    """The sync's memo: written when one is due and its files are not there yet; [] otherwise (no spam)."""
    issued = issue_memo(office, ev, history, run_id)
    if issued is None:
        return []
    memo, number, _ = issued
    wanted = [Path(out_dir) / f"{memo_stem(number)}.{fmt}" for fmt in DEFAULT_FORMATS["memo"]]
    if all(p.exists() for p in wanted):
        return []
    return render_memo(office, memo, number, config_dir, out_dir)


# --- `sheetsync report` ----------------------------------------------------------------------------

def last_evaluation(history: History) -> Evaluation:
    run = history.last_run()
    data = history.evaluation(run.id) if run else None
    if data is None:
        raise UsageError(vocab.DOC_NO_HISTORY, vocab.DOC_NO_HISTORY_HINT)
    return load_evaluation(data)


def previous_year_evaluation(history: History, fiscal_year: int) -> Evaluation | None:
    """The last real sync of the fiscal year before `fiscal_year`, if history reaches back that far."""
    for run in reversed(history.runs()):
        if run.status == "ok" and not run.dry_run and thai.fiscal_year_of(run.today) == fiscal_year - 1:
            data = history.evaluation(run.id)
            if data:
                return load_evaluation(data)
    return None


def render_report(config_dir: Path, kind: str, formats: Iterable[str] = (), out_dir: Path | None = None,
                  briefing: dict[str, Any] | None = None) -> list[Path]:
    """`sheetsync report sar|memo|order`: from the last run in history, without reading the sheets.

    `briefing`: the briefing meeting's date, time ("HH:MM") and place (keys when, at, place); for
    `briefing` only."""
    from sheetsync.app.sync import out_path

    formats = _check_formats(kind, formats)
    options = {k: x for k, x in (briefing or {}).items() if x is not None}
    if options and kind != "briefing":
        raise UsageError(vocab.DOC_BRIEFING_ONLY.format(kind=kind), vocab.DOC_BRIEFING_ONLY_HINT)
    office = load_office(config_dir)
    out = Path(out_dir) if out_dir is not None else out_path(config_dir)
    if kind == "briefing":
        with History(history_path(config_dir)) as history:
            return render_briefing(office, history, config_dir, out, formats, **options)
    if kind in PACKS:
        with History(history_path(config_dir)) as history:
            return PACKS[kind](office, history, config_dir, out, formats)
    if kind == "order":
        return render_order(office, config_dir, out, formats)
    with History(history_path(config_dir)) as history:
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


# --- issue 8: the director's brief ------------------------------------------------------------------

def previous_real_evaluation(history: History) -> Evaluation | None:
    """The evaluation of the previous real sync (see previous_real_run), for trends."""
    run = previous_real_run(history)
    return load_evaluation(history.evaluation(run.id) or {}) if run else None


def render_brief(office: Office, history: History, config_dir: Path, out_dir: Path,
                 formats: Iterable[str] = ()) -> list[Path]:
    from sheetsync.core.packs import build_brief

    ev = last_evaluation(history)
    brief = build_brief(office, ev, previous_real_evaluation(history))
    return render_formats(office, config_dir, "brief", formats, Path(out_dir) / f"brief-{ev.today.isoformat()}",
                          "brief.html", {"brief": brief})


def previous_real_run(history: History) -> Run | None:
    """The last real (not dry) sync before the last run in history, with its evaluation kept."""
    run = history.last_run()
    if run is None:
        return None
    for earlier in reversed(history.runs()):
        if earlier.id < run.id and earlier.status == "ok" and not earlier.dry_run and history.evaluation(earlier.id):
            return earlier
    return None


def render_meeting(office: Office, history: History, config_dir: Path, out_dir: Path,
                   formats: Iterable[str] = ()) -> list[Path]:
    """The committee meeting's agenda and minutes frame: what changed since the previous real sync
    (diff_runs of the cells people typed), the status now and the open items."""
    from sheetsync.core.changes import diff_runs
    from sheetsync.core.packs import build_meeting
    from sheetsync.documents.docxfile import meeting_docx

    ev = last_evaluation(history)
    last = history.last_run()
    before = previous_real_run(history)
    previous = changes = None
    if before is not None and last is not None:
        previous = load_evaluation(history.evaluation(before.id) or {})
        changes = diff_runs(office, history.raw(before.id), history.raw(last.id))
    meeting = build_meeting(office, ev, previous, changes)
    docs = office.documents
    paths = []
    for part in ("agenda", "minutes"):
        paths += render_formats(
            office, config_dir, "meeting", formats, Path(out_dir) / f"meeting-{part}-{ev.today.isoformat()}",
            "meeting.html", {"meeting": meeting, "part": part},
            lambda path, part=part: meeting_docx(meeting, part, path, docs.docx_font, docs.font_size))
    return paths


def render_briefing(office: Office, history: History, config_dir: Path, out_dir: Path,
                    formats: Iterable[str] = (), when: date | None = None, at: str | None = None,
                    place: str | None = None) -> list[Path]:
    """The briefing meeting's invitation memo and one assignment page per group. Needs no sync: dated
    the last sync's day when there is one, else today in the office's timezone."""
    from sheetsync.app.reminders import group_link
    from sheetsync.core.deadlines import office_today
    from sheetsync.core.packs import build_assignments, build_invitation
    from sheetsync.documents.docxfile import assignments_docx, memo_docx

    run = history.last_run()
    issued_on = run.today if run else office_today(office.office.timezone)
    invitation = build_invitation(office, issued_on, when, at, place)
    sheets = build_assignments(office, {g.code: group_link(office, g, config_dir) for g in office.groups})
    stem = Path(out_dir) / f"briefing-{office.office.fiscal_year}"
    docs = office.documents
    return render_formats(
        office, config_dir, "briefing", formats, stem.with_name(f"{stem.name}-invitation"), "memo.html",
        {"memo": invitation},
        lambda path: memo_docx(invitation, path, docs.docx_font, docs.font_size, garuda_path(office, config_dir)),
    ) + render_formats(
        office, config_dir, "briefing", formats, stem.with_name(f"{stem.name}-assignments"), "briefing.html",
        {"sheets": sheets}, lambda path: assignments_docx(sheets, path, docs.docx_font, docs.font_size))


def _render_package(*args: Any) -> list[Path]:
    from sheetsync.documents.package import render_package

    return render_package(*args)


PACKS = {"brief": render_brief, "package": _render_package, "meeting": render_meeting}
