"""crisis-sim history (table, --csv, --json, report ID) and crisis-sim progress NAME."""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.report.result import Result
from game.store.export import CSV_COLUMNS, local_time
from tests.store.games import ROOT, day


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(data: Path) -> str:
    return str(data / "history.sqlite3")


# --- history --------------------------------------------------------------------------------


def test_history_prints_a_table_of_games_oldest_first(capsys, db: str, games: list[Result]):
    code, out, err = run(capsys, "history", "--db", db)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "Date", "Scenario", "Players", "(roles)", "Ending", "Team"]
    assert set(lines[1]) == {"-", " "}
    rows = lines[2:-1]
    assert [r.split()[0] for r in rows] == ["1", "2", "3", "4", "5"]
    assert local_time(day(0)) in rows[0] and "tutorial" in rows[0]
    assert rows[0].startswith(" 1  ")
    # Too long with the roles: the people's names, never cut (roles are in --csv/--json).
    assert "  Alice (3 roles), Bob (2 roles)  " in rows[0]
    assert "  Chen Wei (5 roles)  " in rows[4]
    assert rows[3].endswith(f"{games[3].ending.title}  {games[3].scores.team.total:4.1f}")
    assert lines[-1] == f"5 games in {db}"


def test_history_filters_by_player_scenario_and_date(capsys, db: str):
    code, out, _ = run(
        capsys, "history", "--db", db, "--player", "ALICE", "--since", local_time(day(2))[:10]
    )
    assert code == 0
    assert [r.split()[0] for r in out.splitlines()[2:-1]] == ["3", "4"]
    code, out, _ = run(capsys, "history", "--db", db, "--scenario", "fire")
    assert (code, out) == (0, f"No games match in {db}.\n")
    code, out, _ = run(capsys, "history", "--db", db, "--limit", "2")
    assert [r.split()[0] for r in out.splitlines()[2:-1]] == ["4", "5"]


def test_history_csv_has_one_row_per_game(capsys, db: str, games: list[Result]):
    code, out, _ = run(capsys, "history", "--csv", "--db", db, "--player", "bob")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    r = rows[3]
    assert r["scenario_id"] == "tutorial" and r["scenario_title"] == games[3].scenario.title
    assert r["content_hash"] == games[3].scenario.content_hash
    assert r["players"] == "Alice;Bob"
    assert r["seats"].split(";")[:2] == ["crisis_manager:Alice", "infosec_analyst:Bob"]
    assert r["ending_id"] == games[3].ending.id
    assert float(r["team_total"]) == pytest.approx(games[3].scores.team.total, abs=0.05)
    assert r["date"].startswith(day(3).astimezone().isoformat()[:16])
    assert r["demo"] == "0" and r["result_file"].endswith("20250504-093000-tutorial.json")


def test_history_json_has_every_score_and_objective(capsys, db: str, games: list[Result]):
    code, out, _ = run(capsys, "history", "--json", "--db", db)
    assert code == 0
    payload = json.loads(out)
    assert payload["format"] == "crisis-sim-history/1" and payload["database"] == db
    assert [g["id"] for g in payload["games"]] == [1, 2, 3, 4, 5]
    g, result = payload["games"][1], games[1]
    assert g["scenario"] == {
        "id": "tutorial",
        "title": result.scenario.title,
        "content_hash": result.scenario.content_hash,
    }
    assert g["seats"][0] == {"role": "crisis_manager", "player": "Alice", "bot": None}
    assert g["ending"] == {"id": result.ending.id, "title": result.ending.title}
    assert set(g["scores"]) == {"team", "roles", "players"}
    assert set(g["scores"]["roles"]) == set(result.scores.roles)
    assert g["scores"]["players"]["Bob"]["total"] == pytest.approx(
        result.scores.players["Bob"].total, abs=0.05
    )
    assert set(g["scores"]["team"]) == {"speed", "priorities", "communication", "total"}
    assert [o["id"] for o in g["objectives"]] == [o.id for o in result.objectives]


