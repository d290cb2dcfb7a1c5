"""A person talks to the bot in Telegram: end to end, in polling and in webhook mode.

Real python-telegram-bot, the fake Bot API on 127.0.0.1, the real engine on
SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.engine import Engine, TurnResult
from bot.runtime import Runtime
from bot.telegram.render import ALERT_HEADINGS
from core.messages import InboundEvent
from fakes.telegram import FakeTelegram
from flows import texts
from tests.telegram.driver import TelegramDriver

EMERGENCY_HEADING = ALERT_HEADINGS["emergency"]  # type: ignore[index]


def clock_of(runtime: Runtime) -> ManualClock:
    assert isinstance(runtime.clock, ManualClock)
    return runtime.clock


async def test_a_first_message_gets_the_welcome_with_a_button(
        telegram_bot: TelegramDriver) -> None:
    welcome = await telegram_bot.person().says("hello")
    assert welcome.has("not a doctor")
    assert welcome.labels == ["Let's start"]
    assert welcome.asking.params["parse_mode"] == "HTML"


async def test_a_pressed_button_is_answered_and_its_message_shows_the_answer(
        telegram_bot: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot.person()
    question = (await alice.says("hello")).asking
    consent = await alice.presses("Let's start")
    assert consent.labels == ["I agree", "I don't agree"]
    (answer,) = fake_telegram.calls_of("answerCallbackQuery")
    assert answer.status == 200
    shown = fake_telegram.message(question)
    assert shown["text"].endswith("\n\n→ Let's start")
    assert "reply_markup" not in shown  # cannot be pressed twice


async def test_a_full_onboarding_by_buttons(telegram_bot: TelegramDriver,
                                            fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot.person()
    done = await alice.onboards()
    assert done.has(texts.menu.MENU)
    assert any("Press-ups" in c.text for c in alice.history)
    answers = fake_telegram.calls_of("answerCallbackQuery")
    assert len(answers) == 14  # every press, each answered once
    assert all(a.status == 200 for a in answers)
    pressed = [c for c in alice.history if c.buttons and c is not alice.history[-1]]
    unpressed = {alice.asked_with("UTC").result["message_id"],
                 alice.asked_with("19:00").result["message_id"]}  # answered by typing
    for call in pressed:
        if call.result["message_id"] not in unpressed:
            shown = fake_telegram.message(call)
            assert "→ " in shown["text"]
            assert "reply_markup" not in shown


async def test_a_daily_checkin(telegram_bot: TelegramDriver, telegram_runtime: Runtime) -> None:
    alice = telegram_bot.person()
    await alice.onboards()
    clock_of(telegram_runtime).advance(timedelta(days=1))
    await alice.says("/checkin")
    await alice.says("5")
    exercise = await alice.presses("No")  # no new bladder or saddle symptoms
    assert exercise.labels == ["Done", "Skip", "Too painful"]
    for _ in range(3):
        await alice.presses("Done")
    summary = await alice.says("5")
    assert summary.has("Pain 5 before and after")


async def test_free_text_describing_an_emergency_interrupts_a_checkin(
        telegram_bot: TelegramDriver, telegram_runtime: Runtime) -> None:
    alice = telegram_bot.person()
    await alice.onboards()
    clock_of(telegram_runtime).advance(timedelta(days=1))
    await alice.says("/checkin")
    await alice.says("3")
    reply = await alice.says("I can't control my bladder since this morning")
    alert = reply[0]
    assert alert.text.split("\n")[0] == EMERGENCY_HEADING
    assert alert.html.startswith(f"<b>{EMERGENCY_HEADING}</b>")
    assert alert.result["entities"][0]["type"] == "bold"
    assert alert.result["entities"][0]["offset"] == 0
    assert reply.has("emergency department")


async def test_a_stale_button_pressed_days_later_is_explained_not_applied(
        telegram_bot: TelegramDriver, telegram_runtime: Runtime,
        fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot.person()
    await alice.onboards()
    old_question = alice.asked_with("19:00")  # she typed 09:00 instead
    clock_of(telegram_runtime).advance(timedelta(days=3))
    reply = await alice.presses("19:00", on=old_question, inaccessible=True)
    assert reply.has("earlier question")
    assert fake_telegram.calls_of("answerCallbackQuery")[-1].status == 200
    (dropped,) = fake_telegram.calls_of("editMessageReplyMarkup")
    assert dropped.params["message_id"] == old_question.result["message_id"]
    assert "reply_markup" not in fake_telegram.message(old_question)
    settings = await alice.says("/reminders")
    assert settings.has("every day at 09:00")


async def test_a_stale_button_still_on_screen_loses_its_keyboard_without_showing_an_answer(
        telegram_bot: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot.person()
    await alice.onboards()
    old_question = alice.asked_with("19:00")  # she typed 09:00 instead
    edits_before = len(fake_telegram.calls_of("editMessageText"))

    reply = await alice.presses("19:00", on=old_question)

    assert reply.has("earlier question")
    assert len(fake_telegram.calls_of("editMessageText")) == edits_before
    (dropped,) = fake_telegram.calls_of("editMessageReplyMarkup")
    assert dropped.params["message_id"] == old_question.result["message_id"]
    assert "→" not in fake_telegram.message(old_question)["text"]


async def test_garbled_button_data_gets_a_reprompt(telegram_bot: TelegramDriver,
                                                   fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot.person()
    await alice.says("hello")
    reply = await alice.presses("Let's start", data="not-ours")
    assert reply.has(texts.common.DIDNT_UNDERSTAND)
    assert reply.labels == ["Let's start"]
    assert fake_telegram.calls_of("answerCallbackQuery")[-1].status == 200


@pytest.mark.parametrize("recorded", ["sticker", "photo", "voice"])
async def test_what_is_not_text_gets_a_friendly_hint(telegram_bot: TelegramDriver,
                                                     recorded: str) -> None:
    alice = telegram_bot.person()
    await alice.says("hello")
    reply = await alice.sends_recorded(recorded)
    assert reply.text == texts.common.NOT_TEXT
    assert (await alice.presses("Let's start", on=alice.asked_with("Let's start"))).labels \
        == ["I agree", "I don't agree"]  # the conversation went on where it was


async def test_an_edited_message_is_not_taken_as_an_answer(telegram_bot: TelegramDriver) -> None:
    alice = telegram_bot.person()
    await alice.says("hello")
    await alice.presses("Let's start")
    await alice.presses("I agree")
    reply = await alice.sends_recorded("edited_message")  # an edit saying "7"
    assert reply.has(texts.common.EDIT_NOT_READ)
    assert reply.has("time zone")  # the question again
    zone = await alice.says("Europe/Berlin")
    assert zone.has("Europe/Berlin")  # still at the time zone question


async def test_an_edit_describing_an_emergency_gets_the_emergency_reply(
        telegram_bot: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot.person()
    await alice.says("hello")
    edit = fake_telegram.other_update("edited_message", alice.user)
    edit["edited_message"]["text"] = "actually I can't control my bladder"
    reply = await alice.sends(edit)
    assert reply.has("emergency department")


async def test_a_start_deep_link_reaches_the_engine_unchanged(
        telegram_bot: TelegramDriver, telegram_runtime: Runtime) -> None:
    seen: list[InboundEvent] = []
    engine = telegram_runtime.engine

    class Recording(Engine):
        def handle(self, event: InboundEvent) -> TurnResult:
            seen.append(event)
            return engine.handle(event)

    telegram_runtime.engine = Recording(telegram_runtime.db, telegram_runtime.clock)
    welcome = await telegram_bot.person().says("/start clinic-4F7Q")
    assert [e.text for e in seen] == ["/start clinic-4F7Q"]
    assert welcome.labels == ["Let's start"]


async def test_group_chats_are_not_answered(telegram_bot: TelegramDriver,
                                            fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot.person()
    await telegram_bot.transport(fake_telegram.other_update("group_message", alice.user))
    reply = await alice.says("hello")  # handled after the group message
    assert reply.labels == ["Let's start"]
    assert {c.chat for c in fake_telegram.calls_of("sendMessage")} == {alice.user}


async def test_examined_pressed_right_after_an_emergency_keeps_the_pause(
        telegram_bot: TelegramDriver, telegram_runtime: Runtime) -> None:
    """A double tap on Yes at the saddle question, then the new button within a minute."""
    alice = telegram_bot.person()
    await alice.onboards()
    await alice.says("/restart")
    await alice.presses("Yes, start again")
    await alice.presses("Let's start")
    await alice.presses("I agree")
    await alice.says("Europe/Berlin")
    saddle = (await alice.says("09:00")).asking
    yes = dict(saddle.buttons)["Yes"]
    alert = await alice.presses("Yes", on=saddle)
    assert alert.has(EMERGENCY_HEADING)
    # The second tap of a double tap, sent before the keyboard was taken away.
    again = await alice.presses("Yes", on=saddle, data=yes)
    assert not again.has("lifted the pause")
    kept = await alice.presses(texts.safety.EXAMINED)
    assert kept.has("too soon")
    assert kept.labels == [texts.safety.EXAMINED]
    clock_of(telegram_runtime).advance(timedelta(hours=3))
    lifted = await alice.presses(texts.safety.EXAMINED)
    assert lifted.has("lifted the pause")
