"""The rules that make the score measure judgement, each on the small game of test_scorecard.

No speed credit for a wrong answer; decisions not about speed; stakes (weights); recipient-aware
and public risk costs; personal data; noise, blanket sends and buried key points; messages lost
to a down channel.
"""

from __future__ import annotations

import attrs
import pytest

from game.scenario.model import Scenario
from game.scoring import Scores, rules, score_game
from tests.engine.builders import stakeholder, statement
from tests.scoring.records import answer, evidence, message
from tests.scoring.test_scorecard import (
    CM,
    IA,
    PERFECT_ANSWERS,
    PERFECT_MESSAGES,
    PR,
    SC,
    only,
    replace,
)


def play(sc: Scenario = SC, answers=PERFECT_ANSWERS, messages=PERFECT_MESSAGES, **kw) -> Scores:
    return score_game(sc, evidence(sc, answers, messages, **kw))


def with_decision(sc: Scenario, decision: str, **changes) -> Scenario:
    turns = tuple(
        attrs.evolve(
            t,
            decisions=tuple(
                attrs.evolve(d, **changes) if d.id == decision else d for d in t.decisions
            ),
        )
        for t in sc.turns
    )
    return attrs.evolve(sc, turns=turns)


def lost(scores: Scores, role: str, dimension: str) -> float:
    return sum(d.points for d in scores.roles[role].deductions if d.dimension == dimension)


# --- speed ------------------------------------------------------------------------------------


@pytest.mark.parametrize("opt", ["reboot"])
def test_a_wrong_answer_earns_no_speed_however_fast(opt: str) -> None:
    fast = play(answers=replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option=opt, elapsed=1)))
    slow = play(answers=replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option=opt, elapsed=59)))
    assert fast.roles[IA].card.speed == slow.roles[IA].card.speed == rules.SPEED_AT_LIMIT
    (d,) = only(fast.roles[IA].deductions, "no_speed_credit")
    assert d.points == pytest.approx(100 - rules.SPEED_AT_LIMIT)
    assert "speed counts only for a best or good answer" in d.reason
    assert "faster" not in d.action and "within" not in d.action
    assert not only(fast.roles[IA].deductions, "slow_answer")


def test_a_good_answer_still_earns_speed() -> None:
    s = play(answers=replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option="monitor", elapsed=5)))
    assert s.roles[IA].card.speed == 100


def test_a_decision_not_about_speed_is_left_out_of_speed_and_never_hurried() -> None:
    sc = with_decision(SC, "d1", speed_counts=False)
    slow = replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option="isolate", elapsed=59))
    s = play(sc, answers=slow)
    ia = s.roles[IA]
    assert ia.card.speed is None and ia.card.priorities == 100
    assert not [d for d in ia.deductions if d.dimension == "speed"]
    assert not [x for x in ia.strengths if x.dimension == "speed"]
    # the team's speed is the other decisions' only
    assert s.team.card.speed == 100
    # and its objective score is its priorities alone
    from game.scoring.scorecard import Scorer

    assert Scorer(sc, evidence(sc, slow, PERFECT_MESSAGES)).decision_score("d1") == 100


def test_decision_weights_are_the_stakes() -> None:
    sc = with_decision(SC, "d1", weight=3)
    wrong = replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option="reboot", elapsed=5))
    s = play(sc, answers=wrong)
    # team priorities: (3 × 0 + 1 × 100 + 1 × 100) / 5
    assert s.team.card.priorities == pytest.approx(40)
    assert play(answers=wrong).team.card.priorities == pytest.approx(200 / 3)
    # the deductions still add up to what was lost
    team_lost = sum(d.points for d in s.team.deductions if d.dimension == "priorities")
    assert team_lost == pytest.approx(100 - s.team.card.priorities)


# --- recipients and risk ----------------------------------------------------------------------


def _risky_scenario(**board) -> Scenario:
    extra = (
        stakeholder("board", owner=[CM], inform_by=2, expects=["cost"]),
        stakeholder("press", owner=[PR], inform_by=4),
    )
    extra = (attrs.evolve(extra[0], **board), extra[1])
    statements = (
        *SC.statements,
        attrs.evolve(statement("amount", ["cost"], risk="confidential")),
        statement("victim", risk="personal_data"),
    )
    return attrs.evolve(SC, stakeholders=(*SC.stakeholders, *extra), statements=statements)


def test_a_stakeholder_that_may_hear_a_risk_hears_it_free_and_it_counts() -> None:
    sc = _risky_scenario(may_hear=("confidential",))
    told = (*PERFECT_MESSAGES, message(CM, ["board"], ["amount"]))
    s = play(sc, messages=told, required={"staff", "media", "board"})
    assert not only(s.roles[CM].deductions, "risky_statement")
    assert s.roles[CM].card.communication == 100  # the Board's "cost" is covered


def test_the_same_statement_costs_when_someone_else_hears_it_too() -> None:
    sc = _risky_scenario(may_hear=("confidential",))
    told = (*PERFECT_MESSAGES, message(CM, ["board", "press"], ["amount"]))
    s = play(sc, messages=told, required={"staff", "media", "board"})
    (d,) = only(s.roles[CM].deductions, "risky_statement")
    assert d.points == rules.RISK_PENALTY["confidential"]
    assert "sent to Stakeholder press in turn 1" in d.reason  # names who should not have heard


