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

from game import __version__, i18n
from game.commands.language import (
    LanguageError,
    add_lang_argument,
    apply_lang,
    take_lang,
    translate_argparse,
)
from game.i18n import _

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
        description=_("Crisis Tabletop: crisis-management tabletop exercises as a game."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"crisis-sim {__version__}",
        help=_("show program's version number and exit"),
    )
    add_lang_argument(parser)
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
    # The language first: every message and help text after this is in it.
    try:
        chosen, argv = take_lang(argv)
        apply_lang(chosen)
    except LanguageError as exc:
        print(f"crisis-sim: {exc}", file=sys.stderr)
        return 2
    translate_argparse()
    named = _named_command(argv)
    parser = build_parser(None if named is None else [named])
    args = parser.parse_args(argv or ["play"])
    if chosen is not None and getattr(args, "lang", "") is None:
        # A command with its own --lang (e.g. check: which translation to play) gets the
        # global one: the option was taken out of the command line before parsing.
        args.lang = i18n.explicit()
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print(_("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
