"""Golden playthroughs: one pinned, human-like game per shipped scenario (``tests/golden/``).

A golden file is JSON::

    {
      "about": "what kind of game this is, in words",
      "scenario": "reputation.yaml",          # a file in scenarios/
      "seed": 11,
      "players": {"crisis_manager": "Dana", ...},   # a human seat for every role in play
      "actions": [{"at": 4.0, "action": {"type": "present", "role": "crisis_manager"}}, ...],
      "expected": {"ending": ..., "scores": ..., "metrics": ..., "flags": ..., "events": ...}
    }

``actions`` are the engine's own action JSON (``game.engine.actions.to_json``) with the session
time at which each is sent, played on a :class:`ManualClock`; an entry may carry a ``note`` for
the reader.  Decisions are shown only once their player sends ``present``; a decision times out
when an action (an ``advance``, or any other) comes after its deadline.  ``expected`` is what
the game gives today; ``tests/golden/regen.py`` rewrites it after an intentional change.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

from game.engine import ActionError, ManualClock, Seat, Session
from game.engine import actions as act
from game.scenario import load_scenario
from game.scenario.model import Scenario
from game.scoring import score_session

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
GOLDEN = ROOT / "tests" / "golden"
REGEN = "tests/golden/regen.py"
DIMENSIONS = ("speed", "priorities", "communication", "total")
#: Longest line a golden file writes on one line (actions excepted).
WIDTH = 100


class GoldenRefused(AssertionError):
    """A pinned action was refused: the scenario or the engine no longer accepts the game."""


@attrs.frozen
class Golden:
    path: Path
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def scenario_path(self) -> Path:
        return SCENARIOS / self.data["scenario"]

    @property
    def seed(self) -> int:
        return int(self.data["seed"])

    @property
    def expected(self) -> dict[str, Any] | None:
        return self.data.get("expected")

    def seats(self) -> dict[str, Seat]:
        return {r: Seat(r, player=name) for r, name in self.data["players"].items()}

    def entries(self) -> list[tuple[float, act.Action]]:
        return [(float(e["at"]), act.from_json(e["action"])) for e in self.data["actions"]]


def golden_files() -> list[Path]:
    return sorted(GOLDEN.glob("*.json"))


def load_golden(path: Path) -> Golden:
    return Golden(path, json.loads(path.read_text(encoding="utf-8")))


_SCENARIOS: dict[Path, Scenario] = {}


def shipped(name: str) -> Scenario:
    """The shipped scenario ``scenarios/<name>.yaml``, loaded once per process."""
    return _load(SCENARIOS / f"{name}.yaml")


def scenario_of(g: Golden) -> Scenario:
    """The loaded scenario of a golden game."""
    return _load(g.scenario_path)


def _load(path: Path) -> Scenario:
    sc = _SCENARIOS.get(path)
    if sc is None:
        loaded = load_scenario(path)
        assert loaded.scenario is not None, [d.format() for d in loaded.diagnostics]
        sc = _SCENARIOS[path] = loaded.scenario
    return sc


def play(g: Golden, *, save_path: Path | None = None) -> Session:
    """Play the pinned actions at their times; every one must be accepted."""
    clock = ManualClock()
    s = Session.new(scenario_of(g), g.seats(), seed=g.seed, clock=clock, save_path=save_path)
    for n, (at, action) in enumerate(g.entries(), 1):
        clock.set(at)
        try:
            s.apply(action)
        except ActionError as e:
            raise GoldenRefused(
                f"{g.path.name}: pinned action {n} at {at}s ({act.to_json(action)}) was refused: "
                f"{e}. The scenario or the rules changed so this game can no longer be played; "
                f"edit the actions in {g.path.name} to a game that is accepted again, then run "
                f"`.venv/bin/python {REGEN} {g.name}`."
            ) from None
    return s


def _r(v: float | None) -> float | None:
    return None if v is None else round(float(v), 2)


def observe(s: Session) -> dict[str, Any]:
    """What a golden file pins: ending, team and role scores, final metrics, flags, events."""
    scores = score_session(s)
    return {
        "finished": s.finished,
        "ending": s.ending.id if s.ending is not None else None,
        "scores": {
            "team": {d: _r(scores.team.card.get(d)) for d in DIMENSIONS},
            "roles": {
                r: {d: _r(g.card.get(d)) for d in DIMENSIONS} for r, g in scores.roles.items()
            },
        },
        "metrics": {k: _r(v) for k, v in s.metrics.items()},
        "flags": dict(s.flags),
        "events": [e.event for e in s.events_fired],
    }


def _fmt(value: Any, indent: int, one_line: bool) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    if one_line or not isinstance(value, dict | list) or len(flat) + indent <= WIDTH:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, list):
        items = [pad + _fmt(v, indent + 2, False) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    items = []
    for k, v in value.items():
        text = _fmt(v, indent + 2, False) if k != "actions" else _actions(v, indent + 2)
        items.append(f"{pad}{json.dumps(k)}: {text}")
    return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"


def _actions(entries: list[Any], indent: int) -> str:
    pad = " " * (indent + 2)
    lines = [pad + json.dumps(e, ensure_ascii=False) for e in entries]
    return "[\n" + ",\n".join(lines) + "\n" + " " * indent + "]"


def dumps(data: dict[str, Any]) -> str:
    """The golden file text: short objects on one line and one line per action, so a game
    reads top to bottom and a regenerated file gives a readable diff."""
    return _fmt(data, 0, False) + "\n"
