"""What a demo game in the window does not load: modules it never uses cost peak memory
(``bench/memory.py``: a whole ``crisis-sim play --demo`` game against a bare pygame window)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CODE = """
import json, sys
import game.cli, game.commands.play, game.ui.app, game.ui.scenes.turn, game.ui.scenes.debrief
from game.engine.bots import play_game
from game.engine.saves import autosave_path
from game.locations import shipped_scenarios
from game.report.result import build_result
from game.scenario import load_scenario
from game.ui.recording import record_game

WATCHED = ("sqlite3", "_sqlite3", "game.store.database", "platformdirs",
           "game.scenario.translation")
data = sys.argv[1]
path = next(p for p in shipped_scenarios() if p.stem == "tutorial")
scenario = load_scenario(path, language="en").scenario
autosave_path(scenario.id, data)  # where a demo given --data-dir saves
result = build_result(play_game(scenario, "random", 1))
kept = record_game(result, data_dir=data, db=None, demo=True, record_demo=False)
before = sorted(m for m in WATCHED if m in sys.modules)
assert kept.outcome.skipped, kept.outcome.message
# the same game kept (--record-demo) does open the history: the check above can see sqlite3
record_game(result, data_dir=data, db=None, demo=True, record_demo=True)
after = sorted(m for m in WATCHED if m in sys.modules)
print(json.dumps([before, after]))
"""


def test_a_demo_game_to_its_debrief_loads_no_database_nor_unused_modules(tmp_path: Path) -> None:
    """A demo is not recorded, so the history database (``sqlite3`` and its library, ~1.5 MiB
    resident) is never imported; ``--data-dir`` spares platformdirs; an English game of an
    English scenario needs no translation table reader."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    env.pop("CRISIS_SIM_DATA", None)
    out = subprocess.run(
        [sys.executable, "-c", CODE, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    before, after = json.loads(out.stdout.strip().splitlines()[-1])
    assert before == []
    assert {"sqlite3", "game.store.database"} <= set(after)
