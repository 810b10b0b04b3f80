"""Terminal escape sequences in a scenario or a player name never reach the terminal (#13).

A scenario once retitled the tmux pane (``ESC ] 0 ;``) and wrote the clipboard (``ESC ] 52``)
through ``play --text``: every piece of text now shows control characters as escapes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.table import Table
from rich.text import Text  # rich's own: the console must make even that safe

from game.terminal.screen import make_console

from .helpers import MINI, MINI_GAME, run_in_process

TITLE_CHANGE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;ZWNobyBoaQ==\x1b\\"


def _hostile_mini(tmp_path: Path) -> Path:
    text = MINI.read_text(encoding="utf-8")
    text = text.replace('title: "Mini drill 小型演练"', 'title: "Mini \\e]0;pwned\\a drill"')
    text = text.replace(
        "summary: A tiny exercise used by the terminal-mode tests.",
        'summary: "A [bold]tiny[/bold] exercise \\e]52;c;ZWNobyBoaQ==\\e\\\\ \\x9b2J"',
    )
    assert text != MINI.read_text(encoding="utf-8")
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F]


def test_scenario_text_and_names_are_shown_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    script = MINI_GAME.read_text(encoding="utf-8").replace("Ana", "Ana\x1b[2J\x1b]0;x\x07")
    code, out, err = run_in_process(
        monkeypatch, capsys, script, _hostile_mini(tmp_path), tmp_path, no_color=True
    )
    assert code == 0, err
    assert _controls(out) == [] and _controls(err) == []
    assert "Mini \\x1b]0;pwned" in out
    assert "A [bold]tiny[/bold] exercise \\x1b]52;c;" in out  # markup printed as written
    assert "\\x9b2J" in out
    assert "Ana\\x1b[2J" in out


def test_styled_console_keeps_its_own_styles_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    buf = io.StringIO()
    console = make_console(file=buf, width=60)
    console.print(Text.assemble(("Title " + TITLE_CHANGE, "bold"), (CLIPBOARD, "red")))
    table = Table()
    table.add_column("who")
    table.add_row("Eve" + TITLE_CHANGE)
    console.print(table)
    out = buf.getvalue()
    # rich's own SGR sequences stay; no OSC (ESC ]) and no 8-bit control is sent.
    assert "\x1b]" not in out and "\x07" not in out and "\x9b" not in out
    assert "\x1b[1m" in out  # bold is still drawn
    assert "Title \\x1b]0;pwned" in out and "\\x1b]52;c;" in out
    assert "Eve\\x1b]0;pwned\\x07" in out  # measured escaped: the whole cell is shown
