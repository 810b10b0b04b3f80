"""The window shows scenarios in the interface language, through their translation tables, and
loads them again when the language changes (a new language applies at once)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game import i18n
from tests.ui.pilot import Pilot

TUTORIAL = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def test_the_window_loads_scenarios_in_the_interface_language(
    pilot: Pilot, english_after: None
) -> None:
    app = pilot.app
    i18n.set_language("en")
    app.scan_scenarios()
    assert not app.scan_scenarios()  # nothing changed since
    english = app.load(str(TUTORIAL)).scenario
    assert english is not None and english.title == "Tutorial: The Monday Morning Flood"
    i18n.set_language("zh-Hant")
    chinese = app.load(str(TUTORIAL)).scenario
    assert chinese is not None and chinese.title == "教學：週一早晨的淹水"
    assert chinese.content_hash == english.content_hash
    assert app.scan_scenarios()  # the shipped list is loaded again in the new language
    i18n.set_language("en")
    assert app.load(str(TUTORIAL)).scenario == english
