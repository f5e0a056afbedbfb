"""What the documents say, built from the office config and an Evaluation. Pure: no file, template or PDF.

Rendering (sheetsync.documents) only lays these models out, so the PDF and the DOCX say the same thing.

The follow-up memo
- is due when a milestone is inside its reminder window or overdue and some row is behind it
  (state overdue or due soon, or an owned indicator without a row under an active milestone);
- then lists, group by group, every item behind plus every row with errors (an invalid row must be
  fixed too), each worded for the group: the round it is for ("ยังไม่ได้รายงานผลรอบ ๖ เดือน"), the
  columns still to fill by their Thai headers for the indicator's method (core.rows.required_keys), and
  each cell at fault by its column and address ("วันที่รายงาน (L3) ... พบ '๒๙ มี.ค. ๒๕๗๐'": dates and
  numbers in Thai form, core.rows.quoted);
- lists the rows that name no indicator of the group's (an unknown code, one repeated, another group's,
  none) per tab in one row, each kind with its count and its rows as ranges ("แท็บ X: รหัสตัวบ่งชี้ที่
  ไม่รู้จัก ๔,๙๘๐ แถว (แถว ๒-๔๙๘๑)"); past MEMO_DETAIL_LIMIT indicators a group gets one row per
  request, the indicators as ranges of codes and the cells at fault counted per column: 5,000 bad rows
  make a memo of a few pages;
- is identified by the set of (group, indicator, problem, milestone) it lists and which of them are
  past due: the same set is the same memo (history keeps its number, date and text), a different set
  a new one; the wording is not part of it;
- asks for an overdue item by a new deadline, ภายในวันที่ today + the milestone's `followup_days`
  working days (core.workdays), never by a date already past; a row due by no milestone of its own is
  asked for by the memo's date; a due date that was moved off a day off says from when and why.

The SAR speaks of the results alone, never of a problem in the data (that is the memo's business):
- a row without a valid report (not reported, or with errors) shows no result, "ยังไม่มีผลการประเมิน",
  and is listed in part 4's รายการที่ยังขาด (indicator, group); while any is, the SAR is a draft
  (ฉบับร่าง on every page) and no standard's or the office's level is named, only its coverage
  ("ยังสรุประดับภาพรวมไม่ได้: รายงานแล้ว ๓ จาก ๙ ตัวบ่งชี้"; an indicator counts once every owner reported);
- a strength is an indicator at the top two bands (4.50 ดีเยี่ยม, 3.50 ดีมาก by default), a sentence
  per owner from its result (criteria met of how many, the result against the target, the level it
  rated itself and why, in Thai digits with the level's name) and its evidence; and each successful
  output (the outputs tab) with its evidence;
- an area to improve is an indicator below those bands, with its owners at the lower levels, and any
  owner short of its target with the gap ("ร้อยละ ๙๒.๕ ต่ำกว่าเป้าหมายร้อยละ ๙๕ อยู่ ๒.๕");
- each area gets a guideline per owner: the criteria not yet met (their text from standards.yaml), the
  target to reach, or a review of the work, with the group's own justification (เหตุผลประกอบ);
- with a closed round (`frozen`, history's record of it) the figures are that round's, and the SAR says so.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

from sheetsync.core import docvocab as v
from sheetsync.core import thaifmt as f
from sheetsync.core import vocab
from sheetsync.core.cells import a1
from sheetsync.core.columns import group_columns
from sheetsync.core.evaluate import Evaluation, LateItem, MilestoneDates, RowOutcome, round_name, short_round
from sheetsync.core.evidence import read_evidence
from sheetsync.core.models import Group, Indicator, LevelBand, Milestone, Office
from sheetsync.core.roundclose import FrozenRound
from sheetsync.core.rows import SIGNED, VOID, CellError, IndicatorRow, required_keys
from sheetsync.core.scoring import band_label

_T = TypeVar("_T")

# --- shared --------------------------------------------------------------------------------------

class Content(BaseModel):
    """What a document says: its models are built when a document is first made, not at import (a sync
    that renders nothing never builds most of them: 40 ms of its start-up, issue 16)."""

    model_config = ConfigDict(defer_build=True)


class Signer(Content):
    name: str
    position: str


_URL_RE = re.compile(r"https?://[^\s<>\"']+")


def evidence_url(text: str) -> str | None:
    """The link of an evidence cell that is a plain http(s) address; anything else stays text."""
    text = text.strip()
    return text if _URL_RE.fullmatch(text) else None


def group_names(office: Office) -> dict[str, str]:
    return {g.code: g.name for g in office.groups}


def _join(items: list[str]) -> str:
    """Thai list: "ก", "ก และ ข", "ก, ข และ ค"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + v.AND + items[-1]


def indicator_label(code: str) -> str:
    return f"{v.INDICATOR} {f.digits(code)}"


# --- the follow-up memo --------------------------------------------------------------------------

class MemoLine(Content):
    group: str
    code: str  # the indicator's code, or the code a row holds (typed, for a row of no indicator of the group's)
    title: str
    problem: str  # the evaluation's wording (LateItem.problem): part of the memo's identity, not shown
    state: str
    milestone: str | None = None
    due: date | None = None
    overdue: bool = False  # past its due date: asked for by a new deadline
    ask: str = ""  # what the memo asks for, worded for the group (the round, "แก้ไขข้อมูล..."); `problem` when empty
    fill: str = ""  # the columns still to fill, by their Thai headers ("ช่องที่ต้องกรอก: ผลการดำเนินงาน, ...")
    details: list[str] = []  # what was found, cell by cell: "วันที่รายงาน (L3) ต้อง... พบ '๒๙ มี.ค. ๒๕๗๐'"
    columns: list[str] = []  # the header of each cell at fault, for the summary of a long list
    tab: str = ""
    row: int = 0  # the row in the group's tab (0: an owned indicator without a row)
    row_problem: str = ""  # a row the memo summarises per tab: unknown-code, duplicate-code, not-owned, missing-code


class MemoRow(Content):
    """One row of a group's table: an indicator, a tab's rows of no indicator (summarised in one row), or
    (for a long list) every indicator with the same request."""

    what: str
    todo: list[str]  # what to do first, then what is to fill or was found
    due: date | None = None


class MemoGroup(Content):
    code: str
    name: str
    addressee: str
    rows: list[MemoRow]
    # The milestones the group's rows are asked for, by name, earliest due first: what a chat digest
    # names (app.notify); the memo itself says them in its paragraphs. Empty in a memo issued before.
    milestones: list[str] = []


# A group with more indicators behind than this gets one row per request, naming the indicators (runs of
# consecutive codes as ranges, up to MEMO_CODES_SHOWN runs) and summarising the cells at fault per column, so that a memo stays a few
# pages even for an office with thousands of rows behind. Rows that name no indicator of the group's
# (an unknown, duplicate or other group's code, no code) are always summarised per tab in one row.
MEMO_DETAIL_LIMIT = 15
MEMO_CODES_SHOWN = 12
MEMO_RANGES_SHOWN = 8  # row ranges named in a summary ("แถว ๒-๔๙๘๑, ๕๐๐๐"), the rest counted
MEMO_CODES_QUOTED = 3  # a summary quotes the codes found when there are this many or fewer

# The code cell's problems that leave a row without an indicator of the group's, in the order summarised.
ROW_PROBLEMS = ("unknown-code", "duplicate-code", "not-owned", "missing-code")


class MemoData(Content):
    key: str
    number: str = ""  # ศธ ๐๔๐๔๑/๑๒, set when history issues it
    issued_on: date
    unit: str
    subject: str
    to: str
    paragraphs: list[str]  # before the per-group lists
    groups: list[MemoGroup]
    closing: list[str]
    signer: Signer


