"""``crisis-sim check SCENARIO``: bots play it many ways; report what play never reaches.

The work is done by :mod:`game.toolkit.check`; this module reads the file, runs it and prints.
See ``docs/check.md`` for the report, every finding code and the ``--json`` shape.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from game.commands.simulate import MAX_RUNS
from game.files import exists
from game.i18n import _
from game.scenario import Limits, LoadResult, load_text
from game.scenario.translation import localise, table_path
from game.scenario.yamlsource import parse_document, read_text
from game.textsafe import json_safe, terminal_safe
from game.toolkit.check import CHECK_FORMAT, CHECK_POLICIES, check, to_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        conflict_handler="resolve",  # a global --lang may be added to every command
        help=_(
            "play a scenario with every bot policy and report content never reached, "
            "unused flags, dominated options, pinned metrics, scores and endings"
        ),
        description=_(
            "Bots play SCENARIO RUNS times with each policy in every seat ({policies}) and RUNS "
            "times with a seeded mix of policies (run i uses seed SEED + i); what no game "
            "reached is then searched for with more line-ups. Reports endings, decisions, "
            "injects, events and options no game reached (errors) or few games reached "
            "(warnings), flags never read or never set, options never worth choosing or always "
            "best, metrics pinned at a bound, and the scores and endings of every policy. The "
            "same arguments always print the same output. Exit 0 when there are no errors "
            "(warnings allowed unless --strict), 1 for errors or a scenario that does not load, "
            "2 for usage errors. See docs/check.md."
        ).format(policies=", ".join(CHECK_POLICIES[:-1])),
    )
    p.add_argument("scenario", metavar="SCENARIO", help=_("a scenario file or a shipped name"))
    p.add_argument(
        "--runs", type=int, default=50, metavar="N", help=_("games per policy (default: 50)")
    )
    p.add_argument("--seed", type=int, default=1, metavar="S", help=_("seed of run 0 (default: 1)"))
    p.add_argument("--json", action="store_true", help=_("print JSON for tools instead of text"))
    p.add_argument("--strict", action="store_true", help=_("exit 1 on warnings too"))
    p.add_argument(
        "--lang", metavar="TAG", help=_("play the scenario's translation to TAG (e.g. zh-Hant)")
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.runs <= MAX_RUNS:
        print(
            _("crisis-sim check: --runs must be between 1 and {MAX_RUNS}").format(
                MAX_RUNS=MAX_RUNS
            ),
            file=sys.stderr,
        )
        return 2
    from game.locations import find_scenario  # a path, or a shipped scenario's name

    file = str(find_scenario(args.scenario) or args.scenario)
    limits = Limits()
    text, diags = read_text(file, limits)
    loaded = load_text(text, file, limits) if text is not None else None
    lang = getattr(args, "lang", None)
    if loaded is not None and loaded.scenario is not None and lang:
        failed = _localise(loaded, lang, file, limits)
        if isinstance(failed, int):
            return failed
        loaded = failed
    if loaded is None or loaded.scenario is None:
        diagnostics = loaded.diagnostics if loaded is not None else tuple(diags)
        if args.json:
            _dump(_failed_json(file, diagnostics, args))
        else:
            for d in diagnostics:
                print(d.format())
        print(
            _("crisis-sim check: {file} has errors; nothing was played").format(file=file),
            file=sys.stderr,
        )
        return 1
    assert text is not None
    doc, _diags = parse_document(file, text, limits)
    report = check(
        loaded.scenario,
        runs=args.runs,
        seed=args.seed,
        path=file,
        source=doc.source if doc is not None else None,
        diagnostics=loaded.warnings,
    )
    if args.json:
        _dump(report.to_json())
    else:
        sys.stdout.write(terminal_safe(to_text(report)))
    return 1 if report.failed(args.strict) else 0


def _localise(loaded: LoadResult, lang: str, file: str, limits: Limits) -> LoadResult | int:
    """The scenario in ``lang`` through its translation table; exit 1 when the table has errors.

    A scenario without a table for ``lang`` is checked in its own words, with a note (``--lang``
    is also the global option choosing the language of every message).
    """
    scenario = loaded.scenario
    if scenario is None or scenario.language == lang:
        return loaded
    where = table_path(file, lang)
    if not exists(where):
        print(
            _(
                "crisis-sim check: {path} has no {lang} translation ({table}); it is checked in "
                "its own language"
            ).format(path=file, lang=lang, table=where),
            file=sys.stderr,
        )
        return loaded
    localised = localise(loaded, lang, limits)
    if localised.scenario is not None and localised.scenario.language == lang:
        return localised
    for d in localised.errors:
        print(d.format())
    print(
        _(
            "crisis-sim check: the {lang} translation has errors ({path}); nothing was played"
        ).format(lang=lang, path=where),
        file=sys.stderr,
    )
    return 1


def _dump(payload: dict[str, Any]) -> None:
    sys.stdout.write(json_safe(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n")


def _failed_json(file: str, diagnostics: Any, args: argparse.Namespace) -> dict[str, Any]:
    """The ``--json`` shape for a file that does not load: the same keys, nothing played."""
    return {
        "format": CHECK_FORMAT,
        "path": file,
        "scenario": None,
        "runs": args.runs,
        "seed": args.seed,
        "games": 0,
        "errors": sum(1 for d in diagnostics if d.severity == "error"),
        "warnings": sum(1 for d in diagnostics if d.severity == "warning"),
        "notes": 0,
        "findings": [{**d.to_json(), "kind": "file", "id": "", "games": None} for d in diagnostics],
        "coverage": {},
        "flags": {},
        "metrics": {},
        "policies": {},
    }
