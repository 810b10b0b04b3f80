"""Master scenario events lists (MSEL): a scenario's timeline as the spreadsheet facilitators use.

Exercise facilitators plan a tabletop exercise in an MSEL: one row per inject, with when it is
delivered, how, by whom, to whom, what it says, and what the players are expected to do about
it.  :func:`export_rows` writes a scenario as such a sheet; :func:`import_table` builds a
scenario skeleton from one, so an exercise planned in a spreadsheet can become a game.

A sheet cannot hold everything a scenario has (metrics, stakeholders, statements, options,
endings), so an imported skeleton is deliberately incomplete: the missing parts are left out,
or left as placeholders that ``crisis-sim validate`` reports, each error telling the author
what to add.  Everything the sheet does hold survives export then import unchanged: every
inject's id, turn, clock, phase, channel, sender, recipients, headline, body and condition.

Sheet columns are found by their header, case-insensitively, with the synonyms in
:data:`SYNONYMS` ("Inject #", "Time", "Method", "Sender", "Recipient", ...); the order of the
columns does not matter and unknown columns are ignored with a note.

A sheet is written in the language in use (:mod:`game.i18n`): its headings, the role titles,
"All"/"Nobody", "(see above)", "in order:" and "(only if …)".  Import reads those words in every
shipped language, so a sheet exported in Chinese imports (and merges back) in English and the
other way round; ids, channels, phases and conditions stay as the scenario writes them.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import Literal

import attrs

from game.i18n import N_, _, every_translation, pgettext
from game.report.labels import CHANNELS as CHANNEL_LABELS
from game.report.labels import PHASES as PHASE_LABELS
from game.report.labels import SHORT_ROLE_TITLES, role_title
from game.scenario import conditions as cond
from game.scenario import model
from game.scenario.diagnostics import closest_match, did_you_mean
from game.scenario.model import INJECT_CHANNELS, PHASES, ROLE_IDS, ROLE_TITLES
from game.toolkit.sheets import Table
from game.toolkit.yamltext import block, scalar

# --- columns --------------------------------------------------------------------------------

#: Field name -> the header written on export (translated; read back in every language).
COLUMNS: dict[str, str] = {
    "sequence": N_("Sequence"),
    "turn": N_("Turn"),
    "clock": N_("Clock"),
    "phase": N_("Phase"),
    "inject_id": N_("Inject ID"),
    "channel": N_("Channel"),
    "from": N_("From"),
    "to": N_("To"),
    "headline": N_("Headline"),
    "description": N_("Description"),
    "expected_action": N_("Expected action"),
    "responsible_role": N_("Responsible role"),
    "objective": N_("Objective"),
    "when": N_("When"),
    "attachment": N_("Attachment"),
    "controller": N_("Responsible controller"),
    "notes": N_("Notes"),
}

#: Field name -> other headers accepted on import (compared after :func:`normalize_header`).
# fmt: off
SYNONYMS: dict[str, tuple[str, ...]] = {
    "sequence": ("seq", "seq #", "seq no", "sequence #", "sequence no", "inject #", "inject no",
                 "inject number", "event #", "msel #", "#", "no", "number", "serial", "item"),
    "turn": ("turn #", "turn no", "turn number", "move", "move #", "round", "round #"),
    "clock": ("time", "scenario time", "exercise time", "game time", "clock time", "date/time",
              "date time", "datetime", "timestamp"),
    "phase": ("stage", "exercise phase"),
    "inject_id": ("id", "inject ref", "ref", "reference", "inject code"),
    "channel": ("method", "delivery method", "delivery", "mode", "medium", "means",
                "inject method", "inject mode", "communication method"),
    "from": ("sender", "source", "originator", "inject from"),
    "to": ("recipient", "recipients", "player", "players", "audience", "target", "receiver",
           "inject to", "recipient player", "recipient players", "player recipient",
           "intended player", "intended players", "receiving player"),
    "headline": ("title", "subject", "inject title", "summary", "event", "event title",
                 "inject headline"),
    "description": ("body", "details", "detail", "message", "inject text", "text", "content",
                    "inject description", "event description", "inject", "event synopsis",
                    "synopsis", "inject synopsis", "scenario synopsis", "event details"),
    "expected_action": ("expected actions", "expected player action", "expected player actions",
                        "expected response", "expected outcome", "player action", "action",
                        "actions"),
    "responsible_role": ("responsible", "role", "responsible party", "owner", "lead role",
                         "responsible roles", "responsibility"),
    "objective": ("objectives", "exercise objective", "exercise objectives", "objective id",
                  "objective ids", "capability", "core capability", "objective / core capability",
                  "objective/core capability", "objectives / core capabilities",
                  "objective / capability", "core capability / objective",
                  "objectives/core capabilities"),
    "when": ("condition", "trigger", "only if", "if"),
    "attachment": ("attachments", "image", "picture", "file"),
    "controller": ("controller", "responsible controller", "controller name", "simcell",
                   "inject by", "delivered by", "facilitator"),
    "notes": ("note", "remarks", "comments", "comment", "controller notes", "facilitator notes",
              "notes / remarks"),
}
# fmt: on


def normalize_header(text: str) -> str:
    """``" Inject  #: "`` -> ``"inject #"``: case, spaces and trailing punctuation ignored."""
    text = " ".join(text.replace("_", " ").lower().split())
    text = text.rstrip(":.").strip()
    return text.replace("no.", "no")


def _header_index() -> dict[str, str]:
    out: dict[str, str] = {}
    for field, header in COLUMNS.items():
        for name in every_translation(header):
            out[normalize_header(name)] = field
        out[normalize_header(field)] = field
        for s in SYNONYMS.get(field, ()):
            out[normalize_header(s)] = field
    return out


HEADERS = _header_index()

#: Words a sheet may use for a channel (compared lower-case).
# fmt: off
CHANNEL_WORDS: dict[str, str] = {
    **{c: c for c in INJECT_CHANNELS},
    "e-mail": "email", "mail": "email", "inbox": "email",
    "telephone": "phone", "call": "phone", "phone call": "phone", "voicemail": "phone",
    "sms": "phone", "text message": "phone", "mobile": "phone",
    "media": "news", "press": "news", "tv": "news", "television": "news", "newspaper": "news",
    "news report": "news", "video": "news", "broadcast": "news", "news article": "news",
    "social media": "social", "twitter": "social", "x": "social", "facebook": "social",
    "instagram": "social", "tiktok": "social", "linkedin": "social", "post": "social",
    "alert": "alarm", "siren": "alarm", "fire alarm": "alarm", "pager": "alarm",
    "two-way radio": "radio", "walkie-talkie": "radio",
    "in person": "meeting", "in-person": "meeting", "face to face": "meeting",
    "verbal": "meeting", "briefing": "meeting", "conference call": "meeting",
    "document": "report", "memo": "report", "handout": "report", "paper": "report",
    "fax": "report", "letter": "report", "briefing note": "report", "sitrep": "report",
}

#: Words a sheet may use for a phase (compared lower-case).
PHASE_WORDS: dict[str, str] = {
    **{p: p for p in PHASES},
    "prep": "preparation", "before": "preparation", "pre-incident": "preparation",
    "pre incident": "preparation", "prevention": "preparation", "readiness": "preparation",
    "during": "response", "incident": "response", "emergency": "response",
    "after": "recovery", "post-incident": "recovery", "post incident": "recovery",
    "restoration": "recovery",
}



def channel_word(channel: str) -> str:
    """An inject channel as a sheet writes it: its id in English, its name in Chinese."""
    names = {
        "email": pgettext("channel", "email"),
        "phone": pgettext("channel", "phone"),
        "news": pgettext("channel", "news"),
        "social": pgettext("channel", "social"),
        "alarm": pgettext("channel", "alarm"),
        "radio": pgettext("channel", "radio"),
        "meeting": pgettext("channel", "meeting"),
        "report": pgettext("channel", "report"),
    }
    return names.get(channel, channel)


def phase_word(phase: str) -> str:
    """A phase as a sheet writes it: its id in English, its name in Chinese."""
    names = {
        "preparation": pgettext("phase", "preparation"),
        "response": pgettext("phase", "response"),
        "recovery": pgettext("phase", "recovery"),
    }
    return names.get(phase, phase)


# The channel and phase names, as sheets and reports write them, in every shipped language, so
# a sheet typed in Chinese may say 電子郵件 or 應變.
CHANNEL_WORDS.update(
    {
        name.lower(): channel
        for channel in INJECT_CHANNELS
        for words in (every_translation(channel, "channel"), every_translation(
            CHANNEL_LABELS.get(channel, channel)
        ))
        for name in words
    }
)
PHASE_WORDS.update(
    {
        name.lower(): phase
        for phase in PHASES
        for words in (every_translation(phase, "phase"), every_translation(PHASE_LABELS[phase]))
        for name in words
    }
)

#: Names a sheet may use for the roles (compared lower-case), besides their ids and titles.
ROLE_WORDS: dict[str, str] = {
    **{r: r for r in ROLE_IDS},
    **{
        name.lower(): r
        for table in (ROLE_TITLES, SHORT_ROLE_TITLES)
        for r, t in table.items()
        for name in every_translation(t)
    },
    "crisis manager": "crisis_manager", "cm": "crisis_manager", "crisis lead": "crisis_manager",
    "infosec": "infosec_analyst", "information security": "infosec_analyst",
    "security analyst": "infosec_analyst", "it security": "infosec_analyst",
    "ciso": "infosec_analyst", "infosec analyst": "infosec_analyst",
    "emergency director": "emergency_director", "emergency management": "emergency_director",
    "emergency manager": "emergency_director", "emd": "emergency_director",
    "pr": "pr_specialist", "public relations": "pr_specialist", "pr specialist": "pr_specialist",
    "communications": "pr_specialist", "press officer": "pr_specialist",
    "reputation": "reputation_head", "head of reputation": "reputation_head",
    "corporate reputation": "reputation_head", "reputation head": "reputation_head",
}

#: ICS/NIMS and common organisational position titles -> the role that does that work here.
#: Documented in docs/toolkit.md; ``import-msel --roles map.csv`` adds to or overrides it.
POSITION_TITLES: dict[str, str] = {
    # Incident Command System / NIMS command and general staff
    "incident commander": "crisis_manager", "ic": "crisis_manager",
    "unified command": "crisis_manager", "incident manager": "crisis_manager",
    "crisis management team lead": "crisis_manager", "planning section chief": "crisis_manager",
    "eoc director": "emergency_director", "eoc manager": "emergency_director",
    "emergency operations center director": "emergency_director",
    "emergency operations centre director": "emergency_director",
    "emergency management coordinator": "emergency_director",
    "safety officer": "emergency_director", "liaison officer": "emergency_director",
    "operations section chief": "emergency_director",
    "logistics section chief": "emergency_director",
    "business continuity manager": "emergency_director",
    "pio": "pr_specialist", "public information officer": "pr_specialist",
    "joint information center": "pr_specialist", "jic": "pr_specialist",
    "spokesperson": "pr_specialist", "press secretary": "pr_specialist",
    "media relations": "pr_specialist", "media relations manager": "pr_specialist",
    "it security lead": "infosec_analyst", "it security manager": "infosec_analyst",
    "chief information security officer": "infosec_analyst",
    "security operations center": "infosec_analyst", "soc": "infosec_analyst",
    "soc analyst": "infosec_analyst", "incident response lead": "infosec_analyst",
    "cybersecurity lead": "infosec_analyst", "cyber security lead": "infosec_analyst",
    "it director": "infosec_analyst", "cio": "infosec_analyst",
    "communications director": "reputation_head",
    "director of communications": "reputation_head",
    "chief communications officer": "reputation_head",
    "head of communications": "reputation_head", "corporate affairs": "reputation_head",
    "head of corporate affairs": "reputation_head", "reputation manager": "reputation_head",
}
# fmt: on
ROLE_WORDS.update(POSITION_TITLES)
#: What a role cell says for every role, and for none (written translated on export).
ALL = N_("All")
NOBODY = N_("Nobody")
ALL_WORDS = (
    *(w.lower() for w in every_translation(ALL)),
    *("all roles", "everyone", "everybody", "all players", "team", "whole team"),
)
NOBODY_WORDS = (*(w.lower() for w in every_translation(NOBODY)), "none", "no one", "(nobody)")


# --- export ---------------------------------------------------------------------------------


def export_rows(sc: model.Scenario) -> list[dict[str, str]]:
    """One row per inject (turns in order, then events), plus one row for each turn's
    decisions that no inject's recipients own, so every turn and decision appears."""
    objectives_of: dict[str, list[str]] = {}
    for obj in sc.objectives:
        for m in obj.measures:
            objectives_of.setdefault(m, []).append(obj.id)
    rows: list[dict[str, str]] = []

    def row(**cells: str) -> None:
        full = dict.fromkeys(COLUMNS, "")
        full.update(cells)
        full["sequence"] = str(len(rows) + 1)
        rows.append(full)

    listed: set[str] = set()

    def written(d: model.Decision) -> str:
        # A decision is written out once; the other rows its role sees name it by id only,
        # so an edit in the sheet has one place (and merging back is never ambiguous).
        if d.id in listed:
            see_above = _(SEE_ABOVE)
            return f"[{d.id}] {see_above}"
        listed.add(d.id)
        return expected_action(d)

    def actions(decisions: Sequence[model.Decision]) -> dict[str, str]:
        # One line per decision in each of the three cells, so they can be read side by side.
        objectives = ["; ".join(objectives_of.get(d.id, ())) for d in decisions]
        return {
            "expected_action": "\n".join(written(d) for d in decisions),
            "responsible_role": "\n".join(role_title(d.role) for d in decisions),
            "objective": "\n".join(objectives) if any(objectives) else "",
        }

    for n, turn in enumerate(sc.turns, 1):
        where = {"turn": str(n), "clock": turn.label, "phase": phase_word(turn.phase)}
        covered: set[str] = set()
        for inj in turn.injects:
            seen_by = set(sc.recipients_of(inj))
            mine = [d for d in turn.decisions if d.role in seen_by]
            covered.update(d.id for d in mine)
            row(**where, **inject_cells(sc, inj), **actions(mine))
        rest = [d for d in turn.decisions if d.id not in covered]
        if rest or not turn.injects:
            row(**where, **actions(rest))
    for ev in sc.events:
        row(**inject_cells(sc, ev))
    return rows


