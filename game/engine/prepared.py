"""Per-scenario data precomputed once and shared by every session of that scenario.

``crisis-sim simulate`` plays hundreds of bot games of one scenario; lookups that do not depend
on the state of a game (who receives an inject, which role informs a stakeholder, metric bounds)
are worked out here once instead of on every action.  Nothing here changes after construction,
except memo tables filled on first use whose entries never change either.
"""

from __future__ import annotations

import weakref

import attrs

from game.scenario.conditions import Condition, ConditionContext
from game.scenario.model import Decision, Inject, Scenario, Stakeholder, Statement


@attrs.frozen
class PreparedTurn:
    number: int
    label: str
    phase: str
    injects: tuple[tuple[Inject, tuple[str, ...]], ...]
    decisions: tuple[Decision, ...]


@attrs.frozen(eq=False)
class Prepared:
    roles: tuple[str, ...]
    role_set: frozenset[str]
    bounds: dict[str, tuple[float | None, float | None]]
    turns: tuple[PreparedTurn, ...]
    events: tuple[tuple[Inject, tuple[str, ...]], ...]
    statements: dict[str, Statement]
    #: The ``when`` of every conditional statement, in scenario order.
    statement_conditions: tuple[Condition, ...]
    #: Some statement has no ``when``: the usable statements are never an empty list.
    unconditional_statement: bool
    stakeholders: dict[str, Stakeholder]
    deadline: dict[str, int]
    expects: dict[str, frozenset[str]]
    #: The role that "should" inform each stakeholder: its first owner in play (else first role).
    sender: dict[str, str]
    decisions: dict[str, Decision]
    turn_of_decision: dict[str, int]
    #: statements in scenario order
    _statement_list: tuple[Statement, ...]
    #: usable statements by which of ``statement_conditions`` hold (bit i: condition i)
    _usable: dict[int, tuple[Statement, ...]] = attrs.field(init=False, factory=dict)

    def usable_statements(self, ctx: ConditionContext) -> tuple[Statement, ...]:
        """The statements whose ``when`` holds in ``ctx``, in scenario order.

        Bots and messages read them often; only the conditions are evaluated, and the tuple is
        looked up by which of them hold (few combinations occur in practice).
        """
        key = 0
        bit = 1
        for cond in self.statement_conditions:
            if cond.holds(ctx):
                key |= bit
            bit <<= 1
        hit = self._usable.get(key)
        if hit is None:
            hit = tuple(s for s in self._statement_list if s.when is None or s.when.holds(ctx))
            if len(self._usable) < 4096:  # bounded, however many conditions there are
                self._usable[key] = hit
        return hit

    @classmethod
    def build(cls, sc: Scenario) -> Prepared:
        roles = sc.roles_in_play
        role_set = frozenset(roles)

        def recipients(inj: Inject) -> tuple[str, ...]:
            return tuple(r for r in sc.recipients_of(inj) if r in role_set)

        turns = tuple(
            PreparedTurn(
                n,
                t.label,
                t.phase,
                tuple((i, recipients(i)) for i in t.injects),
                t.decisions,
            )
            for n, t in enumerate(sc.turns, 1)
        )
        last = max(len(sc.turns), 1)
        sender: dict[str, str] = {}
        for s in sc.stakeholders:
            owners = [r for r in sc.owners_of(s) if r in role_set]
            sender[s.id] = owners[0] if owners else (roles[0] if roles else "")
        return cls(
            roles=roles,
            role_set=role_set,
            bounds={m.id: (m.min, m.max) for m in sc.metrics},
            turns=turns,
            events=tuple((e, recipients(e)) for e in sc.events),
            statements={s.id: s for s in sc.statements},
            statement_conditions=tuple(s.when for s in sc.statements if s.when is not None),
            unconditional_statement=any(s.when is None for s in sc.statements),
            stakeholders={s.id: s for s in sc.stakeholders},
            deadline={s.id: min(max(sc.deadline_of(s), 1), last) for s in sc.stakeholders},
            expects={s.id: frozenset(s.expects) for s in sc.stakeholders},
            sender=sender,
            decisions=dict(sc.decision_by_id),
            turn_of_decision=dict(sc.turn_of_decision),
            statement_list=tuple(sc.statements),
        )


_CACHE: dict[int, tuple[weakref.ref[Scenario], Prepared]] = {}


def prepared(sc: Scenario) -> Prepared:
    """The :class:`Prepared` data of ``sc``, built on first use and kept while ``sc`` lives."""
    key = id(sc)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is sc:
        return hit[1]
    prep = Prepared.build(sc)

    def forget(ref: weakref.ref[Scenario], key: int = key) -> None:
        if _CACHE.get(key, (None,))[0] is ref:
            del _CACHE[key]

    _CACHE[key] = (weakref.ref(sc, forget), prep)
    return prep
