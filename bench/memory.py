"""Peak memory of a whole demo game in the window against a bare pygame window.

Goal: the game's peak resident memory <= 1.5x the bare window's.

    python bench/memory.py [--runs 3] [--scenario data_breach]

Both are measured from outside, as ``/usr/bin/time -v`` does: the peak resident set size the
kernel reports for the finished child process (``wait4``'s ``ru_maxrss``).

* game: ``crisis-sim play --demo random SCENARIO`` — the real command: bots play every seat on the
  sped-up demo clock until the debrief, then the window closes (dummy drivers: a demo leaves once
  the debrief is shown);
* bare: a Python process that opens a 1280x720 pygame window, flips it for one second and exits.

Each run spawns both (alternating which goes first); the verdict is on the median ratio.
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

GOAL = 1.5

BARE = """
import time, pygame
pygame.display.init()
screen = pygame.display.set_mode((1280, 720))
end = time.monotonic() + 1
while time.monotonic() < end:
    pygame.event.pump()
    screen.fill((20, 26, 36))
    pygame.display.flip()
    time.sleep(1 / 60)
"""


def peak_kib(cmd: list[str], env: dict[str, str]) -> tuple[int, float, int]:
    """(peak RSS KiB, seconds, exit status) of ``cmd`` run to its end."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss, time.perf_counter() - t0, p.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scenario", default="data_breach")
    args = ap.parse_args()
    exe = Path(sys.executable).parent / "crisis-sim"
    env = dict(
        os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1"
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    games, bares, secs = [], [], []
    for n in range(args.runs):
        with tempfile.TemporaryDirectory() as data:
            game_cmd = [str(exe), "play", "--demo", "random", "--data-dir", data, args.scenario]
            order = [("game", game_cmd), ("bare", [sys.executable, "-c", BARE])]
            if n % 2:
                order.reverse()
            for kind, cmd in order:
                kib, took, code = peak_kib(cmd, env)
                if code != 0:
                    sys.exit(f"bench/memory.py: {kind} exited with {code}: {' '.join(cmd)}")
                (games if kind == "game" else bares).append(kib)
                if kind == "game":
                    secs.append(took)
    g, b = statistics.median(games) / 1024, statistics.median(bares) / 1024
    ratio = statistics.median(x / y for x, y in zip(games, bares, strict=True))
    print(
        f"peak resident memory, medians of {args.runs} runs (dummy drivers, ru_maxrss of the "
        "finished process)"
    )
    print(f"  bare pygame window            : {b:6.1f} MiB")
    print(
        f"  crisis-sim play --demo random {args.scenario}: {g:6.1f} MiB "
        f"(a whole game to the debrief, {statistics.median(secs):.1f} s)"
    )
    ok = ratio <= GOAL
    print(f"  ratio {ratio:4.2f}x (goal <= {GOAL}x): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
