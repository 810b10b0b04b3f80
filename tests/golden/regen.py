"""Regenerate the pinned results of the golden playthroughs after an intentional change.

Each ``tests/golden/<scenario>.json`` holds one full human-like game of a shipped scenario (its
actions, with times) and the result the game gives (``expected``: ending, team and role
scores, final metrics and flags, events fired).  ``tests/scenarios/test_golden.py`` replays the
actions and fails when the result differs.  When the difference is intended (you rebalanced a
scenario, changed a scoring rule), run from the repository root::

    .venv/bin/python tests/golden/regen.py               # every golden game
    .venv/bin/python tests/golden/regen.py reputation    # only tests/golden/reputation.json
    .venv/bin/python tests/golden/regen.py --check       # show what would change, write nothing

then read ``git diff tests/golden`` and commit it with the change that explains it.  Only
``expected`` is rewritten: the actions are the pinned game.  If an action is now refused (a
decision, option or statement was renamed or removed), the script says which one; edit the
actions by hand to an equivalent game first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.scenarios.golden_play import (  # noqa: E402
    GOLDEN,
    GoldenRefused,
    dumps,
    golden_files,
    load_golden,
    observe,
    play,
)


def _summary(expected: dict | None) -> str:
    if not expected:
        return "nothing pinned"
    total = expected["scores"]["team"]["total"]
    return f"ending {expected['ending']}, team total {total}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="golden files to regenerate (default: all)")
    parser.add_argument("--check", action="store_true", help="report changes, write nothing")
    args = parser.parse_args(argv)
    paths = [GOLDEN / f"{Path(n).stem}.json" for n in args.names] or golden_files()
    changed = 0
    for path in paths:
        if not path.is_file():
            print(f"{path}: no such golden file", file=sys.stderr)
            return 2
        g = load_golden(path)
        try:
            new = observe(play(g))
        except GoldenRefused as e:
            print(e, file=sys.stderr)
            return 1
        if not new["finished"]:
            print(f"{path.name}: the pinned actions no longer finish the game", file=sys.stderr)
            return 1
        if new == g.expected:
            print(f"{path.name}: unchanged ({_summary(new)})")
            continue
        changed += 1
        print(f"{path.name}: {_summary(g.expected)} -> {_summary(new)}")
        if not args.check:
            path.write_text(dumps({**g.data, "expected": new}), encoding="utf-8")
    if args.check and changed:
        print(f"{changed} golden file(s) would change; run without --check to rewrite them")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
