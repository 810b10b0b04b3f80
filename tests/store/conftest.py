from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.report.result import Result
from game.store import record_finished_game
from tests.store.games import series


@pytest.fixture(autouse=True)
def _no_user_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never touch the real user data folder: point both variables into the test's folder."""
    monkeypatch.setenv("CRISIS_SIM_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("CRISIS_SIM_DB", raising=False)


@pytest.fixture(scope="session")
def games() -> list[Result]:
    """Five real results (see ``games.SERIES``), one day apart from 1 May 2025."""
    return series()


@pytest.fixture(scope="session")
def recorded(tmp_path_factory: pytest.TempPathFactory, games: list[Result]) -> Path:
    folder = tmp_path_factory.mktemp("recorded")
    for result in games:
        outcome = record_finished_game(result, data_dir=folder)
        assert outcome.ok, outcome.message
    return folder


@pytest.fixture
def data(tmp_path: Path, recorded: Path) -> Path:
    """A data folder of the test's own whose history holds ``games`` (ids 1 to 5)."""
    folder = tmp_path / "recorded"
    shutil.copytree(recorded, folder)
    return folder
