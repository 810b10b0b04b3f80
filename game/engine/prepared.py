"""Per-scenario data precomputed once and shared by every session of that scenario.

``crisis-sim simulate`` plays hundreds of bot games of one scenario; lookups that do not depend
on the state of a game (who receives an inject, which role informs a stakeholder, metric bounds)
are worked out here once instead of on every action.  Nothing here changes after construction,
except memo tables filled on first use whose entries never change either.
"""

from __future__ import annotations

import weakref

import attrs

from game.engine.watch import Hit, Key, WatchIndex, touch_table
from game.scenario.conditions import Condition
from game.scenario.model import Decision, Inject, Option, Scenario, Stakeholder, Statement

Bounds = dict[str, tuple[float | None, float | None]]


@attrs.frozen
class Effects:
    """What an option, inject or statement does to the state, ready to apply."""

    #: the id named in the ``EffectsApplied`` event (``decision.option`` for an option)
    source: str
    #: ``(metric, delta, min, max, hit)`` in the order the effects were written; ``hit``: the
    #: watched conditions that read the metric (``game.engine.watch.touch_table``), or None
    metrics: tuple[tuple[str, float, float | None, float | None, Hit | None], ...]
    set_: tuple[str, ...]
    clear: tuple[str, ...]
    #: ``(flag, hit)`` for ``set_`` and for ``clear``, in the same order
    set_hits: tuple[tuple[str, Hit | None], ...] = ()
    clear_hits: tuple[tuple[str, Hit | None], ...] = ()

    @classmethod
    def of(
        cls,
        source: str,
        thing: Option | Inject | Statement,
        bounds: Bounds,
        touch: dict[Key, Hit],
    ) -> Effects | None:
        """None when ``thing`` changes nothing (no ``EffectsApplied`` event then)."""
        if not (thing.effects or thing.set_ or thing.clear):
            return None
        metrics = tuple(
            (mid, delta, *bounds.get(mid, (None, None)), touch.get(("m", mid)))
            for mid, delta in thing.effects.items()
        )
        return cls(
            source,
            metrics,  # type: ignore[arg-type]
            thing.set_,
            thing.clear,
            tuple((f, touch.get(("f", f))) for f in thing.set_),
            tuple((f, touch.get(("f", f))) for f in thing.clear),
        )


@attrs.frozen
class PreparedInject:
    #: as shown: ``to`` narrowed to the roles in play when some are not
    inject: Inject
    #: the roles in play that see it
    roles: tuple[str, ...]
    effects: Effects | None


@attrs.frozen
class PreparedTurn:
    number: int
    label: str
    phase: str
    injects: tuple[PreparedInject, ...]
    #: ``(index in the turn, decision)`` of the decisions of roles in play
    decisions: tuple[tuple[int, Decision], ...]
    #: stakeholders whose (clamped) deadline is this turn
    deadline_stakeholders: tuple[str, ...]


