"""Where things are: the shipped scenarios, the window's assets and the user data folder.

Shared by the window and the terminal mode (no pygame here).
The shipped files live beside the package in a checkout (``<repo>/scenarios``, ``<repo>/assets``)
and inside it once installed as package data (``game/_data/scenarios``, ``game/_data/assets``);
the first folder that exists wins.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent  # game/


def _shipped(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / name


def scenarios_dir() -> Path:
    """The folder of the scenarios shipped with the game."""
    return _shipped("scenarios")


def assets_dir() -> Path:
    """The folder of fonts, theme and licences used by the window."""
    return _shipped("assets")


def shipped_scenarios() -> list[Path]:
    """Every shipped scenario file, sorted by name."""
    folder = scenarios_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def settings_path(data: Path) -> Path:
    """The window's settings file in the user data folder (``game.engine.data_dir``)."""
    return data / "settings.json"
