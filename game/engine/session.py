"""The session: one game of one scenario, its whole mutable state, and the actions that change it.

A session is a pure function of (scenario, seats, seed, timed action log).  It never reads the
machine's clock, never draws, never sleeps and never uses global randomness: time comes from the
injected :class:`~game.engine.clock.Clock`, and the seed only fixes the order in which options
and rank items are displayed.  Every accepted action is appended to :attr:`Session.log` with its
session time; :meth:`Session.replay` rebuilds an identical session from that log, which is also
how saves are resumed.  See ``docs/engine.md`` for the turn lifecycle.
"""

from __future__ import annotations

import heapq
import json
import math
import random
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from itertools import compress
from pathlib import Path
from typing import Any

from game.engine import actions as act
from game.engine import events as ev
from game.engine import saves
from game.engine.clock import Clock, ManualClock
from game.engine.errors import (
    ActionError,
    DecisionNotPending,
    DecisionsStillPending,
    GameOver,
    GamePaused,
    InvalidAction,
    InvalidInject,
    InvalidMessage,
    InvalidOrder,
    InvalidTimerExtension,
    NotPresented,
    PauseStateError,
    SaveError,
    ScenarioChanged,
    SeatError,
    StatementNotUsable,
    TurnAlreadyEnded,
    UnknownDecision,
    UnknownOption,
    UnknownRole,
    UnknownStakeholder,
    UnknownStatement,
    WrongDecisionKind,
    WrongRole,
)
from game.engine.prepared import Effects, Prepared, PreparedInject, prepared
from game.engine.records import (
    AnswerRecord,
    EventRecord,
    LogEntry,
    MessageRecord,
    PendingDecision,
    ShownInject,
    StakeholderStatus,
)
from game.engine.savewriter import SaveWriter
from game.engine.seats import Seat
from game.engine.watch import ConditionWatch, Hit
from game.scenario.conditions import Condition
from game.scenario.model import (
    INJECT_CHANNELS,
    MESSAGE_CHANNELS,
    Decision,
    Ending,
    Inject,
    Option,
    RankItem,
    Scenario,
    Statement,
    Turn,
)
from game.sha256 import fingerprint

#: What ``chosen[d]`` holds once a rank decision was submitted: not an option id (those never
#: start with "#"), but not None either, so ``chose(d)`` is true and ``chose(d.x)`` false.
RANKED = "#ranked"
#: Session time resolution: ticks per second.
TICKS = 1000
#: An autosave is compacted once more than this many lines (and more than the header covers)
#: were appended since its header was written.
COMPACT_AFTER = 256
#: Longest timer extension accepted in one action (a day).
MAX_EXTENSION = 86_400.0
#: Longest ad-hoc inject headline.
MAX_HEADLINE = 300


def _repeated(ids: tuple[str, ...]) -> list[str]:
    """The ids written more than once, sorted; linear in the number of ids."""
    return sorted(x for x, n in Counter(ids).items() if n > 1)


class _Pending:
    """A decision waiting for its role (mutable, internal; front-ends get PendingDecision)."""

    __slots__ = ("deadline", "decision", "extra", "index", "paused", "role", "shown_at")

    def __init__(self, decision: Decision, index: int) -> None:
        self.decision = decision
        self.role = decision.role
        self.index = index
        self.shown_at: float | None = None
        self.deadline: float | None = None
        self.extra = 0.0
        self.paused = 0.0  # paused seconds since shown

    @property
    def time_limit(self) -> float:
        return self.decision.time_limit + self.extra


class _State:
    """All mutable game state in one place; it is also the context conditions are evaluated in."""

    __slots__ = (
        "answers",
        "chosen",
        "complete",
        "covered",
        "ended",
        "ending",
        "event_watch",
        "events_fired",
        "finished",
        "fired",
        "flags",
        "informed",
        "last_time",
        "messages",
        "metrics",
        "metrics_history",
        "next_deadline",
        "paused_at",
        "paused_total",
        "pending",
        "pending_of",
        "required_at_deadline",
        "resolved",
        "shown",
        "statement_watch",
        "turn",
        "turn_start_metrics",
        "usable",
    )

    def __init__(self, prep: Prepared) -> None:
        self.turn = 0
        self.metrics: dict[str, float] = dict(prep.start_metrics)
        self.flags: dict[str, bool] = dict(prep.start_flags)
        self.chosen: dict[str, str | None] = {}
        self.informed: dict[str, int] = {}  # stakeholder -> turn of the first message
        self.covered: dict[str, set[str]] = {sid: set() for sid in prep.stakeholder_ids}
        self.complete: dict[str, int] = {}  # stakeholder -> turn all expected points were covered
        self.required_at_deadline: dict[str, bool] = {}
        self.turn_start_metrics: dict[str, float] = dict(self.metrics)
        self.metrics_history: list[dict[str, float]] = []
        self.ended: set[str] = set()
        self.pending: list[_Pending] = []
        #: The same decisions by role (in scenario order), kept alongside ``pending``.
        self.pending_of: dict[str, list[_Pending]] = {r: [] for r in prep.roles}
        self.next_deadline: float | None = None
        self.paused_at: float | None = None
        self.paused_total = 0.0
        self.finished = False
        self.ending: Ending | None = None
        #: ``(inject, turn, kind, at)``: ShownInject's fields, built when read (``_shown``)
        self.shown: list[tuple[Any, ...]] = []
        self.fired: set[str] = set()
        self.events_fired: list[EventRecord] = []
        # Answers and messages are recorded raw (the record's fields, in order) and built when
        # read: see ``Session.answers`` and ``Session.messages``.
        self.answers: list[tuple[Any, ...]] = []
        self.resolved: dict[str, tuple[Any, ...]] = {}
        self.messages: list[tuple[Any, ...]] = []
        self.last_time = 0.0
        # Statement and event conditions, re-evaluated only when what they read changed (every
        # change to metrics, flags, answers and informed stakeholders is ``touch``ed).
        self.statement_watch = ConditionWatch(prep.statement_watch)
        self.event_watch = ConditionWatch(prep.event_watch)
        self.usable: tuple[Statement, ...] | None = None

    def touch(self, hit: Hit | None) -> None:
        """Something the conditions of ``hit`` read has changed (``Prepared.touch`` gives the
        hit of a key; None: no watched condition reads it)."""
        if hit is not None:
            statements, events = hit
            if statements:
                self.statement_watch.dirty.update(statements)
            if events:
                self.event_watch.dirty.update(events)


