"""The window's hot seat runs on the table too (``game/ui/match.py`` is an adapter over
``Table.over``): seats authorised by the table, bots driven by it, the autosave its subscriber.
No pygame is needed for any of this."""

from __future__ import annotations

import pytest

from game.engine import Seat, Session
from game.engine import actions as act
from game.engine.bots import BotDriver
from game.engine.clock import ManualClock
from game.engine.saves import read_save
from game.table.autosave import Autosave
from game.table.table import Table, TableError
from game.ui.match import Match
from tests.table.helpers import scenario


def session(humans=("crisis_manager", "pr_specialist"), **kw) -> Session:
    sc = scenario("tutorial")
    seats = {
        r: Seat(r, player=f"P-{r}") if r in humans else Seat(r, bot="good")
        for r in sc.roles_in_play
    }
    return Session.new(sc, seats, seed=11, clock=ManualClock(), **kw)


def test_a_table_over_a_running_game_seats_its_people_and_bots():
    s = session()
    t = Table.over(s)
    assert t.session is s
    assert t.seats["crisis_manager"].name == "P-crisis_manager"
    assert t.seats["infosec_analyst"].bot == "good" and t.seats["infosec_analyst"].fixed_bot
    # nobody sits at the screen yet: nothing is shown, no clock runs
    assert all(p.shown_at is None for p in s.pending("crisis_manager"))
    t.sit("crisis_manager")
    assert all(p.deadline is not None for p in s.pending("crisis_manager"))
    assert all(p.shown_at is None for p in s.pending("pr_specialist"))
    with pytest.raises(TableError):
        t.sit("infosec_analyst")  # a bot's seat


def test_the_hot_seat_acts_only_for_the_role_at_the_screen():
    m = Match(session())
    p = m.session.pending("pr_specialist")
    assert m.next_human() == "crisis_manager"
    m.take_seat("crisis_manager")
    # the PR specialist is not at the screen: refused, nothing applied
    assert not m.apply(act.EndTurn("pr_specialist"))
    assert "not this role's turn" in m.error
    assert not m.session.has_ended("pr_specialist")
    assert p == m.session.pending("pr_specialist")
    # the facilitator's tools are the facilitator seat's, authorised by the table
    assert m.apply(act.Pause()) and m.session.paused
    assert m.apply(act.Resume()) and not m.session.paused
    assert not m.apply(act.Advance())  # time is the table's own


def test_bots_play_through_the_table_never_the_fast_path(monkeypatch):
    def fast_path(*a, **kw):
        raise AssertionError("the window reached BotDriver.run")

    monkeypatch.setattr(BotDriver, "run", fast_path)
    m = Match(session(humans=("crisis_manager",)))
    clock = m.session.clock
    for _ in range(200):
        if m.session.finished:
            break
        role = m.next_human()
        if role is not None and m.active is None:
            m.take_seat(role)
        for p in m.session.pending(role or ""):
            if p.decision.kind == "rank":
                m.apply(act.Rank(role, p.id, tuple(i.id for i in p.items)))
            else:
                m.apply(act.Answer(role, p.id, p.options[0].id))
        if role is not None and not m.session.pending(role):
            m.apply(act.EndTurn(role))
        clock.advance(5)
        m.tick()
    assert m.session.finished
    kinds = {type(e).__name__ for e in m.events}
    assert {"DecisionAnswered", "TurnStarted", "GameEnded"} <= kinds
    # the same feed a network game has: every engine event is numbered in it
    assert m.table.seq >= len(m.events)


def test_the_autosave_is_a_subscriber_of_the_table(tmp_path):
    path = tmp_path / "game.autosave.jsonl"
    m = Match(session(), autosave=Autosave(path))
    assert m.flush_save()
    assert read_save(path).entries == []  # on disk before the first move
    m.take_seat("crisis_manager")
    assert m.apply(act.Pause()) and m.apply(act.Resume())
    assert m.flush_save()
    on_disk = read_save(path)
    assert len(on_disk.entries) == len(m.session.log) > 0
    resumed = Session.resume(path, m.session.scenario, clock=ManualClock(), autosave=False)
    assert resumed.log_lines() == m.session.log_lines()
