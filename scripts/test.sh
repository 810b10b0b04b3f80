#!/usr/bin/env bash
# Install the project with its test tools into .venv (created if missing) and run every check.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest -q -n 2 "$@"