class Session:
    """One game.  Build with :meth:`new`, :meth:`resume` or :meth:`replay`; change with
    :meth:`apply`; read with the properties and view methods below."""

    def __init__(
        self,
        scenario: Scenario,
        seats: Mapping[str, Seat],
        seed: int,
        clock: Clock,
        *,
        _prepared: Prepared | None = None,
    ) -> None:
        self.scenario = scenario
        self._prep = _prepared or prepared(scenario)
        self.seats: dict[str, Seat] = self._check_seats(seats)
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise SeatError(f"the seed must be an integer, not {seed!r}")
        self.seed = seed
        self.clock = clock
        self._offset = clock.now()
        self.save_path: Path | None = None
        #: Keeps the autosave in step with the log (see ``attach_save``), or None.
        self.saver: SaveWriter | None = None
        self._saved_lines = 0  # log lines handed to the saver so far
        self._compacted = 0  # log lines in the save when its header was last written
        #: When a save was resumed with a torn last line (a crash while it was written, so that
        #: move was left out): how many moves were kept.  The front-ends say it once, in words.
        self.torn_save_kept: int | None = None
        #: Labels a front-end keeps with the save and gets back on resume (``cohort``: the class
        #: the game is played in).  Not game state: no action reads them and the digest
        #: leaves them out, so a label never changes how a game replays.
        self.tags: dict[str, str] = {}
        # The log is recorded raw (time, action) and built when read: see ``log``.
        self._log: list[tuple[float, act.Action]] = []
        self._log_built: list[LogEntry] = []
        # Events are recorded raw (class + fields) and built when read: see ``history``.
        self._events: list[ev.Raw] = []
        self._history: list[ev.Event] = []
        self._answers: list[AnswerRecord] = []
        self._messages: list[MessageRecord] = []
        self._shown_built: list[ShownInject] = []
        self._st = _State(self._prep)
        self._bots = frozenset(r for r, s in self.seats.items() if s.bot is not None)
        self._display: dict[str, tuple[tuple[Option, ...], tuple[RankItem, ...]]] = {}
        self._log_json: list[str] = []
        self._adhoc = 0
        # the action handlers are ``_HANDLERS`` and ``_BOT_HANDLERS`` (module level, below)

    def _check_seats(self, seats: Mapping[str, Seat]) -> dict[str, Seat]:
        roles = self._prep.roles
        if not isinstance(seats, Mapping):
            raise SeatError("seats must map each role in play to a Seat")
        missing = [r for r in roles if r not in seats]
        extra = [r for r in seats if r not in self._prep.role_set]
        if missing or extra:
            parts = []
            if missing:
                parts.append("no seat for " + ", ".join(missing))
            if extra:
                parts.append("roles not in play: " + ", ".join(map(str, extra)))
            raise SeatError(f"seats do not match the roles in play ({'; '.join(parts)})")
        out: dict[str, Seat] = {}
        for r in roles:
            seat = seats[r]
            if not isinstance(seat, Seat) or seat.role != r:
                raise SeatError(f"the seat for {r} must be a Seat with role {r!r}, not {seat!r}")
            out[r] = seat
        return out

    # --- construction -----------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        seats: Mapping[str, Seat],
        *,
        seed: int,
        clock: Clock,
        save_path: Path | str | None = None,
        background_saves: bool = False,
        tags: Mapping[str, str] | None = None,
    ) -> Session:
        """Start a game: turn 1 begins at once (session time 0).

        With ``save_path`` the game is saved there now and after every accepted action (see
        :meth:`attach_save`; ``background_saves`` writes from a worker thread).  ``tags`` are
        kept in the save's header (:attr:`tags`).
        """
        s = cls(scenario, seats, seed, clock)
        s.tags = saves.clean_tags(tags or {})
        s._events.extend(s._start_turn(1, 0.0))
        if save_path is not None:
            s.attach_save(SaveWriter(save_path, background=background_saves))
        return s

    @classmethod
    def replay(
        cls,
        scenario: Scenario,
        seats: Mapping[str, Seat],
        seed: int,
        log: Iterable[LogEntry],
        *,
        clock: Clock | None = None,
        check: tuple[int, str] | None = None,
    ) -> Session:
        """Rebuild a session by applying ``log`` at its recorded times.

        The result continues on ``clock`` (default: a new ManualClock) from the time of the last
        entry.  Raises :class:`SaveError` if an entry is refused: the log does not belong to this
        scenario or was edited.  ``check=(n, digest)``: after ``n`` entries the state must have
        that :meth:`digest` (a save's header records it), else the save was made by a version of
        the game whose rules differ.
        """
        manual = ManualClock()
        s = cls(scenario, seats, seed, manual)
        s._events.extend(s._start_turn(1, 0.0))
        if check is not None and check[0] == 0:
            s._check_digest(check[1])
        for n, entry in enumerate(log, 1):
            at = entry.at
            if not isinstance(at, int | float) or not math.isfinite(at) or at < manual.now():
                raise SaveError(f"log entry {n}: time {at!r} is not after the previous entry")
            manual.set(at)
            try:
                s._submit(entry.action)  # type: ignore[arg-type]
            except ActionError as e:
                raise SaveError(f"log entry {n} was refused when replayed: {e}") from None
            if len(s._log) != n:
                raise SaveError(f"log entry {n} ({entry.action!r}) changed nothing when replayed")
            if check is not None and check[0] == n:
                s._check_digest(check[1])
        s.clock = clock if clock is not None else ManualClock()
        s._offset = s.clock.now() - s._st.last_time
        return s

    @classmethod
    def resume(
        cls,
        save_path: Path | str,
        scenario: Scenario,
        *,
        clock: Clock,
        autosave: bool = True,
        background_saves: bool = False,
    ) -> Session:
        """Load a saved game and continue it on ``clock`` where it stopped.

        Raises :class:`ScenarioChanged` if the scenario file changed since the save and
        :class:`SaveError` for a missing, corrupt or unknown-version save.  The time the game
        was closed does not count.  With ``autosave`` it keeps saving to the same file, which
        is compacted at once (an old-format save becomes a current one; a torn last line, left
        out, is gone from the file and counted in :attr:`torn_save_kept`).
        """
        path = Path(save_path)
        data = saves.read_save(path)
        h = data.header
        if h["scenario_id"] != scenario.id:
            raise SaveError(
                f"{path}: this save is a game of scenario {h['scenario_id']!r}, not {scenario.id!r}"
            )
        if h["content_hash"] != scenario.content_hash:
            raise ScenarioChanged(
                f"{path}: the scenario file {scenario.path or scenario.id!r} has changed since "
                "this game was saved, so the saved game cannot be replayed faithfully; "
                "start a new game (or restore the scenario file as it was)"
            )
        try:
            seats = {r: Seat.from_json(r, v) for r, v in h["seats"].items()}
            entries = [LogEntry(at, act.from_json(a)) for at, a in data.entries]
        except (ValueError, ActionError) as e:
            raise SaveError(f"{path}: {e}") from None
        digest = h.get("state_digest")
        check = (h["actions"], digest) if isinstance(digest, str) else None
        try:
            s = cls.replay(scenario, seats, h["seed"], entries, clock=clock, check=check)
        except SeatError as e:
            raise SaveError(f"{path}: {e}") from None
        except SaveError as e:
            raise SaveError(f"{path}: {e}") from None
        s.tags = saves.clean_tags(h.get("tags"))
        if data.torn:
            s.torn_save_kept = len(entries)
        if autosave:
            s.attach_save(SaveWriter(path, background=background_saves))
        return s

    # --- time -------------------------------------------------------------------------------

    def now(self) -> float:
        """Session time: seconds since the game started, not counting the time it was closed.

        Rounded to the millisecond, so that a game resumed on another clock (another origin,
        other float rounding) sees exactly the times the original game saw.
        """
        t = round((self.clock.now() - self._offset) * TICKS) / TICKS
        last = self._st.last_time
        return t if t >= last else last

    @property
    def paused(self) -> bool:
        return self._st.paused_at is not None

    @property
    def paused_total(self) -> float:
        """Seconds spent paused so far (not counting a pause still in progress)."""
        return self._st.paused_total

    def active_time(self) -> float:
        """Session time minus paused time: the time decision clocks run on."""
        st = self._st
        t = st.paused_at if st.paused_at is not None else self.now()
        return t - st.paused_total

    # --- reading the state ------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self._st.finished

    @property
    def ending(self) -> Ending | None:
        return self._st.ending

    @property
    def turn_number(self) -> int:
        """1-based number of the current turn (the last turn once the game is over)."""
        return self._st.turn

    @property
    def turn(self) -> Turn:
        return self.scenario.turns[self._st.turn - 1]

    @property
    def phase(self) -> str:
        return self.turn.phase

    @property
    def roles(self) -> tuple[str, ...]:
        return self._prep.roles

    @property
    def metrics(self) -> dict[str, float]:
        return self._st.metrics

    @property
    def flags(self) -> dict[str, bool]:
        return self._st.flags

    @property
    def chosen(self) -> dict[str, str | None]:
        """Decision id -> option id (``RANKED`` for rank decisions, None when timed out/skipped);
        absent when not resolved."""
        return self._st.chosen

    @property
    def informed(self) -> dict[str, int]:
        """Stakeholder id -> turn of the first message that reached it."""
        return self._st.informed

    @property
    def answers(self) -> list[AnswerRecord]:
        """Every resolved decision, oldest first (built from the raw record on first read)."""
        built = self._answers
        raw = self._st.answers
        if len(built) < len(raw):
            built.extend(AnswerRecord(*r) for r in raw[len(built) :])
        return built

    @property
    def messages(self) -> list[MessageRecord]:
        """Every message sent, oldest first (built from the raw record on first read)."""
        built = self._messages
        raw = self._st.messages
        if len(built) < len(raw):
            built.extend(MessageRecord(*r) for r in raw[len(built) :])
        return built

    @property
    def events_fired(self) -> list[EventRecord]:
        return self._st.events_fired

    @property
    def metrics_history(self) -> list[dict[str, float]]:
        """Metrics at the end of every finished turn (index 0 = after turn 1)."""
        return self._st.metrics_history

    @property
    def start_metrics(self) -> dict[str, float]:
        return {m.id: m.start for m in self.scenario.metrics}

    def holds(self, condition: Condition) -> bool:
        """Evaluate any condition against the current state."""
        return condition.holds(self._st)

    def metric_changes(self) -> dict[str, float]:
        """Change of every metric since the start of the current turn."""
        start = self._st.turn_start_metrics
        return {k: v - start[k] for k, v in self._st.metrics.items()}

    def visible_injects(self, role: str) -> list[ShownInject]:
        """Injects shown to ``role`` so far, newest first."""
        out = []
        for s in reversed(self._shown()):
            to = s.inject.to
            if to is None or role in to:
                out.append(s)
        return out

    def shown_injects(self) -> list[ShownInject]:
        """Every inject shown so far, oldest first (the facilitator's view)."""
        return list(self._shown())

    def _shown(self) -> list[ShownInject]:
        """The shown injects, built from the raw record on first read."""
        built = self._shown_built
        raw = self._st.shown
        if len(built) < len(raw):
            built.extend(ShownInject(*r) for r in raw[len(built) :])
        return built

    def has_ended(self, role: str) -> bool:
        return role in self._st.ended

    def waiting_for(self) -> tuple[str, ...]:
        """Roles that have not ended the current turn, in role order."""
        if self._st.finished:
            return ()
        return tuple(r for r in self._prep.roles if r not in self._st.ended)

    def _display_order(self, d: Decision) -> tuple[tuple[Option, ...], tuple[RankItem, ...]]:
        hit = self._display.get(d.id)
        if hit is None:
            rng = random.Random(f"{self.seed}/{d.id}")
            options, items = list(d.options), list(d.items)
            rng.shuffle(options)
            rng.shuffle(items)
            hit = self._display[d.id] = (tuple(options), tuple(items))
        return hit

    def _view(self, p: _Pending) -> PendingDecision:
        options, items = self._display_order(p.decision)
        return PendingDecision(
            p.decision,
            self._st.turn,
            p.role,
            p.shown_at,
            p.deadline,
            p.time_limit,
            options,
            items,
            self._st.paused_at,
            self.now,
        )

    def pending(self, role: str | None = None) -> list[PendingDecision]:
        """Decisions waiting for ``role`` (or for anyone), in scenario order."""
        return [self._view(p) for p in self._st.pending if role is None or p.role == role]

    def _open(self, role: str) -> list[_Pending]:
        """The live list of ``role``'s pending decisions (for the bots of this package, which
        read it on every step): do not change it."""
        return self._st.pending_of[role]

    def pending_clocks(self) -> tuple[tuple[str, str, float | None, float | None, float], ...]:
        """``(role, decision id, shown_at, deadline, time_limit)`` of every pending decision,
        in the order of :meth:`pending`: what a view of the pending decisions shows that can
        change (a decision added, shown, extended, paused or resolved), read without building a
        :class:`PendingDecision` (a host redrawing many seats after every action compares
        these first)."""
        return tuple(
            (p.role, p.decision.id, p.shown_at, p.deadline, p.time_limit) for p in self._st.pending
        )

    @property
    def next_deadline(self) -> float | None:
        """Session time of the earliest deadline of a decision shown and pending (None: no
        clock runs); timeouts are resolved once the session's time passes it."""
        return self._st.next_deadline

    def pending_by_role(self) -> dict[str, list[PendingDecision]]:
        out: dict[str, list[PendingDecision]] = {r: [] for r in self._prep.roles}
        for p in self._st.pending:
            out[p.role].append(self._view(p))
        return out

    def usable_statements(self) -> list[Statement]:
        """Statements whose ``when`` holds now, in scenario order."""
        return list(self._usable())

    def _usable(self) -> tuple[Statement, ...]:
        """:meth:`usable_statements` without the copy (for the bots of this package).  Only the
        conditions whose inputs changed are evaluated (``game.engine.watch``)."""
        st = self._st
        w = st.statement_watch
        if w.turn != st.turn:
            w.set_turn(st.turn)
        if w.refresh(st) or st.usable is None:
            # a statement without ``when`` has the value True (``ConditionWatch``)
            st.usable = tuple(compress(self._prep.statement_list, w.values))
        return st.usable

    def _required(self, sid: str) -> bool:
        st = self._st
        frozen = st.required_at_deadline.get(sid)
        if frozen is not None:
            return frozen
        cond = self._prep.stakeholders[sid].required_when
        return cond is None or cond.holds(st)

    def stakeholder_status(self) -> list[StakeholderStatus]:
        """Every stakeholder's deadline, key points covered so far and whether it is overdue."""
        st = self._st
        out = []
        for s in self.scenario.stakeholders:
            deadline = self._prep.deadline[s.id]
            covered = frozenset(st.covered[s.id])
            required = self._required(s.id)
            complete = st.complete.get(s.id)
            passed = s.id in st.required_at_deadline
            out.append(
                StakeholderStatus(
                    s,
                    deadline,
                    required,
                    covered,
                    self._prep.expects[s.id] - covered,
                    st.informed.get(s.id),
                    complete,
                    passed and required and (complete is None or complete > deadline),
                )
            )
        return out

    def designated_sender(self, stakeholder: str) -> str:
        """The role that should inform ``stakeholder``: its first owner in play (else the first
        role in play).  Bots use it so that each stakeholder is informed once, by an owner."""
        return self._prep.sender[stakeholder]

    def sent_statements(self) -> set[str]:
        """Ids of every statement delivered so far (for contradiction checks)."""
        return {sid for m in self._st.messages if len(m) == 6 for sid in m[3]}

    def channel_down(self, channel: str) -> str | None:
        """None when ``channel`` works now; else why it is down (the scenario's reason, or
        ``"down"``).  A message over a down channel is recorded but not delivered."""
        down = self._prep.channel_down.get(channel)
        if down is None or not down[0].holds(self._st):
            return None
        return down[1] or "down"

    # --- actions ----------------------------------------------------------------------------

    @property
    def log(self) -> list[LogEntry]:
        """Every accepted action with its session time, oldest first (built from the raw record
        on first read)."""
        built = self._log_built
        raw = self._log
        if len(built) < len(raw):
            built.extend(LogEntry(at, a) for at, a in raw[len(built) :])
        return built

    @property
    def history(self) -> list[ev.Event]:
        """Every event so far, oldest first (built from the raw record on first read)."""
        built = self._history
        raw = self._events
        if len(built) < len(raw):
            built.extend(ev.build(e) for e in raw[len(built) :])
        return built

    def apply(self, action: act.Action) -> list[ev.Event]:
        """Apply one action at the clock's time and return what happened.

        Timeouts that are due are resolved first (and logged as an ``Advance``): time passing is
        not the action's doing, so they stand even if the action is then refused.  A refused
        action raises an :class:`ActionError` subclass and changes nothing.
        """
        start = len(self._events)
        failed = self._submit(action)
        events = self.history[start:]
        if failed is not None:
            events.append(failed)
        return events

    def _submit(self, action: act.Action) -> ev.AutosaveFailed | None:
        """:meth:`apply` without building the events it returns; they are still in
        :attr:`history`.  For callers that do not read them (replays).  Returns the
        ``AutosaveFailed`` event if the autosave failed (it is not part of the history).
        """
        st = self._st
        if st.finished:
            raise GameOver("game_over", title=st.ending.title if st.ending is not None else "")
        handler = _HANDLERS.get(type(action))
        if handler is None and type(action) is not act.Advance:
            raise InvalidAction("not_an_action", action=action)
        t = round((self.clock.now() - self._offset) * TICKS) / TICKS
        return self._submit_at(handler, action, t if t >= st.last_time else st.last_time)

    def _bot_submit(self, action: act.Action, now: float) -> None:
        """:meth:`_submit` for ``BotDriver.run`` (which inlines this call): the trusted path
        where only bots act, in a running game that is never paused, at session time ``now``
        (the driver has just set the clock, so it knows it).

        A bot's ``Answer`` names a decision it was shown, for its own role and of the right
        kind, and one of its options; a bot's ``SendMessage`` has known, distinct stakeholders
        and statements and a message channel, and it is sent before the role ends its turn; a
        bot ends its turn once, with nothing pending.  Those checks are skipped.  What can still
        fail is checked as usual: the decision may have timed out just now, and a statement may
        have stopped being usable since the bot planned the message.  Accepted actions, the log
        and the state are the same as on the checked path.
        """
        self._submit_at(_BOT_HANDLERS.get(action.__class__), action, now)

    def _submit_at(
        self,
        handler: Callable[[Session, Any, float], list[ev.Raw]] | None,
        action: act.Action,
        now: float,
    ) -> ev.AutosaveFailed | None:
        """Apply a checked action with its handler (None: ``Advance``) at session time ``now``."""
        st = self._st
        timeouts = False
        nd = st.next_deadline
        if nd is not None and nd <= now and st.paused_at is None:
            self._events.extend(self._resolve_timeouts(now))
            self._record(now, act.Advance())
            timeouts = True
        if handler is None:  # Advance
            return self._autosave() if timeouts else None
        try:
            done = handler(self, action, now)
        except ActionError:
            if timeouts:
                self._autosave()
            raise
        self._log.append((now, action))
        st.last_time = now
        self._events.extend(done)
        if self.save_path is not None:
            return self._autosave()
        return None

    def _record(self, now: float, action: act.Action) -> None:
        self._log.append((now, action))
        self._st.last_time = now

    # validation helpers (raise, never mutate)

    def _check_role(self, role: object) -> str:
        if not isinstance(role, str) or role not in self._prep.role_set:
            raise UnknownRole("unknown_role", role=role, roles=self._prep.roles)
        return role

    def _check_player(self, role: object) -> str:
        """A role acting for itself: in play, game running, turn not ended."""
        st = self._st
        if role.__class__ is not str or role not in self._prep.role_set:
            self._check_role(role)  # raises with the message
        if st.paused_at is not None:
            raise GamePaused("paused")
        if role in st.ended:
            raise TurnAlreadyEnded("turn_ended", role=role, turn=st.turn)
        return role  # type: ignore[return-value]

    def _find_pending(self, decision: object) -> _Pending:
        st = self._st
        for p in st.pending:
            if p.decision.id == decision:
                return p
        if not isinstance(decision, str) or decision not in self._prep.decisions:
            raise UnknownDecision("unknown_decision", decision=decision, known=self._prep.decisions)
        rec = st.resolved.get(decision)
        if rec is not None:
            # the raw AnswerRecord fields: [2] turn, [10] timed_out, [11] skipped
            how = "skipped" if rec[11] else "timed_out" if rec[10] else "answered"
            raise DecisionNotPending("decision_done", decision=decision, how=how, turn=rec[2])
        turn = self._prep.turn_of_decision[decision]
        if turn > st.turn:
            raise DecisionNotPending("decision_later", decision=decision, turn=turn, now=st.turn)
        raise DecisionNotPending("decision_not_asked", decision=decision, turn=turn)

    def _check_decision(self, role: str, decision: object, kind: str) -> _Pending:
        p = self._find_pending(decision)
        if p.role != role:
            raise WrongRole("wrong_role", decision=p.decision.id, owner=p.role, role=role)
        if p.decision.kind != kind:
            raise WrongDecisionKind("wrong_kind", decision=p.decision.id, kind=p.decision.kind)
        if p.shown_at is None:
            raise NotPresented("not_presented", decision=p.decision.id, role=role)
        return p

    # state changes (only after validation)

    def _apply_effects(self, fx: Effects | None, events: list[ev.Raw]) -> None:
        if fx is None:
            return
        st = self._st
        metrics = st.metrics
        changes = []
        for mid, delta, lo, hi, hit in fx.metrics:
            old = metrics[mid]
            new = old + delta
            if lo is not None and new < lo:
                new = lo
            elif hi is not None and new > hi:
                new = hi
            if new != old:
                metrics[mid] = new
                changes.append((mid, new - old))
                if hit is not None:
                    st.touch(hit)
        flags = st.flags
        for f, hit in fx.set_hits:
            if hit is not None and not flags.get(f):
                st.touch(hit)
            flags[f] = True
        for f, hit in fx.clear_hits:
            if hit is not None and flags.get(f):
                st.touch(hit)
            flags[f] = False
        events.append((ev.EffectsApplied, fx.source, tuple(changes), fx.set_, fx.clear))

    def _remove_pending(self, p: _Pending) -> None:
        st = self._st
        st.pending.remove(p)
        st.pending_of[p.role].remove(p)
        if p.deadline is not None and p.deadline == st.next_deadline:
            self._update_next_deadline()

    def _update_next_deadline(self) -> None:
        best = None
        for p in self._st.pending:
            d = p.deadline
            if d is not None and (best is None or d < best):
                best = d
        self._st.next_deadline = best

    def _resolve(
        self,
        p: _Pending,
        now: float,
        option: str | None = None,
        order: tuple[str, ...] | None = None,
        timed_out: bool = False,
        skipped: bool = False,
        applied: str | None = None,
    ) -> float | None:
        """Resolve ``p`` and return the ``elapsed`` of its record."""
        st = self._st
        self._remove_pending(p)
        answered = not (timed_out or skipped)
        elapsed = None
        if answered and p.shown_at is not None:
            elapsed = now - p.shown_at - p.paused
        did = p.decision.id
        # AnswerRecord's fields in order (built on read: see ``answers``)
        rec = (
            did,
            p.role,
            st.turn,
            option,
            order,
            p.shown_at,
            now if answered else None,
            now,
            p.decision.time_limit + p.extra,
            elapsed,
            timed_out,
            skipped,
            applied,
        )
        st.answers.append(rec)
        st.resolved[did] = rec
        st.chosen[did] = (RANKED if order is not None else option) if answered else None
        hit = self._prep.chose_hits[did]
        if hit is not None:
            st.touch(hit)
        return elapsed

    def _resolve_timeouts(self, now: float) -> list[ev.Raw]:
        st = self._st
        due = sorted(
            (p for p in st.pending if p.deadline is not None and p.deadline <= now),
            key=lambda p: (p.deadline, p.index),
        )
        events: list[ev.Raw] = []
        for p in due:
            d = p.decision
            hit = self._prep.options[d.id].get(d.on_timeout) if d.on_timeout is not None else None
            applied = hit[0].id if hit is not None else None
            self._resolve(p, now, timed_out=True, applied=applied)
            events.append((ev.DecisionTimedOut, d.id, p.role, applied))
            if hit is not None:
                self._apply_effects(hit[1], events)
        self._update_next_deadline()
        return events

    # handlers: validate everything, then change the state

    def _answer(self, a: act.Answer, now: float) -> list[ev.Raw]:
        role = self._check_player(a.role)
        p = self._check_decision(role, a.decision, "choice")
        d = p.decision
        hit = self._prep.options[d.id].get(a.option) if isinstance(a.option, str) else None
        if hit is None:
            raise UnknownOption(
                "unknown_option", decision=d.id, option=a.option, known=[o.id for o in d.options]
            )
        return self._answered(p, *hit, now)

    def _answer_from_bot(self, a: act.Answer, now: float) -> list[ev.Raw]:
        """``_answer`` for a bot's answer (see ``_bot_submit``)."""
        for p in self._st.pending_of[a.role]:
            if p.decision.id == a.decision:
                break
        else:  # it timed out just now
            p = self._find_pending(a.decision)
        return self._answered(p, *self._prep.options[a.decision][a.option], now)

    def _answered(self, p: _Pending, opt: Option, fx: Effects | None, now: float) -> list[ev.Raw]:
        d = p.decision
        elapsed = self._resolve(p, now, opt.id, None, False, False, opt.id)  # answered
        events: list[ev.Raw] = [(ev.DecisionAnswered, d.id, p.role, opt.id, elapsed or 0.0)]
        if fx is not None:
            self._apply_effects(fx, events)
        return events

    def _rank(self, a: act.Rank, now: float) -> list[ev.Raw]:
        role = self._check_player(a.role)
        p = self._check_decision(role, a.decision, "rank")
        d = p.decision
        order = a.order
        items = [i.id for i in d.items]
        if not isinstance(order, tuple) or not all(isinstance(x, str) for x in order):
            raise InvalidOrder("order_not_ids", decision=d.id)
        if len(order) > act.MAX_IDS:
            raise InvalidOrder("order_too_long", decision=d.id, count=len(order), items=len(items))
        if len(order) != len(items) or sorted(order) != sorted(items):
            # Linear whatever the order holds: sets and one count, never order.count per id.
            listed = set(order)
            known = set(items)
            raise InvalidOrder(
                "order_mismatch",
                decision=d.id,
                unknown=[x for x in dict.fromkeys(order) if x not in known],
                missing=[x for x in items if x not in listed],
                dups=_repeated(order),
            )
        elapsed = self._resolve(p, now, order=order)
        return [(ev.RankSubmitted, d.id, role, order, elapsed or 0.0)]

    def _ids(self, value: object, what: str) -> tuple[str, ...]:
        if value.__class__ is not tuple or not value:
            if isinstance(value, tuple):
                raise InvalidMessage("message_empty", what=what)
            raise InvalidMessage("message_not_ids", what=what, value=value)
        if len(value) > act.MAX_IDS:
            raise InvalidMessage("message_too_many", what=what, count=len(value), limit=act.MAX_IDS)
        for x in value:
            if x.__class__ is not str:
                raise InvalidMessage("message_item_not_id", what=what, value=x)
        if len(set(value)) != len(value):
            raise InvalidMessage("message_twice", what=what, ids=_repeated(value))
        return value

    def _send(self, a: act.SendMessage, now: float) -> list[ev.Raw]:
        role = self._check_player(a.role)
        prep = self._prep
        targets = self._ids(a.stakeholders, "stakeholders")
        for sid in targets:
            if sid not in prep.stakeholders:
                raise UnknownStakeholder(
                    "unknown_stakeholder", stakeholder=sid, known=prep.stakeholders
                )
        if a.channel not in MESSAGE_CHANNELS:
            raise InvalidMessage("not_a_channel", channel=a.channel, known=MESSAGE_CHANNELS)
        stmt_ids = self._ids(a.statements, "statements")
        stmts = []
        for sid in stmt_ids:
            s = prep.statements.get(sid)
            if s is None:
                raise UnknownStatement("unknown_statement", statement=sid, known=prep.statements)
            self._check_usable(s)
            stmts.append(s)
        return self._deliver(role, targets, a.channel, stmt_ids, stmts, now)

    def _send_from_bot(self, a: act.SendMessage, now: float) -> list[ev.Raw]:
        """``_send`` for a bot's message (see ``_bot_submit``)."""
        statements = self._prep.statements
        st = self._st
        stmts = [statements[sid] for sid in a.statements]
        for s in stmts:
            when = s.when
            if when is not None and not when.holds(st):
                self._check_usable(s)  # raises
        return self._deliver(a.role, a.stakeholders, a.channel, a.statements, stmts, now)

    def _check_usable(self, s: Statement) -> None:
        if s.when is not None and not s.when.holds(self._st):
            raise StatementNotUsable("statement_not_usable", statement=s.id, when=s.when.source)

    def _deliver(
        self,
        role: str,
        targets: tuple[str, ...],
        channel: str,
        stmt_ids: tuple[str, ...],
        stmts: list[Statement],
        now: float,
    ) -> list[ev.Raw]:
        """Send a checked message (recorded undelivered when its channel is down)."""
        st = self._st
        prep = self._prep
        turn = st.turn
        if prep.channel_down:
            down = prep.channel_down.get(channel)
            if down is not None and down[0].holds(st):
                # a 7-tuple: ``MessageRecord.delivered`` is False (delivered ones stay 6 long)
                st.messages.append((role, targets, channel, stmt_ids, turn, now, False))
                return [(ev.MessageNotDelivered, role, targets, channel, stmt_ids, down[1])]
        st.messages.append((role, targets, channel, stmt_ids, turn, now))  # see ``messages``
        events: list[ev.Raw] = [(ev.MessageSent, role, targets, channel, stmt_ids)]
        points: set[str] = set()
        for s in stmts:
            points.update(s.covers)
        for sid in targets:
            if sid not in st.informed:
                st.informed[sid] = turn
                st.touch(prep.informed_hits[sid])
                events.append((ev.StakeholderInformed, sid, turn))
            cov = st.covered[sid]
            cov |= points
            if sid not in st.complete and prep.expects[sid] <= cov:
                st.complete[sid] = turn
                events.append((ev.StakeholderFullyInformed, sid, turn, turn <= prep.deadline[sid]))
        effects = prep.statement_effects
        for s in stmts:
            fx = effects[s.id]
            if fx is not None:
                self._apply_effects(fx, events)
        return events

    def _end_turn(self, a: act.EndTurn, now: float) -> list[ev.Raw]:
        role = self._check_player(a.role)
        st = self._st
        left = [p.decision.id for p in st.pending_of[role]]
        if left:
            raise DecisionsStillPending("decisions_pending", role=role, decisions=left)
        st.ended.add(role)
        events: list[ev.Raw] = [(ev.RoleEndedTurn, role, st.turn)]
        if len(st.ended) == len(self._prep.roles):
            self._end_of_turn(now, events)
        return events

    def _end_turn_from_bot(self, a: act.EndTurn, now: float) -> list[ev.Raw]:
        """``_end_turn`` for a bot (see ``_bot_submit``): a bot ends its turn only once it has
        nothing pending and has not ended it yet, in a running game."""
        st = self._st
        role = a.role
        st.ended.add(role)
        events: list[ev.Raw] = [(ev.RoleEndedTurn, role, st.turn)]
        if len(st.ended) == len(self._prep.roles):
            self._end_of_turn(now, events)
        return events

    def _present(self, a: act.Present, now: float) -> list[ev.Raw]:
        role = self._check_role(a.role)
        if self._st.paused_at is not None:
            raise GamePaused("paused_present")
        events: list[ev.Raw] = []
        for p in self._st.pending_of[role]:
            if p.shown_at is None:
                self._show(p, now, events)
        if events:
            self._update_next_deadline()
        return events

    def _show(self, p: _Pending, now: float, events: list[ev.Raw]) -> None:
        p.shown_at = now
        p.deadline = now + p.time_limit
        events.append((ev.DecisionPresented, p.decision.id, p.role, p.deadline))

    def _pause(self, a: act.Pause, now: float) -> list[ev.Raw]:
        if self._st.paused_at is not None:
            raise PauseStateError("already_paused")
        self._st.paused_at = now
        return [(ev.GamePaused, now)]

    def _resume(self, a: act.Resume, now: float) -> list[ev.Raw]:
        st = self._st
        if st.paused_at is None:
            raise PauseStateError("not_paused")
        dur = now - st.paused_at
        for p in st.pending:
            if p.deadline is not None:
                p.deadline += dur
                p.paused += dur
        st.paused_at = None
        st.paused_total += dur
        self._update_next_deadline()
        return [(ev.GameResumed, now, dur)]

    def _extend(self, a: act.ExtendTimer, now: float) -> list[ev.Raw]:
        s = a.seconds
        if (
            isinstance(s, bool)
            or not isinstance(s, int | float)
            or not math.isfinite(s)
            or not 0 < s <= MAX_EXTENSION
        ):
            raise InvalidTimerExtension("bad_extension", seconds=s, limit=MAX_EXTENSION)
        p = self._find_pending(a.decision)
        p.extra += s
        if p.deadline is not None:
            p.deadline += s
            self._update_next_deadline()
        return [(ev.TimerExtended, p.decision.id, s, p.deadline)]

    def _skip(self, a: act.SkipDecision, now: float) -> list[ev.Raw]:
        p = self._find_pending(a.decision)
        self._resolve(p, now, skipped=True)
        return [(ev.DecisionSkipped, p.decision.id, p.role)]

    def _add_inject(self, a: act.AddInject, now: float) -> list[ev.Raw]:
        if not isinstance(a.headline, str) or not a.headline.strip():
            raise InvalidInject("inject_no_headline")
        if len(a.headline) > MAX_HEADLINE:
            raise InvalidInject("inject_headline_long", limit=MAX_HEADLINE)
        if not isinstance(a.body, str) or len(a.body) > act.MAX_TEXT:
            raise InvalidInject("inject_body", limit=act.MAX_TEXT)
        if a.channel not in INJECT_CHANNELS:
            raise InvalidInject("inject_channel", channel=a.channel, known=INJECT_CHANNELS)
        to = a.to
        if to is not None:
            if not isinstance(to, tuple) or not to:
                raise InvalidInject("inject_to")
            for r in to:
                if not isinstance(r, str) or r not in self._prep.role_set:
                    raise InvalidInject("inject_role", role=r, roles=self._prep.roles)
            if len(set(to)) != len(to):
                raise InvalidInject("inject_role_twice")
        self._adhoc += 1
        inj = Inject(
            id=f"~adhoc-{self._adhoc}",
            channel=a.channel,  # type: ignore[arg-type]
            headline=a.headline,
            from_="Facilitator",
            to=tuple(to) if to is not None else self._prep.roles,
            body=a.body,
        )
        self._st.shown.append((inj, self._st.turn, "adhoc", now))
        return [(ev.InjectShown, inj.id, "adhoc", inj.to or (), inj.headline)]

    # --- the turn lifecycle -----------------------------------------------------------------

    def _show_inject(self, pi: PreparedInject, kind: str, now: float, events: list[ev.Raw]) -> None:
        st = self._st
        inj = pi.inject
        st.shown.append((inj, st.turn, kind, now))  # ShownInject's fields (see ``_shown``)
        events.append((ev.InjectShown, inj.id, kind, pi.roles, inj.headline))
        self._apply_effects(pi.effects, events)

    def _start_turn(self, n: int, now: float) -> list[ev.Raw]:
        st = self._st
        prep = self._prep
        events: list[ev.Raw] = []
        if not prep.turns:  # a scenario without turns ends at once
            st.turn = 1 if self.scenario.turns else 0
            self._finish_game(events)
            return events
        st.turn = n
        st.ended = set()
        st.turn_start_metrics = dict(st.metrics)
        t = prep.turns[n - 1]
        events.append((ev.TurnStarted, n, t.label, t.phase))
        if n >= 2:
            self._fire_events(n, now, events)
        for pi in t.injects:
            when = pi.inject.when
            if when is None or when.holds(st):
                self._show_inject(pi, "turn", now, events)
        bots = self._bots
        for i, d in t.decisions:
            if d.when is None or d.when.holds(st):
                p = _Pending(d, i)
                st.pending.append(p)
                st.pending_of[d.role].append(p)
                if d.role in bots:
                    self._show(p, now, events)
        self._update_next_deadline()
        return events

    def _fire_events(self, n: int, now: float, events: list[ev.Raw]) -> None:
        """Fire, in scenario order, the events whose ``when`` holds now.  Only the events whose
        inputs changed since they were last found false are evaluated; one that fires may change
        the inputs of later ones (they are evaluated in this same pass, as they come after it)
        or of earlier ones (evaluated next turn, which is when a full pass would see them)."""
        st = self._st
        w = st.event_watch
        w.set_turn(n)
        if not w.dirty:
            return
        todo = sorted(w.dirty)  # a sorted list is a heap
        w.dirty.clear()
        evs = self._prep.events
        fired = st.fired
        while todo:
            i = heapq.heappop(todo)
            pi = evs[i]
            inj = pi.inject
            if inj.id in fired or not inj.when.holds(st):  # type: ignore[union-attr]
                continue
            fired.add(inj.id)
            st.events_fired.append(EventRecord(inj.id, n, now))
            events.append((ev.EventFired, inj.id, n))
            self._show_inject(pi, "event", now, events)
            if w.dirty:
                later = [j for j in w.dirty if j > i]
                for j in later:
                    heapq.heappush(todo, j)
                w.dirty.difference_update(later)

    def _end_of_turn(self, now: float, events: list[ev.Raw]) -> None:
        st = self._st
        prep = self._prep
        n = st.turn
        events.append((ev.TurnEnded, n))
        for sid in prep.turns[n - 1].deadline_stakeholders:
            cond = prep.stakeholders[sid].required_when
            st.required_at_deadline[sid] = cond is None or cond.holds(st)
        st.metrics_history.append(dict(st.metrics))
        if n >= len(prep.turns):
            self._finish_game(events)
        else:
            events.extend(self._start_turn(n + 1, now))

    def _finish_game(self, events: list[ev.Raw]) -> None:
        st = self._st
        for sid in self._prep.deadline:  # deadlines past the last turn are judged at the end
            if sid not in st.required_at_deadline:
                cond = self._prep.stakeholders[sid].required_when
                st.required_at_deadline[sid] = cond is None or cond.holds(st)
        chosen = None
        for e in self.scenario.endings:
            if e.when is None or e.when.holds(st):
                chosen = e
                break
        if chosen is None and self.scenario.endings:
            chosen = self.scenario.endings[-1]
        st.ending = chosen
        st.finished = True
        st.pending = []
        for lst in st.pending_of.values():
            lst.clear()
        st.next_deadline = None
        if chosen is not None:
            events.append((ev.GameEnded, chosen.id, chosen.title))

    # --- saving -----------------------------------------------------------------------------

    def snapshot(self, *, log: bool = True) -> dict[str, Any]:
        """The whole game state as JSON-able data (equal snapshots = identical games).

        ``log=False`` leaves out the action log (only its length): cheaper, for tight checks.
        """
        st = self._st
        own = self.scenario.own_words.headline_by_inject if self.scenario.untranslated else {}

        def rec(r: Any) -> dict[str, Any]:
            out = {}
            for k in type(r).__attrs_attrs__:
                v = getattr(r, k.name)
                out[k.name] = list(v) if isinstance(v, tuple) else v
            return out

        return {
            "turn": st.turn,
            "finished": st.finished,
            "ending": st.ending.id if st.ending else None,
            "metrics": dict(st.metrics),
            "turn_start_metrics": dict(st.turn_start_metrics),
            "flags": dict(st.flags),
            "chosen": dict(st.chosen),
            "informed": dict(st.informed),
            "covered": {k: sorted(v) for k, v in st.covered.items()},
            "complete": dict(st.complete),
            "required_at_deadline": dict(st.required_at_deadline),
            "metrics_history": [dict(m) for m in st.metrics_history],
            "ended": sorted(st.ended),
            "pending": [
                [p.decision.id, p.shown_at, p.deadline, p.extra, p.paused] for p in st.pending
            ],
            "paused_at": st.paused_at,
            "paused_total": st.paused_total,
            # headlines in the scenario's own words: a save resumes in any language
            "shown": [
                [s.inject.id, s.turn, s.kind, s.at, own.get(s.inject.id, s.inject.headline)]
                for s in self._shown()
            ],
            "events_fired": [rec(e) for e in st.events_fired],
            "answers": [rec(a) for a in self.answers],
            # ``delivered`` is written only when False, so that games without a channel down
            # keep the digests their saves were written with
            "messages": [
                {k: v for k, v in rec(m).items() if k != "delivered" or not v}
                for m in self.messages
            ],
            "last_time": st.last_time,
            "log": [[at, act.to_json(a)] for at, a in self._log] if log else len(self._log),
        }

    def digest(self) -> str:
        """A fingerprint of :meth:`snapshot`, stored in saves to detect a diverging replay."""
        # the log itself is in the save; its entries are what the replay applied
        text = json.dumps(self.snapshot(log=False), sort_keys=True, separators=(",", ":"))
        return fingerprint(text)

    def _check_digest(self, digest: str) -> None:
        if self.digest() != digest:
            raise SaveError(
                "replaying this save does not give the state it was saved in "
                "(it was made by an incompatible version of the game)"
            )

    def header(self) -> dict[str, Any]:
        st = self._st
        return {
            "format": saves.SAVE_FORMAT,
            "version": saves.SAVE_VERSION,
            "scenario_id": self.scenario.id,
            "scenario_title": self.scenario.title,
            "scenario_path": self.scenario.path,
            "content_hash": self.scenario.content_hash,
            "seed": self.seed,
            "seats": {r: s.to_json() for r, s in self.seats.items()},
            "actions": len(self._log),
            "turn": st.turn,
            "finished": st.finished,
            "ending": st.ending.id if st.ending else None,
            "session_time": st.last_time,
            "state_digest": self.digest(),
            **({"tags": dict(self.tags)} if self.tags else {}),
        }

    def log_lines(self) -> list[str]:
        """The log as JSON lines (one per entry), cached: each entry is serialised once.  Each
        line records the turn when it was serialised (right after its action, when autosaving)."""
        lines = self._log_json
        turn = self._st.turn
        for at, a in self._log[len(lines) :]:
            lines.append(saves.entry_line(at, act.to_json(a), turn))
        return lines

    def save(self, path: Path | str | None = None) -> Path:
        """Write the game (header + log) atomically to ``path`` or :attr:`save_path`.

        Saving to the autosave compacts it and waits for the write; a failure raises ``OSError``.
        """
        target = Path(path) if path is not None else self.save_path
        if target is None:
            raise ValueError("no save path: pass one, or create the session with save_path=")
        if self.saver is not None and target == self.save_path:
            self._compact()
            if not self.saver.flush(timeout=None):
                raise OSError(self.saver.error or f"could not save the game to {target}")
            return target
        saves.write_save(target, self.header(), self.log_lines())
        return target

    # --- autosave ---------------------------------------------------------------------------

    def attach_save(self, saver: SaveWriter) -> None:
        """Autosave through ``saver`` from now on: the whole game is written now, then each
        action's log line is appended after it (:meth:`_autosave`)."""
        self.saver = saver
        self.save_path = saver.path
        self._compact()

    @property
    def autosave_error(self) -> str | None:
        """Why the last autosave write failed, or None when it succeeded (or none is kept)."""
        return self.saver.error if self.saver is not None else None

    def flush_save(self, timeout: float | None = 10.0) -> bool:
        """Wait until the autosave holds every action so far (retrying a failed write).  True
        when it does; False when it failed (see :attr:`autosave_error`) or took too long."""
        if self.saver is None:
            return False
        self._autosave()
        return self.saver.flush(timeout)

    def _compact(self) -> None:
        assert self.saver is not None
        lines = self.log_lines()
        self.saver.compact(saves.header_line(self.header()), lines)
        self._saved_lines = self._compacted = len(lines)

    def _autosave(self) -> ev.AutosaveFailed | None:
        """Save after an action: its log line is appended to the save, on the saver's thread
        when it has one.  The save is compacted (rewritten with a fresh header) when the game
        ends and when the lines after the header outnumber the lines before it, so rewriting
        costs O(1) per action overall.  A failed write (disk full, folder removed) does not undo
        the action: it is reported as an ``AutosaveFailed`` event and in
        :attr:`autosave_error`, and the next action tries again."""
        saver = self.saver
        if saver is None:
            return None
        lines = self.log_lines()
        n = len(lines)
        if self._st.finished or n - self._compacted > max(COMPACT_AFTER, self._compacted):
            self._compact()
        elif n > self._saved_lines:
            saver.append(lines[self._saved_lines : n])
            self._saved_lines = n
        error = saver.error
        if error is not None:
            return ev.AutosaveFailed(str(self.save_path), error)
        return None


#: Action type -> the ``Session`` method that handles it (shared by every session).
_HANDLERS: dict[type, Callable[[Session, Any, float], list[ev.Raw]]] = {
    act.Answer: Session._answer,
    act.Rank: Session._rank,
    act.SendMessage: Session._send,
    act.EndTurn: Session._end_turn,
    act.Present: Session._present,
    act.Pause: Session._pause,
    act.Resume: Session._resume,
    act.ExtendTimer: Session._extend,
    act.SkipDecision: Session._skip,
    act.AddInject: Session._add_inject,
}
# The bot path (see ``Session._bot_submit``): the checks a bot's action always passes are skipped.
_BOT_HANDLERS: dict[type, Callable[[Session, Any, float], list[ev.Raw]]] = {
    **_HANDLERS,
    act.Answer: Session._answer_from_bot,
    act.SendMessage: Session._send_from_bot,
    act.EndTurn: Session._end_turn_from_bot,
}
