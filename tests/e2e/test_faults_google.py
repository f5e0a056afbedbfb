"""Google faults (issue 13, point 3 and the Google cases of points 5 and 6): one test per case, each
asserting that the cells people typed are unchanged on the fake, the Thai message and the exit status.

Deterministic: every fault is injected by the loopback fake (statuses, broken answers, token-endpoint
faults, a person's edits from a hook at a chosen request); the one timeout case waits for a delay
six times the client's timeout, and asserts nothing about how many retries it took.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from sheetsync.backends.http import (
    brief,
    check_metadata,
    check_object,
    check_token,
    check_value_ranges,
    parse_json,
)
from sheetsync.core import vocab
from sheetsync.core.cells import col_letter
from sheetsync.core.columns import INDICATOR_COLUMNS, OUTPUT_COLUMNS
from sheetsync.core.problems import shown
from tests.e2e.test_gsheets import POLICY, status_by_code, type_demo_data
from tests.fakes.fake_sheets import FakeSheets, Spreadsheet
from tests.support.cli import DEMO_DAY, backend_of, invoke, set_backend
from tests.support.google import google_config

OUTPUTS = "ผลงานที่ประสบผลสำเร็จ"
PROMOTION = "ส่งเสริมการจัดการศึกษา"
ATTEMPTS = 6  # max_attempts, the default
STATUS_TAB = "สถานะภาพรวม"
STATUS_LABELS = {c.label for c in INDICATOR_COLUMNS + OUTPUT_COLUMNS if c.filled_by == "sync"}


@pytest.fixture
def fake(monkeypatch):
    with FakeSheets() as server:
        monkeypatch.setenv("SHEETSYNC_SHEETS_API_ROOT", server.root)
        yield server


@dataclass(frozen=True)
class Built:
    config: Path
    sid: str
    key: dict
    spreadsheet: Spreadsheet


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The demo office on the fake, built once per test process: set up, typed in and synced once (so
    that its memo is on disk and in history: a case's sync renders no document, the slow part), then
    its status cells emptied again, so that every case's sync writes them all."""
    base = tmp_path_factory.mktemp("google-office")
    with FakeSheets() as server, pytest.MonkeyPatch.context() as env:
        env.setenv("SHEETSYNC_SHEETS_API_ROOT", server.root)
        config, sid = google_config(server, base / "office")
        runner = CliRunner()
        assert invoke(runner, config, "setup").exit_code == 0
        type_demo_data(server, sid, config)
        assert invoke(runner, config, "sync", "--today", DEMO_DAY).exit_code == 0
        for tab in server.tabs(sid):
            grid = server.values(sid, tab)
            if tab == STATUS_TAB or not grid:
                continue
            for col, label in enumerate(grid[0], start=1):
                if label in STATUS_LABELS:
                    for row in range(2, len(grid) + 1):
                        server.set_cell(sid, tab, f"{col_letter(col)}{row}", None)
        key = json.loads((config / "service-account.json").read_text(encoding="utf-8"))
        return Built(config, sid, key, server.export_spreadsheet(sid))


@pytest.fixture
def office(built: Built, fake: FakeSheets, tmp_path: Path) -> tuple[Path, str]:
    """A copy of the built office, on this case's fake."""
    config = tmp_path / "office"
    shutil.copytree(built.config, config)
    (config / "service-account.json").write_text(json.dumps(fake.adopt_key(built.key)), encoding="utf-8")
    fake.import_spreadsheet(built.spreadsheet)
    return config, built.sid


@pytest.fixture
def new_office(fake, tmp_path, runner) -> tuple[Path, str]:
    """The demo office built on this case's fake, never synced (its documents not written yet)."""
    config, sid = google_config(fake, tmp_path / "office")
    result = invoke(runner, config, "setup")
    assert result.exit_code == 0, result.output
    type_demo_data(fake, sid, config)
    fake.reset_log()
    return config, sid


def sync(runner, config: Path, *extra: str):
    return invoke(runner, config, "sync", "--today", DEMO_DAY, *extra)


def synced(runner, config: Path) -> dict:
    result = sync(runner, config, "--json")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return json.loads(result.stdout)


