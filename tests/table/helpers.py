"""Shared by the table and network tests: a shipped scenario, a table, scripted players."""

from __future__ import annotations

import functools
import random
from collections.abc import Callable

from game.engine import actions as act
from game.engine.bots import Bot
from game.engine.clock import ManualClock
from game.engine.errors import ActionError
from game.locations import find_scenario
from game.scenario.loader import load_scenario
from game.scenario.model import Scenario
from game.table.table import Table, TableError

SECRET_KEYS = ("rating", "why", "expected", "on_timeout", "risk", "covers", "effects")


def keys_in(data: object, out: set[str] | None = None) -> set[str]:
    """Every dictionary key anywhere in ``data`` (JSON-shaped), to look for the answer key."""
    out = set() if out is None else out
    if isinstance(data, dict):
        out.update(data)
        for v in data.values():
            keys_in(v, out)
    elif isinstance(data, list):
        for v in data:
            keys_in(v, out)
    return out


@functools.cache
def scenario(name: str = "data_breach") -> Scenario:
    path = find_scenario(name)
    assert path is not None
    loaded = load_scenario(path)
    assert loaded.scenario is not None
    return loaded.scenario


def seated_table(name: str = "data_breach", *, seed: int = 7, **kw) -> tuple[Table, ManualClock]:
    """A started table with a person in every seat."""
    clock = ManualClock()
    wall = "2026-01-01T00:00:00+00:00"
    t = Table(scenario(name), clock=clock, seed=seed, wall=lambda: wall, **kw)
    for n, role in enumerate(list(t.free_roles())):
        t.claim(role, f"Player {n + 1}")
    t.start("facilitator")
    return t, clock


def scripted_action(t: Table, bots: dict[str, Bot], role: str) -> act.Action | None:
    """What a scripted player at ``role`` does next (a bot's choice, read from the session as
    the test's omniscient script, then sent through the table like any person's action)."""
    s = t.session
    assert s is not None
    a = bots[role].act(s, role)
    return None if isinstance(a, act.Advance) else a


def play_people(
    t: Table,
    clock: ManualClock,
    *,
    policy: str = "random",
    seed: int = 1,
    each: Callable[[], None] | None = None,
    max_steps: int = 20_000,
) -> list[tuple[str, act.Action]]:
    """Every person plays ``policy`` through ``t.act`` until the game ends; returns the
    actions the table accepted, in order."""
    s = t.session
    assert s is not None
    people = [r for r in t.roles if t.seats[r].bot is None]
    bots = {r: Bot(policy, random.Random(f"{seed}/{r}")) for r in people}
    done: list[tuple[str, act.Action]] = []
    for _ in range(max_steps):
        if s.finished:
            return done
        moved = False
        for r in people:
            if s.finished or t.seats[r].bot is not None or t.seats[r].held:
                continue
            a = scripted_action(t, bots, r)
            if a is None:
                continue
            try:
                t.act(r, a)
            except (ActionError, TableError):
                continue
            done.append((r, a))
            moved = True
            if each is not None:
                each()
        if not moved:
            clock.advance(7.0)
            t.tick()
            if each is not None:
                each()
    raise AssertionError("the scripted game did not end")
