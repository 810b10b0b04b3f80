"""Network exercise under load: N concurrent games of 7 clients on loopback (5 players, the
facilitator, the evaluator), each game hosted by a real ``crisis-sim host`` process, side by side
with a bare ``websockets`` broadcast-echo server under the same load.

    python bench/network.py [--games 20] [--seconds 20] [--runs 2] [--rate 1.0]

Measured, per run: the action-to-broadcast latency (a player sends an engine action, a
``send_message``; the clock stops when the facilitator's client receives the update that holds
the resulting ``message_sent`` event; for the echo server, when the facilitator's client receives
the echoed frame), p50 and p99 over every action; and each server process's CPU time (user +
system, from /proc) and resident memory, per game.  The CPU is read, for both servers alike,
over the measured window: from every game being able to write until the players stop; what the
servers spend afterwards, while 7 x N clients hang up, is printed apart and not counted (it is
no action's work).  Every player acts in a closed loop: it sends
its next action a random 0.5-1.5 s / rate after the previous one was broadcast.  Runs alternate
host and echo so both see the same machine.  Goals: p99 <= 50 ms; host CPU <= 2x the echo
server's.  Loopback only (127.0.0.1); every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = "BENCH2"
ROLES = ("crisis_manager", "infosec_analyst", "emergency_director", "pr_specialist",
         "reputation_head")  # fmt: skip
GOAL_P99_MS = 50.0
GOAL_CPU_RATIO = 2.0

# a bare websockets server: the first message names the group; every later message is sent to
# every connection of that group (the host's fan-out, without the game)
ECHO = """
import asyncio, sys
from websockets.asyncio.server import serve, broadcast
groups = {}
async def handler(ws):
    group = await ws.recv()
    members = groups.setdefault(group, set())
    members.add(ws)
    try:
        async for message in ws:
            broadcast(members, message)
    finally:
        members.discard(ws)
async def main():
    async with serve(handler, "127.0.0.1", 0, compression=None, max_size=1 << 20) as server:
        print("port", next(iter(server.sockets)).getsockname()[1], flush=True)
        await asyncio.Future()
