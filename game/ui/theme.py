"""Colours, fonts and cached text for the window.

``assets/theme.json`` is a pygame_gui theme: it names the bundled font (Noto Sans TC subset, Latin
and Traditional Chinese) and the size of every text role (``@small``, ``@body``, ``@heading``,
``@big``, ``@title``).  :class:`Theme` scales those sizes by the text-size setting and opens the
font with ``pygame.font`` itself, one size per role and only once that role is used (pygame_gui's
``UIManager`` is not needed for that: importing pygame_gui took ~45 ms and 6 MiB, and the manager
with all five fonts another ~28 ms and 10 MiB, before the title screen could answer).  The file
stays a valid pygame_gui theme: the text fields (:mod:`game.ui.textentry`, the seats and pause
screens only) are pygame_gui elements themed by its ``text_entry_line``/``text_entry_box`` blocks.
The palettes live here so the colour-blind-safe one (Okabe–Ito) can be switched at run time.

Text is cached twice: wrapped lines per (text, role, width) and rendered surfaces per
(line, role, colour), so a frame that shows the same screen as the last one renders no glyphs.
The surfaces are bounded by their pixels (:data:`SURFACE_CACHE_BYTES`, least recently drawn
first out), not by their number: a whole demo game left ~11 MiB of old turns' lines in a cache
of 3,000 surfaces, a sixth of the window's peak memory, while one screen's text takes about a
megabyte (1.25 MiB on data_breach's busiest turn screen, 0.9 MiB on its debrief).  Within that
bound, lines not drawn in the last :data:`SURFACE_KEEP_REDRAWS` redraws of a screen go once the
cache holds more than :data:`SURFACE_KEEP_BYTES`: the screen being shown is always served from
the cache (every redraw draws all of its lines again), and old turns' lines no longer fill it up
to the bound (3 MiB held at the end of every demo game, against 2–2.4 MiB now: the last turn
screen's lines and the debrief's).
"""

from __future__ import annotations

import copy
import json
import re
from collections import OrderedDict

import pygame

from game.linebreak import break_lines, fit, unspaced
from game.locations import assets_dir
from game.ui import fonts

ROLES = ("small", "body", "heading", "big", "title")
BOLD_ROLES = frozenset({"heading", "big", "title"})
FONT_NAME = "noto_sans_tc"
#: Pixel bytes of rendered lines kept for later frames (several screens' worth of text).
SURFACE_CACHE_BYTES = 3 * 1024 * 1024
#: Lines not drawn in this many redraws (:meth:`Theme.redrawn`) are let go, once the cache holds
#: more than :data:`SURFACE_KEEP_BYTES`.  A screen shown again a few redraws later (the next
#: seat's turn, then back) still finds its lines: with 2, ``bench/frames.py`` (which puts the game
#: back on its busiest turn when it moves on) rendered whole screens again, p99 over 8 ms.
SURFACE_KEEP_REDRAWS = 4
SURFACE_KEEP_BYTES = 1024 * 1024

Colour = tuple[int, int, int]


def _pixel_bytes(surf: pygame.Surface) -> int:
    return surf.get_pitch() * surf.get_height()


def _hex(value: str) -> Colour:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


_BASE = {
    "bg": "#141a24",
    "panel": "#1e2735",
    "panel_alt": "#263245",
    "border": "#3a475c",
    "text": "#e9eef5",
    "text_dim": "#aeb9c9",
    "button": "#2f3d52",
    "button_hover": "#3d5070",
    "button_text": "#ffffff",
    "disabled": "#3a4350",
    "disabled_text": "#8a94a3",
    "overlay": "#000000",
    "focus": "#ffd166",
}

