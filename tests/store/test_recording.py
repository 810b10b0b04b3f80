"""record_finished_game: the JSON first, then the database; nothing lost when the DB fails."""

from __future__ import annotations

import os
import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.report.result import Result, load_result
from game.store import (
    HistoryDB,
    StoreError,
    db_path,
    recent_games,
    record_finished_game,
    results_dir,
)
from game.store import database as database_module
from tests.store.games import day, play

NOW = datetime(2025, 6, 2, 14, 5, 9, tzinfo=UTC)


def only_json(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def test_a_finished_game_is_written_as_json_then_stored(tmp_path: Path, games: list[Result]):
    result = games[1]
    outcome = record_finished_game(result, data_dir=tmp_path)

    assert outcome.ok and outcome.added and outcome.db_error is None
    assert outcome.json_path == tmp_path / "results" / "20250502-093000-tutorial.json"
    assert outcome.db_path == tmp_path / "history.sqlite3"
    assert load_result(outcome.json_path).to_json() == result.to_json()
    assert str(outcome.json_path) in outcome.message and "game 1" in outcome.message
    with HistoryDB.open(outcome.db_path) as db:
        assert db.result(outcome.game_id).to_json() == result.to_json()


def test_everything_asked_for_is_stored(data: Path, games: list[Result]):
    result = games[3]
    with HistoryDB.open(data / "history.sqlite3") as db:
        (game,) = db.games(ids=[4])
        scores = db.scores(4)
        objectives = db.objectives(4)
        row = db.conn.execute(
            "SELECT content_hash, started_at, finished_at, seed, result_file FROM games"
            " WHERE id = 4"
        ).fetchone()

    assert game.scenario_id == "tutorial" == result.scenario.id
    assert game.scenario_title == result.scenario.title
    assert (game.content_hash, row[0]) == (result.scenario.content_hash,) * 2
    assert game.content_hash.startswith("sha256:")
    assert game.played_at == day(3)
    assert (row[1], row[2], row[3]) == (result.started_at, result.finished_at, result.seed)
    assert game.duration == pytest.approx(result.duration)
    assert (game.ending_id, game.ending_title) == (result.ending.id, result.ending.title)
    assert [(s.role, s.player) for s in game.seats] == [(s.role, s.label) for s in result.seats]
    assert game.players == ("Alice", "Bob")
    assert Path(row[4]).name == "20250504-093000-tutorial.json"

    def card(c):
        return tuple(
            None if v is None else pytest.approx(v, abs=0.05)
            for v in (c.speed, c.priorities, c.communication, c.total)
        )

    assert card(game.team) == card(result.scores.team)
    assert card(scores["team"][""]) == card(result.scores.team)
    assert scores["role"].keys() == result.scores.roles.keys()
    for role, expected in result.scores.roles.items():
        assert card(scores["role"][role]) == card(expected)
    assert scores["player"].keys() == {"Alice", "Bob"}
    for label, expected in result.scores.players.items():
        assert card(scores["player"][label]) == card(expected)
    assert [(o["id"], o["rating"]) for o in objectives] == [
        (o.id, o.rating) for o in result.objectives
    ]


def test_the_same_result_twice_is_one_game_and_one_file(tmp_path: Path, games: list[Result]):
    first = record_finished_game(games[0], data_dir=tmp_path)
    again = record_finished_game(games[0], data_dir=tmp_path)

    assert (first.added, again.added) == (True, False)
    assert again.game_id == first.game_id and again.json_path == first.json_path
    assert "already in the history" in again.message
    assert only_json(tmp_path / "results") == [first.json_path]


def test_games_ending_in_the_same_second_get_their_own_files(tmp_path: Path):
    a = play(seed=1, finished_at=day(0))
    b = play(seed=2, finished_at=day(0))
    paths = [record_finished_game(r, data_dir=tmp_path).json_path for r in (a, b)]

    assert [p.name for p in paths] == [
        "20250501-093000-tutorial.json",
        "20250501-093000-tutorial-2.json",
    ]
    assert [load_result(p).seed for p in paths] == [1, 2]


def test_without_wall_clock_times_the_file_is_named_by_the_recording_time(tmp_path: Path):
    outcome = record_finished_game(play(seed=3), data_dir=tmp_path, now=NOW)
    assert outcome.json_path.name == f"{NOW.astimezone():%Y%m%d-%H%M%S}-tutorial.json"
    (game,) = recent_games(5, outcome.db_path)
    assert game.played_at == NOW


def test_a_demo_game_is_skipped_unless_asked(tmp_path: Path, games: list[Result]):
    skipped = record_finished_game(games[0], data_dir=tmp_path, demo=True)
    assert skipped.skipped and not skipped.saved
    assert not (tmp_path / "results").exists() and not (tmp_path / "history.sqlite3").exists()

    kept = record_finished_game(games[0], data_dir=tmp_path, demo=True, record_demo=True)
    assert kept.ok
    assert recent_games(10, kept.db_path) == []
    (game,) = recent_games(10, kept.db_path, include_demo=True)
    assert game.demo


def test_locations_follow_flags_then_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, games: list[Result]
):
    monkeypatch.setenv("CRISIS_SIM_DATA", str(tmp_path / "env-data"))
    assert db_path() == tmp_path / "env-data" / "history.sqlite3"
    assert results_dir() == tmp_path / "env-data" / "results"
    monkeypatch.setenv("CRISIS_SIM_DB", str(tmp_path / "env.db"))
    assert db_path() == tmp_path / "env.db"
    assert db_path(tmp_path / "flag.db") == tmp_path / "flag.db"
    assert results_dir(data=tmp_path / "flag") == tmp_path / "flag" / "results"

    outcome = record_finished_game(games[0])
    assert outcome.db_path == tmp_path / "env.db" and (tmp_path / "env.db").exists()
    assert outcome.json_path.parent == tmp_path / "env-data" / "results"
    other = record_finished_game(games[1], db_path=tmp_path / "flag.db", results_dir=tmp_path / "r")
    assert other.db_path == tmp_path / "flag.db" and other.json_path.parent == tmp_path / "r"


