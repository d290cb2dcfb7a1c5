"""Security on Slack: clinic data only to that clinic's clinicians, and logs without health data.

What ``tests/slack/test_clinic_commands.py`` and the authorization matrix
(``tests/slack/test_authorization_matrix.py``) already show is not repeated
here. These add the routes around it: a call button carried into another
channel or a DM, clinician commands typed in a DM, a role taken away
working at once and channel membership counting for nothing. Then a whole
session logged as the deployed bot logs, every library at DEBUG, writes none
of the free text, names or secrets.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

from bot.slack.events import read_button_value
from fakes.slack import TEAM, Call, FakeSlack
from fakes.slack_workspace import ALICE, BOB, SECRET, SlackWorkspace, dm_of
from flows import texts
from storage.turns import stored_context
from tests.logcapture import production_logging
from tests.slack import cast
from tests.slack.conftest import World

NORTH, SOUTH = "C0PHYSIO1", "C0PHYSIO2"
PHYSIO_NORTH, PHYSIO_SOUTH = "U0PHYSNTH", "U0PHYSSTH"
MONDAY_10 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
TUESDAY_CALL = datetime(2026, 3, 3, 8, 30, tzinfo=UTC)  # 09:30 in Berlin
BOT_TOKEN = "xoxb-test-token"  # what fakes/slack_workspace.py configures
LABEL = "Zelda Quokka-Marsh"
PAIN_BEFORE, PAIN_AFTER = "7/10", "3/10"
EMERGENCY = "since the horse ride my groin feels numb when I wipe"


def call_in(fake: FakeSlack, channel: str) -> Call:
    [call] = [p for p in fake.posts(channel) if p.ts is not None and p.buttons()]
    return call


def call_choice(call: Call) -> str:
    decoded = read_button_value(call.buttons()[0]["value"])
    assert decoded is not None
    return decoded[0]


def moved_to(payload: dict[str, Any], channel: str) -> dict[str, Any]:
    """The press payload as if the button had been pressed in ``channel``."""
    payload["container"]["channel_id"] = channel
    payload["channel"]["id"] = channel
    return payload


def bobs_context(slack: SlackWorkspace) -> str | None:
    return stored_context(slack.runtime.db, "slack", f"{TEAM}:{BOB}")


@pytest.fixture
async def two_clinics_called(slack: SlackWorkspace, fake_slack: FakeSlack) -> SlackWorkspace:
    """#physio-north and #physio-south, one physio in each, called on Tuesday; Alice, Bob set up."""
    fake_slack.names.update({PHYSIO_NORTH: "Nora", PHYSIO_SOUTH: "Sam"})
    fake_slack.channel_members.update({NORTH: [PHYSIO_NORTH], SOUTH: [PHYSIO_SOUTH]})
    for user in (ALICE, BOB):
        await slack.onboard(user)
    slack.clock.set(MONDAY_10)
    for channel, physio in ((NORTH, PHYSIO_NORTH), (SOUTH, PHYSIO_SOUTH)):
        await slack.command("clinic setup 09:30", physio, channel=channel, channel_name="physio")
    slack.clock.set(TUESDAY_CALL)
    await slack.worker.run_once()
    return slack


@pytest.fixture
async def alice_shares_north(two_clinics_called: SlackWorkspace) -> SlackWorkspace:
    """Alice pressed #physio-north's call and agreed to share with it."""
    slack = two_clinics_called
    call = call_in(slack.fake, NORTH)
    await slack.press(call_choice(call), ALICE, post=call)
    await slack.press("yes", ALICE)
    return slack


async def ask(slack: SlackWorkspace, text: str, user: str, channel: str) -> str:
    response = await slack.command(text, user, channel=channel, channel_name="physio")
    assert response.status_code == 200
    return response.text


# --- clinic data only to that clinic's channel ---------------------------------------------


