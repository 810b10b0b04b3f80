"""The game window as a seat of a network exercise, headless, over loopback: a real host (its
table on the server's thread) and windows driven through their scenes like people would.

The player goes lobby → turn → answers → a message → chat → end of turn → the debrief; the
console's buttons reach the table's authorised actions; the evaluator rates and notes; the
projector shows the shared board; and nothing a player's window received holds the answer key
or another seat's private inject.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.net.client import Client
from game.net.hosting import HostThread
from game.net.seatlink import RemoteSeat, describe
from game.net.server import Host
from game.realtime import RealClock
from game.table.table import Table
from game.ui.netwindow import open_on
from tests.table.helpers import SECRET_KEYS, keys_in, scenario
from tests.ui.pilot import Pilot

CODE = "ABC234"
KEY = "facilitator-key"


class Recorded(RemoteSeat):
    """A seat that keeps every message the host sent it (for the leak checks)."""

    def __init__(self, client: Client) -> None:
        super().__init__(client)
        self.messages: list[dict[str, Any]] = []

    def receive(self, msg: dict[str, Any]) -> None:
        self.messages.append(msg)
        super().receive(msg)


@pytest.fixture
def hosted():
    started: list[HostThread] = []

    def host(name: str = "tutorial", **kw) -> tuple[HostThread, str]:
        table = Table(scenario(name), clock=RealClock(), seed=5, **kw)
        thread = HostThread(Host(table, code=CODE, facilitator_key=KEY, tick=0.02), "127.0.0.1", 0)
        port = thread.start()
        started.append(thread)
        return thread, f"ws://127.0.0.1:{port}"

    yield host
    for t in started:
        t.stop()


@pytest.fixture
def windows(tmp_path: Path):
    opened: list[Pilot] = []

    def window(link: RemoteSeat) -> Pilot:
        p = Pilot(tmp_path / f"w{len(opened)}")
        opened.append(p)
        open_on(p.app, link.start())
        return p

    yield window
    for p in opened:
        if p.app.link is not None:
            p.app.link.close()
        p.close()


def until(pilot: Pilot, pred, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        pilot.step()
        if pred():
            pilot.step(2)
            return
        time.sleep(0.005)
    raise AssertionError(f"timed out on {pilot.scene.name}")


def settle(link: RemoteSeat, pred, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        link.poll()
        if pred():
            return
        time.sleep(0.005)
    raise AssertionError("timed out")


def facilitator(url: str) -> RemoteSeat:
    link = RemoteSeat(Client(url, seat="facilitator", token=KEY, name="Fay")).start()
    settle(link, lambda: link.view is not None)
    return link


def test_a_player_plays_a_whole_game_in_the_window(hosted, windows):
    _thread, url = hosted("tutorial")
    link = Recorded(Client(url, seat="crisis_manager", code=CODE, name="Ana"))
    w = windows(link)
    until(w, lambda: w.scene.name == "net-lobby" and link.view is not None)
    texts = w.texts()
    assert "Waiting for the facilitator" in texts and "Ana" in texts
    fac = facilitator(url)
    fac.control("start", policy="good")
    until(w, lambda: w.scene.name == "net-player")
    assert "Your decisions" in w.texts()

    sent = chatted = False
    for _ in range(400):
        if link.result is not None:
            break
        w.step()
        time.sleep(0.005)
        if w.scene.name != "net-player":
            continue
        pending = [p for p in link.pending("crisis_manager") if p["deadline"] is not None]
        if pending:
            p = pending[0]
            if p["kind"] == "rank":
                w.click(f"submit-{p['id']}")
            else:
                w.click(f"opt-{p['id']}-{p['options'][0]['id']}")
            until(w, lambda p=p: all(q["id"] != p["id"] for q in link.pending()))
            until(w, lambda p=p: f"done-{p['id']}" in [x.key for v in w.scene.views
                                                       for x in v.widgets()])  # fmt: skip
            assert "Your answer: " in w.texts() or "Your order: " in w.texts()
            continue
        if not sent:  # a message to the first stakeholder, by email, with one statement
            w.letter("m")
            assert w.scene.name == "net-message"
            v = link.view
            w.click(f"who-{v['stakeholders'][0]['id']}")
            w.click("ch-email")
            w.click(f"st-{v['statements'][0]['id']}")
            w.click("send")
            assert w.scene.name == "net-player"
            until(w, lambda: any(e["type"] == "message_sent" for e in link.feed))
            sent = True
        if not chatted:
            w.letter("c")
            assert w.scene.name == "net-chat"
            w.type("Water is rising")
            w.key(pygame.K_RETURN)
            until(w, lambda: any(e["type"] == "chat" for e in link.feed))
            assert "Water is rising" in w.texts()
            w.key(pygame.K_ESCAPE)  # leaves the field
            w.key(pygame.K_ESCAPE)  # closes the panel
            assert w.scene.name == "net-player"
            chatted = True
        if not link.view.get("ended"):
            turn = link.view["turn"]["number"]
            w.letter("e")
            until(w, lambda t=turn: link.view["ended"] or link.view["turn"]["number"] != t)
    until(w, lambda: w.scene.name == "debrief")
    assert link.result is not None and link.result.finished
    assert any(s.role == "crisis_manager" and s.player == "Ana" for s in link.result.seats)
    assert sent and chatted
    # the window never received the answer key or another seat's private inject
    assert_no_secrets(link.messages, "crisis_manager")
    fac.close()


def assert_no_secrets(messages: list[dict[str, Any]], role: str) -> None:
    """No answer key anywhere before the result, and no inject meant for other seats only
    (``role`` "projector": only what every role was sent)."""
    everyone = set(scenario("data_breach").roles_in_play)
    for msg in messages:
        if msg.get("type") == "result":  # the debrief reveals the answers, as at one screen
            continue
        leaked = keys_in(msg, set()) & set(SECRET_KEYS)
        assert not leaked, f"{msg.get('type')} carried {leaked}"
        view = msg.get("view") or {}
        for inj in view.get("injects") or ():
            to = inj["to"]
            assert to is None or role in to or set(to) >= everyone, inj["id"]
        for e in msg.get("events") or ():
            if e.get("type") == "inject_shown":
                assert role in e["roles"] or set(e["roles"]) >= everyone, e
            if "role" in e and e["type"].startswith("decision"):
                assert e["role"] == role, e


def test_a_player_window_gets_no_other_seats_private_injects(hosted, windows):
    """data_breach sends injects to single roles: the window of another role never gets them,
    while the facilitator's console does."""
    thread, url = hosted("data_breach")
    table = thread.host.table
    link = Recorded(Client(url, seat="pr_specialist", code=CODE, name="Pat"))
    w = windows(link)
    until(w, lambda: link.view is not None)
    fac = facilitator(url)
    fac.control("start", policy="good")
    until(w, lambda: w.scene.name == "net-player")
    # private injects of other roles, shown by the facilitator now, and the first turn's own
    others = [r for r in table.roles if r != "pr_specialist"]
    played: list[str] = []
    w.app.play_sound = played.append  # type: ignore[method-assign]
    fac.add_inject("For the analyst only", "secret body", to=[others[0]])
    fac.add_inject("For everyone", "open body")
    until(w, lambda: any(i["headline"] == "For everyone" for i in link.view["injects"]))
    settle(fac, lambda: any(i["headline"] == "For the analyst only" for i in fac.view["injects"]))
    assert "For the analyst only" not in w.texts()
    assert "For everyone" in w.texts()
    assert played == ["notify"]  # the new message sounds once; the analyst's never reached it
    # end the exercise so the whole game's traffic is checked, result included
    fac.control("end")
    until(w, lambda: link.result is not None)
    assert_no_secrets(link.messages, "pr_specialist")
    fac.close()


