"""What `sheetsync setup` asks Google Sheets to change, as spreadsheets.batchUpdate requests. Pure.

Each request is made only when the sheet's metadata shows it is missing, so a second setup sends none:
- a frozen header row (and the code and title columns on group tabs);
- a level dropdown on the self-assessed level column, its items the office's level names ("5 ดีเยี่ยม");
- protected ranges, recognised by their description "sheetsync:...": the status columns and the Status
  tab are editable by the service account and the coordinator only; a group's tab by that group's
  e-mails (plus those two);
- colours for the state and progress text (conditional formats on the status columns);
- the marker of the sync's own status columns (core.layout says why): developer metadata on each
  status column (key `sheetsync:column`, value the status key: "state", "errors", ...) and on the sheet
  (`sheetsync:tab`, the tab is marked at all). Google moves a column's metadata with the column and
  deletes it with the column; no edit, copy or paste of cells creates or carries it. The sync reads it
  in the same request as the values (`read_body`: values:batchGetByDataFilter, an A1 filter per tab
  and a metadata lookup per status key, so values and marker are of one moment and a sync still costs
  3 requests; the price is the status columns' values sent twice), the sheet's flag only for a tab
  with no column marker (a spreadsheets.get, rare), and writes it only when it adds a status column
  (`mark_requests`, with the ids read by `META_FIELDS`).
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from sheetsync.core.cells import col_index
from sheetsync.core.columns import OUTPUT_STATUS_KEYS, STATUS_KEYS
from sheetsync.core.layout import TabLayout
from sheetsync.core.status import RAG_PREFIXES

MARK = "sheetsync:"
GREEN = {"red": 0.851, "green": 0.918, "blue": 0.827}
AMBER = {"red": 0.988, "green": 0.898, "blue": 0.804}
RED = {"red": 0.957, "green": 0.8, "blue": 0.8}
# What each state's text starts with, by colour: core.status owns the table, the workbook's
# conditional formats are built from it too.
COLOUR_RULES = tuple((prefix, {"red": RED, "amber": AMBER, "green": GREEN}[colour])
                     for colour, prefixes in RAG_PREFIXES.items() for prefix in prefixes)
FROZEN = {"group": (1, 2), "outputs": (1, 1), "status": (2, 0)}


def runs(columns: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs of 1-based columns as 0-based half-open (start, end) pairs."""
    out: list[tuple[int, int]] = []
    for col in sorted(set(columns)):
        if out and out[-1][1] == col - 1:
            out[-1] = (out[-1][0], col)
        else:
            out.append((col - 1, col))
    return out


def grid_range(sheet_id: int, start_col: int | None = None, end_col: int | None = None,
               start_row: int | None = None, end_row: int | None = None) -> dict[str, int]:
    out = {"sheetId": sheet_id}
    for key, value in (("startColumnIndex", start_col), ("endColumnIndex", end_col),
                       ("startRowIndex", start_row), ("endRowIndex", end_row)):
        if value is not None:
            out[key] = value
    return out


def wanted_protections(layout: TabLayout, sheet_id: int, admins: list[str], group_editors: list[str]) -> dict[str, dict]:
    """description -> protectedRange that the tab should have."""
    wanted: dict[str, dict] = {}
    if layout.kind == "status":
        wanted[f"{MARK}status-tab"] = {"range": grid_range(sheet_id), "editors": {"users": admins}}
        return wanted
    for start, end in runs(layout.status_columns):
        wanted[f"{MARK}status-columns:{start}-{end}"] = {
            "range": grid_range(sheet_id, start, end), "editors": {"users": admins}}
    if layout.kind == "group" and group_editors:
        users = sorted(set(group_editors) | set(admins))
        wanted[f"{MARK}group-tab"] = {"range": grid_range(sheet_id), "editors": {"users": users}}
    return wanted


