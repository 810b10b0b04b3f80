"""Hypothesis strategies for scenario *files*: valid YAML texts, and mutations of them.

``scenario_documents()`` draws a scenario as plain data (what a YAML reader returns) that
follows every rule of ``SCENARIO_FORMAT.md``; ``scenario_texts()`` writes it as YAML in a
random style (block or flow, wrapped lines, unicode escaped or not, optional modeline), the
way different authors and editors would.  ``mutations()`` breaks a valid file the way authors
and hostile senders do: deleted keys, values of the wrong kind, renamed ids, junk typed into
the text, a file cut at a random byte.

(``tests/strategies.py`` builds scenarios directly as model objects for the engine; these go
through the text, which is what the loader reads.)
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import attrs
import yaml
from hypothesis import strategies as st

from game.scenario.model import (
    DIFFICULTIES,
    INJECT_CHANNELS,
    MESSAGE_CHANNELS,
    PHASES,
    RATINGS,
    RISKS,
    ROLE_IDS,
    SCENARIO_TYPES,
)

#: Words the condition language reserves: a metric named so could not be referred to.
KEYWORDS = frozenset({"and", "or", "not", "true", "false", "turn", "flags", "chose", "informed"})
KEY_POINTS = ("facts", "actions", "guidance", "empathy", "next_update", "contact")
#: Keys every scenario must have.
REQUIRED_TOP = (
    "format",
    "id",
    "title",
    "type",
    "summary",
    "briefing",
    "metrics",
    "stakeholders",
    "statements",
    "turns",
    "endings",
)

#: Ids authors write, and any id the patterns allow (drawing from a regex is slow: mix both).
COMMON_IDS = ("soc-alert", "isolate", "no", "yes", "1", "007", "on", "null", "a_b-c", "x")
COMMON_NAMES = ("containment", "public_trust", "cost", "on", "yes", "null", "m2", "x_")
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
ids = st.sampled_from(COMMON_IDS) | st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True)
names = (
    st.sampled_from(COMMON_NAMES) | st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)
).filter(lambda s: s not in KEYWORDS)
#: Any text an author might type, in any script, including characters YAML must escape.
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
short_texts = st.sampled_from(
    ("Plain text", "Évacuation du bâtiment B", "火災報知器", 'A "quoted": colon', "yes", "1.10")
)
any_text = st.one_of(short_texts, texts)


@attrs.frozen
class Names:
    """What conditions and references may name."""

    metrics: tuple[str, ...]
    flags: tuple[str, ...]
    stakeholders: tuple[str, ...]
    #: decision id -> option ids (empty for rank decisions)
    decisions: tuple[tuple[str, tuple[str, ...]], ...]


# --- conditions -----------------------------------------------------------------------------


def _number(draw: st.DrawFn) -> str:
    n = draw(st.integers(0, 500))
    return draw(st.sampled_from((str(n), f"{n}.5", f"-{n}")))


def _numeric(draw: st.DrawFn, n: Names, depth: int) -> str:
    choices = ["number", "turn", "metric"] + (["sum", "parens"] if depth < 3 else [])
    kind = draw(st.sampled_from(choices))
    if kind == "number":
        return _number(draw)
    if kind == "turn":
        return "turn"
    if kind == "metric":
        return draw(st.sampled_from(n.metrics))
    if kind == "sum":
        op = draw(st.sampled_from(("+", "-", " + ", " - ")))
        return _numeric(draw, n, depth + 1) + op + _numeric(draw, n, depth + 1)
    return "(" + _numeric(draw, n, depth + 1) + ")"


def _boolean(draw: st.DrawFn, n: Names, depth: int = 0) -> str:
    kinds = ["true", "false", "compare"]
    if n.flags:
        kinds.append("flag")
    if n.decisions:
        kinds.append("chose")
    if n.stakeholders:
        kinds.append("informed")
    if depth < 3:
        kinds += ["not", "and", "or", "parens", "bool-eq"]
    kind = draw(st.sampled_from(kinds))
    if kind in ("true", "false"):
        return kind
    if kind == "flag":
        return draw(st.sampled_from(("flags.", "flags . "))) + draw(st.sampled_from(n.flags))
    if kind == "chose":
        did, options = draw(st.sampled_from(n.decisions))
        if options and draw(st.booleans()):
            return f"chose({did}.{draw(st.sampled_from(options))})"
        return draw(st.sampled_from(("chose({})", "chose( {} )"))).format(did)
    if kind == "informed":
        return f"informed({draw(st.sampled_from(n.stakeholders))})"
    if kind == "compare":
        op = draw(st.sampled_from(("<", "<=", ">", ">=", "==", "!=")))
        space = draw(st.sampled_from((" ", "")))
        return _numeric(draw, n, depth + 1) + space + op + space + _numeric(draw, n, depth + 1)
    if kind == "not":
        return "not " + _boolean(draw, n, depth + 1)
    if kind in ("and", "or"):
        return f"{_boolean(draw, n, depth + 1)} {kind} {_boolean(draw, n, depth + 1)}"
    if kind == "bool-eq":
        op = draw(st.sampled_from(("==", "!=")))
        return f"({_boolean(draw, n, depth + 1)}) {op} {draw(st.sampled_from(('true', 'false')))}"
    return "(" + _boolean(draw, n, depth + 1) + ")"


@st.composite
def conditions(draw: st.DrawFn, names: Names) -> str:
    """A well-typed condition naming only what ``names`` holds."""
    return _boolean(draw, names)


# --- documents ------------------------------------------------------------------------------


def _subset(draw: st.DrawFn, items: Sequence[str], min_size: int = 0, max_size: int = 3) -> list:
    if not items:
        return []
    return draw(
        st.lists(
            st.sampled_from(items),
            min_size=min_size,
            max_size=min(max_size, len(items)),
            unique=True,
        )
    )


def _maybe(draw: st.DrawFn, out: dict[str, Any], key: str, strategy: st.SearchStrategy) -> None:
    if draw(st.booleans()):
        out[key] = draw(strategy)


def _effects(draw: st.DrawFn, out: dict[str, Any], n: Names) -> None:
    if draw(st.booleans()):
        keys = _subset(draw, n.metrics, max_size=2)
        out["effects"] = {
            k: draw(st.integers(-40, 40) | st.sampled_from((0.5, -2.5))) for k in keys
        }
    if n.flags and draw(st.booleans()):
        out["set"] = _subset(draw, n.flags, max_size=2)
    if n.flags and draw(st.booleans()):
        out["clear"] = _subset(draw, n.flags, max_size=2)


def _inject(draw: st.DrawFn, ident: str, n: Names, in_play: list[str], event: bool) -> dict:
    out: dict[str, Any] = {"id": ident}
    if event:
        out["when"] = draw(conditions(n))
    out["channel"] = draw(st.sampled_from(INJECT_CHANNELS))
    out["headline"] = draw(any_text)
    _maybe(draw, out, "from", any_text)
    if draw(st.booleans()):
        out["to"] = _subset(draw, in_play, min_size=1)
    _maybe(draw, out, "body", any_text)
    if not event and draw(st.booleans()):
        out["when"] = draw(conditions(n))
    _effects(draw, out, n)
    return out


@st.composite
def scenario_documents(draw: st.DrawFn, max_turns: int = 4) -> dict[str, Any]:
    """A valid scenario as plain data, keys in the order authors usually write them."""
    metric_ids = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    flag_ids = draw(st.lists(names.filter(lambda f: f not in metric_ids), max_size=3, unique=True))
    n_turns = draw(st.integers(1, max_turns))
    # One namespace for stakeholders, statements, injects, events, decisions, endings and
    # objectives: each new id is drawn, then made unique.
    used: set[str] = set()

    def fresh() -> str:
        ident = draw(ids)
        if ident in used:
            ident = f"{ident}-{len(used)}"
        used.add(ident)
        return ident

    pool = iter(fresh, None)

    roles: list[str] | None = None
    if draw(st.booleans()):
        roles = _subset(draw, ROLE_IDS, min_size=1, max_size=5)
    in_play = [r for r in ROLE_IDS if roles is None or r in roles]

    # Decisions first: conditions anywhere may name them.
    turn_decisions: list[list[dict[str, Any]]] = []
    for _ in range(n_turns):
        decisions = []
        for _ in range(draw(st.integers(0, 2))):
            d: dict[str, Any] = {"id": next(pool), "role": draw(st.sampled_from(in_play))}
            if draw(st.integers(0, 3)) == 0:
                items = draw(st.lists(ids, min_size=2, max_size=4, unique=True))
                d["kind"] = "rank"
                d["items"] = [{"id": i, "text": draw(short_texts)} for i in items]
                d["expected"] = draw(st.permutations(items))
            else:
                options = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
                d["options"] = [
                    {"id": o, "text": draw(short_texts), "rating": draw(st.sampled_from(RATINGS))}
                    for o in options
                ]
            decisions.append(d)
        turn_decisions.append(decisions)
    stakeholder_ids = [next(pool) for _ in range(draw(st.integers(1, 3)))]
    n = Names(
        tuple(metric_ids),
        tuple(flag_ids),
        tuple(stakeholder_ids),
        tuple(
            (d["id"], tuple(o["id"] for o in d.get("options", ())))
            for ds in turn_decisions
            for d in ds
        ),
    )

    doc: dict[str, Any] = {
        "format": "crisis-sim/1",
        "id": draw(slugs),
        "title": draw(any_text),
        "type": draw(st.sampled_from(SCENARIO_TYPES)),
        "summary": draw(any_text),
    }
    _maybe(draw, doc, "language", st.sampled_from(("en", "fr", "de-CH", "ja")))
    _maybe(draw, doc, "difficulty", st.sampled_from(DIFFICULTIES))
    _maybe(draw, doc, "estimated_minutes", st.integers(1, 600))
    _maybe(draw, doc, "author", any_text | st.integers(0, 99))
    _maybe(draw, doc, "version", st.sampled_from((2, 1.1, "1.2.3", "2024-05-01")))
    doc["briefing"] = draw(any_text)
    if roles is not None:
        doc["roles"] = {
            r: draw(st.sampled_from((None, {}, {"brief": draw(any_text)}))) for r in roles
        }

    metrics: dict[str, Any] = {}
    for m in metric_ids:
        lo = draw(st.integers(-100, 100))
        hi = lo + draw(st.integers(0, 200))
        spec: dict[str, Any] = {"start": draw(st.integers(lo, hi))}
        _maybe(draw, spec, "label", any_text)
        if draw(st.booleans()):
            spec["min"] = lo
        if draw(st.booleans()):
            spec["max"] = hi
        _maybe(draw, spec, "good", st.sampled_from(("high", "low")))
        metrics[m] = spec
    doc["metrics"] = metrics
    if flag_ids or draw(st.booleans()):
        doc["flags"] = flag_ids

    stakeholders: dict[str, Any] = {}
    for s in stakeholder_ids:
        spec = {"name": draw(any_text)}
        if draw(st.booleans()):
            spec["owner"] = _subset(draw, ROLE_IDS, max_size=2)
        _maybe(draw, spec, "inform_by", st.integers(1, n_turns))
        if draw(st.booleans()):
            spec["expects"] = _subset(draw, KEY_POINTS)
        _maybe(draw, spec, "weight", st.sampled_from((1, 2, 3, 0.5)))
        _maybe(draw, spec, "required_when", conditions(n))
        if draw(st.booleans()):
            spec["may_hear"] = _subset(draw, RISKS, max_size=2)
        _maybe(draw, spec, "public", st.booleans())
        stakeholders[s] = spec
    doc["stakeholders"] = stakeholders

    statement_ids = [next(pool) for _ in range(draw(st.integers(1, 3)))]
    statements = []
    for i, sid in enumerate(statement_ids):
        spec = {"id": sid, "text": draw(any_text)}
        if draw(st.booleans()):
            spec["covers"] = _subset(draw, KEY_POINTS)
        _maybe(draw, spec, "risk", st.sampled_from(RISKS))
        _effects(draw, spec, n)
        others = statement_ids[:i] + statement_ids[i + 1 :]
        if others and draw(st.booleans()):
            spec["contradicts"] = _subset(draw, others, min_size=1)
        _maybe(draw, spec, "when", conditions(n))
        if draw(st.booleans()):
            spec["cleared_for"] = _subset(draw, stakeholder_ids, max_size=2)
        statements.append(spec)
    doc["statements"] = statements

    turns = []
    for t in range(n_turns):
        turn: dict[str, Any] = {"label": draw(any_text)}
        _maybe(draw, turn, "phase", st.sampled_from(PHASES))
        injects = [
            _inject(draw, next(pool), n, in_play, event=False)
            for _ in range(draw(st.integers(0, 2)))
        ]
        if injects:
            turn["injects"] = injects
        decisions = []
        for d in turn_decisions[t]:
            d = dict(d)
            d["prompt"] = draw(any_text)
            _maybe(draw, d, "time_limit", st.sampled_from((30, 45.5, 90, 600)))
            _maybe(draw, d, "when", conditions(n))
            _maybe(draw, d, "why", any_text)
            _maybe(draw, d, "weight", st.sampled_from((1, 2, 0.5, 3)))
            _maybe(draw, d, "speed_counts", st.booleans())
            for o in d.get("options", ()):
                _maybe(draw, o, "why", any_text)
                _effects(draw, o, n)
            if d.get("options") and draw(st.booleans()):
                d["on_timeout"] = draw(st.sampled_from([o["id"] for o in d["options"]]))
            decisions.append(d)
        if decisions:
            turn["decisions"] = decisions
        turns.append(turn)
    doc["turns"] = turns

    if draw(st.booleans()):
        doc["events"] = [
            _inject(draw, next(pool), n, in_play, event=True)
            for _ in range(draw(st.integers(0, 2)))
        ]
    endings = []
    n_endings = draw(st.integers(1, 3))
    for i in range(n_endings):
        spec = {"id": next(pool), "title": draw(any_text)}
        _maybe(draw, spec, "text", any_text)
        if i < n_endings - 1:
            spec["when"] = draw(conditions(n))
        endings.append(spec)
    doc["endings"] = endings
    measurable = [d for d, _ in n.decisions] + stakeholder_ids
    if draw(st.booleans()):
        doc["objectives"] = [
            {"id": next(pool), "text": draw(any_text), "measures": _subset(draw, measurable)}
            for _ in range(draw(st.integers(0, 2)))
        ]
    if draw(st.booleans()):
        doc["channels"] = {
            c: {
                "down_when": draw(conditions(n)),
                **({"reason": draw(any_text)} if draw(st.booleans()) else {}),
            }
            for c in _subset(draw, MESSAGE_CHANNELS, min_size=1, max_size=2)
        }
    if draw(st.booleans()):
        w = draw(st.sampled_from(((0.25, 0.45, 0.30), (0.2, 0.5, 0.3), (1, 0, 0), (0.1, 0.2, 0.7))))
        doc["scoring"] = {
            "weights": dict(zip(("speed", "priorities", "communication"), w, strict=True))
        }
    return doc


@st.composite
def yaml_texts(draw: st.DrawFn, doc: Any) -> str:
    """``doc`` written as YAML in a random style."""
    text = yaml.safe_dump(
        doc,
        sort_keys=False,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from((False, None, True))),
        width=draw(st.sampled_from((30, 80, 4096))),
        indent=draw(st.sampled_from((2, 4))),
    )
    if draw(st.booleans()):
        text = "# yaml-language-server: $schema=schema.json\n" + text
    return text


@st.composite
def scenario_texts(draw: st.DrawFn, max_turns: int = 4) -> tuple[dict[str, Any], str]:
    """A valid scenario: (its data, its YAML text)."""
    doc = draw(scenario_documents(max_turns))
    return doc, draw(yaml_texts(doc))


# --- mutations ------------------------------------------------------------------------------


@attrs.frozen
class Mutation:
    """A broken file: how it was broken, its text (or bytes), and whether it must fail."""

    kind: str
    detail: str
    text: str | None = None
    data: bytes | None = None
    must_fail: bool = False


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a value inside ``value`` (not the root)."""
    out = []
    if isinstance(value, dict):
        for k, v in value.items():
            out.append((*path, k))
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.append((*path, i))
            out += _paths(v, (*path, i))
    return out


