"""Chinese line breaking for rich: break between characters, with kinsoku.

rich wraps text at spaces and folds a "word" longer than the line between characters.  Chinese
has no spaces, so to rich a Chinese paragraph is one long word: it is folded wherever the
width runs out, and a line may start with 。，、」 — which Chinese typesetting never does — and
a table sizes a column as if the whole paragraph had to fit on one line.

:func:`install` replaces the two places rich decides this (``rich.text.divide_line``, used by
``Text.wrap``, and ``Text.__rich_measure__``, the narrowest a cell may be) with versions that
use ``game.linebreak``'s break units for text containing CJK characters.  Text without any
keeps rich's own behaviour exactly (the original functions are called), so English output
does not change.  It is installed when terminal mode's rich wrapper is imported.
"""

from __future__ import annotations

import re
from typing import Any

import rich.text
from rich.cells import cell_len
from rich.measure import Measurement

from game.linebreak import _units

#: Scripts written without spaces (as ``game.linebreak`` breaks them).
_CJK = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003ffff]"
)

_rich_divide_line = rich.text.divide_line
_rich_measure = rich.text.Text.__rich_measure__


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Offsets where the lines of ``text`` start (after the first), as rich's
    ``divide_line`` returns them; with kinsoku for Chinese."""
    if not _CJK.search(text):
        return _rich_divide_line(text, width, fold)
    width = max(int(width), 1)
    offsets: list[int] = []
    pos = 0
    used = 0  # cells on the current line so far (spaces included)
    for unit in _units(text):
        w = cell_len(unit)
        if unit.isspace():
            used += w  # spaces at a break hang past the edge; rich trims them
            pos += len(unit)
            continue
        if used and used + w > width:
            offsets.append(pos)
            used = 0
        if w > width and fold:  # wider than a whole line: cut between characters
            for ch in unit:
                cw = cell_len(ch)
                if used and used + cw > width:
                    offsets.append(pos)
                    used = 0
                used += cw
                pos += len(ch)
            continue
        used += w
        pos += len(unit)
    return offsets


def _measure(self: rich.text.Text, console: Any, options: Any) -> Measurement:
    """The narrowest and widest a text can be laid out: for CJK text the narrowest is its
    widest unbreakable unit, not the whole run of characters between two spaces."""
    found = _rich_measure(self, console, options)
    text = self.plain
    if not _CJK.search(text):
        return found
    units = [u for line in text.splitlines() for u in _units(line) if not u.isspace()]
    narrowest = max((cell_len(u) for u in units), default=found.maximum)
    return Measurement(min(narrowest, found.maximum), found.maximum)


def install() -> None:
    """Use these in rich from now on (idempotent)."""
    rich.text.divide_line = divide_line  # type: ignore[assignment]
    rich.text.Text.__rich_measure__ = _measure  # type: ignore[method-assign]
