"""A host killed mid-exercise and started again with ``--resume``, as a facilitator would.

The player's client is left running through the crash: it reconnects by itself with its seat
token to the resumed host (same port, same code), finds the game paused where it stopped, and
the chat written before the crash is in the final record.  Without ``--resume`` a new host does
not replace the unfinished exercise.  127.0.0.1 only; every wait is bounded."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import time

from game.net.client import Client

CODE = "RSM234"
BOTS = ["--seat", "infosec_analyst=bot:good", "--seat", "emergency_director=bot:good",
        "--seat", "pr_specialist=bot:good", "--seat", "reputation_head=bot:good"]  # fmt: skip


def _host(tmp_path, *args):
    env = {**os.environ, "CRISIS_SIM_DATA": str(tmp_path), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.Popen(
        [sys.executable, "-m", "game", "host", "data_breach", "--console", "none", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        env=env,
    )  # fmt: skip


def _serving(proc) -> tuple[int, str, str]:
    """(port, facilitator key, printed text) once the host says it is serving."""
    lines = []
    end = time.monotonic() + 30
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Serving;"):
            break
    text = "".join(lines)
    port = re.search(r"ws://127\.0\.0\.1:(\d+)", text)
    key = re.search(r"--role facilitator --code (\S+)", text)
    assert port and key, text + proc.stderr.read()
    return int(port.group(1)), key.group(1), text


def _until(client: Client, pred, timeout: float = 30.0) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            msg = client.inbox.get(timeout=0.2)
        except queue.Empty:
            continue
        if pred(msg):
            return msg
    raise AssertionError("timed out")


def test_a_killed_host_resumes_and_its_players_reconnect_by_themselves(tmp_path):
    first = _host(tmp_path, "--port", "0", "--code", CODE, *BOTS)
    player = facilitator = None
    try:
        port, key, _ = _serving(first)
        url = f"ws://127.0.0.1:{port}"
        player = Client(url, code=CODE, seat="crisis_manager", name="Ana").start()
        assert player.welcomed.wait(10)
        facilitator = Client(url, seat="facilitator", token=key, name="Fay").start()
        assert facilitator.welcomed.wait(10)
        facilitator.send({"type": "control", "command": "start"})
        _until(player, lambda m: m["type"] == "update" and m["view"].get("turn"))
        player.send({"type": "chat", "text": "Bridge call at 10:00"})
        _until(facilitator, lambda m: any(e.get("type") == "chat" for e in m.get("events", ())))
        facilitator.close()
        time.sleep(0.5)  # the journal's writer thread has the chat line on disk
        first.send_signal(signal.SIGKILL)  # a crash: no flush, no goodbye
        first.wait(10)

        again = _host(tmp_path, *BOTS)
        _, err = again.communicate(timeout=30)
        assert again.returncode == 1
        assert "unfinished game" in err and "--resume" in err

        resumed = _host(tmp_path, "--resume")
        try:
            port2, key2, text = _serving(resumed)
            assert (port2, key2) == (port, key)  # same address and facilitator key
            assert f"join code  {CODE}" in text and "Resumed" in text
            back = _until(player, lambda m: m["type"] == "welcome", timeout=40)
            assert back["view"]["paused"] is True
            assert back["seat"] == "crisis_manager"
            facilitator = Client(url, seat="facilitator", token=key, name="Fay").start()
            assert facilitator.welcomed.wait(10)
            facilitator.send({"type": "control", "command": "end"})
            done = _until(facilitator, lambda m: m["type"] == "result")
            chat = done["result"]["exercise"]["chat"]
            assert [c["text"] for c in chat] == ["Bridge call at 10:00"]
        finally:
            resumed.terminate()
            resumed.wait(10)
    finally:
        for c in (player, facilitator):
            if c is not None:
                c.close()
        if first.poll() is None:
            first.kill()
            first.wait(10)


def test_resume_and_replace_save_together_are_refused(tmp_path):
    both = _host(tmp_path, "--resume", "--replace-save")
    _, err = both.communicate(timeout=30)
    assert both.returncode == 2 and "give one of them" in err
