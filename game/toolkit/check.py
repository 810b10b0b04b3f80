"""Play a scenario many times with bots and report what the play shows that reading cannot.

The loader's lint (:class:`game.scenario.lint.Facts`) proves what can *never* happen; it cannot
say what does not happen when people (here: bots) actually play.  :func:`check` plays a seeded
*sample*: ``runs`` games with each bot policy in every seat, and ``runs`` "mixed" games whose
roles each play a policy drawn by a seeded random generator (:func:`mixed_policies`).  When the
sample leaves something unreached, a *search* plays more line-ups (:func:`search`) to tell rare
content from dead content.  What the games reached becomes findings an author can act on:

* content no game reached (endings, decisions, injects, events, options): errors; content
  fewer than :data:`RARE` of the sample reached, or only the search: warnings;
* flags no condition reads (from the lint facts, warning) and flags a condition reads but no
  game sets (error: whatever reads it behaves as if the flag did not exist);
* options never worth choosing and options that always dominate their decision (design notes,
  decided from the file: see :func:`dominance`; a training game's distractors are often
  dominated on purpose, so notes never fail a check, even with ``--strict``);
* metrics pushed to one of their bounds in more than :data:`PINNED` of the sample (warning);
* and, as information, the team scores and endings of every policy.

Game ``i`` (0-based) of every policy uses seed ``seed + i``: a whole-team game is replayed with
``crisis-sim simulate --policy P --seed S --runs 1``, any other with
``play_game(scenario, line_up, seed)`` (findings give the line-up of the search game).  Nothing
depends on the machine's clock or on hash order: the same scenario, runs and seed always give
the same report, byte for byte.  The sample's statistics never include search games.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

import attrs

from game.engine import events as ev
from game.engine.bots import POLICIES, play_game
from game.engine.session import Session
from game.i18n import N_, _, ngettext, pgettext
from game.linebreak import display_width
from game.report import labels
from game.scenario import conditions as cond
from game.scenario import model
from game.scenario.checks import condition_sites
from game.scenario.diagnostics import Diagnostic, Severity
from game.scenario.lint import Facts
from game.scenario.yamlsource import Path, SourceMap
from game.scoring import Scorer, evidence_from_session
from game.scoring.rules import RATING_POINTS
from game.toolkit import flow

#: Format of the ``--json`` report (bumped when a key changes meaning or goes away).
CHECK_FORMAT = "crisis-sim-check/1"
#: The pseudo-policy of games whose roles each play a policy drawn by :func:`mixed_policies`.
MIXED = "mixed"
#: Every policy a check plays, in report order.
CHECK_POLICIES: tuple[str, ...] = (*POLICIES, MIXED)
#: Content reached in fewer than this share of all games is "rarely reached".
RARE = 0.02
#: A metric at one of its bounds in more than this share of all games is "pinned".
PINNED = 0.5
#: Search games (content no sample game reached) allowed per run of the sample.
SEARCH_PER_RUN = 10
#: The label of a search game with one seat playing unlike the others.
SWEEP = "sweep"
#: The policies a search sweeps over (the adversarial ones find nothing the others do not).
SWEEP_POLICIES = ("best", "good", "random", "worst", "timeout")
#: C107: the best option may be the longest (or the shortest) text in at most this share of
#: the choice decisions ...
GIVEAWAY_SHARE = 0.4
#: C108: ... the ``longest`` bot may beat ``random``'s mean team total by at most this ...
LONGEST_MARGIN = 10.0
#: C109: ... and the ``blanket`` bot's mean team communication must stay below this.
BLANKET_LIMIT = 60.0
#: The scores summarised per policy (the team's), in report order.
SCORES = ("total", "speed", "priorities", "communication")

Kind = Literal["ending", "decision", "inject", "event", "option", "flag", "metric", "file"]

#: Every finding code with its one-line meaning (the headings of ``docs/check.md``).
CODES: dict[str, str] = {
    "C101": "ending reached by no game",
    "C102": "decision presented in no game",
    "C103": "inject shown in no game",
    "C104": "event fired in no game",
    "C105": "option chosen in no game",
    "C106": "flag read by a condition but set in no game",
    "C107": "the best option is given away by its length",
    "C108": "answering by the longest text beats random play",
    "C109": "a blanket message to everyone scores on communication",
    "C110": "decision with no credible alternative",
    "C201": "content reached in fewer than 2 % of the games",
    "C202": "flag never read by any condition",
    "C203": "option never worth choosing (dominated)",
    "C204": "option always dominates its decision",
    "C205": "metric at one of its bounds in more than half the games",
    "C206": "key point most stakeholders expect: one statement satisfies them all",
}
#: Loader warnings a check re-derives from play (and words better): left out of its report.
#: ``W104`` is left out too, except for a stakeholder's ``required_when`` (no game can tell).
SUPERSEDED = frozenset({"W102", "W103", "W106", "W108"})


def superseded(d: Diagnostic) -> bool:
    """Whether the check reports what loader diagnostic ``d`` says in its own finding."""
    if d.code == "W104":
        return not d.message.startswith("required_when")
    return d.code in SUPERSEDED


# --- games ---------------------------------------------------------------------------------

STRONG = ("best", "good")
WEAK = ("random", "worst", "timeout")


@attrs.frozen
class Game:
    """What one game reached.  ``options`` holds ``decision.option`` keys of applied options."""

    policy: str  # a policy of POLICIES, MIXED, or SWEEP for a search game
    seed: int
    roles: tuple[tuple[str, str], ...]  # (role, policy) of every seat in play
    ending: str | None
    injects: frozenset[str]
    events: frozenset[str]
    decisions: frozenset[str]
    options: frozenset[str]
    flags_set: frozenset[str]
    at_min: frozenset[str]
    at_max: frozenset[str]
    scores: tuple[tuple[str, float | None], ...] = ()  # team score per SCORES entry

    def reached(self) -> Iterator[tuple[str, str]]:
        """(kind, id) of everything this game reached (kinds as in :data:`COVERAGE_KINDS`)."""
        for kind, ids in (
            ("injects", self.injects),
            ("decisions", self.decisions),
            ("options", self.options),
            ("events", self.events),
            ("flags", self.flags_set),
        ):
            for i in ids:
                yield kind, i
        if self.ending is not None:
            yield "endings", self.ending


def mixed_policies(sc: model.Scenario, seed: int) -> dict[str, str]:
    """The line-up of the mixed game played with ``seed``.

    A team strength ``s`` is drawn uniformly from [0, 1); each role then plays a strong policy
    (best or good) with probability ``s`` and a weak one (random, worst or timeout) otherwise,
    so the mixed games range evenly from all-weak to all-strong teams.
    """
    rng = random.Random(f"crisis-sim check mixed {seed}")
    strength = rng.random()
    return {
        role: rng.choice(STRONG) if rng.random() < strength else rng.choice(WEAK)
        for role in sc.roles_in_play
    }


def sweep_lineups(sc: model.Scenario) -> Iterator[dict[str, str]]:
    """One seat that plays unlike the rest: every role, every ordered pair of policies.

    These reach what needs one role to do well (or badly) while the others do the opposite,
    which whole-team and randomly mixed games rarely produce.
    """
    roles = sc.roles_in_play
    for odd in SWEEP_POLICIES:
        for rest in SWEEP_POLICIES:
            if odd != rest:
                for role in roles:
                    yield {r: odd if r == role else rest for r in roles}


class _Observer:
    """Reads what a finished game reached; built once per scenario."""

    def __init__(self, sc: model.Scenario) -> None:
        self.sc = sc
        self.effects: dict[str, dict[str, float]] = {st.id: st.effects for st in sc.statements}
        for turn in sc.turns:
            for inj in turn.injects:
                self.effects[inj.id] = inj.effects
            for d in turn.decisions:
                for o in d.options:
                    self.effects[f"{d.id}.{o.id}"] = o.effects
        for e in sc.events:
            self.effects[e.id] = e.effects
        self.bounds = {m.id: (m.min, m.max) for m in sc.metrics}

    def __call__(self, s: Session, policy: str, roles: dict[str, str], *, score: bool) -> Game:
        value = dict(s.start_metrics)
        at_min: set[str] = set()
        at_max: set[str] = set()
        flags_set: set[str] = set()
        for e in s.history:
            if not isinstance(e, ev.EffectsApplied):
                continue
            flags_set.update(e.set_)
            for mid, delta in e.changes:
                value[mid] += delta
            # "pushed to a bound": an effect moved towards the bound and the value is there
            for mid, wanted in self.effects.get(e.source, {}).items():
                lo, hi = self.bounds[mid]
                if wanted < 0 and lo is not None and value[mid] <= lo:
                    at_min.add(mid)
                elif wanted > 0 and hi is not None and value[mid] >= hi:
                    at_max.add(mid)
        scores: tuple[tuple[str, float | None], ...] = ()
        if score:
            evidence = evidence_from_session(s)
            card = Scorer(self.sc, evidence, explain=False).group(evidence.roles).card
            scores = tuple((d, card.get(d)) for d in SCORES)
        return Game(
            policy=policy,
            seed=s.seed,
            roles=tuple(roles.items()),
            ending=s.ending.id if s.ending is not None else None,
            injects=frozenset(x.inject.id for x in s.shown_injects() if x.kind == "turn"),
            events=frozenset(x.event for x in s.events_fired),
            decisions=frozenset(a.decision for a in s.answers),
            options=frozenset(
                f"{a.decision}.{a.applied_option}" for a in s.answers if a.applied_option
            ),
            flags_set=frozenset(flags_set),
            at_min=frozenset(at_min),
            at_max=frozenset(at_max),
            scores=scores,
        )


def play(sc: model.Scenario, runs: int, seed: int) -> Iterator[Game]:
    """``runs`` games per policy of :data:`CHECK_POLICIES`; game ``i`` uses ``seed + i``."""
    observe = _Observer(sc)
    for policy in CHECK_POLICIES:
        for i in range(runs):
            game_seed = seed + i
            if policy == MIXED:
                roles = mixed_policies(sc, game_seed)
            else:
                roles = dict.fromkeys(sc.roles_in_play, policy)
            yield observe(play_game(sc, roles, game_seed), policy, roles, score=True)


def search(
    sc: model.Scenario, wanted: set[tuple[str, str]], runs: int, seed: int
) -> tuple[int, dict[tuple[str, str], Game]]:
    """Look for ``wanted`` (kind, id) pairs no game of the sample reached.

    Plays the :func:`sweep_lineups` and then mixed games, at most ``SEARCH_PER_RUN * runs``
    games but always the whole sweep, with seeds from ``seed + runs`` on; stops once everything
    wanted was reached.  Returns the number of games played and the first game that reached
    each pair found.
    """
    observe = _Observer(sc)
    left = set(wanted)
    found: dict[tuple[str, str], Game] = {}
    sweep = list(sweep_lineups(sc))
    budget = max(SEARCH_PER_RUN * runs, len(sweep))
    played = 0
    while left and played < budget:
        game_seed = seed + runs + played
        if played < len(sweep):
            policy, roles = SWEEP, sweep[played]
        else:
            policy, roles = MIXED, mixed_policies(sc, game_seed)
        g = observe(play_game(sc, roles, game_seed), policy, roles, score=False)
        played += 1
        for item in g.reached():
            if item in left:
                left.discard(item)
                found[item] = g
    return played, found


# --- dominance ------------------------------------------------------------------------------


@attrs.frozen
class Dominance:
    """``option`` of ``decision`` is dominated by ``others[0]`` (never worth choosing), or
    dominates all of ``others`` (always dominates)."""

    decision: str
    option: str
    others: tuple[str, ...]


def _branching(sc: model.Scenario) -> tuple[set[str], set[tuple[str, str]]]:
    """Flags some condition reads, and (decision, option) pairs some ``chose(d.o)`` reads."""
    flags: set[str] = set()
    chosen: set[tuple[str, str]] = set()
    for site in condition_sites(sc):
        for n in cond.walk(site.condition.tree):
            if isinstance(n, cond.FlagRef):
                flags.add(n.id)
            elif isinstance(n, cond.Chose) and n.option is not None:
                chosen.add((n.decision, n.option))
    return flags, chosen


def _better_numbers(sc: model.Scenario, b: model.Option, a: model.Option) -> bool:
    """Condition 1 of :func:`dominance`: b is no worse than a anywhere and better somewhere."""
    rb, ra = RATING_POINTS[b.rating], RATING_POINTS[a.rating]
    if rb < ra:
        return False
    strictly = rb > ra
    for m in sc.metrics:
        sign = 1 if m.good == "high" else -1
        eb, ea = sign * b.effects.get(m.id, 0), sign * a.effects.get(m.id, 0)
        if eb < ea:
            return False
        strictly = strictly or eb > ea
    return strictly


def dominance(sc: model.Scenario) -> tuple[list[Dominance], list[Dominance]]:
    """(options never worth choosing, options that always dominate their decision).

    Option B *dominates* option A of the same choice decision when

    1. B is rated at least as well as A, and B's effect on every metric is at least as good
       as A's (an effect not written is 0; "good" follows the metric's ``good: high|low``),
       and B is strictly better in the rating or on at least one metric; and
    2. choosing one or the other leads to the same branches: A and B set and clear exactly the
       same flags among those a condition reads, and no condition reads ``chose(d.A)`` or
       ``chose(d.B)``.  (Whether a branch is good or bad is the author's to say, so options
       that branch differently are never compared.)

    A is *never worth choosing* when it is rated poor or harmful and some B dominates it (the
    first such B in the file is named).  B *always dominates* when the decision has at least
    two options and B dominates every other one; such a decision is reported once, for B,
    instead of once per dominated option.
    """
    read_flags, chosen = _branching(sc)
    never: list[Dominance] = []
    always: list[Dominance] = []

    def branches(o: model.Option) -> tuple[frozenset[str], frozenset[str]]:
        return frozenset(o.set_) & read_flags, frozenset(o.clear) & read_flags

    for _turn, d in sc.decisions():
        if d.kind != "choice" or len(d.options) < 2:
            continue

        def dominates(b: model.Option, a: model.Option, d: model.Decision = d) -> bool:
            if (d.id, a.id) in chosen or (d.id, b.id) in chosen:
                return False
            return branches(a) == branches(b) and _better_numbers(sc, b, a)

        top = [b for b in d.options if all(dominates(b, a) for a in d.options if a is not b)]
        if top:
            b = top[0]
            always.append(Dominance(d.id, b.id, tuple(a.id for a in d.options if a is not b)))
            continue
        for a in d.options:
            if a.rating not in ("poor", "harmful"):
                continue
            by = next((b for b in d.options if b is not a and dominates(b, a)), None)
            if by is not None:
                never.append(Dominance(d.id, a.id, (by.id,)))
    return never, always


# --- judgement: can the score be read off the text? ----------------------------------------


def _length(text: str) -> int:
    return len(" ".join(text.split()))


@attrs.frozen
class LengthGiveaway:
    """How often the best option is the longest or the shortest text of its decision.

    ``decisions`` counts the choice decisions with at least two options and a best one;
    ``longest``/``shortest`` the decisions whose single longest/shortest option is rated best
    (a tie for the longest or shortest counts for neither)."""

    decisions: int
    longest: tuple[str, ...]
    shortest: tuple[str, ...]

    def share(self, which: str) -> float:
        ids = self.longest if which == "longest" else self.shortest
        return len(ids) / self.decisions if self.decisions else 0.0


def length_giveaway(sc: model.Scenario) -> LengthGiveaway:
    n = 0
    longest: list[str] = []
    shortest: list[str] = []
    for _turn, d in sc.decisions():
        if d.kind != "choice" or len(d.options) < 2:
            continue
        if not any(o.rating == "best" for o in d.options):
            continue
        n += 1
        sizes = [(_length(o.text), o) for o in d.options]
        top = max(k for k, _ in sizes)
        low = min(k for k, _ in sizes)
        tops = [o for k, o in sizes if k == top]
        lows = [o for k, o in sizes if k == low]
        if len(tops) == 1 and tops[0].rating == "best":
            longest.append(d.id)
        if len(lows) == 1 and lows[0].rating == "best":
            shortest.append(d.id)
    return LengthGiveaway(n, tuple(longest), tuple(shortest))


#: C206: a key point expected by at least this many stakeholders, and by more than half of
#: them, is generic.
GENERIC_MIN = 3


def generic_key_points(sc: model.Scenario) -> dict[str, list[str]]:
    """Key points so many stakeholders expect that any one statement covering them informs
    them all (C206): each with the stakeholders that expect it, in file order."""
    holders: dict[str, list[str]] = {}
    for s in sc.stakeholders:
        for k in s.expects:
            holders.setdefault(k, []).append(s.id)
    n = len(sc.stakeholders)
    return {k: ids for k, ids in holders.items() if len(ids) >= GENERIC_MIN and 2 * len(ids) > n}


def credible_alternatives(sc: model.Scenario, d: model.Decision) -> tuple[str, ...]:
    """The options of choice decision ``d`` that a trainee who knows the field could
    reasonably prefer to its best one: every option rated ``good``, and every option that
    gains something over the (first) best option, being better on at least one metric (a
    trade-off to weigh).  Empty: the decision has no credible alternative (C110)."""
    best = next((o for o in d.options if o.rating == "best"), None)
    if best is None:
        return ()
    out = []
    for o in d.options:
        if o is best:
            continue
        if o.rating in ("best", "good"):
            out.append(o.id)
            continue
        for m in sc.metrics:
            sign = 1 if m.good == "high" else -1
            if sign * o.effects.get(m.id, 0) > sign * best.effects.get(m.id, 0):
                out.append(o.id)
                break
    return tuple(out)


# --- the report -----------------------------------------------------------------------------


@attrs.frozen
class Finding:
    """One problem: a diagnostic at a position in the file, and what it is about.

    ``games`` is how many sample games reached the subject (for reach, flag and metric
    findings); ``found_by`` is the search game that reached content no sample game did.
    """

    diagnostic: Diagnostic
    kind: Kind
    id: str
    games: int | None = None
    found_by: Game | None = None

    @property
    def severity(self) -> Severity:
        return self.diagnostic.severity

    @property
    def code(self) -> str:
        return self.diagnostic.code

    def to_json(self) -> dict[str, Any]:
        found = None
        if self.found_by is not None:
            found = {
                "policy": self.found_by.policy,
                "seed": self.found_by.seed,
                "roles": dict(self.found_by.roles),
            }
        return {
            **self.diagnostic.to_json(),
            "kind": self.kind,
            "id": self.id,
            "games": self.games,
            "found_by": found,
        }


@attrs.frozen
class CheckReport:
    """Everything ``crisis-sim check`` prints; :meth:`to_json` is the ``--json`` shape."""

    path: str
    scenario: model.Scenario
    runs: int
    seed: int
    games: int
    searched: int  # search games played (0 when the sample reached everything)
    findings: tuple[Finding, ...]
    coverage: dict[str, dict[str, int]]  # kind -> id -> sample games that reached it
    policies: dict[str, dict[str, Any]]  # policy -> {"games", "scores", "endings"}
    flags: dict[str, dict[str, Any]]
    metrics: dict[str, dict[str, Any]]
    #: the measures of C107-C110 (see :func:`judgement`)
    judgement: dict[str, Any] = attrs.Factory(dict)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def notes(self) -> int:
        return sum(1 for f in self.findings if f.severity == "note")

    def failed(self, strict: bool = False) -> bool:
        """Whether the check fails: errors, or with ``strict`` warnings too."""
        return bool(self.errors or (strict and self.warnings))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": CHECK_FORMAT,
            "path": self.path,
            "scenario": {"id": self.scenario.id, "title": self.scenario.title},
            "runs": self.runs,
            "seed": self.seed,
            "games": self.games,
            "searched": self.searched,
            "errors": self.errors,
            "warnings": self.warnings,
            "notes": self.notes,
            "findings": [f.to_json() for f in self.findings],
            "coverage": self.coverage,
            "flags": self.flags,
            "metrics": self.metrics,
            "policies": self.policies,
            "judgement": self.judgement,
        }


COVERAGE_KINDS = ("injects", "decisions", "options", "events", "endings")
#: The coverage kinds as the text report names them (the JSON keeps the ids).
_COVERAGE_NAMES = {
    "injects": N_("injects"),
    "decisions": N_("decisions"),
    "options": N_("options"),
    "events": N_("events"),
    "endings": N_("endings"),
}


_KIND: dict[str, Kind] = {
    "injects": "inject",
    "decisions": "decision",
    "options": "option",
    "events": "event",
    "endings": "ending",
}
_NEVER = {
    "ending": "C101",
    "decision": "C102",
    "inject": "C103",
    "event": "C104",
    "option": "C105",
}
#: How each kind of content is named and what happens to it in play, as whole sentences (word
#: order differs between languages): (name, reached in no game, found only by a search,
#: reached in few games).
_SENTENCES: dict[str, tuple[str, str, str, str]] = {
    "ending": (
        N_('ending "{id}"'),
        N_("{name} was reached in no game ({games})"),
        N_("{name} was reached in none of {n} games; a search found it (seed {seed}: {lineup})"),
        N_("{name} was reached in only {count} of {n} games ({share})"),
    ),
    "decision": (
        N_('decision "{id}"'),
        N_("{name} was presented in no game ({games})"),
        N_("{name} was presented in none of {n} games; a search found it (seed {seed}: {lineup})"),
        N_("{name} was presented in only {count} of {n} games ({share})"),
    ),
    "inject": (
        N_('inject "{id}"'),
        N_("{name} was shown in no game ({games})"),
        N_("{name} was shown in none of {n} games; a search found it (seed {seed}: {lineup})"),
        N_("{name} was shown in only {count} of {n} games ({share})"),
    ),
    "event": (
        N_('event "{id}"'),
        N_("{name} was fired in no game ({games})"),
        N_("{name} was fired in none of {n} games; a search found it (seed {seed}: {lineup})"),
        N_("{name} was fired in only {count} of {n} games ({share})"),
    ),
    "option": (
        N_('option "{option}" of decision "{id}"'),
        N_("{name} was chosen in no game ({games})"),
        N_("{name} was chosen in none of {n} games; a search found it (seed {seed}: {lineup})"),
        N_("{name} was chosen in only {count} of {n} games ({share})"),
    ),
}


def _content(sc: model.Scenario) -> Iterator[tuple[str, str, Path, str | None]]:
    """(coverage kind, id, path in the file, condition as written) of every piece of content,
    in file order."""
    for t, turn in enumerate(sc.turns):
        for j, inj in enumerate(turn.injects):
            yield "injects", inj.id, ("turns", t, "injects", j, "id"), _src(inj.when)
        for j, d in enumerate(turn.decisions):
            p: Path = ("turns", t, "decisions", j)
            yield "decisions", d.id, (*p, "id"), _src(d.when)
            for k, o in enumerate(d.options):
                yield "options", f"{d.id}.{o.id}", (*p, "options", k, "id"), None
    for i, e in enumerate(sc.events):
        yield "events", e.id, ("events", i, "id"), _src(e.when)
    for i, en in enumerate(sc.endings):
        yield "endings", en.id, ("endings", i, "id"), _src(en.when)


def _rare_hint(when: str | None) -> str:
    if when:
        return _("few trainees will ever see it; its when: {when}").format(when=when)
    return _("few trainees will ever see it")


def _src(c: cond.Condition | None) -> str | None:
    return c.source if c is not None else None


def _name(kind: str, ident: str) -> str:
    if kind == "option":
        dec, opt = ident.split(".", 1)
        return _(_SENTENCES["option"][0]).format(option=opt, id=dec)
    return _(_SENTENCES[kind][0]).format(id=ident)


def _pct(n: int, total: int) -> str:
    """A share in per cent: one decimal below 10 % (1 of 60 is 1.7 %, not 2 %)."""
    if not total:
        return "-"
    share = 100 * n / total
    return f"{share:.1f} %" if 0 < share < 10 else f"{share:.0f} %"


def lineup(g: Game) -> str:
    """A search game's line-up in words, to replay it."""
    roles = dict(g.roles)
    counts = Counter(roles.values())
    if g.policy == SWEEP and len(counts) == 2:
        rest = counts.most_common(1)[0][0]
        odd = next(r for r, p in roles.items() if p != rest)
        return _("{role} playing {policy}, every other role {rest}").format(
            role=odd, policy=roles[odd], rest=rest
        )
    return ", ".join(f"{r}={p}" for r, p in roles.items())


