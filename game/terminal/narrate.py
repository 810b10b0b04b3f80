"""What happened, in words: the lines printed for the events a move caused.

Events come back from ``Session.apply`` (``game.engine.events``).  Every player move and every
timeout is narrated so that a person, or a script's transcript, sees what was applied and why;
metric changes appear under the move that caused them, never under a turn's opening injects.
Bots' messages are summarised (who, how many statements, to whom) to keep a turn readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.padding import Padding

from game.engine import Session
from game.engine import events as ev
from game.scoring.wording import bot_label
from game.terminal import screen
from game.terminal.safetext import Text


def who(s: Session, role: str) -> str:
    """``Crisis Manager``, or ``Crisis Manager · Bot (competent)`` for a bot seat."""
    seat = s.seats[role]
    return screen.role_title(role) + (f" · {bot_label(seat.bot)}" if seat.is_bot else "")


def events(c: Console, s: Session, happened: Sequence[Any]) -> None:
    """One or a few lines for each event a move caused, in order."""
    sc = s.scenario
    after_move = False  # effects are shown under the move that caused them
    for e in happened:
        moved = isinstance(
            e, ev.DecisionAnswered | ev.DecisionTimedOut | ev.MessageSent | ev.RankSubmitted
        )
        if moved:
            after_move = True
        elif not isinstance(e, ev.EffectsApplied | ev.StakeholderInformed):
            after_move = False
        if isinstance(e, ev.DecisionAnswered):
            d = sc.decision_by_id[e.decision]
            opt = d.option(e.option)
            name = who(s, e.role)
            c.print(
                Text.assemble(
                    ("✓ ", "green"),
                    (f"{name} answered {e.decision}: ", "bold"),
                    opt.text if opt else e.option,
                    (f"  ({screen.fmt_seconds(e.elapsed)})", "dim"),
                )
            )
        elif isinstance(e, ev.RankSubmitted):
            d = sc.decision_by_id[e.decision]
            texts = {i.id: i.text for i in d.items}
            name = who(s, e.role)
            c.print(Text.assemble(("✓ ", "green"), (f"{name} ranked {e.decision}:", "bold")))
            for n, item in enumerate(e.order, 1):  # wrapped lines stay under the item
                c.print(Padding(Text(f"{n}. {texts.get(item, item)}"), (0, 0, 0, 3)))
        elif isinstance(e, ev.DecisionTimedOut):
            d = sc.decision_by_id[e.decision]
            opt = d.option(e.applied_option) if e.applied_option else None
            line = Text.assemble(
                ("TIME UP ", "bold red"),
                f"on {e.decision} ({screen.role_title(e.role)}): ",
            )
            if opt is not None:
                line.append("the default was applied: ")
                line.append(opt.text, "italic")
            else:
                line.append("nothing was applied (the decision scores 0).")
            c.print(line)
        elif isinstance(e, ev.DecisionSkipped):
            c.print(Text(f"The facilitator skipped {e.decision}.", style="yellow"))
        elif isinstance(e, ev.TimerExtended):
            c.print(
                Text(
                    f"The facilitator gave {e.decision} "
                    f"{screen.fmt_number(e.seconds)} more seconds.",
                    style="yellow",
                )
            )
        elif isinstance(e, ev.EffectsApplied) and e.changes and after_move:
            parts = []
            for mid, delta in e.changes:
                m = sc.metric_by_id[mid]
                sign = "+" if delta > 0 else ""
                parts.append(f"{m.title} {sign}{screen.fmt_number(round(delta, 2))}")
            c.print(Text("   " + ", ".join(parts), style="dim"))
        elif isinstance(e, ev.MessageSent):
            names = ", ".join(sc.stakeholder_by_id[x].name for x in e.stakeholders)
            name = who(s, e.role)
            if s.seats[e.role].is_bot:
                n = len(e.statements)
                c.print(
                    Text.assemble(
                        ("✉ ", "cyan"),
                        f"{name} sent {n} statement{'s' * (n != 1)} by {e.channel} to {names}.",
                    )
                )
                continue
            c.print(
                Text.assemble(
                    ("✉ ", "cyan"),
                    (f"{name} sent by {e.channel} to {names}:", "bold"),
                )
            )
            for sid in e.statements:  # indented as a block, every wrapped line too
                quote = Text(f"“{sc.statement_by_id[sid].text}”", style="italic")
                c.print(Padding(quote, (0, 0, 0, 3)))
        elif isinstance(e, ev.MessageNotDelivered):
            names = ", ".join(sc.stakeholder_by_id[x].name for x in e.stakeholders)
            c.print(
                Text.assemble(
                    ("✗ ", "bold red"),
                    (f"{who(s, e.role)} to {names}: ", "bold"),
                    (e.text, "red"),
                )
            )
        elif isinstance(e, ev.StakeholderInformed) and after_move:
            c.print(Text(f"   {sc.stakeholder_by_id[e.stakeholder].name} informed.", "dim"))
        elif isinstance(e, ev.RoleEndedTurn):
            c.print(Text(f"{screen.role_title(e.role)} ended turn {e.turn}.", style="dim"))
        elif isinstance(e, ev.GamePaused):
            c.print(Text("PAUSED: every clock is stopped (type resume).", "bold yellow"))
        elif isinstance(e, ev.GameResumed):
            c.print(
                Text(
                    f"RESUMED after {screen.fmt_seconds(e.paused_for)}; clocks run again.",
                    "bold yellow",
                )
            )
        elif isinstance(e, ev.InjectShown) and e.kind == "adhoc":
            to = ", ".join(screen.role_title(r) for r in e.roles)
            c.print(Text(f"Facilitator inject sent to {to}.", style="yellow"))
        elif isinstance(e, ev.GameEnded):
            c.print()
            c.print(Text(f"The exercise is over: {e.title}", style="bold"))
