"""The table controller: the one game every seat acts through, wherever the seat is.

The engine cannot tell who sent an action; the table can.  Every action comes in with the seat
it came from and is authorised first: a role's actions only from that role's seat (or from the
facilitator while they have taken the seat over), facilitator actions only from the
facilitator, nothing from the observer or the projector, and ``Advance`` from nobody (the
table's own :meth:`Table.tick` keeps time).  Bots act through the session's checked ``apply``,
like a person: the engine's unvalidated fast path for bot-only games is never reachable here.

Everything that happens is appended to one *feed* of numbered items, each with an audience
(see ``views``): engine events, chat, evaluator notes, seat changes.  Subscribers (the network
server, the autosave) are called with the new items after every change, and a seat that
reconnects reads its view plus the items since the last number it saw.

The table is not thread-safe: one thread (the server's event loop) owns it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from game.engine import actions as act
from game.engine import events as ev
from game.engine.bots import Bot, BotDriver
from game.engine.clock import Clock
from game.engine.errors import ActionError
from game.engine.seats import POLICIES, Seat
from game.engine.session import Session
from game.i18n import _, format_list
from game.report.result import (
    ChatLine,
    EvaluatorNote,
    Exercise,
    Result,
    StandIn,
    build_result,
)
from game.scenario.model import ROLE_TITLES, Scenario
from game.scoring.wording import role_title
from game.table import views
from game.table.text import MAX_CHAT, MAX_NAME, MAX_NOTE, clean
from game.table.views import FACILITATOR, OBSERVER, PROJECTOR, STAFF, Audience

if TYPE_CHECKING:
    from game.table.journal import JournalData

PLAYER_ACTIONS = (act.Answer, act.Rank, act.SendMessage, act.EndTurn, act.Present)
FACILITATOR_ACTIONS = (act.Pause, act.Resume, act.ExtendTimer, act.SkipDecision, act.AddInject)
RATINGS = ("P", "S", "M", "U")


class TableError(Exception):
    """A request the table refuses (who may not do what); the message is for the person."""


@attrs.frozen
class FeedItem:
    seq: int
    audience: Audience
    data: dict[str, Any]


@attrs.define
class SeatState:
    """Who sits at one role's seat.  ``bot`` is the policy of a bot playing it now (a bot seat
    from the start, or one standing in for an absent player); ``held`` means the facilitator
    has taken it over."""

    role: str
    name: str | None = None
    token: str | None = None
    connected: bool = False
    bot: str | None = None
    fixed_bot: bool = False
    held: bool = False
    #: what happens when its player drops: "wait", or a bot policy that stands in
    when_empty: str = "wait"

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "title": ROLE_TITLES.get(self.role, self.role),
            "name": self.name,
            "connected": self.connected,
            "bot": self.bot,
            "held": self.held,
            "when_empty": self.when_empty,
        }


Listener = Callable[["Table", list[FeedItem]], None]


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Table:
    """One exercise: a lobby, then a running session, then a result."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        clock: Clock,
        seed: int,
        bots: Mapping[str, str] | None = None,
        hurry_bots: bool = True,
        wall: Callable[[], str] = _now_iso,
        cohort: str | None = None,
    ) -> None:
        self.scenario = scenario
        #: the class the exercise belongs to (``--cohort``), kept in the result
        self.cohort = cohort
        self.clock = clock
        self.seed = seed
        self.hurry_bots = hurry_bots
        self.wall = wall
        self.roles: tuple[str, ...] = tuple(scenario.roles_in_play)
        self.seats: dict[str, SeatState] = {r: SeatState(r) for r in self.roles}
        for role, policy in (bots or {}).items():
            if role not in self.seats:
                raise TableError(
                    _("role {role!r} is not in play in this scenario").format(role=role)
                )
            if policy not in POLICIES:
                raise TableError(
                    _("unknown bot policy {policy!r} ({policies})").format(
                        policy=policy, policies=", ".join(POLICIES)
                    )
                )
            self.seats[role].bot = policy
            self.seats[role].fixed_bot = True
        self.staff_names: dict[str, str] = {}
        self.session: Session | None = None
        self.driver: BotDriver | None = None
        self.feed: list[FeedItem] = []
        self.chat: list[dict[str, Any]] = []
        self.notes: list[dict[str, Any]] = []
        self.ratings: dict[str, dict[str, Any]] = {}
        self.started_at: str | None = None
        self.finished_at: str | None = None
        self.ended_by_facilitator = False
        #: bots that played a person's seat while they were away: [role, policy, from, until]
        self.stand_ins: list[list[Any]] = []
        self._listeners: list[Listener] = []
        self._tick_hooks: list[Callable[[Table], None]] = []
        self._event_hooks: list[Callable[[list[ev.Event]], None]] = []
        self._dispatching = False
        self._undelivered: list[FeedItem] = []
        #: the unchanged parts of the seats' views, shared from one build to the next
        self._memo = views.Memo()
        #: each seat's own view parts with the key they were built for (``view_parts``)
        self._own: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}

    @classmethod
    def over(
        cls,
        session: Session,
        *,
        hurry_bots: bool = True,
        wall: Callable[[], str] = _now_iso,
    ) -> Table:
        """A table over a game already running (a new one, or one resumed from its save):
        the window's hot seat.  Its people sit at the screen in turn: their seats are not
        connected until :meth:`sit` (so their clocks start only when they sit down), and bots
        play the rest, driven by this table like in a network game."""
        seats = session.seats
        t = cls(
            session.scenario,
            clock=session.clock,
            seed=session.seed,
            bots={r: seat.bot for r, seat in seats.items() if seat.bot is not None},
            hurry_bots=hurry_bots,
            wall=wall,
        )
        for r, seat in seats.items():
            if seat.player is not None and r in t.seats:
                t.seats[r].name = seat.player
        t.session = session
        t.driver = BotDriver(session, rng=random.Random(session.seed))
        return t

    @classmethod
    def resumed(
        cls,
        session: Session,
        journal: JournalData | None,
        *,
        wall: Callable[[], str] = _now_iso,
        cohort: str | None = None,
    ) -> Table:
        """A network table over a hosted game resumed from its save after the host stopped.

        Each player keeps their seat, name and seat token (from the exercise journal), so their
        clients reconnect by themselves; chat, evaluator notes and ratings, stand-in records and
        the start time come back.  Every seat starts disconnected, and a running game is paused
        (a pause recorded in the game's log) until the facilitator resumes it, so nobody's clock
        runs while people come back."""
        t = cls.over(session, wall=wall)
        t.cohort = cohort
        state = journal.state if journal is not None else {}
        saved = state.get("seats") if isinstance(state.get("seats"), dict) else {}
        for r, seat in session.seats.items():
            if seat.player is None or r not in t.seats:
                continue
            st, got = t.seats[r], saved.get(r)
            got = got if isinstance(got, dict) else {}
            token = got.get("token")
            st.token = token if isinstance(token, str) and token else None
            if st.token is None:  # nobody could come back to it: free for its player to join
                st.name = None
            if got.get("when_empty") in POLICIES:
                st.when_empty = got["when_empty"]
        staff = state.get("staff")
        if isinstance(staff, dict):
            t.staff_names = {
                k: v for k, v in staff.items() if k in STAFF and isinstance(v, str) and v
            }
        t.stand_ins = [
            list(x)
            for x in state.get("stand_ins") or []
            if isinstance(x, list) and len(x) == 4 and x[0] in t.seats and x[1] in POLICIES
        ]
        started = state.get("started_at")
        t.started_at = started if isinstance(started, str) else None
        t.ended_by_facilitator = state.get("ended_by_facilitator") is True
        if journal is not None:
            t.chat = list(journal.chat)
            t.notes = list(journal.notes)
            for n in t.notes:
                if n["rating"] is not None and n["objective"] is not None:
                    t.ratings[n["objective"]] = {
                        "rating": n["rating"], "by": n["by"], "note": n["text"]
                    }  # fmt: skip
        assert t.driver is not None
        for r, st in t.seats.items():  # an empty seat whose player asked for a stand-in
            if st.name is not None and st.when_empty != "wait" and not session.finished:
                open_record = any(x[0] == r and x[3] is None for x in t.stand_ins)
                st.bot = st.when_empty
                t.driver.set_bot(r, Bot(st.when_empty, random.Random(f"{t.seed}/{r}/resumed")))
                if not open_record:
                    t.stand_ins.append([r, st.when_empty, session.turn_number, None])
        # the facilitator's console is new with the host: it reads the chat and notes again
        # (other seats' clients lived through the stop and still show theirs)
        t._publish([(frozenset({FACILITATOR}), line) for line in [*t.chat, *t.notes]])
        t.notice(_("The host stopped and was started again: the exercise continues from its save."))
        if not session.finished and not session.paused:
            t._events(session.apply(act.Pause()))
        return t

    # --- subscribers and the feed ---------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    @property
    def seq(self) -> int:
        return self.feed[-1].seq if self.feed else 0

    def _publish(self, items: list[tuple[Audience, dict[str, Any]]]) -> None:
        if not items:
            return
        new = []
        for audience, data in items:
            item = FeedItem(self.seq + 1, audience, data)
            self.feed.append(item)
            new.append(item)
        self._undelivered.extend(new)
        if self._dispatching:
            return  # a listener published (e.g. an autosave notice): delivered by the loop below
        self._dispatching = True
        try:
            while self._undelivered:
                batch, self._undelivered = self._undelivered, []
                for listener in list(self._listeners):
                    listener(self, batch)
        finally:
            self._dispatching = False

    def since(self, seat: str, seq: int) -> list[dict[str, Any]]:
        """The items ``seat`` may see whose number is above ``seq``, oldest first."""
        return [
            {"seq": i.seq, **i.data}
            for i in self.feed
            if i.seq > seq and views.sees(seat, i.audience)
        ]

    def notice(self, text: str, *, to_facilitator: bool = False) -> None:
        """A line from the table itself (autosave trouble, a seat taken over...)."""
        audience = frozenset({FACILITATOR}) if to_facilitator else STAFF
        self._publish([(audience, {"type": "notice", "text": text, "at": self._time()})])

    def _time(self) -> float:
        return self.session.now() if self.session is not None else 0.0

    def _turn(self) -> int:
        return self.session.turn_number if self.session is not None else 0

    # --- seats ----------------------------------------------------------------------------

    def seat_kind(self, seat: str) -> str:
        if seat in self.seats:
            return "role"
        if seat in (FACILITATOR, OBSERVER, PROJECTOR):
            return seat
        raise TableError(_("there is no seat {seat!r} at this table").format(seat=seat))

    def free_roles(self) -> list[str]:
        return [r for r, st in self.seats.items() if st.name is None and not st.fixed_bot]

    def claim(self, role: str | None, name: object) -> tuple[str, str]:
        """A player sits down: returns ``(role, token)``.  ``role=None`` takes the first free
        seat.  The token lets the same player come back after a dropped connection."""
        try:
            who = clean(name, MAX_NAME)
        except ValueError as e:
            raise TableError(_("the player's name is {problem}").format(problem=e)) from None
        if role is None:
            free = self.free_roles()
            if not free:
                raise TableError(_("every seat at this table is taken"))
            role = free[0]
        if role not in self.seats:
            raise TableError(
                _("role {role!r} is not in play here (roles: {roles})").format(
                    role=role, roles=", ".join(self.roles)
                )
            )
        st = self.seats[role]
        if st.fixed_bot:
            raise TableError(_("the {role} seat is played by a bot").format(role=role_title(role)))
        if st.name is not None:
            raise TableError(
                _(
                    "the {role} seat is taken by {name}; reconnect with its seat token, or "
                    "choose another role"
                ).format(role=role_title(role), name=st.name)
            )
        if self.session is not None and role not in self._player_roles():
            raise TableError(_("the game has started and that seat is a bot seat"))
        import secrets  # here: ``secrets`` loads OpenSSL, which the window's hot seat never needs

        st.name, st.token, st.connected = who, secrets.token_urlsafe(18), True
        self._seat_changed(role, "joined")
        self._came_back(role)
        return role, st.token

    def reclaim(self, role: str, token: object) -> None:
        """The player of ``role`` is back (same token): a bot standing in steps aside."""
        st = self.seats.get(role)
        if st is None or st.token is None or not isinstance(token, str):
            raise TableError(_("that seat token is not valid at this table"))
        import secrets

        if not secrets.compare_digest(st.token, token):
            raise TableError(_("that seat token is not valid at this table"))
        st.connected = True
        self._seat_changed(role, "reconnected")
        self._came_back(role)

    def _came_back(self, role: str) -> None:
        st = self.seats[role]
        if st.bot is not None and not st.fixed_bot:
            self._stand_in_ends(role)
            st.bot = None
            if self.driver is not None:
                self.driver.set_bot(role, None)
        self._settle()

    def sit(self, role: str) -> None:
        """``role``'s player sits at a shared screen (the hot seat): their decisions are shown
        now and their clocks start.  :meth:`stand` when they hand the screen on."""
        st = self._role(role)
        if st.fixed_bot:
            raise TableError(_("that seat is played by a bot for the whole game"))
        st.connected = True
        self._settle()

    def stand(self, role: str) -> None:
        """``role``'s player leaves the shared screen: nothing more is shown to them until
        they sit again (no seat item: nobody dropped)."""
        self._role(role).connected = False

    def leave(self, role: str) -> None:
        """The connection of ``role``'s player dropped: the seat waits, or a bot stands in."""
        st = self.seats.get(role)
        if st is None or not st.connected:
            return
        st.connected = False
        self._seat_changed(role, "left")
        if st.when_empty != "wait" and self.session is not None and not st.held:
            self._stand_in(role, st.when_empty)
        self._settle()

    def staff_join(self, seat: str, name: object) -> None:
        try:
            self.staff_names[seat] = clean(name, MAX_NAME)
        except ValueError:
            self.staff_names[seat] = seat.title()
        if seat == OBSERVER:  # the facilitator knows who is watching and taking notes
            self.notice(
                _("{name} joined as the evaluator.").format(name=self.staff_names[seat]),
                to_facilitator=True,
            )

    def _seat_changed(self, role: str, what: str) -> None:
        st = self.seats[role]
        self._publish(
            [(None, {"type": "seat", "what": what, "at": self._time(), "seat": st.to_json()})]
        )

    def _player_roles(self) -> list[str]:
        s = self.session
        if s is None:
            return [r for r, st in self.seats.items() if not st.fixed_bot]
        return [r for r in self.roles if s.seats[r].player is not None]

    def _stand_in_ends(self, role: str) -> None:
        for record in self.stand_ins:
            if record[0] == role and record[3] is None:
                record[3] = self._turn()

    def _stand_in(self, role: str, policy: str) -> None:
        st = self.seats[role]
        self._stand_in_ends(role)
        if self.session is not None:
            self.stand_ins.append([role, policy, self._turn(), None])
        st.bot = policy
        if self.driver is not None:
            rng = random.Random(f"{self.seed}/{role}/{self.seq}")
            self.driver.set_bot(role, Bot(policy, rng))
        self._seat_changed(role, f"bot:{policy}")

    # --- the game -------------------------------------------------------------------------

    def start(self, seat: str, *, fill: str | None = None) -> None:
        """The facilitator starts the exercise.  Empty seats are refused unless ``fill``
        names a bot policy to play them."""
        self._facilitator(seat)
        if self.session is not None:
            raise TableError(_("the game has already started"))
        empty = [r for r, st in self.seats.items() if st.name is None and not st.fixed_bot]
        if empty and fill is None:
            raise TableError(
                _(
                    "these seats are still empty: {roles} (wait for their players, or start "
                    "with bots in them)"
                ).format(roles=format_list([role_title(r) for r in empty]))
            )
        if fill is not None and fill not in POLICIES:
            raise TableError(
                _("unknown bot policy {policy!r} ({policies})").format(
                    policy=fill, policies=", ".join(POLICIES)
                )
            )
        seats = {}
        for r, st in self.seats.items():
            if st.name is not None:
                seats[r] = Seat(r, player=st.name)
            else:
                st.bot = st.bot or fill
                st.fixed_bot = True
                seats[r] = Seat(r, bot=st.bot)
        self.session = Session.new(self.scenario, seats, seed=self.seed, clock=self.clock)
        self._memo = views.Memo()
        self._own = {}
        self.driver = BotDriver(self.session, rng=random.Random(self.seed))
        self.started_at = self.wall()
        self._publish([(None, {"type": "started", "at": 0.0})])
        self._events(self.session.history)
        self._settle()

    def act(self, seat: str, action: object) -> list[ev.Event]:
        """Apply ``action`` for ``seat`` once the seat may send it.  Raises ``TableError``
        (not allowed) or the engine's ``ActionError`` (refused by the rules)."""
        s = self._running()
        kind = self.seat_kind(seat)
        if isinstance(action, PLAYER_ACTIONS):
            role = action.role
            if role not in self.seats:
                raise TableError(_("role {role!r} is not in play").format(role=role))
            st = self.seats[role]
            if kind == "role":
                if role != seat:
                    raise TableError(_("you sit at the {role} seat").format(role=role_title(seat)))
                if st.held:
                    raise TableError(_("the facilitator has taken over your seat for now"))
                if st.bot is not None:
                    raise TableError(_("a bot plays this seat"))
            elif not (kind == FACILITATOR and st.held):
                raise TableError(_("only the player of that role can do that"))
        elif isinstance(action, FACILITATOR_ACTIONS):
            if kind != FACILITATOR:
                raise TableError(_("only the facilitator can do that"))
        else:
            raise TableError(_("that is not an action a seat can send"))
        events = s.apply(action)  # type: ignore[arg-type]
        self._events(events)
        self._settle()
        return events

    def on_events(self, hook: Callable[[list[ev.Event]], None]) -> None:
        """Call ``hook(events)`` with the engine's events as they happen (the window's sounds,
        unread marks and refusal notices need the events themselves, not their JSON)."""
        self._event_hooks.append(hook)

    def on_tick(self, hook: Callable[[Table], None]) -> None:
        """Call ``hook(table)`` on every :meth:`tick` (the autosave checks its writer)."""
        self._tick_hooks.append(hook)

    def tick(self) -> None:
        """Keep time: resolve due timeouts and let the bots act when their time comes."""
        for hook in self._tick_hooks:
            hook(self)
        s = self.session
        if s is None or s.finished:
            return
        if not s.paused:
            self._events(s.apply(act.Advance()))
            if not s.finished and self.driver is not None:
                with contextlib.suppress(ActionError):
                    self._events(self.driver.tick())
        self._settle()

    def next_due(self) -> float | None:
        """Session time of the next bot action or deadline (None: nothing is timed)."""
        s = self.session
        if s is None or s.finished or s.paused or self.driver is None:
            return None
        times = [t for t in (s.next_deadline, self.driver.next_due()) if t is not None]
        return min(times) if times else None

    def _events(self, events: list[ev.Event]) -> None:
        s = self.session
        assert s is not None
        if events:
            self._publish(views.event_items(s, events))
            for hook in self._event_hooks:
                hook(events)
        if s.finished and self.finished_at is None:
            self.finished_at = self.wall()

    def _settle(self) -> None:
        """After every change: show seated players their new decisions, and hurry the bots
        once every person has ended the turn."""
        s = self.session
        if s is None or s.finished:
            return
        for _step in range(1000):  # bounded: a turn never needs this many steps
            if s.finished or s.paused:
                return
            unshown = {c[0] for c in s.pending_clocks() if c[2] is None}
            todo = [
                r
                for r in self._player_roles()
                if r in unshown
                and (self.seats[r].connected or self.seats[r].held)
                and self.seats[r].bot is None
            ]
            if todo:
                for r in todo:
                    self._events(s.apply(act.Present(r)))
                continue
            if self.hurry_bots and self._people_done() and self._hurry_one():
                continue
            return

    def _people_done(self) -> bool:
        s = self.session
        assert s is not None
        people = [r for r in self.roles if self.seats[r].bot is None]
        return bool(people) and all(s.has_ended(r) for r in people)

    def _hurry_one(self) -> bool:
        """One bot acts now; False when no bot has anything to do this turn."""
        assert self.driver is not None
        events = self.driver.act_now()
        if events is None:
            return False
        self._events(events)
        return True

    def _running(self) -> Session:
        if self.session is None:
            raise TableError(_("the game has not started yet"))
        if self.session.finished:
            raise TableError(_("the game is over"))
        return self.session

    def _facilitator(self, seat: str) -> None:
        if seat != FACILITATOR:
            raise TableError(_("only the facilitator can do that"))

    # --- the facilitator's controls -------------------------------------------------------

    def take_over(self, seat: str, role: str) -> None:
        """The facilitator plays ``role`` (its player is absent or stuck)."""
        self._facilitator(seat)
        st = self._role(role)
        if st.fixed_bot:
            raise TableError(_("that seat is played by a bot for the whole game"))
        st.held = True
        if st.bot is not None:
            st.bot = None
            if self.driver is not None:
                self.driver.set_bot(role, None)
        self._seat_changed(role, "taken over")
        self._settle()

    def hand_back(self, seat: str, role: str) -> None:
        self._facilitator(seat)
        st = self._role(role)
        if not st.held:
            raise TableError(_("the facilitator does not hold that seat"))
        st.held = False
        self._seat_changed(role, "handed back")
        if not st.connected and st.when_empty != "wait" and self.session is not None:
            self._stand_in(role, st.when_empty)
        self._settle()

    def when_empty(self, seat: str, role: str, policy: str) -> None:
        """What happens while ``role``'s player is away: ``wait``, or a bot policy."""
        self._facilitator(seat)
        st = self._role(role)
        if policy != "wait" and policy not in POLICIES:
            raise TableError(
                _("expected wait or a bot policy ({policies})").format(policies=", ".join(POLICIES))
            )
        if st.fixed_bot:
            raise TableError(_("that seat is played by a bot for the whole game"))
        st.when_empty = policy
        if policy == "wait":
            if st.bot is not None:
                self._stand_in_ends(role)
                st.bot = None
                if self.driver is not None:
                    self.driver.set_bot(role, None)
            self._seat_changed(role, "waits")
        elif not st.connected and not st.held and self.session is not None:
            self._stand_in(role, policy)
        else:
            self._seat_changed(role, f"bot:{policy} if empty")
        self._settle()

    def release(self, seat: str, inject_id: str) -> None:
        """Show a scheduled inject of a later turn now (as an ad-hoc inject with its text; its
        effects stay with the scenario's own turn)."""
        self._facilitator(seat)
        s = self._running()
        shown = {i.inject.id for i in s.shown_injects()}
        for n, turn in enumerate(self.scenario.turns, 1):
            for inj in turn.injects:
                if inj.id == inject_id and n > s.turn_number and inj.id not in shown:
                    to = tuple(r for r in inj.to or () if r in self.seats) or None
                    self.act(seat, act.AddInject(inj.headline, inj.body, inj.channel, to))
                    return
        raise TableError(
            _("{inject!r} is not an inject scheduled for a later turn").format(inject=inject_id)
        )

    def end_game(self, seat: str) -> None:
        """Stop the exercise now: every open decision is skipped and every turn ended, so the
        scenario reaches its ending with the decisions nobody took recorded as skipped."""
        self._facilitator(seat)
        s = self._running()
        self.ended_by_facilitator = True
        if s.paused:
            self._events(s.apply(act.Resume()))
        for _step in range(len(self.scenario.turns) * (len(self.roles) + 64) + 8):
            if s.finished:
                break
            pending = s.pending()
            action: act.Action
            if pending:
                action = act.SkipDecision(pending[0].id)
            else:
                action = act.EndTurn(next(r for r in s.roles if not s.has_ended(r)))
            self._events(s.apply(action))
        self.notice(_("The facilitator ended the exercise."))

    def _role(self, role: str) -> SeatState:
        st = self.seats.get(role)
        if st is None:
            raise TableError(
                _("role {role!r} is not in play (roles: {roles})").format(
                    role=role, roles=", ".join(self.roles)
                )
            )
        return st

    # --- chat and evaluator notes ---------------------------------------------------------

    def say(self, seat: str, text: object, to: str | None = None) -> dict[str, Any]:
        """Team chat: to the whole team (``to=None``) or to one role.  The facilitator and the
        evaluator always read it; the projector never does."""
        kind = self.seat_kind(seat)
        if kind not in ("role", FACILITATOR):
            raise TableError(_("only players and the facilitator write in the team chat"))
        try:
            body = clean(text, MAX_CHAT)
        except ValueError as e:
            raise TableError(_("the message is {problem}").format(problem=e)) from None
        if to is not None and to not in self.seats:
            raise TableError(
                _("no role {role!r} at this table (roles: {roles})").format(
                    role=to, roles=", ".join(self.roles)
                )
            )
        if kind == "role":
            name = self.seats[seat].name
        else:
            name = self.staff_names.get(seat, "Facilitator")
        line = {
            "type": "chat",
            "from": seat,
            "name": name,
            "to": to,
            "text": body,
            "turn": self._turn(),
            "at": self._time(),
        }
        self.chat.append(line)
        audience = STAFF | set(self.roles) if to is None else STAFF | {seat, to}
        self._publish([(frozenset(audience), line)])
        return line

    def note(
        self,
        seat: str,
        text: object,
        *,
        objective: str | None = None,
        rating: str | None = None,
    ) -> dict[str, Any]:
        """An evaluator's timestamped note, optionally rating an objective P/S/M/U (the last
        rating given to an objective is the one kept)."""
        if seat not in STAFF:
            raise TableError(_("only the evaluator and the facilitator write notes"))
        objectives = {o.id for o in self.scenario.objectives}
        if objective is not None and objective not in objectives:
            raise TableError(
                _("no objective {objective!r} in this scenario (objectives: {objectives})").format(
                    objective=objective, objectives=", ".join(sorted(objectives)) or "—"
                )
            )
        if rating is not None and (rating not in RATINGS or objective is None):
            raise TableError(_("a rating is one of P, S, M, U and needs an objective"))
        try:
            body = clean(text, MAX_NOTE) if text not in (None, "") else ""
        except ValueError as e:
            raise TableError(_("the note is {problem}").format(problem=e)) from None
        if not body and rating is None:
            raise TableError(_("the note is empty"))
        note = {
            "type": "note",
            "by": self.staff_names.get(seat, seat.title()),
            "seat": seat,
            "text": body,
            "objective": objective,
            "rating": rating,
            "turn": self._turn(),
            "at": self._time(),
            "wall": self.wall(),
        }
        self.notes.append(note)
        if rating is not None and objective is not None:
            self.ratings[objective] = {"rating": rating, "by": note["by"], "note": body}
        self._publish([(STAFF, note)])
        return note

    # --- what seats read ------------------------------------------------------------------

    def status(self) -> list[dict[str, Any]]:
        """Every role seat for the console: who, connected, deciding or done, time left."""
        s = self.session
        clocks = s.pending_clocks() if s is not None else ()
        out = []
        for r, st in self.seats.items():
            row = st.to_json()
            if s is not None:
                due = [c[3] for c in clocks if c[0] == r and c[3] is not None]
                row["ended"] = s.has_ended(r)
                row["deciding"] = sum(1 for c in clocks if c[0] == r)
                # the earliest deadline (session time): clients count down against "clock",
                # so a seat's row changes only when something happens, not every tick
                row["deadline"] = min(due) if due else None
            out.append(row)
        return out

    def view(self, seat: str) -> dict[str, Any]:
        """The whole state ``seat`` may see (the lobby before the start)."""
        return self.views([seat])[seat]

    def views(self, seats: Iterable[str]) -> dict[str, dict[str, Any]]:
        """:meth:`view` for several seats at once (the shared parts are built once)."""
        common, own = self.view_parts(seats)
        return {seat: {**common, **parts} for seat, parts in own.items()}

    def view_parts(self, seats: Iterable[str]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        """:meth:`views` in halves: ``(common, own)``, each seat's view being ``common``
        (the board and the table: the same for every seat, built once) merged with
        ``own[seat]``.  A seat's own parts are the very object of the last build while
        nothing they show changed, so a host compares them with ``is``, and encodes the common
        half's changes once for every seat."""
        seats = list(seats)
        for seat in seats:
            self.seat_kind(seat)
        s = self.session
        memo = self._memo
        if s is not None:
            memo.begin(s)
        # (no feed number here: it changes with every item and would make this part, with
        # every seat's row, new in every update; the messages carry ``seq``)
        table = memo.get(("table", *self._table_key()), lambda: self._table_part())
        if s is None:
            sc = self.scenario
            common = {
                "lobby": True,
                "scenario": {"id": sc.id, "title": sc.title, "summary": sc.summary},
                "briefing": sc.briefing,
                "table": table,
            }
            return common, {seat: {"seat": seat} for seat in seats}
        common = views.board(s, memo)
        common["lobby"] = False
        common["table"] = table
        own: dict[str, dict[str, Any]] = {}
        for seat in seats:
            st = self.seats.get(seat)
            key = views.own_key(s, seat, memo)
            if st is not None:
                key += (st.held, st.bot)
            kept = self._own.get(seat)
            if kept is not None and kept[0] == key:
                own[seat] = kept[1]
                continue
            parts = views.own_parts(s, seat, memo)
            if st is not None:
                parts["held"] = st.held
                parts["bot"] = st.bot
            self._own[seat] = (key, parts)
            own[seat] = parts
        return common, own

    def _table_key(self) -> tuple[Any, ...]:
        """What :meth:`status` shows that can change (cheaper to compare than the rows)."""
        s = self.session
        seats = tuple(
            (st.name, st.connected, st.bot, st.held, st.when_empty) for st in self.seats.values()
        )
        if s is None:
            return (seats,)
        return (seats, s.pending_clocks(), tuple(s.has_ended(r) for r in self.seats))

    def _table_part(self) -> dict[str, Any]:
        return {"seats": self.status(), "started": self.session is not None}

    # --- the record -----------------------------------------------------------------------

    def result(self) -> Result:
        """The game's result record with the exercise's chat, notes and evaluator ratings."""
        s = self.session
        if s is None:
            raise TableError(_("the game has not started"))
        base = build_result(
            s, started_at=self.started_at, finished_at=self.finished_at, cohort=self.cohort
        )
        exercise = Exercise(
            chat=tuple(
                ChatLine(c["from"], c["name"] or c["from"], c["to"], c["text"], c["turn"], c["at"])
                for c in self.chat
            ),
            notes=tuple(
                EvaluatorNote(
                    n["by"], n["text"], n["objective"], n["rating"], n["turn"], n["at"], n["wall"]
                )
                for n in self.notes
            ),
            evaluator_ratings={k: v["rating"] for k, v in self.ratings.items()},
            ended_by_facilitator=self.ended_by_facilitator,
            stand_ins=tuple(StandIn(*record) for record in self.stand_ins),
        )
        return attrs.evolve(base, exercise=exercise)
