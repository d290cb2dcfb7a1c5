"""Hostile input through the real python-telegram-bot and the fake Bot API.

Markup never reaches Telegram as markup: what the fake parses out of each
HTML call (its text and entities, as Telegram would) is checked, so a name
carrying ``<b>`` or a link shows as typed. Webhook bodies that are not
updates get a 4xx, never a 5xx (which would make Telegram send them again
forever). A press arriving for another person's message, or a clinic call
button (Telegram never shows one), changes nobody's conversation.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bot.runtime import Runtime
from bot.telegram.webhook import SECRET_HEADER
from fakes.telegram import WEBHOOK_SECRET, FakeTelegram
from flows import texts
from storage import clinics, invites
from storage.models import ClinicMember
from storage.tables import identities, processed
from storage.turns import stored_context
from tests.conftest import START
from tests.telegram.driver import ALICE, Person, TelegramDriver

BOB = 5120036875
SQL = "'; DROP TABLE users; --"
LABEL = '<b>Zed</b> <a href="https://evil.example">x</a> *bold* _x_ `code` & <!channel> ' + SQL
HOSTILE = {"nul": "\x00", "ansi": "\x1b[2J\x1b[31mred", "rtl override": "\u202eevil",
           "emoji": "🔥🔥🔥", "html": '<b>x</b><a href="tg://user?id=1">y</a>', "sql": SQL,
           "100 kB": "numb " * 20_000}


def clinic_invite(runtime: Runtime, label: str) -> str:
    """A fresh invite of a clinic set up on Slack, naming its patient ``label``."""
    clinic = clinics.save_clinic(
        runtime.db, name="#physio-north", platform="slack", team="T0CLINIC1",
        channel="C0PHYSIO1", call_time="09:30", timezone="Europe/Berlin", window_hours=12,
        next_call_at=START + timedelta(days=1), now=START)
    return invites.create(runtime.db, clinic.id, START, timedelta(days=7), label)


def processed_count(runtime: Runtime) -> int:
    with runtime.db.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(processed)).scalar_one())


def chats_of(runtime: Runtime, user: int) -> list[str]:
    """The chat the bot writes to for ``user`` (empty if it never met them)."""
    with runtime.db.engine.connect() as connection:
        return list(connection.execute(
            select(identities.c.chat).where(identities.c.platform == "telegram",
                                            identities.c.platform_user == str(user))).scalars())


@pytest.fixture
async def alice(telegram_bot: TelegramDriver) -> Person:
    """Alice, set up and screened in her private chat (in each mode)."""
    person = telegram_bot.person()
    await person.onboards()
    return person


@pytest.fixture
async def alice_welcomed(telegram_bot: TelegramDriver) -> Person:
    """Alice said hello and sees the welcome with its button."""
    person = telegram_bot.person()
    await person.says("hello")
    return person


@pytest.fixture
async def bob(telegram_bot: TelegramDriver) -> Person:
    """Bob, who has just said hello in his own private chat."""
    person = telegram_bot.person(BOB, "Bob")
    await person.says("hello")
    return person


# --- markup in what the bot says -----------------------------------------------------


async def test_markup_in_a_clinics_name_for_the_patient_reaches_telegram_as_plain_text(
        alice: Person, telegram_runtime: Runtime, fake_telegram: FakeTelegram) -> None:
    code = clinic_invite(telegram_runtime, LABEL)

    asked = (await alice.says(f"/start {code}")).asking

    shown = fake_telegram.message(asked)
    assert LABEL in shown["text"]
    assert shown.get("entities", []) == []
    assert "&lt;b&gt;Zed&lt;/b&gt; &lt;a href=" in asked.html


async def test_pressing_a_button_under_such_a_name_keeps_it_plain(
        alice: Person, telegram_runtime: Runtime, fake_telegram: FakeTelegram) -> None:
    code = clinic_invite(telegram_runtime, LABEL)
    asked = (await alice.says(f"/start {code}")).asking

    await alice.presses(texts.clinic.INVITE_YES, on=asked)

    shown = fake_telegram.message(asked)
    assert LABEL in shown["text"]
    assert shown["text"].endswith(f"→ {texts.clinic.INVITE_YES}")
    assert shown.get("entities", []) == []


# --- what a person sends --------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
async def test_hostile_text_is_answered_with_the_question_again_and_never_echoed(
        alice_welcomed: Person, text: str) -> None:
    reply = await alice_welcomed.says(text)

    assert reply.has(texts.common.DIDNT_UNDERSTAND)
    assert reply.labels == ["Let's start"]
    assert text.strip()[:40] not in reply.text
    assert all(c.params.get("parse_mode") == "HTML" for c in reply)


# --- a press that is not the presser's to make --------------------------------------------


async def test_a_press_on_another_persons_message_changes_nothing_for_them(
        alice_welcomed: Person, telegram_bot: TelegramDriver, telegram_runtime: Runtime,
        fake_telegram: FakeTelegram) -> None:
    welcome = alice_welcomed.last.asking
    sent_to_alice = len(fake_telegram.sent(ALICE))
    alice_before = stored_context(telegram_runtime.db, "telegram", str(ALICE))

    await telegram_bot.transport(fake_telegram.press(BOB, welcome, "Let's start"))
    bob_hello = await telegram_bot.person(BOB, "Bob").says("hello")

    assert len(fake_telegram.sent(ALICE)) == sent_to_alice
    assert fake_telegram.message(welcome).get("reply_markup") == welcome.params["reply_markup"]
    assert stored_context(telegram_runtime.db, "telegram", str(ALICE)) == alice_before
    assert chats_of(telegram_runtime, BOB) == [str(BOB)]
    assert bob_hello.labels == ["Let's start"]


async def test_a_press_on_another_persons_message_does_not_move_the_pressers_chat(
        telegram_bot_webhook: TelegramDriver, telegram_runtime: Runtime,
        fake_telegram: FakeTelegram) -> None:
    """Webhook mode: the forged update is committed (or not) once its POST is answered."""
    alice_welcome = (await telegram_bot_webhook.person().says("hello")).asking
    await telegram_bot_webhook.person(BOB, "Bob").says("hello")
    sent_to_alice = len(fake_telegram.sent(ALICE))

    await telegram_bot_webhook.transport(fake_telegram.press(BOB, alice_welcome, "Let's start"))

    assert chats_of(telegram_runtime, BOB) == [str(BOB)]
    assert len(fake_telegram.sent(ALICE)) == sent_to_alice


async def test_a_forged_clinic_call_button_joins_no_clinic(
        bob: Person, telegram_bot: TelegramDriver, telegram_runtime: Runtime,
        fake_telegram: FakeTelegram) -> None:
    clinic_invite(telegram_runtime, "")
    before = stored_context(telegram_runtime.db, "telegram", str(BOB))

    await telegram_bot.transport(fake_telegram.press(BOB, bob.last.asking, "Let's start",
                                                     data="|clinic:1"))
    # Not an answer at the welcome (a greeting would move on to the consent question).
    again = await bob.says("what's this?")

    assert stored_context(telegram_runtime.db, "telegram", str(BOB)) == before
    with telegram_runtime.db.engine.connect() as connection:
        members = ClinicMember.__table__  # type: ignore[attr-defined]
        assert connection.execute(select(func.count()).select_from(members)).scalar() == 0
    assert not again.has("#physio-north")


# --- webhook bodies that are not updates ------------------------------------------------------


async def post(driver: TelegramDriver, body: bytes) -> httpx.Response:
    async with httpx.AsyncClient(timeout=30) as client:
        return await client.post(driver.webhook_url, content=body,
                                 headers={SECRET_HEADER: WEBHOOK_SECRET,
                                          "content-type": "application/json"})


def update_with(fake: FakeTelegram, **fields: Any) -> bytes:
    """A real text update from Alice, with ``fields`` added to it."""
    return json.dumps({**fake.text_update(ALICE, "hello"), **fields}).encode()


NESTED = {
    "array": b"[" * 100_000 + b"]" * 100_000,
    "object": b'{"a":' * 40_000 + b"1" + b"}" * 40_000,
    "inside an update": b'{"update_id": 1, "message": ' + b'{"a":' * 40_000 + b"1"
                        + b"}" * 40_001,
}


@pytest.mark.parametrize("body", NESTED.values(), ids=NESTED.keys())
async def test_deeply_nested_json_is_refused_with_400(
        telegram_bot_webhook: TelegramDriver, telegram_runtime: Runtime, body: bytes) -> None:
    response = await post(telegram_bot_webhook, body)

    assert response.status_code == 400
    assert processed_count(telegram_runtime) == 0


async def test_an_update_carrying_a_huge_array_is_answered_like_any_other(
        telegram_bot_webhook: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    body = update_with(fake_telegram, junk=[0] * 80_000)
    assert len(body) < 256 * 1024

    response = await post(telegram_bot_webhook, body)
    await telegram_bot_webhook.settled(json.loads(body)["update_id"], ALICE)

    assert response.status_code == 200
    assert [c.text.startswith("Hi, I'm Sciatica Bot") for c in fake_telegram.sent(ALICE)] \
        == [True]


@pytest.mark.parametrize("size", [256 * 1024 + 1, 2 * 1024 * 1024], ids=["just over", "2 MB"])
async def test_a_body_over_the_size_limit_is_refused_with_413_and_not_read(
        telegram_bot_webhook: TelegramDriver, telegram_runtime: Runtime,
        fake_telegram: FakeTelegram, size: int) -> None:
    update = fake_telegram.text_update(ALICE, "")
    update["message"]["text"] = "x" * size

    response = await post(telegram_bot_webhook, json.dumps(update).encode())

    assert response.status_code == 413
    assert processed_count(telegram_runtime) == 0
    assert fake_telegram.calls_of("sendMessage") == []


MALFORMED = {
    "empty": b"",
    "not utf-8": b'{"update_id": 1, "message": "\xff\xfe"}',
    "null": b"null",
    "a string": b'"update"',
    "update id a string": b'{"update_id": "1"}',
    "update id a float": b'{"update_id": 1.5}',
    "truncated": b'{"update_id": 1, "message": {"message_id": 1, "chat": {"id":',
    "message not an object": b'{"update_id": 1, "message": [1, 2, 3]}',
}
#: Valid JSON of an update, but with values of the wrong type where Telegram never puts them.
WRONG_TYPES = {
    "text a list": {"text": ["7"]},
    "text an object": {"text": {"a": 1}},
    "text a number": {"text": 7},
    "sender id a string": {"from": {"id": "abc", "is_bot": False, "first_name": "A"}},
    "chat id a string": {"chat": {"id": "abc", "type": "private"}},
    "no sender": {"from": None},
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
async def test_a_body_that_is_not_an_update_gets_a_4xx_never_a_5xx(
        telegram_bot_webhook: TelegramDriver, body: bytes) -> None:
    response = await post(telegram_bot_webhook, body)

    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("changes", WRONG_TYPES.values(), ids=WRONG_TYPES.keys())
async def test_a_message_with_wrongly_typed_fields_gets_no_5xx(
        telegram_bot_webhook: TelegramDriver, fake_telegram: FakeTelegram,
        changes: dict[str, Any]) -> None:
    update = fake_telegram.text_update(ALICE, "hello")
    update["message"].update(changes)

    response = await post(telegram_bot_webhook, json.dumps(update).encode())

    assert response.status_code < 500


@pytest.mark.parametrize("data", [7, ["|yes"], {"c": "yes"}, None], ids=str)
async def test_a_press_with_callback_data_that_is_not_a_string_gets_no_5xx(
        telegram_bot_webhook: TelegramDriver, fake_telegram: FakeTelegram,
        data: object) -> None:
    welcome = (await telegram_bot_webhook.person().says("hello")).asking
    update = fake_telegram.press(ALICE, welcome, "Let's start")
    update["callback_query"]["data"] = data

    response = await post(telegram_bot_webhook, json.dumps(update).encode())

    assert response.status_code < 500
