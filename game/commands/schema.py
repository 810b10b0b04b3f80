"""``crisis-sim schema``: print the JSON Schema of the scenario format for editors."""

from __future__ import annotations

import argparse
import sys

from game.i18n import _
from game.scenario.schema import schema_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schema",
        help=_("print the JSON Schema (draft 2020-12) of scenario files"),
        description=_(
            "Print the JSON Schema of the scenario format. Point your editor at it with "
            "'# yaml-language-server: $schema=schema.json' as the first line of a scenario file."
        ),
    )
    p.add_argument(
        "--translation",
        action="store_true",
        help=_("print the schema of scenario translation tables instead"),
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if getattr(args, "translation", False):
        from game.scenario.translation_schema import translation_schema_json

        sys.stdout.write(translation_schema_json())
        return 0
    sys.stdout.write(schema_json())
    return 0
