"""Start-up: process start to the first drawn frame, and to the interactive title screen, with
the peak memory at each, as ratios to a bare pygame window (``import pygame; set_mode; flip``).
Goals: <= 1.5x for both time and memory.

    python bench/startup.py [--runs 9] [--source]

Every measurement is a fresh subprocess (dummy video and audio drivers) timed from just before
it is spawned until it prints that a frame is on screen: the first frame (the title band of
``game.ui.boot``), then the interactive title screen (``App.begin()`` returned: the title is
drawn and the next thing the loop does is take input).  Bare and game processes alternate, so
both see the same machine state; the medians are compared.  Peak memory is the child's high
water mark of resident memory (``VmHWM``; ``ru_maxrss`` where /proc is missing) at that moment.

Python modules are byte-compiled once (the warm-up run) into a private cache, as an installed
game's are; ``--source`` compiles the game's modules from source in every process instead (what
a checkout run with ``PYTHONDONTWRITEBYTECODE=1`` pays; the stdlib and pygame are compiled in
both cases).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# the child's peak resident memory in KiB (prints "ready <KiB>")
PEAK = """
def ready():
    try:
        with open("/proc/self/status") as f:
            kib = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        import resource
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("ready", kib, flush=True)
"""

BARE = (
    PEAK
    + """
import pygame
pygame.display.init()
screen = pygame.display.set_mode((1280, 720))
pygame.display.flip()
ready()
"""
)

# what ``crisis-sim play`` does: the first frame, then the app behind it
GAME = (
    PEAK
    + """
import sys
sys.path.insert(0, sys.argv[1])
from game.ui.boot import open_window
screen = open_window((1280, 720))
ready()
from game.ui.app import App, Options
app = App(Options(data_dir=sys.argv[2], size=(1280, 720)), screen)
app.begin()
assert app.top.name == "title", app.top
ready()
"""
)


def once(code: str, data: str, env: dict[str, str]) -> list[tuple[float, int]]:
    """(ms since spawn, peak RSS KiB) at each "ready" line the child prints."""
    t0 = time.perf_counter()
    p = subprocess.Popen(
        [sys.executable, "-c", code, str(ROOT), data], env=env, stdout=subprocess.PIPE, text=True
    )
    out = []
    for line in p.stdout or ():
        elapsed = time.perf_counter() - t0
        word, rss = line.split()
        assert word == "ready", line
        out.append((elapsed * 1000, int(rss)))
    p.wait()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument(
        "--source", action="store_true", help="compile the game's modules in every process"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as pyc:
        env = dict(
            os.environ,
            SDL_VIDEODRIVER="dummy",
            SDL_AUDIODRIVER="dummy",
            PYGAME_HIDE_SUPPORT_PROMPT="1",
        )
        if args.source:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = pyc  # byte-compiled once, outside the checkout
        once(GAME, data, env)  # warm the file cache (and the .pyc files) for both
        bare, game = [], []
        for _ in range(args.runs):  # alternate, so both see the same machine state
            bare.append(once(BARE, data, env)[0])
            game.append(once(GAME, data, env))
    bt = statistics.median(t for t, _ in bare)
    bm = statistics.median(m for _, m in bare) / 1024
    how = "game modules compiled from source" if args.source else "byte-compiled modules"
    print(f"median of {args.runs} fresh processes each (dummy drivers, 1280x720, {how})")
    print(f"  bare pygame window      : {bt:7.1f} ms   peak RSS {bm:6.1f} MiB")
    for i, what in enumerate(("first frame (title band)", "interactive title screen")):
        gt = statistics.median(g[i][0] for g in game)
        gm = statistics.median(g[i][1] for g in game) / 1024
        print(
            f"  {what:24}: {gt:7.1f} ms   peak RSS {gm:6.1f} MiB   "
            f"ratio {gt / bt:5.2f}x time, {gm / bm:4.2f}x memory (goals <= 1.5x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
