"""The follow-up memo of an office with 5,000 bad rows: its pages and the time to make it (issue 19). Not a test.

Two evaluations of 5,000 bad rows each, on the demo day:

- unknown codes: the example office as its groups filled it (sheetsync demo's rows), and in one group's
  tab 4,980 rows whose code is no indicator of the year and 20 that repeat the group's own code (a
  list pasted into the tab). The memo summarises them per tab in one row.
- invalid reports: an office of 5,000 indicators (tests/fakes/bigoffice.py, 500 per group), every row
  reported without its evidence. The memo lists, per group, one row per request with the indicators
  named (20 of them, the rest counted) and the cells at fault per column.

Each is timed as the sync's follow-up makes the memo (the evaluation's cells cut, its lines, identity
and content, then the PDF and the DOCX), the median of `reps` runs after one run that loads WeasyPrint
and the fonts; beside it the floor, the same for a memo of one item (what any memo costs). The target:
at most MEMO_PAGES pages and under MEMO_SECONDS seconds.

`.venv/bin/python bench/memobench.py [--reps N]` prints the figures; `make bench` (bench/syncbench.py)
runs it with its largest size and writes them to bench/results.json under "memo".
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from sheetsync.app.demo_data import GROUP_ENTRIES
from sheetsync.core.cells import RawTable
from sheetsync.core.columns import INDICATOR_COLUMNS
from sheetsync.core.contents import MemoLine, build_memo, memo_key, memo_lines
from sheetsync.core.evaluate import Evaluation, evaluate
from sheetsync.core.models import Office
from sheetsync.documents.memo import render_memo
from sheetsync.documents.safe import cut_cells
from sheetsync.store.config import load_office

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the big office's generator is a test utility

from tests.fakes.bigoffice import make_config  # noqa: E402

TODAY = date(2027, 4, 5)  # the demo day: just after the 6-month round was due
BAD_ROWS = 5000
DUPLICATES = 20
MEMO_PAGES = 4
MEMO_SECONDS = 2.0
HEADER = [c.label for c in INDICATOR_COLUMNS]
KEYS = [c.key for c in INDICATOR_COLUMNS]


def _row(**typed: Any) -> list[Any]:
    return [typed.get(key) for key in KEYS]


def demo_tables(office: Office) -> dict[str, RawTable]:
    """The example office's tabs as setup lays them out, with what the demo's groups typed."""
    out = {}
    for g in office.groups:
        rows = [HEADER] + [_row(code=ind.code, title=ind.title, **GROUP_ENTRIES.get(g.tab, {}).get(ind.code, {}))
                           for ind in office.group_indicators(g.code)]
        out[g.tab] = RawTable(tab=g.tab, values=rows)
    return out


def unknown_codes(config: Path) -> tuple[Office, Evaluation]:
    """The example office with 5,000 bad rows in one tab: unknown codes, and 20 repeating the tab's own."""
    office = load_office(config)
    tables = demo_tables(office)
    group = office.groups[-1]
    own = office.group_indicators(group.code)[0].code
    extra = [_row(code=f"9.{n}", result="ทดลอง") for n in range(1, BAD_ROWS - DUPLICATES + 1)]
    extra += [_row(code=own, result="ซ้ำ") for _ in range(DUPLICATES)]
    tables[group.tab] = RawTable(tab=group.tab, values=tables[group.tab].values + extra)
    return office, evaluate(office, tables, TODAY)


def invalid_reports(config: Path) -> tuple[Office, Evaluation]:
    """5,000 indicators (500 per group), each reported without its evidence."""
    office = load_office(config)
    tables = {}
    for g in office.groups:
        rows = [HEADER]
        for ind in office.group_indicators(g.code):
            typed: dict[str, Any] = {"result": "ดำเนินการแล้ว", "reported_on": "1/3/2570", "target": "เป้าหมาย"}
            if ind.method == "criteria":
                typed["criteria_met"] = "1,2"
            elif ind.method == "target_percent":
                typed.update(target_value=90, result=85)
            else:
                typed.update(self_level=3, justification="ตามผลการดำเนินงาน")
            rows.append(_row(code=ind.code, title=ind.title, **typed))
        tables[g.tab] = RawTable(tab=g.tab, values=rows)
    return office, evaluate(office, tables, TODAY)


