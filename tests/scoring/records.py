"""Compact builders of the records scoring reads (answers, messages, evidence)."""

from __future__ import annotations

from collections.abc import Iterable

from game.engine.records import AnswerRecord, MessageRecord
from game.scenario.model import Scenario
from game.scoring import Evidence


def answer(
    decision: str,
    role: str,
    *,
    option: str | None = None,
    order: Iterable[str] | None = None,
    elapsed: float | None = 5.0,
    time_limit: float = 60.0,
    turn: int = 1,
    timed_out: bool = False,
    skipped: bool = False,
    applied_option: str | None = None,
) -> AnswerRecord:
    answered = not (timed_out or skipped)
    return AnswerRecord(
        decision=decision,
        role=role,
        turn=turn,
        option=option if answered else None,
        order=tuple(order) if order is not None and answered else None,
        shown_at=0.0,
        answered_at=elapsed if answered else None,
        resolved_at=(elapsed or 0.0) if answered else time_limit,
        time_limit=time_limit,
        elapsed=elapsed if answered else None,
        timed_out=timed_out,
        skipped=skipped,
        applied_option=applied_option
        if applied_option is not None
        else (option if answered else None),
    )


def timeout(
    decision: str, role: str, *, applied: str | None = None, time_limit: float = 60.0, turn: int = 1
) -> AnswerRecord:
    return answer(
        decision,
        role,
        timed_out=True,
        applied_option=applied,
        time_limit=time_limit,
        turn=turn,
        elapsed=None,
    )


def message(
    role: str,
    to: Iterable[str],
    says: Iterable[str],
    *,
    turn: int = 1,
    channel: str = "email",
    delivered: bool = True,
) -> MessageRecord:
    return MessageRecord(role, tuple(to), channel, tuple(says), turn, float(turn), delivered)


def evidence(
    sc: Scenario,
    answers: Iterable[AnswerRecord] = (),
    messages: Iterable[MessageRecord] = (),
    *,
    required: Iterable[str] | None = None,
    players: dict[str, str] | None = None,
) -> Evidence:
    roles = sc.roles_in_play
    req = (
        frozenset(s.id for s in sc.stakeholders if s.required_when is None)
        if required is None
        else frozenset(required)
    )
    labels = players or {r: f"Player {i + 1}" for i, r in enumerate(roles)}
    return Evidence(
        roles=roles,
        answers=tuple(answers),
        messages=tuple(messages),
        required=req,
        seats=tuple((r, labels[r]) for r in roles),
    )
