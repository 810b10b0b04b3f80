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
_KIND: dict[str, Kind] = {
    "injects": "inject",
    "decisions": "decision",
    "options": "option",
    "events": "event",
    "endings": "ending",
}
_NEVER = {
    "ending": ("C101", "reached"),
    "decision": ("C102", "presented"),
    "inject": ("C103", "shown"),
    "event": ("C104", "fired"),
    "option": ("C105", "chosen"),
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


def _src(c: cond.Condition | None) -> str | None:
    return c.source if c is not None else None


def _name(kind: str, ident: str) -> str:
    if kind == "option":
        dec, opt = ident.split(".", 1)
        return f'option "{opt}" of decision "{dec}"'
    return f'{kind} "{ident}"'


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
        return f"{odd} playing {roles[odd]}, every other role {rest}"
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
    read, _ = _branching(sc)
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
        code, verb = _NEVER[what]
        if what == "option" and ident.split(".", 1)[0] in silent:
            continue
        name = _name(what, ident)
        by = found.get((kind, ident))
        shown = count["decisions"][ident.split(".", 1)[0]] if what == "option" else n
        if c == 0 and by is None and shown < RARE * n:
            # an option of a rarely presented decision: too few chances to be chosen to judge
            message = (
                f"{name} was chosen in no game; its decision was presented in only "
                f"{shown} of {n} games"
            )
            hint = "few trainees will ever see it"
            out.add("warning", "C201", where, what, ident, message, hint, 0)
        elif c == 0 and by is None:
            if what == "decision":
                silent.add(ident)
            status = static.get(flow.key(what, ident))  # type: ignore[arg-type]
            if status is not None:
                hint = status[1]
            elif when is not None:
                hint = f"its when never held: {when}"
            elif what == "option":
                hint = f"its decision was presented in {shown} games; no policy picked it"
            else:
                hint = ""
            games_note = f"{n} games" + (f" and {searched} more searched" if searched else "")
            message = f"{name} was {verb} in no game ({games_note})"
            out.add("error", code, where, what, ident, message, hint, 0)
        elif c == 0:
            assert by is not None
            message = (
                f"{name} was {verb} in none of {n} games; a search found it "
                f"(seed {by.seed}: {lineup(by)})"
            )
            hint = "few trainees will ever see it" + (f"; its when: {when}" if when else "")
            out.add("warning", "C201", where, what, ident, message, hint, 0, by)
        elif c < RARE * n:
            message = f"{name} was {verb} in only {c} of {n} games ({_pct(c, n)})"
            hint = "few trainees will ever see it" + (f"; its when: {when}" if when else "")
            out.add("warning", "C201", where, what, ident, message, hint, c)

    # flags
    facts = Facts(sc)
    read, _ = _branching(sc)
    flags: dict[str, dict[str, Any]] = {}
    for i, f in enumerate(sc.flags):
        c = count["flags"][f]
        flags[f] = {"read": f in read, "set_games": c}
        where = ("flags", i)
        if f not in read:
            if f in facts.settable:
                msg = f'flag "{f}" is never read: setting it changes nothing'
            else:
                msg = f'flag "{f}" is never read and nothing sets it'
            out.add("warning", "C202", where, "flag", f, msg, "use it in a when: or remove it", c)
        elif c == 0 and ("flags", f) not in found:
            why = (
                "nothing in the file sets it"
                if f not in facts.settable
                else "what sets it was never reached"
            )
            msg = f'flag "{f}" is read but no game set it ({n} games): it is always false'
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
        than = "higher" if RATING_POINTS[b.rating] > RATING_POINTS[a.rating] else "as well"
        out.add(
            "note",
            "C203",
            option_path(d.id, a.id),
            "option",
            f"{d.id}.{a.id}",
            f'option "{a.id}" ({a.rating}) of decision "{d.id}" is never worth choosing: '
            f'"{b.id}" ({b.rating}) is rated {than} and is no worse on any metric',
            "a distractor tempts only when it gains something for its risk, such as a lower cost",
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
            f'option "{b.id}" ({b.rating}) of decision "{d.id}" always dominates: no other '
            f"option ({', '.join(x.others)}) is rated higher or does better on any metric",
            "the numbers hold no dilemma; give the other options a gain to weigh",
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
                    f'metric "{m.id}" is pushed to its {bound} ({value:g}) in {c} of {n} games '
                    f"({_pct(c, n)})",
                    "what goes past a bound is lost and play stops making a difference; "
                    "widen the bound or make the effects smaller",
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
                f"the best option is the {which} text in {len(ids)} of {g.decisions} choice "
                f"decisions ({_pct(len(ids), g.decisions)}, more than "
                f"{GIVEAWAY_SHARE * 100:.0f} %): {', '.join(ids[:6])}"
                + (", ..." if len(ids) > 6 else ""),
                "write options of similar length and detail; a trainee must judge, not measure",
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
            f"answering by the longest text scores {longest:.1f} on average, {margin:.1f} "
            f"above random play ({random_:.1f}; at most {LONGEST_MARGIN:g} allowed)",
            "make wrong options as long and as detailed as right ones",
        )
    blanket = _mean(policies, "blanket", "communication")
    if blanket is not None and blanket >= BLANKET_LIMIT:
        out.add(
            "error",
            "C109",
            ("stakeholders",),
            "file",
            "blanket",
            f"one message with every safe statement to every stakeholder scores {blanket:.1f} "
            f"on communication on average (it must stay below {BLANKET_LIMIT:g})",
            "give each stakeholder its own key points (expects), so a message to the wrong "
            "people carries nothing they need",
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
            f'decision "{d.id}" has no credible alternative: every option but the best is '
            "rated poor or harmful and gains nothing over it on any metric",
            "add a good second best with a real trade-off, or give a tempting option a gain "
            "(lower cost, faster) that a stressed trainee could pick it for",
        )
    return {
        "choice_decisions": g.decisions,
        "best_is_longest": len(g.longest),
        "best_is_shortest": len(g.shortest),
        "longest_minus_random": margin,
        "blanket_communication": blanket,
        "no_credible_alternative": lacking,
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
    return ["", title, "-" * len(title)]


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def to_text(report: CheckReport) -> str:
    """The readable report: plain text, one section per heading."""
    sc = report.scenario
    n = report.games
    last = report.seed + report.runs - 1
    seeds = f"seed {report.seed}" if report.runs == 1 else f"seeds {report.seed}-{last}"
    lines = [
        f"crisis-sim check: {sc.title} ({sc.id})",
        f"{report.path}: {n} games, {report.runs} per policy "
        f"({', '.join(CHECK_POLICIES)}), {seeds}",
    ]
    if report.searched:
        lines.append(
            f"{report.searched} more games searched for what the sample did not reach "
            f"(seeds {report.seed + report.runs}-{report.seed + report.runs + report.searched - 1})"
        )

    lines += _heading("Problems")
    if report.findings:
        lines += [f.diagnostic.format() for f in report.findings]
    else:
        lines.append("none found")

    lines += _heading(f"Content reached (games out of {n})")
    lines.append(f"{'':<12}{'items':>7}{'always':>8}{'sometimes':>11}{'rarely':>8}{'never':>7}")
    for kind in COVERAGE_KINDS:
        counts = list(report.coverage[kind].values())
        if not counts:
            continue
        always = sum(1 for c in counts if c == n)
        never = sum(1 for c in counts if c == 0)
        rarely = sum(1 for c in counts if 0 < c < RARE * n)
        some = len(counts) - always - never - rarely
        lines.append(f"{kind:<12}{len(counts):>7}{always:>8}{some:>11}{rarely:>8}{never:>7}")
    if sc.flags:
        flags = report.flags.values()
        every = sum(1 for f in flags if f["set_games"] == n)
        none = sum(1 for f in flags if f["set_games"] == 0)
        unread = sum(1 for f in flags if not f["read"])
        lines.append(
            f"flags: {len(sc.flags)} declared, {unread} never read; "
            f"set in every game: {every}, in no game: {none}"
        )

    lines += _heading("Endings (games per policy)")
    pols = list(report.policies)
    width = max([len(e.id) for e in sc.endings] + [6]) + 2
    lines.append(f"{'ending':<{width}}" + "".join(f"{p:>8}" for p in pols) + f"{'all':>8}")
    for e in sc.endings:
        row = [report.policies[p]["endings"].get(e.id, 0) for p in pols]
        total = report.coverage["endings"].get(e.id, 0)
        lines.append(
            f"{e.id:<{width}}" + "".join(f"{c:>8}" for c in row) + f"{total:>8}{_pct(total, n):>7}"
        )

    lines += _heading("Team scores per policy (mean / min / max)")
    lines.append(f"{'policy':<9}" + "".join(f"{d:>20}" for d in SCORES))
    for p in pols:
        cells = []
        for d in SCORES:
            s = report.policies[p]["scores"][d]
            cells.append(f"{_num(s['mean']):>8}{_num(s['min']):>6}{_num(s['max']):>6}")
        lines.append(f"{p:<9}" + "".join(cells))

    j = report.judgement
    if j:
        lines += _heading("Can the score be read off the text?")
        n_choice = j["choice_decisions"]
        lines.append(
            f"best option is the longest text: {j['best_is_longest']} of {n_choice} choice "
            f"decisions; the shortest: {j['best_is_shortest']} "
            f"(at most {GIVEAWAY_SHARE * 100:.0f} % each)"
        )
        margin = j["longest_minus_random"]
        lines.append(
            "longest answers against random play: "
            + ("-" if margin is None else f"{margin:+.1f}")
            + f" (at most +{LONGEST_MARGIN:g})"
        )
        lines.append(
            f"blanket messages, communication: {_num(j['blanket_communication'])} "
            f"(below {BLANKET_LIMIT:g})"
        )
        lacking = j["no_credible_alternative"]
        lines.append(
            f"decisions with no credible alternative: {len(lacking)} of {n_choice}"
            + (
                f" ({', '.join(lacking[:6])}{', ...' if len(lacking) > 6 else ''})"
                if lacking
                else ""
            )
        )

    bounded = [m for m in sc.metrics if m.min is not None or m.max is not None]
    if bounded:
        lines += _heading(f"Metrics pushed to a bound (games out of {n})")
        width = max([len(m.id) for m in bounded] + [6]) + 2
        lines.append(f"{'metric':<{width}}{'min':>8}{'games':>7}{'max':>8}{'games':>7}")
        for m in bounded:
            info = report.metrics[m.id]
            lo = "-" if m.min is None else f"{m.min:g}"
            hi = "-" if m.max is None else f"{m.max:g}"
            clo = "-" if m.min is None else str(info["games_at_min"])
            chi = "-" if m.max is None else str(info["games_at_max"])
            lines.append(f"{m.id:<{width}}{lo:>8}{clo:>7}{hi:>8}{chi:>7}")

    errs, warns, notes = report.errors, report.warnings, report.notes
    lines += [
        "",
        f"{errs} error{'s' * (errs != 1)}, {warns} warning{'s' * (warns != 1)}, "
        f"{notes} design note{'s' * (notes != 1)}",
    ]
    return "\n".join(lines) + "\n"
