"""A seat in the terminal: a player, the facilitator's console, the evaluator or the projector.

One loop reads one queue: the network thread puts the host's messages in it and a reader
thread puts the lines the person types, so the screen never waits on the socket.  Everything
shown comes from the host's messages, which are treated as hostile: control characters are
shown as escapes (``game.textsafe``) and nothing is read as markup.
"""

from __future__ import annotations

import shlex
import sys
import threading
from collections.abc import Callable
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from game.engine.seats import POLICIES
from game.i18n import N_, _, format_list, pgettext
from game.linebreak import display_width
from game.net.client import Client
from game.report.result import Result, ResultError
from game.table.views import FACILITATOR, OBSERVER, PROJECTOR
from game.terminal import names
from game.terminal.names import role_title
from game.textsafe import reflow, terminal_safe

PLAYER_HELP = N_("""\
Commands:  N | answer [DECISION] N   pick option N of your (first) open choice
           rank [DECISION] N N N     order the items (numbers as listed)
           send WHO CHANNEL WHAT     message stakeholders (send 1,2 email 3,5);
                                     `send` alone lists them, the channels and
                                     the statements
           end                       end your turn
           say [@ROLE] TEXT          team chat (or to one role)
           status                    metrics and who must hear what, by when
           look | help | quit""")
FACILITATOR_HELP = N_("""\
Commands:  start [POLICY]            start; bots of POLICY fill empty seats
           pause | resume | endgame
           extend DECISION SECONDS | skip DECISION
           inject [@ROLE,ROLE] HEADLINE [| BODY]   an ad-hoc inject (to all
                                     when no @ROLE)
           release INJECT            show a scheduled inject now
           takeover ROLE | handback ROLE
           empty ROLE wait|POLICY    if its player drops: wait, or a bot plays
           act ROLE ...              play a seat you took over (as a player)
           say [@ROLE] TEXT | note TEXT | seats | status | look | help | quit""")
OBSERVER_HELP = N_("""\
Commands:  note TEXT                 a timestamped note
           rate OBJECTIVE P|S|M|U [TEXT]   rate an objective (number or id)
           look | help | quit""")


def seat_name(seat: str) -> str:
    """A role's title, or the name of the facilitator's, evaluator's or projector's seat."""
    special = {
        FACILITATOR: _("Facilitator"),
        OBSERVER: _("Evaluator"),
        PROJECTOR: _("Projector"),
    }
    return special.get(seat) or role_title(seat)


def seat_title(seat: dict[str, Any]) -> str:
    """A seat of the host's view by its role, in the reader's language (the host's title,
    in the host's language, when the seat has no role this client knows)."""
    role = str(seat.get("role") or "")
    shown = seat_name(role) if role else ""
    return shown if shown and shown != role else str(seat.get("title", role))


def _title_width(seats: list[dict[str, Any]]) -> int:
    """The seat-title column: as wide as the widest title in this language, plus a space."""
    return max((display_width(seat_title(s)) for s in seats), default=0) + 1


def pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    return text + " " * max(0, width - display_width(text))


def safe(value: object) -> str:
    """Text from the network, its control characters shown as escapes (never sent raw)."""
    return terminal_safe(str(value))


def _time(seconds: float | None) -> str:
    if seconds is None:
        return _("not shown yet")
    s = max(0, int(seconds))
    return f"{s // 60}:{s % 60:02d}"


def _left(view: dict[str, Any], deadline: float | None) -> float | None:
    """Seconds left before ``deadline`` (session time) by the view's clock; None: not shown."""
    if deadline is None:
        return None
    return max(0.0, deadline - float(view.get("clock", 0.0)))


#: Commands whose words are a person's text (chat, notes, an ad-hoc inject), kept as typed.
FREE_TEXT = frozenset({"say", "note", "rate", "inject"})


def _metrics(v: dict[str, Any]) -> str:
    return "  ".join(
        f"{m['label']} {m['value']:g}" + (f" ({m['change']:+g})" if m["change"] else "")
        for m in v["metrics"]
    )


def _nth(items: list[dict[str, Any]], word: str, what: str) -> dict[str, Any]:
    """The item a person numbered from 1; 0 or a number past the end is refused (Python's
    ``items[-1]`` would have picked the last one without a word)."""
    if not word.isdigit() or not 1 <= int(word) <= len(items):
        raise ValueError(
            _("{what} {word!r}: pick 1 to {last}").format(what=what, word=word, last=len(items))
        )
    return items[int(word) - 1]


