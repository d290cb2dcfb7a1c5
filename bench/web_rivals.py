"""Webhook servers written with other frameworks, as rivals of ``sciatica-bot serve``.

Each runs as its own process (``python -m bench.web_rivals ptb|aiogram ...``)
with its framework's own web server, the way its documentation shows:

* python-telegram-bot 22: ``Application.run_webhook`` (its tornado server)
  with a ``ConversationHandler`` and ``PicklePersistence`` as configured by
  default (state kept in memory, written every 60 s and at shutdown);
* aiogram 3: ``SimpleRequestHandler`` on an aiohttp ``web.Application``
  with an FSM router on ``MemoryStorage`` (aiogram has no file storage).

Both answer the webhook before the update is handled (their default; ours
answers after the turn is committed). The conversation is the one our bot
has with the benchmark's people: the same eight steps, and at each step the
same texts and buttons ours sends (``--script``, taken from our engine by
:func:`bench.web.our_script`), so the same bytes go out per update. Each
step keeps the person's answer in the framework's per-user state.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

#: What a step sends: (HTML text, inline keyboard as ``[[label, data], ...]`` rows or None).
Reply = tuple[str, list[list[list[str]]] | None]


def load_script(path: Path) -> list[list[Reply]]:
    """The replies of every step, as :func:`bench.web.our_script` wrote them."""
    steps: list[list[Reply]] = [[(r[0], r[1]) for r in step]
                                for step in json.loads(path.read_text())]
    return steps


# --- python-telegram-bot ----------------------------------------------------------


def run_ptb(api: str, token: str, port: int, secret: str, folder: Path,
            script: list[list[Reply]]) -> None:
    """PTB's ``run_webhook`` until SIGTERM (PicklePersistence flushes at shutdown)."""
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
    from telegram.constants import ParseMode
    from telegram.ext import (
        Application,
        ContextTypes,
        ConversationHandler,
        MessageHandler,
        PicklePersistence,
        filters,
    )

    def markup(rows: list[list[list[str]]] | None) -> InlineKeyboardMarkup | None:
        if rows is None:
            return None
        return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)
                                      for label, data in row] for row in rows])

    replies = [[(html, markup(rows)) for html, rows in step] for step in script]

    def step_handler(index: int) -> Any:
        async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
            assert update.message is not None
            assert context.user_data is not None
            context.user_data[f"answer_{index}"] = update.message.text
            for html, keyboard in replies[index]:
                await update.message.reply_text(html, parse_mode=ParseMode.HTML,
                                                reply_markup=keyboard)
            return index + 1 if index + 1 < len(replies) else ConversationHandler.END

        return handle

    text = filters.TEXT
    conversation = ConversationHandler(
        entry_points=[MessageHandler(text, step_handler(0))],
        states={index: [MessageHandler(text, step_handler(index))]
                for index in range(1, len(replies))},
        fallbacks=[],
        name="onboarding",
        persistent=True,
    )
    application = (Application.builder().token(token).base_url(f"{api}/bot")
                   .base_file_url(f"{api}/file/bot")
                   .persistence(PicklePersistence(filepath=folder / "ptb.pickle"))
                   .build())
    application.add_handler(conversation)
    application.run_webhook(listen="127.0.0.1", port=port, url_path="telegram/webhook",
                            secret_token=secret,
                            webhook_url=f"http://127.0.0.1:{port}/telegram/webhook")


# --- aiogram --------------------------------------------------------------------


def run_aiogram(api: str, token: str, port: int, secret: str,
                script: list[list[Reply]]) -> None:
    """The aiogram webhook server (aiohttp) until SIGTERM."""
    from aiogram import Bot, Dispatcher, F, Router
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.enums import ParseMode
    from aiogram.filters import StateFilter
    from aiogram.fsm.context import FSMContext
    from aiogram.fsm.state import State, StatesGroup
    from aiogram.fsm.storage.memory import MemoryStorage
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
    from aiohttp import web

    def markup(rows: list[list[list[str]]] | None) -> InlineKeyboardMarkup | None:
        if rows is None:
            return None
        return InlineKeyboardMarkup(inline_keyboard=[
            [InlineKeyboardButton(text=label, callback_data=data) for label, data in row]
            for row in rows])

    replies = [[(html, markup(rows)) for html, rows in step] for step in script]
    steps = type("Onboarding", (StatesGroup,),
                 {f"step_{i}": State() for i in range(1, len(replies))})
    states: list[State | None] = [None, *(getattr(steps, f"step_{i}")
                                          for i in range(1, len(replies)))]
    router = Router()

    def register(index: int) -> None:
        async def handle(message: Message, state: FSMContext) -> None:
            await state.update_data({f"answer_{index}": message.text})
            if index + 1 < len(replies):
                await state.set_state(states[index + 1])
            else:
                await state.clear()
            for html, keyboard in replies[index]:
                await message.answer(html, parse_mode=ParseMode.HTML, reply_markup=keyboard)

        router.message.register(handle, StateFilter(states[index]), F.text)

    for index in range(len(replies)):
        register(index)

    async def on_startup(bot: Bot) -> None:
        await bot.set_webhook(f"http://127.0.0.1:{port}/telegram/webhook",
                              secret_token=secret)

    dispatcher = Dispatcher(storage=MemoryStorage())
    dispatcher.include_router(router)
    dispatcher.startup.register(on_startup)
    session = AiohttpSession(api=TelegramAPIServer.from_base(api))
    bot = Bot(token, session=session)
    app = web.Application()
    SimpleRequestHandler(dispatcher=dispatcher, bot=bot, secret_token=secret).register(
        app, path="/telegram/webhook")
    setup_application(app, dispatcher, bot=bot)
    web.run_app(app, host="127.0.0.1", port=port, print=None)


def main() -> None:
    """Run one rival's webhook server until stopped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rival", choices=["ptb", "aiogram"])
    parser.add_argument("--api", required=True, help="the fake Bot API's base URL")
    parser.add_argument("--token", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--script", type=Path, required=True)
    args = parser.parse_args()
    script = load_script(args.script)
    if args.rival == "ptb":
        run_ptb(args.api, args.token, args.port, args.secret, args.folder, script)
    else:
        run_aiogram(args.api, args.token, args.port, args.secret, script)


if __name__ == "__main__":
    main()
