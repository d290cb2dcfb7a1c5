"""A clinic's invite opened on Telegram: the deep link's /start payload, consent, leaving."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.runtime import Runtime
from storage import clinics, invites
from tests.conftest import START
from tests.telegram.driver import Person, TelegramDriver

BOB = 5120036875


@pytest.fixture
def code(telegram_runtime: Runtime) -> str:
    """An invite of the clinic of #physio-north (set up on Slack), made just now."""
    clinic = clinics.save_clinic(
        telegram_runtime.db, name="#physio-north", platform="slack", team="T0CLINIC1",
        channel="C0PHYSIO1", call_time="09:30", timezone="Europe/Berlin", window_hours=12,
        next_call_at=START + timedelta(days=1), now=START)
    return invites.create(telegram_runtime.db, clinic.id, START, timedelta(days=7))


@pytest.fixture
async def alice(telegram_bot_polling: TelegramDriver) -> Person:
    """Alice, set up and screened in her private chat with the bot."""
    person = telegram_bot_polling.person()
    await person.onboards()
    return person


async def test_the_deep_link_asks_for_consent_with_what_is_shared(alice: Person,
                                                                  code: str) -> None:
    sent = await alice.says(f"/start {code}")

    assert sent.has("#physio-north invited you")
    assert sent.has("pain score before and after")
    assert sent.has("never see anything you write to me")
    assert sent.labels == ["Yes, I agree to share", "No, keep it private"]


async def test_agreeing_on_telegram_confirms_the_sharing(alice: Person, code: str) -> None:
    await alice.says(f"/start {code}")
    sent = await alice.presses("Yes, I agree to share")

    assert sent.has("#physio-north's clinicians will see your daily note")


async def test_the_same_link_does_not_work_for_a_second_person(
        telegram_bot_polling: TelegramDriver, alice: Person, code: str) -> None:
    await alice.says(f"/start {code}")
    bob = telegram_bot_polling.person(BOB, "Bob")
    sent = await bob.says(f"/start {code}")

    assert sent.has("already been used")
    assert not sent.has("invited you")


async def test_a_new_person_sets_up_before_the_question(
        telegram_bot_polling: TelegramDriver, code: str) -> None:
    bob = telegram_bot_polling.person(BOB, "Bob")
    sent = await bob.says(f"/start {code}")

    assert sent.has("Let's get you set up first")
    assert not sent.has("Share this with")


async def test_clinic_leave_stops_sharing(alice: Person, code: str) -> None:
    await alice.says(f"/start {code}")
    await alice.presses("Yes, I agree to share")
    sent = await alice.says("/clinic leave")

    assert sent.has("#physio-north no longer see anything about you")
