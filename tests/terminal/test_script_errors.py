"""A bad script line stops the game with its line number and a plain message, never a traceback."""

from __future__ import annotations

import pytest

from tests.terminal.helpers import MINI, run_in_process, run_subprocess

SEATS = "seat crisis_manager Ana\nseat pr_specialist Bo\n"

CASES = [
    # (script, line number, words the message must contain)
    (SEATS + "answr evacuate 1\n", 3, "unknown command 'answr' (did you mean \"answer\"?)"),
    (SEATS + "answer evacuate 9\n", 3, "evacuate has options 1 to 3, not 9"),
    (SEATS + "answer evacuate run-away\n", 3, "evacuate has no option 'run-away'"),
    (SEATS + "answer holding-line facts-only\n", 3, "belongs to pr_specialist"),
    (SEATS + "answer nope 1\n", 3, "there is no decision 'nope'"),
    (SEATS + "\n# a comment\nend\n", 5, "still has to answer evacuate"),
    (SEATS + "wait 5\n@ 2\n", 4, "time cannot go back"),
    (SEATS + "wait soon\n", 3, "expected a number of seconds"),
    (SEATS + "send staff via pigeon: facts\n", 3, "there is no channel 'pigeon'"),
    (SEATS + "send staff via email facts\n", 3, "expected: send WHO"),
    (SEATS + "send bosses via email: facts\n", 3, "there is no stakeholder 'bosses'"),
    (SEATS + "answer evacuate 1\nseed 3\n", 4, "must come at the top of the script"),
    (SEATS + "as reputation_head\n", 3, "'reputation_head' is not a role in play"),
    (SEATS + "answer evacuate 1\nas pr_specialist\n", 4, "end` it before handing over"),
    (SEATS + "rank priorities 1 2 3\n", 3, "belongs to turn 2"),
    (SEATS + "inject pigeon: Hello\n", 3, "'pigeon' is not an inject channel"),
    (SEATS + "resume\n", 3, "the game is not paused"),
    (SEATS + "pause\nanswer evacuate 1\n", 4, "the game is paused"),
    ("seat crisis_manager Ana\nseat pr_specialist bot:genius\n", 2, "unknown bot policy"),
    ("seat crisis_manager Ana\nseat ceo Bo\n", 2, "'ceo' is not a role"),
]


@pytest.mark.parametrize(("script", "number", "words"), CASES)
def test_bad_line_names_its_number(monkeypatch, capsys, tmp_path, script, number, words):
    code, out, err = run_in_process(monkeypatch, capsys, script, MINI, tmp_path)
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith(f"script line {number}: error: "), err
    assert words in first, err
    assert "Traceback" not in err + out


def test_missing_seats_are_named(monkeypatch, capsys, tmp_path):
    code, _, err = run_in_process(
        monkeypatch, capsys, "seat crisis_manager Ana\nend\n", MINI, tmp_path
    )
    assert code == 1
    assert "no seat for pr_specialist" in err


def test_a_script_that_stops_early_says_so_and_keeps_the_save(monkeypatch, capsys, tmp_path):
    code, _, err = run_in_process(
        monkeypatch, capsys, SEATS + "answer evacuate 1\n", MINI, tmp_path
    )
    assert code == 1
    assert "the script ended in turn 1 before the game did" in err
    assert "--resume" in err


def test_quit_saves_and_resume_carries_on(monkeypatch, capsys, tmp_path):
    code, _, err = run_in_process(
        monkeypatch,
        capsys,
        SEATS + "answer evacuate evacuate-now after 3\nquit\n",
        MINI,
        tmp_path,
    )
    assert (code, err.count("--resume")) == (0, 1)
    rest = (
        "send staff via email: facts\nend\n"
        "answer holding-line facts-only\nend\n"
        "rank priorities people press insurer\nend\nend\n"
    )
    code, out, err = run_in_process(monkeypatch, capsys, rest, MINI, tmp_path, resume=True)
    assert code == 0, err
    assert "Resumed Mini drill" in out and "Debrief" in out


