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


def test_lines_of_screens_no_longer_drawn_go_beyond_the_keep_bytes(
    theme: Theme, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen redrawn again and again keeps all its lines; an old screen's lines are let go,
    as new lines come, once the cache holds more than the keep bytes (not only at its bound)."""
    line = "Statement {} to the regulator: we are investigating and will report by noon"
    one = theme.render(line.format(0), "body")
    monkeypatch.setattr(theme_mod, "SURFACE_KEEP_BYTES", 10 * one.get_pitch() * one.get_height())
    old = [line.format(i) for i in range(40)]  # 40 lines: four times the keep bytes
    theme.redrawn()
    first = {t: theme.render(t, "body") for t in old}
    for _ in range(5):  # the same screen, redrawn: every line served from the cache
        theme.redrawn()
        assert all(theme.render(t, "body") is s for t, s in first.items())
    new = [f"turn two, line {i}: the press is at the door and the phones ring" for i in range(5)]
    for n in range(theme_mod.SURFACE_KEEP_REDRAWS + 2):  # another screen, with new lines
        theme.redrawn()
        new.append(f"a new message number {n}")
        for t in new:
            theme.render(t, "body")
    kept = {key[0] for key in theme._surfaces}
    assert set(new) <= kept
    assert len(kept & set(old)) < 10  # the old screen's lines went down to the keep bytes
    assert theme._surface_bytes == held(theme) <= theme_mod.SURFACE_KEEP_BYTES + 5 * held_one(theme)


def held_one(t: Theme) -> int:
    return max(s.get_pitch() * s.get_height() for s in t._surfaces.values())
