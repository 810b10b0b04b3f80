"""The table controller: who may do what, bots standing in, chat, notes, autosave."""

from __future__ import annotations

import pytest

from game.engine import actions as act
from game.engine.clock import ManualClock
from game.engine.errors import ActionError
from game.engine.saves import read_save
from game.engine.session import Session
from game.table.autosave import Autosave
from game.table.table import Table, TableError
from game.table.views import FACILITATOR, OBSERVER, PROJECTOR
from tests.table.helpers import play_people, scenario, seated_table


def test_a_game_through_the_table_equals_the_same_actions_replayed():
    t, clock = seated_table(seed=9)
    play_people(t, clock, policy="good", seed=2)
    s = t.session
    assert s.finished and t.finished_at
    again = Session.replay(s.scenario, s.seats, s.seed, s.log)
    assert again.snapshot() == s.snapshot()


def test_a_role_acts_only_for_itself_and_staff_actions_only_from_the_facilitator():
    t, _clock = seated_table()
    s = t.session
    a, b = t.roles[0], t.roles[1]
    with pytest.raises(TableError, match="you sit at"):
        t.act(b, act.EndTurn(a))
    for seat in (a, OBSERVER, PROJECTOR):
        with pytest.raises(TableError, match="only the facilitator"):
            t.act(seat, act.Pause())
    with pytest.raises(TableError, match="only the player"):
        t.act(FACILITATOR, act.EndTurn(a))
    for seat in (a, FACILITATOR):
        with pytest.raises(TableError, match="not an action"):
            t.act(seat, act.Advance())
    with pytest.raises(TableError, match="no seat"):
        t.act("intruder", act.Pause())
    t.act(FACILITATOR, act.Pause())
    assert s.paused
    with pytest.raises(ActionError):
        t.act(a, act.EndTurn(a))  # refused by the rules (paused), not by the table


def test_lobby_refuses_taken_seats_bad_tokens_and_starting_with_empty_seats():
    clock_table = Table(scenario(), clock=ManualClock(), seed=1)
    role, token = clock_table.claim(None, "Ana\x1b[31m")
    assert clock_table.seats[role].name == "Ana[31m"  # the escape character is gone
    with pytest.raises(TableError, match="taken by Ana"):
        clock_table.claim(role, "Bob")
    with pytest.raises(TableError, match="token"):
        clock_table.reclaim(role, "wrong")
    clock_table.reclaim(role, token)
    with pytest.raises(TableError, match="still empty"):
        clock_table.start(FACILITATOR)
    with pytest.raises(TableError, match="only the facilitator"):
        clock_table.start(role)
    clock_table.start(FACILITATOR, fill="best")
    assert clock_table.session.seats[role].player == "Ana[31m"
    assert all(clock_table.session.seats[r].bot == "best" for r in clock_table.roles if r != role)
    clock_table.seats[role].connected = True
    with pytest.raises(TableError, match="already started"):
        clock_table.start(FACILITATOR)


def test_a_bot_stands_in_for_a_dropped_player_and_steps_aside_when_they_return():
    t, clock = seated_table()
    role = t.roles[0]
    token = t.seats[role].token
    t.when_empty(FACILITATOR, role, "best")
    t.leave(role)
    assert t.seats[role].bot == "best"
    with pytest.raises(TableError, match="a bot plays"):
        t.act(role, act.EndTurn(role))
    for _ in range(40):
        clock.advance(5)
        t.tick()
        if t.session.has_ended(role) or t.session.turn_number > 1:
            break
    assert t.session.has_ended(role) or t.session.turn_number > 1
    t.reclaim(role, token)
    assert t.seats[role].bot is None
    back = t.session.turn_number
    # the result says which turns a bot played, so nobody is credited or blamed for them
    (stand_in,) = t.result().exercise.stand_ins
    assert (stand_in.role, stand_in.policy, stand_in.from_turn, stand_in.until_turn) == (
        role,
        "best",
        1,
        back,
    )


def test_the_evaluator_joining_is_told_to_the_facilitator():
    t, _clock = seated_table()
    items = []
    t.subscribe(lambda _t, new: items.extend(new))
    t.staff_join("observer", "Dr. Lin")
    (item,) = items
    assert item.audience == frozenset({FACILITATOR})
    assert item.data["type"] == "notice" and "Dr. Lin" in item.data["text"]


def test_the_facilitator_takes_over_and_hands_back_a_seat():
    t, _clock = seated_table()
    role = t.roles[0]
    t.take_over(FACILITATOR, role)
    with pytest.raises(TableError, match="taken over"):
        t.act(role, act.EndTurn(role))
    for p in t.session.pending(role):
        t.act(FACILITATOR, act.SkipDecision(p.id))
    t.act(FACILITATOR, act.EndTurn(role))
    t.hand_back(FACILITATOR, role)
    assert not t.seats[role].held


