"""A JSON Schema (draft 2020-12) of scenario translation tables, for editors.

The keys a table may hold follow the scenario's ids (``game.scenario.translation``); the schema
knows their shapes, not a particular scenario's ids: ``crisis-sim validate`` checks those.
"""

from __future__ import annotations

import json
from typing import Any

from game.scenario import model
from game.scenario.schema import ID_PATTERN, NAME_PATTERN
from game.scenario.translation import HASH_CHARS, TRANSLATION_FORMAT

SCHEMA_ID = "https://crisis-tabletop.invalid/schema/crisis-sim-translation-1.json"

_ID = ID_PATTERN.strip("^$")
_NAME = NAME_PATTERN.strip("^$")


def _one_of(words: tuple[str, ...]) -> str:
    return "(" + "|".join(words) + ")"


#: Every shape of key, with what it translates (shown by editors on hover).
KEY_PATTERNS: dict[str, str] = {
    r"^(title|summary|briefing|author)$": "The scenario's title, summary, briefing or author",
    rf"^role\.{_one_of(model.ROLE_IDS)}\.brief$": "A role's brief",
    rf"^metric\.{_NAME}\.label$": "A metric's label",
    rf"^stakeholder\.{_ID}\.name$": "A stakeholder's name",
    rf"^statement\.{_ID}\.text$": "A statement's text",
    r"^turn\.[1-9][0-9]*\.label$": "A turn's label, turns counted from 1",
    rf"^inject\.{_ID}\.(headline|from|body|controller|notes)$": "A text of an inject or event",
    rf"^decision\.{_ID}\.(prompt|why)$": "A decision's prompt or why",
    rf"^decision\.{_ID}\.option\.{_ID}\.(text|why)$": "An option's text or why",
    rf"^decision\.{_ID}\.item\.{_ID}\.text$": "A rank item's text",
    rf"^channel\.{_one_of(model.MESSAGE_CHANNELS)}\.reason$": "Why a channel is down",
    rf"^ending\.{_ID}\.(title|text)$": "An ending's title or text",
    rf"^objective\.{_ID}\.(text|capability)$": "An objective's text or core capability",
    rf"^keypoint\.{_ID}$": "A key point's words (its source text is its id)",
    rf"^flag\.{_NAME}$": "A flag's words (its source text is its id)",
}


def translation_schema() -> dict[str, Any]:
    text = {"type": ["string", "null"]}
    digest = {"type": "string", "pattern": f"^[0-9a-f]{{{HASH_CHARS}}}$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Crisis Tabletop scenario translation (format {TRANSLATION_FORMAT})",
        "description": "A string table translating one scenario: "
        "translations/<scenario file stem>.<language>.yaml beside the scenario. Shapes only: "
        "run `crisis-sim validate` to check the keys against the scenario.",
        "type": "object",
        "properties": {
            "format": {"const": TRANSLATION_FORMAT, "description": "File format version"},
            "scenario": {
                "type": "string",
                "pattern": "^[a-z0-9][a-z0-9-]*$",
                "description": "The id of the scenario translated",
            },
            "language": {
                "type": "string",
                "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
                "description": "BCP 47 language tag of the translation, e.g. zh-Hant",
            },
            "strings": {
                "type": ["object", "null"],
                "description": "Translated text by key; a missing or empty string shows the "
                "scenario's own text",
                "patternProperties": {
                    p: {**text, "description": d} for p, d in KEY_PATTERNS.items()
                },
                "additionalProperties": False,
            },
            "sources": {
                "type": ["object", "null"],
                "description": "Written by crisis-sim translate: a hash of the source text each "
                "string was translated from (validate warns when it changes)",
                "patternProperties": {p: digest for p in KEY_PATTERNS},
                "additionalProperties": False,
            },
        },
        "required": ["format", "scenario", "language", "strings"],
        "additionalProperties": False,
    }


def translation_schema_json() -> str:
    return json.dumps(translation_schema(), indent=2, ensure_ascii=False) + "\n"
