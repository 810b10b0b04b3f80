"""Score cards for roles, players and the team, with the reason for every lost point.

A *group* is a set of roles: one role, the roles one player held, or every role in play (the
team).  All three are scored by the same function, which is what keeps them consistent:

- **speed** and **priorities** of a group are the means over the decisions of its roles
  (skipped decisions left out), so the team's are the decision-weighted means of the roles';
- **communication** of a group is the weighted mean of the quality of the required
  stakeholders its roles own, each stakeholder's weight shared equally between its owners, less
  the mean over its roles of each role's penalties for the risky and contradicting statements
  it sent.  The team's base is therefore the owned-weight-weighted mean of the roles' bases,
  and its penalty the mean of the roles' penalties;
- **total** is the weighted mean (scenario weights) of the dimensions that have something to
  score, re-normalised over them.  A group with no stakeholders of its own has no
  communication score; the penalties for its risky statements are then taken off its total,
  multiplied by the communication weight.

See ``docs/scoring.md`` for the wording used with trainees.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from game.engine.records import AnswerRecord, MessageRecord
from game.scenario.model import PUBLIC_CHANNELS, Decision, Scenario, Stakeholder, Statement
from game.scoring import explain, rules
from game.scoring.evidence import Evidence
from game.scoring.rules import DIMENSIONS, clamp

#: A deduction's or strength's parameters: ids, numbers and the scenario's raw text (see
#: :mod:`game.scoring.explain`, which words them; never words themselves).
Params = dict[str, Any]


@attrs.frozen
class Deduction:
    """Points lost on one dimension of one group's score, and why.

    ``points`` are on the 0–100 scale of that group's ``dimension`` score (``total`` for the
    penalties of a group without a communication score).  ``kind`` and ``params`` say what
    happened (worded when read: :attr:`reason`, :attr:`action`); ``roles`` are the roles
    responsible; ``ref`` the decision, stakeholder or statement concerned.  ``text`` and
    ``advice`` are the words a result file written before parameters existed kept (empty
    otherwise).
    """

    dimension: str
    points: float
    kind: str
    params: Params = attrs.field(factory=dict, hash=False)
    roles: tuple[str, ...] = ()
    ref: str = ""
    turn: int | None = None
    text: str = ""
    advice: str = ""

    @property
    def reason(self) -> str:
        """What happened, in the reader's language."""
        return explain.reason(self.kind, self.params, self.text)

    @property
    def action(self) -> str:
        """What to do next time, in the reader's language (may be empty)."""
        return explain.advice(self.kind, self.params, self.advice)


@attrs.frozen
class Strength:
    """Something done well, worth repeating (``kind`` and ``params`` as in
    :class:`Deduction`)."""

    dimension: str
    kind: str
    params: Params = attrs.field(factory=dict, hash=False)
    roles: tuple[str, ...] = ()
    ref: str = ""
    turn: int | None = None
    text: str = ""

    @property
    def reason(self) -> str:
        """What went well, in the reader's language."""
        return explain.reason(self.kind, self.params, self.text)


@attrs.frozen
class ScoreCard:
    """The four scores (``None``: nothing to score) and what they were computed from."""

    speed: float | None
    priorities: float | None
    communication: float | None
    total: float | None
    decisions: int = 0
    comm_weight: float = 0.0
    comm_base: float | None = None
    penalties: float = 0.0
    #: the sums of the decisions' weights behind priorities and behind speed (not saved in
    #: result files: they follow from the scenario)
    decision_weight: float = 0.0
    speed_weight: float = 0.0

    def get(self, dimension: str) -> float | None:
        return getattr(self, dimension)

    def four(self) -> dict[str, float | None]:
        return {d: self.get(d) for d in (*DIMENSIONS, "total")}


@attrs.frozen
class GroupScore:
    roles: tuple[str, ...]
    card: ScoreCard
    deductions: tuple[Deduction, ...]
    strengths: tuple[Strength, ...]


