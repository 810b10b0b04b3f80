"""``crisis-sim new PATH``: write a small, valid, commented scenario to start from."""

from __future__ import annotations

import argparse
import os
import sys

from game.files import write_atomic
from game.i18n import _
from game.scenario import load_scenario
from game.scenario.model import ROLE_IDS, SCENARIO_TYPES
from game.scenario.schema import schema_json
from game.toolkit.starter import slug, starter_text

SCHEMA_NAME = "schema.json"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "new",
        help=_("write a commented starter scenario that validates cleanly"),
        description=_(
            "Write a small scenario that shows every feature of the format once, with "
            "comments, and validates with no errors or warnings. Never overwrites a file. Writes "
            "schema.json beside it too when that folder has none, for editor completion."
        ),
    )
    p.add_argument("path", metavar="PATH", help=_("the scenario file to create (.yaml or .yml)"))
    p.add_argument(
        "--type",
        dest="scenario_type",
        choices=SCENARIO_TYPES,
        default="other",
        metavar="TYPE",
        help=_("kind of crisis: {types} (default: %(default)s)").format(
            types=", ".join(SCENARIO_TYPES)
        ),
    )
    p.add_argument(
        "--roles",
        nargs="+",
        choices=ROLE_IDS,
        metavar="ROLE",
        help=_("roles taking part (default: all five): {roles}").format(roles=", ".join(ROLE_IDS)),
    )
    p.add_argument("--title", help=_("the scenario title (default: one for the type)"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path: str = args.path
    if not path.endswith((".yaml", ".yml")):
        print(
            _("crisis-sim new: {path}: scenario files end in .yaml or .yml").format(path=path),
            file=sys.stderr,
        )
        return 2
    if args.title is not None and not args.title.strip():
        print(_("crisis-sim new: --title must not be empty"), file=sys.stderr)
        return 2
    if os.path.lexists(path):
        print(
            _(
                "crisis-sim new: {path} already exists; not overwriting it (choose another name)"
            ).format(path=path),
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
        print(
            _("crisis-sim new: {path} already exists; not overwriting it").format(path=path),
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        print(
            _("crisis-sim new: cannot write {path}: {value}").format(
                path=path, value=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return 1
    print(_("wrote {path}").format(path=path))
    if not os.path.exists(schema_path):
        try:
            write_atomic(schema_path, schema_json(), overwrite=False)
            print(
                _(
                    "wrote {schema_path} (the JSON Schema editors use to complete and check keys)"
                ).format(schema_path=schema_path)
            )
        except FileExistsError:
            pass
        except OSError as exc:
            print(
                _("crisis-sim new: note: could not write {schema_path}: {value}").format(
                    schema_path=schema_path, value=exc.strerror or exc
                ),
                file=sys.stderr,
            )
    result = load_scenario(path)
    for d in result.diagnostics:  # none expected: the tests pin that; say so if it ever happens
        print(d.format(), file=sys.stderr)
    print(_("next: edit it, then run  crisis-sim validate {path}").format(path=path))
    return 0 if result.ok else 1
