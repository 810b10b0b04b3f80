"""Keeping a game finished in the window: its players' previous bests, then the record itself.

Runs on a worker thread (:class:`game.ui.background.Job`): ``record_finished_game`` can wait up
to 10 s for a locked history database.  The previous bests are read *before* this game is
recorded, so "your best before" never counts the game just played.  Nothing here raises for a
problem with the database: a damaged one costs the bests (``best_error``) and the history row
(``outcome.db_error``), never the result file.  No pygame here.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from game.i18n import _, babel_locale
from game.report.result import Result
from game.scoring.wording import score
from game.store.recording import RecordOutcome, record_finished_game

if TYPE_CHECKING:
    from game.store.queries import BestScore


@attrs.frozen
class Recorded:
    outcome: RecordOutcome
    #: role -> that role's player's best total on this scenario in this role before this game
    bests: dict[str, BestScore | None] = attrs.Factory(dict)
    #: why the previous bests could not be read (a damaged or locked database), or None
    best_error: str | None = None


def record_game(
    result: Result,
    *,
    data_dir: str | os.PathLike[str] | None,
    db: str | os.PathLike[str] | None,
    demo: bool,
    record_demo: bool,
) -> Recorded:
    """The human players' previous bests (before this game), then ``record_finished_game``.
    A game without players (a demo) reads no bests, so unless it is kept it never imports the
    history database (nor ``sqlite3``)."""
    bests: dict[str, BestScore | None] = {}
    best_error: str | None = None
    humans = [(s.role, s.player) for s in result.seats if s.player and not s.bot]
    if humans:
        from game.store import StoreError, previous_best

        try:
            for role, player in humans:
                bests[role] = previous_best(player, result.scenario.id, role, db, data_dir=data_dir)
        except (StoreError, OSError) as exc:
            best_error = str(exc)
    outcome = record_finished_game(
        result, data_dir=data_dir, db_path=db, demo=demo, record_demo=record_demo
    )
    return Recorded(outcome, bests, best_error)


def best_label(best: BestScore | None, today: datetime | None = None) -> str:
    """``Your best before: 82 (12 May)``; the year is added when it is not this year."""
    if best is None or best.total is None:
        return _("Your first game in this role here")
    when = best.played_at.astimezone()
    now = today or datetime.now().astimezone()
    date = day_text(when, year=when.year != now.year)
    return _("Your best before: {score} ({date})").format(score=score(best.total), date=date)


def day_text(when: datetime, year: bool = True) -> str:
    """A day as the reader writes it: ``12 May 2025`` (the day first in English, as the docs
    show), ``2025年5月12日`` in Chinese."""
    if babel_locale() == "en":  # without Babel's locale data (see game.i18n.format_list)
        short = f"{when.day} {_MONTHS[when.month - 1]}"
        return f"{short} {when.year}" if year else short
    from babel.dates import format_skeleton

    return format_skeleton("yMMMd" if year else "MMMd", when, locale=babel_locale())


#: English month abbreviations, as Babel's en_GB ``MMM`` writes them.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")
