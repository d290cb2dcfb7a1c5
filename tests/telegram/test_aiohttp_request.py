"""PTB's Bot over our aiohttp network layer: what it sends, and how failures surface.

The sender maps PTB's exceptions to delivery outcomes (a timeout or a lost
connection is tried again, a 429 waits), so the layer must raise exactly
what PTB's own httpx layer raises.
"""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot.telegram.aiohttp_request import AiohttpRequest
from fakes.http import free_port
from fakes.telegram import TOKEN, FakeTelegram

CHAT = 424242


def bot_for(url: str, *, read_timeout: float = 5.0) -> Bot:
    return Bot(TOKEN, base_url=f"{url}/bot", base_file_url=f"{url}/file/bot",
               request=AiohttpRequest(connection_pool_size=4, read_timeout=read_timeout))


async def test_a_message_with_buttons_arrives_as_sent(fake_telegram: FakeTelegram) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="t|yes")]])
    async with bot_for(fake_telegram.url) as bot:
        sent = await bot.send_message(CHAT, "<b>Fever?</b> Ünïcode ✓", parse_mode=ParseMode.HTML,
                                      reply_markup=keyboard)
    (call,) = fake_telegram.sent(CHAT)
    assert sent.text == "Fever? Ünïcode ✓"
    assert fake_telegram.message(call)["reply_markup"]["inline_keyboard"][0][0][
        "callback_data"] == "t|yes"


async def test_a_document_goes_as_multipart_with_its_caption(
        fake_telegram: FakeTelegram) -> None:
    async with bot_for(fake_telegram.url) as bot:
        await bot.send_document(CHAT, b"%PDF-1.4 pain diary", filename="diary.pdf",
                                caption="Your <i>diary</i>", parse_mode=ParseMode.HTML)
    (call,) = fake_telegram.sent(CHAT)
    assert list(call.files.values()) == [b"%PDF-1.4 pain diary"]
    assert call.params["caption"] == "Your <i>diary</i>"


async def test_an_answer_slower_than_the_read_timeout_is_timed_out(
        fake_telegram: FakeTelegram) -> None:
    async with bot_for(fake_telegram.url, read_timeout=0.3) as bot:
        fake_telegram.delay("sendMessage", 2.0)
        with pytest.raises(TimedOut):
            await bot.send_message(CHAT, "hello")


async def test_a_flood_limit_is_ptbs_retry_after(fake_telegram: FakeTelegram) -> None:
    async with bot_for(fake_telegram.url) as bot:
        fake_telegram.fail("sendMessage", 429, retry_after=7)
        with pytest.raises(RetryAfter):
            await bot.send_message(CHAT, "hello")


async def test_nobody_listening_is_a_network_error() -> None:
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as raised:
            await request.do_request(f"http://127.0.0.1:{free_port()}/bot{TOKEN}/getMe", "POST")
        assert not isinstance(raised.value, TimedOut)
    finally:
        await request.shutdown()
