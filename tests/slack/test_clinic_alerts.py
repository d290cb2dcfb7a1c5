"""Immediate clinic alerts: an emergency or see-doctor of a sharing member, posted once.

Each clinic's physio set it up, so the alerts reach the physio's direct
messages (where named details go by default), never the call's channel.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.clinics import ClinicDispatcher
from bot.slack.events import read_button_value
from core.messages import Alert
from fakes.slack import Call, FakeSlack
from fakes.slack_workspace import ALICE, DAVE, SlackWorkspace, dm_of
from flows.records import SafetyRaised
from storage.models import AuditEntry
from storage.turns import Turn

CHANNEL = "C0PHYSIO1"
OTHER_CHANNEL = "C0PHYSIO2"
PHYSIO, OTHER_PHYSIO = "U0PHYSNTH", "U0PHYSSTH"
NORTH_DM, SOUTH_DM = dm_of(PHYSIO), dm_of(OTHER_PHYSIO)
MONDAY_10 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
TUESDAY_CALL = datetime(2026, 3, 3, 8, 30, tzinfo=UTC)  # 09:30 in Berlin
EMERGENCY_TEXT = "I wet myself this morning"


def alerts_in(fake: FakeSlack, channel: str) -> list[Call]:
    """Alert posts Slack accepted in a channel."""
    return [p for p in fake.posts(channel)
            if p.ts is not None and ("🚨" in p.text or "⚠️" in p.text)]


async def share_and_start_checkin(slack: SlackWorkspace, user: str, channel: str,
                                  *, share: bool = True) -> None:
    """Press the channel's call, answer the sharing question, give a pain score."""
    [call] = [p for p in slack.fake.posts(channel) if p.ts is not None and p.buttons()]
    choice = read_button_value(call.buttons()[0]["value"])
    assert choice is not None
    await slack.press(choice[0], user, post=call)
    await slack.press("yes" if share else "no", user)
    if not share:
        await slack.say("6", user)


def raise_outside_a_message(slack: SlackWorkspace, raised: SafetyRaised) -> None:
    """Record a level for the one sharing member as a turn does (e.g. the review's see-doctor)."""
    db = slack.runtime.db
    with db.transaction() as connection:
        user_id = connection.execute(
            select(AuditEntry.user_id).where(AuditEntry.kind == "sharing_given")  # type: ignore[arg-type]
        ).scalar_one()
        Turn(db, connection).add_records(user_id, [raised])


@pytest.fixture
async def two_clinics(slack: SlackWorkspace, fake_slack: FakeSlack) -> SlackWorkspace:
    """#physio-north and #physio-south, each set up by its physio, called on Tuesday.

    Alice and Dave are onboarded and in both channels.
    """
    fake_slack.names.update({PHYSIO: "Nora", OTHER_PHYSIO: "Sam"})
    fake_slack.channel_members.update({CHANNEL: [PHYSIO, ALICE, DAVE],
                                       OTHER_CHANNEL: [OTHER_PHYSIO, ALICE, DAVE]})
    for user in (ALICE, DAVE):
        await slack.onboard(user)
    slack.clock.set(MONDAY_10)
    for channel, name, physio in ((CHANNEL, "physio-north", PHYSIO),
                                  (OTHER_CHANNEL, "physio-south", OTHER_PHYSIO)):
        response = await slack.command("clinic setup 09:30", physio, channel=channel,
                                       channel_name=name)
        assert response.status_code == 200
    slack.clock.set(TUESDAY_CALL)
    await slack.worker.run_once()
    return slack


@pytest.fixture
async def alice_shares_north(two_clinics: SlackWorkspace) -> SlackWorkspace:
    """Alice shares with #physio-north only and is in its check-in."""
    await share_and_start_checkin(two_clinics, ALICE, CHANNEL)
    return two_clinics


