"""A whole fiscal year (2570) driven through the CLI, as an office lives it (issue 14, point 7).

The example office, with round 6 due on 13 Apr 2027: Songkran (13-15 Apr), so the round is due on Fri
16 Apr, and its grace of 8 working days ends on Wed 28 Apr (19-23, 26-28). Round 12 is due Tue 31 Aug
2027 with 2 working days of grace (1, 2 Sep). The follow-up asks for a late item within 7 working
days. Between syncs people type into the workbook (openpyxl saves it, as Excel would):

  10 Nov 2026  every owner types targets
   8 Mar 2027  admin reports 1.1 ("ผลแรกรอบหก") and 2.4; finance 2.2
   6 Apr       inside the reminder window: the memo asks by the moved due date and says why
  19 Apr       past due (in grace): the memo gives a new deadline, never a past date; brief and memo agree
  29 Apr       the first sync after the grace closes round 6 on its own
  30 Apr       admin edits 1.1 ("ผลแก้รอบหก", dated 30 Apr): round 6's result stays "ผลแรกรอบหก"; the status says so
   3 May       the coordinator reopens round 6 until 6 May; 7 May a sync closes it again with "ผลแก้รอบหก"
  20 Aug       admin types round 12's 1.1 ("ผลรอบสิบสอง") over the same row; 3 Sep round 12 closes on its own
  then         the OBEC package: round 6's file from round 6, round 12's from round 12;
               `new-year` starts 2571 (dates a year on, targets carried as drafts) and its SAR compares
               with 2570
"""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sheetsync.core import docvocab as dv
from sheetsync.core import thaifmt as f
from sheetsync.core import vocab
from sheetsync.core.evaluate import load_evaluation
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from tests.support.cli import invoke
from tests.support.pdf import squash

H = vocab.INDICATOR_HEADERS
ADMIN, FINANCE, POLICY = "อำนวยการ", "การเงินและสินทรัพย์", "นโยบายและแผน"
FY = 2570


def _calendar(config: Path) -> None:
    path = config / "calendar.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("due: 2027-03-31", "due: 2027-04-13")  # Songkran
    text = text.replace("grace_days: 10", "grace_days: 8", 1)
    text = text.replace("grace_days: 10", "grace_days: 2", 1)
    path.write_text(text, encoding="utf-8")


def type_row(book: Path, tab: str, code: str, **values: Any) -> None:
    """What a person types into the row of `code` (keys of INDICATOR_HEADERS)."""
    wb = openpyxl.load_workbook(book)
    ws = wb[tab]
    cols = {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}
    row = next(r for r in range(2, ws.max_row + 1) if str(ws.cell(r, cols[H["code"]]).value).strip() == code)
    for key, value in values.items():
        ws.cell(row, cols[H[key]]).value = value
    wb.save(book)


def cell(book: Path, tab: str, code: str, key: str) -> Any:
    wb = openpyxl.load_workbook(book, read_only=True)
    rows = list(wb[tab].iter_rows(values_only=True))
    header = [str(v).strip() if v is not None else "" for v in rows[0]]
    for r in rows[1:]:
        if str(r[header.index(H["code"])]).strip() == code:
            return r[header.index(H[key])]
    raise KeyError(code)


def status_texts(book: Path) -> list[str]:
    wb = openpyxl.load_workbook(book, read_only=True)
    return [str(v) for row in wb["สถานะภาพรวม"].iter_rows(values_only=True) for v in row if v is not None]


