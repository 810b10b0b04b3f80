"""The ``crisis-sim`` command line: one sub-command per module in ``game.commands``.

Each command module exposes ``register(subparsers)`` which adds its parser and sets
``func(args) -> int``.  Exit codes are shared by every command: 0 success, 1 the input was
wrong (a scenario with errors, a bad save), 2 the command line itself was wrong.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from game import __version__

#: Command modules (``game.commands.<name>``) in the order they appear in ``--help``.
COMMANDS = (
    "play",
    "validate",
    "schema",
    "new",
    "graph",
    "check",
    "simulate",
    "report",
    "export_msel",
    "import_msel",
    "history",
    "progress",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crisis-sim",
        description="Crisis Tabletop: crisis-management tabletop exercises as a game.",
    )
    parser.add_argument("--version", action="version", version=f"crisis-sim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"game.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"game.commands.{name}":
                continue  # a command not built yet in this checkout
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if "play" in parser._subparsers._group_actions[0].choices:  # type: ignore[union-attr]
            args = parser.parse_args(["play", *(argv or [])])
        else:
            parser.print_help()
            return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
