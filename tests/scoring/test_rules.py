"""Each scoring rule on its own, with the numbers docs/scoring.md quotes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.scoring import rules


@pytest.mark.parametrize(
    ("elapsed", "limit", "expected"),
    [
        (0, 60, 100),
        (15, 60, 100),  # the first quarter is free
        (30, 60, 75),  # 50 % used: 25 points lost past the grace
        (48, 60, 45),
        (60, 60, 25),  # at the limit
        (90, 60, 25),  # late answers never go below the value at the limit
        (5, 0, 100),  # no time limit
    ],
)
def test_speed_points_lose_one_point_per_percent_after_the_first_quarter(
    elapsed: float, limit: float, expected: float
) -> None:
    assert rules.speed_points(elapsed, limit, timed_out=False) == pytest.approx(expected)


def test_a_timed_out_decision_scores_zero_speed() -> None:
    assert rules.speed_points(None, 60, timed_out=True) == 0
    assert rules.speed_points(3, 60, timed_out=True) == 0


@given(st.floats(0, 500), st.floats(0, 500), st.floats(1, 300))
def test_speed_points_never_rise_with_time(a: float, b: float, limit: float) -> None:
    fast, slow = sorted((a, b))
    assert rules.speed_points(fast, limit, False) >= rules.speed_points(slow, limit, False)
    assert rules.speed_points(slow, limit, False) >= rules.speed_points(None, limit, True)


def test_rating_points() -> None:
    assert [rules.rating_points(r) for r in ("best", "good", "poor", "harmful", None)] == [
        100,
        70,
        30,
        0,
        0,
    ]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (["a", "b", "c", "d"], 100),
        (["b", "a", "c", "d"], 100 * (1 - 1 / 6)),  # one adjacent swap: 1 of 6 pairs
        (["d", "c", "b", "a"], 0),  # reversed: every pair wrong
        (["a", "c", "b", "d"], 100 * (1 - 1 / 6)),
        (None, 0),  # no order (timed out)
    ],
)
def test_rank_points_are_one_minus_the_normalised_kendall_tau_distance(
    order: list[str] | None, expected: float
) -> None:
    assert rules.rank_points(order, ["a", "b", "c", "d"]) == pytest.approx(expected)


def test_rank_of_one_item_is_always_right() -> None:
    assert rules.rank_points(["a"], ["a"]) == 100


def test_an_incomplete_ranking_is_never_better_than_the_right_one() -> None:
    assert rules.rank_points(["a", "b"], ["a", "b", "c"]) == 100
    assert rules.rank_points(["c"], ["a", "b", "c"]) < 100


@pytest.mark.parametrize(
    ("turn", "deadline", "credit"),
    [(1, 3, 1.0), (3, 3, 1.0), (4, 3, 0.5), (5, 3, 0.25), (6, 3, 0.0), (9, 3, 0.0)],
)
def test_timeliness_credit(turn: int, deadline: int, credit: float) -> None:
    assert rules.timeliness_credit(turn, deadline) == credit


def test_a_non_owner_gets_reduced_credit() -> None:
    assert rules.key_point_credit(1, 3, by_owner=False) == rules.NON_OWNER_CREDIT
    assert rules.key_point_credit(4, 3, by_owner=False) == 0.5 * rules.NON_OWNER_CREDIT


@pytest.mark.parametrize(
    ("score", "rating"),
    [(100, "P"), (85, "P"), (84.9, "S"), (65, "S"), (64.9, "M"), (40, "M"), (39.9, "U"), (0, "U")],
)
def test_hseep_thresholds(score: float, rating: str) -> None:
    assert rules.hseep_rating(score) == rating


def test_weighted_total_renormalises_over_the_scored_dimensions() -> None:
    w = {"speed": 0.25, "priorities": 0.45, "communication": 0.30}
    assert rules.weighted_total({"speed": 80, "priorities": 60, "communication": 50}, w) == (
        pytest.approx(0.25 * 80 + 0.45 * 60 + 0.30 * 50)
    )
    assert rules.weighted_total(
        {"speed": 80, "priorities": 60, "communication": None}, w
    ) == pytest.approx((0.25 * 80 + 0.45 * 60) / 0.70)
    assert rules.weighted_total({"speed": None, "priorities": None, "communication": None}, w) is (
        None
    )
