"""The history database: open (create, migrate or refuse), store a result, read games back.

Every problem with the file becomes a :class:`StoreError` whose text is the message to show:
locked by another program, damaged or not a database, written by a newer version, unreadable.
Writes are single ``BEGIN IMMEDIATE`` transactions with a busy timeout, so several games
finishing at once (two windows, a terminal game) queue up instead of failing or losing rows.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs

from game.cohort import cohort_key
from game.report.result import Result, ResultError
from game.scoring import ScoreCard
from game.store.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate, result_digest

#: How long a write waits for another program's transaction before giving up (milliseconds).
BUSY_TIMEOUT_MS = 10_000
DIMENSIONS = ("speed", "priorities", "communication", "total")


class StoreError(Exception):
    """The history database cannot be used; ``str(err)`` is the message to show."""


@attrs.frozen
class Scores:
    """One score card as stored: each dimension 0–100, or None when it was not scored."""

    speed: float | None = None
    priorities: float | None = None
    communication: float | None = None
    total: float | None = None

    def get(self, dimension: str) -> float | None:
        value: float | None = getattr(self, dimension)
        return value

    def to_dict(self) -> dict[str, float | None]:
        return {d: self.get(d) for d in DIMENSIONS}


@attrs.frozen
class SeatRow:
    role: str
    player: str
    bot: str | None = None


@attrs.frozen
class GameSummary:
    """One row of the history: what the table, the exports and the window show."""

    id: int
    played_at: datetime  # aware, UTC
    scenario_id: str
    scenario_title: str
    content_hash: str
    seats: tuple[SeatRow, ...]
    ending_id: str | None
    ending_title: str | None
    duration: float
    team: Scores
    demo: bool = False
    finished: bool = True
    result_file: str | None = None
    cohort: str | None = None

    @property
    def players(self) -> tuple[str, ...]:
        """Distinct player labels, people before bots (each group in seat order)."""
        people = [s.player for s in self.seats if not s.bot]
        bots = [s.player for s in self.seats if s.bot]
        return tuple(dict.fromkeys(people + bots))

    @property
    def people(self) -> tuple[str, ...]:
        """The distinct people (not bots) who held a seat, in seat order."""
        return tuple(dict.fromkeys(s.player for s in self.seats if not s.bot))

    def roles_of(self, player: str) -> tuple[str, ...]:
        return tuple(s.role for s in self.seats if s.player == player)


def player_key(name: str) -> str:
    """How player names are matched: trimmed, inner spaces collapsed, case-folded."""
    return " ".join(name.split()).casefold()


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str | None) -> datetime | None:
    """An ISO 8601 time from a result (naive times are taken as local time), or None."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _card(card: ScoreCard) -> tuple[float | None, ...]:
    return tuple(_num(getattr(card, d)) for d in DIMENSIONS)


def _params_json(params: dict[str, Any]) -> str | None:
    """A deduction's parameters as stored in ``deductions.params`` (None: a version 1 result,
    which kept its words in ``reason`` instead)."""
    if not params:
        return None
    return json.dumps(params, ensure_ascii=False, sort_keys=True, allow_nan=False)


def _num(value: float | None) -> float | None:
    """Scores as the result JSON writes them (one decimal), so the row and the file agree."""
    return None if value is None else round(float(value), 1)


