"""The Telegram sender against the fake Bot API: what each answer means for delivery."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator

import pytest

from bot.delivery import RetryLater, Undeliverable
from bot.logs import configure
from bot.telegram.platform import build_bot
from bot.telegram.render import MAX_TEXT
from bot.telegram.sender import TelegramSender
from core.messages import Alert, Choice, Image, OutgoingMessage
from fakes.telegram import TOKEN, FakeTelegram, settings_for

CHAT = 5120036874
QUESTION = OutgoingMessage("Agree?", choices=(Choice("yes", "Yes"), Choice("no", "No")),
                           reply_token="3")


@pytest.fixture
async def telegram_sender(fake_telegram: FakeTelegram) -> AsyncIterator[TelegramSender]:
    bot = build_bot(settings_for(fake_telegram))
    yield TelegramSender(bot)
    await bot.shutdown()


async def test_a_message_is_sent_as_html_with_its_keyboard(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    await telegram_sender.send(str(CHAT), QUESTION)
    (call,) = fake_telegram.sent(CHAT)
    assert call.params["parse_mode"] == "HTML"
    assert call.text == "Agree?"
    assert call.buttons == [("Yes", "3|yes"), ("No", "3|no")]


async def test_escaped_markup_reaches_the_person_as_written(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    await telegram_sender.send(str(CHAT), OutgoingMessage("Try <b>heat</b> & ice"))
    (call,) = fake_telegram.sent(CHAT)
    assert call.text == "Try <b>heat</b> & ice"
    assert "entities" not in call.result


async def test_an_alert_heading_arrives_bold_on_the_first_line(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    await telegram_sender.send(str(CHAT), OutgoingMessage("GO NOW.", alert=Alert.EMERGENCY))
    (call,) = fake_telegram.sent(CHAT)
    first_line = call.text.split("\n")[0]
    assert first_line == "🚨 Emergency — go to an emergency department now"
    assert call.result["entities"] == [
        {"offset": 0, "length": len(first_line.encode("utf-16-le")) // 2, "type": "bold"}]


async def test_a_long_text_arrives_in_parts_under_the_limit(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    text = "\n\n".join(f"Part {n}. " + "gentle movement helps " * 150 for n in range(4))
    await telegram_sender.send(str(CHAT), OutgoingMessage(text, choices=QUESTION.choices,
                                                          reply_token="3"))
    calls = fake_telegram.sent(CHAT)
    assert len(calls) >= 3
    assert all(len(c.text) <= MAX_TEXT for c in calls)
    assert [bool(c.buttons) for c in calls] == [False] * (len(calls) - 1) + [True]
    assert "\n\n".join(c.text for c in calls) == text


async def test_a_picture_is_sent_as_a_photo_captioned_with_its_alt_text(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    png = b"\x89PNG\r\n\x1a\n fake chart"
    await telegram_sender.send(str(CHAT), OutgoingMessage(
        "Your pain this week:", image=Image(png, alt="Pain fell from 6 to 3")))
    text, photo = fake_telegram.sent(CHAT)
    assert (text.method, photo.method) == ("sendMessage", "sendPhoto")
    assert photo.files["photo"] == png
    assert photo.text == "Pain fell from 6 to 3"


async def test_flood_control_asks_to_retry_after_the_time_telegram_gave(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    fake_telegram.fail("sendMessage", 429, retry_after=7)
    with pytest.raises(RetryLater) as raised:
        await telegram_sender.send(str(CHAT), QUESTION)
    assert raised.value.retry_after == 7.0


async def test_a_blocked_bot_is_undeliverable_and_blocked(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    fake_telegram.block(CHAT)
    with pytest.raises(Undeliverable) as raised:
        await telegram_sender.send(str(CHAT), QUESTION)
    assert raised.value.blocked


async def test_a_chat_that_no_longer_exists_counts_as_blocked(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    fake_telegram.fail("sendMessage", 400, description="Bad Request: chat not found")
    with pytest.raises(Undeliverable) as raised:
        await telegram_sender.send(str(CHAT), QUESTION)
    assert raised.value.blocked


async def test_a_refused_message_is_undeliverable_but_not_blocked(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    fake_telegram.fail("sendMessage", 400, description="Bad Request: can't parse entities")
    with pytest.raises(Undeliverable) as raised:
        await telegram_sender.send(str(CHAT), QUESTION)
    assert not raised.value.blocked


async def test_a_server_error_is_retried_with_backoff(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    fake_telegram.fail("sendMessage", 500)
    with pytest.raises(RetryLater) as raised:
        await telegram_sender.send(str(CHAT), QUESTION)
    assert raised.value.retry_after == 0.0  # the deliverer backs off itself
    await telegram_sender.send(str(CHAT), QUESTION)
    assert len(fake_telegram.sent(CHAT)) == 1


async def test_a_split_message_resumes_where_it_failed(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    message = OutgoingMessage("First part. " + "a" * 4000 + "\n\nSecond part. " + "b" * 4000)
    fake_telegram.fail("sendMessage", 429, retry_after=1, after=1)  # the second part
    with pytest.raises(RetryLater):
        await telegram_sender.send(str(CHAT), message)
    await telegram_sender.send(str(CHAT), message)
    assert [c.text[:12] for c in fake_telegram.sent(CHAT)] == ["First part. ", "Second part."]


async def test_paid_broadcast_is_asked_for_only_when_configured(
        fake_telegram: FakeTelegram) -> None:
    bot = build_bot(settings_for(fake_telegram))
    try:
        await TelegramSender(bot).send(str(CHAT), QUESTION)
        await TelegramSender(bot, paid_broadcast=True).send(str(CHAT), QUESTION)
    finally:
        await bot.shutdown()
    plain, paid = fake_telegram.sent(CHAT)
    assert "allow_paid_broadcast" not in plain.params
    assert paid.params["allow_paid_broadcast"] is True


async def test_the_bot_token_and_message_text_never_reach_the_logs(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level,
             {n: logging.getLogger(n).level for n in ("httpx", "httpcore", "telegram")})
    stream = io.StringIO()
    try:
        configure("INFO", "text")
        root.handlers[0].setStream(stream)  # type: ignore[attr-defined]
        fake_telegram.fail("sendMessage", 429, retry_after=1)
        with pytest.raises(RetryLater):
            await telegram_sender.send(str(CHAT), OutgoingMessage("my pain is 7"))
        await telegram_sender.send(str(CHAT), OutgoingMessage("my pain is 7"))
        logging.getLogger("bot").info("marker")
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)
    logged = stream.getvalue()
    assert "marker" in logged  # the capture works
    assert TOKEN not in logged
    assert TOKEN.split(":")[1] not in logged
    assert "pain is 7" not in logged


async def test_a_404_is_logged_as_a_wrong_address_not_a_rejected_token(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram,
        caplog: pytest.LogCaptureFixture) -> None:
    await telegram_sender.send(str(CHAT), OutgoingMessage("warming up"))
    fake_telegram.fail("sendMessage", 404, description="Not Found")
    with caplog.at_level(logging.ERROR, logger="bot.telegram.sender"), \
            pytest.raises(RetryLater):
        await telegram_sender.send(str(CHAT), OutgoingMessage("hello"))
    (said,) = [r.getMessage() for r in caplog.records if r.name == "bot.telegram.sender"]
    assert "404 Not Found" in said
    assert "TELEGRAM_API_URL" in said
    assert "rejected the bot token" not in said


async def test_a_flood_wait_holds_only_the_chat_it_came_for(
        telegram_sender: TelegramSender, fake_telegram: FakeTelegram) -> None:
    fake_telegram.fail("sendMessage", 429, retry_after=20)
    with pytest.raises(RetryLater) as raised:
        await telegram_sender.send(str(CHAT), OutgoingMessage("hello"))
    assert raised.value.chat_wide
    assert raised.value.retry_after == 20
