"""The turn lifecycle: injects, events, effects, pending decisions, turn end and the ending."""

from __future__ import annotations

from game.engine import AddInject, Answer, EndTurn, Present, Rank, SendMessage
from game.engine import events as ev
from tests.engine.builders import (
    CM,
    IA,
    choice,
    ending,
    inject,
    metric,
    option,
    ransomware,
    scenario,
    turn,
)
from tests.engine.harness import bots

ORDER = ("people", "contain", "holding", "restore")


def ids(shown):
    return [s.inject.id for s in shown]


def test_turn_one_starts_at_once_with_label_phase_and_unconditional_injects(play):
    g = play(ransomware())
    assert (g.s.turn_number, g.s.turn.label, g.s.phase) == (1, "Mon 06:10", "response")
    assert ids(g.s.visible_injects(IA)) == ["all-hands", "soc-alert"]  # newest first
    assert ids(g.s.visible_injects(CM)) == ["all-hands"]  # soc-alert is only to the analyst
    assert g.s.shown_injects()[0].kind == "turn"


def test_inject_effects_apply_when_shown_and_count_as_this_turns_change(play):
    g = play(ransomware())
    assert g.s.metrics["public_trust"] == 68
    assert g.s.metric_changes() == {"containment": 0, "public_trust": -2, "cost": 0}


def test_inject_with_false_condition_is_not_shown(play):
    g = play(ransomware())
    assert "hidden" not in ids(g.s.shown_injects())


def test_human_decisions_wait_for_present_and_bot_decisions_are_presented_at_once(play):
    sc = ransomware()
    seats = {CM: bots(sc)[CM], IA: bots(sc)[IA]}
    seats[CM] = type(seats[CM])(CM, player="Ana")
    g = play(sc, seats)
    [human] = g.s.pending(CM)
    [bot] = g.s.pending(IA)
    assert (human.shown_at, human.deadline) == (None, None)
    assert (bot.shown_at, bot.deadline) == (0.0, 60.0)
    g.advance(5)
    events = g.do(Present(CM))
    assert events == [ev.DecisionPresented("priorities", CM, 50.0)]
    [human] = g.s.pending(CM)
    assert (human.shown_at, human.deadline, human.remaining()) == (5.0, 50.0, 45.0)


def test_turn_ends_only_when_every_role_has_ended_it(play):
    g = play(ransomware())
    g.do(Present(CM))
    g.do(Present(IA))
    g.do(Rank(CM, "priorities", ORDER))
    g.do(EndTurn(CM))
    assert g.s.turn_number == 1
    assert g.s.waiting_for() == (IA,)
    g.do(Answer(IA, "first-containment", "isolate"))
    events = g.do(EndTurn(IA))
    assert [type(e) for e in events][:3] == [ev.RoleEndedTurn, ev.TurnEnded, ev.TurnStarted]
    assert g.s.turn_number == 2
    assert g.s.waiting_for() == (CM, IA)
    assert g.s.metrics_history == [{"containment": 30, "public_trust": 68, "cost": 0}]


def test_decision_condition_filters_pending_decisions(play):
    g = play(ransomware())
    finish_turn_one(g, "isolate")
    assert [p.id for p in g.s.pending()] == ["restore"]  # "notify" needs chose(...reboot)


def test_decision_condition_can_depend_on_an_earlier_answer(play):
    g = play(ransomware())
    finish_turn_one(g, "reboot")
    assert [p.id for p in g.s.pending()] == ["restore", "notify"]


def test_event_fires_from_turn_two_once_and_applies_its_effects(play):
    g = play(ransomware())
    assert g.s.events_fired == []  # not segments_isolated holds in turn 1, but events wait
    finish_turn_one(g, "reboot")
    assert [(e.event, e.turn) for e in g.s.events_fired] == [("ransom-leak", 2)]
    assert g.s.flags["personal_data_exposed"] is True
    assert g.s.metrics["public_trust"] == 68 - 15
    # events fire before the turn's own injects, so the turn inject is the newest
    assert ids(g.s.visible_injects(CM))[:2] == ["press-call", "ransom-leak"]
    assert [s.kind for s in g.s.visible_injects(CM)[:2]] == ["turn", "event"]
    g.do(Present(CM))
    g.do(Present(IA))
    g.do(Answer(CM, "notify", "now"))
    g.do(Answer(IA, "restore", "pay"))
    end_turn(g, 2)
    assert [e.event for e in g.s.events_fired] == ["ransom-leak"]  # at most once


def test_turn_inject_condition_is_checked_at_the_start_of_its_turn(play):
    g = play(ransomware())
    finish_turn_one(g, "monitor")
    assert "press-call" in ids(g.s.visible_injects(CM))


