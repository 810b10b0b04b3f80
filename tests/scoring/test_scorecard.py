"""Example tests: every scoring rule, every deduction kind and every strength, on a small game."""

from __future__ import annotations

import attrs
import pytest

from game.scenario.model import Option, Scoring, Weights
from game.scoring import Deduction, Scores, score_game
from tests.engine.builders import (
    choice,
    metric,
    option,
    rank,
    scenario,
    stakeholder,
    statement,
    turn,
)
from tests.scoring.records import answer, evidence, message, timeout

CM, IA, PR = "crisis_manager", "infosec_analyst", "pr_specialist"


def _why(o: Option, why: str) -> Option:
    return attrs.evolve(o, why=why, text=f"Do {o.id}")


SC = scenario(
    roles=(CM, IA, PR),
    metrics=(metric("trust", 50),),
    flags=("exposed",),
    stakeholders=(
        stakeholder(
            "regulator",
            owner=[CM],
            inform_by=2,
            expects=["facts", "actions"],
            weight=3,
            required_when="flags.exposed",
        ),
        stakeholder("staff", owner=[CM, PR], inform_by=1, expects=["facts"]),
        stakeholder("media", owner=[PR], inform_by=2, expects=["facts", "next_update"], weight=2),
    ),
    statements=(
        statement("ack", ["facts"]),
        statement("acts", ["actions"]),
        statement("update", ["next_update"], contradicts=["no-comment"]),
        statement("no-comment", risk="no_comment"),
        statement("blame", risk="blame"),
        statement("glitch", ["facts"], risk="minimizing", contradicts=["ack"]),
    ),
    turns=(
        turn(
            "T1",
            decisions=[
                choice(
                    "d1",
                    IA,
                    [
                        _why(option("isolate", "best"), "Isolation stops the spread."),
                        _why(option("monitor", "good"), "Watching is slow."),
                        _why(option("reboot", "harmful"), "Destroys evidence."),
                    ],
                    time_limit=60,
                    on_timeout="reboot",
                ),
                rank("r1", CM, ["a", "b", "c", "d"], time_limit=60),
            ],
        ),
        turn(
            "T2",
            decisions=[
                choice(
                    "d2",
                    PR,
                    [option("brief", "best"), option("wait", "poor")],
                    time_limit=40,
                ),
            ],
        ),
        turn("T3"),
        turn("T4"),
    ),
)

PERFECT_ANSWERS = (
    answer("d1", IA, option="isolate", elapsed=5),
    answer("r1", CM, order="abcd", elapsed=5),
    answer("d2", PR, option="brief", elapsed=5, time_limit=40, turn=2),
)
PERFECT_MESSAGES = (
    message(CM, ["staff", "regulator"], ["ack", "acts"], turn=1),
    message(PR, ["media"], ["ack", "update"], turn=1),
)


def play(answers=PERFECT_ANSWERS, messages=PERFECT_MESSAGES, **kw) -> Scores:
    return score_game(SC, evidence(SC, answers, messages, **kw))


def replace(answers, decision: str, new):
    return tuple(new if a.decision == decision else a for a in answers)


def only(scores_ds: tuple[Deduction, ...], kind: str) -> list[Deduction]:
    return [d for d in scores_ds if d.kind == kind]


# --- a perfect game -------------------------------------------------------------------------


def test_a_perfect_game_scores_100_everywhere_and_loses_nothing() -> None:
    s = play()
    for group in (s.team, *s.roles.values(), *s.players.values()):
        c = group.card
        assert (c.speed, c.priorities, c.total) == (100, 100, 100)
        assert group.deductions == ()
    assert s.roles[CM].card.communication == 100
    assert s.roles[PR].card.communication == 100
    assert s.roles[IA].card.communication is None  # owns no stakeholder


