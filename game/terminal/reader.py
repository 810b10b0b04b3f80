"""Reading a line from a person while a countdown keeps ticking.

``input()`` blocks until Enter, so a timeout could never fire and the countdown could not move.
On a POSIX terminal :class:`KeyReader` puts the terminal in cbreak mode and waits for keys with
``select()``; the line being typed and the countdown live on one line drawn by rich's ``Live``
(no hand-written escape codes).  Everywhere else (Windows consoles, pipes) :class:`ThreadReader`
reads whole lines on a helper thread and the main thread waits on a queue with a timeout; it
shows the time left when the prompt appears and says when it has run out.

Both return :data:`TIMEOUT` when ``tick()`` says time is up, :data:`EOF` when input is closed.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from typing import IO, Final

from rich.console import Console
from rich.live import Live

from game.terminal.commands import MAX_LINE
from game.terminal.safetext import Text

TIMEOUT: Final = object()
EOF: Final = object()

#: Called about every ``interval`` seconds while waiting: returns the status text to show in
#: front of the input (e.g. ``[ 42s] first-containment``) and whether time is up.
Tick = Callable[[], tuple[Text, bool]]


class LineReader:
    """Interface of both readers: ``read(prompt, tick)`` → line, :data:`TIMEOUT` or :data:`EOF`."""

    def read(self, prompt: str, tick: Tick | None = None) -> object:  # pragma: no cover
        raise NotImplementedError

    def close(self) -> None:
        """Give the terminal back as it was."""


class ThreadReader(LineReader):
    """Whole lines from a stream on a daemon thread; the countdown is reprinted each tick."""

    def __init__(self, console: Console, stream: IO[str] | None = None, interval: float = 1.0):
        self.console = console
        self.stream = stream or sys.stdin
        self.interval = interval
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def _pump(self) -> None:
        while True:
            try:
                line = self.stream.readline(MAX_LINE + 1)
                if len(line) > MAX_LINE and not line.endswith("\n"):
                    # Too long to be a command: skip the rest of it in bounded pieces; the
                    # kept head (one character over the limit) is refused by parse_command.
                    rest = line
                    while rest and not rest.endswith("\n"):
                        rest = self.stream.readline(MAX_LINE)
            except (OSError, ValueError):
                line = ""
            if not line:
                self.lines.put(None)
                return
            self.lines.put(line.rstrip("\r\n"))

    def read(self, prompt: str, tick: Tick | None = None) -> object:
        if self._thread is None:
            self._thread = threading.Thread(target=self._pump, daemon=True)
            self._thread.start()
        if tick is None:
            self.console.print(Text(prompt + " "), end="")
            line = self.lines.get()
            return EOF if line is None else line
        # no cursor control here: show the time left once, then only say when it runs out
        status, done = tick()
        self.console.print(Text.assemble(status, " ", prompt + " "), end="")
        while True:
            try:
                line = self.lines.get(timeout=self.interval)
            except queue.Empty:
                status, done = tick()
                if done:
                    self.console.print()
                    return TIMEOUT
                continue
            return EOF if line is None else line


class KeyReader(LineReader):
    """Keys from a POSIX terminal in cbreak mode; typing and the countdown share one line.

    Handles printable text (any language; wide characters are measured by rich), Backspace,
    Ctrl-U (clear), Enter, Ctrl-D on an empty line (end of input) and Ctrl-C (raises
    ``KeyboardInterrupt``).  Other control keys and escape sequences (arrows) are ignored.
    """

    def __init__(self, console: Console, fd: int | None = None, interval: float = 0.25):
        import termios  # noqa: F401  (POSIX only: fail here, not mid-game)

        self.console = console
        self.fd = sys.stdin.fileno() if fd is None else fd
        self.interval = interval
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""

    @contextlib.contextmanager
    def _cbreak(self) -> Iterator[None]:
        import termios
        import tty

        saved = termios.tcgetattr(self.fd)
        try:
            tty.setcbreak(self.fd, termios.TCSANOW)
            yield
        finally:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, saved)

    def _keys(self, timeout: float) -> str | None:
        """Text typed within ``timeout`` seconds ("" if none), None at end of input."""
        import select

        if self._pending:
            text, self._pending = self._pending, ""
            return text
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return ""
        data = os.read(self.fd, 1024)
        if not data:
            return None
        return self._decoder.decode(data)

    def read(self, prompt: str, tick: Tick | None = None) -> object:
        buffer: list[str] = []
        escape = False

        def line() -> Text:
            status = tick()[0] if tick is not None else Text()
            body = Text.assemble(status, " " if status else "", (prompt + " ", "bold"))
            body.append("".join(buffer))
            body.append("▏", style="blink")
            return body

        with (
            self._cbreak(),
            Live(line(), console=self.console, auto_refresh=False, transient=True) as live,
        ):
            while True:
                if tick is not None and tick()[1]:
                    live.update(line(), refresh=True)
                    result: object = TIMEOUT
                    break
                keys = self._keys(self.interval)
                if keys is None:
                    result = EOF
                    break
                done: object = None
                for i, ch in enumerate(keys):
                    if escape:
                        # skip an escape sequence: ESC [ ... final byte, or ESC x
                        if ch.isalpha() or ch == "~":
                            escape = False
                        continue
                    if ch == "\x1b":
                        escape = True
                    elif ch in "\r\n":
                        self._pending = keys[i + 1 :]
                        done = "".join(buffer)
                        break
                    elif ch in "\x7f\b":
                        if buffer:
                            buffer.pop()
                    elif ch == "\x15":
                        buffer.clear()
                    elif ch == "\x04":
                        if not buffer:
                            done = EOF
                            break
                    elif ch == "\x03":
                        raise KeyboardInterrupt
                    elif ch.isprintable() and len(buffer) < MAX_LINE:
                        buffer.append(ch)
                live.update(line(), refresh=True)
                if done is not None:
                    result = done
                    break
        if result is TIMEOUT:
            self.console.print(line())
        elif result is not EOF:
            status = tick()[0] if tick is not None else Text()
            text = Text.assemble(status, " " if status else "", (prompt + " ", "bold"), str(result))
            self.console.print(text)
        return result


def make_reader(console: Console, stdin: IO[str] | None = None) -> LineReader:
    """The best reader for this terminal: :class:`KeyReader` on a POSIX tty, else threads."""
    stream = stdin or sys.stdin
    if os.name == "posix" and stream.isatty():
        try:
            return KeyReader(console, stream.fileno())
        except (ImportError, OSError, ValueError):
            pass
    return ThreadReader(console, stream)
