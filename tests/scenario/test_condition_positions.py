"""Errors inside a condition point at the column of the mistake, however the string is written."""

from __future__ import annotations

import pytest

from game.scenario import load_text

from .scenario_text import scenario


def _ending(when: str) -> str:
    """An ending whose ``when`` is written as given (the value text, after ``when:``)."""
    return scenario(
        f"""\
endings:
  - id: good
    title: Good
    when: {when}
  - {{id: bad, title: Bad}}
"""
    )


def _column_of(marker: str, line: str) -> int:
    """1-based column of ``marker`` in ``line`` (written once there)."""
    assert line.count(marker) == 1, (marker, line)
    return line.index(marker) + 1


#: (how the condition is written after "when: ", line of the error, text found at the error)
CASES = [
    pytest.param("morale > 1 and nope < 2", 4, "nope", id="plain"),
    pytest.param("'morale > 1 and nope < 2'", 4, "nope", id="single-quoted"),
    pytest.param('"morale > 1 and nope < 2"', 4, "nope", id="double-quoted"),
    pytest.param('"\\t morale > 1 and nope < 2"', 4, "nope", id="double-quoted-escape"),
    pytest.param('"\\x6Dorale > 1 and nope < 2"', 4, "nope", id="double-quoted-hex-escape"),
    pytest.param("&c 'morale > 1 and nope < 2'", 4, "nope", id="anchored"),
    pytest.param("!!str morale > 1 and nope < 2", 4, "nope", id="tagged"),
    pytest.param("|\n      morale > 1 and\n      nope < 2", 6, "nope", id="literal-block"),
    pytest.param(">\n      morale > 1 and\n\n      nope < 2", 7, "nope", id="folded-block"),
    pytest.param("morale > 1\n      and nope < 2", 5, "nope", id="plain-two-lines"),
    pytest.param('"morale > 1\n      and nope < 2"', 5, "nope", id="double-quoted-two-lines"),
    pytest.param("'morale > 1\n\n      and nope < 2'", 6, "nope", id="single-quoted-blank-line"),
    pytest.param("'\u00e9t\u00e9 > 1'", 4, "\u00e9t\u00e9", id="non-ascii-name"),
    pytest.param("'morale > 1 or ''x'' > 2'", 4, "''x", id="single-quoted-quote-escape"),
    pytest.param("'\U0001f525 > 1'", 4, "\U0001f525", id="astral-character"),
]


@pytest.mark.parametrize(("when", "line", "marker"), CASES)
def test_error_points_inside_the_condition(when: str, line: int, marker: str) -> None:
    text = _ending(when)
    result = load_text(text, "s.yaml")
    errors = [(d.line, d.column) for d in result.errors if d.code in ("S020", "S021")]
    written = text.splitlines()[line - 1]
    assert errors == [(line, _column_of(marker, written))], [d.format() for d in result.diagnostics]


@pytest.mark.parametrize(
    ("when", "marker", "message"),
    [
        ("morale >> 1", "> 1", 'unexpected ">"'),
        ("'morale > 1 and'", "'\n", "ends too early"),
        ('"(morale > 1"', '"\n', 'missing ")"'),
        ("morale > 1 < 2", "< 2", "cannot be chained"),
        ("morale + 1", "morale", "must be true or false"),
        ('"morale > 1 and true == 1"', "==", 'both sides of "=="'),
        ("chose(", "\n", "takes an id"),
        ("morale $ 1", "$", 'unexpected character "$"'),
        ("Morale > 1", "Morale", "not a valid name"),
        ("not not morale", "morale", "must be true or false"),
        ("'" + "(" * 40 + "morale > 1" + ")" * 40 + "'", "(" * 8 + "m", "too deeply nested"),
        ("morale > 10000000000000000", "10000", "number too large"),
        ("informed(a.b)", "b)", "one stakeholder id"),
    ],
)
def test_syntax_error_points_at_the_mistake(when: str, marker: str, message: str) -> None:
    text = _ending(when)
    result = load_text(text, "s.yaml")
    errors = [d for d in result.errors if d.code == "S021"]
    written = text.splitlines()[3] + "\n"
    assert [(d.line, d.column) for d in errors] == [(4, _column_of(marker, written))], [
        d.format() for d in result.diagnostics
    ]
    assert message in errors[0].message


@pytest.mark.parametrize(
    ("when", "column", "message"),
    [
        ("flags.clam", 17, 'unknown flag "clam" (did you mean "calm"?)'),
        ("chose(act)", 17, 'unknown decision "act"'),
        ("chose(plan.bad)", 22, 'no option "bad"'),
        ("informed(staf)", 20, 'did you mean "staff"?'),
        ("calm > 0", 11, '"calm" is a flag: write flags.calm'),
    ],
)
def test_unknown_reference_points_at_the_name(when: str, column: int, message: str) -> None:
    text = scenario(
        f"""\
flags: [calm]
endings:
  - id: good
    title: Good
    when: {when}
  - {{id: bad, title: Bad}}
turns:
  - label: Day 1
    decisions:
      - id: plan
        role: crisis_manager
        prompt: Plan?
        options: [{{id: good-plan, text: Good plan, rating: best, set: [calm]}}]
"""
    )
    result = load_text(text, "s.yaml")
    errors = [d for d in result.errors if d.code == "S020"]
    assert [(d.line, d.column) for d in errors] == [(5, column)], [
        d.format() for d in result.diagnostics
    ]
    assert message in errors[0].format()
