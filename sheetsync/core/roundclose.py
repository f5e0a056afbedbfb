"""A round closed: each row's values and score frozen as the round counts them, and who was late. Pure.

The frozen round is what history keeps (store.history, `round_events`) and what every later document
of that round reads (the e-MES files of the OBEC package): an Evaluation in which a row that reported
for the round keeps its values and score, and a row that did not is blank (its code, title and
targets only), scored like the office's live evaluation but from the round's reports alone.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel

from sheetsync.core import vocab
from sheetsync.core.deadlines import Progress, Schedule
from sheetsync.core.evaluate import Evaluation, RowOutcome, load_evaluation, round_name
from sheetsync.core.models import Milestone, Office
from sheetsync.core.rounds import Closed, covers, fingerprint, row_key
from sheetsync.core.rows import IndicatorRow
from sheetsync.core.scoring import score_office


class LateEntry(BaseModel):
    group: str
    tab: str
    code: str
    why: Literal["not_reported", "reported_late"]
    reported_on: date | None = None


class FrozenRound(BaseModel):
    fiscal_year: int
    code: str
    name: str
    short_name: str
    opens: date
    due: date  # the working day it was due
    window_start: date
    closed_on: date
    by: str  # who closed it: the coordinator's name, or the sync on its own
    at: datetime
    reported: int
    total: int
    fingerprints: dict[str, str]  # core.rounds.row_key -> core.rounds.fingerprint of every row at the close
    late: list[LateEntry]
    evaluation: Evaluation

    def closed(self) -> Closed:
        keys = frozenset(row_key(tab, o.row.code) for tab, v in self.evaluation.outcomes.items() for o in v
                         if o.row.reported)
        return Closed(closed_on=self.closed_on, by=self.by, at=self.at, reported=self.reported, total=self.total,
                      fingerprints=self.fingerprints, reported_keys=keys)

    def reported_codes(self) -> set[str]:
        """The indicators with at least one row reported for the round."""
        return {o.row.indicator for v in self.evaluation.outcomes.values() for o in v
                if o.row.indicator and o.row.reported}


def load_frozen(data: dict[str, Any]) -> FrozenRound:
    evaluation = load_evaluation(data["evaluation"])
    return FrozenRound.model_validate({**data, "evaluation": evaluation})


def _blank(row: IndicatorRow) -> IndicatorRow:
    """The row as a round without its report holds it: code, title and targets, no result."""
    return IndicatorRow(tab=row.tab, row=row.row, group=row.group, code=row.code, indicator=row.indicator,
                        target=row.target, target_value=row.target_value, unit=row.unit, targets_set=row.targets_set)


def freeze(office: Office, ev: Evaluation, schedule: Schedule, milestone: Milestone, closed_on: date, by: str,
           at: datetime) -> FrozenRound:
    """Round `milestone` as `ev` (the rows on the day it is frozen) counts it: the reports dated in its
    window up to `closed_on`."""
    due = schedule.due[milestone.code].day
    outcomes: dict[str, list[RowOutcome]] = {}
    levels: dict[str, dict[str, int]] = {}
    late: list[LateEntry] = []
    fingerprints: dict[str, str] = {}
    reported = total = 0
    for tab, tab_outcomes in ev.outcomes.items():
        kept = []
        for o in tab_outcomes:
            row = o.row
            if row.indicator is None:
                continue
            fingerprints[row_key(tab, row.code)] = fingerprint(row)
            if not covers(milestone, row.indicator, row.group):
                continue
            total += 1
            if schedule.counts_for(milestone, row, end=closed_on):
                reported += 1
                kept.append(RowOutcome(row=row, score=o.score, progress=Progress(state="reported", milestone=milestone.code, due=due)))
                if o.score is not None:
                    levels.setdefault(row.indicator, {})[row.group] = o.score.level
                if row.reported_on is not None and row.reported_on > due:
                    late.append(LateEntry(group=row.group, tab=tab, code=row.code, why="reported_late",
                                          reported_on=row.reported_on))
            else:
                kept.append(RowOutcome(row=_blank(row), score=None,
                                       progress=Progress(state="overdue", milestone=milestone.code, due=due)))
                late.append(LateEntry(group=row.group, tab=tab, code=row.code, why="not_reported"))
        outcomes[tab] = kept
    for parse in ev.tabs:  # owned indicators without a row: not reported
        for code in parse.missing_codes:
            if covers(milestone, code, parse.group or ""):
                total += 1
                late.append(LateEntry(group=parse.group or "", tab=parse.tab, code=code, why="not_reported"))
    result = score_office(office, levels, none_label=vocab.NO_SCORE)
    # The parsed tabs hold the same rows as the outcomes: blanked alike, so that nothing of a report that
    # did not count for the round is left in the frozen round.
    tabs = [parse.model_copy(update={"rows": [o.row for o in outcomes.get(parse.tab, [])], "tab_errors": []})
            for parse in ev.tabs]
    frozen_ev = ev.model_copy(update={"today": closed_on, "tabs": tabs, "outcomes": outcomes, "office": result,
                                      "late": [], "errors": [], "next_deadline": None})
    return FrozenRound(fiscal_year=office.office.fiscal_year, code=milestone.code, name=milestone.name,
                       short_name=round_name(milestone), opens=milestone.opens, due=due,
                       window_start=schedule.window[milestone.code], closed_on=closed_on, by=by, at=at,
                       reported=reported, total=total, fingerprints=fingerprints, late=late, evaluation=frozen_ev)
