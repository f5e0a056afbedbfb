"""What the rest of the cycle's documents say (issue 8): the director's brief, the OBEC package's tables, the
committee meeting pack (agenda and minutes frame) and the briefing pack (invitation and assignment sheets).
Pure, like documents.py."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from datetime import date

from pydantic import Field

from sheetsync.core import docvocab as v
from sheetsync.core import thaifmt as f
from sheetsync.core import vocab
from sheetsync.core.changes import CellChange
from sheetsync.core.contents import (
    GREY,
    Content,
    MemoData,
    Signer,
    _code_key,
    evidence_url,
    group_names,
    indicator_label,
    level_color,
    progress_color,
    sar_standards,
)
from sheetsync.core.deadlines import covers, office_today
from sheetsync.core.evaluate import Evaluation, LateItem, RoundView, mean_level, round_name, short_round
from sheetsync.core.models import Group, Indicator, Milestone, Office
from sheetsync.core.roundclose import FrozenRound
from sheetsync.core.rows import indicator_columns, required_keys
from sheetsync.core.scoring import DEFAULT_PERCENT_THRESHOLDS, band_label
from sheetsync.core.thai import round2
from sheetsync.core.workdays import Dates

# --- the director's brief ---------------------------------------------------------------------------

class BriefGroup(Content):
    name: str
    percent: float
    progress: str  # "๕๐% (๑/๒)"
    color: str
    level: str  # "๓.๕๐ ดีมาก" or "-"
    level_color: str


class BriefItem(Content):
    state: str  # the Thai word
    text: str


class BriefData(Content):
    title: str
    office: str
    as_of: str
    level: str
    trend: str
    round: str = ""  # the round progress speaks of, its coverage and its dates
    signoff: str = ""  # with `signoff: required`: the rows awaiting their head's sign-off, by group
    groups_head: str = v.BRIEF_GROUPS
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
    return mean_level(ev.outcomes.get(tab, []))


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
        if item.new_due:
            text += v.BRIEF_URGENT_NEW_DUE.format(date=f.be_date(item.new_due, "short"))
        urgent.append(BriefItem(state=v.BRIEF_STATE[state], text=text))
    nxt = ev.next_deadline
    next_text = v.BRIEF_NO_NEXT
    if nxt:
        next_text = v.BRIEF_NEXT_TEXT.format(name=nxt.name, date=f.be_date(nxt.due), days=f.digits(nxt.days_left))
        if nxt.extended_from is not None:
            next_text += " " + vocab.DEADLINE_EXTENDED.format(due=f.be_date(nxt.extended_from, "short"))
        elif nxt.moved_from is not None:
            next_text += " " + v.DATE_MOVED.format(day=f.be_date(nxt.moved_from), reason=nxt.moved_reason)
    o = ev.office
    level_text = (v.BRIEF_LEVEL_TEXT.format(score=f.score(o.score), label=o.label, reported=f.digits(o.reported),
                                            total=f.digits(o.total)) if o.score is not None else v.SAR_NO_SCORE)
    focus = ev.round
    return BriefData(title=v.BRIEF_TITLE.format(fy=f.fiscal_year(info.fiscal_year)), office=info.name,
                     as_of=v.BRIEF_AS_OF.format(date=f.be_date(ev.today)), level=level_text,
                     trend=trend_text(ev, previous), round=round_text(ev), signoff=signoff_text(office, ev),
                     groups_head=v.BRIEF_GROUPS_ROUND.format(round=round_label(focus)) if focus else v.BRIEF_GROUPS,
                     groups=groups, urgent=urgent, next_deadline=next_text,
                     signer=f"{info.coordinator.name} {info.coordinator.position}".strip())


def awaiting_signoff(office: Office, ev: Evaluation) -> list[tuple[str, int]]:
    """Each group with rows awaiting its head's sign-off (or a sign-off made void), and how many."""
    out = []
    for g in office.groups:
        n = sum(1 for o in ev.outcomes.get(g.tab, []) if o.row.awaiting_signoff)
        if n:
            out.append((g.name, n))
    return out


