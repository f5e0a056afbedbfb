"""The HTTP layer under gspread: our API root, a request timeout, bounded retries with jitter, and the
one place where anything a server sends back becomes either an answer of the expected shape or an error.

gspread's own BackOffHTTPClient retries forever, cannot read an HTML 5xx page and has no jitter, so
this small subclass does it instead: 429, 500, 502, 503, 504 and timeouts are retried with capped
exponential backoff and full jitter (or the server's Retry-After when it says so), at most
`max_attempts` sends in all. Anything else (400, 401, 403, 404) is permanent and raised at once.

Answers are checked, not trusted (decisions, issue 13):
- A 200 answer that is not JSON, is JSON of the wrong shape for the method (values:batchGet must give
  one ValueRange per range asked for, each a list of rows of plain values; metadata reads a list of
  sheets with their properties; ...), or is cut short (fewer bytes than its Content-Length) is retried
  like a 5xx, then reported as `TransientFailure(kind=MALFORMED)`: what it is, not a refusal. A
  retried write is safe: a values:batchUpdate sends the same values to the same cells again.
- The token endpoint (the key file's `token_uri`) is called through `TokenRequest`, which takes the
  classification away from google-auth: its 408/429/5xx answers, timeouts, dropped connections and
  answers that are not a token (not JSON, no `access_token`, a bad `expires_in`, truncated) are
  retried like a 5xx in the same bounded loop (google-auth's own silent retries with real sleeps are
  not used), then reported as `TransientFailure(kind=TOKEN_UNAVAILABLE or TOKEN_MALFORMED)`; only an
  OAuth refusal (`{"error": "invalid_grant", ...}`: a deleted key, a wrong clock) is blamed on the
  key or the clock, and any other 4xx is `TokenRefused` with its status.
- Error bodies are never echoed whole: `brief()` strips HTML, removes what looks like a credential
  (access tokens, JWTs, private keys, Bearer headers) and cuts the rest to `BRIEF` characters.
- Failures are counted as `retries`; `requests` counts the API requests actually sent (a token failure
  sends none).

Request bodies are compact UTF-8 JSON (`compact_json`), not gspread's ASCII-escaped JSON with spaces:
the same values, a third of the bytes for Thai text, and from GZIP_MIN bytes on gzipped
(Content-Encoding: gzip, as Google's Java and .NET clients send by default), a few per cent of them
(issue 16). A gzipped body refused as unreadable (415, or a 400 "Invalid JSON payload received.
Unexpected token": a proxy or server that does not undo the encoding) is sent once more plain, and
the client sends plain bodies from then on; any other refusal is raised as it came.
"""

from __future__ import annotations

import gzip
import html
import json
import math
import random
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import google.auth.exceptions
import google.auth.transport.requests
import requests
from google.auth.transport.requests import AuthorizedSession
from gspread.exceptions import APIError, GSpreadException
from gspread.http_client import HTTPClient
from gspread.urls import (
    SPREADSHEET_BATCH_UPDATE_URL,
    SPREADSHEET_URL,
    SPREADSHEET_VALUES_BATCH_UPDATE_URL,
    SPREADSHEET_VALUES_BATCH_URL,
)

GOOGLE_ROOT = "https://sheets.googleapis.com"
TRANSIENT = {429, 500, 502, 503, 504}
TOKEN_TRANSIENT = TRANSIENT | {408}
# OAuth error codes that say "try again" (RFC 6749 4.1.2.1; google-auth retries these too).
TOKEN_RETRYABLE_ERRORS = {"internal_failure", "server_error", "temporarily_unavailable"}
MAX_RETRY_AFTER = 120.0  # a server asking for longer than this is treated as down
MAX_EXPIRES_IN = 10 ** 7  # seconds; Google's tokens live an hour
BRIEF = 200  # characters of a server's error text that are shown
JSON_TYPE = "application/json; charset=utf-8"  # the bodies sent (compact_json)
# Bodies this big or bigger go gzipped (Content-Encoding: gzip), as Google's own Java and .NET API
# clients send every body by default: a 5,000-row write is 3 MB of JSON, 80 KB gzipped (issue 16).
GZIP_MIN = 1024
GZIP_LEVEL = 6  # 18 ms for those 3 MB; 9 saves a tenth more in four times the time

UNAVAILABLE = "unavailable"
MALFORMED = "malformed"
TOKEN_UNAVAILABLE = "token-unavailable"
TOKEN_MALFORMED = "token-malformed"

