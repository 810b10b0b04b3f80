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


# Four items: pairs with a weigh 1 (three of them), with b 1/2 (two), with c 1/3 (one).
WORST4 = 3 * 1 + 2 * 1 / 2 + 1 / 3


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (["a", "b", "c", "d"], 100),
        (["b", "a", "c", "d"], 100 * (1 - 1 / WORST4)),  # the first two swapped: 76.9
        (["a", "c", "b", "d"], 100 * (1 - (1 / 2) / WORST4)),  # the middle two: 88.5
        (["a", "b", "d", "c"], 100 * (1 - (1 / 3) / WORST4)),  # the last two: 92.3
        (["b", "c", "d", "a"], 100 * (1 - 3 / WORST4)),  # the first item last: 30.8
        (["d", "c", "b", "a"], 0),  # reversed: every pair wrong
        (None, 0),  # no order (timed out)
    ],
)
def test_rank_points_weigh_each_wrong_pair_by_the_rank_of_its_higher_item(
    order: list[str] | None, expected: float
) -> None:
    assert rules.rank_points(order, ["a", "b", "c", "d"]) == pytest.approx(expected)


def test_the_first_item_wrong_costs_far_more_than_the_last_two_swapped() -> None:
    expected = list("abcdef")
    first_wrong = rules.rank_points(list("bacdef"), expected)
    last_swapped = rules.rank_points(list("abcdfe"), expected)
    assert 100 - first_wrong == pytest.approx(5 * (100 - last_swapped))  # 1 against 1/5


def test_every_adjacent_fix_gains_points() -> None:
    """Putting right one adjacent pair in the wrong order always scores strictly more."""
    import itertools

    expected = list("abcde")
    pos = {x: i for i, x in enumerate(expected)}
    for order in itertools.permutations(expected):
        for j in range(len(order) - 1):
            if pos[order[j]] > pos[order[j + 1]]:
                fixed = list(order)
                fixed[j], fixed[j + 1] = fixed[j + 1], fixed[j]
                assert rules.rank_points(fixed, expected) > rules.rank_points(order, expected)


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
    assert rules.hseep_rating(score, performed=False) == rating
    assert rules.hseep_rating(score, performed=True) == ("M" if rating == "U" else rating)


@pytest.mark.parametrize(("priorities", "speed"), [(100, 100), (70, 100), (30, 25), (0, 25)])
def test_speed_counts_only_for_best_and_good_answers(priorities: float, speed: float) -> None:
    assert rules.speed_points(1, 60, False, priorities) == speed
    # a poor or harmful answer: the same at any time
    if priorities < rules.SPEED_CREDIT_FROM:
        assert rules.speed_points(59, 60, False, priorities) == speed
    assert rules.speed_points(None, 60, True, priorities) == 0


def test_personal_data_costs_most_in_public() -> None:
    assert rules.risk_penalty("personal_data", public=True) == max(
        rules.risk_penalty(r, p) for r in rules.RISK_PENALTY for p in (False, True)
    )
    assert rules.risk_penalty("personal_data", public=False) < rules.risk_penalty(
        "personal_data", public=True
    )
    assert rules.risk_penalty("blame", True) == rules.risk_penalty("blame", False)


def test_noise_focus_and_broadcast_points() -> None:
    assert rules.noise_points(needed=2, off_topic=0) == 0
    assert rules.noise_points(needed=1, off_topic=3) == 0  # it carries something needed
    assert rules.noise_points(needed=0, off_topic=1) == rules.NOISE_PENALTY
    assert rules.focus(2, 0) == rules.focus(2, 1) == 1  # one statement it does not need: free
    assert rules.focus(1, 3) == pytest.approx(1 / 3)
    assert rules.focus(2, 3) > rules.focus(1, 3)  # adding what it needs never lowers it
    assert rules.focus(1, 4) < rules.focus(1, 3)
    assert rules.noise_points(needed=0, off_topic=0) == 0  # only risky ones: their own penalty
    assert rules.broadcast_points(3) == 0
    assert rules.broadcast_points(8) == 5 * rules.BROADCAST_PENALTY


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
