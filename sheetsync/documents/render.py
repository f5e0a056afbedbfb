"""The rendering engine: the Jinja2 environment, fonts, HTML and PDF (WeasyPrint), and the format loop
that every document kind goes through (one module per kind beside this one).

- Templates live in templates/ (shipped in the wheel), autoescaped, with StrictUndefined: a cell's
  `<script>` or `=FORMULA(...)` is text in every document, and a misspelt variable is an error, not a blank.
- The PDF embeds the font the project brings itself (Google Sarabun from fontpkg-sarabun, OFL) or the
  file the office names in `documents.font`; no system font is needed. Pango with libthai breaks Thai
  lines at word boundaries.
- The @font-face rules are written here as CSS, not through autoescaping (an escaped quote in a <style>
  element is not decoded, the rule is dropped and the font silently falls back); the family name is
  escaped as a CSS string and the URL percent-encoded.
- The PDF reads nothing from the network: only file: and data: URLs are fetched.
- Every `{{ }}` goes through `safe` on its way out (the environment's finalize, in every format):
  characters XML cannot hold are removed and a string longer than safe.TEXT_MAX is cut; cell values
  are cut shorter before the documents are built (safe.cut_cells, see there).
"""

from __future__ import annotations

import atexit
import base64
import gc
import logging
import mimetypes
import threading
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from sheetsync.core import docvocab, thaifmt, vocab
from sheetsync.core.errors import SheetSyncError, UsageError
from sheetsync.core.models import Office
from sheetsync.documents import pdftext, safe
from sheetsync.resources import data_dir
from sheetsync.store import files
from sheetsync.store.folder import OfficeFolder

if TYPE_CHECKING:
    from jinja2 import Environment

FORMATS: dict[str, tuple[str, ...]] = {"sar": ("html", "pdf", "docx"), "memo": ("pdf", "docx", "html"),
                                       "order": ("pdf", "docx", "html")}
DEFAULT_FORMATS: dict[str, tuple[str, ...]] = {"sar": ("html", "pdf", "docx"), "memo": ("pdf", "docx"),
                                               "order": ("pdf", "docx")}
