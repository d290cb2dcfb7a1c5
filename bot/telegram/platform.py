"""Telegram as the server wires it: a bot client, its sender, its webhook.

Switched on by ``TELEGRAM_BOT_TOKEN`` (see :func:`bot.server.configured_platforms`).
The token only ever lives inside PTB's :class:`~telegram.Bot`, which puts it
in request URLs; ``bot.logs`` keeps the HTTP loggers that would print those
URLs quiet below WARNING.
"""

from __future__ import annotations

import logging
import re

from telegram import Bot
from telegram.error import InvalidToken, TelegramError
from telegram.request import HTTPXRequest

from bot.delivery import Rate
from bot.service import BotService
from bot.settings import ConfigurationError, Settings
from bot.telegram.handler import UpdateHandler
from bot.telegram.sender import TelegramSender
from bot.telegram.updates import PLATFORM
from bot.telegram.webhook import TelegramWebhook

log = logging.getLogger(__name__)

#: Concurrent connections to the Bot API (sends, edits, callback answers).
CONNECTION_POOL = 64
#: Telegram's rule for ``secret_token``.
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def build_bot(settings: Settings) -> Bot:
    """A PTB bot for the configured token and API address (not yet initialised)."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    if not token:
        raise ConfigurationError("TELEGRAM_BOT_TOKEN is not set: ask @BotFather for one and "
                                 "export TELEGRAM_BOT_TOKEN=123456789:AAH...")
    return Bot(
        token,
        base_url=settings.telegram_api_url,
        base_file_url=settings.telegram_file_url,
        request=HTTPXRequest(connection_pool_size=CONNECTION_POOL),
        get_updates_request=HTTPXRequest(connection_pool_size=1),
    )


def webhook_secret(settings: Settings) -> str:
    """The secret Telegram must send with every webhook call.

    Raises:
        ConfigurationError: it is missing or not what Telegram accepts; webhook
            mode refuses to start rather than take updates from anyone.

    """
    secret = (settings.telegram_webhook_secret.get_secret_value()
              if settings.telegram_webhook_secret else "")
    if not secret:
        raise ConfigurationError(
            "TELEGRAM_WEBHOOK_SECRET is not set: webhook mode needs it to tell Telegram's "
            "calls from anyone else's; make one with python3 -c \"import secrets; "
            "print(secrets.token_urlsafe(32))\" (or run `sciatica-bot telegram` to poll "
            "instead)"
        )
    if not _SECRET.match(secret):
        raise ConfigurationError("TELEGRAM_WEBHOOK_SECRET may only use A-Z, a-z, 0-9, _ and - "
                                 "(1 to 256 characters), for example the output of python3 -c "
                                 "\"import secrets; print(secrets.token_urlsafe(32))\"")
    return secret


async def check_token(settings: Settings) -> None:
    """Ask Telegram who the bot is, before a web server takes webhooks for it.

    Raises:
        RuntimeError: Telegram rejected the token (the command ends in one
            line, where the web app's start-up would end in a traceback).
            Telegram out of reach is only logged: sends retry later.

    """
    try:
        async with build_bot(settings):
            pass
    except InvalidToken:
        raise RuntimeError("Telegram rejected TELEGRAM_BOT_TOKEN: copy it again from "
                           "@BotFather (/token)") from None
    except TelegramError as error:
        log.warning("Telegram is not reachable at %s (%s); the webhook waits for it",
                    settings.telegram_api_url, type(error).__name__)


class TelegramPlatform:
    """The :class:`bot.server.Platform` for Telegram."""

    name = PLATFORM

    def __init__(self, settings: Settings, bot: Bot | None = None) -> None:
        self.settings = settings
        self.bot = bot or build_bot(settings)
        self.rate = Rate(settings.telegram_rate_per_chat, settings.telegram_rate_global)
        self._sender = TelegramSender(self.bot, paid_broadcast=settings.telegram_paid_broadcast)

    def sender(self) -> TelegramSender:
        """The outbox sender (one per platform, shared by every mode in the process)."""
        return self._sender

    def handler(self, service: BotService) -> UpdateHandler:
        """The update handler over ``service``."""
        return UpdateHandler(service, self.bot, service.runtime.clock)

    def web_plugin(self, service: BotService) -> TelegramWebhook:
        """The webhook route for ``sciatica-bot serve``.

        Raises:
            ConfigurationError: no usable ``TELEGRAM_WEBHOOK_SECRET``.

        """
        return TelegramWebhook(self.handler(service), webhook_secret(self.settings),
                               self.settings.telegram_webhook_path)
