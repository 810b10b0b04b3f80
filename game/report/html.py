"""The after-action report: one self-contained HTML file in the shape of an HSEEP AAR/IP.

``render_report(result) -> str``.  The page needs nothing else: CSS is inline, charts are inline
SVG, fonts are the reader's own, there is no script and no URL.  It prints to PDF with page
breaks before the big sections.  Every text from the scenario or the players is untrusted and is
escaped.  The page is written in the language in use (:mod:`game.i18n`): its headings, labels,
dates, numbers and durations, and ``<html lang>``; the scenario's own text keeps the scenario's
language, marked with its own ``lang`` when the two differ (so a reader's browser picks the right
font and hyphenation for each).

Sections (HSEEP after-action report / improvement plan):

1. Exercise overview — scenario, date, duration, players and roles;
2. Outcome — the ending and the final metrics;
3. Scores — per role, per player and for the team (table and bars);
4. Objectives — each rated P, S, M or U, with what it measured;
5. Analysis — strengths and areas for improvement, per role;
6. Metrics over the turns — one line chart per metric;
7. Hotwash and improvement plan — the participants' feedback and the facilitator's notes, then
   the corrective actions (core capability, issue, corrective action, responsible organisation,
   start and completion dates; see :mod:`game.report.plan`);
8. Appendix — the decision and message log, and how scores are computed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from html import escape

from game import i18n
from game.i18n import _, ngettext
from game.report import charts, labels
from game.report.debrief import outcome_lines, role_areas, role_strengths
from game.report.hotwash import confidence_table
from game.report.plan import CorrectiveAction, corrective_actions
from game.report.result import Result
from game.scoring import rules, wording
from game.scoring.scorecard import ScoreCard
from game.scoring.wording import bot_label, seconds

_LANG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _paras(text: str) -> str:
    """Plain text with blank-line paragraphs as escaped ``<p>`` elements."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text or "") if b.strip()]
    return "".join(f"<p>{_e(' '.join(b.split()))}</p>" for b in blocks)


_role = labels.role_title
_short_role = labels.short_role_title


def _score(v: float | None) -> str:
    return wording.score(v)


_duration = i18n.format_duration


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _date(result: Result) -> str:
    """The exercise date as the front-end recorded it (local time, as written)."""
    start, end = _when(result.started_at), _when(result.finished_at)
    day, time = i18n.format_date, i18n.format_time
    if start and end:
        if start.date() == end.date():
            # TRANSLATORS: the exercise's date, then the times it started and ended
            return _("{date}, {start}–{end}").format(
                date=day(start), start=time(start), end=time(end)
            )
        return f"{day(start)} {time(start)} – {day(end)} {time(end)}"
    text = result.started_at or result.finished_at
    one = start or end
    if one is not None and text is not None:
        return day(one) if len(text) <= 10 else f"{day(one)} {time(one)}"
    return text or _("not recorded")


