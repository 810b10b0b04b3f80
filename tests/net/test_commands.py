"""``crisis-sim host`` and ``crisis-sim join`` as people run them (127.0.0.1 only)."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time

import pytest

from game.net.client import Client
from game.net.textclient import TextSeat, safe
from game.terminal.screen import make_console

CODE = "ABC234"


@pytest.fixture
def host_process(tmp_path):
    env = {**os.environ, "CRISIS_SIM_DATA": str(tmp_path), "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "host", "tutorial", "--port", "0", "--console", "none",
         "--code", CODE, "--seat", "pr_specialist=bot:best"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    lines = []
    port = None
    end = time.monotonic() + 20
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        m = re.search(r"address  ws://127\.0\.0\.1:(\d+)", line)
        if m:
            port = int(m.group(1))
        if line.startswith("Serving;"):
            break
    assert port, "".join(lines) + proc.stderr.read()
    yield port, lines, proc
    proc.terminate()
    proc.wait(10)


def _join(port, *args):
    return subprocess.run(
        [sys.executable, "-m", "game", "join", f"127.0.0.1:{port}", *args],
        capture_output=True, text=True, timeout=30, input="",
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip


def test_host_prints_the_code_and_a_qr_code_and_admits_a_seat(host_process):
    port, lines, _ = host_process
    text = "".join(lines)
    assert f"join code  {CODE}" in text
    assert f"crisis-sim join 127.0.0.1:{port} --code {CODE}" in text
    assert "█" in text or "▀" in text  # the QR code
    c = Client(f"ws://127.0.0.1:{port}", seat="projector", code=CODE).start()
    try:
        assert c.welcomed.wait(10)
    finally:
        c.close()


def test_join_with_a_wrong_code_is_refused_clearly(host_process):
    port, _, _ = host_process
    done = _join(port, "--code", "WRONG9", "--text", "--name", "Ana")
    assert done.returncode == 1
    assert "wrong join code" in done.stdout
    assert "Traceback" not in done.stderr


def test_join_refuses_an_address_that_cannot_be_one():
    done = subprocess.run(
        [sys.executable, "-m", "game", "join", "127.0.0.1:99999", "--code", "X", "--text"],
        capture_output=True, text=True, timeout=30, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert done.returncode == 2
    assert "is not the address of a host" in done.stderr and "Traceback" not in done.stderr


def test_join_to_nothing_says_so_in_seconds_not_minutes():
    """A wrong address was retried 30 times (two minutes) before the player heard of it."""
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t0 = time.monotonic()
    done = _join(port, "--code", CODE, "--text", "--name", "Ana")
    assert time.monotonic() - t0 < 15
    assert done.returncode == 1
    assert "check the address and that the host is running" in done.stdout + done.stderr


def test_host_refuses_a_bad_seat_option_and_a_missing_scenario():
    done = subprocess.run(
        [sys.executable, "-m", "game", "host", "tutorial", "--seat", "crisis_manager=Ana"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 2 and "ROLE=bot:POLICY" in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "game", "host", "no-such-scenario"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 1 and "no scenario" in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "game", "host", "tutorial", "--cert", "only.pem"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 2 and "--cert and --key go together" in done.stderr


class FakeClient:
    def __init__(self):
        self.sent = []

    def send(self, message):
        self.sent.append(message)
        return True


def _seat(seat, view):
    out = io.StringIO()
    t = TextSeat(FakeClient(), make_console(file=out, width=100, no_color=True))
    t.receive({"type": "welcome", "seat": seat, "token": "t", "view": view, "events": []})
    return t, out


VIEW = {
    "lobby": False,
    "seat": "crisis_manager",
    "scenario": {"id": "x", "title": "X", "summary": "", "turns": 3},
    "turn": {"number": 1, "label": "Mon \x1b[31m07:30", "phase": "response"},
    "paused": False,
    "clock": 10,
    "finished": False,
    "metrics": [{"id": "m", "label": "Morale", "value": 50, "change": -5}],
    "injects": [{"id": "i", "headline": "Flood", "body": "Water", "channel": "email"}],
    "pending": [
        {"id": "d1", "role": "crisis_manager", "prompt": "What first?", "kind": "choice",
         "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], "items": [],
         "deadline": 90},
        {"id": "d2", "role": "crisis_manager", "prompt": "Order", "kind": "rank",
         "options": [], "items": [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}],
         "deadline": 90},
    ],
    "stakeholders": [{"id": "staff", "name": "Staff"}],
    "statements": [{"id": "s1", "text": "Hello"}],
    "channels": ["email"],
    "ended": False,
    "table": {"seats": []},
}  # fmt: skip


def test_a_player_types_numbers_and_the_client_sends_checked_actions():
    t, out = _seat("crisis_manager", VIEW)
    screen = out.getvalue()
    assert "What first?" in screen and "Morale 50 (-5)" in screen
    assert "(1:20 left)" in screen  # deadline 90 - clock 10
    assert "\x1b" not in screen and "\\x1b[31m07:30" in screen  # shown, not sent
    for line in ("2", "rank 2 1", "send 1 email 1", "say @pr_specialist hi there", "end", "9"):
        assert t.command(line)
    actions = [m.get("action") or m for m in t.client.sent]
    assert actions[0] == {"type": "answer", "role": "crisis_manager", "decision": "d1",
                          "option": "b"}  # fmt: skip
    assert actions[1]["order"] == ["y", "x"]
    assert actions[2] == {"type": "send_message", "role": "crisis_manager",
                          "stakeholders": ["staff"], "channel": "email",
                          "statements": ["s1"]}  # fmt: skip
    assert actions[3] == {"type": "chat", "text": "hi there", "to": "pr_specialist"}
    assert actions[4] == {"type": "end_turn", "role": "crisis_manager"}
    assert len(actions) == 5  # "9" is not an option: told, not sent
    assert "pick 1 to 2" in out.getvalue()
    assert not t.command("quit")


def test_the_facilitator_and_the_evaluator_commands():
    t, _ = _seat("facilitator", {**VIEW, "seat": "facilitator"})
    for line in ("start good", "pause", "extend d1 30", "skip d1",
                 "inject @pr_specialist Call | Body", "release t2-news",
                 "takeover crisis_manager", "empty crisis_manager best",
                 "endgame"):  # fmt: skip
        t.command(line)
    sent = t.client.sent
    assert sent[0] == {"type": "control", "command": "start", "policy": "good"}
    assert sent[2]["action"] == {"type": "extend_timer", "decision": "d1", "seconds": 30.0}
    assert sent[4]["action"] == {"type": "add_inject", "headline": "Call", "body": "Body",
                                 "to": ["pr_specialist"]}  # fmt: skip
    assert [m.get("command") for m in sent[5:]] == ["release", "take_over", "when_empty", "end"]
    o, _ = _seat(
        "observer", {**VIEW, "seat": "observer", "objectives": [{"id": "o1", "text": "T"}]}
    )
    o.command("rate 1 s Calm and clear")
    o.command("note Good start")
    assert o.client.sent == [
        {"type": "note", "text": "Calm and clear", "objective": "o1", "rating": "S"},
        {"type": "note", "text": "Good start"},
    ]


def test_safe_shows_control_characters_as_escapes():
    assert safe("a\x1b[2Jb\x07c\nd") == "a\\x1b[2Jb\\x07c\nd"


def test_number_zero_or_past_the_end_is_refused_not_the_last_item():
    """``items[int("0") - 1]`` was the last stakeholder, statement or rank item."""
    view = {**VIEW, "stakeholders": [{"id": "staff", "name": "Staff"},
                                     {"id": "press", "name": "Press"}]}  # fmt: skip
    t, out = _seat("crisis_manager", view)
    for line in ("send 0 email 1", "send 1 email 0", "send 3 email 1", "rank 0 1", "rank 1 3"):
        assert t.command(line)
    assert t.client.sent == []
    assert "number '0': pick 1 to 2" in out.getvalue() and "item '3': pick 1 to 2" in out.getvalue()


def test_a_player_is_told_the_seat_token_to_come_back_once():
    t, out = _seat("crisis_manager", VIEW)
    t.receive({"type": "welcome", "seat": "crisis_manager", "token": "t", "view": VIEW,
               "events": []})  # fmt: skip
    assert " ".join(out.getvalue().split()).count("--role crisis_manager --token t --text") == 1
    _, out = _seat("facilitator", {**VIEW, "seat": "facilitator"})
    assert "--token" not in out.getvalue()


def test_long_inject_bodies_are_shown_whole_and_reflowed_to_the_terminal():
    """The tutorial's "How to play" bodies were cut at 1,200 characters mid-word, and the
    YAML's hard line breaks (at ~100 columns) broke every line twice at 80 columns."""
    words = " ".join(f"word{n}" for n in range(400))
    body = "\n".join(words[i : i + 95] for i in range(0, len(words), 95)) + "\nTHE END."
    view = {**VIEW, "injects": [{"id": "i", "headline": "How to play", "body": body,
                                 "channel": "report"}]}  # fmt: skip
    _, out = _seat("crisis_manager", view)
    screen = out.getvalue()
    assert "THE END." in screen
    lines = [ln for ln in screen.splitlines() if "word" in ln]
    assert all(len(ln) > 80 for ln in lines[:-1]), "reflowed lines fill the 100-column console"


