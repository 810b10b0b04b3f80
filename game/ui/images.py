"""Pictures attached to injects (``image:`` in a scenario), loaded once and scaled to fit.

The loader has already checked that the path stays inside the scenario's folder and exists;
here the file is still untrusted: it is read only if it is small enough, decoding errors show a
short note instead of the picture, and each picture is scaled once per width.
"""

from __future__ import annotations

import os

import pygame

#: Larger picture files are not decoded (a scenario's pictures are photos and screenshots).
MAX_IMAGE_BYTES = 8 * 1024 * 1024


class InjectImages:
    """A cache of decoded pictures (``None`` when a file cannot be shown) and their scalings."""

    def __init__(self) -> None:
        self._decoded: dict[str, pygame.Surface | None] = {}
        self._scaled: dict[tuple[str, int, int], pygame.Surface] = {}

    def path_of(self, scenario_path: str, image: str) -> str:
        return os.path.join(os.path.dirname(scenario_path), image)

    def get(self, path: str) -> pygame.Surface | None:
        if path not in self._decoded:
            self._decoded[path] = _decode(path)
        return self._decoded[path]

    def fitted(self, path: str, width: int, max_height: int) -> pygame.Surface | None:
        """The picture scaled to ``width`` (never enlarged), at most ``max_height`` tall."""
        image = self.get(path)
        if image is None or width <= 0:
            return None
        key = (path, width, max_height)
        if key not in self._scaled:
            w, h = image.get_size()
            factor = min(1.0, width / w, max_height / h)
            size = (max(1, round(w * factor)), max(1, round(h * factor)))
            self._scaled[key] = (
                image if size == (w, h) else pygame.transform.smoothscale(image, size)
            )
        return self._scaled[key]


def _decode(path: str) -> pygame.Surface | None:
    try:
        if os.path.getsize(path) > MAX_IMAGE_BYTES:
            return None
        image = pygame.image.load(path)
    except (OSError, pygame.error, ValueError):
        return None
    if pygame.display.get_surface() is not None:
        image = image.convert_alpha()
    return image