def inject_cells(sc: model.Scenario, inj: model.Inject) -> dict[str, str]:
    return {
        "inject_id": inj.id,
        "channel": channel_word(inj.channel),
        "from": inj.from_,
        "to": role_list(inj.to),
        "headline": inj.headline,
        "description": inj.body,
        "when": inj.when.source if inj.when is not None else "",
        "attachment": inj.image or "",
        "controller": inj.controller,
        "notes": inj.notes,
    }


def role_list(roles: Sequence[str] | None) -> str:
    if roles is None:
        return _(ALL)
    if not roles:
        return _(NOBODY)
    return "; ".join(role_title(r) for r in roles)


def expected_action(d: model.Decision) -> str:
    """``[id] prompt → best answer``: what the facilitator looks for, in one line."""
    prompt = " ".join(d.prompt.split())
    if d.kind == "rank":
        items = {i.id: i.text for i in d.items}
        answer = _(RANK_PREFIX) + "; ".join(f"[{e}] {items[e]}" for e in d.expected)
    else:
        rank = {r: i for i, r in enumerate(model.RATINGS)}
        top = min((rank[o.rating] for o in d.options), default=0)
        answer = " / ".join(o.text for o in d.options if rank[o.rating] == top)
    condition = _(ONLY_IF).format(condition=d.when.source) if d.when is not None else ""
    return f"[{d.id}] {prompt} → {' '.join(answer.split())}{condition}"


