"""Events: what happened, in the past tense, returned by ``Session.apply`` and kept in order.

Front-ends use them to animate and notify ("Decision timed out"); the state itself is read from
the session.  Every event is a frozen value and :func:`to_json` gives a JSON-able dict.

Events hold ids, numbers and the scenario's own text, never words of the game: a front-end
words them in its reader's language (the one convenience, ``MessageNotDelivered.text``, words
itself when read).
"""

from __future__ import annotations

from typing import Any

import attrs

from game.i18n import _


@attrs.frozen
class TurnStarted:
    turn: int
    label: str
    phase: str


@attrs.frozen
class InjectShown:
    """An inject reached ``roles``: ``kind`` is ``turn``, ``event`` or ``adhoc``."""

    inject: str
    kind: str
    roles: tuple[str, ...]
    headline: str


@attrs.frozen
class EventFired:
    """A scenario event's condition held at the start of ``turn``."""

    event: str
    turn: int


@attrs.frozen
class EffectsApplied:
    """Metric changes (after clamping) and flag changes caused by ``source``."""

    source: str
    changes: tuple[tuple[str, float], ...]
    set_: tuple[str, ...] = ()
    clear: tuple[str, ...] = ()


@attrs.frozen
class DecisionPresented:
    """The decision was shown to its role's player; its clock runs until ``deadline``."""

    decision: str
    role: str
    deadline: float


@attrs.frozen
class DecisionAnswered:
    decision: str
    role: str
    option: str
    elapsed: float


@attrs.frozen
class RankSubmitted:
    decision: str
    role: str
    order: tuple[str, ...]
    elapsed: float


@attrs.frozen
class DecisionTimedOut:
    """Time ran out; ``applied_option`` is the ``on_timeout`` option applied, if any."""

    decision: str
    role: str
    applied_option: str | None


@attrs.frozen
class DecisionSkipped:
    decision: str
    role: str


@attrs.frozen
class TimerExtended:
    """``deadline`` is None while the decision has not been shown yet."""

    decision: str
    seconds: float
    deadline: float | None


@attrs.frozen
class MessageSent:
    role: str
    stakeholders: tuple[str, ...]
    channel: str
    statements: tuple[str, ...]


@attrs.frozen
class MessageNotDelivered:
    """The message was sent over a channel that is down: it reached nobody.  ``reason`` is the
    scenario's (may be empty)."""

    role: str
    stakeholders: tuple[str, ...]
    channel: str
    statements: tuple[str, ...]
    reason: str

    @property
    def text(self) -> str:
        """The notice shown to the sender, worded when read, in the reader's language (the
        event itself holds only ids and the scenario's reason)."""
        from game.scoring.wording import channel_word

        channel = channel_word(self.channel)
        if self.reason:
            return _("Not delivered: {channel} is down. {reason}").format(
                channel=channel, reason=self.reason
            )
        return _("Not delivered: {channel} is down.").format(channel=channel)


@attrs.frozen
class StakeholderInformed:
    """The first message reached the stakeholder."""

    stakeholder: str
    turn: int


@attrs.frozen
class StakeholderFullyInformed:
    """Every key point the stakeholder expects has now been covered."""

    stakeholder: str
    turn: int
    on_time: bool


@attrs.frozen
class RoleEndedTurn:
    role: str
    turn: int


@attrs.frozen
class TurnEnded:
    turn: int


@attrs.frozen
class GamePaused:
    at: float


@attrs.frozen
class GameResumed:
    at: float
    paused_for: float


@attrs.frozen
class GameEnded:
    ending: str
    title: str


@attrs.frozen
class AutosaveFailed:
    """The action was applied but the autosave could not be written (it is retried next time)."""

    path: str
    message: str


Event = (
    TurnStarted
    | InjectShown
    | EventFired
    | EffectsApplied
    | DecisionPresented
    | DecisionAnswered
    | RankSubmitted
    | DecisionTimedOut
    | DecisionSkipped
    | TimerExtended
    | MessageSent
    | StakeholderInformed
    | StakeholderFullyInformed
    | RoleEndedTurn
    | TurnEnded
    | GamePaused
    | GameResumed
    | GameEnded
    | AutosaveFailed
)


#: An event as the session records it: ``(event class, *field values)``.  Building the frozen
#: event is left until someone reads it (``Session.history``, ``Session.apply``), so that bots
#: playing thousands of games do not build events nobody looks at.
Raw = tuple[Any, ...]


def build(raw: Raw) -> Event:
    """The event recorded as ``raw``."""
    return raw[0](*raw[1:])  # type: ignore[no-any-return]


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


#: event class -> (its "type", [(attribute, JSON key)]): read once per class, not per event
_SHAPES: dict[type, tuple[str, list[tuple[str, str]]]] = {}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def to_json(event: Event) -> dict[str, Any]:
    """``{"type": "decision_answered", ...}`` with lists for tuples."""
    cls = type(event)
    shape = _SHAPES.get(cls)
    if shape is None:
        fields = [(a.name, a.name.rstrip("_")) for a in attrs.fields(cls)]
        shape = _SHAPES[cls] = (_snake(cls.__name__), fields)
    out: dict[str, Any] = {"type": shape[0]}
    for name, key in shape[1]:
        out[key] = _plain(getattr(event, name))
    return out
