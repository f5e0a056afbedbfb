"""The Google Sheets backend end to end: real gspread and google-auth talking to the loopback fake."""

from __future__ import annotations

import json
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from sheetsync.app.demo import EXTRA_ROWS, GROUP_ENTRIES, OUTPUTS
from sheetsync.core import thai, vocab
from sheetsync.core.rows import indicator_columns, locate_columns, normalize_code
from sheetsync.store.config import load_office
from tests.fakes.bigoffice import make_config
from tests.fakes.fake_sheets import FakeSheets, col_number
from tests.support.cli import DEMO_DAY, backend_of, invoke, set_backend
from tests.support.google import google_config

POLICY = "นโยบายและแผน"


@pytest.fixture
def fake(monkeypatch):
    with FakeSheets() as server:
        monkeypatch.setenv("SHEETSYNC_SHEETS_API_ROOT", server.root)
        yield server


def cell_value(value):
    """As Google holds what a person typed: dates as serial numbers."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return thai.date_to_serial(value)
    return value


def type_demo_data(fake: FakeSheets, sid: str, config: Path) -> None:
    office = load_office(config)
    columns = indicator_columns(office)
    for tab, entries in GROUP_ENTRIES.items():
        grid = fake.values(sid, tab)
        found, _ = locate_columns(grid[0], columns)
        rows = {normalize_code(line[0]): r for r, line in enumerate(grid[1:], start=2) if line}
        for code, values in entries.items():
            for key, value in values.items():
                if key in found:  # the example office asks no group for sign-off (the demo asks two)
                    fake.set_cell(sid, tab, f"{_letter(found[key])}{rows[code]}", cell_value(value))
        for i, extra in enumerate(EXTRA_ROWS.get(tab, []), start=max(rows.values()) + 1):
            for key, value in extra.items():
                fake.set_cell(sid, tab, f"{_letter(found[key])}{i}", value)
    out_header = fake.values(sid, office.outputs_tab)[0]
    from sheetsync.core.columns import OUTPUT_COLUMNS

    found, _ = locate_columns(out_header, OUTPUT_COLUMNS)
    for r, output in enumerate(OUTPUTS, start=2):
        for key, value in output.items():
            fake.set_cell(sid, office.outputs_tab, f"{_letter(found[key])}{r}", value)


def _letter(col: int) -> str:
    from sheetsync.core.cells import col_letter

    return col_letter(col)


def user_cells(fake: FakeSheets, sid: str, config: Path) -> dict:
    office = load_office(config)
    status_labels = {c.label for c in indicator_columns(office) if c.filled_by == "sync"} | {"สถานะ", "ข้อผิดพลาด"}
    cells = {}
    for tab in [g.tab for g in office.groups] + [office.outputs_tab]:
        grid = fake.values(sid, tab)
        status_cols = {i for i, v in enumerate(grid[0]) if v in status_labels} if grid else set()
        for r, line in enumerate(grid):
            for c, v in enumerate(line):
                if c not in status_cols and v not in (None, ""):
                    cells[(tab, r, c)] = v
    return cells


def status_by_code(fake: FakeSheets, sid: str, tab: str) -> dict[str, tuple]:
    grid = fake.values(sid, tab)
    h = {v: i for i, v in enumerate(grid[0])}
    pad = [*[None] * 30]
    return {str(line[0]): ((line + pad)[h["สถานะ"]], (line + pad)[h["ข้อผิดพลาด"]]) for line in grid[1:] if line and line[0]}


@pytest.fixture
def google_demo(fake, tmp_path, runner):
    config, sid = google_config(fake, tmp_path / "office")
    result = invoke(runner, config, "setup")
    assert result.exit_code == 0, result.output
    type_demo_data(fake, sid, config)
    fake.reset_log()
    return config, sid


def sync_json(runner, config: Path, *extra: str) -> dict:
    result = invoke(runner, config, "sync", "--json", "--today", DEMO_DAY, *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def changing(fake: FakeSheets) -> list:
    # values:batchGetByDataFilter (the sync's read, with the marker of its columns) is a POST that reads
    return [r for r in fake.requests if r.method.upper() != "GET" and not r.path.endswith(":batchGetByDataFilter")]


def test_setup_builds_the_spreadsheet_and_is_idempotent(fake, tmp_path, runner) -> None:
    config, sid = google_config(fake, tmp_path / "office")
    result = invoke(runner, config, "setup")
    assert result.exit_code == 0, result.output
    office = load_office(config)
    grid = fake.values(sid, "พัฒนาครูและบุคลากร")
    assert grid[0][:2] == ["รหัสตัวบ่งชี้", "ตัวบ่งชี้"] and len(grid[0]) == 19  # คำชี้แจง last (issue 17)
    assert [line[0] for line in grid[1:]] == ["1.2", "2.3"]
    sheet = fake.sheet(sid, "พัฒนาครูและบุคลากร")
    grid_props = sheet["properties"]["gridProperties"]
    assert grid_props["frozenRowCount"] == 1 and grid_props["frozenColumnCount"] == 2
    ranges = {p["description"]: p for p in sheet["protectedRanges"]}
    status = ranges["sheetsync:status-columns:13-18"]
    sa_email = json.loads((config / "service-account.json").read_text())["client_email"]
    assert sorted(status["editors"]["users"]) == sorted([sa_email, office.office.coordinator.email])
    assert "kanjana@nst1.example" in ranges["sheetsync:group-tab"]["editors"]["users"]
    assert "kanjana@nst1.example" not in status["editors"]["users"]
    assert sheet["conditionalFormats"]
    assert fake.sheet(sid, "สถานะภาพรวม")["protectedRanges"]
    fake.reset_log()
    again = invoke(runner, config, "setup")
    assert again.exit_code == 0 and "ไม่มีอะไรต้องแก้ไข" in again.output
    assert changing(fake) == []  # a second setup sends no changing request


def test_sync_writes_status_in_three_requests(google_demo, fake, runner) -> None:
    config, sid = google_demo
    before = user_cells(fake, sid, config)
    summary = sync_json(runner, config)
    assert summary["requests"] == 3
    # The read (every tab, and the marker of the sync's own columns), the re-check, the write.
    assert [(r.method.upper(), r.path.rsplit("/", 1)[-1]) for r in fake.requests] == [
        ("POST", "values:batchGetByDataFilter"), ("GET", "values:batchGet"), ("POST", "values:batchUpdate")]
    assert fake.requests[-1].body["valueInputOption"] == "RAW"
    # Each row by the state its status cell says (the demo: 2 rows with targets only, 1 nobody typed in).
    # The example office asks no group for sign-off: the demo's 2 rows still lacking an explanation or a
    # criterion's evidence are its only rows apart from those of the workbook demo.
    assert summary["rows"] == 20 and summary["valid_rows"] == 10 and summary["error_rows"] == 5
    assert (summary["target_rows"], summary["draft_rows"], summary["not_reported_rows"]) == (2, 0, 1)
    assert (summary["incomplete_rows"], summary["unsigned_rows"]) == (2, 0)
    errors = {(e["tab"], e["cell"]): e["code"] for e in summary["errors"]}
    assert errors[("ส่งเสริมการจัดการศึกษา", "F3")] == "type-error"
    status = status_by_code(fake, sid, POLICY)
    assert status["1.1"][0] == vocab.STATE_VALID
    assert status["1.3"][0] == vocab.STATE_INVALID and status["1.3"][1].startswith("J3:")
    assert user_cells(fake, sid, config) == before
    # The formula-looking evidence stays text: RAW writes, and the fake never evaluates.
    assert any(str(v).startswith("=HYPERLINK") for v in before.values())
    # A second sync on the same day rewrites nothing but the time of sync.
    fake.reset_log()
    again = sync_json(runner, config)
    assert again["cells_written"] <= 1
    assert again["requests"] <= 3


@pytest.mark.parametrize("per_group", [1, 100, 500])
def test_request_count_does_not_grow_with_rows(fake, tmp_path, runner, per_group: int) -> None:
    source = make_config(tmp_path / "big", per_group=per_group)
    # A generous timeout: under a loaded CI machine a 5,000-row read may take seconds, and a retry
    # would change the request count this test is about.
    config, sid = google_config(fake, tmp_path / "big", source=source, timeout_seconds=60)
    assert invoke(runner, config, "setup").exit_code == 0
    office = load_office(config)
    for group in office.groups:
        grid = fake.values(sid, group.tab)
        h = {v: i for i, v in enumerate(grid[0])}
        for line in grid[1:]:
            line += [None] * (len(grid[0]) - len(line))
            line[h["ผลการดำเนินงาน"]] = "ดำเนินการแล้ว"
            line[h["ระดับที่ประเมินตนเอง"]] = 4
            line[h["เหตุผลประกอบ"]] = "ตามหลักฐาน"
            line[h["ประเด็นที่ผ่าน"]] = "1-3"
            line[h["ค่าเป้าหมาย"]] = 80
            line[h["หลักฐานอ้างอิง"]] = "หลักฐาน"
            line[h["วันที่รายงาน"]] = thai.date_to_serial(date(2027, 3, 15))
        fake.set_values(sid, group.tab, grid)
    fake.reset_log()
    summary = sync_json(runner, config)
    assert summary["rows"] == 10 * per_group
    assert summary["requests"] == 3  # the same for 10, 1,000 and 5,000 rows


def test_transient_errors_are_retried_and_counted(google_demo, fake, runner) -> None:
    config, sid = google_demo
    fake.inject(429, times=1, retry_after=1)
    fake.inject(503, times=2)
    fake.inject(502, times=1, html=True)
    started = time.monotonic()
    summary = sync_json(runner, config)
    assert time.monotonic() - started >= 1.0  # Retry-After honoured
    assert summary["retries"] == 4 and summary["requests"] == 7
    assert status_by_code(fake, sid, POLICY)["1.1"][0] == vocab.STATE_VALID


def test_gives_up_after_bounded_attempts_and_writes_nothing(google_demo, fake, runner) -> None:
    config, sid = google_demo
    before = fake.values(sid, POLICY)
    fake.inject(503, times=50)
    result = invoke(runner, config, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 1
    assert "ไม่ตอบสนอง" in result.output and "Traceback" not in result.output
    assert len(fake.requests) == 6  # max_attempts
    assert fake.values(sid, POLICY) == before


def test_timeout_is_retried(google_demo, fake, runner) -> None:
    config, _ = google_demo
    set_backend(config, {**backend_of(config), "timeout_seconds": 10})
    fake.delay(60.0, times=1)  # far longer than timeout_seconds, and the other requests far shorter
    summary = sync_json(runner, config)
    assert summary["retries"] == 1


def test_forbidden_names_the_service_account(google_demo, fake, runner) -> None:
    config, sid = google_demo
    email = json.loads((config / "service-account.json").read_text())["client_email"]
    fake.unshare(sid, email)
    result = invoke(runner, config, "sync", "--today", DEMO_DAY)
    assert result.exit_code == 1
    assert email in result.output and "แชร์" in result.output
    assert len(fake.requests) == 1  # a 403 is permanent: not retried


def test_unknown_spreadsheet(fake, tmp_path, runner) -> None:
    config, _ = google_config(fake, tmp_path / "office", spreadsheet="1NoSuchSpreadsheetKeyxxxxxxxxxxxxxxxxxxxxxx")
    result = invoke(runner, config, "sync")
    assert result.exit_code == 1
    assert "ไม่พบ spreadsheet" in result.output


def test_missing_and_malformed_key_files(fake, tmp_path, runner) -> None:
    config, _ = google_config(fake, tmp_path / "office")
    (config / "service-account.json").write_text("{not json")
    bad = invoke(runner, config, "sync")
    assert bad.exit_code == 1 and "service account" in bad.output and "Traceback" not in bad.output
    (config / "service-account.json").unlink()
    missing = invoke(runner, config, "sync")
    assert missing.exit_code == 1 and "ไม่พบไฟล์กุญแจ" in missing.output


def test_key_file_from_environment(fake, tmp_path, runner, monkeypatch) -> None:
    config, _ = google_config(fake, tmp_path / "office", credentials=None)
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(config / "service-account.json"))
    assert invoke(runner, config, "setup").exit_code == 0
    assert fake.token_requests  # the key file's token_uri (the fake) was used


def test_row_inserted_between_read_and_write(google_demo, fake, runner) -> None:
    config, sid = google_demo
    reads = []

    def person_inserts_a_row(method: str, path: str, body) -> None:
        if path.endswith("values:batchGet"):
            reads.append(path)
            if len(reads) == 1:  # the key re-check just before the write (the read: batchGetByDataFilter)
                fake.insert_rows(sid, POLICY, 2)

    fake.before_request(person_inserts_a_row)
    summary = sync_json(runner, config)
    assert summary["attempts"] == 2
    status = status_by_code(fake, sid, POLICY)
    assert status["1.1"][0] == vocab.STATE_VALID
    assert status["1.3"][0] == vocab.STATE_INVALID and status["1.3"][1].startswith("J4:")


def test_renamed_tab_is_reported_and_the_rest_synced(google_demo, fake, runner) -> None:
    config, sid = google_demo
    # Renamed and emptied: no tab holds the group's indicator codes, so none is taken for it (a tab
    # renamed with its rows is found by them: tests/e2e/mistakes/test_renamed_sheets.py).
    fake.rename_tab(sid, POLICY, "แผนงาน")
    fake.set_values(sid, "แผนงาน", fake.values(sid, "แผนงาน")[:1])
    result = invoke(runner, config, "sync", "--json", "--today", DEMO_DAY)
    assert result.exit_code == 1  # the rest is synced, but cron must hear that a tab is missing
    said = result.stderr + result.stdout  # the message: on stderr, or in the JSON's error
    assert "sheetsync setup" in said and POLICY in said and "tab_aliases" in said
    summary = json.loads(result.stdout)
    assert summary["missing_tabs"] == [POLICY]
    missing = [e for e in summary["errors"] if e["code"] == "missing-tab"]
    assert [e["tab"] for e in missing] == [POLICY]
    assert "เปลี่ยนชื่อ" in missing[0]["message"]
    assert status_by_code(fake, sid, "อำนวยการ")["1.1"][0] == vocab.STATE_VALID
    # The read that named the missing tab (400), one metadata read to see which, the read again, the
    # read of every tab with the other one (which might have been the group's) and, since its emptied
    # status columns show no marker, the metadata read that says it is marked; then the key re-check
    # and the write.
    assert summary["requests"] == 7


def test_write_is_one_small_body_whose_nulls_leave_cells_alone(google_demo, fake, runner) -> None:
    """Issue 16: a tab's writes go as one ValueRange per band of adjacent written columns, null for the
    cells between; the cells under a null keep what people typed, a column no write names is never in
    a range, the body is compact UTF-8 JSON and the answer only totalUpdatedCells."""
    from sheetsync.backends.gsheets import GSheetsBackend
    from sheetsync.core.cells import CellWrite, WritePlan

    config, sid = google_demo
    office = load_office(config)
    backend = GSheetsBackend(office, config)
    backend.read([POLICY])
    # X:Y written in rows 2-6 here and there, Z in no row (a person's column between), AA in two rows.
    typed = {"X3": "คนพิมพ์", "X4": 12.5, "X5": "=1+1", "Y2": True, "Y3": "ห้ามแตะ", "Y5": "x", "Y6": 7,
             "Z2": "ของคน", "Z4": "ของคน", "AA3": "กลาง"}
    for a1, value in typed.items():
        fake.set_cell(sid, POLICY, a1, value)
    fake.reset_log()
    writes = [CellWrite(POLICY, 2, 24, "ถูกต้อง"), CellWrite(POLICY, 6, 24, None), CellWrite(POLICY, 4, 25, 3),
              CellWrite(POLICY, 2, 27, "เลยกำหนด"), CellWrite(POLICY, 6, 27, "")]
    before = fake.values(sid, POLICY)
    assert backend.write(WritePlan(writes=writes)) == len(writes)
    (request,) = fake.requests  # no identity, so no re-read: the write alone
    assert [d["range"] for d in request.body["data"]] == [f"'{POLICY}'!X2:Y6", f"'{POLICY}'!AA2:AA6"]
    assert request.body["data"][0]["values"] == [["ถูกต้อง"], [], [None, 3], [], [""]]
    assert request.body["data"][1]["values"] == [["เลยกำหนด"], [], [], [], [""]]
    assert request.query == {"fields": ["totalUpdatedCells"]}
    assert request.content_type == "application/json; charset=utf-8"
    assert request.content_encoding is None  # under GZIP_MIN: not worth compressing
    assert b"\\u" not in request.raw and b", " not in request.raw and "ถูกต้อง".encode() in request.raw
    assert request.bytes_in == len(request.raw)
    assert request.status == 200 and request.bytes_out < 1024
    after = fake.values(sid, POLICY)
    pad = [[None] * 30 for _ in range(max(len(before), len(after)))]
    grid_before = [(line + pad[0])[:30] for line in before] + pad[len(before):]
    grid_after = [(line + pad[0])[:30] for line in after] + pad[len(after):]
    planned = {(w.row - 1, w.col - 1): ("" if w.value is None else w.value) for w in writes}
    for r, line in enumerate(grid_after):
        for c, value in enumerate(line):
            if (r, c) in planned:
                assert value in (planned[(r, c)], None if planned[(r, c)] == "" else planned[(r, c)])
            else:
                assert value == grid_before[r][c], (r, c)  # typed cells under a null, and all the rest
    assert after[4][23] == "=1+1"  # as typed (set_cell without typed=True keeps text)


def test_sync_write_answer_is_one_number(google_demo, fake, runner) -> None:
    """The shape of the bytes (issue 16), not their time: 3 requests, each body compact UTF-8 JSON (no
    \\u escapes, no spaces), the write gzipped and asking for totalUpdatedCells only, its answer under
    1 KB, a ValueRange per tab and band of written columns."""
    config, _ = google_demo
    summary = sync_json(runner, config)
    assert summary["requests"] == 3 and len(fake.requests) == 3
    read, _recheck, write = fake.requests
    for request in (read, write):
        assert request.content_type == "application/json; charset=utf-8"
        assert b"\\u" not in request.raw and b'": ' not in request.raw
    assert write.query == {"fields": ["totalUpdatedCells"]}
    assert write.content_encoding == "gzip" and write.bytes_in < len(write.raw) / 3
    assert write.bytes_out < 1024
    # A ValueRange per tab and band of written columns (a status column nobody's row needs splits it):
    # every column inside a range has a value in some row, so a null only ever skips rows of a column
    # the sync writes, never a column it does not.
    for d in write.body["data"]:
        corner, _, end = d["range"].rsplit("!", 1)[1].partition(":")
        width = col_number((end or corner).rstrip("0123456789")) - col_number(corner.rstrip("0123456789")) + 1
        assert all(any(len(row) > c and row[c] is not None for row in d["values"]) for c in range(width)), d["range"]
    assert len(write.body["data"]) < 2 * len({d["range"].rsplit("!", 1)[0] for d in write.body["data"]})
    assert any(v is None for d in write.body["data"] for row in d["values"] for v in row)
    # The plan's count is the cells sent with a value: the nulls are only what lies between them.
    assert sum(v is not None for d in write.body["data"] for row in d["values"] for v in row) == summary["cells_written"]
