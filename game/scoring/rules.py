"""The scoring rules: every constant and per-item formula, in one place.

``docs/scoring.md`` explains each of these to trainees and instructors; keep the two in step.
Everything here is a pure function of plain values so that each rule can be tested (and its
monotonicity checked) on its own, without a game.

Every per-item formula is monotonic in the direction a trainee would expect: a better rating,
a faster answer, an earlier or more complete message never gives fewer points, and every value is
between 0 and 100 (or 0 and 1 for credits).
"""

from __future__ import annotations

from collections.abc import Sequence

#: Priorities points of a chosen option, by its rating.
RATING_POINTS: dict[str, float] = {"best": 100.0, "good": 70.0, "poor": 30.0, "harmful": 0.0}

#: Answers given within this fraction of the time limit get full speed points ...
SPEED_GRACE = 0.25
#: ... after which one point is lost per 1 % of the time limit, down to this at the limit.
SPEED_AT_LIMIT = 25.0
#: Speed counts only for an answer worth at least this many priorities points (a good option,
#: a ranking at least as close as a good option); any other answer gets
#: :data:`SPEED_AT_LIMIT`, however fast or slow: a wrong answer earns nothing for being quick.
SPEED_CREDIT_FROM = 70.0

#: Communication points lost each time a risky statement is sent, by its ``risk``.
RISK_PENALTY: dict[str, float] = {
    "confidential": 20.0,
    "personal_data": 20.0,
    "blame": 15.0,
    "liability": 15.0,
    "speculation": 10.0,
    "minimizing": 10.0,
    "no_comment": 5.0,
}
#: ... and, where it differs, when the message is public (a public channel, or a recipient
#: whose hearing is published): naming victims, patients or staff in public costs most.
PUBLIC_RISK_PENALTY: dict[str, float] = {"personal_data": 35.0}
#: Communication points lost once for every pair of contradicting statements both sent.
CONTRADICTION_PENALTY = 10.0

#: Noise: points lost for each recipient of a message that carries nothing it needs, and for
#: each recipient of one message beyond :data:`BROADCAST_FREE` (a blanket send).
NOISE_PENALTY = 5.0
BROADCAST_FREE = 3
BROADCAST_PENALTY = 5.0
#: Statements a recipient does not need that one message may carry without burying what it
#: does need (see :func:`focus`).
OFF_TOPIC_FREE = 1

#: Credit for a key point covered by a role that is not an owner of the stakeholder.
NON_OWNER_CREDIT = 0.8
#: Credit for a key point covered 1, 2, 3... turns after the deadline (0 from then on).
LATE_CREDIT: tuple[float, ...] = (0.5, 0.25)

#: HSEEP ratings of an objective by its score: the first threshold reached wins.
HSEEP_THRESHOLDS: tuple[tuple[str, float], ...] = (("P", 85.0), ("S", 65.0), ("M", 40.0))
HSEEP_LOWEST = "U"
HSEEP_MEANING: dict[str, str] = {
    "P": "Performed without challenges",
    "S": "Performed with some challenges",
    "M": "Performed with major challenges",
    "U": "Unable to be performed",
}

DIMENSIONS: tuple[str, ...] = ("speed", "priorities", "communication")


def clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    return low if value < low else high if value > high else value


def speed_points(
    elapsed: float | None, time_limit: float, timed_out: bool, priorities: float = 100.0
) -> float:
    """Speed points of one decision: 100 in the first quarter of the time limit, then one point
    less per 1 % of the limit used, 25 at the limit; a timed-out decision scores 0.  An answer
    worth fewer than :data:`SPEED_CREDIT_FROM` priorities points gets 25 whenever it came."""
    if timed_out or elapsed is None:
        return 0.0
    if priorities < SPEED_CREDIT_FROM:
        return SPEED_AT_LIMIT
    if time_limit <= 0:
        return 100.0
    used = max(0.0, elapsed) / time_limit
    return clamp(100.0 - 100.0 * (used - SPEED_GRACE), SPEED_AT_LIMIT, 100.0)


def speed_credited(priorities: float) -> bool:
    """Whether an answer worth ``priorities`` points earns speed points for being quick."""
    return priorities >= SPEED_CREDIT_FROM


def rating_points(rating: str | None) -> float:
    """Priorities points of an option rating (no option at all: 0)."""
    return RATING_POINTS.get(rating or "", 0.0)


def discordant_pairs(order: Sequence[str], expected: Sequence[str]) -> int:
    """How many pairs of items are in the opposite order to ``expected`` (Kendall tau distance).

    Items missing from ``order`` count as placed after every item that is present (in expected
    order), so an incomplete ranking is never better than completing it correctly.
    """
    position = {item: i for i, item in enumerate(order)}
    tail = len(order)
    ranks = [position.get(item, tail + j) for j, item in enumerate(expected)]
    return sum(
        1 for i in range(len(ranks)) for j in range(i + 1, len(ranks)) if ranks[i] > ranks[j]
    )


