"""``crisis-sim translate SCENARIO --lang TAG``: write or update a scenario's translation table.

The table (``game.scenario.translation``) lists every text of the scenario by key with its
source text as a comment; run again after the scenario changed to add new keys, drop gone ones
and mark the strings whose source text changed.  Nothing is lost: a table that does not read
is left as it is, and the file is replaced atomically.
"""

from __future__ import annotations

import argparse
import sys

from game.files import exists, write_atomic
from game.i18n import _, language
from game.scenario import Limits, load_scenario
from game.scenario.translation import LANGUAGE_TAG, read_table, table_path, write_table
from game.textsafe import one_line


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "translate",
        conflict_handler="resolve",  # a global --lang may be added to every command
        help=_("write or update the translation table of a scenario (every text, by key)"),
        description=_(
            "Write SCENARIO's translation table for a language: every text of the scenario by "
            "key, its source text as a comment above an empty string to fill in. When the "
            "table exists it is updated: translations are kept, keys the scenario no longer has "
            "are dropped, new keys are added, and strings whose source text changed are marked "
            "stale until accepted. Exit 0 on success, 1 when the scenario or the table has "
            "errors or cannot be written, 2 for usage errors. See docs/authoring.md, "
            "'Translating a scenario'."
        ),
    )
    p.add_argument("scenario", metavar="SCENARIO", help=_("scenario file (.yaml) or shipped name"))
    p.add_argument(
        "--lang", metavar="TAG", help=_("language of the table, e.g. zh-Hant (required)")
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_("table file (default: translations/<stem>.<TAG>.yaml beside the scenario)"),
    )
    p.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="KEY",
        help=_("mark a revised stale string as current (repeatable)"),
    )
    p.add_argument(
        "--accept-all", action="store_true", help=_("mark every stale string as current")
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from game.locations import find_scenario

    tag = args.lang or (language() if language() != "en" else None)
    if not tag or not LANGUAGE_TAG.fullmatch(tag):
        print(
            _("crisis-sim translate: give the language with --lang, e.g. --lang zh-Hant"),
            file=sys.stderr,
        )
        return 2
    path = find_scenario(args.scenario)
    if path is None:
        print(
            _("crisis-sim translate: no scenario file {name}").format(name=one_line(args.scenario)),
            file=sys.stderr,
        )
        return 1
    limits = Limits()
    loaded = load_scenario(path, limits)
    if loaded.scenario is None:
        for d in loaded.errors:
            print(d.format(), file=sys.stderr)
        print(
            _("crisis-sim translate: {path} has errors").format(path=one_line(str(path))),
            file=sys.stderr,
        )
        return 1
    scenario = loaded.scenario
    if tag == scenario.language:
        print(
            _("crisis-sim translate: {path} is already in {lang}").format(
                path=one_line(str(path)), lang=tag
            ),
            file=sys.stderr,
        )
        return 2
    target = args.output or str(table_path(path, tag))
    old = None
    if exists(target):
        old, diags = read_table(target, scenario, limits, language=tag, keep_unknown=True)
        if old is None:
            for d in diags:
                print(d.format(), file=sys.stderr)
            print(
                _("crisis-sim translate: {path} has errors; it was left as it is").format(
                    path=one_line(target)
                ),
                file=sys.stderr,
            )
            return 1
    update = write_table(scenario, tag, old, accept=args.accept, accept_all=args.accept_all)
    unknown = [k for k in args.accept if k not in update.sources]
    if unknown:
        print(
            _("crisis-sim translate: the scenario has no text {key}").format(
                key=one_line(unknown[0])
            ),
            file=sys.stderr,
        )
        return 2
    try:
        write_atomic(target, update.text)
    except OSError as exc:
        print(
            _("crisis-sim translate: {path} was not written: {reason}").format(
                path=one_line(target), reason=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return 1
    print(
        _(
            "{path}: {keys} strings, {translated} translated, {added} new, {dropped} dropped, "
            "{stale} stale"
        ).format(
            path=one_line(target),
            keys=update.keys,
            translated=update.translated,
            added=update.added,
            dropped=update.dropped,
            stale=len(update.stale),
        )
    )
    for key in update.stale:
        print(_("  stale: {key}").format(key=key))
    return 0
