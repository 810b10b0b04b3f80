"""``crisis-sim progress NAME``: how a player's scores moved over their recorded games.

For their player score card (all their roles together) and for every role they held: each
score's first, last, best and mean value and a sparkline (0–100, oldest to newest) with an
arrow; then their weakest area with the evidence that came back most often, e.g.
``communication: Regulator deadline missed in 3 of 4 games``.  ``--json`` for the same data.
Exit codes: 0 done, 1 no such player or a database that cannot be used, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from game.commands.options import add_history_db_options
from game.files import exists
from game.i18n import _, ngettext
from game.store import HistoryDB, Progress, RoleProgress, StoreError, Trend, db_path
from game.store.export import iso_time, local_time, short_hash
from game.store.progress import player_progress
from game.terminal import names
from game.terminal.names import lpad, rpad
from game.textsafe import json_safe, terminal_safe

BLOCKS = "▁▂▃▄▅▆▇█"
ASCII_BLOCKS = "_.-=+*#@"
ARROWS = {"up": "↑", "down": "↓", "flat": "→"}
ASCII_ARROWS = {"up": "^", "down": "v", "flat": "="}
#: At most this many games in a sparkline (the most recent).
SPARK_GAMES = 24


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "progress",
        help=_("a player's score trends per role and their weakest area"),
        description=_(
            "Show how NAME's scores (speed, priorities, communication, total) moved "
            "over their recorded games, for all their roles together and for each role: first, "
            "last, best, mean and a trend line; then their weakest area with the mistakes that "
            "came back most often. Names match ignoring case."
        ),
        epilog=_(
            "Exit codes: 0 done, 1 no games for NAME or the database cannot be used, 2 usage error."
        ),
    )
    p.add_argument("name", metavar="NAME", help=_("the player's name as entered at the seats"))
    p.add_argument("--scenario", metavar="ID", help=_("only games of this scenario id"))
    p.add_argument("--cohort", metavar="NAME", help=_("only games of this class (any case)"))
    p.add_argument("--demo", action="store_true", help=_("count recorded demo games too"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    p.add_argument("--ascii", action="store_true", help=_("plain ASCII trend lines and arrows"))
    add_history_db_options(p)
    p.set_defaults(func=run)


def _fail(message: str, code: int = 1) -> int:
    print(_("crisis-sim progress: {value}").format(value=terminal_safe(message)), file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    name = " ".join(args.name.split())
    if not name:
        return _fail(_("give the player's name"), 2)
    path = db_path(args.db, args.data_dir)
    if not exists(path):
        return _fail(_("no games recorded yet (no history database at {path})").format(path=path))
    try:
        with HistoryDB.open(path, create=False) as db:
            progress = player_progress(
                db, name, scenario=args.scenario, include_demo=args.demo, cohort=args.cohort
            )
            known = db.player_names() if not progress.games else []
    except StoreError as exc:
        return _fail(str(exc))
    if not progress.games:
        message = (
            _("no recorded games of scenario {scenario} for {name!r}")
            if args.scenario
            else _("no recorded games for {name!r}")
        ).format(scenario=args.scenario, name=name)
        if known:
            message = _("{message} (players in the history: {names})").format(
                message=message, names=", ".join(known)
            )
        return _fail(message)
    if args.json:
        text = json.dumps(to_dict(progress), indent=2, ensure_ascii=False)
        sys.stdout.write(json_safe(text) + "\n")
    else:
        plain = args.ascii or not _can_print(sys.stdout, BLOCKS + "".join(ARROWS.values()))
        sys.stdout.write(terminal_safe(render(progress, plain=plain)))
    return 0


def _can_print(stream: TextIO, text: str) -> bool:
    try:
        text.encode(stream.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def sparkline(values: tuple[float, ...], *, plain: bool = False) -> str:
    """One character per game, its height the score on 0–100."""
    blocks = ASCII_BLOCKS if plain else BLOCKS
    top = len(blocks) - 1
    return "".join(blocks[min(top, max(0, int(v / 100 * len(blocks))))] for v in values)


def _num(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}"


def _trend_line(t: Trend, *, plain: bool) -> str:
    dimension = rpad(names.dimension(t.dimension), 14)
    if not t.values:
        return f"  {dimension}{lpad(_('not scored'), 16)}"
    arrows = ASCII_ARROWS if plain else ARROWS
    change = t.change
    delta = "" if change is None else f" {change:+.1f}"
    spark = sparkline(t.values[-SPARK_GAMES:], plain=plain)
    nums = "".join(f"{_num(v):>8}" for v in (t.first, t.last, t.best, t.mean))
    return f"  {dimension}{nums}   {spark} {arrows[t.direction]}{delta}"


def _block(title: str, rp: RoleProgress, *, plain: bool) -> list[str]:
    games = ngettext("{n} game", "{n} games", rp.games).format(n=rp.games)
    head = _("{title} ({games})").format(title=title, games=games)
    return [head, *(_trend_line(t, plain=plain) for t in rp.trends)]


def render(p: Progress, *, plain: bool = False) -> str:
    n = len(p.games)
    scenarios: dict[str, int] = {}
    for g in p.games:
        scenarios[g.scenario_id] = scenarios.get(g.scenario_id, 0) + 1
    played = ", ".join(f"{s} ×{c}" if c > 1 else s for s, c in scenarios.items())
    if plain:
        played = played.replace("×", "x")
    first, last = p.games[0].played_at, p.games[-1].played_at
    span = local_time(first)[:10]
    if local_time(last)[:10] != span:
        span = _("{first} to {last}").format(first=span, last=local_time(last)[:10])
    # TRANSLATORS: column headings of a player's progress: first, last, best and mean score.
    heads = (_("first"), _("last"), _("best"), _("mean"))
    cols = "".join(lpad(c, 8) for c in heads)
    games = ngettext("{n} game", "{n} games", n).format(n=n)
    lines = [
        _("{player}: {games} ({played}), {span}").format(
            player=p.player, games=games, played=played, span=span
        ),
        "",
        f"{'':<16}{cols}   " + _("trend (oldest to newest, 0-100)"),
    ]
    lines += _block(_("All roles"), p.overall, plain=plain)
    for rp in p.roles:
        lines.append("")
        lines += _block(names.role_title(rp.role or ""), rp, plain=plain)
    lines += version_lines(p)
    lines.append("")
    w = p.weakest
    if w is None:
        lines.append(_("Weakest area: none (no scores yet)"))
    else:
        lines.append(
            _("Weakest area: {dimension} (mean {mean:.1f})").format(
                dimension=names.dimension(w.dimension), mean=w.mean
            )
        )
        if not w.issues:
            lines.append(f"  {w.describe()}")
        for i, issue in enumerate(w.issues):
            label = (
                _("{dimension}:").format(dimension=names.dimension(w.dimension))
                if i == 0
                else _("also:")
            )
            lines.append(f"  {label} {issue.describe()}")
    text = "\n".join(lines) + "\n"
    if plain:
        for fancy, simple in (("—", "-"), ("“", '"'), ("”", '"'), ("…", "...")):
            text = text.replace(fancy, simple)
    return text


def version_lines(p: Progress) -> list[str]:
    """For each scenario played in several versions: each version's games and mean total."""
    lines: list[str] = []
    for scenario in p.mixed_versions:
        lines += [
            "",
            _(
                "Note: {scenario} changed between these games (the trend mixes versions; "
                "compare within a version):"
            ).format(scenario=scenario),
        ]
        for v in p.versions:
            if v.scenario_id == scenario:
                games = ngettext("{n} game", "{n} games", v.games).format(n=v.games)
                lines.append(
                    _("  version {version}: {games}, mean total {mean}").format(
                        version=short_hash(v.content_hash), games=games, mean=_num(v.mean_total)
                    )
                )
    return lines


def to_dict(p: Progress) -> dict[str, Any]:
    def block(rp: RoleProgress) -> dict[str, Any]:
        return {"games": rp.games, **{t.dimension: t.to_dict() for t in rp.trends}}

    w = p.weakest
    return {
        "player": p.player,
        "games": [
            {"id": g.id, "played_at": iso_time(g.played_at), "scenario": g.scenario_id}
            for g in p.games
        ],
        "overall": block(p.overall),
        "versions": [
            {
                "scenario": v.scenario_id,
                "content_hash": v.content_hash,
                "games": v.games,
                "mean_total": None if v.mean_total is None else round(v.mean_total, 1),
            }
            for v in p.versions
        ],
        "roles": {rp.role: block(rp) for rp in p.roles},
        "weakest": None
        if w is None
        else {
            "dimension": w.dimension,
            "mean": round(w.mean, 1),
            "summary": w.describe(),
            "evidence": [
                {
                    "text": i.describe(),
                    "kind": i.kind,
                    "ref": i.ref,
                    "games": i.games,
                    "of_games": i.of_games,
                }
                for i in w.issues
            ],
        },
    }
