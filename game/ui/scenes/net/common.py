"""What every network scene shares: following the link, the connection line, the board (metrics
and stakeholders), message cards, countdown bars, and the route to the right scene for the seat.

Texts from the host are shown through :func:`game.net.seatlink.safe` (one line, control
characters escaped, bounded) or kept to their own widget, never formatted into markup.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.i18n import _, ngettext
from game.net.seatlink import CLOSED, CONNECTED, RECONNECTING, RemoteSeat, clock_text, safe, title
from game.ui.input import Command, Kind
from game.ui.scene import Scene
from game.ui.scenes.common import CHANNEL_NAMES, Frame, draw_header
from game.ui.widgets import Box, Custom, Text, Widget


class NetScene(Scene):
    """A scene over a remote seat: rebuilt when the link has news, and moved on to the right
    scene when the game starts or ends (:func:`route`)."""

    #: the key this scene is for (see :func:`scene_key`); another key means another scene
    key = ""

    def __init__(self, app, link: RemoteSeat) -> None:
        super().__init__(app)
        self.link = link
        self.seen = -1
        self.frame: Frame | None = None
        self._result_shown = False

    def enter(self) -> None:
        # two seats' windows side by side (a facilitator trying it) are told apart by title
        pygame.display.set_caption(_("Crisis Tabletop — {seat}").format(seat=seat_name(self.link)))
        super().enter()

    def update(self, dt: float) -> None:
        link = self.link
        if self.app.top is self:
            if link.result is not None and not self._result_shown:
                self._result_shown = True
                self.show_result()
                return
            if scene_key(link) != self.key:
                self.app.replace(scene_for(self.app, link))
                return
        if link.revision != self.seen:
            self.seen = link.revision
            self.invalidate()
        super().update(dt)

    def show_result(self) -> None:
        """The exercise is over: this seat's debrief (the answers are revealed now)."""
        from game.ui.scenes.debrief import DebriefScene

        self.invalidate()
        self.app.push(DebriefScene(self.app, None, self.link.result))

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.SHORTCUT and cmd.text == "r" and self.link.result is not None:
            self.show_result()
        else:
            super().handle(cmd)

    def draw_frame(self, surface: pygame.Surface, heading: str, subtitle: str = "") -> None:
        if self.frame is not None:
            right = connection_label(self.link)
            draw_header(surface, self.app.theme, self.frame, heading, subtitle, right=right)


def seat_name(link: RemoteSeat) -> str:
    seat = link.seat or ""
    names = {
        "facilitator": _("facilitator"),
        "observer": _("evaluator"),
        "projector": _("room board"),
    }
    return names.get(seat) or (title(seat) if seat else _("joining"))


def scene_key(link: RemoteSeat) -> str:
    """Which scene shows this seat now: the lobby before the start, then the seat's own."""
    seat = link.seat or ""
    if seat == "facilitator":
        return "console"
    if link.lobby:
        return "lobby"
    if seat in ("observer", "projector"):
        return seat
    return "player"


def scene_for(app, link: RemoteSeat) -> Scene:
    key = scene_key(link)
    if key == "console":
        from game.ui.scenes.net.console import ConsoleScene

        return ConsoleScene(app, link)
    if key == "lobby":
        from game.ui.scenes.net.lobby import LobbyScene

        return LobbyScene(app, link)
    if key == "observer":
        from game.ui.scenes.net.observer import ObserverScene

        return ObserverScene(app, link)
    if key == "projector":
        from game.ui.scenes.net.projector import ProjectorScene

        return ProjectorScene(app, link)
    from game.ui.scenes.net.player import PlayerScene

    return PlayerScene(app, link)


def connection_label(link: RemoteSeat) -> str:
    """The connection's state in a few calm words (shown at the top right)."""
    if link.state == CONNECTED:
        return ""
    if link.state == RECONNECTING:
        return _("Reconnecting…")
    if link.state == CLOSED:
        return _("Disconnected")
    return _("Connecting…")


def status_boxes(link: RemoteSeat) -> list[Widget]:
    """The connection trouble and the host's last refusal, if any, as boxes for a column."""
    out: list[Widget] = []
    if link.state == RECONNECTING:
        out.append(
            Box(
                [
                    Text(_("Reconnecting to the host…"), "body", "warn"),
                    Text(
                        _("Your seat is kept; everything you missed arrives when it is back."),
                        "small",
                        "text_dim",
                    ),
                ],
                stripe="warn",
                key="conn",
            )
        )
    elif link.state == CLOSED:
        why = link.refusal or link.state_message
        out.append(
            Box(
                [
                    Text(_("Not connected to the host."), "body", "bad"),
                    Text(why, "small", "text_dim") if why else None,
                ],
                stripe="bad",
                key="conn",
            )
        )
    if link.refusal and link.state != CLOSED:
        out.append(Box([Text(link.refusal, "small", "bad")], stripe="bad", key="refused"))
    return out


def metric_lines(view: dict[str, Any]) -> list[Widget]:
    out: list[Widget] = []
    for m in view.get("metrics") or ():
        try:
            value, change = float(m["value"]), float(m["change"])
            text = f"{safe(m['label'], 80)}  {value:g}"
            colour = "text"
            if change:
                better = (change > 0) == (m.get("good") == "high")
                text += f"  {'▲' if change > 0 else '▼'} {change:+g}"
                colour = "good" if better else "bad"
        except (KeyError, TypeError, ValueError):
            continue
        out.append(Text(text, "small", colour))
    return out


