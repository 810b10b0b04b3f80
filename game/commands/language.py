"""The ``--lang`` option every command takes, and argparse's own words in the reader's language.

``--lang`` is global: it is accepted before or after the command name (``crisis-sim --lang
zh-Hant validate x.yaml`` and ``crisis-sim validate x.yaml --lang zh-Hant``), so it is taken
out of the command line before argparse sees it and the language is set before any parser or
message is built (help texts are translated when the parsers are made).  Without it the system
locale decides (:func:`game.i18n.detect`).

argparse writes "usage:", "error:", "the following arguments are required" … through the
module-level ``_`` and ``ngettext`` it imported from :mod:`gettext`; :func:`translate_argparse`
points those two names at our catalog, which holds argparse's message ids (listed below so
extraction keeps them in the template; they are argparse's exact strings, Python 3.11–3.13).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence

from game import i18n
from game.i18n import N_
from game.linebreak import break_lines

#: Characters of scripts written without spaces (help texts holding them wrap by character).
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

#: argparse's messages a user can meet, by their exact msgids, so the catalog holds them.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid choice: %(value)r, maybe you meant %(closest)r?"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("show program's version number and exit"),
)


class LanguageError(ValueError):
    """``--lang`` named a language the game does not ship (or had no value)."""


def take_lang(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """``(the --lang value or None, argv without it)``; the last ``--lang`` wins.

    Only options before a ``--`` are looked at: after it every word is an argument.
    """
    out: list[str] = []
    chosen: str | None = None
    words = list(argv)
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            out.extend(words[i:])
            break
        if word == "--lang":
            if i + 1 >= len(words) or words[i + 1].startswith("-"):
                raise LanguageError(i18n._("--lang needs a language: en or zh-Hant"))
            chosen = words[i + 1]
            i += 2
            continue
        if word.startswith("--lang="):
            chosen = word.partition("=")[2]
            i += 1
            continue
        out.append(word)
        i += 1
    return chosen, out


def apply_lang(chosen: str | None) -> str:
    """Speak the language named with ``--lang`` (remembered as explicit for the window), else
    the system locale's.  Raises :class:`LanguageError` for a language we do not ship."""
    if chosen is None:
        return i18n.set_language(i18n.detect())
    tag = i18n.normalise(chosen)
    if tag is None:
        raise LanguageError(
            i18n._("unknown language {name!r} (languages: {choices})").format(
                name=chosen[:40], choices=", ".join(i18n.LANGUAGES)
            )
        )
    return i18n.choose(tag)


def translate_argparse() -> None:
    """Make argparse's own words ("usage:", "error:", …) come from our catalog, and its help
    wrap Chinese the way Chinese is written (idempotent)."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
    formatter = argparse.HelpFormatter
    if getattr(formatter, "_crisis_sim_cjk", False):
        return
    split, fill, whole = formatter._split_lines, formatter._fill_text, formatter.format_help

    def _split_lines(self: argparse.HelpFormatter, text: str, width: int) -> list[str]:
        # textwrap breaks only at spaces: a Chinese help text would be one overlong line
        if not _CJK.search(text):
            return split(self, text, width)
        return break_lines(" ".join(text.split()), width)

    def _fill_text(self: argparse.HelpFormatter, text: str, width: int, indent: str) -> str:
        if not _CJK.search(text):
            return fill(self, text, width, indent)
        return "\n".join(indent + line for line in break_lines(" ".join(text.split()), width))

    def format_help(self: argparse.HelpFormatter) -> str:
        # argparse ends each section heading with an ASCII colon; Chinese uses a full-width one
        text = whole(self)
        if i18n.is_cjk():
            for heading in (i18n._("positional arguments"), i18n._("options")):
                text = text.replace(f"\n{heading}:\n", f"\n{heading}：\n")
        return text

    formatter._split_lines = _split_lines  # type: ignore[method-assign]
    formatter._fill_text = _fill_text  # type: ignore[method-assign]
    formatter.format_help = format_help  # type: ignore[method-assign]
    formatter._crisis_sim_cjk = True  # type: ignore[attr-defined]


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    """Document ``--lang`` in ``--help`` (its value is taken out before parsing)."""
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=i18n._(
            "language of the messages: {choices} (default: the system's); before or after "
            "the command"
        ).format(choices=", ".join(i18n.LANGUAGES)),
    )
