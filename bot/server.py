"""Assembling the long-running modes: which platforms, which senders, which routes.

A platform is enabled by its settings (a token in the environment). Each
platform module provides a :class:`Platform`: a sender for the outbox and,
for the web app, a plug-in with its routes.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Mapping, Sequence
from typing import Protocol

from bot.clinics import ClinicDispatcher, HasChannels
from bot.delivery import Deliverer, Rate, Sender
from bot.runtime import Runtime
from bot.service import BotService
from bot.settings import Settings
from bot.shutdown import stop_on_signals
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


def tune_interpreter() -> None:
    """Hand the GIL over more often than Python's default 5 ms.

    Long-running modes run the event loop (network sends) beside worker
    threads (database transactions); with the default, a send that returns
    from the kernel can wait milliseconds for the interpreter, which caps
    how many messages a process delivers per second.
    """
    sys.setswitchinterval(0.0005)


#: Each platform: the setting that switches it on, and the commands that run it.
SWITCHES = {"telegram": ("TELEGRAM_BOT_TOKEN", "`serve`, `telegram` or `worker`"),
            "slack": ("SLACK_BOT_TOKEN", "`serve`, `slack` or `worker`")}
NO_PLATFORM = ("no platform is switched on, so only /healthz is served: set "
               "TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET for Telegram, or SLACK_BOT_TOKEN "
               "and SLACK_SIGNING_SECRET for Slack (README, Running it for real)")


def announce(settings: Settings, running: Mapping[str, str]) -> None:
    """Log each platform: how this process runs it (``running``), or why it does not.

    The database was named when it was opened (:func:`bot.runtime.connect`);
    with these lines the start of the log says everything a process runs on.
    """
    tokens = {"telegram": settings.telegram_bot_token, "slack": settings.slack_bot_token}
    for name, (variable, commands) in SWITCHES.items():
        if name in running:
            log.info("%s: on, %s", name, running[name])
        elif tokens[name] is None:
            log.info("%s: off (%s is not set)", name, variable)
        else:
            log.info("%s: off (this command does not run it; %s do)", name, commands)


def refuse_open_webhooks(settings: Settings) -> None:
    """Before ``serve`` opens anything: every platform switched on must have its webhook secret.

    Raises:
        ConfigurationError: Telegram without ``TELEGRAM_WEBHOOK_SECRET``, or
            Slack without ``SLACK_SIGNING_SECRET``: anyone could post as them.

    """
    if settings.telegram_bot_token is not None:
        from bot.telegram.platform import webhook_secret

        webhook_secret(settings)
    if settings.slack_bot_token is not None:
        from bot.slack.platform import signing_secret

        signing_secret(settings)


def configured_platforms(settings: Settings) -> list[Platform]:
    """Every platform whose credentials are set."""
    platforms: list[Platform] = []
    if settings.telegram_bot_token and settings.telegram_bot_token.get_secret_value():
        from bot.telegram.platform import TelegramPlatform

        platforms.append(TelegramPlatform(settings))
    if settings.slack_bot_token is not None:
        from bot.slack.platform import SlackPlatform

        platforms.append(SlackPlatform(settings))
    return platforms


def assemble(runtime: Runtime, platforms: Sequence[Platform]) -> tuple[BotService, Worker]:
    """Deliverer, service and worker over the given platforms."""
    deliverer = Deliverer(
        runtime.db, runtime.clock, [p.sender() for p in platforms],
        {p.name: p.rate for p in platforms},
    )
    service = BotService(runtime, deliverer)
    posters = [p.channel_poster() for p in platforms if isinstance(p, HasChannels)]
    clinics = (ClinicDispatcher(runtime.db, runtime.clock, posters, deliverer.limiters)
               if posters else None)
    worker = Worker(runtime, deliverer, interval=runtime.settings.worker_interval_seconds,
                    clinics=clinics)
    return service, worker


def serve(settings: Settings, *, with_worker: bool) -> int:
    """Run the web app (webhooks, health) with uvicorn until interrupted."""
    import uvicorn

    tune_interpreter()
    refuse_open_webhooks(settings)
    runtime = Runtime.build(settings)
    if settings.telegram_bot_token is not None:
        from bot.telegram.platform import check_token

        try:
            asyncio.run(check_token(settings))
        except BaseException:
            runtime.close()
            raise
    platforms = configured_platforms(settings)
    service, worker = assemble(runtime, platforms)
    plugins = [p for p in (pl.web_plugin(service) for pl in platforms) if p is not None]
    routes = {"telegram": f"webhook at {settings.telegram_webhook_path}",
              "slack": "HTTP at /slack/events, /slack/interactions and /slack/commands"}
    announce(settings, {p.name: routes.get(p.name, "web routes") for p in platforms})
    if not platforms:
        log.warning(NO_PLATFORM)
    app = create_app(runtime, plugins, worker=worker if with_worker else None)
    try:
        uvicorn.run(app, host=settings.host, port=settings.port, log_config=None,
                    access_log=False)
    finally:
        runtime.close()
    return 0


def work(settings: Settings, *, metrics_port: int | None = None) -> int:
    """Run only the background worker (reminders and outbox relay).

    With ``metrics_port`` the worker also answers ``/healthz`` and
    ``/metrics`` on that port (for probes and Prometheus).
    """
    tune_interpreter()
    runtime = Runtime.build(settings)
    platforms = configured_platforms(settings)
    announce(settings, {p.name: "sending reminders, clinic calls and queued messages"
                        for p in platforms})
    if not platforms:
        log.warning("no platform is switched on, so reminders will queue but not be sent: "
                    "set TELEGRAM_BOT_TOKEN or SLACK_BOT_TOKEN")
    _service, worker = assemble(runtime, platforms)
    try:
        if metrics_port is None:
            asyncio.run(_until_stopped(worker))
        else:
            import uvicorn

            app = create_app(runtime, [], worker=worker)
            uvicorn.run(app, host=settings.host, port=metrics_port, log_config=None,
                        access_log=False)
    finally:
        runtime.close()
    return 0


async def _until_stopped(worker: Worker) -> None:
    """The worker's loops until Ctrl-C or SIGTERM; the current rounds finish first."""
    stop_on_signals(worker.stop)
    await worker.run()
