"""A class at a glance in the window: pick a cohort, then one card per trainee and the teams.

The same data as ``crisis-sim class COHORT`` (:func:`game.store.classview.class_view`), read on
a worker thread.  Without a cohort chosen (``--cohort`` or the seats screen) the scene lists the
cohorts in the history; picking one shows, per trainee, their games and roles, each score's
last value with its direction over their games, their weakest area with its evidence, and each
role's scores from its first game to its last; then
the teams compared, and a note when a scenario changed during the class.
"""

from __future__ import annotations

import pygame

from game.i18n import N_, _, format_list, ngettext
from game.store import StoreError
from game.store.classview import ClassView, Trainee
from game.store.queries import opened
from game.ui.background import Job
from game.ui.input import Command, Kind
from game.ui.scene import Scene
from game.ui.scenes.common import (
    Frame,
    back_button,
    dimension_name,
    draw_header,
    footer,
    role_title,
)
from game.ui.widgets import Box, Button, Card, Row, ScrollView, Text

ARROWS = {"up": "↑", "down": "↓", "flat": "→"}
DIMS = (
    ("speed", N_("Speed")),
    ("priorities", N_("Priorities")),
    # TRANSLATORS: "Communication" cut short to fit a narrow column
    ("communication", N_("Comm.")),
)


def _cohorts(db, data_dir) -> list[tuple[str, int]]:
    with opened(db, data_dir) as h:
        return [] if h is None else h.cohorts()


def _view(db, data_dir, cohort: str) -> ClassView | None:
    from game.store.classview import class_view

    with opened(db, data_dir) as h:
        return None if h is None else class_view(h, cohort)


_ALL = ("speed", "priorities", "communication", "total")


def _trend(rp, dimension: str) -> str:
    """``speed 40→78 ↑``: a role's score from its first game to its last."""
    t = rp.trend(dimension)
    name = dimension_name(dimension)
    if not t.values:
        return _("{dimension} –").format(dimension=name)
    if len(t.values) == 1:
        return _("{dimension} {score}").format(dimension=name, score=f"{t.last:.0f}")
    return _("{dimension} {first}→{last} {arrow}").format(
        dimension=name, first=f"{t.first:.0f}", last=f"{t.last:.0f}", arrow=ARROWS[t.direction]
    )


