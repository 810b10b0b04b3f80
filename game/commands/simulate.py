"""``crisis-sim simulate SCENARIO``: bots play every seat, many times; scores and endings.

Instructors use it to check a scenario's balance (does good play score well, does bad play end
badly, can every ending be reached); the tests use it to check the scoring.  Run ``i`` (0-based)
uses seed ``S + i``; nothing depends on the machine's clock, so the same arguments always print
the same bytes.

``--json`` prints, per policy::

    {"scenario": id, "policy": policy,
     "runs": [{"seed": 1, "ending": id,
               "scores": {"team": {"speed", "priorities", "communication", "total"},
                          "roles": {role: {...same four keys}}},
               "objectives": {objective id: "P"|"S"|"M"|"U"|null},
               "metrics": {metric id: value at the end}}],
     "summary": {"total": {"mean", "min", "max"}, "speed": ..., "priorities": ...,
                 "communication": ..., "endings": {ending id: count}}}

With ``--policy all`` the JSON is a list of those objects, one per policy.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from typing import Any

from game.engine.bots import POLICIES, play_game
from game.i18n import _, ngettext, pgettext
from game.scenario import load_scenario
from game.scenario.model import Scenario
from game.scoring import score_session
from game.terminal import names
from game.terminal.names import center, rpad
from game.textsafe import json_safe, terminal_safe

DIMENSIONS = ("speed", "priorities", "communication", "total")
MAX_RUNS = 100_000


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "simulate",
        help=_("let bots play a scenario many times and summarise scores and endings"),
        description=_(
            "Bots play every seat of SCENARIO, RUNS times (run i uses seed SEED + i). "
            "Prints the mean, minimum and maximum of every score and how often each ending was "
            "reached. The same arguments always give the same output."
        ),
    )
    p.add_argument("scenario", metavar="SCENARIO", help=_("a scenario file or a shipped name"))
    p.add_argument(
        "--policy",
        default="random",
        choices=(*POLICIES, "all"),
        help=_("how the bots play (default: %(default)s); 'all' runs every policy"),
    )
    p.add_argument(
        "--runs", type=int, default=100, metavar="N", help=_("games per policy (default: 100)")
    )
    p.add_argument("--seed", type=int, default=1, metavar="S", help=_("seed of run 0 (default: 1)"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.runs <= MAX_RUNS:
        print(
            _("crisis-sim simulate: --runs must be between 1 and {MAX_RUNS}").format(
                MAX_RUNS=MAX_RUNS
            ),
            file=sys.stderr,
        )
        return 2
    from game.locations import find_scenario  # a path, or a shipped scenario's name

    loaded = load_scenario(find_scenario(args.scenario) or args.scenario)
    if loaded.scenario is None:
        for d in loaded.diagnostics:
            print(d.format(), file=sys.stderr)
        print(
            _("crisis-sim simulate: {scenario} has errors; nothing was played").format(
                scenario=args.scenario
            ),
            file=sys.stderr,
        )
        return 1
    scenario = loaded.scenario
    policies = POLICIES if args.policy == "all" else (args.policy,)
    reports = [simulate(scenario, p, args.runs, args.seed) for p in policies]
    if args.json:
        payload: Any = reports if args.policy == "all" else reports[0]
        sys.stdout.write(json_safe(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n")
    else:
        sys.stdout.write(terminal_safe("\n".join(table(scenario, r) for r in reports)))
    return 0


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def play_runs(scenario: Scenario, policy: str, runs: int, seed: int) -> Iterable[dict[str, Any]]:
    """One dict per game, in the ``--json`` shape."""
    for i in range(runs):
        s = play_game(scenario, policy, seed + i)
        scores = score_session(s, explain=False)
        yield {
            "seed": seed + i,
            "ending": s.ending.id if s.ending is not None else None,
            "scores": {
                "team": {d: _r(scores.team.card.get(d)) for d in DIMENSIONS},
                "roles": {
                    role: {d: _r(g.card.get(d)) for d in DIMENSIONS}
                    for role, g in scores.roles.items()
                },
            },
            "objectives": {o.id: o.rating for o in scores.objectives},
            "metrics": {k: _r(v) for k, v in s.metrics.items()},
        }


def _stats(values: list[float | None]) -> dict[str, float | None]:
    present = [v for v in values if v is not None]
    if not present:
        return {"mean": None, "min": None, "max": None}
    return {
        "mean": round(sum(present) / len(present), 1),
        "min": min(present),
        "max": max(present),
    }


def simulate(scenario: Scenario, policy: str, runs: int, seed: int) -> dict[str, Any]:
    """Play ``runs`` games with ``policy`` in every seat; the ``--json`` object."""
    results = list(play_runs(scenario, policy, runs, seed))
    endings = Counter(r["ending"] for r in results)
    order = [e.id for e in scenario.endings]
    summary: dict[str, Any] = {
        d: _stats([r["scores"]["team"][d] for r in results]) for d in ("total", *DIMENSIONS[:3])
    }
    summary["endings"] = {e: endings[e] for e in order if endings[e]}
    summary["roles"] = {
        role: {d: _stats([r["scores"]["roles"][role][d] for r in results]) for d in DIMENSIONS}
        for role in scenario.roles_in_play
    }
    ratings: dict[str, dict[str, int]] = {}
    for o in scenario.objectives:
        c = Counter(r["objectives"][o.id] for r in results)
        ratings[o.id] = {k: c[k] for k in ("P", "S", "M", "U") if c[k]}
        if c[None]:
            ratings[o.id]["not rated"] = c[None]
    summary["objectives"] = ratings
    return {"scenario": scenario.id, "policy": policy, "runs": results, "summary": summary}


def _fmt(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}"


def table(scenario: Scenario, report: dict[str, Any]) -> str:
    """The readable summary of one policy's runs."""
    runs = report["runs"]
    n = len(runs)
    first, last = runs[0]["seed"], runs[-1]["seed"]
    games = ngettext("{n} game", "{n} games", n).format(n=n)
    heads = "".join(center(names.dimension(d), 20) for d in ("total", *DIMENSIONS[:3]))
    lines = [
        f"{scenario.title} ({scenario.id})",
        _("policy {policy}: {games}, seeds {first}–{last}").format(
            policy=report["policy"], games=games, first=first, last=last
        ),
        "",
        _("scores (mean / min / max)"),
        (f"{'':<22}" + heads).rstrip(),
    ]
    s = report["summary"]

    def cells(st: dict[str, float | None]) -> str:
        return f"{_fmt(st['mean']):>8}{_fmt(st['min']):>6}{_fmt(st['max']):>6}"

    def row(label: str, dims: dict[str, dict[str, float | None]]) -> str:
        return rpad(label, 20) + "".join(cells(dims[d]) for d in ("total", *DIMENSIONS[:3]))

    lines.append(row(pgettext("scores", "team"), s))
    for role, dims in s["roles"].items():
        lines.append(row(role, dims))
    lines += ["", _("endings")]
    titles = {e.id: e.title for e in scenario.endings}
    for e in scenario.endings:
        count = s["endings"].get(e.id, 0)
        lines.append(f"  {e.id:<24}{count:>6}{100 * count / n:>7.0f} %  {titles[e.id]}")
    if s["objectives"]:
        lines += ["", _("objectives (P / S / M / U)")]
        for oid, c in s["objectives"].items():
            counts = " / ".join(f"{c.get(k, 0):>3}" for k in ("P", "S", "M", "U"))
            extra = "  " + _("({n} not rated)").format(n=c["not rated"]) if "not rated" in c else ""
            lines.append(f"  {oid:<32}{counts}{extra}")
    return "\n".join(lines) + "\n"
