"""Recording a finished game: its result file first, then the history database.

The order is the point: the JSON file is written (atomically, never over another file) before
the database is touched, so a locked, damaged or too-new database can cost the history row but
never the game's result.  Nothing here raises for a problem on disk: :class:`RecordOutcome`
says what was kept and carries a one-line ``message`` for the player.  The database module (and
with it ``sqlite3``) is imported only when a game is really kept: a demo that is not recorded
never loads it.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import attrs

from game.i18n import _
from game.report.result import Result
from game.store.locations import PathLike
from game.store.locations import db_path as default_db_path
from game.store.locations import results_dir as default_results_dir

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@attrs.frozen
class RecordOutcome:
    """What :func:`record_finished_game` kept.

    - ``json_path``: the result file written (None if it could not be, or a demo was skipped);
    - ``game_id``: the game's id in the history (None if not stored);
    - ``added``: False when this very result was already in the history (``game_id`` is it);
    - ``db_path``: the database used;
    - ``json_error`` / ``db_error``: what went wrong, as a message, or None;
    - ``skipped``: a demo game not recorded (``record_demo=False``);
    - ``message``: one line for the player saying all of the above.
    """

    message: str
    json_path: Path | None = None
    game_id: int | None = None
    added: bool = False
    db_path: Path | None = None
    json_error: str | None = None
    db_error: str | None = None
    skipped: bool = False

    @property
    def ok(self) -> bool:
        """The result file was written and the game is in the history."""
        return self.json_path is not None and self.game_id is not None

    @property
    def saved(self) -> bool:
        """The result is kept somewhere (its file or the database)."""
        return self.json_path is not None or self.game_id is not None


def result_filename(result: Result, when: datetime | None = None) -> str:
    """``<YYYYMMDD-HHMMSS>-<scenario id>.json`` in local time: when the game ended (else
    started, else ``when``/now)."""
    from game.store.database import parse_time

    moment = parse_time(result.finished_at) or parse_time(result.started_at)
    moment = (moment or when or datetime.now(UTC)).astimezone()
    scenario = _UNSAFE.sub("_", result.scenario.id).strip("._") or "game"
    return f"{moment:%Y%m%d-%H%M%S}-{scenario[:60]}.json"


def write_new_file(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``folder/name`` atomically without ever replacing another file:
    ``name-2.json``, ``name-3.json``... when taken.  A file already holding the same text is
    reused (recording the same result twice writes one file)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = os.path.splitext(name)
    data = text.encode("utf-8")
    tmp = folder / f".{stem}.{os.getpid()}.{id(text)}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    try:
        for n in range(1, 10_000):
            target = folder / (name if n == 1 else f"{stem}-{n}{suffix}")
            try:
                os.link(tmp, target)  # atomic, and fails if the name is taken
                return target
            except FileExistsError:
                if _same(target, data):
                    return target
                continue
            except OSError:
                # No hard links here (some file systems): reserve the name, then replace it.
                try:
                    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                except FileExistsError:
                    if _same(target, data):
                        return target
                    continue
                os.close(fd)
                os.replace(tmp, target)
                return target
        raise OSError(f"no free file name for {name} in {folder}")
    finally:
        tmp.unlink(missing_ok=True)


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def is_demo(result: Result) -> bool:
    """True when bots played every seat: nobody's training to record (a demo game)."""
    return bool(result.seats) and all(seat.bot is not None for seat in result.seats)


