"""``crisis-sim simulate --json`` gives the same bytes for the same seeds, pinned per scenario.

The simulate path (bots, session, scoring) is tuned for speed; this test is what keeps a speed-up
honest: for every shipped scenario and every policy but ``good`` (whose choices are a balance
decision, checked by ``tests/scenarios/test_balance.py``), the SHA-256 of the command's ``--json``
output for fixed seeds must equal the one pinned in ``simulate_pins.json``.  When a change is
*meant* to alter results (a rebalanced scenario, a scoring rule, a bot's choices), regenerate the
pins and commit them with that change::

    .venv/bin/python tests/engine/test_simulate_pins.py
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.cli import main  # noqa: E402
from game.engine.bots import POLICIES  # noqa: E402

PINS = Path(__file__).with_name("simulate_pins.json")
SCENARIOS = ROOT / "scenarios"
RUNS, SEED = 25, 7
#: ``good``'s choices are tuned for balance and pinned elsewhere.
PINNED_POLICIES = tuple(p for p in POLICIES if p != "good")


def digest(scenario: str, policy: str) -> str:
    """SHA-256 of ``crisis-sim simulate SCENARIO --policy P --runs RUNS --seed SEED --json``."""
    out = io.StringIO()
    args = ["simulate", str(SCENARIOS / f"{scenario}.yaml"), "--policy", policy]
    args += ["--runs", str(RUNS), "--seed", str(SEED), "--json"]
    with contextlib.redirect_stdout(out):
        code = main(args)
    assert code == 0, f"crisis-sim {' '.join(args)} exited {code}"
    return hashlib.sha256(out.getvalue().encode("utf-8")).hexdigest()


def _pins() -> dict[str, dict[str, str]]:
    return json.loads(PINS.read_text(encoding="utf-8"))


def test_every_shipped_scenario_is_pinned() -> None:
    shipped = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))
    assert sorted(_pins()) == shipped


@pytest.mark.parametrize("scenario", sorted(p.stem for p in SCENARIOS.glob("*.yaml")))
def test_simulate_json_is_byte_for_byte_the_pinned_one(scenario: str) -> None:
    pins = _pins().get(scenario, {})
    for policy in PINNED_POLICIES:
        assert digest(scenario, policy) == pins.get(policy), (
            f"simulate --json of {scenario} --policy {policy} changed; if that is intended, "
            "regenerate with .venv/bin/python tests/engine/test_simulate_pins.py"
        )


if __name__ == "__main__":
    data = {
        p.stem: {pol: digest(p.stem, pol) for pol in PINNED_POLICIES}
        for p in sorted(SCENARIOS.glob("*.yaml"))
    }
    PINS.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {PINS}")
