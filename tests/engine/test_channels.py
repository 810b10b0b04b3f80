"""Channels that are down: a message over one is recorded, not delivered, and the sender told."""

from __future__ import annotations

import attrs

from game.engine import Answer, Present, SendMessage, Session
from game.engine import events as ev
from game.engine.bots import play_game
from game.scenario.conditions import Condition
from game.scenario.model import Channel
from game.scoring import score_game, score_session
from tests.engine.builders import CM, IA, ransomware
from tests.engine.harness import Game

DOWN = Channel("email", Condition.parse("not flags.segments_isolated"), "Email is encrypted.")


def game(through_save: bool = False, tmp_path=None) -> Game:
    sc = attrs.evolve(ransomware(), channels=(DOWN,))
    g = Game(sc, through_save=through_save, tmp_path=tmp_path)
    g.do(Present(CM))
    g.do(Present(IA))
    g.advance(3)
    return g


def test_a_message_over_a_down_channel_is_not_delivered_and_the_sender_is_told() -> None:
    g = game()
    assert g.s.channel_down("email") == "Email is encrypted."
    assert g.s.channel_down("phone") is None
    events = g.do(SendMessage(CM, ("employees",), "email", ("ack-incident", "blame-vendor")))
    (e,) = events
    assert isinstance(e, ev.MessageNotDelivered)
    assert e.text == "Not delivered: email is down. Email is encrypted."
    assert ev.to_json(e)["type"] == "message_not_delivered"
    (m,) = g.s.messages
    assert not m.delivered and m.channel == "email"
    # nobody was informed, nothing was covered, the statement's effects did not apply
    status = {x.stakeholder.id: x for x in g.s.stakeholder_status()}
    assert status["employees"].informed_turn is None and not status["employees"].covered
    assert g.s.metrics["public_trust"] == 68  # only the inject's -2, not blame-vendor's -5
    assert g.s.sent_statements() == set()


def test_another_channel_works_and_the_channel_comes_back_up() -> None:
    g = game()
    (sent, *_) = g.do(SendMessage(CM, ("employees",), "phone", ("ack-incident",)))
    assert isinstance(sent, ev.MessageSent)
    g.do(Answer(IA, "first-containment", "isolate"))  # sets segments_isolated
    assert g.s.channel_down("email") is None
    (sent, *_) = g.do(SendMessage(CM, ("press",), "email", ("ack-incident",)))
    assert isinstance(sent, ev.MessageSent)
    assert [m.delivered for m in g.s.messages] == [True, True]


def test_scoring_and_the_debrief_know_the_message_was_lost() -> None:
    from game.report.debrief import undelivered
    from game.report.result import Result, build_result

    g = game()
    g.do(SendMessage(CM, ("employees",), "email", ("ack-incident",)))
    scores = score_session(g.s)
    assert scores.roles[CM].card.comm_base is not None
    missing = [d for d in scores.roles[CM].deductions if d.ref == "employees"]
    assert missing and missing[0].kind == "missing_key_points"
    result = build_result(g.s)
    assert [m.delivered for m in result.messages] == [False]
    assert undelivered(result) == [
        "Crisis Manager's message to Stakeholder employees in turn 1 was not delivered: "
        "email was down"
    ]
    # the result file keeps it, and re-scoring it gives the same scores
    again = Result.from_dict(result.to_dict())
    assert [m.delivered for m in again.messages] == [False]
    assert score_game(g.s.scenario, again.evidence()).team.card == scores.team.card


def test_replay_and_save_resume_keep_the_lost_message(tmp_path) -> None:
    g = game(through_save=True, tmp_path=tmp_path)
    g.do(SendMessage(CM, ("employees",), "email", ("ack-incident",)))
    again = Session.replay(g.s.scenario, g.s.seats, g.s.seed, g.s.log)
    assert [m.delivered for m in again.messages] == [False]
    assert again.snapshot() == g.s.snapshot()


def test_best_bots_send_over_a_channel_that_works() -> None:
    sc = attrs.evolve(ransomware(), channels=(Channel("email", Condition.parse("true")),))
    s = play_game(sc, "best", 1)
    assert s.messages and all(m.delivered and m.channel != "email" for m in s.messages)


def test_the_terminal_says_it_was_not_delivered() -> None:
    from rich.console import Console

    from game.terminal import narrate

    g = game()
    events = g.do(SendMessage(CM, ("employees",), "email", ("ack-incident",)))
    console = Console(record=True, width=100)
    narrate.events(console, g.s, events)
    out = console.export_text()
    assert "Crisis Manager to Stakeholder employees: Not delivered: email is down." in out
    assert "Email is encrypted." in out
