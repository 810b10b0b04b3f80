"""The after-action report / improvement plan as a PDF to print, file or send.

Written with fpdf2: pure Python on PyPI (with Pillow and fontTools, both wheels), no system
libraries, no browser and no network — unlike HTML-to-PDF converters, which need a rendering
engine installed beside them.  The text is set in the font the window ships
(``assets/fonts/NotoSansTC-Subset-Regular.otf``), so accents, “quotes”, arrows and Traditional
Chinese print as they show on screen.

The page speaks the language in use (:mod:`game.i18n`).  fpdf2 embeds the bundled OpenType font
with CFF outlines as a CID-keyed font (subset to the characters used), so Chinese prints without
any system font.  fpdf2 wraps at spaces, which Chinese does not have: text holding CJK is broken
beforehand by :func:`game.linebreak.break_lines`, measured with the PDF's own font metrics, so
lines break between characters and never start with 。，、」 (kinsoku).

The PDF holds what an organisation files: the overview, the scores, the objectives with their
core capabilities and P/S/M/U ratings, the hotwash (participants' feedback, confidence before and
after, facilitator's notes), and the improvement plan as corrective actions on a landscape page.
The charts and the full log stay in the HTML report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime

from game import i18n
from game.i18n import _
from game.linebreak import break_lines
from game.locations import assets_dir
from game.report import labels
from game.report.hotwash import confidence_table
from game.report.plan import CorrectiveAction, corrective_actions
from game.report.result import Result
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


#: Characters of scripts written without spaces (and full-width forms): text holding one is
#: broken by :func:`game.linebreak.break_lines` before fpdf2 sees it.
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def wrap(text: str, width: float, measure: Callable[[str], float]) -> str:
    """``text`` with line breaks where a line of ``width`` (in ``measure``'s unit) is full,
    when it holds Chinese (kinsoku kept); other text is left to fpdf2, which breaks at spaces
    and justifies.  Measured in hundredths so that millimetres keep their precision."""
    if not _CJK.search(text):
        return text
    lines = break_lines(text, int(width * 100), lambda t: round(measure(t) * 100))
    return "\n".join(lines)


def _played(result: Result) -> str:
    """The day of play, in the language's date format."""
    text = (result.finished_at or result.started_at or "")[:10]
    try:
        return i18n.format_date(datetime.fromisoformat(text).date())
    except ValueError:
        return text or _("unknown date")


def _num(value: float | None) -> str:
    """A 0–100 score rounded as the window and the HTML report round it (halves up)."""
    return score(value, "–")


def render_pdf(result: Result, plan: Sequence[CorrectiveAction] | None = None) -> bytes:
    """The report as PDF bytes.  ``plan``: the improvement plan as the instructor edited it."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    sc = result.scenario
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(clean(_("After-Action Report: {title}").format(title=sc.title)))
    pdf.set_lang(i18n.language())
    pdf.set_creator("Crisis Tabletop")
    pdf.add_font("Noto", "", str(assets_dir() / "fonts" / FONT))
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_margins(18, 16, 18)
    heading = FontFace(family="Noto", color=INK, fill_color=HEAD_FILL)
    widths: dict[tuple[float, str], float] = {}

    def measure(piece: str) -> float:
        """fpdf2's width of ``piece`` in the current font size, remembered: Chinese is broken
        character by character, and the same characters come back on every line."""
        key = (pdf.font_size_pt, piece)
        width = widths.get(key)
        if width is None:
            width = widths[key] = pdf.get_string_width(piece)
        return width

    def text(body: str, size: float = 10, color: tuple[int, int, int] = INK, h: float = 5) -> None:
        pdf.set_font("Noto", size=size)
        pdf.set_text_color(*color)
        room = pdf.epw - 2 * pdf.c_margin - 0.5
        pdf.multi_cell(0, h, wrap(clean(body), room, measure), new_x="LMARGIN", new_y="NEXT")

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
        share = [pdf.epw * w / sum(widths) - 2 * 1.2 - 2 * pdf.c_margin - 0.5 for w in widths]
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
                for cell, room in zip(r, share, strict=True):
                    row.cell(wrap(clean(cell), room, measure))
        pdf.ln(2)

    # --- cover and overview -------------------------------------------------------------------
    pdf.add_page()
    text(_("After-Action Report / Improvement Plan"), 10, MUTED)
    text(sc.title, 20, INK, 10)
    facts = [_("Played {date}").format(date=_played(result))]
    if result.cohort:
        facts.append(_("class {name}").format(name=result.cohort))
    facts.append(_("{duration} of play").format(duration=i18n.format_duration(result.duration)))
    facts.append(
        _("scenario version {version}").format(version=sc.content_hash.partition(":")[2][:8] or "?")
    )
    text(" · ".join(facts), 10, MUTED)
    section(_("{n}. {title}").format(n=1, title=_("Exercise overview")))
    if sc.summary:
        text(reflow(sc.summary))  # the YAML's hard line breaks would end lines early
        pdf.ln(1)
    people = [s for s in result.seats if not s.bot]
    bots = [s for s in result.seats if s.bot]
    # the one wording of a seat (a name, or "Bot (competent)") that the HTML report uses
    seats = [[labels.role_title(s.role), seat_label(s.player, s.bot)] for s in [*people, *bots]]
    table([[_("Role"), _("Played by")], *seats], (1, 1))
    if result.ending is not None:
        text(_("Ending: {title}").format(title=result.ending.title), 11)
        if result.ending.text.strip():
            text(reflow(result.ending.text), 9, MUTED)

    section(_("{n}. {title}").format(n=2, title=_("Scores (0–100)")))
    rows = [["", *(labels.dimension(d) for d in DIMS)]]
    for role, card in result.scores.roles.items():
        rows.append([labels.role_title(role), *(_num(card.get(d)) for d in DIMS)])
    for player, card in result.scores.players.items():
        rows.append(
            [
                _("Player: {name}").format(name=player_label(player)),
                *(_num(card.get(d)) for d in DIMS),
            ]
        )
    rows.append([_("Team"), *(_num(result.scores.team.get(d)) for d in DIMS)])
    table(rows, (3, 1, 1, 1.3, 1))

    section(_("{n}. {title}").format(n=3, title=_("Objectives")))
    if not result.objectives:
        text(_("This scenario sets no objectives."), 10, MUTED)
    else:
        rows = [[_("Objective"), _("Core capability"), _("Score"), _("Rating")]]
        for o in result.objectives:
            rating = o.rating or "–"
            meaning = labels.rating_meaning(o.rating)
            rows.append(
                [
                    o.text,
                    sc.capabilities.get(o.id, "–"),
                    _num(o.score),
                    _("{rating}: {meaning}").format(rating=rating, meaning=meaning),
                ]
            )
        table(rows, (4, 2.2, 0.8, 3))

    if result.feedback or result.facilitator_notes:
        section(_("{n}. {title}").format(n=4, title=_("Hotwash")))
        if result.feedback:
            rows = [[_("Participant"), _("What went well"), _("What to improve")]]
            rows += [[f.player, f.went_well or "–", f.to_improve or "–"] for f in result.feedback]
            table(rows, (1.2, 3, 3))
            confidence = _confidence_rows(result)
            if confidence:
                text(_("Confidence per objective (1 low – 5 high), mean of the answers"), 9, MUTED)
                table(confidence, (4, 1, 1, 1))
        if result.facilitator_notes:
            text(_("Facilitator's notes"), 11)
            text(result.facilitator_notes, 9)

    # --- the improvement plan, landscape --------------------------------------------------------
    actions = list(corrective_actions(result) if plan is None else plan)
    pdf.add_page(orientation="L")
    section(_("{n}. {title}").format(n=5, title=_("Improvement plan: corrective actions")))
    if not actions:
        text(_("No significant points were lost: keep the plan and raise the difficulty."))
    else:
        rows = [
            [
                "#",
                _("Core capability"),
                _("Issue / area for improvement"),
                _("Corrective action"),
                _("Responsible organisation"),
                _("Start"),
                _("Completion"),
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
            _(
                "Owners, dates and wording come from the plan sheet ({command}) and are kept "
                "each time the report is written again."
            ).format(command="crisis-sim report RESULT --plan plan.csv"),
            8,
            MUTED,
        )
    return bytes(pdf.output())


def _confidence_rows(result: Result) -> list[list[str]]:
    table = confidence_table(result)
    if not table:
        return []

    def mean(value: float | None) -> str:
        return "–" if value is None else i18n.format_number(value, 1)

    rows = [[_("Objective"), _("Before"), _("After"), _("Answers")]]
    rows += [[text, mean(b), mean(a), str(n)] for text, b, a, n in table]
    return rows
