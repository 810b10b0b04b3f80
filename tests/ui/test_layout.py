"""Every screen at the smallest window (1024x640) and the largest text (200 %), in both
palettes: nothing is laid out wider than its view (long text wraps, tall content scrolls)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.engine import Seat
from game.engine.bots import play_game
from game.ui.match import Match
from game.ui.scenes.check import CheckScene
from game.ui.scenes.compose import ComposeScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.diagnostics import DiagnosticsScene
from game.ui.scenes.handover import HandOverScene
from game.ui.scenes.history import HistoryScene
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.select import SelectScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.tutorial import TutorialScene
from game.ui.settings import Settings
from tests.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = str(ROOT / "scenarios" / "data_breach.yaml")


def _check(pilot: Pilot) -> None:
    pilot.step(2)
    scene = pilot.scene
    for view in scene.views:
        for w in view.widgets():
            assert w.rect.right <= view.rect.width, (scene.name, view.name, w.key, w.rect)
            assert w.rect.left >= 0, (scene.name, view.name, w.key)
    pilot.app.screenshot(scene.name)


@pytest.mark.parametrize(
    ("size", "scale", "palette"),
    [((1024, 640), 200, "okabe_ito"), ((1024, 640), 100, "default"), ((1280, 720), 150, "default")],
)
def test_every_screen_fits_and_wraps(tmp_path: Path, size, scale, palette) -> None:
    os.environ["CRISIS_UI_SHOTS"] = str(tmp_path / "shots")
    pilot = Pilot(tmp_path, size=size)
    try:
        app = pilot.app
        app.apply_settings(Settings(text_scale=scale, palette=palette))
        _check(pilot)  # title
        for scene in (SettingsScene(app), TutorialScene(app), SelectScene(app)):
            app.push(scene)
            _check(pilot)
        sc = app.load(SCENARIO).scenario
        pilot.scene.choose(sc)
        _check(pilot)  # seats
        pilot.click("start")
        _check(pilot)  # briefing
        seats = {r: Seat(r, player=f"P{i}") for i, r in enumerate(sc.roles_in_play)}
        app.start_game(sc, seats)
        _check(pilot)  # hand-over
        assert pilot.scene.name == "handover"
        pilot.click("go")
        _check(pilot)  # turn
        m = app.match
        app.push(ComposeScene(app, m, m.active, pilot.scene))
        _check(pilot)
        app.pop()
        app.push(PauseScene(app, m))
        _check(pilot)
        app.reset(HandOverScene(app, m, m.humans[1]))
        _check(pilot)
        done = play_game(sc, "random", seed=3)
        app.reset(DebriefScene(app, Match(done)))
        _check(pilot)
        bad = app.load(str(ROOT / "tests" / "ui" / "data" / "broken.yaml"))
        app.push(DiagnosticsScene(app, bad))
        _check(pilot)
        app.push(HistoryScene(app))
        pilot.step()
        assert pilot.scene.job.wait(10)
        _check(pilot)
        app.push(CheckScene(app, str(ROOT / "scenarios" / "tutorial.yaml"), sc.title))
        _check(pilot)  # checking…
        assert pilot.scene.job.wait(30)
        _check(pilot)  # the report
    finally:
        pilot.close()
        os.environ.pop("CRISIS_UI_SHOTS", None)


@pytest.mark.parametrize("size", [(1280, 720), (1024, 640)])
def test_the_hand_over_shows_both_buttons_at_200_percent(tmp_path: Path, size) -> None:
    """The hand-over box started a quarter down the window whatever the text size, so at 200 %
    its Pause button was below the window's edge; it now moves up to fit."""
    pilot = Pilot(tmp_path, size=size)
    try:
        app = pilot.app
        app.apply_settings(Settings(text_scale=200))
        sc = app.load(str(ROOT / "scenarios" / "fire.yaml")).scenario
        seats = {
            r: Seat(r, player=f"P{i}") if i < 2 else Seat(r, bot="good")
            for i, r in enumerate(sc.roles_in_play)
        }
        app.start_game(sc, seats)
        pilot.step(2)
        assert pilot.scene.name == "handover"
        (view,) = pilot.scene.views
        assert view.max_scroll == 0 and view.rect.bottom <= size[1]
        for key in ("go", "pause"):
            button = pilot.widget(key)
            assert button.rect.bottom <= view.rect.height, (key, button.rect, view.rect)
    finally:
        pilot.close()
