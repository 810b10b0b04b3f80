"""Cohorts: the class or training session a game belongs to (``--cohort NAME``).

Kept free of heavy imports: ``play`` loads it at start-up.

A cohort is a short label an instructor chooses ("Ops course May 2025", "blue-team-3"). It is
stored in the game's result record and in the history, so ``crisis-sim class COHORT`` can show
the whole class.  Every front-end that starts a game (``play``, the window's seats screen, and
the network ``host``/``join`` commands) takes it the same way::

    from game.cohort import add_cohort_argument, clean_cohort

    add_cohort_argument(parser)          # adds --cohort NAME, cleaned and checked by argparse
    cohort = clean_cohort(user_text)     # for a text field: raises ValueError with the reason

and passes it on to ``build_result(session, cohort=...)``.  Cohorts match ignoring case and
extra spaces (:func:`cohort_key`), like player names.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from game.i18n import _
from game.textsafe import clean_line

#: Longest cohort label kept (characters); a label is a name, not a note.
MAX_COHORT = 60


def clean_cohort(text: str) -> str:
    """``text`` trimmed, inner spaces collapsed, control and format characters removed
    (:func:`game.textsafe.clean_line`); ValueError (its text the message to show) when
    nothing is left or it is too long."""
    label = clean_line(text)
    if not label:
        raise ValueError("a cohort needs a name (letters, digits, spaces)")
    if len(label) > MAX_COHORT:
        raise ValueError(f"a cohort name is at most {MAX_COHORT} characters ({len(label)} given)")
    return label


def cohort_key(text: str) -> str:
    """How cohorts are matched: trimmed, inner spaces collapsed, case-folded."""
    return " ".join(str(text).split()).casefold()


def _argument(text: str) -> str:
    try:
        return clean_cohort(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_cohort_argument(parser: argparse.ArgumentParser) -> None:
    """``--cohort NAME`` (dest ``cohort``, default None) as every game-starting command has it."""
    parser.add_argument(
        "--cohort",
        type=_argument,
        default=None,
        metavar="NAME",
        help=_("record the game under this class or session (see 'crisis-sim class NAME')"),
    )


def saved_cohort(tags: Mapping[str, str]) -> str | None:
    """The cohort a saved game was started in (its ``cohort`` tag), cleaned again since a save
    is a file anyone could have edited; None when there is none or it is not a usable name."""
    text = tags.get("cohort")
    if not text:
        return None
    try:
        return clean_cohort(text)
    except ValueError:
        return None
