"""The save notice: a bar over every screen while the game's autosave is failing, or when the
game could not be saved at all (an unwritable data folder).

A failed save must be seen at once, whatever scene is up, and must not be mistaken for a
passing message: the bar stays until a save succeeds again.  It is drawn by the app after the
scenes, from a surface made once per message and window width (no work in a normal frame).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import _
from game.ui.theme import Theme

_cache: dict[tuple[str, int, int], pygame.Surface] = {}


def save_notice_text(error: str) -> str:
    return _("The game is NOT being saved — {error}. Retrying after every move.").format(
        error=error
    )


#: the bar wraps to at most this many lines (the last one ends in "…" if cut)
MAX_LINES = 3


def draw_save_notice(
    surface: pygame.Surface,
    theme: Theme,
    text: str,
    save_under: Callable[[pygame.Surface, pygame.Rect], None] | None = None,
) -> pygame.Rect:
    """Paint ``text`` (:func:`save_notice_text`, or why the game was never saved) across the
    top of ``surface``, wrapped to its width; returns the area it covers.  ``save_under`` is
    told that area first (the app keeps what the bar covers: :meth:`App.save_under`)."""
    width = surface.get_width()
    key = (text, width, id(theme))
    bar = _cache.get(key)
    if bar is None:
        _cache.clear()
        pad = theme.pad
        room = max(40, width - 2 * pad)
        # the full message is also in the terminal that started it
        lines = theme.clip_lines(theme.wrap(text, "small", room), MAX_LINES, "small", room)
        lh = theme.line_height("small")
        bar = pygame.Surface((width, len(lines) * lh + pad))
        bar.fill(theme.palette.bad)
        for i, line in enumerate(lines):
            theme.blit_text(bar, line, (pad, pad // 2 + i * lh), "small", theme.palette.text)
        _cache[key] = bar
    if save_under is not None:
        save_under(surface, bar.get_rect())
    return surface.blit(bar, (0, 0))