def test_a_perfect_game_lists_its_strengths() -> None:
    s = play()
    kinds = {st.kind for st in s.team.strengths}
    assert kinds == {
        "best_option",
        "rank_exact",
        "fast_answer",
        "stakeholder_informed",
        "no_risky_statements",
    }
    best = [st for st in s.roles[IA].strengths if st.kind == "best_option"]
    assert best[0].reason == "Chose “Do isolate” (best): Isolation stops the spread."
    informed = {st.ref: st.reason for st in s.team.strengths if st.kind == "stakeholder_informed"}
    assert (
        informed["media"]
        == "Informed Stakeholder media completely in turn 1, 1 turn before the deadline"
    )
    assert informed["staff"] == "Informed Stakeholder staff completely in turn 1, on the deadline"
    assert "regulator" not in informed  # not required: flags.exposed never held


# --- speed ----------------------------------------------------------------------------------


def test_a_slow_answer_loses_speed_with_its_time_in_the_reason() -> None:
    s = play(replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option="isolate", elapsed=48)))
    assert s.roles[IA].card.speed == pytest.approx(45)
    (d,) = s.roles[IA].deductions
    assert (d.dimension, d.kind, d.points) == ("speed", "slow_answer", pytest.approx(55))
    assert d.reason == "Answered “Decide d1” in 48 s of 60 s"
    assert d.roles == (IA,) and d.ref == "d1" and d.turn == 1
    # The team has three decisions: the same answer costs a third as much there.
    (t,) = s.team.deductions
    assert t.points == pytest.approx(55 / 3)
    assert s.team.card.speed == pytest.approx(100 - 55 / 3)


def test_a_timeout_scores_zero_speed_and_its_on_timeout_option_for_priorities() -> None:
    s = play(replace(PERFECT_ANSWERS, "d1", timeout("d1", IA, applied="reboot")))
    card = s.roles[IA].card
    assert (card.speed, card.priorities) == (0, 0)
    kinds = {d.kind: d for d in s.roles[IA].deductions}
    assert kinds["timeout"].reason == "Let “Decide d1” time out after 60 s"
    assert kinds["timeout_option"].reason == (
        "Time ran out on “Decide d1”, so “Do reboot” (harmful) happened: Destroys evidence."
    )
    assert kinds["timeout_option"].action.startswith("Better: “Do isolate”")


def test_a_timeout_without_on_timeout_scores_zero_priorities() -> None:
    s = play(replace(PERFECT_ANSWERS, "d2", timeout("d2", PR, time_limit=40, turn=2)))
    assert s.roles[PR].card.priorities == 0
    assert [d.kind for d in s.roles[PR].deductions] == ["timeout", "timeout_nothing"]
    assert s.roles[PR].deductions[1].reason == "Time ran out on “Decide d2”: nothing was done"


def test_a_timed_out_good_on_timeout_option_still_earns_its_rating() -> None:
    s = play(replace(PERFECT_ANSWERS, "d1", timeout("d1", IA, applied="monitor")))
    assert s.roles[IA].card.priorities == 70


# --- priorities -----------------------------------------------------------------------------


@pytest.mark.parametrize(("opt", "points"), [("isolate", 100), ("monitor", 70), ("reboot", 0)])
def test_priorities_follow_the_option_rating(opt: str, points: float) -> None:
    s = play(replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option=opt)))
    assert s.roles[IA].card.priorities == points


def test_a_harmful_choice_is_explained_with_its_why() -> None:
    s = play(replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option="reboot")))
    (d,) = only(s.roles[IA].deductions, "option")
    assert d.reason == "Chose “Do reboot” (harmful): Destroys evidence."
    assert d.points == 100 and d.dimension == "priorities"
    assert d.action == "Better: “Do isolate” — Isolation stops the spread."


def test_a_ranking_loses_points_by_pairs_out_of_order() -> None:
    s = play(replace(PERFECT_ANSWERS, "r1", answer("r1", CM, order="bacd")))
    # the first two swapped: the pair weighs 1 of 3 + 2/2 + 1/3
    assert s.roles[CM].card.priorities == pytest.approx(100 * (1 - 1 / (13 / 3)))
    (d,) = only(s.roles[CM].deductions, "rank_order")
    assert d.reason == (
        "Ranked “Rank r1” with 1 of 6 pairs in the wrong order (77 % of the points; "
        "the pairs at the top count most)"
    )
    assert d.action.startswith("Expected order: Item a › Item b › Item c › Item d")