def test_history_without_a_database_says_so_and_creates_nothing(capsys, tmp_path: Path):
    missing = tmp_path / "none.db"
    code, out, _ = run(capsys, "history", "--db", str(missing))
    assert (code, out) == (0, f"No games recorded yet (no history database at {missing}).\n")
    code, out, _ = run(capsys, "history", "--db", str(missing), "--json")
    assert json.loads(out)["games"] == []
    code, out, _ = run(capsys, "history", "--db", str(missing), "--csv")
    assert out == ",".join(CSV_COLUMNS) + "\n"
    assert not missing.exists()


def test_history_uses_the_data_folder_and_the_environment(capsys, data: Path, monkeypatch):
    code, out, _ = run(capsys, "history", "--data-dir", str(data))
    assert code == 0 and out.endswith(f"5 games in {data / 'history.sqlite3'}\n")
    monkeypatch.setenv("CRISIS_SIM_DB", str(data / "history.sqlite3"))
    assert run(capsys, "history")[1] == out


def test_history_report_rebuilds_a_past_games_report(
    capsys, db: str, tmp_path: Path, games, monkeypatch
):
    html = pytest.importorskip("game.report.html")
    target = tmp_path / "out" / "report.html"
    code, _, err = run(capsys, "history", "report", "3", "-o", str(target), "--db", db)
    assert code == 0, err
    stored = Result.from_json(games[2].to_json())  # what the JSON file holds, numbers rounded
    assert target.read_text(encoding="utf-8") == html.render_report(stored)
    assert err == f"wrote {target} (game 3, {games[2].scenario.title})\n"
    # Options may come first too, and the default file name is game-ID.html.
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "history", "--db", db, "report", "1")[0] == 0
    assert (tmp_path / "game-1.html").exists()


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["report", "99"], 1, "no game 99 in the history"),
        (["report", "x"], 2, "game id must be a number, not 'x'"),
        (["report"], 2, "usage: crisis-sim history report ID [-o FILE]"),
        (["report", "1", "2"], 2, "usage: crisis-sim history report ID [-o FILE]"),
        (["show", "1"], 2, "unknown action 'show' (the only one is 'report ID')"),
        (["--since", "May 1st"], 2, "--since 'May 1st': expected a date as YYYY-MM-DD"),
        (["--limit", "0"], 2, "--limit must be at least 1"),
        (["-o", "x.html"], 2, "-o/--output and --plan are for 'history report ID'"),
    ],
)
def test_history_bad_input_gets_a_message_and_an_exit_code(capsys, db, argv, code, message):
    got, out, err = run(capsys, "history", "--db", db, *argv)
    assert (got, out) == (code, "")
    assert err.startswith("crisis-sim history: ") and message in err
    assert "Traceback" not in err


