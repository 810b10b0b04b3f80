"""The JSON Schema for editors: committed, valid, and accepting every valid scenario."""

from __future__ import annotations

import functools
import json
import pathlib
import subprocess
import sys

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from game.cli import main
from game.scenario.schema import schema_json
from game.scenario.yamlsource import Limits, parse_document

from .scenario_text import MINIMAL, scenario
from .strategies import scenario_texts

ROOT = pathlib.Path(__file__).parents[2]
COMMITTED = ROOT / "scenarios" / "schema.json"
FIXTURE = pathlib.Path(__file__).parent / "fixtures" / "spec_example.yaml"
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text(encoding="utf-8")))


def _data(text: str, name: str = "s.yaml"):
    """The file as plain data, read by the project's own YAML reader (YAML 1.2 booleans)."""
    doc, diags = parse_document(name, text, Limits())
    assert doc is not None, diags
    return doc.value


def test_schema_command_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == COMMITTED.read_text(encoding="utf-8"), (
        "scenarios/schema.json is stale: regenerate it with "
        "'.venv/bin/python -m game schema > scenarios/schema.json'"
    )
    assert out == schema_json()


def test_schema_command_runs_as_a_module() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "game", "schema"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == COMMITTED.read_text(encoding="utf-8")


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    "path", [FIXTURE, *SHIPPED], ids=lambda p: p.name if isinstance(p, pathlib.Path) else p
)
def test_spec_fixture_and_shipped_scenarios_match_the_schema(path: pathlib.Path) -> None:
    errors = list(_validator().iter_errors(_data(path.read_text(encoding="utf-8"), str(path))))
    assert errors == [], [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_there_are_shipped_scenarios() -> None:
    assert SHIPPED


def test_minimal_scenario_matches_the_schema() -> None:
    _validator().validate(_data(MINIMAL))


@pytest.mark.parametrize(
    "snippet",
    [
        "titel: Mini\n",
        "type: fyre\n",
        "estimated_minutes: 1.5\n",
        "format: crisis-sim/2\n",
        "roles:\n  crisis_manger:\n",
        "metrics:\n  morale: {label: Morale}\n",
        "metrics:\n  Morale: {start: 1}\n",
        "flags: calm\n",
        "turns:\n  - label: Day 1\n    decisions:\n      - {id: d, role: ceo, prompt: P}\n",
        "statements:\n  - {id: Hello, text: Hi}\n",
    ],
)
def test_schema_rejects_shape_mistakes(snippet: str) -> None:
    # What editors can flag while typing; the loader reports these too (with codes).
    assert list(_validator().iter_errors(_data(scenario(snippet))))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_texts())
def test_schema_accepts_every_generated_valid_scenario(generated) -> None:
    _doc, text = generated
    errors = list(_validator().iter_errors(_data(text)))
    assert errors == [], [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
