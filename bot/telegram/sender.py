"""Sending outbox messages through the Bot API.

The shared :class:`~bot.delivery.Deliverer` decides when to send and what
to do on failure; this module only makes the calls and says what a failure
means: 429 and network faults are :class:`~bot.delivery.RetryLater`, 403
(the person blocked the bot) and a vanished chat are
:class:`~bot.delivery.Undeliverable` with ``blocked=True``, any other
refusal of the message itself is :class:`~bot.delivery.Undeliverable`.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections import OrderedDict
from datetime import timedelta

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning

from bot.delivery import RetryLater, Undeliverable
from bot.telegram.render import DocumentPart, Part, PhotoPart, TextPart, render
from bot.telegram.updates import PLATFORM
from core.messages import OutgoingMessage

log = logging.getLogger(__name__)

#: Bad-request descriptions that mean the chat is gone for good.
_GONE = ("chat not found", "user not found", "user is deactivated", "peer_id_invalid")
#: How many half-sent long messages to remember (one per chat at a time, in practice).
_PROGRESS_ENTRIES = 1024


class TelegramSender:
    """A :class:`~bot.delivery.Sender` for Telegram.

    A message split into several calls (a long text, a picture) that fails
    half way is resumed where it stopped when the deliverer retries it in
    this process, so the person does not get the first half twice.
    """

    platform = PLATFORM

    def __init__(self, bot: Bot, *, paid_broadcast: bool = False) -> None:
        self.bot = bot
        self.paid_broadcast = paid_broadcast
        self._progress: OrderedDict[tuple[str, OutgoingMessage], int] = OrderedDict()
        self._ready = asyncio.Lock()

    async def send(self, chat: str, message: OutgoingMessage) -> None:
        """Send every part of ``message`` to ``chat``, or raise a delivery error."""
        await self._initialize()
        key = (chat, message)
        parts = render(message)
        done = self._progress.pop(key, 0)
        for index in range(done, len(parts)):
            try:
                await self._send_part(chat, parts[index])
            except TelegramError as error:
                failure = _delivery_error(error)
                if isinstance(failure, RetryLater) and index > 0:
                    self._remember(key, index)
                raise failure from None

    async def _initialize(self) -> None:
        """Open the bot's connections once (idempotent; the polling or web mode may have)."""
        async with self._ready:
            try:
                await self.bot.initialize()
            except InvalidToken:
                raise RuntimeError("Telegram rejected TELEGRAM_BOT_TOKEN") from None
            except TelegramError as error:
                raise _delivery_error(error) from None

    async def _send_part(self, chat: str, part: Part) -> None:
        paid = True if self.paid_broadcast else None
        if isinstance(part, TextPart):
            await self.bot.send_message(
                chat_id=chat, text=part.html, parse_mode=ParseMode.HTML,
                reply_markup=part.keyboard, allow_paid_broadcast=paid,
            )
        elif isinstance(part, PhotoPart):
            await self.bot.send_photo(
                chat_id=chat, photo=part.data, filename=part.filename,
                caption=part.caption_html or None, parse_mode=ParseMode.HTML,
                reply_markup=part.keyboard, allow_paid_broadcast=paid,
            )
        elif isinstance(part, DocumentPart):
            await self.bot.send_document(
                chat_id=chat, document=part.data, filename=part.filename,
                caption=part.caption_html or None, parse_mode=ParseMode.HTML,
                reply_markup=part.keyboard, allow_paid_broadcast=paid,
            )

    def _remember(self, key: tuple[str, OutgoingMessage], sent: int) -> None:
        self._progress[key] = sent
        while len(self._progress) > _PROGRESS_ENTRIES:
            self._progress.popitem(last=False)


def _delivery_error(error: TelegramError) -> RetryLater | Undeliverable:
    """What a Bot API error means for delivery.

    Reasons end up in the outbox row's ``last_error``: Telegram's own
    description (a limit, an offset), never the message being sent.
    """
    if isinstance(error, RetryAfter):
        # Telegram limits each chat (about one message a second) as well as the bot as a
        # whole; one chat's 429 holds that chat, 429s for several chats at once hold all.
        return RetryLater(retry_after_seconds(error), "Telegram flood control (429)",
                          chat_wide=True, rate_limited=True)
    if isinstance(error, Forbidden):
        return Undeliverable("Telegram: forbidden (403), the person blocked the bot",
                             blocked=True)
    if isinstance(error, ChatMigrated):
        return Undeliverable("Telegram: the chat moved", blocked=True)
    if isinstance(error, BadRequest):
        description = error.message.lower()
        if any(gone in description for gone in _GONE):
            return Undeliverable("Telegram: the chat no longer exists", blocked=True)
        return Undeliverable(f"Telegram refused the message: {error.message}"[:200])
    if isinstance(error, InvalidToken):
        log.error("%s; messages wait until it is fixed", token_problem(error))
    # Timeouts, 5xx, connection errors, a token being replaced: all pass.
    return RetryLater(0.0, f"Telegram error ({type(error).__name__}), will retry")


def retry_after_seconds(error: RetryAfter) -> float:
    """``retry_after`` in seconds, whichever type this PTB version hands out.

    PTB 22 warns on reading the attribute unless ``PTB_TIMEDELTA`` is set
    (it will become a :class:`~datetime.timedelta`); both are handled here.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)


def token_problem(error: InvalidToken) -> str:
    """What an InvalidToken really was: PTB raises it for a 401 and for a 404 alike.

    A 401 is Telegram refusing the token; a 404 is a wrong API address or
    method (TELEGRAM_API_URL, a proxy), or a token of the wrong form.
    """
    if "not found" in error.message.lower():
        return ("the Bot API answered 404 Not Found: check TELEGRAM_API_URL (and any proxy) "
                "and the form of TELEGRAM_BOT_TOKEN")
    return "Telegram rejected the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN"
