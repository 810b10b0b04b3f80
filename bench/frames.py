"""Frame time of the busiest turn screen at 1280x720 (dummy video driver), beside a bare
fill+flip loop in the same run.  Goal: p99 <= 8 ms.

    python bench/frames.py [--frames 600]

Runs in a subprocess with SDL_VIDEODRIVER=dummy so the numbers do not depend on a monitor's
refresh rate.  The busy screen: the ransomware scenario in turn 5, the Crisis Manager seated with
a pending decision and its countdown running, every inject so far in the feed, every metric and
stakeholder on the board.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, random, sys, tempfile, time
sys.path.insert(0, sys.argv[1])
import pygame
from game.engine import ManualClock, Seat, Session
from game.engine.bots import Bot
from game.scenario import load_scenario
from game.ui.app import App, Options
from game.ui.match import Match
from game.ui.scenes.turn import TurnScene

frames = int(sys.argv[2])
sc = load_scenario(os.path.join(sys.argv[1], "scenarios", "data_breach.yaml")).scenario
clock = ManualClock()
app = App(Options(data_dir=tempfile.mkdtemp(), clock=clock, size=(1280, 720)))
seats = {r: Seat(r, bot="random") for r in sc.roles_in_play}
seats["crisis_manager"] = Seat("crisis_manager", player="Bench")
s = Session.new(sc, seats, seed=1, clock=clock)
m = app.match = Match(s)
me = Bot("good", random.Random(1))
while s.turn_number < 5:
    if m.active is None and not s.has_ended("crisis_manager"):
        m.take_seat("crisis_manager")
    a = me.act(s, "crisis_manager")
    if a is None or not m.apply(a):
        clock.advance(1)
    m.tick()
m.take_seat("crisis_manager")
app.reset(TurnScene(app, m, "crisis_manager"))
app.running = True

def measure(step):
    for _ in range(30):
        step()
    out = []
    for _ in range(frames):
        t = time.perf_counter()
        step()
        out.append((time.perf_counter() - t) * 1000)
        clock.advance(1 / 60)
    return out

def game_frame():
    pygame.event.pump()
    app.step(1 / 60)

screen = app.screen
def bare_frame():
    pygame.event.pump()
    screen.fill((20, 26, 36))
    pygame.display.flip()

assert app.top.name == "turn" and s.pending("crisis_manager"), "not the busy screen"
game = measure(game_frame)
bare = measure(bare_frame)
widgets = sum(1 for v in app.top.views for _ in v.widgets())
print(json.dumps({"game": game, "bare": bare, "widgets": widgets,
                  "injects": len(s.visible_injects("crisis_manager"))}))
"""


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, round(p / 100 * (len(v) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=600)
    args = ap.parse_args()
    env = dict(
        os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1"
    )
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), str(args.frames)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    g, b = data["game"], data["bare"]
    gm, gp = statistics.median(g), pct(g, 99)
    bm, bp = statistics.median(b), pct(b, 99)
    print(
        f"busiest turn screen ({data['widgets']} widgets, {data['injects']} injects), "
        f"1280x720, {args.frames} frames"
    )
    print(f"  game : median {gm:6.2f} ms   p99 {gp:6.2f} ms")
    print(f"  bare : median {bm:6.2f} ms   p99 {bp:6.2f} ms   (fill + flip)")
    print(
        f"  ratio: median {gm / bm:5.1f}x   p99 {gp / bp:5.1f}x   goal p99 <= 8 ms: "
        f"{'met' if gp <= 8 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
