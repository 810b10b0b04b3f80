"""A small retained widget set drawn with the theme's fonts: text that always wraps, buttons whose
labels wrap instead of being cut, boxes, rows, and scroll views that clip and scroll their content.

Layout is one pass: ``layout(theme, x, y, width)`` places a widget (and its children) in its scroll
view's content coordinates and returns its height.  Drawing gets the offset from content to
screen.  Widgets hold no game state: a scene rebuilds them from the session when it changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pygame

from game.linebreak import display_width
from game.ui import icons
from game.ui.theme import Colour, Theme


class Ctx:
    """What drawing needs besides the widgets: theme, focus, hover and the pressed widget."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.focus: Widget | None = None
        self.hover: Widget | None = None
        self.pressed: Widget | None = None
        self.dragging: Widget | None = None
        #: While a scene draws the image it keeps (``Scene.draw``): the live ``Custom`` widgets
        #: met, with their offsets and clip, painted afresh every frame instead.
        self.live: list[tuple[Custom, int, int, pygame.Rect]] | None = None


def colour(theme: Theme, value: str | Colour | None, default: str = "text") -> Colour:
    if value is None:
        value = default
    if isinstance(value, str):
        return getattr(theme.palette, value)
    return value


class Widget:
    focusable = False

    def __init__(self, key: str | None = None) -> None:
        self.key = key
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.children: list[Widget] = []

    def layout(self, theme: Theme, x: int, y: int, width: int) -> int:
        self.rect = pygame.Rect(x, y, width, 0)
        return 0

    def draw(self, surf: pygame.Surface, ctx: Ctx, dx: int, dy: int) -> None:
        for c in self.children:
            c.draw(surf, ctx, dx, dy)

    def walk(self) -> Iterator[Widget]:
        yield self
        for c in self.children:
            yield from c.walk()

    def activate(self) -> None:
        """Enter, Space or a click on a focusable widget."""


class Text(Widget):
    def __init__(
        self,
        text: str,
        role: str = "body",
        colour: str | Colour | None = None,
        align: str = "left",
        key: str | None = None,
    ) -> None:
        super().__init__(key)
        self.text, self.role, self.colour, self.align = text, role, colour, align

    def layout(self, theme: Theme, x: int, y: int, width: int) -> int:
        h = theme.text_height(self.text, self.role, width)
        self.rect = pygame.Rect(x, y, width, h)
        return h

    def draw(self, surf: pygame.Surface, ctx: Ctx, dx: int, dy: int) -> None:
        t = ctx.theme
        t.draw_wrapped(
            surf, self.text, self.rect.move(dx, dy), self.role, colour(t, self.colour), self.align
        )


