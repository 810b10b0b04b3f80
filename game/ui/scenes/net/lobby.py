"""The lobby of a network exercise: the scenario, who sits where, and "waiting for the facilitator
to start".  Players, the evaluator and the projector wait here; the facilitator's console has
its own lobby (it starts the game)."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.net.seatlink import CLOSED, safe, title
from game.textsafe import reflow
from game.ui.scenes.common import Frame, footer
from game.ui.scenes.net.common import NetScene, seat_row_text, status_boxes
from game.ui.widgets import Box, Button, ScrollView, Text, Widget


class LobbyScene(NetScene):
    name = "net-lobby"
    key = "lobby"

    def build(self) -> list[ScrollView]:
        app, t, link = self.app, self.app.theme, self.link
        v = link.view or {}
        self.frame = Frame(app.size, t, [_("Esc Leave")], subtitle=self._subtitle())
        body = self.frame.body
        left: list[Widget] = [*status_boxes(link)]
        if link.view is None:
            left.append(
                Text(
                    _("Connecting to the host…")
                    if link.state != CLOSED
                    else _("The host could not be reached."),
                    "heading",
                )
            )
        else:
            sc = v.get("scenario") or {}
            left += [
                Text(safe(sc.get("title", ""), 200), "heading"),
                Text(safe(sc.get("summary", ""), 1000), "small", "text_dim"),
                Text(_("Briefing"), "heading"),
                Text(reflow(str(v.get("briefing", ""))[:8000]), "small"),
            ]
        right: list[Widget] = [Text(_("Who sits where"), "heading")]
        for row in (v.get("table") or {}).get("seats") or ():
            line, colour = seat_row_text(row)
            mine = row.get("role") == link.seat
            right.append(
                Box(
                    [Text(_("{line}  (you)").format(line=line) if mine else line, "body", colour)],
                    bg="panel_alt",
                    stripe="accent" if mine else None,
                    key=f"seat-{safe(row.get('role', ''), 40)}",
                )
            )
        if link.view is not None:
            right.append(
                Text(_("Waiting for the facilitator to start the exercise."), "body", "accent")
            )
        half = (body.width - t.pad) // 2
        views = [
            ScrollView("lobby", pygame.Rect(body.x, body.y, half, body.height), left),
            ScrollView(
                "seats",
                pygame.Rect(body.x + half + t.pad, body.y, body.width - half - t.pad, body.height),
                right,
                bg="panel",
            ),
        ]
        leave = Button(_("Leave"), self.app.quit, hint="Esc", key="leave")
        return [*views, footer(self.frame, [leave])]

    def _subtitle(self) -> str:
        seat = self.link.seat
        if seat == "observer":
            who = _("the evaluator")
        elif seat == "projector":
            who = _("the room's board")
        elif seat:
            who = title(seat)
        else:
            who = _("the first free seat")
        return _("Network exercise · you are {seat}").format(seat=who)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.draw_frame(surface, _("Lobby"), self._subtitle())

    def handle(self, cmd) -> None:
        from game.ui.input import Kind

        if cmd.kind is Kind.BACK:
            self.app.quit()
        else:
            super().handle(cmd)
