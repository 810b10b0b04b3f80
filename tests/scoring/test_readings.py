"""Scoring remembers how each message reads, per scenario: the scores never depend on it."""

from __future__ import annotations

import attrs

from game.engine.bots import play_game
from game.scenario import load_scenario
from game.scoring import score_game, score_session, scorecard
from game.scoring.evidence import evidence_from_session


def _scored(game):  # the numbers and the deductions, as data
    s = score_session(game)
    return (
        s.team.card,
        {r: g.card for r, g in s.roles.items()},
        [(d.kind, d.points, d.ref, d.turn, d.roles, d.params) for d in s.team.deductions],
        [(o.id, o.score, o.rating) for o in s.objectives],
    )


def test_a_remembered_reading_scores_like_a_fresh_one() -> None:
    sc = load_scenario("scenarios/data_breach.yaml").scenario
    assert sc is not None
    games = [play_game(sc, policy, seed) for policy in ("random", "blanket") for seed in range(3)]
    scorecard._READINGS.clear()
    cold = [_scored(g) for g in games]
    warm = [_scored(g) for g in games]  # every message read before
    assert cold == warm
    assert scorecard._readings(sc)  # they were remembered


def test_readings_are_kept_per_scenario_object() -> None:
    """Another scenario object (e.g. a changed, reloaded file) never reuses the readings of
    the first, even for messages with the very same ids."""
    sc = load_scenario("scenarios/tutorial.yaml").scenario
    assert sc is not None
    evidence = evidence_from_session(play_game(sc, "worst", 1))
    first = score_game(sc, evidence)  # its messages are remembered for ``sc``
    assert any(d.kind == "risky_statement" for d in first.team.deductions)
    calm = attrs.evolve(sc, statements=tuple(attrs.evolve(st, risk=None) for st in sc.statements))
    again = score_game(calm, evidence)
    assert not any(d.kind == "risky_statement" for d in again.team.deductions)
    assert scorecard._readings(calm) is not scorecard._readings(sc)
