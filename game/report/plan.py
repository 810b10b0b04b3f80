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

from game.report.debrief import improvement_plan
from game.report.result import Result
from game.scenario.model import ROLE_TITLES

#: Columns the instructor owns: what the file says wins over what the game generates.
EDITABLE = (
    "Core capability",
    "Objective",
    "Issue / area for improvement",
    "Corrective action",
    "Responsible organisation",
    "Start date",
    "Completion date",
)
#: The plan sheet's columns, in order (``Key`` ties a row to its issue; keep it when editing).
PLAN_COLUMNS = ("ID", "Key", *EDITABLE, "Points lost")
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
    items, _ = improvement_plan(result)
    kinds: dict[str, list[str]] = {}
    for d in result.deductions.team:
        kinds.setdefault(d.ref, []).append(d.kind)
    capability, objective = _objective_of(result)
    out = []
    for n, item in enumerate(items, 1):
        key = f"{item.area.split(' ')[0].lower()}:{item.ref}" if item.ref else f"row:{n}"
        out.append(
            CorrectiveAction(
                id=str(n),
                key=key,
                capability=capability.get(item.ref, ""),
                objective=objective.get(item.ref, ""),
                issue=item.issue,
                action=recommendation(result, kinds.get(item.ref, []), item.ref, item.roles),
                organisation="; ".join(ROLE_TITLES.get(r, r) for r in item.roles) or "Crisis team",
                points=round(item.points, 1),
            )
        )
    return out


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
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def recommendation(result: Result, kinds: Sequence[str], ref: str, roles: Sequence[str]) -> str:
    """An organisational corrective action for an issue, from the kinds of points lost."""
    info = result.scenario
    who = " and ".join(ROLE_TITLES.get(r, r) for r in roles) or "the crisis team"
    stakeholder = next((s for s in info.stakeholders if s.id == ref), None)
    decision = next((d for d in info.decisions if d.id == ref), None)
    statement = next((s for s in info.statements if s.id == ref), None)
    kinds = set(kinds)
    if "contradiction" in kinds:
        return (
            "Name a single spokesperson and keep a shared log of every statement released, "
            "checked before each new message, so that the organisation speaks with one voice."
        )
    if "risky_statement" in kinds:
        said = f" such as “{_quote(statement.text)}”" if statement else ""
        return (
            "Prepare pre-approved holding statements for this kind of incident and require a "
            f"second reviewer (PR or Corporate Reputation) before release; statements{said} "
            "must not go out. Train spokespeople on speculation and blame."
        )
    if stakeholder is not None:
        owners = " and ".join(ROLE_TITLES.get(r, r) for r in stakeholder.owners) or who
        if "non_owner" in kinds:
            return (
                f"State in the crisis communication plan that {owners} notifies "
                f"{stakeholder.name}, with a deputy; brief the team on the notification matrix."
            )
        deadline = f" by turn {stakeholder.deadline}" if stakeholder.deadline else " on time"
        extra = (
            " Add the key points they expect to a notification template."
            if "missing_key_points" in kinds
            else ""
        )
        return (
            f"Put {stakeholder.name} on the notification list of the crisis communication plan "
            f"with a named owner ({owners}), contact details and a target to inform them"
            f"{deadline}; rehearse the notification.{extra}"
        )
    if decision is not None:
        prompt = _quote(decision.prompt)
        if "option" in kinds:  # a weak or harmful choice: the procedure comes first
            return (
                f"Review the procedure behind “{prompt}” with {who}; update the playbook or "
                "checklist to the expected action and train it."
            )
        if "rank_order" in kinds:
            return (
                f"Write the priority order for “{prompt}” into the plan (life safety first) and "
                f"review it with {who}."
            )
        return (
            f"Give {who} the authority and decision criteria for “{prompt}” in the plan "
            "(who decides, on what information, without escalation), and exercise that "
            "decision under time pressure."
        )
    return f"Review this area with {who} and update the plan and its training."


# --- the sheet --------------------------------------------------------------------------------


def plan_rows(actions: Sequence[CorrectiveAction]) -> list[list[str]]:
    return [a.cells() for a in actions]


def write_plan(path: str, actions: Sequence[CorrectiveAction]) -> None:
    """The plan as a sheet (.csv or .xlsx by the extension), formulas neutralised."""
    from game.toolkit import sheets

    sheets.write_table(path, PLAN_COLUMNS, plan_rows(actions), title="Improvement plan")


def read_plan(path: str) -> list[dict[str, str]]:
    """The rows of an edited plan sheet, each as ``{column: text}``; :class:`PlanError` for a
    sheet that cannot be read, lacks the Key column, or holds a date that is not YYYY-MM-DD."""
    from game.toolkit import sheets

    try:
        table = sheets.read_table(path)
    except sheets.SheetError as exc:
        raise PlanError(str(exc)) from None
    header = [h.strip().lower() for h in table.header]
    index = {c: header.index(c.lower()) for c in PLAN_COLUMNS if c.lower() in header}
    if "Key" not in index:
        raise PlanError(
            f"{path}: no Key column (it ties each row to its issue; write the plan again with "
            "--plan NEW.csv and copy your edits into it)"
        )
    rows = []
    for n, cells in table.rows:
        row = {c: cells[i].strip() for c, i in index.items()}
        for c in ("Start date", "Completion date"):
            value = row.get(c, "")
            if value and not _valid_date(value):
                raise PlanError(f'{path}: row {n}: {c} "{value}" is not a date like 2025-06-30')
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
        return generated, f"wrote the improvement plan to {path}: edit it, then run this again"
    merged = merge_plan(generated, read_plan(path))
    return merged, f"improvement plan read from {path} ({len(merged)} corrective actions)"
