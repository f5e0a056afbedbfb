"""Digests in the chats the groups read: LINE (Messaging API, `line-bot-sdk`) and Google Chat (a
space's incoming webhook), beside the e-mail reminders (app.reminders), for the same memo.

- Off unless office.yaml has a `notify:` mapping. A group is reached on LINE when it has `line_group`
  (its group chat's ID: `sheetsync line pair` shows it) and `notify.line` is set; in Google Chat when
  it has `chat_webhook_env`, the name of the variable holding its space's webhook URL.
- The secrets (LINE's channel access token, each webhook URL: the URL carries the space's key and
  token) come only from the environment or sheetsync.env (store.secrets). They are never printed,
  logged or stored: history keeps the chat's ID or the variable's name, and every failure's text goes
  through `scrub` with the token and each piece of the URL taken out.
- Once per memo, group and channel, as e-mail: the sync that issues a memo owes one digest to each
  group and channel (`owe_notices`, under the sync's lock); they are sent after the memo's files are
  written, under the office's send lock (`send_owed_notices`). A failed send is a warning and stays
  owed: the next sync tries again while the memo is the same. A retried LINE push carries the same
  X-Line-Retry-Key, a retried Chat post the same requestId (both derived from the memo and the group),
  so a send that reached the server before the process died is not delivered twice.
- LINE's monthly allowance: a push to a group chat counts once per member. Before pushing, the
  allowance left this month (quota minus consumption, as the API reports them) is compared with the
  chat's member count; a push that would go over is not started (LINE refuses it anyway), the digest is
  marked over-quota with a warning, and the group gets the e-mail reminder instead (when e-mail is
  configured: with `notify.email: fallback` that is the only e-mail it gets). `doctor` shows what is left.

Building the text is pure (`digest_text`); the clients and the record are the edges.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from sheetsync.app import reminders
from sheetsync.core import thaifmt, vocab
from sheetsync.core.channels import CHAT, LINE, Channel, channels
from sheetsync.core.contents import MemoData, MemoGroup, memo_identity
from sheetsync.core.evaluate import Evaluation
from sheetsync.core.models import Group, LineSettings, Office
from sheetsync.documents.safe import cut_cells
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History, MemoRecord
from sheetsync.store.secrets import read_secret

if TYPE_CHECKING:
    from linebot.v3.messaging import MessagingApi

OWED, SENT, FAILED, OVER_QUOTA = "pending", "sent", "failed", "over-quota"
# A text message's limits: LINE's 5,000 characters, Google Chat's 4,096 bytes for a webhook's text.
LINE_MAX_CHARS = 5000
CHAT_MAX_BYTES = 4096
ITEMS_TODO_SHOWN = 2  # lines of what to do under each item (the memo has them all)
_NAMESPACE = uuid.UUID("0b5d4f7e-5a39-4f7c-9f0e-3c1c2a7d9e61")  # sheetsync's, for retry keys


class NotifyProblem(Exception):
    """A send that failed, worded for the coordinator: what happened and what to fix."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


# --- pure: what text -------------------------------------------------------------------------------

def retry_key(memo_key: str, group: str, channel: str) -> str:
    """The same UUID for every try of one digest: the server delivers it once."""
    return str(uuid.uuid5(_NAMESPACE, f"{memo_key}/{group}/{channel}"))


