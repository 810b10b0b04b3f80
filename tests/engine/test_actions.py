"""Actions: accepted ones return past-tense events; refused ones name the problem and change
nothing."""

from __future__ import annotations

import time

import pytest

from game.engine import (
    AddInject,
    Advance,
    Answer,
    EndTurn,
    ExtendTimer,
    Pause,
    Present,
    Rank,
    Resume,
    SendMessage,
    SkipDecision,
)
from game.engine import actions as act
from game.engine import errors as err
from game.engine import events as ev
from tests.engine.builders import CM, IA, ransomware
from tests.engine.harness import Game

ORDER = ("people", "contain", "holding", "restore")


@pytest.fixture
def g() -> Game:
    game = Game(ransomware())
    game.do(Present(CM))
    game.do(Present(IA))
    game.advance(3)
    return game


def test_answer_applies_the_option_and_records_it(g):
    events = g.do(Answer(IA, "first-containment", "isolate"))
    assert events == [
        ev.DecisionAnswered("first-containment", IA, "isolate", 3.0),
        ev.EffectsApplied(
            "first-containment.isolate", (("containment", 30),), ("segments_isolated",), ()
        ),
    ]
    assert g.s.chosen == {"first-containment": "isolate"}
    [rec] = g.s.answers
    assert (rec.option, rec.applied_option, rec.shown_at, rec.answered_at) == (
        "isolate",
        "isolate",
        0.0,
        3.0,
    )
    assert (rec.time_limit, rec.elapsed, rec.timed_out, rec.skipped) == (60, 3.0, False, False)
    assert g.s.pending(IA) == []


def test_rank_records_the_order_and_counts_as_chosen(g):
    events = g.do(Rank(CM, "priorities", ["contain", "people", "holding", "restore"]))
    assert events == [
        ev.RankSubmitted("priorities", CM, ("contain", "people", "holding", "restore"), 3.0)
    ]
    [rec] = g.s.answers
    assert rec.order == ("contain", "people", "holding", "restore") and rec.option is None
    assert g.s.chosen["priorities"] is not None


REFUSED = [
    (Answer("pr_specialist", "first-containment", "isolate"), err.UnknownRole, "not in play"),
    (Answer("nobody", "first-containment", "isolate"), err.UnknownRole, "'nobody'"),
    (Answer(CM, "first-containment", "isolate"), err.WrongRole, "belongs to infosec_analyst"),
    (Answer(IA, "first-containment", "isolat"), err.UnknownOption, 'did you mean "isolate"'),
    (Answer(IA, "first-contaiment", "isolate"), err.UnknownDecision, "no decision"),
    (Answer(IA, "restore", "from-backup"), err.DecisionNotPending, "belongs to turn 2"),
    (Answer(CM, "priorities", "people"), err.WrongDecisionKind, "use Rank"),
    (Rank(IA, "first-containment", ("a",)), err.WrongDecisionKind, "use Answer"),
    (Rank(CM, "priorities", ("people", "contain")), err.InvalidOrder, "missing: holding"),
    (Rank(CM, "priorities", (*ORDER, "people")), err.InvalidOrder, "listed twice: people"),
    (Rank(CM, "priorities", ("x", *ORDER[1:])), err.InvalidOrder, "unknown: x"),
    (SendMessage(CM, (), "email", ("ack-incident",)), err.InvalidMessage, "at least one"),
    (SendMessage(CM, ("press",), "email", ()), err.InvalidMessage, "at least one"),
    (SendMessage(CM, ("press", "press"), "email", ("ack-incident",)), err.InvalidMessage, "twice"),
    (SendMessage(CM, ("presss",), "email", ("ack-incident",)), err.UnknownStakeholder, "press"),
    (SendMessage(CM, ("press",), "fax", ("ack-incident",)), err.InvalidMessage, "not a message"),
    (SendMessage(CM, ("press",), "email", ("ack",)), err.UnknownStatement, "no statement"),
    (SendMessage(CM, ("press",), "email", ("restored",)), err.StatementNotUsable, "only while"),
    (SendMessage(CM, "press", "email", ("ack-incident",)), err.InvalidMessage, "list of ids"),
    (EndTurn(CM), err.DecisionsStillPending, "priorities"),
    (Resume(), err.PauseStateError, "not paused"),
    (ExtendTimer("first-containment", 0), err.InvalidTimerExtension, "more than 0"),
    (ExtendTimer("first-containment", float("nan")), err.InvalidTimerExtension, "nan"),
    (ExtendTimer("first-containment", True), err.InvalidTimerExtension, "True"),
    (ExtendTimer("restore", 10), err.DecisionNotPending, "turn 2"),
    (SkipDecision("nope"), err.UnknownDecision, "no decision"),
    (AddInject("  ", "body"), err.InvalidInject, "headline"),
    (AddInject("H", "body", "fax"), err.InvalidInject, "not an inject channel"),
    (AddInject("H", "body", "email", ("pr_specialist",)), err.InvalidInject, "not a role in play"),
    (AddInject("H", "body", "email", ()), err.InvalidInject, "non-empty"),
    ("answer isolate", err.InvalidAction, "not an action"),
]


