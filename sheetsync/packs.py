"""What the rest of the cycle's documents say (issue 8): the director's brief. Pure, like documents.py."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from sheetsync import docvocab as v
from sheetsync import thaifmt as f
from sheetsync.documents import GREY, group_names, indicator_label, level_color, progress_color
from sheetsync.evaluate import Evaluation, LateItem
from sheetsync.models import Office
from sheetsync.scoring import band_label

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
