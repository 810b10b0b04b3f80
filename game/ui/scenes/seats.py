"""Seats: who plays each role, a person (by name) or a bot with a policy.  At least one person."""

from __future__ import annotations

import pygame

from game import i18n
from game.cohort import MAX_COHORT, clean_cohort
from game.engine import POLICIES, Seat
from game.i18n import _
from game.scenario import Scenario
from game.scoring.wording import bot_label
from game.ui.input import Command, Kind
from game.ui.scene import Scene
from game.ui.scenes.common import (
    Frame,
    back_button,
    draw_header,
    footer,
    language_name,
    role_title,
)
from game.ui.widgets import Box, Button, Flow, Row, ScrollView, Text, TextField

#: The bots offered for a seat: the adversarial ``longest`` and ``blanket`` are for checking
#: scenarios (``crisis-sim check``, ``simulate``), not for playing alongside people.
SEAT_POLICIES = tuple(p for p in POLICIES if p not in ("longest", "blanket"))


def offered_language(app, scenario: Scenario) -> str | None:
    """The language to offer for a scenario written in another one than the window speaks, or
    None: not ours to offer (a language the game does not ship), the same, or already declined
    in this window (the offer is made once, never a nag)."""
    tag = i18n.normalise(scenario.language)
    if tag is None or tag == i18n.language() or tag in app.declined_languages:
        return None
    return tag


