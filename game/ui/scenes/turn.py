"""The turn screen: the clock and phase, the inject feed, the role's decision cards with their
countdown bars, the metrics with this turn's changes, and the stakeholder board.

``role`` is the human at the screen; ``None`` is the view between seats.  In a game with no
person at all (a demo) that is the spectator view, every role's messages and decisions; in a
game with people it shows only what every role may see (messages sent to all, the situation,
the stakeholder board, who is still deciding): one seat's screen never shows another role's
messages or decisions, whoever happens to look at it (hot seat, a paused game, a resumed one).

Large text or a small window leaves fewer columns (:func:`columns_for`).  Then the messages of
this turn are put right above the decisions they explain, and a seat's clocks do not start until
its player has read them: the screen opens in *reading* mode (``reading=True``: prompts shown,
no answers yet, "Start my clocks") and takes the seat (``Match.take_seat``) on Enter.
"""

from __future__ import annotations

import pygame

from game.engine import actions as act
from game.engine.records import PendingDecision
from game.i18n import _, format_list, ngettext, pgettext
from game.ui import icons
from game.ui.input import Command, Kind
from game.ui.match import Match
from game.ui.scene import Scene
from game.ui.scenes.common import (
    Frame,
    channel_name,
    draw_header,
    footer,
    phase_name,
    role_title,
    swap,
)
from game.ui.widgets import Box, Button, Custom, Row, ScrollView, Text, Widget

#: what works while a seat reads before its clocks start: moving, scrolling, Enter, the mouse
_READING_KEYS = frozenset(
    {
        Kind.NEXT,
        Kind.PREV,
        Kind.UP,
        Kind.DOWN,
        Kind.LEFT,
        Kind.RIGHT,
        Kind.PAGE_UP,
        Kind.PAGE_DOWN,
        Kind.ACTIVATE,
        Kind.PRESS,
        Kind.RELEASE,
        Kind.POINTER,
        Kind.WHEEL,
    }
)


def clock_text(seconds: float) -> str:
    s = max(0, int(seconds + 0.999))
    return f"{s // 60}:{s % 60:02d}"


def columns_for(app) -> int:
    """How many columns the turn screen has for this window and text size (3, 2 or 1)."""
    t = app.theme
    body = Frame(app.size, t, turn_footer()).body
    ems = body.width / t.sizes["body"]
    return 3 if ems >= 62 else 2 if ems >= 40 else 1


def turn_footer() -> list[str]:
    """The turn screen's footer buttons as they read (hint and label), to size the footer."""
    return [
        "M " + _("Write a message"),
        "E " + _("End my turn"),
        "Esc " + pgettext("button", "Pause"),
    ]


def _enter_down() -> bool:
    """Whether Enter is held now (the keyboard state SDL last pumped)."""
    try:
        keys = pygame.key.get_pressed()
    except pygame.error:
        return False
    return bool(keys[pygame.K_RETURN] or keys[pygame.K_KP_ENTER])