async def test_an_emergency_reaches_the_clinic_channel_within_one_round(
        alice_shares_north: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = alice_shares_north
    await slack.say(EMERGENCY_TEXT, ALICE)
    await slack.worker.run_once()

    [alert] = alerts_in(fake_slack, NORTH_DM)
    assert "Alice (#physio-north)" in alert.text
    assert "emergency department" in alert.text
    assert "09:30 on Tuesday 3 March" in alert.text
    assert EMERGENCY_TEXT not in alert.text
    assert alert.blocks()[0] == {"type": "header", "text": {
        "type": "plain_text", "text": "🚨 Patient alert: emergency department advised",
        "emoji": True}}
    assert alerts_in(fake_slack, CHANNEL) == []


async def test_a_redelivered_event_and_two_rounds_still_post_one_alert(
        alice_shares_north: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = alice_shares_north
    event = slack.message_event(EMERGENCY_TEXT, ALICE)
    await slack.send_event(event)
    await slack.send_event(event)
    await slack.settle()
    await slack.worker.run_once()
    await slack.worker.run_once()

    assert len(alerts_in(fake_slack, NORTH_DM)) == 1


async def test_two_workers_post_an_alert_once(alice_shares_north: SlackWorkspace,
                                              fake_slack: FakeSlack) -> None:
    slack = alice_shares_north
    await slack.say(EMERGENCY_TEXT, ALICE)
    poster = slack.clinics.posters["slack"]
    deliverer = slack.worker.deliverer
    first = ClinicDispatcher(slack.runtime.db, slack.clock, [poster], deliverer=deliverer)
    second = ClinicDispatcher(slack.runtime.db, slack.clock, [poster], deliverer=deliverer)
    reports = await asyncio.gather(first.run_due(), second.run_due())

    assert sum(r.alerts for r in reports) == 1
    assert len(alerts_in(fake_slack, NORTH_DM)) == 1


async def test_a_clinic_the_patient_does_not_share_with_gets_no_alert(
        alice_shares_north: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = alice_shares_north
    await slack.say(EMERGENCY_TEXT, ALICE)
    await slack.worker.run_once()

    assert alerts_in(fake_slack, SOUTH_DM) == []


async def test_a_member_who_keeps_it_private_never_alerts(
        two_clinics: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = two_clinics
    await share_and_start_checkin(slack, DAVE, CHANNEL, share=False)
    await slack.say(EMERGENCY_TEXT, DAVE)
    await slack.worker.run_once()

    assert alerts_in(fake_slack, NORTH_DM) == []


async def test_withdrawing_before_the_round_drops_the_alert(
        alice_shares_north: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = alice_shares_north
    raised = SafetyRaised(at=slack.clock.now(), level=Alert.SEE_DOCTOR, source="review")
    raise_outside_a_message(slack, raised)
    await slack.command("sharing", ALICE)
    clinic_choice = read_button_value(
        next(p for p in fake_slack.posts(CHANNEL) if p.buttons()).buttons()[0]["value"])
    assert clinic_choice is not None
    await slack.press(f"stop:{clinic_choice[0].removeprefix('clinic:')}", ALICE)
    await slack.worker.run_once()

    assert alerts_in(fake_slack, NORTH_DM) == []


async def test_a_see_doctor_alert_says_so_and_is_audited(
        alice_shares_north: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = alice_shares_north
    db = slack.runtime.db
    raised = SafetyRaised(at=slack.clock.now(), level=Alert.SEE_DOCTOR, source="review")
    raise_outside_a_message(slack, raised)
    await slack.worker.run_once()

    [alert] = alerts_in(fake_slack, NORTH_DM)
    assert "Alice" in alert.text
    assert "see a doctor" in alert.text
    with db.engine.connect() as connection:
        audited = connection.execute(
            select(AuditEntry.detail).where(AuditEntry.kind == "clinic_alert")  # type: ignore[arg-type]
        ).scalars().all()
    assert len(audited) == 1
    assert audited[0].startswith("clinic ")


async def test_an_alert_goes_only_to_the_clinic_the_patient_shares_with(
        two_clinics: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = two_clinics
    await share_and_start_checkin(slack, DAVE, OTHER_CHANNEL)
    await slack.say(EMERGENCY_TEXT, DAVE)
    await slack.worker.run_once()

    [alert] = alerts_in(fake_slack, SOUTH_DM)
    assert "Dave" in alert.text
    assert alerts_in(fake_slack, NORTH_DM) == []


async def test_a_patient_on_another_platform_is_named_in_the_alert_as_the_invite_named_them(
        two_clinics: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = two_clinics
    anna = slack.patient_elsewhere(CHANNEL, "Anna K.")
    anna.say(EMERGENCY_TEXT, "anna")
    await slack.worker.run_once()

    [alert] = alerts_in(fake_slack, NORTH_DM)
    assert "Anna K." in alert.text
    assert "emergency department" in alert.text
    assert EMERGENCY_TEXT not in alert.text
    assert alerts_in(fake_slack, SOUTH_DM) == []