def protection_requests(layout: TabLayout, sheet: dict[str, Any], sheet_id: int, admins: list[str],
                        group_editors: list[str]) -> list[dict]:
    wanted = wanted_protections(layout, sheet_id, admins, group_editors)
    have = {p.get("description", ""): p for p in sheet.get("protectedRanges", [])
            if p.get("description", "").startswith(MARK)}
    requests: list[dict] = []
    for description, existing in have.items():
        target = wanted.get(description)
        if target is None or not _same_protection(existing, target):
            requests.append({"deleteProtectedRange": {"protectedRangeId": existing["protectedRangeId"]}})
    for description, target in wanted.items():
        existing = have.get(description)
        if existing is None or not _same_protection(existing, target):
            requests.append({"addProtectedRange": {"protectedRange": {"description": description, **target}}})
    return requests


def _same_protection(existing: dict, target: dict) -> bool:
    # Google leaves sheetId out of a GridRange when it is 0 (the first tab of a spreadsheet).
    return ({"sheetId": 0, **existing.get("range", {})} == target["range"]
            and sorted(existing.get("editors", {}).get("users", [])) == sorted(target["editors"]["users"]))


def frozen_request(layout: TabLayout, sheet: dict[str, Any], sheet_id: int) -> list[dict]:
    rows, cols = FROZEN[layout.kind]
    grid = sheet.get("properties", {}).get("gridProperties", {})
    if grid.get("frozenRowCount", 0) == rows and grid.get("frozenColumnCount", 0) == cols:
        return []
    return [{"updateSheetProperties": {
        "properties": {"sheetId": sheet_id, "gridProperties": {"frozenRowCount": rows, "frozenColumnCount": cols}},
        "fields": "gridProperties.frozenRowCount,gridProperties.frozenColumnCount"}}]


def level_rule_present(sheet: dict[str, Any], choices: list[str]) -> bool:
    """Whether the level column already has the dropdown of `choices` (a dropdown of other level names
    is replaced: setDataValidation on the same range overwrites it)."""
    for block in sheet.get("data", []):
        for row in block.get("rowData", []):
            for value in row.get("values", []):
                condition = value.get("dataValidation", {}).get("condition", {})
                if condition.get("type") == "ONE_OF_LIST":
                    return [v.get("userEnteredValue") for v in condition.get("values", [])] == choices
    return False


def level_request(layout: TabLayout, sheet: dict[str, Any], sheet_id: int, last_row: int) -> list[dict]:
    col = layout.columns.get("self_level")
    choices = layout.level_choices
    if layout.kind != "group" or col is None or not choices or level_rule_present(sheet, choices):
        return []
    return [{"setDataValidation": {
        "range": grid_range(sheet_id, col - 1, col, 1, last_row),
        "rule": {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": c} for c in choices]},
                 "inputMessage": ", ".join(choices), "strict": True, "showCustomUi": True}}}]


def colour_requests(layout: TabLayout, sheet: dict[str, Any], sheet_id: int) -> list[dict]:
    if sheet.get("conditionalFormats"):
        return []  # the office may have its own rules; ours go in only on a sheet that has none
    if layout.kind == "status":
        ranges = [grid_range(sheet_id)]
    else:
        ranges = [grid_range(sheet_id, s, e, 1) for s, e in runs(layout.status_columns)]
    if not ranges:
        return []
    return [
        {"addConditionalFormatRule": {"index": i, "rule": {
            "ranges": ranges,
            "booleanRule": {"condition": {"type": "TEXT_STARTS_WITH", "values": [{"userEnteredValue": text}]},
                            "format": {"backgroundColor": colour}}}}}
        for i, (text, colour) in enumerate(COLOUR_RULES)
    ]


def text_format_request(layout: TabLayout, sheet_id: int) -> list[dict]:
    """Code and criteria columns as plain text, so "1,2,4" is not read as the number 124."""
    cols = [layout.columns[k] for k in ("code", "criteria_met") if k in layout.columns and layout.kind == "group"]
    return [{"repeatCell": {"range": grid_range(sheet_id, c - 1, c, 1),
                            "cell": {"userEnteredFormat": {"numberFormat": {"type": "TEXT"}}},
                            "fields": "userEnteredFormat.numberFormat"}} for c in cols]


