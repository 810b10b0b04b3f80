"""The improvement plan as HSEEP asks for it: corrective actions an organisation files.

HSEEP's improvement plan (IP) lists, for each area for improvement, the **corrective action**
the organisation will take, the **core capability** it serves, the **responsible organisation**
and the **start and completion dates**.  The game hints of the debrief ("decide within 15 s") are
for the players; the plan here speaks to the organisation: review a procedure, pre-approve
holding statements, fix the notification list, define decision authority.

The instructor edits the plan as a sheet: ``crisis-sim report R.json --plan plan.csv`` writes the
generated plan to ``plan.csv`` (or ``.xlsx``) when it does not exist yet, and reads it back when
it does — so owners, dates and reworded actions survive every re-rendering of the report.  Rows
are matched by their ``Key`` (what the issue is about); rows the instructor added are kept, and
issues the file does not list yet are added after its rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import attrs

from game.i18n import N_, _, format_list, ngettext
from game.linebreak import display_width, fit
from game.report.debrief import improvement_plan
from game.report.labels import role_title
from game.report.result import Result

#: Columns the instructor owns: what the file says wins over what the game generates.  The
#: sheet is written with the headings in the language in use and read back in any language
#: (:func:`game.toolkit.sheets.column_index`); these English names are the columns' keys.
EDITABLE = (
    N_("Core capability"),
    N_("Objective"),
    N_("Issue / area for improvement"),
    N_("Corrective action"),
    N_("Responsible organisation"),
    N_("Start date"),
    N_("Completion date"),
)
#: The plan sheet's columns, in order (``Key`` ties a row to its issue; keep it when editing).
PLAN_COLUMNS = (N_("ID"), N_("Key"), *EDITABLE, N_("Points lost"))
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class PlanError(Exception):
    """A plan sheet that cannot be used; ``str(err)`` names the row and the problem."""


@attrs.frozen
class CorrectiveAction:
    """One row of the improvement plan."""

    id: str
    key: str
    capability: str
    objective: str
    issue: str
    action: str
    organisation: str
    start: str = ""
    completion: str = ""
    points: float | None = None

    def cells(self) -> list[str]:
        points = "" if self.points is None else f"{self.points:.1f}"
        return [
            self.id,
            self.key,
            self.capability,
            self.objective,
            self.issue,
            self.action,
            self.organisation,
            self.start,
            self.completion,
            points,
        ]


def corrective_actions(result: Result) -> list[CorrectiveAction]:
    """The plan the game proposes: one corrective action per issue, biggest loss first."""
    items, _left_out = improvement_plan(result)
    kinds: dict[str, list[str]] = {}
    for d in result.deductions.team:
        kinds.setdefault(d.ref, []).append(d.kind)
    capability, objective = _objective_of(result)
    out = []
    for n, item in enumerate(items, 1):
        key = f"{_area_key(result, item.ref)}:{item.ref}" if item.ref else f"row:{n}"
        out.append(
            CorrectiveAction(
                id=str(n),
                key=key,
                capability=capability.get(item.ref, ""),
                objective=objective.get(item.ref, ""),
                issue=item.issue,
                action=recommendation(result, kinds.get(item.ref, []), item.ref, item.roles),
                # TRANSLATORS: what separates role titles in a spreadsheet cell
                organisation=_("; ").join(role_title(r) for r in item.roles) or _("Crisis team"),
                points=round(item.points, 1),
            )
        )
    return out


def _area_key(result: Result, ref: str) -> str:
    """The score area a row's key names ("priorities", "speed" or "communication"), from the
    deductions' dimensions — never from the row's words, which are in the reader's language —
    so a plan sheet written in one language keys its rows as a report in another does."""
    dimensions = {d.dimension for d in result.deductions.team if d.ref == ref}
    for area in ("priorities", "speed"):
        if area in dimensions:
            return area
    return "communication"


def _objective_of(result: Result) -> tuple[dict[str, str], dict[str, str]]:
    """Decision and stakeholder id -> the core capability and the objective measuring it."""
    caps = result.scenario.capabilities
    capability: dict[str, str] = {}
    objective: dict[str, str] = {}
    for o in result.objectives:
        for item in o.items:
            objective.setdefault(item.id, o.text)
            if caps.get(o.id):
                capability.setdefault(item.id, caps[o.id])
    return capability, objective


def _quote(text: str, limit: int = 70) -> str:
    """``text`` on one line, cut to ``limit`` columns (a CJK character counts two) at a space
    when there is one in its second half."""
    text = " ".join(text.split())
    if display_width(text) <= limit:
        return text
    cut = fit(text, limit - 1)
    space = cut.rfind(" ")
    return (cut[:space] if space > len(cut) // 2 else cut).rstrip() + "…"


def _roles(roles: Sequence[str]) -> str:
    return format_list([role_title(r) for r in roles])


def recommendation(result: Result, kinds: Sequence[str], ref: str, roles: Sequence[str]) -> str:
    """An organisational corrective action for an issue, from the kinds of points lost."""
    info = result.scenario
    who = _roles(roles) or _("the crisis team")
    stakeholder = next((s for s in info.stakeholders if s.id == ref), None)
    decision = next((d for d in info.decisions if d.id == ref), None)
    statement = next((s for s in info.statements if s.id == ref), None)
    kinds = set(kinds)
    if "contradiction" in kinds:
        return _(
            "Name a single spokesperson and keep a shared log of every statement released, "
            "checked before each new message, so that the organisation speaks with one voice."
        )
    if "risky_statement" in kinds:
        if statement is not None:
            return _(
                "Prepare pre-approved holding statements for this kind of incident and require "
                "a second reviewer (PR or Corporate Reputation) before release; statements such "
                "as “{statement}” must not go out. Train spokespeople on speculation and blame."
            ).format(statement=_quote(statement.text))
        return _(
            "Prepare pre-approved holding statements for this kind of incident and require a "
            "second reviewer (PR or Corporate Reputation) before release; such statements must "
            "not go out. Train spokespeople on speculation and blame."
        )
    if stakeholder is not None:
        owners = _roles(stakeholder.owners) or who
        if "non_owner" in kinds:
            return _(
                "State in the crisis communication plan that {owners} notifies {stakeholder}, "
                "with a deputy; brief the team on the notification matrix."
            ).format(owners=owners, stakeholder=stakeholder.name)
        if stakeholder.deadline:
            text = _(
                "Put {stakeholder} on the notification list of the crisis communication plan "
                "with a named owner ({owners}), contact details and a target to inform them by "
                "turn {turn}; rehearse the notification."
            ).format(stakeholder=stakeholder.name, owners=owners, turn=stakeholder.deadline)
        else:
            text = _(
                "Put {stakeholder} on the notification list of the crisis communication plan "
                "with a named owner ({owners}), contact details and a target to inform them on "
                "time; rehearse the notification."
            ).format(stakeholder=stakeholder.name, owners=owners)
        if "missing_key_points" in kinds:
            # TRANSLATORS: added after the sentence above (a sentence of its own)
            text += _(" Add the key points they expect to a notification template.")
        return text
    if decision is not None:
        prompt = _quote(decision.prompt)
        if "option" in kinds:  # a weak or harmful choice: the procedure comes first
            return _(
                "Review the procedure behind “{decision}” with {roles}; update the playbook or "
                "checklist to the expected action and train it."
            ).format(decision=prompt, roles=who)
        if "rank_order" in kinds:
            return _(
                "Write the priority order for “{decision}” into the plan (life safety first) "
                "and review it with {roles}."
            ).format(decision=prompt, roles=who)
        return _(
            "Give {roles} the authority and decision criteria for “{decision}” in the plan (who "
            "decides, on what information, without escalation), and exercise that decision "
            "under time pressure."
        ).format(decision=prompt, roles=who)
    return _("Review this area with {roles} and update the plan and its training.").format(
        roles=who
    )


# --- the sheet --------------------------------------------------------------------------------


def plan_rows(actions: Sequence[CorrectiveAction]) -> list[list[str]]:
    return [a.cells() for a in actions]


def write_plan(path: str, actions: Sequence[CorrectiveAction]) -> None:
    """The plan as a sheet (.csv or .xlsx by the extension), formulas neutralised."""
    from game.toolkit import sheets

    sheets.write_table(
        path, sheets.headings(PLAN_COLUMNS), plan_rows(actions), title=_("Improvement plan")
    )


def read_plan(path: str) -> list[dict[str, str]]:
    """The rows of an edited plan sheet, each as ``{column: text}``; :class:`PlanError` for a
    sheet that cannot be read, lacks the Key column, or holds a date that is not YYYY-MM-DD."""
    from game.toolkit import sheets

    try:
        table = sheets.read_table(path)
    except sheets.SheetError as exc:
        raise PlanError(str(exc)) from None
    index = sheets.column_index(table.header, PLAN_COLUMNS)
    if "Key" not in index:
        raise PlanError(
            _(
                "{path}: no {key} column (it ties each row to its issue; write the plan again "
                "with --plan NEW.csv and copy your edits into it)"
            ).format(path=path, key=_("Key"))
        )
    rows = []
    for n, cells in table.rows:
        row = {c: cells[i].strip() for c, i in index.items()}
        for c in ("Start date", "Completion date"):
            value = row.get(c, "")
            if value and not _valid_date(value):
                raise PlanError(
                    _('{path}: row {row}: {column} "{value}" is not a date like 2025-06-30').format(
                        path=path, row=n, column=_(c), value=value
                    )
                )
        rows.append(row)
    return rows


def _valid_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def merge_plan(
    generated: Sequence[CorrectiveAction], rows: Sequence[dict[str, str]]
) -> list[CorrectiveAction]:
    """The file's rows (with what the instructor wrote), then generated issues it lacks."""
    by_key = {a.key: a for a in generated}
    out: list[CorrectiveAction] = []
    used: set[str] = set()
    for row in rows:
        key = row.get("Key", "")
        base = by_key.get(key)
        if key in used:
            continue
        used.add(key)
        if base is None and not any(row.get(c) for c in EDITABLE):
            continue
        out.append(
            CorrectiveAction(
                id=str(len(out) + 1),
                key=key or f"added:{len(out) + 1}",
                capability=row.get("Core capability", base.capability if base else ""),
                objective=row.get("Objective", base.objective if base else ""),
                issue=row.get("Issue / area for improvement", base.issue if base else ""),
                action=row.get("Corrective action", base.action if base else ""),
                organisation=row.get("Responsible organisation", base.organisation if base else ""),
                start=row.get("Start date", ""),
                completion=row.get("Completion date", ""),
                points=base.points if base else None,
            )
        )
    for a in generated:
        if a.key not in used:
            out.append(attrs.evolve(a, id=str(len(out) + 1)))
    return out


def plan_for(result: Result, path: str | None) -> tuple[list[CorrectiveAction], str]:
    """The plan for a report: generated, or merged with ``path``'s edits (written first when it
    does not exist yet).  Returns the plan and a line saying what happened to ``path``."""
    import os

    generated = corrective_actions(result)
    if path is None:
        return generated, ""
    if not os.path.exists(path):
        write_plan(path, generated)
        return generated, _(
            "wrote the improvement plan to {path}: edit it, then run this again"
        ).format(path=path)
    merged = merge_plan(generated, read_plan(path))
    return merged, ngettext(
        "improvement plan read from {path} ({n} corrective action)",
        "improvement plan read from {path} ({n} corrective actions)",
        len(merged),
    ).format(path=path, n=len(merged))
