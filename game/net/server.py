"""The host's server: an asyncio ``websockets`` server over one :class:`~game.table.Table`.

It runs in the facilitator's process and owns the table (so the one session, its clock, the
autosave and the result).  Each connection is one seat.  The first message must be ``hello``
(within :data:`HELLO_TIMEOUT`); a wrong join code, a taken seat, another protocol version or
garbage gets a ``refused`` message naming the problem and the connection is closed.  After
that every message is validated (``protocol.parse``) and authorised by the table; a refused
message gets a ``refused`` reply and the connection and the game go on (a client that keeps
sending garbage is closed after :data:`MAX_STRIKES`).

Sending never waits inside the table: a message is written straight to the connection's
transport (``websockets.broadcast``, which does not wait for the socket to drain), and a client
whose unsent data passes :data:`WRITE_LIMIT` is disconnected rather than slowing the others or
filling the host's memory.  (A queue and a writer task per connection cost the host more CPU
than the game itself: several coroutine switches per message, seven messages per action.)
Updates are coalesced: every change marks the connections that must hear of it, and one flush
(scheduled on the loop) sends each of them its new events and its fresh view.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import math
import secrets
import ssl
from collections.abc import Callable
from typing import Any

from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from game.engine import actions as act
from game.engine.errors import ActionError
from game.i18n import _
from game.net.protocol import MAX_MESSAGE, PROTOCOL, ProtocolError, encode, json_fields, parse
from game.report.result import Result
from game.table import views
from game.table.table import FeedItem, Table, TableError
from game.table.views import FACILITATOR, OBSERVER, PROJECTOR

log = logging.getLogger("crisis_sim.net")

HELLO_TIMEOUT = 10.0
#: Refused messages a connection may send before it is closed.
MAX_STRIKES = 20
#: Seconds a wrong join code waits before its refusal (slows guessing).
WRONG_CODE_DELAY = 0.5
#: Bytes waiting to be sent to one slow client before it is disconnected (a client that stopped
#: reading would otherwise make the host keep every update for it).
WRITE_LIMIT = 4 << 20
#: The socket's own frame limit (the protocol refuses, and keeps, anything above MAX_MESSAGE).
FRAME_LIMIT = 1024 * 1024
#: Connections open at once (seats, observers, projectors and not yet introduced ones).
MAX_CONNECTIONS = 64
#: how late after a deadline the ticker wakes (a deadline is resolved once it has passed)
LATE = 0.005
#: Join codes: no 0/O, 1/I/L, so a code read aloud or off a projector is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(length))


_TASKS: set[asyncio.Task[Any]] = set()
_MISSING = object()


def _changes(last: dict[str, Any], now: dict[str, Any], texts: dict[int, str]) -> str:
    """The members of ``now`` that differ from ``last``, as JSON object members (``"k":v``
    joined by commas; empty when nothing changed).  Parts are compared with ``is`` first
    (unchanged ones are the same objects) and encoded once per flush (``texts``)."""
    out = []
    for k, v in now.items():
        was = last.get(k, _MISSING)
        if was is not v and was != v:
            text = texts.get(id(v))
            if text is None:
                # the clock's two numbers change in every update: no encoder call for them
                text = repr(v) if type(v) is float and math.isfinite(v) else encode(v)
                texts[id(v)] = text
            key = _KEYS.get(k)
            if key is None:
                key = _KEYS[k] = encode(k)
            out.append(f"{key}:{text}")
    return ",".join(out)


_KEYS: dict[str, str] = {}  # a view's keys (a fixed few) as JSON text


def _background(coro: Any) -> None:
    """Run ``coro`` without waiting for it, keeping a reference until it is done."""
    task = asyncio.ensure_future(coro)
    _TASKS.add(task)
    task.add_done_callback(_TASKS.discard)


class _Conn:
    def __init__(self, ws: ServerConnection, seat: str) -> None:
        self.ws = ws
        self.seat = seat
        #: feed items (already JSON text) not yet sent to this connection
        self.events: list[str] = []
        self.dirty = False
        self.closed = False
        #: the two halves of the last view sent (``Table.view_parts``), to send only what
        #: changed: the part common to every seat, and this seat's own
        self.common: dict[str, Any] = {}
        self.own: dict[str, Any] = {}

    def send(self, message: dict[str, Any] | str | bytes) -> None:
        """Write a message (a dict, or its JSON text already made, as text or UTF-8 bytes)
        without waiting."""
        if self.closed:
            return
        transport = self.ws.transport
        if transport is not None and transport.get_write_buffer_size() > WRITE_LIMIT:
            self.closed = True
            log.warning("%s: too slow to keep up; disconnected", self.seat)
            _background(self.ws.close(1013, "too slow to keep up"))
            return
        text = message if isinstance(message, str | bytes) else encode(message)
        try:
            broadcast((self.ws,), text, text=True, raise_exceptions=True)
        except Exception:  # closing or closed: its handler drops the connection
            self.closed = True


class Host:
    """Serves one table.  ``code`` admits players, the observer and the projector;
    ``facilitator_key`` admits the facilitator (the host's own console)."""

    def __init__(
        self,
        table: Table,
        *,
        code: str,
        facilitator_key: str,
        on_finish: Callable[[Result], str | None] | None = None,
        tick: float = 1.0,
    ) -> None:
        self.table = table
        self.code = code
        self.facilitator_key = facilitator_key
        #: this host process's name for its event numbers: a client's ``since`` counts only
        #: when it was numbered here (a host resumed after a stop numbers its events anew)
        self.epoch = secrets.token_hex(6)
        self.on_finish = on_finish
        self.tick_seconds = tick
        self.conns: set[_Conn] = set()
        self.by_role: dict[str, _Conn] = {}
        self.facilitator: _Conn | None = None
        self.result: Result | None = None
        self.record_message: str | None = None
        self.port: int | None = None
        self._flush_handle: asyncio.Handle | None = None
        self._tick_handle: asyncio.TimerHandle | None = None  # the table's next tick
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._open = 0
        table.subscribe(self._on_items)

    # --- running --------------------------------------------------------------------------

    async def run(
        self,
        host: str = "127.0.0.1",
        port: int = 8765,
        *,
        tls: ssl.SSLContext | None = None,
        ready: Callable[[int], None] | None = None,
    ) -> None:
        """Serve until :meth:`stop` (or the task is cancelled)."""
        self._stop = asyncio.Event()
        async with serve(
            self._handler,
            host,
            port,
            ssl=tls,
            max_size=FRAME_LIMIT,
            max_queue=32,
            compression=None,
            ping_interval=15,
            ping_timeout=30,
            open_timeout=HELLO_TIMEOUT,
            server_header=None,
        ) as server:
            self.port = next(iter(server.sockets)).getsockname()[1]
            if ready is not None:
                ready(self.port)
            self._loop = asyncio.get_running_loop()
            self._schedule_tick()
            try:
                await self._stop.wait()
            finally:
                if self._tick_handle is not None:
                    self._tick_handle.cancel()
                self._loop = None
                for c in list(self.conns):
                    c.send({"type": "bye", "message": _("the host closed the exercise")})
                await asyncio.sleep(0.05)

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()

    def _schedule_tick(self) -> None:
        """Tick the table when its next deadline or bot move is due, else in ``tick_seconds``
        (the autosave's health check).  Called after every flush (an action can open a decision
        with a new deadline) and after every tick.

        One timer, moved only when the next tick must come sooner: ticking 10 times a second
        whatever happens cost each idle game more CPU than its players' actions, and waking a
        ticker task after every action cost more than the tick."""
        loop = self._loop
        if loop is None:
            return
        wait = self.tick_seconds
        s = self.table.session
        due = self.table.next_due()
        if due is not None and s is not None:
            speed = getattr(self.table.clock, "speed", 1.0) or 1.0
            wait = min(max((due - s.now()) / speed, 0.0) + LATE, self.tick_seconds)
        when = loop.time() + wait
        handle = self._tick_handle
        if handle is not None:
            if handle.when() <= when:
                return  # already due sooner (a tick looks again at what is due)
            handle.cancel()
        self._tick_handle = loop.call_at(when, self._tick)

    def _tick(self) -> None:
        self._tick_handle = None
        try:
            self.table.tick()
        except Exception:  # never let one bad tick stop the exercise
            log.exception("table tick failed")
        self._schedule_tick()

    # --- broadcasting ---------------------------------------------------------------------

    def _on_items(self, table: Table, items: list[FeedItem]) -> None:
        # each item is encoded once, whoever receives it
        texts = [(i.audience, encode({"seq": i.seq, **i.data})) for i in items]
        for c in self.conns:
            c.events.extend(text for audience, text in texts if views.sees(c.seat, audience))
            c.dirty = True
        if self._flush_handle is None:
            with contextlib.suppress(RuntimeError):  # no running loop (tests driving the table)
                self._flush_handle = asyncio.get_running_loop().call_soon(self._flush)

    def _flush(self) -> None:
        """Send each changed connection an ``update``: its new events and the parts of its view
        that changed.  The message is put together from JSON text: the changes of the part
        common to every seat (the board, the seats' status) are found and encoded once, not
        once per seat; a seat's own parts are compared only when they are new objects (they
        are kept while nothing they show changed); seats given the same message share its
        bytes."""
        self._flush_handle = None
        dirty = [c for c in self.conns if c.dirty]
        if dirty:
            seq = self.table.seq
            common, own = self.table.view_parts({c.seat for c in dirty})
            texts: dict[int, str] = {}  # id of a part (alive during this flush) -> its JSON
            diffs: dict[int, str] = {}  # id of a common half last sent -> its changes (JSON)
            messages: dict[str, list[_Conn]] = {}
            for c in dirty:
                c.dirty = False
                events, c.events = c.events, []
                body = diffs.get(id(c.common))
                if body is None:
                    body = diffs[id(c.common)] = _changes(c.common, common, texts)
                c.common = common
                mine = own[c.seat]
                if mine is not c.own:
                    body = ",".join(x for x in (body, _changes(c.own, mine, texts)) if x)
                    c.own = mine
                text = (
                    f'{{"type":"update","seq":{seq},"events":[{",".join(events)}],'
                    f'"changes":{{{body}}}}}'
                )
                messages.setdefault(text, []).append(c)
            for text, conns in messages.items():
                data = text.encode()
                for c in conns:
                    c.send(data)
        self._schedule_tick()
        s = self.table.session
        if s is not None and s.finished and self.result is None:
            self._finish()

    def _finish(self) -> None:
        self.result = self.table.result()
        if self.on_finish is not None:
            try:
                self.record_message = self.on_finish(self.result)
            except Exception:
                log.exception("recording the result failed")
                self.record_message = _("The result could not be recorded (see the host's log).")
        message = self._result_message()
        for c in self.conns:
            c.send(message)

    def _result_message(self) -> dict[str, Any]:
        assert self.result is not None
        return {"type": "result", "result": self.result.to_dict(), "record": self.record_message}

    # --- one connection -------------------------------------------------------------------

    async def _handler(self, ws: ServerConnection) -> None:
        if self._open >= MAX_CONNECTIONS:
            await ws.close(1013, "too many connections")
            return
        self._open += 1
        try:
            await self._connection(ws)
        finally:
            self._open -= 1

    async def _connection(self, ws: ServerConnection) -> None:
        try:
            raw = await asyncio.wait_for(ws.recv(), HELLO_TIMEOUT)
        except (TimeoutError, ConnectionClosed):
            return
        try:
            hello = parse(raw)
            if hello["type"] != "hello":
                raise ProtocolError('the first message must be "hello"')
            conn, token = await self._admit(ws, hello)
        except (ProtocolError, TableError) as e:
            with contextlib.suppress(ConnectionClosed):
                await ws.send(encode({"type": "refused", "fatal": True, "message": str(e)}))
                await ws.close(1008, "refused")
            return
        since = hello.get("since", 0) if hello.get("epoch") == self.epoch else 0
        common, own = self.table.view_parts([conn.seat])
        conn.common, conn.own = common, own[conn.seat]
        conn.send(
            {
                "type": "welcome",
                "protocol": PROTOCOL,
                "seat": conn.seat,
                "token": token,
                "seq": self.table.seq,
                "epoch": self.epoch,
                "view": {**conn.common, **conn.own},
                "events": self.table.since(conn.seat, since if since >= 0 else 0),
            }
        )
        if self.result is not None:
            conn.send(self._result_message())
        try:
            await self._serve(conn)
        finally:
            self._drop(conn)

    async def _admit(self, ws: ServerConnection, hello: dict[str, Any]) -> tuple[_Conn, str | None]:
        if hello["protocol"] != PROTOCOL:
            raise ProtocolError(
                f"this host speaks protocol {PROTOCOL} and your client {hello['protocol']}: "
                "use the same version of Crisis Tabletop on every machine"
            )
        seat = hello.get("seat")
        token = hello.get("token")
        t = self.table
        if seat == FACILITATOR:
            if not isinstance(token, str) or not hmac.compare_digest(
                token.encode(), self.facilitator_key.encode()
            ):
                await asyncio.sleep(WRONG_CODE_DELAY)
                raise TableError("wrong facilitator key")
            if self.facilitator is not None and not self.facilitator.closed:
                raise TableError("the facilitator seat is taken by another connection")
            conn = _Conn(ws, FACILITATOR)
            self.facilitator = conn
            t.staff_join(FACILITATOR, hello.get("name") or _("Facilitator"))
            self.conns.add(conn)
            return conn, token
        code = hello.get("code")
        if not isinstance(code, str) or not hmac.compare_digest(
            code.strip().upper().encode(), self.code.encode()
        ):
            await asyncio.sleep(WRONG_CODE_DELAY)
            raise TableError("wrong join code: ask the facilitator for the code of this exercise")
        if seat in (OBSERVER, PROJECTOR):
            if seat == OBSERVER:
                t.staff_join(OBSERVER, hello.get("name") or _("Evaluator"))
            conn = _Conn(ws, seat)
            self.conns.add(conn)
            return conn, None
        if token is not None:
            role = seat or next((r for r, st in t.seats.items() if st.token == token), None)
            if role is None:
                raise TableError("that seat token is not valid at this table")
            t.reclaim(role, token)
            old = self.by_role.get(role)
            if old is not None:  # the same player is back before their old socket timed out
                self._drop(old, leave=False)
                _background(old.ws.close(1000, "replaced by a new connection"))
        else:
            if seat is not None and seat not in t.seats:
                t.seat_kind(seat)  # raises: no such seat
            role, token = t.claim(seat, hello.get("name") or _("Player"))
        conn = _Conn(ws, role)
        self.by_role[role] = conn
        self.conns.add(conn)
        return conn, token

    def _drop(self, conn: _Conn, *, leave: bool = True) -> None:
        if conn not in self.conns:
            return
        self.conns.discard(conn)
        conn.closed = True
        if self.facilitator is conn:
            self.facilitator = None
        if self.by_role.get(conn.seat) is conn:
            del self.by_role[conn.seat]
            if leave:
                self.table.leave(conn.seat)

    async def _serve(self, conn: _Conn) -> None:
        strikes = 0
        try:
            async for raw in conn.ws:
                try:
                    self._dispatch(conn, parse(raw))
                except ProtocolError as e:
                    strikes += 1
                    conn.send({"type": "refused", "message": str(e)})
                    if strikes >= MAX_STRIKES:
                        conn.send(
                            {
                                "type": "refused",
                                "fatal": True,
                                "message": _("too many bad messages"),
                            }
                        )
                        await asyncio.sleep(0.05)
                        await conn.ws.close(1008, "too many bad messages")
                        return
                except ActionError as e:  # worded again by the client, in its own language
                    conn.send(
                        {
                            "type": "refused",
                            "message": str(e),
                            "code": e.code,
                            "fields": json_fields(e.fields),
                        }
                    )
                except TableError as e:
                    conn.send({"type": "refused", "message": str(e)})
                except Exception:  # a bug must not take the exercise down with it
                    log.exception("message from %s failed", conn.seat)
                    conn.send({"type": "refused", "message": _("the host could not do that")})
        except ConnectionClosed:
            return

    def _dispatch(self, conn: _Conn, msg: dict[str, Any]) -> None:
        t, seat, kind = self.table, conn.seat, msg["type"]
        if kind == "ping":
            conn.send({"type": "pong", "seq": t.seq})
        elif kind == "hello":
            raise ProtocolError("already introduced: hello is the first message only")
        elif kind == "action":
            t.act(seat, act.from_json(msg["action"]))
        elif kind == "chat":
            t.say(seat, msg["text"], msg.get("to"))
        elif kind == "note":
            t.note(seat, msg.get("text"), objective=msg.get("objective"), rating=msg.get("rating"))
        elif kind == "control":
            self._control(seat, msg)

    def _control(self, seat: str, msg: dict[str, Any]) -> None:
        t, command = self.table, msg["command"]
        role, policy = msg.get("role"), msg.get("policy")
        if command == "start":
            t.start(seat, fill=policy)
        elif command == "end":
            t.end_game(seat)
        elif command == "release":
            t.release(seat, msg.get("inject") or "")
        elif role is None:
            raise ProtocolError(f'"{command}" needs a role')
        elif command == "take_over":
            t.take_over(seat, role)
        elif command == "hand_back":
            t.hand_back(seat, role)
        elif command == "when_empty":
            t.when_empty(seat, role, policy or "wait")


__all__ = ["MAX_MESSAGE", "Host", "new_code"]
