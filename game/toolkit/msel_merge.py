"""Merging an edited MSEL sheet back into the scenario it came from (``import-msel --into``).

A facilitator exports a scenario to a sheet, edits injects and expected actions in Excel, and
wants those edits in the scenario — without losing the comments, the metrics, the options and
everything else a sheet cannot hold.  So the merge edits the scenario's *text*, never re-dumps
it: every value the sheet owns is replaced where it is written (its span in the file, found by
the YAML composer), a new key or a new inject is inserted as new lines at the indentation of its
siblings, and every other byte of the file is kept as it was — comments included.

What the sheet owns: for each inject (by id) the columns the sheet has among channel, from, to,
headline, body (description), when, attachment (image), controller and notes; for each decision
(by id) its prompt, its role (the responsible role column) and its condition.  Injects and
decisions the sheet does not name are kept untouched; new injects are added to their turn (or
to the events); new decisions are added as skeletons whose options the author completes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import yaml

from game.i18n import _, ngettext
from game.toolkit import msel
from game.toolkit.yamltext import block, quoted, scalar

#: Inject fields the sheet may own: sheet field -> scenario key.
INJECT_KEYS = {
    "channel": "channel",
    "from": "from",
    "to": "to",
    "headline": "headline",
    "description": "body",
    "when": "when",
    "attachment": "image",
    "controller": "controller",
    "notes": "notes",
}
#: Keys a scenario requires: an empty cell never removes them.
REQUIRED = {"channel", "headline", "prompt", "role"}


class MergeError(Exception):
    """The scenario's text cannot be merged into (``str(err)`` says why)."""


@attrs.frozen
class MergeResult:
    text: str
    changes: tuple[str, ...]  # one line per change, for the facilitator
    kept: tuple[str, ...]  # injects and decisions in the scenario but not in the sheet


@attrs.define
class _Edit:
    start: int
    end: int
    text: str


