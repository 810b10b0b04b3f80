"""The rendered-text cache is bounded by its pixels, not by its number of lines."""

from __future__ import annotations

import pygame
import pytest

from game.ui import theme as theme_mod
from game.ui.theme import Theme


@pytest.fixture
def theme():
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((640, 480))
    yield Theme((640, 480))
    pygame.display.quit()


def held(t: Theme) -> int:
    return sum(s.get_pitch() * s.get_height() for s in t._surfaces.values())


def test_a_whole_games_worth_of_lines_stays_under_the_byte_bound(theme: Theme) -> None:
    line = "Statement {} to the regulator: we are investigating and will report by noon"
    for i in range(800):  # far more than a screen: ~9 MiB of body text if all were kept
        theme.render(line.format(i), "body")
    assert held(theme) == theme._surface_bytes
    assert 0 < held(theme) <= theme_mod.SURFACE_CACHE_BYTES
    assert len(theme._surfaces) < 800


def test_the_lines_drawn_last_stay_cached_and_a_redrawn_line_is_kept(theme: Theme) -> None:
    first = theme.render("the first line", "body")
    for i in range(800):
        theme.render(f"filler line number {i} with some words in it to take room", "body")
        if i % 10 == 0:
            assert theme.render("the first line", "body") is first  # drawn again: kept
    last = theme.render("filler line number 799 with some words in it to take room", "body")
    assert theme.render("filler line number 799 with some words in it to take room") is last


def test_one_line_larger_than_the_bound_is_still_returned(
    theme: Theme, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(theme_mod, "SURFACE_CACHE_BYTES", 16)
    surf = theme.render("wider than sixteen bytes", "body")
    assert surf.get_width() > 0
    assert len(theme._surfaces) == 1
