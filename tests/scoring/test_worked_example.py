"""The worked example of docs/scoring.md, number for number."""

from __future__ import annotations

import attrs
import pytest

from game.scenario.model import Objective
from game.scoring import score_game
from tests.engine.builders import choice, option, rank, scenario, stakeholder, statement, turn
from tests.scoring.records import answer, evidence, message, timeout

CM, IA, PR = "crisis_manager", "infosec_analyst", "pr_specialist"


def test_the_worked_example_in_the_scoring_guide() -> None:
    sc = scenario(
        roles=(CM, IA, PR),
        flags=("personal_data_exposed",),
        stakeholders=(
            stakeholder(
                "regulator",
                owner=[CM],
                inform_by=3,
                expects=["facts", "actions", "contact"],
                weight=3,
                required_when="flags.personal_data_exposed",
            ),
            stakeholder(
                "staff", owner=[CM, PR], inform_by=1, expects=["facts", "guidance"], weight=2
            ),
            stakeholder("media", owner=[PR], inform_by=4),
        ),
        statements=(
            statement("facts", ["facts"]),
            statement("actions", ["actions"]),
            statement("contact", ["contact"]),
            statement("guidance", ["guidance"]),
            statement("no-comment", risk="no_comment"),
        ),
        turns=(
            turn(
                "1",
                decisions=[
                    choice(
                        "activate", CM, [option("plan", "best"), option("wait-and-see", "good")]
                    ),
                    rank("priorities", CM, ["people", "contain", "tell", "restore"]),
                ],
            ),
            turn(
                "2",
                decisions=[
                    choice(
                        "ransom",
                        CM,
                        [option("refuse", "best"), option("stall", "poor")],
                        time_limit=45,
                        on_timeout="stall",
                    ),
                ],
            ),
            turn("3"),
            turn("4"),
        ),
    )

    sc = attrs.evolve(
        sc, objectives=(Objective("obj-regulator", "Notify on time.", ("activate", "regulator")),)
    )
    ev = evidence(
        sc,
        [
            answer("activate", CM, option="wait-and-see", elapsed=24, time_limit=60),
            answer("priorities", CM, order=["people", "tell", "contain", "restore"], elapsed=10),
            timeout("ransom", CM, applied="stall", time_limit=45, turn=2),
        ],
        [
            message(PR, ["staff"], ["facts"], turn=1),
            message(IA, ["staff"], ["guidance"], turn=1),
            message(CM, ["regulator"], ["facts", "actions"], turn=2),
            message(CM, ["media"], ["no-comment"], turn=2),
            message(CM, ["regulator"], ["contact"], turn=4),
        ],
        required={"regulator", "staff", "media"},
    )
    s = score_game(sc, ev)
    cm = s.roles[CM]
    assert cm.card.speed == pytest.approx((85 + 100 + 0) / 3)
    # the ranking: contain and tell swapped, a pair whose higher item is second: 1/2 of 13/3
    assert cm.card.priorities == pytest.approx((70 + 100 * (1 - 0.5 / (13 / 3)) + 30) / 3)
    assert cm.card.comm_base == pytest.approx(85)
    assert cm.card.communication == pytest.approx(80)
    assert round(cm.card.total, 1) == 67.7
    lost = {(d.dimension, d.ref): round(d.points, 1) for d in cm.deductions}
    assert lost == {
        ("speed", "activate"): 5.0,
        ("speed", "ransom"): 33.3,
        ("priorities", "activate"): 10.0,
        ("priorities", "priorities"): 3.8,
        ("priorities", "ransom"): 23.3,
        ("communication", "regulator"): 12.5,
        ("communication", "staff"): 2.5,
        ("communication", "no-comment"): 5.0,
    }
    (objective,) = s.objectives
    assert [round(i.score, 1) for i in objective.items] == [75.4, 83.3]
    assert (round(objective.score, 1), objective.rating) == (79.3, "S")
