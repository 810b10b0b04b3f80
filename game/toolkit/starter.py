"""A small, valid, commented scenario to start from (``crisis-sim new``).

The starter shows every feature of the format exactly once, each with a comment saying what it
does, so an instructor learns the format by editing a file that already works.  It must load
with no diagnostic at all for every scenario type and every choice of roles: the tests check
that, so a change to the format that breaks the starter is noticed at once.

The text is generated rather than copied from a file so that the roles chosen on the command
line can own the decisions and stakeholders (a decision for a role not in play is an error).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

import attrs

from game.i18n import N_, _
from game.scenario.model import FORMAT_V1, INJECT_CHANNELS, RISKS, ROLE_IDS, SCENARIO_TYPES
from game.toolkit.yamltext import scalar


@attrs.frozen
class Premise:
    """The type-specific words of the starter; the structure is the same for every type."""

    title: str
    org: str
    summary: str
    warn: tuple[str, str, str, str]  # channel, from, headline, body of the turn-1 warning sign
    alert: tuple[str, str, str, str]  # channel, from, headline, body of the turn-2 crisis
    metric: tuple[str, str]  # id and label of the metric the first action moves
    operator: tuple[str, ...]  # roles, best first, who own the first action
    prompt: str
    best: tuple[str, str]  # text, why
    harmful: tuple[str, str]


PREMISES: dict[str, Premise] = {
    "data_breach": Premise(
        title="Ransomware at Northwind Logistics",
        org="Northwind Logistics",
        summary="Attackers encrypt the file servers of a logistics company on a Monday morning.",
        warn=(
            "email",
            "Security vendor advisory service",
            "Attackers are exploiting the VPN model we use",
            "A criminal group is breaking into companies through an unpatched flaw in our VPN "
            "appliance. The patch came out last week; ours is not installed yet.",
        ),
        alert=(
            "phone",
            "IT service desk",
            "Files renamed to .lock on every file server",
            "Staff cannot open any shared file and a ransom note sits in every folder. The "
            "warehouse system still works, for now.",
        ),
        metric=("containment", "Containment"),
        operator=("infosec_analyst", "crisis_manager"),
        prompt="Files are being encrypted on the file servers. What do you do first?",
        best=(
            "Isolate the affected network segments",
            "Isolation stops the spread and keeps the evidence.",
        ),
        harmful=(
            "Reboot the servers to stop the process",
            "Rebooting destroys evidence and can restart the encryption.",
        ),
    ),
    "product_recall": Premise(
        title="Lot 42: a recall at Brightfield Foods",
        org="Brightfield Foods",
        summary="Illnesses are linked to one production lot of a food company's soup.",
        warn=(
            "report",
            "Quality lab",
            "Borderline Listeria counts in two samples of Lot 42",
            "Two retained samples of Lot 42 tomato soup tested just under the action limit. "
            "The lot shipped to 300 stores on Tuesday.",
        ),
        alert=(
            "phone",
            "Regional health department",
            "Three people ill after eating Lot 42 soup",
            "Investigators link three hospital cases to our soup and ask what we are doing "
            "about the product still on shelves.",
        ),
        metric=("product_recovered", "Product recovered"),
        operator=("emergency_director", "crisis_manager"),
        prompt="Health officials link illnesses to Lot 42. What do you do first?",
        best=(
            "Stop shipments and recall Lot 42 from every store",
            "Removing the product protects people while the investigation goes on.",
        ),
        harmful=(
            "Wait for our own lab to confirm the link",
            "Every day of waiting leaves contaminated soup in kitchens.",
        ),
    ),
    "fire": Premise(
        title="Fire in warehouse B at Harbourside Plastics",
        org="Harbourside Plastics",
        summary="A fire breaks out in a plastics plant's warehouse during the night shift.",
        warn=(
            "report",
            "Facilities inspection",
            "Sprinkler valve in warehouse B found closed",
            "The weekly walk-round found the sprinkler valve for warehouse B closed after "
            "maintenance. Nobody signed the work permit off.",
        ),
        alert=(
            "alarm",
            "Fire alarm panel",
            "Fire alarm: warehouse B, smoke reported",
            "The night supervisor reports thick smoke from the pallet racks. Eleven people are "
            "on the night shift.",
        ),
        metric=("site_safety", "Site safety"),
        operator=("emergency_director", "crisis_manager"),
        prompt="Smoke is spreading in warehouse B with a night shift on site. First action?",
        best=(
            "Evacuate the site and call the fire service",
            "People first: a full evacuation and the fire service, at once.",
        ),
        harmful=(
            "Send staff in with extinguishers to fight the fire",
            "A rack fire is beyond hand extinguishers; it puts lives at risk.",
        ),
    ),
    "reputation": Premise(
        title="Front page: a culture story at Aster Bank",
        org="Aster Bank",
        summary="A national newspaper accuses a bank of ignoring harassment complaints.",
        warn=(
            "email",
            "Media monitoring",
            "A journalist is asking former staff about complaints",
            "A reporter from a national paper has contacted five former employees about "
            "harassment complaints made in 2021.",
        ),
        alert=(
            "news",
            "The National Ledger",
            "Front page: complaints ignored for years at Aster Bank",
            "The paper quotes four former employees and an internal email telling managers "
            "to close the complaints quietly.",
        ),
        metric=("story_control", "Control of the story"),
        operator=("reputation_head", "pr_specialist", "crisis_manager"),
        prompt="The story leads the morning news. What do you do first?",
        best=(
            "Acknowledge the failures and announce an independent review",
            "Owning the problem and showing action is what rebuilds trust.",
        ),
        harmful=(
            "Threaten the newspaper with legal action",
            "Attacking the messenger keeps the story alive and looks like a cover-up.",
        ),
    ),
    "natural_disaster": Premise(
        title="Flood at the Valley Water pumping station",
        org="Valley Water Utility",
        summary="A river flood threatens the pumping station that supplies a town's water.",
        warn=(
            "radio",
            "National weather service",
            "Flood warning: river to crest at 6.2 m on Monday",
            "Heavy rain upstream. The crest forecast is 40 cm above the pumping station's "
            "flood wall.",
        ),
        alert=(
            "radio",
            "Pumping station supervisor",
            "Water entering the pumping station basement",
            "The basement is taking water faster than the pumps can remove it. Four people "
            "are on site.",
        ),
        metric=("service", "Water service"),
        operator=("emergency_director", "crisis_manager"),
        prompt="The pumping station is flooding. What do you do first?",
        best=(
            "Evacuate the crew and switch supply to the backup station",
            "The crew's safety comes first and the backup keeps water flowing.",
        ),
        harmful=(
            "Keep the crew pumping water out of the basement",
            "Rising water and live electrics put the crew's lives at risk.",
        ),
    ),
    "workplace_violence": Premise(
        title="Threat at the Meridian call centre",
        org="Meridian Contact Services",
        summary="An armed person is reported at the entrance of a busy call centre.",
        warn=(
            "email",
            "Human resources",
            "A dismissed employee sent threatening messages",
            "A team lead received messages from an employee dismissed last week saying he "
            "will 'make them pay'.",
        ),
        alert=(
            "phone",
            "Reception desk",
            "Armed person reported at the main entrance",
            "The receptionist saw a man with a weapon in the car park walking towards the "
            "entrance. 240 people are in the building.",
        ),
        metric=("people_safety", "People safety"),
        operator=("emergency_director", "crisis_manager"),
        prompt="An armed person is reported at the main entrance. What do you do first?",
        best=(
            "Order a lockdown and call the police",
            "Locking down and getting the police on the way protects the most people.",
        ),
        harmful=(
            "Send the security guard out to confront him",
            "An unarmed guard facing an armed person risks lives and escalates.",
        ),
    ),
    "other": Premise(
        title="A new crisis exercise",
        org="Your organisation",
        summary="Replace this with one paragraph that tells players what the crisis is about.",
        warn=(
            "report",
            "Risk review",
            "A warning sign worth acting on",
            "Describe the early warning sign that a prepared team would act on.",
        ),
        alert=(
            "phone",
            "Duty manager",
            "The crisis begins",
            "Describe what the team learns when the crisis breaks.",
        ),
        metric=("control", "Control of the situation"),
        operator=("crisis_manager", "emergency_director"),
        prompt="The crisis has begun. What do you do first?",
        best=(
            "Activate the crisis plan and take control",
            "Explain in the debrief why this is the best choice.",
        ),
        harmful=(
            "Hope it goes away",
            "Explain in the debrief why this makes things worse.",
        ),
    ),
}

ROLE_BRIEFS: dict[str, str] = {
    "crisis_manager": "You chair the crisis team at {org} and own the crisis communication plan.",
    "infosec_analyst": "You own security, containment, backups and disaster recovery.",
    "emergency_director": "You own life safety, the emergency response and the agencies.",
    "pr_specialist": "You speak for {org} to the media, customers and the public.",
    "reputation_head": "You advise senior management and protect the reputation of {org}.",
}


def slug(text: str, fallback: str = "new-scenario") -> str:
    """A scenario id (``[a-z0-9][a-z0-9-]*``) made from a file name or a title."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:60].strip("-") or fallback


