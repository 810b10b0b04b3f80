"""Decision clocks: start when shown, run out into on_timeout, stop while paused, extend."""

from __future__ import annotations

import pytest

from game.engine import (
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
from game.engine import errors as err
from game.engine import events as ev
from tests.engine.builders import CM, IA, ransomware

ORDER = ("people", "contain", "holding", "restore")


def presented(play):
    g = play(ransomware())
    g.do(Present(CM))
    g.do(Present(IA))
    return g


def test_clock_starts_when_the_decision_is_shown_not_at_turn_start(play):
    g = play(ransomware())
    g.advance(500)
    g.do(Present(IA))
    [p] = g.s.pending(IA)
    assert (p.shown_at, p.deadline) == (500.0, 560.0)


def test_timeout_applies_on_timeout_option_and_chose_is_false(play):
    g = presented(play)
    g.do(Rank(CM, "priorities", ORDER))
    g.advance(59)
    assert g.do(Advance()) == []
    g.advance(1)
    events = g.do(Advance())
    assert events[0] == ev.DecisionTimedOut("first-containment", IA, "reboot")
    assert g.s.metrics["containment"] == 0  # -10 clamped at 0
    assert g.s.chosen["first-containment"] is None
    rec = next(a for a in g.s.answers if a.decision == "first-containment")
    assert rec.timed_out and rec.applied_option == "reboot" and rec.option is None
    assert rec.elapsed is None and rec.answered_at is None and rec.resolved_at == 60.0
    assert "chose(first-containment.reboot)" in g.s.scenario.turns[1].decisions[1].when.source
    g.do(EndTurn(CM))
    g.do(EndTurn(IA))
    assert [p.id for p in g.s.pending()] == ["restore"]  # chose(...reboot) is false


def test_timeout_without_on_timeout_applies_nothing(play):
    g = presented(play)
    g.advance(45)
    events = g.do(Advance())
    assert events == [ev.DecisionTimedOut("priorities", CM, None)]
    assert g.s.chosen == {"priorities": None}


def test_answer_after_the_deadline_is_refused_but_the_timeout_stands(play):
    g = presented(play)
    g.advance(61)
    with pytest.raises(err.DecisionNotPending, match="timed out in turn 1"):
        g.do(Answer(IA, "first-containment", "isolate"))
    assert g.s.chosen["first-containment"] is None
    assert type(g.s.log[-1].action) is Advance and g.s.log[-1].at == 61.0


def test_any_action_first_resolves_due_timeouts(play):
    g = presented(play)
    g.advance(50)
    events = g.do(SendMessage(CM, ("press",), "email", ("ack-incident",)))
    assert events[0] == ev.DecisionTimedOut("priorities", CM, None)
    assert isinstance(events[1], ev.MessageSent)
    assert [type(e.action).__name__ for e in g.s.log[-2:]] == ["Advance", "SendMessage"]


def test_advance_with_nothing_due_is_not_logged(play):
    g = presented(play)
    n = len(g.s.log)
    g.advance(10)
    assert g.do(Advance()) == []
    assert len(g.s.log) == n


def test_role_can_end_its_turn_after_its_decisions_timed_out(play):
    g = presented(play)
    g.advance(100)
    g.do(EndTurn(CM))
    g.do(EndTurn(IA))
    assert g.s.turn_number == 2


def test_paused_time_does_not_count(play):
    g = presented(play)
    g.advance(10)
    g.do(Pause())
    g.advance(1000)
    [p] = g.s.pending(IA)
    assert p.remaining() == 50.0  # frozen while paused
    assert g.do(Advance()) == []  # nothing times out while paused
    events = g.do(Resume())
    assert events == [ev.GameResumed(1010.0, 1000.0)]
    [p] = g.s.pending(IA)
    assert p.deadline == 1060.0 and p.remaining() == 50.0
    g.advance(20)
    g.do(Answer(IA, "first-containment", "isolate"))
    rec = g.s.answers[-1]
    assert rec.elapsed == 30.0  # 10 before the pause + 20 after
    assert g.s.paused_total == 1000.0


def test_players_cannot_act_while_paused_but_the_facilitator_can(play):
    g = presented(play)
    g.do(Pause())
    for a in (Answer(IA, "first-containment", "isolate"), EndTurn(CM), Present(CM)):
        with pytest.raises(err.GamePaused, match="paused"):
            g.do(a)
    with pytest.raises(err.PauseStateError, match="already paused"):
        g.do(Pause())
    g.do(ExtendTimer("first-containment", 30))
    g.do(SkipDecision("priorities"))
    assert g.s.paused


def test_extend_timer_moves_the_deadline(play):
    g = presented(play)
    events = g.do(ExtendTimer("first-containment", 30))
    assert events == [ev.TimerExtended("first-containment", 30, 90.0)]
    g.advance(80)
    g.do(Answer(IA, "first-containment", "isolate"))
    assert g.s.answers[-1].time_limit == 90.0


def test_extend_timer_before_the_decision_is_shown_lengthens_its_limit(play):
    g = play(ransomware())
    events = g.do(ExtendTimer("priorities", 15))
    assert events == [ev.TimerExtended("priorities", 15, None)]
    g.advance(5)
    g.do(Present(CM))
    [p] = g.s.pending(CM)
    assert (p.time_limit, p.deadline) == (60.0, 65.0)


def test_timeouts_resolve_in_deadline_order(play):
    g = presented(play)
    g.advance(1000)
    events = g.do(Advance())
    assert [e.decision for e in events if isinstance(e, ev.DecisionTimedOut)] == [
        "priorities",
        "first-containment",
    ]


def test_clock_going_backwards_is_treated_as_no_time_passing():
    from game.engine import ManualClock, Session
    from tests.engine.harness import humans

    class Jumpy(ManualClock):
        def set(self, t: float) -> None:
            self._t = t

    clock = Jumpy(100)
    sc = ransomware()
    s = Session.new(sc, humans(sc), seed=1, clock=clock)
    clock.set(150)
    s.apply(Present(CM))
    clock.set(120)
    assert s.now() == 50.0
    s.apply(Rank(CM, "priorities", ORDER))
    assert s.answers[-1].elapsed == 0.0
