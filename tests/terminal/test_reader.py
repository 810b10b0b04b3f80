"""The timed line readers: keys on a pseudo-terminal, lines on a pipe, timeouts and end of input."""

from __future__ import annotations

import io
import os
import sys
import time

import pytest
from rich.console import Console
from rich.text import Text

from game.terminal.reader import EOF, TIMEOUT, KeyReader, ThreadReader

posix_only = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")


def console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=80, force_terminal=False, color_system=None), out


def countdown(seconds: float):
    end = time.monotonic() + seconds

    def tick() -> tuple[Text, bool]:
        left = end - time.monotonic()
        return Text(f"[{max(0, left):.0f}s]"), left <= 0

    return tick


def raw_keys(fd: int) -> None:
    """Keys written from now on arrive as typed while the reader waits (cbreak, no signals):
    in canonical mode the line discipline would take Ctrl-D and Ctrl-C for itself."""
    import termios
    import tty

    tty.setcbreak(fd)
    attrs = termios.tcgetattr(fd)
    attrs[3] &= ~termios.ISIG
    termios.tcsetattr(fd, termios.TCSANOW, attrs)


@pytest.fixture
def pty():
    master, slave = os.openpty()
    yield master, slave
    os.close(master)
    os.close(slave)


@posix_only
def test_keys_make_a_line_with_editing_and_wide_characters(pty):
    master, slave = pty
    c, out = console()
    reader = KeyReader(c, fd=slave, interval=0.02)
    # typing, a backspace, an arrow key (ignored), Chinese text, Enter
    os.write(master, "answr\x7fer 2 \x1b[D王芳\r".encode())
    assert reader.read("evacuate ›", countdown(5)) == "answer 2 王芳"
    assert "evacuate › answer 2 王芳" in out.getvalue()


@posix_only
def test_keys_typed_ahead_are_kept_for_the_next_line(pty):
    master, slave = pty
    reader = KeyReader(console()[0], fd=slave, interval=0.02)
    os.write(master, b"one\rtwo\r")
    assert reader.read("›") == "one"
    assert reader.read("›") == "two"


@posix_only
def test_countdown_runs_out_while_waiting_for_keys(pty):
    _, slave = pty
    c, out = console()
    reader = KeyReader(c, fd=slave, interval=0.02)
    started = time.monotonic()
    assert reader.read("holding-line ›", countdown(0.3)) is TIMEOUT
    assert 0.25 <= time.monotonic() - started < 3
    assert "[0s] holding-line ›" in out.getvalue()


@posix_only
def test_ctrl_d_on_an_empty_line_is_the_end_of_input(pty):
    master, slave = pty
    reader = KeyReader(console()[0], fd=slave, interval=0.02)
    raw_keys(slave)
    os.write(master, b"\x04")
    assert reader.read("›") is EOF


@posix_only
def test_ctrl_c_interrupts_and_the_terminal_mode_is_restored(pty):
    import termios

    master, slave = pty
    raw_keys(slave)  # (a real terminal turns Ctrl-C into SIGINT: KeyboardInterrupt as well)
    before = termios.tcgetattr(slave)
    reader = KeyReader(console()[0], fd=slave, interval=0.02)
    os.write(master, b"ab\x03")
    with pytest.raises(KeyboardInterrupt):
        reader.read("›")
    assert termios.tcgetattr(slave) == before


def test_thread_reader_reads_lines_and_times_out():
    r, w = os.pipe()
    stream = os.fdopen(r, "r", encoding="utf-8")
    reader = ThreadReader(console()[0], stream, interval=0.02)
    os.write(w, "first 第一\n".encode())
    assert reader.read("›", countdown(5)) == "first 第一"
    assert reader.read("›", countdown(0.2)) is TIMEOUT
    os.write(w, b"late\n")
    assert reader.read("›") == "late"
    os.close(w)
    assert reader.read("›") is EOF


def test_no_terminal_means_the_thread_reader():
    from game.terminal.reader import make_reader

    assert isinstance(make_reader(console()[0], io.StringIO("x\n")), ThreadReader)
    assert sys.stdin is not None


def test_thread_reader_bounds_a_huge_line_and_goes_on():
    # A 3 MB line from a pipe is not kept whole: the head (one character over the limit, so
    # that parse_command refuses it) and then the next line.
    from game.terminal.commands import MAX_LINE, CommandError, parse_command

    stream = io.StringIO("send " + "x" * 3_000_000 + "\nend\n")
    reader = ThreadReader(console()[0], stream, interval=0.02)
    got = reader.read("›")
    assert isinstance(got, str) and len(got) == MAX_LINE + 1
    with pytest.raises(CommandError, match="longer than 8,192 characters"):
        parse_command(got)
    assert reader.read("›") == "end"
    assert reader.read("›") is EOF
