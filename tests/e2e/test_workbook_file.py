"""The workbook file itself through a sync: its mode, owner and group stay, a link stays a link."""

from __future__ import annotations

import os
import shutil
import stat
import zipfile
from pathlib import Path

import openpyxl

from sheetsync.core import vocab
from tests.support.cli import DEMO_DAY, invoke


def test_a_sync_keeps_the_workbooks_mode_owner_and_group(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    os.chmod(book, 0o664)  # shared with the group's members on the office's file server
    as_root = os.geteuid() == 0
    if as_root:
        os.chown(book, 4321, 4322)
    _edit_a_result(book)  # so that the sync has status cells to change and must save
    before = book.read_bytes()
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    assert book.read_bytes() != before  # it did save
    st = book.stat()
    assert stat.S_IMODE(st.st_mode) == 0o664
    if as_root:
        assert (st.st_uid, st.st_gid) == (4321, 4322)


def test_a_linked_workbook_stays_a_link_and_the_shared_file_is_synced(demo_dir: Path, runner, tmp_path: Path) -> None:
    shared = tmp_path / "shared-folder" / "office.xlsx"
    shared.parent.mkdir()
    book = demo_dir / "office.xlsx"
    shutil.move(book, shared)
    book.symlink_to(shared)
    _edit_a_result(shared)
    typed = shared.read_bytes()
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    assert book.is_symlink() and book.resolve() == shared.resolve()
    assert shared.read_bytes() != typed  # the status was written into the shared file, not a private copy
    assert not [p for p in demo_dir.iterdir() if p.name.startswith(".office.xlsx.")]  # no temporary left


def test_setup_keeps_the_workbooks_mode_owner_and_group(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    del wb[vocab.STATUS_TAB]  # something for setup to repair, so that it saves
    wb.save(book)
    os.chmod(book, 0o664)
    as_root = os.geteuid() == 0
    if as_root:
        os.chown(book, 4321, 4322)
    result = invoke(runner, demo_dir, "setup")
    assert result.exit_code == 0, result.output
    assert vocab.STATUS_TAB in openpyxl.load_workbook(book).sheetnames
    st = book.stat()
    assert stat.S_IMODE(st.st_mode) == 0o664
    if as_root:
        assert (st.st_uid, st.st_gid) == (4321, 4322)
    assert (demo_dir / "office.bak.xlsx").exists()


def test_a_status_tab_deleted_by_hand_comes_back_at_the_next_sync(demo_dir: Path, runner) -> None:
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    del wb[vocab.STATUS_TAB]
    wb.save(book)
    with zipfile.ZipFile(book) as zf:
        before = {n: zf.read(n) for n in zf.namelist()}
    result = invoke(runner, demo_dir, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[-1] == vocab.STATUS_TAB
    assert str(wb[vocab.STATUS_TAB]["A1"].value).startswith(vocab.ST_TITLE)
    with zipfile.ZipFile(book) as zf:
        after = {n: zf.read(n) for n in zf.namelist()}
    changed = {n for n in before if before[n] != after.get(n)}
    assert changed <= {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    assert len(after) == len(before) + 1


def _edit_a_result(book: Path) -> None:
    """A person types words into the first row's target value: that row's status must change."""
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    col = header.index(vocab.INDICATOR_HEADERS["target_value"]) + 1
    ws.cell(2, col).value = "ประมาณแปดสิบ"
    wb.save(book)