BEHIND = ("overdue", "due_soon")


class Cut(Protocol):
    """What the memo does to each part of the evaluation it reads: documents.safe.cut_cells (its cell
    values cleaned and cut) for a document, nothing by default. Applied part by part, as read, so that
    a memo of 5,000 rows cuts only what it words (issue 16: cutting the whole evaluation took 0.6 s)."""

    def __call__(self, value: _T, /) -> _T: ...


def _as_is(value: _T) -> _T:
    return value


def active_milestones(milestones: list[Milestone], ev: Evaluation, cut: Cut = _as_is) -> list[Milestone]:
    """Row milestones that are open and inside their reminder window or past due, and not a closed
    round (its results are frozen: nothing more is asked for it)."""
    closed = {r.code for r in cut(ev.rounds) if r.closed_on is not None}
    all_dates = cut(ev.dates)
    out = []
    for m in milestones:
        if m.requires == "office" or m.opens > ev.today or m.code in closed:
            continue
        dates = all_dates.get(m.code)
        due, remind_from = (dates.due, dates.remind_from) if dates else (m.due, m.due)
        if ev.today > due or ev.today >= remind_from:
            out.append(m)
    return out


# A report that kept the date of a closed round: the evaluation's wording of it says what to do.
_KEPT_DATE = vocab.EDITED_KEEP_DATE.split("{")[0]
_SIGNOFF_PROBLEMS = frozenset({vocab.AWAITING_SIGNOFF, vocab.SIGNOFF_VOIDED})
_SIGNOFF_KEYS = ("signed_by", "signed_on")


class _MemoSource:
    """What the memo's lines are worded from: each cell's problem, each tab's headers and rows, each
    milestone and, once per indicator and milestone, the columns its group fills."""

    def __init__(self, office: Office, ev: Evaluation, cut: Cut, items: list[LateItem]) -> None:
        self.office = office
        self.errors = {(e.tab, e.cell): e for e in cut(ev.errors)}
        tabs = cut([(t.tab, t.labels, t.columns) for t in ev.tabs])
        self.labels = {tab: labels for tab, labels, _ in tabs}
        self.columns = {tab: columns for tab, _, columns in tabs}
        rows = cut(_rows_asked(ev, cut, items))
        self.rows = {(row.tab, row.indicator): row for row in rows if row.indicator}
        # what a valid row still lacks (a sign-off made void, a criterion's evidence) is worded as its errors are
        self.errors.update({(n.tab, n.cell): n for row in rows for n in row.notices})
        self.milestones: dict[str, Milestone] = {}
        for m in office.milestones:
            self.milestones.setdefault(m.code, m)  # the first of a code, as Office.milestone finds it
        self.fill_keys: dict[tuple[str, str], list[str]] = {}  # (method, requires) -> the columns to fill

    def fill_keys_of(self, ind: Indicator, requires: str) -> list[str]:
        # by the method: the columns are the method's (_fill_keys reads nothing else of the indicator),
        # so a few lists serve thousands of lines
        keys = self.fill_keys.get((ind.method, requires))
        if keys is None:
            keys = self.fill_keys[(ind.method, requires)] = _fill_keys(ind, requires)
        return keys


def _rows_asked(ev: Evaluation, cut: Cut, items: list[LateItem]) -> list[IndicatorRow]:
    """The rows the lines of `items` read, in the evaluation's order: an item's own row (by its tab and
    code), and a row with a notice on a cell an item names. Only those are cut (the cut of every row of
    a 5,000-row evaluation was 0.1 s of a first sync); their keys are compared as cut, as the lines
    compare them."""
    pairs = {(i.tab, i.code) for i in items}
    cells = {(i.tab, c) for i in items for c in i.cells}
    rows = [o.row for v in ev.outcomes.values() for o in v]
    keys = cut([(r.tab, r.indicator, [(n.tab, n.cell) for n in r.notices]) for r in rows])
    return [r for r, (tab, code, notes) in zip(rows, keys, strict=True)
            if (tab, code) in pairs or any(note in cells for note in notes)]


def _memo_items(office: Office, ev: Evaluation, cut: Cut) -> list[LateItem]:
    """The items the memo lists, as the evaluation says them (cut): every item behind, then every row
    with errors; none when no memo is due."""
    active = {m.code for m in active_milestones(office.milestones, ev, cut)}
    late = cut(ev.late)
    behind = [i for i in late if i.state in BEHIND or (i.state == "missing_row" and i.milestone in active)]
    if not behind:
        return []
    # with them, every row still to be put right, and every row its head has still to sign (or sign again)
    return behind + [i for i in late if i.state in ("invalid", "unsigned")]


def memo_lines(office: Office, ev: Evaluation, cut: Cut = _as_is) -> list[MemoLine]:
    """What the memo lists; empty when no memo is due. With `cut`, as read from `cut(ev)`."""
    items = _memo_items(office, ev, cut)
    if not items:
        return []
    source = _MemoSource(office, ev, cut, items)
    order = {g.code: n for n, g in enumerate(office.groups)}
    lines = [_memo_line(i, source, ev.today) for i in items]
    return sorted(lines, key=lambda line: (order.get(line.group, 99), _code_key(line.code), line.row, line.problem))


def memo_identity(office: Office, ev: Evaluation, cut: Cut = _as_is) -> str | None:
    """memo_key(memo_lines(office, ev, cut)), None when no memo is due, without wording the lines: the
    identity is made of what the evaluation says of each item (the nights a memo is known already,
    nothing more is needed)."""
    items = _memo_items(office, ev, cut)
    if not items:
        return None
    return _key({_identity(i.group, i.code, i.problem, i.milestone, i.new_due is not None) for i in items})


