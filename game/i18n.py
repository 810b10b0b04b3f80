"""The language the game speaks: gettext catalogs, the current language, and its plural rules.

Every player- and instructor-facing sentence is written in English in the code and passed
through :func:`_` (or :func:`ngettext` when it holds a count) at the moment it is shown, in the
reader's language.  The catalogs are standard gettext files under ``game/locale``: the ``.po``
is what translators edit, the ``.mo`` beside it is compiled from it with Babel
(``python scripts/i18n.py compile``) and committed, and a test keeps the two equal.

Why a module-level current language and not a parameter everywhere: one process shows one
reader at a time (the window, the terminal, a command), and threading a language argument
through every renderer would make translation easy to forget.  The engine and scoring never
call these functions: they produce ids and numbers, and the words are made at the edge.

Module-level constants cannot be translated when the module is imported (the language is not
chosen yet): mark them with :func:`N_` so extraction finds them, and call ``_(CONSTANT)`` where
they are shown.  Use :func:`pgettext` for a short word whose meaning depends on where it is
("Turn" the noun on a label versus the verb).

Languages are named by BCP 47 tags (``en``, ``zh-Hant``); :func:`normalise` maps what a user or
the system locale says (``zh_TW.UTF-8``, ``zh-Hant-TW``, ``zh-hk``, ``EN_us``) onto the languages
we ship, or ``None``.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

#: The gettext domain of the game's catalogs (``game/locale/<dir>/LC_MESSAGES/<DOMAIN>.mo``).
DOMAIN = "crisis_tabletop"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

#: The languages the game ships, by BCP 47 tag, each with its own name in itself (how a
#: language menu shows it: a reader finds their language by its own name).
LANGUAGES: dict[str, str] = {"en": "English", "zh-Hant": "繁體中文"}
DEFAULT = "en"

# BCP 47 tag → gettext catalog directory name.
_CATALOG_DIRS: dict[str, str] = {"zh-Hant": "zh_Hant"}
# Babel locale identifiers, for numbers, dates and plural rules.
BABEL_LOCALES: dict[str, str] = {"en": "en", "zh-Hant": "zh_Hant_TW"}

_language: str = DEFAULT
_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_cache: dict[str, _gettext.NullTranslations] = {}


def normalise(tag: str | None) -> str | None:
    """The shipped language a tag or locale name means, or ``None`` if we do not ship it.

    Traditional Chinese is what Taiwan, Hong Kong and Macau write (``zh_TW``, ``zh-HK``,
    ``zh-Hant``); Simplified Chinese (``zh_CN``, ``zh-Hans``, bare ``zh``) is not shipped and
    gives ``None`` rather than a script the reader may not read.
    """
    if not tag:
        return None
    text = str(tag).strip().split(".")[0].split("@")[0].replace("_", "-").lower()
    if not text or text in ("c", "posix"):
        return None
    parts = text.split("-")
    if parts[0] == "en":
        return "en"
    if parts[0] == "zh":
        rest = set(parts[1:])
        if "hant" in rest or rest & {"tw", "hk", "mo"}:
            return "zh-Hant"
        return None
    return None


def detect(environ: Mapping[str, str] | None = None) -> str:
    """The language the system asks for (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as
    gettext reads them), or English when it names nothing we ship."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if not value:
            continue
        for item in value.split(":"):  # LANGUAGE is a priority list: zh_TW:en
            found = normalise(item)
            if found:
                return found
        if var != "LANGUAGE":
            break  # the first set variable of the LC_* chain decides, as in C
    return DEFAULT


def _load(tag: str) -> _gettext.NullTranslations:
    hit = _cache.get(tag)
    if hit is not None:
        return hit
    directory = _CATALOG_DIRS.get(tag)
    found: _gettext.NullTranslations = _gettext.NullTranslations()
    if directory is not None:
        path = LOCALE_DIR / directory / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            with path.open("rb") as fh:
                found = _gettext.GNUTranslations(fh)
        except OSError:
            found = _gettext.NullTranslations()  # a broken install shows English, not a crash
    _cache[tag] = found
    return found


