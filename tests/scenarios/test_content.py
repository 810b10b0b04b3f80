"""Content requirements of the shipped scenarios (issue 5), asserted on the loaded model so that
an edit cannot silently drop below them, and every shipped file validates with zero warnings.

Every scenario in ``scenarios/`` except the tutorial must have: at least 6 turns covering the
preparation, response and recovery phases in that order, each labelled with its in-game clock;
all five roles in play with at least 3 decisions each; at least 2 rank decisions; an
``on_timeout`` option on every choice decision; at least 5 stakeholders with explicit owners
and deadlines, at least one with ``required_when``; at least 12 statements, of which at least 4
risky ones of at least 4 different kinds, at least one contradicting pair and some with
``when``; at least 3 events, 3 endings and 3 objectives; and a ``why`` on every option.  The
tutorial has 2 or 3 turns and difficulty ``intro``.
"""

from __future__ import annotations

import re

import pytest

from game.cli import main as crisis_sim
from game.scenario import load_scenario
from game.scenario.model import PHASES, ROLE_IDS, Scenario
from tests.scenarios.golden_play import SCENARIOS
from tests.scenarios.golden_play import shipped as scenario

TUTORIAL = "tutorial"
SHIPPED = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))
MAIN = [n for n in SHIPPED if n != TUTORIAL]
#: An in-game clock in a turn label: "Mon 06:10 (T+0h)", "Mon +3 weeks (T+21d)".
CLOCK = re.compile(r"\(T[+-]\d+(\.\d+)?(m|h|d|w)\)")


def test_the_six_scenarios_and_the_tutorial_are_shipped() -> None:
    assert {
        "data_breach",
        "product_recall",
        "fire",
        "reputation",
        "earthquake",
        "workplace_violence",
        TUTORIAL,
    } <= set(SHIPPED)


def test_every_shipped_file_validates_strictly_with_zero_warnings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = crisis_sim(["validate", "--strict", str(SCENARIOS)])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "0 errors, 0 warnings" in err, err
    for name in SHIPPED:
        loaded = load_scenario(SCENARIOS / f"{name}.yaml")
        assert loaded.diagnostics == (), [d.format() for d in loaded.diagnostics]


def _decisions(sc: Scenario):
    return [d for _, d in sc.decisions()]


main = pytest.mark.parametrize("name", MAIN)


@pytest.mark.parametrize("name", SHIPPED)
def test_turns_have_clock_labels_and_phases_in_order(name: str) -> None:
    sc = scenario(name)
    for t in sc.turns:
        assert CLOCK.search(t.label), f"{name}: turn label {t.label!r} has no (T+...) clock"
    order = [PHASES.index(t.phase) for t in sc.turns]
    assert order == sorted(order), f"{name}: phases out of order: {[t.phase for t in sc.turns]}"


@main
def test_timeline(name: str) -> None:
    sc = scenario(name)
    assert len(sc.turns) >= 6
    assert {t.phase for t in sc.turns} == set(PHASES)


@main
def test_roles_and_decisions(name: str) -> None:
    sc = scenario(name)
    assert sc.roles_in_play == ROLE_IDS
    decisions = _decisions(sc)
    for role in ROLE_IDS:
        n = sum(d.role == role for d in decisions)
        assert n >= 3, f"{name}: {role} has {n} decisions, needs at least 3"
    assert sum(d.kind == "rank" for d in decisions) >= 2
    no_timeout = [d.id for d in decisions if d.kind == "choice" and d.on_timeout is None]
    assert not no_timeout, f"{name}: choice decisions without on_timeout: {no_timeout}"


@main
def test_stakeholders(name: str) -> None:
    sc = scenario(name)
    explicit = [s for s in sc.stakeholders if s.owner and s.inform_by is not None]
    assert len(explicit) >= 5, f"{name}: {len(explicit)} stakeholders with owner and inform_by"
    assert any(s.required_when is not None for s in sc.stakeholders)


