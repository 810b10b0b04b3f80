"""The history database schema, as numbered migrations (``PRAGMA user_version``).

Migration *n* turns a version *n − 1* database into version *n*; a new database runs them all.
Each runs inside the caller's ``BEGIN IMMEDIATE`` transaction (SQLite DDL is transactional),
so a migration happens completely or not at all, and two programs opening an old database at
once migrate it once.  Never edit a released migration: add the next one, bump
:data:`SCHEMA_VERSION` and note it in ``CHANGELOG.md`` and ``docs/history.md``.

- **1** — ``games`` (one row per finished game, with the full result JSON), ``seats``,
  ``scores`` (team, per role, per player), ``deductions`` and ``objectives``.
- **2** — ``games.demo`` (games played by ``--demo`` bots, kept only when asked),
  ``games.result_digest`` (SHA-256 of the result JSON, back-filled; unique, so recording the
  same result twice stores it once) and indexes for the history and progress queries.
- **3** — ``games.cohort`` and ``games.cohort_key`` (the class the game was played in,
  ``--cohort``; back-filled from the stored results) with an index for ``crisis-sim class``.
- **4** — ``deductions.params`` (JSON: the deduction's parameters, worded when shown in the
  reader's language).  Rows from before keep their English ``reason`` and a NULL ``params``;
  later rows keep ``kind`` + ``params`` and an empty ``reason``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from game.sha256 import fingerprint

#: ``PRAGMA application_id``: marks a SQLite file as a Crisis Tabletop history ("CTHS").
APPLICATION_ID = 0x43544853

MIGRATION_1 = f"""
PRAGMA application_id = {APPLICATION_ID};

CREATE TABLE games (
    id              INTEGER PRIMARY KEY,
    recorded_at     TEXT NOT NULL,      -- when it was stored, UTC ISO 8601
    played_at       TEXT NOT NULL,      -- when the game ended (else started, else recorded), UTC
    started_at      TEXT,               -- wall-clock times as the result gives them
    finished_at     TEXT,
    duration        REAL NOT NULL,      -- seconds of session time
    scenario_id     TEXT NOT NULL,
    scenario_title  TEXT NOT NULL,
    content_hash    TEXT NOT NULL,
    scenario_path   TEXT NOT NULL DEFAULT '',
    seed            INTEGER NOT NULL,
    finished        INTEGER NOT NULL,
    ending_id       TEXT,
    ending_title    TEXT,
    team_speed          REAL,
    team_priorities     REAL,
    team_communication  REAL,
    team_total          REAL,
    result_file     TEXT,               -- the JSON file written first, if it could be
    result_json     TEXT NOT NULL       -- the whole result record (crisis-sim-result/N)
);

CREATE TABLE seats (
    game_id     INTEGER NOT NULL REFERENCES games(id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    player      TEXT NOT NULL,          -- the label: a name, or bot:<policy>
    player_key  TEXT NOT NULL,          -- casefolded, trimmed name for matching
    bot         TEXT,
    PRIMARY KEY (game_id, role)
);

CREATE TABLE scores (
    game_id         INTEGER NOT NULL REFERENCES games(id) ON DELETE CASCADE,
    scope           TEXT NOT NULL CHECK (scope IN ('team', 'role', 'player')),
    key             TEXT NOT NULL,      -- '' for the team, the role id or the player label
    speed           REAL,
    priorities      REAL,
    communication   REAL,
    total           REAL,
    PRIMARY KEY (game_id, scope, key)
);

CREATE TABLE deductions (
    game_id     INTEGER NOT NULL REFERENCES games(id) ON DELETE CASCADE,
    scope       TEXT NOT NULL CHECK (scope IN ('team', 'role', 'player')),
    key         TEXT NOT NULL,
    dimension   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    points      REAL NOT NULL,
    ref         TEXT NOT NULL,
    turn        INTEGER,
    reason      TEXT NOT NULL
);

CREATE TABLE objectives (
    game_id     INTEGER NOT NULL REFERENCES games(id) ON DELETE CASCADE,
    objective   TEXT NOT NULL,
    text        TEXT NOT NULL,
    score       REAL,
    rating      TEXT,
    PRIMARY KEY (game_id, objective)
);
"""

MIGRATION_2 = """
ALTER TABLE games ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
ALTER TABLE games ADD COLUMN result_digest TEXT;
CREATE INDEX games_played_at ON games(played_at);
CREATE INDEX games_scenario ON games(scenario_id, played_at);
CREATE INDEX seats_player ON seats(player_key, role);
CREATE INDEX deductions_game ON deductions(game_id, scope, key);
"""


def result_digest(result_json: str) -> str:
    """What makes two stored results the same game: the SHA-256 of the result JSON."""
    return fingerprint(result_json)


def _migrate_2(conn: sqlite3.Connection) -> None:
    _script(conn, MIGRATION_2)
    rows = conn.execute("SELECT id, result_json FROM games ORDER BY id").fetchall()
    seen: set[str] = set()
    for game_id, text in rows:
        digest = result_digest(text)
        # Version 1 could hold the same result twice: keep the first, leave the others unset.
        if digest not in seen:
            conn.execute("UPDATE games SET result_digest = ? WHERE id = ?", (digest, game_id))
            seen.add(digest)
    conn.execute("CREATE UNIQUE INDEX games_result_digest ON games(result_digest)")


MIGRATION_3 = """
ALTER TABLE games ADD COLUMN cohort TEXT;
ALTER TABLE games ADD COLUMN cohort_key TEXT;
CREATE INDEX games_cohort ON games(cohort_key, played_at);
"""


def _migrate_3(conn: sqlite3.Connection) -> None:
    _script(conn, MIGRATION_3)
    for game_id, text in conn.execute("SELECT id, result_json FROM games ORDER BY id").fetchall():
        try:
            cohort = json.loads(text).get("cohort")
        except (ValueError, AttributeError, RecursionError):
            continue
        if isinstance(cohort, str) and cohort.strip():
            key = " ".join(cohort.split()).casefold()
            conn.execute(
                "UPDATE games SET cohort = ?, cohort_key = ? WHERE id = ?", (cohort, key, game_id)
            )


MIGRATION_4 = """
ALTER TABLE deductions ADD COLUMN params TEXT;
"""


def _script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one (``executescript`` would COMMIT the caller's transaction)."""
    for statement in _statements(script):
        conn.execute(statement)


def _statements(script: str) -> list[str]:
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: lambda conn: _script(conn, MIGRATION_1),
    2: _migrate_2,
    3: _migrate_3,
    4: lambda conn: _script(conn, MIGRATION_4),
}

#: The schema version this code writes; databases with a higher ``user_version`` are refused.
SCHEMA_VERSION = max(MIGRATIONS)


def migrate(conn: sqlite3.Connection, current: int, target: int = SCHEMA_VERSION) -> None:
    """Run migrations ``current + 1`` .. ``target`` on ``conn`` (inside the caller's
    transaction) and set ``user_version``."""
    for version in range(current + 1, target + 1):
        MIGRATIONS[version](conn)
        conn.execute(f"PRAGMA user_version = {int(version)}")
