"""Pydantic models of an office's configuration: who the office is, its groups, the standards and
their indicators, the work calendar, the committee and where the sheets live.

Only shape and single-field rules live here; rules that need the whole office (an indicator owned by
an unknown group, a milestone outside the fiscal year) are in config.py, where they can be reported
with the file and key path they come from.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sheetsync.core import thai, vocab

Method = Literal["criteria", "target_percent", "self_rated"]
Role = Literal["ประธาน", "รองประธาน", "กรรมการ", "กรรมการและเลขานุการ", "ผู้ช่วยเลขานุการ"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _date(value: object) -> object:
    # Config dates may be written as people write them ("31 มี.ค. 2570"); YAML gives real dates.
    if isinstance(value, str):
        try:
            return thai.parse_date(value)
        except thai.ParseError as exc:
            raise ValueError(exc.message) from exc
    return value


class Person(Strict):
    name: str = Field(min_length=1)
    position: str = ""
    email: str | None = None


class OfficeInfo(Strict):
    name: str = Field(min_length=1, description="ชื่อเต็มของสำนักงาน")
    short_name: str = Field(min_length=1)
    address: str = ""
    phone: str = ""
    doc_prefix: str = Field("", description="เลขที่หนังสือ เช่น ศธ 04041")
    director: Person
    coordinator: Person
    fiscal_year: int = Field(ge=2500, le=2700, description="ปีงบประมาณ (พ.ศ.)")
    timezone: str = "Asia/Bangkok"
    thai_digits: bool = Field(True, description="เขียนตัวเลขไทยในข้อความที่ sheetsync เขียน")


class Documents(Strict):
    """How the office's documents look and are numbered; paths are relative to the config folder."""

    memo_prefix: str = Field("", description="ส่วนหน้าของเลขที่บันทึกข้อความ เช่น 'ศธ ๐๔๐๔๑/'; ว่าง = doc_prefix ตามด้วย /")
    memo_start: int = Field(1, ge=1, description="เลขทะเบียนของบันทึกข้อความฉบับแรกที่ sheetsync ออก (ฉบับต่อไปเพิ่มทีละ ๑)")
    memo_unit: str = Field("", description="หน่วยงานเจ้าของเรื่องในบรรทัดส่วนราชการ เช่น 'กลุ่มอำนวยการ'")
    garuda: str | None = Field(None, description="ไฟล์ภาพตราครุฑ (PNG หรือ JPG); ว่าง = เว้นที่ว่างไว้ ไม่วาดแทน")
    font: str | None = Field(None, description="ไฟล์ฟอนต์ตัวปกติสำหรับ PDF (TTF/OTF) เช่น THSarabunNew.ttf; ว่าง = Sarabun ที่มากับ sheetsync")
    font_bold: str | None = Field(None, description="ไฟล์ฟอนต์ตัวหนาสำหรับ PDF; ว่าง = ใช้ตัวปกติ (ถ้ากำหนด font) หรือ Sarabun Bold")
    font_size: float = Field(16, ge=8, le=32, description="ขนาดตัวอักษรเนื้อความ (พอยต์)")
    docx_font: str = Field("TH SarabunPSK", min_length=1, description="ชื่อฟอนต์ในไฟล์ DOCX (ฟอนต์ที่เครื่องในสำนักงานมี)")


class XlsxBackend(Strict):
    kind: Literal["xlsx"]
    path: str = "office.xlsx"


class GSheetsBackend(Strict):
    kind: Literal["gsheets"]
    spreadsheet: str = Field(min_length=1, description="คีย์ของ spreadsheet หลัก (ส่วนระหว่าง /d/ และ /edit ใน URL)")
    credentials: str | None = Field(
        None, description="ไฟล์กุญแจ service account (JSON); ว่าง = ใช้ GOOGLE_APPLICATION_CREDENTIALS"
    )
    max_attempts: int = Field(6, ge=1, le=20, description="จำนวนครั้งสูงสุดที่ส่งคำขอเดียวกัน เมื่อ Google ตอบว่าไม่ว่าง")
    backoff_seconds: float = Field(1.0, gt=0, le=60)
    max_backoff_seconds: float = Field(32.0, gt=0, le=600)
    timeout_seconds: float = Field(60.0, gt=0, le=600)


Backend = Annotated[XlsxBackend | GSheetsBackend, Field(discriminator="kind")]


