"""One update, from either polling or the webhook, handed to the engine.

Button presses get their native acknowledgement: the callback query is
answered first (always, so the client stops its spinner, even for a stale,
garbled or duplicate press); once the turn is committed, the message that
carried the keyboard loses its buttons, so it cannot be pressed twice, and
shows the answer only when the engine took the press as one (a stale or
garbled press is explained by the engine instead). Those calls are
interface only and go straight to the Bot API; everything the bot says goes
through the engine and the outbox.
"""

from __future__ import annotations

import html
import logging

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.clock import Clock
from bot.engine import TurnResult
from bot.service import BotService
from bot.telegram.render import MAX_CAPTION, MAX_TEXT, units
from bot.telegram.updates import Ignored, NotText, parse_update
from core.messages import InboundEvent, OutgoingMessage
from flows import texts

log = logging.getLogger(__name__)

#: Appended to the message whose button was pressed, before the button's label.
ANSWER_MARK = "\n\n→ "


class UpdateHandler:
    """Turns updates into engine turns; safe to run for many people at once.

    One person's updates must be handed over one after another where their
    order matters (polling chains them per person); the service keeps the
    turns themselves and their deliveries in order.
    """

    def __init__(self, service: BotService, bot: Bot, clock: Clock) -> None:
        self.service = service
        self.bot = bot
        self.clock = clock

    async def handle(self, update: Update, *, deliver_later: bool = False) -> TurnResult | None:
        """Process one update; ``None`` when it was ignored.

        With ``deliver_later`` (the webhook), this returns once the turn is
        committed and the replies go out in the background.

        Raises:
            Exception: only what the engine or database raises; a webhook
                answers 500 so Telegram delivers the update again.

        """
        parsed = parse_update(update, self.clock.now())
        query = update.callback_query
        if query is not None:
            await self._answer(query)
        result = await self._turn(update, parsed, deliver_later)
        # An ignored press (a group, a forged one on someone else's message) edits nothing.
        if query is not None and result is not None and not result.duplicate:
            await self._settle(query, taken=result.press_taken)
        return result

    async def _turn(self, update: Update, parsed: InboundEvent | NotText | Ignored,
                    deliver_later: bool) -> TurnResult | None:
        if isinstance(parsed, InboundEvent):
            if deliver_later:
                return await self.service.handle_then_deliver_later(parsed)
            return await self.service.handle(parsed)
        if isinstance(parsed, NotText):
            log.info("telegram update %s: %s, answered with a hint", parsed.event_id, parsed.kind)
            return await self.service.reply_only(
                parsed.key, parsed.chat, parsed.event_id,
                OutgoingMessage(texts.common.NOT_TEXT), deliver_later=deliver_later,
            )
        self._ignored(update, parsed)
        return None

    @staticmethod
    def _ignored(update: Update, parsed: Ignored) -> None:
        log.info("telegram update %s ignored: %s", update.update_id, parsed.reason)

    async def _answer(self, query: CallbackQuery) -> None:
        """Answer the query, so the person's client stops waiting."""
        try:
            await self.bot.answer_callback_query(query.id)
        except TelegramError as error:  # too old, already answered: nothing to fix
            log.info("callback query not answered: %s", type(error).__name__)

    async def _settle(self, query: CallbackQuery, *, taken: bool) -> None:
        """Drop the pressed message's keyboard; show the answer if the engine took it."""
        message = query.message
        if message is None:
            return
        try:
            if isinstance(message, Message) and message.is_accessible:
                label = _label(message.reply_markup, query.data) if taken else None
                await self._mark_answer(message, label)
            else:  # older than 48 hours: Telegram no longer shows us its content
                await self.bot.edit_message_reply_markup(
                    chat_id=message.chat.id, message_id=message.message_id, reply_markup=None)
        except TelegramError as error:  # not modified, deleted, too old to edit
            log.info("pressed message not edited: %s", type(error).__name__)

    async def _mark_answer(self, message: Message, label: str | None) -> None:
        chat, message_id = message.chat.id, message.message_id
        mark = f"{ANSWER_MARK}{label}" if label else ""
        if mark and message.text is not None and units(message.text + mark) <= MAX_TEXT:
            await self.bot.edit_message_text(
                message.text_html + html.escape(mark, quote=False), chat_id=chat,
                message_id=message_id, parse_mode=ParseMode.HTML, reply_markup=None)
        elif (mark and message.caption is not None
              and units(message.caption + mark) <= MAX_CAPTION):
            await self.bot.edit_message_caption(
                chat_id=chat, message_id=message_id,
                caption=message.caption_html + html.escape(mark, quote=False),
                parse_mode=ParseMode.HTML, reply_markup=None)
        elif message.reply_markup is not None:
            await self.bot.edit_message_reply_markup(
                chat_id=chat, message_id=message_id, reply_markup=None)


def _label(markup: InlineKeyboardMarkup | None, data: str | None) -> str | None:
    """The label of the button that sent ``data``, if the message still shows it."""
    if markup is None or data is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data == data:
                return button.text
    return None
