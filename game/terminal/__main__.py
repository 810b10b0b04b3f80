"""``python -m game.terminal [SCENARIO]``: terminal mode without the game window's command line.

It takes the same options as ``crisis-sim play --text`` and calls the same
:func:`game.terminal.app.run_text`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from game.commands.language import add_lang_argument
from game.commands.options import add_replace_save_option
from game.engine.seats import POLICIES
from game.i18n import _


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m game.terminal",
        description=_(
            "Play a Crisis Tabletop scenario in the terminal. When standard input is "
            "not a terminal it is read as a script (see docs/terminal.md)."
        ),
    )
    p.add_argument("scenario", nargs="?", help=_("scenario file, or a shipped scenario's name"))
    p.add_argument(
        "--seat",
        action="append",
        default=[],
        metavar="ROLE=NAME",
        help=_("a player for a role (repeat for each player)"),
    )
    p.add_argument(
        "--bots",
        choices=POLICIES,
        help=_(
            "bots with this policy play every role without a seat (default: ask for names; "
            "a script must name every seat or say `bots POLICY`)"
        ),
    )
    p.add_argument("--demo", choices=POLICIES, help=_("bots play every role; just watch"))
    p.add_argument("--resume", action="store_true", help=_("continue the saved game"))
    add_replace_save_option(p)
    p.add_argument("--data-dir", help=_("user data folder (saves, results, history)"))
    p.add_argument("--seed", type=int, help=_("fix the game's seed (option order)"))
    p.add_argument("--no-color", action="store_true", help=_("no colours (also: NO_COLOR=1)"))
    add_lang_argument(p)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from game.commands.language import LanguageError, apply_lang, take_lang, translate_argparse
    from game.terminal.app import run_text

    try:  # --lang as for crisis-sim: before anything is printed
        chosen, rest = take_lang(sys.argv[1:] if argv is None else argv)
        apply_lang(chosen)
    except LanguageError as exc:
        print(f"python -m game.terminal: {exc}", file=sys.stderr)
        return 2
    translate_argparse()
    return run_text(build_parser().parse_args(rest))


if __name__ == "__main__":
    sys.exit(main())
