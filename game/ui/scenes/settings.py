"""Settings: language, text size (100–200 %), palette (colour-blind safe), sound; saved as JSON.

The language applies at once (``App.apply_settings`` rebuilds every screen) and is remembered;
each language is offered in its own name, so a reader finds theirs whatever is shown now."""

from __future__ import annotations

import dataclasses

import pygame

from game import i18n
from game.i18n import LANGUAGES, _
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

        def speak(tag: str):
            return lambda: self.choose_language(tag)

        languages = Flow(
            [
                Button(
                    LANGUAGES[tag],
                    speak(tag),
                    style="toggle",
                    selected=i18n.language() == tag,
                    hint=LANGUAGE_KEYS[tag].upper(),
                    key=f"language-{tag}",
                )
                for tag in LANGUAGES
            ]
        )
        sizes = Flow(
            [
                Button(
                    f"{n} %",
                    setter(text_scale=n),
                    style="toggle",
                    selected=s.text_scale == n,
                    hint=str(i),
                    key=f"scale-{n}",
                )
                for i, n in enumerate(TEXT_SCALES, 1)
            ]
        )
        palettes = Flow(
            [
                Button(
                    _(PALETTE_NAMES[p]),
                    setter(palette=p),
                    style="toggle",
                    selected=s.palette == p,
                    hint=PALETTE_KEYS[p].upper(),
                    key=f"palette-{p}",
                )
                for p in PALETTES
            ]
        )
        sound = Flow(
            [
                Button(
                    _("Sound on"),
                    setter(mute=False),
                    style="toggle",
                    selected=not s.mute,
                    hint="O",
                    key="sound-on",
                ),
                Button(
                    _("Muted"),
                    setter(mute=True),
                    style="toggle",
                    selected=s.mute,
                    hint="M",
                    key="sound-off",
                ),
                Button(_("Volume −"), self.volume_down, hint="−", key="vol-down"),
                Button(_("Volume +"), self.volume_up, hint="+", key="vol-up"),
                Button(_("Test sound"), self.test_sound, hint="T", key="test"),
            ]
        )
        if app.sounds is None or app.sounds.ok:
            sound_note = _("Alarm, new message and last-seconds tick. Volume {volume} %")
        else:
            sound_note = _(
                "Alarm, new message and last-seconds tick. Volume {volume} % "
                "(no audio device: sounds are off)"
            )

        def swatches(surf: pygame.Surface, r: pygame.Rect) -> None:
            p = t.palette
            names = ["good", "warn", "bad", "accent", "focus"]
            cw = max(30, r.width // (len(names) + len(p.series)))
            for i, c in enumerate([getattr(p, n) for n in names] + list(p.series)):
                pygame.draw.rect(surf, c, (r.x + i * cw, r.y, cw - 4, r.height), border_radius=3)

        body = [
            Box(
                [
                    # TRANSLATORS: the heading of the interface-language choice (its buttons
                    # are each language's own name)
                    Text(_("Language"), "heading"),
                    Text(
                        _("Every screen changes at once; your choice is remembered."),
                        "small",
                        "text_dim",
                    ),
                    languages,
                ]
            ),
            Box(
                [
                    Text(_("Text size"), "heading"),
                    Text(
                        _("Every screen scrolls, so nothing is cut off at any size."),
                        "small",
                        "text_dim",
                    ),
                    sizes,
                ]
            ),
            Box(
                [
                    Text(_("Colours"), "heading"),
                    Text(
                        _(
                            "The colour-blind-safe palette uses the Okabe–Ito colours; good and "
                            "bad are also shown with arrows and signs."
                        ),
                        "small",
                        "text_dim",
                    ),
                    palettes,
                    Custom(t.line_height(), swatches),
                ]
            ),
            Box(
                [
                    Text(_("Sound"), "heading"),
                    Text(
                        sound_note.format(volume=s.volume),
                        "small",
                        "text_dim",
                    ),
                    sound,
                ]
            ),
            Text(
                _("Saved in {path}").format(path=app.data_dir / "settings.json"),
                "small",
                "text_dim",
            ),
        ]
        return [
            ScrollView("body", self.frame.body, body),
            footer(self.frame, [back_button(self.app.pop)]),
        ]

    def volume_down(self) -> None:
        self.change(volume=max(0, self.app.settings.volume - 10))

    def volume_up(self) -> None:
        self.change(volume=min(100, self.app.settings.volume + 10))

    def test_sound(self) -> None:
        self.app.play_sound("alarm")

    def choose_language(self, tag: str) -> None:
        self.app.choose_language(tag)
        self.invalidate()

    def change(self, **kw) -> None:
        self.app.apply_settings(dataclasses.replace(self.app.settings, **kw))
        self.invalidate()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        draw_header(
            surface,
            self.app.theme,
            self.frame,
            _("Settings"),
            _("Tab / arrows move, Enter chooses, Esc goes back; or press a button's key"),
        )

    def handle(self, cmd: Command) -> None:
        k, text = cmd.kind, cmd.text
        if k is Kind.BACK:
            self.app.pop()
        elif k is Kind.NUMBER and cmd.value <= len(TEXT_SCALES):
            self.change(text_scale=TEXT_SCALES[cmd.value - 1])
        elif k is Kind.SHORTCUT and text in _LANGUAGE_OF_KEY:
            self.choose_language(_LANGUAGE_OF_KEY[text])
        elif k is Kind.SHORTCUT and text in _PALETTE_OF_KEY:
            self.change(palette=_PALETTE_OF_KEY[text])
        elif k is Kind.SHORTCUT and text in ("o", "m"):
            self.change(mute=text == "m")
        elif k is Kind.SHORTCUT and text in _SOUND_KEYS:
            _SOUND_KEYS[text](self)
        else:
            super().handle(cmd)


#: one key per button (text sizes are 1–5); none clashes with another
PALETTE_KEYS = {"default": "d", "okabe_ito": "b"}
#: E for English, C for 中文 (Chinese)
LANGUAGE_KEYS = {"en": "e", "zh-Hant": "c"}
_LANGUAGE_OF_KEY = {k: tag for tag, k in LANGUAGE_KEYS.items()}
_PALETTE_OF_KEY = {k: p for p, k in PALETTE_KEYS.items()}
_SOUND_KEYS = {
    "-": SettingsScene.volume_down,
    "+": SettingsScene.volume_up,
    "t": SettingsScene.test_sound,
}
