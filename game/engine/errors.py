"""Every error the engine raises on purpose, each with a message a player or facilitator can read.

``Session.apply`` raises only :class:`ActionError` subclasses: the action was refused and the
session is unchanged by it.  Loading a save raises only :class:`SaveError` subclasses.

A refused action is data: a stable ``code`` (``unknown_option``, ``turn_ended``…; the same in
every language, for programs and logs) and its ``fields`` (the ids, numbers and values
concerned).  ``str(err)`` words it in the reader's language when it is shown
(:func:`action_message`), so the engine builds no sentence for a refusal nobody reads (a bot's
or a replay's), and the same refusal reads in Chinese on one screen and English on another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from game.i18n import _, ngettext, pgettext


class EngineError(Exception):
    """Base of the engine's own errors; ``str(err)`` is the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- refused actions ------------------------------------------------------------------------


class ActionError(EngineError):
    """An action was refused; nothing changed because of it.

    ``code`` names the refusal (see :data:`ACTION_MESSAGES`), ``fields`` hold what it is about;
    ``str(err)`` and :attr:`message` word it in the current language."""

    def __init__(self, code: str, /, **fields: Any) -> None:
        Exception.__init__(self, code)
        self.code = code
        self.fields = fields

    @property  # type: ignore[override]
    def message(self) -> str:
        return action_message(self.code, self.fields)

    def __str__(self) -> str:
        return self.message


class GameOver(ActionError):
    """The game has ended; no action is accepted any more."""


class GamePaused(ActionError):
    """Players cannot act while the game is paused (the facilitator still can)."""


class PauseStateError(ActionError):
    """Pause while already paused, or resume while running."""


class InvalidAction(ActionError):
    """Not an action, or an action whose fields have the wrong type."""


class UnknownRole(ActionError):
    """The role does not exist or is not in play in this scenario."""


class WrongRole(ActionError):
    """The decision belongs to another role."""


class TurnAlreadyEnded(ActionError):
    """The role has already ended this turn."""


class DecisionsStillPending(ActionError):
    """A role cannot end its turn while it still has decisions to answer."""


class UnknownDecision(ActionError):
    """No decision with this id in the scenario."""


class DecisionNotPending(ActionError):
    """The decision exists but cannot be answered now (other turn, answered, timed out...)."""


class NotPresented(ActionError):
    """The decision has not been shown to its player yet (send ``Present(role)`` first)."""


class WrongDecisionKind(ActionError):
    """``Answer`` on a rank decision or ``Rank`` on a choice decision."""


class UnknownOption(ActionError):
    """The option is not one of the decision's options."""


class InvalidOrder(ActionError):
    """A rank order that is not a permutation of the decision's items."""


class InvalidMessage(ActionError):
    """A message with no stakeholders or statements, a duplicate, or an unknown channel."""


class UnknownStakeholder(InvalidMessage):
    """No stakeholder with this id."""


class UnknownStatement(InvalidMessage):
    """No statement with this id."""


class StatementNotUsable(InvalidMessage):
    """The statement's ``when`` condition does not hold now."""


class InvalidTimerExtension(ActionError):
    """Extending a timer by a non-positive, non-finite or absurd number of seconds."""


class InvalidInject(ActionError):
    """An ad-hoc inject without a headline, with an unknown channel or recipients."""


# --- saves and logs -------------------------------------------------------------------------


class SaveError(EngineError):
    """A save or log cannot be read or resumed: missing, corrupt, or of an unknown version."""


class ScenarioChanged(SaveError):
    """The scenario file changed since the game was saved; resuming would misplay it."""


class SeatError(EngineError, ValueError):
    """The seats given to a new session do not match the roles in play."""


# --- wording refused actions ----------------------------------------------------------------

#: How many ids a message lists, and how long each may be, before it says "…" (the ids may
#: come from outside, in any number and length).
_LIST_IDS, _ID_CHARS = 10, 40


def _shown(value: object) -> str:
    """``repr(value)`` for a message, cut short: the value may be huge (from outside)."""
    if isinstance(value, tuple | list) and len(value) > 20:
        return ngettext("a list of {n} value", "a list of {n} values", len(value)).format(
            n=f"{len(value):,}"
        )
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _listing(ids: object) -> str:
    """``a, b, c`` for a message; bounded however many or long the ids."""
    items = [str(x) for x in ids] if isinstance(ids, tuple | list) else [str(ids)]
    shown = [x if len(x) <= _ID_CHARS else x[: _ID_CHARS - 1] + "…" for x in items[:_LIST_IDS]]
    text = pgettext("list", ", ").join(shown)
    more = len(items) - len(shown)
    if more > 0:
        return ngettext("{ids} and {n} more", "{ids} and {n} more", more).format(ids=text, n=more)
    return text


