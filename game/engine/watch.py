"""Conditions re-evaluated only when what they read has changed.

Event conditions are checked at every turn start and statement conditions every time a message
is planned.  Checking each of them each time makes a game cost turns x conditions: a scenario
twice as long, with twice the events and statements, takes four times as long.  A
:class:`ConditionWatch` keeps the last value of each condition of a list and an index from what a
condition reads — a metric, a flag, a decision's answer, a stakeholder being informed, the turn
— to the conditions that read it.  The game state reports each change (``_State.touch``, given
the conditions :func:`touch_table` lists for it); the watches mark those conditions as *dirty*,
and only those are evaluated again.

The turn needs care, because it changes every turn: a condition that reads it only as
``turn OP number`` can change value only at the turn where that comparison flips (``turn >= 5``:
at 5), so it is marked dirty at those turns only; a condition doing arithmetic with the turn is
dirty every turn.  The results are those of evaluating every condition every time (the engine's
property and replay tests check that games are unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from game.scenario.conditions import (
    And,
    Chose,
    Compare,
    Condition,
    ConditionContext,
    FlagRef,
    Informed,
    MetricRef,
    Node,
    Not,
    Num,
    Or,
    Sum,
    TurnRef,
)

Key = tuple[str, str]


class Reads:
    """What one condition reads (found once from its tree)."""

    __slots__ = ("every_turn", "keys", "turn_points")

    def __init__(self, cond: Condition) -> None:
        self.keys: set[Key] = set()
        self.turn_points: set[int] = set()
        self.every_turn = False
        self._walk(cond.tree)

    def _walk(self, node: Node) -> None:
        match node:
            case Compare(op=op, left=TurnRef(), right=Num(value=c)):
                self.turn_points.update(_flips(op, c))
            case Compare(left=left, right=right):
                self._walk(left)
                self._walk(right)
            case TurnRef():
                self.every_turn = True
            case MetricRef(id=mid):
                self.keys.add(("m", mid))
            case FlagRef(id=fid):
                self.keys.add(("f", fid))
            case Chose(decision=d):
                self.keys.add(("c", d))
            case Informed(stakeholder=s):
                self.keys.add(("i", s))
            case Not(operand=o):
                self._walk(o)
            case And(operands=ops) | Or(operands=ops):
                for o in ops:
                    self._walk(o)
            case Sum(first=first, terms=terms):
                self._walk(first)
                for _sign, t in terms:
                    self._walk(t)
            case _:
                pass  # numbers and booleans read nothing


def _flips(op: str, c: float) -> Iterable[int]:
    """The turns at which ``turn OP c`` may change value (turns are whole numbers)."""
    import math

    lo = math.ceil(c) if c == c and abs(c) != math.inf else 0  # first turn >= c
    hi = math.floor(c) + 1 if c == c and abs(c) != math.inf else 0  # first turn > c
    if op in (">=", "<"):
        return (lo,)
    if op in (">", "<="):
        return (hi,)
    return (lo, hi)  # == and !=: becomes true at c, false again after it


class WatchIndex:
    """What each condition of a list reads, indexed (built once per scenario, shared)."""

    def __init__(self, conditions: Sequence[Condition | None]) -> None:
        self.conditions = tuple(conditions)
        self.by_key: dict[Key, tuple[int, ...]] = {}
        at_turn: dict[int, list[int]] = {}
        by_key: dict[Key, list[int]] = {}
        every: list[int] = []
        for i, cond in enumerate(self.conditions):
            if cond is None:
                continue
            reads = Reads(cond)
            for k in reads.keys:
                by_key.setdefault(k, []).append(i)
            for t in reads.turn_points:
                at_turn.setdefault(t, []).append(i)
            if reads.every_turn:
                every.append(i)
        self.by_key = {k: tuple(v) for k, v in by_key.items()}
        self.at_turn = {t: tuple(v) for t, v in at_turn.items()}
        self.every_turn = tuple(every)
        self.evaluated = frozenset(i for i, c in enumerate(self.conditions) if c is not None)
        #: the values before any evaluation: True for no condition, False until evaluated
        self.start = tuple(c is None for c in self.conditions)


class ConditionWatch:
    """The last values of the conditions of a :class:`WatchIndex` in one game, and which of
    them may have changed since.  ``None`` conditions (no condition: always true) are never
    evaluated; their value is True.  Everything starts dirty; :meth:`refresh` evaluates the
    dirty ones."""

    __slots__ = ("by_key", "dirty", "index", "turn", "values")

    def __init__(self, index: WatchIndex) -> None:
        self.index = index
        self.by_key = index.by_key
        self.values: list[bool] = list(index.start)
        self.dirty: set[int] = set(index.evaluated)
        self.turn = 0

    def set_turn(self, turn: int) -> None:
        """The game moved to ``turn``: mark the conditions whose turn comparisons may flip."""
        if turn == self.turn:
            return
        index = self.index
        if index.every_turn:
            self.dirty.update(index.every_turn)
        at = index.at_turn
        if at:
            step = 1 if turn > self.turn else -1
            for t in range(self.turn + step, turn + step, step):
                hit = at.get(t)
                if hit is not None:
                    self.dirty.update(hit)
        self.turn = turn

    def refresh(self, ctx: ConditionContext) -> bool:
        """Evaluate the dirty conditions; True if any value changed."""
        if not self.dirty:
            return False
        changed = False
        values, conds = self.values, self.index.conditions
        for i in self.dirty:
            v = conds[i].holds(ctx)  # type: ignore[union-attr]
            if v != values[i]:
                values[i] = v
                changed = True
        self.dirty.clear()
        return changed


#: What a change to one key makes dirty: ``(statement conditions, event conditions)``.
Hit = tuple[tuple[int, ...], tuple[int, ...]]


def touch_table(statements: WatchIndex, events: WatchIndex) -> dict[Key, Hit]:
    """Key -> the conditions of both watches that read it (built once per scenario).

    One lookup per change instead of one per watch, and a key no condition reads is simply
    absent, so most changes cost a single failed ``dict.get`` (or nothing at all, when the
    change was prepared with its hit already looked up: see ``Prepared``)."""
    keys = set(statements.by_key) | set(events.by_key)
    return {k: (statements.by_key.get(k, ()), events.by_key.get(k, ())) for k in keys}
