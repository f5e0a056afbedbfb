"""The Google Sheets fake (tests/fake_sheets.py) is faithful to Google.

1. Replay: every recorded Sheets request of the 28 cassettes in shared/fixtures/sheets-api (real
   Google traffic recorded by gspread's test suite) is sent to the fake, in order, against a
   spreadsheet seeded like the recorded one; each answer must have the recorded status and be the
   recorded body byte for byte (same JSON, same key order, same 2-space layout). The only values
   that legitimately differ are ids Google draws at random (sheetId of an added sheet,
   protectedRangeId): they are learned from the first answer that shows them and mapped back.
   Spreadsheet ids, titles and the service-account e-mail are reused from the recording, so
   spreadsheetUrl and protected-range editors compare equal too. Drive API calls are skipped.
2. Discovery validation: bodies and query parameters are checked against the Sheets v4 discovery
   document, with Google's 400 wording.
3. The real clients: google-auth signs a JWT that the fake verifies, gspread's HTTPClient talks to it.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import gspread
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from google.auth.exceptions import RefreshError
from google.auth.transport.requests import Request
from google.oauth2.service_account import Credentials
from gspread.http_client import HTTPClient

from tests.fakes.fake_sheets import GOOGLE_ROOT, FakeSheets

SCOPES = ["https://www.googleapis.com/auth/spreadsheets"]
REPO = Path(__file__).resolve().parents[2]
FIXTURE_DIRS = [Path(p) for p in (os.environ.get("SHEETS_API_FIXTURES"),) if p] + [
    REPO.parent / "shared" / "fixtures" / "sheets-api", Path("/work/shared/fixtures/sheets-api")]
FIXTURES = next((d for d in FIXTURE_DIRS if (d / "README.md").is_file()), None)
RECORDED_EMAIL = "telegram-budgeter@telegram-budgeter.iam.gserviceaccount.com"  # editor in the recordings
RANDOM_IDS = ("sheetId", "protectedRangeId")
CASSETTES = [
    "ClientTest.test_access_non_existing_spreadsheet", "ClientTest.test_access_private_spreadsheet",
    "ClientTest.test_no_found_exeption", "ClientTest.test_open_by_key_has_metadata",
    "SpreadsheetTest.test_add_del_worksheet", "SpreadsheetTest.test_bad_json_api_error",
    "SpreadsheetTest.test_timezone_and_locale", "SpreadsheetTest.test_values_batch_get",
    "SpreadsheetTest.test_values_get", "SpreadsheetTest.test_worksheets",
    "WorksheetTest.test_add_protected_range_normal", "WorksheetTest.test_add_protected_range_warning",
    "WorksheetTest.test_add_validation", "WorksheetTest.test_batch_get", "WorksheetTest.test_batch_update",
    "WorksheetTest.test_delete_protected_range", "WorksheetTest.test_delete_row", "WorksheetTest.test_format",
    "WorksheetTest.test_freeze", "WorksheetTest.test_get_all_records_value_render_options",
    "WorksheetTest.test_get_all_values", "WorksheetTest.test_get_all_values_date_time_render_options",
    "WorksheetTest.test_hide_columns_rows", "WorksheetTest.test_insert_row", "WorksheetTest.test_sort",
    "WorksheetTest.test_update_and_get", "WorksheetTest.test_update_cells_unicode", "WorksheetTest.test_update_title",
]


class FakeClient(HTTPClient):
    """gspread's own HTTP client, pointed at the fake instead of sheets.googleapis.com."""

    def __init__(self, creds: Credentials, root: str) -> None:
        super().__init__(creds)
        self.root = root

    def request(self, method, endpoint, *args, **kwargs):
        if endpoint.startswith(GOOGLE_ROOT):
            endpoint = self.root + endpoint[len(GOOGLE_ROOT):]
        return super().request(method, endpoint, *args, **kwargs)


def credentials(info: dict, scopes: list[str] = SCOPES) -> Credentials:
    return Credentials.from_service_account_info(info, scopes=scopes)


def token_for(info: dict, scopes: list[str] = SCOPES) -> str:
    creds = credentials(info, scopes)
    creds.refresh(Request())
    return creds.token


def call(fake: FakeSheets, token: str | None, method: str, path: str, body=None, **params) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.request(method, fake.root + path, json=body, params=params, headers=headers, timeout=10)


@pytest.fixture
def fake():
    with FakeSheets() as f:
        yield f
        assert f.errors == []  # nothing inside the fake blew up


@pytest.fixture
def key(fake):
    return fake.service_account()


@pytest.fixture
def client(fake, key):
    return FakeClient(credentials(key), fake.root)


@pytest.fixture
def sid(fake, key):
    return fake.create_spreadsheet("ตัวชี้วัด", {"กลุ่มอำนวยการ": [["รหัส", "ชื่อ"], ["1.1", "งานสารบรรณ"]],
                                                "Status": []}, shared_with=[key["client_email"]])


