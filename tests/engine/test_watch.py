"""Watched conditions give the games that evaluating every condition every time gives.

The engine re-evaluates an event's or a statement's ``when`` only when something it reads has
changed (``game.engine.watch``).  These tests play the same games with the naive evaluation
patched back in and compare everything.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from game.engine import events as ev
from game.engine.bots import play_game
from game.engine.records import EventRecord
from game.engine.session import Session
from game.engine.watch import Reads
from game.locations import shipped_scenarios
from game.scenario import load_scenario
from game.scenario.conditions import Condition

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from load import generate  # noqa: E402
from scaling import replicate  # noqa: E402


def naive_fire(self, n, now, events):
    st = self._st
    for pi in self._prep.events:
        inj = pi.inject
        if inj.id not in st.fired and inj.when is not None and inj.when.holds(st):
            st.fired.add(inj.id)
            st.events_fired.append(EventRecord(inj.id, n, now))
            events.append((ev.EventFired, inj.id, n))
            self._show_inject(pi, "event", now, events)


def naive_usable(self):
    st = self._st
    return tuple(x for x in self._prep.statement_list if x.when is None or x.when.holds(st))


def games(sc, seeds=range(6)):
    out = []
    for policy in ("random", "good", "worst"):
        for seed in seeds:
            s = play_game(sc, policy, seed=seed)
            out.append((s.snapshot(), s.history, [x.id for x in s.usable_statements()]))
    return out


def compare(sc, monkeypatch, seeds=range(6)):
    watched = games(sc, seeds)
    with monkeypatch.context() as m:
        m.setattr(Session, "_fire_events", naive_fire)
        m.setattr(Session, "_usable", naive_usable)
        naive = games(sc, seeds)
    assert watched == naive


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_shipped_scenarios_play_the_same(path, monkeypatch):
    compare(load_scenario(path).scenario, monkeypatch)


def test_a_generated_scenario_with_turn_arithmetic_plays_the_same(monkeypatch, tmp_path):
    # every condition mixes metrics, flags, answers, informed stakeholders and `turn + metric`
    path = tmp_path / "big.yaml"
    path.write_text(generate(turns=12, statements=60, events=40, stakeholders_n=8, flags_n=20))
    result = load_scenario(path)
    assert result.scenario is not None, [d.format() for d in result.errors][:3]
    compare(result.scenario, monkeypatch, seeds=range(4))


def test_a_chained_scenario_plays_the_same(monkeypatch):
    data = yaml.safe_load((ROOT / "scenarios" / "data_breach.yaml").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x3.yaml"
        path.write_text(yaml.safe_dump(replicate(data, 3), allow_unicode=True))
        result = load_scenario(path)
    assert result.scenario is not None, [d.format() for d in result.errors][:3]
    compare(result.scenario, monkeypatch, seeds=range(3))


@pytest.mark.parametrize(
    ("source", "keys", "points", "every"),
    [
        ("turn >= 3 and not flags.a", {("f", "a")}, {3}, False),
        ("turn > 3 or informed(media)", {("i", "media")}, {4}, False),
        ("turn == 2", set(), {2, 3}, False),
        ("turn + cost > 4", {("m", "cost")}, set(), True),
        ("chose(d1.x) and cost < 5", {("c", "d1"), ("m", "cost")}, set(), False),
    ],
)
def test_what_a_condition_reads(source, keys, points, every):
    r = Reads(Condition.parse(source))
    assert (r.keys, r.turn_points, r.every_turn) == (keys, points, every)
