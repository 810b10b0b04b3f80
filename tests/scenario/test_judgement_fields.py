"""The optional fields that let the score measure judgement load, and their mistakes are explained.

Decision ``weight`` and ``speed_counts``; stakeholder ``may_hear`` and ``public``; statement
``cleared_for`` and the ``personal_data`` risk; top-level ``channels`` with ``down_when``.
Files that do not use them load exactly as before (the rest of the suite loads every shipped
scenario and the spec's examples).
"""

from __future__ import annotations

from game.scenario import load_text
from game.scenario.model import RISKS

from .scenario_text import scenario

FULL = """\
flags: [email_restored]
stakeholders:
  staff: {name: All staff, expects: [facts]}
  board: {name: The Board, may_hear: [confidential], weight: 2}
  media: {name: Local media, public: true}
statements:
  - {id: hello, text: We are on it., covers: [facts]}
  - {id: amount, text: The demand is 40 bitcoin., risk: confidential, cleared_for: [board]}
  - {id: victim, text: The missing worker is Jo Smith., risk: personal_data}
channels:
  email: {down_when: "turn <= 1 and not flags.email_restored", reason: Email is encrypted.}
turns:
  - label: Day 1
    decisions:
      - id: plan
        role: crisis_manager
        prompt: Plan the review?
        weight: 0.5
        speed_counts: false
        options:
          - {id: a, text: Now, rating: best}
          - {id: b, text: Later, rating: poor}
      - id: life
        role: crisis_manager
        prompt: Evacuate?
        weight: 3
        options:
          - {id: a, text: Yes, rating: best}
          - {id: b, text: No, rating: harmful}
"""


def _codes(text: str) -> list[tuple[str, int, int, str]]:
    result = load_text(scenario(text), "t.yaml")
    return [(d.code, d.line, d.column, d.message) for d in result.diagnostics]


def test_every_new_field_loads_into_the_model() -> None:
    result = load_text(scenario(FULL), "t.yaml")
    assert result.errors == (), [d.format() for d in result.diagnostics]
    sc = result.scenario
    plan, life = sc.decision_by_id["plan"], sc.decision_by_id["life"]
    assert (plan.weight, plan.speed_counts) == (0.5, False)
    assert (life.weight, life.speed_counts) == (3, True)
    board, media = sc.stakeholder_by_id["board"], sc.stakeholder_by_id["media"]
    assert board.may_hear == ("confidential",) and not board.public
    assert media.public and media.may_hear == ()
    assert sc.statement_by_id["amount"].cleared_for == ("board",)
    assert sc.statement_by_id["victim"].risk == "personal_data" and "personal_data" in RISKS
    email = sc.channel_by_id["email"]
    assert email.reason == "Email is encrypted."
    assert email.down_when.source == "turn <= 1 and not flags.email_restored"


def test_the_defaults_keep_old_files_meaning() -> None:
    sc = load_text(scenario(""), "t.yaml").scenario
    d = sc.stakeholders[0]
    assert (d.may_hear, d.public) == ((), False)
    assert sc.statements[0].cleared_for == ()
    assert sc.channels == () and sc.channel_by_id == {}


def test_a_channel_that_is_not_a_message_channel_is_an_error_at_its_key() -> None:
    text = 'channels:\n  fax: {down_when: "true"}\n'
    assert ("S013", 2, 3) in [c[:3] for c in _codes(text)]


def test_a_down_condition_is_checked_like_any_condition() -> None:
    text = 'channels:\n  email: {down_when: "moral < 5"}\n'
    codes = _codes(text)
    assert codes == [("S020", 2, 23, 'unknown metric "moral"')]


def test_a_down_condition_is_required() -> None:
    assert _codes("channels:\n  email: {reason: Down.}\n")[0][0] == "S010"


def test_cleared_for_must_name_stakeholders() -> None:
    text = "statements:\n  - {id: hello, text: Hi., risk: confidential, cleared_for: [stafff]}\n"
    assert ("S020", 2, 62) in [c[:3] for c in _codes(text)]


def test_may_hear_takes_risk_kinds_only_once() -> None:
    assert _codes("stakeholders:\n  staff: {name: S, may_hear: [secret]}\n")[0][0] == "S013"
    twice = "stakeholders:\n  staff: {name: S, may_hear: [blame, blame]}\n"
    assert ("S015", 2, 38) in [c[:3] for c in _codes(twice)]


def test_decision_weight_must_be_positive_and_speed_counts_a_boolean() -> None:
    base = """\
    turns:
      - label: Day 1
        decisions:
          - id: d
            role: crisis_manager
            prompt: Go?
            {field}
            options: [{{id: a, text: Yes, rating: best}}]
    """
    zero = _codes(base.format(field="weight: 0"))
    assert zero[0][:2] == ("S029", 7) and "weight must be a positive number" in zero[0][3]
    word = _codes(base.format(field='speed_counts: "no"'))
    assert word[0][:2] == ("S012", 7) and "expected true or false" in word[0][3]
