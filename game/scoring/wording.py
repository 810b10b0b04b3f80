"""How deductions, strengths and debrief lines are worded: short quotes, times, lists, roles.

Everything here makes words at the moment they are shown, in the reader's language (see
:mod:`game.i18n`): scoring itself keeps ids, numbers and the scenario's raw text, and the
sentences are made by :mod:`game.scoring.explain` from them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence

from game.i18n import N_, _, ngettext, pgettext
from game.linebreak import char_width, display_width
from game.scenario.model import ROLE_TITLES


class Words(Mapping[str, str]):
    """A table of English words by id, read in the current language.

    The table is a module constant (it is built before a language is chosen), so its values
    are marked with ``N_`` and translated on every read: ``RISK_WORDS.get(risk, risk)`` is in
    the reader's language wherever it is called.
    """

    def __init__(self, words: dict[str, str]) -> None:
        self._words = words

    def __getitem__(self, key: str) -> str:
        return _(self._words[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def english(self, key: str, default: str = "") -> str:
        """The untranslated word (for ids in logs, never for people)."""
        return self._words.get(key, default)


RISK_WORDS = Words(
    {
        # TRANSLATORS: kinds of risky statement, shown in brackets after the quoted statement
        "speculation": N_("speculation"),
        "blame": N_("blame"),
        "liability": N_("admits liability"),
        "minimizing": N_("minimizing"),
        "confidential": N_("confidential"),
        "personal_data": N_("personal data"),
        "no_comment": N_("no comment"),
    }
)

#: What to do instead of each kind of risky statement (used in the improvement plan).
RISK_ADVICE = Words(
    {
        "speculation": N_(
            "State only confirmed facts and say when you will know more; never guess."
        ),
        "blame": N_("Take ownership of the response; leave fault-finding to the investigation."),
        "liability": N_(
            "Show care and commitment without admitting legal liability; clear wording "
            "with counsel."
        ),
        "minimizing": N_(
            "Describe the impact honestly; understating it destroys trust when the truth comes out."
        ),
        "confidential": N_(
            "Keep confidential details (negotiations, amounts, evidence) out of external messages."
        ),
        "personal_data": N_(
            "Never name victims, patients or staff outside the people who must know; "
            "in public, describe them only in general terms."
        ),
        "no_comment": N_(
            "Say what you know, what you are doing and when you will update, instead of "
            '"no comment".'
        ),
    }
)

#: Option ratings as a trainee reads them, in brackets after the chosen option.
RATING_WORDS = Words(
    {
        # TRANSLATORS: how good a chosen option was, shown in brackets after it
        "best": N_("best"),
        "good": N_("good"),
        "poor": N_("poor"),
        "harmful": N_("harmful"),
    }
)

#: Message channels in running text ("the message over {channel} ...").
CHANNEL_WORDS = Words(
    {
        # TRANSLATORS: message channels inside a sentence (lower case in English)
        "email": N_("email"),
        "phone": N_("phone"),
        "press_release": N_("press release"),
        "social": N_("social media"),
        "meeting": N_("meeting"),
        "letter": N_("letter"),
    }
)

#: The closing characters a cut quote loses before its ellipsis.
_CUT_PUNCTUATION = " ,.;:，。；：、"


def channel_word(channel: str) -> str:
    """A message channel in running text: ``press release``; an unknown id as it is, with
    spaces for underscores."""
    return CHANNEL_WORDS[channel] if channel in CHANNEL_WORDS else channel.replace("_", " ")


def quote(text: str, limit: int = 80) -> str:
    """``text`` in quotes, on one line, cut to ``limit`` display columns (a CJK character
    counts two): at a word boundary in the second half when there is one, else between
    characters.  Called when the quote is shown, never while scoring."""
    flat = " ".join(text.split())
    if display_width(flat) > limit:
        flat = _cut(flat, limit)
    # TRANSLATORS: a quoted statement or option; 「{text}」 in Chinese
    return _("“{text}”").format(text=flat)


def _cut(flat: str, limit: int) -> str:
    room = limit - 1  # the ellipsis takes one column
    used = end = 0
    for i, ch in enumerate(flat):
        w = char_width(ch)
        if used + w > room:
            break
        used += w
        end = i + 1
    cut = flat[:end]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(_CUT_PUNCTUATION) + "…"


def seconds(value: float) -> str:
    """``48 s``; tenths only below ten seconds (``4.5 s``)."""
    tenths = value < 10 and round(value, 1) != round(value)
    n = f"{value:.1f}" if tenths else f"{round(value):d}"
    # TRANSLATORS: a duration in seconds: 48 s
    return _("{n} s").format(n=n)


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
BOT_NAMES = Words(
    {
        # TRANSLATORS: bot playing styles, shown as "Bot (expert)"
        "best": N_("expert"),
        "good": N_("competent"),
        "random": N_("random"),
        "worst": N_("worst"),
        "timeout": N_("never answers"),
        "longest": N_("longest answer"),
        "blanket": N_("tells everyone everything"),
    }
)


def bot_label(policy: str | None) -> str:
    """``Bot (competent)``: the one wording for a bot seat, wherever a seat is shown."""
    style = BOT_NAMES.get(policy or "", policy or "?")
    # TRANSLATORS: a seat played by the computer, with its playing style
    return _("Bot ({style})").format(style=style)


def seat_label(player: str | None, bot: str | None) -> str:
    """The player's name, or the bot's label (:func:`bot_label`)."""
    return player if player else bot_label(bot)


def player_label(label: str) -> str:
    """A scored player label (a name, or ``bot:<policy>`` as the scoring keys it) for people."""
    if label.startswith("bot:"):
        return bot_label(label[4:])
    return label


def role_title(role: str) -> str:
    """A role's title in the reader's language (an unknown role id as it is)."""
    title = ROLE_TITLES.get(role)
    return _(title) if title is not None else role


def join(items: Sequence[str], last: str = "and") -> str:
    """``a, b and c`` (``last="or"``: ``a, b or c``) in the reader's language."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    # TRANSLATORS: between the items of a list but the last two: "、" in Chinese
    head = pgettext("list", ", ").join(items[:-1])
    if last == "or":
        # TRANSLATORS: the last two items of a list of alternatives
        return _("{first} or {last}").format(first=head, last=items[-1])
    # TRANSLATORS: the last two items of a list
    return _("{first} and {last}").format(first=head, last=items[-1])


def turns(n: int) -> str:
    """``3 turns``."""
    return ngettext("{n} turn", "{n} turns", n).format(n=n)


def key_points(ids: Sequence[str]) -> str:
    """Key point ids in quotes, as a list."""
    # TRANSLATORS: a key point's id in quotes; 「{text}」 in Chinese
    return join([_("“{text}”").format(text=k) for k in ids])
