"""Start-up stays light: the title screen imports neither the engine, nor the scenario loader,
nor pygame_gui or attrs (``bench/startup.py`` measures the time and memory), and the shortcuts
that make it so (a data folder and a save header read without the engine, a tokenizer without
the CJK character class, the subtitle's role titles) agree with what they stand for."""

from __future__ import annotations

import contextlib
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine import saves
from game.linebreak import _raw_units
from game.scenario.model import ROLE_TITLES
from game.ui import app as app_module
from game.ui.scenes.title import SUBTITLE
from tests.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parents[2]

#: Modules the title screen must not need (each costs start-up time or memory).
HEAVY = (
    "game.engine",
    "game.scenario",
    "game.scoring",
    "game.report",
    "game.store",
    "game.toolkit",
    "game.ui.match",
    "game.ui.sound",
    "pygame_gui",
    "attrs",
    "cattrs",
    "jsonschema",
    "rich",
    "yaml",
)

TITLE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from game.ui.boot import open_window
from game.ui.app import App, Options
app = App(Options(data_dir=sys.argv[2]), open_window((1280, 720)))
app.begin()
for _ in range(3):
    app.step(1 / 60)
assert app.top.name == "title", app.top.name
print(json.dumps({"modules": sorted(sys.modules), "continue": app.top.saved != []}))
"""


def title_modules(data: Path) -> tuple[set[str], bool]:
    out = subprocess.run(
        [sys.executable, "-c", TITLE, str(ROOT), str(data)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    shown = json.loads(out.stdout.strip().splitlines()[-1])
    return set(shown["modules"]), shown["continue"]


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def write_save(folder: Path, name: str, header: dict, actions: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.autosave.jsonl"
    saves.write_save(path, {"actions": actions, **header}, [])
    return path


def header(**fields) -> dict:
    base = {
        "format": saves.SAVE_FORMAT,
        "version": saves.SAVE_VERSION,
        "scenario_id": "tutorial",
        "scenario_title": "Tutorial",
        "content_hash": "x",
        "seed": 1,
        "seats": {},
        "turn": 1,
        "finished": False,
    }
    return {**base, **fields}


def test_the_title_screen_imports_nothing_heavy(tmp_path: Path) -> None:
    modules, can_continue = title_modules(tmp_path / "data")
    assert heavy_in(modules) == []
    assert not can_continue


def test_a_finished_save_is_passed_over_without_the_engine(tmp_path: Path) -> None:
    write_save(tmp_path / "data" / "saves", "tutorial", header(finished=True))
    modules, can_continue = title_modules(tmp_path / "data")
    assert heavy_in(modules) == []
    assert not can_continue


def test_an_unfinished_save_is_checked_by_the_engine_and_offered(tmp_path: Path) -> None:
    write_save(tmp_path / "data" / "saves", "tutorial", header())
    modules, can_continue = title_modules(tmp_path / "data")
    assert "game.engine.saves" in modules
    assert can_continue


def test_saved_games_skips_finished_and_damaged_saves(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "saves"
    write_save(folder, "done", header(finished=True))
    write_save(folder, "open", header(scenario_id="open"))
    write_save(folder, "short", header(scenario_id="short"), actions=3)  # incomplete
    (folder / "junk.autosave.jsonl").write_text("not json\n", encoding="utf-8")
    (folder / "finished-junk.autosave.jsonl").write_text(
        '{"finished": true}\n{"oops"\n', encoding="utf-8"
    )
    (folder / "folder.autosave.jsonl").mkdir()  # not a file
    pilot = Pilot(tmp_path)
    try:
        found = [h["scenario_id"] for _, h in pilot.app.saved_games()]
    finally:
        pilot.close()
    assert found == ["open"]
    for path in folder.iterdir():  # the shortcut never skips a save the engine would offer
        if app_module.finished_header(path):
            with contextlib.suppress(saves.SaveError):
                assert saves.read_save(path).header.get("finished")


@pytest.mark.parametrize("override", [None, "", "/some/where"])
@pytest.mark.parametrize("env", [None, "", "/from/env"])
def test_the_data_folder_is_the_engines(
    override: str | None, env: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if env is None:
        monkeypatch.delenv(saves.DATA_ENV, raising=False)
    else:
        monkeypatch.setenv(saves.DATA_ENV, env)
    assert app_module.data_dir(override) == saves.data_dir(override)
    assert app_module.saves_dir(override) == saves.saves_dir(override)
    assert (app_module.APP_NAME, app_module.DATA_ENV) == (saves.APP_NAME, saves.DATA_ENV)


def test_the_subtitle_names_the_roles_by_their_titles() -> None:
    first, second = ROLE_TITLES["crisis_manager"], ROLE_TITLES["pr_specialist"]
    assert f"five roles: {first}, {second} and three more" in SUBTITLE
    assert len(ROLE_TITLES) == 5


def test_the_break_units_split_text_as_the_cjk_character_class_did() -> None:
    """game.linebreak splits runs by hand instead of compiling a class of the CJK ranges (a
    64K-entry table, ~7 ms of the start-up): the units must be the same as the class gave."""
    cjk = (
        "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
        "\u4e00-\u9fff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef"
        "\U00020000-\U0003ffff"
    )
    old = re.compile(rf"\s+|[{cjk}]|[^\s{cjk}]+")
    alphabet = list(
        "ab. ,-\t\r\x0b\x0c\x1c\x85\u00a0\u1680\u2000\u2028\u3000\u3001\u3042\ufe10"
        "中文，\uff01\uf900\ufaff\u2e80\u9fff\u2e7f\ua000\uffef\ufff0é—’\U00020001"
    )
    rng = random.Random(1)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert _raw_units(text) == old.findall(text), repr(text)
    sample = "危機管理 crisis — 「請立即」 don’t\u3000 go"
    assert _raw_units(sample) == old.findall(sample)
