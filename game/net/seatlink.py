"""A seat at a table hosted elsewhere, as a front-end reads and drives it.

The game window's network scenes (lobby, player, facilitator console, evaluator, projector)
talk to this one small object, never to the socket: :class:`~game.net.client.Client` keeps the
socket on its own thread, and :meth:`RemoteSeat.poll` (called once per frame) only drains the
client's queue, so nothing slow ever runs on the frame loop.  What the seat knows is the view
the host made for it (``game/table/views.py``: no answer key for a player) plus the feed items
it was sent; what it does goes out as protocol messages that the host's table authorises.

No pygame here: the same object is driven headless in tests.
"""

from __future__ import annotations

import queue
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from game.i18n import _
from game.net.client import Client
from game.report.result import Result, ResultError
from game.scenario.model import ROLE_TITLES
from game.textsafe import one_line

#: Feed items a window keeps (the host keeps them all; a window shows the recent ones).
MAX_FEED = 500
#: Messages drained from the client's queue per frame (a burst is read over a few frames).
MAX_PER_POLL = 400

CONNECTING, CONNECTED, RECONNECTING, CLOSED = "connecting", "connected", "reconnecting", "closed"


def title(role: object) -> str:
    """A role's title in the reader's language (an unknown id is shown as it came)."""
    text = ROLE_TITLES.get(str(role))
    return _(text) if text else safe(role)


def safe(value: object, limit: int = 2000) -> str:
    """Text from the network on one line, control characters shown as escapes, bounded."""
    return one_line(str(value))[:limit]


def clock_text(seconds: float | None) -> str:
    if seconds is None:
        return "–:––"
    s = max(0, int(seconds + 0.999))
    return f"{s // 60}:{s % 60:02d}"


def describe(item: dict[str, Any]) -> str | None:
    """One feed item as a line for the window's feed (None: not shown, or malformed)."""
    t = item.get("type")
    e = item

    def role() -> str:
        return title(e.get("role"))

    lines: dict[str, Callable[[], str]] = {
        "turn_started": lambda: _("Turn {n}: {label}").format(n=e["turn"], label=safe(e["label"])),
        "inject_shown": lambda: _("New message: {headline}").format(headline=safe(e["headline"])),
        "decision_presented": lambda: _("{role} is deciding {decision}").format(
            role=role(), decision=safe(e["decision"])
        ),
        "decision_answered": lambda: _("{role} answered {decision}").format(
            role=role(), decision=safe(e["decision"])
        ),
        "rank_submitted": lambda: _("{role} ranked {decision}").format(
            role=role(), decision=safe(e["decision"])
        ),
        "decision_timed_out": lambda: _("{role}: time ran out on {decision}").format(
            role=role(), decision=safe(e["decision"])
        ),
        "decision_skipped": lambda: _("The facilitator skipped {decision}").format(
            decision=safe(e["decision"])
        ),
        "timer_extended": lambda: _("{decision} has {seconds} s more").format(
            decision=safe(e["decision"]), seconds=f"{float(e['seconds']):g}"
        ),
        "message_sent": lambda: _("{role} sent a message to {who}").format(
            role=role(), who=", ".join(safe(s) for s in e["stakeholders"])
        ),
        "role_ended_turn": lambda: _("{role} ended the turn").format(role=role()),
        "game_paused": lambda: _("The facilitator paused the game."),
        "game_resumed": lambda: _("The game goes on."),
        "game_ended": lambda: _("The exercise is over: {ending}").format(ending=safe(e["title"])),
        "chat": lambda: (
            _("{name} to {to}: {text}").format(
                name=safe(e["name"], 40), to=title(e["to"]), text=safe(e["text"], 500)
            )
            if e.get("to")
            else _("{name} to the team: {text}").format(
                name=safe(e["name"], 40), text=safe(e["text"], 500)
            )
        ),
        "note": lambda: (
            _("{name} rated {objective}: {rating}").format(
                name=safe(e["by"], 40), objective=safe(e["objective"]), rating=safe(e["rating"])
            )
            if e.get("rating") and not e.get("text")
            else _("Note by {name} ({objective}: {rating}): {text}").format(
                name=safe(e["by"], 40),
                objective=safe(e["objective"]),
                rating=safe(e["rating"]),
                text=safe(e["text"]),
            )
            if e.get("rating")
            else _("Note by {name}: {text}").format(name=safe(e["by"], 40), text=safe(e["text"]))
        ),
        "seat": lambda: _("Seat {role}: {what}").format(
            role=title(e["seat"]["role"]), what=seat_change(e)
        ),
        "notice": lambda: "! " + safe(e["text"]),
        "started": lambda: _("The facilitator started the exercise."),
    }
    make = lines.get(str(t))
    if make is None:
        return None
    try:
        return make()
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # a malformed item from the host is not shown


