"""Assembling the long-running modes: which platforms, which senders, which routes.

A platform is enabled by its settings (a token in the environment). Each
platform module provides a :class:`Platform`: a sender for the outbox and,
for the web app, a plug-in with its routes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Protocol

from bot.delivery import Deliverer, Rate, Sender
from bot.runtime import Runtime
from bot.service import BotService
from bot.settings import Settings
from bot.web import WebPlugin, create_app
from bot.worker import Worker

log = logging.getLogger(__name__)


class Platform(Protocol):
    """One chat platform's adapter, as the server wires it."""

    name: str
    rate: Rate

    def sender(self) -> Sender:
        """Sends neutral messages to this platform."""
        ...

    def web_plugin(self, service: BotService) -> WebPlugin | None:
        """Webhook routes, or ``None`` for a platform without any."""
        ...


def configured_platforms(settings: Settings) -> list[Platform]:
    """Every platform whose credentials are set."""
    platforms: list[Platform] = []
    if settings.telegram_bot_token and settings.telegram_bot_token.get_secret_value():
        from bot.telegram.platform import TelegramPlatform

        platforms.append(TelegramPlatform(settings))
    return platforms


def assemble(runtime: Runtime, platforms: Sequence[Platform]) -> tuple[BotService, Worker]:
    """Deliverer, service and worker over the given platforms."""
    deliverer = Deliverer(
        runtime.db, runtime.clock, [p.sender() for p in platforms],
        {p.name: p.rate for p in platforms},
    )
    service = BotService(runtime, deliverer)
    worker = Worker(runtime, deliverer, interval=runtime.settings.worker_interval_seconds)
    return service, worker


def serve(settings: Settings, *, with_worker: bool) -> int:
    """Run the web app (webhooks, health) with uvicorn until interrupted."""
    import uvicorn

    runtime = Runtime.build(settings)
    platforms = configured_platforms(settings)
    if not platforms:
        log.warning("no platform credentials set; serving only /healthz")
    service, worker = assemble(runtime, platforms)
    plugins = [p for p in (pl.web_plugin(service) for pl in platforms) if p is not None]
    app = create_app(runtime, plugins, worker=worker if with_worker else None)
    try:
        uvicorn.run(app, host=settings.host, port=settings.port, log_config=None,
                    access_log=False)
    finally:
        runtime.close()
    return 0


def work(settings: Settings) -> int:
    """Run only the background worker (reminders and outbox relay)."""
    runtime = Runtime.build(settings)
    platforms = configured_platforms(settings)
    if not platforms:
        log.warning("no platform credentials set; reminders will queue but not be sent")
    _service, worker = assemble(runtime, platforms)
    try:
        asyncio.run(worker.run())
    finally:
        runtime.close()
    return 0
