"""The results history: every finished game kept as a JSON file and a row in SQLite.

API
---
When a game finishes, a front-end (the window, the terminal) makes one call::

    from game.report.result import build_result
    from game.store import record_finished_game

    result = build_result(session, started_at=..., finished_at=...)   # wall-clock ISO times
    outcome = record_finished_game(
        result,
        data_dir=args.data_dir,   # --data-dir (None: $CRISIS_SIM_DATA, else the user data folder)
        db_path=args.db,          # --db (None: $CRISIS_SIM_DB, else <data folder>/history.sqlite3)
        demo=bool(args.demo),     # a --demo game is skipped ...
        record_demo=False,        # ... unless asked; when kept, it is marked as a demo
    )
    show(outcome.message)         # one line: where the result went, or what went wrong

It **always writes the result JSON first** — atomically, as
``<data folder>/results/<YYYYMMDD-HHMMSS>-<scenario>.json`` (``-2``, ``-3``... when the name is
taken; ``results_dir=`` overrides the folder) — and only then stores it in the database in one
``BEGIN IMMEDIATE`` transaction.  It never raises for a problem on disk: a locked, damaged or
too-new database is reported in :class:`RecordOutcome` (``db_error``, ``message``) and the JSON
file is still there.  Recording the very same result twice stores it once (``added=False``).

:class:`RecordOutcome`: ``message``, ``json_path``, ``game_id``, ``added``, ``db_path``,
``json_error``, ``db_error``, ``skipped`` (a demo not recorded), ``ok`` (file and row),
``saved`` (file or row).

For the window's scenes (``db``: a path, an open :class:`HistoryDB`, or None for the default;
no database yet gives None / ``[]``; a damaged, locked or newer one raises :class:`StoreError`)::

    best = previous_best("Alice", "tutorial", "crisis_manager")   # BestScore | None
    best.total, best.scores.speed, best.game_id, best.played_at   # role=None: her player card
    previous_best(name, scenario_id, role, exclude=outcome.game_id)  # after recording
    for g in recent_games(10):                                     # list[GameSummary]
        g.id, g.played_at, g.scenario_title, g.seats, g.ending_title, g.team.total

Lower level: :class:`HistoryDB` (``open(path, create=True)``, ``add_result``, ``games(player=,
scenario=, since=, role=, demo=, newest_first=, limit=)``, ``result(id)``, ``scores(id)``,
``objectives(id)``), :func:`player_progress` (what ``crisis-sim progress`` prints),
:func:`db_path` / :func:`results_dir` (where the files are).  Schema and migrations:
:mod:`game.store.migrations`.  User guide: ``docs/history.md``.

The names below load their module on first use (PEP 562): recording a game that is not kept (a
demo) or reading where the files go never imports ``sqlite3`` (about 1.5 MiB resident with
its library), which the window's demo game does not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.lazyexports import lazy_exports

if TYPE_CHECKING:  # the same names, eagerly, for type checkers and editors
    from game.store.database import (
        GameSummary,
        HistoryDB,
        Scores,
        SeatRow,
        StoreError,
        player_key,
    )
    from game.store.locations import DB_ENV, db_path, results_dir
    from game.store.migrations import SCHEMA_VERSION
    from game.store.progress import Issue, Progress, RoleProgress, Trend, WeakArea, player_progress
    from game.store.queries import BestScore, previous_best, recent_games
    from game.store.recording import RecordOutcome, amend_recorded, record_finished_game

#: Public name -> the module defining it; imported on first use (PEP 562).
_EXPORTS = {
    **dict.fromkeys(
        ("GameSummary", "HistoryDB", "Scores", "SeatRow", "StoreError", "player_key"),
        "game.store.database",
    ),
    **dict.fromkeys(("DB_ENV", "db_path", "results_dir"), "game.store.locations"),
    "SCHEMA_VERSION": "game.store.migrations",
    **dict.fromkeys(
        ("Issue", "Progress", "RoleProgress", "Trend", "WeakArea", "player_progress"),
        "game.store.progress",
    ),
    **dict.fromkeys(("BestScore", "previous_best", "recent_games"), "game.store.queries"),
    **dict.fromkeys(
        ("RecordOutcome", "amend_recorded", "record_finished_game"), "game.store.recording"
    ),
}

__all__ = [
    "DB_ENV",
    "SCHEMA_VERSION",
    "BestScore",
    "GameSummary",
    "HistoryDB",
    "Issue",
    "Progress",
    "RecordOutcome",
    "RoleProgress",
    "Scores",
    "SeatRow",
    "StoreError",
    "Trend",
    "WeakArea",
    "amend_recorded",
    "db_path",
    "player_key",
    "player_progress",
    "previous_best",
    "recent_games",
    "record_finished_game",
    "results_dir",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