def user_cells(fake: FakeSheets, sid: str) -> dict[tuple[str, int, int], object]:
    """Every cell a person typed, on every tab but the Status tab: all but the status columns (found by
    their headers, wherever they are now)."""
    cells = {}
    for tab in fake.tabs(sid):
        if tab == STATUS_TAB:
            continue
        grid = fake.values(sid, tab)
        status_cols = {i for i, v in enumerate(grid[0]) if v in STATUS_LABELS} if grid else set()
        for r, line in enumerate(grid):
            for c, v in enumerate(line):
                if c not in status_cols and v not in (None, ""):
                    cells[(tab, r, c)] = v
    return cells


def everything(fake: FakeSheets, sid: str) -> dict[str, list[list]]:
    return {tab: fake.values(sid, tab) for tab in fake.tabs(sid)}


def shifted(cells: dict, tab: str, *, col: int | None = None, row: int | None = None, by: int = 1) -> dict:
    """user_cells() as they are after `by` columns (0-based index >= col) or rows (>= row) were
    inserted in `tab` by a person."""
    out = {}
    for (t, r, c), value in cells.items():
        if t == tab and col is not None and c >= col:
            c += by
        if t == tab and row is not None and r >= row:
            r += by
        out[(t, r, c)] = value
    return out


def failed(result, message_start: str, hint: str | None = None) -> None:
    """Exit status 1, the Thai message (and its fix), no traceback."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert vocab.CLI_ERROR.format(message=message_start) in result.output
    if hint is not None:
        assert vocab.CLI_FIX.format(hint=hint) in result.output


def before(template: str) -> str:
    """The fixed text of a message up to its first field."""
    return template.split("{", 1)[0]


def on_request(fake: FakeSheets, suffix: str, which: set[int] | None, action) -> None:
    """Run `action()` just before the n-th API request whose path ends with `suffix` is carried out,
    for n in `which` (every one if None)."""
    seen = []

    def hook(method: str, path: str, body) -> None:
        if path.endswith(suffix):
            seen.append(path)
            if which is None or len(seen) in which:
                action()

    fake.before_request(hook)


def reread_ranges(fake: FakeSheets, body) -> list[str] | None:
    """The ranges of the request being carried out if it is the re-read before the write (the read
    that asks for row 1 of the tabs, `'tab'!1:1`), else None. The hook runs after the fake logged the
    request, and the sync sends one request at a time."""
    rec = fake.requests[-1]
    ranges = list(rec.query.get("ranges", []))
    for data_filter in (body or {}).get("dataFilters", []) if isinstance(body, dict) else []:
        if isinstance(data_filter, dict) and isinstance(data_filter.get("a1Range"), str):
            ranges.append(data_filter["a1Range"])
    return ranges if any(r.endswith("!1:1") for r in ranges) else None


def on_reread(fake: FakeSheets, which: set[int] | None, action) -> None:
    """Run `action(ranges)` just before the n-th re-read is carried out, for n in `which` (every one if
    None): as a person's edit, or a fault injected into its answer, lands at that moment."""
    seen = []

    def hook(method: str, path: str, body) -> None:
        ranges = reread_ranges(fake, body)
        if ranges is not None:
            seen.append(path)
            if which is None or len(seen) in which:
                action(ranges)

    fake.before_request(hook)


# --- point 3: the re-read checks the header row and the code column ---------------------------------
def test_column_inserted_before_the_write_is_seen_and_replanned(office, fake, runner) -> None:
    config, sid = office
    typed = user_cells(fake, sid)
    # A person inserts a column at C in the policy tab while the sync is working: just before the
    # re-read. The code column A does not move; the header row does.
    on_reread(fake, {1}, lambda _: fake.insert_columns(sid, POLICY, 3))
    summary = synced(runner, config)
    assert summary["attempts"] == 2
    assert user_cells(fake, sid) == shifted(typed, POLICY, col=2)
    status = status_by_code(fake, sid, POLICY)  # found by their headers, one column to the right
    assert status["1.1"][0] == vocab.STATE_VALID
    assert status["1.3"][0] == vocab.STATE_INVALID and status["1.3"][1].startswith("K3:")  # J3 moved to K3
    assert all(len(line) < 3 or line[2] in (None, "") for line in fake.values(sid, POLICY))  # the new column


