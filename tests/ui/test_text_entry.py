"""The text fields are pygame_gui entries: typing (KEYDOWN + TEXTINPUT, as SDL sends them),
Chinese text, IME composition, cursor keys, paste, Enter and Escape, a text-size change, the
pause overlay's inject fields; and the title screen still never imports pygame_gui."""

from __future__ import annotations

import sys
from pathlib import Path

import pygame
import pytest

from game.engine import Seat
from game.ui.scenes.pause import PauseScene
from game.ui.settings import Settings
from tests.ui.pilot import Pilot
from tests.ui.test_startup import title_modules

ROOT = Path(__file__).resolve().parents[2]
NAME = "name-crisis_manager"


def to_seats(pilot: Pilot) -> None:
    pilot.letter("p")
    pilot.click("play-tutorial")
    assert pilot.scene.name == "seats"


def press(pilot: Pilot, key: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    pilot.step(2)


def type_keys(pilot: Pilot, text: str) -> None:
    """Key presses as SDL reports them: KEYDOWN, then the TEXTINPUT it produced, then KEYUP."""
    for ch in text:
        key = pygame.key.key_code(ch) if ch.isalnum() and ch.isascii() else pygame.K_UNKNOWN
        down = {"key": key, "mod": 0, "unicode": ch, "scancode": 0}
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, **down))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, **down))
        pilot.step()
    pilot.step()


def clear_name(pilot: Pilot) -> None:
    pilot.click(NAME)
    press(pilot, pygame.K_a, pygame.KMOD_CTRL)  # select all
    press(pilot, pygame.K_BACKSPACE)
    assert pilot.scene.names["crisis_manager"] == ""


def test_typing_a_name_goes_into_the_field_and_the_seat(pilot: Pilot) -> None:
    to_seats(pilot)
    clear_name(pilot)
    type_keys(pilot, "Anna")
    press(pilot, pygame.K_BACKSPACE)
    press(pilot, pygame.K_LEFT)
    press(pilot, pygame.K_LEFT)
    type_keys(pilot, "x")  # the cursor moved: typed in the middle
    scene = pilot.scene
    assert scene.names["crisis_manager"] == "Axnn"
    assert scene.text.entries[NAME].get_text() == "Axnn"
    assert scene.text.entries[NAME].is_focused
    # letters are text here, not shortcuts: still on the seats screen
    assert scene.name == "seats"
    assert scene.seats()["crisis_manager"].player == "Axnn"


def test_chinese_text_lands_in_the_field_and_in_the_seat(pilot: Pilot) -> None:
    to_seats(pilot)
    clear_name(pilot)
    # an IME first reports the text being composed, then commits it as TEXTINPUT
    pygame.event.post(pygame.event.Event(pygame.TEXTEDITING, text="wang", start=4, length=0))
    pilot.step(2)
    assert pilot.scene.text.composition == "wang"
    assert pilot.scene.names["crisis_manager"] == ""  # composing is not typing yet
    pilot.type("王芳")
    scene = pilot.scene
    assert scene.text.composition == ""
    assert scene.names["crisis_manager"] == "王芳"
    assert scene.text.entries[NAME].get_text() == "王芳"
    pilot.key(pygame.K_RETURN)  # Enter submits: on to the briefing with that seat
    assert pilot.scene.name == "briefing"
    assert pilot.scene.seats["crisis_manager"] == Seat("crisis_manager", player="王芳")


def test_escape_leaves_the_field_and_then_goes_back(pilot: Pilot) -> None:
    to_seats(pilot)
    pilot.click(NAME)
    assert pilot.scene.typing
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "seats" and not pilot.scene.typing
    assert not pilot.scene.text.entries[NAME].is_focused
    pilot.letter("x")  # a key is a shortcut again, not text
    assert pilot.scene.names["crisis_manager"] == "Player 1"
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "select"


