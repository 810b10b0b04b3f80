"""Pictures attached to injects (``image:``) appear in the inject feed; a file that cannot be
decoded shows a short note instead of crashing the turn screen."""

from __future__ import annotations

import os
import struct
import time
import zlib
from pathlib import Path

import pygame
import pytest

from tests.ui.pilot import Pilot, to_turn_screen

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
    # validate refuses such a file (S030); here it is damaged after the scenario was loaded.
    path = scenario_with_picture(tmp_path, None)
    assert pilot.app.load(str(path)).scenario is not None
    (tmp_path / "pic.png").write_bytes(b"not a png at all")
    to_turn_screen(pilot, path)
    assert "(picture pic.png could not be shown)" in pilot.texts()
    assert "img-how-to-play" not in widgets(pilot)


# --- hostile pictures (issue #13) -------------------------------------------------------------


def _png_header(width: int, height: int) -> bytes:
    """A 33-byte PNG: the signature and an IHDR chunk claiming ``width``×``height``, no data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + crc


def test_a_picture_claiming_65535_squared_pixels_is_never_decoded(
    pilot: Pilot, tmp_path: Path
) -> None:
    # It took 16.5 GB.  Swapped in after loading, the header is read again and refused.
    path = scenario_with_picture(tmp_path, None)
    assert pilot.app.load(str(path)).scenario is not None
    (tmp_path / "pic.png").write_bytes(_png_header(65535, 65535) + b"\0" * 36)
    decoded: list[object] = []
    real_load = pygame.image.load
    pygame.image.load = lambda *a, **k: decoded.append(a) or real_load(*a, **k)  # type: ignore
    try:
        to_turn_screen(pilot, path)
    finally:
        pygame.image.load = real_load  # type: ignore[assignment]
    assert "(picture pic.png could not be shown)" in pilot.texts()
    assert decoded == []  # refused by its header, before any decoder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_picture_swapped_for_a_fifo_does_not_block(pilot: Pilot, tmp_path: Path) -> None:
    path = scenario_with_picture(tmp_path, None)
    assert pilot.app.load(str(path)).scenario is not None
    (tmp_path / "pic.png").unlink()
    os.mkfifo(tmp_path / "pic.png")  # nobody ever writes to it: a blocking open hangs
    start = time.perf_counter()
    to_turn_screen(pilot, path)
    assert time.perf_counter() - start < 10
    assert "(picture pic.png could not be shown)" in pilot.texts()


def test_a_picture_is_decoded_once_per_window_not_per_turn(pilot: Pilot, tmp_path: Path) -> None:
    from game.ui.scenes.turn import TurnScene

    to_turn_screen(pilot, scenario_with_picture(tmp_path, None))
    images = pilot.app.inject_images
    assert images.decodes == 1
    for _ in range(3):  # each turn (and each hand-over) builds a new turn screen
        pilot.app.reset(TurnScene(pilot.app, pilot.app.match, pilot.scene.role))
        pilot.step(1)
        assert "img-how-to-play" in widgets(pilot)
    assert images.decodes == 1
