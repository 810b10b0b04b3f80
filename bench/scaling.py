"""Benchmark: does loading and playing a scenario grow linearly with its size?

Builds scenarios 1x, 2x, 4x, 8x and 16x the size of a shipped one (default: data_breach, the
largest) by chaining copies of it: copy ``c`` adds its turns after the previous copy's, and its own
decisions, injects, statements, events, stakeholders, flags and objectives (ids suffixed, its
conditions and deadlines renamed and shifted to its turns); the metrics and endings are shared.
So an Nx scenario has N times the turns *and* N times the statements and events — the shape
under which a per-turn scan of every statement or event condition makes a game quadratic.

For each size it times, interleaved over several rounds (the machine is shared; medians):

* ``load_scenario(path)`` — read, parse, check and lint the file;
* ``play_game(scenario, "random", seed)`` — a whole game with bots in every seat (the path of
  ``crisis-sim simulate`` and of the bots in the window), scoring not included.

and prints each doubling's ratio.  Goal: every doubling costs at most 2.2x (linear, with a
little room for noise).  The verdict is taken on the medians.

    .venv/bin/python bench/scaling.py [--rounds N] [--games N] [--scenario PATH]
"""

from __future__ import annotations

import argparse
import copy
import math
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine.bots import play_game  # noqa: E402
from game.scenario import load_scenario  # noqa: E402

GOAL = 2.2
SIZES = (1, 2, 4, 8, 16)

_FLAG = re.compile(r"\bflags\.([a-z][a-z0-9_]*)")
_CALL = re.compile(r"\b(chose|informed)\s*\(\s*([a-z0-9][a-z0-9-]*)")
_TURN = re.compile(r"\bturn\s*(>=|<=|==|!=|>|<)\s*(\d+)")


def _cond(text: str, tag: str, shift: int) -> str:
    text = _FLAG.sub(lambda m: f"flags.{m.group(1)}_{tag.replace('-', '_')}", text)
    text = _CALL.sub(lambda m: f"{m.group(1)}({m.group(2)}-{tag}", text)
    return _TURN.sub(lambda m: f"turn {m.group(1)} {int(m.group(2)) + shift}", text)


def replicate(data: dict[str, Any], copies: int) -> dict[str, Any]:
    """``data`` (a scenario as plain YAML data) chained ``copies`` times (see the docstring)."""
    if copies == 1:
        return copy.deepcopy(data)
    out = copy.deepcopy(data)
    n_turns = len(data["turns"])
    for key in ("flags", "statements", "turns", "events", "objectives"):
        out[key] = []
    out["stakeholders"] = {}
    for c in range(copies):
        tag, shift = f"x{c}", c * n_turns

        def flag(f: str, tag: str = tag) -> str:
            return f"{f}_{tag}"

        def ident(i: str, tag: str = tag) -> str:
            return f"{i}-{tag}"

        def cond(t: str, tag: str = tag, shift: int = shift) -> str:
            return _cond(t, tag, shift)

        def thing(x: dict[str, Any], tag: str = tag, shift: int = shift) -> dict[str, Any]:
            x = copy.deepcopy(x)
            if "id" in x:
                x["id"] = f"{x['id']}-{tag}"
            if "when" in x:
                x["when"] = _cond(x["when"], tag, shift)
            for k in ("set", "clear"):
                if k in x:
                    x[k] = [f"{f}_{tag}" for f in x[k]]
            return x

        out["flags"] += [flag(f) for f in data.get("flags", [])]
        for sid, s in data.get("stakeholders", {}).items():
            s = copy.deepcopy(s)
            if "inform_by" in s:
                s["inform_by"] += shift
            if "required_when" in s:
                s["required_when"] = cond(s["required_when"])
            out["stakeholders"][ident(sid)] = s
        for st in data.get("statements", []):
            st = thing(st)
            if "contradicts" in st:
                st["contradicts"] = [ident(i) for i in st["contradicts"]]
            out["statements"].append(st)
        for t in data["turns"]:
            t = copy.deepcopy(t)
            t["injects"] = [thing(i) for i in t.get("injects", [])]
            decisions = []
            for d in t.get("decisions", []):
                d = thing(d)
                d["options"] = [thing(o) | {"id": o["id"]} for o in d.get("options", [])]
                if not d["options"]:
                    del d["options"]
                decisions.append(d)
            t["decisions"] = decisions
            out["turns"].append(t)
        out["events"] += [thing(e) for e in data.get("events", [])]
        for o in data.get("objectives", []):
            o = copy.deepcopy(o)
            o["id"] = ident(o["id"])
            o["measures"] = [ident(m) for m in o["measures"]]
            out["objectives"].append(o)
    out["endings"] = [
        {**e, "when": _cond(e["when"], "x0", 0)} if "when" in e else e for e in data["endings"]
    ]
    out["estimated_minutes"] = data.get("estimated_minutes", 60) * copies
    return out


