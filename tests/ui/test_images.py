"""Pictures attached to injects (``image:``) appear in the inject feed; a file that cannot be
decoded shows a short note instead of crashing the turn screen."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine import Seat
from tests.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def scenario_with_picture(folder: Path, picture: bytes | None) -> Path:
    """The tutorial with ``image: pic.png`` on its first inject; ``picture`` None = a real PNG."""
    text = TUTORIAL.read_text(encoding="utf-8")
    first = "      - id: how-to-play\n"
    assert first in text
    text = text.replace(first, first + "        image: pic.png\n", 1)
    path = folder / "with-picture.yaml"
    path.write_text(text, encoding="utf-8")
    if picture is None:
        surface = pygame.Surface((400, 200))
        surface.fill((200, 40, 40))
        pygame.image.save(surface, str(folder / "pic.png"))
    else:
        (folder / "pic.png").write_bytes(picture)
    return path


def to_turn_screen(pilot: Pilot, path: Path) -> None:
    app = pilot.app
    sc = app.load(str(path)).scenario
    assert sc is not None
    seats = {
        r: Seat(r, player="Ana") if r == "crisis_manager" else Seat(r, bot="good")
        for r in sc.roles_in_play
    }
    app.start_game(sc, seats)
    for _ in range(5):
        pilot.step(2)
        if pilot.scene.name == "turn":
            return
        pilot.key(pygame.K_RETURN)
    assert pilot.scene.name == "turn"


def widgets(pilot: Pilot) -> dict[str, object]:
    """Every keyed widget on the screen (not only the focusable ones)."""
    scene = pilot.scene
    if scene._dirty:
        scene.rebuild()
    return {w.key: w for v in scene.views for c in v.children for w in c.walk() if w.key}


def test_an_inject_picture_is_shown_fitted_to_its_card(pilot: Pilot, tmp_path: Path) -> None:
    to_turn_screen(pilot, scenario_with_picture(tmp_path, None))
    picture = widgets(pilot)["img-how-to-play"]
    assert 0 < picture.rect.width <= 400
    assert picture.rect.height == pytest.approx(picture.rect.width / 2, abs=1)


def test_a_picture_that_cannot_be_decoded_is_a_note(pilot: Pilot, tmp_path: Path) -> None:
    to_turn_screen(pilot, scenario_with_picture(tmp_path, b"not a png at all"))
    assert "(picture pic.png could not be shown)" in pilot.texts()
    assert "img-how-to-play" not in widgets(pilot)