@pytest.mark.parametrize(("action", "error", "words"), REFUSED, ids=lambda x: str(x)[:40])
def test_invalid_action_is_refused_with_a_clear_message_and_changes_nothing(
    g, action, error, words
):
    before = g.s.snapshot()
    with pytest.raises(error) as info:
        g.do(action)
    assert isinstance(info.value, err.ActionError)
    assert words in str(info.value)
    assert g.s.snapshot() == before


def test_answering_twice_is_refused(g):
    g.do(Answer(IA, "first-containment", "isolate"))
    with pytest.raises(err.DecisionNotPending, match="already answered in turn 1"):
        g.do(Answer(IA, "first-containment", "monitor"))


def test_answer_before_present_is_refused():
    game = Game(ransomware())
    with pytest.raises(err.NotPresented, match=r"send Present\('infosec_analyst'\)"):
        game.do(Answer(IA, "first-containment", "isolate"))


def test_decision_whose_condition_failed_is_not_pending():
    game = Game(ransomware())
    for r in (CM, IA):
        game.do(Present(r))
    game.do(Rank(CM, "priorities", ORDER))
    game.do(Answer(IA, "first-containment", "isolate"))
    game.do(EndTurn(CM))
    game.do(EndTurn(IA))
    with pytest.raises(err.DecisionNotPending, match="condition did not hold"):
        game.do(Answer(CM, "notify", "now"))


def test_role_that_ended_its_turn_cannot_act_again(g):
    g.do(Rank(CM, "priorities", ORDER))
    g.do(EndTurn(CM))
    with pytest.raises(err.TurnAlreadyEnded, match="already ended turn 1"):
        g.do(SendMessage(CM, ("press",), "email", ("ack-incident",)))
    with pytest.raises(err.TurnAlreadyEnded):
        g.do(EndTurn(CM))


def test_every_action_is_refused_once_the_game_is_over():
    from tests.engine.builders import scenario, turn

    game = Game(scenario(turns=[turn()], roles=[CM]))
    game.do(EndTurn(CM))
    for a in (EndTurn(CM), Pause(), Advance(), AddInject("H", "B")):
        with pytest.raises(err.GameOver, match="the game is over"):
            game.do(a)


def test_accepted_actions_are_logged_with_their_time_and_refused_ones_are_not(g):
    n = len(g.s.log)
    with pytest.raises(err.ActionError):
        g.do(Answer(IA, "first-containment", "nope"))
    assert len(g.s.log) == n
    g.advance(2)
    g.do(Answer(IA, "first-containment", "isolate"))
    assert g.s.log[-1].at == 5.0
    assert g.s.log[-1].action == Answer(IA, "first-containment", "isolate")


