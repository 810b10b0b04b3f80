"""The text fields: pygame_gui's ``UITextEntryLine`` (one line) and ``UITextEntryBox`` (several
lines) placed over our :class:`~game.ui.widgets.TextField` widgets.

pygame_gui does what the hand-written fields did not: a cursor that moves (←/→, Home/End, a
click), selection (Shift+arrows, drag, double click, Ctrl+A), clipboard copy, cut and paste
(Ctrl+C/X/V through ``pygame.scrap``) and Delete.  We add IME composition: ``TEXTEDITING`` text
(the syllables of a Chinese word being composed) is drawn underlined at the cursor until the
IME commits it as ``TEXTINPUT``, and the IME's candidate window is placed under the field.

Only the scenes with a text field use this module (seats, pause): it is imported when such a
scene is first built, never by the title screen (importing pygame_gui and making a manager
costs ~70 ms and 16 MiB; ``tests/ui/test_startup.py`` checks it).  One ``UIManager`` per text
scale and palette, kept on the app, loads ``assets/theme.json`` (absolute font paths, scaled
sizes and the palette's colours: :func:`game.ui.theme.load_theme_json`), so the fields use the
bundled CJK font.

A :class:`TextLayer` belongs to one scene.  Its elements are keyed by the widget's key and
outlive the scene's rebuilds (the cursor and selection stay); ``sync`` (in ``handle`` and
``update``) places them over the widgets, gives the pygame_gui focus to the field that has ours
and copies edited text back through the widget's ``on_change``; ``draw`` only paints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryBox, UITextEntryLine

from game.ui.theme import load_theme_json
from game.ui.widgets import TextField

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scene import Scene

KEY_REPEAT = (400, 40)  # the window's (pygame_gui's fields set their own on focus)

Entry = UITextEntryLine | UITextEntryBox


def manager(app: App) -> pygame_gui.UIManager:
    """The app's UIManager for its current theme (made again when the text size or palette
    changed), sized to the window."""
    held = app.text_manager
    if held is None or held[0] is not app.theme:
        theme = load_theme_json(app.theme.scale, app.theme.palette)
        held = app.text_manager = (app.theme, pygame_gui.UIManager(app.size, theme))
    if held[1].window_resolution != app.size:
        held[1].set_window_resolution(app.size)
    return held[1]


class TextLayer:
    def __init__(self, app: App) -> None:
        self.app = app
        self.manager: pygame_gui.UIManager | None = None
        self.entries: dict[str, Entry] = {}
        self.fields: dict[str, TextField] = {}
        self.clips: dict[str, pygame.Rect] = {}
        self.focused: str | None = None
        #: IME text being composed in the focused field (``TEXTEDITING``), not yet typed
        self.composition = ""

    # -- state (handle / update) ------------------------------------------------------------

    def sync(self, scene: Scene) -> None:
        """Make the elements match the scene's text fields, their place and the focus."""
        m = manager(self.app)
        if m is not self.manager:  # a new theme: new elements (the text is the scene's)
            self.clear()
            self.manager = m
        fields: dict[str, TextField] = {}
        clips: dict[str, pygame.Rect] = {}
        for view in scene.views:
            for w in view.widgets():
                if isinstance(w, TextField) and w.key:
                    fields[w.key] = w
                    clips[w.key] = view.rect
                    w.box = view.screen_rect(w)
                    w.box.y += w.label_h
                    w.box.h -= w.label_h
        for key in [k for k in self.entries if k not in fields]:
            self.entries.pop(key).kill()
        for key, w in fields.items():
            e = self.entries.get(key)
            multi = w.lines_shown > 1
            if e is not None and isinstance(e, UITextEntryBox) != multi:
                e.kill()
                e = None
            if e is None:
                e = self._make(w, multi)
                self.entries[key] = e
            elif e.get_text() != w.value:  # changed by the scene (a sent inject clears it)
                e.set_text(w.value)
            if e.relative_rect != w.box:
                e.set_relative_position(w.box.topleft)
                e.set_dimensions(w.box.size)
            if w.box.colliderect(clips[key]):
                e.show()
            else:
                e.hide()
        self.fields, self.clips = fields, clips
        focus = scene.ctx.focus
        key = focus.key if isinstance(focus, TextField) and focus.key in self.entries else None
        if key != self.focused or (key is not None and not self.entries[key].is_focused):
            self.composition = ""
            e = self.entries[key] if key is not None else None
            if e is not None and not e.is_focused:  # by keyboard: the cursor at the end
                e.set_text(e.get_text())  # (a click has placed it already)
            m.set_focus_set(e)
            pygame.key.set_repeat(*KEY_REPEAT)
            self.focused = key
        if key is not None:
            pygame.key.set_text_input_rect(self.fields[key].box)  # the IME's candidates

    def _make(self, w: TextField, multi: bool) -> Entry:
        if multi:
            e: Entry = UITextEntryBox(
                w.box,
                w.value,
                manager=self.manager,
                placeholder_text=w.placeholder or None,
            )
        else:
            e = UITextEntryLine(
                w.box,
                manager=self.manager,
                initial_text=w.value or None,
                placeholder_text=w.placeholder or None,
            )
            e.set_text_length_limit(w.max_len)
        return e

    def process(self, event: pygame.event.Event) -> None:
        """An editing event (keys, text, IME composition) or a mouse event for the fields."""
        if self.manager is None:
            return
        if event.type == pygame.TEXTEDITING:
            self.composition = event.text if self.focused else ""
            return
        if event.type == pygame.TEXTINPUT:
            self.composition = ""
        self.manager.process_events(event)
        self.collect()

    def collect(self) -> None:
        """Hand edited text to the widgets (their ``on_change``)."""
        for key, e in self.entries.items():
            w = self.fields.get(key)
            if w is None:
                continue
            text = e.get_text()
            if len(text) > w.max_len:  # UITextEntryBox has no limit of its own
                text = text[: w.max_len]
                e.set_text(text)
            if text != w.value:
                w.value = text
                w.on_change(text)

    def update(self, dt: float) -> None:
        if self.manager is not None:
            self.manager.update(dt)
            self.collect()

    def clear(self) -> None:
        for e in self.entries.values():
            e.kill()
        self.entries.clear()
        if self.manager is not None and self.focused is not None:
            self.manager.set_focus_set(None)
            pygame.key.set_repeat(*KEY_REPEAT)
        self.focused = None
        self.composition = ""

    # -- drawing -----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        if self.manager is None or not self.entries:
            return
        old = surface.get_clip()
        clip = self._clip()
        surface.set_clip(clip.clip(old) if old and clip else clip)
        self.manager.draw_ui(surface)
        if self.composition and self.focused is not None:
            self._draw_composition(surface)
        surface.set_clip(old)

    def _clip(self) -> pygame.Rect | None:
        """The fields' views together (None: no field placed yet)."""
        clip = None
        for r in self.clips.values():
            clip = r if clip is None else clip.union(r)
        return clip

    def areas(self) -> list[pygame.Rect]:
        """Where :meth:`draw` paints: each field shown, within its view, and the text being
        composed (the app keeps the pixels under them: :meth:`App.save_under`)."""
        if self.manager is None or not self.entries:
            return []
        clip = self._clip()
        out = [e.rect.copy() for e in self.entries.values() if e.visible]
        if self.composition and self.focused is not None:
            out.append(self._composition()[1])
        return [r.clip(clip) for r in out] if clip is not None else out

    def _composition(self) -> tuple[pygame.Surface, pygame.Rect]:
        """The IME's text being composed, and its box just after the cursor."""
        e, w = self.entries[self.focused], self.fields[self.focused]
        theme = self.app.theme
        text = e.get_text()
        pos = min(e.edit_position, len(text))
        line = text[:pos].rsplit("\n", 1)[-1]
        x = w.box.x + theme.pad + min(theme.width(line), max(0, w.box.w - 2 * theme.pad))
        y = w.box.y + max(2, (theme.line_height() + theme.pad - theme.line_height()) // 2)
        surf = theme.render(self.composition, "body", theme.palette.text)
        return surf, pygame.Rect(x, y, surf.get_width() + 2, theme.line_height())

    def _draw_composition(self, surface: pygame.Surface) -> None:
        """The IME's text being composed, underlined, just after the cursor."""
        p = self.app.theme.palette
        surf, bg = self._composition()
        pygame.draw.rect(surface, p.panel_alt, bg)
        surface.blit(surf, (bg.x + 1, bg.y), special_flags=pygame.BLEND_PREMULTIPLIED)
        pygame.draw.line(surface, p.focus, (bg.x, bg.bottom - 2), (bg.right, bg.bottom - 2), 2)
