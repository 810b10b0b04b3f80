"""Frame times of a live game on the busiest turn of every shipped scenario, interleaved with a
bare fill+flip loop in the same window.

Goals (dummy video driver): p99 <= 8 ms, and p50 <= 3x the bare loop's p50.  The same run under
Xvfb (the X11 driver, as a desktop player has it) is reported beside it, when Xvfb is installed.

    python bench/frames.py [--rounds 3] [--frames 240] [--no-xvfb]

What a frame is: ``App.step`` — input, ``Match.tick`` (due timeouts, bots acting on the clock),
the scene's update (a rebuild whenever the game changed) and draw, then the flip.  The game is
live: the clock advances 1/60 s per frame so countdowns run and time out, the bot seats act when
their thinking time is up, the seated player (played by the ``good`` bot) acts every 20th frame
(answers, rankings, messages, ending the turn: each rebuilds the screen), and every action
autosaves through the background writer into a real file.  When the game leaves the busiest turn
it is put back there (a replay of the log up to it, not timed).

Interleaving: 20 game frames, then 20 bare frames, and so on, in one process; each scenario
runs ``--frames`` of each kind per round, in a fresh process per round.  The window keeps the
game's picture between its frames (``Scene.draw``), and nothing else draws on it in play: so the
picture is set aside before each block of bare frames and put back after it, untimed.  p50 and
p99 are taken per round over all scenarios' frames; the verdict is on the medians of the rounds.

Each frame is timed twice: wall time, and the CPU time of the frame's thread (``thread_time``;
the save writer's thread is not the frame's).  On a machine shared with other work, wall time
also counts the moments the process waited for a core, which a frame does not cost; the verdict
is on CPU time, and wall time is printed beside it (on a quiet machine the two agree).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_P99_MS = 8.0
GOAL_P50_RATIO = 3.0
BLOCK = 20

CHILD = r"""
import json, os, random, sys, tempfile, time
sys.path.insert(0, sys.argv[1])
import pygame
from game.engine import ManualClock, Seat, Session
from game.engine.bots import Bot
from game.engine.savewriter import SaveWriter
from game.locations import shipped_scenarios
from game.scenario import load_scenario
from game.ui.app import App, Options
from game.ui.match import Match
from game.ui.scenes.turn import TurnScene

frames, block = int(sys.argv[2]), int(sys.argv[3])
data = tempfile.mkdtemp()
clock = ManualClock()
app = App(Options(data_dir=data, clock=clock, size=(1280, 720)))
app.running = True
screen = app.screen

def busiest(sc):
    # the turn, and the role, with the most decisions; ties: the later turn
    best = None
    for n, t in enumerate(sc.turns, 1):
        for r in sc.roles_in_play:
            k = (sum(d.role == r for d in t.decisions) * 10 + len(t.injects), n)
            if best is None or k > best[0]:
                best = (k, n, r)
    return best[1], best[2]

def reach(sc, turn, role):
    seats = {r: Seat(r, bot="random") for r in sc.roles_in_play}
    seats[role] = Seat(role, player="Bench")
    s = Session.new(sc, seats, seed=1, clock=ManualClock())
    m = Match(s)
    me = Bot("good", random.Random(1))
    while s.turn_number < turn and not s.finished:
        if m.active is None and not s.has_ended(role):
            m.take_seat(role)
        a = me.act(s, role)
        if a is None or not m.apply(a):
            s.clock.advance(1)
        m.tick()
    return seats, [e for e in s.log]

def start(sc, seats, log, role, path):
    s = Session.replay(sc, seats, 1, log, clock=clock)
    s.attach_save(SaveWriter(path, background=True))
    m = app.match = Match(s)
    m.take_seat(role)
    app.reset(TurnScene(app, m, role))
    return s, m

def bare_frame():
    pygame.event.pump()
    screen.fill((20, 26, 36))
    pygame.display.flip()

def bare_block(frames, wall, cpu):
    # The game's picture stays on the window from frame to frame (only what was painted over
    # it is put back), as nothing else draws there when people play: the bare frames fill the
    # same window, so the picture is set aside before them and put back after, untimed.
    shown = screen.copy()
    for _ in range(frames):
        t, c = time.perf_counter(), time.thread_time()
        bare_frame()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.thread_time() - c) * 1000)
    screen.blit(shown, (0, 0))

