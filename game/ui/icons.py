"""Channel and scenario-type icons, drawn by code (no image files, nothing to license).

Every icon is a simple pictogram drawn with ``pygame.draw`` into a square of any size, in one
colour, so it follows the palette and the text scale.  Results are cached per (name, size,
colour).
"""

from __future__ import annotations

import math

import pygame

_cache: dict[tuple[str, int, tuple[int, int, int]], pygame.Surface] = {}


def icon(name: str, size: int, colour: tuple[int, int, int]) -> pygame.Surface:
    key = (name, size, colour)
    surf = _cache.get(key)
    if surf is None:
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        _DRAW.get(name, _unknown)(surf, size, colour)
        _cache[key] = surf
    return surf


def _w(s: int) -> int:
    return max(2, s // 12)


def _email(surf: pygame.Surface, s: int, c: tuple) -> None:
    r = pygame.Rect(s * 0.1, s * 0.25, s * 0.8, s * 0.5)
    pygame.draw.rect(surf, c, r, _w(s))
    pygame.draw.lines(surf, c, False, [r.topleft, r.center, r.topright], _w(s))


def _letter(surf: pygame.Surface, s: int, c: tuple) -> None:
    """A posted envelope seen from the front: a stamp and the address lines (the e-mail icon
    is the open flap, so the two never look alike)."""
    w = _w(s)
    r = pygame.Rect(s * 0.08, s * 0.22, s * 0.84, s * 0.56)
    pygame.draw.rect(surf, c, r, w)
    pygame.draw.rect(surf, c, (r.right - s * 0.24, r.y + s * 0.08, s * 0.16, s * 0.18))
    for i, length in enumerate((0.4, 0.32)):
        y = r.y + s * (0.32 + i * 0.12)
        x = r.x + s * 0.22
        pygame.draw.line(surf, c, (x, y), (x + s * length, y), max(1, w - 1))


def _phone(surf: pygame.Surface, s: int, c: tuple) -> None:
    w = _w(s)
    pygame.draw.arc(
        surf, c, pygame.Rect(s * 0.15, s * 0.15, s * 0.7, s * 0.9), 0.3, math.pi - 0.3, w * 2
    )
    pygame.draw.rect(surf, c, (s * 0.12, s * 0.38, s * 0.22, s * 0.16), border_radius=2)
    pygame.draw.rect(surf, c, (s * 0.66, s * 0.38, s * 0.22, s * 0.16), border_radius=2)
    pygame.draw.rect(surf, c, (s * 0.3, s * 0.55, s * 0.4, s * 0.3), border_radius=3)


def _news(surf: pygame.Surface, s: int, c: tuple) -> None:
    w = _w(s)
    r = pygame.Rect(s * 0.12, s * 0.15, s * 0.76, s * 0.7)
    pygame.draw.rect(surf, c, r, w)
    pygame.draw.rect(surf, c, (r.x + s * 0.1, r.y + s * 0.1, s * 0.25, s * 0.2))
    for i in range(3):
        y = r.y + s * (0.42 + i * 0.12)
        pygame.draw.line(surf, c, (r.x + s * 0.1, y), (r.right - s * 0.1, y), max(1, w - 1))
    pygame.draw.line(
        surf,
        c,
        (r.x + s * 0.42, r.y + s * 0.14),
        (r.right - s * 0.1, r.y + s * 0.14),
        max(1, w - 1),
    )


def _social(surf: pygame.Surface, s: int, c: tuple) -> None:
    w = _w(s)
    pygame.draw.ellipse(surf, c, (s * 0.1, s * 0.15, s * 0.8, s * 0.55), w)
    pygame.draw.polygon(surf, c, [(s * 0.3, s * 0.62), (s * 0.22, s * 0.88), (s * 0.48, s * 0.68)])
    for i in range(3):
        pygame.draw.circle(surf, c, (s * (0.32 + i * 0.18), s * 0.43), max(2, s // 16))


def _alarm(surf: pygame.Surface, s: int, c: tuple) -> None:
    w = _w(s)
    pts = [(s * 0.5, s * 0.1), (s * 0.92, s * 0.86), (s * 0.08, s * 0.86)]
    pygame.draw.polygon(surf, c, pts, w)
    pygame.draw.line(surf, c, (s * 0.5, s * 0.38), (s * 0.5, s * 0.62), w + 1)
    pygame.draw.circle(surf, c, (s * 0.5, s * 0.74), max(2, w))


def _radio(surf: pygame.Surface, s: int, c: tuple) -> None:
    w = _w(s)
    pygame.draw.rect(surf, c, (s * 0.12, s * 0.38, s * 0.76, s * 0.48), w, border_radius=3)
    pygame.draw.line(surf, c, (s * 0.25, s * 0.38), (s * 0.7, s * 0.1), w)
    pygame.draw.circle(surf, c, (s * 0.35, s * 0.62), s * 0.11, w)
    for i in range(2):
        y = s * (0.55 + i * 0.13)
        pygame.draw.line(surf, c, (s * 0.56, y), (s * 0.78, y), max(1, w - 1))


def _meeting(surf: pygame.Surface, s: int, c: tuple) -> None:
    w = _w(s)
    for cx in (0.3, 0.7):
        pygame.draw.circle(surf, c, (s * cx, s * 0.32), s * 0.12, w)
        pygame.draw.arc(
            surf, c, pygame.Rect(s * (cx - 0.2), s * 0.5, s * 0.4, s * 0.4), 0, math.pi, w
        )
    pygame.draw.line(surf, c, (s * 0.08, s * 0.82), (s * 0.92, s * 0.82), w)


def _report(surf: pygame.Surface, s: int, c: tuple) -> None:
    w = _w(s)
    pygame.draw.rect(surf, c, (s * 0.2, s * 0.1, s * 0.6, s * 0.8), w, border_radius=2)
    for i in range(4):
        y = s * (0.28 + i * 0.15)
        pygame.draw.line(surf, c, (s * 0.3, y), (s * 0.7, y), max(1, w - 1))


def _press_release(surf: pygame.Surface, s: int, c: tuple) -> None:  # megaphone
    w = _w(s)
    pygame.draw.polygon(
        surf,
        c,
        [(s * 0.15, s * 0.4), (s * 0.6, s * 0.18), (s * 0.6, s * 0.82), (s * 0.15, s * 0.6)],
        w,
    )
    pygame.draw.rect(surf, c, (s * 0.22, s * 0.6, s * 0.12, s * 0.25))
    for i, a in enumerate((-0.35, 0, 0.35)):
        pygame.draw.line(
            surf,
            c,
            (s * 0.7, s * 0.5 + a * s * 0.3),
            (s * 0.9, s * 0.5 + a * s * 0.7),
            max(1, w - i % 2),
        )


# scenario types


def _data_breach(surf: pygame.Surface, s: int, c: tuple) -> None:  # open padlock
    w = _w(s)
    pygame.draw.rect(surf, c, (s * 0.2, s * 0.45, s * 0.6, s * 0.45), border_radius=4)
    pygame.draw.arc(surf, c, pygame.Rect(s * 0.3, s * 0.1, s * 0.4, s * 0.6), 0.4, math.pi, w + 1)
    pygame.draw.circle(surf, (0, 0, 0, 0), (s * 0.5, s * 0.63), max(2, s // 12))


def _product_recall(surf: pygame.Surface, s: int, c: tuple) -> None:  # box with return arrow
    w = _w(s)
    pygame.draw.rect(surf, c, (s * 0.15, s * 0.35, s * 0.7, s * 0.55), w)
    pygame.draw.line(surf, c, (s * 0.15, s * 0.35), (s * 0.3, s * 0.2), w)
    pygame.draw.line(surf, c, (s * 0.85, s * 0.35), (s * 0.7, s * 0.2), w)
    pygame.draw.line(surf, c, (s * 0.3, s * 0.2), (s * 0.7, s * 0.2), w)
    pygame.draw.arc(surf, c, pygame.Rect(s * 0.32, s * 0.45, s * 0.36, s * 0.32), -1.2, 3.2, w)
    pygame.draw.polygon(surf, c, [(s * 0.26, s * 0.58), (s * 0.4, s * 0.58), (s * 0.33, s * 0.7)])


def _fire(surf: pygame.Surface, s: int, c: tuple) -> None:
    pts = [
        (s * 0.5, s * 0.05),
        (s * 0.75, s * 0.42),
        (s * 0.68, s * 0.3),
        (s * 0.85, s * 0.6),
        (s * 0.78, s * 0.85),
        (s * 0.5, s * 0.95),
        (s * 0.22, s * 0.85),
        (s * 0.15, s * 0.6),
        (s * 0.3, s * 0.4),
        (s * 0.35, s * 0.55),
    ]
    pygame.draw.polygon(surf, c, pts)


def _reputation(surf: pygame.Surface, s: int, c: tuple) -> None:  # star
    pts = []
    for i in range(10):
        r = s * (0.45 if i % 2 == 0 else 0.2)
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((s * 0.5 + r * math.cos(a), s * 0.52 + r * math.sin(a)))
    pygame.draw.polygon(surf, c, pts)


def _natural_disaster(surf: pygame.Surface, s: int, c: tuple) -> None:  # wave
    w = _w(s)
    for i in range(3):
        y = s * (0.3 + i * 0.22)
        pts = [(s * (0.08 + k * 0.0525), y + math.sin(k * 0.6) * s * 0.07) for k in range(17)]
        pygame.draw.lines(surf, c, False, pts, w)


def _workplace_violence(surf: pygame.Surface, s: int, c: tuple) -> None:  # shield with cross
    w = _w(s)
    pts = [
        (s * 0.5, s * 0.08),
        (s * 0.85, s * 0.22),
        (s * 0.78, s * 0.65),
        (s * 0.5, s * 0.92),
        (s * 0.22, s * 0.65),
        (s * 0.15, s * 0.22),
    ]
    pygame.draw.polygon(surf, c, pts, w)
    pygame.draw.line(surf, c, (s * 0.5, s * 0.3), (s * 0.5, s * 0.7), w + 1)
    pygame.draw.line(surf, c, (s * 0.32, s * 0.48), (s * 0.68, s * 0.48), w + 1)


def _other(surf: pygame.Surface, s: int, c: tuple) -> None:
    pygame.draw.circle(surf, c, (s * 0.5, s * 0.5), s * 0.4, _w(s))
    pygame.draw.circle(surf, c, (s * 0.5, s * 0.5), s * 0.12)


def _unknown(surf: pygame.Surface, s: int, c: tuple) -> None:
    pygame.draw.rect(surf, c, (s * 0.2, s * 0.2, s * 0.6, s * 0.6), _w(s))


_DRAW = {
    "email": _email,
    "letter": _letter,
    "phone": _phone,
    "news": _news,
    "social": _social,
    "alarm": _alarm,
    "radio": _radio,
    "meeting": _meeting,
    "report": _report,
    "press_release": _press_release,
    "data_breach": _data_breach,
    "product_recall": _product_recall,
    "fire": _fire,
    "reputation": _reputation,
    "natural_disaster": _natural_disaster,
    "workplace_violence": _workplace_violence,
    "other": _other,
}

NAMES = tuple(_DRAW)
