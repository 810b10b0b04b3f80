"""Can a window open here?  Asked before the window is built, so the command line can offer
the terminal mode instead of a traceback, or instead of a window nobody can see.

SDL 2.32 does not fail when there is no display: after x11 and wayland it falls back to its
``offscreen`` driver, which "opens" windows in memory.  The game would then run invisibly
forever (an SSH session, a server).  So a head-less driver SDL chose by itself counts as no
display; one asked for with ``SDL_VIDEODRIVER`` (``dummy`` for tests, ``offscreen`` for
screenshots) is respected.

SDL and ALSA print their own complaints on standard error while they probe (``XDG_RUNTIME_DIR
is invalid``, eight ``ALSA lib`` lines on a machine without a sound card); :func:`quiet_stderr`
keeps those off the player's terminal while a driver is tried.  What failed is still said,
once, from SDL's error text.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

from game.i18n import _, format_list

#: Drivers that draw nowhere a person can see.
HEADLESS = frozenset({"offscreen", "dummy", "evdev"})


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Send what C libraries write to file descriptor 2 to /dev/null for the ``with`` block."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield  # no usable descriptor 2: nothing to quieten
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 2)
        finally:
            os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def asked_drivers(variable: str) -> list[str]:
    """The drivers named in ``SDL_VIDEODRIVER`` / ``SDL_AUDIODRIVER`` (a comma list), lower case."""
    return [d.strip().lower() for d in os.environ.get(variable, "").split(",") if d.strip()]


def _why_headless(driver: str) -> str:
    names = [v for v in ("DISPLAY", "WAYLAND_DISPLAY") if os.environ.get(v)]
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) and not names:
        return _("DISPLAY and WAYLAND_DISPLAY are not set")
    if not names:
        return _("SDL could not open the screen and fell back to its {driver} driver").format(
            driver=driver
        )
    where = format_list([f"{n}={os.environ[n]}" for n in names])
    return _("SDL could not open {where} and fell back to its {driver} driver").format(
        where=where, driver=driver
    )


def probe_display() -> str:
    """ "" when a video driver starts on a real screen, else the reason there is none.

    The dummy driver always starts and, asked for, is never refused (tests use it).
    """
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    asked = asked_drivers("SDL_VIDEODRIVER")
    try:
        with quiet_stderr():
            pygame.display.init()
    except pygame.error as e:
        if "dummy" in asked:
            raise
        return str(e) or _("no video driver")
    driver = (pygame.display.get_driver() or "").lower()
    if driver in HEADLESS and driver not in asked:
        pygame.display.quit()
        return _why_headless(driver)
    return ""
