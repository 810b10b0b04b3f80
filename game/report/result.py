"""The result record of one game: what happened, the scores and why, as versioned JSON.

This is the hand-over point between a finished game and everything that looks back at it: the
debrief in the game window and the terminal, the HTML after-action report, the results history.
None of them needs the scenario file any more: every text they show is in the record.

API
---
::

    from game.report.result import build_result, load_result, write_result, Result, ResultError

    result = build_result(session, started_at="2025-05-01T09:00:00+02:00",
                          finished_at="2025-05-01T10:12:00+02:00")   # wall-clock times: optional
    text = result.to_json()                  # str, stable: the same game gives the same text
    result = Result.from_json(text)          # validates; raises ResultError with a plain message
    write_result(result, "results/game.json")   # atomic (temporary file + os.replace)
    result = load_result("results/game.json")   # ResultError for a missing/bad/unknown file

Fields of :class:`Result` (JSON keys are the same names):

- ``format`` — ``"crisis-sim-result/2"`` (version 1 files are still read: see below);
- ``scenario`` — :class:`ScenarioInfo`: id, title, content_hash, language, type, difficulty,
  summary, version, path, turns (label, phase), metrics (id, label, start, min, max, good),
  weights, stakeholders (id, name, owners, deadline, weight), decisions (id, role, turn, prompt,
  kind), statements (id, text, risk);
- ``seed``, ``started_at``/``finished_at`` (ISO 8601 wall-clock times or None), ``duration``
  (seconds of session time), ``finished``;
- ``seats`` — :class:`SeatInfo` per role (role, label, player, bot); ``players`` (property)
  lists the distinct labels;
- ``answers`` (:class:`AnswerEntry`), ``messages`` (:class:`MessageEntry`), ``events_fired``
  (:class:`EventEntry`), ``metrics_start`` and ``metrics_history`` (metrics after every turn),
  ``required`` (stakeholders required at their deadline), ``ending`` (:class:`EndingInfo`);
- ``scores`` — :class:`ScoreTable`: ``team``, ``roles[role]``, ``players[label]``, each a
  :class:`~game.scoring.ScoreCard` (speed, priorities, communication, total: 0–100 or None);
- ``deductions`` and ``strengths`` — :class:`Grouped` lists of
  :class:`~game.scoring.Deduction` / :class:`~game.scoring.Strength` with the same
  ``team``/``roles``/``players`` keys; each keeps its ``kind`` and ``params`` (ids, numbers,
  the scenario's raw text), never words: the sentence is made when it is read, in the reader's
  language (:mod:`game.scoring.explain`);
- ``objectives`` — :class:`~game.scoring.ObjectiveRating` (id, text, score, rating P/S/M/U or
  None, items);
- ``cohort`` — the class the game was played in (``--cohort``), or None; ``feedback`` — the
  hotwash (:class:`FeedbackEntry` per person: went well, to improve, :class:`Confidence` per
  objective before/after, 1–5); ``facilitator_notes``; ``exercise`` — a network game's team
  chat, evaluator notes and P/S/M/U ratings (:class:`Exercise`).  These four are optional and
  left out of the JSON while empty.

:meth:`Result.evidence` rebuilds the scoring input, so a result can be re-scored against its
scenario (``score_game(scenario, result.evidence())``).

Version 1 files (before words were made at the edge) kept English sentences: a deduction's
``reason`` and ``action``, a strength's ``reason``, the ending's ``causes`` as lines.  They are
read into the same classes with that text kept (``text``/``advice``), and shown as stored.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
import cattrs.gen
import cattrs.v
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote

from game.engine.records import AnswerRecord, MessageRecord
from game.files import UnreadableFile, read_text_limited, write_atomic
from game.i18n import _
from game.report.causes import Cause, ending_causes
from game.scoring import (
    Deduction,
    Evidence,
    ObjectiveItem,
    ObjectiveRating,
    ScoreCard,
    Scores,
    Strength,
    score_session,
)

RESULT_FORMAT = "crisis-sim-result/2"
#: The formats this version reads (the first kept English sentences instead of parameters).
READABLE_FORMATS = ("crisis-sim-result/1", RESULT_FORMAT)
#: Bounds on a deduction's, strength's or cause's parameters read from a file (hostile input).
MAX_PARAMS, MAX_PARAM_ITEMS, MAX_PARAM_TEXT = 32, 200, 20_000
#: Results larger than this are refused before reading (a long game is well under 1 MiB).
MAX_RESULT_BYTES = 32 * 1024 * 1024

T = TypeVar("T")


class ResultError(Exception):
    """A result file or text that cannot be read; ``str(err)`` is the message to show."""


# --- the record -----------------------------------------------------------------------------


@attrs.frozen
class TurnInfo:
    label: str
    phase: str = "response"


@attrs.frozen
class MetricInfo:
    id: str
    label: str
    start: float
    min: float | None = None
    max: float | None = None
    good: str = "high"


@attrs.frozen
class StakeholderInfo:
    id: str
    name: str
    owners: tuple[str, ...] = ()
    deadline: int = 0
    weight: float = 1.0


@attrs.frozen
class DecisionInfo:
    id: str
    role: str
    turn: int
    prompt: str
    kind: str = "choice"


@attrs.frozen
class StatementInfo:
    id: str
    text: str
    risk: str | None = None


@attrs.frozen
class ScenarioInfo:
    id: str
    title: str
    content_hash: str = ""
    language: str = "en"
    type: str = "other"
    difficulty: str = "standard"
    summary: str = ""
    version: str | None = None
    path: str = ""
    turns: tuple[TurnInfo, ...] = ()
    metrics: tuple[MetricInfo, ...] = ()
    weights: dict[str, float] = attrs.Factory(dict)
    stakeholders: tuple[StakeholderInfo, ...] = ()
    decisions: tuple[DecisionInfo, ...] = ()
    statements: tuple[StatementInfo, ...] = ()
    #: objective id -> the HSEEP core capability it exercises (objectives that name one)
    capabilities: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class SeatInfo:
    role: str
    label: str
    player: str | None = None
    bot: str | None = None


@attrs.frozen
class AnswerEntry:
    """How one decision was resolved (the engine's ``AnswerRecord``; times in session seconds).

    The same fields as the engine's record, on purpose as a class of its own: the result file
    is a versioned format, and a change to the engine's in-memory records must not change it
    silently (``MessageEntry`` likewise)."""

    decision: str
    role: str
    turn: int
    option: str | None
    order: tuple[str, ...] | None
    shown_at: float | None
    answered_at: float | None
    resolved_at: float
    time_limit: float
    elapsed: float | None
    timed_out: bool
    skipped: bool
    applied_option: str | None


@attrs.frozen
class MessageEntry:
    role: str
    stakeholders: tuple[str, ...]
    channel: str
    statements: tuple[str, ...]
    turn: int
    at: float
    #: False when the channel was down and the message reached nobody (absent in older files)
    delivered: bool = True


@attrs.frozen
class EventEntry:
    event: str
    turn: int
    at: float
    headline: str = ""


@attrs.frozen
class EndingInfo:
    """The ending reached; ``causes`` name the team's own actions that led to it (see
    :mod:`game.report.causes`; absent in older files)."""

    id: str
    title: str
    text: str = ""
    causes: tuple[Cause, ...] = ()


@attrs.frozen
class Confidence:
    """A person's confidence in meeting one objective, 1 (low) to 5 (high), before and after."""

    objective: str
    before: int | None = attrs.field(default=None, validator=lambda i, a, v: _scale(a.name, v))
    after: int | None = attrs.field(default=None, validator=lambda i, a, v: _scale(a.name, v))