out = {}
for path in shipped_scenarios():
    sc = load_scenario(path).scenario
    turn, role = busiest(sc)
    seats, log = reach(sc, turn, role)
    save = os.path.join(data, sc.id + ".jsonl")
    s, m = start(sc, seats, log, role, save)
    me = Bot("good", random.Random(2))
    game_t, bare_t, game_c, bare_c = [], [], [], []
    for _ in range(15):  # warm up: fonts, caches
        app.step(1 / 60); bare_block(1, [], [])
    n = 0
    while len(game_t) < frames:
        for _ in range(block):
            if s.finished or s.turn_number != turn:
                s.flush_save()
                s, m = start(sc, seats, log, role, save)
            t, c = time.perf_counter(), time.thread_time()
            pygame.event.pump()
            if n % 20 == 19 and not s.has_ended(role):
                a = me.act(s, role)
                if a is not None:
                    m.apply(a)
            app.step(1 / 60)
            game_t.append((time.perf_counter() - t) * 1000)
            game_c.append((time.thread_time() - c) * 1000)
            clock.advance(1 / 60)
            n += 1
        bare_block(block, bare_t, bare_c)
    s.flush_save()
    out[sc.id] = {"turn": turn, "role": role, "game": game_t, "bare": bare_t,
                  "game_cpu": game_c, "bare_cpu": bare_c,
                  "actions": len(s.log), "injects": len(s.visible_injects(role))}
print(json.dumps(out))
"""


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, round(p / 100 * (len(v) - 1)))]


def run_round(frames: int, env: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), str(frames), str(BLOCK)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        sys.exit(f"bench/frames.py: the game process failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


@contextlib.contextmanager
def xvfb(display: int):
    """An Xvfb server on ``:display`` for the duration (None if Xvfb is not installed)."""
    exe = shutil.which("Xvfb")
    if exe is None:
        yield None
        return
    proc = subprocess.Popen(
        [exe, f":{display}", "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    try:
        yield f":{display}" if proc.poll() is None else None
    finally:
        proc.terminate()
        proc.wait()


def _stats(rounds: list[dict], ids: list[str], kind: str) -> tuple[float, float]:
    """(p50, p99) of one kind of frame over all scenarios: the median over the rounds."""
    p50 = statistics.median(statistics.median([x for i in ids for x in r[i][kind]]) for r in rounds)
    p99 = statistics.median(pct([x for i in ids for x in r[i][kind]], 99) for r in rounds)
    return p50, p99


def report(name: str, rounds: list[dict], clock: str) -> bool:
    """Print one driver's table; True when its goals are met on ``clock`` ("wall" or "cpu")."""
    ids = list(rounds[0])
    print(f"  {name}:")
    for sid in ids:
        first = rounds[0][sid]
        g50, g99 = _stats(rounds, [sid], "game")
        c50, c99 = _stats(rounds, [sid], "game_cpu")
        print(
            f"    {sid:16} turn {first['turn']:>2} as {first['role']:19} wall p50 {g50:5.2f} "
            f"p99 {g99:5.2f} ms; cpu p50 {c50:5.2f} p99 {c99:5.2f} ms"
        )
    ok = True
    for label, game, bare in (("wall", "game", "bare"), ("cpu", "game_cpu", "bare_cpu")):
        p50, p99 = _stats(rounds, ids, game)
        b50, b99 = _stats(rounds, ids, bare)
        met = p99 <= GOAL_P99_MS and p50 / b50 <= GOAL_P50_RATIO
        verdict = ("PASS" if met else "FAIL") if label == clock else "(reported)"
        if label == clock:
            ok = met
        print(
            f"    all, {label:4} time: game p50 {p50:5.2f} ms p99 {p99:5.2f} ms; bare p50 "
            f"{b50:5.2f} ms p99 {b99:5.2f} ms; p99 {p99:5.2f} ms (goal <= {GOAL_P99_MS}), p50 "
            f"{p50 / b50:4.2f}x bare (goal <= {GOAL_P50_RATIO}x) {verdict}"
        )
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="fresh processes per driver")
    ap.add_argument("--frames", type=int, default=240, help="game frames per scenario per round")
    ap.add_argument("--no-xvfb", action="store_true", help="only the dummy driver")
    ap.add_argument("--display", type=int, default=45, help="Xvfb display number")
    args = ap.parse_args()
    base = dict(os.environ, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    dummy = dict(base, SDL_VIDEODRIVER="dummy")
    with xvfb(args.display) if not args.no_xvfb else contextlib.nullcontext(None) as display:
        x11 = dict(base, SDL_VIDEODRIVER="x11", DISPLAY=display) if display else None
        runs: dict[str, list[dict]] = {"dummy": [], "xvfb": []}
        for _ in range(args.rounds):  # the drivers alternate too
            runs["dummy"].append(run_round(args.frames, dummy))
            if x11 is not None:
                runs["xvfb"].append(run_round(args.frames, x11))
    print(
        f"live game on the busiest turn of each shipped scenario, 1280x720, {args.frames} game "
        f"frames + {args.frames} bare frames per scenario and round, blocks of {BLOCK}, "
        f"{args.rounds} rounds (medians)"
    )
    ok = report("dummy driver (verdict on CPU time)", runs["dummy"], "cpu")
    if runs["xvfb"]:
        report("Xvfb, x11 driver (reported)", runs["xvfb"], "none")
    else:
        print("  Xvfb: not run")
    print(f"verdict: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
