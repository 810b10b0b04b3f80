"""Autosave as a subscriber of the table (not work inside the engine's action path).

``capture`` and ``write`` are the one place the table calls the save writer, so that a
different writer (an append-only one, say) slots in by changing this adapter alone.  The game
is captured on the table's thread (a consistent header and log); the file can be written on
another thread, so a slow disk (``fsync``) never delays the players.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.engine import saves
from game.engine.session import Session

if TYPE_CHECKING:
    from game.table.table import FeedItem, Table

Captured = tuple[dict[str, Any], list[str]]


def capture(session: Session) -> Captured:
    """What a save of ``session`` holds now: its header and its log lines."""
    return session.header(), list(session.log_lines())


def write(path: Path, captured: Captured) -> None:
    """Write a captured game atomically to ``path``; raises ``OSError``."""
    saves.write_save(path, *captured)


class Autosave:
    """Saves the table's game after every change of its action log.  A failed write is told
    to the facilitator at once (and retried on the next change); it never stops the game.

    With ``writer`` (a one-thread executor) the files are written there, in order, and
    ``on_table`` brings the outcome back to the table's thread (``loop.call_soon_threadsafe``).
    """

    def __init__(
        self,
        path: Path | str,
        *,
        writer: Executor | None = None,
        on_table: Callable[[Callable[[], None]], object] | None = None,
    ) -> None:
        if (writer is None) != (on_table is None):
            raise ValueError("writer and on_table go together")
        self.path = Path(path)
        self.writer = writer
        self.on_table = on_table
        self.error: str | None = None
        self._saved = -1

    def __call__(self, table: Table, items: list[FeedItem]) -> None:
        s = table.session
        if s is None:
            return
        n = len(s.log)
        if n == self._saved:
            return
        self._saved = n
        captured = capture(s)
        if self.writer is None or self.on_table is None:
            try:
                write(self.path, captured)
            except OSError as e:
                self._failed(table, e)
            else:
                self.error = None
            return
        future = self.writer.submit(write, self.path, captured)
        on_table = self.on_table
        future.add_done_callback(lambda f: on_table(lambda: self._written(table, f)))

    def _written(self, table: Table, future: Future[None]) -> None:
        e = future.exception()
        if isinstance(e, OSError):
            self._failed(table, e)
        elif e is None:
            self.error = None

    def _failed(self, table: Table, e: OSError) -> None:
        self._saved = -1  # try again on the next change
        message = f"could not save the game to {self.path}: {e.strerror or e}"
        if message != self.error:
            self.error = message
            table.notice(message, to_facilitator=True)
