"""The sentences of scoring and the debrief, made from message kinds and parameters.

Scoring keeps what it found as data: a *kind* (a stable id such as ``slow_answer`` or
``risky_statement``) and *parameters* (ids, numbers, and the scenario's own raw text: a prompt,
an option, a statement, a stakeholder's name).  This module turns them into a sentence at the
moment it is shown, in the reader's language (:mod:`game.i18n`), so that

- a translator translates whole sentences with named placeholders, never pieces;
- quotes are cut when shown, by display width (a CJK character takes two columns), not by
  characters while scoring;
- counts take their plural form through ``ngettext``;
- ``crisis-sim simulate`` builds no words at all (it asks for no explanations), and a result
  file keeps parameters that a later, or another language's, reader words again.

Parameters come from result files too, and those are hostile: every read here is defensive
(:class:`Params`), so a missing or mistyped parameter gives a plain sentence with a blank, never
an exception.  An unknown kind shows the text stored with it (results written before parameters
existed keep their English text), else the kind itself.

Kinds and their parameters are listed in ``docs/scoring.md`` ("Words at the edge").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from game.i18n import N_, _, ngettext, pgettext
from game.scoring import rules, wording

# Quote widths (display columns) of each kind of text in a sentence.
PROMPT_WIDTH = 70
OPTION_WIDTH = 80
BETTER_WIDTH = 90
STATEMENT_WIDTH = 80
EXAMPLE_WIDTH = 50
CONTRADICTION_WIDTH = 60
CAUSE_WIDTH = 60
CAUSE_OPTION_WIDTH = 70


class Params:
    """Typed, forgiving reads of a parameter mapping (from scoring or from a result file)."""

    __slots__ = ("_p",)

    def __init__(self, params: Mapping[str, Any] | None) -> None:
        self._p = params if isinstance(params, Mapping) else {}

    def text(self, key: str) -> str:
        v = self._p.get(key)
        return v if isinstance(v, str) else ""

    def num(self, key: str) -> float:
        v = self._p.get(key)
        return v if isinstance(v, int | float) and not isinstance(v, bool) else 0

    def int(self, key: str) -> int:
        return int(self.num(key))

    def flag(self, key: str) -> bool:
        return self._p.get(key) is True

    def texts(self, key: str) -> list[str]:
        v = self._p.get(key)
        if not isinstance(v, list | tuple):
            return []
        return [x for x in v if isinstance(x, str)]

    def pairs(self, key: str) -> list[tuple[str, Any]]:
        """``[[text, value], ...]`` entries whose first item is text."""
        v = self._p.get(key)
        if not isinstance(v, list | tuple):
            return []
        return [
            (x[0], x[1])
            for x in v
            if isinstance(x, list | tuple) and len(x) == 2 and isinstance(x[0], str)
        ]


def _q(p: Params, key: str, width: int) -> str:
    return wording.quote(p.text(key), width)


def list_names(names: Sequence[str]) -> str:
    """Stakeholder names as scoring lists them: ``A, B`` (no "and": a roll-call)."""
    return pgettext("list", ", ").join(names)


def _role(role: str) -> str:
    return wording.role_title(role) if role else ""


# --- decisions ---------------------------------------------------------------------------


def _speed_timeout(p: Params) -> str:
    return _("Let {prompt} time out after {limit}").format(
        prompt=_q(p, "prompt", PROMPT_WIDTH), limit=wording.seconds(p.num("limit"))
    )


def _no_speed_credit(p: Params) -> str:
    return _("No speed credit for {prompt}: speed counts only for a best or good answer").format(
        prompt=_q(p, "prompt", PROMPT_WIDTH)
    )


def _answered_in(p: Params) -> str:
    return _("Answered {prompt} in {elapsed} of {limit}").format(
        prompt=_q(p, "prompt", PROMPT_WIDTH),
        elapsed=wording.seconds(p.num("elapsed")),
        limit=wording.seconds(p.num("limit")),
    )


def _grace(p: Params) -> str:
    return wording.seconds(p.num("limit") * rules.SPEED_GRACE)


def _rank_timeout(p: Params) -> str:
    return _("Time ran out on ranking {prompt}: no order was set").format(
        prompt=_q(p, "prompt", PROMPT_WIDTH)
    )


def _rank_order(p: Params) -> str:
    pairs = p.int("pairs")
    return ngettext(
        "Ranked {prompt} with {wrong} of {pairs} pair in the wrong order ({percent} % of the "
        "points; the pairs at the top count most)",
        "Ranked {prompt} with {wrong} of {pairs} pairs in the wrong order ({percent} % of the "
        "points; the pairs at the top count most)",
        pairs,
    ).format(
        prompt=_q(p, "prompt", PROMPT_WIDTH),
        wrong=p.int("wrong"),
        pairs=pairs,
        percent=p.int("percent"),
    )


def _rank_exact(p: Params) -> str:
    prompt = _q(p, "prompt", PROMPT_WIDTH)
    if p.text("why"):
        return _("Ranked {prompt} exactly in the expected order: {why}").format(
            prompt=prompt, why=p.text("why")
        )
    return _("Ranked {prompt} exactly in the expected order").format(prompt=prompt)


def _expected_order(p: Params) -> str:
    # TRANSLATORS: between the items of an expected ranking, highest first
    order = _(" › ").join(p.texts("expected"))
    if p.text("why"):
        return _("Expected order: {order}. {why}").format(order=order, why=p.text("why"))
    return _("Expected order: {order}.").format(order=order)


def _better(p: Params) -> str:
    """The advice to choose the best option (empty when the decision has none)."""
    if not p.text("better"):
        return ""
    better = _q(p, "better", BETTER_WIDTH)
    if p.text("better_why"):
        return _("Better: {option} — {why}").format(option=better, why=p.text("better_why"))
    return _("Better: {option}").format(option=better)


def _rating(p: Params) -> str:
    rating = p.text("rating")
    return wording.RATING_WORDS.get(rating, rating)


def _timeout_nothing(p: Params) -> str:
    return _("Time ran out on {prompt}: nothing was done").format(
        prompt=_q(p, "prompt", PROMPT_WIDTH)
    )


def _timeout_option(p: Params) -> str:
    values = {
        "prompt": _q(p, "prompt", PROMPT_WIDTH),
        "option": _q(p, "option", OPTION_WIDTH),
        "rating": _rating(p),
        "why": p.text("why"),
    }
    if values["why"]:
        return _("Time ran out on {prompt}, so {option} ({rating}) happened: {why}").format(
            **values
        )
    return _("Time ran out on {prompt}, so {option} ({rating}) happened").format(**values)


def _chose(p: Params) -> str:
    option, rating, why = _q(p, "option", OPTION_WIDTH), _rating(p), p.text("why")
    if why:
        return _("Chose {option} ({rating}): {why}").format(option=option, rating=rating, why=why)
    return _("Chose {option} ({rating})").format(option=option, rating=rating)


# --- stakeholders ------------------------------------------------------------------------


def _what(p: Params) -> str:
    return wording.key_points(p.texts("keys"))


def _missing(p: Params) -> str:
    name, deadline = p.text("name"), p.int("deadline")
    if p.texts("keys"):
        reason = _("{name} never heard {what} (deadline turn {deadline})").format(
            name=name, what=_what(p), deadline=deadline
        )
    else:
        reason = _("{name} was never informed (deadline turn {deadline})").format(
            name=name, deadline=deadline
        )
    if p.text("lost_channel"):
        reason = _(
            "{reason}; the message over {channel} in turn {turn} was not delivered: "
            "the channel was down"
        ).format(
            reason=reason,
            channel=wording.channel_word(p.text("lost_channel")),
            turn=p.int("lost_turn"),
        )
    return reason


def _missing_advice(p: Params) -> str:
    name, deadline = p.text("name"), p.int("deadline")
    examples = [wording.quote(t, EXAMPLE_WIDTH) for t in p.texts("examples")]
    if p.texts("keys") and examples:
        return _("Cover {what} for {name} by turn {deadline}, e.g. {examples}.").format(
            what=_what(p), name=name, deadline=deadline, examples=wording.join(examples)
        )
    return _("Send {name} a message by turn {deadline}.").format(name=name, deadline=deadline)


def _buried_in(reason: str, p: Params) -> str:
    n = p.int("off_topic")
    if not n:
        return reason
    return ngettext(
        "{reason} in a message with {n} statement it did not need",
        "{reason} in a message with {n} statements it did not need",
        n,
    ).format(reason=reason, n=n)


def _late(p: Params) -> str:
    name, turn, deadline = p.text("name"), p.int("turn"), p.int("deadline")
    if p.texts("keys"):
        reason = _("{name} informed of {what} in turn {turn}, deadline turn {deadline}").format(
            name=name, what=_what(p), turn=turn, deadline=deadline
        )
    else:
        reason = _("{name} informed in turn {turn}, deadline turn {deadline}").format(
            name=name, turn=turn, deadline=deadline
        )
    if p.flag("too_late"):
        reason = _("{reason} (too late to count)").format(reason=reason)
    if p.text("by"):
        reason = _("{reason}, and by {role} rather than its owner").format(
            reason=reason, role=_role(p.text("by"))
        )
    return _buried_in(reason, p)


def _late_advice(p: Params) -> str:
    return _(
        "Start the message to {name} in the turn the need is known; the deadline is turn "
        "{deadline}."
    ).format(name=p.text("name"), deadline=p.int("deadline"))


def _owners(p: Params) -> str:
    return wording.join([_role(r) for r in p.texts("owners")], "or")


def _non_owner(p: Params) -> str:
    values = {"name": p.text("name"), "role": _role(p.text("by")), "owners": _owners(p)}
    if p.texts("keys"):
        reason = _("{name} heard of {what} from {role}, not from its owner ({owners})").format(
            what=_what(p), **values
        )
    else:
        reason = _("{name} heard from {role}, not from its owner ({owners})").format(**values)
    return _buried_in(reason, p)


def _non_owner_advice(p: Params) -> str:
    return _("Let {owners} send to {name}; others should coordinate through them.").format(
        owners=_owners(p), name=p.text("name")
    )


def _buried(p: Params) -> str:
    n, name, turn = p.int("off_topic"), p.text("name"), p.int("turn")
    if p.texts("keys"):
        return ngettext(
            "{name} heard of {what} in turn {turn} in a message with {n} statement it did not "
            "need, so it was buried",
            "{name} heard of {what} in turn {turn} in a message with {n} statements it did not "
            "need, so it was buried",
            n,
        ).format(name=name, what=_what(p), turn=turn, n=n)
    return ngettext(
        "{name} heard in turn {turn} in a message with {n} statement it did not need, so it "
        "was buried",
        "{name} heard in turn {turn} in a message with {n} statements it did not need, so it "
        "was buried",
        n,
    ).format(name=name, turn=turn, n=n)


def _informed(p: Params) -> str:
    name, turn, early = p.text("name"), p.int("turn"), p.int("early")
    if early > 0:
        return ngettext(
            "Informed {name} completely in turn {turn}, {n} turn before the deadline",
            "Informed {name} completely in turn {turn}, {n} turns before the deadline",
            early,
        ).format(name=name, turn=turn, n=early)
    return _("Informed {name} completely in turn {turn}, on the deadline").format(
        name=name, turn=turn
    )


# --- penalties ---------------------------------------------------------------------------


def said(kind: str, params: Mapping[str, Any] | None) -> str:
    """A risky statement and its risk, without where it went: ``“…” (speculation)``."""
    p = Params(params)
    risk = p.text("risk")
    # TRANSLATORS: a quoted risky statement and the kind of risk it carries
    return _("{statement} ({risk})").format(
        statement=_q(p, "statement", STATEMENT_WIDTH), risk=wording.RISK_WORDS.get(risk, risk)
    )


def said_times(kind: str, params: Mapping[str, Any] | None, n: int) -> str:
    """The same risky statement sent ``n`` times (one line for all of them)."""
    return ngettext("{said} sent {n} time", "{said} sent {n} times", n).format(
        said=said(kind, params), n=n
    )


def _risky(p: Params) -> str:
    values = {
        "said": said("risky_statement", p._p),
        "names": list_names(p.texts("heard_by")),
        "turn": p.int("turn"),
    }
    if p.flag("public"):
        return _("{said} sent to {names} in public in turn {turn}").format(**values)
    return _("{said} sent to {names} in turn {turn}").format(**values)


def _risk_advice(p: Params) -> str:
    return wording.RISK_ADVICE.get(p.text("risk"), "")


def _contradiction(p: Params) -> str:
    return _("{first} contradicts {second}, and both were sent").format(
        first=_q(p, "first", CONTRADICTION_WIDTH), second=_q(p, "second", CONTRADICTION_WIDTH)
    )


def _noise(p: Params) -> str:
    turn, n, names = p.int("turn"), p.int("broadcast"), list_names(p.texts("empty"))
    if n and names:
        return ngettext(
            "A message in turn {turn}: sent to {n} stakeholder at once and nothing in it that "
            "{names} needed",
            "A message in turn {turn}: sent to {n} stakeholders at once and nothing in it that "
            "{names} needed",
            n,
        ).format(turn=turn, n=n, names=names)
    if n:
        return ngettext(
            "A message in turn {turn}: sent to {n} stakeholder at once",
            "A message in turn {turn}: sent to {n} stakeholders at once",
            n,
        ).format(turn=turn, n=n)
    return _("A message in turn {turn}: nothing in it that {names} needed").format(
        turn=turn, names=names
    )


def _no_risky(p: Params) -> str:
    n = p.int("sent")
    return ngettext(
        "{n} message sent with no risky or contradicting statement, none to someone it had "
        "nothing for",
        "{n} messages sent with no risky or contradicting statement, none to someone it had "
        "nothing for",
        n,
    ).format(n=n)


def _fixed(message: str) -> Callable[[Params], str]:
    return lambda p: _(message)


_REASONS: dict[str, Callable[[Params], str]] = {
    "timeout": _speed_timeout,
    "no_speed_credit": _no_speed_credit,
    "slow_answer": _answered_in,
    "fast_answer": _answered_in,
    "rank_timeout": _rank_timeout,
    "rank_order": _rank_order,
    "rank_exact": _rank_exact,
    "timeout_nothing": _timeout_nothing,
    "timeout_option": _timeout_option,
    "option": _chose,
    "best_option": _chose,
    "missing_key_points": _missing,
    "late": _late,
    "non_owner": _non_owner,
    "buried": _buried,
    "stakeholder_informed": _informed,
    "risky_statement": _risky,
    "contradiction": _contradiction,
    "noise": _noise,
    "no_risky_statements": _no_risky,
}

_ADVICE: dict[str, Callable[[Params], str]] = {
    "timeout": lambda p: _(
        "Decide within the first {grace}: a reasonable decision now beats the perfect one too late."
    ).format(grace=_grace(p)),
    "no_speed_credit": _fixed(
        N_("Take the time you need to find the right answer; a quick wrong one earns nothing.")
    ),
    "slow_answer": lambda p: _(
        "Aim to decide within {grace} (the first quarter of the time limit) for full speed points."
    ).format(grace=_grace(p)),
    "rank_timeout": _expected_order,
    "rank_order": _expected_order,
    "timeout_nothing": _better,
    "timeout_option": _better,
    "option": _better,
    "missing_key_points": _missing_advice,
    "late": _late_advice,
    "non_owner": _non_owner_advice,
    "buried": lambda p: _(
        "Send {name} what it needs and leave out the rest: a key point in a message full of "
        "other things is easily missed."
    ).format(name=p.text("name")),
    "risky_statement": _risk_advice,
    "contradiction": _fixed(
        N_(
            "Agree the facts and one line before anyone speaks, and check each message against "
            "what the team has already said."
        )
    ),
    "noise": _fixed(
        N_(
            "Send each stakeholder what it needs, and only that: a message with nothing for its "
            "reader, or one blanket message to everyone, buries what matters."
        )
    ),
}


def reason(kind: str, params: Mapping[str, Any] | None, stored: str = "") -> str:
    """What happened: the sentence of a deduction or a strength of ``kind``.

    ``stored`` is the text a result written before parameters existed kept; it is shown as it
    is (it cannot be worded again)."""
    if stored:
        return stored
    make = _REASONS.get(kind)
    return make(Params(params)) if make is not None else kind


def advice(kind: str, params: Mapping[str, Any] | None, stored: str = "") -> str:
    """What to do next time (empty when there is nothing to add)."""
    if stored:
        return stored
    make = _ADVICE.get(kind)
    return make(Params(params)) if make is not None else ""


# --- what led to the ending (game.report.causes) -----------------------------------------


def _changes(p: Params) -> str:
    parts = []
    for label, value in p.pairs("changes"):
        v = value if isinstance(value, int | float) and not isinstance(value, bool) else 0
        parts.append(f"{label} {'+' if v > 0 else ''}{wording.points(v)}")
    for how, flag in p.pairs("flags"):
        name = str(flag).replace("_", " ")
        if how == "cleared":
            parts.append(_("cleared {flag}").format(flag=name))
        else:
            parts.append(_("set {flag}").format(flag=name))
    return pgettext("list", ", ").join(parts)


def _with_changes(head: str, p: Params) -> str:
    changes = _changes(p)
    if not changes:
        return head
    # TRANSLATORS: an action of the team, then what it changed (metrics and flags)
    return _("{head}: {changes}").format(head=head, changes=changes)


def _cause_timeout(p: Params) -> str:
    return _with_changes(
        _("Time ran out on {prompt} ({role}, turn {turn}), so {option} happened").format(
            prompt=_q(p, "prompt", CAUSE_WIDTH),
            role=_role(p.text("role")),
            turn=p.int("turn"),
            option=_q(p, "option", CAUSE_WIDTH),
        ),
        p,
    )


def _cause_chose(p: Params) -> str:
    return _with_changes(
        _("{role} chose {option} (turn {turn})").format(
            role=_role(p.text("role")),
            option=_q(p, "option", CAUSE_OPTION_WIDTH),
            turn=p.int("turn"),
        ),
        p,
    )


def _cause_said(p: Params) -> str:
    roles = wording.join([_role(r) for r in p.texts("roles")])
    statement = _q(p, "statement", CAUSE_WIDTH)
    times = p.int("times")
    if times > 1:
        head = ngettext(
            "{roles} said {statement}, {n} time", "{roles} said {statement}, {n} times", times
        ).format(roles=roles, statement=statement, n=times)
    else:
        head = _("{roles} said {statement} in turn {turn}").format(
            roles=roles, statement=statement, turn=p.int("turn")
        )
    return _with_changes(head, p)


def _cause_informed(p: Params) -> str:
    return _("{role} informed {name} in turn {turn}").format(
        role=_role(p.text("role")), name=p.text("name"), turn=p.int("turn")
    )


_CAUSES: dict[str, Callable[[Params], str]] = {
    "timeout_nothing": lambda p: _("Time ran out on {prompt}: nothing was done").format(
        prompt=_q(p, "prompt", CAUSE_WIDTH)
    ),
    "timeout_option": _cause_timeout,
    "chose": _cause_chose,
    "said": _cause_said,
    "informed": _cause_informed,
}


def cause(kind: str, params: Mapping[str, Any] | None, stored: str = "") -> str:
    """One line of what led to the ending (see :mod:`game.report.causes`)."""
    if stored:
        return stored
    make = _CAUSES.get(kind)
    return make(Params(params)) if make is not None else kind


#: Every kind this module words, for tests and docs.
REASON_KINDS = tuple(_REASONS)
CAUSE_KINDS = tuple(_CAUSES)