class TextSeat:
    def __init__(
        self,
        client: Client,
        console: Console,
        *,
        stdin: TextIO | None = None,
    ) -> None:
        self.client = client
        self.console = console
        self.stdin = stdin if stdin is not None else sys.stdin
        self.view: dict[str, Any] | None = None
        self.seat: str | None = None
        self.result: Result | None = None
        self._shown: tuple[Any, ...] | None = None
        self.exit_code = 0
        self._quit_when_welcomed = False
        self._seen: set[str] = set()
        self._full = False
        self._token_told: str | None = None
        self._away = False  # reconnecting: already said

    # --- the loop -------------------------------------------------------------------------

    def run(self) -> int:
        threading.Thread(target=self._read_lines, name="stdin", daemon=True).start()
        while True:
            msg = self.client.inbox.get()
            kind = msg.get("type")
            if kind == "_line":
                if msg["line"] is None and not self.client.welcomed.is_set():
                    self._quit_when_welcomed = True  # input ended early: see the host's answer
                    continue
                if msg["line"] is None or not self.command(msg["line"]):
                    self.client.close()
                    return self.exit_code
            elif kind == "connection":
                if msg["state"] == "closed":
                    if self.result is None and msg.get("message"):
                        self.say(msg["message"], "yellow")
                    return self.exit_code if self.result is not None else self.exit_code or 1
                if msg["state"] == "reconnecting" and not self._away:
                    self._away = True  # said once per outage, not at every retry
                    self.say(msg["message"], "yellow")
                elif msg["state"] == "connected":
                    self._away = False
            else:
                self.receive(msg)
                if kind == "welcome" and self._quit_when_welcomed:
                    self.client.close()
                    return self.exit_code

    def _read_lines(self) -> None:
        for line in self.stdin:
            self.client.inbox.put({"type": "_line", "line": line})
        self.client.inbox.put({"type": "_line", "line": None})

    def say(self, text: str, style: str = "") -> None:
        self.console.print(Text(safe(text), style=style))

    # --- from the host --------------------------------------------------------------------

    def receive(self, msg: dict[str, Any]) -> None:
        kind = msg.get("type")
        if kind == "welcome":
            self.seat = msg.get("seat")
            self.view = msg.get("view")
            title = seat_name(str(self.seat))
            self.say(_("Connected as {seat}.").format(seat=title), "bold green")
            self._tell_token(msg.get("token"))
            if isinstance(self.view, dict) and self.view.get("lobby"):
                self.say(
                    _("Scenario: {title}").format(title=self.view["scenario"]["title"]), "bold"
                )
                self.say(reflow(str(self.view.get("briefing", ""))))
            self.show_view(force=True)
            self.help(short=True)
        elif kind == "update":
            for e in msg.get("events", []):
                self.narrate(e)
            self.view = msg.get("view")
            self.show_view()
        elif kind == "refused":
            self.say(_("Refused: {message}").format(message=msg.get("message", "")), "bold red")
            if msg.get("fatal"):
                self.exit_code = 1
        elif kind == "result":
            self.show_result(msg)
        elif kind == "bye":
            self.say(msg.get("message", _("The host closed the exercise.")), "yellow")

    def _tell_token(self, token: object) -> None:
        """Show a player the way back to their seat once: the seat token lives only in this
        process, so without it a crashed or closed client could never take its seat again."""
        if not isinstance(token, str) or not token or token == self._token_told:
            return
        if self.seat in (FACILITATOR, PROJECTOR):
            return  # the facilitator's key is the host's; the projector has no seat to keep
        self._token_told = token
        address = getattr(self.client, "url", "ADDRESS")
        code = getattr(self.client, "code", None) or "CODE"
        seat = "--observer" if self.seat == OBSERVER else f"--role {self.seat}"
        self.say(_("If this window closes, come back to your seat with:"), "dim")
        self.say(f"  crisis-sim join {address} --code {code} {seat} --token {token} --text")

    def narrate(self, e: dict[str, Any]) -> None:
        t = e.get("type")
        role = role_title(str(e.get("role")))
        lines: dict[str, Callable[[], str]] = {
            "turn_started": lambda: _("── Turn {turn}: {label} ──").format(
                turn=e["turn"], label=e["label"]
            ),
            "inject_shown": lambda: _("New: {headline}").format(headline=e["headline"]),
            "decision_answered": lambda: _("{role} answered {decision}").format(
                role=role, decision=e["decision"]
            ),
            "rank_submitted": lambda: _("{role} ranked {decision}").format(
                role=role, decision=e["decision"]
            ),
            "decision_timed_out": lambda: _("{role}: time ran out on {decision}").format(
                role=role, decision=e["decision"]
            ),
            "decision_skipped": lambda: _("The facilitator skipped {decision}").format(
                decision=e["decision"]
            ),
            "timer_extended": lambda: _("{decision} has {n:g} s more").format(
                decision=e["decision"], n=e["seconds"]
            ),
            "message_sent": lambda: _("{role} sent a message to {to}").format(
                role=role, to=format_list([str(x) for x in e["stakeholders"]])
            ),
            "role_ended_turn": lambda: _("{role} ended the turn").format(role=role),
            "game_paused": lambda: _("The facilitator paused the game."),
            "game_resumed": lambda: _("The game goes on."),
            "game_ended": lambda: _("The exercise is over: {title}").format(title=e["title"]),
            "chat": lambda: (
                _("[{name} → {to}] {text}").format(
                    name=e["name"], to=role_title(e["to"]), text=e["text"]
                )
                if e.get("to")
                else _("[{name}] {text}").format(name=e["name"], text=e["text"])
            ),
            "note": lambda: (
                _("(note by {by}, {objective}: {rating}) {text}").format(
                    by=e["by"], objective=e["objective"], rating=e["rating"], text=e["text"]
                )
                if e.get("rating")
                else _("(note by {by}) {text}").format(by=e["by"], text=e["text"])
            ),
            "seat": lambda: (
                _("Seat {seat}: {what} ({name})").format(
                    seat=seat_title(e["seat"]), what=e["what"], name=e["seat"]["name"]
                )
                if e["seat"].get("name")
                else _("Seat {seat}: {what}").format(seat=seat_title(e["seat"]), what=e["what"])
            ),
            "notice": lambda: f"! {e['text']}",
            "started": lambda: _("The facilitator started the exercise."),
        }
        make = lines.get(str(t))
        if make is None:
            return
        try:
            self.say(make(), "cyan" if t in ("chat", "note") else "dim")
        except (KeyError, TypeError, ValueError):
            return  # a malformed event from the host is not shown

    def _signature(self) -> tuple[Any, ...]:
        v = self.view or {}
        if v.get("lobby"):
            return ("lobby", tuple((s["role"], s["name"]) for s in v["table"]["seats"]))
        return (
            v.get("turn", {}).get("number"),
            tuple(p["id"] for p in v.get("pending", []) if p.get("deadline") is not None),
            tuple(i["id"] for i in v.get("injects", [])),
            v.get("paused"),
            v.get("held"),
            v.get("bot"),
        )

    def show_view(self, *, force: bool = False) -> None:
        """Print the state when it changed in a way a person must see (or on ``look``)."""
        v = self.view
        if not isinstance(v, dict):
            return
        sig = self._signature()
        if not force and sig == self._shown:
            return
        self._shown = sig
        self._full = force
        try:
            if v.get("lobby"):
                self._lobby(v)
            else:
                self._game(v)
        except (KeyError, TypeError, ValueError, IndexError):
            self.say(_("(the host sent a view this client cannot read)"), "red")

    def _lobby(self, v: dict[str, Any]) -> None:
        self.say(_("Seats:"), "bold")
        width = _title_width(v["table"]["seats"])
        for s in v["table"]["seats"]:
            who = s["name"] or (f"bot:{s['bot']}" if s["bot"] else _("(empty)"))
            self.say(f"  {pad(seat_title(s), width)} {who}")
        if self.seat == FACILITATOR:
            self.say(_("Type `start` when everyone is seated (`start good` fills empty seats)."))
        else:
            self.say(_("Waiting for the facilitator to start."))

    def _game(self, v: dict[str, Any]) -> None:
        turn = v["turn"]
        self.say(
            _("Turn {n}/{total} · {label} · {phase}").format(
                n=turn["number"],
                total=v["scenario"]["turns"],
                label=turn["label"],
                phase=names.phase(str(turn["phase"])),
            )
            + (" · " + _("PAUSED") if v["paused"] else ""),
            "bold",
        )
        self.say(_metrics(v))
        if v.get("held"):
            self.say(_("The facilitator has taken over your seat for now."), "yellow")
        if v.get("bot"):
            self.say(
                _("A bot ({policy}) plays your seat while you are away.").format(policy=v["bot"]),
                "yellow",
            )
        # the injects not shown yet (all of the latest few on `look`), oldest first
        fresh = [i for i in v.get("injects", []) if self._full or i["id"] not in self._seen]
        for inj in reversed(fresh[:5] if self._full else fresh):
            self._seen.add(inj["id"])
            self.say(f"[{names.channel(str(inj['channel']))}] {inj['headline']}", "bold yellow")
            if inj.get("body"):
                self.say(f"  {reflow(inj['body'])}")  # whole: the scenario's size is bounded
        if self.seat in (FACILITATOR, OBSERVER):
            self._staff(v)
        elif self.seat != PROJECTOR:
            self._player(v)
        else:
            self._board(v)

    def _player(self, v: dict[str, Any]) -> None:
        for p in v["pending"]:
            left = _time(_left(v, p["deadline"]))
            self.say(
                _("Decision {id} ({time} left): {prompt}").format(
                    id=p["id"], time=left, prompt=reflow(p["prompt"])
                ),
                "bold",
            )
            for n, o in enumerate(p["options"] or p["items"], 1):
                self.say(f"  {n}. {o['text']}")
        if not v["pending"] and not v["finished"]:
            if v["ended"]:
                self.say(_("You ended this turn; waiting for the others."), "dim")
            else:
                self.say(_("Nothing to decide: send messages, then `end`."), "dim")

    def _board(self, v: dict[str, Any]) -> None:
        for s in v["stakeholders"]:
            if s["required"]:
                if s["informed_turn"]:
                    state = _("informed (overdue)") if s["overdue"] else _("informed")
                else:
                    state = _("not yet (overdue)") if s["overdue"] else _("not yet")
                self.say(
                    _("  {name}: by turn {turn}, {state}").format(
                        name=s["name"], turn=s["deadline_turn"], state=state
                    )
                )
        waiting = format_list([role_title(r) for r in v["waiting_for"]])
        self.say(_("Waiting for: {roles}").format(roles=waiting or _("nobody")), "dim")

    def status(self) -> None:
        """The metrics and the stakeholder board (who must hear what by when): the tutorial
        tells every player to check it with `status`."""
        v = self.view
        if not isinstance(v, dict) or v.get("lobby"):
            self.say(_("The exercise has not started yet."), "dim")
            return
        try:
            self.say(_metrics(v))
            for n, st in enumerate(v["stakeholders"], 1):  # numbered as `send` numbers them
                if st["complete"]:
                    state = _("told everything (turn {turn})").format(turn=st["informed_turn"])
                elif st["informed_turn"]:
                    state = _("told in part (turn {turn})").format(turn=st["informed_turn"])
                else:
                    state = _("not told yet") if st["required"] else _("not needed now")
                if st["overdue"]:
                    state = _("{state}, OVERDUE").format(state=state)
                self.say(
                    _("  {n}. {name}: by turn {turn}, {state}").format(
                        n=n, name=st["name"], turn=st["deadline_turn"], state=state
                    )
                )
            waiting = format_list([role_title(r) for r in v["waiting_for"]])
            self.say(_("Waiting for: {roles}").format(roles=waiting or _("nobody")), "dim")
        except (KeyError, TypeError, ValueError):
            self.say(_("(the host sent a view this client cannot read)"), "red")

    def _staff(self, v: dict[str, Any]) -> None:
        self.seats(v)
        for p in v["pending"]:
            best = [o["id"] for o in p["options"] if o.get("rating") == "best"]
            left = _time(_left(v, p["deadline"]))
            self.say(
                _("  {id} ({role}, {time})").format(
                    id=p["id"], role=role_title(p["role"]), time=left
                )
                + (" " + _("best: {ids}").format(ids=", ".join(best)) if best else ""),
                "dim",
            )

    def seats(self, v: dict[str, Any] | None = None) -> None:
        v = v or self.view or {}
        width = _title_width(v.get("table", {}).get("seats", []))
        for s in v.get("table", {}).get("seats", []):
            who = s["name"] or (pgettext("seat", "bot") if s["bot"] else _("(empty)"))
            state = _("connected") if s["connected"] else _("away")
            if s["bot"]:
                state = f"bot:{s['bot']}"
            if s["held"]:
                state = _("facilitator")
            extra = ""
            if "ended" in s:
                extra = (
                    _("ended turn")
                    if s["ended"]
                    else _("deciding {id}, {time} left").format(
                        id=s["deciding"], time=_time(_left(v, s["deadline"]))
                    )
                    if s["deciding"]
                    else _("composing")
                )
            self.say(f"  {pad(seat_title(s), width)} {pad(who, 16)} {pad(state, 12)} {extra}")

    def show_result(self, msg: dict[str, Any]) -> None:
        from game.terminal.debrief import show_result

        try:
            self.result = Result.from_dict(msg.get("result"))
        except ResultError as e:
            self.say(
                _("The host sent a result this client cannot read: {error}").format(error=e), "red"
            )
            return
        show_result(self.console, self.result)
        if self.seat in self.result.roles:
            card = self.result.scores.roles.get(str(self.seat))
            if card is not None:
                self.say(
                    _("Your role's total: {score:.0f}/100").format(score=card.get("total") or 0),
                    "bold",
                )
        if msg.get("record") and self.seat == FACILITATOR:
            self.say(str(msg["record"]))
        self.say(_("Type `quit` to leave."), "dim")

    # --- from the person ------------------------------------------------------------------

    def help(self, *, short: bool = False) -> None:
        text = {FACILITATOR: FACILITATOR_HELP, OBSERVER: OBSERVER_HELP}.get(
            str(self.seat), N_("Read-only board. Commands: look | quit")
        )
        if self.seat not in (FACILITATOR, OBSERVER, PROJECTOR):
            text = PLAYER_HELP
        self.say(_("Type `help` for the commands.") if short else _(text), "dim")

    def command(self, line: str) -> bool:
        """Run one typed line; False to quit."""
        line = line.strip()
        if not line:
            return True
        if line.split(maxsplit=1)[0].lower() in FREE_TEXT:
            words = line.split()  # shlex would eat the apostrophes of "Ana's and Bob's"
        else:
            try:
                words = shlex.split(line)
            except ValueError:
                words = line.split()
        head, args = words[0].lower(), words[1:]
        if head in ("quit", "exit", "q"):
            return False
        if head == "help":
            self.help()
        elif head == "look":
            self.show_view(force=True)
        elif head == "seats":
            self.seats()
        elif head == "status":
            self.status()
        elif head == "say":
            self.chat(args)
        elif self.seat == FACILITATOR:
            self.facilitate(head, args)
        elif self.seat == OBSERVER:
            self.observe(head, args)
        elif self.seat == PROJECTOR:
            self.say(_("The projector is read-only."), "yellow")
        else:
            self.play(str(self.seat), head, args)
        return True

    def send(self, message: dict[str, Any]) -> None:
        if not self.client.send(message):
            self.say(_("Not connected to the host right now; try again in a moment."), "yellow")

    def action(self, action: dict[str, Any]) -> None:
        self.send({"type": "action", "action": action})

    def chat(self, args: list[str]) -> None:
        to = None
        if args and args[0].startswith("@"):
            to = args[0][1:]
            args = args[1:]
        if not args:
            self.say(_("say what?"), "yellow")
            return
        self.send({"type": "chat", "text": " ".join(args), "to": to})

    def _open(self, role: str, kind: str, args: list[str]) -> tuple[dict[str, Any], list[str]]:
        v = self.view or {}
        pend = [p for p in v.get("pending", []) if p["role"] == role] or list(v.get("pending", []))
        if args and not args[0].isdigit():
            found = [p for p in pend if p["id"] == args[0]]
            if not found:
                raise ValueError(_("no open decision {id!r}").format(id=args[0]))
            return found[0], args[1:]
        kinds = [p for p in pend if (p["kind"] == "rank") == (kind == "rank")]
        if not kinds:
            raise ValueError(_("you have no open decision of that kind"))
        return kinds[0], args

    def play(self, role: str, head: str, args: list[str]) -> None:
        try:
            if head.isdigit():
                head, args = "answer", [head, *args]
            if head == "answer":
                p, rest = self._open(role, "choice", args)
                n = int(rest[0])
                if not 1 <= n <= len(p["options"]):
                    raise ValueError(_("pick 1 to {last}").format(last=len(p["options"])))
                option = p["options"][n - 1]["id"]
                self.action({"type": "answer", "role": role, "decision": p["id"], "option": option})
            elif head == "rank":
                p, rest = self._open(role, "rank", args)
                order = [_nth(p["items"], x, _("item"))["id"] for x in rest]
                self.action({"type": "rank", "role": role, "decision": p["id"], "order": order})
            elif head == "send":
                self.message(role, args)
            elif head == "end":
                self.action({"type": "end_turn", "role": role})
            else:
                self.say(_("Unknown command {word!r}; type help.").format(word=head), "yellow")
        except (ValueError, IndexError) as e:
            self.say(_("{error}; type help.").format(error=e or _("check the numbers")), "yellow")

    def message(self, role: str, args: list[str]) -> None:
        v = self.view or {}
        if len(args) != 3:
            self.say(
                _("{usage}, e.g. {example}").format(
                    usage="send WHO CHANNEL WHAT", example="send 1,2 email 3,5"
                ),
                "yellow",
            )
            stake = v.get("stakeholders", [])
            listed = pgettext("list separator", "; ").join(
                f"{n}. {s['name']}" for n, s in enumerate(stake, 1)
            )
            self.say(_("Stakeholders: {list}").format(list=listed))
            self.say(_("Channels: {list}").format(list=", ".join(v.get("channels", []))))
            for n, st in enumerate(v.get("statements", []), 1):
                self.say(f"  {n}. {st['text']}")
            return

        def pick(text: str, items: list[dict[str, Any]]) -> list[str]:
            return [
                _nth(items, w, _("number"))["id"] if w.isdigit() else w for w in text.split(",")
            ]

        who = pick(args[0], v.get("stakeholders", []))
        what = pick(args[2], v.get("statements", []))
        self.action(
            {
                "type": "send_message",
                "role": role,
                "stakeholders": who,
                "channel": args[1],
                "statements": what,
            }
        )

    def facilitate(self, head: str, args: list[str]) -> None:
        simple = {"pause": "pause", "resume": "resume"}
        try:
            if head == "start":
                policy = args[0] if args else None
                if policy is not None and policy not in POLICIES:
                    raise ValueError(
                        _("a bot policy is one of {policies}").format(policies=", ".join(POLICIES))
                    )
                self.send({"type": "control", "command": "start", "policy": policy})
            elif head in simple:
                self.action({"type": simple[head]})
            elif head == "endgame":
                self.send({"type": "control", "command": "end"})
            elif head == "extend":
                self.action(
                    {"type": "extend_timer", "decision": args[0], "seconds": float(args[1])}
                )
            elif head == "skip":
                self.action({"type": "skip_decision", "decision": args[0]})
            elif head == "inject":
                to = None
                if args and args[0].startswith("@"):
                    to = [r for r in args[0][1:].split(",") if r]
                    args = args[1:]
                headline, _sep, body = " ".join(args).partition("|")
                action = {"type": "add_inject", "headline": headline.strip(), "body": body.strip()}
                if to:
                    action["to"] = to
                self.action(action)
            elif head == "release":
                self.send({"type": "control", "command": "release", "inject": args[0]})
            elif head in ("takeover", "handback"):
                command = "take_over" if head == "takeover" else "hand_back"
                self.send({"type": "control", "command": command, "role": args[0]})
            elif head == "empty":
                self.send(
                    {"type": "control", "command": "when_empty", "role": args[0], "policy": args[1]}
                )
            elif head == "act":
                self.play(args[0], args[1].lower(), args[2:])
            elif head == "note":
                self.send({"type": "note", "text": " ".join(args)})
            else:
                self.say(_("Unknown command {word!r}; type help.").format(word=head), "yellow")
        except (IndexError, ValueError) as e:
            self.say(_("{error}; type help.").format(error=e or _("missing arguments")), "yellow")

    def observe(self, head: str, args: list[str]) -> None:
        if head == "note":
            self.send({"type": "note", "text": " ".join(args)})
        elif head == "rate" and len(args) >= 2:
            objectives = (self.view or {}).get("objectives", [])
            oid = args[0]
            if oid.isdigit() and 1 <= int(oid) <= len(objectives):
                oid = objectives[int(oid) - 1]["id"]
            self.send(
                {
                    "type": "note",
                    "text": " ".join(args[2:]),
                    "objective": oid,
                    "rating": args[1].upper(),
                }
            )
        elif head == "objectives" or head == "rate":
            for n, o in enumerate((self.view or {}).get("objectives", []), 1):
                self.say(f"  {n}. {o['id']}: {o['text']}")
        else:
            self.say(_("Unknown command {word!r}; type help.").format(word=head), "yellow")


def run_seat(client: Client, console: Console, stdin: TextIO | None = None) -> int:
    return TextSeat(client.start(), console, stdin=stdin).run()


__all__ = ["TextSeat", "run_seat", "safe"]
