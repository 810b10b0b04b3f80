"""What scoring reads from a game: answers, messages, seats and which stakeholders were required.

Scoring never looks at a live :class:`~game.engine.session.Session`; it reads this small, frozen
summary, which can be taken from a session (:func:`evidence_from_session`) or rebuilt from a saved
result record.  Keeping the input this narrow is also what lets the property tests generate
games directly and check that the formulas are monotonic.
"""

from __future__ import annotations

from typing import Any

import attrs

from game.engine.records import AnswerRecord, MessageRecord


@attrs.frozen
class Evidence:
    """Everything the score depends on.

    ``roles`` are the roles in play (canonical order); ``seats`` maps each role to the label it
    is scored under as a player (a name, or ``bot:<policy>``); ``required`` holds the stakeholders
    whose ``required_when`` held at the end of their deadline turn (all of them when it is
    absent).
    """

    roles: tuple[str, ...]
    answers: tuple[AnswerRecord, ...]
    messages: tuple[MessageRecord, ...]
    required: frozenset[str]
    seats: tuple[tuple[str, str], ...] = ()

    @property
    def players(self) -> dict[str, tuple[str, ...]]:
        """Player label -> the roles they held, in the order of ``roles``."""
        out: dict[str, list[str]] = {}
        label_of = dict(self.seats)
        for role in self.roles:
            label = label_of.get(role)
            if label is not None:
                out.setdefault(label, []).append(role)
        return {label: tuple(roles) for label, roles in out.items()}


def evidence_from_session(session: Any) -> Evidence:
    """Take the evidence from a :class:`~game.engine.session.Session` (finished or not).

    Reads ``scenario``, ``seats``, ``answers``, ``messages`` and ``stakeholder_status()``, whose
    ``required_now`` is frozen at the end of each deadline turn, which is what the format asks
    for.  For a game still running, a stakeholder whose deadline has not passed counts as
    required when its condition holds now.
    """
    scenario = session.scenario
    seats = session.seats
    seat_list = seats.values() if isinstance(seats, dict) else seats
    required = frozenset(
        st.stakeholder.id for st in session.stakeholder_status() if st.required_now
    )
    return Evidence(
        roles=tuple(scenario.roles_in_play),
        answers=tuple(session.answers),
        messages=tuple(session.messages),
        required=required,
        seats=tuple((seat.role, seat.label) for seat in seat_list),
    )