def pair_weight(position: int) -> float:
    """Weight of a pair of items whose higher one is expected at 0-based ``position``: 1 for
    pairs with the first item, 1/2 with the second, 1/3 with the third..."""
    return 1.0 / (position + 1)


def rank_distance(order: Sequence[str], expected: Sequence[str]) -> float:
    """The weighted Kendall tau distance: the sum of :func:`pair_weight` over the pairs in the
    wrong order, each weighed by the expected position of its higher item.  Items missing from
    ``order`` count as placed last, as in :func:`discordant_pairs`."""
    position = {item: i for i, item in enumerate(order)}
    tail = len(order)
    ranks = [position.get(item, tail + j) for j, item in enumerate(expected)]
    n = len(ranks)
    return sum(pair_weight(i) for i in range(n) for j in range(i + 1, n) if ranks[i] > ranks[j])


def rank_max_distance(n: int) -> float:
    """:func:`rank_distance` of the exact reverse of ``n`` items (every pair wrong)."""
    return sum(pair_weight(i) * (n - 1 - i) for i in range(n))


def rank_points(order: Sequence[str] | None, expected: Sequence[str]) -> float:
    """Priorities points of a ranking: 100 × (1 − weighted distance / its maximum), so the top
    of the order matters most: misplacing the first item costs far more than swapping the
    last two."""
    if order is None:
        return 0.0
    worst = rank_max_distance(len(expected))
    if worst <= 0:
        return 100.0
    return clamp(100.0 * (1.0 - rank_distance(order, expected) / worst))


def risk_penalty(risk: str, public: bool) -> float:
    """Communication points a risky statement of kind ``risk`` costs, in public or not."""
    if public:
        return PUBLIC_RISK_PENALTY.get(risk, RISK_PENALTY.get(risk, 0.0))
    return RISK_PENALTY.get(risk, 0.0)


def focus(needed: int, off_topic: int) -> float:
    """How much of a message a recipient takes in (0–1): ``needed`` statements it needs
    against ``off_topic`` statements it does not, the first :data:`OFF_TOPIC_FREE` of those
    free.  The credit of every key point the message covers for it is multiplied by this, so
    a key point buried in a blanket message is worth little; adding what the recipient needs
    never lowers it."""
    extra = off_topic - OFF_TOPIC_FREE
    if extra <= 0 or needed <= 0:
        return 1.0
    return needed / (needed + extra)


def noise_points(needed: int, off_topic: int) -> float:
    """Noise points of one message for one recipient: :data:`NOISE_PENALTY` when it carries
    statements but none the recipient needs.  Risky statements are not counted here: they cost
    their risk penalty."""
    return NOISE_PENALTY if needed == 0 and off_topic > 0 else 0.0


def broadcast_points(recipients: int) -> float:
    """Points a message to ``recipients`` stakeholders costs for being sent to so many."""
    return BROADCAST_PENALTY * max(0, recipients - BROADCAST_FREE)


def timeliness_credit(turn: int, deadline: int) -> float:
    """Credit for covering a key point in ``turn`` against the deadline turn: 1 on time, then
    :data:`LATE_CREDIT` per turn late, then 0."""
    late = turn - deadline
    if late <= 0:
        return 1.0
    return LATE_CREDIT[late - 1] if late <= len(LATE_CREDIT) else 0.0


def key_point_credit(turn: int, deadline: int, by_owner: bool) -> float:
    """Credit (0–1) for one message covering one key point."""
    return timeliness_credit(turn, deadline) * (1.0 if by_owner else NON_OWNER_CREDIT)


def hseep_rating(score: float, performed: bool = True) -> str:
    """P, S, M or U for an objective score from 0 to 100.  U is kept for a task that was not
    performed at all: a performed task scores at least M, however badly it went."""
    for rating, threshold in HSEEP_THRESHOLDS:
        if score >= threshold:
            return rating
    return HSEEP_LOWEST if not performed else HSEEP_THRESHOLDS[-1][0]


def weighted_total(scores: dict[str, float | None], weights: dict[str, float]) -> float | None:
    """The weighted mean of the scored dimensions, the weights re-normalised over them."""
    scored = [(weights[d], s) for d, s in scores.items() if s is not None and weights[d] > 0]
    total_weight = sum(w for w, _ in scored)
    if total_weight <= 0:
        return None
    return clamp(sum(w * s for w, s in scored) / total_weight)