class _Doc:
    """The scenario text and its composed YAML tree, with the edits to make."""

    def __init__(self, text: str) -> None:
        self.text = text
        try:
            self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise MergeError(
                _("the scenario is not valid YAML: {error}").format(error=exc)
            ) from None
        if not isinstance(self.root, yaml.MappingNode):
            raise MergeError(_("the scenario is not a mapping of keys"))
        self.edits: list[_Edit] = []

    # -- reading -----------------------------------------------------------------------------

    @staticmethod
    def get(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            return None
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
        return None

    def value(self, node: yaml.Node | None, key: str) -> Any:
        """The value as written (text; a list of texts for a list), None when absent."""
        pair = self.get(node, key)
        if pair is None:
            return None
        v = pair[1]
        if isinstance(v, yaml.SequenceNode):
            return [i.value if isinstance(i, yaml.ScalarNode) else None for i in v.value]
        return v.value if isinstance(v, yaml.ScalarNode) else None

    @staticmethod
    def items(node: yaml.Node | None) -> list[yaml.Node]:
        return list(node.value) if isinstance(node, yaml.SequenceNode) else []

    def line_end(self, index: int) -> int:
        """The index just after the newline ending the line that holds ``index - 1``."""
        nl = self.text.find("\n", max(0, index - 1))
        return len(self.text) if nl < 0 else nl + 1

    def after(self, node: yaml.Node) -> int:
        """Where lines after ``node`` go: after its last written value's line (so comments
        that follow it stay with what follows)."""
        last = node
        while isinstance(last, yaml.MappingNode | yaml.SequenceNode) and last.value:
            last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
        end = last.end_mark.index
        if end > 0 and self.text[end - 1] == "\n":
            return end  # a block scalar: it ends at the start of the next line
        return self.line_end(end)

    def dash_column(self, item: yaml.Node) -> int:
        line_start = self.text.rfind("\n", 0, item.start_mark.index) + 1
        dash = self.text.rfind("-", line_start, item.start_mark.index)
        return dash - line_start if dash >= 0 else item.start_mark.column

    # -- writing -----------------------------------------------------------------------------

    def replace(self, node: yaml.Node, new: str) -> None:
        start, end = node.start_mark.index, node.end_mark.index
        old = self.text[start:end]
        trailing = old[len(old.rstrip("\n")) :] if old.endswith("\n") else ""
        if trailing and not new.endswith("\n"):
            new += trailing  # a block scalar took the line breaks after it
        self.edits.append(_Edit(start, end, new))

    def rest_of_line(self, node: yaml.Node) -> str:
        """What follows ``node`` on its last line (a comment, say)."""
        end = node.end_mark.index
        if end > 0 and self.text[end - 1] == "\n":
            return ""
        return self.text[end : self.line_end(end)].strip()

    def remove_key(self, mapping: yaml.MappingNode, key: str) -> None:
        pair = self.get(mapping, key)
        if pair is None:
            return
        start = self.text.rfind("\n", 0, pair[0].start_mark.index) + 1
        if self.text[start : pair[0].start_mark.index].strip() not in ("", "-"):
            raise MergeError(
                _("cannot remove {key}: it shares its line with another key").format(key=repr(key))
            )
        if self.text[start : pair[0].start_mark.index].strip() == "-":
            raise MergeError(
                _("cannot remove {key}: it is the first key of its list item").format(key=repr(key))
            )
        self.edits.append(_Edit(start, self.after(pair[1]), ""))

    def insert(self, at: int, lines: list[str]) -> None:
        self.edits.append(_Edit(at, at, "\n".join(lines) + "\n"))

    def result(self) -> str:
        out = self.text
        if not out.endswith("\n"):
            out += "\n"
        # Applied from the end of the text backwards, so earlier offsets stay valid.  Edits at
        # the same place (a key added to the last inject, then a new inject after it) are
        # applied last-made first, so their text comes out in the order they were made.
        order = sorted(enumerate(self.edits), key=lambda p: (p[1].start, p[1].end, p[0]))
        for _n, e in reversed(order):
            out = out[: e.start] + e.text + out[e.end :]
        return out


def render(key: str, value: Any, column: int) -> str:
    """``value`` written as the value of ``key`` at ``column`` (text after ``key: ``)."""
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    text = str(value)
    return block(text, column + 2) if "\n" in text.strip("\n") else scalar(text.strip("\n"))


def _same(key: str, old: Any, new: Any) -> bool:
    if key in ("prompt", "headline"):
        return " ".join(str(old or "").split()) == " ".join(str(new or "").split())
    if isinstance(new, list) or isinstance(old, list):
        return old == new
    return str(old if old is not None else "").strip() == str(new or "").strip()


def merge(text: str, sheet: msel.ParsedSheet) -> MergeResult:
    """Merge ``sheet`` into the scenario ``text``; raises :class:`MergeError`."""
    doc = _Doc(text)
    changes: list[str] = []
    turns_pair = doc.get(doc.root, "turns")
    turn_nodes = doc.items(turns_pair[1]) if turns_pair else []
    injects: dict[str, yaml.MappingNode] = {}
    decisions: dict[str, yaml.MappingNode] = {}
    for t in turn_nodes:
        for key, found in (("injects", injects), ("decisions", decisions)):
            pair = doc.get(t, key)
            for item in doc.items(pair[1] if pair else None):
                ident = doc.value(item, "id")
                if isinstance(ident, str):
                    found[ident] = item
    events_pair = doc.get(doc.root, "events")
    for item in doc.items(events_pair[1] if events_pair else None):
        ident = doc.value(item, "id")
        if isinstance(ident, str):
            injects[ident] = item

    def set_key(node: yaml.MappingNode, key: str, new: Any, what: str) -> None:
        old = doc.value(node, key)
        empty = new is None or new == ""
        pair = doc.get(node, key)
        if pair is None and empty:
            return
        if pair is not None and empty:
            if key not in REQUIRED:
                doc.remove_key(node, key)
                changes.append(_("{what}: {key} removed").format(what=what, key=key))
            return
        if pair is not None and _same(key, old, new):
            return
        column = node.value[0][0].start_mark.column
        if pair is not None:
            written = render(key, new, column)
            if written.startswith("|") and doc.rest_of_line(pair[1]):
                written = quoted(str(new))  # a comment follows on the line: stay on one line
            doc.replace(pair[1], written)
        else:
            doc.insert(doc.after(node), [" " * column + f"{key}: {render(key, new, column)}"])
        if pair is not None:
            changes.append(_("{what}: {key} changed").format(what=what, key=key))
        else:
            changes.append(_("{what}: {key} added").format(what=what, key=key))

    seen: set[str] = set()
    for n, turn in enumerate(sheet.turns, 1):
        turn_node = turn_nodes[n - 1] if n <= len(turn_nodes) else None
        new_injects: list[msel._Inject] = []
        for inj in turn.injects:
            seen.add(inj.id)
            node = injects.get(inj.id)
            if node is None:
                new_injects.append(inj)
                continue
            _update_inject(inj, node, sheet.columns, set_key)
        new_decisions = []
        for d in turn.decisions:
            seen.add(d.id)
            node = decisions.get(d.id)
            if node is None:
                new_decisions.append(d)
                continue
            what = _("decision {id}").format(id=d.id)
            if "expected_action" in sheet.columns:
                set_key(node, "prompt", _edited_prompt(d, doc.value(node, "prompt"), changes), what)
                set_key(node, "when", d.when, what)
            if "responsible_role" in sheet.columns and d.role:
                set_key(node, "role", d.role, what)
        if turn_node is None:
            _add_turn(doc, turns_pair, turn, n, changes)
            continue
        where = _("turn {n}").format(n=n)
        _add_items(doc, turn_node, "injects", new_injects, changes, where)
        _add_items(doc, turn_node, "decisions", new_decisions, changes, where)
    new_events = []
    for ev in sheet.events:
        seen.add(ev.id)
        node = injects.get(ev.id)
        if node is None:
            new_events.append(ev)
        else:
            _update_inject(ev, node, sheet.columns, set_key)
    if new_events:
        _add_items(doc, doc.root, "events", new_events, changes, _("events"))
    kept = [_("inject {id}").format(id=i) for i in injects if i not in seen]
    kept += [_("decision {id}").format(id=d) for d in decisions if d not in seen]
    return MergeResult(doc.result(), tuple(changes), tuple(kept))


def _edited_prompt(d: msel._Decision, old: Any, changes: list[str]) -> str:
    """The sheet repeats a decision on every row its role sees: the row whose prompt differs
    from the scenario's is the edited one (the first such row when several disagree)."""
    flat = " ".join(str(old or "").split())
    edited = [
        (row, p) for row, p in [(d.row, d.prompt), *d.variants] if " ".join(p.split()) != flat
    ]
    if len({" ".join(p.split()) for _row, p in edited}) > 1:
        rows = ", ".join(str(r) for r, _p in edited)
        changes.append(
            _("decision {id}: rows {rows} give different prompts; row {row} kept").format(
                id=d.id, rows=rows, row=edited[0][0]
            )
        )
    return edited[0][1] if edited else d.prompt


def _update_inject(
    inj: msel._Inject,
    node: yaml.MappingNode,
    columns: frozenset[str],
    set_key: Callable[[yaml.MappingNode, str, Any, str], None],
) -> None:
    values = {
        "channel": inj.channel,
        "from": inj.from_,
        "to": inj.to,
        "headline": inj.headline,
        "body": inj.body,
        "when": inj.when,
        "image": inj.image,
        "controller": inj.controller,
        "notes": inj.notes,
    }
    for field, key in INJECT_KEYS.items():
        if field in columns:
            set_key(node, key, values[key], _("inject {id}").format(id=inj.id))


def _add_items(
    doc: _Doc,
    parent: yaml.Node,
    key: str,
    new: list[Any],
    changes: list[str],
    where: str,
) -> None:
    if not new:
        return
    pair = doc.get(parent, key)
    lines: list[str] = []
    if pair is not None and isinstance(pair[1], yaml.SequenceNode) and pair[1].value:
        indent = doc.dash_column(pair[1].value[-1])
        at = doc.after(pair[1])
    elif pair is not None and pair[1].start_mark.index != pair[1].end_mark.index:
        raise MergeError(
            _("{where}: {key} is not written as a list of items; add them by hand").format(
                where=where, key=key
            )
        )
    else:
        column = parent.value[0][0].start_mark.column if parent.value else 0
        indent = column + 2
        at = doc.after(parent)
        if pair is not None:  # "injects:" with nothing after it
            doc.edits.append(_Edit(pair[0].start_mark.index, at, ""))
        lines.append(" " * column + f"{key}:")
    for item in new:
        if isinstance(item, msel._Inject):
            lines += msel._inject_lines(item, indent)
            changes.append(_("{where}: inject {id} added").format(where=where, id=item.id))
        else:
            lines += _decision_lines(item, indent)
            changes.append(
                _("{where}: decision {id} added (complete its options)").format(
                    where=where, id=item.id
                )
            )
    doc.insert(at, lines)


def _decision_lines(d: msel._Decision, indent: int) -> list[str]:
    pad = " " * (indent + 2)
    out = [" " * indent + f"- id: {d.id}"]
    out.append(f"{pad}role: {d.role}" if d.role else f"{pad}# role: the role that answers")
    out.append(msel._text("prompt", d.prompt, indent + 2))
    if d.when:
        out.append(f"{pad}when: {scalar(d.when)}")
    if d.items is not None:
        return out + msel._rank_lines(d.items, indent + 2)
    out.append(f"{pad}# options: add two or more, each {{id, text, rating}}")
    if d.answer:
        out.append(f"{pad}# the sheet's expected answer: {' '.join(d.answer.split())}")
    return out


def _add_turn(
    doc: _Doc,
    turns_pair: tuple[yaml.Node, yaml.Node] | None,
    turn: msel._Turn,
    n: int,
    changes: list[str],
) -> None:
    if turns_pair is None or not isinstance(turns_pair[1], yaml.SequenceNode):
        raise MergeError(_("the scenario has no list of turns to add a turn to"))
    seq = turns_pair[1]
    indent = doc.dash_column(seq.value[-1]) if seq.value else 2
    pad = " " * (indent + 2)
    lines = [" " * indent + f"- label: {scalar(turn.label or f'Turn {n}')}"]
    if turn.phase:
        lines.append(f"{pad}phase: {turn.phase}")
    if turn.injects:
        lines.append(f"{pad}injects:")
        for inj in turn.injects:
            lines += msel._inject_lines(inj, indent + 4)
    if turn.decisions:
        lines.append(f"{pad}decisions:")
        for d in turn.decisions:
            lines += _decision_lines(d, indent + 4)
    doc.insert(doc.after(seq), lines)
    changes.append(
        _("turn {n} added ({injects}, {decisions})").format(
            n=n,
            injects=ngettext("{n} inject", "{n} injects", len(turn.injects)).format(
                n=len(turn.injects)
            ),
            decisions=ngettext("{n} decision", "{n} decisions", len(turn.decisions)).format(
                n=len(turn.decisions)
            ),
        )
    )
