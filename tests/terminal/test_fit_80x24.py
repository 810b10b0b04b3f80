"""The terminal at 80×24: long output paged, one stakeholder numbering, status words that tell
"told but a key point missing" from "overdue", reflowed ending text, channel lists in errors."""

from __future__ import annotations

import io
from types import SimpleNamespace

from rich.console import Console

from game.terminal.app import informed_text
from game.terminal.pager import MORE, Pager
from game.terminal.reader import TIMEOUT
from game.terminal.screen import reflow
from tests.terminal.helpers import MINI, ROOT, run_in_process


def status(**kw):
    base = dict(
        deadline_turn=2,
        required_now=True,
        missing=frozenset(),
        informed_turn=None,
        complete_turn=None,
        overdue=False,
    )
    return SimpleNamespace(**(base | kw))


def test_status_words_tell_the_cases_apart() -> None:
    assert informed_text(status()) == "not told yet"
    assert informed_text(status(required_now=False)) == "not needed now"
    assert informed_text(status(overdue=True)) == "OVERDUE, not told"
    told = status(informed_turn=2, missing=frozenset({"cause"}))
    assert informed_text(told) == "told turn 2, 1 key point missing"
    late = status(informed_turn=2, missing=frozenset({"cause", "next"}), overdue=True)
    assert informed_text(late) == "OVERDUE: told turn 2, 2 key points missing"
    assert informed_text(status(informed_turn=1, complete_turn=2)) == "informed turn 2"
    assert informed_text(status(informed_turn=1, complete_turn=3)) == "informed turn 3 (late)"


class Lines:
    def __init__(self, answers):
        self.answers = list(answers)
        self.prompts: list[str] = []

    def __call__(self, prompt, tick):
        self.prompts.append(prompt)
        text = self.answers.pop(0) if self.answers else ""
        return TIMEOUT if text is TIMEOUT else SimpleNamespace(text=text)


def console() -> Console:
    return Console(file=io.StringIO(), width=80, height=24, force_terminal=False)


def test_long_output_is_shown_one_screenful_at_a_time() -> None:
    c = console()
    read = Lines([""])
    pager = Pager(c, read, enabled=True)
    with pager.paged():
        for n in range(30):
            c.print(f"line {n}")
    assert read.prompts == [MORE]  # 30 lines: one full page of 22, then the last 8
    assert c.file.getvalue().splitlines() == [f"line {n}" for n in range(30)]


def test_q_shows_the_rest_and_short_output_is_not_paged() -> None:
    c = console()
    read = Lines(["q"])
    pager = Pager(c, read, enabled=True)
    with pager.paged():
        for n in range(100):
            c.print(f"line {n}")
    assert read.prompts == [MORE]
    assert len(c.file.getvalue().splitlines()) == 100
    short = Lines([])
    with Pager(c, short, enabled=True).paged():
        c.print("one line")
    assert short.prompts == []


def test_paging_off_prints_at_once() -> None:
    c = console()
    read = Lines([])
    with Pager(c, read, enabled=False).paged():
        for n in range(100):
            c.print(f"line {n}")
    assert read.prompts == [] and len(c.file.getvalue().splitlines()) == 100


def test_yaml_hard_line_breaks_are_reflowed() -> None:
    assert reflow("The fire is out.\nEveryone is safe.\n\nWell done.") == (
        "The fire is out. Everyone is safe.\n\nWell done."
    )


def test_an_unknown_channel_lists_the_channels(monkeypatch, capsys, tmp_path) -> None:
    script = "seat crisis_manager Ana\nbots best\nsend staff via radio: facts\n"
    code, _out, err = run_in_process(monkeypatch, capsys, script, MINI, tmp_path)
    assert code == 1
    flat = " ".join(err.split())
    assert "there is no channel 'radio'" in flat
    assert "(channels: email, phone, press_release, social, meeting, letter)" in flat


def test_status_numbers_every_stakeholder_as_compose_does(monkeypatch, capsys, tmp_path) -> None:
    script = "seat crisis_manager Ana\nbots best\nstatus\nquit\n"
    code, out, err = run_in_process(monkeypatch, capsys, script, MINI, tmp_path)
    assert code == 0, err
    from game.scenario import load_scenario

    sc = load_scenario(MINI).scenario
    for n, sh in enumerate(sc.stakeholders, 1):
        assert any(line.split()[:2] == [str(n), sh.id] for line in out.splitlines() if line.split())


def test_no_statement_yet_is_said(monkeypatch, capsys, tmp_path) -> None:
    """Fire's first turn (before the fire) has no statement: `statements` printed an empty
    table."""
    fire = ROOT / "scenarios" / "fire.yaml"
    script = "seat crisis_manager Ana\nbots best\nstatements\nquit\n"
    code, out, err = run_in_process(monkeypatch, capsys, script, fire, tmp_path)
    assert code == 0, err
    assert "No statement can be sent yet" in out  # compose: tests/terminal/test_tmux.py
