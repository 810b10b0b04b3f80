"""Where things are: the shipped scenarios, the window's assets and the user data folder.

Shared by the window and the terminal mode (no pygame here).
The shipped files live beside the package in a checkout (``<repo>/scenarios``, ``<repo>/assets``)
and in ``<prefix>/share/crisis-tabletop/`` once installed from a wheel (``pyproject.toml``'s
data files); the first folder that exists wins.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent  # game/
_CHECKOUT = _PACKAGE.parent  # the repository, when running from a clone
_INSTALLED = Path(sys.prefix) / "share" / "crisis-tabletop"


def _shipped(name: str) -> Path:
    candidates = [_INSTALLED / name]
    if (_CHECKOUT / "pyproject.toml").is_file():
        candidates.insert(0, _CHECKOUT / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def scenarios_dir() -> Path:
    """The folder of the scenarios shipped with the game."""
    return _shipped("scenarios")


def assets_dir() -> Path:
    """The folder of fonts, theme and licences used by the window."""
    return _shipped("assets")


#: The shipped scenario a new player is offered first.
TUTORIAL = "tutorial.yaml"


def shipped_scenarios() -> list[Path]:
    """Every shipped scenario file: the tutorial first (new players start there), then by name."""
    folder = scenarios_dir()
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()]
    return sorted(files, key=lambda p: (p.name != TUTORIAL, p.name))


def tutorial_scenario() -> Path | None:
    """The shipped tutorial scenario, if this installation has it."""
    path = scenarios_dir() / TUTORIAL
    return path if path.is_file() else None


def find_scenario(text: str) -> Path | None:
    """A scenario named on the command line: a path as given, else a shipped scenario by its
    file name (``data_breach``, ``data_breach.yaml``) or its id (``data-breach``)."""
    path = Path(text).expanduser()
    if path.is_file():
        return path
    shipped = shipped_scenarios()
    for p in shipped:
        if text in (p.stem, p.name):
            return p
    from game.scenario.loader import load_scenario  # only when a name is not a file name

    for p in shipped:
        sc = load_scenario(p).scenario
        if sc is not None and sc.id == text:
            return p
    return None


def settings_path(data: Path) -> Path:
    """The window's settings file in the user data folder (``game.engine.data_dir``)."""
    return data / "settings.json"
