"""Saves and logs on disk: JSON lines with a format version, written atomically.

A save *is* the action log: line 1 is a header (format, version, scenario id and content hash,
seed, seats, a digest of the state), then one line per accepted action,
``{"at": <session seconds>, "action": {"type": ..., ...}}``.  Resuming replays the log, so a
save can never hold a state the rules could not have produced.  See ``docs/engine.md``.

Everything that can go wrong reading a file becomes a :class:`SaveError` with a plain message.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import platformdirs

from game.engine.errors import SaveError
from game.files import UnreadableFile, read_text_limited, write_atomic

SAVE_FORMAT = "crisis-tabletop-save"
#: Version written by this engine.  Bump it (and note the migration in CHANGELOG.md) whenever
#: the header, the action JSON or the rules change so that an old log would replay differently.
SAVE_VERSION = 1
#: Oldest version this engine can still read.
MIN_SAVE_VERSION = 1
#: Larger files are refused before reading (a long game is well under 1 MiB).
MAX_SAVE_BYTES = 64 * 1024 * 1024

APP_NAME = "crisis-tabletop"
DATA_ENV = "CRISIS_SIM_DATA"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user data folder: ``override`` (the CLI's ``--data-dir``), else ``$CRISIS_SIM_DATA``,
    else platformdirs' ``user_data_dir("crisis-tabletop")``."""
    if override is not None and str(override) != "":
        return Path(override)
    env = os.environ.get(DATA_ENV, "")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def saves_dir(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / "saves"


def autosave_path(scenario_id: str, override: str | os.PathLike[str] | None = None) -> Path:
    """Where the game of ``scenario_id`` autosaves (one slot per scenario)."""
    return saves_dir(override) / f"{scenario_id}.autosave.jsonl"


def entry_line(at: float, action: dict[str, Any]) -> str:
    return json.dumps({"at": at, "action": action}, ensure_ascii=False, separators=(",", ":"))


def write_save(path: Path, header: dict[str, Any], lines: Sequence[str]) -> None:
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":"))
    write_atomic(path, "\n".join([head, *lines]) + "\n")


@attrs.frozen
class SaveData:
    """A save as read from disk: the checked header and the raw ``(at, action dict)`` entries."""

    header: dict[str, Any]
    entries: list[tuple[float, dict[str, Any]]]


_HEADER_TYPES: dict[str, tuple[type, ...]] = {
    "scenario_id": (str,),
    "content_hash": (str,),
    "seed": (int,),
    "seats": (dict,),
    "actions": (int,),
}


def parse_save(text: str, where: str = "save") -> SaveData:
    """Check and split the text of a save; raise :class:`SaveError` naming ``where`` and line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not lines[0].strip():
        raise SaveError(f"{where} is empty: not a saved game")
    try:
        header = json.loads(lines[0])
    except (ValueError, RecursionError):
        raise SaveError(f"{where}: line 1 is not valid JSON: not a saved game") from None
    if not isinstance(header, dict) or header.get("format") != SAVE_FORMAT:
        raise SaveError(f"{where}: not a Crisis Tabletop saved game")
    version = header.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SaveError(f"{where}: the save has no valid version number")
    if version > SAVE_VERSION:
        raise SaveError(
            f"{where}: this save was made by a newer version of the game (save format "
            f"{version}; this version reads {MIN_SAVE_VERSION} to {SAVE_VERSION}); update the game"
        )
    if version < MIN_SAVE_VERSION:
        raise SaveError(
            f"{where}: this save is from an old version of the game (save format {version}) "
            f"that can no longer be resumed"
        )
    for key, types in _HEADER_TYPES.items():
        value = header.get(key)
        if isinstance(value, bool) or not isinstance(value, types):
            raise SaveError(f"{where}: the save header is damaged (field {key!r})")
    entries: list[tuple[float, dict[str, Any]]] = []
    for n, line in enumerate(lines[1:], 2):
        try:
            item = json.loads(line)
        except (ValueError, RecursionError):
            raise SaveError(f"{where}: line {n} is not valid JSON (the save is damaged)") from None
        at = item.get("at") if isinstance(item, dict) else None
        if (
            not isinstance(item, dict)
            or set(item) != {"at", "action"}
            or isinstance(at, bool)
            or not isinstance(at, int | float)
            or not math.isfinite(at)
            or not isinstance(item["action"], dict)
        ):
            raise SaveError(f'{where}: line {n} is not a log entry {{"at": ..., "action": ...}}')
        entries.append((float(at), item["action"]))
    if len(entries) != header["actions"]:
        raise SaveError(
            f"{where}: the save is incomplete ({len(entries)} of {header['actions']} actions)"
        )
    return SaveData(header, entries)


def read_save(path: Path) -> SaveData:
    """Read and check a save file; every problem is a :class:`SaveError`, never a traceback."""
    try:
        text = read_text_limited(path, max_bytes=MAX_SAVE_BYTES, what="saved game")
    except UnreadableFile as exc:
        raise SaveError(str(exc)) from None
    return parse_save(text, str(path))
