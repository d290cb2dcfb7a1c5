"""``sciatica-bot slack``: Slack over Socket Mode, with the worker in the same process.

Socket Mode needs ``SLACK_BOT_TOKEN`` and ``SLACK_APP_TOKEN`` and no public
URL, which is how most people first try a Slack app. It lives apart from
:mod:`bot.slack.platform` because it assembles a whole process
(:func:`bot.server.assemble`), and the server imports the platform.

Both tokens are tried before the first event is taken (``auth.test``, then
``apps.connections.open``, whose URL the handler then uses), so a wrong one
or an unreachable Slack ends the command at once with one line that says
which, instead of a person's first message failing or the handler retrying
a refused token forever. Ctrl-C or SIGTERM closes the connection, lets the worker finish
its round and exits 0.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from aiohttp import ClientError
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.runtime import Runtime
from bot.server import announce, assemble
from bot.settings import ConfigurationError, Settings
from bot.shutdown import stop_on_signals
from bot.slack.platform import SlackPlatform

#: Where each token comes from, for the line that says Slack refused it.
WHERE = {"SLACK_BOT_TOKEN": "OAuth & Permissions → Bot User OAuth Token",
         "SLACK_APP_TOKEN": "Basic Information → App-Level Tokens, scope connections:write"}


def run_socket_mode(settings: Settings) -> int:
    """Socket Mode plus the worker, until interrupted.

    The handler is built inside the running event loop: its aiohttp session
    refuses to be created outside one (aiohttp 3.11 and later).

    Raises:
        ConfigurationError: a token is missing.
        RuntimeError: Slack refused a token or could not be reached.

    """
    if settings.slack_bot_token is None or settings.slack_app_token is None:
        missing = "SLACK_BOT_TOKEN" if settings.slack_bot_token is None else "SLACK_APP_TOKEN"
        raise ConfigurationError(f"{missing} is not set: Socket Mode needs the bot token "
                                 f"(xoxb-…) and an app-level token (xapp-…; "
                                 f"{WHERE['SLACK_APP_TOKEN']})")
    app_token = settings.slack_app_token.get_secret_value()
    platform = SlackPlatform(settings)
    runtime = Runtime.build(settings)
    service, worker = assemble(runtime, [platform])
    adapter = platform.adapter(service)

    async def main() -> None:
        stop = asyncio.Event()
        stop_on_signals(stop.set)
        await _try(platform.client.auth_test(), "SLACK_BOT_TOKEN", settings)
        # The handler's client retries a refused app token forever; ask for the URL first.
        opened = await _try(platform.client.apps_connections_open(app_token=app_token),
                            "SLACK_APP_TOKEN", settings)
        handler = AsyncSocketModeHandler(adapter.app, app_token, web_client=platform.client)
        handler.client.wss_uri = str(opened["url"])
        await handler.connect_async()  # type: ignore[no-untyped-call]
        announce(settings, {platform.name: "Socket Mode, with reminders in this process"})
        work = asyncio.create_task(worker.run())
        try:
            await stop.wait()
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


async def _try(call: Awaitable[AsyncSlackResponse], variable: str,
               settings: Settings) -> AsyncSlackResponse:
    """Await a Slack call made with ``variable``'s token; a refusal becomes one line."""
    try:
        return await call
    except SlackApiError as error:
        reason = error.response.get("error", "refused") if error.response else "refused"
        raise RuntimeError(f"Slack refused {variable} ({reason}): check it is the token from "
                           f"{WHERE[variable]}") from None
    except (ClientError, OSError, TimeoutError) as error:
        raise RuntimeError(f"Slack is not reachable at {settings.slack_api_url} "
                           f"({type(error).__name__})") from None