def test_skip_resolves_without_effects_and_chosen_is_none(g):
    events = g.do(SkipDecision("first-containment"))
    assert events == [ev.DecisionSkipped("first-containment", IA)]
    assert g.s.chosen == {"first-containment": None}
    [rec] = g.s.answers
    assert rec.skipped and rec.applied_option is None and rec.answered_at is None
    assert g.s.metrics["containment"] == 0


ALL_ACTIONS = [
    Answer(IA, "d", "o"),
    Rank(CM, "d", ("a", "b")),
    SendMessage(CM, ("s1", "s2"), "email", ("x",)),
    EndTurn(CM),
    Present(IA),
    Pause(),
    Resume(),
    ExtendTimer("d", 12.5),
    SkipDecision("d"),
    AddInject("Headline", "Body", "phone", (CM,)),
    AddInject("Headline", "Body"),
    Advance(),
]


@pytest.mark.parametrize("action", ALL_ACTIONS, ids=lambda a: type(a).__name__)
def test_actions_round_trip_through_json(action):
    data = act.to_json(action)
    assert data["type"] == action.TYPE
    assert act.from_json(data) == action


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ([], "must be an object"),
        ({"type": "dance"}, "unknown action type 'dance'"),
        ({"type": "answer", "role": CM, "decision": "d"}, "missing field(s) option"),
        ({"type": "answer", "role": CM, "decision": "d", "option": 3}, '"option" must be text'),
        ({"type": "end_turn", "role": CM, "extra": 1}, "unknown field(s) extra"),
        ({"type": "rank", "role": CM, "decision": "d", "order": "ab"}, "list of ids"),
        ({"type": "rank", "role": CM, "decision": "d", "order": [1]}, "found 1 in it"),
        ({"type": "extend_timer", "decision": "d", "seconds": "5"}, "finite number"),
        ({"type": "extend_timer", "decision": "d", "seconds": True}, "finite number"),
    ],
)
def test_malformed_action_json_is_refused_with_a_clear_message(data, words):
    with pytest.raises(err.InvalidAction) as info:
        act.from_json(data)
    assert words in str(info.value)


def test_events_serialise_to_json_dicts():
    e = ev.EffectsApplied("x.y", (("trust", -5),), ("f",), ())
    assert ev.to_json(e) == {
        "type": "effects_applied",
        "source": "x.y",
        "changes": [["trust", -5]],
        "set": ["f"],
        "clear": [],
    }


# --- many ids from outside (issue #13: order.count made these quadratic) ----------------------


def test_rank_with_too_many_ids_is_refused_at_once(g):
    order = tuple(f"x{i % 50_000}" for i in range(200_000)) + ORDER
    start = time.perf_counter()
    with pytest.raises(err.InvalidOrder, match=r"lists 200,004 ids \(it has 4 items\)"):
        g.do(Rank(CM, "priorities", order))
    assert time.perf_counter() - start < 2.0


def test_rank_errors_are_linear_and_short(g):
    order = tuple(f"x{i % 300}" for i in range(996)) + ORDER  # within the 1,000-id limit
    with pytest.raises(err.InvalidOrder) as exc:
        g.do(Rank(CM, "priorities", order))
    message = str(exc.value)
    assert "unknown: x0, x1, x2" in message and "and 290 more" in message
    assert "listed twice: x0, x1" in message
    assert len(message) < 1000


def test_send_with_many_or_huge_ids_is_refused_fast_and_short(g):
    start = time.perf_counter()
    with pytest.raises(err.InvalidMessage, match="200,000 ids in one message"):
        g.do(SendMessage(CM, ("staff",) * 200_000, "email", ("facts",)))
    huge = ("x" * 100_000,) * 900
    with pytest.raises(err.InvalidMessage) as exc:
        g.do(SendMessage(CM, huge, "email", ("facts",)))
    assert time.perf_counter() - start < 2.0
    assert "listed twice in one message: xxxxx" in str(exc.value)
    assert len(str(exc.value)) < 300
    with pytest.raises(err.InvalidMessage, match=r"must be a list of ids, found 1 in it$"):
        g.do(SendMessage(CM, [1] * 500, "email", ("facts",)))  # type: ignore[list-item]