def make_memo(office: Office, ev: Evaluation, config: Path, out: Path, lines: Callable[[list[MemoLine]], list[MemoLine]]
              = lambda lines: lines) -> tuple[list[Path], int]:
    """The memo as the follow-up makes it: cut cells, lines, identity, content, then its PDF and DOCX."""
    ev = cut_cells(ev)
    chosen = lines(memo_lines(office, ev))
    memo_key(chosen)
    memo = build_memo(office, ev, chosen, TODAY)
    paths = render_memo(office, memo, 1, config, out)
    return paths, len(chosen)


def timed(fn: Callable[[], Any], reps: int) -> tuple[float, Any]:
    fn()  # WeasyPrint, Pango and the fonts loaded once, as in a sync that renders its memo
    times, result = [], None
    for _ in range(reps):
        gc.collect()
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def measure_case(name: str, office: Office, ev: Evaluation, config: Path, work: Path, reps: int) -> dict[str, Any]:
    out = work / name
    seconds, (paths, count) = timed(lambda: make_memo(office, ev, config, out), reps)
    floor, _ = timed(lambda: make_memo(office, ev, config, work / f"{name}-floor", lambda lines: lines[:1]), reps)
    pdf = next(p for p in paths if p.suffix == ".pdf")
    bad = sum(1 for v in ev.outcomes.values() for o in v if o.row.errors)
    return {"case": name, "bad_rows": bad, "memo_lines": count, "pages": len(PdfReader(pdf).pages),
            "pdf_kib": round(pdf.stat().st_size / 1024, 1), "seconds": round(seconds, 3),
            "floor_seconds": round(floor, 3), "reps": reps}


def measure(work: Path, reps: int = 3) -> dict[str, Any]:
    """Both cases; their figures and the target met or missed."""
    big = make_config(work / "bigoffice", per_group=BAD_ROWS // 10)
    cases = [measure_case("unknown_codes", *unknown_codes(REPO / "config"), REPO / "config", work, reps),
             measure_case("invalid_reports", *invalid_reports(big), big, work, reps)]
    met = all(c["pages"] <= MEMO_PAGES and c["seconds"] < MEMO_SECONDS for c in cases)
    note = "; ".join(f"{c['case']}: {c['pages']} pages in {c['seconds']} s (floor {c['floor_seconds']} s)" for c in cases)
    return {"cases": cases, "target": {
        "target": f"the memo for {BAD_ROWS:,} bad rows at most {MEMO_PAGES} pages, made in under {MEMO_SECONDS:g} s "
                  "(PDF and DOCX)",
        "value": {c["case"]: c["seconds"] for c in cases}, "met": met, "note": note}}


def lines_of(data: dict[str, Any]) -> list[str]:
    """The figures as printed: each case beside its floor."""
    out = [f"follow-up memo, {BAD_ROWS:,} bad rows (median of {data['cases'][0]['reps']}; floor: a memo of one item)"]
    for c in data["cases"]:
        out.append(f"    {c['case']:<16} {c['seconds']:6.3f} s  floor {c['floor_seconds']:6.3f} s  "
                   f"{c['pages']} pages ({c['pdf_kib']} KiB PDF)  {c['bad_rows']:,} bad rows, {c['memo_lines']:,} memo lines")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sheetsync-memobench-"))
    try:
        data = measure(work, args.reps)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines_of(data)))
    t = data["target"]
    print(f"[{'met' if t['met'] else 'MISSED'}] {t['target']}: {t['value']}")
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