def signoff_text(office: Office, ev: Evaluation) -> str:
    """"๓ แถว: กลุ่มนโยบายและแผน ๒, กลุ่มบริหารงานบุคคล ๑"; none awaiting: said so; no sign-off: ""."""
    if not office.signoff_required():
        return ""
    waiting = awaiting_signoff(office, ev)
    if not waiting:
        return v.BRIEF_SIGNOFF_NONE
    return v.BRIEF_SIGNOFF_TEXT.format(rows=f.digits(sum(n for _, n in waiting)),
                                       groups=", ".join(f"{name} {f.digits(n)}" for name, n in waiting))


def round_label(view: RoundView | None) -> str:
    """The round as the documents name it ("รอบ ๖ เดือน"), from the round's milestone name."""
    return short_round(view.name) if view is not None else ""


def round_text(ev: Evaluation) -> str:
    """The round in focus with its coverage and where it stands: open (its due date), closed, not open."""
    r = ev.round
    if r is None or r.reported is None:
        return ""
    pct = 100 * r.reported / r.total if r.total else 0.0
    if r.closed_on is not None:
        state = v.BRIEF_ROUND_CLOSED.format(day=f.be_date(r.closed_on))
    elif r.opens > ev.today:
        state = v.BRIEF_ROUND_NOT_OPEN.format(opens=f.be_date(r.opens))
    else:
        state = v.BRIEF_ROUND_OPEN.format(due=f.be_date(r.due))
        if r.moved_from is not None:
            state += " " + v.DATE_MOVED.format(day=f.be_date(r.moved_from), reason=r.moved_reason)
    return v.BRIEF_ROUND_TEXT.format(round=round_label(r), reported=f.digits(r.reported), total=f.digits(r.total),
                                     percent=f.number(pct, 0), state=state)


# --- the OBEC package ------------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet program will not run (OWASP CSV injection): a leading = + - @ tab or CR
    gets an apostrophe in front."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class Score(float):
    """A score in the package's tables: a number (the XLSX writes it as one, shown with two decimals)
    whose text keeps the two decimals the reports print ("4.30", not "4.3"), as the CSV writes it."""

    def __str__(self) -> str:
        return f"{self:.2f}"


def _score(value: float | None) -> Score | str:
    """The score rounded as the reports round it (thai.round2), or "" when there is none."""
    return "" if value is None else Score(round2(value))


def score_rows(office: Office, ev: Evaluation) -> list[list[str | Score]]:
    """Per indicator, per standard, then the office: kind, code, title, owners, score, level. Scores are
    numbers (Score); codes stay text ("1.10" is not 1.1)."""
    names = group_names(office)
    bands = office.levels.bands
    results = {s.code: s for s in ev.office.standards}
    rows: list[list[str | Score]] = []
    for standard in office.standards:
        result = results[standard.code]
        scored = {i.code: i for i in result.indicators}
        for ind in standard.indicators:
            score = scored[ind.code].score
            rows.append([v.PKG_KIND_INDICATOR, ind.code, ind.title, ", ".join(names.get(o, o) for o in ind.owners),
                         _score(score), band_label(score, bands, v.SAR_NO_SCORE)])
        rows.append([v.PKG_KIND_STANDARD, standard.code, standard.title, "", _score(result.score),
                     result.label if result.score is not None else v.SAR_NO_SCORE])
    o = ev.office
    rows.append([v.PKG_KIND_OFFICE, "", office.office.name, "", _score(o.score),
                 o.label if o.score is not None else v.SAR_NO_SCORE])
    return rows


# The e-MES files by round (issue 14): each closed round's files come from its frozen results
# (core.roundclose.FrozenRound), never from the live rows, so round 6's stay what was reported for
# round 6 after the groups type their 12-month values over them.

class EmesRow(Content):
    group: str
    target: str
    result: str
    measure: str
    level: str  # ๔ (ดีมาก), or "-"
    evidence: str
    reporter: str  # the row's ผู้รับผิดชอบ
    explanation: str = ""  # คำชี้แจง of a result below the level that needs one
    signed: list[str] = Field(default_factory=list)  # รับรองข้อมูลโดย / the name / เมื่อ ...: with `signoff: required`
    reported_on: str  # B.E. date in Thai digits; "" when the row did not report for the round


class EmesSigner(Content):
    """A signature under an e-MES page: ลงชื่อ ...... {role} / (name) / position."""

    role: str  # ผู้รายงาน, ผู้รับรองข้อมูล
    name: str
    position: str


