"""Issue 13, point 1, as a fault corpus: the sync writes only into its own status columns.

A status column is the sync's when its header is the status label and the marker only setup and the
sync set says so (workbook: a defined name local to the tab; Google: developer metadata on the
column; core/layout.py). Each case below is something people do to a tab; each test asserts that every
cell people typed is as it was after the sync, and the Thai message the sync gives. A status column
that is missing is added after the last column holding any value (in any row), once.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.cell import column_index_from_string, get_column_letter

from sheetsync.core import vocab
from tests.fakes.fake_sheets import FakeSheets
from tests.support.cli import DEMO_DAY, invoke
from tests.support.google import google_config
from tests.support.office import libreoffice_save

POLICY = "นโยบายและแผน"
OUTPUTS = "ผลงานที่ประสบผลสำเร็จ"
STATUS_TAB = "สถานะภาพรวม"
SYNC_COLUMNS = {"N", "O", "P", "Q", "R"}  # where setup puts the status columns of a group tab
OUTPUT_SYNC_COLUMNS = {"G", "H"}


# --- the workbook ------------------------------------------------------------------------------------

def cells(book: Path) -> dict[tuple[str, str], object]:
    """Every cell that holds a value, on every tab but the Status tab."""
    wb = openpyxl.load_workbook(book)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets if ws.title != STATUS_TAB
            for row in ws.iter_rows() for c in row if c.value is not None}


def letters(coordinate: str) -> str:
    return "".join(ch for ch in coordinate if ch.isalpha())


def assert_typed_cells_unchanged(before: dict, after: dict, owned: dict[str, set[str]]) -> None:
    """Outside the columns the sync owns after the sync (`owned`: tab -> column letters; a group tab
    not named owns N to R, the outputs tab G and H), nothing was added, changed or removed."""
    def people(grid: dict) -> dict:
        return {k: v for k, v in grid.items()
                if letters(k[1]) not in owned.get(k[0], OUTPUT_SYNC_COLUMNS if k[0] == OUTPUTS else SYNC_COLUMNS)}
    assert people(after) == people(before)


def sync(runner, config: Path) -> dict:
    result = invoke(runner, config, "sync", "--json", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    summary = json.loads(result.stdout)
    for warning in summary["warnings"]:  # said on the console too
        assert vocab.CLI_WARNING.format(warning=warning) in result.stderr
    return summary


def added(tab: str, *columns: tuple[str, str]) -> str:
    return vocab.STATUS_COLUMNS_ADDED.format(
        tab=tab, columns=", ".join(vocab.STATUS_COLUMN_AT.format(label=label, column=col) for label, col in columns))


def edit(book: Path, change) -> None:
    wb = openpyxl.load_workbook(book)
    change(wb)
    wb.save(book)


def clear_status(ws, rows=range(2, 4), cols="NOPQR") -> None:
    """Empties status cells, so that the sync has them to write again."""
    for r in rows:
        for col in cols:
            ws[f"{col}{r}"] = None


def names_of(ws) -> dict[str, str]:
    return {name: dn.attr_text for name, dn in ws.defined_names.items() if name.startswith("sheetsync_")}


def _shift_names(ws, col: int, deleted: bool) -> None:
    """What Excel and LibreOffice do to the names when a column is deleted or inserted (openpyxl does
    not): a name on the deleted column becomes #REF!, names to the right move along."""
    for name, dn in list(ws.defined_names.items()):
        m = re.fullmatch(r"(.*)!\$([A-Z]+)\$1", dn.attr_text or "")
        if not name.startswith("sheetsync_") or m is None:
            continue
        at = column_index_from_string(m.group(2))
        if deleted and at == col:
            dn.attr_text = f"{m.group(1)}!#REF!"
        elif at > col or (not deleted and at == col):
            dn.attr_text = f"{m.group(1)}!${get_column_letter(at - 1 if deleted else at + 1)}$1"