def seat_row(link: RemoteSeat, role: str = "crisis_manager") -> dict[str, Any]:
    """The console's own view of a seat (what the person clicking sees)."""
    return next(r for r in link.view["table"]["seats"] if r["role"] == role)


def test_the_console_buttons_reach_the_table(hosted, windows):
    """Every seat has a person (scripted, they never act), so nothing moves on the console but
    what its buttons do."""
    thread, url = hosted("tutorial")
    table = thread.host.table
    player = RemoteSeat(Client(url, seat="crisis_manager", code=CODE, name="Ana")).start()
    settle(player, lambda: player.view is not None)
    link = RemoteSeat(Client(url, seat="facilitator", token=KEY, name="Fay"))
    link.invite = f"crisis-sim join 127.0.0.1 --code {CODE}"
    w = windows(link)
    until(w, lambda: w.scene.name == "net-console" and link.view is not None)
    assert "Ana" in w.texts() and "--code ABC234" in w.texts()
    w.click("start")  # refused: seats are empty, and the console says which
    until(w, lambda: "still empty" in link.refusal)
    assert table.session is None and "still empty" in w.texts()
    others = [
        RemoteSeat(Client(url, seat=r, code=CODE, name=f"P{n}")).start()
        for n, r in enumerate(table.roles)
        if r != "crisis_manager"
    ]
    until(w, lambda: all(row["name"] for row in link.view["table"]["seats"]))
    w.click("start")
    until(w, lambda: not link.lobby)
    assert table.session is not None

    w.click("pause")
    until(w, lambda: link.view["paused"])
    assert table.session.paused
    w.click("pause")
    until(w, lambda: not link.view["paused"])

    settle(player, lambda: bool(player.pending("crisis_manager")))
    until(w, lambda: any(p["role"] == "crisis_manager" for p in link.view["pending"]))
    decision = next(p for p in link.view["pending"] if p["role"] == "crisis_manager")
    before = decision["deadline"]
    w.click(f"extend-{decision['id']}")
    until(w, lambda: any(e["type"] == "timer_extended" for e in link.feed))
    after = next(p for p in table.session.pending("crisis_manager") if p.id == decision["id"])
    assert after.deadline == pytest.approx(before + 60)

    w.click("takeover-crisis_manager")
    until(w, lambda: table.seats["crisis_manager"].held and seat_row(link)["held"])
    w.click("play-crisis_manager")
    assert w.scene.name == "net-player"
    assert "played by the facilitator" in w.scene._subtitle()
    w.key(pygame.K_ESCAPE)
    assert w.scene.name == "net-console"
    w.click("handback-crisis_manager")
    until(w, lambda: not table.seats["crisis_manager"].held and not seat_row(link)["held"])

    w.click("empty-crisis_manager")
    until(w, lambda: seat_row(link)["when_empty"] != "wait")
    assert table.seats["crisis_manager"].when_empty != "wait"

    w.click(f"skip-{decision['id']}")
    until(w, lambda: any(e["type"] == "decision_skipped" for e in link.feed))

    later = link.view["scheduled"][0]
    w.click(f"release-{later['id']}")
    until(w, lambda: any(i["headline"] == later["headline"] for i in link.view["injects"]))

    w.click("headline")
    w.type("A reporter calls")
    w.click("to-crisis_manager")
    w.click("inject")
    until(w, lambda: any(i["headline"] == "A reporter calls" for i in link.view["injects"]))
    shown = next(i for i in link.view["injects"] if i["headline"] == "A reporter calls")
    assert shown["to"] == ["crisis_manager"]

    w.letter("p")
    assert w.scene.name == "net-projector"
    w.letter("p")
    assert w.scene.name == "net-console"

    w.click("end")
    assert w.scene.name == "net-end"
    w.click("confirm")
    until(w, lambda: w.scene.name == "debrief", timeout=15)
    assert table.ended_by_facilitator
    assert link.result is not None and link.result.exercise is not None
    for seat in (player, *others):
        seat.close()


