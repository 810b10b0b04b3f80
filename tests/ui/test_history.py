"""The results history in the window: games recorded at the debrief with the players' previous
bests, the history screen (empty, listing, damaged database), a scenario check from the select
screen, and scenario files reloaded when they change on disk."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.engine import Seat
from game.scoring.wording import score
from game.store import recent_games
from game.ui import app as app_module
from tests.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def finish_game(pilot: Pilot, player: str) -> None:
    """``player`` is the Crisis Manager of a tutorial game (bots elsewhere) and lets every
    clock run out: the quickest way to the debrief, which then records the game."""
    app = pilot.app
    sc = app.load(str(TUTORIAL)).scenario
    seats = {
        r: Seat(r, player=player) if r == "crisis_manager" else Seat(r, bot="good")
        for r in sc.roles_in_play
    }
    app.start_game(sc, seats)
    pilot.step(2)
    for _ in range(20):
        if pilot.scene.name == "debrief":
            break
        pilot.wait(400)
        pilot.letter("e")
    assert pilot.scene.name == "debrief"
    assert pilot.scene.job.wait(15)
    pilot.step(2)


def test_a_second_game_shows_the_players_previous_best(pilot: Pilot) -> None:
    finish_game(pilot, "Ana")
    first = pilot.scene.result.scores.roles["crisis_manager"].total
    assert pilot.scene.best_labels == {"Crisis Manager · Ana": "Your first game in this role here"}
    pilot.letter("t")
    finish_game(pilot, "ana ")  # names match trimmed and case-folded
    (label,) = pilot.scene.best_labels.values()
    assert label.startswith(f"Your best before: {score(first)} (")
    assert pilot.scene.recorded.outcome.game_id == 2


def test_the_history_screen_lists_recent_games_and_goes_back(pilot: Pilot) -> None:
    pilot.letter("h")
    assert pilot.scene.name == "history"
    assert pilot.scene.job.wait(10)
    assert "No games recorded yet." in pilot.texts()
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "title"

    finish_game(pilot, "Ana")
    played = pilot.scene.result
    own = score(played.scores.players["Ana"].total)
    team = score(played.scores.team.total)
    pilot.letter("t")
    pilot.letter("h")
    assert pilot.scene.job.wait(10)
    text = pilot.texts()
    assert "Tutorial: The Monday Morning Flood" in text
    assert f"Ana (Crisis Manager) {own} · 4 bots" in text  # the player's own total
    assert f"\n{team}\nteam" in text  # and the team's
    assert "Ending" in text
    assert pilot.keys()[0] == "game-1"  # rows take the focus: the keyboard walks the list

    pilot.key(pygame.K_RETURN)  # an entry opens its debrief, from the stored result
    assert pilot.scene.name == "debrief"
    assert pilot.scene.match is None and pilot.scene.job is None  # not recorded again
    assert score(pilot.scene.result.scores.team.total) == team
    assert "again" not in list(pilot.keys())
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "history"
    assert len(recent_games(10, data_dir=pilot.tmp / "data", include_demo=True)) == 1
    pilot.key(pygame.K_DOWN)
    assert pilot.scene.ctx.focus.key == "back"
    pilot.key(pygame.K_RETURN)
    assert pilot.scene.name == "title"


def test_a_damaged_history_database_shows_the_stores_message(pilot: Pilot) -> None:
    (pilot.tmp / "data").mkdir(exist_ok=True)
    (pilot.tmp / "data" / "history.sqlite3").write_bytes(b"not a database " * 100)
    pilot.letter("h")
    assert pilot.scene.job.wait(10)
    text = pilot.texts()
    assert "The results history cannot be read" in text
    assert "is damaged or is not a database" in text


def test_a_damaged_database_at_the_debrief_still_saves_the_json(pilot: Pilot) -> None:
    (pilot.tmp / "data").mkdir(exist_ok=True)
    (pilot.tmp / "data" / "history.sqlite3").write_bytes(b"not a database " * 100)
    finish_game(pilot, "Ana")
    rec = pilot.scene.recorded
    assert rec.outcome.db_error and rec.outcome.json_path.is_file()
    assert rec.best_error  # no "best before" from a database that cannot be read
    assert pilot.scene.best_labels == {}
    text = pilot.texts()
    assert "The results history has a problem" in text
    assert f"Result saved to {rec.outcome.json_path}, but not added to the history" in text


def test_checking_a_scenario_shows_the_same_report_as_the_command(pilot: Pilot) -> None:
    pilot.letter("p")
    path = next(p for p in pilot.app.scenario_files if p.endswith("tutorial.yaml"))
    pilot.click("check-tutorial")
    assert pilot.scene.name == "check"
    assert pilot.scene.running and "Bots are playing this scenario" in pilot.texts()
    cli = subprocess.run(
        [sys.executable, "-m", "game", "check", path],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert pilot.scene.job.wait(60)
    pilot.step(2)
    report = pilot.scene.report
    assert report.loaded and report.text == cli.stdout
    shown = next(w for v in pilot.scene.views for w in v.widgets() if w.key == "report")
    assert "\n".join(line for line, _ in shown.lines) + "\n" == cli.stdout
    pilot.key(pygame.K_PAGEDOWN)
    assert pilot.scene.views[0].scroll > 0
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "select"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scenarios folder of our own in place of the shipped one."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(TUTORIAL, folder / "tutorial.yaml")
    monkeypatch.setattr(
        app_module, "shipped_scenarios", lambda: sorted(folder.glob("*.yaml")), raising=True
    )
    return folder


def rescan(pilot: Pilot) -> None:
    pilot.step(int(60 * 1.1))  # the select screen looks at the files about once a second


def test_scenario_files_reload_while_the_select_screen_is_open(
    tmp_path: Path, folder: Path
) -> None:
    pilot = Pilot(tmp_path)
    try:
        pilot.letter("p")
        assert "Tutorial: The Monday Morning Flood" in pilot.texts()
        file = folder / "tutorial.yaml"
        text = file.read_text(encoding="utf-8")

        file.write_text(text.replace("The Monday Morning Flood", "The Tuesday Leak"), "utf-8")
        rescan(pilot)
        assert "Tutorial: The Tuesday Leak" in pilot.texts()
        assert "Monday Morning Flood" not in pilot.texts()

        file.write_text(text.replace("turns:", "turns: [oops", 1), "utf-8")  # invalid YAML
        rescan(pilot)
        assert pilot.scene.name == "select"
        shown = pilot.texts()
        assert "This file has 1 error and cannot be played" in shown
        assert "line " in shown
        pilot.click(f"diag-{file}")
        assert pilot.scene.name == "diagnostics"
        pilot.key(pygame.K_ESCAPE)

        shutil.copy(ROOT / "scenarios" / "fire.yaml", folder / "fire.yaml")  # a new file
        rescan(pilot)
        assert "Night Shift: Fire at the Harrow Sparks" in pilot.texts()
    finally:
        pilot.close()


def test_recent_games_are_read_from_the_db_flag(tmp_path: Path) -> None:
    db = tmp_path / "elsewhere.sqlite3"
    pilot = Pilot(tmp_path, db=str(db))
    try:
        finish_game(pilot, "Ana")
    finally:
        pilot.close()
    assert [g.players[0] for g in recent_games(5, db)] == ["Ana"]
    assert not (tmp_path / "data" / "history.sqlite3").exists()


def test_a_demo_game_is_not_recorded_unless_asked(tmp_path: Path) -> None:
    pilot = Pilot(tmp_path / "a", demo="best")
    try:
        for _ in range(30):
            if pilot.scene.name == "debrief":
                break
            pilot.wait(400)
        assert pilot.scene.job.wait(15)
        pilot.step(2)
        assert pilot.scene.recorded.outcome.skipped
        assert "Demo game: not recorded in the history." in pilot.texts()
        assert recent_games(5, data_dir=tmp_path / "a" / "data", include_demo=True) == []
    finally:
        pilot.close()


def test_a_new_player_is_offered_the_tutorial_scenario_first(pilot: Pilot) -> None:
    assert pilot.scene.name == "title"
    assert "New here? Start with the tutorial scenario" in pilot.texts()
    pilot.letter("n")
    assert pilot.scene.name == "seats"
    assert pilot.scene.scenario.id == "tutorial"


def test_a_returning_player_is_not_offered_the_tutorial_first(pilot: Pilot) -> None:
    finish_game(pilot, "Ana")
    pilot.letter("t")  # the debrief's "Title screen"
    assert pilot.scene.name == "title"
    assert "New here?" not in pilot.texts()