# --------------------------------------------------------------------------------------------------
# 1. replay of the recorded Google traffic
# --------------------------------------------------------------------------------------------------
def _map_ids(value, table):
    if isinstance(value, dict):
        return {k: table[k].get(v, v) if k in table and isinstance(v, int) else _map_ids(v, table)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_map_ids(v, table) for v in value]
    return value


def _learn_ids(recorded, got, forward):
    if isinstance(recorded, dict) and isinstance(got, dict):
        for k in RANDOM_IDS:
            if isinstance(recorded.get(k), int) and isinstance(got.get(k), int):
                forward[k].setdefault(recorded[k], got[k])
        for k in recorded.keys() & got.keys():
            _learn_ids(recorded[k], got[k], forward)
    elif isinstance(recorded, list) and isinstance(got, list):
        for a, b in zip(recorded, got, strict=False):
            _learn_ids(a, b, forward)


@pytest.mark.skipif(FIXTURES is None, reason="shared/fixtures/sheets-api not found")
@pytest.mark.parametrize("name", CASSETTES)
def test_replay_matches_recorded_google(name):
    assert FIXTURES is not None
    interactions = [i for i in json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))["interactions"]
                    if i["request"]["uri"].startswith(GOOGLE_ROOT)]  # Drive API calls are not the fake's
    assert interactions
    with FakeSheets() as fake:
        token = token_for(fake.service_account(RECORDED_EMAIL))
        # Seed each recorded spreadsheet under its recorded id and title: shared when Google first
        # answered 200 for it, unshared when 403, absent when 404.
        seen: set[str] = set()
        for it in interactions:
            sid = it["request"]["uri"][len(GOOGLE_ROOT) + len("/v4/spreadsheets/"):].split("?")[0]
            sid = sid.split("/")[0].split(":")[0]
            status = it["response"]["status"]["code"]
            if sid in seen or status == 404:
                seen.add(sid)
                continue
            seen.add(sid)
            title = json.loads(it["response"]["body"]["string"]).get("properties", {}).get("title", "Untitled")
            fake.create_spreadsheet(title, sid=sid, shared_with=[RECORDED_EMAIL] if status != 403 else [])
        forward: dict[str, dict[int, int]] = {k: {} for k in RANDOM_IDS}
        session = requests.Session()
        for n, it in enumerate(interactions):
            req, resp = it["request"], it["response"]
            headers = {"Authorization": f"Bearer {token}"}
            body = None
            if req["body"]:
                body = json.dumps(_map_ids(json.loads(req["body"]), forward)).encode()
                headers["Content-Type"] = "application/json"
            r = session.request(req["method"], fake.root + req["uri"][len(GOOGLE_ROOT):], data=body,
                                headers=headers, timeout=10)
            where = f"{name} #{n}: {req['method']} {req['uri']}"
            assert r.status_code == resp["status"]["code"], f"{where}\n{r.text}"
            assert r.headers["Content-Type"] == "application/json; charset=UTF-8", where
            recorded = json.loads(resp["body"]["string"])
            got = r.json()
            _learn_ids(recorded, got, forward)
            back = {k: {v: rec for rec, v in m.items()} for k, m in forward.items()}
            got = _map_ids(got, back)
            assert got == recorded, where
            # Same layout too: Google's 2-space indented JSON, key order and final newline.
            assert json.dumps(got, indent=2, ensure_ascii=False) + "\n" == resp["body"]["string"], where
        assert fake.errors == []


# --------------------------------------------------------------------------------------------------
# 2. validation against the discovery document
# --------------------------------------------------------------------------------------------------
def _violation(r: requests.Response, message: str, field: str | None) -> None:
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["status"] == "INVALID_ARGUMENT"
    assert err["message"] == message
    violation = err["details"][0]["fieldViolations"][0]
    assert err["details"][0]["@type"] == "type.googleapis.com/google.rpc.BadRequest"
    assert violation["description"] == message
    assert violation.get("field") == field


def test_a_good_request_passes_validation(fake, key, sid):
    token = token_for(key)
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}/values:batchUpdate",
             {"valueInputOption": "RAW", "includeValuesInResponse": False,
              "data": [{"range": "'Status'!A1:B1", "majorDimension": "ROWS", "values": [["a", 1]]}]})
    assert r.status_code == 200, r.text
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}:batchUpdate", {"requests": [
        {"setDataValidation": {"range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 5,
                                         "startColumnIndex": 1, "endColumnIndex": 2},
                               "rule": {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "1"}]},
                                        "strict": True, "showCustomUi": True}}}]})
    assert r.status_code == 200, r.text