@attrs.frozen(eq=False)
class Prepared:
    roles: tuple[str, ...]
    role_set: frozenset[str]
    bounds: Bounds
    turns: tuple[PreparedTurn, ...]
    events: tuple[PreparedInject, ...]
    statements: dict[str, Statement]
    statement_effects: dict[str, Effects | None]
    #: decision id -> option id -> (option, its effects)
    options: dict[str, dict[str, tuple[Option, Effects | None]]]
    #: What the statements' and the events' ``when`` read (``game.engine.watch``): each game
    #: re-evaluates a condition only when something it reads has changed.
    statement_watch: WatchIndex
    event_watch: WatchIndex
    #: key -> the statement and event conditions that read it (``watch.touch_table``)
    touch: dict[Key, Hit]
    #: decision id -> what its answer makes dirty; stakeholder id -> what informing it does
    chose_hits: dict[str, Hit | None]
    informed_hits: dict[str, Hit | None]
    #: Some statement has no ``when``: the usable statements are never an empty list.
    unconditional_statement: bool
    stakeholders: dict[str, Stakeholder]
    #: every metric's start value, and every flag (False): a new session's state copies them
    start_metrics: dict[str, float]
    start_flags: dict[str, bool]
    #: the stakeholders' ids in scenario order
    stakeholder_ids: tuple[str, ...]
    deadline: dict[str, int]
    expects: dict[str, frozenset[str]]
    #: The role that "should" inform each stakeholder: its first owner in play (else first role).
    sender: dict[str, str]
    decisions: dict[str, Decision]
    turn_of_decision: dict[str, int]
    #: message channel -> (its ``down_when``, the reason told to the sender)
    channel_down: dict[str, tuple[Condition, str]]
    #: statements in scenario order
    statement_list: tuple[Statement, ...]

    @classmethod
    def build(cls, sc: Scenario) -> Prepared:
        roles = sc.roles_in_play
        role_set = frozenset(roles)

        bounds = {m.id: (m.min, m.max) for m in sc.metrics}
        statement_watch = WatchIndex([s.when for s in sc.statements])
        event_watch = WatchIndex([e.when for e in sc.events])
        touch = touch_table(statement_watch, event_watch)
        last = max(len(sc.turns), 1)
        deadline = {s.id: min(max(sc.deadline_of(s), 1), last) for s in sc.stakeholders}

        def inject(inj: Inject) -> PreparedInject:
            roles = tuple(r for r in sc.recipients_of(inj) if r in role_set)
            shown = inj if inj.to is None or roles == inj.to else attrs.evolve(inj, to=roles)
            return PreparedInject(shown, roles, Effects.of(inj.id, inj, bounds, touch))

        def options(d: Decision) -> dict[str, tuple[Option, Effects | None]]:
            out: dict[str, tuple[Option, Effects | None]] = {}
            for o in d.options:  # the first option of an id wins, as in Decision.option
                out.setdefault(o.id, (o, Effects.of(f"{d.id}.{o.id}", o, bounds, touch)))
            return out

        due: dict[int, list[str]] = {}  # turn -> the stakeholders whose deadline it is
        for sid, dl in deadline.items():
            due.setdefault(dl, []).append(sid)
        turns = tuple(
            PreparedTurn(
                n,
                t.label,
                t.phase,
                tuple(inject(i) for i in t.injects),
                tuple((i, d) for i, d in enumerate(t.decisions) if d.role in role_set),
                tuple(due.get(n, ())),
            )
            for n, t in enumerate(sc.turns, 1)
        )
        sender: dict[str, str] = {}
        for s in sc.stakeholders:
            owners = [r for r in sc.owners_of(s) if r in role_set]
            sender[s.id] = owners[0] if owners else (roles[0] if roles else "")
        return cls(
            roles=roles,
            role_set=role_set,
            bounds=bounds,
            turns=turns,
            events=tuple(inject(e) for e in sc.events),
            statements={s.id: s for s in sc.statements},
            statement_effects={s.id: Effects.of(s.id, s, bounds, touch) for s in sc.statements},
            options={d.id: options(d) for d in sc.decision_by_id.values()},
            statement_watch=statement_watch,
            event_watch=event_watch,
            touch=touch,
            chose_hits={d: touch.get(("c", d)) for d in sc.decision_by_id},
            informed_hits={s.id: touch.get(("i", s.id)) for s in sc.stakeholders},
            unconditional_statement=any(s.when is None for s in sc.statements),
            stakeholders={s.id: s for s in sc.stakeholders},
            start_metrics={m.id: m.start for m in sc.metrics},
            start_flags=dict.fromkeys(sc.flags, False),
            stakeholder_ids=tuple(s.id for s in sc.stakeholders),
            deadline=deadline,
            expects={s.id: frozenset(s.expects) for s in sc.stakeholders},
            sender=sender,
            decisions=dict(sc.decision_by_id),
            turn_of_decision=dict(sc.turn_of_decision),
            channel_down={c.id: (c.down_when, c.reason) for c in sc.channels},
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
