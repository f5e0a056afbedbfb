"""`sheetsync report package`: the OBEC package, one zip in out/.

Inside: the SAR (PDF, its self-contained HTML and its DOCX), the successful-outputs summary (PDF), the
evidence index (CSV), the scores (XLSX and CSV), the e-MES reports (PDF, and DOCX beside each to edit
before upload) and manifest.json with
every file's SHA-256 and size and, per round, when it closed, its coverage, its e-MES files and the
indicators without one.

The e-MES reports (e-MES/<round>/<code>.pdf and .docx) come from each closed round's frozen results
(core.roundclose, kept in history), one per indicator with a row reported for that round, so round
6's files say what was reported for round 6 whatever the groups typed since. A round not closed yet
has no files, and an indicator without a result in a closed round has none in it: packs.package_gaps
says so, and `sheetsync report package` prints it.

CSV cells are made safe against formula injection (packs.safe_cell); in the XLSX, scores are numbers and
every other cell is text (data_type "s"), so a typed =FORMULA stays text in every spreadsheet program
(xlsx_bytes).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from sheetsync.core import docvocab as v
from sheetsync.core import thaifmt as f
from sheetsync.core.contents import build_sar, indicator_label
from sheetsync.core.models import Office
from sheetsync.core.packs import (
    FORMULA_START,
    RoundPackage,
    package_gaps,
    package_rounds,
    safe_cell,
    score_rows,
)
from sheetsync.core.roundclose import FrozenRound
from sheetsync.core.thai import display_width
from sheetsync.documents.docxfile import emes_docx, office_meta
from sheetsync.documents.render import render_html, write_pdf
from sheetsync.documents.safe import clean, cut_cells
from sheetsync.documents.sar import render_sar
from sheetsync.store import files as atomic
from sheetsync.store.history import History, last_evaluation, previous_year_evaluation


def _text(value: object) -> str:
    """A cell of the CSV or XLSX: its text without the characters XML cannot hold (documents.safe)."""
    return "" if value is None else clean(str(value))


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([safe_cell(_text(h)) for h in header])
    writer.writerows([safe_cell(_text(c)) for c in row] for row in rows)
    return buf.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8 Thai


XLSX_MIN_WIDTH = 6  # characters: a column of short codes still shows its header's first word
XLSX_MAX_WIDTH = 60  # a long title wraps in a column this wide rather than running off the screen


def _width(value: object) -> int:
    """How many characters a cell shows (Thai marks above and below a letter take none)."""
    return max((display_width(line) for line in str(value).splitlines()), default=0)


def xlsx_bytes(sheets: list[tuple[str, tuple[str, ...], Sequence[Sequence[object]]]]) -> bytes:
    """The sheets, one workbook: a number (int or float, packs.Score) is a number cell, two decimals for a
    float; every other value is a text cell, so a typed =FORMULA (or +, -, @ first) stays text in every
    spreadsheet program, and is marked as text (quotePrefix) so editing it in Excel does not make it a
    formula either. Each column is as wide as its widest cell, within XLSX_MIN_WIDTH..XLSX_MAX_WIDTH."""
    wb = openpyxl.Workbook()
    first = wb.active  # a new workbook has one blank sheet, active
    assert first is not None
    wb.remove(first)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title)
        widths: dict[int, int] = {}
        for r, line in enumerate([list(header), *rows], start=1):
            for c, value in enumerate(line, start=1):
                cell = ws.cell(r, c)
                if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
                    cell.value = value
                    cell.number_format = "0.00" if isinstance(value, float) else "0"
                    shown = f"{value:.2f}" if isinstance(value, float) else str(value)
                else:
                    shown = _text(value)
                    cell.value = shown  # openpyxl refuses what XML cannot hold
                    cell.data_type = "s"  # text, never a formula
                    if shown.startswith(FORMULA_START):
                        cell.quotePrefix = True
                widths[c] = max(widths.get(c, 0), _width(shown))
        for c, width in widths.items():
            ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, XLSX_MIN_WIDTH), XLSX_MAX_WIDTH)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@dataclass(frozen=True)
class KeptRounds:
    """The fiscal year's rounds as history keeps them."""

    frozen: dict[str, FrozenRound | None]  # code -> the frozen round, None while not closed
    reopened: set[str]  # the rounds reopened and not closed again