def test_unknown_fields_get_googles_400(fake, key, sid):
    """Wording as in googleapis/google-api-python-client#930 ("DeleteRange" at 'requests[0]')."""
    token = token_for(key)
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}:batchUpdate",
             {"requests": [{"DeleteRange": {"range": {"sheetId": 0}, "shiftDimension": "ROWS"}}]})
    _violation(r, "Invalid JSON payload received. Unknown name \"DeleteRange\" at 'requests[0]': Cannot find field.",
               "requests[0]")
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}:batchUpdate",
             {"requests": [{"addSheet": {"properties": {"title": "x", "colour": "red"}}}]})
    _violation(r, "Invalid JSON payload received. Unknown name \"colour\" at 'requests[0].add_sheet.properties': "
                  "Cannot find field.", "requests[0].add_sheet.properties")
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}/values:batchUpdate",
             {"valueInputOption": "RAW", "data": [], "dat": []})
    _violation(r, 'Invalid JSON payload received. Unknown name "dat": Cannot find field.', None)
    assert fake.tabs(sid) == ["กลุ่มอำนวยการ", "Status"]  # nothing was applied


def test_bad_enums_and_types_get_googles_400(fake, key, sid):
    """"Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption),
    "USER_ENTER"" is Google's wording (johnkhansrc/NestGoogleSheetConnector#6); the ListValue one is
    recorded in WorksheetTest.test_add_validation.json and replayed above."""
    token = token_for(key)
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}/values:batchUpdate",
             {"valueInputOption": "USER_ENTER", "data": []})
    _violation(r, "Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "
                  '"USER_ENTER"', "value_input_option")
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}/values:batchUpdate",
             {"valueInputOption": "RAW", "data": [{"range": "Status!A1", "majorDimension": "SIDEWAYS", "values": [[1]]}]})
    _violation(r, "Invalid value at 'data[0].major_dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), "
                  '"SIDEWAYS"', "data[0].major_dimension")
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}:batchUpdate", {"requests": [{"deleteSheet": {"sheetId": "abc"}}]})
    _violation(r, "Invalid value at 'requests[0].delete_sheet.sheet_id' (TYPE_INT32), \"abc\"",
               "requests[0].delete_sheet.sheet_id")
    r = call(fake, token, "GET", f"/v4/spreadsheets/{sid}/values:batchGet", ranges="Status", valueRenderOption="RAW")
    _violation(r, "Invalid value at 'value_render_option' (type.googleapis.com/google.apps.sheets.v4.ValueRenderOption), "
                  '"RAW"', "value_render_option")
    r = call(fake, token, "GET", f"/v4/spreadsheets/{sid}/values:batchGet", ranges="Status", valueRenderMode="RAW")
    _violation(r, 'Invalid JSON payload received. Unknown name "valueRenderMode": Cannot bind query parameter. '
                  "Field 'valueRenderMode' could not be found in request message.", None)


def test_batch_update_is_all_or_nothing_and_unsupported_kinds_are_400(fake, key, sid):
    token = token_for(key)
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}:batchUpdate", {"requests": [
        {"addSheet": {"properties": {"title": "ใหม่"}}}, {"deleteSheet": {"sheetId": 12345}}]})
    assert r.status_code == 400
    assert r.json()["error"]["message"] == "Invalid requests[1].deleteSheet: No sheet with id: 12345"
    assert fake.tabs(sid) == ["กลุ่มอำนวยการ", "Status"]
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}:batchUpdate",
             {"requests": [{"mergeCells": {"range": {"sheetId": 0}, "mergeType": "MERGE_ALL"}}]})
    assert r.status_code == 400 and r.json()["error"]["status"] == "INVALID_ARGUMENT"
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}:batchUpdate",
             {"requests": [{"addSheet": {"properties": {"title": "status"}}}]})
    assert r.json()["error"]["message"] == ('Invalid requests[0].addSheet: A sheet with the name "status" already '
                                            "exists. Please enter another name.")


# --------------------------------------------------------------------------------------------------
# 3. the real google-auth and gspread clients
# --------------------------------------------------------------------------------------------------
def test_starts_fast_and_stops():
    started = time.perf_counter()
    with FakeSheets() as fake:
        assert time.perf_counter() - started < 10  # no fixed sleep on start (not a speed goal: see make bench)
        assert fake.root.startswith("http://127.0.0.1:") and fake.token_uri == fake.root + "/token"
    with pytest.raises(requests.ConnectionError):
        requests.get(fake.token_uri, timeout=2)