def seat_change(item: dict[str, Any]) -> str:
    what = str(item.get("what", ""))
    name = item.get("seat", {}).get("name")
    who = safe(name, 40) if name else ""
    known = {
        "joined": _("{name} sat down").format(name=who) if who else _("a player sat down"),
        "reconnected": _("{name} is back").format(name=who) if who else _("the player is back"),
        "left": _("{name} lost the connection").format(name=who) if who else _("empty"),
        "taken over": _("the facilitator plays it"),
        "handed back": _("handed back to its player"),
        "waits": _("waits for its player when empty"),
    }
    if what in known:
        return known[what]
    if what.startswith("bot:"):
        policy = safe(what[4:].removesuffix(" if empty"), 20)
        if what.endswith(" if empty"):
            return _("a {policy} bot stands in if empty").format(policy=policy)
        return _("a {policy} bot plays it").format(policy=policy)
    return safe(what, 60)


class RemoteSeat:
    """One seat's state and actions over a :class:`Client` (already started or not)."""

    def __init__(self, client: Client, *, monotonic: Callable[[], float] = time.monotonic):
        self.client = client
        self.monotonic = monotonic
        self.state = CONNECTING
        #: what the connection state message said (shown calmly beside the state)
        self.state_message = ""
        self.seat: str | None = client.seat
        self.token: str | None = None
        #: the whole view the host made for this seat (None until welcomed)
        self.view: dict[str, Any] | None = None
        self._view_at = 0.0
        #: the feed items this seat was sent, oldest first (bounded)
        self.feed: deque[dict[str, Any]] = deque(maxlen=MAX_FEED)
        #: the host's last refusal of something this seat did ("" none); ``fatal``: for good
        self.refusal = ""
        self.fatal = False
        self.result: Result | None = None
        self.result_error = ""
        self.record = ""
        #: bumped on every change a screen should show
        self.revision = 0
        self.started = False
        #: the join command shown to the room (the facilitator's console sets it)
        self.invite = ""
        #: the exercise's join code, for the console's header (the facilitator joins by key)
        self.join_code = client.code or ""

    # --- from the host --------------------------------------------------------------------

    def start(self) -> RemoteSeat:
        self.client.start()
        return self

    def poll(self, limit: int = MAX_PER_POLL) -> bool:
        """Read what the host sent since the last call (never waits); True when anything
        changed."""
        changed = False
        for _n in range(limit):
            try:
                msg = self.client.inbox.get_nowait()
            except queue.Empty:
                break
            self.receive(msg)
            changed = True
        if changed:
            self.revision += 1
        return changed

    def receive(self, msg: dict[str, Any]) -> None:
        kind = msg.get("type")
        if kind == "connection":
            state = msg.get("state")
            if state in (CONNECTED, RECONNECTING, CLOSED):
                if not (state == RECONNECTING and self.state == CLOSED):
                    self.state = str(state)
                self.state_message = safe(msg.get("message", ""), 300)
        elif kind in ("welcome", "update"):
            view = msg.get("view")
            if isinstance(view, dict):
                self.view = view
                self._view_at = self.monotonic()
                self.started = self.started or not view.get("lobby", True)
            if kind == "welcome":
                self.seat = str(msg.get("seat") or self.seat or "")
                self.token = msg.get("token") if isinstance(msg.get("token"), str) else self.token
                self.state = CONNECTED
                self.refusal = ""
            for item in msg.get("events") or ():
                if isinstance(item, dict):
                    self.feed.append(item)
        elif kind == "refused":
            self.refusal = safe(msg.get("message", ""), 500)
            if msg.get("fatal"):
                self.fatal = True
                self.state = CLOSED
        elif kind == "result":
            try:
                self.result = Result.from_dict(msg.get("result"))
            except ResultError as e:
                self.result_error = _("The host sent a result this window cannot read: {error}")
                self.result_error = self.result_error.format(error=safe(e, 300))
            self.record = safe(msg.get("record") or "", 500)
        elif kind == "bye":
            self.state = CLOSED
            self.state_message = _("The host closed the exercise.")

    # --- reading the view -----------------------------------------------------------------

    @property
    def lobby(self) -> bool:
        return self.view is None or bool(self.view.get("lobby", True))

    @property
    def role(self) -> str | None:
        """This seat's role, or None for the facilitator, the evaluator and the projector."""
        seat = self.seat
        return seat if seat and seat in ROLE_TITLES else None

    def clock(self) -> float:
        """The session time now: the view's clock, counted on locally while the game runs
        (the host sends a view when something happens, not every second)."""
        v = self.view or {}
        base = float(v.get("clock", 0.0) or 0.0)
        if v.get("paused") or v.get("finished") or v.get("lobby", True):
            return base
        return base + max(0.0, self.monotonic() - self._view_at)

    def left(self, deadline: object) -> float | None:
        """Seconds before ``deadline`` (session time); None when the clock has not started."""
        if not isinstance(deadline, int | float) or isinstance(deadline, bool):
            return None
        return max(0.0, float(deadline) - self.clock())

    def pending(self, role: str | None = None) -> list[dict[str, Any]]:
        items = (self.view or {}).get("pending") or []
        return [p for p in items if role is None or p.get("role") == role]

    def lines(self, limit: int = 60, kinds: Iterable[str] | None = None) -> list[str]:
        """The newest feed items as lines, newest first."""
        wanted = set(kinds) if kinds is not None else None
        out: list[str] = []
        for item in reversed(self.feed):
            if wanted is not None and item.get("type") not in wanted:
                continue
            line = describe(item)
            if line:
                out.append(line)
                if len(out) >= limit:
                    break
        return out

    # --- to the host ----------------------------------------------------------------------

    def send(self, message: dict[str, Any]) -> bool:
        if self.client.send(message):
            self.refusal = ""
            return True
        self.refusal = _("Not connected to the host right now; try again in a moment.")
        self.revision += 1
        return False

    def act(self, action: dict[str, Any]) -> bool:
        return self.send({"type": "action", "action": action})

    def answer(self, role: str, decision: str, option: str) -> bool:
        return self.act({"type": "answer", "role": role, "decision": decision, "option": option})

    def rank(self, role: str, decision: str, order: list[str]) -> bool:
        return self.act({"type": "rank", "role": role, "decision": decision, "order": order})

    def send_message(
        self, role: str, stakeholders: list[str], channel: str, statements: list[str]
    ) -> bool:
        return self.act(
            {
                "type": "send_message",
                "role": role,
                "stakeholders": stakeholders,
                "channel": channel,
                "statements": statements,
            }
        )

    def end_turn(self, role: str) -> bool:
        return self.act({"type": "end_turn", "role": role})

    def chat(self, text: str, to: str | None = None) -> bool:
        return self.send({"type": "chat", "text": text, "to": to})

    def note(self, text: str, *, objective: str | None = None, rating: str | None = None) -> bool:
        return self.send({"type": "note", "text": text, "objective": objective, "rating": rating})

    def control(
        self,
        command: str,
        *,
        role: str | None = None,
        policy: str | None = None,
        inject: str | None = None,
    ) -> bool:
        msg: dict[str, Any] = {"type": "control", "command": command}
        for key, value in (("role", role), ("policy", policy), ("inject", inject)):
            if value is not None:
                msg[key] = value
        return self.send(msg)

    def pause(self) -> bool:
        return self.act({"type": "pause"})

    def resume(self) -> bool:
        return self.act({"type": "resume"})

    def extend(self, decision: str, seconds: float) -> bool:
        return self.act({"type": "extend_timer", "decision": decision, "seconds": seconds})

    def skip(self, decision: str) -> bool:
        return self.act({"type": "skip_decision", "decision": decision})

    def add_inject(
        self, headline: str, body: str = "", to: list[str] | None = None, channel: str = "meeting"
    ) -> bool:
        action: dict[str, Any] = {
            "type": "add_inject",
            "headline": headline,
            "body": body,
            "channel": channel,
        }
        if to:
            action["to"] = to
        return self.act(action)

    def close(self) -> None:
        self.client.close()


__all__ = ["RemoteSeat", "clock_text", "describe", "safe", "title"]
