"""The first frame, drawn before anything heavy is imported.

Opening the window and painting the title band takes a few tens of milliseconds; importing the
engine, the scenario loader (attrs/cattrs classes are built at import time) and pygame_gui takes
several hundred.  So the window shows a plain title at once and the app builds behind it.
Only pygame, ``game.locations`` and ``game.ui.fonts`` (no engine) are imported here.  The title
font opened for the band is handed on to the theme (:func:`game.ui.fonts.keep`), so the title
screen does not open it again.
"""

from __future__ import annotations

import contextlib
import os

import pygame

from game.ui import fonts

BG = (20, 26, 36)
BAND = (30, 39, 53)
ACCENT = (90, 169, 255)
TEXT = (233, 238, 245)
TITLE_PX = 44  # the "@title" size of assets/theme.json


def open_window(size: tuple[int, int]) -> pygame.Surface:
    """Open the resizable window and paint the title band (what the title screen will show)."""
    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode(size, pygame.RESIZABLE)
    pygame.display.set_caption("Crisis Tabletop")
    w, h = screen.get_size()
    screen.fill(BG)
    try:
        path = fonts.font_path()
        font = fonts.open_font(path, TITLE_PX, bold=True)
        fonts.keep(path, font)  # the theme's one face
        title = font.render("Crisis Tabletop", True, TEXT)
        lh = title.get_height() + max(1, TITLE_PX // 8)  # as Theme.line_height("title")
        band = pygame.Rect(0, h // 4 - lh, w, lh * 2)
        pygame.draw.rect(screen, BAND, band)
        pygame.draw.rect(screen, ACCENT, (0, band.bottom - 3, w, 3))
        screen.blit(title, ((w - title.get_width()) // 2, band.y + 4))
    except (OSError, pygame.error):
        pass  # a missing font only costs the splash its title
    pygame.display.flip()
    startup_mark("frame")
    return screen


#: ``bench/startup.py`` sets this to a file descriptor to be told when frames are on screen.
STARTUP_FD = "CRISIS_SIM_STARTUP_FD"


def startup_mark(what: str) -> None:
    """Write ``ready WHAT PEAK_KIB`` to the start-up benchmark's descriptor, if it set one.

    The benchmark times the real ``crisis-sim`` command; this is how it learns that the first
    frame (``frame``) and the interactive title screen (``title``) are up, and how much memory
    the process held at its peak by then.  Without the variable it does nothing.
    """
    fd = os.environ.get(STARTUP_FD)
    if not fd:
        return
    kib = 0
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            kib = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        import resource

        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with contextlib.suppress(OSError, ValueError):
        os.write(int(fd), f"ready {what} {kib}\n".encode())
