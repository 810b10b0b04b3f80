"""The names the reports, sheets and instructor tools give to ids, in the reader's language.

Scenario files, results and the history keep ids (``pr_specialist``, ``press_release``, ``P``);
people read names.  Every name here is marked for extraction with :func:`~game.i18n.N_` and
translated when it is shown, so a report written after ``set_language("zh-Hant")`` names the
roles 危機經理 … and the same code writes English for an English reader.  An id the tables do not
know (a newer scenario format, a hand-edited file) is shown as it is, never dropped.
"""

from __future__ import annotations

from game.i18n import N_, _, pgettext
from game.scoring.rules import HSEEP_MEANING
from game.scoring.wording import RISK_WORDS
from game.scoring.wording import role_title as role_title  # one wording, re-exported

#: Role titles short enough for a chart label or a narrow column.
SHORT_ROLE_TITLES: dict[str, str] = {
    "crisis_manager": N_("Crisis Manager"),
    "infosec_analyst": N_("InfoSec Analyst"),
    "emergency_director": N_("Emergency Director"),
    "pr_specialist": N_("PR Specialist"),
    "reputation_head": N_("Head of Reputation"),
}

SCENARIO_TYPES: dict[str, str] = {
    "data_breach": N_("Data breach"),
    "product_recall": N_("Product recall"),
    "fire": N_("Fire"),
    "reputation": N_("Reputation"),
    "natural_disaster": N_("Natural disaster"),
    "workplace_violence": N_("Workplace violence"),
    "other": N_("Other"),
}

DIFFICULTIES: dict[str, str] = {
    "intro": N_("Introductory"),
    "standard": N_("Standard"),
    "advanced": N_("Advanced"),
}

PHASES: dict[str, str] = {
    "preparation": N_("Preparation"),
    "response": N_("Response"),
    "recovery": N_("Recovery"),
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


def short_role_title(role: str) -> str:
    return _(SHORT_ROLE_TITLES[role]) if role in SHORT_ROLE_TITLES else role_title(role)


#: The HSEEP ratings' meanings as :data:`game.scoring.rules.HSEEP_MEANING` words them, marked
#: here for the catalog too (the table itself is scoring's; ``_`` of a word already translated
#: there returns it unchanged).
_HSEEP_WORDS = (
    N_("Performed without challenges"),
    N_("Performed with some challenges"),
    N_("Performed with major challenges"),
    N_("Unable to be performed"),
)


def rating_meaning(rating: str | None) -> str:
    """What an HSEEP rating letter means (P: performed without challenges …)."""
    if rating in HSEEP_MEANING:
        return _(HSEEP_MEANING[rating])
    return _("Not rated")


def dimension(name: str) -> str:
    """A score dimension's name: speed, priorities, communication, total."""
    names = {
        "speed": pgettext("score", "Speed"),
        "priorities": pgettext("score", "Priorities"),
        "communication": pgettext("score", "Communication"),
        "total": pgettext("score", "Total"),
    }
    return names.get(name, name)


def area(name: str) -> str:
    """A score dimension named inside a sentence, lower case in English ("communication:
    Regulator deadline missed in 3 of 4 games")."""
    names = {
        "speed": pgettext("area", "speed"),
        "priorities": pgettext("area", "priorities"),
        "communication": pgettext("area", "communication"),
        "total": pgettext("area", "total"),
    }
    return names.get(name, name)


def _of(table: dict[str, str], key: str) -> str:
    return _(table[key]) if key in table else key.replace("_", " ")


def scenario_type(kind: str) -> str:
    return _of(SCENARIO_TYPES, kind)


def difficulty(level: str) -> str:
    return _of(DIFFICULTIES, level)


def phase(name: str) -> str:
    return _of(PHASES, name)


def channel(name: str) -> str:
    return _of(CHANNELS, name)


def risk(name: str) -> str:
    return RISK_WORDS.get(name, name)
