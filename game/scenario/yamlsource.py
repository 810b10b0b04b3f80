"""Reading untrusted YAML safely, keeping the line and column of every value.

libyaml (through PyYAML's C loader) parses and composes the node graph; we then turn nodes into
plain Python values ourselves instead of using a constructor, because we need three things no
constructor gives us:

* a position for every value and every key (errors must point at line and column);
* a hard refusal of tags (``!!python/object/apply`` and friends never reach a constructor);
* bounded work: aliases are converted once and reused, and the size they would expand to is
  counted, so an alias bomb is refused before anything walks its expansion.

Mapping keys are taken as the text written (``on:`` is the key ``"on"``, not ``True``).
"""

from __future__ import annotations

import os
import re
from typing import Any

import attrs
import yaml

from game.files import NotRegularFile, open_regular
from game.i18n import _
from game.scenario.diagnostics import Diagnostic
from game.scenario.yamlhints import explain

Path = tuple[str | int, ...]

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_T + t for t in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MAP, _SEQ, _MERGE = (_T + t for t in ("timestamp", "map", "seq", "merge"))
_CONSTRUCT = yaml.constructor.SafeConstructor()
#: The longest number text converted (signs, digits, underscores, exponent); longer is S029.
MAX_NUMBER_CHARS = 100
# What a long plain scalar must look like to still be taken as a (too large) number: simple
# patterns, linear to match, instead of PyYAML's resolver expressions (which take 0.5 s on a
# 2 MB value, and whose base-60 forms are not numbers in YAML 1.2 anyway).
_LONG_INT = re.compile(r"[-+]?(?:0x[0-9a-fA-F_]+|0b[01_]+|0o?[0-7_]+|[0-9][0-9_]*)")
_LONG_FLOAT = re.compile(r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?")


class _Loader(yaml.CSafeLoader):
    """libyaml's loader, with plain scalars longer than any number resolved in linear time."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0] and len(value) > MAX_NUMBER_CHARS:
            if _LONG_INT.fullmatch(value):
                return _INT  # refused as too large by _Builder.number, before converting
            if _LONG_FLOAT.fullmatch(value):
                return _FLOAT
            return _STR
        return super().resolve(kind, value, implicit)


class WrittenInt(int):
    """A whole number whose text differs from its value (``007``, ``0x1F``, ``1_000``).

    Fields that take text (ids, ``version``) use the text as written, not ``str(value)``.
    """

    text: str


class WrittenFloat(float):
    """A number whose text differs from its value (``1.10``, ``.5``): see :class:`WrittenInt`."""

    text: str


def written(value: int | float) -> str:
    """A number's text as it was written in the file."""
    return getattr(value, "text", None) or str(value)


@attrs.frozen
class Limits:
    """Resource limits for one scenario file; the defaults fit any hand-written scenario."""

    max_bytes: int = 2 * 1024 * 1024
    max_depth: int = 64
    max_aliases: int = 1000
    max_values: int = 500_000


@attrs.define
class SourceMap:
    """Where each value (by path from the document root) and each mapping key was written."""

    values: dict[Path, tuple[int, int]] = attrs.field(factory=dict)
    keys: dict[Path, tuple[int, int]] = attrs.field(factory=dict)
    styles: dict[Path, str | None] = attrs.field(factory=dict)
    #: The document text, to map offsets inside strings to columns (see :meth:`text_column`).
    text: str = ""
    _lines: list[str] | None = attrs.field(default=None, init=False, repr=False)

    def value_at(self, path: Path) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path`` or of its nearest written parent."""
        p = path
        while p:
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), (1, 1))

    def key_at(self, path: Path) -> tuple[int, int]:
        """Position of the key naming ``path``; the value's position when it has no key."""
        if path in self.keys:
            return self.keys[path]
        return self.value_at(path)

    def text_column(self, path: Path, offset: int) -> tuple[int, int]:
        """Position of character ``offset`` inside the string at ``path`` (for conditions).

        The offset counts characters of the string's value; quotes, escapes, indentation and
        folded line breaks of the written form are walked over to find the column in the file.
        """
        line, col = self.value_at(path)
        style = self.styles.get(path)
        if not self.text:
            if style in ('"', "'"):
                return line, col + 1 + offset
            return line, col + offset
        if self._lines is None:
            self._lines = _BREAKS.split(self.text)
        return _locate(self._lines, line - 1, col - 1, style, offset)


_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_ESCAPE_WIDTH = {"x": 4, "u": 6, "U": 10}


def _locate(
    lines: list[str], row: int, col: int, style: str | None, offset: int
) -> tuple[int, int]:
    """1-based position of value character ``offset`` of the scalar written at (row, col)."""
    if row >= len(lines):
        return row + 1, col + 1 + offset
    text = lines[row]
    while col < len(text) and text[col] in "&!":  # an anchor or tag before the value
        while col < len(text) and text[col] not in " \t":
            col += 1
        while col < len(text) and text[col] in " \t":
            col += 1
    if style in ("|", ">"):
        return _locate_block(lines, row + 1, style == ">", offset)
    quote = style if style in ('"', "'") else ""
    if quote:
        col += 1
    n = 0
    while row < len(lines):
        text = lines[row]
        end = len(text.rstrip(" \t"))
        i = col
        while i < end:
            if n >= offset:
                return row + 1, i + 1
            ch = text[i]
            if quote and ch == quote and not (quote == "'" and text[i + 1 : i + 2] == "'"):
                return row + 1, i + 1  # the closing quote: the value ends here
            if quote == "'" and ch == "'":
                i += 2
            elif quote == '"' and ch == "\\":
                i += _ESCAPE_WIDTH.get(text[i + 1 : i + 2], 2)
            else:
                i += 1
            n += 1
        if n >= offset:
            return row + 1, end + 1
        # A line break folds into one space, or into one newline per blank line after it.
        row += 1
        blanks = 0
        while row < len(lines) and not lines[row].strip():
            row += 1
            blanks += 1
        n += max(blanks, 1)
        if row < len(lines):
            col = len(lines[row]) - len(lines[row].lstrip(" \t"))
    return row + 1, 1


def _locate_block(lines: list[str], row: int, folded: bool, offset: int) -> tuple[int, int]:
    """Like :func:`_locate` for a literal (``|``) or folded (``>``) block starting at ``row``."""
    first = row
    while row < len(lines) and not lines[row].strip():
        row += 1
    if row >= len(lines):
        return first + 1, 1
    indent = len(lines[row]) - len(lines[row].lstrip(" "))
    n = row - first  # leading blank lines are newlines in both styles
    while row < len(lines):
        content = lines[row][indent:]
        if offset - n <= len(content):
            return row + 1, indent + 1 + max(offset - n, 0)
        n += len(content) + 1  # the line break: a newline, or a space when folded
        row += 1
        blanks = 0
        while row < len(lines) and not lines[row].strip():
            row += 1
            blanks += 1
        if blanks:
            n += blanks - 1 if folded else blanks
    return row, indent + 1


class _Refused(Exception):
    def __init__(self, code: str, message: str, mark: yaml.Mark | None, hint: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


@attrs.frozen
class Document:
    value: Any
    source: SourceMap
    text: str


def read_text(path: str, limits: Limits) -> tuple[str | None, list[Diagnostic]]:
    """Read a scenario file as UTF-8 within the size limit, or say why it cannot be read."""
    try:
        # A pipe or device could block forever or never end: only plain files are read, and
        # the check is made on the open file, so a path swapped after a check changes nothing.
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limits.max_bytes:
                return None, [
                    _whole(
                        path,
                        _("file is too large ({size}; the limit is {limit})").format(
                            size=_mib(size), limit=_mib(limits.max_bytes)
                        ),
                    )
                ]
            data = fh.read(limits.max_bytes + 1)
    except IsADirectoryError:
        return None, [_whole(path, _("is a folder, not a scenario file"))]
    except NotRegularFile:
        return None, [_whole(path, _("is not a regular file"))]
    except OSError as exc:
        return None, [_whole(path, _("cannot be read: {error}").format(error=exc.strerror or exc))]
    if len(data) > limits.max_bytes:
        return None, [
            _whole(
                path,
                _("file is too large (the limit is {limit})").format(limit=_mib(limits.max_bytes)),
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Diagnostic(
                path,
                line,
                col,
                "error",
                "S001",
                _("file is not valid UTF-8 text"),
                _("save it as UTF-8 in your editor"),
            )
        ]
    return text, []


def parse_document(
    path: str, text: str, limits: Limits
) -> tuple[Document | None, list[Diagnostic]]:
    """Compose ``text`` and convert it to plain values with positions."""
    if "\x00" in text:
        return None, [_whole(path, _("file contains NUL characters: it is not a text file"))]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # PyYAML's own words (exc.context, exc.problem) are English: yamlhints explains the
        # common mistakes in the reader's language; the rest are shown as PyYAML says them.
        msg = " ".join(p for p in (exc.context, exc.problem) if p) or _("invalid YAML")
        if "maximum nesting depth" in msg:
            return None, [
                _at(
                    path,
                    mark,
                    "S004",
                    _("nesting is too deep (at most {max_depth} levels)").format(
                        max_depth=limits.max_depth
                    ),
                )
            ]
        ctx = exc.context_mark
        hint = ""
        if mark is not None and _char_at(text, mark) == "\t":
            # The most common mistake of all, and libyaml's words for it are cryptic.
            msg = _("a tab character cannot be used to indent: YAML indents with spaces")
            return None, [_at(path, mark, "S002", msg, _("replace the tab with spaces"))]
        if ctx is not None and mark is not None and ctx.line != mark.line:
            # An unclosed quote or bracket is found far from where it was opened: say where.
            hint = _("it started at line {line}, column {column}").format(
                line=ctx.line + 1, column=ctx.column + 1
            )
        told = explain(text, mark.line + 1, exc.problem or "") if mark is not None else None
        if told is not None:  # the mistake itself, in an author's words (game.scenario.yamlhints)
            message = told.message
            if mark.line + 1 != told.line:
                message = _("{message} (YAML stopped at line {line})").format(
                    message=told.message, line=mark.line + 1
                )
            return None, [
                Diagnostic(path, told.line, told.column, "error", "S002", message, told.hint)
            ]
        return None, [_at(path, mark, "S002", msg, hint)]
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (control characters): point at it.  libyaml counts
        # the position in bytes of the UTF-8 text.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
        line = len(_BREAKS.findall(before)) + 1
        col = len(before) - max(before.rfind(c) for c in "\r\n\x85\u2028\u2029")
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"
        message = _("{reason}: found the character {char}").format(reason=exc.reason, char=char)
        return None, [Diagnostic(path, line, col, "error", "S002", message, _("remove it"))]
    except yaml.YAMLError as exc:
        return None, [_whole(path, _("invalid YAML: {exc}").format(exc=exc), code="S002")]
    if node is None:
        return None, [
            _whole(path, _('file is empty: a scenario starts with "format: crisis-sim/1"'))
        ]
    source = SourceMap(text=text)
    builder = _Builder(source, limits)
    try:
        value = builder.build(node, (), 0)
    except _Refused as exc:
        return None, [_at(path, exc.mark, exc.code, exc.message, exc.hint)]
    diags = [_at(path, m, "S006", msg, hint) for m, msg, hint in builder.duplicates]
    return Document(value, source, text), diags


class _Builder:
    def __init__(self, source: SourceMap, limits: Limits) -> None:
        self.source = source
        self.limits = limits
        self.memo: dict[int, tuple[Any, int]] = {}
        self.active: set[int] = set()
        self.aliases = 0
        self.values = 0
        self.duplicates: list[tuple[yaml.Mark, str, str]] = []

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > self.limits.max_depth:
            raise _Refused(
                "S004",
                _("nesting is too deep (at most {max_depth} levels)").format(
                    max_depth=self.limits.max_depth
                ),
                node.start_mark,
            )
        key = id(node)
        mark = node.start_mark
        self.source.values[path] = (mark.line + 1, mark.column + 1)
        if key in self.memo:
            # The same node again: an alias.  Reuse the converted value, count its expansion.
            self.aliases += 1
            value, size = self.memo[key]
            self.values += size
            if self.aliases > self.limits.max_aliases:
                raise _Refused(
                    "S004",
                    _("too many aliases (at most {max_aliases})").format(
                        max_aliases=self.limits.max_aliases
                    ),
                    mark,
                )
            self._check_total(mark)
            return value
        if key in self.active:
            raise _Refused("S004", _("an alias refers to the node that contains it"), mark)
        before = self.values
        if isinstance(node, yaml.ScalarNode):
            value = self.scalar(node, path)
            self.values += 1
        elif isinstance(node, yaml.SequenceNode):
            self._tag(node, _SEQ)
            self.active.add(key)
            value = [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
            self.active.discard(key)
            self.values += 1
        else:
            self._tag(node, _MAP)
            self.active.add(key)
            value = self.mapping(node, path, depth)
            self.active.discard(key)
            self.values += 1
        self._check_total(mark)
        self.memo[key] = (value, self.values - before)
        return value

    def _check_total(self, mark: yaml.Mark) -> None:
        if self.values > self.limits.max_values:
            raise _Refused(
                "S004",
                _("the file expands to more than {max_values:,} values (an alias bomb?)").format(
                    max_values=self.limits.max_values
                ),
                mark,
            )

    def _tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            raise _Refused(
                "S003",
                _('tag "{tag}" is not allowed in scenario files').format(tag=node.tag),
                node.start_mark,
                _("remove the tag; scenario files use plain YAML values only"),
            )

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for knode, vnode in node.value:
            if isinstance(knode, yaml.ScalarNode) and knode.tag == _MERGE:
                merged.append((knode, vnode))
                continue
            if not isinstance(knode, yaml.ScalarNode):
                raise _Refused(
                    "S012",
                    _("a mapping key must be a plain word, not a list or mapping"),
                    knode.start_mark,
                )
            if knode.tag not in (_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP):
                self._tag(knode, _STR)
            k = knode.value
            kpath = (*path, k)
            if k in out:
                first = self.source.keys[kpath]
                self.duplicates.append(
                    (
                        knode.start_mark,
                        f'duplicate key "{k}" in this mapping',
                        f"first written at line {first[0]}; YAML would silently keep only the last",
                    )
                )
            self.source.keys[kpath] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
            out[k] = self.build(vnode, kpath, depth + 1)
        for knode, vnode in merged:
            sources = vnode.value if isinstance(vnode, yaml.SequenceNode) else [vnode]
            for src in sources:
                if not isinstance(src, yaml.MappingNode):
                    raise _Refused(
                        "S012", _("a merge key (<<) must refer to a mapping"), src.start_mark
                    )
                base = self.build(src, (*path, "<<"), depth + 1)
                for k, v in base.items():
                    if k not in out:
                        out[k] = v
                        self.source.keys.setdefault(
                            (*path, k), (knode.start_mark.line + 1, knode.start_mark.column + 1)
                        )
        return out

    def scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        tag = node.tag
        if tag == _STR:
            self.source.styles[path] = node.style
            return node.value
        if tag == _INT:
            return self.number(node, path, _CONSTRUCT.construct_yaml_int, "whole number")
        if tag == _FLOAT:
            return self.number(node, path, _CONSTRUCT.construct_yaml_float, "number")
        if tag == _BOOL:
            # YAML 1.2 booleans only: "yes", "no", "on", "off" stay words (option ids, keys).
            if node.value.lower() in ("true", "false"):
                return node.value.lower() == "true"
            self.source.styles[path] = node.style
            return node.value
        if tag == _NULL:
            return None
        if tag == _TIMESTAMP:
            # A date is text to us (a "version: 2024-05-01"); fields needing numbers reject it.
            return node.value
        raise _Refused(
            "S003",
            _('tag "{tag}" is not allowed in scenario files').format(tag=tag),
            node.start_mark,
            _("remove the tag; scenario files use plain YAML values only"),
        )

    def number(self, node: yaml.ScalarNode, path: Path, construct: Any, what: str) -> Any:
        text = node.value
        if ":" in text:
            # YAML 1.1 sexagesimal (1:30 = 90): not a number in YAML 1.2, and PyYAML converts
            # it in time quadratic in its length (183 s of CPU for a 2 MB value).  It is text.
            self.source.styles[path] = node.style
            return text
        shown = text if len(text) <= 40 else text[:37] + "..."
        if len(text) > MAX_NUMBER_CHARS:
            # Bounded before any conversion: no scenario number needs this many characters.
            raise _Refused(
                "S029", _("the number {shown} is too large").format(shown=shown), node.start_mark
            )
        try:
            value = construct(node)
            if str(value) != text:  # remember the text: "version: 1.10" is not "1.1"
                value = (WrittenInt if type(value) is int else WrittenFloat)(value)
                value.text = text
            return value
        except (ValueError, IndexError):
            # An explicit !!int / !!float tag on a word.
            raise _Refused(
                "S012",
                (
                    _('"{shown}" is not a whole number')
                    if what == "whole number"
                    else _('"{shown}" is not a number')
                ).format(shown=shown),
                node.start_mark,
                _("remove the tag"),
            ) from None


def _char_at(text: str, mark: yaml.Mark) -> str:
    """The character at a libyaml mark (its line and column count characters)."""
    start = 0
    for _line in range(mark.line):
        m = _BREAKS.search(text, start)
        if m is None:
            return ""
        start = m.end()
    return text[start + mark.column : start + mark.column + 1]


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB" if n >= 100 * 1024 else f"{n:,} bytes"


def _whole(path: str, message: str, code: str = "S001") -> Diagnostic:
    # About the whole file: reported at its start so every diagnostic has a line and column.
    return Diagnostic(path, 1, 1, "error", code, message)


def _at(path: str, mark: yaml.Mark | None, code: str, message: str, hint: str = "") -> Diagnostic:
    if mark is None:
        return Diagnostic(path, 1, 1, "error", code, message, hint)
    return Diagnostic(path, mark.line + 1, mark.column + 1, "error", code, message, hint)
