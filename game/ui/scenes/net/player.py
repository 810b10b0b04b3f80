"""A player's turn screen in a network exercise, drawn from the view the host made for this seat:
their messages (newest first), their decisions (prompts, options and deadlines only: the view
holds no answer key), the shared board, the team chat, and the connection's state.

The facilitator uses the same screen to play a seat they took over (``role`` given): the
console's view holds every seat's decisions, and only that role's are shown here.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.i18n import _
from game.net.seatlink import RemoteSeat, safe, title
from game.ui.input import Command, Kind
from game.ui.scenes.common import PHASES, Frame, footer, swap
from game.ui.scenes.net.common import (
    NetScene,
    board_column,
    countdown,
    inject_box,
    status_boxes,
)
from game.ui.widgets import Box, Button, Row, ScrollView, Text, Widget

CHAT_SHOWN = 8


def footer_labels() -> list[str]:
    return [_("M Write a message"), _("C Team chat"), _("E End my turn"), _("Esc Leave")]


class PlayerScene(NetScene):
    name = "net-player"
    key = "player"

    def __init__(self, app, link: RemoteSeat, role: str | None = None) -> None:
        super().__init__(app, link)
        #: the facilitator playing a seat they took over (None: this seat's own player)
        self.acting_for = role
        if role is not None:
            self.key = "console"
        #: inject ids this person has had on screen when they ended a turn (no NEW mark)
        self.read: set[str] = set()
        self.orders: dict[str, list[str]] = {}
        #: every decision this screen has shown, by id: its prompt and option texts stay
        #: known after the host's view drops it (to show what was answered)
        self.known: dict[str, dict[str, Any]] = {}
        #: inject ids already on this screen (None: not built yet), to sound new ones
        self.heard: set[str] | None = None

    @property
    def role(self) -> str:
        return self.acting_for or self.link.seat or ""

    def _injects(self, v: dict[str, Any]) -> list[dict[str, Any]]:
        injects = [i for i in v.get("injects") or () if isinstance(i, dict)]
        if self.acting_for is None:
            return injects  # the host sent this role's messages only
        return [i for i in injects if i.get("to") is None or self.role in (i.get("to") or ())]

    def build(self) -> list[ScrollView]:
        app, t, link = self.app, self.app.theme, self.link
        v = link.view or {}
        self.frame = Frame(app.size, t, footer_labels(), subtitle=self._subtitle())
        body = self.frame.body
        feed: list[Widget] = [Text(_("Messages — newest first"), "heading")]
        for inj in self._injects(v):
            feed.append(inject_box(inj, new=inj.get("id") not in self.read))
        if len(feed) == 1:
            feed.append(Text(_("Nothing yet."), "small", "text_dim"))

        cards: list[Widget] = [*status_boxes(link)]
        if v.get("paused"):
            cards.append(
                Box([Text(_("The facilitator paused the game."), "body", "warn")], stripe="warn")
            )
        if self.acting_for is None and v.get("held"):
            cards.append(
                Box(
                    [Text(_("The facilitator is playing your seat for now."), "body", "accent")],
                    stripe="accent",
                )
            )
        elif self.acting_for is None and v.get("bot"):
            cards.append(Box([Text(_("A bot is playing your seat."), "body", "accent")]))
        cards.append(Text(_("Your decisions"), "heading"))
        pending = [p for p in link.pending(self.role) if isinstance(p, dict)]
        for p in pending:
            self.known[str(p.get("id"))] = p
            cards.append(self._card(p))
        cards += self._resolved()
        ended = self._ended(v)
        if not pending:
            cards.append(
                Text(
                    _("You ended this turn; waiting for the others.")
                    if ended
                    else _(
                        "No decision open. Send the messages your stakeholders need (M), then "
                        "end your turn (E)."
                    ),
                    colour="text_dim",
                )
            )
        waiting = [title(r) for r in v.get("waiting_for") or ()]
        if waiting:
            cards.append(
                Text(_("Still deciding: {roles}").format(roles=", ".join(waiting)), "small")
            )
        cards.append(Text(_("Team chat"), "heading"))
        chat = link.lines(CHAT_SHOWN, kinds=("chat",))
        cards += [Text(line, "small") for line in chat] or [
            Text(_("No chat yet: C writes to the team or to one role."), "small", "text_dim")
        ]
        if self.acting_for is None and link.token:
            cards.append(self._come_back())

        side = board_column(v, self.role)
        can_end = not pending and not ended and not v.get("finished")
        buttons: list[Widget] = [
            Button(_("Write a message"), self.compose, hint="M", key="compose", icon="email"),
            Button(_("Team chat"), self.chat, hint="C", key="chat"),
            Button(
                _("End my turn"),
                self.end_turn,
                hint="E",
                style="primary" if can_end else "normal",
                enabled=can_end,
                key="end",
            ),
        ]
        if link.result is not None:
            buttons.append(
                Button(_("Debrief"), self.show_result, hint="R", style="primary", key="debrief")
            )
        buttons.append(
            Button(
                _("Back to the console") if self.acting_for else _("Leave"),
                self.ask_leave,
                hint="Esc",
                key="leave",
            )
        )
        views = self._columns(body, feed, cards, side)
        return [*views, footer(self.frame, buttons)]

    def _columns(
        self, body: pygame.Rect, feed: list[Widget], cards: list[Widget], side: list[Widget]
    ) -> list[ScrollView]:
        """Three columns as the local turn screen has them; fewer with large text or a small
        window (the decisions first, then the board, then the messages)."""
        from game.ui.scenes.turn import columns_for

        gap = self.app.theme.pad
        columns = columns_for(self.app)
        if columns == 3:
            left_w = right_w = int(body.width * 0.29)
            mid_w = body.width - left_w - right_w - 2 * gap
            left = pygame.Rect(body.x, body.y, left_w, body.height)
            mid = pygame.Rect(left.right + gap, body.y, mid_w, body.height)
            right = pygame.Rect(mid.right + gap, body.y, right_w, body.height)
            return [
                ScrollView("feed", left, feed, bg="panel"),
                ScrollView("cards", mid, cards),
                ScrollView("side", right, side, bg="panel"),
            ]
        if columns == 2:
            mid_w = int(body.width * 0.58)
            mid = pygame.Rect(body.x, body.y, mid_w, body.height)
            right = pygame.Rect(mid.right + gap, body.y, body.width - mid_w - gap, body.height)
            return [
                ScrollView("cards", mid, cards),
                ScrollView("side", right, [Box(side, bg=None, padding=0), *feed], bg="panel"),
            ]
        return [ScrollView("cards", body, [*cards, Box(side), Box(feed)])]

    def update(self, dt: float) -> None:
        if self.link.revision != self.seen:
            self._sound_new_injects()
        super().update(dt)

    def _sound_new_injects(self) -> None:
        """A new message for this seat sounds as on the local turn screen (an alarm louder)."""
        injects = self._injects(self.link.view or {})
        ids = {str(i.get("id")) for i in injects}
        if self.heard is not None:
            new = [i for i in injects if str(i.get("id")) not in self.heard]
            if new:
                alarm = any(i.get("channel") == "alarm" for i in new)
                self.app.play_sound("alarm" if alarm else "notify")
        self.heard = ids

    def _resolved(self) -> list[Widget]:
        """This turn's decisions of this seat that are settled, newest first: what was
        answered, the order given, a timeout or a skip (from the feed)."""
        out: list[Widget] = []
        for item in reversed(self.link.feed):
            kind = item.get("type")
            if kind == "turn_started":
                break
            if item.get("role") != self.role or kind not in (
                "decision_answered", "rank_submitted", "decision_timed_out", "decision_skipped",
            ):  # fmt: skip
                continue
            p = self.known.get(str(item.get("decision")), {})
            if kind == "decision_answered":
                text = {str(o.get("id")): o.get("text") for o in p.get("options") or ()}
                what = _("Your answer: {option}").format(
                    option=safe(text.get(str(item.get("option")), item.get("option")), 300)
                )
            elif kind == "rank_submitted":
                text = {str(i.get("id")): i.get("text") for i in p.get("items") or ()}
                order = [safe(text.get(str(i), i), 80) for i in item.get("order") or ()]
                what = _("Your order: {items}").format(items=" › ".join(order))
            elif kind == "decision_timed_out":
                what = _("Time ran out before an answer.")
            else:
                what = _("The facilitator skipped this decision.")
            out.append(
                Box(
                    [
                        Text(
                            safe(p.get("prompt", item.get("decision", "")), 300),
                            "small",
                            "text_dim",
                        ),
                        Text(what, "small"),
                    ],
                    bg="panel_alt",
                    key=f"done-{safe(item.get('decision', ''), 80)}",
                )
            )
        return out

    def _ended(self, v: dict[str, Any]) -> bool:
        if self.acting_for is None:
            return bool(v.get("ended"))
        return any(r.get("id") == self.role and r.get("ended") for r in v.get("roles") or ())

    def _come_back(self) -> Widget:
        client = self.link.client
        command = (
            f"crisis-sim join {client.url} --code {client.code or 'CODE'} "
            f"--role {self.role} --token {self.link.token}"
        )
        return Box(
            [
                Text(_("If this window closes, come back to your seat with:"), "small", "text_dim"),
                Text(command, "small", "text_dim"),
            ],
            bg="panel_alt",
            key="come-back",
        )

    def _card(self, p: dict[str, Any]) -> Widget:
        did = safe(p.get("id", ""), 80)
        items: list[Widget | None] = [
            countdown(self.app, self.link, p),
            Text(safe(p.get("prompt", ""), 1000), "heading"),
        ]
        if p.get("kind") == "rank":
            entries = {i["id"]: safe(i.get("text", ""), 300) for i in p.get("items") or ()}
            order = self.orders.get(did)
            if order is None or set(order) != set(entries):
                order = self.orders[did] = list(entries)
            items.append(Text(_("Put them in order, most important first."), "small", "text_dim"))
            for n, iid in enumerate(order):
                items.append(
                    Row(
                        [
                            Button(
                                f"{n + 1}. {entries[iid]}", None, fill=True, key=f"item-{did}-{iid}"
                            ),
                            Button(
                                "▲",
                                lambda d=did, i=n: self.move(d, i, -1),
                                enabled=n > 0,
                                key=f"up-{did}-{iid}",
                            ),
                            Button(
                                "▼",
                                lambda d=did, i=n: self.move(d, i, 1),
                                enabled=n < len(order) - 1,
                                key=f"down-{did}-{iid}",
                            ),
                        ],
                        [None, 44, 44],
                        gap=4,
                    )
                )
            items.append(
                Button(
                    _("Submit this order"),
                    lambda d=did: self.submit_rank(d),
                    style="primary",
                    hint="O",
                    key=f"submit-{did}",
                )
            )
        else:
            for n, o in enumerate(p.get("options") or (), 1):
                oid = str(o.get("id"))
                items.append(
                    Button(
                        safe(o.get("text", ""), 500),
                        lambda d=did, o=oid: self.answer(d, o),
                        hint=str(n) if n <= 9 else "",
                        fill=True,
                        key=f"opt-{did}-{safe(o.get('id', ''), 80)}",
                    )
                )
        return Box(items, key=f"card-{did}")

    def _subtitle(self) -> str:
        v = self.link.view or {}
        turn = v.get("turn") or {}
        n = turn.get("number", 0)
        total = (v.get("scenario") or {}).get("turns", 0)
        phase = _(PHASES.get(str(turn.get("phase")), str(turn.get("phase", ""))))
        who = title(self.role)
        if self.acting_for is not None:
            who = _("{role} — played by the facilitator").format(role=who)
        return _("Turn {n} of {total} · {phase} · {who}").format(
            n=n, total=total, phase=phase, who=who
        )

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        v = self.link.view or {}
        label = safe((v.get("turn") or {}).get("label", ""), 200)
        self.draw_frame(surface, label, self._subtitle())

    # -- actions ---------------------------------------------------------------------------

    def answer(self, decision: str, option: str) -> None:
        self.link.answer(self.role, decision, option)
        self.invalidate()

    def move(self, decision: str, index: int, step: int) -> None:
        if swap(self.orders[decision], index, step):
            self.invalidate()

    def submit_rank(self, decision: str) -> None:
        self.link.rank(self.role, decision, list(self.orders.get(decision, [])))
        self.invalidate()

    def end_turn(self) -> None:
        v = self.link.view or {}
        seen = {str(i.get("id")) for i in self._injects(v)}
        if self.link.end_turn(self.role):
            self.read |= seen
        self.invalidate()

    def compose(self) -> None:
        from game.ui.scenes.net.dialogs import MessageScene

        if self.link.view and not self.link.view.get("finished"):
            self.app.push(MessageScene(self.app, self.link, self.role))

    def chat(self) -> None:
        from game.ui.scenes.net.dialogs import ChatScene

        self.app.push(ChatScene(self.app, self.link))

    def ask_leave(self) -> None:
        if self.acting_for is not None:
            self.app.pop()
        else:
            from game.ui.scenes.net.dialogs import LeaveScene

            self.app.push(LeaveScene(self.app, self.link))

    def handle(self, cmd: Command) -> None:
        k = cmd.kind
        if k is Kind.BACK:
            self.ask_leave()
        elif k is Kind.SHORTCUT and cmd.text == "m":
            self.compose()
        elif k is Kind.SHORTCUT and cmd.text == "c":
            self.chat()
        elif k is Kind.SHORTCUT and cmd.text == "e":
            self.end_turn()
        elif k is Kind.SHORTCUT and cmd.text == "o":
            ranks = [p for p in self.link.pending(self.role) if p.get("kind") == "rank"]
            if ranks:
                self.submit_rank(str(ranks[0].get("id")))
        elif k is Kind.NUMBER:
            choices = [p for p in self.link.pending(self.role) if p.get("kind") != "rank"]
            if choices:
                options = choices[0].get("options") or []
                if 1 <= cmd.value <= len(options):
                    self.answer(str(choices[0].get("id")), str(options[cmd.value - 1].get("id")))
        else:
            super().handle(cmd)