CSS = """
:root { --ink:#1d2733; --muted:#5b6775; --line:#d5dae0; --soft:#f3f5f7; --accent:#1f4e79; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans",
    "Noto Sans TC", "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", "Heiti TC",
    sans-serif; }
:lang(zh) { line-break: strict; word-break: normal; }
:lang(zh) .kicker { letter-spacing: .04em; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 40px 60px; }
header.cover { border-bottom: 4px solid var(--accent); padding-bottom: 18px; margin-bottom: 8px; }
.kicker { text-transform: uppercase; letter-spacing: .12em; font-size: 12px; color: var(--muted);
  margin: 0 0 6px; }
h1 { font-size: 30px; line-height: 1.2; margin: 0 0 6px; color: var(--accent); }
.subtitle { font-size: 16px; color: var(--muted); margin: 0; }
h2 { font-size: 21px; color: var(--accent); border-bottom: 1px solid var(--line);
  padding-bottom: 4px; margin: 34px 0 14px; }
h2 .num { color: var(--muted); font-weight: 400; margin-right: 6px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
p { margin: 0 0 10px; }
.muted { color: var(--muted); }
.small { font-size: 13px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 9px;
  border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-size: 13px; font-weight: 600; color: #344150; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.team td { font-weight: 700; background: #eef3f8; }
dl.facts { display: grid; grid-template-columns: 190px 1fr; gap: 4px 16px; margin: 0 0 12px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.ending { border-left: 6px solid var(--accent); background: var(--soft); padding: 12px 18px;
  margin: 8px 0 14px; }
.ending h3 { margin: 0 0 6px; font-size: 19px; }
.rating { display: inline-block; min-width: 30px; text-align: center; font-weight: 700;
  color: #fff; border-radius: 4px; padding: 1px 7px; }
.r-P { background: #2e7d32; } .r-S { background: #0277bd; } .r-M { background: #ef6c00; }
.r-U { background: #c62828; } .r-none { background: #9e9e9e; }
.cell { display: flex; align-items: center; gap: 8px; justify-content: flex-end; }
svg.bar { flex: none; }
figure { margin: 0 0 12px; }
svg.chart { display: block; font-family: inherit; }
svg.totals { max-width: 680px; margin: 0 auto; }
svg .ct { font-size: 13px; font-weight: 700; fill: var(--ink); }
svg .cs { font-size: 10px; fill: var(--muted); }
svg .tick { font-size: 10px; fill: var(--muted); }
svg .axis { font-size: 10px; fill: var(--muted); font-style: italic; }
svg .val { font-size: 11px; font-weight: 700; fill: var(--ink); }
svg .blabel { font-size: 12px; fill: var(--ink); }
svg .grid { stroke: #e3e7eb; stroke-width: 1; }
svg .axisline { stroke: #8a96a3; stroke-width: 1; }
svg .marker { stroke: #c62828; stroke-width: 1; stroke-dasharray: 3 3; opacity: .7; }
svg .line { fill: none; stroke: var(--accent); stroke-width: 2.2; }
svg .dot { fill: var(--accent); }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 14px 26px; }
.panel { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px 4px;
  break-inside: avoid; }
.roles { display: grid; grid-template-columns: 1fr 1fr; gap: 16px 26px; }
.role { break-inside: avoid; border-top: 3px solid var(--accent); padding-top: 6px; }
.role h3 { margin: 0 0 6px; }
ul.list { margin: 0 0 10px; padding-left: 20px; }
ul.list li { margin: 0 0 5px; }
table.plan p, table.plan ul.list { margin: 2px 0 0; font-size: 14px; }
table.plan ul.list { padding-left: 16px; }
ul.good li::marker { content: "✓  "; color: #2e7d32; }
ul.bad li::marker { content: "–  "; color: #c62828; }
.pts { white-space: nowrap; color: #c62828; font-weight: 600; font-size: 13px; }
.legend { font-size: 13px; color: var(--muted); }
.legend b { color: var(--ink); }
ol.turns { columns: 2; font-size: 13px; color: var(--muted); margin: 4px 0 12px;
  padding-left: 22px; }
.note { font-size: 13px; color: var(--muted); background: var(--soft); padding: 8px 12px;
  border-radius: 4px; }
.pill { font-size: 12px; border: 1px solid var(--line); border-radius: 10px; padding: 0 7px;
  white-space: nowrap; color: var(--muted); }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line);
  padding-top: 8px; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 0; }
  section.page { break-before: page; page-break-before: always; }
  section.first { break-before: auto; page-break-before: auto; }
  .panel, .ending, figure { break-inside: avoid; page-break-inside: avoid; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .grid2 { gap: 8px 16px; }
  .roles { grid-template-columns: 1fr; }
  .role { break-inside: auto; }
  #appendix table, table.plan { font-size: 9pt; }
  table.plan p, table.plan ul.list { font-size: 9pt; }
  .roles ul.list { font-size: 9.5pt; }
  svg.bar { width: 56px; }
  #scores td:first-child { min-width: 34mm; }
  footer { display: none; }
}
@media screen and (max-width: 760px) {
  main { padding: 16px; } .grid2, .roles { grid-template-columns: 1fr; }
  dl.facts { grid-template-columns: 1fr; }
}
"""


def _rating(rating: str | None) -> str:
    if rating is None:
        return '<span class="rating r-none" title="' + _e(_("Not rated")) + '">—</span>'
    meaning = labels.rating_meaning(rating)
    return f'<span class="rating r-{_e(rating)}" title="{_e(meaning)}">{_e(rating)}</span>'


def _score_cells(card: ScoreCard) -> str:
    out = []
    for v in (card.speed, card.priorities, card.communication, card.total):
        out.append(
            f'<td class="n"><div class="cell">{_score(v)} {charts.score_bar(v, 90)}</div></td>'
        )
    return "".join(out)


def render_report(result: Result, plan: list[CorrectiveAction] | None = None) -> str:
    """The whole report as one HTML document (UTF-8 text).  ``plan``: the improvement plan as
    the instructor edited it (:func:`game.report.plan.plan_for`); None: the generated one."""
    sc = result.scenario
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(i18n.language())}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>" + _e(_("After-Action Report: {title}").format(title=sc.title)) + "</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body><main>",
        _cover(result),
        _overview(result),
        _outcome(result),
        _scores(result),
        _objectives(result),
        _analysis(result),
        _metrics(result),
        _plan(result, plan),
        _appendix(result),
        "<footer>"
        + _e(
            _(
                "Generated by Crisis Tabletop from a result record ({format}). "
                "Scenario content hash {hash}."
            ).format(format=result.format, hash=sc.content_hash or _("unknown"))
        )
        + "</footer>",
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _section(number: int, ident: str, title: str, body: str, *, page: bool = False) -> str:
    cls = ' class="page"' if page else ""
    return (
        f'<section id="{ident}"{cls}><h2><span class="num">{number}.</span>'
        f"{_e(title)}</h2>{body}</section>"
    )


