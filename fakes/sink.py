"""A fake chat platform that counts what it is sent, with an optional rate limit and faults.

Used where the platform itself does not matter (reminder dispatch across
processes, the reminder benchmark, the ordering chaos run): :class:`SinkSender`
posts each neutral message to :func:`sink_app`, which records it and, over its
limit, answers 429 with ``Retry-After`` like a real platform. With ``faults``
it refuses that share of requests at random (seeded): a 500, or a 429 for
that one chat.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import httpx
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.delivery import Rate, RetryLater, Sender
from core.messages import OutgoingMessage
from fakes.http import free_port


@dataclass
class SinkLog:
    """What the sink received (thread-safe)."""

    limit_per_second: float | None = None
    faults: float = 0.0
    received: list[tuple[str, str, float]] = field(default_factory=list)
    refused: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _window: list[float] = field(default_factory=list)
    _random: random.Random = field(default_factory=lambda: random.Random(14))

    def fault(self) -> int | None:
        """A status to fail this request with (500 or 429), drawn at the ``faults`` rate."""
        with self._lock:
            if self.faults and self._random.random() < self.faults:
                self.refused += 1
                return self._random.choice((500, 429))
        return None

    def accept(self, chat: str, text: str) -> bool:
        """Record a message (with its wall-clock time), or refuse it over the limit.

        The limit is a sliding one-second window, as strict as a platform's.
        """
        now = time.monotonic()
        with self._lock:
            if self.limit_per_second is not None:
                while self._window and now - self._window[0] >= 1.0:
                    self._window.pop(0)
                if len(self._window) >= self.limit_per_second:
                    self.refused += 1
                    return False
                self._window.append(now)
            self.received.append((chat, text, time.time()))
            return True

    def per_chat(self) -> Counter[str]:
        with self._lock:
            return Counter(chat for chat, _, _ in self.received)


def sink_app(log: SinkLog) -> ASGIApp:
    """POST /send {"chat", "text"} → 200, or 429 with Retry-After over the limit.

    A bare ASGI app (no framework) so that the fake platform is never the
    bottleneck of a throughput measurement.
    """

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["path"] == "/report":
            with log._lock:
                received = [[chat, at, text] for chat, text, at in log.received]
            await _reply(send, 200, json.dumps({"received": received, "refused": log.refused}))
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        data = json.loads(body)
        fault = log.fault()
        if fault == 500:
            await _reply(send, 500, '{"ok":false}')
        elif fault == 429:
            await _reply(send, 429, '{"ok":false}', [(b"retry-after", b"1")])
        elif log.accept(str(data["chat"]), str(data["text"])):
            await _reply(send, 200, '{"ok":true}')
        else:
            await _reply(send, 429, '{"ok":false}', [(b"retry-after", b"1")])

    return app


async def _reply(send: Send, status: int, body: str,
                 headers: list[tuple[bytes, bytes]] | None = None) -> None:
    raw = body.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(raw)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": raw})


@dataclass(frozen=True)
class SinkReport:
    """What a sink in another process received: (chat, wall-clock time) pairs, and texts."""

    received: list[tuple[str, float]]
    refused: int
    texts: list[str] = field(default_factory=list)

    def per_chat(self) -> Counter[str]:
        return Counter(chat for chat, _ in self.received)


class SinkProcess:
    """A sink in its own process, so the system under test has the CPU to itself."""

    def __init__(self, limit_per_second: float | None = None, faults: float = 0.0) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._limit = limit_per_second
        self._faults = faults
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> SinkProcess:
        command = [sys.executable, "-m", "fakes.sink", str(self.port),
                   str(self._limit or 0), str(self._faults)]
        root = Path(__file__).resolve().parents[1]
        self._process = subprocess.Popen(command, cwd=root)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/report", timeout=1)
                return self
            except httpx.TransportError:
                time.sleep(0.05)
        self.__exit__(None, None, None)
        raise RuntimeError("the sink process did not start")

    def report(self) -> SinkReport:
        body = httpx.get(self.url + "/report", timeout=60).json()
        return SinkReport([(c, float(t)) for c, t, _ in body["received"]], int(body["refused"]),
                          [str(text) for _, _, text in body["received"]])

    def __exit__(self, *_: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)


def _serve(port: int, limit: float | None, faults: float) -> None:
    import uvicorn

    uvicorn.run(sink_app(SinkLog(limit_per_second=limit, faults=faults)), host="127.0.0.1",
                port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    _serve(int(sys.argv[1]), float(sys.argv[2]) or None if len(sys.argv) > 2 else None,
           float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)


class SinkSender(Sender):
    """Sends to a sink over HTTP (aiohttp, a connection pool of 64); 429 → :class:`RetryLater`."""

    platform = "sink"

    def __init__(self, url: str) -> None:
        self._url = url + "/send"
        self._session: aiohttp.ClientSession | None = None

    async def send(self, chat: str, message: OutgoingMessage) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=64),
                timeout=aiohttp.ClientTimeout(total=10),
            )
        async with self._session.post(self._url, json={"chat": chat, "text": message.text}
                                      ) as response:
            if response.status == 429:
                raise RetryLater(float(response.headers.get("Retry-After", "1")), rate_limited=True,
                                 chat_wide=True)
            if response.status >= 500:
                raise RetryLater(0.0, f"sink answered {response.status}")
            response.raise_for_status()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


def sink_rate(per_second: float) -> Rate:
    """The limiter setting that matches a sink's limit."""
    return Rate(per_chat=per_second, overall=per_second)
