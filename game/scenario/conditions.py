"""The condition language: a tiny expression grammar parsed into a tree, never ``eval``-ed.

Scenario files are untrusted, so conditions are tokenised and parsed by hand into the node
classes below.  Each node keeps its character offset inside the condition string so that
errors can point at the exact column in the file.  Parsing checks only syntax and types
(numbers vs. true/false); whether the names exist is checked by the loader, which knows the
scenario's metrics, flags, decisions and stakeholders.

A parsed condition is compiled once into nested closures: the engine evaluates conditions
thousands of times per simulated game and tree-walking dispatch would dominate.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

import attrs

from game.i18n import _

COMPARE_OPS = ("<=", ">=", "==", "!=", "<", ">")
#: Deepest nesting of parentheses and "not" (the parser, checks and lint recurse on it).
MAX_NESTING = 32
#: Largest number written in a condition (it is mixed with floats: it must fit one).
MAX_NUMBER = 1e15


class ConditionError(Exception):
    """A syntax or type error at ``offset`` (0-based) within the condition text."""

    def __init__(self, message: str, offset: int, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


class ConditionContext(Protocol):
    """What a condition can read.  The engine's state provides it."""

    @property
    def turn(self) -> int: ...
    @property
    def metrics(self) -> Mapping[str, float]: ...
    @property
    def flags(self) -> Mapping[str, bool]: ...
    @property
    def chosen(self) -> Mapping[str, str | None]: ...
    @property
    def informed(self) -> Mapping[str, object]: ...


# --- the tree -------------------------------------------------------------------------------


@attrs.frozen
class Num:
    value: float
    offset: int


@attrs.frozen
class Bool:
    value: bool
    offset: int


@attrs.frozen
class TurnRef:
    offset: int


@attrs.frozen
class MetricRef:
    id: str
    offset: int


@attrs.frozen
class FlagRef:
    id: str
    offset: int


@attrs.frozen
class Chose:
    decision: str
    option: str | None
    offset: int
    option_offset: int = 0


@attrs.frozen
class Informed:
    stakeholder: str
    offset: int


@attrs.frozen
class Not:
    operand: Node
    offset: int


@attrs.frozen
class And:
    operands: tuple[Node, ...]
    offset: int


@attrs.frozen
class Or:
    operands: tuple[Node, ...]
    offset: int


@attrs.frozen
class Compare:
    op: str
    left: Node
    right: Node
    offset: int


@attrs.frozen
class Sum:
    """``first (+|-) term ...``; ``terms`` holds (sign, node) with sign +1 or -1."""

    first: Node
    terms: tuple[tuple[int, Node], ...]
    offset: int


Node = (
    Num | Bool | TurnRef | MetricRef | FlagRef | Chose | Informed | Not | And | Or | Compare | Sum
)


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, parents before children."""
    yield node
    match node:
        case Not(operand=o):
            yield from walk(o)
        case And(operands=ops) | Or(operands=ops):
            for o in ops:
                yield from walk(o)
        case Compare(left=left, right=right):
            yield from walk(left)
            yield from walk(right)
        case Sum(first=first, terms=terms):
            yield from walk(first)
            for _sign, t in terms:
                yield from walk(t)


def is_numeric(node: Node) -> bool:
    return isinstance(node, Num | TurnRef | MetricRef | Sum)


# --- tokens ---------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<call>(?:chose|informed)\s*\()
  | (?P<flag>flags\s*\.\s*)
  | (?P<name>[A-Za-z_][A-Za-z0-9_\-]*)
  | (?P<op><=|>=|==|!=|<|>|\+|-|\(|\))
    """,
    re.VERBOSE,
)
_ARG = re.compile(r"\s*([a-z0-9][a-z0-9_-]*)(?:\.([a-z0-9][a-z0-9_-]*))?\s*\)")
_FLAG_ID = re.compile(r"[a-z][a-z0-9_]*")
_METRIC_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_KEYWORDS = {"and", "or", "not", "true", "false", "turn"}


@attrs.frozen
class _Tok:
    kind: str
    text: str
    offset: int


#: Operators written the way other languages (or maths) write them -> ours.
_OPERATOR_SPELLINGS = {
    "=>": ">=", "=<": "<=", "≥": ">=", "≤": "<=", "≠": "!=", "<>": "!=", "&&": "and",
    "||": "or", "&": "and", "|": "or", "!": "not", "=": "==",
}  # fmt: skip


