"""Raw tabs -> validated rows and cell errors. Pure: no file, sheet or network access.

A group's tab has one row per indicator the group owns, identified by the indicator code. A row is
"reported" once any of its result inputs (ผลการดำเนินงาน, ประเด็นที่ผ่าน, ระดับที่ประเมินตนเอง) is filled; a
row with only the pre-filled code and title, or only targets, is not reported and not an error.
Once reported, the inputs its scoring method needs, the evidence and the report date are required.
A target whose text still starts with "ร่าง:" (vocab.TARGET_DRAFT_PREFIX: carried from last year by
`sheetsync new-year` and not reviewed yet) is a draft, not a target set (`is_draft_target`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime
from operator import itemgetter
from typing import Any, NamedTuple

from pydantic import BaseModel, field_validator

from sheetsync.core import evidence as evidence_lines
from sheetsync.core import problems, thai, vocab
from sheetsync.core.cells import RawTable, UncomputedFormula, a1
from sheetsync.core.columns import OUTPUT_COLUMNS, Column, group_columns, with_labels
from sheetsync.core.headers import first_free_column, nearest_headers
from sheetsync.core.models import Group, Indicator, Office

RESULT_INPUTS = ("result", "criteria_met", "self_level")
# IndicatorRow.signoff's states (core.signoff decides them); "" when no sign-off is asked of the row.
SIGNED, UNSIGNED, VOID = "signed", "unsigned", "void"
# The sign-off states that hold a row back (IndicatorRow.awaiting_signoff), for the hot loops that test
# them on every row without the property's call (issue 16).
AWAITING = frozenset({UNSIGNED, VOID})


# A problem found in a tab, a row or a cell: `code` is one of the catalogue's (core.problems), `message`
# its Thai template filled in. Built with `cell_error`. (No docstring: it would enter the JSON Schemas.)
class CellError(BaseModel):
    tab: str
    cell: str
    row: int
    column: str
    value: str
    code: str
    message: str

    @field_validator("code")
    @classmethod
    def _in_catalogue(cls, code: str) -> str:
        if code not in problems.CODES:  # (NOTICES are codes of the catalogue too)
            raise ValueError(f"unknown problem code {code!r}")
        return code


class IndicatorRow(BaseModel):
    tab: str
    row: int
    group: str
    code: str
    indicator: str | None = None  # the config's code when the row's code is known and owned
    target: str = ""
    target_value: float | None = None
    unit: str = ""
    result: str = ""
    result_value: float | None = None
    criteria_met: frozenset[int] | None = None
    self_level: int | None = None
    justification: str = ""
    evidence: str = ""
    owner: str = ""
    reported_on: date | None = None
    reported: bool = False
    targets_set: bool = False
    errors: list[CellError] = []
    explanation: str = ""  # คำชี้แจง: why a result is below the level that needs one
    signed_by: str = ""  # the group head's sign-off (office.yaml `signoff: required`), as typed
    signed_on: date | None = None
    # With sign-off required, a reported row's: signed, unsigned, or void (edited after it was signed, or
    # signed before it was reported); "" when none is asked of it (core.signoff decides, in evaluate).
    signoff: str = ""
    notices: list[CellError] = []  # what a valid row still lacks (problems.NOTICES): said, its score stands

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def awaiting_signoff(self) -> bool:
        """A sign-off is asked of the row and does not stand (unsigned, or void): not submitted."""
        return self.signoff in AWAITING

    @property
    def target_draft(self) -> bool:
        """The target is still the draft `sheetsync new-year` carried from last year (not reviewed)."""
        return is_draft_target(self.target)


class OutputRow(BaseModel):
    tab: str
    row: int
    no: str = ""
    group: str | None = None
    title: str = ""
    description: str = ""
    indicators: list[str] = []
    evidence: str = ""
    errors: list[CellError] = []


class TabParse(BaseModel):
    tab: str
    group: str | None = None
    columns: dict[str, int] = {}  # key -> 1-based column
    labels: dict[str, str] = {}  # key -> header label
    rows: list[Any] = []  # IndicatorRow or OutputRow
    tab_errors: list[CellError] = []
    missing_codes: list[str] = []
    width: int = 0  # last used column in the header

    @property
    def key_column(self) -> str:
        """The column that tells rows apart: the indicator code, or the output's title."""
        return "code" if self.group is not None else "title"