async def test_a_call_button_carried_into_another_clinics_channel_does_nothing(
        two_clinics_called: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = two_clinics_called
    before = bobs_context(slack)
    north_call = call_in(fake_slack, NORTH)
    payload = moved_to(slack.action_payload(north_call, call_choice(north_call), BOB), SOUTH)
    posts_to_bob = len(fake_slack.posts(dm_of(BOB)))

    response = await slack.send_action(payload)

    assert response.status_code == 200
    assert len(fake_slack.posts(dm_of(BOB))) == posts_to_bob
    assert fake_slack.of("chat.postEphemeral") == []
    assert bobs_context(slack) == before


async def test_a_call_button_carried_into_a_dm_does_nothing(
        two_clinics_called: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = two_clinics_called
    before = bobs_context(slack)
    north_call = call_in(fake_slack, NORTH)
    payload = moved_to(slack.action_payload(north_call, call_choice(north_call), BOB),
                       dm_of(BOB))
    posts_to_bob = len(fake_slack.posts(dm_of(BOB)))

    await slack.send_action(payload)

    assert len(fake_slack.posts(dm_of(BOB))) == posts_to_bob
    assert bobs_context(slack) == before


@pytest.mark.parametrize("command", ["patients", "patient 1", "patient Alice"])
async def test_clinician_commands_typed_by_a_patient_in_a_dm_show_no_patient(
        alice_shares_north: SlackWorkspace, command: str) -> None:
    answer = await ask(alice_shares_north, command, BOB, dm_of(BOB))

    assert answer == texts.clinic_reports.NOT_A_CLINICIAN_ANYWHERE.format(
        command=command.split()[0])


async def test_a_clinician_removed_is_refused_at_once(
        alice_shares_north: SlackWorkspace) -> None:
    slack = alice_shares_north
    await ask(slack, f"clinic clinicians add <@{PHYSIO_SOUTH}|sam>", PHYSIO_NORTH, NORTH)
    assert "Alice" in await ask(slack, "patients", PHYSIO_SOUTH, NORTH)

    await ask(slack, f"clinic clinicians remove <@{PHYSIO_SOUTH}|sam>", PHYSIO_NORTH, NORTH)
    answer = await ask(slack, "patients", PHYSIO_SOUTH, NORTH)

    assert "is for the clinicians of" in answer
    assert "Alice" not in answer


async def test_channel_membership_grants_nothing_and_its_lack_takes_nothing(
        alice_shares_north: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = alice_shares_north
    fake_slack.channel_members[NORTH] = [BOB]  # Bob is in, the physio has left

    assert "is for the clinicians of" in await ask(slack, "patients", BOB, NORTH)
    assert "1. Alice" in await ask(slack, "patients", PHYSIO_NORTH, NORTH)


async def test_the_last_clinician_cannot_be_removed(
        alice_shares_north: SlackWorkspace) -> None:
    answer = await ask(alice_shares_north, f"clinic clinicians remove <@{PHYSIO_NORTH}|nora>",
                       PHYSIO_NORTH, NORTH)

    assert "is #physio's only clinician" in answer
    assert "1. Alice" in await ask(alice_shares_north, "patients", PHYSIO_NORTH, NORTH)


async def test_the_patient_list_is_answered_to_the_requester_alone(
        alice_shares_north: SlackWorkspace, fake_slack: FakeSlack) -> None:
    posts_before = len(fake_slack.posts())
    ephemeral_before = len(fake_slack.of("chat.postEphemeral"))

    answer = await ask(alice_shares_north, "patients", PHYSIO_NORTH, NORTH)

    assert "Alice" in answer
    assert len(fake_slack.posts()) == posts_before
    assert len(fake_slack.of("chat.postEphemeral")) == ephemeral_before


# --- logs of a whole session --------------------------------------------------------------


REACH = "right down to my left calf"


async def checks_in(slack: SlackWorkspace, before: str, after: str, user: str) -> None:
    """A whole check-in started with ``/sciatica checkin``, pain scores typed out of ten."""
    await slack.command("checkin", user)
    await slack.say(before, user)
    await slack.say(REACH, user)
    replies = await slack.press("no", user)
    if any("go_on" in b["value"] for c in replies for b in c.buttons()):
        replies = await slack.press("go_on", user)
    if any('"c":"no"' in b["value"] for c in replies for b in c.buttons()):
        await slack.press("no", user)  # stay with the slider
    for _exercise in range(3):
        await slack.press("done", user)
    await slack.say(after, user)


async def test_a_whole_session_logged_at_debug_writes_no_health_data_or_secret(
        encryption_key: str, slack: SlackWorkspace, fake_slack: FakeSlack) -> None:
    secrets = [SECRET, BOT_TOKEN, encryption_key]
    fake_slack.channel_members[NORTH] = [PHYSIO_NORTH]
    with production_logging(secrets) as logs:
        await slack.onboard(ALICE)
        await checks_in(slack, PAIN_BEFORE, PAIN_AFTER, ALICE)
        slack.clock.set(MONDAY_10)
        await slack.command("clinic setup 09:30", PHYSIO_NORTH, channel=NORTH,
                            channel_name="physio")
        invite = await ask(slack, f"clinic invite {LABEL}", PHYSIO_NORTH, NORTH)
        code = invite.split("/sciatica join ")[1].split()[0]
        await slack.command(f"join {code}", ALICE)
        await slack.press("yes", ALICE)
        await slack.say(EMERGENCY, ALICE)
        await slack.worker.run_once()  # the clinic's alert
        await slack.command("export", ALICE)
        await ask(slack, "export", PHYSIO_NORTH, NORTH)
        await slack.settle()

    assert fake_slack.files(dm_of(ALICE))  # her export went out
    alerted = fake_slack.posts(dm_of(PHYSIO_NORTH))
    assert [p for p in alerted if "🚨" in p.text]  # the clinician was alerted
    made = "\n".join(logs.made_by("slack_bolt") + logs.made_by("slack_sdk"))
    assert PAIN_BEFORE in made  # the libraries did log the payloads at DEBUG
    assert logs.leaked([PAIN_BEFORE, PAIN_AFTER, REACH, EMERGENCY, "groin", LABEL, code,
                        *secrets]) == []


# --- a database dump ---------------------------------------------------------------------


async def test_a_database_dump_holds_no_name_and_no_own_words_in_clear(
        encryption_key: str, world: World) -> None:
    """Read raw, as someone with a copy of the database but not the key would."""
    db = world.slack.runtime.db
    with db.engine.connect() as connection:
        dump = "\n".join(
            str(value) for table in SQLModel.metadata.sorted_tables
            for row in connection.execute(text(f"SELECT * FROM {table.name}"))  # noqa: S608
            for value in row if isinstance(value, str))

    for secret in [*cast.NAMES.values(), cast.LUKASZ_LABEL, cast.ANNA_EMERGENCY, "Łukasz"]:
        assert secret not in dump
    assert f"{TEAM}:{cast.SIOBHAN}" in dump  # pseudonymous ids are there (see docs/security.md)
