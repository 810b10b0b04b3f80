"""Property tests: generated scenarios x generated action sequences (valid, invalid, timeouts).

Every playthrough reaches an ending, keeps metrics within bounds, raises nothing but the
documented ActionErrors (and a refused action changes nothing), replays identically from its
log, and gives the identical final state when saved and resumed at any point: each playthrough
runs straight, through replay, and through save/load (as ink's tests do).
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from game.engine import (
    ActionError,
    AddInject,
    Advance,
    Answer,
    EndTurn,
    ExtendTimer,
    LogEntry,
    ManualClock,
    Pause,
    Present,
    Rank,
    Resume,
    Seat,
    SendMessage,
    Session,
    SkipDecision,
)
from game.engine.bots import POLICIES, play_game
from game.scenario.model import INJECT_CHANNELS, MESSAGE_CHANNELS, Scenario
from tests.strategies import scenarios

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
STEPS = [0.0, 0.5, 1.0, 1.0, 2.0, 2.5, 4.0, 30.0, 100.0]


def check_invariants(s: Session) -> None:
    for m in s.scenario.metrics:
        v = s.metrics[m.id]
        assert math.isfinite(v)
        assert m.min is None or v >= m.min, (m.id, v)
        assert m.max is None or v <= m.max, (m.id, v)
    assert set(s.flags) == set(s.scenario.flags)
    assert 1 <= s.turn_number <= len(s.scenario.turns)
    if s.finished:
        assert s.ending is not None and s.pending() == [] and s.waiting_for() == ()
    for p in s.pending():
        assert p.role in s.roles
        assert p.remaining() is None or p.remaining() >= 0


def timeouts_due(s: Session) -> bool:
    now = s.now()
    return not s.paused and any(p.deadline is not None and p.deadline <= now for p in s.pending())


def attempt(s: Session, clock: ManualClock, t: float, action: object, check: bool = True) -> None:
    """Apply at session time t; only ActionErrors may come out, and they change nothing."""
    clock.advance(t - s.now())
    before = None if not check or timeouts_due(s) else s.snapshot(log=False)
    try:
        s.apply(action)  # type: ignore[arg-type]
    except ActionError as e:
        assert str(e)
        if before is not None:
            assert s.snapshot(log=False) == before
    if check:
        check_invariants(s)


def draw_action(data: st.DataObject, s: Session) -> object:
    sc = s.scenario
    roles = [*s.roles, "nobody", "pr_specialist"]
    decisions = [*sc.decision_by_id, "no-such-decision"]
    pend = s.pending()
    stakeholders = [x.id for x in sc.stakeholders] + ["nobody"]
    statements = [x.id for x in sc.statements] + ["nothing"]
    usable = [x.id for x in s.usable_statements()]
    pick = data.draw
    kinds = ["end", "end", "present", "message", "garbage", "advance", "pause", "facilitator"]
    if pend:
        kinds += ["answer"] * 12
    if usable:
        kinds += ["message"] * 3
    kind = pick(st.sampled_from(kinds))
    if s.paused and pick(st.integers(0, 3)) > 0:
        return Resume()
    if kind == "answer":
        p = pick(st.sampled_from(pend))
        if p.deadline is None and pick(st.integers(0, 5)) > 0:
            return Present(p.role)
        if p.decision.kind == "rank":
            items = [i.id for i in p.items]
            order = pick(st.permutations(items) | st.lists(st.sampled_from(items), max_size=5))
            return Rank(p.role, p.id, tuple(order))
        option = pick(st.sampled_from([o.id for o in p.options] + ["zz"]))
        return Answer(p.role, p.id, option)
    if kind == "garbage":
        return pick(
            st.builds(Answer, st.sampled_from(roles), st.sampled_from(decisions), st.just("a"))
            | st.builds(
                Rank,
                st.sampled_from(roles),
                st.sampled_from(decisions),
                st.lists(st.sampled_from(["x0", "x1", "x2"]), max_size=3).map(tuple),
            )
            | st.just("not an action")
            | st.just(Answer(None, None, None))  # type: ignore[arg-type]
        )
    if kind == "message":
        real = stakeholders[:-1]
        if usable and pick(st.integers(0, 4)) > 0:  # mostly well-formed messages
            to = pick(st.lists(st.sampled_from(real), min_size=1, max_size=2, unique=True))
            says = pick(st.lists(st.sampled_from(usable), min_size=1, max_size=3, unique=True))
            channel = pick(st.sampled_from(MESSAGE_CHANNELS))
            role = pick(st.sampled_from(s.waiting_for() or roles))
            return SendMessage(role, tuple(to), channel, tuple(says))
        to = pick(st.lists(st.sampled_from(stakeholders), max_size=3))
        says = pick(st.lists(st.sampled_from(statements), max_size=3))
        channel = pick(st.sampled_from([*MESSAGE_CHANNELS, "fax"]))
        role = pick(st.sampled_from(roles))
        return SendMessage(role, tuple(to), channel, tuple(says))
    if kind == "end":
        return EndTurn(pick(st.sampled_from(roles)))
    if kind == "present":
        return Present(pick(st.sampled_from(roles)))
    if kind == "advance":
        return Advance()
    if kind == "pause":
        return pick(st.sampled_from([Pause(), Resume()]))
    if kind == "end":
        return EndTurn(pick(st.sampled_from([*s.waiting_for(), *s.waiting_for(), *roles])))
    return pick(
        st.builds(
            ExtendTimer,
            st.sampled_from(decisions),
            st.sampled_from([5.0, 30.0, 0.5, 0, -1, float("nan"), 1e12]),
        )
        | st.builds(SkipDecision, st.sampled_from(decisions))
        | st.builds(
            AddInject,
            st.sampled_from(["", "Breaking news"]),
            st.just("Body"),
            st.sampled_from([*INJECT_CHANNELS, "tv"]),
            st.none() | st.lists(st.sampled_from(roles), max_size=2).map(tuple),
        )
    )


def finishing_moves(s: Session, t: float):
    """Deterministic moves that end any game: resume, present, let time run out, end turns."""
    for _ in range(10_000):
        if s.finished:
            return
        if s.paused:
            yield t, Resume()
            continue
        for r in s.waiting_for():
            if any(p.deadline is None for p in s.pending(r)):
                yield t, Present(r)
        deadlines = [p.deadline for p in s.pending() if p.deadline is not None]
        if deadlines:
            t = max(t, max(deadlines) + 1)
            yield t, Advance()
        for r in s.waiting_for():
            yield t, EndTurn(r)
    raise AssertionError("the game did not end")


def seats_for(data: st.DataObject, sc: Scenario) -> dict[str, Seat]:
    return {
        r: Seat(r, bot="random") if data.draw(st.booleans()) else Seat(r, player=f"P{i}")
        for i, r in enumerate(sc.roles_in_play)
    }


def run(sc: Scenario, seats, seed: int, attempts, *, save_at: int | None = None) -> Session:
    """Replay recorded attempts; with save_at, save after that many and resume on a new clock."""
    clock = ManualClock()
    s = Session.new(sc, seats, seed=seed, clock=clock)
    for i, (t, a) in enumerate(attempts):
        if i == save_at:
            with tempfile.TemporaryDirectory() as tmp:
                path = s.save(Path(tmp) / "game.jsonl")
                clock = ManualClock(777.0)
                s = Session.resume(path, sc, clock=clock)
        attempt(s, clock, t, a, check=False)
    return s


@SETTINGS
@given(sc=scenarios(), seed=st.integers(0, 2**32), data=st.data())
def test_any_action_sequence_ends_within_bounds_and_replays_and_resumes_identically(sc, seed, data):
    seats = seats_for(data, sc)
    clock = ManualClock()
    s = Session.new(sc, seats, seed=seed, clock=clock)
    check_invariants(s)
    attempts: list[tuple[float, object]] = []
    t = 0.0
    for _ in range(data.draw(st.integers(0, 40), label="steps")):
        if s.finished:
            break
        t += data.draw(st.sampled_from(STEPS))
        action = draw_action(data, s)
        attempts.append((t, action))
        attempt(s, clock, t, action)
    for when, action in finishing_moves(s, t):
        attempts.append((when, action))
        attempt(s, clock, when, action)
    assert s.finished and s.ending is not None

    event(f"answered: {sum(a.answered_at is not None for a in s.answers) > 0}")
    event(f"timed out during play: {any(a.timed_out for a in s.answers[: len(s.answers) // 2])}")
    event(f"paused: {any(type(e.action) is Pause for e in s.log)}")
    event(f"messages: {len(s.messages) > 0}")
    event(f"skipped: {any(a.skipped for a in s.answers)}")
    replayed = Session.replay(sc, seats, seed, s.log)
    assert replayed.snapshot() == s.snapshot()
    assert replayed.history == s.history

    save_at = data.draw(st.integers(0, len(attempts)), label="save_at")
    resumed = run(sc, seats, seed, attempts, save_at=save_at)
    assert resumed.snapshot() == s.snapshot()
    assert resumed.history == s.history


@settings(SETTINGS, max_examples=40)
@given(
    sc=scenarios(max_turns=5),
    seed=st.integers(0, 2**32),
    policies=st.lists(st.sampled_from(POLICIES), min_size=5, max_size=5),
    data=st.data(),
)
def test_bot_games_end_within_bounds_and_survive_save_and_resume_anywhere(sc, seed, policies, data):
    policy = dict(zip(sc.roles_in_play, policies, strict=False))
    s = play_game(sc, policy, seed)
    check_invariants(s)
    assert s.finished
    replayed = Session.replay(sc, s.seats, seed, s.log)
    assert replayed.snapshot() == s.snapshot()

    k = data.draw(st.integers(0, len(s.log)))
    part = Session.replay(sc, s.seats, seed, s.log[:k])
    with tempfile.TemporaryDirectory() as tmp:
        path = part.save(Path(tmp) / "bots.jsonl")
        clock = ManualClock(12.0)
        resumed = Session.resume(path, sc, clock=clock)
    for entry in s.log[k:]:
        clock.advance(entry.at - resumed.now())
        resumed.apply(entry.action)  # type: ignore[arg-type]
    assert resumed.snapshot() == s.snapshot()
    assert [LogEntry(e.at, e.action) for e in resumed.log] == s.log
