"""The game window as a seat of a network exercise (``crisis-sim join`` without ``--text``, and
the facilitator's console of ``crisis-sim host``).

The window is the same :class:`~game.ui.app.App` as for a local game, opened on the network
scenes (``game/ui/scenes/net``) instead of the title screen.  The app polls the seat's
:class:`~game.net.seatlink.RemoteSeat` once a frame: the socket stays on the client's thread.
"""

from __future__ import annotations

import os
import sys

from game.i18n import _
from game.net.seatlink import RemoteSeat


def display_available() -> bool:
    """Whether a person could see a window here: a desktop session (not SDL's dummy or
    off-screen driver, which tests and servers use)."""
    if os.environ.get("SDL_VIDEODRIVER", "") in ("dummy", "offscreen"):
        return False
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY"))


def run_window(
    link: RemoteSeat,
    *,
    size: tuple[int, int] = (1280, 720),
    data_dir: str | None = None,
    projector: bool = False,
) -> int:
    """Open the window on ``link``'s seat and run it until it is closed; 0, or 1 when the
    window could not be opened (said on stderr).  ``projector``: the facilitator's console
    opens on the room's board (Esc goes back to the console)."""
    import pygame

    from game.ui.app import App, Options
    from game.ui.boot import open_window

    try:
        screen = open_window(size)
    except pygame.error as e:
        print(
            "crisis-sim: " + _("cannot open the game window: {error} (add --text)").format(error=e),
            file=sys.stderr,
        )
        return 1
    app = App(Options(data_dir=data_dir, size=size), screen)
    app.link = link
    open_on(app, link, projector=projector)
    try:
        return app.run()
    finally:
        link.close()
        app.close()


def open_on(app, link: RemoteSeat, *, projector: bool = False) -> None:
    """Put the seat's first scene on ``app``'s stack (tests call it on a headless app)."""
    from game.ui.scenes.net.common import scene_for

    app.link = link
    app.reset(scene_for(app, link))
    if projector:
        from game.ui.scenes.net.projector import ProjectorScene

        app.push(ProjectorScene(app, link, from_console=True))
