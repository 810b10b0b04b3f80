"""A pager for long output in a live terminal: the briefing, statement lists, the debrief.

At 80×24 a 200-line debrief (or the seven statements before the "Statements in order" prompt)
scrolls past faster than anyone reads, and scrollback is not something a trainee should need.
Output made inside :meth:`Pager.paged` is captured (with its colours) and shown one screenful at
a time; between screens one line asks "more" and waits for Enter.  ``q`` shows the rest at once.

It reads through the game's own :class:`~game.terminal.source.Source` (so the countdown keeps
ticking and time-outs still happen while a list is being read) rather than taking over the
screen the way ``less`` does: the last page stays on screen above the prompt that needs it.
Scripts, demos and output that is not a terminal are never paged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console

from game.i18n import N_, _
from game.terminal.reader import TIMEOUT, Tick

MORE = N_("-- more: Enter for the next page, q for the rest --")
#: lines kept free at the bottom of a page: the "more" line and the prompt after the output
RESERVED = 2


class Pager:
    """Pages output for ``console``.  ``read(prompt, tick)`` is the game's line reader; it
    raises to stop the game at the end of input, and may return ``TIMEOUT``."""

    def __init__(
        self,
        console: Console,
        read: Callable[[str, Tick | None], object],
        *,
        enabled: bool,
        height: Callable[[], int] | None = None,
    ) -> None:
        self.console = console
        self.read = read
        self.enabled = enabled
        self._height = height or (lambda: console.size.height)
        #: lines of the last paged output still on the screen (its last page)
        self.tail = 0

    @property
    def page(self) -> int:
        """Lines of output per screenful (the terminal less the "more" line and a prompt)."""
        return max(4, self._height() - RESERVED)

    def measure(self, draw: Callable[[], None]) -> int:
        """How many lines ``draw`` prints, without printing them."""
        with self.console.capture() as captured:
            draw()
        return len(captured.get().splitlines())

    @contextlib.contextmanager
    def paged(self, tick: Tick | None = None) -> Iterator[None]:
        """Page what is printed inside the block (printed at once when paging is off)."""
        if not self.enabled:
            yield
            return
        with self.console.capture() as captured:
            yield
        self.show(captured.get(), tick)

    def show(self, text: str, tick: Tick | None = None) -> None:
        """``text`` (lines, colours included) one screenful at a time."""
        lines = text.splitlines()
        page = self.page
        out = self.console.file
        start = 0
        while len(lines) - start > page:
            out.write("".join(line + "\n" for line in lines[start : start + page]))
            out.flush()
            start += page
            got = self.read(_(MORE), tick)
            if got is not TIMEOUT and getattr(got, "text", "").strip().lower() == "q":
                break
        out.write("".join(line + "\n" for line in lines[start:]))
        out.flush()
        self.tail = len(lines) - start
