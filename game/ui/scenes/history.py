"""The results history: the most recent finished games (date, scenario, players, ending, team
total), newest first, read off the frame loop; demo games kept with ``--record-demo`` are
marked.  An empty history says so; a damaged database shows the store's message.  Each game is
a focusable row, so Tab and the arrows walk the list and keep the highlighted game in view;
Page Up/Down and the wheel scroll."""

from __future__ import annotations

import datetime as dt

import pygame

from game.i18n import _, format_list, ngettext
from game.scoring.wording import score
from game.store import GameSummary, StoreError, db_path
from game.store.queries import RecentGame, recent_games_with_players, stored_result
from game.ui.background import Job
from game.ui.input import Command, Kind
from game.ui.recording import day_text
from game.ui.scene import Scene
from game.ui.scenes.common import Frame, back_button, draw_header, footer, role_title
from game.ui.widgets import Box, Card, Row, ScrollView, Text

LIMIT = 100


def players_text(g: GameSummary, totals: dict[str, float | None] | None = None) -> str:
    """``Ana (Crisis Manager) 84, Ben (PR Specialist) 77 · 3 bots``: each person with their
    own total (when ``totals`` has it), not only the team's."""
    people: dict[str, list[str]] = {}
    bots = 0
    for s in g.seats:
        if s.bot:
            bots += 1
        else:
            people.setdefault(s.player, []).append(role_title(s.role))
    totals = totals or {}
    parts = [
        (_("{player} ({roles}) {score}") if p in totals else _("{player} ({roles})")).format(
            player=p,
            roles=format_list(roles),
            score=score(totals[p]) if p in totals else "",
        )
        for p, roles in people.items()
    ]
    if not parts:
        return _("bots only")
    text = format_list(parts)
    if bots:
        text = ngettext("{people} · {n} bot", "{people} · {n} bots", bots).format(
            people=text, n=bots
        )
    return text


def played_text(g: GameSummary) -> str:
    """``12 May 2025, 14:03`` in the machine's time zone."""
    when = g.played_at.astimezone()
    return _("{date}, {time}").format(date=day_text(when), time=f"{when:%H:%M}")