#: What a row writes for a decision already written out on a row above it.
SEE_ABOVE = N_("(see above)")
#: How an expected action names a rank decision's order: ``in order: [a] First; [b] Second``.
# TRANSLATORS: starts a ranking in a spreadsheet cell: "in order: [a] First; [b] Second"
RANK_PREFIX = N_("in order: ")
#: How an expected action says when its decision is asked (after the answer).
# TRANSLATORS: after an expected action in a spreadsheet cell; {condition} is a formula, kept
ONLY_IF = N_(" (only if {condition})")
#: The same words in every shipped language, as import accepts them.
SEE_ABOVE_WORDS = every_translation(SEE_ABOVE)
RANK_PREFIXES = tuple(p.lower() for p in every_translation(RANK_PREFIX))


def export_table(sc: model.Scenario) -> tuple[list[str], list[list[str]]]:
    rows = export_rows(sc)
    return [_(h) for h in COLUMNS.values()], [[r[f] for f in COLUMNS] for r in rows]


# --- import ---------------------------------------------------------------------------------

Severity = Literal["error", "warning"]


#: The severities as problems print them.
SEVERITY_WORDS: dict[str, str] = {"error": N_("error"), "warning": N_("warning")}


@attrs.frozen
class SheetProblem:
    """A problem in one row (0: the whole sheet) and column of an imported sheet."""

    path: str
    row: int
    column: str
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        """One line: where (path, row, column), severity[code], message (hint); the words in
        the reader's language, the code the same in every language."""
        if self.row and self.column:
            where = _('{path}: row {row}, column "{column}"').format(
                path=self.path, row=self.row, column=self.column
            )
        elif self.row:
            where = _("{path}: row {row}").format(path=self.path, row=self.row)
        elif self.column:
            where = _('{path}: column "{column}"').format(path=self.path, column=self.column)
        else:
            where = self.path
        severity = _(SEVERITY_WORDS[self.severity])
        text = f"{where}: {severity}[{self.code}]: {self.message}"
        return _("{message} ({hint})").format(message=text, hint=self.hint) if self.hint else text


