"""crisis-sim class COHORT, history --cohort / --csv --per-player, on a generated class:
20 trainees × 5 games × 2 scenario versions (tests/store/classroom.py)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import attrs
import pytest

from game.cli import main
from game.report.result import Result
from game.store import HistoryDB, record_finished_game
from game.store.classview import class_view
from game.store.export import PLAYER_COLUMNS
from tests.store.classroom import COHORT, TRAINEES, classroom, other_cohort


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[Result]:
    return classroom(str(tmp_path_factory.mktemp("versions")))


@pytest.fixture(scope="module")
def class_db(tmp_path_factory: pytest.TempPathFactory, results: list[Result]) -> str:
    folder = tmp_path_factory.mktemp("class")
    for result in [*results, other_cohort(str(folder))]:
        outcome = record_finished_game(result, data_dir=folder)
        assert outcome.ok, outcome.message
    return str(folder / "history.sqlite3")


def test_the_class_view_has_one_row_per_trainee_with_their_five_games(class_db: str):
    with HistoryDB.open(class_db, create=False) as db:
        view = class_view(db, "ops  course MAY")  # any case, extra spaces
    assert view.cohort == COHORT
    assert len(view.games) == 25
    assert [t.name for t in view.trainees] == list(TRAINEES)  # no bots, no outsider
    for t in view.trainees:
        assert t.games == 5
        assert len(t.roles) >= 2  # the teams rotate their roles
        assert len(t.progress.overall.trend("total").values) == 5
        assert t.progress.weakest is not None
        # each role's trend holds the games in that role, oldest first
        assert sum(r.games for r in t.progress.roles) >= 5
    # five teams, each on two versions of the tutorial
    assert len(view.teams) == 10
    assert Counter(t.games for t in view.teams) == {3: 5, 2: 5}
    assert len({t.content_hash for t in view.teams}) == 2
    assert len(view.version_notes) == 1
    assert "tutorial was played in 2 versions" in view.version_notes[0]
    assert "(15 games" in view.version_notes[0] and "(10 games" in view.version_notes[0]


def test_class_prints_trainees_needs_roles_and_teams(capsys, class_db: str):
    code, out, err = run(capsys, "class", COHORT, "--db", class_db)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"Class {COHORT}: 20 trainees, 25 games (tutorial ×25)")
    assert lines[1].startswith("note: tutorial was played in 2 versions")
    table = lines[lines.index("") + 1 :]
    assert table[0].split()[:3] == ["Trainee", "Games", "Roles"]
    rows = table[2:22]
    assert [r[:10] for r in rows] == list(TRAINEES)
    assert all(r.split()[2] == "5" for r in rows)
    needs = out.split("Who needs what (weakest area first):\n")[1].split("\n\n")[0].splitlines()
    assert len(needs) == 20
    means = [float(line.split("(mean ")[1].split(")")[0]) for line in needs]
    assert means == sorted(means)  # the neediest first
    assert all(" in " in line and " of " in line for line in needs if "no points" not in line)
    assert "Outsider" not in out and "bot" not in out.split("Roles:")[0]
    teams = out.split("Teams (people who played together, per scenario version):\n")[1]
    team_rows = [r for r in teams.splitlines()[2:] if r.startswith("Trainee")]
    assert len(team_rows) == 10
    assert sum("tutorial@" in r for r in team_rows) == 10


def test_class_ascii_and_json(capsys, class_db: str):
    code, out, _ = run(capsys, "class", COHORT, "--db", class_db, "--ascii")
    assert code == 0 and out.isascii()
    code, out, _ = run(capsys, "class", COHORT, "--db", class_db, "--json")
    data = json.loads(out)
    assert data["cohort"] == COHORT and data["games"] == 25
    assert [t["name"] for t in data["trainees"]] == list(TRAINEES)
    assert len(data["trainees"][0]["versions"]) == 2
    assert len(data["teams"]) == 10


def _csv_rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    assert tuple(reader.fieldnames or ()) == PLAYER_COLUMNS
    return list(reader)


def test_class_csv_has_one_row_per_player_per_game_people_first(
    capsys, class_db: str, tmp_path: Path, results: list[Result]
):
    target = tmp_path / "class.csv"
    code, out, _ = run(capsys, "class", COHORT, "--db", class_db, "--csv", str(target))
    assert code == 0 and "125 rows" in out
    rows = _csv_rows(target.read_text(encoding="utf-8"))
    assert len(rows) == 25 * 5  # four people and one bot per game
    assert {r["cohort"] for r in rows} == {COHORT}
    by_game: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_game.setdefault(r["game_id"], []).append(r)
    for game_rows in by_game.values():
        assert [r["bot"] for r in game_rows] == ["0", "0", "0", "0", "1"]
    assert len({r["version"] for r in rows}) == 2
    assert Counter(r["player"] for r in rows if r["bot"] == "0") == dict.fromkeys(TRAINEES, 5)
    # each row holds that player's own card, not the team's
    first = results[0]
    mine = next(r for r in rows if r["game_id"] == "1" and r["player"] == "Trainee 01")
    card = first.scores.players["Trainee 01"]
    assert float(mine["total"]) == pytest.approx(round(card.total, 1))
    assert float(mine["speed"]) == pytest.approx(round(card.speed, 1))
    assert mine["roles"] == "crisis_manager"
    assert mine["ending"] == first.ending.title


def test_history_per_player_csv_matches_the_class_export(capsys, class_db: str, tmp_path: Path):
    target = tmp_path / "class.csv"
    run(capsys, "class", COHORT, "--db", class_db, "--csv", str(target))
    code, out, _ = run(
        capsys, "history", "--db", class_db, "--cohort", COHORT, "--csv", "--per-player"
    )
    assert code == 0
    assert _csv_rows(out) == _csv_rows(target.read_text(encoding="utf-8"))
    code, out, _ = run(capsys, "history", "--db", class_db, "--csv", "--per-player")
    assert len(_csv_rows(out)) == 127  # with the other cohort's game: Outsider, bot:good
    code, _, err = run(capsys, "history", "--db", class_db, "--per-player")
    assert code == 2 and "--per-player goes with --csv" in err


def test_class_xlsx_round_trips_with_numbers(capsys, class_db: str, tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    csv_file, xlsx_file = tmp_path / "c.csv", tmp_path / "c.xlsx"
    run(capsys, "class", COHORT, "--db", class_db, "--csv", str(csv_file))
    code, _, _ = run(capsys, "class", COHORT, "--db", class_db, "--xlsx", str(xlsx_file))
    assert code == 0
    wb = openpyxl.load_workbook(xlsx_file, read_only=True)
    ws = wb.worksheets[0]
    assert ws.title == "Class"
    values = list(ws.iter_rows(values_only=True))
    wb.close()
    assert values[0] == PLAYER_COLUMNS
    expected = _csv_rows(csv_file.read_text(encoding="utf-8"))
    assert len(values) - 1 == len(expected)
    for got, want in zip(values[1:], expected, strict=True):
        row = dict(zip(PLAYER_COLUMNS, got, strict=True))
        assert isinstance(row["total"], float | int) and isinstance(row["game_id"], float | int)
        assert row["total"] == pytest.approx(float(want["total"]))
        assert row["player"] == want["player"] and row["version"] == want["version"]


def test_names_that_look_like_formulas_are_neutralised(capsys, tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    from tests.store.classroom import play_team, versions

    v1, _ = versions(str(tmp_path))
    from game.report.result import build_result

    evil = '=HYPERLINK("http://x","y")'
    result = attrs.evolve(build_result(play_team(v1, (evil,), 3, "good")), cohort="C")
    record_finished_game(result, data_dir=tmp_path)
    db = str(tmp_path / "history.sqlite3")
    run(capsys, "class", "C", "--db", db, "--csv", str(tmp_path / "e.csv"))
    rows = _csv_rows((tmp_path / "e.csv").read_text(encoding="utf-8"))
    assert rows[0]["player"] == "'" + evil
    run(capsys, "class", "C", "--db", db, "--xlsx", str(tmp_path / "e.xlsx"))
    ws = openpyxl.load_workbook(tmp_path / "e.xlsx").worksheets[0]
    cell = ws.cell(row=2, column=PLAYER_COLUMNS.index("player") + 1)
    assert cell.data_type == "s"  # text, not a formula
    _, out, _ = run(capsys, "history", "--db", db, "--csv")
    assert "'" + evil.replace('"', '""') in out


def test_class_without_a_cohort_lists_them_and_an_unknown_one_is_an_error(capsys, class_db: str):
    code, out, _ = run(capsys, "class", "--db", class_db)
    assert code == 0
    assert out.splitlines() == ["Night  (1 game)", f"{COHORT}  (25 games)"]
    code, _, err = run(capsys, "class", "Nope", "--db", class_db)
    assert code == 1
    assert "no recorded games in cohort 'Nope'" in err and COHORT in err
    code, _, err = run(capsys, "class", COHORT, "--db", class_db, "--csv", "x.txt")
    assert code == 2 and "must end in .csv" in err


def test_progress_notes_the_scenario_versions(capsys, class_db: str):
    code, out, _ = run(capsys, "progress", "Trainee 05", "--db", class_db, "--cohort", COHORT)
    assert code == 0
    assert "Note: tutorial changed between these games" in out
    versions = [line for line in out.splitlines() if line.startswith("  version ")]
    assert [v.split(":")[1].split(",")[0].strip() for v in versions] == ["3 games", "2 games"]


def test_history_table_names_versions_and_filters_by_cohort(capsys, class_db: str):
    code, out, _ = run(capsys, "history", "--db", class_db, "--cohort", "night")
    assert code == 0 and "Outsider" in out and "Trainee" not in out
    code, out, _ = run(capsys, "history", "--db", class_db, "--cohort", COHORT)
    rows = [line for line in out.splitlines() if "tutorial@" in line]
    assert len(rows) == 25
    # people first, the bot seat counted after them, never instead of them
    assert all("Trainee" in r and "1 bot seat" in r for r in rows)
    assert "note: tutorial was played in 2 versions" in out
