"""Drawing a :class:`~game.toolkit.flow.FlowGraph` in Graphviz's DOT language.

The drawing reads top to bottom in play order, so that it fits the width of a page: one box
(cluster) per turn with its injects and then its decisions in one column, in file order, then
the events and the endings in the order they are checked.  Flags sit between the turns that set
and read them.  ``--turn N`` draws one turn with what it touches.  Problems are impossible to
miss: a node that can never happen is red and dashed, a flag
nobody reads (or nobody sets) is orange and dashed, and the reason is written on the node.

Scenario text is untrusted and goes into two kinds of DOT strings, each escaped for its own
rules: node labels are HTML-like labels (``<...>``: XML escaping, no control characters) and
edge and cluster labels are quoted strings (backslash and double quote escaped, newlines as
``\\n``).  Node names only ever come from validated ids, and are quoted all the same.
"""

from __future__ import annotations

import html
import itertools
import os
import re
import shutil
import subprocess
import textwrap
from collections.abc import Iterable

from game.i18n import _, ngettext, pgettext
from game.linebreak import break_lines, fit
from game.report.labels import role_title
from game.scenario import model
from game.toolkit.flow import FlowEdge, FlowGraph, FlowNode

#: Output formats and how they are made.
TEXT_FORMATS = (".dot", ".gv")
RENDERED_FORMATS = (".svg", ".png", ".pdf")

FONT = "Helvetica"

FILL = {
    "inject": "#fff4c2",
    "event": "#ffd9a8",
    "decision": "#d6e6ff",
    "ending": "#e4d9ff",
    "flag": "#f0f0f0",
    "statement": "#eef7ee",
    "stakeholder": "#d5f0ef",
}
RATING_FILL = {"best": "#bfeabf", "good": "#e3f4d2", "poor": "#ffe4bd", "harmful": "#ffc2c2"}
EDGE_STYLE = {
    "sets": 'color="#2e8b57", fontcolor="#2e8b57"',
    "clears": 'color="#c0392b", fontcolor="#c0392b", style=dashed',
    "reads": 'color="#1f5fbf", fontcolor="#1f5fbf"',
    "chose": 'color="#7b3fb5", fontcolor="#7b3fb5", style=dashed',
    "informed": 'color="#138d90", fontcolor="#138d90", style=dotted, penwidth=1.6',
}
UNREACHABLE = "#d62728"
UNUSED = "#e67e00"
UNREACHABLE_FILL = "#ffd6d6"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --- escaping -------------------------------------------------------------------------------


def quote(text: str) -> str:
    """A DOT double-quoted string: backslash and quote escaped, line breaks as ``\\n``."""
    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def html_text(text: str, width: int = 0, limit: int = 0) -> str:
    """Text for an HTML-like label: shortened, wrapped at ``width``, XML-escaped."""
    text = _CONTROL.sub("", text).replace("\r", "")
    text = " ".join(text.split())
    if _WIDE.search(text):  # Chinese: no spaces to break at; a character takes two columns
        text = fit(text, limit) if limit else text
        lines = break_lines(text, width) if width else [text]
    else:
        if limit and len(text) > limit:
            text = text[: limit - 1].rstrip() + "…"
        lines = textwrap.wrap(text, width) if width else [text]
    return "<BR/>".join(html.escape(line, quote=True) for line in lines)


_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def _kind(kind: str) -> str:
    """A node kind as the graph names it."""
    names = {
        "inject": pgettext("graph", "inject"),
        "event": pgettext("graph", "event"),
        "decision": pgettext("graph", "decision"),
        "ending": pgettext("graph", "ending"),
        "flag": pgettext("graph", "flag"),
        "statement": pgettext("graph", "statement"),
        "stakeholder": pgettext("graph", "stakeholder"),
    }
    return names.get(kind, kind)


# --- nodes ----------------------------------------------------------------------------------