def _code_key(code: str) -> tuple[tuple[int, int, str], ...]:
    """Indicator codes in numeric order (2.10 after 2.9); a code that is not numeric (a typo) sorts after."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


def cell_detail(error: CellError, label: str) -> str:
    """A cell's problem named by its column and cell: "วันที่รายงาน (L3) ต้องระบุปี...", the message read on
    after the column's header when it starts with it (the catalogue's "<label><expectation> พบ ...")."""
    message = error.message
    if not label:
        return v.MEMO_CELL_AT.format(cell=error.cell, text=message)
    if message.startswith(label):
        return v.MEMO_CELL.format(label=label, cell=error.cell, text=message[len(label):].lstrip())
    return v.MEMO_CELL_OTHER.format(label=label, cell=error.cell, text=message)


def _fill_keys(ind: Indicator, requires: str) -> list[str]:
    """The columns a group fills for a milestone, in the tab's order: the targets, or a report by the
    indicator's method (core.rows.required_keys: the result, the method's inputs, evidence, date). Of
    the indicator, only its method counts (_MemoSource keeps one list per method)."""
    keys = ["target", "target_value"] if requires == "targets" else required_keys([ind])
    if requires == "targets" and ind.method != "target_percent":
        keys = ["target"]
    wanted = set(keys) - {"code"}
    return [c.key for c in group_columns(signoff=True) if c.key in wanted]


def _blank(row: IndicatorRow | None, key: str) -> bool:
    if row is None:
        return True
    value = getattr(row, key, None)
    return value is None or value == ""


def _memo_line(item: LateItem, source: _MemoSource, today: date) -> MemoLine:
    """An item of the memo, worded for the group: the round, the columns to fill by their headers, each
    cell at fault by its column; an overdue one is asked for by its new deadline (ภายในวันที่), never by
    a date already past. (Built once, every field known: a pydantic model set field by field costs
    several times its making, thousands of lines a night.)"""
    labels = source.labels.get(item.tab, {})
    found = source.errors
    errors = [found[(item.tab, cell)] for cell in item.cells if (item.tab, cell) in found] if item.cells else []
    due = item.new_due if item.new_due is not None else item.due
    if due is not None and due < today:
        due = None  # an invalid row of a past milestone: the memo's closing date applies
    row_number = min((e.row for e in errors), default=0)
    details = [cell_detail(e, labels.get(e.column, "")) for e in errors]
    fields: dict[str, Any] = {"group": item.group, "code": item.code, "title": item.title, "problem": item.problem,
              "state": item.state, "milestone": item.milestone, "due": due, "overdue": item.new_due is not None,
              "tab": item.tab, "columns": [labels.get(e.column, e.cell) for e in errors]}
    code_error = next((e for e in errors if e.column == "code"), None)
    if item.state == "invalid" and not item.title and code_error is not None:
        kind = "missing-code" if code_error.code == "missing-value" else code_error.code
        if kind in ROW_PROBLEMS:
            ask = v.MEMO_ROWS_FIX.format(errors=labels.get("errors") or vocab.INDICATOR_HEADERS["errors"])
            return MemoLine(**fields, row=row_number, details=details, row_problem=kind, ask=ask)
    office = source.office
    milestone = source.milestones.get(item.milestone) if item.milestone else None
    ind = office.indicator(item.code)
    row = source.rows.get((item.tab, item.code))
    if row is not None:
        row_number = row.row

    def label_of(key: str) -> str:
        return labels.get(key) or vocab.INDICATOR_HEADERS[key]

    if item.problem in _SIGNOFF_PROBLEMS:  # the figures are there: the head is to sign them (again)
        first = item.problem == vocab.AWAITING_SIGNOFF
        ask = v.MEMO_SIGNOFF if first else v.MEMO_SIGNOFF_AGAIN
        keys = [k for k in _SIGNOFF_KEYS if _blank(row, k)] if first else []
        keys = keys or list(_SIGNOFF_KEYS)  # a sign-off made void: both, the date at least typed anew
        return MemoLine(**fields, row=row_number, details=details, ask=ask,
                        fill=v.MEMO_FILL.format(columns=_join([label_of(k) for k in keys])))
    if errors:
        ask = (v.MEMO_FIX_FOR.format(round=round_name(milestone)) if milestone is not None and milestone.is_round
               else v.MEMO_FIX)
    elif item.state == "missing_row":
        ask = v.MEMO_NO_ROW.format(tab=item.tab, code=f.digits(item.code))
    elif item.problem.startswith(_KEPT_DATE):
        ask = item.problem  # a report kept the date of a closed round: the evaluation says what to do
        if row is not None and row.reported_on is not None and "reported_on" in source.columns.get(item.tab, {}):
            cell = a1(row.row, source.columns[item.tab]["reported_on"])
            details = [v.MEMO_FOUND.format(label=label_of("reported_on"), cell=cell,
                                           value=f.be_date(row.reported_on, "short"))]
    elif milestone is not None and milestone.requires == "targets":
        ask = vocab.NO_TARGET_YET
    elif milestone is not None:
        ask = v.MEMO_NOT_REPORTED.format(round=round_name(milestone))
    else:
        ask = vocab.NOT_REPORTED_YET
    fill = ""
    if not errors and ind is not None and milestone is not None and item.state != "invalid":
        keys = [k for k in source.fill_keys_of(ind, milestone.requires) if _blank(row, k)]
        if keys:
            fill = v.MEMO_FILL.format(columns=_join([label_of(k) for k in keys]))
    return MemoLine(**fields, row=row_number, details=details, ask=ask, fill=fill)


def _identity(group: str, code: str, problem: str, milestone: str | None, overdue: bool) -> tuple[str, ...]:
    return (group, code, problem, milestone or "") + (("overdue",) if overdue else ())


def _key(identity: set[tuple[str, ...]]) -> str:
    return hashlib.sha256(json.dumps(sorted(identity), ensure_ascii=False).encode()).hexdigest()[:24]


def memo_key(lines: list[MemoLine]) -> str:
    """The memo's identity: the set of (group, indicator, problem, milestone) it lists, and which of them
    are past due: the day a due-soon item becomes overdue is a new situation (a second follow-up, with
    a new deadline), the nights after it are not."""
    return _key({_identity(line.group, line.code, line.problem, line.milestone, line.overdue) for line in lines})


def row_ranges(rows: Sequence[int], shown: int = MEMO_RANGES_SHOWN) -> str:
    """Row numbers as compressed ranges in Thai digits: "๒-๔๙๘๑, ๕๐๐๓"; past `shown` ranges, the rest
    counted ("... และอีก ๑๒ แถว")."""
    runs: list[list[int]] = []
    for r in sorted(set(rows)):
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    text = ", ".join(f.digits(a) if a == b else f"{f.digits(a)}-{f.digits(b)}" for a, b in runs[:shown])
    rest = sum(b - a + 1 for a, b in runs[shown:])
    return text + (v.MEMO_ROWS_MORE.format(count=f.number(rest, 0)) if rest else "")


def code_ranges(codes: Sequence[str], shown: int = MEMO_CODES_SHOWN) -> tuple[str, int]:
    """Indicator codes in Thai digits, a run of consecutive ones as a range ("๒.๑-๒.๕๐๐, ๓.๔"); past
    `shown` runs, how many codes are left out."""
    runs: list[list[str]] = []
    for code in codes:
        head, _, last = code.rpartition(".")
        if runs and last.isdigit():
            prev_head, _, prev_last = runs[-1][1].rpartition(".")
            if prev_head == head and prev_last.isdigit() and int(last) == int(prev_last) + 1:
                runs[-1][1] = code
                continue
        runs.append([code, code])
    text = ", ".join(f.digits(a) if a == b else f"{f.digits(a)}-{f.digits(b)}" for a, b in runs[:shown])
    left = 0
    for a, b in runs[shown:]:
        left += 1 if a == b else int(b.rpartition(".")[2]) - int(a.rpartition(".")[2]) + 1
    return text, left


def _tab_summary(tab: str, lines: list[MemoLine]) -> MemoRow:
    """A tab's rows of no indicator of the group's, in one row: each kind with its count and its rows."""
    todo = []
    for kind in ROW_PROBLEMS:
        same = [line for line in lines if line.row_problem == kind]
        if not same:
            continue
        text = v.MEMO_ROWS_COUNT.format(what=v.MEMO_ROW_PROBLEMS[kind], count=f.number(len(same), 0),
                                        rows=row_ranges([line.row for line in same]))
        codes = list(dict.fromkeys(line.code for line in same if line.code))
        if codes and len(codes) <= MEMO_CODES_QUOTED:
            text += v.MEMO_ROWS_FOUND.format(codes=", ".join(f"'{c}'" for c in codes))
        todo.append(text)
    return MemoRow(what=v.MEMO_TAB.format(tab=tab), todo=[*todo, lines[0].ask], due=None)


def _columns_summary(lines: list[MemoLine]) -> list[str]:
    """The cells at fault of many indicators, per column: "ผลการดำเนินงาน ๑๒ แถว (แถว ๒-๑๓)"."""
    rows: dict[str, list[int]] = {}
    for line in lines:
        for column in dict.fromkeys(line.columns):
            rows.setdefault(column, []).append(line.row)
    return [v.MEMO_COLUMN_ROWS.format(column=column, count=f.number(len(r), 0), rows=row_ranges(r))
            for column, r in rows.items()]


def memo_rows(lines: list[MemoLine]) -> list[MemoRow]:
    """A group's table: its indicators one by one (grouped by request past MEMO_DETAIL_LIMIT), then per
    tab one row for the rows that name no indicator of the group's."""
    summarised = [line for line in lines if line.row_problem]
    items = [line for line in lines if not line.row_problem]
    out: list[MemoRow] = []
    if len(items) <= MEMO_DETAIL_LIMIT:
        out += [MemoRow(what=f"{indicator_label(line.code)} {line.title}".strip(),
                        todo=[line.ask or line.problem, *([line.fill] if line.fill else []), *line.details], due=line.due)
                for line in items]
    else:
        same: dict[tuple[str, str, date | None], list[MemoLine]] = {}
        for line in items:
            same.setdefault((line.ask or line.problem, line.fill, line.due), []).append(line)
        for (ask, fill, due), group in same.items():
            codes, left = code_ranges([line.code for line in group])
            count = f.number(len(group), 0)
            what = (v.MEMO_MANY_MORE.format(codes=codes, more=f.number(left, 0), count=count) if left
                    else v.MEMO_MANY.format(codes=codes, count=count))
            out.append(MemoRow(what=what, todo=[ask, *([fill] if fill else []), *_columns_summary(group)], due=due))
    tabs = list(dict.fromkeys(line.tab for line in summarised))
    out += [_tab_summary(tab, [line for line in summarised if line.tab == tab]) for tab in tabs]
    return out