def test_a_timed_out_ranking_scores_zero() -> None:
    s = play(replace(PERFECT_ANSWERS, "r1", timeout("r1", CM)))
    assert s.roles[CM].card.priorities == 0
    assert only(s.roles[CM].deductions, "rank_timeout")


def test_skipped_decisions_are_left_out() -> None:
    s = play(replace(PERFECT_ANSWERS, "d1", answer("d1", IA, skipped=True)))
    card = s.roles[IA].card
    assert (card.speed, card.priorities, card.total, card.decisions) == (None, None, None, 0)
    assert s.team.card.decisions == 2
    assert s.roles[IA].deductions == ()


# --- communication --------------------------------------------------------------------------


def test_a_required_stakeholder_never_informed_loses_its_whole_weight() -> None:
    assert play(required={"regulator", "staff", "media"}).roles[CM].card.communication == 100
    msgs = (message(CM, ["staff"], ["ack"]), PERFECT_MESSAGES[1])
    s = play(messages=msgs, required={"regulator", "staff", "media"})
    # CM owns regulator (3) and half of staff (1 / 2 owners): regulator is 3/3.5 of CM's base.
    (d,) = only(s.roles[CM].deductions, "missing_key_points")
    assert d.reason == "Stakeholder regulator never heard “facts” and “actions” (deadline turn 2)"
    assert d.points == pytest.approx(100 * 3 / 3.5)
    assert d.action == (
        "Cover “facts” and “actions” for Stakeholder regulator by turn 2, e.g. “Statement ack” "
        "and “Statement acts”."
    )
    assert s.roles[CM].card.communication == pytest.approx(100 * 0.5 / 3.5)


def test_required_when_false_at_the_deadline_means_not_scored() -> None:
    msgs = (message(CM, ["staff"], ["ack"]), PERFECT_MESSAGES[1])
    assert play(messages=msgs).roles[CM].card.communication == 100


def test_a_late_key_point_gets_half_credit_one_turn_late() -> None:
    late = (PERFECT_MESSAGES[0], message(PR, ["media"], ["ack", "update"], turn=3))
    s = play(messages=late)
    # media (weight 2) is all of PR's own weight 2 plus half of staff (0.5): 2/2.5 of PR's base.
    assert s.roles[PR].card.communication == pytest.approx(100 * (0.5 + 2 * 0.5) / 2.5)
    (d,) = only(s.roles[PR].deductions, "late")
    assert (
        d.reason
        == "Stakeholder media informed of “facts” and “next_update” in turn 3, deadline turn 2"
    )
    assert d.points == pytest.approx(100 * 2 / 2.5 * 0.5)


def test_two_turns_late_gets_a_quarter_and_three_nothing() -> None:
    msgs = (message(CM, ["staff"], ["ack"], turn=3), PERFECT_MESSAGES[1])
    (d,) = only(play(messages=msgs).team.deductions, "late")
    assert d.reason == "Stakeholder staff informed of “facts” in turn 3, deadline turn 1"
    assert d.points == pytest.approx(100 * 1 / 3 * 0.75)  # staff is 1 of the team's weight 3
    msgs = (message(CM, ["staff"], ["ack"], turn=4), PERFECT_MESSAGES[1])
    (d,) = only(play(messages=msgs).team.deductions, "late")
    assert d.reason.endswith("(too late to count)")
    assert d.points == pytest.approx(100 * 1 / 3)


def test_a_key_point_from_a_non_owner_gets_reduced_credit() -> None:
    msgs = (PERFECT_MESSAGES[0], message(IA, ["media"], ["ack", "update"], turn=1))
    s = play(messages=msgs)
    (d,) = only(s.roles[PR].deductions, "non_owner")
    assert d.reason == (
        "Stakeholder media heard of “facts” and “next_update” from Information Security Analyst, "
        "not from its owner (Public Relations Specialist)"
    )
    assert s.roles[PR].card.communication == pytest.approx(100 * (0.5 + 2 * 0.8) / 2.5)


def test_an_owner_sending_later_but_on_time_restores_full_credit() -> None:
    msgs = (
        PERFECT_MESSAGES[0],
        message(IA, ["media"], ["ack", "update"], turn=1),
        message(PR, ["media"], ["ack", "update"], turn=2),
    )
    assert play(messages=msgs).roles[PR].card.communication == 100


