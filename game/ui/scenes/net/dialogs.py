"""Overlays of the network scenes: writing a message to stakeholders, the team chat, leaving.

Each sends one protocol message through the seat's link and closes; the host's answer (the
message in the feed, or a refusal) shows on the screen below."""

from __future__ import annotations

from game.i18n import _
from game.net.seatlink import RemoteSeat, safe, title
from game.table.text import MAX_CHAT
from game.ui.input import Command, Kind
from game.ui.scenes.common import CHANNEL_NAMES, PanelOverlay
from game.ui.widgets import Button, Flow, ScrollView, Text, TextField, Widget


class NetDialog(PanelOverlay):
    """A panel over the scene below, which stays visible (dimmed) behind it."""

    def __init__(self, app, link: RemoteSeat) -> None:
        super().__init__(app)
        self.link = link

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK and not self.typing:
            self.app.pop()
        else:
            super().handle(cmd)


class MessageScene(NetDialog):
    """Write to stakeholders: who, on which channel, with which prepared statements."""

    name = "net-message"

    def __init__(self, app, link: RemoteSeat, role: str) -> None:
        super().__init__(app, link)
        self.role = role
        self.who: list[str] = []
        self.channel = ""
        self.what: list[str] = []
        self.error = ""

    @staticmethod
    def _toggle(items: list[str], value: str) -> None:
        if value in items:
            items.remove(value)
        else:
            items.append(value)

    def _flip(self, items: list[str], value: str):
        def flip() -> None:
            self._toggle(items, value)
            self.invalidate()

        return flip

    def set_channel(self, channel: str) -> None:
        self.channel = channel
        self.invalidate()

    def build(self) -> list[ScrollView]:
        v = self.link.view or {}
        stake = [
            Button(
                safe(s.get("name", ""), 120)
                + ("  ★" if self.role in (s.get("owners") or ()) else ""),
                self._flip(self.who, str(s.get("id"))),
                style="toggle",
                selected=str(s.get("id")) in self.who,
                key=f"who-{safe(s.get('id', ''), 80)}",
            )
            for s in v.get("stakeholders") or ()
        ]
        channels = [
            Button(
                _(CHANNEL_NAMES.get(c, c)),
                lambda c=str(c): self.set_channel(c),
                style="toggle",
                selected=self.channel == c,
                icon=c if c in CHANNEL_NAMES else None,
                key=f"ch-{safe(c, 40)}",
            )
            for c in v.get("channels") or ()
        ]
        statements = [
            Button(
                safe(x.get("text", ""), 600),
                self._flip(self.what, str(x.get("id"))),
                style="toggle",
                selected=str(x.get("id")) in self.what,
                fill=True,
                key=f"st-{safe(x.get('id', ''), 80)}",
            )
            for x in v.get("statements") or ()
        ]
        ready = bool(self.who and self.channel and self.what)
        return self.panel(
            [
                Text(_("Write a message as the {role}").format(role=title(self.role)), "heading"),
                Text(_("To whom"), "heading"),
                Flow(stake) if stake else Text(_("No stakeholders."), "small", "text_dim"),
                Text(_("Channel"), "heading"),
                Flow(channels),
                Text(_("What it says (choose one or more statements)"), "heading"),
                *(
                    statements
                    or [Text(_("No prepared statement can be used yet."), "small", "text_dim")]
                ),
                Text(self.error, "small", "bad") if self.error else None,
                Flow(
                    [
                        Button(
                            _("Send"),
                            self.send,
                            style="primary",
                            enabled=ready,
                            hint="Enter" if ready else "",
                            key="send",
                        ),
                        Button(_("Cancel"), self.app.pop, hint="Esc", key="cancel"),
                    ]
                ),
            ]
        )

    def send(self) -> None:
        if not (self.who and self.channel and self.what):
            self.error = _("Choose who, a channel and at least one statement.")
            self.invalidate()
            return
        if self.link.send_message(self.role, self.who, self.channel, self.what):
            self.app.toasts.show(_("Message sent."), "good")
            self.app.pop()
        else:
            self.error = self.link.refusal
            self.invalidate()


class ChatScene(NetDialog):
    """The team chat: the recent lines, and a line to the team or to one role."""

    name = "net-chat"

    def __init__(self, app, link: RemoteSeat) -> None:
        super().__init__(app, link)
        self.line = ""
        self.to: str | None = None
        self.error = ""
        self.seen = link.revision

    def _set(self, value: str) -> None:
        self.line = value

    def set_to(self, role: str | None) -> None:
        self.to = role
        self.invalidate()

    def build(self) -> list[ScrollView]:
        v = self.link.view or {}
        roles = [str(r.get("role")) for r in (v.get("table") or {}).get("seats") or ()]
        me = self.link.seat
        targets: list[Widget] = [
            Button(
                _("The whole team"),
                lambda: self.set_to(None),
                style="toggle",
                selected=self.to is None,
                key="to-team",
            ),
        ]
        targets += [
            Button(
                title(r),
                lambda r=r: self.set_to(r),
                style="toggle",
                selected=self.to == r,
                key=f"to-{safe(r, 40)}",
            )
            for r in roles
            if r != me
        ]
        lines = self.link.lines(30, kinds=("chat",))
        return self.panel(
            [
                Text(_("Team chat"), "heading"),
                *(
                    [Text(line, "small") for line in lines]
                    or [Text(_("No chat yet."), "small", "text_dim")]
                ),
                Text(_("To"), "heading"),
                Flow(targets),
                TextField(
                    self.line,
                    self._set,
                    label=_("Your message"),
                    max_len=MAX_CHAT,
                    on_enter=self.send,
                    key="line",
                ),
                Text(self.error, "small", "bad") if self.error else None,
                Flow(
                    [
                        Button(_("Send"), self.send, style="primary", key="send"),
                        Button(_("Close"), self.app.pop, hint="Esc", key="close"),
                    ]
                ),
            ]
        )

    def default_focus(self) -> Widget | None:
        return next((w for w in self.focusables() if w.key == "line"), None)

    def update(self, dt: float) -> None:
        if self.link.revision != self.seen:  # new chat lines while the panel is open
            self.seen = self.link.revision
            self.invalidate()
        super().update(dt)

    def send(self) -> None:
        text = self.line.strip()
        if not text:
            return
        if self.link.chat(text, self.to):
            self.line, self.error = "", ""
        else:
            self.error = self.link.refusal
        self.invalidate()


class QuitDialog(NetDialog):
    """A question before this window closes: Q (or the red button) closes it, Esc stays."""

    def words(self) -> tuple[str, str, str]:
        """The heading, what closing means, and the button's label."""
        raise NotImplementedError

    def build(self) -> list[ScrollView]:
        heading, meaning, button = self.words()
        return self.panel(
            [
                Text(heading, "heading"),
                Text(meaning, "small", "text_dim"),
                Flow(
                    [
                        Button(button, self.app.quit, style="danger", hint="Q", key="quit"),
                        Button(_("Stay"), self.app.pop, hint="Esc", key="stay"),
                    ]
                ),
            ]
        )

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.SHORTCUT and cmd.text == "q":
            self.app.quit()
        else:
            super().handle(cmd)


class LeaveScene(QuitDialog):
    """Leaving closes this window; the seat stays at the table for the seat token."""

    name = "net-leave"

    def words(self) -> tuple[str, str, str]:
        return (
            _("Leave the exercise?"),
            _(
                "Your seat waits for you (or the facilitator gives it to a bot); come "
                "back with the command shown on your screen."
            ),
            _("Leave"),
        )