def test_token_exchange_and_the_four_calls(fake, key, client, sid):
    meta = client.fetch_sheet_metadata(sid)
    assert [s["properties"]["title"] for s in meta["sheets"]] == ["กลุ่มอำนวยการ", "Status"]
    assert meta["spreadsheetUrl"] == f"https://docs.google.com/spreadsheets/d/{sid}/edit"
    assert len(sid) == 44
    (exchange,) = fake.token_requests
    assert exchange.status == 200 and exchange.path == "/token"
    assert exchange.body["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer"
    assert exchange.body["claims"]["iss"] == key["client_email"]
    assert exchange.body["claims"]["scope"] == SCOPES[0]

    got = client.values_batch_get(sid, ["'กลุ่มอำนวยการ'", "'Status'!A:A", "กลุ่มอำนวยการ!B2"], {
        "valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER", "majorDimension": "ROWS"})
    assert got["valueRanges"] == [
        {"range": "'กลุ่มอำนวยการ'!A1:Z1000", "majorDimension": "ROWS", "values": [["รหัส", "ชื่อ"], ["1.1", "งานสารบรรณ"]]},
        {"range": "Status!A1:A1000", "majorDimension": "ROWS"},  # empty: no "values" key at all
        {"range": "'กลุ่มอำนวยการ'!B2", "majorDimension": "ROWS", "values": [["งานสารบรรณ"]]},
    ]
    done = client.values_batch_update(sid, {"valueInputOption": "RAW", "data": [
        {"range": "'Status'!A1:D1", "majorDimension": "ROWS", "values": [["=SUM(1,2)", 7, True, ""]]},
        {"range": "'Status'!B3", "values": [[0.5]]}]})
    assert done == {"spreadsheetId": sid, "totalUpdatedRows": 2, "totalUpdatedColumns": 4, "totalUpdatedCells": 5,
                    "totalUpdatedSheets": 1, "responses": [
                        {"spreadsheetId": sid, "updatedRange": "Status!A1:D1", "updatedRows": 1, "updatedColumns": 4,
                         "updatedCells": 4},
                        {"spreadsheetId": sid, "updatedRange": "Status!B3", "updatedRows": 1, "updatedColumns": 1,
                         "updatedCells": 1}]}
    # RAW: "=..." stays text, numbers and booleans stay typed, "" leaves the cell empty (trimmed).
    assert fake.values(sid, "Status") == [["=SUM(1,2)", 7, True], [], ["", 0.5]]
    shown = client.values_batch_get(sid, ["Status!A1:D3"], {"valueRenderOption": "FORMATTED_VALUE"})
    assert shown["valueRanges"][0]["values"] == [["=SUM(1,2)", "7", "TRUE"], [], ["", "0.5"]]

    reply = client.batch_update(sid, {"requests": [
        {"addSheet": {"properties": {"title": "สถานะภาพรวม"}}},
        {"updateSheetProperties": {"properties": {"sheetId": 0, "gridProperties": {"frozenRowCount": 1, "frozenColumnCount": 2}},
                                   "fields": "gridProperties.frozenRowCount,gridProperties.frozenColumnCount"}}]})
    added = reply["replies"][0]["addSheet"]["properties"]
    assert added["title"] == "สถานะภาพรวม" and added["index"] == 2 and 0 < added["sheetId"] < 2 ** 31
    assert added["gridProperties"] == {"rowCount": 1000, "columnCount": 26}
    assert reply["replies"][1] == {}
    grid = fake.sheet(sid, "กลุ่มอำนวยการ")["properties"]["gridProperties"]
    assert grid == {"rowCount": 1000, "columnCount": 26, "frozenRowCount": 1, "frozenColumnCount": 2}
    assert len(fake.token_requests) == 1  # one token for all the calls
    assert [r.status for r in fake.requests] == [200] * 5
    assert all(r.email == key["client_email"] and r.bytes_out > 0 for r in fake.requests)


def test_a_tampered_or_unknown_key_is_refused_at_token(fake, key, sid):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tampered = dict(key, private_key=other.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                          serialization.NoEncryption()).decode())
    client = FakeClient(credentials(tampered), fake.root)
    with pytest.raises(RefreshError, match="invalid_grant: Invalid JWT Signature"):
        client.fetch_sheet_metadata(sid)
    stranger = dict(key, client_email="someone@elsewhere.iam.gserviceaccount.com")
    with pytest.raises(RefreshError, match="invalid_grant: Invalid grant: account not found"):
        FakeClient(credentials(stranger), fake.root).fetch_sheet_metadata(sid)
    assert [r.status for r in fake.token_requests] == [400, 400]
    assert fake.requests == []  # no API call went out without a token


