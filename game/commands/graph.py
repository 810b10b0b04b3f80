"""``crisis-sim graph SCENARIO -o FILE``: draw what sets and reads what, and what never happens."""

from __future__ import annotations

import argparse
import os
import sys

from game.files import write_atomic
from game.i18n import _, ngettext
from game.scenario import load_scenario
from game.textsafe import one_line, terminal_safe
from game.toolkit import dot, flow


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "graph",
        help=_("draw a scenario's turns, injects, decisions, flags, events and endings"),
        description=_(
            "Draw a scenario as a graph: turns in order, what sets each flag and what "
            "reads it, chose()/informed() dependencies, and the parts that can never happen "
            "(red) or flags nobody reads or sets (orange). Writes DOT (.dot, .gv) always, and "
            ".svg, .png or .pdf when Graphviz's dot program is installed. Exit 0 when the graph "
            "was written (even with problems marked), 1 for a scenario with errors or a file that "
            "could not be written, 2 for usage errors."
        ),
    )
    p.add_argument("scenario", metavar="SCENARIO", help=_("a scenario file or a shipped name"))
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_(
            "where to write: FILE.dot, .gv, .svg, .png or .pdf (default: DOT on standard output)"
        ),
    )
    p.add_argument("--no-legend", action="store_true", help=_("leave the legend out"))
    p.add_argument(
        "--turn",
        type=int,
        metavar="N",
        help=_("draw turn N only, with the flags, events, endings and other items it touches"),
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out: str | None = args.output
    ext = os.path.splitext(out)[1].lower() if out else ".dot"
    if ext not in dot.TEXT_FORMATS + dot.RENDERED_FORMATS:
        known = ", ".join(dot.TEXT_FORMATS + dot.RENDERED_FORMATS)
        print(
            _("crisis-sim graph: {out}: unknown file type (use one of {known})").format(
                out=out, known=known
            ),
            file=sys.stderr,
        )
        return 2
    from game.locations import find_scenario  # a path, or a shipped scenario's name

    result = load_scenario(find_scenario(args.scenario) or args.scenario)
    if not result.ok:
        for d in result.diagnostics:
            print(d.format(), file=sys.stderr)
        print(
            _("crisis-sim graph: {scenario} has errors; fix them first").format(
                scenario=args.scenario
            ),
            file=sys.stderr,
        )
        return 1
    assert result.scenario is not None
    turns = len(result.scenario.turns)
    if args.turn is not None and not 1 <= args.turn <= turns:
        print(
            _("crisis-sim graph: --turn {turn}: {scenario} has turns 1 to {turns}").format(
                turn=args.turn, scenario=args.scenario, turns=turns
            ),
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
                _(
                    "crisis-sim graph: writing {ext} needs Graphviz's dot program, which is not on "
                    "PATH. Install Graphviz (https://graphviz.org/download/, e.g. 'apt-get install "
                    "graphviz' or 'brew install graphviz'), or write DOT instead: crisis-sim graph "
                    "{scenario} -o {base}.dot"
                ).format(ext=ext, scenario=args.scenario, base=base),
                file=sys.stderr,
            )
            return 1
        except dot.GraphvizFailed as exc:
            print(
                _("crisis-sim graph: Graphviz could not draw the graph: {exc}").format(exc=exc),
                file=sys.stderr,
            )
            return 1
    if out is None:
        # a graph printed on a terminal is read there: no control character from the scenario
        sys.stdout.write(terminal_safe(text) if sys.stdout.isatty() else text)
    else:
        try:
            write_atomic(out, data)
        except OSError as exc:
            print(
                _("crisis-sim graph: cannot write {out}: {value}").format(
                    out=out, value=exc.strerror or exc
                ),
                file=sys.stderr,
            )
            return 1
    _report(graph, out)
    return 0


def _report(graph: flow.FlowGraph, out: str | None) -> None:
    problems = graph.problems()
    count = {k: len(graph.of_kind(k)) for k in ("inject", "decision", "event", "ending", "flag")}
    summary = _(", ").join(
        (
            ngettext("{n} inject", "{n} injects", count["inject"]).format(n=count["inject"]),
            ngettext("{n} decision", "{n} decisions", count["decision"]).format(
                n=count["decision"]
            ),
            ngettext("{n} event", "{n} events", count["event"]).format(n=count["event"]),
            ngettext("{n} ending", "{n} endings", count["ending"]).format(n=count["ending"]),
            ngettext("{n} flag", "{n} flags", count["flag"]).format(n=count["flag"]),
        )
    )
    edges, marked = len(graph.edges), len(problems)
    line = _("{summary}, {dependencies}; {problems} marked").format(
        summary=summary,
        dependencies=ngettext("{n} dependency", "{n} dependencies", edges).format(n=edges),
        problems=ngettext("{n} problem", "{n} problems", marked).format(n=marked),
    )
    if out:
        line = _("wrote {path}: {summary}").format(path=out, summary=line)
    print(line, file=sys.stderr)
    status = {
        "unreachable": _("{kind} {id} never happens: {reason}"),
        "unused": _("{kind} {id} is unused: {reason}"),
        "never_set": _("{kind} {id} is never set: {reason}"),
    }
    for node in problems:
        text = status[node.status].format(kind=node.kind, id=node.id, reason=node.reason)
        print(one_line("  " + text), file=sys.stderr)