def test_chat_notes_and_injects_keep_apostrophes_and_quotes():
    """shlex read "Ana's and Bob's" as a quoted span and dropped both apostrophes."""
    t, _ = _seat("crisis_manager", VIEW)
    t.command("say Ana's and Bob's plan is \"fine\"")
    assert t.client.sent[-1] == {"type": "chat", "text": "Ana's and Bob's plan is \"fine\"",
                                 "to": None}  # fmt: skip
    f, _ = _seat("facilitator", {**VIEW, "seat": "facilitator"})
    f.command("inject The CEO's car | It's at Door 1")
    assert f.client.sent[-1]["action"]["headline"] == "The CEO's car"
    assert f.client.sent[-1]["action"]["body"] == "It's at Door 1"
    o, _ = _seat(
        "observer", {**VIEW, "seat": "observer", "objectives": [{"id": "o1", "text": "T"}]}
    )
    o.command("note Ana's call was fast")
    o.command("rate 1 p Bob's message's tone")
    assert [m["text"] for m in o.client.sent] == ["Ana's call was fast", "Bob's message's tone"]


def test_every_help_line_fits_an_80_column_terminal():
    """Lines of 80+ characters broke mid-phrase at 80 columns (the facilitator's ``inject``
    line was 87), and the short help repeated a whole command line plus "(help for all)"."""
    from game.net import textclient

    for text in (textclient.PLAYER_HELP, textclient.FACILITATOR_HELP, textclient.OBSERVER_HELP):
        assert max(len(line) for line in text.splitlines()) < 80, text
    for seat in ("crisis_manager", "facilitator", "observer"):
        _, out = _seat(seat, {**VIEW, "seat": seat})
        assert "Type `help` for the commands." in out.getvalue()


