"""The history as a text table, CSV or JSON (``crisis-sim history``, ``--csv``, ``--json``).

CSV: one row per game, columns :data:`CSV_COLUMNS`; seats as ``role:player`` joined by ``;``;
formula-like cells get an apostrophe (:func:`game.textsafe.neutralise_formula`).
Per-player CSV/XLSX (``history --csv --per-player``, ``class COHORT --csv/--xlsx``): one row per
player per game, columns :data:`PLAYER_COLUMNS`, people before bots, formulas neutralised too.
JSON: ``{"format": "crisis-sim-history/1", "database": path, "games": [...]}``, each game with
its seats, team/role/player scores and objective ratings (see ``docs/history.md``).  The full
result record stays in the database: ``crisis-sim history report ID`` rebuilds the report.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rich.cells import cell_len

from game.i18n import N_, _, ngettext
from game.store.database import GameSummary, HistoryDB, Scores
from game.textsafe import json_safe, neutralise_formula, one_line
from game.toolkit.sheets import csv_text

HISTORY_FORMAT = "crisis-sim-history/1"

CSV_COLUMNS = (
    "id",
    "date",
    "scenario_id",
    "scenario_title",
    "content_hash",
    "players",
    "seats",
    "ending_id",
    "ending_title",
    "duration_s",
    "team_speed",
    "team_priorities",
    "team_communication",
    "team_total",
    "demo",
    "result_file",
    "cohort",
)


#: Columns of the per-player export: one row per player per game.
PLAYER_COLUMNS = (
    "cohort",
    "date",
    "game_id",
    "scenario_id",
    "scenario_title",
    "version",
    "content_hash",
    "player",
    "bot",
    "roles",
    "speed",
    "priorities",
    "communication",
    "total",
    "ending",
)


def short_hash(content_hash: str) -> str:
    """The first 8 hex digits of a ``sha256:…`` content hash: a scenario version's name."""
    return content_hash.partition(":")[2][:8] or content_hash[:8]


def local_time(moment: datetime) -> str:
    """``YYYY-MM-DD HH:MM`` in the machine's time zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def iso_time(moment: datetime) -> str:
    """ISO 8601 with the machine's offset, to the second."""
    return moment.astimezone().isoformat(timespec="seconds")


