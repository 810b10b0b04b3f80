"""At 80 columns, text that wraps stays under itself: quoted statements, ranked items and
the ending's bullets keep a hanging indent; the debrief says each role once and leaves out
losses that round to nothing.  Played through the terminal mode, as a trainee sees it."""

from __future__ import annotations

import re

from tests.terminal.helpers import ROOT, run_in_process

FIRE = ROOT / "scenarios" / "fire.yaml"


def play_fire(monkeypatch, capsys, tmp_path) -> list[str]:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run_in_process(monkeypatch, capsys, "", FIRE, tmp_path, demo="good")
    assert code == 0, err
    return out.splitlines()


def test_a_quoted_statement_and_a_ranked_item_wrap_under_themselves() -> None:
    import io

    from rich.console import Console

    from game.engine import Seat, Session
    from game.engine import events as ev
    from game.engine.clock import ManualClock
    from game.scenario.loader import load_scenario
    from game.terminal import narrate

    sc = load_scenario(str(FIRE)).scenario
    seats = {
        r: Seat(r, player="Ana") if r == "crisis_manager" else Seat(r, bot="good")
        for r in sc.roles_in_play
    }
    s = Session.new(sc, seats, seed=1, clock=ManualClock())
    long = max(sc.statements, key=lambda st: len(st.text))
    rank = next(d for d in sc.decision_by_id.values() if d.kind == "rank")
    longest = max(rank.items, key=lambda i: len(i.text))
    c = Console(file=io.StringIO(), width=60, force_terminal=False)
    narrate.events(
        c,
        s,
        [
            ev.MessageSent("crisis_manager", (sc.stakeholders[0].id,), "phone", (long.id,)),
            ev.RankSubmitted(rank.id, "crisis_manager", (longest.id,), 3.0),
        ],
    )
    lines = c.file.getvalue().splitlines()
    quote = next(i for i, line in enumerate(lines) if line.startswith("   “"))
    end = next(i for i in range(quote, len(lines)) if lines[i].rstrip().endswith("”"))
    assert end > quote  # it wrapped
    assert all(line.startswith("   ") for line in lines[quote : end + 1])
    item = next(i for i, line in enumerate(lines) if line.startswith("   1. "))
    assert item + 1 < len(lines) and lines[item + 1].startswith("   ")  # wrapped, indented


def test_the_debrief_says_each_role_once_and_keeps_bullets_indented(
    monkeypatch, capsys, tmp_path
) -> None:
    lines = play_fire(monkeypatch, capsys, tmp_path)
    assert max(len(line) for line in lines) <= 80
    text = "\n".join(lines)
    assert not re.search(r"\(([^()]+)\) \(\1\)", " ".join(text.split()))  # no "(X) (X)"
    assert not re.search(r"^\s*−0 ", text, re.M)  # no loss that rounds to nothing
    bullets = [i for i, line in enumerate(lines) if line.startswith("│ • ")]
    assert bullets
    for i in bullets:  # the ending's bullets wrap under their text, not under the bullet
        nxt = lines[i + 1]
        assert not re.match(r"^│ [^ •]", nxt), nxt


def test_status_words_stay_on_one_line_at_80_columns() -> None:
    import io

    from rich.console import Console

    from game.terminal import screen

    c = Console(file=io.StringIO(), width=80, force_terminal=False)
    name = "QuickStaff branch manager (agency for the 45 temporary workers)"
    screen.stakeholders(
        c,
        [
            (
                1,
                "fire_department",
                "Sparks Fire Department incident commander",
                3,
                "informed turn 3",
            ),
            (2, "staffing_agency", name, 3, "OVERDUE, not told"),
        ],
    )
    out = c.file.getvalue()
    assert "informed turn 3" in out and "OVERDUE, not told" in out