def addressee(group: Group) -> str:
    template = v.MEMO_HEAD_OF_GROUP if group.name.startswith(v.GROUP_PREFIX) else v.MEMO_HEAD_OF_UNIT
    return template.format(name=group.name)


def memo_number(office: Office, number: int) -> str:
    prefix = office.documents.memo_prefix or (f"{office.office.doc_prefix}/" if office.office.doc_prefix else "")
    return f"{prefix}{f.digits(number)}"


def build_memo(office: Office, ev: Evaluation, lines: list[MemoLine], issued_on: date, cut: Cut = _as_is) -> MemoData:
    """The memo of `lines` (memo_lines); with `cut`, the evaluation's dates read as from `cut(ev)`."""
    info = office.office
    dates = cut(ev.dates)
    by_group: dict[str, list[MemoLine]] = {}
    for line in lines:
        by_group.setdefault(line.group, []).append(line)
    by_code = {m.code: m for m in office.milestones}
    groups = []
    for group in office.groups:
        mine = by_group.get(group.code)
        if mine:
            wanted = sorted({line.milestone for line in mine if line.milestone in by_code},
                           key=lambda c: _due(dates, by_code[c]))
            groups.append(MemoGroup(code=group.code, name=group.name, addressee=addressee(group), rows=memo_rows(mine),
                                    milestones=[by_code[c].name for c in wanted]))
    to = _join([g.addressee for g in groups]) if len(groups) <= 3 else v.MEMO_TO_MANY
    fy = f.fiscal_year(info.fiscal_year)

    order = ""
    committee = office.committee
    if committee and committee.order_number:
        order = v.MEMO_ORDER_REF.format(office=info.short_name, number=f.digits(committee.order_number))
        if committee.order_date:
            order += v.MEMO_ORDER_DATED.format(date=f.be_date(committee.order_date))
    title = committee.title if committee else vocab.COMMITTEE_TITLE
    intro = v.MEMO_INTRO.format(office=info.name, committee=title, order=order, fy=fy)

    used = sorted({line.milestone for line in lines if line.milestone in by_code}, key=lambda c: _due(dates, by_code[c]))
    clauses = []
    for code in used:
        m, due = by_code[code], _due(dates, by_code[code])
        moved = _moved_note(dates, m)
        if ev.today > due:
            clauses.append(v.MEMO_MILESTONE_OVERDUE.format(name=m.name, due=f.be_date(due) + moved,
                                                           days=f.digits((ev.today - due).days)))
        else:
            clauses.append(v.MEMO_MILESTONE_SOON.format(name=m.name, due=f.be_date(due) + moved,
                                                        days=f.digits((due - ev.today).days)))
    # as many items as the tables have rows: a tab's rows of no indicator count once, as the memo lists them
    items = sum(len(g.rows) for g in groups)
    now = v.MEMO_NOW.format(milestones=v.MEMO_MILESTONE_JOIN.join(clauses), checked=f.be_date(ev.today),
                            items=f.number(items, 0), groups=f.digits(len(groups)))

    # The memo asks for everything by one date: the earliest a line is due (an overdue line's new deadline).
    asked = [line.due for line in lines if line.due is not None]
    when = v.MEMO_ASK_BY.format(date=f.be_date(min(asked))) if asked else v.MEMO_ASK_SOON
    for g in groups:  # a row due by no milestone of its own (a row to fix, a tab's rows) is asked for by that date
        g.rows = [r if r.due is not None or not asked else r.model_copy(update={"due": min(asked)}) for r in g.rows]
    contact = " ".join(p for p in (info.coordinator.name, info.coordinator.position, info.phone and f"{v.PHONE} {info.phone}",
                                   info.coordinator.email or "") if p)
    ask = v.MEMO_ASK.format(when=when, status_tab=office.status_tab, contact=contact)
    # The short name keeps ส่วนราชการ on one line, as offices write it ("สพป.นศ.๑ กลุ่มอำนวยการ โทร. ...").
    unit = " ".join(p for p in (info.short_name, office.documents.memo_unit, info.phone and f"{v.PHONE} {info.phone}") if p)
    return MemoData(
        key=memo_key(lines), issued_on=issued_on, unit=unit, subject=v.MEMO_SUBJECT_TEXT.format(fy=fy), to=to,
        paragraphs=[intro, now], groups=groups, closing=[ask, v.MEMO_CLOSE],
        signer=Signer(name=info.director.name, position=info.director.position),
    )


def _due(all_dates: dict[str, MilestoneDates], m: Milestone) -> date:
    """The working day a milestone is due (moved off a day off), as the evaluation judged it."""
    dates = all_dates.get(m.code)
    return dates.due if dates else m.due


def _moved_note(all_dates: dict[str, MilestoneDates], m: Milestone) -> str:
    """" (เลื่อนจากวันที่ ... ซึ่งตรงกับวันสงกรานต์)" when the calendar's date fell on a day off."""
    dates = all_dates.get(m.code)
    if dates is None or dates.moved_from is None:
        return ""
    return " " + v.DATE_MOVED.format(day=f.be_date(dates.moved_from), reason=dates.moved_reason)


def memo_due_text(line: MemoLine) -> str:
    return f.be_date(line.due, "short") if line.due else ""


# --- the appointment order -----------------------------------------------------------------------

class OrderMember(Content):
    no: str
    name: str
    position: str
    role: str
    indicators: str = ""  # "รับผิดชอบตัวบ่งชี้ที่ ๑.๑, ๑.๓"


class OrderData(Content):
    title: str
    number: str
    subject: str
    paragraphs: list[str]
    members: list[OrderMember]
    duties_intro: str
    duties: list[str]
    closing: list[str]
    given: str
    signer: Signer