def test_history_of_a_corrupt_database_is_a_clear_error(capsys, tmp_path: Path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(random.Random(3).randbytes(4096))
    for argv in (
        ["history"],
        ["history", "--json"],
        ["history", "report", "1"],
        ["progress", "Alice"],
    ):
        code, out, err = run(capsys, *argv, "--db", str(bad))
        assert (code, out) == (1, "")
        assert f"history database {bad} is damaged or is not a database" in err
        assert "Traceback" not in err


def test_the_real_command_line_prints_the_table(db: str):
    proc = subprocess.run(
        [sys.executable, "-m", "game", "history", "--db", db, "--player", "chen wei"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.splitlines()[2].split()[:4] == ["5", *local_time(day(4)).split(), "tutorial"]


# --- progress -------------------------------------------------------------------------------


def test_progress_shows_trends_per_role_and_the_weakest_area(capsys, db: str):
    code, out, err = run(capsys, "progress", "alice", "--db", db)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        f"Alice: 4 games (tutorial ×4), {local_time(day(0))[:10]} to {local_time(day(3))[:10]}"
    )
    assert lines[2].split() == [
        "first",
        "last",
        "best",
        "mean",
        "trend",
        "(oldest",
        "to",
        "newest,",
        "0-100)",
    ]
    assert lines[3] == "All roles (4 games)"
    for name in (
        "Crisis Manager (4 games)",
        "Emergency Management Director (4 games)",
        "Head of Corporate Reputation (4 games)",
    ):
        assert name in lines
    total = next(line for line in lines[3:9] if line.startswith("  total"))
    numbers = total.split()[1:5]
    assert all(float(n) >= 0 for n in numbers)
    assert total.split()[5][0] in "▁▂▃▄▅▆▇█" and len(total.split()[5]) == 4
    assert total.split()[6] == "↑"
    assert "  communication       not scored" in lines
    weakest = lines.index(next(line for line in lines if line.startswith("Weakest area: ")))
    area = lines[weakest].split()[2]
    assert area in ("speed", "priorities", "communication")
    assert lines[weakest + 1].startswith(f"  {area}: ")
    assert lines[weakest + 1].endswith(" of 4 games")


def test_progress_json_matches_the_text(capsys, db: str):
    code, out, _ = run(capsys, "progress", "Alice", "--db", db, "--json")
    assert code == 0
    p = json.loads(out)
    assert p["player"] == "Alice" and [g["id"] for g in p["games"]] == [1, 2, 3, 4]
    assert set(p["roles"]) == {"crisis_manager", "emergency_director", "reputation_head"}
    total = p["overall"]["total"]
    assert total["first"] == total["values"][0] and total["last"] == total["values"][-1]
    assert total["direction"] == "up"
    assert p["roles"]["emergency_director"]["communication"]["values"] == []
    w = p["weakest"]
    assert w["summary"].startswith(w["dimension"] + ": ")
    assert w["evidence"][0]["of_games"] == 4
    code, text, _ = run(capsys, "progress", "Alice", "--db", db)
    assert f"  {w['summary']}" in text.splitlines()


def test_progress_in_ascii(capsys, db: str):
    code, out, _ = run(capsys, "progress", "Chen Wei", "--db", db, "--ascii")
    assert code == 0
    assert out.isascii()
    assert "Chen Wei: 1 game (tutorial)" in out
    assert " in 1 of 1 game" in out


def test_progress_of_an_unknown_player_names_the_known_ones(capsys, db: str, tmp_path: Path):
    code, out, err = run(capsys, "progress", "Dana", "--db", db)
    assert (code, out) == (1, "")
    assert err == (
        "crisis-sim progress: no recorded games for 'Dana' "
        "(players in the history: Alice, Bob, Chen Wei)\n"
    )
    code, _, err = run(capsys, "progress", "Alice", "--db", db, "--scenario", "fire")
    assert code == 1 and "no recorded games of scenario fire for 'Alice'" in err
    code, _, err = run(capsys, "progress", "Alice", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no games recorded yet" in err
    code, _, err = run(capsys, "progress", "  ", "--db", db)
    assert code == 2


def test_history_table_lines_up_wide_names_and_marks_demos(capsys, tmp_path: Path):
    from rich.cells import cell_len

    from game.store import record_finished_game
    from tests.store.games import play

    record_finished_game(play(("陳偉",), "good", seed=4, finished_at=day(0)), data_dir=tmp_path)
    record_finished_game(
        play(("Ana",), "best", seed=5, finished_at=day(1)),
        data_dir=tmp_path,
        demo=True,
        record_demo=True,
    )
    code, out, _ = run(capsys, "history", "--data-dir", str(tmp_path))
    assert code == 0
    head, _rule, wide, demo = out.splitlines()[:4]
    assert "陳偉 (5 roles)" in wide and "tutorial (demo)" in demo
    ending = head.index("Ending")
    for row in (wide, demo):
        cut = next(i for i in range(len(row)) if cell_len(row[:i]) == ending)
        assert row[cut - 2 : cut] == "  " and row[cut] != " "
