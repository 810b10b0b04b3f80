"""The evaluator's seat (``join --observer``): the live feed of everything, timestamped notes, and
a P/S/M/U rating of each objective (the last rating given counts).  Notes and ratings go into
the result and the after-action report beside the automatic ratings."""

from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.net.seatlink import safe
from game.table.text import MAX_NOTE
from game.ui.input import Command, Kind
from game.ui.scenes.common import Frame, footer
from game.ui.scenes.net.common import NetScene, board_column, feed_texts, status_boxes
from game.ui.widgets import Box, Button, Flow, ScrollView, Text, TextField, Widget

RATINGS = ("P", "S", "M", "U")
RATING_NAMES = {
    "P": N_("Performed without challenges"),
    "S": N_("Performed with some challenges"),
    "M": N_("Performed with major challenges"),
    "U": N_("Unable to be performed"),
}


def _minutes(seconds: object) -> str:
    try:
        s = max(0, int(float(seconds)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "–"
    return f"{s // 60}:{s % 60:02d}"


class ObserverScene(NetScene):
    name = "net-observer"
    key = "observer"

    def __init__(self, app, link) -> None:
        super().__init__(app, link)
        self.note_text = ""
        self.objective: str | None = None

    def _set(self, value: str) -> None:
        self.note_text = value

    def _ratings(self) -> dict[str, str]:
        """The last rating this table recorded for each objective (from the feed)."""
        out: dict[str, str] = {}
        for item in self.link.feed:
            if item.get("type") == "note" and item.get("rating") and item.get("objective"):
                out[str(item["objective"])] = str(item["rating"])
        return out

    def build(self) -> list[ScrollView]:
        app, t, link = self.app, self.app.theme, self.link
        v = link.view or {}
        self.frame = Frame(app.size, t, [_("Esc Leave")], subtitle=self._subtitle())
        body = self.frame.body
        gap = t.pad
        left_w = right_w = int(body.width * 0.3)
        mid_w = body.width - left_w - right_w - 2 * gap
        left = pygame.Rect(body.x, body.y, left_w, body.height)
        mid = pygame.Rect(left.right + gap, body.y, mid_w, body.height)
        right = pygame.Rect(mid.right + gap, body.y, right_w, body.height)
        feed = [Text(_("Live feed — newest first"), "heading"), *feed_texts(link, 80)]
        rated = self._ratings()
        mid_items: list[Widget] = [
            *status_boxes(link),
            Text(_("Write a note"), "heading"),
            TextField(
                self.note_text,
                self._set,
                label=_("Timestamped with the game's clock and turn"),
                max_len=MAX_NOTE,
                on_enter=self.write,
                key="note",
                multiline_height=2,
            ),
            Button(_("Save the note"), self.write, style="primary", key="save-note"),
        ]
        mid_items.append(Text(_("Objectives"), "heading"))
        for n, o in enumerate(v.get("objectives") or (), 1):
            oid = safe(o.get("id", ""), 80)
            mid_items.append(
                Box(
                    [
                        Text(f"{n}. {safe(o.get('text', ''), 400)}", "small"),
                        Flow(
                            [
                                Button(
                                    r,
                                    lambda o=oid, r=r: self.rate(o, r),
                                    style="toggle",
                                    selected=rated.get(oid) == r,
                                    key=f"rate-{oid}-{r}",
                                )
                                for r in RATINGS
                            ]
                        ),
                        Text(_(RATING_NAMES[rated[oid]]), "small", "accent")
                        if oid in rated
                        else None,
                    ],
                    bg="panel_alt",
                    key=f"obj-{oid}",
                )
            )
        mid_items.append(Text(_("Notes — newest first"), "heading"))
        notes = [i for i in reversed(link.feed) if i.get("type") == "note"]
        for item in notes[:40]:
            when = _("turn {n}, {time}").format(
                n=item.get("turn", "–"), time=_minutes(item.get("at"))
            )
            head = when
            if item.get("rating"):
                head = f"{when} · {safe(item.get('objective', ''), 80)}: {safe(item['rating'], 2)}"
            mid_items.append(
                Box(
                    [Text(head, "small", "accent"), Text(safe(item.get("text", "")), "small")],
                    bg="panel_alt",
                )
            )
        if not notes:
            mid_items.append(Text(_("None yet."), "small", "text_dim"))
        buttons: list[Widget] = []
        if link.result is not None:
            buttons.append(
                Button(_("Debrief"), self.show_result, hint="R", style="primary", key="debrief")
            )
        buttons.append(Button(_("Leave"), self.app.quit, hint="Esc", key="leave"))
        return [
            ScrollView("feed", left, feed, bg="panel"),
            ScrollView("notes", mid, mid_items),
            ScrollView("side", right, board_column(v), bg="panel"),
            footer(self.frame, buttons),
        ]

    def _subtitle(self) -> str:
        v = self.link.view or {}
        turn = v.get("turn") or {}
        sc = v.get("scenario") or {}
        return _("Evaluator · turn {n} of {total}").format(
            n=turn.get("number", 0), total=sc.get("turns", 0)
        )

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        sc = (self.link.view or {}).get("scenario") or {}
        self.draw_frame(surface, safe(sc.get("title", ""), 200), self._subtitle())

    def rate(self, objective: str, rating: str) -> None:
        self.link.note(self.note_text.strip(), objective=objective, rating=rating)
        self.note_text = ""
        self.invalidate()

    def write(self) -> None:
        text = self.note_text.strip()
        if text and self.link.note(text):
            self.note_text = ""
        self.invalidate()

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK and not self.typing:
            self.app.quit()
        else:
            super().handle(cmd)