def _hint(f: Mapping[str, Any], word_key: str) -> str:
    """`` (did you mean "x"?)`` after an unknown id, from the ``known`` ids; else the valid
    ones when they are few; else nothing."""
    from game.scenario.diagnostics import closest_match

    word = f.get(word_key)
    known = f.get("known")
    options = sorted(set(known)) if isinstance(known, Iterable) else []
    if not options or not isinstance(word, str):
        return ""
    close = closest_match(word, options)
    if close is not None:
        hint = _('did you mean "{id}"?').format(id=close)
    elif len(options) <= 12:
        hint = _("expected one of: {ids}").format(ids=pgettext("list", ", ").join(options))
    else:
        return ""
    # TRANSLATORS: a hint after an error message, in brackets
    return _(" ({hint})").format(hint=hint)


def _r(f: Mapping[str, Any], key: str) -> str:
    return _shown(f.get(key))


def _what(f: Mapping[str, Any]) -> str:
    """The field of a message concerned, in words."""
    return _("statements") if f.get("what") == "statements" else _("stakeholders")


def _order_problems(f: Mapping[str, Any]) -> str:
    parts = []
    if f.get("unknown"):
        parts.append(_("unknown: {ids}").format(ids=_listing(f["unknown"])))
    if f.get("missing"):
        parts.append(_("missing: {ids}").format(ids=_listing(f["missing"])))
    if f.get("dups"):
        parts.append(_("listed twice: {ids}").format(ids=_listing(f["dups"])))
    return _("; ").join(parts)


def _field(f: Mapping[str, Any]) -> dict[str, str]:
    return {"type": str(f.get("type", "")), "name": str(f.get("name", ""))}


def _game_over(f: Mapping[str, Any]) -> str:
    if f.get("title"):
        return _("the game is over (ending: {title}); no more actions are accepted").format(
            title=f["title"]
        )
    return _("the game is over; no more actions are accepted")


def _decision_done(f: Mapping[str, Any]) -> str:
    how = f.get("how")
    values = {"decision": _r(f, "decision"), "turn": f.get("turn")}
    if how == "skipped":
        return _("decision {decision} was skipped in turn {turn}").format(**values)
    if how == "timed_out":
        return _("decision {decision} timed out in turn {turn}").format(**values)
    return _("decision {decision} was already answered in turn {turn}").format(**values)


def _wrong_kind(f: Mapping[str, Any]) -> str:
    if f.get("kind") == "rank":
        return _("decision {decision} is a rank decision; use Rank").format(
            decision=_r(f, "decision")
        )
    return _("decision {decision} is a choice decision; use Answer").format(
        decision=_r(f, "decision")
    )


def _message_empty(f: Mapping[str, Any]) -> str:
    if f.get("what") == "statements":
        return _("a message needs at least one of its statements")
    return _("a message needs at least one of its stakeholders")


