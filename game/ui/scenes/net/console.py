"""The facilitator's console in the window (``crisis-sim host``): every seat's status, the live
feed, and the controls of the exercise.

Seats (left): who sits where, connected or away, deciding or done, the earliest time left;
take over / hand back a seat (and play it), and what an empty seat does (wait, or a bot).
Feed (middle): decisions, messages, chat, notes and seat changes as they happen.
Controls (right): start, pause/resume, end the exercise, the projector view, the team chat,
the join code (and its QR code), each open decision (extend its timer, skip it), the injects
still scheduled (release one now) and an ad-hoc inject to chosen roles.

The console is a seat like any other: it sends protocol messages to the host over loopback
(the facilitator's key), and the host's table, on the server's own thread, authorises them.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.engine.seats import POLICIES
from game.i18n import _
from game.net.seatlink import RemoteSeat, clock_text, safe, title
from game.ui.input import Command, Kind
from game.ui.scenes.common import Frame, footer, inject_fields
from game.ui.scenes.net.common import (
    NetScene,
    feed_texts,
    live_text,
    seat_row_text,
    status_boxes,
)
from game.ui.scenes.net.dialogs import NetDialog, QuitDialog
from game.ui.widgets import Box, Button, Custom, Flow, ScrollView, Text, Widget

#: seconds one press of "+1 min" gives a decision
EXTEND = 60.0
#: what an empty seat does, in the order the button cycles through
EMPTY_CHOICES = ("wait", *POLICIES)


def qr_widget(text: str, key: str = "qr") -> Widget | None:
    """The join command as a QR code (segno: pure Python), drawn with rectangles."""
    try:
        import segno

        rows = [list(r) for r in segno.make(text, error="l").matrix]
    except Exception:
        return None
    n = len(rows) + 4  # a quiet zone of two modules

    def height(width: int) -> int:
        return min(width, 240) // n * n

    def paint(surf: pygame.Surface, r: pygame.Rect) -> None:
        cell = max(1, min(r.width, 240) // n)
        pygame.draw.rect(surf, (255, 255, 255), (r.x, r.y, cell * n, cell * n))
        for y, row in enumerate(rows):
            for x, dark in enumerate(row):
                if dark:
                    rect = (r.x + (x + 2) * cell, r.y + (y + 2) * cell, cell, cell)
                    pygame.draw.rect(surf, (0, 0, 0), rect)

    return Custom(height, paint, key=key, live=False)


class ConsoleScene(NetScene):
    name = "net-console"
    key = "console"

    def __init__(self, app, link: RemoteSeat) -> None:
        super().__init__(app, link)
        self.headline = ""
        self.body = ""
        self.to: list[str] = []
        self.notice = ""

    # -- building --------------------------------------------------------------------------

    def build(self) -> list[ScrollView]:
        app, t, link = self.app, self.app.theme, self.link
        v = link.view or {}
        labels = [_("S Pause/resume"), _("P Projector"), _("C Team chat"), _("Esc Close")]
        self.frame = Frame(app.size, t, labels, subtitle=self._subtitle())
        body = self.frame.body
        gap = t.pad
        left_w = int(body.width * 0.34)
        right_w = int(body.width * 0.33)
        mid_w = body.width - left_w - right_w - 2 * gap
        left = pygame.Rect(body.x, body.y, left_w, body.height)
        mid = pygame.Rect(left.right + gap, body.y, mid_w, body.height)
        right = pygame.Rect(mid.right + gap, body.y, right_w, body.height)
        feed = [Text(_("Live feed — newest first"), "heading"), *feed_texts(link, 80)]
        views = [
            ScrollView("seats", left, self._seats(v), bg="panel"),
            ScrollView("feed", mid, feed),
            ScrollView("controls", right, self._controls(v), bg="panel"),
        ]
        buttons: list[Widget] = []
        if not link.lobby and not v.get("finished"):
            buttons.append(
                Button(
                    _("Resume") if v.get("paused") else _("Pause for everyone"),
                    self.toggle_pause,
                    hint="S",
                    style="primary" if v.get("paused") else "normal",
                    key="pause",
                )
            )
        buttons += [
            Button(_("Projector view"), self.projector, hint="P", key="projector"),
            Button(_("Team chat"), self.chat, hint="C", key="chat"),
        ]
        if link.result is not None:
            buttons.append(
                Button(_("Debrief"), self.show_result, hint="R", style="primary", key="debrief")
            )
        buttons.append(Button(_("Close"), self.close, hint="Esc", key="close"))
        return [*views, footer(self.frame, buttons)]

    def _seats(self, v: dict[str, Any]) -> list[Widget]:
        link = self.link
        started = not link.lobby
        out: list[Widget] = [*status_boxes(link)]
        if not started:
            out += [
                Text(_("Start the exercise when everyone is seated."), "small", "text_dim"),
                Flow(
                    [
                        Button(_("Start"), self.start, style="primary", key="start"),
                        Button(
                            _("Start, bots in the empty seats"),
                            lambda: self.start("good"),
                            key="start-bots",
                        ),
                    ]
                ),
            ]
        out.append(Text(_("Seats"), "heading"))
        for row in (v.get("table") or {}).get("seats") or ():
            role = str(row.get("role"))
            line, colour = seat_row_text(row)
            items: list[Widget | None] = [Text(line, "body", colour)]
            deadline = row.get("deadline")
            if started and deadline is not None:
                items.append(
                    live_text(self.app, lambda d=deadline: self._left(d), key=f"left-{role}")
                )
            actions: list[Widget] = []
            fixed = bool(row.get("bot")) and row.get("when_empty") == "wait" and not row.get("name")
            if started and not fixed:
                if row.get("held"):
                    actions += [
                        Button(
                            _("Play this seat"),
                            lambda r=role: self.play(r),
                            style="primary",
                            key=f"play-{role}",
                        ),
                        Button(
                            _("Hand back"),
                            lambda r=role: self.control("hand_back", r),
                            key=f"handback-{role}",
                        ),
                    ]
                else:
                    actions.append(
                        Button(
                            _("Take over"),
                            lambda r=role: self.control("take_over", r),
                            key=f"takeover-{role}",
                        )
                    )
            if row.get("name") or not started:
                empty = str(row.get("when_empty") or "wait")
                label = (
                    _("If empty: wait")
                    if empty == "wait"
                    else _("If empty: {policy} bot").format(policy=safe(empty, 20))
                )
                actions.append(
                    Button(
                        label, lambda r=role, e=empty: self.cycle_empty(r, e), key=f"empty-{role}"
                    )
                )
            if actions:
                items.append(Flow(actions))
            out.append(Box(items, bg="panel_alt", key=f"seat-{role}"))
        return out

    def _controls(self, v: dict[str, Any]) -> list[Widget]:
        link = self.link
        out: list[Widget] = []
        if self.notice:
            out.append(Box([Text(self.notice, "small", "good")], stripe="good", key="notice"))
        if link.record and link.result is not None:
            out.append(Text(link.record, "small", "text_dim"))
        invite: list[Widget] = [Text(_("Players join with"), "heading")]
        if link.invite:
            invite.append(Text(link.invite, "small"))
            qr = qr_widget(link.invite)
            if qr is not None:
                invite.append(qr)
        running = not link.lobby and not v.get("finished")
        if not running:
            return out + invite
        out.append(Text(_("Open decisions"), "heading"))
        pending = [p for p in v.get("pending") or () if isinstance(p, dict)]
        for p in pending:
            did = safe(p.get("id", ""), 80)
            out.append(
                Box(
                    [
                        live_text(self.app, lambda p=p: self._decision_line(p)),
                        Text(safe(p.get("prompt", ""), 300), "small"),
                        Flow(
                            [
                                Button(
                                    _("+1 min"), lambda d=did: self.extend(d), key=f"extend-{did}"
                                ),
                                Button(_("Skip"), lambda d=did: self.skip(d), key=f"skip-{did}"),
                            ]
                        ),
                    ],
                    bg="panel_alt",
                    key=f"dec-{did}",
                )
            )
        if not pending:
            out.append(Text(_("None."), "small", "text_dim"))
        scheduled = [s for s in v.get("scheduled") or () if isinstance(s, dict)]
        if scheduled:
            out.append(Text(_("Scheduled injects"), "heading"))
            for s in scheduled[:20]:
                iid = safe(s.get("id", ""), 80)
                out.append(
                    Box(
                        [
                            Text(
                                _("Turn {n}: {headline}").format(
                                    n=s.get("turn"), headline=safe(s.get("headline", ""), 200)
                                ),
                                "small",
                            ),
                            Button(
                                _("Release now"),
                                lambda i=iid: self.release(i),
                                key=f"release-{iid}",
                            ),
                        ],
                        bg="panel_alt",
                        key=f"sched-{iid}",
                    )
                )
        roles = [str(r.get("id")) for r in v.get("roles") or ()]
        out += [
            Text(_("Send an inject now"), "heading"),
            *inject_fields(self.headline, self.body, self._set),
            Text(_("To (none chosen: every role)"), "small", "text_dim"),
            Flow(
                [
                    Button(
                        title(r),
                        lambda r=r: self.flip_to(r),
                        style="toggle",
                        selected=r in self.to,
                        key=f"to-{r}",
                    )
                    for r in roles
                ]
            ),
            Button(_("Send the inject"), self.inject, style="primary", key="inject"),
            Text(_("The end"), "heading"),
            Button(_("End the exercise now"), self.confirm_end, style="danger", key="end"),
            *invite,
        ]
        return out

    def _left(self, deadline: object) -> str:
        left = self.link.left(deadline)
        return _("time left: {time}").format(time=clock_text(left)) if left is not None else ""

    def _decision_line(self, p: dict[str, Any]) -> str:
        left = self.link.left(p.get("deadline"))
        when = (
            _("{time} left").format(time=clock_text(left))
            if left is not None
            else _("not shown yet")
        )
        return f"{title(p.get('role'))} · {when}"

    def _subtitle(self) -> str:
        v = self.link.view or {}
        sc = v.get("scenario") or {}
        name = safe(sc.get("title", ""), 200)
        if self.link.lobby:
            return _("{scenario} · waiting to start").format(scenario=name)
        turn = v.get("turn") or {}
        state = ""
        if v.get("finished"):
            state = _("the exercise is over")
        elif v.get("paused"):
            state = _("PAUSED")
        text = _("{scenario} · turn {n} of {total}").format(
            scenario=name, n=turn.get("number", 0), total=sc.get("turns", 0)
        )
        return f"{text} · {state}" if state else text

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        code = self.link.join_code
        heading = _("Facilitator console")
        if code:
            heading = _("Facilitator console · code {code}").format(code=code)
        self.draw_frame(surface, heading, self._subtitle())

    # -- actions ---------------------------------------------------------------------------

    def _set(self, field: str):
        def set_(value: str) -> None:
            setattr(self, field, value)

        return set_

    def _done(self, ok: bool, text: str) -> None:
        if ok:
            self.notice = text
            self.app.toasts.show(text, "good")
        self.invalidate()

    def start(self, fill: str | None = None) -> None:
        self.link.control("start", policy=fill)
        self.invalidate()

    def control(self, command: str, role: str) -> None:
        self.link.control(command, role=role)
        self.invalidate()

    def cycle_empty(self, role: str, current: str) -> None:
        i = EMPTY_CHOICES.index(current) if current in EMPTY_CHOICES else 0
        self.link.control(
            "when_empty", role=role, policy=EMPTY_CHOICES[(i + 1) % len(EMPTY_CHOICES)]
        )
        self.invalidate()

    def toggle_pause(self) -> None:
        v = self.link.view or {}
        if self.link.lobby or v.get("finished"):
            return
        if v.get("paused"):
            self.link.resume()
        else:
            self.link.pause()
        self.invalidate()

    def extend(self, decision: str) -> None:
        ok = self.link.extend(decision, EXTEND)
        self._done(ok, _("Gave {decision} one more minute.").format(decision=decision))

    def skip(self, decision: str) -> None:
        self._done(self.link.skip(decision), _("Skipped {decision}.").format(decision=decision))

    def release(self, inject: str) -> None:
        ok = self.link.control("release", inject=inject)
        self._done(ok, _("Released {inject} now.").format(inject=inject))

    def flip_to(self, role: str) -> None:
        if role in self.to:
            self.to.remove(role)
        else:
            self.to.append(role)
        self.invalidate()

    def inject(self) -> None:
        headline = self.headline.strip()
        if not headline:
            self.app.toasts.show(_("Write the inject's headline first."), "bad")
            return
        if self.link.add_inject(headline, self.body.strip(), list(self.to) or None):
            self.headline = self.body = ""
            self.to = []
            self._done(True, _("Inject sent: {headline}").format(headline=headline))
        self.invalidate()

    def confirm_end(self) -> None:
        self.app.push(EndScene(self.app, self.link))

    def play(self, role: str) -> None:
        from game.ui.scenes.net.player import PlayerScene

        self.app.push(PlayerScene(self.app, self.link, role))

    def projector(self) -> None:
        from game.ui.scenes.net.projector import ProjectorScene

        self.app.push(ProjectorScene(self.app, self.link, from_console=True))

    def chat(self) -> None:
        from game.ui.scenes.net.dialogs import ChatScene

        self.app.push(ChatScene(self.app, self.link))

    def close(self) -> None:
        self.app.push(CloseScene(self.app, self.link))

    def handle(self, cmd: Command) -> None:
        k = cmd.kind
        if k is Kind.BACK and not self.typing:
            self.close()
        elif k is Kind.SHORTCUT and cmd.text == "p":
            self.projector()
        elif k is Kind.SHORTCUT and cmd.text == "c":
            self.chat()
        elif k is Kind.SHORTCUT and cmd.text == "s":
            self.toggle_pause()
        else:
            super().handle(cmd)


class EndScene(NetDialog):
    """ "End the exercise now?": every open decision is skipped and the scenario ends."""

    name = "net-end"

    def build(self) -> list[ScrollView]:
        return self.panel(
            [
                Text(_("End the exercise for everyone now?"), "heading"),
                Text(
                    _(
                        "Every open decision is recorded as skipped and the scenario reaches its "
                        "ending; the result says the facilitator ended it early."
                    ),
                    "small",
                    "text_dim",
                ),
                Flow(
                    [
                        Button(_("End it"), self.end, style="danger", key="confirm"),
                        Button(_("Go on"), self.app.pop, hint="Esc", key="cancel"),
                    ]
                ),
            ]
        )

    def end(self) -> None:
        self.link.control("end")
        self.app.pop()


class CloseScene(QuitDialog):
    """Closing the console stops hosting: every seat is told the host closed the exercise."""

    name = "net-close"

    def words(self) -> tuple[str, str, str]:
        if self.link.result is not None:
            meaning = _("The exercise is over and recorded.")
        else:
            meaning = _(
                "This stops hosting: every player is disconnected. The game so far is "
                "in the host's autosave."
            )
        return _("Close the console?"), meaning, _("Close")
