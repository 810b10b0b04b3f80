"""Every example of the format specification loads.

``SPEC_EXAMPLES`` holds the YAML examples of ``SCENARIO_FORMAT.md`` verbatim; each is embedded
into a small scenario that supplies what it refers to (metrics, flags, decisions) and must load
with no errors.  ``fixtures/spec_example.yaml`` assembles all of them into one file.
"""

# ruff: noqa: E501  (the spec examples are kept verbatim)
from __future__ import annotations

import pathlib
import re
import struct

import pytest

from game.scenario import load_scenario, load_text

from .scenario_text import scenario

HERE = pathlib.Path(__file__).parent
FIXTURE = HERE / "fixtures" / "spec_example.yaml"
#: The normative spec lives beside the repository in the team's shared folder.
SPEC = HERE.parents[2] / "shared" / "SCENARIO_FORMAT.md"

SPEC_EXAMPLES = {
    "roles": """\
roles:
  crisis_manager: {brief: "You chair the crisis team at Northwind Health."}
  infosec_analyst: {}
""",
    "metrics": """\
metrics:
  containment: {label: Containment, start: 0, min: 0, max: 100, good: high}
  public_trust: {label: Public trust, start: 70, min: 0, max: 100, good: high}
  cost: {label: "Cost (k$)", start: 0, min: 0, good: low}
flags: [backups_verified, ransom_paid, personal_data_exposed]
""",
    "stakeholders": """\
stakeholders:
  regulator:
    name: Data Protection Authority
    owner: [crisis_manager]            # roles expected to send to them (others may, scored lower)
    inform_by: 3                       # last turn (inclusive) by which they must be informed
    expects: [facts, actions, contact] # key points their messages must cover, by the deadline
    weight: 3                          # importance in the communication score (default 1)
    required_when: "flags.personal_data_exposed"  # only required if true at the deadline (default: always)
  employees: {name: All staff, owner: [crisis_manager, pr_specialist], inform_by: 1, expects: [facts, guidance]}

statements:
  - id: ack-incident
    text: "We are investigating a cyber incident that has disrupted some of our systems."
    covers: [facts]
  - id: blame-vendor
    text: "Our IT vendor is responsible for this failure."
    risk: blame
    effects: {public_trust: -5}
  - id: next-update
    text: "We will publish our next update at 14:00 today."
    covers: [next_update]
    contradicts: [no-comment]
""",
    "turns": """\
turns:
  - label: "Mon 06:10 (T+0h)"            # in-game clock, shown to players
    phase: response                      # preparation | response | recovery (default response)
    injects:
      - id: soc-alert
        channel: email                   # email | phone | news | social | alarm | radio | meeting | report
        from: SOC on-call
        to: [infosec_analyst]            # roles who see it (default: all in play)
        headline: Mass file encryption detected
        body: |
          40 file servers show encrypted files with the extension .nwlock ...
        image: images/ransom-note.png    # optional, relative to the scenario file, must stay inside its folder
        when: "not flags.segments_isolated"   # optional condition
        effects: {public_trust: -2}
    decisions:
      - id: first-containment
        role: infosec_analyst
        prompt: Files are being encrypted on 40 servers. What do you do first?
        time_limit: 60                   # seconds of real time (default 90)
        when: "turn >= 1"                # optional condition
        options:
          - id: isolate
            text: Isolate the affected segments from the network
            rating: best                 # best | good | poor | harmful
            effects: {containment: +30}
            set: [segments_isolated]
            why: Isolation stops lateral movement and preserves evidence.   # shown in the debrief
          - id: reboot
            text: Reboot the servers to stop the process
            rating: harmful
            effects: {containment: -10}
            why: Destroys volatile evidence and can restart encryption on boot.
        on_timeout: reboot               # option applied when time runs out (default: none, nothing happens)
      - id: first-hour-priorities
        role: crisis_manager
        kind: rank                       # order the items; scored by closeness to `expected`
        prompt: Order the first-hour priorities.
        items:
          - {id: people, text: Patient and staff safety}
          - {id: contain, text: Stop the spread}
          - {id: holding, text: Holding statement to staff}
          - {id: restore, text: Restore services}
        expected: [people, contain, holding, restore]
        time_limit: 45
""",
    "events": """\
events:
  - id: ransom-leak
    when: "chose(first-containment.reboot) or turn >= 4 and not flags.segments_isolated"
    channel: news
    headline: "Hospital records offered for sale online"
    body: ...
    effects: {public_trust: -15}
    set: [personal_data_exposed]
""",
    "endings": """\
endings:
  - {id: contained, title: Contained, when: "containment >= 70 and public_trust >= 50", text: ...}
  - {id: damaged, title: Operational but damaged, text: ...}
""",
    "objectives": """\
objectives:
  - id: contain-fast
    text: Contain the incident within the first two turns.
    measures: [first-containment, first-hour-priorities]   # decision and stakeholder ids
scoring:
  weights: {speed: 0.25, priorities: 0.45, communication: 0.30}   # default; must sum to 1
""",
}