def test_renamed_status_header_gets_a_new_column_after_the_last_used(demo_dir: Path, runner) -> None:
    """A group renames สถานะ and keeps notes in T, under a header cell left empty: the sync neither
    writes the renamed column nor T, but adds its สถานะ column at U, once."""
    book = demo_dir / "office.xlsx"

    def change(wb) -> None:
        ws = wb[POLICY]
        ws["N1"] = "สถานะ (ของกลุ่ม)"
        ws["T2"], ws["T3"] = "โทรตามแล้ว", "รอเอกสาร"
    edit(book, change)
    before = cells(book)
    summary = sync(runner, demo_dir)
    assert added(POLICY, ("สถานะ", "U")) in summary["warnings"]
    after = cells(book)
    assert_typed_cells_unchanged(before, after, {POLICY: {"O", "P", "Q", "R", "U"}})
    assert after[(POLICY, "U1")] == "สถานะ" and after[(POLICY, "U2")] == vocab.STATE_VALID
    assert after[(POLICY, "U3")] == vocab.STATE_INVALID
    # Once: the next sync finds the column it added (its marker), adds none and writes nothing new.
    again = sync(runner, demo_dir)
    assert not [w for w in again["warnings"] if POLICY in w]
    assert openpyxl.load_workbook(book)[POLICY].max_column == 21
    assert cells(book) == after


def test_emptied_status_header_is_not_the_syncs_column(demo_dir: Path, runner) -> None:
    """The header cell of ข้อผิดพลาด deleted (its cells below keep what they held): that column is no
    longer the sync's, which adds a new one after the last used column."""
    book = demo_dir / "office.xlsx"
    edit(book, lambda wb: wb[POLICY].__setitem__("O1", None))
    before = cells(book)
    summary = sync(runner, demo_dir)
    assert added(POLICY, ("ข้อผิดพลาด", "T")) in summary["warnings"]  # after S, คำชี้แจง (issue 17)
    after = cells(book)
    assert_typed_cells_unchanged(before, after, {POLICY: {"N", "P", "Q", "R", "T"}})
    assert after[(POLICY, "O3")] == before[(POLICY, "O3")]  # left as it was
    assert after[(POLICY, "T3")].startswith("J3:")


def test_deleted_status_column_is_added_back_once(demo_dir: Path, runner) -> None:
    """The whole คะแนน column deleted, as Excel or LibreOffice deletes one (its name turns #REF!, the
    names right of it move), and a note typed two columns right of the last status column."""
    book = demo_dir / "office.xlsx"

    def change(wb) -> None:
        ws = wb[POLICY]
        ws.delete_cols(16)
        _shift_names(ws, 16, deleted=True)
        ws["S2"] = "หมายเหตุของหัวหน้ากลุ่ม"  # the status columns are now N to Q; R empty, S a note
    edit(book, change)
    before = cells(book)
    summary = sync(runner, demo_dir)
    assert added(POLICY, ("คะแนน", "T")) in summary["warnings"]
    after = cells(book)
    assert_typed_cells_unchanged(before, after, {POLICY: {"N", "O", "P", "Q", "T"}})
    assert after[(POLICY, "T1")] == "คะแนน" and after[(POLICY, "T2")] == 4
    assert after[(POLICY, "P2")] == before[(POLICY, "P2")]  # ระดับคุณภาพ, now in P, stays the sync's
    assert not [w for w in sync(runner, demo_dir)["warnings"] if POLICY in w]  # once


def test_tab_built_with_only_the_input_columns(demo_dir: Path, runner) -> None:
    """A tab made by hand: the input columns only, no marker, and notes in P under an empty header.
    The sync adds its five columns after P and never writes P."""
    book = demo_dir / "office.xlsx"

    def change(wb) -> None:
        ws = wb[POLICY]
        for r in range(1, ws.max_row + 1):
            for col in "NOPQRS":  # (S: คำชี้แจง, the last column setup makes: issue 17)
                ws[f"{col}{r}"] = None
        for name in list(names_of(ws)):
            del ws.defined_names[name]
        ws["P2"], ws["P3"] = "ส่งแล้ว", "ยังไม่ส่ง"
    edit(book, change)
    before = cells(book)
    summary = sync(runner, demo_dir)
    labels = ("สถานะ", "ข้อผิดพลาด", "คะแนน", "ระดับคุณภาพ", "ความก้าวหน้า")
    assert added(POLICY, *zip(labels, "QRSTU", strict=True)) in summary["warnings"]
    after = cells(book)
    assert_typed_cells_unchanged(before, after, {POLICY: set("QRSTU")})
    assert [after[(POLICY, f"{c}1")] for c in "QRSTU"] == list(labels)
    assert after[(POLICY, "Q2")] == vocab.STATE_VALID
    assert names_of(openpyxl.load_workbook(book)[POLICY])["sheetsync_state"] == f"'{POLICY}'!$Q$1"
    assert not [w for w in sync(runner, demo_dir)["warnings"] if POLICY in w]  # once


