"""The debrief: the ending; speed, priorities, communication and total per role and for the team;
the objectives (P/S/M/U); why points were lost and what went well; the metrics over the turns;
and buttons to save the HTML report and the result JSON, play again or quit.

Everything shown comes from the scoring's result record (``game.report.build_result``), the same
one the HTML report and the terminal debrief read.

The game is recorded in the results history as soon as the debrief is entered (on a worker
thread: a locked database can make that wait; see :meth:`game.ui.app.App.record`).  Until it is
done a line says so; then it says where the result JSON went (or what went wrong with the
database), and each person's role row shows their best on this scenario in that role before
this game.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pygame

from game.files import write_atomic
from game.report.result import build_result
from game.scoring.rules import HSEEP_MEANING
from game.ui.background import Job
from game.ui.input import Command, Kind
from game.ui.match import Match
from game.ui.recording import Recorded, best_label
from game.ui.scene import Scene
from game.ui.scenes.common import Frame, draw_header, footer, role_title
from game.ui.widgets import Box, Button, Custom, Row, ScrollView, Text

DIMS = (
    ("speed", "Speed"),
    ("priorities", "Priorities"),
    ("communication", "Communication"),
    ("total", "Total"),
)


class DebriefScene(Scene):
    name = "debrief"

    def __init__(self, app, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.result = build_result(
            match.session,
            started_at=match.started_at,
            finished_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            cohort=match.cohort,
        )
        self.notice = ""
        self.job: Job[Recorded] | None = None
        self._shown_done = False

    def enter(self) -> None:
        if self.match.session.finished:
            self.job = self.app.record(self.match, self.result)
        super().enter()

    def update(self, dt: float) -> None:
        if self.job is not None and self.job.done and not self._shown_done:
            self._shown_done = True
            self.invalidate()
        super().update(dt)

    @property
    def recorded(self) -> Recorded | None:
        """What the recording kept, once it is done (None before, or if it failed)."""
        job = self.job
        return job.result if job is not None and job.done and self._shown_done else None

    def _record_box(self) -> Box | None:
        job = self.job
        if job is None:
            return None
        if not (job.done and self._shown_done):
            return Box(
                [Text("Saving the result and adding it to the history…", "small", "text_dim")],
                stripe="accent",
                key="record",
            )
        rec = job.result
        if rec is None:
            return Box(
                [Text(f"The result could not be recorded: {job.error}", "small", "bad")],
                stripe="bad",
                key="record",
            )
        o = rec.outcome
        if o.skipped:
            return Box([Text(o.message, "small", "text_dim")], stripe="border", key="record")
        if o.ok:
            return Box([Text(o.message, "small", "good")], stripe="good", key="record")
        lines = [Text("The results history has a problem", "body", "bad"), Text(o.message, "small")]
        if rec.best_error and rec.best_error != o.db_error:
            lines.append(Text(f"Previous bests not shown: {rec.best_error}", "small", "text_dim"))
        return Box(lines, bg="panel_alt", stripe="bad", key="record")

    # -- building ----------------------------------------------------------------------------

    def build(self) -> list[ScrollView]:
        t = self.app.theme
        self.frame = Frame(
            self.app.size,
            t,
            [
                "H Save the HTML report",
                "J Save the result (JSON)",
                "A Play again",
                "T Title screen",
                "Q Quit",
            ],
        )
        res = self.result
        body = self.frame.body
        narrow = body.width < t.sizes["body"] * 50
        lw = body.width if narrow else int(body.width * 0.56)
        left = pygame.Rect(body.x, body.y, lw, body.height)
        right = pygame.Rect(body.x + lw + t.pad, body.y, body.width - lw - t.pad, body.height)
        ending = res.ending
        items = []
        record = self._record_box()
        if record is not None:
            items.append(record)
        if self.notice:
            items.append(Box([Text(self.notice, "small", "good")], stripe="good"))
        if ending is not None:
            items.append(
                Box(
                    [
                        Text(f"Ending: {ending.title}", "heading"),
                        Text(ending.text.strip() or "", colour="text_dim"),
                    ],
                    stripe="accent",
                )
            )
        people = {s.role: s.player for s in res.seats if s.player and not s.bot}
        rec = self.recorded
        rows: list[tuple[str, object, str]] = [("Team", res.scores.team, "")]
        for r in res.roles:
            if r not in res.scores.roles:
                continue
            label, best = role_title(r), ""
            if r in people:
                label = f"{label} · {people[r]}"
                if self.job is not None and not self._shown_done:
                    best = "Your best before: …"
                elif rec is not None and rec.best_error is None:
                    best = best_label(rec.bests.get(r))
            rows.append((label, res.scores.roles[r], best))
        players = [p for p in res.players if p in res.scores.players]
        if len(players) > 1 or (players and players[0] not in res.roles):
            rows += [(f"Player: {p}", res.scores.players[p], "") for p in players]
        items.append(Text("Scores (0–100)", "heading"))
        #: the previous-best line shown beside each score row (tests read it)
        self.best_labels = {label: best for label, _, best in rows if best}
        for label, card, best in rows:
            items.append(self._score_row(label, card, best))
        items.append(Text("Exercise objectives", "heading"))
        for o in res.objectives:
            rating = o.rating or "–"
            items.append(
                Row(
                    [
                        Custom(
                            t.line_height("big"),
                            lambda s, r, rating=rating: self._badge(s, r, rating),
                            width=t.line_height("big"),
                        ),
                        Box(
                            [
                                Text(o.text),
                                Text(
                                    f"{HSEEP_MEANING.get(o.rating or '', 'Not rated')}"
                                    + (f" · {o.score:.0f}/100" if o.score is not None else ""),
                                    "small",
                                    "text_dim",
                                ),
                            ],
                            bg=None,
                            padding=0,
                        ),
                    ],
                    [t.line_height("big"), None],
                )
            )
        if not res.objectives:
            items.append(Text("This scenario names no objectives.", "small", "text_dim"))
        items.append(Text("Why points were lost", "heading"))
        deductions = sorted(res.deductions.team, key=lambda d: -d.points)
        for d in deductions[:40]:
            who = ", ".join(role_title(r) for r in d.roles)
            items.append(
                Box(
                    [
                        Text(
                            f"−{d.points:.1f} {d.dimension}" + (f" · {who}" if who else ""),
                            "small",
                            "bad",
                        ),
                        Text(d.reason),
                        Text(d.action, "small", "text_dim") if d.action else None,
                    ],
                    bg="panel_alt",
                    stripe="bad",
                )
            )
        if not deductions:
            items.append(Text("No points lost.", colour="good"))
        if len(deductions) > 40:
            items.append(
                Text(f"… and {len(deductions) - 40} more in the HTML report.", "small", "text_dim")
            )
        items.append(Text("What went well", "heading"))
        for s in res.strengths.team[:30]:
            items.append(Box([Text("✓ " + s.reason)], bg="panel_alt", stripe="good"))
        if not res.strengths.team:
            items.append(Text("Nothing stood out this time.", "small", "text_dim"))

        n_metrics = len(res.scenario.metrics)
        chart = [
            Text("The situation, turn by turn", "heading"),
            Custom(lambda w: max(200, int(w * 0.7)), self._chart, key="chart"),
            Custom(n_metrics * t.line_height("small"), self._legend, key="legend"),
        ]
        buttons = [
            Button("Save the HTML report", self.save_html, style="primary", hint="H", key="html"),
            Button("Save the result (JSON)", self.save_json, hint="J", key="json"),
            Button("Play again", self.again, hint="A", key="again"),
            Button("Title screen", self.app.title, hint="T", key="title"),
            Button("Quit", self.app.quit, hint="Q", key="quit"),
        ]
        return [
            ScrollView("summary", left, items),
            ScrollView("chart", right, chart, bg="panel"),
            footer(self.frame, buttons),
        ]

    def _score_row(self, label: str, card, best: str = "") -> Custom:
        """The label (and the player's previous best: beside it, or below when it does not
        fit) over the four scores with their bars."""
        t = self.app.theme
        lh = t.line_height("small")
        body = t.line_height("body")

        def beside(width: int) -> bool:
            return t.width(label, "body") + t.pad * 2 + t.width(best, "small") <= width

        def height(width: int) -> int:
            extra = 0 if not best or beside(width) else lh
            return body + extra + lh + 14

        def paint(surf: pygame.Surface, r: pygame.Rect) -> None:
            p = t.palette
            t.blit_text(surf, label, (r.x, r.y), "body", p.text)
            y = r.y + body
            if best:
                colour = p.accent if best.startswith("Your best") else p.text_dim
                if beside(r.width):
                    x = r.right - t.width(best, "small")
                    t.blit_text(surf, best, (x, r.y + (body - lh) // 2), "small", colour)
                else:
                    t.blit_text(surf, best, (r.x, y), "small", colour)
                    y += lh
            col = r.width // 4
            for i, (key, name) in enumerate(DIMS):
                v = getattr(card, key)
                x = r.x + i * col
                t.blit_text(
                    surf,
                    f"{name} {'–' if v is None else f'{v:.0f}'}",
                    (x, y),
                    "small",
                    p.text_dim if key != "total" else p.text,
                )
                bar = pygame.Rect(x, y + lh, col - t.pad, 8)
                pygame.draw.rect(surf, p.panel_alt, bar, border_radius=4)
                if v is not None:
                    c = p.good if v >= 70 else p.warn if v >= 40 else p.bad
                    pygame.draw.rect(
                        surf, c, (bar.x, bar.y, int(bar.w * v / 100), bar.h), border_radius=4
                    )

        return Custom(height, paint)

    def _badge(self, surf: pygame.Surface, r: pygame.Rect, rating: str) -> None:
        t = self.app.theme
        c = getattr(t.palette, f"rating_{rating}", t.palette.disabled)
        pygame.draw.rect(surf, c, r, border_radius=6)
        w = t.width(rating, "heading")
        t.blit_text(
            surf,
            rating,
            (r.centerx - w // 2, r.y + (r.h - t.line_height("heading")) // 2),
            "heading",
            (15, 15, 15),
        )

    def _series(self) -> list[tuple[str, list[float], str]]:
        res = self.result
        out = []
        for m in res.scenario.metrics:
            values = [res.metrics_start.get(m.id, 0.0)]
            values += [h.get(m.id, values[-1]) for h in res.metrics_history]
            out.append((m.label, values, m.good))
        return out

    def _chart(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        t = self.app.theme
        p = t.palette
        series = self._series()
        lh = t.line_height("small")
        plot = pygame.Rect(r.x + t.pad * 3, r.y + 4, r.width - t.pad * 4, r.height - lh - 12)
        pygame.draw.rect(surf, p.panel_alt, plot)
        metrics = self.result.scenario.metrics
        n = max((len(v) for _, v, _ in series), default=1)
        for frac in (0.25, 0.5, 0.75):
            y = plot.bottom - int(plot.height * frac)
            pygame.draw.line(surf, p.border, (plot.x, y), (plot.right, y), 1)
        for i in range(n):
            x = plot.x + (plot.width * i // max(1, n - 1))
            label = "start" if i == 0 else f"T{i}"
            t.blit_text(
                surf,
                label,
                (x - t.width(label, "small") // 2, plot.bottom + 4),
                "small",
                p.text_dim,
            )
        for k, ((_, values, _), m) in enumerate(zip(series, metrics, strict=True)):
            lo = m.min if m.min is not None else min([*values, 0])
            hi = m.max if m.max is not None else max([*values, lo + 1])
            span = max(1e-9, hi - lo)
            pts = [
                (
                    plot.x + plot.width * i // max(1, n - 1),
                    plot.bottom - int(plot.height * (v - lo) / span),
                )
                for i, v in enumerate(values)
            ]
            c = p.series[k % len(p.series)]
            if len(pts) > 1:
                pygame.draw.lines(surf, c, False, pts, 3)
            for x, y in pts:  # markers differ by series too (shape, not only colour)
                if k % 3 == 0:
                    pygame.draw.circle(surf, c, (x, y), 4)
                elif k % 3 == 1:
                    pygame.draw.rect(surf, c, (x - 4, y - 4, 8, 8))
                else:
                    pygame.draw.polygon(surf, c, [(x, y - 5), (x + 5, y + 4), (x - 5, y + 4)])

    def _legend(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        t = self.app.theme
        p = t.palette
        lh = t.line_height("small")
        for k, (label, values, good) in enumerate(self._series()):
            y = r.y + k * lh
            c = p.series[k % len(p.series)]
            pygame.draw.rect(surf, c, (r.x, y + lh // 3, 18, 6))
            better = "higher is better" if good == "high" else "lower is better"
            text = f"{label}: {values[0]:g} → {values[-1]:g} ({better})"
            t.blit_text(
                surf, t.wrap(text, "small", r.width - 26)[0], (r.x + 26, y), "small", p.text
            )

    # -- buttons -----------------------------------------------------------------------------

    def _out(self, suffix: str) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = self.app.data_dir / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{self.result.scenario.id}-{stamp}{suffix}"

    def save_html(self) -> None:
        from game.report.html import render_report

        try:
            path = write_atomic(self._out(".html"), render_report(self.result))
            self.notice = f"Report saved: {path}"
        except OSError as e:
            self.notice = f"Could not save the report: {e}"
        self.invalidate()

    def save_json(self) -> None:
        try:
            path = write_atomic(self._out(".json"), self.result.to_json())
            self.notice = f"Result saved: {path}"
        except OSError as e:
            self.notice = f"Could not save the result: {e}"
        self.invalidate()

    def again(self) -> None:
        from game.ui.scenes.seats import SeatsScene

        s = self.match.session
        named = {r: seat.player for r, seat in s.seats.items() if seat.player}
        sc = s.scenario
        self.app.title()
        self.app.push(SeatsScene(self.app, sc, named=named))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        team = self.result.scores.team.total
        draw_header(
            surface,
            self.app.theme,
            self.frame,
            f"Debrief: {self.result.ending.title if self.result.ending else 'game over'}",
            self.result.scenario.title,
            right=f"Team {team:.0f}/100" if team is not None else "",
        )

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.SHORTCUT:
            action = {
                "h": self.save_html,
                "j": self.save_json,
                "a": self.again,
                "t": self.app.title,
                "q": self.app.quit,
            }.get(cmd.text)
            if action is not None:
                action()
        elif cmd.kind is Kind.BACK:
            self.app.title()
        else:
            super().handle(cmd)
