"""The compiled closures of a condition agree with a plain reading of its tree.

``compile_node`` specialises common shapes (``metric >= 50``, two-operand ``and``/``or``) for
speed; this pins them to the obvious tree-walking meaning for generated conditions and states.
"""

from __future__ import annotations

import operator
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario import conditions as c

METRICS = ("trust", "cost")
FLAGS = ("a", "b")
OPS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def reference(node: c.Node, ctx: SimpleNamespace) -> object:
    match node:
        case c.Num(value=v) | c.Bool(value=v):
            return v
        case c.TurnRef():
            return ctx.turn
        case c.MetricRef(id=m):
            return ctx.metrics[m]
        case c.FlagRef(id=f):
            return ctx.flags.get(f, False)
        case c.Chose(decision=d, option=None):
            return ctx.chosen.get(d) is not None
        case c.Chose(decision=d, option=o):
            return ctx.chosen.get(d) == o
        case c.Informed(stakeholder=s):
            return s in ctx.informed
        case c.Not(operand=o):
            return not reference(o, ctx)
        case c.And(operands=ops):
            return all(reference(o, ctx) for o in ops)
        case c.Or(operands=ops):
            return any(reference(o, ctx) for o in ops)
        case c.Compare(op=op, left=left, right=right):
            return OPS[op](reference(left, ctx), reference(right, ctx))
        case c.Sum(first=first, terms=terms):
            return reference(first, ctx) + sum(s * reference(t, ctx) for s, t in terms)
    raise AssertionError(node)


numbers = st.one_of(st.sampled_from((*METRICS, "turn")), st.integers(-5, 120).map(str))
sums = st.lists(numbers, min_size=1, max_size=3).map(" + ".join)
compares = st.tuples(sums, st.sampled_from(sorted(OPS)), sums).map(" ".join)
atoms = st.one_of(
    compares,
    st.sampled_from(FLAGS).map("flags.{}".format),
    st.sampled_from(["chose(d1)", "chose(d1.x)", "informed(media)", "true", "false"]),
)
conditions = st.recursive(
    atoms,
    lambda inner: st.one_of(
        inner.map("not {}".format),
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(" + " and ".join(xs) + ")"),
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(" + " or ".join(xs) + ")"),
    ),
    max_leaves=8,
)
states = st.builds(
    SimpleNamespace,
    turn=st.integers(1, 8),
    metrics=st.fixed_dictionaries({m: st.integers(-10, 130) for m in METRICS}),
    flags=st.fixed_dictionaries({f: st.booleans() for f in FLAGS}),
    chosen=st.sampled_from([{}, {"d1": None}, {"d1": "x"}, {"d1": "y"}]),
    informed=st.sampled_from([set(), {"media"}]),
)


@settings(max_examples=300, deadline=None)
@given(conditions, states)
def test_compiled_condition_matches_the_tree(source: str, ctx: SimpleNamespace) -> None:
    cond = c.Condition.parse(source)
    assert cond.holds(ctx) == bool(reference(cond.tree, ctx))