def record_finished_game(
    result: Result,
    *,
    data_dir: PathLike | None = None,
    db_path: PathLike | None = None,
    results_dir: PathLike | None = None,
    demo: bool = False,
    record_demo: bool = False,
    now: datetime | None = None,
) -> RecordOutcome:
    """Keep a finished game: its result JSON in the results folder, then a row in the history.

    ``data_dir``/``db_path``/``results_dir`` are the ``--data-dir``/``--db`` overrides (None:
    environment, then the user data folder).  A ``demo`` game (bots playing ``--demo``) is
    skipped unless ``record_demo``; when kept it is marked as a demo in the history.  A game
    where bots played every seat (:func:`is_demo`) is a demo too, also when resumed from a
    save.  ``now`` is the wall-clock time to record (tests pass one).  Never raises for a
    problem on disk.
    """
    if not isinstance(result, Result):
        raise TypeError(f"record_finished_game needs a Result, not {type(result).__name__}")
    # A game with no person in any seat is a demo however it was started: a --demo game
    # resumed from its save (without --demo) must not be counted as a real game.
    demo = demo or is_demo(result)
    if demo and not record_demo:
        return RecordOutcome(_("Demo game: not recorded in the history."), skipped=True)
    when = now or datetime.now(UTC)
    from game.store.database import HistoryDB, StoreError

    json_path: Path | None = None
    json_error: str | None = None
    folder = default_results_dir(results_dir, data_dir)
    text = result.to_json()
    try:
        json_path = write_new_file(folder, result_filename(result, when), text)
    except OSError as exc:
        json_error = _("cannot write the result file in {folder}: {error}").format(
            folder=folder, error=exc.strerror or exc
        )

    database = default_db_path(db_path, data_dir)
    game_id: int | None = None
    added = False
    db_error: str | None = None
    try:
        with HistoryDB.open(database) as db:
            game_id, added = db.add_result(
                result, result_file=json_path, demo=demo, recorded_at=when, text=text
            )
    except StoreError as exc:
        db_error = str(exc)
    except OSError as exc:
        db_error = _("history database {path}: {error}").format(
            path=database, error=exc.strerror or exc
        )

    return RecordOutcome(
        message=_message(json_path, json_error, game_id, added, db_error),
        json_path=json_path,
        game_id=game_id,
        added=added,
        db_path=database,
        json_error=json_error,
        db_error=db_error,
    )


def _message(
    json_path: Path | None,
    json_error: str | None,
    game_id: int | None,
    added: bool,
    db_error: str | None,
) -> str:
    if game_id is not None:
        values = {"path": json_path, "id": game_id, "error": json_error}
        if json_path is not None:
            if added:
                return _("Result saved to {path}; added to the history as game {id}.").format(
                    **values
                )
            return _("Result saved to {path}; already in the history as game {id}.").format(
                **values
            )
        if added:
            return _(
                "Result added to the history as game {id}, but its file was not written: {error}."
            ).format(**values)
        return _(
            "Result already in the history as game {id}, but its file was not written: {error}."
        ).format(**values)
    if json_path is not None:
        return _("Result saved to {path}, but not added to the history: {error}").format(
            path=json_path, error=db_error
        )
    return _("The result could not be kept: {file_error}; {db_error}").format(
        file_error=json_error, db_error=db_error
    )


def amend_recorded(
    result: Result,
    *,
    json_path: Path | None,
    game_id: int | None,
    db_path: PathLike | None,
) -> str:
    """Keep a later version of a recorded game's result (its hotwash answers): the result file
    is rewritten atomically, then the history row.  Returns one line saying what was kept;
    never raises for a problem on disk."""
    from game.files import write_atomic
    from game.store.database import HistoryDB, StoreError

    text = result.to_json()
    problems: list[str] = []
    if json_path is not None:
        try:
            write_atomic(json_path, text)
        except OSError as exc:
            problems.append(
                _("the result file {path} was not updated: {error}").format(
                    path=json_path, error=exc.strerror or exc
                )
            )
    if game_id is not None and db_path is not None:
        try:
            with HistoryDB.open(db_path, create=False) as db:
                db.replace_result(game_id, result)
        except StoreError as exc:
            problems.append(_("the history was not updated: {error}").format(error=exc))
    if json_path is None and game_id is None:
        return _("Feedback kept for this report only: the game was not recorded.")
    if problems:
        return _("Feedback not fully saved: {problems}").format(problems=_("; ").join(problems))
    if json_path is not None:
        return _("Feedback saved with the result ({path}).").format(path=json_path)
    return _("Feedback saved with the result (game {id}).").format(id=game_id)
