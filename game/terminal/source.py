"""Where the terminal's input lines come from: a person at a terminal, or a script.

Both sources hand out :class:`Line` values (the text and, for scripts, its line number) so the
game loop treats them the same; only the script source can look ahead (``peek``), which the
loop uses to let a script choose whose seat comes next with ``as ROLE``.
"""

from __future__ import annotations

import codecs
from typing import IO

import attrs

from game.i18n import _
from game.terminal.commands import MAX_LINE, CommandError, Parsed, parse_command
from game.terminal.reader import EOF, TIMEOUT, LineReader, Tick


@attrs.frozen
class Line:
    text: str
    number: int | None = None  # 1-based line number in a script

    def where(self) -> str:
        if self.number is None:
            return _("input")
        return _("line {n}").format(n=self.number)


class ScriptError(Exception):
    """A script line that cannot be played: the game stops with its line number."""

    def __init__(self, line: Line | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message

    def format(self) -> str:
        if self.line is None:
            return _("script: error: {message}").format(message=self.message)
        return (
            _("script line {n}: error: {message}").format(n=self.line.number, message=self.message)
            + f"\n  {self.line.number} | {self.line.text.rstrip()}"
        )


class Source:
    """A stream of input lines."""

    scripted: bool = False

    def read(self, prompt: str, tick: Tick | None = None) -> Line | object:
        """The next line, or :data:`TIMEOUT` / :data:`EOF` from ``game.terminal.reader``."""
        raise NotImplementedError  # pragma: no cover

    def close(self) -> None:
        pass


class TerminalSource(Source):
    """A person typing; the countdown runs while they type."""

    def __init__(self, reader: LineReader) -> None:
        self.reader = reader

    def read(self, prompt: str, tick: Tick | None = None) -> Line | object:
        got = self.reader.read(prompt, tick)
        if got is TIMEOUT or got is EOF:
            return got
        return Line(str(got))

    def close(self) -> None:
        self.reader.close()


class ScriptSource(Source):
    """Commands read line by line from a stream; blank and comment lines are skipped.

    Lines are parsed when read, so a bad line stops the game at that line, with its number,
    before anything after it happens.  Time never passes while reading: it moves only with
    ``wait``, ``@`` and ``after`` (see ``docs/terminal.md``).
    """

    scripted = True

    def __init__(self, stream: IO[str]) -> None:
        # read bytes where we can so that a line that is not UTF-8 is reported with its number
        self.stream: IO[str] | IO[bytes] = getattr(stream, "buffer", stream)
        self.number = 0
        self._peeked: tuple[Line, Parsed] | None = None
        self.last: Line | None = None

    def _next(self) -> tuple[Line, Parsed] | None:
        while True:
            data = self.stream.readline(MAX_LINE + 1)  # bounded: a 50 MB line is not read whole
            if not data:
                return None
            self.number += 1
            if len(data) > MAX_LINE and data[-1:] not in (b"\n", "\n"):
                head = data[:60]
                shown = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
                raise ScriptError(
                    Line(shown + "…", self.number),
                    (
                        _("the line is longer than {n} bytes")
                        if isinstance(data, bytes)
                        else _("the line is longer than {n} characters")
                    ).format(n=f"{MAX_LINE:,}"),
                )
            if isinstance(data, bytes):
                if self.number == 1 and data.startswith(codecs.BOM_UTF8):
                    data = data[len(codecs.BOM_UTF8) :]
                try:
                    raw = data.decode("utf-8")
                except UnicodeDecodeError:
                    text = data.decode("utf-8", errors="replace")
                    raise ScriptError(
                        Line(text.rstrip("\r\n"), self.number), _("the script is not UTF-8 text")
                    ) from None
            else:
                raw = data
            line = Line(raw.rstrip("\r\n"), self.number)
            try:
                parsed = parse_command(line.text)
            except CommandError as e:
                raise ScriptError(line, str(e)) from None
            if parsed is not None:
                return line, parsed

    def peek(self) -> tuple[Line, Parsed] | None:
        """The next command without consuming it (None at the end of the script)."""
        if self._peeked is None:
            self._peeked = self._next()
        return self._peeked

    def take(self) -> tuple[Line, Parsed] | None:
        """The next command, consumed."""
        got = self.peek()
        self._peeked = None
        if got is not None:
            self.last = got[0]
        return got

    def read(self, prompt: str, tick: Tick | None = None) -> Line | object:
        got = self.take()
        return EOF if got is None else got[0]
