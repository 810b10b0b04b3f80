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
    "host",
    "join",
    "validate",
    "schema",
    "new",
    "graph",
    "check",
    "translate",
    "simulate",
    "report",
    "export_msel",
    "import_msel",
    "history",
    "progress",
    "class_view",
)

#: Commands whose module name differs from the word typed (``class`` is a Python keyword).
MODULES = {"class": "class_view"}


def build_parser(only: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with just the modules named in ``only``.

    Command modules import what their command needs (the loader, the engine, rich...), so a
    command line that names its command builds only that one: ``crisis-sim`` alone opens the
    window without importing the other eleven.
    """
    parser = argparse.ArgumentParser(
        prog="crisis-sim",
        description="Crisis Tabletop: crisis-management tabletop exercises as a game.",
    )
    parser.add_argument("--version", action="version", version=f"crisis-sim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in only if only is not None else COMMANDS:
        try:
            module = importlib.import_module(f"game.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"game.commands.{name}":
                continue  # a command not built yet in this checkout
            raise
        module.register(sub)
    return parser


def _named_command(argv: Sequence[str]) -> str | None:
    """The command module a command line names, when its first word is a known command."""
    if not argv:
        return "play"  # crisis-sim alone opens the window
    first = argv[0].replace("-", "_")
    first = MODULES.get(first, first)
    return first if first in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    named = _named_command(argv)
    parser = build_parser(None if named is None else [named])
    args = parser.parse_args(argv or ["play"])
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
