"""Two programs finishing games at the same moment lose nothing (BEGIN IMMEDIATE + timeout)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from game.report.result import load_result
from game.store import HistoryDB
from tests.store.writers import finish_games

WRITERS = 2
GAMES = 20


def test_two_processes_recording_at_once_lose_nothing(tmp_path: Path):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        start = manager.Event()
        with ctx.Pool(WRITERS) as pool:
            jobs = [
                pool.apply_async(finish_games, (w, GAMES, str(tmp_path), start))
                for w in range(WRITERS)
            ]
            start.set()
            outcomes = [o for job in jobs for o in job.get(timeout=60)]

    assert len(outcomes) == WRITERS * GAMES
    assert [o for o in outcomes if o[3] or o[4]] == []  # no database or file error
    assert all(added for _, added, *_ in outcomes)
    ids = sorted(game_id for game_id, *_ in outcomes)
    assert ids == list(range(1, WRITERS * GAMES + 1))

    files = sorted((tmp_path / "results").glob("*.json"))
    assert len(files) == WRITERS * GAMES == len({o[2] for o in outcomes})
    assert sorted(str(f) for f in files) == sorted(o[2] for o in outcomes)
    seeds = sorted(load_result(f).seed for f in files)
    expected = sorted(1000 * w + n for w in range(WRITERS) for n in range(GAMES))
    assert seeds == expected
    assert list(tmp_path.joinpath("results").glob(".*")) == []

    with HistoryDB.open(tmp_path / "history.sqlite3") as db:
        assert db.count() == WRITERS * GAMES
        assert sorted(db.result(i).seed for i in ids) == expected
        seats = db.conn.execute("SELECT count(*) FROM seats").fetchone()[0]
        assert seats == WRITERS * GAMES * 5
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
