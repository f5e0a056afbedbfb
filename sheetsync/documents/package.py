"""`sheetsync report package`: the OBEC package, one zip in out/.

Inside: the SAR (PDF and its self-contained HTML; the SAR has no DOCX), the successful-outputs summary
(PDF), the evidence index (CSV), the scores (XLSX and CSV), one e-MES report per indicator for the
current round (e-MES/<round>/<code>.pdf) and manifest.json with every file's SHA-256 and size.
CSV cells are made safe against formula injection (packs.safe_cell); XLSX cells are written as text
(data_type "s"), so a typed =FORMULA stays text in every spreadsheet program.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

import openpyxl

from sheetsync.core import docvocab as v
from sheetsync.core import thaifmt as f
from sheetsync.core.contents import build_sar, indicator_label
from sheetsync.core.models import Office
from sheetsync.core.packs import current_round, safe_cell, score_rows
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


def xlsx_bytes(sheets: list[tuple[str, tuple[str, ...], list[list[str]]]]) -> bytes:
    wb = openpyxl.Workbook()
    first = wb.active  # a new workbook has one blank sheet, active
    assert first is not None
    wb.remove(first)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title)
        for r, line in enumerate([list(header), *rows], start=1):
            for c, value in enumerate(line, start=1):
                cell = ws.cell(r, c)
                cell.value = _text(value)  # openpyxl refuses what XML cannot hold
                cell.data_type = "s"  # text, never a formula
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def render_package(office: Office, history: History, config_dir: Path, out_dir: Path,
                   formats: Iterable[str] = ()) -> list[Path]:
    ev = cut_cells(last_evaluation(history))  # cell values cut for every file of the package (documents.safe)
    info = office.office
    sar = build_sar(office, ev, cut_cells(previous_year_evaluation(history, info.fiscal_year)))
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for path in render_sar(office, ev, config_dir, work, ("pdf", "html"), None):
            files[path.name] = path.read_bytes()
        fy = f.fiscal_year(info.fiscal_year)
        html = render_html("outputs.html", office, config_dir, "pdf", title=v.PKG_OUTPUTS_TITLE.format(fy=fy),
                           office_name=info.name, outputs=sar.outputs)
        files["outputs.pdf"] = write_pdf(html, work / "outputs.pdf", config_dir).read_bytes()
        round_code = current_round(office, ev.today)
        if round_code:
            by_code = {m.code: m for m in office.milestones}
            for standard in sar.standards:
                for ind in standard.indicators:
                    label = indicator_label(ind.code)
                    html = render_html("emes.html", office, config_dir, "pdf", ind=ind, ind_label=label,
                                       title=v.EMES_TITLE.format(indicator=label), office_name=info.name,
                                       round=by_code[round_code].name)
                    name = f"e-MES/{round_code}/{ind.code}.pdf"
                    files[name] = write_pdf(html, work / name, config_dir).read_bytes()
    evidence = [[e.what, e.group, e.evidence, e.url or ""] for e in sar.evidence]
    scores = score_rows(office, ev)
    files["evidence.csv"] = csv_bytes(v.PKG_EVIDENCE_HEAD, evidence)
    files["scores.csv"] = csv_bytes(v.PKG_SCORES_HEAD, scores)
    files["scores.xlsx"] = xlsx_bytes([(v.PKG_SCORES_SHEET, v.PKG_SCORES_HEAD, scores),
                                       (v.PKG_EVIDENCE_SHEET, v.PKG_EVIDENCE_HEAD, evidence)])
    manifest = {"office": info.name, "fiscal_year": info.fiscal_year, "as_of": ev.today.isoformat(),
                "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                          for name, data in sorted(files.items())}}
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    path = Path(out_dir) / f"obec-package-{info.fiscal_year}.zip"
    with atomic.atomic_path(path) as tmp_zip, zipfile.ZipFile(tmp_zip, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return [path]
