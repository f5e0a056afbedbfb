"""Raw tabs -> everything the sync decides: parsed rows, scores, progress, errors, what is late. Pure."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from sheetsync.core import vocab
from sheetsync.core.cells import RawTable
from sheetsync.core.deadlines import GroupProgress, Progress, group_progress, next_deadline, row_progress
from sheetsync.core.models import Office
from sheetsync.core.rows import (
    CellError,
    IndicatorRow,
    OutputRow,
    TabParse,
    cell_error,
    parse_group_tab,
    parse_outputs_tab,
)
from sheetsync.core.scoring import OfficeResult, RowScore, row_score, score_office


class RowOutcome(BaseModel):
    row: IndicatorRow
    score: RowScore | None
    progress: Progress


class LateItem(BaseModel):
    group: str
    tab: str
    code: str
    title: str
    problem: str  # Thai: what the group must do
    state: str  # overdue, due_soon, invalid, missing_row
    due: date | None = None
    milestone: str | None = None  # the milestone the item is late or due for, when it is one
    cells: list[str] = []


class Deadline(BaseModel):
    code: str
    name: str
    due: date
    days_left: int


class Evaluation(BaseModel):
    today: date
    tabs: list[TabParse]
    outputs: TabParse | None
    outcomes: dict[str, list[RowOutcome]]  # group tab -> its rows
    groups: list[GroupProgress]
    office: OfficeResult
    errors: list[CellError]
    late: list[LateItem]
    next_deadline: Deadline | None
    missing_tabs: list[str]

    @property
    def row_count(self) -> int:
        return sum(len(v) for v in self.outcomes.values()) + (len(self.outputs.rows) if self.outputs else 0)

    @property
    def valid_rows(self) -> int:
        rows = [o.row for v in self.outcomes.values() for o in v]
        outputs = self.outputs.rows if self.outputs else []
        return sum(1 for r in rows if r.valid) + sum(1 for r in outputs if not r.errors)


def load_evaluation(data: dict[str, Any]) -> Evaluation:
    """An Evaluation back from its JSON (history): the tabs' rows become IndicatorRow / OutputRow again."""
    ev = Evaluation.model_validate(data)
    for parse in ev.tabs:
        parse.rows = [IndicatorRow.model_validate(r) if isinstance(r, dict) else r for r in parse.rows]
    if ev.outputs is not None:
        ev.outputs.rows = [OutputRow.model_validate(r) if isinstance(r, dict) else r for r in ev.outputs.rows]
    return ev


def evaluate(office: Office, tables: dict[str, RawTable], today: date) -> Evaluation:
    tabs: list[TabParse] = []
    outcomes: dict[str, list[RowOutcome]] = {}
    groups: list[GroupProgress] = []
    errors: list[CellError] = []
    late: list[LateItem] = []
    missing_tabs: list[str] = []
    levels: dict[str, dict[str, int]] = {}

    for group in office.groups:
        raw = tables.get(group.tab)
        if raw is None:
            missing_tabs.append(group.tab)
            errors.append(cell_error(group.tab, 1, 1, "tab", "", "missing-tab", tab=group.tab))
            raw = RawTable(tab=group.tab, values=[])
            parse = TabParse(tab=group.tab, group=group.code,
                             missing_codes=[i.code for i in office.group_indicators(group.code)])
        else:
            parse = parse_group_tab(raw, group, office, today)
            errors += parse.tab_errors
        tabs.append(parse)
        tab_outcomes = []
        for row in parse.rows:
            errors += [e for e in row.errors if e.code != "missing-column"]
            indicator = office.indicator(row.indicator) if row.indicator else None
            score = row_score(row, indicator) if indicator else None
            if score is not None and indicator is not None:
                levels.setdefault(indicator.code, {})[group.code] = score.level
            tab_outcomes.append(RowOutcome(row=row, score=score, progress=row_progress(row, office.milestones, today)))
        outcomes[parse.tab] = tab_outcomes
        # An owned indicator without a row is judged as an empty row: not reported.
        phantoms = [IndicatorRow(tab=parse.tab, row=0, group=group.code, code=c, indicator=c) for c in parse.missing_codes]
        phantom_progress = [row_progress(r, office.milestones, today) for r in phantoms]
        all_rows = [o.row for o in tab_outcomes if o.row.indicator] + phantoms
        all_progress = [o.progress for o in tab_outcomes if o.row.indicator] + phantom_progress
        groups.append(group_progress(group.code, all_rows, all_progress))
        late += _late_items(office, group.code, parse.tab, tab_outcomes, phantoms, phantom_progress)

    outputs = None
    raw_outputs = tables.get(office.outputs_tab)
    if raw_outputs is not None:
        outputs = parse_outputs_tab(raw_outputs, office)
        errors += outputs.tab_errors
        errors += [e for r in outputs.rows for e in r.errors]

    result = score_office(office, levels, none_label=vocab.NO_SCORE)
    nxt = next_deadline(office.milestones, today)
    deadline = Deadline(code=nxt[0].code, name=nxt[0].name, due=nxt[0].due, days_left=nxt[1]) if nxt else None
    return Evaluation(today=today, tabs=tabs, outputs=outputs, outcomes=outcomes, groups=groups, office=result,
                      errors=errors, late=late, next_deadline=deadline, missing_tabs=missing_tabs)


def _late_items(office: Office, group: str, tab: str, outcomes: list[RowOutcome], phantoms: list[IndicatorRow],
                phantom_progress: list[Progress]) -> list[LateItem]:
    items = []
    for o in outcomes:
        if o.row.indicator is None:
            items.append(LateItem(group=group, tab=tab, code=o.row.code, title="", state="invalid",
                                  problem=vocab.FIX_ERRORS, cells=[e.cell for e in o.row.errors]))
            continue
        indicator = office.indicator(o.row.indicator)
        title = indicator.title if indicator else ""
        if o.progress.state in ("overdue", "due_soon"):
            problem = vocab.FIX_ERRORS if o.row.errors else _missing_what(office, o.progress)
            items.append(LateItem(group=group, tab=tab, code=o.row.code, title=title, problem=problem,
                                  state=o.progress.state, due=o.progress.due, milestone=o.progress.milestone,
                                  cells=[e.cell for e in o.row.errors]))
        elif o.row.errors:
            items.append(LateItem(group=group, tab=tab, code=o.row.code, title=title, state="invalid",
                                  problem=vocab.FIX_ERRORS, cells=[e.cell for e in o.row.errors]))
    for row, progress in zip(phantoms, phantom_progress, strict=True):
        indicator = office.indicator(row.code)
        items.append(LateItem(group=group, tab=tab, code=row.code, title=indicator.title if indicator else "",
                              problem=vocab.missing_row(row.code), state="missing_row", due=progress.due,
                              milestone=progress.milestone))
    return items


def _missing_what(office: Office, progress: Progress) -> str:
    milestone = next((m for m in office.milestones if m.code == progress.milestone), None)
    return vocab.NO_TARGET_YET if milestone and milestone.requires == "targets" else vocab.NOT_REPORTED_YET
