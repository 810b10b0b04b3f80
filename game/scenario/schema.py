"""A JSON Schema (draft 2020-12) of the scenario format, derived from the model.

Generated from the attrs classes so it cannot drift from what the loader accepts; the
descriptions are what editors show on hover and in completion lists.  The schema checks
shapes only: cross-references and conditions are the loader's job (``crisis-sim validate``).
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any, Literal, get_args, get_origin

import attrs

from game.scenario import model
from game.scenario.conditions import Condition
from game.scenario.structure import KEYED, NOT_IN_FILE, RENAMED

SCHEMA_ID = "https://crisis-tabletop.invalid/schema/crisis-sim-1.json"

ID_PATTERN = "^[a-z0-9][a-z0-9_-]*$"
NAME_PATTERN = "^[a-z][a-z0-9_]*$"

DESCRIPTIONS: dict[str, str] = {
    "Scenario.format": "File format version: crisis-sim/1",
    "Scenario.id": "Scenario id, a slug unique in its folder: [a-z0-9][a-z0-9-]*",
    "Scenario.title": "Shown in scenario select",
    "Scenario.type": "Kind of crisis",
    "Scenario.summary": "One paragraph shown in scenario select",
    "Scenario.briefing": "The situation read to all players before turn 1",
    "Scenario.language": "BCP 47 language tag (default en)",
    "Scenario.difficulty": "intro, standard (default) or advanced",
    "Scenario.estimated_minutes": "How long a game takes, in minutes",
    "Scenario.roles": "Roles taking part (default: all five), each with an optional brief",
    "Scenario.metrics": "The numeric state of the crisis: id -> metric",
    "Scenario.flags": "Boolean state names, all false at the start",
    "Scenario.stakeholders": "Who must be informed, by when, about what: id -> stakeholder",
    "Scenario.statements": "The building blocks of messages",
    "Scenario.turns": "The timeline, played in order",
    "Scenario.events": "Injects that fire once when their condition holds (from turn 2 on)",
    "Scenario.endings": "Checked in order after the last turn; the last one has no when",
    "Scenario.objectives": "Exercise objectives, rated P/S/M/U in the after-action report",
    "Scenario.scoring": "Weights of the three scores",
    "Role.brief": "What this role is told before the game",
    "Metric.start": "Value at the start of the game",
    "Metric.label": "Name shown to players (default: the id)",
    "Metric.min": "Lower bound; values are clamped",
    "Metric.max": "Upper bound; values are clamped",
    "Metric.good": "Which way is better: high (default) or low",
    "Stakeholder.name": "Shown to players",
    "Stakeholder.owner": "Roles expected to inform them (default: every role in play)",
    "Stakeholder.inform_by": "Last turn (inclusive) by which they must be informed (default: last)",
    "Stakeholder.expects": "Key points their messages must cover by the deadline",
    "Stakeholder.weight": "Importance in the communication score (default 1)",
    "Stakeholder.required_when": "Only required when this condition holds at the deadline",
    "Statement.text": "What the message says, shown to players",
    "Statement.covers": "Key points this statement covers",
    "Statement.risk": "A risky statement costs communication score, unless every recipient "
    "may hear it (may_hear, cleared_for)",
    "Statement.cleared_for": "Stakeholders that may hear this risky statement without cost; "
    "for them it covers its key points",
    "Stakeholder.may_hear": "Risk kinds this stakeholder may hear without cost "
    "(e.g. the Board: confidential)",
    "Stakeholder.public": "What this stakeholder hears is published (the media): every message "
    "to it is public",
    "Decision.weight": "Stakes: how much this decision counts in speed and priorities (default 1)",
    "Decision.speed_counts": "false for a decision that is not about speed (planning, review): "
    "left out of the speed score",
    "Scenario.channels": "When message channels are down: channel -> {down_when, reason}",
    "Channel.down_when": "While this condition holds, messages over the channel are not delivered",
    "Channel.reason": "Told to the sender and in the debrief, e.g. Email is encrypted",
    "Statement.contradicts": "Statements that contradict this one (sending both costs score)",
    "Statement.when": "Only usable while this condition holds",
    "Inject.channel": "How it arrives",
    "Inject.from": "Sender shown to players",
    "Inject.to": "Roles who see it (default: all in play)",
    "Inject.headline": "One line shown in the feed",
    "Inject.body": "Full text",
    "Inject.image": "Picture, relative to the scenario file, inside its folder",
    "Inject.when": "Condition; for events required, checked at the start of each turn",
    "Option.rating": "best, good, poor or harmful: drives the priorities score",
    "Option.why": "Shown in the debrief: why this option is rated so",
    "Decision.role": "The role who decides",
    "Decision.prompt": "The question shown to the player",
    "Decision.kind": "choice (default, with options) or rank (with items and expected)",
    "Decision.time_limit": "Seconds of real time to answer (default 90)",
    "Decision.when": "Only asked when this condition holds at the start of the turn",
    "Decision.on_timeout": "Option applied when time runs out (default: nothing happens)",
    "Decision.expected": "The best order of the rank items (a permutation of their ids)",
    "Decision.why": "Shown in the debrief: why the expected order is right",
    "Turn.label": "In-game clock shown to players, e.g. Mon 06:10 (T+0h)",
    "Turn.phase": "preparation, response (default) or recovery",
    "Ending.when": "This ending is chosen when the condition holds (none on the last ending)",
    "Objective.measures": "Decision and stakeholder ids whose scores rate this objective",
    "Weights.speed": "Weight of the speed score",
    "Weights.priorities": "Weight of the priorities score",
    "Weights.communication": "Weight of the communication score",
}


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        args = [a for a in get_args(tp) if a is not type(None)]
        inner = (
            _type_schema(args[0], defs)
            if len(args) == 1
            else {"anyOf": [_type_schema(a, defs) for a in args]}
        )
        return {"anyOf": [inner, {"type": "null"}]} if type(None) in get_args(tp) else inner
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin is tuple:
        item = get_args(tp)[0]
        if item in KEYED:
            _class_def(item, defs)
            return {
                "type": ["object", "null"],
                "additionalProperties": {
                    "anyOf": [{"$ref": f"#/$defs/{item.__name__}"}, {"type": "null"}]
                },
            }
        return {"type": ["array", "null"], "items": _type_schema(item, defs)}
    if origin is dict:
        return {
            "type": ["object", "null"],
            "additionalProperties": {"type": "number"},
            "propertyNames": {"pattern": NAME_PATTERN},
        }
    if tp is Condition:
        return {
            "type": ["string", "boolean"],
            "description": 'A condition, e.g. "containment >= 50"',
        }
    if tp is model.Text:
        return {"type": ["string", "number"]}
    if tp is str:
        return {"type": ["string", "integer"]}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if attrs.has(tp):
        _class_def(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no schema for {tp!r}")


def _class_def(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    if cls.__name__ in defs:
        return defs[cls.__name__]
    defs[cls.__name__] = {}  # reserve against recursion
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    for a in attrs.fields(cls):
        if a.name in NOT_IN_FILE or (cls in KEYED and a.name == "id"):
            continue
        key = RENAMED.get(a.name, a.name)
        schema = dict(_type_schema(hints[a.name], defs))
        desc = DESCRIPTIONS.get(f"{cls.__name__}.{key}")
        if desc:
            schema["description"] = desc
        if a.name == "id":
            schema["pattern"] = "^[a-z0-9][a-z0-9-]*$" if cls is model.Scenario else ID_PATTERN
        props[key] = schema
        if a.default is attrs.NOTHING:
            required.append(key)
    body: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        body["required"] = required
    defs[cls.__name__] = body
    return body


def scenario_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _class_def(model.Scenario, defs)
    del defs["Scenario"]
    root = dict(root)
    root["properties"] = dict(root["properties"])
    root["properties"]["format"] = {**root["properties"]["format"], "const": model.FORMAT_V1}
    root["properties"]["roles"] = {
        "description": DESCRIPTIONS["Scenario.roles"],
        "type": ["object", "null"],
        "propertyNames": {"enum": list(model.ROLE_IDS)},
        "additionalProperties": {"anyOf": [{"$ref": "#/$defs/Role"}, {"type": "null"}]},
    }
    root["properties"]["flags"]["items"] = {"type": "string", "pattern": NAME_PATTERN}
    root["properties"]["metrics"]["propertyNames"] = {"pattern": NAME_PATTERN}
    root["properties"]["stakeholders"]["propertyNames"] = {"pattern": ID_PATTERN}
    root["properties"]["channels"]["propertyNames"] = {"enum": list(model.MESSAGE_CHANNELS)}
    role_enum = {"enum": list(model.ROLE_IDS)}
    defs["Decision"]["properties"]["role"] = {**defs["Decision"]["properties"]["role"], **role_enum}
    for cls, key in (("Inject", "to"), ("Stakeholder", "owner")):
        prop = defs[cls]["properties"][key]
        defs[cls]["properties"][key] = {
            **prop,
            "anyOf": [{"type": "array", "items": role_enum}, {"type": "null"}],
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Crisis Tabletop scenario (format crisis-sim/1)",
        "description": "Scenario file for Crisis Tabletop. Shapes only: run `crisis-sim validate` "
        "for cross-references, conditions and warnings.",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def schema_json() -> str:
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
