"""``crisis-sim import-msel SHEET -o scenario.yaml``: a scenario skeleton from an MSEL sheet;
``import-msel SHEET --into scenario.yaml``: the sheet's edits merged into that scenario.

The sheet is CSV or XLSX (by its extension).  ``--roles map.csv`` maps the position titles an
organisation uses (``Title,Role`` rows) to the five roles, beside the built-in table.
"""

from __future__ import annotations

import argparse
import os
import sys

from game.files import write_atomic
from game.i18n import _, ngettext
from game.scenario import load_scenario
from game.scenario.model import ROLE_IDS, SCENARIO_TYPES
from game.toolkit import msel, sheets
from game.toolkit.starter import slug


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import-msel",
        help=_(
            "build a scenario skeleton from a master scenario events list (CSV or XLSX), "
            "or merge a sheet's edits into a scenario (--into)"
        ),
        description=_(
            "Build a scenario skeleton from a master scenario events list: rows become injects "
            "(events when they have a When condition but no turn or clock), grouped into turns by "
            "their Turn (or Clock) column; expected actions become decisions to complete. Columns "
            "are found by header name, case-insensitively, with common synonyms and the HSEEP MSEL "
            "template's headers (MSEL #, Scenario Time, Event Synopsis, Responsible Controller, "
            "Recipient Player, Inject Mode, Expected Player Action, Objective / Core Capability, "
            "Notes). With --into SCENARIO.yaml the sheet's injects and expected actions are merged "
            "into that scenario instead, keeping its comments and every field the sheet does not "
            "hold. Exit 0 when written, 1 when the sheet has errors (nothing is written), 2 for "
            "usage errors."
        ),
    )
    p.add_argument("sheet", metavar="MSEL", help=_("the sheet: .csv or .xlsx"))
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", metavar="FILE", help=_("the scenario skeleton to write"))
    where.add_argument(
        "--into",
        metavar="SCENARIO",
        help=_("merge the sheet into this scenario (the old file is kept as SCENARIO.bak)"),
    )
    p.add_argument("--title", help=_("the scenario title"))
    p.add_argument(
        "--type",
        dest="scenario_type",
        choices=SCENARIO_TYPES,
        metavar="TYPE",
        help=_("kind of crisis: {types}").format(types=", ".join(SCENARIO_TYPES)),
    )
    p.add_argument(
        "--roles",
        metavar="MAP",
        help=_(
            "a sheet (.csv or .xlsx) with Title and Role columns: your position titles and "
            "the role each one plays"
        ),
    )
    p.add_argument("--force", action="store_true", help=_("overwrite FILE if it exists"))
    p.set_defaults(func=run)


def _fail(message: str, code: int = 1) -> int:
    print(_("crisis-sim import-msel: {message}").format(message=message), file=sys.stderr)
    return code


def read_role_map(path: str) -> dict[str, str]:
    """``--roles``: position title (lower-case) -> role id; :class:`sheets.SheetError` with the
    row for a role that is not one of the five."""
    table = sheets.read_table(path)
    heads = [msel.normalize_header(h) for h in table.header]
    title_col = next((i for i, h in enumerate(heads) if h in TITLE_HEADERS), None)
    role_col = next((i for i, h in enumerate(heads) if h in ("role", "role id", "game role")), None)
    if title_col is None or role_col is None:
        raise sheets.SheetError(
            f"{path}: a role map needs a Title column and a Role column "
            f"(found: {', '.join(table.header)})"
        )
    out: dict[str, str] = {}
    for row, cells in table.rows:
        title = " ".join(cells[title_col].lower().split())
        role_text = " ".join(cells[role_col].lower().split())
        if not title:
            continue
        role = role_text if role_text in ROLE_IDS else msel.ROLE_WORDS.get(role_text)
        if role is None:
            raise sheets.SheetError(
                f'{path}: row {row}: "{cells[role_col]}" is not one of the roles '
                f"({', '.join(ROLE_IDS)})"
            )
        out[title] = role
    return out


TITLE_HEADERS = ("title", "position", "position title", "job title", "ics position", "name")


def run(args: argparse.Namespace) -> int:
    roles: dict[str, str] = {}
    try:
        if args.roles:
            roles = read_role_map(args.roles)
        table = sheets.read_table(args.sheet)
    except sheets.SheetError as exc:
        print(f"{exc}", file=sys.stderr)
        return 1
    for note in table.notes:
        print(_("note: {note}").format(note=note), file=sys.stderr)
    if args.into:
        return merge_into(args, table, roles)
    return skeleton(args, table, roles)


