"""5,000 bad rows make a follow-up memo of a few pages (issue 19, point 5): the rows that name no indicator
of the group's are one row of its table per tab, and a group with thousands of indicators behind gets one
row per request. Pages are counted with pypdf; how long it takes is measured by `make bench`
(bench/memobench.py), never asserted here."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner
from pypdf import PdfReader

from sheetsync.cli.main import cli
from sheetsync.core.cells import RawTable
from sheetsync.core.columns import INDICATOR_COLUMNS
from sheetsync.core.contents import build_memo, memo_lines
from sheetsync.core.evaluate import evaluate
from sheetsync.documents.memo import render_memo
from sheetsync.documents.safe import cut_cells
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from tests.fakes.bigoffice import make_config
from tests.support.cli import DEMO_DAY, invoke
from tests.support.pdf import assert_in_pdf, pdf_text

MAX_PAGES = 4
ICT = "ศึกษาทางไกลและไอซีที"


def test_a_sync_with_5000_bad_rows_writes_a_memo_of_a_few_pages(tmp_path: Path) -> None:
    directory = tmp_path / "office"
    runner = CliRunner()
    assert runner.invoke(cli, ["demo", str(directory), "--today", DEMO_DAY]).exit_code == 0
    book = directory / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb[ICT]
    header = {c.value: c.column for c in ws[1]}
    first = ws.max_row + 1
    while first > 2 and ws.cell(first - 1, header["รหัสตัวบ่งชี้"]).value is None:
        first -= 1  # after the tab's last filled row (setup keeps styled spare rows)
    for n in range(5000):  # a list pasted into the tab: 4,980 codes of no indicator, 20 repeating its own
        r = first + n
        ws.cell(r, header["รหัสตัวบ่งชี้"]).value = f"9.{n + 1}" if n < 4980 else "2.1"
        ws.cell(r, header["ผลการดำเนินงาน"]).value = "ทดลอง"
    wb.save(book)
    synced = invoke(runner, directory, "sync", "--today", DEMO_DAY)
    assert synced.exit_code == 0, synced.output
    with History(OfficeFolder(directory).history) as history:
        memo = max(history.memos(), key=lambda m: m.number)
    assert memo.number == 2  # a new situation, a new memo
    pdf = directory / "out" / "memo-0002.pdf"
    assert len(PdfReader(pdf).pages) <= MAX_PAGES
    last = first + 4979
    assert_in_pdf(pdf_text(pdf), f"แท็บ “{ICT}”",
                  # the demo's own row of an unknown code (2.9) just above: one run of rows
                  f"รหัสตัวบ่งชี้ที่ไม่รู้จัก ๔,๙๘๑ แถว (แถว {to_thai(first - 1)}-{to_thai(last)})",
                  f"รหัสตัวบ่งชี้ซ้ำกับแถวก่อนหน้า ๒๐ แถว (แถว {to_thai(last + 1)}-{to_thai(last + 20)}) พบ '2.1'",
                  "หลักฐานอ้างอิง (J3) ยังว่างอยู่ แถวนี้รายงานผลแล้ว กรุณากรอกช่องนี้ด้วย")  # the other groups' items are still there


def to_thai(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def test_5000_invalid_reports_make_a_memo_of_a_few_pages(tmp_path: Path) -> None:
    config = make_config(tmp_path / "big", per_group=500)  # 5,000 indicators, 500 per group
    office = load_office(config)
    keys = [c.key for c in INDICATOR_COLUMNS]
    tables = {}
    for g in office.groups:
        rows: list[list[Any]] = [[c.label for c in INDICATOR_COLUMNS]]
        for ind in office.group_indicators(g.code):
            typed: dict[str, Any] = {"code": ind.code, "title": ind.title, "target": "เป้าหมาย", "result": "ทำแล้ว",
                                     "reported_on": "1/3/2570", "criteria_met": "1,2", "target_value": 90,
                                     "self_level": 3, "justification": "ตามแผน"}
            if ind.method == "target_percent":
                typed["result"] = 85
            rows.append([typed.get(k) for k in keys])  # no evidence: every row is to put right
        tables[g.tab] = RawTable(tab=g.tab, values=rows)
    ev = cut_cells(evaluate(office, tables, date(2027, 4, 5)))
    lines = memo_lines(office, ev)
    assert len(lines) == 5000
    memo = build_memo(office, ev, lines, date(2027, 4, 5))
    (pdf,) = render_memo(office, memo, 1, config, tmp_path / "out", ("pdf",))
    assert len(PdfReader(pdf).pages) <= MAX_PAGES
    assert_in_pdf(pdf_text(pdf), "ตัวบ่งชี้ที่ ๑.๑-๑.๕๐๐ (รวม ๕๐๐ ตัวบ่งชี้)", "หลักฐานอ้างอิง ๕๐๐ แถว (แถว ๒-๕๐๑)")
