"""What the documents say, built from the office config and an Evaluation. Pure: no file, template or PDF.

Rendering (sheetsync.documents) only lays these models out, so the PDF and the DOCX say the same thing.

The follow-up memo
- is due when a milestone is inside its reminder window or overdue and some row is behind it
  (state overdue or due soon, or an owned indicator without a row under an active milestone);
- then lists, group by group, every item behind plus every row with errors (an invalid row must be
  fixed too), each with what is missing and the cells at fault;
- is identified by the set of (group, indicator, problem, milestone) it lists and which of them are
  past due: the same set is the same memo (history keeps its number, date and text), a different set
  a new one;
- asks for an overdue item by a new deadline, ภายในวันที่ today + the milestone's `followup_days`
  working days (core.workdays), never by a date already past; a due date that was moved off a day
  off says from when and why.

The SAR's part 4 is derived from the scores and the groups' own text:
- a strength is an indicator whose combined score reaches the second band from the top (3.50 ดีมาก by
  default), quoting what each owner reported;
- an area to improve is an indicator scored below that, or with owners that have not reported or whose
  row has errors;
- each area gets a development guideline by its cause: the criteria not yet met (criteria), the target
  to reach (target_percent), a review of the work (self_rated), reporting or fixing the row.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel

from sheetsync.core import docvocab as v
from sheetsync.core import thaifmt as f
from sheetsync.core import vocab
from sheetsync.core.evaluate import Evaluation, LateItem, RowOutcome
from sheetsync.core.models import Group, Indicator, LevelBand, Milestone, Office
from sheetsync.core.scoring import band_label

# --- shared --------------------------------------------------------------------------------------

class Signer(BaseModel):
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

class MemoLine(BaseModel):
    group: str
    code: str
    title: str
    problem: str
    state: str
    milestone: str | None = None
    due: date | None = None
    overdue: bool = False  # past its due date: asked for by a new deadline
    details: list[str] = []  # "F3: <the cell's message>"


class MemoRow(BaseModel):
    """One row of a group's table: an indicator, or (for a long list) every indicator with the same problem."""

    what: str
    todo: list[str]  # the problem first, then the cells at fault
    due: date | None = None


class MemoGroup(BaseModel):
    code: str
    name: str
    addressee: str
    rows: list[MemoRow]


# A group with more items than this gets one row per problem listing the indicator codes, so that a
# memo stays a few pages even for an office with hundreds of rows behind.
MEMO_DETAIL_LIMIT = 15


class MemoData(BaseModel):
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


def active_milestones(milestones: list[Milestone], ev: Evaluation) -> list[Milestone]:
    """Row milestones that are open and inside their reminder window or past due, and not a closed
    round (its results are frozen: nothing more is asked for it)."""
    closed = {r.code for r in ev.rounds if r.closed_on is not None}
    out = []
    for m in milestones:
        if m.requires == "office" or m.opens > ev.today or m.code in closed:
            continue
        dates = ev.dates.get(m.code)
        due, remind_from = (dates.due, dates.remind_from) if dates else (m.due, m.due)
        if ev.today > due or ev.today >= remind_from:
            out.append(m)
    return out


def memo_lines(office: Office, ev: Evaluation) -> list[MemoLine]:
    """What the memo lists; empty when no memo is due."""
    active = {m.code for m in active_milestones(office.milestones, ev)}
    behind = [i for i in ev.late if i.state in BEHIND or (i.state == "missing_row" and i.milestone in active)]
    if not behind:
        return []
    invalid = [i for i in ev.late if i.state == "invalid"]
    messages = {(e.tab, e.cell): e.message for e in ev.errors}
    order = {g.code: n for n, g in enumerate(office.groups)}
    lines = [_memo_line(i, messages, ev.today) for i in behind + invalid]
    return sorted(lines, key=lambda line: (order.get(line.group, 99), _code_key(line.code), line.problem))