def test_column_inserted_in_the_outputs_tab_is_seen_and_replanned(office, fake, runner) -> None:
    config, sid = office
    typed = user_cells(fake, sid)
    on_reread(fake, {1}, lambda _: fake.insert_columns(sid, OUTPUTS, 2))
    summary = synced(runner, config)
    assert summary["attempts"] == 2
    assert user_cells(fake, sid) == shifted(typed, OUTPUTS, col=1)
    assert all(len(line) < 2 or line[1] in (None, "") for line in fake.values(sid, OUTPUTS))


def test_header_renamed_before_the_write_is_seen_and_replanned(office, fake, runner) -> None:
    config, sid = office
    on_reread(fake, {1}, lambda _: fake.set_cell(sid, POLICY, "M1", "หมายเหตุของกลุ่ม"))
    summary = synced(runner, config)
    assert summary["attempts"] == 2
    assert fake.values(sid, POLICY)[0][12] == "หมายเหตุของกลุ่ม"
    assert status_by_code(fake, sid, POLICY)["1.1"][0] == vocab.STATE_VALID


def test_columns_that_keep_moving_stop_the_sync_after_bounded_attempts(office, fake, runner) -> None:
    config, sid = office
    typed = user_cells(fake, sid)
    on_reread(fake, None, lambda _: fake.insert_columns(sid, POLICY, 3))
    result = sync(runner, config)
    failed(result, vocab.ROWS_KEPT_MOVING.format(attempts=3), vocab.ROWS_KEPT_MOVING_HINT)
    assert not [r for r in fake.requests if "Update" in r.path]  # nothing written
    assert user_cells(fake, sid) == shifted(typed, POLICY, col=2, by=3)


def test_rows_moved_after_the_reread_are_put_right_by_the_next_sync(office, fake, runner) -> None:
    """The window that remains (gsheets.py's docstring): a row inserted after the re-read answered and
    before the write lands puts statuses one row off. No typed cell changes (only status columns are
    written), and the next sync writes them beside the right rows."""
    config, sid = office
    typed = user_cells(fake, sid)
    on_request(fake, "values:batchUpdate", {1}, lambda: fake.insert_rows(sid, POLICY, 2))
    assert synced(runner, config)["attempts"] == 1
    assert user_cells(fake, sid) == shifted(typed, POLICY, row=1)
    header = fake.values(sid, POLICY)[0]
    state = header.index("สถานะ")
    assert fake.values(sid, POLICY)[1][state] == vocab.STATE_VALID  # 1.1's status, on the new empty row
    fake.before_request(None)
    synced(runner, config)
    grid = fake.values(sid, POLICY)
    assert all(cell in (None, "") for cell in grid[1])  # the empty row is empty again
    assert status_by_code(fake, sid, POLICY)["1.1"][0] == vocab.STATE_VALID
    assert user_cells(fake, sid) == shifted(typed, POLICY, row=1)


# --- point 3: malformed and truncated answers are retried like 5xx, then reported -------------------
BROKEN = ["html", "text", "json", "cut", "truncated", "drop"]


@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_read_answer_is_retried(office, fake, runner, kind: str) -> None:
    config, sid = office
    typed = user_cells(fake, sid)
    fake.inject_answer(kind, match="values:batchGet", body={"valueRanges": "none"})
    summary = synced(runner, config)
    assert summary["retries"] == 1
    assert user_cells(fake, sid) == typed
    assert status_by_code(fake, sid, POLICY)["1.1"][0] == vocab.STATE_VALID


@pytest.mark.parametrize("body", [
    {"spreadsheetId": "x"},  # no valueRanges for the ranges asked
    {"valueRanges": [{"values": [["1.1"]]}]},  # one range for several
    [["1.1", "ถูกต้อง"]],  # not an object
], ids=["missing", "too-few", "not-an-object"])
def test_a_reread_answer_of_the_wrong_shape_is_retried(office, fake, runner, body) -> None:
    config, sid = office
    typed = user_cells(fake, sid)
    on_reread(fake, {1}, lambda _: fake.inject_answer("json", body=body))
    summary = synced(runner, config)
    assert summary["retries"] == 1 and summary["attempts"] == 1
    assert user_cells(fake, sid) == typed
    assert status_by_code(fake, sid, POLICY)["1.1"][0] == vocab.STATE_VALID


