"""``crisis-sim class COHORT``: the class at a glance — one row per trainee, teams compared.

::

    crisis-sim class [COHORT] [--scenario ID] [--demo] [--json | --csv FILE | --xlsx FILE]
                     [--ascii] [--db PATH] [--data-dir DIR]

Without COHORT it lists the cohorts in the history.  With it: per trainee their games, roles and
each score over their games (a trend line, the last value and its direction), then who needs
what (each trainee's weakest area with its evidence, lowest first), the scores per role over
time, and the teams compared.  ``--csv``/``--xlsx`` write one row per player per game (people
before bots); ``--json`` prints the same data as the text.
Exit codes: 0 done, 1 no such cohort or a database that cannot be used, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.cells import cell_len

from game.commands.options import add_history_db_options
from game.i18n import _, ngettext
from game.scenario.model import ROLE_TITLES
from game.store import HistoryDB, StoreError, db_path
from game.store.classview import ClassView, Team, Trainee, class_view
from game.store.export import PLAYER_COLUMNS, aligned_rows, local_time, player_rows, short_hash
from game.store.progress import Trend
from game.terminal import names
from game.textsafe import one_line, terminal_safe

#: Scores shown per trainee and per role.
DIMS = ("speed", "priorities", "communication", "total")
#: At most this many games in a trend line (the most recent).
TREND_GAMES = 8
#: Per-player export columns that hold numbers (numbers in XLSX).
NUMBER_COLUMNS = ("game_id", "speed", "priorities", "communication", "total")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "class",
        help=_(
            "a class at a glance: one row per trainee, weakest areas, teams compared "
            "(export with --csv/--xlsx)"
        ),
        description=_(
            "Show the games recorded under COHORT (play --cohort NAME): one row per "
            "trainee with their games, roles and scores over time; each trainee's weakest area "
            "with its evidence; scores per role; and the teams compared. Without COHORT, list the "
            "cohorts. --csv FILE / --xlsx FILE write one row per player per game."
        ),
        epilog=_(
            "Exit codes: 0 done, 1 no such cohort or the database cannot be used, 2 usage error."
        ),
    )
    p.add_argument("cohort", nargs="?", metavar="COHORT", help=_("the cohort's name (any case)"))
    p.add_argument("--scenario", metavar="ID", help=_("only games of this scenario id"))
    p.add_argument("--demo", action="store_true", help=_("count recorded demo games too"))
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    out.add_argument("--csv", metavar="FILE", help=_("write one row per player per game as CSV"))
    out.add_argument("--xlsx", metavar="FILE", help=_("write the same rows as an Excel workbook"))
    p.add_argument("--ascii", action="store_true", help=_("plain ASCII trend lines and arrows"))
    add_history_db_options(p)
    p.set_defaults(func=run)


def _fail(message: str, code: int = 1) -> int:
    print(_("crisis-sim class: {value}").format(value=one_line(message)), file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    for flag, name, ends in (("csv", args.csv, (".csv",)), ("xlsx", args.xlsx, (".xlsx",))):
        if name is not None and not name.lower().endswith(ends):
            return _fail(
                _("--{flag} {name}: the file name must end in {value}").format(
                    flag=flag, name=name, value=ends[0]
                ),
                2,
            )
    path = db_path(args.db, args.data_dir)
    if not path.exists():
        return _fail(_("no games recorded yet (no history database at {path})").format(path=path))
    try:
        with HistoryDB.open(path, create=False) as db:
            if not args.cohort:
                return list_cohorts(db.cohorts(), str(path))
            if args.csv or args.xlsx:  # the rows need no result records: no view built
                games = db.games(
                    cohort=args.cohort, scenario=args.scenario, demo=None if args.demo else False
                )
                view = None
            else:
                view = class_view(db, args.cohort, scenario=args.scenario, include_demo=args.demo)
                games = list(view.games)
            known = db.cohorts() if not games else []
            rows = player_rows(db, games) if (args.csv or args.xlsx) else []
    except StoreError as exc:
        return _fail(str(exc))
    if not games:
        names = ", ".join(name for name, _count in known)
        message = (
            _("no recorded games of scenario {scenario} in cohort {cohort!r}")
            if args.scenario
            else _("no recorded games in cohort {cohort!r}")
        ).format(scenario=args.scenario, cohort=args.cohort)
        if names:
            message = _("{message} (cohorts in the history: {names})").format(
                message=message, names=names
            )
        return _fail(message)
    if args.csv or args.xlsx:
        return export(args.csv or args.xlsx, rows)
    assert view is not None
    if args.json:
        sys.stdout.write(json.dumps(to_dict(view), indent=2, ensure_ascii=False) + "\n")
        return 0
    from game.commands.progress import BLOCKS, _can_print

    plain = args.ascii or not _can_print(sys.stdout, BLOCKS + "↑↓→×—“”…")
    sys.stdout.write(terminal_safe(render(view, plain=plain)))
    return 0


def list_cohorts(cohorts: list[tuple[str, int]], database: str) -> int:
    if not cohorts:
        print(
            _("No cohorts in {database} yet: play with --cohort NAME to start one.").format(
                database=database
            )
        )
        return 0
    for name, games in cohorts:
        count = ngettext("{n} game", "{n} games", games).format(n=games)
        print(_("{name}  ({count})").format(name=one_line(name), count=count))
    return 0


def export(target: str, rows: list[list[str]]) -> int:
    from game.toolkit import sheets

    try:
        sheets.write_table(target, PLAYER_COLUMNS, rows, title="Class", numbers=NUMBER_COLUMNS)
    except sheets.SheetError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(
            _("cannot write {target}: {value}").format(target=target, value=exc.strerror or exc)
        )
    n = len(rows)
    print(
        ngettext(
            "wrote {path}: {n} row (one per player per game)",
            "wrote {path}: {n} rows (one per player per game)",
            n,
        ).format(path=target, n=n)
    )
    return 0


# --- text -------------------------------------------------------------------------------------


def role_short(role: str) -> str:
    """``Crisis Manager`` -> ``CM``: the initials of the role's title."""
    title = ROLE_TITLES.get(role, role.replace("_", " ").title())
    return "".join(w[0] for w in title.split() if w[0].isupper())


