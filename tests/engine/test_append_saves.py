"""Saves version 2: appended line by line, compacted rarely, torn last lines dropped, the
writer thread never waited for, version 1 saves still resumed."""

from __future__ import annotations

import json
import shutil
import threading
import time
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
    real = savewriter._append

    def slow_disk(p, text, sync=False):
        entered.set()
        assert gate.wait(10)
        real(p, text, sync)

    monkeypatch.setattr(savewriter, "_append", slow_disk)
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

    def full(*args, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(savewriter, "_append", full)
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


def _count_syncs(monkeypatch) -> list[int]:
    syncs: list[int] = []
    real = savewriter._sync

    def counted(path):
        syncs.append(1)
        real(path)

    monkeypatch.setattr(savewriter, "_sync", counted)
    return syncs


def test_group_commit_writes_each_append_at_once_and_fsyncs_them_together(tmp_path, monkeypatch):
    syncs = _count_syncs(monkeypatch)
    path = tmp_path / "log.jsonl"
    w = SaveWriter(path, background=True, sync_after=60.0)
    w.compact('{"h":1}', [])
    assert w.flush()
    for n in range(20):
        w.append([f"line {n}"])
        # in the file when append returns (a crash of the program loses nothing)...
        assert path.read_text().splitlines()[-1] == f"line {n}"
    # ...and durable once the group is synced: not yet, 60 seconds were not waited
    assert w.pending and syncs == []
    assert w.flush(timeout=10)
    assert syncs == [1] and not w.pending and w.error is None
    assert path.read_text() == '{"h":1}\n' + "".join(f"line {n}\n" for n in range(20))


def test_group_commit_syncs_within_its_delay_and_at_once_when_asked(tmp_path, monkeypatch):
    syncs = _count_syncs(monkeypatch)
    w = SaveWriter(tmp_path / "log.jsonl", background=True, sync_after=0.05)
    w.compact('{"h":1}', [])
    assert w.flush()
    w.append(["a"])
    w.append(["b"])
    deadline = time.monotonic() + 10
    while w.pending and time.monotonic() < deadline:  # nobody waits: the worker syncs alone
        time.sleep(0.01)
    assert syncs == [1] and not w.pending
    slow = SaveWriter(tmp_path / "slow.jsonl", background=True, sync_after=3600.0)
    slow.compact('{"h":1}', [])
    assert slow.flush()
    slow.append(["c"])
    slow.sync()  # a pause: durable now, without waiting for it here
    deadline = time.monotonic() + 10
    while slow.pending and time.monotonic() < deadline:
        time.sleep(0.01)
    assert syncs == [1, 1] and not slow.pending


def test_a_failed_group_commit_write_is_reported_and_the_next_one_rewrites_the_file(
    tmp_path, monkeypatch
):
    path = tmp_path / "log.jsonl"
    w = SaveWriter(path, background=True, sync_after=60.0)
    w.compact('{"h":1}', ["a"])
    assert w.flush()

    def full(*args, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(savewriter, "_append", full)
    w.append(["b"])
    assert "No space left on device" in (w.error or "")
    monkeypatch.undo()
    w.append(["c"])  # retried: the whole file rewritten (the failed tail may be torn)
    assert w.flush() and w.error is None
    assert path.read_text() == '{"h":1}\na\nb\nc\n'


def test_the_table_autosave_makes_moves_durable_when_the_game_pauses(tmp_path, monkeypatch):
    from game.table.autosave import Autosave
    from tests.table.helpers import seated_table

    syncs = _count_syncs(monkeypatch)
    t, _clock = seated_table()
    assert Autosave(tmp_path / "w.jsonl").writer.sync_after is None  # window, terminal: no delay
    save = Autosave(tmp_path / "game.jsonl", group_commit=True)  # the network host's
    save.writer.sync_after = 3600.0  # only the pause can sync within this test
    save.attach(t)
    assert save.flush()
    t.say(t.roles[0], "no move: nothing to write")
    t.act("facilitator", Pause())
    deadline = time.monotonic() + 10
    while save.writer.pending and time.monotonic() < deadline:
        time.sleep(0.01)
    assert syncs == [1] and not save.writer.pending
    assert len(saves.read_save(save.path).entries) == len(t.session.log)
