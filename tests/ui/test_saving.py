"""The window and its save: a failing autosave is shown at once and never called saved; a new
game never replaces an unfinished save without the player's say."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import Seat, savewriter
from game.engine.saves import autosave_path, read_save
from tests.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def seats(sc):
    return {
        r: Seat(r, player="Ana") if r == "crisis_manager" else Seat(r, bot="good")
        for r in sc.roles_in_play
    }


def start(p: Pilot):
    sc = p.app.load(str(TUTORIAL)).scenario
    p.app.start_game(sc, seats(sc))
    p.step(2)
    return sc


def test_a_failing_save_shows_a_notice_at_once_and_the_pause_menu_says_not_saved(
    tmp_path, monkeypatch
):
    p = Pilot(tmp_path)
    start(p)
    assert p.app.match.flush_save()
    top_left = p.app.screen.get_at((4, 4))
    bad = tuple(p.app.theme.palette.bad)[:3]
    assert tuple(top_left)[:3] != bad

    def full(*args, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(savewriter, "_append", full)
    monkeypatch.setattr(savewriter, "write_atomic", full)
    p.letter("p")  # pause: an action, so a save
    assert not p.app.match.flush_save()
    p.step(1)
    assert tuple(p.app.screen.get_at((4, 4)))[:3] == bad  # the notice bar, over every scene
    assert p.scene.name == "pause"
    assert "Quit (the game is NOT saved!)" in p.texts()
    monkeypatch.undo()
    p.app.match.flush_save()  # saving works again: the bar goes
    p.step(2)
    assert tuple(p.app.screen.get_at((4, 4)))[:3] != bad
    p.close()


def test_closing_the_window_waits_for_the_save_and_says_when_it_failed(
    tmp_path, monkeypatch, capsys
):
    p = Pilot(tmp_path)
    start(p)

    def full(*args, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(savewriter, "_append", full)
    monkeypatch.setattr(savewriter, "write_atomic", full)
    p.letter("p")
    p.close()
    assert p.app.save_ok is False
    assert "the game is NOT saved: could not save the game" in capsys.readouterr().err


def test_a_new_game_asks_before_replacing_an_unfinished_save(tmp_path):
    p = Pilot(tmp_path)
    sc = start(p)
    p.letter("p")  # a move, so there is something to lose
    moves = len(p.app.match.session.log)
    p.close()
    path = autosave_path(sc.id, tmp_path / "data")

    second = Pilot(tmp_path)
    second.app.start_game(sc, seats(sc))
    second.step(2)
    assert second.scene.name == "replace-save"
    assert "An unfinished game of this scenario is saved" in second.texts()
    assert len(read_save(path).entries) == moves  # untouched while the player decides
    second.click("back")
    assert second.scene.name == "title"
    second.app.start_game(sc, seats(sc))
    second.step(2)
    second.click("continue")
    assert second.app.match is not None and len(second.app.match.session.log) >= moves
    second.close()

    third = Pilot(tmp_path)
    third.app.start_game(sc, seats(sc))
    third.step(2)
    third.click("replace")
    assert third.scene.name != "replace-save"
    assert third.app.match is not None
    third.app.match.flush_save()
    assert len(read_save(path).entries) < moves
    third.close()


@pytest.mark.parametrize("flag", [True])
def test_replace_save_option_skips_the_question(tmp_path, flag):
    p = Pilot(tmp_path)
    sc = start(p)
    p.letter("p")
    p.close()
    second = Pilot(tmp_path, replace_save=flag)
    second.app.start_game(sc, seats(sc))
    second.step(2)
    assert second.scene.name != "replace-save" and second.app.match is not None
    second.close()


def test_an_unattended_demo_refuses_to_replace_an_unfinished_save(tmp_path, capsys):
    p = Pilot(tmp_path)
    sc = start(p)
    p.letter("p")
    p.close()
    second = Pilot(tmp_path, exit_after_debrief=True)
    second.app.start_game(sc, seats(sc))
    assert second.app.exit_code == 1 and not second.app.running and second.app.match is None
    assert "--replace-save" in capsys.readouterr().err
    second.close()


def test_leaving_to_the_title_waits_for_the_save_and_says_when_it_failed(tmp_path, monkeypatch):
    p = Pilot(tmp_path)
    start(p)

    def full(*args, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(savewriter, "_append", full)
    monkeypatch.setattr(savewriter, "write_atomic", full)
    p.letter("p")
    p.app.match.flush_save()
    p.step(2)
    assert "Leave to the title screen (the game is NOT saved!)" in p.texts()
    p.click("title")
    assert p.scene.name == "title"
    assert "The game you left is NOT saved: could not save the game" in p.texts()
    p.close()


def test_a_game_that_cannot_be_saved_says_so_over_every_screen(tmp_path, monkeypatch):
    import pygame

    import game.files

    def unwritable(path):
        return PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(game.files, "cannot_write_in", unwritable)
    p = Pilot(tmp_path, size=(1024, 640))
    try:
        start(p)
        assert p.app.match.unsaved.startswith("This game is not being saved")
        bad = tuple(p.app.theme.palette.bad)[:3]
        for scene in ("turn", "pause"):  # the turn screen, then the pause panel over it
            assert p.scene.name == scene
            assert tuple(p.app.screen.get_at((4, 4)))[:3] == bad
            p.key(pygame.K_ESCAPE)
    finally:
        p.close()


def test_the_save_notice_wraps_instead_of_cutting_the_reason(tmp_path):
    import dataclasses

    import pygame

    from game.ui.notice import MAX_LINES, draw_save_notice

    p = Pilot(tmp_path, size=(1024, 640))
    try:
        p.app.apply_settings(dataclasses.replace(p.app.settings, text_scale=200))
        theme = p.app.theme
        surface = pygame.Surface((1024, 640))
        one = draw_save_notice(surface, theme, "Disk full.")
        text = "This game is not being saved: cannot save games in /a/long/folder " * 3
        wrapped = draw_save_notice(surface, theme, text)
        assert wrapped.height > one.height  # more lines, none cut off at the side
        assert wrapped.height <= MAX_LINES * theme.line_height("small") + theme.pad
    finally:
        p.close()


def test_resuming_a_save_torn_by_a_crash_says_which_move_was_left_out(tmp_path):
    p = Pilot(tmp_path)
    sc = start(p)
    p.letter("p")  # pause, then resume: two moves in the save
    p.letter("p")
    p.close()
    path = autosave_path(sc.id, tmp_path / "data")
    whole = path.read_bytes()
    path.write_bytes(whole[:-7])  # a crash while the last line was written
    kept = len(read_save(path).entries)

    again = Pilot(tmp_path)
    header = read_save(path).header
    assert again.app.resume(path, header) == ""
    again.step(2)
    assert again.app.match is not None and again.app.match.session.torn_save_kept == kept
    note = next(t for t in again.app.toasts.texts if "left out" in t)
    assert f"after move {kept}" in note
    again.close()