class EmesPage(Content):
    """One indicator's e-MES report for one round."""

    code: str
    title: str
    method: str
    score: float | None
    label: str
    rows: list[EmesRow]
    made: str = ""  # จัดทำเมื่อวันที่ ..., the day the page was made
    signers: list[EmesSigner] = Field(default_factory=list)


class RoundPackage(Content):
    """A round of the fiscal year as the package holds it; closed_on None while the round is open."""

    code: str
    name: str
    short_name: str
    due: date
    closes_after: date  # a sync after this day closes it on its own (unless it was reopened)
    reopened: bool = False  # closed once, then reopened and not closed again
    closed_on: date | None = None
    closed_by: str | None = None
    reported: int | None = None
    total: int | None = None
    pages: list[EmesPage] = Field(default_factory=list)  # one per indicator with a row reported for the round
    missing: list[str] = Field(default_factory=list)  # indicator codes the round covers without a result in it


def round_indicators(office: Office, milestone: Milestone) -> list[str]:
    """The indicator codes a round asks a result of: those with an owner (or, unowned, the code) it covers."""
    return [i.code for i in office.indicators() if any(covers(milestone, i.code, g) for g in (i.owners or [""]))]


def emes_signers(group: Group, owner: str) -> list[EmesSigner]:
    """Who signs for a group that reported: the row's ผู้รับผิดชอบ as reporter (under the group's name,
    the row says no position) and the group's head as certifier; the head alone when the row names
    nobody else."""
    head = EmesSigner(role=v.EMES_REPORTER, name=group.head.name, position=group.head.position)
    if not owner.strip() or " ".join(owner.split()) == " ".join(group.head.name.split()):
        return [head]
    return [EmesSigner(role=v.EMES_REPORTER, name=owner.strip(), position=group.name),
            head.model_copy(update={"role": v.EMES_CERTIFIER})]


def emes_pages(office: Office, frozen: FrozenRound, made_on: date | None = None) -> list[EmesPage]:
    """The round's e-MES pages: one per indicator with at least one row reported for it, each row of
    its owners as the round froze it (the ones that did not report say so), dated `made_on` (default:
    today in the office's timezone: the day the package is made, not the day the round closed) and
    signed by whoever reported (emes_signers)."""
    made = v.EMES_MADE.format(date=f.be_date(made_on or office_today(office.office.timezone)))
    ev = frozen.evaluation
    outcomes = {(o.row.indicator, o.row.group): o for tab in ev.outcomes.values() for o in tab if o.row.indicator}
    reported = frozen.reported_codes()
    names = office.levels.names
    pages = []
    for standard in sar_standards(office, ev):
        for ind in standard.indicators:
            if ind.code not in reported:
                continue
            config = office.indicator(ind.code)
            assert config is not None
            # sar_standards makes one row per owner group the office knows, in this order
            owners = [g for g in (office.group(code) for code in config.owners) if g is not None]
            rows = []
            signers: list[EmesSigner] = []
            for group, row in zip(owners, ind.rows, strict=True):
                o = outcomes.get((ind.code, group.code))
                if row.state != "reported" or o is None:
                    rows.append(EmesRow(group=row.group, target=row.target, result=v.EMES_NOT_REPORTED, measure="",
                                        level="-", evidence="", reporter="", reported_on=""))
                    continue
                rows.append(EmesRow(group=row.group, target=row.target, result=row.result, measure=row.measure,
                                    level=f.level(row.level, names), evidence=row.evidence, reporter=o.row.owner,
                                    reported_on=f.be_date(o.row.reported_on, "short"), explanation=row.explanation,
                                    signed=row.signed))
                signers += [s for s in emes_signers(group, o.row.owner or "") if s not in signers]
            pages.append(EmesPage(code=ind.code, title=ind.title, method=ind.method, score=ind.score, label=ind.label,
                                  rows=rows, made=made, signers=signers))
    return pages


