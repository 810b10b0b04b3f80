"""Real results for the history tests: bots play the tutorial in named players' seats."""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from game.engine import ManualClock, Seat, Session
from game.engine.bots import Bot, BotDriver
from game.report.result import Result, build_result
from game.scenario import load_scenario
from game.scenario.model import Scenario

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
#: A fixed day for the games' wall-clock times: 1 May 2025, 09:30 UTC (+1 day per game).
DAY_ONE = datetime(2025, 5, 1, 9, 30, tzinfo=UTC)


@functools.cache
def tutorial() -> Scenario:
    loaded = load_scenario(TUTORIAL)
    assert loaded.scenario is not None, loaded.diagnostics
    return loaded.scenario


def play(
    players: Sequence[str] = ("Alice", "Bob"),
    policy: str = "good",
    seed: int = 1,
    finished_at: datetime | None = None,
    scenario: Scenario | None = None,
) -> Result:
    """A finished game: the players take the roles in turn; bots play each seat's moves."""
    sc = scenario or tutorial()
    roles = sc.roles_in_play
    seats = {r: Seat(r, player=players[i % len(players)]) for i, r in enumerate(roles)}
    clock = ManualClock()
    session = Session.new(sc, seats, seed=seed, clock=clock)
    rng = random.Random(seed)
    BotDriver(session, {r: Bot(policy, rng) for r in roles}).run(clock)
    assert session.finished
    if finished_at is None:
        return build_result(session)
    started = finished_at - timedelta(minutes=25)
    return build_result(
        session,
        started_at=started.isoformat(timespec="seconds"),
        finished_at=finished_at.isoformat(timespec="seconds"),
    )


def day(n: int) -> datetime:
    return DAY_ONE + timedelta(days=n)


#: Alice and Bob get better game after game; then Chen plays alone.
SERIES = (
    ("worst", ("Alice", "Bob")),
    ("random", ("Alice", "Bob")),
    ("good", ("alice", "Bob")),
    ("best", ("Alice", "Bob")),
    ("good", ("Chen Wei",)),
)


def series() -> list[Result]:
    return [
        play(players, policy, seed=n, finished_at=day(n))
        for n, (policy, players) in enumerate(SERIES)
    ]
