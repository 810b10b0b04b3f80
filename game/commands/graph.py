"""``crisis-sim graph SCENARIO -o FILE``: draw what sets and reads what, and what never happens."""

from __future__ import annotations

import argparse
import os
import sys

from game.files import write_atomic
from game.scenario import load_scenario
from game.textsafe import one_line, terminal_safe
from game.toolkit import dot, flow


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "graph",
        help="draw a scenario's turns, injects, decisions, flags, events and endings",
        description="Draw a scenario as a graph: turns in order, what sets each flag and what "
        "reads it, chose()/informed() dependencies, and the parts that can never happen "
        "(red) or flags nobody reads or sets (orange). Writes DOT (.dot, .gv) always, and "
        ".svg, .png or .pdf when Graphviz's dot program is installed. Exit 0 when the graph "
        "was written (even with problems marked), 1 for a scenario with errors or a file that "
        "could not be written, 2 for usage errors.",
    )
    p.add_argument("scenario", metavar="SCENARIO", help="the scenario file")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write: FILE.dot, .gv, .svg, .png or .pdf (default: DOT on standard output)",
    )
    p.add_argument("--no-legend", action="store_true", help="leave the legend out")
    p.add_argument(
        "--turn",
        type=int,
        metavar="N",
        help="draw turn N only, with the flags, events, endings and other items it touches",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out: str | None = args.output
    ext = os.path.splitext(out)[1].lower() if out else ".dot"
    if ext not in dot.TEXT_FORMATS + dot.RENDERED_FORMATS:
        known = ", ".join(dot.TEXT_FORMATS + dot.RENDERED_FORMATS)
        print(f"crisis-sim graph: {out}: unknown file type (use one of {known})", file=sys.stderr)
        return 2
    result = load_scenario(args.scenario)
    if not result.ok:
        for d in result.diagnostics:
            print(d.format(), file=sys.stderr)
        print(f"crisis-sim graph: {args.scenario} has errors; fix them first", file=sys.stderr)
        return 1
    assert result.scenario is not None
    turns = len(result.scenario.turns)
    if args.turn is not None and not 1 <= args.turn <= turns:
        print(
            f"crisis-sim graph: --turn {args.turn}: {args.scenario} has turns 1 to {turns}",
            file=sys.stderr,
        )
        return 2
    graph = flow.build(result.scenario)
    text = dot.to_dot(graph, legend=not args.no_legend, turn=args.turn)
    data: bytes | str = text
    if ext in dot.RENDERED_FORMATS:
        try:
            data = dot.render(text, ext[1:])
        except dot.GraphvizMissing:
            base = os.path.splitext(out or "graph")[0]
            print(
                f"crisis-sim graph: writing {ext} needs Graphviz's dot program, which is not on "
                f"PATH. Install Graphviz (https://graphviz.org/download/, e.g. "
                f"'apt-get install graphviz' or 'brew install graphviz'), or write DOT instead: "
                f"crisis-sim graph {args.scenario} -o {base}.dot",
                file=sys.stderr,
            )
            return 1
        except dot.GraphvizFailed as exc:
            print(f"crisis-sim graph: Graphviz could not draw the graph: {exc}", file=sys.stderr)
            return 1
    if out is None:
        # a graph printed on a terminal is read there: no control character from the scenario
        sys.stdout.write(terminal_safe(text) if sys.stdout.isatty() else text)
    else:
        try:
            write_atomic(out, data)
        except OSError as exc:
            print(f"crisis-sim graph: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    _report(graph, out)
    return 0


def _report(graph: flow.FlowGraph, out: str | None) -> None:
    problems = graph.problems()
    counts = {k: len(graph.of_kind(k)) for k in ("inject", "decision", "event", "ending", "flag")}
    summary = ", ".join(f"{v} {k}{'s' * (v != 1)}" for k, v in counts.items())
    where = f"wrote {out}: " if out else ""
    print(
        f"{where}{summary}, {len(graph.edges)} dependencies; "
        f"{len(problems)} problem{'s' * (len(problems) != 1)} marked",
        file=sys.stderr,
    )
    for node in problems:
        word = {"unreachable": "never happens", "unused": "is unused", "never_set": "is never set"}
        line = f"  {node.kind} {node.id} {word[node.status]}: {node.reason}"
        print(one_line(line), file=sys.stderr)