def _problem_row(node: FlowNode) -> str:
    if node.status == "ok":
        return ""
    colour = UNREACHABLE if node.status == "unreachable" else UNUSED
    word = {
        "unreachable": _("NEVER HAPPENS"),
        "unused": _("UNUSED"),
        "never_set": _("NEVER SET"),
    }[node.status]
    return (
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="white"><FONT COLOR="{colour}"><B>'
        f"{html.escape(word)}</B>: {html_text(node.reason, 40)}</FONT></TD></TR>"
    )


def _when_row(node: FlowNode, required: bool = False) -> str:
    if not node.when:
        return ""
    # TRANSLATORS: "when" and "required_when" are the scenario file's keys: keep them
    word = _("required when") if required else _("when")
    return (
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9"><I>{html.escape(word)}: '
        f"{html_text(node.when, 44, 200)}</I></FONT></TD></TR>"
    )


def _table(node: FlowNode, fill: str, rows: Iterable[str]) -> str:
    border = ""
    if node.status == "unreachable":
        border = f' COLOR="{UNREACHABLE}" STYLE="dashed"'
        fill = UNREACHABLE_FILL
    elif node.status != "ok":
        border = f' COLOR="{UNUSED}" STYLE="dashed"'
    width = 3 if node.status != "ok" else 1
    body = "".join(rows)
    return (
        f'<<TABLE BORDER="{width}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3"'
        f' BGCOLOR="{fill}"{border}>{body}{_problem_row(node)}</TABLE>>'
    )


def _head(kind: str, ident: str, extra: str = "") -> str:
    more = f' <FONT POINT-SIZE="9">{html_text(extra)}</FONT>' if extra else ""
    return (
        '<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9">'
        f"{html.escape(_kind(kind))}</FONT> "
        f"<B>{html_text(ident)}</B>{more}</TD></TR>"
    )


def _text_row(text: str, width: int = 40, limit: int = 140) -> str:
    if not text:
        return ""
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{html_text(text, width, limit)}</TD></TR>'


def _roles(sc: model.Scenario, roles: tuple[str, ...] | None) -> str:
    if roles is None:
        return _("all roles")
    if not roles:
        return _("nobody")
    return ", ".join(role_title(r) for r in roles)


def node_label(graph: FlowGraph, node: FlowNode) -> str:
    sc = graph.scenario
    match node.kind:
        case "inject" | "event":
            inj = next(
                i
                for i in (
                    sc.events
                    if node.kind == "event"
                    else tuple(i for t in sc.turns for i in t.injects)
                )
                if i.id == node.id
            )
            rows = [
                _head(node.kind, inj.id, f"[{inj.channel}]"),
                _text_row(inj.headline),
                '<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9">'
                + html_text((inj.from_ or _("(no sender)")) + " → " + _roles(sc, inj.to), 44, 120)
                + "</FONT></TD></TR>",
                _when_row(node),
            ]
            return _table(node, FILL[node.kind], rows)
        case "decision":
            d = sc.decision_by_id[node.id]
            rows = [
                _head(
                    "decision",
                    d.id,
                    _("{role} · {seconds} s").format(
                        role=role_title(d.role), seconds=f"{d.time_limit:g}"
                    ),
                ),
                _text_row(d.prompt, 44, 160),
                _when_row(node),
            ]
            for o in d.options:
                timeout = _(" · on timeout") if d.on_timeout == o.id else ""
                rows.append(
                    f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" PORT="{html.escape(o.id, quote=True)}"'
                    f' BGCOLOR="{RATING_FILL[o.rating]}"><FONT POINT-SIZE="9">{o.rating}'
                    f"{timeout}</FONT> {html_text(o.text, 42, 90)}</TD></TR>"
                )
            if d.kind == "rank":
                items = {i.id: i.text for i in d.items}
                for n, item in enumerate(d.expected, 1):
                    rows.append(
                        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{RATING_FILL["good"]}">'
                        f"{n}. {html_text(items[item], 42, 90)}</TD></TR>"
                    )
            return _table(node, FILL["decision"], rows)
        case "ending":
            en = next(e for e in sc.endings if e.id == node.id)
            rows = [_head("ending", en.id), _text_row(en.title), _when_row(node)]
            if en.when is None:
                rows.append(_text_row(_("(fallback: when no ending before it holds)")))
            return _table(node, FILL["ending"], rows)
        case "flag":
            return _table(node, FILL["flag"], [_head("flag", node.id)])
        case "statement":
            st = sc.statement_by_id[node.id]
            rows = [_head("statement", st.id), _text_row(st.text, 40, 100), _when_row(node)]
            return _table(node, FILL["statement"], rows)
        case "stakeholder":
            s = sc.stakeholder_by_id[node.id]
            rows = [
                _head("stakeholder", s.id),
                _text_row(s.name),
                _when_row(node, required=True),
            ]
            return _table(node, FILL["stakeholder"], rows)
    raise ValueError(f"no label for {node.kind} nodes")


