"""Asked before a new game replaces an unfinished save of the same scenario (one save slot per
scenario): continue the saved game, replace it, or go back."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pygame

from game.engine.seats import Seat
from game.i18n import _, ngettext, pgettext
from game.scenario.model import Scenario
from game.ui.input import Command, Kind
from game.ui.scene import Scene
from game.ui.widgets import Button, ScrollView, Text


class ReplaceSaveScene(Scene):
    name = "replace-save"

    def __init__(
        self,
        app,
        scenario: Scenario,
        seats: Mapping[str, Seat],
        path: Path,
        status: Mapping[str, Any],
    ) -> None:
        super().__init__(app)
        self.scenario, self.seats, self.path, self.status = scenario, dict(seats), path, status
        self.message = ""

    def build(self) -> list[ScrollView]:
        t = self.app.theme
        w, h = self.app.size
        col = min(w - 4 * t.pad, t.sizes["body"] * 40)
        st = self.status
        items = [
            Text(_("An unfinished game of this scenario is saved"), "big", align="center"),
            Text(
                ngettext(
                    "{scenario}: turn {turn}, {n} move so far. There is one save per scenario, "
                    "so a new game replaces it.",
                    "{scenario}: turn {turn}, {n} moves so far. There is one save per scenario, "
                    "so a new game replaces it.",
                    _count(st.get("actions", 0)),
                ).format(
                    scenario=self.scenario.title,
                    turn=st.get("turn", "?"),
                    n=st.get("actions", 0),
                ),
                colour="text_dim",
                align="center",
            ),
            Button(
                _("Continue the saved game"),
                self.continue_game,
                style="primary",
                hint="Enter",
                fill=True,
                key="continue",
                align="center",
            ),
            Button(
                _("Start the new game (the saved game is lost)"),
                self.replace,
                fill=True,
                hint="N",
                key="replace",
                align="center",
            ),
            Button(
                pgettext("button", "Back"),
                self.app.pop,
                hint="Esc",
                fill=True,
                key="back",
                align="center",
            ),
            Text(self.message, "small", "bad", align="center") if self.message else None,
        ]
        top = h // 10  # large text on a small window: all three choices still on screen
        return [ScrollView("box", pygame.Rect((w - col) // 2, top, col, h - 2 * top), items)]

    def continue_game(self) -> None:
        err = self.app.resume(self.path, self.status)
        if err:
            self.message = _("This saved game cannot be continued: {error}").format(error=err)
            self.invalidate()

    def replace(self) -> None:
        self.app.pop()
        self.app.start_game(self.scenario, self.seats, replace=True)

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK:
            self.app.pop()
        elif cmd.kind is Kind.SHORTCUT and cmd.text == "n":
            self.replace()
        else:
            super().handle(cmd)


def _count(value: object) -> int:
    """A count read from a save's header (hostile: anything but a whole number counts as 0)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
