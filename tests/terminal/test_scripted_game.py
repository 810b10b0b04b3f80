"""A whole game played from a script gives exactly the game the engine plays from the same moves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.engine import (
    AddInject,
    Advance,
    Answer,
    EndTurn,
    ManualClock,
    Pause,
    Present,
    Rank,
    Resume,
    Seat,
    SendMessage,
    Session,
    autosave_path,
)
from game.report.result import build_result
from game.scenario import load_scenario
from tests.terminal.helpers import MINI, MINI_GAME, ROOT, run_in_process, run_subprocess


def mini():
    sc = load_scenario(MINI).scenario
    assert sc is not None
    return sc


def expected_session():
    """The moves of ``mini_game.txt`` applied straight to a Session, at the script's times."""
    sc = mini()
    clock = ManualClock()
    seats = {
        "crisis_manager": Seat("crisis_manager", player="Ana"),
        "pr_specialist": Seat("pr_specialist", player="王芳"),
    }
    s = Session.new(sc, seats, seed=7, clock=clock)
    moves = [
        (0, Present("crisis_manager")),
        (4, Answer("crisis_manager", "evacuate", "evacuate-now")),
        (4, SendMessage("crisis_manager", ("staff",), "email", ("facts",))),
        (4, EndTurn("crisis_manager")),
        (4, Present("pr_specialist")),
        (12, Advance()),  # wait 9: holding-line (8 s) times out, resolved when due
        (16, SendMessage("pr_specialist", ("media",), "phone", ("facts", "update"))),
        (16, EndTurn("pr_specialist")),
        (16, Present("crisis_manager")),
        (16, Pause()),
        (46, Resume()),
        (58.5, Rank("crisis_manager", "priorities", ("people", "press", "insurer"))),
        (58.5, EndTurn("crisis_manager")),
        # (the PR Specialist has no decision in turn 2: taking the seat presents nothing)
        (
            58.5,
            AddInject("Blog post", "A blogger wrote about the fire.", "news", ("pr_specialist",)),
        ),
        (58.5, EndTurn("pr_specialist")),
    ]
    for at, action in moves:
        clock.set(at)
        s.apply(action)
    assert s.finished
    return s


def played_session(data_dir: Path) -> Session:
    """The game the terminal saved (the autosave is the action log), replayed by the engine."""
    sc = mini()
    return Session.resume(autosave_path(sc.id, data_dir), sc, clock=ManualClock(), autosave=False)


def test_script_plays_the_same_game_as_the_engine(monkeypatch, capsys, tmp_path):
    code, out, err = run_in_process(
        monkeypatch, capsys, MINI_GAME.read_text("utf-8"), MINI, tmp_path
    )
    assert (code, err) == (0, "")
    played = played_session(tmp_path)
    expected = expected_session()
    assert [(e.at, e.action) for e in played.log] == [(e.at, e.action) for e in expected.log]
    assert played.finished
    assert played.ending == expected.ending
    assert played.metrics == expected.metrics
    assert build_result(played).to_dict() == build_result(expected).to_dict()
    # and the debrief on screen shows the engine's scores
    result = build_result(expected)
    team = result.scores.team
    row = re.search(r"Team\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", out)
    assert row is not None, out
    assert [int(x) for x in row.groups()] == [
        round(team.speed),
        round(team.priorities),
        round(team.communication),
        round(team.total),
    ]
    assert f"Ending: {expected.ending.title}" in out


def test_timeout_is_reported_with_what_was_applied(monkeypatch, capsys, tmp_path):
    _, out, _ = run_in_process(monkeypatch, capsys, MINI_GAME.read_text("utf-8"), MINI, tmp_path)
    text = " ".join(out.split())  # lines are wrapped at 80 columns
    assert "TIME UP on holding-line (Public Relations Specialist)" in text
    assert "the default was applied: No comment" in text


