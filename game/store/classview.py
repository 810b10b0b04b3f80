"""A class at a glance (``crisis-sim class COHORT``): one row per trainee, and the teams compared.

An instructor running a class of twenty wants to see who needs what.  For every person (never a
bot) who played a game tagged with the cohort: their games, the roles they held, each score per
role over their games (:class:`~game.store.progress.Progress`, the same numbers as
``crisis-sim progress``), and their weakest area with the evidence that came back most often.
Teams — the same set of people at one table — are compared on their team scores.

Games are read from their stored result records, so no scenario file is needed.  A scenario
edited during the class has a new content hash: :attr:`ClassView.version_notes` says so, and
the teams are compared per scenario version.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from game.report.result import Result
from game.store.database import GameSummary, HistoryDB, player_key
from game.store.export import short_hash, version_notes, versions
from game.store.progress import Progress, progress_of


@attrs.frozen
class Trainee:
    """One person of the class: their games (oldest first) and their progress over them."""

    name: str  # as written in their latest game
    progress: Progress

    @property
    def games(self) -> int:
        return len(self.progress.games)

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles they held, most often first (ties in role order)."""
        return tuple(r.role for r in sorted(self.progress.roles, key=lambda r: -r.games) if r.role)


@attrs.frozen
class Team:
    """A set of people who played together, on one version of one scenario."""

    members: tuple[str, ...]
    scenario_id: str
    content_hash: str
    totals: tuple[float, ...]  # team totals, oldest game first
    speed: float | None
    priorities: float | None
    communication: float | None

    @property
    def games(self) -> int:
        return len(self.totals)

    @property
    def mean(self) -> float | None:
        return sum(self.totals) / len(self.totals) if self.totals else None

    @property
    def best(self) -> float | None:
        return max(self.totals) if self.totals else None

    @property
    def last(self) -> float | None:
        return self.totals[-1] if self.totals else None

    @property
    def version(self) -> str:
        return short_hash(self.content_hash)


@attrs.frozen
class ClassView:
    cohort: str  # as written in the latest game
    games: tuple[GameSummary, ...]
    trainees: tuple[Trainee, ...]
    teams: tuple[Team, ...]
    version_notes: tuple[str, ...]

    @property
    def mixed_versions(self) -> bool:
        return bool(self.version_notes)


def class_view(
    db: HistoryDB,
    cohort: str,
    *,
    scenario: str | None = None,
    include_demo: bool = False,
) -> ClassView:
    """The class ``cohort`` (matched ignoring case and extra spaces)."""
    games = db.games(cohort=cohort, scenario=scenario, demo=None if include_demo else False)
    loaded = [(g, db.result(g.id)) for g in games]
    return build_view(cohort, loaded)


def build_view(cohort: str, loaded: Sequence[tuple[GameSummary, Result]]) -> ClassView:
    """The class view of ``loaded`` games (oldest first, each with its result record)."""
    people: dict[str, str] = {}  # key -> latest spelling
    for game, _ in loaded:
        for name in game.people:
            people[player_key(name)] = name
    trainees = []
    for key, name in people.items():
        mine = [(g, r) for g, r in loaded if any(player_key(p) == key for p in g.people)]
        trainees.append(Trainee(name, progress_of(name, list(mine))))
    trainees.sort(key=lambda t: t.name.casefold())
    label = next((g.cohort for g, _ in reversed(loaded) if g.cohort), cohort)
    games = tuple(g for g, _ in loaded)
    return ClassView(label, games, tuple(trainees), _teams(games), tuple(version_notes(games)))


def _teams(games: Sequence[GameSummary]) -> tuple[Team, ...]:
    groups: dict[tuple[tuple[str, ...], str, str], list[GameSummary]] = {}
    names: dict[tuple[tuple[str, ...], str, str], tuple[str, ...]] = {}
    for g in games:
        if not g.people:
            continue
        members = tuple(sorted(g.people, key=str.casefold))
        key = (tuple(player_key(p) for p in members), g.scenario_id, g.content_hash)
        groups.setdefault(key, []).append(g)
        names[key] = members
    teams = []
    for key, played in groups.items():
        teams.append(
            Team(
                members=names[key],
                scenario_id=key[1],
                content_hash=key[2],
                totals=tuple(g.team.total for g in played if g.team.total is not None),
                speed=_mean([g.team.speed for g in played]),
                priorities=_mean([g.team.priorities for g in played]),
                communication=_mean([g.team.communication for g in played]),
            )
        )
    order = {h: i for hashes in versions(games).values() for i, h in enumerate(hashes)}
    teams.sort(key=lambda t: (t.scenario_id, order[t.content_hash], -(t.mean or 0), t.members))
    return tuple(teams)


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None
