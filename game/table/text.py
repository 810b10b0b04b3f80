"""Text that people type at the table (names, chat, notes): bounded and printable.

It reaches other people's terminals and windows, so control characters (escape sequences,
bells, carriage returns that rewrite a line) are removed before it is kept or shown.
"""

from __future__ import annotations

MAX_NAME = 40
MAX_CHAT = 500
MAX_NOTE = 2000


def clean(text: object, limit: int) -> str:
    """``text`` with every non-printable character dropped (newlines become spaces) and its
    ends stripped; raises ``ValueError`` when it is not text, empty or longer than ``limit``."""
    if not isinstance(text, str):
        raise ValueError("expected text")
    if len(text) > limit * 4:
        raise ValueError(f"too long (at most {limit} characters)")
    out = "".join(" " if c in "\n\t" else c for c in text if c.isprintable() or c in "\n\t")
    out = " ".join(out.split())
    if not out:
        raise ValueError("empty")
    if len(out) > limit:
        raise ValueError(f"too long (at most {limit} characters)")
    return out
