"""The debrief in the terminal: the ending, the three scores, objectives and why points were lost.

Everything shown comes from the result record (``game.report.result.build_result``), the same
record the window's debrief and the after-action report read, so the three always agree.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table

from game.i18n import _, pgettext
from game.report.debrief import outcome_lines
from game.report.result import Result, build_result
from game.scoring.wording import player_label, points, score, seat_label
from game.terminal import names
from game.terminal.safetext import Text
from game.terminal.screen import fmt_number, reflow, role_title

DIMENSIONS = ("speed", "priorities", "communication", "total")
dimension_name = names.dimension


RATING_STYLE = {"P": "bold green", "S": "bold yellow", "M": "bold red", "U": "bold red"}


def _score(value: float | None) -> str:
    return score(value)


def show(
    console: Console,
    session: Any,
    *,
    started_at: str | None = None,
    finished_at: str | None = None,
    cohort: str | None = None,
) -> Result:
    """Print the debrief of a finished (or stopped) session and return its result record."""
    result = build_result(session, started_at=started_at, finished_at=finished_at, cohort=cohort)
    show_result(console, result)
    return result


def show_result(console: Console, result: Result) -> None:
    """Print the debrief of a result record (a network client gets the record from its host)."""
    console.print()
    console.print(Rule(Text(_("Debrief"), style="bold")))
    if result.ending is not None:
        parts: list[Any] = [Text(reflow(result.ending.text) or result.ending.title)]
        causes, lost = outcome_lines(result)
        for heading, lines, style in (
            (_("What your team did that led here:"), causes, ""),
            (_("Not delivered (the channel was down):"), lost, "red"),
        ):
            if lines:
                parts.append(Text("\n" + heading, style="bold"))
                parts.append(_bullets(lines, style))
        console.print(
            Panel(
                Group(*parts),
                title=Text(_("Ending: {title}").format(title=result.ending.title), style="bold"),
                title_align="left",
            )
        )
    _metrics(console, result)
    _scores(console, result)
    _objectives(console, result)
    _deductions(console, result)
    _strengths(console, result)


def _bullets(lines: list[str], style: str = "") -> Table:
    """• items whose wrapped lines stay under their text (a hanging indent)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row("•", Text(line, style=style))
    return grid


def _metrics(console: Console, result: Result) -> None:
    table = Table(box=box.SIMPLE_HEAD, title=_("The crisis"), title_justify="left")
    table.add_column(_("Metric"))
    # TRANSLATORS: column headings: a metric's value at the start and at the end of the game.
    table.add_column(pgettext("metric value", "Start"), justify="right")
    table.add_column(pgettext("metric value", "End"), justify="right")
    end = result.metrics_history[-1] if result.metrics_history else result.metrics_start
    for m in result.scenario.metrics:
        start = result.metrics_start.get(m.id, m.start)
        value = end.get(m.id, start)
        better = (value > start) == (m.good == "high") if value != start else None
        style = "" if better is None else "green" if better else "red"
        table.add_row(m.label or m.id, fmt_number(start), Text(fmt_number(value), style=style))
    console.print(table)


def _scores(console: Console, result: Result) -> None:
    table = Table(box=box.SIMPLE_HEAD, title=_("Scores (0–100)"), title_justify="left", expand=True)
    table.add_column(_("Who"), ratio=1)
    table.add_column(_("Speed"), justify="right", no_wrap=True)
    table.add_column(_("Priorities"), justify="right", no_wrap=True)
    # TRANSLATORS: short column heading for the stakeholder-communication score.
    table.add_column(_("Comms"), justify="right", no_wrap=True)
    table.add_column(_("Total"), justify="right", no_wrap=True, style="bold")
    t = result.scores.team
    table.add_row(Text(_("Team"), style="bold"), *(_score(t.get(d)) for d in DIMENSIONS))
    labels = {s.role: seat_label(s.player, s.bot) for s in result.seats}
    for role, card in result.scores.roles.items():
        table.add_row(
            f"{role_title(role)} · {labels.get(role, '')}",
            *(_score(card.get(d)) for d in DIMENSIONS),
        )
    if len(result.scores.players) != len(result.scores.roles):
        for label, card in result.scores.players.items():
            table.add_row(
                _("Player: {name}").format(name=player_label(label)),
                *(_score(card.get(d)) for d in DIMENSIONS),
            )
    console.print(table)
    w = result.scenario.weights
    if w:
        console.print(
            Text(
                _("Total = {formula}").format(
                    formula=" + ".join(
                        f"{fmt_number(w[k])} × {dimension_name(k)}"
                        for k in ("speed", "priorities", "communication")
                        if k in w
                    )
                ),
                style="dim",
            )
        )


def _objectives(console: Console, result: Result) -> None:
    if not result.objectives:
        return
    table = Table(
        box=box.SIMPLE_HEAD, title=_("Objectives (HSEEP)"), title_justify="left", expand=True
    )
    table.add_column("", no_wrap=True)
    table.add_column(_("Objective"), ratio=1)
    table.add_column(_("Score"), justify="right", no_wrap=True)
    for o in result.objectives:
        rating = o.rating or "–"
        table.add_row(
            Text(rating, style=RATING_STYLE.get(rating, "dim")),
            Text.assemble(o.text, "\n", (o.meaning, "dim")),
            _score(o.score),
        )
    console.print(table)


def _deductions(console: Console, result: Result) -> None:
    team = sorted(result.deductions.team, key=lambda d: (-d.points, d.turn or 0))
    if not team:
        console.print(Text(_("No points lost. Well done."), style="green"))
        return
    console.print(Text(_("Why points were lost"), style="bold"))
    # a grid keeps the points in their own column and wraps the reason under itself (a hanging
    # indent), so a long reason on an 80-column terminal still reads as one item
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for d in team:
        if points(d.points) == "0":  # rounds to nothing: "−0" would only be noise
            continue
        line = Text.assemble(
            (_("{dimension}: ").format(dimension=dimension_name(d.dimension)), "dim"), d.reason
        )
        titles = ", ".join(role_title(r) for r in d.roles)
        who = _(" ({roles})").format(roles=titles) if d.roles else ""
        if who and not d.reason.rstrip("。. ").endswith(who.strip()):  # not said twice
            line.append(who, "dim")
        if d.action:
            line.append("\n→ ")
            line.append(d.action, "italic")
        grid.add_row(Text("−" + points(d.points), style="bold red"), line)
    console.print(grid)


def _strengths(console: Console, result: Result) -> None:
    if not result.strengths.team:
        return
    console.print()
    console.print(Text(_("Strengths"), style="bold"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for st in result.strengths.team:
        grid.add_row(Text(" +", style="bold green"), Text(st.reason))
    console.print(grid)
