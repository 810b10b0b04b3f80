"""Exercise objectives rated on the HSEEP scale (P, S, M, U) from what they measure.

Each measured id is scored on 0–100: a decision by its priorities and speed points, weighted as
in the total; a stakeholder by the quality of its communication less the penalties of risky and
contradicting statements that reached it.  Items that did not come up in this game (a decision
never asked or skipped by the facilitator, a stakeholder not required) are left out; the
objective's score is the mean of the rest and its rating follows :data:`rules.HSEEP_THRESHOLDS`,
except that U ("unable to be performed") is kept for an objective none of whose tasks was
performed: a decision answered or a message delivered makes it at least M.
An objective with nothing left to measure is not rated (``rating`` None).
"""

from __future__ import annotations

import attrs

from game.i18n import _
from game.scenario.model import Scenario
from game.scoring import rules
from game.scoring.scorecard import Scorer


@attrs.frozen
class ObjectiveItem:
    """One measured decision or stakeholder; ``score`` None when it did not come up."""

    id: str
    kind: str  # "decision" | "stakeholder"
    label: str
    score: float | None


@attrs.frozen
class ObjectiveRating:
    id: str
    text: str
    score: float | None
    rating: str | None
    items: tuple[ObjectiveItem, ...] = ()

    @property
    def meaning(self) -> str:
        """What the rating means, in the reader's language."""
        if self.rating in rules.HSEEP_MEANING:
            return rules.HSEEP_MEANING[self.rating]
        return _("Not rated: nothing it measures came up")


def rate_objectives(scenario: Scenario, scorer: Scorer) -> tuple[ObjectiveRating, ...]:
    out = []
    for objective in scenario.objectives:
        items = []
        for ref in objective.measures:
            decision = scenario.decision_by_id.get(ref)
            if decision is not None:
                items.append(
                    ObjectiveItem(ref, "decision", decision.prompt, scorer.decision_score(ref))
                )
                continue
            stakeholder = scenario.stakeholder_by_id.get(ref)
            if stakeholder is not None:
                items.append(
                    ObjectiveItem(
                        ref, "stakeholder", stakeholder.name, scorer.stakeholder_score(ref)
                    )
                )
        scored = [i.score for i in items if i.score is not None]
        score = sum(scored) / len(scored) if scored else None
        performed = any(scorer.performed(i.id) for i in items if i.score is not None)
        out.append(
            ObjectiveRating(
                objective.id,
                objective.text,
                score,
                rules.hseep_rating(score, performed) if score is not None else None,
                tuple(items),
            )
        )
    return tuple(out)
