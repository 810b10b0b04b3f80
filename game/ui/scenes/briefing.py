"""The briefing read to everyone before turn 1, with each role's own brief."""

from __future__ import annotations

import pygame

from game.engine import Seat
from game.i18n import _, ngettext
from game.scenario import Scenario
from game.scoring.wording import seat_label
from game.ui.input import Command, Kind
from game.ui.scene import Scene
from game.ui.scenes.common import Frame, back_button, draw_header, footer, role_title
from game.ui.widgets import Box, Button, ScrollView, Text


class BriefingScene(Scene):
    name = "briefing"

    def __init__(self, app, scenario: Scenario, seats: dict[str, Seat]) -> None:
        super().__init__(app)
        self.scenario, self.seats = scenario, seats

    def build(self) -> list[ScrollView]:
        t = self.app.theme
        self.frame = Frame(self.app.size, t, title=self.scenario.title)
        sc = self.scenario
        items = [Box([Text(_("The situation"), "heading"), Text(sc.briefing.strip())])]
        for r in sc.roles_in_play:
            seat = self.seats[r]
            who = seat_label(seat.player, seat.bot)
            items.append(
                Box(
                    [
                        Text(
                            _("{role} — played by {who}").format(role=role_title(r), who=who),
                            "heading",
                        ),
                        Text(
                            sc.role_brief(r) or _("No special brief for this role."),
                            colour="text_dim",
                        ),
                    ],
                    stripe="accent" if seat.player else None,
                )
            )
        items.append(
            Text(
                ngettext(
                    "{n} turn. In each turn read the new messages, answer your decisions before "
                    "their clocks run out, and message the stakeholders who need to hear from "
                    "you. Esc pauses the game at any time.",
                    "{n} turns. In each turn read the new messages, answer your decisions before "
                    "their clocks run out, and message the stakeholders who need to hear from "
                    "you. Esc pauses the game at any time.",
                    len(sc.turns),
                ).format(n=len(sc.turns)),
                colour="text_dim",
            )
        )
        return [
            ScrollView("text", self.frame.body, items),
            footer(
                self.frame,
                [
                    Button(
                        _("Begin the exercise"),
                        self.begin,
                        style="primary",
                        hint="Enter",
                        key="begin",
                    ),
                    back_button(self.app.pop),
                ],
            ),
        ]

    def default_focus(self):
        return next((w for w in self.focusables() if w.key == "begin"), None)

    def begin(self) -> None:
        self.app.start_game(self.scenario, self.seats)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        draw_header(surface, self.app.theme, self.frame, self.scenario.title, _("Briefing"))

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK:
            self.app.pop()
        else:
            super().handle(cmd)
