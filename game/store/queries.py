"""Questions the game window asks the history (previous best, recent games).

``db`` is a path (``--db``), an open :class:`HistoryDB`, or None for the default location
(``$CRISIS_SIM_DB``, else the user data folder).  No database yet means no games: None or
``[]``, never an error; a damaged, locked or too-new one raises :class:`StoreError`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime

import attrs

from game.files import exists
from game.i18n import _
from game.report.result import Result
from game.store.database import GameSummary, HistoryDB, Scores, StoreError
from game.store.locations import PathLike, db_path

DB = HistoryDB | PathLike | None


@attrs.frozen
class BestScore:
    """A player's best game so far on a scenario (in one role, or over all their roles)."""

    game_id: int
    played_at: datetime  # UTC
    scores: Scores

    @property
    def total(self) -> float | None:
        return self.scores.total


@contextlib.contextmanager
def opened(db: DB, data_dir: PathLike | None = None) -> Iterator[HistoryDB | None]:
    """An open database for ``db`` (None when there is no database file yet)."""
    if isinstance(db, HistoryDB):
        yield db
        return
    path = db_path(db, data_dir)
    if not exists(path):
        yield None
        return
    with HistoryDB.open(path, create=False) as opened_db:
        yield opened_db


def previous_best(
    player: str,
    scenario_id: str,
    role: str | None,
    db: DB = None,
    *,
    exclude: int | None = None,
    data_dir: PathLike | None = None,
) -> BestScore | None:
    """The best total ``player`` has reached on ``scenario_id`` in ``role`` (None: over all the
    roles they held, from their player score card), or None if they never played it.

    Call it before recording the game just finished, or pass ``exclude=outcome.game_id``.
    """
    with opened(db, data_dir) as h:
        if h is None:
            return None
        found = h.best_role_score(player, scenario_id, role, exclude=exclude)
    return BestScore(*found) if found is not None else None


def recent_games(
    limit: int = 20, db: DB = None, *, data_dir: PathLike | None = None, include_demo: bool = False
) -> list[GameSummary]:
    """The ``limit`` most recent games, newest first (demo games only if ``include_demo``)."""
    with opened(db, data_dir) as h:
        if h is None:
            return []
        return h.games(
            newest_first=True, limit=max(0, int(limit)), demo=None if include_demo else False
        )


@attrs.frozen
class RecentGame:
    """A history row as the window lists it: the game and each player's own total."""

    game: GameSummary
    #: player label (a name, or ``bot:<policy>``) → their total score in that game
    player_totals: dict[str, float | None]


def recent_games_with_players(
    limit: int = 20, db: DB = None, *, data_dir: PathLike | None = None, include_demo: bool = False
) -> list[RecentGame]:
    """:func:`recent_games` with every player's own total, read in the same opening."""
    with opened(db, data_dir) as h:
        if h is None:
            return []
        games = h.games(
            newest_first=True, limit=max(0, int(limit)), demo=None if include_demo else False
        )
        out = []
        for g in games:
            players = h.scores(g.id)["player"]
            out.append(RecentGame(g, {k: v.total for k, v in players.items()}))
        return out


def stored_result(game_id: int, db: DB = None, *, data_dir: PathLike | None = None) -> Result:
    """The full result record of one stored game (the window opens its debrief from it)."""
    with opened(db, data_dir) as h:
        if h is None:
            raise StoreError(_("there is no results history yet"))
        return h.result(game_id)
