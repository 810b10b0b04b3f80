"""``crisis-sim report RESULT.json -o report.html``: the after-action report of a finished game
(``-o report.pdf`` for a PDF; ``--plan plan.csv`` for the improvement plan the instructor
edits)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.i18n import _
from game.report.output import ReportError, write_report
from game.report.result import ResultError, load_result


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help=_("write the after-action report (HTML or PDF) of a game from its result file"),
        description=_(
            "Write an HSEEP-style after-action report and improvement plan as one self-contained "
            "HTML file (no network needed), or as a PDF when FILE ends in .pdf, from a result file "
            "written at the end of a game. --plan SHEET keeps the improvement plan in a sheet the "
            "instructor edits (owners, dates, wording): written the first time, read every time "
            "after."
        ),
    )
    p.add_argument("result", metavar="RESULT", help=_("result file (.json)"))
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_("where to write the report: .html, or .pdf (default: RESULT with .html)"),
    )
    p.add_argument(
        "--plan",
        metavar="SHEET",
        help=_("the improvement plan as a sheet (.csv or .xlsx): written when missing, else read"),
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = load_result(args.result)
    except ResultError as exc:
        print(_("crisis-sim report: {exc}").format(exc=exc), file=sys.stderr)
        return 1
    out = Path(args.output) if args.output else Path(args.result).with_suffix(".html")
    if out.resolve() == Path(args.result).resolve():
        print(_("crisis-sim report: the report would overwrite the result file"), file=sys.stderr)
        return 2
    try:
        note = write_report(result, out, args.plan)
    except ReportError as exc:
        print(_("crisis-sim report: {exc}").format(exc=exc), file=sys.stderr)
        return 1
    if note:
        print(note, file=sys.stderr)
    print(_("wrote {out}").format(out=out), file=sys.stderr)
    return 0
