"""Messages: coverage of key points, informed(), deadlines, required_when, statement effects."""

from __future__ import annotations

from game.engine import Answer, EndTurn, Present, Rank, SendMessage
from game.engine import events as ev
from tests.engine.builders import (
    CM,
    IA,
    ending,
    ransomware,
    scenario,
    stakeholder,
    statement,
    turn,
)

ORDER = ("people", "contain", "holding", "restore")


def status(g, sid):
    return next(s for s in g.s.stakeholder_status() if s.stakeholder.id == sid)


def end_turn(g):
    for r in g.s.roles:
        for p in g.s.pending(r):
            g.do(Present(r))
            if p.decision.kind == "rank":
                g.do(Rank(r, p.id, tuple(i.id for i in p.items)))
            else:
                g.do(Answer(r, p.id, p.decision.options[0].id))
        g.do(EndTurn(r))


def test_message_is_recorded_and_covers_key_points_of_each_recipient(play):
    g = play(ransomware())
    g.advance(7)
    events = g.do(SendMessage(CM, ("regulator", "employees"), "email", ("ack-incident",)))
    assert events == [
        ev.MessageSent(CM, ("regulator", "employees"), "email", ("ack-incident",)),
        ev.StakeholderInformed("regulator", 1),
        ev.StakeholderInformed("employees", 1),
        ev.StakeholderFullyInformed("employees", 1, True),
    ]
    [m] = g.s.messages
    assert (m.role, m.stakeholders, m.channel, m.statements, m.turn, m.at) == (
        CM,
        ("regulator", "employees"),
        "email",
        ("ack-incident",),
        1,
        7.0,
    )
    reg = status(g, "regulator")
    assert (reg.covered, reg.missing, reg.informed_turn, reg.complete_turn) == (
        {"facts"},
        {"actions"},
        1,
        None,
    )
    assert g.s.informed == {"regulator": 1, "employees": 1}


def test_key_points_accumulate_over_messages_and_turns(play):
    g = play(ransomware())
    g.do(SendMessage(CM, ("regulator",), "email", ("ack-incident",)))
    end_turn(g)
    g.do(SendMessage(IA, ("regulator",), "phone", ("our-actions",)))
    reg = status(g, "regulator")
    assert reg.complete_turn == 2 and reg.missing == frozenset()


def test_stakeholder_with_no_expectations_is_complete_with_any_message(play):
    g = play(ransomware())
    events = g.do(SendMessage(IA, ("press",), "social", ("no-comment",)))
    assert ev.StakeholderFullyInformed("press", 1, True) in events
    assert status(g, "press").complete_turn == 1


def test_informed_condition_sees_messages(play):
    sc = scenario(
        stakeholders=[stakeholder("press")],
        statements=[statement("hello")],
        turns=[turn(), turn()],
        endings=[ending("told", "informed(press)"), ending("silent")],
    )
    g = play(sc)
    g.do(SendMessage(CM, ("press",), "email", ("hello",)))
    end_turn(g)
    end_turn(g)
    assert g.s.ending.id == "told"


def test_statement_effects_apply_each_time_it_is_sent(play):
    g = play(ransomware())
    g.do(SendMessage(CM, ("press",), "email", ("blame-vendor",)))
    g.do(SendMessage(CM, ("press", "employees"), "email", ("blame-vendor",)))
    assert g.s.metrics["public_trust"] == 68 - 5 - 5


def test_overdue_once_the_deadline_turn_ended_without_full_coverage(play):
    g = play(ransomware())
    assert not status(g, "employees").overdue
    end_turn(g)
    emp = status(g, "employees")
    assert emp.overdue and emp.deadline_turn == 1
    g.do(SendMessage(CM, ("employees",), "email", ("ack-incident",)))
    emp = status(g, "employees")
    assert emp.complete_turn == 2 and emp.overdue  # late stays overdue


def test_required_when_is_evaluated_now_and_frozen_at_the_end_of_the_deadline_turn(play):
    g = play(ransomware())
    reg = status(g, "regulator")
    assert not reg.required_now  # personal data not exposed (yet)
    end_turn(g)  # answers "isolate": no leak
    end_turn(g)  # regulator deadline (turn 2) passes, still not required
    assert not status(g, "regulator").required_now
    assert not status(g, "regulator").overdue


def test_required_stakeholder_is_overdue_when_the_leak_happened_before_the_deadline(play):
    g = play(ransomware())
    g.do(Present(IA))
    g.do(Answer(IA, "first-containment", "reboot"))
    end_turn(g)  # leak fires at the start of turn 2
    assert status(g, "regulator").required_now
    end_turn(g)
    reg = status(g, "regulator")
    assert reg.required_now and reg.overdue


def test_any_role_may_message_any_stakeholder(play):
    g = play(ransomware())
    g.do(SendMessage(IA, ("regulator",), "letter", ("ack-incident", "our-actions")))
    assert status(g, "regulator").complete_turn == 1
    assert g.s.designated_sender("regulator") == CM
