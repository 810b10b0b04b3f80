"""The three authoring traps (W109–W111): each caught in its forms, and not where it is no trap.
(docs/authoring.md's Wrong/Right examples are checked by test_authoring_docs too.)"""

from __future__ import annotations

import glob
from pathlib import Path

import pytest

from game.scenario import load_scenario, load_text

from .scenario_text import scenario
from .test_authoring_docs import TUTORIAL_STEPS

ROOT = Path(__file__).resolve().parents[2]
BASE = TUTORIAL_STEPS[0]

PRESS = """
stakeholders:
  press:
    name: Local press
    inform_by: {deadline}
turns:
  - label: "Sat 07:40"
  - label: "Sat 08:00"
  - label: "Sat 08:20"
  - label: "Sat 08:40"
events:
  - id: live-coverage
    when: "{when}"
    channel: news
    headline: "Live: smoke pours from the Riverside Hotel"
"""


def codes(fragment: str) -> list[str]:
    result = load_text(scenario(fragment, base=BASE), "fire.yaml")
    assert result.errors == (), [d.format() for d in result.diagnostics]
    return [d.code for d in result.diagnostics]


@pytest.mark.parametrize(
    ("deadline", "when", "caught"),
    [
        (2, "turn >= 2 and not informed(press)", True),
        (2, "not informed(press)", True),  # events are checked from turn 2
        (3, "turn > 2 and not informed(press)", True),
        (2, "chose(x.y) or turn >= 2 and not informed(press)", True),
        (2, "not (informed(press) or turn < 2)", True),
        (2, "2 <= turn and not informed(press)", True),
        (2, "turn >= 3 and not informed(press)", False),
        (2, "not (informed(press) or turn < 3)", False),
        (1, "not informed(press)", False),  # the deadline passed before turn 2 starts
        (2, "informed(press)", False),  # being informed early is possible: no trap
        (4, "turn == 4 and not informed(press)", True),
    ],
)
def test_w109_an_event_that_judges_a_deadline_before_it_has_passed(
    deadline: int, when: str, caught: bool
) -> None:
    fragment = PRESS.format(deadline=deadline, when=when)
    if "chose(" in fragment:
        fragment = fragment.replace("chose(x.y) or ", "")  # no decision x here
    assert ("W109" in codes(fragment)) is caught


def test_w109_names_the_turns_and_says_how_to_fix_it() -> None:
    result = load_text(
        scenario(PRESS.format(deadline=2, when="turn >= 2 and not informed(press)"), base=BASE),
        "fire.yaml",
    )
    (d,) = [d for d in result.diagnostics if d.code == "W109"]
    assert "at the start of turn 2" in d.message and "until the end of turn 2" in d.message
    assert d.hint == 'wait until the deadline has passed: "turn >= 3 and not informed(press)"'
    assert (
        d.line
        == scenario(PRESS.format(deadline=2, when="x"), base=BASE)
        .splitlines()
        .index('    when: "x"')
        + 1
    )


KEY_POINT = """
flags: [building_evacuated]
stakeholders:
  guests:
    name: Hotel guests
    expects: [facts, guidance]
    {required}
statements:
  - id: evacuating
    text: There is a fire in the kitchen.
    covers: [facts{also}]
    set: [building_evacuated]
  - id: all-out
    text: Everyone is out. Please stay in the car park.
    covers: [guidance]
    when: "{when}"
"""


@pytest.mark.parametrize(
    ("required", "also", "when", "caught"),
    [
        ("", "", "flags.building_evacuated", True),
        ("", ", guidance", "flags.building_evacuated", False),
        ('required_when: "flags.building_evacuated"', "", "flags.building_evacuated", False),
        ('required_when: "flags.building_evacuated and turn >= 1"', "", "flags.building_evacuated",
         False),
        ("", "", "turn >= 1", False),  # a condition that always holds is no condition
    ],
)  # fmt: skip
def test_w110_a_key_point_only_a_conditional_statement_covers(
    required: str, also: str, when: str, caught: bool
) -> None:
    fragment = KEY_POINT.format(required=required, also=also, when=when)
    assert ("W110" in codes(fragment)) is caught


HARMFUL = """
metrics:
  injuries: {{label: People injured, start: {start}, min: 0, max: 10, good: low}}
turns:
  - label: "Sat 07:40"
    decisions:
      - id: evacuate
        role: crisis_manager
        prompt: The fire alarm sounds. What do you do?
        options:
          - id: full
            text: Evacuate everyone now
            rating: best
            effects: {{injuries: {best}}}
          - id: wait
            text: Wait for the fire brigade to confirm
            rating: harmful
            effects: {{injuries: {harm}}}
"""


@pytest.mark.parametrize(
    ("start", "best", "harm", "caught"),
    [
        (0, 0, -3, True),  # pushed below its minimum, where it starts and stays
        (10, 0, 3, True),  # pushed above its maximum, where it starts and stays
        (0, 0, 3, False),  # the right sign
        (0, 2, -3, False),  # the best option raises it, so lowering it can matter
        (5, 0, -3, False),  # starts away from the bound
    ],
)
def test_w111_a_harmful_option_that_changes_nothing(
    start: int, best: int, harm: int, caught: bool
) -> None:
    fragment = HARMFUL.format(start=start, best=best, harm=harm)
    assert ("W111" in codes(fragment)) is caught


@pytest.mark.parametrize("path", sorted(glob.glob(str(ROOT / "scenarios" / "*.yaml"))))
def test_the_shipped_scenarios_fall_into_none_of_the_traps(path: str) -> None:
    result = load_scenario(path)
    assert not {"W109", "W110", "W111"} & {d.code for d in result.diagnostics}