def _stats(values: Iterable[float | None]) -> dict[str, float | None]:
    present = [v for v in values if v is not None]
    if not present:
        return {"mean": None, "min": None, "max": None}
    return {
        "mean": round(sum(present) / len(present), 1),
        "min": round(min(present), 1),
        "max": round(max(present), 1),
    }


def unreached(sc: model.Scenario, games: Sequence[Game]) -> set[tuple[str, str]]:
    """(kind, id) of the content and of the read flags that no game reached."""
    reached = {item for g in games for item in g.reached()}
    read, _chosen = _branching(sc)
    wanted = {(kind, ident) for kind, ident, _, _ in _content(sc)}
    wanted |= {("flags", f) for f in sc.flags if f in read}
    return wanted - reached


class _Findings:
    def __init__(self, path: str, source: SourceMap | None) -> None:
        self.path = path
        self.source = source
        self.items: list[Finding] = []

    def add(
        self,
        severity: Severity,
        code: str,
        where: Path,
        kind: Kind,
        ident: str,
        message: str,
        hint: str = "",
        games: int | None = None,
        found_by: Game | None = None,
    ) -> None:
        line, col = self.source.value_at(where) if self.source is not None else (1, 1)
        diag = Diagnostic(self.path, line, col, severity, code, message, hint)
        self.items.append(Finding(diag, kind, ident, games, found_by))


