"""A generated class for the class-view tests: 20 trainees × 5 games × 2 scenario versions.

Five teams of four play the tutorial five times each (three games on the shipped text, two on
an edited copy, so the content hash changes mid-class); the fifth role of every game is a bot,
so people and bots share each game.  Policies vary by team and game so the scores differ.
"""

from __future__ import annotations

import functools
import random
from pathlib import Path

import attrs

from game.engine import ManualClock, Seat, Session
from game.engine.bots import Bot, BotDriver
from game.report.result import Result, build_result
from game.scenario import load_scenario
from game.scenario.model import Scenario
from tests.store.games import TUTORIAL, day

COHORT = "Ops Course May"
TRAINEES = tuple(f"Trainee {n:02d}" for n in range(1, 21))
POLICIES = ("worst", "random", "good", "best")


@functools.cache
def versions(folder: str) -> tuple[Scenario, Scenario]:
    """The tutorial as shipped and an edited copy (a new content hash, the same ids)."""
    edited = Path(folder) / "tutorial-v2.yaml"
    text = TUTORIAL.read_text(encoding="utf-8")
    edited.write_text(text.replace("summary:", "summary: (v2)", 1), encoding="utf-8")
    out = []
    for path in (TUTORIAL, edited):
        loaded = load_scenario(path)
        assert loaded.scenario is not None, loaded.diagnostics
        out.append(loaded.scenario)
    assert out[0].content_hash != out[1].content_hash
    return out[0], out[1]


def play_team(sc: Scenario, people: tuple[str, ...], seed: int, policy: str) -> Session:
    roles = sc.roles_in_play
    seats = {
        r: Seat(r, player=people[i]) if i < len(people) else Seat(r, bot="good")
        for i, r in enumerate(roles)
    }
    clock = ManualClock()
    session = Session.new(sc, seats, seed=seed, clock=clock)
    rng = random.Random(seed)
    BotDriver(session, {r: Bot(policy, rng) for r in roles}).run(clock)
    assert session.finished
    return session


def classroom(folder: str) -> list[Result]:
    """25 results, oldest first: team t plays games 0–4 (0–2 on version 1, 3–4 on version 2)."""
    v1, v2 = versions(folder)
    results = []
    for game in range(5):
        for team in range(5):
            people = TRAINEES[team * 4 : team * 4 + 4]
            # each game the team rotates its roles, so everyone holds several roles
            people = people[game % 4 :] + people[: game % 4]
            policy = POLICIES[min(3, (team + game) // 2)]
            seed = game * 10 + team
            session = play_team(v1 if game < 3 else v2, people, seed, policy)
            when = day(game).replace(hour=9 + team)
            result = build_result(
                session,
                started_at=when.isoformat(timespec="seconds"),
                finished_at=when.isoformat(timespec="seconds"),
                cohort=COHORT,
            )
            results.append(result)
    return results


def other_cohort(folder: str) -> Result:
    """A game of another class, which the class view must leave out."""
    v1, _ = versions(folder)
    session = play_team(v1, ("Outsider",), 99, "good")
    return attrs.evolve(build_result(session, finished_at=day(2).isoformat()), cohort="Night")