asyncio.run(main())
"""


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        kib = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return kib / 1024


def spawn_host(data: str) -> tuple[subprocess.Popen[str], int, str]:
    env = {**os.environ, "CRISIS_SIM_DATA": data, "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "host", "data_breach", "--port", "0", "--console",
         "none", "--code", CODE, "--seed", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    port = key = None
    end = time.monotonic() + 60
    while (port is None or key is None) and time.monotonic() < end:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        if not line:
            break
        if m := re.search(r"address  ws://127\.0\.0\.1:(\d+)", line):
            port = int(m.group(1))
        if m := re.search(r"--role facilitator --code (\S+)", line):
            key = m.group(1)
    if port is None or key is None:
        proc.kill()
        raise SystemExit("bench: a host did not start")
    return proc, port, key


def spawn_echo() -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen([sys.executable, "-c", ECHO], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()  # type: ignore[union-attr]
    return proc, int(line.split()[1])


class Game:
    """One game's seven clients and the latencies they measured."""

    def __init__(self, port: int, key: str | None, echo: bool, group: int) -> None:
        self.url = f"ws://127.0.0.1:{port}"
        self.key = key
        self.echo = echo
        self.group = group
        self.sent: dict[str, float] = {}
        self.arrived: dict[str, asyncio.Event] = {r: asyncio.Event() for r in ROLES}
        self.latencies: list[float] = []
        self.views: dict[str, dict] = {}
        # every player is in a turn where it can write (the measured window may start)
        self.playing = asyncio.Event()
        self.players_ready = 0
        self.go: asyncio.Event | None = None  # set by drive() when the measured window starts

    async def connect(self, seat: str):  # type: ignore[no-untyped-def]
        from websockets.asyncio.client import connect

        ws = await connect(self.url, compression=None, max_size=16 << 20, open_timeout=30)
        if self.echo:
            await ws.send(f"game-{self.group}")
        else:
            hello = {"type": "hello", "protocol": 1, "seat": seat, "name": seat}
            hello.update({"token": self.key} if seat == "facilitator" else {"code": CODE})
            await ws.send(json.dumps(hello))
        return ws

    async def facilitator(self, ws, ready: asyncio.Event, stop: float) -> None:  # type: ignore[no-untyped-def]
        started = False
        view: dict = {}
        while time.monotonic() < stop:
            try:
                raw = await asyncio.wait_for(ws.recv(), max(0.01, stop - time.monotonic()))
            except TimeoutError:
                return
            now = time.perf_counter()
            msg = json.loads(raw)
            if self.echo:
                role = msg.get("action", {}).get("role")
                self._arrived(role, now)
                continue
            if msg.get("type") not in ("welcome", "update"):
                continue
            view.update(msg.get("view") or msg.get("changes") or {})
            if view.get("lobby"):
                if not started and all(s["name"] for s in view["table"]["seats"]):
                    started = True
                    await ws.send(json.dumps({"type": "control", "command": "start"}))
                continue
            ready.set()
            for e in msg["events"]:
                if e["type"] == "message_sent":
                    self._arrived(e["role"], now)

    def _arrived(self, role: str | None, now: float) -> None:
        if role in self.sent:
            self.latencies.append(now - self.sent.pop(role))
            self.arrived[role].set()

    async def player(self, ws, role: str, ready, stop: float, rate: float) -> None:  # type: ignore[no-untyped-def]
        view: dict = {}

        async def read() -> None:
            nonlocal view
            async for raw in ws:
                msg = json.loads(raw)
                if isinstance(msg, dict) and msg.get("type") in ("welcome", "update"):
                    view.update(msg.get("view") or msg.get("changes") or {})

        async def act(action: dict) -> None:
            await ws.send(json.dumps({"type": "action", "action": {"role": role, **action}}))

        async def reach_statements() -> None:
            """Nothing can be said in the first turn (statements open from turn 2): answer
            what is pending and end the turn until there is, outside the measured actions."""
            end = time.monotonic() + 60
            while not view.get("statements") and time.monotonic() < end:
                for p in list(view.get("pending") or []):
                    if p.get("options"):
                        await act({"type": "answer", "decision": p["id"],
                                   "option": p["options"][0]["id"]})  # fmt: skip
                    else:
                        await act({"type": "rank", "decision": p["id"],
                                   "order": [i["id"] for i in p["items"]]})  # fmt: skip
                await act({"type": "end_turn"})
                await asyncio.sleep(0.3)

        reader = asyncio.ensure_future(read())
        try:
            await asyncio.wait_for(ready.wait(), 60)
            if not self.echo:
                await reach_statements()
            self.players_ready += 1
            if self.players_ready == len(ROLES):
                self.playing.set()
            assert self.go is not None
            await self.go.wait()
            rng = random.Random(role)
            while time.monotonic() < stop:
                await asyncio.sleep(rng.uniform(0.5, 1.5) / rate)
                statements = view.get("statements") or [{"id": "x"}]
                stakeholders = view.get("stakeholders") or [{"id": "x"}]
                action = {"type": "send_message", "role": role, "channel": "phone",
                          "stakeholders": [stakeholders[0]["id"]],
                          "statements": [statements[0]["id"]]}  # fmt: skip
                self.arrived[role].clear()
                self.sent[role] = time.perf_counter()
                await ws.send(json.dumps({"type": "action", "action": action}))
                try:
                    await asyncio.wait_for(self.arrived[role].wait(), 5)
                except TimeoutError:
                    self.sent.pop(role, None)
        finally:
            reader.cancel()


async def drive(
    games: list[Game],
    seconds: float,
    rate: float,
    on_start: Callable[[], None],
    on_end: Callable[[], None],
) -> None:
    """Connect every client, let each game reach a turn where players can write, then call
    ``on_start`` (the CPU reading), measure for ``seconds``, call ``on_end`` (the second
    reading) and hang up."""
    stop = time.monotonic() + seconds + 150  # connecting may take a while under load
    go = asyncio.Event()
    tasks = []
    conns = []
    for g in games:
        ready = asyncio.Event()
        if g.echo:
            ready.set()
        fac = await g.connect("facilitator")
        obs = await g.connect("observer")
        players = [(r, await g.connect(r)) for r in ROLES]
        conns += [fac, obs] + [ws for _, ws in players]
        tasks.append(g.facilitator(fac, ready, stop))
        tasks += [g.player(ws, r, ready, stop, rate) for r, ws in players]
        tasks.append(_drain(obs, stop))
        g.go = go
    running = [asyncio.ensure_future(t) for t in tasks]
    # setting up (joining, the lobby, the first turn) is not measured
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*(g.playing.wait() for g in games)), 120)
    on_start()
    go.set()
    await asyncio.wait(running, timeout=seconds)
    on_end()
    for task in running:
        task.cancel()
    await asyncio.gather(*running, return_exceptions=True)
    for ws in conns:
        await ws.close()


