"""Debrief data built from a result record: what front-ends and the report show after a game.

Everything here reads only a :class:`~game.report.result.Result` (no scenario file, no session),
so the game window's debrief, the terminal's debrief and the HTML report all tell the same story:

- :func:`improvement_plan` — the HSEEP improvement-plan rows: one issue per decision,
  stakeholder, risky statement or contradiction, with the owner roles, the recommended action
  and the points it cost the team's total, biggest first;
- :func:`role_areas` / :func:`role_strengths` — per role, what cost the most and what went well;
- :func:`impact` — how many points of a group's *total* a deduction cost;
- :func:`outcome_lines` — under the ending: the team's own actions that led to it, and the
  messages that were not delivered because their channel was down.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from game.i18n import N_, _, ngettext
from game.report.result import Result
from game.scoring import Deduction, ScoreCard, Strength, explain, wording
from game.scoring.rules import DIMENSIONS

#: Plan rows costing less than this many points of the team total are summarised, not listed.
PLAN_MIN_POINTS = 0.5
PLAN_MAX_ROWS = 20


@attrs.frozen
class PlanItem:
    """One row of the improvement plan."""

    area: str  # dimension ids: "speed", "priorities", "priorities & speed", "communication"
    issues: tuple[str, ...]  # what happened (the deduction reasons)
    actions: tuple[str, ...]  # the recommended corrective actions
    roles: tuple[str, ...]  # owner roles
    points: float  # points of the team's total lost
    ref: str = ""

    @property
    def issue(self) -> str:
        """The issues in one cell: "a; b" (a reason that ends a sentence loses its full stop
        there, so the cell never reads "… trained.; Answered …")."""
        parts = [i.rstrip() for i in self.issues]
        return "; ".join([*(p.removesuffix(".") for p in parts[:-1]), *parts[-1:]])

    @property
    def action(self) -> str:
        return " ".join(self.actions)

    @property
    def area_label(self) -> str:
        """The area in the reader's language: ``Priorities & Speed``."""
        names = [_(_AREA_NAMES[a]) if a in _AREA_NAMES else a for a in self.area.split(" & ")]
        # TRANSLATORS: between the score names of one improvement-plan area
        return _(" & ").join(names)


_AREA_NAMES = {
    "speed": N_("Speed"),
    "priorities": N_("Priorities"),
    "communication": N_("Communication"),
}


def impact(d: Deduction, card: ScoreCard, weights: dict[str, float]) -> float:
    """Points of the group's total that ``d`` cost (its dimension points × that dimension's
    share of the total)."""
    if d.dimension == "total":
        return d.points
    scored = {k: weights.get(k, 0.0) for k in DIMENSIONS if card.get(k) is not None}
    w = sum(scored.values())
    return d.points * scored.get(d.dimension, 0.0) / w if w > 0 else 0.0


def _area(d: Deduction) -> str:
    """The score a deduction is about (a group's penalties without a communication score are
    taken off its total, but they are about communication)."""
    return "communication" if d.dimension == "total" else d.dimension


def improvement_plan(result: Result) -> tuple[list[PlanItem], int]:
    """The plan rows (biggest loss first) and how many smaller rows were left out."""
    card = result.scores.team
    weights = result.scenario.weights
    groups: dict[tuple[str, str], list[Deduction]] = {}
    for d in result.deductions.team:
        if d.kind in ("risky_statement", "contradiction", "noise"):
            key = (d.kind, d.ref)
        elif d.dimension in ("speed", "priorities"):
            key = ("decision", d.ref)
        else:
            key = ("stakeholder", d.ref)
        groups.setdefault(key, []).append(d)
    items = []
    for (kind, ref), ds in groups.items():
        points = sum(impact(d, card, weights) for d in ds)
        roles = tuple(dict.fromkeys(r for d in ds for r in d.roles))
        if kind == "decision":
            # Priorities first: it says what was chosen; speed adds how long it took.
            ds = sorted(ds, key=lambda d: d.dimension != "priorities")
        issues = [d.reason for d in ds]
        if kind == "risky_statement" and len(ds) > 1:
            issues = [_said_times(ds)]
        actions = tuple(dict.fromkeys(d.action for d in ds if d.action))
        area = " & ".join(dict.fromkeys(_area(d) for d in ds))
        items.append(PlanItem(area, tuple(issues), actions, roles, points, ref))
    items.sort(key=lambda i: -i.points)
    shown = [i for i in items if i.points >= PLAN_MIN_POINTS][:PLAN_MAX_ROWS]
    return shown, len(items) - len(shown)


def undelivered(result: Result) -> list[str]:
    """One line per message that was not delivered (its channel was down)."""
    names = {s.id: s.name for s in result.scenario.stakeholders}
    return [
        _(
            "{role}'s message to {names} in turn {turn} was not delivered: {channel} was down"
        ).format(
            role=wording.role_title(m.role),
            names=explain.list_names([names.get(x, x) for x in m.stakeholders]),
            turn=m.turn,
            channel=wording.channel_word(m.channel),
        )
        for m in result.messages
        if not m.delivered
    ]


def outcome_lines(result: Result) -> tuple[list[str], list[str]]:
    """(what led to the ending, messages not delivered): both shown under the ending, in the
    reader's language."""
    causes = [c.line for c in result.ending.causes] if result.ending is not None else []
    return causes, undelivered(result)


def _said_times(ds: Sequence[Deduction]) -> str:
    """One line for the same risky statement sent several times: the statement and its risk
    from the first deduction's parameters (or, for a version 1 result, the start of its stored
    sentence, which is all it kept)."""
    first = ds[0]
    if first.text:
        return ngettext("{said} sent {n} time", "{said} sent {n} times", len(ds)).format(
            said=first.text.split(" sent to ")[0], n=len(ds)
        )
    return explain.said_times(first.kind, first.params, len(ds))


def role_areas(result: Result, role: str, limit: int = 6) -> list[tuple[str, float]]:
    """The role's lost points as (reason, cost to its total), biggest first; repeated sends of
    the same risky statement are one line."""
    card = result.scores.roles.get(role)
    if card is None:
        return []
    weights = result.scenario.weights
    merged: dict[tuple[str, str], list[Deduction]] = {}
    for i, d in enumerate(result.deductions.roles.get(role, ())):
        key = (d.kind, d.ref) if d.kind == "risky_statement" else (str(i), "")
        merged.setdefault(key, []).append(d)
    out = []
    for ds in merged.values():
        reason = ds[0].reason if len(ds) == 1 else _said_times(ds)
        out.append((reason, sum(impact(d, card, weights) for d in ds)))
    out.sort(key=lambda x: -x[1])
    return [x for x in out if x[1] > 0.05][:limit]


def role_strengths(result: Result, role: str, limit: int = 6) -> list[str]:
    """What the role did well, most telling first; fast answers are summarised in one line."""
    strengths: Sequence[Strength] = result.strengths.roles.get(role, ())
    order = {"best_option": 0, "rank_exact": 1, "stakeholder_informed": 2, "no_risky_statements": 3}
    lines = [
        s.reason for s in sorted(strengths, key=lambda s: order.get(s.kind, 9)) if s.kind in order
    ]
    fast = [s for s in strengths if s.kind == "fast_answer"]
    answered = [a for a in result.answers if a.role == role and not a.skipped]
    if fast:
        lines.append(
            ngettext(
                "Answered {n} of {total} decision within the first quarter of the time limit",
                "Answered {n} of {total} decisions within the first quarter of the time limit",
                len(answered),
            ).format(n=len(fast), total=len(answered))
        )
    return lines[:limit]