def kept_rounds(office: Office, history: History) -> KeptRounds:
    fy = office.office.fiscal_year
    return KeptRounds(frozen={m.code: history.frozen_round(fy, m.code) for m in office.rounds()},
                      reopened=set(history.round_book(fy).reopened))


def package_warnings(office: Office, rounds: KeptRounds) -> list[str]:
    """What the package lacks (packs.package_gaps), for the command to print."""
    return package_gaps(office, rounds.frozen, rounds.reopened)


def render_package(office: Office, history: History, config_dir: Path, out_dir: Path,
                   formats: Iterable[str] = (),
                   rounds: KeptRounds | None = None) -> list[Path]:
    """`rounds`: kept_rounds(office, history), when the caller has read it already (so the gaps it
    prints are those of this very package)."""
    ev = cut_cells(last_evaluation(history))  # cell values cut for every file of the package (documents.safe)
    info = office.office
    sar = build_sar(office, ev, cut_cells(previous_year_evaluation(history, info.fiscal_year)))
    rounds = rounds if rounds is not None else kept_rounds(office, history)
    by_round = package_rounds(office, cut_cells(rounds.frozen), rounds.reopened)
    files: dict[str, bytes] = {}
    emes: dict[str, list[str]] = {}
    docs = office.documents
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for path in render_sar(office, ev, config_dir, work, ("pdf", "html", "docx"), None):
            files[path.name] = path.read_bytes()
        fy = f.fiscal_year(info.fiscal_year)
        html = render_html("outputs.html", office, config_dir, "pdf", title=v.PKG_OUTPUTS_TITLE.format(fy=fy),
                           office_name=info.name, outputs=sar.outputs)
        files["outputs.pdf"] = write_pdf(html, work / "outputs.pdf", config_dir).read_bytes()
        for r in by_round:
            emes[r.code] = []
            for page in r.pages:
                label = indicator_label(page.code)
                title = v.EMES_TITLE.format(indicator=label)
                closed = v.EMES_CLOSED.format(date=f.be_date(r.closed_on))
                html = render_html("emes.html", office, config_dir, "pdf", ind=page, ind_label=label,
                                   title=title, office_name=info.name, round=r.name, closed=closed)
                name = f"e-MES/{r.code}/{page.code}.pdf"
                files[name] = write_pdf(html, work / name, config_dir).read_bytes()
                # beside each PDF its DOCX, for the office to edit before it uploads (issue 19)
                docx = name.removesuffix(".pdf") + ".docx"
                files[docx] = emes_docx(page, work / docx, docs.docx_font, docs.font_size,
                                        office_meta(office, title, r.closed_on or ev.today), title=title, label=label,
                                        office_name=info.name, round_name=r.name, closed=closed).read_bytes()
                emes[r.code] += [name, docx]
    evidence = [[e.what, e.criterion, e.group, e.evidence, e.url or ""] for e in sar.evidence]
    scores = score_rows(office, ev)
    files["evidence.csv"] = csv_bytes(v.PKG_EVIDENCE_HEAD, evidence)
    files["scores.csv"] = csv_bytes(v.PKG_SCORES_HEAD, scores)
    files["scores.xlsx"] = xlsx_bytes([(v.PKG_SCORES_SHEET, v.PKG_SCORES_HEAD, scores),
                                       (v.PKG_EVIDENCE_SHEET, v.PKG_EVIDENCE_HEAD, evidence)])
    manifest = {"office": info.name, "fiscal_year": info.fiscal_year, "as_of": ev.today.isoformat(),
                "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                          for name, data in sorted(files.items())},
                "rounds": {r.code: _manifest_round(r, emes[r.code]) for r in by_round}}
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    path = Path(out_dir) / f"obec-package-{info.fiscal_year}.zip"
    with atomic.atomic_path(path) as tmp_zip, zipfile.ZipFile(tmp_zip, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return [path]


def _manifest_round(r: RoundPackage, files: list[str]) -> dict[str, object]:
    """A round in manifest.json; closed_on, closed_by, reported and total are null while it is not closed."""
    return {"name": r.name, "closed_on": r.closed_on.isoformat() if r.closed_on else None, "closed_by": r.closed_by,
            "reported": r.reported, "total": r.total, "files": files, "missing": r.missing}
