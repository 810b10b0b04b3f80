"""The window's questions: previous best and recent games; and a player's progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.report.result import Result
from game.store import HistoryDB, player_progress, previous_best, recent_games
from tests.store.games import day


def test_previous_best_is_the_players_best_total_in_that_role(data: Path, games: list[Result]):
    db = data / "history.sqlite3"
    totals = {n: games[n].scores.roles["crisis_manager"].total for n in range(4)}
    best_n = max(totals, key=lambda n: (totals[n], -n))

    best = previous_best("ALICE ", "tutorial", "crisis_manager", db)

    assert best is not None and best.game_id == best_n + 1
    assert best.total == pytest.approx(totals[best_n], abs=0.05)
    assert best.played_at == day(best_n)
    assert best.scores.speed == pytest.approx(
        games[best_n].scores.roles["crisis_manager"].speed, abs=0.05
    )


def test_previous_best_over_all_roles_uses_the_player_card(data: Path, games: list[Result]):
    best = previous_best("Bob", "tutorial", None, data / "history.sqlite3")
    expected = max(g.scores.players["Bob"].total for g in games[:4])
    assert best.total == pytest.approx(expected, abs=0.05)


def test_previous_best_can_leave_out_the_game_just_recorded(data: Path):
    db = data / "history.sqlite3"
    best = previous_best("Alice", "tutorial", "crisis_manager", db)
    second = previous_best("Alice", "tutorial", "crisis_manager", db, exclude=best.game_id)
    assert second is not None and second.game_id != best.game_id
    assert second.total <= best.total


def test_previous_best_is_none_for_a_new_player_role_scenario_or_database(
    data: Path, tmp_path: Path
):
    db = data / "history.sqlite3"
    assert previous_best("Dana", "tutorial", "crisis_manager", db) is None
    assert previous_best("Alice", "fire", "crisis_manager", db) is None
    assert previous_best("Alice", "tutorial", "infosec_analyst", db) is None  # Bob's seat
    assert previous_best("Alice", "tutorial", "crisis_manager", tmp_path / "none.db") is None
    assert not (tmp_path / "none.db").exists()


def test_recent_games_are_newest_first(data: Path):
    games = recent_games(3, data / "history.sqlite3")
    assert [g.id for g in games] == [5, 4, 3]
    assert games[0].players == ("Chen Wei",)
    assert games[1].ending_title and games[1].team.total is not None
    with HistoryDB.open(data / "history.sqlite3") as db:
        assert [g.id for g in recent_games(10, db)] == [5, 4, 3, 2, 1]
    assert recent_games(5, data_dir=data)[0].id == 5  # the default database of a data folder
    assert recent_games(5) == []  # the test's own (empty) data folder


def test_filters_combine(data: Path):
    with HistoryDB.open(data / "history.sqlite3") as db:
        assert [g.id for g in db.games(player="alice")] == [1, 2, 3, 4]
        assert [g.id for g in db.games(player="chen   wei")] == [5]
        assert [g.id for g in db.games(player="Alice", since=day(2))] == [3, 4]
        assert [g.id for g in db.games(scenario="fire")] == []
        assert [g.id for g in db.games(player="Bob", role="pr_specialist")] == [1, 2, 3, 4]
        assert [g.id for g in db.games(player="Bob", role="crisis_manager")] == []
        assert db.player_names() == ["Alice", "Bob", "Chen Wei"]


def test_progress_follows_each_score_per_role_oldest_first(data: Path, games: list[Result]):
    with HistoryDB.open(data / "history.sqlite3") as db:
        p = player_progress(db, "alice")

    assert p.player == "Alice" and [g.id for g in p.games] == [1, 2, 3, 4]
    label = ["Alice", "Alice", "alice", "Alice"]
    totals = tuple(round(games[n].scores.players[label[n]].total, 1) for n in range(4))
    assert p.overall.trend("total").values == pytest.approx(totals, abs=0.05)
    assert [r.role for r in p.roles] == ["crisis_manager", "emergency_director", "reputation_head"]
    cm = p.roles[0].trend("speed")
    expected = [games[n].scores.roles["crisis_manager"].speed for n in range(4)]
    assert cm.values == pytest.approx(expected, abs=0.05)
    assert cm.first == cm.values[0] and cm.last == cm.values[-1]
    assert cm.best == max(cm.values) and cm.mean == pytest.approx(sum(expected) / 4, abs=0.05)
    assert p.overall.trend("total").direction == "up"  # worst, random, good, best
    # The emergency director owns the insurer and the landlord in the tutorial, so each game
    # gives the role a communication score, followed like the others.
    ed = p.roles[1].trend("communication")
    expected_ed = [games[n].scores.roles["emergency_director"].communication for n in range(4)]
    assert ed.values == pytest.approx(expected_ed, abs=0.05)


def test_the_weakest_area_comes_with_evidence(data: Path, games: list[Result]):
    with HistoryDB.open(data / "history.sqlite3") as db:
        p = player_progress(db, "Alice")
    w = p.weakest
    means = {d: p.overall.trend(d).mean for d in ("speed", "priorities", "communication")}
    assert w.dimension == min(means, key=means.get)
    assert w.mean == pytest.approx(means[w.dimension])
    assert w.issues and all(i.dimension == w.dimension for i in w.issues)
    top = w.issues[0]
    assert top.of_games == 4 and 1 <= top.games <= 4
    assert w.describe() == f"{w.dimension}: {top.text} in {top.games} of 4 games"
    assert [i.games for i in w.issues] == sorted((i.games for i in w.issues), reverse=True)


def test_progress_of_an_unknown_player_is_empty(data: Path):
    with HistoryDB.open(data / "history.sqlite3") as db:
        p = player_progress(db, "Nobody")
    assert p.games == () and p.weakest is None
