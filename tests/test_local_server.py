"""The fake-server base serves on loopback and stops cleanly."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from fakes.http import LocalServer


def test_local_server_answers_on_loopback() -> None:
    async def hello(_: object) -> PlainTextResponse:
        return PlainTextResponse("hi")

    with LocalServer(Starlette(routes=[Route("/", hello)])) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert httpx.get(server.url + "/").text == "hi"


def test_tests_cannot_reach_other_addresses() -> None:
    import socket

    import pytest

    with socket.socket() as sock, pytest.raises(RuntimeError, match=r"only 127\.0\.0\.1"):
        sock.connect(("10.1.2.3", 80))