def operator_hint(source: str, pos: int) -> str:
    """``did you mean ">="?`` for an operator spelled another way at ``pos``."""
    before = source[:pos].rstrip()
    if source[pos] == "=" and before[-1:] in ("<", ">", "!", "="):
        return _('did you mean "{op}" (without a space inside)?').format(op=before[-1] + "=")
    for spelling in sorted(_OPERATOR_SPELLINGS, key=len, reverse=True):
        if source.startswith(spelling, pos):
            if spelling == "!" and source.startswith("!=", pos):
                continue
            return _('did you mean "{word}"?').format(word=_OPERATOR_SPELLINGS[spelling])
    return ""


def _tokenize(source: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    n = len(source)
    while pos < n:
        m = _TOKEN.match(source, pos)
        if m is None:
            raise ConditionError(
                _('unexpected character "{char}"').format(char=source[pos]),
                pos,
                operator_hint(source, pos),
            )
        kind = m.lastgroup or ""
        if kind == "ws":
            pos = m.end()
            continue
        if kind == "call":
            fn = m.group().split("(")[0].strip()
            arg = _ARG.match(source, m.end())
            if arg is None:
                raise ConditionError(
                    (
                        _('{fn}(...) takes an id or decision.option and a closing ")"')
                        if fn == "chose"
                        else _('{fn}(...) takes an id and a closing ")"')
                    ).format(fn=fn),
                    m.end(),
                )
            if fn == "informed" and arg.group(2) is not None:
                raise ConditionError(_("informed(...) takes one stakeholder id"), arg.start(2))
            toks.append(_Tok(fn, m.group() + arg.group(), m.start()))
            pos = arg.end()
            continue
        if kind == "flag":
            fm = _FLAG_ID.match(source, m.end())
            if fm is None:
                raise ConditionError(_('expected a flag id after "flags."'), m.end())
            toks.append(_Tok("flag", fm.group(), fm.start()))
            pos = fm.end()
            continue
        if kind == "name":
            word = m.group()
            if "-" in word and word not in _KEYWORDS:
                # Hyphens belong to ids inside chose()/informed() only; here "a-b" is a - b.
                word = word.split("-")[0]
                toks.append(_Tok("name", word, m.start()))
                pos = m.start() + len(word)
                continue
        toks.append(_Tok(kind, m.group(), m.start()))
        pos = m.end()
    toks.append(_Tok("end", "", n))
    return toks


# --- parser ---------------------------------------------------------------------------------


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.toks = _tokenize(source)
        self.i = 0
        self.depth = 0

    def nested(self, tok: _Tok) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionError(
                _("too deeply nested (at most {n} parentheses or nots)").format(n=MAX_NESTING),
                tok.offset,
            )

    def number(self, tok: _Tok) -> float:
        value = float(tok.text) if "." in tok.text else int(tok.text)
        if value > MAX_NUMBER:
            raise ConditionError(
                _("number too large (at most {n:.0e})").format(n=MAX_NUMBER),
                tok.offset,
            )
        return value

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def at(self, kind: str, text: str | None = None) -> bool:
        tok = self.peek()
        return tok.kind == kind and (text is None or tok.text == text)

    def parse(self) -> Node:
        if self.at("end"):
            raise ConditionError(_("empty condition"), 0)
        node = self.or_()
        tok = self.peek()
        if tok.kind != "end":
            raise ConditionError(
                _('unexpected "{text}" (expected "and", "or" or the end)').format(text=tok.text),
                tok.offset,
            )
        self.need_bool(node, _("a condition"))
        return node

    def need_bool(self, node: Node, what: str) -> None:
        if is_numeric(node):
            if isinstance(node, MetricRef):
                raise ConditionError(
                    _(
                        '{what} must be true or false, but "{id}" is a metric (a number): '
                        'compare it (e.g. "{id} >= 50"), or if it is a flag write "flags.{id}"'
                    ).format(what=what, id=node.id),
                    node.offset,
                )
            raise ConditionError(
                _('{what} must be true or false, not a number (compare it, e.g. ">= 50")').format(
                    what=what
                ),
                node.offset,
            )

    def need_num(self, node: Node, what: str) -> None:
        if not is_numeric(node):
            raise ConditionError(
                _("{what} must be a number, not true/false").format(what=what), node.offset
            )

    def or_(self) -> Node:
        first = self.and_()
        if not self.at("name", "or"):
            return first
        ops = [first]
        while self.at("name", "or"):
            self.take()
            ops.append(self.and_())
        for o in ops:
            self.need_bool(o, _('each side of "or"'))
        return Or(tuple(ops), first.offset)

    def and_(self) -> Node:
        first = self.not_()
        if not self.at("name", "and"):
            return first
        ops = [first]
        while self.at("name", "and"):
            self.take()
            ops.append(self.not_())
        for o in ops:
            self.need_bool(o, _('each side of "and"'))
        return And(tuple(ops), first.offset)

    def not_(self) -> Node:
        if self.at("name", "not"):
            tok = self.take()
            self.nested(tok)
            operand = self.not_()
            self.depth -= 1
            self.need_bool(operand, _('what follows "not"'))
            return Not(operand, tok.offset)
        return self.compare()

    def compare(self) -> Node:
        left = self.sum_()
        tok = self.peek()
        if tok.kind == "op" and tok.text in COMPARE_OPS:
            self.take()
            right = self.sum_()
            if tok.text in ("==", "!="):
                if is_numeric(left) != is_numeric(right):
                    raise ConditionError(
                        _('both sides of "{text}" must be numbers, or both true/false').format(
                            text=tok.text
                        ),
                        tok.offset,
                    )
            else:
                self.need_num(left, _('the left side of "{op}"').format(op=tok.text))
                self.need_num(right, _('the right side of "{op}"').format(op=tok.text))
            node: Node = Compare(tok.text, left, right, left.offset)
            nxt = self.peek()
            if nxt.kind == "op" and nxt.text in COMPARE_OPS:
                raise ConditionError(
                    _('comparisons cannot be chained; use "and" (e.g. "a > 1 and a < 5")'),
                    nxt.offset,
                )
            return node
        return left

    def sum_(self) -> Node:
        first = self.atom()
        terms: list[tuple[int, Node]] = []
        while self.peek().kind == "op" and self.peek().text in ("+", "-"):
            sign = 1 if self.take().text == "+" else -1
            terms.append((sign, self.atom()))
        if not terms:
            return first
        self.need_num(first, _('each side of "+" and "-"'))
        for _sign, t in terms:
            self.need_num(t, _('each side of "+" and "-"'))
        return Sum(first, tuple(terms), first.offset)

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            return Num(self.number(tok), tok.offset)
        if tok.kind == "op" and tok.text == "-" and self.peek().kind == "num":
            num = self.take()
            return Num(-self.number(num), tok.offset)
        if tok.kind == "op" and tok.text == "(":
            self.nested(tok)
            inner = self.or_()
            self.depth -= 1
            close = self.peek()
            if not (close.kind == "op" and close.text == ")"):
                raise ConditionError(_('missing ")"'), close.offset)
            self.take()
            return inner
        if tok.kind == "flag":
            return FlagRef(tok.text, tok.offset)
        if tok.kind == "chose":
            arg = _ARG.match(tok.text, tok.text.index("(") + 1)
            assert arg is not None
            return Chose(
                arg.group(1),
                arg.group(2),
                tok.offset + arg.start(1),
                tok.offset + arg.start(2) if arg.group(2) else 0,
            )
        if tok.kind == "informed":
            arg = _ARG.match(tok.text, tok.text.index("(") + 1)
            assert arg is not None
            return Informed(arg.group(1), tok.offset + arg.start(1))
        if tok.kind == "name":
            word = tok.text
            if word == "true":
                return Bool(True, tok.offset)
            if word == "false":
                return Bool(False, tok.offset)
            if word == "turn":
                return TurnRef(tok.offset)
            if word in ("and", "or", "not"):
                raise ConditionError(
                    _('"{word}" needs something before it').format(word=word), tok.offset
                )
            if word == "flags":
                raise ConditionError(_('write a flag as "flags.NAME"'), tok.offset)
            if not _METRIC_ID.match(word):
                raise ConditionError(
                    _(
                        '"{word}" is not a valid name (metric ids are lower case: [a-z][a-z0-9_]*)'
                    ).format(word=word),
                    tok.offset,
                )
            return MetricRef(word, tok.offset)
        if tok.kind == "end":
            raise ConditionError(_("the condition ends too early"), tok.offset)
        raise ConditionError(_('unexpected "{text}"').format(text=tok.text), tok.offset)


def parse(source: str) -> Node:
    """Parse a condition; raise :class:`ConditionError` with an offset on any mistake."""
    if len(source) > 2000:
        raise ConditionError(_("condition is too long (at most 2000 characters)"), 2000)
    return _Parser(source).parse()


# --- compiled evaluation --------------------------------------------------------------------

Evaluator = Callable[[ConditionContext], object]

_CMP: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}

