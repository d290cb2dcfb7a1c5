"""The webhook route ``sciatica-bot serve`` adds for Telegram.

Telegram sends the secret given to ``setWebhook`` in the
``X-Telegram-Bot-Api-Secret-Token`` header; a request without it, or with
another, gets 403 and is not read further. An update is answered 200 once
its turn is committed (the replies follow in the background, and the outbox
covers a crash meanwhile); if the commit fails the answer is 500, so
Telegram sends the update again and the engine's dedupe on ``update_id``
keeps that from counting twice.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from telegram import Update
from telegram.error import InvalidToken, TelegramError

from bot.service import SHUTDOWN_GRACE_SECONDS
from bot.telegram.handler import UpdateHandler
from bot.telegram.menu import register_commands

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name, not a secret


class TelegramWebhook:
    """A :class:`bot.web.WebPlugin` receiving Telegram updates at ``path``."""

    def __init__(self, handler: UpdateHandler, secret: str, path: str) -> None:
        self.handler = handler
        self.path = path
        self._secret = secret.encode()

    def routes(self) -> Sequence[BaseRoute]:
        """``POST <path>``, nothing else."""
        return [Route(self.path, self.receive, methods=["POST"])]

    async def receive(self, request: Request) -> Response:
        """Check the secret, read the update, run its turn; 200 once committed."""
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            log.warning("telegram webhook call with a wrong or missing secret refused")
            return JSONResponse({"error": "forbidden"}, status_code=403)
        try:
            data = json.loads(await request.body())
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("not an update")
            update = Update.de_json(data, self.handler.bot)
        except Exception:  # noqa: BLE001 - any malformed body is the sender's problem
            log.warning("telegram webhook body is not an update")
            return JSONResponse({"error": "not a Telegram update"}, status_code=400)
        try:
            await self.handler.handle(update, deliver_later=True)
        except Exception as error:  # noqa: BLE001 - Telegram retries; the id keeps it once
            # Only the type: database errors can quote the values of the statement.
            log.error("telegram update %s failed (%s); Telegram will send it again",
                      update.update_id, type(error).__name__)
            return JSONResponse({"error": "not processed, try again"}, status_code=500)
        return JSONResponse({})

    async def startup(self) -> None:
        """Connect and register the command menu; an unreachable API is only logged."""
        try:
            await self.handler.bot.initialize()
        except InvalidToken:
            raise RuntimeError("Telegram rejected TELEGRAM_BOT_TOKEN") from None
        except TelegramError as error:
            log.warning("Telegram not reachable at start-up (%s); will retry on first send",
                        type(error).__name__)
            return
        await register_commands(self.handler.bot)

    async def shutdown(self, grace: float = SHUTDOWN_GRACE_SECONDS) -> None:
        """Finish background deliveries (for ``grace`` seconds), then close the connections."""
        await self.handler.service.drain(grace)
        await self.handler.bot.shutdown()
