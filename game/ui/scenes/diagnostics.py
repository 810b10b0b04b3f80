"""A scenario file that cannot be played: every diagnostic with its line and column."""

from __future__ import annotations

import pygame

from game.i18n import _, ngettext
from game.scenario.loader import LoadResult
from game.ui.input import Command, Kind
from game.ui.scene import Scene
from game.ui.scenes.common import Frame, back_button, draw_header, footer
from game.ui.widgets import Box, ScrollView, Text


class DiagnosticsScene(Scene):
    name = "diagnostics"

    def __init__(self, app, result: LoadResult) -> None:
        super().__init__(app)
        self.result = result

    def build(self) -> list[ScrollView]:
        t = self.app.theme
        self.frame = Frame(self.app.size, t)
        r = self.result
        ne, nw = len(r.errors), len(r.warnings)
        items = [
            Text(
                _(
                    "{errors}, {warnings}. Fix them in a text editor and save: the scenario list "
                    "loads the file again (a dropped file: drop it again). `crisis-sim validate "
                    "FILE` prints the same list."
                ).format(
                    errors=ngettext("{n} error", "{n} errors", ne).format(n=ne),
                    warnings=ngettext("{n} warning", "{n} warnings", nw).format(n=nw),
                ),
                colour="text_dim",
            )
        ]
        for d in r.diagnostics[:300]:
            colour = "bad" if d.severity == "error" else "warn"
            items.append(
                Box(
                    [
                        Text(
                            (
                                _("line {line}, column {column} · error {code}")
                                if d.severity == "error"
                                else _("line {line}, column {column} · warning {code}")
                            ).format(line=d.line, column=d.column, code=d.code),
                            "small",
                            colour,
                        ),
                        Text(
                            _("{message} ({hint})").format(message=d.message, hint=d.hint)
                            if d.hint
                            else d.message
                        ),
                    ],
                    stripe=colour,
                )
            )
        return [
            ScrollView("list", self.frame.body, items),
            footer(self.frame, [back_button(self.app.pop)]),
        ]

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        draw_header(
            surface,
            self.app.theme,
            self.frame,
            _("This scenario file has problems"),
            self.result.path,
        )

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK:
            self.app.pop()
        else:
            super().handle(cmd)
