"""Text that people type at the table (names, chat, notes): bounded and printable.

It reaches other people's terminals and windows, so control characters (escape sequences,
bells, bidi overrides) are removed and line breaks and other whitespace become single spaces
before it is kept or shown, the same way for every typed name (:func:`game.textsafe.clean_line`).
"""

from __future__ import annotations

from game.i18n import _
from game.textsafe import clean_line

MAX_NAME = 40
MAX_CHAT = 500
MAX_NOTE = 2000


def clean(text: object, limit: int) -> str:
    """``text`` as one line, control characters dropped and spaces collapsed
    (:func:`game.textsafe.clean_line`); raises ``ValueError`` when it is not text, empty or
    longer than ``limit``."""
    if not isinstance(text, str):
        raise ValueError(_("expected text"))
    if len(text) > limit * 4:
        raise ValueError(_("too long (at most {limit} characters)").format(limit=limit))
    out = clean_line(text)
    if not out:
        raise ValueError(_("empty"))
    if len(out) > limit:
        raise ValueError(_("too long (at most {limit} characters)").format(limit=limit))
    return out