def package_rounds(office: Office, frozen_by_code: Mapping[str, FrozenRound | None],
                   reopened: Collection[str] = ()) -> list[RoundPackage]:
    """Every round of the fiscal year, in the order they are due: a closed one (its frozen round in
    `frozen_by_code`) with its pages and the indicators without a result; an open one empty
    (`reopened`: the codes of the rounds reopened and not closed again, RoundBook.reopened)."""
    dates = Dates(office)
    out = []
    for m in office.rounds():
        base = RoundPackage(code=m.code, name=m.name, short_name=round_name(m), due=dates.due(m).day,
                            closes_after=dates.closes_after(m), reopened=m.code in reopened)
        frozen = frozen_by_code.get(m.code)
        if frozen is None:
            out.append(base)
            continue
        reported = frozen.reported_codes()
        out.append(base.model_copy(update={
            "name": frozen.name, "short_name": frozen.short_name, "closed_on": frozen.closed_on, "closed_by": frozen.by,
            "reported": frozen.reported, "total": frozen.total, "pages": emes_pages(office, frozen),
            "missing": [c for c in round_indicators(office, m) if c not in reported]}))
    return out


def _floor_percent(part: int, whole: int) -> float:
    """Rounded down to two decimals: 199 of 200 is ๙๙.๕, and 1999 of 2000 never shows as ๑๐๐."""
    return math.floor(10000 * part / whole) / 100 if whole else 0.0


def package_gaps(office: Office, frozen_by_code: Mapping[str, FrozenRound | None],
                 reopened: Collection[str] = ()) -> list[str]:
    """What the package lacks, one Thai line each, round by round: not closed yet (no e-MES file), a
    coverage under 100 %, the indicators without a result (no file for them)."""
    lines = []
    for r in package_rounds(office, frozen_by_code, reopened):
        if r.closed_on is None:
            if r.reopened:
                lines.append(v.PKG_ROUND_REOPENED.format(round=r.short_name, due=f.be_date(r.due, "short")))
            else:
                lines.append(v.PKG_ROUND_NOT_CLOSED.format(round=r.short_name, due=f.be_date(r.due, "short"),
                                                           after=f.be_date(r.closes_after, "short")))
            continue
        reported, total = r.reported or 0, r.total or 0
        if reported < total:
            lines.append(v.PKG_ROUND_COVERAGE.format(round=r.short_name, reported=f.digits(reported),
                                                     total=f.digits(total),
                                                     percent=f.percent(_floor_percent(reported, total))))
        if r.missing:
            lines.append(v.PKG_ROUND_MISSING.format(round=r.short_name, codes=", ".join(f.digits(c) for c in r.missing)))
    return lines


# --- the committee meeting pack (monitoring 1: ประชุมคณะทำงาน ติดตามงานเป็นระยะ) ------------------

class MeetingTable(Content):
    head: tuple[str, ...]
    rows: list[list[str]]


class MeetingSection(Content):
    heading: str = ""
    lines: list[str] = Field(default_factory=list)
    table: MeetingTable | None = None


class MeetingItem(Content):
    no: str  # ระเบียบวาระที่ ๑
    title: str
    sections: list[MeetingSection]


class Attendee(Content):
    no: str
    name: str
    position: str
    role: str


