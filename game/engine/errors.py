"""Every error the engine raises on purpose, each with a message a player or facilitator can read.

``Session.apply`` raises only :class:`ActionError` subclasses: the action was refused and the
session is unchanged by it.  Loading a save raises only :class:`SaveError` subclasses.
"""

from __future__ import annotations


class EngineError(Exception):
    """Base of the engine's own errors; ``str(err)`` is the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- refused actions ------------------------------------------------------------------------


class ActionError(EngineError):
    """An action was refused; nothing changed because of it."""


class GameOver(ActionError):
    """The game has ended; no action is accepted any more."""


class GamePaused(ActionError):
    """Players cannot act while the game is paused (the facilitator still can)."""


class PauseStateError(ActionError):
    """Pause while already paused, or resume while running."""


class InvalidAction(ActionError):
    """Not an action, or an action whose fields have the wrong type."""


class UnknownRole(ActionError):
    """The role does not exist or is not in play in this scenario."""


class WrongRole(ActionError):
    """The decision belongs to another role."""


class TurnAlreadyEnded(ActionError):
    """The role has already ended this turn."""


class DecisionsStillPending(ActionError):
    """A role cannot end its turn while it still has decisions to answer."""


class UnknownDecision(ActionError):
    """No decision with this id in the scenario."""


class DecisionNotPending(ActionError):
    """The decision exists but cannot be answered now (other turn, answered, timed out...)."""


class NotPresented(ActionError):
    """The decision has not been shown to its player yet (send ``Present(role)`` first)."""


class WrongDecisionKind(ActionError):
    """``Answer`` on a rank decision or ``Rank`` on a choice decision."""


class UnknownOption(ActionError):
    """The option is not one of the decision's options."""


class InvalidOrder(ActionError):
    """A rank order that is not a permutation of the decision's items."""


class InvalidMessage(ActionError):
    """A message with no stakeholders or statements, a duplicate, or an unknown channel."""


class UnknownStakeholder(InvalidMessage):
    """No stakeholder with this id."""


class UnknownStatement(InvalidMessage):
    """No statement with this id."""


class StatementNotUsable(InvalidMessage):
    """The statement's ``when`` condition does not hold now."""


class InvalidTimerExtension(ActionError):
    """Extending a timer by a non-positive, non-finite or absurd number of seconds."""


class InvalidInject(ActionError):
    """An ad-hoc inject without a headline, with an unknown channel or recipients."""


# --- saves and logs -------------------------------------------------------------------------


class SaveError(EngineError):
    """A save or log cannot be read or resumed: missing, corrupt, or of an unknown version."""


class ScenarioChanged(SaveError):
    """The scenario file changed since the game was saved; resuming would misplay it."""


class SeatError(EngineError, ValueError):
    """The seats given to a new session do not match the roles in play."""