def test_unshared_and_unknown_spreadsheets(fake, key, client, sid):
    """403 and 404 exactly as recorded (ClientTest.test_access_private_spreadsheet.json,
    test_access_non_existing_spreadsheet.json), surfacing as gspread APIError."""
    fake.unshare(sid, key["client_email"])
    with pytest.raises(gspread.exceptions.APIError) as refused:
        client.fetch_sheet_metadata(sid)
    assert refused.value.code == 403
    assert refused.value.error == {"code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}
    with pytest.raises(gspread.exceptions.APIError) as missing:
        client.values_batch_get("1" + "x" * 43, ["A1"])
    assert missing.value.error == {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}
    fake.share(sid, key["client_email"], role="reader")
    assert client.values_batch_get(sid, ["Status"])["valueRanges"]
    with pytest.raises(gspread.exceptions.APIError) as read_only:
        client.values_batch_update(sid, {"valueInputOption": "RAW", "data": [{"range": "Status!A1", "values": [[1]]}]})
    assert read_only.value.code == 403


def test_authentication_failures(fake, key, sid):
    r = call(fake, None, "GET", f"/v4/spreadsheets/{sid}")
    assert r.status_code == 403 and r.json()["error"]["message"] == "The request is missing a valid API key."
    r = call(fake, "ya29.forged", "GET", f"/v4/spreadsheets/{sid}")
    assert r.status_code == 401 and r.json()["error"]["status"] == "UNAUTHENTICATED"
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    readonly = token_for(key, ["https://www.googleapis.com/auth/spreadsheets.readonly"])
    assert call(fake, readonly, "GET", f"/v4/spreadsheets/{sid}").status_code == 200
    r = call(fake, readonly, "POST", f"/v4/spreadsheets/{sid}:batchUpdate", {"requests": [{"addSheet": {}}]})
    assert r.status_code == 403 and r.json()["error"]["message"] == "Request had insufficient authentication scopes."


def test_expired_token_is_renewed_by_google_auth(fake, client, sid):
    client.fetch_sheet_metadata(sid)
    fake.expire_tokens()
    client.fetch_sheet_metadata(sid)  # 401, then AuthorizedSession refreshes and retries
    assert [r.status for r in fake.requests] == [200, 401, 200]
    assert len(fake.token_requests) == 2


def test_injected_429_and_html_502(fake, client, sid):
    fake.inject(429, retry_after=1, match="values:batchGet")
    client.fetch_sheet_metadata(sid)  # not matched: passes
    with pytest.raises(gspread.exceptions.APIError) as quota:
        client.values_batch_get(sid, ["Status"])
    assert quota.value.code == 429
    assert quota.value.response.headers["Retry-After"] == "1"
    assert quota.value.error["status"] == "RESOURCE_EXHAUSTED"
    assert "Quota exceeded for quota metric 'Read requests'" in quota.value.error["message"]
    assert client.values_batch_get(sid, ["Status"])  # only once

    fake.inject(502, times=2, html=True)
    for _ in range(2):
        with pytest.raises(gspread.exceptions.APIError) as gateway:
            client.values_batch_get(sid, ["Status"])
        assert gateway.value.code == -1  # gspread cannot read the HTML page ...
        assert gateway.value.response.status_code == 502  # ... the response says what it was
        assert gateway.value.response.headers["Content-Type"].startswith("text/html")
        assert "<title>Error 502 (Server Error)!!1</title>" in gateway.value.response.text
    fake.inject(503)
    with pytest.raises(gspread.exceptions.APIError) as busy:
        client.fetch_sheet_metadata(sid)
    assert busy.value.error == {"code": 503, "message": "The service is currently unavailable.", "status": "UNAVAILABLE"}
    assert [r.status for r in fake.requests] == [200, 429, 200, 502, 502, 503]


def test_delay_times_the_client_out_after_the_write_landed(fake, client, sid):
    fake.delay(30.0, match="values:batchUpdate")
    client.set_timeout(3)
    with pytest.raises(requests.exceptions.ReadTimeout):
        client.values_batch_update(sid, {"valueInputOption": "RAW", "data": [{"range": "Status!A1", "values": [["x"]]}]})
    assert fake.values(sid, "Status") == [["x"]]


def test_people_editing_between_reads(fake, client, sid):
    """insert_rows and rename_tab change what the next read sees; a hook can do it between a client's
    read and its write (the case sheetsync's identity check is for)."""
    tab = "กลุ่มอำนวยการ"
    fake.set_values(sid, tab, [["รหัส", "ชื่อ"], ["1.1", "ก"], ["1.2", "ข"]])
    fake.insert_rows(sid, tab, 2)
    got = client.values_batch_get(sid, [f"'{tab}'!A:A"])["valueRanges"][0]
    assert got == {"range": f"'{tab}'!A1:A1001", "majorDimension": "ROWS", "values": [["รหัส"], [], ["1.1"], ["1.2"]]}
    fake.delete_rows(sid, tab, 2)

    def person_inserts_a_row(method, path, body):
        if path.endswith("values:batchUpdate"):
            fake.insert_rows(sid, tab, 2)

    fake.before_request(person_inserts_a_row)
    client.values_batch_update(sid, {"valueInputOption": "RAW", "data": [{"range": f"'{tab}'!C2", "values": [["ok"]]}]})
    fake.before_request(None)
    assert fake.values(sid, tab) == [["รหัส", "ชื่อ"], ["", "", "ok"], ["1.1", "ก"], ["1.2", "ข"]]

    fake.rename_tab(sid, tab, "กลุ่ม 1")
    with pytest.raises(gspread.exceptions.APIError) as gone:
        client.values_batch_get(sid, [f"'{tab}'"])
    assert gone.value.error["message"] == f"Unable to parse range: '{tab}'"
    assert client.values_batch_get(sid, ["'กลุ่ม 1'!A2:B2"])["valueRanges"][0]["range"] == "'กลุ่ม 1'!A2:B2"


def test_values_semantics(fake, client, sid):
    """Trimming (WorksheetTest.test_get_all_values.json), serial dates and USER_ENTERED parsing
    (test_get_all_values_date_time_render_options.json), grid limits and growth."""
    client.values_batch_update(sid, {"valueInputOption": "USER_ENTERED", "data": [
        {"range": "Status!A1", "values": [["2027-04-05", "=4/2", "'007", "53", "TRUE"]]},
        {"range": "Status!A3:B3", "values": [["", "x"]]}]})
    unformatted = client.values_batch_get(sid, ["Status"], {"valueRenderOption": "UNFORMATTED_VALUE",
                                                            "dateTimeRenderOption": "SERIAL_NUMBER"})
    assert unformatted["valueRanges"][0]["values"] == [[46482, 2, "007", 53, True], [], ["", "x"]]
    formatted = client.values_batch_get(sid, ["Status!A1:E1"])
    assert formatted["valueRanges"][0]["values"] == [["2027-04-05", "2", "007", "53", "TRUE"]]
    columns = client.values_batch_get(sid, ["Status!A1:B3"], {"majorDimension": "COLUMNS"})
    assert columns["valueRanges"][0] == {"range": "Status!A1:B3", "majorDimension": "COLUMNS",
                                         "values": [["2027-04-05"], ["2", "", "x"]]}
    with pytest.raises(gspread.exceptions.APIError) as outside:
        client.values_batch_get(sid, ["Status!A1:A1001"])
    assert outside.value.error["message"] == "Range (Status!A1:A1001) exceeds grid limits. Max rows: 1000, max columns: 26"
    client.values_batch_update(sid, {"valueInputOption": "RAW", "data": [{"range": "Status!AA1002", "values": [["far"]]}]})
    grid = fake.sheet(sid, "Status")["properties"]["gridProperties"]
    assert (grid["rowCount"], grid["columnCount"]) == (1002, 27)
    with pytest.raises(gspread.exceptions.APIError) as too_many:
        client.values_batch_update(sid, {"valueInputOption": "RAW", "data": [{"range": "Status!A1:B1", "values": [[1, 2, 3]]}]})
    assert too_many.value.error["message"] == "Requested writing within range [Status!A1:B1], but tried writing to column [C]"


def test_setup_requests_show_in_sheet_state_and_metadata(fake, key, client, sid):
    """What sheetsync setup asks for: validation, protection, conditional formats, a text format;
    GridRange sheetId 0 is left out of answers (WorksheetTest.test_add_protected_range_normal.json)."""
    client.batch_update(sid, {"requests": [
        {"setDataValidation": {"range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 1000, "startColumnIndex": 2,
                                         "endColumnIndex": 3},
                               "rule": {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "5"}]},
                                        "inputMessage": "5 ดีเยี่ยม", "strict": True, "showCustomUi": False}}},
        {"addProtectedRange": {"protectedRange": {"range": {"sheetId": 0}, "description": "sheetsync:group-tab",
                                                  "editors": {"users": ["coordinator@nst1.go.th"]}}}},
        {"addConditionalFormatRule": {"index": 0, "rule": {"ranges": [{"sheetId": 0, "startColumnIndex": 3, "endColumnIndex": 4}],
                                                            "booleanRule": {"condition": {"type": "TEXT_STARTS_WITH", "values": [{"userEnteredValue": "เกิน"}]},
                                                                            "format": {"backgroundColor": {"red": 0.957, "green": 0.8, "blue": 0.8}}}}}},
        {"repeatCell": {"range": {"sheetId": 0, "startRowIndex": 1, "startColumnIndex": 0, "endColumnIndex": 1},
                        "cell": {"userEnteredFormat": {"numberFormat": {"type": "TEXT"}}}, "fields": "userEnteredFormat.numberFormat"}},
    ]})
    state = fake.sheet(sid, "กลุ่มอำนวยการ")
    assert state["dataValidation"] == [{"range": "C2:C1000", "gridRange": {"startRowIndex": 1, "endRowIndex": 1000,
                                                                           "startColumnIndex": 2, "endColumnIndex": 3},
                                        "rule": {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "5"}]},
                                                 "inputMessage": "5 ดีเยี่ยม", "strict": True}}]
    (protected,) = state["protectedRanges"]
    assert protected["range"] == {} and protected["description"] == "sheetsync:group-tab"
    assert protected["editors"] == {"users": sorted(["coordinator@nst1.go.th", key["client_email"]])}
    assert state["conditionalFormats"][0]["booleanRule"]["format"] == {
        "backgroundColor": {"red": 0.957, "green": 0.8, "blue": 0.8},
        "backgroundColorStyle": {"rgbColor": {"red": 0.957, "green": 0.8, "blue": 0.8}}}
    assert state["formats"][0]["range"] == "A2:A1000"
    # A column formatted as text keeps "1,2,4" as typed, even with USER_ENTERED.
    client.values_batch_update(sid, {"valueInputOption": "USER_ENTERED", "data": [{"range": "'กลุ่มอำนวยการ'!A3", "values": [["1,2,4"]]}]})
    assert fake.values(sid, "กลุ่มอำนวยการ")[2] == ["1,2,4"]

    fields = ("sheets(properties(sheetId,title,gridProperties),protectedRanges,conditionalFormats,"
              "data(startRow,startColumn,rowData(values(dataValidation))))")
    meta = client.fetch_sheet_metadata(sid, {"includeGridData": "true", "ranges": ["'กลุ่มอำนวยการ'!C2"], "fields": fields})
    (sheet,) = meta["sheets"]  # ranges limit the answer to the sheets they touch
    assert set(meta) == {"sheets"} and set(sheet) == {"properties", "protectedRanges", "conditionalFormats", "data"}
    assert sheet["data"] == [{"startRow": 1, "startColumn": 2, "rowData": [{"values": [{"dataValidation": state["dataValidation"][0]["rule"]}]}]}]
    titles = client.fetch_sheet_metadata(sid, {"fields": "sheets.properties.title"})
    assert titles == {"sheets": [{"properties": {"title": "กลุ่มอำนวยการ"}}, {"properties": {"title": "Status"}}]}