# --- per-decision results --------------------------------------------------------------------


@attrs.frozen
class DecisionResult:
    """One decision's points.  ``speed`` is None when the decision is not about speed
    (``speed_counts: false``): it is then left out of the speed score."""

    answer: AnswerRecord
    decision: Decision
    speed: float | None
    priorities: float

    @property
    def weight(self) -> float:
        return self.decision.weight

    def deduction(self, dimension: str, points: float, kind: str, params: Params) -> Deduction:
        """Points lost on this decision, charged to the role that answered it."""
        a = self.answer
        return Deduction(dimension, points, kind, params, (a.role,), self.decision.id, a.turn)

    def strength(self, dimension: str, kind: str, params: Params) -> Strength:
        """Something done well on this decision, credited to the role that answered it."""
        a = self.answer
        return Strength(dimension, kind, params, (a.role,), self.decision.id, a.turn)


def _elapsed(answer: AnswerRecord) -> float | None:
    if answer.elapsed is not None:
        return answer.elapsed
    if answer.answered_at is not None and answer.shown_at is not None:
        return answer.answered_at - answer.shown_at
    return None


def score_decision(answer: AnswerRecord, decision: Decision) -> DecisionResult:
    """Speed and priorities points of one resolved (not skipped) decision."""
    if decision.kind == "rank":
        order = None if answer.timed_out else answer.order
        priorities = rules.rank_points(order, decision.expected)
    else:
        picked = (
            answer.applied_option if answer.timed_out else (answer.option or answer.applied_option)
        )
        option = decision.option(picked) if picked else None
        priorities = rules.rating_points(option.rating if option else None)
    speed = (
        rules.speed_points(_elapsed(answer), answer.time_limit, answer.timed_out, priorities)
        if decision.speed_counts
        else None
    )
    return DecisionResult(answer, decision, speed, priorities)


# --- per-stakeholder results -----------------------------------------------------------------


@attrs.frozen
class KeyPoint:
    """The best coverage of one expected key point (``key`` None: "any message").  ``focus``
    is the share of the covering message the stakeholder took in (see ``rules.focus``) and
    ``off_topic`` how many statements in it the stakeholder did not need."""

    key: str | None
    credit: float
    turn: int | None = None
    role: str | None = None
    by_owner: bool = False
    focus: float = 1.0
    off_topic: int = 0


@attrs.frozen
class StakeholderResult:
    stakeholder: Stakeholder
    owners: tuple[str, ...]
    deadline: int
    required: bool
    points: tuple[KeyPoint, ...]

    #: 0–1: the mean credit of the expected key points (read by every group's score, so it is
    #: worked out once)
    quality: float = attrs.field(init=False)

    @quality.default
    def _quality(self) -> float:
        return sum(p.credit for p in self.points) / len(self.points) if self.points else 1.0


@attrs.frozen
class RiskySend:
    """A risky statement heard by ``heard_by``: the recipients not cleared to hear it."""

    message: MessageRecord
    statement: Statement
    penalty: float
    heard_by: tuple[str, ...] = ()
    public: bool = False


@attrs.frozen
class Noise:
    """What one delivered message cost for being sent to the wrong people or too many.

    ``empty`` lists the recipients it carried nothing they need; ``broadcast`` is the cost of
    its number of recipients; ``points`` the total."""

    message: MessageRecord
    empty: tuple[str, ...]
    broadcast: float
    points: float


@attrs.frozen
class Contradiction:
    first: Statement
    second: Statement
    charged: frozenset[str]  # roles that pay the penalty
    reached: frozenset[str]  # stakeholders that heard either statement


#: One message as one stakeholder heard it: the message, the key points its counted statements
#: cover, the share of it the stakeholder took in (``rules.focus``) and how many of its counted
#: statements the stakeholder did not need.
_Heard = tuple[MessageRecord, set[str], float, int]


