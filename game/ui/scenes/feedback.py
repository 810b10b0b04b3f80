"""The hotwash in the window: each person's feedback form and the facilitator's notes.

Opened from the debrief (*Hotwash*, key F).  Per person: what went well, what to improve, and
for each objective their confidence before and after the exercise (1 low – 5 high, buttons).
Then the facilitator's notes.  *Save* puts the answers in the game's result (the debrief's
report and JSON use it at once) and, off the frame loop, in the result file and the history row
the debrief recorded (:func:`game.store.amend_recorded`).  The form's logic is
:mod:`game.report.hotwash`, the same as in terminal mode.
"""

from __future__ import annotations

import pygame

from game.i18n import _, ngettext
from game.report.hotwash import MAX_ANSWER, clean_answer, people_of, with_feedback
from game.report.result import Confidence, FeedbackEntry
from game.ui.background import Job
from game.ui.input import Command, Kind
from game.ui.scene import Scene
from game.ui.scenes.common import Frame, back_button, draw_header, footer
from game.ui.widgets import Box, Button, Flow, ScrollView, Text, TextField


class FeedbackScene(Scene):
    name = "feedback"

    def __init__(self, app, debrief) -> None:
        super().__init__(app)
        self.debrief = debrief
        result = debrief.result
        self.people = people_of(result)
        self.objectives = [(o.id, o.text) for o in result.objectives]
        given = {f.player: f for f in result.feedback}
        self.well = {p: given[p].went_well if p in given else "" for p in self.people}
        self.improve = {p: given[p].to_improve if p in given else "" for p in self.people}
        self.conf: dict[tuple[str, str], list[int | None]] = {}
        for p in self.people:
            for ident, _text in self.objectives:
                old = (
                    next((c for c in given[p].confidence if c.objective == ident), None)
                    if (p in given)
                    else None
                )
                self.conf[(p, ident)] = [old.before, old.after] if old else [None, None]
        self.notes = result.facilitator_notes
        self.job: Job[tuple[str, str]] | None = None
        self.message = ""

    # --- layout -----------------------------------------------------------------------------

    def build(self) -> list[ScrollView]:
        self.frame = Frame(self.app.size, self.app.theme)
        items: list = [
            Text(
                _(
                    "Each person answers in turn; every question may be left empty. Confidence: "
                    "how sure you felt about each objective before the exercise and how sure you "
                    "feel now, from 1 (not at all) to 5 (fully)."
                ),
                colour="text_dim",
            )
        ]
        for i, person in enumerate(self.people):
            rows: list = [
                Text(person, "heading"),
                TextField(
                    self.well[person],
                    lambda v, p=person: self._set(self.well, p, v),
                    label=_("What went well?"),
                    max_len=MAX_ANSWER,
                    multiline_height=2,
                    key=f"well-{i}",
                ),
                TextField(
                    self.improve[person],
                    lambda v, p=person: self._set(self.improve, p, v),
                    label=_("What should be improved?"),
                    max_len=MAX_ANSWER,
                    multiline_height=2,
                    key=f"improve-{i}",
                ),
            ]
            for j, (ident, text) in enumerate(self.objectives):
                rows.append(Text(_("Confidence: {objective}").format(objective=text), "small"))
                # TRANSLATORS: confidence before and after the exercise
                for k, when in enumerate((_("Before"), _("After"))):
                    rows.append(
                        Flow(
                            [
                                Text(when, "small", "text_dim"),
                                *(
                                    Button(
                                        str(n),
                                        lambda p=person, o=ident, k=k, n=n: self._pick(p, o, k, n),
                                        style="toggle",
                                        selected=self.conf[(person, ident)][k] == n,
                                        key=f"conf-{i}-{j}-{k}-{n}",
                                    )
                                    for n in range(1, 6)
                                ),
                            ]
                        )
                    )
            items.append(Box(rows, key=f"person-{i}"))
        items.append(
            Box(
                [
                    TextField(
                        self.notes,
                        self._notes,
                        label=_("Facilitator's notes"),
                        max_len=MAX_ANSWER,
                        multiline_height=3,
                        key="notes",
                    )
                ],
                key="notes-box",
            )
        )
        if self.message:
            items.append(Box([Text(self.message)], stripe="accent", key="message"))
        return [
            ScrollView("form", self.frame.body, items),
            footer(
                self.frame,
                [
                    Button(_("Save feedback"), self.save, style="primary", hint="S", key="save"),
                    back_button(self.app.pop),
                ],
            ),
        ]

    def default_focus(self):
        """The first answer field, scrolled into view: at large text the introduction filled
        the view and the person typed into a field they could not see."""
        widget = super().default_focus()
        view = self.view_of(widget) if widget is not None else None
        if view is not None:
            view.ensure_visible(widget)
        return widget

    def _set(self, table: dict[str, str], person: str, value: str) -> None:
        table[person] = value

    def _notes(self, value: str) -> None:
        self.notes = value

    def _rate(self, n: int) -> bool:
        """1–5 with a confidence row highlighted: that row's answer, as a click on the number
        does (each number is its own key).  False when the focus is not on a row."""
        key = (self.ctx.focus.key or "") if self.ctx.focus is not None else ""
        parts = key.split("-")
        if len(parts) != 5 or parts[0] != "conf":
            return False
        i, j, k = (int(x) for x in parts[1:4])
        self._pick(self.people[i], self.objectives[j][0], k, n)
        self.focus_key(f"conf-{i}-{j}-{k}-{n}")
        return True

    def _pick(self, person: str, objective: str, which: int, n: int) -> None:
        current = self.conf[(person, objective)]
        current[which] = None if current[which] == n else n  # a second press clears it
        self.invalidate()

    # --- saving -----------------------------------------------------------------------------

    def entries(self) -> list[FeedbackEntry]:
        out = []
        for p in self.people:
            confidence = tuple(
                Confidence(ident, *self.conf[(p, ident)])
                for ident, _ in self.objectives
                if self.conf[(p, ident)] != [None, None]
            )
            entry = FeedbackEntry(
                p, clean_answer(self.well[p]), clean_answer(self.improve[p]), confidence
            )
            if entry.went_well or entry.to_improve or entry.confidence:
                out.append(entry)
        return out

    def save(self) -> None:
        from game.store import amend_recorded

        result = with_feedback(self.debrief.result, self.entries(), self.notes)
        self.debrief.result = result  # the debrief's report and JSON have it at once
        record_job = self.debrief.match.record_job
        db = self.app.options.db
        data_dir = self.app.data_dir

        def keep() -> tuple[str, str]:
            """(toast kind, the line saying what was kept)."""
            kept = _("Feedback kept for this game's report (the game was not recorded).")
            if record_job is None:
                return "info", kept
            record_job.wait(30)
            recorded = record_job.result
            if recorded is None:
                return "info", kept
            outcome = recorded.outcome
            from game.store import db_path

            line = amend_recorded(
                result,
                json_path=outcome.json_path,
                game_id=outcome.game_id,
                db_path=outcome.db_path or db_path(db, data_dir),
            )
            if outcome.json_path is None and outcome.game_id is None:
                return "info", line
            # amend_recorded says a problem in words only: its first words tell the kind
            return ("good" if line.startswith("Feedback saved") else "bad"), line

        self.message = _("Saving the feedback…")
        self.job = Job(keep, name="feedback")
        self.invalidate()

    def update(self, dt: float) -> None:
        job = self.job
        if job is not None and job.done:
            self.job = None
            if job.error is None and job.result is not None:
                kind, self.message = job.result
            else:
                kind, self.message = "bad", _("Not saved: {error}").format(error=job.error)
            self.debrief.notice, self.debrief.notice_ok = self.message, kind != "bad"
            # the form's own line is at its foot, scrolled out of view while S is pressed
            self.app.toasts.show(self.message, kind)
            self.invalidate()
        super().update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        n = len(self.people)
        draw_header(
            surface,
            self.app.theme,
            self.frame,
            _("Hotwash: feedback"),
            ngettext("{n} participant · {scenario}", "{n} participants · {scenario}", n).format(
                n=n, scenario=self.debrief.result.scenario.title
            ),
        )

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK and not self.typing:
            self.app.pop()
        elif cmd.kind is Kind.SHORTCUT and cmd.text == "s" and not self.typing:
            self.save()
        elif not (cmd.kind is Kind.NUMBER and cmd.value <= 5 and self._rate(cmd.value)):
            super().handle(cmd)
