"""Pieces shared by several screens: the page frame (header, body, footer) and labels."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.i18n import N_, _, pgettext
from game.linebreak import unspaced
from game.ui.scene import Scene
from game.ui.theme import Theme
from game.ui.widgets import Button, Flow, ScrollView, TextField, Widget

# The names below are in English, marked for translation: show them with the functions after
# them (``channel_name("email")``), which translate at the moment they are drawn.
CHANNEL_NAMES = {
    "email": N_("Email"),
    "phone": N_("Phone"),
    "press_release": N_("Press release"),
    "social": N_("Social media"),
    "meeting": N_("Meeting"),
    "letter": N_("Letter"),
    "news": N_("News"),
    "alarm": N_("Alarm"),
    "radio": N_("Radio"),
    # TRANSLATORS: a channel a message arrives by (a written report)
    "report": N_("Report"),
}
PHASES = {
    "preparation": N_("Before — preparation"),
    "response": N_("During — response"),
    "recovery": N_("After — recovery"),
}


#: The score dimensions, in the order every screen shows them.
DIMS = (
    ("speed", N_("Speed")),
    ("priorities", N_("Priorities")),
    ("communication", N_("Communication")),
    # TRANSLATORS: the total score
    ("total", N_("Total")),
)
DIM_NAMES = dict(DIMS)


def _named(names: dict[str, str], key: str) -> str:
    """The translated name of ``key``, or the id itself when the table has none."""
    name = names.get(key)
    return _(name) if name is not None else key


def channel_name(channel: str) -> str:
    return _named(CHANNEL_NAMES, channel)


def phase_name(phase: str) -> str:
    return _named(PHASES, phase)


def join_sentences(parts: Sequence[str]) -> str:
    """Sentences read one after the other: a space between them, none where Chinese meets
    Chinese (it is written without spaces: "。" then "我們" needs nothing in between)."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not (unspaced(out[-1]) and unspaced(part[0])):
            out += " "
        out += part
    return out


def language_name(tag: str) -> str:
    """A language by its own name (繁體中文, English), or the tag when the game does not ship it."""
    from game.i18n import LANGUAGES, normalise

    return LANGUAGES.get(normalise(tag) or "", tag)


def dimension_name(dimension: str) -> str:
    """A score dimension (``speed``) by its name in the reader's language."""
    return _named(DIM_NAMES, dimension)


def role_title(role: str) -> str:
    """A role's title in the reader's language (the ids' English titles are the msgids)."""
    from game.scenario.model import ROLE_TITLES  # not at import: it loads the scenario package

    return _named(ROLE_TITLES, role)


#: a page title wraps onto at most this many lines (then it is cut with "…")
TITLE_LINES = 3


class Frame:
    """Header, body and footer rectangles of a page for the current window and text size.

    ``title``: the page's title, when it can be long (a scenario's): the header grows to show
    it whole on up to ``TITLE_LINES`` lines, as :func:`draw_header` draws it, instead of cutting
    it at the first line; ``subtitle`` the same for a long subtitle (in the small text)."""

    def __init__(
        self,
        size: tuple[int, int],
        theme: Theme,
        footer_labels: Sequence[str] = (),
        title: str = "",
        right: str = "",
        subtitle: str = "",
    ) -> None:
        w, h = size
        m = theme.pad * 2
        self.margin = m
        width = title_width(theme, w, m, right)
        lines = title_lines(theme, title, width) if title else [""]
        subs = theme.wrap(subtitle, "small", width)[:TITLE_LINES] if subtitle else [""]
        self.header = pygame.Rect(
            0,
            0,
            w,
            theme.line_height("big") * len(lines)
            + theme.line_height("small") * len(subs)
            + theme.pad * 2,
        )
        # enough footer lines for the buttons' labels (hint + text + padding each)
        lines, x = 1, 0
        for label in footer_labels:
            bw = theme.width(label, "body") + theme.pad * 6
            if x and x + bw > w - 2 * m:
                lines, x = lines + 1, 0
            x += bw
        lines = min(lines, 3)
        fh = (theme.line_height("body") + theme.pad * 3) * lines + theme.pad
        self.footer = pygame.Rect(m, h - fh, w - 2 * m, fh)
        self.body = pygame.Rect(
            m,
            self.header.bottom + theme.pad,
            w - 2 * m,
            self.footer.top - self.header.bottom - theme.pad * 2,
        )


def title_width(theme: Theme, w: int, margin: int, right: str = "") -> int:
    """The width a page title wraps to: the window less the margins and the right-hand text."""
    right_w = theme.width(right, "heading") if right else 0
    return w - 2 * margin - right_w - theme.pad


def title_lines(theme: Theme, title: str, width: int) -> list[str]:
    lines = theme.clip_lines(theme.wrap(title, "big", width), TITLE_LINES, "big", width)
    return lines or [""]