class Scorer:
    """Scores one game; build it once and ask for any number of groups.

    ``explain=False`` computes the same score cards without the deductions and strengths (no
    text is built): for bots playing thousands of games whose explanations nobody reads.
    """

    def __init__(self, scenario: Scenario, evidence: Evidence, *, explain: bool = True) -> None:
        self.scenario = scenario
        self.evidence = evidence
        self.explain = explain
        w = scenario.scoring.weights
        self.weights = {
            "speed": w.speed,
            "priorities": w.priorities,
            "communication": w.communication,
        }
        self.decisions: list[DecisionResult] = []
        for answer in evidence.answers:
            decision = scenario.decision_by_id.get(answer.decision)
            if decision is None or answer.skipped:
                continue
            self.decisions.append(score_decision(answer, decision))
        self.decisions.sort(key=lambda r: (r.answer.turn, r.answer.resolved_at))
        # the first result of each decision (a decision is resolved once)
        self._result_of: dict[str, DecisionResult] = {}
        for r in self.decisions:
            self._result_of.setdefault(r.decision.id, r)
        #: Messages that reached their recipients (a message over a down channel did not).
        self.delivered = [m for m in evidence.messages if m.delivered]
        heard, self.noise, self.risky = self._read_messages()
        self.stakeholders = [
            self._stakeholder(s, heard.get(s.id, [])) for s in scenario.stakeholders
        ]
        self.contradictions = self._contradictions()
        self._groups: dict[frozenset[str], GroupScore] = {}

    # --- building blocks --------------------------------------------------------------------

    def owners(self, stakeholder: Stakeholder) -> tuple[str, ...]:
        in_play = self.evidence.roles
        owners = tuple(r for r in self.scenario.owners_of(stakeholder) if r in in_play)
        return owners or in_play

    def cleared(self, statement: Statement, stakeholder_id: str) -> bool:
        """Whether ``stakeholder_id`` may hear the risky ``statement`` without cost."""
        return self.scenario.cleared(statement, stakeholder_id)

    def _counts_for(self, statement_id: str, stakeholder_id: str) -> Statement | None:
        """The statement if it counts for this recipient: not risky, or risky but cleared."""
        st = self.scenario.statement_by_id.get(statement_id)
        if st is None or (st.risk is not None and not self.cleared(st, stakeholder_id)):
            return None
        return st

    def _read_messages(self) -> tuple[dict[str, list[_Heard]], list[Noise], list[RiskySend]]:
        """One pass over the delivered messages and their recipients: what each stakeholder
        heard that counts (for its key points), what each message cost as noise, and the risky
        statements heard by recipients not cleared for them.

        All three need the same reading of a message by one recipient: which of its statements
        count for it (not risky, or risky but cleared: ``Scenario.cleared``, inlined), how many
        of those it needs and how many it does not.  This runs for every scored game
        (thousands per ``simulate``), so each message is read once per recipient, not once per
        stakeholder and again for noise and for risk.
        """
        people = self.scenario.stakeholder_by_id
        statements = self.scenario.statement_by_id
        noise_points, focus_of = rules.noise_points, rules.focus
        heard: dict[str, list[_Heard]] = {}
        noise: list[Noise] = []
        risky: list[RiskySend] = []
        for m in self.delivered:
            said = [st for st in map(statements.get, m.statements) if st is not None]
            empty: list[str] = []
            points = 0.0
            # risky statement id -> the recipients not cleared for it, in recipient order
            exposed: dict[str, list[str]] | None = None
            for r in m.stakeholders:
                person = people.get(r)
                needs = person.expects if person is not None else ()
                may_hear = person.may_hear if person is not None else ()
                needed = off_topic = 0
                covers: set[str] = set()
                done: set[str] | None = None  # risky statements this recipient already heard
                for st in said:
                    risk = st.risk
                    if risk is not None and r not in st.cleared_for and risk not in may_hear:
                        # not cleared: it costs its risk penalty, and counts for nothing
                        if done is None:
                            done = set()
                        if st.id not in done:
                            done.add(st.id)
                            if exposed is None:
                                exposed = {}
                            exposed.setdefault(st.id, []).append(r)
                        continue
                    if not needs or any(k in needs for k in st.covers):
                        needed += 1
                    else:
                        off_topic += 1
                    covers.update(st.covers)
                if person is None:
                    continue  # not a stakeholder of this scenario: no key points, no noise
                if needed or off_topic:  # it covers a key point, or at least "any message"
                    heard.setdefault(r, []).append(
                        (m, covers, focus_of(needed, off_topic), off_topic)
                    )
                cost = noise_points(needed, off_topic)
                if cost:
                    points += cost
                    empty.append(r)
            broadcast = rules.broadcast_points(len(m.stakeholders))
            points += broadcast
            if points:
                noise.append(Noise(m, tuple(empty), broadcast, points))
            if exposed is not None:
                for sid in dict.fromkeys(m.statements):  # in the order the message said them
                    heard_by = exposed.get(sid)
                    if heard_by:
                        st = statements[sid]
                        public = self._public(m, heard_by)
                        risky.append(
                            RiskySend(
                                m, st, rules.risk_penalty(st.risk, public), tuple(heard_by), public
                            )
                        )
        return heard, noise, risky

    def _stakeholder(self, stakeholder: Stakeholder, mine: list[_Heard]) -> StakeholderResult:
        """The best coverage of each key point ``stakeholder`` expects, from the messages it
        heard (``mine``, from :meth:`_read_messages`).  A KeyPoint is built only for a
        candidate that beats the best so far: higher credit, then earlier, then an owner."""
        owners = self.owners(stakeholder)
        deadline = self.scenario.deadline_of(stakeholder)
        keys: tuple[str | None, ...] = stakeholder.expects or (None,)
        sid = stakeholder.id
        credit_of = rules.key_point_credit
        points = []
        for key in keys:
            best = KeyPoint(key, 0.0)
            for m, covers, focus, off_topic in mine:
                if key is not None and key not in covers:
                    continue
                by_owner = m.role in owners
                credit = credit_of(m.turn, deadline, by_owner) * focus
                if best.turn is not None:  # is the candidate better than ``best``?
                    if credit != best.credit:
                        if credit < best.credit:
                            continue
                    elif (m.turn or 0) != (best.turn or 0):
                        if (m.turn or 0) > (best.turn or 0):
                            continue
                    elif not (by_owner and not best.by_owner):
                        continue
                best = KeyPoint(key, credit, m.turn, m.role, by_owner, focus, off_topic)
            points.append(best)
        return StakeholderResult(
            stakeholder,
            owners,
            deadline,
            sid in self.evidence.required,
            tuple(points),
        )

    def _public(self, m: MessageRecord, heard_by: Iterable[str]) -> bool:
        if m.channel in PUBLIC_CHANNELS:
            return True
        by_id = self.scenario.stakeholder_by_id
        return any(s in by_id and by_id[s].public for s in heard_by)

    def _contradictions(self) -> list[Contradiction]:
        pairs = _contradiction_pairs(self.scenario)
        if not pairs:
            return []
        involved = _contradicting(self.scenario)
        senders: dict[str, set[str]] = {}
        reached: dict[str, set[str]] = {}
        for m in self.delivered:
            for sid in m.statements:
                if sid in involved:
                    senders.setdefault(sid, set()).add(m.role)
                    reached.setdefault(sid, set()).update(m.stakeholders)
        out: list[Contradiction] = []
        for st, other in pairs:
            if st.id not in senders or other.id not in senders:
                continue
            if (st.risk is None) != (other.risk is None):
                risky = st if st.risk is not None else other
                charged = senders[risky.id]
            else:
                charged = senders[st.id] | senders[other.id]
            out.append(
                Contradiction(
                    st, other, frozenset(charged), frozenset(reached[st.id] | reached[other.id])
                )
            )
        return out

    def stakeholder_names(self, ids: Iterable[str]) -> tuple[str, ...]:
        """The stakeholders' names (an unknown id as it is), for a deduction's parameters."""
        by_id = self.scenario.stakeholder_by_id
        return tuple(by_id[s].name if s in by_id else s for s in ids)

    # --- groups -----------------------------------------------------------------------------

    def group(self, roles: Sequence[str]) -> GroupScore:
        """Score the roles in ``roles`` together (one role, a player's roles, or the team).

        A group's score depends only on which roles are in it (its ``roles`` come out in the
        game's order), so each set is scored once: a player with one seat, or a team of one
        role, gets the very same (frozen) score as that role."""
        members = frozenset(roles)
        done = self._groups.get(members)
        if done is None:
            done = self._groups[members] = self._group(members)
        return done

    def _group(self, members: frozenset[str]) -> GroupScore:
        deductions: list[Deduction] = []
        strengths: list[Strength] = []
        mine = [r for r in self.decisions if r.answer.role in members]
        speed, prio, decision_weight, speed_weight = self._decisions(mine, deductions, strengths)
        base, weight = self._coverage(members, deductions, strengths)
        penalties = self._penalties(members, deductions, strengths)
        communication = None if base is None else clamp(base - penalties)
        scores = {"speed": speed, "priorities": prio, "communication": communication}
        total = rules.weighted_total(scores, self.weights)
        if communication is None and penalties > 0 and total is not None:
            w = self.weights["communication"]
            for i, d in enumerate(deductions):
                if d.dimension == "communication":
                    deductions[i] = attrs.evolve(d, dimension="total", points=d.points * w)
            total = clamp(total - w * penalties)
        card = ScoreCard(
            speed=speed,
            priorities=prio,
            communication=communication,
            total=total,
            decisions=len(mine),
            comm_weight=weight,
            comm_base=base,
            penalties=penalties,
            decision_weight=decision_weight,
            speed_weight=speed_weight,
        )
        order = tuple(r for r in self.evidence.roles if r in members)
        return GroupScore(order, card, tuple(deductions), tuple(strengths))

    def _decisions(
        self,
        results: list[DecisionResult],
        deductions: list[Deduction],
        strengths: list[Strength],
    ) -> tuple[float | None, float | None, float, float]:
        """Speed and priorities: the means over the decisions weighted by their ``weight``
        (speed over the decisions about speed only); and the two sums of weights."""
        if not results:
            return None, None, 0, 0
        total_weight = sum(r.weight for r in results)
        timed = [r for r in results if r.speed is not None]
        speed_weight = sum(r.weight for r in timed)
        speed = (
            clamp(sum(r.weight * r.speed for r in timed) / speed_weight)  # type: ignore[operator]
            if speed_weight > 0
            else None
        )
        prio = clamp(sum(r.weight * r.priorities for r in results) / total_weight)
        if self.explain:
            for r in results:
                if r.speed is not None:
                    self._speed_notes(r, r.weight / speed_weight, deductions, strengths)
                self._priorities(r, r.weight / total_weight, deductions, strengths)
        return speed, prio, total_weight, speed_weight

    def _speed_notes(
        self,
        r: DecisionResult,
        share: float,
        deductions: list[Deduction],
        strengths: list[Strength],
    ) -> None:
        a, d = r.answer, r.decision
        speed = r.speed if r.speed is not None else 100.0
        params: Params = {"prompt": d.prompt, "limit": a.time_limit}
        if a.timed_out:
            deductions.append(r.deduction("speed", (100 - speed) * share, "timeout", params))
        elif not rules.speed_credited(r.priorities):
            deductions.append(
                r.deduction("speed", (100 - speed) * share, "no_speed_credit", params)
            )
        elif speed < 100:
            params["elapsed"] = _elapsed(a) or 0.0
            deductions.append(r.deduction("speed", (100 - speed) * share, "slow_answer", params))
        else:
            params["elapsed"] = _elapsed(a) or 0.0
            strengths.append(r.strength("speed", "fast_answer", params))

    def _priorities(
        self,
        r: DecisionResult,
        share: float,
        deductions: list[Deduction],
        strengths: list[Strength],
    ) -> None:
        a, d = r.answer, r.decision
        lost = (100 - r.priorities) * share
        if d.kind == "rank":
            params: Params = {
                "prompt": d.prompt,
                "expected": tuple(_item_text(d, i) for i in d.expected),
                "why": d.why,
            }
            if a.timed_out or a.order is None:
                deductions.append(r.deduction("priorities", lost, "rank_timeout", params))
            elif r.priorities < 100:
                params["pairs"] = len(d.expected) * (len(d.expected) - 1) // 2
                params["wrong"] = rules.discordant_pairs(a.order, d.expected)
                params["percent"] = round(r.priorities)
                deductions.append(r.deduction("priorities", lost, "rank_order", params))
            else:
                strengths.append(
                    r.strength("priorities", "rank_exact", {"prompt": d.prompt, "why": d.why})
                )
            return
        best = next((o for o in d.options if o.rating == "best"), None)
        better: Params = {"better": best.text, "better_why": best.why} if best else {}
        if a.timed_out:
            option = d.option(a.applied_option) if a.applied_option else None
            if option is None:
                deductions.append(
                    r.deduction(
                        "priorities", lost, "timeout_nothing", {"prompt": d.prompt, **better}
                    )
                )
            elif r.priorities < 100:
                params = {
                    "prompt": d.prompt,
                    "option": option.text,
                    "option_id": option.id,
                    "rating": option.rating,
                    "why": option.why,
                    **better,
                }
                deductions.append(r.deduction("priorities", lost, "timeout_option", params))
            return
        option = d.option(a.option or a.applied_option or "")
        if option is None:
            return
        params = {
            "option": option.text,
            "option_id": option.id,
            "rating": option.rating,
            "why": option.why,
        }
        if r.priorities < 100:
            deductions.append(r.deduction("priorities", lost, "option", {**params, **better}))
        else:
            strengths.append(r.strength("priorities", "best_option", params))

    def _coverage(
        self,
        members: frozenset[str],
        deductions: list[Deduction],
        strengths: list[Strength],
    ) -> tuple[float | None, float]:
        """The communication base (0–100, None: no required stakeholder owned) and its weight."""
        shares: list[tuple[StakeholderResult, float]] = []
        for res in self.stakeholders:
            if not res.required:
                continue
            mine = sum(1 for r in res.owners if r in members)
            if mine:
                shares.append((res, res.stakeholder.weight * mine / len(res.owners)))
        weight = sum(v for _, v in shares)
        if weight <= 0:
            return None, 0.0
        base = 100.0 * sum(v * res.quality for res, v in shares) / weight
        if self.explain:
            for res, v in shares:
                self._stakeholder_deductions(
                    res, 100.0 * v / weight, members, deductions, strengths
                )
        return clamp(base), weight

    def _key_label(self, key: str | None) -> str:
        """A key point as the debrief names it (its translated label, else its id)."""
        return self.scenario.keypoint_label(key) if key else ""

    def _stakeholder_deductions(
        self,
        res: StakeholderResult,
        scale: float,
        members: frozenset[str],
        deductions: list[Deduction],
        strengths: list[Strength],
    ) -> None:
        s = res.stakeholder
        responsible = tuple(r for r in res.owners if r in members)
        n = len(res.points)
        expects = s.expects
        # Missing entirely.
        missing = [p for p in res.points if p.turn is None]
        if missing:
            params: Params = {
                "name": s.name,
                "keys": tuple(self._key_label(p.key) for p in missing) if expects else (),
                "deadline": res.deadline,
                "examples": self._example_statements(s, [p.key for p in missing]),
            }
            lost = next(
                (
                    m
                    for m in self.evidence.messages
                    if not m.delivered and s.id in m.stakeholders and m.role in members
                ),
                None,
            )
            if lost is not None:
                params["lost_channel"] = lost.channel
                params["lost_turn"] = lost.turn
            deductions.append(
                Deduction(
                    "communication",
                    scale * len(missing) / n,
                    "missing_key_points",
                    params,
                    responsible,
                    s.id,
                    res.deadline,
                )
            )
        # Covered, but late and/or by someone who does not own the stakeholder.
        groups: dict[tuple[int, str, bool, int], list[KeyPoint]] = {}
        for p in res.points:
            if p.turn is not None and p.credit < 1:
                key = (p.turn, p.role or "", p.by_owner, p.off_topic if p.focus < 1 else 0)
                groups.setdefault(key, []).append(p)
        for (turn, role, by_owner, off_topic), pts in sorted(groups.items()):
            lost_points = scale * sum(1 - p.credit for p in pts) / n
            params = {
                "name": s.name,
                "keys": tuple(self._key_label(p.key) for p in pts) if expects else (),
                "turn": turn,
                "deadline": res.deadline,
                "off_topic": off_topic,
            }
            if turn - res.deadline > 0:
                kind = "late"
                params["too_late"] = all(p.credit == 0 for p in pts)
                params["by"] = "" if by_owner else role
            elif not by_owner:
                kind = "non_owner"
                params["by"] = role
                params["owners"] = res.owners
            else:
                kind = "buried"
            deductions.append(
                Deduction("communication", lost_points, kind, params, responsible, s.id, turn)
            )
        if res.quality >= 1:
            last = max(p.turn or 0 for p in res.points)
            strengths.append(
                Strength(
                    "communication",
                    "stakeholder_informed",
                    {"name": s.name, "turn": last, "early": max(res.deadline - last, 0)},
                    responsible,
                    s.id,
                    last,
                )
            )

    def _example_statements(self, s: Stakeholder, keys: Sequence[str | None]) -> tuple[str, ...]:
        """The text of statements that would have covered the missing ``keys`` (at most
        three, quoted when shown)."""
        texts: list[str] = []
        for key in keys:
            for st in self.scenario.statements:
                if st.risk is None and (key is None or key in st.covers):
                    if st.text not in texts:
                        texts.append(st.text)
                    break
        return tuple(texts[:3])

    def _penalties(
        self,
        members: frozenset[str],
        deductions: list[Deduction],
        strengths: list[Strength],
    ) -> float:
        """The group's penalty points: the mean over its roles of each role's own penalties
        (for one role, simply its own): risky statements, contradictions and noise."""
        share = 1.0 / max(1, len(members))
        explain = self.explain
        total = 0.0
        for rs in self.risky:
            if rs.message.role not in members:
                continue
            points = rs.penalty * share
            total += points
            if explain:
                deductions.append(
                    Deduction(
                        "communication",
                        points,
                        "risky_statement",
                        {
                            "statement": rs.statement.text,
                            "risk": rs.statement.risk or "",
                            "heard_by": self.stakeholder_names(rs.heard_by),
                            "public": rs.public,
                            "turn": rs.message.turn,
                        },
                        (rs.message.role,),
                        rs.statement.id,
                        rs.message.turn,
                    )
                )
        for c in self.contradictions:
            charged = tuple(r for r in self.evidence.roles if r in c.charged and r in members)
            if not charged:
                continue
            points = rules.CONTRADICTION_PENALTY * len(charged) * share
            total += points
            if explain:
                deductions.append(
                    Deduction(
                        "communication",
                        points,
                        "contradiction",
                        {
                            "first": c.first.text,
                            "second": c.second.text,
                            "first_id": c.first.id,
                            "second_id": c.second.id,
                        },
                        charged,
                        c.first.id,
                        None,
                    )
                )
        for n in self.noise:
            if n.message.role not in members:
                continue
            points = n.points * share
            total += points
            if explain:
                deductions.append(self._noise_deduction(n, points))
        if explain and total == 0:
            sent = sum(1 for m in self.delivered if m.role in members)
            if sent:
                strengths.append(
                    Strength(
                        "communication",
                        "no_risky_statements",
                        {"sent": sent},
                        tuple(r for r in self.evidence.roles if r in members),
                    )
                )
        return total

    def _noise_deduction(self, n: Noise, points: float) -> Deduction:
        m = n.message
        return Deduction(
            "communication",
            points,
            "noise",
            {
                "turn": m.turn,
                "broadcast": len(m.stakeholders) if n.broadcast else 0,
                "empty": self.stakeholder_names(n.empty),
            },
            (m.role,),
            m.stakeholders[0] if len(m.stakeholders) == 1 else "",
            m.turn,
        )

    # --- per-item scores for objectives -----------------------------------------------------

    def decision_score(self, decision_id: str) -> float | None:
        """Priorities and speed of one decision, weighted like the total (None: not played)."""
        r = self._result_of.get(decision_id)
        if r is None:
            return None
        wp, ws = self.weights["priorities"], self.weights["speed"]
        if wp + ws <= 0 or r.speed is None:
            return r.priorities
        return clamp((wp * r.priorities + ws * r.speed) / (wp + ws))

    def stakeholder_score(self, stakeholder_id: str) -> float | None:
        """100 × quality less the penalties of what reached it (None: not required)."""
        for res in self.stakeholders:
            if res.stakeholder.id != stakeholder_id:
                continue
            if not res.required:
                return None
            penalty = sum(rs.penalty for rs in self.risky if stakeholder_id in rs.heard_by)
            penalty += sum(
                rules.CONTRADICTION_PENALTY
                for c in self.contradictions
                if stakeholder_id in c.reached
            )
            return clamp(100.0 * res.quality - penalty)
        return None

    def performed(self, ref: str) -> bool:
        """Whether the team did anything about a measured decision or stakeholder: answered
        the decision (not let it time out), or delivered a message to the stakeholder."""
        r = self._result_of.get(ref)
        if r is not None and not r.answer.timed_out:
            return True
        return any(ref in m.stakeholders for m in self.delivered)