def stakeholder_boxes(view: dict[str, Any], role: str | None = None) -> list[Widget]:
    turn = (view.get("turn") or {}).get("number", 0)
    out: list[Widget] = []
    for st in view.get("stakeholders") or ():
        try:
            mine = role is not None and role in st.get("owners", ())
            if st.get("overdue"):
                status, colour = _("OVERDUE (by turn {n})").format(n=st["deadline_turn"]), "bad"
            elif st.get("complete"):
                status, colour = _("✓ informed"), "good"
            elif not st.get("required"):
                status = _("not required now · by turn {n}").format(n=st["deadline_turn"])
                colour = "text_dim"
            elif st.get("deadline_turn") == turn:
                status, colour = _("due THIS turn"), "warn"
            else:
                status, colour = _("due by turn {n}").format(n=st["deadline_turn"]), "text"
            name = safe(st["name"], 120)
        except (KeyError, TypeError):
            continue
        out.append(
            Box(
                [
                    Text(_("{name}  ★ yours").format(name=name) if mine else name, "body"),
                    Text(status, "small", colour),
                ],
                bg="panel_alt",
                stripe=colour if colour in ("bad", "warn") else None,
                key=f"sh-{safe(st.get('id', ''), 80)}",
            )
        )
    return out


def board_column(view: dict[str, Any], role: str | None = None) -> list[Widget]:
    """The shared situation board: metrics, then the stakeholders."""
    return [
        Text(_("Situation"), "heading"),
        *metric_lines(view),
        Text(_("Stakeholders"), "heading"),
        *stakeholder_boxes(view, role),
    ]


def inject_box(inj: dict[str, Any], *, new: bool = False) -> Widget | None:
    try:
        channel = str(inj.get("channel") or "")
        meta = " · ".join(
            x
            for x in (_(CHANNEL_NAMES.get(channel, channel)), safe(inj.get("from") or "", 80))
            if x
        )
        body = str(inj.get("body") or "").strip()[:4000]
        return Box(
            [
                Text(
                    (_("NEW  {headline}") if new else "{headline}").format(
                        headline=safe(inj["headline"], 300)
                    ),
                    "body",
                    "unread" if new else "text",
                ),
                Text(meta, "small", "text_dim") if meta else None,
                Text(body, "small") if body else None,
            ],
            bg="panel_alt",
            stripe="unread" if new else None,
            key=f"inj-{safe(inj.get('id', ''), 80)}",
        )
    except (KeyError, TypeError, AttributeError):
        return None


def feed_texts(link: RemoteSeat, limit: int = 60) -> list[Widget]:
    lines = link.lines(limit)
    if not lines:
        return [Text(_("Nothing yet."), "small", "text_dim")]
    return [Text(line, "small") for line in lines]


def countdown(app, link: RemoteSeat, p: dict[str, Any]) -> Widget:
    """A decision's time bar, counted down locally from the host's clock."""
    t = app.theme
    limit = p.get("time_limit")

    def paint(surf: pygame.Surface, r: pygame.Rect) -> None:
        pal = t.palette
        pygame.draw.rect(surf, pal.panel_alt, r, border_radius=5)
        left = link.left(p.get("deadline"))
        if left is None or not isinstance(limit, int | float) or limit <= 0:
            t.blit_text(
                surf, _("The clock starts when you are shown it"), (r.x + 8, r.y + 3), "small",
                pal.text_dim,
            )  # fmt: skip
            return
        frac = max(0.0, min(1.0, left / float(limit)))
        c = pal.timer[0] if frac > 0.5 else pal.timer[1] if frac > 0.2 else pal.timer[2]
        pygame.draw.rect(surf, c, (r.x, r.y, int(r.width * frac), r.height), border_radius=5)
        paused = (link.view or {}).get("paused")
        label = (_("PAUSED · {time} left") if paused else _("{time} left")).format(
            time=clock_text(left)
        )
        t.blit_text(surf, label, (r.x + 8, r.y + 3), "body", pal.text)

    return Custom(t.line_height("body") + 6, paint, key=f"bar-{safe(p.get('id', ''), 80)}")


def live_text(app, text, role: str = "small", colour: str = "accent", key: str | None = None):
    """A line whose words change every frame (a time left), painted each frame: ``text()``
    gives it (an empty string draws nothing)."""
    t = app.theme

    def paint(surf: pygame.Surface, r: pygame.Rect) -> None:
        words = text()
        if words:
            t.blit_text(surf, words, r.topleft, role, getattr(t.palette, colour))

    return Custom(t.line_height(role), paint, key=key)


def seat_row_text(row: dict[str, Any]) -> tuple[str, str]:
    """A seat of the table as (line, colour): who sits there and what they are doing."""
    name = safe(row.get("name") or "", 40)
    if row.get("held"):
        who, colour = _("the facilitator plays it"), "accent"
    elif row.get("bot"):
        who, colour = _("bot ({policy})").format(policy=safe(row["bot"], 20)), "text_dim"
    elif not name:
        who, colour = _("empty"), "warn"
    elif row.get("connected"):
        who, colour = name, "good"
    else:
        who, colour = _("{name} (away)").format(name=name), "bad"
    state = ""
    if row.get("ended"):
        state = _("ended the turn")
    elif row.get("deciding"):
        n = int(row["deciding"])
        state = ngettext("deciding {n} decision", "deciding {n} decisions", n).format(n=n)
    line = f"{title(row.get('role'))} — {who}"
    return (f"{line} · {state}" if state else line), colour