def _code_key(code: str) -> tuple[tuple[int, int, str], ...]:
    """Indicator codes in numeric order (2.10 after 2.9); a code that is not numeric (a typo) sorts after."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


def _memo_line(item: LateItem, messages: dict[tuple[str, str], str], today: date) -> MemoLine:
    """An item of the memo; an overdue one is asked for by its new deadline (ภายในวันที่), never by a
    date already past."""
    details = [f"{cell}: {messages[(item.tab, cell)]}" for cell in item.cells if (item.tab, cell) in messages]
    due = item.new_due if item.new_due is not None else item.due
    if due is not None and due < today:
        due = None  # an invalid row of a past milestone: the memo's closing date applies
    return MemoLine(group=item.group, code=item.code, title=item.title, problem=item.problem, state=item.state,
                    milestone=item.milestone, due=due, overdue=item.new_due is not None, details=details)


def memo_key(lines: list[MemoLine]) -> str:
    """The memo's identity: the set of (group, indicator, problem, milestone) it lists, and which of them
    are past due: the day a due-soon item becomes overdue is a new situation (a second follow-up, with
    a new deadline), the nights after it are not."""
    identity = sorted({(line.group, line.code, line.problem, line.milestone or "") + (("overdue",) if line.overdue else ())
                       for line in lines})
    return hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode()).hexdigest()[:24]


def memo_rows(lines: list[MemoLine]) -> list[MemoRow]:
    if len(lines) <= MEMO_DETAIL_LIMIT:
        return [MemoRow(what=f"{indicator_label(line.code)} {line.title}".strip(), todo=[line.problem, *line.details],
                        due=line.due) for line in lines]
    rows: dict[tuple[str, date | None], list[MemoLine]] = {}
    for line in lines:
        rows.setdefault((line.problem, line.due), []).append(line)
    out = []
    for (problem, due), same in rows.items():
        codes = ", ".join(f.digits(line.code) for line in same)
        cells = [f"{f.digits(line.code)} ({', '.join(d.split(':')[0] for d in line.details)})" for line in same if line.details]
        todo = [problem] + ([v.MEMO_CELLS.format(cells="; ".join(cells))] if cells else [])
        out.append(MemoRow(what=v.MEMO_MANY.format(codes=codes, count=f.digits(len(same))), todo=todo, due=due))
    return out


def addressee(group: Group) -> str:
    template = v.MEMO_HEAD_OF_GROUP if group.name.startswith(v.GROUP_PREFIX) else v.MEMO_HEAD_OF_UNIT
    return template.format(name=group.name)


def memo_number(office: Office, number: int) -> str:
    prefix = office.documents.memo_prefix or (f"{office.office.doc_prefix}/" if office.office.doc_prefix else "")
    return f"{prefix}{f.digits(number)}"


def build_memo(office: Office, ev: Evaluation, lines: list[MemoLine], issued_on: date) -> MemoData:
    info = office.office
    groups = []
    for group in office.groups:
        mine = [line for line in lines if line.group == group.code]
        if mine:
            groups.append(MemoGroup(code=group.code, name=group.name, addressee=addressee(group), rows=memo_rows(mine)))
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

    by_code = {m.code: m for m in office.milestones}
    used = sorted({line.milestone for line in lines if line.milestone in by_code}, key=lambda c: _due(ev, by_code[c]))
    clauses = []
    for code in used:
        m, due = by_code[code], _due(ev, by_code[code])
        moved = _moved_note(ev, m)
        if ev.today > due:
            clauses.append(v.MEMO_MILESTONE_OVERDUE.format(name=m.name, due=f.be_date(due) + moved,
                                                           days=f.digits((ev.today - due).days)))
        else:
            clauses.append(v.MEMO_MILESTONE_SOON.format(name=m.name, due=f.be_date(due) + moved,
                                                        days=f.digits((due - ev.today).days)))
    now = v.MEMO_NOW.format(milestones=v.MEMO_MILESTONE_JOIN.join(clauses), checked=f.be_date(ev.today),
                            items=f.digits(len(lines)), groups=f.digits(len(groups)))

    # The memo asks for everything by one date: the earliest a line is due (an overdue line's new deadline).
    asked = [line.due for line in lines if line.due is not None]
    when = v.MEMO_ASK_BY.format(date=f.be_date(min(asked))) if asked else v.MEMO_ASK_SOON
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


def _due(ev: Evaluation, m: Milestone) -> date:
    """The working day a milestone is due (moved off a day off), as the evaluation judged it."""
    dates = ev.dates.get(m.code)
    return dates.due if dates else m.due


def _moved_note(ev: Evaluation, m: Milestone) -> str:
    """" (เลื่อนจากวันที่ ... ซึ่งตรงกับวันสงกรานต์)" when the calendar's date fell on a day off."""
    dates = ev.dates.get(m.code)
    if dates is None or dates.moved_from is None:
        return ""
    return " " + v.DATE_MOVED.format(day=f.be_date(dates.moved_from), reason=dates.moved_reason)


