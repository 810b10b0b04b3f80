"""Compose a message: stakeholders, a channel and statements (their text only), preview, send.

What a statement covers and whether it is risky is never shown: judging that is the exercise.
"""

from __future__ import annotations

import pygame

from game.engine import actions as act
from game.engine import events as ev
from game.i18n import _, format_list, pgettext
from game.scenario.model import MESSAGE_CHANNELS
from game.ui.input import Command, Kind
from game.ui.match import Match
from game.ui.scene import Scene
from game.ui.scenes.common import (
    Frame,
    channel_name,
    draw_header,
    footer,
    join_sentences,
    role_title,
)
from game.ui.widgets import Box, Button, Flow, ScrollView, Text

#: one letter per channel, shown on its chip; none is S (send) or C (clear)
CHANNEL_KEYS = {
    "email": "e",
    "phone": "p",
    "press_release": "r",
    "social": "o",
    "meeting": "m",
    "letter": "l",
}
#: stakeholders are F1-F12, in the order of the list (F-keys never clash with a letter)
MAX_STAKEHOLDER_KEYS = 12
#: narrower than this many body-text widths: the preview goes under the choices
ONE_COLUMN_EMS = 40
_CHANNEL_OF_KEY = {k: c for c, k in CHANNEL_KEYS.items()}


