"""The exercise journal and a hosted game resumed from its saves (``crisis-sim host --resume``).

A host that stops mid-exercise must be able to continue it: the same seats, names and seat
tokens, the chat, the evaluator's notes and ratings, and the stand-in record; the game paused
until the facilitator resumes it.  The journal is read as hostile input."""

from __future__ import annotations

import json
import os
import random
import stat

import pytest

from game.engine import actions as act
from game.engine.bots import Bot
from game.engine.clock import ManualClock
from game.engine.errors import ActionError
from game.engine.session import Session
from game.table.autosave import Autosave
from game.table.journal import Journal, JournalError, journal_path, read_journal
from game.table.table import Table, TableError
from tests.table.helpers import scenario, scripted_action, seated_table


def _play(t: Table, clock: ManualClock, steps: int) -> None:
    bots = {r: Bot("random", random.Random(i)) for i, r in enumerate(t.roles)}
    done = 0
    while done < steps and not t.session.finished:
        clock.advance(2.0)
        t.tick()
        for role in t.roles:
            a = scripted_action(t, bots, role)
            if a is not None:
                try:
                    t.act(role, a)
                except (ActionError, TableError):  # refused (the world moved on): next role
                    continue
                done += 1


@pytest.fixture
def stopped(tmp_path):
    """A hosted exercise with chat, notes, a rating and a stand-in, then the host stops."""
    t, clock = seated_table()
    save = tmp_path / f"{t.scenario.id}.host.autosave.jsonl"
    auto = Autosave(save, background=False)
    auto.attach(t)
    journal = Journal(
        journal_path(save), code="ABC234", key="the-key", address={"port": 9123}, background=False
    )
    journal.attach(t)
    t.staff_join("observer", "Eve")
    _play(t, clock, 6)
    t.say("crisis_manager", "Bridge call at 10:00")
    t.say("facilitator", "Remember the regulator", to="pr_specialist")
    objective = t.scenario.objectives[0].id
    t.note("observer", "Slow to escalate", objective=objective, rating="S")
    t.when_empty("facilitator", "reputation_head", "good")
    t.leave("reputation_head")  # a bot stands in
    tokens = {r: st.token for r, st in t.seats.items()}
    _play(t, clock, 4)
    assert auto.writer.flush() and journal.flush()
    return t, save, tokens, objective


def test_a_resumed_host_gets_back_seats_tokens_chat_notes_and_stand_ins(stopped):
    t, save, tokens, objective = stopped
    data = read_journal(journal_path(save), t.scenario.id)
    assert (data.code, data.key, data.header["port"]) == ("ABC234", "the-key", 9123)
    session = Session.resume(save, t.scenario, clock=ManualClock(), autosave=False)
    assert [e.action for e in session.log] == [e.action for e in t.session.log]
    again = Table.resumed(session, data)
    assert {r: st.token for r, st in again.seats.items()} == tokens
    assert {r: st.name for r, st in again.seats.items()} == {
        r: st.name for r, st in t.seats.items()
    }
    assert not any(st.connected for st in again.seats.values())
    assert again.chat == t.chat and again.notes == t.notes
    assert again.ratings == {objective: t.ratings[objective]}
    assert again.staff_names["observer"] == "Eve"
    assert again.stand_ins == t.stand_ins
    assert again.seats["reputation_head"].bot == "good"  # its stand-in plays on
    assert again.started_at == t.started_at
    assert session.paused and isinstance(session.log[-1].action, act.Pause)
    # the new facilitator console reads the chat and notes again; players' clients do not
    assert [i["type"] for i in again.since("facilitator", 0)][:3] == ["chat", "chat", "note"]
    assert not [i for i in again.since("crisis_manager", 0) if i["type"] in ("chat", "note")]
    # the player comes back with the token their client kept, and the bot steps aside
    again.reclaim("crisis_manager", tokens["crisis_manager"])
    again.reclaim("reputation_head", tokens["reputation_head"])
    assert again.seats["reputation_head"].bot is None
    assert again.stand_ins[-1][3] is not None
    result = again.result()
    assert [c.text for c in result.exercise.chat] == [
        "Bridge call at 10:00",
        "Remember the regulator",
    ]
    assert result.exercise.evaluator_ratings == {objective: "S"}


def test_the_journal_is_private_to_its_owner(stopped):
    _, save, _, _ = stopped
    mode = stat.S_IMODE(os.stat(journal_path(save)).st_mode)
    assert mode == 0o600


def test_a_torn_last_line_is_left_out_and_other_damage_is_refused(stopped):
    t, save, _, _ = stopped
    path = journal_path(save)
    good = path.read_text()
    path.write_text(good + '{"chat": {"from": "crisis_m')  # the host stopped mid-line
    assert len(read_journal(path, t.scenario.id).chat) == 2
    lines = good.splitlines()
    bad = {
        "garbage in the middle": [lines[0], "not json", *lines[1:]],
        "an unknown kind": [*lines, '{"script": {"x": 1}}'],
        "a chat line without text": [*lines, '{"chat": {"from": "x", "turn": 1, "at": 0}}'],
        "an over-long chat line": [
            *lines,
            json.dumps({"chat": {"from": "x", "text": "a" * 5000, "turn": 1, "at": 0}}),
        ],
        "a bad rating": [
            *lines,
            json.dumps(
                {"note": {"by": "E", "seat": "observer", "rating": "A+", "turn": 1, "at": 0}}
            ),
        ],
        "not a journal": ['{"format": "something-else"}'],
    }
    for what, rows in bad.items():
        path.write_text("\n".join(rows) + "\n")
        with pytest.raises(JournalError):
            read_journal(path, t.scenario.id)
        assert what
    path.write_text(good)
    with pytest.raises(JournalError, match="belongs to scenario"):
        read_journal(path, "fire")


def test_a_journal_that_is_not_a_regular_file_is_refused(tmp_path):
    fifo = tmp_path / "x.host.exercise.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(JournalError):
        read_journal(fifo, scenario().id)


def test_without_a_journal_the_game_resumes_with_its_seats_waiting(stopped):
    t, save, _, _ = stopped
    session = Session.resume(save, t.scenario, clock=ManualClock(), autosave=False)
    again = Table.resumed(session, None)
    assert all(st.token is None for st in again.seats.values())
    assert again.chat == [] and session.paused
    # without their tokens, the players join their seats again (not "taken by Player 1")
    role, token = again.claim("crisis_manager", "Player 1")
    assert role == "crisis_manager" and token
    assert "started again" in again.feed[0].data["text"]
