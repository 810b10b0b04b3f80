"""Names of the scenario format's ids in the reader's language, for terminal mode.

Ids (``crisis_manager``, ``press_release``, ``response``) are what authors write and scripts
type; people read names.  Each table is marked with ``N_`` so extraction finds it, and the name
is translated when shown; an id without a name (a newer format, a typo in a save) is shown as
it is rather than lost.
"""

from __future__ import annotations

from game.i18n import N_, _, pgettext
from game.scenario.model import ROLE_TITLES

PHASES: dict[str, str] = {
    "preparation": N_("preparation"),
    "response": N_("response"),
    "recovery": N_("recovery"),
}

CHANNELS: dict[str, str] = {
    "email": N_("email"),
    "phone": N_("phone"),
    "news": N_("news"),
    "social": N_("social media"),
    "alarm": N_("alarm"),
    "radio": N_("radio"),
    "meeting": N_("meeting"),
    "report": N_("report"),
    "press_release": N_("press release"),
    "letter": N_("letter"),
}

SCENARIO_TYPES: dict[str, str] = {
    "data_breach": N_("data breach"),
    "product_recall": N_("product recall"),
    "fire": N_("fire"),
    "reputation": N_("reputation"),
    "natural_disaster": N_("natural disaster"),
    "workplace_violence": N_("workplace violence"),
    "other": N_("other"),
}


def role_title(role: str) -> str:
    """``Crisis Manager`` / ``危機經理``; an unknown id as it is."""
    title = ROLE_TITLES.get(role)
    return _(title) if title else role


def phase(name: str) -> str:
    found = PHASES.get(name)
    return _(found) if found else name


def channel(name: str) -> str:
    found = CHANNELS.get(name)
    return _(found) if found else name


def scenario_type(name: str) -> str:
    found = SCENARIO_TYPES.get(name)
    return _(found) if found else name.replace("_", " ")


def difficulty(name: str) -> str:
    # TRANSLATORS: a scenario's difficulty level, in the scenario list.
    names = {
        "intro": pgettext("difficulty", "intro"),
        "standard": pgettext("difficulty", "standard"),
        "advanced": pgettext("difficulty", "advanced"),
    }
    return names.get(name, name)
