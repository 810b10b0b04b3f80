"""Bots: players that produce actions from a policy, with simulated response times.

A bot is just another player: it reads the session's public views and sends it actions, and the
engine cannot tell it from a person except that a bot's decisions are presented at once.  All
randomness (which option, how long to think) comes from the ``random.Random`` it is given, so a
bot game is a pure function of scenario + policies + seed.

Policies (``POLICIES``):

- ``best``: best-rated options, the expected rank order, and every stakeholder it owns gets its
  expected key points as early as statements allow (by ``inform_by``), never a risky statement;
- ``good`` (competent, not expert; the default bot of an empty seat): where a decision has a
  credible second best (a ``good``-rated option) it takes it ``GOOD_SECOND`` of the time, else
  the best; the expected order with one slip at times; each stakeholder it owns is informed in
  its deadline turn, but ``GOOD_LATE`` of them one turn late (a deadline in the last turn is
  always met), and ``GOOD_PADDED`` of its messages carry two statements the stakeholder did not
  need (the usual "while we're at it" padding, which buries the key points);
- ``random``: random options and orders, random messages (sometimes risky);
- ``worst``: the lowest-rated options, the reversed order, risky statements to stakeholders not
  cleared to hear them, no required messages;
- ``timeout``: lets every decision time out and sends nothing;
- ``longest`` (adversarial): answers at once with the longest option text and ranks items by
  text length, longest first; its messages are random's.  A scenario whose score it can win
  gives the answer away in the text (``crisis-sim check`` fails it);
- ``blanket`` (adversarial): random decisions; in its first turn it sends one message with
  every usable non-risky statement to every stakeholder over the first channel, then nothing.
  A scenario that rewards it does not judge recipients (``crisis-sim check`` fails it).

``best`` and ``good`` send over the first message channel that is not down.

:class:`BotDriver` runs the bots of a session on its clock (also alongside human players);
:func:`play_game` plays a whole game with bots in every seat on a :class:`ManualClock`.
"""

from __future__ import annotations

import contextlib
import heapq
import random
from collections.abc import Mapping

from game.engine import actions as act
from game.engine import events as ev
from game.engine.clock import ManualClock
from game.engine.errors import ActionError, SeatError
from game.engine.records import StakeholderStatus
from game.engine.seats import POLICIES, Seat
from game.engine.session import _BOT_HANDLERS, TICKS, Session, _Pending
from game.scenario.model import (
    MESSAGE_CHANNELS,
    Decision,
    Option,
    RankItem,
    Scenario,
    Statement,
)

__all__ = ["POLICIES", "Bot", "BotDriver", "play_game"]

RATING_VALUE = {"best": 3, "good": 2, "poor": 1, "harmful": 0}

#: Fraction of the remaining time a bot takes to answer, per policy (always < 1: no timeouts).
THINK = {
    "best": (0.10, 0.35),
    "good": (0.20, 0.60),
    "random": (0.05, 0.95),
    "worst": (0.50, 0.95),
    "timeout": (1.0, 1.0),
    "longest": (0.02, 0.10),
    "blanket": (0.05, 0.95),
}
#: Seconds to compose one message, and to end the turn once done.
COMPOSE = (4.0, 15.0)
WRAP_UP = (1.0, 4.0)
#: The ``good`` bot's slips, each drawn from the game's random stream (so a game stays a pure
#: function of its seed): the share of decisions with a ``good``-rated option where it takes
#: that option rather than the best, the share of stakeholders it informs one turn after the
#: deadline, and the share of its messages padded with statements the recipient did not need.
GOOD_SECOND = 0.8
GOOD_LATE = 0.35
GOOD_PADDED = 0.3
#: Policies that pick among all options at random.
RANDOM_CHOICE = frozenset({"random", "blanket"})
#: Risks the ``worst`` bot likes best.
WORST_RISKS = ("no_comment", "blame")
#: Actions are frozen values: the ones a bot sends again and again are made once.
_ADVANCE = act.Advance()
_END_TURN: dict[str, act.EndTurn] = {}


