"""What each seat may know: no answer key and no other role's private inject ever reaches a
player, in any view or event of a whole game."""

from __future__ import annotations

import json

import pytest

from game.engine import actions as act
from game.table import views
from game.table.views import FACILITATOR, OBSERVER, PROJECTOR
from tests.table.helpers import SECRET_KEYS, play_people, seated_table


def _keys(data, out=None):
    out = set() if out is None else out
    if isinstance(data, dict):
        for k, v in data.items():
            out.add(k)
            _keys(v, out)
    elif isinstance(data, list):
        for v in data:
            _keys(v, out)
    return out


def _secrets(sc):
    """Texts only the answer key holds (the explanations), long enough to be unmistakable."""
    out = set()
    for _, d in sc.decisions():
        if len(d.why) > 20:
            out.add(d.why)
        out.update(o.why for o in d.options if len(o.why) > 20)
    return out


def _private_injects(sc, role):
    """Ids of the scenario injects addressed to other roles only."""
    out = set()
    for inj in [i for t in sc.turns for i in t.injects] + list(sc.events):
        if inj.to is not None and role not in inj.to:
            out.add(inj.id)
    return out


@pytest.mark.parametrize("policy", ["random", "best"])
def test_no_player_view_or_event_leaks_the_answer_key_or_a_private_inject(policy):
    t, clock = seated_table(seed=3)
    sc = t.scenario
    secrets_ = _secrets(sc)
    assert secrets_
    seen: dict[str, list] = {r: [] for r in t.roles}
    seen[PROJECTOR] = []

    def look():
        for seat in seen:
            seen[seat].append(t.view(seat))

    play_people(t, clock, policy=policy, seed=5, each=look)
    look()
    for seat in seen:
        seen[seat].append(t.since(seat, 0))
    private_any = False
    for seat, items in seen.items():
        text = json.dumps(items)
        keys = _keys(items)
        assert not keys & set((*SECRET_KEYS, "applied_option")), (seat, keys & set(SECRET_KEYS))
        for secret in secrets_:
            assert secret not in text, (seat, secret)
        if seat != PROJECTOR:
            private = _private_injects(sc, seat)
            private_any |= bool(private)
            ids = {i["id"] for v in items if isinstance(v, dict) for i in v.get("injects", [])}
            ids |= {e["inject"] for v in items if isinstance(v, list) for e in v if "inject" in e}
            assert not ids & private, (seat, ids & private)
    assert private_any  # the scenario has private injects, so the check above can fail


def test_staff_see_the_answer_key_and_the_projector_only_the_board():
    t, _clock = seated_table()
    staff = t.view(FACILITATOR)
    assert any("rating" in o for p in staff["pending"] for o in p["options"])
    assert t.view(OBSERVER)["pending"] == staff["pending"]
    board = t.view(PROJECTOR)
    assert "pending" not in board and "statements" not in board
    assert {m["id"] for m in board["metrics"]} == {m.id for m in t.scenario.metrics}


def test_the_facilitator_who_writes_for_a_seat_sees_the_channels():
    """``act ROLE send`` listed "Channels:" with nothing after it: the staff view had none."""
    t, _clock = seated_table()
    assert t.view(FACILITATOR)["channels"] == t.view("crisis_manager")["channels"]
    assert "email" in t.view(FACILITATOR)["channels"]


def test_a_timed_out_decision_tells_its_owner_no_on_timeout_option():
    t, clock = seated_table()
    s = t.session
    role = next(r for r in t.roles if s.pending(r))
    clock.advance(100_000)
    t.tick()
    own = [e for e in t.since(role, 0) if e["type"] == "decision_timed_out"]
    staff = [e for e in t.since(FACILITATOR, 0) if e["type"] == "decision_timed_out"]
    assert own and staff and len(staff) >= len(own)
    assert all("applied_option" not in e for e in own)
    assert all("applied_option" in e for e in staff)


def test_every_item_has_a_rising_number_and_a_reconnecting_seat_gets_the_rest():
    t, _clock = seated_table()
    role = t.roles[0]
    items = t.since(role, 0)
    seqs = [i["seq"] for i in items]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    mid = seqs[len(seqs) // 2]
    assert t.since(role, mid) == [i for i in items if i["seq"] > mid]
    assert views.sees(role, None) and not views.sees(role, frozenset({FACILITATOR}))


@pytest.mark.parametrize(("policy", "seed"), [("random", 3), ("best", 4)])
def test_kept_view_parts_always_equal_views_built_afresh(policy, seed):
    """The table keeps each seat's own parts while their key holds (``views.own_key``) and
    memoises the board's: at every step of whole games, what it hands out equals views built
    from nothing, so no key misses a change."""
    t, clock = seated_table(seed=seed)
    seats = [*t.roles, FACILITATOR, OBSERVER, PROJECTOR]
    steps = 0

    def compare():
        nonlocal steps
        s = t.session
        kept = t.views(seats)
        for seat in seats:
            fresh = views.view_for(s, seat)  # no memo: every part built now
            got = {k: v for k, v in kept[seat].items() if k not in ("table", "lobby")}
            got.pop("held", None)
            got.pop("bot", None)
            assert got == fresh, seat
            assert kept[seat]["table"] == {"seats": t.status(), "started": True}
        steps += 1

    play_people(t, clock, policy=policy, seed=seed, each=compare)
    compare()
    assert steps > 50


def test_a_seat_whose_parts_did_not_change_gets_the_same_objects():
    t, clock = seated_table()
    seats = [*t.roles, FACILITATOR, OBSERVER, PROJECTOR]
    common, own = t.view_parts(seats)
    t.say(t.roles[0], "chat is not part of any view")
    clock.advance(1)
    common2, own2 = t.view_parts(seats)
    assert all(own2[seat] is own[seat] for seat in seats)
    assert common2 is not common and common2["clock"] > common["clock"]
    assert all(common2[k] is common[k] for k in ("metrics", "stakeholders", "roles", "table"))
    # a decision answered: its role's parts and the staff's are new, the others' are kept
    role = next(r for r in t.roles if t.session.pending(r))
    p = t.session.pending(role)[0]
    if p.options:
        t.act(role, act.Answer(role, p.decision.id, p.options[0].id))
    else:
        t.act(role, act.Rank(role, p.decision.id, tuple(i.id for i in p.items)))
    _common3, own3 = t.view_parts(seats)
    assert own3[role] is not own2[role] and own3[FACILITATOR] is not own2[FACILITATOR]
    assert own3[PROJECTOR] is own2[PROJECTOR]
