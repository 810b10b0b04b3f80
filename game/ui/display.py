"""Can a window open here?  Asked before the window is built, so the command line can offer
the terminal mode instead of a traceback."""

from __future__ import annotations

import os


def probe_display() -> str:
    """ "" when a video driver starts, else SDL's reason (the dummy driver always starts)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    try:
        pygame.display.init()
    except pygame.error as e:
        if os.environ.get("SDL_VIDEODRIVER") == "dummy":
            raise
        return str(e) or "no video driver"
    return ""
