"""Autosave as a subscriber of the table (not work inside the engine's action path).

The file is kept by the engine's :class:`~game.engine.savewriter.SaveWriter` (append-only, on
its own thread): after each change of the action log the new log lines are appended; the file
is rewritten with a fresh header (compacted) at the start, when the game ends, and whenever the
appended lines outnumber the ones the header covers, as ``Session`` does for a one-screen game.
This class is the one place the table drives the save writer.

With ``group_commit`` (the network host) appends are group-committed (:data:`SYNC_SECONDS`):
each change's lines are written into the file at once, on the caller's thread, so a crash of
the program loses nothing, and made durable (``fsync``) at most :data:`SYNC_SECONDS` later, so
a power cut or a crash of the machine loses at most the moves of the last :data:`SYNC_SECONDS`.
A pause, the end of the game (a rewrite, fsynced) and :meth:`Autosave.flush` (quitting) make
everything durable at once.  The window and the terminal keep every write and ``fsync`` on the
writer's thread (nothing touches the disk on a frame loop), each move durable as it is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.engine import saves
from game.engine.savewriter import SaveWriter
from game.engine.session import COMPACT_AFTER, Session
from game.i18n import _

#: Longest time an appended move stays written but not yet fsynced (see the module docstring).
SYNC_SECONDS = 1.0

if TYPE_CHECKING:
    from game.table.table import FeedItem, Table


class Autosave:
    """Saves the table's game after every change of its action log.  A failed write is told
    to the facilitator (and retried on the next change); it never stops the game.  With
    ``background`` the file is written on the writer's thread, so a slow disk never delays the
    players; :meth:`check` (called on every table tick) reports a failure within a tick."""

    def __init__(
        self, path: Path | str, *, background: bool = True, group_commit: bool = False
    ) -> None:
        self.writer = SaveWriter(
            path, background=background, sync_after=SYNC_SECONDS if group_commit else None
        )
        self.path = self.writer.path
        self._saved = 0  # log lines handed to the writer
        self._compacted = -1  # log lines covered by the header last written (-1: none yet)
        self._told: str | None = None

    @property
    def error(self) -> str | None:
        return self.writer.error

    def __call__(self, table: Table, items: list[FeedItem]) -> None:
        s = table.session
        if s is None:
            return
        lines = s.log_lines()
        n = len(lines)
        if (
            self._compacted < 0
            or (s.finished and self._compacted != n)
            or n - self._compacted > max(COMPACT_AFTER, self._compacted)
        ):
            self._compact(s, lines)
        elif n > self._saved:
            self.writer.append(lines[self._saved : n])
            self._saved = n
            if s.paused:  # nobody acts for a while: make the last moves durable now
                self.writer.sync()
        self.check(table)

    def _compact(self, s: Session, lines: list[str]) -> None:
        self.writer.compact(saves.header_line(s.header()), lines)
        self._saved = self._compacted = len(lines)

    def attach(self, table: Table) -> None:
        """Save ``table``'s game from now on: the whole game is written at once (a new game is
        on disk before its first move; a resumed one is compacted, a torn last line gone),
        then every change as it happens."""
        table.subscribe(self)
        table.on_tick(self.check)
        if table.session is not None:
            self._compact(table.session, table.session.log_lines())
            self.check(table)

    def check(self, table: Table) -> None:
        """Tell the facilitator once when the save starts failing, and once it works again."""
        error = self.writer.error
        if error == self._told:
            return
        if error is not None:
            table.notice(
                _("the game is not being saved: {error}").format(error=error), to_facilitator=True
            )
        elif self._told is not None:
            table.notice(
                _("the game is saved again to {path}").format(path=self.path), to_facilitator=True
            )
        self._told = error

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until the file holds every action so far (at the end of the exercise)."""
        return self.writer.flush(timeout)
