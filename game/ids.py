"""Names the command line checks before anything heavy is imported: the five role ids and the
bot policies.  ``game.scenario.model`` and ``game.engine.seats`` use these very tuples; they live
here so that ``crisis-sim`` can build its parser (and open the window) without importing attrs,
the scenario model or the engine (``bench/startup.py``)."""

from __future__ import annotations

#: The five crisis-team roles, in the order the game lists them.
ROLE_IDS: tuple[str, ...] = (
    "crisis_manager",
    "infosec_analyst",
    "emergency_director",
    "pr_specialist",
    "reputation_head",
)

#: Bot policies, from best to worst play; ``timeout`` never answers; ``longest`` and ``blanket``
#: game the scoring (see ``game/engine/bots.py``).
POLICIES: tuple[str, ...] = ("best", "good", "random", "worst", "timeout", "longest", "blanket")