def build(source: Path, folder: Path) -> dict[int, Path]:
    data = yaml.safe_load(source.read_text("utf-8"))
    paths = {}
    for k in SIZES:
        path = folder / f"x{k}.yaml"
        path.write_text(yaml.safe_dump(replicate(data, k), allow_unicode=True, width=100))
        paths[k] = path
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scenario", default=str(ROOT / "scenarios" / "data_breach.yaml"))
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    ap.add_argument(
        "--games",
        type=int,
        default=2,
        help="games of the 16x scenario per round (smaller "
        "sizes play proportionally more, so every size is timed over about the same time)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = build(Path(args.scenario), Path(tmp))
        scenarios = {}
        for k, p in paths.items():
            r = load_scenario(p)
            if r.scenario is None:
                print(f"x{k}: does not load:", *(d.format() for d in r.errors[:5]), sep="\n  ")
                return 2
            scenarios[k] = r.scenario
        load_t: dict[int, list[float]] = {k: [] for k in SIZES}
        play_t: dict[int, list[float]] = {k: [] for k in SIZES}
        for rnd in range(args.rounds):
            for k in SIZES if rnd % 2 == 0 else reversed(SIZES):
                loads = max(1, 4 // k)
                t0 = time.perf_counter()
                for _ in range(loads):
                    load_scenario(paths[k])
                load_t[k].append((time.perf_counter() - t0) / loads)
                games = args.games * (SIZES[-1] // k)
                t0 = time.perf_counter()
                for seed in range(games):
                    play_game(scenarios[k], "random", seed=seed)
                play_t[k].append((time.perf_counter() - t0) / games)
    print(
        f"scaling of {Path(args.scenario).name} (turns, statements, events x1..x16); "
        f"{args.rounds} interleaved rounds; per doubling: ratio of medians (of bests)"
    )
    print(f"{'size':>5} {'turns':>6} {'load ms':>9} {'ratio':>13} {'play ms':>9} {'ratio':>13}")
    worst_best = 0.0
    for k in SIZES:
        cells = []
        for times in (load_t, play_t):
            med = statistics.median(times[k])
            ratio = ""
            if k > 1:
                a = med / statistics.median(times[k // 2])
                b = min(times[k]) / min(times[k // 2])
                worst_best = max(worst_best, b)
                ratio = f"{a:.2f}x ({b:.2f}x)"
            cells.append(f"{med * 1e3:>9.1f} {ratio:>13}")
        print(f"{'x' + str(k):>5} {len(scenarios[k].turns):>6} " + " ".join(cells))
    fits = {name: _per_doubling(t) for name, t in (("load", load_t), ("play", play_t))}
    ok = all(f <= GOAL for f in fits.values()) and worst_best <= GOAL
    print(
        "growth per doubling, fitted over all sizes (medians): "
        + ", ".join(f"{n} {f:.2f}x" for n, f in fits.items())
        + f"; worst single doubling of the best times: {worst_best:.2f}x"
    )
    print(f"goal: every doubling <= {GOAL}x (linear): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


def _per_doubling(times: dict[int, list[float]]) -> float:
    """2 ** (slope of log2(median time) against log2(size)), least squares over every size:
    one noisy size moves it much less than it moves a single ratio."""
    xs = [math.log2(k) for k in SIZES]
    ys = [math.log2(statistics.median(times[k])) for k in SIZES]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    return 2**slope


if __name__ == "__main__":
    sys.exit(main())
