"""One game as the window plays it: the session, its bots, and who sits at the screen.

No pygame here.  The window is a hot seat: the human players share one screen and take turns
at it.  A role's decision clocks start only when its player takes the seat (``Present``), so a
hand-over costs nobody time.  Bots play their seats on the same clock through the engine's
``BotDriver``; once every human has ended the turn the bots are hurried (they act at once) so
nobody waits for a bot's simulated thinking time.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterable
from typing import TYPE_CHECKING

from game.engine import actions as act
from game.engine import events as ev
from game.engine.bots import BotDriver
from game.engine.errors import ActionError
from game.engine.session import Session

if TYPE_CHECKING:
    from game.ui.background import Job
    from game.ui.recording import Recorded


class Match:
    def __init__(self, session: Session, *, hurry_bots: bool = True) -> None:
        self.session = session
        self.driver = BotDriver(session, rng=random.Random(session.seed))
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

    @property
    def scenario(self):
        return self.session.scenario

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
        self.apply(act.Present(role))

    def apply(self, action: act.Action) -> bool:
        """Apply an action; on refusal keep the engine's message in :attr:`error`."""
        try:
            events = self.session.apply(action)
        except ActionError as e:
            self.error = str(e)
            return False
        self.error = ""
        self._took(events)
        return True

    def _took(self, events: list[ev.Event]) -> None:
        if events:
            self.events.extend(events)
            self.revision += 1
            if any(
                isinstance(e, ev.TurnStarted | ev.GameEnded)
                or (isinstance(e, ev.RoleEndedTurn) and e.role == self.active)
                for e in events
            ):
                self.active = None

    def tick(self) -> None:
        """Once per frame: resolve due timeouts and let the bots act when their time comes."""
        s = self.session
        if s.finished or s.paused:
            return
        self._took(s.apply(act.Advance()))
        if s.finished:
            return
        with contextlib.suppress(ActionError):
            self._took(self.driver.tick())
        if self.hurry_bots and self.humans and self.next_human() is None:
            self.hurry()

    def hurry(self) -> None:
        """Every bot acts now, until each has ended the turn (used once the humans are done)."""
        s = self.session
        turn = s.turn_number
        for _ in range(200):
            if s.finished or s.turn_number != turn or s.paused:
                return
            events = self.driver.act_now()
            if events is None:
                return
            self._took(events)

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
