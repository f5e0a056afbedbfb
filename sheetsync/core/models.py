"""Pydantic models of an office's configuration: who the office is, its groups, the standards and
their indicators, the work calendar, the committee and where the sheets live.

Only shape and single-field rules live here; rules that need the whole office (an indicator owned by
an unknown group, a milestone outside the fiscal year) are in config.py, where they can be reported
with the file and key path they come from.

Values that would break something later are refused here, with a Thai message (issue 13):

- No float of the config may be infinite or NaN (`allow_inf_nan=False` on every model: `.inf`, `.nan` and
  `1.0e+400`, which YAML reads as infinity), and the numbers that are summed or stored have an upper bound
  (weights and thresholds 1,000,000, the memo's first number 999,999: history keeps it as SQLite's 64-bit
  integer). Integers of more than 15 digits are refused earlier, by the loader (store/config.py).
- A tab name (a group's, the Status tab's, the outputs tab's) is what Excel and Google Sheets accept:
  1 to 31 characters (UTF-16 units, as Excel counts), not blank, none of `/ \\ : * ? [ ]` nor a control
  character (XML cannot hold most of them), and no `'` at either end.
- A code that becomes part of a file name (a milestone's: `e-MES/<code>/` in the OBEC package) has
  letters (any script), digits, spaces, `-`, `_` and `.` only, no `..`, no leading `.`, no space at
  either end, at most 40 characters: never a path separator, so nothing is written outside `out/`.
  Group, standard and indicator codes already have stricter patterns.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sheetsync.core import thai, vocab

Method = Literal["criteria", "target_percent", "self_rated"]
Role = Literal["ประธาน", "รองประธาน", "กรรมการ", "กรรมการและเลขานุการ", "ผู้ช่วยเลขานุการ"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# Upper bounds of numbers that are summed (weights) or compared (thresholds, band minimums): far above any
# office's, far below where a float sum would overflow.
_BIG = 1_000_000
Bounded = Annotated[float, Field(ge=-_BIG, le=_BIG)]

TAB_MAX = 31  # Excel's limit (UTF-16 units); Google Sheets takes longer names, the workbook would not
_TAB_FORBIDDEN = set("[]:*?/\\")
FILE_CODE_MAX = 40
_FILE_CODE_PUNCT = set("-_. ")


def _shown(chars: set[str]) -> str:
    """Characters for a message: printable ones as they are, the others as U+XXXX."""
    return " ".join(c if c.isprintable() and not c.isspace() else f"U+{ord(c):04X}" for c in sorted(chars))


def tab_name(value: str) -> str:
    """A tab name Excel and Google Sheets both accept, else ValueError with the Thai reason."""
    if not value.strip():
        raise ValueError(vocab.CFG_TAB_BLANK)
    if len(value.encode("utf-16-le")) // 2 > TAB_MAX:
        raise ValueError(vocab.CONFIG_ERROR_TYPES["string_too_long"].format(max_length=TAB_MAX))
    bad = {c for c in value if c in _TAB_FORBIDDEN or unicodedata.category(c) == "Cc"}
    if bad:
        raise ValueError(f"{vocab.CFG_BAD_TAB_CHARS.format(chars=_shown(bad))} {vocab.CFG_TAB_RULE}")
    if value.startswith("'") or value.endswith("'"):
        raise ValueError(f"{vocab.CFG_TAB_APOSTROPHE} {vocab.CFG_TAB_RULE}")
    return value


def file_name_code(value: str) -> str:
    """A code that is safe as one part of a file name (no separator, no `..`), else ValueError in Thai."""
    bad = {c for c in value if not (c.isalnum() or c in _FILE_CODE_PUNCT or unicodedata.category(c).startswith("M"))}
    why = ""
    if bad:
        why = vocab.CFG_FILE_NAME_CHARS.format(chars=_shown(bad))
    elif ".." in value or value.startswith("."):
        why = vocab.CFG_FILE_NAME_DOTS
    elif value != value.strip():
        why = vocab.CFG_FILE_NAME_SPACES
    elif len(value) > FILE_CODE_MAX:
        why = vocab.CFG_FILE_NAME_LONG.format(length=len(value))
    if why:
        raise ValueError(vocab.CFG_BAD_FILE_NAME.format(value=value, why=why, limit=FILE_CODE_MAX))
    return value


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
    name: str = Field(min_length=1, description=vocab.SCHEMA_OFFICE_NAME)
    short_name: str = Field(min_length=1)
    address: str = ""
    phone: str = ""
    doc_prefix: str = Field("", description=vocab.SCHEMA_DOC_PREFIX)
    director: Person
    coordinator: Person
    fiscal_year: int = Field(ge=2500, le=2700, description=vocab.SCHEMA_FISCAL_YEAR)
    timezone: str = "Asia/Bangkok"
    thai_digits: bool = Field(True, description=vocab.SCHEMA_THAI_DIGITS)


class Documents(Strict):
    """How the office's documents look and are numbered; paths are relative to the config folder."""

    memo_prefix: str = Field("", description=vocab.SCHEMA_MEMO_PREFIX)
    memo_start: int = Field(1, ge=1, le=999_999, description=vocab.SCHEMA_MEMO_START)
    memo_unit: str = Field("", description=vocab.SCHEMA_MEMO_UNIT)
    garuda: str | None = Field(None, description=vocab.SCHEMA_GARUDA)
    font: str | None = Field(None, description=vocab.SCHEMA_FONT)
    font_bold: str | None = Field(None, description=vocab.SCHEMA_FONT_BOLD)
    font_size: float = Field(16, ge=8, le=32, description=vocab.SCHEMA_FONT_SIZE)
    docx_font: str = Field("TH SarabunPSK", min_length=1, description=vocab.SCHEMA_DOCX_FONT)
    # Where the groups open the workbook (a share path or a URL): the assignment pages print it, never the
    # path on the machine that runs the sync, which no group's PC can open.
    share_path: str | None = Field(None, min_length=1, description=vocab.SCHEMA_SHARE_PATH)


