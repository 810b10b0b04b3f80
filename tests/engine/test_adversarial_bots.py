"""The adversarial bots: ``longest`` answers by text length, ``blanket`` tells everyone
everything in its first turn.  Both are players like any other and replay like any other."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from game.engine import Session
from game.engine.bots import POLICIES, play_game
from game.scenario import load_scenario
from game.scoring import score_session
from tests.engine.builders import ransomware

ROOT = Path(__file__).resolve().parents[2]


def test_both_are_policies() -> None:
    assert {"longest", "blanket"} <= set(POLICIES)


def test_longest_picks_the_longest_option_text_and_ranks_longest_first() -> None:
    sc = ransomware()
    s = play_game(sc, "longest", 3)
    for a in s.answers:
        d = sc.decision_by_id[a.decision]
        if d.kind == "choice":
            longest = max(len(o.text) for o in d.options)
            assert len(d.option(a.option).text) == longest
        else:
            lengths = [len(next(i.text for i in d.items if i.id == x)) for x in a.order]
            assert lengths == sorted(lengths, reverse=True)
        assert not a.timed_out


def test_longest_wins_when_the_best_answer_is_the_longest() -> None:
    sc = ransomware()
    turns = tuple(
        attrs.evolve(
            t,
            decisions=tuple(
                attrs.evolve(
                    d,
                    options=tuple(
                        attrs.evolve(
                            o, text=o.text + (" in full detail" if o.rating == "best" else "")
                        )
                        for o in d.options
                    ),
                )
                for d in t.decisions
            ),
        )
        for t in sc.turns
    )
    gamed = attrs.evolve(sc, turns=turns)
    s = play_game(gamed, "longest", 1)
    choices = [a for a in s.answers if gamed.decision_by_id[a.decision].kind == "choice"]
    assert choices and all(
        gamed.decision_by_id[a.decision].option(a.option).rating == "best" for a in choices
    )


def test_blanket_sends_one_message_per_role_to_everyone_in_the_first_turn_only() -> None:
    sc = ransomware()
    s = play_game(sc, "blanket", 2)
    everyone = tuple(x.id for x in sc.stakeholders)
    assert len(s.messages) == len(sc.roles_in_play)
    for m in s.messages:
        assert m.turn == 1 and m.channel == "email" and m.stakeholders == everyone
        assert all(sc.statement_by_id[x].risk is None for x in m.statements)


@pytest.mark.parametrize("policy", ["longest", "blanket"])
def test_the_adversaries_replay_like_any_player(policy: str) -> None:
    s = play_game(ransomware(), policy, 5)
    again = Session.replay(s.scenario, s.seats, s.seed, s.log)
    assert again.snapshot() == s.snapshot()


def test_blanket_messages_lose_on_a_shipped_scenario() -> None:
    """Telling every stakeholder everything at once is no way to communicate (issue 12)."""
    sc = load_scenario(ROOT / "scenarios" / "data_breach.yaml").scenario
    assert sc is not None
    comms = [
        score_session(play_game(sc, "blanket", seed)).team.card.communication for seed in (1, 2)
    ]
    assert all(c is not None and c < 60 for c in comms), comms
