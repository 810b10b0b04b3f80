"""Time as the engine sees it: injected, never read from the machine by the engine itself.

A session asks its clock for ``now()`` once per action and does everything else from the times
it has recorded, so a game is a pure function of scenario + seed + timed action log.  Tests, bots
and scripted play drive a :class:`ManualClock`; a front-end playing in real time passes its own
clock over ``time.monotonic`` (``game.realtime.RealClock``), so no wall clock is read here.  Only
differences between readings matter: the origin is arbitrary, and a session translates readings
into its own *session time* (0 at the start of the game, frozen while the game is closed between
a save and a resume).
"""

from __future__ import annotations

import math
from typing import Protocol, runtime_checkable


@runtime_checkable
class Clock(Protocol):
    """Seconds from any origin, never decreasing."""

    def now(self) -> float: ...


class ManualClock:
    """A clock that only moves when told to: for tests, bots and replays."""

    __slots__ = ("_t",)

    def __init__(self, start: float = 0.0) -> None:
        self._t = float(start)

    def now(self) -> float:
        return self._t

    def advance(self, seconds: float) -> float:
        """Move forward by ``seconds`` (>= 0) and return the new time."""
        if not seconds >= 0 or math.isinf(seconds):
            raise ValueError(f"a clock can only move forward by a finite amount, not {seconds!r}")
        self._t += seconds
        return self._t

    def set(self, t: float) -> None:
        """Jump to ``t``, which may not be earlier than the current time (clocks are monotonic)."""
        if not t >= self._t or math.isinf(t):
            raise ValueError(f"a clock cannot go back from {self._t!r} to {t!r}")
        self._t = float(t)

    def __repr__(self) -> str:
        return f"ManualClock({self._t!r})"
