"""Balance of the shipped scenarios, measured the way ``crisis-sim simulate`` measures it.

Issue 5: with 200 runs per policy, the ``best`` bots' mean team total is at least 85 and the
``worst`` bots' at most 25; every ending is reached by some bot policy and seed or by a golden
playthrough (``tests/golden/``); and no option the ``best`` bots would pick is rated below
``good``.  Issue 12 (scores that measure judgement): the ``random`` bots' mean is at most 55,
the ``longest`` bots (always the longest option text) score within 10 points of ``random``,
the ``blanket`` bots (every safe statement to every stakeholder at once) score below 60 on
communication, the policies reach at least 3 endings between them, and ``crisis-sim check``
reports no error.  Issue 12/15's last goal: the ``good`` bots (competent, not expert: the
credible second best where there is one, some messages a turn late or padded) score 65-85, so
the scale has room between a competent team and an expert one.  The runs use
``game.commands.simulate.simulate`` in process (seeds 1-200, as ``crisis-sim simulate SCENARIO
--policy P --runs 200 --seed 1``); all of it takes about 30 seconds of CPU.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from game.cli import main as crisis_sim
from game.commands.simulate import simulate
from game.engine.bots import RATING_VALUE, play_game
from game.scenario.model import Scenario
from tests.scenarios.golden_play import SCENARIOS, golden_files, load_golden, play
from tests.scenarios.golden_play import shipped as scenario

RUNS = 200
SEED = 1
#: Issue 5's thresholds on the mean team total of RUNS games.
BEST_AT_LEAST = 85.0
GOOD_BETWEEN = (65.0, 85.0)
RANDOM_AT_MOST = 55.0
WORST_AT_MOST = 25.0
#: Issue 12's thresholds: what reading the text, or telling everyone everything, earns.
LONGEST_FROM_RANDOM_AT_MOST = 10.0
BLANKET_COMMUNICATION_BELOW = 60.0
ENDINGS_REACHED_AT_LEAST = 3
POLICIES = ("best", "good", "random", "worst", "longest", "blanket")
#: Seeds searched (per policy) for an ending no golden game reaches.
SEARCH_SEEDS = 1_000

SCENARIO_FILES = sorted(SCENARIOS.glob("*.yaml"))


@functools.cache
def report(name: str, policy: str) -> dict[str, Any]:
    """``crisis-sim simulate SCENARIO --policy P --runs RUNS --seed SEED --json`` output."""
    return simulate(scenario(name), policy, RUNS, SEED)


def _mean(name: str, policy: str) -> float:
    return report(name, policy)["summary"]["total"]["mean"]


def _table(name: str) -> str:
    rows = []
    for p in POLICIES:
        s = report(name, p)["summary"]
        rows.append(
            f"  {p:<7} mean {s['total']['mean']:5.1f} (min {s['total']['min']}, "
            f"max {s['total']['max']}; communication {s['communication']['mean']:5.1f})  "
            f"endings {s['endings']}"
        )
    return f"{name}, {RUNS} runs per policy from seed {SEED}:\n" + "\n".join(rows)


names = pytest.mark.parametrize("name", [p.stem for p in SCENARIO_FILES])


@names
def test_score_thresholds(name: str) -> None:
    table = _table(name)
    assert _mean(name, "best") >= BEST_AT_LEAST, table
    assert GOOD_BETWEEN[0] <= _mean(name, "good") <= GOOD_BETWEEN[1], table
    assert _mean(name, "random") <= RANDOM_AT_MOST, table
    assert _mean(name, "worst") <= WORST_AT_MOST, table
    assert _mean(name, "best") > _mean(name, "good") > _mean(name, "random"), table
    assert _mean(name, "random") > _mean(name, "worst"), table


@names
def test_longest_answers_score_like_random_play(name: str) -> None:
    gap = _mean(name, "longest") - _mean(name, "random")
    assert abs(gap) <= LONGEST_FROM_RANDOM_AT_MOST, _table(name)


@names
def test_blanket_messages_lose_communication(name: str) -> None:
    comm = report(name, "blanket")["summary"]["communication"]["mean"]
    assert comm < BLANKET_COMMUNICATION_BELOW, _table(name)


@names
def test_policies_reach_graduated_endings(name: str) -> None:
    reached = {e for p in POLICIES for e, n in report(name, p)["summary"]["endings"].items() if n}
    assert len(reached) >= ENDINGS_REACHED_AT_LEAST, _table(name)


@names
def test_check_reports_no_error(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = crisis_sim(["check", str(SCENARIOS / f"{name}.yaml")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "\n0 errors," in "\n" + out.splitlines()[-1], out


@names
def test_best_never_picks_an_option_rated_below_good(name: str) -> None:
    sc = scenario(name)
    # what `best` would pick: the top-rated options of every choice decision
    for _, d in sc.decisions():
        if d.kind != "choice":
            continue
        top = max(RATING_VALUE[o.rating] for o in d.options)
        picks = [o for o in d.options if RATING_VALUE[o.rating] == top]
        low = [f"{o.id} ({o.rating})" for o in picks if top < RATING_VALUE["good"]]
        assert not low, f"{name}: the best option of {d.id!r} is rated below good: {low}"
    # what `best` does pick, timeouts included (a timeout applies `on_timeout`)
    for seed in range(SEED, SEED + 20):
        s = play_game(sc, "best", seed)
        for a in s.answers:
            d = sc.decision_by_id[a.decision]
            assert not a.timed_out, f"{name} seed {seed}: best let {a.decision!r} time out"
            if a.applied_option is not None:
                rating = d.option(a.applied_option).rating  # type: ignore[union-attr]
                assert RATING_VALUE[rating] >= RATING_VALUE["good"], (
                    f"{name} seed {seed}: best picked {a.decision}.{a.applied_option} ({rating})"
                )


def _bot_games(sc: Scenario) -> Iterator[tuple[str, Any, int]]:
    """Bot line-ups to look for endings with, cheapest first: whole teams of each policy on a
    few seeds, one weak seat among best players (these reach the middle endings reliably),
    then whole teams on many more seeds."""
    policies = ("best", "worst", "random", "good")
    for seed, policy in itertools.product(range(SEED, SEED + 5), policies):
        yield policy, policy, seed
    roles = sc.roles_in_play
    for role, weak in itertools.product(roles, ("worst", "random")):
        line_up = {r: (weak if r == role else "best") for r in roles}
        for seed in range(SEED, SEED + 10):
            yield f"best with {role}={weak}", line_up, seed
    for seed, policy in itertools.product(range(SEED + 5, SEED + SEARCH_SEEDS), policies):
        yield policy, policy, seed


@names
def test_every_ending_is_reached(name: str) -> None:
    sc = scenario(name)
    how: dict[str, str] = {}
    for path in golden_files():
        g = load_golden(path)
        if g.scenario_path.stem == name:
            s = play(g)
            assert s.ending is not None
            how.setdefault(s.ending.id, f"golden game {path.name}")
    missing = [e.id for e in sc.endings if e.id not in how]
    for label, line_up, seed in _bot_games(sc):
        if not missing:
            break
        s = play_game(sc, line_up, seed)
        if s.ending is not None and s.ending.id in missing:
            how[s.ending.id] = f"{label} seed {seed}"
            missing.remove(s.ending.id)
    assert not missing, (
        f"{name}: no bot game and no golden game reaches the ending(s) {missing}; reached: "
        f"{how}. Pin a golden game that reaches it (tests/golden/) or fix its condition."
    )