#: What the examples refer to without defining: every name they use exists here.
SUPPORT = """\
format: crisis-sim/1
id: spec-example
title: Spec example
type: data_breach
summary: One example of the format specification in a small scenario.
briefing: It is Monday morning at Northwind Health.
metrics:
  containment: {start: 0, min: 0, max: 100}
  public_trust: {start: 70, min: 0, max: 100}
  cost: {start: 0, min: 0, good: low}
flags: [backups_verified, ransom_paid, personal_data_exposed, segments_isolated]
stakeholders:
  staff: {name: All staff}
statements:
  - {id: no-comment, text: We have no comment., risk: no_comment}
turns:
  - label: Mon 06:10
    decisions:
      - id: first-containment
        role: infosec_analyst
        prompt: What do you do first?
        options:
          - {id: isolate, text: Isolate, rating: best}
          - {id: reboot, text: Reboot, rating: harmful}
      - id: first-hour-priorities
        role: crisis_manager
        kind: rank
        prompt: Order the priorities.
        items: [{id: people, text: People}, {id: systems, text: Systems}]
        expected: [people, systems]
  - label: Mon 09:00
  - label: Mon 12:00
  - label: Mon 15:00
endings:
  - {id: the-end, title: The end}
"""

#: Lines an example needs right after it (the statements example contradicts a statement
#: it does not define).
AFTER = {"stakeholders": "  - {id: no-comment, text: We have no comment., risk: no_comment}\n"}


def test_support_scenario_is_valid() -> None:
    assert load_text(SUPPORT).errors == ()


@pytest.mark.parametrize("name", SPEC_EXAMPLES)
def test_spec_example_loads(name: str, tmp_path: pathlib.Path) -> None:
    (tmp_path / "images").mkdir()
    # the turns example shows it: a PNG header of 800×600 (pictures are judged by their header)
    ihdr = struct.pack(">IIBBBBB", 800, 600, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + b"\0" * 4
    (tmp_path / "images" / "ransom-note.png").write_bytes(png)
    file = tmp_path / "example.yaml"
    file.write_text(scenario(SPEC_EXAMPLES[name] + AFTER.get(name, ""), base=SUPPORT))
    result = load_scenario(file)
    assert result.errors == (), "\n".join(d.format() for d in result.diagnostics)
    assert result.scenario is not None


@pytest.mark.skipif(not SPEC.exists(), reason="the shared spec is not beside this checkout")
def test_examples_are_the_ones_in_the_spec() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.S)
    assert blocks == list(SPEC_EXAMPLES.values())


def test_spec_fixture_loads_without_diagnostics() -> None:
    result = load_scenario(FIXTURE)
    assert result.diagnostics == ()
    sc = result.scenario
    assert sc is not None
    assert sc.version == "2"  # a number is taken as text
    assert sc.roles_in_play == ("crisis_manager", "infosec_analyst", "pr_specialist")
    assert sc.role_brief("pr_specialist") == ""  # "pr_specialist:" is an empty mapping
    assert [m.good for m in sc.metrics] == ["high", "high", "low"]
    regulator = sc.stakeholder_by_id["regulator"]
    assert (regulator.owner, regulator.inform_by, regulator.weight) == (("crisis_manager",), 3, 3)
    assert regulator.required_when is not None
    employees = sc.stakeholder_by_id["employees"]
    assert employees.weight == 1 and employees.expects == ("facts", "guidance")
    first = sc.decision_by_id["first-containment"]
    assert first.option("isolate").effects == {"containment": 30}  # "+30"
    assert first.on_timeout == "reboot" and first.time_limit == 60
    rank = sc.decision_by_id["first-hour-priorities"]
    assert rank.kind == "rank" and rank.expected == ("people", "contain", "holding", "restore")
    backups = sc.decision_by_id["backups"]
    assert [o.id for o in backups.options] == ["yes", "no"]  # YAML 1.2: words, not booleans
    assert sc.turns[1].phase == "response" and sc.turns[2].phase == "recovery"
    assert sc.decision_by_id["backups"].time_limit == 90
    assert sc.scoring.weights.priorities == 0.45
    assert sc.endings[-1].when is None


@pytest.mark.parametrize(
    "snippet",
    [
        "statements:\n  - id: hello\n    text: Hi.\n"
        "    effects: {morale: +30, cost: +20, public_trust: -5}\n",
        'statements:\n  - {id: hello, text: Hi., when: "flags.services_restored"}\n'
        "  - {id: fixed, text: Fixed., set: [services_restored]}\n",
        "roles:\n  crisis_manager:\n",
        "version: 2\nauthor: 2024-05-01\nlanguage: de\ndifficulty: advanced\n"
        "estimated_minutes: 45\n",
    ],
    ids=["effects", "statement-when", "empty-role", "optional-top-level"],
)
def test_inline_spec_examples_load(snippet: str) -> None:
    base_extra = (
        "metrics:\n  morale: {start: 50}\n  cost: {start: 0}\n  public_trust: {start: 50}\n"
        "flags: [services_restored]\n"
    )
    text = scenario(snippet + ("" if snippet.startswith("metrics") else base_extra))
    result = load_text(text)
    assert result.errors == (), "\n".join(d.format() for d in result.diagnostics)
