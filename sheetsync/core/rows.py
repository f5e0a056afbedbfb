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
from typing import Any, NamedTuple

from pydantic import BaseModel, field_validator

from sheetsync.core import problems, thai, vocab
from sheetsync.core.cells import RawTable, UncomputedFormula, a1
from sheetsync.core.columns import INDICATOR_COLUMNS, OUTPUT_COLUMNS, Column, with_labels
from sheetsync.core.headers import first_free_column, nearest_headers
from sheetsync.core.models import Group, Indicator, Office

RESULT_INPUTS = ("result", "criteria_met", "self_level")


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
        if code not in problems.CODES:
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

    @property
    def valid(self) -> bool:
        return not self.errors

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


def is_draft_target(text: str) -> bool:
    """A target carried forward by `sheetsync new-year` that the group has not reviewed yet: its text
    still starts with vocab.TARGET_DRAFT_PREFIX ("ร่าง:"), compared in Thai's one normal form and with
    the space after the colon optional, as people retype it. "ร่างแผน..." (no colon) is a target."""
    return normalize_label(text).startswith(vocab.TARGET_DRAFT_PREFIX.strip())


def normalize_code(value: Any) -> str:
    """"๑.๑", " 1.1 ", 1.1 and "ตัวบ่งชี้ที่ 1.1" all read as "1.1"."""
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


def indicator_columns(office: Office) -> tuple[Column, ...]:
    return with_labels(INDICATOR_COLUMNS, office.columns)


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
    cols = indicator_columns(office)
    labels = {c.key: c.label for c in cols}
    owned = office.group_indicators(group.code)
    found, duplicated = locate_columns(raw.header, cols)
    parse = TabParse(tab=raw.tab, group=group.code, columns=found, labels=labels, width=_header_width(raw.header))
    for label in duplicated:
        parse.tab_errors.append(cell_error(raw.tab, 1, 1, "header", label, "duplicate-column", label=label))
    parse.tab_errors += header_errors(raw, [k for k in required_keys(owned) if k not in found], labels, cols)
    if "code" not in found:
        return parse

    owned_codes = {i.code for i in owned}
    first_row: dict[str, int] = {}
    ctx = _RowContext(raw.tab, found, labels, today, office)
    # Each cell is taken from the row's list by index (RawTable.cell per cell was a third of the parse).
    user = [(c.key, found[c.key] - 1) for c in cols if c.filled_by == "group" and c.key in found]
    code_col = found["code"]
    code_at = code_col - 1
    header_problems = [e for e in parse.tab_errors if e.code in HEADER_PROBLEMS]
    result_missing = "result" not in found
    owned_needs = set(required_keys(owned))
    is_blank = thai.is_blank
    for r, line in enumerate(raw.values[1:], start=2):
        width = len(line)
        row_values = {key: line[i] if i < width else None for key, i in user}
        code_value = line[code_at] if code_at < width else None
        if is_blank(code_value) and all(is_blank(v) for v in row_values.values()):
            continue
        code = normalize_code(code_value)
        errors: list[CellError] = []
        indicator: Indicator | None = None
        if not code:
            errors.append(cell_error(raw.tab, r, code_col, "code", "", "missing-value",
                                     label=labels["code"], expectation=problems.expectation("required-code")))
        elif code in first_row:
            errors.append(cell_error(raw.tab, r, code_col, "code", code_value, "duplicate-code",
                                     code=code, first_row=first_row[code]))
        elif office.indicator(code) is None:
            errors.append(cell_error(raw.tab, r, code_col, "code", code_value, "unknown-code", code=code))
        elif code not in owned_codes:
            errors.append(cell_error(raw.tab, r, code_col, "code", code_value, "not-owned",
                                     code=code, group=group.name))
        else:
            indicator = office.indicator(code)
        if code and code not in first_row:
            first_row[code] = r
        fields = _parse_fields(ctx, r, row_values, indicator, errors)
        # A reported row cannot be judged without its required columns (and without the result column
        # no row can be told reported): mark it beside the row too, not only once for the tab.
        # Only the columns this row's scoring method needs (all, for a code that is not the group's).
        if header_problems and (fields["reported"] or result_missing):
            needs = set(required_keys([indicator])) if indicator else owned_needs
            errors += [e.model_copy(update={"row": r}) for e in header_problems if e.column in needs]
        parse.rows.append(IndicatorRow(tab=raw.tab, row=r, group=group.code, code=code,
                                       indicator=code if indicator is not None else None, errors=errors, **fields))
    parse.missing_codes = [i.code for i in owned if i.code not in first_row]
    return parse


class _Failed(NamedTuple):
    """A cell value that did not read (thai.ParseError's code and message), as _RowContext keeps it."""

    code: str
    message: str


class _RowContext:
    """What every row of one tab is parsed against, worked out once per tab rather than per row; and the
    readings of cell values already read in this tab (the same report date, target or unit is typed on
    many rows). Kept per tab, never across syncs: the pure functions of core.thai decide every reading."""

    __slots__ = ("fiscal_year", "found", "fy_end", "fy_start", "labels", "level_words", "read", "tab", "today")

    def __init__(self, tab: str, found: dict[str, int], labels: dict[str, str], today: date, office: Office) -> None:
        self.tab, self.found, self.labels, self.today = tab, found, labels, today
        self.fiscal_year = office.office.fiscal_year
        self.fy_start, self.fy_end = thai.fiscal_year_bounds(self.fiscal_year)
        self.level_words = level_words(office.levels.names)
        self.read: dict[tuple[Any, ...], Any] = {}

    def parse_level(self, value: Any) -> int:
        return _parse_level(value, self.level_words)

    def reading(self, fn: Callable[..., Any], value: Any, *args: Any) -> Any:
        """`fn(value, *args)`, or a _Failed for its ParseError; each distinct value read once. The key
        holds the value's type: True and 1 (and 1.0) are equal keys to a dict, not the same cell."""
        key = (fn, type(value), value, *args)
        try:
            return self.read[key]
        except KeyError:
            pass
        try:
            out = fn(value, *args)
        except thai.ParseError as exc:
            out = _Failed(exc.code, exc.message)
        self.read[key] = out
        return out


