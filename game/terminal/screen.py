"""Everything the terminal shows, drawn with rich: panels, tables and styled lines.

Drawing never changes the game: every function here takes values (scenario parts, engine
records) and prints them.  rich measures text with wcwidth, so Chinese and other wide text
lines up in tables; the console's width is capped so that lines stay readable on wide
terminals and fit an 80-column one.  Colour is off with ``--no-color``, with the ``NO_COLOR``
environment variable (rich honours it) and whenever the output is not a terminal.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table

from game.i18n import N_, _, pgettext
from game.scenario.model import Decision, Inject, Scenario, Statement
from game.terminal import names
from game.terminal.safetext import SafeConsole, Text
from game.textsafe import reflow

#: Widest the text is laid out, even on a wide terminal.
MAX_WIDTH = 100

CHANNEL_STYLE: dict[str, str] = {
    "alarm": "bold red",
    "news": "bold magenta",
    "social": "magenta",
    "phone": "bold yellow",
    "radio": "yellow",
    "email": "cyan",
    "report": "blue",
    "meeting": "green",
}

PHASE_STYLE = {"preparation": "cyan", "response": "red", "recovery": "green"}


def make_console(
    *,
    no_color: bool = False,
    file: IO[str] | None = None,
    width: int | None = None,
    soft_wrap: bool = False,
) -> Console:
    """A console for the game: no colour when asked or when ``NO_COLOR`` is set."""
    out = file or sys.stdout
    if width is None:
        is_tty = hasattr(out, "isatty") and out.isatty()
        cols = shutil.get_terminal_size((80, 24)).columns if is_tty else 80
        width = max(40, min(cols, MAX_WIDTH))
    no_color = no_color or bool(os.environ.get("NO_COLOR"))
    return SafeConsole(
        file=out,
        width=width,
        no_color=no_color,
        color_system=None if no_color else "auto",
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=soft_wrap,
    )


def role_title(role: str) -> str:
    return names.role_title(role)


def seat_title(role: str, player: str | None) -> str:
    """``Public Relations Specialist (Alice)``."""
    if not player:
        return role_title(role)
    # TRANSLATORS: a seat: the role's title and the player's name.
    return _("{role} ({player})").format(role=role_title(role), player=player)


def fmt_number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def fmt_seconds(seconds: float) -> str:
    s = max(0, int(seconds + 0.999))  # 0.2 s left still shows as 1 s
    if s >= 60:
        return f"{s // 60}:{s % 60:02d}"
    # TRANSLATORS: a time left in seconds, short (e.g. 45s).
    return _("{n}s").format(n=s)


def fmt_seconds_exact(seconds: float) -> str:
    """A clock reading to the millisecond at most (``12.5s``)."""
    return _("{n}s").format(n=fmt_number(round(seconds, 3)))


# --- scenario select, seats, briefing --------------------------------------------------------


def scenario_list(console: Console, scenarios: Sequence[Scenario]) -> None:
    table = Table(box=box.SIMPLE_HEAD, expand=True, title=_("Scenarios"), title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(_("Title"), ratio=3)
    table.add_column(_("Type"), ratio=1)
    table.add_column(_("Level"), no_wrap=True)
    # TRANSLATORS: column heading: the scenario's estimated length in minutes.
    table.add_column(pgettext("minutes", "Min"), justify="right", no_wrap=True)
    for n, sc in enumerate(scenarios, 1):
        table.add_row(
            str(n),
            sc.title,
            names.scenario_type(sc.type),
            names.difficulty(sc.difficulty),
            str(sc.estimated_minutes or "?"),
        )
    console.print(table)


def briefing(console: Console, scenario: Scenario, seats: Mapping[str, str]) -> None:
    """The situation and each role's brief; ``seats`` maps role → label (name or bot:policy)."""
    console.print(Rule(Text(scenario.title, style="bold")))
    console.print(Text(reflow(scenario.summary), style="italic"))
    console.print()
    console.print(Panel(Text(reflow(scenario.briefing)), title=_("Briefing"), title_align="left"))
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False)
    table.add_column(_("Role"), ratio=2)
    table.add_column(_("Seat"), no_wrap=True)  # "Bot (never answers)" is never cut
    table.add_column(_("Brief"), ratio=4)
    for role in scenario.roles_in_play:
        table.add_row(role_title(role), seats.get(role, ""), reflow(scenario.role_brief(role)))
    console.print(table)


# --- turns -------------------------------------------------------------------------------------


def turn_header(console: Console, number: int, total: int, label: str, phase: str) -> None:
    title = Text.assemble(
        (_("Turn {n}/{total}").format(n=number, total=total), "bold"),
        "  ",
        (label, "bold"),
        "  ",
        (names.phase(phase), PHASE_STYLE.get(phase, "")),
    )
    console.print()
    console.print(Rule(title, style=PHASE_STYLE.get(phase, "")))


def handover(console: Console, role: str, player: str | None) -> Text:
    """The hand-over line (returned so the caller can use it as the prompt)."""
    console.print()
    console.print(Rule(style="dim"))
    # TRANSLATORS: {seat} is a role's title and the player's name.
    before, _sep, after = _("Pass to the {seat} — press Enter when ready").partition("{seat}")
    return Text.assemble(before, (seat_title(role, player), "bold"), after)


