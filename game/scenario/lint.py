"""Warnings: a scenario that loads and plays, but probably not the way its author meant.

"Can never hold" is decided by a small abstract interpretation of each condition: numbers
become intervals (a metric ranges over what its start, bounds and every effect in the file
allow; ``turn`` over the turns at which that condition is evaluated) and truth values become
the set of values they can take (a flag nothing sets is always false; ``chose(d)`` is false
before ``d``'s turn).  It is sound but not complete: a warning means the condition is certainly
dead; a condition that is dead for subtler reasons may go unnoticed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from game.i18n import _
from game.scenario import conditions as cond
from game.scenario import model
from game.scenario.checks import ConditionSite, condition_sites
from game.scenario.diagnostics import Diagnostic
from game.scenario.traps import trap_warnings
from game.scenario.yamlsource import Path, SourceMap

Interval = tuple[float, float]
Truth = frozenset[bool]
BOTH: Truth = frozenset((True, False))
TRUE: Truth = frozenset((True,))
FALSE: Truth = frozenset((False,))


class Facts:
    """What can possibly be true of a scenario's state at one condition site."""

    def __init__(self, sc: model.Scenario) -> None:
        self.sc = sc
        self.settable = {f for f in _all_sets(sc)}
        self.metric_range = {m.id: _metric_range(sc, m) for m in sc.metrics}
        self.turn_of = sc.turn_of_decision

    def truth(self, node: cond.Node, site: ConditionSite) -> Truth:
        match node:
            case cond.Bool(value=v):
                return TRUE if v else FALSE
            case cond.FlagRef(id=f):
                return BOTH if f in self.settable else FALSE
            case cond.Chose(decision=d):
                _lo, hi = site.turns
                dturn = self.turn_of.get(d, math.inf)
                before = site.path[0] in ("turns", "events")  # evaluated at the start of a turn
                possible = dturn < hi if before else dturn <= hi
                return BOTH if possible else FALSE
            case cond.Informed():
                return BOTH
            case cond.Not(operand=o):
                return frozenset(not v for v in self.truth(o, site))
            case cond.And(operands=ops):
                parts = [self.truth(o, site) for o in ops]
                out = set()
                if all(True in p for p in parts):
                    out.add(True)
                if any(False in p for p in parts):
                    out.add(False)
                return frozenset(out)
            case cond.Or(operands=ops):
                parts = [self.truth(o, site) for o in ops]
                out = set()
                if any(True in p for p in parts):
                    out.add(True)
                if all(False in p for p in parts):
                    out.add(False)
                return frozenset(out)
            case cond.Compare(op=op, left=left, right=right):
                if cond.is_numeric(left):
                    return _compare(op, self.interval(left, site), self.interval(right, site))
                a, b = self.truth(left, site), self.truth(right, site)
                if len(a) == 1 and len(b) == 1:
                    same = a == b
                    return TRUE if same == (op == "==") else FALSE
                return BOTH
        return BOTH

    def interval(self, node: cond.Node, site: ConditionSite) -> Interval:
        match node:
            case cond.Num(value=v):
                return (v, v)
            case cond.TurnRef():
                return (float(site.turns[0]), float(site.turns[1]))
            case cond.MetricRef(id=m):
                return self.metric_range.get(m, (-math.inf, math.inf))
            case cond.Sum(first=first, terms=terms):
                lo, hi = self.interval(first, site)
                for sign, t in terms:
                    tlo, thi = self.interval(t, site)
                    if sign > 0:
                        lo, hi = lo + tlo, hi + thi
                    else:
                        lo, hi = lo - thi, hi - tlo
                return (lo, hi)
        return (-math.inf, math.inf)

    def can_hold(self, site: ConditionSite) -> bool:
        return True in self.truth(site.condition.tree, site)

    def always_holds(self, site: ConditionSite) -> bool:
        return self.truth(site.condition.tree, site) == TRUE


def _compare(op: str, a: Interval, b: Interval) -> Truth:
    (alo, ahi), (blo, bhi) = a, b
    can = {
        "<": alo < bhi,
        "<=": alo <= bhi,
        ">": ahi > blo,
        ">=": ahi >= blo,
        "==": alo <= bhi and blo <= ahi,
        "!=": not (alo == ahi == blo == bhi),
    }[op]
    must = {
        "<": ahi < blo,
        "<=": ahi <= blo,
        ">": alo > bhi,
        ">=": alo >= bhi,
        "==": alo == ahi == blo == bhi,
        "!=": ahi < blo or bhi < alo,
    }[op]
    if must:
        return TRUE
    return BOTH if can else FALSE


def _effect_sources(sc: model.Scenario) -> Iterable[tuple[dict[str, float], bool]]:
    """Every effects mapping, with whether it can apply any number of times."""
    for st in sc.statements:
        yield st.effects, True
    for turn in sc.turns:
        for inj in turn.injects:
            yield inj.effects, False
        for d in turn.decisions:
            for o in d.options:
                yield o.effects, False
    for ev in sc.events:
        yield ev.effects, False


