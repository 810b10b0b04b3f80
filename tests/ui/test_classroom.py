"""The class screen in the window, and the class name typed on the seats screen: a game played
under a class is recorded with it and shows up under Classes with its trainee."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.store import HistoryDB, record_finished_game
from tests.store.classroom import COHORT, classroom
from tests.ui.pilot import Pilot
from tests.ui.test_history import finish_game


def test_the_class_screen_lists_cohorts_then_one_card_per_trainee(
    pilot: Pilot, tmp_path: Path
) -> None:
    for result in classroom(str(tmp_path))[:10]:  # two rounds of five teams, version 1
        assert record_finished_game(result, data_dir=pilot.tmp / "data").ok
    pilot.letter("l")
    assert pilot.scene.name == "class"
    assert pilot.scene.job.wait(10)
    assert pilot.keys()[0] == "cohort-0"
    assert f"{COHORT}  ·  10 games" in pilot.texts()
    pilot.key(pygame.K_RETURN)
    assert pilot.scene.job.wait(10)
    pilot.step(2)
    text = pilot.texts()
    shown = pilot.keys()
    trainees = [k for k in shown if k.startswith("trainee-")]
    assert len(trainees) == 20
    assert "Trainee 01" in text and "2 games · " in text and "Weakest: " in text
    assert len([k for k in shown if k.startswith("team-")]) == 5
    pilot.key(pygame.K_ESCAPE)  # back to the cohorts
    assert pilot.scene.name == "class" and pilot.keys()[0] == "cohort-0"
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "title"


def test_a_class_typed_on_the_seats_screen_is_recorded_with_the_game(pilot: Pilot) -> None:
    from game.ui.scenes.seats import SeatsScene

    sc = pilot.app.load(str(Path(__file__).resolve().parents[2] / "scenarios/tutorial.yaml"))
    pilot.app.push(SeatsScene(pilot.app, sc.scenario))
    pilot.step(2)
    pilot.click("cohort")
    pilot.type("  Night\x07 shift ")
    pilot.scene.start()
    assert pilot.app.cohort == "Night shift"  # cleaned: control character and spaces
    finish_game(pilot, "Ana")
    assert pilot.scene.result.cohort == "Night shift"
    with HistoryDB.open(pilot.tmp / "data" / "history.sqlite3", create=False) as db:
        assert [g.cohort for g in db.games()] == ["Night shift"]


def test_the_hotwash_form_after_the_debrief_is_kept_with_the_game(pilot: Pilot) -> None:
    finish_game(pilot, "Ana")
    debrief = pilot.scene
    pilot.letter("f")
    assert pilot.scene.name == "feedback"
    pilot.click("well-0")
    pilot.type("Quick evacuation")
    pilot.click("conf-0-0-0-2")  # first objective, before: 2
    pilot.click("conf-0-0-1-4")  # after: 4
    pilot.click("notes")
    pilot.type("Discuss the press line")
    pilot.click("save")
    assert pilot.scene.job is not None and pilot.scene.job.wait(30)
    pilot.step(3)
    assert "Feedback saved with the result" in pilot.texts()
    (entry,) = debrief.result.feedback
    assert entry.player == "Ana" and entry.went_well == "Quick evacuation"
    assert (entry.confidence[0].before, entry.confidence[0].after) == (2, 4)
    assert debrief.result.facilitator_notes == "Discuss the press line"
    with HistoryDB.open(pilot.tmp / "data" / "history.sqlite3", create=False) as db:
        (game,) = db.games()
        stored = db.result(game.id)
    assert stored.feedback == debrief.result.feedback
    assert stored.facilitator_notes == "Discuss the press line"
    saved = Path(game.result_file).read_text("utf-8")
    assert '"went_well": "Quick evacuation"' in saved
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "debrief"


def test_saving_the_hotwash_with_s_is_confirmed_by_a_toast(pilot: Pilot) -> None:
    """The form's own "saved" line is at its foot, out of view while S is pressed: a toast says
    it where the person is looking (keyboard only: the first field has the focus, Esc leaves
    it, S saves)."""
    finish_game(pilot, "Ana")
    pilot.letter("f")
    assert pilot.scene.name == "feedback" and pilot.scene.typing
    pilot.type("Clear roles")
    pilot.key(pygame.K_ESCAPE)  # leave the field: letters are keys again
    assert pilot.scene.name == "feedback" and not pilot.scene.typing
    pilot.letter("s")
    assert pilot.scene.job is not None and pilot.scene.job.wait(30)
    pilot.step(3)
    assert any(t.startswith("Feedback saved with the result") for t in pilot.app.toasts.texts)


def test_the_class_screen_opened_on_this_sessions_class_goes_back_to_the_list(
    pilot: Pilot, tmp_path: Path
) -> None:
    """With a class typed on the seats screen, L opens that class; Esc went straight to the
    title, so the other classes could not be reached in the session."""
    for result in classroom(str(tmp_path))[:10]:
        assert record_finished_game(result, data_dir=pilot.tmp / "data").ok
    pilot.app.cohort = COHORT
    pilot.letter("l")
    assert pilot.scene.name == "class" and pilot.scene.cohort == COHORT
    assert pilot.scene.job.wait(10)
    pilot.step(2)
    shown = pilot.keys()
    assert any(k.startswith("trainee-") for k in shown)
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "class" and pilot.scene.cohort is None
    assert pilot.scene.job.wait(10)
    pilot.step(2)
    assert pilot.keys()[0] == "cohort-0"
    assert f"{COHORT}  ·  10 games" in pilot.texts()
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "title"


def test_the_hotwash_field_that_has_the_focus_is_in_view_at_200_percent(tmp_path: Path) -> None:
    """At 1024x640 and 200 % the introduction filled the form's view: the first field had the
    focus (typing went into it) but was below the view's edge."""
    import dataclasses

    small = Pilot(tmp_path, size=(1024, 640))
    try:
        app = small.app
        finish_game(small, "Ana")
        app.apply_settings(dataclasses.replace(app.settings, text_scale=200))
        small.letter("f")
        scene = small.scene
        assert scene.name == "feedback" and scene.typing
        focus = scene.ctx.focus
        view = scene.view_of(focus)
        assert focus.key == "well-0"
        assert view.scroll <= focus.rect.top
        assert focus.rect.bottom <= view.scroll + view.rect.height
    finally:
        small.close()