def build_order(office: Office) -> OrderData:
    info = office.office
    committee = office.committee
    fy = f.fiscal_year(info.fiscal_year)
    title = committee.title if committee else vocab.COMMITTEE_TITLE
    if committee and committee.order_number:
        number = v.ORDER_NO.format(number=f.digits(committee.order_number))
    else:
        number = v.ORDER_NO_BLANK.format(year=f.digits(info.fiscal_year - 1))
    why = v.ORDER_WHY.format(obec=v.OBEC, edition=office.edition or v.ORDER_EDITION_DEFAULT, work=v.STANDARDS_WORK,
                             fy=fy, office=info.name)
    authority = v.ORDER_AUTHORITY.format(authority=committee.authority) if committee and committee.authority else ""
    members = []
    for n, m in enumerate(committee.members if committee else [], start=1):
        codes = ", ".join(f.digits(c) for c in m.indicators)
        # a working group's roles print as คณะทำงาน, คณะทำงานและเลขานุการ... (CommitteeFile.role_name)
        role = committee.role_name(m.role) if committee else m.role
        members.append(OrderMember(no=f"{f.digits(n)}.", name=m.name, position=m.position, role=role,
                                   indicators=v.ORDER_INDICATORS.format(codes=codes) if codes else ""))
    duties = [f"{f.digits(n)}. {d}" for n, d in enumerate(committee.duties if committee else [], start=1)]
    given = (v.ORDER_GIVEN.format(date=f.be_date(committee.order_date, "official"))
             if committee and committee.order_date else v.ORDER_GIVEN_BLANK)
    return OrderData(
        title=v.ORDER_TITLE.format(office=info.name), number=number, subject=v.ORDER_SUBJECT.format(title=title, fy=fy),
        paragraphs=[why, v.ORDER_APPOINT.format(authority=authority, title=title)], members=members,
        duties_intro=v.ORDER_DUTIES if duties else "", duties=duties, closing=[v.ORDER_CLOSE, v.ORDER_EFFECT],
        given=given, signer=Signer(name=info.director.name, position=info.director.position),
    )


# --- charts --------------------------------------------------------------------------------------

class Bar(Content):
    label: str
    value: float | None
    text: str
    color: str
    fraction: float  # of the full width, 0..1


class Chart(Content):
    title: str
    maximum: float
    ticks: list[tuple[float, str]]  # (fraction, label)
    bars: list[Bar]


GREEN, AMBER, RED, GREY = "#2e7d32", "#f9a825", "#c62828", "#9e9e9e"


def bar_chart(title: str, bars: Sequence[tuple[str, float | None, str, str]], maximum: float, ticks: list[float]) -> Chart:
    return Chart(
        title=title, maximum=maximum,
        ticks=[(t / maximum, f.number(t)) for t in ticks],
        bars=[Bar(label=label, value=value, text=text, color=color,
                  fraction=0.0 if value is None else max(0.0, min(1.0, value / maximum)))
              for label, value, text, color in bars],
    )


def level_color(score: float | None, bands: list[LevelBand]) -> str:
    """Green in the top two bands, amber in the third, red below: the director's red/amber/green."""
    if score is None:
        return GREY
    mins = [b.min for b in bands]
    if len(mins) > 1 and score >= mins[1]:
        return GREEN
    if len(mins) > 2 and score >= mins[2]:
        return AMBER
    return RED


def progress_color(percent: float) -> str:
    return GREEN if percent >= 100 else AMBER if percent >= 50 else RED


# --- the SAR -------------------------------------------------------------------------------------

class EvidencePiece(Content):
    """A line of an evidence cell: the criterion it is for ("ประเด็นที่ ๒"; "" for the row as a whole)."""

    criterion: str
    text: str
    url: str | None = None


def criterion_label(criteria: tuple[int, ...]) -> str:
    return v.SAR_EVIDENCE_CRITERION.format(n=", ".join(f.digits(c) for c in criteria)) if criteria else ""


def evidence_pieces(row: IndicatorRow, ind: Indicator) -> list[EvidencePiece]:
    """The evidence of a criteria-scored row by criterion; none when the cell names no criterion (then
    it is shown as typed, as ever)."""
    if ind.method != "criteria" or not row.evidence:
        return []
    reading = read_evidence(row.evidence, len(ind.criteria))
    if not any(p.criteria for p in reading.pieces):
        return []
    return [EvidencePiece(criterion=criterion_label(p.criteria), text=p.text, url=evidence_url(p.text))
            for p in reading.pieces if p.text]


def signed_text(row: IndicatorRow) -> list[str]:
    """Who signed the row and when, as the SAR and e-MES name them, one line each (รับรองข้อมูลโดย, the
    name, เมื่อ and the date); none when it is not signed."""
    if row.signoff != SIGNED or row.signed_on is None:
        return []
    return [v.SAR_SIGNED_BY, " ".join(row.signed_by.split()), v.SAR_SIGNED_ON.format(date=f.be_date(row.signed_on, "short"))]


class SarRow(Content):
    group: str
    owner: str
    target: str
    result: str
    measure: str
    level: int | None
    level_text: str  # the level's name, "ดีมาก"
    evidence: str
    evidence_url: str | None = None
    state: str  # reported; not_reported: no valid report yet (not reported, or a row still being put right)
    pieces: list[EvidencePiece] = []  # the evidence by criterion, when the cell gives it so (core.evidence)
    explanation: str = ""  # คำชี้แจง of a result below the level that needs one
    signed: list[str] = []  # รับรองข้อมูลโดย / the name / เมื่อ ...: the head's sign-off (`signoff: required`)


class SarIndicator(Content):
    code: str
    title: str
    method: str
    weight: float
    criteria: list[str]
    score: float | None
    label: str
    rows: list[SarRow]
    reported: int = 0  # owners with a valid report
    owners: int = 0

    @property
    def complete(self) -> bool:
        return self.reported == self.owners


class SarStandard(Content):
    code: str
    title: str
    weight: float
    score: float | None  # the mean of the indicators that have a score (provisional while not complete)
    label: str  # the band when every indicator is complete; else SAR_LEVEL_PENDING or SAR_NO_SCORE
    reported: int  # indicators complete: every owner has a valid report
    total: int
    indicators: list[SarIndicator]


class SarGroup(Content):
    no: int
    name: str
    head: str
    indicators: list[str]


class SarOutput(Content):
    no: str
    title: str
    group: str
    description: str
    indicators: list[str]
    evidence: str
    evidence_url: str | None = None


class EvidenceEntry(Content):
    what: str
    group: str
    evidence: str
    url: str | None = None
    criterion: str = ""  # "ประเด็นที่ ๒": a criteria-scored row's evidence is listed by criterion


class EvidenceLink(Content):
    text: str
    url: str | None = None


class SarPoint(Content):
    """A strength or an area to improve: the indicator (or output) and its level, a sentence per group
    from what it reported, and the evidence."""

    text: str
    lines: list[str] = []
    evidence: list[EvidenceLink] = []


class SarMissing(Content):
    """An indicator and an owner without a valid report yet: what the draft still lacks."""

    indicator: str  # ตัวบ่งชี้ที่ ๒.๑
    title: str
    group: str
    why: str = ""  # Thai: the row's state (ยังไม่รายงาน, มีข้อผิดพลาด, รอหัวหน้ากลุ่มรับรอง, ต้องรับรองใหม่)


class Assessment(Content):
    summary: list[str]
    strengths: list[SarPoint]
    improvements: list[SarPoint]
    guidelines: list[str]
    missing: list[SarMissing] = []


class YearRow(Content):
    label: str
    previous: str  # score and level last year, as shown
    current: str
    change: str


class YearComparison(Content):
    previous_fy: int
    as_of: date
    rows: list[YearRow]