def _metric_range(sc: model.Scenario, m: model.Metric) -> Interval:
    lo = hi = float(m.start)
    for effects, repeatable in _effect_sources(sc):
        v = effects.get(m.id, 0)
        if v > 0:
            hi = math.inf if repeatable else hi + v
        elif v < 0:
            lo = -math.inf if repeatable else lo + v
    return (m.clamp(lo), m.clamp(hi))


def _all_sets(sc: model.Scenario) -> Iterable[str]:
    for st in sc.statements:
        yield from st.set_
    for turn in sc.turns:
        for inj in turn.injects:
            yield from inj.set_
        for d in turn.decisions:
            for o in d.options:
                yield from o.set_
    for ev in sc.events:
        yield from ev.set_


def _flags_read(sc: model.Scenario) -> set[str]:
    return {
        n.id
        for site in condition_sites(sc)
        for n in cond.walk(site.condition.tree)
        if isinstance(n, cond.FlagRef)
    }


def lint(sc: model.Scenario, file: str, source: SourceMap) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def warn(path: Path, code: str, message: str, hint: str = "", *, key: bool = False) -> None:
        line, col = source.key_at(path) if key else source.value_at(path)
        out.append(Diagnostic(file, line, col, "warning", code, message, hint))

    facts = Facts(sc)
    read = _flags_read(sc)
    for i, f in enumerate(sc.flags):
        if f in facts.settable and f not in read:
            warn(
                ("flags", i),
                "W102",
                _('flag "{f}" is set but never read').format(f=f),
                _("use it in a when: condition, or remove it"),
            )
        elif f in read and f not in facts.settable:
            warn(
                ("flags", i),
                "W103",
                _('flag "{f}" is read but nothing ever sets it (always false)').format(f=f),
                _("add it to an option's or inject's set: list"),
            )
        elif f not in read and f not in facts.settable:
            warn(
                ("flags", i),
                "W108",
                _('flag "{f}" is never set or read').format(f=f),
                _("remove it"),
            )

    ending_sites = {site.path[1]: site for site in condition_sites(sc) if site.path[0] == "endings"}
    for site in condition_sites(sc):
        kind = site.path[0]
        if facts.can_hold(site):
            continue
        if kind == "statements":
            st = sc.statements[site.path[1]]  # type: ignore[index]
            warn(
                site.path,
                "W101",
                _('statement "{id}" can never be used: its when can never hold').format(id=st.id),
            )
        elif kind == "endings":
            en = sc.endings[site.path[1]]  # type: ignore[index]
            warn(
                site.path,
                "W106",
                _('ending "{id}" can never be reached: its when can never hold').format(id=en.id),
            )
        elif kind == "stakeholders":
            warn(
                site.path,
                "W104",
                _("required_when can never hold: this stakeholder is never required"),
            )
        elif kind == "channels":
            warn(site.path, "W104", _("down_when can never hold: this channel is never down"))
        else:
            if kind == "events":
                never = _("this event's when can never hold: it will never happen")
            elif site.path[2] == "injects":
                never = _("this inject's when can never hold: it will never happen")
            else:
                never = _("this decision's when can never hold: it will never happen")
            warn(
                site.path,
                "W104",
                never,
                _("it is evaluated in turns {first}-{last}").format(
                    first=site.turns[0], last=site.turns[1]
                )
                if site.turns[0] != site.turns[1]
                else _("it is evaluated in turn {turn}").format(turn=site.turns[0]),
            )
    for i in range(len(sc.endings) - 1):
        site = ending_sites.get(i)
        if site is not None and facts.always_holds(site):
            for j in range(i + 1, len(sc.endings)):  # the fallback too
                warn(
                    ("endings", j),
                    "W106",
                    _(
                        'ending "{id}" can never be reached: ending "{id2}" before it always holds'
                    ).format(id=sc.endings[j].id, id2=sc.endings[i].id),
                )
            break

    in_play = set(sc.roles_in_play)
    covered = {k for st in sc.statements for k in st.covers}
    for s in sc.stakeholders:
        if s.owner is not None and not s.owner:
            warn(
                ("stakeholders", s.id, "owner"),
                "W105",
                _('stakeholder "{id}": owner is an empty list, so no role owns it').format(id=s.id),
                _(
                    "every role in play is then treated as an owner; remove the key to say so, "
                    "or name the roles"
                ),
            )
        elif s.owner is not None and not in_play.intersection(s.owner):
            warn(
                ("stakeholders", s.id, "owner"),
                "W105",
                _('stakeholder "{id}": none of its owners ({owners}) takes part').format(
                    id=s.id, owners=", ".join(s.owner)
                ),
                _("messages from other roles score lower; add an owner in play"),
            )
        for j, k in enumerate(s.expects):
            if k not in covered:
                warn(
                    ("stakeholders", s.id, "expects", j),
                    "W107",
                    _('stakeholder "{id}" expects "{k}" but no statement covers it').format(
                        id=s.id, k=k
                    ),
                    _(
                        "they can never be fully informed; add a statement with covers: [{key}]"
                    ).format(key=k),
                )
    trap_warnings(sc, warn, facts.always_holds)
    return out