class TurnScene(Scene):
    name = "turn"

    def __init__(self, app, match: Match, role: str | None, reading: bool = False) -> None:
        super().__init__(app)
        self.match = match
        self.role = role
        #: the seat is not taken yet: its player reads this turn's messages first (clocks stopped)
        self.reading = reading and role is not None
        #: the Enter that opened this screen (briefing, hand-over) is still down: its key repeat
        #: must not press "Start my clocks" too (a slow first frame lets pygame's 400 ms repeat
        #: fire before the release is read, and the reading step was skipped unseen)
        self._enter_held = self.reading and _enter_down()
        #: between seats in a game with people: show only what every role may see
        self.private = role is None and bool(match.humans)
        self.turn = match.session.turn_number
        self.seen = -1
        self.seen_events = len(match.events)
        self._refocus_key: str | None = None
        self._scroll_to: str | None = None
        self.orders: dict[str, list[str]] = {}
        #: inject ids marked NEW: unread when the scene opened, and any arriving meanwhile
        self.unread = set(match.unread(role)) if role else set()
        self.notice = ""
        self._last_tick = -1
        self.images = app.inject_images

    # -- building ----------------------------------------------------------------------------

    def build(self) -> list[ScrollView]:
        app, t, m = self.app, self.app.theme, self.match
        s = m.session
        self.seen = m.revision
        if self.role is not None:
            self.unread |= set(m.unread(self.role))  # a message that arrived mid-turn is NEW too
        self.frame = Frame(app.size, t, turn_footer(), subtitle=self._subtitle())
        body = self.frame.body
        gap = t.pad
        columns = columns_for(app)

        if self.role is not None:
            shown = s.visible_injects(self.role)
        elif self.private:  # only messages sent to every role
            shown = [si for si in reversed(s.shown_injects()) if si.inject.to is None]
        else:
            shown = list(reversed(s.shown_injects()))
        # with fewer columns this turn's messages go right above the decisions they explain
        now = [si for si in shown if si.turn == s.turn_number] if columns < 3 else []
        feed = [Text(_("Earlier messages") if now else _("Messages — newest first"), "heading")]
        for si in shown:
            if si not in now:
                feed.append(self._inject(si))
        if len(feed) == 1:
            feed.append(Text(_("None.") if now else _("Nothing yet."), colour="text_dim"))
        news: list[Widget] = []
        if now:
            news = [Text(_("This turn's messages — newest first"), "heading")]
            news += [self._inject(si) for si in now]

        cards: list[Widget] = []
        if m.error:
            cards.append(Box([Text(m.error, colour="bad")], stripe="bad", key="error"))
        if self.notice:
            cards.append(Box([Text(self.notice, colour="good")], stripe="good", key="notice"))
        if self.reading:
            pending = s.pending(self.role)
            cards.insert(0, Text(_("Your decisions"), "heading"))
            cards.append(
                Button(
                    _("Start my clocks: I have read this turn's messages"),
                    self.take_seat,
                    style="primary",
                    hint="Enter",
                    fill=True,
                    key="start",
                )
            )
            for p in pending:
                cards.append(self._card(p, first=False, watch=True))
            if not pending:
                cards.append(Text(_("No decision for you this turn."), colour="text_dim"))
        elif self.role is not None:
            cards.insert(0, Text(_("Your decisions"), "heading"))
            pending = s.pending(self.role)
            for n, p in enumerate(pending):
                cards.append(self._card(p, first=n == 0))
            answered = [
                rec for rec in s.answers if rec.role == self.role and rec.turn == s.turn_number
            ]
            for rec in answered:
                cards.append(self._resolved(rec))
            if not pending:
                done = (
                    _(
                        "Nothing left to decide this turn. Send the messages your stakeholders "
                        "need (M), then end your turn (E)."
                    )
                    if answered
                    else _(
                        "No decision for you this turn. Send the messages your stakeholders "
                        "need (M), then end your turn (E)."
                    )
                )
                cards.append(Text(done, colour="text_dim"))
        elif self.private:
            cards.insert(0, Text(_("Between seats"), "heading"))
            waiting = s.waiting_for()
            cards.append(
                Text(
                    _(
                        "Still deciding: {roles}. Each seat's messages and decisions are shown "
                        "only on its own turn at the screen."
                    ).format(roles=format_list([role_title(r) for r in waiting]))
                    if waiting
                    else _(
                        "Nobody is still deciding. Each seat's messages and decisions are shown "
                        "only on its own turn at the screen."
                    ),
                    colour="text_dim",
                )
            )
        else:
            cards.insert(0, Text(_("Decisions being made"), "heading"))
            for p in s.pending():
                cards.append(self._card(p, first=False, watch=True))
            waiting = s.waiting_for()
            cards.append(
                Text(
                    _("Waiting for: {roles}").format(
                        roles=format_list([role_title(r) for r in waiting])
                    )
                    if waiting
                    else _("Waiting for nobody"),
                    "small",
                    "text_dim",
                )
            )
            recent = [r for r in s.answers if r.turn == s.turn_number]
            for rec in recent[-6:]:
                cards.append(self._resolved(rec))

        side = [
            Text(_("Situation"), "heading"),
            Custom(self._metrics_height, self._paint_metrics, key="metrics", live=False),
            Text(_("Stakeholders"), "heading"),
        ]
        side += [self._stakeholder(st) for st in s.stakeholder_status()]

        buttons: list[Widget] = []
        if self.reading:
            buttons.append(
                Button(
                    _("Start my clocks"), self.take_seat, style="primary", hint="Enter", key="go"
                )
            )
        elif self.role is not None:
            can_end = not s.pending(self.role)
            buttons += [
                Button(_("Write a message"), self.compose, hint="M", key="compose", icon="email"),
                Button(
                    _("End my turn"),
                    self.end_turn,
                    hint="E",
                    style="primary" if can_end else "normal",
                    enabled=can_end,
                    key="end",
                ),
            ]
        buttons.append(Button(pgettext("button", "Pause"), self.pause, hint="Esc", key="pause"))
        if columns == 3:
            left_w = right_w = int(body.width * 0.29)
            mid_w = body.width - left_w - right_w - 2 * gap
            left = pygame.Rect(body.x, body.y, left_w, body.height)
            mid = pygame.Rect(left.right + gap, body.y, mid_w, body.height)
            right = pygame.Rect(mid.right + gap, body.y, right_w, body.height)
            views = [
                ScrollView("feed", left, feed, bg="panel"),
                ScrollView("cards", mid, cards),
                ScrollView("side", right, side, bg="panel"),
            ]
        elif columns == 2:  # this turn's messages and the decisions beside the situation
            mid_w = int(body.width * 0.58)
            mid = pygame.Rect(body.x, body.y, mid_w, body.height)
            right = pygame.Rect(mid.right + gap, body.y, body.width - mid_w - gap, body.height)
            views = [
                ScrollView("cards", mid, [*news, *cards]),
                ScrollView("side", right, [Box(side, bg=None, padding=0), *feed], bg="panel"),
            ]
        else:  # one column: this turn's messages, the decisions, the situation, older messages
            views = [ScrollView("cards", body, [*news, *cards, Box(side), Box(feed)])]
        return [*views, footer(self.frame, buttons)]

    def default_focus(self) -> Widget | None:
        if self.reading:
            return next((w for w in self.focusables() if w.key == "start"), None)
        for w in self.focusables():
            if (w.key and w.key.startswith("opt-")) or (w.key and w.key.startswith("item-")):
                return w
        return (
            next((w for w in self.focusables() if w.key == "end"), None) or super().default_focus()
        )

    def _inject(self, si) -> Widget:
        t = self.app.theme
        inj = si.inject
        new = inj.id in self.unread
        size = t.line_height("body") + 4

        def paint(surf: pygame.Surface, r: pygame.Rect, ch: str = inj.channel) -> None:
            surf.blit(
                icons.icon(ch, r.width, t.palette.unread if new else t.palette.text_dim), r.topleft
            )

        label = self.match.scenario.turns[si.turn - 1].label if si.turn else ""
        meta = " · ".join(x for x in (channel_name(inj.channel), inj.from_, label) if x)
        return Box(
            [
                Row(
                    [
                        Custom(size, paint, width=size),
                        Text(
                            # TRANSLATORS: the mark before an unread message's headline
                            _("NEW  {headline}").format(headline=inj.headline)
                            if new
                            else inj.headline,
                            "body",
                            "unread" if new else "text",
                        ),
                    ],
                    [size, None],
                    gap=t.pad // 2,
                ),
                Text(meta, "small", "text_dim"),
                Text(inj.body.strip(), "small") if inj.body.strip() else None,
                self._picture(inj.id, inj.image) if inj.image else None,
            ],
            bg="panel_alt",
            stripe="unread" if new else None,
            key=f"inj-{inj.id}",
        )

    def _picture(self, inject_id: str, image: str) -> Widget:
        """The inject's picture, as wide as the card and at most a third of the window tall."""
        path = self.images.path_of(self.match.scenario.path, image)
        if self.images.get(path) is None:
            return Text(
                _("(picture {file} could not be shown)").format(file=image), "small", "text_dim"
            )
        max_h = self.app.size[1] // 3

        def height(width: int) -> int:
            fitted = self.images.fitted(path, width, max_h)
            return fitted.get_height() if fitted is not None else 0

        def paint(surf: pygame.Surface, r: pygame.Rect) -> None:
            fitted = self.images.fitted(path, r.width, max_h)
            if fitted is not None:
                surf.blit(fitted, r.topleft)

        return Custom(height, paint, key=f"img-{inject_id}", live=False)

    def _card(self, p: PendingDecision, first: bool, watch: bool = False) -> Widget:
        t = self.app.theme
        d = p.decision
        bar_h = t.line_height("body") + 6

        def paint(surf: pygame.Surface, r: pygame.Rect, p: PendingDecision = p) -> None:
            self._paint_countdown(surf, r, p)

        items: list[Widget | None] = [Custom(bar_h, paint, key=f"bar-{d.id}")]
        if watch:
            items.append(Text(role_title(p.role), "small", "accent"))
        items.append(Text(d.prompt, "heading"))
        if watch:
            pass  # the spectator view shows the clock and the prompt, no buttons
        elif d.kind == "rank":
            order = self.orders.setdefault(d.id, [i.id for i in p.items])
            text = {i.id: i.text for i in d.items}
            items.append(
                Text(
                    _(
                        "Put them in order, most important first: drag an item onto "
                        "another, or focus it and press Shift+↑/↓ (or use the arrows)."
                    ),
                    "small",
                    "text_dim",
                )
            )
            for n, iid in enumerate(order):
                items.append(
                    Row(
                        [
                            Button(
                                f"{n + 1}. {text[iid]}",
                                None,
                                fill=True,
                                key=f"item-{d.id}-{iid}",
                                drag=f"{d.id}/{iid}",
                            ),
                            Button(
                                "▲",
                                lambda d=d.id, i=n: self.move(d, i, -1),
                                enabled=n > 0,
                                key=f"up-{d.id}-{iid}",
                                align="center",
                                fill=True,
                            ),
                            Button(
                                "▼",
                                lambda d=d.id, i=n: self.move(d, i, +1),
                                enabled=n < len(order) - 1,
                                key=f"down-{d.id}-{iid}",
                                align="center",
                                fill=True,
                            ),
                        ],
                        [None, t.line_height() * 2, t.line_height() * 2],
                        gap=t.pad // 2,
                    )
                )
            items.append(
                Button(
                    _("Submit this order"),
                    lambda d=d.id: self.submit_rank(d),
                    style="primary",
                    hint="O" if getattr(self._rank_target(), "id", None) == p.id else "",
                    key=f"submit-{d.id}",
                )
            )
        else:
            for n, o in enumerate(p.options):
                items.append(
                    Button(
                        o.text,
                        lambda d=d.id, o=o.id: self.answer(d, o),
                        fill=True,
                        hint=str(n + 1) if first and n < 9 else "",
                        key=f"opt-{d.id}-{o.id}",
                    )
                )
        return Box(items, border="border", key=f"card-{d.id}")

    def _resolved(self, rec) -> Widget:
        d = self.match.scenario.decision_by_id[rec.decision]
        # TRANSLATORS: before a line about a decision in the spectator view ("Crisis Manager: …")
        who = "" if self.role else _("{role}: ").format(role=role_title(rec.role))
        if rec.skipped:
            lines = [
                Text(
                    _("{who}Skipped by the facilitator: nothing was applied.").format(who=who),
                    colour="warn",
                )
            ]
        elif rec.timed_out:
            opt = d.option(rec.applied_option) if rec.applied_option else None
            if opt is not None:
                lines = [
                    Text(
                        _(
                            "{who}Time ran out. The scenario's default was applied: “{option}”"
                        ).format(who=who, option=opt.text),
                        colour="bad",
                    )
                ]
                if opt.why:
                    lines.append(
                        Text(_("Why it matters: {why}").format(why=opt.why), "small", "text_dim")
                    )
            else:
                lines = [
                    Text(
                        _("{who}Time ran out: no answer, so nothing was done about it.").format(
                            who=who
                        ),
                        colour="bad",
                    )
                ]
        elif rec.order is not None:
            text = {i.id: i.text for i in d.items}
            order = "; ".join(f"{n}. {text.get(i, i)}" for n, i in enumerate(rec.order, 1))
            lines = [
                Text(
                    _("{who}Order submitted in {time}: {order}").format(
                        who=who, time=clock_text(rec.elapsed or 0), order=order
                    ),
                    colour="text_dim",
                )
            ]
        else:
            opt = d.option(rec.option or "")
            lines = [
                Text(
                    _("{who}Answered in {time}: “{option}”").format(
                        who=who,
                        time=clock_text(rec.elapsed or 0),
                        option=opt.text if opt else rec.option,
                    ),
                    colour="text_dim",
                )
            ]
        return Box(
            [Text(d.prompt, "small", "text_dim"), *lines],
            bg="panel_alt",
            key=f"done-{rec.decision}",
        )

    def _stakeholder(self, st) -> Widget:
        s = self.match.session
        sh = st.stakeholder
        owners = self.match.scenario.owners_of(sh)
        mine = self.role in owners if self.role else False
        turn = s.turn_number
        if st.overdue:
            status, colour = _("OVERDUE (by turn {n})").format(n=st.deadline_turn), "bad"
        elif st.complete_turn is not None:
            status, colour = _("✓ informed (turn {n})").format(n=st.complete_turn), "good"
        elif not st.required_now:
            status = _("not required now · by turn {n}").format(n=st.deadline_turn)
            colour = "text_dim"
        elif st.deadline_turn == turn:
            status, colour = _("due THIS turn"), "warn"
        else:
            status, colour = _("due by turn {n}").format(n=st.deadline_turn), "text"
        told = [m for m in s.messages if sh.id in m.stakeholders]
        n_points = len(st.covered) + len(st.missing)
        told_text = (
            ngettext(
                "Told in {n} message; {covered} of {points} key points covered",
                "Told in {n} messages; {covered} of {points} key points covered",
                len(told),
            ).format(n=len(told), covered=len(st.covered), points=n_points)
            if n_points
            else ngettext("Told in {n} message", "Told in {n} messages", len(told)).format(
                n=len(told)
            )
        )
        if not told:
            told_text = _("Not told anything yet")
        return Box(
            [
                Text(
                    _("{stakeholder}  ★ yours").format(stakeholder=sh.name) if mine else sh.name,
                    "body",
                ),
                Text(status, "small", colour),
                Text(told_text, "small", "text_dim"),
            ],
            bg="panel_alt",
            stripe=colour if colour in ("bad", "warn") else None,
            key=f"sh-{sh.id}",
        )

    # -- custom painting ---------------------------------------------------------------------

    def _metrics_height(self, width: int) -> int:
        t = self.app.theme
        rows = len(self.match.scenario.metrics)
        extra = t.line_height("small") if self._last_turn_changes() else 0
        return rows * (t.line_height("small") + 12 + extra)

    def _last_turn_changes(self) -> dict[str, float]:
        """How each metric moved over the previous turn (empty in turn 1): what the last round
        of decisions did, shown beside the changes of this turn."""
        s = self.match.session
        history = s.metrics_history
        if not history:
            return {}
        before = history[-2] if len(history) > 1 else s.start_metrics
        return {k: v - before.get(k, v) for k, v in history[-1].items()}

    def _paint_metrics(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        t = self.app.theme
        p = t.palette
        s = self.match.session
        changes = s.metric_changes()
        last = self._last_turn_changes()
        y = r.y
        lh = t.line_height("small")
        for metric in self.match.scenario.metrics:
            v = s.metrics[metric.id]
            dv = changes.get(metric.id, 0)
            t.blit_text(surf, metric.title, (r.x, y), "small", p.text)
            value = f"{v:g}"
            if dv:
                better = (dv > 0) == (metric.good == "high")
                arrow = "▲" if dv > 0 else "▼"
                change = f"{arrow} {dv:+g}"
                cw = t.width(change, "small")
                t.blit_text(surf, change, (r.right - cw, y), "small", p.good if better else p.bad)
                vx = r.right - cw - t.pad - t.width(value, "small")
            else:
                vx = r.right - t.width(value, "small")
            t.blit_text(surf, value, (vx, y), "small", p.text)
            bar = pygame.Rect(r.x, y + lh, r.width, 6)
            pygame.draw.rect(surf, p.panel, bar, border_radius=3)
            if metric.max is not None:
                lo = metric.min or 0
                frac = (v - lo) / max(1e-9, metric.max - lo)
                good = frac if metric.good == "high" else 1 - frac
                c = p.good if good >= 0.6 else p.warn if good >= 0.35 else p.bad
                pygame.draw.rect(
                    surf,
                    c,
                    (bar.x, bar.y, int(bar.width * max(0, min(1, frac))), bar.height),
                    border_radius=3,
                )
            if last:
                dl = last.get(metric.id, 0)
                if dl:
                    good = (dl > 0) == (metric.good == "high")
                    text = _("last turn {change}").format(
                        change=f"{'▲' if dl > 0 else '▼'} {dl:+g}"
                    )
                    t.blit_text(surf, text, (r.x, y + lh + 8), "small", p.good if good else p.bad)
                else:
                    t.blit_text(
                        surf, _("last turn: no change"), (r.x, y + lh + 8), "small", p.text_dim
                    )
                y += lh
            y += lh + 12

    def _paint_countdown(self, surf: pygame.Surface, r: pygame.Rect, p: PendingDecision) -> None:
        t = self.app.theme
        pal = t.palette
        s = self.match.session
        left = p.remaining(s.now())
        pygame.draw.rect(surf, pal.panel_alt, r, border_radius=5)
        if left is None:
            t.blit_text(
                surf,
                _("Starts when you press Enter (Start my clocks)")
                if self.reading
                else _("Waiting for the player to take the seat"),
                (r.x + 8, r.y + 3),
                "small",
                pal.text_dim,
            )
            return
        frac = max(0.0, min(1.0, left / max(1e-9, p.time_limit)))
        c = pal.timer[0] if frac > 0.5 else pal.timer[1] if frac > 0.2 else pal.timer[2]
        fill = pygame.Rect(r.x, r.y, int(r.width * frac), r.height)
        pygame.draw.rect(surf, c, fill, border_radius=5)
        if frac <= 0.2:  # stripes: urgency is not told by colour alone
            for x in range(fill.x, fill.right, 14):
                pygame.draw.line(
                    surf, pal.bg, (x, fill.bottom - 1), (min(x + 8, fill.right), fill.y + 1), 3
                )
        label = (_("PAUSED · {time} left") if s.paused else _("{time} left")).format(
            time=clock_text(left)
        )
        colour = (20, 20, 20) if frac > 0.12 else pal.text
        lw = t.width(label, "body")
        t.blit_text(
            surf,
            label,
            (
                r.x
                + max(
                    6,
                    (fill.width - lw) // 2
                    if frac > 0.5
                    else fill.width + 6
                    if fill.width + lw + 12 < r.width
                    else 6,
                ),
                r.y + 3,
            ),
            "body",
            colour if frac > 0.5 or fill.width + lw + 12 >= r.width else pal.text,
        )

    # -- actions -----------------------------------------------------------------------------

    def take_seat(self) -> None:
        """Reading done: the seat is taken and its clocks start (``Present``)."""
        if self.reading and self.role is not None:
            self.match.take_seat(self.role)
            self.reading = False
            pending = self.match.session.pending(self.role)
            if pending:  # the first answer comes into view, its message right above it
                first = pending[0]
                key = (first.options or first.items)[0].id if (first.options or first.items) else ""
                kind = "opt" if first.decision.kind == "choice" else "item"
                self._refocus_key = f"{kind}-{first.id}-{key}"
                self._scroll_to = f"card-{first.id}"
            self.invalidate()

    def answer(self, decision: str, option: str) -> None:
        if self.match.apply(act.Answer(self.role, decision, option)):
            self.notice = ""
        self.invalidate()

    def move(self, decision: str, index: int, step: int) -> None:
        if swap(self.orders[decision], index, step):
            self.invalidate()

    def submit_rank(self, decision: str) -> None:
        self.match.apply(act.Rank(self.role, decision, tuple(self.orders[decision])))
        self.invalidate()

    def end_turn(self) -> None:
        if self.role is None:
            return
        # what this seat has had on screen; ending the last seat's turn may show the next
        # turn's messages at once, and those are not read yet
        seen = [si.inject.id for si in self.match.session.visible_injects(self.role)]
        if self.match.apply(act.EndTurn(self.role)):
            self.match.mark_read(self.role, seen)
        self.invalidate()

    def compose(self) -> None:
        from game.ui.scenes.compose import ComposeScene

        if self.role is not None:
            self.app.push(ComposeScene(self.app, self.match, self.role, self))

    def pause(self) -> None:
        from game.ui.scenes.pause import PauseScene

        self.app.push(PauseScene(self.app, self.match))

    def on_drop(self, dragged: Widget, target: Widget) -> None:
        d1, i1 = dragged.drag.split("/", 1)  # type: ignore[union-attr]
        d2, i2 = target.drag.split("/", 1)  # type: ignore[union-attr]
        if d1 != d2:
            return
        order = self.orders[d1]
        to = order.index(i2)
        order.remove(i1)
        order.insert(to, i1)  # takes the target's place; the others close up
        self.invalidate()

    # -- input and time ----------------------------------------------------------------------

    def handle(self, cmd: Command) -> None:
        k = cmd.kind
        if self._dirty:
            self.rebuild()
        if k is Kind.BACK:
            self.pause()
        elif self.reading and k not in _READING_KEYS:
            return  # nothing to answer yet: the clocks have not started
        elif self.reading and k is Kind.ACTIVATE and self._enter_held:
            return  # the previous screen's Enter, repeated: a new press starts the clocks
        elif k is Kind.SHORTCUT and cmd.text == "m":
            self.compose()
        elif k is Kind.SHORTCUT and cmd.text == "e":
            self.end_turn()
        elif k is Kind.SHORTCUT and cmd.text == "p":
            self.pause()
        elif k is Kind.SHORTCUT and cmd.text == "o":
            target = self._rank_target()
            if target is not None:
                self.submit_rank(target.id)
        elif k is Kind.NUMBER and self.role is not None:
            pending = self.match.session.pending(self.role)
            focus_key = self.ctx.focus.key or "" if self.ctx.focus else ""
            target = next((p for p in pending if f"-{p.id}-" in focus_key), None)
            target = target or next((p for p in pending if p.decision.kind == "choice"), None)
            if (
                target is not None
                and target.decision.kind == "choice"
                and 1 <= cmd.value <= len(target.options)
            ):
                self.answer(target.id, target.options[cmd.value - 1].id)
        elif k in (Kind.MOVE_UP, Kind.MOVE_DOWN):
            key = self.ctx.focus.key if self.ctx.focus is not None else None
            if key and key.startswith("item-"):
                for d, order in self.orders.items():
                    prefix = f"item-{d}-"
                    if key.startswith(prefix) and key[len(prefix) :] in order:
                        self.move(
                            d, order.index(key[len(prefix) :]), -1 if k is Kind.MOVE_UP else 1
                        )
                        self._refocus_key = key
                        break
        else:
            super().handle(cmd)

    def _rank_target(self) -> PendingDecision | None:
        """The ranking that O submits: the one with the focus, else this seat's first."""
        if self.role is None:
            return None
        ranks = [p for p in self.match.session.pending(self.role) if p.decision.kind == "rank"]
        focus_key = (self.ctx.focus.key or "") if self.ctx.focus is not None else ""
        return next((p for p in ranks if f"-{p.id}-" in focus_key), ranks[0] if ranks else None)

    def rebuild(self) -> None:
        super().rebuild()
        if self._refocus_key:
            self.focus_key(self._refocus_key)
            self._refocus_key = None
        if self._scroll_to:  # the card's top (its countdown) at the top of its column
            for v in self.views:
                card = next((w for w in v.widgets() if w.key == self._scroll_to), None)
                if card is not None:
                    v.scroll = card.rect.y - self.app.theme.pad
                    v.clamp()
            self._scroll_to = None

    def update(self, dt: float) -> None:
        if self._enter_held and not _enter_down():
            self._enter_held = False
        m = self.match
        s = m.session
        if self.app.top is self and (
            s.finished
            or (self.role is not None and not self.reading and m.active != self.role)
            or (self.reading and m.next_human() != self.role)
            or (self.role is None and (m.next_human() is not None or s.turn_number != self.turn))
        ):
            self.app.route()
            return
        if m.revision != self.seen:
            self._sounds_for_new_events()
            self.invalidate()
        super().update(dt)
        self._tick_sound()

    def _sounds_for_new_events(self) -> None:
        from game.engine import events as ev

        new = self.match.events[self.seen_events :]
        self.seen_events = len(self.match.events)
        shown = [e.inject for e in new if isinstance(e, ev.InjectShown)]
        if shown:
            channels = {
                si.inject.id: si.inject.channel for si in self.match.session.shown_injects()
            }
            alarm = any(channels.get(i) == "alarm" for i in shown)
            self.app.play_sound("alarm" if alarm else "notify")

    def _tick_sound(self) -> None:
        if self.role is None:
            return
        s = self.match.session
        if s.paused:
            return
        lefts = [p.remaining(s.now()) for p in s.pending(self.role)]
        lefts = [x for x in lefts if x is not None and x <= 10]
        if lefts:
            sec = int(min(lefts))
            if sec != self._last_tick:
                self._last_tick = sec
                self.app.play_sound("tick")

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        s = self.match.session
        super().draw(surface)
        draw_header(
            surface,
            t,
            self.frame,
            f"{s.turn.label}",
            self._subtitle(),
            right=_("PAUSED") if s.paused else "",
        )

    def _subtitle(self) -> str:
        s = self.match.session
        turn = s.turn
        who = _("Between seats") if self.private else _("Spectator view (bots playing)")
        if self.role is not None:
            player = s.seats[self.role].player or ""
            who = _("{role} — {player}").format(role=role_title(self.role), player=player)
        return _("Turn {n} of {total} · {phase} · {who}").format(
            n=s.turn_number, total=len(s.scenario.turns), phase=phase_name(turn.phase), who=who
        )