def test_status_shows_the_metrics_and_the_numbered_stakeholder_board():
    """The tutorial tells players to check the board with `status`; join --text answered
    "Unknown command 'status'"."""
    stakeholders = [
        {"id": "staff", "name": "Staff", "deadline_turn": 2, "required": True,
         "informed_turn": None, "complete": False, "overdue": True},
        {"id": "press", "name": "Press", "deadline_turn": 3, "required": True,
         "informed_turn": 1, "complete": True, "overdue": False},
        {"id": "ins", "name": "Insurer", "deadline_turn": 3, "required": False,
         "informed_turn": None, "complete": False, "overdue": False},
    ]  # fmt: skip
    t, out = _seat("crisis_manager", {**VIEW, "stakeholders": stakeholders,
                                      "waiting_for": ["pr_specialist"]})  # fmt: skip
    t.command("status")
    screen = out.getvalue()
    assert "Unknown command" not in screen
    assert "Morale 50 (-5)" in screen
    assert "1. Staff: by turn 2, not told yet, OVERDUE" in screen
    assert "2. Press: by turn 3, told everything (turn 1)" in screen
    assert "3. Insurer: by turn 3, not needed now" in screen
    assert "Waiting for: Public Relations Specialist" in screen
    lobby, out = _seat("crisis_manager", {"lobby": True, "scenario": {"title": "X"},
                                          "table": {"seats": []}})  # fmt: skip
    lobby.command("status")
    assert "has not started yet" in out.getvalue()


def test_a_host_that_stops_is_said_once_per_outage_not_at_every_retry():
    """A host restarted with --resume took a minute: the player's terminal got a line per try."""
    import queue
    import threading

    class Waiting(FakeClient):
        def __init__(self):
            super().__init__()
            self.inbox = queue.Queue()
            self.welcomed = threading.Event()

        def close(self):
            pass

    c = Waiting()
    gone = {"type": "connection", "state": "reconnecting", "message": "cannot reach the host"}
    back = {"type": "connection", "state": "connected", "message": ""}
    end = {"type": "connection", "state": "closed", "message": "bye"}
    for msg in (gone, gone, gone, back, gone, gone, end):
        c.inbox.put(msg)
    out = io.StringIO()
    TextSeat(c, make_console(file=out, width=100, no_color=True), stdin=io.StringIO()).run()
    assert out.getvalue().count("cannot reach the host") == 2
