"""Command-line options shared by several ``crisis-sim`` commands.

The history commands (``history``, ``progress``, ``class``) read the same database, so they
take the same ``--db`` / ``--data-dir`` options with the same help; defining them once keeps
their wording and defaults from drifting apart (:func:`game.store.db_path` resolves them).
"""

from __future__ import annotations

import argparse

from game.i18n import _


def add_history_db_options(p: argparse.ArgumentParser) -> None:
    """Add ``--db PATH`` and ``--data-dir DIR``: where the results history database is."""
    p.add_argument(
        "--db",
        metavar="PATH",
        help=_(
            "history database (default: $CRISIS_SIM_DB, else history.sqlite3 in the data folder)"
        ),
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_("user data folder (default: $CRISIS_SIM_DATA, else the platform's)"),
    )
