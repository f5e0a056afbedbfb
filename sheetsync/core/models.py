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
- Numbers may be typed in Thai digits (`weight: ๓๐`, `fiscal_year: ๒๕๗๐`, `thresholds: {๕: ๑๐๐}`), as the
  sheets take them: YAML reads them as text, and `thai_number` reads such a text as the number before
  the field's own rules apply (ThaiInt, ThaiFloat, Bounded).
- A date may be written as YAML's `2027-03-31`, with a B.E. year (`2570-03-31`: a year above 2400 is
  read as B.E., as the sheets read it), or as people write it (`31 มี.ค. 2570`), see `config_date`.
- A code that becomes part of a file name (a milestone's: `e-MES/<code>/` in the OBEC package) has
  letters (any script), digits, spaces, `-`, `_` and `.` only, no `..`, no leading `.`, no space at
  either end, at most 40 characters: never a path separator, so nothing is written outside `out/`.
  Group, standard and indicator codes already have stricter patterns.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from sheetsync.core import thai, vocab

Method = Literal["criteria", "target_percent", "self_rated"]
Role = Literal["ประธาน", "รองประธาน", "กรรมการ", "กรรมการและเลขานุการ", "ผู้ช่วยเลขานุการ"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


_NUMBER_TEXT = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")


def thai_number(value: object) -> object:
    """A text of Thai digits (`๓๐`, `๒๕๗๐`, `๔.๕๐`) as the number it writes; anything else as it is, for
    the field's own rules. Only Thai-digit texts: a quoted "30" stays what pydantic makes of it, and a
    number too long to be a setting stays text (refused as not a number, never built)."""
    if not isinstance(value, str) or not any(c in thai.THAI_DIGITS for c in value):
        return value
    text = thai.to_arabic_digits(value.strip()).replace(",", "")
    if not _NUMBER_TEXT.fullmatch(thai.to_arabic_digits(value.strip())) or len(text) > thai.NUMBER_DIGITS + 2:
        return value
    return float(text) if "." in text else int(text)


ThaiInt = Annotated[int, BeforeValidator(thai_number)]
ThaiFloat = Annotated[float, BeforeValidator(thai_number)]
# Outside the union, so that the field's bounds stay JSON Schema's minimum/maximum (pydantic writes them
# as ge/le inside one).
OptionalThaiInt = Annotated[int | None, BeforeValidator(thai_number)]
# Upper bounds of numbers that are summed (weights) or compared (thresholds, band minimums): far above any
# office's, far below where a float sum would overflow.
_BIG = 1_000_000
Bounded = Annotated[float, Field(ge=-_BIG, le=_BIG), BeforeValidator(thai_number)]

# The office's timezone when office.yaml names none, and the one a run's log and history use before the
# config is read (a config error's log): every Thai office's.
DEFAULT_TIMEZONE = "Asia/Bangkok"
# The patterns of codes; store/config.py words each for the coordinator.
GROUP_CODE = r"^[A-Za-z0-9_\-]+$"
INDICATOR_CODE = r"^\d+(\.\d+)*$"
STANDARD_CODE = r"^\d+$"
ENV_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"
# A LINE push target: a group chat (C...), a multi-person chat (R...) or a user (U...), 32 hex digits.
LINE_TARGET = r"^[CRU][0-9a-f]{32}$"
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


def config_date(value: object) -> object:
    """A config date as the coordinator wrote it: YAML's date (`2027-03-31`; with a year above 2400,
    `2570-03-31`, the year is B.E., as the sheets read it) or a text people write ("31 มี.ค. 2570",
    "31/3/2570"); a date with a time, or anything else, is left for the field's own message."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, str | date):
        try:
            return thai.parse_date(value)
        except thai.ParseError as exc:
            raise ValueError(exc.message) from exc
    return value


ConfigDate = Annotated[date, BeforeValidator(config_date)]


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
    fiscal_year: ThaiInt = Field(ge=2500, le=2700, description=vocab.SCHEMA_FISCAL_YEAR)
    timezone: str = DEFAULT_TIMEZONE
    thai_digits: bool = Field(True, description=vocab.SCHEMA_THAI_DIGITS)


class Documents(Strict):
    """How the office's documents look and are numbered; paths are relative to the config folder."""

    memo_prefix: str = Field("", description=vocab.SCHEMA_MEMO_PREFIX)
    memo_start: ThaiInt = Field(1, ge=1, le=999_999, description=vocab.SCHEMA_MEMO_START)
    memo_unit: str = Field("", description=vocab.SCHEMA_MEMO_UNIT)
    garuda: str | None = Field(None, description=vocab.SCHEMA_GARUDA)
    font: str | None = Field(None, description=vocab.SCHEMA_FONT)
    font_bold: str | None = Field(None, description=vocab.SCHEMA_FONT_BOLD)
    font_size: ThaiFloat = Field(16, ge=8, le=32, description=vocab.SCHEMA_FONT_SIZE)
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
    max_attempts: ThaiInt = Field(6, ge=1, le=20, description=vocab.SCHEMA_MAX_ATTEMPTS)
    backoff_seconds: ThaiFloat = Field(1.0, gt=0, le=60)
    max_backoff_seconds: ThaiFloat = Field(32.0, gt=0, le=600)
    timeout_seconds: ThaiFloat = Field(60.0, gt=0, le=600)


Backend = Annotated[XlsxBackend | GSheetsBackend, Field(discriminator="kind")]


class Group(Strict):
    code: str = Field(min_length=1, pattern=GROUP_CODE)
    name: str = Field(min_length=1)
    tab: str = Field(min_length=1, max_length=TAB_MAX)
    # Names the group's tab had before (or may have): read in its place when `tab` is not there (app.tabs).
    tab_aliases: list[str] = Field([], description=vocab.SCHEMA_TAB_ALIASES)
    head: Person
    emails: list[str] = []
    spreadsheet: str | None = None
    # Where the group also reads its digest (app.notify): its LINE group chat's ID (sheetsync line pair
    # shows it; not a secret), and the name of the environment variable holding its Google Chat space's
    # incoming-webhook URL (the URL carries the space's key and token: a secret, never in a file we keep).
    line_group: str | None = Field(None, pattern=LINE_TARGET, description=vocab.SCHEMA_LINE_GROUP)
    chat_webhook_env: str | None = Field(None, pattern=ENV_NAME, description=vocab.SCHEMA_CHAT_WEBHOOK_ENV)
    # The head's sign-off for this group alone (core.signoff); None: as the office says (`signoff`).
    signoff: Literal["off", "required"] | None = Field(None, description=vocab.SCHEMA_GROUP_SIGNOFF)

    _tab_name = field_validator("tab")(tab_name)

    @field_validator("tab_aliases")
    @classmethod
    def _alias_names(cls, value: list[str]) -> list[str]:
        return [tab_name(alias) for alias in value]


class Indicator(Strict):
    code: str = Field(min_length=1, pattern=INDICATOR_CODE)
    title: str = Field(min_length=1)
    owners: list[str] = Field(min_length=1)
    weight: ThaiFloat = Field(1.0, gt=0, le=_BIG)
    method: Method
    criteria: list[str] = []
    thresholds: dict[ThaiInt, Bounded] | None = Field(
        None, description=vocab.SCHEMA_THRESHOLDS
    )
    direction: Literal["higher", "lower"] = "higher"
    combine: Literal["mean", "min"] = "mean"
    unit: str = ""
    # Notes for the coordinator (what the title or criteria assume until OBEC's rubric confirms them): kept
    # out of the title and criteria, which every document and sheet prints; check and doctor list them.
    assumptions: list[str] = Field([], description=vocab.SCHEMA_IND_ASSUMPTIONS)


class Standard(Strict):
    code: str = Field(min_length=1, pattern=STANDARD_CODE)
    title: str = Field(min_length=1)
    weight: ThaiFloat = Field(1.0, gt=0, le=_BIG)
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
    names: dict[ThaiInt, str] = Field(default_factory=lambda: dict(vocab.DEFAULT_LEVEL_NAMES))
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
    opens: ConfigDate
    due: ConfigDate
    requires: Literal["targets", "results", "office"] = Field(
        "results", description=vocab.SCHEMA_REQUIRES
    )
    covers: list[str] = Field([], description=vocab.SCHEMA_COVERS)
    remind_days: ThaiInt = Field(14, ge=0, le=120, description=vocab.SCHEMA_REMIND_DAYS)
    grace_days: ThaiInt = Field(0, ge=0, le=120, description=vocab.SCHEMA_GRACE_DAYS)
    followup_days: ThaiInt = Field(7, ge=1, le=120, description=vocab.SCHEMA_FOLLOWUP_DAYS)

    _file_name_code = field_validator("code")(file_name_code)

    @property
    def is_round(self) -> bool:
        """A reporting round (รอบการรายงาน): a `results` milestone, whose results are frozen when it closes."""
        return self.requires == "results"


class DayOff(Strict):
    date: ConfigDate
    name: str = Field(min_length=1)


class CalendarFile(Strict):
    milestones: list[Milestone] = Field(min_length=1)
    public_holidays: bool = Field(True, description=vocab.SCHEMA_PUBLIC_HOLIDAYS)
    days_off: list[DayOff] = Field([], description=vocab.SCHEMA_DAYS_OFF)
    working_days: list[ConfigDate] = Field([], description=vocab.SCHEMA_WORKING_DAYS)


class Member(Strict):
    name: str = Field(min_length=1)
    position: str = ""
    role: Role
    indicators: list[str] = []


class CommitteeFile(Strict):
    order_number: str = ""
    order_date: ConfigDate | None = None
    title: str = Field(vocab.COMMITTEE_TITLE, min_length=1, description=vocab.SCHEMA_COMMITTEE_TITLE)
    # Which role names the order and the minutes print; the stored roles stay the five of Role, so a
    # config written before this key loads as it did.
    # (A str checked against vocab.COMMITTEE_KINDS, not a Literal: the Thai words stay in the vocabulary.)
    kind: str | None = Field(None, description=vocab.SCHEMA_COMMITTEE_KIND,
                             json_schema_extra={"enum": [*vocab.COMMITTEE_KINDS, None]})
    authority: str = Field("", description=vocab.SCHEMA_AUTHORITY)
    duties: list[str] = Field(default_factory=lambda: list(vocab.COMMITTEE_DUTIES), description=vocab.SCHEMA_DUTIES)
    members: list[Member] = Field(min_length=1)

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
    port: OptionalThaiInt = Field(None, ge=1, le=65535, description=vocab.SCHEMA_SMTP_PORT)
    security: Literal["starttls", "ssl", "none"] = Field(
        "starttls", description=vocab.SCHEMA_SMTP_SECURITY)
    username: str | None = Field(None, description=vocab.SCHEMA_SMTP_USERNAME)
    password_env: str | None = Field(
        None, pattern=ENV_NAME,
        description=vocab.SCHEMA_SMTP_PASSWORD_ENV)
    from_address: str = Field(description=vocab.SCHEMA_FROM_ADDRESS)
    from_name: str = Field("", description=vocab.SCHEMA_FROM_NAME)
    reply_to: str | None = Field(None, description=vocab.SCHEMA_REPLY_TO)
    cc: list[str] = Field([], description=vocab.SCHEMA_CC)
    attach_memo: bool = Field(True, description=vocab.SCHEMA_ATTACH_MEMO)
    ca_file: str | None = Field(None, description=vocab.SCHEMA_CA_FILE)
    timeout_seconds: ThaiFloat = Field(30.0, gt=0, le=300)
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


class LineSettings(Strict):
    """The office's LINE Official Account (Messaging API): the names of the environment variables that
    hold its channel access token (to push) and its channel secret (to check webhook events while
    pairing); the tokens themselves are never in a config file."""

    token_env: str = Field("SHEETSYNC_LINE_TOKEN", pattern=ENV_NAME, description=vocab.SCHEMA_LINE_TOKEN_ENV)
    secret_env: str = Field("SHEETSYNC_LINE_SECRET", pattern=ENV_NAME, description=vocab.SCHEMA_LINE_SECRET_ENV)
    # Where the Messaging API answers: LINE's own, unless a proxy of the office's sits in front of it.
    api_url: str = Field("https://api.line.me", pattern=r"^https?://[^\s/]+(:\d+)?/?$",
                         description=vocab.SCHEMA_LINE_API_URL)
    timeout_seconds: ThaiFloat = Field(30.0, gt=0, le=300)


class Notify(Strict):
    """Digests in the chats the groups read (app.notify), beside the e-mail reminders: a group with a
    `line_group` gets its digest in that LINE chat, one with a `chat_webhook_env` in its Google Chat
    space. `email: fallback` e-mails only the groups no chat reaches (or whose LINE send the month's
    allowance would not cover); `always` (the default) e-mails every group as before."""

    enabled: bool = Field(True, description=vocab.SCHEMA_NOTIFY_ENABLED)
    email: Literal["always", "fallback"] = Field("always", description=vocab.SCHEMA_NOTIFY_EMAIL)
    line: LineSettings | None = Field(None, description=vocab.SCHEMA_NOTIFY_LINE)
    chat_timeout_seconds: ThaiFloat = Field(30.0, gt=0, le=300)


class HistoryRetention(Strict):
    """How much state/history.sqlite keeps, applied after each real sync (store/history.py, History.prune):
    every run of the last `keep_all_days` days (null: every run, for ever), and of older ones the last
    real sync of each week when `then_weekly`. Whatever the rule, memos, the last runs and each fiscal
    year's last sync stay (what the reports, diff and memo numbering ask for)."""

    keep_all_days: OptionalThaiInt = Field(90, ge=1, le=36_500, description=vocab.SCHEMA_HISTORY_KEEP_ALL_DAYS)
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
    notify: Notify | None = Field(None, description=vocab.SCHEMA_NOTIFY)
    signoff: Literal["off", "required"] = Field("off", description=vocab.SCHEMA_SIGNOFF)
    explain_below: int = Field(3, ge=1, le=5, description=vocab.SCHEMA_EXPLAIN_BELOW)
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
    notify: Notify | None = None
    signoff: Literal["off", "required"] = "off"
    explain_below: int = 3  # a level under it needs an explanation (คำชี้แจง); 1: never
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
    # The config files read in another encoding than UTF-8 (file -> Python codec name), for `check` to say
    # so: they are read as they are and never rewritten.
    file_encodings: dict[str, str] = Field(default_factory=dict, exclude=True)

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
        return list(self._group_index.get(group_code, ()))

    @cached_property
    def _group_index(self) -> dict[str, list[Indicator]]:
        """Each group's indicators in the standards' order (asked per tab, twice a sync: each a walk of
        every indicator otherwise)."""
        index: dict[str, list[Indicator]] = {}
        for ind in self.indicators():
            for group in dict.fromkeys(ind.owners):
                index.setdefault(group, []).append(ind)
        return index

    def rounds(self) -> list[Milestone]:
        """The reporting rounds, in the order they are due."""
        return sorted((m for m in self.milestones if m.is_round), key=lambda m: m.due)

    def milestone(self, code: str) -> Milestone | None:
        return next((m for m in self.milestones if m.code == code), None)

    def signoff_required(self, group_code: str | None = None) -> bool:
        """Whether the group's head signs its rows off (the group's own `signoff`, else the office's);
        without a group: whether any group's does."""
        if group_code is None:
            return self.signoff == "required" or any(g.signoff == "required" for g in self.groups)
        group = self.group(group_code)
        chosen = group.signoff if group is not None and group.signoff is not None else self.signoff
        return chosen == "required"

    def level_name(self, level: int) -> str:
        return self.levels.names.get(level, str(level))
