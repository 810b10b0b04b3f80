"""Loading a scenario file: read, parse, structure, check, lint; never raise on bad input.

The pipeline is a sequence of stages that each either produce the next representation or
explain why they cannot; later stages run only when earlier ones produced something, so an
author sees the structural errors of a file first and the cross-reference errors once the
structure is right.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator

import attrs

from game.i18n import _
from game.scenario import model
from game.scenario.checks import Checker
from game.scenario.diagnostics import Diagnostic, has_errors
from game.scenario.lint import lint
from game.scenario.structure import describe, structure_scenario
from game.scenario.yamlsource import Limits, parse_document, read_text
from game.sha256 import fingerprint

SCENARIO_SUFFIXES = (".yaml", ".yml")


@attrs.frozen
class LoadResult:
    """The scenario (``None`` when it has errors) and every diagnostic, sorted by position.

    A translation table with errors leaves the scenario in its own words: its errors are listed
    here while ``scenario`` is set (``game.scenario.translation.localise``)."""

    path: str
    scenario: model.Scenario | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return self.scenario is not None

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "warning")


def content_hash(text: str) -> str:
    return fingerprint(text)


def load_scenario(
    path: str | os.PathLike[str], limits: Limits | None = None, *, language: str | None = None
) -> LoadResult:
    """Load and validate one scenario file, in ``language`` when it has a translation table
    for it (``game.scenario.translation``; the content hash stays the file's own)."""
    file = os.fspath(path)
    limits = limits or Limits()
    text, diags = read_text(file, limits)
    if text is None:
        return _result(file, None, diags)
    result = load_text(text, file, limits)
    if language and result.scenario is not None and language != result.scenario.language:
        from game.scenario.translation import localise  # only for another language than its own

        result = localise(result, language, limits)
    return result


def load_text(text: str, file: str = "<scenario>", limits: Limits | None = None) -> LoadResult:
    """Validate scenario text as if it were the file ``file`` (images resolve beside it)."""
    with _gc_paused():
        return _load_text(text, file, limits)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a scenario is built.

    Parsing makes hundreds of thousands of small objects, nearly all kept; each full collection
    walks every one of them, so with collections running the load time grows faster than the
    file (3x per doubling at 16 times data_breach's size, linear without).  Reference counting
    still frees what is dropped; the file size limit bounds what is kept meanwhile.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _load_text(text: str, file: str, limits: Limits | None) -> LoadResult:
    limits = limits or Limits()
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:  # lone surrogates: not text any file could hold
        line = text.count("\n", 0, exc.start) + 1
        col = exc.start - text.rfind("\n", 0, exc.start)
        return _result(
            file,
            None,
            [Diagnostic(file, line, col, "error", "S001", _("text is not valid Unicode"))],
        )
    if size > limits.max_bytes:
        return _result(
            file, None, [Diagnostic(file, 1, 1, "error", "S001", _("file is too large"))]
        )
    doc, diags = parse_document(file, text, limits)
    if doc is None:
        return _result(file, None, diags)
    if not isinstance(doc.value, dict):
        return _result(
            file,
            None,
            [
                *diags,
                Diagnostic(
                    file,
                    *doc.source.value_at(()),
                    "error",
                    "S005",
                    _(
                        "a scenario file is a mapping of keys (format:, id:, ...), found {found}"
                    ).format(found=describe(doc.value)),
                ),
            ],
        )
    scenario, structure_diags = structure_scenario(doc.value, file, doc.source)
    diags += structure_diags
    if scenario is None:
        return _result(file, None, diags)
    diags += Checker(scenario, file, doc.source).run()
    if has_errors(diags):
        return _result(file, None, diags)
    diags += lint(scenario, file, doc.source)
    scenario = attrs.evolve(
        scenario,
        path=os.path.abspath(file) if file != "<scenario>" else "",
        content_hash=content_hash(text),
    )
    return _result(file, scenario, diags)


def _result(file: str, scenario: model.Scenario | None, diags: Iterable[Diagnostic]) -> LoadResult:
    return LoadResult(file, scenario, tuple(sorted(set(diags))))


def scenario_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Expand folders into the scenario files they hold (sorted), keep files as given."""
    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(SCENARIO_SUFFIXES):
                        yield os.path.join(root, name)
        else:
            yield p
