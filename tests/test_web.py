"""The web app's own routes: health, metrics, and the request size limit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import BaseRoute, Route

from bot.runtime import Runtime
from bot.settings import Settings
from bot.web import create_app
from tests.harness import ChatHarness


class EchoPlugin:
    """A plug-in with one POST route, to test what the app does around routes."""

    def routes(self) -> list[BaseRoute]:
        async def echo(request: Request) -> PlainTextResponse:
            return PlainTextResponse(str(len(await request.body())))

        return [Route("/echo", echo, methods=["POST"])]

    async def startup(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


@pytest.fixture
async def web(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    runtime = Runtime.build(Settings(database_url=database_url, max_body_bytes=1000))
    app = create_app(runtime, [EchoPlugin()])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        yield client
    runtime.close()


async def test_health_check_reports_ok(web: httpx.AsyncClient) -> None:
    response = await web.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_metrics_are_in_prometheus_format(web: httpx.AsyncClient, bot: ChatHarness) -> None:
    bot.say("hi")
    response = await web.get("/metrics")
    assert response.status_code == 200
    assert "text/plain" in response.headers["content-type"]
    body = response.text
    for name in ("sciatica_turns_total", "sciatica_turn_seconds_bucket",
                 "sciatica_messages_sent_total", "sciatica_rate_limited_total",
                 "sciatica_reminder_lag_seconds_bucket", "sciatica_outbox_pending"):
        assert name in body
    assert 'sciatica_turns_total{outcome="handled",platform="test"}' in body


async def test_a_body_over_the_limit_is_refused_with_413(web: httpx.AsyncClient) -> None:
    assert (await web.post("/echo", content=b"x" * 1000)).text == "1000"
    response = await web.post("/echo", content=b"x" * 1001)
    assert response.status_code == 413


async def test_a_streamed_body_over_the_limit_is_refused(web: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"x" * 400

    response = await web.post("/echo", content=chunks())
    assert response.status_code == 413


def test_no_health_data_in_metrics(bot: ChatHarness, tmp_path: Path) -> None:
    from bot.metrics import render

    bot.onboard()
    bot.checkin(7, 8)
    text = render()[0].decode()
    assert "Europe/Berlin" not in text
    assert "pain" not in text.lower()
