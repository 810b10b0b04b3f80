"""The one place where pygame events become game commands.

Scenes never look at raw pygame events: they receive :class:`Command` values.  ``typing`` is
true while a text field has the focus: then keys and text arrive as ``EDIT`` and letter or
number shortcuts are off, while Tab, Enter and Escape keep working.

Typing itself is pygame_gui's (:mod:`game.ui.textentry`): while ``typing``, text input, IME
composition (``TEXTEDITING``) and every other key (Backspace, Delete, ←/→, Home/End, Ctrl+A/C/V/X)
arrive as ``EDIT`` carrying the pygame event, which the scene hands to the focused field.  Mouse
commands carry their event too, so a click or a drag in a field places the cursor or selects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pygame


class Kind(StrEnum):
    QUIT = "quit"
    RESIZE = "resize"
    DROP_FILE = "drop_file"
    NEXT = "next"  # Tab
    PREV = "prev"  # Shift+Tab
    UP = "up"
    DOWN = "down"
    LEFT = "left"
    RIGHT = "right"
    MOVE_UP = "move_up"  # Shift/Alt+Up: move the focused rank item
    MOVE_DOWN = "move_down"
    PAGE_UP = "page_up"
    PAGE_DOWN = "page_down"
    ACTIVATE = "activate"  # Enter / Space
    BACK = "back"  # Escape
    NUMBER = "number"  # 1-9
    SHORTCUT = "shortcut"  # a letter key (lower case) or + / - in ``text``
    FUNCTION = "function"  # F1-F12 in ``value``; works while typing too (a field never uses them)
    PRESS = "press"  # left mouse button down at ``pos``
    RELEASE = "release"
    POINTER = "pointer"  # mouse moved
    WHEEL = "wheel"  # ``value`` notches, positive = up
    EDIT = "edit"  # while typing: text, IME composition or an editing key for the text field
    FOCUS_LOST = "focus_lost"  # the window lost the keyboard focus


@dataclass(frozen=True, slots=True)
class Command:
    kind: Kind
    value: int = 0
    pos: tuple[int, int] = (0, 0)
    text: str = ""
    #: the pygame event (``EDIT`` and mouse commands: the text fields need it)
    event: Any = field(default=None, compare=False, repr=False)


_NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {
    getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)
}
_FUNCTION_KEYS = {getattr(pygame, f"K_F{n}"): n for n in range(1, 13)}
#: the keypad's and the main row's + and − (volume in the settings)
_SIGNS = {pygame.K_MINUS: "-", pygame.K_KP_MINUS: "-", pygame.K_PLUS: "+", pygame.K_KP_PLUS: "+"}
_SIMPLE = {
    pygame.K_UP: Kind.UP,
    pygame.K_DOWN: Kind.DOWN,
    pygame.K_LEFT: Kind.LEFT,
    pygame.K_RIGHT: Kind.RIGHT,
    pygame.K_PAGEUP: Kind.PAGE_UP,
    pygame.K_PAGEDOWN: Kind.PAGE_DOWN,
    pygame.K_RETURN: Kind.ACTIVATE,
    pygame.K_KP_ENTER: Kind.ACTIVATE,
    pygame.K_ESCAPE: Kind.BACK,
}


def translate(event: pygame.event.Event, typing: bool = False) -> Command | None:
    """The command for one pygame event, or None when it means nothing to the game."""
    t = event.type
    if t == pygame.QUIT:
        return Command(Kind.QUIT)
    if t == pygame.VIDEORESIZE:
        return Command(Kind.RESIZE, pos=(event.w, event.h))
    if t == pygame.DROPFILE:
        return Command(Kind.DROP_FILE, text=event.file)
    if t == pygame.WINDOWFOCUSLOST:
        return Command(Kind.FOCUS_LOST)
    if t == pygame.MOUSEBUTTONDOWN and event.button == 1:
        return Command(Kind.PRESS, pos=event.pos, event=event)
    if t == pygame.MOUSEBUTTONUP and event.button == 1:
        return Command(Kind.RELEASE, pos=event.pos, event=event)
    if t == pygame.MOUSEMOTION:
        return Command(Kind.POINTER, pos=event.pos, event=event)
    if t == pygame.MOUSEWHEEL:
        return Command(Kind.WHEEL, value=int(event.y), pos=pygame.mouse.get_pos())
    if t in (pygame.TEXTINPUT, pygame.TEXTEDITING):
        return Command(Kind.EDIT, text=event.text, event=event) if typing else None
    if t == pygame.KEYUP:
        return Command(Kind.EDIT, event=event) if typing else None
    if t != pygame.KEYDOWN:
        return None
    key, mod = event.key, event.mod
    if key == pygame.K_q and mod & pygame.KMOD_CTRL:
        return Command(Kind.QUIT)
    if key == pygame.K_TAB:
        return Command(Kind.PREV if mod & pygame.KMOD_SHIFT else Kind.NEXT)
    if key in (pygame.K_UP, pygame.K_DOWN) and mod & (pygame.KMOD_SHIFT | pygame.KMOD_ALT):
        return Command(Kind.MOVE_UP if key == pygame.K_UP else Kind.MOVE_DOWN)
    if key in _FUNCTION_KEYS:  # ``text`` "shift" for Shift+F-key
        shift = "shift" if mod & pygame.KMOD_SHIFT else ""
        return Command(Kind.FUNCTION, value=_FUNCTION_KEYS[key], text=shift)
    if typing:
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_UP, pygame.K_DOWN):
            return Command(_SIMPLE[key])
        return Command(Kind.EDIT, event=event)
    if key in _SIMPLE:
        return Command(_SIMPLE[key])
    if key == pygame.K_SPACE:
        return Command(Kind.ACTIVATE)
    if key in _NUMBER_KEYS:
        return Command(Kind.NUMBER, value=_NUMBER_KEYS[key])
    if mod & (pygame.KMOD_CTRL | pygame.KMOD_META):
        return None
    char = (event.unicode or "").lower()
    if len(char) == 1 and char.isalpha():
        return Command(Kind.SHORTCUT, text=char)
    if char in ("+", "-") or key in _SIGNS:  # "+" is Shift+= on many layouts
        return Command(Kind.SHORTCUT, text=char if char in ("+", "-") else _SIGNS[key])
    return None
