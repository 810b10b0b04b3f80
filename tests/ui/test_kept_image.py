"""The scene's kept image (``Scene.draw``) shows exactly what drawing everything shows, and
what changes (focus, scroll, countdowns) is never stale."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine import Seat
from tests.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def full_drawing(scene, size) -> bytes:
    surf = pygame.Surface(size)
    scene.overlay = True  # the path that draws everything, every time
    try:
        scene.draw(surf)
    finally:
        scene.overlay = False
    return pygame.image.tobytes(surf, "RGB")


def kept_drawing(scene, size) -> bytes:
    surf = pygame.Surface(size)
    scene.draw(surf)
    return pygame.image.tobytes(surf, "RGB")


def ana_at_the_turn_screen(tmp_path) -> Pilot:
    """The tutorial with Ana as the crisis manager and bots in the other seats, on her turn."""
    p = Pilot(tmp_path)
    sc = p.app.load(str(TUTORIAL)).scenario
    seats = {
        r: Seat(r, player="Ana") if r == "crisis_manager" else Seat(r, bot="good")
        for r in sc.roles_in_play
    }
    p.app.start_game(sc, seats)
    p.step(3)
    return p


def test_the_kept_image_equals_a_full_drawing_and_follows_focus_and_time(tmp_path):
    p = ana_at_the_turn_screen(tmp_path)
    scene = p.scene
    assert scene.name == "turn"
    size = p.app.screen.get_size()
    first = kept_drawing(scene, size)
    assert kept_drawing(scene, size) == first == full_drawing(scene, size)
    p.key(pygame.K_TAB)  # focus moves: the image is made again
    moved = kept_drawing(scene, size)
    assert moved != first and moved == full_drawing(scene, size)
    p.clock.advance(5)  # countdowns run: live widgets are painted every frame
    p.step(1)
    later = kept_drawing(scene, size)
    assert later != moved and later == full_drawing(scene, size)
    p.close()


def shown(app) -> bytes:
    return pygame.image.tobytes(app.screen, "RGB")


def drawn_whole(app) -> bytes:
    """What the window shows when the frame is drawn from nothing (nothing kept)."""
    app.forget_screen()
    app.draw()
    return shown(app)


def test_the_window_keeps_the_top_scene_and_puts_back_what_was_painted_over_it(tmp_path):
    """The top scene's drawing stays on the window from frame to frame; countdowns, toasts,
    the save notice and text fields painted over it are undone the next frame, so a kept
    frame always equals a frame drawn from nothing."""
    p = ana_at_the_turn_screen(tmp_path)
    assert p.scene.name == "turn" and p.app.backdrop is None  # no second screen-sized image

    def same_as_whole(frames: int = 3) -> None:
        p.step(frames)  # kept frames, each drawn over the last one's pixels
        assert shown(p.app) == drawn_whole(p.app)

    same_as_whole()
    p.app.toasts.show("Report saved: a toast over the turn screen")
    same_as_whole()
    p.clock.advance(5)  # countdowns run under the toast
    same_as_whole()
    p.app.toasts.clear()  # the toast goes: what it covered comes back
    same_as_whole()
    p.app.match.unsaved = "the save notice, over every screen"
    same_as_whole()
    p.app.match.unsaved = ""
    p.key(pygame.K_TAB)  # the focus moves: the scene is drawn again
    same_as_whole()
    p.close()


def test_the_debriefs_charts_are_painted_over_the_kept_drawing_without_a_trace(tmp_path):
    p = Pilot(tmp_path)
    sc = p.app.load(str(TUTORIAL)).scenario
    p.app.start_game(sc, {r: Seat(r, bot="random") for r in sc.roles_in_play})
    for _ in range(2000):
        if p.scene.name == "debrief":
            break
        p.clock.advance(5)
        p.step(1)
    assert p.scene.name == "debrief" and p.scene._live  # the chart and its legend
    p.step(5)
    assert shown(p.app) == drawn_whole(p.app)
    p.close()


def test_text_fields_over_the_kept_drawing_leave_nothing_behind(tmp_path):
    from tests.ui.test_text_entry import NAME, clear_name, press, to_seats, type_keys

    p = Pilot(tmp_path)
    to_seats(p)
    clear_name(p)
    type_keys(p, "Ana Lima")
    assert p.scene.text.entries[NAME].get_text() == "Ana Lima"
    assert shown(p.app) == drawn_whole(p.app)
    # the text an IME is composing is drawn beside the cursor, then goes
    pygame.event.post(pygame.event.Event(pygame.TEXTEDITING, text="wang", start=4, length=0))
    p.step(2)
    assert shown(p.app) == drawn_whole(p.app)
    pygame.event.post(pygame.event.Event(pygame.TEXTEDITING, text="", start=0, length=0))
    press(p, pygame.K_BACKSPACE)
    p.step(2)
    assert shown(p.app) == drawn_whole(p.app)
    p.close()
