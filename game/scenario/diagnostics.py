"""Diagnostics: authoring mistakes as values with a file, a position, a code and a hint.

Loading never stops at the first problem: every check appends here, and the author gets the
whole list sorted by position, in the ``path:line:col: error[CODE]: message`` form that editors
and terminals turn into links.  Each code is documented in ``docs/authoring.md``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Literal

import attrs

from game.i18n import N_, _
from game.textsafe import one_line

#: ``note`` is design advice (``crisis-sim check``): never a failure, even with ``--strict``.
Severity = Literal["error", "warning", "note"]

#: Every code with its one-line meaning (the headings of ``docs/authoring.md``).
CODES: dict[str, str] = {
    "S001": "file cannot be read (missing, too large, empty or not UTF-8)",
    "S002": "YAML syntax error",
    "S003": "YAML feature not allowed in scenario files (tags)",
    "S004": "file too complex (nesting depth, anchors and aliases)",
    "S005": "top level is not a mapping",
    "S006": "duplicate key in a mapping",
    "S010": "required key missing",
    "S011": "unknown key",
    "S012": "wrong type of value",
    "S013": "value not one of the allowed words",
    "S014": "invalid id",
    "S015": "duplicate id",
    "S016": "unsupported format version",
    "S020": "unknown name in a reference",
    "S021": "condition syntax error",
    "S022": "image path outside the scenario folder or missing",
    "S023": "rank decision's expected order is not a permutation of its items",
    "S024": "endings: the last ending must have no condition",
    "S025": "scoring weights do not sum to 1",
    "S026": "metric bounds or start value inconsistent",
    "S027": "decision fields do not match its kind",
    "S028": "role not in play",
    "S029": "number out of range",
    "S030": "picture cannot be shown (not a picture, too many pixels, or not a plain file)",
    "W101": "statement can never be used",
    "W102": "flag set but never read",
    "W103": "flag read but never set",
    "W104": "condition can never hold",
    "W105": "stakeholder's owners are not in play",
    "W106": "ending can never be reached",
    "W107": "stakeholder expects a key point no statement covers",
    "W108": "flag declared but never set or read",
    "W109": "event reads not informed(x) before x's deadline has passed",
    "W110": "key point only a conditional statement covers",
    "W111": "harmful option changes nothing (its metric is held at a bound)",
}


#: The severities as ``validate`` prints them.
SEVERITY_WORDS: dict[str, str] = {
    "error": N_("error"),
    "warning": N_("warning"),
    "note": N_("note"),
}


@attrs.frozen(order=True)
class Diagnostic:
    """One problem in a file.  ``line`` and ``column`` are 1-based (1:1 for the whole file)."""

    path: str
    line: int
    column: int
    severity: Severity = attrs.field(order=False)
    code: str = attrs.field(order=True)
    message: str = attrs.field(order=False)
    hint: str = attrs.field(default="", order=False)

    def format(self) -> str:
        """One line for a terminal; control characters from the file are shown as escapes.

        The severity word is in the reader's language; the position and the code are not, so
        editors still link ``path:line:col`` and the code is the same in every language."""
        severity = _(SEVERITY_WORDS[self.severity]) if self.severity in SEVERITY_WORDS else ""
        text = (
            f"{self.path}:{self.line}:{self.column}: "
            f"{severity or self.severity}[{self.code}]: {self.message}"
        )
        if self.hint:
            text = _("{message} ({hint})").format(message=text, hint=self.hint)
        return one_line(text)

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def closest_match(word: str, choices: Iterable[str]) -> str | None:
    """The choice a typo most likely meant, if any is close enough (shared by every hint)."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str], *, list_all: int = 12) -> str:
    """A hint naming the closest valid choice, or listing the valid ones when they are few."""
    options = sorted(set(choices))
    if not options:
        return ""
    close = closest_match(word, options)
    if close is not None:
        return _('did you mean "{word}"?').format(word=close)
    if len(options) <= list_all:
        return _("expected one of: {words}").format(words=", ".join(options))
    return ""


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)