class Bot:
    """One role's bot.  ``next_delay`` says when it wants to act next; ``act`` says what."""

    def __init__(self, policy: str, rng: random.Random) -> None:
        if policy not in POLICIES:
            raise ValueError(f"unknown bot policy {policy!r} (expected one of: {POLICIES})")
        self.policy = policy
        self.rng = rng
        self._turn = -1
        self._outbox: list[act.SendMessage] | None = None
        self._plans = 0
        #: stakeholder -> whether the ``good`` bot informs it one turn late (drawn once)
        self._late: dict[str, bool] = {}

    def next_delay(self, s: Session, role: str, now: float | None = None) -> float | None:
        """Seconds until this bot's next action, or None when it is done for the turn.
        ``now``: the session time (``s.now()``), when the caller knows it."""
        if s.finished or s.has_ended(role):
            return None
        return self._delay(s, role, now)

    def act(self, s: Session, role: str) -> act.Action | None:
        """The action to take now, or None when done for the turn."""
        if s.finished or s.has_ended(role):
            return None
        return self._action(s, role)

    # :class:`BotDriver` calls the two below directly when it knows the game is running and
    # ``role`` has not ended the turn (the checks above would then be made twice per step).

    def _delay(self, s: Session, role: str, now: float | None = None) -> float:
        """``now``: the session time (``s.now()``), when the caller knows it."""
        st = s._st  # these two run on every step: the state is read directly
        turn = st.turn
        if turn != self._turn:
            self._new_turn(turn)
        pend = st.pending_of[role]  # as ``s._open(role)``
        if pend:
            if _unshown(pend):
                return 0.5  # a seat that needs Present (a bot standing in for a player)
            if now is None:
                now = s.now()
            if self.policy == "timeout":
                return max(max(p.deadline for p in pend) - now, 0.0) + 0.001  # type: ignore[type-var]
            lo, hi = THINK[self.policy]
            rem = _most_urgent(pend).deadline - now  # type: ignore[operator]
            return max(rem * (lo + (hi - lo) * self.rng.random()), 0.001)
        # a non-empty outbox is ``_next_message``'s first case, checked here without the call
        lo, hi = COMPOSE if self._outbox or self._next_message(s, role) else WRAP_UP
        return lo + (hi - lo) * self.rng.random()

    def _action(self, s: Session, role: str) -> act.Action:
        st = s._st
        turn = st.turn
        if turn != self._turn:
            self._new_turn(turn)
        pend = st.pending_of[role]
        if pend:
            if _unshown(pend):
                return act.Present(role)
            if self.policy == "timeout":
                return _ADVANCE
            return self._decide(_most_urgent(pend).decision, role)
        outbox = self._outbox
        if outbox:
            return outbox.pop(0)
        if self._next_message(s, role) is not None:
            return self._outbox.pop(0)  # type: ignore[union-attr]
        done = _END_TURN.get(role)
        if done is None:
            done = _END_TURN[role] = act.EndTurn(role)
        return done

    def _new_turn(self, turn: int) -> None:
        self._turn = turn
        self._outbox = None
        self._plans = 0

    # --- decisions ----------------------------------------------------------------------------

    def _decide(self, d: Decision, role: str) -> act.Action:
        rng = self.rng
        if d.kind == "rank":
            expected = list(d.expected) or [i.id for i in d.items]
            if self.policy == "best":
                order = expected
            elif self.policy == "good":
                order = expected[:]
                if len(order) > 1 and rng.random() < 0.5:
                    i = int(rng.random() * (len(order) - 1))
                    order[i], order[i + 1] = order[i + 1], order[i]
            elif self.policy == "worst":
                order = expected[::-1]
            elif self.policy == "longest":
                order = [i.id for i in sorted(d.items, key=_length, reverse=True)]
            else:
                order = [i.id for i in d.items]
                rng.shuffle(order)
            return act.Rank(role, d.id, tuple(order))
        if self.policy == "longest":
            return act.Answer(role, d.id, max(d.options, key=_length).id)
        options = d.options if self.policy in RANDOM_CHOICE else self._preferred(d.options)
        return act.Answer(role, d.id, options[int(rng.random() * len(options))].id)

    def _preferred(self, options: tuple[Option, ...]) -> list[Option]:
        values = [RATING_VALUE[o.rating] for o in options]
        if self.policy == "worst":
            low = min(values)
            return [o for o, v in zip(options, values, strict=True) if v == low]
        top = max(values)
        if self.policy == "good":
            second = [o for o, v in zip(options, values, strict=True) if v == RATING_VALUE["good"]]
            if second and top > RATING_VALUE["good"] and self.rng.random() < GOOD_SECOND:
                return second
        return [o for o, v in zip(options, values, strict=True) if v == top]

    # --- messages -----------------------------------------------------------------------------

    def _next_message(self, s: Session, role: str) -> act.SendMessage | None:
        """The next message to send this turn.  Messages are planned once the role's decisions
        are done; ``best`` and ``good`` plan again when their outbox is empty (other roles'
        answers may have made more statements usable), until a plan comes out empty."""
        outbox = self._outbox
        if outbox:  # most calls: the plan is being sent
            return outbox[0]
        if outbox is None or (self.policy in ("best", "good") and 0 < self._plans < 4):
            self._outbox = self._plan_messages(s, role)
            self._plans = self._plans + 1 if self._outbox else 4
        return self._outbox[0] if self._outbox else None

    def _plan_messages(self, s: Session, role: str) -> list[act.SendMessage]:
        if self.policy in ("best", "good"):
            if self.policy == "best":
                return self._informing_messages(s, role, early=True)
            return self._informing_messages(s, role, early=False, slips=True)
        if self.policy == "worst":
            return self._risky_messages(s, role)
        if self.policy in ("random", "longest"):
            return self._random_messages(s, role)
        if self.policy == "blanket":
            return self._blanket_message(s, role)
        return []

    def _blanket_message(self, s: Session, role: str) -> list[act.SendMessage]:
        if s.turn_number != 1:
            return []
        says = tuple(x.id for x in s._usable() if x.risk is None)
        to = s._prep.stakeholder_ids
        if not says or not to:
            return []
        return [act.SendMessage(role, to, MESSAGE_CHANNELS[0], says)]

    def _informing_messages(
        self, s: Session, role: str, *, early: bool, slips: bool = False
    ) -> list[act.SendMessage]:
        """Messages that inform the stakeholders ``role`` is the designated sender for: as
        early as statements allow (``early``), else from the deadline turn on.  With ``slips``
        (the ``good`` bot) some stakeholders wait one turn more and some messages are padded."""
        turn = s.turn_number
        last = len(s.scenario.turns)
        todo = [
            st
            for st in s.stakeholder_status()
            if s.designated_sender(st.stakeholder.id) == role
            and st.complete_turn is None
            and (early or turn >= st.deadline_turn + (slips and self._is_late(st, last)))
        ]
        if not todo:
            return []
        sc = s.scenario
        usable_all = s.usable_statements()
        used = s.sent_statements()
        by_id = sc.statement_by_id
        channel = next((c for c in MESSAGE_CHANNELS if s.channel_down(c) is None), "email")
        out = []
        for status in todo:
            sid = status.stakeholder.id
            usable = [x for x in usable_all if sc.cleared(x, sid)]
            if status.stakeholder.expects:
                picks = _cover(status.missing, usable, used, by_id)
            elif status.informed_turn is None:
                picks = _cover(frozenset(), usable, used, by_id, any_one=True)
            else:
                picks = []
            if picks and slips and self.rng.random() < GOOD_PADDED:
                picks += _padding(status.stakeholder.expects, usable, picks, used, by_id)
            if picks:
                used.update(x.id for x in picks)
                ids = tuple(x.id for x in picks)
                out.append(act.SendMessage(role, (sid,), channel, ids))
        return out

    def _is_late(self, status: StakeholderStatus, last_turn: int) -> bool:
        """Whether the ``good`` bot informs this stakeholder one turn after its deadline (drawn
        once per stakeholder; never when the deadline is the last turn, which has no after)."""
        sid = status.stakeholder.id
        late = self._late.get(sid)
        if late is None:
            late = status.deadline_turn < last_turn and self.rng.random() < GOOD_LATE
            self._late[sid] = late
        return late

    def _risky_messages(self, s: Session, role: str) -> list[act.SendMessage]:
        risky = [x for x in s.usable_statements() if x.risk is not None]
        if not risky or not s.scenario.stakeholders:
            return []
        liked = [x for x in risky if x.risk in WORST_RISKS] or risky
        pick = self.rng.choice(liked)
        sc = s.scenario
        target = self.rng.choice(sc.stakeholders).id
        if sc.cleared(pick, target):
            # a stakeholder cleared for it hears it without harm: tell someone who is not
            pairs = [(x, t.id) for x in risky for t in sc.stakeholders if not sc.cleared(x, t.id)]
            if not pairs:
                return []
            pick, target = pairs[int(self.rng.random() * len(pairs))]
        return [act.SendMessage(role, (target,), "social", (pick.id,))]

    def _random_messages(self, s: Session, role: str) -> list[act.SendMessage]:
        rnd = self.rng.random
        stakeholders = s._prep.stakeholder_ids
        out: list[act.SendMessage] = []
        if not stakeholders:
            return out
        # Half of the time no message is sent, so the usable statements are listed only when
        # one is; a statement without a `when` is always usable, so the list cannot be empty.
        usable: tuple[Statement, ...] | None = None
        if not s._prep.unconditional_statement:
            usable = s._usable()
            if not usable:
                return out
        ns, nc = len(stakeholders), len(MESSAGE_CHANNELS)
        # The draws, in this order: one or two stakeholders (a draw for how many, then one per
        # stakeholder), one to three statements (likewise), the channel.  Each list is sorted
        # and without repeats; one or two ids are ordered by hand (cheaper than set + sorted).
        while len(out) < 3 and rnd() < 0.5:
            if usable is None:
                usable = s._usable()
            nu = len(usable)
            if rnd() < 0.5:
                a = stakeholders[int(rnd() * ns)]
                b = stakeholders[int(rnd() * ns)]
                to = (a,) if a == b else (a, b) if a < b else (b, a)
            else:
                to = (stakeholders[int(rnd() * ns)],)
            k = 1 + int(rnd() * 3)
            if k == 1:
                says: tuple[str, ...] = (usable[int(rnd() * nu)].id,)
            else:
                says = tuple(sorted({usable[int(rnd() * nu)].id for _ in range(k)}))
            channel = MESSAGE_CHANNELS[int(rnd() * nc)]
            out.append(act.SendMessage(role, to, channel, says))
        return out


