"""Start-up: process start to the first drawn frame of the title screen, and peak memory, each
as a ratio to a bare pygame window (``import pygame; set_mode; flip``).  Goals: <= 1.5x both.

    python bench/startup.py [--runs 7]

Every measurement is a fresh subprocess (dummy video and audio drivers) timed from just before
it is spawned until it prints that its first frame is on screen; the medians are compared.
Peak memory is the child's maximum resident set size at that moment.
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

BARE = """
import resource, pygame
pygame.display.init()
screen = pygame.display.set_mode((1280, 720))
pygame.display.flip()
print("ready", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""

# what ``crisis-sim play`` does: the first frame, then the app behind it
GAME = """
import resource, sys
sys.path.insert(0, sys.argv[1])
from game.ui.boot import open_window
screen = open_window((1280, 720))
print("ready", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
from game.ui.app import App, Options
app = App(Options(data_dir=sys.argv[2], size=(1280, 720)), screen)
app.first_frame()
print("ready", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def once(code: str, data: str) -> list[tuple[float, int]]:
    """(ms since spawn, peak RSS KiB) at each "ready" line the child prints."""
    env = dict(
        os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1"
    )
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
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as data:
        once(GAME, data)  # warm the file cache (and .pyc files) for both
        bare = [once(BARE, data)[0] for _ in range(args.runs)]
        game = [once(GAME, data) for _ in range(args.runs)]
    bt = statistics.median(t for t, _ in bare)
    bm = statistics.median(m for _, m in bare) / 1024
    print(f"median of {args.runs} fresh processes (dummy drivers, 1280x720)")
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
