"""Every action has one key, shown on its button: driven with synthetic key events only."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.input import Kind, translate
from game.ui.widgets import Button
from tests.ui.pilot import Pilot
from tests.ui.test_trainee import BREACH, TUTORIAL, start


def unkeyed(pilot: Pilot, allowed: tuple[str, ...] = ()) -> list[str]:
    """The enabled buttons on the current scene that show no key (``allowed``: key prefixes
    of buttons reached another documented way, e.g. rank arrows by Shift+↑/↓)."""
    pilot.step()
    return [
        w.key or w.text
        for w in pilot.scene.focusables()
        if isinstance(w, Button)
        and w.enabled
        and not w.hint
        and not (w.key or "").startswith(allowed)
    ]


def fkey(pilot: Pilot, n: int) -> None:
    pilot.key(getattr(pygame, f"K_F{n}"))


def test_function_keys_and_signs_are_commands_even_while_typing() -> None:
    f3 = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F3, mod=0, unicode="", scancode=0)
    for typing in (False, True):
        cmd = translate(f3, typing=typing)
        assert cmd is not None and cmd.kind is Kind.FUNCTION and cmd.value == 3
    minus = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_MINUS, mod=0, unicode="-", scancode=0)
    assert translate(minus).text == "-"
    assert translate(minus, typing=True).kind is Kind.EDIT  # a field takes the "-" as text
    plus = pygame.event.Event(
        pygame.KEYDOWN, key=pygame.K_EQUALS, mod=pygame.KMOD_SHIFT, unicode="+", scancode=0
    )
    assert translate(plus).text == "+"


def test_a_message_is_written_and_sent_by_keys_alone(pilot: Pilot) -> None:
    start(pilot, TUTORIAL, {"crisis_manager": "Ana"})
    pilot.letter("m")
    scene = pilot.scene
    assert scene.name == "compose"
    assert unkeyed(pilot) == []  # every stakeholder, channel and statement shows its key
    sc, s = pilot.app.match.scenario, pilot.app.match.session
    assert pilot.widget(f"to-{sc.stakeholders[0].id}").hint == "F1"
    assert pilot.widget("ch-email").hint == "E"
    fkey(pilot, 1)
    fkey(pilot, 2)
    fkey(pilot, 2)  # a second press drops it again, as a click does
    assert scene.to == [sc.stakeholders[0].id]
    pilot.letter("p")
    assert scene.channel == "phone"
    pilot.letter("e")
    assert scene.channel == "email"
    pilot.key(pygame.K_1)
    before = len(s.messages)
    pilot.letter("s")
    assert len(s.messages) == before + 1
    sent = s.messages[-1]
    assert (sent.stakeholders, sent.channel) == ((sc.stakeholders[0].id,), "email")
    assert pilot.scene.name == "turn"


def test_channel_keys_never_clash_with_send_or_clear() -> None:
    from game.scenario.model import MESSAGE_CHANNELS
    from game.ui.scenes.compose import CHANNEL_KEYS

    assert set(CHANNEL_KEYS) == set(MESSAGE_CHANNELS)
    assert len(set(CHANNEL_KEYS.values())) == len(CHANNEL_KEYS)
    assert not {"s", "c"} & set(CHANNEL_KEYS.values())


def test_settings_are_changed_by_their_keys(pilot: Pilot) -> None:
    pilot.app.title()
    pilot.step(2)
    pilot.letter("s")
    assert pilot.scene.name == "settings"
    assert unkeyed(pilot) == []
    pilot.key(pygame.K_2)
    assert pilot.app.settings.text_scale == 125
    pilot.letter("b")
    assert pilot.app.settings.palette == "okabe_ito"
    pilot.letter("d")
    assert pilot.app.settings.palette == "default"
    pilot.letter("m")
    assert pilot.app.settings.mute
    pilot.letter("o")
    assert not pilot.app.settings.mute
    volume = pilot.app.settings.volume
    pilot.key(pygame.K_MINUS, unicode="-")
    assert pilot.app.settings.volume == volume - 10
    pilot.key(pygame.K_EQUALS, mod=pygame.KMOD_SHIFT, unicode="+")
    assert pilot.app.settings.volume == volume
    pilot.key(pygame.K_1)
    assert pilot.app.settings.text_scale == 100


def test_the_pause_panel_s_actions_have_keys_that_work_while_typing(pilot: Pilot) -> None:
    start(pilot, BREACH, {"crisis_manager": "Ana"})
    pilot.key(pygame.K_RETURN)
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "pause"
    assert unkeyed(pilot, ("ext-", "skip-")) == []
    s = pilot.app.match.session
    first = s.pending()[0]
    assert pilot.widget(f"ext-{first.id}").hint == "X"
    left = first.remaining(s.now())
    pilot.letter("x")
    assert s.pending()[0].remaining(s.now()) > left
    pilot.click("headline")
    pilot.type("A reporter is at the front desk")
    assert pilot.scene.typing
    fkey(pilot, 3)  # news, typing still
    assert pilot.scene.channel == "news"
    fkey(pilot, 9)
    assert any(t.startswith("Inject sent") for t in pilot.app.toasts.texts)
    assert pilot.scene.headline == ""


def test_seats_switch_person_and_bot_by_f_keys_even_in_a_name(tmp_path: Path) -> None:
    from game.ui.scenes.seats import SeatsScene

    p = Pilot(tmp_path)
    try:
        sc = p.app.load(str(BREACH)).scenario
        p.app.push(SeatsScene(p.app, sc))
        p.step(2)
        roles = sc.roles_in_play
        scene = p.scene
        assert scene.human[roles[0]] and not scene.human[roles[1]]
        assert p.widget(f"human-{roles[1]}").hint == "F2"  # the key is on what it switches to
        fkey(p, 1)
        assert not scene.human[roles[0]]
        fkey(p, 1)
        assert scene.human[roles[0]]
        p.click(f"name-{roles[0]}")
        assert scene.typing
        fkey(p, 2)  # typing a name: F2 still gives role 2 to a person
        assert scene.human[roles[1]]
        assert p.widget(f"bot-{roles[1]}").hint == "F2"
        fkey(p, 1)  # the field being typed in goes: role 1 is a bot again
        assert not scene.human[roles[0]]
        assert not scene.typing
        for r in roles:  # each role shows the key that switches it, and a bot the next style
            shown = [
                w.hint
                for w in p.scene.focusables()
                if f"-{r}" in (w.key or "") and getattr(w, "hint", "")
            ]
            assert len(shown) == (1 if scene.human[r] else 2), (r, shown)
        before = scene.policy[roles[2]]
        p.key(pygame.K_F3, mod=pygame.KMOD_SHIFT)  # Shift+F3: role 3's bot plays another style
        assert scene.policy[roles[2]] != before
        assert p.widget(f"policy-{roles[2]}-{scene._next_policy(roles[2])}").hint == "⇧F3"
        p.key(pygame.K_F2, mod=pygame.KMOD_SHIFT)  # role 2 is a person: nothing to change
        assert scene.human[roles[1]]
    finally:
        p.close()


def test_the_tutorial_and_the_replace_dialog_have_a_key_for_every_button(pilot: Pilot) -> None:
    pilot.app.title()
    pilot.step(2)
    pilot.letter("t")
    assert pilot.scene.name == "tutorial"
    pilot.key(pygame.K_RETURN)
    page = pilot.scene.page
    assert unkeyed(pilot) == []
    pilot.letter("p")
    assert pilot.scene.page == page - 1


def test_a_confidence_row_is_rated_by_its_digit(pilot: Pilot) -> None:
    from tests.ui.test_history import finish_game

    finish_game(pilot, "Ana")
    pilot.letter("f")
    scene = pilot.scene
    assert scene.name == "feedback"
    pilot.key(pygame.K_3)  # no row highlighted: nothing changes
    assert all(v == [None, None] for v in scene.conf.values())
    scene.focus_key("conf-0-0-1-1")  # the first objective's "after" row
    pilot.key(pygame.K_4)
    person, objective = scene.people[0], scene.objectives[0][0]
    assert scene.conf[(person, objective)] == [None, 4]
    assert pilot.scene.ctx.focus.key == "conf-0-0-1-4"
    pilot.key(pygame.K_4)  # again: cleared, as a second click does
    assert scene.conf[(person, objective)] == [None, None]


def test_compose_is_one_column_at_large_text_and_says_when_nothing_can_be_said(
    tmp_path: Path,
) -> None:
    import dataclasses

    p = Pilot(tmp_path, size=(1024, 640))
    try:
        p.app.apply_settings(dataclasses.replace(p.app.settings, text_scale=200))
        start(p, Path(BREACH).with_name("fire.yaml"), {"crisis_manager": "Ana"})
        if p.scene.reading:
            p.key(pygame.K_RETURN)
        p.letter("m")
        assert p.scene.name == "compose"
        assert [v.name for v in p.scene.views if v.name != "footer"] == ["choose"]
        assert p.app.match.session.usable_statements() == []  # the fire's first turn
        assert "Nothing to say yet" in p.texts()
        assert "Preview" in p.texts()  # under the choices, in the same column
    finally:
        p.close()