@main
def test_statements(name: str) -> None:
    sc = scenario(name)
    st = sc.statements
    assert len(st) >= 12
    risky = [s for s in st if s.risk is not None]
    assert len(risky) >= 4
    kinds = sorted({str(s.risk) for s in risky})
    assert len(kinds) >= 4, f"{name}: risky statements of only {len(kinds)} kinds: {kinds}"
    ids = {s.id for s in st}
    pairs = {(s.id, o) for s in st for o in s.contradicts if o in ids}
    assert pairs, f"{name}: no contradicting pair of statements"
    assert any(s.when is not None for s in st), f"{name}: no statement with `when`"


@main
def test_events_endings_objectives(name: str) -> None:
    sc = scenario(name)
    assert len(sc.events) >= 3
    assert len(sc.endings) >= 3
    assert len(sc.objectives) >= 3


@pytest.mark.parametrize("name", SHIPPED)
def test_every_option_explains_why(name: str) -> None:
    missing = [
        f"{d.id}.{o.id}" for d in _decisions(scenario(name)) for o in d.options if not o.why.strip()
    ]
    assert not missing, f"{name}: options without `why`: {missing}"


def test_tutorial() -> None:
    sc = scenario(TUTORIAL)
    assert 2 <= len(sc.turns) <= 3
    assert sc.difficulty == "intro"


@pytest.mark.parametrize("name", SHIPPED)
def test_a_content_note_shows_in_the_scenario_list_and_the_briefing(name: str) -> None:
    """Violence at work always carries a content note, in the title (the one field both the
    window's and the terminal's scenario lists show) and in the briefing; any scenario whose
    briefing has a content note shows it in its title or summary as well."""
    sc = scenario(name)
    note = "content note"
    if sc.type == "workplace_violence":
        assert note in sc.title.lower(), f"{name}: no content note in the title"
        assert note in sc.briefing.lower(), f"{name}: no content note in the briefing"
    if note in sc.briefing.lower():
        assert note in (sc.title + sc.summary).lower(), f"{name}: content note not in the list"


@pytest.mark.parametrize("name", SHIPPED)
def test_every_role_has_something_in_the_first_turn(name: str) -> None:
    """Issue 12: a role in play reads an inject or owns a decision in turn 1 (no player sits
    through a turn with nothing on the screen while a stakeholder is due)."""
    sc = scenario(name)
    first = sc.turns[0]
    idle = [
        role
        for role in sc.roles_in_play
        if not any(i.when is None and (i.to is None or role in i.to) for i in first.injects)
        and not any(d.when is None and d.role == role for d in first.decisions)
    ]
    assert not idle, f"{name}: nothing to read or decide in turn 1 for {idle}"


def _how_to_play(sc: Scenario) -> list[tuple[int, str, str]]:
    return [
        (n, i.from_, i.body)
        for n, t in enumerate(sc.turns, 1)
        for i in t.injects
        if i.from_.startswith("Tutorial: how to play")
    ]


def test_tutorial_teaches_in_order() -> None:
    """Issue 12: one numbered "how to play" message per turn, so they read 1, 2, 3 whichever
    way a front-end orders a turn's messages; where things are on screen, and messages and
    the communication score, are taught in turn 1, before the first message is due."""
    sc = scenario(TUTORIAL)
    lessons = _how_to_play(sc)
    total = len(lessons)
    assert [n for n, _, _ in lessons] == list(range(1, len(sc.turns) + 1))
    assert [src for _, src, _ in lessons] == [
        f"Tutorial: how to play ({k} of {total})" for k in range(1, total + 1)
    ]
    first_due = min(s.inform_by for s in sc.stakeholders if s.inform_by is not None)
    taught = {n for n, _, body in lessons if "COMMUNICATION" in body}
    assert taught and min(taught) < first_due
    body = " ".join(lessons[0][2].split())
    for where in ("left", "middle", "right", "terminal mode", '"compose"'):
        assert where in body, f"the first lesson does not say where things are: {where!r}"
