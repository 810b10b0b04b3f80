"""Objectives are rated P/S/M/U from the scores of the decisions and stakeholders they measure."""

from __future__ import annotations

import attrs
import pytest

from game.scenario.model import Objective
from game.scoring import score_game
from tests.scoring.records import answer, evidence, message, timeout
from tests.scoring.test_scorecard import CM, IA, PERFECT_ANSWERS, PERFECT_MESSAGES, PR, SC, replace

OBJECTIVES = (
    Objective("contain", "Contain it.", ("d1",)),
    Objective("tell", "Tell people.", ("media", "staff")),
    Objective("mixed", "Both.", ("d1", "media")),
    Objective("regulator", "Tell the regulator.", ("regulator",)),
)
SCO = attrs.evolve(SC, objectives=OBJECTIVES)


def rate(answers=PERFECT_ANSWERS, messages=PERFECT_MESSAGES, **kw):
    return {o.id: o for o in score_game(SCO, evidence(SCO, answers, messages, **kw)).objectives}


def test_a_perfect_game_performs_every_objective() -> None:
    r = rate(required={"regulator", "staff", "media"})
    assert {k: (o.score, o.rating) for k, o in r.items()} == {
        "contain": (100, "P"),
        "tell": (100, "P"),
        "mixed": (100, "P"),
        "regulator": (100, "P"),
    }


@pytest.mark.parametrize(
    ("opt", "elapsed", "rating"),
    [
        ("isolate", 5, "P"),  # 100
        ("monitor", 5, "S"),  # (0.45*70 + 0.25*100) / 0.7 = 80.7
        ("monitor", 60, "M"),  # (0.45*70 + 0.25*25) / 0.7 = 53.9
        # (0.45*0 + 0.25*25) / 0.7 = 8.9: no speed credit for a harmful answer; but the
        # task was performed, badly, so M, not U (U is kept for tasks not performed)
        ("reboot", 5, "M"),
    ],
)
def test_a_decision_is_rated_by_its_priorities_and_speed(
    opt: str, elapsed: float, rating: str
) -> None:
    r = rate(replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option=opt, elapsed=elapsed)))
    assert r["contain"].rating == rating


def test_a_stakeholder_is_rated_by_its_communication_less_what_went_wrong_with_it() -> None:
    msgs = (*PERFECT_MESSAGES, message(PR, ["media"], ["blame"], turn=2))
    r = rate(messages=msgs)
    media = next(i for i in r["tell"].items if i.id == "media")
    assert media.score == 85
    assert r["tell"].score == pytest.approx((85 + 100) / 2)


def test_items_that_did_not_come_up_are_left_out() -> None:
    r = rate(replace(PERFECT_ANSWERS, "d1", answer("d1", IA, skipped=True)))
    assert r["contain"].score is None and r["contain"].rating is None
    assert r["mixed"].score == 100  # only media counts
    assert r["regulator"].rating is None  # not required: flags.exposed never held
    (item,) = r["regulator"].items
    assert (item.kind, item.score) == ("stakeholder", None)


def test_a_timed_out_decision_lowers_its_objective() -> None:
    r = rate(replace(PERFECT_ANSWERS, "d1", timeout("d1", IA, applied="reboot")))
    assert r["contain"].score == 0 and r["contain"].rating == "U"


def test_u_only_when_nothing_the_objective_measures_was_performed() -> None:
    harmful = replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option="reboot", elapsed=80))
    timed_out = replace(PERFECT_ANSWERS, "d1", timeout("d1", IA, applied="reboot"))
    # mixed = d1 and media: a harmful answer is a task performed (badly): M at worst
    r = rate(harmful, messages=())
    assert r["mixed"].score < 40 and r["mixed"].rating == "M"
    assert r["contain"].rating == "M"
    # time ran out and nobody told the media: nothing was performed
    r = rate(timed_out, messages=())
    assert r["mixed"].score < 40 and r["mixed"].rating == "U"


def test_objective_meaning_is_the_hseep_wording() -> None:
    r = rate()
    assert r["contain"].meaning == "Performed without challenges"
    assert rate(messages=())["tell"].meaning == "Unable to be performed"
    assert CM in SCO.roles_in_play
