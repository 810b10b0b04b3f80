"""The room's board: a read-only situation board for a projector (``join --projector``, or the
facilitator console's P key).  Large text: the turn, the time left to the team's earliest
deadline, the metrics, the stakeholders and the messages sent to everyone."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.net.seatlink import RemoteSeat, clock_text, safe, title
from game.ui.input import Command, Kind
from game.ui.scenes.common import PHASES, Frame
from game.ui.scenes.net.common import (
    NetScene,
    inject_box,
    metric_lines,
    stakeholder_boxes,
    status_boxes,
)
from game.ui.widgets import ScrollView, Text, Widget


class ProjectorScene(NetScene):
    name = "net-projector"
    key = "projector"

    def __init__(self, app, link: RemoteSeat, *, from_console: bool = False) -> None:
        super().__init__(app, link)
        #: opened from the facilitator's console (P or Esc goes back to it)
        self.from_console = from_console
        if from_console:
            self.key = "console"

    def build(self) -> list[ScrollView]:
        app, t, link = self.app, self.app.theme, self.link
        v = link.view or {}
        self.frame = Frame(app.size, t, [], subtitle=self._subtitle())
        body = self.frame.body
        body.height = self.app.size[1] - body.y - t.pad  # no footer: nothing to press
        gap = t.pad * 2
        col = (body.width - 2 * gap) // 3
        injects = [i for i in v.get("injects") or () if isinstance(i, dict)]
        if self.from_console:  # the staff view: only what every role was sent (as the host's
            everyone = {str(r.get("id")) for r in v.get("roles") or ()}  # projector view)
            injects = [i for i in injects if i.get("to") is None or set(i["to"]) >= everyone]
        news: list[Widget] = [Text(_("Messages to the whole team"), "heading")]
        news += [inject_box(i) for i in injects[:12]] or [
            Text(_("Nothing yet."), "small", "text_dim")
        ]
        middle: list[Widget] = [*status_boxes(link), Text(_("Situation"), "heading")]
        middle += [Text(w.text, "heading", w.colour) for w in metric_lines(v)]  # type: ignore[attr-defined]
        middle.append(Text(_("Who is still deciding"), "heading"))
        waiting = [title(r) for r in v.get("waiting_for") or ()]
        middle.append(Text(", ".join(waiting) if waiting else _("Nobody."), "body"))
        if v.get("ending"):
            middle.append(Text(_("Ending"), "heading"))
            middle.append(Text(safe(v["ending"].get("title", ""), 200), "big", "accent"))
        side: list[Widget] = [Text(_("Stakeholders"), "heading"), *stakeholder_boxes(v)]
        rects = [pygame.Rect(body.x + n * (col + gap), body.y, col, body.height) for n in range(3)]
        return [
            ScrollView("news", rects[0], news, bg="panel"),
            ScrollView("board", rects[1], middle),
            ScrollView("stake", rects[2], side, bg="panel"),
        ]

    def _subtitle(self) -> str:
        v = self.link.view or {}
        turn = v.get("turn") or {}
        sc = v.get("scenario") or {}
        phase = _(PHASES.get(str(turn.get("phase")), str(turn.get("phase", ""))))
        text = _("Turn {n} of {total} · {phase}").format(
            n=turn.get("number", 0), total=sc.get("turns", 0), phase=phase
        )
        if self.from_console:
            text = _("{board} · P or Esc: back to the console").format(board=text)
        return text

    def _time_left(self) -> str:
        v = self.link.view or {}
        if v.get("paused"):
            return _("PAUSED")
        if v.get("finished"):
            return _("The exercise is over")
        due = [s.get("deadline") for s in (v.get("table") or {}).get("seats") or ()]
        lefts = [x for x in (self.link.left(d) for d in due) if x is not None]
        return _("{time} left").format(time=clock_text(min(lefts))) if lefts else ""

    def update(self, dt: float) -> None:
        super().update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        v = self.link.view or {}
        if self.frame is None:
            return
        from game.ui.scenes.common import draw_header

        label = safe((v.get("turn") or {}).get("label", ""), 200)
        draw_header(
            surface, self.app.theme, self.frame, label, self._subtitle(), right=self._time_left()
        )

    def handle(self, cmd: Command) -> None:
        back = cmd.kind is Kind.BACK or (cmd.kind is Kind.SHORTCUT and cmd.text == "p")
        if self.from_console and back:
            self.app.pop()
        else:
            super().handle(cmd)