def normalize_label(value: Any) -> str:
    """A header or a title as it is compared: Thai in its one normal form (thai.thai_normal_form: NFC,
    ํา typed for ำ, a tone mark typed before its vowel), inner whitespace collapsed."""
    return " ".join(thai.thai_normal_form(str(value)).split()) if value is not None else ""


_DRAFT_FIRST = vocab.TARGET_DRAFT_PREFIX[0]


def is_draft_target(text: str) -> bool:
    """A target carried forward by `sheetsync new-year` that the group has not reviewed yet: its text
    still starts with vocab.TARGET_DRAFT_PREFIX ("ร่าง:"), compared in Thai's one normal form and with
    the space after the colon optional, as people retype it. "ร่างแผน..." (no colon) is a target."""
    return normalize_label(text).startswith(vocab.TARGET_DRAFT_PREFIX.strip())


def normalize_code(value: Any) -> str:
    """"๑.๑", " 1.1 ", 1.1 and "ตัวบ่งชี้ที่ 1.1" all read as "1.1"."""
    if type(value) is str and value.isascii():  # most codes: no Thai digit, no Thai prefix, only the spaces
        return " ".join(value.split())
    text = thai.normalize_text(value)
    for prefix in ("ตัวบ่งชี้ที่", "ตัวบ่งชี้"):
        if text.startswith(prefix):
            text = text[len(prefix):].strip()
    return text


def identity_key(value: Any, kind: str) -> str:
    """The form of a key cell that a write's identity is compared in."""
    if thai.is_blank(value):
        return ""
    return normalize_code(value) if kind == "code" else normalize_label(value)


def locate_columns(header: list[Any], columns: tuple[Column, ...]) -> tuple[dict[str, int], list[str]]:
    """Where each known column is, by header label (its first column); and the labels found more than
    once. A status label (a column the sync fills) found more than once is not a duplicate: the sync
    knows its own columns by their label and its marker (core.layout.find_sync_columns), and a
    person's column that happens to carry the same label is simply theirs."""
    wanted = {normalize_label(c.label): c for c in columns}
    found: dict[str, int] = {}
    duplicated: list[str] = []
    for i, value in enumerate(header, start=1):
        column = wanted.get(normalize_label(value))
        if column is None:
            continue
        if column.key not in found:
            found[column.key] = i
        elif column.filled_by != "sync":
            duplicated.append(normalize_label(value))
    return found, duplicated


# A required column missing from the header row: the problems said once for the tab, and again beside
# each row that needs the column (core.evaluate counts them once).
HEADER_PROBLEMS = frozenset({"missing-column", "renamed-column"})


def header_errors(raw: RawTable, keys: list[str], labels: dict[str, str], columns: tuple[Column, ...]) -> list[CellError]:
    """The required columns `keys` missing from the header row, each said at the header row (core.headers):
    at the header it most likely became, named (`renamed-column`: "พบ 'วันที่รายงานผล' ใน L1: ใช่คอลัมน์นี้
    หรือไม่"), else at the row's first empty cell (`missing-column`). Never at A1 for want of a place."""
    header = [normalize_label(v) for v in raw.header]
    near = nearest_headers(header, {k: normalize_label(labels[k]) for k in keys}, {normalize_label(c.label) for c in columns})
    free = first_free_column(header)
    errors = []
    for key in keys:
        col = near.get(key)
        if col is None:
            errors.append(cell_error(raw.tab, 1, free, key, "", "missing-column", label=labels[key]))
        else:
            errors.append(cell_error(raw.tab, 1, col, key, raw.header[col - 1], "renamed-column",
                                     label=labels[key], cell=a1(1, col)))
    return errors


