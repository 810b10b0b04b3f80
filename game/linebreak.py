"""Breaking text into lines for any script: Latin words, and Chinese written without spaces.

Chinese has no spaces between words: a line may break between any two characters, except
that punctuation must stay with its neighbour (*kinsoku*): a line never starts with closing
punctuation such as 。，、」）！？ and never ends with opening punctuation such as 「（.  Latin
words break at spaces, and a word wider than the line is cut between characters so nothing is
ever lost off the edge.

One function serves the window (measuring in pixels) and the terminal (measuring in columns,
where an East Asian wide character takes two): the caller passes ``measure``.  No pygame here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

#: Characters that may not start a line (closing brackets, stops, commas, small kana, …).
NO_START = frozenset(
    "。，、．・：；？！」』）〕］｝〉》】〗〙〛”’)]}>.,:;?!%‰℃…‥ー～々ゝゞヽヾ"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞"
)
#: Characters that may not end a line (opening brackets and quotes).
NO_END = frozenset("「『（〔［｛〈《【〖〘〚“‘([{<﹙﹛﹝$￥＄")

#: Scripts written without spaces (CJK ideographs, kana, bopomofo, CJK punctuation, full-width
#: forms): each character is a break unit of its own.
_UNSPACED = (
    (0x2E80, 0x2FFF),
    (0x3000, 0x303F),
    (0x3040, 0x30FF),
    (0x3100, 0x312F),
    (0x3190, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE1F),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF),
)
# Runs of white space and runs of anything else.  A character class of the ranges above would
# say it all in one pattern, but compiling such a class builds a 64K-entry table in Python
# (~7 ms, a tenth of the window's start-up); the few non-ASCII runs are split by hand instead.
_RUNS = re.compile(r"\s+|\S+")


def unspaced(ch: str) -> bool:
    """Whether ``ch`` belongs to a script written without spaces between words (two such
    characters on either side of a hard line break join without a space)."""
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in _UNSPACED)


def _raw_units(paragraph: str) -> list[str]:
    """A run of spaces, a run of characters of a spaced script (a "word"), or one character
    of a script written without spaces."""
    out: list[str] = []
    for run in _RUNS.findall(paragraph):
        if run.isascii() or run[0].isspace():
            out.append(run)
            continue
        start = 0
        for i, ch in enumerate(run):
            if unspaced(ch):
                if i > start:
                    out.append(run[start:i])
                out.append(ch)
                start = i + 1
        if start < len(run):
            out.append(run[start:])
    return out


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Terminal columns of one character: 2 for East Asian wide and full-width, 0 for
    combining marks and zero-width characters, else 1."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes on one line (a CJK character counts two)."""
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def fit(text: str, width: int, measure: Callable[[str], int] = display_width) -> str:
    """The longest start of ``text`` that fits ``width`` (by display width, never cutting a
    character in two), with an ellipsis when it had to be cut."""
    if measure(text) <= width:
        return text
    out, used, room = [], 0, max(width - measure("…"), 0)
    for ch in text:
        w = measure(ch)
        if used + w > room:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + "…"


def _units(paragraph: str) -> list[str]:
    """Break units of a paragraph with kinsoku applied: a no-start character joins the unit
    before it, a no-end character joins the unit after it."""
    raw = _raw_units(paragraph)
    units: list[str] = []
    carry = ""
    for unit in raw:
        if unit.isspace():
            if carry:  # an opening bracket before a space: keep it, it ends nothing
                units.append(carry)
                carry = ""
            units.append(unit)
            continue
        unit = carry + unit
        carry = ""
        if units and not units[-1].isspace() and unit[0] in NO_START:
            units[-1] += unit
        elif unit[-1] in NO_END and len(unit) == 1:
            carry = unit
        else:
            units.append(unit)
    if carry:
        units.append(carry)
    return units


def break_lines(text: str, width: int, measure: Callable[[str], int] = display_width) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (paragraph breaks kept).

    Greedy: each line takes as many units as fit.  Spaces at a break are dropped; a unit wider
    than a whole line is cut between characters.
    """
    width = max(int(width), 1)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, line_w = "", 0
        for unit in _units(paragraph):
            unit_w = measure(unit)
            if line_w + unit_w <= width:
                line, line_w = line + unit, line_w + unit_w
                continue
            if unit.isspace():
                lines.append(line.rstrip())
                line, line_w = "", 0
                continue
            if line.strip():
                lines.append(line.rstrip())
            line, line_w = "", 0
            while measure(unit) > width and len(unit) > 1:  # a word wider than the line
                cut = len(unit) - 1
                while cut > 1 and measure(unit[:cut]) > width:
                    cut -= 1
                ok = cut  # prefer a cut that keeps kinsoku, if the line is wide enough
                while ok > 1 and (unit[ok] in NO_START or unit[ok - 1] in NO_END):
                    ok -= 1
                if ok > 1 or not (unit[1] in NO_START or unit[0] in NO_END):
                    cut = ok
                lines.append(unit[:cut])
                unit = unit[cut:]
            line, line_w = unit, measure(unit)
        lines.append(line.rstrip())
    return lines
