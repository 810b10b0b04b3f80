"""A seat's connection to the host, for the window and the terminal: a background thread and
a queue, so the frame loop (or the prompt loop) never waits on the socket.

The thread connects (``websockets``' threaded client), introduces the seat with ``hello`` and
puts every message it receives on :attr:`Client.inbox`.  :meth:`Client.send` may be called
from any thread.  When the connection drops the thread reconnects with the seat token and the
number of the last event it saw, so the host sends the full view plus everything since; the
front-end sees ``{"type": "connection", "state": "reconnecting" | "connected" | "closed"}``
messages in the same queue.  A ``refused`` message with ``fatal`` ends the connection for good
(wrong code, seat taken, other protocol version): reconnecting would be refused again.
The host's ``update`` messages carry only the parts of the view that changed (``changes``); the
client merges them, so every ``update`` in the queue holds the whole ``view``.
"""

from __future__ import annotations

import contextlib
import json
import queue
import socket
import ssl
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import ClientConnection, connect

from game.engine.errors import ACTION_MESSAGES, action_message
from game.i18n import _
from game.net.protocol import MAX_DOWN, PROTOCOL, encode

#: Reconnection attempts after a drop, and the longest wait between two.
RETRIES = 30
#: Attempts of the very first connection: a wrong address or a host not started yet is said
#: within a few seconds, not after the two minutes a dropped connection is retried for.
FIRST_TRIES = 4
MAX_BACKOFF = 5.0


def address(text: str, *, tls: bool = False) -> str:
    """``ws://host:port`` from what a person types: ``host:port``, ``host`` or a full URL.
    Raises ``ValueError`` (a sentence for the person) when it cannot be an address."""
    text = text.strip()
    url = text
    if not text.startswith(("ws://", "wss://")):
        if ":" not in text.rsplit("]", 1)[-1]:
            text += ":8765"
        url = ("wss://" if tls else "ws://") + text
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
        if not parts.hostname:
            raise ValueError
    except ValueError:
        raise ValueError(
            _(
                "{address!r} is not the address of a host (expected HOST:PORT, e.g. {example})"
            ).format(address=text, example="192.168.1.20:8765")
        ) from None
    return url


def reword(msg: dict[str, Any]) -> None:
    """A refused action in this player's language: the host sends the refusal's code and
    fields beside its own wording (in the host's language), and the engine's wording of the
    code is used here when it knows it (it never raises, whatever the fields hold)."""
    code, fields = msg.get("code"), msg.get("fields")
    if isinstance(code, str) and code in ACTION_MESSAGES and isinstance(fields, dict):
        msg["message"] = action_message(code, fields)