PALETTES: dict[str, dict[str, str | list[str]]] = {
    "default": {
        **_BASE,
        "accent": "#5aa9ff",
        "primary": "#2b66d9",
        "danger": "#b93a34",
        "selected": "#1f7a4d",
        "good": "#46c277",
        "bad": "#ef5f57",
        "warn": "#e8ad35",
        "timer": ["#46c277", "#e8ad35", "#ef5f57"],
        "unread": "#5aa9ff",
        "series": ["#5aa9ff", "#46c277", "#e8ad35", "#ef5f57", "#b28cf2", "#5ad1d1", "#f08cc0"],
        "rating_P": "#46c277",
        "rating_S": "#9bd36a",
        "rating_M": "#e8ad35",
        "rating_U": "#ef5f57",
    },
    # Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
    # colour blindness; good/bad also differ in lightness and always come with a sign or arrow.
    "okabe_ito": {
        **_BASE,
        "bg": "#111417",
        "panel": "#1c2126",
        "panel_alt": "#262d34",
        "accent": "#56b4e9",
        "primary": "#0072b2",
        "danger": "#a34400",
        "selected": "#00704f",
        "good": "#56b4e9",
        "bad": "#e69f00",
        "warn": "#f0e442",
        "timer": ["#56b4e9", "#f0e442", "#d55e00"],
        "unread": "#f0e442",
        "series": ["#56b4e9", "#e69f00", "#009e73", "#f0e442", "#cc79a7", "#d55e00", "#0072b2"],
        "rating_P": "#56b4e9",
        "rating_S": "#009e73",
        "rating_M": "#e69f00",
        "rating_U": "#d55e00",
    },
}

