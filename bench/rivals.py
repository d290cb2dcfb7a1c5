"""The daily check-in written the way people would write it with other frameworks.

Same flow and inputs as our engine's benchmark (start, pain, cauda equina
question, three exercises, pain after), with the same pain parser:

* python-telegram-bot 22: a ``ConversationHandler`` fed ``Update`` objects
  through ``Application.process_update``, with a request object that never
  touches the network, and ``PicklePersistence`` either as configured by
  default (kept in memory, written every 60 s) or flushed after every
  update (what durability costs there);
* aiogram 3: an FSM router on ``MemoryStorage`` fed through
  ``Dispatcher.feed_update``, with a session that never touches the network.

Both answer every turn through their own Bot API objects (serialising the
request and parsing a canned reply), as a real bot would.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from flows.parsing import parse_pain
from flows.spec import Answer

PAIN_Q = "How bad is your leg pain right now, from 0 (none) to 10 (worst imaginable)?"
CE_Q = "Quick safety check: any new numbness between your legs or bladder trouble?"
EXERCISES = ["Hip release", "Press-ups", "Nerve floss: slider"]
AFTER_Q = "How is your leg pain now, from 0 to 10?"
CHECKIN_TEXTS = ["/checkin", "3", "no", "done", "done", "done", "3"]
#: Our check-in also asks how far down the pain reaches (one tap); the rivals implement the
#: check-in without it, so latencies are compared per turn.
OUR_CHECKIN_TEXTS = ["/checkin", "3", "thigh", "no", "done", "done", "done", "3"]
BOT_ID = 4242


def _message_json(chat_id: int, text: str, message_id: int) -> dict[str, Any]:
    return {"message_id": message_id, "date": 1772438400,
            "chat": {"id": chat_id, "type": "private", "first_name": "P"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot", "username": "bot"},
            "text": text}


def update_json(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    """A Telegram ``message`` update as the Bot API sends it."""
    message = {
        "message_id": update_id, "date": 1772438400,
        "chat": {"id": user_id, "type": "private", "first_name": "P"},
        "from": {"id": user_id, "is_bot": False, "first_name": "P"},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0,
                                "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}


def _reply_body(method: str, data: dict[str, Any]) -> bytes:
    if method.lower() == "getme":
        result: Any = {"id": BOT_ID, "is_bot": True, "first_name": "Bot", "username": "bot",
                       "can_join_groups": True, "can_read_all_group_messages": False,
                       "supports_inline_queries": False}
    else:
        result = _message_json(int(data.get("chat_id", 1)), str(data.get("text", "")), 1)
    return json.dumps({"ok": True, "result": result}).encode()


# --- python-telegram-bot ----------------------------------------------------------

class PTBCheckin:
    """The check-in as a python-telegram-bot ``ConversationHandler``.

    ``persistence``: ``"none"`` (state in memory only), ``"pickle"``
    (PicklePersistence as configured by default: written on a timer and at
    shutdown) or ``"flushed"`` (PicklePersistence written after every update).
    """

    MODES = ("none", "pickle", "flushed")

    def __init__(self, folder: Path, *, persistence: str) -> None:
        if persistence not in self.MODES:
            raise ValueError(f"unknown persistence {persistence!r}")
        self.folder = folder
        self.persistence = persistence
        self.flush_every_update = persistence == "flushed"
        self.app: Any = None
        self.bot: Any = None

    async def start(self) -> None:
        from telegram import Update
        from telegram.ext import (
            Application,
            CommandHandler,
            ConversationHandler,
            MessageHandler,
            PicklePersistence,
            filters,
        )
        from telegram.request import BaseRequest

        class NullRequest(BaseRequest):
            @property
            def read_timeout(self) -> float | None:
                return None

            async def initialize(self) -> None:
                return None

            async def shutdown(self) -> None:
                return None

            async def do_request(self, url: str, method: str, request_data: Any = None,
                                 *args: Any, **kwargs: Any) -> tuple[int, bytes]:
                data = request_data.parameters if request_data is not None else {}
                return 200, _reply_body(url.rsplit("/", 1)[-1], data)

        pain_state, ce_state, ex_state, after_state = range(4)

        async def start(update: Update, context: Any) -> int:
            await update.message.reply_text(PAIN_Q)
            return pain_state

        async def pain(update: Update, context: Any) -> int:
            reading = parse_pain(update.message.text)
            if not isinstance(reading, Answer):
                await update.message.reply_text("Please send a number from 0 to 10.")
                return pain_state
            context.user_data["before"] = reading.value
            await update.message.reply_text(CE_Q)
            return ce_state

        async def ce(update: Update, context: Any) -> int:
            if update.message.text.strip().lower() == "yes":
                await update.message.reply_text("Go to an emergency department now.")
                return ConversationHandler.END
            context.user_data["exercise"] = 0
            await update.message.reply_text(EXERCISES[0])
            return ex_state

        async def exercise(update: Update, context: Any) -> int:
            context.user_data["exercise"] += 1
            index = context.user_data["exercise"]
            if index < len(EXERCISES):
                await update.message.reply_text(EXERCISES[index])
                return ex_state
            await update.message.reply_text(AFTER_Q)
            return after_state

        async def after(update: Update, context: Any) -> int:
            reading = parse_pain(update.message.text)
            if not isinstance(reading, Answer):
                await update.message.reply_text("Please send a number from 0 to 10.")
                return after_state
            flare = context.user_data["before"] <= 5 and reading.value >= 6
            await update.message.reply_text("Flare-up: back off." if flare else "Well done.")
            return ConversationHandler.END

        text = filters.TEXT & ~filters.COMMAND
        handler = ConversationHandler(
            entry_points=[CommandHandler("checkin", start)],
            states={
                pain_state: [MessageHandler(text, pain)],
                ce_state: [MessageHandler(text, ce)],
                ex_state: [MessageHandler(text, exercise)],
                after_state: [MessageHandler(text, after)],
            },
            fallbacks=[],
            name="checkin",
            persistent=self.persistence != "none",
        )
        builder = (Application.builder().token("4242:TEST").request(NullRequest())
                   .get_updates_request(NullRequest()))
        if self.persistence != "none":
            builder = builder.persistence(PicklePersistence(filepath=self.folder / "ptb.pickle"))
        self.app = builder.build()
        self.app.add_handler(handler)
        await self.app.initialize()
        self.bot = self.app.bot
        self._update_type = Update

    def make_update(self, update_id: int, user_id: int, text: str) -> Any:
        return self._update_type.de_json(update_json(update_id, user_id, text), self.bot)

    async def turn(self, update: Any) -> None:
        await self.app.process_update(update)
        if self.flush_every_update:
            await self.app.update_persistence()

    async def stop(self) -> None:
        await self.app.shutdown()


# --- aiogram --------------------------------------------------------------------


class AiogramCheckin:
    """The check-in as an aiogram 3 FSM router on ``MemoryStorage``."""

    async def start(self) -> None:
        from aiogram import Bot, Dispatcher, F, Router
        from aiogram.client.session.base import BaseSession
        from aiogram.filters import Command
        from aiogram.fsm.context import FSMContext
        from aiogram.fsm.state import State, StatesGroup
        from aiogram.fsm.storage.memory import MemoryStorage
        from aiogram.types import Message, Update

        class NullSession(BaseSession):
            async def close(self) -> None:
                return None

            async def make_request(self, bot: Any, method: Any, timeout: Any = None) -> Any:
                # serialise the request the way a real session does before sending it
                json.dumps({key: self.prepare_value(value, bot=bot, files={})
                            for key, value in method.model_dump(warnings=False).items()})
                body = _reply_body(method.__api_method__, {
                    "chat_id": getattr(method, "chat_id", 1), "text": getattr(method, "text", "")})
                response = self.check_response(bot=bot, method=method, status_code=200,
                                               content=body.decode())
                return response.result

            async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncIterator[bytes]:
                yield b""

        class CheckIn(StatesGroup):
            pain = State()
            ce = State()
            exercise = State()
            after = State()

        router = Router()

        @router.message(Command("checkin"))
        async def start(message: Message, state: FSMContext) -> None:
            await state.set_state(CheckIn.pain)
            await message.answer(PAIN_Q)

        @router.message(CheckIn.pain, F.text)
        async def pain(message: Message, state: FSMContext) -> None:
            reading = parse_pain(message.text or "")
            if not isinstance(reading, Answer):
                await message.answer("Please send a number from 0 to 10.")
                return
            await state.update_data(before=reading.value)
            await state.set_state(CheckIn.ce)
            await message.answer(CE_Q)

        @router.message(CheckIn.ce, F.text)
        async def ce(message: Message, state: FSMContext) -> None:
            if (message.text or "").strip().lower() == "yes":
                await state.clear()
                await message.answer("Go to an emergency department now.")
                return
            await state.update_data(exercise=0)
            await state.set_state(CheckIn.exercise)
            await message.answer(EXERCISES[0])

        @router.message(CheckIn.exercise, F.text)
        async def exercise(message: Message, state: FSMContext) -> None:
            index = (await state.get_data())["exercise"] + 1
            await state.update_data(exercise=index)
            if index < len(EXERCISES):
                await message.answer(EXERCISES[index])
                return
            await state.set_state(CheckIn.after)
            await message.answer(AFTER_Q)

        @router.message(CheckIn.after, F.text)
        async def after(message: Message, state: FSMContext) -> None:
            reading = parse_pain(message.text or "")
            if not isinstance(reading, Answer):
                await message.answer("Please send a number from 0 to 10.")
                return
            before = (await state.get_data())["before"]
            await state.clear()
            flare = before <= 5 and reading.value >= 6
            await message.answer("Flare-up: back off." if flare else "Well done.")

        self.dispatcher = Dispatcher(storage=MemoryStorage())
        self.dispatcher.include_router(router)
        self.bot = Bot(token="4242:TEST", session=NullSession())
        self._update_type = Update

    def make_update(self, update_id: int, user_id: int, text: str) -> Any:
        return self._update_type.model_validate(update_json(update_id, user_id, text),
                                                context={"bot": self.bot})

    async def turn(self, update: Any) -> None:
        await self.dispatcher.feed_update(self.bot, update)

    async def stop(self) -> None:
        await self.bot.session.close()


async def run_rival(rival: Any, users: list[int], first_update: int) -> list[float]:
    """Every user's check-in through ``rival``; per-turn latencies in seconds."""
    latencies = []
    update_id = first_update
    for user in users:
        for text in CHECKIN_TEXTS:
            update = rival.make_update(update_id, user, text)
            update_id += 1
            started = time.perf_counter()
            await rival.turn(update)
            latencies.append(time.perf_counter() - started)
    return latencies
