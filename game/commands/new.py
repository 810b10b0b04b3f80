"""``crisis-sim new PATH``: write a small, valid, commented scenario to start from."""

from __future__ import annotations

import argparse
import os
import sys

from game.files import write_atomic
from game.scenario import load_scenario
from game.scenario.model import ROLE_IDS, SCENARIO_TYPES
from game.scenario.schema import schema_json
from game.toolkit.starter import slug, starter_text

SCHEMA_NAME = "schema.json"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "new",
        help="write a commented starter scenario that validates cleanly",
        description="Write a small scenario that shows every feature of the format once, with "
        "comments, and validates with no errors or warnings. Never overwrites a file. Writes "
        "schema.json beside it too when that folder has none, for editor completion.",
    )
    p.add_argument("path", metavar="PATH", help="the scenario file to create (.yaml or .yml)")
    p.add_argument(
        "--type",
        dest="scenario_type",
        choices=SCENARIO_TYPES,
        default="other",
        metavar="TYPE",
        help="kind of crisis: " + ", ".join(SCENARIO_TYPES) + " (default: %(default)s)",
    )
    p.add_argument(
        "--roles",
        nargs="+",
        choices=ROLE_IDS,
        metavar="ROLE",
        help="roles taking part (default: all five): " + ", ".join(ROLE_IDS),
    )
    p.add_argument("--title", help="the scenario title (default: one for the type)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path: str = args.path
    if not path.endswith((".yaml", ".yml")):
        print(f"crisis-sim new: {path}: scenario files end in .yaml or .yml", file=sys.stderr)
        return 2
    if args.title is not None and not args.title.strip():
        print("crisis-sim new: --title must not be empty", file=sys.stderr)
        return 2
    if os.path.lexists(path):
        print(
            f"crisis-sim new: {path} already exists; not overwriting it (choose another name)",
            file=sys.stderr,
        )
        return 1
    folder = os.path.dirname(os.path.abspath(path))
    schema_path = os.path.join(os.path.dirname(path), SCHEMA_NAME)  # as the user wrote it
    stem = os.path.splitext(os.path.basename(path))[0]
    text = starter_text(
        args.scenario_type,
        roles=args.roles,
        title=args.title.strip() if args.title else None,
        scenario_id=slug(stem),
        schema_ref=SCHEMA_NAME,
    )
    try:
        os.makedirs(folder, exist_ok=True)
        write_atomic(path, text, overwrite=False)
    except FileExistsError:
        print(f"crisis-sim new: {path} already exists; not overwriting it", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"crisis-sim new: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    if not os.path.exists(schema_path):
        try:
            write_atomic(schema_path, schema_json(), overwrite=False)
            print(f"wrote {schema_path} (the JSON Schema editors use to complete and check keys)")
        except FileExistsError:
            pass
        except OSError as exc:
            print(
                f"crisis-sim new: note: could not write {schema_path}: {exc.strerror or exc}",
                file=sys.stderr,
            )
    result = load_scenario(path)
    for d in result.diagnostics:  # none expected: the tests pin that; say so if it ever happens
        print(d.format(), file=sys.stderr)
    print(f"next: edit it, then run  crisis-sim validate {path}")
    return 0 if result.ok else 1
