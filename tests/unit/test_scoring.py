"""Tests of sheetsync.core.scoring: row levels, multi-owner indicators, standard and office means, bands.

The office is the example one in config/ (fiscal year 2570). Its standards, as the tests use them:

    standard 1 (weight 30): 1.1 criteria x4, thresholds {5: 4, 4: 3, 3: 2, 2: 1}, owners admin + policy
                            1.2 self_rated, owner teacher_dev
                            1.3 criteria x3, thresholds {5: 3, 3: 2, 2: 1}, owners policy + legal
    standard 2 (weight 40): 2.1 criteria x6, thresholds {5: 6, 4: 5, 3: 4, 2: 3}, weight 2, owners promotion +
                                supervision + ict, combine mean
                            2.2 target_percent, thresholds {5: 100, 4: 90, 3: 80, 2: 70}, owner finance
                            2.3 criteria x5, no thresholds, owners personnel + teacher_dev
                            2.4 target_percent, direction lower, default thresholds, owners admin + audit,
                                combine min
    standard 3 (weight 30): 3.1 self_rated, owner admin
                            3.2 target_percent, default thresholds, owners supervision + promotion
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetsync.core import problems, vocab
from sheetsync.core.models import Indicator, LevelBand, Office, Standard
from sheetsync.core.rows import CellError, IndicatorRow
from sheetsync.core.scoring import (
    DEFAULT_PERCENT_THRESHOLDS,
    RowScore,
    band_label,
    combine_owner_levels,
    indicator_result,
    level_from_thresholds,
    row_score,
    score_office,
    weighted_mean,
)
from sheetsync.store.config import load_office

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"


@pytest.fixture(scope="module")
def office() -> Office:
    return load_office(CONFIG_DIR)


def _load_office() -> Office:
    # for Hypothesis tests, which cannot take function-scoped fixtures
    return load_office(CONFIG_DIR)


OFFICE = _load_office()


def make_row(indicator: str = "1.1", group: str = "admin", **fields) -> IndicatorRow:
    values = {"tab": "แท็บ", "row": 2, "group": group, "code": indicator, "indicator": indicator, "reported": True}
    values.update(fields)
    return IndicatorRow(**values)


def cell_error() -> CellError:
    return CellError(tab="แท็บ", cell="E2", row=2, column="result", value="แปดสิบ", code="type-error",
                     message="ผลการดำเนินงาน" + problems.expectation("number"))


def criteria_indicator(count: int, thresholds: dict[int, float] | None = None) -> Indicator:
    return Indicator(code="9.1", title="ตัวบ่งชี้ทดสอบ", owners=["admin"], method="criteria",
                     criteria=[f"ประเด็น {i}" for i in range(1, count + 1)], thresholds=thresholds)


def percent_indicator(direction: str = "higher", thresholds: dict[int, float] | None = None) -> Indicator:
    return Indicator(code="9.2", title="ตัวบ่งชี้ทดสอบ", owners=["admin"], method="target_percent",
                     direction=direction, thresholds=thresholds)


# --- the office the tests rely on -----------------------------------------------------------------

def test_example_office_is_as_described(office):
    assert [(s.code, s.weight) for s in office.standards] == [("1", 30), ("2", 40), ("3", 30)]
    assert office.indicator("1.1").thresholds == {5: 4, 4: 3, 3: 2, 2: 1}
    assert office.indicator("2.3").thresholds is None
    assert office.indicator("2.4").direction == "lower"
    assert office.indicator("2.4").combine == "min"
    assert office.indicator("2.1").weight == 2
    assert [(b.min, b.name) for b in office.levels.bands] == [
        (4.5, "ดีเยี่ยม"), (3.5, "ดีมาก"), (2.5, "ดี"), (1.5, "พอใช้"), (0, "ปรับปรุง")]


# --- level_from_thresholds ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 1), (0.99, 1), (1, 2), (2, 3), (2.5, 3), (3, 4), (4, 5), (10, 5)],
)
def test_level_from_thresholds(value, expected):
    assert level_from_thresholds(value, {5: 4, 4: 3, 3: 2, 2: 1}) == expected


def test_level_from_thresholds_floor():
    assert level_from_thresholds(50, DEFAULT_PERCENT_THRESHOLDS) == 1
    assert level_from_thresholds(50, DEFAULT_PERCENT_THRESHOLDS, floor=0) == 0
    assert level_from_thresholds(50, {}) == 1


# --- row_score: criteria --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("met", "level"),
    [(set(), 1), ({1}, 2), ({1, 3}, 3), ({1, 2, 4}, 4), ({1, 2, 3, 4}, 5)],
)
def test_criteria_with_thresholds(office, met, level):
    # 1.1: {5: 4, 4: 3, 3: 2, 2: 1}; the count of criteria met is compared with the minimums
    score = row_score(make_row("1.1", criteria_met=frozenset(met)), office.indicator("1.1"))
    assert score == RowScore(value=len(met), level=level)


@pytest.mark.parametrize(("count", "level"), [(0, 1), (1, 2), (2, 3), (3, 5)])
def test_criteria_thresholds_with_a_gap(office, count, level):
    # 1.3 has no level 4: {5: 3, 3: 2, 2: 1}, so 3 criteria jump straight to 5
    row = make_row("1.3", group="policy", criteria_met=frozenset(range(1, count + 1)))
    assert row_score(row, office.indicator("1.3")).level == level


@pytest.mark.parametrize(("count", "level"), [(0, 1), (2, 1), (3, 2), (4, 3), (5, 4), (6, 5)])
def test_criteria_thresholds_none_reached_gives_level_1(office, count, level):
    # 2.1: {5: 6, 4: 5, 3: 4, 2: 3}; 2 criteria reach no minimum -> level 1
    row = make_row("2.1", group="promotion", criteria_met=frozenset(range(1, count + 1)))
    assert row_score(row, office.indicator("2.1")).level == level


@pytest.mark.parametrize(("count", "level"), [(0, 1), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)])
def test_criteria_without_thresholds_is_the_count_clamped(office, count, level):
    # 2.3 has no thresholds: level = count kept within 1..5 (reporting 0 still gives level 1)
    row = make_row("2.3", group="personnel", criteria_met=frozenset(range(1, count + 1)))
    assert row_score(row, office.indicator("2.3")) == RowScore(value=count, level=level)


def test_criteria_without_thresholds_clamps_above_5():
    indicator = criteria_indicator(7)
    score = row_score(make_row("9.1", criteria_met=frozenset(range(1, 8))), indicator)
    assert score == RowScore(value=7, level=5)


def test_criteria_row_without_criteria_met_is_not_scored(office):
    # reported through another input (e.g. the result text) but without the criteria list
    assert row_score(make_row("1.1", result="ดำเนินการแล้ว"), office.indicator("1.1")) is None


# --- row_score: target_percent --------------------------------------------------------------------

@pytest.mark.parametrize(
    ("result", "target", "percent", "level"),
    [
        (100, 100, 100.0, 5),
        (120, 100, 120.0, 5),
        (90, 100, 90.0, 4),
        (85, 100, 85.0, 3),
        (80, 100, 80.0, 3),
        (79.99, 100, 79.99, 2),
        (70, 100, 70.0, 2),
        (69.99, 100, 69.99, 1),
        (0, 100, 0.0, 1),
        (45, 50, 90.0, 4),  # 45 / 50 x 100 = 90
        (2, 3, 66.67, 1),  # 2 / 3 x 100 = 66.666... -> 66.67
        # 8.1 / 9 x 100 is exactly 90, but in binary floats it is 89.99999999999999: the level must
        # agree with the 90.00 shown, i.e. level 4
        (8.1, 9, 90.0, 4),
        (11.7, 13, 90.0, 4),  # 11.7 / 13 = 0.9
    ],
)
def test_target_percent_higher(office, result, target, percent, level):
    row = make_row("2.2", group="finance", result=str(result), result_value=result, target_value=target)
    assert row_score(row, office.indicator("2.2")) == RowScore(value=percent, level=level)


@pytest.mark.parametrize(
    ("target", "result", "percent", "level"),
    [
        (3, 3, 100.0, 5),  # as fast as the target
        (3, 2, 150.0, 5),  # faster than the target
        (3, 3.5, 85.71, 3),  # 3 / 3.5 x 100 = 85.714... -> 85.71
        (3, 4, 75.0, 2),
        (3, 30, 10.0, 1),
        (9, 10, 90.0, 4),
        (8.1, 9, 90.0, 4),  # 8.1 / 9 x 100, exactly 90 (see the higher case)
    ],
)
def test_target_percent_lower(office, target, result, percent, level):
    # 2.4, lower is better: percent = target / result x 100, default thresholds 100/90/80/70
    row = make_row("2.4", result=str(result), result_value=result, target_value=target)
    assert row_score(row, office.indicator("2.4")) == RowScore(value=percent, level=level)


def test_target_percent_lower_result_zero_is_top_level(office):
    row = make_row("2.4", result="0", result_value=0, target_value=3)
    assert row_score(row, office.indicator("2.4")) == RowScore(value=None, level=5)
    # with thresholds whose top level is 4, zero reaches that top level
    custom = percent_indicator("lower", {4: 100, 3: 50})
    assert row_score(make_row("9.2", result_value=0, target_value=3), custom) == RowScore(value=None, level=4)


def test_target_percent_lower_tiny_result(office):
    # 3 / 1e-30 x 100 = 3e32 percent: far past every threshold, and no crash while rounding it
    row = make_row("2.4", result_value=1e-30, target_value=3)
    score = row_score(row, office.indicator("2.4"))
    assert score.level == 5
    assert score.value == pytest.approx(3e32)


def test_target_percent_default_thresholds(office):
    # 3.2 has no thresholds of its own: 100 -> 5, 90 -> 4, 80 -> 3, 70 -> 2, else 1
    indicator = office.indicator("3.2")
    assert indicator.thresholds is None
    levels = [row_score(make_row("3.2", group="supervision", result_value=r, target_value=80), indicator).level
              for r in (80, 72, 64, 56, 55)]
    # 80/80 = 100%, 72/80 = 90%, 64/80 = 80%, 56/80 = 70%, 55/80 = 68.75%
    assert levels == [5, 4, 3, 2, 1]


def test_target_percent_custom_thresholds():
    indicator = percent_indicator("higher", {5: 95, 4: 85, 3: 75, 2: 50})
    score = row_score(make_row("9.2", result_value=40, target_value=50), indicator)
    assert score == RowScore(value=80.0, level=3)  # 40 / 50 = 80%: reaches 75, not 85


@pytest.mark.parametrize(
    "fields",
    [
        {"result_value": None, "target_value": 100},  # no number in the result
        {"result_value": 90, "target_value": None},  # no target
        {"result_value": 90, "target_value": 0},  # a zero target cannot give a percent
    ],
)
def test_target_percent_missing_inputs(office, fields):
    assert row_score(make_row("2.2", group="finance", result="90", **fields), office.indicator("2.2")) is None


# --- row_score: self_rated, unreported, invalid ---------------------------------------------------

@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_self_rated(office, level):
    row = make_row("1.2", group="teacher_dev", self_level=level, justification="มีหลักฐาน")
    assert row_score(row, office.indicator("1.2")) == RowScore(value=level, level=level)


def test_self_rated_without_level(office):
    assert row_score(make_row("1.2", group="teacher_dev", result="x"), office.indicator("1.2")) is None


@pytest.mark.parametrize(
    ("code", "fields"),
    [
        ("1.1", {"criteria_met": frozenset({1, 2, 3, 4})}),
        ("2.2", {"result_value": 100, "target_value": 100}),
        ("1.2", {"self_level": 5}),
    ],
)
def test_unreported_and_invalid_rows_give_none(office, code, fields):
    indicator = office.indicator(code)
    assert row_score(make_row(code, **fields), indicator) is not None  # the same row, valid and reported
    assert row_score(make_row(code, reported=False, **fields), indicator) is None
    assert row_score(make_row(code, errors=[cell_error()], **fields), indicator) is None


# --- owners ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ([5, 4], 4.5),
        ([5, 4, 4], 4.33),  # 13 / 3 = 4.333...
        ([5, 5, 4], 4.67),  # 14 / 3 = 4.666... -> 4.67
        ([3], 3.0),
        ([], None),
    ],
)
def test_combine_mean(office, levels, expected):
    assert combine_owner_levels(office.indicator("2.1"), levels) == expected


@pytest.mark.parametrize(("levels", "expected"), [([5, 2], 2.0), ([4], 4.0), ([3, 3], 3.0), ([], None)])
def test_combine_min(office, levels, expected):
    assert combine_owner_levels(office.indicator("2.4"), levels) == expected


def test_indicator_result_keeps_owners_only(office):
    # supervision has not reported; "finance" does not own 2.1 and is ignored
    result = indicator_result(office.indicator("2.1"), {"promotion": 5, "ict": 4, "finance": 1})
    assert result.code == "2.1"
    assert result.weight == 2
    assert result.owners == ["promotion", "supervision", "ict"]
    assert result.owner_levels == {"promotion": 5, "ict": 4}
    assert result.score == 4.5  # (5 + 4) / 2
    assert result.reported


def test_indicator_result_min_and_unreported(office):
    assert indicator_result(office.indicator("2.4"), {"admin": 5, "audit": 2}).score == 2.0
    nobody = indicator_result(office.indicator("2.4"), {})
    assert nobody.score is None
    assert not nobody.reported
    assert nobody.owner_levels == {}


# --- means and bands ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(5, 30), (4, 40), (3, 30)], 4.0),  # (150 + 160 + 90) / 100
        ([(4, 30), (3, 40), (5, 30)], 3.9),  # (120 + 120 + 150) / 100
        ([(4.5, 2), (3, 1)], 4.0),  # (9 + 3) / 3
        ([(5, 1), (4, 1), (4, 1)], 4.33),  # 13 / 3
        ([(3.5, 1), (3.51, 1)], 3.51),  # 7.01 / 2 = 3.505, half up
        ([(2, 1)], 2.0),
        ([], None),
    ],
)
def test_weighted_mean(pairs, expected):
    assert weighted_mean(pairs) == expected


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (5.0, "ดีเยี่ยม"),
        (4.50, "ดีเยี่ยม"),
        (4.49, "ดีมาก"),
        (3.50, "ดีมาก"),
        (3.49, "ดี"),
        (2.50, "ดี"),
        (2.49, "พอใช้"),
        (1.50, "พอใช้"),
        (1.49, "ปรับปรุง"),
        (1.0, "ปรับปรุง"),
        (0.0, "ปรับปรุง"),
    ],
)
def test_band_label_edges(office, score, label):
    assert band_label(score, office.levels.bands) == label


def test_band_label_none_and_below_every_band():
    bands = [LevelBand(min=4.5, name="ดีเยี่ยม"), LevelBand(min=1.5, name="พอใช้")]
    assert band_label(None, bands) == ""
    assert band_label(None, bands, vocab.NO_SCORE) == vocab.NO_SCORE
    assert band_label(1.0, bands) == "พอใช้"  # below the last minimum: still the last band


# --- score_office ---------------------------------------------------------------------------------

def test_score_office_partial(office):
    levels = {
        "1.1": {"admin": 5, "policy": 4},  # mean 4.5
        "1.2": {"teacher_dev": 3},
        "1.3": {"policy": 5},  # legal has not reported: left out, not a low score
        "2.1": {"promotion": 5, "supervision": 4, "ict": 3},  # mean 4.0, weight 2
        "2.2": {"finance": 4},
        # 2.3 not reported
        "2.4": {"admin": 5, "audit": 2},  # combine min -> 2
        # standard 3 not reported at all
    }
    result = score_office(office, levels, vocab.NO_SCORE)
    s1, s2, s3 = result.standards
    # standard 1: (4.5 + 3 + 5) / 3 = 12.5 / 3 = 4.1666... -> 4.17
    assert (s1.score, s1.label, s1.reported, s1.total) == (4.17, "ดีมาก", 3, 3)
    # standard 2: (4.0 x 2 + 4 x 1 + 2 x 1) / (2 + 1 + 1) = 14 / 4 = 3.5; 2.3 left out
    assert (s2.score, s2.label, s2.reported, s2.total) == (3.5, "ดีมาก", 3, 4)
    assert (s3.score, s3.label, s3.reported, s3.total) == (None, vocab.NO_SCORE, 0, 2)
    # office: (4.17 x 30 + 3.5 x 40) / (30 + 40) = (125.1 + 140) / 70 = 3.787... -> 3.79; standard 3 left out
    assert result.score == 3.79
    assert result.label == "ดีมาก"
    assert (result.reported, result.total) == (6, 9)  # coverage 6 of 9 indicators
    assert [i.score for i in s2.indicators] == [4.0, 4.0, None, 2.0]
    assert s1.weight == 30 and s1.code == "1"


def _everyone(office: Office, standard_code: str, level: int) -> dict[str, dict[str, int]]:
    standard = next(s for s in office.standards if s.code == standard_code)
    return {ind.code: dict.fromkeys(ind.owners, level) for ind in standard.indicators}


@pytest.mark.parametrize(
    ("l1", "l2", "l3", "score", "label"),
    [
        (5, 4, 3, 4.0, "ดีมาก"),  # (5 x 30 + 4 x 40 + 3 x 30) / 100 = (150 + 160 + 90) / 100
        (5, 5, 3, 4.4, "ดีมาก"),  # (150 + 200 + 90) / 100
        (5, 5, 4, 4.7, "ดีเยี่ยม"),  # (150 + 200 + 120) / 100
        (1, 2, 1, 1.4, "ปรับปรุง"),  # (30 + 80 + 30) / 100
        (3, 3, 3, 3.0, "ดี"),
    ],
)
def test_score_office_weights_30_40_30(office, l1, l2, l3, score, label):
    levels = {**_everyone(office, "1", l1), **_everyone(office, "2", l2), **_everyone(office, "3", l3)}
    result = score_office(office, levels)
    assert [s.score for s in result.standards] == [l1, l2, l3]
    assert (result.score, result.label) == (score, label)
    assert (result.reported, result.total) == (9, 9)


def test_score_office_unreported_standard_is_not_a_zero(office):
    # only 2.2 is reported (level 5): standard 2 is 5.0, not 5 / 4, and the office is 5.0
    result = score_office(office, {"2.2": {"finance": 5}})
    assert [s.score for s in result.standards] == [None, 5.0, None]
    assert result.score == 5.0
    assert (result.reported, result.total) == (1, 9)


def test_score_office_nothing_reported(office):
    result = score_office(office, {}, vocab.NO_SCORE)
    assert result.score is None
    assert result.label == vocab.NO_SCORE
    assert (result.reported, result.total) == (0, 9)
    assert all(s.score is None and s.label == vocab.NO_SCORE for s in result.standards)
    assert score_office(office, {}).label == ""


def test_score_office_ignores_unknown_indicators_and_groups(office):
    result = score_office(office, {"9.9": {"admin": 1}, "3.1": {"admin": 4, "legal": 1}})
    # 3.1 is owned by admin only: legal's level is ignored; 9.9 is not in the standards
    assert result.standards[2].indicators[0].score == 4.0
    assert result.score == 4.0
    assert (result.reported, result.total) == (1, 9)


# --- properties -----------------------------------------------------------------------------------

LEVELS = [2, 3, 4, 5]


@st.composite
def ordered_thresholds(draw, low: float, high: float, integral: bool = False):
    """None (the default), or thresholds where a higher level needs a strictly higher value."""
    if draw(st.booleans()):
        return None
    numbers = st.integers(int(low), int(high)) if integral else st.floats(low, high, allow_nan=False)
    values = sorted(draw(st.sets(numbers, min_size=1, max_size=4)))
    chosen = sorted(draw(st.lists(st.sampled_from(LEVELS), min_size=len(values), max_size=len(values), unique=True)))
    return dict(zip(chosen, values, strict=True))


@given(st.data())
def test_more_criteria_never_lowers_the_level(data):
    count = data.draw(st.integers(min_value=1, max_value=10))
    thresholds = data.draw(ordered_thresholds(0, count, integral=True))
    indicator = criteria_indicator(count, thresholds)
    bigger = data.draw(st.sets(st.integers(1, count)))
    smaller = data.draw(st.sets(st.sampled_from(sorted(bigger)))) if bigger else set()
    low = row_score(make_row("9.1", criteria_met=frozenset(smaller)), indicator).level
    high = row_score(make_row("9.1", criteria_met=frozenset(bigger)), indicator).level
    assert 1 <= low <= high <= 5


RESULTS = st.floats(min_value=0, max_value=1e6, allow_nan=False)
TARGETS = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)


@given(ordered_thresholds(1, 300), TARGETS, RESULTS, RESULTS)
def test_higher_result_never_lowers_the_level(thresholds, target, a, b):
    indicator = percent_indicator("higher", thresholds)
    small, big = sorted((a, b))
    low = row_score(make_row("9.2", result_value=small, target_value=target), indicator).level
    high = row_score(make_row("9.2", result_value=big, target_value=target), indicator).level
    assert 1 <= low <= high <= 5


@given(ordered_thresholds(1, 300), TARGETS, RESULTS, RESULTS)
def test_lower_result_never_lowers_the_level_when_lower_is_better(thresholds, target, a, b):
    indicator = percent_indicator("lower", thresholds)
    small, big = sorted((a, b))
    at_small = row_score(make_row("9.2", result_value=small, target_value=target), indicator).level
    at_big = row_score(make_row("9.2", result_value=big, target_value=target), indicator).level
    assert 1 <= at_big <= at_small <= 5


@st.composite
def office_and_levels(draw):
    owners = ["admin", "policy", "finance"]
    standards = []
    levels: dict[str, dict[str, int]] = {}
    for s in range(1, draw(st.integers(1, 4)) + 1):
        indicators = []
        for i in range(1, draw(st.integers(1, 4)) + 1):
            code = f"{s}.{i}"
            owned = draw(st.lists(st.sampled_from(owners), min_size=1, max_size=3, unique=True))
            indicators.append(Indicator(
                code=code, title="ตัวบ่งชี้", owners=owned, method="self_rated",
                weight=draw(st.floats(0.01, 1000, allow_nan=False)), combine=draw(st.sampled_from(["mean", "min"]))))
            reported = draw(st.lists(st.sampled_from(owned), unique=True))
            if reported:
                levels[code] = {g: draw(st.integers(1, 5)) for g in reported}
        standards.append(Standard(code=str(s), title="มาตรฐาน", weight=draw(st.floats(0.01, 1000, allow_nan=False)),
                                  indicators=indicators))
    return OFFICE.model_copy(update={"standards": standards}), levels


@given(office_and_levels())
def test_office_score_is_within_1_and_5(case):
    office, levels = case
    result = score_office(office, levels)
    total = sum(len(s.indicators) for s in office.standards)
    assert (result.reported, result.total) == (len(levels), total)
    if not levels:
        assert result.score is None
        assert result.label == ""
        return
    assert result.score is not None
    assert 1 <= result.score <= 5
    scored = [s.score for s in result.standards if s.score is not None]
    assert min(scored) <= result.score <= max(scored)
    for standard in result.standards:
        assert standard.score is None or 1 <= standard.score <= 5
        assert (standard.score is None) == (standard.reported == 0)
