"""E-mail reminders: when a sync issues a new follow-up memo, each late group's head gets the group's
own list by e-mail, with the link to the group's tab and the memo PDF attached.

- Off unless office.yaml has a `reminders:` mapping (SMTP host, port, security, username, sender).
  The password comes from the environment variable that `reminders.password_env` names; it is never
  written to a file, a log, the output or history (any error text is scrubbed of it too).
- Recipients: the group head's `email`; without one, the group's `emails`. `cc` goes on every message.
- Once per memo and group. The memo's identity is history's memo key (the set of items it lists): a
  memo issued by this sync, or by an earlier sync that failed before its e-mails went out, is new; the
  same situation on later nights gives back the same memo, and no e-mail. What was sent is recorded in
  a `reminders` table of the history file (memo key, group, status, recipients, never the password); a
  send that failed is tried again by the next sync while the memo stays the same.
- Owed, then sent (issue 16: the memo is rendered after the sync lets its lock go). The sync that
  issues a memo records, under its lock, one reminder owed ("pending") per group (`owe_reminders`);
  they are sent once the memo's PDF is written, by that sync, or by whichever run comes next if it died
  or ran `--no-documents` (`send_owed`). Reading what is owed, sending and marking it sent happen under
  the office's send lock (OfficeFolder.send_lock, not the sync's: a sync is never refused for it), so
  two processes racing never send one reminder twice; a sender waits for the other's session to end.
- A failed send is a warning in the sync's summary, with what to fix; the sync still succeeds (the
  sheets were synced) and its run is recorded as usual.
- Secrets never leave the process (issue 13). A server's reply is shown and stored only through
  `scrub`, which takes out the password in every form a login puts on the wire (as typed, base64 alone
  and inside AUTH PLAIN's "\0user\0password", at any alignment inside a longer base64 token), the
  arguments of any AUTH command a server echoes back ("535 ... AUTH PLAIN AHNoZ..." is how the
  password used to leak, base64-encoded, to stderr, history and `doctor`), and bearer tokens, JWTs,
  private keys and `password=`/`"access_token":` values of any other server's answer; then the reply
  is cut to one line of REPLY_MAX characters: the code and the words that say what went wrong.
- No clear-text login: a `username` with `security: none` would send the password readable to
  anyone on the way, so it is refused before connecting (a warning, like any failed send) unless
  `allow_plain_auth: true` says the office knows (a relay on its own network that cannot encrypt).

Building a message is pure (`build_reminder`, `email_message`); SMTP and the record are the edges.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from time import monotonic, sleep
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from sheetsync.core import thaifmt, vocab
from sheetsync.core.channels import email_wanted
from sheetsync.core.contents import MemoData, MemoGroup, memo_identity
from sheetsync.core.evaluate import Evaluation
from sheetsync.core.models import Group, Office, Reminders
from sheetsync.core.rows import indicator_columns
from sheetsync.documents.memo import memo_files
from sheetsync.documents.safe import cut_cells
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History, MemoRecord
from sheetsync.store.lock import Locked, SyncLock

if TYPE_CHECKING:  # imported where mail is made or sent: 50 ms that a sync without mail need not pay
    import smtplib
    from email.headerregistry import Address
    from email.message import EmailMessage


class Recipient(BaseModel):
    name: str = ""
    address: str


class Reminder(BaseModel):
    """One group's e-mail, as text; `email_message` turns it into MIME."""

    group: str  # code
    group_name: str
    to: list[Recipient]
    subject: str
    body: str
    attachment: str | None = None  # file name of the memo PDF, when attached