def test_cells_of_the_wrong_type_in_an_answer_are_retried(office, fake, runner) -> None:
    config, sid = office
    typed = user_cells(fake, sid)
    # As many ranges as the re-read asks for, each holding an object where a value should be.
    on_reread(fake, {1}, lambda ranges: fake.inject_answer(
        "json", body={"valueRanges": [{"range": r, "values": [[{"formula": "=1"}]]} for r in ranges]}))
    summary = synced(runner, config)
    assert summary["retries"] == 1 and summary["attempts"] == 1
    assert user_cells(fake, sid) == typed
    assert status_by_code(fake, sid, POLICY)["1.1"][0] == vocab.STATE_VALID


@pytest.mark.parametrize("kind", ["truncated", "cut", "drop"])
def test_a_write_whose_answer_is_lost_is_sent_again(office, fake, runner, kind: str) -> None:
    """The write lands, its answer does not: the same values go to the same cells once more."""
    config, sid = office
    typed = user_cells(fake, sid)
    fake.inject_answer(kind, match="values:batchUpdate")
    summary = synced(runner, config)
    assert summary["retries"] == 1
    assert len([r for r in fake.requests if r.path.endswith("values:batchUpdate")]) == 2
    assert user_cells(fake, sid) == typed
    assert status_by_code(fake, sid, POLICY)["1.3"][0] == vocab.STATE_INVALID


@pytest.mark.parametrize("kind", BROKEN)
def test_answers_that_stay_broken_are_reported_as_such(office, fake, runner, kind: str) -> None:
    config, sid = office
    was = everything(fake, sid)
    fake.inject_answer(kind, times=50, body={"valueRanges": "none"})
    result = sync(runner, config)
    if kind == "drop":  # no answer at all: Google or the network is down
        failed(result, before(vocab.GS_UNAVAILABLE), vocab.GS_UNAVAILABLE_HINT)
    else:
        failed(result, before(vocab.GS_MALFORMED), vocab.GS_MALFORMED_HINT)
        assert vocab.GS_AUTH_FAILED_HINT not in result.output  # not blamed on the key or the clock
    assert f" {ATTEMPTS} " in result.output and len(fake.requests) == ATTEMPTS
    assert everything(fake, sid) == was


def test_a_metadata_answer_of_the_wrong_shape_is_retried(office, fake, runner) -> None:
    config, sid = office
    fake.rename_tab(sid, POLICY, "แผนงาน")  # a tab missing: the sync asks for the tab titles
    typed = user_cells(fake, sid)
    # The first read is a 400 (not a 200, so not broken); the next 200 is the metadata read.
    fake.inject_answer("json", body={"sheets": [{"properties": {"title": 7}}]})
    result = sync(runner, config, "--json")
    assert result.exit_code == 0 and "Traceback" not in result.output
    summary = json.loads(result.stdout)
    # the renamed tab is found by its rows (backends.tabs) once the titles are known
    assert summary["tabs_found"] == {POLICY: "แผนงาน"} and summary["retries"] == 1
    assert user_cells(fake, sid) == typed


@pytest.mark.parametrize("body", [
    {"error": "boom"},  # gspread's APIError itself failed on this
    {"error": {"code": "x"}},  # no message
    ["not", "an", "object"],
    "<html><body>" + "Bad Request. " * 400 + "</body></html>",
], ids=["error-text", "no-message", "list", "long-html"])
def test_refusals_with_bodies_of_any_shape_are_reported_cut(office, fake, runner, body) -> None:
    config, sid = office
    was = everything(fake, sid)
    fake.inject(400, times=50, body=body, match="values:batchUpdate")  # the write, refused before it lands
    result = sync(runner, config)
    failed(result, vocab.GS_REFUSED.format(status=400, message="")[:-1])
    assert len([r for r in fake.requests if r.path.endswith("values:batchUpdate")]) == 1  # permanent
    line = next(x for x in result.output.splitlines() if "HTTP 400" in x)
    assert len(line) < 300  # the body is cut to what helps
    assert everything(fake, sid) == was