class HistoryDB:
    """An open history database.  Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    # --- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = True) -> HistoryDB:
        """Open the database at ``path``: create it (``create``), migrate an older one, refuse
        a newer one or anything that is not a history database, with a :class:`StoreError`."""
        p = Path(path)
        try:
            info: os.stat_result | None = p.stat()
        except (FileNotFoundError, NotADirectoryError):
            info = None
        except OSError as exc:  # an unreadable data folder: say so, never a traceback
            raise StoreError(f"cannot read history database {p}: {exc.strerror or exc}") from None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise StoreError(f"history database {p} is a folder, not a file")
        if info is None:
            if not create:
                raise StoreError(f"no history database at {p} (no game has been recorded yet)")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the folder of {p}: {exc.strerror or exc}"
                ) from None
        try:
            conn = sqlite3.connect(
                p, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open history database {p}: {exc}") from None
        db = cls(conn, p)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            db._prepare()
        except StoreError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise db._error(exc) from None
        return db

    def _prepare(self) -> None:
        version, app_id, tables = self._header()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"history database {self.path} was written by a newer version of Crisis "
                f"Tabletop (schema version {version}; this version knows 1 to {SCHEMA_VERSION}). "
                "Update the game, or use --db to choose another file."
            )
        if (version > 0 or tables) and app_id != APPLICATION_ID:
            raise StoreError(
                f"{self.path} is a SQLite database of another program, not a Crisis Tabletop "
                "history; use --db to choose another file"
            )
        if version == SCHEMA_VERSION:
            return
        if version > 0:
            self._backup(version)
        with self.transaction():
            current, _, _ = self._header()  # another program may have migrated meanwhile
            if current < SCHEMA_VERSION:
                migrate(self.conn, current)

    def _header(self) -> tuple[int, int, int]:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        tables = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return int(version), int(app_id), int(tables)

    def _backup(self, version: int) -> None:
        """Copy an old database before migrating it (once per old version)."""
        target = self.path.with_name(f"{self.path.name}.v{version}.bak")
        if target.exists():
            return
        try:
            dest = sqlite3.connect(target)
            try:
                self.conn.backup(dest)
            finally:
                dest.close()
        except (sqlite3.Error, OSError):
            with contextlib.suppress(OSError):
                target.unlink()
            with contextlib.suppress(OSError):
                shutil.copy2(self.path, target)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> HistoryDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # --- errors and transactions ----------------------------------------------------------------

    def _error(self, exc: sqlite3.Error) -> StoreError:
        text = str(exc)
        low = text.lower()
        if "locked" in low or "busy" in low:
            return StoreError(
                f"history database {self.path} is locked by another program "
                f"(waited {BUSY_TIMEOUT_MS // 1000} s); try again when it has finished"
            )
        if "not a database" in low or "malformed" in low or "corrupt" in low:
            return StoreError(
                f"history database {self.path} is damaged or is not a database ({text}); "
                "move it away (a new one is made on the next game) or use --db to choose "
                "another file"
            )
        if "readonly" in low or "read-only" in low or "unable to open" in low:
            return StoreError(f"cannot write history database {self.path} ({text})")
        if "disk" in low and "full" in low:
            return StoreError(f"history database {self.path}: the disk is full")
        return StoreError(f"history database {self.path}: {text}")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` .. ``COMMIT`` (``ROLLBACK`` on any error)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    # --- writing ----------------------------------------------------------------------------

    def add_result(
        self,
        result: Result,
        *,
        result_file: str | os.PathLike[str] | None = None,
        demo: bool = False,
        recorded_at: datetime | None = None,
        text: str | None = None,
    ) -> tuple[int, bool]:
        """Store one game; returns ``(game id, added)`` — ``added`` is False when the very same
        result was already stored (its id is returned).  ``text`` is ``result.to_json()`` when
        the caller has it already."""
        text = text if text is not None else result.to_json()
        digest = result_digest(text)
        now = recorded_at or datetime.now(UTC)
        played = parse_time(result.finished_at) or parse_time(result.started_at) or now
        with self._errors(), self.transaction() as c:
            row = c.execute("SELECT id FROM games WHERE result_digest = ?", (digest,)).fetchone()
            if row is not None:
                return int(row[0]), False
            ending = result.ending
            cur = c.execute(
                "INSERT INTO games (recorded_at, played_at, started_at, finished_at, duration,"
                " scenario_id, scenario_title, content_hash, scenario_path, seed, finished,"
                " ending_id, ending_title, team_speed, team_priorities, team_communication,"
                " team_total, result_file, result_json, demo, result_digest, cohort, cohort_key)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    utc_text(now),
                    utc_text(played),
                    result.started_at,
                    result.finished_at,
                    float(result.duration),
                    result.scenario.id,
                    result.scenario.title,
                    result.scenario.content_hash,
                    result.scenario.path,
                    int(result.seed),
                    int(result.finished),
                    ending.id if ending else None,
                    ending.title if ending else None,
                    *_card(result.scores.team),
                    os.fspath(result_file) if result_file is not None else None,
                    text,
                    int(demo),
                    digest,
                    result.cohort,
                    cohort_key(result.cohort) if result.cohort else None,
                ),
            )
            game_id = int(cur.lastrowid or 0)
            c.executemany(
                "INSERT INTO seats (game_id, role, player, player_key, bot) VALUES (?,?,?,?,?)",
                [(game_id, s.role, s.label, player_key(s.label), s.bot) for s in result.seats],
            )
            cards = [("team", "", result.scores.team)]
            cards += [("role", r, card) for r, card in result.scores.roles.items()]
            cards += [("player", p, card) for p, card in result.scores.players.items()]
            c.executemany(
                "INSERT INTO scores (game_id, scope, key, speed, priorities, communication,"
                " total) VALUES (?,?,?,?,?,?,?)",
                [(game_id, scope, key, *_card(card)) for scope, key, card in cards],
            )
            ded = result.deductions
            groups = [("team", "", ded.team)]
            groups += [("role", r, ds) for r, ds in ded.roles.items()]
            groups += [("player", p, ds) for p, ds in ded.players.items()]
            c.executemany(
                "INSERT INTO deductions (game_id, scope, key, dimension, kind, points, ref,"
                " turn, reason, params) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        game_id,
                        scope,
                        key,
                        d.dimension,
                        d.kind,
                        round(float(d.points), 2),
                        d.ref,
                        d.turn,
                        d.text,  # only a version 1 result kept words; new ones keep params
                        _params_json(d.params),
                    )
                    for scope, key, ds in groups
                    for d in ds
                ],
            )
            c.executemany(
                "INSERT OR REPLACE INTO objectives (game_id, objective, text, score, rating)"
                " VALUES (?,?,?,?,?)",
                [(game_id, o.id, o.text, _num(o.score), o.rating) for o in result.objectives],
            )
        return game_id, True

    def replace_result(self, game_id: int, result: Result) -> None:
        """Store a later version of game ``game_id``'s result (the same game with its hotwash
        added): the record, its digest and its cohort.  Scores are not touched."""
        text = result.to_json()
        with self._errors(), self.transaction() as c:
            cur = c.execute(
                "UPDATE games SET result_json = ?, result_digest = ?, cohort = ?, cohort_key = ?"
                " WHERE id = ?",
                (
                    text,
                    result_digest(text),
                    result.cohort,
                    cohort_key(result.cohort) if result.cohort else None,
                    int(game_id),
                ),
            )
            if cur.rowcount != 1:
                raise StoreError(f"no game {game_id} in the history ({self.path})")

    # --- reading ----------------------------------------------------------------------------

    def games(
        self,
        *,
        player: str | None = None,
        scenario: str | None = None,
        since: datetime | None = None,
        role: str | None = None,
        demo: bool | None = None,
        ids: Sequence[int] | None = None,
        cohort: str | None = None,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[GameSummary]:
        """Games matching every filter given, oldest first (or newest first).

        ``player`` matches a seat's name (case and extra spaces ignored); with ``role`` too,
        the player must have sat in that role.  ``demo``: None both, True/False only those.
        ``cohort`` matches the game's cohort ignoring case and extra spaces.
        """
        where: list[str] = []
        params: list[Any] = []
        if player is not None:
            if role is not None:
                where.append("id IN (SELECT game_id FROM seats WHERE player_key = ? AND role = ?)")
                params += [player_key(player), role]
            else:
                where.append("id IN (SELECT game_id FROM seats WHERE player_key = ?)")
                params.append(player_key(player))
        elif role is not None:
            where.append("id IN (SELECT game_id FROM seats WHERE role = ?)")
            params.append(role)
        if scenario is not None:
            where.append("scenario_id = ?")
            params.append(scenario)
        if since is not None:
            where.append("played_at >= ?")
            params.append(utc_text(since))
        if demo is not None:
            where.append("demo = ?")
            params.append(int(demo))
        if cohort is not None:
            where.append("cohort_key = ?")
            params.append(cohort_key(cohort))
        if ids is not None:
            where.append(f"id IN ({','.join('?' * len(ids))})")
            params += [int(i) for i in ids]
        order = "DESC" if newest_first else "ASC"
        sql = (
            "SELECT id, played_at, scenario_id, scenario_title, content_hash, ending_id,"
            " ending_title, duration, team_speed, team_priorities, team_communication,"
            " team_total, demo, finished, result_file, cohort FROM games"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY played_at {order}, id {order}"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._errors():
            rows = self.conn.execute(sql, params).fetchall()
            seats = self._seats([int(r[0]) for r in rows])
        return [
            GameSummary(
                id=int(r[0]),
                played_at=datetime.strptime(r[1], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC),
                scenario_id=r[2],
                scenario_title=r[3],
                content_hash=r[4],
                seats=seats.get(int(r[0]), ()),
                ending_id=r[5],
                ending_title=r[6],
                duration=float(r[7]),
                team=Scores(*r[8:12]),
                demo=bool(r[12]),
                finished=bool(r[13]),
                result_file=r[14],
                cohort=r[15],
            )
            for r in rows
        ]

    def _seats(self, ids: list[int]) -> dict[int, tuple[SeatRow, ...]]:
        out: dict[int, list[SeatRow]] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            for game_id, role, player, bot in self.conn.execute(
                "SELECT game_id, role, player, bot FROM seats WHERE game_id IN "
                f"({','.join('?' * len(part))}) ORDER BY game_id, rowid",
                part,
            ):
                out.setdefault(int(game_id), []).append(SeatRow(role, player, bot))
        return {k: tuple(v) for k, v in out.items()}

    def scores(self, game_id: int) -> dict[str, dict[str, Scores]]:
        """``{"team": {"": card}, "role": {role: card}, "player": {label: card}}``."""
        out: dict[str, dict[str, Scores]] = {"team": {}, "role": {}, "player": {}}
        with self._errors():
            for scope, key, *vals in self.conn.execute(
                "SELECT scope, key, speed, priorities, communication, total FROM scores"
                " WHERE game_id = ? ORDER BY rowid",
                (game_id,),
            ):
                out[scope][key] = Scores(*vals)
        return out

    def objectives(self, game_id: int) -> list[dict[str, Any]]:
        with self._errors():
            rows = self.conn.execute(
                "SELECT objective, text, score, rating FROM objectives WHERE game_id = ?"
                " ORDER BY rowid",
                (game_id,),
            ).fetchall()
        return [{"id": r[0], "text": r[1], "score": r[2], "rating": r[3]} for r in rows]

    def result(self, game_id: int) -> Result:
        """The full result record of a stored game (to regenerate its report)."""
        with self._errors():
            row = self.conn.execute(
                "SELECT result_json FROM games WHERE id = ?", (game_id,)
            ).fetchone()
        if row is None:
            raise StoreError(f"no game {game_id} in the history ({self.path})")
        try:
            return Result.from_json(row[0])
        except ResultError as exc:
            raise StoreError(f"game {game_id}: the stored result cannot be read: {exc}") from None

    def best_role_score(
        self, player: str, scenario_id: str, role: str | None, *, exclude: int | None = None
    ) -> tuple[int, datetime, Scores] | None:
        """The player's best total on a scenario: in ``role``, or over all their roles (their
        player card) when ``role`` is None.  Ties go to the earliest game."""
        if role is None:
            sql = (
                "SELECT g.id, g.played_at, s.speed, s.priorities, s.communication, s.total"
                " FROM games g JOIN seats t ON t.game_id = g.id"
                " JOIN scores s ON s.game_id = g.id AND s.scope = 'player' AND s.key = t.player"
                " WHERE t.player_key = ? AND g.scenario_id = ? AND g.id != ?"
                " AND s.total IS NOT NULL"
                " ORDER BY s.total DESC, g.played_at ASC, g.id ASC LIMIT 1"
            )
            params: list[Any] = [player_key(player), scenario_id, exclude or -1]
        else:
            sql = (
                "SELECT g.id, g.played_at, s.speed, s.priorities, s.communication, s.total"
                " FROM games g JOIN seats t ON t.game_id = g.id AND t.role = ?"
                " JOIN scores s ON s.game_id = g.id AND s.scope = 'role' AND s.key = t.role"
                " WHERE t.player_key = ? AND g.scenario_id = ? AND g.id != ?"
                " AND s.total IS NOT NULL"
                " ORDER BY s.total DESC, g.played_at ASC, g.id ASC LIMIT 1"
            )
            params = [role, player_key(player), scenario_id, exclude or -1]
        with self._errors():
            row = self.conn.execute(sql, params).fetchone()
        if row is None:
            return None
        when = datetime.strptime(row[1], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return int(row[0]), when, Scores(*row[2:6])

    def player_cards(self, ids: Sequence[int]) -> dict[int, dict[str, Scores]]:
        """Each game's player score cards: ``{game id: {player label: card}}``."""
        out: dict[int, dict[str, Scores]] = {}
        ids = [int(i) for i in ids]
        with self._errors():
            for chunk in range(0, len(ids), 500):
                part = ids[chunk : chunk + 500]
                for game_id, key, *vals in self.conn.execute(
                    "SELECT game_id, key, speed, priorities, communication, total FROM scores"
                    f" WHERE scope = 'player' AND game_id IN ({','.join('?' * len(part))})"
                    " ORDER BY game_id, rowid",
                    part,
                ):
                    out.setdefault(int(game_id), {})[key] = Scores(*vals)
        return out

    def cohorts(self) -> list[tuple[str, int]]:
        """Every cohort in the history (its latest spelling) with its number of games, A to Z."""
        with self._errors():
            rows = self.conn.execute(
                "SELECT cohort_key, cohort, count(*) OVER (PARTITION BY cohort_key) FROM games"
                " WHERE cohort_key IS NOT NULL ORDER BY played_at, id"
            ).fetchall()
        latest = {key: (name, int(n)) for key, name, n in rows}
        return sorted(latest.values(), key=lambda x: x[0].casefold())

    def count(self) -> int:
        with self._errors():
            return int(self.conn.execute("SELECT count(*) FROM games").fetchone()[0])

    def player_names(self, *, humans_only: bool = True) -> list[str]:
        """Every player name in the history (the latest spelling of each), A to Z."""
        sql = (
            "SELECT t.player_key, t.player FROM seats t JOIN games g ON g.id = t.game_id"
            + (" WHERE t.bot IS NULL" if humans_only else "")
            + " ORDER BY g.played_at, g.id"
        )
        with self._errors():
            names = dict(self.conn.execute(sql).fetchall())
        return sorted(names.values(), key=str.casefold)
