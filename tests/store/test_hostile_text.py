"""Hostile names and titles in the history: never a raw control character on the terminal,
never a formula in a spreadsheet (issue #13)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import attrs
import pytest

from game.cli import main
from game.store import HistoryDB, record_finished_game
from game.store.export import table
from tests.store.games import play, tutorial

EVIL_NAME = "\x1b]0;pwned\x07Eve"
FORMULA_NAME = "=2+3"
EVIL_TITLE = '=HYPERLINK("http://evil.example","click")\x1b]52;c;ZWNobw==\x07'


@pytest.fixture
def db(tmp_path: Path) -> str:
    scenario = attrs.evolve(tutorial(), title=EVIL_TITLE)
    result = play((FORMULA_NAME, EVIL_NAME), "good", seed=3, scenario=scenario)
    outcome = record_finished_game(result, data_dir=tmp_path)
    assert outcome.ok, outcome.message
    return str(tmp_path / "history.sqlite3")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _no_controls(text: str) -> None:
    bad = [c for c in text if (ord(c) < 0x20 and c not in "\n") or 0x7F <= ord(c) <= 0x9F]
    assert bad == [], text


def test_history_csv_neutralises_formulas(capsys, db: str) -> None:
    code, out, _ = run(capsys, "history", "--csv", "--db", db)
    assert code == 0
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["scenario_title"].startswith("'=HYPERLINK(")
    assert row["players"] == "'" + FORMULA_NAME + ";" + EVIL_NAME
    assert not row["seats"].startswith("'")  # "crisis_manager:=2+3" is no formula


def test_history_table_shows_escapes(capsys, db: str) -> None:
    code, out, _ = run(capsys, "history", "--db", db)
    assert code == 0
    _no_controls(out)
    with HistoryDB.open(Path(db), create=False) as opened:
        wide = table(opened.games(), max_players=200)
    _no_controls(wide)
    assert "\\x1b]0;pwned\\x07Eve: infosec_analyst" in wide


def test_progress_shows_escapes(capsys, db: str) -> None:
    code, out, err = run(capsys, "progress", EVIL_NAME, "--db", db)
    assert code == 0, err
    _no_controls(out)
    assert out.startswith("\\x1b]0;pwned\\x07Eve: 1 game")
    code, out, err = run(capsys, "progress", "nobody", "--db", db)
    assert code == 1
    _no_controls(err)
    assert "\\x1b]0;pwned\\x07Eve" in err