def test_the_evaluator_rates_and_notes_and_the_projector_shows_the_board(hosted, windows):
    thread, url = hosted("tutorial")
    table = thread.host.table
    obs = RemoteSeat(Client(url, seat="observer", code=CODE, name="Eve"))
    board = Recorded(Client(url, seat="projector", code=CODE))
    wo, wp = windows(obs), windows(board)
    player = RemoteSeat(Client(url, seat="crisis_manager", code=CODE, name="Ana")).start()
    fac = facilitator(url)
    until(wo, lambda: wo.scene.name == "net-lobby" and obs.view is not None)
    until(wp, lambda: wp.scene.name == "net-lobby" and board.view is not None)
    fac.control("start", policy="good")
    until(wo, lambda: wo.scene.name == "net-observer")
    until(wp, lambda: wp.scene.name == "net-projector")

    objective = obs.view["objectives"][0]["id"]
    wo.click(f"rate-{objective}-S")
    until(wo, lambda: table.ratings.get(objective, {}).get("rating") == "S")
    wo.click("note")
    wo.type("Calm start")
    wo.key(pygame.K_RETURN)
    until(wo, lambda: any(n.get("text") == "Calm start" for n in obs.feed))
    assert any(n["text"] == "Calm start" for n in table.notes)
    assert "Calm start" in wo.texts()

    fac.add_inject("To the analyst", to=["infosec_analyst"])
    fac.add_inject("To the room")
    until(wp, lambda: any(i["headline"] == "To the room" for i in board.view["injects"]))
    assert "To the room" in wp.texts() and "To the analyst" not in wp.texts()
    assert "Situation" in wp.texts()
    assert_no_secrets(board.messages, "projector")
    for link in (player, fac):
        link.close()


