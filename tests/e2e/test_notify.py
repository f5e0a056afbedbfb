"""Digests in LINE and Google Chat, end to end through `sheetsync sync`: the real line-bot-sdk client and
requests against loopback fakes of the Messaging API and of a Chat webhook (tests/fakes/chat_servers.py),
which check the request bodies and headers as the services do."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import yaml

from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from tests.fakes.chat_servers import CHAT_TOKEN, LINE_SECRET, LINE_TOKEN, FakeChat, FakeLine, line_signature
from tests.fakes.smtp_server import SmtpServer, free_port
from tests.support.cli import DEMO_DAY, invoke
from tests.support.mail import ENV, PASSWORD, SENDER, set_reminders, smtp_settings, supervision_reports

POLICY_CHAT = "C" + "1" * 32  # กลุ่มนโยบายและแผน's LINE group chat
PROMOTION_CHAT = "C" + "2" * 32  # กลุ่มส่งเสริมการจัดการศึกษา's
CHAT_ENV = "SHEETSYNC_CHAT_PROMOTION"


def configure(config: Path, line: FakeLine | None, chat: FakeChat | None, email: str = "always") -> None:
    path = config / "office.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["notify"] = {"email": email, **({"line": {"api_url": line.url, "timeout_seconds": 5}} if line else {})}
    for group in data["groups"]:
        # the chats the demo's office.yaml names for show (app.demo) are not the fakes' ones: these tests' own
        group.pop("line_group", None)
        group.pop("chat_webhook_env", None)
        if group["code"] == "policy" and line:
            group["line_group"] = POLICY_CHAT
        if group["code"] == "promotion":
            if line:
                group["line_group"] = PROMOTION_CHAT
            if chat:
                group["chat_webhook_env"] = CHAT_ENV
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def secrets_file(config: Path, chat: FakeChat | None) -> None:
    """The nightly job's secrets, as the coordinator keeps them: sheetsync.env, never office.yaml."""
    lines = [f"SHEETSYNC_LINE_TOKEN={LINE_TOKEN}", f"SHEETSYNC_LINE_SECRET={LINE_SECRET}"]
    if chat:
        lines.append(f"export {CHAT_ENV}='{chat.webhook('promotion-space')}'")
    env = OfficeFolder(config).env_file
    env.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env.chmod(0o600)


def sync(runner, config: Path, day: str = DEMO_DAY) -> tuple[str, dict]:
    result = invoke(runner, config, "sync", "--json", "--today", day)
    assert result.exit_code == 0, result.output
    return result.output, json.loads(result.stdout)


def everything_written(config: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(config.rglob("*")) if p.is_file() and p.name != "sheetsync.env")


def memo_groups(config: Path, number: int) -> list[str]:
    with History(OfficeFolder(config).history) as h:
        memo = next(m for m in h.memos() if m.number == number)
    return [g["code"] for g in memo.data["groups"]]


@pytest.fixture
def line() -> FakeLine:
    with FakeLine({POLICY_CHAT: ("นโยบายและแผน สพป.นศ.๑", 6), PROMOTION_CHAT: ("ส่งเสริมฯ", 9)}) as fake:
        yield fake


@pytest.fixture
def chat() -> FakeChat:
    with FakeChat(["promotion-space"]) as fake:
        yield fake


