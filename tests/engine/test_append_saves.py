"""Saves version 2: appended line by line, compacted rarely, torn last lines dropped, the
writer thread never waited for, version 1 saves still resumed."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from game.engine import EndTurn, ManualClock, Pause, Resume, SaveError, Session, saves, savewriter
from game.engine import events as ev
from game.engine.bots import play_game
from game.engine.savewriter import SaveWriter
from game.engine.session import COMPACT_AFTER
from tests.engine.builders import CM, ransomware
from tests.engine.harness import humans
from tests.engine.test_saves import some_play, start

FIXTURES = Path(__file__).parent / "fixtures"


def test_each_action_appends_one_line_and_leaves_what_was_written_untouched(tmp_path):
    s, clock, path = start(tmp_path)
    before = path.read_bytes()
    some_play(s, clock)
    after = path.read_bytes()
    assert after.startswith(before)  # appended, never rewritten
    assert after.count(b"\n") == 1 + len(s.log)
    assert s.saver is not None and s.saver.writes == 1 + len(s.log)
    assert json.loads(before)["actions"] == 0


def test_compaction_is_rare_so_a_long_game_saves_in_linear_time(tmp_path, monkeypatch):
    rewrites = []
    real = savewriter.write_atomic
    monkeypatch.setattr(
        savewriter, "write_atomic", lambda p, data: rewrites.append(len(data)) or real(p, data)
    )
    s, _clock, path = start(tmp_path)
    for _ in range(2 * COMPACT_AFTER + 10):
        s.apply(Pause())
        s.apply(Resume())
    n = len(s.log)
    # the first write, then each time the appended part outgrew the compacted part (at 257,
    # 515 and 1031 lines): O(log n) rewrites whose sizes add up to O(n)
    assert n > 1031 and len(rewrites) == 4
    assert sum(rewrites) < 3 * path.stat().st_size
    header = json.loads(path.read_text().splitlines()[0])
    assert 0 < header["actions"] < n
    r = Session.resume(path, s.scenario, clock=ManualClock())
    assert r.snapshot() == s.snapshot()


def test_the_end_of_the_game_compacts_the_save(tmp_path):
    sc = ransomware()
    path = tmp_path / "bot.jsonl"
    s = play_game(sc, "random", seed=3, save_path=str(path))
    header = json.loads(path.read_text().splitlines()[0])
    assert header["finished"] is True and header["actions"] == len(s.log)


@pytest.mark.parametrize("cut", [1, 7, 20, -2])
def test_a_torn_last_line_is_dropped_on_resume_and_every_earlier_action_kept(tmp_path, cut):
    s, clock, path = start(tmp_path)
    some_play(s, clock)
    s.apply(Pause())
    whole = path.read_bytes()
    last = whole[:-1].rsplit(b"\n", 1)[1]
    path.write_bytes(whole[: len(whole) - len(last) - 1 + (cut % len(last))])  # crash mid-line
    r = Session.resume(path, s.scenario, clock=ManualClock())
    assert [e.action for e in r.log] == [e.action for e in s.log[:-1]]
    assert r.torn_save_kept == len(r.log)
    # the resumed game rewrote its save: no torn line is left, and it keeps saving
    assert path.read_text().endswith("\n")
    r.apply(Pause())
    assert Session.resume(path, s.scenario, clock=ManualClock()).snapshot() == r.snapshot()


def test_a_torn_last_line_cut_inside_a_multibyte_character_is_dropped(tmp_path):
    s, clock, path = start(tmp_path)
    some_play(s, clock)
    path.write_bytes(
        path.read_bytes() + '{"at":13.0,"action":{"type":"add_inject","headline":"é'.encode()[:-1]
    )
    r = Session.resume(path, s.scenario, clock=ManualClock(), autosave=False)
    assert len(r.log) == len(s.log) and r.torn_save_kept is not None


def test_damage_before_the_last_line_is_still_an_error(tmp_path):
    s, clock, path = start(tmp_path)
    some_play(s, clock)
    lines = path.read_text().splitlines()
    lines[2] = lines[2][:15]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(SaveError, match="line 3 is not valid JSON"):
        Session.resume(path, s.scenario, clock=ManualClock())
    # a complete (newline-ended) last line that does not parse is damage, not a torn write
    path.write_text("\n".join([*lines[:2], lines[3], lines[4][:15]]) + "\n")
    with pytest.raises(SaveError, match="line 4 is not valid JSON"):
        Session.resume(path, s.scenario, clock=ManualClock())


def test_a_version_1_save_still_resumes_and_is_rewritten_as_version_2(tmp_path):
    path = tmp_path / "old.jsonl"
    shutil.copy(FIXTURES / "ransomware-v1.jsonl", path)
    assert json.loads(path.read_text().splitlines()[0])["version"] == 1
    sc = ransomware()
    clock = ManualClock(40)
    fresh = Session.new(sc, humans(sc), seed=5, clock=clock)
    some_play(fresh, clock)
    r = Session.resume(path, sc, clock=ManualClock())
    assert r.snapshot() == fresh.snapshot()
    header = json.loads(path.read_text().splitlines()[0])
    assert header["version"] == saves.SAVE_VERSION and header["actions"] == 5
    r.apply(EndTurn(CM))
    assert len(Session.resume(path, sc, clock=ManualClock()).log) == 6


def test_a_version_1_save_missing_a_line_is_still_refused(tmp_path):
    path = tmp_path / "old.jsonl"
    lines = (FIXTURES / "ransomware-v1.jsonl").read_text().splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n")
    with pytest.raises(SaveError, match=r"incomplete \(4 of 5 actions\)"):
        Session.resume(path, ransomware(), clock=ManualClock())


def test_the_status_of_an_appended_save_is_current(tmp_path):
    s, clock, path = start(tmp_path)
    some_play(s, clock)
    status = saves.read_save(path).status
    assert status["actions"] == len(s.log) and status["turn"] == s.turn_number


def test_a_background_writer_is_never_waited_for(tmp_path, monkeypatch):
    gate = threading.Event()
    entered = threading.Event()
    real = savewriter._append_synced

    def slow_disk(p, text):
        entered.set()
        assert gate.wait(10)
        real(p, text)

    monkeypatch.setattr(savewriter, "_append_synced", slow_disk)
    s, _clock, path = start(tmp_path, background_saves=True)
    assert s.flush_save()
    s.apply(Pause())
    assert entered.wait(10)  # the writer is stuck on the disk...
    s.apply(Resume())  # ...and actions go on without waiting for it
    s.apply(Pause())
    assert s.saver is not None and s.saver.pending
    gate.set()
    assert s.flush_save()
    assert Session.resume(path, s.scenario, clock=ManualClock()).snapshot() == s.snapshot()


def test_a_failing_background_save_is_reported_by_the_next_action_and_by_flush(
    tmp_path, monkeypatch
):
    s, _clock, path = start(tmp_path, background_saves=True)
    assert s.flush_save()

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(savewriter, "_append_synced", full)
    monkeypatch.setattr(savewriter, "write_atomic", full)
    s.apply(Pause())
    assert not s.flush_save()
    assert "No space left on device" in (s.autosave_error or "")
    events = s.apply(Resume())
    assert isinstance(events[-1], ev.AutosaveFailed)
    monkeypatch.undo()
    assert s.flush_save() and s.autosave_error is None
    assert len(Session.resume(path, s.scenario, clock=ManualClock()).log) == len(s.log)


def test_the_writer_on_its_own(tmp_path):
    w = SaveWriter(tmp_path / "log.jsonl")
    with pytest.raises(ValueError, match="before the first compact"):
        w.append(["x"])
    w.compact('{"h":1}', ["a"])
    w.append(["b", "c"])
    assert (tmp_path / "log.jsonl").read_text() == '{"h":1}\na\nb\nc\n'
    w.compact('{"h":2}', ["a", "b", "c"])
    assert (tmp_path / "log.jsonl").read_text() == '{"h":2}\na\nb\nc\n'
    assert w.flush() and w.error is None and not w.pending
