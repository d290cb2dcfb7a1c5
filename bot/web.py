"""The ASGI web app behind ``sciatica-bot serve``.

Platform webhooks are plug-ins that contribute routes (Telegram's
webhook, Slack's events/interactions/commands); the app adds the health
check, a request size limit and, unless told otherwise, the background
worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from typing import Protocol

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot import metrics
from bot.runtime import Runtime
from bot.service import SHUTDOWN_GRACE_SECONDS
from bot.worker import Worker
from storage.outbox import pending_count

log = logging.getLogger(__name__)


class WebPlugin(Protocol):
    """A platform's part of the web app."""

    def routes(self) -> Sequence[BaseRoute]:
        """HTTP routes the platform needs."""
        ...

    async def startup(self) -> None:
        """Called once the app starts serving."""
        ...

    async def shutdown(self, grace: float) -> None:
        """Called when the app stops: finish background work within ``grace`` seconds."""
        ...


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, before any handler reads them."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, counting its body as it streams in."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(send)
            return
        seen = 0
        refused = False

        async def limited() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # Answer 413 now and tell the app the client went away.
                    refused = True
                    await _too_large(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        try:
            await self.app(scope, limited, guarded_send)
        except Exception:
            if not refused:
                raise


async def _finish_or_cancel(task: asyncio.Task[None], seconds: float) -> None:
    """Wait up to ``seconds`` for ``task``, then cancel it (its rows go back to the relay)."""
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if done:
        if not task.cancelled() and task.exception() is not None:
            log.error("worker stopped with %s", type(task.exception()).__name__)
        return
    log.warning("worker still busy after %.0fs at shutdown; its rows are left to the relay",
                seconds)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _too_large(send: Send) -> None:
    body = b'{"error":"request body too large"}'
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def create_app(runtime: Runtime, plugins: Sequence[WebPlugin], *,
               worker: Worker | None = None) -> ASGIApp:
    """The web app with every plug-in's routes."""

    async def healthz(_: Request) -> Response:
        try:
            await asyncio.to_thread(_ping, runtime)
        except Exception:
            log.exception("health check failed")
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ok"})

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        for plugin in plugins:
            await plugin.startup()
        task = asyncio.create_task(worker.run()) if worker is not None else None
        try:
            yield
        finally:
            # One deadline for everything: the worker's current rounds, then every
            # platform's deliveries. What is left then is the outbox relay's next time.
            deadline = asyncio.get_running_loop().time() + SHUTDOWN_GRACE_SECONDS
            if worker is not None and task is not None:
                worker.stop()
                await _finish_or_cancel(task, SHUTDOWN_GRACE_SECONDS)
            left = max(0.0, deadline - asyncio.get_running_loop().time())
            await asyncio.gather(*(plugin.shutdown(left) for plugin in plugins))

    async def metrics_page(_: Request) -> Response:
        pending = await asyncio.to_thread(pending_count, runtime.db)
        metrics.OUTBOX_PENDING.set(pending)
        body, content_type = metrics.render()
        return Response(body, media_type=content_type)

    routes: list[BaseRoute] = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics_page, methods=["GET"]),
    ]
    for plugin in plugins:
        routes.extend(plugin.routes())
    app = Starlette(routes=routes, lifespan=lifespan)
    return BodyLimit(app, runtime.settings.max_body_bytes)


def _ping(runtime: Runtime) -> None:
    with runtime.db.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
