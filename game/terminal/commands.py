"""The terminal's command language: one line of text becomes one command value.

The same language serves the interactive prompt and scripts read from standard input
(``docs/terminal.md``), so anything a person can type can be replayed from a file.  Parsing
here is purely syntactic: ids stay as written and numbers stay numbers; the game loop
(``game.terminal.app``) resolves them against the session, because option numbers follow the
per-game display order and only the session knows what is pending.
"""

from __future__ import annotations

import math
import re

import attrs

from game.i18n import N_, _
from game.linebreak import display_width


class CommandError(ValueError):
    """A line that is not a valid command; ``str(err)`` says what is wrong in plain words."""


# --- setup ------------------------------------------------------------------------------------


@attrs.frozen
class ScenarioCmd:
    """``scenario PATH``: the scenario to play (scripts only, before the game starts)."""

    path: str


@attrs.frozen
class SeedCmd:
    """``seed N``: the seed of the game (option order, bots)."""

    seed: int


@attrs.frozen
class SeatCmd:
    """``seat ROLE NAME`` or ``seat ROLE=NAME`` (a player), ``seat ROLE bot:POLICY`` (a bot)."""

    role: str
    player: str | None = None
    bot: str | None = None


@attrs.frozen
class BotsCmd:
    """``bots POLICY``: every role without a seat is played by a bot with this policy."""

    policy: str


# --- play -------------------------------------------------------------------------------------


@attrs.frozen
class AsCmd:
    """``as ROLE``: hand the seat over to ROLE (its clocks start now)."""

    role: str


@attrs.frozen
class AnswerCmd:
    """``answer [DECISION] OPTION``: OPTION is an option id or its number as shown."""

    decision: str | None
    option: str


@attrs.frozen
class RankCmd:
    """``rank [DECISION] ITEM, ITEM, ...``: item ids or numbers as shown, best first."""

    decision: str | None
    items: tuple[str, ...]


@attrs.frozen
class SendCmd:
    """``send STAKEHOLDER[, ...] via CHANNEL: STATEMENT[, ...]``."""

    stakeholders: tuple[str, ...]
    channel: str
    statements: tuple[str, ...]


@attrs.frozen
class EndCmd:
    """``end``: this seat has finished its go for the turn."""


@attrs.frozen
class WaitCmd:
    """``wait SECONDS``: let simulated time pass (timeouts that fall due are applied)."""

    seconds: float


@attrs.frozen
class AtCmd:
    """``@ SECONDS``: move simulated time to SECONDS after the script started."""

    seconds: float


@attrs.frozen
class PauseCmd:
    """``pause``: stop every decision clock (facilitator)."""


@attrs.frozen
class ResumeCmd:
    """``resume``: restart the clocks (facilitator)."""


@attrs.frozen
class ExtendCmd:
    """``extend DECISION SECONDS`` (facilitator)."""

    decision: str
    seconds: float


@attrs.frozen
class SkipCmd:
    """``skip DECISION`` (facilitator)."""

    decision: str


@attrs.frozen
class InjectCmd:
    """``inject CHANNEL [to ROLE, ...]: HEADLINE [| BODY]`` (facilitator)."""

    channel: str
    to: tuple[str, ...] | None
    headline: str
    body: str = ""


@attrs.frozen
class QuitCmd:
    """``quit``: save and stop; ``--resume`` carries on later."""


@attrs.frozen
class HelpCmd:
    """``help``."""


@attrs.frozen
class StatusCmd:
    """``status``: metrics, decisions pending and stakeholders."""


@attrs.frozen
class LookCmd:
    """``look``: show this seat's messages (injects) again."""


@attrs.frozen
class StatementsCmd:
    """``statements``: the statements that can be sent now, numbered."""


@attrs.frozen
class ComposeCmd:
    """``compose``: build a message step by step (interactive only)."""