class ClassScene(Scene):
    name = "class"

    def __init__(self, app, cohort: str | None = None) -> None:
        super().__init__(app)
        self.cohort = cohort
        self.job: Job | None = None
        self.cohorts: list[tuple[str, int]] | None = None
        self.view: ClassView | None = None
        self.loaded = False
        self.error = ""

    def enter(self) -> None:
        if self.job is None:
            self._load()
        super().enter()

    def _load(self) -> None:
        o, data = self.app.options, self.app.data_dir
        self.loaded, self.error = False, ""
        if self.cohort:
            cohort = self.cohort
            self.job = Job(lambda: _view(o.db, data, cohort), name="class")
        else:
            self.job = Job(lambda: _cohorts(o.db, data), name="cohorts")

    def update(self, dt: float) -> None:
        job = self.job
        if job is not None and job.done and not self.loaded:
            self.loaded = True
            if isinstance(job.error, StoreError | OSError):
                self.error = str(job.error)
            elif job.error is not None:
                self.error = _("The history could not be read: {error}").format(error=job.error)
            elif self.cohort:
                self.view = job.result
            else:
                self.cohorts = job.result or []
            self.rebuild()
            self._focus_first()
        super().update(dt)

    def _focus_first(self) -> None:
        """The first cohort, or the first trainee: the keyboard starts on the list."""
        first = next((w.key for w in self.focusables() if w.key and w.key != "back"), None)
        if first:
            self.focus_key(first)

    def pick(self, cohort: str) -> None:
        self.cohort = cohort
        self.view = None
        self._load()
        self.rebuild()

    def back(self) -> None:
        if self.cohort:
            # back to the list of cohorts, also when the screen opened on this game's class
            # (the title's L with a class typed on the seats screen): the others stay reachable
            self.cohort, self.view = None, None
            if self.cohorts is None:
                self._load()
            self.rebuild()
            self._focus_first()
        else:
            self.app.pop()

    # --- layout -----------------------------------------------------------------------------

    def build(self) -> list[ScrollView]:
        self.frame = Frame(self.app.size, self.app.theme)
        items: list = []
        if self.error:
            items.append(
                Box(
                    [
                        Text(_("The results history cannot be read"), "heading", "bad"),
                        Text(self.error),
                    ],
                    stripe="bad",
                    key="error",
                )
            )
        elif not self.loaded:
            items.append(Text(_("Reading the history…"), colour="text_dim"))
        elif self.cohort:
            items += self._class_items()
        else:
            items += self._cohort_items()
        return [
            ScrollView("list", self.frame.body, items),
            footer(self.frame, [back_button(self.back)]),
        ]

    def _cohort_items(self) -> list:
        if not self.cohorts:
            return [
                Box(
                    [
                        Text(_("No classes recorded yet."), "heading"),
                        Text(
                            _(
                                "Type a class name on the seats screen (or start with `crisis-sim "
                                "play --cohort NAME`) and every game of that class is gathered "
                                "here."
                            ),
                            colour="text_dim",
                        ),
                    ],
                    key="empty",
                )
            ]
        return [
            Button(
                ngettext("{name}  ·  {n} game", "{name}  ·  {n} games", n).format(name=name, n=n),
                lambda name=name: self.pick(name),
                fill=True,
                key=f"cohort-{i}",
            )
            for i, (name, n) in enumerate(self.cohorts)
        ]

    def _class_items(self) -> list:
        view = self.view
        if view is None or not view.games:
            return [
                Box(
                    [Text(_("No games recorded for the class {name}.").format(name=self.cohort))],
                    key="empty",
                )
            ]
        items: list = []
        for note in view.version_notes:
            items.append(Box([Text(note.removeprefix("note: "), "small")], stripe="warn"))
        items += [self._trainee(t) for t in view.trainees]
        if view.teams:
            items.append(Text(_("Teams"), "heading"))
            for i, team in enumerate(view.teams):
                where = team.scenario_id + (f" @{team.version}" if view.mixed_versions else "")
                mean = "–" if team.mean is None else f"{team.mean:.0f}"
                best = "–" if team.best is None else f"{team.best:.0f}"
                items.append(
                    Card(
                        [
                            Text(format_list(list(team.members)), "body"),
                            Text(
                                ngettext(
                                    "{where} · {n} game · team total mean {mean}, best {best}",
                                    "{where} · {n} games · team total mean {mean}, best {best}",
                                    team.games,
                                ).format(where=where, n=team.games, mean=mean, best=best),
                                "small",
                                "text_dim",
                            ),
                        ],
                        key=f"team-{i}",
                    )
                )
        return items

    def _trainee(self, t: Trainee) -> Card:
        th = self.app.theme
        roles = format_list([role_title(r) for r in t.roles])
        cells = []
        for dim, label in (*DIMS, ("total", N_("Total"))):
            trend = t.progress.overall.trend(dim)
            value = "–" if trend.last is None else f"{trend.last:.0f} {ARROWS[trend.direction]}"
            cells.append(
                Box(
                    [
                        Text(value, "heading", align="right"),
                        Text(_(label), "small", "text_dim", "right"),
                    ],
                    bg=None,
                    padding=0,
                    spacing=0,
                )
            )
        w = t.progress.weakest
        weak = (
            _("No scores yet")
            if w is None
            else _("Weakest: {dimension} (mean {mean}) — {issue}").format(
                dimension=dimension_name(w.dimension),
                mean=f"{w.mean:.0f}",
                issue=w.issues[0].describe() if w.issues else _("no points lost"),
            )
        )
        per_role = [
            Text(
                _("{role} ({n}): {trends}").format(
                    role=role_title(rp.role),
                    n=rp.games,
                    trends=" · ".join(_trend(rp, d) for d in _ALL),
                ),
                "small",
                "text_dim",
            )
            for rp in sorted(t.progress.roles, key=lambda r: -r.games)
            if rp.role
        ]
        main = Box(
            [
                Text(t.name, "heading"),
                Text(
                    ngettext("{n} game · {roles}", "{n} games · {roles}", t.games).format(
                        n=t.games, roles=roles
                    ),
                    "small",
                    "text_dim",
                ),
                Text(weak, "small"),
                *per_role,
            ],
            bg=None,
            padding=0,
        )
        widest = max(th.width(_(label), "small") for _dim, label in DIMS)
        cell_w = max(widest, th.width("100 ↑", "heading")) + th.pad
        beside = self.frame.body.width - cell_w * len(cells) >= th.sizes["body"] * 24
        if beside:
            return Card(
                [Row([main, *cells], [None, *[cell_w] * len(cells)])], key=f"trainee-{t.name}"
            )
        # large text or a small window: the numbers under the name, the text full width
        return Card(
            [main, Row([*cells, Box([], bg=None, padding=0)], [*[cell_w] * len(cells), None])],
            key=f"trainee-{t.name}",
        )

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.cohort and self.view is not None and self.view.games:
            n, g = len(self.view.trainees), len(self.view.games)
            title = _("Class: {name}").format(name=self.view.cohort)
            sub = _("{trainees}, {games}").format(
                trainees=ngettext("{n} trainee", "{n} trainees", n).format(n=n),
                games=ngettext("{n} game", "{n} games", g).format(n=g),
            )
        else:
            title, sub = _("Classes"), _("Games recorded under a class name")
        draw_header(surface, self.app.theme, self.frame, title, sub)

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK:
            self.back()
        elif cmd.kind in (Kind.PAGE_UP, Kind.PAGE_DOWN) and self.views:
            view = self.views[0]
            step = view.rect.height * 4 // 5
            view.scroll_by(-step if cmd.kind is Kind.PAGE_UP else step)
        else:
            super().handle(cmd)
