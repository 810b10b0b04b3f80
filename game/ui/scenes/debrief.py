"""The debrief: the ending; speed, priorities, communication and total per role and for the team;
the objectives (P/S/M/U); why points were lost and what went well; the metrics over the turns;
and buttons to save the HTML report and the result JSON, fill in the hotwash feedback form
(:mod:`game.ui.scenes.feedback`), play again or quit.

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
from game.i18n import N_, _, format_list, ngettext
from game.report.debrief import outcome_lines
from game.report.result import Result, build_result
from game.scoring.rules import HSEEP_MEANING
from game.scoring.wording import player_label, points, score
from game.ui.background import Job
from game.ui.input import Command, Kind
from game.ui.match import Match
from game.ui.recording import Recorded, best_label
from game.ui.scene import Scene
from game.ui.scenes.common import (
    DIMS,
    Frame,
    dimension_name,
    draw_header,
    footer,
    role_title,
    title_width,
)
from game.ui.widgets import Box, Button, Custom, Row, ScrollView, Text, Widget

#: The meanings of the HSEEP ratings as ``game.scoring.rules.HSEEP_MEANING`` words them, marked
#: here too so that the window's catalog holds them whatever that table does.
_RATING_MEANINGS = (
    N_("Performed without challenges"),
    N_("Performed with some challenges"),
    N_("Performed with major challenges"),
    N_("Unable to be performed"),
)


def rating_meaning(rating: str | None) -> str:
    """What an objective's rating (P/S/M/U) means, in the reader's language."""
    meaning = HSEEP_MEANING.get(rating or "")
    return _(meaning) if meaning else _("Not rated")


class DebriefScene(Scene):
    name = "debrief"

    def __init__(self, app, match: Match | None, result: Result | None = None) -> None:
        """The debrief of the game just played (``match``), or of a stored game opened from
        the history (``result``, no match): that one is not recorded again, and Esc or T goes
        back to the history."""
        super().__init__(app)
        self.match = match
        if result is None:
            assert match is not None
            result = build_result(
                match.session,
                started_at=match.started_at,
                finished_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                cohort=match.cohort,
            )
        self.result = result
        self.notice = ""
        self.notice_ok = True
        self.job: Job[Recorded] | None = None
        self._shown_done = False

    def enter(self) -> None:
        if self.match is not None and self.match.session.finished:
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
                [Text(_("Saving the result and adding it to the history…"), "small", "text_dim")],
                stripe="accent",
                key="record",
            )
        rec = job.result
        if rec is None:
            return Box(
                [
                    Text(
                        _("The result could not be recorded: {error}").format(error=job.error),
                        "small",
                        "bad",
                    )
                ],
                stripe="bad",
                key="record",
            )
        o = rec.outcome
        if o.skipped:
            return Box([Text(o.message, "small", "text_dim")], stripe="border", key="record")
        if o.ok:
            return Box([Text(o.message, "small", "good")], stripe="good", key="record")
        lines = [
            Text(_("The results history has a problem"), "body", "bad"),
            Text(o.message, "small"),
        ]
        if rec.best_error and rec.best_error != o.db_error:
            lines.append(
                Text(
                    _("Previous bests not shown: {error}").format(error=rec.best_error),
                    "small",
                    "text_dim",
                )
            )
        return Box(lines, bg="panel_alt", stripe="bad", key="record")

    # -- building ----------------------------------------------------------------------------

    def _footer_keys(self) -> list[str]:
        middle = ["hotwash", "again"] if self.match is not None else ["back"]
        return ["html", "json", *middle, "title", "quit"]

    def _footer_labels(self) -> list[tuple[str, str]]:
        """(key, label) of each footer button: short, so that at large text the footer takes
        fewer rows and leaves the debrief itself room on a small window."""
        labels = {
            "html": ("H", _("Save report (HTML)")),
            "json": ("J", _("Save result (JSON)")),
            # TRANSLATORS: the feedback form filled in right after the exercise
            "hotwash": ("F", _("Hotwash")),
            "again": ("A", _("Play again")),
            "back": ("Esc", _("History")),
            # TRANSLATORS: a button: back to the title screen
            "title": ("T", _("Title")),
            "quit": ("Q", _("Quit")),
        }
        return [labels[k] for k in self._footer_keys()]

    def build(self) -> list[ScrollView]:
        t = self.app.theme
        self.frame = Frame(
            self.app.size,
            t,
            [f"{hint} {label}" for hint, label in self._footer_labels()],
            title=self._title(),
            right=self._team(),
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
            ok = "good" if self.notice_ok else "bad"
            items.append(Box([Text(self.notice, "small", ok)], stripe=ok, key="notice"))
        if ending is not None:
            causes, lost = outcome_lines(res)
            lines: list[Widget] = [
                Text(_("Ending: {ending}").format(ending=ending.title), "heading"),
                Text(ending.text.strip() or "", colour="text_dim"),
            ]
            if causes:
                lines.append(Text(_("What your team did that led here"), "small"))
                lines += [Text(f"• {c}", "small", "text_dim") for c in causes]
            if lost:
                lines.append(Text(_("Not delivered (the channel was down)"), "small", "bad"))
                lines += [Text(f"• {x}", "small", "bad") for x in lost]
            items.append(Box(lines, stripe="accent"))
        people = {s.role: s.player for s in res.seats if s.player and not s.bot}
        rec = self.recorded
        rows: list[tuple[str, object, str]] = [(_("Team"), res.scores.team, "")]
        for r in res.roles:
            if r not in res.scores.roles:
                continue
            label, best = role_title(r), ""
            if r in people:
                label = f"{label} · {people[r]}"
                if self.job is not None and not self._shown_done:
                    best = _("Your best before: …")
                elif rec is not None and rec.best_error is None:
                    best = best_label(rec.bests.get(r))
            rows.append((label, res.scores.roles[r], best))
        players = [p for p in res.players if p in res.scores.players]
        if len(players) > 1 or (players and players[0] not in res.roles):
            rows += [
                (_("Player: {name}").format(name=player_label(p)), res.scores.players[p], "")
                for p in players
            ]
        items.append(Text(_("Scores (0–100)"), "heading"))
        #: the previous-best line shown beside each score row (tests read it)
        self.best_labels = {label: best for label, _card, best in rows if best}
        first = _("Your first game in this role here")
        #: rows whose line is a previous best (accent), not "your first game" (dim)
        self._best_colour = {label: best != first for label, _card, best in rows}
        for label, card, best in rows:
            items.append(self._score_row(label, card, best))
        items.append(Text(_("Exercise objectives"), "heading"))
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
                                    _("{meaning} · {score}/100").format(
                                        meaning=rating_meaning(o.rating), score=score(o.score)
                                    )
                                    if o.score is not None
                                    else rating_meaning(o.rating),
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
            items.append(Text(_("This scenario names no objectives."), "small", "text_dim"))
        items.append(Text(_("Why points were lost"), "heading"))
        deductions = sorted(res.deductions.team, key=lambda d: -d.points)
        for d in deductions[:40]:
            lost_line = _("−{points} {dimension}").format(
                points=points(d.points), dimension=dimension_name(d.dimension)
            )
            if d.roles:
                lost_line = _("−{points} {dimension} · {roles}").format(
                    points=points(d.points),
                    dimension=dimension_name(d.dimension),
                    roles=format_list([role_title(r) for r in d.roles]),
                )
            items.append(
                Box(
                    [
                        Text(
                            lost_line,
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
            items.append(Text(_("No points lost."), colour="good"))
        if len(deductions) > 40:
            more = len(deductions) - 40
            items.append(
                Text(
                    ngettext(
                        "… and {n} more in the HTML report.",
                        "… and {n} more in the HTML report.",
                        more,
                    ).format(n=more),
                    "small",
                    "text_dim",
                )
            )
        items.append(Text(_("What went well"), "heading"))
        for s in res.strengths.team[:30]:
            items.append(Box([Text("✓ " + s.reason)], bg="panel_alt", stripe="good"))
        if not res.strengths.team:
            items.append(Text(_("Nothing stood out this time."), "small", "text_dim"))

        n_metrics = len(res.scenario.metrics)
        chart = [
            Text(_("The situation, turn by turn"), "heading"),
            Custom(self._chart_height, self._chart, key="chart"),
            Custom(n_metrics * t.line_height("small"), self._legend, key="legend"),
        ]
        actions = {
            "html": self.save_html,
            "json": self.save_json,
            "hotwash": self.hotwash,
            "again": self.again,
            "back": self.app.pop,
            "title": self.app.title,
            "quit": self.app.quit,
        }
        buttons = [
            Button(
                label,
                actions[key],
                style="primary" if key == "html" else "normal",
                hint=hint,
                key=key,
            )
            for (hint, label), key in zip(self._footer_labels(), self._footer_keys(), strict=True)
        ]
        return [
            *(
                [ScrollView("summary", left, [*items, Box(chart)])]  # one column: chart last
                if narrow
                else [
                    ScrollView("summary", left, items),
                    ScrollView("chart", right, chart, bg="panel"),
                ]
            ),
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
                colour = p.accent if self._best_colour.get(label) else p.text_dim
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
                # never into the next column: cut by width if a long name meets a narrow one
                t.blit_text(
                    surf,
                    t.fit(
                        _("{dimension} {score}").format(dimension=_(name), score=score(v)),
                        "small",
                        col - t.pad,
                    ),
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

    def _groups(self) -> list[tuple[float, float, list[int]]]:
        """The metrics grouped by scale: each group is one chart with its own y axis, so a
        metric in $M is never drawn against the 0–100 axis of the others.  The group with the
        most metrics comes first."""
        series = self._series()
        groups: dict[tuple[float, float], list[int]] = {}
        for k, ((_label, values, _good), m) in enumerate(
            zip(series, self.result.scenario.metrics, strict=True)
        ):
            lo = m.min if m.min is not None else min([*values, 0])
            hi = m.max if m.max is not None else max([*values, lo + 1])
            groups.setdefault((float(lo), float(hi)), []).append(k)
        ordered = sorted(groups.items(), key=lambda kv: -len(kv[1]))
        return [(lo, hi, ks) for (lo, hi), ks in ordered]

    def _chart_height(self, width: int) -> int:
        main = max(200, int(width * 0.7))
        extra = len(self._groups()) - 1
        return main + extra * max(120, int(width * 0.3))

    def _chart(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        groups = self._groups()
        main = max(200, int(r.width * 0.7))
        small = max(120, int(r.width * 0.3))
        y = r.y
        for n, (lo, hi, ks) in enumerate(groups):
            h = main if n == 0 else small
            self._chart_group(surf, pygame.Rect(r.x, y, r.width, h - 6), lo, hi, ks, n > 0)
            y += h

    def _chart_group(
        self,
        surf: pygame.Surface,
        r: pygame.Rect,
        lo: float,
        hi: float,
        ks: list[int],
        titled: bool,
    ) -> None:
        """One chart: the y axis labelled with its scale, the turns along x, one line per
        metric (marker shapes differ as well as colours)."""
        t = self.app.theme
        p = t.palette
        series = self._series()
        lh = t.line_height("small")
        top = r.y + 4
        if titled:  # a second scale: say whose it is
            names = format_list([series[k][0] for k in ks])
            t.blit_text(surf, t.fit(names, "small", r.width), (r.x, r.y), "small", p.text)
            top += lh
        ticks = [lo + (hi - lo) * f for f in (0, 0.25, 0.5, 0.75, 1)]
        labels = [f"{v:.4g}" for v in ticks]
        axis_w = max(t.width(x, "small") for x in labels) + t.pad
        plot = pygame.Rect(
            r.x + axis_w, top + lh // 2, r.width - axis_w - t.pad, r.bottom - top - lh * 2
        )
        pygame.draw.rect(surf, p.panel_alt, plot)
        span = max(1e-9, hi - lo)
        for v, label in zip(ticks, labels, strict=True):
            y = plot.bottom - int(plot.height * (v - lo) / span)
            if lo < v < hi:
                pygame.draw.line(surf, p.border, (plot.x, y), (plot.right, y), 1)
            lw = t.width(label, "small")
            t.blit_text(surf, label, (plot.x - lw - t.pad // 2, y - lh // 2), "small", p.text_dim)
        n = max((len(v) for _label, v, _good in series), default=1)
        for i in range(n):
            x = plot.x + (plot.width * i // max(1, n - 1))
            # TRANSLATORS: the chart's first point (before turn 1); "T{n}" marks turn n after it
            label = _("start") if i == 0 else _("T{n}").format(n=i)
            lx = min(max(x - t.width(label, "small") // 2, r.x), r.right - t.width(label, "small"))
            t.blit_text(surf, label, (lx, plot.bottom + 4), "small", p.text_dim)
        for k in ks:
            values = series[k][1]
            pts = [
                (
                    plot.x + plot.width * i // max(1, n - 1),
                    plot.bottom - int(plot.height * (min(hi, max(lo, v)) - lo) / span),
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
            text = (
                _("{metric}: {start} → {end} (higher is better)")
                if good == "high"
                else _("{metric}: {start} → {end} (lower is better)")
            ).format(metric=label, start=f"{values[0]:g}", end=f"{values[-1]:g}")
            t.blit_text(surf, t.fit(text, "small", r.width - 26), (r.x + 26, y), "small", p.text)

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
            self._say(_("Report saved: {path}").format(path=path))
        except OSError as e:
            self._say(_("Could not save the report: {error}").format(error=e), ok=False)

    def save_json(self) -> None:
        try:
            path = write_atomic(self._out(".json"), self.result.to_json())
            self._say(_("Result saved: {path}").format(path=path))
        except OSError as e:
            self._say(_("Could not save the result: {error}").format(error=e), ok=False)

    def _say(self, text: str, ok: bool = True) -> None:
        """A toast where the player is looking, and the same line kept at the top of the list."""
        self.notice, self.notice_ok = text, ok
        self.app.toasts.show(text, "good" if ok else "bad")
        self.invalidate()

    def hotwash(self) -> None:
        """The feedback form (each person, then the facilitator); kept in the result."""
        from game.ui.scenes.feedback import FeedbackScene

        self.app.push(FeedbackScene(self.app, self))

    def again(self) -> None:
        from game.ui.scenes.seats import SeatsScene

        if self.match is None:
            return
        s = self.match.session
        named = {r: seat.player for r, seat in s.seats.items() if seat.player}
        sc = s.scenario
        self.app.title()
        self.app.push(SeatsScene(self.app, sc, named=named))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        draw_header(
            surface,
            self.app.theme,
            self.frame,
            self._title(),
            self.result.scenario.title,
            right=self._team(),
        )

    def _team(self) -> str:
        team = self.result.scores.team.total
        return _("Team {score}/100").format(score=score(team)) if team is not None else ""

    def _title(self) -> str:
        """ "Debrief: <ending>", or just "Debrief" when that would take a second line of the big
        header text (large text, small window): the ending is the first card anyway."""
        ending = self.result.ending
        full = _("Debrief: {ending}").format(ending=ending.title if ending else _("game over"))
        t = self.app.theme
        width = title_width(t, self.app.size[0], t.pad * 2, self._team())
        return full if len(t.wrap(full, "big", width)) <= 1 else _("Debrief")

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.SHORTCUT:
            action = {
                "h": self.save_html,
                "j": self.save_json,
                "f": self.hotwash,
                "a": self.again,
                "t": self.app.title,
                "q": self.app.quit,
            }.get(cmd.text)
            if action is not None:
                action()
        elif cmd.kind is Kind.BACK:
            if self.match is None:
                self.app.pop()  # opened from the history: back to it
            else:
                self.app.title()
        else:
            super().handle(cmd)
