"""The wire format: versioned JSON text messages, each validated before it is read.

Every message from a client is one JSON object of at most :data:`MAX_MESSAGE` bytes with a
known ``type`` and exactly the fields that type allows, each of the right kind.  Anything else
is a :class:`ProtocolError` whose message is sent back to the client as a refusal.  See
docs/network.md for every message.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from game.i18n import _

#: Bumped whenever a message changes in a way an older client would misread.
PROTOCOL = 1
#: Largest message a client may send (bytes); the server refuses larger frames unread.
MAX_MESSAGE = 64 * 1024
#: Largest message the server sends (a finished game's result is the largest, well under it).
MAX_DOWN = 16 * 1024 * 1024

CONTROL_COMMANDS = ("start", "take_over", "hand_back", "when_empty", "release", "end")

# field -> (kinds allowed, required)
_STR = (str,)
_OPT_STR = (str, type(None))
_INT = (int,)
_DICT = (dict,)
FIELDS: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "hello": {
        "protocol": (_INT, True),
        "code": (_OPT_STR, False),
        "seat": (_OPT_STR, False),
        "name": (_OPT_STR, False),
        "token": (_OPT_STR, False),
        "since": (_INT, False),
        "epoch": (_OPT_STR, False),
    },
    "action": {"action": (_DICT, True)},
    "chat": {"text": (_STR, True), "to": (_OPT_STR, False)},
    "note": {
        "text": (_OPT_STR, False),
        "objective": (_OPT_STR, False),
        "rating": (_OPT_STR, False),
    },
    "control": {
        "command": (_STR, True),
        "role": (_OPT_STR, False),
        "policy": (_OPT_STR, False),
        "inject": (_OPT_STR, False),
    },
    "ping": {},
}
#: Longest text in any string field (chat and notes are bounded again, tighter, by the table).
MAX_FIELD = 8 * 1024


class ProtocolError(Exception):
    """A message that is not valid; the text says what is wrong, for the sender."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse(raw: str | bytes) -> dict[str, Any]:
    """The validated message in ``raw``; raises :class:`ProtocolError`."""
    if isinstance(raw, bytes):
        raise ProtocolError(_("binary frames are not accepted: send JSON text"))
    if len(raw) > MAX_MESSAGE:
        raise ProtocolError(_("message too large (at most {n} bytes)").format(n=MAX_MESSAGE))
    try:
        data = json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise ProtocolError(_("not a JSON message")) from None
    if not isinstance(data, dict):
        raise ProtocolError(_("a message must be a JSON object"))
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in FIELDS:
        raise ProtocolError(
            _("unknown message type {kind!r} (expected one of: {kinds})").format(
                kind=str(kind)[:40], kinds=", ".join(FIELDS)
            )
        )
    spec = FIELDS[kind]
    extra = sorted(set(data) - set(spec) - {"type"})
    if extra:
        raise ProtocolError(
            _('"{kind}" message: unknown field(s) {fields}').format(
                kind=kind, fields=", ".join(extra)[:200]
            )
        )
    for name, (kinds, required) in spec.items():
        if name not in data:
            if required:
                raise ProtocolError(
                    _('"{kind}" message: missing field "{name}"').format(kind=kind, name=name)
                )
            continue
        value = data[name]
        if not isinstance(value, kinds) or isinstance(value, bool):
            raise ProtocolError(
                _('"{kind}" message: field "{name}" has the wrong type').format(
                    kind=kind, name=name
                )
            )
        if isinstance(value, str) and len(value) > MAX_FIELD:
            raise ProtocolError(
                _('"{kind}" message: field "{name}" is too long').format(kind=kind, name=name)
            )
    if kind == "control" and data["command"] not in CONTROL_COMMANDS:
        raise ProtocolError(
            _("unknown control command (expected one of: {commands})").format(
                commands=", ".join(CONTROL_COMMANDS)
            )
        )
    return data


def json_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A refusal's fields (``ActionError.fields``) as JSON data, bounded, so that the client
    words the refusal in its own language (``game.engine.errors.action_message``): tuples and
    sets become lists (sets sorted), anything else that JSON cannot hold becomes its text."""

    def conv(v: Any, depth: int = 0) -> Any:
        if v is None or isinstance(v, bool | int):
            return v
        if isinstance(v, float):
            return v if math.isfinite(v) else str(v)
        if isinstance(v, str):
            return v[:_FIELD_TEXT]
        if depth < 2 and isinstance(v, list | tuple | set | frozenset):
            items = sorted(v, key=str) if isinstance(v, set | frozenset) else list(v)
            return [conv(x, depth + 1) for x in items[:_FIELD_ITEMS]]
        return str(v)[:_FIELD_TEXT]

    return {str(k): conv(v) for k, v in fields.items()}


#: Bounds of a refusal's fields as sent (the client shows them shorter still).
_FIELD_TEXT = 500
_FIELD_ITEMS = 200


def encode(message: Any) -> str:
    """Compact JSON text (no NaN or infinities: the engine never produces them)."""
    return _ENCODER.encode(message)


#: made once: ``json.dumps`` with options builds a new encoder on every call, which cost more
#: than encoding the small parts a host sends after each action
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False)
