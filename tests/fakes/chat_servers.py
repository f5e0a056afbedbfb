"""Loopback fakes of the LINE Messaging API and of a Google Chat incoming webhook, real HTTP servers on
127.0.0.1 that check what a client sends as the real services do (the bearer token, the JSON body,
X-Line-Retry-Key, the webhook's key and token, the content type) and keep every request for the
tests to read. A LINE push to a group chat counts one message per member against the month's quota;
a push over it is refused with 429, a retry key seen before with 409, as LINE does."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

LINE_TOKEN = "line-token-Zk3p9QvX2mW7tLr0"
LINE_SECRET = "0123456789abcdef0123456789abcdef"
CHAT_KEY = "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI"
CHAT_TOKEN = "t0k3n-Qm9sZWN1cmU9dHJ1ZQ"


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


@dataclass
class _State:
    requests: list[Request] = field(default_factory=list)
    fail_next: int = 0  # answer the next n sends with 500
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Server:
    """A ThreadingHTTPServer on a free loopback port, started and stopped with `with`."""

    def __init__(self) -> None:
        self.state = _State()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = Request(self.command, parts.path, parse_qs(parts.query),
                                  {k.lower(): v for k, v in self.headers.items()}, body)
                with outer.state.lock:
                    outer.state.requests.append(request)
                    status, payload, headers = outer.answer(request)
                data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[Request]:
        return list(self.state.requests)

    def fail(self, times: int) -> None:
        self.state.fail_next = times

    def answer(self, request: Request) -> tuple[int, Any, dict[str, str]]:
        raise NotImplementedError

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


class FakeLine(_Server):
    """The Messaging API's push, quota and group endpoints. `groups`: chat ID -> (name, members)."""

    def __init__(self, groups: dict[str, tuple[str, int]], quota: int | None = 200, used: int = 0,
                 token: str = LINE_TOKEN) -> None:
        super().__init__()
        self.groups = groups
        self.quota = quota
        self.used = used
        self.token = token
        self.keys: set[str] = set()
        self.pushed: list[dict[str, Any]] = []  # every push LINE accepted: {"to", "text", "key"}

    def answer(self, request: Request) -> tuple[int, Any, dict[str, str]]:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return 401, {"message": "Authentication failed. Confirm that the access token in the authorization "
                                    "header is valid."}, {}
        path = request.path
        if request.method == "GET" and path == "/v2/bot/message/quota":
            if self.quota is None:
                return 200, {"type": "none"}, {}
            return 200, {"type": "limited", "value": self.quota}, {}
        if request.method == "GET" and path == "/v2/bot/message/quota/consumption":
            return 200, {"totalUsage": self.used}, {}
        match = re.fullmatch(r"/v2/bot/(group|room)/([^/]+)/members/count", path)
        if request.method == "GET" and match:
            group = self.groups.get(match.group(2))
            return (200, {"count": group[1]}, {}) if group else (404, {"message": "Not found"}, {})
        match = re.fullmatch(r"/v2/bot/group/([^/]+)/summary", path)
        if request.method == "GET" and match:
            group = self.groups.get(match.group(1))
            if group is None:
                return 404, {"message": "Not found"}, {}
            return 200, {"groupId": match.group(1), "groupName": group[0], "pictureUrl": ""}, {}
        if request.method == "POST" and path == "/v2/bot/message/push":
            return self._push(request)
        return 404, {"message": "Not found"}, {}

    def _push(self, request: Request) -> tuple[int, Any, dict[str, str]]:
        if not request.headers.get("content-type", "").startswith("application/json"):
            return 400, {"message": "The request body has 1 error(s)"}, {}
        key = request.headers.get("x-line-retry-key", "")
        if key:
            try:
                uuid.UUID(key)
            except ValueError:
                return 400, {"message": "The value for the 'X-Line-Retry-Key' header is invalid"}, {}
            if key in self.keys:
                return 409, {"message": "The retry key is already accepted"}, {"x-line-accepted-request-id": key}
        if self.state.fail_next:
            self.state.fail_next -= 1
            return 500, {"message": "Internal server error"}, {}
        body = request.json()
        to, messages = body.get("to"), body.get("messages")
        if to not in self.groups:
            return 400, {"message": "Failed to send messages"}, {}
        if not isinstance(messages, list) or not 1 <= len(messages) <= 5:
            return 400, {"message": "The request body has 1 error(s)"}, {}
        for m in messages:
            if m.get("type") != "text" or not m.get("text") or len(m["text"]) > 5000:
                return 400, {"message": "The request body has 1 error(s)",
                             "details": [{"message": "Length must be between 1 and 5000", "property": "messages[0].text"}]}, {}
        cost = self.groups[to][1]
        if self.quota is not None and self.used + cost > self.quota:
            return 429, {"message": "You have reached your monthly limit."}, {}
        self.used += cost
        if key:
            self.keys.add(key)
        self.pushed.append({"to": to, "text": messages[0]["text"], "key": key})
        return 200, {"sentMessages": [{"id": str(len(self.pushed)), "quoteToken": "q"}]}, {}


class FakeChat(_Server):
    """Google Chat spaces' incoming webhooks: POST /v1/spaces/{space}/messages?key=..&token=.."""

    def __init__(self, spaces: list[str], key: str = CHAT_KEY, token: str = CHAT_TOKEN) -> None:
        super().__init__()
        self.spaces = spaces
        self.key = key
        self.token = token
        self.request_ids: set[str] = set()
        self.posted: list[dict[str, Any]] = []  # every message accepted: {"space", "text", "request_id"}

    def webhook(self, space: str) -> str:
        return f"{self.url}/v1/spaces/{space}/messages?key={self.key}&token={self.token}"

    def answer(self, request: Request) -> tuple[int, Any, dict[str, str]]:
        match = re.fullmatch(r"/v1/spaces/([^/]+)/messages", request.path)
        if request.method != "POST" or match is None or match.group(1) not in self.spaces:
            return 404, {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}}, {}
        if request.query.get("key") != [self.key] or request.query.get("token") != [self.token]:
            return 401, {"error": {"code": 401, "message": "Request had invalid authentication credentials.",
                                   "status": "UNAUTHENTICATED"}}, {}
        if request.headers.get("content-type", "").lower().replace(" ", "") != "application/json;charset=utf-8":
            return 400, {"error": {"code": 400, "message": "Invalid JSON payload received.", "status": "INVALID_ARGUMENT"}}, {}
        if self.state.fail_next:
            self.state.fail_next -= 1
            return 503, {"error": {"code": 503, "message": "The service is currently unavailable.",
                                   "status": "UNAVAILABLE"}}, {}
        body = request.json()
        text = body.get("text")
        if not isinstance(text, str) or not text or len(request.body) > 4096 + 200:
            return 400, {"error": {"code": 400, "message": "Invalid message", "status": "INVALID_ARGUMENT"}}, {}
        request_id = (request.query.get("requestId") or [""])[0]
        name = f"spaces/{match.group(1)}/messages/{request_id or len(self.posted)}"
        if request_id and request_id in self.request_ids:  # idempotent: the message made before
            return 200, {"name": name, "text": text}, {}
        self.request_ids.add(request_id)
        self.posted.append({"space": match.group(1), "text": text, "request_id": request_id})
        return 200, {"name": name, "text": text}, {}


def line_signature(body: bytes, secret: str = LINE_SECRET) -> str:
    """X-Line-Signature of a webhook body, as LINE signs it (HMAC-SHA256 of the body, base64)."""
    return base64.b64encode(hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()).decode("ascii")
