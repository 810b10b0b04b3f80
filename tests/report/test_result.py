"""The result record: what it holds, JSON round trips, atomic writes, clear errors on bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.bots import POLICIES, play_game
from game.report.result import (
    RESULT_FORMAT,
    Result,
    ResultError,
    build_result,
    load_result,
    write_result,
)
from game.scenario.model import Scenario
from game.scoring import score_game
from tests.report.conftest import CM, PR


def test_the_record_holds_the_whole_game(human_result: Result, mini: Scenario) -> None:
    r = human_result
    assert r.format == RESULT_FORMAT
    assert (r.scenario.id, r.scenario.title, r.scenario.language) == (
        "mini-flood",
        mini.title,
        "fr",
    )
    assert r.scenario.content_hash == mini.content_hash and r.scenario.content_hash
    assert r.seed == 3
    assert [(s.role, s.player, s.label) for s in r.seats] == [
        (CM, "Ana Ruiz", "Ana Ruiz"),
        (PR, "Ben Okafor", "Ben Okafor"),
    ]
    assert r.players == ("Ana Ruiz", "Ben Okafor")
    assert (r.started_at, r.finished_at) == (
        "2025-05-14T09:02:11+02:00",
        "2025-05-14T09:40:00+02:00",
    )
    assert r.duration == pytest.approx(63)
    assert [(a.decision, a.elapsed, a.option, a.order) for a in r.answers] == [
        ("evacuate", 41, "now", None),
        ("messages", 12, None, ("actions", "safety", "next")),
    ]
    assert [(m.role, m.stakeholders, m.statements, m.turn) for m in r.messages] == [
        (CM, ("staff",), ("facts",), 1),
        (PR, ("press",), ("no-comment",), 1),
        (PR, ("press", "staff"), ("facts", "go-home"), 2),
    ]
    assert r.metrics_start == {"safety": 60, "cost": 0}
    assert r.metrics_history == ({"safety": 80, "cost": 5}, {"safety": 80, "cost": 5})
    assert r.events_fired == ()
    assert r.ending is not None and r.ending.id == "dry"
    assert set(r.required) == {"staff", "press"}
    assert set(r.scores.roles) == {CM, PR} and set(r.scores.players) == set(r.players)
    assert {d.kind for d in r.deductions.team} >= {
        "slow_answer",
        "rank_order",
        "late",
        "risky_statement",
    }
    assert any(s.kind == "best_option" for s in r.strengths.roles[CM])
    assert [o.id for o in r.objectives] == ["obj-safety", "obj-press"]
    assert all(o.rating in ("P", "S", "M", "U") for o in r.objectives)


def test_json_round_trip_is_the_identity(human_result: Result) -> None:
    text = human_result.to_json()
    again = Result.from_json(text)
    assert again.to_json() == text
    data = json.loads(text)
    assert data["format"] == "crisis-sim-result/2"
    assert set(data) >= {
        "scenario",
        "seed",
        "seats",
        "answers",
        "messages",
        "metrics_history",
        "events_fired",
        "ending",
        "scores",
        "deductions",
        "strengths",
        "objectives",
        "started_at",
        "finished_at",
    }
    assert set(data["scores"]["team"]) >= {"speed", "priorities", "communication", "total"}


@pytest.mark.parametrize("policy", POLICIES)
def test_every_bot_game_round_trips(mini: Scenario, policy: str) -> None:
    text = build_result(play_game(mini, policy, 2)).to_json()
    assert Result.from_json(text).to_json() == text


def test_the_same_game_gives_the_same_text(mini: Scenario) -> None:
    a = build_result(play_game(mini, "random", 9)).to_json()
    b = build_result(play_game(mini, "random", 9)).to_json()
    assert a == b


def test_a_result_can_be_rescored_from_its_evidence(human_result: Result, mini: Scenario) -> None:
    scores = score_game(mini, human_result.evidence())
    assert round(scores.team.card.total, 1) == round(human_result.scores.team.total, 1)
    assert scores.team.deductions == human_result.deductions.team


def test_write_is_atomic_and_leaves_no_temporary_file(human_result: Result, tmp_path: Path) -> None:
    target = tmp_path / "results" / "game.json"
    write_result(human_result, target)
    assert load_result(target) == Result.from_json(human_result.to_json())
    assert sorted(p.name for p in target.parent.iterdir()) == ["game.json"]
    write_result(human_result, target)  # replacing is fine too
    assert sorted(p.name for p in target.parent.iterdir()) == ["game.json"]


def _bad(tmp_path: Path, content: str | bytes) -> Path:
    p = tmp_path / "r.json"
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{nope", "not valid JSON (line 1, column 2"),
        ("[1, 2]", "not a Crisis Tabletop result (expected a JSON object)"),
        ('{"seed": 1}', 'not a Crisis Tabletop result (it has no "format" key)'),
        ('{"format": "crisis-sim/1"}', 'format is "crisis-sim/1", expected "crisis-sim-result/2"'),
        ('{"format": "crisis-sim-result/3"}', 'result format "crisis-sim-result/3" is not one'),
        (b"\xff\xfe\x00", "not a text file"),
        ('{"format": "crisis-sim-result/1", "seed": NaN}', "not valid JSON"),
    ],
)
def test_bad_files_give_a_clear_error(tmp_path: Path, content: str | bytes, message: str) -> None:
    p = _bad(tmp_path, content)
    with pytest.raises(ResultError) as err:
        load_result(p)
    assert str(err.value).startswith(f"{p}: ")
    assert message in str(err.value)


def test_a_wrong_field_names_its_path(human_result: Result, tmp_path: Path) -> None:
    data = json.loads(human_result.to_json())
    data["seed"] = "three"
    data["answers"][1]["elapsed"] = True
    del data["scenario"]["title"]
    with pytest.raises(ResultError) as err:
        load_result(_bad(tmp_path, json.dumps(data)))
    text = str(err.value)
    assert "invalid result" in text
    assert "$.seed" in text or "result.seed" in text
    assert "answers[1].elapsed" in text
    assert "scenario.title" in text


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ResultError, match="no such file"):
        load_result(tmp_path / "missing.json")
    with pytest.raises(ResultError, match="is a folder"):
        load_result(tmp_path)


def test_unfinished_games_can_be_recorded(mini: Scenario) -> None:
    from game.engine import ManualClock, Seat, Session

    s = Session.new(
        mini, {r: Seat(r, player="P") for r in mini.roles_in_play}, seed=1, clock=ManualClock()
    )
    r = build_result(s)
    assert r.finished is False and r.ending is None
    assert Result.from_json(r.to_json()).to_json() == r.to_json()
    assert PR in r.scores.roles


def as_version_1(result: Result) -> dict:
    """``result`` as a version 1 file held it: English sentences instead of parameters."""
    data = result.to_dict()
    data["format"] = "crisis-sim-result/1"

    def worded(items, objects):
        out = []
        for item, obj in zip(items, objects, strict=True):
            item = {k: v for k, v in item.items() if k != "params"}
            item["reason"] = obj.reason
            if hasattr(obj, "action"):
                item["action"] = obj.action
            out.append(item)
        return out

    for key, source in (("deductions", result.deductions), ("strengths", result.strengths)):
        data[key]["team"] = worded(data[key]["team"], source.team)
        for scope in ("roles", "players"):
            for k, items in data[key][scope].items():
                data[key][scope][k] = worded(items, getattr(source, scope)[k])
    if data.get("ending"):
        data["ending"]["causes"] = [c.line for c in result.ending.causes]
    return data


def test_a_version_1_result_still_reads_and_shows_its_stored_words(human_result: Result) -> None:
    from game import i18n

    old = Result.from_dict(as_version_1(human_result))
    assert old.format == RESULT_FORMAT
    before = [(d.kind, d.reason, d.action) for d in human_result.deductions.team]
    assert [(d.kind, d.reason, d.action) for d in old.deductions.team] == before
    assert [s.reason for s in old.strengths.roles[CM]] == [
        s.reason for s in human_result.strengths.roles[CM]
    ]
    assert all(not d.params and d.text for d in old.deductions.team)
    # stored words cannot be worded again: they stay English in any language
    i18n.set_language("zh-Hant")
    try:
        assert [d.reason for d in old.deductions.team] == [b[1] for b in before]
        assert old.deductions.team[0].reason != human_result.deductions.team[0].reason
    finally:
        i18n.set_language("en")
    # written again, it keeps its words (as format 2) and reads back the same
    again = Result.from_json(old.to_json())
    assert [d.reason for d in again.deductions.team] == [b[1] for b in before]


def test_hostile_parameters_in_a_result_are_refused(human_result: Result) -> None:
    data = human_result.to_dict()
    data["deductions"]["team"][0]["params"] = {"prompt": {"nested": "object"}}
    with pytest.raises(ResultError, match="expected text, a number or a list"):
        Result.from_dict(data)
    data["deductions"]["team"][0]["params"] = {f"k{i}": 1 for i in range(100)}
    with pytest.raises(ResultError, match="at most 32 parameters"):
        Result.from_dict(data)
    data["deductions"]["team"][0]["params"] = {"keys": [[[["deep"]]]]}
    with pytest.raises(ResultError, match="expected text, a number or a list"):
        Result.from_dict(data)
