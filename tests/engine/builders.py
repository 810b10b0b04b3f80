"""Compact builders for Scenario objects in engine tests (the loader is not needed here)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.scenario.conditions import Condition
from game.scenario.model import (
    FORMAT_V1,
    Decision,
    Ending,
    Inject,
    Metric,
    Option,
    RankItem,
    Role,
    Scenario,
    Stakeholder,
    Statement,
    Turn,
)


def cond(source: str | None) -> Condition | None:
    return None if source is None else Condition.parse(source)


def metric(id: str, start: float = 50, lo: float | None = 0, hi: float | None = 100) -> Metric:
    return Metric(id=id, start=start, min=lo, max=hi)


def option(
    id: str,
    rating: str = "good",
    effects: Mapping[str, float] | None = None,
    set_: Iterable[str] = (),
    clear: Iterable[str] = (),
) -> Option:
    return Option(
        id=id,
        text=f"Option {id}",
        rating=rating,  # type: ignore[arg-type]
        effects=dict(effects or {}),
        set_=tuple(set_),
        clear=tuple(clear),
    )


def choice(
    id: str,
    role: str,
    options: Iterable[Option],
    *,
    time_limit: float = 60,
    on_timeout: str | None = None,
    when: str | None = None,
) -> Decision:
    return Decision(
        id=id,
        role=role,
        prompt=f"Decide {id}",
        time_limit=time_limit,
        options=tuple(options),
        on_timeout=on_timeout,
        when=cond(when),
    )


def rank(
    id: str,
    role: str,
    items: Iterable[str],
    expected: Iterable[str] | None = None,
    *,
    time_limit: float = 60,
    when: str | None = None,
) -> Decision:
    items = tuple(items)
    return Decision(
        id=id,
        role=role,
        prompt=f"Rank {id}",
        kind="rank",
        time_limit=time_limit,
        items=tuple(RankItem(i, f"Item {i}") for i in items),
        expected=tuple(expected) if expected is not None else items,
        when=cond(when),
    )


def inject(
    id: str,
    *,
    to: Iterable[str] | None = None,
    when: str | None = None,
    effects: Mapping[str, float] | None = None,
    set_: Iterable[str] = (),
    clear: Iterable[str] = (),
    channel: str = "email",
) -> Inject:
    return Inject(
        id=id,
        channel=channel,  # type: ignore[arg-type]
        headline=f"Headline {id}",
        body=f"Body of {id}",
        to=tuple(to) if to is not None else None,
        when=cond(when),
        effects=dict(effects or {}),
        set_=tuple(set_),
        clear=tuple(clear),
    )


def turn(
    label: str = "T", injects: Iterable[Inject] = (), decisions: Iterable[Decision] = ()
) -> Turn:
    return Turn(label=label, injects=tuple(injects), decisions=tuple(decisions))


def stakeholder(
    id: str,
    *,
    owner: Iterable[str] | None = None,
    inform_by: int | None = None,
    expects: Iterable[str] = (),
    weight: float = 1,
    required_when: str | None = None,
) -> Stakeholder:
    return Stakeholder(
        id=id,
        name=f"Stakeholder {id}",
        owner=tuple(owner) if owner is not None else None,
        inform_by=inform_by,
        expects=tuple(expects),
        weight=weight,
        required_when=cond(required_when),
    )


def statement(
    id: str,
    covers: Iterable[str] = (),
    *,
    risk: str | None = None,
    when: str | None = None,
    effects: Mapping[str, float] | None = None,
    set_: Iterable[str] = (),
    contradicts: Iterable[str] = (),
) -> Statement:
    return Statement(
        id=id,
        text=f"Statement {id}",
        covers=tuple(covers),
        risk=risk,  # type: ignore[arg-type]
        when=cond(when),
        effects=dict(effects or {}),
        set_=tuple(set_),
        contradicts=tuple(contradicts),
    )


def ending(id: str, when: str | None = None) -> Ending:
    return Ending(id=id, title=f"Ending {id}", text=f"The {id} ending.", when=cond(when))


def scenario(
    turns: Iterable[Turn],
    *,
    roles: Iterable[str] | None = ("crisis_manager", "infosec_analyst"),
    metrics: Iterable[Metric] = (metric("trust", 50),),
    flags: Iterable[str] = (),
    stakeholders: Iterable[Stakeholder] = (),
    statements: Iterable[Statement] = (),
    events: Iterable[Inject] = (),
    endings: Iterable[Ending] = (ending("fallback"),),
    id: str = "test",
    content_hash: str = "hash-1",
) -> Scenario:
    return Scenario(
        format=FORMAT_V1,
        id=id,
        title=f"Scenario {id}",
        type="other",
        summary="A test scenario.",
        briefing="Briefing.",
        metrics=tuple(metrics),
        stakeholders=tuple(stakeholders),
        statements=tuple(statements),
        turns=tuple(turns),
        endings=tuple(endings),
        roles=None if roles is None else tuple(Role(r) for r in roles),
        flags=tuple(flags),
        events=tuple(events),
        content_hash=content_hash,
    )


CM, IA = "crisis_manager", "infosec_analyst"


def ransomware() -> Scenario:
    """A small scenario shaped like the format's example, used by many engine tests."""
    return scenario(
        id="ransomware",
        metrics=(
            metric("containment", 0),
            metric("public_trust", 70),
            metric("cost", 0, hi=None),
        ),
        flags=("segments_isolated", "personal_data_exposed", "services_restored"),
        stakeholders=(
            stakeholder(
                "regulator",
                owner=[CM],
                inform_by=2,
                expects=["facts", "actions"],
                weight=3,
                required_when="flags.personal_data_exposed",
            ),
            stakeholder("employees", owner=[CM, "pr_specialist"], inform_by=1, expects=["facts"]),
            stakeholder("press"),
        ),
        statements=(
            statement("ack-incident", ["facts"]),
            statement("our-actions", ["actions"]),
            statement("blame-vendor", risk="blame", effects={"public_trust": -5}),
            statement("no-comment", risk="no_comment"),
            statement("restored", ["actions"], when="flags.services_restored"),
        ),
        turns=(
            turn(
                "Mon 06:10",
                injects=[
                    inject("soc-alert", to=[IA], effects={"public_trust": -2}),
                    inject("all-hands"),
                    inject("hidden", when="flags.segments_isolated"),
                ],
                decisions=[
                    choice(
                        "first-containment",
                        IA,
                        [
                            option("isolate", "best", {"containment": 30}, ["segments_isolated"]),
                            option("monitor", "poor", {"containment": 5}),
                            option("reboot", "harmful", {"containment": -10}),
                        ],
                        time_limit=60,
                        on_timeout="reboot",
                    ),
                    rank(
                        "priorities",
                        CM,
                        ["people", "contain", "holding", "restore"],
                        time_limit=45,
                    ),
                ],
            ),
            turn(
                "Mon 08:00",
                injects=[inject("press-call", when="not flags.segments_isolated")],
                decisions=[
                    choice(
                        "restore",
                        IA,
                        [
                            option(
                                "from-backup", "best", {"containment": 40}, ["services_restored"]
                            ),
                            option("pay", "harmful", {"cost": 500, "public_trust": -20}),
                        ],
                        time_limit=90,
                    ),
                    choice(
                        "notify",
                        CM,
                        [option("now", "best"), option("later", "poor")],
                        when="chose(first-containment.reboot)",
                    ),
                ],
            ),
            turn(
                "Mon 12:00",
                decisions=[
                    choice(
                        "review",
                        CM,
                        [option("lessons", "best", {"public_trust": 5}), option("none", "poor")],
                    ),
                ],
            ),
        ),
        events=(
            inject(
                "ransom-leak",
                when="chose(first-containment.reboot) or not flags.segments_isolated",
                effects={"public_trust": -15},
                set_=["personal_data_exposed"],
                channel="news",
            ),
        ),
        endings=(
            ending("contained", "containment >= 70 and public_trust >= 50"),
            ending("damaged"),
        ),
    )