class XlsxBackend(Strict):
    kind: Literal["xlsx"]
    path: str = "office.xlsx"


class GSheetsBackend(Strict):
    kind: Literal["gsheets"]
    spreadsheet: str = Field(min_length=1, description=vocab.SCHEMA_SPREADSHEET)
    credentials: str | None = Field(
        None, description=vocab.SCHEMA_CREDENTIALS
    )
    max_attempts: int = Field(6, ge=1, le=20, description=vocab.SCHEMA_MAX_ATTEMPTS)
    backoff_seconds: float = Field(1.0, gt=0, le=60)
    max_backoff_seconds: float = Field(32.0, gt=0, le=600)
    timeout_seconds: float = Field(60.0, gt=0, le=600)


Backend = Annotated[XlsxBackend | GSheetsBackend, Field(discriminator="kind")]


class Group(Strict):
    code: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_\-]+$")
    name: str = Field(min_length=1)
    tab: str = Field(min_length=1, max_length=TAB_MAX)
    head: Person
    emails: list[str] = []
    spreadsheet: str | None = None

    _tab_name = field_validator("tab")(tab_name)


class Indicator(Strict):
    code: str = Field(min_length=1, pattern=r"^\d+(\.\d+)*$")
    title: str = Field(min_length=1)
    owners: list[str] = Field(min_length=1)
    weight: float = Field(1.0, gt=0, le=_BIG)
    method: Method
    criteria: list[str] = []
    thresholds: dict[int, Bounded] | None = Field(
        None, description=vocab.SCHEMA_THRESHOLDS
    )
    direction: Literal["higher", "lower"] = "higher"
    combine: Literal["mean", "min"] = "mean"
    unit: str = ""
    # Notes for the coordinator (what the title or criteria assume until OBEC's rubric confirms them): kept
    # out of the title and criteria, which every document and sheet prints; check and doctor list them.
    assumptions: list[str] = Field([], description=vocab.SCHEMA_IND_ASSUMPTIONS)


class Standard(Strict):
    code: str = Field(min_length=1, pattern=r"^\d+$")
    title: str = Field(min_length=1)
    weight: float = Field(1.0, gt=0, le=_BIG)
    indicators: list[Indicator] = Field(min_length=1)


class LevelBand(Strict):
    min: Bounded
    name: str


def _default_bands(names: dict[int, str] | None = None) -> list[LevelBand]:
    """The default score bands, named as the office names its levels (the default names where it does not)."""
    named = {**vocab.DEFAULT_LEVEL_NAMES, **(names or {})}
    return [
        LevelBand(min=4.5, name=named[5]),
        LevelBand(min=3.5, name=named[4]),
        LevelBand(min=2.5, name=named[3]),
        LevelBand(min=1.5, name=named[2]),
        LevelBand(min=0, name=named[1]),
    ]


