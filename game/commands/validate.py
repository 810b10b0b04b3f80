"""``crisis-sim validate PATH...``: check scenario files and print every diagnostic."""

from __future__ import annotations

import argparse
import json
import os
import sys

from game.i18n import _, ngettext
from game.scenario import Limits, LoadResult, load_scenario, scenario_files
from game.scenario.translation import is_table_path, validate_table
from game.textsafe import json_safe


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help=_("check scenario files and report every mistake with its line and column"),
        description=_(
            "Check scenario files (or every .yaml/.yml file in folders). Exit 0 when all "
            "are valid, 1 when any has errors (or warnings with --strict), 2 for usage errors."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=_("scenario files or folders"))
    p.add_argument("--strict", action="store_true", help=_("treat warnings as errors"))
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=_("json prints diagnostics for editors and tools"),
    )
    p.add_argument(
        "--max-bytes",
        type=byte_limit,
        default=Limits().max_bytes,
        metavar="N",
        help=_("largest scenario file accepted (default: %(default)s)"),
    )
    p.set_defaults(func=run)


#: The largest --max-bytes accepted: a scenario is read into memory whole.
MAX_BYTES_LIMIT = 1024 * 1024 * 1024


def byte_limit(text: str) -> int:
    """``--max-bytes N``: a whole number from 1 to 1 GiB (argparse says why and exits 2)."""
    try:
        value = int(text.strip()) if len(text) <= 20 else None
    except ValueError:
        value = None
    if value is None or not 1 <= value <= MAX_BYTES_LIMIT:
        shown = text if len(text) <= 24 else text[:21] + "..."
        raise argparse.ArgumentTypeError(
            _("{shown!r} is not a size from 1 to {MAX_BYTES_LIMIT} bytes").format(
                shown=shown, MAX_BYTES_LIMIT=MAX_BYTES_LIMIT
            )
        )
    return value


def _load(file: str, limits: Limits) -> LoadResult:
    """A scenario file, or a translation table (``translations/<stem>.<lang>.yaml``) checked
    against the scenario it translates."""
    if is_table_path(file):
        scenario, diags = validate_table(file, limits)
        return LoadResult(file, scenario, tuple(sorted(set(diags))))
    return load_scenario(file, limits)


def run(args: argparse.Namespace) -> int:
    files = list(scenario_files(args.paths))
    empty_dirs = [
        p
        for p in args.paths
        if os.path.isdir(p) and not any(f.startswith(os.path.join(p, "")) for f in files)
    ]
    if empty_dirs:
        print(
            _("crisis-sim validate: no .yaml or .yml files in {value}").format(
                value=", ".join(empty_dirs)
            ),
            file=sys.stderr,
        )
        return 2
    limits = Limits(max_bytes=args.max_bytes)
    results = [_load(f, limits) for f in files]
    n_err = sum(len(r.errors) for r in results)
    n_warn = sum(len(r.warnings) for r in results)
    failed = [r for r in results if r.errors or (args.strict and r.warnings)]
    if args.format == "json":
        payload = json.dumps(
            {
                "files": [
                    {
                        "path": r.path,
                        "valid": r.ok and not (args.strict and r.warnings),
                        "diagnostics": [d.to_json() for d in r.diagnostics],
                    }
                    for r in results
                ],
                "errors": n_err,
                "warnings": n_warn,
            },
            indent=2,
            ensure_ascii=False,
        )
        print(json_safe(payload))
    else:
        for r in results:
            for d in r.diagnostics:
                print(d.format())
        ok = len(results) - len(failed)
        print(
            ngettext(
                "{n} file checked: {ok} valid, {failed} failed ({errors}, {warnings})",
                "{n} files checked: {ok} valid, {failed} failed ({errors}, {warnings})",
                len(results),
            ).format(
                n=len(results),
                ok=ok,
                failed=len(failed),
                errors=ngettext("{n} error", "{n} errors", n_err).format(n=n_err),
                warnings=ngettext("{n} warning", "{n} warnings", n_warn).format(n=n_warn),
            ),
            file=sys.stderr,
        )
    return 1 if failed else 0
