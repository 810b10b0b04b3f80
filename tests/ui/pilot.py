"""A pilot for the window: posts synthetic keyboard and mouse events to pygame's queue and steps
the app frame by frame on a manual clock, like a player would."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from game.engine import Seat
from game.engine.clock import ManualClock
from game.ui.app import App, Options
from game.ui.widgets import Widget


class Pilot:
    def __init__(self, tmp: Path, size: tuple[int, int] = (1280, 720), **options) -> None:
        self.tmp = tmp
        self.clock = ManualClock()
        self.shots = Path(os.environ.get("CRISIS_UI_SHOTS", tmp / "shots"))
        opts = Options(
            data_dir=str(tmp / "data"),
            screenshot_dir=str(self.shots),
            clock=self.clock,
            seed=7,
            size=size,
            **options,
        )
        self.app = App(opts)
        self.app.begin()

    def close(self) -> None:
        self.app.close()

    @property
    def scene(self):
        return self.app.top

    def step(self, frames: int = 1) -> None:
        for _ in range(frames):
            self.app.step(1 / 60)

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)
        )
        self.step(2)

    def letter(self, ch: str) -> None:
        self.key(getattr(pygame, f"K_{ch}"), unicode=ch)

    def type(self, text: str) -> None:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
        self.step(2)

    def widget(self, key: str) -> Widget:
        scene = self.scene
        if scene._dirty:
            scene.rebuild()
        for w in scene.focusables():
            if w.key == key:
                return w
        raise AssertionError(
            f"no widget {key!r} on {scene.name}: {[w.key for w in scene.focusables()]}"
        )

    def keys(self) -> list[str]:
        self.step()
        return [w.key for w in self.scene.focusables() if w.key]

    def texts(self) -> str:
        """Every text shown on the current scene (for assertions)."""
        self.step()
        out = []
        for v in self.scene.views:
            for w in v.widgets():
                out.append(getattr(w, "text", "") or "")
        return "\n".join(out)

    def click(self, key: str, release_on: str | None = None) -> None:
        """Press the left button on a widget (scrolled into view) and release it there or on
        another widget (a drag)."""
        w = self.widget(key)
        view = self.scene.view_of(w)
        view.ensure_visible(w)
        pos = view.screen_rect(w).center
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        )
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        self.step()
        if release_on is not None:
            target = self.widget(release_on)
            tview = self.scene.view_of(target)
            pos = tview.screen_rect(target).center
            pygame.event.post(
                pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(1, 0, 0))
            )
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.step(2)

    def wait(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.step(2)


def to_turn_screen(pilot: Pilot, path: Path) -> None:
    """Start a game of ``path`` with Ana as Crisis Manager and bots elsewhere; on to the turn
    screen."""
    app = pilot.app
    sc = app.load(str(path)).scenario
    assert sc is not None
    seats = {
        r: Seat(r, player="Ana") if r == "crisis_manager" else Seat(r, bot="good")
        for r in sc.roles_in_play
    }
    app.start_game(sc, seats)
    for _ in range(5):
        pilot.step(2)
        if pilot.scene.name == "turn":
            return
        pilot.key(pygame.K_RETURN)
    assert pilot.scene.name == "turn"