def test_tab_moves_into_and_out_of_the_field(pilot: Pilot) -> None:
    to_seats(pilot)
    scene = pilot.scene
    scene.focus_key("bot-crisis_manager")
    pilot.step()
    pilot.key(pygame.K_TAB)
    assert scene.ctx.focus.key == NAME and scene.text.entries[NAME].is_focused
    pilot.type("!")
    assert scene.names["crisis_manager"] == "Player 1!"
    pilot.key(pygame.K_TAB)
    assert not scene.text.entries[NAME].is_focused


def _scrap_works() -> bool:
    try:
        pygame.scrap.put_text("probe")
        return pygame.scrap.get_text() == "probe"
    except (pygame.error, NotImplementedError):
        return False


def test_paste_and_copy(pilot: Pilot) -> None:
    if not _scrap_works():
        pytest.skip("pygame.scrap does not work under this video driver")
    to_seats(pilot)
    clear_name(pilot)
    pygame.scrap.put_text("李小龍")
    press(pilot, pygame.K_v, pygame.KMOD_CTRL)
    assert pilot.scene.names["crisis_manager"] == "李小龍"
    press(pilot, pygame.K_a, pygame.KMOD_CTRL)
    pygame.scrap.put_text("")
    press(pilot, pygame.K_c, pygame.KMOD_CTRL)
    assert pygame.scrap.get_text() == "李小龍"


def test_a_new_text_size_remakes_the_fields(pilot: Pilot) -> None:
    to_seats(pilot)
    scene = pilot.scene
    old = scene.text.entries[NAME]
    height = old.rect.height
    for scale in (150, 200, 100):
        pilot.app.apply_settings(Settings(text_scale=scale))
        pilot.step(2)
        entry = scene.text.entries[NAME]
        assert entry.get_text() == "Player 1"
        assert entry.ui_manager is pilot.app.text_manager[1]
        if scale == 200:
            assert entry.rect.height > height * 1.5
            field = next(w for w in scene.focusables() if w.key == NAME)
            assert entry.rect == field.box
    assert old.alive() is False


def test_the_facilitator_types_an_inject(pilot: Pilot) -> None:
    app = pilot.app
    sc = app.load(str(ROOT / "scenarios" / "tutorial.yaml")).scenario
    app.start_game(
        sc,
        {r: Seat(r, bot="good") for r in sc.roles_in_play}
        | {sc.roles_in_play[0]: Seat(sc.roles_in_play[0], player="Ana")},
    )
    app.push(PauseScene(app, app.match))
    pilot.step(2)
    pilot.click("headline")
    type_keys(pilot, "Reporter")
    pilot.type(" 記者 <b>")
    pilot.click("body")
    pilot.type("At the front desk.")
    scene = pilot.scene
    assert scene.headline == "Reporter 記者 <b>" and scene.body == "At the front desk."
    pilot.key(pygame.K_RETURN)  # Enter sends it
    shown = app.match.session.shown_injects()[-1]
    assert (shown.inject.headline, shown.inject.body) == ("Reporter 記者 <b>", "At the front desk.")
    assert scene.headline == "" and scene.body == ""
    assert "Inject sent to every player: Reporter 記者 <b>" in scene.notice
    # and said where the facilitator is looking: a toast over every scene
    assert app.toasts.texts == ["Inject sent to every player: Reporter 記者 <b>"]
    pilot.step(2)
    assert scene.text.entries["headline"].get_text() == ""  # the fields were emptied too
    assert scene.text.entries["body"].get_text() == ""


def test_the_title_screen_does_not_import_pygame_gui(tmp_path: Path) -> None:
    modules, _ = title_modules(tmp_path / "data")
    assert "pygame_gui" not in modules
    assert "game.ui.textentry" not in modules


def test_pygame_gui_is_imported_by_the_first_scene_with_a_text_field(pilot: Pilot) -> None:
    to_seats(pilot)
    assert "pygame_gui" in sys.modules
    assert pilot.scene.text is not None