# --- point 3 and 6: the token endpoint --------------------------------------------------------------
def test_token_endpoint_5xx_is_retried(office, fake, runner) -> None:
    config, sid = office
    typed = user_cells(fake, sid)
    fake.inject_token(503)
    summary = synced(runner, config)
    assert summary["retries"] == 1
    assert summary["requests"] == len(fake.requests)  # no API request was sent for the failed token
    assert user_cells(fake, sid) == typed
    assert status_by_code(fake, sid, POLICY)["1.1"][0] == vocab.STATE_VALID


def test_token_endpoint_timeout_is_retried(office, fake, runner) -> None:
    config, sid = office
    set_backend(config, {**backend_of(config), "timeout_seconds": 10})
    typed = user_cells(fake, sid)
    fake.inject_token("hang", seconds=60)  # six times the timeout; every other answer is immediate
    summary = synced(runner, config)
    assert summary["retries"] >= 1
    assert user_cells(fake, sid) == typed
    assert status_by_code(fake, sid, POLICY)["1.1"][0] == vocab.STATE_VALID


def test_token_endpoint_down_is_reported_as_down(office, fake, runner) -> None:
    config, sid = office
    was = everything(fake, sid)
    fake.inject_token(503, times=50)
    result = sync(runner, config)
    failed(result, before(vocab.GS_TOKEN_UNAVAILABLE), vocab.GS_TOKEN_UNAVAILABLE_HINT)
    assert "HTTP 503" in result.output and fake.token_uri in result.output
    assert vocab.GS_AUTH_FAILED_HINT not in result.output
    assert fake.requests == [] and len(fake.token_requests) == ATTEMPTS
    assert everything(fake, sid) == was


@pytest.mark.parametrize(("kind", "body"), [
    ("html", None), ("text", None), ("cut", None), ("truncated", None), ("drop", None),
    ("json", {"token_type": "Bearer", "expires_in": 3599}),
    ("json", {"access_token": "ya29.x", "expires_in": "soon"}),
    ("json", ["ya29.x"]),
], ids=["html", "text", "cut", "truncated", "drop", "no-token", "bad-expiry", "list"])
def test_token_answers_that_stay_broken_are_reported_as_such(office, fake, runner, kind: str, body) -> None:
    config, sid = office
    was = everything(fake, sid)
    fake.inject_token(kind, times=50, body=body)
    result = sync(runner, config)
    if kind == "drop":
        failed(result, before(vocab.GS_TOKEN_UNAVAILABLE), vocab.GS_TOKEN_UNAVAILABLE_HINT)
    else:
        failed(result, before(vocab.GS_TOKEN_MALFORMED), vocab.GS_TOKEN_MALFORMED_HINT)
    assert vocab.GS_AUTH_FAILED_HINT not in result.output
    assert fake.requests == [] and len(fake.token_requests) == ATTEMPTS
    assert everything(fake, sid) == was


def test_a_refused_key_is_blamed_on_the_key_and_not_retried(office, fake, runner) -> None:
    config, sid = office
    was = everything(fake, sid)
    email = json.loads((config / "service-account.json").read_text())["client_email"]
    fake.inject_token(400, times=50, body={"error": "invalid_grant", "error_description": "Invalid JWT Signature."})
    result = sync(runner, config)
    failed(result, vocab.GS_AUTH_FAILED.format(email=email, problem="invalid_grant: Invalid JWT Signature."),
           vocab.GS_AUTH_FAILED_HINT)
    assert len(fake.token_requests) == 1
    assert everything(fake, sid) == was


def test_a_token_error_body_is_cut_and_its_secrets_removed(office, fake, runner) -> None:
    config, sid = office
    was = everything(fake, sid)
    secret = "ya29.a0AfB_byC-secret-access-token"
    jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJzYUB4In0.c2lnbmF0dXJl"
    page = (f"<html><head><title>Proxy</title><style>p{{color:red}}</style></head><body><p>Access denied for "
            f"Authorization: Bearer {secret} assertion={jwt}</p>" + "<p>policy text</p>" * 500 + "</body></html>")
    fake.inject_token(403, times=50, body=page)
    result = sync(runner, config)
    detail = "Proxy Access denied for Authorization: Bearer *** assertion=*** policy text"
    failed(result, vocab.GS_TOKEN_REFUSED.format(uri=fake.token_uri, status=403, detail=detail),
           vocab.GS_TOKEN_REFUSED_HINT)
    assert secret not in result.output and jwt not in result.output and "secret" not in result.output
    assert "<" not in result.output and len(result.output) < 1200
    assert vocab.GS_AUTH_FAILED_HINT not in result.output
    assert everything(fake, sid) == was


