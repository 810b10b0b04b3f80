"""The engine: a pure, replayable game session over a loaded scenario.

Nothing here imports pygame, reads the machine's clock or uses global randomness; front-ends
(the window, the terminal, bots) read a :class:`Session` and send it actions.
"""

from game.engine.actions import (
    Action,
    AddInject,
    Advance,
    Answer,
    EndTurn,
    ExtendTimer,
    Pause,
    Present,
    Rank,
    Resume,
    SendMessage,
    SkipDecision,
)
from game.engine.clock import Clock, ManualClock, MonotonicClock
from game.engine.errors import ActionError, SaveError, ScenarioChanged, SeatError
from game.engine.records import (
    AnswerRecord,
    EventRecord,
    LogEntry,
    MessageRecord,
    PendingDecision,
    ShownInject,
    StakeholderStatus,
)
from game.engine.saves import autosave_path, data_dir
from game.engine.seats import POLICIES, Seat
from game.engine.session import Session

__all__ = [
    "POLICIES",
    "Action",
    "ActionError",
    "AddInject",
    "Advance",
    "Answer",
    "AnswerRecord",
    "Clock",
    "EndTurn",
    "EventRecord",
    "ExtendTimer",
    "LogEntry",
    "ManualClock",
    "MessageRecord",
    "MonotonicClock",
    "Pause",
    "PendingDecision",
    "Present",
    "Rank",
    "Resume",
    "SaveError",
    "ScenarioChanged",
    "Seat",
    "SeatError",
    "SendMessage",
    "Session",
    "ShownInject",
    "SkipDecision",
    "StakeholderStatus",
    "autosave_path",
    "data_dir",
]