def _block(text: str, indent: int) -> str:
    pad = " " * indent
    return "\n".join(textwrap.wrap(text, 96 - indent, initial_indent=pad, subsequent_indent=pad))


def _pick(preferred: Sequence[str], roles: Sequence[str]) -> str:
    for r in preferred:
        if r in roles:
            return r
    return roles[0]


def starter_text(
    scenario_type: str = "other",
    roles: Sequence[str] | None = None,
    title: str | None = None,
    scenario_id: str = "new-scenario",
    schema_ref: str | None = "schema.json",
) -> str:
    """The starter scenario as YAML text with comments.

    ``roles`` are role ids (default: all five, in the canonical order); ``schema_ref`` is the
    path or URL written in the ``yaml-language-server`` modeline (``None`` leaves it out).
    """
    if scenario_type not in SCENARIO_TYPES:
        raise ValueError(f"unknown scenario type {scenario_type!r}")
    chosen = [r for r in ROLE_IDS if roles is None or r in roles]
    if not chosen:
        raise ValueError("at least one role must take part")
    p = PREMISES[scenario_type]
    title = title or p.title
    metric_id, metric_label = p.metric
    lead = _pick(("crisis_manager", "emergency_director", "reputation_head"), chosen)
    operator = _pick(p.operator, chosen)
    ranker = _pick(("crisis_manager", "emergency_director", "reputation_head"), chosen)
    reviewer = _pick(("reputation_head", "crisis_manager", "pr_specialist"), chosen)
    staff_owner = _pick(("crisis_manager", "reputation_head", "pr_specialist"), chosen)
    media_owner = _pick(("pr_specialist", "reputation_head", "crisis_manager"), chosen)
    warn_to = sorted({lead, operator}, key=ROLE_IDS.index)
    wch, wfrom, whead, wbody = p.warn
    ach, afrom, ahead, abody = p.alert
    role_lines = []
    for r in chosen:
        role_lines.append(f"  {r}:")
        role_lines.append(f"    brief: {scalar(ROLE_BRIEFS[r].format(org=p.org))}")
    modeline = f"# yaml-language-server: $schema={schema_ref}\n" if schema_ref else ""
    sets_hint = "sets flags true; clear: [...] sets them false"

    return _translate_comments(
        _align_comments(f"""{modeline}#
# A starter scenario written by "crisis-sim new". Every feature of the scenario format appears
# once below, with a comment saying what it does. Replace the words, keep the shape, and after
# every change run:   crisis-sim validate THIS_FILE
# (the first line lets editors with the YAML language server complete and check keys as you
# type). See docs/authoring.md for the whole format and every error code.

format: {FORMAT_V1}                  # the file format version
id: {scenario_id}                    # a slug [a-z0-9][a-z0-9-]*, unique in a scenario folder
title: {scalar(title)}
type: {scenario_type}                # {" | ".join(SCENARIO_TYPES)}
summary: {scalar(p.summary)}
language: en                         # BCP 47 tag of the text (default en)
difficulty: intro                    # intro | standard (default) | advanced
estimated_minutes: 20                # how long one game takes
author: Your name                    # free text
version: "0.1"                       # free text; quote it so 0.10 stays 0.10
briefing: |
  {p.org}: replace this with the situation read to every player before turn 1.
  Who are we, what do we run, what matters most to us?

# Who takes part (leave "roles:" out for all five). A brief is shown to its role only.
roles:
{chr(10).join(role_lines)}

# The numeric state of the crisis. "start" is required; "min"/"max" clamp the value;
# "good: low" tells the debrief that lower is better (the default is high).
metrics:
  {metric_id}: {{label: {scalar(metric_label)}, start: 20, min: 0, max: 100, good: high}}
  public_trust: {{label: Public trust, start: 70, min: 0, max: 100}}
  cost: {{label: "Cost (k$)", start: 0, min: 0, good: low}}

# Yes/no facts, all false at the start. Options, injects, events and statements set or clear
# them; conditions read them as flags.NAME.
flags: [plan_ready, first_action_taken, story_public]

# Who must hear from the team, by when, about which key points.
stakeholders:
  staff:
    name: All staff
    owner: [{staff_owner}]           # roles expected to send to them (others may, scored lower)
    inform_by: 2                     # last turn (inclusive) by which they must be informed
    expects: [facts, guidance]       # key points their messages must cover by then
    weight: 2                        # importance in the communication score (default 1)
  media:
    name: Local media
    owner: [{media_owner}]
    inform_by: 3
    expects: [facts, actions, next_update]
    required_when: "flags.story_public"   # only required if this holds at the deadline

# The building blocks of messages: players pick statements and send them to stakeholders.
statements:
  - id: ack
    text: "We are dealing with an incident and have activated our crisis plan."
    covers: [facts]                  # key points this statement covers (your own words)
  - id: public-ack
    text: "We can confirm an incident at {p.org} and will keep the public informed."
    covers: [facts]
    set: [story_public]              # sending it makes the story public
  - id: staff-guidance
    text: "Please follow your manager's instructions and do not speak to the media."
    covers: [guidance]
  - id: responding
    text: "We are taking first response measures and will report on them at each update."
    covers: [actions]                # always sendable: a key point only a statement with a
                                     # when: covers could become impossible to send (W110)
  - id: actions
    text: "Our first response measures are in place and working."
    covers: [actions]
    when: "flags.first_action_taken"   # can only be sent while this holds
  - id: next-update
    text: "We will give our next update at 16:00 today."
    covers: [next_update]
    contradicts: [no-comment]        # sending both costs communication score
  - id: no-comment
    text: "We have no comment."
    risk: no_comment                 # {" | ".join(RISKS)}
    effects: {{public_trust: -5}}      # applied each time it is sent

# The timeline: turns are played in order; each has injects (what the players learn) and
# decisions (what a role must answer).
turns:
  - label: "Thu 14:00 (T-4d)"       # the in-game clock shown to players
    phase: preparation               # preparation | response | recovery (default response)
    injects:
      - id: warning
        channel: {wch}                # {" | ".join(INJECT_CHANNELS)}
        from: {scalar(wfrom)}
        to: [{", ".join(warn_to)}]   # roles who see it (default: every role in play)
        headline: {scalar(whead)}
        body: |
{_block(wbody, 10)}
        # image: images/warning.png  # optional picture, relative to this file and inside its folder
    decisions:
      - id: prepare
        role: {lead}
        prompt: "With this warning on your desk, what do you do before the weekend?"
        time_limit: 90               # seconds of real time to answer (default 90)
        options:
          - id: plan
            text: "Review the crisis plan with the team and fix the gaps now"
            rating: best             # best | good | poor | harmful
            effects: {{cost: +5}}      # added to the metrics, then clamped
            set: [plan_ready]        # {sets_hint}
            # "why" is shown in the debrief, next to the rating:
            why: "Acting on warning signs is the cheapest crisis work there is."
          - id: wait
            text: "Wait and see whether anything happens"
            rating: poor
            why: "Warning signs ignored become crises met unprepared."
        on_timeout: wait             # option applied when time runs out (default: nothing happens)

  - label: "Mon 07:00 (T+0h)"       # phase left out: response
    injects:
      - id: alert
        channel: {ach}
        from: {scalar(afrom)}
        headline: {scalar(ahead)}
        body: |
{_block(abody, 10)}
        effects: {{{metric_id}: -10}}
      - id: plan-pays-off
        channel: meeting
        from: Crisis team
        headline: "The plan you reviewed on Thursday is on the table"
        body: "Everyone knows their role and the contact list is up to date."
        when: "flags.plan_ready"     # only delivered when this holds at the start of the turn
        effects: {{{metric_id}: +10}}
    decisions:
      - id: first-action
        role: {operator}
        prompt: {scalar(p.prompt)}
        time_limit: 60
        options:
          - id: act
            text: {scalar(p.best[0])}
            rating: best
            effects: {{{metric_id}: +40, cost: +10}}
            set: [first_action_taken]
            why: {scalar(p.best[1])}
          - id: harm
            text: {scalar(p.harmful[0])}
            rating: harmful
            effects: {{{metric_id}: -20, public_trust: -10}}
            clear: [plan_ready]
            why: {scalar(p.harmful[1])}
        on_timeout: harm
      - id: priorities
        role: {ranker}
        kind: rank                   # put the items in order; scored by closeness to "expected"
        prompt: Put the first-hour priorities in order.
        time_limit: 60
        items:
          - {{id: people, text: Safety of people}}
          - {{id: contain, text: Stop the harm from spreading}}
          - {{id: inform, text: Inform staff}}
          - {{id: restore, text: Restore normal operations}}
        expected: [people, contain, inform, restore]

  - label: "Tue 09:00 (T+1d)"
    phase: recovery
    injects:
      - id: debrief-call
        channel: email
        from: Chief executive
        headline: "What do we learn from this?"
        body: "The board wants to know how the plan held up and what we change."
    decisions:
      - id: follow-up
        role: {reviewer}
        prompt: "The worst is over. What happens next?"
        when: "chose(first-action.act)"   # only asked if the first action was "act"
        options:
          - id: review
            text: "Hold an after-action review and update the plan"
            rating: best
            effects: {{public_trust: +5}}
            why: "The review turns this crisis into a better plan for the next one."
          - id: move-on
            text: "Close the file and move on"
            rating: poor
            why: "Without a review the same gaps will be there next time."

# Injects that arrive when a condition holds, checked at the start of every turn from turn 2 on;
# each arrives at most once.
events:
  - id: story-breaks
    when: "not flags.first_action_taken and not chose(prepare.plan)"
    channel: social
    from: "@localnews"
    headline: "Posts about trouble at {p.org} are spreading"
    body: "Employees are posting about the incident and reporters are asking questions."
    effects: {{public_trust: -10}}
    set: [story_public]

# Outcomes, checked in order after the last turn: the first whose "when" holds is shown. The
# last ending has no "when": it is the fallback.
endings:
  - id: handled
    title: Crisis handled
    when: "{metric_id} >= 60 and public_trust >= 50 and informed(staff)"
    text: "The team acted early, kept people safe and kept staff informed."
  - id: struggled
    title: A hard lesson
    text: "The crisis was survived, but late decisions and silence made it worse."

# Exercise objectives, rated P/S/M/U in the after-action report from what they measure
# (decision and stakeholder ids).
objectives:
  - id: obj-respond
    text: Take the right first action within the first hour.
    measures: [first-action, priorities]
  - id: obj-inform
    text: Keep staff informed from the start.
    measures: [staff]

# How the three scores make the total (these are the defaults; they must sum to 1).
scoring:
  weights: {{speed: 0.25, priorities: 0.45, communication: 0.30}}
""")
    )


