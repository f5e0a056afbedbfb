"""E-mail reminders against a real SMTP server on 127.0.0.1 (aiosmtpd): who gets what, MIME, AUTH,
once per memo, and failures that warn without failing the sync."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from sheetsync.app.reminders import (
    build_reminder,
    email_message,
    recipients,
    send_reminders,
)
from sheetsync.core import vocab
from sheetsync.core.contents import MemoData, MemoGroup, MemoRow
from sheetsync.core.evaluate import Evaluation, load_evaluation
from sheetsync.core.models import Group, Office, Person
from sheetsync.documents.memo import issue_memo
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from tests.fakes.smtp_server import SmtpServer, free_port
from tests.support.cli import DEMO_DAY, invoke
from tests.support.mail import ENV, PASSWORD, SENDER, set_reminders, smtp_settings, supervision_reports


def sync(runner, config: Path, day: str = DEMO_DAY):
    result = invoke(runner, config, "sync", "--json", "--today", day)
    assert result.exit_code == 0, result.output
    return result, json.loads(result.stdout)


def memo_groups(config: Path, number: int) -> list[str]:
    with History(OfficeFolder(config).history) as h:
        memo = next(m for m in h.memos() if m.number == number)
    return [g["code"] for g in memo.data["groups"]]


def everything_written(config: Path) -> bytes:
    """Every byte the sync left in the office folder: history, logs, documents."""
    return b"".join(p.read_bytes() for p in sorted(config.rglob("*")) if p.is_file())


# --- end to end, through `sheetsync sync` ----------------------------------------------------------

def test_a_new_memo_emails_each_late_group_once(demo_dir: Path, runner, monkeypatch) -> None:
    monkeypatch.setenv(ENV, PASSWORD)
    office_before = load_office(demo_dir)
    with SmtpServer(username=SENDER, password=PASSWORD) as smtp:
        set_reminders(demo_dir, **smtp_settings(smtp, cc=["pimchanok@nst1.example"]))
        # The demo's memo 1 was issued before reminders were configured: it is not news, nothing is sent.
        sync(runner, demo_dir)
        assert smtp.inbox == []
        # A new situation: memo 2, e-mailed to each group it lists, in one SMTP session.
        supervision_reports(demo_dir)
        result, summary = sync(runner, demo_dir, "2027-04-06")
        assert summary["warnings"] == []
        assert summary["documents"][0].endswith("memo-0002.pdf")
        codes = memo_groups(demo_dir, 2)
        assert codes and len(smtp.inbox) == len(codes)
        heads = [office_before.group(c).head.email for c in codes]
        assert sorted(m.rcpt_tos[0] for m in smtp.inbox) == sorted(heads)
        assert all(m.rcpt_tos[1:] == ["pimchanok@nst1.example"] for m in smtp.inbox)
        assert all(m.mail_from == SENDER for m in smtp.inbox)
        assert smtp.logins == [(SENDER, PASSWORD)]  # AUTH with the password from the environment

        received = {m.rcpt_tos[0]: m for m in smtp.inbox}["wichai@nst1.example"]  # กลุ่มส่งเสริมการจัดการศึกษา
        head, _, _ = received.raw.partition(b"\r\n\r\n")
        head.decode("ascii")  # every header is 7-bit: Thai only inside RFC 2047 encoded words
        assert b"Subject: =?utf-8?b?" in head
        msg = received.message
        assert msg["Subject"] == ("[สพป.นศ.๑] ติดตามการรายงานผลการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา "
                                  "ปีงบประมาณ พ.ศ. ๒๕๗๐ (กลุ่มส่งเสริมการจัดการศึกษา)")
        assert msg["To"].addresses[0].display_name == "นายวิชัย บุญมา"
        assert msg["Reply-To"].addresses[0].addr_spec == "pimchanok@nst1.example"
        text = msg.get_body(("plain",))
        assert text["Content-Transfer-Encoding"] == "base64" and text.get_content_charset() == "utf-8"
        body = text.get_content().replace("\r\n", "\n")
        assert body.startswith("เรียน ผู้อำนวยการกลุ่มส่งเสริมการจัดการศึกษา\n")
        assert "ที่ ศธ ๐๔๐๔๑/๒ ลงวันที่ ๖ เมษายน ๒๕๗๐" in body
        assert "ตัวบ่งชี้ที่ ๓.๒" in body and "ผลการดำเนินงาน (F3) ที่กรอกไว้ 'ประมาณแปดสิบ' ไม่ใช่ตัวเลข" in body
        assert "ตัวบ่งชี้ที่ ๑.๓" not in body  # another group's item (นโยบายและแผน) is not in this group's mail
        assert f"แท็บ \"ส่งเสริมการจัดการศึกษา\" ในไฟล์ {(demo_dir / 'office.xlsx').resolve()}" in body
        (attachment,) = msg.iter_attachments()
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_filename() == "memo-0002.pdf"
        assert attachment.get_content() == (demo_dir / "out" / "memo-0002.pdf").read_bytes()

        # Who was e-mailed is in the run's log; the password is nowhere: output, history, logs, documents.
        logs = "".join(p.read_text(encoding="utf-8") for p in (demo_dir / "state" / "logs").glob("*.log"))
        assert "wichai@nst1.example" in logs
        assert PASSWORD not in result.output
        assert PASSWORD.encode() not in everything_written(demo_dir)
        assert all(PASSWORD.encode() not in m.raw for m in smtp.inbox)

        # The same situation, that night again and the next night: the same memo, no new e-mail.
        sync(runner, demo_dir, "2027-04-06")
        sync(runner, demo_dir, "2027-04-07")
        assert len(smtp.inbox) == len(codes)


def test_a_refusing_server_warns_and_the_next_sync_sends(demo_dir: Path, runner, monkeypatch) -> None:
    monkeypatch.setenv(ENV, PASSWORD)
    with SmtpServer(password=PASSWORD) as smtp:
        set_reminders(demo_dir, **smtp_settings(smtp))
        supervision_reports(demo_dir)
        smtp.refuse("554 5.7.1 Message rejected by policy")
        result = invoke(runner, demo_dir, "sync", "--json", "--today", "2027-04-06")
        assert result.exit_code == 0, result.output  # the sheets were synced: not a failed sync
        summary = json.loads(result.stdout)
        (warning,) = summary["warnings"]
        assert "ไม่สำเร็จ" in warning and "554" in warning and f"{vocab.DR_FIX}:" in warning
        assert "คำเตือน:" in result.stderr
        assert smtp.inbox == []
        with History(OfficeFolder(demo_dir).history) as h:
            run = h.last_run()
            assert run.status == "ok" and run.documents == summary["documents"]
            assert h.summary(run.id)["warnings"] == [warning]
        # The server takes mail again: the next sync, same situation, sends what failed; then nothing more.
        smtp.refuse(None)
        assert sync(runner, demo_dir, "2027-04-06")[1]["warnings"] == []
        assert len(smtp.inbox) == len(memo_groups(demo_dir, 2))
        sync(runner, demo_dir, "2027-04-07")
        assert len(smtp.inbox) == len(memo_groups(demo_dir, 2))


# --- send_reminders directly (no PDF rendering) ----------------------------------------------------

@pytest.fixture
def issued(demo_dir: Path):
    """The demo's evaluation with its memo issued afresh by a new run, as a sync would just have done.
    out/memo-0001.pdf (the demo's) is the memo's PDF."""
    with History(OfficeFolder(demo_dir).history) as h:
        ev = load_evaluation(h.evaluation(h.last_run().id))
    OfficeFolder(demo_dir).history.unlink()

    def make(**settings: object) -> tuple[Office, Evaluation, History, int]:
        set_reminders(demo_dir, **settings)
        office = load_office(demo_dir)
        history = History(OfficeFolder(demo_dir).history)
        run_id = history.start_run(datetime(2027, 4, 5, 1, 30).astimezone(), ev.today, False)
        issue_memo(office, ev, history, run_id)
        return office, ev, history, run_id

    return make


def test_unreachable_server_is_a_warning(issued, demo_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv(ENV, PASSWORD)
    office, ev, history, run_id = issued(**smtp_settings(port=free_port()))
    (warning,) = send_reminders(office, ev, history, run_id, demo_dir)
    assert "เชื่อมต่อเครื่องส่งอีเมล 127.0.0.1:" in warning and "reminders.host" in warning
    assert {r["status"] for r in history.reminders()} == {"failed"}


def test_wrong_password_and_missing_password(issued, demo_dir: Path, monkeypatch) -> None:
    with SmtpServer(password=PASSWORD) as smtp:
        office, ev, history, run_id = issued(**smtp_settings(smtp))
        monkeypatch.setenv(ENV, "not-the-password-77")
        (warning,) = send_reminders(office, ev, history, run_id, demo_dir)
        assert "ไม่ยอมรับชื่อผู้ใช้หรือรหัสผ่าน" in warning and ENV in warning
        assert "not-the-password-77" not in warning
        assert b"not-the-password-77" not in history.path.read_bytes()
        monkeypatch.delenv(ENV)
        (warning,) = send_reminders(office, ev, history, run_id, demo_dir)
        assert f"ไม่พบรหัสผ่านในตัวแปรสภาพแวดล้อม {ENV}" in warning
        assert smtp.inbox == []
        # Set right, the failed ones go out.
        monkeypatch.setenv(ENV, PASSWORD)
        assert send_reminders(office, ev, history, run_id, demo_dir) == []
        assert smtp.inbox and smtp.logins[-1] == (SENDER, PASSWORD)


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_encrypted_server_with_the_office_ca(issued, demo_dir: Path, monkeypatch, security: str) -> None:
    monkeypatch.setenv(ENV, PASSWORD)
    with SmtpServer(password=PASSWORD, security=security, cert_dir=demo_dir) as smtp:
        office, ev, history, run_id = issued(**smtp_settings(smtp, security=security, ca_file="smtp-ca.pem"))
        logged: list[str] = []
        assert send_reminders(office, ev, history, run_id, demo_dir, log=logged.append) == []
        assert len(smtp.inbox) == len(logged) > 0
        assert smtp.logins == [(SENDER, PASSWORD)]  # AUTH over TLS only (auth_require_tls)
        (attachment,) = smtp.inbox[0].message.iter_attachments()
        assert attachment.get_filename() == "memo-0001.pdf"


def test_without_the_office_ca_the_certificate_is_refused(issued, demo_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv(ENV, PASSWORD)
    with SmtpServer(password=PASSWORD, security="starttls", cert_dir=demo_dir) as smtp:
        office, ev, history, run_id = issued(**smtp_settings(smtp, security="starttls"))
        (warning,) = send_reminders(office, ev, history, run_id, demo_dir)
        assert "เข้ารหัสการเชื่อมต่อ" in warning and "reminders.ca_file" in warning
        assert smtp.inbox == []


def test_disabled_or_not_configured_sends_nothing(issued, demo_dir: Path) -> None:
    with SmtpServer() as smtp:
        office, ev, history, run_id = issued(**smtp_settings(smtp, username=None, password_env=None, enabled=False))
        assert send_reminders(office, ev, history, run_id, demo_dir) == []
        plain = office.model_copy(update={"reminders": None})
        assert send_reminders(plain, ev, history, run_id, demo_dir) == []
        assert smtp.inbox == []
        # No login configured: sent without AUTH.
        enabled = office.model_copy(update={"reminders": office.reminders.model_copy(update={"enabled": True})})
        assert send_reminders(enabled, ev, history, run_id, demo_dir) == []
        assert smtp.inbox and smtp.logins == []


def test_a_group_without_any_address_is_named(issued, demo_dir: Path) -> None:
    with SmtpServer() as smtp:
        office, ev, history, run_id = issued(**smtp_settings(smtp, username=None, password_env=None))
        groups = [g.model_copy(update={"head": Person(name=g.head.name), "emails": []}) if g.code == "audit" else g
                  for g in office.groups]
        office = office.model_copy(update={"groups": groups})
        (warning,) = send_reminders(office, ev, history, run_id, demo_dir)
        assert "หน่วยตรวจสอบภายใน" in warning and "head.email" in warning
        assert smtp.inbox and all("ratchanee@nst1.example" not in m.rcpt_tos for m in smtp.inbox)


# --- the pure parts --------------------------------------------------------------------------------

def _memo() -> MemoData:
    return MemoData(key="k" * 24, number="ศธ ๐๔๐๔๑/๗", issued_on=datetime(2027, 4, 5).date(), unit="สพป.นศ.๑",
                    subject="ติดตามการรายงานผล", to="ผู้อำนวยการกลุ่มนโยบายและแผน", paragraphs=[], closing=[],
                    groups=[MemoGroup(code="policy", name="กลุ่มนโยบายและแผน", addressee="ผู้อำนวยการกลุ่มนโยบายและแผน",
                                      rows=[MemoRow(what="ตัวบ่งชี้ที่ ๑.๓ การมีส่วนร่วม", todo=["ยังไม่ได้รายงานผล"],
                                                    due=datetime(2027, 3, 31).date())])],
                    signer={"name": "นายสมชาย ใจดี", "position": "ผู้อำนวยการ"})


def test_google_link_and_fallback_recipients(example_config: Path) -> None:
    from tests.support.cli import set_backend

    set_backend(example_config, {"kind": "gsheets", "spreadsheet": "1MainKey", "credentials": "sa.json"})
    office = load_office(example_config)
    policy = office.group("policy")
    assert OfficeFolder(example_config).group_link(office, policy) == "https://docs.google.com/spreadsheets/d/1MainKey/edit"
    own = policy.model_copy(update={"spreadsheet": "1OwnKey"})
    assert OfficeFolder(example_config).group_link(office, own, sheet_id=42) == "https://docs.google.com/spreadsheets/d/1OwnKey/edit#gid=42"
    reminder = build_reminder(office, _memo(), _memo().groups[0], policy, OfficeFolder(example_config).group_link(office, policy))
    assert "กรอกหรือแก้ไขได้ที่แท็บ \"นโยบายและแผน\" ใน Google Sheets: https://docs.google.com/spreadsheets/d/1MainKey/edit" \
        in reminder.body
    assert "๑. ตัวบ่งชี้ที่ ๑.๓ การมีส่วนร่วม\n   - ยังไม่ได้รายงานผล\n   กำหนดส่ง ๓๑ มี.ค. ๒๕๗๐" in reminder.body
    assert [r.address for r in reminder.to] == ["prasert@nst1.example"]
    headless = Group(code="x", name="กลุ่มทดลอง", tab="ทดลอง", head=Person(name="ไม่มีอีเมล"),
                     emails=["a@x.example", "b@x.example", "a@x.example"])
    assert [r.address for r in recipients(headless)] == ["a@x.example", "b@x.example"]


def test_message_headers_are_encoded_and_stable(example_config: Path) -> None:
    set_reminders(example_config, host="mail.example", from_address=SENDER, from_name="ระบบติดตามมาตรฐาน")
    office = load_office(example_config)
    policy = office.group("policy")
    reminder = build_reminder(office, _memo(), _memo().groups[0], policy, "/srv/office.xlsx", "memo-0007.pdf")
    now = datetime(2027, 4, 5, 1, 30).astimezone()
    one = email_message(office, office.reminders, reminder, "k" * 24, now, b"%PDF-1.7 test")
    two = email_message(office, office.reminders, reminder, "k" * 24, now, b"%PDF-1.7 test")
    assert one["Message-ID"] == two["Message-ID"] == f"<sheetsync.{'k' * 24}.policy@nst1.example>"
    raw = one.as_bytes()
    raw.decode("ascii")  # the whole message is 7-bit: headers as encoded words, the body base64
    assert one["From"].addresses[0].display_name == "ระบบติดตามมาตรฐาน"
    assert "บันทึกข้อความฉบับเต็มแนบมาพร้อมนี้ (memo-0007.pdf)" in one.get_body(("plain",)).get_content()


def test_reminder_config_is_checked(example_config: Path, runner) -> None:
    set_reminders(example_config, host="mail.example", from_address="not-an-address")
    result = invoke(runner, example_config, "check")
    assert result.exit_code == 2
    assert "[reminders > from_address]: ต้องเป็นที่อยู่อีเมล" in result.output and "not-an-address" in result.output
    set_reminders(example_config, host="mail.example", username="me", from_address=SENDER)
    result = invoke(runner, example_config, "check")
    assert result.exit_code == 2 and "[reminders]" in result.output and "password_env" in result.output
    set_reminders(example_config, host="mail.example", from_address=SENDER, ca_file="missing-ca.pem")
    result = invoke(runner, example_config, "check")
    assert result.exit_code == 2 and "[reminders > ca_file]" in result.output
    set_reminders(example_config, host="mail.example", from_address=SENDER, security="ssl")
    assert load_office(example_config).reminders.smtp_port == 465
