"""YAML syntax errors told for people: where the real mistake is, in words an author knows.

The YAML parser reports where it *noticed* a problem, which can be many lines after the
mistake: an unclosed quote swallows every line up to the next quote character, a line indented
one space too little is read as something else until a later line cannot fit.  Its words
("while scanning a quoted scalar", "did not find expected key") are about the parser.

:func:`explain` looks at the text itself for the usual mistakes and, when it finds one at or
before the place the parser stopped, points at it:

- a quote opened and not closed on its line;
- text after a closing quote (``headline: "Live" at the hotel``);
- ``: `` inside unquoted text (``title: Update: all clear``), which YAML reads as a new key;
- a line indented less (or more) than its siblings.

It returns None when none of them applies; the parser's own message is then shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from game.i18n import _

_KEY = re.compile(
    r"(?P<indent> *)(?P<dash>(?:- +)*)(?P<key>[^-\s#'\"{\[][^:#]*?|\"[^\"]*\"|'[^']*'):(?: +|$)"
)
_BLOCK = re.compile(r"[|>][-+0-9]*\s*(#.*)?$")


@attrs.frozen
class Explained:
    line: int  # 1-based
    column: int  # 1-based
    message: str
    hint: str = ""


@attrs.frozen
class _Line:
    number: int  # 1-based
    text: str
    indent: int


def explain(text: str, problem_line: int, problem: str = "") -> Explained | None:
    """The likely mistake behind a YAML syntax error the parser noticed at ``problem_line``
    (1-based), or None."""
    lines = text.splitlines()
    last = min(problem_line, len(lines))
    content = list(_content_lines(lines))
    for check in (_unclosed_quote, _text_after_quote, _colon_in_text):
        found = check(content, last)
        if found is not None:
            return found
    if "expected" in problem or "mapping values" in problem or not problem:
        return _bad_indent(content, last)
    return None


def _content_lines(lines: list[str]):
    """Lines that hold keys or list items: blank lines, comments and the text of ``|`` / ``>``
    blocks are left out."""
    block_indent: int | None = None
    for n, raw in enumerate(lines, 1):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip(" "))
        if block_indent is not None:
            if not stripped or indent > block_indent:
                continue
            block_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        yield _Line(n, raw, indent)
        m = _KEY.match(raw)
        value = raw[m.end() :] if m else raw.strip()[2:] if stripped.startswith("- ") else ""
        if _BLOCK.match(value):
            block_indent = indent + (len(m.group("dash")) if m else 0)


def _value(line: _Line) -> tuple[int, str] | None:
    """(column, text) of a ``key: value`` or ``- value`` line's value."""
    m = _KEY.match(line.text)
    if m is not None:
        return m.end(), line.text[m.end() :]
    stripped = line.text.lstrip(" ")
    if stripped.startswith("- "):
        start = line.indent + 2
        return start, line.text[start:].lstrip(" ")
    return None


