"""The bundled font (Noto Sans TC subset), opened with ``pygame.font`` at the sizes asked for.

One file serves every style: bold is synthesised (``Font.bold``) rather than shipping a second
3 MB weight.  Each open face costs about 3 ms and 0.7 MiB, so :class:`game.ui.theme.Theme` keeps
one face and sets its size per text role, and the splash's title font (:mod:`game.ui.boot`) is
handed on to the theme instead of being opened twice.
Only pygame and :mod:`game.locations` are imported here (the splash uses it).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pygame

from game.locations import assets_dir

#: The font file, relative to the assets folder (``assets/theme.json`` names the same file).
FONT_FILE = "fonts/NotoSansTC-Subset-Regular.otf"

_spare: dict[str, pygame.font.Font] = {}


def font_path() -> str:
    return str((assets_dir() / FONT_FILE).resolve())


def open_font(path: str | Path, px: int, bold: bool = False) -> pygame.font.Font:
    """``path`` at ``px`` points, set up as the window has always drawn text: antialiased,
    synthesised bold, Latin script shaping, left to right."""
    font = pygame.font.Font(str(path), px)
    font.bold = bold
    with contextlib.suppress(AttributeError, pygame.error):
        font.set_script("Latn")
        font.set_direction(pygame.DIRECTION_LTR)
    return font


def keep(path: str | Path, font: pygame.font.Font) -> None:
    """Offer an open font (the splash's) to the next theme that needs this file."""
    _spare[str(Path(path).resolve())] = font


def adopt(path: str | Path) -> pygame.font.Font | None:
    """The font offered by :func:`keep` for this file, once; else None."""
    return _spare.pop(str(Path(path).resolve()), None)
