"""Three authoring traps that load and play, but not as the author meant (W109–W111).

- **W109** an event that reads ``not informed(x)`` at the start of a turn up to ``x``'s deadline
  turn: events are checked at the start of a turn, before anyone plays it, so the event fires
  while the players can still meet the deadline (``turn >= 2 and not informed(press)`` with
  ``inform_by: 2``);
- **W110** a stakeholder's key point that only conditional statements cover: when their
  conditions do not hold, nobody can fully inform that stakeholder;
- **W111** a harmful option whose every effect is lost because its metric is already at the
  bound it pushes towards, and nothing moves it away: choosing it changes nothing, so the ending
  cannot tell it from a good answer.

Kept apart from :mod:`game.scenario.lint` (which calls :func:`trap_warnings`) so each trap is one
small function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from game.i18n import _, pgettext
from game.scenario import conditions as cond
from game.scenario import model
from game.scenario.checks import ConditionSite, condition_sites

Warn = Callable[..., None]


def trap_warnings(sc: model.Scenario, warn: Warn, always_holds: Callable[[ConditionSite], bool]):
    """Report the three traps through ``warn(path, code, message, hint)``."""
    _early_deadline_events(sc, warn)
    _conditional_key_points(sc, warn, always_holds)
    _harmless_harmful_options(sc, warn)


# --- W109 -------------------------------------------------------------------------------------


def _turn_floor(node: cond.Node) -> int | None:
    """The smallest turn a ``turn >= N`` / ``turn > N`` / ``N <= turn`` comparison allows."""
    if not isinstance(node, cond.Compare):
        return None
    left, right, op = node.left, node.right, node.op
    if isinstance(right, cond.TurnRef) and isinstance(left, cond.Num):
        left, right, op = right, left, {"<=": ">=", "<": ">", ">=": "<=", ">": "<"}.get(op, op)
    if isinstance(left, cond.TurnRef) and isinstance(right, cond.Num):
        if op == ">=":
            return int(-(-right.value // 1))
        if op == ">":
            return int(right.value // 1) + 1
        if op == "==":
            return int(right.value)
    return None


def _negated_informed(
    node: cond.Node, floor: int, negated: bool = False
) -> Iterator[tuple[str, int]]:
    """(stakeholder, earliest turn) for each ``not informed(x)``, the turn raised by the
    ``turn >= N`` beside it in the same conjunction."""
    match node:
        case cond.Informed(stakeholder=s) if negated:
            yield s, floor
        case cond.Not(operand=o):
            yield from _negated_informed(o, floor, not negated)
        case cond.And(operands=ops) if not negated:
            floors = [f for o in ops if (f := _turn_floor(o)) is not None]
            inner = max([floor, *floors])
            for o in ops:
                yield from _negated_informed(o, inner, negated)
        case cond.Or(operands=ops) if negated:  # not (a or b) = not a and not b
            floors = [f for o in ops if (f := _turn_floor_negated(o)) is not None]
            inner = max([floor, *floors])
            for o in ops:
                yield from _negated_informed(o, inner, negated)
        case cond.And(operands=ops) | cond.Or(operands=ops):
            for o in ops:
                yield from _negated_informed(o, floor, negated)


def _turn_floor_negated(node: cond.Node) -> int | None:
    """The floor a negated comparison gives: ``not (turn < N)`` is ``turn >= N``."""
    if isinstance(node, cond.Compare) and node.op in ("<", "<="):
        flipped = cond.Compare({"<": ">=", "<=": ">"}[node.op], node.left, node.right, node.offset)
        return _turn_floor(flipped)
    return None


def _early_deadline_events(sc: model.Scenario, warn: Warn) -> None:
    deadlines = {s.id: sc.deadline_of(s) for s in sc.stakeholders}
    for site in condition_sites(sc):
        if site.path[0] != "events":
            continue
        event = sc.events[site.path[1]]  # type: ignore[index]
        reported: set[str] = set()
        for stakeholder, earliest in _negated_informed(site.condition.tree, site.turns[0]):
            deadline = deadlines.get(stakeholder)
            if deadline is None or stakeholder in reported or earliest > deadline:
                continue
            reported.add(stakeholder)
            warn(
                site.path,
                "W109",
                _(
                    'event "{id}" reads "not informed({stakeholder})" at the start of turn '
                    "{earliest}, but {stakeholder} may be informed until the end of turn "
                    "{deadline} (inform_by): the event fires before anyone can meet the deadline"
                ).format(
                    id=event.id, stakeholder=stakeholder, earliest=earliest, deadline=deadline
                ),
                _('wait until the deadline has passed: "{condition}"').format(
                    condition=f"turn >= {deadline + 1} and not informed({stakeholder})"
                ),
            )


# --- W110 -------------------------------------------------------------------------------------


def _conditional_key_points(
    sc: model.Scenario, warn: Warn, always_holds: Callable[[ConditionSite], bool]
) -> None:
    sites = {site.path[1]: site for site in condition_sites(sc) if site.path[0] == "statements"}
    unconditional: set[str] = set()
    conditional: dict[str, list[model.Statement]] = {}
    for i, st in enumerate(sc.statements):
        site = sites.get(i)
        for k in st.covers:
            if st.when is None or (site is not None and always_holds(site)):
                unconditional.add(k)
            else:
                conditional.setdefault(k, []).append(st)
    for s in sc.stakeholders:
        for j, k in enumerate(s.expects):
            if k in unconditional or k not in conditional:
                continue  # W107 reports a key point nothing covers
            only = conditional[k]
            required = s.required_when.source if s.required_when is not None else ""
            if any(st.when is not None and _implies(required, st.when.source) for st in only):
                continue  # the stakeholder is only required when the statement can be sent
            deadline = sc.deadline_of(s)
            if any(_opens_by(st, deadline) for st in only):
                continue  # the statement opens with the clock alone, in time for the deadline
            names = ", ".join(
                _('"{id}" (when: {condition})').format(id=st.id, condition=st.when.source)
                for st in only[:3]
                if st.when
            )
            warn(
                ("stakeholders", s.id, "expects", j),
                "W110",
                _(
                    'stakeholder "{id}" expects "{key}", but only conditional statements cover '
                    "it: {names}; when those conditions do not hold, {id} can never be fully "
                    "informed"
                ).format(id=s.id, key=k, names=names),
                _(
                    'add a statement that covers "{key}" without a when, or make sure the '
                    "condition holds before the deadline"
                ).format(key=k),
            )


def _opens_by(st: model.Statement, deadline: int) -> bool:
    """Whether ``st`` can be sent by ``deadline`` in every game: its ``when`` reads only the
    turn (``turn >= N``, ``turn > N``, ``turn == N``) and opens on or before the deadline turn.
    Such a statement is the usual way to keep news unsayable before it has happened; no choice
    of the players can keep it closed, so it is no trap."""
    if st.when is None:
        return True
    floor = _turn_floor(st.when.tree)
    return floor is not None and floor <= deadline


def _implies(required: str, when: str) -> bool:
    """Whether holding ``required`` makes ``when`` hold, judged on the text: the same
    condition, or ``when``'s conjuncts among ``required``'s (no ``or``, no parentheses)."""
    r, w = " ".join(required.split()), " ".join(when.split())
    if not r:
        return False
    if r == w:
        return True
    if any(x in r or x in w for x in (" or ", "(")):
        return False
    return set(w.split(" and ")) <= set(r.split(" and "))


# --- W111 -------------------------------------------------------------------------------------


def _directions(sc: model.Scenario) -> dict[str, set[int]]:
    """Metric id -> the directions (+1, -1) any effect in the file moves it."""
    out: dict[str, set[int]] = {}

    def add(effects: dict[str, float]) -> None:
        for m, delta in effects.items():
            if delta:
                out.setdefault(m, set()).add(1 if delta > 0 else -1)

    for _turn, d in sc.decisions():
        for o in d.options:
            add(o.effects)
    for t in sc.turns:
        for inj in t.injects:
            add(inj.effects)
    for inj in sc.events:
        add(inj.effects)
    for st in sc.statements:
        add(st.effects)
    return out


def _harmless_harmful_options(sc: model.Scenario, warn: Warn) -> None:
    metrics = {m.id: m for m in sc.metrics}
    moves = _directions(sc)
    for turn_number, d in sc.decisions():
        for k, o in enumerate(d.options):
            if o.rating != "harmful" or not o.effects or o.set_ or o.clear:
                continue
            pinned: list[str] = []
            for m_id, delta in o.effects.items():
                m = metrics.get(m_id)
                if m is None or not delta:
                    pinned = []
                    break
                bound = m.max if delta > 0 else m.min
                at_bound = bound is not None and (
                    m.start >= bound if delta > 0 else m.start <= bound
                )
                away = -1 if delta > 0 else 1
                if not at_bound or away in moves.get(m_id, set()):
                    pinned = []
                    break
                pinned.append(
                    (
                        _('"{id}" starts at its maximum ({bound}) and nothing moves it back')
                        if delta > 0
                        else _('"{id}" starts at its minimum ({bound}) and nothing moves it back')
                    ).format(id=m_id, bound=_num(bound))
                )
            if not pinned:
                continue
            warn(
                ("turns", turn_number - 1, "decisions", _index(sc, turn_number, d), "options", k),
                "W111",
                _(
                    'option "{option}" of decision "{decision}" is rated harmful but changes '
                    "nothing: {reasons}"
                ).format(
                    option=o.id,
                    decision=d.id,
                    reasons=pgettext("list separator", "; ").join(pinned),
                ),
                _(
                    "start the metric away from that bound, or give the option an effect the "
                    "ending can see"
                ),
            )


def _index(sc: model.Scenario, turn_number: int, d: model.Decision) -> int:
    return next(i for i, x in enumerate(sc.turns[turn_number - 1].decisions) if x is d)


def _num(value: float | None) -> str:
    return "" if value is None else (f"{value:g}")
