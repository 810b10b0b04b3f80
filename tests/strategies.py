"""Hypothesis strategies for valid scenarios, built directly as model objects.

``scenarios()`` draws scenarios that satisfy every rule of ``SCENARIO_FORMAT.md`` (ids match
their patterns and are unique in their namespace, every reference and condition names
something that exists, bounds contain starts, the last ending has no condition, weights sum to
1, rank ``expected`` is a permutation of its items, roles are in play).  Sizes are kept small so
that property tests stay fast; pass larger limits for stress tests.

Reused by the engine, scoring and loader tests.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from game.scenario.conditions import Condition
from game.scenario.model import (
    FORMAT_V1,
    INJECT_CHANNELS,
    MESSAGE_CHANNELS,
    PHASES,
    RATINGS,
    RISKS,
    ROLE_IDS,
    Channel,
    Decision,
    Ending,
    Inject,
    Metric,
    Objective,
    Option,
    RankItem,
    Role,
    Scenario,
    Scoring,
    Stakeholder,
    Statement,
    Turn,
    Weights,
)

KEY_POINTS = ("facts", "actions", "guidance", "empathy", "next_update", "contact")
TEXTS = (
    "Servers are encrypting files",
    "Évacuation du bâtiment B",
    "Smoke in the east stairwell — 3rd floor",
    "火災報知器が作動しました",
    'A "quoted" headline: with colons',
    "Plain text",
)
WEIGHTS = (Weights(), Weights(0.2, 0.5, 0.3), Weights(0.5, 0.25, 0.25), Weights(1.0, 0.0, 0.0))

texts = st.sampled_from(TEXTS)


def _sub(draw: st.DrawFn, items: Sequence[str], *, min_size: int = 0, max_size: int = 3) -> tuple:
    if not items:
        return ()
    return tuple(
        draw(st.lists(st.sampled_from(items), min_size=min_size, max_size=max_size, unique=True))
    )


class _Names:
    """The ids a scenario defines, so that conditions and effects only name real things."""

    def __init__(self) -> None:
        self.metrics: list[str] = []
        self.flags: list[str] = []
        self.stakeholders: list[str] = []
        self.decisions: list[str] = []
        self.choice_options: list[tuple[str, str]] = []


def _atom(draw: st.DrawFn, n: _Names, max_turn: int) -> str:
    kinds = ["true", "turn"]
    if n.metrics:
        kinds += ["metric", "metric", "sum"]
    if n.flags:
        kinds += ["flag", "flag"]
    if n.decisions:
        kinds += ["chose"]
    if n.choice_options:
        kinds += ["chose_option", "chose_option"]
    if n.stakeholders:
        kinds += ["informed"]
    kind = draw(st.sampled_from(kinds))
    op = draw(st.sampled_from(("<", "<=", ">", ">=", "==", "!=")))
    num = draw(st.integers(-20, 120))
    if kind == "true":
        return draw(st.sampled_from(("true", "false")))
    if kind == "turn":
        return f"turn {op} {draw(st.integers(1, max_turn + 1))}"
    if kind == "metric":
        return f"{draw(st.sampled_from(n.metrics))} {op} {num}"
    if kind == "sum":
        a, b = draw(st.sampled_from(n.metrics)), draw(st.sampled_from(n.metrics))
        return f"{a} - {b} {op} {num}"
    if kind == "flag":
        return f"flags.{draw(st.sampled_from(n.flags))}"
    if kind == "chose":
        return f"chose({draw(st.sampled_from(n.decisions))})"
    if kind == "chose_option":
        d, o = draw(st.sampled_from(n.choice_options))
        return f"chose({d}.{o})"
    return f"informed({draw(st.sampled_from(n.stakeholders))})"


def _condition_text(draw: st.DrawFn, n: _Names, max_turn: int, depth: int = 0) -> str:
    shape = draw(st.sampled_from(("atom", "atom", "not", "and", "or") if depth < 2 else ("atom",)))
    if shape == "atom":
        return _atom(draw, n, max_turn)
    if shape == "not":
        return f"not ({_condition_text(draw, n, max_turn, depth + 1)})"
    left = _condition_text(draw, n, max_turn, depth + 1)
    right = _condition_text(draw, n, max_turn, depth + 1)
    return f"({left}) {shape} ({right})"


def _condition(draw: st.DrawFn, n: _Names, max_turn: int) -> Condition:
    return Condition.parse(_condition_text(draw, n, max_turn))


def _maybe_condition(
    draw: st.DrawFn, n: _Names, max_turn: int, p_none: int = 2
) -> Condition | None:
    """None with probability p_none/(p_none+1)."""
    if draw(st.integers(0, p_none)) != 0:
        return None
    return _condition(draw, n, max_turn)


def _effects(draw: st.DrawFn, n: _Names) -> dict[str, float]:
    keys = _sub(draw, n.metrics, max_size=2)
    return {k: draw(st.integers(-40, 40) | st.sampled_from((0.5, -2.5))) for k in keys}


@st.composite
def conditions(draw: st.DrawFn, metrics: Sequence[str] = ("m0",), flags: Sequence[str] = ("f0",)):
    """A standalone condition over the given metric and flag ids."""
    n = _Names()
    n.metrics, n.flags = list(metrics), list(flags)
    return _condition(draw, n, 5)


@st.composite
def scenarios(
    draw: st.DrawFn,
    *,
    max_turns: int = 4,
    max_decisions: int = 3,
    max_injects: int = 2,
    max_events: int = 2,
    max_stakeholders: int = 3,
    max_statements: int = 5,
    time_limits: Sequence[float] = (5, 20, 60, 90),
) -> Scenario:
    """A valid scenario (see the module docstring)."""
    n = _Names()
    listed = draw(
        st.none() | st.lists(st.sampled_from(ROLE_IDS), min_size=1, max_size=5, unique=True)
    )
    in_play = ROLE_IDS if listed is None else tuple(r for r in ROLE_IDS if r in listed)
    roles = (
        None
        if listed is None
        else tuple(Role(r, draw(st.sampled_from(("", "You lead.")))) for r in listed)
    )

    metrics = []
    for i in range(draw(st.integers(1, 3))):
        start = draw(st.integers(-10, 110))
        lo = draw(st.none() | st.integers(-50, start))
        hi = draw(st.none() | st.integers(start, 200))
        metrics.append(
            Metric(
                id=f"m{i}",
                start=start,
                label=draw(st.sampled_from(("", "Public trust", "Coût (k€)"))),
                min=lo,
                max=hi,
                good=draw(st.sampled_from(("high", "low"))),
            )
        )
    n.metrics = [m.id for m in metrics]
    n.flags = [f"f{i}" for i in range(draw(st.integers(0, 3)))]
    n.stakeholders = [f"s{i}" for i in range(draw(st.integers(1, max_stakeholders)))]
    statement_ids = [f"st-{i}" for i in range(draw(st.integers(1, max_statements)))]
    n_turns = draw(st.integers(1, max_turns))

    # decision skeleton first, so that conditions anywhere can name decisions and options
    skeleton: list[list[tuple[str, str, str, tuple[str, ...]]]] = []
    k = 0
    for _ in range(n_turns):
        row = []
        for _ in range(draw(st.integers(0, max_decisions))):
            did = f"d{k}"
            k += 1
            role = draw(st.sampled_from(in_play))
            if draw(st.integers(0, 3)) == 0:
                items = tuple(f"x{j}" for j in range(draw(st.integers(2, 4))))
                row.append((did, role, "rank", items))
            else:
                opts = tuple("abcd"[: draw(st.integers(1, 4))])
                row.append((did, role, "choice", opts))
                n.choice_options += [(did, o) for o in opts]
            n.decisions.append(did)
        skeleton.append(row)

    key_points = list(KEY_POINTS[: draw(st.integers(1, len(KEY_POINTS)))])
    stakeholders = tuple(
        Stakeholder(
            id=sid,
            name=draw(texts),
            owner=draw(
                st.none() | st.lists(st.sampled_from(in_play), max_size=3, unique=True).map(tuple)
            ),
            inform_by=draw(st.none() | st.integers(1, n_turns)),
            expects=_sub(draw, key_points, max_size=3),
            weight=draw(st.sampled_from((1, 1, 2, 3, 0.5))),
            required_when=_maybe_condition(draw, n, n_turns, 3),
            may_hear=_sub(draw, RISKS, max_size=2),
            public=draw(st.booleans()),
        )
        for sid in n.stakeholders
    )
    statements = tuple(
        Statement(
            id=sid,
            text=draw(texts),
            covers=_sub(draw, key_points, max_size=2),
            risk=draw(st.none() | st.none() | st.sampled_from(RISKS)),
            effects=_effects(draw, n),
            set_=_sub(draw, n.flags, max_size=1),
            clear=_sub(draw, n.flags, max_size=1),
            contradicts=_sub(draw, [x for x in statement_ids if x != sid], max_size=1),
            when=_maybe_condition(draw, n, n_turns, 3),
            cleared_for=_sub(draw, n.stakeholders, max_size=1),
        )
        for sid in statement_ids
    )

    inject_no = iter(range(10_000))

    def inject(when_required: bool = False, prefix: str = "i") -> Inject:
        return Inject(
            id=f"{prefix}{next(inject_no)}",
            channel=draw(st.sampled_from(INJECT_CHANNELS)),
            headline=draw(texts),
            from_=draw(st.sampled_from(("", "SOC on-call"))),
            to=draw(
                st.none()
                | st.lists(st.sampled_from(in_play), min_size=1, max_size=3, unique=True).map(tuple)
            ),
            body=draw(texts),
            when=_condition(draw, n, n_turns)
            if when_required
            else _maybe_condition(draw, n, n_turns),
            effects=_effects(draw, n),
            set_=_sub(draw, n.flags, max_size=1),
            clear=_sub(draw, n.flags, max_size=1),
        )

    turns = []
    for t, row in enumerate(skeleton, 1):
        decisions = []
        for did, role, kind, ids in row:
            limit = float(draw(st.sampled_from(time_limits)))
            when = _maybe_condition(draw, n, n_turns, 3)
            if kind == "rank":
                expected = tuple(draw(st.permutations(ids)))
                decisions.append(
                    Decision(
                        id=did,
                        role=role,
                        prompt=draw(texts),
                        kind="rank",
                        time_limit=limit,
                        when=when,
                        items=tuple(RankItem(i, draw(texts)) for i in ids),
                        expected=expected,
                        weight=draw(st.sampled_from((1, 1, 2, 0.5))),
                        speed_counts=draw(st.sampled_from((True, True, False))),
                    )
                )
            else:
                options = tuple(
                    Option(
                        id=o,
                        text=draw(texts),
                        rating=draw(st.sampled_from(RATINGS)),
                        why=draw(st.sampled_from(("", "Because."))),
                        effects=_effects(draw, n),
                        set_=_sub(draw, n.flags, max_size=1),
                        clear=_sub(draw, n.flags, max_size=1),
                    )
                    for o in ids
                )
                decisions.append(
                    Decision(
                        id=did,
                        role=role,
                        prompt=draw(texts),
                        time_limit=limit,
                        when=when,
                        options=options,
                        on_timeout=draw(st.none() | st.sampled_from(ids)),
                        weight=draw(st.sampled_from((1, 1, 3, 0.5))),
                        speed_counts=draw(st.sampled_from((True, True, False))),
                    )
                )
        turns.append(
            Turn(
                label=f"T+{t - 1}h",
                phase=draw(st.sampled_from(PHASES)),
                injects=tuple(inject() for _ in range(draw(st.integers(0, max_injects)))),
                decisions=tuple(decisions),
            )
        )
    events = tuple(inject(True, "e") for _ in range(draw(st.integers(0, max_events))))
    n_endings = draw(st.integers(1, 3))
    endings = tuple(
        Ending(
            id=f"end{i}",
            title=draw(texts),
            text=draw(texts),
            when=None if i == n_endings - 1 else _condition(draw, n, n_turns),
        )
        for i in range(n_endings)
    )
    measurable = n.decisions + n.stakeholders
    objectives = tuple(
        Objective(id=f"o{i}", text=draw(texts), measures=_sub(draw, measurable, min_size=1))
        for i in range(draw(st.integers(0, 2)))
    )
    return Scenario(
        format=FORMAT_V1,
        id=draw(st.sampled_from(("generated", "gen-2", "x"))),
        title=draw(texts),
        type=draw(st.sampled_from(("data_breach", "fire", "other"))),
        summary=draw(texts),
        briefing=draw(texts),
        metrics=tuple(metrics),
        stakeholders=stakeholders,
        statements=statements,
        turns=tuple(turns),
        endings=endings,
        difficulty=draw(st.sampled_from(("intro", "standard", "advanced"))),
        roles=roles,
        flags=tuple(n.flags),
        events=events,
        objectives=objectives,
        scoring=Scoring(draw(st.sampled_from(WEIGHTS))),
        channels=tuple(
            Channel(c, _condition(draw, n, n_turns), draw(st.sampled_from(("", "It is down."))))
            for c in _sub(draw, MESSAGE_CHANNELS, max_size=1)
        ),
        content_hash="sha256:generated",
    )
