"""An unwritable or unreadable data folder: a clear message, never a traceback (issue #13).

Tests run as any user (root included, which file modes do not stop), so the folder is made
unusable in ways that stop everyone: a regular file where the folder should be, and ``stat``
refusing with EACCES, as it does for a folder of another user with mode 000.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.store import record_finished_game
from tests.store.games import play
from tests.ui.pilot import Pilot, to_turn_screen

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "seat crisis_manager Ana\nbots good\nend\n"


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    """A plain file where the data folder should be: nothing can be created inside it."""
    path = tmp_path / "data"
    path.write_text("not a folder")
    return path


def test_terminal_play_says_the_folder_cannot_be_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], a_file: Path
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(SCRIPT))
    code = main(["play", "--text", "--data-dir", str(a_file), "tutorial"])
    _out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    message = " ".join(err.split())
    assert f"cannot save games in {a_file}/saves: Not a directory" in message
    assert "--data-dir DIR" in message


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder holding a real history that ``stat`` refuses with EACCES."""
    folder = tmp_path / "locked"
    assert record_finished_game(play(("Ana",), "good", seed=2), data_dir=folder).ok
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if str(folder) in os.fspath(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    return folder


@pytest.mark.parametrize(
    "argv",
    [["history"], ["history", "--csv"], ["progress", "Ana"], ["history", "report", "1"]],
)
def test_history_and_progress_say_the_folder_cannot_be_read(
    capsys: pytest.CaptureFixture[str], locked: Path, argv: list[str]
) -> None:
    code = main([*argv, "--data-dir", str(locked)])
    _out, err = capsys.readouterr()
    assert code == 1
    assert f"cannot read history database {locked}/history.sqlite3: Permission denied" in err
    assert "Traceback" not in err


def test_the_window_plays_on_without_saving_and_says_so(tmp_path: Path) -> None:
    pilot = Pilot(tmp_path)
    try:
        (tmp_path / "data").mkdir(exist_ok=True)
        (tmp_path / "data" / "saves").write_text("a file where the saves folder should be")
        app = pilot.app
        to_turn_screen(pilot, ROOT / "scenarios" / "tutorial.yaml")
        assert app.match.session.save_path is None
        # said in the red bar over every screen (game.ui.notice), not only on the turn screen
        assert app.match.unsaved.startswith("This game is not being saved: cannot save games in")
        bad = tuple(app.theme.palette.bad)[:3]
        assert tuple(app.screen.get_at((4, 4)))[:3] == bad
        assert app.saved_games() == []
    finally:
        pilot.close()
