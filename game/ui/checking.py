"""``crisis-sim check`` for the window: the same steps and the same text as
:mod:`game.commands.check` with its default runs and seed, returned instead of printed.

Runs on a worker thread (:class:`game.ui.background.Job`): bots play the scenario hundreds of
times.  The file is read again from disk, so the report is about what is saved now.  No pygame.
"""

from __future__ import annotations

import attrs

from game.i18n import _
from game.scenario import Limits, load_text
from game.scenario.yamlsource import parse_document, read_text
from game.toolkit.check import check, to_text

RUNS = 50  # crisis-sim check's defaults
SEED = 1


@attrs.frozen
class CheckText:
    text: str  # what `crisis-sim check FILE` prints (its diagnostics, for a file that fails)
    loaded: bool  # False: the file does not load, nothing was played
    errors: int
    warnings: int
    notes: int = 0


def check_file(path: str, runs: int = RUNS, seed: int = SEED) -> CheckText:
    limits = Limits()
    text, diags = read_text(path, limits)
    loaded = load_text(text, path, limits) if text is not None else None
    if loaded is None or loaded.scenario is None:
        diagnostics = loaded.diagnostics if loaded is not None else tuple(diags)
        lines = [d.format() for d in diagnostics]
        lines.append(
            "crisis-sim check: " + _("{path} has errors; nothing was played").format(path=path)
        )
        errors = sum(1 for d in diagnostics if d.severity == "error")
        return CheckText("\n".join(lines) + "\n", False, errors, len(diagnostics) - errors)
    assert text is not None
    doc, _diagnostics = parse_document(path, text, limits)
    report = check(
        loaded.scenario,
        runs=runs,
        seed=seed,
        path=path,
        source=doc.source if doc is not None else None,
        diagnostics=loaded.warnings,
    )
    return CheckText(to_text(report), True, report.errors, report.warnings, report.notes)
