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


def test_the_kept_image_equals_a_full_drawing_and_follows_focus_and_time(tmp_path):
    p = Pilot(tmp_path)
    sc = p.app.load(str(TUTORIAL)).scenario
    seats = {
        r: Seat(r, player="Ana") if r == "crisis_manager" else Seat(r, bot="good")
        for r in sc.roles_in_play
    }
    p.app.start_game(sc, seats)
    p.step(3)
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