def test_concurrent_clients_are_serialised(fake, key, sid):
    clients = [FakeClient(credentials(key), fake.root) for _ in range(4)]
    for c in clients:
        c.fetch_sheet_metadata(sid)

    def writer(n: int, c: FakeClient) -> None:
        for i in range(10):
            c.values_batch_update(sid, {"valueInputOption": "RAW", "data": [{"range": f"Status!{'ABCD'[n]}{i + 1}", "values": [[n * 100 + i]]}]})

    threads = [threading.Thread(target=writer, args=(n, c)) for n, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert fake.values(sid, "Status") == [[n * 100 + i for n in range(4)] for i in range(10)]
    assert len([r for r in fake.requests if r.path.endswith("values:batchUpdate")]) == 40
    fake.reset_log()
    assert fake.requests == [] and fake.token_requests == []


def test_protection_by_a_person_blocks_the_service_account(fake, client, sid):
    fake.protect(sid, "Status", "B:B", editors=["coordinator@nst1.go.th"], description="ผู้ประสานงาน")
    with pytest.raises(gspread.exceptions.APIError) as refused:
        client.values_batch_update(sid, {"valueInputOption": "RAW", "data": [
            {"range": "Status!A1", "values": [["ok"]]}, {"range": "Status!B5", "values": [["no"]]}]})
    assert refused.value.code == 400
    assert refused.value.error["message"].startswith("You are trying to edit a protected cell or object.")
    assert fake.values(sid, "Status") == []  # all or nothing
    fake.protect(sid, "Status", "C1:C3", warning_only=True)
    client.values_batch_update(sid, {"valueInputOption": "RAW", "data": [{"range": "Status!C2", "values": [["warned"]]}]})
    assert fake.values(sid, "Status") == [[], ["", "", "warned"]]


def test_rows_moving_carries_validation_protection_and_formats(fake, client, sid):
    tab = "กลุ่มอำนวยการ"
    client.batch_update(sid, {"requests": [
        {"setDataValidation": {"range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 3, "startColumnIndex": 2,
                                         "endColumnIndex": 3},
                               "rule": {"condition": {"type": "NUMBER_BETWEEN", "values": [{"userEnteredValue": "1"},
                                                                                            {"userEnteredValue": "5"}]}}}},
        {"addProtectedRange": {"protectedRange": {"range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 3}}}}]})
    fake.insert_rows(sid, tab, 3, count=2)  # between the two protected, validated rows
    state = fake.sheet(sid, tab)
    assert state["protectedRanges"][0]["range"] == {"startRowIndex": 1, "endRowIndex": 5}
    assert [v["range"] for v in state["dataValidation"]] == ["C2:C5"]  # new rows take the row above's rule
    client.batch_update(sid, {"requests": [{"deleteDimension": {"range": {"sheetId": 0, "dimension": "ROWS",
                                                                          "startIndex": 0, "endIndex": 1}}}]})
    state = fake.sheet(sid, tab)
    assert state["protectedRanges"][0]["range"] == {"startRowIndex": 0, "endRowIndex": 4}
    assert [v["range"] for v in state["dataValidation"]] == ["C1:C4"]
    assert state["properties"]["gridProperties"]["rowCount"] == 1001  # 1000 + 2 - 1
    assert fake.values(sid, tab) == [["1.1", "งานสารบรรณ"]]


def test_append_finds_the_table(fake, client, sid):
    """WorksheetTest.test_delete_row.json / test_insert_row.json behaviour, plus INSERT_ROWS."""
    fake.set_values(sid, "Status", [[], ["h1", "h2"], ["a", "b"], [], ["below"]])
    reply = client.values_append(sid, "Status", {"valueInputOption": "RAW", "insertDataOption": "INSERT_ROWS"},
                                 {"values": [["c", "d"]]})
    assert reply["tableRange"] == "Status!A2:B3"  # the first table in the range
    assert reply["updates"]["updatedRange"] == "Status!A4:B4"
    assert fake.values(sid, "Status")[4:] == [[], ["below"]]  # a row was inserted, "below" moved down
    assert fake.sheet(sid, "Status")["properties"]["gridProperties"]["rowCount"] == 1001
    reply = client.values_append(sid, "Status!A1", {"valueInputOption": "RAW"}, {"values": [["top"]]})
    assert "tableRange" not in reply and reply["updates"]["updatedRange"] == "Status!A1"  # an empty corner
    reply = client.values_append(sid, "Status!A1", {"valueInputOption": "RAW"}, {"values": [["e"]]})
    assert reply["tableRange"] == "Status!A1:B4"  # the table runs past a one-cell range
    assert fake.values(sid, "Status") == [["top"], ["h1", "h2"], ["a", "b"], ["c", "d"], ["e"], ["below"]]
    last = [r for r in fake.requests if r.path.endswith(":append")][-1]
    assert last.path == f"/v4/spreadsheets/{sid}/values/Status!A1:append"
    assert last.query == {"valueInputOption": ["RAW"]}
    assert last.body == {"values": [["e"]]} and last.bytes_in == len(b'{"values": [["e"]]}')


def test_null_leaves_a_cell_as_it_is_and_only_values_count(fake, key, sid):
    """ValueRange.values in the discovery document: "Null values will be skipped. To set a cell to an
    empty value, set the string value to an empty string." A skipped cell keeps its value, formula and
    format; `[]` is a row with nothing to write; a null row is refused; only cells given a value count."""
    token = token_for(key)
    fake.set_values(sid, "Status", [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]])
    fake.set_cell(sid, "Status", "B2", "=1+2", typed=True)
    status_id = fake.sheet(sid, "Status")["properties"]["sheetId"]
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}:batchUpdate", {"requests": [{"repeatCell": {
        "range": {"sheetId": status_id, "startRowIndex": 1, "endRowIndex": 2, "startColumnIndex": 1, "endColumnIndex": 2},
        "cell": {"userEnteredFormat": {"numberFormat": {"type": "TEXT"}}}, "fields": "userEnteredFormat.numberFormat"}}]})
    assert r.status_code == 200, r.text
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}/values:batchUpdate",
             {"valueInputOption": "RAW", "data": [{"range": "Status!A1:C3", "values": [[None, "x"], [None, None, ""], []]}]})
    assert r.status_code == 200, r.text
    assert r.json() == {"spreadsheetId": sid, "totalUpdatedRows": 2, "totalUpdatedColumns": 2, "totalUpdatedCells": 2,
                        "totalUpdatedSheets": 1, "responses": [
                            {"spreadsheetId": sid, "updatedRange": "Status!A1:C3", "updatedRows": 2,
                             "updatedColumns": 2, "updatedCells": 2}]}
    assert fake.values(sid, "Status") == [["a", "x", "c"], ["d", 3], ["g", "h", "i"]]  # C2 cleared
    got = call(fake, token, "GET", f"/v4/spreadsheets/{sid}/values/Status!B2", valueRenderOption="FORMULA")
    assert got.json()["values"] == [["=1+2"]]
    b2 = fake.export_spreadsheet(sid).by_title("Status").cell(1, 1)
    assert b2.formula == "=1+2" and b2.fmt == {"numberFormat": {"type": "TEXT"}}  # its format kept too
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}/values:batchUpdate",
             {"valueInputOption": "RAW", "data": [{"range": "Status!A1:C3", "values": [None, ["y"]]}]})
    assert r.status_code == 400 and "data[0].values[0]" in r.json()["error"]["message"]
    r = call(fake, token, "POST", f"/v4/spreadsheets/{sid}/values:batchUpdate",  # a null past the range is still past it
             {"valueInputOption": "RAW", "data": [{"range": "Status!A1:B1", "values": [[None, None, None]]}]})
    assert r.status_code == 400 and "tried writing to column [C]" in r.json()["error"]["message"]
    assert fake.values(sid, "Status")[0] == ["a", "x", "c"]


