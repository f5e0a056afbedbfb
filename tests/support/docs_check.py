"""`make docs-check`: every document kind of the demo office rendered to PNG pages, and the layout checks a
records officer would make by eye, made by program.

    python -m tests.support.docs_check OUT_DIR

builds the demo office in OUT_DIR/office, writes every kind (memo, order, SAR, brief, meeting agenda and
minutes, briefing invitation and assignments, and the OBEC package's PDFs), as PDF and, where the kind has
one, DOCX printed to PDF by LibreOffice; then writes each page as OUT_DIR/png/<document>-<page>.png
(60 dpi: `pdftoppm -r 60 -png`) to be looked at, and checks each PDF:

- fonts: every font embedded, and in sheetsync's own PDFs Sarabun only (the bundled font); LibreOffice's
  prints of the DOCX may use the office font the DOCX names (TH SarabunPSK, or its substitute);
- margins: every word inside the page less the official margins (left 3 cm, right 2 cm, bottom 1.5 cm;
  the top margin holds the page number and the draft mark; the brief and the assignment sheets have
  the narrower margins of their own @page), with a tolerance of 2 mm;
- page numbers: none on page 1, the page's number in Thai digits in the top band of every later page
  (official papers number from page 2);
- nothing split: each committee member's name, each group's name and every B.E. date written on a page
  stays on one line (pdftotext -layout).

Exit status 0 when every check passes, 1 with the list of what failed. The same checks run in
tests/e2e/test_docs_check.py on a few documents, so a layout regression fails `make test` too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from xml.etree import ElementTree

from sheetsync.core import thai

CM = 72 / 2.54  # PDF points in a centimetre
# The body's margins of an official paper (ระเบียบงานสารบรรณ); the top 0.3 cm only: the page number and
# the draft mark sit in the top margin by design.
MARGINS_CM = {"left": 3.0, "right": 2.0, "bottom": 1.5, "top": 0.3}
# Internal papers set on a wider page (official.css @page brief, @page assign): the director's one-page
# brief and the groups' assignment sheets, as (left, right) in cm.
SIDES_CM = {"brief": (2.0, 1.5), "briefing-2570-assignments": (2.5, 1.5)}
TOLERANCE = 0.2 * CM
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
DEMO_DAY = "2027-04-05"
KINDS = ("memo", "order", "sar", "brief", "meeting", "briefing")


@dataclass
class Report:
    failures: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)  # what a program other than sheetsync is known to do

    def fail(self, doc: str, what: str) -> None:
        self.failures.append(f"{doc}: {what}")

    def known_limit(self, doc: str, what: str) -> None:
        if f"{doc}: {what}" not in self.known:
            self.known.append(f"{doc}: {what}")


# LibreOffice 7.4 ignores a DOCX's Thai page-number format (w:pgNumType w:fmt="thaiNumbers", which Word
# shows as ๒) and prints the number in Arabic digits: a LibreOffice print with the right number in those
# digits is that, not a fault; one with no number, or the wrong one, is still a fault.
LIBREOFFICE_ARABIC_PAGE_NUMBERS = "page numbers printed in Arabic digits (LibreOffice 7.4 ignores thaiNumbers; Word shows ๒)"


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]


def pages_of(pdf: Path) -> list[Page]:
    """Every page's words with their boxes, as poppler's pdftotext -bbox gives them."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    html = out.decode("utf-8", "replace")
    root = ElementTree.fromstring(html[html.index("<body"):html.rindex("</body>") + len("</body>")]
                                  .replace("&nbsp;", " "))
    pages = []
    # The <body> cut out of the XHTML has lost its namespace declaration: plain tag names.
    for n, page in enumerate(root.iter("page"), start=1):
        words = tuple(Word(n, float(w.get("xMin", 0)), float(w.get("yMin", 0)), float(w.get("xMax", 0)),
                           float(w.get("yMax", 0)), w.text or "")
                      for w in page.iter("word"))
        pages.append(Page(n, float(page.get("width", 0)), float(page.get("height", 0)), words))
    return pages


