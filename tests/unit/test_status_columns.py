"""The sync's own status columns (issue 13, point 1): found by label and marker, the markers as each
backend keeps them, and where a missing column goes."""

from __future__ import annotations

import io
import zipfile

import openpyxl
from openpyxl.workbook.defined_name import DefinedName

from sheetsync.backends import xlsxparts
from sheetsync.backends.gsheets_setup import (
    COLUMN_MARK,
    TAB_MARK,
    SheetMarks,
    mark_requests,
    range_place,
    read_body,
    sheet_marks,
    split_matched,
)
from sheetsync.backends.xlsx import sheet_marks as workbook_marks
from sheetsync.backends.xlsx import with_marks
from sheetsync.core.cells import ColumnMark, RawTable
from sheetsync.core.columns import INDICATOR_COLUMNS
from sheetsync.core.layout import find_sync_columns, last_used_column
from sheetsync.core.rows import locate_columns

HEADER = [c.label for c in INDICATOR_COLUMNS]  # A..S, the status columns N..R (14..18), S คำชี้แจง
MARKS = {14: "state", 15: "errors", 16: "score", 17: "level", 18: "progress"}


def table(header: list, marks: dict[int, str] | None, rows: list[list] | None = None) -> RawTable:
    return RawTable(tab="t", values=[header, *(rows or [])], marks=marks)


def test_marked_columns_with_their_label_are_the_syncs() -> None:
    found = find_sync_columns(table(HEADER, MARKS), INDICATOR_COLUMNS)
    assert found.columns == {"state": 14, "errors": 15, "score": 16, "level": 17, "progress": 18}
    assert found.missing == [] and found.foreign == [] and not found.unmarked


def test_a_marked_column_whose_header_changed_is_missing() -> None:
    header = [*HEADER]
    header[15] = "คะแนนเดิม"  # P renamed
    found = find_sync_columns(table(header, MARKS), INDICATOR_COLUMNS)
    assert found.missing == ["score"] and "score" not in found.columns


def test_a_label_without_the_marker_is_a_persons_column() -> None:
    header = [*HEADER]
    header[12] = "คะแนน"  # M, left of the sync's P
    found = find_sync_columns(table(header, MARKS), INDICATOR_COLUMNS)
    assert found.columns["score"] == 16 and found.foreign == [13]
    # ... and not a duplicate column either: the sync knows its own
    assert locate_columns(header, INDICATOR_COLUMNS)[1] == []


def test_two_marked_columns_of_a_key_the_rightmost_is_taken() -> None:
    header = [*HEADER, "คะแนน"]
    found = find_sync_columns(table(header, {**MARKS, 20: "score"}), INDICATOR_COLUMNS)
    assert found.columns["score"] == 20 and found.foreign == [16]


def test_a_tab_without_any_marker() -> None:
    inputs_only = HEADER[:13]
    fresh = find_sync_columns(table(inputs_only, None), INDICATOR_COLUMNS)
    assert fresh.columns == {} and fresh.missing == ["state", "errors", "score", "level", "progress"]
    legacy = find_sync_columns(table(HEADER, None), INDICATOR_COLUMNS)
    assert legacy.unmarked and legacy.columns == {}
    adopted = find_sync_columns(table([*HEADER, "สถานะ"], None), INDICATOR_COLUMNS, adopt_unmarked=True)
    assert adopted.columns["state"] == 14 and adopted.foreign == [20]  # the first, as earlier versions wrote


def test_last_used_column_counts_every_row() -> None:
    assert last_used_column(None) == 0
    raw = table(["a", "b", None], {}, [["x", None, None, None, "note"], ["y", "", None]])
    assert last_used_column(raw) == 5  # a note under an empty header cell is used
    assert last_used_column(table(["a", "", None], {})) == 1


# --- the workbook's marker ----------------------------------------------------------------------

