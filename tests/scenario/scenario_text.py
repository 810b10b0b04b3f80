"""Scenario texts for tests: a minimal valid file, and that file with some sections replaced.

Tests write only the lines they are about, at the top of the document, so the line and column
they expect can be read off the inline YAML; :func:`scenario` appends every top-level section
of :data:`MINIMAL` that the snippet does not define.
"""

from __future__ import annotations

import re
import textwrap

#: The smallest valid scenario: no errors, no warnings.
MINIMAL = """\
format: crisis-sim/1
id: mini
title: Mini
type: other
summary: A tiny scenario.
briefing: Something happened.
metrics:
  morale: {start: 50, min: 0, max: 100}
stakeholders:
  staff: {name: All staff}
statements:
  - {id: hello, text: We are on it.}
turns:
  - label: Day 1
endings:
  - {id: the-end, title: The end}
"""

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.MULTILINE)


def sections(text: str) -> dict[str, str]:
    """Top-level sections of a block-style YAML text, each with its lines, by key."""
    out: dict[str, str] = {}
    key = None
    for line in text.splitlines(keepends=True):
        m = _TOP_KEY.match(line)
        if m:
            key = m.group(1)
            out[key] = line
        elif key is not None:
            out[key] += line
    return out


def scenario(snippet: str = "", *, drop: tuple[str, ...] = (), base: str = MINIMAL) -> str:
    """``snippet`` (dedented, first), then the sections of ``base`` it does not define."""
    snippet = textwrap.dedent(snippet)
    if snippet and not snippet.endswith("\n"):
        snippet += "\n"
    defined = set(_TOP_KEY.findall(snippet))
    rest = "".join(
        body for key, body in sections(base).items() if key not in defined and key not in drop
    )
    return snippet + rest
