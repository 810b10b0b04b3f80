"""A scenario check from the select screen: the same report as ``crisis-sim check FILE``, run
on a worker thread (bots play the scenario hundreds of times) with a "checking…" line until it is
ready, then shown in a scrolling panel with its columns lined up."""

from __future__ import annotations

import re

import pygame

from game.i18n import _, ngettext
from game.ui.background import Job
from game.ui.checking import CheckText, check_file
from game.ui.input import Command, Kind
from game.ui.scene import Scene
from game.ui.scenes.common import Frame, back_button, draw_header, footer
from game.ui.widgets import Box, Button, Custom, Preformatted, ScrollView, Text

# ``path:line:column: severity[CODE]: message``; the severity word is in the reader's language
_FINDING = re.compile(r":\d+:\d+: ([^\s\[\]:]+)\[[A-Z]+\d+\]")
_SEVERITY_COLOUR = {"error": "bad", "warning": "warn", "note": "text_dim"}


def line_colours(text: str) -> list[tuple[str, str | None]]:
    """Each line of the report with a colour: headings (the line above a rule of dashes),
    findings by severity, the rest plain."""
    lines = text.rstrip("\n").split("\n")
    colours = dict(_SEVERITY_COLOUR)
    # the words as game.scenario.diagnostics translates them (its msgids are these)
    colours.update({_(word): colour for word, colour in _SEVERITY_COLOUR.items()})
    out: list[tuple[str, str | None]] = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        m = _FINDING.search(line)
        if nxt and set(nxt) == {"-"}:
            out.append((line, "accent"))
        elif set(line) == {"-"}:
            out.append((line, "border"))
        elif m and m.group(1) in colours:
            out.append((line, colours[m.group(1)]))
        else:
            out.append((line, None))
    return out


class CheckScene(Scene):
    name = "check"

    def __init__(self, app, path: str, title: str) -> None:
        super().__init__(app)
        self.path, self.title = path, title
        self.job: Job[CheckText] | None = None
        self.report: CheckText | None = None
        self.error = ""
        self.elapsed = 0.0

    def enter(self) -> None:
        if self.job is None:
            self.start()
        super().enter()

    def start(self) -> None:
        path = self.path
        self.job = Job(lambda: check_file(path), name="check")
        self.report, self.error, self.elapsed = None, "", 0.0
        self.invalidate()

    def update(self, dt: float) -> None:
        job = self.job
        if job is not None and self.report is None and not self.error:
            self.elapsed += dt
            if job.done:
                if job.result is not None:
                    self.report = job.result
                else:
                    self.error = _("The check stopped: {error}").format(error=repr(job.error))
                self.invalidate()
        super().update(dt)

    @property
    def running(self) -> bool:
        return self.report is None and not self.error

    def build(self) -> list[ScrollView]:
        t = self.app.theme
        self.frame = Frame(self.app.size, t)
        items: list = []
        if self.running:
            items.append(
                Box(
                    [
                        Custom(t.line_height("heading"), self._spinner),
                        Text(
                            _(
                                "Bots are playing this scenario 50 times with each policy "
                                "(best, good, random, worst, timeout, mixed), then searching for "
                                "anything no game reached. You can go back at any time."
                            ),
                            colour="text_dim",
                        ),
                    ],
                    stripe="accent",
                    key="checking",
                )
            )
        elif self.error:
            items.append(Box([Text(self.error, colour="bad")], stripe="bad", key="error"))
        else:
            r = self.report
            assert r is not None
            if not r.loaded:
                summary = _("This file has errors: nothing was played.")
                colour = "bad"
            else:
                summary = _("{errors}, {warnings}, {notes}").format(
                    errors=ngettext("{n} error", "{n} errors", r.errors).format(n=r.errors),
                    warnings=ngettext("{n} warning", "{n} warnings", r.warnings).format(
                        n=r.warnings
                    ),
                    notes=ngettext("{n} design note", "{n} design notes", r.notes).format(
                        n=r.notes
                    ),
                )
                colour = "bad" if r.errors else "warn" if r.warnings else "good"
            items.append(
                Box(
                    [
                        Text(summary, "heading", colour),
                        Text(
                            _(
                                "The same report as `crisis-sim check` prints; docs/check.md "
                                "explains every code."
                            ),
                            "small",
                            "text_dim",
                        ),
                    ],
                    stripe=colour,
                    key="summary",
                )
            )
            items.append(
                Box([Preformatted(line_colours(r.text), key="report")], bg="panel", key="panel")
            )
        buttons = [back_button(self.app.pop)]
        if not self.running:
            buttons.append(Button(_("Check again"), self.start, hint="R", key="again"))
        return [
            ScrollView("report", self.frame.body, items),
            footer(self.frame, buttons),
        ]

    def _spinner(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        t = self.app.theme
        p = t.palette
        size = r.height - 4
        centre = (r.x + size // 2 + 2, r.y + r.height // 2)
        start = self.elapsed * 6.0
        pygame.draw.circle(surf, p.panel_alt, centre, size // 2, width=4)
        arc = pygame.Rect(0, 0, size, size)
        arc.center = centre
        pygame.draw.arc(surf, p.accent, arc, -start, -start + 1.8, width=4)
        text = _("Checking… {n} s").format(n=f"{self.elapsed:.0f}")
        t.blit_text(surf, text, (r.x + size + t.pad, r.y), "heading", p.text)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        draw_header(
            surface,
            self.app.theme,
            self.frame,
            _("Check: {scenario}").format(scenario=self.title),
            self.path,
        )

    def handle(self, cmd: Command) -> None:
        view = self.views[0] if self.views else None
        if cmd.kind is Kind.BACK:
            self.app.pop()
        elif cmd.kind is Kind.SHORTCUT and cmd.text == "r":
            if not self.running:
                self.start()
        elif cmd.kind in (Kind.PAGE_UP, Kind.PAGE_DOWN) and view is not None:
            step = view.rect.height * 4 // 5
            view.scroll_by(-step if cmd.kind is Kind.PAGE_UP else step)
        elif cmd.kind in (Kind.UP, Kind.DOWN) and view is not None:
            step = self.app.theme.line_height() * 3
            view.scroll_by(-step if cmd.kind is Kind.UP else step)
        else:
            super().handle(cmd)
