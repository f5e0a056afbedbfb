"""The read cache (backends/readcache.py): what it knows of a tab is what a fresh read of the file gives,
cell by cell and type by type, after a sync's write of every kind of value; anything that changed the
bytes (a person's edit, another program's save) is read again; a damaged or hostile cache file is
ignored; a cache that cannot be written changes nothing but the time."""

from __future__ import annotations

import datetime
import pickle
import shutil
import zipfile
import zlib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import NamedStyle

from sheetsync.app.sync import run_sync
from sheetsync.backends import readcache, xlsx
from sheetsync.backends.xlsx import WorkbookBackend
from sheetsync.core.cells import CellWrite, WritePlan
from sheetsync.store.folder import OfficeFolder
from tests.support.cli import DEMO_DAY


def typed(values: list[list[Any]]) -> list[list[tuple[type, Any]]]:
    return [[(type(v), v) for v in line] for line in values]


def fresh(path: Path, tabs: list[str]) -> dict[str, list[list[tuple[type, Any]]]]:
    """The tabs as a read with no cache gives them."""
    return {t: typed(raw.values) for t, raw in WorkbookBackend(path).read(tabs).items()}


def assert_cache_true(cache: Path, path: Path) -> readcache.Known:
    known = readcache.load(cache)
    assert known is not None
    expected = fresh(path, list(known.tabs))
    for tab, entry in known.tabs.items():
        assert typed(entry.values) == expected[tab], tab
    return known


