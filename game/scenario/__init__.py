"""Scenario files: safe YAML reading, the frozen model, validation and diagnostics.

The names below load their module on first use, so importing the model alone does not import the
loader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.lazyexports import lazy_exports

if TYPE_CHECKING:  # the same names, eagerly, for type checkers and editors
    from game.scenario.diagnostics import Diagnostic
    from game.scenario.loader import LoadResult, load_scenario, load_text, scenario_files
    from game.scenario.model import Scenario
    from game.scenario.yamlsource import Limits

#: Public name -> the module defining it; imported on first use (PEP 562).
_EXPORTS = {
    "Diagnostic": "game.scenario.diagnostics",
    "Limits": "game.scenario.yamlsource",
    "LoadResult": "game.scenario.loader",
    "Scenario": "game.scenario.model",
    "load_scenario": "game.scenario.loader",
    "load_text": "game.scenario.loader",
    "scenario_files": "game.scenario.loader",
}

__all__ = [
    "Diagnostic",
    "Limits",
    "LoadResult",
    "Scenario",
    "load_scenario",
    "load_text",
    "scenario_files",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
