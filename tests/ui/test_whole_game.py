"""A whole game of the tutorial scenario driven through the window with synthetic keyboard and
mouse events: title → select → seats → briefing → every turn (decisions, a rank by drag and by
keyboard, a sent message, a pause, a timeout) → debrief; the scores equal the engine's and the
scoring's for the same actions."""

from __future__ import annotations

import time

import pygame

from game.engine import Seat, Session
from game.report.result import build_result
from game.scoring import score_session
from game.store import recent_games
from tests.ui.pilot import Pilot


def test_a_whole_game_through_the_window_scores_like_the_engine(pilot: Pilot) -> None:
    started = time.monotonic()
    app = pilot.app
    assert pilot.scene.name == "title"

    pilot.letter("p")  # Play
    assert pilot.scene.name == "select"
    pilot.click("play-tutorial")
    assert pilot.scene.name == "seats"

    # two people: the Crisis Manager (typed name) and the PR Specialist; bots elsewhere
    pilot.click("name-crisis_manager")
    for _ in range(len("Player 1")):
        pilot.key(pygame.K_BACKSPACE)
    pilot.type("Ana")
    pilot.click("human-pr_specialist")
    pilot.click("policy-infosec_analyst-best")
    pilot.click("start")
    assert pilot.scene.name == "briefing"
    pilot.key(pygame.K_RETURN)  # "Begin" has the focus

    # turn 1: hand-over to the Crisis Manager, whose clocks start only now
    assert pilot.scene.name == "handover"
    assert "Pass to the Crisis Manager" in pilot.texts()
    session = app.match.session
    assert session.pending("crisis_manager")[0].deadline is None
    pilot.key(pygame.K_RETURN)
    assert pilot.scene.name == "turn" and pilot.scene.role == "crisis_manager"
    rank = session.pending("crisis_manager")[0]
    assert rank.decision.kind == "rank"
    items = [i.id for i in rank.items]
    # drag the last item onto the first, then move the (new) second one down by keyboard
    pilot.click(f"item-{rank.id}-{items[-1]}", release_on=f"item-{rank.id}-{items[0]}")
    order = [items[-1], *items[:-1]]
    assert pilot.scene.orders[rank.id] == order
    pilot.click(f"item-{rank.id}-{order[1]}")
    pilot.key(pygame.K_DOWN, mod=pygame.KMOD_SHIFT)
    order[1], order[2] = order[2], order[1]
    assert pilot.scene.orders[rank.id] == order
    pilot.wait(5)
    pilot.click(f"submit-{rank.id}")
    assert session.answers[-1].order == tuple(order)

    # a message: two stakeholders, a channel, two statements, by mouse
    pilot.letter("m")
    assert pilot.scene.name == "compose"
    sc = session.scenario
    usable = session.usable_statements()
    pilot.click(f"to-{sc.stakeholders[0].id}")
    pilot.click("ch-email")
    pilot.click(f"st-{usable[0].id}")
    pilot.click(f"st-{usable[1].id}")
    assert usable[0].text in pilot.texts()  # the preview shows the statements' text
    pilot.click("send")
    assert pilot.scene.name == "turn"
    assert session.messages[-1].stakeholders == (sc.stakeholders[0].id,)
    assert session.messages[-1].statements == (usable[0].id, usable[1].id)
    pilot.letter("e")  # end the turn

    # the PR Specialist has nothing to decide in turn 1
    assert pilot.scene.name == "handover"
    pilot.key(pygame.K_RETURN)
    assert pilot.scene.role == "pr_specialist"
    pilot.letter("e")

    # turn 2 (bots were hurried): the Crisis Manager ends at once, the PR Specialist answers
    assert session.turn_number == 2
    pilot.key(pygame.K_RETURN)
    assert pilot.scene.role == "crisis_manager"
    pilot.letter("e")
    pilot.key(pygame.K_RETURN)
    assert pilot.scene.role == "pr_specialist"
    choice = session.pending("pr_specialist")[0]
    pilot.wait(12)
    pilot.key(pygame.K_2)  # number keys pick options in display order
    assert session.chosen[choice.id] == choice.options[1].id
    pilot.letter("e")

    # turn 3: a pause with the facilitator's controls, then the Crisis Manager's clock runs out
    assert session.turn_number == 3
    pilot.key(pygame.K_RETURN)
    pending = session.pending("crisis_manager")[0]
    pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "pause" and session.paused
    pilot.wait(500)  # paused time does not count
    assert session.pending("crisis_manager")
    pilot.key(pygame.K_RETURN)  # Resume has the focus
    assert pilot.scene.name == "turn" and not session.paused
    pilot.wait(pending.time_limit + 1)
    assert session.answers[-1].timed_out
    assert "Time ran out" in pilot.texts()
    pilot.letter("e")
    pilot.key(pygame.K_RETURN)
    pilot.letter("e")

    assert pilot.scene.name == "debrief"
    assert session.finished
    assert app.entered == [
        "title",
        "select",
        "seats",
        "briefing",
        "handover",
        "turn",
        "compose",
        "handover",
        "turn",
        "handover",
        "turn",
        "handover",
        "turn",
        "handover",
        "turn",
        "pause",
        "handover",
        "turn",
        "debrief",
    ]

    # the same actions replayed by the engine alone score the same
    seats = {r: Seat.from_json(r, s.to_json()) for r, s in session.seats.items()}
    replayed = Session.replay(sc, seats, session.seed, session.log)
    assert replayed.snapshot() == session.snapshot()
    scores = score_session(replayed)
    shown = pilot.scene.result
    assert shown.scores.team == scores.team.card
    assert shown.scores.roles == {r: g.card for r, g in scores.roles.items()}
    assert shown.objectives == scores.objectives
    assert shown.to_dict()["scores"] == build_result(replayed).to_dict()["scores"]

    # the finished game is recorded: its result JSON and one row in the history
    assert pilot.scene.job.wait(15)
    pilot.step(2)
    outcome = pilot.scene.recorded.outcome
    assert outcome.ok and outcome.json_path.is_file()
    assert outcome.json_path.parent == pilot.tmp / "data" / "results"
    assert outcome.message in pilot.texts()
    games = recent_games(10, data_dir=pilot.tmp / "data")
    assert [(g.scenario_id, g.players[0]) for g in games] == [("tutorial", "Ana")]
    assert pilot.scene.best_labels["Crisis Manager · Ana"] == "Your first game in this role here"

    # the debrief's buttons write the report and the result
    pilot.letter("h")
    pilot.letter("j")
    reports = sorted(p.suffix for p in (pilot.tmp / "data" / "reports").iterdir())
    assert reports == [".html", ".json"]

    # a screenshot of every scene entered
    shots = sorted(p.name for p in pilot.shots.iterdir())
    assert len(shots) == len(app.entered)
    assert shots[0] == "01-title.png" and shots[-1].endswith("-debrief.png")
    assert time.monotonic() - started < 60
