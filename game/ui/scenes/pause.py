"""The pause overlay: every clock stops; the facilitator can resume, extend the current timer,
skip a decision, or send an ad-hoc inject to the players."""

from __future__ import annotations

from game.engine import actions as act
from game.i18n import N_, _, ngettext
from game.scenario.model import INJECT_CHANNELS
from game.ui.input import Command, Kind
from game.ui.match import Match
from game.ui.scenes.common import PanelOverlay, channel_name, inject_fields, role_title
from game.ui.scenes.turn import clock_text
from game.ui.widgets import Box, Button, Flow, Row, ScrollView, Text

EXTEND = 30
#: after the channels (F1–F8): send the inject, typing or not
SEND_INJECT_KEY = len(INJECT_CHANNELS) + 1


#: instead of another seat's question (hot seat: the panel covers someone's screen)
PRIVATE = N_("(its question is shown on that role's own screen)")


class PauseScene(PanelOverlay):
    name = "pause"

    def __init__(self, app, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.headline = ""
        self.body = ""
        self.channel = "meeting"
        self.notice = ""

    def enter(self) -> None:
        if not self.match.session.paused and not self.match.session.finished:
            self.match.apply(act.Pause())
        super().enter()

    def build(self) -> list[ScrollView]:
        s = self.match.session
        pending = []
        for n, p in enumerate(s.pending()):
            left = p.remaining(s.now())
            when = (
                _("{time} left").format(time=clock_text(left))
                if left is not None
                else _("not shown yet")
            )
            pending.append(
                Box(
                    [
                        Text(f"{role_title(p.role)} · {when}", "small", "accent"),
                        # another role's decision is private to its seat: only its clock here
                        Text(p.decision.prompt, "small")
                        if self._may_show(p.role)
                        else Text(_(PRIVATE), "small", "text_dim"),
                        Flow(
                            [
                                # X and K act on the first decision waiting (keys on it only)
                                Button(
                                    # TRANSLATORS: a button giving a decision more seconds
                                    _("+{n} s").format(n=EXTEND),
                                    lambda d=p.id: self.extend(d),
                                    hint="" if n else "X",
                                    key=f"ext-{p.id}",
                                ),
                                Button(
                                    _("Skip this decision"),
                                    lambda d=p.id: self.skip(d),
                                    style="danger",
                                    hint="" if n else "K",
                                    key=f"skip-{p.id}",
                                ),
                            ]
                        ),
                    ],
                    bg="panel_alt",
                )
            )
        if not pending:
            pending.append(Text(_("No decision is pending."), "small", "text_dim"))
        items = [
            Text(_("Paused — every clock is stopped"), "big", align="center"),
            Flow(
                [
                    Button(
                        _("Resume"), self.resume, style="primary", hint="Enter/Esc", key="resume"
                    ),
                    Button(
                        _("Leave to the title screen (the game is NOT saved!)")
                        if self.match.autosave_error
                        else _("Save and leave to the title screen"),
                        self.leave_game,
                        hint="L",
                        key="title",
                    ),
                    Button(
                        _("Quit (the game is NOT saved!)")
                        if self.match.autosave_error
                        else _("Quit (the game is saved)"),
                        self.app.quit,
                        hint="Q",
                        key="quit",
                    ),
                ]
            ),
            Text(self.notice, "small", "good") if self.notice else None,
            Text(_("Facilitator: decisions waiting"), "heading"),
            *pending,
            Text(_("Facilitator: send an inject to every player"), "heading"),
            *inject_fields(
                self.headline,
                self.body,
                self._set,
                placeholder=_("e.g. A reporter is at the front desk"),
                on_enter=self.send_typed,
            ),
            Flow(
                [
                    Button(
                        channel_name(c),
                        lambda c=c: self.set_channel(c),
                        style="toggle",
                        selected=self.channel == c,
                        icon=c,
                        hint=f"F{n}",
                        key=f"ch-{c}",
                    )
                    for n, c in enumerate(INJECT_CHANNELS, 1)
                ]
            ),
            Row(
                [
                    Button(
                        _("Send inject"),
                        self.inject,
                        enabled=bool(self.headline.strip()),
                        hint=f"F{SEND_INJECT_KEY}",
                        key="send",
                    )
                ],
                [None],
            ),
            Text(self.match.error, "small", "bad") if self.match.error else None,
        ]
        return self.panel(items)

    def _may_show(self, role: str) -> bool:
        """Whether a decision's question may be on this screen: the seat at it is that role's,
        or nobody plays (a demo).  In a hot-seat game the pause panel covers someone's seat."""
        m = self.match
        return not m.humans or m.active == role

    def default_focus(self):
        return next((w for w in self.focusables() if w.key == "resume"), None)

    def _set(self, field: str):
        def set_(value: str) -> None:
            setattr(self, field, value)
            self.invalidate()

        return set_

    def set_channel(self, c: str) -> None:
        self.channel = c
        self.invalidate()

    def extend(self, decision: str) -> None:
        if self.match.apply(act.ExtendTimer(decision, EXTEND)):
            self._say(
                ngettext("Gave {n} more second.", "Gave {n} more seconds.", EXTEND).format(n=EXTEND)
            )
        self.invalidate()

    def skip(self, decision: str) -> None:
        if self.match.apply(act.SkipDecision(decision)):
            self._say(_("Decision skipped."))
        self.invalidate()

    def inject(self) -> None:
        if self.match.apply(act.AddInject(self.headline.strip(), self.body.strip(), self.channel)):
            self._say(
                _("Inject sent to every player: {headline}").format(headline=self.headline.strip())
            )
            self.headline = self.body = ""
        elif self.match.error:
            self.app.toasts.show(
                _("Inject not sent: {error}").format(error=self.match.error), "bad"
            )
        self.invalidate()

    def _say(self, text: str) -> None:
        """Confirm where the facilitator is looking (a toast) and keep the line in the panel."""
        self.notice = text
        self.app.toasts.show(text)

    def send_typed(self) -> None:
        """Enter in the headline or the text: send the inject once it has a headline."""
        if self.headline.strip():
            self.inject()

    def resume(self) -> None:
        if self.match.session.paused:
            self.match.apply(act.Resume())
        self.app.pop()

    def leave_game(self) -> None:
        self.app.title()

    def update(self, dt: float) -> None:
        if self.match.session.finished:
            self.app.route()
            return
        super().update(dt)

    def handle(self, cmd: Command) -> None:
        back = cmd.kind is Kind.BACK and not self.typing  # in a field: Esc leaves the field
        if back or (cmd.kind is Kind.SHORTCUT and cmd.text == "r"):
            self.resume()
        elif cmd.kind is Kind.SHORTCUT and cmd.text == "l":  # never while typing (EDIT then)
            self.leave_game()
        elif cmd.kind is Kind.SHORTCUT and cmd.text == "q":
            self.app.quit()
        elif cmd.kind is Kind.SHORTCUT and cmd.text in ("x", "k"):
            first = next(iter(self.match.session.pending()), None)
            if first is not None:
                (self.extend if cmd.text == "x" else self.skip)(first.id)
        elif cmd.kind is Kind.FUNCTION:  # F-keys work while typing the headline
            if cmd.value <= len(INJECT_CHANNELS):
                self.set_channel(INJECT_CHANNELS[cmd.value - 1])
            elif cmd.value == SEND_INJECT_KEY:
                self.send_typed()
        else:
            super().handle(cmd)
