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


@pytest.fixture(autouse=True)
def _english_unless_asked():
    """Every window test starts in English whatever the machine's locale, and a test that
    switches the language (or names one as ``--lang`` would) leaves none behind."""
    from game import i18n

    saved = os.environ.get("LANGUAGE")
    os.environ["LANGUAGE"] = "en"
    i18n.set_language("en")
    yield
    if saved is None:
        os.environ.pop("LANGUAGE", None)
    else:
        os.environ["LANGUAGE"] = saved
    i18n._explicit = None
    i18n.set_language("en")
