"""A whole exercise over loopback: host + five scripted players + facilitator + observer.

Every client decides from the view the host sent it, never from the session.  The test checks
that the game ends, that its record equals the same log replayed through the engine, that a
client cut off mid-turn comes back with nothing lost, that bad messages are refused while the
game goes on, and that nothing a player received holds the answer key.  127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import json
import queue
import time

import pytest

from game.engine.session import Session
from game.net.client import Client
from game.net.hosting import HostThread
from game.net.protocol import PROTOCOL
from game.net.server import Host
from game.realtime import RealClock
from game.report.result import build_result
from game.store import record_finished_game
from game.table.table import Table
from tests.table.helpers import SECRET_KEYS, keys_in, scenario

CODE = "ABC234"
KEY = "facilitator-key"
DEADLINE = 30.0


class Seat:
    """A scripted person at one seat: reads its inbox, acts on its view."""

    def __init__(self, url: str, **kw) -> None:
        self.client = Client(url, open_timeout=5, **kw).start()
        self.view: dict | None = None
        self.events: list[dict] = []
        self.messages: list[dict] = []
        self.refusals: list[dict] = []
        self.result: dict | None = None
        self.done: set[str] = set()
        self.ended: set[int] = set()
        self.hold = False  # True: do not end the turn yet

    def pump(self) -> None:
        while True:
            try:
                msg = self.client.inbox.get_nowait()
            except queue.Empty:
                return
            self.messages.append(msg)
            kind = msg["type"]
            if kind == "welcome":  # (re)connected: act again on what the view says is open
                self.done.clear()
                self.ended.clear()
            if kind in ("welcome", "update"):
                self.view = msg["view"]
                self.events.extend(msg["events"])
            elif kind == "refused":
                self.refusals.append(msg)
            elif kind == "result":
                self.result = msg["result"]

    def wait(self, pred, timeout: float = 10.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump()
            if pred(self):
                return
            time.sleep(0.01)
        raise AssertionError(f"timed out waiting at {self.client.seat}")

    def play(self) -> None:
        """One step as a person would: answer what is shown, then end the turn."""
        v = self.view
        if v is None or v.get("lobby") or v["finished"] or v["paused"] or v.get("held"):
            return
        for p in v["pending"]:
            if p["deadline"] is None or p["id"] in self.done:
                continue
            if p["kind"] == "rank":
                action = {"type": "rank", "role": v["seat"], "decision": p["id"],
                          "order": [i["id"] for i in p["items"]]}  # fmt: skip
            else:
                pick = p["options"][len(p["id"]) % len(p["options"])]["id"]
                action = {"type": "answer", "role": v["seat"], "decision": p["id"], "option": pick}
            if self.client.send({"type": "action", "action": action}):
                self.done.add(p["id"])
            return
        turn = v["turn"]["number"]
        if v["pending"] or v["ended"] or turn in self.ended or self.hold:
            return
        if self.client.send({"type": "action", "action": {"type": "end_turn", "role": v["seat"]}}):
            self.ended.add(turn)


def refused_at_once(url: str, **kw) -> str:
    c = Client(url, reconnect=False, **kw).start()
    try:
        while True:
            msg = c.inbox.get(timeout=10)
            if msg["type"] == "refused":
                assert msg.get("fatal")
                return msg["message"]
            assert msg["type"] != "welcome", "admitted a client that should be refused"
    finally:
        c.close()


@pytest.fixture
def hosted(tmp_path):
    table = Table(scenario("tutorial"), clock=RealClock(), seed=5)
    records = []

    def record(result):
        outcome = record_finished_game(result, data_dir=tmp_path)
        records.append(outcome)
        return outcome.message

    host = Host(table, code=CODE, facilitator_key=KEY, on_finish=record, tick=0.02)
    thread = HostThread(host, "127.0.0.1", 0)
    port = thread.start()
    yield thread, f"ws://127.0.0.1:{port}", records
    thread.stop()


def test_a_whole_exercise_over_loopback(hosted):
    thread, url, records = hosted
    table = thread.host.table
    roles = table.roles
    fac = Seat(url, seat="facilitator", token=KEY, name="Fay")
    obs = Seat(url, seat="observer", code=CODE, name="Eve")
    players = {r: Seat(url, seat=r, code=CODE, name=f"Player {i}") for i, r in enumerate(roles)}
    fac.wait(lambda s: s.view and sum(1 for x in s.view["table"]["seats"] if x["name"]) == 5)

    # refusals that never admit the client, while the lobby is full
    assert "wrong join code" in refused_at_once(url, seat=None, code="WRONG1", name="X")
    assert "taken" in refused_at_once(url, seat=roles[0], code=CODE, name="Imposter")
    assert "facilitator" in refused_at_once(url, seat="facilitator", token="guess", name="X")
    old = Client(url, reconnect=False, seat="observer", code=CODE).start()
    old.welcomed.wait(5)
    old.close()

    fac.client.send({"type": "control", "command": "start"})
    for p in players.values():
        p.wait(lambda s: s.view and not s.view["lobby"])

    # a troublemaker's bad messages are refused, and the game goes on
    troll = players[roles[1]]
    bad = [
        "not json at all",
        json.dumps({"type": "launch_missiles"}),
        json.dumps({"type": "chat", "text": "x" * 70_000}),
        json.dumps({"type": "action", "action": {"type": "end_turn", "role": roles[2]}}),
        json.dumps({"type": "action", "action": {"type": "pause"}}),
        json.dumps({"type": "action", "action": {"type": "advance"}}),
        json.dumps({"type": "hello", "protocol": PROTOCOL}),
        json.dumps({"type": "chat", "text": "hi", "extra": 1}),
        b"\x00\x01binary",
    ]
    for raw in bad:
        assert troll.client.send_raw(raw)
    troll.wait(lambda s: len(s.refusals) >= len(bad))
    assert not any(r.get("fatal") for r in troll.refusals)

    fac.client.send({"type": "chat", "text": "Go!"})
    players[roles[0]].client.send({"type": "chat", "text": "on it", "to": roles[3]})
    objective = table.scenario.objectives[0].id
    obs.client.send({"type": "note", "text": "Calm start", "objective": objective, "rating": "S"})
    fac.client.send(
        {"type": "action",
         "action": {"type": "add_inject", "headline": "Phone call", "to": [roles[4]]}}
    )  # fmt: skip

    victim = players[roles[2]]
    victim.hold = True
    cut = False
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end and not all(p.result for p in players.values()):
        for p in players.values():
            p.pump()
            p.play()
        answered = any(e["type"] == "decision_answered" for e in victim.events)
        if not cut and answered and not victim.ended:  # mid-turn: answered, turn not ended
            victim.client.drop()  # the client reconnects with its token
            cut = True
            victim.hold = False
        time.sleep(0.005)
    assert cut
    for s in (fac, obs, *players.values()):
        s.wait(lambda s: s.result is not None)

    s = thread.call(lambda: table.session)
    assert s.finished
    host_result = thread.host.result
    # the record equals the same actions replayed through the engine
    again = Session.replay(s.scenario, s.seats, s.seed, s.log)
    assert again.snapshot() == s.snapshot()
    assert build_result(again).scores == host_result.scores
    assert all(p.result == host_result.to_dict() for p in players.values())
    # each player's name is on the record, which is in the history once
    assert {x.label for x in host_result.seats} == {f"Player {i}" for i in range(5)}
    assert len(records) == 1 and records[0].added
    ex = host_result.exercise
    assert [c.text for c in ex.chat] == ["Go!", "on it"]
    assert ex.evaluator_ratings == {objective: "S"}

    # the view each client put together from the updates' changes is the host's view of its
    # seat (the board's two clock readings aside: they are the time the view was made)
    for seat in (fac, obs, *players.values()):
        seat.pump()
        assert seat.view is not None
        host_view = thread.call(table.view, seat.view["seat"])
        for v in (host_view, seat.view):
            del v["now"], v["clock"]
        assert seat.view == host_view, seat.view["seat"]

    # the cut-off client lost nothing: every item it may see, once, in order
    seqs = [e["seq"] for e in victim.events]
    expected = [e["seq"] for e in thread.call(table.since, roles[2], 0)]
    assert seqs == expected
    assert any(m["type"] == "connection" and m["state"] == "reconnecting" for m in victim.messages)

    # nothing a player received holds the answer key or another role's private inject
    for role, p in players.items():
        keys = set()
        for m in p.messages:
            if m["type"] != "result":  # the debrief at the end explains every answer
                keys_in(m, keys)
        assert not keys & {*SECRET_KEYS, "applied_option"}, role
        texts = json.dumps([m for m in p.messages if m["type"] != "result"])
        assert ("Phone call" in texts) == (role == roles[4])
        assert ("on it" in texts) == (role in (roles[0], roles[3]))
    assert "Calm start" in json.dumps(fac.messages)


def test_an_old_protocol_or_garbage_hello_is_refused_and_the_host_stays_up(hosted):
    _thread, url, _ = hosted
    from websockets.sync.client import connect

    with connect(url, proxy=None) as ws:
        ws.send(json.dumps({"type": "hello", "protocol": PROTOCOL - 1 or 99, "code": CODE}))
        msg = json.loads(ws.recv(timeout=5))
        assert msg["fatal"] and "protocol" in msg["message"]
    with connect(url, proxy=None) as ws:
        ws.send("{{{{")
        assert json.loads(ws.recv(timeout=5))["fatal"]
    with connect(url, proxy=None) as ws:
        ws.send(json.dumps({"type": "hello", "protocol": PROTOCOL, "code": CODE, "seat": "nope"}))
        assert "no seat" in json.loads(ws.recv(timeout=5))["message"]
    ok = Client(url, seat="projector", code=CODE).start()
    assert ok.welcomed.wait(5)
    ok.close()


def test_connections_beyond_the_limit_are_turned_away(hosted, monkeypatch):
    from websockets.sync.client import connect

    from game.net import server

    _thread, url, _ = hosted
    monkeypatch.setattr(server, "MAX_CONNECTIONS", 2)
    with contextlib.ExitStack() as held:
        for _ in range(2):  # open, no hello yet
            held.enter_context(connect(url, proxy=None))
        with (
            connect(url, proxy=None) as ws,
            pytest.raises(Exception, match="too many connections"),
        ):
            ws.recv(timeout=5)


def test_the_host_resolves_a_deadline_when_it_passes_with_no_message_to_wake_it(tmp_path):
    """The host's one timer is set for the next deadline after every update: a decision
    nobody answers times out on time (the game's clock runs 500 times faster here)."""
    table = Table(scenario("tutorial"), clock=RealClock(speed=500.0), seed=5)
    host = Host(table, code=CODE, facilitator_key=KEY, tick=60.0)  # no periodic tick
    thread = HostThread(host, "127.0.0.1", 0)
    thread.start()
    try:
        for r in table.roles:  # people in every seat, and none of them acts
            thread.call(table.claim, r, "Ana")
        thread.call(table.start, "facilitator")
        end = time.monotonic() + DEADLINE
        timed_out = []
        while not timed_out and time.monotonic() < end:
            feed = thread.call(lambda: list(table.feed))
            timed_out = [i for i in feed if i.data["type"] == "decision_timed_out"]
            time.sleep(0.02)
        assert timed_out
    finally:
        thread.stop()
