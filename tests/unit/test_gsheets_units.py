"""The pure parts of the Google Sheets backend: write batching and the setup requests."""

from __future__ import annotations

import json

import pytest

from sheetsync.backends.gsheets import merge_writes, quote_tab
from sheetsync.backends.gsheets_setup import colour_requests, frozen_request, protection_requests, runs
from sheetsync.backends.http import RequestFailed, SheetsHTTPClient, check_update_totals, compact_json
from sheetsync.core.cells import CellWrite
from sheetsync.core.layout import TabLayout
from sheetsync.core.status import RAG_PREFIXES


def w(row: int, col: int, value, tab: str = "อำนวยการ") -> CellWrite:
    return CellWrite(tab=tab, row=row, col=col, value=value)


def test_quote_tab_doubles_apostrophes() -> None:
    assert quote_tab("นิเทศ ติดตามและประเมินผล") == "'นิเทศ ติดตามและประเมินผล'"
    assert quote_tab("it's") == "'it''s'"


def test_merge_writes_one_range_per_band_of_written_columns_with_nulls_between() -> None:
    """Issue 16: null (skipped by Google) between the writes of a band, `[]` for a row with none, no
    trailing nulls, "" to clear; a column written in no row (Q) splits the band."""
    data = merge_writes([w(2, 15, "x"), w(2, 14, "ถูกต้อง"), w(2, 16, 3), w(2, 18, None), w(5, 14, "=1+1"),
                         w(4, 16, 1.5), w(3, 1, "x", tab="สถานะภาพรวม")])
    assert data == [
        {"range": "'อำนวยการ'!N2:P5", "majorDimension": "ROWS",
         "values": [["ถูกต้อง", "x", 3], [], [None, None, 1.5], ["=1+1"]]},
        {"range": "'อำนวยการ'!R2", "majorDimension": "ROWS", "values": [[""]]},
        {"range": "'สถานะภาพรวม'!A3", "majorDimension": "ROWS", "values": [["x"]]},
    ]
    assert merge_writes([]) == []
    assert merge_writes([w(2, 14, "a"), w(2, 14, "b")])[0]["values"] == [["b"]]  # the last write of a cell wins


def test_request_bodies_are_compact_utf8_json() -> None:
    body = {"data": [{"range": "'อำนวยการ'!N2", "values": [["ถูกต้อง", None, 1.5, True]]}]}
    sent = compact_json(body)
    assert sent == '{"data":[{"range":"\'อำนวยการ\'!N2","values":[["ถูกต้อง",null,1.5,true]]}]}'.encode()
    assert json.loads(sent) == body
    # A lone surrogate (read from a cell) cannot be UTF-8: that body goes escaped, as gspread sent it.
    odd = {"values": [["a\ud800"]]}
    assert compact_json(odd) == b'{"values":[["a\\ud800"]]}' and json.loads(compact_json(odd)) == odd
    with pytest.raises(RequestFailed):  # as requests refuses it: never sent, a Thai message upstream
        compact_json({"values": [[float("nan")]]})


def test_write_answer_check() -> None:
    assert check_update_totals({"totalUpdatedCells": 12}) is None
    assert check_update_totals({}) is None  # Google leaves a zero out
    assert check_update_totals([]) == "not a JSON object"
    assert check_update_totals({"totalUpdatedCells": "12"}) is not None
    assert check_update_totals({"totalUpdatedCells": True}) is not None


def test_runs_of_columns() -> None:
    assert runs([14, 15, 16, 18, 17, 3]) == [(2, 3), (13, 18)]
    assert runs([]) == []


def layout(kind: str = "group", status=(14, 15, 16, 17, 18)) -> TabLayout:
    return TabLayout(tab="อำนวยการ", kind=kind, create=False, writes=[], columns={"self_level": 8, "code": 1},
                     user_columns=list(range(3, 14)), status_columns=list(status), last_row=4)


def test_protection_requests_are_idempotent() -> None:
    admins = ["sa@x.iam.gserviceaccount.com", "coordinator@nst1.example"]
    first = protection_requests(layout(), {}, 7, admins, ["wanpen@nst1.example"])
    assert [next(iter(r)) for r in first] == ["addProtectedRange", "addProtectedRange"]
    status_range = first[0]["addProtectedRange"]["protectedRange"]
    assert status_range["range"] == {"sheetId": 7, "startColumnIndex": 13, "endColumnIndex": 18}
    assert sorted(status_range["editors"]["users"]) == sorted(admins)
    group_range = first[1]["addProtectedRange"]["protectedRange"]
    assert "wanpen@nst1.example" in group_range["editors"]["users"]
    # Google returns them with ids; asking again changes nothing.
    existing = {"protectedRanges": [{**r["addProtectedRange"]["protectedRange"], "protectedRangeId": i}
                                    for i, r in enumerate(first)]}
    assert protection_requests(layout(), existing, 7, admins, ["wanpen@nst1.example"]) == []
    # The status columns moved: the old range is replaced.
    moved = protection_requests(layout(status=(15, 16, 17, 18, 19)), existing, 7, admins, ["wanpen@nst1.example"])
    assert [next(iter(r)) for r in moved] == ["deleteProtectedRange", "addProtectedRange"]


def test_frozen_and_colours_only_when_missing() -> None:
    sheet = {"properties": {"gridProperties": {"frozenRowCount": 1, "frozenColumnCount": 2}}}
    assert frozen_request(layout(), sheet, 7) == []
    assert frozen_request(layout(), {"properties": {}}, 7)[0]["updateSheetProperties"]["properties"]["gridProperties"] == {
        "frozenRowCount": 1, "frozenColumnCount": 2}
    assert len(colour_requests(layout(), {}, 7)) == sum(len(p) for p in RAG_PREFIXES.values())  # one rule a prefix
    assert colour_requests(layout(), {"conditionalFormats": [{"ranges": []}]}, 7) == []


def test_backoff_is_capped_full_jitter() -> None:
    import random

    client = SheetsHTTPClient.__new__(SheetsHTTPClient)
    client.backoff, client.max_backoff, client.rng = 1.0, 8.0, random.Random(7)
    delays = [client.delay(attempt) for attempt in range(1, 10) for _ in range(50)]
    assert all(0 <= d <= 8.0 for d in delays)
    assert max(client.delay(1) for _ in range(200)) <= 1.0
    assert len({round(d, 6) for d in delays}) > 100  # jittered, not a fixed schedule


def test_protection_on_the_first_tab_is_recognised() -> None:
    """Google omits sheetId 0 from the ranges it returns; setup must not re-add them every time."""
    admins = ["sa@x.iam.gserviceaccount.com"]
    first = protection_requests(layout(), {}, 0, admins, [])
    stored = []
    for i, r in enumerate(first):
        pr = dict(r["addProtectedRange"]["protectedRange"])
        pr["range"] = {k: v for k, v in pr["range"].items() if k != "sheetId"}
        stored.append({**pr, "protectedRangeId": i})
    assert protection_requests(layout(), {"protectedRanges": stored}, 0, admins, []) == []