#: The starter's comments, each as written in the template (a paragraph of full-line comments
#: is one message, its lines joined by a line break), so they can be shown in the author's
#: language; comments that only list ids (types, channels, risks) are not translated.
_COMMENTS = frozenset(
    (
        N_(
            'A starter scenario written by "crisis-sim new". Every feature of the scenario '
            "format appears\nonce below, with a comment saying what it does. Replace the words, "
            "keep the shape, and after\nevery change run:   crisis-sim validate THIS_FILE\n(the "
            "first line lets editors with the YAML language server complete and check keys as "
            "you\ntype). See docs/authoring.md for the whole format and every error code."
        ),
        N_("the file format version"),
        N_("a slug [a-z0-9][a-z0-9-]*, unique in a scenario folder"),
        N_("BCP 47 tag of the text (default en)"),
        N_("intro | standard (default) | advanced"),
        N_("how long one game takes"),
        N_("free text"),
        N_("free text; quote it so 0.10 stays 0.10"),
        N_('Who takes part (leave "roles:" out for all five). A brief is shown to its role only.'),
        N_(
            'The numeric state of the crisis. "start" is required; "min"/"max" clamp the value;'
            '\n"good: low" tells the debrief that lower is better (the default is high).'
        ),
        N_(
            "Yes/no facts, all false at the start. Options, injects, events and statements set "
            "or clear\nthem; conditions read them as flags.NAME."
        ),
        N_("Who must hear from the team, by when, about which key points."),
        N_("roles expected to send to them (others may, scored lower)"),
        N_("last turn (inclusive) by which they must be informed"),
        N_("key points their messages must cover by then"),
        N_("importance in the communication score (default 1)"),
        N_("only required if this holds at the deadline"),
        N_(
            "The building blocks of messages: players pick statements and send them to "
            "stakeholders."
        ),
        N_("key points this statement covers (your own words)"),
        N_("sending it makes the story public"),
        N_(
            "always sendable: a key point only a statement with a\nwhen: covers could become "
            "impossible to send (W110)"
        ),
        N_("can only be sent while this holds"),
        N_("sending both costs communication score"),
        N_("applied each time it is sent"),
        N_(
            "The timeline: turns are played in order; each has injects (what the players learn) "
            "and\ndecisions (what a role must answer)."
        ),
        N_("the in-game clock shown to players"),
        N_("preparation | response | recovery (default response)"),
        N_("roles who see it (default: every role in play)"),
        N_(
            "image: images/warning.png  # optional picture, relative to this file and inside its "
            "folder"
        ),
        N_("seconds of real time to answer (default 90)"),
        N_("added to the metrics, then clamped"),
        N_("sets flags true; clear: [...] sets them false"),
        N_('"why" is shown in the debrief, next to the rating:'),
        N_("option applied when time runs out (default: nothing happens)"),
        N_("phase left out: response"),
        N_("only delivered when this holds at the start of the turn"),
        N_('put the items in order; scored by closeness to "expected"'),
        N_('only asked if the first action was "act"'),
        N_(
            "Injects that arrive when a condition holds, checked at the start of every turn from "
            "turn 2 on;\neach arrives at most once."
        ),
        N_(
            'Outcomes, checked in order after the last turn: the first whose "when" holds is '
            'shown. The\nlast ending has no "when": it is the fallback.'
        ),
        N_(
            "Exercise objectives, rated P/S/M/U in the after-action report from what they "
            "measure\n(decision and stakeholder ids)."
        ),
        N_("How the three scores make the total (these are the defaults; they must sum to 1)."),
    )
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _translate_comments(text: str) -> str:
    """``text`` with the comments of :data:`_COMMENTS` in the language in use (unchanged in
    English): a paragraph of full-line comments is translated as one message, and so is an
    end-of-line comment with the comment lines continuing it.  The YAML is never touched."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        cut = None if stripped.startswith("#") else _comment_start(line)
        if stripped.startswith("#") and stripped != "#":
            j = i + 1
            while (
                j < len(lines)
                and lines[j].strip().startswith("#")
                and lines[j].strip() != "#"
                and _indent(lines[j]) == _indent(line)
            ):
                j += 1
            first = more = " " * _indent(line) + "# "
            texts = [x.strip()[1:].strip() for x in lines[i:j]]
        elif cut is not None:
            j = i + 1
            while (
                j < len(lines) and lines[j].strip().startswith("#") and _indent(lines[j]) >= cut - 4
            ):
                j += 1
            first = line[:cut] + "# "
            more = " " * (_indent(lines[i + 1]) if j > i + 1 else cut) + "# "
            texts = [line[cut + 1 :].strip(), *(x.strip()[1:].strip() for x in lines[i + 1 : j])]
        else:
            out.append(line)
            i += 1
            continue
        key = "\n".join(texts)
        said = _(key) if key in _COMMENTS else key
        if said == key:
            out += lines[i:j]
        else:
            said_lines = said.split("\n")
            out += [first + said_lines[0], *(more + t for t in said_lines[1:])]
        i = j
    return "\n".join(out)


def _align_comments(text: str, column: int = 40) -> str:
    """Line up end-of-line comments at ``column`` (or two spaces after longer content)."""
    out = []
    for line in text.splitlines():
        cut = _comment_start(line)
        if cut is None:
            out.append(line)
            continue
        content, comment = line[:cut].rstrip(), line[cut:]
        out.append(content + " " * max(2, column - len(content)) + comment)
    return "\n".join(out) + "\n"


def _comment_start(line: str) -> int | None:
    """Where a trailing ``# comment`` starts, skipping double-quoted text; None if none."""
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    quoted = escaped = False
    for i, ch in enumerate(line):
        if quoted:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch == "#" and i > 0 and line[i - 1] == " ":
            return i
    return None