def sync(config: Path, day: str) -> dict[str, Any]:
    result = invoke(CliRunner(), config, "sync", "--today", day, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def text_of(path: Path) -> str:
    return squash("".join(page.extract_text() or "" for page in PdfReader(path).pages))


def memo_text(summary: dict[str, Any]) -> str:
    pdf = next(Path(p) for p in summary["documents"] if p.endswith(".pdf"))
    return text_of(pdf)


def frozen_value(config: Path, code: str, tab: str, indicator: str) -> str:
    with History(OfficeFolder(config).history) as h:
        frozen = h.frozen_round(FY, code)
        assert frozen is not None
        (outcome,) = [o for o in frozen.evaluation.outcomes[tab] if o.row.code == indicator]
        return outcome.row.result


def report_round6(book: Path, result: str, on: date) -> None:
    type_row(book, ADMIN, "1.1", result=result, criteria_met="1-3", evidence="https://drive.example/1.1",
             owner="นางวันเพ็ญ รักษ์ถิ่น", reported_on=on)


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The year lived once; each test reads what it left (the syncs' summaries, the files)."""
    config = tmp_path_factory.mktemp("year") / "office"
    import shutil

    from tests.support.cli import REPO
    shutil.copytree(REPO / "config", config)
    _calendar(config)
    runner = CliRunner()
    assert invoke(runner, config, "setup").exit_code == 0
    book = config / "office.xlsx"
    seen: dict[str, Any] = {"config": config, "book": book}

    for tab, code in [(ADMIN, "1.1"), (ADMIN, "2.4"), (ADMIN, "3.1"), (FINANCE, "2.2"), (POLICY, "1.1"), (POLICY, "1.3")]:
        type_row(book, tab, code, target=f"เป้าหมาย {code}", target_value=90)
    seen["nov"] = sync(config, "2026-11-10")

    report_round6(book, "ผลแรกรอบหก", date(2027, 3, 8))
    type_row(book, ADMIN, "2.4", result=90, evidence="รายงานการตรวจสอบ",
             owner="นางวันเพ็ญ", reported_on=date(2027, 3, 8))
    type_row(book, FINANCE, "2.2", result=92, evidence="GFMIS",
             owner="นางอรุณี", reported_on=date(2027, 3, 8))
    seen["mar"] = sync(config, "2027-03-10")
    seen["apr6"] = sync(config, "2027-04-06")
    seen["apr6_status"] = status_texts(book)
    seen["apr19"] = sync(config, "2027-04-19")
    seen["apr19_status"] = status_texts(book)
    seen["brief19"] = text_of(_report(config, "brief"))
    seen["apr29"] = sync(config, "2027-04-29")
    seen["frozen_first"] = frozen_value(config, "round6", ADMIN, "1.1")

    report_round6(book, "ผลแก้รอบหก", date(2027, 4, 30))
    seen["apr30"] = sync(config, "2027-04-30")
    seen["apr30_progress"] = cell(book, ADMIN, "1.1", "progress")
    seen["frozen_after_edit"] = frozen_value(config, "round6", ADMIN, "1.1")
    reopened = invoke(runner, config, "round", "reopen", "round6", "--until", "2027-05-06", "--today", "2027-05-03",
                      "--by", "นางสาวพิมพ์ชนก ศรีสุข")
    assert reopened.exit_code == 0, reopened.output
    seen["reopen_output"] = reopened.output
    seen["may5"] = sync(config, "2027-05-05")
    seen["may7"] = sync(config, "2027-05-07")
    seen["frozen_reclosed"] = frozen_value(config, "round6", ADMIN, "1.1")

    type_row(book, ADMIN, "1.1", result="ผลรอบสิบสอง", criteria_met="1-4", reported_on=date(2027, 8, 20))
    seen["aug20"] = sync(config, "2027-08-20")
    seen["sep3"] = sync(config, "2027-09-03")
    listing = invoke(runner, config, "round", "list", "--json", "--today", "2027-09-03")
    assert listing.exit_code == 0, listing.output
    seen["rounds"] = {r["code"]: r for r in json.loads(listing.output)["rounds"]}
    package = invoke(runner, config, "report", "package")
    assert package.exit_code == 0, package.output
    seen["package_output"] = package.output
    seen["package"] = next(Path(p) for p in package.output.split() if p.endswith(".zip"))
    rolled = invoke(runner, config, "new-year", "--yes")
    assert rolled.exit_code == 0, rolled.output
    seen["new_book"] = config / "office-2571.xlsx"
    seen["new_calendar"] = (config / "calendar.yaml").read_text(encoding="utf-8")
    seen["new_sync"] = sync(config, "2026-10-05".replace("2026", "2027"))
    seen["sar_2571"] = text_of(_report(config, "sar"))
    with History(OfficeFolder(config).history) as h:
        seen["events"] = [(e.code, e.event, e.on, e.by) for e in h.round_events(FY)]
        seen["ev_apr19"] = load_evaluation(h.evaluation(next(r.id for r in h.runs() if r.today == date(2027, 4, 19))) or {})
    return seen


def _report(config: Path, kind: str) -> Path:
    result = invoke(CliRunner(), config, "report", kind, "--format", "pdf")
    assert result.exit_code == 0, result.output
    return next(Path(p) for p in result.output.split() if p.endswith(".pdf"))


def test_a_due_date_on_songkran_moves_and_the_documents_say_so(year: dict[str, Any]) -> None:
    moved = vocab.DEADLINE_MOVED.format(day=f.be_date(date(2027, 4, 13), "short"), reason="วันสงกรานต์")
    assert any(moved in t for t in year["apr6_status"])  # the Status tab's rounds table
    memo = memo_text(year["apr6"])  # 6 Apr is inside the window: 14 working days before Fri 16 Apr
    assert squash(dv.DATE_MOVED.format(day=f.be_date(date(2027, 4, 13)), reason="วันสงกรานต์")) in memo
    assert squash(dv.MEMO_ASK_BY.format(date=f.be_date(date(2027, 4, 16)))) in memo


def test_an_overdue_item_gets_a_new_deadline_not_a_past_date(year: dict[str, Any]) -> None:
    # 19 Apr + 7 working days: 20, 21, 22, 23, 26, 27, 28 Apr
    memo = memo_text(year["apr19"])
    assert squash(dv.MEMO_ASK_BY.format(date=f.be_date(date(2027, 4, 28)))) in memo
    assert squash(dv.MEMO_ASK_SOON) not in memo
    ev = year["ev_apr19"]
    overdue = [i for i in ev.late if i.state in ("overdue", "missing_row") and i.milestone == "round6"]
    assert overdue and all(i.new_due == date(2027, 4, 28) for i in overdue)


def test_brief_and_memo_count_the_same_round(year: dict[str, Any]) -> None:
    ev = year["ev_apr19"]
    focus = ev.round
    assert focus is not None and focus.code == "round6"
    # admin 1.1, admin 2.4 and finance 2.2 reported for round 6; the example's 16 owner rows in all
    assert (focus.reported, focus.total) == (3, 16)
    brief = year["brief19"]
    assert squash(f"รอบ ๖ เดือน: รายงานแล้ว {f.digits(3)} จาก {f.digits(16)}") in brief
    assert squash(vocab.NO_DEADLINE) not in brief  # the round is late: its new deadline is next
    assert squash(f.be_date(date(2027, 4, 28))) in brief
    # the memo lists every owner row not reported for round 6 (16 - 3) once: by round 6, or by the
    # targets milestone when the row has no target yet (the oldest milestone missed decides)
    behind = {(i.group, i.code) for i in ev.late if i.state in ("overdue", "missing_row")}
    assert len(behind) == 16 - 3
    assert {("admin", "1.1"), ("admin", "2.4"), ("finance", "2.2")}.isdisjoint(behind)
    assert squash(vocab.ST_GROUPS_ROUND.format(round="รอบ ๖ เดือน")) in "".join(squash(t) for t in year["apr19_status"])


def test_the_first_sync_after_the_grace_closes_the_round(year: dict[str, Any]) -> None:
    assert year["apr19"]["closed_rounds"] == []
    assert year["apr29"]["closed_rounds"] == ["round6"]
    assert year["frozen_first"] == "ผลแรกรอบหก"


def test_an_edit_after_the_close_does_not_change_the_round(year: dict[str, Any]) -> None:
    assert year["apr30"]["closed_rounds"] == []
    assert year["frozen_after_edit"] == "ผลแรกรอบหก"
    progress = str(year["apr30_progress"])
    assert "รอบ ๖ เดือนปิดแล้ว" in progress and "นับเป็นผลรอบ ๑๒ เดือน" in progress


def test_reopen_is_recorded_and_the_round_closes_again_after_until(year: dict[str, Any]) -> None:
    assert "๖ พฤษภาคม ๒๕๗๐" in year["reopen_output"]
    assert year["may5"]["closed_rounds"] == []  # reopened until 6 May
    assert year["may7"]["closed_rounds"] == ["round6"]
    assert year["frozen_reclosed"] == "ผลแก้รอบหก"  # the reopened round took the corrected value
    events = [(code, event, on) for code, event, on, _ in year["events"]]
    assert events == [("round6", "closed", date(2027, 4, 29)), ("round6", "reopened", date(2027, 5, 3)),
                      ("round6", "closed", date(2027, 5, 7)), ("round12", "closed", date(2027, 9, 3))]
    assert year["events"][1][3].startswith("นางสาวพิมพ์ชนก ศรีสุข")
    assert year["events"][0][3] == vocab.ROUND_BY_SYNC


def test_round_list_shows_both_rounds_closed(year: dict[str, Any]) -> None:
    rounds = year["rounds"]
    assert rounds["round6"]["state"] == rounds["round12"]["state"] == "closed"
    assert rounds["round6"]["due"] == "2027-04-16" and rounds["round6"]["due_moved_from"] == "2027-04-13"
    assert rounds["round12"]["closed_on"] == "2027-09-03"
    # who was late, as frozen: round 6 re-closed on 7 May with admin 1.1 (dated 30 Apr, after the 16 Apr due
    # date), admin 2.4 and finance 2.2 reported; the other 13 rows not
    assert (rounds["round6"]["not_reported"], rounds["round6"]["reported_late"]) == (13, 1)
    assert (rounds["round12"]["reported"], rounds["round12"]["total"]) == (1, 16)  # only admin 1.1 in August


def test_the_package_takes_each_round_from_its_frozen_results(year: dict[str, Any]) -> None:
    with zipfile.ZipFile(year["package"]) as z:
        names = set(z.namelist())
        six = squash(PdfReader(z.open("e-MES/round6/1.1.pdf")).pages[0].extract_text())
        twelve = squash(PdfReader(z.open("e-MES/round12/1.1.pdf")).pages[0].extract_text())
        manifest = json.loads(z.read("manifest.json"))
    assert "ผลแก้รอบหก" in six and "ผลรอบสิบสอง" not in six and squash(f.be_date(date(2027, 5, 7))) in six
    assert "ผลรอบสิบสอง" in twelve and "ผลแก้รอบหก" not in twelve and squash(f.be_date(date(2027, 9, 3))) in twelve
    assert "e-MES/round6/2.2.pdf" in names and "e-MES/round12/2.2.pdf" not in names  # no round-12 result
    assert "2.2" in manifest["rounds"]["round12"]["missing"]
    assert f.digits("2.2") in year["package_output"]


def test_the_year_rolls_forward(year: dict[str, Any]) -> None:
    # round 6 of 2571 is due 13 Apr 2028 (the 2570 date moved a year), its targets carried as drafts
    assert "due: 2028-04-13" in year["new_calendar"] and "due: 2028-08-31" in year["new_calendar"]
    assert year["new_sync"]["today"] == "2027-10-05"
    target = cell(year["new_book"], ADMIN, "1.1", "target")
    assert str(target).startswith(vocab.TARGET_DRAFT_PREFIX) and "เป้าหมาย 1.1" in str(target)
    assert cell(year["new_book"], ADMIN, "1.1", "result") is None  # results start blank
    assert cell(year["new_book"], ADMIN, "1.1", "state") == vocab.STATE_TARGET_DRAFT
    # the SAR of 2571 compares with 2570, read from history
    assert squash(dv.SAR_YEAR_TITLE.format(fy=f.digits(2570))) in year["sar_2571"]