def _scenario_lang(result: Result) -> str:
    """`` lang="…"`` for an element holding scenario text, when the scenario is written in
    another language than the report (empty otherwise or when the tag is not well formed)."""
    lang = result.scenario.language or ""
    if not _LANG.fullmatch(lang) or i18n.normalise(lang) == i18n.language():
        return ""
    return f' lang="{_e(lang)}"'


def _cover(result: Result) -> str:
    sc = result.scenario
    return (
        '<header class="cover">'
        '<p class="kicker">' + _e(_("After-Action Report / Improvement Plan")) + f"</p>"
        f"<h1{_scenario_lang(result)}>{_e(sc.title)}</h1>"
        '<p class="subtitle">'
        + _e(
            # TRANSLATORS: the report's subtitle: the date of play and the scenario type
            _("Crisis Tabletop exercise · {date} · {type}").format(
                date=_date(result), type=_type(sc.type)
            )
        )
        + "</p></header>"
    )


_type = labels.scenario_type


def _overview(result: Result) -> str:
    sc = result.scenario
    team = result.scores.team
    scenario = (
        _("{id}, version {version}").format(id=sc.id, version=sc.version) if sc.version else sc.id
    )
    played = ngettext(
        "{duration} of play, {n} turn", "{duration} of play, {n} turns", len(sc.turns)
    ).format(duration=_duration(result.duration), n=len(sc.turns))
    outcome = _("{ending} · team score {score} of 100").format(
        ending=result.ending.title if result.ending else _("not finished"),
        score=_score(team.total),
    )
    facts = [
        (_("Exercise"), sc.title),
        (_("Scenario"), scenario),
        (
            _("Type / difficulty"),
            _("{type} / {difficulty}").format(
                type=_type(sc.type), difficulty=labels.difficulty(sc.difficulty)
            ),
        ),
        (_("Date"), _date(result)),
        (_("Duration"), played),
        (_("Outcome"), outcome),
        (_("Seed"), str(result.seed)),
    ]
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
    rows = "".join(
        f"<tr><td>{_e(_role(s.role))}</td><td>{_e(wording.seat_label(s.player, s.bot))}</td></tr>"
        for s in result.seats
    )
    seats = (
        "<h3>"
        + _e(_("Players and roles"))
        + "</h3><table><thead><tr><th>"
        + _e(_("Role"))
        + "</th>"
        "<th>" + _e(_("Player")) + f"</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    summary = (
        "<h3>" + _e(_("Scenario")) + f"</h3><div{_scenario_lang(result)}>{_paras(sc.summary)}</div>"
        if sc.summary
        else ""
    )
    return _section(
        1,
        "overview",
        _("Exercise overview"),
        f'<dl class="facts">{dl}</dl>{summary}{seats}',
    )


