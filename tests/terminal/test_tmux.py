"""Play in a real 80x24 terminal (tmux) as a person would: keys in, screen out.

Skipped when tmux is not installed.  The game runs on real time here, so the test waits for
what the screen shows rather than sleeping blindly; the only deliberate wait is the 8-second
decision that is left to time out.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.terminal.helpers import MINI, ROOT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    """One detached tmux session on a private server socket, 80 columns by 24 rows."""

    def __init__(self, command: str, tmp: Path) -> None:
        self.tmp = tmp
        self.socket = f"crisis-test-{os.getpid()}-{time.monotonic_ns()}"
        self.env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}
        self.env.pop("NO_COLOR", None)
        self.tmux("new-session", "-d", "-s", "game", "-x", "80", "-y", "24", f"{command}; sleep 60")

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=True,
            timeout=10,
        ).stdout

    def screen(self, history: bool = False) -> str:
        extra = ["-S", "-500"] if history else []
        return self.tmux("capture-pane", "-p", "-t", "game", *extra)

    def wait_for(self, pattern: str, timeout: float = 15.0, history: bool = False) -> str:
        """The screen once ``pattern`` (a regex, matched across wrapped lines) shows on it."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen(history)
            if re.search(pattern, " ".join(shown.split())):
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{pattern!r} did not appear; the screen shows:\n{shown}")
            time.sleep(0.1)

    def wait_for_change(self, before: str, timeout: float = 15.0) -> None:
        """Until the screen differs from ``before`` (a page turned), so a stale prompt still
        on the screen is never answered twice."""
        deadline = time.monotonic() + timeout
        while self.screen() == before:
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen did not change:\n{before}")
            time.sleep(0.05)

    def type(self, text: str) -> None:
        if text:
            self.tmux("send-keys", "-t", "game", "-l", text)  # -l: "end" is not the End key
        self.tmux("send-keys", "-t", "game", "Enter")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


@pytest.fixture
def game(tmp_path):
    command = " ".join(
        shlex.quote(x)
        for x in (
            sys.executable,
            "-m",
            "game.terminal",
            str(MINI),
            "--seat",
            "crisis_manager=Ana",
            "--seat",
            "pr_specialist=王芳",
            "--data-dir",
            str(tmp_path),
        )
    )
    t = Tmux(f"cd {shlex.quote(str(ROOT))} && {command}; echo EXIT=$?", tmp_path)
    try:
        yield t
    finally:
        t.close()


def test_a_hot_seat_game_in_an_80x24_terminal(game):
    game.wait_for(r"Press Enter to start turn 1 ›")
    game.type("")
    game.wait_for(r"Pass to the Crisis Manager \(Ana\) — press Enter when ready")
    game.type("")
    shown = game.wait_for(r"\[\d+s\] evacuate ›")
    assert "Smoke in the kitchen 厨房冒烟" in shown
    # the countdown ticks while nobody types
    first = int(re.findall(r"\[(\d+)s\] evacuate", shown)[-1])
    later = game.wait_for(rf"\[(?!{first}s)\d+s\] evacuate ›")
    assert int(re.findall(r"\[(\d+)s\] evacuate", later)[-1]) < first
    game.type("evacuate-now")
    game.wait_for(r"Crisis Manager answered evacuate: Evacuate and call the fire brigade")
    game.type("send staff via email: facts")
    shown = game.wait_for(r"All staff informed\.")
    assert "“There was a small fire in the kitchen; nobody was hurt.”" in shown
    game.type("end")
    game.wait_for(r"Pass to the Public Relations Specialist \(王芳\) — press Enter when ready")
    game.type("")
    # nobody answers: the 8-second timer runs out and the screen says what was applied
    shown = game.wait_for(r"TIME UP on holding-line", timeout=20)
    assert "the default was applied: No comment" in " ".join(shown.split())
    game.type("send media via phone: facts, update")
    game.wait_for(r"本地媒体 \(local media\) informed\.")
    game.type("end")
    game.wait_for(r"Pass to the Crisis Manager \(Ana\)")
    game.type("")
    game.wait_for(r"priorities ›")
    game.type("people press insurer")
    game.wait_for(r"Crisis Manager ranked priorities")
    game.type("end")
    game.wait_for(r"Pass to the Public Relations Specialist")
    game.type("")
    game.wait_for(r"Public Relations Specialist ›")
    game.type("end")
    # the debrief is longer than 24 lines: it is paged, so every part of it is read on the
    # screen itself (no scrollback), one screenful at a time
    pages = []
    for _ in range(400):
        shown = game.wait_for(
            r"Fill in the hotwash feedback form now\? \[y/N\] ›|-- more: Enter for the next page"
        )
        # what the game waits for is on the last line: an earlier page's "-- more" may still
        # be on the screen above a short last page
        last = [line for line in shown.splitlines() if line.strip()][-1]
        if "-- more" not in last and "Fill in the hotwash" not in last:
            time.sleep(0.05)  # the prompt is still being drawn
            continue
        pages.append(shown)
        if "Fill in the hotwash" in last:
            break
        game.type("")
        game.wait_for_change(shown)
    # the hotwash after the debrief: each person's feedback form, then the facilitator
    game.type("y")
    game.wait_for(r"Feedback from Ana")
    for person, answers in (
        ("Ana", ("Fast evacuation", "Tell media sooner")),
        ("王芳", ("", "练习")),
    ):
        game.wait_for(r"What went well\? ›")
        game.type(answers[0])
        game.wait_for(r"What should be improved\? ›")
        game.type(answers[1])
        game.wait_for(r"Keep people safe 保证安全”, before and after")
        game.type("2 4" if person == "Ana" else "9")  # 9 is out of the scale: asked again
        if person != "Ana":
            game.wait_for(r"one or two numbers from 1 to 5")
            game.type("3")
        game.wait_for(r"Tell staff and media”, before and after")
        game.type("")
    game.wait_for(r"Facilitator's notes \(Enter for none\) ›")
    game.type("Good debate on the media line")
    shown = game.wait_for(r"EXIT=0", history=True)
    assert "Hotwash: 2 forms kept with the result." in " ".join(shown.split())
    results = list((game.tmp / "results").glob("*.json"))
    assert len(results) == 1
    saved = json.loads(results[0].read_text("utf-8"))
    assert saved["facilitator_notes"] == "Good debate on the media line"
    assert saved["feedback"] == [
        {"player": "Ana", "went_well": "Fast evacuation", "to_improve": "Tell media sooner",
         "confidence": [{"objective": "obj-safe", "before": 2, "after": 4}]},
        {"player": "王芳", "went_well": "", "to_improve": "练习",
         "confidence": [{"objective": "obj-safe", "before": 3, "after": None}]},
    ]  # fmt: skip
    flat = " ".join(" ".join(pages).split())
    assert len(pages) >= 2
    assert "Debrief" in flat and "Scores (0–100)" in flat
    assert "Objectives (HSEEP)" in flat
    for line in "\n".join(pages).splitlines():
        if line.startswith("│"):
            assert line.endswith("│"), line  # wide characters did not push the border out


