"""Keeping one save file in step with a growing action log, off the caller's thread.

A :class:`SaveWriter` knows nothing about sessions: it is given a header line and JSON lines and
keeps a file holding ``header + lines``.  Its interface is four calls, so a session, a table
controller or a tool can drive it:

- :meth:`SaveWriter.append` — new lines were added at the end of the log: write only them
  (``O_APPEND``, then fsync);
- :meth:`SaveWriter.compact` — a new header (and the whole log): rewrite the file atomically
  (temporary file, fsync, rename; :func:`game.files.write_atomic`);
- :meth:`SaveWriter.flush` — wait until the file holds everything given so far; say whether it
  does;
- :attr:`SaveWriter.error` — why the last write failed (None once a write succeeds again).

With ``background=True`` the file is written by a worker thread, so a caller on a frame loop
never waits for a disk (an fsync can take tens of milliseconds); lines handed over while a write
is in progress are written together by the next one.

With ``sync_after=SECONDS`` as well (group commit), :meth:`SaveWriter.append` writes the new
lines into the file at once, on the caller's thread (one ``write``: the kernel's page cache, no
disk wait), and the worker makes them durable with one ``fsync`` at most ``SECONDS`` later, for
every line written meanwhile; :meth:`SaveWriter.sync` asks for that ``fsync`` now and
:meth:`SaveWriter.flush` waits for it.  The guarantee: when ``append`` returns, a crash of the
process loses nothing (the kernel holds the lines); a crash of the machine (power cut, kernel
panic) loses at most the lines of the last ``SECONDS``.  One ``fsync`` per action cost a network
host more CPU than the game's own work for that action.  A failed append may leave a torn line at
the end of the file, so the next attempt (the next request, or :meth:`flush`) rewrites the whole
file instead of appending to it.  Without ``background`` every request is written before it
returns (command-line tools, tests).

Why not rewrite the file each time: a save is the whole action log, so rewriting it after every
action costs time proportional to the game so far, and a long game becomes quadratic.
"""

from __future__ import annotations

import atexit
import os
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path

from game.files import write_atomic

#: How long an idle worker thread waits for more work before it ends (a new request starts one).
IDLE_SECONDS = 5.0

_live: weakref.WeakSet[SaveWriter] = weakref.WeakSet()