class ComposeScene(Scene):
    name = "compose"

    def __init__(self, app, match: Match, role: str, turn_scene) -> None:
        super().__init__(app)
        self.match, self.role, self.turn_scene = match, role, turn_scene
        self.to: list[str] = []
        self.channel: str | None = None
        self.statements: list[str] = []
        self.error = ""

    def build(self) -> list[ScrollView]:
        t = self.app.theme
        self.frame = Frame(self.app.size, t)
        sc = self.match.scenario
        s = self.match.session
        status = {st.stakeholder.id: st for st in s.stakeholder_status()}
        who = []
        for n, sh in enumerate(sc.stakeholders, 1):
            st = status[sh.id]
            mine = self.role in sc.owners_of(sh)
            if st.overdue:
                label = (
                    _("{stakeholder} — by turn {n} ★ yours · OVERDUE")
                    if mine
                    else _("{stakeholder} — by turn {n} · OVERDUE")
                )
            else:
                label = (
                    _("{stakeholder} — by turn {n} ★ yours")
                    if mine
                    else _("{stakeholder} — by turn {n}")
                )
            who.append(
                Button(
                    label.format(stakeholder=sh.name, n=st.deadline_turn),
                    lambda i=sh.id: self.toggle(self.to, i),
                    style="toggle",
                    selected=sh.id in self.to,
                    hint=f"F{n}" if n <= MAX_STAKEHOLDER_KEYS else "",
                    key=f"to-{sh.id}",
                )
            )
        channels = [
            Button(
                _("{channel} (down)").format(channel=channel_name(c))
                if s.channel_down(c) is not None
                else channel_name(c),
                lambda c=c: self.set_channel(c),
                style="toggle",
                selected=self.channel == c,
                hint=CHANNEL_KEYS[c].upper(),
                key=f"ch-{c}",
                icon=c,
            )
            for c in MESSAGE_CHANNELS
        ]
        stmts = [
            Button(
                st.text,
                lambda i=st.id: self.toggle(self.statements, i),
                style="toggle",
                selected=st.id in self.statements,
                fill=True,
                hint=str(n) if n <= 9 else "",
                key=f"st-{st.id}",
            )
            for n, st in enumerate(s.usable_statements(), 1)
        ]
        channel_box = Box([Text(_("2. Which channel?"), "heading"), Flow(channels)])
        left = [
            Box([Text(_("1. To whom?"), "heading"), Flow(who)]),
            channel_box,
            Box(
                [
                    Text(
                        _(
                            "3. What do you say? Pick the statements, in the order they should "
                            "read."
                        ),
                        "heading",
                    ),
                    *(
                        stmts
                        or [
                            Text(
                                _(
                                    "Nothing to say yet: what you can tell the stakeholders comes "
                                    "with the news of the coming turns."
                                ),
                                colour="text_dim",
                            )
                        ]
                    ),
                ]
            ),
        ]
        text = {st.id: st.text for st in sc.statements}
        names = {sh.id: sh.name for sh in sc.stakeholders}
        preview = [
            Text(_("Preview"), "heading"),
            Text(
                _("To: {names}").format(
                    names=format_list([names[i] for i in self.to]) if self.to else "—"
                ),
                "small",
                "text_dim",
            ),
            Text(
                _("Via: {channel}").format(
                    channel=channel_name(self.channel) if self.channel else "—"
                ),
                "small",
                "text_dim",
            ),
            Text(_("From: {role}").format(role=role_title(self.role)), "small", "text_dim"),
            Box(
                [
                    Text(
                        join_sentences([text[i] for i in self.statements])
                        or _("(no statements yet)")
                    )
                ],
                bg="panel_alt",
            ),
        ]
        if self.error:
            preview.append(Text(self.error, colour="bad"))
        ready = bool(self.to and self.channel and self.statements)
        body = self.frame.body
        if body.width / t.sizes["body"] < ONE_COLUMN_EMS:  # large text or a small window
            # one column: a side preview would leave the choices a few words wide
            views = [ScrollView("choose", body, [*left, Box(preview, bg="panel")])]
        else:
            lw = int(body.width * 0.62)
            lrect = pygame.Rect(body.x, body.y, lw, body.height)
            rrect = pygame.Rect(body.x + lw + t.pad, body.y, body.width - lw - t.pad, body.height)
            # the channels above the preview: the statements then start on the first screen
            views = [
                ScrollView("choose", lrect, [b for b in left if b is not channel_box]),
                ScrollView("preview", rrect, [channel_box, *preview], bg="panel"),
            ]
        return [
            *views,
            footer(
                self.frame,
                [
                    Button(
                        pgettext("button", "Send"),
                        self.send,
                        style="primary",
                        enabled=ready,
                        hint="S",
                        key="send",
                    ),
                    Button(pgettext("button", "Clear"), self.clear, hint="C", key="clear"),
                    Button(pgettext("button", "Cancel"), self.app.pop, hint="Esc", key="cancel"),
                ],
            ),
        ]

    def toggle(self, items: list[str], item: str) -> None:
        if item in items:
            items.remove(item)
        else:
            items.append(item)
        self.invalidate()

    def toggle_statement(self, n: int) -> None:
        """1–9: pick (or drop) the n-th statement in the list, as a click on it does."""
        usable = self.match.session.usable_statements()
        if 1 <= n <= len(usable):
            self.toggle(self.statements, usable[n - 1].id)

    def toggle_stakeholder(self, n: int) -> None:
        """F1–F12: pick (or drop) the n-th stakeholder in the list, as a click on it does."""
        stakeholders = self.match.scenario.stakeholders
        if 1 <= n <= min(len(stakeholders), MAX_STAKEHOLDER_KEYS):
            self.toggle(self.to, stakeholders[n - 1].id)

    def set_channel(self, c: str) -> None:
        self.channel = c
        self.invalidate()

    def clear(self) -> None:
        self.to, self.channel, self.statements = [], None, []
        self.invalidate()

    def send(self) -> None:
        if not (self.to and self.channel and self.statements):
            return
        before = len(self.match.events)
        ok = self.match.apply(
            act.SendMessage(self.role, tuple(self.to), self.channel, tuple(self.statements))
        )
        lost = next(
            (e for e in self.match.events[before:] if isinstance(e, ev.MessageNotDelivered)), None
        )
        if lost is not None:  # the channel is down: say so here, so another can be chosen
            self.error = lost.text
            self.app.toasts.show(self.error, "bad")  # the preview may be scrolled away
            self.invalidate()
        elif ok:
            names = {sh.id: sh.name for sh in self.match.scenario.stakeholders}
            sent = _("Message sent to {names}").format(
                names=format_list([names[i] for i in self.to])
            )
            self.turn_scene.notice = sent
            self.turn_scene.invalidate()
            self.app.toasts.show(sent)
            self.app.pop()
        else:
            self.error = self.match.error
            self.app.toasts.show(self.error, "bad")
            self.invalidate()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        draw_header(
            surface,
            self.app.theme,
            self.frame,
            _("Write a message"),
            f"{role_title(self.role)} · {self.match.session.turn.label}",
        )

    def update(self, dt: float) -> None:
        m = self.match
        if m.session.finished or m.active != self.role:  # the turn moved on meanwhile
            self.app.pop()
            return
        super().update(dt)

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK:
            self.app.pop()
        elif cmd.kind is Kind.SHORTCUT and cmd.text == "s":
            self.send()
        elif cmd.kind is Kind.SHORTCUT and cmd.text == "c":
            self.clear()
        elif cmd.kind is Kind.SHORTCUT and cmd.text in _CHANNEL_OF_KEY:
            self.set_channel(_CHANNEL_OF_KEY[cmd.text])
        elif cmd.kind is Kind.FUNCTION:
            self.toggle_stakeholder(cmd.value)
        elif cmd.kind is Kind.NUMBER:
            self.toggle_statement(cmd.value)
        else:
            super().handle(cmd)
