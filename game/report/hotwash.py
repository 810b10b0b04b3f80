"""The hotwash after a game: each person's feedback form and the facilitator's notes.

HSEEP closes an exercise with a hotwash (what went well, what to improve) and a participant
feedback form, including how confident each participant feels about each objective before and
after the exercise (1 low – 5 high).  This module is the form's logic, shared by the terminal
(:func:`ask_feedback` with a function that asks one question) and the window's feedback scene:
answers are cleaned (control characters out, at most :data:`MAX_ANSWER` characters) and kept in
the result record (``Result.feedback``, ``Result.facilitator_notes``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

import attrs

from game.i18n import _
from game.report.result import Confidence, FeedbackEntry, Result

#: Longest answer kept (characters): a form, not an essay.
MAX_ANSWER = 2000
SCALE = range(1, 6)


def clean_answer(text: str | None) -> str:
    """An answer as kept: control characters out (line breaks stay), trimmed, bounded."""
    if not text:
        return ""
    kept = "".join(
        ch for ch in str(text) if ch == "\n" or unicodedata.category(ch)[0] != "C"
    ).strip()
    return kept[:MAX_ANSWER]


def parse_confidence(text: str) -> tuple[int | None, int | None] | None:
    """``"2 4"`` / ``"2-4"`` / ``"2→4"`` -> (2, 4); ``"3"`` -> (3, None); ``""`` -> (None,
    None); None when it is not one or two numbers from 1 to 5."""
    for sep in ("→", "->", "-", ",", "/"):
        text = text.replace(sep, " ")
    parts = text.split()
    if not parts:
        return None, None
    if len(parts) > 2 or not all(p.isdigit() and int(p) in SCALE for p in parts):
        return None
    before = int(parts[0])
    after = int(parts[1]) if len(parts) == 2 else None
    return before, after


def people_of(result: Result) -> list[str]:
    """The people (not bots) who played, in seat order."""
    return list(dict.fromkeys(s.label for s in result.seats if not s.bot))


Ask = Callable[[str], "str | None"]


def ask_feedback(ask: Ask, result: Result, say: Callable[[str], None] = lambda _: None) -> Result:
    """Run the form through ``ask`` (one question in, one answer out; None stops the form)
    and return the result with the answers in it."""
    entries: list[FeedbackEntry] = []
    objectives = [(o.id, o.text) for o in result.objectives]
    stopped = False
    for person in people_of(result):
        say(_("Feedback from {person} (press Enter to skip a question)").format(person=person))
        well = ask(_("What went well?"))
        if well is None:
            stopped = True
            break
        improve = ask(_("What should be improved?"))
        if improve is None:
            stopped = True
            break
        confidence: list[Confidence] = []
        for ident, text in objectives:
            question = _("Confidence on “{objective}”, before and after (1–5, e.g. 2 4)")
            got = _ask_scale(ask, say, question.format(objective=text))
            if got is None:
                stopped = True
                break
            if got != (None, None):
                confidence.append(Confidence(ident, *got))
        entry = FeedbackEntry(person, clean_answer(well), clean_answer(improve), tuple(confidence))
        if entry.went_well or entry.to_improve or entry.confidence:
            entries.append(entry)
        if stopped:
            break
    notes = "" if stopped else clean_answer(ask(_("Facilitator's notes (Enter for none)")) or "")
    return with_feedback(result, entries, notes)


def _ask_scale(ask: Ask, say: Callable[[str], None], question: str):
    for _attempt in range(3):
        answer = ask(question)
        if answer is None:
            return None
        parsed = parse_confidence(answer)
        if parsed is not None:
            return parsed
        say(_("Please answer with one or two numbers from 1 to 5, e.g. 2 4 (or Enter to skip)."))
    return (None, None)


def with_feedback(result: Result, entries: Sequence[FeedbackEntry], notes: str) -> Result:
    """``result`` with the hotwash answers (replacing any given before)."""
    return attrs.evolve(result, feedback=tuple(entries), facilitator_notes=clean_answer(notes))


def confidence_table(result: Result) -> list[tuple[str, float | None, float | None, int]]:
    """Per objective asked about: its text, the mean confidence before and after (1–5; None
    when nobody answered that half) and how many people answered — what the HTML and the PDF
    report both print."""
    texts = {o.id: o.text for o in result.objectives}
    seen: dict[str, tuple[list[int], list[int]]] = {}
    for f in result.feedback:
        for c in f.confidence:
            before, after = seen.setdefault(c.objective, ([], []))
            if c.before is not None:
                before.append(c.before)
            if c.after is not None:
                after.append(c.after)
    return [
        (texts.get(k, k), _mean(b), _mean(a), max(len(b), len(a))) for k, (b, a) in seen.items()
    ]


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None