def test_a_persons_score_column_left_of_the_syncs_is_theirs(demo_dir: Path, runner) -> None:
    """A group heads its notes column คะแนน (left of the sync's): not a duplicate, never written; the
    sync says the column is not its own."""
    book = demo_dir / "office.xlsx"

    def change(wb) -> None:
        ws = wb[POLICY]
        ws["M1"], ws["M2"], ws["M3"] = "คะแนน", "๙ เต็ม ๑๐", 7
        clear_status(ws)
    edit(book, change)
    before = cells(book)
    summary = sync(runner, demo_dir)
    after = cells(book)
    assert_typed_cells_unchanged(before, after, {})
    assert after[(POLICY, "M2")] == "๙ เต็ม ๑๐" and after[(POLICY, "M3")] == 7
    assert after[(POLICY, "P2")] == 4  # the sync's คะแนน (the level)
    assert not [e for e in summary["errors"] if e["code"] == "duplicate-column"]
    assert vocab.STATUS_FOREIGN_COLUMN.format(tab=POLICY, column="M", label="คะแนน") in summary["warnings"]


def test_a_persons_score_column_when_the_syncs_was_renamed(demo_dir: Path, runner) -> None:
    """The sync's คะแนน renamed, and a person's column headed คะแนน: the only คะแนน column is not the
    sync's (no marker), so it is left alone and a new one is added."""
    book = demo_dir / "office.xlsx"

    def change(wb) -> None:
        ws = wb[POLICY]
        ws["P1"] = "คะแนนรอบก่อน"
        ws["M1"], ws["M2"] = "คะแนน", "ของกลุ่มเอง"
    edit(book, change)
    before = cells(book)
    summary = sync(runner, demo_dir)
    after = cells(book)
    assert_typed_cells_unchanged(before, after, {POLICY: {"N", "O", "Q", "R", "T"}})
    assert added(POLICY, ("คะแนน", "T")) in summary["warnings"]  # after S, คำชี้แจง (issue 17)
    assert vocab.STATUS_FOREIGN_COLUMN.format(tab=POLICY, column="M", label="คะแนน") in summary["warnings"]
    assert after[(POLICY, "T2")] == 4


def test_outputs_tab_renamed_status_header(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    edit(book, lambda wb: wb[OUTPUTS].__setitem__("G1", "สถานะผลงาน"))
    before = cells(book)
    summary = sync(runner, demo_dir)
    assert added(OUTPUTS, ("สถานะ", "I")) in summary["warnings"]
    after = cells(book)
    assert_typed_cells_unchanged(before, after, {OUTPUTS: {"H", "I"}})
    assert after[(OUTPUTS, "I1")] == "สถานะ" and after[(OUTPUTS, "I2")] in (vocab.STATE_VALID, vocab.STATE_INVALID)


def test_unmarked_tab_is_written_only_once_setup_marked_it(demo_dir: Path, runner) -> None:
    """A tab with the status labels but no marker (set up by an earlier sheetsync): which columns are
    the sync's is unknown, so none is written, and the sync says to run setup; setup marks them."""
    book = demo_dir / "office.xlsx"

    def change(wb) -> None:
        ws = wb[POLICY]
        for name in list(names_of(ws)):
            del ws.defined_names[name]
        clear_status(ws)
    edit(book, change)
    before = cells(book)
    summary = sync(runner, demo_dir)
    assert vocab.STATUS_UNMARKED.format(tab=POLICY) in summary["warnings"]
    assert_typed_cells_unchanged(before, cells(book), {POLICY: set()})  # not a cell of the tab written
    setup = invoke(runner, demo_dir, "setup")
    assert setup.exit_code == 0, setup.output
    assert vocab.SETUP_COLUMNS_MARKED.format(tab=POLICY, columns="N, O, P, Q, R") in setup.output
    summary = sync(runner, demo_dir)
    assert not [w for w in summary["warnings"] if POLICY in w]
    assert cells(book)[(POLICY, "N2")] == vocab.STATE_VALID


def test_markers_survive_a_libreoffice_save(demo_dir: Path, runner) -> None:
    """LibreOffice keeps the names when it saves: the next sync finds its columns, adds none."""
    book = demo_dir / "office.xlsx"
    edit(book, lambda wb: clear_status(wb[POLICY]))
    libreoffice_save(book)
    summary = sync(runner, demo_dir)
    assert not [w for w in summary["warnings"] if "ไม่พบคอลัมน์สถานะของ sheetsync" in w]
    assert cells(book)[(POLICY, "N2")] == vocab.STATE_VALID


LO_DELETE = """
import subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
book, profile, port, tab, col = sys.argv[1:6]
office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "-env:UserInstallation=file://" + profile,
                           "--accept=pipe,name=%s;urp;" % port])
desktop = None
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % port)
            break
        except Exception:
            time.sleep(0.5)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(book), "_blank", 0, (prop("Hidden", True),))
    sheet = doc.Sheets.getByName(tab)
    sheet.unprotect("")  # as a person does in LibreOffice (Tools, Protect Sheet: no password)
    sheet.Columns.removeByIndex(int(col), 1)
    doc.storeToURL(uno.systemPathToFileUrl(book), (prop("FilterName", "Calc Office Open XML"),))
    doc.close(True)
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        office.wait(timeout=60)
    except Exception:
        office.kill()
"""


def _uno_python() -> str | None:
    python = shutil.which("python3", path="/usr/bin")
    if python is None or shutil.which("soffice") is None:
        return None
    found = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=60)
    return python if found.returncode == 0 else None