def _scale(name: str, value: int | None) -> None:
    if value is not None and not 1 <= value <= 5:
        raise ValueError(f"{name}: expected 1 to 5, found {value}")


@attrs.frozen
class FeedbackEntry:
    """One person's hotwash answers, given after the debrief (HSEEP participant feedback)."""

    player: str
    went_well: str = ""
    to_improve: str = ""
    confidence: tuple[Confidence, ...] = ()


@attrs.frozen
class ScoreTable:
    team: ScoreCard
    roles: dict[str, ScoreCard] = attrs.Factory(dict)
    players: dict[str, ScoreCard] = attrs.Factory(dict)


@attrs.frozen
class GroupedDeductions:
    team: tuple[Deduction, ...] = ()
    roles: dict[str, tuple[Deduction, ...]] = attrs.Factory(dict)
    players: dict[str, tuple[Deduction, ...]] = attrs.Factory(dict)


@attrs.frozen
class GroupedStrengths:
    team: tuple[Strength, ...] = ()
    roles: dict[str, tuple[Strength, ...]] = attrs.Factory(dict)
    players: dict[str, tuple[Strength, ...]] = attrs.Factory(dict)


@attrs.frozen
class ChatLine:
    """One team-chat line of a networked exercise (``to`` None: to the whole team)."""

    sender: str
    name: str
    to: str | None
    text: str
    turn: int
    at: float


