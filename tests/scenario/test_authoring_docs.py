"""docs/authoring.md stays true: its tutorial loads, and every code's examples do what they say."""

from __future__ import annotations

import pathlib
import re
import struct

import pytest

from game.scenario import LoadResult, load_scenario
from game.scenario.conditions import Condition
from game.scenario.diagnostics import CODES

from .scenario_text import scenario, sections

GUIDE = pathlib.Path(__file__).parents[2] / "docs" / "authoring.md"
TEXT = GUIDE.read_text(encoding="utf-8")
MODELINE = "# yaml-language-server: $schema=schema.json"
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```$", re.MULTILINE | re.DOTALL)
CODE_HEADING = re.compile(r"^### ([SW]\d{3}) — (.+)$", re.MULTILINE)


def _section(heading: str) -> str:
    """The text under a ``## `` heading, up to the next one."""
    start = TEXT.index(f"\n## {heading}")
    end = TEXT.find("\n## ", start + 1)
    return TEXT[start : end if end >= 0 else len(TEXT)]


def _code_sections() -> dict[str, tuple[str, str]]:
    """Code -> (heading text, section body)."""
    matches = list(CODE_HEADING.finditer(TEXT))
    out = {}
    for m, nxt in zip(matches, [*matches[1:], None], strict=True):
        end = nxt.start() if nxt else TEXT.find("\n## ", m.end())
        out[m.group(1)] = (m.group(2), TEXT[m.end() : end if end >= 0 else len(TEXT)])
    return out


TUTORIAL_STEPS = [b for b in YAML_BLOCK.findall(_section("Tutorial")) if b.startswith(MODELINE)]
CODE_SECTIONS = _code_sections()


def _load(tmp_path: pathlib.Path, text: str) -> LoadResult:
    (tmp_path / "images").mkdir(exist_ok=True)
    # the S022 and S030 examples' pictures: a 640×480 JPEG header and a 30000×20000 PNG one
    jpeg = b"\xff\xd8\xff\xe0\x00\x04\x00\x00\xff\xc0\x00\x11\x08\x01\xe0\x02\x80\x03"
    (tmp_path / "images" / "smoke.jpg").write_bytes(jpeg)
    ihdr = struct.pack(">IIBBBBB", 30000, 20000, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + b"\0" * 4
    (tmp_path / "images" / "scan.png").write_bytes(png)
    file = tmp_path / "riverside-fire.yaml"
    file.write_text(text, encoding="utf-8")
    return load_scenario(file)


def test_every_code_has_a_section_titled_with_its_meaning() -> None:
    assert {code: title for code, (title, _) in CODE_SECTIONS.items()} == CODES


def test_code_sections_are_in_code_order() -> None:
    assert list(CODE_SECTIONS) == sorted(CODES)


def test_tutorial_has_complete_steps() -> None:
    assert len(TUTORIAL_STEPS) >= 6


@pytest.mark.parametrize("step", range(len(TUTORIAL_STEPS)), ids=lambda i: f"step{i + 1}")
def test_every_tutorial_step_is_a_valid_scenario(step: int, tmp_path: pathlib.Path) -> None:
    result = _load(tmp_path, TUTORIAL_STEPS[step])
    assert result.errors == (), "\n".join(d.format() for d in result.diagnostics)


def test_final_tutorial_scenario_loads_without_any_diagnostic(tmp_path: pathlib.Path) -> None:
    result = _load(tmp_path, TUTORIAL_STEPS[-1])
    assert result.diagnostics == (), "\n".join(d.format() for d in result.diagnostics)
    sc = result.scenario
    assert len(sc.turns) >= 3 and sc.events and sc.objectives
    assert {d.kind for _, d in sc.decisions()} == {"choice", "rank"}


def _example(body: str, label: str) -> str | None:
    """The first YAML block after the paragraph starting with ``**label**``."""
    at = body.find(f"**{label}**")
    assert at >= 0, f"no **{label}** example"
    m = YAML_BLOCK.search(body, at)
    nxt = body.find("**Right**", at + 1) if label == "Wrong" else -1
    if m is None or (nxt >= 0 and m.start() > nxt):
        return None
    return m.group(1)


def _in_scenario(fragment: str) -> str:
    """The fragment inside the tutorial's first step, as the guide says to picture it."""
    if not sections(fragment):  # not a mapping (the S005 example): the whole file
        return fragment
    return scenario(fragment, base=TUTORIAL_STEPS[0])


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_examples_are_right(code: str, tmp_path: pathlib.Path) -> None:
    _title, body = CODE_SECTIONS[code]
    wrong, right = _example(body, "Wrong"), _example(body, "Right")
    if code == "S001":  # about files that are not YAML text: shown as output, not YAML
        assert wrong is None and right is None
        return
    assert wrong is not None and right is not None
    bad = _load(tmp_path, _in_scenario(wrong))
    assert code in {d.code for d in bad.diagnostics}, [d.format() for d in bad.diagnostics]
    assert (bad.scenario is None) == code.startswith("S")
    good = _load(tmp_path, _in_scenario(right))
    assert good.diagnostics == (), [d.format() for d in good.diagnostics]


def test_condition_examples_parse() -> None:
    examples = re.findall(r'^\s*(?:when|required_when): "(.*)"', _section("The condition"), re.M)
    assert len(examples) >= 5
    for source in examples:
        Condition.parse(source)
    for cell in re.findall(r"^\| `([^`|]+)` \|", _section("The condition"), re.M):
        if "..." not in cell:
            Condition.parse(cell.replace("a and b", "true and false").replace("a or b", "true"))


def test_the_guide_shows_the_editor_modeline_and_the_validate_command() -> None:
    assert MODELINE in _section("Before you start")
    assert "crisis-sim validate" in _section("Checking a file")
    assert "crisis-sim schema > schema.json" in TEXT
