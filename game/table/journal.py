"""The exercise journal: what a hosted exercise holds beyond the engine's save.

The engine's autosave (:mod:`game.table.autosave`) replays the game itself.  A network exercise
also has people and words the engine never sees: who sits at which seat (and the seat tokens
their clients reconnect with), the join code and facilitator key, team chat, the evaluator's
notes and ratings, the bots that stood in for absent players.  Without them a host that stops
(a crash, a power cut, Ctrl-C) could replay the moves but not the exercise, and every player
would have to join again under a new code.

The journal is a JSON-lines file beside the autosave (``<scenario>.host.exercise.jsonl``)::

    {"format": "crisis-sim-exercise/1", "scenario_id": ..., "code": ..., "key": ...,
     "port": ..., "lan": ..., "tls": ...}
    {"state": {"seats": {role: {"name", "token", "when_empty"}}, "stand_ins": [...],
               "staff": {...}, "started_at": ..., "ended_by_facilitator": false}}
    {"chat": {...one chat line as the table keeps it...}}
    {"note": {...one evaluator note...}}

Chat lines and notes are appended as they are written; a ``state`` line is appended whenever
a seat changes, and the last one wins.  The file is rewritten whole (header, state, every chat
line and note) when the journal is attached.  It is written by a
:class:`~game.engine.savewriter.SaveWriter` on its own thread, so the host's event loop never
waits for the disk.  It holds the facilitator key and the seat tokens, so it is created
readable by its owner only (0600).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.engine.savewriter import SaveWriter
from game.files import UnreadableFile, read_text_limited
from game.table.text import MAX_CHAT, MAX_NAME, MAX_NOTE, clean

if TYPE_CHECKING:
    from game.table.table import FeedItem, Table

FORMAT = "crisis-sim-exercise/1"
#: A journal larger than this is not read (chat and notes are bounded by the table; 5,000
#: chat lines of the longest allowed length are far below it).
MAX_BYTES = 64 * 1024 * 1024
#: Feed items after which the seats' state is written again.
_STATE_ITEMS = frozenset({"seat", "started", "ended"})


def journal_path(autosave: Path) -> Path:
    """The journal beside a host's ``autosave``: ``fire.host.autosave.jsonl`` has
    ``fire.host.exercise.jsonl``."""
    name = autosave.name.replace(".autosave.jsonl", ".exercise.jsonl")
    if name == autosave.name:
        name = autosave.name + ".exercise.jsonl"
    return autosave.with_name(name)


class JournalError(Exception):
    """A journal that cannot be used; the text says why."""


class Journal:
    """A table listener keeping the exercise journal (see the module docstring)."""

    def __init__(
        self,
        path: Path | str,
        *,
        code: str,
        key: str,
        address: dict[str, Any] | None = None,
        background: bool = True,
    ) -> None:
        self.path = Path(path)
        self.code = code
        self.key = key
        #: where the host listened (``port``, ``lan``, ``tls``): a resumed host listens there again
        self.address = dict(address or {})
        self.writer = SaveWriter(self.path, background=background)

    @property
    def error(self) -> str | None:
        return self.writer.error

    def attach(self, table: Table) -> None:
        """Write the whole journal now, then every change as the table publishes it."""
        _private(self.path)
        header = json.dumps(
            {
                "format": FORMAT,
                "scenario_id": table.scenario.id,
                "code": self.code,
                "key": self.key,
                **self.address,
            },
            ensure_ascii=False,
        )
        lines = [_line("state", state_of(table))]
        lines += [_line("chat", c) for c in table.chat]
        lines += [_line("note", n) for n in table.notes]
        self.writer.compact(header, lines)
        table.subscribe(self)

    def __call__(self, table: Table, items: list[FeedItem]) -> None:
        lines = []
        state = False
        for item in items:
            kind = item.data.get("type")
            if kind == "chat":
                lines.append(_line("chat", item.data))
            elif kind == "note":
                lines.append(_line("note", item.data))
            elif kind in _STATE_ITEMS:
                state = True
        if state:
            lines.append(_line("state", state_of(table)))
        if lines:
            self.writer.append(lines)

    def flush(self, timeout: float = 10.0) -> bool:
        return self.writer.flush(timeout)


def state_of(table: Table) -> dict[str, Any]:
    """The seats and exercise facts a resumed host needs (chat and notes are lines apart)."""
    return {
        "seats": {
            r: {"name": st.name, "token": st.token, "when_empty": st.when_empty}
            for r, st in table.seats.items()
        },
        "staff": dict(table.staff_names),
        "stand_ins": [list(s) for s in table.stand_ins],
        "started_at": table.started_at,
        "ended_by_facilitator": table.ended_by_facilitator,
    }


class JournalData:
    """A journal as read back: header, the last state, every chat line and note."""

    def __init__(self, header: dict[str, Any], state: dict[str, Any], chat: list, notes: list):
        self.header = header
        self.state = state
        self.chat = chat
        self.notes = notes

    @property
    def code(self) -> str:
        return str(self.header.get("code") or "")

    @property
    def key(self) -> str:
        return str(self.header.get("key") or "")


def read_journal(path: Path, scenario_id: str) -> JournalData:
    """Read a journal written by :class:`Journal`.  A torn last line (the host stopped while
    writing it) is left out; anything else that is wrong raises :class:`JournalError`."""
    try:
        text = read_text_limited(path, max_bytes=MAX_BYTES, what="exercise journal", torn_tail=True)
    except UnreadableFile as e:
        raise JournalError(str(e)) from None
    raw = text.split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    rows: list[Any] = []
    for n, line in enumerate(raw, 1):
        try:
            rows.append(json.loads(line))
        except ValueError:
            if n == len(raw) and n > 1:
                break  # a torn last line: the host stopped in the middle of writing it
            raise JournalError(f"{path}:{n}: not a line of an exercise journal") from None
    if not rows or not isinstance(rows[0], dict) or rows[0].get("format") != FORMAT:
        raise JournalError(f"{path}: not an exercise journal ({FORMAT})")
    header = rows[0]
    if header.get("scenario_id") != scenario_id:
        raise JournalError(
            f"{path}: this journal belongs to scenario {header.get('scenario_id')!r}, "
            f"not {scenario_id!r}"
        )
    state: dict[str, Any] = {}
    chat: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for n, row in enumerate(rows[1:], 2):
        if not isinstance(row, dict) or len(row) != 1:
            raise JournalError(f"{path}:{n}: not a line of an exercise journal")
        ((kind, value),) = row.items()
        if not isinstance(value, dict) or kind not in ("state", "chat", "note"):
            raise JournalError(f"{path}:{n}: unknown journal line {kind!r}")
        try:
            if kind == "state":
                state = value
            elif kind == "chat":
                chat.append(_chat(value))
            else:
                notes.append(_note(value))
        except (KeyError, TypeError, ValueError):
            raise JournalError(f"{path}:{n}: a {kind} line that is not valid") from None
    return JournalData(header, state, chat, notes)


# Rows come from a file on disk: every field is checked and every text bounded again, as when
# it was first written to the table.


#: Longest id (a role, seat or objective) read back from a journal.
_ID = 200


def _opt_str(v: object, limit: int) -> str | None:
    return None if v is None else clean(v, limit)


def _number(v: object) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise TypeError("not a number")
    return float(v)


def _int(v: object) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise TypeError("not an integer")
    return v


def _chat(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "chat",
        "from": clean(row["from"], _ID),
        "name": _opt_str(row.get("name"), MAX_NAME),
        "to": _opt_str(row.get("to"), _ID),
        "text": clean(row["text"], MAX_CHAT),
        "turn": _int(row["turn"]),
        "at": _number(row["at"]),
    }


def _note(row: dict[str, Any]) -> dict[str, Any]:
    rating = row.get("rating")
    if rating not in (None, "P", "S", "M", "U"):
        raise ValueError("not a rating")
    text = row.get("text") or ""
    return {
        "type": "note",
        "by": clean(row["by"], MAX_NAME),
        "seat": clean(row["seat"], _ID),
        "text": clean(text, MAX_NOTE) if text else "",
        "objective": _opt_str(row.get("objective"), _ID),
        "rating": rating,
        "turn": _int(row["turn"]),
        "at": _number(row["at"]),
        "wall": _opt_str(row.get("wall"), MAX_NAME),
    }


def _line(kind: str, value: dict[str, Any]) -> str:
    return json.dumps({kind: value}, ensure_ascii=False, separators=(",", ":"))


def _private(path: Path) -> None:
    """Create ``path`` readable and writable by its owner only (it holds the keys); the
    atomic rewrites that follow keep the file's mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