#: ``metric OP number`` is most conditions: one closure with the comparison written out saves
#: two calls per evaluation over the generic ``cmp(left(ctx), right(ctx))``.
_METRIC_VS_CONST: dict[str, Callable[[str, Any], Evaluator]] = {
    "<": lambda m, c: lambda ctx: ctx.metrics[m] < c,
    "<=": lambda m, c: lambda ctx: ctx.metrics[m] <= c,
    ">": lambda m, c: lambda ctx: ctx.metrics[m] > c,
    ">=": lambda m, c: lambda ctx: ctx.metrics[m] >= c,
    "==": lambda m, c: lambda ctx: ctx.metrics[m] == c,
    "!=": lambda m, c: lambda ctx: ctx.metrics[m] != c,
}
_TURN_VS_CONST: dict[str, Callable[[Any], Evaluator]] = {
    "<": lambda c: lambda ctx: ctx.turn < c,
    "<=": lambda c: lambda ctx: ctx.turn <= c,
    ">": lambda c: lambda ctx: ctx.turn > c,
    ">=": lambda c: lambda ctx: ctx.turn >= c,
    "==": lambda c: lambda ctx: ctx.turn == c,
    "!=": lambda c: lambda ctx: ctx.turn != c,
}


def compile_node(node: Node) -> Evaluator:
    """Turn a tree into a closure over a :class:`ConditionContext`."""
    match node:
        case Num(value=v) | Bool(value=v):
            return lambda ctx: v
        case TurnRef():
            return lambda ctx: ctx.turn
        case MetricRef(id=mid):
            return lambda ctx: ctx.metrics[mid]
        case FlagRef(id=fid):
            return lambda ctx: ctx.flags.get(fid, False)
        case Chose(decision=d, option=None):
            return lambda ctx: ctx.chosen.get(d) is not None
        case Chose(decision=d, option=o):
            return lambda ctx: ctx.chosen.get(d) == o
        case Informed(stakeholder=s):
            return lambda ctx: s in ctx.informed
        case Not(operand=operand):
            f = compile_node(operand)
            return lambda ctx: not f(ctx)
        case And(operands=ops):
            fs = tuple(compile_node(o) for o in ops)
            if len(fs) == 2:
                a, b = fs
                return lambda ctx: a(ctx) and b(ctx)
            return lambda ctx: all(f(ctx) for f in fs)
        case Or(operands=ops):
            fs = tuple(compile_node(o) for o in ops)
            if len(fs) == 2:
                a, b = fs
                return lambda ctx: a(ctx) or b(ctx)
            return lambda ctx: any(f(ctx) for f in fs)
        case Compare(op=op, left=MetricRef(id=mid), right=Num(value=c)):
            return _METRIC_VS_CONST[op](mid, c)
        case Compare(op=op, left=TurnRef(), right=Num(value=c)):
            return _TURN_VS_CONST[op](c)
        case Compare(op=op, left=left, right=right):
            lf, rf, cmp = compile_node(left), compile_node(right), _CMP[op]
            return lambda ctx: cmp(lf(ctx), rf(ctx))
        case Sum(first=first, terms=terms):
            ff = compile_node(first)
            tfs = tuple((sign, compile_node(t)) for sign, t in terms)
            return lambda ctx: ff(ctx) + sum(sign * f(ctx) for sign, f in tfs)  # type: ignore[operator]
    raise TypeError(f"not a condition node: {node!r}")


@attrs.frozen(eq=False)
class Condition:
    """A parsed condition as written in the file, ready to evaluate."""

    source: str
    tree: Node
    _fn: Evaluator = attrs.field(repr=False)

    @classmethod
    def parse(cls, source: str) -> Condition:
        tree = parse(source)
        return cls(source, tree, compile_node(tree))

    def holds(self, ctx: ConditionContext) -> bool:
        return bool(self._fn(ctx))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Condition) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)