# The inputs each scoring method needs once a row is reported.
_NEEDED = {"criteria": ("criteria_met",), "target_percent": ("target_value", "result"),
           "self_rated": ("self_level", "justification")}
_TEXT_KEYS = ("target", "unit", "result", "justification", "evidence", "owner")


def _parse_fields(ctx: _RowContext, r: int, values: dict[str, Any], indicator: Indicator | None,
                  errors: list[CellError]) -> dict[str, Any]:
    """The row's fields (IndicatorRow's, but for its place and code), its problems appended to `errors`."""
    tab, found, labels, today = ctx.tab, ctx.found, ctx.labels, ctx.today

    def bad(key: str, code: str, expectation: str) -> None:
        errors.append(cell_error(tab, r, found[key], key, values.get(key), code,
                                 label=labels[key], expectation=expectation))

    # A formula saved without its value is reported as such; the value it would have is never guessed,
    # so its cell is not read further (but the row counts as reported: someone filled it in).
    uncomputed = {key for key, value in values.items() if isinstance(value, UncomputedFormula)}
    if uncomputed:
        for key in uncomputed:
            errors.append(cell_error(tab, r, found[key], key, values[key], "formula-no-value", label=labels[key]))
        values = {key: (None if key in uncomputed else value) for key, value in values.items()}
    # The filled cells, each tested once (thai.is_blank: None, or text of spaces only).
    filled = {key for key, value in values.items()
              if value is not None and not (isinstance(value, str) and not value.strip())}
    f: dict[str, Any] = {}
    for key in _TEXT_KEYS:
        f[key] = str(values[key]).strip() if key in filled else ""
    reported = bool(uncomputed & set(RESULT_INPUTS)) or not filled.isdisjoint(RESULT_INPUTS)
    f["reported"] = reported
    target_text = f["target"]
    # A draft carried from last year is not a target set: the targets milestone waits for the review.
    f["targets_set"] = (bool(target_text) or "target_value" in filled) and not is_draft_target(target_text)

    # The unit a number may be typed with: the row's หน่วยนับ, else the indicator's (standards.yaml); with
    # neither, the result's is the one its target value was typed with.
    unit = f["unit"] or (indicator.unit if indicator else "")

    def amount(key: str, expected: str) -> thai.Amount | None:
        """The cell's number and the unit typed after it; None (and the problem said) when it is not one
        or its unit is not the row's."""
        found_amount = ctx.reading(thai.parse_amount, values[key])
        if isinstance(found_amount, _Failed):
            bad(key, found_amount.code, found_amount.message)
            return None
        if not ctx.reading(thai.units_match, found_amount.unit, expected):
            errors.append(cell_error(tab, r, found[key], key, values[key], "unit-mismatch", label=labels[key],
                                     unit=found_amount.unit, expected=expected,
                                     example=thai.format_number(found_amount.number)))
            return None
        return found_amount

    typed_unit = ""
    if "target_value" in filled:
        target = amount("target_value", unit)
        if target is not None:
            f["target_value"], typed_unit = target.number, target.unit
            if indicator and indicator.method == "target_percent" and target.number <= 0:
                bad("target_value", "out-of-range", problems.expectation("positive"))
    if "reported_on" in filled:
        reported_on = ctx.reading(thai.parse_date, values["reported_on"])
        if isinstance(reported_on, _Failed):
            bad("reported_on", reported_on.code, reported_on.message)
        else:
            f["reported_on"] = reported_on
            if reported_on > today:
                bad("reported_on", "out-of-range", problems.expectation("not-future"))
            elif reported_on < ctx.fy_start:
                bad("reported_on", "out-of-range",
                    problems.expectation("in-fiscal-year", fy=thai.to_thai_digits(ctx.fiscal_year),
                                         start=thai.format_date(ctx.fy_start, "short"),
                                         end=thai.format_date(ctx.fy_end, "short")))
    if "criteria_met" in filled and indicator and indicator.method == "criteria":
        met = ctx.reading(thai.parse_criteria, values["criteria_met"], len(indicator.criteria))
        if isinstance(met, _Failed):
            bad("criteria_met", met.code, met.message)
        else:
            f["criteria_met"] = met
    if "self_level" in filled:
        level = ctx.reading(ctx.parse_level, values["self_level"])
        if isinstance(level, _Failed):
            bad("self_level", level.code, level.message)
        else:
            f["self_level"] = level

    if indicator is None or not reported or uncomputed:
        # (an uncomputed formula: what it holds decides the rest, nothing more to say until it has a value)
        return f
    if indicator.method == "target_percent" and f["result"]:
        result = amount("result", unit or typed_unit)
        if result is not None:
            f["result_value"] = result.number
            if result.number < 0:
                bad("result", "out-of-range", problems.expectation("not-negative"))
    for key in (*_NEEDED[indicator.method], "evidence", "reported_on"):
        if key in found and key not in filled:
            bad(key, "missing-value", problems.expectation("required-when-reported"))
    return f


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