class Button(Widget):
    """A focusable button whose label wraps.  ``style``: normal, primary, danger, toggle.

    ``hint`` is the key that also presses it (shown before the label); ``selected`` marks a
    toggled or chosen button with a check mark as well as a colour, so it is never colour alone.
    """

    focusable = True

    def __init__(
        self,
        text: str,
        action: Callable[[], Any] | None = None,
        *,
        style: str = "normal",
        role: str = "body",
        hint: str = "",
        selected: bool = False,
        enabled: bool = True,
        fill: bool = False,
        key: str | None = None,
        drag: str | None = None,
        align: str = "left",
        icon: str | None = None,
    ) -> None:
        super().__init__(key)
        self.text, self.action, self.style, self.role = text, action, style, role
        self.hint, self.selected, self.enabled, self.fill = hint, selected, enabled, fill
        self.drag = drag
        self.align = align
        self.icon = icon
        self._lines: list[str] = []
        self._hint_w = 0

    def _label(self) -> str:
        if self.style == "toggle":
            return ("✓ " if self.selected else "□ ") + self.text
        return self.text

    def layout(self, theme: Theme, x: int, y: int, width: int) -> int:
        padx, pady = theme.pad, max(4, theme.pad * 2 // 3)
        self._hint_w = theme.width(self.hint + "  ", "small") if self.hint else 0
        if self.icon:
            self._hint_w += theme.line_height(self.role) + theme.pad // 2
        label = self._label()
        natural = theme.width(label, self.role) + 2 * padx + self._hint_w + 8
        w = width if self.fill else min(width, natural)
        self._lines = theme.wrap(label, self.role, max(10, w - 2 * padx - self._hint_w))
        h = len(self._lines) * theme.line_height(self.role) + 2 * pady
        self.rect = pygame.Rect(x, y, w, h)
        return h

    def draw(self, surf: pygame.Surface, ctx: Ctx, dx: int, dy: int) -> None:
        t = ctx.theme
        p = t.palette
        r = self.rect.move(dx, dy)
        if not self.enabled:
            bg, fg = p.disabled, p.disabled_text
        elif self.selected and self.style in ("toggle", "choice"):
            bg, fg = p.selected, p.button_text
        elif self.style == "primary":
            bg, fg = p.primary, p.button_text
        elif self.style == "danger":
            bg, fg = p.danger, p.button_text
        else:
            bg, fg = p.button, p.button_text
        if self.enabled and (ctx.hover is self or ctx.pressed is self):
            bg = tuple(min(255, c + 28) for c in bg)
        radius = max(4, t.pad // 2)
        pygame.draw.rect(surf, bg, r, border_radius=radius)
        if ctx.dragging is self:
            pygame.draw.rect(surf, p.accent, r, width=2, border_radius=radius)
        padx, pady = t.pad, max(4, t.pad * 2 // 3)
        lh = t.line_height(self.role)
        y = r.y + pady
        if self.hint:
            t.blit_text(
                surf,
                self.hint,
                (r.x + padx, y + (lh - t.line_height("small")) // 2 + 1),
                "small",
                p.focus if self.enabled else fg,
            )
        if self.icon:
            size = lh - 4
            x = r.x + padx + (t.width(self.hint + "  ", "small") if self.hint else 0)
            surf.blit(icons.icon(self.icon, size, fg), (x, y + 2))
        for line in self._lines:
            x = r.x + padx + self._hint_w
            if self.align == "center":
                x = r.centerx - t.width(line, self.role) // 2
            t.blit_text(surf, line, (x, y), self.role, fg)
            y += lh
        if ctx.focus is self:
            pygame.draw.rect(surf, p.focus, r.inflate(6, 6), width=3, border_radius=radius + 2)

    def activate(self) -> None:
        if self.enabled and self.action is not None:
            self.action()


class TextField(Widget):
    """A text input with its label above it.  The box itself is a pygame_gui text entry
    (one line, or a growing box of ``multiline_height`` lines or more) that the scene's
    :class:`game.ui.textentry.TextLayer` places over ``box`` and draws after the widgets: it
    edits, and hands every change to ``on_change``.  Enter runs ``on_enter``."""

    focusable = True
    typing = True

    def __init__(
        self,
        value: str,
        on_change: Callable[[str], None],
        *,
        label: str = "",
        placeholder: str = "",
        max_len: int = 60,
        on_enter: Callable[[], None] | None = None,
        key: str | None = None,
        multiline_height: int = 1,
    ) -> None:
        super().__init__(key)
        self.value, self.on_change, self.label = value, on_change, label
        self.placeholder, self.max_len, self.on_enter = placeholder, max_len, on_enter
        self.lines_shown = multiline_height
        self.label_h = 0
        #: the entry's rectangle on the screen (set by the text layer)
        self.box = pygame.Rect(0, 0, 0, 0)

    def layout(self, theme: Theme, x: int, y: int, width: int) -> int:
        self.label_h = theme.text_height(self.label, "small", width) if self.label else 0
        box = theme.line_height("body") * self.lines_shown + theme.pad
        if self.lines_shown > 1:  # the entry's border, padding and scroll bar too
            inner = width - theme.pad * 2 - 24
            box = max(box, theme.text_height(self.value + "|", "body", inner)) + theme.pad + 8
        self.rect = pygame.Rect(x, y, width, self.label_h + box)
        return self.rect.height

    def activate(self) -> None:
        if self.on_enter is not None:
            self.on_enter()

    def draw(self, surf: pygame.Surface, ctx: Ctx, dx: int, dy: int) -> None:
        t = ctx.theme
        p = t.palette
        r = self.rect.move(dx, dy)
        if self.label:
            t.draw_wrapped(surf, self.label, pygame.Rect(r.x, r.y, r.w, 0), "small", p.text_dim)
        box = pygame.Rect(r.x, r.y + self.label_h, r.w, r.h - self.label_h)
        pygame.draw.rect(surf, p.panel_alt, box, border_radius=4)  # under the entry
        if ctx.focus is self:
            pygame.draw.rect(surf, p.focus, box.inflate(6, 6), width=3, border_radius=6)


class Box(Widget):
    """Children stacked vertically inside an optional panel with padding."""

    def __init__(
        self,
        children: Sequence[Widget],
        *,
        bg: str | Colour | None = "panel",
        border: str | Colour | None = None,
        padding: int | None = None,
        spacing: int | None = None,
        key: str | None = None,
        stripe: str | Colour | None = None,
    ) -> None:
        super().__init__(key)
        self.children = [c for c in children if c is not None]
        self.bg, self.border, self.padding, self.spacing = bg, border, padding, spacing
        self.stripe = stripe

    def layout(self, theme: Theme, x: int, y: int, width: int) -> int:
        pad = theme.pad if self.padding is None else self.padding
        gap = theme.pad // 2 if self.spacing is None else self.spacing
        left = pad + (4 if self.stripe else 0)
        cy = y + pad
        for i, c in enumerate(self.children):
            h = c.layout(theme, x + left, cy, width - left - pad)
            cy += h + (gap if i < len(self.children) - 1 else 0)
        self.rect = pygame.Rect(x, y, width, cy - y + pad)
        return self.rect.height

    def draw(self, surf: pygame.Surface, ctx: Ctx, dx: int, dy: int) -> None:
        t = ctx.theme
        r = self.rect.move(dx, dy)
        clip = surf.get_clip()
        if r.colliderect(clip):
            if self.bg is not None:
                pygame.draw.rect(surf, colour(t, self.bg), r, border_radius=6)
            if self.border is not None:
                pygame.draw.rect(surf, colour(t, self.border), r, width=2, border_radius=6)
            if self.stripe is not None:
                pygame.draw.rect(
                    surf,
                    colour(t, self.stripe),
                    (r.x, r.y, 5, r.h),
                    border_top_left_radius=6,
                    border_bottom_left_radius=6,
                )
            for c in self.children:
                if c.rect.move(dx, dy).colliderect(clip):
                    c.draw(surf, ctx, dx, dy)


class Card(Box):
    """A focusable box (a row of a list): Tab and the arrows walk the list, the focused card is
    kept in view and outlined; Enter or a click runs ``action`` when there is one."""

    focusable = True

    def __init__(
        self,
        children: Sequence[Widget],
        action: Callable[[], Any] | None = None,
        *,
        key: str | None = None,
        bg: str | Colour | None = "panel",
    ) -> None:
        super().__init__(children, bg=bg, key=key)
        self.action = action

    def draw(self, surf: pygame.Surface, ctx: Ctx, dx: int, dy: int) -> None:
        super().draw(surf, ctx, dx, dy)
        if ctx.focus is self or ctx.hover is self:
            colour = ctx.theme.palette.focus if ctx.focus is self else ctx.theme.palette.border
            pygame.draw.rect(surf, colour, self.rect.move(dx, dy), width=3, border_radius=6)

    def activate(self) -> None:
        if self.action is not None:
            self.action()


class Row(Widget):
    """Children side by side.  ``widths``: pixels, or None for an equal share of what is left."""

    def __init__(
        self,
        children: Sequence[Widget],
        widths: Sequence[int | None] | None = None,
        *,
        gap: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(key)
        self.children = list(children)
        self.widths = list(widths) if widths is not None else [None] * len(self.children)
        self.gap = gap

    def layout(self, theme: Theme, x: int, y: int, width: int) -> int:
        gap = theme.pad if self.gap is None else self.gap
        fixed = sum(w for w in self.widths if w is not None)
        flex = [w for w in self.widths if w is None]
        share = max(10, (width - fixed - gap * (len(self.children) - 1)) // max(1, len(flex)))
        cx, h = x, 0
        for c, w in zip(self.children, self.widths, strict=True):
            cw = share if w is None else w
            h = max(h, c.layout(theme, cx, y, cw))
            cx += cw + gap
        self.rect = pygame.Rect(x, y, width, h)
        return h


class Flow(Widget):
    """Children (usually buttons) left to right at their natural width, wrapping to new lines."""

    def __init__(self, children: Sequence[Widget], *, gap: int | None = None) -> None:
        super().__init__()
        self.children = list(children)
        self.gap = gap

    def layout(self, theme: Theme, x: int, y: int, width: int) -> int:
        gap = theme.pad if self.gap is None else self.gap
        cx, cy, line_h = x, y, 0
        for c in self.children:
            h = c.layout(theme, cx, cy, width)  # measure at full width first
            w = c.rect.width
            if cx > x and cx + w > x + width:
                cx, cy = x, cy + line_h + gap
                line_h = 0
            h = c.layout(theme, cx, cy, min(width, x + width - cx))
            line_h = max(line_h, h)
            cx += c.rect.width + gap
        self.rect = pygame.Rect(x, y, width, cy + line_h - y)
        return self.rect.height


class Preformatted(Widget):
    """Plain text with aligned columns (a command's report) in the bundled proportional font.

    A line whose words are separated by runs of spaces somewhere after its start is a table
    row: its first word starts at its column, every other word *ends* at its column (tables of
    numbers are right-aligned, and digits are all as wide as the column unit, the width of
    "0"), and a word never overlaps the one before it.  Columns are counted as a terminal
    counts them (a Chinese character takes two, :func:`game.linebreak.display_width`), so a
    report padded for the terminal lines up here too.  Other lines are prose: their words
    simply follow each other after the line's indent.  Lines too long for the width wrap with a
    hanging indent.  ``lines``: (text, colour) pairs."""

    _WORD = re.compile(r"\S+")
    _TABLE = re.compile(r"\S {2,}\S")

    def __init__(
        self,
        lines: Sequence[tuple[str, str | Colour | None]],
        role: str = "body",
        key: str | None = None,
    ) -> None:
        super().__init__(key)
        self.lines, self.role = list(lines), role
        self._rows: list[tuple[list[tuple[int, str]], str | Colour | None]] = []

    def layout(self, theme: Theme, x: int, y: int, width: int) -> int:
        role = self.role
        cell = max(1, theme.width("0", role))
        gap = max(1, theme.width(" ", role))
        width = max(width, cell * 8)
        rows: list[tuple[list[tuple[int, str]], str | Colour | None]] = []
        for text, col in self.lines:
            text = text.expandtabs(4)
            lead = len(text) - len(text.lstrip())
            ascii_only = text.isascii()

            def column(i: int, text: str = text, ascii_only: bool = ascii_only) -> int:
                """The terminal column where character ``i`` of the line starts."""
                return i if ascii_only else display_width(text[:i])

            indent = min(lead + 4, 16) * cell
            table = bool(self._TABLE.search(text))
            row: list[tuple[int, str]] = []
            end = lead * cell
            flowing = False  # after a wrap the words just follow each other
            for n, m in enumerate(self._WORD.finditer(text)):
                word = m.group()
                w = theme.width(word, role)
                if n == 0:  # an indented first word of a table row heads a number column
                    at = column(m.end()) * cell - w if table and lead else column(m.start()) * cell
                elif flowing or not table:
                    at = end + gap
                else:
                    at = max(column(m.end()) * cell - w, end + gap)
                if row and at + w > width:  # wrap under the indent
                    rows.append((row, col))
                    row, at, flowing = [], indent, True
                while at + w > width and len(word) > 1:  # a word wider than the line
                    cut = len(word) - 1
                    while cut > 1 and at + theme.width(word[:cut], role) > width:
                        cut -= 1
                    rows.append(([(at, word[:cut])], col))
                    word, at, flowing = word[cut:], indent, True
                    w = theme.width(word, role)
                row.append((at, word))
                end = at + w
            rows.append((row, col))
        self._rows = rows
        h = len(rows) * theme.line_height(role)
        self.rect = pygame.Rect(x, y, width, h)
        return h

    def draw(self, surf: pygame.Surface, ctx: Ctx, dx: int, dy: int) -> None:
        t = ctx.theme
        lh = t.line_height(self.role)
        clip = surf.get_clip()
        r = self.rect.move(dx, dy)
        first = max(0, (clip.top - r.y) // lh)
        last = min(len(self._rows), (clip.bottom - r.y) // lh + 1)
        for i in range(first, last):
            words, col = self._rows[i]
            c = colour(t, col)
            for at, word in words:
                t.blit_text(surf, word, (r.x + at, r.y + i * lh), self.role, c)


class Custom(Widget):
    """Anything drawn by code (bars, icons, charts): ``height(width)`` and ``paint(surf, rect)``.

    ``live`` (the default): the drawing may change from frame to frame (a countdown, a spinner),
    so it is painted every frame.  ``live=False``: it changes only with the game, which rebuilds
    the widgets, so the scene's kept image holds it (``Scene.draw``).
    """

    def __init__(
        self,
        height: int | Callable[[int], int],
        paint: Callable[[pygame.Surface, pygame.Rect], None],
        key: str | None = None,
        width: int | None = None,
        *,
        live: bool = True,
    ) -> None:
        super().__init__(key)
        self.height, self.paint, self.fixed_width = height, paint, width
        self.live = live

    def layout(self, theme: Theme, x: int, y: int, width: int) -> int:
        h = self.height(width) if callable(self.height) else self.height
        self.rect = pygame.Rect(x, y, min(width, self.fixed_width or width), h)
        return h

    def draw(self, surf: pygame.Surface, ctx: Ctx, dx: int, dy: int) -> None:
        if ctx.live is not None and self.live:
            ctx.live.append((self, dx, dy, surf.get_clip()))  # painted each frame, on top
            return
        self.paint(surf, self.rect.move(dx, dy))


class ScrollView:
    """A rectangle of the screen showing a column of widgets, clipped, scrolled by the wheel,
    the scroll bar (drag or click) and keyboard focus (the focused widget is kept in view)."""

    BAR = 10

    def __init__(
        self,
        name: str,
        rect: pygame.Rect,
        children: Sequence[Widget],
        *,
        bg: str | Colour | None = None,
        padding: int | None = None,
        spacing: int | None = None,
    ) -> None:
        self.name = name
        self.rect = pygame.Rect(rect)
        self.children = [c for c in children if c is not None]
        self.bg, self.padding, self.spacing = bg, padding, spacing
        self.scroll = 0
        self.content_h = 0

    def layout(self, theme: Theme) -> None:
        pad = theme.pad if self.padding is None else self.padding
        gap = theme.pad if self.spacing is None else self.spacing
        for bar in (0, self.BAR + 4):
            y = pad
            for c in self.children:
                y += c.layout(theme, pad, y, self.rect.width - 2 * pad - bar) + gap
            self.content_h = y - gap + pad
            if self.content_h <= self.rect.height:
                break
        self.clamp()

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_h - self.rect.height)

    def clamp(self) -> None:
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    def scroll_by(self, dy: int) -> None:
        self.scroll += dy
        self.clamp()

    def widgets(self) -> Iterator[Widget]:
        for c in self.children:
            yield from c.walk()

    def to_content(self, pos: tuple[int, int]) -> tuple[int, int]:
        return pos[0] - self.rect.x, pos[1] - self.rect.y + self.scroll

    def hit(self, pos: tuple[int, int]) -> Widget | None:
        if not self.rect.collidepoint(pos):
            return None
        cpos = self.to_content(pos)
        found = None
        for w in self.widgets():
            if w.focusable and w.rect.collidepoint(cpos):
                found = w
        return found

    def screen_rect(self, w: Widget) -> pygame.Rect:
        return w.rect.move(self.rect.x, self.rect.y - self.scroll)

    def ensure_visible(self, w: Widget, margin: int = 8) -> None:
        if w.rect.top - margin < self.scroll:
            self.scroll = w.rect.top - margin
        elif w.rect.bottom + margin > self.scroll + self.rect.height:
            self.scroll = min(w.rect.top - margin, w.rect.bottom + margin - self.rect.height)
        self.clamp()

    def bar_rect(self) -> pygame.Rect | None:
        return self._bar_in(self.rect)

    def _bar_in(self, rect: pygame.Rect) -> pygame.Rect | None:
        if self.content_h <= rect.height:
            return None
        h = max(24, rect.height * rect.height // self.content_h)
        y = rect.y + (rect.height - h) * self.scroll // max(1, self.max_scroll)
        return pygame.Rect(rect.right - self.BAR - 2, y, self.BAR, h)

    def key(self, ctx: Ctx) -> tuple:
        """What the view's drawing depends on besides its widgets (a rebuild makes new views):
        a scene keeps its drawing while this is unchanged (``Scene.draw``)."""
        return (
            id(self),
            self.scroll,
            tuple(self.rect),
            id(ctx.focus),
            id(ctx.hover),
            id(ctx.pressed),
            id(ctx.dragging),
        )

    def draw(self, surf: pygame.Surface, ctx: Ctx) -> None:
        self._draw_at(surf, ctx, self.rect)

    def _draw_at(self, surf: pygame.Surface, ctx: Ctx, rect: pygame.Rect) -> None:
        """Draw the view with its top left corner at ``rect`` (its own rect, or a cache's)."""
        t = ctx.theme
        if self.bg is not None:
            pygame.draw.rect(surf, colour(t, self.bg), rect, border_radius=6)
        old = surf.get_clip()
        surf.set_clip(rect.clip(old) if old else rect)
        dx, dy = rect.x, rect.y - self.scroll
        top, bottom = self.scroll, self.scroll + rect.height
        for c in self.children:
            if c.rect.bottom >= top and c.rect.top <= bottom:
                c.draw(surf, ctx, dx, dy)
        surf.set_clip(old)
        bar = self._bar_in(rect)
        if bar is not None:
            track = pygame.Rect(bar.x, rect.y, bar.w, rect.height)
            pygame.draw.rect(surf, t.palette.panel_alt, track, border_radius=4)
            pygame.draw.rect(surf, t.palette.text_dim, bar, border_radius=4)
            # a fade at the edges that still have content says "there is more"
            if self.scroll < self.max_scroll:
                pygame.draw.line(
                    surf,
                    t.palette.accent,
                    (rect.x + 4, rect.bottom - 2),
                    (rect.right - self.BAR - 8, rect.bottom - 2),
                    2,
                )