Command = (
    ScenarioCmd
    | SeedCmd
    | SeatCmd
    | BotsCmd
    | AsCmd
    | AnswerCmd
    | RankCmd
    | SendCmd
    | EndCmd
    | WaitCmd
    | AtCmd
    | PauseCmd
    | ResumeCmd
    | ExtendCmd
    | SkipCmd
    | InjectCmd
    | QuitCmd
    | HelpCmd
    | StatusCmd
    | LookCmd
    | StatementsCmd
    | ComposeCmd
)

SETUP_COMMANDS: tuple[type, ...] = (ScenarioCmd, SeedCmd, SeatCmd, BotsCmd)
FACILITATOR_COMMANDS: tuple[type, ...] = (PauseCmd, ResumeCmd, ExtendCmd, SkipCmd, InjectCmd)


@attrs.frozen
class Parsed:
    """A command and the simulated seconds to wait before it (``... after 12s``)."""

    command: Command
    after: float | None = None


# --- the parser ---------------------------------------------------------------------------------

_AFTER = re.compile(r"\s+after\s+(\S+)\s*$", re.IGNORECASE)
_DURATION = re.compile(r"^(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s?)?$", re.IGNORECASE)
_SEND = re.compile(r"^(?P<to>.+?)\s+via\s+(?P<channel>\S+)\s*:\s*(?P<statements>.*)$", re.I)
_INJECT = re.compile(
    r"^(?P<channel>\S+)(?:\s+to\s+(?P<to>[^:]+?))?\s*:\s*(?P<text>.*)$", re.IGNORECASE
)

#: Longest simulated wait accepted in one command (a day): guards against typos like 7000000.
MAX_SECONDS = 86_400.0

#: Every keyword with its syntax (typed as shown, never translated) and what it does (marked
#: for translation), in the order ``help`` lists them.  A description starting "scripts:"
#: is shown only to scripts.
USAGE: dict[str, tuple[str, str]] = {
    "answer": ("answer [DECISION] OPTION", N_("pick an option (id or number)")),
    "rank": ("rank [DECISION] ITEM, ITEM, ...", N_("order items, most important first")),
    "send": ("send WHO[, WHO] via CHANNEL: STATEMENT[, ...]", N_("send a message")),
    "compose": ("compose", N_("build a message step by step")),
    "statements": ("statements", N_("list the statements you can send")),
    "status": ("status", N_("metrics, pending decisions, stakeholders")),
    "look": ("look", N_("show your messages again")),
    "end": ("end", N_("finish your go for this turn")),
    "pause": ("pause / resume", N_("stop or restart every clock (facilitator)")),
    "resume": ("", ""),
    "extend": ("extend DECISION SECONDS", N_("give a decision more time (facilitator)")),
    "skip": ("skip DECISION", N_("drop a decision (facilitator)")),
    "inject": (
        "inject CHANNEL [to ROLE, ...]: HEADLINE [| BODY]",
        N_("ad-hoc inject (facilitator)"),
    ),
    "wait": ("wait SECONDS", N_("scripts: let simulated time pass")),
    "@": ("@ SECONDS", N_("scripts: set simulated time since the start")),
    "as": ("as ROLE", N_("scripts: hand the seat to ROLE")),
    "quit": ("quit", N_("save and stop (continue with --resume)")),
    "help": ("help", N_("this list")),
    "scenario": ("scenario PATH", N_("scripts: the scenario (before play)")),
    "seed": ("seed N", N_("scripts: the game's seed (before play)")),
    "seat": ("seat ROLE NAME | seat ROLE bot:POLICY", N_("scripts: who plays a role")),
    "bots": ("bots POLICY", N_("scripts: bots play every other role")),
}

#: Commands that only scripts use (``help`` leaves them out for a person at the terminal).
SCRIPT_ONLY = frozenset({"wait", "@", "as", "scenario", "seed", "seat", "bots"})


def usage_line(keyword: str) -> str:
    """``answer [DECISION] OPTION        pick an option (id or number)``, in the reader's
    language; the syntax column is padded by display width so descriptions line up."""
    syntax, what = USAGE[keyword]
    if not syntax:
        return ""
    pad = max(32 - display_width(syntax), 2)
    return syntax + " " * pad + _(what)


