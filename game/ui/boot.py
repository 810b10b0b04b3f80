"""The first frame, drawn before anything heavy is imported.

Opening the window and painting the title band takes a few tens of milliseconds; importing the
engine, the scenario loader (attrs/cattrs classes are built at import time) and pygame_gui takes
several hundred.  So the window shows a plain title at once and the app builds behind it.
Only pygame and ``game.locations`` (no pygame_gui, no engine) are imported here.
"""

from __future__ import annotations

import pygame

from game.locations import assets_dir

BG = (20, 26, 36)
BAND = (30, 39, 53)
ACCENT = (90, 169, 255)
TEXT = (233, 238, 245)


def open_window(size: tuple[int, int]) -> pygame.Surface:
    """Open the resizable window and paint the title band (what the title screen will show)."""
    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode(size, pygame.RESIZABLE)
    pygame.display.set_caption("Crisis Tabletop")
    w, h = screen.get_size()
    screen.fill(BG)
    try:
        font = pygame.font.Font(str(assets_dir() / "fonts" / "NotoSansTC-Subset-Regular.otf"), 44)
        font.bold = True
        title = font.render("Crisis Tabletop", True, TEXT)
        lh = title.get_height() + 6
        band = pygame.Rect(0, h // 4 - lh, w, lh * 2)
        pygame.draw.rect(screen, BAND, band)
        pygame.draw.rect(screen, ACCENT, (0, band.bottom - 3, w, 3))
        screen.blit(title, ((w - title.get_width()) // 2, band.y + 4))
    except (OSError, pygame.error):
        pass  # a missing font only costs the splash its title
    pygame.display.flip()
    return screen