class HistoryScene(Scene):
    name = "history"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.job: Job[list[RecentGame]] | None = None
        self.games: list[GameSummary] | None = None  # None while loading
        #: game id → each player's own total
        self.totals: dict[int, dict[str, float | None]] = {}
        self.error = ""

    def enter(self) -> None:
        if self.job is None:
            o = self.app.options
            data = self.app.data_dir
            self.path = db_path(o.db, data)
            self.job = Job(
                lambda: recent_games_with_players(LIMIT, o.db, data_dir=data, include_demo=True),
                name="history",
            )
        super().enter()

    def update(self, dt: float) -> None:
        job = self.job
        if job is not None and job.done and self.games is None and not self.error:
            if isinstance(job.error, StoreError | OSError):
                self.error = str(job.error)
            elif job.error is not None:
                self.error = _("The history could not be read: {error}").format(error=job.error)
            else:
                rows = job.result or []
                self.games = [row.game for row in rows]
                self.totals = {row.game.id: row.player_totals for row in rows}
            self.rebuild()
            if self.games:
                self.focus_key(f"game-{self.games[0].id}")  # the newest game
        super().update(dt)

    def build(self) -> list[ScrollView]:
        t = self.app.theme
        self.frame = Frame(self.app.size, t)
        items: list = []
        if self.error:
            items.append(
                Box(
                    [
                        Text(_("The results history cannot be read"), "heading", "bad"),
                        Text(self.error),
                        Text(
                            _(
                                "Finished games are still saved as result files in the data "
                                "folder; `crisis-sim history` shows the same problem."
                            ),
                            "small",
                            "text_dim",
                        ),
                    ],
                    stripe="bad",
                    key="error",
                )
            )
        elif self.games is None:
            items.append(Text(_("Reading the history…"), colour="text_dim"))
        elif not self.games:
            items.append(
                Box(
                    [
                        Text(_("No games recorded yet."), "heading"),
                        Text(
                            _(
                                "Every game finished in this window (or with `crisis-sim play "
                                "--text`) is added here with its scores."
                            ),
                            colour="text_dim",
                        ),
                    ],
                    key="empty",
                )
            )
        else:
            wide = self.frame.body.width >= t.sizes["body"] * 50
            items.append(
                Text(
                    _(
                        "Enter (or a click) opens a game's debrief. Each person's own total "
                        "follows their name; the big number is the team's."
                    ),
                    "small",
                    "text_dim",
                )
            )
            for g in self.games:
                items.append(self._row(g, wide))
        return [
            ScrollView("list", self.frame.body, items),
            footer(self.frame, [back_button(self.app.pop)]),
        ]

    def _row(self, g: GameSummary, wide: bool) -> Card:
        t = self.app.theme
        total = score(g.team.total)
        who = players_text(g, self.totals.get(g.id))
        title = (
            _("{scenario} (demo)").format(scenario=g.scenario_title) if g.demo else g.scenario_title
        )
        ending = g.ending_title or (_("unfinished") if not g.finished else _("no ending"))
        team = Box(
            [
                Text(total, "big", "accent", align="right"),
                # TRANSLATORS: under the team's total in a row of the history
                Text(_("team"), "small", "text_dim", "right"),
            ],
            bg=None,
            padding=0,
            spacing=0,
        )
        score_w = t.width("100", "big") + t.pad * 2
        if wide:
            main = Box(
                [Text(title, "heading"), Text(who, "small", "text_dim")],
                bg=None,
                padding=0,
            )
            when = Text(played_text(g), "small", "text_dim")
            end = Box([Text(_("Ending"), "small", "text_dim"), Text(ending)], bg=None, padding=0)
            widest = dt.datetime(2025, 9, 28, 23, 59)  # the widest day and time to show
            date_w = (
                t.width(_("{date}, {time}").format(date=day_text(widest), time="23:59"), "small")
                + t.pad
            )
            end_w = self.frame.body.width * 3 // 10
            row = Row([when, main, end, team], [date_w, None, end_w, score_w])
        else:
            main = Box(
                [
                    Text(played_text(g), "small", "text_dim"),
                    Text(title, "heading"),
                    Text(who, "small", "text_dim"),
                    Text(_("Ending: {ending}").format(ending=ending), "small"),
                ],
                bg=None,
                padding=0,
            )
            row = Row([main, team], [None, score_w])
        return Card([row], action=lambda g=g: self.open(g), key=f"game-{g.id}")

    def open(self, g: GameSummary) -> None:
        """The game's debrief, from its stored result (the history database keeps it whole)."""
        from game.ui.scenes.debrief import DebriefScene

        try:
            result = stored_result(g.id, self.app.options.db, data_dir=self.app.data_dir)
        except (StoreError, OSError) as e:
            self.app.toasts.show(_("This game cannot be opened: {error}").format(error=e), "bad")
            return
        self.app.push(DebriefScene(self.app, None, result=result))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        n = len(self.games) if self.games else 0
        sub = str(getattr(self, "path", ""))
        if n:
            sub = ngettext(
                "{n} most recent game, newest first · {path}",
                "{n} most recent games, newest first · {path}",
                n,
            ).format(n=n, path=sub)
        draw_header(surface, self.app.theme, self.frame, _("Results history"), sub)

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK or (cmd.kind is Kind.SHORTCUT and cmd.text == "b"):
            self.app.pop()
        elif cmd.kind in (Kind.PAGE_UP, Kind.PAGE_DOWN) and self.views:
            view = self.views[0]
            step = view.rect.height * 4 // 5
            view.scroll_by(-step if cmd.kind is Kind.PAGE_UP else step)
        else:
            super().handle(cmd)