def _outcome(result: Result) -> str:
    sc = result.scenario
    if result.ending is not None:
        causes, lost = outcome_lines(result)
        extra = ""
        if causes:
            extra += "<p><strong>" + _e(_("What the team did that led here")) + "</strong></p><ul>"
            extra += "".join(f"<li>{_e(c)}</li>" for c in causes) + "</ul>"
        if lost:
            extra += (
                "<p><strong>" + _e(_("Not delivered (the channel was down)")) + "</strong></p><ul>"
            )
            extra += "".join(f"<li>{_e(x)}</li>" for x in lost) + "</ul>"
        ending = (
            '<div class="ending"><p class="kicker">' + _e(_("Ending reached")) + f"</p>"
            f"<h3{_scenario_lang(result)}>{_e(result.ending.title)}</h3>"
            f"<div{_scenario_lang(result)}>{_paras(result.ending.text)}</div>{extra}</div>"
        )
    else:
        ending = '<div class="ending"><h3>' + _e(_("The game was not finished")) + "</h3></div>"
    final = result.metrics_history[-1] if result.metrics_history else result.metrics_start
    rows = []
    for m in sc.metrics:
        start = result.metrics_start.get(m.id, m.start)
        end = final.get(m.id, start)
        change = end - start
        better = (change > 0) == (m.good == "high")
        arrow = "" if change == 0 else ("▲" if change > 0 else "▼")
        colour = "#2e7d32" if better else "#c62828"
        style = f' style="color:{colour}"' if change else ""
        rows.append(
            f"<tr><td>{_e(m.label)}</td><td class='n'>{charts.num(start)}</td>"
            f"<td class='n'>{charts.num(end)}</td>"
            f"<td class='n'{style}>{arrow} {('+' if change > 0 else '')}{charts.num(change)}</td>"
            f"<td class='muted small'>{_e(charts.direction(m.good))}</td></tr>"
        )
    table = (
        "<table><thead><tr><th>"
        + _e(_("Metric"))
        + "</th><th class='n'>"
        + _e(_("Start"))
        + "</th>"
        "<th class='n'>" + _e(_("End")) + "</th><th class='n'>" + _e(_("Change")) + "</th><th></th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    events = ""
    if result.events_fired:
        items = "".join(
            "<li>"
            + _e(_("Turn {n}: {event}").format(n=e.turn, event=e.headline or e.event))
            + "</li>"
            for e in result.events_fired
        )
        events = (
            "<h3>" + _e(_("Events triggered by the team's choices")) + f"</h3>"
            f"<ul class='list'>{items}</ul>"
        )
    return _section(2, "outcome", _("Outcome"), ending + table + events)


def _scores(result: Result) -> str:
    sc = result.scenario
    w = sc.weights
    head = (
        "<thead><tr><th>{}</th>"
        + "".join(
            f"<th class='n'>{_e(labels.dimension(d))}</th>"
            for d in ("speed", "priorities", "communication", "total")
        )
        + "</tr></thead>"
    )
    team_label = _("Team")
    rows = []
    for role in result.roles:
        card = result.scores.roles.get(role)
        if card is not None:
            rows.append(f"<tr><td>{_e(_role(role))}</td>{_score_cells(card)}</tr>")
    rows.append(
        f"<tr class='team'><td>{_e(team_label)}</td>{_score_cells(result.scores.team)}</tr>"
    )
    role_head = head.format(_e(_("Role")))
    table = f"<table>{role_head}<tbody>{''.join(rows)}</tbody></table>"
    bars = charts.totals_chart(
        [(_role(r), result.scores.roles[r].total) for r in result.roles if r in result.scores.roles]
        + [(team_label, result.scores.team.total)]
    )
    players = ""
    if len(result.players) != len(result.roles) or any(s.player is None for s in result.seats):
        prow = []
        for label, card in result.scores.players.items():
            held = i18n.format_list([_role(r) for r in result.player_roles(label)])
            prow.append(
                f"<tr><td>{_e(wording.player_label(label))}<br>"
                f"<span class='muted small'>{_e(held)}</span></td>"
                f"{_score_cells(card)}</tr>"
            )
        players = (
            "<h3>"
            + _e(_("Players"))
            + "</h3><table>"
            + head.format(_e(_("Player")))
            + f"<tbody>{''.join(prow)}</tbody></table>"
        )
    else:
        prow = []
        for label, card in result.scores.players.items():
            prow.append(f"<tr><td>{_e(wording.player_label(label))}</td>{_score_cells(card)}</tr>")
        players = (
            "<h3>"
            + _e(_("Players"))
            + "</h3><table>"
            + head.format(_e(_("Player")))
            + f"<tbody>{''.join(prow)}</tbody></table>"
        )
    note = (
        "<p class='note'>"
        + _e(
            _(
                "Total = {speed} % speed + {priorities} % priorities + {communication} % "
                "communication, over the scores a role has (— means nothing to score: e.g. a "
                "role that owns no stakeholder has no communication score). Colours: green ≥ 85, "
                "blue ≥ 65, orange ≥ 40, red below."
            ).format(
                speed=charts.num(100 * w.get("speed", 0)),
                priorities=charts.num(100 * w.get("priorities", 0)),
                communication=charts.num(100 * w.get("communication", 0)),
            )
        )
        + "</p>"
    )
    return _section(
        3,
        "scores",
        _("Scores"),
        table + f"<figure class='panel'>{bars}</figure>" + note + players,
    )


def _objectives(result: Result) -> str:
    if not result.objectives:
        return _section(
            4,
            "objectives",
            _("Objectives"),
            "<p class='muted'>" + _e(_("This scenario sets no objectives.")) + "</p>",
        )
    rows = []
    for o in result.objectives:
        items = []
        for i in o.items:
            kind = _("Decision") if i.kind == "decision" else _("Stakeholder")
            if i.score is not None:
                score = _score(i.score)  # rounded as the window rounds it
            elif i.kind == "decision":
                score = _("not asked")
            else:
                score = _("not required in this game")
            items.append(
                f"<li><span class='pill'>{_e(kind)}</span> {_e(_short(i.label, 90))} "
                f"<span class='muted'>({_e(score)})</span></li>"
            )
        meaning = (
            labels.rating_meaning(o.rating)
            if o.rating in rules.HSEEP_MEANING
            else _("Not rated: nothing it measures came up")
        )
        capability = result.scenario.capabilities.get(o.id, "")
        cap = f"<br><span class='pill'>{_e(capability)}</span>" if capability else ""
        rows.append(
            f"<tr><td><b>{_e(o.text)}</b>{cap}<ul class='list small'>{''.join(items)}</ul></td>"
            f"<td class='n'>{_score(o.score)}</td>"
            f"<td>{_rating(o.rating)}<br><span class='small muted'>{_e(meaning)}</span></td></tr>"
        )
    t = rules.HSEEP_THRESHOLDS
    bands = i18n.format_list([f"<b>{r}</b> ≥ {charts.num(v)}" for r, v in t])
    meanings = " · ".join(
        f"<b>{r}</b>: {_e(labels.rating_meaning(r))}"
        for r in (*(r for r, _v in t), rules.HSEEP_LOWEST)
    )
    legend = (
        "<p class='legend'>"
        + _e(
            _(
                "HSEEP ratings from the objective's score (mean of what it measures): {bands}, "
                "{lowest} below."
            )
        ).format(bands=bands, lowest=f"<b>{rules.HSEEP_LOWEST}</b>")
        + f" {meanings}</p>"
    )
    table = (
        "<table><thead><tr><th>" + _e(_("Objective and what it measured")) + "</th>"
        "<th class='n'>" + _e(_("Score")) + "</th><th>" + _e(_("Rating")) + f"</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _section(4, "objectives", _("Objectives"), table + legend + _evaluator(result))


def _evaluator(result: Result) -> str:
    """The evaluator's own ratings and notes, beside the automatic ratings (network games)."""
    ex = result.exercise
    if ex is None or not (
        ex.notes or ex.evaluator_ratings or ex.chat or ex.stand_ins or ex.ended_by_facilitator
    ):
        return ""
    texts = {o.id: o.text for o in result.objectives}
    out = []
    if ex.evaluator_ratings:
        rows = "".join(
            f"<tr><td>{_e(texts.get(oid, oid))}</td><td>{_rating(r)}</td></tr>"
            for oid, r in ex.evaluator_ratings.items()
        )
        out.append(
            "<h3>" + _e(_("The evaluator's ratings")) + "</h3><table><thead><tr>"
            "<th>" + _e(_("Objective")) + "</th><th>" + _e(_("Rating")) + f"</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )

    def at(turn: int, moment: float) -> str:
        return _e(_("turn {n}, {time}").format(n=turn, time=seconds(moment)))

    if ex.notes:
        items = "".join(
            f"<li><span class='muted small'>{at(n.turn, n.at)} · {_e(n.by)}</span> "
            + (f"{_rating(n.rating)} {_e(texts.get(n.objective or '', ''))} " if n.rating else "")
            + f"{_e(n.text)}</li>"
            for n in ex.notes
        )
        out.append(
            "<h3>" + _e(_("The evaluator's notes")) + f"</h3><ul class='list small'>{items}</ul>"
        )
    if ex.chat:

        def who(seat: str) -> str:
            return _("Facilitator") if seat == "facilitator" else _role(seat)

        lines = "".join(
            f"<li><span class='muted small'>{at(c.turn, c.at)}</span> "
            f"<b>{_e(c.name)}</b> ({_e(who(c.sender))}"
            f"{' → ' + _e(who(c.to)) if c.to else ''}): {_e(c.text)}</li>"
            for c in ex.chat
        )
        out.append("<h3>" + _e(_("Team chat")) + f"</h3><ul class='list small'>{lines}</ul>")
    for stand_in in ex.stand_ins:
        if stand_in.until_turn is None:
            # TRANSLATORS: {bot} is e.g. "Bot (competent)", standing in for an absent player
            text = _("{bot} played the {role} seat from turn {start} to the end.")
        else:
            text = _("{bot} played the {role} seat from turn {start} to turn {end}.")
        line = text.format(
            bot=bot_label(stand_in.policy),
            role=_role(stand_in.role),
            start=stand_in.from_turn,
            end=stand_in.until_turn,
        )
        out.append(f"<p class='muted'>{_e(line)}</p>")
    if ex.ended_by_facilitator:
        out.append(
            "<p class='muted'>"
            + _e(_("The facilitator ended this exercise early; the decisions left were skipped."))
            + "</p>"
        )
    return "".join(out)


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _analysis(result: Result) -> str:
    team_strengths = [
        s.reason for s in result.strengths.team if s.kind in ("stakeholder_informed",)
    ]
    blocks = []
    for role in result.roles:
        good = role_strengths(result, role)
        bad = role_areas(result, role)
        good_html = (
            "<ul class='list good'>" + "".join(f"<li>{_e(g)}</li>" for g in good) + "</ul>"
            if good
            else "<p class='muted small'>" + _e(_("No particular strengths recorded.")) + "</p>"
        )
        bad_html = (
            "<ul class='list bad'>"
            + "".join(
                f"<li>{_e(reason)} <span class='pts'>"
                + _e(_("−{points} total").format(points=charts.num(pts)))
                + "</span></li>"
                for reason, pts in bad
            )
            + "</ul>"
            if bad
            else "<p class='muted small'>" + _e(_("Nothing lost.")) + "</p>"
        )
        card = result.scores.roles.get(role)
        total = _score(card.total if card else None)
        blocks.append(
            f"<div class='role'><h3>{_e(_role(role))} <span class='muted'>· {total}</span></h3>"
            "<p class='kicker'>" + _e(_("Strengths")) + f"</p>{good_html}"
            "<p class='kicker'>" + _e(_("Areas for improvement")) + f"</p>{bad_html}</div>"
        )
    intro = (
        "<p>"
        + _e(
            _(
                "What each role did well and what cost it the most, in points of its total "
                "score. The improvement plan (section 7) turns the areas for improvement into "
                "actions."
            )
        )
        + "</p>"
    )
    team = ""
    if team_strengths:
        team = (
            "<h3>"
            + _e(_("Team strengths in communication"))
            + "</h3><ul class='list good'>"
            + "".join(f"<li>{_e(s)}</li>" for s in team_strengths)
            + "</ul>"
        )
    return _section(
        5,
        "analysis",
        _("Analysis: strengths and areas for improvement"),
        intro + team + f"<div class='roles'>{''.join(blocks)}</div>",
        page=True,
    )


def _metrics(result: Result) -> str:
    sc = result.scenario
    history = [result.metrics_start, *result.metrics_history]
    x_labels = [_("Start"), *[str(i) for i in range(1, len(result.metrics_history) + 1)]]
    markers = [
        (e.turn - 1, _("Turn {n}: {event}").format(n=e.turn, event=e.headline or e.event))
        for e in result.events_fired
    ]
    panels = []
    for m in sc.metrics:
        values = [float(h.get(m.id, m.start)) for h in history]
        panels.append(
            "<figure class='panel'>"
            + charts.line_chart(
                m.label,
                values,
                x_labels=x_labels,
                lo=m.min,
                hi=m.max,
                good=m.good,
                markers=[(i, label) for i, label in markers if 0 <= i < len(x_labels)],
            )
            + "</figure>"
        )
    turns = "".join(
        f"<li>{_e(t.label)} <span class='muted'>"
        # TRANSLATORS: a turn's phase after its label, in brackets
        + _e(_("({phase})").format(phase=labels.phase(t.phase)))
        + "</span></li>"
        for t in sc.turns
    )
    legend = (
        "<p class='legend'>"
        + _e(
            _(
                "Each point is the value at the end of a turn (Start: before turn 1). Dashed red "
                "lines: events that fired at the start of that turn."
            )
        )
        + "</p><h3>"
        + _e(_("Turns"))
        + f"</h3><ol class='turns'>{turns}</ol>"
    )
    return _section(
        6,
        "metrics",
        _("Metrics over the turns"),
        f"<div class='grid2'>{''.join(panels)}</div>" + legend,
        page=True,
    )


def _plan(result: Result, plan: list[CorrectiveAction] | None) -> str:
    actions = corrective_actions(result) if plan is None else plan
    title = _("Improvement plan")
    hotwash = _hotwash(result)
    if not actions:
        body = (
            "<p>"
            + _e(
                _(
                    "No significant points were lost: keep the plan as it is and raise the "
                    "difficulty."
                )
            )
            + "</p>"
        )
        return _section(7, "improvement-plan", title, hotwash + body, page=True)
    rows = []
    for a in actions:
        dates = (
            " – ".join(d for d in (a.start, a.completion) if d) or "<span class='muted'>—</span>"
        )
        objective = f"<br><span class='small muted'>{_e(a.objective)}</span>" if a.objective else ""
        points = (
            "<br><span class='small muted'>"
            + _e(_("−{points} points").format(points=charts.num(a.points)))
            + "</span>"
            if a.points
            else ""
        )
        rows.append(
            f"<tr><td class='n'>{_e(a.id)}</td>"
            f"<td>{_e(a.capability) or '<span class=muted>—</span>'}{objective}</td>"
            f"<td>{_e(a.issue)}{points}</td><td>{_e(a.action)}</td>"
            f"<td>{_e(a.organisation)}</td><td>{dates}</td>"
            "</tr>"
        )
    table = (
        "<table class='plan'><colgroup><col style='width:4%'><col style='width:14%'>"
        "<col style='width:26%'><col style='width:30%'><col style='width:14%'>"
        "<col style='width:12%'></colgroup>"
        "<thead><tr><th class='n'>#</th>"
        + "".join(
            f"<th>{_e(h)}</th>"
            for h in (
                _("Core capability"),
                _("Issue / area for improvement"),
                _("Corrective action"),
                _("Responsible organisation"),
                _("Start – completion"),
            )
        )
        + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    intro = (
        "<p>"
        + _e(
            _(
                "Corrective actions, biggest loss first. Edit owners, dates and wording in the "
                "plan sheet ({command}); the edits are kept each time the report is written again."
            )
        ).format(command="<code>crisis-sim report RESULT --plan plan.csv</code>")
        + "</p>"
    )
    heading = "<h3>" + _e(_("Corrective actions")) + "</h3>" if hotwash else ""
    return _section(7, "improvement-plan", title, hotwash + heading + intro + table, page=True)


def _hotwash(result: Result) -> str:
    """The participants' feedback forms and the facilitator's notes (HSEEP hotwash)."""
    if not result.feedback and not result.facilitator_notes:
        return ""
    parts = ["<h3>" + _e(_("Hotwash")) + "</h3>"]
    if result.feedback:
        rows = []
        for f in result.feedback:
            rows.append(
                f"<tr><td><b>{_e(f.player)}</b></td><td>{_paras(f.went_well) or '—'}</td>"
                f"<td>{_paras(f.to_improve) or '—'}</td></tr>"
            )
        parts.append(
            "<table><thead><tr><th>" + _e(_("Participant")) + "</th>"
            "<th>"
            + _e(_("What went well"))
            + "</th><th>"
            + _e(_("What to improve"))
            + f"</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
        confidence = _confidence(result)
        if confidence:
            parts.append(confidence)
    if result.facilitator_notes:
        parts.append(
            "<p class='kicker'>" + _e(_("Facilitator's notes")) + f"</p>"
            f"{_paras(result.facilitator_notes)}"
        )
    return "".join(parts)


def _confidence(result: Result) -> str:
    """Mean confidence before and after, per objective (1–5), from the feedback forms."""
    table = confidence_table(result)
    if not table:
        return ""

    def mean(value: float | None) -> str:
        return "—" if value is None else i18n.format_number(value, 1)

    rows = "".join(
        f"<tr><td>{_e(text)}</td><td class='n'>{mean(b)}</td>"
        f"<td class='n'>{mean(a)}</td><td class='n'>{n}</td></tr>"
        for text, b, a, n in table
    )
    return (
        "<p class='kicker'>" + _e(_("Confidence per objective (1 low – 5 high)")) + "</p>"
        "<table><thead><tr><th>" + _e(_("Objective")) + "</th>"
        "<th class='n'>" + _e(_("Before")) + "</th><th class='n'>" + _e(_("After")) + "</th>"
        "<th class='n'>" + _e(_("Answers")) + f"</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _items(texts: Iterable[str]) -> str:
    texts = list(texts)
    if len(texts) == 1:
        return f"<p>{_e(texts[0])}</p>"
    return "<ul class='list'>" + "".join(f"<li>{_e(t)}</li>" for t in texts) + "</ul>"


def _appendix(result: Result) -> str:
    sc = result.scenario
    decisions = {d.id: d for d in sc.decisions}
    statements = {s.id: s for s in sc.statements}
    stakeholders = {s.id: s for s in sc.stakeholders}
    rows = []
    for a in sorted(result.answers, key=lambda a: (a.turn, a.resolved_at)):
        d = decisions.get(a.decision)
        prompt = _short(d.prompt, 110) if d else a.decision
        if a.skipped:
            what = _("skipped by the facilitator")
        elif a.timed_out:
            what = (
                _("timed out → {option}").format(option=a.applied_option)
                if a.applied_option
                else _("timed out")
            )
        elif a.order is not None:
            what = _("ranked: {order}").format(order=" › ".join(a.order))
        else:
            what = a.option or ""
        took = (
            ""
            if a.elapsed is None
            else _("{used} of {limit}").format(used=seconds(a.elapsed), limit=seconds(a.time_limit))
        )
        rows.append(
            f"<tr><td class='n'>{a.turn}</td><td>{_e(_role(a.role))}</td><td>{_e(prompt)}</td>"
            f"<td>{_e(what)}</td><td class='n'>{_e(took)}</td></tr>"
        )
    answers = (
        "<h3>"
        + _e(_("Decisions"))
        + "</h3><table><thead><tr><th class='n'>"
        + _e(_("Turn"))
        + "</th>"
        "<th>"
        + _e(_("Role"))
        + "</th><th>"
        + _e(_("Decision"))
        + "</th><th>"
        + _e(_("Answer"))
        + "</th>"
        "<th class='n'>" + _e(_("Time")) + f"</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    mrows = []
    for m in result.messages:
        to = i18n.format_list(
            [stakeholders[s].name if s in stakeholders else s for s in m.stakeholders]
        )
        says = "".join(
            f"<li>{_e(_short(statements[s].text, 160) if s in statements else s)}"
            + (
                f" <span class='pill'>{_e(labels.risk(statements[s].risk or ''))}</span>"
                if s in statements and statements[s].risk
                else ""
            )
            + "</li>"
            for s in m.statements
        )
        mrows.append(
            f"<tr><td class='n'>{m.turn}</td><td>{_e(_role(m.role))}</td><td>{_e(to)}"
            f"<br><span class='muted small'>{_e(labels.channel(m.channel))}</span></td>"
            f"<td><ul class='list small'>{says}</ul></td></tr>"
        )
    messages = (
        "<h3>"
        + _e(_("Messages"))
        + "</h3>"
        + (
            "<table><thead><tr><th class='n'>"
            + _e(_("Turn"))
            + "</th><th>"
            + _e(_("From"))
            + "</th>"
            "<th>" + _e(_("To")) + "</th><th>" + _e(_("Statements")) + f"</th>"
            f"</tr></thead><tbody>{''.join(mrows)}</tbody></table>"
            if mrows
            else "<p class='muted'>" + _e(_("No messages were sent.")) + "</p>"
        )
    )
    method = _method(result)
    return _section(
        8,
        "appendix",
        _("Appendix: exercise log and scoring method"),
        answers + messages + method,
        page=True,
    )


def _method(result: Result) -> str:
    risks = i18n.format_list(
        [
            _("{risk} −{points}").format(risk=labels.risk(k), points=charts.num(v))
            for k, v in rules.RISK_PENALTY.items()
        ]
    )
    late = i18n.format_list(
        [
            ngettext("{n} turn late {percent} %", "{n} turns late {percent} %", i).format(
                n=i, percent=charts.num(100 * c)
            )
            for i, c in enumerate(rules.LATE_CREDIT, 1)
        ]
    )
    items: Iterable[tuple[str, str]] = (
        (
            labels.dimension("speed"),
            _(
                "100 for an answer within the first {grace} % of the time limit, then one point "
                "less per 1 % of the limit used, {at_limit} at the limit; a timed-out decision "
                "scores 0."
            ).format(
                grace=charts.num(100 * rules.SPEED_GRACE),
                at_limit=charts.num(rules.SPEED_AT_LIMIT),
            ),
        ),
        (
            labels.dimension("priorities"),
            _(
                "the chosen option's rating (best 100, good 70, poor 30, harmful 0; a timeout "
                "counts as the option applied on timeout, or 0); a ranking scores 100 × (1 − the "
                "share of item pairs in the wrong order). Decisions skipped by the facilitator do "
                "not count."
            ),
        ),
        (
            labels.dimension("communication"),
            _(
                "each required stakeholder's weight (shared between its owners) × the share of "
                "its expected key points covered by its deadline (on time 100 %, {late}, later 0; "
                "{non_owner} % when not sent by an owner), less penalties for each risky "
                "statement sent ({risks}) and −{contradiction} for each pair of contradicting "
                "statements."
            ).format(
                late=late,
                non_owner=charts.num(100 * rules.NON_OWNER_CREDIT),
                risks=risks,
                contradiction=charts.num(rules.CONTRADICTION_PENALTY),
            ),
        ),
        (
            _("Team"),
            _(
                "speed and priorities over all decisions; communication over all required "
                "stakeholders, less the average role's penalties; players are scored the same "
                "way over the roles they held."
            ),
        ),
    )
    return (
        "<h3>"
        + _e(_("How scores are computed"))
        + "</h3><ul class='list small'>"
        # TRANSLATORS: a label and its explanation, e.g. "Speed: 100 for an answer ..."
        + "".join(
            "<li>" + _e(_("{label}: {text}")).format(label=f"<b>{_e(k)}</b>", text=_e(v)) + "</li>"
            for k, v in items
        )
        + "</ul><p class='small muted'>"
        + _e(_("Details and a worked example: {file}.").format(file="docs/scoring.md"))
        + "</p>"
    )


__all__ = ["render_report"]