#: Every refusal by code: the function that words its fields.
ACTION_MESSAGES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "game_over": _game_over,
    "not_an_action": lambda f: _("not an action: {action}").format(action=_r(f, "action")),
    "unknown_role": lambda f: _("role {role} is not in play (roles in play: {roles})").format(
        role=_r(f, "role"), roles=_listing(f.get("roles", ()))
    ),
    "paused": lambda f: _("the game is paused; wait for the facilitator to resume it"),
    "paused_present": lambda f: _("the game is paused; decisions are shown once it resumes"),
    "turn_ended": lambda f: _("{role} has already ended turn {turn}").format(
        role=f.get("role"), turn=f.get("turn")
    ),
    "unknown_decision": lambda f: (
        _("there is no decision {decision} in this scenario").format(decision=_r(f, "decision"))
        + _hint(f, "decision")
    ),
    "decision_done": _decision_done,
    "decision_later": lambda f: _(
        "decision {decision} belongs to turn {turn}; this is turn {now}"
    ).format(decision=_r(f, "decision"), turn=f.get("turn"), now=f.get("now")),
    "decision_not_asked": lambda f: _(
        "decision {decision} was not put to the team in turn {turn} (its condition did not hold)"
    ).format(decision=_r(f, "decision"), turn=f.get("turn")),
    "wrong_role": lambda f: _("decision {decision} belongs to {owner}, not {role}").format(
        decision=_r(f, "decision"), owner=f.get("owner"), role=f.get("role")
    ),
    "wrong_kind": _wrong_kind,
    "not_presented": lambda f: _(
        "decision {decision} has not been shown to {role}'s player yet (send Present({quoted}) "
        "when they take the seat)"
    ).format(decision=_r(f, "decision"), role=f.get("role"), quoted=_r(f, "role")),
    "unknown_option": lambda f: (
        _("decision {decision} has no option {option}").format(
            decision=_r(f, "decision"), option=_r(f, "option")
        )
        + _hint(f, "option")
    ),
    "order_not_ids": lambda f: _("the order for {decision} must be a list of item ids").format(
        decision=_r(f, "decision")
    ),
    "order_too_long": lambda f: ngettext(
        "the order for {decision} lists {count} ids (it has {n} item)",
        "the order for {decision} lists {count} ids (it has {n} items)",
        int(f.get("items", 0)),
    ).format(decision=_r(f, "decision"), count=f"{f.get('count', 0):,}", n=f.get("items", 0)),
    "order_mismatch": lambda f: _(
        "the order for {decision} must list each of its items once ({problems})"
    ).format(decision=_r(f, "decision"), problems=_order_problems(f)),
    "message_empty": _message_empty,
    "message_not_ids": lambda f: _("{what} must be a list of ids, found {value}").format(
        what=_what(f), value=_r(f, "value")
    ),
    "message_too_many": lambda f: _("{what}: {count} ids in one message (at most {limit})").format(
        what=_what(f), count=f"{f.get('count', 0):,}", limit=f.get("limit")
    ),
    "message_item_not_id": lambda f: _("{what} must be a list of ids, found {value} in it").format(
        what=_what(f), value=_r(f, "value")
    ),
    "message_twice": lambda f: _("{what} listed twice in one message: {ids}").format(
        what=_what(f), ids=_listing(f.get("ids", ()))
    ),
    "unknown_stakeholder": lambda f: (
        _("there is no stakeholder {stakeholder}").format(stakeholder=_r(f, "stakeholder"))
        + _hint(f, "stakeholder")
    ),
    "not_a_channel": lambda f: (
        _("{channel} is not a message channel").format(channel=_r(f, "channel"))
        + _hint(f, "channel")
    ),
    "unknown_statement": lambda f: (
        _("there is no statement {statement}").format(statement=_r(f, "statement"))
        + _hint(f, "statement")
    ),
    "statement_not_usable": lambda f: _(
        "statement {statement} cannot be used now (only while: {when})"
    ).format(statement=_r(f, "statement"), when=f.get("when")),
    "decisions_pending": lambda f: _(
        "{role} still has to answer {decisions} (answer, let the time run out, or ask the "
        "facilitator to skip)"
    ).format(role=f.get("role"), decisions=_listing(f.get("decisions", ()))),
    "already_paused": lambda f: _("the game is already paused"),
    "not_paused": lambda f: _("the game is not paused"),
    "bad_extension": lambda f: _(
        "a timer can be extended by more than 0 and at most {limit} seconds, not {value}"
    ).format(limit=f"{f.get('limit', 0):g}", value=_r(f, "seconds")),
    "inject_no_headline": lambda f: _("an inject needs a headline"),
    "inject_headline_long": lambda f: _(
        "the headline is too long (at most {limit} characters)"
    ).format(limit=f.get("limit")),
    "inject_body": lambda f: _("the body must be text of at most {limit} characters").format(
        limit=f.get("limit")
    ),
    "inject_channel": lambda f: (
        _("{channel} is not an inject channel").format(channel=_r(f, "channel"))
        + _hint(f, "channel")
    ),
    "inject_to": lambda f: _("`to` must be a non-empty list of roles (or omitted for all)"),
    "inject_role": lambda f: _("{role} is not a role in play (roles in play: {roles})").format(
        role=_r(f, "role"), roles=_listing(f.get("roles", ()))
    ),
    "inject_role_twice": lambda f: _("a role is listed twice in `to`"),
    # actions read from JSON (game.engine.actions.from_json)
    "not_an_object": lambda f: _("an action must be an object, found {found}").format(
        found=f.get("found")
    ),
    "unknown_type": lambda f: _("unknown action type {type} (expected one of: {types})").format(
        type=_r(f, "type"), types=pgettext("list", ", ").join(f.get("types", ()))
    ),
    "unknown_fields": lambda f: _('"{type}" action: unknown field(s) {fields}').format(
        type=f.get("type"), fields=_listing(f.get("fields", ()))
    ),
    "missing_fields": lambda f: _('"{type}" action: missing field(s) {fields}').format(
        type=f.get("type"), fields=_listing(f.get("fields", ()))
    ),
    "field_not_text": lambda f: _(
        '"{type}" action: field "{name}" must be text, found {found}'
    ).format(found=f.get("found"), **_field(f)),
    "field_too_long": lambda f: _(
        '"{type}" action: field "{name}" is too long ({length} characters)'
    ).format(length=f.get("length"), **_field(f)),
    "field_not_number": lambda f: _(
        '"{type}" action: field "{name}" must be a finite number, found {value}'
    ).format(value=_r(f, "value"), **_field(f)),
    "field_not_ids": lambda f: _(
        '"{type}" action: field "{name}" must be a list of ids, found {found}'
    ).format(found=f.get("found"), **_field(f)),
    "field_bad_id": lambda f: _(
        '"{type}" action: field "{name}" must be a list of ids, found {value} in it'
    ).format(value=_r(f, "value"), **_field(f)),
}


def action_message(code: str, fields: Mapping[str, Any]) -> str:
    """The refusal ``code`` with its ``fields``, in the reader's language.  Never raises: a
    field of the wrong type words as best it can, an unknown code is shown as it is."""
    make = ACTION_MESSAGES.get(code)
    if make is None:
        return code
    try:
        return make(fields)
    except (TypeError, ValueError, KeyError, IndexError):
        return code
