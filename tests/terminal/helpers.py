"""Shared bits of the terminal tests: paths, running the terminal mode in and out of process."""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURES = HERE / "fixtures"
MINI = FIXTURES / "mini.yaml"
MINI_GAME = FIXTURES / "mini_game.txt"


def args(scenario: Path | str | None, data_dir: Path, **kw: object) -> argparse.Namespace:
    """The namespace ``crisis-sim play --text`` hands to ``run_text``."""
    base: dict[str, object] = {
        "scenario": str(scenario) if scenario is not None else None,
        "seat": [],
        "bots": None,
        "resume": False,
        "data_dir": str(data_dir),
        "no_color": False,
        "demo": None,
    }
    base.update(kw)
    return argparse.Namespace(**base)


def run_in_process(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    script: str,
    scenario: Path | str | None,
    data_dir: Path,
    **kw: object,
) -> tuple[int, str, str]:
    """Play ``script`` through ``run_text`` with it as standard input; (code, stdout, stderr)."""
    from game.terminal.app import run_text

    monkeypatch.setattr(sys, "stdin", io.StringIO(script))
    code = run_text(args(scenario, data_dir, **kw))
    out, err = capsys.readouterr()
    return code, out, err


def run_subprocess(
    script: str | bytes,
    cli_args: list[str],
    *,
    env: dict[str, str] | None = None,
    prelude: str = "",
    timeout: float = 30,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m game.terminal ARGS < script`` (``prelude`` runs first, e.g. to block pygame)."""
    code = f"import sys\n{prelude}\nfrom game.terminal.__main__ import main\nsys.exit(main())\n"
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env.update(env or {})
    data = script.encode() if isinstance(script, str) else script
    return subprocess.run(
        [sys.executable, "-c", code, *cli_args],
        input=data,
        capture_output=True,
        cwd=ROOT,
        env=full_env,
        timeout=timeout,
        check=False,
    )
