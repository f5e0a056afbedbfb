"""Reminder settings for an office that talks to the loopback SMTP server."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import yaml

from tests.fakes.smtp_server import SmtpServer, free_port

PASSWORD = "Tr0ub4dor-3-sheetsync"


ENV = "SHEETSYNC_SMTP_PASSWORD"


SENDER = "sheetsync@nst1.example"


def set_reminders(config: Path, **settings: object) -> None:
    path = config / "office.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["reminders"] = settings
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def smtp_settings(smtp: SmtpServer | None = None, port: int | None = None, **extra: object) -> dict:
    """Reminders for the loopback server; a login over `security: none` is allowed (`allow_plain_auth`: the
    server is on 127.0.0.1), unless `extra` says otherwise."""
    settings = {"host": "127.0.0.1", "port": port or (smtp.port if smtp else free_port()), "security": "none",
                "username": SENDER, "password_env": ENV, "from_address": SENDER, "timeout_seconds": 5,
                "allow_plain_auth": True}
    return {**settings, **extra}


SUPERVISION = "นิเทศ ติดตามและประเมินผล"


def supervision_reports(config: Path) -> None:
    """The late group reports indicator 2.1: a new situation, so the next sync issues a new memo."""
    book = config / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb[SUPERVISION]
    header = {c.value: c.column for c in ws[1]}
    for key, value in {"ผลการดำเนินงาน": "นิเทศครบทุกโรงเรียน", "ประเด็นที่ผ่าน": "1-6",
                       "หลักฐานอ้างอิง": "รายงานการนิเทศ", "วันที่รายงาน": "๓ เม.ย. ๒๕๗๐"}.items():
        ws.cell(2, header[key]).value = value
    wb.save(book)