class MeetingData(Content):
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
    focus = ev.round
    head = (v.MTG_STATUS_HEAD_ROUND.format(round=round_label(focus), date=f.be_date(ev.today)) if focus
            else v.MTG_STATUS_HEAD.format(date=f.be_date(ev.today)))
    lines = [v.MTG_OFFICE_LINE.format(level=brief.level)] + ([brief.round] if brief.round else [])
    return [
        MeetingSection(heading=head, lines=lines, table=groups),
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
    # the role as the committee's kind names it (a working group's กรรมการ is คณะทำงาน); found by the stored one
    attendees = [Attendee(no=f.digits(n), name=m.name, position=m.position,
                          role=committee.role_name(m.role) if committee else m.role)
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

def invitation_number(office: Office) -> str:
    """The invitation's ที่: the office's memo prefix (as contents.memo_number takes it) and a dotted blank,
    for the register's number written in by hand when the memo is sent."""
    prefix = office.documents.memo_prefix or (f"{office.office.doc_prefix}/" if office.office.doc_prefix else "")
    return f"{prefix}{v.BRF_NUMBER_BLANK}"


def build_invitation(office: Office, issued_on: date, when: date | None = None, at: str | None = None,
                     place: str | None = None) -> MemoData:
    """The invitation memo (บันทึกข้อความ เชิญประชุม), laid out as the follow-up memo; `at` is "HH:MM".
    `issued_on`: the day it is made. The meeting's day is named with its weekday (วันจันทร์ที่ ...);
    without a date, time or place its place is a dotted blank."""
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
    invite = v.BRF_INVITE.format(date=f.be_date(when, "weekday") if when else v.BRF_BLANK_DAY, time=time_text,
                                 place=place or v.BRF_BLANK_PLACE)
    unit = " ".join(p for p in (info.short_name, office.documents.memo_unit, info.phone and f"{v.PHONE} {info.phone}") if p)
    return MemoData(key="briefing", number=invitation_number(office), issued_on=issued_on, unit=unit,
                    subject=v.BRF_SUBJECT.format(fy=fy), to=v.BRF_TO,
                    paragraphs=[v.BRF_INTRO.format(office=info.name, committee=title, order=order, fy=fy), invite],
                    groups=[], closing=[v.BRF_CLOSE],
                    signer=Signer(name=info.director.name, position=info.director.position))


class AssignmentIndicator(Content):
    label: str  # ตัวบ่งชี้ที่ ๑.๑ การบริหารจัดการที่ดี
    method: str
    criteria: list[str]  # "๑. ..."
    rule: str


class AssignmentSheet(Content):
    title: str
    group: str
    head: str
    indicators: list[AssignmentIndicator]
    columns: list[str]
    milestones: list[str]
    where: str
    link: str = ""  # the address in `where` when a browser opens it (a URL), for the PDF's link


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


def due_text(dates: Dates, m: Milestone) -> str:
    """A milestone's due date as the office works: moved off a day off, and saying so."""
    due = dates.due(m)
    text = f.be_date(due.day)
    if due.moved_from is not None:
        text += " " + v.DATE_MOVED.format(day=f.be_date(due.moved_from), reason=due.reason)
    return text


def _contact(office: Office) -> str:
    """The coordinator as a group reaches them: name, phone, e-mail."""
    info = office.office
    return " ".join(p for p in (info.coordinator.name, info.phone and f"{v.PHONE} {info.phone}",
                                info.coordinator.email or "") if p)


def where_to_type(office: Office, group: Group, link: str | None) -> str:
    """Where the group types, as a group can open it: its tab in the spreadsheet at `link` (Google), or in
    the workbook at `link` (the office's share path); without one, the workbook's file name and whom to
    ask for it, never the path on the machine that runs the sync."""
    if office.backend.kind == "gsheets":
        return v.BRF_TAB_GSHEETS.format(tab=group.tab, url=link or "")
    if link:
        return v.BRF_TAB_XLSX.format(tab=group.tab, path=link)
    name = office.backend.path.replace("\\", "/").rsplit("/", 1)[-1]
    return v.BRF_TAB_XLSX_ASK.format(tab=group.tab, name=name, contact=_contact(office))


def build_assignments(office: Office, links: Mapping[str, str]) -> list[AssignmentSheet]:
    """One sheet per group; `links`: group code -> the address the group opens (its spreadsheet's URL,
    its tab's when the sheet id is known, or the workbook's share path); a group without one is told
    whom to ask."""
    fy = f.fiscal_year(office.office.fiscal_year)
    columns = indicator_columns(office)
    sheets = []
    dates = Dates(office)
    for g in office.groups:
        indicators = office.group_indicators(g.code)
        required = set(required_keys(indicators)) if indicators else set()
        filled = [c.label + (v.BRF_REQUIRED if c.key in required else "") for c in columns if c.filled_by == "group"]
        link = links.get(g.code) or None
        sheets.append(AssignmentSheet(
            title=v.BRF_SHEET_TITLE.format(fy=fy), group=v.BRF_GROUP.format(name=g.name),
            head=v.BRF_HEAD.format(name=g.head.name, position=g.head.position).strip(),
            indicators=[AssignmentIndicator(label=f"{indicator_label(i.code)} {i.title}", method=v.SAR_METHOD[i.method],
                                            criteria=[f"{f.digits(n)}. {c}" for n, c in enumerate(i.criteria, start=1)],
                                            rule=v.BRF_RULE.format(rule=scoring_rule(i))) for i in indicators],
            columns=filled,
            milestones=[v.BRF_MILESTONE.format(name=m.name, opens=f.be_date(m.opens), due=due_text(dates, m))
                        for m in group_milestones(office, g)],
            where=where_to_type(office, g, link), link=link if link and evidence_url(link) else ""))
    return sheets
