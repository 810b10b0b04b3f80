"""What led to the ending: the team's own actions that moved what the endings read.

An ending is chosen by conditions on metrics, flags, ``chose(...)`` and ``informed(...)``.  The
debrief names the answers and messages of *this* team that changed those, with the change they
made, so that a trainee sees which of their own actions led where.  Only what the team did is
listed: events and injects are the scenario's doing, and nothing is said about actions the team
did not take (an ending text may speculate; this list never does).

Which conditions count: the chosen ending's own ``when``, and for a fallback ending (no
``when``) the conditions of the endings before it, which did not hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from game.engine import events as ev
from game.scenario import conditions as cond
from game.scenario.model import Ending, Scenario
from game.scoring import explain

#: At most this many causes are listed, the biggest first.
MAX_CAUSES = 6


@attrs.frozen
class Cause:
    """One action of the team that led to the ending: a ``kind`` (``chose``,
    ``timeout_option``, ``timeout_nothing``, ``said``, ``informed``) and its parameters (role
    ids, turns, the scenario's raw text, metric labels with their change), worded when read
    (:attr:`line`).  ``text`` is the line a result written before parameters existed kept."""

    kind: str
    params: dict[str, Any] = attrs.field(factory=dict, hash=False)
    text: str = ""

    @property
    def line(self) -> str:
        """The line in the reader's language."""
        return explain.cause(self.kind, self.params, self.text)


def _read_by(conditions: Iterable[cond.Condition]) -> tuple[set[str], set[str], set[str], set[str]]:
    """Metrics, flags, decisions (``chose``) and stakeholders (``informed``) the conditions
    read."""
    metrics: set[str] = set()
    flags: set[str] = set()
    chose: set[str] = set()
    informed: set[str] = set()
    for c in conditions:
        for n in cond.walk(c.tree):
            if isinstance(n, cond.MetricRef):
                metrics.add(n.id)
            elif isinstance(n, cond.FlagRef):
                flags.add(n.id)
            elif isinstance(n, cond.Chose):
                chose.add(n.decision)
            elif isinstance(n, cond.Informed):
                informed.add(n.stakeholder)
    return metrics, flags, chose, informed


def deciding_conditions(sc: Scenario, ending: Ending) -> list[cond.Condition]:
    """The conditions that decided ``ending``: its own, or (a fallback) those before it."""
    if ending.when is not None:
        return [ending.when]
    out = []
    for e in sc.endings:
        if e.id == ending.id:
            break
        if e.when is not None:
            out.append(e.when)
    return out


def ending_causes(session: Any) -> tuple[Cause, ...]:
    """Up to :data:`MAX_CAUSES` of the team's own actions that moved what decided the ending,
    biggest change first; empty when the game has not ended or nothing the team did touched
    it."""
    sc: Scenario = session.scenario
    ending = session.ending
    if ending is None:
        return ()
    metrics, flags, chose, informed = _read_by(deciding_conditions(sc, ending))
    labels = {m.id: m.title for m in sc.metrics}
    options = {f"{d.id}.{o.id}": (d, o) for _turn, d in sc.decisions() for o in d.options}
    statements = sc.statement_by_id
    # What each of the team's sources (an applied option, a sent statement) changed.
    moved: dict[str, dict[str, float]] = {}
    flagged: dict[str, list[tuple[str, str]]] = {}
    for e in session.history:
        if not isinstance(e, ev.EffectsApplied):
            continue
        if e.source not in options and e.source not in statements:
            continue  # an inject or event: not the team's doing
        for mid, delta in e.changes:
            if mid in metrics and delta:
                bucket = moved.setdefault(e.source, {})
                bucket[mid] = bucket.get(mid, 0.0) + delta
        for f in e.set_:
            if f in flags:
                flagged.setdefault(e.source, []).append(("set", sc.flag_label(f)))
        for f in e.clear:
            if f in flags:
                flagged.setdefault(e.source, []).append(("cleared", sc.flag_label(f)))
    scored: list[tuple[float, Cause]] = []
    for a in session.answers:
        key = f"{a.decision}.{a.applied_option}" if a.applied_option else None
        d = sc.decision_by_id.get(a.decision)
        if d is None or a.skipped:
            continue
        if key is None or key not in options:
            if a.timed_out and d.id in chose:
                scored.append(
                    (10.0, Cause("timeout_nothing", {"prompt": d.prompt, "decision": d.id}))
                )
            continue
        if key not in moved and key not in flagged and d.id not in chose:
            continue
        option = options[key][1]
        params: dict[str, Any] = {
            "decision": d.id,
            "option": option.text,
            "option_id": option.id,
            "role": a.role,
            "turn": a.turn,
            **_changes(moved.get(key, {}), labels, flagged.get(key, [])),
        }
        if a.timed_out:
            params["prompt"] = d.prompt
        weight = sum(abs(v) for v in moved.get(key, {}).values()) + 10 * (
            len(flagged.get(key, [])) + (d.id in chose)
        )
        scored.append((weight, Cause("timeout_option" if a.timed_out else "chose", params)))
    sent: dict[str, list[Any]] = {}
    for m in session.messages:
        if not m.delivered:
            continue
        for sid in m.statements:
            if sid in moved or sid in flagged:
                sent.setdefault(sid, []).append(m)
    for sid, ms in sent.items():
        params = {
            "roles": tuple(dict.fromkeys(m.role for m in ms)),
            "statement": statements[sid].text,
            "statement_id": sid,
            "times": len(ms),
            "turn": ms[0].turn,
            **_changes(moved.get(sid, {}), labels, flagged.get(sid, [])),
        }
        weight = sum(abs(v) for v in moved.get(sid, {}).values()) + 10 * len(flagged.get(sid, []))
        scored.append((weight, Cause("said", params)))
    names = {s.id: s.name for s in sc.stakeholders}
    for sid in sorted(informed):
        first = next((m for m in session.messages if m.delivered and sid in m.stakeholders), None)
        if first is not None:
            params = {
                "role": first.role,
                "name": names.get(sid, sid),
                "stakeholder": sid,
                "turn": first.turn,
            }
            scored.append((10.0, Cause("informed", params)))
    scored.sort(key=lambda x: -x[0])
    return tuple(c for _, c in scored[:MAX_CAUSES])


def _changes(
    changes: dict[str, float], labels: dict[str, str], flags: list[tuple[str, str]]
) -> dict[str, Any]:
    """The ``changes`` (metric label, change; biggest first) and ``flags`` (set or cleared,
    flag id) parameters of a cause."""
    return {
        "changes": tuple(
            (labels.get(mid, mid), v)
            for mid, v in sorted(changes.items(), key=lambda kv: -abs(kv[1]))
        ),
        "flags": tuple(dict.fromkeys(flags)),
    }
