"""A message over a down channel, sent from the window: the channel is marked down, sending
says at once that it was not delivered, and the message stays to be sent another way."""

from __future__ import annotations

from pathlib import Path

import attrs

from game.engine import Seat
from game.scenario.conditions import Condition
from game.scenario.model import Channel
from game.ui.scenes.compose import ComposeScene
from tests.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parents[2]


def test_sending_over_a_down_channel_says_so_at_once(pilot: Pilot) -> None:
    app = pilot.app
    sc = app.load(str(ROOT / "scenarios" / "tutorial.yaml")).scenario
    sc = attrs.evolve(
        sc, channels=(Channel("email", Condition.parse("true"), "The mail server is flooded."),)
    )
    seats = {r: Seat(r, player=f"P{i}") for i, r in enumerate(sc.roles_in_play)}
    app.start_game(sc, seats)
    pilot.click("go")
    m = app.match
    app.push(ComposeScene(app, m, m.active, pilot.scene))
    pilot.step()
    assert "Email (down)" in pilot.texts()
    s = m.session
    pilot.click(f"to-{sc.stakeholders[0].id}")
    pilot.click("ch-email")
    pilot.click(f"st-{s.usable_statements()[0].id}")
    pilot.click("send")
    assert pilot.scene.name == "compose"  # still open: choose another channel
    assert "Not delivered: email is down. The mail server is flooded." in pilot.texts()
    assert [x.delivered for x in s.messages] == [False]
    pilot.click("ch-phone")
    pilot.click("send")
    assert pilot.scene.name == "turn"
    assert [x.delivered for x in s.messages] == [False, True]
