"""Draw the original pictures of the shipped earthquake and workplace-violence scenarios.

Run from the repository root (pygame-ce is already a dependency of the game)::

    SDL_VIDEODRIVER=dummy .venv/bin/python assets/pictures/draw_scenario_pictures.py

It writes ``scenarios/images/earthquake-placards.png`` (three building-safety placards in the
style of post-earthquake rapid evaluation: inspected, restricted use, unsafe) and
``scenarios/images/workplace-violence-floor6.png`` (a simplified 6th-floor plan of the fictional
Halden office: lobby, claims floor, lockable rooms, the west stairs). Both are simple drawings
made for this project, with no people in them, and are licensed like the rest of the project
(see README.md beside this script).
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
import pygame

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "scenarios" / "images"
FONT = ROOT / "assets" / "fonts" / "NotoSansTC-Subset-Regular.otf"

INK = (30, 30, 34)
PAPER = (250, 248, 242)


def _font(size: int, bold: bool = False) -> pygame.font.Font:
    f = pygame.font.Font(str(FONT), size)
    f.set_bold(bold)
    return f


def _text(
    surf: pygame.Surface,
    text: str,
    size: int,
    centre: tuple[int, int],
    colour=INK,
    bold: bool = False,
) -> None:
    img = _font(size, bold).render(text, True, colour)
    surf.blit(img, img.get_rect(center=centre))


def placards() -> pygame.Surface:
    """Three placards side by side, each with its building and what it allows."""
    w, h = 960, 420
    surf = pygame.Surface((w, h))
    surf.fill((222, 224, 228))
    cards = [
        (
            (46, 139, 87),
            "INSPECTED",
            "Offices and server room",
            ["No restriction on", "use or occupancy"],
        ),
        (
            (236, 190, 30),
            "RESTRICTED USE",
            "Freezer warehouse",
            ["Entry 30 min with engineer", "Aisles 1-5 only", "No entry to aisle 7"],
        ),
        (
            (200, 40, 40),
            "UNSAFE",
            "Packaging hall",
            ["Do not enter or occupy", "Entry only as authorised", "by the building official"],
        ),
    ]
    cw, ch, gap = 280, 360, 30
    x0 = (w - 3 * cw - 2 * gap) // 2
    for i, (colour, title, place, lines) in enumerate(cards):
        x = x0 + i * (cw + gap)
        rect = pygame.Rect(x, 30, cw, ch)
        pygame.draw.rect(surf, colour, rect, border_radius=10)
        inner = rect.inflate(-24, -24)
        pygame.draw.rect(surf, PAPER, inner, border_radius=6)
        band = pygame.Rect(inner.x, inner.y, inner.width, 70)
        pygame.draw.rect(surf, colour, band)
        text_colour = INK if title == "RESTRICTED USE" else PAPER
        _text(surf, title, 30 if len(title) < 12 else 24, band.center, text_colour, bold=True)
        _text(surf, "Building-safety evaluation", 15, (inner.centerx, band.bottom + 24))
        _text(surf, place, 19, (inner.centerx, band.bottom + 62), bold=True)
        for k, line in enumerate(lines):
            _text(surf, line, 17, (inner.centerx, band.bottom + 110 + k * 28))
        pygame.draw.line(
            surf, INK, (inner.x + 30, inner.bottom - 50), (inner.right - 30, inner.bottom - 50)
        )
        _text(surf, "Evaluator ID / date / time", 13, (inner.centerx, inner.bottom - 34))
        # staple holes
        for dx in (18, cw - 18):
            pygame.draw.circle(surf, (120, 120, 120), (x + dx, 44), 4)
    return surf


def floor_plan() -> pygame.Surface:
    """A simplified floor plan: west stairs, claims floor, meeting rooms, lobby, east lifts."""
    w, h = 960, 520
    surf = pygame.Surface((w, h))
    surf.fill(PAPER)
    wall = 5
    outer = pygame.Rect(40, 60, 880, 400)
    pygame.draw.rect(surf, INK, outer, wall)
    _text(
        surf,
        "Capitol Park Tower, 6th floor (Halden Mutual), simplified plan",
        20,
        (w // 2, 30),
        bold=True,
    )
    # west stairs (exit)
    stairs = pygame.Rect(40, 200, 90, 120)
    pygame.draw.rect(surf, (46, 139, 87), stairs)
    pygame.draw.rect(surf, INK, stairs, 3)
    _text(surf, "WEST", 16, (stairs.centerx, stairs.centery - 12), PAPER, bold=True)
    _text(surf, "STAIRS", 16, (stairs.centerx, stairs.centery + 10), PAPER, bold=True)
    # meeting rooms along the north wall
    for i in range(4):
        r = pygame.Rect(150 + i * 120, 60, 120, 110)
        pygame.draw.rect(surf, (214, 228, 242), r)
        pygame.draw.rect(surf, INK, r, 3)
        _text(surf, f"Meeting {i + 1}", 15, (r.centerx, r.centery - 10))
        _text(surf, "lockable", 13, (r.centerx, r.centery + 12), (60, 90, 140))
    # open-plan claims floor
    claims = pygame.Rect(150, 190, 480, 250)
    pygame.draw.rect(surf, (236, 236, 230), claims)
    for gx in range(claims.x + 30, claims.right - 40, 70):
        for gy in range(claims.y + 30, claims.bottom - 30, 60):
            pygame.draw.rect(surf, (200, 200, 192), (gx, gy, 44, 26), border_radius=3)
    _text(surf, "Claims floor (open plan)", 18, (claims.centerx, claims.bottom - 16), bold=True)
    # badge door between claims floor and lobby
    pygame.draw.line(surf, INK, (650, 60), (650, 460), wall)
    door = pygame.Rect(644, 290, 12, 50)
    pygame.draw.rect(surf, (200, 40, 40), door)
    _text(surf, "badge door", 14, (700, 352), (200, 40, 40))
    # lobby
    lobby = pygame.Rect(660, 200, 160, 180)
    pygame.draw.rect(surf, (250, 232, 200), lobby)
    _text(surf, "Lobby", 18, (lobby.centerx, lobby.y + 24), bold=True)
    desk = pygame.Rect(lobby.x + 30, lobby.y + 60, 100, 24)
    pygame.draw.rect(surf, (160, 120, 80), desk)
    _text(surf, "security desk", 13, (desk.centerx, desk.bottom + 14))
    _text(surf, "delivery door", 13, (lobby.centerx, lobby.bottom - 18))
    # lifts
    lifts = pygame.Rect(830, 200, 90, 180)
    pygame.draw.rect(surf, (210, 210, 210), lifts)
    pygame.draw.rect(surf, INK, lifts, 3)
    _text(surf, "LIFTS", 16, (lifts.centerx, lifts.centery), bold=True)
    # legend
    pygame.draw.rect(surf, (46, 139, 87), (60, 478, 18, 18))
    _text(surf, "exit", 14, (100, 487))
    pygame.draw.rect(surf, (214, 228, 242), (140, 478, 18, 18))
    _text(surf, "room that locks from inside", 14, (260, 487))
    pygame.draw.rect(surf, (200, 40, 40), (400, 478, 18, 18))
    _text(surf, "badge-controlled door", 14, (500, 487))
    return surf


def main() -> None:
    pygame.init()
    OUT.mkdir(parents=True, exist_ok=True)
    pygame.image.save(placards(), str(OUT / "earthquake-placards.png"))
    pygame.image.save(floor_plan(), str(OUT / "workplace-violence-floor6.png"))
    print("wrote", OUT / "earthquake-placards.png", "and", OUT / "workplace-violence-floor6.png")


if __name__ == "__main__":
    main()
