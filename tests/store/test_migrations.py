"""The schema is versioned: old databases are migrated with their data, newer ones refused."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from game.report.result import Result
from game.store import SCHEMA_VERSION, HistoryDB, StoreError, previous_best, record_finished_game
from game.store.migrations import APPLICATION_ID, MIGRATION_1, migrate

#: Migration 1 shipped: it must never change (add a migration instead).
MIGRATION_1_SHA256 = "436e84c9a2824df841b8e32b525feff8974075a43a683785f514e2af7bc883f6"


def make_v1(path: Path, results: list[Result]) -> None:
    """A database as version 1 wrote it, filled by hand with version 1's columns."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, 0, target=1)
    for n, result in enumerate(results, 1):
        conn.execute(
            "INSERT INTO games (id, recorded_at, played_at, started_at, finished_at, duration,"
            " scenario_id, scenario_title, content_hash, seed, finished, ending_id, ending_title,"
            " team_speed, team_priorities, team_communication, team_total, result_json)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                n,
                "2025-05-10T08:00:00Z",
                f"2025-05-0{n}T09:30:00Z",
                result.started_at,
                result.finished_at,
                result.duration,
                result.scenario.id,
                result.scenario.title,
                result.scenario.content_hash,
                result.seed,
                1,
                result.ending.id,
                result.ending.title,
                result.scores.team.speed,
                result.scores.team.priorities,
                result.scores.team.communication,
                result.scores.team.total,
                result.to_json(),
            ),
        )
        for seat in result.seats:
            conn.execute(
                "INSERT INTO seats VALUES (?,?,?,?,?)",
                (n, seat.role, seat.label, seat.label.casefold(), None),
            )
        for role, card in result.scores.roles.items():
            conn.execute(
                "INSERT INTO scores VALUES (?,?,?,?,?,?,?)",
                (n, "role", role, card.speed, card.priorities, card.communication, card.total),
            )
    conn.execute("COMMIT")
    conn.close()