def test_a_new_memo_sends_each_group_one_digest_on_each_of_its_chats(demo_dir: Path, runner, line, chat) -> None:
    configure(demo_dir, line, chat)
    secrets_file(demo_dir, chat)
    sync(runner, demo_dir)  # memo 1 was issued before the chats were configured: not news
    assert line.pushed == [] and chat.posted == []

    supervision_reports(demo_dir)
    output, summary = sync(runner, demo_dir, "2027-04-06")
    assert summary["warnings"] == []
    codes = memo_groups(demo_dir, 2)
    assert {"policy", "promotion"} <= set(codes)
    assert sorted(p["to"] for p in line.pushed) == sorted([POLICY_CHAT, PROMOTION_CHAT])
    assert [p["space"] for p in chat.posted] == ["promotion-space"]

    promotion = next(p["text"] for p in line.pushed if p["to"] == PROMOTION_CHAT)
    assert promotion.startswith("[สพป.นศ.๑] แจ้งติดตามการรายงานผล: กลุ่มส่งเสริมการจัดการศึกษา\n")
    assert "ตามบันทึกข้อความที่ ศธ ๐๔๐๔๑/๒ ลงวันที่ ๖ เม.ย. ๒๕๗๐" in promotion
    assert "รอบ: รายงานผลการดำเนินงานรอบ ๖ เดือน" in promotion
    assert "กำหนดส่งใหม่: ภายในวันที่ " in promotion
    assert "ตัวบ่งชี้ที่ ๓.๒" in promotion and "ตัวบ่งชี้ที่ ๑.๓" not in promotion  # its own items only
    assert f"แท็บ \"ส่งเสริมการจัดการศึกษา\" ในไฟล์ {(demo_dir / 'office.xlsx').resolve()}" in promotion
    assert chat.posted[0]["text"] == promotion  # the same digest in the group's Chat space
    policy = next(p["text"] for p in line.pushed if p["to"] == POLICY_CHAT)
    assert "ตัวบ่งชี้ที่ ๑.๓" in policy and "ตัวบ่งชี้ที่ ๓.๒" not in policy

    # What the services were sent: the bearer token, JSON, a UUID retry key (LINE); the webhook's own
    # key and token, JSON in UTF-8, an idempotent requestId (Chat).
    pushes = [r for r in line.requests if r.path == "/v2/bot/message/push"]
    assert all(r.headers["authorization"] == f"Bearer {LINE_TOKEN}" for r in pushes)
    assert all(r.headers["content-type"].startswith("application/json") for r in pushes)
    assert all(uuid.UUID(r.headers["x-line-retry-key"]) for r in pushes)
    assert sorted(r.json()["to"] for r in pushes) == sorted([POLICY_CHAT, PROMOTION_CHAT])
    assert all(r.json()["messages"][0]["type"] == "text" for r in pushes)
    (post,) = [r for r in chat.requests if r.method == "POST"]
    assert post.headers["content-type"] == "application/json; charset=UTF-8"
    assert post.query["token"] == [CHAT_TOKEN] and post.query["requestId"]
    assert json.loads(post.body.decode("utf-8")) == {"text": promotion}
    assert line.used == 6 + 9  # a push to a chat counts once per member

    # The record names the chat or the variable, never a token or a URL; no secret anywhere we wrote.
    with History(OfficeFolder(demo_dir).history) as h:
        notices = {(n["group_code"], n["channel"]): n for n in h.notices()}
    assert notices[("promotion", "chat")]["target"] == CHAT_ENV and notices[("promotion", "chat")]["status"] == "sent"
    assert notices[("policy", "line")]["target"] == POLICY_CHAT
    written = everything_written(demo_dir)
    for secret in (LINE_TOKEN, LINE_SECRET, CHAT_TOKEN, chat.key):
        assert secret not in output and secret.encode() not in written

    # The same situation again, that night and the next: the same memo, nothing sent again.
    sync(runner, demo_dir, "2027-04-06")
    sync(runner, demo_dir, "2027-04-07")
    assert len(line.pushed) == 2 and len(chat.posted) == 1


def test_a_failed_send_is_a_warning_and_the_next_sync_sends_it(demo_dir: Path, runner, line, chat) -> None:
    configure(demo_dir, line, chat)
    secrets_file(demo_dir, chat)
    sync(runner, demo_dir)
    supervision_reports(demo_dir)
    line.fail(1)  # the first push: LINE answers 500
    chat.fail(1)  # the Chat post: 503
    output, summary = sync(runner, demo_dir, "2027-04-06")
    warnings = " ".join(summary["warnings"])
    assert "ส่งสรุปทาง LINE ถึง" in warnings and "ส่งสรุปทาง Google Chat ถึงกลุ่มส่งเสริมการจัดการศึกษา" in warnings
    assert "การซิงก์ครั้งถัดไปจะลองส่งอีกครั้ง" in warnings
    assert CHAT_TOKEN not in output and chat.key not in output
    assert len(line.pushed) == 1 and chat.posted == []
    sync(runner, demo_dir, "2027-04-06")  # the next sync, the same memo: the failed ones go, once
    assert len(line.pushed) == 2 and len(chat.posted) == 1
    assert len({p["to"] for p in line.pushed}) == 2
    sync(runner, demo_dir, "2027-04-07")
    assert len(line.pushed) == 2 and len(chat.posted) == 1


def test_a_wrong_token_or_a_missing_secret_warns_and_names_the_variable(demo_dir: Path, runner, line, chat) -> None:
    configure(demo_dir, line, chat)
    env = OfficeFolder(demo_dir).env_file
    env.write_text("SHEETSYNC_LINE_TOKEN=not-the-token\n", encoding="utf-8")
    sync(runner, demo_dir)
    supervision_reports(demo_dir)
    output, summary = sync(runner, demo_dir, "2027-04-06")
    warnings = " ".join(summary["warnings"])
    assert "LINE ไม่ยอมรับ channel access token (401" in warnings and "SHEETSYNC_LINE_TOKEN" in warnings
    assert f"ไม่พบค่าในตัวแปรสภาพแวดล้อม {CHAT_ENV}" in warnings and "sheetsync.env" in warnings
    assert "not-the-token" not in output and b"not-the-token" not in everything_written(demo_dir)
    assert line.pushed == [] and chat.posted == []


