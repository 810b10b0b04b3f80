"""The history as a text table, CSV or JSON (``crisis-sim history``, ``--csv``, ``--json``).

CSV: one row per game, columns :data:`CSV_COLUMNS`; seats as ``role:player`` joined by ``;``;
formula-like cells get an apostrophe (:func:`game.textsafe.neutralise_formula`).
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

from game.store.database import GameSummary, HistoryDB
from game.textsafe import json_safe, neutralise_formula, one_line

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
)


def local_time(moment: datetime) -> str:
    """``YYYY-MM-DD HH:MM`` in the machine's time zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def iso_time(moment: datetime) -> str:
    """ISO 8601 with the machine's offset, to the second."""
    return moment.astimezone().isoformat(timespec="seconds")


def number(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def who(game: GameSummary) -> str:
    """``Alice: crisis_manager, pr_specialist; Bob: infosec_analyst``."""
    return "; ".join(f"{p}: {', '.join(game.roles_of(p))}" for p in game.players)


def table(games: Sequence[GameSummary], max_players: int = 60) -> str:
    """An aligned plain-text table (wide characters measured as two columns).

    Names and titles come from result files and scenarios: control characters are shown as
    escapes (:func:`game.textsafe.one_line`), so none reaches the terminal or breaks a row.
    """
    head = ("ID", "Date", "Scenario", "Players (roles)", "Ending", "Team")
    rows = [
        (
            str(g.id),
            local_time(g.played_at),
            one_line(g.scenario_id) + (" (demo)" if g.demo else ""),
            _clip(one_line(who(g)), max_players),
            one_line(g.ending_title or ("(unfinished)" if not g.finished else "—")),
            number(g.team.total),
        )
        for g in games
    ]
    widths = [max(cell_len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    right = {0, 5}

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            pad = " " * (width - cell_len(cell))
            parts.append(pad + cell if i in right else cell + pad)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(head), rule, *(line(r) for r in rows)]) + "\n"


def _clip(text: str, limit: int) -> str:
    if cell_len(text) <= limit:
        return text
    while cell_len(text) > limit - 1:
        text = text[:-1]
    return text + "…"


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
        ]
        writer.writerow([neutralise_formula(str(cell)) for cell in row])
    return out.getvalue()


def game_dict(db: HistoryDB, g: GameSummary) -> dict[str, Any]:
    scores = db.scores(g.id)
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
        "scores": {
            "team": g.team.to_dict(),
            "roles": {k: v.to_dict() for k, v in scores["role"].items()},
            "players": {k: v.to_dict() for k, v in scores["player"].items()},
        },
        "objectives": [
            {"id": o["id"], "rating": o["rating"], "score": o["score"]} for o in db.objectives(g.id)
        ],
        "result_file": g.result_file,
    }


def to_json(db: HistoryDB | None, games: Sequence[GameSummary], database: str) -> str:
    payload = {
        "format": HISTORY_FORMAT,
        "database": database,
        "games": [game_dict(db, g) for g in games] if db is not None else [],
    }
    return json_safe(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"