def header(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return (
            conn.execute("PRAGMA user_version").fetchone()[0],
            conn.execute("PRAGMA application_id").fetchone()[0],
        )
    finally:
        conn.close()


def test_migration_1_is_frozen():
    assert hashlib.sha256(MIGRATION_1.encode()).hexdigest() == MIGRATION_1_SHA256


def test_a_new_database_has_the_current_schema(tmp_path: Path):
    with HistoryDB.open(tmp_path / "h.db") as db:
        assert db.version == SCHEMA_VERSION == 4
        assert db.count() == 0
    assert header(tmp_path / "h.db") == (4, APPLICATION_ID)


def test_a_version_1_database_is_migrated_and_keeps_its_games(tmp_path: Path, games: list[Result]):
    path = tmp_path / "history.sqlite3"
    make_v1(path, games[:2])
    assert header(path) == (1, APPLICATION_ID)

    with HistoryDB.open(path) as db:
        assert db.version == 4
        listed = db.games()
        assert [g.id for g in listed] == [1, 2]
        assert [g.demo for g in listed] == [False, False]
        assert [g.players for g in listed] == [("Alice", "Bob")] * 2
        assert listed[1].team.total == pytest.approx(games[1].scores.team.total)
        assert db.result(2).to_json() == games[1].to_json()
        digests = [r[0] for r in db.conn.execute("SELECT result_digest FROM games ORDER BY id")]
        assert all(d and d.startswith("sha256:") for d in digests)
        indexes = {
            r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert {"games_scenario", "seats_player", "games_result_digest"} <= indexes
    assert header(path) == (4, APPLICATION_ID)
    assert header(tmp_path / "history.sqlite3.v1.bak") == (1, APPLICATION_ID)

    # The migrated database works like a new one: the back-filled digest spots a game already
    # there, new games are added after the old ones, queries see both.
    again = record_finished_game(games[1], data_dir=tmp_path)
    assert (again.game_id, again.added) == (2, False)
    new = record_finished_game(games[3], data_dir=tmp_path)
    assert (new.game_id, new.added) == (3, True)
    best = previous_best("alice", "tutorial", "crisis_manager", path)
    assert best is not None and best.game_id == 3


def test_migrating_keeps_version_1_duplicates(tmp_path: Path, games: list[Result]):
    path = tmp_path / "h.db"
    make_v1(path, [games[0], games[0]])
    with HistoryDB.open(path) as db:
        assert [g.id for g in db.games()] == [1, 2]
        rows = db.conn.execute("SELECT result_digest IS NULL FROM games ORDER BY id").fetchall()
        assert rows == [(0,), (1,)]


def test_a_failed_migration_leaves_the_old_database_as_it_was(
    tmp_path: Path, games: list[Result], monkeypatch: pytest.MonkeyPatch
):
    from game.store import migrations

    path = tmp_path / "h.db"
    make_v1(path, games[:1])

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE games ADD COLUMN demo INTEGER NOT NULL DEFAULT 0")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(migrations.MIGRATIONS, 2, broken)
    with pytest.raises(StoreError, match="disk I/O error"):
        HistoryDB.open(path)
    assert header(path) == (1, APPLICATION_ID)
    conn = sqlite3.connect(path)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(games)")]
    conn.close()
    assert "demo" not in columns


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "h.db"
    with HistoryDB.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()

    with pytest.raises(StoreError) as err:
        HistoryDB.open(path)
    assert str(err.value) == (
        f"history database {path} was written by a newer version of Crisis Tabletop (schema "
        "version 5; this version knows 1 to 4). Update the game, or use --db to choose "
        "another file."
    )
    assert path.read_bytes() == before


def test_an_empty_file_becomes_a_new_database(tmp_path: Path):
    path = tmp_path / "h.db"
    path.write_bytes(b"")
    with HistoryDB.open(path) as db:
        assert db.version == SCHEMA_VERSION


def test_opening_a_missing_database_to_read_says_no_game_was_recorded(tmp_path: Path):
    with pytest.raises(StoreError, match="no game has been recorded yet"):
        HistoryDB.open(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_a_version_2_database_gets_cohorts_back_filled_from_its_results(
    tmp_path: Path, games: list[Result]
):
    import attrs

    path = tmp_path / "h.db"
    tagged = attrs.evolve(games[0], cohort="Ops  Course")
    make_v1(path, [tagged, games[1]])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, 1, target=2)
    conn.execute("COMMIT")
    conn.close()
    assert header(path) == (2, APPLICATION_ID)
    with HistoryDB.open(path) as db:
        assert db.version == 4
        assert [g.cohort for g in db.games()] == ["Ops  Course", None]
        assert [g.id for g in db.games(cohort="ops course")] == [1]
        assert db.cohorts() == [("Ops  Course", 1)]
    assert header(tmp_path / "h.db.v2.bak") == (2, APPLICATION_ID)


def test_version_1_results_and_worded_rows_keep_their_text_after_migration_4(
    tmp_path: Path, games: list[Result]
):
    """A version 3 database holding a version 1 result (English sentences) and its worded
    deduction rows: migrated to 4, the old rows keep their words and the result reads; games
    recorded afterwards keep kind + params instead."""
    import json

    from tests.report.test_result import as_version_1

    path = tmp_path / "h.db"
    make_v1(path, [games[0]])
    old_json = json.dumps(as_version_1(games[0]), indent=2, ensure_ascii=False) + "\n"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, 1, target=3)
    conn.execute("UPDATE games SET result_json = ? WHERE id = 1", (old_json,))
    conn.executemany(
        "INSERT INTO deductions (game_id, scope, key, dimension, kind, points, ref, turn, reason)"
        " VALUES (1, 'team', '', ?, ?, ?, ?, ?, ?)",
        [
            (d.dimension, d.kind, d.points, d.ref, d.turn, d.reason)
            for d in games[0].deductions.team
        ],
    )
    conn.execute("COMMIT")
    conn.close()

    with HistoryDB.open(path) as db:
        assert db.version == 4
        old = db.result(1)
        assert [d.reason for d in old.deductions.team] == [
            d.reason for d in games[0].deductions.team
        ]
        rows = db.conn.execute("SELECT reason, params FROM deductions WHERE game_id = 1").fetchall()
        assert rows and all(reason and params is None for reason, params in rows)
    new = record_finished_game(games[1], data_dir=tmp_path, db_path=path)
    assert new.added
    with HistoryDB.open(path) as db:
        rows = db.conn.execute(
            "SELECT kind, reason, params FROM deductions WHERE game_id = ?", (new.game_id,)
        ).fetchall()
    assert rows and all(reason == "" and json.loads(params) for _, reason, params in rows)
