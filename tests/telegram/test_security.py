"""No health data or secrets in the logs of a whole Telegram session, in either mode.

The real python-telegram-bot talks to the fake Bot API while logging is set
up as the deployed bot sets it up, with every library opened to DEBUG: PTB
then logs each Bot API call with its parameters and its URL (the token is
in the path), httpx logs every request URL. None of it may reach the log
output, nor may the pain scores as typed, a free-text emergency, the name a
clinic gave the person, or any secret the bot was configured with.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.runtime import Runtime
from fakes.telegram import TOKEN, WEBHOOK_SECRET
from flows import texts
from storage import clinics, invites
from tests.conftest import START
from tests.logcapture import production_logging
from tests.telegram.driver import Person, TelegramDriver

LABEL = "Zelda Quokka-Marsh"
PAIN_BEFORE, PAIN_AFTER = "7/10", "3/10"
EMERGENCY = "since the horse ride my groin feels numb when I wipe"


@pytest.fixture
def named_invite(telegram_runtime: Runtime) -> str:
    """An invite of a clinic set up on Slack that names its patient."""
    clinic = clinics.save_clinic(
        telegram_runtime.db, name="#physio-north", platform="slack", team="T0CLINIC1",
        channel="C0PHYSIO1", call_time="09:30", timezone="Europe/Berlin", window_hours=12,
        next_call_at=START + timedelta(days=1), now=START)
    return invites.create(telegram_runtime.db, clinic.id, START, timedelta(days=7), LABEL)


async def checks_in(person: Person, before: str, after: str) -> None:
    """A whole check-in, pain scores typed out of ten."""
    await person.says("/checkin")
    await person.says(before)
    replies = await person.presses("No")  # no new bladder or saddle symptoms
    if texts.checkin.GO_ON in replies.labels:
        replies = await person.presses(texts.checkin.GO_ON)
    if texts.checkin.TENSIONER_NO in replies.labels:
        await person.presses(texts.checkin.TENSIONER_NO)
    for _exercise in range(3):
        await person.presses("Done")
    await person.says(after)


async def test_a_whole_session_logged_at_debug_writes_no_health_data_or_secret(
        telegram_bot: TelegramDriver, named_invite: str, encryption_key: str) -> None:
    secrets = [TOKEN, TOKEN.partition(":")[2], WEBHOOK_SECRET, encryption_key]
    alice = telegram_bot.person()
    with production_logging(secrets) as logs:
        await alice.onboards()
        await checks_in(alice, PAIN_BEFORE, PAIN_AFTER)
        consent = await alice.says(f"/start {named_invite}")
        await alice.presses(texts.clinic.INVITE_YES)
        alert = await alice.says(EMERGENCY)
        export = await alice.says("/export")

    assert consent.has(LABEL)
    assert alert.has("emergency department")
    assert [c.method for c in export].count("sendDocument") == 3  # summary, CSV, JSON
    made = "\n".join(logs.made_by("telegram") + logs.made_by("httpx"))
    assert TOKEN in made  # the libraries did log the token (and the texts sent) at DEBUG
    assert LABEL in made
    assert logs.leaked([PAIN_BEFORE, PAIN_AFTER, EMERGENCY, "groin", LABEL, named_invite,
                        *secrets]) == []
