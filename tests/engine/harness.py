"""Driving a session in tests, straight or through a save and resume after every action.

Like ink's test fixture, example tests run twice (see ``conftest.py``): once on one session,
and once saving after every action and resuming into a fresh session on a fresh clock.  The
harness keeps an intended *session time* so both runs see the same times.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from game.engine import ManualClock, Seat, Session
from game.engine.actions import Action
from game.engine.events import Event
from game.scenario.model import Scenario


def humans(sc: Scenario) -> dict[str, Seat]:
    return {r: Seat(r, player=f"Player {i + 1}") for i, r in enumerate(sc.roles_in_play)}


def bots(sc: Scenario, policy: str = "best") -> dict[str, Seat]:
    return {r: Seat(r, bot=policy) for r in sc.roles_in_play}


class Game:
    def __init__(
        self,
        scenario: Scenario,
        seats: Mapping[str, Seat] | None = None,
        *,
        seed: int = 7,
        through_save: bool = False,
        tmp_path: Path | None = None,
    ) -> None:
        self.scenario = scenario
        self.through_save = through_save
        self.clock = ManualClock(100.0)
        self.path = (tmp_path / "game.jsonl") if (through_save and tmp_path) else None
        self.s = Session.new(
            scenario,
            seats if seats is not None else humans(scenario),
            seed=seed,
            clock=self.clock,
            save_path=self.path,
        )
        self.t = 0.0
        self.resumes = 0

    def advance(self, seconds: float) -> None:
        self.at(self.t + seconds)

    def at(self, t: float) -> None:
        """Move to session time ``t``."""
        assert t >= self.t
        self.t = t
        self.clock.advance(t - self.s.now())

    def do(self, action: Action) -> list[Event]:
        """Apply ``action`` now; through_save: then resume from the autosave on a new clock."""
        try:
            return self.s.apply(action)
        finally:
            if self.path is not None:
                self.clock = ManualClock(5000.0 + 1000 * self.resumes)
                self.resumes += 1
                self.s = Session.resume(self.path, self.scenario, clock=self.clock)
                self.clock.advance(self.t - self.s.now())