_SECRETS = (
    re.compile(r"-----BEGIN[^-]*-----.*?(?:-----END[^-]*-----|$)", re.S),
    re.compile(r"\bya29\.[\w.-]+"),
    re.compile(r"\beyJ[\w-]+\.[\w-]+(?:\.[\w-]*)?"),
    re.compile(r"(?i)\b((?:bearer|basic)\s+)[\w.~+/=-]+"),
    re.compile(r"(?i)(\"?(?:access_token|refresh_token|id_token|assertion|private_key|client_secret|password)\"?"
               r"\s*[:=]\s*)(\"[^\"]*\"|[^\s&,}]+)"),
)
_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def brief(text: object, limit: int = BRIEF) -> str:
    """A server's text made fit to show: tags and entities gone, credentials replaced by `***`, one
    line, at most `limit` characters (then `…`)."""
    out = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    out = html.unescape(_TAGS.sub(" ", out))
    for pattern in _SECRETS:
        out = pattern.sub(lambda m: (m.group(1) if m.lastindex else "") + "***", out)
    out = " ".join(_CONTROL.sub(" ", out).split())
    return out if len(out) <= limit else out[: limit - 1].rstrip() + "…"


class SheetsFailure(Exception):
    """Something between this machine and Google went wrong: the base of what this layer raises
    (besides gspread's APIError for a refusal)."""


class TransientFailure(SheetsFailure):
    """Google stayed busy, unreachable or unreadable through every attempt. `kind` says which:
    UNAVAILABLE (429/5xx, timeouts, dropped connections), MALFORMED (200 answers not JSON, of the wrong
    shape or cut short), TOKEN_UNAVAILABLE or TOKEN_MALFORMED (the same at the token endpoint)."""

    def __init__(self, status: int | None, attempts: int, detail: str, kind: str = UNAVAILABLE) -> None:
        super().__init__(detail)
        self.status = status
        self.attempts = attempts
        self.detail = detail
        self.kind = kind


class TokenRefused(SheetsFailure):
    """The token endpoint refused for good. `oauth` is true when it answered as OAuth does
    (`{"error": "invalid_grant", ...}`: the key or the clock); false for anything else (an HTML page
    from a proxy, a 404 at a wrong token_uri). `detail` is already cut by `brief()`."""

    def __init__(self, status: int, detail: str, *, oauth: bool) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.oauth = oauth


