"""``crisis-sim graph``: the flow graph marks exactly what can never happen, and DOT is sane."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import Scenario, load_scenario
from game.scenario.checks import condition_sites
from game.scenario.conditions import parse
from game.toolkit import dot, flow

ROOT = Path(__file__).resolve().parents[2]
FLAWED = Path(__file__).parent / "fixtures" / "flawed.yaml"
SPEC_EXAMPLE = ROOT / "tests" / "scenario" / "fixtures" / "spec_example.yaml"
SCENARIOS = [*sorted(glob.glob(str(ROOT / "scenarios" / "*.yaml"))), str(SPEC_EXAMPLE)]


def load(path: str | Path) -> Scenario:
    result = load_scenario(path)
    assert result.scenario is not None, result.diagnostics
    return result.scenario


# --- a small DOT reader, enough to check what we write --------------------------------------


def tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c == '"':
            j, buf = i + 1, []
            while text[j] != '"':
                if text[j] == "\\":
                    buf.append(text[j : j + 2])
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            out.append(("id", "".join(buf)))
            i = j + 1
        elif c == "<":
            depth, j = 0, i
            while True:
                depth += {"<": 1, ">": -1}.get(text[j], 0)
                j += 1
                if depth == 0:
                    break
            out.append(("html", text[i:j]))
            i = j
        elif text.startswith("->", i):
            out.append(("op", "->"))
            i += 2
        elif c in "{}[];=,:":
            out.append(("op", c))
            i += 1
        else:
            j = i
            while j < len(text) and (text[j].isalnum() or text[j] in "_.#"):
                j += 1
            assert j > i, f"unexpected {text[i : i + 20]!r}"
            out.append(("id", text[i:j]))
            i = j
    return out


def parse_dot(text: str) -> tuple[set[str], list[tuple[str, str]]]:
    """Declared node names and edges (tail, head) of a DOT digraph; asserts balanced braces."""
    toks = tokens(text)
    assert toks[:2] == [("id", "digraph"), ("id", "scenario")]
    depth, brackets = 0, 0
    statements: list[list[tuple[str, str]]] = [[]]
    for tok in toks:
        if tok == ("op", "[") or tok == ("op", "]"):
            brackets += 1 if tok[1] == "[" else -1
            assert brackets in (0, 1)
        if brackets == 0 and tok in (("op", "{"), ("op", "}"), ("op", ";")):
            depth += {"{": 1, "}": -1}.get(tok[1], 0)
            assert depth >= 0, "a closing brace without an opening one"
            statements.append([])
            continue
        statements[-1].append(tok)
    assert depth == 0, "unbalanced braces"
    assert brackets == 0
    nodes: set[str] = set()
    edges: list[tuple[str, str]] = []
    for st in statements:
        if "[" in [t[1] for t in st]:
            st = st[: [t[1] for t in st].index("[")]
        if not st or st[0][1] in ("graph", "node", "edge", "subgraph", "digraph"):
            continue
        if ("op", "=") in st:
            continue  # a graph attribute inside a cluster
        if ("op", "->") in st:
            ends: list[list[tuple[str, str]]] = [[]]
            for t in st:
                if t == ("op", "->"):
                    ends.append([])
                else:
                    ends[-1].append(t)
            names = [e[0][1] for e in ends]  # a port (":name:e") follows the node name
            edges += list(itertools.pairwise(names))
        else:
            assert len(st) == 1, st
            nodes.add(st[0][1])
    return nodes, edges


# --- the analysis ---------------------------------------------------------------------------


def test_flawed_scenario_marks_exactly_its_three_flaws() -> None:
    graph = flow.build(load(FLAWED))
    assert {(n.key, n.status) for n in graph.problems()} == {
        ("ending:miracle", "unreachable"),
        ("decision:late-call", "unreachable"),
        ("flag:press_called", "unused"),
    }
    assert graph.node("decision:late-call").reason == (
        "its when can never hold (checked in turn 2)"
    )


def test_marks_agree_with_the_loader_warnings() -> None:
    result = load_scenario(FLAWED)
    assert sorted(d.code for d in result.warnings) == ["W102", "W104", "W106"]


def test_edges_show_what_sets_and_reads_each_flag() -> None:
    graph = flow.build(load(FLAWED))
    edges = {(e.src, e.port, e.dst, e.kind, e.label) for e in graph.edges}
    assert edges == {
        ("decision:contain", "isolate", "flag:isolated", "sets", "sets"),
        ("decision:contain", "call-press", "flag:press_called", "sets", "sets"),
        ("flag:isolated", None, "inject:isolated-note", "reads", "flags.isolated"),
        ("flag:isolated", None, "event:leak", "reads", "not flags.isolated"),
        ("flag:isolated", None, "ending:contained", "reads", "flags.isolated"),
        ("decision:contain", "isolate", "decision:next-step", "chose", "chose(contain.isolate)"),
        ("stakeholder:staff", None, "decision:next-step", "informed", "informed(staff)"),
    }


@pytest.mark.parametrize("path", SCENARIOS, ids=os.path.basename)
def test_shipped_scenarios_graph_cleanly(path: str) -> None:
    sc = load(path)
    graph = flow.build(sc)
    warned = {d.code for d in load_scenario(path).warnings}
    if not warned & {"W101", "W102", "W103", "W104", "W106", "W108"}:
        assert graph.problems() == ()
    nodes, edges = parse_dot(dot.to_dot(graph))
    for tail, head in edges:
        assert tail in nodes, tail
        assert head in nodes, head
    expected = {f"inject:{i.id}" for t in sc.turns for i in t.injects}
    expected |= {f"decision:{d.id}" for _, d in sc.decisions()}
    expected |= {f"event:{e.id}" for e in sc.events} | {f"ending:{e.id}" for e in sc.endings}
    expected |= {f"flag:{f}" for f in sc.flags}
    assert expected <= nodes


def test_dot_of_the_flawed_scenario_is_sane_and_escapes_its_text() -> None:
    text = dot.to_dot(flow.build(load(FLAWED)))
    nodes, edges = parse_dot(text)
    assert {"decision:late-call", "ending:miracle", "flag:press_called"} <= nodes
    assert all(t in nodes and h in nodes for t, h in edges)
    # Quoted strings escape quotes and backslashes; HTML labels escape markup.
    assert 'label="Turn 1 · Mon 06:00 \\"dawn\\" {T+0} · response"' in text
    assert "Encryption \\ spreading: &quot;all&quot; servers" in text
    assert "&lt;hit&gt; &amp; {more}" in text
    assert text.count("NEVER HAPPENS") == 2 and text.count("UNUSED") == 1


def test_label_escaping_survives_hostile_text() -> None:
    assert dot.quote('a"b\\c\nd\x00') == '"a\\"b\\\\c\\nd"'
    assert dot.html_text('<b>&"x"</b>\x07') == "&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"
    assert dot.html_text("word " * 20, width=20, limit=30).count("<BR/>") == 1


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graphviz_accepts_the_dot_of_every_scenario(tmp_path: Path) -> None:
    for path in [*SCENARIOS, str(FLAWED)]:
        text = dot.to_dot(flow.build(load(path)))
        proc = subprocess.run(
            ["dot", "-Tsvg"], input=text.encode(), capture_output=True, timeout=60, check=False
        )
        assert proc.returncode == 0, (path, proc.stderr.decode())
        assert b"Warning" not in proc.stderr, (path, proc.stderr.decode())


def test_unparse_writes_conditions_back_as_equivalent_text() -> None:
    for path in SCENARIOS:
        for site in condition_sites(load(path)):
            text = flow.unparse(site.condition.tree)
            assert flow.unparse(parse(text)) == text
    assert flow.unparse(parse("not (flags.a or flags.b) and x >= 3 - (2 - 1)")) == (
        "not (flags.a or flags.b) and x >= 3 - (2 - 1)"
    )
    assert flow.unparse(parse("(not flags.a) == flags.b")) == "(not flags.a) == flags.b"


# --- the command ----------------------------------------------------------------------------


def test_graph_writes_dot_and_lists_the_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "g.dot"
    assert main(["graph", str(FLAWED), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "3 problems marked" in err
    assert "decision late-call never happens" in err
    assert "flag press_called is unused: set but never read" in err
    assert out.read_text("utf-8").startswith("digraph scenario {")


def test_graph_without_graphviz_says_so_and_suggests_dot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["graph", str(FLAWED), "-o", str(tmp_path / "g.svg")]) == 1
    err = capsys.readouterr().err
    assert "needs Graphviz's dot program, which is not on PATH" in err
    assert f"-o {tmp_path / 'g'}.dot" in err
    assert not (tmp_path / "g.svg").exists()


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("ext", [".svg", ".png"])
def test_graph_renders_with_graphviz(tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"g{ext}"
    assert main(["graph", str(FLAWED), "-o", str(out)]) == 0
    head = out.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if ext == ".png" else b"<svg" in head or b"<?xml" in head


def test_graph_refuses_unknown_types_and_broken_scenarios(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["graph", str(FLAWED), "-o", str(tmp_path / "g.jpg")]) == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: crisis-sim/1\n", "utf-8")
    assert main(["graph", str(bad), "-o", str(tmp_path / "g.dot")]) == 1
    err = capsys.readouterr().err
    assert "unknown file type" in err and "has errors" in err
    assert not (tmp_path / "g.dot").exists()


# --- layout: per turn, file order, page width, --turn -----------------------------------------


def _invisible_chain(text: str) -> list[tuple[str, str]]:
    """The layout edges (after ``edge [style=invis ...]``) as (from, to) node names."""
    body = text.split("edge [style=invis, weight=20];", 1)[1].split("edge [style=solid", 1)[0]
    return [
        (a.strip().strip('"'), b.strip().strip(";").strip().strip('"'))
        for a, b in (line.split("->", 1) for line in body.splitlines() if "->" in line)
        if "[" not in b and "{" not in a
    ]


@pytest.mark.parametrize("path", SCENARIOS, ids=os.path.basename)
def test_each_turn_is_one_column_in_file_order(path: str) -> None:
    sc = load(path)
    text = dot.to_dot(flow.build(sc))
    assert "rankdir=TB" in text
    after = dict(_invisible_chain(text))
    for n, turn in enumerate(sc.turns, 1):
        expected = [f"inject:{i.id}" for i in turn.injects]
        expected += [f"decision:{d.id}" for d in turn.decisions]
        if not expected:
            continue
        walked, at = [], after[f"turn:{n}"]
        while at != f"turn:{n}:end":
            walked.append(at)
            at = after[at]
        assert walked == expected
    events = [f"event:{e.id}" for e in sc.events]
    for a, b in itertools.pairwise(events):
        assert after[a] == b


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_the_tutorial_graph_fits_a_page_width(tmp_path: Path) -> None:
    out = tmp_path / "g.svg"
    assert main(["graph", str(ROOT / "scenarios" / "tutorial.yaml"), "-o", str(out)]) == 0
    head = out.read_text("utf-8")[:600]
    width = float(head.split('width="', 1)[1].split("pt", 1)[0])
    assert width <= 842  # A4 landscape; it was 6,000 pt wide when laid out left to right


def test_turn_draws_one_turn_and_what_it_touches(capsys: pytest.CaptureFixture[str]) -> None:
    sc = load(ROOT / "scenarios" / "tutorial.yaml")
    graph = flow.build(sc)
    text = dot.to_dot(graph, turn=2)
    assert "turn 2" in text.splitlines()[1]
    assert '"cluster_turn_2"' in text and '"cluster_turn_3"' not in text
    for item in sc.turns[1].injects:
        assert f'"inject:{item.id}" [label=' in text
    assert '"inject:burst-pipe" [label=' not in text  # turn 1, touching nothing of turn 2
    assert '"flag:water_off" [label=' in text  # read in turn 2 ...
    assert '"decision:first-step" [label=' in text  # ... and set in turn 1: shown
    code = main(["graph", str(ROOT / "scenarios" / "tutorial.yaml"), "--turn", "9"])
    assert code == 2 and "has turns 1 to 3" in capsys.readouterr().err
