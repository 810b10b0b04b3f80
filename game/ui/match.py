"""One game as the window plays it: a table over the session, and who sits at the screen.

No pygame here.  The window is a hot seat: the human players share one screen and take turns
at it.  The game runs on the same :class:`~game.table.table.Table` as a network exercise: the
table authorises each action by the seat it comes from (the role at the screen plays its own
decisions; pause, extend, skip and ad-hoc injects are the facilitator's, and the people at a
hot-seat screen are their own facilitator), drives the bots and the timers, and keeps the feed;
the autosave is one of its subscribers (:class:`~game.table.autosave.Autosave`).  A role's
decision clocks start only when its player takes the seat (:meth:`Table.sit`), so a hand-over
costs nobody time; once every human has ended the turn the table hurries the bots, so nobody
waits for a bot's simulated thinking time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from game.engine import actions as act
from game.engine import events as ev
from game.engine.errors import ActionError
from game.engine.session import Session
from game.table.table import FACILITATOR_ACTIONS, PLAYER_ACTIONS, Table, TableError
from game.table.views import FACILITATOR

if TYPE_CHECKING:
    from game.table.autosave import Autosave
    from game.ui.background import Job
    from game.ui.recording import Recorded


class Match:
    def __init__(
        self, session: Session, *, hurry_bots: bool = True, autosave: Autosave | None = None
    ) -> None:
        self.session = session
        self.humans = tuple(r for r in session.roles if session.seats[r].player is not None)
        self.hurry_bots = hurry_bots
        self.active: str | None = None
        #: every event since the game was opened in this window, oldest first
        self.events: list[ev.Event] = []
        #: inject ids each role has seen on screen (unread marks); for a resumed game, what the
        #: save implies was read (see :meth:`_read_from_save`)
        self.read: dict[str, set[str]] = self._read_from_save(session)
        self.error = ""
        #: why this game is not being saved ("" when it is): shown on every turn screen
        self.unsaved = ""
        self.revision = 0  # bumped on every change the screen should show
        #: when the game was started in this window (wall clock, ISO 8601), for its result
        self.started_at: str | None = None
        #: the finished game being recorded in the history (set by ``App.record``)
        self.record_job: Job[Recorded] | None = None
        #: the class this game is played in (``--cohort`` or the seats screen), or None
        self.cohort: str | None = None
        #: the table every action goes through (seats, bots, timers, the feed)
        self.table = Table.over(session, hurry_bots=hurry_bots)
        self.table.on_events(self._took)
        #: the autosave, a subscriber of the table (None: this game is not saved)
        self.autosave = autosave
        if autosave is not None:
            autosave.attach(self.table)

    @property
    def scenario(self):
        return self.session.scenario

    @property
    def autosave_error(self) -> str | None:
        """Why the last autosave write failed, or None (saved, or no save kept)."""
        return self.autosave.error if self.autosave is not None else None

    def flush_save(self, timeout: float | None = 10.0) -> bool:
        """Wait until the save holds every action so far (retrying a failed write); False when
        it failed, took too long, or no save is kept."""
        if self.autosave is None:
            return False
        ok = self.autosave.flush(timeout)
        self.autosave.check(self.table)
        return ok

    def next_human(self) -> str | None:
        """The next human role that still has to play this turn, in role order."""
        if self.session.finished:
            return None
        for r in self.humans:
            if not self.session.has_ended(r):
                return r
        return None

    def take_seat(self, role: str) -> None:
        """``role``'s player sits down: their decisions are shown and their clocks start."""
        self.active = role
        try:
            self.table.sit(role)
        except (TableError, ActionError) as e:
            self.error = str(e)

    def apply(self, action: act.Action) -> bool:
        """Apply an action through the table, from the seat it belongs to: a role's action
        from the player at the screen, the others from the facilitator.  On refusal keep the
        message in :attr:`error`."""
        if isinstance(action, PLAYER_ACTIONS):
            seat = action.role
            if seat != self.active:
                self.error = "it is not this role's turn at the screen"
                return False
        elif isinstance(action, FACILITATOR_ACTIONS):
            seat = FACILITATOR
        else:
            self.error = "that is not an action a player can send"
            return False
        try:
            self.table.act(seat, action)
        except (TableError, ActionError) as e:
            self.error = str(e)
            return False
        self.error = ""
        return True

    def _took(self, events: list[ev.Event]) -> None:
        if events:
            self.events.extend(events)
            self.revision += 1
            if self.active is not None and any(
                isinstance(e, ev.TurnStarted | ev.GameEnded)
                or (isinstance(e, ev.RoleEndedTurn) and e.role == self.active)
                for e in events
            ):
                self.table.stand(self.active)  # no more is shown until the next sitting
                self.active = None

    def tick(self) -> None:
        """Once per frame: the table resolves due timeouts and lets the bots act."""
        self.table.tick()

    @staticmethod
    def _read_from_save(session: Session) -> dict[str, set[str]]:
        """What each role had read when the game was saved: a role reads its messages while it
        plays a turn and they are marked read when it ends the turn, so every message shown in
        an earlier turn, and in this turn once the role has ended it, is read.  A resumed game
        (Continue) then marks NEW only what is new, as it was before the window closed."""
        turn = session.turn_number
        read: dict[str, set[str]] = {}
        for role in session.roles:
            ended = session.has_ended(role)
            read[role] = {
                si.inject.id
                for si in session.visible_injects(role)
                if si.turn < turn or (ended and si.turn == turn)
            }
        return read

    def unread(self, role: str) -> list[str]:
        return [
            i.inject.id
            for i in self.session.visible_injects(role)
            if i.inject.id not in self.read[role]
        ]

    def mark_read(self, role: str, ids: Iterable[str] | None = None) -> None:
        """``ids`` (default: every message ``role`` can see now) are read: no NEW mark."""
        if ids is None:
            ids = [i.inject.id for i in self.session.visible_injects(role)]
        self.read[role].update(ids)
