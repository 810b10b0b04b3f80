"""A process that finishes games: the body of the concurrent-writers test (importable for
``multiprocessing``'s spawn start)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.store.games import play

#: Every game of every writer claims to end in the same second: file names collide too.
SAME_SECOND = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)


def finish_games(writer: int, count: int, data: str, start: object) -> list[tuple]:
    from game.store import record_finished_game

    results = [
        play(("Writer", f"W{writer}"), "random", seed=1000 * writer + n, finished_at=SAME_SECOND)
        for n in range(count)
    ]
    start.wait(30)  # type: ignore[attr-defined]
    outcomes = []
    for result in results:
        o = record_finished_game(result, data_dir=Path(data))
        outcomes.append((o.game_id, o.added, str(o.json_path), o.db_error, o.json_error))
    return outcomes