@pytest.mark.skipif(_uno_python() is None, reason="LibreOffice's Python bridge (python3-uno) is not installed")
def test_status_column_deleted_in_libreoffice(demo_dir: Path, runner, tmp_path: Path) -> None:
    """The same deletion made by LibreOffice itself (its names as it keeps them): only the deleted
    column comes back, after the last used one."""
    book = demo_dir / "office.xlsx"
    python = _uno_python()
    assert python is not None
    script = tmp_path / "delete_column.py"
    script.write_text(LO_DELETE, encoding="utf-8")
    port = f"sheetsync-test-{os.getpid()}-{abs(hash(str(tmp_path)))}"  # a pipe's name: no port to collide
    done = subprocess.run([python, str(script), str(book), str(tmp_path / "profile"), port, POLICY, "15"],
                          timeout=600, capture_output=True, text=True)  # P (คะแนน), 0-based 15
    assert done.returncode == 0, done.stderr
    before = cells(book)
    summary = sync(runner, demo_dir)
    assert added(POLICY, ("คะแนน", "S")) in summary["warnings"]  # after R, คำชี้แจง moved left
    assert_typed_cells_unchanged(before, cells(book), {POLICY: {"N", "O", "P", "Q", "S"}})
    assert cells(book)[(POLICY, "S2")] == 4


# --- Google Sheets (the loopback fake) -------------------------------------------------------------

@pytest.fixture
def google(monkeypatch, tmp_path, runner):
    with FakeSheets() as fake:
        monkeypatch.setenv("SHEETSYNC_SHEETS_API_ROOT", fake.root)
        config, sid = google_config(fake, tmp_path / "office")
        assert invoke(runner, config, "setup").exit_code == 0
        for cell, value in (("F2", "ดำเนินการครบประเด็น"), ("G2", "1-3"), ("J2", "1-3: แผนปฏิบัติการ"),
                            ("L2", "18/3/2570"), ("F3", "ประชุมแล้ว"), ("G3", "1,2")):
            fake.set_cell(sid, POLICY, cell, value)
        yield fake, sid, config


def google_cells(fake: FakeSheets, sid: str, tab: str) -> dict[str, object]:
    return {f"{get_column_letter(c)}{r}": v for r, line in enumerate(fake.values(sid, tab), start=1)
            for c, v in enumerate(line, start=1) if v not in (None, "")}


def people(grid: dict[str, object], owned: set[str]) -> dict[str, object]:
    return {k: v for k, v in grid.items() if letters(k) not in owned}


def marked_columns(fake: FakeSheets, sid: str, tab: str) -> dict[str, str]:
    return {m["metadataValue"]: get_column_letter(m["location"]["dimensionRange"]["startIndex"] + 1)
            for m in fake.developer_metadata(sid, tab) if m["metadataKey"] == "sheetsync:column"}