def analyse(
    sc: model.Scenario,
    games: Sequence[Game],
    *,
    path: str,
    runs: int,
    seed: int,
    searched: int = 0,
    found: dict[tuple[str, str], Game] | None = None,
    source: SourceMap | None = None,
    diagnostics: Iterable[Diagnostic] = (),
) -> CheckReport:
    """Turn the sample ``games`` (and what the search ``found``) into findings and summaries.

    ``diagnostics`` are the loader's; those the check says in its own words are left out
    (:func:`superseded`).  ``source`` gives findings their line and column (1:1 without it).
    """
    n = len(games)
    found = found or {}
    out = _Findings(path, source)
    for diag in diagnostics:
        if not superseded(diag):
            out.items.append(Finding(diag, "file", ""))
    static = flow.reachability(sc)

    # content
    count: dict[str, Counter[str]] = {k: Counter() for k in (*COVERAGE_KINDS, "flags")}
    for g in games:
        for kind, ident in g.reached():
            count[kind][ident] += 1
    coverage: dict[str, dict[str, int]] = {k: {} for k in COVERAGE_KINDS}
    silent: set[str] = set()  # decisions never presented: their options are not listed too
    for kind, ident, where, when in _content(sc):
        c = count[kind][ident]
        coverage[kind][ident] = c
        what = _KIND[kind]
        code = _NEVER[what]
        _named, none_msg, searched_msg, few_msg = _SENTENCES[what]
        rare_hint = _("few trainees will ever see it")
        if what == "option" and ident.split(".", 1)[0] in silent:
            continue
        name = _name(what, ident)
        by = found.get((kind, ident))
        shown = count["decisions"][ident.split(".", 1)[0]] if what == "option" else n
        if c == 0 and by is None and shown < RARE * n:
            # an option of a rarely presented decision: too few chances to be chosen to judge
            message = _(
                "{name} was chosen in no game; its decision was presented in only {shown} of "
                "{n} games"
            ).format(name=name, shown=shown, n=n)
            hint = rare_hint
            out.add("warning", "C201", where, what, ident, message, hint, 0)
        elif c == 0 and by is None:
            if what == "decision":
                silent.add(ident)
            status = static.get(flow.key(what, ident))  # type: ignore[arg-type]
            if status is not None:
                hint = status[1]
            elif when is not None:
                hint = _("its when never held: {when}").format(when=when)
            elif what == "option":
                hint = ngettext(
                    "its decision was presented in {n} game; no policy picked it",
                    "its decision was presented in {n} games; no policy picked it",
                    shown,
                ).format(n=shown)
            else:
                hint = ""
            if searched:
                games_note = _("{n} games and {searched} more searched").format(
                    n=n, searched=searched
                )
            else:
                games_note = ngettext("{n} game", "{n} games", n).format(n=n)
            message = _(none_msg).format(name=name, games=games_note)
            out.add("error", code, where, what, ident, message, hint, 0)
        elif c == 0:
            assert by is not None
            message = _(searched_msg).format(name=name, n=n, seed=by.seed, lineup=lineup(by))
            hint = _rare_hint(when)
            out.add("warning", "C201", where, what, ident, message, hint, 0, by)
        elif c < RARE * n:
            message = _(few_msg).format(name=name, count=c, n=n, share=_pct(c, n))
            hint = _rare_hint(when)
            out.add("warning", "C201", where, what, ident, message, hint, c)

    # flags
    facts = Facts(sc)
    read, _chosen = _branching(sc)
    flags: dict[str, dict[str, Any]] = {}
    for i, f in enumerate(sc.flags):
        c = count["flags"][f]
        flags[f] = {"read": f in read, "set_games": c}
        where = ("flags", i)
        if f not in read:
            if f in facts.settable:
                msg = _('flag "{flag}" is never read: setting it changes nothing').format(flag=f)
            else:
                msg = _('flag "{flag}" is never read and nothing sets it').format(flag=f)
            hint = _("use it in a when: or remove it")
            out.add("warning", "C202", where, "flag", f, msg, hint, c)
        elif c == 0 and ("flags", f) not in found:
            why = (
                _("nothing in the file sets it")
                if f not in facts.settable
                else _("what sets it was never reached")
            )
            msg = ngettext(
                'flag "{flag}" is read but no game set it ({n} game): it is always false',
                'flag "{flag}" is read but no game set it ({n} games): it is always false',
                n,
            ).format(flag=f, n=n)
            out.add("error", "C106", where, "flag", f, msg, why, 0)

    # dominance
    never, always = dominance(sc)
    place = {d.id: (t, j) for t, turn in enumerate(sc.turns) for j, d in enumerate(turn.decisions)}

    def option_path(dec: str, opt: str) -> Path:
        t, j = place[dec]
        options = sc.turns[t].decisions[j].options
        k = next(k for k, o in enumerate(options) if o.id == opt)
        return ("turns", t, "decisions", j, "options", k, "id")

    for x in never:
        d = sc.decision_by_id[x.decision]
        a, b = d.option(x.option), d.option(x.others[0])
        assert a is not None and b is not None
        if RATING_POINTS[b.rating] > RATING_POINTS[a.rating]:
            text = _(
                'option "{option}" ({rating}) of decision "{decision}" is never worth choosing: '
                '"{other}" ({other_rating}) is rated higher and is no worse on any metric'
            )
        else:
            text = _(
                'option "{option}" ({rating}) of decision "{decision}" is never worth choosing: '
                '"{other}" ({other_rating}) is rated as well and is no worse on any metric'
            )
        out.add(
            "note",
            "C203",
            option_path(d.id, a.id),
            "option",
            f"{d.id}.{a.id}",
            text.format(
                option=a.id, rating=a.rating, decision=d.id, other=b.id, other_rating=b.rating
            ),
            _(
                "a distractor tempts only when it gains something for its risk, such as a "
                "lower cost"
            ),
        )
    for x in always:
        d = sc.decision_by_id[x.decision]
        b = d.option(x.option)
        assert b is not None
        out.add(
            "note",
            "C204",
            option_path(d.id, b.id),
            "option",
            f"{d.id}.{b.id}",
            _(
                'option "{option}" ({rating}) of decision "{decision}" always dominates: no '
                "other option ({others}) is rated higher or does better on any metric"
            ).format(option=b.id, rating=b.rating, decision=d.id, others=", ".join(x.others)),
            _("the numbers hold no dilemma; give the other options a gain to weigh"),
        )

    # metrics
    metrics: dict[str, dict[str, Any]] = {}
    for m in sc.metrics:
        lo = sum(1 for g in games if m.id in g.at_min)
        hi = sum(1 for g in games if m.id in g.at_max)
        metrics[m.id] = {"min": m.min, "max": m.max, "games_at_min": lo, "games_at_max": hi}
        for bound, c, value in (("min", lo, m.min), ("max", hi, m.max)):
            if value is not None and c > PINNED * n:
                out.add(
                    "warning",
                    "C205",
                    ("metrics", m.id, bound),
                    "metric",
                    m.id,
                    (
                        _(
                            'metric "{metric}" is pushed to its min ({value}) in {count} of {n} '
                            "games ({share})"
                        )
                        if bound == "min"
                        else _(
                            'metric "{metric}" is pushed to its max ({value}) in {count} of {n} '
                            "games ({share})"
                        )
                    ).format(metric=m.id, value=f"{value:g}", count=c, n=n, share=_pct(c, n)),
                    _(
                        "what goes past a bound is lost and play stops making a difference; "
                        "widen the bound or make the effects smaller"
                    ),
                    c,
                )

    # per policy
    policies: dict[str, dict[str, Any]] = {}
    order = [e.id for e in sc.endings]
    for p in CHECK_POLICIES:
        mine = [g for g in games if g.policy == p]
        if not mine:
            continue
        endings = Counter(g.ending for g in mine)
        policies[p] = {
            "games": len(mine),
            "scores": {d: _stats(dict(g.scores).get(d) for g in mine) for d in SCORES},
            "endings": {e: endings[e] for e in order if endings[e]},
        }

    judged = judgement(sc, policies, out, place)

    findings = tuple(
        sorted(out.items, key=lambda f: (f.diagnostic.line, f.diagnostic.column, f.code, f.id))
    )
    return CheckReport(
        path=path,
        scenario=sc,
        runs=runs,
        seed=seed,
        games=n,
        searched=searched,
        findings=findings,
        coverage=coverage,
        policies=policies,
        flags=flags,
        metrics=metrics,
        judgement=judged,
    )


