"""The scene base class: one screen of the window, kept on the app's scene stack.

Lifecycle, called by :class:`game.ui.app.App`:

- ``enter()`` once when the scene becomes the top of the stack (and again when it is uncovered);
- ``handle(cmd)`` for every :class:`~game.ui.input.Command` while it is on top;
- ``update(dt)`` once per frame while it is on top: time-driven changes, and rebuilding the
  widgets after ``invalidate()`` (a change of the session, the window size or the settings);
- ``draw(surface)`` once per frame while it is visible.  **draw never changes state**: not the
  game, not the widgets, not the focus.  It only reads them and paints.

A scene changes the game only through session actions (via the app's match).  The base class
does the generic part of the input: focus order (Tab, Shift+Tab, arrows), Enter/Space on the
focused widget, mouse hover, clicks, drag and drop between widgets that carry a ``drag`` id,
wheel scrolling, and typing into the focused text field.

Text fields are pygame_gui entries (:mod:`game.ui.textentry`, imported when a scene first has a
:class:`~game.ui.widgets.TextField`): ``EDIT`` commands and mouse events go to the scene's
:class:`~game.ui.textentry.TextLayer`, whose manager is updated in ``update`` and drawn in
``draw`` after the scroll views.  Escape in a text field leaves the field.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pygame

from game.ui.input import Command, Kind
from game.ui.widgets import Ctx, Custom, ScrollView, TextField, Widget

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.textentry import TextLayer

#: Numbers the scenes, so the app's one kept image knows whose drawing it holds.
_serials = itertools.count()
#: A live widget paints within its rect and this many pixels around it (see ``Scene.draw``).
LIVE_MARGIN = 4


class Scene:
    #: Short name used for screenshots and tests (``01-title.png``).
    name = "scene"
    #: An overlay is drawn over the scene below it (pause, hand-over dialogs).
    overlay = False

    def __init__(self, app: App) -> None:
        self.app = app
        self.views: list[ScrollView] = []
        self.ctx = Ctx(app.theme)
        self._dirty = True
        self._press: Widget | None = None
        self._press_view: ScrollView | None = None
        self._bar_drag: tuple[ScrollView, int, int] | None = None
        #: the pygame_gui text fields, made when the scene first has a TextField
        self.text: TextLayer | None = None
        # this scene's number in the key of the app's kept image, and the live widgets over it
        self._serial = next(_serials)
        self._live: list[tuple[Custom, int, int, pygame.Rect]] = []

    # -- lifecycle -------------------------------------------------------------------------

    def enter(self) -> None:
        self.invalidate()

    def leave(self) -> None:
        if self.text is not None:
            self.text.clear()

    def invalidate(self) -> None:
        """Ask for the widgets to be rebuilt before the next frame."""
        self._dirty = True

    def build(self) -> list[ScrollView]:
        """Return the scroll views (with their widgets) for the current window size."""
        return []

    def rebuild(self) -> None:
        pressed, dragging = self._press, self.ctx.dragging
        focus_key = self.ctx.focus.key if self.ctx.focus is not None else None
        scroll = {v.name: v.scroll for v in self.views}
        self.ctx = Ctx(self.app.theme)
        self.views = self.build()
        for v in self.views:
            v.layout(self.app.theme)
            v.scroll = scroll.get(v.name, 0)
            v.clamp()
        focus = None
        if focus_key is not None:
            focus = next((w for w in self.focusables() if w.key == focus_key), None)
        if focus is None:
            focus = self.default_focus()
        self.ctx.focus = focus
        self._keep_press(pressed, dragging)
        self._dirty = False
        if self.text is None and any(isinstance(w, TextField) for w in self.focusables()):
            from game.ui.textentry import TextLayer

            self.text = TextLayer(self.app)
        if self.text is not None:
            self.text.sync(self)

    def _keep_press(self, pressed: Widget | None, dragging: Widget | None) -> None:
        """A button held down when the widgets are rebuilt (a network update arrived between
        press and release) is the new button with its key, so the click is not lost."""
        if pressed is None:
            return
        new = next((w for w in self.focusables() if pressed.key and w.key == pressed.key), None)
        self._press = self.ctx.pressed = new
        if dragging is pressed:
            self.ctx.dragging = new

    def default_focus(self) -> Widget | None:
        items = self.focusables()
        return items[0] if items else None

    def update(self, dt: float) -> None:
        if self._dirty:
            self.rebuild()
        if self.text is not None:
            self.text.sync(self)  # scrolled, focus moved
            self.text.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        """The background and the scroll views, then the text fields.

        The background and the views are drawn once and shown again each frame while nothing
        they show changed (their scroll, the focus, hover, press and drag; a rebuild makes new
        views); only live ``Custom`` widgets (countdowns) are painted each frame.  Redrawing
        every rounded box and line of text each frame cost about ten times a bare frame.  An
        overlay draws over a live scene, so it draws everything.

        Where that drawing is kept: the scene on top of the window draws it on the window
        itself, which keeps its pixels from frame to frame; what is painted over it (live
        widgets, text fields, the save notice, toasts) first saves the pixels it covers, and the
        next frame puts them back (:meth:`App.keep_screen`).  So the window holds no second
        screen-sized surface (3.5 MiB at 1280x720).  A scene shown under an overlay, or drawn
        on another surface, keeps its drawing in the app's one image instead
        (:attr:`App.backdrop`; its key names the scene that drew it).
        """
        ctx = self.ctx
        app = self.app
        if self.overlay:
            app.theme.redrawn()
            surface.fill(app.theme.palette.bg)
            for v in self.views:
                v.draw(surface, ctx)
            self.draw_fields(surface)
            return
        size = surface.get_size()
        key = (self._serial, id(app.theme), size, *(v.key(ctx) for v in self.views))
        if surface is app.screen and app.top is self:
            if not app.keep_screen(key):
                self._draw_still(surface)
        else:
            image = app.backdrop
            if image is None or key != app.backdrop_key:
                if image is None or image.get_size() != size:
                    app.backdrop = None  # the old size's pixels go before the new ones come
                    image = surface.copy()  # the display's pixel format: blits are copies
                self._draw_still(image)
                app.backdrop, app.backdrop_key = image, key
            surface.blit(image, (0, 0))
        if self._live:
            old = surface.get_clip()
            for c, dx, dy, clip in self._live:
                rect = c.rect.move(dx, dy)
                # painted within its rect and a margin (a stroke may spill over by a pixel),
                # so what it covers is all saved and put back
                area = rect.inflate(2 * LIVE_MARGIN, 2 * LIVE_MARGIN).clip(clip)
                app.save_under(surface, area)
                surface.set_clip(area)
                c.paint(surface, rect)
            surface.set_clip(old)
        if self.text is not None:
            for area in self.text.areas():
                app.save_under(surface, area)
        self.draw_fields(surface)

    def _draw_still(self, target: pygame.Surface) -> None:
        """The background and the views, without the live widgets (listed in ``_live``)."""
        ctx = self.ctx
        self.app.theme.redrawn()
        old = target.get_clip()
        target.set_clip(None)
        target.fill(self.app.theme.palette.bg)
        ctx.live = []
        try:
            for v in self.views:
                v.draw(target, ctx)
            self._live = ctx.live
        finally:
            ctx.live = None
            target.set_clip(old)

    def draw_fields(self, surface: pygame.Surface) -> None:
        """The text fields (pygame_gui), over the scroll views."""
        if self.text is not None:
            self.text.draw(surface)

    # -- focus -----------------------------------------------------------------------------

    def focusables(self) -> list[Widget]:
        return [w for v in self.views for w in v.widgets() if w.focusable]

    def view_of(self, widget: Widget) -> ScrollView | None:
        for v in self.views:
            if any(w is widget for w in v.widgets()):
                return v
        return None

    def set_focus(self, widget: Widget | None) -> None:
        self.ctx.focus = widget
        if widget is not None:
            view = self.view_of(widget)
            if view is not None:
                view.ensure_visible(widget)

    def move_focus(self, step: int) -> None:
        items = self.focusables()
        if not items:
            return
        try:
            i = next(n for n, w in enumerate(items) if w is self.ctx.focus)
        except StopIteration:
            i = -1 if step > 0 else 0
        self.set_focus(items[(i + step) % len(items)])

    @property
    def typing(self) -> bool:
        return bool(getattr(self.ctx.focus, "typing", False))

    def leave_field(self) -> None:
        """Escape in a text field: the focus goes to the next widget that is not one."""
        items = self.focusables()
        if self.ctx.focus not in items:
            self.set_focus(None)
            return
        i = items.index(self.ctx.focus)
        rest = [w for w in items[i + 1 :] + items[:i] if not getattr(w, "typing", False)]
        self.set_focus(rest[0] if rest else None)

    def focus_key(self, key: str) -> None:
        w = next((w for w in self.focusables() if w.key == key), None)
        if w is not None:
            self.set_focus(w)

    # -- input -----------------------------------------------------------------------------

    def hit(self, pos: tuple[int, int]) -> tuple[ScrollView | None, Widget | None]:
        for v in reversed(self.views):
            if v.rect.collidepoint(pos):
                return v, v.hit(pos)
        return None, None

    def handle(self, cmd: Command) -> None:
        """Generic input; scenes override and call ``super().handle(cmd)`` for the rest."""
        k = cmd.kind
        if self._dirty:
            self.rebuild()
        if self.text is not None and cmd.event is not None and k is not Kind.EDIT:
            self.text.process(cmd.event)  # a click or drag in a field moves its cursor
        if k is Kind.NEXT or k is Kind.DOWN or k is Kind.RIGHT:
            self.move_focus(+1)
        elif k is Kind.PREV or k is Kind.UP or k is Kind.LEFT:
            self.move_focus(-1)
        elif k is Kind.ACTIVATE:
            if self.ctx.focus is not None:
                self.ctx.focus.activate()
        elif k is Kind.BACK and self.typing:
            self.leave_field()
        elif k is Kind.EDIT:
            if self.text is not None and cmd.event is not None:
                self.text.sync(self)  # the focus may have moved since the last frame
                self.text.process(cmd.event)
        elif k is Kind.POINTER:
            if self._bar_drag is not None:
                view, y0, s0 = self._bar_drag
                view.scroll = s0 + (cmd.pos[1] - y0) * view.content_h // max(1, view.rect.height)
                view.clamp()
            _, self.ctx.hover = self.hit(cmd.pos)
        elif k is Kind.WHEEL:
            view, _ = self.hit(cmd.pos)
            if view is not None:
                view.scroll_by(-cmd.value * self.app.theme.line_height() * 3)
        elif k in (Kind.PAGE_UP, Kind.PAGE_DOWN):
            view = self.view_of(self.ctx.focus) if self.ctx.focus else None
            view = view or (self.views[0] if self.views else None)
            if view is not None:
                step = view.rect.height * 4 // 5
                view.scroll_by(-step if k is Kind.PAGE_UP else step)
        elif k is Kind.PRESS:
            view, w = self.hit(cmd.pos)
            if view is not None:
                bar = view.bar_rect()
                if bar is not None and cmd.pos[0] >= bar.x - 2:
                    if not bar.collidepoint(cmd.pos):  # click on the track: jump there
                        frac = (cmd.pos[1] - view.rect.y) / max(1, view.rect.height)
                        view.scroll = int(frac * view.content_h - view.rect.height / 2)
                        view.clamp()
                    self._bar_drag = (view, cmd.pos[1], view.scroll)
                    return
            self._press, self._press_view = w, view
            self.ctx.pressed = w
            if w is not None:
                self.ctx.focus = w
                if getattr(w, "drag", None):
                    self.ctx.dragging = w
        elif k is Kind.RELEASE:
            self._bar_drag = None
            _, w = self.hit(cmd.pos)
            pressed, dragging = self._press, self.ctx.dragging
            self._press = self.ctx.pressed = self.ctx.dragging = None
            if (
                dragging is not None
                and w is not None
                and w is not dragging
                and getattr(w, "drag", None)
            ):
                self.on_drop(dragging, w)
            elif w is not None and w is pressed and not getattr(w, "typing", False):
                w.activate()  # a click on a text field only focuses it

    def on_drop(self, dragged: Widget, target: Widget) -> None:
        """A widget with a ``drag`` id was dropped on another one (rank items)."""
