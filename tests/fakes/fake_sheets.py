"""A loopback fake of the Google Sheets API v4 and of Google's OAuth2 token endpoint, for tests.

The real gspread and google-auth clients talk to it over HTTP on 127.0.0.1 (no other network):
google-auth signs a JWT with a service-account key from `FakeSheets.service_account()` and trades it
at `token_uri` for a bearer token; gspread's requests go to `root` instead of
https://sheets.googleapis.com. Every answer is shaped as Google shapes it.

Ground truth is the recorded traffic in shared/fixtures/sheets-api (28 vcrpy cassettes of real Google
answers) and the Sheets v4 discovery document shipped in google-api-python-client. The docstrings
below name the cassette each behaviour was checked against; tests/test_fake_sheets.py replays every
recorded Sheets request of all 28 cassettes against this fake: all 320 answers come back with the
recorded status and, once Google's random sheetIds/protectedRangeIds are mapped, the recorded body
byte for byte.

Supported: POST /token (JWT-bearer grant); spreadsheets.get (ranges, includeGridData, `fields`
masks honoured exactly); spreadsheets.batchUpdate with addSheet, deleteSheet, updateSheetProperties,
updateSpreadsheetProperties, setDataValidation, add/update/deleteProtectedRange,
add/deleteConditionalFormatRule, insert/append/deleteDimension, sortRange, repeatCell (formats,
validation, values), updateDimensionProperties (kept as sent); values.get, batchGet, update,
batchUpdate, append, clear, batchClear. Bodies and query parameters are validated against the
discovery document. Sharing as writer or reader; faults, delays and hooks for tests: error statuses
(inject), broken 200 answers (inject_answer: HTML, not JSON, JSON of the wrong shape, cut short,
truncated against their Content-Length, no answer), token-endpoint faults (inject_token: statuses,
the same broken answers, a hang), a person's edits (insert/delete rows and columns, hooks).

Choices where the recordings do not show Google's behaviour (see the report in the docstrings):
value writes past the grid grow it (reads past it are a 400 "exceeds grid limits"); no credentials
is 403 "missing a valid API key", a bad or expired token 401, a token without a Sheets or Drive scope
is issued but its calls get 403 "insufficient authentication scopes", as Google does; a range's sheet
name matches case-insensitively when nothing matches exactly; non-ASCII sheet names are quoted in
echoed ranges.

Deliberately not done (400 or 501 when asked, or ignored where noted): formulas beyond constant
arithmetic (others evaluate to #NAME?), number formats other than dates typed as ISO/US dates,
locale-specific parsing, effectiveFormat, merges, filters, charts, named ranges, developer metadata
other than on a sheet or its rows and columns (createDeveloperMetadata with `sheetId` or
`dimensionRange`, deleteDeveloperMetadata by metadataId or key; shown in spreadsheets.get under
sheets[].developerMetadata and data[].columnMetadata / rowMetadata, moved and deleted with their
columns and rows as Google documents), the byDataFilter methods but values.batchGetByDataFilter (by
a1Range or developerMetadataLookup), spreadsheets.create and the Drive API.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import copy
import datetime as dt
import gzip
import importlib.util
import json
import math
import operator
import random
import re
import secrets
import string
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

GOOGLE_ROOT = "https://sheets.googleapis.com"
JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
# google-auth always signs aud=https://oauth2.googleapis.com/token whatever the key's token_uri says
# (google/oauth2/service_account.py), and Google's endpoint takes its older names too.
GOOGLE_AUDIENCES = ("https://oauth2.googleapis.com/token", "https://accounts.google.com/o/oauth2/token",
                    "https://www.googleapis.com/oauth2/v4/token")
SCOPE = "https://www.googleapis.com/auth/"
WRITE_SCOPES = {SCOPE + "spreadsheets", SCOPE + "drive", SCOPE + "drive.file"}
READ_SCOPES = WRITE_SCOPES | {SCOPE + "spreadsheets.readonly", SCOPE + "drive.readonly"}
DEFAULT_EMAIL = "sheetsync@nst1-office.iam.gserviceaccount.com"
DEFAULT_ROWS, DEFAULT_COLS = 1000, 26
TOKEN_LIFETIME = 3599
PROJECT_NUMBER = "431982700215"
EPOCH = dt.datetime(1899, 12, 30)
ID_CHARS = string.ascii_letters + string.digits + "-_"

STATUS = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
          409: "ABORTED", 429: "RESOURCE_EXHAUSTED", 499: "CANCELLED", 500: "INTERNAL",
          501: "NOT_IMPLEMENTED", 502: "UNAVAILABLE", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}
DEFAULT_MESSAGES = {500: "Internal error encountered.", 501: "Operation is not implemented, or supported, or enabled.",
                    502: "Bad Gateway", 503: "The service is currently unavailable.",
                    504: "Deadline expired before operation could complete.", 409: "The operation was aborted."}
# How inject_answer / inject_token break a 200 answer.
ANSWER_KINDS = ("html", "text", "json", "cut", "truncated", "drop")
HTML_TITLES = {404: "Not Found", 500: "Server Error", 502: "Server Error", 503: "Service Unavailable",
               504: "Gateway Timeout"}

# properties.defaultFormat and properties.spreadsheetTheme exactly as every recorded metadata answer has
# them (e.g. ClientTest.test_access_private_spreadsheet.json); only title, locale and timeZone vary.
DEFAULT_FORMAT = {
    "backgroundColor": {"red": 1, "green": 1, "blue": 1},
    "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
    "verticalAlignment": "BOTTOM", "wrapStrategy": "OVERFLOW_CELL",
    "textFormat": {"foregroundColor": {}, "fontFamily": "arial,sans,sans-serif", "fontSize": 10, "bold": False,
                   "italic": False, "strikethrough": False, "underline": False,
                   "foregroundColorStyle": {"rgbColor": {}}},
    "backgroundColorStyle": {"rgbColor": {"red": 1, "green": 1, "blue": 1}},
}
THEME = {"primaryFontFamily": "Arial", "themeColors": [
    {"colorType": kind, "color": {"rgbColor": rgb}} for kind, rgb in (
        ("TEXT", {}), ("BACKGROUND", {"red": 1, "green": 1, "blue": 1}),
        ("ACCENT1", {"red": 0.25882354, "green": 0.52156866, "blue": 0.95686275}),
        ("ACCENT2", {"red": 0.91764706, "green": 0.2627451, "blue": 0.20784314}),
        ("ACCENT3", {"red": 0.9843137, "green": 0.7372549, "blue": 0.015686275}),
        ("ACCENT4", {"red": 0.20392157, "green": 0.65882355, "blue": 0.3254902}),
        ("ACCENT5", {"red": 1, "green": 0.42745098, "blue": 0.003921569}),
        ("ACCENT6", {"red": 0.27450982, "green": 0.7411765, "blue": 0.7764706}),
        ("LINK", {"red": 0.06666667, "green": 0.33333334, "blue": 0.8}))]}

HTML_PAGE = """<!DOCTYPE html>
<html lang=en>
  <meta charset=utf-8>
  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">
  <title>Error {code} ({title})!!1</title>
  <style>
    *{{margin:0;padding:0}}html,code{{font:15px/22px arial,sans-serif}}html{{background:#fff;color:#222;padding:15px}}body{{margin:7% auto 0;max-width:390px;min-height:180px;padding:30px 0 15px}}
  </style>
  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>
  <p><b>{code}.</b> <ins>That\u2019s an error.</ins>
  <p>{text}  <ins>That\u2019s all we know.</ins>
"""


# --------------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------------
def col_letters(n: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def quote_title(title: str) -> str:
    """How Google writes a sheet name in the ranges it echoes: `Sheet1!A1:D4` but
    `'🌵 test_values_get 1'!A1:J10` (SpreadsheetTest.test_values_get.json). Names that are not plain
    ASCII identifiers, or that look like a cell, are quoted with '' for '."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", title) and not re.fullmatch(r"[A-Za-z]{1,3}[0-9]+", title) \
            and not re.fullmatch(r"(?i)r[0-9]*c[0-9]*", title):
        return title
    return "'" + title.replace("'", "''") + "'"


def a1_range(title: str, r0: int, r1: int, c0: int, c1: int) -> str:
    """0-based half-open box -> `Sheet1!A1:D4`, or `Sheet1!B2` for one cell (as Google echoes both)."""
    start = f"{col_letters(c0 + 1)}{r0 + 1}"
    if r1 - r0 == 1 and c1 - c0 == 1:
        return f"{quote_title(title)}!{start}"
    return f"{quote_title(title)}!{start}:{col_letters(c1)}{r1}"


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def jnum(value: Any) -> Any:
    """Doubles as Google prints them: 53.0 is 53."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    return value


def jrepr(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_spreadsheet_id(rng: random.Random) -> str:
    """44 characters like Google's keys: '1' then 43 of [A-Za-z0-9-_]."""
    return "1" + "".join(rng.choice(ID_CHARS) for _ in range(43))


# --------------------------------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------------------------------
class ApiError(Exception):
    """An answer in Google's error shape {"error": {"code", "message", "status", "details"?}}
    (shapes: ClientTest.test_access_private_spreadsheet.json 403, test_access_non_existing_spreadsheet.json
    404, WorksheetTest.test_add_validation.json 400 with google.rpc.BadRequest details)."""

    def __init__(self, code: int, message: str, *, status: str | None = None, details: list | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or STATUS.get(code, "UNKNOWN")
        self.details = details
        self.headers = headers or {}

    def body(self) -> dict:
        err: dict[str, Any] = {"code": self.code, "message": self.message, "status": self.status}
        if self.details:
            err["details"] = self.details
        return {"error": err}


def bad(message: str, violations: list[tuple[str | None, str]] | None = None) -> ApiError:
    details = None
    if violations:
        details = [{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [
            ({"field": f} if f else {}) | {"description": d} for f, d in violations]}]
    return ApiError(400, message, details=details)


def parse_error(text: str, where: str | None = None) -> ApiError:
    msg = f"Unable to parse range: {text}"
    return bad(f"Invalid {where}: {msg}" if where else msg)


# --------------------------------------------------------------------------------------------------
# the discovery document: request validation
# --------------------------------------------------------------------------------------------------
_DISCOVERY: dict | None = None
_DISCOVERY_LOCK = threading.Lock()

# Proto enum type names for the "Invalid value at ... (type.googleapis.com/google.apps.sheets.v4.X)"
# messages; the discovery document gives values, not type names.
ENUM_TYPES = {"majorDimension": "Dimension", "dimension": "Dimension", "valueInputOption": "ValueInputOption",
              "valueRenderOption": "ValueRenderOption", "responseValueRenderOption": "ValueRenderOption",
              "dateTimeRenderOption": "DateTimeRenderOption", "responseDateTimeRenderOption": "DateTimeRenderOption",
              "insertDataOption": "InsertDataOption", "sheetType": "SheetType", "sortOrder": "SortOrder",
              ("BooleanCondition", "type"): "ConditionType", ("NumberFormat", "type"): "NumberFormatType",
              "horizontalAlignment": "HorizontalAlign", "verticalAlignment": "VerticalAlign"}
PRIMITIVE_TYPES = {("integer", "int32"): "TYPE_INT32", ("integer", "uint32"): "TYPE_UINT32",
                   ("string", "int64"): "TYPE_INT64", ("number", "double"): "TYPE_DOUBLE",
                   ("number", "float"): "TYPE_FLOAT", ("boolean", None): "TYPE_BOOL", ("string", None): "TYPE_STRING"}


def discovery_document() -> dict:
    """googleapiclient/discovery_cache/documents/sheets.v4.json, read once per process."""
    global _DISCOVERY
    with _DISCOVERY_LOCK:
        if _DISCOVERY is None:
            spec = importlib.util.find_spec("googleapiclient")
            if spec is None or not spec.submodule_search_locations:
                raise RuntimeError("google-api-python-client is needed for the Sheets discovery document")
            path = Path(next(iter(spec.submodule_search_locations))) / "discovery_cache/documents/sheets.v4.json"
            _DISCOVERY = json.loads(path.read_text(encoding="utf-8"))
        return _DISCOVERY


class Validator:
    """Checks request bodies and query parameters against the discovery document's schemas, and words
    the 400 as Google's ESF does: `Invalid JSON payload received. Unknown name "x" at 'requests[0]':
    Cannot find field.` (message form: googleapis/google-api-python-client#930) and `Invalid value at
    'data.values' (type.googleapis.com/google.protobuf.ListValue), "X"` (WorksheetTest.test_add_validation.json).
    Paths use proto (snake_case) field names; JSON null means "not set" and is accepted anywhere
    (the recorded addProtectedRange bodies send "description": null and "editors": null)."""

    def __init__(self, doc: dict) -> None:
        self.doc = doc
        self.schemas: dict[str, dict] = doc["schemas"]

    def method(self, name: str) -> dict:
        node = self.doc["resources"]["spreadsheets"]
        *resources, leaf = name.split(".")
        for res in resources:
            node = node["resources"][res]
        return node["methods"][leaf]

    # --- query parameters ---------------------------------------------------------------------------
    def check_query(self, method: str, query: dict[str, list[str]]) -> None:
        params = {**self.doc["parameters"], **self.method(method)["parameters"]}
        for key, values in query.items():
            spec = params.get(key)
            if spec is None or spec.get("location") == "path":
                msg = (f'Invalid JSON payload received. Unknown name "{key}": Cannot bind query parameter. '
                       f"Field '{key}' could not be found in request message.")
                raise bad(msg, [(None, msg)])
            for value in values:
                problem = None
                if "enum" in spec and value not in spec["enum"]:
                    problem = f"(type.googleapis.com/google.apps.sheets.v4.{ENUM_TYPES.get(key, key[0].upper() + key[1:])})"
                elif spec.get("type") == "boolean" and value.lower() not in ("true", "false"):
                    problem = "(TYPE_BOOL)"
                elif spec.get("type") == "integer" and not re.fullmatch(r"-?\d+", value):
                    problem = "(TYPE_INT32)"
                if problem:
                    msg = f"Invalid value at '{snake(key)}' {problem}, {jrepr(value)}"
                    raise bad(msg, [(snake(key), msg)])

    # --- bodies ---------------------------------------------------------------------------------------
    def check_body(self, schema_id: str, body: Any, prefix: str = "") -> None:
        out: list[tuple[str | None, str]] = []
        self._value(body, {"$ref": schema_id}, prefix, "", None, out)
        if out:
            raise bad("\n".join(d for _, d in out), out)

    def _value(self, value: Any, schema: dict, path: str, name: str, owner: str | None,
               out: list[tuple[str | None, str]]) -> None:
        if value is None:
            return
        if "$ref" in schema:
            ref = schema["$ref"]
            if not isinstance(value, dict):
                if path == "":
                    msg = 'Invalid JSON payload received. Unknown name "": Root element must be a message.'
                    out.append((None, msg))
                else:
                    out.append(self._invalid(path, f"type.googleapis.com/google.apps.sheets.v4.{ref}", value))
                return
            self._object(value, self.schemas[ref], path, ref, out)
            return
        kind = schema.get("type")
        if kind == "array":
            items = schema.get("items", {})
            if not isinstance(value, list):
                out.append(self._invalid(path, self._type_name(items, name, owner), value))
                return
            for i, item in enumerate(value):
                self._value(item, items, f"{path}[{i}]", name, owner, out)
            return
        if kind == "object":
            if not isinstance(value, dict):
                out.append(self._invalid(path, "type.googleapis.com/google.protobuf.Struct", value))
                return
            extra = schema.get("additionalProperties")
            if extra:
                for key, item in value.items():
                    self._value(item, extra, f"{path}[{key}]", key, owner, out)
            return
        if kind == "any":
            return
        ok = True
        if "enum" in schema:
            ok = (isinstance(value, str) and value in schema["enum"]) or (
                isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(schema["enum"]))
        elif kind == "string":
            ok = isinstance(value, str) or (schema.get("format") == "int64" and isinstance(value, int)
                                            and not isinstance(value, bool))
        elif kind == "integer":
            ok = (isinstance(value, int) and not isinstance(value, bool)) or (
                isinstance(value, float) and value.is_integer()) or (
                isinstance(value, str) and re.fullmatch(r"-?\d+", value) is not None)
        elif kind == "number":
            ok = (isinstance(value, int | float) and not isinstance(value, bool)) or (
                isinstance(value, str) and re.fullmatch(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|NaN|-?Infinity", value) is not None)
        elif kind == "boolean":
            ok = isinstance(value, bool)
        if not ok:
            out.append(self._invalid(path, self._type_name(schema, name, owner), value))

    def _object(self, value: dict, schema: dict, path: str, schema_id: str, out: list) -> None:
        props = schema.get("properties", {})
        for key, item in value.items():
            spec = props.get(key)
            if spec is None:
                where = f" at '{path}'" if path else ""
                msg = f'Invalid JSON payload received. Unknown name "{key}"{where}: Cannot find field.'
                out.append((path or None, msg))
                continue
            child = f"{path}.{snake(key)}" if path else snake(key)
            self._value(item, spec, child, key, schema_id, out)

    def _type_name(self, schema: dict, name: str, owner: str | None) -> str:
        if "$ref" in schema:
            return f"type.googleapis.com/google.apps.sheets.v4.{schema['$ref']}"
        kind = schema.get("type")
        if kind == "array":
            return "type.googleapis.com/google.protobuf.ListValue"
        if "enum" in schema:
            enum = ENUM_TYPES.get((owner, name)) or ENUM_TYPES.get(name) or (name[:1].upper() + name[1:])
            return f"type.googleapis.com/google.apps.sheets.v4.{enum}"
        if kind == "any":
            return "type.googleapis.com/google.protobuf.Value"
        return PRIMITIVE_TYPES.get((kind, schema.get("format")), f"TYPE_{str(kind).upper()}")

    @staticmethod
    def _invalid(path: str, type_name: str, value: Any) -> tuple[str, str]:
        return path, f"Invalid value at '{path}' ({type_name}), {jrepr(value)}"


# --------------------------------------------------------------------------------------------------
# field masks ("sheets(properties(sheetId,title),data(rowData(values(dataValidation))))")
# --------------------------------------------------------------------------------------------------
MaskTree = dict[str, Any] | None  # None: the whole value


def parse_mask(text: str) -> MaskTree:
    """A field mask as a tree of names; None stands for "everything below". `a.b`, `a/b`, `a(b,c)` and
    `*` are understood. Raises ValueError for unbalanced parentheses."""
    pos = 0

    def merge(node: dict, path: list[str], sub: MaskTree) -> bool:
        """False when the mask turned out to be `*` at this level."""
        name = path[0]
        if name == "*":
            return False
        if len(path) > 1:
            if name in node and node[name] is None:
                return True
            child = node.setdefault(name, {})
            if not merge(child, path[1:], sub):
                node[name] = None
            return True
        if sub is None or (name in node and node[name] is None):
            node[name] = None
        elif name in node:
            for key, value in sub.items():
                merge(node[name], [key], value)
        else:
            node[name] = sub
        return True

    def parse_list() -> MaskTree:
        nonlocal pos
        tree: dict = {}
        everything = False
        while True:
            start = pos
            while pos < len(text) and text[pos] not in ",()":
                pos += 1
            path = [p for p in re.split(r"[./]", text[start:pos].strip()) if p]
            sub: MaskTree = None
            if pos < len(text) and text[pos] == "(":
                pos += 1
                sub = parse_list()
                if pos >= len(text) or text[pos] != ")":
                    raise ValueError(text)
                pos += 1
            if path and not merge(tree, path, sub):
                everything = True
            if pos < len(text) and text[pos] == ",":
                pos += 1
                continue
            return None if everything else tree

    tree = parse_list()
    if pos != len(text):
        raise ValueError(text)
    return tree


def apply_mask(value: Any, tree: MaskTree) -> Any:
    if tree is None:
        return value
    if isinstance(value, list):
        return [apply_mask(v, tree) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, sub in tree.items():
        if key in value:
            kept = apply_mask(value[key], sub)
            if sub is not None and kept == {}:
                continue
            out[key] = kept
    return out


def mask_paths(tree: MaskTree, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    if tree is None:
        return [prefix]
    paths = []
    for key, sub in tree.items():
        paths += mask_paths(sub, (*prefix, key))
    return paths


# --------------------------------------------------------------------------------------------------
# the model
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Cell:
    """One cell. Never changed in place (a spreadsheet copy shares cells), only replaced."""

    value: str | float | bool | None = None  # the effective value
    formula: str | None = None
    date_format: str | None = None  # "yyyy-mm-dd" etc. for a date typed as such (USER_ENTERED)
    validation: dict | None = None
    fmt: dict | None = None  # userEnteredFormat

    @property
    def has_value(self) -> bool:
        return self.value is not None or self.formula is not None


def cleared(cell: Cell | None) -> Cell | None:
    if cell is None or (cell.validation is None and cell.fmt is None):
        return None
    return Cell(validation=cell.validation, fmt=cell.fmt)


class Sheet:
    def __init__(self, sheet_id: int, title: str, rows: int = DEFAULT_ROWS, cols: int = DEFAULT_COLS) -> None:
        self.sheet_id = sheet_id
        self.title = title
        self.row_count = rows
        self.col_count = cols
        self.frozen_rows = 0
        self.frozen_cols = 0
        self.hidden = False
        self.extra: dict[str, Any] = {}  # other SheetProperties (tabColor, rightToLeft, hideGridlines ...)
        self.grid: list[list[Cell | None]] = []  # ragged rows, only as long as needed
        self.protected: list[dict] = []
        self.cond_formats: list[dict] = []
        self.dimension_properties: list[dict] = []  # updateDimensionProperties requests, as recorded
        self.dev_meta: list[dict] = []  # developer metadata on the sheet, its rows or columns (as answered)

    def clone(self) -> Sheet:
        other = Sheet.__new__(Sheet)
        other.__dict__.update(self.__dict__)
        other.extra = copy.deepcopy(self.extra)
        other.grid = [row[:] for row in self.grid]
        other.protected = copy.deepcopy(self.protected)
        other.cond_formats = copy.deepcopy(self.cond_formats)
        other.dimension_properties = copy.deepcopy(self.dimension_properties)
        other.dev_meta = copy.deepcopy(self.dev_meta)
        return other

    def cell(self, r: int, c: int) -> Cell | None:
        if r < len(self.grid):
            row = self.grid[r]
            if c < len(row):
                return row[c]
        return None

    def put(self, r: int, c: int, cell: Cell | None) -> None:
        if cell is None and self.cell(r, c) is None:
            return
        while len(self.grid) <= r:
            self.grid.append([])
        row = self.grid[r]
        while len(row) <= c:
            row.append(None)
        row[c] = cell

    def truncate(self) -> None:
        del self.grid[self.row_count:]
        for row in self.grid:
            del row[self.col_count:]


class Spreadsheet:
    def __init__(self, sid: str, title: str, locale: str = "en_US", time_zone: str = "Etc/GMT") -> None:
        self.sid = sid
        self.title = title
        self.locale = locale
        self.time_zone = time_zone
        self.auto_recalc = "ON_CHANGE"
        self.sheets: list[Sheet] = []
        self.shared: dict[str, str] = {}  # email -> "writer" | "reader"

    def clone(self) -> Spreadsheet:
        other = Spreadsheet.__new__(Spreadsheet)
        other.__dict__.update(self.__dict__)
        other.sheets = [s.clone() for s in self.sheets]
        other.shared = dict(self.shared)
        return other

    def by_id(self, sheet_id: int) -> Sheet | None:
        return next((s for s in self.sheets if s.sheet_id == sheet_id), None)

    def by_title(self, title: str) -> Sheet | None:
        found = next((s for s in self.sheets if s.title == title), None)
        if found is None:
            folded = title.casefold()
            found = next((s for s in self.sheets if s.title.casefold() == folded), None)
        return found

    def index_of(self, sheet: Sheet) -> int:
        return self.sheets.index(sheet)


@dataclass
class Box:
    """A resolved A1 range: 0-based, half-open; r1/c1 None = to the end of the grid."""

    sheet: Sheet
    r0: int
    r1: int | None
    c0: int
    c1: int | None
    anchor: bool = False  # a single cell written as the top-left corner only ("Sheet1!A1")

    def bounds(self) -> tuple[int, int, int, int]:
        return (self.r0, self.sheet.row_count if self.r1 is None else self.r1,
                self.c0, self.sheet.col_count if self.c1 is None else self.c1)

    def echo(self) -> str:
        r0, r1, c0, c1 = self.bounds()
        return a1_range(self.sheet.title, r0, r1, c0, c1)

    def check_grid(self, where: str | None = None) -> None:
        """Reads must stay inside the grid: `Range (Solar!Y1) exceeds grid limits. Max rows: 981, max
        columns: 24` is what Google answers otherwise (message seen in home-assistant/core#104198)."""
        s = self.sheet
        r0, r1, c0, c1 = self.bounds()
        if r1 > s.row_count or c1 > s.col_count or r0 >= s.row_count or c0 >= s.col_count:
            msg = (f"Range ({a1_range(s.title, r0, max(r1, r0 + 1), c0, max(c1, c0 + 1))}) exceeds grid limits. "
                   f"Max rows: {s.row_count}, max columns: {s.col_count}")
            raise bad(f"Invalid {where}: {msg}" if where else msg)


CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})?\$?([0-9]+)?$")


def parse_ref(ref: str) -> tuple[int, int | None, int, int | None, bool] | None:
    parts = ref.strip().split(":")
    if len(parts) > 2 or not ref.strip():
        return None
    ends = []
    for part in parts:
        m = CELL_REF.match(part.strip())
        if not m or not (m.group(1) or m.group(2)):
            return None
        col = col_number(m.group(1)) if m.group(1) else None
        row = int(m.group(2)) if m.group(2) else None
        if row == 0 or (row is not None and row > 10_000_000) or (col is not None and col > 18278):
            return None
        ends.append((col, row))
    if len(ends) == 1:
        col, row = ends[0]
        if col is None or row is None:
            return None
        return row - 1, row, col - 1, col, True
    (ca, ra), (cb, rb) = ends
    if ca is not None and cb is not None and ca > cb:
        ca, cb = cb, ca
    if ra is not None and rb is not None and ra > rb:
        ra, rb = rb, ra
    return (ra - 1 if ra else 0), rb, (ca - 1 if ca else 0), cb, False


def split_sheet(text: str) -> tuple[str | None, str | None]:
    """("Sheet 1", "A1:B2") for "'Sheet 1'!A1:B2"; (None, None) for a bare word."""
    if text.startswith("'"):
        name, i = [], 1
        while i < len(text):
            if text[i] == "'":
                if i + 1 < len(text) and text[i + 1] == "'":
                    name.append("'")
                    i += 2
                    continue
                rest = text[i + 1:]
                if rest == "":
                    return "".join(name), None
                if rest.startswith("!"):
                    return "".join(name), rest[1:]
                raise ValueError(text)
            name.append(text[i])
            i += 1
        raise ValueError(text)
    if "!" in text:
        name, ref = text.rsplit("!", 1)
        return name, ref
    return None, None


def resolve(ss: Spreadsheet, text: str, where: str | None = None) -> Box:
    """An A1 range as Google reads it: `'Tab name'!A1:B2`, `Tab!A:A`, `Tab!A5:B`, `Tab!1:2`,
    `Tab!A1:1`, `'Tab'`, an unquoted name with spaces (SpreadsheetTest.test_values_batch_get.json
    sends `🌵 test_values_batch_get 1!A:A`), or a bare `A1:B2` on the first sheet. A tab that does not
    exist gives 400 "Unable to parse range: <the range as sent>"."""
    try:
        name, ref = split_sheet(text)
    except ValueError:
        raise parse_error(text, where) from None
    if name is None:
        sheet = ss.by_title(text)
        if sheet is not None:
            return Box(sheet, 0, None, 0, None)
        parsed = parse_ref(text)
        visible = [s for s in ss.sheets if not s.hidden] or ss.sheets
        if parsed is None or not visible:
            raise parse_error(text, where)
        return Box(visible[0], *parsed)
    sheet = ss.by_title(name)
    if sheet is None:
        raise parse_error(text, where)
    if ref is None:
        return Box(sheet, 0, None, 0, None)
    parsed = parse_ref(ref)
    if parsed is None:
        raise parse_error(text, where)
    return Box(sheet, *parsed)


# --------------------------------------------------------------------------------------------------
# values in, values out
# --------------------------------------------------------------------------------------------------
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
NUMBER_COMMAS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
ISO_DATETIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
FORMULA_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
               ast.Pow: operator.pow, ast.USub: operator.neg, ast.UAdd: operator.pos}


def to_serial(when: dt.datetime) -> float:
    delta = when - EPOCH
    return delta.days + delta.seconds / 86400


def from_serial(serial: float) -> dt.datetime:
    return EPOCH + dt.timedelta(days=serial)


def evaluate(formula: str) -> str | float | bool:
    """Constant arithmetic only (=4/2, =1+1: WorksheetTest.test_get_all_values_date_time_render_options.json,
    test_insert_row.json); anything else is #NAME? here."""
    try:
        tree = ast.parse(formula[1:].replace("^", "**").strip(), mode="eval")
    except SyntaxError:
        return "#ERROR!"

    def ev(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in FORMULA_OPS:
            return FORMULA_OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in FORMULA_OPS:
            return FORMULA_OPS[type(node.op)](ev(node.operand))
        raise LookupError

    try:
        result = ev(tree)
    except ZeroDivisionError:
        return "#DIV/0!"
    except (LookupError, OverflowError, TypeError):
        return "#NAME?"
    return result if math.isfinite(result) else "#NUM!"


def user_entered(text: str) -> tuple[Any, str | None, str | None]:
    """(value, formula, date format) for a string typed into a cell (USER_ENTERED): formulas, numbers,
    TRUE/FALSE, ISO and US dates; a leading ' keeps text. Other formats (%, currency) stay text here."""
    if text.startswith("=") and len(text) > 1:
        return evaluate(text), text, None
    if text.startswith("'"):
        return text[1:], None, None
    stripped = text.strip()
    if stripped.upper() in ("TRUE", "FALSE"):
        return stripped.upper() == "TRUE", None, None
    if NUMBER.match(stripped):
        return float(stripped), None, None
    if NUMBER_COMMAS.match(stripped):
        return float(stripped.replace(",", "")), None, None
    try:
        if m := ISO_DATE.match(stripped):
            return to_serial(dt.datetime(int(m[1]), int(m[2]), int(m[3]))), None, "yyyy-mm-dd"
        if m := ISO_DATETIME.match(stripped):
            when = dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0))
            return to_serial(when), None, "yyyy-mm-dd hh:mm:ss"
        if m := US_DATE.match(stripped):
            return to_serial(dt.datetime(int(m[3]), int(m[1]), int(m[2]))), None, "M/d/yyyy"
    except ValueError:
        pass
    return text, None, None


def format_date(serial: float, pattern: str) -> str:
    when = from_serial(serial)
    when = (when + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
    if pattern == "yyyy-mm-dd":
        return when.strftime("%Y-%m-%d")
    if pattern == "yyyy-mm-dd hh:mm:ss":
        return when.strftime("%Y-%m-%d %H:%M:%S")
    return f"{when.month}/{when.day}/{when.year}"


def format_number(value: float) -> str:
    """The "automatic" number format, approximately: 53 -> "53", 1.5 -> "1.5", 1/3 -> "0.3333333333"
    (WorksheetTest.test_get_all_values_date_time_render_options.json for the first two)."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if abs(value) >= 1e15 or abs(value) < 1e-9:
        mantissa, exp = f"{value:.14E}".split("E")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}E{'+' if int(exp) >= 0 else '-'}{abs(int(exp)):02d}"
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def formatted(cell: Cell) -> str:
    v = cell.value
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return format_date(v, cell.date_format) if cell.date_format else format_number(v)
    return "" if v is None else str(v)


def render(cell: Cell | None, vro: str, dtro: str) -> Any:
    """valueRenderOption x dateTimeRenderOption as in WorksheetTest.test_get_all_values_date_time_render_options.json
    and test_get_all_records_value_render_options.json: FORMATTED_VALUE gives strings; UNFORMATTED_VALUE
    gives JSON numbers and booleans, dates as serial numbers unless FORMATTED_STRING; FORMULA gives the
    formula text, else as UNFORMATTED_VALUE."""
    if cell is None or not cell.has_value:
        return ""
    if vro == "FORMULA" and cell.formula is not None:
        return cell.formula
    if vro == "FORMATTED_VALUE":
        return formatted(cell)
    if cell.date_format and dtro == "FORMATTED_STRING":
        return formatted(cell)
    return jnum(cell.value)


def python_cell(value: Any, old: Cell | None, typed: bool) -> Cell | None:
    """A value given by a test helper: str/int/float/bool/None, date or datetime."""
    if value is None or value == "":
        return cleared(old)
    keep = {"validation": old.validation, "fmt": old.fmt} if old else {}
    if isinstance(value, dt.datetime):
        return Cell(value=to_serial(value), date_format="yyyy-mm-dd hh:mm:ss", **keep)
    if isinstance(value, dt.date):
        return Cell(value=to_serial(dt.datetime(value.year, value.month, value.day)), date_format="yyyy-mm-dd", **keep)
    if isinstance(value, bool):
        return Cell(value=value, **keep)
    if isinstance(value, int | float):
        return Cell(value=float(value), **keep)
    if isinstance(value, str):
        if typed and not text_formatted(old):
            v, formula, date_format = user_entered(value)
            return Cell(value=v, formula=formula, date_format=date_format, **keep)
        return Cell(value=value, **keep)
    raise TypeError(f"cannot put {type(value).__name__} in a cell")


def text_formatted(cell: Cell | None) -> bool:
    """A cell formatted as plain text (repeatCell numberFormat TEXT) keeps what is typed as text."""
    return bool(cell and cell.fmt and cell.fmt.get("numberFormat", {}).get("type") == "TEXT")


def json_cell(value: Any, old: Cell | None, option: str, where: str) -> Cell | None:
    """A value from a request body: RAW keeps strings as text ("=1+1" stays text, "" clears the cell);
    USER_ENTERED parses them as if typed. JSON null leaves the cell as it is (see the ValueRange docs)."""
    if isinstance(value, dict | list):
        kind = "struct_value" if isinstance(value, dict) else "list_value"
        raise bad(f"Invalid {where}: {kind} {{\n}}\n")
    keep = {"validation": old.validation, "fmt": old.fmt} if old else {}
    if value == "":
        return cleared(old)
    if isinstance(value, bool):
        return Cell(value=value, **keep)
    if isinstance(value, int | float):
        return Cell(value=float(value), **keep)
    if option == "USER_ENTERED" and not text_formatted(old):
        v, formula, date_format = user_entered(value)
        return Cell(value=v, formula=formula, date_format=date_format, **keep)
    return Cell(value=value, **keep)


def user_entered_value(cell: Cell) -> dict:
    if cell.formula is not None:
        return {"formulaValue": cell.formula}
    return effective_value(cell)


def effective_value(cell: Cell) -> dict:
    v = cell.value
    if isinstance(v, bool):
        return {"boolValue": v}
    if isinstance(v, float):
        return {"numberValue": jnum(v)}
    return {"stringValue": v}


# --------------------------------------------------------------------------------------------------
# output normalisation (proto3 JSON leaves out zero values that have no presence)
# --------------------------------------------------------------------------------------------------
def grid_range_out(gr: dict) -> dict:
    """GridRange as Google answers it: sheetId 0 is left out (WorksheetTest.test_add_protected_range_normal.json
    sends "sheetId": 0 and gets the range back without it); indexes are kept even when 0."""
    out = {}
    if gr.get("sheetId"):
        out["sheetId"] = int(gr["sheetId"])
    for key in ("startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"):
        if gr.get(key) is not None:
            out[key] = int(gr[key])
    return out


def normalise_format(value: Any) -> Any:
    """Colours: zero components are left out ({"green": 1, "blue": 1}) and each xColor gets its
    xColorStyle twin, as in WorksheetTest.test_format.json."""
    if isinstance(value, list):
        return [normalise_format(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if item is None:
            continue
        if key in ("red", "green", "blue") and item == 0:
            continue
        out[key] = normalise_format(item)
    for key in list(out):
        if key.endswith("Color") and key not in ("rgbColor", "themeColor") and isinstance(out[key], dict):
            out[f"{key}Style"] = {"rgbColor": copy.deepcopy(out[key])}
        elif key.endswith("ColorStyle") and isinstance(out[key], dict) and "rgbColor" in out[key] \
                and key[:-5] not in out:
            out[key[:-5]] = copy.deepcopy(out[key]["rgbColor"])
    return out


def normalise_rule(rule: dict) -> dict:
    """DataValidationRule as stored and answered: false booleans and empty strings are not set."""
    out = {}
    for key, item in rule.items():
        if item is None or item is False or item == "":
            continue
        out[key] = copy.deepcopy(item)
    return out


def drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value]
    return value


# --------------------------------------------------------------------------------------------------
# the public part
# --------------------------------------------------------------------------------------------------
@dataclass
class Record:
    """One HTTP exchange as the fake saw it. `path` is percent-decoded; `body` is the parsed JSON (the
    form fields plus the decoded JWT claims for /token), or None."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    status: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    email: str | None = None  # the service account the bearer token was issued to
    raw: bytes = b""  # the body (API requests), gzip undone: its character encoding, escapes and spacing
    content_type: str | None = None  # the request's Content-Type header (API requests)
    content_encoding: str | None = None  # its Content-Encoding header ("gzip"); bytes_in counts the bytes as sent


@dataclass
class _Key:
    email: str
    key_id: str
    public_key: Any


@dataclass
class _Token:
    email: str
    scopes: set[str]
    expires: float


@dataclass
class _Queued:
    times: int
    match: str | None
    payload: Any = None
    extra: dict = field(default_factory=dict)


class FakeSheets:
    """Google Sheets API v4 + OAuth2 token endpoint on 127.0.0.1, for the real gspread/google-auth.

    Use as a context manager: the server starts on a free port in a daemon thread (well under 0.2 s)
    and stops on exit. State is guarded by one lock; requests are served on threads."""

    def __init__(self, *, seed: int | None = None) -> None:
        self._lock = threading.RLock()
        self._rng = random.Random(seed)
        self._books: dict[str, Spreadsheet] = {}
        self._keys: dict[str, _Key] = {}  # private_key_id -> key
        self._tokens: dict[str, _Token] = {}
        self._faults: list[_Queued] = []
        self._delays: list[_Queued] = []
        self._answers: list[_Queued] = []  # 200 answers to break (inject_answer)
        self._token_faults: list[_Queued] = []  # inject_token
        self._hooks: list[Callable[[str, str, Any], None]] = []
        # Request bodies with Content-Encoding: gzip are undone as Google's front end does (its Java and
        # .NET clients gzip every body by default); False plays a server or proxy that reads them as sent.
        self.accept_gzip = True
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.requests: list[Record] = []
        self.token_requests: list[Record] = []
        self.errors: list[str] = []  # unexpected exceptions inside the fake or in hooks
        self.root = ""
        self.token_uri = ""

    # --- lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> FakeSheets:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        fake = self

        class Handler(_Handler):
            pass

        Handler.fake = fake
        self._server = _Server(("127.0.0.1", 0), Handler)
        port = self._server.server_address[1]
        self.root = f"http://127.0.0.1:{port}"
        self.token_uri = self.root + "/token"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="FakeSheets", daemon=True)
        self._thread.start()
        threading.Thread(target=discovery_document, daemon=True).start()  # warm the cache

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # --- keys and tokens ---------------------------------------------------------------------------
    def service_account(self, email: str = DEFAULT_EMAIL) -> dict:
        """A complete service-account key (a fresh RSA 2048 key) whose public half the token endpoint
        knows. Several keys per e-mail are fine, as on Google."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
        key_id = secrets.token_hex(20)
        project = email.split("@", 1)[1].split(".", 1)[0] if "@" in email else "fake-project"
        with self._lock:
            self._keys[key_id] = _Key(email, key_id, key.public_key())
        return {
            "type": "service_account",
            "project_id": project,
            "private_key_id": key_id,
            "private_key": pem,
            "client_email": email,
            "client_id": str(self._rng.randrange(10 ** 20, 10 ** 21)),
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": self.token_uri,
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/" + urllib.parse.quote(email),
            "universe_domain": "googleapis.com",
        }

    def expire_tokens(self) -> None:
        """Every issued access token stops working (the next API call gets 401, as after an hour)."""
        with self._lock:
            self._tokens.clear()

    # --- spreadsheets ----------------------------------------------------------------------------------
    def create_spreadsheet(self, title: str = "Untitled spreadsheet", tabs: dict[str, list[list]] | None = None,
                           shared_with: Iterable[str] = (), *, sid: str | None = None, locale: str = "en_US",
                           time_zone: str = "Etc/GMT", rows: int = DEFAULT_ROWS, cols: int = DEFAULT_COLS) -> str:
        """A spreadsheet as a person makes one: tabs of `rows` x `cols` (1000 x 26, Google's default;
        larger if the data needs it), the first tab with sheetId 0 and the others random ids. `sid`
        chooses the key (any string), else a 44-character one like Google's."""
        with self._lock:
            sid = sid or new_spreadsheet_id(self._rng)
            if sid in self._books:
                raise ValueError(f"spreadsheet {sid} exists")
            ss = Spreadsheet(sid, title, locale, time_zone)
            for i, (name, grid) in enumerate((tabs or {"Sheet1": []}).items()):
                sheet = Sheet(0 if i == 0 else self._new_sheet_id(ss), name, rows, cols)
                ss.sheets.append(sheet)
                self._fill(sheet, grid or [], typed=False)
            for email in shared_with:
                ss.shared[email] = "writer"
            self._books[sid] = ss
            return sid

    def export_spreadsheet(self, sid: str) -> Spreadsheet:
        """A copy of a spreadsheet as it is (values, formats, protection, metadata, sharing), for
        import_spreadsheet into another fake: tests build an office once and start each case from it."""
        with self._lock:
            return self._book(sid).clone()  # cells are never changed in place, only replaced

    def import_spreadsheet(self, ss: Spreadsheet) -> str:
        """A copy of an exported spreadsheet, under its own key."""
        with self._lock:
            if ss.sid in self._books:
                raise ValueError(f"spreadsheet {ss.sid} exists")
            self._books[ss.sid] = ss.clone()
            return ss.sid

    def adopt_key(self, info: dict) -> dict:
        """A service-account key made by another fake (`service_account()`), known to this token
        endpoint too; returns it with this fake's token_uri. Saves generating a key per test."""
        key = serialization.load_pem_private_key(info["private_key"].encode(), password=None)
        with self._lock:
            self._keys[info["private_key_id"]] = _Key(info["client_email"], info["private_key_id"], key.public_key())
        return {**info, "token_uri": self.token_uri}

    def share(self, sid: str, email: str, role: str = "writer") -> None:
        """Share with a service account, as Editor (role "writer") or Viewer ("reader")."""
        with self._lock:
            self._book(sid).shared[email] = role

    def unshare(self, sid: str, email: str) -> None:
        with self._lock:
            self._book(sid).shared.pop(email, None)

    def values(self, sid: str, tab: str) -> list[list]:
        """The tab's values as UNFORMATTED_VALUE gives them (dates as serial numbers, "" for an empty
        cell between others), trailing empty cells and rows trimmed."""
        with self._lock:
            sheet = self._tab(sid, tab)
            return self._read(Box(sheet, 0, None, 0, None), "UNFORMATTED_VALUE", "SERIAL_NUMBER", "ROWS")

    def set_values(self, sid: str, tab: str, grid: list[list], *, typed: bool = False) -> None:
        """Replace every value of the tab (validation and formats stay) from A1, growing the grid if
        needed. `typed=True` reads strings as a person typing them (dates, numbers, formulas)."""
        with self._lock:
            sheet = self._tab(sid, tab)
            sheet.grid = [[cleared(c) for c in row] for row in sheet.grid]
            self._fill(sheet, grid, typed=typed)

    def set_cell(self, sid: str, tab: str, a1: str, value: Any, *, typed: bool = False) -> None:
        with self._lock:
            sheet = self._tab(sid, tab)
            parsed = parse_ref(a1)
            if parsed is None or not parsed[4]:
                raise ValueError(f"not a cell: {a1}")
            r, _, c, _, _ = parsed
            sheet.row_count = max(sheet.row_count, r + 1)
            sheet.col_count = max(sheet.col_count, c + 1)
            sheet.put(r, c, python_cell(value, sheet.cell(r, c), typed))

    def insert_rows(self, sid: str, tab: str, before_row: int, count: int = 1) -> None:
        """A person inserting `count` rows above row `before_row` (1-based): data, protected ranges and
        conditional formats below move down; the new rows take the validation and format of the row
        above, as the Sheets UI does."""
        with self._lock:
            sheet = self._tab(sid, tab)
            start = before_row - 1
            if not 0 <= start <= sheet.row_count or count < 1:
                raise ValueError("row out of range")
            _insert(sheet, "ROWS", start, start + count)
            source = start - 1 if start > 0 else start + count
            if 0 <= source < len(sheet.grid):
                for r in range(start, start + count):
                    for c, cell in enumerate(sheet.grid[source]):
                        if cell is not None and (cell.validation or cell.fmt):
                            sheet.put(r, c, Cell(validation=cell.validation, fmt=cell.fmt))

    def delete_rows(self, sid: str, tab: str, row: int, count: int = 1) -> None:
        with self._lock:
            sheet = self._tab(sid, tab)
            if row < 1 or row - 1 + count > sheet.row_count or count >= sheet.row_count:
                raise ValueError("row out of range")
            _delete(sheet, "ROWS", row - 1, row - 1 + count)

    def insert_columns(self, sid: str, tab: str, before_col: int, count: int = 1) -> None:
        """A person inserting `count` empty columns left of column `before_col` (1-based): data,
        protected ranges and conditional formats to the right move along, as in the Sheets UI."""
        with self._lock:
            sheet = self._tab(sid, tab)
            start = before_col - 1
            if not 0 <= start <= sheet.col_count or count < 1:
                raise ValueError("column out of range")
            _insert(sheet, "COLUMNS", start, start + count)

    def delete_columns(self, sid: str, tab: str, col: int, count: int = 1) -> None:
        with self._lock:
            sheet = self._tab(sid, tab)
            if col < 1 or col - 1 + count > sheet.col_count or count >= sheet.col_count:
                raise ValueError("column out of range")
            _delete(sheet, "COLUMNS", col - 1, col - 1 + count)

    def rename_tab(self, sid: str, old: str, new: str) -> None:
        with self._lock:
            ss = self._book(sid)
            sheet = self._tab(sid, old)
            if any(s is not sheet and s.title.casefold() == new.casefold() for s in ss.sheets):
                raise ValueError(f"a tab named {new} exists")
            sheet.title = new

    def protect(self, sid: str, tab: str, a1: str | None = None, *, editors: Iterable[str] = (),
                description: str | None = None, warning_only: bool = False) -> int:
        """A person protecting a range (the whole tab when `a1` is None) for `editors` only; API writes
        by anyone else into it are refused as Google refuses them. Returns the protectedRangeId."""
        with self._lock:
            ss = self._book(sid)
            sheet = self._tab(sid, tab)
            box = resolve(ss, f"{quote_title(tab)}!{a1}" if a1 else quote_title(tab))
            gr: dict[str, int] = {"sheetId": sheet.sheet_id}
            if a1:
                gr.update({"startRowIndex": box.r0, "startColumnIndex": box.c0})
                if box.r1 is not None:
                    gr["endRowIndex"] = box.r1
                if box.c1 is not None:
                    gr["endColumnIndex"] = box.c1
            pr: dict[str, Any] = {"protectedRangeId": self._new_protected_id(ss), "range": grid_range_out(gr)}
            if description:
                pr["description"] = description
            if warning_only:
                pr["warningOnly"] = True
            pr["requestingUserCanEdit"] = True
            pr["editors"] = {"users": sorted(set(editors))} if editors else {}
            sheet.protected.append(pr)
            return pr["protectedRangeId"]

    def sheet(self, sid: str, tab: str) -> dict:
        """The tab's state for assertions: `properties` as the API shows them but with frozenRowCount and
        frozenColumnCount always present, `protectedRanges`, `conditionalFormats`, `dataValidation`
        ([{"range": "C2:C999", "gridRange": {...}, "rule": {...}}], grouped into rectangles),
        `formats` (the same for userEnteredFormat) and `dimensionProperties` (requests as received)."""
        with self._lock:
            ss = self._book(sid)
            sheet = self._tab(sid, tab)
            props = sheet_properties(sheet, ss.index_of(sheet))
            props["gridProperties"].setdefault("frozenRowCount", 0)
            props["gridProperties"].setdefault("frozenColumnCount", 0)
            return {
                "properties": props,
                "protectedRanges": copy.deepcopy(sheet.protected),
                "conditionalFormats": copy.deepcopy(sheet.cond_formats),
                "dataValidation": _rectangles(sheet, lambda c: c.validation, "rule"),
                "formats": _rectangles(sheet, lambda c: c.fmt, "userEnteredFormat"),
                "dimensionProperties": copy.deepcopy(sheet.dimension_properties),
            }

    def developer_metadata(self, sid: str, tab: str) -> list[dict]:
        """The developer metadata on the tab, its rows and columns, as spreadsheets.get shows each."""
        with self._lock:
            return copy.deepcopy(self._tab(sid, tab).dev_meta)

    def tabs(self, sid: str) -> list[str]:
        with self._lock:
            return [s.title for s in self._book(sid).sheets]

    # --- faults, delays, hooks, log ------------------------------------------------------------------
    def inject(self, status: int, times: int = 1, *, retry_after: int | None = None, html: bool = False,
               match: str | None = None, message: str | None = None, body: Any = None) -> None:
        """The next `times` API requests whose path contains `match` (any, if None) fail with `status`
        before anything is done: a Google-shaped JSON error (RESOURCE_EXHAUSTED quota message for 429,
        UNAVAILABLE for 503, ...) or, with html=True, an HTML page like Google's front end sends for a
        502. A Retry-After header when `retry_after` is given. `body` replaces the error body (a str is
        sent as it is, anything else as JSON: error bodies of a shape Google does not send)."""
        with self._lock:
            self._faults.append(_Queued(times, match, status, {"retry_after": retry_after, "html": html,
                                                               "message": message, "body": body}))

    def inject_answer(self, kind: str, times: int = 1, *, match: str | None = None, body: Any = None) -> None:
        """The next `times` API requests whose path contains `match` (any, if None) that would be
        answered 200 are carried out as usual (a write lands), then answered as a proxy or a broken
        connection would leave it (ANSWER_KINDS): "html" a 200 HTML page (a captive portal), "text" a
        200 that is not JSON, "json" the JSON `body` (of the wrong shape), "cut" the answer cut in
        half with a Content-Length that says so (JSON that stops short), "truncated" the full
        Content-Length announced but half the bytes sent before the connection closes, "drop" the
        connection closed without any answer."""
        if kind not in ANSWER_KINDS:
            raise ValueError(f"unknown answer kind {kind!r}")
        with self._lock:
            self._answers.append(_Queued(times, match, kind, {"body": body}))

    def inject_token(self, kind: str | int, times: int = 1, *, body: Any = None, seconds: float = 0.0) -> None:
        """The next `times` token requests (POST /token) go wrong. An int is that HTTP status, with an
        OAuth error body (`{"error": "internal_failure", ...}` for a 5xx, `invalid_request` else) or
        `body` (a str is sent as an HTML page, anything else as JSON); "html", "text", "json", "cut",
        "truncated" and "drop" break the 200 answer as inject_answer does; "hang" answers `seconds`
        late (give more than the client's timeout: the client gives up first). No token is issued by a
        broken answer."""
        if not isinstance(kind, int) and kind not in (*ANSWER_KINDS, "hang"):
            raise ValueError(f"unknown token fault {kind!r}")
        with self._lock:
            self._token_faults.append(_Queued(times, None, kind, {"body": body, "seconds": seconds}))

    def delay(self, seconds: float, times: int = 1, match: str | None = None, *, apply_first: bool = True) -> None:
        """The next `times` matching API requests are answered `seconds` late. By default the request is
        carried out first (a write lands even if the client has given up waiting, as can happen with
        Google); apply_first=False waits before doing anything."""
        with self._lock:
            self._delays.append(_Queued(times, match, seconds, {"apply_first": apply_first}))

    def before_request(self, hook: Callable[[str, str, Any], None] | None) -> None:
        """hook(method, path, body) runs just before each API request is carried out (after its
        authentication and validation), outside the lock, so it may change the spreadsheet as a person
        would at that moment. None removes every hook."""
        with self._lock:
            if hook is None:
                self._hooks.clear()
            else:
                self._hooks.append(hook)

    def reset_log(self) -> None:
        with self._lock:
            self.requests.clear()
            self.token_requests.clear()

    # --- internals: state ------------------------------------------------------------------------------
    def _book(self, sid: str) -> Spreadsheet:
        try:
            return self._books[sid]
        except KeyError:
            raise KeyError(f"no spreadsheet {sid}") from None

    def _tab(self, sid: str, tab: str) -> Sheet:
        sheet = next((s for s in self._book(sid).sheets if s.title == tab), None)
        if sheet is None:
            raise KeyError(f"no tab {tab!r} in {sid}")
        return sheet

    def _new_sheet_id(self, ss: Spreadsheet) -> int:
        while True:
            sheet_id = self._rng.randrange(1, 2 ** 31)
            if ss.by_id(sheet_id) is None:
                return sheet_id

    def _new_protected_id(self, ss: Spreadsheet) -> int:
        used = {p["protectedRangeId"] for s in ss.sheets for p in s.protected}
        while True:
            pid = self._rng.randrange(1, 2 ** 31)
            if pid not in used:
                return pid

    @staticmethod
    def _fill(sheet: Sheet, grid: list[list], typed: bool) -> None:
        sheet.row_count = max(sheet.row_count, len(grid))
        sheet.col_count = max(sheet.col_count, max((len(r) for r in grid), default=0))
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                sheet.put(r, c, python_cell(value, sheet.cell(r, c), typed))

    @staticmethod
    def _read(box: Box, vro: str, dtro: str, major: str) -> list[list]:
        """Trailing empty cells of each row and trailing empty rows trimmed, an empty row between
        others as [] (WorksheetTest.test_batch_update.json), an empty cell between others as ""
        (test_get_all_values.json: ["", "b2"])."""
        sheet = box.sheet
        r0, r1, c0, c1 = box.bounds()
        cells: list[list[Cell | None]] = []
        for r in range(r0, min(r1, len(sheet.grid))):
            line = sheet.grid[r][c0:c1]
            last = max((i for i, cell in enumerate(line) if cell is not None and cell.has_value), default=-1)
            cells.append(line[:last + 1])
        if major == "COLUMNS":
            width = max((len(row) for row in cells), default=0)
            cells = [[row[k] if k < len(row) else None for row in cells] for k in range(width)]
            for i, col in enumerate(cells):
                last = max((j for j, cell in enumerate(col) if cell is not None and cell.has_value), default=-1)
                cells[i] = col[:last + 1]
        while cells and not cells[-1]:
            cells.pop()
        return [[render(cell, vro, dtro) for cell in row] for row in cells]

    # --- internals: HTTP ---------------------------------------------------------------------------------
    def _take(self, queue: list[_Queued], path: str) -> _Queued | None:
        with self._lock:
            for item in queue:
                if item.match is None or item.match in path:
                    item.times -= 1
                    if item.times <= 0:
                        queue.remove(item)
                    return item
        return None

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        raw = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        split = urllib.parse.urlsplit(handler.path)
        raw_path = split.path
        path = urllib.parse.unquote(raw_path)
        query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
        method = handler.command
        broken: _Queued | None = None
        if raw_path == "/token":
            fault = self._take(self._token_faults, "/token")
            if fault is not None and fault.payload == "hang":
                self._stopping.wait(fault.extra["seconds"])
                fault = None
            status, headers, body, rec = self._token(method, raw, issue=fault is None)
            if isinstance(fault, _Queued) and isinstance(fault.payload, int):
                status, headers, body = self._token_fault(fault.payload, fault.extra["body"])
            else:
                broken = fault
            with self._lock:
                self.token_requests.append(rec)
        else:
            wire = len(raw)
            encoding = handler.headers.get("Content-Encoding")
            if encoding == "gzip" and self.accept_gzip:
                with contextlib.suppress(OSError, EOFError):  # not gzip after all: read as it came (a 400)
                    raw = gzip.decompress(raw)
            try:
                parsed = json.loads(raw) if raw else None
            except ValueError:
                parsed = None
            rec = Record(method, path, query, parsed, bytes_in=wire, raw=raw,
                         content_type=handler.headers.get("Content-Type"), content_encoding=encoding)
            with self._lock:
                self.requests.append(rec)
            auth = handler.headers.get("Authorization")
            status, headers, body = self._api(method, raw_path, path, query, raw, rec, auth)
            if status == 200:
                broken = self._take(self._answers, path)
        announced = None
        if broken is not None:
            status, headers, body, announced = self._broken(broken.payload, broken.extra["body"], headers, body)
        rec.status = status
        rec.bytes_out = len(body)
        if announced == -1:  # "drop": no answer at all
            handler.close_connection = True
            return
        try:
            handler.send_response(status)
            for key, value in headers.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(body) if announced is None else announced))
            handler.end_headers()
            handler.wfile.write(body)
        except OSError:
            pass  # the client gave up (a timeout); the exchange is still in the log
        if announced is not None:
            handler.close_connection = True  # fewer bytes than announced: the connection must end

    @staticmethod
    def _broken(kind: str, given: Any, headers: dict[str, str], body: bytes
                ) -> tuple[int, dict[str, str], bytes, int | None]:
        """A 200 answer as it arrives broken: (status, headers, bytes sent, Content-Length announced
        if not len(bytes sent), -1 for no answer at all)."""
        json_type = {**headers, "Content-Type": "application/json; charset=UTF-8"}
        if kind == "html":
            page = HTML_PAGE.format(code=200, title="OK", text="Please sign in to continue to the network.")
            return 200, {**headers, "Content-Type": "text/html; charset=UTF-8"}, page.encode(), None
        if kind == "text":
            return 200, json_type, b"upstream connect error or disconnect/reset before headers", None
        if kind == "json":
            return 200, json_type, (json.dumps(given, indent=2, ensure_ascii=False) + "\n").encode(), None
        if kind == "cut":
            return 200, headers, body[: len(body) // 2], None
        if kind == "truncated":
            return 200, headers, body[: len(body) // 2], len(body)
        return 200, headers, b"", -1  # "drop"

    @staticmethod
    def _token_fault(status: int, given: Any) -> tuple[int, dict[str, str], bytes]:
        if isinstance(given, str):
            return status, {"Content-Type": "text/html; charset=UTF-8"}, given.encode()
        if given is None:
            given = ({"error": "internal_failure", "error_description": "Backend Error"} if status >= 500
                     else {"error": "invalid_request", "error_description": "Bad Request"})
        return status, {"Content-Type": "application/json; charset=utf-8"}, (json.dumps(given, indent=2) + "\n").encode()

    def _api(self, method: str, raw_path: str, path: str, query: dict[str, list[str]], raw: bytes,
             rec: Record, auth: str | None) -> tuple[int, dict[str, str], bytes]:
        delay = self._take(self._delays, path)
        if delay is not None and not delay.extra["apply_first"]:
            self._stopping.wait(delay.payload)
        fault = self._take(self._faults, path)
        if fault is not None:
            answer = self._fault(method, fault)
        else:
            try:
                answer = self._json(200, self._call(method, raw_path, path, query, raw, rec, auth), query)
            except ApiError as exc:
                answer = self._json(exc.code, exc.body(), {}, exc.headers)
            except _Html as exc:
                answer = exc.code, {"Content-Type": "text/html; charset=UTF-8"}, exc.page.encode()
            except Exception as exc:  # a bug in the fake or a hook: answered as Google's 500
                with self._lock:
                    self.errors.append(f"{method} {path}: {type(exc).__name__}: {exc}")
                answer = self._json(500, ApiError(500, "Internal error encountered.").body(), {})
        if delay is not None and delay.extra["apply_first"]:
            self._stopping.wait(delay.payload)
        return answer

    def _fault(self, method: str, fault: _Queued) -> tuple[int, dict[str, str], bytes]:
        status = fault.payload
        headers: dict[str, str] = {}
        if fault.extra["retry_after"] is not None:
            headers["Retry-After"] = str(fault.extra["retry_after"])
        given = fault.extra.get("body")
        if isinstance(given, str):
            return status, {"Content-Type": "text/html; charset=UTF-8", **headers}, given.encode()
        if given is not None:
            return status, {"Content-Type": "application/json; charset=UTF-8", **headers}, json.dumps(given).encode()
        if fault.extra["html"]:
            text = (fault.extra["message"] or "The server encountered a temporary error and could not complete "
                    "your request.<p>Please try again in 30 seconds.")
            page = HTML_PAGE.format(code=status, title=HTML_TITLES.get(status, "Error"), text=text)
            return status, {"Content-Type": "text/html; charset=UTF-8", **headers}, page.encode()
        if status == 429:
            kind = "Read" if method == "GET" else "Write"
            message = fault.extra["message"] or (
                f"Quota exceeded for quota metric '{kind} requests' and limit '{kind} requests per minute per user' "
                f"of service 'sheets.googleapis.com' for consumer 'project_number:{PROJECT_NUMBER}'.")
            details = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED",
                        "domain": "googleapis.com", "metadata": {
                            "quota_location": "global", "quota_metric": f"sheets.googleapis.com/{kind.lower()}_requests",
                            "quota_limit": f"{kind}RequestsPerMinutePerUser", "quota_limit_value": "60",
                            "consumer": f"projects/{PROJECT_NUMBER}", "service": "sheets.googleapis.com"}},
                       {"@type": "type.googleapis.com/google.rpc.Help", "links": [
                           {"description": "Request a higher quota limit.",
                            "url": "https://cloud.google.com/docs/quotas/help/request_increase"}]}]
            err = ApiError(429, message, details=details)
        else:
            err = ApiError(status, fault.extra["message"] or DEFAULT_MESSAGES.get(status, "Injected failure."))
        return self._json(status, err.body(), {}, headers)

    @staticmethod
    def _json(status: int, body: dict, query: dict[str, list[str]], headers: dict[str, str] | None = None
              ) -> tuple[int, dict[str, str], bytes]:
        """Google's layout: 2-space indented JSON and a final newline (every recorded body)."""
        if status == 200 and query.get("fields"):
            body = apply_mask(body, parse_mask(query["fields"][0]))
        compact = status == 200 and query.get("prettyPrint", ["true"])[0].lower() == "false"
        text = json.dumps(body, ensure_ascii=False) if compact else json.dumps(body, indent=2, ensure_ascii=False) + "\n"
        return status, {"Content-Type": "application/json; charset=UTF-8", "Vary": "Origin, X-Origin, Referer",
                        "Cache-Control": "private", "X-Content-Type-Options": "nosniff", **(headers or {})}, text.encode()

    # --- /token ----------------------------------------------------------------------------------------
    def _token(self, method: str, raw: bytes, issue: bool = True) -> tuple[int, dict[str, str], bytes, Record]:
        """OAuth2 JWT-bearer grant as oauth2.googleapis.com/token answers it: the RS256 signature is
        checked with the registered key (by kid), iss must be a known service account, aud the token
        URI or Google's (google-auth always sends https://oauth2.googleapis.com/token), exp in the future and at most an hour after iat, and a scope must be asked for. Errors are
        400 {"error": "invalid_grant", "error_description": "Invalid JWT Signature."} and the like."""
        form = {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode("utf-8", "replace")).items()}
        rec = Record(method, "/token", {}, dict(form), bytes_in=len(raw))
        headers = {"Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache, no-store, max-age=0, must-revalidate"}

        def fail(error: str, description: str, status: int = 400) -> tuple[int, dict[str, str], bytes, Record]:
            body = json.dumps({"error": error, "error_description": description}, indent=2) + "\n"
            return status, headers, body.encode(), rec

        if method != "POST":
            return fail("invalid_request", "Invalid request method.", 405)
        grant = form.get("grant_type", "")
        if grant != JWT_GRANT:
            return fail("unsupported_grant_type", f"Invalid grant_type: {grant}")
        try:
            head_b64, claims_b64, sig_b64 = form.get("assertion", "").split(".")
            header = json.loads(unb64url(head_b64))
            claims = json.loads(unb64url(claims_b64))
            signature = unb64url(sig_b64)
        except (ValueError, TypeError):
            return fail("invalid_grant", "Invalid JWT Signature.")
        rec.body["claims"] = claims
        email = claims.get("iss")
        with self._lock:
            keys = [k for k in self._keys.values() if k.email == email]
        if not keys:
            return fail("invalid_grant", "Invalid grant: account not found")
        if header.get("alg") != "RS256":
            return fail("invalid_grant", "Invalid JWT Signature.")
        if header.get("kid"):
            keys = [k for k in keys if k.key_id == header["kid"]]
        signed = f"{head_b64}.{claims_b64}".encode()
        for key in keys:
            try:
                key.public_key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
                break
            except InvalidSignature:
                continue
        else:
            return fail("invalid_grant", "Invalid JWT Signature.")
        if claims.get("aud") not in (self.token_uri, *GOOGLE_AUDIENCES):
            return fail("invalid_grant", "Invalid JWT: Failed audience check.")
        now = time.time()
        exp, iat = claims.get("exp"), claims.get("iat")
        if not isinstance(exp, int | float) or not isinstance(iat, int | float) or exp <= now \
                or exp - iat > 3600 or iat > now + 300:
            return fail("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
                                         "reasonable timeframe. Check your iat and exp values in the JWT claim.")
        scopes = set(str(claims.get("scope") or "").split())
        if not scopes:
            return fail("invalid_scope", "Invalid OAuth scope or ID token audience provided.")
        token = "ya29.fake-" + secrets.token_urlsafe(48)
        with self._lock:
            if issue:  # a token whose answer is then broken (inject_token) never works
                self._tokens[token] = _Token(email, scopes, time.monotonic() + TOKEN_LIFETIME)
        rec.email = email
        body = json.dumps({"access_token": token, "expires_in": TOKEN_LIFETIME, "token_type": "Bearer"}) + "\n"
        return 200, headers, body.encode(), rec

    # --- the API ---------------------------------------------------------------------------------------
    def _authenticate(self, auth: str | None, api_method: str) -> _Token:
        """No credentials: 403 "The request is missing a valid API key."; an unknown or expired token:
        401 UNAUTHENTICATED; a token without a Sheets or Drive scope: 403 insufficient scopes."""
        if not auth:
            raise ApiError(403, "The request is missing a valid API key.")
        scheme, _, token = auth.partition(" ")
        with self._lock:
            issued = self._tokens.get(token) if scheme.lower() == "bearer" else None
        if issued is None or issued.expires < time.monotonic():
            raise ApiError(401, "Request had invalid authentication credentials. Expected OAuth 2 access token, "
                                "login cookie or other valid authentication credential. See "
                                "https://developers.google.com/identity/sign-in/web/devconsole-project.",
                           details=[{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                     "reason": "ACCESS_TOKEN_EXPIRED" if issued else "ACCESS_TOKEN_TYPE_UNSUPPORTED",
                                     "domain": "googleapis.com",
                                     "metadata": {"service": "sheets.googleapis.com", "method": RPC[api_method]}}],
                           headers={"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"'})
        wanted = READ_SCOPES if api_method in READ_METHODS else WRITE_SCOPES
        if not issued.scopes & wanted:
            raise ApiError(403, "Request had insufficient authentication scopes.",
                           details=[{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                     "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "domain": "googleapis.com",
                                     "metadata": {"service": "sheets.googleapis.com", "method": RPC[api_method]}}])
        return issued

    def _call(self, method: str, raw_path: str, path: str, query: dict[str, list[str]], raw: bytes,
              rec: Record, auth: str | None) -> dict:
        route = None
        for pattern, verb, name in ROUTES:
            m = pattern.match(raw_path)
            if m and verb == method:
                route = name, [urllib.parse.unquote(g) for g in m.groups()]
                break
        if route is None:
            if re.match(r"^/v4/spreadsheets/?$", raw_path) and method == "POST":
                raise ApiError(501, "FakeSheets does not implement spreadsheets.create.")
            raise _Html(404, HTML_PAGE.format(code=404, title="Not Found",
                                              text=f"The requested URL <code>{path}</code> was not found on this server."))
        name, args = route
        token = self._authenticate(auth, name)
        rec.email = token.email
        validator = Validator(discovery_document())
        validator.check_query(name, query)
        if query.get("fields"):
            try:
                parse_mask(query["fields"][0])
            except ValueError:
                msg = f"Invalid field selection {query['fields'][0]}"
                raise bad(msg, [("fields", msg)]) from None
        body: Any = None
        if method in ("POST", "PUT"):
            try:  # UTF-8 only, as JSON on the wire is (RFC 8259); json.loads would guess UTF-16 or -32 too
                body = json.loads(raw.decode("utf-8")) if raw.strip() else {}
            except ValueError as exc:
                msg = f"Invalid JSON payload received. Unexpected token.\n{raw[:40].decode('utf-8', 'replace')}\n^ ({exc})"
                raise bad(msg, [(None, msg)]) from None
            schema = validator.method(name).get("request", {}).get("$ref")
            if schema:
                validator.check_body(schema, body, "data" if name in ("values.update", "values.append") else "")
        sid = args[0]
        with self._lock:
            ss = self._books.get(sid)
            if ss is None:
                raise ApiError(404, "Requested entity was not found.")
            role = ss.shared.get(token.email)
            if role is None or (role == "reader" and name not in READ_METHODS):
                raise ApiError(403, "The caller does not have permission")
        for hook in list(self._hooks):
            hook(method, path, body)
        with self._lock:
            ss = self._books.get(sid)
            if ss is None:
                raise ApiError(404, "Requested entity was not found.")
            handler = getattr(self, "_m_" + name.replace(".", "_"))
            return handler(ss, args[1:], query, body, token.email)

    # spreadsheets.get --------------------------------------------------------------------------------
    def _m_get(self, ss: Spreadsheet, _: list, query: dict, body: Any, email: str) -> dict:
        """Metadata as in every recorded `GET spreadsheets/{id}?includeGridData=false`: spreadsheetId,
        properties (title, locale, autoRecalc, timeZone, defaultFormat, spreadsheetTheme), sheets
        (properties; protectedRanges and conditionalFormats when there are some), spreadsheetUrl.
        `ranges` limits the answer to the sheets they touch; grid data comes with includeGridData=true
        or a `fields` mask naming sheets.data (WorksheetTest.test_format.json)."""
        if query.get("fields"):
            mask = parse_mask(query["fields"][0])
            with_data = mask is None or ("sheets" in mask and (mask["sheets"] is None or "data" in mask["sheets"]))
        else:
            with_data = query.get("includeGridData", ["false"])[0].lower() == "true"
        boxes: dict[int, list[Box]] = {}
        for text in query.get("ranges", []):
            box = resolve(ss, text)
            box.check_grid()
            boxes.setdefault(box.sheet.sheet_id, []).append(box)
        return spreadsheet_json(ss, boxes if query.get("ranges") else None, with_data)

    # spreadsheets.batchUpdate --------------------------------------------------------------------------
    def _m_batchUpdate(self, ss: Spreadsheet, _: list, query: dict, body: dict, email: str) -> dict:
        """All requests apply, or none (the work is done on a copy). Replies mirror the requests:
        {"addSheet": {"properties": ...}} (SpreadsheetTest.test_add_del_worksheet.json),
        {"addProtectedRange": {"protectedRange": ...}} (WorksheetTest.test_add_protected_range_*.json),
        {} for the others (test_add_validation.json, test_freeze.json, test_sort.json ...)."""
        requests = body.get("requests") or []
        if not requests:
            raise bad("Must specify at least one request.")
        work = ss.clone()
        replies = []
        for i, request in enumerate(requests):
            kinds = [k for k, v in request.items() if v is not None]
            if not kinds:
                raise bad(f"Invalid requests[{i}]: No request set.")
            if len(kinds) > 1:
                msg = (f"Invalid value at 'requests[{i}]' (oneof), oneof field 'kind' is already set. "
                       f"Cannot set '{kinds[1]}'")
                raise bad(msg, [(f"requests[{i}]", msg)])
            kind = kinds[0]
            handler = getattr(self, "_r_" + kind, None)
            if handler is None:
                raise bad(f"Invalid requests[{i}].{kind}: FakeSheets does not implement {kind} requests.")
            replies.append(handler(work, request[kind], f"requests[{i}].{kind}", email))
        self._books[ss.sid] = work
        out: dict[str, Any] = {"spreadsheetId": ss.sid, "replies": replies}
        if body.get("includeSpreadsheetInResponse"):
            out["updatedSpreadsheet"] = spreadsheet_json(work, None, bool(body.get("responseIncludeGridData")))
        return out

    def _grid(self, ss: Spreadsheet, gr: dict | None, where: str) -> tuple[Sheet, int, int, int, int]:
        gr = gr or {}
        sheet = ss.by_id(int(gr.get("sheetId") or 0))
        if sheet is None:
            raise bad(f"Invalid {where}: No grid with id: {int(gr.get('sheetId') or 0)}")
        r0 = int(gr.get("startRowIndex") or 0)
        c0 = int(gr.get("startColumnIndex") or 0)
        r1 = sheet.row_count if gr.get("endRowIndex") is None else int(gr["endRowIndex"])
        c1 = sheet.col_count if gr.get("endColumnIndex") is None else int(gr["endColumnIndex"])
        if r0 > r1 or c0 > c1 or r0 < 0 or c0 < 0:
            raise bad(f"Invalid {where}: The start index of the range must be less than or equal to the end index.")
        if r1 > sheet.row_count or c1 > sheet.col_count:
            msg = (f"Range ({a1_range(sheet.title, r0, max(r1, r0 + 1), c0, max(c1, c0 + 1))}) exceeds grid limits. "
                   f"Max rows: {sheet.row_count}, max columns: {sheet.col_count}")
            raise bad(f"Invalid {where}: {msg}")
        return sheet, r0, r1, c0, c1

    def _r_addSheet(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        props = req.get("properties") or {}
        title = props.get("title")
        if not title:
            n = len(ss.sheets) + 1
            while ss.by_title(f"Sheet{n}"):
                n += 1
            title = f"Sheet{n}"
        if ss.by_title(title) is not None:
            raise bad(f'Invalid {where}: A sheet with the name "{title}" already exists. Please enter another name.')
        if props.get("sheetType", "GRID") not in ("GRID", 0, 1):
            raise bad(f"Invalid {where}: FakeSheets only makes GRID sheets.")
        sheet_id = props.get("sheetId")
        if sheet_id is not None:
            if ss.by_id(int(sheet_id)) is not None:
                raise bad(f"Invalid {where}: Sheet with id {sheet_id} already exists.")
            sheet_id = int(sheet_id)
        else:
            sheet_id = self._new_sheet_id(ss)
        grid = props.get("gridProperties") or {}
        sheet = Sheet(sheet_id, title, int(grid.get("rowCount") or DEFAULT_ROWS), int(grid.get("columnCount") or DEFAULT_COLS))
        sheet.frozen_rows = int(grid.get("frozenRowCount") or 0)
        sheet.frozen_cols = int(grid.get("frozenColumnCount") or 0)
        sheet.hidden = bool(props.get("hidden"))
        for key in ("tabColor", "tabColorStyle", "rightToLeft"):
            if props.get(key) is not None:
                sheet.extra[key] = copy.deepcopy(props[key])
        index = props.get("index")
        ss.sheets.insert(len(ss.sheets) if index is None else min(int(index), len(ss.sheets)), sheet)
        return {"addSheet": {"properties": sheet_properties(sheet, ss.index_of(sheet))}}

    def _r_deleteSheet(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        sheet = ss.by_id(int(req.get("sheetId") or 0))
        if sheet is None:
            raise bad(f"Invalid {where}: No sheet with id: {int(req.get('sheetId') or 0)}")
        if len(ss.sheets) == 1:
            raise bad(f"Invalid {where}: You can't remove all the sheets in a document.")
        ss.sheets.remove(sheet)
        return {}

    def _r_updateSheetProperties(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        """`fields` masks as gspread sends them ("gridProperties/frozenRowCount", WorksheetTest.test_freeze.json;
        "title", test_update_title.json; "gridProperties/rowCount,gridProperties/columnCount",
        test_get_all_values.json) or with dots; a field in the mask but not in `properties` is reset."""
        props = req.get("properties") or {}
        sheet = ss.by_id(int(props.get("sheetId") or 0))
        if sheet is None:
            raise bad(f"Invalid {where}: No sheet with id: {int(props.get('sheetId') or 0)}")
        if not req.get("fields"):
            raise bad(f"Invalid {where}: At least one field must be specified.")
        try:
            tree = parse_mask(req["fields"])
        except ValueError:
            raise bad(f"Invalid {where}: Invalid field mask: {req['fields']}") from None
        paths = [p for p in mask_paths(tree)] if tree is not None else [(k,) for k in props]
        grid_in = props.get("gridProperties") or {}
        for path in paths:
            top = path[0]
            if top == "gridProperties":
                subs = [path[1]] if len(path) > 1 else (list(grid_in) or ["frozenRowCount", "frozenColumnCount"])
                for sub in subs:
                    value = grid_in.get(sub)
                    if sub == "rowCount":
                        if not value or int(value) < 1:
                            raise bad(f"Invalid {where}: Invalid rowCount: {value}")
                        sheet.row_count = int(value)
                    elif sub == "columnCount":
                        if not value or int(value) < 1:
                            raise bad(f"Invalid {where}: Invalid columnCount: {value}")
                        sheet.col_count = int(value)
                    elif sub == "frozenRowCount":
                        sheet.frozen_rows = int(value or 0)
                    elif sub == "frozenColumnCount":
                        sheet.frozen_cols = int(value or 0)
                    elif value is None:
                        sheet.extra.pop(f"grid.{sub}", None)
                    else:
                        sheet.extra[f"grid.{sub}"] = value
                sheet.truncate()
            elif top == "title":
                title = props.get("title")
                if not title:
                    raise bad(f"Invalid {where}: The sheet name must not be empty.")
                if any(s is not sheet and s.title.casefold() == title.casefold() for s in ss.sheets):
                    raise bad(f'Invalid {where}: A sheet with the name "{title}" already exists. Please enter another name.')
                sheet.title = title
            elif top == "index":
                ss.sheets.remove(sheet)
                ss.sheets.insert(min(int(props.get("index") or 0), len(ss.sheets)), sheet)
            elif top == "hidden":
                sheet.hidden = bool(props.get("hidden"))
                if all(s.hidden for s in ss.sheets):
                    raise bad(f"Invalid {where}: You can't hide all the sheets in a document.")
            elif top in ("sheetId", "sheetType"):
                continue
            elif props.get(top) is None:
                sheet.extra.pop(top, None)
            else:
                sheet.extra[top] = copy.deepcopy(props[top])
        if sheet.frozen_rows >= sheet.row_count:
            raise bad(f"Invalid {where}: You can't freeze all visible rows on the sheet.")
        if sheet.frozen_cols >= sheet.col_count:
            raise bad(f"Invalid {where}: You can't freeze all visible columns on the sheet.")
        return {}

    def _r_updateSpreadsheetProperties(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        """timeZone and locale as in SpreadsheetTest.test_timezone_and_locale.json."""
        props = req.get("properties") or {}
        if not req.get("fields"):
            raise bad(f"Invalid {where}: At least one field must be specified.")
        tree = parse_mask(req["fields"])
        for path in (mask_paths(tree) if tree is not None else [(k,) for k in props]):
            top = path[0]
            if top == "title":
                ss.title = props.get("title") or ss.title
            elif top == "locale":
                ss.locale = props.get("locale") or "en_US"
            elif top == "timeZone":
                ss.time_zone = props.get("timeZone") or "Etc/GMT"
            elif top == "autoRecalc":
                ss.auto_recalc = props.get("autoRecalc") or "ON_CHANGE"
        return {}

    def _r_setDataValidation(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        """The rule is set on every cell of the range (no rule clears it); kept with false flags and empty
        strings left out, as Google answers it (WorksheetTest.test_add_validation.json)."""
        sheet, r0, r1, c0, c1 = self._grid(ss, req.get("range"), where)
        rule = req.get("rule")
        rule = normalise_rule(drop_nulls(rule)) if rule else None
        if rule is not None and not rule.get("condition"):
            raise bad(f"Invalid {where}: The condition of a data validation rule must be set.")
        for r in range(r0, r1):
            for c in range(c0, c1):
                old = sheet.cell(r, c)
                if old is None and rule is None:
                    continue
                cell = replace(old, validation=rule) if old else Cell(validation=rule)
                sheet.put(r, c, cell if cell.has_value or cell.validation or cell.fmt else None)
        return {}

    def _r_addProtectedRange(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        """Stored with the requesting service account added to the editors and requestingUserCanEdit
        true; the reply echoes the editors as sent (empty lists left out), exactly as
        WorksheetTest.test_add_protected_range_normal.json and _warning.json show."""
        pr = drop_nulls(req.get("protectedRange") or {})
        if "range" not in pr:
            raise bad(f"Invalid {where}: FakeSheets needs a range (named ranges are not supported).")
        sheet, *_ = self._grid(ss, pr["range"], where)
        editors_in = {k: v for k, v in (pr.get("editors") or {}).items() if v not in ([], False, None)}
        if pr.get("warningOnly") and editors_in:
            raise bad(f"Invalid {where}: Editors are not supported with warning-only protection.")
        pid = pr.get("protectedRangeId")
        if pid is not None and any(p["protectedRangeId"] == pid for s in ss.sheets for p in s.protected):
            raise bad(f"Invalid {where}: A protected range with id {pid} already exists.")
        stored: dict[str, Any] = {"protectedRangeId": int(pid) if pid is not None else self._new_protected_id(ss),
                                  "range": grid_range_out(pr["range"])}
        if pr.get("description"):
            stored["description"] = pr["description"]
        if pr.get("warningOnly"):
            stored["warningOnly"] = True
        stored["requestingUserCanEdit"] = True
        if pr.get("unprotectedRanges"):
            stored["unprotectedRanges"] = [grid_range_out(g) for g in pr["unprotectedRanges"]]
        reply = {**copy.deepcopy(stored), "editors": copy.deepcopy(editors_in)}
        editors = copy.deepcopy(editors_in)
        editors["users"] = sorted({email, *editors_in.get("users", [])})
        stored["editors"] = editors
        sheet.protected.append(stored)
        return {"addProtectedRange": {"protectedRange": reply}}

    def _r_updateProtectedRange(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        pr = drop_nulls(req.get("protectedRange") or {})
        found = [(s, p) for s in ss.sheets for p in s.protected if p["protectedRangeId"] == pr.get("protectedRangeId")]
        if not found:
            raise bad(f"Invalid {where}: No protected range with id: {pr.get('protectedRangeId')}")
        sheet, stored = found[0]
        tree = parse_mask(req.get("fields") or "*")
        for path in (mask_paths(tree) if tree is not None else [(k,) for k in pr if k != "protectedRangeId"]):
            top = path[0]
            if top == "range":
                target, *_ = self._grid(ss, pr.get("range"), where)
                if target is not sheet:
                    sheet.protected.remove(stored)
                    target.protected.append(stored)
                    sheet = target
                stored["range"] = grid_range_out(pr.get("range") or {})
            elif top == "editors":
                editors = {k: v for k, v in (pr.get("editors") or {}).items() if v not in ([], False)}
                editors["users"] = sorted({email, *editors.get("users", [])})
                stored["editors"] = editors
            elif top in ("description", "warningOnly", "unprotectedRanges"):
                if pr.get(top):
                    stored[top] = copy.deepcopy(pr[top])
                else:
                    stored.pop(top, None)
        return {}

    def _r_deleteProtectedRange(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        pid = req.get("protectedRangeId")
        for sheet in ss.sheets:
            for p in sheet.protected:
                if p["protectedRangeId"] == pid:
                    sheet.protected.remove(p)
                    return {}
        raise bad(f"Invalid {where}: No protected range with id: {pid}")

    def _r_addConditionalFormatRule(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        rule = drop_nulls(req.get("rule") or {})
        if not rule.get("ranges"):
            raise bad(f"Invalid {where}: The rule must have at least one range.")
        sheets = {self._grid(ss, gr, where)[0].sheet_id for gr in rule["ranges"]}
        if len(sheets) > 1:
            raise bad(f"Invalid {where}: All ranges of a conditional format rule must be on the same sheet.")
        sheet = ss.by_id(sheets.pop())
        assert sheet is not None
        stored = {"ranges": [grid_range_out(gr) for gr in rule["ranges"]]}
        for key in ("booleanRule", "gradientRule"):
            if key in rule:
                stored[key] = normalise_format(rule[key])
        index = int(req.get("index") or 0)
        if index > len(sheet.cond_formats):
            raise bad(f"Invalid {where}: index {index} is past the end of the rules.")
        sheet.cond_formats.insert(index, stored)
        return {}

    def _r_deleteConditionalFormatRule(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        sheet = ss.by_id(int(req.get("sheetId") or 0))
        index = int(req.get("index") or 0)
        if sheet is None or index >= len(sheet.cond_formats):
            raise bad(f"Invalid {where}: No conditional format on sheet {req.get('sheetId')} at index {index}.")
        return {"deleteConditionalFormatRule": {"rule": sheet.cond_formats.pop(index)}}

    def _r_createDeveloperMetadata(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        """Metadata on a sheet (`location.sheetId`) or on rows or columns (`location.dimensionRange`, inside
        the grid); the reply holds it with its metadataId and locationType, as Google answers."""
        given = copy.deepcopy(req.get("developerMetadata") or {})
        if not given.get("metadataKey"):
            raise bad(f"Invalid {where}: metadataKey is required.")
        location = given.get("location") or {}
        used = {m["metadataId"] for sh in ss.sheets for m in sh.dev_meta}
        if location.get("dimensionRange") is not None:
            sheet, dim, start, end = self._dimension(ss, location["dimensionRange"], where)
            if end > (sheet.row_count if dim == "ROWS" else sheet.col_count) or end <= start:
                raise bad(f"Invalid {where}: Range exceeds grid limits.")
            place = {"locationType": "ROW" if dim == "ROWS" else "COLUMN",
                     "dimensionRange": {"sheetId": sheet.sheet_id, "dimension": dim, "startIndex": start, "endIndex": end}}
        elif location.get("sheetId") is not None:
            found = ss.by_id(int(location["sheetId"]))
            if found is None:
                raise bad(f"Invalid {where}: No sheet with id: {location['sheetId']}")
            sheet, place = found, {"locationType": "SHEET", "sheetId": found.sheet_id}
        else:
            raise bad(f"Invalid {where}: FakeSheets keeps developer metadata on sheets, rows and columns only.")
        metadata_id = given.get("metadataId")
        if metadata_id is None:
            metadata_id = self._rng.randrange(1, 2 ** 31)
            while metadata_id in used:
                metadata_id = self._rng.randrange(1, 2 ** 31)
        elif int(metadata_id) in used:
            raise bad(f"Invalid {where}: Developer metadata with id {metadata_id} already exists.")
        entry = {"metadataId": int(metadata_id), "metadataKey": given["metadataKey"],
                 **({"metadataValue": given["metadataValue"]} if given.get("metadataValue") is not None else {}),
                 "location": place, "visibility": given.get("visibility") or "DOCUMENT"}
        sheet.dev_meta.append(entry)
        return {"createDeveloperMetadata": {"developerMetadata": copy.deepcopy(entry)}}

    def _r_deleteDeveloperMetadata(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        """By a developerMetadataLookup on metadataId and/or metadataKey; matching nothing deletes nothing."""
        lookup = ((req.get("dataFilter") or {}).get("developerMetadataLookup")) or {}
        if lookup.get("metadataId") is None and not lookup.get("metadataKey"):
            raise bad(f"Invalid {where}: FakeSheets looks developer metadata up by metadataId or metadataKey only.")
        deleted = []
        for sheet in ss.sheets:
            kept = []
            for m in sheet.dev_meta:
                if ((lookup.get("metadataId") is None or m["metadataId"] == int(lookup["metadataId"]))
                        and (not lookup.get("metadataKey") or m["metadataKey"] == lookup["metadataKey"])):
                    deleted.append(m)
                else:
                    kept.append(m)
            sheet.dev_meta = kept
        return {"deleteDeveloperMetadata": {"deletedDeveloperMetadata": deleted} if deleted else {}}

    def _dimension(self, ss: Spreadsheet, dr: dict, where: str) -> tuple[Sheet, str, int, int]:
        sheet = ss.by_id(int(dr.get("sheetId") or 0))
        if sheet is None:
            raise bad(f"Invalid {where}: No grid with id: {int(dr.get('sheetId') or 0)}")
        dim = dr.get("dimension")
        if dim not in ("ROWS", "COLUMNS"):
            raise bad(f"Invalid {where}: dimension must be ROWS or COLUMNS.")
        size = sheet.row_count if dim == "ROWS" else sheet.col_count
        start = int(dr.get("startIndex") or 0)
        end = size if dr.get("endIndex") is None else int(dr["endIndex"])
        if start < 0 or end < start:
            raise bad(f"Invalid {where}: The start index of the range must be less than or equal to the end index.")
        return sheet, dim, start, end

    def _r_insertDimension(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        """WorksheetTest.test_insert_row.json: rows move down, the grid grows."""
        sheet, dim, start, end = self._dimension(ss, req.get("range") or {}, where)
        size = sheet.row_count if dim == "ROWS" else sheet.col_count
        if start > size or end == start:
            raise bad(f"Invalid {where}: Invalid range: start {start}, end {end}, sheet size {size}.")
        if req.get("inheritFromBefore") and start == 0:
            raise bad(f"Invalid {where}: Cannot inherit from before when inserting at the start.")
        _insert(sheet, dim, start, end)
        return {}

    def _r_appendDimension(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        sheet = ss.by_id(int(req.get("sheetId") or 0))
        if sheet is None:
            raise bad(f"Invalid {where}: No grid with id: {int(req.get('sheetId') or 0)}")
        length = int(req.get("length") or 0)
        if length < 1:
            raise bad(f"Invalid {where}: length must be positive.")
        if req.get("dimension") == "ROWS":
            sheet.row_count += length
        else:
            sheet.col_count += length
        return {}

    def _r_deleteDimension(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        """WorksheetTest.test_delete_row.json: rows below move up."""
        sheet, dim, start, end = self._dimension(ss, req.get("range") or {}, where)
        size = sheet.row_count if dim == "ROWS" else sheet.col_count
        if end > size:
            raise bad(f"Invalid {where}: Range exceeds grid limits.")
        if start == 0 and end >= size:
            noun = "rows" if dim == "ROWS" else "columns"
            raise bad(f"Invalid {where}: You can't delete all the {noun} on the sheet.")
        _delete(sheet, dim, start, end)
        return {}

    def _r_sortRange(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        """Rows of the range reordered by the sortSpecs (WorksheetTest.test_sort.json): blanks last,
        numbers before text before booleans, text compared without case, stable."""
        sheet, r0, r1, c0, c1 = self._grid(ss, req.get("range"), where)
        specs = req.get("sortSpecs") or [{"dimensionIndex": c0, "sortOrder": "ASCENDING"}]
        rows = [[sheet.cell(r, c) for c in range(c0, c1)] for r in range(r0, r1)]
        for spec in reversed(specs):
            col = int(spec.get("dimensionIndex") or 0) - c0
            if not 0 <= col < c1 - c0:
                raise bad(f"Invalid {where}: dimensionIndex {spec.get('dimensionIndex')} is outside the range.")
            descending = spec.get("sortOrder") == "DESCENDING"
            filled = [row for row in rows if row[col] is not None and row[col].has_value]
            blank = [row for row in rows if not (row[col] is not None and row[col].has_value)]
            filled.sort(key=lambda row, col=col: _sort_key(row[col]), reverse=descending)
            rows = filled + blank
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                sheet.put(r0 + i, c0 + j, cell)
        return {}

    def _r_repeatCell(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        """userEnteredFormat and dataValidation (and userEnteredValue) of `cell` set on every cell of the
        range through the `fields` mask ("userEnteredFormat(backgroundColor,...)": WorksheetTest.test_format.json)."""
        sheet, r0, r1, c0, c1 = self._grid(ss, req.get("range"), where)
        source = drop_nulls(req.get("cell") or {})
        if not req.get("fields"):
            raise bad(f"Invalid {where}: At least one field must be specified.")
        tree = parse_mask(req["fields"])
        for r in range(r0, r1):
            for c in range(c0, c1):
                old = sheet.cell(r, c) or Cell()
                sheet.put(r, c, _apply_cell_mask(old, source, tree))
        return {}

    def _r_updateDimensionProperties(self, ss: Spreadsheet, req: dict, where: str, email: str) -> dict:
        """Accepted and kept as sent (hiddenByUser, pixelSize: WorksheetTest.test_hide_columns_rows.json)."""
        sheet, *_ = self._dimension(ss, req.get("range") or {}, where)
        sheet.dimension_properties.append(copy.deepcopy(req))
        return {}

    # values ------------------------------------------------------------------------------------------------
    @staticmethod
    def _options(query: dict) -> tuple[str, str, str]:
        return (query.get("valueRenderOption", ["FORMATTED_VALUE"])[0],
                query.get("dateTimeRenderOption", ["SERIAL_NUMBER"])[0],
                query.get("majorDimension", ["ROWS"])[0])

    def _value_range(self, box: Box, vro: str, dtro: str, major: str) -> dict:
        """{"range": "Sheet1!A1:D4", "majorDimension": "ROWS", "values": [...]}; no "values" key at all for
        an empty range (WorksheetTest.test_get_all_values.json reads of A1:D1 before the write)."""
        out: dict[str, Any] = {"range": box.echo(), "majorDimension": "COLUMNS" if major == "COLUMNS" else "ROWS"}
        values = self._read(box, vro, dtro, major)
        if values:
            out["values"] = values
        return out

    def _m_values_get(self, ss: Spreadsheet, args: list, query: dict, body: Any, email: str) -> dict:
        box = resolve(ss, args[0])
        box.check_grid()
        return self._value_range(box, *self._options(query))

    def _m_values_batchGet(self, ss: Spreadsheet, args: list, query: dict, body: Any, email: str) -> dict:
        """valueRanges in request order; ranges echoed bounded by the grid ('tab'!A:A on a 10-row tab is
        echoed A1:A10: SpreadsheetTest.test_values_batch_get.json)."""
        boxes = []
        for text in query.get("ranges", []):
            box = resolve(ss, text)
            box.check_grid()
            boxes.append(box)
        out: dict[str, Any] = {"spreadsheetId": ss.sid}
        if boxes:
            out["valueRanges"] = [self._value_range(b, *self._options(query)) for b in boxes]
        return out

    def _m_values_batchGetByDataFilter(self, ss: Spreadsheet, args: list, query: dict, body: dict,
                                       email: str) -> dict:
        """MatchedValueRanges as the Sheets guide shows them ("Read, write, and search metadata"): for
        each range a filter selects, {"valueRange": {...}, "dataFilters": [the filters that matched it]};
        an a1Range reads as values.batchGet reads it (a range it cannot parse is the same 400), a
        developerMetadataLookup (metadataId, metadataKey, metadataValue) the rows, columns or sheet each
        matching metadata is on. A range several filters match comes once. gridRange: not done."""
        options = (body.get("valueRenderOption") or "FORMATTED_VALUE", body.get("dateTimeRenderOption") or "SERIAL_NUMBER",
                   body.get("majorDimension") or "ROWS")
        matched: dict[str, dict] = {}
        for i, data_filter in enumerate(body.get("dataFilters") or []):
            boxes: list[Box] = []
            if data_filter.get("a1Range") is not None:
                box = resolve(ss, data_filter["a1Range"])
                box.check_grid()
                boxes.append(box)
            elif data_filter.get("developerMetadataLookup") is not None:
                lookup = data_filter["developerMetadataLookup"]
                for sheet in ss.sheets:
                    for m in sheet.dev_meta:
                        if any(lookup.get(k) is not None and lookup[k] != m.get(k)
                               for k in ("metadataId", "metadataKey", "metadataValue")):
                            continue
                        dr = m["location"].get("dimensionRange")
                        if dr is None:
                            boxes.append(Box(sheet, 0, None, 0, None))
                        elif dr["dimension"] == "COLUMNS":
                            boxes.append(Box(sheet, 0, None, dr["startIndex"], dr["endIndex"]))
                        else:
                            boxes.append(Box(sheet, dr["startIndex"], dr["endIndex"], 0, None))
            else:
                raise bad(f"Invalid dataFilters[{i}]: FakeSheets reads by a1Range or developerMetadataLookup only.")
            for box in boxes:
                entry = matched.setdefault(box.echo(), {"valueRange": self._value_range(box, *options), "dataFilters": []})
                entry["dataFilters"].append(copy.deepcopy(data_filter))
        out: dict[str, Any] = {"spreadsheetId": ss.sid}
        if matched:
            out["valueRanges"] = list(matched.values())
        return out

    def _write(self, ss: Spreadsheet, box: Box, values: Any, major: str | None, option: str, email: str,
               where: str, touched: set[tuple[int, int]] | None = None) -> tuple[int, int, int, int, int]:
        """Writes a block at the box's top-left corner. A one-cell range is only the corner
        (WorksheetTest.test_update_and_get.json puts 4x4 at 'Sheet1'!A1); a larger range bounds the
        block. Writes past the grid grow it (as append does; my reading of Google for update too).

        JSON null is skipped: the cell keeps its value, formula and format ("Null values will be
        skipped. To set a cell to an empty value, set the string value to an empty string": ValueRange.values
        in the discovery document); `[]` is a row with nothing to write; both still count toward the
        block's size, so a block too big for its range is refused as any other. Choices where no
        recording shows Google: a skipped cell is not counted as updated (the counts are of "cells
        updated"; `touched` collects the (row, column) of those that are, 0-based), the protection check
        covers the whole block, nulls included (the stricter reading), and a row that is null instead
        of a list is a 400 (proto3 JSON has no null element in a repeated field)."""
        for i, row in enumerate(values or []):
            if not isinstance(row, list):
                path = f"{where}.values[{i}]"
                raise bad(f"Invalid value at '{path}' (type.googleapis.com/google.protobuf.ListValue), {jrepr(row)}")
        rows = [list(r) for r in (values or [])]
        if major == "COLUMNS":
            width = max((len(r) for r in rows), default=0)
            rows = [[col[i] if i < len(col) else None for col in rows] for i in range(width)]
        nrows, ncols = len(rows), max((len(r) for r in rows), default=0)
        sheet = box.sheet
        r0, c0 = box.r0, box.c0
        if not box.anchor:
            _, r1, _, c1 = box.bounds()
            if box.r1 is not None and nrows > r1 - r0:
                raise bad(f"Requested writing within range [{box.echo()}], but tried writing to row [{r1 + 1}]")
            if box.c1 is not None and ncols > c1 - c0:
                raise bad(f"Requested writing within range [{box.echo()}], but tried writing to column "
                          f"[{col_letters(c1 + 1)}]")
        if nrows and ncols:
            _check_protection(sheet, r0, r0 + nrows, c0, c0 + ncols, email)
        sheet.row_count = max(sheet.row_count, r0 + nrows)
        sheet.col_count = max(sheet.col_count, c0 + ncols)
        cells = 0
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if value is None:
                    continue
                cells += 1
                if touched is not None:
                    touched.add((r0 + i, c0 + j))
                old = sheet.cell(r0 + i, c0 + j)
                sheet.put(r0 + i, c0 + j, json_cell(value, old, option, f"values[{i}][{j}]"))
        return r0, c0, nrows, ncols, cells

    @staticmethod
    def _update_response(ss: Spreadsheet, sheet: Sheet, r0: int, c0: int, nrows: int, ncols: int, cells: int,
                         include: bool, query_or_body: dict, box_echo: str) -> dict:
        out: dict[str, Any] = {"spreadsheetId": ss.sid}
        if nrows and ncols:
            out.update({"updatedRange": a1_range(sheet.title, r0, r0 + nrows, c0, c0 + ncols),
                        "updatedRows": nrows, "updatedColumns": ncols, "updatedCells": cells})
        else:
            out["updatedRange"] = box_echo
        if include:
            vro = query_or_body.get("responseValueRenderOption", "FORMATTED_VALUE")
            dtro = query_or_body.get("responseDateTimeRenderOption", "SERIAL_NUMBER")
            box = Box(sheet, r0, r0 + max(nrows, 1), c0, c0 + max(ncols, 1))
            out["updatedData"] = {"range": box.echo(), "majorDimension": "ROWS"}
            got = FakeSheets._read(box, vro, dtro, "ROWS")
            if got:
                out["updatedData"]["values"] = got
        return out

    @staticmethod
    def _input_option(value: str | None) -> str:
        if value not in ("RAW", "USER_ENTERED"):
            raise bad("Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED")
        return value

    def _m_values_update(self, ss: Spreadsheet, args: list, query: dict, body: dict, email: str) -> dict:
        """PUT values/{range}: updatedRange is the block written ("Sheet1!A1:D4", one cell as "Sheet1!B2":
        WorksheetTest.test_insert_row.json), counts include cells written as ""."""
        option = self._input_option(query.get("valueInputOption", [None])[0])
        work = ss.clone()
        box = resolve(work, args[0])
        if body.get("range") and resolve(work, body["range"]).echo() != box.echo():
            raise bad(f"Invalid values[{args[0]}]: the range in the body ({body['range']}) does not match the URL.")
        r0, c0, nrows, ncols, cells = self._write(work, box, body.get("values"), body.get("majorDimension"),
                                                  option, email, "data")
        self._books[ss.sid] = work
        flat = {k: v[0] for k, v in query.items()}
        return self._update_response(work, box.sheet, r0, c0, nrows, ncols, cells,
                                     flat.get("includeValuesInResponse", "false").lower() == "true", flat, box.echo())

    def _m_values_batchUpdate(self, ss: Spreadsheet, args: list, query: dict, body: dict, email: str) -> dict:
        """The shape of WorksheetTest.test_batch_update.json: totalUpdatedRows/Columns count distinct rows
        and columns (2 and 4 for A1:D1 + A4:D4), totalUpdatedCells the cells, zero totals left out."""
        option = self._input_option(body.get("valueInputOption"))
        work = ss.clone()
        responses = []
        rows_seen: set[tuple[int, int]] = set()
        cols_seen: set[tuple[int, int]] = set()
        sheets_seen: set[int] = set()
        total_cells = 0
        for i, data in enumerate(body.get("data") or []):
            if not data.get("range"):
                raise bad(f"Invalid data[{i}]: The range must be set.")
            box = resolve(work, data["range"], f"data[{i}]")
            touched: set[tuple[int, int]] = set()
            r0, c0, nrows, ncols, cells = self._write(work, box, data.get("values"), data.get("majorDimension"),
                                                      option, email, f"data[{i}]", touched)
            response = self._update_response(
                work, box.sheet, r0, c0, nrows, ncols, cells, bool(body.get("includeValuesInResponse")),
                body, box.echo())
            if "updatedRows" in response:  # rows and columns with a cell updated; zeros left out
                response["updatedRows"] = len({r for r, _ in touched})
                response["updatedColumns"] = len({c for _, c in touched})
                response = {k: v for k, v in response.items() if v != 0}
            responses.append(response)
            if touched:
                sheets_seen.add(box.sheet.sheet_id)
                rows_seen |= {(box.sheet.sheet_id, r) for r, _ in touched}
                cols_seen |= {(box.sheet.sheet_id, c) for _, c in touched}
                total_cells += cells
        self._books[ss.sid] = work
        out: dict[str, Any] = {"spreadsheetId": ss.sid}
        for key, value in (("totalUpdatedRows", len(rows_seen)), ("totalUpdatedColumns", len(cols_seen)),
                           ("totalUpdatedCells", total_cells), ("totalUpdatedSheets", len(sheets_seen))):
            if value:
                out[key] = value
        if responses:
            out["responses"] = responses
        return out

    def _m_values_append(self, ss: Spreadsheet, args: list, query: dict, body: dict, email: str) -> dict:
        """The table is the first block of non-empty rows found in the range (a one-cell range looks at
        that row only, across the sheet); it runs down past the range. Values go in the row after it,
        from its first column, or at the range's corner when no table is found (WorksheetTest.test_delete_row.json
        appends to 'Sheet1' row after row; test_insert_row.json appends to an empty A2 inside data).
        "tableRange" only when a table was found; INSERT_ROWS inserts rows instead of overwriting; the
        grid grows as needed."""
        flat = {k: v[0] for k, v in query.items()}
        option = self._input_option(flat.get("valueInputOption"))
        work = ss.clone()
        box = resolve(work, args[0])
        sheet = box.sheet
        r0, r1, c0, c1 = box.bounds()
        if box.anchor:
            c1 = sheet.col_count
        limit = min(r1, sheet.row_count)

        def filled(r: int) -> list[int]:
            return [c for c in range(c0, c1) if (cell := sheet.cell(r, c)) is not None and cell.has_value]

        start = next((r for r in range(r0, min(limit, len(sheet.grid))) if filled(r)), None)
        table = None
        if start is None:
            target = Box(sheet, r0, None, c0, None, anchor=True)
        else:
            lo, hi, r = c1, c0, start
            while r < sheet.row_count and (cols := filled(r)):
                lo, hi, r = min(lo, cols[0]), max(hi, cols[-1]), r + 1
            table = (start, r, lo, hi + 1)
            target = Box(sheet, r, None, lo, None, anchor=True)
        values = body.get("values") or []
        if flat.get("insertDataOption") == "INSERT_ROWS" and values:
            _insert(sheet, "ROWS", target.r0, target.r0 + len(values))
        r_, c_, nrows, ncols, cells = self._write(work, target, values, body.get("majorDimension"), option, email, "data")
        self._books[ss.sid] = work
        out: dict[str, Any] = {"spreadsheetId": ss.sid}
        if table:
            out["tableRange"] = a1_range(sheet.title, *table)
        out["updates"] = self._update_response(work, sheet, r_, c_, nrows, ncols, cells,
                                               flat.get("includeValuesInResponse", "false").lower() == "true",
                                               flat, target.echo())
        return out

    def _m_values_clear(self, ss: Spreadsheet, args: list, query: dict, body: Any, email: str) -> dict:
        """{"spreadsheetId", "clearedRange": "Sheet1!A1:Z1000"} (every recorded :clear); values go,
        validation and formats stay."""
        work = ss.clone()
        box = resolve(work, args[0])
        box.check_grid()
        self._clear(box, email)
        self._books[ss.sid] = work
        return {"spreadsheetId": ss.sid, "clearedRange": box.echo()}

    def _m_values_batchClear(self, ss: Spreadsheet, args: list, query: dict, body: dict, email: str) -> dict:
        work = ss.clone()
        boxes = [resolve(work, text) for text in body.get("ranges") or []]
        for box in boxes:
            box.check_grid()
            self._clear(box, email)
        self._books[ss.sid] = work
        out: dict[str, Any] = {"spreadsheetId": ss.sid}
        if boxes:
            out["clearedRanges"] = [b.echo() for b in boxes]
        return out

    @staticmethod
    def _clear(box: Box, email: str) -> None:
        r0, r1, c0, c1 = box.bounds()
        sheet = box.sheet
        if any(cell is not None and cell.has_value for row in sheet.grid[r0:r1] for cell in row[c0:c1]):
            _check_protection(sheet, r0, r1, c0, c1, email)
        for r in range(r0, min(r1, len(sheet.grid))):
            row = sheet.grid[r]
            for c in range(c0, min(c1, len(row))):
                if row[c] is not None and row[c].has_value:
                    row[c] = cleared(row[c])


# --------------------------------------------------------------------------------------------------
# pieces used by the handlers
# --------------------------------------------------------------------------------------------------
class _Html(Exception):
    def __init__(self, code: int, page: str) -> None:
        super().__init__(code)
        self.code = code
        self.page = page


SID = r"/v4/spreadsheets/([^/:]+)"
ROUTES = [
    (re.compile(f"^{SID}$"), "GET", "get"),
    (re.compile(f"^{SID}:batchUpdate$"), "POST", "batchUpdate"),
    (re.compile(f"^{SID}/values:batchGet$"), "GET", "values.batchGet"),
    (re.compile(f"^{SID}/values:batchGetByDataFilter$"), "POST", "values.batchGetByDataFilter"),
    (re.compile(f"^{SID}/values:batchUpdate$"), "POST", "values.batchUpdate"),
    (re.compile(f"^{SID}/values:batchClear$"), "POST", "values.batchClear"),
    (re.compile(f"^{SID}/values/(.+):append$"), "POST", "values.append"),
    (re.compile(f"^{SID}/values/(.+):clear$"), "POST", "values.clear"),
    (re.compile(f"^{SID}/values/(.+)$"), "GET", "values.get"),
    (re.compile(f"^{SID}/values/(.+)$"), "PUT", "values.update"),
]
READ_METHODS = {"get", "values.get", "values.batchGet", "values.batchGetByDataFilter"}
RPC = {"get": "GetSpreadsheet", "batchUpdate": "BatchUpdateSpreadsheet", "values.get": "GetValues",
       "values.batchGet": "BatchGetValues",
       "values.batchGetByDataFilter": "BatchGetValuesByDataFilter", "values.update": "UpdateValues", "values.batchUpdate": "BatchUpdateValues",
       "values.append": "AppendValues", "values.clear": "ClearValues", "values.batchClear": "BatchClearValues"}
RPC = {k: f"google.apps.sheets.v4.SpreadsheetsService.{v}" for k, v in RPC.items()}


def sheet_properties(sheet: Sheet, index: int) -> dict:
    """SheetProperties as Google answers: frozen counts only when not 0 (WorksheetTest.test_freeze.json),
    hidden only when true."""
    grid: dict[str, Any] = {"rowCount": sheet.row_count, "columnCount": sheet.col_count}
    if sheet.frozen_rows:
        grid["frozenRowCount"] = sheet.frozen_rows
    if sheet.frozen_cols:
        grid["frozenColumnCount"] = sheet.frozen_cols
    for key, value in sheet.extra.items():
        if key.startswith("grid.") and value:
            grid[key[5:]] = value
    props: dict[str, Any] = {"sheetId": sheet.sheet_id, "title": sheet.title, "index": index, "sheetType": "GRID",
                             "gridProperties": grid}
    if sheet.hidden:
        props["hidden"] = True
    for key, value in sheet.extra.items():
        if not key.startswith("grid.") and value not in (None, False):
            props[key] = copy.deepcopy(value)
    return props


def cell_data(cell: Cell | None) -> dict:
    if cell is None:
        return {}
    out: dict[str, Any] = {}
    if cell.has_value:
        out["userEnteredValue"] = user_entered_value(cell)
        out["effectiveValue"] = effective_value(cell)
        out["formattedValue"] = formatted(cell)
    fmt = copy.deepcopy(cell.fmt) if cell.fmt else {}
    if cell.date_format and "numberFormat" not in fmt:
        fmt["numberFormat"] = {"type": "DATE_TIME" if "hh" in cell.date_format else "DATE", "pattern": cell.date_format}
    if fmt:
        out["userEnteredFormat"] = fmt
    if cell.validation:
        out["dataValidation"] = copy.deepcopy(cell.validation)
    return out


def grid_data(box: Box) -> dict:
    sheet = box.sheet
    r0, r1, c0, c1 = box.bounds()
    out: dict[str, Any] = {}
    if r0:
        out["startRow"] = r0
    if c0:
        out["startColumn"] = c0
    rows = []
    for r in range(r0, r1):
        values = [cell_data(sheet.cell(r, c)) for c in range(c0, c1)] if r < len(sheet.grid) else []
        while values and not values[-1]:
            values.pop()
        rows.append({"values": values} if values else {})
    while rows and not rows[-1]:
        rows.pop()
    if rows:
        out["rowData"] = rows
    out["rowMetadata"] = [_dimension_meta(sheet, "ROWS", r, 21) for r in range(r0, r1)]
    out["columnMetadata"] = [_dimension_meta(sheet, "COLUMNS", c, 100) for c in range(c0, c1)]
    return out


def _dimension_meta(sheet: Sheet, dim: str, index: int, pixels: int) -> dict:
    """DimensionProperties: the size, and the developer metadata located on a range holding `index`."""
    out: dict[str, Any] = {"pixelSize": pixels}
    found = [copy.deepcopy(m) for m in sheet.dev_meta
             if (dr := m["location"].get("dimensionRange")) and dr["dimension"] == dim
             and dr["startIndex"] <= index < dr["endIndex"]]
    if found:
        out["developerMetadata"] = found
    return out


def spreadsheet_json(ss: Spreadsheet, boxes: dict[int, list[Box]] | None, with_data: bool) -> dict:
    sheets = []
    for index, sheet in enumerate(ss.sheets):
        if boxes is not None and sheet.sheet_id not in boxes:
            continue
        entry: dict[str, Any] = {"properties": sheet_properties(sheet, index)}
        if with_data:
            entry["data"] = [grid_data(b) for b in (boxes or {}).get(sheet.sheet_id, [Box(sheet, 0, None, 0, None)])]
        on_sheet = [copy.deepcopy(m) for m in sheet.dev_meta if m["location"]["locationType"] == "SHEET"]
        if on_sheet:
            entry["developerMetadata"] = on_sheet
        if sheet.cond_formats:
            entry["conditionalFormats"] = copy.deepcopy(sheet.cond_formats)
        if sheet.protected:
            entry["protectedRanges"] = copy.deepcopy(sheet.protected)
        sheets.append(entry)
    return {
        "spreadsheetId": ss.sid,
        "properties": {"title": ss.title, "locale": ss.locale, "autoRecalc": ss.auto_recalc, "timeZone": ss.time_zone,
                       "defaultFormat": copy.deepcopy(DEFAULT_FORMAT), "spreadsheetTheme": copy.deepcopy(THEME)},
        "sheets": sheets,
        "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{ss.sid}/edit",
    }


def _sort_key(cell: Cell) -> tuple:
    v = cell.value
    if isinstance(v, bool):
        return (2, v)
    if isinstance(v, float):
        return (0, v)
    return (1, str(v).casefold())


def _get_path(root: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if not isinstance(root, dict):
            return None
        root = root.get(name)
    return root


def _apply_cell_mask(old: Cell, source: dict, tree: MaskTree) -> Cell | None:
    """repeatCell: the fields of `source` named by the mask replace the cell's (absent ones clear)."""
    data: dict[str, Any] = {"userEnteredFormat": copy.deepcopy(old.fmt) or {},
                            "dataValidation": copy.deepcopy(old.validation) or {}}
    paths = mask_paths(tree) if tree is not None else [("userEnteredFormat",), ("dataValidation",), ("userEnteredValue",)]
    new_value: dict | None = None
    for path in paths:
        if path[0] == "userEnteredValue":
            new_value = source.get("userEnteredValue") or {}
            continue
        if path[0] not in data:
            continue  # effectiveFormat, note, hyperlink ...: not kept by the fake
        node = data
        for name in path[:-1]:
            if not isinstance(node.get(name), dict):
                node[name] = {}
            node = node[name]
        value = _get_path(source, path)
        if value is None:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = copy.deepcopy(value)
            if path[-1].endswith("Color"):
                node.pop(path[-1] + "Style", None)
    cell = replace(old, fmt=normalise_format(data["userEnteredFormat"]) or None,
                   validation=normalise_rule(data["dataValidation"]) or None)
    if new_value is not None:
        if "formulaValue" in new_value:
            formula = new_value["formulaValue"]
            cell = replace(cell, value=evaluate(formula), formula=formula, date_format=None)
        elif new_value:
            kind, value = next(iter(new_value.items()))
            cell = replace(cell, value=float(value) if kind == "numberValue" else value, formula=None, date_format=None)
        else:
            cell = replace(cell, value=None, formula=None, date_format=None)
    return cell if cell.has_value or cell.fmt or cell.validation else None


def _shift(gr: dict, key0: str, key1: str, start: int, end: int, insert: bool) -> dict | None:
    """Moves a GridRange for rows/columns inserted at [start, end) or deleted from it; None when a
    deletion leaves it empty."""
    n = end - start
    out = dict(gr)
    for key in (key0, key1):
        x = gr.get(key)
        if x is None:
            continue
        if insert:
            if x > start or (key == key0 and x == start):
                out[key] = x + n
        elif x >= end:
            out[key] = x - n
        elif x > start:
            out[key] = start
    if out.get(key0) is not None and out.get(key1) is not None and out[key0] >= out[key1]:
        return None
    return out


def _move_ranges(sheet: Sheet, dim: str, start: int, end: int, insert: bool) -> None:
    keys = ("startRowIndex", "endRowIndex") if dim == "ROWS" else ("startColumnIndex", "endColumnIndex")
    kept = []
    for pr in sheet.protected:
        moved = _shift(pr["range"], *keys, start, end, insert)
        if moved is not None:
            pr["range"] = moved
            kept.append(pr)
    sheet.protected = kept
    rules = []
    for rule in sheet.cond_formats:
        ranges = [m for gr in rule["ranges"] if (m := _shift(gr, *keys, start, end, insert)) is not None]
        if ranges:
            rule["ranges"] = ranges
            rules.append(rule)
    sheet.cond_formats = rules
    meta = []
    for m in sheet.dev_meta:
        dr = m["location"].get("dimensionRange")
        if dr is not None and dr["dimension"] == dim:
            moved = _shift(dr, "startIndex", "endIndex", start, end, insert)
            if moved is None:
                continue  # its rows or columns deleted: the metadata goes with them
            m["location"]["dimensionRange"] = moved
        meta.append(m)
    sheet.dev_meta = meta


def _insert(sheet: Sheet, dim: str, start: int, end: int) -> None:
    n = end - start
    if dim == "ROWS":
        if start < len(sheet.grid):
            sheet.grid[start:start] = [[] for _ in range(n)]
        sheet.row_count += n
    else:
        for row in sheet.grid:
            if start < len(row):
                row[start:start] = [None] * n
        sheet.col_count += n
    _move_ranges(sheet, dim, start, end, insert=True)


def _delete(sheet: Sheet, dim: str, start: int, end: int) -> None:
    if dim == "ROWS":
        del sheet.grid[start:end]
        sheet.row_count -= end - start
        sheet.frozen_rows = min(sheet.frozen_rows, sheet.row_count - 1)
    else:
        for row in sheet.grid:
            del row[start:end]
        sheet.col_count -= end - start
        sheet.frozen_cols = min(sheet.frozen_cols, sheet.col_count - 1)
    _move_ranges(sheet, dim, start, end, insert=False)


def _check_protection(sheet: Sheet, r0: int, r1: int, c0: int, c1: int, email: str) -> None:
    """A write into a protected range whose editors do not include the caller is refused with Google's
    wording (warning-only ranges do not stop API writes)."""
    for pr in sheet.protected:
        if pr.get("warningOnly") or email in pr.get("editors", {}).get("users", []):
            continue
        gr = pr["range"]
        pr0, pc0 = gr.get("startRowIndex", 0), gr.get("startColumnIndex", 0)
        pr1 = gr.get("endRowIndex", sheet.row_count)
        pc1 = gr.get("endColumnIndex", sheet.col_count)
        if r0 < pr1 and pr0 < r1 and c0 < pc1 and pc0 < c1:
            raise bad("You are trying to edit a protected cell or object. Please contact the spreadsheet owner "
                      "to remove protection if you need to edit.")


def _rectangles(sheet: Sheet, attr: Callable[[Cell], dict | None], name: str) -> list[dict]:
    """Cells with equal dicts grouped into rectangles: runs of rows per column, then runs of columns
    with the same row run."""
    runs: dict[tuple[str, int, int], list[int]] = {}
    values: dict[str, dict] = {}
    columns: dict[tuple[str, int], list[int]] = {}
    for r, row in enumerate(sheet.grid):
        for c, cell in enumerate(row):
            value = attr(cell) if cell is not None else None
            if value:
                key = json.dumps(value, sort_keys=True)
                values[key] = value
                columns.setdefault((key, c), []).append(r)
    for (key, c), rows in columns.items():
        start = prev = rows[0]
        for r in [*rows[1:], None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            runs.setdefault((key, start, prev + 1), []).append(c)
            if r is not None:
                start = prev = r
    out = []
    for (key, r0, r1), cols in sorted(runs.items(), key=lambda kv: (kv[0][1], min(kv[1]))):
        cols.sort()
        start = prev = cols[0]
        for c in [*cols[1:], None]:
            if c is not None and c == prev + 1:
                prev = c
                continue
            c1 = prev + 1
            a1 = a1_range(sheet.title, r0, r1, start, c1).split("!", 1)[1]
            out.append({"range": a1, "gridRange": grid_range_out({
                "sheetId": sheet.sheet_id, "startRowIndex": r0, "endRowIndex": r1,
                "startColumnIndex": start, "endColumnIndex": c1}), name: copy.deepcopy(values[key])})
            if c is not None:
                start = prev = c
    return out


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that went away mid-answer (timeouts) is normal here


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else headers and body in two writes cost 40 ms of delayed ACK
    server_version = "ESF"
    sys_version = ""
    fake: FakeSheets

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _go(self) -> None:
        self.fake._serve(self)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _go