def _book(tabs: list[str]) -> bytes:
    wb = openpyxl.Workbook()
    wb.active.title = tabs[0]
    for tab in tabs[1:]:
        wb.create_sheet(tab)
    ws = wb[tabs[1]]
    ws.defined_names["sheetsync_score"] = DefinedName("sheetsync_score", attr_text=f"'{tabs[1].replace(chr(39), chr(39) * 2)}'!$P$1")
    ws.defined_names["sheetsync_state"] = DefinedName("sheetsync_state", attr_text=f"'{tabs[1]}'!#REF!")
    ws.defined_names["sheetsync_tab"] = DefinedName("sheetsync_tab", attr_text="1")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_workbook_marks_read_and_written() -> None:
    data = _book(["ก", "it's แผน"])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert workbook_marks(zf) == {"it's แผน": {16: "score"}}  # #REF! is no column; "ก" not marked
        book = xlsxparts.workbook_part(zf)
        xml = with_marks(zf.read(book), [ColumnMark(tab="it's แผน", col=20, key="state"),
                                         ColumnMark(tab="ก", col=3, key="errors")])
    new = xlsxparts.rewrite(io.BytesIO(data), {book: xml})
    with zipfile.ZipFile(io.BytesIO(new)) as zf:
        assert workbook_marks(zf) == {"it's แผน": {16: "score", 20: "state"}, "ก": {3: "errors"}}
    wb = openpyxl.load_workbook(io.BytesIO(new))  # a workbook openpyxl (and so Excel) still reads
    assert wb["ก"].defined_names["sheetsync_tab"].attr_text == "1"
    assert wb["it's แผน"].defined_names["sheetsync_state"].attr_text == "'it''s แผน'!$T$1"


# --- Google's marker ------------------------------------------------------------------------------

def test_range_place() -> None:
    assert range_place("'it''s แผน'!N1:N1000") == ("it's แผน", 14)
    assert range_place("Sheet1!AB2") == ("Sheet1", 28)
    assert range_place("no range") is None


def test_split_matched_values_and_marks() -> None:
    ranges = {"แผน": "'แผน'", "อื่น": "'อื่น'"}
    body = read_body(ranges)
    assert [f for f in body["dataFilters"] if "a1Range" in f] == [{"a1Range": "'แผน'"}, {"a1Range": "'อื่น'"}]
    answer = {"valueRanges": [
        {"valueRange": {"range": "'แผน'!A1:R3", "values": [["h"]]}, "dataFilters": [{"a1Range": "'แผน'"}]},
        {"valueRange": {"range": "'แผน'!P1:P1000", "values": [["คะแนน"]]},
         "dataFilters": [{"developerMetadataLookup": {"metadataKey": COLUMN_MARK, "metadataValue": "score"}}]},
        {"valueRange": {"range": "'สำเนา'!P1:P1000"},  # a copy of the tab: not one read
         "dataFilters": [{"developerMetadataLookup": {"metadataKey": COLUMN_MARK, "metadataValue": "score"}}]},
    ]}
    values, marks = split_matched(answer, ranges)
    assert values == {"แผน": {"range": "'แผน'!A1:R3", "values": [["h"]]}}
    assert marks == {"แผน": {16: "score"}}


def test_sheet_marks_and_mark_requests() -> None:
    sheet = {"properties": {"sheetId": 7, "title": "แผน"},
             "developerMetadata": [{"metadataId": 1, "metadataKey": TAB_MARK, "metadataValue": "1"}],
             "data": [{"columnMetadata": [{}, {"developerMetadata": [
                 {"metadataId": 5, "metadataKey": COLUMN_MARK, "metadataValue": "score"}]}, "junk"]}]}
    seen = sheet_marks(sheet)
    assert seen == SheetMarks(7, True, [(2, "score", 5)]) and seen.marks == {2: "score"}
    assert mark_requests(7, {"score": 2}, seen) == []  # already so: nothing to send
    moved = mark_requests(7, {"score": 9}, seen)
    assert moved[0] == {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": {"metadataId": 5}}}}
    assert moved[1]["createDeveloperMetadata"]["developerMetadata"]["location"]["dimensionRange"] == {
        "sheetId": 7, "dimension": "COLUMNS", "startIndex": 8, "endIndex": 9}
    fresh = mark_requests(7, {"state": 1}, None)
    assert [next(iter(r["createDeveloperMetadata"]["developerMetadata"]["location"])) for r in fresh] == [
        "dimensionRange", "sheetId"]  # the column, then the tab's flag
    assert sheet_marks({"properties": {"title": "x"}}).marks is None  # no marker at all