def _mean(policies: dict[str, dict[str, Any]], policy: str, score: str) -> float | None:
    info = policies.get(policy)
    return None if info is None else info["scores"][score]["mean"]


def judgement(
    sc: model.Scenario,
    policies: dict[str, dict[str, Any]],
    out: _Findings,
    place: dict[str, tuple[int, int]],
) -> dict[str, Any]:
    """Whether the score measures judgement or can be read off the text and gamed: the
    measures behind C107-C110, adding a finding (an error) for each that fails."""
    g = length_giveaway(sc)
    for which, ids in (("longest", g.longest), ("shortest", g.shortest)):
        if g.decisions and g.share(which) > GIVEAWAY_SHARE:
            out.add(
                "error",
                "C107",
                ("turns",),
                "file",
                which,
                (
                    _(
                        "the best option is the longest text in {count} of {n} choice decisions "
                        "({share}, more than {limit} %): {ids}"
                    )
                    if which == "longest"
                    else _(
                        "the best option is the shortest text in {count} of {n} choice decisions "
                        "({share}, more than {limit} %): {ids}"
                    )
                ).format(
                    count=len(ids),
                    n=g.decisions,
                    share=_pct(len(ids), g.decisions),
                    limit=f"{GIVEAWAY_SHARE * 100:.0f}",
                    ids=", ".join(ids[:6]) + (", ..." if len(ids) > 6 else ""),
                ),
                _("write options of similar length and detail; a trainee must judge, not measure"),
            )
    longest, random_ = _mean(policies, "longest", "total"), _mean(policies, "random", "total")
    margin = None if longest is None or random_ is None else round(longest - random_, 1)
    if margin is not None and margin > LONGEST_MARGIN:
        out.add(
            "error",
            "C108",
            ("turns",),
            "file",
            "longest",
            _(
                "answering by the longest text scores {longest} on average, {margin} above "
                "random play ({random}; at most {limit} allowed)"
            ).format(
                longest=f"{longest:.1f}",
                margin=f"{margin:.1f}",
                random=f"{random_:.1f}",
                limit=f"{LONGEST_MARGIN:g}",
            ),
            _("make wrong options as long and as detailed as right ones"),
        )
    blanket = _mean(policies, "blanket", "communication")
    if blanket is not None and blanket >= BLANKET_LIMIT:
        out.add(
            "error",
            "C109",
            ("stakeholders",),
            "file",
            "blanket",
            _(
                "one message with every safe statement to every stakeholder scores {score} on "
                "communication on average (it must stay below {limit})"
            ).format(score=f"{blanket:.1f}", limit=f"{BLANKET_LIMIT:g}"),
            _(
                "give each stakeholder its own key points (expects), so a message to the wrong "
                "people carries nothing they need"
            ),
        )
    generic = generic_key_points(sc)
    for key, holders in generic.items():
        first = holders[0]
        s = sc.stakeholder_by_id[first]
        out.add(
            "warning",
            "C206",
            ("stakeholders", first, "expects", s.expects.index(key)),
            "file",
            key,
            _(
                'key point "{key}" is expected by {count} of {n} stakeholders: one statement '
                "that covers it satisfies them all"
            ).format(key=key, count=len(holders), n=len(sc.stakeholders)),
            _(
                "give each stakeholder the key points it alone needs (a regulator's evidence, "
                "the press's holding line), so a message must be written for its reader"
            ),
        )
    lacking = []
    for _turn, d in sc.decisions():
        if d.kind != "choice" or len(d.options) < 2 or d.id not in place:
            continue
        if credible_alternatives(sc, d):
            continue
        lacking.append(d.id)
        t, j = place[d.id]
        out.add(
            "error",
            "C110",
            ("turns", t, "decisions", j, "id"),
            "decision",
            d.id,
            _(
                'decision "{decision}" has no credible alternative: every option but the best '
                "is rated poor or harmful and gains nothing over it on any metric"
            ).format(decision=d.id),
            _(
                "add a good second best with a real trade-off, or give a tempting option a "
                "gain (lower cost, faster) that a stressed trainee could pick it for"
            ),
        )
    return {
        "choice_decisions": g.decisions,
        "best_is_longest": len(g.longest),
        "best_is_shortest": len(g.shortest),
        "longest_minus_random": margin,
        "blanket_communication": blanket,
        "no_credible_alternative": lacking,
        "generic_key_points": sorted(generic),
    }


