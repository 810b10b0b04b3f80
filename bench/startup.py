"""Start-up of the real ``crisis-sim`` command against a bare pygame window: time to the first
frame and to the interactive title screen, and the peak memory at each.

Goals (ratios of medians to the bare window): first frame <= 1.3x, interactive title <= 1.6x,
both from byte code (an installed game) and from source (a fresh checkout: nothing compiled).

    python bench/startup.py [--runs 9]

Each measurement is a fresh process on the dummy video and audio drivers, timed from just
before it is spawned:

* bare: ``python -c "import pygame; display.init(); set_mode((1280, 720)); flip()"``;
* game: the ``crisis-sim`` console script installed next to this Python (no arguments: it opens
  the window on the title screen, like a player's first run), with a fresh data folder
  (``CRISIS_SIM_DATA``).

The game tells the benchmark when a frame is on screen through the descriptor named by
``CRISIS_SIM_STARTUP_FD`` (``game.ui.boot.startup_mark``: ``frame`` once the first frame is
flipped, ``title`` once ``App.begin`` returned and the next thing is input); the bare window
writes the same line.  Each line carries the process's peak resident memory so far (``VmHWM``).

"byte code": modules are compiled once (a warm-up run) into a private ``PYTHONPYCACHEPREFIX``
and read from there.  "source": every process gets an empty cache prefix and
``PYTHONDONTWRITEBYTECODE=1``, so the standard library, pygame and the game are all compiled
from source, for the bare window too.  Bare and game processes alternate, and the two modes
alternate too, so all four see the same machine; the verdict is on the medians.
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
GOALS = {"frame": 1.3, "title": 1.6}
FD_ENV = "CRISIS_SIM_STARTUP_FD"

BARE = """
import os
import pygame
pygame.display.init()
screen = pygame.display.set_mode((1280, 720))
pygame.display.flip()
with open("/proc/self/status") as f:
    kib = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
os.write(int(os.environ["CRISIS_SIM_STARTUP_FD"]), f"ready frame {kib}\\n".encode())
"""


def crisis_sim() -> str:
    """The console script of this environment (what ``pip install`` puts on the PATH)."""
    here = Path(sys.executable).parent / "crisis-sim"
    if not here.exists():
        sys.exit(f"bench/startup.py: no crisis-sim next to {sys.executable}; install the game")
    return str(here)


def once(cmd: list[str], env: dict[str, str], marks: int) -> dict[str, tuple[float, int]]:
    """{mark: (ms since spawn, peak RSS KiB)} for the first ``marks`` marks; then stop it."""
    r, w = os.pipe()
    env = dict(env, **{FD_ENV: str(w)})
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, pass_fds=(w,), stdout=subprocess.DEVNULL)
    os.close(w)
    out: dict[str, tuple[float, int]] = {}
    with os.fdopen(r, "rb", buffering=0) as pipe:
        buf = b""
        while len(out) < marks:
            chunk = pipe.read(256)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                _, what, kib = line.decode().split()
                out[what] = ((time.perf_counter() - t0) * 1000, int(kib))
    p.kill()
    p.wait()
    if len(out) < marks:
        sys.exit(f"bench/startup.py: {cmd[0]} exited before it showed {marks} frame(s)")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9, help="processes of each kind and mode")
    args = ap.parse_args()
    game_cmd = [crisis_sim()]
    bare_cmd = [sys.executable, "-c", BARE]
    base = dict(
        os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1"
    )
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    results: dict[str, dict[str, list[tuple[float, int]]]] = {
        mode: {"bare": [], "frame": [], "title": []} for mode in ("byte code", "source")
    }
    with tempfile.TemporaryDirectory() as tmp:
        warm = os.path.join(tmp, "pyc")
        data = os.path.join(tmp, "data")
        base["CRISIS_SIM_DATA"] = data  # a first run: no saves, no settings
        env_of = {"byte code": dict(base, PYTHONPYCACHEPREFIX=warm)}
        once(game_cmd, env_of["byte code"], 2)  # compile into the warm cache, fill the OS cache
        once(bare_cmd, env_of["byte code"], 1)
        for n in range(args.runs):
            modes = ("byte code", "source") if n % 2 == 0 else ("source", "byte code")
            for mode in modes:
                if mode == "source":
                    env = dict(
                        base,
                        PYTHONPYCACHEPREFIX=tempfile.mkdtemp(dir=tmp),
                        PYTHONDONTWRITEBYTECODE="1",
                    )
                else:
                    env = env_of[mode]
                pair = [("bare", bare_cmd, 1), ("game", game_cmd, 2)]
                if n % 2:
                    pair.reverse()
                for kind, cmd, marks in pair:
                    got = once(cmd, env, marks)
                    if kind == "bare":
                        results[mode]["bare"].append(got["frame"])
                    else:
                        results[mode]["frame"].append(got["frame"])
                        results[mode]["title"].append(got["title"])
    print(
        f"crisis-sim start-up vs a bare pygame window: medians of {args.runs} interleaved fresh "
        "processes (dummy drivers, 1280x720)"
    )
    ok = True
    for mode, res in results.items():
        bt = statistics.median(t for t, _ in res["bare"])
        bm = statistics.median(m for _, m in res["bare"]) / 1024
        print(f"  from {mode}:")
        print(f"    bare pygame window   : {bt:7.1f} ms   peak RSS {bm:6.1f} MiB")
        for what, label in (("frame", "first frame"), ("title", "interactive title")):
            gt = statistics.median(t for t, _ in res[what])
            gm = statistics.median(m for _, m in res[what]) / 1024
            goal = GOALS[what]
            good = gt / bt <= goal
            ok &= good
            print(
                f"    {label:21}: {gt:7.1f} ms   peak RSS {gm:6.1f} MiB   time {gt / bt:4.2f}x "
                f"(goal <= {goal}x) {'PASS' if good else 'FAIL'}   memory {gm / bm:4.2f}x"
            )
    print(f"verdict: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
