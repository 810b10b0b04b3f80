"""UI tests run the real window under SDL's dummy video and audio drivers."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from pathlib import Path

import pytest

from tests.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pilot(tmp_path: Path):
    p = Pilot(tmp_path)
    yield p
    p.close()
