"""`sheetsync line pair`: the IDs of the LINE group chats the office's bot is in, from the bot's own
webhook events, so that the coordinator can put each group's `line_group` into office.yaml.

LINE tells a bot the ID of a group chat only in the events it sends to the channel's webhook (the bot
joined, someone wrote): there is no call that lists a bot's chats. So for the time of the pairing this
listens where the channel's Webhook URL points (a port of this machine, reached through the office's
router or a tunnel), checks each request's X-Line-Signature against the channel secret (line-bot-sdk's
WebhookParser: a request that is not LINE's is refused and said), and prints every group or room
chat's ID with its name (asked of the API with the token, when set). Nothing is written: the
coordinator copies the line it wants into office.yaml, which stays theirs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

from sheetsync.app.notify import LineClient
from sheetsync.core import vocab
from sheetsync.core.errors import UsageError
from sheetsync.core.models import LineSettings, Office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.secrets import read_secret

MAX_BODY = 1 << 20  # LINE's webhook bodies are a few KB; anything this big is not LINE's


def chat_ids(events: list[Any]) -> list[str]:
    """The group and room chat IDs of parsed webhook events, in order, each once."""
    found: list[str] = []
    for event in events:
        source = getattr(event, "source", None)
        chat = getattr(source, "group_id", None) or getattr(source, "room_id", None)
        if chat and chat not in found:
            found.append(chat)
    return found


def chat_name(client: LineClient | None, chat: str) -> str:
    """A group chat's name as LINE has it; the placeholder when it cannot be asked (a room, no token)."""
    if client is None or not chat.startswith("C"):
        return vocab.LP_UNNAMED
    try:
        return str(client.api.get_group_summary(chat, _request_timeout=client.timeout).group_name)
    except Exception:
        return vocab.LP_UNNAMED


def pair(office: Office, config_dir: Path, host: str, port: int, timeout: float, once: bool,
         echo: Callable[[str], None]) -> list[str]:
    """Listen on host:port until `timeout` seconds pass (or, with `once`, a chat is found); every chat
    found is echoed with its name and the office.yaml line. Returns the IDs found."""
    from linebot.v3 import WebhookParser
    from linebot.v3.exceptions import InvalidSignatureError

    settings = _line_settings(office)
    secret = read_secret(settings.secret_env, config_dir)
    if not secret:
        raise UsageError(vocab.NTF_NO_SECRET.format(env=settings.secret_env),
                         vocab.NTF_SECRET_FIX.format(env=settings.secret_env, env_file=OfficeFolder(config_dir).env_file))
    token = read_secret(settings.token_env, config_dir)
    client = LineClient(settings, token) if token else None
    parser = WebhookParser(secret)
    found: list[str] = []
    done = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._answer(413)
                return
            body = self.rfile.read(length).decode("utf-8", "replace")
            try:
                events = parser.parse(body, self.headers.get("X-Line-Signature", ""))
            except InvalidSignatureError:
                echo(vocab.LP_BAD_SIGNATURE)
                self._answer(400)
                return
            except (ValueError, KeyError, TypeError):
                self._answer(400)
                return
            self._answer(200)  # LINE wants its answer soon; the names are asked after
            for chat in chat_ids(events):
                if chat not in found:
                    found.append(chat)
                    echo(vocab.LP_FOUND.format(name=chat_name(client, chat), id=chat))
                    echo(vocab.LP_FOUND_HINT.format(id=chat))
            if found and once:
                done.set()

        def _answer(self, status: int) -> None:
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    try:
        server = HTTPServer((host, port), Handler)
    except OSError as exc:
        raise UsageError(vocab.LP_CANNOT_LISTEN.format(host=host, port=port, problem=exc.strerror or exc),
                         vocab.LP_CANNOT_LISTEN_FIX) from None
    server.timeout = 0.2
    echo(vocab.LP_LISTENING.format(host=host, port=server.server_address[1]))
    deadline = time.monotonic() + timeout
    try:
        while not done.is_set() and time.monotonic() < deadline:
            server.handle_request()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if client is not None:
            client.close()
    if not found:
        echo(vocab.LP_NONE.format(seconds=int(timeout)))
    return found


def _line_settings(office: Office) -> LineSettings:
    if office.notify is None or office.notify.line is None:
        raise UsageError(vocab.LP_NO_LINE, vocab.LP_NO_LINE_FIX)
    return office.notify.line