#: The bundled CJK font draws curly quotes and apostrophes full-width (a wide gap beside each
#: one in English text: ``don ’t``); they are drawn and measured as straight ones instead.
_STRAIGHT = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def _paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; a single line break inside one is a space (YAML's
    folded and literal blocks wrap lines where the author's editor did, not where we do).
    Lines that start like a list item keep their break."""
    out: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text.strip("\n")):
        lines = block.split("\n")
        para = lines[0]
        for line in lines[1:]:
            if re.match(r"\s*([-*•]|\d+[.)])\s", line):
                out.append(para)
                para = line
            else:
                para, line = para.rstrip(), line.lstrip()
                # Chinese is written without spaces: a break between two of its characters
                # is no space at all
                joint = "" if para and line and unspaced(para[-1]) and unspaced(line[0]) else " "
                para = para + joint + line
        out.append(para)
        out.append("")
    return out[:-1] if out else [""]


class Palette:
    """Named colours of one palette: ``palette.text``, ``palette.timer[0]``..."""

    def __init__(self, name: str) -> None:
        self.name = name if name in PALETTES else "default"
        for key, value in PALETTES[self.name].items():
            if isinstance(value, list):
                setattr(self, key, [_hex(v) for v in value])
            else:
                setattr(self, key, _hex(value))

    def __getattr__(self, key: str) -> Colour:  # for type checkers; set in __init__
        raise AttributeError(key)


def load_theme_json(scale: int, palette: Palette) -> dict:
    """The pygame_gui theme with absolute font paths, sizes scaled by ``scale`` percent and the
    palette's colours."""
    folder = assets_dir()
    with open(folder / "theme.json", encoding="utf-8") as f:
        theme = json.load(f)
    theme = copy.deepcopy(theme)
    for block in theme.values():
        font = block.get("font")
        if not font:
            continue
        for key in ("regular_path", "bold_path"):
            if key in font:
                font[key] = str((folder / font[key]).resolve())
        font["size"] = str(max(8, round(int(font["size"]) * scale / 100)))
    colours = theme["defaults"]["colours"]
    colours["dark_bg"] = "#{:02x}{:02x}{:02x}".format(*palette.panel)
    colours["normal_bg"] = "#{:02x}{:02x}{:02x}".format(*palette.button)
    colours["selected_bg"] = "#{:02x}{:02x}{:02x}".format(*palette.primary)
    colours["normal_text"] = "#{:02x}{:02x}{:02x}".format(*palette.text)
    colours["text_cursor"] = "#{:02x}{:02x}{:02x}".format(*palette.focus)
    for element in ("text_entry_line", "text_entry_box"):  # the text fields (game.ui.textentry)
        entry = theme.get(element, {}).get("colours")
        if entry is None:
            continue
        for name, key in (
            ("dark_bg", "panel_alt"),
            ("normal_text", "text"),
            ("selected_bg", "primary"),
            ("selected_text", "button_text"),
            ("normal_border", "border"),
            ("text_cursor", "focus"),
            ("disabled_dark_bg", "disabled"),
            ("disabled_text", "disabled_text"),
        ):
            entry[name] = "#{:02x}{:02x}{:02x}".format(*getattr(palette, key))
    return theme


class Theme:
    """Fonts, colours and text caches for one text scale and palette.

    Every text role is drawn with one open font face, switched to the role's size and weight
    before it measures or renders (see :mod:`game.ui.fonts`): each open face holds its own
    parsed tables and glyph cache (about 0.7 MiB), and five roles used to mean five faces.
    Switching is cheap next to the caches of rendered lines and widths kept here, which
    is where repeated text is served from."""

    def __init__(self, size: tuple[int, int], scale: int = 100, palette: str = "default") -> None:
        self.scale = scale
        self.palette = Palette(palette)
        theme = load_theme_json(scale, self.palette)
        self._path = theme["defaults"]["font"]["regular_path"]
        self.sizes: dict[str, int] = {}
        self._bold: dict[str, bool] = {}
        for role in ROLES:
            block = theme[f"@{role}"]["font"]
            self.sizes[role] = int(block["size"])
            self._bold[role] = block.get("bold") == "1"
        # the splash's face, if it opened one, else opened on first use
        self._face: pygame.font.Font | None = fonts.adopt(self._path)
        self._face_style: tuple[int, bool] | None = None
        self.line_heights: dict[str, int] = {}
        self._surfaces: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._surface_bytes = 0  # pixel bytes held by ``_surfaces``
        self._redraws = 0  # screens drawn whole (see ``redrawn``)
        self._drawn_at: dict[tuple, int] = {}  # line key -> the redraw it was last drawn in
        self._lines: OrderedDict[tuple, list[str]] = OrderedDict()
        self._widths: dict[tuple[str, str], int] = {}

    def font(self, role: str) -> pygame.font.Font:
        """The font face set to a text role's size and weight (use it at once: the next call
        for another role changes it)."""
        face = self._face
        if face is None:
            face = self._face = fonts.open_font(self._path, self.sizes[role], self._bold[role])
            self._face_style = (self.sizes[role], self._bold[role])
        style = (self.sizes[role], self._bold[role])
        if style != self._face_style:
            if face.point_size != style[0]:
                face.point_size = style[0]
            face.bold = style[1]
            self._face_style = style
        return face

    @property
    def pad(self) -> int:
        """Base spacing, grows with the text."""
        return max(6, self.sizes["body"] // 2)

    def line_height(self, role: str = "body") -> int:
        lh = self.line_heights.get(role)
        if lh is None:
            # the height of a rendered line (as pygame_gui measured it) plus a little leading
            ink = self.font(role).render("Ag中", True, (255, 255, 255)).get_height()
            lh = self.line_heights[role] = max(ink, 1) + max(1, self.sizes[role] // 8)
        return lh

    def width(self, text: str, role: str = "body") -> int:
        key = (text, role)
        w = self._widths.get(key)
        if w is None:
            w = self.font(role).size(text.translate(_STRAIGHT))[0] if text else 0
            if len(self._widths) > 20_000:
                self._widths.clear()
            self._widths[key] = w
        return w

    def render(self, text: str, role: str = "body", colour: Colour | None = None) -> pygame.Surface:
        """One line of text as a premultiplied-alpha surface (blit with :meth:`blit_text`)."""
        colour = colour or self.palette.text
        key = (text, role, colour)
        surf = self._surfaces.get(key)
        if surf is None:
            shown = text.translate(_STRAIGHT) or " "
            surf = self.font(role).render(shown, True, colour).convert_alpha()
            if surf.get_width() > 0 and surf.get_height() > 0:
                surf = surf.premul_alpha()
            self._surfaces[key] = surf
            self._surface_bytes += _pixel_bytes(surf)
            self._drawn_at[key] = self._redraws
            self._evict()
        else:
            self._surfaces.move_to_end(key)
            self._drawn_at[key] = self._redraws
        return surf

    def redrawn(self) -> None:
        """A screen is being drawn whole (a scene's still drawing, or an overlay's frame): the
        lines it draws are the ones in use; those not drawn for a few such redraws can go."""
        self._redraws += 1

    def _evict(self) -> None:
        """After a new line: the least recently drawn lines go while the cache is over its
        bound, or over :data:`SURFACE_KEEP_BYTES` and not drawn in the last
        :data:`SURFACE_KEEP_REDRAWS` redraws (oldest first, so the loop stops at the first line
        still in use).  The line just made always stays."""
        stale = self._redraws - SURFACE_KEEP_REDRAWS
        surfaces, drawn_at = self._surfaces, self._drawn_at
        while len(surfaces) > 1 and (
            self._surface_bytes > SURFACE_CACHE_BYTES
            or (self._surface_bytes > SURFACE_KEEP_BYTES and drawn_at[next(iter(surfaces))] < stale)
        ):
            key, surf = surfaces.popitem(last=False)
            del drawn_at[key]
            self._surface_bytes -= _pixel_bytes(surf)

    def blit_text(
        self,
        target: pygame.Surface,
        text: str,
        pos: tuple[int, int],
        role: str = "body",
        colour: Colour | None = None,
    ) -> pygame.Rect:
        surf = self.render(text, role, colour)
        return target.blit(surf, pos, special_flags=pygame.BLEND_PREMULTIPLIED)

    def wrap(self, text: str, role: str, width: int) -> list[str]:
        """Lines of ``text`` no wider than ``width`` pixels (:func:`game.linebreak.break_lines`
        with this font's measure): Latin text breaks at spaces, Chinese between any two
        characters except that no line starts with closing punctuation (。，、」) or ends with
        opening punctuation (「); a word wider than the line is cut between characters so
        nothing is ever cut off.  Cached per (text, role, width)."""
        key = (text, role, width)
        hit = self._lines.get(key)
        if hit is not None:
            return hit
        lines: list[str] = []
        width = max(width, 10) - 2

        def measure(piece: str) -> int:
            return self.width(piece, role)  # units are measured once each and summed

        for para in _paragraphs(text):
            lines.extend(break_lines(para, width, measure) if para else [""])
        self._lines[key] = lines
        if len(self._lines) > 2000:
            self._lines.popitem(last=False)
        return lines

    def fit(self, text: str, role: str, width: int) -> str:
        """The longest start of ``text`` that fits ``width`` pixels on one line, with "…" when
        it had to be cut (never half a character: :func:`game.linebreak.fit`)."""
        return fit(text, width, lambda piece: self.width(piece, role))

    def clip_lines(self, lines: list[str], count: int, role: str, width: int) -> list[str]:
        """At most ``count`` of ``lines``; when some are left out, the last one kept ends in
        "…" and still fits ``width`` (cut by its measured width, never half a character)."""
        if len(lines) <= count:
            return lines
        last = lines[count - 1].rstrip()
        if not last or unspaced(last[-1]):
            last += "…"  # Chinese: the ellipsis follows the character
        else:
            last += " …"
        return [*lines[: count - 1], self.fit(last, role, width)]

    def text_height(self, text: str, role: str, width: int) -> int:
        return len(self.wrap(text, role, width)) * self.line_height(role)

    def draw_wrapped(
        self,
        target: pygame.Surface,
        text: str,
        rect: pygame.Rect,
        role: str = "body",
        colour: Colour | None = None,
        align: str = "left",
    ) -> int:
        """Draw wrapped text in ``rect`` (its height is not a limit); return the height used."""
        lh = self.line_height(role)
        y = rect.y
        clip = target.get_clip()
        for line in self.wrap(text, role, rect.width):
            if y + lh >= clip.top and y <= clip.bottom:
                surf = self.render(line, role, colour)
                x = rect.x
                if align == "center":
                    x = rect.centerx - surf.get_width() // 2
                elif align == "right":
                    x = rect.right - surf.get_width()
                target.blit(surf, (x, y), special_flags=pygame.BLEND_PREMULTIPLIED)
            y += lh
        return y - rect.y
