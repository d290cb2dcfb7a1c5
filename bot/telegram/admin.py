"""The ``sciatica-bot telegram`` commands: poll, and register or remove the webhook."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any
from urllib.parse import urlsplit

from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.runtime import Runtime
from bot.server import announce
from bot.settings import Settings
from bot.shutdown import stop_on_signals
from bot.telegram.menu import register_commands
from bot.telegram.platform import TelegramPlatform, build_bot, webhook_secret
from bot.telegram.polling import TelegramPolling
from bot.telegram.updates import ALLOWED_UPDATES


def poll(settings: Settings) -> int:
    """Long polling until SIGINT or SIGTERM."""
    platform = TelegramPlatform(settings)  # refuses a missing token before the database opens
    runtime = Runtime.build(settings)
    announce(settings, {platform.name: "long polling, with reminders in this process"})
    try:
        asyncio.run(_poll(runtime, platform))
    finally:
        runtime.close()
    return 0


async def _poll(runtime: Runtime, platform: TelegramPlatform) -> None:
    stop = asyncio.Event()
    stop_on_signals(stop.set)
    await TelegramPolling(runtime, platform).run(stop)


def webhook_url(settings: Settings, url: str | None) -> str:
    """``url``, or ``PUBLIC_URL`` plus the webhook path; it must be https."""
    if not url:
        if not settings.public_url:
            raise RuntimeError("give --url, or set PUBLIC_URL to this server's https address")
        url = settings.public_url.rstrip("/") + settings.telegram_webhook_path
    if urlsplit(url).scheme != "https":
        raise RuntimeError("Telegram only calls https webhook URLs")
    return url


def set_webhook(settings: Settings, url: str | None, *, drop_pending: bool) -> int:
    """Point Telegram at this server's webhook (with the secret) and set the command menu."""
    target = webhook_url(settings, url)
    secret = webhook_secret(settings)

    async def call() -> None:
        async with build_bot(settings) as bot:
            await bot.set_webhook(target, secret_token=secret,
                                  allowed_updates=list(ALLOWED_UPDATES),
                                  drop_pending_updates=drop_pending)
            await register_commands(bot)

    _run(call())
    print(f"Telegram will send updates to {target}")
    return 0


def delete_webhook(settings: Settings, *, drop_pending: bool) -> int:
    """Stop webhook delivery (polling mode does this itself on start)."""

    async def call() -> None:
        async with build_bot(settings) as bot:
            await bot.delete_webhook(drop_pending_updates=drop_pending)

    _run(call())
    print("Telegram webhook removed")
    return 0


def _run(call: Coroutine[Any, Any, None]) -> None:
    """Run a Bot API coroutine; Telegram's refusals become a one-line error."""
    try:
        asyncio.run(call)
    except InvalidToken:
        raise RuntimeError("Telegram rejected TELEGRAM_BOT_TOKEN") from None
    except NetworkError as error:
        raise RuntimeError(f"Telegram is not reachable ({type(error).__name__})") from None
    except TelegramError as error:
        raise RuntimeError(f"Telegram refused: {error.message}") from None
