"""Writing a report: HTML or PDF by the file's extension, with the instructor's plan sheet.

Shared by ``crisis-sim report RESULT`` and ``crisis-sim history report ID``.
"""

from __future__ import annotations

import os

from game.files import write_atomic
from game.i18n import _
from game.report.result import Result


class ReportError(Exception):
    """The report or its plan sheet cannot be written or read; the text says why."""


def write_report(result: Result, out: str | os.PathLike[str], plan_path: str | None) -> str:
    """Write the report to ``out`` (``.pdf``: PDF, else HTML); returns a line about the plan
    sheet ("" without ``plan_path``).  :class:`ReportError` for every problem."""
    from game.report.plan import PlanError, plan_for

    try:
        plan, note = plan_for(result, plan_path)
    except PlanError as exc:
        raise ReportError(str(exc)) from None
    except OSError as exc:
        raise ReportError(
            _("cannot write the plan {path}: {reason}").format(
                path=plan_path, reason=exc.strerror or exc
            )
        ) from None
    if os.fspath(out).lower().endswith(".pdf"):
        from game.report.pdf import render_pdf

        data: str | bytes = render_pdf(result, plan)
    else:
        from game.report.html import render_report

        data = render_report(result, plan)
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise ReportError(
            _("cannot write {path}: {reason}").format(path=out, reason=exc.strerror or exc)
        ) from None
    return note
