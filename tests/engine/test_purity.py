"""The engine is pure: no pygame, no machine clock, no global randomness."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import game.engine

ENGINE = Path(game.engine.__file__).parent
ROOT = ENGINE.parent.parent


def test_engine_imports_and_plays_with_pygame_unavailable():
    code = (
        "import sys\n"
        "sys.modules['pygame'] = None\n"  # any `import pygame` now raises ImportError
        "import game.engine, game.engine.bots\n"
        "from tests.engine.builders import ransomware\n"
        "s = game.engine.bots.play_game(ransomware(), 'random', seed=1)\n"
        "assert s.finished\n"
        "print('ok')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def modules() -> list[tuple[str, ast.Module]]:
    return [(p.name, ast.parse(p.read_text())) for p in sorted(ENGINE.glob("*.py"))]


def test_no_module_of_the_engine_imports_pygame_time_or_datetime_except_the_clock():
    for name, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [(node.module or "").split(".")[0]]
            else:
                continue
            assert "pygame" not in names, name
            assert "datetime" not in names, name
            if name != "clock.py":
                assert "time" not in names, name


def test_randomness_only_through_seeded_random_instances():
    for name, tree in modules():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "random"
            ):
                assert node.attr == "Random", f"{name}: random.{node.attr}"
