"""What a trainee meets in the window (issue 14): NEW marks that follow what was read, one
seat's view in a hot-seat game, the reading step at large text, toasts for confirmations, one
key for every action, player names remembered."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pygame
import pytest

from game.engine import Seat
from game.engine import actions as act
from game.ui.match import Match
from game.ui.scenes.turn import TurnScene, columns_for
from tests.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parents[2]
BREACH = ROOT / "scenarios" / "data_breach.yaml"
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def start(pilot: Pilot, path: Path, people: dict[str, str]) -> None:
    app = pilot.app
    sc = app.load(str(path)).scenario
    seats = {
        r: Seat(r, player=people[r]) if r in people else Seat(r, bot="good")
        for r in sc.roles_in_play
    }
    app.start_game(sc, seats)
    pilot.step(2)


def test_a_message_arriving_mid_turn_is_new_until_the_turn_is_ended(pilot: Pilot) -> None:
    start(pilot, TUTORIAL, {"crisis_manager": "Ana"})
    scene = pilot.scene
    assert scene.name == "turn" and scene.role == "crisis_manager"
    before = set(scene.unread)
    assert before  # turn 1's messages are new
    pilot.app.match.apply(act.AddInject("Reporter at the door", "", "phone"))
    pilot.step(3)
    new = pilot.app.match.session.shown_injects()[-1].inject.id
    assert new in scene.unread and before <= scene.unread
    assert "NEW  Reporter at the door" in pilot.texts()


def test_a_resumed_game_marks_new_only_what_was_not_read(pilot: Pilot) -> None:
    start(pilot, TUTORIAL, {"crisis_manager": "Ana"})
    m = pilot.app.match
    first = set(m.unread("crisis_manager"))
    for _ in range(10):  # play turn 1 out
        if m.session.turn_number > 1:
            break
        pilot.wait(400)
        pilot.letter("e")
    assert m.session.turn_number == 2
    # what the save implies was read: turn 1's messages; turn 2's are new
    again = Match(m.session)
    assert not first & set(again.unread("crisis_manager"))
    assert set(again.unread("crisis_manager")) == {
        si.inject.id
        for si in m.session.visible_injects("crisis_manager")
        if si.turn == 2 and si.inject.id not in first
    }


def test_between_seats_no_role_s_private_messages_show(pilot: Pilot) -> None:
    start(pilot, BREACH, {"crisis_manager": "Ana", "pr_specialist": "Ben"})
    app, m = pilot.app, pilot.app.match
    assert pilot.scene.name == "handover"
    s = m.session
    private = [si.inject.headline for si in s.shown_injects() if si.inject.to is not None]
    assert private  # turn 1 has messages for some roles only
    # a game saved while paused and continued: the screen under the pause panel is nobody's seat
    m.apply(act.Pause())
    app.route()
    pilot.step(2)
    assert [sc.name for sc in app.stack] == ["turn", "pause"]
    under = app.stack[0]
    assert isinstance(under, TurnScene) and under.private
    text = "\n".join(getattr(w, "text", "") or "" for v in under.views for w in v.widgets())
    for headline in private:
        assert headline not in text
    assert "Between seats" in text
    for p in s.pending():
        assert p.decision.prompt not in text


def test_large_text_puts_the_messages_above_the_decisions_and_holds_the_clock(
    pilot: Pilot,
) -> None:
    app = pilot.app
    app.apply_settings(dataclasses.replace(app.settings, text_scale=200))
    assert columns_for(app) < 3
    start(pilot, TUTORIAL, {"crisis_manager": "Ana"})
    scene = pilot.scene
    assert scene.name == "turn" and scene.reading
    m = app.match
    assert m.active is None  # the seat is not taken: no clock runs while reading
    assert all(p.remaining() is None for p in m.session.pending("crisis_manager"))
    pilot.wait(120)  # reading takes its time; nothing times out
    assert m.session.pending("crisis_manager")
    keys = [w.key for v in scene.views for w in v.widgets() if w.key]
    first_inj = next(i for i, k in enumerate(keys) if k.startswith("inj-"))
    first_card = next(i for i, k in enumerate(keys) if k.startswith("card-"))
    assert first_inj < first_card  # this turn's message right above its decision
    assert pilot.scene.ctx.focus.key == "start"
    pilot.key(pygame.K_RETURN)
    assert not scene.reading and m.active == "crisis_manager"
    assert all(p.remaining() is not None for p in m.session.pending("crisis_manager"))


def test_toasts_confirm_where_the_player_looks_and_expire(pilot: Pilot) -> None:
    toasts = pilot.app.toasts
    toasts.show("Report saved: /tmp/x.html")
    toasts.show("Report saved: /tmp/x.html")  # the same text once
    assert toasts.texts == ["Report saved: /tmp/x.html"]
    pilot.step(2)
    before = pilot.app.screen.copy()
    toasts.clear()
    pilot.step(2)
    assert pilot.app.screen.get_view("2").raw != before.get_view("2").raw  # it was drawn
    toasts.show("Save failed", "bad")
    for _ in range(20):
        pilot.step(60)
    assert toasts.texts == []
    with pytest.raises(ValueError):
        toasts.show("x", "loud")


def test_compose_sends_with_s_and_picks_statements_by_number(pilot: Pilot) -> None:
    start(pilot, TUTORIAL, {"crisis_manager": "Ana"})
    pilot.letter("m")
    scene = pilot.scene
    assert scene.name == "compose"
    pilot.click(f"to-{pilot.app.match.scenario.stakeholders[0].id}")
    pilot.click("ch-email")
    pilot.key(pygame.K_1)
    assert scene.statements == [pilot.app.match.session.usable_statements()[0].id]
    before = len(pilot.app.match.session.messages)
    pilot.letter("s")
    assert len(pilot.app.match.session.messages) == before + 1
    assert pilot.scene.name == "turn"
    assert any(t.startswith("Message sent to") for t in pilot.app.toasts.texts)


def test_player_names_are_remembered_for_the_next_game(tmp_path: Path) -> None:
    from game.ui.scenes.seats import SeatsScene

    p = Pilot(tmp_path)
    try:
        sc = p.app.load(str(TUTORIAL)).scenario
        p.app.push(SeatsScene(p.app, sc))
        p.step(2)
        p.click(f"name-{sc.roles_in_play[0]}")
        p.key(pygame.K_a, mod=pygame.KMOD_CTRL)
        p.type("Zoë")
        p.key(pygame.K_ESCAPE)  # leave the field: letters are keys again
        p.letter("b")  # Read the briefing
        assert p.scene.name == "briefing"
    finally:
        p.close()
    again = Pilot(tmp_path)  # a new window, the same data folder
    try:
        scene = SeatsScene(again.app, again.app.load(str(TUTORIAL)).scenario)
        assert scene.names[sc.roles_in_play[0]] == "Zoë"
    finally:
        again.close()


def test_the_letter_icon_is_not_the_email_icon(pilot: Pilot) -> None:
    from game.ui import icons

    def pixels(name: str) -> bytes:
        return bytes(icons.icon(name, 32, (255, 255, 255)).get_view("2").raw)

    assert pixels("letter") != pixels("email")


def test_the_debrief_chart_gives_another_scale_its_own_axis(pilot: Pilot) -> None:
    start(pilot, BREACH, {"crisis_manager": "Ana"})
    from game.ui.scenes.debrief import DebriefScene

    m = pilot.app.match
    scene = DebriefScene(pilot.app, m)
    groups = scene._groups()
    metrics = m.scenario.metrics
    scales = {(mt.min, mt.max) for mt in metrics}
    assert len(groups) == len(scales) > 1  # data_breach has Cost ($M) beside 0–100 metrics
    lo, hi, main = groups[0]
    assert (lo, hi) == (0, 100)
    assert all((metrics[k].min, metrics[k].max) == (0, 100) for k in main)


def test_the_pause_panel_shows_only_the_seated_role_s_questions(pilot: Pilot) -> None:
    from game.ui.scenes.pause import PRIVATE

    start(pilot, BREACH, {"crisis_manager": "Ana", "pr_specialist": "Ben"})
    pilot.key(pygame.K_RETURN)  # Ana takes the seat
    s = pilot.app.match.session
    assert pilot.app.match.active == "crisis_manager"
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "pause"
    text = pilot.texts()
    for p in s.pending():
        if p.role == "crisis_manager":
            assert p.decision.prompt in text
        else:
            assert p.decision.prompt not in text
    assert PRIVATE in text
    pilot.letter("r")
    assert pilot.scene.name == "turn"


def test_the_next_turn_s_messages_are_new_when_the_last_seat_ends_the_turn(
    pilot: Pilot,
) -> None:
    start(
        pilot, ROOT / "scenarios" / "fire.yaml", {"crisis_manager": "Ana", "pr_specialist": "Ben"}
    )
    m = pilot.app.match
    for _ in range(6):
        if m.session.turn_number > 1:
            break
        if pilot.scene.name == "handover":
            pilot.key(pygame.K_RETURN)
        pilot.wait(200)  # the bots end their turn meanwhile: a person's `end` ends turn 1
        pilot.letter("e")
    assert m.session.turn_number == 2
    for role in m.humans:
        turn2 = {si.inject.id for si in m.session.visible_injects(role) if si.turn == 2}
        assert turn2 and turn2 <= set(m.unread(role))


def test_a_long_briefing_title_wraps_instead_of_being_cut(pilot: Pilot) -> None:
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.common import title_lines, title_width

    app = pilot.app
    app.apply_settings(dataclasses.replace(app.settings, text_scale=200))
    sc = app.load(str(ROOT / "scenarios" / "fire.yaml")).scenario
    seats = {r: Seat(r, player="Ana") for r in sc.roles_in_play}
    app.push(BriefingScene(app, sc, seats))
    pilot.step(2)
    frame = pilot.scene.frame
    t = app.theme
    lines = title_lines(t, sc.title, title_width(t, app.size[0], frame.margin))
    assert len(lines) > 1 and " ".join(lines) == sc.title  # whole, on several lines
    assert frame.header.height >= len(lines) * t.line_height("big")


def test_saving_the_report_is_confirmed_wherever_the_debrief_is_scrolled(pilot: Pilot) -> None:
    from tests.ui.test_history import finish_game

    finish_game(pilot, "Ana")
    scene = pilot.scene
    scene.views[0].scroll_by(100_000)  # read to the bottom, then H
    pilot.letter("h")
    (text,) = pilot.app.toasts.texts
    assert text.startswith("Report saved: ") and text.endswith(".html")
    assert Path(text.removeprefix("Report saved: ")).is_file()


class _Keyboard:
    """``pygame.key.get_pressed`` with Enter held or not (synthetic events leave SDL's keyboard
    state alone)."""

    def __init__(self) -> None:
        self.enter = False

    def __call__(self):
        held = self.enter
        return type("Keys", (), {"__getitem__": lambda _, k: held and k == pygame.K_RETURN})()


def test_the_enter_that_starts_the_game_does_not_also_start_the_clocks(
    pilot: Pilot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow first turn frame let pygame's key repeat (400 ms) fire while the briefing's Enter
    was still down; the repeat pressed "Start my clocks" and the reading step was skipped."""
    from game.ui.scenes.briefing import BriefingScene

    keyboard = _Keyboard()
    monkeypatch.setattr(pygame.key, "get_pressed", keyboard)
    app = pilot.app
    app.apply_settings(dataclasses.replace(app.settings, text_scale=200))
    sc = app.load(str(TUTORIAL)).scenario
    seats = {
        r: Seat(r, player="Ana") if r == "crisis_manager" else Seat(r, bot="good")
        for r in sc.roles_in_play
    }
    app.push(BriefingScene(app, sc, seats))
    pilot.step(2)
    keyboard.enter = True  # Enter goes down on the briefing ...
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"))
    pilot.app.step(1 / 60)
    scene = pilot.scene
    assert scene.name == "turn" and scene.reading
    # ... and its repeat arrives with the release in the next frame
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"))
    keyboard.enter = False
    pilot.step(2)
    assert scene.reading and app.match.active is None
    pilot.key(pygame.K_RETURN)  # a new press: the player has read the turn
    assert not scene.reading and app.match.active == "crisis_manager"