# --- when the database cannot be used, the JSON file is still written --------------------------


def test_a_corrupt_database_is_reported_and_the_json_is_kept(tmp_path: Path, games: list[Result]):
    db = tmp_path / "history.sqlite3"
    db.write_bytes(random.Random(9).randbytes(8192))

    outcome = record_finished_game(games[2], data_dir=tmp_path)

    assert outcome.game_id is None and not outcome.ok and outcome.saved
    assert "damaged or is not a database" in outcome.db_error
    assert str(db) in outcome.db_error
    assert "not added to the history" in outcome.message
    assert load_result(outcome.json_path).to_json() == games[2].to_json()
    assert db.read_bytes() == random.Random(9).randbytes(8192)  # left alone
    with pytest.raises(StoreError, match="damaged or is not a database"):
        HistoryDB.open(db)


def test_a_truncated_database_is_reported(data: Path, games: list[Result]):
    db = data / "history.sqlite3"
    db.write_bytes(db.read_bytes()[:3000])
    outcome = record_finished_game(play(seed=77), data_dir=data)
    assert outcome.db_error is not None and "history database" in outcome.db_error
    assert outcome.json_path is not None and outcome.json_path.exists()


def test_a_newer_database_is_refused_and_the_json_is_kept(tmp_path: Path, games: list[Result]):
    db = tmp_path / "history.sqlite3"
    with HistoryDB.open(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 7")
    conn.close()

    outcome = record_finished_game(games[0], data_dir=tmp_path)

    assert outcome.game_id is None and outcome.json_path.exists()
    assert "newer version of Crisis Tabletop (schema version 7; this version knows 1 to 4)" in (
        outcome.db_error
    )
    assert "Update the game" in outcome.db_error


def test_a_locked_database_is_reported_and_the_json_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, games: list[Result]
):
    db = tmp_path / "history.sqlite3"
    with HistoryDB.open(db):
        pass
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        outcome = record_finished_game(games[0], data_dir=tmp_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert outcome.game_id is None
    assert "is locked by another program" in outcome.db_error
    assert load_result(outcome.json_path).seed == games[0].seed
    # Once the other program is done, the same result can still be added.
    assert record_finished_game(games[0], data_dir=tmp_path).added


def test_another_programs_database_is_refused(tmp_path: Path, games: list[Result]):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()
    outcome = record_finished_game(games[0], data_dir=tmp_path, db_path=db)
    assert "SQLite database of another program" in outcome.db_error
    assert outcome.json_path.exists()


def test_a_folder_in_place_of_the_database_is_reported(tmp_path: Path, games: list[Result]):
    (tmp_path / "history.sqlite3").mkdir()
    outcome = record_finished_game(games[0], data_dir=tmp_path)
    assert "is a folder" in outcome.db_error and outcome.json_path.exists()


def test_when_the_file_cannot_be_written_the_database_still_keeps_the_result(
    tmp_path: Path, games: list[Result]
):
    blocked = tmp_path / "results"
    blocked.write_text("a file where the folder should be")
    outcome = record_finished_game(games[0], data_dir=tmp_path)

    assert outcome.json_path is None and outcome.json_error and outcome.game_id == 1
    assert outcome.saved and not outcome.ok
    assert "its file was not written" in outcome.message
    with HistoryDB.open(outcome.db_path) as db:
        assert db.result(1).to_json() == games[0].to_json()
        assert db.conn.execute("SELECT result_file FROM games").fetchone()[0] is None


def test_no_temporary_files_are_left_behind(tmp_path: Path, games: list[Result]):
    record_finished_game(games[0], data_dir=tmp_path)
    record_finished_game(games[0], data_dir=tmp_path)
    assert sorted(os.listdir(tmp_path / "results")) == ["20250501-093000-tutorial.json"]


def test_only_a_result_can_be_recorded(tmp_path: Path):
    with pytest.raises(TypeError, match="needs a Result"):
        record_finished_game({"format": "crisis-sim-result/1"}, data_dir=tmp_path)