# --- the graph ------------------------------------------------------------------------------


def _edge_line(edge: FlowEdge, loose: bool) -> str:
    src = quote(edge.src) + (f":{quote(edge.port)}:e" if edge.port else "")
    label = edge.label if len(edge.label) <= 48 else edge.label[:47] + "…"
    attrs = [EDGE_STYLE[edge.kind], f"label={quote(label)}"]
    if loose or edge.kind in ("chose", "informed"):
        attrs.append("constraint=false")
    return f"  {src} -> {quote(edge.dst)} [{', '.join(attrs)}];"


def _turn_title(n: int, turn: model.Turn) -> str:
    phases = {
        "preparation": pgettext("phase", "preparation"),
        "response": pgettext("phase", "response"),
        "recovery": pgettext("phase", "recovery"),
    }
    return _("Turn {n} · {label} · {phase}").format(
        n=n, label=turn.label, phase=phases.get(turn.phase, turn.phase)
    )


def _legend() -> str:
    def row(sample: str, text: str, bg: str = "", extra: str = "") -> str:
        fill = f' BGCOLOR="{bg}"' if bg else ""
        return f'<TR><TD{fill}{extra}>{sample}</TD><TD ALIGN="LEFT">{text}</TD></TR>'

    def arrow(kind: str, shape: str) -> str:
        colour = re.search(r'color="([^"]+)"', EDGE_STYLE[kind])
        return f'<FONT COLOR="{colour.group(1) if colour else "black"}">{shape}</FONT>'

    rows = [
        '<TR><TD COLSPAN="2"><B>' + html.escape(_("Legend")) + "</B></TD></TR>",
        row(_kind("inject"), _("message on a turn"), FILL["inject"]),
        row(_kind("event"), _("inject on a condition"), FILL["event"]),
        row(_kind("decision"), _("options by rating:"), FILL["decision"]),
        f'<TR><TD BGCOLOR="{RATING_FILL["best"]}">best</TD>'
        f'<TD BGCOLOR="{RATING_FILL["good"]}">good</TD></TR>',
        f'<TR><TD BGCOLOR="{RATING_FILL["poor"]}">poor</TD>'
        f'<TD BGCOLOR="{RATING_FILL["harmful"]}">harmful</TD></TR>',
        row(_kind("flag"), _("true/false fact"), FILL["flag"]),
        row(_kind("ending"), _("checked in order"), FILL["ending"]),
        row(_kind("statement"), _("message building block"), FILL["statement"]),
        row(_kind("stakeholder"), _("informed(...) reads it"), FILL["stakeholder"]),
        row(arrow("sets", "──▶"), _("sets a flag")),
        row(arrow("clears", "- - ▶"), _("clears a flag")),
        row(arrow("reads", "──▶"), _("read by a condition")),
        row(arrow("chose", "- - ▶"), "chose(...)"),
        row(arrow("informed", "····▶"), "informed(...)"),
        row(
            _("red, dashed"),
            _("can never happen"),
            UNREACHABLE_FILL,
            f' BORDER="2" COLOR="{UNREACHABLE}"',
        ),
        row(
            _("orange, dashed"),
            _("flag never read or never set"),
            "",
            f' BORDER="2" COLOR="{UNUSED}"',
        ),
    ]
    return (
        '<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" BGCOLOR="white">'
        + "".join(rows)
        + "</TABLE>>"
    )


