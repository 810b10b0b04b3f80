"""Inline SVG charts for the after-action report: no scripts, no external files, print-safe.

Every text that reaches the SVG goes through :func:`html.escape`; numbers are formatted here.
The SVG is written inline in HTML5, so it needs no namespace declaration (and the report keeps
no URL at all).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from game.i18n import _
from game.scoring.wording import score as score_text

#: Colours of the score bands, matching the HSEEP ratings (P, S, M, U).
BAND_COLOURS = (("#2e7d32", 85.0), ("#0277bd", 65.0), ("#ef6c00", 40.0))
LOWEST_COLOUR = "#c62828"
NOT_SCORED_COLOUR = "#9e9e9e"


def band_colour(score: float | None) -> str:
    if score is None:
        return NOT_SCORED_COLOUR
    for colour, threshold in BAND_COLOURS:
        if score >= threshold:
            return colour
    return LOWEST_COLOUR


def num(v: float) -> str:
    """``70`` or ``70.5``: one decimal only when it is not zero."""
    r = round(v, 1)
    return f"{r:.0f}" if r == round(r) else f"{r:.1f}"


def direction(good: str) -> str:
    """How to read a metric: "higher is better" or "lower is better"."""
    return _("higher is better") if good == "high" else _("lower is better")


def score_bar(score: float | None, width: int = 120, height: int = 10) -> str:
    """A small horizontal bar for a 0–100 score (grey track, coloured fill)."""
    fill = 0.0 if score is None else max(0.0, min(100.0, score)) * width / 100
    label = (
        _("not scored") if score is None else _("{score} of 100").format(score=score_text(score))
    )
    return (
        f'<svg class="bar" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(label)}">'
        f'<rect width="{width}" height="{height}" rx="2" fill="#e6e8eb"/>'
        f'<rect width="{fill:.1f}" height="{height}" rx="2" fill="{band_colour(score)}"/></svg>'
    )


def ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 × a power of ten apart) covering ``lo``..``hi``."""
    span = hi - lo
    if span <= 0 or not math.isfinite(span):
        return [lo]
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next((m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude), raw)
    out = []
    v = math.ceil(lo / step - 1e-9) * step
    while v <= hi + 1e-9:
        out.append(round(v, 6))
        v += step
    return out


def line_chart(
    title: str,
    values: Sequence[float],
    *,
    x_labels: Sequence[str],
    lo: float | None = None,
    hi: float | None = None,
    good: str = "high",
    markers: Sequence[tuple[int, str]] = (),
    width: int = 360,
    height: int = 190,
) -> str:
    """A line chart of one metric over the turns (x: ``x_labels``, y: the metric).

    ``lo``/``hi`` are the metric's bounds when it has them; otherwise the data range padded.
    ``markers`` are (x index, label) pairs drawn as dashed lines (events that fired).
    """
    left, right, top, bottom = 44, 14, 26, 34
    pw, ph = width - left - right, height - top - bottom
    data_lo = min(values) if values else 0.0
    data_hi = max(values) if values else 1.0
    y0 = lo if lo is not None else min(0.0, data_lo)
    y1 = hi if hi is not None else data_hi + max(1.0, (data_hi - y0) * 0.1)
    y0, y1 = min(y0, data_lo), max(y1, data_hi)
    if y1 <= y0:
        y1 = y0 + 1
    n = max(len(x_labels), 2)

    def x(i: int) -> float:
        return left + pw * i / (n - 1)

    def y(v: float) -> float:
        return top + ph * (1 - (v - y0) / (y1 - y0))

    reading = direction(good)
    arrow = "▲" if good == "high" else "▼"
    aria = _("{metric} by turn ({direction})").format(metric=title, direction=reading)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(aria)}">',
        f'<text x="{left}" y="14" class="ct">{escape(title)}</text>',
        f'<text x="{width - right}" y="14" class="cs" text-anchor="end">{arrow} '
        f"{escape(reading)}</text>",
    ]
    for t in ticks(y0, y1):
        ty = y(t)
        parts.append(
            f'<line x1="{left}" x2="{left + pw}" y1="{ty:.1f}" y2="{ty:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{ty + 3.5:.1f}" class="tick" text-anchor="end">'
            f"{num(t)}</text>"
        )
    step = max(1, math.ceil(len(x_labels) / 12))
    for i, label in enumerate(x_labels):
        if i % step and i != len(x_labels) - 1:
            continue
        parts.append(
            f'<text x="{x(i):.1f}" y="{top + ph + 14}" class="tick" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    parts.append(
        f'<text x="{left + pw / 2:.1f}" y="{height - 3}" class="axis" text-anchor="middle">'
        + escape(_("turn"))
        + "</text>"
    )
    for i, label in markers:
        mx = x(i)
        parts.append(
            f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{top}" y2="{top + ph}" class="marker">'
            f"<title>{escape(label)}</title></line>"
        )
    parts.append(
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + ph}" class="axisline"/>'
        f'<line x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}" class="axisline"/>'
    )
    if values:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline points="{points}" class="line"/>')
        for i, v in enumerate(values):
            label = x_labels[i] if i < len(x_labels) else ""
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.6" class="dot">'
                f"<title>{escape(label)}: {num(v)}</title></circle>"
            )
        last = values[-1]
        ly = y(last) - 7 if y(last) - 7 > top + 8 else y(last) + 14
        parts.append(
            f'<text x="{x(len(values) - 1) - 4:.1f}" y="{ly:.1f}" class="val" '
            f'text-anchor="end">{num(last)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def totals_chart(rows: Sequence[tuple[str, float | None]], width: int = 640) -> str:
    """Horizontal bars of the total score of each row (roles, then the team)."""
    label_w, right, bar_h, gap, top = 230, 44, 16, 9, 8
    height = top + len(rows) * (bar_h + gap) + 22
    pw = width - label_w - right
    parts = [
        f'<svg class="chart totals" viewBox="0 0 {width} {height}" width="100%" role="img" '
        'aria-label="' + escape(_("Total score by role and for the team")) + '">'
    ]
    for t in (0, 25, 50, 75, 100):
        tx = label_w + pw * t / 100
        parts.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{top - 4}" y2="{height - 20}" class="grid"/>'
            f'<text x="{tx:.1f}" y="{height - 6}" class="tick" text-anchor="middle">{t}</text>'
        )
    for i, (label, score) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = 0.0 if score is None else pw * max(0.0, min(100.0, score)) / 100
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h - 4}" class="blabel" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="2" '
            f'fill="{band_colour(score)}"/>'
            f'<text x="{label_w + w + 5:.1f}" y="{y + bar_h - 4}" class="val">'
            f"{score_text(score)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