#: Per scenario (by identity, the scenario kept alive with it): its contradicting statement pairs
#: in the order scoring lists them, and the statements in any pair.  A scenario is frozen, and
#: ``simulate`` scores thousands of games of one scenario.
_PAIRS: dict[int, tuple[Scenario, tuple[tuple[Statement, Statement], ...], frozenset[str]]] = {}
_PAIRS_KEPT = 8


def _pairs_entry(
    scenario: Scenario,
) -> tuple[Scenario, tuple[tuple[Statement, Statement], ...], frozenset[str]]:
    hit = _PAIRS.get(id(scenario))
    if hit is not None and hit[0] is scenario:
        return hit
    pairs: list[tuple[Statement, Statement]] = []
    seen: set[frozenset[str]] = set()
    for st in scenario.statements:
        for other_id in st.contradicts:
            other = scenario.statement_by_id.get(other_id)
            key = frozenset((st.id, other_id))
            if other is None or key in seen or len(key) < 2:
                continue
            seen.add(key)
            pairs.append((st, other))
    if len(_PAIRS) >= _PAIRS_KEPT:
        _PAIRS.clear()
    entry = (scenario, tuple(pairs), frozenset(x.id for pair in pairs for x in pair))
    _PAIRS[id(scenario)] = entry
    return entry


def _contradiction_pairs(scenario: Scenario) -> tuple[tuple[Statement, Statement], ...]:
    """Each pair of statements that contradict, once, the first as scoring meets it."""
    return _pairs_entry(scenario)[1]


def _contradicting(scenario: Scenario) -> frozenset[str]:
    """The ids of every statement in a contradicting pair."""
    return _pairs_entry(scenario)[2]


def _item_text(decision: Decision, item_id: str) -> str:
    for item in decision.items:
        if item.id == item_id:
            return item.text
    return item_id
