"""Scoring: a pure function from a game to score cards, with the reason for every lost point.

Public API::

    from game.scoring import score_session, score_game

    scores = score_session(session)          # any Session, finished or not
    scores = score_game(scenario, evidence)  # the same from an Evidence (e.g. a saved result)

    scores.team            # GroupScore: .card (ScoreCard), .deductions, .strengths
    scores.roles[role_id]  # GroupScore for each role in play
    scores.players[label]  # GroupScore for each player label (a name, or "bot:<policy>")
    scores.objectives      # tuple[ObjectiveRating]: id, text, score, rating ("P"/"S"/"M"/"U"/None)

    card.speed, card.priorities, card.communication, card.total   # 0–100 or None

Every formula and constant lives in :mod:`game.scoring.rules` and is documented for trainees in
``docs/scoring.md``.  No pygame, no clock, no randomness: the same game always gives the same
scores.
"""

from __future__ import annotations

from typing import Any

import attrs

from game.scenario.model import Scenario
from game.scoring.evidence import Evidence, evidence_from_session
from game.scoring.objectives import ObjectiveItem, ObjectiveRating, rate_objectives
from game.scoring.scorecard import Deduction, GroupScore, ScoreCard, Scorer, Strength


@attrs.frozen
class Scores:
    team: GroupScore
    roles: dict[str, GroupScore]
    players: dict[str, GroupScore]
    objectives: tuple[ObjectiveRating, ...]


def score_game(scenario: Scenario, evidence: Evidence, *, explain: bool = True) -> Scores:
    """Score cards for the team, every role in play and every player.

    ``explain=False`` leaves every ``deductions`` and ``strengths`` empty (the numbers are the
    same): for callers that read only the scores, such as ``crisis-sim simulate``."""
    scorer = Scorer(scenario, evidence, explain=explain)
    return Scores(
        team=scorer.group(evidence.roles),
        roles={role: scorer.group((role,)) for role in evidence.roles},
        players={label: scorer.group(roles) for label, roles in evidence.players.items()},
        objectives=rate_objectives(scenario, scorer),
    )


def score_session(session: Any, *, explain: bool = True) -> Scores:
    """:func:`score_game` for a session (reads its scenario, answers, messages and seats)."""
    return score_game(session.scenario, evidence_from_session(session), explain=explain)


__all__ = [
    "Deduction",
    "Evidence",
    "GroupScore",
    "ObjectiveItem",
    "ObjectiveRating",
    "ScoreCard",
    "Scorer",
    "Scores",
    "Strength",
    "evidence_from_session",
    "score_game",
    "score_session",
]
