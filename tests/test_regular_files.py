"""Files from outside are opened only when they are regular files, and never block (#13).

A FIFO blocks ``open()`` until someone writes to it; a device can stream forever.  Checking the
path and opening it afterwards leaves time to swap the file, so the check is made on the open
descriptor.  Each case runs in a thread with a deadline: a regression hangs no test run.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from game.files import NotRegularFile, UnreadableFile, open_regular, read_text_limited
from game.scenario import load_scenario
from game.ui.app import finished_header
from game.ui.settings import Settings, load_settings

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


def _within(seconds: float, work: Callable[[], object]) -> object:
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked on a FIFO"
    return out[0] if out else None


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_open_regular_refuses_a_fifo_and_a_folder(fifo: Path, tmp_path: Path) -> None:
    def attempt() -> str:
        try:
            open_regular(fifo)
        except NotRegularFile as exc:
            return str(exc)
        return "opened"

    assert "not a regular file" in str(_within(5, attempt))
    with pytest.raises(IsADirectoryError):
        open_regular(tmp_path)
    (tmp_path / "plain").write_bytes(b"ok")
    with open_regular(tmp_path / "plain") as fh:
        assert fh.read() == b"ok"


def test_bounded_readers_refuse_a_fifo_without_blocking(fifo: Path) -> None:
    def saved_game() -> str:
        try:
            read_text_limited(fifo, max_bytes=100, what="saved game")
        except UnreadableFile as exc:
            return str(exc)
        return "read"

    assert _within(5, saved_game) == f"{fifo} is not a regular file, so not a saved game"
    result = _within(5, lambda: load_scenario(fifo))
    assert [d.message for d in result.diagnostics] == ["is not a regular file"]


def test_the_window_passes_over_a_fifo_save_and_settings(fifo: Path, tmp_path: Path) -> None:
    save = tmp_path / "tutorial.autosave.jsonl"
    os.mkfifo(save)
    assert _within(5, lambda: finished_header(save)) is False
    assert _within(5, lambda: load_settings(fifo)) == Settings()


def test_huge_settings_file_is_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"volume": 10, "pad": "' + "x" * 200_000 + '"}')
    assert load_settings(path) == Settings()