class RequestFailed(SheetsFailure):
    """The request could not be made at all (a malformed API root or token_uri, too many redirects)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class _TokenTrouble(google.auth.exceptions.GoogleAuthError):
    """Raised inside google-auth's refresh by TokenRequest, caught by our retry loop."""

    def __init__(self, status: int | None, detail: str, kind: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind


class _Retry(Exception):
    def __init__(self, failure: TransientFailure, wait: float | None = None) -> None:
        super().__init__(failure.detail)
        self.failure = failure
        self.wait = wait


def status_of(exc: APIError) -> int:
    # An HTML error page has no JSON `code`: gspread then sets -1, so ask the response itself.
    return exc.response.status_code if exc.response is not None else exc.code


def retry_after(response: requests.Response | None) -> float | None:
    if response is None:
        return None
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        wait = float(value)
    except ValueError:
        return None  # an HTTP date: rare from Google; fall back to our own backoff
    return max(0.0, wait) if math.isfinite(wait) else None


class SheetsAPIError(APIError):
    """gspread's APIError, built so that no error body can break it: gspread's own constructor fails
    on `{"error": "text"}` or an `error` without `code`, and its __str__ on one without `message`.
    `error` is always a dict with `code` (the HTTP status) and a `message` cut by `brief()`."""

    def __init__(self, response: requests.Response) -> None:
        try:
            found = response.json()["error"]
        except Exception:  # anything at all in the body: not Google's error shape
            found = None
        error = dict(found) if isinstance(found, dict) else {}
        message = error.get("message")
        error["message"] = brief(message if isinstance(message, str) else response.text)
        error["code"] = response.status_code
        GSpreadException.__init__(self, error)
        self.response = response
        self.error = error
        self.code = response.status_code


# --- what each answer must look like --------------------------------------------------------------
Check = Callable[[Any], str | None]  # None when the body is as expected, else what is wrong


def _plain(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str | int | bool)


def check_value_ranges(count: int) -> Check:
    """values:batchGet: `count` ValueRanges, each with rows (lists) of plain values, or none."""

    def check(body: Any) -> str | None:
        if not isinstance(body, dict):
            return "not a JSON object"
        ranges = body.get("valueRanges", [])
        if not isinstance(ranges, list) or len(ranges) != count:
            found = len(ranges) if isinstance(ranges, list) else type(ranges).__name__
            return f"valueRanges: {found} for {count} ranges"
        for i, value_range in enumerate(ranges):
            if not isinstance(value_range, dict):
                return f"valueRanges[{i}] is not an object"
            rows = value_range.get("values", [])
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                return f"valueRanges[{i}].values is not a list of rows"
            if not all(_plain(cell) for row in rows for cell in row):
                return f"valueRanges[{i}] holds a value that is not text, a number or a boolean"
        return None

    return check


def check_object(body: Any) -> str | None:
    """Any answer that must be a JSON object (writes: values:batchUpdate, spreadsheets.batchUpdate)."""
    return None if isinstance(body, dict) else "not a JSON object"


def check_update_totals(body: Any) -> str | None:
    """values:batchUpdate: an object whose totalUpdatedCells, when there (Google leaves zero out), is a
    count (the write asks for that field alone: gsheets.WRITE_PARAMS)."""
    if not isinstance(body, dict):
        return "not a JSON object"
    cells = body.get("totalUpdatedCells", 0)
    if not isinstance(cells, int) or isinstance(cells, bool) or cells < 0:
        return "totalUpdatedCells is not a count of cells"
    return None


def gzip_refused(exc: APIError) -> bool:
    """A refusal of a gzipped body as such: 415, or a 400 that could not read the JSON (what a server
    that does not undo Content-Encoding answers on reading compressed bytes as JSON)."""
    status = status_of(exc)
    message = exc.error.get("message", "") if isinstance(exc.error, dict) else ""
    return status == 415 or (status == 400 and isinstance(message, str)
                             and message.startswith("Invalid JSON payload received. Unexpected token"))


def compact_json(body: Any) -> bytes:
    """A request body as compact UTF-8 JSON: Thai is 3 bytes a letter instead of gspread's 6-byte
    `\\uXXXX`, and no spaces after separators (issue 16). NaN and infinities are refused, as requests
    refuses them (`RequestFailed`, never sent). Text that UTF-8 cannot carry (a lone surrogate read
    from a cell) makes the body go escaped, as gspread sent every body, so the same bytes reach Google."""
    try:
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (ValueError, TypeError) as exc:
        raise RequestFailed(f"InvalidJSONError: {brief(exc, 120)}") from None
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(body, separators=(",", ":"), allow_nan=False).encode("ascii")


# A shape: a type, a dict of optional keys to shapes, or a one-element list of the items' shape.
_GRID_RANGE = {k: int for k in ("sheetId", "startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex")}
_SHEET = {
    "properties": {"sheetId": int, "title": str, "hidden": bool, "gridProperties": {
        k: int for k in ("rowCount", "columnCount", "frozenRowCount", "frozenColumnCount")}},
    "protectedRanges": [{"protectedRangeId": int, "description": str, "range": _GRID_RANGE,
                         "editors": {"users": [str]}}],
    "conditionalFormats": [dict],
    "data": [{"startRow": int, "startColumn": int, "rowData": [{"values": [{"dataValidation": {
        "condition": {"type": str, "values": [{"userEnteredValue": str}]}}}]}]}],
}


def _conforms(value: Any, shape: Any, path: str) -> str | None:
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return f"{path} is not an object"
        for key, sub in shape.items():
            if key in value and (problem := _conforms(value[key], sub, f"{path}.{key}")):
                return problem
        return None
    if isinstance(shape, list):
        if not isinstance(value, list):
            return f"{path} is not a list"
        for i, item in enumerate(value):
            if problem := _conforms(item, shape[0], f"{path}[{i}]"):
                return problem
        return None
    ok = isinstance(value, shape) and not (shape is int and isinstance(value, bool))
    return None if ok else f"{path} is not {shape.__name__}"


def check_metadata(body: Any) -> str | None:
    """spreadsheets.get: a list of sheets, each with its properties and a title, and what setup reads
    (protected ranges, conditional formats, validation) of the right types where present."""
    if not isinstance(body, dict):
        return "not a JSON object"
    sheets = body.get("sheets", [])
    if not isinstance(sheets, list):
        return "sheets is not a list"
    for i, sheet in enumerate(sheets):
        if problem := _conforms(sheet, _SHEET, f"sheets[{i}]"):
            return problem
        if not isinstance(sheet.get("properties", {}).get("title"), str):
            return f"sheets[{i}].properties.title is missing"
    return None


def parse_json(content: bytes, check: Check) -> tuple[Any, str | None]:
    """The body and None, or None and what is wrong with it."""
    try:
        body = json.loads(content)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError; so are huge ints
        return None, f"not JSON ({brief(exc, 80)})"
    return body, check(body)


def check_token(body: Any) -> str | None:
    """The token endpoint's 200: an object with a non-empty access_token and, if any, a sane expires_in
    (google-auth would otherwise fail with a TypeError, a ValueError or an OverflowError)."""
    if not isinstance(body, dict):
        return "not a JSON object"
    token = body.get("access_token")
    if not isinstance(token, str) or not token:
        return "no access_token"
    expires = body.get("expires_in")
    if expires is None:
        return None
    if isinstance(expires, str) and expires.isascii() and expires.isdigit() and len(expires) <= 12:
        expires = int(expires)
    if not isinstance(expires, int) or isinstance(expires, bool) or not 0 < expires <= MAX_EXPIRES_IN:
        return "expires_in is not a number of seconds"
    return None


class TokenRequest(google.auth.transport.requests.Request):
    """google-auth's transport for the token endpoint, which decides first what an answer is (see the
    module docstring): only a well-formed 200 reaches google-auth."""

    def __call__(self, url: str, method: str = "GET", body: Any = None, headers: Mapping[str, str] | None = None,
                 timeout: Any = None, **kwargs: Any) -> Any:
        try:
            response = super().__call__(url, method=method, body=body, headers=headers, timeout=timeout, **kwargs)
        except google.auth.exceptions.TransportError as exc:
            cause = exc.__cause__ or (exc.args[0] if exc.args else exc)
            if isinstance(cause, requests.Timeout | requests.ConnectionError):
                raise _TokenTrouble(None, type(cause).__name__, TOKEN_UNAVAILABLE) from None
            if isinstance(cause, requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError):
                raise _TokenTrouble(None, "answer cut short", TOKEN_MALFORMED) from None
            raise RequestFailed(f"{type(cause).__name__}: {brief(cause, 120)}") from None
        status = response.status
        if status == 200:
            _, problem = parse_json(response.data, check_token)
            if problem:
                raise _TokenTrouble(200, problem, TOKEN_MALFORMED)
            return response
        try:
            data = json.loads(response.data)
        except (ValueError, RecursionError):
            data = None
        oauth = isinstance(data, dict) and isinstance(data.get("error"), str)
        code = data["error"] if oauth else ""
        if status in TOKEN_TRANSIENT or code in TOKEN_RETRYABLE_ERRORS:
            raise _TokenTrouble(status, f"HTTP {status}", TOKEN_UNAVAILABLE)
        if oauth:
            description = data.get("error_description")
            detail = brief(f"{code}: {description}" if isinstance(description, str) and description else code)
        else:
            detail = brief(response.data)
        raise TokenRefused(status, detail, oauth=oauth)


class SheetsHTTPClient(HTTPClient):
    def __init__(self, auth: Any, *, api_root: str = GOOGLE_ROOT, timeout: float = 60.0, max_attempts: int = 6,
                 backoff: float = 1.0, max_backoff: float = 32.0,
                 sleep: Callable[[float], None] = time.sleep, rng: random.Random | None = None) -> None:
        super().__init__(auth)
        # The token endpoint goes through TokenRequest; google-auth passes it our timeout too.
        self.session = AuthorizedSession(self.auth, auth_request=TokenRequest())
        self.api_root = api_root.rstrip("/")
        self.set_timeout(timeout)
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.sleep = sleep
        self.rng = rng or random.Random()
        self.requests = 0  # API requests sent, retries included
        self.retries = 0
        self.bytes_sent = 0
        self.bytes_received = 0
        self.gzip = True  # bodies of GZIP_MIN bytes or more go gzipped, until a server refuses one

    def delay(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]."""
        return self.rng.uniform(0, min(self.max_backoff, self.backoff * 2 ** (attempt - 1)))

    # --- the methods sheetsync uses, their answers checked ------------------------------------------
    def values_batch_get(self, id: str, ranges: list[str], params: Any = None) -> Any:  # `id`: gspread's parameter names
        params = dict(params or {})
        params["ranges"] = ranges
        return self.exchange("get", SPREADSHEET_VALUES_BATCH_URL % id, check_value_ranges(len(ranges)), params=params)

    def values_batch_update(self, id: str, body: Any = None, params: Any = None) -> Any:
        check = check_update_totals if params and params.get("fields") == "totalUpdatedCells" else check_object
        return self.exchange("post", SPREADSHEET_VALUES_BATCH_UPDATE_URL % id, check, json=body, params=params)

    def batch_update(self, id: str, body: Any) -> Any:
        return self.exchange("post", SPREADSHEET_BATCH_UPDATE_URL % id, check_object, json=body)

    def fetch_sheet_metadata(self, id: str, params: Any = None) -> Any:
        return self.exchange("get", SPREADSHEET_URL % id, check_metadata,
                             params=params if params is not None else {"includeGridData": "false"})

    # --- sending ------------------------------------------------------------------------------------
    def request(self, method: str, endpoint: str, params: Any = None, data: Any = None, json: Any = None,
                files: Any = None, headers: Any = None) -> requests.Response:
        """gspread's entry point for the methods not overridden above: retried, the answer unchecked."""
        response, _ = self._send(method, endpoint, None, dict(params=params, data=data, json=json, files=files,
                                                               headers=headers))
        return response

    def exchange(self, method: str, endpoint: str, check: Check, **kwargs: Any) -> Any:
        """One API call whose answer must pass `check`: its parsed JSON body."""
        _, body = self._send(method, endpoint, check, kwargs)
        return body

    def _send(self, method: str, endpoint: str, check: Check | None, kwargs: dict[str, Any]
              ) -> tuple[requests.Response, Any]:
        if endpoint.startswith(GOOGLE_ROOT):
            endpoint = self.api_root + endpoint[len(GOOGLE_ROOT):]
        plain: dict[str, Any] | None = None  # the body uncompressed, when it goes gzipped
        if kwargs.get("json") is not None:  # encoded once, sent as is by every attempt
            data = compact_json(kwargs["json"])
            headers = {**(kwargs.get("headers") or {}), "Content-Type": JSON_TYPE}
            kwargs = {**kwargs, "json": None, "data": data, "headers": headers}
            if self.gzip and len(data) >= GZIP_MIN:
                plain = kwargs
                kwargs = {**kwargs, "data": gzip.compress(data, GZIP_LEVEL, mtime=0),
                          "headers": {**headers, "Content-Encoding": "gzip"}}
        try:
            return self._attempts(method, endpoint, check, kwargs)
        except SheetsAPIError as exc:
            if plain is None or not gzip_refused(exc):
                raise
            self.gzip = False  # a server (or a proxy) that cannot read it: plain bodies from now on
            return self._attempts(method, endpoint, check, plain)

    def _attempts(self, method: str, endpoint: str, check: Check | None, kwargs: dict[str, Any]
                  ) -> tuple[requests.Response, Any]:
        for attempt in range(1, self.max_attempts + 1):
            try:
                return self._once(method, endpoint, check, kwargs)
            except _Retry as retry:
                failure, wait = retry.failure, retry.wait
            failure.attempts = attempt
            if attempt == self.max_attempts or (wait is not None and wait > MAX_RETRY_AFTER):
                raise failure
            self.retries += 1
            self.sleep(wait if wait is not None else self.delay(attempt))
        raise AssertionError("unreachable")

    def _once(self, method: str, endpoint: str, check: Check | None, kwargs: dict[str, Any]
              ) -> tuple[requests.Response, Any]:
        try:
            response = self.session.request(method=method, url=endpoint, timeout=self.timeout, **kwargs)
        except _TokenTrouble as exc:  # nothing was sent to the API
            raise _Retry(TransientFailure(exc.status, 0, exc.detail, exc.kind)) from None
        except (requests.Timeout, requests.ConnectionError) as exc:
            self.requests += 1
            raise _Retry(TransientFailure(None, 0, type(exc).__name__)) from None
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError):
            self.requests += 1
            raise _Retry(TransientFailure(None, 0, "answer cut short", MALFORMED)) from None
        except requests.RequestException as exc:
            raise RequestFailed(f"{type(exc).__name__}: {brief(exc, 120)}") from None
        self.requests += 1
        self._count(response)
        status = response.status_code
        if status in TRANSIENT:
            raise _Retry(TransientFailure(status, 0, f"HTTP {status}"), retry_after(response))
        if not response.ok:
            raise SheetsAPIError(response)
        if check is None:
            return response, None
        body, problem = parse_json(response.content, check)
        if problem:
            raise _Retry(TransientFailure(status, 0, problem, MALFORMED))
        return response, body

    def _count(self, response: requests.Response | None) -> None:
        if response is None:
            return
        body = response.request.body if response.request is not None else None
        self.bytes_sent += len(body) if isinstance(body, bytes | str) else 0
        self.bytes_received += len(response.content or b"")
