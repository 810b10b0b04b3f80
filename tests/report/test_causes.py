"""The debrief names the team's own actions that led to the ending, and nothing else."""

from __future__ import annotations

import attrs

from game.engine import Answer, EndTurn, Present, Rank, SendMessage
from game.report.causes import deciding_conditions, ending_causes
from game.report.result import Result, build_result
from game.scenario.conditions import Condition
from tests.engine.builders import CM, IA, ending, ransomware
from tests.engine.harness import Game

ORDER = ("people", "contain", "holding", "restore")


def finished(option: str, *, blame: bool = False) -> Game:
    sc = attrs.evolve(
        ransomware(),
        endings=(
            ending("contained", "containment >= 30 and public_trust >= 60"),
            ending("damaged"),
        ),
    )
    g = Game(sc)
    g.do(Present(CM))
    g.do(Present(IA))
    g.advance(2)
    g.do(Answer(IA, "first-containment", option))
    g.do(Rank(CM, "priorities", ORDER))
    if blame:
        g.do(SendMessage(CM, ("press",), "email", ("blame-vendor",)))
    while not g.s.finished:
        for role in (CM, IA):
            for p in g.s.pending(role):
                g.do(Present(role))
                g.advance(1)
                d = p.decision
                if d.kind == "rank":
                    g.do(Rank(role, d.id, tuple(d.expected)))
                else:
                    g.do(Answer(role, d.id, d.options[0].id))
            if not g.s.finished and not g.s.has_ended(role):
                g.do(EndTurn(role))
        g.advance(1)
    return g


def test_a_good_ending_names_the_choice_that_earned_it() -> None:
    g = finished("isolate")
    assert g.s.ending.id == "contained"
    causes = [c.line for c in ending_causes(g.s)]
    (isolate,) = [c for c in causes if "“Option isolate”" in c]
    assert (
        isolate == "Information Security Analyst chose “Option isolate” (turn 1): containment +30"
    )
    # biggest change first
    assert (
        causes[0]
        == "Information Security Analyst chose “Option from-backup” (turn 2): containment +40"
    )


def test_a_fallback_ending_is_explained_by_the_conditions_it_missed() -> None:
    g = finished("reboot", blame=True)
    assert g.s.ending.id == "damaged"
    assert [c.source for c in deciding_conditions(g.s.scenario, g.s.ending)] == [
        "containment >= 30 and public_trust >= 60"
    ]
    causes = [c.line for c in ending_causes(g.s)]
    assert "Crisis Manager said “Statement blame-vendor” in turn 1: public_trust -5" in causes
    text = " | ".join(causes)
    # rebooting took containment from 0 to 0 (its -10 is cut at the bound): it changed
    # nothing, so it is not blamed
    assert "reboot" not in text
    # only the team's own actions: the inject that cost trust is not listed
    assert "soc-alert" not in text


def test_nothing_is_invented_when_the_team_did_nothing_that_mattered() -> None:
    sc = attrs.evolve(ransomware(), endings=(ending("quiet", "turn >= 1"), ending("fallback")))
    g = Game(sc)
    g.s._st.ending = sc.endings[0]  # an ending on the turn only: no action of the team counts
    assert ending_causes(g.s) == ()
    assert Condition.parse("turn >= 1").source == "turn >= 1"


def test_the_causes_are_kept_in_the_result_file() -> None:
    g = finished("isolate")
    result = build_result(g.s)
    assert result.ending is not None and result.ending.causes == ending_causes(g.s)
    again = Result.from_dict(result.to_dict())
    assert [c.line for c in again.ending.causes] == [c.line for c in result.ending.causes]
    assert [c.kind for c in again.ending.causes] == [c.kind for c in result.ending.causes]
    old = result.to_dict()
    del old["ending"]["causes"]  # a file written before causes existed still reads
    assert Result.from_dict(old).ending.causes == ()
