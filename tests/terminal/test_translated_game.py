"""Terminal mode plays a scenario in the interface language, through its translation table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game import i18n
from tests.terminal.helpers import ROOT, run_in_process


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh-Hant")
    yield
    i18n.set_language("en")


def test_the_tutorial_is_played_in_chinese(
    chinese: None, monkeypatch: pytest.MonkeyPatch, capsys, tmp_path: Path
) -> None:
    code, out, err = run_in_process(
        monkeypatch,
        capsys,
        "seed 7\nseat crisis_manager Lin\nbots good\nquit\n",
        ROOT / "scenarios" / "tutorial.yaml",
        tmp_path,
    )
    assert code == 0, (out, err)
    assert "教學：週一早晨的淹水" in out and "Monday Morning Flood" not in out
    assert "週一 07:30（T+0小時）" in out and "安全 80" in out  # turn label, metric labels
