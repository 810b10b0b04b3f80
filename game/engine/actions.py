"""Actions: what a player, a bot or the facilitator asks the session to do (imperative names).

Actions are plain frozen values.  They carry no time: the session stamps each one with its
clock when it is applied, and the log stores ``{"at": seconds, "action": action.to_json()}``.
``from_json`` is strict because logs and saves are files a user could have edited.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from game.engine.errors import InvalidAction


def _tuple(value: Any) -> Any:
    """Lists become tuples so actions stay hashable; anything else is left for validation."""
    return tuple(value) if isinstance(value, list) else value


def _opt_tuple(value: Any) -> Any:
    return None if value is None else _tuple(value)


@attrs.frozen
class Answer:
    """Pick ``option`` for the choice decision ``decision`` of ``role``."""

    TYPE: ClassVar[str] = "answer"
    FIELDS: ClassVar[dict[str, str]] = {"role": "id", "decision": "id", "option": "id"}
    role: str
    decision: str
    option: str


@attrs.frozen
class Rank:
    """Submit ``order`` (every item id once) for the rank decision ``decision`` of ``role``."""

    TYPE: ClassVar[str] = "rank"
    FIELDS: ClassVar[dict[str, str]] = {"role": "id", "decision": "id", "order": "ids"}
    role: str
    decision: str
    order: tuple[str, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class SendMessage:
    """Send ``statements`` to ``stakeholders`` over ``channel`` on behalf of ``role``."""

    TYPE: ClassVar[str] = "send_message"
    FIELDS: ClassVar[dict[str, str]] = {
        "role": "id",
        "stakeholders": "ids",
        "channel": "id",
        "statements": "ids",
    }
    role: str
    stakeholders: tuple[str, ...] = attrs.field(converter=_tuple)
    channel: str
    statements: tuple[str, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class EndTurn:
    """``role`` has finished this turn (accepted once it has nothing pending)."""

    TYPE: ClassVar[str] = "end_turn"
    FIELDS: ClassVar[dict[str, str]] = {"role": "id"}
    role: str


@attrs.frozen
class Present:
    """``role``'s player has taken the seat: its pending decisions are shown and clocks start."""

    TYPE: ClassVar[str] = "present"
    FIELDS: ClassVar[dict[str, str]] = {"role": "id"}
    role: str


@attrs.frozen
class Pause:
    """Stop every decision clock (facilitator)."""

    TYPE: ClassVar[str] = "pause"
    FIELDS: ClassVar[dict[str, str]] = {}


@attrs.frozen
class Resume:
    """Restart the decision clocks; the paused time does not count (facilitator)."""

    TYPE: ClassVar[str] = "resume"
    FIELDS: ClassVar[dict[str, str]] = {}


@attrs.frozen
class ExtendTimer:
    """Give ``decision`` ``seconds`` more (facilitator)."""

    TYPE: ClassVar[str] = "extend_timer"
    FIELDS: ClassVar[dict[str, str]] = {"decision": "id", "seconds": "number"}
    decision: str
    seconds: float


@attrs.frozen
class SkipDecision:
    """Drop a pending decision: nothing is applied and it is not answered (facilitator)."""

    TYPE: ClassVar[str] = "skip_decision"
    FIELDS: ClassVar[dict[str, str]] = {"decision": "id"}
    decision: str


@attrs.frozen
class AddInject:
    """Show a free-text inject now, to ``to`` (default: every role in play) (facilitator)."""

    TYPE: ClassVar[str] = "add_inject"
    FIELDS: ClassVar[dict[str, str]] = {
        "headline": "text",
        "body": "text",
        "channel": "id",
        "to": "ids?",
    }
    headline: str
    body: str = ""
    channel: str = "meeting"
    to: tuple[str, ...] | None = attrs.field(default=None, converter=_opt_tuple)


@attrs.frozen
class Advance:
    """Resolve the timeouts that are due at the clock's time (front-ends send it on every tick).

    Every other action does this first too; an ``Advance`` that resolves nothing is not logged.
    """

    TYPE: ClassVar[str] = "advance"
    FIELDS: ClassVar[dict[str, str]] = {}


Action = (
    Answer
    | Rank
    | SendMessage
    | EndTurn
    | Present
    | Pause
    | Resume
    | ExtendTimer
    | SkipDecision
    | AddInject
    | Advance
)

ACTION_TYPES: dict[str, type[Action]] = {
    cls.TYPE: cls
    for cls in (
        Answer,
        Rank,
        SendMessage,
        EndTurn,
        Present,
        Pause,
        Resume,
        ExtendTimer,
        SkipDecision,
        AddInject,
        Advance,
    )
}

#: Longest text accepted in any action field (ad-hoc inject bodies included).
MAX_TEXT = 20_000
#: Longest id list accepted in any action field.
MAX_IDS = 1_000


def to_json(action: Action) -> dict[str, Any]:
    """``{"type": "answer", "role": ..., ...}`` with lists for tuples."""
    out: dict[str, Any] = {"type": action.TYPE}
    for name in action.FIELDS:
        value = getattr(action, name)
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


def _field(type_name: str, name: str, kind: str, value: Any) -> Any:
    where = {"type": type_name, "name": name}
    if kind in ("id", "text"):
        if not isinstance(value, str):
            raise InvalidAction("field_not_text", found=type(value).__name__, **where)
        if len(value) > MAX_TEXT:
            raise InvalidAction("field_too_long", length=len(value), **where)
        return value
    if kind == "number":
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not math.isfinite(value):
            raise InvalidAction("field_not_number", value=value, **where)
        return value
    if kind == "ids?" and value is None:
        return None
    if not isinstance(value, list) or len(value) > MAX_IDS:
        raise InvalidAction("field_not_ids", found=type(value).__name__, **where)
    for item in value:
        if not isinstance(item, str) or len(item) > MAX_TEXT:
            raise InvalidAction("field_bad_id", value=item, **where)
    return tuple(value)


def from_json(data: object) -> Action:
    """Build an action from its JSON form; raises :class:`InvalidAction` with a plain message."""
    if not isinstance(data, Mapping):
        raise InvalidAction("not_an_object", found=type(data).__name__)
    kind = data.get("type")
    cls = ACTION_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise InvalidAction("unknown_type", type=kind, types=sorted(ACTION_TYPES))
    extra = set(data) - set(cls.FIELDS) - {"type"}
    if extra:
        raise InvalidAction("unknown_fields", type=kind, fields=sorted(extra))
    defaults = {a.name for a in attrs.fields(cls) if a.default is not attrs.NOTHING}
    missing = [n for n in cls.FIELDS if n not in data and n not in defaults]
    if missing:
        raise InvalidAction("missing_fields", type=kind, fields=missing)
    kwargs = {n: _field(kind, n, k, data[n]) for n, k in cls.FIELDS.items() if n in data}
    return cls(**kwargs)
