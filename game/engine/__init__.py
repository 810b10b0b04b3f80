"""The engine: a pure, replayable game session over a loaded scenario.

Nothing here imports pygame, reads the machine's clock or uses global randomness; front-ends
(the window, the terminal, bots) read a :class:`Session` and send it actions.

The names below load their module on first use, so importing one small part (`game.engine.seats`)
does not import the whole engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.lazyexports import lazy_exports

if TYPE_CHECKING:  # the same names, eagerly, for type checkers and editors
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
    from game.engine.clock import Clock, ManualClock
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

#: Public name -> the module defining it; imported on first use (PEP 562).
_EXPORTS = {
    "Action": "game.engine.actions",
    "ActionError": "game.engine.errors",
    "AddInject": "game.engine.actions",
    "Advance": "game.engine.actions",
    "Answer": "game.engine.actions",
    "AnswerRecord": "game.engine.records",
    "Clock": "game.engine.clock",
    "EndTurn": "game.engine.actions",
    "EventRecord": "game.engine.records",
    "ExtendTimer": "game.engine.actions",
    "LogEntry": "game.engine.records",
    "ManualClock": "game.engine.clock",
    "MessageRecord": "game.engine.records",
    "POLICIES": "game.engine.seats",
    "Pause": "game.engine.actions",
    "PendingDecision": "game.engine.records",
    "Present": "game.engine.actions",
    "Rank": "game.engine.actions",
    "Resume": "game.engine.actions",
    "SaveError": "game.engine.errors",
    "ScenarioChanged": "game.engine.errors",
    "Seat": "game.engine.seats",
    "SeatError": "game.engine.errors",
    "SendMessage": "game.engine.actions",
    "Session": "game.engine.session",
    "ShownInject": "game.engine.records",
    "SkipDecision": "game.engine.actions",
    "StakeholderStatus": "game.engine.records",
    "autosave_path": "game.engine.saves",
    "data_dir": "game.engine.saves",
}

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

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
