"""The real-time clock the front-ends hand to the engine.

The engine never reads the machine's clock (:mod:`game.engine.clock`): a session asks the clock
it was given for ``now()``.  Tests, bots and scripted games pass a
:class:`~game.engine.clock.ManualClock`; everything that plays in real time — the window, the
terminal, the network host — passes this one, so "real time" means the same thing everywhere.
"""

from __future__ import annotations

import math
import time


class RealClock:
    """Real elapsed time (``time.monotonic``, never going back), optionally sped up, that can
    also jump ahead.

    ``speed`` > 1 runs demo games faster than real time.  :meth:`advance` lets a front-end skip
    a wait nobody needs to sit through: when every player has ended the turn and only bots are
    still "thinking", the terminal jumps to the moment they act.  Readings start near 0; only
    differences between them matter to the engine.
    """

    __slots__ = ("_ahead", "_t0", "speed")

    def __init__(self, speed: float = 1.0) -> None:
        if not (speed > 0 and math.isfinite(speed)):
            raise ValueError(f"a clock's speed must be a positive number, not {speed!r}")
        self.speed = speed
        self._t0 = time.monotonic()
        self._ahead = 0.0

    def now(self) -> float:
        return (time.monotonic() - self._t0) * self.speed + self._ahead

    def advance(self, seconds: float) -> float:
        """Jump ``seconds`` ahead (negative amounts are ignored: time never goes back) and
        return the new time."""
        if math.isfinite(seconds):
            self._ahead += max(0.0, seconds)
        return self.now()