def test_a_window_that_cannot_reach_the_host_says_so(windows):
    link = RemoteSeat(Client("ws://127.0.0.1:1", seat="crisis_manager", code=CODE, reconnect=False))
    w = windows(link)
    until(w, lambda: link.state == "closed")
    assert w.scene.name == "net-lobby"
    assert "could not be reached" in w.texts()


def test_feed_lines_are_one_line_and_malformed_items_are_not_shown():
    line = describe({"type": "chat", "name": "Ana\x1b[31m", "to": None, "text": "hi\nthere"})
    assert line is not None and "\x1b" not in line and "\n" not in line
    assert line.startswith("Ana") and line.endswith("there")
    assert describe({"type": "chat"}) is None
    assert describe({"type": "no_such_thing"}) is None
    assert describe({"type": "seat", "what": "left", "seat": {"role": "pr_specialist"}})


def test_the_host_opens_its_console_window_only_where_someone_can_see_it(monkeypatch):
    from game.ui.netwindow import display_available

    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    assert not display_available()  # tests, CI and servers keep the text console
    monkeypatch.delenv("SDL_VIDEODRIVER")
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert not display_available()
    monkeypatch.setenv("DISPLAY", ":51")
    assert display_available()


def test_a_dropped_window_says_reconnecting_and_comes_back_to_its_seat(hosted, windows):
    thread, url = hosted("tutorial")
    link = Recorded(Client(url, seat="crisis_manager", code=CODE, name="Ana"))
    w = windows(link)
    fac = facilitator(url)
    until(w, lambda: link.view is not None)
    fac.control("start", policy="good")
    until(w, lambda: w.scene.name == "net-player" and bool(link.pending("crisis_manager")))
    token = link.token
    assert link.client._ws is not None
    link.client.drop()  # the network fails under the window
    until(w, lambda: any(m.get("state") == "reconnecting" for m in link.messages), timeout=30)
    until(w, lambda: link.state == "connected" and len(
        [m for m in link.messages if m.get("type") == "welcome"]) == 2, timeout=30)  # fmt: skip
    assert w.scene.name == "net-player" and link.token == token
    assert thread.host.table.seats["crisis_manager"].connected
    assert link.pending("crisis_manager")  # the same decision, still open
    # while reconnecting the screen says so calmly (the state the scenes read)
    from game.ui.scenes.net.common import connection_label, status_boxes

    link.state = "reconnecting"
    assert connection_label(link) == "Reconnecting…" and status_boxes(link)
    link.state = "connected"
    fac.close()


@pytest.mark.parametrize(("scale", "names"), [(150, ["cards", "side"]), (200, ["cards"])])
def test_large_text_puts_the_players_decisions_first(hosted, tmp_path, scale, names):
    import dataclasses

    _thread, url = hosted("tutorial")
    link = RemoteSeat(Client(url, seat="crisis_manager", code=CODE, name="Ana"))
    w = Pilot(tmp_path)
    try:
        w.app.apply_settings(dataclasses.replace(w.app.settings, text_scale=scale))
        open_on(w.app, link.start())
        fac = facilitator(url)
        until(w, lambda: link.view is not None)
        fac.control("start", policy="good")
        until(w, lambda: w.scene.name == "net-player" and bool(link.pending("crisis_manager")))
        assert [v.name for v in w.scene.views if v.name != "footer"] == names
        p = link.pending("crisis_manager")[0]
        key = (
            f"opt-{p['id']}-{p['options'][0]['id']}" if p["kind"] != "rank" else f"submit-{p['id']}"
        )
        w.click(key)
        until(w, lambda: not link.pending("crisis_manager"))
        fac.close()
    finally:
        link.close()
        w.close()
