"""Properties: generated valid files load cleanly; broken files give diagnostics, never raise."""

from __future__ import annotations

import os
import re
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import LoadResult, load_scenario, load_text
from game.scenario.diagnostics import CODES
from game.scenario.yamlsource import Limits

from .strategies import Mutation, mutations, scenario_texts

LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (error|warning)\[(?P<code>[SW]\d{3})\]: .+"
)

#: Examples per property; raise it for a deeper search: SCENARIO_EXAMPLES=5000 pytest ...
EXAMPLES = int(os.environ.get("SCENARIO_EXAMPLES", "60"))
FAST = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def assert_well_formed(result: LoadResult, text: str) -> None:
    """Diagnostics are sorted, positioned inside the text, coded and formatted as documented."""
    diags = result.diagnostics
    assert list(diags) == sorted(diags)
    n_lines = len(text.splitlines()) + 1
    for d in diags:
        assert d.code in CODES, d
        assert d.severity == ("error" if d.code.startswith("S") else "warning"), d
        assert 1 <= d.line <= n_lines, d
        assert d.column >= 1, d
        assert d.message, d
        line = d.format()
        assert "\n" not in line.replace(d.message, "").replace(d.hint, "")
        assert LINE.match(line), line
    assert (result.scenario is None) == bool(result.errors)


@FAST
@given(scenario_texts())
def test_generated_valid_scenarios_load_without_errors(generated) -> None:
    doc, text = generated
    result = load_text(text, "generated.yaml")
    assert result.errors == (), "\n".join([text, *(d.format() for d in result.errors)])
    assert_well_formed(result, text)
    sc = result.scenario
    assert sc.id == doc["id"]
    assert [m.id for m in sc.metrics] == list(doc["metrics"])
    assert [s.id for s in sc.statements] == [s["id"] for s in doc["statements"]]
    assert len(sc.turns) == len(doc["turns"])
    assert [e.id for e in sc.endings] == [e["id"] for e in doc["endings"]]
    assert sc.endings[-1].when is None


def _load_mutation(m: Mutation) -> tuple[LoadResult, str]:
    if m.text is not None:
        return load_text(m.text, "broken.yaml"), m.text
    fd, path = tempfile.mkstemp(suffix=".yaml")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(m.data)
        return load_scenario(path), m.data.decode("utf-8", "replace")
    finally:
        os.unlink(path)


@settings(FAST, max_examples=2 * EXAMPLES)
@given(mutations())
def test_broken_files_give_diagnostics_and_never_raise(m: Mutation) -> None:
    result, text = _load_mutation(m)  # must not raise, whatever the mutation
    assert_well_formed(result, text)
    if m.must_fail:
        assert result.errors, (m.kind, m.detail)


@FAST
@given(st.text(max_size=300))
def test_any_text_gives_diagnostics_and_never_raises(text: str) -> None:
    result = load_text(text)
    assert_well_formed(result, text)
    assert result.errors  # no short text is a complete scenario


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_give_diagnostics_and_never_raise(data: bytes) -> None:
    fd, path = tempfile.mkstemp(suffix=".yaml")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        result = load_scenario(path, Limits(max_bytes=200))
    finally:
        os.unlink(path)
    assert_well_formed(result, data.decode("utf-8", "replace"))
    assert result.errors


@FAST
@given(
    st.text(
        st.sampled_from("abfgmnorstu_.()<>=!+- 0123456789'\"\\\n\t#:&*{}[],|>"),
        max_size=60,
    )
)
def test_any_condition_text_gives_diagnostics_and_never_raises(when: str) -> None:
    # Conditions are parsed by hand: junk must become S021/S020, never an exception.
    text = (
        "format: crisis-sim/1\nid: c\ntitle: T\ntype: other\nsummary: S\nbriefing: B\n"
        "metrics: {m: {start: 0}}\nflags: [f]\nstakeholders: {s: {name: S}}\n"
        "statements: [{id: st, text: T, set: [f]}]\nturns: [{label: T}]\n"
        f"endings: [{{id: a, title: A, when: {when!r}}}, {{id: b, title: B}}]\n"
    )
    result = load_text(text)
    assert_well_formed(result, text)
