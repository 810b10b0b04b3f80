"""Window settings (language, text size, palette, sound), kept as JSON in the user data folder.

No pygame here.  A missing, unreadable or edited-by-hand file never stops the game: every
field falls back to its default on its own.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from game.files import UnreadableFile, read_text_limited, write_atomic
from game.i18n import LANGUAGES, N_

PALETTES = ("default", "okabe_ito")

PALETTE_NAMES = {"default": N_("Standard"), "okabe_ito": N_("Colour-blind safe (Okabe–Ito)")}
TEXT_SCALES = (100, 125, 150, 175, 200)
SETTINGS_VERSION = 1
#: player names remembered between games: at most this many roles, names this long
MAX_NAMES = 12
MAX_NAME_LEN = 60
#: A settings file is a few hundred bytes; anything larger is not ours (read as defaults).
MAX_SETTINGS_BYTES = 64 * 1024


def _scale(value: int) -> int:
    return min(TEXT_SCALES, key=lambda s: abs(s - value))


@dataclasses.dataclass(frozen=True, slots=True)
class Settings:
    """A dataclass rather than attrs: the title screen reads it, and importing attrs alone
    took ~10 ms of the start-up.  ``dataclasses.replace`` makes a changed copy."""

    text_scale: int = 100  # percent, 100..200 (the nearest of TEXT_SCALES)
    palette: str = "default"
    mute: bool = False
    volume: int = 70  # percent
    #: the last game's people, (role id, name) pairs: the seats screen offers them again
    player_names: tuple[tuple[str, str], ...] = ()
    #: the interface language chosen on the settings screen (a tag of ``game.i18n.LANGUAGES``);
    #: None: not chosen, the system locale decides.  Files from before it simply lack it.
    language: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text_scale", _scale(self.text_scale))

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["player_names"] = dict(self.player_names)
        return {"version": SETTINGS_VERSION, **data}

    @classmethod
    def from_json(cls, data: object) -> Settings:
        if not isinstance(data, dict):
            return cls()
        kwargs: dict[str, Any] = {}
        scale = data.get("text_scale")
        if isinstance(scale, int) and not isinstance(scale, bool) and 100 <= scale <= 200:
            kwargs["text_scale"] = scale
        if data.get("palette") in PALETTES:
            kwargs["palette"] = data["palette"]
        if isinstance(data.get("mute"), bool):
            kwargs["mute"] = data["mute"]
        volume = data.get("volume")
        if isinstance(volume, int) and not isinstance(volume, bool) and 0 <= volume <= 100:
            kwargs["volume"] = volume
        if data.get("language") in LANGUAGES:
            kwargs["language"] = data["language"]
        names = data.get("player_names")
        if isinstance(names, dict):
            kwargs["player_names"] = clean_names(names)
        return cls(**kwargs)


def clean_names(names: dict[Any, Any]) -> tuple[tuple[str, str], ...]:
    """Role → name pairs fit to keep: strings only, control characters dropped, bounded."""
    out: list[tuple[str, str]] = []
    for role, name in names.items():
        if not (isinstance(role, str) and isinstance(name, str)):
            continue
        role = "".join(c for c in role if c.isprintable())[:MAX_NAME_LEN]
        name = "".join(c for c in name if c.isprintable()).strip()[:MAX_NAME_LEN]
        if role and name:
            out.append((role, name))
        if len(out) >= MAX_NAMES:
            break
    return tuple(out)


def load_settings(path: Path) -> Settings:
    try:
        text = read_text_limited(path, max_bytes=MAX_SETTINGS_BYTES, what="settings file")
        return Settings.from_json(json.loads(text))
    except (UnreadableFile, ValueError, RecursionError):
        return Settings()


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically (the engine's writer) so a crash never leaves half a file."""
    write_atomic(path, json.dumps(settings.to_json(), indent=2) + "\n")