_NO_ARGS: dict[str, type] = {
    "end": EndCmd,
    "pause": PauseCmd,
    "resume": ResumeCmd,
    "quit": QuitCmd,
    "help": HelpCmd,
    "status": StatusCmd,
    "look": LookCmd,
    "statements": StatementsCmd,
    "compose": ComposeCmd,
}


def parse_seconds(text: str) -> float:
    """``70``, ``70s``, ``1m10s``, ``12.5`` → seconds; raises :class:`CommandError`."""
    m = _DURATION.match(text.strip())
    if not text.strip() or m is None or (m.group(1) is None and m.group(2) is None):
        raise CommandError(
            _("expected a number of seconds such as 70, 12.5s or 1m10s, found {text!r}").format(
                text=text
            )
        )
    seconds = float(m.group(1) or 0) * 60 + float(m.group(2) or 0)
    if not math.isfinite(seconds) or seconds > MAX_SECONDS:
        raise CommandError(
            _("{text!r} is too long: at most {n} seconds").format(text=text, n=int(MAX_SECONDS))
        )
    return seconds


def split_list(text: str) -> tuple[str, ...]:
    """Items separated by commas and/or spaces: ``a, b c`` → ``("a", "b", "c")``."""
    return tuple(t for t in re.split(r"[,\s]+", text.strip()) if t)


def _comma_list(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(",") if t.strip())


def strip_comment(line: str) -> str:
    """Drop a ``#`` comment (a ``#`` at the start or after a space) and surrounding blanks."""
    m = re.search(r"(^|\s)#", line)
    return (line[: m.start()] if m else line).strip()


#: The longest input line read, in characters (bytes for a script): a command is short, and a
#: line from outside (a script, a pipe) must not be read into memory whole however long it is.
MAX_LINE = 8192


def parse_command(line: str) -> Parsed | None:
    """Parse one line; None for a blank or comment-only line; raises :class:`CommandError`."""
    if len(line) > MAX_LINE:
        raise CommandError(_("the line is longer than {n} characters").format(n=f"{MAX_LINE:,}"))
    text = strip_comment(line)
    if not text:
        return None
    after: float | None = None
    m = _AFTER.search(text)
    if m and not text.lower().startswith(("inject", "seat")):
        after = parse_seconds(m.group(1))
        text = text[: m.start()].strip()
    if text.startswith("@"):
        return Parsed(AtCmd(parse_seconds(text[1:])), after)
    keyword, _sep, rest = text.partition(" ")
    keyword = keyword.lower()
    rest = rest.strip()
    command = _parse_keyword(keyword, rest, text)
    if after is not None and isinstance(command, (*SETUP_COMMANDS, WaitCmd, AtCmd)):
        raise CommandError(_('"after" cannot follow "{keyword}"').format(keyword=keyword))
    return Parsed(command, after)


def _need(rest: str, keyword: str) -> str:
    if not rest:
        raise CommandError(
            _("{keyword!r} needs more: {usage}").format(keyword=keyword, usage=USAGE[keyword][0])
        )
    return rest