def digest_text(office: Office, memo: MemoData, memo_group: MemoGroup, group: Group, link: str,
                limit: Callable[[str], bool] | None = None) -> str:
    """The group's digest: the memo it comes from, the round, the new deadline, its own items and the
    link to its tab. Items that would not fit `limit` (LINE's and Chat's sizes) are counted instead."""
    info = office.office
    due = min((r.due for r in memo_group.rows if r.due is not None), default=None)
    number = vocab.NTF_NUMBER.format(number=memo.number) if memo.number else ""
    head = [vocab.NTF_TITLE.format(office=info.short_name, group=group.name),
            vocab.NTF_MEMO.format(number=number, date=thaifmt.be_date(memo.issued_on, "short"))]
    if memo_group.milestones:
        head.append(vocab.NTF_ROUND.format(rounds=", ".join(memo_group.milestones)))
    if due is not None:
        head.append(vocab.NTF_DUE.format(due=thaifmt.be_date(due)))
    head.append(vocab.NTF_ITEMS.format(count=thaifmt.digits(len(memo_group.rows))))
    items = []
    for i, row in enumerate(memo_group.rows, start=1):
        lines = [f"{thaifmt.digits(i)}. {row.what}"] + [f"   - {t}" for t in row.todo[:ITEMS_TODO_SHOWN]]
        items.append("\n".join(lines))
    where = vocab.NTF_WHERE_GSHEETS if office.backend.kind == "gsheets" else vocab.NTF_WHERE_XLSX
    tail = [where.format(tab=group.tab, link=link), vocab.NTF_FOOTER.format(office=info.short_name)]
    fits = limit or (lambda text: len(text) <= LINE_MAX_CHARS)
    shown = len(items)
    while True:
        more = [vocab.NTF_MORE.format(count=thaifmt.digits(len(items) - shown))] if shown < len(items) else []
        text = "\n".join([*head, "", *items[:shown], *more, "", *tail])
        if fits(text):
            return text
        if shown == 0:  # the head and the link alone are too long (a very long path): cut to fit
            cut = len(text)
            while cut and not fits(text[:cut] + "…"):
                cut -= max(1, cut // 20)
            return text[:cut] + "…"
        shown -= 1


def chat_fits(text: str) -> bool:
    return len(json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")) <= CHAT_MAX_BYTES


def line_fits(text: str) -> bool:
    return len(text) <= LINE_MAX_CHARS


def url_secrets(url: str) -> list[str]:
    """What of a webhook URL must never be shown: the URL itself, its query values (key, token) and its path."""
    parts = urlsplit(url)
    values = [v for _, v in parse_qsl(parts.query) if len(v) >= 4]
    return [s for s in (url, parts.query, parts.path, *values) if s]


def scrub(text: str, secrets: list[str]) -> str:
    """The text without any of `secrets` (longest first) and without what reminders.scrub takes out."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, reminders.HIDDEN)
    return reminders.scrub(text, None)


def chat_host(url: str) -> str:
    """The host a webhook URL posts to: all that may be shown of it."""
    return urlsplit(url).hostname or ""


# --- the edges: LINE -----------------------------------------------------------------------------------

def line_token(settings: LineSettings, config_dir: Path) -> str:
    token = read_secret(settings.token_env, config_dir)
    if not token:
        raise NotifyProblem(vocab.NTF_NO_SECRET.format(env=settings.token_env),
                            vocab.NTF_SECRET_FIX.format(env=settings.token_env,
                                                        env_file=OfficeFolder(config_dir).env_file))
    return token


class LineClient:
    """The Messaging API calls sheetsync makes, through line-bot-sdk (imported when LINE is used:
    it costs a sync without LINE nothing)."""

    def __init__(self, settings: LineSettings, token: str) -> None:
        from linebot.v3.messaging import ApiClient, Configuration, MessagingApi

        config = Configuration(host=settings.api_url.rstrip("/"), access_token=token)
        config.retries = 0  # a failed send is the next sync's to retry, with the same retry key
        self.settings = settings
        self.token = token
        self.client = ApiClient(config)
        self.api: MessagingApi = MessagingApi(self.client)
        self.timeout = settings.timeout_seconds

    def close(self) -> None:
        self.client.close()

    def allowance_left(self) -> int | None:
        """Messages left this month: the quota less what was sent; None when the plan sets no limit."""
        quota = self.api.get_message_quota(_request_timeout=self.timeout)
        if quota.type != "limited" or quota.value is None:
            return None
        used = self.api.get_message_quota_consumption(_request_timeout=self.timeout).total_usage or 0
        return max(0, int(quota.value) - int(used))

    def cost(self, target: str) -> int:
        """What one push to `target` counts against the allowance: one per member of a chat."""
        if target.startswith("C"):
            return int(self.api.get_group_member_count(target, _request_timeout=self.timeout).count)
        if target.startswith("R"):
            return int(self.api.get_room_member_count(target, _request_timeout=self.timeout).count)
        return 1

    def push(self, target: str, text: str, key: str) -> None:
        from linebot.v3.messaging import ApiException, PushMessageRequest, TextMessage

        request = PushMessageRequest(to=target, messages=[TextMessage(text=text, quickReply=None, quoteToken=None)],
                                     notificationDisabled=False, customAggregationUnits=None)
        try:
            self.api.push_message(request, x_line_retry_key=key, _request_timeout=self.timeout)
        except ApiException as exc:
            if exc.status == 409:  # this retry key was accepted before: the digest is there already
                return
            raise


def describe_line(exc: BaseException, settings: LineSettings, token: str) -> NotifyProblem:
    """A Messaging API or network failure as a Thai message and its fix."""
    if isinstance(exc, NotifyProblem):
        return exc
    from linebot.v3.messaging import ApiException

    if isinstance(exc, ApiException):
        detail = _api_message(exc.body) or str(exc.reason or exc.status)
        detail = reminders.brief_reply(scrub(f"{exc.status} {detail}", [token]))
        if exc.status == 401:
            return NotifyProblem(vocab.NTF_LINE_AUTH.format(problem=detail),
                                 vocab.NTF_LINE_AUTH_FIX.format(env=settings.token_env))
        if exc.status == 429:
            return NotifyProblem(vocab.NTF_LINE_LIMIT.format(problem=detail), vocab.NTF_LINE_LIMIT_FIX)
        if exc.status in (400, 403, 404):
            return NotifyProblem(vocab.NTF_LINE_REFUSED.format(problem=detail), vocab.NTF_LINE_REFUSED_FIX)
        return NotifyProblem(vocab.NTF_LINE_REFUSED.format(problem=detail), vocab.NTF_RETRY_FIX)
    detail = reminders.brief_reply(scrub(str(exc) or type(exc).__name__, [token]))
    return NotifyProblem(vocab.NTF_CONNECT.format(host=chat_host(settings.api_url), problem=detail),
                         vocab.NTF_CONNECT_FIX)


def _api_message(body: Any) -> str:
    """The `message` (and the first detail) of an API's JSON error body; "" for anything else."""
    try:
        data = json.loads(body) if isinstance(body, str | bytes) else None
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    if isinstance(data.get("error"), dict):  # Google's {"error": {"code", "message", "status"}}
        data = data["error"]
    message = str(data.get("message", ""))
    details = data.get("details")
    if isinstance(details, list) and details and isinstance(details[0], dict):
        message += f" ({details[0].get('property', '')}: {details[0].get('message', '')})"
    return message


# --- the edges: Google Chat ------------------------------------------------------------------------------

def chat_url(env: str, config_dir: Path) -> str:
    url = read_secret(env, config_dir)
    if not url:
        raise NotifyProblem(vocab.NTF_NO_SECRET.format(env=env),
                            vocab.NTF_SECRET_FIX.format(env=env, env_file=OfficeFolder(config_dir).env_file))
    if urlsplit(url).scheme not in ("https", "http") or not urlsplit(url).hostname:
        raise NotifyProblem(vocab.NTF_CHAT_BAD_URL.format(env=env), vocab.NTF_CHAT_BAD_URL_FIX.format(env=env))
    return url


def post_chat(url: str, text: str, request_id: str, timeout: float) -> None:
    """One message to the space: the webhook's JSON, in UTF-8, with an idempotent requestId."""
    import requests

    body = json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")
    joiner = "&" if urlsplit(url).query else "?"
    response = requests.post(f"{url}{joiner}requestId={request_id}", data=body, timeout=timeout,
                             headers={"Content-Type": "application/json; charset=UTF-8"})
    if response.status_code >= 400:
        raise NotifyProblem(
            vocab.NTF_CHAT_REFUSED.format(problem=reminders.brief_reply(
                scrub(f"{response.status_code} {_api_message(response.text) or response.reason}", url_secrets(url)))),
            vocab.NTF_CHAT_REFUSED_FIX)


def describe_chat(exc: BaseException, url: str) -> NotifyProblem:
    if isinstance(exc, NotifyProblem):
        return exc
    detail = reminders.brief_reply(scrub(str(exc) or type(exc).__name__, url_secrets(url)))
    return NotifyProblem(vocab.NTF_CONNECT.format(host=chat_host(url), problem=detail), vocab.NTF_CONNECT_FIX)


# --- owed, then sent ----------------------------------------------------------------------------------------

def owe_notices(office: Office, history: History, memo: MemoData, run_id: int) -> None:
    """The digests a memo just issued owes: one per group it lists and channel the group has."""
    done = history.notice_statuses(memo.key)
    for memo_group in memo.groups:
        group = office.group(memo_group.code)
        if group is None:
            continue
        for channel in channels(office, group):
            if (group.code, channel.kind) not in done:
                history.mark_notice(memo.key, group.code, channel.kind, OWED, channel.target, run_id)


def digest_previews(office: Office, ev: Evaluation, history: History, config_dir: Path) -> dict[str, str]:
    """File name -> the digest each group of `ev`'s memo gets in each chat configured for it, whether
    or not notify is on (what `sheetsync demo` shows beside the memo); empty without a memo."""
    key = memo_identity(office, ev, cut_cells)
    record = history.memo(key) if key is not None else None
    if record is None:
        return {}
    memo = MemoData.model_validate(record.data)
    folder = OfficeFolder(config_dir)
    out = {}
    for memo_group in memo.groups:
        group = office.group(memo_group.code)
        if group is None:
            continue
        for channel in channels(office, group, paused_too=True):
            fits = line_fits if channel.kind == LINE else chat_fits
            out[f"{group.code}-{channel.kind}.txt"] = digest_text(office, memo, memo_group, group,
                                                                 folder.group_link(office, group), fits)
    return out


def send_notices(office: Office, ev: Evaluation, history: History, run_id: int, config_dir: Path,
                 log: Callable[[str], None] | None = None) -> list[str]:
    """After the memo of `ev` is written (follow_up: both halves at once): its digests, and any owed."""
    if office.notify is None or not office.notify.enabled:
        return []
    key = memo_identity(office, ev, cut_cells)
    record = history.memo(key) if key is not None else None
    current = MemoData.model_validate(record.data) if record is not None else None
    return send_owed_notices(office, history, run_id, config_dir, current, log)


def send_owed_notices(office: Office, history: History, run_id: int, config_dir: Path, current: MemoData | None,
                      log: Callable[[str], None] | None = None) -> list[str]:
    """Every digest owed, under the office's send lock: for tonight's memo (`current`) the owed and the
    failed; for any other memo the owed only. Returns warnings."""
    notify = office.notify
    if notify is None or not notify.enabled:
        return []
    with reminders.sending(office, config_dir) as held:
        if not held:
            return [vocab.REM_SEND_BUSY]
        owed = {r["memo_key"] for r in history.notices() if r["status"] == OWED}
        keys = ([current.key] if current is not None else []) + sorted(owed - {current.key if current else ""})
        warnings: list[str] = []
        for key in keys:
            record = history.memo(key)
            if record is not None:
                warnings += _send_memo(office, history, record, run_id, config_dir,
                                       current is not None and key == current.key, log)
        return warnings


def _send_memo(office: Office, history: History, record: MemoRecord, run_id: int, config_dir: Path,
               tonight: bool, log: Callable[[str], None] | None) -> list[str]:
    memo = MemoData.model_validate(record.data)
    done = history.notice_statuses(record.key)
    retry = {OWED, FAILED} if tonight else {OWED}
    todo: list[tuple[MemoGroup, Group, Channel]] = []
    for memo_group in memo.groups:
        group = office.group(memo_group.code)
        if group is None:
            continue
        todo += [(memo_group, group, c) for c in channels(office, group) if done.get((group.code, c.kind)) in retry]
    if not todo:
        return []
    folder = OfficeFolder(config_dir)
    failed: list[tuple[Channel, Group, NotifyProblem]] = []
    over: list[Group] = []
    line_jobs = [(m, g, c) for m, g, c in todo if c.kind == LINE]
    if line_jobs:
        f, o = _send_line(office, history, record, memo, line_jobs, run_id, config_dir, log)
        failed += f
        over += o
    for memo_group, group, channel in todo:
        if channel.kind != CHAT:
            continue
        url = ""
        try:
            url = chat_url(channel.target, config_dir)
            text = digest_text(office, memo, memo_group, group, folder.group_link(office, group), chat_fits)
            assert office.notify is not None
            post_chat(url, text, retry_key(record.key, group.code, CHAT), office.notify.chat_timeout_seconds)
        except Exception as exc:
            failed.append((channel, group, describe_chat(exc, url)))
            continue
        history.mark_notice(record.key, group.code, CHAT, SENT, channel.target, run_id)
        if log is not None:
            log(vocab.NTF_SENT.format(channel=vocab.NTF_CHANNEL[CHAT], group=group.name))
    warnings = _failures(history, record.key, failed, run_id)
    if over:
        warnings += _fall_back(office, history, record, over, run_id)
    return warnings


def _send_line(office: Office, history: History, record: MemoRecord, memo: MemoData,
               jobs: list[tuple[MemoGroup, Group, Channel]], run_id: int, config_dir: Path,
               log: Callable[[str], None] | None) -> tuple[list[tuple[Channel, Group, NotifyProblem]], list[Group]]:
    """The LINE digests of one memo, each only when this month's allowance covers it."""
    assert office.notify is not None and office.notify.line is not None
    settings = office.notify.line
    folder = OfficeFolder(config_dir)
    failed: list[tuple[Channel, Group, NotifyProblem]] = []
    over: list[Group] = []
    token = ""
    client: LineClient | None = None
    try:
        token = line_token(settings, config_dir)
        client = LineClient(settings, token)
        left = client.allowance_left()
    except Exception as exc:
        return [(c, g, describe_line(exc, settings, token)) for _, g, c in jobs], []
    try:
        for memo_group, group, channel in jobs:
            try:
                cost = client.cost(channel.target) if left is not None else 0
                if left is not None and cost > left:
                    history.mark_notice(record.key, group.code, LINE, OVER_QUOTA, channel.target, run_id,
                                        vocab.NTF_OVER_QUOTA_DETAIL.format(cost=thaifmt.digits(cost),
                                                                           left=thaifmt.digits(left)))
                    over.append(group)
                    continue
                text = digest_text(office, memo, memo_group, group, folder.group_link(office, group), line_fits)
                client.push(channel.target, text, retry_key(record.key, group.code, LINE))
            except Exception as exc:
                failed.append((channel, group, describe_line(exc, settings, token)))
                continue
            if left is not None:
                left -= cost
            history.mark_notice(record.key, group.code, LINE, SENT, channel.target, run_id)
            if log is not None:
                log(vocab.NTF_SENT.format(channel=vocab.NTF_CHANNEL[LINE], group=group.name))
    finally:
        client.close()
    return failed, over


def _failures(history: History, key: str, failed: list[tuple[Channel, Group, NotifyProblem]], run_id: int) -> list[str]:
    """Record each failed digest as failed (retried by the next sync) and word one warning per problem."""
    by_problem: dict[tuple[str, str, str], list[str]] = {}
    for channel, group, problem in failed:
        history.mark_notice(key, group.code, channel.kind, FAILED, channel.target, run_id, problem.message)
        by_problem.setdefault((channel.kind, problem.message, problem.fix), []).append(group.name)
    return [vocab.NTF_FAILED.format(channel=vocab.NTF_CHANNEL[kind], groups=", ".join(names), problem=message, fix=fix)
            for (kind, message, fix), names in by_problem.items()]


def _fall_back(office: Office, history: History, record: MemoRecord, groups: list[Group], run_id: int) -> list[str]:
    """The groups LINE's allowance could not cover get the e-mail reminder instead (owed now, unless it
    is owed or sent already); said in one warning."""
    names = ", ".join(g.name for g in groups)
    settings = office.reminders
    if settings is None or not settings.enabled:
        return [vocab.NTF_OVER_QUOTA_NO_EMAIL.format(groups=names)]
    done = history.reminder_statuses(record.key)
    for group in groups:
        if group.code not in done:
            history.mark_reminder(record.key, group.code, reminders.OWED,
                                  [r.address for r in reminders.recipients(group)], run_id)
    return [vocab.NTF_OVER_QUOTA.format(groups=names)]
