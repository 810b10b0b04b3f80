"""Benchmark: games per second of ``crisis-sim simulate`` on one core, scoring included.

    python bench/simulate.py [--rounds 5] [--runs 200] [--scenario data_breach] [--policy random]

The goal is 2,000 games/s on data_breach (the largest shipped scenario): ``crisis-sim simulate``
plays 200-run balance checks, for every policy with ``--policy all``.  What is timed is the
command's own path, ``game.commands.simulate.simulate`` — each game played by bots
(``play_game``), *scored* (``score_session``, as the command calls it), and summarised — in CPU
time of this one process.  As a breakdown, the games alone (``play_game``) are timed in the same
rounds, interleaved; they are not the measure.

Outside check: the real command, ``crisis-sim simulate SCENARIO --runs N --json``, is run once
as a child process, and its games/s are computed from the CPU time the kernel charged it
(``wait4``), start-up and scenario loading included.  The verdict is on the median of the rounds
of the in-process command path.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.commands.simulate import simulate  # noqa: E402
from game.engine.bots import POLICIES, play_game  # noqa: E402
from game.locations import find_scenario  # noqa: E402
from game.scenario import load_scenario  # noqa: E402

GOAL = 2000.0


def cpu(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def command(scenario: str, policy: str, runs: int) -> tuple[float, float]:
    """(games/s by CPU time, wall seconds) of the real ``crisis-sim simulate`` command."""
    exe = Path(sys.executable).parent / "crisis-sim"
    cmd = [str(exe), "simulate", scenario, "--policy", policy, "--runs", str(runs), "--json"]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench/simulate.py: {' '.join(cmd)} failed")
    return runs / (usage.ru_utime + usage.ru_stime), wall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--runs", type=int, default=200, help="games per round (as a balance check)")
    ap.add_argument("--policy", choices=POLICIES, default="random")
    ap.add_argument("--scenario", default="data_breach", help="a file or a shipped name")
    ap.add_argument("--no-command", action="store_true", help="skip the child-process check")
    args = ap.parse_args(argv)
    path = args.scenario if os.path.isfile(args.scenario) else find_scenario(args.scenario)
    loaded = load_scenario(path) if path is not None else None
    if loaded is None or loaded.scenario is None:
        print(f"bench/simulate.py: cannot load {args.scenario}", file=sys.stderr)
        return 1
    sc = loaded.scenario
    simulate(sc, args.policy, 20, 10_000)  # warm up the per-scenario caches
    full, play = [], []
    for r in range(args.rounds):
        seed = r * args.runs
        steps = [
            (full, lambda seed=seed: simulate(sc, args.policy, args.runs, seed)),
            (
                play,
                lambda seed=seed: [play_game(sc, args.policy, seed + i) for i in range(args.runs)],
            ),
        ]
        if r % 2:
            steps.reverse()
        for out, fn in steps:
            out.append(args.runs / cpu(fn))
    rate, play_rate = statistics.median(full), statistics.median(play)
    print(
        f"crisis-sim simulate {Path(str(path)).stem} --policy {args.policy}: {args.rounds} rounds "
        f"of {args.runs} games, one core (CPU time), medians"
    )
    print(f"  command path (play + score + summary): {rate:7,.0f} games/s")
    print(
        f"  of which playing alone (play_game)   : {play_rate:7,.0f} games/s "
        f"(scoring and summary: {100 * (1 - rate / play_rate):.0f}% of the time)"
    )
    if not args.no_command:
        n = max(args.runs, 1000)
        crate, wall = command(str(path), args.policy, n)
        print(
            f"  outside check: crisis-sim simulate --runs {n}: {crate:,.0f} games/s of CPU time "
            f"({wall:.1f} s wall, start-up and loading included)"
        )
    ok = rate >= GOAL
    print(f"  goal >= {GOAL:,.0f} games/s: ratio {rate / GOAL:.2f}: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
