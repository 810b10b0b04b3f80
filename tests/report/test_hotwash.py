"""The hotwash form's logic (shared by terminal and window) and keeping it with a recorded game."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.report.hotwash import ask_feedback, clean_answer, parse_confidence, people_of
from game.report.html import render_report
from game.report.result import Result
from game.store import HistoryDB, amend_recorded, record_finished_game
from tests.store.classroom import play_team, versions


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Result:
    from game.report.result import build_result

    v1, _ = versions(str(tmp_path_factory.mktemp("v")))
    return build_result(play_team(v1, ("Ana", "Ben"), 5, "random"))


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("2 4", (2, 4)), ("2-4", (2, 4)), ("2→4", (2, 4)), ("3", (3, None)), ("", (None, None)),
     ("0 4", None), ("6", None), ("1 2 3", None), ("two", None)],
)  # fmt: skip
def test_confidence_answers(text: str, parsed) -> None:
    assert parse_confidence(text) == parsed


def test_answers_are_cleaned_and_bounded() -> None:
    assert clean_answer("  ok\x1b[31m red\x07\n next ") == "ok[31m red\n next"
    assert len(clean_answer("x" * 5000)) == 2000


def test_the_form_asks_each_person_then_the_facilitator(result: Result) -> None:
    assert people_of(result) == ["Ana", "Ben"]  # no bots
    # three objectives: Ana (2 texts, 3 scales), Ben (2 texts, 3 scales, "9" asked again)
    answers = iter(["Calm", "Faster", "1 3", "", "", "x", "", "5", "9", "9", "9", "", "Notes"])
    asked: list[str] = []

    def ask(q: str) -> str | None:
        asked.append(q)
        return next(answers)

    out = ask_feedback(ask, result)
    ana, ben = out.feedback
    assert (ana.went_well, ana.to_improve) == ("Calm", "Faster")
    assert [(c.objective, c.before, c.after) for c in ana.confidence] == [
        (result.objectives[0].id, 1, 3)
    ]
    assert ben.went_well == "x" and ben.confidence[0].before == 5
    assert out.facilitator_notes == "Notes"
    assert sum("Confidence" in q for q in asked) == 2 * len(result.objectives) + 2  # 9 re-asked


def test_end_of_input_stops_the_form_and_keeps_what_was_said(result: Result) -> None:
    answers = iter(["Good", None])
    out = ask_feedback(lambda q: next(answers), result)
    assert [f.went_well for f in out.feedback] == []  # Ana stopped before finishing her form
    assert out.facilitator_notes == ""


def test_feedback_added_later_reaches_the_file_the_history_and_the_report(
    result: Result, tmp_path: Path
) -> None:
    outcome = record_finished_game(result, data_dir=tmp_path)
    answers = iter(["Calm", "Faster", *[""] * 8, "Facilitator says hi"])
    later = ask_feedback(lambda q: next(answers), result)
    message = amend_recorded(
        later, json_path=outcome.json_path, game_id=outcome.game_id, db_path=outcome.db_path
    )
    assert message.startswith("Feedback saved with the result")
    assert outcome.json_path is not None
    assert '"facilitator_notes": "Facilitator says hi"' in outcome.json_path.read_text("utf-8")
    with HistoryDB.open(outcome.db_path, create=False) as db:
        stored = db.result(outcome.game_id)
    assert stored.feedback == later.feedback
    html = render_report(stored)
    assert "<h3>Hotwash</h3>" in html and "Facilitator says hi" in html and "Calm" in html
    # recording the original again does not make a second game
    again = record_finished_game(later, data_dir=tmp_path)
    assert again.game_id == outcome.game_id and not again.added


def test_the_confidence_table_is_one_summary_for_the_html_and_the_pdf(result: Result) -> None:
    from game.report.hotwash import confidence_table
    from game.report.html import render_report
    from game.report.pdf import render_pdf

    answers = iter(["", "", "1 3", "", "", "", "", "5", "", "", ""])
    out = ask_feedback(lambda q: next(answers, ""), result)
    first = result.objectives[0]
    assert confidence_table(out)[0] == (first.text, 3.0, 3.0, 2)  # (1+5)/2 before, 3 after
    html = render_report(out)
    assert "Confidence per objective" in html and "<td class='n'>3.0</td>" in html
    assert render_pdf(out)[:5] == b"%PDF-"