def _closing(value: str) -> int | None:
    """Where the quote that opens ``value`` closes, or None when it does not on this line."""
    q = value[0]
    i = 1
    while i < len(value):
        c = value[i]
        if q == '"' and c == "\\":
            i += 2
            continue
        if c == q:
            if q == "'" and value[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _quoted_values(content: list[_Line], last: int) -> Iterator[tuple[_Line, int, str]]:
    """Each line up to line ``last`` whose value starts with a quote: the line, the value's
    column and the value."""
    for line in content:
        if line.number > last:
            break
        got = _value(line)
        if got is not None and got[1][:1] in ("'", '"'):
            yield line, got[0], got[1]


def _unclosed_quote(content: list[_Line], last: int) -> Explained | None:
    found = None
    for line, column, value in _quoted_values(content, last):
        if _closing(value) is None:
            found = (line, column, value[0])
    if found is None:
        return None
    line, column, q = found
    return Explained(
        line.number,
        column + 1,
        _(
            "this quoted text is not closed on its line: YAML reads everything up to the next "
            "{q} as one text"
        ).format(q=q),
        _(
            "close it at the end of the text ({q}…{q}), or write text over several lines as a "
            "| block"
        ).format(q=q),
    )


def _text_after_quote(content: list[_Line], last: int) -> Explained | None:
    for line, column, value in _quoted_values(content, last):
        end = _closing(value)
        if end is None:
            continue
        rest = value[end + 1 :].strip()
        if rest and not rest.startswith(("#", ",", "}", "]")):
            whole = value.rstrip()
            suggestion = (
                "'" + whole.replace("'", "''") + "'" if value[0] == '"' else '"' + whole + '"'
            )
            return Explained(
                line.number,
                column + end + 2,
                _("text after the closing quote: a quoted text must be the whole value"),
                _("put all of it inside the quotes: {suggestion}").format(suggestion=suggestion),
            )
    return None


def _colon_in_text(content: list[_Line], last: int) -> Explained | None:
    for line in content:
        if line.number > last:
            break
        got = _value(line)
        if got is None:
            continue
        column, value = got
        if not value or value[0] in "'\"{[|>&*!":
            continue
        inner = value.split(" #", 1)[0]
        at = inner.find(": ")
        if at < 0 and inner.endswith(":"):
            at = len(inner) - 1
        if at < 0:
            continue
        key = line.text[:column].rstrip().rstrip(":").strip().lstrip("- ")
        return Explained(
            line.number,
            column + at + 1,
            _('this text contains ": ", which YAML reads as the start of a new key'),
            _('quote text containing ": ": {key}: "{value}"').format(key=key, value=inner.strip())
            if key
            else _('quote text containing ": "'),
        )
    return None


def _bad_indent(content: list[_Line], last: int) -> Explained | None:
    """The first line indented to a level none of its enclosing lines use, or indented under
    a line that does not start a block."""
    stack: list[tuple[int, int]] = []  # open levels: (indent, the last line at that level)
    previous: _Line | None = None
    for line in content:
        if line.number > last:
            break
        i = line.indent
        if previous is not None and i > _inner(previous) and not _opens(previous):
            return Explained(
                line.number,
                i + 1,
                _(
                    "this line is indented more than the line before it (line {number}), which "
                    "does not start a block"
                ).format(number=previous.number),
                _("line it up with line {number} ({n} spaces)").format(
                    number=previous.number, n=_inner(previous)
                ),
            )
        popped: tuple[int, int] | None = None
        while stack and stack[-1][0] > i:
            popped = stack.pop()
        if stack and stack[-1][0] == i:
            stack[-1] = (i, line.number)
        elif popped is not None:
            return _dedent(line, *popped)
        else:
            stack.append((i, line.number))
        m = _KEY.match(line.text)
        if m is not None and m.group("dash"):
            stack.append((i + len(m.group("dash")), line.number))
        previous = line
    return None


def _inner(line: _Line) -> int:
    """The column of a line's key: after its dashes for a list item."""
    m = _KEY.match(line.text)
    return line.indent + (len(m.group("dash")) if m is not None else 0)


def _dedent(line: _Line, indent: int, sibling: int) -> Explained:
    return Explained(
        line.number,
        line.indent + 1,
        _(
            "this line is indented less than its siblings at line {sibling} ({indent} spaces "
            "instead of {expected})"
        ).format(sibling=sibling, indent=line.indent, expected=indent),
        _("indent it by {indent} spaces like line {sibling}, or less to end that block").format(
            indent=indent, sibling=sibling
        ),
    )


def _opens(line: _Line) -> bool:
    """Whether ``line`` starts a block (``key:`` with nothing after it, a ``|`` block) or
    leaves a bracket open (a ``{...}`` or ``[...]`` over several lines)."""
    text = line.text.split(" #", 1)[0].rstrip()
    brackets = text.count("{") + text.count("[") > text.count("}") + text.count("]")
    return text.endswith(":") or brackets or bool(_BLOCK.search(text))