class Group(Strict):
    code: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_\-]+$")
    name: str = Field(min_length=1)
    tab: str = Field(min_length=1, max_length=31)
    head: Person
    emails: list[str] = []
    spreadsheet: str | None = None

    @field_validator("tab")
    @classmethod
    def _tab_chars(cls, value: str) -> str:
        bad = set(value) & set("[]:*?/\\")
        if bad:
            raise ValueError(f"ชื่อแท็บมีอักขระที่ใช้ไม่ได้: {' '.join(sorted(bad))}")
        return value


class Indicator(Strict):
    code: str = Field(min_length=1, pattern=r"^\d+(\.\d+)*$")
    title: str = Field(min_length=1)
    owners: list[str] = Field(min_length=1)
    weight: float = Field(1.0, gt=0)
    method: Method
    criteria: list[str] = []
    thresholds: dict[int, float] | None = Field(
        None, description="ระดับ -> ค่าต่ำสุดที่ต้องถึง (จำนวนประเด็น หรือ ร้อยละของเป้าหมาย)"
    )
    direction: Literal["higher", "lower"] = "higher"
    combine: Literal["mean", "min"] = "mean"
    unit: str = ""


class Standard(Strict):
    code: str = Field(min_length=1, pattern=r"^\d+$")
    title: str = Field(min_length=1)
    weight: float = Field(1.0, gt=0)
    indicators: list[Indicator] = Field(min_length=1)


class LevelBand(Strict):
    min: float
    name: str


def _default_bands() -> list[LevelBand]:
    return [
        LevelBand(min=4.5, name=vocab.DEFAULT_LEVEL_NAMES[5]),
        LevelBand(min=3.5, name=vocab.DEFAULT_LEVEL_NAMES[4]),
        LevelBand(min=2.5, name=vocab.DEFAULT_LEVEL_NAMES[3]),
        LevelBand(min=1.5, name=vocab.DEFAULT_LEVEL_NAMES[2]),
        LevelBand(min=0, name=vocab.DEFAULT_LEVEL_NAMES[1]),
    ]


class Levels(Strict):
    names: dict[int, str] = Field(default_factory=lambda: dict(vocab.DEFAULT_LEVEL_NAMES))
    bands: list[LevelBand] = Field(default_factory=_default_bands)


class StandardsFile(Strict):
    edition: str = ""
    levels: Levels = Field(default_factory=Levels)
    standards: list[Standard] = Field(min_length=1)


class Milestone(Strict):
    code: str = Field(min_length=1)
    name: str = Field(min_length=1)
    opens: date
    due: date
    requires: Literal["targets", "results", "office"] = Field(
        "results", description="targets: เป้าหมาย, results: ผลการดำเนินงาน, office: งานของสำนักงาน ไม่ผูกกับแถว"
    )
    covers: list[str] = Field([], description="รหัสตัวบ่งชี้หรือรหัสกลุ่ม; ว่าง = ทุกแถว")
    remind_days: int = Field(14, ge=0, le=120)

    _parse_dates = field_validator("opens", "due", mode="before")(_date)


class CalendarFile(Strict):
    milestones: list[Milestone] = Field(min_length=1)


class Member(Strict):
    name: str = Field(min_length=1)
    position: str = ""
    role: Role
    indicators: list[str] = []


class CommitteeFile(Strict):
    order_number: str = ""
    order_date: date | None = None
    title: str = Field(vocab.COMMITTEE_TITLE, min_length=1, description="ชื่อคณะทำงานในคำสั่ง")
    authority: str = Field("", description="อำนาจตามกฎหมายที่อ้างในคำสั่ง เช่น 'มาตรา ๓๗ แห่งพระราชบัญญัติ...'; ว่าง = ไม่อ้าง")
    duties: list[str] = Field(default_factory=lambda: list(vocab.COMMITTEE_DUTIES), description="หน้าที่ของคณะทำงาน")
    members: list[Member] = Field(min_length=1)

    _parse_dates = field_validator("order_date", mode="before")(_date)


_EMAIL_RE = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
_DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


def _email(value: str) -> str:
    if not re.fullmatch(_EMAIL_RE, value.strip()):
        raise ValueError(vocab.CFG_BAD_EMAIL.format(value=value))
    return value.strip()