def to_dot(graph: FlowGraph, *, legend: bool = True, turn: int | None = None) -> str:
    """The whole graph as DOT text, or one turn (``turn``: its injects and decisions with the
    flags, events, endings, statements and stakeholders they touch, and the items of other
    turns on the far side of those).

    The layout reads top to bottom so that it fits a page's width: one box per turn, in play
    order, holding its injects then its decisions in file order; then the events in file order,
    the endings in the order they are checked, and the legend.
    """
    sc = graph.scenario
    shown = _shown(graph, turn)
    problems = len([n for n in graph.problems() if n.key in shown])
    title = f"{sc.title}  ({sc.id})"
    if turn is not None:
        title += "  ·  " + _("turn {n}").format(n=turn)
    if problems:
        title += "  ·  " + ngettext("{n} problem marked", "{n} problems marked", problems).format(
            n=problems
        )
    out = [
        "digraph scenario {",
        f"  graph [rankdir=TB, newrank=true, compound=true, nodesep=0.3, ranksep=0.3,"
        f' fontname="{FONT}", labelloc=t, fontsize=20, label={quote(title)}];',
        f'  node [shape=plain, fontname="{FONT}", fontsize=11];',
        f'  edge [fontname="{FONT}", fontsize=9, arrowsize=0.7];',
    ]

    def emit(node: FlowNode, indent: str = "    ") -> None:
        out.append(f"{indent}{quote(node.key)} [label={node_label(graph, node)}];")

    layout: list[str] = []  # invisible edges: play order and file order

    def chain(keys: list[str]) -> None:
        for a_, b_ in itertools.pairwise(keys):
            layout.append(f"  {quote(a_)} -> {quote(b_)};")

    previous_end: str | None = None
    for n, t in enumerate(sc.turns, 1):
        # One column per turn, in file order: its injects, then its decisions.
        columns = [
            [
                nd.key
                for kind in ("inject", "decision")
                for nd in graph.nodes
                if nd.turn == n and nd.kind == kind and nd.key in shown
            ]
        ]
        if not any(columns):
            continue
        start, end = f"turn:{n}", f"turn:{n}:end"
        out.append(f"  subgraph {quote(f'cluster_turn_{n}')} {{")
        out.append(
            f'    label={quote(_turn_title(n, t))}; style="rounded,filled";'
            f' fillcolor="{_phase_fill(t.phase)}"; color="#999999"; fontsize=14;'
        )
        out.append(f"    {quote(start)} [shape=point, style=invis, width=0];")
        for column in columns:
            for key in column:
                emit(graph.node(key))
        out.append(f"    {quote(end)} [shape=point, style=invis, width=0];")
        out.append("  }")
        if previous_end is not None:
            layout.append(f"  {quote(previous_end)} -> {quote(start)};")
        for column in columns:
            if column:
                chain([start, *column, end])
        previous_end = end

    for kind, title_, fill in (
        (
            "event",
            _("Events (from turn 2, each at most once, when their condition holds)"),
            "#fff6ea",
        ),
        ("ending", _("Endings (checked in this order after the last turn)"), "#f5f1ff"),
        ("statement", _("Statements that read or change flags"), "#f6fbf6"),
        ("stakeholder", _("Stakeholders read by conditions"), "#eefafa"),
    ):
        nodes = [nd for nd in graph.of_kind(kind) if nd.key in shown]  # type: ignore[arg-type]
        if not nodes:
            continue
        out.append(f"  subgraph {quote('cluster_' + kind)} {{")
        out.append(
            f'    label={quote(title_)}; style="rounded,filled"; fillcolor="{fill}";'
            ' color="#999999"; fontsize=14;'
        )
        for node in nodes:
            emit(node)
        out.append("  }")
        keys = [nd.key for nd in nodes]
        # below the last turn, one group under the other, in file order, three to a row
        rows = (
            [keys[i : i + 3] for i in range(0, len(keys), 3)]
            if kind in _ROWS
            else [[k] for k in keys]
        )
        for row in rows:
            if previous_end is not None:
                for k in row:
                    layout.append(f"  {quote(previous_end)} -> {quote(k)};")
            if len(row) > 1:
                chain(row)  # left to right within the row (same rank below)
                layout.append("  {rank=same; " + "; ".join(quote(k) for k in row) + "}")
            previous_end = row[0]
    for node in graph.of_kind("flag"):
        if node.key in shown:
            emit(node, "  ")
    if legend:
        out.append(f"  {quote('legend')} [label={_legend()}];")
        if previous_end is not None:
            layout.append(f"  {quote(previous_end)} -> {quote('legend')};")

    out.append("  edge [style=invis, weight=20];")
    out += layout
    endings = [f"ending:{e.id}" for e in sc.endings if f"ending:{e.id}" in shown]
    if len(endings) > 1:
        chain_text = " -> ".join(quote(e) for e in endings)
        out.append(
            f'  {chain_text} [style=dashed, color="#8a7fb8", label=else, weight=5,'
            " constraint=false];"
        )
    out.append("  edge [style=solid, weight=1];")
    first_set = _first_set_turn(graph)
    for edge in graph.edges:
        if edge.src not in shown or edge.dst not in shown:
            continue
        target = graph.node(edge.dst)
        # A turn reading a flag that no earlier turn sets: do not let it pull the layout.
        loose = (
            edge.kind == "reads"
            and target.turn is not None
            and target.turn <= first_set.get(edge.src, 1)
        )
        out.append(_edge_line(edge, loose))
    out.append("}")
    return "\n".join(out) + "\n"