def test_script_through_a_subprocess_gives_the_same_result(tmp_path):
    proc = run_subprocess(
        MINI_GAME.read_bytes(), [str(MINI), "--data-dir", str(tmp_path)], env={"COLUMNS": "80"}
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    played = played_session(tmp_path)
    assert build_result(played).to_dict() == build_result(expected_session()).to_dict()
    out = proc.stdout.decode("utf-8")
    assert "The exercise is over: Well handled 处理得当" in out
    assert "\x1b[" not in out  # no colour codes when the output is not a terminal


def test_output_fits_80_columns_with_wide_characters(monkeypatch, capsys, tmp_path):
    from rich.cells import cell_len

    _, out, _ = run_in_process(monkeypatch, capsys, MINI_GAME.read_text("utf-8"), MINI, tmp_path)
    widths = [cell_len(line) for line in out.splitlines()]
    assert max(widths) <= 80
    # panels with Chinese text keep their right border in the same column
    boxed = [line for line in out.splitlines() if line.startswith("│")]
    assert boxed and all(cell_len(line) == 80 for line in boxed)


def test_bots_fill_the_other_seats_and_replay_through_the_engine(monkeypatch, capsys, tmp_path):
    sc = mini()
    seats = {
        "crisis_manager": Seat("crisis_manager", player="Ana"),
        "pr_specialist": Seat("pr_specialist", bot="best"),
    }
    shown = Session.new(sc, seats, seed=1, clock=ManualClock()).pending("crisis_manager")[0]
    third = shown.options[2].id  # "3" means the third option as shown (seeded order)
    script = (
        "seat crisis_manager Ana\nbots best\n"
        "answer evacuate 3 after 2\nend\n"
        "rank priorities 2 1 3\nend\n"
    )
    code, out, err = run_in_process(monkeypatch, capsys, script, MINI, tmp_path)
    assert code == 0, err
    played = played_session(tmp_path)
    assert played.finished
    assert played.chosen["evacuate"] == third
    flat = " ".join(out.split())
    assert "Public Relations Specialist · Bot (expert) answered holding-line" in flat
    # the log (the player's and the bots' moves, at their times) replays to the same state
    replayed = Session.replay(sc, played.seats, played.seed, played.log)
    assert replayed.snapshot() == played.snapshot()


def test_demo_plays_a_shipped_scenario_to_the_end(monkeypatch, capsys, tmp_path):
    code, out, err = run_in_process(
        monkeypatch, capsys, "", ROOT / "scenarios" / "tutorial.yaml", tmp_path, demo="best"
    )
    assert code == 0, err
    assert "Debrief" in out and "Scores (0–100)" in out
    assert not (tmp_path / "results").exists()  # demo games stay out of the history


def test_demo_is_recorded_with_record_demo(monkeypatch, capsys, tmp_path):
    code, _, err = run_in_process(
        monkeypatch,
        capsys,
        "",
        ROOT / "scenarios" / "tutorial.yaml",
        tmp_path,
        demo="best",
        record_demo=True,
    )
    assert code == 0, err
    assert len(list((tmp_path / "results").glob("*.json"))) == 1


@pytest.mark.parametrize("name", ["tutorial", "data_breach"])
def test_a_shipped_scenario_is_found_by_name(monkeypatch, capsys, tmp_path, name):
    code, out, err = run_in_process(monkeypatch, capsys, "bots timeout\n", name, tmp_path)
    assert code == 0, err
    assert "The exercise is over" in out


def test_crisis_sim_play_text_runs_the_script(tmp_path):
    """The real command line: ``crisis-sim play --text SCENARIO < script``."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "game", "play", "--text", str(MINI), "--data-dir", str(tmp_path)],
        input=MINI_GAME.read_bytes(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    played = played_session(tmp_path)
    assert build_result(played).to_dict() == build_result(expected_session()).to_dict()
    # the finished game is kept: a result file and a row in the history
    assert len(list((tmp_path / "results").glob("*.json"))) == 1


def test_play_seat_option_and_default_bots(tmp_path):
    """``--seat`` from crisis-sim play arrives parsed; the other seats are its --bots default."""
    import subprocess
    import sys

    script = "answer evacuate evacuate-now\nend\nrank priorities people press insurer\nend\n"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            "--text",
            str(MINI),
            "--seat",
            "crisis_manager=Ana",
            "--data-dir",
            str(tmp_path),
        ],
        input=script.encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    played = played_session(tmp_path)
    assert played.seats["pr_specialist"].bot == "good"
    assert played.seats["crisis_manager"].player == "Ana"


def test_lines_left_after_the_game_are_an_error(monkeypatch, capsys, tmp_path):
    script = MINI_GAME.read_text("utf-8") + "\nanswer evacuate 1\n"
    code, _, err = run_in_process(monkeypatch, capsys, script, MINI, tmp_path)
    assert code == 1
    number = script.count("\n")
    assert err.startswith(f"script line {number}: error: the game is over"), err


def test_resume_without_a_scenario_takes_the_newest_unfinished_game(monkeypatch, capsys, tmp_path):
    seats = "seat crisis_manager Ana\nseat pr_specialist Bo\n"
    code, _, _ = run_in_process(monkeypatch, capsys, seats + "quit\n", MINI, tmp_path)
    assert code == 0
    code, out, err = run_in_process(monkeypatch, capsys, "quit\n", None, tmp_path, resume=True)
    assert code == 0, err
    assert "Resumed Mini drill" in out


def test_the_full_example_in_the_docs_is_the_fixture_and_plays(monkeypatch, capsys, tmp_path):
    docs = (ROOT / "docs" / "terminal.md").read_text("utf-8")
    fixture = (ROOT / "tests" / "terminal" / "fixtures" / "tutorial_game.txt").read_text("utf-8")
    assert f"```text\n{fixture}```" in docs
    code, out, err = run_in_process(
        monkeypatch, capsys, fixture, ROOT / "scenarios" / "tutorial.yaml", tmp_path
    )
    assert code == 0, err
    text = " ".join(out.split())
    assert "TIME UP on blogger-reply (Public Relations Specialist)" in text
    assert "Facilitator inject sent to Crisis Manager." in text
    assert "The exercise is over" in text
