"""A scenario as a graph of what sets and reads what, with the parts that can never happen.

``crisis-sim graph`` draws this graph; ``crisis-sim check`` (and anything else that wants to
know which parts of a scenario are dead) reads the same :class:`FlowGraph`, so the picture and
the report never disagree.

Nodes are the things a condition can depend on or that a condition guards: turns, injects,
decisions (their options are ports of the decision, ``FlowEdge.port``), events, endings, flags,
and the statements and stakeholders that take part in conditions.  Edges go from what changes
or establishes a fact to what reads it:

* ``sets`` / ``clears``: an option, inject, event or statement -> a flag;
* ``reads``: a flag -> the decision, inject, event, ending, statement or stakeholder whose
  condition reads it;
* ``chose``: a decision (or one option of it) -> what reads ``chose(...)``;
* ``informed``: a stakeholder -> what reads ``informed(...)``.

Each reading edge is labelled with the clause of the condition that reads it (``not
flags.segments_isolated``), and the whole condition stays on the node (``FlowNode.when``).

Whether a node can happen is decided by :class:`game.scenario.lint.Facts`, the same abstract
interpreter that produces the loader's warnings: it is sound (a node marked unreachable really
can never happen) but not complete.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Literal

import attrs

from game.i18n import _
from game.scenario import conditions as cond
from game.scenario import model
from game.scenario.checks import ConditionSite, condition_sites
from game.scenario.lint import Facts

NodeKind = Literal[
    "turn", "inject", "decision", "event", "ending", "flag", "statement", "stakeholder"
]
EdgeKind = Literal["sets", "clears", "reads", "chose", "informed"]
Status = Literal["ok", "unreachable", "unused", "never_set"]

#: Statuses that mean "something is probably wrong here".
PROBLEMS: tuple[Status, ...] = ("unreachable", "unused", "never_set")


@attrs.frozen
class FlowNode:
    key: str  # "kind:id" (turns: "turn:N"), unique in the graph
    kind: NodeKind
    id: str
    turn: int | None = None  # 1-based turn of injects and decisions
    when: str | None = None  # the condition as written
    status: Status = "ok"
    reason: str = ""  # why the status is not "ok", in words for authors


@attrs.frozen
class FlowEdge:
    src: str
    dst: str
    kind: EdgeKind
    label: str = ""
    port: str | None = None  # option id when the source is one option of a decision


@attrs.frozen
class FlowGraph:
    scenario: model.Scenario
    nodes: tuple[FlowNode, ...]
    edges: tuple[FlowEdge, ...]

    def node(self, key: str) -> FlowNode:
        return self._index[key]

    def has(self, key: str) -> bool:
        return key in self._index

    def problems(self) -> tuple[FlowNode, ...]:
        """Nodes that can never happen, and flags set but never read or read but never set."""
        return tuple(n for n in self.nodes if n.status in PROBLEMS)

    def of_kind(self, kind: NodeKind) -> tuple[FlowNode, ...]:
        return tuple(n for n in self.nodes if n.kind == kind)

    @functools.cached_property
    def _index(self) -> dict[str, FlowNode]:
        return {n.key: n for n in self.nodes}


def key(kind: NodeKind, ident: str | int) -> str:
    return f"{kind}:{ident}"


# --- reachability ---------------------------------------------------------------------------


def _node_sites(sc: model.Scenario) -> Iterator[ConditionSite]:
    """The condition sites that guard a node of the graph.  A channel's ``down_when`` guards no
    node (a channel is not an event of the story), so it is left out here; the flags and
    stakeholders it reads still count as read."""
    return (site for site in condition_sites(sc) if site.path[0] != "channels")


def site_key(sc: model.Scenario, site: ConditionSite) -> str:
    """The node a condition site guards."""
    p = site.path
    match p[0]:
        case "stakeholders":
            return key("stakeholder", str(p[1]))
        case "statements":
            return key("statement", sc.statements[int(p[1])].id)
        case "events":
            return key("event", sc.events[int(p[1])].id)
        case "endings":
            return key("ending", sc.endings[int(p[1])].id)
        case "turns":
            turn = sc.turns[int(p[1])]
            if p[2] == "injects":
                return key("inject", turn.injects[int(p[3])].id)
            return key("decision", turn.decisions[int(p[3])].id)
    raise ValueError(f"unexpected condition site {p!r}")


def reachability(sc: model.Scenario) -> dict[str, tuple[Status, str]]:
    """Node key -> (status, reason) for every node whose status is not ``ok``."""
    facts = Facts(sc)
    out: dict[str, tuple[Status, str]] = {}
    ending_sites: dict[int, ConditionSite] = {}
    for site in _node_sites(sc):
        if site.path[0] == "endings":
            ending_sites[int(site.path[1])] = site
        if facts.can_hold(site):
            continue
        lo, hi = site.turns
        kind = str(site.path[0])
        if kind == "stakeholders":
            what = _("its required_when can never hold, so it is never required")
        elif kind == "statements":
            what = _("its when can never hold, so it can never be sent")
        elif kind == "endings":
            what = _("its when can never hold at the end of the game")
        elif lo == hi:
            what = _("its when can never hold (checked in turn {n})").format(n=lo)
        else:
            what = _("its when can never hold (checked in turns {first}-{last})").format(
                first=lo, last=hi
            )
        out[site_key(sc, site)] = ("unreachable", what)
    for i in range(len(sc.endings) - 1):
        site = ending_sites.get(i)
        if site is not None and facts.always_holds(site):
            for later in sc.endings[i + 1 : -1]:
                out.setdefault(
                    key("ending", later.id),
                    (
                        "unreachable",
                        _('ending "{id}" before it always holds').format(id=sc.endings[i].id),
                    ),
                )
            break
    read = {
        n.id
        for site in condition_sites(sc)
        for n in cond.walk(site.condition.tree)
        if isinstance(n, cond.FlagRef)
    }
    for f in sc.flags:
        if f in facts.settable and f not in read:
            out[key("flag", f)] = ("unused", _("set but never read"))
        elif f in read and f not in facts.settable:
            out[key("flag", f)] = ("never_set", _("read but nothing sets it: always false"))
        elif f not in read:
            out[key("flag", f)] = ("unused", _("never set or read"))
    return out


# --- the graph ------------------------------------------------------------------------------


def build(sc: model.Scenario) -> FlowGraph:
    """The flow graph of a loaded (valid) scenario."""
    status = reachability(sc)
    nodes: list[FlowNode] = []
    edges: list[FlowEdge] = []
    seen_edges: set[tuple[str, str | None, str, str]] = set()

    def add(kind: NodeKind, ident: str, turn: int | None = None, when: str | None = None) -> str:
        k = key(kind, ident)
        st, reason = status.get(k, ("ok", ""))
        nodes.append(FlowNode(k, kind, ident, turn, when, st, reason))
        return k

    def edge(src: str, dst: str, kind: EdgeKind, label: str = "", port: str | None = None) -> None:
        ident = (src, port, dst, kind)
        if ident not in seen_edges:
            seen_edges.add(ident)
            edges.append(FlowEdge(src, dst, kind, label, port))

    def changes(src: str, sets: tuple[str, ...], clears: tuple[str, ...], port: str | None = None):
        for f in sets:
            edge(src, key("flag", f), "sets", "sets", port)
        for f in clears:
            edge(src, key("flag", f), "clears", "clears", port)

    def source(c: cond.Condition | None) -> str | None:
        return c.source if c is not None else None

    for n, turn in enumerate(sc.turns, 1):
        add("turn", str(n), n)
        for inj in turn.injects:
            k = add("inject", inj.id, n, source(inj.when))
            changes(k, inj.set_, inj.clear)
        for d in turn.decisions:
            k = add("decision", d.id, n, source(d.when))
            for o in d.options:
                changes(k, o.set_, o.clear, o.id)
    for ev in sc.events:
        k = add("event", ev.id, None, source(ev.when))
        changes(k, ev.set_, ev.clear)
    for en in sc.endings:
        add("ending", en.id, None, source(en.when))
    for f in sc.flags:
        add("flag", f)
    informed = {
        n.stakeholder
        for site in condition_sites(sc)
        for n in cond.walk(site.condition.tree)
        if isinstance(n, cond.Informed)
    }
    for st in sc.statements:
        if st.when is not None or st.set_ or st.clear:
            k = add("statement", st.id, None, source(st.when))
            changes(k, st.set_, st.clear)
    for s in sc.stakeholders:
        if s.id in informed or s.required_when is not None:
            add("stakeholder", s.id, None, source(s.required_when))

    for site in _node_sites(sc):
        reader = site_key(sc, site)
        for ref, clause in references(site.condition.tree):
            label = unparse(clause)
            match ref:
                case cond.FlagRef(id=f):
                    edge(key("flag", f), reader, "reads", label)
                case cond.Chose(decision=d, option=o):
                    edge(key("decision", d), reader, "chose", label, o)
                case cond.Informed(stakeholder=s):
                    edge(key("stakeholder", s), reader, "informed", label)
    return FlowGraph(sc, tuple(nodes), tuple(edges))


# --- conditions in words --------------------------------------------------------------------

Ref = cond.FlagRef | cond.Chose | cond.Informed


def references(tree: cond.Node) -> Iterator[tuple[Ref, cond.Node]]:
    """Each flag, ``chose`` and ``informed`` reference with the clause it stands in.

    The clause is the outermost ``not`` or comparison around the reference below the last
    ``and``/``or`` (``not flags.x`` for ``a and not flags.x``), or the reference itself.
    """

    def go(node: cond.Node, clause: cond.Node | None) -> Iterator[tuple[Ref, cond.Node]]:
        match node:
            case cond.FlagRef() | cond.Chose() | cond.Informed():
                yield node, clause if clause is not None else node
            case cond.And(operands=ops) | cond.Or(operands=ops):
                for o in ops:
                    yield from go(o, clause)
            case cond.Not(operand=o):
                yield from go(o, clause if clause is not None else node)
            case cond.Compare(left=left, right=right):
                c = clause if clause is not None else node
                yield from go(left, c)
                yield from go(right, c)
            case cond.Sum(first=first, terms=terms):
                yield from go(first, clause)
                for _, t in terms:
                    yield from go(t, clause)

    yield from go(tree, None)


_PREC = {cond.Or: 1, cond.And: 2, cond.Not: 3, cond.Compare: 4, cond.Sum: 5}


def unparse(node: cond.Node) -> str:
    """A condition tree written back as text, with only the parentheses it needs."""

    def wrap(child: cond.Node, parent_prec: int) -> str:
        text = unparse(child)
        return f"({text})" if _PREC.get(type(child), 9) <= parent_prec else text

    match node:
        case cond.Num(value=v):
            text = repr(v)
            return f"{v:f}".rstrip("0").rstrip(".") if "e" in text else text
        case cond.Bool(value=v):
            return "true" if v else "false"
        case cond.TurnRef():
            return "turn"
        case cond.MetricRef(id=m):
            return m
        case cond.FlagRef(id=f):
            return f"flags.{f}"
        case cond.Chose(decision=d, option=o):
            return f"chose({d}.{o})" if o else f"chose({d})"
        case cond.Informed(stakeholder=s):
            return f"informed({s})"
        case cond.Not(operand=o):
            return "not " + wrap(o, 2)
        case cond.And(operands=ops):
            return " and ".join(wrap(o, 2) for o in ops)
        case cond.Or(operands=ops):
            return " or ".join(wrap(o, 1) for o in ops)
        case cond.Compare(op=op, left=left, right=right):
            return f"{wrap(left, 4)} {op} {wrap(right, 4)}"
        case cond.Sum(first=first, terms=terms):
            text = wrap(first, 4)
            for sign, t in terms:
                text += (" + " if sign > 0 else " - ") + wrap(t, 5)
            return text
    raise TypeError(f"not a condition node: {node!r}")