def _parse_keyword(keyword: str, rest: str, text: str) -> Command:
    if keyword in _NO_ARGS:
        if rest:
            raise CommandError(
                _("{keyword!r} takes nothing after it, found {rest!r}").format(
                    keyword=keyword, rest=rest
                )
            )
        return _NO_ARGS[keyword]()
    if keyword == "answer":
        parts = _need(rest, keyword).split()
        if len(parts) == 1:
            return AnswerCmd(None, parts[0])
        if len(parts) == 2:
            return AnswerCmd(parts[0], parts[1])
        raise CommandError(
            _("answer takes a decision and one option: {usage}").format(
                usage="answer DECISION OPTION"
            )
        )
    if keyword == "rank":
        tokens = split_list(_need(rest, keyword))
        return RankCmd(None, tokens)  # the app decides whether tokens[0] names the decision
    if keyword == "send":
        m = _SEND.match(_need(rest, keyword))
        if m is None:
            raise CommandError(
                _("expected: {usage} (e.g. {example})").format(
                    usage="send WHO[, WHO] via CHANNEL: STATEMENT[, STATEMENT]",
                    example="send media, staff via email: ack-incident, next-update",
                )
            )
        to, statements = _comma_list(m["to"]), _comma_list(m["statements"])
        if not statements:
            raise CommandError(_("a message needs at least one statement after the colon"))
        return SendCmd(to, m["channel"].lower(), statements)
    if keyword == "wait":
        return WaitCmd(parse_seconds(_need(rest, keyword)))
    if keyword == "at":
        return AtCmd(parse_seconds(_need(rest, "@")))
    if keyword == "extend":
        parts = _need(rest, keyword).split()
        if len(parts) != 2:
            raise CommandError(_("expected: {usage}").format(usage="extend DECISION SECONDS"))
        seconds = parse_seconds(parts[1])
        if seconds <= 0:
            raise CommandError(_("extend needs a positive number of seconds"))
        return ExtendCmd(parts[0], seconds)
    if keyword == "skip":
        parts = _need(rest, keyword).split()
        if len(parts) != 1:
            raise CommandError(_("expected: {usage}").format(usage="skip DECISION"))
        return SkipCmd(parts[0])
    if keyword == "inject":
        m = _INJECT.match(_need(rest, keyword))
        if m is None:
            raise CommandError(
                _("expected: {usage} (e.g. {example})").format(
                    usage="inject CHANNEL [to ROLE, ...]: HEADLINE [| BODY]",
                    example="inject news to pr_specialist: TV crew at the gate | Live at nine",
                )
            )
        headline, _sep, body = m["text"].partition("|")
        if not headline.strip():
            raise CommandError(_("an inject needs a headline after the colon"))
        to = _comma_list(m["to"]) if m["to"] else None
        if to == ("all",):
            to = None
        return InjectCmd(m["channel"].lower(), to, headline.strip(), body.strip())
    if keyword == "as":
        parts = _need(rest, keyword).split()
        if len(parts) != 1:
            raise CommandError(_("expected: {usage}").format(usage="as ROLE"))
        return AsCmd(parts[0])
    if keyword == "scenario":
        return ScenarioCmd(_need(rest, keyword))
    if keyword == "seed":
        try:
            return SeedCmd(int(_need(rest, keyword)))
        except ValueError:
            raise CommandError(
                _("the seed is a whole number, found {rest!r}").format(rest=rest)
            ) from None
    if keyword == "seat":
        return _parse_seat(_need(rest, keyword))
    if keyword == "bots":
        parts = _need(rest, keyword).split()
        if len(parts) != 1:
            raise CommandError(_("expected: {usage}").format(usage="bots POLICY"))
        return BotsCmd(parts[0])
    raise CommandError(
        _("unknown command {keyword!r}{hint}; type help for the list").format(
            keyword=keyword, hint=_suggest(keyword)
        )
    )


def _parse_seat(rest: str) -> SeatCmd:
    if "=" in rest.split()[0]:
        role, _sep, name = rest.partition("=")
    else:
        role, _sep, name = rest.partition(" ")
    role, name = role.strip(), name.strip()
    if not name:
        raise CommandError(
            _("expected: {usage}").format(usage="seat ROLE NAME | seat ROLE bot:POLICY")
        )
    if name.lower().startswith("bot:"):
        return SeatCmd(role, bot=name[4:].strip())
    return SeatCmd(role, player=name)


def suggestion(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """`` (did you mean "x"?)`` for the closest choice, or empty."""
    from game.scenario.diagnostics import closest_match

    close = closest_match(word, choices)
    if close is None:
        return ""
    # TRANSLATORS: appended to a message about a typo; starts with a space in English.
    return _(' (did you mean "{word}"?)').format(word=close)


def _suggest(keyword: str) -> str:
    return suggestion(keyword, [k for k in USAGE if k != "@"])


def help_lines(*, scripted: bool) -> list[str]:
    """The lines ``help`` shows: every command, without the script-only ones for a person."""
    return [usage_line(k) for k in USAGE if USAGE[k][0] and (scripted or k not in SCRIPT_ONLY)]