# --- the marker of the sync's own status columns ----------------------------------------------------
COLUMN_MARK = "sheetsync:column"
TAB_MARK = "sheetsync:tab"
_META = "developerMetadata(metadataId,metadataKey,metadataValue)"
# One spreadsheets.get: each sheet's id and title, its own metadata and its columns' (of row 1 of the
# tabs asked for, so every column and no cell).
META_FIELDS = f"sheets(properties(sheetId,title),{_META},data(startColumn,columnMetadata({_META})))"
FLAG_FIELDS = "sheets(properties(title),developerMetadata(metadataId,metadataKey))"  # which sheets are marked at all
MARK_KEYS = tuple(dict.fromkeys((*STATUS_KEYS, *OUTPUT_STATUS_KEYS)))
READ_OPTIONS = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER",
                "majorDimension": "ROWS"}


def read_body(ranges: dict[str, str]) -> dict[str, Any]:
    """values:batchGetByDataFilter: each tab's values (`ranges`: tab -> its A1 range, the tab's name),
    and the values of every column marked with a status key, which say where the marked columns are."""
    filters: list[dict[str, Any]] = [{"a1Range": rng} for rng in ranges.values()]
    filters += [{"developerMetadataLookup": {"metadataKey": COLUMN_MARK, "metadataValue": key}} for key in MARK_KEYS]
    return {"dataFilters": filters, **READ_OPTIONS}


def _cell_ok(value: Any) -> bool:
    return isinstance(value, str | int | bool) or (isinstance(value, float) and math.isfinite(value))


def check_matched(body: Any) -> str | None:
    """The answer of values:batchGetByDataFilter: MatchedValueRanges, each a ValueRange (an A1 range,
    rows of plain values) and the data filters it matched (None: as expected; else what is wrong)."""
    if not isinstance(body, dict):
        return "not a JSON object"
    matched = body.get("valueRanges", [])
    if not isinstance(matched, list):
        return "valueRanges is not a list"
    for i, entry in enumerate(matched):
        value_range = entry.get("valueRange") if isinstance(entry, dict) else None
        if not isinstance(value_range, dict) or not isinstance(value_range.get("range"), str):
            return f"valueRanges[{i}].valueRange has no range"
        if not isinstance(entry.get("dataFilters", []), list):
            return f"valueRanges[{i}].dataFilters is not a list"
        rows = value_range.get("values", [])
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            return f"valueRanges[{i}].valueRange.values is not a list of rows"
        if not all(_cell_ok(cell) for row in rows for cell in row):
            return f"valueRanges[{i}] holds a value that is not text, a number or a boolean"
    return None


def range_place(text: str) -> tuple[str, int] | None:
    """`'it''s'!N1:N1000` (or `Sheet1!N1:N1000`) -> ("it's", 14): the tab and first column of an A1 range."""
    if text.startswith("'"):
        end, i = None, 1
        while i < len(text):
            if text[i] == "'":
                if text[i + 1:i + 2] == "'":
                    i += 2
                    continue
                end = i
                break
            i += 1
        if end is None or text[end + 1:end + 2] != "!":
            return None
        tab, cells = text[1:end].replace("''", "'"), text[end + 2:]
    else:
        tab, sep, cells = text.rpartition("!")
        if not sep:
            return None
    letters = "".join(ch for ch in cells.split(":")[0] if ch.isalpha())
    try:
        return tab, col_index(letters)
    except ValueError:
        return None


