"""Google Sheets through gspread's HTTP client, with a service-account key.

Per spreadsheet and sync: one values:batchGetByDataFilter of every configured tab (UNFORMATTED_VALUE,
dates as serial numbers) and of the columns marked as the sync's own status columns (developer
metadata: `gsheets_setup`, core.layout; the marked columns' values come twice, the price of knowing
them in the same request); before writing, one values:batchGet of the header row and the key columns of every
tab being written (`_recheck`, below); then one values:batchUpdate (RAW: text stays text, "=..." is
never evaluated) of the changed cells only: one ValueRange per tab and band of adjacent status columns,
JSON null for the cells between (left as they are), sent as compact UTF-8 JSON, gzipped (http.py), its
answer only `totalUpdatedCells` (issue 16, 5,000 rows on the loopback fake: 8.3 MB sent before, 3.0 MB
as compact JSON, 81 KB gzipped; 4.4 MB back before, 33 bytes now). A spreadsheet metadata read is made only when needed (a
configured tab is missing, a tab has no marked column, a status column was added, or setup). So a
sync costs 3 requests per spreadsheet with changes, whatever the number of rows or groups in it.

The re-read before the write (issue 13, point 3). For every tab the write touches and the read saw,
the same batchGet asks for row 1 (`'tab'!1:1`) and each key column the writes name. Row 1 must be
the header as read, cell for cell (trailing blanks aside): a column inserted, deleted, moved or
renamed since the read would shift every column the plan addresses, statuses into people's
columns, so any difference is `RowsMoved` and nothing is written. Each key cell must still hold its
row's key (rows inserted, deleted or sorted: `RowsMoved` too). The sync then reads again and
re-plans, a bounded number of times (app.sync.MAX_ATTEMPTS).

The window that remains, honestly: between Google answering that re-read and Google applying the
write (one round trip, typically well under a second) nothing is checked, because the Sheets API has
no conditional write. A row sorted or inserted in that window puts statuses beside the wrong rows
until the next sync, which reads them and writes them right; no typed cell changes, since only
status columns are written. A column inserted or deleted left of the status columns in that very
window would shift them, and the write could land in the neighbouring column. Closing that half
would take writes addressed by the columns' marker (their developer metadata, gsheets_setup), which
moves with the column, through values:batchUpdateByDataFilter; not done yet. A write retried after a 5xx, a timeout or an unreadable answer
(http.py) is sent as planned, without a new re-read: the same window, once more.

What a server sends is never trusted (http.py checks the shape of every answer and classifies every
failure; `_convert` turns each into a Thai message naming what it is): nothing Google or a proxy
answers ends in a traceback.

Cell values are kept exactly as typed, control characters (NUL, ESC, BEL, ...) included (issue 13,
point 5): the read does not clean them, so the checks judge what the cell holds and history stores it
as it was. Where they are shown, each place makes them safe for itself: a message quotes them as
visible symbols (core.problems.shown: ␀ ␛ ␇), so the status written back holds none; the DOCX and PDF
writers drop what XML cannot hold (documents.safe). Nothing in the Google path breaks on them.

The API root is Google's unless SHEETSYNC_SHEETS_API_ROOT names another (tests, proxies); the token
endpoint is the key file's `token_uri`, which google-auth honours.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import google.auth.exceptions
from google.oauth2.service_account import Credentials
from gspread.exceptions import APIError
from gspread.urls import SPREADSHEET_URL
from gspread.utils import absolute_range_name, rowcol_to_a1

from sheetsync.backends.base import RowsMoved
from sheetsync.backends.gsheets_setup import (
    FLAG_FIELDS,
    META_FIELDS,
    SheetMarks,
    check_matched,
    colour_requests,
    frozen_request,
    level_request,
    mark_requests,
    protection_requests,
    read_body,
    runs,
    sheet_marks,
    split_matched,
    text_format_request,
)
from sheetsync.backends.http import (
    GOOGLE_ROOT,
    MALFORMED,
    TOKEN_MALFORMED,
    TOKEN_UNAVAILABLE,
    RequestFailed,
    SheetsFailure,
    SheetsHTTPClient,
    TokenRefused,
    TransientFailure,
    brief,
    status_of,
)
from sheetsync.core import vocab
from sheetsync.core.cells import CellValue, CellWrite, ColumnMark, RawTable, WritePlan, col_letter
from sheetsync.core.errors import BackendError
from sheetsync.core.layout import TabLayout
from sheetsync.core.models import GSheetsBackend as GSheetsConfig
from sheetsync.core.models import Office
from sheetsync.core.rows import identity_key
from sheetsync.store.folder import OfficeFolder

SCOPES = ["https://www.googleapis.com/auth/spreadsheets"]
SPARE_ROWS = 200
READ_PARAMS = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER",
               "majorDimension": "ROWS"}
# The write's answer: one number instead of a responses[] entry per range (issue 16; the count is
# not used, see write()).
WRITE_PARAMS = {"fields": "totalUpdatedCells"}
SETUP_FIELDS = ("sheets(properties(sheetId,title,gridProperties),protectedRanges,conditionalFormats,"
                "data(startRow,startColumn,rowData(values(dataValidation))))")


def quote_tab(tab: str, cells: str | None = None) -> str:
    """A tab's name as a range (`'it''s'`), or a range in it (`'it''s'!A1:B2`): gspread's quoting."""
    return absolute_range_name(tab, cells)


def load_credentials(path: Path | None) -> Credentials:
    if path is None:
        env = os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")
        if not env:
            raise BackendError(vocab.GS_NO_CREDENTIALS, vocab.GS_NO_CREDENTIALS_HINT)
        path = Path(env)
    if not path.is_file():
        raise BackendError(vocab.GS_CREDENTIALS_MISSING.format(path=path), vocab.GS_CREDENTIALS_MISSING_HINT)
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        if info.get("type") != "service_account":
            raise ValueError(vocab.GS_NOT_SERVICE_ACCOUNT)
        return Credentials.from_service_account_info(info, scopes=SCOPES)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BackendError(vocab.GS_BAD_CREDENTIALS.format(path=path, problem=brief(exc)),
                           vocab.GS_BAD_CREDENTIALS_HINT) from None


def merge_writes(writes: list[CellWrite]) -> list[dict[str, Any]]:
    """The writes as few ValueRanges as can carry them without naming a cell the plan does not write:
    one per tab and band of adjacent written columns (issue 16). Inside a band, a cell between written
    ones is JSON null, which the Sheets API skips ("Null values will be skipped", ValueRange.values):
    the cell keeps what it holds. A row with nothing to write is `[]`, trailing nulls are left off,
    None in a write clears its cell (""). A column the plan writes in no row splits the band, so a
    null never lands in a column other than the sync's own (a column a person inserted between
    status columns, say): only rows of the written columns are skipped, never other columns."""
    by_tab: dict[str, dict[tuple[int, int], CellValue]] = {}
    for write in writes:  # the last write of a cell wins, as it did with one range per run
        by_tab.setdefault(write.tab, {})[(write.row, write.col)] = "" if write.value is None else write.value
    data: list[dict[str, Any]] = []
    for tab, cells in by_tab.items():
        for start, end in runs([col for _, col in cells]):
            first, last = start + 1, end  # 1-based, inclusive
            band = {(r, c): v for (r, c), v in cells.items() if first <= c <= last}
            top = min(r for r, _ in band)
            bottom = max(r for r, _ in band)
            rows: list[list[CellValue]] = [[] for _ in range(bottom - top + 1)]
            for (r, c), value in sorted(band.items()):
                row = rows[r - top]
                row.extend([None] * (c - first - len(row)))
                row.append(value)
            corner = rowcol_to_a1(top, first)
            rng = corner if (top, first) == (bottom, last) else f"{corner}:{rowcol_to_a1(bottom, last)}"
            data.append({"range": quote_tab(tab, rng), "majorDimension": "ROWS", "values": rows})
    return data


class GSheetsBackend:
    def __init__(self, office: Office, config_dir: Path, api_root: str | None = None) -> None:
        cfg = office.backend
        assert isinstance(cfg, GSheetsConfig)
        self.office = office
        self.cfg = cfg
        key_path = OfficeFolder(config_dir).file(cfg.credentials) if cfg.credentials else None
        self.credentials = load_credentials(key_path)
        self.email = self.credentials.service_account_email
        self.http = SheetsHTTPClient(
            self.credentials, api_root=api_root or os.environ.get("SHEETSYNC_SHEETS_API_ROOT") or GOOGLE_ROOT,
            timeout=cfg.timeout_seconds, max_attempts=cfg.max_attempts, backoff=cfg.backoff_seconds,
            max_backoff=cfg.max_backoff_seconds,
        )
        self.book_of = {g.tab: g.spreadsheet or cfg.spreadsheet for g in office.groups}
        self.book_of[office.outputs_tab] = cfg.spreadsheet
        self.book_of[office.status_tab] = cfg.spreadsheet
        self._present: dict[str, set[str]] = {}
        self._headers: dict[str, list[Any]] = {}  # row 1 of each tab as last read, for the re-read
        self._titles_of: dict[str, list[str]] = {}  # spreadsheet -> its tabs' titles, once asked for
        self._taken: dict[str, str] = {}  # a tab taken for a group tab renamed -> that group tab

    @property
    def requests(self) -> int:
        return self.http.requests

    @property
    def retries(self) -> int:
        return self.http.retries

    def describe(self) -> str:
        return f"Google Sheets {self.cfg.spreadsheet}"

    def check_writable(self) -> None:
        """Sharing is only known by asking; a refusal is reported when the write is made."""

    # --- errors ------------------------------------------------------------------------------------
    def _call(self, sid: str, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except (APIError, SheetsFailure, google.auth.exceptions.GoogleAuthError) as exc:
            raise self._convert(exc, sid) from None

    def _convert(self, exc: Exception, sid: str) -> BackendError:
        """Each failure as what it is: a refusal (403, 404, 401, other 4xx), Google or the network
        down, an answer that cannot be read, the token endpoint down, unreadable or refusing; only an
        OAuth refusal of the key (invalid_grant and the like) is blamed on the key or the clock."""
        if isinstance(exc, APIError):
            return self._refusal(exc, sid)
        if isinstance(exc, TransientFailure):
            uri = self._token_uri()
            if exc.kind == TOKEN_UNAVAILABLE:
                return BackendError(vocab.GS_TOKEN_UNAVAILABLE.format(uri=uri, detail=exc.detail, attempts=exc.attempts),
                                    vocab.GS_TOKEN_UNAVAILABLE_HINT)
            if exc.kind == TOKEN_MALFORMED:
                return BackendError(vocab.GS_TOKEN_MALFORMED.format(uri=uri, detail=exc.detail, attempts=exc.attempts),
                                    vocab.GS_TOKEN_MALFORMED_HINT)
            if exc.kind == MALFORMED:
                return BackendError(vocab.GS_MALFORMED.format(detail=exc.detail, attempts=exc.attempts),
                                    vocab.GS_MALFORMED_HINT)
            return BackendError(vocab.GS_UNAVAILABLE.format(detail=exc.detail, attempts=exc.attempts),
                                vocab.GS_UNAVAILABLE_HINT)
        if isinstance(exc, TokenRefused) and not exc.oauth:
            return BackendError(vocab.GS_TOKEN_REFUSED.format(uri=self._token_uri(), status=exc.status, detail=exc.detail),
                                vocab.GS_TOKEN_REFUSED_HINT)
        if isinstance(exc, RequestFailed):
            return BackendError(vocab.GS_REQUEST_FAILED.format(detail=exc.detail), vocab.GS_REQUEST_FAILED_HINT)
        problem = exc.detail if isinstance(exc, TokenRefused) else brief(exc.args[0] if exc.args else type(exc).__name__)
        return BackendError(vocab.GS_AUTH_FAILED.format(email=self.email, problem=problem), vocab.GS_AUTH_FAILED_HINT)

    def _token_uri(self) -> str:
        return brief(getattr(self.credentials, "_token_uri", None) or "token_uri", 120)

    def _refusal(self, exc: APIError, sid: str) -> BackendError:
        status = status_of(exc)
        message = exc.error.get("message", "") if isinstance(exc.error, dict) else str(exc)
        if status == 403:
            return BackendError(vocab.GS_FORBIDDEN.format(sid=sid), vocab.GS_FORBIDDEN_HINT.format(email=self.email))
        if status == 404:
            return BackendError(vocab.GS_NOT_FOUND.format(sid=sid), vocab.GS_NOT_FOUND_HINT)
        if status == 401:
            return BackendError(vocab.GS_UNAUTHORIZED.format(email=self.email), vocab.GS_UNAUTHORIZED_HINT)
        return BackendError(vocab.GS_REFUSED.format(status=status, message=brief(message)))

    # --- read --------------------------------------------------------------------------------------
    def _books(self, tabs: list[str]) -> dict[str, list[str]]:
        books: dict[str, list[str]] = defaultdict(list)
        for tab in tabs:
            books[self.book_of.get(tab, self.cfg.spreadsheet)].append(tab)
        return books

    def _titles(self, sid: str) -> list[str]:
        meta = self._call(sid, self.http.fetch_sheet_metadata, sid,
                          {"includeGridData": "false", "fields": "sheets.properties.title"})
        self._titles_of[sid] = [s["properties"]["title"] for s in meta.get("sheets", [])]
        return self._titles_of[sid]

    def tab_names(self, beside: str) -> list[str]:
        """The titles of the spreadsheet `beside` belongs in, in order: the ones a read that missed a tab
        asked for already, else one metadata read. Each is then read (and written) in that spreadsheet."""
        sid = self.book_of.get(beside, self.cfg.spreadsheet)
        titles = self._titles_of.get(sid)
        if titles is None:
            titles = self._titles(sid)
        for title in titles:
            self.book_of.setdefault(title, sid)
        return list(titles)

    def take_tab(self, found: str, tab: str) -> None:
        """`found` is the group tab `tab` renamed: in `tab`'s spreadsheet, and shared with its group."""
        self.book_of[found] = self.book_of.get(tab, self.cfg.spreadsheet)
        self._taken[found] = tab

    def protected_ranges(self, tabs: list[str]) -> dict[str, list[dict[str, Any]]]:
        """Each tab's protected ranges as Google shows them (one spreadsheets.get per spreadsheet, a
        read), for doctor: whether they leave each group's columns to its group."""
        out: dict[str, list[dict[str, Any]]] = {}
        for sid, names in self._books(tabs).items():
            meta = self._call(sid, self.http.fetch_sheet_metadata, sid,
                              {"includeGridData": "false", "fields": "sheets(properties(title),protectedRanges)"})
            for sheet in meta.get("sheets", []):
                if sheet["properties"]["title"] in names:
                    out[sheet["properties"]["title"]] = list(sheet.get("protectedRanges", []))
        return out

    def _batch_get(self, sid: str, ranges: list[str]) -> list[dict]:
        if not ranges:
            return []
        return self.http.values_batch_get(sid, ranges, dict(READ_PARAMS)).get("valueRanges", [])

    def read(self, tabs: list[str], on_tab: Callable[[str], None] | None = None) -> dict[str, RawTable]:
        out: dict[str, RawTable] = {}
        for sid, names in self._books(tabs).items():
            if on_tab is not None:
                on_tab(vocab.GS_READING_BOOK.format(tabs=len(names), sid=sid))  # one request reads them all
            present = list(names)
            try:
                ranges, marks = self._read_marked(sid, present)
            except _MissingTab:
                titles = self._titles(sid)
                present = [t for t in names if t in titles]
                ranges, marks = self._read_marked(sid, present, again=True)
            self._present[sid] = set(present)
            # A tab with no marked column: is it marked at all (its status columns deleted) or never
            # (set up before markers)? One metadata read, only then (core.layout).
            unmarked = [t for t in present if t not in marks and t != self.office.status_tab]
            if unmarked:
                meta = self._call(sid, self.http.fetch_sheet_metadata, sid, {"fields": FLAG_FIELDS})
                flagged = {s["properties"]["title"] for s in meta.get("sheets", []) if sheet_marks(s).marked}
                marks.update({t: {} for t in unmarked if t in flagged})
            for tab in present:
                out[tab] = RawTable.model_construct(tab=tab, values=ranges.get(tab, {}).get("values", []),
                                                    marks=marks.get(tab))
                self._headers[tab] = _header(out[tab].values)
        return out

    def _read_marked(self, sid: str, tabs: list[str], again: bool = False
                     ) -> tuple[dict[str, dict], dict[str, dict[int, str]]]:
        """Every tab's values and where its marked status columns are, in one request
        (values:batchGetByDataFilter, gsheets_setup.read_body). A 400 (a tab that is not there: Google
        names it in its own words) is `_MissingTab` the first time, a refusal `again`."""
        if not tabs:
            return {}, {}
        ranges = {t: quote_tab(t) for t in tabs}
        try:
            answer = self.http.exchange("post", SPREADSHEET_URL % sid + "/values:batchGetByDataFilter",
                                        check_matched, json=read_body(ranges))
        except APIError as exc:
            if status_of(exc) == 400 and not again:
                raise _MissingTab() from None
            raise self._convert(exc, sid) from None
        except (SheetsFailure, google.auth.exceptions.GoogleAuthError) as exc:
            raise self._convert(exc, sid) from None
        return split_matched(answer, ranges)

    def _read_marks(self, sid: str, tabs: list[str]) -> dict[str, SheetMarks]:
        """One spreadsheets.get of the tabs' ids and developer metadata (row 1 named for each, so that
        the answer holds every column's metadata and no cell)."""
        if not tabs:
            return {}
        meta = self._call(sid, self.http.fetch_sheet_metadata, sid,
                          {"fields": META_FIELDS, "ranges": [quote_tab(t, "1:1") for t in tabs]})
        return {s["properties"]["title"]: sheet_marks(s) for s in meta.get("sheets", [])}

    def mark_columns(self, marks: list[ColumnMark]) -> None:
        """Marks the status columns a sync has just added (developer metadata on each, and the tab's
        flag), replacing the earlier marker of the same key: per spreadsheet, one spreadsheets.get for
        the sheets' ids and markers, one batchUpdate; only on the rare night a status column is added."""
        wanted: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
        for mark in marks:
            wanted[self.book_of.get(mark.tab, self.cfg.spreadsheet)][mark.tab][mark.key] = mark.col
        for sid, tabs in wanted.items():
            seen = self._read_marks(sid, sorted(tabs))
            requests = [r for tab, columns in tabs.items() if tab in seen
                        for r in mark_requests(seen[tab].sheet_id, columns, seen[tab])]
            if requests:
                self._call(sid, self.http.batch_update, sid, {"requests": requests})

    def _call_read(self, sid: str, ranges: list[str]) -> list[dict]:
        try:
            return self._batch_get(sid, ranges)
        except APIError as exc:
            if status_of(exc) == 400 and "Unable to parse range" in str(exc):
                raise _MissingTab() from None
            raise self._convert(exc, sid) from None
        except (SheetsFailure, google.auth.exceptions.GoogleAuthError) as exc:
            raise self._convert(exc, sid) from None

    # --- write -------------------------------------------------------------------------------------
    def write(self, plan: WritePlan) -> int:
        by_book: dict[str, list[CellWrite]] = defaultdict(list)
        for w in plan.writes:
            by_book[self.book_of.get(w.tab, self.cfg.spreadsheet)].append(w)
        for sid, writes in by_book.items():
            self._recheck(sid, writes)
        written = 0
        for sid, writes in by_book.items():
            if plan.status_tab and any(w.tab == plan.status_tab for w in writes) \
                    and plan.status_tab not in self._present.get(sid, set()):
                self._add_tab(sid, plan.status_tab)
            body = {"valueInputOption": "RAW", "data": merge_writes(writes)}
            self._call(sid, self.http.values_batch_update, sid, body, WRITE_PARAMS)
            # Counted from the plan, not from Google's totalUpdatedCells: how Google counts the cells
            # under a null is not documented, and a write retried after a lost answer is counted once.
            written += len(writes)
        return written

    def _add_tab(self, sid: str, tab: str) -> None:
        """addSheet; a tab that already exists is fine (a retried addSheet whose first answer was lost,
        or a person who made it meanwhile)."""
        try:
            self.http.batch_update(sid, {"requests": [{"addSheet": {"properties": {"title": tab}}}]})
        except APIError as exc:
            if not (status_of(exc) == 400 and "already exists" in str(exc)):
                raise self._convert(exc, sid) from None
        except (SheetsFailure, google.auth.exceptions.GoogleAuthError) as exc:
            raise self._convert(exc, sid) from None
        self._present.setdefault(sid, set()).add(tab)

    def _recheck(self, sid: str, writes: list[CellWrite]) -> None:
        """Re-read, in one batchGet, row 1 of every tab written (that the read saw) and the key columns
        the writes name; a header that changed or a row that moved stops the write (`RowsMoved`)."""
        # The tabs written beside rows (the Status tab is written whole, beside no row: not re-read).
        tabs = sorted({w.tab for w in writes if w.identity} & self._present.get(sid, set()) & self._headers.keys())
        keyed = sorted({(w.tab, w.identity.col) for w in writes if w.identity})
        if not tabs and not keyed:
            return
        ranges = [quote_tab(tab, "1:1") for tab in tabs]
        ranges += [quote_tab(tab, f"{col_letter(col)}:{col_letter(col)}") for tab, col in keyed]
        try:
            got = self._call_read(sid, ranges)
        except _MissingTab:
            raise RowsMoved(vocab.GS_TAB_GONE) from None
        headers, key_ranges = got[:len(tabs)], got[len(tabs):]
        for tab, value_range in zip(tabs, headers, strict=True):
            if _header(value_range.get("values", [])) != self._headers[tab]:
                raise RowsMoved(vocab.GS_COLUMNS_MOVED.format(tab=tab))
        columns = {key: [row[0] if row else None for row in vr.get("values", [])]
                   for key, vr in zip(keyed, key_ranges, strict=True)}
        for w in writes:
            if w.identity is None:
                continue
            column = columns[(w.tab, w.identity.col)]
            current = column[w.row - 1] if w.row - 1 < len(column) else None
            if identity_key(current, w.identity.kind) != w.identity.key:
                raise RowsMoved(vocab.ROW_NOT_THE_SAME.format(row=w.row, tab=w.tab))

    # --- setup -------------------------------------------------------------------------------------
    def setup(self, layouts: list[TabLayout]) -> list[str]:
        changes: list[str] = []
        admins = sorted({self.email, *([self.office.office.coordinator.email] if self.office.office.coordinator.email else [])})
        editors = {g.tab: g.emails for g in self.office.groups}
        editors.update({found: editors.get(tab, []) for found, tab in self._taken.items()})
        by_book: dict[str, list[TabLayout]] = defaultdict(list)
        for layout in layouts:
            by_book[self.book_of.get(layout.tab, self.cfg.spreadsheet)].append(layout)
        for sid, book_layouts in by_book.items():
            changes += self._setup_book(sid, book_layouts, admins, editors)
        return changes

    def _setup_book(self, sid: str, layouts: list[TabLayout], admins: list[str], editors: dict[str, list[str]]) -> list[str]:
        changes: list[str] = []
        created = [lay for lay in layouts if lay.create]
        if created:
            adds = [{"addSheet": {"properties": {"title": lay.tab, "gridProperties": {
                "rowCount": max(1000, lay.last_row + SPARE_ROWS), "columnCount": max(26, max(lay.columns.values(), default=0))}}}}
                for lay in created]
            self._call(sid, self.http.batch_update, sid, {"requests": adds})
            changes += [vocab.SETUP_TAB_CREATED.format(tab=lay.tab) for lay in created]
        writes = [w for lay in layouts for w in lay.writes]
        if writes:
            self._call(sid, self.http.values_batch_update, sid, {"valueInputOption": "RAW", "data": merge_writes(writes)},
                       WRITE_PARAMS)
            for lay in layouts:
                if lay.writes:
                    changes.append(vocab.SETUP_CELLS_ADDED.format(cells=len(lay.writes), tab=lay.tab))
        # With `ranges`, Google returns only the sheets they touch: name one cell of every tab (the level
        # column's first row where there is one, whose data validation tells if the dropdown is there).
        ranges = [quote_tab(lay.tab, rowcol_to_a1(2, lay.columns.get("self_level", 1))) for lay in layouts]
        meta = self._call(sid, self.http.fetch_sheet_metadata, sid,
                          {"includeGridData": "true", "ranges": ranges, "fields": SETUP_FIELDS})
        sheets = {s["properties"]["title"]: s for s in meta.get("sheets", [])}
        seen = self._read_marks(sid, [lay.tab for lay in layouts if lay.marks])  # with their ids
        requests: list[dict] = []
        for lay in layouts:
            sheet = sheets.get(lay.tab, {"properties": {}})
            sheet_id = sheet["properties"].get("sheetId", 0)
            grid_rows = sheet["properties"].get("gridProperties", {}).get("rowCount", 1000)
            tab_requests = (
                frozen_request(lay, sheet, sheet_id)
                + protection_requests(lay, sheet, sheet_id, admins, editors.get(lay.tab, []))
                + level_request(lay, sheet, sheet_id, grid_rows)
                + colour_requests(lay, sheet, sheet_id)
                + (text_format_request(lay, sheet_id) if lay.changed else [])
            )
            if tab_requests:
                changes.append(vocab.SETUP_TAB_PROTECTED.format(tab=lay.tab))
            marking = mark_requests(sheet_id, lay.marks, seen.get(lay.tab))
            if marking:
                changes.append(vocab.SETUP_COLUMNS_MARKED.format(
                    tab=lay.tab, columns=", ".join(col_letter(c) for c in sorted(lay.marks.values()))))
            requests += tab_requests + marking
        if requests:
            self._call(sid, self.http.batch_update, sid, {"requests": requests})
        return changes


def _header(values: list[list[Any]]) -> list[Any]:
    """Row 1 as compared by the re-read: trailing empty cells dropped (Google trims them anyway)."""
    row = list(values[0]) if values else []
    while row and row[-1] in (None, ""):
        row.pop()
    return row


class _MissingTab(Exception):
    """A range named a tab the spreadsheet does not have."""