def memo_due_text(line: MemoLine) -> str:
    return f.be_date(line.due, "short") if line.due else ""


# --- the appointment order -----------------------------------------------------------------------

class OrderMember(BaseModel):
    no: str
    name: str
    position: str
    role: str
    indicators: str = ""  # "รับผิดชอบตัวบ่งชี้ที่ ๑.๑, ๑.๓"


class OrderData(BaseModel):
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
        members.append(OrderMember(no=f"{f.digits(n)}.", name=m.name, position=m.position, role=m.role,
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

class Bar(BaseModel):
    label: str
    value: float | None
    text: str
    color: str
    fraction: float  # of the full width, 0..1


class Chart(BaseModel):
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

class SarRow(BaseModel):
    group: str
    owner: str
    target: str
    result: str
    measure: str
    level: int | None
    level_text: str  # the level's name, "ดีมาก"
    evidence: str
    evidence_url: str | None = None
    state: str  # reported, not_reported, invalid


class SarIndicator(BaseModel):
    code: str
    title: str
    method: str
    weight: float
    criteria: list[str]
    score: float | None
    label: str
    rows: list[SarRow]


class SarStandard(BaseModel):
    code: str
    title: str
    weight: float
    score: float | None
    label: str
    reported: int
    total: int
    indicators: list[SarIndicator]


class SarGroup(BaseModel):
    no: int
    name: str
    head: str
    indicators: list[str]


class SarOutput(BaseModel):
    no: str
    title: str
    group: str
    description: str
    indicators: list[str]
    evidence: str
    evidence_url: str | None = None


class EvidenceEntry(BaseModel):
    what: str
    group: str
    evidence: str
    url: str | None = None


class Assessment(BaseModel):
    summary: list[str]
    strengths: list[str]
    improvements: list[str]
    guidelines: list[str]


class YearRow(BaseModel):
    label: str
    previous: str  # score and level last year, as shown
    current: str
    change: str


class YearComparison(BaseModel):
    previous_fy: int
    as_of: date
    rows: list[YearRow]


def compare_years(office: Office, ev: Evaluation, previous: Evaluation | None, previous_fy: int) -> YearComparison | None:
    """This year's office and standard scores beside last fiscal year's (the seed's step 7: results as
    feedback for the next plan). Standards are matched by code; one missing in either year shows "-"."""
    if previous is None:
        return None

    def shown(score: float | None, label: str) -> str:
        return f"{f.score(score)} {label}" if score is not None else "-"

    def change(now: float | None, then: float | None) -> str:
        if now is None or then is None:
            return "-"
        delta = round(now - then, 2)
        word = v.SAR_YEAR_UP if delta > 0 else v.SAR_YEAR_DOWN if delta < 0 else v.SAR_YEAR_SAME
        return f"{word} {f.score(abs(delta))}" if delta else word

    rows = [YearRow(label=v.SAR_YEAR_OVERALL, previous=shown(previous.office.score, previous.office.label),
                    current=shown(ev.office.score, ev.office.label), change=change(ev.office.score, previous.office.score))]
    before = {s.code: s for s in previous.office.standards}
    for s in ev.office.standards:
        p = before.get(s.code)
        rows.append(YearRow(label=f"{v.STANDARD} {f.digits(s.code)} {s.title}",
                            previous=shown(p.score, p.label) if p else "-", current=shown(s.score, s.label),
                            change=change(s.score, p.score if p else None)))
    return YearComparison(previous_fy=previous_fy, as_of=previous.today, rows=rows)


class SarData(BaseModel):
    office: str
    short_name: str
    address: str
    phone: str
    fiscal_year: int
    as_of: date
    edition: str
    director: Signer
    coordinator: Signer
    score: float | None
    label: str
    reported: int
    total: int
    groups: list[SarGroup]
    standards: list[SarStandard]
    charts: list[Chart]
    outputs: list[SarOutput]
    assessment: Assessment
    evidence: list[EvidenceEntry]
    order: OrderData
    comparison: YearComparison | None = None


def _owner_rows(ev: Evaluation) -> dict[tuple[str, str], RowOutcome]:
    """(indicator code, group) -> the group's row for that indicator."""
    out = {}
    for outcomes in ev.outcomes.values():
        for o in outcomes:
            if o.row.indicator:
                out[(o.row.indicator, o.row.group)] = o
    return out


def _measure(o: RowOutcome, ind: Indicator, office: Office) -> str:
    row = o.row
    if ind.method == "criteria" and row.criteria_met is not None:
        if not row.criteria_met:
            return v.SAR_MEASURE_NONE_MET
        which = ", ".join(f.digits(c) for c in sorted(row.criteria_met))
        return v.SAR_MEASURE_CRITERIA.format(count=f.digits(len(row.criteria_met)), which=which)
    if ind.method == "target_percent" and row.result_value is not None and row.target_value is not None:
        unit = f" {row.unit or ind.unit}".rstrip()
        result, target = f"{f.number(row.result_value)}{unit}", f"{f.number(row.target_value)}{unit}"
        if o.score is not None and o.score.value is not None:
            return v.SAR_MEASURE_PERCENT.format(result=result, target=target, percent=f.number(o.score.value))
        return v.SAR_MEASURE_PERCENT_ZERO.format(result=result, target=target)
    if ind.method == "self_rated" and row.self_level is not None:
        return v.SAR_MEASURE_SELF.format(level=f.level(row.self_level, office.levels.names), why=row.justification)
    return ""


def _sar_row(office: Office, ind: Indicator, group: Group, o: RowOutcome | None) -> SarRow:
    if o is None or not (o.row.reported or o.row.errors):
        return SarRow(group=group.name, owner=o.row.owner if o else "", target=o.row.target if o else "",
                      result=v.SAR_ROW_NOT_REPORTED, measure="", level=None, level_text="-", evidence="",
                      state="not_reported")
    row = o.row
    if row.errors:
        return SarRow(group=group.name, owner=row.owner, target=row.target, result=row.result or v.SAR_ROW_INVALID,
                      measure=v.SAR_ROW_INVALID, level=None, level_text="-", evidence=row.evidence,
                      evidence_url=evidence_url(row.evidence), state="invalid")
    level = o.score.level if o.score else None
    return SarRow(group=group.name, owner=row.owner, target=row.target, result=row.result,
                  measure=_measure(o, ind, office), level=level, level_text=f.level_word(level, office.levels.names),
                  evidence=row.evidence, evidence_url=evidence_url(row.evidence), state="reported")


def sar_standards(office: Office, ev: Evaluation) -> list[SarStandard]:
    rows = _owner_rows(ev)
    results = {s.code: s for s in ev.office.standards}
    out = []
    for standard in office.standards:
        result = results[standard.code]
        scored = {i.code: i for i in result.indicators}
        indicators = []
        for ind in standard.indicators:
            owners = [g for g in (office.group(code) for code in ind.owners) if g is not None]
            score = scored[ind.code].score
            indicators.append(SarIndicator(
                code=ind.code, title=ind.title, method=v.SAR_METHOD[ind.method], weight=ind.weight,
                criteria=list(ind.criteria), score=score,
                label=band_label(score, office.levels.bands, v.SAR_NO_SCORE),
                rows=[_sar_row(office, ind, g, rows.get((ind.code, g.code))) for g in owners],
            ))
        out.append(SarStandard(code=standard.code, title=standard.title, weight=standard.weight, score=result.score,
                               label=result.label if result.score is not None else v.SAR_NO_SCORE,
                               reported=result.reported, total=result.total, indicators=indicators))
    return out


def sar_charts(office: Office, ev: Evaluation) -> list[Chart]:
    bands = office.levels.bands
    levels = bar_chart(
        v.SAR_CHART_LEVELS,
        [(f"{v.STANDARD} {f.digits(s.code)}", s.score,
          f"{f.score(s.score)} {s.label}" if s.score is not None else v.SAR_NO_SCORE, level_color(s.score, bands))
         for s in ev.office.standards]
        + [(v.SAR_OVERALL_ROW, ev.office.score,
            f"{f.score(ev.office.score)} {ev.office.label}" if ev.office.score is not None else v.SAR_NO_SCORE,
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
    entries = [EvidenceEntry(what=f"{indicator_label(ind.code)} {ind.title}", group=row.group, evidence=row.evidence,
                             url=row.evidence_url)
               for s in standards for ind in s.indicators for row in ind.rows
               if row.state == "reported" and row.evidence]
    entries += [EvidenceEntry(what=v.SAR_EVIDENCE_OUTPUT.format(title=o.title), group=o.group, evidence=o.evidence,
                              url=o.evidence_url) for o in outputs if o.evidence]
    return entries


def assess(office: Office, standards: list[SarStandard], ev: Evaluation) -> Assessment:
    """Summary, strengths, areas to improve and guidelines, by the rules in the module docstring."""
    bands = office.levels.bands
    strong_min = bands[1].min if len(bands) > 1 else bands[0].min
    strong_label = bands[1].name if len(bands) > 1 else bands[0].name
    info = office.office
    fy = f.fiscal_year(info.fiscal_year)
    o = ev.office
    if o.score is None:
        summary = [v.SAR_SUMMARY_NONE.format(office=info.name, fy=fy)]
    else:
        summary = [v.SAR_SUMMARY_TEXT.format(office=info.name, fy=fy, label=o.label, score=f.score(o.score),
                                             reported=f.digits(o.reported), total=f.digits(o.total))]
    summary += [v.SAR_SUMMARY_STANDARD.format(standard=f"{v.STANDARD} {f.digits(s.code)}", title=s.title, label=s.label,
                                              score=f.score(s.score), reported=f.digits(s.reported), total=f.digits(s.total))
                for s in standards]

    strengths: list[str] = []
    improvements: list[str] = []
    guidelines: list[str] = []
    rows = _owner_rows(ev)
    for s in standards:
        for ind in s.indicators:
            config = office.indicator(ind.code)
            assert config is not None
            label = indicator_label(ind.code)
            reported = [r for r in ind.rows if r.state == "reported"]
            if ind.score is not None and ind.score >= strong_min:
                said = "; ".join(v.SAR_GROUP_SAID.format(group=r.group, text=r.result) for r in reported if r.result)
                strengths.append(v.SAR_STRENGTH.format(indicator=label, title=ind.title, label=ind.label,
                                                       score=f.score(ind.score), groups=said).strip())
            elif ind.score is not None:
                low = [r for r in reported if r.level is not None and r.level < strong_min]
                said = "; ".join(v.SAR_IMPROVE_LOW_GROUP.format(group=r.group, level=f.digits(r.level), text=r.result)
                                 for r in low)
                improvements.append((v.SAR_IMPROVE_LOW.format(indicator=label, title=ind.title, label=ind.label,
                                                              score=f.score(ind.score)) + " " + said).strip())
                guidelines.append(_guideline(office, config, label, low, rows, strong_label))
            missing = [r.group for r in ind.rows if r.state == "not_reported"]
            if missing:
                improvements.append(v.SAR_IMPROVE_UNREPORTED.format(indicator=label, title=ind.title, groups=_join(missing)))
                guidelines.append(v.SAR_GUIDE_REPORT.format(indicator=label, groups=_join(missing)))
            invalid = [r.group for r in ind.rows if r.state == "invalid"]
            if invalid:
                improvements.append(v.SAR_IMPROVE_INVALID.format(indicator=label, title=ind.title, groups=_join(invalid)))
                count = sum(len(o.row.errors) for (code, _), o in rows.items() if code == ind.code and o.row.errors)
                guidelines.append(v.SAR_GUIDE_FIX.format(indicator=label, groups=_join(invalid), count=f.digits(count)))
    if o.reported < o.total:
        guidelines.append(v.SAR_GUIDE_COVERAGE.format(reported=f.digits(o.reported), total=f.digits(o.total)))
    return Assessment(summary=summary, strengths=strengths, improvements=improvements, guidelines=guidelines)


def _guideline(office: Office, ind: Indicator, label: str, low: list[SarRow], rows: dict[tuple[str, str], RowOutcome],
               strong_label: str) -> str:
    groups = _join([r.group for r in low])
    if ind.method == "criteria":
        codes = [g.code for g in office.groups if g.name in {r.group for r in low}]
        unmet: set[int] = set()
        for code in codes:
            o = rows.get((ind.code, code))
            if o and o.row.criteria_met is not None:
                unmet |= set(range(1, len(ind.criteria) + 1)) - set(o.row.criteria_met)
        criteria = _join([v.SAR_CRITERION.format(no=f.digits(n), text=ind.criteria[n - 1]) for n in sorted(unmet)])
        if criteria:
            return v.SAR_GUIDE_CRITERIA.format(indicator=label, groups=groups, criteria=criteria)
    if ind.method == "target_percent":
        targets = _join([r.target for r in low if r.target]) or ind.unit
        return v.SAR_GUIDE_PERCENT.format(indicator=label, groups=groups, target=targets)
    return v.SAR_GUIDE_SELF.format(indicator=label, groups=groups, label=strong_label)


def build_sar(office: Office, ev: Evaluation, previous: Evaluation | None = None) -> SarData:
    """`previous`: last fiscal year's final evaluation, when history has one."""
    info = office.office
    standards = sar_standards(office, ev)
    outputs = sar_outputs(office, ev)
    groups = [SarGroup(no=n, name=g.name, head=g.head.name, indicators=[i.code for i in office.group_indicators(g.code)])
              for n, g in enumerate(office.groups, start=1)]
    return SarData(
        office=info.name, short_name=info.short_name, address=info.address, phone=info.phone,
        fiscal_year=info.fiscal_year, as_of=ev.today, edition=office.edition,
        director=Signer(name=info.director.name, position=info.director.position),
        coordinator=Signer(name=info.coordinator.name, position=info.coordinator.position),
        score=ev.office.score, label=ev.office.label if ev.office.score is not None else v.SAR_NO_SCORE,
        reported=ev.office.reported, total=ev.office.total, groups=groups, standards=standards,
        charts=sar_charts(office, ev), outputs=outputs, assessment=assess(office, standards, ev),
        evidence=evidence_index(standards, outputs), order=build_order(office),
        comparison=compare_years(office, ev, previous, info.fiscal_year - 1),
    )
