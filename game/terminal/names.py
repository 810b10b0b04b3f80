"""Names of the scenario format's ids in the reader's language, for terminal mode.

Ids (``crisis_manager``, ``press_release``, ``response``) are what authors write and scripts
type; people read names.  Each table is marked with ``N_`` so extraction finds it, and the name
is translated when shown; an id without a name (a newer format, a typo in a save) is shown as
it is rather than lost.
"""

from __future__ import annotations

from game.i18n import N_, _, pgettext
from game.linebreak import display_width
from game.report import labels
from game.scoring.wording import role_title as role_title  # one wording, re-exported

PHASES: dict[str, str] = {
    "preparation": N_("preparation"),
    "response": N_("response"),
    "recovery": N_("recovery"),
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


#: The score dimensions, as tables and deduction lines name them.
DIMENSIONS: dict[str, str] = {
    "speed": N_("speed"),
    "priorities": N_("priorities"),
    "communication": N_("communication"),
    "total": N_("total"),
}


def dimension(name: str) -> str:
    found = DIMENSIONS.get(name)
    return _(found) if found else name


def rpad(text: str, width: int) -> str:
    """``text`` padded on the right to ``width`` terminal columns (a CJK character is two)."""
    return text + " " * max(0, width - display_width(text))


def lpad(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` terminal columns."""
    return " " * max(0, width - display_width(text)) + text


def center(text: str, width: int) -> str:
    """``text`` centred in ``width`` terminal columns (as ``str.center``, by display width)."""
    room = max(0, width - display_width(text))
    left = room // 2 + (room & width & 1)  # CPython's rounding, so English is unchanged
    return " " * left + text + " " * (room - left)


def phase(name: str) -> str:
    found = PHASES.get(name)
    return _(found) if found else name


def channel(name: str) -> str:
    return labels.channel(name)


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