def check(
    sc: model.Scenario,
    *,
    runs: int = 50,
    seed: int = 1,
    path: str = "",
    source: SourceMap | None = None,
    diagnostics: Iterable[Diagnostic] = (),
) -> CheckReport:
    """Play the sample, search for what it missed, and analyse (see the module docstring)."""
    games = list(play(sc, runs, seed))
    missing = unreached(sc, games)
    searched, found = search(sc, missing, runs, seed) if missing else (0, {})
    return analyse(
        sc,
        games,
        path=path or sc.path or sc.id,
        runs=runs,
        seed=seed,
        searched=searched,
        found=found,
        source=source,
        diagnostics=diagnostics,
    )


# --- text -----------------------------------------------------------------------------------


def _heading(title: str) -> list[str]:
    return ["", title, "-" * display_width(title)]


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def _cell(text: object, width: int, left: bool = False) -> str:
    """``text`` padded to ``width`` terminal columns (a CJK character takes two), right-aligned
    unless ``left``: the report's columns line up in any language."""
    text = str(text)
    pad = " " * max(0, width - display_width(text))
    return text + pad if left else pad + text


def to_text(report: CheckReport) -> str:
    """The readable report: plain text, one section per heading, in the language in use."""
    sc = report.scenario
    n = report.games
    last = report.seed + report.runs - 1
    if report.runs == 1:
        seeds = _("seed {seed}").format(seed=report.seed)
    else:
        seeds = _("seeds {first}-{last}").format(first=report.seed, last=last)
    lines = [
        _("crisis-sim check: {title} ({id})").format(title=sc.title, id=sc.id),
        _("{path}: {n} games, {runs} per policy ({policies}), {seeds}").format(
            path=report.path,
            n=n,
            runs=report.runs,
            policies=", ".join(CHECK_POLICIES),
            seeds=seeds,
        ),
    ]
    if report.searched:
        first = report.seed + report.runs
        lines.append(
            _(
                "{n} more games searched for what the sample did not reach (seeds {first}-{last})"
            ).format(n=report.searched, first=first, last=first + report.searched - 1)
        )

    lines += _heading(_("Problems"))
    if report.findings:
        lines += [f.diagnostic.format() for f in report.findings]
    else:
        lines.append(_("none found"))

    lines += _heading(_("Content reached (games out of {n})").format(n=n))
    heads = [_("items"), _("always"), _("sometimes"), _("rarely"), _("never")]
    widths = [max(w, display_width(h) + 1) for w, h in zip((7, 8, 11, 8, 7), heads, strict=True)]
    kinds = {k: _(_COVERAGE_NAMES[k]) for k in COVERAGE_KINDS}
    first_w = max([12, *(display_width(k) + 2 for k in kinds.values())])
    lines.append(
        _cell("", first_w, left=True)
        + "".join(_cell(h, w) for h, w in zip(heads, widths, strict=True))
    )
    for kind in COVERAGE_KINDS:
        counts = list(report.coverage[kind].values())
        if not counts:
            continue
        always = sum(1 for c in counts if c == n)
        never = sum(1 for c in counts if c == 0)
        rarely = sum(1 for c in counts if 0 < c < RARE * n)
        some = len(counts) - always - never - rarely
        cells = (len(counts), always, some, rarely, never)
        lines.append(
            _cell(kinds[kind], first_w, left=True)
            + "".join(_cell(c, w) for c, w in zip(cells, widths, strict=True))
        )
    if sc.flags:
        flags = report.flags.values()
        every = sum(1 for f in flags if f["set_games"] == n)
        none = sum(1 for f in flags if f["set_games"] == 0)
        unread = sum(1 for f in flags if not f["read"])
        lines.append(
            _(
                "flags: {declared} declared, {unread} never read; set in every game: {every}, "
                "in no game: {none}"
            ).format(declared=len(sc.flags), unread=unread, every=every, none=none)
        )

    lines += _heading(_("Endings (games per policy)"))
    pols = list(report.policies)
    ending, every_policy = _("ending"), _("all")
    width = max([display_width(e.id) for e in sc.endings] + [6, display_width(ending)]) + 2
    lines.append(
        _cell(ending, width, left=True)
        + "".join(_cell(p, 8) for p in pols)
        + _cell(every_policy, 8)
    )
    for e in sc.endings:
        row = [report.policies[p]["endings"].get(e.id, 0) for p in pols]
        total = report.coverage["endings"].get(e.id, 0)
        lines.append(
            _cell(e.id, width, left=True)
            + "".join(_cell(c, 8) for c in row)
            + f"{total:>8}{_pct(total, n):>7}"
        )

    lines += _heading(_("Team scores per policy (mean / min / max)"))
    policy = _("policy")
    first_w = max(9, display_width(policy) + 1)
    lines.append(
        _cell(policy, first_w, left=True) + "".join(_cell(labels.area(d), 20) for d in SCORES)
    )
    for p in pols:
        cells = []
        for d in SCORES:
            s = report.policies[p]["scores"][d]
            cells.append(f"{_num(s['mean']):>8}{_num(s['min']):>6}{_num(s['max']):>6}")
        lines.append(_cell(p, first_w, left=True) + "".join(cells))

    j = report.judgement
    if j:
        lines += _heading(_("Can the score be read off the text?"))
        n_choice = j["choice_decisions"]
        lines.append(
            _(
                "best option is the longest text: {longest} of {n} choice decisions; the "
                "shortest: {shortest} (at most {limit} % each)"
            ).format(
                longest=j["best_is_longest"],
                n=n_choice,
                shortest=j["best_is_shortest"],
                limit=f"{GIVEAWAY_SHARE * 100:.0f}",
            )
        )
        margin = j["longest_minus_random"]
        lines.append(
            _("longest answers against random play: {margin} (at most +{limit})").format(
                margin="-" if margin is None else f"{margin:+.1f}", limit=f"{LONGEST_MARGIN:g}"
            )
        )
        lines.append(
            _("blanket messages, communication: {score} (below {limit})").format(
                score=_num(j["blanket_communication"]), limit=f"{BLANKET_LIMIT:g}"
            )
        )
        lacking = j["no_credible_alternative"]
        listed = ", ".join(lacking[:6]) + (", ..." if len(lacking) > 6 else "")
        if lacking:
            lines.append(
                _("decisions with no credible alternative: {count} of {n} ({ids})").format(
                    count=len(lacking), n=n_choice, ids=listed
                )
            )
        else:
            lines.append(
                _("decisions with no credible alternative: {count} of {n}").format(
                    count=0, n=n_choice
                )
            )

    bounded = [m for m in sc.metrics if m.min is not None or m.max is not None]
    if bounded:
        lines += _heading(_("Metrics pushed to a bound (games out of {n})").format(n=n))
        metric, games = _("metric"), _("games")
        low, high = pgettext("bound", "min"), pgettext("bound", "max")
        width = max([display_width(m.id) for m in bounded] + [6, display_width(metric)]) + 2
        gw = max(7, display_width(games) + 1)
        lines.append(
            _cell(metric, width, left=True)
            + _cell(low, 8)
            + _cell(games, gw)
            + _cell(high, 8)
            + _cell(games, gw)
        )
        for m in bounded:
            info = report.metrics[m.id]
            lo = "-" if m.min is None else f"{m.min:g}"
            hi = "-" if m.max is None else f"{m.max:g}"
            clo = "-" if m.min is None else str(info["games_at_min"])
            chi = "-" if m.max is None else str(info["games_at_max"])
            lines.append(
                _cell(m.id, width, left=True)
                + _cell(lo, 8)
                + _cell(clo, gw)
                + _cell(hi, 8)
                + _cell(chi, gw)
            )

    errs, warns, notes = report.errors, report.warnings, report.notes
    lines += [
        "",
        _("{errors}, {warnings}, {notes}").format(
            errors=ngettext("{n} error", "{n} errors", errs).format(n=errs),
            warnings=ngettext("{n} warning", "{n} warnings", warns).format(n=warns),
            notes=ngettext("{n} design note", "{n} design notes", notes).format(n=notes),
        ),
    ]
    return "\n".join(lines) + "\n"
