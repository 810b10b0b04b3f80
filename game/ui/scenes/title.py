"""The title screen: play, continue a saved game, the results history, tutorial, settings,
quit.  It shows no scenario, so it loads none (nor imports the loader or the engine): the select
screen reads the files when it opens.  While the title is open the file list is looked at about
once a second, and files already loaded are loaded again when they changed."""

from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.locations import tutorial_scenario
from game.ui.input import Command, Kind
from game.ui.scene import Scene
from game.ui.scenes.common import ScenarioWatch
from game.ui.widgets import Box, Button, ScrollView, Text

#: The first two roles by their titles (``game.scenario.model.ROLE_TITLES``; tests/ui check it),
#: written out so that the title screen does not import the scenario package.
SUBTITLE = N_(
    "A crisis-management exercise for five roles: Crisis Manager, Public Relations Specialist "
    "and three more"
)


class TitleScene(Scene):
    name = "title"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.saved = app.saved_games()
        self.new_player = self._new_player()
        self.message = ""
        self.watch = ScenarioWatch(app, load=False)

    def build(self) -> list[ScrollView]:
        w, h = self.app.size
        t = self.app.theme
        col = min(w - 4 * t.pad, max(420, t.sizes["body"] * 30))
        top = self._band().bottom + t.pad
        cont = _("Continue")
        if self.saved:
            _path, header = self.saved[0]
            cont = _("Continue: {scenario} — turn {turn}").format(
                scenario=header.get("scenario_title", "?"), turn=header.get("turn", "?")
            )
        items = []
        if self.new_player:
            items.append(
                Button(
                    _("New here? Start with the tutorial scenario"),
                    self.start_tutorial,
                    style="primary",
                    hint="N",
                    fill=True,
                    key="new",
                )
            )
        items += [
            Button(
                _("Play a scenario"),
                self.play,
                style="normal" if self.new_player else "primary",
                hint="P",
                fill=True,
                key="play",
            ),
            Button(
                cont,
                self.continue_game,
                hint="C",
                fill=True,
                key="continue",
                enabled=bool(self.saved),
            ),
            Button(_("History: recent games"), self.history, hint="H", fill=True, key="history"),
            Button(
                _("Classes: trainees and teams"), self.classes, hint="L", fill=True, key="class"
            ),
            Button(_("Tutorial: how to play"), self.tutorial, hint="T", fill=True, key="tutorial"),
            Button(_("Settings"), self.settings, hint="S", fill=True, key="settings"),
            Button(_("Quit"), self.app.quit, hint="Q", fill=True, key="quit"),
        ]
        if self.message:
            items.append(Box([Text(self.message, colour="bad")], bg="panel_alt"))
        items.append(
            Text(
                _("Drop a scenario file (.yaml) on this window to open it."),
                "small",
                "text_dim",
                align="center",
            )
        )
        return [ScrollView("menu", pygame.Rect((w - col) // 2, top, col, h - top - t.pad), items)]

    def _band(self) -> pygame.Rect:
        """The title band: the name, then the subtitle on as many lines as it needs."""
        t = self.app.theme
        w, h = self.app.size
        n = len(t.wrap(_(SUBTITLE), "small", w - 40))
        title_h = t.line_height("title")
        height = max(title_h * 2, title_h + 6 + n * t.line_height("small") + t.pad)
        return pygame.Rect(0, h // 4 - title_h, w, height)

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        surface.fill(p.bg)
        w = surface.get_width()
        band = self._band()
        pygame.draw.rect(surface, p.panel, band)
        pygame.draw.rect(surface, p.accent, (0, band.bottom - 3, w, 3))
        title = "Crisis Tabletop"
        t.blit_text(surface, title, ((w - t.width(title, "title")) // 2, band.y + 4), "title")
        for n, line in enumerate(t.wrap(_(SUBTITLE), "small", w - 40)):  # every line: none cut
            t.blit_text(
                surface,
                line,
                (
                    (w - t.width(line, "small")) // 2,
                    band.y + t.line_height("title") + 6 + n * t.line_height("small"),
                ),
                "small",
                p.text_dim,
            )
        for v in self.views:
            v.draw(surface, self.ctx)

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.SHORTCUT:
            action = {
                "n": self.start_tutorial if self.new_player else None,
                "p": self.play,
                "c": self.continue_game,
                "h": self.history,
                "l": self.classes,
                "t": self.tutorial,
                "s": self.settings,
                "q": self.app.quit,
            }.get(cmd.text)
            if action is not None:
                action()
            return
        if cmd.kind is Kind.BACK:
            return
        super().handle(cmd)

    def _new_player(self) -> bool:
        """No game saved or finished on this machine yet: offer the tutorial scenario first."""
        if self.saved or tutorial_scenario() is None:
            return False
        results = self.app.data_dir / "results"
        try:
            return not (results.is_dir() and any(results.glob("*.json")))
        except OSError:
            return True

    def start_tutorial(self) -> None:
        path = tutorial_scenario()
        if path is not None:
            self.app.open_file(str(path))

    def play(self) -> None:
        from game.ui.scenes.select import SelectScene

        self.app.push(SelectScene(self.app))

    def continue_game(self) -> None:
        if not self.saved:
            return
        err = self.app.resume(*self.saved[0])
        if err:
            self.message = _("This saved game cannot be continued: {error}").format(error=err)
            self.invalidate()

    def history(self) -> None:
        from game.ui.scenes.history import HistoryScene

        self.app.push(HistoryScene(self.app))

    def classes(self) -> None:
        from game.ui.scenes.classroom import ClassScene

        self.app.push(ClassScene(self.app, self.app.cohort))

    def update(self, dt: float) -> None:
        self.watch.poll(dt)
        super().update(dt)

    def tutorial(self) -> None:
        from game.ui.scenes.tutorial import TutorialScene

        self.app.push(TutorialScene(self.app))

    def settings(self) -> None:
        from game.ui.scenes.settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def enter(self) -> None:
        self.saved = self.app.saved_games()
        self.new_player = self._new_player()
        super().enter()
