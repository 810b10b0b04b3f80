"""``crisis-sim history``: the games recorded so far; ``history report ID``: a past game's report.

::

    crisis-sim history [--player NAME] [--scenario ID] [--cohort NAME] [--since DATE]
                       [--limit N] [--csv [--per-player] | --json] [--db PATH] [--data-dir DIR]
    crisis-sim history report ID [-o FILE.html|FILE.pdf] [--plan SHEET] [--db PATH]
                       [--data-dir DIR]

The table lists id, date, scenario, players and their roles, ending and team total, oldest
first.  ``--csv`` and ``--json`` export the same games (formats in ``docs/history.md``);
``--csv --per-player`` one row per player per game with their own scores.
``report ID`` rebuilds the HTML after-action report from the result record stored with the
game.  Exit codes: 0 done, 1 a database or game that cannot be used, 2 a wrong command line.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from datetime import datetime, time
from pathlib import Path

from game.commands.options import add_history_db_options
from game.files import exists
from game.i18n import _, ngettext
from game.store import HistoryDB, StoreError, db_path
from game.store import export as fmt
from game.textsafe import one_line, terminal_safe

USAGE = """crisis-sim history [--player NAME] [--scenario ID] [--cohort NAME] [--since DATE]
                          [--limit N] [--csv [--per-player] | --json] [--db PATH]
                          [--data-dir DIR]
       crisis-sim history report ID [-o FILE.html|FILE.pdf] [--plan SHEET] [--db PATH]
                                 [--data-dir DIR]"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "history",
        usage=USAGE,
        help=_(
            "list the games played so far (export with --csv/--json); 'report ID' rebuilds "
            "a past game's report"
        ),
        description=_(
            "List the finished games recorded in the history database, oldest first: "
            "id, date, scenario, players and roles, ending and team total. Filters combine. "
            "'crisis-sim history report ID -o FILE' writes the after-action report (HTML) of game "
            "ID again from its stored result. The database is history.sqlite3 in the user data "
            "folder unless --db or $CRISIS_SIM_DB says otherwise."
        ),
        epilog=_("Exit codes: 0 done, 1 the database or the game cannot be used, 2 usage error."),
    )
    p.add_argument(
        "action",
        nargs="*",
        metavar="report ID",
        help=_("rebuild the after-action report of game ID (see -o)"),
    )
    p.add_argument("--player", metavar="NAME", help=_("only games with this player (any case)"))
    p.add_argument("--scenario", metavar="ID", help=_("only games of this scenario id"))
    p.add_argument("--cohort", metavar="NAME", help=_("only games of this class (any case)"))
    p.add_argument(
        "--since",
        metavar="DATE",
        help=_("only games played on or after DATE (YYYY-MM-DD, or YYYY-MM-DDTHH:MM, local time)"),
    )
    p.add_argument("--limit", type=int, metavar="N", help=_("only the N most recent games"))
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", action="store_true", help=_("print CSV instead of a table"))
    out.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    p.add_argument(
        "--per-player",
        action="store_true",
        help=_("with --csv: one row per player per game with their own scores (people first)"),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_(
            "with 'report ID': where to write the report, .html or .pdf (default: game-ID.html)"
        ),
    )
    p.add_argument(
        "--plan",
        metavar="SHEET",
        help=_("with 'report ID': the improvement plan sheet (.csv/.xlsx) to write or read"),
    )
    add_history_db_options(p)
    p.set_defaults(func=run, parser=p)


def _fail(message: str, code: int = 1) -> int:
    print(_("crisis-sim history: {value}").format(value=terminal_safe(message)), file=sys.stderr)
    return code


def parse_since(text: str) -> datetime:
    """``YYYY-MM-DD`` (from local midnight) or an ISO date and time; naive means local."""
    text = text.strip()
    try:
        if len(text) == 10:
            moment = datetime.combine(datetime.strptime(text, "%Y-%m-%d").date(), time())
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"--since {text!r}: expected a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ) from None
    return moment if moment.tzinfo is not None else moment.astimezone()


def run(args: argparse.Namespace) -> int:
    words: list[str] = args.action
    if words:
        if words[0] != "report":
            return _fail(
                _(
                    "unknown action {value!r} (the only one is 'report ID'); see crisis-sim "
                    "history --help"
                ).format(value=words[0]),
                2,
            )
        if len(words) != 2:
            return _fail(_("usage: crisis-sim history report ID [-o FILE]"), 2)
        try:
            game_id = int(words[1])
        except ValueError:
            return _fail(
                _("report: game id must be a number, not {value!r}").format(value=words[1]), 2
            )
        return report(args, game_id)
    if args.output or args.plan:
        return _fail(_("-o/--output and --plan are for 'history report ID'"), 2)
    if args.per_player and not args.csv:
        return _fail(_("--per-player goes with --csv"), 2)
    if args.limit is not None and args.limit < 1:
        return _fail(_("--limit must be at least 1"), 2)
    since = None
    if args.since:
        try:
            since = parse_since(args.since)
        except ValueError as exc:
            return _fail(str(exc), 2)
    return listing(args, since)


def listing(args: argparse.Namespace, since: datetime | None) -> int:
    path = db_path(args.db, args.data_dir)
    games = []
    db = None
    try:
        if exists(path):
            db = HistoryDB.open(path, create=False)
            games = db.games(
                player=args.player,
                scenario=args.scenario,
                cohort=args.cohort,
                since=since,
                newest_first=args.limit is not None,
                limit=args.limit,
            )
            games.sort(key=lambda g: (g.played_at, g.id))
        if args.json:
            sys.stdout.write(fmt.to_json(db, games, str(path)))
        elif args.csv and args.per_player:
            sys.stdout.write(fmt.player_csv(db, games) if db is not None else fmt.player_csv_head())
        elif args.csv:
            sys.stdout.write(fmt.to_csv(games))
        elif games:
            sys.stdout.write(fmt.table(games))
            for note in fmt.version_notes(games):
                print(textwrap.fill(note, 100, subsequent_indent="  "))
            n = len(games)
            print(ngettext("{n} game in {path}", "{n} games in {path}", n).format(n=n, path=path))
        elif db is None:
            print(_("No games recorded yet (no history database at {path}).").format(path=path))
        else:
            filtered = args.player or args.scenario or args.cohort or since
            print(
                (
                    _("No games match in {path}.")
                    if filtered
                    else _("No games recorded yet in {path}.")
                ).format(path=path)
            )
    except StoreError as exc:
        return _fail(str(exc))
    finally:
        if db is not None:
            db.close()
    return 0


def report(args: argparse.Namespace, game_id: int) -> int:
    from game.report.output import ReportError, write_report

    path = db_path(args.db, args.data_dir)
    try:
        with HistoryDB.open(path, create=False) as db:
            result = db.result(game_id)
    except StoreError as exc:
        return _fail(str(exc))
    out = Path(args.output) if args.output else Path(f"game-{game_id}.html")
    if out.is_dir():
        return _fail(_("{out} is a folder; give a file name with -o").format(out=out))
    try:
        note = write_report(result, out, args.plan)
    except ReportError as exc:
        return _fail(str(exc))
    if note:
        print(note, file=sys.stderr)
    title = one_line(result.scenario.title)
    print(
        _("wrote {out} (game {game_id}, {title})").format(out=out, game_id=game_id, title=title),
        file=sys.stderr,
    )
    return 0