def indicator_columns(office: Office, group: str | None = None) -> tuple[Column, ...]:
    """A group tab's columns for this office, in their order and with its labels: the one place that
    says which columns a group tab has (the sign-off columns only where `signoff: required` is said,
    for the office or for the `group`; without a group: any group's, for what reads every tab)."""
    return with_labels(group_columns(office.signoff_required(group)), office.columns)


def required_keys(indicators: list[Indicator]) -> list[str]:
    keys = ["code", "result", "evidence", "reported_on"]
    methods = {i.method for i in indicators}
    if "criteria" in methods:
        keys.append("criteria_met")
    if "target_percent" in methods:
        keys.append("target_value")
    if "self_rated" in methods:
        keys += ["self_level", "justification"]
    return keys


def _header_width(header: list[Any]) -> int:
    width = len(header)
    while width and thai.is_blank(header[width - 1]):
        width -= 1
    return width


def quoted(value: Any, key: str = "") -> Any:
    """A cell's value as a message quotes it, in the form the office's papers write it: a date cell as a
    Thai date (๒๙ มี.ค. ๒๕๗๐, a year above 2400 being B.E. already; a serial number in the report-date
    column as the date it stands for), a number cell in Thai digits (๘๕, ๙๒.๕). Text stays as typed
    (problems.shown quotes the rest: TRUE/FALSE, a formula's text, control characters made visible)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float) and key == "reported_on":
        with contextlib.suppress(thai.ParseError):
            value = thai.parse_date(value)
    if isinstance(value, date):
        try:
            day = thai.be_date_to_ce(value.date() if isinstance(value, datetime) else value)
        except thai.ParseError:  # 29 February of a B.E. year whose C.E. year is not leap: as typed
            return value
        text = thai.format_date(day, "short")
        if isinstance(value, datetime) and (value.hour, value.minute) != (0, 0):
            text += thai.to_thai_digits(f" {value:%H:%M}")
        return text
    if isinstance(value, int | float):
        return thai.to_thai_digits(problems.shown(value))
    return value


def cell_error(tab: str, row: int, col: int, key: str, value: Any, code: str, /, **fields: object) -> CellError:
    """The problem `code` of the catalogue at (row, col), its message filled from `fields` (and from the
    cell's `value`, `quoted`, when the message quotes it). `value` keeps the cell as typed (problems.shown),
    never as Python prints it ("2027-03-29 00:00:00")."""
    if "value" in problems.problem(code).fields:
        fields = {**fields, "value": quoted(value, key)}
    return CellError(tab=tab, cell=a1(row, col), row=row, column=key, value=problems.shown(value),
                     code=code, message=problems.message(code, **fields))


def parse_group_tab(raw: RawTable, group: Group, office: Office, today: date) -> TabParse:
    cols = indicator_columns(office, group.code)
    labels = {c.key: c.label for c in cols}
    owned = office.group_indicators(group.code)
    found, duplicated = locate_columns(raw.header, cols)
    parse = TabParse(tab=raw.tab, group=group.code, columns=found, labels=labels, width=_header_width(raw.header))
    for label in duplicated:
        parse.tab_errors.append(cell_error(raw.tab, 1, 1, "header", label, "duplicate-column", label=label))
    parse.tab_errors += header_errors(raw, [k for k in required_keys(owned) if k not in found], labels, cols)
    if "code" not in found:
        return parse
    reader = _TabReader(raw.tab, group, cols, found, labels, today, office, owned,
                        [e for e in parse.tab_errors if e.code in HEADER_PROBLEMS])
    read_row, rows = reader.row, parse.rows
    for r, line in enumerate(raw.values[1:], start=2):
        row = read_row(r, line)
        if row is not None:
            rows.append(row)
    parse.missing_codes = [i.code for i in owned if i.code not in reader.first_row]
    return parse


class _Failed(NamedTuple):
    """A cell value that did not read (thai.ParseError's code and message), as _TabReader keeps it."""

    code: str
    message: str


_NOT_READ: Any = object()  # what _TabReader.read gives for a value that did not read (its problem said)

# IndicatorRow's own storage, written directly for the rows the parser builds (issue 16): validating
# each row again cost 7.7 us of the parse's 35 us a row, for values the parser has just made of the
# exact types the fields hold (tests/unit/test_core_shortcuts.py compares both ways on every row).
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__
# The fields every parsed row is given; the values read from cells are given only when they read.
_ALWAYS_SET = frozenset({"tab", "row", "group", "code", "indicator", "errors", "reported", "targets_set",
                         "target", "unit", "result", "justification", "evidence", "owner", "explanation",
                         "signed_by", "notices"})


def _trusted_row(values: dict[str, Any], fields_set: set[str]) -> IndicatorRow:
    """An IndicatorRow of `values` (every field, in the model's order, of the field's type), unvalidated."""
    row = IndicatorRow.__new__(IndicatorRow)
    _SET_DICT(row, values)
    _SET_FIELDS_SET(row, fields_set)
    _SET_EXTRA(row, None)
    _SET_PRIVATE(row, None)
    return row


def _picker(indexes: list[int]) -> Callable[[list[Any]], tuple[Any, ...]]:
    """The values at `indexes` of a line, as a tuple (itemgetter gives a bare value for one index)."""
    if not indexes:
        return lambda line: ()
    if len(indexes) == 1:
        at = indexes[0]
        return lambda line: (line[at],)
    return itemgetter(*indexes)


class _TabReader:
    """One group tab's rows read into IndicatorRows: what every row is parsed against, worked out once
    per tab rather than per row; and the readings of cell values already read in this tab (the same
    report date, target or unit is typed on many rows). Kept per tab, never across syncs: the pure
    functions of core.thai decide every reading."""

    __slots__ = ("code_at", "code_col", "first_row", "fiscal_year", "found", "fy_end", "fy_start", "group",
                 "header_problems", "labels", "level_words", "need", "office", "owned_codes", "owned_needs",
                 "pick", "read_cache", "result_missing", "tab", "today", "user_keys")

    def __init__(self, tab: str, group: Group, cols: tuple[Column, ...], found: dict[str, int], labels: dict[str, str],
                 today: date, office: Office, owned: list[Indicator], header_problems: list[CellError]) -> None:
        self.tab, self.group, self.found, self.labels, self.today, self.office = tab, group, found, labels, today, office
        self.fiscal_year = office.office.fiscal_year
        self.fy_start, self.fy_end = thai.fiscal_year_bounds(self.fiscal_year)
        self.level_words = level_words(office.levels.names)
        self.read_cache: dict[tuple[Any, ...], Any] = {}
        self.owned_codes = {i.code for i in owned}
        self.owned_needs = set(required_keys(owned))
        self.header_problems = header_problems
        self.result_missing = "result" not in found
        self.first_row: dict[str, int] = {}
        self.code_col = found["code"]
        self.code_at = self.code_col - 1
        # Each cell is taken from the row's list by index (RawTable.cell per cell was a third of the parse).
        user = [(c.key, found[c.key] - 1) for c in cols if c.filled_by == "group" and c.key in found]
        self.user_keys = tuple(key for key, _ in user)
        self.pick = _picker([i for _, i in user])
        self.need = max([self.code_at, *(i for _, i in user)]) + 1  # a shorter line is padded with None

    def parse_level(self, value: Any) -> int:
        return _parse_level(value, self.level_words)

    def reading(self, fn: Callable[..., Any], value: Any, *args: Any) -> Any:
        """`fn(value, *args)`, or a _Failed for its ParseError; each distinct value read once. The key
        holds the value's type: True and 1 (and 1.0) are equal keys to a dict, not the same cell."""
        key = (fn, type(value), value, *args)
        try:
            return self.read_cache[key]
        except KeyError:
            pass
        try:
            out = fn(value, *args)
        except thai.ParseError as exc:
            out = _Failed(exc.code, exc.message)
        self.read_cache[key] = out
        return out

    def bad(self, errors: list[CellError], r: int, values: dict[str, Any], key: str, code: str,
            expectation: str) -> None:
        errors.append(cell_error(self.tab, r, self.found[key], key, values.get(key), code,
                                 label=self.labels[key], expectation=expectation))

    def read(self, errors: list[CellError], r: int, values: dict[str, Any], key: str, fn: Callable[..., Any],
             *args: Any) -> Any:
        """The cell `key` read by `fn` (reading), or _NOT_READ with its problem said."""
        value = self.reading(fn, values[key], *args)
        if isinstance(value, _Failed):
            self.bad(errors, r, values, key, value.code, value.message)
            return _NOT_READ
        return value

    def amount(self, errors: list[CellError], r: int, values: dict[str, Any], key: str, expected: str) -> thai.Amount | None:
        """The cell's number and the unit typed after it; None (and the problem said) when it is not one
        or its unit is not the row's."""
        found_amount = self.read(errors, r, values, key, thai.parse_amount)
        if found_amount is _NOT_READ:
            return None
        if not self.reading(thai.units_match, found_amount.unit, expected):
            errors.append(cell_error(self.tab, r, self.found[key], key, values[key], "unit-mismatch",
                                     label=self.labels[key], unit=found_amount.unit, expected=expected,
                                     example=thai.format_number(found_amount.number)))
            return None
        return found_amount

    def row(self, r: int, line: list[Any]) -> IndicatorRow | None:
        """Row `r` (`line`, its cells), or None for a row with nothing typed in it."""
        if len(line) < self.need:
            line = [*line, *([None] * (self.need - len(line)))]
        values = dict(zip(self.user_keys, self.pick(line), strict=True))
        code_value = line[self.code_at]
        if (code_value is None or (isinstance(code_value, str) and not code_value.strip())) and all(
                v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):  # thai.is_blank
            return None
        code = normalize_code(code_value)
        errors: list[CellError] = []
        indicator: Indicator | None = None
        first_row = self.first_row
        if not code:
            errors.append(cell_error(self.tab, r, self.code_col, "code", "", "missing-value",
                                     label=self.labels["code"], expectation=problems.expectation("required-code")))
        elif code in first_row:
            errors.append(cell_error(self.tab, r, self.code_col, "code", code_value, "duplicate-code",
                                     code=code, first_row=first_row[code]))
        else:
            first_row[code] = r
            known = self.office.indicator(code)
            if known is None:
                errors.append(cell_error(self.tab, r, self.code_col, "code", code_value, "unknown-code", code=code))
            elif code not in self.owned_codes:
                errors.append(cell_error(self.tab, r, self.code_col, "code", code_value, "not-owned",
                                         code=code, group=self.group.name))
            else:
                indicator = known
        row, fields_set = self.fields(r, values, indicator, errors)
        # A reported row cannot be judged without its required columns (and without the result column
        # no row can be told reported): mark it beside the row too, not only once for the tab.
        # Only the columns this row's scoring method needs (all, for a code that is not the group's).
        if self.header_problems and (row["reported"] or self.result_missing):
            needs = set(required_keys([indicator])) if indicator else self.owned_needs
            errors += [e.model_copy(update={"row": r}) for e in self.header_problems if e.column in needs]
        row["tab"], row["row"], row["group"], row["code"] = self.tab, r, self.group.code, code
        row["indicator"] = code if indicator is not None else None
        return _trusted_row(row, fields_set)

    def fields(self, r: int, values: dict[str, Any], indicator: Indicator | None, errors: list[CellError]
               ) -> tuple[dict[str, Any], set[str]]:
        """The row's fields, every one in IndicatorRow's order (its place and code still to fill in), and
        those read from cells; its problems appended to `errors`."""
        found, today = self.found, self.today
        # A formula saved without its value is reported as such; the value it would have is never guessed,
        # so its cell is not read further (but the row counts as reported: someone filled it in).
        # The filled cells, each tested once (thai.is_blank: None, or text of spaces only).
        filled: set[str] = set()
        uncomputed: list[str] = []
        for key, value in values.items():
            if value is None:
                continue
            if type(value) is str:
                if value.strip():
                    filled.add(key)
            elif isinstance(value, UncomputedFormula):
                uncomputed.append(key)
            elif not (isinstance(value, str) and not value.strip()):
                filled.add(key)
        for key in uncomputed:
            errors.append(cell_error(self.tab, r, found[key], key, values[key], "formula-no-value",
                                     label=self.labels[key]))
            values[key] = None
        target, unit_text, result, justification, evidence, owner, explanation, signed_by = [
            str(values[key]).strip() if key in filled else "" for key in _TEXT_KEYS]
        reported = not filled.isdisjoint(RESULT_INPUTS) or (bool(uncomputed) and not set(uncomputed).isdisjoint(RESULT_INPUTS))
        # A draft carried from last year is not a target set: the targets milestone waits for the review.
        # (a draft begins with ร่าง's first letter in any form it is typed in: most targets are told by it)
        targets_set = (bool(target) or "target_value" in filled) and not (
            target and target[0] == _DRAFT_FIRST and self.reading(is_draft_target, target))
        row: dict[str, Any] = {
            "tab": None, "row": None, "group": None, "code": None, "indicator": None,
            "target": target, "target_value": None, "unit": unit_text, "result": result, "result_value": None,
            "criteria_met": None, "self_level": None, "justification": justification, "evidence": evidence,
            "owner": owner, "reported_on": None, "reported": reported, "targets_set": targets_set, "errors": errors,
            "explanation": explanation, "signed_by": signed_by, "signed_on": None, "signoff": "", "notices": []}
        fields_set = set(_ALWAYS_SET)
        if not filled:
            return row, fields_set

        # The unit a number may be typed with: the row's หน่วยนับ, else the indicator's (standards.yaml); with
        # neither, the result's is the one its target value was typed with.
        unit = unit_text or (indicator.unit if indicator else "")
        typed_unit = ""
        if "target_value" in filled:
            target_amount = self.amount(errors, r, values, "target_value", unit)
            if target_amount is not None:
                row["target_value"], typed_unit = target_amount.number, target_amount.unit
                fields_set.add("target_value")
                if indicator and indicator.method == "target_percent" and target_amount.number <= 0:
                    self.bad(errors, r, values, "target_value", "out-of-range", problems.expectation("positive"))
        if "reported_on" in filled:
            reported_on = self.read(errors, r, values, "reported_on", thai.parse_date)
            if reported_on is not _NOT_READ:
                row["reported_on"] = reported_on
                fields_set.add("reported_on")
                if reported_on > today:
                    self.bad(errors, r, values, "reported_on", "out-of-range", problems.expectation("not-future"))
                elif reported_on < self.fy_start:
                    self.bad(errors, r, values, "reported_on", "out-of-range",
                             problems.expectation("in-fiscal-year", fy=thai.to_thai_digits(self.fiscal_year),
                                                  start=thai.format_date(self.fy_start, "short"),
                                                  end=thai.format_date(self.fy_end, "short")))
        if "signed_on" in filled:
            signed_on = self.read(errors, r, values, "signed_on", thai.parse_date)
            if signed_on is not _NOT_READ:
                row["signed_on"] = signed_on
                fields_set.add("signed_on")
                if signed_on > today:
                    self.bad(errors, r, values, "signed_on", "out-of-range", problems.expectation("not-future"))
        if "criteria_met" in filled and indicator and indicator.method == "criteria":
            met = self.read(errors, r, values, "criteria_met", thai.parse_criteria, len(indicator.criteria))
            if met is not _NOT_READ:
                row["criteria_met"] = met
                fields_set.add("criteria_met")
        if "self_level" in filled:
            level = self.read(errors, r, values, "self_level", self.parse_level)
            if level is not _NOT_READ:
                row["self_level"] = level
                fields_set.add("self_level")

        if indicator is None or not reported or uncomputed:
            # (an uncomputed formula: what it holds decides the rest, nothing more to say until it has a value)
            return row, fields_set
        if indicator.method == "target_percent" and result:
            result_amount = self.amount(errors, r, values, "result", unit or typed_unit)
            if result_amount is not None:
                row["result_value"] = result_amount.number
                fields_set.add("result_value")
                if result_amount.number < 0:
                    self.bad(errors, r, values, "result", "out-of-range", problems.expectation("not-negative"))
        for key in _REQUIRED_WHEN_REPORTED[indicator.method]:
            if key in found and key not in filled:
                self.bad(errors, r, values, key, "missing-value", problems.expectation("required-when-reported"))
        if evidence:
            self.evidence_notices(row["notices"], r, values, indicator, row["criteria_met"], evidence)
        return row, fields_set

    def evidence_notices(self, notices: list[CellError], r: int, values: dict[str, Any], indicator: Indicator,
                         met: frozenset[int] | None, text: str) -> None:
        """What the evidence cell lacks (core.evidence): a criterion marked met with no line of its own,
        a criterion the indicator does not have, a link not well formed."""
        count = len(indicator.criteria) if indicator.method == "criteria" else 0
        if not count and not evidence_lines.may_hold_link(text):
            return  # free text with no link in it: nothing to say (two rows in three)
        reading = self.reading(evidence_lines.read_evidence, text, count)
        col, label, typed = self.found["evidence"], self.labels["evidence"], values["evidence"]
        if count and met:
            lacking = sorted(met - reading.covered())
            if lacking:
                notices.append(cell_error(
                    self.tab, r, col, "evidence", typed, "evidence-per-criterion", label=label,
                    criteria=thai.to_thai_digits(", ".join(map(str, lacking))),
                    example=vocab.EVIDENCE_LINE_EXAMPLE.format(n=thai.to_thai_digits(lacking[0]))))
        if reading.unknown:
            notices.append(cell_error(self.tab, r, col, "evidence", typed, "unknown-criterion", label=label,
                                      criteria=thai.to_thai_digits(", ".join(map(str, reading.unknown))),
                                      count=thai.to_thai_digits(count)))
        notices += [cell_error(self.tab, r, col, "evidence", typed, "bad-link", label=label, link=problems.shorten(link))
                    for link in reading.bad_links]


# The inputs each scoring method needs once a row is reported, then the evidence and the report date.
_NEEDED = {"criteria": ("criteria_met",), "target_percent": ("target_value", "result"),
           "self_rated": ("self_level", "justification")}
_REQUIRED_WHEN_REPORTED = {method: (*keys, "evidence", "reported_on") for method, keys in _NEEDED.items()}
_TEXT_KEYS = ("target", "unit", "result", "justification", "evidence", "owner", "explanation", "signed_by")


def level_words(names: dict[int, str] | None = None) -> dict[str, int]:
    """The level names as a cell is compared with them (`names`: the office's, else the defaults)."""
    return {thai.normalize_text(name): level for level, name in (names or vocab.DEFAULT_LEVEL_NAMES).items()}


def parse_level(value: Any, names: dict[int, str] | None = None) -> int:
    """A self-assessed level: 4, "๔", "4 ดีมาก", "ดีมาก" (a name as the office names its levels, `names`)."""
    return _parse_level(value, level_words(names))


def _parse_level(value: Any, words: dict[str, int]) -> int:
    text = thai.normalize_text(value)
    if text in words:
        return words[text]
    head = text.split(" ")[0] if text else ""
    try:
        number = thai.parse_number(head)
    except thai.ParseError as exc:
        raise thai.ParseError("type-error", "level") from exc
    if number != int(number) or not 1 <= number <= 5:
        raise thai.ParseError("out-of-range", "level")
    return int(number)


# --- the successful-outputs tab ----------------------------------------------------------------

def _group_lookup(office: Office) -> dict[str, str]:
    table: dict[str, str] = {}
    for g in office.groups:
        for alias in (g.code, g.name, g.tab, g.name.removeprefix("กลุ่ม")):
            table[normalize_label(alias).lower()] = g.code
    return table


def parse_outputs_tab(raw: RawTable, office: Office) -> TabParse:
    labels = {c.key: c.label for c in OUTPUT_COLUMNS}
    found, duplicated = locate_columns(raw.header, OUTPUT_COLUMNS)
    parse = TabParse(tab=raw.tab, columns=found, labels=labels, width=_header_width(raw.header))
    for label in duplicated:
        parse.tab_errors.append(cell_error(raw.tab, 1, 1, "header", label, "duplicate-column", label=label))
    parse.tab_errors += header_errors(raw, [k for k in ("group", "title", "evidence") if k not in found], labels,
                                      OUTPUT_COLUMNS)
    if "title" not in found:
        return parse
    groups = _group_lookup(office)
    user_keys = [c.key for c in OUTPUT_COLUMNS if c.filled_by == "group" and c.key in found]
    first_row: dict[str, int] = {}
    for r in range(2, raw.row_count + 1):
        values = {key: raw.cell(r, found[key]) for key in user_keys}
        # A row numbered in advance (only ลำดับ filled) is still an empty row.
        if not all(thai.is_blank(v) for k, v in values.items() if k != "no"):
            parse.rows.append(_parse_output_row(raw.tab, r, values, found, labels, groups, first_row, office))
    return parse


def _parse_output_row(tab: str, r: int, values: dict[str, Any], found: dict[str, int], labels: dict[str, str],
                      groups: dict[str, str], first_row: dict[str, int], office: Office) -> OutputRow:
    row = OutputRow(tab=tab, row=r)

    def bad(key: str, code: str, /, **fields: object) -> None:
        row.errors.append(cell_error(tab, r, found[key], key, values.get(key), code, **fields))

    for key, value in values.items():
        if isinstance(value, UncomputedFormula):
            bad(key, "formula-no-value", label=labels[key])

    required = problems.expectation("required")

    def text(key: str) -> str:
        value = values.get(key)
        return "" if thai.is_blank(value) else str(value).strip()

    row.no, row.title, row.description, row.evidence = text("no"), text("title"), text("description"), text("evidence")
    if not row.title:
        bad("title", "missing-value", label=labels["title"], expectation=required)
    else:
        key = normalize_label(row.title)
        if key in first_row:
            bad("title", "duplicate-title", first_row=first_row[key])
        else:
            first_row[key] = r
    if "group" in found:
        group_text = normalize_label(text("group")).lower()
        row.group = groups.get(group_text)
        if not group_text:
            bad("group", "missing-value", label=labels["group"], expectation=required)
        elif row.group is None:
            bad("group", "unknown-group", label=labels["group"])
    if "evidence" in found and not row.evidence:
        bad("evidence", "missing-value", label=labels["evidence"], expectation=required)
    if "indicators" in found and text("indicators"):
        parts = thai.normalize_text(values["indicators"]).replace(",", " ").split()
        # "ตัวบ่งชี้ที่ 1.1": the word is a part of its own and normalises to nothing.
        codes = [code for code in map(normalize_code, parts) if code]
        unknown = [c for c in codes if office.indicator(c) is None]
        if unknown:
            bad("indicators", "unknown-code", code=unknown[0])
        row.indicators = [c for c in codes if c not in unknown]
    return row
