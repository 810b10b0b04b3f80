"""Pictures attached to injects (``image:`` in a scenario), decoded once per game and scaled.

The loader has checked the path (inside the scenario's folder) and the header (S030); the file
is still untrusted here, because it may have changed since: it is read again through
:func:`game.pictures.load_checked` (a regular file only, opened without blocking, at most
8 MB, at most 16 megapixels by its header) and the bytes read are what pygame decodes, never
the path a second time.  A picture that fails shows a short note instead.

One :class:`InjectImages` lives as long as the window (``App.inject_images``), so a picture
is decoded once, not once per turn screen; a few scaled copies are kept per picture.
"""

from __future__ import annotations

import io
import os

import pygame

from game.pictures import PictureError, load_checked

#: Scaled copies kept (each width the window was laid out at); the oldest go first.
MAX_SCALED = 24


class InjectImages:
    """A cache of decoded pictures (``None`` when a file cannot be shown) and their scalings."""

    def __init__(self) -> None:
        self._decoded: dict[str, pygame.Surface | None] = {}
        self._scaled: dict[tuple[str, int, int], pygame.Surface] = {}
        self._stamps: dict[str, tuple[int, int] | None] = {}
        self.decodes = 0  # how many files were decoded (tests read it)

    def path_of(self, scenario_path: str, image: str) -> str:
        return os.path.join(os.path.dirname(scenario_path), image)

    def get(self, path: str) -> pygame.Surface | None:
        stamp = _stamp(path)
        if self._stamps.get(path) != stamp or path not in self._decoded:
            # new, or changed on disk since it was decoded (an author editing it)
            self.decodes += 1
            self._stamps[path] = stamp
            self._decoded[path] = _decode(path)
            for key in [k for k in self._scaled if k[0] == path]:
                del self._scaled[key]
        return self._decoded[path]

    def fitted(self, path: str, width: int, max_height: int) -> pygame.Surface | None:
        """The picture scaled to ``width`` (never enlarged), at most ``max_height`` tall."""
        image = self.get(path)
        if image is None or width <= 0:
            return None
        key = (path, width, max_height)
        scaled = self._scaled.get(key)
        if scaled is None:
            w, h = image.get_size()
            factor = min(1.0, width / w, max_height / h)
            size = (max(1, round(w * factor)), max(1, round(h * factor)))
            scaled = image if size == (w, h) else pygame.transform.smoothscale(image, size)
            if len(self._scaled) >= MAX_SCALED:
                del self._scaled[next(iter(self._scaled))]
            self._scaled[key] = scaled
        return scaled


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_mtime_ns, info.st_size


def _decode(path: str) -> pygame.Surface | None:
    try:
        data, info = load_checked(path)
        image = pygame.image.load(io.BytesIO(data), f"picture.{info.format.lower()}")
    except (PictureError, pygame.error, ValueError, OSError, MemoryError):
        return None
    if pygame.display.get_surface() is not None:
        image = image.convert_alpha()
    return image