def number(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def who(game: GameSummary) -> str:
    """``Alice: crisis_manager, pr_specialist; Bob: infosec_analyst`` (people, then bots)."""
    return "; ".join(f"{p}: {', '.join(game.roles_of(p))}" for p in game.players)


def who_short(game: GameSummary, limit: int = 60) -> str:
    """The players column of the table: the people with their roles, then how many bot seats.

    When that is too long the roles go, then the names are shortened to fit — but a person's
    name is never dropped for a bot's, so ``--player`` never shows a row of bots only."""
    bots = sum(1 for s in game.seats if s.bot)
    tail = [ngettext("{n} bot seat", "{n} bot seats", bots).format(n=bots)] if bots else []
    people = [one_line(p) for p in game.people]
    original = dict(zip(people, game.people, strict=True))
    full = "; ".join([*(f"{p}: {', '.join(game.roles_of(original[p]))}" for p in people), *tail])
    if cell_len(full) <= limit or not people:
        return full
    plus = f" + {tail[0]}" if tail else ""
    counted = ", ".join(
        _("{name} ({roles})").format(
            name=p,
            roles=roles[0]
            if len(roles) == 1
            else ngettext("{n} role", "{n} roles", len(roles)).format(n=len(roles)),
        )
        for p in people
        for roles in [game.roles_of(original[p])]
    )
    for text in (counted + plus, ", ".join(people) + plus):
        if cell_len(text) <= limit:
            return text
    each = max(4, (limit - (len(tail[0]) + 3 if tail else 0)) // len(people) - 2)
    return ", ".join(_clip(p, each) for p in people) + plus


#: The heads of the history table (``crisis-sim history``), translated where shown.
TABLE_HEAD = (N_("ID"), N_("Date"), N_("Scenario"), N_("Players (roles)"), N_("Ending"), N_("Team"))


def table(games: Sequence[GameSummary], max_players: int = 60) -> str:
    """An aligned plain-text table (wide characters measured as two columns).

    A scenario played in more than one version gets the version (short content hash) after
    its id, so rows of different texts are not mistaken for the same exercise.  Names and titles
    come from result files and scenarios: control characters are shown as escapes
    (:func:`game.textsafe.one_line`), so none reaches the terminal or breaks a row.
    """
    version_mark = {
        g.id: f"@{short_hash(g.content_hash)}"
        for g in games
        if len(versions(games).get(g.scenario_id, ())) > 1
    }
    head = tuple(_(h) for h in TABLE_HEAD)
    demo = _(" (demo)")
    rows = [
        (
            str(g.id),
            local_time(g.played_at),
            one_line(g.scenario_id) + (demo if g.demo else "") + version_mark.get(g.id, ""),
            who_short(g, max_players),
            one_line(g.ending_title or (_("(unfinished)") if not g.finished else "—")),
            number(g.team.total),
        )
        for g in games
    ]
    return "\n".join(aligned_rows(head, rows, right={0, 5})) + "\n"


def aligned_rows(head: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    """The lines of a plain-text table: the head, a rule of dashes, then the rows.

    Columns are as wide as their widest cell, measured in terminal cells (a wide character
    counts two), two spaces apart; the columns whose index is in ``right`` are right-aligned
    (numbers).  Cells must already be terminal-safe (:func:`game.textsafe.one_line`).
    """
    widths = [max(cell_len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            pad = " " * (width - cell_len(cell))
            parts.append(pad + cell if i in right else cell + pad)
        return "  ".join(parts).rstrip()

    return [line(head), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def _clip(text: str, limit: int) -> str:
    if cell_len(text) <= limit:
        return text
    while cell_len(text) > limit - 1:
        text = text[:-1]
    return text + "…"


def versions(games: Sequence[GameSummary]) -> dict[str, tuple[str, ...]]:
    """Each scenario's content hashes in the order they were first played."""
    seen: dict[str, dict[str, None]] = {}
    for g in sorted(games, key=lambda g: (g.played_at, g.id)):
        seen.setdefault(g.scenario_id, {})[g.content_hash] = None
    return {k: tuple(v) for k, v in seen.items()}


def version_notes(games: Sequence[GameSummary]) -> list[str]:
    """One line per scenario played in several versions: which, and how many games each."""
    notes = []
    for scenario, hashes in versions(games).items():
        if len(hashes) < 2:
            continue
        counts = [sum(1 for g in games if g.content_hash == h) for h in hashes]
        parts = ", ".join(
            ngettext("{version} ({n} game)", "{version} ({n} games)", n).format(
                version=short_hash(h), n=n
            )
            for h, n in zip(hashes, counts, strict=True)
        )
        notes.append(
            _(
                "note: {scenario} was played in {n} versions ({versions}, oldest first); "
                "scores of different versions are not directly comparable"
            ).format(scenario=scenario, n=len(hashes), versions=parts)
        )
    return notes


def player_rows(db: HistoryDB, games: Sequence[GameSummary]) -> list[list[str]]:
    """:data:`PLAYER_COLUMNS` rows: one per player per game, each game's people first."""
    cards = db.player_cards([g.id for g in games])
    rows = []
    for g in games:
        bots = {s.player for s in g.seats if s.bot}
        for p in g.players:
            card = cards.get(g.id, {}).get(p, Scores())
            rows.append(
                [
                    g.cohort or "",
                    iso_time(g.played_at),
                    str(g.id),
                    g.scenario_id,
                    g.scenario_title,
                    short_hash(g.content_hash),
                    g.content_hash,
                    p,
                    "1" if p in bots else "0",
                    ";".join(g.roles_of(p)),
                    number(card.speed),
                    number(card.priorities),
                    number(card.communication),
                    number(card.total),
                    g.ending_title or (_("(unfinished)") if not g.finished else ""),
                ]
            )
    return rows


def player_csv(db: HistoryDB, games: Sequence[GameSummary]) -> str:
    """The per-player rows as CSV text (``\r\n`` rows, formulas neutralised)."""
    return csv_text(PLAYER_COLUMNS, player_rows(db, games))


def player_csv_head() -> str:
    """The per-player CSV of no games: its header row."""
    return csv_text(PLAYER_COLUMNS, [])


def to_csv(games: Sequence[GameSummary]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for g in games:
        row = [
            g.id,
            iso_time(g.played_at),
            g.scenario_id,
            g.scenario_title,
            g.content_hash,
            ";".join(g.players),
            ";".join(f"{s.role}:{s.player}" for s in g.seats),
            g.ending_id or "",
            g.ending_title or "",
            number(g.duration, 1),
            number(g.team.speed),
            number(g.team.priorities),
            number(g.team.communication),
            number(g.team.total),
            int(g.demo),
            g.result_file or "",
            g.cohort or "",
        ]
        writer.writerow([neutralise_formula(str(cell)) for cell in row])
    return out.getvalue()


def game_dict(db: HistoryDB, g: GameSummary) -> dict[str, Any]:
    scores = db.scores(g.id)
    record = db.result(g.id).to_dict()
    return {
        "id": g.id,
        "played_at": iso_time(g.played_at),
        "scenario": {
            "id": g.scenario_id,
            "title": g.scenario_title,
            "content_hash": g.content_hash,
        },
        "seats": [{"role": s.role, "player": s.player, "bot": s.bot} for s in g.seats],
        "players": list(g.players),
        "ending": {"id": g.ending_id, "title": g.ending_title} if g.ending_id else None,
        "duration": g.duration,
        "finished": g.finished,
        "demo": g.demo,
        "cohort": g.cohort,
        "scores": {
            "team": g.team.to_dict(),
            "roles": {k: v.to_dict() for k, v in scores["role"].items()},
            "players": {k: v.to_dict() for k, v in scores["player"].items()},
        },
        "objectives": [
            {"id": o["id"], "rating": o["rating"], "score": o["score"]} for o in db.objectives(g.id)
        ],
        "result_file": g.result_file,
        "feedback": record.get("feedback", []),
        "facilitator_notes": record.get("facilitator_notes", ""),
    }


def to_json(db: HistoryDB | None, games: Sequence[GameSummary], database: str) -> str:
    payload = {
        "format": HISTORY_FORMAT,
        "database": database,
        "games": [game_dict(db, g) for g in games] if db is not None else [],
    }
    return json_safe(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"
