"""The HTTP layer under gspread: our API root, a request timeout, bounded retries with jitter.

gspread's own BackOffHTTPClient retries forever, cannot read an HTML 5xx page and has no jitter, so
this small subclass does it instead: 429, 500, 502, 503, 504 and timeouts are retried with capped
exponential backoff and full jitter (or the server's Retry-After when it says so), at most
`max_attempts` sends in all. Anything else (400, 401, 403, 404) is permanent and raised at once.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import requests
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

GOOGLE_ROOT = "https://sheets.googleapis.com"
TRANSIENT = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 120.0  # a server asking for longer than this is treated as down


class TransientFailure(Exception):
    """Google stayed busy or unreachable through every attempt."""

    def __init__(self, status: int | None, attempts: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.attempts = attempts
        self.detail = detail


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
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare from Google; fall back to our own backoff


class SheetsHTTPClient(HTTPClient):
    def __init__(self, auth: Any, *, api_root: str = GOOGLE_ROOT, timeout: float = 60.0, max_attempts: int = 6,
                 backoff: float = 1.0, max_backoff: float = 32.0,
                 sleep: Callable[[float], None] = time.sleep, rng: random.Random | None = None) -> None:
        super().__init__(auth)
        self.api_root = api_root.rstrip("/")
        self.set_timeout(timeout)
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.sleep = sleep
        self.rng = rng or random.Random()
        self.requests = 0  # every send, retries included
        self.retries = 0
        self.bytes_sent = 0
        self.bytes_received = 0

    def delay(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]."""
        return self.rng.uniform(0, min(self.max_backoff, self.backoff * 2 ** (attempt - 1)))

    def request(self, method: str, endpoint: str, *args: Any, **kwargs: Any) -> requests.Response:
        if endpoint.startswith(GOOGLE_ROOT):
            endpoint = self.api_root + endpoint[len(GOOGLE_ROOT):]
        for attempt in range(1, self.max_attempts + 1):
            self.requests += 1
            try:
                response = super().request(method, endpoint, *args, **kwargs)
            except APIError as exc:
                status = status_of(exc)
                self._count(exc.response)
                if status not in TRANSIENT:
                    raise
                wait = retry_after(exc.response)
                detail = f"HTTP {status}"
            except (requests.Timeout, requests.ConnectionError) as exc:
                status, wait, detail = None, None, type(exc).__name__
            else:
                self._count(response)
                return response
            if attempt == self.max_attempts or (wait is not None and wait > MAX_RETRY_AFTER):
                raise TransientFailure(status, attempt, detail)
            self.retries += 1
            self.sleep(wait if wait is not None else self.delay(attempt))
        raise AssertionError("unreachable")

    def _count(self, response: requests.Response | None) -> None:
        if response is None:
            return
        body = response.request.body if response.request is not None else None
        self.bytes_sent += len(body) if isinstance(body, bytes | str) else 0
        self.bytes_received += len(response.content or b"")