def test_without_clearance_a_risky_statement_covers_nothing() -> None:
    sc = _risky_scenario()
    told = (*PERFECT_MESSAGES, message(CM, ["board"], ["amount"]))
    s = play(sc, messages=told, required={"staff", "media", "board"})
    assert only(s.roles[CM].deductions, "risky_statement")
    assert only(s.roles[CM].deductions, "missing_key_points")


def test_cleared_for_clears_one_statement_for_one_stakeholder() -> None:
    sc = _risky_scenario()
    statements = tuple(
        attrs.evolve(x, cleared_for=("board",)) if x.id == "amount" else x for x in sc.statements
    )
    sc = attrs.evolve(sc, statements=statements)
    told = (*PERFECT_MESSAGES, message(CM, ["board"], ["amount"]))
    s = play(sc, messages=told, required={"staff", "media", "board"})
    assert not only(s.roles[CM].deductions, "risky_statement")
    assert s.roles[CM].card.communication == 100


@pytest.mark.parametrize(
    ("to", "channel", "penalty"),
    [
        (["board"], "email", 20),  # private
        (["board"], "press_release", 35),  # a public channel
        (["board"], "social", 35),
        (["press"], "email", 35),  # a stakeholder whose hearing is published
    ],
)
def test_personal_data_costs_most_in_public(to: list[str], channel: str, penalty: float) -> None:
    sc = _risky_scenario()
    sc = attrs.evolve(
        sc,
        stakeholders=tuple(
            attrs.evolve(x, public=True) if x.id == "press" else x for x in sc.stakeholders
        ),
    )
    told = (*PERFECT_MESSAGES, message(PR, to, ["victim"], channel=channel))
    s = play(sc, messages=told)
    (d,) = only(s.roles[PR].deductions, "risky_statement")
    assert d.points == penalty
    assert ("in public" in d.reason) == (penalty == 35)


# --- noise -------------------------------------------------------------------------------------


def test_a_message_with_nothing_a_recipient_needs_costs_its_sender() -> None:
    told = (*PERFECT_MESSAGES, message(PR, ["regulator"], ["update"], turn=2))
    s = play(messages=told, required={"staff", "media"})
    (d,) = only(s.roles[PR].deductions, "noise")
    assert d.points == rules.NOISE_PENALTY and d.dimension == "communication"
    assert "nothing in it that Stakeholder regulator needed" in d.reason
    assert s.team.card.penalties == pytest.approx(rules.NOISE_PENALTY / 3)


def test_a_blanket_send_costs_for_every_recipient_beyond_three() -> None:
    sc = _risky_scenario()
    everyone = [x.id for x in sc.stakeholders]  # five
    told = (message(CM, everyone, ["ack", "acts", "update"]),)
    s = play(sc, messages=told)
    (d,) = only(s.roles[CM].deductions, "noise")
    assert d.points == pytest.approx(rules.BROADCAST_PENALTY * 2 + rules.NOISE_PENALTY)
    assert "sent to 5 stakeholders at once" in d.reason


def test_a_key_point_buried_among_unneeded_statements_is_worth_less() -> None:
    focused = (message(CM, ["staff"], ["ack"]), message(PR, ["media"], ["ack", "update"]))
    buried = (message(CM, ["staff"], ["ack", "acts", "update"]), focused[1])
    # staff expects facts: acts and update are two it does not need; the first is free
    s = play(messages=buried, required={"staff", "media"})
    sf = play(messages=focused, required={"staff", "media"})
    assert sf.roles[CM].card.communication == 100
    (d,) = only(s.roles[CM].deductions, "buried")
    assert "in a message with 2 statements it did not need" in d.reason
    # quality of staff: 1 × focus 1 / (1 + 1) = 0.5, staff is the CM's only required one
    assert s.roles[CM].card.comm_base == pytest.approx(50)
    # adding a focused message makes up for it
    both = play(messages=(*buried, focused[0]), required={"staff", "media"})
    assert both.roles[CM].card.communication == 100


# --- down channels -----------------------------------------------------------------------------


def test_an_undelivered_message_informs_nobody_and_costs_nothing() -> None:
    lost_msgs = (
        message(CM, ["staff", "regulator"], ["ack", "acts"], delivered=False),
        message(PR, ["media"], ["ack", "update", "blame"], delivered=False),
    )
    s = play(messages=lost_msgs, required={"staff", "media"})
    assert s.team.card.penalties == 0
    assert s.team.card.communication == 0
    assert not only(s.roles[PR].deductions, "risky_statement")
    assert not only(s.team.deductions, "noise")


def test_explain_false_gives_the_same_numbers_without_text() -> None:
    told = (*PERFECT_MESSAGES, message(IA, ["regulator"], ["update", "blame"], turn=2))
    wrong = replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option="reboot", elapsed=50))
    full = score_game(SC, evidence(SC, wrong, told))
    bare = score_game(SC, evidence(SC, wrong, told), explain=False)
    assert bare.team.card == full.team.card
    assert {r: g.card for r, g in bare.roles.items()} == {r: g.card for r, g in full.roles.items()}
    assert bare.objectives == full.objectives
    assert full.team.deductions and not bare.team.deductions and not bare.team.strengths
    assert lost(full, IA, "speed") == pytest.approx(100 - full.roles[IA].card.speed)
