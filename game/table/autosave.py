"""Autosave as a subscriber of the table (not work inside the engine's action path).

``save_session`` is the one place the table calls the save writer, so that a different writer
(an append-only one, say) slots in by changing this adapter alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.engine.session import Session

if TYPE_CHECKING:
    from game.table.table import FeedItem, Table


def save_session(session: Session, path: Path) -> None:
    """Write ``session`` (header + action log) to ``path``; raises ``OSError``."""
    session.save(path)


class Autosave:
    """Saves the table's game after every change of its action log.  A failed write is told
    to the facilitator at once (and retried on the next change); it never stops the game."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.error: str | None = None
        self._saved = -1

    def __call__(self, table: Table, items: list[FeedItem]) -> None:
        s = table.session
        if s is None:
            return
        n = len(s.log)
        if n == self._saved:
            return
        try:
            save_session(s, self.path)
        except OSError as e:
            message = f"could not save the game to {self.path}: {e.strerror or e}"
            if message != self.error:
                self.error = message
                table.notice(message, to_facilitator=True)
            return
        self.error = None
        self._saved = n
