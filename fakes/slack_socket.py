"""A fake Socket Mode endpoint: Slack's side of the WebSocket, on 127.0.0.1 (aiohttp).

``apps.connections.open`` on :class:`fakes.slack.FakeSlack` hands out its
URL; a test pushes envelopes with :meth:`FakeSocketMode.send` and reads the
app's acknowledgements in :attr:`FakeSocketMode.acks`.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import WSMsgType, web

from fakes.http import free_port


class FakeSocketMode:
    """One WebSocket connection at a time, as Slack serves an app."""

    def __init__(self) -> None:
        self.acks: list[dict[str, Any]] = []
        self.connected = asyncio.Event()
        self.acked = asyncio.Event()
        self._socket: web.WebSocketResponse | None = None
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/link", self._link)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        port = free_port()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()
        self.url = f"ws://127.0.0.1:{port}/link"
        return self.url

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def send(self, envelope: dict[str, Any]) -> None:
        await self.connected.wait()
        assert self._socket is not None
        await self._socket.send_str(json.dumps(envelope))

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        await socket.send_str(json.dumps({
            "type": "hello", "num_connections": 1,
            "connection_info": {"app_id": "A0SCIATICA"},
            "debug_info": {"host": "fake", "approximate_connection_time": 3600},
        }))
        self.connected.set()
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                self.acks.append(json.loads(message.data))
                self.acked.set()
        return socket
