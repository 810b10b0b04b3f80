"""Making untrusted text safe for where it goes: a terminal, or a spreadsheet cell.

Scenario text, ids, player names, spreadsheet cells and saved results come from people we do
not control.  Printed raw, a title holding ``ESC ] 0 ; … BEL`` retitles the terminal, ``ESC ] 52``
writes the clipboard, ``ESC [ 2 J`` wipes the screen, and a bare carriage return overwrites a
line to hide what was really printed.  Opened in a spreadsheet, a cell starting with ``=`` runs as
a formula (``=HYPERLINK(…)``, ``=cmd|…``).

:func:`terminal_safe` shows every control character as a visible escape (``\\x1b``, ``\\x9b``,
``\\u202e``) instead of sending it: with its introducer gone, no escape sequence can start, and
the reader still sees that something odd was in the file.  It is linear in the text's length
(one regular-expression pass, nothing to backtrack) and returns the text itself when it is
clean, which is nearly always.  :func:`one_line` does the same for a value that must stay on
one line (an id, a player name, a table cell) by escaping newlines and tabs too.

:func:`neutralise_formula` is the one guard every CSV writer uses; :func:`restore_formula`
undoes it on reading, so export then import gives back the same text.
"""

from __future__ import annotations

import functools
import re

# C0 controls except tab and newline, DEL, C1 controls, Unicode line/paragraph separators,
# bidirectional overrides and isolates (they reorder what the reader sees), and lone
# surrogates (they cannot be encoded for output).
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_CONTROL_OR_LAYOUT = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(code: int) -> str:
    char = chr(code)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


# The code points of the two classes above, as ranges (kept in step with them by a test).
_CONTROL_RANGES = (
    (0x00, 0x09),
    (0x0B, 0x20),
    (0x7F, 0xA0),
    (0x2028, 0x202A),
    (0x202A, 0x202F),
    (0x2066, 0x206A),
    (0xD800, 0xE000),
)
_LAYOUT = (0x09, 0x0A)


@functools.cache
def _table(layout: bool) -> dict[int, str]:
    """Each control code point (and tab and newline with ``layout``) mapped to its visible
    escape, for ``str.translate``, which replaces in C: linear whatever the text holds.  Built
    the first time a text needs it (nearly never), not at import."""
    ranges = _CONTROL_RANGES + (tuple((c, c + 1) for c in _LAYOUT) if layout else ())
    return {code: _escape(code) for low, high in ranges for code in range(low, high)}


def terminal_safe(text: str) -> str:
    """``text`` with every control character shown as an escape; newlines and tabs kept."""
    if _CONTROL.search(text) is None:
        return text
    return text.translate(_table(False))


def one_line(text: str) -> str:
    """Like :func:`terminal_safe`, but newlines and tabs are escaped too: it stays on one line."""
    if _CONTROL_OR_LAYOUT.search(text) is None:
        return text
    return text.translate(_table(True))


@functools.cache
def _json_table() -> dict[int, str]:
    # json.dumps escapes C0 controls itself; these it leaves raw with ensure_ascii=False
    ranges = ((0x7F, 0xA0), *_CONTROL_RANGES[3:])
    return {code: f"\\u{code:04x}" for low, high in ranges for code in range(low, high)}


def json_safe(text: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with the control characters JSON
    leaves raw (DEL, C1, bidirectional overrides, lone surrogates) written as ``\\uXXXX``
    escapes: the same JSON value, safe to print on a terminal."""
    if _CONTROL.search(text) is None:
        return text
    return text.translate(_json_table())


def is_terminal_safe(text: str) -> bool:
    """True when :func:`terminal_safe` would change nothing."""
    return _CONTROL.search(text) is None


# --- spreadsheets ---------------------------------------------------------------------------

# Text a spreadsheet would run as a formula, or that Excel treats as one after a tab or a
# carriage return; apostrophes already there are counted so the guard round-trips.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def neutralise_formula(cell: str) -> str:
    """Keep a spreadsheet from running ``cell`` as a formula: prefix an apostrophe when needed."""
    return "'" + cell if _FORMULA.match(cell) else cell


def restore_formula(cell: str) -> str:
    """Take off the apostrophe :func:`neutralise_formula` put before formula-like text."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell) else cell


_LIST_ITEM = re.compile(r"^\s*([-*•]|\d+[.)])\s")


#: Scripts written without spaces between words: CJK ideographs, kana, Bopomofo, CJK and
#: full-width punctuation (the ranges ``game.linebreak`` breaks between any two characters).
_UNSPACED = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003ffff]"
)


def _unspaced(ch: str) -> bool:
    return _UNSPACED.match(ch) is not None


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph so a terminal (or a PDF cell) can wrap
    them to its width.

    Scenario authors wrap YAML block text at ~100 columns; kept as is, every line would break
    twice on an 80-column terminal.  Blank lines (paragraphs) and list items keep their breaks.
    Chinese (and Japanese) are written without spaces: two lines whose join falls between
    two such characters (or full-width punctuation) are joined without one.
    """
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for raw in para.splitlines():
            line = raw.strip()
            if lines and line and not _LIST_ITEM.match(raw):
                joint = "" if _unspaced(lines[-1][-1]) and _unspaced(line[0]) else " "
                lines[-1] += joint + line
            elif line:
                lines.append(line)
        out.append("\n".join(lines))
    return "\n\n".join(out)


def clean_line(text: str) -> str:
    """Text a person typed (a name, a chat line, a cohort label) made into one tidy line to
    keep: every kind of whitespace becomes a space, runs of spaces collapse, the ends are
    trimmed, and control, format, private-use and unassigned characters (Unicode category C:
    escape sequences, bells, bidi overrides) are dropped.  Unlike :func:`terminal_safe`, which
    shows such characters as escapes, this removes them: the result is stored and shown to
    others as the person's own text.  It may be empty; callers bound its length."""
    import unicodedata  # here, not at the top: this function was appended to keep merges clean

    kept = "".join(
        " " if ch.isspace() else ch
        for ch in str(text)
        if ch.isspace() or unicodedata.category(ch)[0] != "C"
    )
    return " ".join(kept.split())