# issue 8: the rest of the cycle's documents
FORMATS["brief"] = ("pdf", "docx", "html")
DEFAULT_FORMATS["brief"] = ("pdf", "docx", "html")  # issue 19: every document as PDF and DOCX
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
    """The templates' environment; `for_pdf` keeps Thai compounds on one line (see thaifmt.keep_words_together).
    Jinja is imported here, with the first document made: 60 ms of start-up a sync that renders nothing
    does not pay."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(data_dir("templates"))),
        autoescape=select_autoescape(["html", "svg", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize_pdf if for_pdf else _finalize,
    )
    env.filters.update(thaifmt.FILTERS)
    env.globals["v"] = docvocab
    return env


_URL_PREFIXES = ("http:", "https:", "data:", "file:")


def _finalize(value: Any) -> Any:
    """Every value a template writes: cleaned of what XML cannot hold; plain text held to TEXT_MAX (a URL
    is not cut, and Markup, already escaped, is only cleaned: a cut could split a tag)."""
    if isinstance(value, Markup):
        return safe.markup(value)
    if isinstance(value, str):
        return safe.clean(value) if value.startswith(_URL_PREFIXES) else safe.for_document(value)
    return value


def _finalize_pdf(value: Any) -> Any:
    return _keep_together(_finalize(value))


def _keep_together(value: Any) -> Any:
    # Markup (the font CSS, a macro's output, text a template escaped on purpose with |e, as in SVG
    # where a span is not allowed) is left alone, and so are URLs. For the same reason a template
    # writes text into an attribute only through |e.
    if isinstance(value, str) and not isinstance(value, Markup) and not value.startswith(_URL_PREFIXES):
        return thaifmt.keep_words_together(value)
    return value


# --- fonts and the emblem --------------------------------------------------------------------------

@dataclass(frozen=True)
class Fonts:
    family: str
    regular: Path
    bold: Path


def bundled_sarabun() -> tuple[Path, Path]:
    import fontpkg_sarabun  # only when no font of the office's own is named

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
        regular = OfficeFolder(config_dir).file(docs.font)
        bold = OfficeFolder(config_dir).file(docs.font_bold) if docs.font_bold else regular
    else:
        regular, bold = bundled_sarabun()
        if docs.font_bold:
            bold = OfficeFolder(config_dir).file(docs.font_bold)
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
    return OfficeFolder(config_dir).file(office.documents.garuda) if office.documents.garuda else None


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


class _QuietFallback(logging.Filter):
    """Drops WeasyPrint's warning, once per font of every PDF, that it subsets with fontTools because
    HarfBuzz-Subset is missing: the PDF is right either way, only slower to make (doctor's business)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_FONTTOOLS_FALLBACK)


_FONTTOOLS_FALLBACK = "Using fontTools instead of HarfBuzz-Subset"
_engine_lock = threading.Lock()  # one document at a time on the shared font configuration


@cache
def _engine() -> Any:
    """WeasyPrint, imported once (heavy, and it needs Pango: only when a PDF is written), with its
    fallback warnings about a missing HarfBuzz-Subset silenced."""
    try:
        with warnings.catch_warnings():  # said at import when libharfbuzz-subset is not installed
            warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
            import weasyprint
            import weasyprint.pdf.fonts
    except OSError as exc:  # the Pango libraries are missing
        raise RenderError(vocab.DOC_NO_PANGO.format(problem=exc), vocab.DOC_NO_PANGO_HINT) from exc
    logging.getLogger("weasyprint").addFilter(_QuietFallback())
    return weasyprint


@cache
def font_configuration() -> Any:
    """The one WeasyPrint FontConfiguration of the process, shared by every PDF rendered in it.

    Made fresh per document, it loaded fontconfig's whole config and the system's font list again, and
    each document's @font-face rules copied the font files into a new temporary folder and made Pango
    rebuild its font map; shared, a font face is added once (WeasyPrint keys it by the rule, its URL
    included, so another office's font file is another face) and the shaping caches carry over. Its
    temporary folder is removed at exit (WeasyPrint removes it when the object goes)."""
    from weasyprint.text.fonts import FontConfiguration

    _engine()
    config = FontConfiguration()
    atexit.register(_release_font_configuration)
    return config


def _release_font_configuration() -> None:
    """At exit: the shared configuration let go, and collected (it sits in a reference cycle), so that
    WeasyPrint removes its temporary folder. The CLI freezes what the process holds as it ends
    (cli.main), which keeps the collector from it: thawed first, on this path only (a render costs
    seconds; the collection, a tenth of one)."""
    font_configuration.cache_clear()
    gc.unfreeze()
    gc.collect()


def subsetter() -> str:
    """How the PDFs' fonts are cut down to the glyphs used: "harfbuzz" (libharfbuzz-subset, the fast
    one, which WeasyPrint takes when the library is there) or "fonttools" (its pure-Python fallback)."""
    _engine()
    from weasyprint.pdf import fonts
    from weasyprint.text.ffi import harfbuzz

    return "harfbuzz" if fonts.harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0) else "fonttools"


def write_pdf(html: str, path: Path, base_dir: Path) -> Path:
    engine = _engine()
    from weasyprint.urls import URLFetcher

    pdftext.install()  # so that the PDF's text copies and searches as the Thai written (see pdftext)
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    with _engine_lock, files.atomic_path(path) as tmp:  # a reader never sees half a PDF
        # Fonts subset, not embedded whole (full_fonts off), without hinting: by HarfBuzz when present.
        engine.HTML(string=html, base_url=str(Path(base_dir).resolve()), url_fetcher=fetcher).write_pdf(
            str(tmp), font_config=font_configuration(), full_fonts=False, hinting=False)
    return path


def write_text(path: Path, text: str) -> Path:
    return files.write_text(path, text)


# --- every document kind goes through here ------------------------------------------------------

def check_formats(kind: str, formats: Iterable[str]) -> tuple[str, ...]:
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
    for fmt in check_formats(kind, formats):
        path = stem.with_name(f"{stem.name}.{fmt}")
        if fmt == "docx":
            if docx is None:  # every kind has its DOCX writer (issue 19): a missing one is a bug, not a PDF
                raise ValueError(f"no DOCX writer for {kind}")
            paths.append(docx(path))
            continue
        html = render_html(template, office, config_dir, fmt, **context)
        paths.append(write_text(path, html) if fmt == "html" else write_pdf(html, path, config_dir))
    return paths