def test_resume_refuses_a_changed_scenario(monkeypatch, capsys, tmp_path):
    changed = tmp_path / "mini.yaml"
    changed.write_text(MINI.read_text("utf-8"), "utf-8")
    code, _, _ = run_in_process(monkeypatch, capsys, SEATS + "quit\n", changed, tmp_path)
    assert code == 0
    changed.write_text(MINI.read_text("utf-8").replace("start: 50", "start: 55", 1), "utf-8")
    code, _, err = run_in_process(monkeypatch, capsys, "", changed, tmp_path, resume=True)
    assert code == 1
    assert "cannot resume" in err and "has changed since this game was saved" in err


def test_resume_without_a_save_is_explained(monkeypatch, capsys, tmp_path):
    code, _, err = run_in_process(monkeypatch, capsys, "", MINI, tmp_path, resume=True)
    assert code == 1
    assert "cannot resume: no saved game at" in err


def test_no_scenario_in_a_script_is_explained(monkeypatch, capsys, tmp_path):
    code, _, err = run_in_process(monkeypatch, capsys, SEATS, None, tmp_path)
    assert code == 1
    assert "no scenario" in err


def test_scenario_line_in_the_script(monkeypatch, capsys, tmp_path):
    script = f"scenario {MINI}\n{SEATS}quit\n"
    code, out, err = run_in_process(monkeypatch, capsys, script, None, tmp_path)
    assert code == 0, err
    assert "Mini drill" in out


def test_a_broken_scenario_shows_its_errors(monkeypatch, capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: crisis-sim/1\nid: x\n", "utf-8")
    code, _, err = run_in_process(monkeypatch, capsys, SEATS, bad, tmp_path)
    assert code == 1
    assert "bad.yaml:" in err and "error[" in err


def test_script_that_is_not_utf8(tmp_path):
    proc = run_subprocess(
        SEATS.encode() + b"send staff via email: \xff\xfe\n",
        [str(MINI), "--data-dir", str(tmp_path)],
    )
    assert proc.returncode == 1
    assert b"script line 3: error: the script is not UTF-8 text" in proc.stderr
    assert b"Traceback" not in proc.stderr


def test_a_50_megabyte_script_line_is_refused_with_its_number_in_bounded_memory():
    # Issue #13: a 50 MB line took 2.2 GB.  Now at most 8 KB of a line is read; the game
    # stops with the line number.  The address-space limit makes a regression fail loudly.
    script = (SEATS + "send " + "x" * (50 * 1024 * 1024) + "\nend\n").encode()
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (800 << 20, 800 << 20))"
    proc = run_subprocess(script, [str(MINI)], prelude=limit, timeout=20)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "script line 3: error: the line is longer than 8,192 bytes" in err
    assert "Traceback" not in err and len(err) < 500


def test_a_resumed_game_keeps_the_cohort_it_was_started_in(monkeypatch, capsys, tmp_path):
    """The class a game is played in is kept in its save: resumed without --cohort, the
    finished game is still recorded under it (an edited save cannot smuggle in a bad name)."""
    import json

    from game.engine.saves import read_save

    start = SEATS + "answer evacuate evacuate-now after 3\nquit\n"
    code, _, err = run_in_process(
        monkeypatch, capsys, start, MINI, tmp_path, cohort="Night shift A"
    )
    assert code == 0, err
    (save,) = (tmp_path / "saves").glob("*.autosave.jsonl")
    assert read_save(save).header["tags"] == {"cohort": "Night shift A"}
    rest = (
        "send staff via email: facts\nend\n"
        "answer holding-line facts-only\nend\n"
        "rank priorities people press insurer\nend\nend\n"
    )
    code, _, err = run_in_process(monkeypatch, capsys, rest, MINI, tmp_path, resume=True)
    assert code == 0, err
    (result,) = (tmp_path / "results").glob("*.json")
    assert json.loads(result.read_text("utf-8"))["cohort"] == "Night shift A"
