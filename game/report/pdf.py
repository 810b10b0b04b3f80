"""The after-action report / improvement plan as a PDF to print, file or send.

Written with fpdf2: pure Python on PyPI (with Pillow and fontTools, both wheels), no system
libraries, no browser and no network — unlike HTML-to-PDF converters, which need a rendering
engine installed beside them.  The text is set in the font the window ships
(``assets/fonts/NotoSansTC-Subset-Regular.otf``), so accents, “quotes”, arrows and Traditional
Chinese print as they show on screen.

The PDF holds what an organisation files: the overview, the scores, the objectives with their
core capabilities and P/S/M/U ratings, the hotwash (participants' feedback, confidence before and
after, facilitator's notes), and the improvement plan as corrective actions on a landscape page.
The charts and the full log stay in the HTML report.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from game.locations import assets_dir
from game.report.hotwash import confidence_table
from game.report.plan import CorrectiveAction, corrective_actions
from game.report.result import Result
from game.scenario.model import ROLE_TITLES
from game.scoring.rules import HSEEP_MEANING
from game.scoring.wording import player_label, score, seat_label
from game.textsafe import reflow

FONT = "NotoSansTC-Subset-Regular.otf"
INK = (30, 36, 48)
MUTED = (95, 105, 120)
ACCENT = (37, 99, 235)
HEAD_FILL = (226, 232, 240)
DIMS = ("speed", "priorities", "communication", "total")


#: The bundled CJK font draws these full-width; the Latin forms read better in running text.
_NARROW = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "…": "..."})


def clean(text: object) -> str:
    """Untrusted text for the page: control and format characters out, lines kept."""
    kept = "".join(ch for ch in str(text) if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return kept.replace("\t", " ").translate(_NARROW)


def _num(value: float | None) -> str:
    """A 0–100 score rounded as the window and the HTML report round it (halves up)."""
    return score(value, "–")


def render_pdf(result: Result, plan: Sequence[CorrectiveAction] | None = None) -> bytes:
    """The report as PDF bytes.  ``plan``: the improvement plan as the instructor edited it."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    sc = result.scenario
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(clean(f"After-Action Report: {sc.title}"))
    pdf.set_creator("Crisis Tabletop")
    pdf.add_font("Noto", "", str(assets_dir() / "fonts" / FONT))
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_margins(18, 16, 18)
    heading = FontFace(family="Noto", color=INK, fill_color=HEAD_FILL)

    def text(body: str, size: float = 10, color: tuple[int, int, int] = INK, h: float = 5) -> None:
        pdf.set_font("Noto", size=size)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, h, clean(body), new_x="LMARGIN", new_y="NEXT")

    def section(title: str) -> None:
        pdf.ln(3)
        text(title, 14, ACCENT, 8)
        pdf.set_draw_color(*ACCENT)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)

    def table(rows: list[list[str]], widths: Sequence[float], size: float = 9) -> None:
        pdf.set_font("Noto", size=size)
        pdf.set_text_color(*INK)
        pdf.set_draw_color(200, 205, 215)
        with pdf.table(
            col_widths=tuple(widths),
            headings_style=heading,
            line_height=size * 0.5,
            text_align="LEFT",
            v_align="TOP",
            padding=1.2,
            width=pdf.epw,
        ) as t:
            for r in rows:
                row = t.row()
                for cell in r:
                    row.cell(clean(cell))
        pdf.ln(2)

    # --- cover and overview -------------------------------------------------------------------
    pdf.add_page()
    text("After-Action Report / Improvement Plan", 10, MUTED)
    text(sc.title, 20, INK, 10)
    facts = [f"Played {(result.finished_at or result.started_at or '')[:10] or 'unknown date'}"]
    if result.cohort:
        facts.append(f"class {result.cohort}")
    minutes = int(result.duration // 60)
    facts.append(f"{minutes} min of play")
    facts.append(f"scenario version {sc.content_hash.partition(':')[2][:8] or '?'}")
    text(" · ".join(facts), 10, MUTED)
    section("1. Exercise overview")
    if sc.summary:
        text(reflow(sc.summary))  # the YAML's hard line breaks would end lines early
        pdf.ln(1)
    people = [s for s in result.seats if not s.bot]
    bots = [s for s in result.seats if s.bot]
    # the one wording of a seat (a name, or "Bot (competent)") that the HTML report uses
    seats = [
        [ROLE_TITLES.get(s.role, s.role), seat_label(s.player, s.bot)] for s in [*people, *bots]
    ]
    table([["Role", "Played by"], *seats], (1, 1))
    if result.ending is not None:
        text(f"Ending: {result.ending.title}", 11)
        if result.ending.text.strip():
            text(reflow(result.ending.text), 9, MUTED)

    section("2. Scores (0–100)")
    rows = [["", "Speed", "Priorities", "Communication", "Total"]]
    for role, card in result.scores.roles.items():
        rows.append([ROLE_TITLES.get(role, role), *(_num(card.get(d)) for d in DIMS)])
    for player, card in result.scores.players.items():
        rows.append([f"Player: {player_label(player)}", *(_num(card.get(d)) for d in DIMS)])
    rows.append(["Team", *(_num(result.scores.team.get(d)) for d in DIMS)])
    table(rows, (3, 1, 1, 1.3, 1))

    section("3. Objectives")
    if not result.objectives:
        text("This scenario sets no objectives.", 10, MUTED)
    else:
        rows = [["Objective", "Core capability", "Score", "Rating"]]
        for o in result.objectives:
            rating = o.rating or "–"
            meaning = HSEEP_MEANING.get(o.rating or "", "not rated")
            rows.append(
                [o.text, sc.capabilities.get(o.id, "–"), _num(o.score), f"{rating}: {meaning}"]
            )
        table(rows, (4, 2.2, 0.8, 3))

    if result.feedback or result.facilitator_notes:
        section("4. Hotwash")
        if result.feedback:
            rows = [["Participant", "What went well", "What to improve"]]
            rows += [[f.player, f.went_well or "–", f.to_improve or "–"] for f in result.feedback]
            table(rows, (1.2, 3, 3))
            confidence = _confidence_rows(result)
            if confidence:
                text("Confidence per objective (1 low – 5 high), mean of the answers", 9, MUTED)
                table(confidence, (4, 1, 1, 1))
        if result.facilitator_notes:
            text("Facilitator's notes", 11)
            text(result.facilitator_notes, 9)

    # --- the improvement plan, landscape --------------------------------------------------------
    actions = list(corrective_actions(result) if plan is None else plan)
    pdf.add_page(orientation="L")
    section("5. Improvement plan: corrective actions")
    if not actions:
        text("No significant points were lost: keep the plan and raise the difficulty.")
    else:
        rows = [
            [
                "#",
                "Core capability",
                "Issue / area for improvement",
                "Corrective action",
                "Responsible organisation",
                "Start",
                "Completion",
            ]
        ]
        for a in actions:
            rows.append(
                [
                    a.id,
                    a.capability or "–",
                    a.issue,
                    a.action,
                    a.organisation,
                    a.start or "",
                    a.completion or "",
                ]
            )
        table(rows, (0.35, 1.5, 3.2, 3.6, 1.7, 1.0, 1.0), size=8.5)
        text(
            "Owners, dates and wording come from the plan sheet (crisis-sim report RESULT "
            "--plan plan.csv) and are kept each time the report is written again.",
            8,
            MUTED,
        )
    return bytes(pdf.output())


def _confidence_rows(result: Result) -> list[list[str]]:
    table = confidence_table(result)
    if not table:
        return []

    def mean(value: float | None) -> str:
        return "–" if value is None else f"{value:.1f}"

    rows = [["Objective", "Before", "After", "Answers"]]
    rows += [[text, mean(b), mean(a), str(n)] for text, b, a, n in table]
    return rows