def set_language(tag: str | None) -> str:
    """Speak ``tag`` from now on (normalised; English when unknown); return the tag in use."""
    global _language, _translations
    _language = normalise(tag) or DEFAULT
    _translations = _load(_language)
    return _language


def language() -> str:
    """The BCP 47 tag of the language in use."""
    return _language


def babel_locale() -> str:
    """The Babel locale identifier of the language in use (for numbers, dates, durations)."""
    return BABEL_LOCALES.get(_language, "en")


def _(message: str) -> str:
    """``message`` in the current language (the English itself when it has no translation)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message that ``n`` takes in the current language.

    Always pass the number again to ``.format()``: Chinese has one form for every count.
    """
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in a context, for short words that mean different things."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a constant for extraction without translating it now; translate it with ``_``
    where it is shown."""
    return message


def is_cjk() -> bool:
    """Whether the language in use is written without spaces between words."""
    return _language.startswith("zh")


def format_list(items: list[str], style: str = "standard") -> str:
    """Items joined as the language joins them ("A, B, and C"; "A、B和C").

    English, the default, is joined here: Babel's locale data costs about 7 MiB of memory the
    first time it is read, which a game in English need not pay (tests/i18n keeps this equal to
    Babel's English).  Other languages and styles go through Babel, imported when first needed.
    """
    items = list(items)
    if _language == "en" and style == "standard":
        if len(items) <= 2:
            return " and ".join(items)
        return ", ".join(items[:-1]) + ", and " + items[-1]
    from babel.lists import format_list as _format_list

    return _format_list(items, style=style, locale=babel_locale())


def format_number(value: float, digits: int = 0) -> str:
    """A number with the language's separators and ``digits`` decimals (English without
    Babel's locale data, as :func:`format_list`)."""
    if _language == "en":
        return f"{value:,.{max(digits, 0)}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=babel_locale())


def format_date(value, style: str = "medium") -> str:
    """A calendar date as the language writes it (``Jan 5, 2026``; ``2026年1月5日``)."""
    from babel.dates import format_date as _format_date

    return _format_date(value, format=style, locale=babel_locale())


def format_time(value, style: str = "short") -> str:
    """A time of day as the language writes it (``2:05 PM``; ``下午2:05``)."""
    from babel.dates import format_time as _format_time

    return _format_time(value, format=style, locale=babel_locale())


def format_duration(seconds: float) -> str:
    """A length of play to the second, in the largest two units (``1 h 05 min``, ``12 min 04 s``,
    ``9 s``; ``1小時05分``): Babel's ``format_timedelta`` rounds to one unit, too coarse for
    how long an exercise took."""
    total = max(0, round(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    if h:
        # TRANSLATORS: a duration, hours and minutes (minutes always two digits)
        return _("{h} h {m} min").format(h=h, m=f"{m:02d}")
    if m:
        # TRANSLATORS: a duration, minutes and seconds (seconds always two digits)
        return _("{m} min {s} s").format(m=m, s=f"{s:02d}")
    # TRANSLATORS: a duration in seconds
    return _("{s} s").format(s=s)


def every_translation(message: str, context: str | None = None) -> tuple[str, ...]:
    """``message`` (in ``context``, as :func:`pgettext` takes it) in every shipped language,
    English first: what a reader of a file written in any of them may find (a sheet's column
    headings are read back in either language)."""
    found = (
        _load(tag).gettext(message) if context is None else _load(tag).pgettext(context, message)
        for tag in LANGUAGES
    )
    return tuple(dict.fromkeys(found))


# The language named on the command line (``--lang``), which wins over a remembered setting.
_explicit: str | None = None


def choose(tag: str | None) -> str:
    """Speak ``tag`` because the user named it (``crisis-sim --lang``): like
    :func:`set_language`, and :func:`explicit` returns it from now on, so the window keeps it
    over its remembered setting."""
    global _explicit
    _explicit = set_language(tag)
    return _explicit


def explicit() -> str | None:
    """The language the user named for this run (``--lang``), or ``None`` if they did not."""
    return _explicit
