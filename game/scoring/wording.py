"""How deductions and strengths are worded for trainees: short quotes, times, lists, roles."""

from __future__ import annotations

import math
from collections.abc import Sequence

from game.scenario.model import ROLE_TITLES

RISK_WORDS: dict[str, str] = {
    "speculation": "speculation",
    "blame": "blame",
    "liability": "admits liability",
    "minimizing": "minimizing",
    "confidential": "confidential",
    "personal_data": "personal data",
    "no_comment": "no comment",
}

#: What to do instead of each kind of risky statement (used in the improvement plan).
RISK_ADVICE: dict[str, str] = {
    "speculation": "State only confirmed facts and say when you will know more; never guess.",
    "blame": "Take ownership of the response; leave fault-finding to the investigation.",
    "liability": "Show care and commitment without admitting legal liability; clear wording "
    "with counsel.",
    "minimizing": "Describe the impact honestly; understating it destroys trust when the "
    "truth comes out.",
    "confidential": "Keep confidential details (negotiations, amounts, evidence) out of "
    "external messages.",
    "personal_data": "Never name victims, patients or staff outside the people who must know; "
    "in public, describe them only in general terms.",
    "no_comment": "Say what you know, what you are doing and when you will update, instead of "
    '"no comment".',
}


def quote(text: str, limit: int = 80) -> str:
    """``text`` in typographic quotes, on one line, cut at a word boundary to ``limit``."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        cut = flat[: limit - 1]
        space = cut.rfind(" ")
        if space > limit // 2:
            cut = cut[:space]
        flat = cut.rstrip(" ,.;:") + "…"
    return f"“{flat}”"


def seconds(value: float) -> str:
    """``48 s``; tenths only below ten seconds (``4.5 s``)."""
    if value < 10 and round(value, 1) != round(value):
        return f"{value:.1f} s"
    return f"{round(value):d} s"


def points(value: float) -> str:
    """``4`` or ``2.5``: whole numbers without decimals, others with one."""
    r = round(value, 1)
    return f"{r:.0f}" if r == round(r) else f"{r:.1f}"


def score(value: float | None, none: str = "—") -> str:
    """A 0–100 score as every front-end shows it (window, terminal, HTML report, history): a
    whole number, halves rounded up (81.2 → ``81``, 80.5 → ``81``); ``none`` when nothing was
    scored.  One rounding everywhere, so a trainee never reads 81 in one place and 81.2 in
    another."""
    if value is None:
        return none
    # first to the one decimal that result files keep, so a live game and the same game read
    # back from its result (history, report) can never round to different numbers
    return str(math.floor(round(value, 1) + 0.5))


#: How each bot policy is named to people (``--bots`` and scripts keep the policy ids).
BOT_NAMES: dict[str, str] = {
    "best": "expert",
    "good": "competent",
    "random": "random",
    "worst": "worst",
    "timeout": "never answers",
    "longest": "longest answer",
    "blanket": "tells everyone everything",
}


def bot_label(policy: str | None) -> str:
    """``Bot (competent)``: the one wording for a bot seat, wherever a seat is shown."""
    return f"Bot ({BOT_NAMES.get(policy or '', policy or '?')})"


def seat_label(player: str | None, bot: str | None) -> str:
    """The player's name, or the bot's label (:func:`bot_label`)."""
    return player if player else bot_label(bot)


def player_label(label: str) -> str:
    """A scored player label (a name, or ``bot:<policy>`` as the scoring keys it) for people."""
    if label.startswith("bot:"):
        return bot_label(label[4:])
    return label


def role_title(role: str) -> str:
    return ROLE_TITLES.get(role, role)


def join(items: Sequence[str], last: str = "and") -> str:
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def turns(n: int) -> str:
    return f"{n} turn" + ("s" if n != 1 else "")


def key_points(ids: Sequence[str]) -> str:
    return join([f"“{k}”" for k in ids])
