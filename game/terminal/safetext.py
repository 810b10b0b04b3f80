"""rich, made safe for untrusted text: no control character from a scenario reaches the terminal.

Scenario text, ids and player names are shown with every control character made visible
(:func:`game.textsafe.terminal_safe`: ``ESC ] 0 ;`` prints as ``\\x1b]0;`` instead of retitling
the terminal).  It is done as text is built, so rich measures what will really be printed and
tables and panels lay the escapes out like any other text:

* :class:`Text` is rich's ``Text`` that escapes what it is given (``Text(...)``, ``append``,
  ``Text.assemble``); the terminal modules import it instead of rich's;
* :class:`SafeConsole` escapes plain strings (table cells, titles) and any rich ``Text`` made
  elsewhere before rendering, and checks every rendered segment on its way out, so nothing
  slips through whatever renderable drew it.  rich's own styles and cursor moves are added
  after that pass, so they are kept.

Markup is off in ``screen.make_console``, so ``[bold]`` in a scenario prints as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import text as rich_text
from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Span

from game.terminal import cjkwrap
from game.textsafe import is_terminal_safe, terminal_safe

# Chinese text wraps between characters with kinsoku (no line starts with 。，、」).
cjkwrap.install()


class Text(rich_text.Text):
    """rich's ``Text``, with control characters shown as escapes as the text is built."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(terminal_safe(text), *args, **kwargs)

    def append(self, text: Any, style: Any = None) -> Text:
        if isinstance(text, str):
            text = terminal_safe(text)
        elif isinstance(text, rich_text.Text) and not is_terminal_safe(text.plain):
            text = safe_text(text)
        super().append(text, style)
        return self


def safe_text(text: rich_text.Text) -> rich_text.Text:
    """A copy of ``text`` with control characters shown as escapes, its styles kept in place."""
    plain = text.plain
    where = [0] * (len(plain) + 1)
    pieces: list[str] = []
    pos = 0
    for i, char in enumerate(plain):
        where[i] = pos
        shown = terminal_safe(char)
        pieces.append(shown)
        pos += len(shown)
    where[len(plain)] = pos
    safe = text.copy()
    safe.plain = "".join(pieces)
    safe.spans = [Span(where[s.start], where[s.end], s.style) for s in text.spans]
    return safe


class SafeConsole(Console):
    """A console that never sends a control character it did not make itself."""

    def render_str(self, text: str, **kwargs: Any) -> rich_text.Text:
        # table cells, rule and panel titles given as plain strings are measured from here
        return super().render_str(terminal_safe(text), **kwargs)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        if isinstance(renderable, str) and not is_terminal_safe(renderable):
            renderable = terminal_safe(renderable)
        elif isinstance(renderable, rich_text.Text) and not is_terminal_safe(renderable.plain):
            renderable = safe_text(renderable)
        for segment in super().render(renderable, options):
            if segment.control or is_terminal_safe(segment.text):
                yield segment
            else:
                yield Segment(terminal_safe(segment.text), segment.style, segment.control)
