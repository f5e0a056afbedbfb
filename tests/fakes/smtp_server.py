"""A real SMTP server on 127.0.0.1 for the reminder tests (aiosmtpd), with AUTH, STARTTLS or implicit
TLS on a throwaway self-signed certificate, and a switch to make it refuse messages."""

from __future__ import annotations

import datetime as dt
import email
import ipaddress
import socket
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.raw, policy=default_policy)  # type: ignore[return-value]


@dataclass
class _Handler:
    inbox: list[Received] = field(default_factory=list)
    refuse: str | None = None  # an SMTP reply such as "554 5.7.1 rejected" for every DATA

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return self.refuse
        self.inbox.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (its own CA) and its key, as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sheetsync test SMTP")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp-ca.pem", directory / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class SmtpServer:
    """`with SmtpServer(password="...") as smtp:` ... `smtp.inbox`, `smtp.logins`, `smtp.port`."""

    def __init__(self, *, username: str | None = None, password: str | None = None, security: str = "none",
                 cert_dir: Path | None = None) -> None:
        self.handler = _Handler()
        self.logins: list[tuple[str, str]] = []
        self.username = username
        self.password = password
        self.security = security
        self.port = free_port()
        self.ca_file: Path | None = None
        kwargs: dict[str, Any] = {}
        if password is not None:
            # AUTH over TLS only, as real servers do; with implicit TLS aiosmtpd does not know the session is
            # encrypted, so it is told not to ask.
            kwargs.update(authenticator=self._authenticate, auth_require_tls=security == "starttls")
        if security != "none":
            assert cert_dir is not None
            self.ca_file, key = self_signed(cert_dir)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.ca_file, key)
            kwargs["tls_context" if security == "starttls" else "ssl_context"] = context
            if security == "starttls":
                kwargs["require_starttls"] = True
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **kwargs)

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        login = auth_data.login.decode()
        password = auth_data.password.decode()
        self.logins.append((login, password))
        good = password == self.password and (self.username is None or login == self.username)
        # Said in full: aiosmtpd would otherwise treat a failure as already answered and stay silent.
        return AuthResult(success=True) if good else AuthResult(
            success=False, handled=False, message="535 5.7.8 Authentication credentials invalid")

    @property
    def inbox(self) -> list[Received]:
        return self.handler.inbox

    def refuse(self, reply: str | None) -> None:
        self.handler.refuse = reply

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()
