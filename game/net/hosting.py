"""Running a :class:`~game.net.server.Host` on its own thread and event loop, so the host's
console (or a test) keeps the main thread."""

from __future__ import annotations

import asyncio
import ssl
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from game.net.server import Host

T = TypeVar("T")


class HostThread:
    def __init__(
        self,
        host: Host,
        bind: str = "127.0.0.1",
        port: int = 8765,
        *,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.host = host
        self.bind = bind
        self.port = port
        self.tls = tls
        self.loop: asyncio.AbstractEventLoop | None = None
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._main, name="crisis-sim-host", daemon=True)

    def start(self, timeout: float = 10.0) -> int:
        """Start serving; returns the port (useful with port 0).  Raises ``OSError`` when the
        address cannot be bound (in use, not this machine's)."""
        self._thread.start()
        if not self._ready.wait(timeout):
            raise OSError("the server did not start in time")
        if self.error is not None:
            raise self.error
        assert self.host.port is not None
        return self.host.port

    def _main(self) -> None:
        def ready(port: int) -> None:
            self._ready.set()

        try:
            asyncio.run(self._serve(ready))
        except BaseException as e:  # reported to start() or to the caller of stop()
            self.error = e
            self._ready.set()

    async def _serve(self, ready: Callable[[int], None]) -> None:
        self.loop = asyncio.get_running_loop()
        await self.host.run(self.bind, self.port, tls=self.tls, ready=ready)

    def call(self, fn: Callable[..., T], *args: Any, timeout: float = 10.0) -> T:
        """Run ``fn(*args)`` on the server's loop (the table is not thread-safe)."""
        assert self.loop is not None

        async def run() -> T:
            return fn(*args)

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        if self.loop is not None and self._thread.is_alive():
            self.loop.call_soon_threadsafe(self.host.stop)
        self._thread.join(timeout)
