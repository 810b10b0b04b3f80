"""The save notice: a bar over every screen while the game's autosave is failing.

A failed save must be seen at once, whatever scene is up, and must not be mistaken for a
passing message: the bar stays until a save succeeds again.  It is drawn by the app after the
scenes, from a surface made once per message and window width (no work in a normal frame).
"""

from __future__ import annotations

import pygame

from game.ui.theme import Theme

_cache: dict[tuple[str, int, int], pygame.Surface] = {}


def save_notice_text(error: str) -> str:
    return f"The game is NOT being saved — {error}. Retrying after every move."


def draw_save_notice(surface: pygame.Surface, theme: Theme, error: str) -> pygame.Rect:
    """Paint the notice across the top of ``surface``; returns the area it covers."""
    width = surface.get_width()
    key = (error, width, id(theme))
    bar = _cache.get(key)
    if bar is None:
        _cache.clear()
        pad = theme.pad
        text = save_notice_text(error)
        # shorten to the width (the full message is also in the terminal that started the game)
        while len(text) > 20 and theme.width(text, "small") > width - 2 * pad:
            text = text[: len(text) - 8] + "…"
        height = theme.line_height("small") + pad
        bar = pygame.Surface((width, height))
        bar.fill(theme.palette.bad)
        theme.blit_text(bar, text, (pad, pad // 2), "small", theme.palette.text)
        _cache[key] = bar
    return surface.blit(bar, (0, 0))