def compare_years(office: Office, ev: Evaluation, previous: Evaluation | None, previous_fy: int,
                  labels: dict[str, str] | None = None) -> YearComparison | None:
    """This year's office and standard scores beside last fiscal year's (the seed's step 7: results as
    feedback for the next plan). Standards are matched by code; one missing in either year shows "-".
    `labels`: this year's level of each standard (by code) and of the office ("") as the SAR names them:
    not named while not every indicator under it is reported."""
    if previous is None:
        return None
    labels = labels or {}

    def shown(score: float | None, label: str) -> str:
        return f"{f.score(score)} {label}" if score is not None else "-"

    def change(now: float | None, then: float | None) -> str:
        if now is None or then is None:
            return "-"
        delta = round(now - then, 2)
        word = v.SAR_YEAR_UP if delta > 0 else v.SAR_YEAR_DOWN if delta < 0 else v.SAR_YEAR_SAME
        return f"{word} {f.score(abs(delta))}" if delta else word

    rows = [YearRow(label=v.SAR_YEAR_OVERALL, previous=shown(previous.office.score, previous.office.label),
                    current=shown(ev.office.score, labels.get("", ev.office.label)),
                    change=change(ev.office.score, previous.office.score))]
    before = {s.code: s for s in previous.office.standards}
    for s in ev.office.standards:
        p = before.get(s.code)
        rows.append(YearRow(label=f"{v.STANDARD} {f.digits(s.code)} {s.title}",
                            previous=shown(p.score, p.label) if p else "-", current=shown(s.score, labels.get(s.code, s.label)),
                            change=change(s.score, p.score if p else None)))
    return YearComparison(previous_fy=previous_fy, as_of=previous.today, rows=rows)


class SarData(Content):
    office: str
    short_name: str
    address: str
    phone: str
    fiscal_year: int
    as_of: date
    edition: str
    director: Signer
    coordinator: Signer
    score: float | None  # provisional while not complete
    label: str  # the band when every indicator is complete; else SAR_LEVEL_PENDING or SAR_NO_SCORE
    reported: int  # indicators complete (every owner reported validly)
    total: int
    groups: list[SarGroup]
    standards: list[SarStandard]
    charts: list[Chart]
    outputs: list[SarOutput]
    assessment: Assessment
    evidence: list[EvidenceEntry]
    order: OrderData
    comparison: YearComparison | None = None
    basis: str = ""  # what the figures are: a closed round's frozen results, or the data as of a day
    draft: bool = False  # some owner has no valid report yet: every page says ฉบับร่าง

def _owner_rows(ev: Evaluation) -> dict[tuple[str, str], RowOutcome]:
    """(indicator code, group) -> the group's row for that indicator."""
    out = {}
    for outcomes in ev.outcomes.values():
        for o in outcomes:
            if o.row.indicator:
                out[(o.row.indicator, o.row.group)] = o
    return out


def _valid(o: RowOutcome | None) -> bool:
    """A valid report: reported, no problem left in the row, scored, and (with `signoff: required`) signed."""
    return (o is not None and o.row.reported and not o.row.errors and o.score is not None
            and not o.row.awaiting_signoff)


def _why_missing(o: RowOutcome | None) -> str:
    """Why an owner's row is not yet in the report, in the words of the row's own สถานะ."""
    if o is None or not o.row.reported:
        return vocab.STATE_NOT_REPORTED
    if o.row.errors or o.score is None:
        return vocab.STATE_INVALID
    return vocab.STATE_SIGNOFF_VOID if o.row.signoff == VOID else vocab.STATE_AWAITING_SIGNOFF


_PERCENT_WORD = v.FMT_PERCENT.split("{")[0].strip()  # ร้อยละ


def _unit(o: RowOutcome, ind: Indicator) -> str:
    return (o.row.unit or ind.unit).strip()


def _amount(value: float | None, unit: str) -> str:
    """A figure with its unit as Thai writes it: ร้อยละ ๙๒.๕ (ร้อยละ goes first), ๒.๕ วัน."""
    number = f.number(value)
    if unit.startswith(_PERCENT_WORD):
        return v.FMT_PERCENT.format(value=number)
    return f"{number} {unit}".strip()


def _after(amount: str) -> str:
    """A figure read on after a word ("ผลการดำเนินงาน"): ร้อยละ joins the word as Thai writes it, a number is spaced."""
    return amount if amount.startswith(_PERCENT_WORD) else f" {amount}"


def _measure(o: RowOutcome, ind: Indicator, office: Office) -> str:
    row = o.row
    if ind.method == "criteria" and row.criteria_met is not None:
        if not row.criteria_met:
            return v.SAR_MEASURE_NONE_MET
        which = ", ".join(f.digits(c) for c in sorted(row.criteria_met))
        return v.SAR_MEASURE_CRITERIA.format(count=f.digits(len(row.criteria_met)), total=f.digits(len(ind.criteria)),
                                             which=which)
    if ind.method == "target_percent" and row.result_value is not None and row.target_value is not None:
        unit = _unit(o, ind)
        result, target = _after(_amount(row.result_value, unit)), _after(_amount(row.target_value, unit))
        if o.score is not None and o.score.value is not None:
            return v.SAR_MEASURE_PERCENT.format(result=result, target=target, percent=f.number(o.score.value))
        return v.SAR_MEASURE_PERCENT_ZERO.format(result=result, target=target)
    if ind.method == "self_rated" and row.self_level is not None:
        return v.SAR_MEASURE_SELF.format(level=f.level(row.self_level, office.levels.names), why=row.justification)
    return ""


def _sar_row(office: Office, ind: Indicator, group: Group, o: RowOutcome | None) -> SarRow:
    """A group's line of an indicator's table. A row without a valid report shows no result and no
    problem: "ยังไม่มีผลการประเมิน" (what is wrong in a row is the follow-up memo's business, not OBEC's)."""
    if o is None or not _valid(o):
        return SarRow(group=group.name, owner=o.row.owner if o else "", target=o.row.target if o else "",
                      result=v.SAR_NO_SCORE, measure="", level=None, level_text="-", evidence="", state="not_reported")
    row = o.row
    level = o.score.level if o.score else None
    return SarRow(group=group.name, owner=row.owner, target=row.target, result=row.result,
                  measure=_measure(o, ind, office), level=level, level_text=f.level_word(level, office.levels.names),
                  evidence=row.evidence, evidence_url=evidence_url(row.evidence), state="reported",
                  pieces=evidence_pieces(row, ind), explanation=row.explanation, signed=signed_text(row))


def _level_label(score: float | None, complete: bool, bands: list[LevelBand]) -> str:
    """A standard's or the office's level: named only once every indicator under it is complete."""
    if score is None:
        return v.SAR_NO_SCORE
    return band_label(score, bands) if complete else v.SAR_LEVEL_PENDING


def sar_standards(office: Office, ev: Evaluation) -> list[SarStandard]:
    rows = _owner_rows(ev)
    results = {s.code: s for s in ev.office.standards}
    bands = office.levels.bands
    out = []
    for standard in office.standards:
        result = results[standard.code]
        scored = {i.code: i for i in result.indicators}
        indicators = []
        for ind in standard.indicators:
            owners = [g for g in (office.group(code) for code in ind.owners) if g is not None]
            score = scored[ind.code].score
            sar_rows = [_sar_row(office, ind, g, rows.get((ind.code, g.code))) for g in owners]
            indicators.append(SarIndicator(
                code=ind.code, title=ind.title, method=v.SAR_METHOD[ind.method], weight=ind.weight,
                criteria=list(ind.criteria), score=score, label=band_label(score, bands, v.SAR_NO_SCORE),
                rows=sar_rows, reported=sum(1 for r in sar_rows if r.state == "reported"), owners=len(sar_rows),
            ))
        complete = sum(1 for i in indicators if i.complete)
        out.append(SarStandard(code=standard.code, title=standard.title, weight=standard.weight, score=result.score,
                               label=_level_label(result.score, complete == len(indicators), bands),
                               reported=complete, total=len(indicators), indicators=indicators))
    return out