def test_google_status_column_deleted(google, runner) -> None:
    """สถานะ deleted (its developer metadata goes with it) and a note right of the status columns: the
    sync adds สถานะ after the note, marks it, and the next sync finds it (3 requests, nothing added)."""
    fake, sid, config = google
    fake.set_cell(sid, POLICY, "S2", "โน้ตของกลุ่ม")  # in คำชี้แจง (issue 17), a typed cell all the same
    fake.delete_columns(sid, POLICY, 14)
    before = google_cells(fake, sid, POLICY)
    summary = sync(runner, config)
    assert added(POLICY, ("สถานะ", "S")) in summary["warnings"]
    after = google_cells(fake, sid, POLICY)
    assert people(after, {"N", "O", "P", "Q", "S"}) == people(before, {"N", "O", "P", "Q", "S"})
    assert after["R2"] == "โน้ตของกลุ่ม" and after["S1"] == "สถานะ" and after["S2"] == vocab.STATE_VALID
    assert marked_columns(fake, sid, POLICY)["state"] == "S"
    fake.reset_log()
    again = sync(runner, config)
    assert not [w for w in again["warnings"] if POLICY in w] and again["requests"] <= 3
    assert len(fake.values(sid, POLICY)[0]) == 19


def test_google_persons_column_inserted_left_with_a_status_label(google, runner) -> None:
    """A person inserts a column before หมายเหตุ and heads it คะแนน: it is theirs, never written; the
    sync's คะแนน, moved to Q with its metadata, is."""
    fake, sid, config = google
    fake.insert_columns(sid, POLICY, 13)
    for cell, value in (("M1", "คะแนน"), ("M2", "เต็ม ๑๐"), ("M3", "ดีมาก")):
        fake.set_cell(sid, POLICY, cell, value)
    before = google_cells(fake, sid, POLICY)
    summary = sync(runner, config)
    after = google_cells(fake, sid, POLICY)
    owned = {"O", "P", "Q", "R", "S"}
    assert people(after, owned) == people(before, owned)
    assert after["Q1"] == "คะแนน" and after["Q2"] == 4 and after["M2"] == "เต็ม ๑๐"
    assert vocab.STATUS_FOREIGN_COLUMN.format(tab=POLICY, column="M", label="คะแนน") in summary["warnings"]
    assert not [e for e in summary["errors"] if e["code"] == "duplicate-column"]


def test_google_renamed_status_header(google, runner) -> None:
    fake, sid, config = google
    fake.set_cell(sid, POLICY, "R1", "ความก้าวหน้า (เดิม)")
    before = google_cells(fake, sid, POLICY)
    summary = sync(runner, config)
    assert added(POLICY, ("ความก้าวหน้า", "T")) in summary["warnings"]  # after S, คำชี้แจง (issue 17)
    after = google_cells(fake, sid, POLICY)
    owned = {"N", "O", "P", "Q", "T"}
    assert people(after, owned) == people(before, owned)
    assert after["T1"] == "ความก้าวหน้า" and after["T2"] and after["R1"] == "ความก้าวหน้า (เดิม)"
    assert marked_columns(fake, sid, POLICY)["progress"] == "T"  # the earlier marker replaced
    assert not [w for w in sync(runner, config)["warnings"] if POLICY in w]


def test_google_tab_with_only_the_input_columns(google, runner) -> None:
    """The group's tab rebuilt by hand with the input columns only (no column carries the sync's
    metadata) and notes in N under an empty header: the five status columns are added after N, and
    marked."""
    fake, sid, config = google
    grid = fake.values(sid, POLICY)
    fresh = [(line + [None] * 13)[:13] for line in grid]
    fresh[1] += ["จดไว้"]  # N2
    fake.delete_columns(sid, POLICY, 1, 18)  # metadata and all
    fake.set_values(sid, POLICY, fresh)
    for m in fake.developer_metadata(sid, POLICY):
        assert m["location"]["locationType"] == "SHEET"
    before = google_cells(fake, sid, POLICY)
    summary = sync(runner, config)
    labels = ("สถานะ", "ข้อผิดพลาด", "คะแนน", "ระดับคุณภาพ", "ความก้าวหน้า")
    assert added(POLICY, *zip(labels, "OPQRS", strict=True)) in summary["warnings"]
    after = google_cells(fake, sid, POLICY)
    assert people(after, set("OPQRS")) == people(before, set("OPQRS"))
    assert after["N2"] == "จดไว้" and after["O2"] == vocab.STATE_VALID
    assert marked_columns(fake, sid, POLICY) == dict(zip(("state", "errors", "score", "level", "progress"),
                                                         "OPQRS", strict=True))
