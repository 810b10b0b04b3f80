"""The report's numbers and cells read as the window's: one rounding, clean joins."""

from __future__ import annotations

from game.report import charts, pdf
from game.report.debrief import PlanItem
from game.scoring.wording import score


def test_the_totals_chart_and_score_bars_round_as_the_window_does() -> None:
    svg = charts.totals_chart([("Crisis Manager", 96.25), ("Team", 80.5), ("Bot", None)])
    assert ">96</text>" in svg and ">81</text>" in svg and ">—</text>" in svg
    assert "96.3" not in svg and "80.5" not in svg
    assert "81 of 100" in charts.score_bar(80.5)
    assert score(80.5) == "81"


def test_the_pdf_rounds_halves_up_like_every_other_front_end() -> None:
    assert pdf._num(80.5) == score(80.5) == "81"  # f"{80.5:.0f}" would say 80
    assert pdf._num(None) == "–"


def test_a_plan_cell_joins_its_issues_without_a_full_stop_before_the_semicolon() -> None:
    item = PlanItem(
        area="Priorities",
        issues=("Chose X: wardens are trained.", "Answered Y in 22 s of 60 s."),
        actions=(),
        roles=(),
        points=1.0,
    )
    assert item.issue == "Chose X: wardens are trained; Answered Y in 22 s of 60 s."
    one = PlanItem(area="Speed", issues=("Answered late.",), actions=(), roles=(), points=1)
    assert one.issue == "Answered late."


def test_the_pdf_names_bots_as_every_other_page_does(bot_result, tmp_path) -> None:
    import shutil
    import subprocess

    import pytest

    out = tmp_path / "aar.pdf"
    out.write_bytes(pdf.render_pdf(bot_result))
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed")
    words = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True)
    text = " ".join(words.stdout.split())
    assert "Bot (random)" in text
    assert "bot:random" not in text
