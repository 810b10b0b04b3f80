"""Progress evidence and history notes in Traditional Chinese (issue 18)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from game import i18n
from game.store.progress import Issue, WeakArea


@pytest.fixture
def zh() -> Iterator[None]:
    i18n.set_language("zh-Hant")
    yield
    i18n.set_language("en")


def _area() -> WeakArea:
    issue = Issue("communication", "deadline", "regulator", "錯過監管機關的期限", 3, 4, 12.0)
    return WeakArea("communication", 41.0, (issue,))


def test_the_weakest_area_reads_in_chinese(zh: None) -> None:
    assert _area().describe() == "利害關係人溝通：4場中有3場錯過監管機關的期限"
    assert WeakArea("speed", 50.0, ()).describe() == "速度：沒有失分"


def test_the_weakest_area_reads_as_before_in_english() -> None:
    issue = Issue("communication", "deadline", "regulator", "Regulator deadline missed", 3, 4, 1)
    area = WeakArea("communication", 41.0, (issue,))
    assert area.describe() == "communication: Regulator deadline missed in 3 of 4 games"
    one = Issue("speed", "timeout", "d", "“Evacuate?” left to time out", 1, 1, 1)
    assert one.describe() == "“Evacuate?” left to time out in 1 of 1 game"
