"""Indicator -> standard -> office scores. Pure.

Rules (each is a default that config can change where noted):

- criteria: the count of criteria met is compared with the indicator's `thresholds` (level -> minimum
  count); the level is the highest one reached, and level 1 when none is. Without thresholds the
  level is the count itself, kept within 1-5 (so reporting at all gives at least level 1).
- target_percent: percent = result / target x 100, or target / result x 100 when lower is better;
  thresholds default to 100 -> 5, 90 -> 4, 80 -> 3, 70 -> 2, else 1. A lower-is-better result of 0
  beats any target: top level.
- self_rated: the group's own level.
- An indicator owned by several groups: each owner reports its own row; the indicator's level is the
  mean of the owners' levels (`combine: mean`, 2 decimals) or the lowest (`combine: min`). Owners
  that have not reported validly are left out; the indicator counts as reported once one owner has.
- Standard score: weighted mean (indicator weights) of the reported indicators' levels; office score:
  weighted mean (standard weights) of the standards that have a score. Both rounded half-up to 2
  decimals and named by the bands in config (4.50 ดีเยี่ยม, 3.50 ดีมาก, 2.50 ดี, 1.50 พอใช้, else
  ปรับปรุง). Unreported or invalid indicators never count as a low score: they are left out of the
  mean and shown as coverage (reported / total).
- Never infinity or NaN: thai.parse_number refuses infinite and huge numbers, but a percent can still
  overflow (a target typed as 0.000...1, a lower-is-better result of 1E-300). Such a percent is past
  every threshold: it scores the top level, as a lower-is-better result of 0 does, and shows no percent
  (value None), so the status cells, the SAR and the package have nothing unprintable. A huge but
  finite percent is kept (thai.format_number prints any finite float). A mean that is not finite
  (weights from outside config's checks) is no score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pydantic import BaseModel

from sheetsync.core.models import Indicator, LevelBand, Office, Standard
from sheetsync.core.rows import IndicatorRow
from sheetsync.core.thai import round2

DEFAULT_PERCENT_THRESHOLDS = {5: 100.0, 4: 90.0, 3: 80.0, 2: 70.0}


@dataclass(slots=True)
class RowScore:
    """One row's score. A plain dataclass: one per row, built on the hot path (issue 16); pydantic still
    dumps and loads it inside an Evaluation (history) as it did the model, `value` always a float."""

    value: float | None  # criteria met, percent of target, or the self-rated level
    level: int


@dataclass(slots=True)
class IndicatorResult:
    """One indicator's combined score (a dataclass: one per indicator, made every sync; pydantic dumps
    and loads it inside an Evaluation as it did the model)."""

    code: str
    title: str
    weight: float
    score: float | None  # combined level, 2 decimals
    owners: list[str]
    owner_levels: dict[str, int]  # group -> level, for owners that reported validly

    @property
    def reported(self) -> bool:
        return self.score is not None


class StandardResult(BaseModel):
    code: str
    title: str
    weight: float
    score: float | None
    label: str
    indicators: list[IndicatorResult]
    reported: int
    total: int


class OfficeResult(BaseModel):
    score: float | None
    label: str
    standards: list[StandardResult]
    reported: int
    total: int


def level_from_thresholds(value: float, thresholds: dict[int, float], floor: int = 1) -> int:
    """The highest level whose minimum `value` reaches; `floor` when none is reached."""
    reached = [level for level, minimum in thresholds.items() if value >= minimum]
    return max(reached, default=floor)


def row_score(row: IndicatorRow, indicator: Indicator) -> RowScore | None:
    """The score of one valid, reported row; None when there is nothing to score."""
    if row.errors or not row.reported:  # (not row.valid, without the property's call)
        return None
    if indicator.method == "criteria":
        if row.criteria_met is None:
            return None
        count = len(row.criteria_met)
        if indicator.thresholds:
            return RowScore(value=float(count), level=level_from_thresholds(count, indicator.thresholds))
        return RowScore(value=float(count), level=min(max(count, 1), 5))
    if indicator.method == "target_percent":
        target, result = row.target_value, row.result_value
        if result is None or not target or not (math.isfinite(target) and math.isfinite(result)):
            return None
        thresholds = indicator.thresholds or DEFAULT_PERCENT_THRESHOLDS
        if indicator.direction == "lower":
            if result == 0:
                return RowScore(value=None, level=max(thresholds))
            percent = target / result * 100
        else:
            percent = result / target * 100
        if not math.isfinite(percent):  # overflowed: past every threshold (see above)
            return RowScore(value=None, level=max(thresholds))
        percent = round2(percent)  # the level agrees with the percent shown (8.1 / 9 is 90.00, not 89.99...)
        return RowScore(value=percent, level=level_from_thresholds(percent, thresholds))
    if row.self_level is None:
        return None
    return RowScore(value=float(row.self_level), level=row.self_level)


def combine_owner_levels(indicator: Indicator, levels: list[int]) -> float | None:
    if not levels:
        return None
    if indicator.combine == "min":
        return float(min(levels))
    return round2(sum(levels) / len(levels))


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    """Weighted mean of (value, weight) pairs, 2 decimals; None for no pairs."""
    total = sum(w for _, w in pairs)
    if not pairs or not math.isfinite(total) or total <= 0:
        return None
    mean = sum(v * w for v, w in pairs) / total
    return round2(mean) if math.isfinite(mean) else None


def band_label(score: float | None, bands: list[LevelBand], none_label: str = "") -> str:
    if score is None:
        return none_label
    for band in bands:
        if score >= band.min:
            return band.name
    return bands[-1].name


def indicator_result(indicator: Indicator, owner_levels: dict[str, int]) -> IndicatorResult:
    owners = indicator.owners
    reported = [g for g in owners if g in owner_levels] if owner_levels else []
    levels = [owner_levels[g] for g in reported]
    return IndicatorResult(indicator.code, indicator.title, indicator.weight, combine_owner_levels(indicator, levels),
                           list(owners), {g: owner_levels[g] for g in reported})


def standard_result(standard: Standard, results: list[IndicatorResult], bands: list[LevelBand],
                    none_label: str) -> StandardResult:
    scored = [(r.score, r.weight) for r in results if r.score is not None]
    score = weighted_mean(scored)
    return StandardResult(
        code=standard.code, title=standard.title, weight=standard.weight, score=score,
        label=band_label(score, bands, none_label), indicators=results,
        reported=len(scored), total=len(results),
    )


def score_office(office: Office, levels: dict[str, dict[str, int]], none_label: str = "") -> OfficeResult:
    """`levels`: indicator code -> {group code -> level} for every valid, reported row."""
    bands = office.levels.bands
    standards = []
    for standard in office.standards:
        results = [indicator_result(ind, levels.get(ind.code, {})) for ind in standard.indicators]
        standards.append(standard_result(standard, results, bands, none_label))
    score = weighted_mean([(s.score, s.weight) for s in standards if s.score is not None])
    return OfficeResult(
        score=score, label=band_label(score, bands, none_label), standards=standards,
        reported=sum(s.reported for s in standards), total=sum(s.total for s in standards),
    )
