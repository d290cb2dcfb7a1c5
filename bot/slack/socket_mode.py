"""``sciatica-bot slack``: Slack over Socket Mode, with the worker in the same process.

Socket Mode needs ``SLACK_BOT_TOKEN`` and ``SLACK_APP_TOKEN`` and no public
URL, which is how most people first try a Slack app. It lives apart from
:mod:`bot.slack.platform` because it assembles a whole process
(:func:`bot.server.assemble`), and the server imports the platform.
"""

from __future__ import annotations

import asyncio

from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

from bot.runtime import Runtime
from bot.server import assemble
from bot.settings import Settings
from bot.slack.platform import SlackPlatform


def run_socket_mode(settings: Settings) -> int:
    """Socket Mode plus the worker, until interrupted.

    The handler is built inside the running event loop: its aiohttp session
    refuses to be created outside one (aiohttp 3.11 and later).
    """
    if settings.slack_bot_token is None or settings.slack_app_token is None:
        raise RuntimeError("Socket Mode needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN")
    app_token = settings.slack_app_token.get_secret_value()
    runtime = Runtime.build(settings)
    platform = SlackPlatform(settings)
    service, worker = assemble(runtime, [platform])
    adapter = platform.adapter(service)

    async def main() -> None:
        handler = AsyncSocketModeHandler(adapter.app, app_token, web_client=platform.client)
        work = asyncio.create_task(worker.run())
        try:
            await handler.start_async()  # type: ignore[no-untyped-call]
        finally:
            worker.stop()
            await work
            await handler.close_async()  # type: ignore[no-untyped-call]
            await adapter.drain()

    try:
        asyncio.run(main())
    finally:
        runtime.close()
    return 0