def check_fonts(pdf: Path, report: Report, sarabun_only: bool) -> None:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines()[2:]:
        name, emb = line.split()[0], line.split()[-5] if len(line.split()) >= 5 else "no"
        if emb != "yes":
            report.fail(pdf.name, f"font not embedded: {name}")
        if sarabun_only and "Sarabun" not in name:
            report.fail(pdf.name, f"a font other than Sarabun: {name}")


def check_margins(pdf: Path, pages: list[Page], report: Report) -> None:
    stem = pdf.stem.removeprefix("docx-")
    left_cm, right_cm = next((sides for prefix, sides in SIDES_CM.items() if stem.startswith(prefix)),
                             (MARGINS_CM["left"], MARGINS_CM["right"]))
    for page in pages:
        left, right = left_cm * CM - TOLERANCE, page.width - right_cm * CM + TOLERANCE
        top, bottom = MARGINS_CM["top"] * CM - TOLERANCE, page.height - MARGINS_CM["bottom"] * CM + TOLERANCE
        for w in page.words:
            if w.x0 < left or w.x1 > right or w.y0 < top or w.y1 > bottom:
                report.fail(pdf.name, f"page {page.number}: '{w.text}' outside the margins "
                                      f"({w.x0:.0f},{w.y0:.0f})-({w.x1:.0f},{w.y1:.0f})")
                break


def check_page_numbers(pdf: Path, pages: list[Page], report: Report, libreoffice: bool = False) -> None:
    """No number on page 1, the page's number in Thai digits at the top of every later page (`libreoffice`:
    a DOCX as LibreOffice prints it, where the number in Arabic digits is the known limit above)."""
    band = 3.0 * CM  # the page number sits in the top margin
    for page in pages:
        top = {w.text.strip("-– ") for w in page.words if w.y1 <= band}
        wanted = str(page.number).translate(THAI_DIGITS)
        given = {wanted, str(page.number)} if libreoffice else {wanted}
        if page.number == 1 and given & top and len(pages) > 1:
            report.fail(pdf.name, "page 1 carries a page number")
        if page.number > 1 and wanted not in top:
            if libreoffice and str(page.number) in top:
                report.known_limit(pdf.name, LIBREOFFICE_ARABIC_PAGE_NUMBERS)
            else:
                report.fail(pdf.name, f"page {page.number}: no page number {wanted} at the top")


def check_not_split(pdf: Path, names: list[str], report: Report) -> None:
    for mode in ("-layout", "-raw"):  # -raw keeps a table cell's lines together (its content order)
        _not_split(pdf, names, report, mode)


_DAY_MONTH_AT_END = re.compile(r"[๐-๙]{1,2} (?:[ก-๙]+\.){1,3}$|[๐-๙]{1,2} (?:" + "|".join(thai.MONTHS_FULL) + r")$")
_YEAR_AT_START = re.compile(r"^[๐-๙]{4}\b")


