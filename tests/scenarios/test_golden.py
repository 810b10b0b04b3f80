"""Golden playthroughs: one pinned human-like game per shipped scenario gives the pinned result.

The games live in ``tests/golden/<scenario>.json`` (see ``tests/scenarios/golden_play.py`` for
the format).  Each is played through a :class:`Session` on a ManualClock; the ending, the team
and role scores (to 0.01), the final metrics and flags and the events fired must equal the
pinned values, and the game's save and log must replay to the identical state.  After an
intentional change, regenerate the pinned values with ``.venv/bin/python tests/golden/regen.py``
and review the diff.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from game.engine import ManualClock, Session
from game.engine import actions as act
from game.report.result import build_result
from tests.scenarios.golden_play import (
    REGEN,
    SCENARIOS,
    Golden,
    golden_files,
    load_golden,
    observe,
    play,
    scenario_of,
)

GOLDEN_FILES = golden_files()
TOLERANCE = 0.01


def _golden(path: Path) -> Golden:
    return load_golden(path)


def _differences(pinned: Any, got: Any, where: str = "") -> list[str]:
    """Readable differences between pinned and observed values (numbers to TOLERANCE)."""
    if isinstance(pinned, dict) and isinstance(got, dict):
        out = []
        for k in sorted(set(pinned) | set(got), key=str):
            if k not in pinned or k not in got:
                out.append(f"{where}{k}: pinned {pinned.get(k, '(absent)')!r}, got {got.get(k)!r}")
            else:
                out.extend(_differences(pinned[k], got[k], f"{where}{k}."))
        return out
    numbers = (int, float)
    if (
        isinstance(pinned, numbers)
        and isinstance(got, numbers)
        and not isinstance(pinned, bool)
        and not isinstance(got, bool)
    ):
        if abs(pinned - got) <= TOLERANCE + 1e-9:
            return []
    elif pinned == got:
        return []
    return [f"{where.rstrip('.')}: pinned {pinned!r}, got {got!r}"]


def test_every_shipped_scenario_has_a_golden_game() -> None:
    shipped = {p.name for p in SCENARIOS.glob("*.yaml")}
    pinned = {_golden(p).data["scenario"] for p in GOLDEN_FILES}
    assert shipped <= pinned, f"no golden game for: {sorted(shipped - pinned)}"
    for p in GOLDEN_FILES:
        assert p.stem == Path(_golden(p).data["scenario"]).stem, (
            f"{p.name} should be named after its scenario file"
        )


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
def test_golden_game_gives_the_pinned_result(path: Path) -> None:
    g = _golden(path)
    assert g.expected, f"{path.name} has no pinned result; run `.venv/bin/python {REGEN}`"
    s = play(g)
    got = observe(s)
    assert s.finished, f"{path.name}: the pinned actions no longer finish the game"
    diffs = _differences(g.expected, got)
    assert not diffs, (
        f"golden game {path.name} no longer gives its pinned result:\n  "
        + "\n  ".join(diffs)
        + f"\nIf this change is intended (a rebalanced scenario, a new scoring rule), run "
        f"`.venv/bin/python {REGEN} {path.stem}` and review `git diff tests/golden`."
    )


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
def test_golden_game_is_a_mixed_human_game(path: Path) -> None:
    """Humans in every seat, every kind of player action, and both good and bad answers."""
    g = _golden(path)
    sc = scenario_of(g)
    assert set(g.data["players"]) == set(sc.roles_in_play)
    kinds = Counter(type(a).__name__ for _, a in g.entries())
    for kind in ("Present", "Answer", "Rank", "SendMessage", "EndTurn"):
        assert kinds[kind], f"{path.name} has no {kind} action"
    ratings = {
        sc.decision_by_id[a.decision].option(a.option).rating  # type: ignore[union-attr]
        for _, a in g.entries()
        if isinstance(a, act.Answer)
    }
    assert "best" in ratings and ratings - {"best", "good"}, (
        f"{path.name} should mix best answers with poor or harmful ones, not play like a bot"
    )
    times = [at for at, _ in g.entries()]
    assert times == sorted(times), f"{path.name}: action times must not go backwards"


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
def test_golden_game_replays_to_the_identical_state(path: Path, tmp_path: Path) -> None:
    g = _golden(path)
    sc = scenario_of(g)
    save = tmp_path / "golden.jsonl"
    s = play(g)
    s.save(save)
    state = s.snapshot()
    result = build_result(s).to_json()

    resumed = Session.resume(save, sc, clock=ManualClock(5_000.0), autosave=False)
    assert resumed.snapshot() == state
    assert resumed.digest() == s.digest()
    assert build_result(resumed).to_json() == result

    replayed = Session.replay(sc, s.seats, s.seed, list(s.log))
    assert replayed.snapshot() == state
    assert build_result(replayed).to_json() == result
    assert observe(replayed) == observe(s)
