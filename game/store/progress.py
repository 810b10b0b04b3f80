"""A player's progress over their recorded games: score trends per role, and the weakest area.

For every role the player held and for their player score card ("all roles"), each score
(speed, priorities, communication, total) becomes a :class:`Trend` over their games, oldest
first.  The weakest area is the score with the lowest mean on their player card; its evidence
is the deductions that came back most often, e.g. "Regulator deadline missed in 3 of 4 games".
Everything is read from the stored result records, so it needs no scenario file.

A scenario edited between games has a new content hash: :attr:`Progress.versions` groups the
games by scenario version, so the reader can see (and ``progress`` notes) when the trend mixes
different texts of the same exercise.
"""

from __future__ import annotations

from collections import defaultdict

import attrs

from game.i18n import _, ngettext
from game.linebreak import fit
from game.report.labels import area as area_name
from game.report.result import Result
from game.store.database import DIMENSIONS, GameSummary, HistoryDB, player_key

#: Scores that can be weak (``total`` is their mix).
AREAS = ("speed", "priorities", "communication")


@attrs.frozen
class Trend:
    """One score over a player's games, oldest first (games where it was not scored skipped)."""

    dimension: str
    values: tuple[float, ...]

    @property
    def first(self) -> float | None:
        return self.values[0] if self.values else None

    @property
    def last(self) -> float | None:
        return self.values[-1] if self.values else None

    @property
    def best(self) -> float | None:
        return max(self.values) if self.values else None

    @property
    def mean(self) -> float | None:
        return sum(self.values) / len(self.values) if self.values else None

    @property
    def change(self) -> float | None:
        """Last minus first (None with fewer than two games)."""
        return self.values[-1] - self.values[0] if len(self.values) > 1 else None

    @property
    def direction(self) -> str:
        """``up``, ``down`` or ``flat`` (within 2 points; also with a single game)."""
        change = self.change
        if change is None or abs(change) < 2:
            return "flat"
        return "up" if change > 0 else "down"

    def to_dict(self) -> dict[str, object]:
        return {
            "values": list(self.values),
            "first": self.first,
            "last": self.last,
            "best": self.best,
            "mean": None if self.mean is None else round(self.mean, 1),
            "direction": self.direction,
        }


@attrs.frozen
class RoleProgress:
    """The trends of one role (``role`` is None for the player's card over all their roles)."""

    role: str | None
    games: int
    trends: tuple[Trend, ...]

    def trend(self, dimension: str) -> Trend:
        return next(t for t in self.trends if t.dimension == dimension)


@attrs.frozen
class Issue:
    """A kind of lost points that came back: in ``games`` of the ``of_games`` scored."""

    dimension: str
    kind: str
    ref: str
    text: str
    games: int
    of_games: int
    points: float

    def describe(self) -> str:
        """``Regulator deadline missed in 3 of 4 games``, in the language in use."""
        return ngettext(
            "{issue} in {n} of {total} game", "{issue} in {n} of {total} games", self.of_games
        ).format(issue=self.text, n=self.games, total=self.of_games)


@attrs.frozen
class WeakArea:
    dimension: str
    mean: float
    issues: tuple[Issue, ...]

    def describe(self) -> str:
        """``communication: Regulator deadline missed in 3 of 4 games`` (the top issue)."""
        name = area_name(self.dimension)
        if not self.issues:
            return _("{area}: no points lost").format(area=name)
        return _("{area}: {issue}").format(area=name, issue=self.issues[0].describe())


@attrs.frozen
class VersionStats:
    """The player's games on one version (content hash) of a scenario."""

    scenario_id: str
    content_hash: str
    games: int
    mean_total: float | None


@attrs.frozen
class Progress:
    player: str  # the name as written in the latest game
    games: tuple[GameSummary, ...]
    overall: RoleProgress
    roles: tuple[RoleProgress, ...]
    weakest: WeakArea | None
    versions: tuple[VersionStats, ...] = ()

    @property
    def mixed_versions(self) -> tuple[str, ...]:
        """Scenarios whose games were played on more than one version."""
        ids = [v.scenario_id for v in self.versions]
        return tuple(dict.fromkeys(i for i in ids if ids.count(i) > 1))


def player_progress(
    db: HistoryDB,
    player: str,
    *,
    scenario: str | None = None,
    include_demo: bool = False,
    cohort: str | None = None,
) -> Progress:
    """The progress of ``player`` (name matched ignoring case and extra spaces), in one cohort
    when ``cohort`` is given."""
    games = db.games(
        player=player, scenario=scenario, demo=None if include_demo else False, cohort=cohort
    )
    return progress_of(player, [(g, db.result(g.id)) for g in games])