def inject(console: Console, inj: Inject, *, tag: str = "", sender: str | None = None) -> None:
    """One inject: channel and sender on the frame, headline and body inside; ``sender``
    replaces the inject's own (the engine's English "Facilitator" of an ad-hoc inject)."""
    style = CHANNEL_STYLE.get(inj.channel, "")
    shown = names.channel(inj.channel)
    title = Text.assemble((f"[{shown.upper() if shown.isascii() else shown}]", style))
    if sender or inj.from_:
        title.append(f" {sender or inj.from_}")
    parts: list[Any] = [Text(inj.headline, style="bold")]
    if inj.body.strip():
        parts.append(Text(reflow(inj.body)))
    if tag:
        parts.append(Text(tag, style="dim italic"))
    console.print(
        Panel(Group(*parts), title=title, title_align="left", border_style=style or "none")
    )


def decision(
    console: Console,
    d: Decision,
    options: Sequence[Any],
    items: Sequence[Any],
    *,
    remaining: float | None,
    role: str,
) -> None:
    """A decision with its options (or rank items) numbered in display order; text only."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(justify="right", no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for n, opt in enumerate(options or items, 1):
        table.add_row(f"{n}.", Text(opt.text, overflow="fold"))  # CJK has no spaces to wrap at
    how = (
        _("Rank them: type the numbers in order, most important first (e.g. 2 1 3).")
        if d.kind == "rank"
        else _("Type the number of your choice.")
    )
    limit = (
        _("{time} left").format(time=fmt_seconds(remaining))
        if remaining is not None
        else _("clock not started")
    )
    console.print(
        Panel(
            Group(
                Text(reflow(d.prompt), style="bold"),
                Text(""),
                table,
                Text(how, style="dim"),
            ),
            title=Text(_("Decision for the {role}").format(role=role_title(role)), style="bold"),
            title_align="left",
            subtitle=Text(f"{d.id} · {limit}", style="dim"),
            subtitle_align="left",
            border_style="yellow",
        )
    )


#: What `statements` and `compose` say when no statement is available (an empty table and a
#: prompt for numbers that do not exist left players guessing).
NO_STATEMENTS = N_("No statement can be sent yet: new ones come with the news of later turns.")


def statements(console: Console, usable: Sequence[Statement]) -> None:
    """Statements that can be sent now, numbered: their text only.

    Never their covers or risk, and not even their ids, which authors often name after what
    is wrong with them (``blame-vendor``): choosing well is the exercise.
    """
    if not usable:
        note(console, _(NO_STATEMENTS))
        return
    table = Table(box=box.SIMPLE_HEAD, expand=True, title=_("Statements"), title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(_("Text"), ratio=1)
    for n, st in enumerate(usable, 1):
        table.add_row(str(n), Text(st.text, overflow="fold"))
    console.print(table)


def stakeholders(console: Console, rows: Iterable[tuple[int, str, str, int, str]]) -> None:
    """Rows of (number, id, name, deadline turn, status text)."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, title=_("Stakeholders"), title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(_("Id"), no_wrap=True, style="cyan")
    table.add_column(_("Who"), ratio=1)
    # TRANSLATORS: column heading: the turn by which a stakeholder must be told.
    table.add_column(_("By turn"), justify="right", no_wrap=True)
    # wide enough for "informed turn 3" and "OVERDUE, not told" on one line at 80 columns
    table.add_column(_("Status"), width=17)
    for n, sid, name, deadline, status in rows:
        table.add_row(str(n), sid, name, str(deadline), status)
    console.print(table)


def channels(console: Console, channel_ids: Sequence[str]) -> None:
    listed = []
    for n, c in enumerate(channel_ids, 1):
        shown = names.channel(c)
        listed.append(f"{n}. {shown}" if shown == c else f"{n}. {shown} ({c})")
    console.print(Text(_("Channels:")) + Text(" ") + Text(", ".join(listed), style="cyan"))


def metrics(
    console: Console,
    scenario: Scenario,
    values: Mapping[str, float],
    changes: Mapping[str, float] | None = None,
) -> None:
    """One compact line per two metrics: label, value and the last change (green if better)."""
    table = Table.grid(padding=(0, 2), expand=False)
    cells: list[Text] = []
    for m in scenario.metrics:
        value = values.get(m.id, m.start)
        cell = Text.assemble((m.title, "dim"), " ", (fmt_number(value), "bold"))
        delta = (changes or {}).get(m.id, 0)
        if delta:
            better = (delta > 0) == (m.good == "high")
            cell.append(
                f" {'+' if delta > 0 else ''}{fmt_number(delta)}", "green" if better else "red"
            )
        cells.append(cell)
    per_row = 2 if console.width < 100 else 3
    for _col in range(per_row):
        table.add_column()
    for i in range(0, len(cells), per_row):
        row = cells[i : i + per_row]
        table.add_row(*row, *[Text("")] * (per_row - len(row)))
    console.print(table)


def note(console: Console, text: str, style: str = "dim") -> None:
    console.print(Text(text, style=style))


def error(console: Console, text: str) -> None:
    console.print(Text.assemble(("! ", "bold red"), (text, "red")))


def help_text(console: Console, lines: Iterable[str]) -> None:
    """The command list (``game.terminal.commands.help_lines``)."""
    table = Table.grid(padding=(0, 1))
    table.add_column()
    for line in lines:
        table.add_row(Text(line))
    console.print(Panel(table, title=_("Commands"), title_align="left", border_style="dim"))