def test_a_stakeholder_without_expects_is_informed_by_any_safe_message() -> None:
    sc = attrs.evolve(SC, stakeholders=(*SC.stakeholders, stakeholder("press", owner=[PR])))
    msgs = (*PERFECT_MESSAGES, message(PR, ["press"], ["no-comment"], turn=1))
    s = score_game(sc, evidence(sc, PERFECT_ANSWERS, msgs))
    missing = only(s.roles[PR].deductions, "missing_key_points")
    assert [d.reason for d in missing] == ["Stakeholder press was never informed (deadline turn 4)"]
    msgs = (*PERFECT_MESSAGES, message(PR, ["press"], ["acts"], turn=3))
    s = score_game(sc, evidence(sc, PERFECT_ANSWERS, msgs))
    assert s.roles[PR].card.communication == 100


def test_a_risky_statement_costs_its_sender_by_kind() -> None:
    msgs = (*PERFECT_MESSAGES, message(PR, ["media", "staff"], ["blame"], turn=2))
    s = play(messages=msgs)
    assert s.roles[PR].card.communication == 85
    assert s.roles[CM].card.communication == 100  # the sender pays, not the other owners
    (d,) = only(s.roles[PR].deductions, "risky_statement")
    assert d.reason == (
        "“Statement blame” (blame) sent to Stakeholder media, Stakeholder staff in turn 2"
    )
    assert d.points == 15 and d.roles == (PR,)
    assert d.action == "Take ownership of the response; leave fault-finding to the investigation."


@pytest.mark.parametrize(
    ("risk", "points"),
    [
        ("confidential", 20),
        ("blame", 15),
        ("liability", 15),
        ("speculation", 10),
        ("minimizing", 10),
        ("no_comment", 5),
    ],
)
def test_risk_penalties_by_kind(risk: str, points: float) -> None:
    sc = attrs.evolve(SC, statements=(*SC.statements, statement("risky", risk=risk)))
    msgs = (*PERFECT_MESSAGES, message(PR, ["media"], ["risky"], turn=2))
    s = score_game(sc, evidence(sc, PERFECT_ANSWERS, msgs))
    assert s.roles[PR].card.communication == 100 - points


def test_risky_statements_cover_nothing() -> None:
    msgs = (message(CM, ["staff"], ["glitch"], turn=1), PERFECT_MESSAGES[1])
    s = play(messages=msgs)
    assert only(s.team.deductions, "missing_key_points")[0].ref == "staff"


def test_contradicting_statements_cost_the_sender_of_the_risky_one() -> None:
    msgs = (*PERFECT_MESSAGES, message(CM, ["media"], ["glitch"], turn=2))
    s = play(messages=msgs)
    (c,) = only(s.roles[CM].deductions, "contradiction")
    assert c.points == 10
    assert c.reason == "“Statement glitch” contradicts “Statement ack”, and both were sent"
    assert not only(s.roles[PR].deductions, "contradiction")  # PR only said the true thing
    # The team's penalty is the mean of its three roles' penalties: CM's 10 + 10.
    assert s.team.card.penalties == pytest.approx((10 + 10) / 3)
    assert s.team.card.communication == pytest.approx(100 - 20 / 3)


def test_contradicting_safe_statements_cost_every_sender() -> None:
    sc = attrs.evolve(
        SC,
        statements=(
            *SC.statements,
            statement("soon", ["next_update"], contradicts=["update"]),
        ),
    )
    msgs = (*PERFECT_MESSAGES, message(CM, ["staff"], ["soon"], turn=2))
    s = score_game(sc, evidence(sc, PERFECT_ANSWERS, msgs))
    assert only(s.roles[CM].deductions, "contradiction")
    assert only(s.roles[PR].deductions, "contradiction")
    (team,) = only(s.team.deductions, "contradiction")
    assert team.roles == (CM, PR) and team.points == pytest.approx(10 * 2 / 3)


