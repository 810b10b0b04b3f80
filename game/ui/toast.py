"""Toasts: short confirmations ("Report saved", "Inject sent", "Save failed") drawn over every
scene, where the player is looking, whatever is scrolled or covered.

A confirmation written into a scene's scroll list is missed as soon as the list is scrolled (the
debrief's "Report saved" line was at the top while H was pressed at the bottom).  The app owns
one :class:`Toasts` queue and draws it last, after every scene, so any scene (or any other part
of the window: saving, recording) can say ``app.toasts.show("Report saved: …")`` and the player
sees it at once.

A toast stays a few seconds (longer for longer text), then goes; at most ``MAX_SHOWN`` are
drawn, newest at the bottom.  Each has a kind — ``good`` (done), ``bad`` (failed, stays twice as
long) or ``info`` — told by a sign (✓, !, •) as well as by colour, never by colour alone.  Time
comes from the frame's ``dt`` (``update``), so tests expire toasts without a wall clock.  No
game state lives here: drawing only reads the queue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui.theme import Theme

#: how many toasts are drawn at once (the newest)
MAX_SHOWN = 3
#: seconds a short toast stays; longer text stays longer (reading time), failures twice as long
BASE_SECONDS = 4.0
SIGNS = {"good": "✓", "bad": "!", "info": "•"}


@dataclass(slots=True)
class Toast:
    text: str
    kind: str = "good"
    left: float = BASE_SECONDS


class Toasts:
    """The window's queue of toasts (``App.toasts``)."""

    def __init__(self) -> None:
        self.items: list[Toast] = []

    def show(self, text: str, kind: str = "good", seconds: float | None = None) -> Toast:
        """Show ``text`` now.  The same text shown again restarts its time instead of
        stacking a copy (pressing H twice says "saved" once)."""
        if kind not in SIGNS:
            raise ValueError(f"toast kind {kind!r} is not one of {', '.join(SIGNS)}")
        if seconds is None:
            seconds = BASE_SECONDS + len(text) / 25  # about reading speed
            if kind == "bad":
                seconds *= 2
        self.items = [t for t in self.items if not (t.text == text and t.kind == kind)]
        toast = Toast(text, kind, seconds)
        self.items.append(toast)
        return toast

    @property
    def texts(self) -> list[str]:
        """The texts being shown, oldest first (tests and the screen reader of the future)."""
        return [t.text for t in self.items]

    def update(self, dt: float) -> None:
        for t in self.items:
            t.left -= dt
        self.items = [t for t in self.items if t.left > 0]

    def clear(self) -> None:
        self.items.clear()

    def draw(
        self,
        surface: pygame.Surface,
        theme: Theme,
        bottom: int | None = None,
        save_under: Callable[[pygame.Surface, pygame.Rect], None] | None = None,
    ) -> None:
        """Bottom centre, newest lowest, ending at ``bottom`` (the top of the screen's footer,
        so its buttons are never covered; default: above a one-line footer).  ``save_under``
        is told each toast's area (with its shadow) before it is painted (the app keeps what
        the toasts cover: :meth:`App.save_under`)."""
        if not self.items:
            return
        p = theme.palette
        w, h = surface.get_size()
        pad = theme.pad
        width = min(w - 4 * pad, theme.sizes["body"] * 36)
        sign_w = theme.width("✓ ", "heading")
        text_w = width - 2 * pad - sign_w
        if bottom is None:
            bottom = h - (theme.line_height("body") + theme.pad * 3)  # a one-line footer
        y = bottom - pad
        for toast in reversed(self.items[-MAX_SHOWN:]):
            lines = theme.clip_lines(theme.wrap(toast.text, "body", text_w), 4, "body", text_w)
            box_h = len(lines) * theme.line_height("body") + 2 * pad
            y -= box_h
            rect = pygame.Rect((w - width) // 2, y, width, box_h)
            colour = getattr(p, toast.kind if toast.kind != "info" else "accent")
            shadow = rect.move(3, 4)
            if save_under is not None:
                save_under(surface, rect.union(shadow))
            pygame.draw.rect(surface, p.overlay, shadow, border_radius=8)
            pygame.draw.rect(surface, p.panel_alt, rect, border_radius=8)
            pygame.draw.rect(surface, colour, rect, 3, border_radius=8)
            theme.blit_text(
                surface, SIGNS[toast.kind], (rect.x + pad, rect.y + pad), "heading", colour
            )
            for n, line in enumerate(lines):
                theme.blit_text(
                    surface,
                    line,
                    (rect.x + pad + sign_w, rect.y + pad + n * theme.line_height("body")),
                    "body",
                    p.text,
                )
            y -= pad