class Reminders(Strict):
    """E-mail to each late group's head when a sync issues a new follow-up memo (SMTP). Off unless configured."""

    enabled: bool = Field(True, description="false = ไม่ส่งอีเมล (เก็บการตั้งค่าไว้)")
    host: str = Field(min_length=1, description="เครื่องบริการส่งอีเมล (SMTP) เช่น smtp.gmail.com")
    port: int | None = Field(None, ge=1, le=65535, description="ว่าง = 587 (starttls), 465 (ssl), 25 (none)")
    security: Literal["starttls", "ssl", "none"] = Field(
        "starttls", description="starttls: เข้ารหัสหลังเชื่อมต่อ, ssl: เข้ารหัสตั้งแต่ต้น, none: ไม่เข้ารหัส (เฉพาะเครื่องในสำนักงาน)")
    username: str | None = Field(None, description="ชื่อผู้ใช้สำหรับเข้าสู่ระบบ SMTP; ว่าง = ไม่เข้าสู่ระบบ")
    password_env: str | None = Field(
        None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
        description="ชื่อตัวแปรสภาพแวดล้อมที่เก็บรหัสผ่าน เช่น SHEETSYNC_SMTP_PASSWORD (ไม่เขียนรหัสผ่านลงไฟล์นี้)")
    from_address: str = Field(description="ที่อยู่ผู้ส่ง เช่น sheetsync@nst1.example")
    from_name: str = Field("", description="ชื่อผู้ส่ง; ว่าง = ชื่อย่อของสำนักงาน")
    reply_to: str | None = Field(None, description="ที่อยู่สำหรับตอบกลับ; ว่าง = อีเมลของผู้ประสานงาน")
    cc: list[str] = Field([], description="สำเนาถึง (เช่น ผู้ประสานงาน)")
    attach_memo: bool = Field(True, description="แนบบันทึกข้อความ (PDF) ไปกับอีเมล")
    ca_file: str | None = Field(None, description="ไฟล์ใบรับรอง CA (PEM) ของเครื่อง SMTP ในสำนักงาน; ว่าง = ใบรับรองของระบบ")
    timeout_seconds: float = Field(30.0, gt=0, le=300)

    @field_validator("from_address", "reply_to")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        return None if value is None else _email(value)

    @field_validator("cc")
    @classmethod
    def _cc(cls, value: list[str]) -> list[str]:
        return [_email(v) for v in value]

    @model_validator(mode="after")
    def _password_with_username(self) -> Reminders:
        if self.username and not self.password_env:
            raise ValueError(vocab.CFG_SMTP_PASSWORD_ENV)
        return self

    @property
    def smtp_port(self) -> int:
        return self.port or _DEFAULT_PORTS[self.security]


class OfficeFile(Strict):
    office: OfficeInfo
    backend: Backend
    groups: list[Group] = Field(min_length=1)
    columns: dict[str, str] = Field({}, description="หัวคอลัมน์ที่ต้องการใช้แทนค่าเริ่มต้น: key -> label")
    outputs_tab: str = Field(vocab.OUTPUTS_TAB, max_length=31)
    status_tab: str = Field(vocab.STATUS_TAB, max_length=31)
    documents: Documents = Field(default_factory=Documents)
    reminders: Reminders | None = Field(None, description="อีเมลแจ้งกลุ่มที่ล่าช้าเมื่อออกบันทึกติดตามฉบับใหม่; ว่าง = ไม่ส่ง")


class Office(Strict):
    """The whole office as the sync sees it, put together from the config files."""

    office: OfficeInfo
    backend: Backend
    groups: list[Group]
    columns: dict[str, str] = {}
    outputs_tab: str = vocab.OUTPUTS_TAB
    status_tab: str = vocab.STATUS_TAB
    documents: Documents = Field(default_factory=Documents)
    reminders: Reminders | None = None
    edition: str = ""
    levels: Levels = Field(default_factory=Levels)
    standards: list[Standard]
    milestones: list[Milestone]
    committee: CommitteeFile | None = None

    def indicators(self) -> list[Indicator]:
        return [ind for std in self.standards for ind in std.indicators]

    def indicator(self, code: str) -> Indicator | None:
        return self._indicator_index.get(code)

    @cached_property
    def _indicator_index(self) -> dict[str, Indicator]:
        return {ind.code: ind for ind in self.indicators()}

    def standard_of(self, indicator_code: str) -> Standard:
        return next(s for s in self.standards if any(i.code == indicator_code for i in s.indicators))

    def group(self, code: str) -> Group | None:
        return next((g for g in self.groups if g.code == code), None)

    def group_indicators(self, group_code: str) -> list[Indicator]:
        return [ind for ind in self.indicators() if group_code in ind.owners]

    def level_name(self, level: int) -> str:
        return self.levels.names.get(level, str(level))