class SeatsScene(Scene):
    name = "seats"

    def __init__(
        self,
        app,
        scenario: Scenario,
        named: dict[str, str] | None = None,
        bots: str = "good",
    ) -> None:
        super().__init__(app)
        self.scenario = scenario
        roles = scenario.roles_in_play
        if not named:  # the people of the last game, in the roles they played
            named = dict(app.settings.player_names)
        named = {r: n for r, n in named.items() if r in roles}
        if not named and roles:
            named = {roles[0]: _("Player {n}").format(n=1)}
        self.names = {r: named.get(r, "") for r in roles}
        self.human = {r: r in named for r in roles}
        self.policy = dict.fromkeys(roles, bots if bots in SEAT_POLICIES else "good")
        self.message = ""
        self.cohort = app.cohort or ""

    def seats(self) -> dict[str, Seat] | None:
        out = {}
        for r in self.scenario.roles_in_play:
            if self.human[r]:
                name = self.names[r].strip()
                if not name:
                    return None
                out[r] = Seat(r, player=name)
            else:
                out[r] = Seat(r, bot=self.policy[r])
        return out if any(s.player for s in out.values()) else None

    def build(self) -> list[ScrollView]:
        t = self.app.theme
        self.frame = Frame(self.app.size, t)
        rows = []
        offer = offered_language(self.app, self.scenario)
        if offer is not None:
            name = language_name(offer)
            rows.append(
                Box(
                    [
                        Text(
                            _(
                                "This scenario is written in {language}. Show the game in "
                                "{language} too?"
                            ).format(language=name)
                        ),
                        Flow(
                            [
                                Button(
                                    _("Switch to {language}").format(language=name),
                                    self.switch_language,
                                    style="primary",
                                    hint="L",
                                    key="language-switch",
                                ),
                                Button(
                                    _("Keep {language}").format(
                                        language=language_name(i18n.language())
                                    ),
                                    self.keep_language,
                                    hint="K",
                                    key="language-keep",
                                ),
                            ]
                        ),
                    ],
                    bg="panel_alt",
                    stripe="accent",
                    key="language-offer",
                )
            )
        rows.append(
            Text(
                _(
                    "Give each role to a person (type their name) or to a bot. Several people "
                    "share this screen and pass it on when their part of the turn is done. At "
                    "least one role needs a person."
                ),
                colour="text_dim",
            )
        )
        for i, r in enumerate(self.scenario.roles_in_play):
            brief = self.scenario.role_brief(r)
            if self.human[r]:
                control = TextField(
                    self.names[r],
                    lambda v, r=r: self._name(r, v),
                    label=_("Player's name"),
                    placeholder=_("Type a name"),
                    key=f"name-{r}",
                    on_enter=self.start,
                )
            else:
                control = Flow(
                    [
                        Button(
                            bot_label(p),
                            lambda r=r, p=p: self._policy(r, p),
                            style="toggle",
                            selected=self.policy[r] == p,
                            # Shift+F-n moves role n's bot to the next style: the key is there
                            hint=f"⇧F{i + 1}" if p == self._next_policy(r) else "",
                            key=f"policy-{r}-{p}",
                        )
                        for p in SEAT_POLICIES
                    ]
                )
            rows.append(
                Box(
                    [
                        Row(
                            [
                                Text(f"{i + 1}. {role_title(r)}", "heading"),
                                Flow(
                                    [
                                        Button(
                                            _("Person"),
                                            lambda r=r: self._kind(r, True),
                                            style="toggle",
                                            selected=self.human[r],
                                            # F1–F5 switch a role: the key is on the other one
                                            hint="" if self.human[r] else f"F{i + 1}",
                                            key=f"human-{r}",
                                        ),
                                        Button(
                                            # TRANSLATORS: a role played by the computer
                                            _("Bot"),
                                            lambda r=r: self._kind(r, False),
                                            style="toggle",
                                            selected=not self.human[r],
                                            hint=f"F{i + 1}" if self.human[r] else "",
                                            key=f"bot-{r}",
                                        ),
                                    ]
                                ),
                            ]
                        ),
                        Text(brief, "small", "text_dim") if brief else None,
                        control,
                    ],
                    key=f"seat-{r}",
                )
            )
        rows.append(
            Box(
                [
                    TextField(
                        self.cohort,
                        self._cohort,
                        label=_("Class or session (optional)"),
                        placeholder=_("e.g. Ops course May"),
                        max_len=MAX_COHORT,
                        key="cohort",
                        on_enter=self.start,
                    ),
                    Text(
                        _(
                            "Games with the same class name are gathered under Classes on the "
                            "title screen."
                        ),
                        "small",
                        "text_dim",
                    ),
                ],
                key="cohort-box",
            )
        )
        ready = self.seats() is not None
        if not ready:
            rows.append(
                Text(
                    _("Every person needs a name, and at least one role needs a person."),
                    colour="warn",
                )
            )
        return [
            ScrollView("list", self.frame.body, rows),
            footer(
                self.frame,
                [
                    Button(
                        _("Read the briefing"),
                        self.start,
                        style="primary",
                        enabled=ready,
                        hint="B",
                        key="start",
                    ),
                    back_button(self.app.pop),
                ],
            ),
        ]

    def _name(self, role: str, value: str) -> None:
        self.names[role] = value
        # the footer's Start button follows the names without losing the typing focus
        self.invalidate()

    def _cohort(self, value: str) -> None:
        self.cohort = value

    def _kind(self, role: str, human: bool) -> None:
        self.human[role] = human
        if human and not self.names[role].strip():
            n = sum(1 for v in self.human.values() if v)
            self.names[role] = _("Player {n}").format(n=n)
        self.invalidate()

    def switch_language(self) -> None:
        """Speak the scenario's language from now on (remembered, as on the settings screen)."""
        tag = offered_language(self.app, self.scenario)
        if tag is not None:
            self.app.choose_language(tag)
            self.invalidate()

    def keep_language(self) -> None:
        """Not now, and not again for this language while the window is open."""
        tag = offered_language(self.app, self.scenario)
        if tag is not None:
            self.app.declined_languages.add(tag)
            self.invalidate()

    def _next_policy(self, role: str) -> str:
        policies = list(SEAT_POLICIES)
        return policies[(policies.index(self.policy[role]) + 1) % len(policies)]

    def _policy(self, role: str, policy: str) -> None:
        self.policy[role] = policy
        self.invalidate()

    def start(self) -> None:
        from game.ui.scenes.briefing import BriefingScene

        seats = self.seats()
        if seats is not None:
            self.remember(seats)
            # the class name: cleaned (control characters, spaces); empty means none
            try:
                self.app.cohort = clean_cohort(self.cohort) if self.cohort.strip() else None
            except ValueError:
                self.app.cohort = None
            self.app.push(BriefingScene(self.app, self.scenario, seats))

    def remember(self, seats: dict[str, Seat]) -> None:
        """Keep the people's names for the next game (settings.json): a team that plays again
        does not type them again.  Roles not in this scenario keep their last name."""
        import dataclasses

        from game.ui.settings import clean_names

        names = dict(self.app.settings.player_names)
        for r, seat in seats.items():
            if seat.player:
                names[r] = seat.player
            else:
                names.pop(r, None)
        kept = clean_names(names)
        if kept != self.app.settings.player_names:
            self.app.apply_settings(dataclasses.replace(self.app.settings, player_names=kept))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        draw_header(
            surface, self.app.theme, self.frame, _("Who plays which role?"), self.scenario.title
        )

    def handle(self, cmd: Command) -> None:
        if cmd.kind is Kind.BACK and not self.typing:  # in a name: Esc leaves the field
            self.app.pop()
        elif cmd.kind is Kind.SHORTCUT and cmd.text == "b":  # never while typing a name
            self.start()
        elif cmd.kind is Kind.SHORTCUT and cmd.text in ("l", "k"):
            (self.switch_language if cmd.text == "l" else self.keep_language)()
        elif cmd.kind is Kind.FUNCTION and cmd.text == "shift":  # Shift+F-n: next bot style
            roles = self.scenario.roles_in_play
            if cmd.value <= len(roles) and not self.human[roles[cmd.value - 1]]:
                r = roles[cmd.value - 1]
                self._policy(r, self._next_policy(r))
        elif cmd.kind is Kind.FUNCTION:  # F1–F5, typing or not: person ↔ bot for role n
            roles = self.scenario.roles_in_play
            if cmd.value <= len(roles):
                r = roles[cmd.value - 1]
                focus = self.ctx.focus
                if focus is not None and focus.key == f"name-{r}":
                    self.leave_field()  # its name field goes away
                self._kind(r, not self.human[r])
        else:
            super().handle(cmd)
