"""Who plays each role: a named human player or a bot with a policy."""

from __future__ import annotations

import attrs

from game.ids import POLICIES

__all__ = ["POLICIES", "Seat"]


def _check(seat: Seat, _attr: object, _value: object) -> None:
    if (seat.player is None) == (seat.bot is None):
        raise ValueError(f"seat for {seat.role!r}: give exactly one of player= or bot=")
    if seat.player is not None and (not isinstance(seat.player, str) or not seat.player.strip()):
        raise ValueError(f"seat for {seat.role!r}: the player needs a name")
    if seat.bot is not None and seat.bot not in POLICIES:
        raise ValueError(
            f"seat for {seat.role!r}: unknown bot policy {seat.bot!r} "
            f"(expected one of: {', '.join(POLICIES)})"
        )


@attrs.frozen
class Seat:
    """One role's seat.  Exactly one of ``player`` (a human's name) and ``bot`` (a policy)."""

    role: str
    player: str | None = None
    bot: str | None = attrs.field(default=None, validator=_check)

    @property
    def is_bot(self) -> bool:
        return self.bot is not None

    @property
    def label(self) -> str:
        """How the seat is shown and scored: the player's name, or ``bot:<policy>``."""
        return self.player if self.player is not None else f"bot:{self.bot}"

    def to_json(self) -> dict[str, str]:
        return {"player": self.player} if self.player is not None else {"bot": str(self.bot)}

    @classmethod
    def from_json(cls, role: str, data: object) -> Seat:
        """Inverse of :meth:`to_json`; raises ``ValueError`` with a plain message."""
        if not isinstance(data, dict) or set(data) not in ({"player"}, {"bot"}):
            raise ValueError(f'seat for {role!r} must be {{"player": name}} or {{"bot": policy}}')
        value = next(iter(data.values()))
        if not isinstance(value, str):
            raise ValueError(f"seat for {role!r}: expected text, found {value!r}")
        return cls(role, **data)