def sar_charts(office: Office, ev: Evaluation, labels: dict[str, str] | None = None) -> list[Chart]:
    """`labels`: the level each standard (by code, "" for the office) is named by in the SAR's tables
    (SAR_LEVEL_PENDING until it is complete), so that the chart says what the table beside it says."""
    bands = office.levels.bands
    names = labels or {}

    def label(code: str, score: float | None, band: str) -> str:
        if score is None:
            return v.SAR_NO_SCORE
        return f"{f.score(score)} {names.get(code, band)}"

    levels = bar_chart(
        v.SAR_CHART_LEVELS,
        [(f"{v.STANDARD} {f.digits(s.code)}", s.score, label(s.code, s.score, s.label), level_color(s.score, bands))
         for s in ev.office.standards]
        + [(v.SAR_OVERALL_ROW, ev.office.score, label("", ev.office.score, ev.office.label),
            level_color(ev.office.score, bands))],
        maximum=5, ticks=[0, 1, 2, 3, 4, 5],
    )
    tabs = {g.code: g.tab for g in office.groups}
    progress_bars = []
    for g in ev.groups:
        pct = 100 * g.reported / g.rows if g.rows else 0.0
        progress_bars.append((tabs.get(g.group, g.group), pct,
                              f"{f.number(pct, 0)}% ({f.digits(g.reported)}/{f.digits(g.rows)})", progress_color(pct)))
    progress = bar_chart(v.SAR_CHART_PROGRESS, progress_bars, maximum=100, ticks=[0, 25, 50, 75, 100])
    return [levels, progress]


def sar_outputs(office: Office, ev: Evaluation) -> list[SarOutput]:
    """The valid rows of the successful-outputs tab, in the order the office ranked them."""
    if ev.outputs is None:
        return []
    names = group_names(office)
    out: list[SarOutput] = []
    for row in ev.outputs.rows:
        if row.errors:
            continue
        out.append(SarOutput(no=f.digits(row.no) if row.no else f.digits(len(out) + 1), title=row.title,
                             group=names.get(row.group or "", ""), description=row.description,
                             indicators=[f.digits(c) for c in row.indicators], evidence=row.evidence,
                             evidence_url=evidence_url(row.evidence)))
    return out


def evidence_index(standards: list[SarStandard], outputs: list[SarOutput]) -> list[EvidenceEntry]:
    entries = []
    for s in standards:
        for ind in s.indicators:
            what = f"{indicator_label(ind.code)} {ind.title}"
            for row in ind.rows:
                if row.state != "reported" or not row.evidence:
                    continue
                if row.pieces:
                    entries += [EvidenceEntry(what=what, group=row.group, evidence=p.text, url=p.url,
                                              criterion=p.criterion) for p in row.pieces]
                else:
                    entries.append(EvidenceEntry(what=what, group=row.group, evidence=row.evidence, url=row.evidence_url))
    entries += [EvidenceEntry(what=v.SAR_EVIDENCE_OUTPUT.format(title=o.title), group=o.group, evidence=o.evidence,
                              url=o.evidence_url) for o in outputs if o.evidence]
    return entries


def _level_at(level: int, office: Office) -> str:
    return v.SAR_SAY_AT.format(level=f.digits(level), name=f.level_word(level, office.levels.names))


def _percent_of_target(o: RowOutcome) -> float | None:
    """A target_percent row's percent of its target; None when past every threshold (no percent shown)."""
    return o.score.value if o.score is not None else None


def _short_of_target(o: RowOutcome, ind: Indicator) -> bool:
    percent = _percent_of_target(o)
    return ind.method == "target_percent" and percent is not None and percent < 100


def _said(o: RowOutcome, ind: Indicator, group: str, office: Office) -> str:
    """What a group's valid report says, as a sentence: the criteria met of how many, the result against
    the target, the level it rated itself and why; with the level reached."""
    row = o.row
    level = o.score.level if o.score is not None else 0
    if ind.method == "criteria":
        met = sorted(row.criteria_met or ())
        if not met:
            return v.SAR_SAY_CRITERIA_NONE.format(group=group, count=f.digits(len(ind.criteria))) + _level_at(level, office)
        return v.SAR_SAY_CRITERIA.format(group=group, met=f.digits(len(met)), count=f.digits(len(ind.criteria)),
                                         which=_join([f.digits(c) for c in met])) + _level_at(level, office)
    if ind.method == "target_percent":
        unit = _unit(o, ind)
        result, target = _after(_amount(row.result_value, unit)), _after(_amount(row.target_value, unit))
        if _short_of_target(o, ind):
            text = v.SAR_SAY_SHORT.format(group=group, result=result, target=target,
                                          percent=f.number(_percent_of_target(o)))
        else:
            text = (v.SAR_SAY_REACHED_LOWER if ind.direction == "lower" else v.SAR_SAY_REACHED).format(
                group=group, result=result, target=target)
        return text + _level_at(level, office)
    text = v.SAR_SAY_SELF.format(group=group, level=f.digits(level), name=f.level_word(level, office.levels.names))
    if row.result:
        text += v.SAR_SAY_RESULT.format(text=row.result)
    if row.justification:
        text += v.SAR_SAY_WHY.format(why=row.justification)
    return text


def _gap(o: RowOutcome, ind: Indicator, group: str, office: Office) -> str:
    """A result short of its target and by how much: "ผลการดำเนินงานร้อยละ ๙๒.๕ ต่ำกว่าเป้าหมายร้อยละ ๙๕ อยู่ ๒.๕"."""
    row = o.row
    unit = _unit(o, ind)
    result, target = row.result_value or 0.0, row.target_value or 0.0
    gap = round(abs(target - result), 2)
    by = f.number(gap) if unit.startswith(_PERCENT_WORD) else _amount(gap, unit)
    template = v.SAR_GAP_LOWER if ind.direction == "lower" else v.SAR_GAP
    level = o.score.level if o.score is not None else 0
    return template.format(group=group, result=_after(_amount(result, unit)), target=_after(_amount(target, unit)), gap=by) + \
        v.SAR_AT_LEVEL.format(level=f.digits(level), name=f.level_word(level, office.levels.names))


def _evidence(o: RowOutcome, ind: Indicator | None = None) -> list[EvidenceLink]:
    """The row's evidence as links: a line per criterion when the cell gives it so (its criterion
    before it), else the cell as typed."""
    text = o.row.evidence
    pieces = evidence_pieces(o.row, ind) if ind is not None else []
    if pieces:
        return [EvidenceLink(text=f"{p.criterion}: {p.text}" if p.criterion else p.text, url=p.url) for p in pieces]
    return [EvidenceLink(text=text, url=evidence_url(text))] if text else []


def _point_head(ind: SarIndicator, office: Office) -> str:
    head = v.SAR_POINT_HEAD.format(indicator=indicator_label(ind.code), title=ind.title, label=ind.label,
                                   score=f.score(ind.score))
    if not ind.complete:
        head += v.SAR_PARTIAL_OWNERS.format(reported=f.digits(ind.reported), total=f.digits(ind.owners))
    return head