def skeleton(args: argparse.Namespace, table: sheets.Table, roles: dict[str, str]) -> int:
    out: str = args.output
    if not out.endswith((".yaml", ".yml")):
        return _fail(_("{out}: scenario files end in .yaml or .yml").format(out=out), 2)
    if os.path.exists(out) and not args.force:
        return _fail(
            _("{out} already exists; not overwriting it (use --force, or --into to merge)").format(
                out=out
            )
        )
    folder = os.path.dirname(os.path.abspath(out))
    schema = "schema.json" if os.path.isfile(os.path.join(folder, "schema.json")) else None
    result = msel.import_table(
        table,
        os.path.basename(args.sheet),
        scenario_id=slug(os.path.splitext(os.path.basename(out))[0], "imported-scenario"),
        title=args.title,
        scenario_type=args.scenario_type,
        schema_ref=schema,
        roles=roles,
    )
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    if result.text is None:
        n = len(result.errors)
        return _fail(
            ngettext(
                "{sheet}: {n} error; nothing written", "{sheet}: {n} errors; nothing written", n
            ).format(sheet=args.sheet, n=n)
        )
    try:
        os.makedirs(folder, exist_ok=True)
        write_atomic(out, result.text, overwrite=args.force)
    except FileExistsError:
        return _fail(_("{out} already exists; not overwriting it").format(out=out))
    except OSError as exc:
        return _fail(_("cannot write {out}: {value}").format(out=out, value=exc.strerror or exc))
    print(
        _(
            "wrote {out}: {turns} turns, {injects} injects, {events} events, {decisions} decisions "
            "to complete"
        ).format(
            out=out,
            turns=result.turns,
            injects=result.injects,
            events=result.events,
            decisions=result.decisions,
        )
    )
    _show_diagnostics(out, _("To finish the scenario, add what the sheet could not hold."))
    return 0


def merge_into(args: argparse.Namespace, table: sheets.Table, roles: dict[str, str]) -> int:
    from game.toolkit.msel_merge import MergeError, merge

    target: str = args.into
    if args.title or args.scenario_type:
        return _fail(_("--title and --type are for a new skeleton (-o), not --into"), 2)
    from game.scenario.loader import load_text
    from game.scenario.yamlsource import Limits, read_text

    text, diagnostics = read_text(target, Limits())
    before = load_text(text, target) if text is not None else None
    if before is None or before.scenario is None or text is None:
        for d in before.diagnostics if before is not None else diagnostics:
            print(d.format(), file=sys.stderr)
        return _fail(
            _("{target}: fix the scenario's errors first; nothing merged").format(target=target)
        )
    parsed = msel.parse_table(table, os.path.basename(args.sheet), roles)
    for problem in parsed.problems:
        print(problem.format(), file=sys.stderr)
    if parsed.errors:
        n = len(parsed.errors)
        return _fail(
            ngettext(
                "{sheet}: {n} error; nothing merged", "{sheet}: {n} errors; nothing merged", n
            ).format(sheet=args.sheet, n=n)
        )
    try:
        merged = merge(text, parsed)
    except MergeError as exc:
        return _fail(_("{target}: {exc}; nothing merged").format(target=target, exc=exc))
    if merged.text == text:
        print(
            _("{target}: already matches {sheet}; nothing to change").format(
                target=target, sheet=args.sheet
            )
        )
        return 0
    try:
        write_atomic(target + ".bak", text)
        write_atomic(target, merged.text)
    except OSError as exc:
        return _fail(
            _("cannot write {target}: {value}").format(target=target, value=exc.strerror or exc)
        )
    print(
        _("merged {sheet} into {target} ({value} changes; old file kept as {target}.bak):").format(
            sheet=args.sheet, target=target, value=len(merged.changes)
        )
    )
    for change in merged.changes:
        print(f"  {change}")
    if merged.kept:
        print(
            _("  not in the sheet, kept as they were: {value}").format(value=", ".join(merged.kept))
        )
    _show_diagnostics(target, _("The merged scenario needs attention."))
    return 0


def _show_diagnostics(path: str, intro: str) -> None:
    check = load_scenario(path)
    if check.diagnostics:
        print(_("\n{intro} crisis-sim validate {path} says:").format(intro=intro, path=path))
        for d in check.diagnostics:
            print("  " + d.format())
