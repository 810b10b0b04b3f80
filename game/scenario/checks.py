"""Cross-reference and consistency checks that make a structured scenario safe to run.

After these pass (no errors), the engine may assume every id it meets exists, every condition
names real metrics, flags, decisions and stakeholders, and every image lies inside the
scenario's folder.  Each problem is reported at the position of the value that is wrong.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Iterator

import attrs

from game.i18n import _, pgettext
from game.pictures import FORMATS, PictureError, check_file
from game.scenario import conditions as cond
from game.scenario import model
from game.scenario.conditions import Condition
from game.scenario.diagnostics import Diagnostic, did_you_mean
from game.scenario.yamlsource import Path, SourceMap

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
#: Words of the condition language: a metric with one of these names could never be read.
RESERVED = frozenset({"and", "or", "not", "true", "false", "turn", "flags", "chose", "informed"})
ID = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")


@attrs.frozen
class ConditionSite:
    """One condition in the file, with where it is and which turns it can be evaluated at."""

    condition: Condition
    path: Path
    turns: tuple[int, int]


def condition_sites(sc: model.Scenario) -> Iterator[ConditionSite]:
    last = len(sc.turns)
    for s in sc.stakeholders:
        if s.required_when:
            d = sc.deadline_of(s)
            yield ConditionSite(s.required_when, ("stakeholders", s.id, "required_when"), (d, d))
    for i, st in enumerate(sc.statements):
        if st.when:
            yield ConditionSite(st.when, ("statements", i, "when"), (1, last))
    for t, turn in enumerate(sc.turns):
        for j, inj in enumerate(turn.injects):
            if inj.when:
                yield ConditionSite(inj.when, ("turns", t, "injects", j, "when"), (t + 1, t + 1))
        for j, dec in enumerate(turn.decisions):
            if dec.when:
                yield ConditionSite(dec.when, ("turns", t, "decisions", j, "when"), (t + 1, t + 1))
    for i, ev in enumerate(sc.events):
        if ev.when:
            yield ConditionSite(ev.when, ("events", i, "when"), (min(2, last), last))
    for i, en in enumerate(sc.endings):
        if en.when:
            yield ConditionSite(en.when, ("endings", i, "when"), (last, last))
    for ch in sc.channels:
        yield ConditionSite(ch.down_when, ("channels", ch.id, "down_when"), (1, last))


class Checker:
    """Collects errors for one scenario; :meth:`run` performs every check."""

    def __init__(self, sc: model.Scenario, file: str, source: SourceMap) -> None:
        self.sc = sc
        self.file = file
        self.source = source
        self.out: list[Diagnostic] = []
        self.in_play = set(sc.roles_in_play)
        self.metric_ids = {m.id for m in sc.metrics}
        self.flag_ids = set(sc.flags)
        self.decisions = {d.id: d for _, d in sc.decisions()}
        self.stakeholder_ids = {s.id for s in sc.stakeholders}
        self.statement_ids = {s.id for s in sc.statements}

    # -- reporting ---------------------------------------------------------------------------

    def error(
        self, path: Path, code: str, message: str, hint: str = "", *, key: bool = False
    ) -> None:
        line, col = self.source.key_at(path) if key else self.source.value_at(path)
        self.out.append(Diagnostic(self.file, line, col, "error", code, message, hint))

    def error_in_text(
        self, path: Path, offset: int, code: str, message: str, hint: str = ""
    ) -> None:
        line, col = self.source.text_column(path, offset)
        self.out.append(Diagnostic(self.file, line, col, "error", code, message, hint))

    # -- checks ------------------------------------------------------------------------------

    def run(self) -> list[Diagnostic]:
        sc = self.sc
        if sc.format != model.FORMAT_V1:
            self.error(
                ("format",),
                "S016",
                _('unsupported format "{format_}"').format(format_=sc.format),
                _('this version of the game reads "{FORMAT_V1}"').format(FORMAT_V1=model.FORMAT_V1),
            )
        if not SLUG.match(sc.id):
            self.error(
                ("id",),
                "S014",
                _('scenario id "{id}" must be a slug: [a-z0-9][a-z0-9-]*').format(id=sc.id),
                _("lower-case letters, digits and hyphens, e.g. hospital-ransomware"),
            )
        if sc.estimated_minutes is not None and sc.estimated_minutes <= 0:
            self.error(("estimated_minutes",), "S029", _("estimated_minutes must be positive"))
        self.check_roles()
        self.check_metrics()
        self.check_ids()
        self.check_stakeholders()
        self.check_statements()
        self.check_turns()
        self.check_events()
        self.check_endings()
        self.check_objectives()
        self.check_scoring()
        self.check_channels()
        for site in condition_sites(sc):
            self.check_condition(site.condition, site.path)
        return self.out

    def check_roles(self) -> None:
        for r in self.sc.roles or ():
            if r.id not in model.ROLE_IDS:
                self.error(
                    ("roles", r.id),
                    "S013",
                    _('unknown role "{id}"').format(id=r.id),
                    did_you_mean(r.id, model.ROLE_IDS),
                    key=True,
                )
        if self.sc.roles is not None and not self.sc.roles:
            self.error(
                ("roles",),
                "S010",
                _("roles: at least one role must take part"),
                _("remove the key to have all five roles"),
            )

    def check_metrics(self) -> None:
        if not self.sc.metrics:
            self.error(("metrics",), "S010", _("metrics: at least one metric is needed"))
        for m in self.sc.metrics:
            p = ("metrics", m.id)
            if not NAME.match(m.id):
                self.error(
                    p,
                    "S014",
                    _('metric id "{id}" must match [a-z][a-z0-9_]*').format(id=m.id),
                    _("lower case, digits and underscores, starting with a letter"),
                    key=True,
                )
            elif m.id in RESERVED:
                self.error(
                    p,
                    "S014",
                    _(
                        '"{id}" is a word of the condition language and cannot be a metric id'
                    ).format(id=m.id),
                    _("choose another name, e.g. {name}").format(name=m.id + "_level"),
                    key=True,
                )
            for name in ("start", "min", "max"):
                v = getattr(m, name)
                if v is not None and not math.isfinite(v):
                    self.error(
                        (*p, name), "S029", _("{name} must be a finite number").format(name=name)
                    )
            if m.min is not None and m.max is not None and m.min > m.max:
                self.error(
                    (*p, "min"),
                    "S026",
                    _('metric "{id}": min {min:g} is above max {max:g}').format(
                        id=m.id, min=m.min, max=m.max
                    ),
                )
            elif m.clamp(m.start) != m.start:
                self.error(
                    (*p, "start"),
                    "S026",
                    _('metric "{id}": start {start:g} is outside its bounds').format(
                        id=m.id, start=m.start
                    ),
                )
        seen: dict[str, int] = {}
        for i, f in enumerate(self.sc.flags):
            if not NAME.match(f):
                self.error(
                    ("flags", i), "S014", _('flag id "{f}" must match [a-z][a-z0-9_]*').format(f=f)
                )
            if f in seen:
                self.error(("flags", i), "S015", _('flag "{f}" is listed twice').format(f=f))
            if f in self.metric_ids:
                self.error(("flags", i), "S015", _('"{f}" is both a metric and a flag').format(f=f))
            seen[f] = i

    def _namespace(self) -> Iterator[tuple[str, str, Path]]:
        sc = self.sc
        for s in sc.stakeholders:
            yield s.id, "stakeholder", ("stakeholders", s.id)
        for i, st in enumerate(sc.statements):
            yield st.id, "statement", ("statements", i, "id")
        for t, turn in enumerate(sc.turns):
            for j, inj in enumerate(turn.injects):
                yield inj.id, "inject", ("turns", t, "injects", j, "id")
            for j, d in enumerate(turn.decisions):
                yield d.id, "decision", ("turns", t, "decisions", j, "id")
        for i, ev in enumerate(sc.events):
            yield ev.id, "event", ("events", i, "id")
        for i, en in enumerate(sc.endings):
            yield en.id, "ending", ("endings", i, "id")
        for i, ob in enumerate(sc.objectives):
            yield ob.id, "objective", ("objectives", i, "id")

    def check_ids(self) -> None:
        seen: dict[str, tuple[str, Path]] = {}
        for ident, kind, path in self._namespace():
            key = kind == "stakeholder"
            if not ID.match(ident):
                self.error(
                    path,
                    "S014",
                    _('{kind} id "{ident}" must match [a-z0-9][a-z0-9_-]*').format(
                        kind=kind, ident=ident
                    ),
                    _("lower-case letters, digits, '_' and '-'"),
                    key=key,
                )
            if ident in seen:
                other_kind, other = seen[ident]
                line, _col = (
                    self.source.key_at(other)
                    if other_kind == "stakeholder"
                    else self.source.value_at(other)
                )
                self.error(
                    path,
                    "S015",
                    _('id "{ident}" is already used by a {other_kind} (line {line})').format(
                        ident=ident, other_kind=other_kind, line=line
                    ),
                    _(
                        "stakeholders, statements, injects, events, decisions, endings and "
                        "objectives share one set of ids"
                    ),
                    key=key,
                )
            else:
                seen[ident] = (kind, path)

    def check_role_list(self, roles: Iterable[str], path: Path, what: str) -> None:
        for i, r in enumerate(roles):
            if r not in model.ROLE_IDS:
                self.error(
                    (*path, i),
                    "S013",
                    _('{what}: unknown role "{r}"').format(what=what, r=r),
                    did_you_mean(r, model.ROLE_IDS),
                )
            elif r not in self.in_play:
                self.error(
                    (*path, i),
                    "S028",
                    _('{what}: role "{r}" does not take part in this scenario').format(
                        what=what, r=r
                    ),
                    _("add it under roles: or remove it here"),
                )

    def check_stakeholders(self) -> None:
        if not self.sc.stakeholders:
            self.error(
                ("stakeholders",), "S010", _("stakeholders: at least one stakeholder is needed")
            )
        n = len(self.sc.turns)
        for s in self.sc.stakeholders:
            p = ("stakeholders", s.id)
            for i, r in enumerate(s.owner or ()):
                if r not in model.ROLE_IDS:
                    self.error(
                        (*p, "owner", i),
                        "S013",
                        _('owner: unknown role "{r}"').format(r=r),
                        did_you_mean(r, model.ROLE_IDS),
                    )
            if s.inform_by is not None and not 1 <= s.inform_by <= max(n, 1):
                self.error(
                    (*p, "inform_by"),
                    "S029",
                    _("inform_by {inform_by} is not a turn of this scenario (1 to {n})").format(
                        inform_by=s.inform_by, n=n
                    ),
                )
            if not (s.weight > 0 and math.isfinite(s.weight)):
                self.error((*p, "weight"), "S029", _("weight must be a positive number"))
            self._unique_list(s.may_hear, (*p, "may_hear"), "risk kind")

    def _unique_list(self, values: tuple[str, ...], path: Path, what: str) -> None:
        seen: set[str] = set()
        for i, v in enumerate(values):
            if v in seen:
                self.error(
                    (*path, i), "S015", _('{what} "{v}" is listed twice').format(what=what, v=v)
                )
            seen.add(v)

    def check_channels(self) -> None:
        for ch in self.sc.channels:
            if ch.id not in model.MESSAGE_CHANNELS:
                self.error(
                    ("channels", ch.id),
                    "S013",
                    _('channels: "{id}" is not a message channel ({value})').format(
                        id=ch.id, value=", ".join(model.MESSAGE_CHANNELS)
                    ),
                    did_you_mean(ch.id, model.MESSAGE_CHANNELS),
                    key=True,
                )

    def check_statements(self) -> None:
        for i, st in enumerate(self.sc.statements):
            p = ("statements", i)
            self.check_effects(st.effects, st.set_, st.clear, p)
            for j, other in enumerate(st.contradicts):
                if other not in self.statement_ids:
                    self.error(
                        (*p, "contradicts", j),
                        "S020",
                        _('contradicts: unknown statement "{other}"').format(other=other),
                        did_you_mean(other, self.statement_ids),
                    )
                elif other == st.id:
                    self.error(
                        (*p, "contradicts", j), "S020", _("a statement cannot contradict itself")
                    )
            for j, who in enumerate(st.cleared_for):
                if who not in self.stakeholder_ids:
                    self.error(
                        (*p, "cleared_for", j),
                        "S020",
                        _('cleared_for: unknown stakeholder "{who}"').format(who=who),
                        did_you_mean(who, self.stakeholder_ids),
                    )
            self._unique_list(st.cleared_for, (*p, "cleared_for"), "stakeholder")

    def check_effects(
        self, effects: dict[str, float], sets: tuple[str, ...], clears: tuple[str, ...], path: Path
    ) -> None:
        for k, v in effects.items():
            if k not in self.metric_ids:
                self.error(
                    (*path, "effects", k),
                    "S020",
                    _('effects: unknown metric "{k}"').format(k=k),
                    did_you_mean(k, self.metric_ids),
                    key=True,
                )
            elif not math.isfinite(v):
                self.error((*path, "effects", k), "S029", _("effects must be finite numbers"))
        for name, flags in (("set", sets), ("clear", clears)):
            for j, f in enumerate(flags):
                if f not in self.flag_ids:
                    self.error(
                        (*path, name, j),
                        "S020",
                        _('{name}: unknown flag "{f}"').format(name=name, f=f),
                        did_you_mean(f, self.flag_ids) or _("declare it under flags:"),
                    )

    def check_inject(self, inj: model.Inject, path: Path) -> None:
        self.check_effects(inj.effects, inj.set_, inj.clear, path)
        if inj.to is not None:
            self.check_role_list(inj.to, (*path, "to"), "to")
        if inj.image is not None:
            self.check_image(inj.image, (*path, "image"))

    def check_image(self, image: str, path: Path) -> None:
        base = os.path.dirname(os.path.abspath(self.file))
        if "\x00" in image:  # written as "\0" in a quoted string; no path can hold it
            self.error(path, "S022", _("image path contains a NUL character"))
            return
        if os.path.isabs(image) or image.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", image):
            self.error(
                path,
                "S022",
                _('image "{image}" must be a path relative to the scenario file').format(
                    image=image
                ),
            )
            return
        target = os.path.realpath(os.path.join(base, image))
        if os.path.commonpath([target, os.path.realpath(base)]) != os.path.realpath(base):
            self.error(
                path,
                "S022",
                _('image "{image}" points outside the scenario\'s folder').format(image=image),
                _("keep images in the scenario's folder or a subfolder of it"),
            )
        elif not os.path.lexists(target):
            self.error(path, "S022", _('image "{image}" does not exist').format(image=image))
        else:
            try:
                check_file(target)  # the header's size, before anything decodes it
            except PictureError as exc:
                message = str(exc)
                if "megapixels" in message:
                    hint = _(
                        "export it at screen size; a picture wider than its card is scaled down"
                    )
                elif "not a regular file" in message:
                    hint = _("point image at a picture file")
                else:
                    hint = _("use a {formats} or {last} file").format(
                        formats=", ".join(FORMATS[:-1]), last=FORMATS[-1]
                    )
                self.error(
                    path,
                    "S030",
                    _('image "{image}" {message}').format(image=image, message=message),
                    hint,
                )

    def check_turns(self) -> None:
        if not self.sc.turns:
            self.error(("turns",), "S010", _("turns: at least one turn is needed"))
        for t, turn in enumerate(self.sc.turns):
            for j, inj in enumerate(turn.injects):
                self.check_inject(inj, ("turns", t, "injects", j))
            for j, d in enumerate(turn.decisions):
                self.check_decision(d, ("turns", t, "decisions", j))

    def check_decision(self, d: model.Decision, p: Path) -> None:
        if d.role not in model.ROLE_IDS:
            self.error(
                (*p, "role"),
                "S013",
                _('unknown role "{role}"').format(role=d.role),
                did_you_mean(d.role, model.ROLE_IDS),
            )
        elif d.role not in self.in_play:
            self.error(
                (*p, "role"),
                "S028",
                _('role "{role}" does not take part in this scenario').format(role=d.role),
                _("add it under roles: or give the decision to a role in play"),
            )
        if not (d.time_limit > 0 and math.isfinite(d.time_limit)):
            self.error(
                (*p, "time_limit"), "S029", _("time_limit must be a positive number of seconds")
            )
        if not (d.weight > 0 and math.isfinite(d.weight)):
            self.error((*p, "weight"), "S029", _("weight must be a positive number"))
        if d.kind == "choice":
            if not d.options:
                self.error(
                    p,
                    "S027",
                    _('decision "{id}" needs options (a choice decision)').format(id=d.id),
                    _("add options:, or set kind: rank with items and expected"),
                )
            for key in ("items", "expected"):
                if getattr(d, key):
                    self.error(
                        (*p, key),
                        "S027",
                        _("{key} belongs to rank decisions (kind: rank)").format(key=key),
                        key=True,
                    )
            self._unique((o.id for o in d.options), (*p, "options"), "option")
            for i, o in enumerate(d.options):
                if not ID.match(o.id):
                    self.error(
                        (*p, "options", i, "id"),
                        "S014",
                        _('option id "{id}" must match [a-z0-9][a-z0-9_-]*').format(id=o.id),
                    )
                self.check_effects(o.effects, o.set_, o.clear, (*p, "options", i))
            if d.on_timeout is not None and d.option(d.on_timeout) is None:
                self.error(
                    (*p, "on_timeout"),
                    "S020",
                    _('on_timeout: unknown option "{on_timeout}"').format(on_timeout=d.on_timeout),
                    did_you_mean(d.on_timeout, [o.id for o in d.options]),
                )
        else:
            if d.options:
                self.error(
                    (*p, "options"), "S027", _("options belong to choice decisions"), key=True
                )
            if d.on_timeout is not None:
                self.error(
                    (*p, "on_timeout"),
                    "S027",
                    _("on_timeout belongs to choice decisions"),
                    _("a rank decision that times out scores 0"),
                    key=True,
                )
            if len(d.items) < 2:
                self.error(
                    p, "S027", _('rank decision "{id}" needs at least two items').format(id=d.id)
                )
            self._unique((i.id for i in d.items), (*p, "items"), "item")
            item_ids = [i.id for i in d.items]
            if sorted(d.expected) != sorted(item_ids):
                missing = [i for i in item_ids if i not in d.expected]
                extra = [e for e in d.expected if e not in item_ids]
                detail = pgettext("list separator", "; ").join(
                    x
                    for x in (
                        _("missing: {ids}").format(ids=", ".join(missing)) if missing else "",
                        _("not items: {ids}").format(ids=", ".join(extra)) if extra else "",
                        _("an item is repeated") if not missing and not extra else "",
                    )
                    if x
                )
                self.error(
                    (*p, "expected"),
                    "S023",
                    _("expected must list every item exactly once ({detail})").format(
                        detail=detail
                    ),
                    _("items: {ids}").format(ids=", ".join(item_ids)),
                )

    def _unique(self, ids: Iterable[str], path: Path, what: str) -> None:
        seen: set[str] = set()
        for i, x in enumerate(ids):
            if x in seen:
                self.error(
                    (*path, i, "id"),
                    "S015",
                    _('{what} id "{x}" is used twice in this decision').format(what=what, x=x),
                )
            seen.add(x)

    def check_events(self) -> None:
        for i, ev in enumerate(self.sc.events):
            p = ("events", i)
            if ev.when is None:
                self.error(
                    p,
                    "S010",
                    _('event "{id}": required key "when" is missing').format(id=ev.id),
                    _("events fire on a condition; put fixed injects in a turn instead"),
                )
            self.check_inject(ev, p)

    def check_endings(self) -> None:
        ends = self.sc.endings
        if not ends:
            self.error(("endings",), "S010", _("endings: at least one ending is needed"))
            return
        if ends[-1].when is not None:
            self.error(
                ("endings", len(ends) - 1, "when"),
                "S024",
                _("the last ending must have no when: it is the fallback outcome"),
                key=True,
            )
        for i, en in enumerate(ends[:-1]):
            if en.when is None:
                self.error(
                    ("endings", i),
                    "S024",
                    _(
                        'ending "{id}" has no when but is not last: the endings after it can '
                        "never be chosen"
                    ).format(id=en.id),
                    _("move it to the end of the list"),
                )

    def check_objectives(self) -> None:
        valid = set(self.decisions) | self.stakeholder_ids
        for i, ob in enumerate(self.sc.objectives):
            for j, m in enumerate(ob.measures):
                if m not in valid:
                    self.error(
                        ("objectives", i, "measures", j),
                        "S020",
                        _('measures: "{m}" is not a decision or stakeholder id').format(m=m),
                        did_you_mean(m, valid),
                    )

    def check_scoring(self) -> None:
        w = self.sc.scoring.weights
        values = (w.speed, w.priorities, w.communication)
        if any(v < 0 or not math.isfinite(v) for v in values):
            self.error(("scoring", "weights"), "S025", _("weights must be numbers from 0 to 1"))
        elif abs(sum(values) - 1) > 1e-6:
            self.error(
                ("scoring", "weights"),
                "S025",
                _("weights must sum to 1 (they sum to {value:g})").format(value=sum(values)),
            )

    def check_condition(self, c: Condition, path: Path) -> None:
        for node in cond.walk(c.tree):
            match node:
                case cond.MetricRef(id=mid, offset=off) if mid not in self.metric_ids:
                    hint = did_you_mean(mid, self.metric_ids)
                    if mid in self.flag_ids:
                        hint = f'"{mid}" is a flag: write flags.{mid}'
                    self.error_in_text(
                        path, off, "S020", _('unknown metric "{mid}"').format(mid=mid), hint
                    )
                case cond.FlagRef(id=fid, offset=off) if fid not in self.flag_ids:
                    self.error_in_text(
                        path,
                        off,
                        "S020",
                        _('unknown flag "{fid}"').format(fid=fid),
                        did_you_mean(fid, self.flag_ids) or _("declare it under flags:"),
                    )
                case cond.Chose(decision=did, option=oid, offset=off, option_offset=ooff):
                    dec = self.decisions.get(did)
                    if dec is None:
                        self.error_in_text(
                            path,
                            off,
                            "S020",
                            _('chose(): unknown decision "{did}"').format(did=did),
                            did_you_mean(did, self.decisions),
                        )
                    elif oid is not None:
                        if dec.kind == "rank":
                            self.error_in_text(
                                path,
                                ooff,
                                "S020",
                                _('chose(): "{did}" is a rank decision; use chose({did})').format(
                                    did=did
                                ),
                            )
                        elif dec.option(oid) is None:
                            self.error_in_text(
                                path,
                                ooff,
                                "S020",
                                _('chose(): decision "{did}" has no option "{oid}"').format(
                                    did=did, oid=oid
                                ),
                                did_you_mean(oid, [o.id for o in dec.options]),
                            )
                case cond.Informed(stakeholder=sid, offset=off) if sid not in self.stakeholder_ids:
                    self.error_in_text(
                        path,
                        off,
                        "S020",
                        _('informed(): unknown stakeholder "{sid}"').format(sid=sid),
                        did_you_mean(sid, self.stakeholder_ids),
                    )
