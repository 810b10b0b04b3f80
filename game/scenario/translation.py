"""Scenario translations: a string table per language, laid over the scenario when it is loaded.

A translation never copies the scenario: it is a flat table of the scenario's *words*, keyed by
ids derived from the scenario's own ids (``inject.ransom-note.body``,
``decision.isolate.option.shutdown.why``, ``turn.3.label``), the way Yarn Spinner keys its lines.
Structure, conditions, effects and ratings stay in the one scenario file, so a translation can
never change how a game plays or scores: the content hash is the source file's, saves made in
one language resume in another, and the history compares games across languages.

The table is ``<scenario folder>/translations/<scenario file stem>.<language>.yaml``::

    format: crisis-sim-translation/1
    scenario: data-breach
    language: zh-Hant
    strings:
      title: 資料外洩
      inject.ransom-note.headline: 勒索訊息
    sources:              # written by `crisis-sim translate`: see below
      title: "3f2a9c1e"

Every key is optional: an untranslated (missing or empty) string shows the source text.  The
table is hostile input like a scenario (same reader, same limits, positions for every problem).

**Stale entries.** ``sources`` maps a key to a short hash of the source text its translation
was made from; ``crisis-sim translate`` writes it.  When the source text changes, the hash no
longer matches and ``validate`` warns (T003) until the translator revises the string and accepts
it (``crisis-sim translate --accept KEY``).  A key without a hash is taken as current.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from game.scenario import model
from game.scenario.diagnostics import Diagnostic, did_you_mean, has_errors
from game.scenario.yamlsource import Limits, SourceMap, parse_document, read_text
from game.scenario.yamlsource import Path as ValuePath
from game.sha256 import hex_digest as sha256_hex

TRANSLATION_FORMAT = "crisis-sim-translation/1"
#: The folder, beside the scenario files, that holds their translations.
TRANSLATIONS_DIR = "translations"
#: Hex characters of the source-text hash kept per entry (32 bits: enough to notice a change).
HASH_CHARS = 8

#: Codes of problems only a translation table can have (the YAML and shape problems it shares
#: with scenarios keep their S codes).  Documented in docs/authoring.md, "Translating a scenario".
CODES: dict[str, str] = {
    "T001": "translation is for another scenario or language",
    "T002": "string key the scenario does not have",
    "T003": "source text changed since it was translated (stale)",
    "T004": "no valid scenario beside the translation",
    "T005": "line break in a text that is one line in the scenario",
}

#: The first line of a table: editors with the YAML language server then check and complete it.
MODELINE = "# yaml-language-server: $schema=../translation.schema.json"

_TOP_KEYS = ("format", "scenario", "language", "strings", "sources")
_REQUIRED = ("format", "scenario", "language", "strings")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_HASH = re.compile(rf"[0-9a-f]{{{HASH_CHARS}}}")


def source_hash(text: str) -> str:
    """The short hash of a source text that ``sources`` records."""
    # (game.sha256: the same digest as hashlib's, without loading OpenSSL in the window)
    return sha256_hex(text.encode("utf-8", "surrogatepass"))[:HASH_CHARS]


# --- the keys: one walk of the model both lists and replaces the text --------------------------

#: Called with each key and its source text; returns the text to keep.
Translate = Callable[[str, str], str]


def _t(tr: Translate, key: str, text: str) -> str:
    return tr(key, text) if text else text


def _inject(tr: Translate, i: model.Inject) -> model.Inject:
    k = f"inject.{i.id}."
    return attrs.evolve(
        i,
        headline=_t(tr, k + "headline", i.headline),
        from_=_t(tr, k + "from", i.from_),
        body=_t(tr, k + "body", i.body),
        controller=_t(tr, k + "controller", i.controller),
        notes=_t(tr, k + "notes", i.notes),
    )


def _decision(tr: Translate, d: model.Decision) -> model.Decision:
    k = f"decision.{d.id}."
    return attrs.evolve(
        d,
        prompt=_t(tr, k + "prompt", d.prompt),
        why=_t(tr, k + "why", d.why),
        options=tuple(
            attrs.evolve(
                o,
                text=_t(tr, f"{k}option.{o.id}.text", o.text),
                why=_t(tr, f"{k}option.{o.id}.why", o.why),
            )
            for o in d.options
        ),
        items=tuple(
            attrs.evolve(item, text=_t(tr, f"{k}item.{item.id}.text", item.text))
            for item in d.items
        ),
    )


def _labels(sc: model.Scenario, tr: Translate) -> dict[str, str]:
    """Words for the ids a reader is shown without a text of their own: key points (in the
    debrief's "the board learned “facts” late") and flags ("set backups verified").  The source
    text is the id itself; only the labels that differ from it are kept."""
    keys = [f"keypoint.{k}" for k in sc.key_point_ids()] + [f"flag.{f}" for f in sc.flags]
    out = {}
    for key in keys:
        ident = key.partition(".")[2]
        word = _t(tr, key, ident)
        if word != ident:
            out[key] = word
    return out


def _walk(sc: model.Scenario, tr: Translate) -> model.Scenario:
    """The scenario with every free text passed through ``tr``, in file order."""
    author = _t(tr, "author", str(sc.author)) if sc.author is not None else None
    return attrs.evolve(
        sc,
        labels=_labels(sc, tr),
        title=_t(tr, "title", sc.title),
        summary=_t(tr, "summary", sc.summary),
        briefing=_t(tr, "briefing", sc.briefing),
        author=model.Text(author) if author is not None else None,
        roles=None
        if sc.roles is None
        else tuple(attrs.evolve(r, brief=_t(tr, f"role.{r.id}.brief", r.brief)) for r in sc.roles),
        metrics=tuple(
            attrs.evolve(m, label=_t(tr, f"metric.{m.id}.label", m.label)) for m in sc.metrics
        ),
        stakeholders=tuple(
            attrs.evolve(s, name=_t(tr, f"stakeholder.{s.id}.name", s.name))
            for s in sc.stakeholders
        ),
        statements=tuple(
            attrs.evolve(s, text=_t(tr, f"statement.{s.id}.text", s.text)) for s in sc.statements
        ),
        turns=tuple(
            attrs.evolve(
                t,
                label=_t(tr, f"turn.{n}.label", t.label),
                injects=tuple(_inject(tr, i) for i in t.injects),
                decisions=tuple(_decision(tr, d) for d in t.decisions),
            )
            for n, t in enumerate(sc.turns, 1)
        ),
        events=tuple(_inject(tr, i) for i in sc.events),
        channels=tuple(
            attrs.evolve(c, reason=_t(tr, f"channel.{c.id}.reason", c.reason)) for c in sc.channels
        ),
        endings=tuple(
            attrs.evolve(
                e,
                title=_t(tr, f"ending.{e.id}.title", e.title),
                text=_t(tr, f"ending.{e.id}.text", e.text),
            )
            for e in sc.endings
        ),
        objectives=tuple(
            attrs.evolve(
                o,
                text=_t(tr, f"objective.{o.id}.text", o.text),
                capability=_t(tr, f"objective.{o.id}.capability", o.capability),
            )
            for o in sc.objectives
        ),
    )


def source_strings(scenario: model.Scenario) -> dict[str, str]:
    """Every translatable text of the scenario by key, in the order of the file's sections."""
    found: dict[str, str] = {}

    def record(key: str, text: str) -> str:
        found[key] = text
        return text

    _walk(scenario, record)
    return found


# --- the table ---------------------------------------------------------------------------------


@attrs.frozen
class Translation:
    """A checked table: ``strings`` holds only the non-blank translations of known keys."""

    path: str
    scenario_id: str
    language: str
    strings: dict[str, str]
    sources: dict[str, str]
    #: keys the scenario no longer has, left out when reading for an update
    dropped: tuple[str, ...] = ()

    def stale(self, scenario: model.Scenario) -> list[str]:
        """Keys translated from a source text that has changed since."""
        now = source_strings(scenario)
        return [
            k
            for k in self.strings
            if k in self.sources and k in now and self.sources[k] != source_hash(now[k])
        ]


def apply(scenario: model.Scenario, table: Translation) -> model.Scenario:
    """The scenario in the table's language; the content hash stays the source's."""
    strings = table.strings
    translated = _walk(scenario, lambda key, text: strings.get(key) or text)
    return attrs.evolve(translated, language=table.language, untranslated=scenario.own_words)


def table_path(scenario_path: str | os.PathLike[str], language: str) -> Path:
    """Where the ``language`` table of a scenario file lives."""
    p = Path(scenario_path)
    return p.parent / TRANSLATIONS_DIR / f"{p.stem}.{language}.yaml"


def is_table_path(path: str | os.PathLike[str]) -> bool:
    """Whether a file is named like a translation table (``translations/<stem>.<lang>.yaml``)."""
    p = Path(path)
    if p.parent.name != TRANSLATIONS_DIR or p.suffix not in (".yaml", ".yml"):
        return False
    stem, dot, lang = p.stem.rpartition(".")
    return bool(stem and dot and LANGUAGE_TAG.fullmatch(lang))


def scenario_of_table(path: str | os.PathLike[str]) -> tuple[Path | None, str]:
    """The scenario file a table translates (``None`` when there is none) and its language."""
    p = Path(path)
    stem, _, lang = p.stem.rpartition(".")
    for suffix in (".yaml", ".yml"):
        candidate = p.parent.parent / (stem + suffix)
        if candidate.is_file():
            return candidate, lang
    return None, lang


def read_table(
    path: str,
    scenario: model.Scenario,
    limits: Limits | None = None,
    *,
    language: str | None = None,
    text: str | None = None,
    keep_unknown: bool = False,
) -> tuple[Translation | None, list[Diagnostic]]:
    """Read and check a table for ``scenario``; ``None`` with the reasons when it has errors.

    ``language`` is the language the table must be in (the one asked for, or its file name's).
    ``keep_unknown`` (updating a table): keys the scenario no longer has are left out, not errors.
    """
    limits = limits or Limits()
    if text is None:
        text, diags = read_text(path, limits)
        if text is None:
            return None, diags
    doc, diags = parse_document(path, text, limits)
    if doc is None:
        return None, diags
    checker = _TableChecker(path, doc.source, scenario, language, keep_unknown)
    table = checker.run(doc.value)
    diags += checker.diags
    if has_errors(diags):
        return None, diags
    return table, diags


class _TableChecker:
    def __init__(
        self,
        path: str,
        source: SourceMap,
        scenario: model.Scenario,
        language: str | None,
        keep_unknown: bool = False,
    ) -> None:
        self.path = path
        self.keep_unknown = keep_unknown
        self.source = source
        self.scenario = scenario
        self.language = language
        self.diags: list[Diagnostic] = []
        self.dropped: list[str] = []

    def error(self, at: tuple[int, int], code: str, message: str, hint: str = "") -> None:
        self.diags.append(Diagnostic(self.path, *at, "error", code, message, hint))

    def run(self, value: Any) -> Translation | None:
        if not isinstance(value, dict):
            self.error(
                self.source.value_at(()),
                "S005",
                "a translation is a mapping of keys (format:, scenario:, language:, strings:)",
            )
            return None
        for key in value:
            if key not in _TOP_KEYS:
                self.error(
                    self.source.key_at((key,)),
                    "S011",
                    f'unknown key "{_short(key)}"',
                    did_you_mean(str(key), _TOP_KEYS),
                )
        for key in _REQUIRED:
            if key not in value:
                self.error((1, 1), "S010", f'required key "{key}" is missing')
        fmt = value.get("format")
        if "format" in value and fmt != TRANSLATION_FORMAT:
            self.error(
                self.source.value_at(("format",)),
                "S016",
                f'unsupported format "{_short(fmt)}"',
                f"this version reads {TRANSLATION_FORMAT}",
            )
        sid = value.get("scenario")
        if "scenario" in value and sid != self.scenario.id:
            self.error(
                self.source.value_at(("scenario",)),
                "T001",
                f'this translation is for the scenario "{_short(sid)}", not "{self.scenario.id}"',
            )
        lang = value.get("language")
        if "language" in value:
            if not isinstance(lang, str) or not LANGUAGE_TAG.fullmatch(lang):
                self.error(
                    self.source.value_at(("language",)),
                    "S012",
                    f'"{_short(lang)}" is not a language tag',
                    "write a BCP 47 tag such as zh-Hant",
                )
            elif self.language is not None and lang != self.language:
                self.error(
                    self.source.value_at(("language",)),
                    "T001",
                    f'this translation is in "{lang}", not "{self.language}"',
                    "the language in the file name and in language: must agree",
                )
        known = source_strings(self.scenario)
        strings = self._strings(value.get("strings"), "strings", known, str)
        sources = self._strings(value.get("sources"), "sources", known, None)
        if has_errors(self.diags):
            return None
        table = Translation(
            self.path,
            self.scenario.id,
            str(lang),
            {k: v for k, v in strings.items() if v.strip()},  # blank: not translated yet
            sources,
            tuple(dict.fromkeys(self.dropped)),
        )
        for key, text in table.strings.items():
            if "\n" not in known[key] and "\n" in text:
                self.diags.append(
                    Diagnostic(
                        self.path,
                        *self.source.value_at(("strings", key)),
                        "warning",
                        "T005",
                        f'"{key}" is one line in the scenario but its translation has a line break',
                        'write it on one line in quotes (a "|" block ends with a line break)',
                    )
                )
        for key in table.stale(self.scenario):
            self.diags.append(
                Diagnostic(
                    self.path,
                    *self.source.key_at(("strings", key)),
                    "warning",
                    "T003",
                    f'the source text of "{key}" changed since it was translated',
                    f"revise it, then: crisis-sim translate --accept {key}",
                )
            )
        return table

    def _strings(
        self, value: Any, section: str, known: dict[str, str], kind: type | None
    ) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(
                self.source.value_at((section,)),
                "S012",
                f"{section}: is a mapping of string keys to text",
            )
            return {}
        out: dict[str, str] = {}
        for key, text in value.items():
            path: ValuePath = (section, key)
            if key not in known:
                if self.keep_unknown:
                    self.dropped.append(key)
                    continue
                self.error(
                    self.source.key_at(path),
                    "T002",
                    f'the scenario has no text "{_short(key)}"',
                    did_you_mean(str(key), known, list_all=0),
                )
                continue
            if kind is str:
                if text is None:
                    continue  # written but left empty: shows the source text
                if not isinstance(text, str):
                    self.error(
                        self.source.value_at(path),
                        "S012",
                        f'"{key}" must be text, found {_describe(text)}',
                        "put the text in quotes",
                    )
                    continue
            elif not isinstance(text, str) or not _HASH.fullmatch(text):
                self.error(
                    self.source.value_at(path),
                    "S012",
                    f'the source hash of "{key}" must be {HASH_CHARS} hex digits in quotes',
                    "crisis-sim translate writes these; delete the line to drop it",
                )
                continue
            out[key] = text
        return out


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# --- loading -----------------------------------------------------------------------------------


def localise(result: Any, language: str | None, limits: Limits | None = None) -> Any:
    """A :class:`~game.scenario.loader.LoadResult` with its scenario in ``language``.

    Nothing changes when the scenario is already in that language or has no table for it.  A
    table with errors is not used: the scenario keeps its own words and the table's errors join
    the diagnostics, so a front-end can say why the game is not translated.
    """
    scenario = result.scenario
    if scenario is None or not language or language == scenario.language or not scenario.path:
        return result
    path = table_path(scenario.path, language)
    if not path.exists():
        return result
    table, diags = read_table(str(path), scenario, limits, language=language)
    if table is not None:
        scenario = apply(scenario, table)
    return attrs.evolve(
        result, scenario=scenario, diagnostics=tuple(sorted({*result.diagnostics, *diags}))
    )


def validate_table(path: str, limits: Limits | None = None) -> tuple[Any, list[Diagnostic]]:
    """Check a table file against the scenario beside it (for ``crisis-sim validate``).

    Returns the translated scenario (``None`` on errors) and the diagnostics.
    """
    from game.scenario.loader import load_scenario

    scenario_file, language = scenario_of_table(path)
    if scenario_file is None:
        stem = Path(path).stem.rpartition(".")[0]
        return None, [
            Diagnostic(
                path,
                1,
                1,
                "error",
                "T004",
                f"no scenario {stem}.yaml in the folder above {TRANSLATIONS_DIR}/",
                "a table is named after its scenario file: <stem>.<language>.yaml",
            )
        ]
    loaded = load_scenario(scenario_file, limits)
    if loaded.scenario is None:
        return None, [
            Diagnostic(
                path,
                1,
                1,
                "error",
                "T004",
                f"the scenario {scenario_file.name} has errors",
                f"crisis-sim validate {scenario_file}",
            )
        ]
    table, diags = read_table(path, loaded.scenario, limits, language=language)
    return (apply(loaded.scenario, table) if table is not None else None), diags


# --- writing: the template and its updates ------------------------------------------------------


@attrs.frozen
class Update:
    """What ``crisis-sim translate`` did to a table."""

    text: str
    #: the source hash written for every key (so, every key of the scenario)
    sources: dict[str, str]
    keys: int
    translated: int
    added: int
    dropped: int
    stale: tuple[str, ...]


def write_table(
    scenario: model.Scenario,
    language: str,
    old: Translation | None = None,
    accept: Iterable[str] = (),
    accept_all: bool = False,
) -> Update:
    """The table's text: every key of the scenario, its source text as a comment above it.

    With ``old``: its translations are kept for keys the scenario still has, keys it no longer
    has are dropped, and a translation whose source text changed is marked stale (its old hash
    kept) until accepted.
    """
    source = source_strings(scenario)
    accepted = set(accept)
    strings = old.strings if old is not None else {}
    hashes = old.sources if old is not None else {}
    lines = [
        MODELINE,
        f"# The {language} translation of the scenario {scenario.id!r}: see docs/authoring.md,",
        '# "Translating a scenario". Each string shows its source text above it; an empty',
        "# string shows the source text in the game. Update with: crisis-sim translate",
        f"format: {TRANSLATION_FORMAT}",
        f"scenario: {_quote(scenario.id)}",
        f"language: {_quote(language)}",
        "strings:",
    ]
    sources: dict[str, str] = {}
    stale: list[str] = []
    for key, text in source.items():
        now = source_hash(text)
        translation = strings.get(key, "")
        was = hashes.get(key)
        changed = bool(translation) and was is not None and was != now
        if changed and not accept_all and key not in accepted:
            stale.append(key)
            sources[key] = was  # stays stale until accepted
        else:
            sources[key] = now
        lines.append("")
        lines.extend(_comment(text, "  "))
        if changed and key in stale:
            lines.append(f"  # STALE: the source text changed; revise, then --accept {key}")
        lines.extend(_entry(key, translation, "  "))
    lines += [
        "",
        "# The source text each string was translated from, hashed (crisis-sim translate keeps",
        "# these; validate warns when the source text changes). Do not edit.",
        "sources:",
    ]
    lines.extend(f"  {_key(k)}: {_quote(h)}" for k, h in sources.items())
    kept = sum(1 for k in source if strings.get(k))
    return Update(
        text="\n".join(lines) + "\n",
        sources=sources,
        keys=len(source),
        translated=kept,
        added=0 if old is None else sum(1 for k in source if k not in hashes and k not in strings),
        dropped=0 if old is None else len(old.dropped),
        stale=tuple(stale),
    )


_PLAIN_KEY = re.compile(r"[a-z][a-z0-9_.-]*")


def _key(key: str) -> str:
    # Keys are ids ([a-z0-9_-]) joined by dots after a word: plain YAML, quoted if ever not.
    return key if _PLAIN_KEY.fullmatch(key) else _quote(key)


def _entry(key: str, text: str, indent: str) -> Iterator[str]:
    block = _block(text, indent + "  ")
    if block is None:
        yield f"{indent}{_key(key)}: {_quote(text)}"
    else:
        yield f"{indent}{_key(key)}: {block[0]}"
        yield from block[1:]


def _block(text: str, indent: str) -> list[str] | None:
    """A literal block (``|``) for multi-line text that it can hold exactly, else ``None``."""
    if "\n" not in text or text.endswith("\n\n") or text.startswith((" ", "\n")):
        return None
    body = text[:-1] if text.endswith("\n") else text
    if any(not _plain_char(c) or c == "\t" for c in body if c != "\n"):
        return None
    if any(line != line.rstrip(" ") for line in body.split("\n")):
        return None  # trailing spaces: kept exactly only in quotes (editors strip them)
    head = "|" if text.endswith("\n") else "|-"
    return [head] + [f"{indent}{line}" if line else "" for line in body.split("\n")]


def _plain_char(c: str) -> bool:
    """Characters YAML allows as written (its printable set), excluding line breaks."""
    o = ord(c)
    if o in (0x85, 0x2028, 0x2029, 0xFEFF):
        return False
    return (
        o == 0x09
        or 0x20 <= o <= 0x7E
        or 0xA0 <= o <= 0xD7FF
        or 0xE000 <= o <= 0xFFFD
        or 0x10000 <= o <= 0x10FFFF
    )


def _quote(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text``."""
    out = ['"']
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif _plain_char(c):
            out.append(c)
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    out.append('"')
    return "".join(out)


def _comment(text: str, indent: str) -> list[str]:
    """The source text as comment lines (escapes for anything a comment cannot hold)."""
    out = []
    for i, line in enumerate(text.rstrip("\n").split("\n")):
        shown = "".join(c if _plain_char(c) and c != "\t" else _quote(c)[1:-1] for c in line)
        out.append(f"{indent}# {'>' if i == 0 else ' '} {shown}".rstrip())
    return out
