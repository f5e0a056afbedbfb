"""What `sheetsync setup` asks Google Sheets to change, as spreadsheets.batchUpdate requests. Pure.

Each request is made only when the sheet's metadata shows it is missing, so a second setup sends none:
- a frozen header row (and the code and title columns on group tabs);
- a level dropdown on the self-assessed level column, its items the office's level names ("5 ดีเยี่ยม");
- protected ranges, recognised by their description "sheetsync:...": the status columns and the Status
  tab are editable by the service account and the coordinator only; a group's tab by that group's
  e-mails (plus those two);
- colours for the state and progress text (conditional formats on the status columns).
"""

from __future__ import annotations

from typing import Any

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