def _parent(doc: Any, path: tuple) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


def _other_kind(value: Any) -> st.SearchStrategy:
    """A value of a different kind: a container for a scalar, the other container else."""
    scalar = st.sampled_from(("text", 7, 2.5, True))
    if isinstance(value, dict):
        return st.one_of(st.just(["a", "list"]), scalar)
    if isinstance(value, list):
        return st.one_of(st.just({"a": "mapping"}), scalar)
    return st.sampled_from((["a", "list"], {"a": "mapping"}))


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    """A valid scenario broken in one way."""
    doc, text = draw(scenario_texts(max_turns=3))
    kind = draw(
        st.sampled_from(("delete-key", "wrong-kind", "rename-id", "insert-junk", "truncate"))
    )
    if kind == "delete-key":
        keyed = [p for p in _paths(doc) if isinstance(_parent(doc, p), dict)]
        path = draw(st.sampled_from(keyed))
        broken = copy.deepcopy(doc)
        del _parent(broken, path)[path[-1]]
        return Mutation(
            kind,
            repr(path),
            draw(yaml_texts(broken)),
            must_fail=path in [(k,) for k in REQUIRED_TOP],
        )
    if kind == "wrong-kind":
        path = draw(st.sampled_from(_paths(doc)))
        broken = copy.deepcopy(doc)
        old = _parent(broken, path)[path[-1]]
        new = draw(_other_kind(old))
        _parent(broken, path)[path[-1]] = new
        # A container where a scalar or the other container belongs is always wrong; a
        # scalar for a container may be fine (an empty key: null means empty).
        must_fail = isinstance(new, dict | list)
        return Mutation(kind, f"{path!r} = {new!r}", draw(yaml_texts(broken)), must_fail=must_fail)
    if kind == "rename-id":
        id_paths = [p for p in _paths(doc) if p[-1] == "id"]
        if not id_paths:
            return Mutation(kind, "no ids", text)
        path = draw(st.sampled_from(id_paths))
        broken = copy.deepcopy(doc)
        _parent(broken, path)["id"] = draw(st.sampled_from(("renamed", "Bad Id", "", "x" * 300)))
        return Mutation(kind, repr(path), draw(yaml_texts(broken)))
    if kind == "insert-junk":
        at = draw(st.integers(0, len(text)))
        junk = draw(
            st.one_of(
                st.text(min_size=1, max_size=20),
                st.sampled_from(
                    (
                        "{",
                        "]",
                        ": :",
                        "- ",
                        "\t",
                        "&a",
                        "*nope",
                        "!!python/name:os.system ",
                        "'",
                        '"',
                    )
                ),
            )
        )
        return Mutation(kind, f"{junk!r} at {at}", text[:at] + junk + text[at:])
    data = text.encode("utf-8")
    at = draw(st.integers(0, len(data)))
    return Mutation(kind, f"at byte {at} of {len(data)}", data=data[:at])