def draw_header(
    surface: pygame.Surface,
    theme: Theme,
    frame: Frame,
    title: str,
    subtitle: str = "",
    right: str = "",
) -> None:
    p = theme.palette
    pygame.draw.rect(surface, p.panel, frame.header)
    pygame.draw.line(surface, p.border, frame.header.bottomleft, frame.header.bottomright, 2)
    x = frame.margin
    y = theme.pad
    right_w = theme.width(right, "heading") if right else 0
    avail = title_width(theme, frame.header.width, x, right)
    # as many title and subtitle lines as the frame made room for (see Frame)
    lines = title_lines(theme, title, avail)
    sub = theme.wrap(subtitle, "small", avail) if subtitle else []
    big, small = theme.line_height("big"), theme.line_height("small")
    space = frame.header.height - theme.pad * 2
    n_title = max(1, min(len(lines), (space - small * min(1, len(sub))) // big))
    lines = theme.clip_lines(lines, n_title, "big", avail)
    for n, line in enumerate(lines):
        theme.blit_text(surface, line, (x, y + n * big), "big", p.text)
    n_sub = max(1, (space - big * len(lines)) // small) if sub else 0
    sub = theme.clip_lines(sub, n_sub, "small", avail)
    for n, line in enumerate(sub):
        theme.blit_text(surface, line, (x, y + big * len(lines) + n * small), "small", p.text_dim)
    if right:
        theme.blit_text(
            surface,
            right,
            (frame.header.right - x - right_w, y + theme.pad // 2),
            "heading",
            p.accent,
        )


def footer(frame: Frame, buttons: Sequence[Widget]) -> ScrollView:
    return ScrollView("footer", frame.footer, [Flow(list(buttons))], padding=6)


def back_button(action) -> Button:
    return Button(pgettext("button", "Back"), action, hint="Esc", key="back")


#: Seconds between two looks at the scenario files while the title or select screen is open.
SCAN_EVERY = 1.0


class ScenarioWatch:
    """Notices scenario files that change on disk (the title and select screens use it): call
    :meth:`poll` from ``update``; it looks about once a second and says whether anything
    changed (a new, deleted or edited file: see ``App.scan_scenarios``)."""

    def __init__(self, app, load: bool = True) -> None:
        self.app = app
        self.load = load  # False: files not loaded yet stay so (see ``App.scan_scenarios``)
        self.since = 0.0

    def poll(self, dt: float) -> bool:
        self.since += dt
        if self.since < SCAN_EVERY:
            return False
        self.since = 0.0
        return self.app.scan_scenarios(load=self.load)


class PanelOverlay(Scene):
    """One panel in the middle of the window over the scene below, which stays visible,
    dimmed, behind it (the pause menu, the network dialogs)."""

    overlay = True

    def panel(self, items: Sequence[Widget | None]) -> list[ScrollView]:
        t = self.app.theme
        w, h = self.app.size
        col = min(w - 4 * t.pad, max(560, t.sizes["body"] * 44))
        rect = pygame.Rect((w - col) // 2, t.pad * 3, col, h - t.pad * 6)
        return [ScrollView("panel", rect, [i for i in items if i is not None], bg="panel")]

    def draw(self, surface: pygame.Surface) -> None:
        dim = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        dim.fill((0, 0, 0, 170))
        surface.blit(dim, (0, 0))
        for v in self.views:
            pygame.draw.rect(
                surface, self.app.theme.palette.focus, v.rect.inflate(4, 4), 2, border_radius=8
            )
            v.draw(surface, self.ctx)
        self.draw_fields(surface)


def inject_fields(
    headline: str,
    body: str,
    setter: Callable[[str], Callable[[str], None]],
    *,
    placeholder: str = "",
    on_enter: Callable[[], None] | None = None,
) -> list[Widget]:
    """The headline and text of a facilitator's ad-hoc inject (the pause menu, the network
    console); ``setter(name)`` keeps what is typed in the scene's attribute ``name``.  The
    headline is bounded as the engine bounds it (``MAX_HEADLINE``)."""
    from game.engine.session import MAX_HEADLINE

    return [
        TextField(
            headline,
            setter("headline"),
            label=_("Headline"),
            placeholder=placeholder,
            max_len=MAX_HEADLINE,
            on_enter=on_enter,
            key="headline",
        ),
        TextField(
            body,
            setter("body"),
            label=_("Text (optional)"),
            max_len=INJECT_TEXT_MAX,
            on_enter=on_enter,
            key="body",
            multiline_height=2,
        ),
    ]


#: Longest text of an ad-hoc inject typed in the window (the engine allows more from a file).
INJECT_TEXT_MAX = 2000


def swap(order: list[str], index: int, step: int) -> bool:
    """Move the item at ``index`` of a rank order one place up (``step`` -1) or down (+1);
    False at either end, where nothing moves."""
    j = index + step
    if not 0 <= j < len(order):
        return False
    order[index], order[j] = order[j], order[index]
    return True
