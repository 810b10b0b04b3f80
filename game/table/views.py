"""What each seat may know: serialisable views of a session and the audience of every event.

A seat is a role id (a player), ``facilitator``, ``observer`` (the evaluator) or ``projector``
(the room's read-only board).  The session holds the answer key (option ratings, ``why``,
``expected`` orders, ``on_timeout``, statement risks and effects); a player's view holds
prompts, option texts, deadlines and what their role was shown, never that.  Staff seats
(facilitator and observer) see everything.

Everything here returns plain JSON data (dicts, lists, strings, numbers), built from the
session's public views only, so a view can be sent over a socket as it is.

The host refreshes the views of every connected seat after every action, and most of a view
does not change from one action to the next (the briefing, the injects shown so far, the
decisions still open).  A view is the shared :func:`board` plus the seat's :func:`own_parts`;
:func:`own_key` says what the latter depend on, so the table keeps a seat's parts whole while
their key holds.  A :class:`Memo` keeps each part keyed by what it depends on, so an unchanged
part is the very same object as last time: building it costs a dictionary lookup, and the
host's comparison with what it last sent stops at ``is``.  Parts are never mutated after they
are made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from game.engine import events as ev
from game.engine.records import PendingDecision, ShownInject
from game.engine.session import Session
from game.scenario.model import MESSAGE_CHANNELS, ROLE_TITLES, Scenario

FACILITATOR = "facilitator"
OBSERVER = "observer"
PROJECTOR = "projector"
STAFF = frozenset({FACILITATOR, OBSERVER})
SPECIAL_SEATS = (FACILITATOR, OBSERVER, PROJECTOR)

#: ``None`` means every seat, the projector included; otherwise the seats that may see it.
Audience = frozenset[str] | None


class Memo:
    """View parts of one session, keyed by what they depend on (bounded: cleared when full)."""

    LIMIT = 4096

    def __init__(self) -> None:
        self._parts: dict[tuple[Any, ...], Any] = {}
        # read from the session once per build of several views (see :meth:`begin`)
        self.session: Session | None = None
        self.usable: list[Any] = []
        self.usable_ids: tuple[str, ...] = ()
        self.clocks: tuple[tuple[Any, ...], ...] = ()
        self.clocks_of: dict[str, tuple[tuple[Any, ...], ...]] = {}
        self.shown = 0
        self._pending: dict[str, list[PendingDecision]] | None = None

    def begin(self, s: Session) -> None:
        """Read what every seat's view depends on, once for this build (cheap reads: the
        pending decisions themselves are built only if a part showing them must be made)."""
        self.session = s
        self.usable = s.usable_statements()
        self.usable_ids = tuple(x.id for x in self.usable)
        self.clocks = s.pending_clocks()
        by_role: dict[str, list[tuple[Any, ...]]] = {r: [] for r in s.roles}
        for c in self.clocks:
            by_role[c[0]].append(c)
        self.clocks_of = {r: tuple(v) for r, v in by_role.items()}
        self.shown = len(s.shown_injects())
        self._pending = None

    def pending(self, role: str) -> list[PendingDecision]:
        """``role``'s pending decisions (built once per build, on first need)."""
        if self._pending is None:
            assert self.session is not None
            self._pending = self.session.pending_by_role()
        return self._pending.get(role, [])

    def get(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        part = self._parts.get(key)
        if part is None:
            if len(self._parts) >= self.LIMIT:
                self._parts.clear()
            part = self._parts[key] = make()
        return part

    def same(self, name: str, value: Any) -> Any:
        """``value``, or the equal object returned for ``name`` last time (for parts that are
        cheaper to build than to key, such as the board's metrics and the seats' status)."""
        key = ("same", name)
        was = self._parts.get(key)
        if was is not None and was == value:
            return was
        self._parts[key] = value
        return value


def _nomemo(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    return make()


def sees(seat: str, audience: Audience) -> bool:
    """May ``seat`` see an item sent to ``audience``?  (Audiences name the staff explicitly,
    so that a redacted copy meant for one role is not shown to the staff twice.)"""
    return audience is None or seat in audience


def _role_brief(scenario: Scenario, role: str) -> str:
    for r in scenario.roles or ():
        if r.id == role:
            return str(r.brief)
    return ""


def _inject(si: ShownInject) -> dict[str, Any]:
    i = si.inject
    return {
        "id": i.id,
        "headline": i.headline,
        "body": i.body,
        "channel": i.channel,
        "from": i.from_,
        "to": list(i.to) if i.to is not None else None,
        "turn": si.turn,
        "kind": si.kind,
        "at": si.at,
    }


def _pending(p: PendingDecision, *, answer_key: bool) -> dict[str, Any]:
    d = p.decision
    out: dict[str, Any] = {
        "id": d.id,
        "role": p.role,
        "prompt": d.prompt,
        "kind": d.kind,
        "options": [{"id": o.id, "text": o.text} for o in p.options],
        "items": [{"id": i.id, "text": i.text} for i in p.items],
        "time_limit": p.time_limit,
        "shown_at": p.shown_at,
        "deadline": p.deadline,
    }
    if answer_key:
        ratings = {o.id: {"rating": o.rating, "why": o.why} for o in d.options}
        for o in out["options"]:
            o.update(ratings[o["id"]])
        out["expected"] = list(d.expected)
        out["why"] = d.why
        out["on_timeout"] = d.on_timeout
    return out


def _board(s: Session, memo: Memo | None = None) -> dict[str, Any]:
    """The shared situation board: what the whole room may see."""
    get = memo.get if memo is not None else _nomemo
    sc = s.scenario
    changes = s.metric_changes()
    metrics = s.metrics
    statuses = s.stakeholder_status()
    ended = tuple(s.has_ended(r) for r in s.roles)
    return {
        "scenario": get(
            ("scenario",),
            lambda: {"id": sc.id, "title": sc.title, "summary": sc.summary, "turns": len(sc.turns)},
        ),
        "turn": get(
            ("turn", s.turn_number, s.phase),
            lambda: {"number": s.turn_number, "label": s.turn.label, "phase": s.phase},
        ),
        "now": s.now(),
        # the time deadlines run on: ``now``, frozen while paused (time left = deadline - clock)
        "clock": s.active_time() + s.paused_total,
        "paused": s.paused,
        "finished": s.finished,
        "ending": (
            {"id": s.ending.id, "title": s.ending.title, "text": s.ending.text}
            if s.ending is not None
            else None
        ),
        "metrics": get(
            ("metrics", tuple((metrics[m.id], changes[m.id]) for m in sc.metrics)),
            lambda: [
                {
                    "id": m.id,
                    "label": m.title,
                    "value": metrics[m.id],
                    "change": changes[m.id],
                    "min": m.min,
                    "max": m.max,
                    "good": m.good,
                }
                for m in sc.metrics
            ],
        ),
        "stakeholders": get(
            (
                "stakeholders",
                *(
                    (
                        st.deadline_turn,
                        st.required_now,
                        st.informed_turn,
                        st.complete_turn,
                        st.overdue,
                    )
                    for st in statuses
                ),
            ),
            lambda: [
                {
                    "id": st.stakeholder.id,
                    "name": st.stakeholder.name,
                    "owners": list(sc.owners_of(st.stakeholder)),
                    "deadline_turn": st.deadline_turn,
                    "required": st.required_now,
                    "informed_turn": st.informed_turn,
                    "complete": st.complete_turn is not None,
                    "overdue": st.overdue,
                }
                for st in statuses
            ],
        ),
        "roles": get(
            ("roles", ended),
            lambda: [
                {"id": r, "title": ROLE_TITLES.get(r, r), "ended": e}
                for r, e in zip(s.roles, ended, strict=True)
            ],
        ),
        "waiting_for": list(s.waiting_for()),
    }


def board(s: Session, memo: Memo | None = None) -> dict[str, Any]:
    """The shared board alone; pass it to the view functions to build it once for many seats
    (each view gets its own shallow copy).  With a ``memo``, every part equal to the last
    board's is that very object."""
    out = _board(s, memo)
    if memo is not None:
        out["waiting_for"] = memo.same("board.waiting_for", out["waiting_for"])
    return out


def _own_memo(s: Session, memo: Memo | None) -> Memo:
    """``memo`` (already begun for ``s``), or a fresh one for a single build."""
    if memo is None:
        memo = Memo()
        memo.begin(s)
    return memo


def role_parts(s: Session, role: str, memo: Memo) -> dict[str, Any]:
    """What ``role``'s player sees beyond the board: their injects, their decisions, usable
    statements (texts only) and the channels they can write on."""
    get = memo.get
    clocks = memo.clocks_of.get(role, ())
    return {
        "seat": role,
        "role": get(("role", role), lambda: {"id": role, "title": ROLE_TITLES.get(role, role)}),
        "briefing": s.scenario.briefing,
        "brief": get(("brief", role), lambda: _role_brief(s.scenario, role)),
        # shown injects only grow: their count keys the list
        "injects": get(
            ("injects", role, memo.shown), lambda: [_inject(i) for i in s.visible_injects(role)]
        ),
        "pending": get(
            ("pending", role, clocks),
            lambda: [_pending(p, answer_key=False) for p in memo.pending(role)],
        ),
        "ended": s.has_ended(role),
        "statements": get(
            ("statements", memo.usable_ids),
            lambda: [{"id": x.id, "text": x.text} for x in memo.usable],
        ),
        "channels": get(("channels",), lambda: list(MESSAGE_CHANNELS)),
    }


def staff_parts(s: Session, seat: str, memo: Memo) -> dict[str, Any]:
    """What the facilitator and the evaluator see beyond the board: everything, the answer key
    included, plus the injects still scheduled (which the facilitator may release now)."""
    get = memo.get
    count = memo.shown

    def scheduled() -> list[dict[str, Any]]:
        shown = {i.inject.id for i in s.shown_injects()}
        return [
            {"id": i.id, "turn": n, "headline": i.headline, "to": list(i.to) if i.to else None}
            for n, t in enumerate(s.scenario.turns, 1)
            if n > s.turn_number
            for i in t.injects
            if i.id not in shown
        ]

    return {
        "seat": seat,
        "briefing": s.scenario.briefing,
        "injects": get(
            ("injects", STAFF, count), lambda: [_inject(i) for i in reversed(s.shown_injects())]
        ),
        "pending": get(
            ("pending", STAFF, memo.clocks),
            lambda: [_pending(p, answer_key=True) for p in s.pending()],
        ),
        "statements": get(
            ("statements", STAFF, memo.usable_ids),
            lambda: [
                {"id": x.id, "text": x.text, "risk": x.risk, "covers": list(x.covers)}
                for x in memo.usable
            ],
        ),
        "scheduled": get(("scheduled", s.turn_number, count), scheduled),
        "objectives": get(
            ("objectives",), lambda: [{"id": o.id, "text": o.text} for o in s.scenario.objectives]
        ),
        # the facilitator writes for a seat taken over
        "channels": get(("channels",), lambda: list(MESSAGE_CHANNELS)),
    }


def projector_parts(s: Session, memo: Memo) -> dict[str, Any]:
    """The room's board beyond the shared situation: the injects sent to every role."""
    everyone = set(s.roles)
    return {
        "seat": PROJECTOR,
        "injects": memo.get(
            ("injects", PROJECTOR, memo.shown),
            lambda: [
                _inject(i)
                for i in reversed(s.shown_injects())
                if i.inject.to is None or set(i.inject.to) >= everyone
            ],
        ),
    }


def own_key(s: Session, seat: str, memo: Memo) -> tuple[Any, ...]:
    """Everything :func:`own_parts` of ``seat`` depends on that can change (read from a begun
    ``memo``): equal keys, equal parts, so a host may keep a seat's parts while its key holds."""
    if seat in STAFF:
        return (memo.shown, memo.clocks, memo.usable_ids, s.turn_number)
    if seat == PROJECTOR:
        return (memo.shown,)
    return (memo.shown, memo.clocks_of.get(seat, ()), s.has_ended(seat), memo.usable_ids)


def own_parts(s: Session, seat: str, memo: Memo) -> dict[str, Any]:
    """The parts of ``seat``'s view that are its own (the rest is the shared :func:`board`)."""
    if seat in STAFF:
        return staff_parts(s, seat, memo)
    if seat == PROJECTOR:
        return projector_parts(s, memo)
    if seat not in s.roles:
        raise ValueError(f"no seat {seat!r}")
    return role_parts(s, seat, memo)


def role_view(
    s: Session, role: str, shared: dict[str, Any] | None = None, memo: Memo | None = None
) -> dict[str, Any]:
    """What ``role``'s player sees: the board and :func:`role_parts`."""
    memo = _own_memo(s, memo)
    return {**(shared if shared is not None else _board(s)), **role_parts(s, role, memo)}


def staff_view(
    s: Session, seat: str, shared: dict[str, Any] | None = None, memo: Memo | None = None
) -> dict[str, Any]:
    """The facilitator's and the evaluator's view: the board and :func:`staff_parts`."""
    memo = _own_memo(s, memo)
    return {**(shared if shared is not None else _board(s)), **staff_parts(s, seat, memo)}


def projector_view(
    s: Session, shared: dict[str, Any] | None = None, memo: Memo | None = None
) -> dict[str, Any]:
    """The room's board: the shared situation and the injects sent to every role."""
    memo = _own_memo(s, memo)
    return {**(shared if shared is not None else _board(s)), **projector_parts(s, memo)}


def view_for(
    s: Session, seat: str, shared: dict[str, Any] | None = None, memo: Memo | None = None
) -> dict[str, Any]:
    memo = _own_memo(s, memo)
    return {**(shared if shared is not None else _board(s)), **own_parts(s, seat, memo)}


# --- events ---------------------------------------------------------------------------------

_PUBLIC = (
    ev.TurnStarted,
    ev.MessageSent,
    ev.StakeholderInformed,
    ev.StakeholderFullyInformed,
    ev.RoleEndedTurn,
    ev.TurnEnded,
    ev.GamePaused,
    ev.GameResumed,
    ev.GameEnded,
)
_STAFF_ONLY = (ev.EventFired, ev.EffectsApplied)


_ROLES_OF: dict[int, tuple[Scenario, dict[str, str]]] = {}


def _decision_roles(scenario: Scenario) -> dict[str, str]:
    """Decision id -> its role, made once per scenario (read for every batch of events)."""
    hit = _ROLES_OF.get(id(scenario))
    if hit is None or hit[0] is not scenario:
        if len(_ROLES_OF) > 16:
            _ROLES_OF.clear()
        hit = _ROLES_OF[id(scenario)] = (scenario, {d.id: d.role for _, d in scenario.decisions()})
    return hit[1]


def event_items(s: Session, events: Iterable[ev.Event]) -> list[tuple[Audience, dict[str, Any]]]:
    """Each event as ``(audience, JSON data)``; an event whose owner may see less than the
    staff gives two items (the owner's copy without the answer)."""
    roles = set(s.roles)
    decision_role = _decision_roles(s.scenario)
    out: list[tuple[Audience, dict[str, Any]]] = []
    for e in events:
        data = ev.to_json(e)
        if isinstance(e, _PUBLIC):
            out.append((None, data))
        elif isinstance(e, _STAFF_ONLY):
            out.append((STAFF, data))
        elif isinstance(e, ev.AutosaveFailed):
            out.append((frozenset({FACILITATOR}), data))
        elif isinstance(e, ev.InjectShown):
            to = set(e.roles)
            out.append((None if to >= roles else STAFF | to, data))
        elif isinstance(e, ev.DecisionTimedOut):
            out.append((STAFF, data))
            own = dict(data)
            del own["applied_option"]
            out.append((frozenset({e.role}), own))
        elif isinstance(e, ev.TimerExtended):
            out.append((STAFF | {decision_role.get(e.decision, "")}, data))
        else:  # presented, answered, ranked, skipped: the owner and the staff
            out.append((STAFF | {e.role}, data))  # type: ignore[union-attr]
    return out
