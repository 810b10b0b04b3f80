"""Where the history lives: the database file and the results folder in the user data folder.

The data folder is the engine's (:func:`game.engine.saves.data_dir`: ``--data-dir``, else
``$CRISIS_SIM_DATA``, else the platform's user data folder); the database can also be chosen on
its own with ``--db`` or ``$CRISIS_SIM_DB``.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.engine.saves import data_dir

DB_ENV = "CRISIS_SIM_DB"
DB_NAME = "history.sqlite3"
RESULTS_FOLDER = "results"

__all__ = ["DB_ENV", "DB_NAME", "RESULTS_FOLDER", "data_dir", "db_path", "results_dir"]

PathLike = str | os.PathLike[str]


def db_path(override: PathLike | None = None, data: PathLike | None = None) -> Path:
    """The history database: ``override`` (``--db``), else ``$CRISIS_SIM_DB``, else
    ``history.sqlite3`` in the data folder (``data`` is the ``--data-dir`` override)."""
    if override is not None and str(override) != "":
        return Path(override)
    env = os.environ.get(DB_ENV, "")
    if env:
        return Path(env)
    return data_dir(data) / DB_NAME


def results_dir(override: PathLike | None = None, data: PathLike | None = None) -> Path:
    """The folder of result files: ``override``, else ``results/`` in the data folder."""
    if override is not None and str(override) != "":
        return Path(override)
    return data_dir(data) / RESULTS_FOLDER