def test_gzipped_bodies_are_read_and_logged(fake, key, sid):
    """Content-Encoding: gzip is undone, as Google's front end does; bytes_in counts what was sent."""
    import gzip

    token = token_for(key)
    body = json.dumps({"valueInputOption": "RAW", "data": [{"range": "Status!A1", "values": [["ถูกต้อง"]]}]},
                      ensure_ascii=False, separators=(",", ":")).encode()
    sent = gzip.compress(body)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json; charset=utf-8",
               "Content-Encoding": "gzip"}
    r = requests.post(f"{fake.root}/v4/spreadsheets/{sid}/values:batchUpdate", data=sent, headers=headers,
                      params={"fields": "totalUpdatedCells"}, timeout=10)
    assert r.status_code == 200 and r.json() == {"totalUpdatedCells": 1}
    last = fake.requests[-1]
    assert (last.raw, last.bytes_in, last.content_encoding) == (body, len(sent), "gzip")
    assert last.content_type == "application/json; charset=utf-8"
    assert fake.values(sid, "Status") == [["ถูกต้อง"]]
    fake.accept_gzip = False  # a server that reads the bytes as they came
    r = requests.post(f"{fake.root}/v4/spreadsheets/{sid}/values:batchUpdate", data=sent, headers=headers, timeout=10)
    assert r.status_code == 400
    assert r.json()["error"]["message"].startswith("Invalid JSON payload received. Unexpected token")
