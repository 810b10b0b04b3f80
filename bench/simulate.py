"""Benchmark: complete bot playthroughs per second of the largest shipped scenario, on one core.

    python bench/simulate.py [--seconds 5] [--policy random] [--scenario FILE] [--generated]

The goal is 2,000 playthroughs/s (``crisis-sim simulate`` plays 200-run balance checks).  The
largest scenario in ``scenarios/*.yaml`` (most decisions, then most injects) is used; if none
loads, a large scenario is generated here instead.  Prints playthroughs/s, decisions/s,
actions/s and the ratio to the goal.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine.bots import POLICIES, play_game  # noqa: E402
from game.scenario.conditions import Condition  # noqa: E402
from game.scenario.model import (  # noqa: E402
    FORMAT_V1,
    ROLE_IDS,
    Decision,
    Ending,
    Inject,
    Metric,
    Option,
    RankItem,
    Scenario,
    Stakeholder,
    Statement,
    Turn,
)

GOAL = 2000.0


def size(sc: Scenario) -> tuple[int, int]:
    injects = sum(len(t.injects) for t in sc.turns) + len(sc.events)
    return (len(sc.decision_by_id), injects)


def shipped() -> list[tuple[str, Scenario]]:
    try:
        from game.scenario.loader import load_scenario
    except ImportError:
        return []
    out = []
    for path in sorted(glob.glob(str(ROOT / "scenarios" / "*.yaml"))):
        result = load_scenario(path)
        if result.scenario is not None:
            out.append((os.path.relpath(path, ROOT), result.scenario))
    return out


def generated(turns: int = 12) -> Scenario:
    """A large scenario: every role decides every turn, with injects, events and messages."""
    c = Condition.parse
    metrics = (
        Metric("containment", 0, "Containment", 0, 100),
        Metric("trust", 70, "Public trust", 0, 100),
        Metric("safety", 80, "Safety", 0, 100),
        Metric("cost", 0, "Cost", 0, None, "low"),
    )
    flags = ("isolated", "restored", "leaked", "evacuated")
    points = ("facts", "actions", "guidance", "empathy", "next_update", "contact")
    stakeholders = tuple(
        Stakeholder(
            f"sh{i}",
            f"Stakeholder {i}",
            owner=(ROLE_IDS[i % 5],),
            inform_by=1 + i % turns,
            expects=points[i % 3 : i % 3 + 3],
            weight=1 + i % 3,
            required_when=c("flags.leaked") if i % 4 == 3 else None,
        )
        for i in range(8)
    )
    statements = [
        Statement(f"say-{p}-{k}", f"We say {p} ({k}).", covers=(p,), effects={"trust": 1})
        for p in points
        for k in range(2)
    ] + [
        Statement("blame", "It was the vendor.", risk="blame", effects={"trust": -5}),
        Statement("no-comment", "No comment.", risk="no_comment", contradicts=("say-facts-0",)),
        Statement("guess", "Probably Russians.", risk="speculation"),
        Statement("fixed", "Services are back.", covers=("actions",), when=c("flags.restored")),
    ]
    turn_list = []
    for n in range(1, turns + 1):
        decisions = []
        for i, role in enumerate(ROLE_IDS):
            did = f"t{n}-{role}"
            if (n + i) % 4 == 0:
                items = tuple(RankItem(f"x{j}", f"Item {j}") for j in range(4))
                decisions.append(
                    Decision(
                        did,
                        role,
                        "Rank these.",
                        "rank",
                        60,
                        items=items,
                        expected=tuple(x.id for x in items),
                    )
                )
                continue
            options = (
                Option(
                    "a",
                    "Best",
                    "best",
                    effects={"containment": 10, "trust": 2},
                    set_=(flags[i % 4],),
                ),
                Option("b", "Good", "good", effects={"containment": 5}),
                Option("c", "Poor", "poor", effects={"cost": 20}),
                Option(
                    "d",
                    "Harmful",
                    "harmful",
                    effects={"trust": -10, "safety": -5},
                    clear=(flags[i % 4],),
                ),
            )
            when = c(f"not chose(t{n - 1}-{role}.d)") if n > 1 and i == 0 else None
            decisions.append(
                Decision(
                    did, role, "Decide.", time_limit=90, when=when, options=options, on_timeout="c"
                )
            )
        injects = (
            Inject(f"in{n}-a", "email", f"Update {n}", effects={"trust": -1}),
            Inject(f"in{n}-b", "news", f"Story {n}", to=("pr_specialist", "reputation_head")),
            Inject(
                f"in{n}-c", "alarm", f"Alarm {n}", when=c("safety < 60"), effects={"safety": -3}
            ),
        )
        turn_list.append(Turn(f"T+{n - 1}h", "response", injects, tuple(decisions)))
    events = tuple(
        Inject(
            f"ev{i}",
            "news",
            f"Event {i}",
            when=c(f"turn >= {2 + i} and trust < {80 - i * 5}"),
            effects={"trust": -3},
            set_=("leaked",) if i == 3 else (),
        )
        for i in range(8)
    )
    endings = (
        Ending("great", "Great", when=c("containment >= 80 and trust >= 60")),
        Ending("ok", "Fine", when=c("containment >= 50")),
        Ending("bad", "Bad"),
    )
    return Scenario(
        FORMAT_V1,
        "bench-large",
        "Benchmark",
        "other",
        "Generated.",
        "Briefing.",
        metrics,
        stakeholders,
        tuple(statements),
        tuple(turn_list),
        endings,
        flags=flags,
        events=events,
        content_hash="bench",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--policy", choices=POLICIES, default="random")
    ap.add_argument("--scenario", help="a scenario file instead of the largest shipped one")
    ap.add_argument("--generated", action="store_true", help="use the generated scenario")
    args = ap.parse_args(argv)

    if args.scenario:
        from game.scenario.loader import load_scenario

        result = load_scenario(args.scenario)
        if result.scenario is None:
            for d in result.diagnostics:
                print(d.format(), file=sys.stderr)
            return 1
        name, sc = args.scenario, result.scenario
    else:
        candidates = [] if args.generated else shipped()
        if candidates:
            name, sc = max(candidates, key=lambda c: size(c[1]))
        else:
            name, sc = "generated (no shipped scenario loaded)", generated()
    decisions, injects = size(sc)
    print(
        f"scenario: {name}: {len(sc.turns)} turns, {decisions} decisions, {injects} injects, "
        f"{len(sc.roles_in_play)} roles"
    )

    play_game(sc, args.policy, 0)  # warm up caches
    games = answered = actions = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    deadline = start + args.seconds
    while True:
        s = play_game(sc, args.policy, games)
        games += 1
        answered += len(s.answers)
        actions += len(s.log)
        if games % 10 == 0 and time.perf_counter() >= deadline:
            break
    wall = time.perf_counter() - start
    elapsed = time.process_time() - cpu_start  # CPU time of this one process: one core
    rate = games / elapsed
    print(
        f"policy: {args.policy}, one core, {games} playthroughs in {elapsed:.2f} s CPU "
        f"({wall:.2f} s wall)"
    )
    print(f"playthroughs/s: {rate:,.0f}")
    print(f"decisions/s:    {answered / elapsed:,.0f}")
    print(f"actions/s:      {actions / elapsed:,.0f}")
    print(f"goal:           {GOAL:,.0f} playthroughs/s, ratio {rate / GOAL:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