def test_at_80x24_the_turn_s_messages_are_read_before_any_clock_starts(tmp_path):
    fire = ROOT / "scenarios" / "fire.yaml"
    argv = [sys.executable, "-m", "game.terminal", str(fire), "--seat", "crisis_manager=Ana"]
    command = " ".join(shlex.quote(x) for x in [*argv, "--data-dir", str(tmp_path)])
    t = Tmux(f"cd {shlex.quote(str(ROOT))} && {command}; echo EXIT=$?", tmp_path)
    try:
        t.wait_for(r"-- more: Enter for the next page, q for the rest --")  # the briefing
        t.type("q")
        t.wait_for(r"Press Enter to start turn 1 ›")
        t.type("")
        shown = t.wait_for(r"Enter: your decisions \(their clocks start then\) ›")
        assert "Evacuation roster excludes agency temps" in shown  # still on screen
        assert "left" not in shown  # no decision, no clock yet
        t.type("")
        shown = t.wait_for(r"\[\d+:\d+\] exits-and-drill ›")
        assert "1:15 left" in shown or "1:14 left" in shown
        t.type("quit")
        t.wait_for(r"EXIT=0")
    finally:
        t.close()


def test_compose_with_no_statement_yet_asks_nothing(tmp_path):
    """Fire's first turn has no statement: compose asked for recipients and a channel, then
    showed an empty table and asked for statement numbers that did not exist."""
    command = " ".join(
        shlex.quote(x)
        for x in (sys.executable, "-m", "game.terminal", str(ROOT / "scenarios" / "fire.yaml"),
                  "--seat", "crisis_manager=Ana", "--bots", "best", "--data-dir", str(tmp_path))
    )  # fmt: skip
    t = Tmux(f"cd {shlex.quote(str(ROOT))} && {command}; echo EXIT=$?", tmp_path)
    try:
        deadline = time.monotonic() + 60
        while True:  # through the briefing pages and the first decision to the command prompt
            assert time.monotonic() < deadline, t.screen()
            shown = t.screen()
            last = ([ln for ln in shown.splitlines() if ln.strip()] or [""])[-1].rstrip(" ▏")
            if last.endswith("Crisis Manager ›"):
                break
            if "-- more" in last:
                t.type("q")
            elif last.endswith("exits-and-drill ›"):
                t.type("3")
            elif last.endswith("›"):
                t.type("")
            else:
                time.sleep(0.1)
                continue
            t.wait_for_change(shown, timeout=5)
        t.type("compose")
        shown = t.wait_for(r"No statement can be sent yet")
        assert "To (numbers" not in shown and "Channel ›" not in shown
        t.wait_for(r"No statement can be sent yet.*Crisis Manager ›\s*\S?\s*$")
    finally:
        t.close()
