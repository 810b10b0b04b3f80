"""A --demo game resumed from its save is still a demo: never recorded as a real game (#13)."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import attrs
import pytest

from game.cli import main
from game.engine import ManualClock, Seat, Session
from game.engine.bots import Bot, BotDriver
from game.engine.saves import autosave_path
from game.store import HistoryDB, record_finished_game
from game.store.recording import is_demo
from tests.store.games import TUTORIAL, play, tutorial


def _half_played_demo(data: Path) -> None:
    """What an interrupted ``play --demo`` leaves: an autosave whose every seat is a bot."""
    sc = tutorial()
    path = autosave_path(sc.id, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    clock = ManualClock()
    session = Session.new(
        sc,
        {r: Seat(r, bot="good") for r in sc.roles_in_play},
        seed=1,
        clock=clock,
        save_path=path,
    )
    driver = BotDriver(session, {r: Bot("good", random.Random(1)) for r in sc.roles_in_play})
    with pytest.raises(RuntimeError, match="did not finish"):
        driver.run(clock, max_steps=3)  # interrupted after a few moves
    assert path.exists() and not session.finished


def test_resumed_demo_is_not_recorded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _half_played_demo(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(["play", "--text", "--resume", "--data-dir", str(tmp_path), str(TUTORIAL)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Demo game: not recorded in the history." in " ".join(out.split())
    assert main(["progress", "bot:good", "--data-dir", str(tmp_path)]) == 1
    assert main(["history", "--data-dir", str(tmp_path)]) == 0
    assert "No games recorded yet" in capsys.readouterr().out


def test_a_game_with_a_person_is_recorded_one_with_only_bots_is_not(tmp_path: Path) -> None:
    person = play(("Ana",), "good", seed=2)
    assert not is_demo(person)
    outcome = record_finished_game(person, data_dir=tmp_path)
    assert outcome.ok and not outcome.skipped
    bots = attrs.evolve(
        person, seats=tuple(attrs.evolve(s, player=None, bot="good") for s in person.seats)
    )
    assert is_demo(bots)
    assert record_finished_game(bots, data_dir=tmp_path).skipped
    kept = record_finished_game(bots, data_dir=tmp_path, record_demo=True)
    assert kept.game_id is not None
    with HistoryDB.open(tmp_path / "history.sqlite3", create=False) as db:
        assert [g.demo for g in db.games()] == [False, True]