def test_a_role_without_stakeholders_pays_for_risky_statements_on_its_total() -> None:
    msgs = (*PERFECT_MESSAGES, message(IA, ["media"], ["blame"], turn=2))
    s = play(messages=msgs)
    card = s.roles[IA].card
    assert card.communication is None
    assert card.total == pytest.approx(100 - 0.30 * 15)
    (d,) = s.roles[IA].deductions
    assert (d.dimension, d.kind, d.points) == ("total", "risky_statement", pytest.approx(4.5))


def test_the_team_penalty_is_the_mean_of_the_roles_penalties() -> None:
    msgs = (*PERFECT_MESSAGES, message(PR, ["media"], ["blame"]), message(IA, ["staff"], ["blame"]))
    s = play(messages=msgs)
    assert s.team.card.penalties == pytest.approx((0 + 15 + 15) / 3)
    assert [round(d.points, 2) for d in only(s.team.deductions, "risky_statement")] == [5, 5]
    players = {CM: "Ana", IA: "Ana", PR: "Ben"}
    assert play(messages=msgs, players=players).players["Ana"].card.penalties == 7.5


def test_communication_is_clamped_at_zero() -> None:
    msgs = (*PERFECT_MESSAGES, *[message(PR, ["media"], ["blame"], turn=2)] * 10)
    assert play(messages=msgs).roles[PR].card.communication == 0


# --- groups: team and players ---------------------------------------------------------------


def test_team_speed_and_priorities_are_decision_weighted_means_of_the_roles() -> None:
    answers = (
        answer("d1", IA, option="monitor", elapsed=30),
        answer("r1", CM, order="dcba", elapsed=50),
        timeout("d2", PR, time_limit=40, turn=2),
    )
    s = play(answers)
    for dim in ("speed", "priorities"):
        roles = [g.card for g in s.roles.values() if g.card.decisions]
        mean = sum(c.get(dim) * c.decisions for c in roles) / sum(c.decisions for c in roles)
        assert s.team.card.get(dim) == pytest.approx(mean)


def test_team_communication_base_is_the_owned_weight_weighted_mean_of_the_roles() -> None:
    msgs = (message(CM, ["staff"], ["ack"], turn=2), message(IA, ["media"], ["ack"], turn=1))
    s = play(messages=msgs, required={"regulator", "staff", "media"})
    roles = [g.card for g in s.roles.values() if g.card.comm_base is not None]
    mean = sum(c.comm_base * c.comm_weight for c in roles) / sum(c.comm_weight for c in roles)
    assert s.team.card.comm_base == pytest.approx(mean)
    assert s.team.card.comm_weight == pytest.approx(3 + 1 + 2)


def test_deductions_add_up_to_the_points_lost() -> None:
    answers = (
        answer("d1", IA, option="monitor", elapsed=30),
        answer("r1", CM, order="bacd", elapsed=50),
        timeout("d2", PR, time_limit=40, turn=2),
    )
    msgs = (message(CM, ["staff"], ["ack"], turn=2), message(IA, ["media"], ["ack"], turn=1))
    s = play(answers, msgs, required={"regulator", "staff", "media"})
    for group in (s.team, *s.roles.values()):
        for dim in ("speed", "priorities", "communication"):
            score = group.card.get(dim)
            if score is None:
                continue
            lost = sum(d.points for d in group.deductions if d.dimension == dim)
            assert 100 - score == pytest.approx(lost), (group.roles, dim)


def test_a_player_holding_two_roles_is_scored_over_both() -> None:
    players = {CM: "Ana", IA: "Ana", PR: "Ben"}
    answers = replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option="reboot"))
    s = play(answers, players=players)
    assert set(s.players) == {"Ana", "Ben"}
    assert s.players["Ana"].roles == (CM, IA)
    assert s.players["Ana"].card.priorities == 50
    assert s.players["Ben"].card.priorities == 100


def test_scenario_weights_set_the_total() -> None:
    sc = attrs.evolve(SC, scoring=Scoring(Weights(0.5, 0.5, 0.0)))
    answers = replace(PERFECT_ANSWERS, "d1", answer("d1", IA, option="reboot", elapsed=48))
    s = score_game(sc, evidence(sc, answers, PERFECT_MESSAGES))
    # a harmful answer earns no speed credit: 25 however fast it came
    assert s.roles[IA].card.total == pytest.approx(0.5 * 25 + 0.5 * 0)