class Client:
    def __init__(
        self,
        url: str,
        *,
        seat: str | None = None,
        name: str | None = None,
        code: str | None = None,
        token: str | None = None,
        tls: ssl.SSLContext | None = None,
        reconnect: bool = True,
        open_timeout: float = 5.0,
    ) -> None:
        self.url = url
        self.seat = seat
        self.name = name
        self.code = code
        self.token = token
        self.tls = tls
        self.reconnect = reconnect
        self.open_timeout = open_timeout
        #: every message from the host, plus ``connection`` state messages, in order
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        #: the number of the last event received (sent back on reconnect)
        self.seq = 0
        #: the host's name for its event numbers (``seq`` counts only with it)
        self.epoch: str | None = None
        self.welcomed = threading.Event()
        self._view: dict[str, Any] = {}
        self._ws: ClientConnection | None = None
        self._closing = False
        self._fatal = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="crisis-sim-client", daemon=True)

    def start(self) -> Client:
        self._thread.start()
        return self

    def send(self, message: dict[str, Any]) -> bool:
        """Send now; False when not connected (the front-end says so and may retry)."""
        with self._lock:
            ws = self._ws
        if ws is None:
            return False
        try:
            ws.send(encode(message))
        except (ConnectionClosed, OSError, RuntimeError):
            return False
        return True

    def send_raw(self, text: str | bytes) -> bool:
        """Send unvalidated text (tests of the host's refusals use it)."""
        with self._lock:
            ws = self._ws
        if ws is None:
            return False
        try:
            ws.send(text)
        except (ConnectionClosed, OSError, RuntimeError):
            return False
        return True

    def close(self) -> None:
        self._closing = True
        with self._lock:
            ws = self._ws
        if ws is not None:
            ws.close()
        self._thread.join(timeout=5)

    def drop(self) -> None:
        """Cut the connection as a network failure would (the thread then reconnects)."""
        with self._lock:
            ws = self._ws
        if ws is not None:
            with contextlib.suppress(OSError):
                ws.socket.shutdown(socket.SHUT_RDWR)
            ws.socket.close()

    # --- the thread -----------------------------------------------------------------------

    def _hello(self) -> dict[str, Any]:
        hello: dict[str, Any] = {"type": "hello", "protocol": PROTOCOL, "since": self.seq}
        for key in ("seat", "name", "code", "token", "epoch"):
            value = getattr(self, key)
            if value is not None:
                hello[key] = value
        return hello

    def _run(self) -> None:
        tries = 0
        while not self._closing and not self._fatal:
            try:
                ws = connect(
                    self.url,
                    ssl=self.tls,
                    open_timeout=self.open_timeout,
                    max_size=MAX_DOWN,
                    compression=None,
                    proxy=None,
                    ping_interval=15,
                    ping_timeout=30,
                    close_timeout=1,
                )
            except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as e:
                tries += 1
                first = not self.welcomed.is_set()  # never connected: the address may be wrong
                if (
                    isinstance(e, InvalidURI)
                    or not self.reconnect
                    or tries > (FIRST_TRIES if first else RETRIES)
                    or (first and isinstance(e, socket.gaierror))  # no such host name
                ):
                    self._state(
                        "closed",
                        _(
                            "cannot reach the host at {url}: {error} (check the address and "
                            "that the host is running)"
                        ).format(url=self.url, error=e),
                    )
                    return
                self._state(
                    "reconnecting",
                    _("cannot reach the host ({error}); trying again").format(error=e),
                )
                time.sleep(min(MAX_BACKOFF, 0.2 * 2**tries))
                continue
            with ws:
                with self._lock:
                    self._ws = ws
                try:
                    ws.send(encode(self._hello()))
                    self._receive(ws)
                    tries = 0
                except (ConnectionClosed, OSError):
                    pass
                finally:
                    with self._lock:
                        self._ws = None
            if self._closing or self._fatal or not self.reconnect:
                break
            tries += 1
            if tries > RETRIES:
                break
            self._state("reconnecting", _("the connection to the host dropped; reconnecting"))
            time.sleep(min(MAX_BACKOFF, 0.1 * 2**tries))
        self._state("closed", _("disconnected"))

    def _receive(self, ws: ClientConnection) -> None:
        for raw in ws:
            try:
                msg = json.loads(raw)
            except ValueError:
                continue
            if not isinstance(msg, dict):
                continue
            kind = msg.get("type")
            if kind == "update":  # the host sends what changed: give the front-end the whole
                view = dict(self._view)
                changes = msg.pop("changes", None)
                if isinstance(changes, dict):
                    view.update(changes)
                self._view = msg["view"] = view
            elif kind == "welcome" and isinstance(msg.get("view"), dict):
                self._view = msg["view"]
            if kind == "welcome":
                epoch = msg.get("epoch")
                if epoch != self.epoch:  # a new host process (resumed): its numbers start anew
                    self.epoch = epoch if isinstance(epoch, str) else None
                    self.seq = 0
                self.token = msg.get("token") or self.token
                self.seat = msg.get("seat") or self.seat
                self.welcomed.set()
                self._state("connected", "")
            elif kind == "refused":
                self._fatal = self._fatal or bool(msg.get("fatal"))
                reword(msg)
            elif kind == "bye":
                self._closing = True
            seq = msg.get("seq")
            if isinstance(seq, int) and kind in ("welcome", "update"):
                self.seq = max(self.seq, seq)
            self.inbox.put(msg)

    def _state(self, state: str, message: str) -> None:
        self.inbox.put({"type": "connection", "state": state, "message": message})
