"""The scenario model: immutable objects the engine runs, built only by the loader.

Everything here is frozen so that a loaded scenario can be shared between sessions, bots and
front-ends without anyone changing it behind the others' backs.  Field names follow the file
format (``docs/authoring.md``); where a YAML key is a Python keyword or builtin (``from``,
``set``) the attribute gets a trailing underscore and the loader maps the key.

Collections that the file writes as ``id: {...}`` mappings (roles, metrics, stakeholders) are
tuples of objects carrying their ``id`` so that order is kept and lookups go through the
``Scenario`` index helpers.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import Literal

import attrs

from game.i18n import N_
from game.ids import ROLE_IDS as _ROLE_IDS
from game.scenario.conditions import Condition

FORMAT_V1 = "crisis-sim/1"


class RoleId(StrEnum):
    """The five built-in crisis-team roles (the ids used in files)."""

    CRISIS_MANAGER = "crisis_manager"
    INFOSEC_ANALYST = "infosec_analyst"
    EMERGENCY_DIRECTOR = "emergency_director"
    PR_SPECIALIST = "pr_specialist"
    REPUTATION_HEAD = "reputation_head"


ROLE_IDS: tuple[str, ...] = _ROLE_IDS
assert tuple(r.value for r in RoleId) == ROLE_IDS

#: Role titles in English (marked for translation: show them with ``game.i18n._``).
ROLE_TITLES: dict[str, str] = {
    "crisis_manager": N_("Crisis Manager"),
    "infosec_analyst": N_("Information Security Analyst"),
    "emergency_director": N_("Emergency Management Director"),
    "pr_specialist": N_("Public Relations Specialist"),
    "reputation_head": N_("Head of Corporate Reputation"),
}

SCENARIO_TYPES = (
    "data_breach",
    "product_recall",
    "fire",
    "reputation",
    "natural_disaster",
    "workplace_violence",
    "other",
)
DIFFICULTIES = ("intro", "standard", "advanced")
PHASES = ("preparation", "response", "recovery")
INJECT_CHANNELS = ("email", "phone", "news", "social", "alarm", "radio", "meeting", "report")
MESSAGE_CHANNELS = ("email", "phone", "press_release", "social", "meeting", "letter")
RATINGS = ("best", "good", "poor", "harmful")
RISKS = (
    "speculation",
    "blame",
    "liability",
    "minimizing",
    "confidential",
    "personal_data",
    "no_comment",
)
#: Message channels whose every message is public: what goes out over them is published.
PUBLIC_CHANNELS = ("press_release", "social")
GOOD_DIRECTIONS = ("high", "low")
DECISION_KINDS = ("choice", "rank")

ScenarioType = Literal[
    "data_breach",
    "product_recall",
    "fire",
    "reputation",
    "natural_disaster",
    "workplace_violence",
    "other",
]
Difficulty = Literal["intro", "standard", "advanced"]
Phase = Literal["preparation", "response", "recovery"]
InjectChannel = Literal["email", "phone", "news", "social", "alarm", "radio", "meeting", "report"]
MessageChannel = Literal["email", "phone", "press_release", "social", "meeting", "letter"]
Rating = Literal["best", "good", "poor", "harmful"]
Risk = Literal[
    "speculation", "blame", "liability", "minimizing", "confidential", "personal_data", "no_comment"
]
GoodDirection = Literal["high", "low"]
DecisionKind = Literal["choice", "rank"]


class Text(str):
    """Free text that also accepts a number as written (``version: 2`` is the text ``"2"``)."""

    __slots__ = ()


@attrs.frozen
class Role:
    id: str
    brief: str = ""


@attrs.frozen
class Metric:
    id: str
    start: float
    label: str = ""
    min: float | None = None
    max: float | None = None
    good: GoodDirection = "high"

    @property
    def title(self) -> str:
        return self.label or self.id

    def clamp(self, value: float) -> float:
        if self.min is not None and value < self.min:
            return self.min
        if self.max is not None and value > self.max:
            return self.max
        return value


@attrs.frozen
class Stakeholder:
    id: str
    name: str
    owner: tuple[str, ...] | None = None
    inform_by: int | None = None
    expects: tuple[str, ...] = ()
    weight: float = 1.0
    required_when: Condition | None = None
    #: Risk kinds this stakeholder may hear without cost (the Board: ``confidential``).
    may_hear: tuple[Risk, ...] = ()
    #: What this stakeholder hears is published (the media, followers): every message to it is
    #: public, whatever the channel.
    public: bool = False


@attrs.frozen
class Statement:
    id: str
    text: str
    covers: tuple[str, ...] = ()
    risk: Risk | None = None
    effects: dict[str, float] = attrs.field(factory=dict)
    set_: tuple[str, ...] = ()
    clear: tuple[str, ...] = ()
    contradicts: tuple[str, ...] = ()
    when: Condition | None = None
    #: Stakeholders that may hear this risky statement without cost (a regulator receiving the
    #: evidence it asked for); for them it covers its key points like any other statement.
    cleared_for: tuple[str, ...] = ()


@attrs.frozen
class Inject:
    """A message that reaches the players: on a fixed turn, or as an event on a condition."""

    id: str
    channel: InjectChannel
    headline: str
    from_: str = ""
    to: tuple[str, ...] | None = None
    body: str = ""
    image: str | None = None
    when: Condition | None = None
    effects: dict[str, float] = attrs.field(factory=dict)
    set_: tuple[str, ...] = ()
    clear: tuple[str, ...] = ()
    #: for the facilitator only (never shown to players): who delivers the inject in a live
    #: exercise (the HSEEP MSEL's "Responsible Controller") and notes about it
    controller: str = ""
    notes: str = ""


@attrs.frozen
class Option:
    id: str
    text: str
    rating: Rating
    why: str = ""
    effects: dict[str, float] = attrs.field(factory=dict)
    set_: tuple[str, ...] = ()
    clear: tuple[str, ...] = ()


@attrs.frozen
class RankItem:
    id: str
    text: str


@attrs.frozen
class Decision:
    id: str
    role: str
    prompt: str
    kind: DecisionKind = "choice"
    time_limit: float = 90.0
    when: Condition | None = None
    options: tuple[Option, ...] = ()
    on_timeout: str | None = None
    items: tuple[RankItem, ...] = ()
    expected: tuple[str, ...] = ()
    why: str = ""
    #: Stakes: how much this decision counts in speed and priorities (default 1).
    weight: float = 1.0
    #: False for a decision that is not about speed (planning days before, a review weeks
    #: after): it is left out of the speed score and the debrief never says "decide faster".
    speed_counts: bool = True

    def option(self, option_id: str) -> Option | None:
        for o in self.options:
            if o.id == option_id:
                return o
        return None


@attrs.frozen
class Turn:
    label: str
    phase: Phase = "response"
    injects: tuple[Inject, ...] = ()
    decisions: tuple[Decision, ...] = ()


@attrs.frozen
class Channel:
    """When a message channel is down: messages over it are not delivered while ``down_when``
    holds.  Written as ``channels: {email: {down_when: "...", reason: "..."}}``."""

    id: str
    down_when: Condition
    reason: str = ""


@attrs.frozen
class Ending:
    id: str
    title: str
    text: str = ""
    when: Condition | None = None


@attrs.frozen
class Objective:
    id: str
    text: str
    measures: tuple[str, ...] = ()
    #: the HSEEP core capability the objective exercises (e.g. "Operational Coordination")
    capability: str = ""


@attrs.frozen
class Weights:
    speed: float = 0.25
    priorities: float = 0.45
    communication: float = 0.30


@attrs.frozen
class Scoring:
    weights: Weights = Weights()


@attrs.frozen
class Scenario:
    """A validated scenario.  ``path`` and ``content_hash`` tie saves and results to the file."""

    format: str
    id: str
    title: str
    type: ScenarioType
    summary: str
    briefing: str
    metrics: tuple[Metric, ...]
    stakeholders: tuple[Stakeholder, ...]
    statements: tuple[Statement, ...]
    turns: tuple[Turn, ...]
    endings: tuple[Ending, ...]
    language: str = "en"
    difficulty: Difficulty = "standard"
    estimated_minutes: int | None = None
    author: Text | None = None
    version: Text | None = None
    roles: tuple[Role, ...] | None = None
    flags: tuple[str, ...] = ()
    events: tuple[Inject, ...] = ()
    objectives: tuple[Objective, ...] = ()
    scoring: Scoring = Scoring()
    channels: tuple[Channel, ...] = ()
    path: str = ""
    content_hash: str = ""
    #: When this is a translation (``game.scenario.translation``): the scenario in its own
    #: words.  Saves are checked against its text, so a game resumes in any language.
    untranslated: Scenario | None = attrs.field(default=None, eq=False, repr=False)
    #: Words for ids the scenario shows without a text of their own (key points, flags), in
    #: the language of a translation table (``keypoint.<id>``, ``flag.<id>``); empty otherwise.
    labels: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    def keypoint_label(self, key: str) -> str:
        """A key point as the reader is shown it: its translated label, else its id."""
        return self.labels.get(f"keypoint.{key}", key)

    def flag_label(self, flag: str) -> str:
        """A flag as the reader is shown it: its translated label, else its id."""
        return self.labels.get(f"flag.{flag}", flag)

    def key_point_ids(self) -> tuple[str, ...]:
        """Every key point id stakeholders expect or statements cover, in file order."""
        found = dict.fromkeys(k for s in self.stakeholders for k in s.expects)
        found.update(dict.fromkeys(k for s in self.statements for k in s.covers))
        return tuple(found)

    @property
    def own_words(self) -> Scenario:
        """The scenario in the language it was written in."""
        return self.untranslated if self.untranslated is not None else self

    @functools.cached_property
    def headline_by_inject(self) -> dict[str, str]:
        """Every inject's and event's headline by id."""
        return {i.id: i.headline for t in self.turns for i in t.injects} | {
            e.id: e.headline for e in self.events
        }

    @property
    def roles_in_play(self) -> tuple[str, ...]:
        """Role ids taking part, in the canonical order of the five roles."""
        if self.roles is None:
            return ROLE_IDS
        listed = {r.id for r in self.roles}
        return tuple(r for r in ROLE_IDS if r in listed)

    def role_brief(self, role: str) -> str:
        for r in self.roles or ():
            if r.id == role:
                return r.brief
        return ""

    @functools.cached_property
    def metric_by_id(self) -> dict[str, Metric]:
        return {m.id: m for m in self.metrics}

    @functools.cached_property
    def stakeholder_by_id(self) -> dict[str, Stakeholder]:
        return {s.id: s for s in self.stakeholders}

    @functools.cached_property
    def statement_by_id(self) -> dict[str, Statement]:
        return {s.id: s for s in self.statements}

    @functools.cached_property
    def decision_by_id(self) -> dict[str, Decision]:
        return {d.id: d for t in self.turns for d in t.decisions}

    @functools.cached_property
    def turn_of_decision(self) -> dict[str, int]:
        """1-based turn number of every decision."""
        return {d.id: n for n, t in enumerate(self.turns, 1) for d in t.decisions}

    @functools.cached_property
    def channel_by_id(self) -> dict[str, Channel]:
        return {c.id: c for c in self.channels}

    def cleared(self, statement: Statement, stakeholder_id: str) -> bool:
        """Whether ``stakeholder_id`` may hear ``statement`` without cost: it is not risky,
        or the stakeholder is in its ``cleared_for``, or ``may_hear`` its kind of risk."""
        if statement.risk is None or stakeholder_id in statement.cleared_for:
            return True
        s = self.stakeholder_by_id.get(stakeholder_id)
        return s is not None and statement.risk in s.may_hear

    def decisions(self) -> tuple[tuple[int, Decision], ...]:
        """Every decision with its 1-based turn number, in play order."""
        return tuple((n, d) for n, t in enumerate(self.turns, 1) for d in t.decisions)

    def owners_of(self, stakeholder: Stakeholder) -> tuple[str, ...]:
        """Roles expected to inform a stakeholder (default: every role in play)."""
        return stakeholder.owner if stakeholder.owner is not None else self.roles_in_play

    def deadline_of(self, stakeholder: Stakeholder) -> int:
        return stakeholder.inform_by if stakeholder.inform_by is not None else len(self.turns)

    def recipients_of(self, inject: Inject) -> tuple[str, ...]:
        return inject.to if inject.to is not None else self.roles_in_play