def progress_of(player: str, games: list[tuple[GameSummary, Result]]) -> Progress:
    """The progress of ``player`` over ``games`` (oldest first, with their result records)."""
    key = player_key(player)
    results: list[tuple[GameSummary, Result, str]] = []
    for game, result in games:
        label = next((s.label for s in result.seats if player_key(s.label) == key), None)
        if label is not None:
            results.append((game, result, label))
    name = results[-1][2] if results else player.strip()

    overall = _role_progress(None, [r.scores.players.get(label) for _g, r, label in results])
    per_role: dict[str, list[object]] = {}
    for _g, result, label in results:
        for role in result.player_roles(label):
            per_role.setdefault(role, []).append(result.scores.roles.get(role))
    roles = tuple(_role_progress(role, cards) for role, cards in per_role.items())
    return Progress(
        player=name,
        games=tuple(g for g, _, _ in results),
        overall=overall,
        roles=roles,
        weakest=_weakest(overall, results),
        versions=_versions(results),
    )


def _versions(results: list[tuple[GameSummary, Result, str]]) -> tuple[VersionStats, ...]:
    totals: dict[tuple[str, str], list[float | None]] = {}
    for game, result, label in results:
        card = result.scores.players.get(label)
        totals.setdefault((game.scenario_id, game.content_hash), []).append(
            card.total if card is not None else None
        )
    out = []
    for (scenario, content_hash), values in totals.items():
        scored = [v for v in values if v is not None]
        mean = sum(scored) / len(scored) if scored else None
        out.append(VersionStats(scenario, content_hash, len(values), mean))
    return tuple(out)


def _role_progress(role: str | None, cards: list[object]) -> RoleProgress:
    present = [c for c in cards if c is not None]
    trends = tuple(
        Trend(d, tuple(float(v) for c in present if (v := getattr(c, d)) is not None))
        for d in DIMENSIONS
    )
    return RoleProgress(role, len(present), trends)


def _weakest(
    overall: RoleProgress, results: list[tuple[GameSummary, Result, str]]
) -> WeakArea | None:
    scored = [(overall.trend(d).mean, d) for d in AREAS if overall.trend(d).values]
    if not scored:
        return None
    mean, dimension = min(scored, key=lambda x: (x[0], AREAS.index(x[1])))
    assert mean is not None
    of_games = 0
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    points: dict[tuple[str, str], float] = defaultdict(float)
    texts: dict[tuple[str, str], str] = {}
    for game, result, label in results:
        card = result.scores.players.get(label)
        if card is None or getattr(card, dimension) is None:
            continue
        of_games += 1
        for d in result.deductions.players.get(label, ()):
            if d.dimension != dimension:
                continue
            group = _GROUPS.get(d.kind, d.kind)
            ref = "" if group in _GENERAL else d.ref
            k = (group, ref)
            seen[k].add(game.id)
            points[k] += float(d.points)
            texts.setdefault(k, _describe(group, ref, result))
    issues = sorted(
        (
            Issue(dimension, k[0], k[1], texts[k], len(ids), of_games, round(points[k], 1))
            for k, ids in seen.items()
        ),
        key=lambda i: (-i.games, -i.points, i.kind, i.ref),
    )
    return WeakArea(dimension, mean, tuple(issues[:3]))


#: Deduction kinds told together (see ``game/scoring/scorecard.py``).
_GROUPS = {
    "late": "deadline",
    "missing_key_points": "deadline",
    "timeout_option": "ran_out",
    "timeout_nothing": "ran_out",
    "rank_timeout": "ran_out",
}
#: Groups counted over the whole game, not per decision or stakeholder.
_GENERAL = {"contradiction"}


def _short(text: str, limit: int = 50) -> str:
    """``text`` on one line, cut to ``limit`` columns (a CJK character counts two)."""
    return fit(" ".join(text.split()), limit)


def _describe(group: str, ref: str, result: Result) -> str:
    info = result.scenario
    stakeholder = next((s.name for s in info.stakeholders if s.id == ref), ref)
    prompt = next((_short(d.prompt) for d in info.decisions if d.id == ref), ref)
    statement = next((_short(s.text) for s in info.statements if s.id == ref), ref)
    templates = {
        "deadline": _("{stakeholder} deadline missed"),
        "non_owner": _("{stakeholder} informed by someone other than its owner"),
        "risky_statement": _("risky statement “{statement}” sent"),
        "contradiction": _("contradictory statements sent"),
        "slow_answer": _("“{decision}” answered slowly"),
        "timeout": _("“{decision}” left to time out"),
        "ran_out": _("time ran out on “{decision}”"),
        "option": _("weak choice on “{decision}”"),
        "rank_order": _("“{decision}” ranked out of order"),
    }
    if group not in templates:
        return f"{group.replace('_', ' ')} ({ref})" if ref else group
    return templates[group].format(stakeholder=stakeholder, statement=statement, decision=prompt)
