"""Watched conditions give the games that evaluating every condition every time gives.

The engine re-evaluates an event's or a statement's ``when`` only when something it reads has
changed (``game.engine.watch``).  These tests play the same games with the naive evaluation
patched back in and compare everything.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from game.engine import events as ev
from game.engine.bots import play_game
from game.engine.prepared import prepared
from game.engine.records import EventRecord
from game.engine.session import Session
from game.engine.watch import ConditionWatch, Reads, WatchIndex
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


def test_the_touch_table_lists_what_each_key_makes_dirty_in_both_watches():
    sc = load_scenario(ROOT / "scenarios" / "data_breach.yaml").scenario
    prep = prepared(sc)
    table = prep.touch
    assert table, "data_breach's conditions read metrics, flags and answers"
    for key, (statements, events) in table.items():
        assert statements or events
        assert statements == prep.statement_watch.by_key.get(key, ())
        assert events == prep.event_watch.by_key.get(key, ())
    keys = set(prep.statement_watch.by_key) | set(prep.event_watch.by_key)
    assert set(table) == keys
    # what options, injects and statements change carries its hit, looked up once
    for fx in prep.statement_effects.values():
        for mid, _delta, _lo, _hi, hit in fx.metrics if fx else ():
            assert hit == table.get(("m", mid))
    for d, hit in prep.chose_hits.items():
        assert hit == table.get(("c", d))
    for s, hit in prep.informed_hits.items():
        assert hit == table.get(("i", s))


def test_no_condition_holds_without_being_evaluated():
    index = WatchIndex([None, Condition.parse("turn >= 2"), None])
    assert index.start == (True, False, True)
    assert index.evaluated == {1}
    w = ConditionWatch(index)
    w.set_turn(1)
    w.refresh(SimpleNamespace(turn=1))
    assert w.values == [True, False, True]
    w.set_turn(2)
    assert w.refresh(SimpleNamespace(turn=2)) and w.values == [True, True, True]
