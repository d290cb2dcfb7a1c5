"""The command menu Telegram shows beside the text field (``setMyCommands``).

Only commands the engine understands are listed (``flows.intents.NAMES``;
a test keeps it so); their descriptions live with the other texts in
:mod:`flows.texts.menu`.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand
from telegram.error import TelegramError

from flows.texts.menu import COMMANDS

log = logging.getLogger(__name__)


def bot_commands() -> list[BotCommand]:
    """The menu, in the order people see it."""
    return [BotCommand(command, description) for command, description in COMMANDS]


async def register_commands(bot: Bot) -> bool:
    """Set the menu; a failure is logged, not raised (the bot works without it)."""
    try:
        await bot.set_my_commands(bot_commands())
    except TelegramError as error:
        log.warning("could not register the Telegram command menu: %s", type(error).__name__)
        return False
    return True