#: Groups drawn three to a row (the others one under the other).
_ROWS = ("statement", "stakeholder")


def _shown(graph: FlowGraph, turn: int | None) -> set[str]:
    """The node keys drawn: all of them, or turn ``turn``'s items and what they touch (and, for
    a flag or stakeholder they touch, what else sets or reads it)."""
    every = {n.key for n in graph.nodes}
    if turn is None:
        return every
    core = {n.key for n in graph.nodes if n.turn == turn}
    near = set(core)
    for e in graph.edges:
        if e.src in core or e.dst in core:
            near.update((e.src, e.dst))
    hubs = {k for k in near if graph.node(k).kind in ("flag", "stakeholder")}
    for e in graph.edges:
        if e.src in hubs or e.dst in hubs:
            near.update((e.src, e.dst))
    return {k for k in near if graph.node(k).kind != "turn"}


def _first_set_turn(graph: FlowGraph) -> dict[str, int]:
    """Flag node key -> the earliest turn in which something can set it."""
    out: dict[str, int] = {}
    for edge in graph.edges:
        if edge.kind != "sets":
            continue
        src = graph.node(edge.src)
        turn = src.turn if src.turn is not None else (2 if src.kind == "event" else 1)
        out[edge.dst] = min(out.get(edge.dst, turn), turn)
    return out


def _phase_fill(phase: str) -> str:
    return {"preparation": "#f3f7ee", "response": "#fbf5f0", "recovery": "#eef3f8"}.get(
        phase, "#f7f7f7"
    )


# --- Graphviz -------------------------------------------------------------------------------


class GraphvizMissing(Exception):
    """Graphviz's ``dot`` program is not on PATH."""


class GraphvizFailed(Exception):
    """``dot`` ran but could not draw the graph."""


def render(dot_text: str, fmt: str, *, timeout: float = 120.0) -> bytes:
    """Run Graphviz's ``dot`` to turn DOT text into ``fmt`` (``svg``, ``png``, ``pdf``)."""
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissing()
    try:
        proc = subprocess.run(
            [exe, f"-T{fmt}"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
    except subprocess.TimeoutExpired as exc:
        raise GraphvizFailed(f"dot took longer than {timeout:g} s") from exc
    except OSError as exc:
        raise GraphvizFailed(str(exc)) from exc
    if proc.returncode != 0 or not proc.stdout:
        msg = proc.stderr.decode("utf-8", "replace").strip() or f"exit code {proc.returncode}"
        raise GraphvizFailed(msg)
    return proc.stdout
