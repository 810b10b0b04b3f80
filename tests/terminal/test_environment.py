"""Terminal mode runs without pygame and honours NO_COLOR and --no-color."""

from __future__ import annotations

import re

from tests.terminal.helpers import MINI, MINI_GAME, run_subprocess

#: SGR sequences that set a colour (foreground 30–37, 90–97, 38;…; background 40–47, 100–107, 48;…).
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")

BLOCK_PYGAME = "sys.modules['pygame'] = None  # any import of pygame now fails"


def test_a_whole_game_runs_with_pygame_unavailable(tmp_path):
    prelude = (
        BLOCK_PYGAME
        + "\nimport atexit\n"
        + "atexit.register(lambda: print('PYGAME-LOADED' if any("
        + "m == 'pygame' or m.startswith('pygame.') for m, v in sys.modules.items() "
        + "if v is not None) else 'NO-PYGAME', file=sys.stderr))"
    )
    proc = run_subprocess(
        MINI_GAME.read_bytes(), [str(MINI), "--data-dir", str(tmp_path)], prelude=prelude
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr.decode().strip() == "NO-PYGAME"
    assert "Debrief" in proc.stdout.decode()


def test_terminal_modules_do_not_import_pygame():
    prelude = BLOCK_PYGAME + (
        "\nimport game.terminal, game.terminal.app, game.terminal.reader, game.terminal.screen,"
        " game.terminal.debrief, game.terminal.commands, game.terminal.source,"
        " game.terminal.narrate\n"
        "print('ok')\nsys.exit(0)"
    )
    proc = run_subprocess("", [], prelude=prelude)
    assert (proc.returncode, proc.stdout.strip()) == (0, b"ok"), proc.stderr.decode()


def _play(tmp_path, env, *extra):
    proc = run_subprocess(
        MINI_GAME.read_bytes(), [str(MINI), "--data-dir", str(tmp_path), *extra], env=env
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout.decode()


def test_colour_is_used_when_forced(tmp_path):
    assert COLOUR.search(_play(tmp_path, {"FORCE_COLOR": "1"}))


def test_no_color_environment_variable_turns_colour_off(tmp_path):
    out = _play(tmp_path, {"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not COLOUR.search(out)
    assert "Debrief" in out


def test_no_color_option_turns_colour_off(tmp_path):
    out = _play(tmp_path, {"FORCE_COLOR": "1"}, "--no-color")
    assert not COLOUR.search(out)