class SmtpProblem(Exception):
    """An SMTP failure worded for the coordinator: what happened and what to fix."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


# --- pure: who, what, where ------------------------------------------------------------------------

def recipients(group: Group) -> list[Recipient]:
    """The group head's address; without one, the group's editors."""
    if group.head.email:
        return [Recipient(name=group.head.name, address=group.head.email)]
    return [Recipient(address=a) for a in dict.fromkeys(group.emails)]


def contact_line(office: Office) -> str:
    info = office.office
    parts = [info.coordinator.name, info.coordinator.position,
             vocab.REM_PHONE.format(phone=info.phone) if info.phone else "", info.coordinator.email or ""]
    return " ".join(p for p in parts if p)


def build_reminder(office: Office, memo: MemoData, memo_group: MemoGroup, group: Group, link: str,
                   attachment: str | None = None) -> Reminder:
    """The e-mail to one group: its rows of the memo, in Thai, and where to fix them."""
    info = office.office
    lines = [vocab.REM_GREETING.format(addressee=memo_group.addressee), ""]
    number = vocab.REM_NUMBER.format(number=memo.number) if memo.number else ""
    lines.append(vocab.REM_INTRO.format(number=number, date=thaifmt.be_date(memo.issued_on), subject=memo.subject,
                                        office=info.short_name, group=group.name))
    lines.append("")
    for i, row in enumerate(memo_group.rows, start=1):
        lines.append(f"{thaifmt.digits(i)}. {row.what}")
        lines += [f"   - {todo}" for todo in row.todo]
        if row.due:
            lines.append("   " + vocab.REM_DUE.format(due=thaifmt.be_date(row.due, "short")))
    lines.append("")
    where = vocab.REM_WHERE_GSHEETS if office.backend.kind == "gsheets" else vocab.REM_WHERE_XLSX
    lines.append(where.format(tab=group.tab, link=link))
    status_labels = " ".join(c.label for c in indicator_columns(office) if c.filled_by == "sync")
    lines.append(vocab.REM_STATUS_NOTE.format(labels=status_labels))
    if attachment:
        lines.append(vocab.REM_ATTACHED.format(file=attachment))
    lines += ["", vocab.REM_CONTACT.format(contact=contact_line(office)), "", "-- ",
              vocab.REM_FOOTER.format(office=info.name)]
    subject = vocab.REM_SUBJECT.format(office=info.short_name, subject=memo.subject, group=group.name)
    return Reminder(group=group.code, group_name=group.name, to=recipients(group), subject=subject,
                    body="\n".join(lines) + "\n", attachment=attachment)


def _address(name: str, address: str) -> Address:
    from email.headerregistry import Address

    return Address(display_name=name, addr_spec=address)


def email_message(office: Office, settings: Reminders, reminder: Reminder, memo_key_: str, now: datetime,
                  attachment: bytes | None = None) -> EmailMessage:
    """The MIME message: UTF-8 headers as RFC 2047 words, the Thai body base64, the memo PDF attached."""
    from email.message import EmailMessage
    from email.policy import SMTP as SMTP_POLICY
    from email.utils import format_datetime

    msg = EmailMessage(policy=SMTP_POLICY)
    msg["Subject"] = reminder.subject
    msg["From"] = _address(settings.from_name or office.office.short_name, settings.from_address)
    msg["To"] = [_address(r.name, r.address) for r in reminder.to]
    if settings.cc:
        msg["Cc"] = [_address("", a) for a in settings.cc]
    reply_to = settings.reply_to or office.office.coordinator.email
    if reply_to:
        msg["Reply-To"] = _address(office.office.coordinator.name if not settings.reply_to else "", reply_to)
    msg["Date"] = format_datetime(now)
    domain = settings.from_address.rsplit("@", 1)[-1]
    # The same memo and group give the same id: a retry that the first try already delivered is one message.
    msg["Message-ID"] = f"<sheetsync.{memo_key_}.{reminder.group}@{domain}>"
    msg.set_content(reminder.body, charset="utf-8", cte="base64")
    if attachment is not None and reminder.attachment:
        msg.add_attachment(attachment, maintype="application", subtype="pdf", filename=reminder.attachment)
    return msg


def envelope(settings: Reminders, reminder: Reminder) -> list[str]:
    return list(dict.fromkeys([r.address for r in reminder.to] + list(settings.cc)))


REPLY_MAX = 200  # characters of a server's reply worth showing: its code and what it says went wrong
HIDDEN = "***"

# What no reply may carry on, whatever the secret: the arguments of an AUTH command (a server that
# echoes the command it refused), bearer tokens, JWTs (a Google assertion or access token), PEM private
# keys, and the values of secret-named fields in JSON or a form body.
_GENERIC = (
    (re.compile(r"\b(AUTH\s+[A-Z][A-Z0-9_-]*)(?:\s+(?:[A-Za-z0-9+/]+={0,2}|=))+"), r"\1 " + HIDDEN),
    (re.compile(r"(?i)\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+"), r"\1 " + HIDDEN),
    (re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), HIDDEN),
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", re.S), HIDDEN),
    (re.compile(r'(?i)("(?:password|passwd|secret|client_secret|private_key|access_token|refresh_token|id_token|'
                r'assertion)"\s*:\s*)"(?:[^"\\]|\\.)*"'), r'\1"' + HIDDEN + '"'),
    (re.compile(r"(?i)\b(password|passwd|client_secret|access_token|refresh_token|assertion)=[^&\s]+"),
     r"\1=" + HIDDEN),
)
_BASE64_TOKEN = re.compile(r"[A-Za-z0-9+/]{8,}={0,2}")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def secret_forms(secret: str, username: str | None = None) -> list[str]:
    """The password as it may appear in a reply: as typed, base64 (alone, as AUTH LOGIN sends it, and
    as AUTH PLAIN's "\0user\0password"), with and without padding; longest first."""
    raw = secret.encode("utf-8", "replace")
    blobs = [raw]
    if username:
        user = username.encode("utf-8", "replace")
        blobs += [b"\0" + user + b"\0" + raw, user + b"\0" + user + b"\0" + raw]
    forms = {secret} | {_b64(b) for b in blobs} | {_b64(b).rstrip("=") for b in blobs}
    return sorted((f for f in forms if f), key=len, reverse=True)


_FRAGMENT = 6  # bytes of the password that give it away (a reply cut short may echo only a part)


def _hides_secret(token: str, raw: bytes) -> bool:
    """Whether a base64-looking token decodes, at any of the four alignments, to bytes holding the
    password or any _FRAGMENT bytes of it."""
    size = min(len(raw), _FRAGMENT)
    pieces = {raw[i:i + size] for i in range(len(raw) - size + 1)}
    for start in range(4):
        body = token[start:].rstrip("=")
        body = body[: len(body) - len(body) % 4] if len(body) % 4 == 1 else body
        try:
            decoded = base64.b64decode(body + "=" * (-len(body) % 4))
        except ValueError:
            continue
        if any(piece in decoded for piece in pieces):
            return True
    return False


def scrub(text: str, secret: str | None, username: str | None = None) -> str:
    """The text with every credential taken out (see the module docstring), whatever a server or a
    library put in it."""
    if secret:
        for form in secret_forms(secret, username):
            text = text.replace(form, HIDDEN)
        raw = secret.encode("utf-8", "replace")
        if len(raw) >= 3:
            text = _BASE64_TOKEN.sub(lambda m: HIDDEN if _hides_secret(m.group(0), raw) else m.group(0), text)
    for pattern, replacement in _GENERIC:
        text = pattern.sub(replacement, text)
    return text


def brief_reply(text: str, limit: int = REPLY_MAX) -> str:
    """A server's reply as one line of at most `limit` characters (a long or multi-line answer helps no one)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def describe(exc: BaseException, settings: Reminders, secret: str | None = None) -> SmtpProblem:
    """An SMTP or network failure as a Thai message and its fix."""
    import smtplib
    import ssl

    if isinstance(exc, SmtpProblem):
        return exc
    env = settings.password_env or ""
    if isinstance(exc, smtplib.SMTPResponseException):
        detail = f"{exc.smtp_code} {exc.smtp_error.decode('utf-8', 'replace') if isinstance(exc.smtp_error, bytes) else exc.smtp_error}"
    elif isinstance(exc, smtplib.SMTPRecipientsRefused):
        detail = "; ".join(f"{addr}: {code} {msg.decode('utf-8', 'replace') if isinstance(msg, bytes) else msg}"
                           for addr, (code, msg) in exc.recipients.items())
    else:
        detail = str(exc) or type(exc).__name__
    detail = brief_reply(scrub(detail, secret, settings.username))
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SmtpProblem(vocab.REM_SMTP_AUTH.format(problem=detail), vocab.REM_SMTP_AUTH_FIX.format(env=env))
    if isinstance(exc, ssl.SSLError | smtplib.SMTPNotSupportedError):
        return SmtpProblem(vocab.REM_SMTP_TLS.format(host=settings.host, problem=detail), vocab.REM_SMTP_TLS_FIX)
    if isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused | smtplib.SMTPDataError):
        return SmtpProblem(vocab.REM_SMTP_REFUSED.format(problem=detail), vocab.REM_SMTP_REFUSED_FIX)
    if isinstance(exc, smtplib.SMTPResponseException):
        return SmtpProblem(vocab.REM_SMTP_REFUSED.format(problem=detail), vocab.REM_SMTP_CONNECT_FIX)
    return SmtpProblem(vocab.REM_SMTP_CONNECT.format(host=settings.host, port=settings.smtp_port, problem=detail),
                       vocab.REM_SMTP_CONNECT_FIX)


# --- the edges: the password, SMTP, the record -----------------------------------------------------

def smtp_password(settings: Reminders, config_dir: Path | None = None,
                  environ: dict[str, str] | None = None) -> str | None:
    """The password from the environment variable the config names; None when no login is configured."""
    if not settings.username:
        return None
    env = settings.password_env or ""
    value = (os.environ if environ is None else environ).get(env, "")
    if not value:
        env_file = OfficeFolder(Path(config_dir or ".").resolve()).env_file
        raise SmtpProblem(vocab.REM_NO_PASSWORD.format(env=env),
                          vocab.DR_PASSWORD_FIX.format(env=env, env_file=env_file))
    return value


@contextmanager
def smtp_session(settings: Reminders, config_dir: Path, password: str | None) -> Iterator[smtplib.SMTP]:
    """A connected, encrypted (as configured) and logged-in SMTP session; closed on the way out.

    A login over an unencrypted connection is refused before connecting, unless `allow_plain_auth`."""
    import smtplib
    import ssl

    if settings.username and settings.security == "none" and not settings.allow_plain_auth:
        raise SmtpProblem(vocab.REM_PLAIN_AUTH.format(host=settings.host, port=settings.smtp_port),
                          vocab.REM_PLAIN_AUTH_FIX)
    ca = str(OfficeFolder(config_dir).file(settings.ca_file)) if settings.ca_file else None
    context = ssl.create_default_context(cafile=ca)
    port = settings.smtp_port
    smtp: smtplib.SMTP
    if settings.security == "ssl":
        smtp = smtplib.SMTP_SSL(settings.host, port, timeout=settings.timeout_seconds, context=context)
    else:
        smtp = smtplib.SMTP(settings.host, port, timeout=settings.timeout_seconds)
    try:
        smtp.ehlo()
        if settings.security == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if settings.username:
            try:
                smtp.login(settings.username, password or "")
            except UnicodeEncodeError:  # smtplib sends a login as ASCII only; its message names no character
                raise SmtpProblem(vocab.REM_SMTP_AUTH.format(problem=vocab.REM_LOGIN_NOT_ASCII),
                                  vocab.REM_SMTP_AUTH_FIX.format(env=settings.password_env or "")) from None
        yield smtp
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _fresh(history: History, issued_by: int | None, run_id: int) -> bool:
    """The memo is this sync's news: issued by it, or by a sync that failed before its e-mails went out."""
    if issued_by == run_id:
        return True
    run = history.run(issued_by) if issued_by is not None else None
    return run is not None and run.status != "ok"


OWED = "pending"  # a reminder decided by the sync that issued the memo, not sent yet
SEND_WAIT_SECONDS = 120.0  # for another process's sending to end (each SMTP step has its own timeout)
SEND_POLL_SECONDS = 0.1


def owe_reminders(office: Office, history: History, memo: MemoData, run_id: int) -> None:
    """The e-mails a memo just issued owes, one per group it lists, recorded as owed (under the sync's
    lock, with the memo's number: whichever process sends them later, each goes once)."""
    settings = office.reminders
    if settings is None or not settings.enabled:
        return
    done = history.reminder_statuses(memo.key)
    for memo_group in memo.groups:
        group = office.group(memo_group.code)
        if group is not None and memo_group.code not in done and email_wanted(office, group):
            history.mark_reminder(memo.key, group.code, OWED, [r.address for r in recipients(group)], run_id)


@contextmanager
def sending(office: Office, config_dir: Path) -> Iterator[bool]:
    """The office's send lock (OfficeFolder.send_lock), waited for while another process sends: True
    within when held. What is owed is read and marked under it, so two senders never both send one."""
    lock = SyncLock(OfficeFolder(config_dir).send_lock, what="reminders", zone=ZoneInfo(office.office.timezone))
    deadline = monotonic() + SEND_WAIT_SECONDS
    while True:
        try:
            lock.acquire()
            break
        except Locked:
            if monotonic() >= deadline:
                yield False
                return
            sleep(SEND_POLL_SECONDS)
    try:
        yield True
    finally:
        lock.release()


def send_reminders(office: Office, ev: Evaluation, history: History, run_id: int, config_dir: Path,
                   log: Callable[[str], None] | None = None, now: datetime | None = None) -> list[str]:
    """After the sync's memo is written: e-mail the groups it lists, once per memo. Returns warnings."""
    settings = office.reminders
    if settings is None or not settings.enabled:
        return []
    key = memo_identity(office, ev, cut_cells)  # as documents.memo.issue_memo identifies the memo
    record = history.memo(key) if key is not None else None
    memo = MemoData.model_validate(record.data) if record is not None else None
    return send_owed(office, history, run_id, config_dir, memo, log, now)


def send_owed(office: Office, history: History, run_id: int, config_dir: Path, current: MemoData | None,
              log: Callable[[str], None] | None = None, now: datetime | None = None) -> list[str]:
    """Every reminder owed, under the send lock: for the memo of tonight's situation (`current`), each
    group owed, failed last time, or not yet tried when the memo is this sync's news (`_fresh`); for any
    other memo, the groups owed only (a sync that died, or ran --no-documents, before sending them).
    Returns warnings."""
    settings = office.reminders
    if settings is None or not settings.enabled:
        return []
    with sending(office, config_dir) as held:
        if not held:
            return [vocab.REM_SEND_BUSY]
        warnings: list[str] = []
        owed = {r["memo_key"] for r in history.reminders() if r["status"] == OWED}
        keys = ([current.key] if current is not None else []) + sorted(owed - {current.key if current else ""})
        for key in keys:
            record = history.memo(key)
            if record is not None:
                warnings += _send_memo(office, settings, history, record, run_id, config_dir,
                                       current is not None and key == current.key, log, now)
        return warnings


def _send_memo(office: Office, settings: Reminders, history: History, record: MemoRecord, run_id: int,
               config_dir: Path, tonight: bool, log: Callable[[str], None] | None,
               now: datetime | None) -> list[str]:
    """One memo's reminders still to send (see send_owed), in one SMTP session. Returns warnings."""
    import smtplib

    memo = MemoData.model_validate(record.data)
    done = history.reminder_statuses(record.key)
    fresh = tonight and _fresh(history, record.run_id, run_id)
    retry = {OWED, "failed"} if tonight else {OWED}
    pending = [g for g in memo.groups if done.get(g.code) in retry or (
        fresh and g.code not in done and _wants_email(office, g.code))]
    if not pending:
        return []

    (pdf,) = memo_files(OfficeFolder(config_dir).out, record.number, ("pdf",))
    attachment = pdf.read_bytes() if settings.attach_memo and pdf.is_file() else None
    now = now or datetime.now().astimezone()
    warnings: list[str] = []
    outgoing: list[tuple[Reminder, EmailMessage]] = []
    for memo_group in pending:
        group = office.group(memo_group.code)
        if group is None:
            continue  # a group removed from the config since the memo was issued
        reminder = build_reminder(office, memo, memo_group, group, OfficeFolder(config_dir).group_link(office, group),
                                  pdf.name if attachment is not None else None)
        if not reminder.to:
            history.mark_reminder(record.key, group.code, "failed", [], run_id, "no address")
            warnings.append(f"{vocab.REM_NO_ADDRESS.format(group=group.name)} {vocab.DR_FIX}: {vocab.REM_NO_ADDRESS_FIX}")
            continue
        outgoing.append((reminder, email_message(office, settings, reminder, record.key, now, attachment)))
    if not outgoing:
        return warnings

    password: str | None = None
    sent: set[str] = set()
    failed: list[tuple[Reminder, SmtpProblem]] = []
    try:
        password = smtp_password(settings, config_dir)
        with smtp_session(settings, config_dir, password) as smtp:
            for reminder, msg in outgoing:
                to = envelope(settings, reminder)
                try:
                    smtp.send_message(msg, to_addrs=to)
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                    failed.append((reminder, describe(exc, settings, password)))  # this message only
                    continue
                sent.add(reminder.group)
                history.mark_reminder(record.key, reminder.group, "sent", to, run_id)
                if log is not None:
                    log(vocab.REM_SENT.format(group=reminder.group_name, to=", ".join(to)))
    except (SmtpProblem, smtplib.SMTPException, OSError) as exc:
        # The connection, the login or the server as a whole failed: every message not yet sent waits.
        problem = describe(exc, settings, password)
        done_now = sent | {r.group for r, _ in failed}
        failed += [(r, problem) for r, _ in outgoing if r.group not in done_now]
    warnings += _failures(history, record.key, failed, run_id, password, settings.username)
    return warnings


def _wants_email(office: Office, code: str) -> bool:
    group = office.group(code)
    return group is not None and email_wanted(office, group)


def _failures(history: History, key: str, failed: list[tuple[Reminder, SmtpProblem]], run_id: int,
              password: str | None, username: str | None = None) -> list[str]:
    """Record each failed group and word one warning per distinct problem (scrubbed again: nothing
    unscrubbed is stored or shown, whichever way a problem was made)."""
    by_problem: dict[tuple[str, str], list[str]] = {}
    for reminder, problem in failed:
        history.mark_reminder(key, reminder.group, "failed", [r.address for r in reminder.to], run_id,
                              scrub(problem.message, password, username))
        by_problem.setdefault((problem.message, problem.fix), []).append(reminder.group_name)
    return [scrub(vocab.REM_FAILED.format(groups=", ".join(names), problem=message, fix=fix), password, username)
            for (message, fix), names in by_problem.items()]
