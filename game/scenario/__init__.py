"""Scenario files: safe YAML reading, the frozen model, validation and diagnostics."""

from game.scenario.diagnostics import Diagnostic
from game.scenario.loader import LoadResult, load_scenario, load_text, scenario_files
from game.scenario.model import Scenario
from game.scenario.yamlsource import Limits

__all__ = [
    "Diagnostic",
    "Limits",
    "LoadResult",
    "Scenario",
    "load_scenario",
    "load_text",
    "scenario_files",
]
