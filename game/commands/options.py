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


def add_replace_save_option(p: argparse.ArgumentParser) -> None:
    """Add ``--replace-save``: the commands that start a game (``play``, ``host``) never
    replace an unfinished saved game of the scenario without it or a person's yes."""
    p.add_argument(
        "--replace-save",
        action="store_true",
        help=_(
            "start a new game even if an unfinished game of the scenario is saved (it is "
            "replaced; without this flag a person is asked and a script or demo stops)"
        ),
    )