def _not_split(pdf: Path, names: list[str], report: Report, mode: str) -> None:
    text = subprocess.run(["pdftotext", mode, str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    joined = " ".join(lines)
    for name in names:  # a name: written whole as often as it is found across line ends
        whole = sum(line.count(name) for line in lines)
        anywhere = joined.count(name)
        if anywhere > whole:
            report.fail(pdf.name, f"'{name}' split across lines {anywhere - whole} time(s) ({mode})")
    # A date: its year alone at the start of a line after its day and month (a date broken between day
    # and month cannot be told from a line ending in a number, "เขต ๑", before a line "เมษายน ๒๕๗๐").
    for a, b in pairwise(lines):
        if _DAY_MONTH_AT_END.search(a) and _YEAR_AT_START.match(b):
            report.fail(pdf.name, f"a date split before its year: '{a[-16:]}' / '{b[:4]}' ({mode})")


def check_pdf(pdf: Path, report: Report, names: list[str], sarabun_only: bool = True, libreoffice: bool = False,
              ) -> None:
    report.checked.append(pdf.name)
    pages = pages_of(pdf)
    if not pages or not any(p.words for p in pages):
        report.fail(pdf.name, "no page or no text read back (pdftotext -bbox)")
    check_fonts(pdf, report, sarabun_only)
    check_margins(pdf, pages, report)
    check_page_numbers(pdf, pages, report, libreoffice)
    check_not_split(pdf, names, report)


def names_of(office_dir: Path) -> list[str]:
    """The names a page must never split: committee members and groups, as config writes them."""
    import yaml

    committee = yaml.safe_load((office_dir / "committee.yaml").read_text(encoding="utf-8"))
    office = yaml.safe_load((office_dir / "office.yaml").read_text(encoding="utf-8"))
    return [m["name"] for m in committee.get("members", [])] + [g["name"] for g in office["groups"]
                                                              if len(g["name"]) <= 30]


def render_all(out: Path) -> tuple[Path, list[Path], list[Path]]:
    """The demo office and its documents: (office dir, sheetsync's PDFs, the DOCX files)."""
    from click.testing import CliRunner

    from sheetsync.cli.main import cli

    office = out / "office"
    if office.exists():
        shutil.rmtree(office)
    runner = CliRunner()
    result = runner.invoke(cli, ["demo", str(office), "--today", DEMO_DAY])
    if result.exit_code != 0:
        raise SystemExit(result.output)
    for kind in KINDS:
        args = ["--config", str(office), "report", kind, "--format", "pdf"]
        if kind in ("memo", "order", "meeting", "briefing", "sar", "brief"):
            args += ["--format", "docx"]
        result = runner.invoke(cli, args)
        if result.exit_code != 0:  # a kind without DOCX yet: its PDF alone
            result = runner.invoke(cli, ["--config", str(office), "report", kind, "--format", "pdf"])
            if result.exit_code != 0:
                raise SystemExit(result.output)
    result = runner.invoke(cli, ["--config", str(office), "report", "package"])
    docs = office / "out"
    for archive in docs.glob("obec-package-*.zip"):
        import zipfile

        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                if name.endswith(".pdf") and (name.count("/") == 0 or name.endswith(("/1.1.pdf",))):
                    target = docs / ("package-" + name.replace("/", "-"))
                    target.write_bytes(z.read(name))
    return office, sorted(docs.glob("*.pdf")), sorted(docs.glob("*.docx"))


def libreoffice_pdfs(docx: list[Path], out: Path) -> list[Path]:
    """The DOCX files as LibreOffice prints them, in one soffice run (its own profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not docx:
        return []
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(out), *map(str, docx)],
                       capture_output=True, timeout=600, check=False)
    printed = []
    for pdf in sorted(out.glob("*.pdf")):  # named apart from sheetsync's own PDFs in the report
        if not pdf.name.startswith("docx-"):
            pdf = pdf.rename(pdf.with_name(f"docx-{pdf.name}"))
        printed.append(pdf)
    return printed


def pngs(pdfs: list[Path], out: Path, prefix: str = "") -> None:
    out.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / f"{prefix}{pdf.stem}")], check=True)


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "out/docs-check").resolve()
    out.mkdir(parents=True, exist_ok=True)
    office, pdfs, docx = render_all(out)
    names = names_of(office)
    report = Report()
    for pdf in pdfs:
        check_pdf(pdf, report, names)
    printed = libreoffice_pdfs(docx, out / "docx-pdf")
    for pdf in printed:
        check_pdf(pdf, report, names, sarabun_only=False, libreoffice=True)
    png_dir = out / "png"
    if png_dir.exists():
        shutil.rmtree(png_dir)
    pngs(pdfs, png_dir)
    pngs(printed, png_dir)
    print(f"{len(report.checked)} PDFs checked, pages in {png_dir}")
    for known in report.known:
        print(f"  known {known}")
    for failure in report.failures:
        print(f"  FAIL {failure}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