async def _drain(ws, stop: float) -> None:  # type: ignore[no-untyped-def]
    try:
        async for _ in ws:
            if time.monotonic() > stop:
                return
    except Exception:
        return


def one_run(kind: str, n: int, seconds: float, rate: float) -> dict[str, float]:
    procs = []
    with tempfile.TemporaryDirectory() as data:
        if kind == "host":
            spawned = [spawn_host(data) for _ in range(n)]
            procs = [p for p, _, _ in spawned]
            games = [Game(port, key, False, i) for i, (_, port, key) in enumerate(spawned)]
        else:
            proc, port = spawn_echo()
            procs = [proc]
            games = [Game(port, None, True, i) for i in range(n)]
        start: list[float] = []
        end: list[float] = []

        def reading() -> tuple[float, float]:
            return sum(cpu_seconds(p.pid) for p in procs), time.monotonic()

        asyncio.run(drive(games, seconds, rate, lambda: start.extend(reading()),
                          lambda: end.extend(reading())))  # fmt: skip
        # the window: from every game able to write until the players stop (hanging up
        # 7 x N connections afterwards is no action's work, for either server)
        cpu = end[0] - start[0]
        wall = end[1] - start[1]
        hang_up = sum(cpu_seconds(p.pid) for p in procs) - end[0]
        mem = sum(rss_mib(p.pid) for p in procs)
        for p in procs:
            p.kill()
            p.wait()
    lat = sorted(x for g in games for x in g.latencies)
    if not lat:
        raise SystemExit(f"bench: no action was broadcast in the {kind} run")
    return {
        "actions": len(lat),
        "p50": statistics.median(lat) * 1000,
        "p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000,
        "cpu_per_game": cpu / n,
        "cpu_per_action_ms": cpu / len(lat) * 1000,
        "mem_per_game": mem / n,
        "wall": wall,
        "hang_up_ms_per_game": hang_up / n * 1000,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--games", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--rate", type=float, default=1.0, help="actions per player per second")
    args = ap.parse_args()
    if not 1 <= args.games <= 50 or not 1 <= args.seconds <= 120 or not 1 <= args.runs <= 5:
        ap.error("bounded: 1-50 games, 1-120 seconds, 1-5 runs")
    rows: dict[str, list[dict[str, float]]] = {"host": [], "echo": []}
    for run in range(args.runs):
        for kind in ("host", "echo"):
            r = one_run(kind, args.games, args.seconds, args.rate)
            rows[kind].append(r)
            print(
                f"run {run + 1} {kind:<4} actions {r['actions']:>5}  p50 {r['p50']:6.1f} ms  "
                f"p99 {r['p99']:6.1f} ms  cpu/game {r['cpu_per_game']:6.2f} s  "
                f"cpu/action {r['cpu_per_action_ms']:5.2f} ms  "
                f"mem/game {r['mem_per_game']:6.1f} MiB  "
                f"(hanging up, not counted: {r['hang_up_ms_per_game']:.0f} ms CPU/game)",
                flush=True,
            )

    def med(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in rows[kind])

    p99 = med("host", "p99")
    # CPU compared per action, so a run that got fewer actions through is not flattered
    ratio = med("host", "cpu_per_action_ms") / max(med("echo", "cpu_per_action_ms"), 1e-9)
    print(
        f"host p99 {p99:.1f} ms (goal <= {GOAL_P99_MS:g}): "
        + ("OK" if p99 <= GOAL_P99_MS else "MISSED")
    )
    print(
        f"host CPU per action {ratio:.1f}x the echo server's (goal <= {GOAL_CPU_RATIO:g}x): "
        + ("OK" if ratio <= GOAL_CPU_RATIO else "MISSED")
    )
    print(
        f"memory per game: host {med('host', 'mem_per_game'):.1f} MiB, "
        f"echo {med('echo', 'mem_per_game'):.1f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