def _guidelines(ind: Indicator, label: str, weak: list[tuple[str, RowOutcome]], strong_label: str) -> list[str]:
    """One guideline per group of an area to improve: the criteria it has not met (their text from the
    standards), the target to reach, or a review of the work; with the group's own justification."""
    out = []
    for group, o in weak:
        row = o.row
        if ind.method == "criteria":
            unmet = [n for n in range(1, len(ind.criteria) + 1) if n not in (row.criteria_met or ())]
            if unmet:
                criteria = _join([v.SAR_CRITERION.format(no=f.digits(n), text=ind.criteria[n - 1]) for n in unmet])
                text = v.SAR_GUIDE_CRITERIA.format(indicator=label, groups=group, criteria=criteria)
            else:
                text = v.SAR_GUIDE_SELF.format(indicator=label, groups=group, label=strong_label)
        elif ind.method == "target_percent":
            text = v.SAR_GUIDE_PERCENT.format(indicator=label, groups=group,
                                              target=_amount(row.target_value, _unit(o, ind)))
        else:
            text = v.SAR_GUIDE_SELF.format(indicator=label, groups=group, label=strong_label)
        if row.justification:
            text += v.SAR_GUIDE_WHY.format(why=row.justification)
        out.append(text)
    return out


def assess(office: Office, standards: list[SarStandard], ev: Evaluation, outputs: Sequence[SarOutput] = ()) -> Assessment:
    """Part 4, from the results alone (the module docstring): the summary with its coverage, strengths,
    areas to improve with their gaps, a guideline per area, and what the draft still lacks."""
    bands = office.levels.bands
    strong_min = bands[1].min if len(bands) > 1 else bands[0].min
    strong_label = bands[1].name if len(bands) > 1 else bands[0].name
    info = office.office
    fy = f.fiscal_year(info.fiscal_year)
    complete = sum(s.reported for s in standards)
    total = sum(s.total for s in standards)
    o = ev.office
    if complete == total and o.score is not None:
        summary = [v.SAR_SUMMARY_FULL.format(office=info.name, fy=fy, label=band_label(o.score, bands),
                                             score=f.score(o.score), total=f.digits(total))]
    else:
        summary = [v.SAR_SUMMARY_PARTIAL.format(office=info.name, fy=fy, reported=f.digits(complete),
                                                total=f.digits(total))]
    for s in standards:
        standard = f"{v.STANDARD} {f.digits(s.code)}"
        if s.reported == s.total and s.score is not None:
            summary.append(v.SAR_SUMMARY_STD_FULL.format(standard=standard, title=s.title, label=s.label,
                                                         score=f.score(s.score), total=f.digits(s.total)))
        elif s.score is not None:
            summary.append(v.SAR_SUMMARY_STD_PARTIAL.format(standard=standard, title=s.title, reported=f.digits(s.reported),
                                                            total=f.digits(s.total), score=f.score(s.score)))
        else:
            summary.append(v.SAR_SUMMARY_STD_NONE.format(standard=standard, title=s.title, reported=f.digits(s.reported),
                                                         total=f.digits(s.total)))

    strengths: list[SarPoint] = []
    improvements: list[SarPoint] = []
    guidelines: list[str] = []
    missing: list[SarMissing] = []
    rows = _owner_rows(ev)
    for s in standards:
        for ind in s.indicators:
            config = office.indicator(ind.code)
            assert config is not None
            label = indicator_label(ind.code)
            owners = [g for g in (office.group(code) for code in config.owners) if g is not None]
            valid = [(g.name, rows[(ind.code, g.code)]) for g in owners if _valid(rows.get((ind.code, g.code)))]
            missing += [SarMissing(indicator=label, title=ind.title, group=g.name, why=_why_missing(rows.get((ind.code, g.code))))
                        for g in owners if not _valid(rows.get((ind.code, g.code)))]
            if ind.score is None:
                continue
            if ind.score >= strong_min:
                strengths.append(SarPoint(text=_point_head(ind, office),
                                          lines=[_said(r, config, g, office) for g, r in valid],
                                          evidence=[e for _, r in valid for e in _evidence(r, config)]))
            low = [(g, r) for g, r in valid if r.score is not None and r.score.level < strong_min]
            short = [(g, r) for g, r in valid if _short_of_target(r, config) and (g, r) not in low]
            if ind.score < strong_min and not low:
                low = valid  # a low mean (or minimum) of owners each at a fair level: all of them
            weak = [(g, r) for g, r in valid if (g, r) in low or (g, r) in short]
            if not weak:
                continue
            lines = [_gap(r, config, g, office) if _short_of_target(r, config) else _said(r, config, g, office)
                     for g, r in weak]
            improvements.append(SarPoint(text=_point_head(ind, office), lines=lines))
            guidelines += _guidelines(config, label, weak, strong_label)
    for out in outputs:
        text = v.SAR_STRENGTH_OUTPUT.format(title=out.title, group=v.SAR_OUTPUT_BY.format(group=out.group) if out.group else "")
        if out.description:
            text += v.SAR_OUTPUT_WHAT.format(description=out.description)
        if out.indicators:
            text += v.SAR_OUTPUT_INDICATORS.format(codes=", ".join(out.indicators))
        strengths.append(SarPoint(text=text, evidence=[EvidenceLink(text=out.evidence, url=out.evidence_url)]
                                  if out.evidence else []))
    return Assessment(summary=summary, strengths=strengths, improvements=improvements, guidelines=guidelines,
                      missing=missing)


def sar_basis(ev: Evaluation, frozen: FrozenRound | None) -> str:
    """What the SAR's figures are: a closed round's frozen results, or the data as of a day (and the round
    in focus, still open)."""
    if frozen is not None:
        return v.SAR_BASIS_ROUND.format(round=frozen.short_name, closed=f.be_date(frozen.closed_on))
    focus = ev.round
    if focus is not None and focus.closed_on is None:
        return v.SAR_BASIS_OPEN.format(date=f.be_date(ev.today), round=short_round(focus.name))
    return v.SAR_DATA_AS_OF.format(date=f.be_date(ev.today))


def build_sar(office: Office, ev: Evaluation, previous: Evaluation | None = None,
              frozen: FrozenRound | None = None) -> SarData:
    """`previous`: last fiscal year's final evaluation, when history has one. `frozen`: the last closed
    round of the year (history's frozen results), when there is one: the SAR speaks of it, not of the
    sheets as they are today."""
    info = office.office
    figures = frozen.evaluation if frozen is not None else ev
    standards = sar_standards(office, figures)
    outputs = sar_outputs(office, figures)
    groups = [SarGroup(no=n, name=g.name, head=g.head.name, indicators=[i.code for i in office.group_indicators(g.code)])
              for n, g in enumerate(office.groups, start=1)]
    assessment = assess(office, standards, figures, outputs)
    reported, total = sum(s.reported for s in standards), sum(s.total for s in standards)
    label = _level_label(figures.office.score, reported == total, office.levels.bands)
    labels = {"": label, **{s.code: s.label for s in standards}}
    return SarData(
        office=info.name, short_name=info.short_name, address=info.address, phone=info.phone,
        fiscal_year=info.fiscal_year, as_of=frozen.closed_on if frozen is not None else ev.today, edition=office.edition,
        director=Signer(name=info.director.name, position=info.director.position),
        coordinator=Signer(name=info.coordinator.name, position=info.coordinator.position),
        score=figures.office.score, label=label,
        reported=reported, total=total, groups=groups, standards=standards,
        charts=sar_charts(office, figures, labels), outputs=outputs, assessment=assessment,
        evidence=evidence_index(standards, outputs), order=build_order(office),
        comparison=compare_years(office, figures, previous, info.fiscal_year - 1, labels),
        basis=sar_basis(ev, frozen), draft=bool(assessment.missing),
    )
