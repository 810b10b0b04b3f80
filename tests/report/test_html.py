"""The after-action report: complete, self-contained, escaped, printable."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from game.engine.bots import play_game
from game.report.html import render_report
from game.report.result import EndingInfo, Result, build_result
from game.scenario import load_scenario
from game.scenario.model import Scenario

SECTIONS = (
    "overview",
    "outcome",
    "scores",
    "objectives",
    "analysis",
    "metrics",
    "improvement-plan",
    "appendix",
)


class _Tags(HTMLParser):
    """Collects every start tag with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs_)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    p.close()
    return p


def test_every_section_is_there(human_result: Result) -> None:
    html = render_report(human_result)
    ids = {a.get("id") for _, a in parse(html).tags}
    assert set(SECTIONS) <= ids
    for title in (
        "Exercise overview",
        "Outcome",
        "Scores",
        "Objectives",
        "Analysis: strengths and areas for improvement",
        "Metrics over the turns",
        "Improvement plan",
    ):
        assert title in html


def test_the_report_is_self_contained(human_result: Result) -> None:
    html = render_report(human_result)
    assert not re.search(r"https?://", html)
    tags = parse(html).tags
    names = {t for t, _ in tags}
    assert not names & {"script", "link", "iframe", "object", "embed", "img", "base"}
    for _, a in tags:
        assert "src" not in a and "href" not in a
        assert not any(k.startswith("on") for k in a)
    assert "@import" not in html and "url(" not in html
    assert "@media print" in html and "break-before: page" in html


def test_scenario_text_is_escaped(human_result: Result) -> None:
    html = render_report(human_result)
    # The fixture's title, stakeholder name, labels and ending title carry markup.
    assert "<script>" not in html and "<img src=x>" not in html and "<u>" not in html
    assert "Crue &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co" in html
    assert "Personnel &lt;img src=x&gt;" in html
    text = "".join(parse(html).text)
    assert "Crue <script>alert('x')</script> & Co" in text


def test_hostile_text_anywhere_stays_text(human_result: Result) -> None:
    evil = '"><script>alert(1)</script><a href="https://evil">'
    r = attrs.evolve(
        human_result,
        ending=EndingInfo("x", evil, evil),
        seats=tuple(attrs.evolve(s, player=evil, label=evil) for s in human_result.seats),
        scenario=attrs.evolve(human_result.scenario, summary=evil, language='fr"><script>'),
    )
    html = render_report(r)
    assert "<script>" not in html and "https://" not in html.replace("https://evil", "")
    assert 'href="https://evil"' not in html
    assert '<html lang="en">' in html  # a language tag that is not one falls back to en


def test_language_and_encoding(human_result: Result) -> None:
    html = render_report(human_result)
    # the page is in the reader's language; the French scenario's own text says it is French
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<h1 lang="fr">' in html
    assert '<meta charset="utf-8">' in html
    assert "Sécurité" in html and "Coût (k€)" in html


def test_scores_objectives_and_plan_are_shown(human_result: Result) -> None:
    html = render_report(human_result)
    for role in ("Crisis Manager", "Public Relations Specialist", "Team"):
        assert role in html
    for player in ("Ana Ruiz", "Ben Okafor"):
        assert player in html
    for o in human_result.objectives:
        assert f'class="rating r-{o.rating}"' in html
    # the improvement plan is built from the deductions
    assert "“Pas de commentaire.” (no comment) sent to Presse locale in public in turn 1" in html
    # ... as corrective actions for the organisation, not game hints
    assert "Prepare pre-approved holding statements" in html
    assert (
        "Say what you know, what you are doing and when you will update"
        not in html.split('id="improvement-plan"')[1].split("</section>")[0]
    )
    # one chart per metric, with axis and turn labels
    assert html.count('class="chart"') == len(human_result.scenario.metrics)
    assert ">turn</text>" in html and ">Start</text>" in html
    assert "Lun 06:00" in html  # turn labels listed under the charts


@pytest.mark.parametrize("policy", ["best", "random", "worst", "timeout"])
def test_any_game_renders(mini: Scenario, policy: str) -> None:
    html = render_report(build_result(play_game(mini, policy, 1)))
    assert "</html>" in html and "https://" not in html


def test_every_shipped_scenario_renders() -> None:
    for path in sorted((Path(__file__).parents[2] / "scenarios").glob("*.yaml")):
        loaded = load_scenario(path)
        if loaded.scenario is None:
            continue  # the scenario tests report broken files
        html = render_report(build_result(play_game(loaded.scenario, "random", 1)))
        ids = {a.get("id") for _, a in parse(html).tags}
        assert set(SECTIONS) <= ids, path
