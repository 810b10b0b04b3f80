"""Hot-seat hand-over: "Pass to the PR Specialist — Enter when ready".  The next role's clocks
have not started (they start when its player takes the seat), so handing over costs no time."""

from __future__ import annotations

import pygame

from game.i18n import _, pgettext
from game.ui.input import Command, Kind
from game.ui.match import Match
from game.ui.scene import Scene
from game.ui.scenes.common import role_title
from game.ui.widgets import Button, ScrollView, Text


class HandOverScene(Scene):
    name = "handover"

    def __init__(self, app, match: Match, role: str) -> None:
        super().__init__(app)
        self.match, self.role = match, role

    def build(self) -> list[ScrollView]:
        t = self.app.theme
        w, h = self.app.size
        col = min(w - 4 * t.pad, t.sizes["body"] * 40)
        player = self.match.session.seats[self.role].player or ""
        s = self.match.session
        items = [
            Text(
                _("Pass to the {role} — Enter when ready").format(role=role_title(self.role)),
                "big",
                align="center",
            ),
            Text(
                _(
                    "{player}, take the seat. Your clocks start when you press Enter; the "
                    "others' screens are hidden."
                ).format(player=player),
                colour="text_dim",
                align="center",
            ),
            Text(
                _("{label} · turn {n} of {total}").format(
                    label=s.turn.label, n=s.turn_number, total=len(s.scenario.turns)
                ),
                "small",
                "accent",
                align="center",
            ),
            Button(
                _("I am {player}: start").format(player=player),
                self.go,
                style="primary",
                hint="Enter",
                fill=True,
                key="go",
                align="center",
            ),
            Button(
                pgettext("button", "Pause"),
                self.pause,
                hint="Esc",
                fill=True,
                key="pause",
                align="center",
            ),
        ]
        view = ScrollView("box", pygame.Rect((w - col) // 2, 0, col, h), items)
        view.layout(t)
        # a quarter down the window, but higher when large text would push the buttons below
        # the edge (at 200 % the Pause button was scrolled out of sight)
        top = max(t.pad, min(h // 4, h - t.pad - view.content_h))
        view.rect = pygame.Rect((w - col) // 2, top, col, h - t.pad - top)
        return [view]

    def go(self) -> None:
        self.app.sit(self.role)

    def pause(self) -> None:
        from game.ui.scenes.pause import PauseScene

        self.app.push(PauseScene(self.app, self.match))

    def update(self, dt: float) -> None:
        if self.match.session.finished or self.match.next_human() != self.role:
            self.app.route()
            return
        super().update(dt)

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK:
            self.pause()
        else:
            super().handle(cmd)
