"""Terminal mode and its save: a failing autosave is said at once and never reported as saved;
a new game never replaces an unfinished save without asking."""

from __future__ import annotations

import io

from rich.console import Console

from game.engine import savewriter
from game.engine.saves import autosave_path, read_save
from game.terminal.app import Exit, TextGame
from game.terminal.reader import LineReader
from game.terminal.source import TerminalSource
from tests.terminal.helpers import MINI, MINI_GAME, args, run_in_process

SEATS = "seed 7\nseat crisis_manager Ana\nseat pr_specialist Bo\n"
# the first lines of the mini game: ten moves, then quit mid-game
MINI_ID = "terminal-mini"
MOVES = "\n".join(MINI_GAME.read_text("utf-8").split("\n")[5:14]) + "\n"


def test_the_unfixed_reproducer_a_failing_save_is_said_at_once_and_quit_does_not_claim_it(
    monkeypatch, capsys, tmp_path
):
    calls = {"n": 0}
    real = savewriter._append

    def fails_after_the_first_move(path, text, sync=False):
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(28, "No space left on device")
        real(path, text, sync)

    monkeypatch.setattr(savewriter, "_append", fails_after_the_first_move)
    monkeypatch.setattr(savewriter, "write_atomic", _fail_after_first(savewriter.write_atomic))
    code, out, err = run_in_process(monkeypatch, capsys, SEATS + MOVES + "quit\n", MINI, tmp_path)
    assert code == 1
    said = " ".join(out.split())
    assert said.count("The game is NOT being saved") == 1  # at once, and once
    assert "No space left on device" in said
    assert "The game is saved" not in out + err
    assert "The game is NOT saved" in " ".join(err.split())
    on_disk = read_save(autosave_path(MINI_ID, tmp_path))
    # what the file really holds (the first append may carry the first moves together), and
    # the message says so
    held = len(on_disk.entries)
    assert 1 <= held < len(MOVES.splitlines())
    assert f"holds at most {held} of its" in " ".join(err.split())


def _fail_after_first(real):
    calls = {"n": 0}

    def write(path, data, **kw):
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(28, "No space left on device")
        return real(path, data, **kw)

    return write


def test_saving_that_recovers_is_said_and_quit_then_says_saved(monkeypatch, capsys, tmp_path):
    calls = {"n": 0}
    real = savewriter._append

    def one_failure(path, text, sync=False):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(5, "Input/output error")
        real(path, text, sync)

    monkeypatch.setattr(savewriter, "_append", one_failure)
    code, out, err = run_in_process(monkeypatch, capsys, SEATS + MOVES + "quit\n", MINI, tmp_path)
    assert code == 0, err
    assert "Input/output error" in out and "The game is being saved again" in out
    assert "The game is saved in" in err
    assert len(read_save(autosave_path(MINI_ID, tmp_path)).entries) == 7


def test_a_script_never_replaces_an_unfinished_save(monkeypatch, capsys, tmp_path):
    code, _, _ = run_in_process(monkeypatch, capsys, SEATS + MOVES + "quit\n", MINI, tmp_path)
    assert code == 0
    path = autosave_path(MINI_ID, tmp_path)
    before = path.read_bytes()
    code, out, err = run_in_process(monkeypatch, capsys, SEATS + "quit\n", MINI, tmp_path)
    assert code == 1
    text = " ".join(err.split())
    assert "An unfinished game of Mini drill 小型演练 (turn 1, 7 moves) is saved in" in text
    assert "--replace-save" in text and "--resume" in text
    assert path.read_bytes() == before
    # the flag says "replace it"
    code, out, err = run_in_process(
        monkeypatch, capsys, SEATS + "quit\n", MINI, tmp_path, replace_save=True
    )
    assert code == 0, err
    assert "Replacing the unfinished game" in out
    assert len(read_save(path).entries) == 0


def test_a_finished_game_is_replaced_without_asking(monkeypatch, capsys, tmp_path):
    code, _, err = run_in_process(monkeypatch, capsys, MINI_GAME.read_text(), MINI, tmp_path)
    assert code == 0, err
    assert read_save(autosave_path(MINI_ID, tmp_path)).header["finished"]
    code, _, err = run_in_process(monkeypatch, capsys, SEATS + "quit\n", MINI, tmp_path)
    assert code == 0, err


class Answers(LineReader):
    def __init__(self, *lines: str) -> None:
        self.lines = list(lines)

    def read(self, prompt, tick=None):
        return self.lines.pop(0)

    def close(self) -> None:
        pass


def person(tmp_path, *answers: str) -> TextGame:
    out = Console(file=io.StringIO(), width=100)
    game = TextGame(out, out, TerminalSource(Answers(*answers)), args(MINI, tmp_path))
    game.scenario = _mini()
    game.save_path = autosave_path(MINI_ID, tmp_path)
    return game


def _mini():
    from game.scenario import load_scenario

    return load_scenario(MINI).scenario


def test_a_person_is_asked_before_an_unfinished_save_is_replaced(monkeypatch, capsys, tmp_path):
    code, _, _ = run_in_process(monkeypatch, capsys, SEATS + MOVES + "quit\n", MINI, tmp_path)
    assert code == 0
    game = person(tmp_path, "")  # Enter: the default is No
    try:
        game.keep_unfinished_save()
    except Exit as e:
        assert e.code == 1
    else:
        raise AssertionError("the save was replaced without a yes")
    said = game.console.file.getvalue()  # type: ignore[attr-defined]
    assert "a new game would replace it" in " ".join(said.split())
    assert "Kept it. Continue it with: crisis-sim play --text --resume" in " ".join(said.split())
    person(tmp_path, "y").keep_unfinished_save()  # yes: go on (returns)
