"""Hostile messages, generated: whatever a seat sends, the host refuses it or applies it.

Every message goes the way a socket's would (``protocol.parse``, then the host's dispatch for
that seat).  The only outcomes allowed are a refusal (``ProtocolError``, ``TableError``,
``ActionError``: the sender is told) or an accepted change; anything else is a bug the server
would log as "the host could not do that".  After each batch the exercise must still be whole:
every seat's view builds and encodes, no player's view holds the answer key, and the game can
still be played to its end and recorded.
"""

from __future__ import annotations

import contextlib
import json
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import actions as act
from game.engine.actions import ACTION_TYPES
from game.engine.bots import Bot
from game.engine.clock import ManualClock
from game.engine.errors import ActionError
from game.net.protocol import ProtocolError, encode, parse
from game.net.server import Host
from game.table.table import Table, TableError
from tests.table.helpers import SECRET_KEYS, keys_in, scenario

SC = scenario("data_breach")
ROLES = list(SC.roles_in_play)
IDS = sorted(
    {*ROLES, "facilitator", "observer", "projector", "nobody", ""}
    | {d.id for t in SC.turns for d in t.decisions}
    | {o.id for t in SC.turns for d in t.decisions for o in d.options}
    | {i.id for t in SC.turns for d in t.decisions for i in d.items}
    | {s.id for s in SC.stakeholders}
    | {s.id for s in SC.statements}
    | {i.id for t in SC.turns for i in t.injects}
    | {o.id for o in SC.objectives}
)
ids = st.sampled_from(IDS)
#: a field's value by the kind ``actions.FIELDS`` names, sometimes of the wrong kind
BY_KIND = {
    "id": ids,
    "ids": st.lists(ids, max_size=6),
    "ids?": st.none() | st.lists(ids, max_size=4),
    "number": st.integers(-100, 10**9) | st.floats(-1e6, 1e12),
    "text": st.text(max_size=60),
}


def _action(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    fields = {n: BY_KIND[k] for n, k in cls.FIELDS.items()}  # type: ignore[attr-defined]
    wrong = {n: st.one_of(v, value) for n, v in fields.items()}
    return st.fixed_dictionaries({"type": st.just(cls.TYPE), **fields}) | st.fixed_dictionaries(  # type: ignore[attr-defined]
        {"type": st.just(cls.TYPE)}, optional={**wrong, "extra": value}
    )


scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    ids,
    st.text(max_size=30),
)
value = st.recursive(
    scalar,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
action = st.one_of([_action(cls) for cls in ACTION_TYPES.values()]) | st.fixed_dictionaries(
    {"type": st.text(max_size=12)}, optional={"role": value}
)
#: stands for a sensible move of the sender's role, made at send time from the game as it is
#: then (a random bot's choice), so that generated games go deep between the hostile messages
SENSIBLE = {"type": "__sensible__"}
message = st.one_of(
    st.just(SENSIBLE),
    st.just(SENSIBLE),
    st.fixed_dictionaries({"type": st.just("action"), "action": action}),
    st.fixed_dictionaries(
        {"type": st.just("chat"), "text": st.text(max_size=80) | value},
        optional={"to": st.sampled_from(ROLES) | ids | value},
    ),
    st.fixed_dictionaries(
        {"type": st.just("note")},
        optional={
            "text": st.text(max_size=80) | value,
            "objective": st.sampled_from([o.id for o in SC.objectives]) | value,
            "rating": st.sampled_from(["P", "S", "M", "U", "X"]) | value,
        },
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("control"),
            "command": st.sampled_from(
                ["start", "take_over", "hand_back", "when_empty", "release", "end", "explode"]
            ),
        },
        optional={
            "role": st.sampled_from(ROLES) | ids | value,
            "policy": st.sampled_from(["good", "wait", "x"]) | value,
            "inject": ids | value,
        },
    ),
    st.dictionaries(st.sampled_from(["type", "action", "text", "x"]), value, max_size=3),
)


class _Conn:
    def __init__(self, seat: str) -> None:
        self.seat = seat
        self.sent: list[Any] = []

    def send(self, msg: Any) -> None:
        self.sent.append(msg)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(st.tuples(st.sampled_from([*ROLES[:2], "facilitator", "observer",
                                                 "projector"]), message),
                      min_size=1, max_size=40))  # fmt: skip
def test_any_message_from_any_seat_is_refused_or_applied_and_the_game_goes_on(batch) -> None:
    clock = ManualClock()
    t = Table(SC, clock=clock, seed=3, bots={r: "good" for r in ROLES[2:]})
    host = Host(t, code="ABC234", facilitator_key="key")
    for r in ROLES[:2]:
        t.claim(r, r.title())
    bots = {r: Bot("random", random.Random(r)) for r in ROLES}
    for n, (seat, msg) in enumerate(batch):
        if n == len(batch) // 4 and t.session is None:
            t.start("facilitator", fill="good")
        if msg is SENSIBLE:
            move = None
            if t.session is not None and seat in bots and not t.session.finished:
                move = bots[seat].act(t.session, seat)
            if move is None:  # a staff seat (or nothing to do): pause or resume the game
                move = act.Pause() if n % 2 else act.Resume()
            msg = {"type": "action", "action": act.to_json(move)}
        with contextlib.suppress(ProtocolError, TableError, ActionError):  # refused: told why
            host._dispatch(_Conn(seat), parse(json.dumps(msg)))
        clock.advance(3.0)
        t.tick()
    for seat in [*ROLES, "facilitator", "observer", "projector"]:
        view = t.view(seat)
        encode(view)
        if seat in ROLES or seat == "projector":
            assert not keys_in(view, set()) & set(SECRET_KEYS), seat
    if t.session is None:
        t.start("facilitator", fill="good")
    if not t.session.finished:  # type: ignore[union-attr]
        t.end_game("facilitator")
    assert t.session is not None and t.session.finished
    assert t.result().exercise is not None


def test_a_refusal_reaches_each_player_in_their_own_language() -> None:
    """The host words a refusal in its language; the client words it again in its own from
    the code and fields sent beside it (a Chinese-reading trainee at an English host)."""
    from game.engine.errors import UnknownDecision, action_message
    from game.i18n import set_language
    from game.net.client import reword
    from game.net.protocol import json_fields

    err = UnknownDecision("unknown_decision", decision="d-7", known=frozenset({"d-1", "d-2"}))
    sent = {"type": "refused", "message": str(err), "code": err.code}
    sent["fields"] = json_fields(err.fields)
    received = json.loads(encode(sent))
    set_language("zh-Hant")
    reword(received)
    assert received["message"] == action_message(err.code, err.fields) != sent["message"]
    odd = {"decision": {"x": [1] * 5}, "known": 7}
    for hostile in (
        {"code": "nope", "fields": {}},
        {"code": err.code, "fields": [1]},
        {"code": err.code, "fields": odd},
    ):
        msg = {"type": "refused", "message": "as sent", **hostile}
        reword(msg)  # never raises; an unknown code keeps the host's words
        assert isinstance(msg["message"], str)