def test_a_push_the_allowance_cannot_cover_is_not_started_and_goes_by_email(demo_dir: Path, runner, monkeypatch
                                                                             ) -> None:
    monkeypatch.setenv(ENV, PASSWORD)
    monkeypatch.setenv("SHEETSYNC_LINE_TOKEN", LINE_TOKEN)
    with FakeLine({POLICY_CHAT: ("นโยบาย", 6), PROMOTION_CHAT: ("ส่งเสริม", 9)}, quota=500, used=490) as line, \
            SmtpServer(username=SENDER, password=PASSWORD) as smtp:
        set_reminders(demo_dir, **smtp_settings(smtp))
        configure(demo_dir, line, None, email="fallback")
        sync(runner, demo_dir)
        supervision_reports(demo_dir)
        _, summary = sync(runner, demo_dir, "2027-04-06")
        codes = memo_groups(demo_dir, 2)
        # 10 messages left: the policy chat (6) fits, then the promotion chat (9) would not.
        assert [p["to"] for p in line.pushed] == [POLICY_CHAT]
        assert not any(r.path == "/v2/bot/message/push" and r.json()["to"] == PROMOTION_CHAT for r in line.requests)
        warnings = " ".join(summary["warnings"])
        assert "ไม่ได้ส่งทาง LINE ถึงกลุ่มส่งเสริมการจัดการศึกษา เพราะโควตาข้อความของเดือนนี้เหลือไม่พอ" in warnings
        heads = sorted(m.rcpt_tos[0] for m in smtp.inbox)
        # e-mail: fallback: the groups no chat reaches, and the one LINE could not cover; not policy.
        assert "wichai@nst1.example" in heads and "prasert@nst1.example" not in heads
        assert len(heads) == len(codes) - 1
        with History(OfficeFolder(demo_dir).history) as h:
            statuses = {(n["group_code"], n["channel"]): n["status"] for n in h.notices()}
        assert statuses == {("policy", "line"): "sent", ("promotion", "line"): "over-quota"}


def test_doctor_shows_the_allowance_left_and_the_chat_host_never_the_secrets(demo_dir: Path, runner, line, chat
                                                                             ) -> None:
    configure(demo_dir, line, chat)
    secrets_file(demo_dir, chat)
    line.used = 185
    result = invoke(runner, demo_dir, "doctor")
    assert "LINE (Messaging API)" in result.output
    assert "โควตาเดือนนี้เหลือ ๑๕ ข้อความ ไม่พอส่งถึงทุกกลุ่มไลน์ครั้งเดียว (ต้องใช้ ๑๕)" not in result.output
    assert "โควตาเดือนนี้เหลือ ๑๕ ข้อความ; กลุ่มไลน์ ๒ กลุ่ม สมาชิกรวม ๑๕ คน" in result.output
    assert "webhook ไปที่ 127.0.0.1" in result.output and CHAT_ENV in result.output
    for secret in (LINE_TOKEN, CHAT_TOKEN, chat.key):
        assert secret not in result.output
    line.used = 190
    result = invoke(runner, demo_dir, "doctor")
    assert "โควตาเดือนนี้เหลือ ๑๐ ข้อความ ไม่พอส่งถึงทุกกลุ่มไลน์ครั้งเดียว (ต้องใช้ ๑๕)" in result.output


def test_line_pair_shows_the_group_ids_from_the_bots_join_events(demo_dir: Path, runner, line) -> None:
    configure(demo_dir, line, None)
    secrets_file(demo_dir, None)
    port = free_port()
    out: dict[str, object] = {}

    def pair() -> None:
        out["result"] = invoke(runner, demo_dir, "line", "pair", "--port", str(port), "--once", "--timeout", "60")

    thread = threading.Thread(target=pair)
    thread.start()
    event = {"destination": "U" + "0" * 32, "events": [
        {"type": "join", "mode": "active", "timestamp": 1775000000000, "webhookEventId": "01H0000000000000000000000",
         "deliveryContext": {"isRedelivery": False}, "replyToken": "r" * 32,
         "source": {"type": "group", "groupId": POLICY_CHAT}}]}
    body = json.dumps(event).encode("utf-8")

    def post(signature: str) -> int:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", data=body, method="POST",
                                         headers={"Content-Type": "application/json", "X-Line-Signature": signature})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)

    deadline = time.monotonic() + 30
    while True:  # the server is up once it answers (a forged signature: refused)
        try:
            status = post("forged")
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    assert status == 400
    assert post(line_signature(body)) == 200
    thread.join(timeout=60)
    result = out["result"]
    assert result.exit_code == 0, result.output
    assert f"พบกลุ่มไลน์ นโยบายและแผน สพป.นศ.๑: {POLICY_CHAT}" in result.output
    assert f"line_group: {POLICY_CHAT}" in result.output
    assert LINE_SECRET not in result.output and LINE_TOKEN not in result.output