class Levels(Strict):
    names: dict[int, str] = Field(default_factory=lambda: dict(vocab.DEFAULT_LEVEL_NAMES))
    # Bands left out are the default ones under the office's names: renaming level 5 renames its band too.
    bands: list[LevelBand] = Field(default_factory=lambda data: _default_bands(data.get("names")))


class StandardsFile(Strict):
    edition: str = ""
    # The example file sheetsync ships says so (`example: true`) until the office confirms it: check and
    # doctor warn while it does. `source` and `assumptions` are for the coordinator, never printed.
    example: bool = Field(False, description=vocab.SCHEMA_STD_EXAMPLE)
    source: str = Field("", description=vocab.SCHEMA_STD_SOURCE)
    assumptions: list[str] = Field([], description=vocab.SCHEMA_STD_ASSUMPTIONS)
    levels: Levels = Field(default_factory=Levels)
    standards: list[Standard] = Field(min_length=1)


class Milestone(Strict):
    code: str = Field(min_length=1, max_length=FILE_CODE_MAX)
    name: str = Field(min_length=1)
    opens: date
    due: date
    requires: Literal["targets", "results", "office"] = Field(
        "results", description=vocab.SCHEMA_REQUIRES
    )
    covers: list[str] = Field([], description=vocab.SCHEMA_COVERS)
    remind_days: int = Field(14, ge=0, le=120, description=vocab.SCHEMA_REMIND_DAYS)
    grace_days: int = Field(0, ge=0, le=120, description=vocab.SCHEMA_GRACE_DAYS)
    followup_days: int = Field(7, ge=1, le=120, description=vocab.SCHEMA_FOLLOWUP_DAYS)

    _parse_dates = field_validator("opens", "due", mode="before")(_date)
    _file_name_code = field_validator("code")(file_name_code)

    @property
    def is_round(self) -> bool:
        """A reporting round (รอบการรายงาน): a `results` milestone, whose results are frozen when it closes."""
        return self.requires == "results"


class DayOff(Strict):
    date: date
    name: str = Field(min_length=1)

    _parse_dates = field_validator("date", mode="before")(_date)


class CalendarFile(Strict):
    milestones: list[Milestone] = Field(min_length=1)
    public_holidays: bool = Field(True, description=vocab.SCHEMA_PUBLIC_HOLIDAYS)
    days_off: list[DayOff] = Field([], description=vocab.SCHEMA_DAYS_OFF)
    working_days: list[date] = Field([], description=vocab.SCHEMA_WORKING_DAYS)

    @field_validator("working_days", mode="before")
    @classmethod
    def _parse_working_days(cls, value: object) -> object:
        return [_date(v) for v in value] if isinstance(value, list) else value


class Member(Strict):
    name: str = Field(min_length=1)
    position: str = ""
    role: Role
    indicators: list[str] = []


class CommitteeFile(Strict):
    order_number: str = ""
    order_date: date | None = None
    title: str = Field(vocab.COMMITTEE_TITLE, min_length=1, description=vocab.SCHEMA_COMMITTEE_TITLE)
    # Which role names the order and the minutes print; the stored roles stay the five of Role, so a
    # config written before this key loads as it did.
    # (A str checked against vocab.COMMITTEE_KINDS, not a Literal: the Thai words stay in the vocabulary.)
    kind: str | None = Field(None, description=vocab.SCHEMA_COMMITTEE_KIND,
                             json_schema_extra={"enum": [*vocab.COMMITTEE_KINDS, None]})
    authority: str = Field("", description=vocab.SCHEMA_AUTHORITY)
    duties: list[str] = Field(default_factory=lambda: list(vocab.COMMITTEE_DUTIES), description=vocab.SCHEMA_DUTIES)
    members: list[Member] = Field(min_length=1)

    _parse_dates = field_validator("order_date", mode="before")(_date)

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str | None) -> str | None:
        if value is not None and value.strip() not in vocab.COMMITTEE_KINDS:
            raise ValueError(vocab.CFG_COMMITTEE_KIND.format(value=value))
        return None if value is None else value.strip()

    @property
    def working_group(self) -> bool:
        """A คณะทำงาน: said by `kind`, else by the title ("คณะทำงาน..."), as offices name them."""
        if self.kind is not None:
            return self.kind == vocab.COMMITTEE_KIND_WORKING
        return self.title.strip().startswith(vocab.COMMITTEE_KIND_WORKING)

    def role_name(self, role: str) -> str:
        """The role as the order and the minutes print it: a working group's กรรมการ is คณะทำงาน."""
        return vocab.ROLE_NAMES_WORKING.get(role, role) if self.working_group else role


