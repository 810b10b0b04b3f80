"""Scenario select: every shipped (and dropped) scenario with its type icon, difficulty,
length and summary, and a button to check it (``crisis-sim check``'s report).

While the screen is open the files are looked at about once a second: an edited file is loaded
again (a file that became invalid shows its first problems and a button for all of them), a new
file in the scenarios folder joins the list."""

from __future__ import annotations

import pygame

from game.i18n import N_, _, ngettext
from game.report.labels import difficulty as difficulty_name
from game.report.labels import scenario_type as type_name
from game.ui import icons
from game.ui.input import Command, Kind
from game.ui.scene import Scene
from game.ui.scenes.common import (
    Frame,
    ScenarioWatch,
    back_button,
    draw_header,
    footer,
    language_name,
)
from game.ui.widgets import Box, Button, Custom, Flow, Row, ScrollView, Text

SHOWN_PROBLEMS = 3


SUBTITLE = N_(
    "Number keys pick a scenario; drop a .yaml file here to add one; saved edits show at once"
)


class SelectScene(Scene):
    name = "select"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.watch = ScenarioWatch(app)

    def enter(self) -> None:
        self.app.scan_scenarios()
        super().enter()

    def update(self, dt: float) -> None:
        if self.watch.poll(dt):
            self.invalidate()
        super().update(dt)

    def build(self) -> list[ScrollView]:
        app, t = self.app, self.app.theme
        self.frame = Frame(app.size, t, subtitle=_(SUBTITLE))
        cards = []
        self.choices = []
        self.paths: list[str] = []  # the file of each choice
        for path in app.scenario_files:
            r = app.load(path)
            sc = r.scenario
            if sc is None:
                n = len(r.errors)
                problems = [
                    Text(
                        _("line {line}, column {column}: {message}").format(
                            line=d.line, column=d.column, message=d.message
                        ),
                        "small",
                        "bad",
                    )
                    for d in r.errors[:SHOWN_PROBLEMS]
                ]
                if n > SHOWN_PROBLEMS:
                    more = n - SHOWN_PROBLEMS
                    problems.append(
                        Text(
                            ngettext("… and {n} more", "… and {n} more", more).format(n=more),
                            "small",
                            "text_dim",
                        )
                    )
                cards.append(
                    Box(
                        [
                            Text(path, "heading"),
                            Text(
                                ngettext(
                                    "This file has {n} error and cannot be played; it is loaded "
                                    "again each time it is saved.",
                                    "This file has {n} errors and cannot be played; it is loaded "
                                    "again each time it is saved.",
                                    n,
                                ).format(n=n),
                                colour="bad",
                            ),
                            *problems,
                            Button(
                                _("Show the problems"),
                                lambda r=r: self.show(r),
                                key=f"diag-{path}",
                            ),
                        ],
                        bg="panel",
                        stripe="bad",
                        key=f"bad-{path}",
                    )
                )
                continue
            n = len(self.choices) + 1
            self.choices.append(sc)
            self.paths.append(path)
            size = t.line_height("big") * 2
            colour = t.palette.accent

            def paint(
                surf: pygame.Surface, rect: pygame.Rect, kind: str = sc.type, colour=colour
            ) -> None:
                pygame.draw.rect(surf, t.palette.panel_alt, rect, border_radius=8)
                surf.blit(icons.icon(kind, rect.width - 12, colour), (rect.x + 6, rect.y + 6))

            meta = " · ".join(
                x
                for x in (
                    type_name(sc.type),
                    difficulty_name(sc.difficulty),
                    ngettext("about {n} minute", "about {n} minutes", sc.estimated_minutes).format(
                        n=sc.estimated_minutes
                    )
                    if sc.estimated_minutes
                    else "",
                    ngettext("{n} turn", "{n} turns", len(sc.turns)).format(n=len(sc.turns)),
                    ngettext("{n} role", "{n} roles", len(sc.roles_in_play)).format(
                        n=len(sc.roles_in_play)
                    ),
                    _("language: {language}").format(language=language_name(sc.language)),
                )
                if x
            )
            cards.append(
                Box(
                    [
                        Row(
                            [
                                Custom(size, paint, width=size),
                                Box(
                                    [
                                        Text(sc.title, "heading"),
                                        Text(meta, "small", "accent"),
                                        Text(sc.summary),
                                        Flow(
                                            [
                                                Button(
                                                    _("Play this scenario"),
                                                    lambda sc=sc: self.choose(sc),
                                                    style="primary",
                                                    hint=str(n) if n < 10 else "",
                                                    key=f"play-{sc.id}",
                                                ),
                                                Button(
                                                    _("Check this scenario"),
                                                    lambda sc=sc, path=path: self.check(path, sc),
                                                    hint=f"F{n}" if n <= 12 else "",
                                                    key=f"check-{sc.id}",
                                                ),
                                            ]
                                        ),
                                    ],
                                    bg=None,
                                    padding=0,
                                ),
                            ],
                            [size, None],
                        )
                    ],
                    key=f"card-{sc.id}",
                )
            )
        if not cards:
            cards.append(Text(_("No scenarios found. Drop a scenario file on this window.")))
        return [
            ScrollView("list", self.frame.body, cards),
            footer(self.frame, [back_button(self.app.pop)]),
        ]

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        draw_header(
            surface,
            self.app.theme,
            self.frame,
            _("Choose a scenario"),
            _(SUBTITLE),
        )

    def choose(self, sc) -> None:
        from game.ui.scenes.seats import SeatsScene

        self.app.push(SeatsScene(self.app, sc))

    def check(self, path: str, sc) -> None:
        from game.ui.scenes.check import CheckScene

        self.app.push(CheckScene(self.app, path, sc.title))

    def show(self, result) -> None:
        from game.ui.scenes.diagnostics import DiagnosticsScene

        self.app.push(DiagnosticsScene(self.app, result))

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK:
            self.app.pop()
        elif cmd.kind is Kind.NUMBER:
            if self._dirty:
                self.rebuild()
            if 1 <= cmd.value <= len(self.choices):
                self.choose(self.choices[cmd.value - 1])
        elif cmd.kind is Kind.FUNCTION:  # F1–F12: check the n-th scenario (digits play it)
            if self._dirty:
                self.rebuild()
            if 1 <= cmd.value <= len(self.choices):
                self.check(self.paths[cmd.value - 1], self.choices[cmd.value - 1])
        else:
            super().handle(cmd)