class SaveWriter:
    """One save file kept equal to ``header`` + ``lines`` (see the module docstring)."""

    def __init__(
        self, path: Path | str, *, background: bool = False, sync_after: float | None = None
    ) -> None:
        self.path = Path(path)
        self.background = background
        #: group commit (with ``background``): appends written at once, fsynced this much later
        self.sync_after = sync_after if background else None
        self._cond = threading.Condition()
        self._header = ""
        self._lines: list[str] = []
        #: lines durably in the file after its header (meaningful only when not ``_rewrite``)
        self._on_disk = 0
        self._rewrite = True  # nothing written yet: the first write creates the file
        self._busy = False
        self._stalled = False  # the last attempt failed: wait for a request before retrying
        self._error: str | None = None
        self._unsynced = False  # lines written by append but not yet fsynced (group commit)
        self._sync_now = False  # sync() or flush() asked for the fsync without waiting
        self._syncing = False  # an fsync is under way (appends may still write meanwhile)
        self._thread: threading.Thread | None = None
        self.writes = 0  # completed file writes (appends and rewrites), for tests and benches
        if background:
            _live.add(self)

    # --- the interface -----------------------------------------------------------------------

    @property
    def error(self) -> str | None:
        """Why the last write failed, as a sentence; None when the last write succeeded."""
        return self._error

    @property
    def pending(self) -> bool:
        """True while some lines handed over are not yet durably in the file."""
        with self._cond:
            return not self._settled()

    @property
    def saved_lines(self) -> int:
        """How many log lines the file durably holds after its header (0 before the first)."""
        with self._cond:
            return 0 if self._rewrite and self.writes == 0 else self._on_disk

    def compact(self, header: str, lines: Sequence[str]) -> None:
        """Make the file ``header`` + ``lines``, rewritten whole and atomically."""
        with self._cond:
            self._header = header
            self._lines = list(lines)
            self._rewrite = True
            self._request()

    def append(self, lines: Sequence[str]) -> None:
        """Add ``lines`` at the end of the log (after a first :meth:`compact`)."""
        if not lines:
            return
        with self._cond:
            if not self._header:
                raise ValueError("SaveWriter.append before the first compact (no header yet)")
            inline = (
                self.sync_after is not None
                and self.writes > 0
                and not (self._rewrite or self._busy or self._stalled)
                and self._on_disk == len(self._lines)
            )
            self._lines.extend(lines)
            if inline:
                self._write_now()
            else:
                self._request()

    def sync(self) -> None:
        """Make the lines written so far durable now, without waiting (group commit: a pause,
        where nobody acts for a while, should not leave the last moves unsynced)."""
        with self._cond:
            if self._unsynced:
                self._sync_now = True
                self._start()

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Write what is still pending (retrying after a failure) and wait for it.

        True when the file holds every line handed over and the last write succeeded.
        """
        with self._cond:
            self._request()
            self._sync_now = self._unsynced
            if self.background:
                if self._sync_now:
                    self._start()
                self._cond.wait_for(self._settled, timeout)
            return self._error is None and self._settled()

    # --- internals -----------------------------------------------------------------------

    def _settled(self) -> bool:
        return not (self._busy or self._syncing or self._unsynced or self._has_work())

    def _has_work(self) -> bool:
        return (
            bool(self._header)
            and not self._stalled
            and (self._rewrite or self._on_disk < len(self._lines))
        )

    def _request(self) -> None:
        """Called with the lock held: there is something to write (or to retry)."""
        self._stalled = False
        if not self._has_work():
            return
        if not self.background:
            self._write_once()
            return
        self._start()

    def _start(self) -> None:
        """Called with the lock held: wake the worker (starting one if none is running)."""
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="save-writer", daemon=True)
            self._thread.start()
        self._cond.notify_all()

    def _run(self) -> None:
        with self._cond:
            while True:
                if self._has_work():
                    self._write_once()
                elif self._unsynced:
                    # group commit: one fsync for every line written in the next sync_after
                    # seconds (sooner when sync() or flush() asks, or a write comes first)
                    self._cond.wait_for(lambda: self._sync_now or self._has_work(), self.sync_after)
                    if not self._has_work():
                        self._sync_once()
                elif not self._cond.wait_for(
                    lambda: self._has_work() or self._unsynced, IDLE_SECONDS
                ):
                    self._thread = None
                    return

    def _write_now(self) -> None:
        """Group commit, called with the lock held: write the lines not yet in the file at once
        (no fsync; the worker makes them durable within ``sync_after`` seconds)."""
        n = len(self._lines)
        try:
            _append(self.path, "".join(line + "\n" for line in self._lines[self._on_disk : n]))
        except OSError as e:
            self._failed(e)
            return
        self.writes += 1
        self._error = None
        self._on_disk = n
        if not self._unsynced:
            self._unsynced = True
            self._start()

    def _sync_once(self) -> None:
        """Called with the lock held: fsync what the appends wrote (the disk I/O without it)."""
        self._unsynced = self._sync_now = False  # a write during the fsync sets it again
        self._syncing = True
        self._cond.release()
        try:
            error = None
            try:
                _sync(self.path)
            except OSError as e:
                error = e
        finally:
            self._cond.acquire()
        self._syncing = False
        if error is not None:
            self._failed(error)
        self._cond.notify_all()

    def _failed(self, e: OSError) -> None:
        self._error = f"could not save the game to {self.path}: {e.strerror or e}"
        self._rewrite = True  # the tail may be torn or lost: the retry rewrites the whole file
        self._stalled = True
        self._unsynced = False  # the rewrite (fsynced) covers every line

    def _write_once(self) -> None:
        """Write what is pending.  Called with the lock held; the disk I/O runs without it."""
        rewrite = self._rewrite
        n = len(self._lines)
        header = self._header
        chunk = self._lines[:n] if rewrite else self._lines[self._on_disk : n]
        self._rewrite = False
        self._busy = True
        self._cond.release()
        try:
            error = None
            try:
                if rewrite:
                    write_atomic(self.path, "\n".join([header, *chunk]) + "\n")
                else:
                    _append(self.path, "".join(line + "\n" for line in chunk), sync=True)
            except OSError as e:
                error = e
        finally:
            self._cond.acquire()
        self._busy = False
        if error is None:
            self.writes += 1
            self._error = None
            self._unsynced = False  # both kinds of write fsync (appends write nothing meanwhile)
            if not self._rewrite:  # no compaction was asked for meanwhile
                self._on_disk = n
        else:
            self._failed(error)
        self._cond.notify_all()


def _append(path: Path, text: str, sync: bool = False) -> None:
    """Append ``text`` to an existing file (``sync``: and make it durable before returning)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)  # never creates: a vanished save is an error
    try:
        data = text.encode("utf-8")
        while data:
            written = os.write(fd, data)
            data = data[written:]
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def _sync(path: Path) -> None:
    """Make what was appended to ``path`` durable."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)  # never creates: a vanished save is an error
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@atexit.register
def _flush_all() -> None:
    """At exit, give every background writer a moment to finish (its thread is a daemon)."""
    for writer in list(_live):
        writer.flush(timeout=5.0)