_EMAIL_RE = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
_DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


def _email(value: str) -> str:
    if not re.fullmatch(_EMAIL_RE, value.strip()):
        raise ValueError(vocab.CFG_BAD_EMAIL.format(value=value))
    return value.strip()


class Reminders(Strict):
    """E-mail to each late group's head when a sync issues a new follow-up memo (SMTP). Off unless configured."""

    enabled: bool = Field(True, description=vocab.SCHEMA_REMINDERS_ENABLED)
    host: str = Field(min_length=1, description=vocab.SCHEMA_SMTP_HOST)
    port: int | None = Field(None, ge=1, le=65535, description=vocab.SCHEMA_SMTP_PORT)
    security: Literal["starttls", "ssl", "none"] = Field(
        "starttls", description=vocab.SCHEMA_SMTP_SECURITY)
    username: str | None = Field(None, description=vocab.SCHEMA_SMTP_USERNAME)
    password_env: str | None = Field(
        None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
        description=vocab.SCHEMA_SMTP_PASSWORD_ENV)
    from_address: str = Field(description=vocab.SCHEMA_FROM_ADDRESS)
    from_name: str = Field("", description=vocab.SCHEMA_FROM_NAME)
    reply_to: str | None = Field(None, description=vocab.SCHEMA_REPLY_TO)
    cc: list[str] = Field([], description=vocab.SCHEMA_CC)
    attach_memo: bool = Field(True, description=vocab.SCHEMA_ATTACH_MEMO)
    ca_file: str | None = Field(None, description=vocab.SCHEMA_CA_FILE)
    timeout_seconds: float = Field(30.0, gt=0, le=300)
    # issue 13: a login over `security: none` sends the password in clear; refused unless this says so.
    allow_plain_auth: bool = Field(False, description=vocab.SCHEMA_ALLOW_PLAIN_AUTH)

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


class HistoryRetention(Strict):
    """How much state/history.sqlite keeps, applied after each real sync (store/history.py, History.prune):
    every run of the last `keep_all_days` days (null: every run, for ever), and of older ones the last
    real sync of each week when `then_weekly`. Whatever the rule, memos, the last runs and each fiscal
    year's last sync stay (what the reports, diff and memo numbering ask for)."""

    keep_all_days: int | None = Field(90, ge=1, le=36_500, description=vocab.SCHEMA_HISTORY_KEEP_ALL_DAYS)
    then_weekly: bool = Field(True, description=vocab.SCHEMA_HISTORY_THEN_WEEKLY)


class OfficeFile(Strict):
    office: OfficeInfo
    backend: Backend
    groups: list[Group] = Field(min_length=1)
    columns: dict[str, str] = Field({}, description=vocab.SCHEMA_COLUMNS)
    outputs_tab: str = Field(vocab.OUTPUTS_TAB, min_length=1, max_length=TAB_MAX)
    status_tab: str = Field(vocab.STATUS_TAB, min_length=1, max_length=TAB_MAX)
    documents: Documents = Field(default_factory=Documents)
    reminders: Reminders | None = Field(None, description=vocab.SCHEMA_REMINDERS)
    history: HistoryRetention = Field(default_factory=HistoryRetention, description=vocab.SCHEMA_HISTORY)

    _tab_names = field_validator("outputs_tab", "status_tab")(tab_name)


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
    history: HistoryRetention = Field(default_factory=HistoryRetention)
    edition: str = ""
    standards_example: bool = False  # StandardsFile.example, .source and .assumptions: for check and doctor only
    standards_source: str = ""
    standards_assumptions: list[str] = []
    levels: Levels = Field(default_factory=Levels)
    standards: list[Standard]
    milestones: list[Milestone]
    public_holidays: bool = True
    days_off: list[DayOff] = []
    working_days: list[date] = []
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

    def rounds(self) -> list[Milestone]:
        """The reporting rounds, in the order they are due."""
        return sorted((m for m in self.milestones if m.is_round), key=lambda m: m.due)

    def milestone(self, code: str) -> Milestone | None:
        return next((m for m in self.milestones if m.code == code), None)

    def level_name(self, level: int) -> str:
        return self.levels.names.get(level, str(level))