#: Import problem codes (each documented in docs/toolkit.md).
CODES: dict[str, str] = {
    "M002": "the sheet has no Turn or Clock column, or nothing to import",
    "M003": "two columns give the same field",
    "M004": "column not used",
    "M010": "turn is not a whole number from 1",
    "M011": "row has no turn, clock or when, and no row above it to continue",
    "M012": "channel is not one of the inject channels",
    "M013": "phase is not preparation, response or recovery",
    "M014": "role name not recognised",
    "M015": "when is not a valid condition",
    "M016": "id used twice",
    "M017": "inject id changed to a valid id",
    "M018": "rows of one turn disagree on the clock or phase",
    "M019": "turn numbers skip a turn: turns renumbered",
    "M020": "expected action on an event row: events have no decisions",
}


@attrs.frozen
class ImportResult:
    text: str | None  # the skeleton scenario YAML, None when the sheet has errors
    problems: tuple[SheetProblem, ...]
    turns: int = 0
    injects: int = 0
    events: int = 0
    decisions: int = 0

    @property
    def errors(self) -> tuple[SheetProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


@attrs.define
class _Inject:
    row: int
    id: str
    channel: str | None
    from_: str
    to: list[str] | None
    headline: str
    body: str
    when: str
    image: str
    controller: str = ""
    notes: str = ""


@attrs.define
class _Decision:
    row: int
    id: str
    role: str | None
    prompt: str
    answer: str
    when: str
    #: a rank decision's items in the expected order, as (id, text); None for a choice
    items: list[tuple[str, str]] | None = None
    #: the same decision written differently on later rows of the turn: (row, prompt)
    variants: list[tuple[int, str]] = attrs.Factory(list)


@attrs.define
class _Turn:
    number: int  # the sheet's turn number, or the order of first appearance of its clock
    label: str
    phase: str | None
    label_row: int
    phase_row: int
    injects: list[_Inject] = attrs.field(factory=list)
    decisions: list[_Decision] = attrs.field(factory=list)

    @property
    def name(self) -> str:
        return f"turn {self.number}"


_ID = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
_EXPECTED = re.compile(r"\s*\[([^\]\s]+)\]\s*(.*)\Z", re.S)
_ONLY_IF = re.compile(
    "|".join(
        re.escape(form.strip()).replace(re.escape("{condition}"), "(.+)")
        for form in every_translation(ONLY_IF)
    ).join((r"\s*(?:", r")\s*\Z"))
)
_TURN = re.compile(r"(?:turn|move|round|t)?\s*#?\s*(\d+)(?:\.0+)?\Z", re.I)
_INJECT_FIELDS = ("inject_id", "channel", "from", "headline", "description")


def _closest(word: str, words: dict[str, str]) -> str:
    """A "did you mean" naming the canonical value of the closest accepted word."""
    close = closest_match(word, words)
    return _('did you mean "{word}"?').format(word=words[close]) if close is not None else ""


#: Longest id made from a headline or a name; longer text is cut at a word boundary.
MAX_ID = 48


def id_from(text: str, fallback: str) -> str:
    """An id (``[a-z0-9][a-z0-9_-]*``) made from any text, or ``fallback``; long text is cut
    at the last whole word that fits (``evacuate-the-east-wing``, never ``evacuate-the-ea``)."""
    s = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")
    if len(s) > MAX_ID:
        cut = s[: MAX_ID + 1]
        boundary = max(cut.rfind("-"), cut.rfind("_"))
        s = cut[:boundary] if boundary >= MAX_ID // 3 else s[:MAX_ID]
        s = s.rstrip("-_")
    return s if s and _ID.match(s) else fallback


def headline_from(text: str, limit: int = 80) -> str:
    """A headline for an inject that has only a synopsis: its first sentence, cut at a word."""
    flat = " ".join(text.split())
    m = re.match(r"(.+?[.!?])(\s|\Z)", flat)
    first = m.group(1) if m else flat
    if len(first) <= limit:
        return first.rstrip(".")
    cut = first[: limit + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + "…" if " " in cut else cut[:limit] + "…"


#: Sheets whose "→" may have become "?": Windows-1252, and pure ASCII (the same save, no accent).
LEGACY_ENCODINGS = ("cp1252", "ascii")


def split_expected(text: str, legacy: bool) -> tuple[str, str]:
    """``prompt → answer`` -> (prompt, answer).  ``->`` is accepted too; a sheet re-saved in
    Windows-1252 (``legacy``), which has no ``→``, has `` ? `` in its place.  That ``?`` was
    the arrow, never part of the prompt: a prompt keeps its own ending (``Order them.`` must
    not come back as ``Order them.?``)."""
    for sep in ("→", " -> ", " => ", *((" ? ",) if legacy else ())):
        if sep in text:
            prompt, _, answer = text.partition(sep)
            return prompt.strip(), answer.strip()
    return text.strip(), ""


def rank_items(answer: str) -> list[tuple[str, str]] | None:
    """``in order: [a] First; [b] Second`` -> [("a", "First"), ("b", "Second")], or None when
    the answer is not a ranking.  Items without ``[id]`` get an id from their text."""
    prefix = next((p for p in RANK_PREFIXES if answer.lower().startswith(p.strip())), None)
    if prefix is None:
        return None
    out: list[tuple[str, str]] = []
    for part in answer[len(prefix.strip()) :].split(";"):
        part = part.strip()
        if not part:
            continue
        m = _EXPECTED.match(part)
        ident, text = (id_from(m.group(1), ""), m.group(2).strip()) if m else ("", part)
        ident = ident or id_from(text, f"item-{len(out) + 1}")
        while ident in {i for i, _ in out}:
            ident += "-2"
        out.append((ident, text))
    return out if len(out) >= 2 else None


def import_table(
    table: Table,
    source: str,
    *,
    scenario_id: str = "imported-scenario",
    title: str | None = None,
    scenario_type: str | None = None,
    schema_ref: str | None = None,
    roles: dict[str, str] | None = None,
) -> ImportResult:
    """Build a scenario skeleton from an MSEL table; problems name the sheet's rows.

    Nothing is built when any row has an error: a half-imported timeline would hide the
    problem.  Warnings (a column not used, an inject id made valid) do not stop the import.
    ``roles`` maps more position titles (lower-case) to role ids (``--roles map.csv``).
    """
    imp = _Importer(table, source, roles)
    if not imp.read_header():
        return ImportResult(None, imp.sorted_problems())
    for row, cells in table.rows:
        imp.read_row(row, cells)
    turns = imp.ordered_turns()
    objectives = imp.objectives()
    if imp.has_errors():
        return ImportResult(None, imp.sorted_problems())
    text = _skeleton(
        turns, imp.events, objectives, source, scenario_id, title, scenario_type, schema_ref
    )
    return ImportResult(
        text,
        imp.sorted_problems(),
        turns=len(turns),
        injects=sum(len(t.injects) for t in turns),
        events=len(imp.events),
        decisions=sum(len(t.decisions) for t in turns),
    )


@attrs.frozen
class ParsedSheet:
    """What a sheet says, before a scenario is written from it (see :mod:`msel_merge`)."""

    turns: tuple[_Turn, ...]
    events: tuple[_Inject, ...]
    problems: tuple[SheetProblem, ...]
    columns: frozenset[str]  # the fields the sheet has a column for

    @property
    def errors(self) -> tuple[SheetProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


def parse_table(table: Table, source: str, roles: dict[str, str] | None = None) -> ParsedSheet:
    """Read an MSEL table into turns (with injects and decisions) and events."""
    imp = _Importer(table, source, roles)
    if not imp.read_header():
        return ParsedSheet((), (), imp.sorted_problems(), frozenset(imp.index))
    for row, cells in table.rows:
        imp.read_row(row, cells)
    turns = imp.ordered_turns()
    return ParsedSheet(tuple(turns), tuple(imp.events), imp.sorted_problems(), frozenset(imp.index))


class _Importer:
    """The state of one import: which column is which, the turns so far, the ids in use."""

    def __init__(self, table: Table, source: str, roles: dict[str, str] | None = None) -> None:
        self.table = table
        self.source = source
        self.role_words = {**ROLE_WORDS, **(roles or {})}
        self.problems: list[SheetProblem] = []
        self.index: dict[str, int] = {}
        self.headers: dict[str, str] = {}
        self.turns: dict[str, _Turn] = {}
        self.events: list[_Inject] = []
        self.ids: dict[str, int] = {}  # inject and decision ids -> the row that took them
        self.previous: _Turn | None = None
        self.row_decisions: dict[int, list[str]] = {}  # row -> decision id of each line

    # -- problems ----------------------------------------------------------------------------

    def problem(
        self, row: int, field: str, severity: Severity, code: str, message: str, hint: str = ""
    ) -> None:
        column = self.headers.get(field, _(COLUMNS.get(field, field))) if field else ""
        self.problems.append(SheetProblem(self.source, row, column, severity, code, message, hint))

    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def sorted_problems(self) -> tuple[SheetProblem, ...]:
        return tuple(sorted(self.problems, key=lambda p: (p.row, p.severity != "error", p.code)))

    # -- cells -------------------------------------------------------------------------------

    def raw(self, cells: tuple[str, ...], field: str) -> str:
        i = self.index.get(field)
        return cells[i] if i is not None and i < len(cells) else ""

    def cell(self, cells: tuple[str, ...], field: str) -> str:
        return self.raw(cells, field).strip()

    # -- header ------------------------------------------------------------------------------

    def read_header(self) -> bool:
        header = self.table.header
        for i, h in enumerate(header):
            if not h.strip():
                continue
            field = HEADERS.get(normalize_header(h))
            if field is None:
                hint = did_you_mean(normalize_header(h), HEADERS.keys(), list_all=0)
                self.problems.append(
                    SheetProblem(self.source, 0, h, "warning", "M004", _("column not used"), hint)
                )
            elif field in self.index:
                self.problems.append(
                    SheetProblem(
                        self.source,
                        0,
                        h,
                        "error",
                        "M003",
                        _('this column and "{other}" both give the {field}').format(
                            other=self.headers[field], field=_(COLUMNS[field]).lower()
                        ),
                        _("rename or remove one of them"),
                    )
                )
            else:
                self.index[field] = i
                self.headers[field] = h
        found = ", ".join(f'"{h}"' for h in header if h.strip())
        if "turn" not in self.index and "clock" not in self.index:
            self.problem(
                1,
                "",
                "error",
                "M002",
                _("no {turn} or {clock} column: rows cannot be grouped into turns").format(
                    turn=_(COLUMNS["turn"]), clock=_(COLUMNS["clock"])
                ),
                _(
                    'add a column named "{turn}" (1, 2, 3...) or "{clock}"/"Time"; found: {found}'
                ).format(turn=_(COLUMNS["turn"]), clock=_(COLUMNS["clock"]), found=found),
            )
        if not {"headline", "description", "expected_action"} & self.index.keys():
            self.problem(
                1,
                "",
                "error",
                "M002",
                _("no {headline}, {description} or {expected} column: nothing to import").format(
                    headline=_(COLUMNS["headline"]),
                    description=_(COLUMNS["description"]),
                    expected=_(COLUMNS["expected_action"]),
                ),
                _('name the columns "{headline}" and "{description}"; found: {found}').format(
                    headline=_(COLUMNS["headline"]),
                    description=_(COLUMNS["description"]),
                    found=found,
                ),
            )
        return not self.has_errors()

    # -- rows --------------------------------------------------------------------------------

    def read_row(self, row: int, cells: tuple[str, ...]) -> None:
        turn_text, clock, when = (self.cell(cells, f) for f in ("turn", "clock", "when"))
        if when:
            try:
                cond.parse(when)
            except cond.ConditionError as exc:
                self.problem(
                    row,
                    "when",
                    "error",
                    "M015",
                    (
                        _('{problem}: "{condition}", at the end')
                        if exc.offset >= len(when)
                        else _('{problem}: "{condition}", at character {n}')
                    ).format(problem=exc.message, condition=when, n=exc.offset + 1),
                    _('conditions look like "flags.isolated and containment >= 50"'),
                )
        is_event = not turn_text and not clock and bool(when)
        turn = None if is_event else self.turn_of(row, cells, turn_text, clock)
        if turn is None and not is_event:
            return
        if any(self.cell(cells, f) for f in _INJECT_FIELDS) or is_event:
            inj = self.inject(row, cells)
            if inj is not None:
                (self.events if turn is None else turn.injects).append(inj)
        expected = self.raw(cells, "expected_action").strip()
        if expected and turn is None:
            self.problem(
                row,
                "expected_action",
                "warning",
                "M020",
                _("events have no decisions: this expected action is not imported"),
                _("put the decision on a turn row"),
            )
        elif expected and turn is not None:
            self.decisions(row, cells, expected, turn)

    def turn_of(self, row: int, cells: tuple[str, ...], turn_text: str, clock: str) -> _Turn | None:
        by_number = "turn" in self.index
        key = ""
        if by_number and turn_text:
            m = _TURN.match(turn_text)
            if m is None or int(m.group(1)) < 1:
                self.problem(
                    row,
                    "turn",
                    "error",
                    "M010",
                    _('turn "{turn}" is not a whole number from 1').format(turn=turn_text),
                    _("turns are numbered 1, 2, 3... in play order"),
                )
                return None
            key = str(int(m.group(1)))
        elif not by_number and clock:
            key = clock
        if key:
            turn = self.turns.get(key)
            if turn is None:
                number = int(key) if by_number else len(self.turns) + 1
                turn = self.turns[key] = _Turn(number, "", None, row, row)
        elif self.previous is not None:
            turn = self.previous  # a continuation row (a merged cell in the spreadsheet)
        else:
            self.problem(
                row,
                "",
                "error",
                "M011",
                _("this row has no turn and no clock, and no row above it to continue"),
                _("give it a turn or clock, or a When condition to make it an event"),
            )
            return None
        self.previous = turn
        if clock and not turn.label:
            turn.label, turn.label_row = clock, row
        elif clock and clock != turn.label:
            self.problem(
                row,
                "clock",
                "warning",
                "M018",
                _(
                    'turn {n} already has the clock "{clock}" (row {row}); "{other}" is not kept'
                ).format(n=turn.number, clock=turn.label, row=turn.label_row, other=clock),
            )
        phase_text = self.cell(cells, "phase")
        if phase_text:
            phase = PHASE_WORDS.get(" ".join(phase_text.lower().split()))
            if phase is None:
                self.problem(
                    row,
                    "phase",
                    "error",
                    "M013",
                    _('phase "{phase}" is not one of preparation, response, recovery').format(
                        phase=phase_text
                    ),
                    _closest(phase_text.lower(), PHASE_WORDS),
                )
            elif turn.phase is None:
                turn.phase, turn.phase_row = phase, row
            elif phase != turn.phase:
                self.problem(
                    row,
                    "phase",
                    "warning",
                    "M018",
                    _(
                        'turn {n} already has the phase "{phase}" (row {row}); "{other}" is not '
                        "kept"
                    ).format(n=turn.number, phase=turn.phase, row=turn.phase_row, other=phase),
                )
        return turn

    def inject(self, row: int, cells: tuple[str, ...]) -> _Inject | None:
        given = self.cell(cells, "inject_id")
        headline = self.cell(cells, "headline")
        if given:
            ident = given if _ID.match(given) else id_from(given, f"row-{row}")
            if ident != given:
                self.problem(
                    row,
                    "inject_id",
                    "warning",
                    "M017",
                    _('"{given}" is not a valid id; imported as "{id}"').format(
                        given=given, id=ident
                    ),
                    _("ids are lower-case letters, digits, - and _"),
                )
            if ident in self.ids:
                self.problem(
                    row,
                    "inject_id",
                    "error",
                    "M016",
                    _('inject id "{id}" is already used in row {row}').format(
                        id=ident, row=self.ids[ident]
                    ),
                    _("every inject needs its own id"),
                )
                return None
        else:
            seq = id_from(self.cell(cells, "sequence"), "")
            named = headline or headline_from(self.raw(cells, "description"))
            base = id_from(named, "") or (f"inject-{seq}" if seq else f"row-{row}")
            ident, n = base, 2
            while ident in self.ids:
                ident, n = f"{base}-{n}", n + 1
        self.ids[ident] = row
        channel_text = self.cell(cells, "channel")
        channel: str | None = None
        if channel_text:
            channel = CHANNEL_WORDS.get(" ".join(channel_text.lower().split()))
            if channel is None:
                self.problem(
                    row,
                    "channel",
                    "error",
                    "M012",
                    _('channel "{channel}" is not an inject channel').format(channel=channel_text),
                    _("use one of: {channels}").format(channels=", ".join(INJECT_CHANNELS)),
                )
        body = self.raw(cells, "description")
        return _Inject(
            row=row,
            id=ident,
            controller=self.cell(cells, "controller"),
            notes=self.raw(cells, "notes").strip(),
            channel=channel,
            from_=self.cell(cells, "from"),
            to=self.roles(row, "to", self.cell(cells, "to"), "error"),
            headline=headline or (headline_from(body) if body.strip() else ""),
            body=body if body.strip() else "",
            when=self.cell(cells, "when"),
            image=self.cell(cells, "attachment"),
        )

    def roles(self, row: int, field: str, text: str, severity: Severity) -> list[str] | None:
        """Role names -> ids; None for "All" or nothing written, [] for "Nobody"."""
        words = " ".join(text.lower().split())
        if not words or words in ALL_WORDS:
            return None
        if words in NOBODY_WORDS:
            return []
        out: list[str] = []
        for part in re.split(r"[;,\n/&]|\band\b", text):
            name = " ".join(part.lower().split())
            if not name:
                continue
            role = self.role_words.get(name)
            if role is None:
                self.problem(
                    row,
                    field,
                    severity,
                    "M014",
                    _('"{name}" is not one of the five roles or a known position title').format(
                        name=part.strip()
                    ),
                    _("{suggestion}; or map your titles with --roles map.csv").format(
                        suggestion=dym
                    )
                    if (dym := did_you_mean(name, self.role_words, list_all=0))
                    else _(
                        "use a role's title or id ({titles}), or map your titles with --roles "
                        "map.csv"
                    ).format(titles=", ".join(role_title(r) for r in ROLE_TITLES)),
                )
            elif role not in out:
                out.append(role)
        return out

    def quiet_roles(self, text: str) -> list[str] | None:
        """Role ids named in ``text`` (None when any name is unknown), without problems."""
        out: list[str] = []
        for part in re.split(r"[;,\n/&]|\band\b", text):
            name = " ".join(part.lower().split())
            if name and (role := self.role_words.get(name)) is None:
                return None
            if name and role not in out:
                out.append(role)
        return out

    def decisions(self, row: int, cells: tuple[str, ...], expected: str, turn: _Turn) -> None:
        lines = [ln.strip() for ln in expected.splitlines() if ln.strip()]
        role_lines = [
            ln.strip() for ln in self.raw(cells, "responsible_role").splitlines() if ln.strip()
        ]
        for i, line in enumerate(lines):
            m = _EXPECTED.match(line)
            ident, rest = (id_from(m.group(1), ""), m.group(2)) if m else ("", line)
            when = ""
            only_if = _ONLY_IF.search(rest)
            if only_if:
                when = next(g for g in only_if.groups() if g is not None)
                rest = rest[: only_if.start()]
            prompt, answer = split_expected(rest, self.table.encoding in LEGACY_ENCODINGS)
            if not prompt:
                prompt, answer = answer, ""
            same = next((d for d in turn.decisions if d.id == ident or d.prompt == prompt), None)
            if same is not None:  # the same decision, expected on another row of the turn
                if prompt not in SEE_ABOVE_WORDS and " ".join(prompt.split()) != " ".join(
                    same.prompt.split()
                ):
                    same.variants.append((row, prompt))
                self.row_decisions.setdefault(row, []).append(same.id)
                continue
            if not ident:
                ident = f"turn-{turn.number}-action-{len(turn.decisions) + 1}"
            if ident in self.ids:
                self.problem(
                    row,
                    "expected_action",
                    "error",
                    "M016",
                    _('decision id "{id}" is already used in row {row}').format(
                        id=ident, row=self.ids[ident]
                    ),
                    _("ids are shared by injects, decisions and objectives"),
                )
                continue
            self.ids[ident] = row
            if len(role_lines) == len(lines):
                role_text = role_lines[i]
            elif len(role_lines) == 1:
                role_text = role_lines[0]
            else:
                role_text = ""
            roles = self.roles(row, "responsible_role", role_text, "warning")
            if not role_text and "responsible_role" not in self.index:
                # No Responsible role column (the HSEEP template has none): the row's one
                # recipient is the role that acts.
                roles = self.quiet_roles(self.cell(cells, "to"))
                roles = roles if roles is not None and len(roles) == 1 else None
            role = roles[0] if roles else None
            items = rank_items(answer)
            turn.decisions.append(_Decision(row, ident, role, prompt, answer, when, items))
            self.row_decisions.setdefault(row, []).append(ident)

    # -- the whole sheet ---------------------------------------------------------------------

    def ordered_turns(self) -> list[_Turn]:
        ordered = sorted(self.turns.values(), key=lambda t: t.number)
        numbers = [t.number for t in ordered]
        if "turn" in self.index and numbers != list(range(1, len(numbers) + 1)):
            self.problem(
                0,
                "turn",
                "warning",
                "M019",
                _("the turns are {numbers}: imported as turns 1-{last} in that order").format(
                    numbers=", ".join(map(str, numbers)), last=len(numbers)
                ),
            )
        return ordered

    def objectives(self) -> list[tuple[str, str, list[str]]]:
        """(id, text, measured decision ids) for every objective named in the sheet.

        The objective cell may hold one line per expected action (as export writes it): then
        each line's objectives measure that line's decision; otherwise every objective in the
        cell measures every decision of the row.  The text is the name written in the sheet,
        or empty when the sheet gave an id (the author describes it).
        """
        if "objective" not in self.index:
            return []
        found: dict[str, tuple[str, list[str]]] = {}
        for row, cells in self.table.rows:
            text = self.raw(cells, "objective")
            if not text.strip():
                continue
            decided = self.row_decisions.get(row, [])
            lines = text.replace("\r", "").split("\n")
            if len(lines) == len(decided):
                pairs = [(line, [d]) for line, d in zip(lines, decided, strict=True)]
            else:
                pairs = [(text, decided)]
            for names, measured in pairs:
                for part in re.split(r"[;\n]", names):
                    name = part.strip()
                    if not name:
                        continue
                    ident = name if _ID.match(name) else id_from(name, "objective")
                    while ident in self.ids and ident not in found:
                        ident += "-objective"
                    entry = found.setdefault(ident, ("" if ident == name else name, []))
                    entry[1].extend(d for d in measured if d not in entry[1])
        return [(i, text, measures) for i, (text, measures) in found.items()]


# --- writing the skeleton -------------------------------------------------------------------


def _text(key: str, text: str, indent: int) -> str:
    pad = " " * indent
    if "\n" in text:
        return f"{pad}{key}: {block(text, indent + 2)}"
    return f"{pad}{key}: {scalar(text)}"


def _skeleton(
    turns: list[_Turn],
    events: list[_Inject],
    objectives: list[tuple[str, str, list[str]]],
    source: str,
    scenario_id: str,
    title: str | None,
    scenario_type: str | None,
    schema_ref: str | None,
) -> str:
    flags: list[str] = []
    for t in turns:
        for item in [*t.injects, *t.decisions]:
            _collect_flags(item.when, flags)
    for ev in events:
        _collect_flags(ev.when, flags)
    n_inj = sum(len(t.injects) for t in turns)
    out: list[str] = []
    if schema_ref:
        out.append(f"# yaml-language-server: $schema={schema_ref}")
    head = _("A scenario skeleton imported from {source} by crisis-sim import-msel:").format(
        source=source
    )
    counts = _("{turns} turns, {injects} injects and {events} events from the sheet.").format(
        turns=len(turns), injects=n_inj, events=len(events)
    )
    out += [f"# {head}", f"# {counts}", "#"]
    out += [f"# {line}".rstrip() for line in _(SKELETON_GUIDE).splitlines()]
    out += [
        "",
        "format: crisis-sim/1",
        f"id: {scenario_id}",
    ]
    if title:
        out.append(f"title: {scalar(title)}")
    if scenario_type:
        out.append(f"type: {scenario_type}")
    if flags:
        out.append(
            "# "
            + _("Flags the sheet's conditions read: set them in options, injects or statements.")
        )
        out += textwrap.wrap(
            f"flags: [{', '.join(flags)}]", 96, subsequent_indent="  ", break_on_hyphens=False
        )
    out.append("")
    out.append("turns:")
    for t in turns:
        out.append(f"  - label: {scalar(t.label or t.name.capitalize())}")
        if t.phase:
            out.append(f"    phase: {t.phase}")
        if t.injects:
            out.append("    injects:")
            for inj in t.injects:
                out += _inject_lines(inj, 6)
        if t.decisions:
            out.append("    decisions:")
            for d in t.decisions:
                out.append(f"      - id: {d.id}")
                if d.role:
                    out.append(f"        role: {d.role}")
                else:
                    out.append(
                        "        # " + _("role: the role that answers (the sheet did not say)")
                    )
                out.append(_text("prompt", d.prompt, 8))
                if d.when:
                    out.append(f"        when: {scalar(d.when)}")
                if d.items is not None:
                    out += _rank_lines(d.items, 8)
                    continue
                out.append("        # options: add two or more, each {id, text, rating}")
                if d.answer:
                    out += textwrap.wrap(
                        _("the sheet's expected answer: {answer}").format(
                            answer=" ".join(d.answer.split())
                        ),
                        96,
                        initial_indent="        # ",
                        subsequent_indent="        #   ",
                    )
    if events:
        out.append("")
        out.append("events:")
        for ev in events:
            out += _inject_lines(ev, 2)
    if objectives:
        out.append("")
        out.append("objectives:")
        for ident, text, measures in objectives:
            out.append(f"  - id: {ident}")
            if text:
                out.append(f"    text: {scalar(text)}")
            else:
                out.append(
                    "    # " + _("text: what the team must show (the sheet gave only the id)")
                )
            if measures:
                out.append(f"    measures: [{', '.join(measures)}]")
    return "\n".join(out) + "\n"


#: What a skeleton lacks and where to add it: the comment at its top (one line a line; the
#: translation may lay the lines out as its script needs).
SKELETON_GUIDE = N_(
    "A master scenario events list holds the timeline, not the game around it. Add what\n"
    'is missing; "crisis-sim validate" names each piece until the file is complete:\n'
    "  title, type, summary, briefing   shown in scenario select and before turn 1\n"
    "  metrics                          the numeric state, e.g.\n"
    "                                     containment: {start: 0, min: 0, max: 100}\n"
    "  stakeholders                     who must be informed, by when, about what\n"
    "  statements                       the building blocks of players' messages\n"
    "  endings                          outcomes; the last one has no when:\n"
    "  options for every decision       the sheet's expected answer is noted on each\n"
    '"crisis-sim new example.yaml" writes a complete example of every part.'
)


def _rank_lines(items: list[tuple[str, str]], indent: int) -> list[str]:
    """A rank decision from the sheet: its kind, its items and the expected order."""
    pad = " " * indent
    out = [f"{pad}kind: rank", f"{pad}items:"]
    out += [f"{pad}  - {{id: {i}, text: {scalar(text)}}}" for i, text in items]
    out.append(f"{pad}expected: [{', '.join(i for i, _ in items)}]")
    return out


def _collect_flags(when: str, flags: list[str]) -> None:
    if not when:
        return
    try:
        tree = cond.parse(when)
    except cond.ConditionError:
        return
    for node in cond.walk(tree):
        if isinstance(node, cond.FlagRef) and node.id not in flags:
            flags.append(node.id)


def _inject_lines(inj: _Inject, indent: int) -> list[str]:
    pad = " " * indent
    out = [f"{pad}- id: {inj.id}"]
    inner = indent + 2
    ipad = " " * inner
    if inj.channel:
        out.append(f"{ipad}channel: {inj.channel}")
    if inj.from_:
        out.append(f"{ipad}from: {scalar(inj.from_)}")
    if inj.to is not None:
        out.append(f"{ipad}to: [{', '.join(inj.to)}]")
    if inj.headline:
        out.append(_text("headline", inj.headline, inner))
    if inj.body:
        out.append(_text("body", inj.body, inner))
    if inj.image:
        out.append(f"{ipad}image: {scalar(inj.image)}")
    if inj.when:
        out.append(f"{ipad}when: {scalar(inj.when)}")
    if inj.controller:
        out.append(f"{ipad}controller: {scalar(inj.controller)}")
    if inj.notes:
        out.append(_text("notes", inj.notes, inner))
    return out
