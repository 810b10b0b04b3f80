"""``crisis-sim export-msel SCENARIO -o msel.csv``: a scenario as a master scenario events list."""

from __future__ import annotations

import argparse
import sys

from game.i18n import _
from game.scenario import load_scenario
from game.toolkit import msel, sheets


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export-msel",
        help=_("write a scenario's injects as a master scenario events list (CSV or XLSX)"),
        description=_(
            "Write the master scenario events list (MSEL) facilitators use: one row per inject "
            "with its turn, clock, phase, channel, sender, recipients, headline and text, the "
            "decisions expected of its recipients with their best answers, the responsible roles "
            "and the objectives they measure, and the condition of conditional injects and events. "
            "CSV is UTF-8 with a byte-order mark so Excel shows accents; .xlsx needs openpyxl."
        ),
    )
    p.add_argument("scenario", metavar="SCENARIO", help=_("a scenario file or a shipped name"))
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_("FILE.csv or FILE.xlsx (default: CSV on standard output)"),
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out: str | None = args.output
    if out is not None and not out.lower().endswith((".csv", ".xlsx")):
        print(
            _("crisis-sim export-msel: {out}: write a .csv or .xlsx file").format(out=out),
            file=sys.stderr,
        )
        return 2
    if out is not None and sheets.is_xlsx(out) and not sheets.xlsx_available():
        print(
            _(
                "crisis-sim export-msel: writing .xlsx needs the openpyxl package, which is not "
                "installed; write CSV instead (-o {value}.csv), which every spreadsheet opens"
            ).format(value=out[:-5]),
            file=sys.stderr,
        )
        return 1
    from game.locations import find_scenario  # a path, or a shipped scenario's name

    result = load_scenario(find_scenario(args.scenario) or args.scenario)
    if not result.ok:
        for d in result.diagnostics:
            print(d.format(), file=sys.stderr)
        print(
            _("crisis-sim export-msel: {scenario} has errors; fix them first").format(
                scenario=args.scenario
            ),
            file=sys.stderr,
        )
        return 1
    assert result.scenario is not None
    header, rows = msel.export_table(result.scenario)
    if out is None:
        sys.stdout.write(sheets.csv_text(header, rows))
        return 0
    try:
        sheets.write_table(out, header, rows)
    except sheets.SheetError as exc:
        print(_("crisis-sim export-msel: {exc}").format(exc=exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            _("crisis-sim export-msel: cannot write {out}: {value}").format(
                out=out, value=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return 1
    print(_("wrote {out}: {value} rows").format(out=out, value=len(rows)), file=sys.stderr)
    return 0
