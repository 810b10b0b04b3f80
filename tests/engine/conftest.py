from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.engine.harness import Game


@pytest.fixture(params=["straight", "through_save"])
def play(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., Game]:
    """Start a test game; every test using it runs straight and through save/resume."""
    return functools.partial(Game, through_save=request.param == "through_save", tmp_path=tmp_path)
