"""Saves: autosave after every action, atomic writes, resume, and clear errors for bad files."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import attrs
import platformdirs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import (
    Answer,
    EndTurn,
    ManualClock,
    Pause,
    Present,
    Rank,
    Resume,
    SaveError,
    ScenarioChanged,
    Seat,
    SendMessage,
    Session,
    saves,
    savewriter,
)
from game.engine import events as ev
from game.engine.bots import play_game
from tests.engine.builders import CM, IA, ransomware
from tests.engine.harness import humans

ORDER = ("people", "contain", "holding", "restore")


def start(tmp_path: Path, **kw) -> tuple[Session, ManualClock, Path]:
    sc = kw.pop("scenario", None) or ransomware()
    clock = ManualClock(40)
    path = tmp_path / "saves" / "game.jsonl"
    s = Session.new(sc, humans(sc), seed=5, clock=clock, save_path=path, **kw)
    return s, clock, path


def some_play(s: Session, clock: ManualClock) -> None:
    s.apply(Present(CM))
    clock.advance(4)
    s.apply(Present(IA))
    clock.advance(6)
    s.apply(Rank(CM, "priorities", ORDER))
    s.apply(SendMessage(CM, ("employees",), "email", ("ack-incident",)))
    clock.advance(2.5)
    s.apply(Answer(IA, "first-containment", "isolate"))


def test_new_game_is_saved_at_once_and_after_every_action(tmp_path):
    s, clock, path = start(tmp_path)
    assert len(path.read_text().splitlines()) == 1
    some_play(s, clock)
    lines = path.read_text().splitlines()
    assert len(lines) == 1 + len(s.log) == 6
    header = json.loads(lines[0])
    assert header["format"] == "crisis-tabletop-save" and header["version"] == 2
    # the header was written when the game started; the actions were appended after it
    assert header["seed"] == 5 and header["actions"] == 0
    assert header["seats"][CM] == {"player": "Player 1"}
    assert json.loads(lines[-1]) == {
        "at": 12.5,
        "action": {
            "type": "answer",
            "role": IA,
            "decision": "first-containment",
            "option": "isolate",
        },
        "turn": 1,
    }
    assert saves.read_save(path).status["actions"] == 5
    assert [p.name for p in path.parent.iterdir()] == ["game.jsonl"]  # no temp file left


def test_resumed_game_has_the_identical_state_and_the_closed_time_does_not_count(tmp_path):
    s, clock, path = start(tmp_path)
    some_play(s, clock)
    clock.advance(1_000_000)  # the game was closed for a long time
    later = ManualClock(3.0)
    r = Session.resume(path, s.scenario, clock=later)
    assert r.snapshot() == s.snapshot()
    assert r.history == s.history
    assert r.now() == 12.5
    [p] = r.pending(CM) or [None]
    assert p is None
    r.apply(EndTurn(CM))
    assert len(path.read_text().splitlines()) == 1 + len(r.log)  # keeps autosaving


def test_resume_refuses_a_save_whose_scenario_file_changed(tmp_path):
    s, clock, path = start(tmp_path)
    some_play(s, clock)
    changed = attrs.evolve(s.scenario, content_hash="hash-2", path="scenarios/r.yaml")
    with pytest.raises(ScenarioChanged, match=r"scenarios/r\.yaml.*has changed since"):
        Session.resume(path, changed, clock=ManualClock())


def test_resume_refuses_a_save_of_another_scenario(tmp_path):
    s, _clock, path = start(tmp_path)
    other = attrs.evolve(s.scenario, id="fire")
    with pytest.raises(SaveError, match="scenario 'ransomware', not 'fire'"):
        Session.resume(path, other, clock=ManualClock())


def edit(path: Path, fn) -> None:
    lines = path.read_text().splitlines()
    path.write_text("\n".join(fn(lines)) + "\n")


def header_edit(**changes):
    def fn(lines):
        h = json.loads(lines[0])
        h.update(changes)
        return [json.dumps(h), *lines[1:]]

    return fn


BAD = [
    (lambda p: p.write_bytes(b"\xff\xfe\x00garbage"), "not UTF-8"),
    (lambda p: p.write_text(""), "empty"),
    (lambda p: p.write_text("{not json"), "line 1 is not valid JSON"),
    (lambda p: p.write_text('{"format": "something-else"}'), "not a Crisis Tabletop saved game"),
    (lambda p: p.write_text("[1, 2]"), "not a Crisis Tabletop saved game"),
    (lambda p: edit(p, header_edit(version=99)), "newer version of the game"),
    (lambda p: edit(p, header_edit(version=0)), "old version"),
    (lambda p: edit(p, header_edit(version="1")), "no valid version"),
    (lambda p: edit(p, header_edit(seed="five")), "header is damaged (field 'seed')"),
    (lambda p: edit(p, header_edit(seats={CM: {"bot": "genius"}})), "unknown bot policy"),
    (lambda p: edit(p, header_edit(seats={CM: {"player": "A"}})), "no seat for infosec"),
    (lambda p: edit(p, lambda ls: ls[:-1]), "incomplete (4 of 5 actions)"),
    (lambda p: edit(p, lambda ls: [*ls[:-1], ls[-1][:20]]), "line 6 is not valid JSON"),
    (lambda p: edit(p, lambda ls: [*ls[:-1], "[]"]), "line 6 is not a log entry"),
    (
        lambda p: edit(p, lambda ls: [*ls[:-1], ls[-1].replace("isolate", "explode")]),
        "log entry 5 was refused when replayed: decision 'first-containment' has no option",
    ),
    (
        lambda p: edit(p, lambda ls: [*ls[:-1], ls[-1].replace('"answer"', '"dance"')]),
        "unknown action type 'dance'",
    ),
    (
        lambda p: edit(p, lambda ls: [*ls[:-1], ls[-1].replace('"at":12.5', '"at":1.0')]),
        "not after the previous entry",
    ),
    (
        lambda p: edit(p, lambda ls: [*ls[:-1], ls[-1].replace('"at":12.5', '"at":12.75')]),
        "does not give the state it was saved in",
    ),
]


@pytest.mark.parametrize(("damage", "words"), BAD)
def test_damaged_or_unknown_saves_give_clear_errors(tmp_path, damage, words):
    s, clock, path = start(tmp_path)
    some_play(s, clock)
    s.save()  # compacted: the header now covers (and checks) all five actions
    damage(path)
    with pytest.raises(SaveError) as info:
        Session.resume(path, s.scenario, clock=ManualClock())
    assert words in str(info.value)
    assert str(path) in str(info.value)


def test_missing_save_and_folder_give_clear_errors(tmp_path):
    sc = ransomware()
    with pytest.raises(SaveError, match="no saved game at"):
        Session.resume(tmp_path / "nope.jsonl", sc, clock=ManualClock())
    with pytest.raises(SaveError, match="is a folder"):
        Session.resume(tmp_path, sc, clock=ManualClock())


def test_a_failed_autosave_keeps_the_previous_save_and_is_reported_not_raised(
    tmp_path, monkeypatch
):
    s, _clock, path = start(tmp_path)
    before = path.read_text()

    def broken(*args, **kw):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(savewriter, "_append", broken)
        m.setattr(os, "replace", broken)
        events = s.apply(Pause())
        assert events[0] == ev.GamePaused(0.0)
        assert isinstance(events[-1], ev.AutosaveFailed)
        assert "No space left on device" in s.autosave_error
        assert s.paused  # the action itself stands
        assert path.read_text() == before
        assert not s.flush_save()  # retried (as a whole rewrite), still failing
        assert [p.name for p in path.parent.iterdir()] == ["game.jsonl"]  # temp file removed
    s.apply(Resume())  # the retry rewrites the whole file: nothing is lost
    assert s.autosave_error is None
    assert len(path.read_text().splitlines()) == 3
    assert Session.resume(path, s.scenario, clock=ManualClock()).snapshot() == s.snapshot()


def test_saving_a_finished_game_and_resuming_it(tmp_path):
    sc = ransomware()
    path = tmp_path / "bot.jsonl"
    s = play_game(sc, "random", seed=3, save_path=str(path))
    r = Session.resume(path, sc, clock=ManualClock())
    assert r.finished and r.ending == s.ending
    assert r.snapshot() == s.snapshot()


def test_explicit_save_to_another_path(tmp_path):
    sc = ransomware()
    s = Session.new(sc, humans(sc), seed=1, clock=ManualClock())
    s.apply(Present(CM))
    target = s.save(tmp_path / "copy.jsonl")
    r = Session.resume(target, sc, clock=ManualClock(), autosave=False)
    assert r.snapshot() == s.snapshot() and r.save_path is None
    with pytest.raises(ValueError, match="no save path"):
        s.save()


def test_data_dir_prefers_the_parameter_then_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("CRISIS_SIM_DATA", raising=False)
    assert saves.data_dir() == Path(platformdirs.user_data_dir("crisis-tabletop", appauthor=False))
    monkeypatch.setenv("CRISIS_SIM_DATA", str(tmp_path / "env"))
    assert saves.data_dir() == tmp_path / "env"
    assert saves.data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert saves.autosave_path("fire", tmp_path) == tmp_path / "saves" / "fire.autosave.jsonl"


def test_seats_round_trip_and_reject_bad_input():
    for seat in (Seat(CM, player="Ana"), Seat(IA, bot="worst")):
        assert Seat.from_json(seat.role, seat.to_json()) == seat
    with pytest.raises(ValueError, match="exactly one"):
        Seat(CM)
    with pytest.raises(ValueError, match="exactly one"):
        Seat(CM, player="A", bot="best")
    with pytest.raises(ValueError):
        Seat.from_json(CM, {"player": 3})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(0, 10_000),
    length=st.integers(0, 40),
    junk=st.binary(max_size=20) | st.sampled_from([b'"', b"{", b"\n", b"]", b"1e999", b"null"]),
)
def test_any_damage_to_a_save_gives_a_save_error_or_a_faithful_game(cut, length, junk):
    sc = ransomware()
    clock = ManualClock()
    s = Session.new(sc, humans(sc), seed=5, clock=clock)
    some_play(s, clock)
    with tempfile.TemporaryDirectory() as tmp:
        path = s.save(Path(tmp) / "g.jsonl")
        raw = path.read_bytes()
        cut %= len(raw) + 1
        path.write_bytes(raw[:cut] + junk + raw[cut + length :])
        try:
            r = Session.resume(path, sc, clock=ManualClock(), autosave=False)
        except SaveError as e:
            assert str(path) in str(e) or "no saved game" in str(e)
        else:
            assert r.snapshot(log=False)["turn"] == 1


def test_arbitrary_text_is_never_mistaken_for_a_save():
    for text in ["", "\n\n", "hello", "{}", '{"format": "crisis-tabletop-save"}', "\x00" * 10]:
        with pytest.raises(SaveError):
            saves.parse_save(text, "x")


def test_save_tags_keep_only_short_text() -> None:
    """A save header's tags come from a file anyone could edit: only short text survives."""
    from game.engine.saves import MAX_TAG, MAX_TAGS, clean_tags

    assert clean_tags({"cohort": "Night shift"}) == {"cohort": "Night shift"}
    assert clean_tags(["cohort"]) == {} and clean_tags(None) == {}
    assert clean_tags({"cohort": 3, "": "x", "k": "v" * (MAX_TAG + 1), "ok": "yes"}) == {
        "ok": "yes"
    }
    assert len(clean_tags({f"k{i}": "v" for i in range(100)})) == MAX_TAGS
