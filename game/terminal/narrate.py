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
from game.i18n import _, format_list, ngettext
from game.scoring.wording import bot_label
from game.terminal import names, screen
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
                    (
                        _("{who} answered {decision}: ").format(who=name, decision=e.decision),
                        "bold",
                    ),
                    opt.text if opt else e.option,
                    (f"  ({screen.fmt_seconds(e.elapsed)})", "dim"),
                )
            )
        elif isinstance(e, ev.RankSubmitted):
            d = sc.decision_by_id[e.decision]
            texts = {i.id: i.text for i in d.items}
            name = who(s, e.role)
            c.print(
                Text.assemble(
                    ("✓ ", "green"),
                    (_("{who} ranked {decision}:").format(who=name, decision=e.decision), "bold"),
                )
            )
            for n, item in enumerate(e.order, 1):  # wrapped lines stay under the item
                c.print(Padding(Text(f"{n}. {texts.get(item, item)}"), (0, 0, 0, 3)))
        elif isinstance(e, ev.DecisionTimedOut):
            d = sc.decision_by_id[e.decision]
            opt = d.option(e.applied_option) if e.applied_option else None
            line = Text.assemble(
                (_("TIME UP") + " ", "bold red"),
                _("on {decision} ({role}): ").format(
                    decision=e.decision, role=screen.role_title(e.role)
                ),
            )
            if opt is not None:
                line.append(_("the default was applied: "))
                line.append(opt.text, "italic")
            else:
                line.append(_("nothing was applied (the decision scores 0)."))
            c.print(line)
        elif isinstance(e, ev.DecisionSkipped):
            c.print(
                Text(
                    _("The facilitator skipped {decision}.").format(decision=e.decision),
                    style="yellow",
                )
            )
        elif isinstance(e, ev.TimerExtended):
            c.print(
                Text(
                    _("The facilitator gave {decision} {n} more seconds.").format(
                        decision=e.decision, n=screen.fmt_number(e.seconds)
                    ),
                    style="yellow",
                )
            )
        elif isinstance(e, ev.EffectsApplied) and e.changes and after_move:
            parts = []
            for mid, delta in e.changes:
                m = sc.metric_by_id[mid]
                sign = "+" if delta > 0 else ""
                parts.append(f"{m.title} {sign}{screen.fmt_number(round(delta, 2))}")
            c.print(Text("   " + _(", ").join(parts), style="dim"))
        elif isinstance(e, ev.MessageSent):
            to = format_list([sc.stakeholder_by_id[x].name for x in e.stakeholders])
            name = who(s, e.role)
            channel = names.channel(e.channel)
            if s.seats[e.role].is_bot:
                n = len(e.statements)
                c.print(
                    Text.assemble(
                        ("✉ ", "cyan"),
                        ngettext(
                            "{who} sent {n} statement by {channel} to {to}.",
                            "{who} sent {n} statements by {channel} to {to}.",
                            n,
                        ).format(who=name, n=n, channel=channel, to=to),
                    )
                )
                continue
            c.print(
                Text.assemble(
                    ("✉ ", "cyan"),
                    (
                        _("{who} sent by {channel} to {to}:").format(
                            who=name, channel=channel, to=to
                        ),
                        "bold",
                    ),
                )
            )
            for sid in e.statements:  # indented as a block, every wrapped line too
                quote = Text(
                    _("“{text}”").format(text=sc.statement_by_id[sid].text), style="italic"
                )
                c.print(Padding(quote, (0, 0, 0, 3)))
        elif isinstance(e, ev.MessageNotDelivered):
            to = format_list([sc.stakeholder_by_id[x].name for x in e.stakeholders])
            c.print(
                Text.assemble(
                    ("✗ ", "bold red"),
                    (_("{who} to {to}: ").format(who=who(s, e.role), to=to), "bold"),
                    (e.text, "red"),
                )
            )
        elif isinstance(e, ev.StakeholderInformed) and after_move:
            informed = _("{name} informed.").format(name=sc.stakeholder_by_id[e.stakeholder].name)
            c.print(Text("   " + informed, "dim"))
        elif isinstance(e, ev.RoleEndedTurn):
            c.print(
                Text(
                    _("{role} ended turn {turn}.").format(
                        role=screen.role_title(e.role), turn=e.turn
                    ),
                    style="dim",
                )
            )
        elif isinstance(e, ev.GamePaused):
            c.print(Text(_("PAUSED: every clock is stopped (type resume)."), "bold yellow"))
        elif isinstance(e, ev.GameResumed):
            c.print(
                Text(
                    _("RESUMED after {time}; clocks run again.").format(
                        time=screen.fmt_seconds(e.paused_for)
                    ),
                    "bold yellow",
                )
            )
        elif isinstance(e, ev.InjectShown) and e.kind == "adhoc":
            to = format_list([screen.role_title(r) for r in e.roles])
            c.print(Text(_("Facilitator inject sent to {to}.").format(to=to), style="yellow"))
        elif isinstance(e, ev.GameEnded):
            c.print()
            c.print(Text(_("The exercise is over: {title}").format(title=e.title), style="bold"))