def test_effects_are_clamped_to_metric_bounds(play):
    sc = scenario(
        metrics=[metric("m", 95, 0, 100), metric("n", 5, 0, None)],
        turns=[
            turn(
                injects=[inject("boost", effects={"m": 30, "n": -30})],
            )
        ],
    )
    g = play(sc)
    assert g.s.metrics == {"m": 100, "n": 0}
    assert g.s.metric_changes() == {"m": 5, "n": -5}


def test_last_turn_picks_first_ending_whose_condition_holds(play):
    g = play(ransomware())
    finish_turn_one(g, "isolate")
    g.do(Present(IA))
    g.do(Answer(IA, "restore", "from-backup"))
    end_turn(g, 2)
    g.do(Present(CM))
    g.do(Answer(CM, "review", "lessons"))
    events = end_turn(g, 3)
    assert g.s.finished
    assert g.s.ending.id == "contained"
    assert events[-1] == ev.GameEnded("contained", "Ending contained")
    assert len(g.s.metrics_history) == 3


def test_fallback_ending_when_no_condition_holds(play):
    g = play(ransomware())
    finish_turn_one(g, "monitor")
    g.do(Present(IA))
    g.do(Answer(IA, "restore", "pay"))
    end_turn(g, 2)
    g.do(Present(CM))
    g.do(Answer(CM, "review", "none"))
    end_turn(g, 3)
    assert g.s.ending.id == "damaged"


def test_ending_conditions_see_the_final_turn_number():
    sc = scenario(
        turns=[turn("a"), turn("b")],
        endings=[ending("late", "turn == 2"), ending("other")],
    )
    from tests.engine.harness import Game

    g = Game(sc)
    for _ in range(2):
        for r in sc.roles_in_play:
            g.do(EndTurn(r))
    assert g.s.ending.id == "late"


def test_adhoc_inject_is_shown_to_its_recipients_newest_first(play):
    g = play(ransomware())
    events = g.do(AddInject("Power cut", "The building lost power.", "phone", (CM,)))
    assert events == [ev.InjectShown("~adhoc-1", "adhoc", (CM,), "Power cut")]
    assert g.s.visible_injects(CM)[0].inject.headline == "Power cut"
    assert g.s.visible_injects(CM)[0].kind == "adhoc"
    assert "~adhoc-1" not in ids(g.s.visible_injects(IA))
    g.do(AddInject("Update", "For everyone."))
    assert ids(g.s.visible_injects(IA))[0] == "~adhoc-2"
    assert g.s.visible_injects(IA)[0].inject.channel == "meeting"


def test_options_and_items_are_displayed_in_a_seeded_order():
    from tests.engine.harness import Game

    sc = ransomware()
    orders = set()
    for seed in range(12):
        g = Game(sc, seed=seed)
        [p] = g.s.pending(CM)
        orders.add(tuple(i.id for i in p.items))
        again = Game(sc, seed=seed).s.pending(CM)[0]
        assert tuple(i.id for i in again.items) == tuple(i.id for i in p.items)
    assert len(orders) > 1


def test_statements_usable_now_follow_their_conditions(play):
    g = play(ransomware())
    usable = [s.id for s in g.s.usable_statements()]
    assert "restored" not in usable
    finish_turn_one(g, "isolate")
    g.do(Present(IA))
    g.do(Answer(IA, "restore", "from-backup"))
    assert "restored" in [s.id for s in g.s.usable_statements()]
    g.do(SendMessage(CM, ("press",), "press_release", ("restored",)))


def test_a_scenario_of_one_turn_without_decisions_ends_when_everyone_ends_it(play):
    sc = scenario(turns=[turn()], roles=[CM])
    g = play(sc)
    g.do(EndTurn(CM))
    assert g.s.finished and g.s.ending.id == "fallback"


def test_decision_of_role_not_listed_in_recipients_still_pending_for_its_role(play):
    sc = scenario(turns=[turn(decisions=[choice("d", IA, [option("a")])])])
    g = play(sc)
    assert g.s.pending(CM) == []
    assert [p.id for p in g.s.pending(IA)] == ["d"]
    assert g.s.pending_by_role() == {CM: [], IA: g.s.pending(IA)}


# helpers


def end_turn(g, n):
    events = []
    for r in g.s.roles:
        events = g.do(EndTurn(r))
    return events


def finish_turn_one(g, containment: str) -> None:
    g.do(Present(CM))
    g.do(Present(IA))
    g.advance(10)
    g.do(Rank(CM, "priorities", ORDER))
    g.do(Answer(IA, "first-containment", containment))
    end_turn(g, 1)