def test_a_token_refusal_in_oauth_form_keeps_no_credential(office, fake, runner) -> None:
    config, _ = office
    jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJzYUB4In0.c2lnbmF0dXJl"
    fake.inject_token(400, times=50, body={"error": "invalid_grant", "error_description": f"Bad assertion {jwt} "
                                           + "and more " * 200})
    result = sync(runner, config)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "invalid_grant: Bad assertion ***" in result.output and jwt not in result.output
    assert len(result.output) < 1200


# --- point 5: control characters in a Google cell ----------------------------------------------------
def test_control_characters_in_a_cell_are_kept_and_nothing_crashes(new_office, fake, runner) -> None:
    """NUL, ESC and BEL typed into a Google cell (pasted from another program): the read keeps the value
    as typed, the checks quote it with the characters made visible (core.problems.shown), the statuses
    are written, the documents too (the memo lists the row; documents.safe drops what XML cannot hold)
    and the run is recorded as it went. The cell keeps its characters."""
    config, sid = new_office
    value = "ประมาณ\x00แปด\x1b[31mสิบ\x07"
    fake.set_cell(sid, PROMOTION, "F3", value)
    typed = user_cells(fake, sid)
    summary = synced(runner, config)
    assert summary["cells_written"] > 0 and summary["documents"]
    error = next(e for e in summary["errors"] if (e["tab"], e["cell"]) == (PROMOTION, "F3"))
    assert error["code"] == "type-error" and shown(value) in error["message"]  # ␀, ␛, ␇: visible
    assert fake.values(sid, PROMOTION)[2][5] == value
    assert user_cells(fake, sid) == typed
    code = str(fake.values(sid, PROMOTION)[2][0])
    assert status_by_code(fake, sid, PROMOTION)[code][1].startswith("F3:")
    assert shown(value) in status_by_code(fake, sid, PROMOTION)[code][1]
    history = invoke(runner, config, "history")
    assert history.exit_code == 0
    last = history.output.strip().splitlines()[-1]
    assert vocab.RUN_STATUS["ok"] in last and f"เขียน {summary['cells_written']} ช่อง" in last


def test_token_timeouts_that_persist_are_reported_as_the_token_endpoint_down(office, fake, runner,
                                                                              monkeypatch) -> None:
    """Every token request times out (made instant and certain: the token endpoint's requests raise
    requests' own ReadTimeout, as a real timeout does, without the wait)."""
    config, sid = office
    was = everything(fake, sid)
    send = requests.Session.request

    def token_times_out(self, method, url, *args, **kwargs):
        if url == fake.token_uri:
            raise requests.ReadTimeout(f"HTTPConnectionPool: Read timed out. (read timeout={kwargs.get('timeout')})")
        return send(self, method, url, *args, **kwargs)

    monkeypatch.setattr(requests.Session, "request", token_times_out)
    result = sync(runner, config)
    failed(result, before(vocab.GS_TOKEN_UNAVAILABLE), vocab.GS_TOKEN_UNAVAILABLE_HINT)
    assert "ReadTimeout" in result.output and f" {ATTEMPTS} " in result.output
    assert fake.requests == []
    assert everything(fake, sid) == was


def test_an_api_root_that_cannot_be_used_is_reported(office, fake, runner, monkeypatch) -> None:
    config, sid = office
    was = everything(fake, sid)
    monkeypatch.setenv("SHEETSYNC_SHEETS_API_ROOT", "ftp://127.0.0.1/sheets")
    result = sync(runner, config)
    failed(result, before(vocab.GS_REQUEST_FAILED), vocab.GS_REQUEST_FAILED_HINT)
    assert "InvalidSchema" in result.output
    assert everything(fake, sid) == was


