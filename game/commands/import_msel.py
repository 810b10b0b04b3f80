"""``crisis-sim import-msel msel.csv -o scenario.yaml``: a scenario skeleton from an MSEL sheet."""

from __future__ import annotations

import argparse
import os
import sys

from game.files import write_atomic
from game.scenario import load_scenario
from game.scenario.model import SCENARIO_TYPES
from game.toolkit import msel, sheets
from game.toolkit.starter import slug


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import-msel",
        help="build a scenario skeleton from a master scenario events list (CSV or XLSX)",
        description="Build a scenario skeleton from a master scenario events list: rows become "
        "injects (events when they have a When condition but no turn or clock), grouped into "
        "turns by their Turn (or Clock) column; expected actions become decisions to complete. "
        "Columns are found by header name, case-insensitively, with common synonyms (Inject #, "
        "Time, Method, Sender, Recipient, ...). The parts a sheet cannot hold are left for you "
        "to add, and the validation errors that name them are printed. Exit 0 when the skeleton "
        "was written, 1 when the sheet has errors (nothing is written), 2 for usage errors.",
    )
    p.add_argument("sheet", metavar="MSEL", help="the sheet: .csv (or .xlsx with openpyxl)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the scenario to write")
    p.add_argument("--title", help="the scenario title")
    p.add_argument(
        "--type",
        dest="scenario_type",
        choices=SCENARIO_TYPES,
        metavar="TYPE",
        help="kind of crisis: " + ", ".join(SCENARIO_TYPES),
    )
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out: str = args.output
    if not out.endswith((".yaml", ".yml")):
        print(
            f"crisis-sim import-msel: {out}: scenario files end in .yaml or .yml", file=sys.stderr
        )
        return 2
    if os.path.exists(out) and not args.force:
        print(
            f"crisis-sim import-msel: {out} already exists; not overwriting it (use --force)",
            file=sys.stderr,
        )
        return 1
    try:
        table = sheets.read_table(args.sheet)
    except sheets.SheetError as exc:
        print(f"{exc}", file=sys.stderr)
        return 1
    for note in table.notes:
        print(f"note: {note}", file=sys.stderr)
    folder = os.path.dirname(os.path.abspath(out))
    schema = "schema.json" if os.path.isfile(os.path.join(folder, "schema.json")) else None
    result = msel.import_table(
        table,
        os.path.basename(args.sheet),
        scenario_id=slug(os.path.splitext(os.path.basename(out))[0], "imported-scenario"),
        title=args.title,
        scenario_type=args.scenario_type,
        schema_ref=schema,
    )
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    if result.text is None:
        n = len(result.errors)
        print(
            f"crisis-sim import-msel: {args.sheet}: {n} error{'s' * (n != 1)}; nothing written",
            file=sys.stderr,
        )
        return 1
    try:
        os.makedirs(folder, exist_ok=True)
        write_atomic(out, result.text, overwrite=args.force)
    except FileExistsError:
        print(f"crisis-sim import-msel: {out} already exists; not overwriting it", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"crisis-sim import-msel: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(
        f"wrote {out}: {result.turns} turns, {result.injects} injects, {result.events} events, "
        f"{result.decisions} decisions to complete"
    )
    check = load_scenario(out)
    if check.diagnostics:
        print(
            f"\nTo finish the scenario, add what the sheet could not hold. "
            f"crisis-sim validate {out} says:"
        )
        for d in check.diagnostics:
            print("  " + d.format())
    return 0
