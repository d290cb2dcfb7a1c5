"""The web app's own routes: health, metrics, and the request size limit."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import cast

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message

from bot.runtime import Runtime
from bot.settings import Settings
from bot.web import create_app
from bot.worker import Worker
from fakes.harness import ChatHarness


class EchoPlugin:
    """A plug-in with one POST route, to test what the app does around routes."""

    def routes(self) -> list[BaseRoute]:
        async def echo(request: Request) -> PlainTextResponse:
            return PlainTextResponse(str(len(await request.body())))

        return [Route("/echo", echo, methods=["POST"])]

    async def startup(self) -> None:
        return None

    async def shutdown(self, grace: float) -> None:
        return None


@pytest.fixture
def db_runtime(database_url: str) -> Iterator[Runtime]:
    """The runtime on a fresh database, closed after the test."""
    runtime = Runtime.build(Settings(database_url=database_url))
    yield runtime
    runtime.close()


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


class StuckWorker:
    """A worker whose current round never ends, whatever it is told."""

    def __init__(self) -> None:
        self.cancelled = False

    async def run(self) -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            self.cancelled = True
            raise

    def stop(self) -> None:
        return None


class GraceRecorder(EchoPlugin):
    """A plug-in that notes how long it was given to finish."""

    def __init__(self) -> None:
        self.grace: float | None = None

    async def shutdown(self, grace: float) -> None:
        self.grace = grace


async def run_lifespan(app: ASGIApp) -> None:
    """Start the app and stop it again, as uvicorn does."""
    events = asyncio.Queue[dict[str, str]]()
    for kind in ("lifespan.startup", "lifespan.shutdown"):
        events.put_nowait({"type": kind})
    sent: list[str] = []

    async def receive() -> dict[str, str]:
        return await events.get()

    async def send(message: Message) -> None:
        sent.append(message["type"])

    await app({"type": "lifespan", "asgi": {"version": "3.0"}}, receive, send)
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


async def test_stopping_waits_for_a_stuck_worker_only_up_to_the_grace_period(
        db_runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.web.SHUTDOWN_GRACE_SECONDS", 0.3)
    worker, plugin = StuckWorker(), GraceRecorder()
    app = create_app(db_runtime, [plugin], worker=cast(Worker, worker))

    await asyncio.wait_for(run_lifespan(app), timeout=5)

    assert worker.cancelled
    assert plugin.grace == 0.0
