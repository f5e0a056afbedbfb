"""The workbook's fault corpus (issue 13, point 2 and the workbook cases of point 5): a save by another
program during ours, a read-only file, a killed save's temporary file, a password-protected file, an old
.xls, merged cells over a status cell, a chart sheet named like a group tab, array and data-table
formulas, rich text, a million formatted empty rows, and a restore over a formula.

Each test asserts what people typed is as it was (or as the other program saved it), the Thai message
and the exit status. The save race is made deterministic: the other program (a real second process)
saves the workbook from inside our save, after our temporary file is complete and just before the check
that guards the rename, the last moment it could land.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from sheetsync.backends.xlsx import backup_path
from sheetsync.core import vocab
from sheetsync.store import files
from tests.support.cli import DEMO_DAY, REPO, invoke, user_cells
from tests.support.office import libreoffice_save
from tests.support.ole import encrypted_workbook, old_xls

ADMIN = "อำนวยการ"  # rows: 2 = 1.1 (criteria), 3 = 2.4 (target_percent), 4 = 3.1
POLICY = "นโยบายและแผน"  # rows: 2 = 1.1, 3 = 1.3 (its evidence J3 missing: an error)
STATUS_COL, ERRORS_COL = "N", "O"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit(book: Path, tab: str, **cells: object) -> None:
    wb = openpyxl.load_workbook(book)
    for address, value in cells.items():
        wb[tab][address] = value
    wb.save(book)


def typed(book: Path) -> dict[tuple[str, str], object]:
    """`user_cells`, with formula objects compared by what they are (openpyxl's have no equality)."""
    def plain(value: object) -> object:
        if isinstance(value, ArrayFormula):
            return ("array", value.ref, value.text)
        if isinstance(value, DataTableFormula):
            return ("dataTable", value.ref, value.r1, value.r2)
        return value
    return {k: plain(v) for k, v in user_cells(book).items()}


def cell(book: Path, tab: str, address: str) -> object:
    return openpyxl.load_workbook(book)[tab][address].value


def force_a_write(book: Path) -> None:
    """A person types words into 1.1's target value: its status cells must change at the next sync."""
    edit(book, ADMIN, D2="ประมาณแปดสิบ")


# --- the save race (point 2) ------------------------------------------------------------------------

OTHER_PROGRAM = """
import os, sys, openpyxl
book, how, note = sys.argv[1], sys.argv[2], sys.argv[3]
wb = openpyxl.load_workbook(book)
wb["นโยบายและแผน"]["J3"] = "1-2: รายงานการประชุมเครือข่าย"  # 1.3's missing evidence, typed in the other program
wb["นโยบายและแผน"]["M2"] = note
if how == "in place":  # written over the same file (same inode), as some programs save
    wb.save(book + ".new")
    with open(book + ".new", "rb") as src, open(book, "r+b") as dst:
        data = src.read()
        dst.truncate(0)
        dst.write(data)
    os.remove(book + ".new")
else:  # a new file renamed over it, as LibreOffice and Excel save
    wb.save(book + ".new")
    os.replace(book + ".new", book)
"""


def other_program_saves(book: Path, how: str, note: str) -> None:
    subprocess.run([sys.executable, "-c", OTHER_PROGRAM, str(book), how, note], check=True, timeout=120)


def race_our_save(monkeypatch: pytest.MonkeyPatch, book: Path, how: str, times: int | None) -> list[dict]:
    """Make another process save `book` inside each of our next `times` saves of it (None: every one),
    just before the check that guards the rename; returns what people's cells were after each of its
    saves, and the file's digest."""
    real = files.write_bytes
    saves: list[dict] = []

    def racing(target: Path | str, data: bytes, check=None) -> Path:
        if Path(target) != book or check is None or (times is not None and len(saves) >= times):
            return real(target, data, check=check)

        def then_check() -> None:
            other_program_saves(book, how, f"บันทึกจากโปรแกรมอื่น ครั้งที่ {len(saves) + 1}")
            saves.append({"typed": typed(book), "sha": sha(book)})
            assert check is not None
            check()

        return real(target, data, check=then_check)

    monkeypatch.setattr(files, "write_bytes", racing)
    return saves


@pytest.mark.parametrize("how", ["in place", "by rename"])
def test_a_save_by_another_program_during_ours_is_kept(demo_dir: Path, runner, monkeypatch, how: str) -> None:
    book = demo_dir / "office.xlsx"
    force_a_write(book)
    saves = race_our_save(monkeypatch, book, how, times=1)
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    assert len(saves) == 1  # it did land inside our save
    assert vocab.WB_SAVED_MEANWHILE_EVENT.format(name=book.name) in result.stderr
    # Nothing the other program saved is lost, and the sync read it again: 1.3 has its evidence now.
    assert typed(book) == saves[0]["typed"]
    assert cell(book, POLICY, "J3") == "1-2: รายงานการประชุมเครือข่าย"
    assert cell(book, POLICY, f"{STATUS_COL}3") == vocab.STATE_VALID
    assert cell(book, ADMIN, f"{STATUS_COL}2") == vocab.STATE_INVALID  # and our own work is done too
    assert not [p for p in demo_dir.iterdir() if p.name.startswith(".office.xlsx.")]


def test_a_workbook_saved_over_at_every_attempt_is_never_overwritten(demo_dir: Path, runner, monkeypatch) -> None:
    book = demo_dir / "office.xlsx"
    force_a_write(book)
    saves = race_our_save(monkeypatch, book, "by rename", times=None)
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 1, result.output
    assert len(saves) == 3  # each attempt read the file again, planned again, and was saved over again
    assert vocab.ROWS_KEPT_MOVING.format(attempts=3) in result.stderr
    assert sha(book) == saves[-1]["sha"]  # the other program's last save, byte for byte: nothing written over it
    assert typed(book) == saves[-1]["typed"]
    # The next sync, with nobody saving meanwhile, starts over from that file and writes.
    monkeypatch.undo()
    again = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert again.exit_code == 0, again.output
    assert typed(book) == saves[-1]["typed"]
    assert cell(book, POLICY, f"{STATUS_COL}3") == vocab.STATE_VALID


# --- the file itself ---------------------------------------------------------------------------------

def test_a_read_only_workbook_is_refused(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    force_a_write(book)
    os.chmod(book, 0o444)  # marked read-only; its folder stays writable
    before, backup = sha(book), sha(backup_path(book))
    try:
        result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
        assert result.exit_code == 1, result.output
        assert vocab.WB_FILE_READONLY.format(name=book.name) in result.stderr
        assert "chmod u+w" in result.stderr  # the fix
        assert sha(book) == before and sha(backup_path(book)) == backup  # nothing replaced, not even the backup
        assert (book.stat().st_mode & 0o777) == 0o444
    finally:
        os.chmod(book, 0o644)


KILLED_SAVE = """
import os, signal, sys
from pathlib import Path
from sheetsync.store import files
real = files.write_bytes
def killed(target, data, check=None):
    if Path(target).name == "office.xlsx":  # the temporary file is complete: die before the rename
        return real(target, data, check=lambda: os.kill(os.getpid(), signal.SIGKILL))
    return real(target, data, check=check)
files.write_bytes = killed
from sheetsync.cli.main import cli
cli.main(["--config", sys.argv[1], "sync", "--today", sys.argv[2]])
"""


def test_temporary_files_of_a_killed_save_are_removed_by_a_later_run(demo_dir: Path, runner, tmp_path: Path) -> None:
    book = demo_dir / "office.xlsx"
    force_a_write(book)
    before, people = sha(book), typed(book)
    killed = subprocess.run([sys.executable, "-c", KILLED_SAVE, str(demo_dir), DEMO_DAY], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert sha(book) == before  # killed before the rename: the workbook is as it was
    left = [p for p in demo_dir.iterdir() if re.fullmatch(r"\.office\.xlsx\.[a-z0-9_]{8}\.tmp", p.name)]
    assert len(left) == 1  # the killed save's full copy, left behind
    # Files that are not ours, or not of that pattern, or links, are never touched.
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone's")
    decoys = [demo_dir / ".office.xlsx.abcdefgh.tmp.keep", demo_dir / ".other.xlsx.abcdefgh.tmp",
              demo_dir / "office.xlsx.abcdefgh.tmp", demo_dir / ".office.xlsx.abc.tmp"]
    for decoy in decoys:
        decoy.write_text("not sheetsync's")
    link = demo_dir / ".office.xlsx.linkedto.tmp"
    link.symlink_to(elsewhere)
    old = time.time() - 3600
    for path in [*decoys, link]:
        os.utime(path, (old, old), follow_symlinks=False)
    # A run at once leaves the fresh one alone (a save could be writing it)...
    first = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert first.exit_code == 0, first.output
    assert left[0].exists()
    assert typed(book) == people
    # ...and one after it has lain untouched for more than a minute removes it, and says so.
    os.utime(left[0], (old, old))
    force_a_write(book)
    second = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert second.exit_code == 0, second.output
    assert not left[0].exists()
    assert vocab.WB_STALE_TEMP_REMOVED.format(name=left[0].name) in second.stderr
    assert all(p.exists() for p in decoys) and link.is_symlink() and elsewhere.read_text() == "someone's"
    assert typed(book) == people


def test_a_password_protected_workbook_says_so(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    book.write_bytes(encrypted_workbook(book.read_bytes()))
    before = sha(book)
    assert book.read_bytes()[:4] == bytes.fromhex("D0CF11E0")
    for command in (["sync", "--today", DEMO_DAY], ["setup"]):
        result = invoke(runner, demo_dir, *command)
        assert result.exit_code == 1, result.output
        assert vocab.WB_ENCRYPTED.format(name=book.name) in result.stderr
        assert vocab.WB_ENCRYPTED_HINT in result.stderr  # remove the password...
        assert backup_path(book).name not in result.stderr  # ...not "restore from the .bak" (recent edits lost)
        assert "Traceback" not in result.output
        assert sha(book) == before
    doctor = invoke(runner, demo_dir, "doctor")
    assert doctor.exit_code == 1 and vocab.WB_ENCRYPTED.format(name=book.name) in doctor.output


def test_an_old_xls_under_an_xlsx_name_says_so(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    book.write_bytes(old_xls())
    before = sha(book)
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 1, result.output
    assert vocab.WB_OLD_XLS.format(name=book.name) in result.stderr and vocab.WB_OLD_XLS_HINT in result.stderr
    assert sha(book) == before


# --- what cells and tabs hold (point 5) --------------------------------------------------------------

def test_merged_cells_over_a_status_cell_are_reported_and_skipped(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb[ADMIN]
    ws["D2"] = "ประมาณแปดสิบ"  # row 2's status must change
    ws["D3"] = "ประมาณสาม"  # and row 3's
    ws["M3"] = "หมายเหตุที่พิมพ์ไว้"
    ws.merge_cells("M3:O3")  # a person merged their note over row 3's status and errors
    wb.save(book)
    people = typed(book)
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    for address in (f"{STATUS_COL}3", f"{ERRORS_COL}3"):
        assert vocab.WB_KEPT_MERGED.format(tab=ADMIN, cell=address, range="M3:O3") in result.stderr
    assert typed(book) == people
    ws = openpyxl.load_workbook(book)[ADMIN]
    assert ws["M3"].value == "หมายเหตุที่พิมพ์ไว้" and "M3:O3" in {str(r) for r in ws.merged_cells.ranges}
    with zipfile.ZipFile(book) as zf:  # nothing written into the hidden cells
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert not re.search(r'<c r="N3"[^>]*>\s*<(is|v)', xml) and not re.search(r'<c r="O3"[^>]*>\s*<(is|v)', xml)
    assert ws[f"{STATUS_COL}2"].value == vocab.STATE_INVALID  # the rest is written
    assert "D2" in str(ws[f"{ERRORS_COL}2"].value)


def test_a_chart_sheet_named_like_a_group_tab_is_refused_with_a_message(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    index = wb.sheetnames.index(POLICY)
    del wb[POLICY]
    chart = BarChart()
    chart.add_data(Reference(wb[ADMIN], min_col=16, min_row=1, max_row=4), titles_from_data=True)
    wb.create_chartsheet(POLICY, index).add_chart(chart)
    wb.save(book)
    # (openpyxl's own load fails on this file: its save gives the tab-local names of the tabs after a
    # chart sheet the index one too low, the chart sheet's. The file's bytes are compared instead.)
    before = sha(book)
    for command in (["sync", "--today", DEMO_DAY], ["setup"]):
        result = invoke(runner, demo_dir, *command)
        assert result.exit_code == 1, result.output
        assert vocab.WB_NOT_A_SHEET.format(tab=POLICY, kind="chartsheet") in result.stderr
        assert vocab.WB_NOT_A_SHEET_HINT.format(tab=POLICY) in result.stderr
        assert "Traceback" not in result.output
        assert sha(book) == before


def test_array_and_data_table_formulas_read_as_their_value_or_their_text(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    wb[ADMIN]["F3"] = ArrayFormula("F3", "=2+0.5")  # 2.4's result, typed as an array formula: 2.5
    wb[ADMIN]["D2"] = ArrayFormula("D2", "=SUM(B2:C2)")
    wb[POLICY]["D2"] = DataTableFormula("D2", r1="B1", r2="C1")
    wb.save(book)
    # Saved by openpyxl, no formula has a value yet: each is named by its text, as a spreadsheet shows it.
    people = typed(book)
    result = invoke(runner, demo_dir, "sync", "--json", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    assert "openpyxl" not in result.output and "object at 0x" not in result.output
    errors = {(e["tab"], e["cell"]): e for e in json.loads(result.stdout)["errors"]}
    assert errors[(ADMIN, "F3")]["code"] == "formula-no-value" and "'{=2+0.5}'" in errors[(ADMIN, "F3")]["message"]
    assert "'{=SUM(B2:C2)}'" in errors[(ADMIN, "D2")]["message"]
    assert "'{=TABLE(B1,C1)}'" in errors[(POLICY, "D2")]["message"]
    assert typed(book) == people
    # Once a spreadsheet program has computed them, the value is what the sync reads.
    libreoffice_save(book)
    again = invoke(runner, demo_dir, "sync", "--json", "--today", DEMO_DAY)
    assert again.exit_code == 0, again.output
    cells = {(e["tab"], e["cell"]) for e in json.loads(again.stdout)["errors"]}
    assert (ADMIN, "F3") not in cells  # 2.5, a valid result
    assert openpyxl.load_workbook(book, data_only=True)[ADMIN]["F3"].value == 2.5
    assert cell(book, ADMIN, f"{STATUS_COL}3") == vocab.STATE_VALID
    assert isinstance(cell(book, ADMIN, "F3"), ArrayFormula)  # still the person's formula


def test_rich_text_cells_are_read_as_their_plain_text(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book, rich_text=True)
    wb[POLICY]["J3"] = CellRichText(["1-2: รายงาน", TextBlock(InlineFont(b=True), "การประชุม"), "เครือข่าย"])
    wb[ADMIN]["F3"] = CellRichText(["2", TextBlock(InlineFont(i=True), ".5")])
    wb.save(book)
    people = typed(book)
    result = invoke(runner, demo_dir, "sync", "--json", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    assert "CellRichText" not in result.output and "TextBlock" not in result.output
    assert cell(book, POLICY, f"{STATUS_COL}3") == vocab.STATE_VALID  # its evidence is there, in two styles
    assert cell(book, ADMIN, f"{STATUS_COL}3") == vocab.STATE_VALID  # a number, in two styles
    assert typed(book) == people
    rich = openpyxl.load_workbook(book, rich_text=True)[POLICY]["J3"].value
    assert isinstance(rich, CellRichText) and str(rich) == "1-2: รายงานการประชุมเครือข่าย"  # its styles kept


def _with_empty_rows(book: Path, tab_part: str, count: int) -> int:
    """`count` formatted empty rows (a fill and three styled cells each, as a group that formats whole
    rows down the sheet gets) after the last row of a sheet part; returns the first of them."""
    with zipfile.ZipFile(book) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    xml = parts[tab_part]
    first = max(int(n) for n in re.findall(rb'<row r="(\d+)"', xml)) + 1
    rows = b"".join(b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="D%d" s="1"/><c r="N%d" s="1"/></row>'
                    % (r, r, r, r) for r in range(first, first + count))
    end = xml.index(b"</sheetData>")
    parts[tab_part] = xml[:end] + rows + xml[end:]
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return first


def _rows_before(book: Path, tab_part: str, limit: int, out: Path) -> dict:
    """People's cells of the first rows (below `limit`) of every tab: the big sheet cut short, so that
    openpyxl's full load can compare them."""
    with zipfile.ZipFile(book) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    xml = parts[tab_part]
    cut = xml.index(b'<row r="%d"' % limit)
    parts[tab_part] = xml[:cut] + xml[xml.index(b"</sheetData>"):]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return typed(out)


def test_a_million_formatted_empty_rows_take_seconds_and_little_memory(demo_dir: Path, tmp_path: Path) -> None:
    book = demo_dir / "office.xlsx"
    force_a_write(book)  # the big tab is written too, not only read
    part = "xl/worksheets/sheet1.xml"  # the first group tab (ADMIN)
    first_empty = _with_empty_rows(book, part, 1_000_000)
    people = _rows_before(book, part, first_empty, tmp_path / "before.xlsx")
    with zipfile.ZipFile(book) as zf:
        before = zf.read(part)
    log = tmp_path / "sync.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "sheetsync", "--config", str(demo_dir), "sync",
                                 "--today", DEMO_DAY, "--json"], cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory, not any other's
        proc.returncode = os.waitstatus_to_exitcode(status)
    # Its time is make bench's business, not a test's (about 4 s here, 216 s before); its memory, the
    # child's own peak, does not depend on how busy the machine is.
    assert proc.returncode == 0, log.read_text()[-3000:]
    assert usage.ru_maxrss / 1024 < 1024, usage.ru_maxrss  # about 320 MiB here, the memo's PDF included (5.6 GB before)
    assert _rows_before(book, part, first_empty, tmp_path / "after.xlsx") == people
    with zipfile.ZipFile(book) as zf:
        after = zf.read(part)
    cut = b'<row r="%d"' % first_empty
    assert after[after.index(cut):] == before[before.index(cut):]  # the million rows, byte for byte
    assert cell(tmp_path / "after.xlsx", ADMIN, f"{STATUS_COL}2") == vocab.STATE_INVALID


# --- formulas are never replaced by constants ----------------------------------------------------------

def test_restore_never_replaces_a_formula_with_a_constant(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    # After run 1 (the demo's sync), a person puts a formula where 1.1's result was, and types over its
    # criteria; a sync records that.
    edit(book, POLICY, F2='="ดำเนินการ"&"ครบ"', G2="9")
    assert invoke(runner, demo_dir, "sync", "--today", DEMO_DAY).exit_code == 0
    result = invoke(runner, demo_dir, "restore", "1", "--tab", POLICY, "--yes")
    assert result.exit_code == 0, result.output
    kept = vocab.RESTORE_KEPT_FORMULA.format(tab=POLICY, cell="F2", formula='="ดำเนินการ"&"ครบ"',
                                             value="'ดำเนินการครบประเด็น ๑-๓'")
    assert kept in result.stderr
    assert vocab.RESTORE_DONE.format(cells=1) in result.stdout  # G2 only
    assert cell(book, POLICY, "F2") == '="ดำเนินการ"&"ครบ"'  # still the formula
    assert cell(book, POLICY, "G2") == "1-3"  # what was typed over it is restored
    # Asked for the formula's cell alone: nothing to do but say why.
    only = invoke(runner, demo_dir, "restore", "1", "--tab", POLICY, "--range", "F2", "--yes")
    assert only.exit_code == 0, only.output
    assert kept in only.stderr and vocab.RESTORE_NOTHING.format(run=1) not in only.output
    assert cell(book, POLICY, "F2") == '="ดำเนินการ"&"ครบ"'


def test_a_formula_typed_into_a_status_cell_is_not_written_over(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    edit(book, ADMIN, D2="ประมาณแปดสิบ", N2="=1+1")  # row 2's status changes; a person put a formula there
    people = typed(book)
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    assert vocab.WB_KEPT_FORMULA.format(tab=ADMIN, cell="N2", formula="=1+1") in result.stderr
    assert cell(book, ADMIN, "N2") == "=1+1"
    assert "D2" in str(cell(book, ADMIN, f"{ERRORS_COL}2"))  # the row's other status cells are written
    assert typed(book) == people