def split_matched(answer: dict[str, Any], ranges: dict[str, str]) -> tuple[dict[str, dict], dict[str, dict[int, str]]]:
    """The answer of `read_body(ranges)` as each tab's ValueRange, and each tab's marked columns
    (column -> status key) for the tabs that have any."""
    tab_of = {rng: tab for tab, rng in ranges.items()}
    values: dict[str, dict] = {}
    marks: dict[str, dict[int, str]] = {}
    for entry in answer.get("valueRanges", []):
        value_range = entry["valueRange"]
        for found in entry.get("dataFilters", []):
            if not isinstance(found, dict):
                continue
            if isinstance(found.get("a1Range"), str) and found["a1Range"] in tab_of:
                values[tab_of[found["a1Range"]]] = value_range
            lookup = found.get("developerMetadataLookup")
            if isinstance(lookup, dict) and lookup.get("metadataValue") in MARK_KEYS:
                place = range_place(value_range["range"])
                if place is not None and place[0] in ranges:
                    marks.setdefault(place[0], {})[place[1]] = lookup["metadataValue"]
    return values, marks


class SheetMarks(NamedTuple):
    """What a sheet's metadata says of the sync's columns: (1-based column, status key, metadataId)."""

    sheet_id: int
    marked: bool  # the sheet carries `sheetsync:tab`
    columns: list[tuple[int, str, int]]

    @property
    def marks(self) -> dict[int, str] | None:
        """As `RawTable.marks`: column -> status key; None when the sheet has no marker at all."""
        if not self.marked and not self.columns:
            return None
        return {col: key for col, key, _ in self.columns}


def _ours(entries: Any, key: str) -> list[dict[str, Any]]:
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, dict) and e.get("metadataKey") == key
            and isinstance(e.get("metadataId"), int)]


def sheet_marks(sheet: dict[str, Any]) -> SheetMarks:
    """A sheet of a spreadsheets.get answer (META_FIELDS) as SheetMarks; anything of another shape is
    no marker (so never a reason to write a column)."""
    props = sheet.get("properties", {})
    sheet_id = props.get("sheetId", 0) if isinstance(props, dict) else 0
    columns: list[tuple[int, str, int]] = []
    blocks = sheet.get("data", [])
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, dict):
            continue
        start = block.get("startColumn", 0)
        metadata = block.get("columnMetadata", [])
        if not isinstance(start, int) or not isinstance(metadata, list):
            continue
        for i, column in enumerate(metadata):
            if isinstance(column, dict):
                for entry in _ours(column.get("developerMetadata"), COLUMN_MARK):
                    if isinstance(entry.get("metadataValue"), str):
                        columns.append((start + i + 1, entry["metadataValue"], entry["metadataId"]))
    return SheetMarks(sheet_id if isinstance(sheet_id, int) else 0,
                      bool(_ours(sheet.get("developerMetadata"), TAB_MARK)), sorted(set(columns)))


def _column_mark(sheet_id: int, col: int, key: str) -> dict:
    return {"createDeveloperMetadata": {"developerMetadata": {
        "metadataKey": COLUMN_MARK, "metadataValue": key, "visibility": "DOCUMENT",
        "location": {"dimensionRange": {"sheetId": sheet_id, "dimension": "COLUMNS",
                                        "startIndex": col - 1, "endIndex": col}}}}}


def _tab_mark(sheet_id: int) -> dict:
    return {"createDeveloperMetadata": {"developerMetadata": {
        "metadataKey": TAB_MARK, "metadataValue": "1", "visibility": "DOCUMENT", "location": {"sheetId": sheet_id}}}}


def _unmark(metadata_id: int) -> dict:
    return {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": {"metadataId": metadata_id}}}}


def mark_requests(sheet_id: int, wanted: dict[str, int], seen: SheetMarks | None) -> list[dict]:
    """The batchUpdate requests that leave a sheet marked as `wanted` says (status key -> column): its
    flag, one marker per status key on its column, no other marker of a status key (an earlier column
    of that key, renamed or replaced). Nothing when it already is."""
    requests: list[dict] = []
    if not wanted:
        return requests
    have = seen.columns if seen is not None else []
    for col, key, metadata_id in have:
        if key in wanted and wanted[key] != col:
            requests.append(_unmark(metadata_id))
    for key, col in wanted.items():
        if (col, key) not in {(c, k) for c, k, _ in have}:
            requests.append(_column_mark(sheet_id, col, key))
    if seen is None or not seen.marked:
        requests.append(_tab_mark(sheet_id))
    return requests
