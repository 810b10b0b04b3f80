"""Settings: text size (100–200 %), palette (colour-blind safe), sound; saved as JSON."""

from __future__ import annotations

import dataclasses

import pygame

from game.ui.input import Command, Kind
from game.ui.scene import Scene
from game.ui.scenes.common import Frame, back_button, draw_header, footer
from game.ui.settings import PALETTE_NAMES, PALETTES, TEXT_SCALES
from game.ui.widgets import Box, Button, Custom, Flow, ScrollView, Text


class SettingsScene(Scene):
    name = "settings"

    def build(self) -> list[ScrollView]:
        app, t = self.app, self.app.theme
        s = app.settings
        self.frame = Frame(app.size, t)

        def setter(**kw):
            return lambda: self.change(**kw)

        sizes = Flow(
            [
                Button(
                    f"{n} %",
                    setter(text_scale=n),
                    style="toggle",
                    selected=s.text_scale == n,
                    key=f"scale-{n}",
                )
                for n in TEXT_SCALES
            ]
        )
        palettes = Flow(
            [
                Button(
                    PALETTE_NAMES[p],
                    setter(palette=p),
                    style="toggle",
                    selected=s.palette == p,
                    key=f"palette-{p}",
                )
                for p in PALETTES
            ]
        )
        sound = Flow(
            [
                Button(
                    "Sound on",
                    setter(mute=False),
                    style="toggle",
                    selected=not s.mute,
                    key="sound-on",
                ),
                Button(
                    "Muted", setter(mute=True), style="toggle", selected=s.mute, key="sound-off"
                ),
                Button("Volume −", setter(volume=max(0, s.volume - 10)), key="vol-down"),
                Button("Volume +", setter(volume=min(100, s.volume + 10)), key="vol-up"),
                Button("Test sound", lambda: app.play_sound("alarm"), key="test"),
            ]
        )
        audio = "" if app.sounds is None or app.sounds.ok else " (no audio device: sounds are off)"

        def swatches(surf: pygame.Surface, r: pygame.Rect) -> None:
            p = t.palette
            names = ["good", "warn", "bad", "accent", "focus"]
            cw = max(30, r.width // (len(names) + len(p.series)))
            for i, c in enumerate([getattr(p, n) for n in names] + list(p.series)):
                pygame.draw.rect(surf, c, (r.x + i * cw, r.y, cw - 4, r.height), border_radius=3)

        body = [
            Box(
                [
                    Text("Text size", "heading"),
                    Text(
                        "Every screen scrolls, so nothing is cut off at any size.",
                        "small",
                        "text_dim",
                    ),
                    sizes,
                ]
            ),
            Box(
                [
                    Text("Colours", "heading"),
                    Text(
                        "The colour-blind-safe palette uses the Okabe–Ito colours; good and bad "
                        "are also shown with arrows and signs.",
                        "small",
                        "text_dim",
                    ),
                    palettes,
                    Custom(t.line_height(), swatches),
                ]
            ),
            Box(
                [
                    Text("Sound", "heading"),
                    Text(
                        f"Alarm, new message and last-seconds tick. Volume {s.volume} %{audio}",
                        "small",
                        "text_dim",
                    ),
                    sound,
                ]
            ),
            Text(f"Saved in {app.data_dir / 'settings.json'}", "small", "text_dim"),
        ]
        return [
            ScrollView("body", self.frame.body, body),
            footer(self.frame, [back_button(self.app.pop)]),
        ]

    def change(self, **kw) -> None:
        self.app.apply_settings(dataclasses.replace(self.app.settings, **kw))
        self.invalidate()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        draw_header(
            surface,
            self.app.theme,
            self.frame,
            "Settings",
            "Tab / arrows move, Enter chooses, Esc goes back",
        )

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK:
            self.app.pop()
            return
        super().handle(cmd)
