"""Tutorial: how a turn works and how to play with mouse or keyboard, page by page."""

from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.ui.input import Command, Kind
from game.ui.scene import Scene
from game.ui.scenes.common import Frame, back_button, draw_header, footer
from game.ui.widgets import Box, Button, ScrollView, Text

PAGES = [
    (
        N_("The exercise"),
        [
            N_(
                "Crisis Tabletop is a tabletop exercise for a crisis team of up to five roles: "
                "Crisis Manager, Information Security Analyst, Emergency Management Director, "
                "Public Relations Specialist and Head of Corporate Reputation."
            ),
            N_(
                "A scenario is played in turns. Each turn is a moment of the crisis (its clock "
                "label, such as “Mon 06:10 (T+0h)”, is shown at the top) in one phase: before, "
                "during or after."
            ),
            N_(
                "People and bots can share the roles. People take turns at this screen (hot "
                "seat): when you see “Pass to …”, hand the computer over. Your clocks only start "
                "when you press Enter."
            ),
        ],
    ),
    (
        N_("A turn"),
        [
            N_(
                "Left: the messages (injects) that reached your role, newest first; NEW marks "
                "unread ones."
            ),
            N_(
                "Middle: your decisions. Each has a countdown bar that turns from calm to urgent "
                "(and striped) as time runs out. Click an option or press its number key (1–9). "
                "If time runs out, the scenario's default is applied and the card tells you what "
                "and why."
            ),
            N_(
                "Rank decisions: put the items in order, most important first. Drag an item onto "
                "another, use the ▲ ▼ buttons, or focus an item and press Shift+↑ / Shift+↓. "
                "Then submit."
            ),
            N_(
                "Right: the situation (metrics and how they changed this turn) and the "
                "stakeholder board: who must be told by which turn, what they have been told, "
                "and who is overdue."
            ),
        ],
    ),
    (
        N_("Messages and the end of a turn"),
        [
            N_(
                "Press M (Write a message) to tell stakeholders what is happening: choose who, a "
                "channel and statements, check the preview, and send. Choose statements with "
                "care: some help, some hurt."
            ),
            N_("When your decisions are done and your messages sent, press E (End my turn)."),
            N_(
                "Esc pauses the game for everyone. The facilitator can then resume, give a "
                "decision more time, skip it, or send an ad-hoc inject."
            ),
            N_(
                "At the end the debrief shows the ending, the scores for speed, priorities and "
                "communication, the exercise objectives (P/S/M/U), why points were lost, and a "
                "chart of the situation over the turns. Save the report for the after-action "
                "review."
            ),
        ],
    ),
    (
        N_("Keyboard"),
        [
            N_(
                "Tab / Shift+Tab or the arrow keys move between buttons; Enter or Space presses "
                "the highlighted one; Esc goes back or pauses."
            ),
            N_(
                "Number keys answer the first decision; M writes a message; E ends your turn; "
                "Page Up / Page Down scroll; Ctrl+Q quits. The game is saved after every action: "
                "close the window any time and choose Continue on the title screen."
            ),
            N_(
                "Settings: the language, text size 100–200 %, a colour-blind-safe palette, sound "
                "on/off."
            ),
        ],
    ),
]


class TutorialScene(Scene):
    name = "tutorial"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.page = 0

    def build(self) -> list[ScrollView]:
        self.frame = Frame(self.app.size, self.app.theme)
        _title, paras = PAGES[self.page]
        items = [Box([Text(_(p)) for p in paras])]
        last = self.page == len(PAGES) - 1
        buttons = [
            Button(
                _("Next") if not last else _("Play the practice scenario"),
                self.next,
                style="primary",
                hint="Enter",
                key="next",
            ),
            Button(_("Previous"), self.prev, enabled=self.page > 0, hint="P", key="prev"),
            back_button(self.app.pop),
        ]
        return [ScrollView("page", self.frame.body, items), footer(self.frame, buttons)]

    def default_focus(self):
        return next((w for w in self.focusables() if w.key == "next"), None)

    def next(self) -> None:
        if self.page < len(PAGES) - 1:
            self.page += 1
            self.invalidate()
        else:
            from game.ui.scenes.seats import SeatsScene
            from game.ui.scenes.select import SelectScene

            for path in self.app.scenario_files:  # the shipped practice scenario, if there
                sc = self.app.load(path).scenario
                if sc is not None and sc.id == "tutorial":
                    self.app.replace(SeatsScene(self.app, sc))
                    return
            self.app.replace(SelectScene(self.app))

    def prev(self) -> None:
        if self.page > 0:
            self.page -= 1
            self.invalidate()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        draw_header(
            surface,
            self.app.theme,
            self.frame,
            _("How to play: {page}").format(page=_(PAGES[self.page][0])),
            _("Page {n} of {total}").format(n=self.page + 1, total=len(PAGES)),
        )

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK:
            self.app.pop()
        elif cmd.kind is Kind.SHORTCUT and cmd.text == "p":
            self.prev()
        else:
            super().handle(cmd)