@attrs.frozen
class EvaluatorNote:
    """A timestamped note of the evaluator (or facilitator), optionally rating an objective."""

    by: str
    text: str
    objective: str | None
    rating: str | None
    turn: int
    at: float
    wall: str | None = None


@attrs.frozen
class StandIn:
    """A bot that played a person's seat while they were away (``until_turn`` None: to the
    end), so the report does not credit or blame the person for those turns."""

    role: str
    policy: str
    from_turn: int
    until_turn: int | None = None


@attrs.frozen
class Exercise:
    """What a networked exercise adds to the record: the team chat, the evaluator's notes and
    their P/S/M/U rating of each objective (beside the automatic ones), and whether the
    facilitator ended the game early (the decisions left were skipped)."""

    chat: tuple[ChatLine, ...] = ()
    notes: tuple[EvaluatorNote, ...] = ()
    evaluator_ratings: dict[str, str] = attrs.field(factory=dict)
    ended_by_facilitator: bool = False
    stand_ins: tuple[StandIn, ...] = ()


@attrs.frozen
class Result:
    format: str
    scenario: ScenarioInfo
    seed: int
    seats: tuple[SeatInfo, ...]
    answers: tuple[AnswerEntry, ...]
    messages: tuple[MessageEntry, ...]
    metrics_start: dict[str, float]
    metrics_history: tuple[dict[str, float], ...]
    events_fired: tuple[EventEntry, ...]
    ending: EndingInfo | None
    required: tuple[str, ...]
    scores: ScoreTable
    deductions: GroupedDeductions
    strengths: GroupedStrengths
    objectives: tuple[ObjectiveRating, ...]
    started_at: str | None = None
    finished_at: str | None = None
    duration: float = 0.0
    finished: bool = True
    #: the class or session the game was played in (``--cohort``), or None
    cohort: str | None = None
    #: the hotwash: each person's feedback form, and the facilitator's notes
    feedback: tuple[FeedbackEntry, ...] = ()
    facilitator_notes: str = ""
    #: a game played over the network: team chat, evaluator notes and ratings, or None
    exercise: Exercise | None = None

    # --- reading helpers --------------------------------------------------------------------

    @property
    def players(self) -> tuple[str, ...]:
        """Distinct player labels in seat order."""
        return tuple(dict.fromkeys(s.label for s in self.seats))

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(s.role for s in self.seats)

    def player_roles(self, label: str) -> tuple[str, ...]:
        return tuple(s.role for s in self.seats if s.label == label)

    def evidence(self) -> Evidence:
        """The scoring input, to re-score this game against its scenario."""
        return Evidence(
            roles=self.roles,
            answers=tuple(AnswerRecord(**attrs.asdict(a, recurse=False)) for a in self.answers),
            messages=tuple(MessageRecord(**attrs.asdict(m, recurse=False)) for m in self.messages),
            required=frozenset(self.required),
            seats=tuple((s.role, s.label) for s in self.seats),
        )

    # --- JSON -------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """JSON-able data; numbers are written the same way whatever type they came in as.

        The optional fields added after the format was released (cohort, hotwash) are left out
        while empty, so a game without them gives the very same text as before."""
        data = _tidy(_CONV.unstructure(self))
        for key, empty in _OPTIONAL_EMPTY.items():
            if data.get(key) == empty:
                del data[key]
        if not data["scenario"].get("capabilities"):
            del data["scenario"]["capabilities"]
        return data

    def to_json(self) -> str:
        """Pretty, UTF-8 JSON text ending in a newline; the same result gives the same text."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"

    @classmethod
    def from_dict(cls, data: Any) -> Result:
        """Validate and build; raises :class:`ResultError` naming the first bad fields."""
        if not isinstance(data, dict):
            raise ResultError(_("not a Crisis Tabletop result (expected a JSON object)"))
        fmt = data.get("format")
        if fmt is None:
            raise ResultError(_('not a Crisis Tabletop result (it has no "format" key)'))
        if fmt not in READABLE_FORMATS:
            if isinstance(fmt, str) and fmt.startswith("crisis-sim-result/"):
                raise ResultError(
                    _(
                        'result format "{found}" is not one this version of the game can read '
                        '(it reads "{known}"); update the game to read it'
                    ).format(found=fmt[:60], known=RESULT_FORMAT)
                )
            raise ResultError(
                _('not a Crisis Tabletop result (format is {found}, expected "{known}")').format(
                    found=json.dumps(fmt)[:60], known=RESULT_FORMAT
                )
            )
        if fmt != RESULT_FORMAT:
            data = _from_version_1(data)
        try:
            return _CONV.structure(data, cls)
        except (ClassValidationError, IterableValidationError) as exc:
            problems = cattrs.transform_error(exc, path="$", format_exception=_format_error)
            shown = "; ".join(problems[:5])
            if len(problems) > 5:
                raise ResultError(
                    _("invalid result: {problems} (and {n} more)").format(
                        problems=shown, n=len(problems) - 5
                    )
                ) from None
            raise ResultError(_("invalid result: {problems}").format(problems=shown)) from None

    @classmethod
    def from_json(cls, text: str) -> Result:
        try:
            data = json.loads(text, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise ResultError(
                _("not valid JSON (line {line}, column {column}: {error})").format(
                    line=exc.lineno, column=exc.colno, error=exc.msg
                )
            ) from None
        except ValueError as exc:
            raise ResultError(_("not valid JSON ({error})").format(error=exc)) from None
        except RecursionError:
            raise ResultError(_("not valid JSON (nested too deeply)")) from None
        return cls.from_dict(data)


def _from_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """A version 1 record in version 2's shape: its English sentences kept as stored text
    (``reason`` → ``text``, ``action`` → ``advice``; a cause line → a cause with that text).
    Anything not shaped as expected is left for validation to report."""
    data = {**data, "format": RESULT_FORMAT}

    def entries(group: Any, renames: dict[str, str]) -> Any:
        if not isinstance(group, dict):
            return group
        out = dict(group)
        for scope in ("team", "roles", "players"):
            items = out.get(scope)
            if scope == "team":
                out[scope] = _renamed(items, renames)
            elif isinstance(items, dict):
                out[scope] = {k: _renamed(v, renames) for k, v in items.items()}
        return out

    data["deductions"] = entries(data.get("deductions"), {"reason": "text", "action": "advice"})
    data["strengths"] = entries(data.get("strengths"), {"reason": "text"})
    ending = data.get("ending")
    if isinstance(ending, dict) and isinstance(ending.get("causes"), list):
        data["ending"] = {
            **ending,
            "causes": [
                {"kind": "text", "text": c} if isinstance(c, str) else c for c in ending["causes"]
            ],
        }
    return data


def _renamed(items: Any, renames: dict[str, str]) -> Any:
    if not isinstance(items, list):
        return items
    return [
        {renames.get(k, k): v for k, v in item.items()} if isinstance(item, dict) else item
        for item in items
    ]


def _check_param(value: Any, depth: int = 0) -> Any:
    """A parameter as a file may hold it: text, a number, true/false, null, or a list of them
    (lists of lists for pairs), bounded in length; raises ValueError otherwise."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        if len(value) > MAX_PARAM_TEXT:
            raise ValueError(f"expected text of at most {MAX_PARAM_TEXT:,} characters")
        return value
    if isinstance(value, int | float):
        if not _is_number(value):
            raise ValueError(f"expected a number, found {_kind(value)}")
        return value
    if isinstance(value, list) and depth < 2:
        if len(value) > MAX_PARAM_ITEMS:
            raise ValueError(f"expected a list of at most {MAX_PARAM_ITEMS} items")
        return [_check_param(v, depth + 1) for v in value]
    raise ValueError(f"expected text, a number or a list, found {_kind(value)}")


#: Later, optional fields of the record and their empty value (left out of the JSON when empty).
_OPTIONAL_EMPTY: dict[str, Any] = {
    "cohort": None,
    "feedback": [],
    "facilitator_notes": "",
    "exercise": None,
}


def _tidy(value: Any) -> Any:
    """Whole floats as integers, other floats to 4 decimals, tuples as lists: stable text."""
    if isinstance(value, float):
        r = round(value, 4)
        return int(r) if r == int(r) else r
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_tidy(v) for v in value]
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


# --- building ---------------------------------------------------------------------------------


def build_result(
    session: Any,
    *,
    started_at: str | None = None,
    finished_at: str | None = None,
    scores: Scores | None = None,
    cohort: str | None = None,
) -> Result:
    """The result record of a session (finished or not): history, scores, deductions.

    ``started_at``/``finished_at`` are wall-clock times (ISO 8601 text) the front-end knows;
    the engine itself never reads the wall clock.  ``scores`` may be passed when already
    computed (``score_session(session)``).  ``cohort`` tags the game with its class
    (``--cohort``; see :func:`game.cohort.clean_cohort`).
    """
    sc = session.scenario
    scores = scores if scores is not None else score_session(session)
    seats = session.seats.values() if isinstance(session.seats, dict) else session.seats
    headline = {i.id: i.headline for i in sc.events}
    log = getattr(session, "log", None) or []
    duration = float(log[-1].at) if log else 0.0
    statuses = session.stakeholder_status()
    info = ScenarioInfo(
        id=sc.id,
        title=sc.title,
        content_hash=sc.content_hash,
        language=sc.language,
        type=sc.type,
        difficulty=sc.difficulty,
        summary=sc.summary,
        version=str(sc.version) if sc.version is not None else None,
        path=sc.path,
        turns=tuple(TurnInfo(t.label, t.phase) for t in sc.turns),
        metrics=tuple(MetricInfo(m.id, m.title, m.start, m.min, m.max, m.good) for m in sc.metrics),
        weights={
            "speed": sc.scoring.weights.speed,
            "priorities": sc.scoring.weights.priorities,
            "communication": sc.scoring.weights.communication,
        },
        stakeholders=tuple(
            StakeholderInfo(s.id, s.name, tuple(sc.owners_of(s)), sc.deadline_of(s), s.weight)
            for s in sc.stakeholders
        ),
        decisions=tuple(DecisionInfo(d.id, d.role, n, d.prompt, d.kind) for n, d in sc.decisions()),
        statements=tuple(StatementInfo(s.id, s.text, s.risk) for s in sc.statements),
        capabilities={o.id: o.capability for o in sc.objectives if getattr(o, "capability", "")},
    )
    ending = session.ending
    return Result(
        format=RESULT_FORMAT,
        scenario=info,
        seed=session.seed,
        seats=tuple(SeatInfo(s.role, s.label, s.player, s.bot) for s in seats),
        answers=tuple(AnswerEntry(**attrs.asdict(a, recurse=False)) for a in session.answers),
        messages=tuple(MessageEntry(**attrs.asdict(m, recurse=False)) for m in session.messages),
        metrics_start={m.id: m.start for m in sc.metrics},
        metrics_history=tuple(dict(m) for m in session.metrics_history),
        events_fired=tuple(
            EventEntry(e.event, e.turn, e.at, headline.get(e.event, ""))
            for e in session.events_fired
        ),
        ending=(
            EndingInfo(ending.id, ending.title, ending.text, ending_causes(session))
            if ending is not None
            else None
        ),
        required=tuple(st.stakeholder.id for st in statuses if st.required_now),
        scores=ScoreTable(
            team=scores.team.card,
            roles={r: g.card for r, g in scores.roles.items()},
            players={p: g.card for p, g in scores.players.items()},
        ),
        deductions=GroupedDeductions(
            team=scores.team.deductions,
            roles={r: g.deductions for r, g in scores.roles.items()},
            players={p: g.deductions for p, g in scores.players.items()},
        ),
        strengths=GroupedStrengths(
            team=scores.team.strengths,
            roles={r: g.strengths for r, g in scores.roles.items()},
            players={p: g.strengths for p, g in scores.players.items()},
        ),
        objectives=scores.objectives,
        started_at=started_at,
        finished_at=finished_at,
        duration=duration,
        finished=bool(session.finished),
        cohort=cohort or None,
    )


# --- files ----------------------------------------------------------------------------------


def write_result(result: Result, path: str | os.PathLike[str]) -> Path:
    """Write the record as JSON, atomically."""
    return write_atomic(path, result.to_json())


def load_result(path: str | os.PathLike[str]) -> Result:
    """Read and validate a result file; every problem is a :class:`ResultError` naming it."""
    p = Path(path)
    try:
        text = read_text_limited(p, max_bytes=MAX_RESULT_BYTES, what="result file")
    except UnreadableFile as exc:
        raise ResultError(str(exc)) from None
    try:
        return Result.from_json(text)
    except ResultError as exc:
        raise ResultError(f"{p}: {exc}") from None


# --- the converter ----------------------------------------------------------------------------


def _strict(tp: type, check: Callable[[Any], bool], what: str) -> Callable[[Any, type], Any]:
    def hook(value: Any, _: type) -> Any:
        if not check(value):
            raise ValueError(f"expected {what}, found {_kind(value)}")
        return tp(value)

    return hook


def _kind(value: Any) -> str:
    """How a JSON value is described in errors: its type and a short excerpt."""
    names = {str: "text", bool: "true/false", int: "a number", float: "a number"}
    if value is None:
        return "null"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    excerpt = json.dumps(value, ensure_ascii=False)
    if len(excerpt) > 30:
        excerpt = excerpt[:29] + "…"
    return f"{names.get(type(value), type(value).__name__)} {excerpt}"


def _format_error(exc: BaseException, tp: type | None) -> str:
    if isinstance(exc, ValueError) and str(exc).startswith("expected"):
        return str(exc)
    return cattrs.v.format_exception(exc, tp)


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _round(value: float | None, digits: int = 2) -> float | None:
    if value is None:
        return None
    r = round(float(value), digits)
    return int(r) if r == int(r) else r


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=True)
    conv.register_structure_hook(str, _strict(str, lambda v: isinstance(v, str), "text"))
    conv.register_structure_hook(
        int,
        _strict(int, lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number"),
    )
    conv.register_structure_hook(float, _strict(float, _is_number, "a number"))
    conv.register_structure_hook(bool, _strict(bool, lambda v: isinstance(v, bool), "true/false"))

    def seq_factory(tp: Any) -> Callable[[Any, type], tuple[Any, ...]]:
        (item_tp, *_rest) = get_args(tp)
        item = conv.get_structure_hook(item_tp)

        def hook(value: Any, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise ValueError(f"expected a list, found {_kind(value)}")
            out, errors = [], []
            for i, v in enumerate(value):
                try:
                    out.append(item(v, item_tp))
                except Exception as exc:
                    exc.add_note(IterableValidationNote(f"Structuring @ index {i}", i, item_tp))
                    errors.append(exc)
            if errors:
                raise IterableValidationError("invalid list", errors, tp)
            return tuple(out)

        return hook

    def dict_factory(tp: Any) -> Callable[[Any, type], dict[str, Any]]:
        _k, val_tp = get_args(tp)
        if val_tp is Any:  # the parameters of a deduction, strength or cause
            return params_hook
        val = conv.get_structure_hook(val_tp)

        def hook(value: Any, _: type) -> dict[str, Any]:
            if not isinstance(value, dict):
                raise ValueError(f"expected an object, found {_kind(value)}")
            out, errors = {}, []
            for k, v in value.items():
                try:
                    out[str(k)] = val(v, val_tp)
                except Exception as exc:
                    exc.add_note(IterableValidationNote(f"Structuring @ key {k!r}", k, val_tp))
                    errors.append(exc)
            if errors:
                raise IterableValidationError("invalid object", errors, tp)
            return out

        return hook

    def params_hook(value: Any, _: type) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise ValueError(f"expected an object, found {_kind(value)}")
        if len(value) > MAX_PARAMS:
            raise ValueError(f"expected at most {MAX_PARAMS} parameters, found {len(value)}")
        return {str(k): _check_param(v) for k, v in value.items()}

    conv.register_structure_hook_factory(lambda t: get_origin(t) is tuple, seq_factory)
    conv.register_structure_hook_factory(lambda t: get_origin(t) is dict, dict_factory)

    def class_factory(cls: type) -> Callable[[Any, type], Any]:
        inner = cattrs.gen.make_dict_structure_fn(cls, conv, _cattrs_detailed_validation=True)

        def hook(value: Any, _: type) -> Any:
            if not isinstance(value, dict):
                raise ValueError(f"expected an object, found {_kind(value)}")
            return inner(value, cls)

        return hook

    conv.register_structure_hook_factory(attrs.has, class_factory)

    # Unstructuring: rounded numbers so files stay readable and stable.
    def card(c: ScoreCard) -> dict[str, Any]:
        return {
            "speed": _round(c.speed, 1),
            "priorities": _round(c.priorities, 1),
            "communication": _round(c.communication, 1),
            "total": _round(c.total, 1),
            "decisions": c.decisions,
            "comm_weight": _round(c.comm_weight, 3),
            "comm_base": _round(c.comm_base, 1),
            "penalties": _round(c.penalties, 1),
        }

    conv.register_unstructure_hook(ScoreCard, card)

    def without_empty(data: dict[str, Any], *keys: str) -> dict[str, Any]:
        """Stored text is only kept by records read from version 1 files."""
        for key in keys:
            if not data.get(key):
                data.pop(key, None)
        return data

    base_deduction = cattrs.gen.make_dict_unstructure_fn(Deduction, conv)
    conv.register_unstructure_hook(
        Deduction,
        lambda d: without_empty(
            {**base_deduction(d), "points": _round(d.points, 2)}, "text", "advice"
        ),
    )
    base_strength = cattrs.gen.make_dict_unstructure_fn(Strength, conv)
    conv.register_unstructure_hook(Strength, lambda s: without_empty(base_strength(s), "text"))
    base_cause = cattrs.gen.make_dict_unstructure_fn(Cause, conv)
    conv.register_unstructure_hook(Cause, lambda c: without_empty(base_cause(c), "text", "params"))
    base_objective = cattrs.gen.make_dict_unstructure_fn(ObjectiveRating, conv)
    conv.register_unstructure_hook(
        ObjectiveRating, lambda o: {**base_objective(o), "score": _round(o.score, 1)}
    )
    base_item = cattrs.gen.make_dict_unstructure_fn(ObjectiveItem, conv)
    conv.register_unstructure_hook(
        ObjectiveItem, lambda i: {**base_item(i), "score": _round(i.score, 1)}
    )
    return conv


_CONV = _make_converter()