def spy_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tabs the fast reader is asked to read from now on."""
    asked: list[str] = []
    real = xlsx._fast_reader

    def spy(zf: zipfile.ZipFile, data: bytes, wanted: list[tuple[str, str]]) -> xlsx._FastRead:
        asked.extend(t for t, _ in wanted)
        return real(zf, data, wanted)

    monkeypatch.setattr(xlsx, "_fast_reader", spy)
    return asked


# --- the sync, night after night -------------------------------------------------------------------

def test_nights_of_the_demo_office_keep_a_true_cache(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    places = OfficeFolder(demo_dir)
    workbook = demo_dir / "office.xlsx"
    day = datetime.date.fromisoformat(DEMO_DAY)
    first = run_sync(demo_dir, today=day + datetime.timedelta(days=1), quiet=True, documents=False)
    known = assert_cache_true(places.read_cache, workbook)
    assert len(known.tabs) >= 3
    asked = spy_reads(monkeypatch)
    later = run_sync(demo_dir, today=day + datetime.timedelta(days=2), quiet=True, documents=False)
    assert set(asked).isdisjoint(known.tabs)  # every tab the cache knew came from it
    assert later.rows == first.rows and len(later.errors) == len(first.errors)
    assert_cache_true(places.read_cache, workbook)


def test_a_sync_with_the_cache_plans_what_one_without_plans(demo_dir: Path, tmp_path: Path) -> None:
    """Two copies of the office, one without its cache: the same night writes the same cells."""
    other = tmp_path / "other"
    day = datetime.date.fromisoformat(DEMO_DAY)
    run_sync(demo_dir, today=day + datetime.timedelta(days=1), quiet=True, documents=False)
    shutil.copytree(demo_dir, other)
    OfficeFolder(other).read_cache.unlink()
    nights = [run_sync(d, today=day + datetime.timedelta(days=3), quiet=True, documents=False) for d in (demo_dir, other)]
    assert nights[0].cells_written == nights[1].cells_written
    assert [e.model_dump() for e in nights[0].errors] == [e.model_dump() for e in nights[1].errors]
    assert fresh(demo_dir / "office.xlsx", ["สถานะภาพรวม"]) == fresh(other / "office.xlsx", ["สถานะภาพรวม"])


def test_a_person_s_edit_is_read_not_the_cache(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    places = OfficeFolder(demo_dir)
    workbook = demo_dir / "office.xlsx"
    day = datetime.date.fromisoformat(DEMO_DAY)
    run_sync(demo_dir, today=day + datetime.timedelta(days=1), quiet=True, documents=False)
    known = readcache.load(places.read_cache)
    assert known is not None
    tab = next(iter(known.tabs))
    wb = openpyxl.load_workbook(workbook)
    wb[tab].cell(200, 1).value = "พิมพ์เพิ่มโดยคน"
    wb.save(workbook)
    asked = spy_reads(monkeypatch)
    backend = WorkbookBackend(workbook, cache=places.read_cache)
    tables = backend.read(list(known.tabs))
    assert tables[tab].values[199][0] == "พิมพ์เพิ่มโดยคน"
    assert tab in asked
    assert {t: typed(r.values) for t, r in tables.items()} == fresh(workbook, list(known.tabs))


# --- every kind of write ---------------------------------------------------------------------------

def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "T"
    dated = NamedStyle(name="dated", number_format="yyyy-mm-dd")
    for r in range(1, 8):
        ws.cell(r, 1, f"แถว {r}")
        ws.cell(r, 2, r * 10)
        ws.cell(r, 3).style = dated  # styled and empty, as a status cell may be
    ws.cell(2, 4, datetime.datetime(2027, 4, 5))
    ws.cell(2, 4).style = dated
    ws.merge_cells("E3:F3")
    ws.cell(3, 5, "รวม")
    other = wb.create_sheet("U")
    other.append(["ไม่เขียน", 1])
    wb.save(path)
    return path


WRITES: dict[str, tuple[int, int, Any]] = {
    "a Thai text": (1, 7, "เลยกำหนด ๓ วัน"),
    "a text with spaces around": (2, 7, "  ตรงเวลา  "),
    "a text of lines": (3, 7, "บรรทัดหนึ่ง\nบรรทัดสอง"),
    "a text with a format escape": (4, 7, "a_x000D_b"),
    "a text with a control character": (4, 8, "a\x01b"),
    "a text with a carriage return": (4, 9, "a\r\nb"),
    "a text starting with =": (5, 7, "=SUM(A1)"),
    "a whole number": (1, 2, 42),
    "a decimal": (2, 2, 0.1),
    "a whole float": (3, 2, 2.0),
    "a huge float": (4, 2, 1e20),
    "a boolean": (5, 2, True),
    "a date": (6, 2, datetime.date(2027, 4, 6)),
    "a number in a date cell": (1, 3, 46000),
    "a number over a date": (2, 4, 7),
    "a text in a date cell": (2, 3, "ยังไม่ถึง"),
    "clearing a value": (1, 1, None),
    "clearing with an empty text": (7, 1, ""),
    "clearing the last cell of the last row": (7, 2, None),
    "a cell past the last row": (12, 3, "ใหม่"),
    "a cell past the last column": (1, 30, "ไกล"),
    "a cell a merged range hides": (3, 6, "ซ่อน"),
}

# The writes whose tab is known without a read afterwards; the others' tab is read the next time.
CERTAIN = {"a Thai text", "a text with spaces around", "a text of lines", "a text starting with =", "a whole number",
           "a decimal", "a text in a date cell", "clearing a value", "clearing with an empty text",
           "clearing the last cell of the last row", "a cell past the last row", "a cell past the last column",
           "a cell a merged range hides"}


@pytest.mark.parametrize("kind", list(WRITES))
def test_the_cache_after_a_write_is_what_a_read_gives(tmp_path: Path, kind: str) -> None:
    path = _workbook(tmp_path / "w.xlsx")
    cache = tmp_path / "state" / "cache" / "read.cache"
    backend = WorkbookBackend(path, cache=cache)
    backend.read(["T", "U"])
    row, col, value = WRITES[kind]
    backend.write(WritePlan(writes=[CellWrite("T", row, col, value)]))
    known = assert_cache_true(cache, path)
    assert "U" in known.tabs  # a tab not written is kept as read
    assert ("T" in known.tabs) == (kind in CERTAIN)
    reread = WorkbookBackend(path, cache=cache).read(["T", "U"])
    assert {t: typed(r.values) for t, r in reread.items()} == fresh(path, ["T", "U"])


def test_many_writes_at_once(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "w.xlsx")
    cache = tmp_path / "read.cache"
    backend = WorkbookBackend(path, cache=cache)
    backend.read(["T", "U"])
    safe = [w for k, w in WRITES.items() if readcache.read_back(w[2]) is not readcache._UNKNOWN
            and "date" not in k and "merged" not in k]
    backend.write(WritePlan(writes=[CellWrite("T", r, c, v) for r, c, v in safe]))
    known = assert_cache_true(cache, path)
    assert "T" in known.tabs  # every one of them certain: the tab is known without a read


def test_a_number_in_a_date_cell_is_read_again(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "w.xlsx")
    cache = tmp_path / "read.cache"
    backend = WorkbookBackend(path, cache=cache)
    backend.read(["T", "U"])
    backend.write(WritePlan(writes=[CellWrite("T", 1, 3, 46000)]))
    known = readcache.load(cache)
    assert known is not None and "T" not in known.tabs and "U" in known.tabs
    assert isinstance(WorkbookBackend(path, cache=cache).read(["T"])["T"].values[0][2], datetime.datetime)


def test_a_sync_that_writes_nothing_keeps_what_it_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "w.xlsx")
    cache = tmp_path / "read.cache"
    backend = WorkbookBackend(path, cache=cache)
    backend.read(["T", "U"])
    assert backend.write(WritePlan()) == 0
    assert_cache_true(cache, path)
    asked = spy_reads(monkeypatch)
    WorkbookBackend(path, cache=cache).read(["T", "U"])
    assert asked == []


def test_a_read_alone_writes_no_cache(tmp_path: Path) -> None:
    """A dry run, a report: they read, and leave the state folder as it was."""
    path = _workbook(tmp_path / "w.xlsx")
    cache = tmp_path / "read.cache"
    WorkbookBackend(path, cache=cache).read(["T", "U"])
    assert not cache.exists()


# --- the file --------------------------------------------------------------------------------------

def _known_cache(tmp_path: Path) -> tuple[Path, Path]:
    path = _workbook(tmp_path / "w.xlsx")
    cache = tmp_path / "read.cache"
    backend = WorkbookBackend(path, cache=cache)
    backend.read(["T", "U"])
    backend.write(WritePlan())
    assert readcache.load(cache) is not None
    return path, cache


@pytest.mark.parametrize("damage", ["truncated", "not zlib", "another header", "empty", "a list"])
def test_a_damaged_cache_is_ignored(tmp_path: Path, damage: str) -> None:
    path, cache = _known_cache(tmp_path)
    blob = cache.read_bytes()
    header = blob[:blob.index(b"\n") + 1]
    cache.write_bytes({"truncated": blob[:len(blob) // 2], "not zlib": header + b"garbage",
                       "another header": b"sheetsync-read-cache 0 x\n" + blob[len(header):], "empty": b"",
                       "a list": header + zlib.compress(pickle.dumps([1, 2]))}[damage])
    assert readcache.load(cache) is None
    assert {t: typed(r.values) for t, r in WorkbookBackend(path, cache=cache).read(["T", "U"]).items()} \
        == fresh(path, ["T", "U"])


class _Boom:
    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (shutil.rmtree, ("/nonexistent-sheetsync",))


def test_a_cache_that_would_run_code_is_refused(tmp_path: Path) -> None:
    path, cache = _known_cache(tmp_path)
    blob = cache.read_bytes()
    header = blob[:blob.index(b"\n") + 1]
    cache.write_bytes(header + zlib.compress(pickle.dumps(((), {"T": ("p", (1, 2, b""), [[_Boom()]], [])}))))
    assert readcache.load(cache) is None
    assert WorkbookBackend(path, cache=cache).read(["T"])["T"].values == WorkbookBackend(path).read(["T"])["T"].values


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "w.xlsx")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    backend = WorkbookBackend(path, cache=blocked / "read.cache")
    backend.read(["T", "U"])
    assert backend.write(WritePlan(writes=[CellWrite("T", 1, 7, "เขียนได้")])) == 1
    assert WorkbookBackend(path).read(["T"])["T"].values[0][6] == "เขียนได้"


def test_clearing_the_last_rows_ends_the_tab_sooner(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "w.xlsx")
    cache = tmp_path / "read.cache"
    backend = WorkbookBackend(path, cache=cache)
    backend.read(["T", "U"])
    backend.write(WritePlan(writes=[CellWrite("T", r, c, None) for r in (6, 7) for c in (1, 2)]))
    known = assert_cache_true(cache, path)
    assert len(known.tabs["T"].values) == 5
