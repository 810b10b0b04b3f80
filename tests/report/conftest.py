from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import (
    Answer,
    EndTurn,
    ManualClock,
    Present,
    Rank,
    Seat,
    SendMessage,
    Session,
)
from game.engine.bots import play_game
from game.report.result import Result, build_result
from game.scenario import load_scenario
from game.scenario.model import Scenario

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.yaml"
CM, PR = "crisis_manager", "pr_specialist"


@pytest.fixture(scope="session")
def mini() -> Scenario:
    loaded = load_scenario(MINI)
    assert loaded.scenario is not None, loaded.diagnostics
    return loaded.scenario


def human_game(sc: Scenario) -> Session:
    """Two named players, some good and some bad play, messages with a risky statement."""
    clock = ManualClock()
    s = Session.new(
        sc,
        {CM: Seat(CM, player="Ana Ruiz"), PR: Seat(PR, player="Ben Okafor")},
        seed=3,
        clock=clock,
    )
    s.apply(Present(CM))
    s.apply(Present(PR))
    clock.advance(41)
    s.apply(Answer(CM, "evacuate", "now"))
    clock.advance(10)
    s.apply(SendMessage(CM, ("staff",), "meeting", ("facts",)))
    s.apply(SendMessage(PR, ("press",), "press_release", ("no-comment",)))
    s.apply(EndTurn(CM))
    s.apply(EndTurn(PR))
    s.apply(Present(PR))
    clock.advance(12)
    s.apply(Rank(PR, "messages", ("actions", "safety", "next")))
    s.apply(SendMessage(PR, ("press", "staff"), "email", ("facts", "go-home")))
    s.apply(EndTurn(CM))
    s.apply(EndTurn(PR))
    assert s.finished
    return s


@pytest.fixture(scope="session")
def human_result(mini: Scenario) -> Result:
    return build_result(
        human_game(mini),
        started_at="2025-05-14T09:02:11+02:00",
        finished_at="2025-05-14T09:40:00+02:00",
    )


@pytest.fixture(scope="session")
def bot_result(mini: Scenario) -> Result:
    return build_result(play_game(mini, "random", 4))
