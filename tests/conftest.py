"""Settings every test shares: no display, no sound, and never the real user data folder.

The game writes autosaves, results and the history database into the user data folder; a test
run must not touch a trainee's real one, so every test process gets its own empty folder.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ["CRISIS_SIM_DATA"] = tempfile.mkdtemp(prefix="crisis-sim-test-data-")
os.environ.pop("CRISIS_SIM_DB", None)


import pytest


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that switches the language (``--lang zh-Hant``, ``set_language``) must not leave
    the next test speaking it: every test starts and ends in English, with no ``--lang``."""
    from game import i18n

    yield
    i18n.set_language("en")
    i18n._explicit = None