def _cell(t: Trend, *, plain: bool) -> str:
    from game.commands.progress import ARROWS, ASCII_ARROWS, sparkline

    if not t.values:
        return "—"
    arrows = ASCII_ARROWS if plain else ARROWS
    last = t.last if t.last is not None else 0.0
    return f"{sparkline(t.values[-TREND_GAMES:], plain=plain)} {last:.0f} {arrows[t.direction]}"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _team_name(team: Team, limit: int = 40) -> str:
    text = ", ".join(one_line(m) for m in team.members)
    return text if cell_len(text) <= limit else text[: limit - 1] + "…"


def render(view: ClassView, *, plain: bool = False) -> str:
    scenarios: dict[str, int] = {}
    for g in view.games:
        scenarios[g.scenario_id] = scenarios.get(g.scenario_id, 0) + 1
    played = ", ".join(f"{s} ×{c}" if c > 1 else s for s, c in scenarios.items())
    first, last = (
        local_time(view.games[0].played_at)[:10],
        local_time(view.games[-1].played_at)[:10],
    )
    span = first if first == last else _("{first} to {last}").format(first=first, last=last)
    n, g = len(view.trainees), len(view.games)
    lines = [
        _("Class {cohort}: {trainees}, {games} ({played}), {span}").format(
            cohort=one_line(view.cohort),
            trainees=ngettext("{n} trainee", "{n} trainees", n).format(n=n),
            games=ngettext("{n} game", "{n} games", g).format(n=g),
            played=played,
            span=span,
        ),
        *(wrapped for note in view.version_notes for wrapped in _wrap(note)),
        "",
    ]
    head = (
        _("Trainee"),
        _("Games"),
        _("Roles"),
        _("Speed"),
        _("Priorities"),
        _("Communication"),
        _("Total"),
    )
    rows = [
        (
            one_line(t.name),
            str(t.games),
            " ".join(role_short(r) for r in t.roles),
            *(_cell(t.progress.overall.trend(d), plain=plain) for d in DIMS),
        )
        for t in view.trainees
    ]
    lines += aligned_rows(head, rows, {1})
    lines += ["", _("Who needs what (weakest area first):")]
    for t in sorted(view.trainees, key=_need):
        w = t.progress.weakest
        if w is None:
            lines.append("  " + _("{name}: no scores yet").format(name=one_line(t.name)))
            continue
        evidence = one_line(w.issues[0].describe()) if w.issues else _("no points lost")
        line = _("{name} — {dimension} (mean {mean:.0f}): {evidence}").format(
            name=one_line(t.name),
            dimension=names.dimension(w.dimension),
            mean=w.mean,
            evidence=evidence,
        )
        lines.append("  " + line)
    lines += ["", _("Per role, over time (trend of the last games, last score, direction):")]
    role_rows = []
    for t in view.trainees:
        for rp in sorted(t.progress.roles, key=lambda r: -r.games):
            role_rows.append(
                (
                    one_line(t.name),
                    role_short(rp.role or ""),
                    str(rp.games),
                    *(_cell(rp.trend(d), plain=plain) for d in DIMS),
                )
            )
    dims = {
        "speed": _("Speed"),
        "priorities": _("Priorities"),
        "communication": _("Communication"),
        "total": _("Total"),
    }
    role_head = (_("Trainee"), _("Role"), _("Games"), *(dims.get(d, d.title()) for d in DIMS))
    lines += aligned_rows(role_head, role_rows, {2})
    lines += ["", _("Teams (people who played together, per scenario version):")]
    team_rows = [
        (
            _team_name(team),
            f"{team.scenario_id}@{team.version}" if view.mixed_versions else team.scenario_id,
            str(team.games),
            _num(team.mean),
            _num(team.best),
            _num(team.last),
            _num(team.speed),
            _num(team.priorities),
            _num(team.communication),
        )
        for team in view.teams
    ]
    lines += aligned_rows(
        (
            _("Team"),
            _("Scenario"),
            _("Games"),
            # TRANSLATORS: short column headings: mean, best and last team score.
            _("Mean"),
            _("Best"),
            _("Last"),
            _("Speed"),
            # TRANSLATORS: short for "Priorities" and "Communication" in a narrow table.
            _("Prio."),
            _("Comm."),
        ),
        team_rows,
        {2, 3, 4, 5, 6, 7, 8},
    )
    lines.append("")
    legend = ", ".join(f"{role_short(r)} {names.role_title(r)}" for r in ROLE_TITLES)
    lines.append(_("Roles: {legend}.").format(legend=legend))
    text = "\n".join(lines) + "\n"
    if plain:
        for fancy, simple in (("—", "-"), ("“", '"'), ("”", '"'), ("…", "..."), ("×", "x")):
            text = text.replace(fancy, simple)
    return text


def _wrap(note: str) -> list[str]:
    import textwrap

    return textwrap.wrap(note, 100, subsequent_indent="  ", break_on_hyphens=False)


def _need(t: Trainee) -> tuple[float, str]:
    w = t.progress.weakest
    return (w.mean if w is not None else 101.0, t.name.casefold())


# --- JSON -------------------------------------------------------------------------------------


def to_dict(view: ClassView) -> dict[str, Any]:
    from game.commands.progress import to_dict as progress_dict

    return {
        "cohort": view.cohort,
        "games": len(view.games),
        "version_notes": list(view.version_notes),
        "trainees": [
            {"name": t.name, "roles": list(t.roles), **progress_dict(t.progress)}
            for t in view.trainees
        ],
        "teams": [
            {
                "members": list(team.members),
                "scenario": team.scenario_id,
                "content_hash": team.content_hash,
                "version": short_hash(team.content_hash),
                "games": team.games,
                "totals": list(team.totals),
                "mean": None if team.mean is None else round(team.mean, 1),
                "speed": None if team.speed is None else round(team.speed, 1),
                "priorities": None if team.priorities is None else round(team.priorities, 1),
                "communication": None
                if team.communication is None
                else round(team.communication, 1),
            }
            for team in view.teams
        ],
    }