def _length(x: Option | RankItem) -> int:
    """How long an option or item reads (what the ``longest`` bot goes by)."""
    return len(" ".join(x.text.split()))


def _most_urgent(pend: list[_Pending]) -> _Pending:
    """The pending decision whose time runs out first (the first such one on a tie).

    A bot answers it first and takes a share of *its* time left, so a short decision is never
    left to time out while the bot thinks over a long one shown before it; only ``timeout``
    lets a decision time out.  (Answering in the order shown let a 20 s decision lapse behind
    a 90 s one, and the scenario's ``on_timeout`` option then replaced the policy's own choice:
    a slow ``worst`` team collected a good default that ``random`` had answered badly.)"""
    first = pend[0]
    for p in pend:
        if p.deadline < first.deadline:  # type: ignore[operator]
            first = p
    return first


def _unshown(pend: list[_Pending]) -> bool:
    """Some pending decision has not been shown (its player has not taken the seat)."""
    for p in pend:  # noqa: SIM110 (any() with a generator is slower, and this runs every step)
        if p.deadline is None:
            return True
    return False


def _padding(
    expects: tuple[str, ...],
    usable: list[Statement],
    picks: list[Statement],
    used: set[str],
    by_id: Mapping[str, Statement],
) -> list[Statement]:
    """Up to two safe statements the stakeholder does not need (they cover none of its key
    points), none contradicting what is said: what a busy team adds "while it is at it".  The
    first one is free under the focus rule; the second buries the key points."""
    wanted = set(expects)
    said = used | {x.id for x in picks}
    extra = [
        x
        for x in usable
        if x.risk is None
        and x not in picks
        and not wanted.intersection(x.covers)
        and not any(c in said for c in x.contradicts)
        and not any(x.id in by_id[o].contradicts for o in said if o in by_id)
    ]
    return extra[:2]


