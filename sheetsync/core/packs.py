"""What the rest of the cycle's documents say (issue 8): the director's brief, the OBEC package's tables, the
committee meeting pack (agenda and minutes frame) and the briefing pack (invitation and assignment sheets).
Pure, like documents.py."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from sheetsync.core import docvocab as v
from sheetsync.core import thaifmt as f
from sheetsync.core import vocab
from sheetsync.core.changes import CellChange
from sheetsync.core.contents import (
    GREY,
    MemoData,
    Signer,
    _code_key,
    group_names,
    indicator_label,
    level_color,
    progress_color,
)
from sheetsync.core.evaluate import Evaluation, LateItem
from sheetsync.core.models import Group, Indicator, Milestone, Office
from sheetsync.core.rows import indicator_columns, required_keys
from sheetsync.core.scoring import DEFAULT_PERCENT_THRESHOLDS, band_label

# --- the director's brief ---------------------------------------------------------------------------

class BriefGroup(BaseModel):
    name: str
    percent: float
    progress: str  # "๕๐% (๑/๒)"
    color: str
    level: str  # "๓.๕๐ ดีมาก" or "-"
    level_color: str


class BriefItem(BaseModel):
    state: str  # the Thai word
    text: str


class BriefData(BaseModel):
    title: str
    office: str
    as_of: str
    level: str
    trend: str
    groups: list[BriefGroup]
    urgent: list[BriefItem]
    next_deadline: str
    signer: str


URGENCY = {"overdue": 0, "invalid": 1, "due_soon": 2}


def _urgency(item: LateItem, today: date) -> int | None:
    if item.state == "missing_row" and item.due is not None:  # a row never added: behind its milestone
        return 0 if today > item.due else 2 if (item.due - today).days <= 14 else None
    return URGENCY.get(item.state)


def urgent_items(ev: Evaluation, limit: int = 3) -> list[LateItem]:
    """Overdue first, then rows with errors, then due soon; the earliest due first within each."""
    ranked = [(_urgency(i, ev.today), i) for i in ev.late]
    ranked = [(r, i) for r, i in ranked if r is not None]
    ranked.sort(key=lambda x: (x[0], x[1].due or date.max, x[1].group, x[1].code))
    return [i for _, i in ranked[:limit]]


def trend_text(ev: Evaluation, previous: Evaluation | None) -> str:
    if previous is None or ev.office.score is None or previous.office.score is None:
        return v.BRIEF_NO_TREND
    delta = round(ev.office.score - previous.office.score, 2)
    word = v.BRIEF_UP if delta > 0 else v.BRIEF_DOWN if delta < 0 else v.BRIEF_SAME
    if delta:
        word = f"{word} {f.score(abs(delta))}"
    return v.BRIEF_TREND_TEXT.format(word=word, date=f.be_date(previous.today),
                                      score=f"{f.score(previous.office.score)} {previous.office.label}")


def group_level(office: Office, ev: Evaluation, tab: str) -> float | None:
    levels = [o.score.level for o in ev.outcomes.get(tab, []) if o.score is not None and not o.row.errors]
    return sum(levels) / len(levels) if levels else None


def build_brief(office: Office, ev: Evaluation, previous: Evaluation | None = None) -> BriefData:
    info = office.office
    bands = office.levels.bands
    tabs = {g.code: g.tab for g in office.groups}
    names = group_names(office)
    groups = []
    for g in ev.groups:
        pct = 100 * g.reported / g.rows if g.rows else 0.0
        level = group_level(office, ev, tabs.get(g.group, ""))
        groups.append(BriefGroup(
            name=names.get(g.group, g.group), percent=pct,
            progress=f"{f.number(pct, 0)}% ({f.digits(g.reported)}/{f.digits(g.rows)})", color=progress_color(pct),
            level=f"{f.score(level)} {band_label(level, bands)}" if level is not None else "-",
            level_color=level_color(level, bands) if level is not None else GREY))
    urgent = []
    for item in urgent_items(ev):
        state = "overdue" if _urgency(item, ev.today) == 0 else "due_soon" if item.state == "missing_row" else item.state
        text = v.BRIEF_URGENT_TEXT.format(group=names.get(item.group, item.group), indicator=indicator_label(item.code),
                                          title=item.title, problem=item.problem)
        if item.due:
            text += v.BRIEF_URGENT_DUE.format(date=f.be_date(item.due, "short"))
        urgent.append(BriefItem(state=v.BRIEF_STATE[state], text=text))
    nxt = ev.next_deadline
    next_text = (v.BRIEF_NEXT_TEXT.format(name=nxt.name, date=f.be_date(nxt.due), days=f.digits(nxt.days_left))
                 if nxt else v.BRIEF_NO_NEXT)
    o = ev.office
    level_text = (v.BRIEF_LEVEL_TEXT.format(score=f.score(o.score), label=o.label, reported=f.digits(o.reported),
                                            total=f.digits(o.total)) if o.score is not None else v.SAR_NO_SCORE)
    return BriefData(title=v.BRIEF_TITLE.format(fy=f.fiscal_year(info.fiscal_year)), office=info.name,
                     as_of=v.BRIEF_AS_OF.format(date=f.be_date(ev.today)), level=level_text,
                     trend=trend_text(ev, previous), groups=groups, urgent=urgent, next_deadline=next_text,
                     signer=f"{info.coordinator.name} {info.coordinator.position}".strip())


# --- the OBEC package ------------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet program will not run (OWASP CSV injection): a leading = + - @ tab or CR
    gets an apostrophe in front."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def score_rows(office: Office, ev: Evaluation) -> list[list[str]]:
    """Per indicator, per standard, then the office: kind, code, title, owners, score, level."""
    names = group_names(office)
    bands = office.levels.bands
    results = {s.code: s for s in ev.office.standards}
    rows = []
    for standard in office.standards:
        result = results[standard.code]
        scored = {i.code: i for i in result.indicators}
        for ind in standard.indicators:
            score = scored[ind.code].score
            rows.append([v.PKG_KIND_INDICATOR, ind.code, ind.title, ", ".join(names.get(o, o) for o in ind.owners),
                         "" if score is None else f"{score:.2f}", band_label(score, bands, v.SAR_NO_SCORE)])
        rows.append([v.PKG_KIND_STANDARD, standard.code, standard.title, "",
                     "" if result.score is None else f"{result.score:.2f}",
                     result.label if result.score is not None else v.SAR_NO_SCORE])
    o = ev.office
    rows.append([v.PKG_KIND_OFFICE, "", office.office.name, "", "" if o.score is None else f"{o.score:.2f}",
                 o.label if o.score is not None else v.SAR_NO_SCORE])
    return rows


def current_round(office: Office, today: date) -> str | None:
    """The results round being reported: the latest results milestone already open."""
    opened = [m for m in office.milestones if m.requires == "results" and m.opens <= today]
    return max(opened, key=lambda m: m.due).code if opened else None


# --- the committee meeting pack (monitoring 1: ประชุมคณะทำงาน ติดตามงานเป็นระยะ) ------------------

class MeetingTable(BaseModel):
    head: tuple[str, ...]
    rows: list[list[str]]


class MeetingSection(BaseModel):
    heading: str = ""
    lines: list[str] = []
    table: MeetingTable | None = None


class MeetingItem(BaseModel):
    no: str  # ระเบียบวาระที่ ๑
    title: str
    sections: list[MeetingSection]


class Attendee(BaseModel):
    no: str
    name: str
    position: str
    role: str


class MeetingData(BaseModel):
    agenda_title: str
    minutes_title: str
    office: str
    header: list[str]  # ครั้งที่ / วันที่ เวลา / ณ, dotted
    items: list[MeetingItem]
    attendees: list[Attendee]
    recorder: str  # "(name)" or dotted
    recorder_position: str
    checker: str
    checker_position: str


def newly_valid(ev: Evaluation, previous: Evaluation | None, tab: str) -> list[str]:
    """Indicator codes a tab reports validly now and did not at the previous run."""
    def valid(e: Evaluation | None) -> set[str]:
        if e is None:
            return set()
        return {o.row.indicator for o in e.outcomes.get(tab, []) if o.row.indicator and o.row.valid and o.row.reported}

    return sorted(valid(ev) - valid(previous), key=_code_key)


def meeting_changes(office: Office, ev: Evaluation, previous: Evaluation | None,
                    changes: list[CellChange] | None) -> MeetingSection:
    if previous is None or changes is None:
        return MeetingSection(lines=[v.MTG_CHANGES_NONE_BEFORE])
    rows = []
    for g in office.groups:
        cells = sum(1 for c in changes if c.tab == g.tab and c.row_key != "#header")
        codes = newly_valid(ev, previous, g.tab)
        rows.append([g.name, v.MTG_CELLS.format(count=f.digits(cells)),
                     v.MTG_NEW_VALID.format(count=f.digits(len(codes)), codes=", ".join(f.digits(c) for c in codes))
                     if codes else v.MTG_NEW_NONE])
    return MeetingSection(heading=v.MTG_CHANGES_HEAD.format(before=f.be_date(previous.today), after=f.be_date(ev.today)),
                          table=MeetingTable(head=v.MTG_CHANGES_TABLE, rows=rows))


def meeting_status(office: Office, ev: Evaluation) -> list[MeetingSection]:
    brief = build_brief(office, ev)
    groups = MeetingTable(head=v.MTG_GROUP_TABLE, rows=[[g.name, g.progress, g.level] for g in brief.groups])
    standards = MeetingTable(head=v.MTG_STANDARD_TABLE, rows=[
        [f"{v.STANDARD} {f.digits(s.code)} {s.title}",
         f"{f.score(s.score)} {s.label}" if s.score is not None else v.SAR_NO_SCORE,
         f"{f.digits(s.reported)}/{f.digits(s.total)}"] for s in ev.office.standards])
    names = group_names(office)
    order = {g.code: n for n, g in enumerate(office.groups)}
    late = sorted(ev.late, key=lambda i: (order.get(i.group, 99), i.code, i.problem))
    items = []
    for n, item in enumerate(late, start=1):
        text = v.MTG_OPEN_ITEM.format(group=names.get(item.group, item.group), indicator=indicator_label(item.code),
                                      title=item.title, problem=item.problem)
        if item.due:
            text += v.BRIEF_URGENT_DUE.format(date=f.be_date(item.due, "short"))
        items.append(f"{f.digits(n)}. {text}")
    return [
        MeetingSection(heading=v.MTG_STATUS_HEAD.format(date=f.be_date(ev.today)),
                       lines=[v.MTG_OFFICE_LINE.format(level=brief.level)], table=groups),
        MeetingSection(table=standards),
        MeetingSection(heading=v.MTG_OPEN_HEAD.format(count=f.digits(len(items))), lines=items or [v.MTG_OPEN_NONE]),
    ]


def build_meeting(office: Office, ev: Evaluation, previous: Evaluation | None = None,
                  changes: list[CellChange] | None = None) -> MeetingData:
    """The agenda's five items and the minutes' frame; `changes`: diff_runs between `previous` and `ev`."""
    info = office.office
    committee = office.committee
    title = committee.title if committee else vocab.COMMITTEE_TITLE
    sections = [
        [MeetingSection(lines=[v.MTG_CHAIR_NOTE, v.MTG_OTHER])],
        [MeetingSection(lines=[v.MTG_CONFIRM])],
        [meeting_changes(office, ev, previous, changes)],
        meeting_status(office, ev),
        [MeetingSection(lines=[v.MTG_OTHER])],
    ]
    items = [MeetingItem(no=v.MTG_ITEM.format(no=f.digits(n)), title=t, sections=s)
             for n, (t, s) in enumerate(zip(v.MTG_ITEMS, sections, strict=True), start=1)]
    members = committee.members if committee else []
    attendees = [Attendee(no=f.digits(n), name=m.name, position=m.position, role=m.role)
                 for n, m in enumerate(members, start=1)]

    def by_role(role: str) -> tuple[str, str]:
        m = next((m for m in members if m.role == role), None)
        return (f"({m.name})", m.position) if m else (v.MTG_BLANK_NAME, "")

    recorder, recorder_position = by_role(vocab.ROLE_ASSISTANT_SECRETARY)
    checker, checker_position = by_role(vocab.ROLE_SECRETARY)
    return MeetingData(
        agenda_title=v.MTG_AGENDA_TITLE.format(committee=title), minutes_title=v.MTG_MINUTES_TITLE.format(committee=title),
        office=info.name, header=[v.MTG_NO.format(year=f.digits(info.fiscal_year)), v.MTG_WHEN, v.MTG_WHERE],
        items=items, attendees=attendees, recorder=recorder, recorder_position=recorder_position,
        checker=checker, checker_position=checker_position)


# --- the briefing pack (step 3: ประชุมชี้แจงแนวทางการดำเนินงาน) ------------------------------------

def build_invitation(office: Office, issued_on: date, when: date | None = None, at: str | None = None,
                     place: str | None = None) -> MemoData:
    """The invitation memo (บันทึกข้อความ เชิญประชุม), laid out as the follow-up memo; `at` is "HH:MM".
    Without a date, time or place its place is a dotted blank."""
    info = office.office
    committee = office.committee
    fy = f.fiscal_year(info.fiscal_year)
    order = ""
    if committee and committee.order_number:
        order = v.MEMO_ORDER_REF.format(office=info.short_name, number=f.digits(committee.order_number))
        if committee.order_date:
            order += v.MEMO_ORDER_DATED.format(date=f.be_date(committee.order_date))
    title = committee.title if committee else vocab.COMMITTEE_TITLE
    time_text = v.BRF_TIME.format(time=f.digits(at.replace(":", "."))) if at else v.BRF_BLANK_TIME
    invite = v.BRF_INVITE.format(date=f.be_date(when) if when else v.BRF_BLANK_DATE, time=time_text,
                                 place=place or v.BRF_BLANK_PLACE)
    unit = " ".join(p for p in (info.short_name, office.documents.memo_unit, info.phone and f"{v.PHONE} {info.phone}") if p)
    return MemoData(key="briefing", issued_on=issued_on, unit=unit, subject=v.BRF_SUBJECT.format(fy=fy), to=v.BRF_TO,
                    paragraphs=[v.BRF_INTRO.format(office=info.name, committee=title, order=order, fy=fy), invite],
                    groups=[], closing=[v.BRF_CLOSE],
                    signer=Signer(name=info.director.name, position=info.director.position))


class AssignmentIndicator(BaseModel):
    label: str  # ตัวบ่งชี้ที่ ๑.๑ การบริหารจัดการที่ดี
    method: str
    criteria: list[str]  # "๑. ..."
    rule: str


class AssignmentSheet(BaseModel):
    title: str
    group: str
    head: str
    indicators: list[AssignmentIndicator]
    columns: list[str]
    milestones: list[str]
    where: str


def scoring_rule(ind: Indicator) -> str:
    """The scoring rule of an indicator in Thai, as scoring.py applies it."""
    def steps(template: str, thresholds: dict[int, float]) -> str:
        return ", ".join(template.format(min=f.number(m), level=f.digits(lv))
                         for lv, m in sorted(thresholds.items(), reverse=True))

    if ind.method == "criteria":
        if not ind.thresholds:
            return v.BRF_RULE_CRITERIA_COUNT
        return f"{steps(v.BRF_RULE_CRITERIA_STEP, ind.thresholds)}, {v.BRF_RULE_LOWEST}"
    if ind.method == "target_percent":
        template = v.BRF_RULE_PERCENT_LOWER if ind.direction == "lower" else v.BRF_RULE_PERCENT
        return template.format(steps=steps(v.BRF_RULE_PERCENT_STEP, ind.thresholds or DEFAULT_PERCENT_THRESHOLDS))
    return v.BRF_RULE_SELF


def group_milestones(office: Office, group: Group) -> list[Milestone]:
    codes = {group.code, *(i.code for i in office.group_indicators(group.code))}
    return [m for m in office.milestones if not m.covers or codes & set(m.covers)]


def build_assignments(office: Office, links: dict[str, str]) -> list[AssignmentSheet]:
    """One sheet per group; `links`: group code -> its workbook path or spreadsheet URL."""
    fy = f.fiscal_year(office.office.fiscal_year)
    columns = indicator_columns(office)
    sheets = []
    for g in office.groups:
        indicators = office.group_indicators(g.code)
        required = set(required_keys(indicators)) if indicators else set()
        filled = [c.label + (v.BRF_REQUIRED if c.key in required else "") for c in columns if c.filled_by == "group"]
        where = (v.BRF_TAB_GSHEETS.format(tab=g.tab, url=links.get(g.code, "")) if office.backend.kind == "gsheets"
                 else v.BRF_TAB_XLSX.format(tab=g.tab, path=links.get(g.code, "")))
        sheets.append(AssignmentSheet(
            title=v.BRF_SHEET_TITLE.format(fy=fy), group=v.BRF_GROUP.format(name=g.name),
            head=v.BRF_HEAD.format(name=g.head.name, position=g.head.position).strip(),
            indicators=[AssignmentIndicator(label=f"{indicator_label(i.code)} {i.title}", method=v.SAR_METHOD[i.method],
                                            criteria=[f"{f.digits(n)}. {c}" for n, c in enumerate(i.criteria, start=1)],
                                            rule=v.BRF_RULE.format(rule=scoring_rule(i))) for i in indicators],
            columns=filled,
            milestones=[v.BRF_MILESTONE.format(name=m.name, opens=f.be_date(m.opens), due=f.be_date(m.due))
                        for m in group_milestones(office, g)],
            where=where))
    return sheets
