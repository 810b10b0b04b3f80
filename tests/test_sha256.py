"""``game.sha256``: the same fingerprints as ``hashlib``, without loading OpenSSL in the window."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

from game.sha256 import fingerprint, hex_digest


@pytest.mark.parametrize("text", ["", "scenario: x\n", "Crisis — 危機 ✓\n" * 100, "\x00\ud7ff"])
def test_fingerprint_is_hashlibs_sha256_of_the_utf8_text(text: str) -> None:
    assert fingerprint(text) == "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    data = text.encode("utf-8", "surrogatepass")
    assert hex_digest(data) == hashlib.sha256(data).hexdigest()


def test_a_whole_window_game_never_loads_hashlib_or_openssl() -> None:
    """Everything a demo game imports, to the debrief: ``hashlib`` would map libcrypto
    (~3.7 MiB resident) only for digests the built-in module computes the same."""
    code = (
        "import sys, json\n"
        "import game.cli, game.ui.app, game.ui.scenes.turn, game.ui.scenes.debrief\n"
        "import game.scenario.loader, game.scenario.translation, game.engine.session\n"
        "import game.store.migrations, game.table.table\n"
        "print(json.dumps(sorted(m for m in sys.modules if 'hashlib' in m or 'ssl' in m)))\n"
    )
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
