"""Work that must not stall the frame loop: recording a finished game (a locked history database
can make it wait up to 10 s), reading the history, a scenario check (bots play it hundreds of
times).

A :class:`Job` runs one function on a worker thread.  Scenes start it in ``enter`` or in a
button's action and look at ``done`` / ``result`` / ``error`` in ``update``; ``draw`` only reads
them.  No pygame and no scene is touched from the worker: it only computes a value.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Job(Generic[T]):
    """``fn()`` on a daemon thread; ``result`` once ``done``, or the exception in ``error``."""

    def __init__(self, fn: Callable[[], T], name: str = "job") -> None:
        self.result: T | None = None
        self.error: BaseException | None = None
        self.started = time.monotonic()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(fn,), name=name, daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[[], T]) -> None:
        try:
            self.result = fn()
        except BaseException as exc:  # handed to the scene, which says what went wrong
            self.error = exc
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def wait(self, timeout: float | None = None) -> bool:
        """Block until done (tests, and the app closing while a game is being recorded)."""
        return self._done.wait(timeout)