def _cover(
    missing: frozenset[str],
    usable: list[Statement],
    used: set[str],
    by_id: Mapping[str, Statement],
    *,
    any_one: bool = False,
) -> list[Statement]:
    """Safe statements covering ``missing`` greedily, none contradicting what was said."""

    def clashes(x: Statement, said: set[str]) -> bool:
        if any(c in said for c in x.contradicts):
            return True
        return any(x.id in by_id[o].contradicts for o in said if o in by_id)

    said = set(used)
    if any_one:
        for x in usable:
            if not clashes(x, said):
                return [x]
        return []
    left = set(missing)
    picks: list[Statement] = []
    while left:
        best, gain = None, 0
        for x in usable:
            g = len(left.intersection(x.covers))
            if g > gain and x not in picks and not clashes(x, said):
                best, gain = x, g
        if best is None:
            break
        picks.append(best)
        said.add(best.id)
        left.difference_update(best.covers)
    return picks


class BotDriver:
    """Runs the bot seats of a session: each bot acts when its simulated thinking time is up.

    Times are kept in the session's *active* time (paused time does not count), so a pause
    delays the bots as it delays the decision clocks.  A real-time front-end calls :meth:`tick`
    every frame; :func:`play_game` jumps a ManualClock to :meth:`next_due` instead.
    """

    def __init__(
        self,
        session: Session,
        bots: Mapping[str, Bot] | None = None,
        *,
        rng: random.Random | None = None,
    ) -> None:
        self.session = session
        if bots is None:
            rng = rng if rng is not None else random.Random(session.seed)
            bots = {
                r: Bot(seat.bot, rng) for r, seat in session.seats.items() if seat.bot is not None
            }
        self.bots = dict(bots)
        self._order = {r: i for i, r in enumerate(session.roles)}
        self._heap: list[tuple[float, int, str]] = []
        self._turn: int | None = None

    def _sync(self) -> None:
        s = self.session
        if s.turn_number == self._turn and not s.finished:
            return
        self._turn = s.turn_number
        self._heap = []
        if s.finished:
            return
        now = s.now()
        active = s.active_time()
        for role, bot in self.bots.items():
            d = bot.next_delay(s, role, now)
            if d is not None:
                heapq.heappush(self._heap, (active + d, self._order[role], role))

    def set_bot(self, role: str, bot: Bot | None) -> None:
        """Let ``bot`` play ``role`` from now on (a bot standing in for an absent player), or
        stop the bot of ``role`` (None).  Every bot's next action is planned again."""
        if role not in self._order:
            raise SeatError(f"role {role!r} is not in play")
        if bot is None:
            self.bots.pop(role, None)
        else:
            self.bots[role] = bot
        self._turn = None

    def next_due(self) -> float | None:
        """Session time at which the next bot wants to act (None: no bot has anything to do)."""
        self._sync()
        if not self._heap or self.session.paused:
            return None
        return self._heap[0][0] + self.session.paused_total

    def tick(self) -> list[ev.Event]:
        """Apply every bot action that is due at the session's current time."""
        s = self.session
        self._sync()
        events: list[ev.Event] = []
        heap = self._heap
        while heap and not s.finished and not s.paused and heap[0][0] <= s.active_time() + 1e-9:
            _, index, role = heapq.heappop(heap)
            bot = self.bots[role]
            action = bot.act(s, role)
            if action is not None:
                # refused: the world moved on since the bot planned it (e.g. a statement's `when`)
                with contextlib.suppress(ActionError):
                    events.extend(s.apply(action))
            turn = self._turn
            self._sync()
            heap = self._heap
            if self._turn == turn:
                d = bot.next_delay(s, role)
                if d is not None:
                    heapq.heappush(heap, (s.active_time() + d, index, role))
        return events

    def act_now(self) -> list[ev.Event] | None:
        """One bot acts at once, without waiting for its thinking time (the front-ends hurry
        the bots this way once every person has ended the turn).

        The first bot, in seating order, that has not ended the turn and has an action the
        session accepts plays it; its events are returned.  None: no bot has anything to do.
        """
        s = self.session
        for role, bot in list(self.bots.items()):
            if s.has_ended(role):
                continue
            action = bot.act(s, role)
            if action is None:
                continue
            try:
                return s.apply(action)
            except ActionError:
                continue
        return None

    def run(self, clock: ManualClock, max_steps: int = 1_000_000) -> None:
        """Play to the end with bots in every seat, jumping ``clock`` from action to action."""
        s = self.session
        st = s._st  # read directly: this loop runs once per action
        self._sync()
        offset = s._offset
        submit = s._submit_at  # ``s._bot_submit`` inlined
        # the clock the session reads is a ManualClock: its time is read and moved in place
        manual = type(clock) is ManualClock and s.clock is clock
        handlers = _BOT_HANDLERS
        bots = self.bots
        heappop, heapreplace = heapq.heappop, heapq.heapreplace
        # The session time (``s.now()``), carried from step to step: it changes only when the
        # clock is moved below (an accepted action sets ``last_time`` to it, no further).
        now = s.now()
        # Bots never pause, resume or extend a timer: the pause state stays as it is here.
        paused_at, paused_total = st.paused_at, st.paused_total
        for _ in range(max_steps):
            if st.finished:
                return
            heap = self._heap
            if not heap:
                raise RuntimeError("bots stalled: no bot can act but the game is not over")
            t, index, role = heap[0]
            active = (now if paused_at is None else paused_at) - paused_total  # s.active_time()
            if t > active:
                if manual:  # ``clock.advance(t - active)`` inlined (t - active is > 0, finite)
                    clock._t += t - active
                    ct = round((clock._t - offset) * TICKS) / TICKS  # ``s.now()`` inlined
                else:
                    clock.advance(t - active)
                    ct = round((s.clock.now() - offset) * TICKS) / TICKS
                last = st.last_time
                now = ct if ct >= last else last
            else:
                t = active
            bot = bots[role]
            # A role is in the heap only while the game runs and it has not ended the turn
            # (nothing else acts here), so the checks of Bot.act and Bot.next_delay are skipped.
            action = bot._action(s, role)
            # not contextlib.suppress: a context manager per step costs ~2% of a game here
            try:  # noqa: SIM105
                # trusted: only bots act here; nobody reads the events, so they are not built
                submit(handlers.get(action.__class__), action, now)
            except ActionError:
                pass  # refused: the world moved on since the bot planned it
            if st.turn != self._turn or st.finished:
                self._sync()
            elif role in st.ended:
                heappop(heap)
            else:
                heapreplace(heap, (t + bot._delay(s, role, now), index, role))
        if not st.finished:
            raise RuntimeError(f"bots did not finish the game in {max_steps} steps")


def play_game(
    scenario: Scenario,
    policy: str | Mapping[str, str] = "random",
    seed: int = 0,
    *,
    save_path: str | None = None,
) -> Session:
    """Play a whole game with a bot in every seat and return the finished session.

    ``policy`` is one policy for every role or a mapping role -> policy (every role in play).
    The ManualClock jumps from one bot action to the next, so a game takes no real time.
    """
    roles = scenario.roles_in_play
    if isinstance(policy, str):
        policies = dict.fromkeys(roles, policy)
    else:
        policies = dict(policy)
        missing = [r for r in roles if r not in policies]
        if missing:
            raise SeatError(f"no bot policy for {', '.join(missing)}")
    seats = {r: Seat(r, bot=p) for r, p in policies.items()}
    clock = ManualClock()
    s = Session.new(scenario, seats, seed=seed, clock=clock, save_path=save_path)
    BotDriver(s, rng=random.Random(seed)).run(clock)
    return s
