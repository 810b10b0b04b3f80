"""Saves and logs on disk: JSON lines with a format version, appended to as the game goes.

A save *is* the action log: line 1 is a header (format, version, scenario id and content hash,
seed, seats, and the number of actions and a digest of the state *when the header was written*),
then one line per accepted action, ``{"at": <session seconds>, "action": {...}, "turn": N}``.
Resuming replays the log, so a save can never hold a state the rules could not have produced.

Version 2 (this engine) appends each new action to the file (fsynced) and rewrites the whole
file atomically only to compact it (a new header), so a save costs the same at turn 1 and at turn
1,000; a crash can tear only the last line, which :func:`parse_save` drops, keeping every earlier
action.  Version 1 files (rewritten whole after every action) still read.  See
``docs/engine.md`` ("Saves") and :mod:`game.engine.savewriter`.

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

from game.engine.errors import SaveError
from game.files import UnreadableFile, read_text_limited, write_atomic

SAVE_FORMAT = "crisis-tabletop-save"
#: Version written by this engine.  Bump it (and note the migration in CHANGELOG.md) whenever
#: the header, the action JSON or the rules change so that an old log would replay differently.
SAVE_VERSION = 2
#: Oldest version this engine can still read.
MIN_SAVE_VERSION = 1
#: Larger files are refused before reading (a long game is well under 1 MiB).
MAX_SAVE_BYTES = 64 * 1024 * 1024

APP_NAME = "crisis-tabletop"
DATA_ENV = "CRISIS_SIM_DATA"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user data folder: ``override`` (the CLI's ``--data-dir``), else ``$CRISIS_SIM_DATA``,
    else platformdirs' ``user_data_dir("crisis-tabletop")`` (platformdirs is imported only then:
    a game given ``--data-dir`` never loads it)."""
    if override is not None and str(override) != "":
        return Path(override)
    env = os.environ.get(DATA_ENV, "")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def saves_dir(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / "saves"


def autosave_path(scenario_id: str, override: str | os.PathLike[str] | None = None) -> Path:
    """Where the game of ``scenario_id`` autosaves (one slot per scenario)."""
    return saves_dir(override) / f"{scenario_id}.autosave.jsonl"


def entry_line(at: float, action: dict[str, Any], turn: int | None = None) -> str:
    """One log line.  ``turn`` (the turn after the action) lets a save's list show where the
    game stands without replaying it; it is not needed to resume."""
    item: dict[str, Any] = {"at": at, "action": action}
    if turn is not None:
        item["turn"] = turn
    return _LINE.encode(item)


#: one encoder for every log line (``json.dumps`` with options builds a new one per call)
_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def header_line(header: dict[str, Any]) -> str:
    return json.dumps(header, ensure_ascii=False, separators=(",", ":"))


def write_save(path: Path, header: dict[str, Any], lines: Sequence[str]) -> None:
    write_atomic(path, "\n".join([header_line(header), *lines]) + "\n")


@attrs.frozen
class SaveData:
    """A save as read from disk: the checked header and the raw ``(at, action dict)`` entries."""

    header: dict[str, Any]
    entries: list[tuple[float, dict[str, Any]]]
    #: True when the last line was torn (a crash while it was appended) and was left out
    torn: bool = False
    #: the turn the last line recorded (version 2), else the header's
    last_turn: int | None = None

    @property
    def status(self) -> dict[str, Any]:
        """The header brought up to date with the lines after it: what a list of saves shows
        (``actions``, ``turn``).  ``finished`` is always current: finishing compacts the save."""
        out = dict(self.header)
        out["actions"] = len(self.entries)
        if self.last_turn is not None:
            out["turn"] = self.last_turn
        return out


_HEADER_TYPES: dict[str, tuple[type, ...]] = {
    "scenario_id": (str,),
    "content_hash": (str,),
    "seed": (int,),
    "seats": (dict,),
    "actions": (int,),
}


#: At most this many tags in a save's header, each key and value at most MAX_TAG characters.
MAX_TAGS = 8
MAX_TAG = 200


def clean_tags(tags: object) -> dict[str, str]:
    """The front-end labels of a save header (``{"cohort": "Night shift"}``), kept only when
    they are short text: a header comes from a file anyone could have edited, and labels are
    not game state, so anything else is dropped rather than refusing the whole save."""
    if not isinstance(tags, dict):
        return {}
    out: dict[str, str] = {}
    for k, v in list(tags.items())[:MAX_TAGS]:
        if isinstance(k, str) and isinstance(v, str) and 0 < len(k) <= MAX_TAG >= len(v):
            out[k] = v
    return out


#: Keys a log line may have, by save version.
_ENTRY_KEYS = {1: frozenset({"at", "action"}), 2: frozenset({"at", "action", "turn"})}


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
    keys = _ENTRY_KEYS[1] if version == 1 else _ENTRY_KEYS[2]
    body = lines[1:]
    torn = False
    last_turn: int | None = None
    for n, line in enumerate(body, 2):
        try:
            item = json.loads(line)
        except (ValueError, RecursionError):
            if version >= 2 and n == len(body) + 1 and not text.endswith("\n"):
                # appended lines end with a newline: an unfinished last line was being written
                # when the game stopped (a crash, a power cut).  Every earlier line is whole.
                torn = True
                break
            raise SaveError(f"{where}: line {n} is not valid JSON (the save is damaged)") from None
        at = item.get("at") if isinstance(item, dict) else None
        turn = item.get("turn", 0) if isinstance(item, dict) else None
        if (
            not isinstance(item, dict)
            or not {"at", "action"} <= set(item) <= keys
            or isinstance(at, bool)
            or not isinstance(at, int | float)
            or not math.isfinite(at)
            or not isinstance(item["action"], dict)
            or isinstance(turn, bool)
            or not isinstance(turn, int)
        ):
            raise SaveError(f'{where}: line {n} is not a log entry {{"at": ..., "action": ...}}')
        entries.append((float(at), item["action"]))
        if "turn" in item:
            last_turn = turn
    if version == 1 and len(entries) != header["actions"]:
        raise SaveError(
            f"{where}: the save is incomplete ({len(entries)} of {header['actions']} actions)"
        )
    if len(entries) < header["actions"]:
        # the header is written with exactly that many lines (atomically): lines are missing
        raise SaveError(
            f"{where}: the save is incomplete ({len(entries)} of {header['actions']} actions)"
        )
    if len(entries) == header["actions"]:
        last_turn = None  # the header (written with these very lines) is current
    return SaveData(header, entries, torn, last_turn)


def read_save(path: Path) -> SaveData:
    """Read and check a save file; every problem is a :class:`SaveError`, never a traceback."""
    try:
        text = read_text_limited(path, max_bytes=MAX_SAVE_BYTES, what="saved game", torn_tail=True)
    except UnreadableFile as exc:
        raise SaveError(str(exc)) from None
    return parse_save(text, str(path))
