"""``crisis-sim report RESULT.json -o report.html``: the after-action report of a finished game."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.files import write_atomic
from game.report.html import render_report
from game.report.result import ResultError, load_result


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write the after-action report (HTML) of a game from its result file",
        description="Write an HSEEP-style after-action report and improvement plan as one "
        "self-contained HTML file (no network needed; prints well to PDF) from a result file "
        "written at the end of a game.",
    )
    p.add_argument("result", metavar="RESULT", help="result file (.json)")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write the report (default: RESULT with .html instead of .json)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = load_result(args.result)
    except ResultError as exc:
        print(f"crisis-sim report: {exc}", file=sys.stderr)
        return 1
    out = Path(args.output) if args.output else Path(args.result).with_suffix(".html")
    if out.resolve() == Path(args.result).resolve():
        print("crisis-sim report: the report would overwrite the result file", file=sys.stderr)
        return 2
    try:
        write_atomic(out, render_report(result))
    except OSError as exc:
        print(f"crisis-sim report: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}", file=sys.stderr)
    return 0