def test_chat_reaches_its_audience_and_notes_only_the_staff():
    t, _clock = seated_table()
    a, b, c = t.roles[:3]
    t.say(a, "Isolate the file servers?", to=b)
    t.say(FACILITATOR, "Five minutes left in this turn")
    with pytest.raises(TableError, match="only players"):
        t.say(PROJECTOR, "hi")
    with pytest.raises(TableError, match="empty"):
        t.say(a, "\x07\x1b ")
    objective = t.scenario.objectives[0].id
    t.note(OBSERVER, "Good call on isolation", objective=objective, rating="S")
    with pytest.raises(TableError, match="only the evaluator"):
        t.note(a, "sneaky")
    with pytest.raises(TableError, match="P, S, M, U"):
        t.note(OBSERVER, "x", objective=objective, rating="A")

    def texts(seat):
        return [i["text"] for i in t.since(seat, 0) if i["type"] in ("chat", "note")]

    assert texts(b) == ["Isolate the file servers?", "Five minutes left in this turn"]
    assert texts(c) == ["Five minutes left in this turn"]
    assert texts(PROJECTOR) == []
    assert "Good call on isolation" in texts(FACILITATOR)
    assert t.ratings[objective]["rating"] == "S"


def test_release_a_scheduled_inject_and_end_the_game():
    t, _clock = seated_table()
    later = t.view(FACILITATOR)["scheduled"][0]
    t.release(FACILITATOR, later["id"])
    assert any(i["headline"] == later["headline"] for i in t.view(FACILITATOR)["injects"])
    with pytest.raises(TableError, match="later turn"):
        t.release(FACILITATOR, "nope")
    t.end_game(FACILITATOR)
    assert t.session.finished and t.ended_by_facilitator


def test_autosave_is_a_subscriber_and_the_save_resumes_to_the_same_game(tmp_path):
    t, clock = seated_table()
    path = tmp_path / "game.jsonl"
    save = Autosave(path, background=False)
    t.subscribe(save)
    role = t.roles[0]
    t.say(role, "hello")  # the first change writes the game as it stands
    assert len(read_save(path).entries) == len(t.session.log)
    play_people(t, clock, policy="random", seed=4)
    assert save.flush()
    s = t.session
    again = Session.resume(path, s.scenario, clock=ManualClock(), autosave=False)
    assert again.snapshot() == s.snapshot()


def test_a_failed_autosave_is_told_to_the_facilitator_once(tmp_path):
    t, _clock = seated_table()
    (tmp_path / "blocked").write_text("a file, not a folder")
    save = Autosave(tmp_path / "blocked" / "game.jsonl", background=False)
    t.subscribe(save)
    t.on_tick(save.check)
    role = t.roles[0]
    t.act(FACILITATOR, act.Pause())
    t.act(FACILITATOR, act.Resume())
    t.tick()
    notes = [i for i in t.since(FACILITATOR, 0) if i["type"] == "notice"]
    assert save.error and len(notes) == 1 and "not being saved" in notes[0]["text"]
    assert not [i for i in t.since(role, 0) if i["type"] == "notice"]


def test_the_cohort_and_the_exercise_go_into_the_result():
    t, _clock = seated_table(cohort="Ops course")
    t.say(t.roles[0], "ready")
    objective = t.scenario.objectives[0].id
    t.note(OBSERVER, "Slow start", objective=objective, rating="M")
    t.end_game(FACILITATOR)
    r = t.result()
    assert r.cohort == "Ops course"
    assert r.exercise.evaluator_ratings == {objective: "M"}
    assert r.exercise.ended_by_facilitator
    data = r.to_dict()
    assert data["exercise"]["notes"][0]["text"] == "Slow start"
    assert type(r).from_dict(data).exercise == r.exercise


def test_a_stand_in_is_kept_in_the_result_file_and_told_in_the_report():
    from game.report.html import render_report

    t, _clock = seated_table()
    role = t.roles[1]
    t.when_empty(FACILITATOR, role, "good")
    t.leave(role)
    t.end_game(FACILITATOR)
    r = t.result()
    data = r.to_dict()
    assert data["exercise"]["stand_ins"] == [
        {"role": role, "policy": "good", "from_turn": 1, "until_turn": None}
    ]
    assert type(r).from_dict(data).exercise == r.exercise
    assert "Bot (competent) played the" in render_report(r)
