"""What the session records and what front-ends read: frozen snapshots, never live state.

Records (``AnswerRecord``, ``MessageRecord``, ``EventRecord``) are the history the scoring and
the debrief read.  Views (``ShownInject``, ``PendingDecision``, ``StakeholderStatus``) describe
the present for front-ends.  All times are *session time* in seconds (see ``clock.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import attrs

from game.scenario.model import Decision, Inject, Option, RankItem, Stakeholder

InjectKind = Literal["turn", "event", "adhoc"]


@attrs.frozen
class LogEntry:
    """One accepted action and the session time at which it was applied."""

    at: float
    action: object  # an ``actions.Action``; typed loosely to keep this module dependency-free


@attrs.frozen
class ShownInject:
    inject: Inject
    turn: int
    kind: InjectKind
    at: float


@attrs.frozen
class PendingDecision:
    """A decision waiting for its role.

    ``options`` and ``items`` are in display order: shuffled per game from the seed so that the
    order an author wrote them in (best first, expected order) gives nothing away.
    ``shown_at``/``deadline`` are None until the decision is presented to its player.
    """

    decision: Decision
    turn: int
    role: str
    shown_at: float | None
    deadline: float | None
    time_limit: float
    options: tuple[Option, ...]
    items: tuple[RankItem, ...]
    paused_at: float | None = None
    _now: Callable[[], float] | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def id(self) -> str:
        return self.decision.id

    def remaining(self, now: float | None = None) -> float | None:
        """Seconds left at session time ``now`` (default: the session's current time).

        None while not shown; frozen while the game is paused; never below 0.
        """
        if self.deadline is None:
            return None
        if now is None:
            now = self._now() if self._now is not None else 0.0
        if self.paused_at is not None and now > self.paused_at:
            now = self.paused_at
        return max(0.0, self.deadline - now)


@attrs.frozen
class AnswerRecord:
    """How a decision was resolved: answered, ranked, timed out or skipped.

    ``elapsed`` is the unpaused time from ``shown_at`` to ``answered_at`` (None when not
    answered); ``time_limit`` includes any extension.  ``option`` is the picked option (None for
    rank, timeout and skip); ``applied_option`` is the option whose effects were applied (the
    picked one, or ``on_timeout`` on a timeout).
    """

    decision: str
    role: str
    turn: int
    option: str | None
    order: tuple[str, ...] | None
    shown_at: float | None
    answered_at: float | None
    resolved_at: float
    time_limit: float
    elapsed: float | None
    timed_out: bool
    skipped: bool
    applied_option: str | None


@attrs.frozen
class MessageRecord:
    """A message sent.  ``delivered`` is False when its channel was down (the scenario's
    ``channels``): it reached nobody, covered nothing and had no effects."""

    role: str
    stakeholders: tuple[str, ...]
    channel: str
    statements: tuple[str, ...]
    turn: int
    at: float
    delivered: bool = True


@attrs.frozen
class EventRecord:
    """A scenario event that fired at the start of ``turn``."""

    event: str
    turn: int
    at: float


@attrs.frozen
class StakeholderStatus:
    """Where the communication with one stakeholder stands.

    ``required_now`` is ``required_when`` evaluated now, and frozen at the end of the deadline
    turn (the format says "required if true at the deadline").  ``complete_turn`` is the turn in
    which the last expected key point was covered; ``overdue`` is true once the deadline turn has
    ended without that while the stakeholder is required.
    """

    stakeholder: Stakeholder
    deadline_turn: int
    required_now: bool
    covered: frozenset[str]
    missing: frozenset[str]
    informed_turn: int | None
    complete_turn: int | None
    overdue: bool