def test_brief_keeps_what_helps_and_no_credential() -> None:
    key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"
    text = (f"<html><title>Error 403</title><script>var t='x'</script><p>denied &amp; logged: "
            f'{{"access_token": "abc.def", "assertion": "q"}} Bearer ya29.zzz eyJa.eyJb.sig {key}</p>' + "x " * 500)
    out = brief(text)
    assert out.startswith('Error 403 denied & logged: {"access_token": ***, "assertion": ***} Bearer ***')
    for secret in ("abc.def", "ya29", "eyJ", "MIIE", "<", "var t"):
        assert secret not in out
    assert len(out) <= 200 and out.endswith("…")
    assert brief("line one\n\x00line two\x1b[0m") == "line one line two [0m"


@pytest.mark.parametrize(("check", "body", "problem"), [
    (check_value_ranges(1), {"valueRanges": [{"values": [["a", 1, 2.5, True]]}]}, None),
    (check_value_ranges(1), {"valueRanges": [{}]}, None),  # an empty tab
    (check_value_ranges(1), {"valueRanges": [{"values": [[float("inf")]]}]}, "not text, a number or a boolean"),
    (check_value_ranges(1), {"valueRanges": [{"values": [[None]]}]}, "not text, a number or a boolean"),
    (check_value_ranges(1), {"valueRanges": [{"values": ["a,b"]}]}, "not a list of rows"),
    (check_value_ranges(2), {"valueRanges": [{}]}, "valueRanges: 1 for 2 ranges"),
    (check_metadata, {"sheets": [{"properties": {"title": "x", "sheetId": True}}]}, "sheetId is not int"),
    (check_metadata, {"sheets": [{"properties": {"title": "x"}, "protectedRanges": {}}]}, "is not a list"),
    (check_metadata, {"sheets": [{"properties": {"sheetId": 1}}]}, "title is missing"),
    (check_metadata, {"sheets": [{"properties": {"title": "x"}, "developerMetadata": []}]}, None),
    (check_token, {"access_token": "ya29.x", "expires_in": 3599}, None),
    (check_token, {"access_token": "ya29.x", "expires_in": "3599"}, None),  # as some servers send it
    (check_token, {"access_token": "ya29.x", "expires_in": "9" * 5000}, "expires_in"),
    (check_token, {"access_token": "ya29.x", "expires_in": True}, "expires_in"),
    (check_token, {"access_token": ""}, "no access_token"),
])
def test_answers_are_checked_for_their_shape(check, body, problem) -> None:
    found = check(body)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_json_that_python_cannot_hold_is_an_unreadable_answer() -> None:
    assert parse_json(b'{"valueRanges": [{"values": [[' + b"9" * 5000 + b"]]}]}", check_value_ranges(1))[1]
    assert parse_json(b"[" * 100_000, check_object)[1].startswith("not JSON")
    assert parse_json(b"\xff\xfe", check_object)[1].startswith("not JSON")


def test_a_server_that_cannot_read_gzip_gets_plain_bodies(office, fake, runner) -> None:
    """Issue 16: big bodies go gzipped. A server or proxy that reads them as sent answers 400 "Invalid JSON
    payload received. Unexpected token": that body goes once more plain, and every body after it too."""
    config, sid = office
    typed = user_cells(fake, sid)
    fake.accept_gzip = False
    summary = synced(runner, config)
    kinds = [(r.path.rsplit("/", 1)[-1], r.content_encoding, r.status) for r in fake.requests]
    assert kinds == [("values:batchGetByDataFilter", "gzip", 400), ("values:batchGetByDataFilter", None, 200),
                     ("values:batchGet", None, 200), ("values:batchUpdate", None, 200)]
    assert summary["requests"] == 4 and summary["retries"] == 0
    assert user_cells(fake, sid) == typed
    assert status_by_code(fake, sid, POLICY)["1.3"][0] == vocab.STATE_INVALID


def test_other_refusals_of_a_gzipped_write_are_not_sent_again(office, fake, runner) -> None:
    config, sid = office
    was = everything(fake, sid)
    fake.inject(400, message="Invalid data[0]: Unable to parse range: x", match="values:batchUpdate")
    result = sync(runner, config)
    failed(result, vocab.GS_REFUSED.format(status=400, message="")[:-1])
    writes = [r for r in fake.requests if r.path.endswith("values:batchUpdate")]
    assert [r.content_encoding for r in writes] == ["gzip"]
    assert everything(fake, sid) == was
