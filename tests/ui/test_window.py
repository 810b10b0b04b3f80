"""The window's edges: files dropped on it, settings kept between runs, sound without a device,
closing mid-game and continuing, no display at all, and the demo run end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pygame

from game.engine import Seat
from game.store import recent_games
from game.ui.settings import Settings, load_settings
from game.ui.sound import Sounds
from tests.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def drop(pilot: Pilot, path: Path) -> None:
    pygame.event.post(pygame.event.Event(pygame.DROPFILE, file=str(path)))
    pilot.step(2)


def test_a_dropped_invalid_scenario_shows_its_diagnostics(pilot: Pilot) -> None:
    drop(pilot, ROOT / "tests" / "ui" / "data" / "broken.yaml")
    assert pilot.scene.name == "diagnostics"
    assert "line " in pilot.texts() and "error" in pilot.texts()
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "title"


def test_a_dropped_valid_scenario_goes_to_its_seats(pilot: Pilot) -> None:
    drop(pilot, TUTORIAL)
    assert pilot.scene.name == "seats"
    assert pilot.scene.scenario.id == "tutorial"


def test_settings_are_kept_as_json_in_the_data_folder(pilot: Pilot) -> None:
    pilot.letter("s")
    assert pilot.scene.name == "settings"
    pilot.click("scale-150")
    pilot.click("palette-okabe_ito")
    pilot.click("sound-off")
    saved = pilot.tmp / "data" / "settings.json"
    assert load_settings(saved) == Settings(text_scale=150, palette="okabe_ito", mute=True)
    assert json.loads(saved.read_text())["version"] == 1
    assert pilot.app.theme.scale == 150


def test_sound_never_fails_without_an_audio_device() -> None:
    s = Sounds(True, 50)
    for name in ("alarm", "notify", "tick", "unknown"):
        s.play(name)


def test_a_window_closed_mid_game_continues_where_it_stopped(tmp_path: Path) -> None:
    first = Pilot(tmp_path)
    app = first.app
    sc = app.load(str(TUTORIAL)).scenario
    app.start_game(
        sc,
        {
            r: Seat(r, player="Ana") if r == "crisis_manager" else Seat(r, bot="good")
            for r in sc.roles_in_play
        },
    )
    first.step(2)
    rank = app.match.session.pending("crisis_manager")[0]
    first.click(f"submit-{rank.id}")
    first.letter("e")
    turn, log = app.match.session.turn_number, len(app.match.session.log)
    assert turn == 2
    first.close()  # the window is closed: nothing else is saved on the way out

    second = Pilot(tmp_path)
    assert second.scene.name == "title"
    assert "Continue: Tutorial" in second.texts()
    second.letter("c")
    assert second.scene.name == "turn"
    s = second.app.match.session
    # nothing lost and nothing added: taking the seat again logs a Present only when it shows
    # a decision, and the crisis manager has none open in turn 2 (the table presents only then)
    assert not s.pending("crisis_manager")
    assert (s.turn_number, len(s.log)) == (turn, log)
    second.close()


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.update(extra)
    return env


def test_without_a_display_one_line_offers_the_terminal(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "game", "play", "--data-dir", str(tmp_path)],
        env=_env(SDL_VIDEODRIVER="no-such-driver", DISPLAY=""),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "crisis-sim play --text" in lines[0]


def test_demo_with_screenshots_runs_to_the_debrief_and_exits_0(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            str(TUTORIAL),
            "--demo",
            "best",
            "--screenshot-dir",
            str(shots),
            "--data-dir",
            str(tmp_path / "data"),
            "--db",
            str(tmp_path / "demo.sqlite3"),
            "--record-demo",
        ],
        env=_env(SDL_VIDEODRIVER="dummy"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    names = sorted(p.name for p in shots.iterdir())
    assert names[0].endswith("-turn.png") and names[-1].endswith("-debrief.png")
    # --record-demo keeps the demo game in the --db history (marked as a demo)
    games = recent_games(5, tmp_path / "demo.sqlite3", include_demo=True)
    assert [(g.scenario_id, g.demo) for g in games] == [("tutorial", True)]


def test_play_finds_a_shipped_scenario_by_name(tmp_path) -> None:
    """``crisis-sim play tutorial`` works as in the terminal mode: by file name or id."""
    import subprocess
    import sys

    from game.locations import find_scenario

    assert find_scenario("tutorial") == find_scenario("tutorial.yaml")
    assert find_scenario("data-breach") is not None  # the scenario id
    assert find_scenario("no-such-scenario") is None
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            "tutorial",
            "--demo",
            "best",
            "--screenshot-dir",
            str(tmp_path / "shots"),
            "--data-dir",
            str(tmp_path),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
