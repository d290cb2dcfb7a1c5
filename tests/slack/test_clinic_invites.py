"""Clinic invites: a clinician's code, a patient's consent, and leaving again."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from bot.slack.events import read_button_value
from fakes.harness import ChatHarness
from fakes.slack import Call, FakeSlack
from fakes.slack_workspace import ALICE, BOB, CAROL, DAVE, SlackWorkspace, dm_of
from storage.models import AuditEntry, ClinicInvite, ClinicMember

CHANNEL = "C0PHYSIO1"
MONDAY_10 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
TUESDAY_CALL = datetime(2026, 3, 3, 8, 30, tzinfo=UTC)  # 09:30 in Berlin
TUESDAY_NOON = datetime(2026, 3, 3, 11, 0, tzinfo=UTC)
TUESDAY_CLOSE = datetime(2026, 3, 3, 20, 30, tzinfo=UTC)  # 21:30 in Berlin
CODE = re.compile(r"/sciatica join ([A-Za-z0-9_-]+)")


def the_code(response: httpx.Response) -> str:
    match = CODE.search(response.text)
    assert match is not None, response.text
    return match.group(1)


def buttons(call: Call) -> list[str]:
    return [read_button_value(b["value"])[0] for b in call.buttons()]  # type: ignore[index]


@pytest.fixture
async def clinic(slack: SlackWorkspace) -> SlackWorkspace:
    """Alice set #physio-north up (calls at 09:30 Berlin): she is its clinician.

    Bob and Carol are onboarded; named details go to Alice's direct messages.
    """
    for user in (ALICE, BOB, CAROL):
        await slack.onboard(user)
    slack.clock.set(MONDAY_10)
    await slack.command("clinic setup 09:30", ALICE, channel=CHANNEL, channel_name="physio-north")
    return slack


@pytest.fixture
async def invite(clinic: SlackWorkspace) -> httpx.Response:
    """Alice's answer to /sciatica clinic invite in the clinic channel."""
    return await clinic.command("clinic invite", ALICE, channel=CHANNEL,
                                channel_name="physio-north")


async def bob_joins(slack: SlackWorkspace, invite: httpx.Response) -> list[Call]:
    await slack.command(f"join {the_code(invite)}", BOB)
    return slack.fake.posts(dm_of(BOB))


async def summary_after_bob_checks_in(slack: SlackWorkspace) -> str:
    """Tuesday's call, Bob's check-in, the window closing: the summary's text."""
    slack.clock.set(TUESDAY_CALL)
    await slack.worker.run_once()
    slack.clock.set(TUESDAY_NOON)
    await slack.checkin(6, 4, BOB)
    slack.clock.set(TUESDAY_CLOSE)
    await slack.worker.run_once()
    [summary] = [p for p in slack.fake.posts(dm_of(ALICE)) if "check-ins for" in p.text]
    return summary.text


def said_to(slack: SlackWorkspace, user: str, last: int = 2) -> str:
    """The text of the last few messages in ``user``'s DM."""
    return "\n".join(p.text for p in slack.fake.posts(dm_of(user))[-last:])


def consent_given(slack: SlackWorkspace) -> list[object]:
    """``consent_given_at`` of every clinic membership."""
    members = ClinicMember.__table__  # type: ignore[attr-defined]
    with slack.runtime.db.engine.connect() as connection:
        return list(connection.execute(select(members.c.consent_given_at)).scalars())


async def test_an_invite_is_shown_only_to_the_clinician_with_both_ways_to_join(
        invite: httpx.Response, clinic: SlackWorkspace, fake_slack: FakeSlack) -> None:
    code = the_code(invite)

    # A plain-text answer to a slash command is shown to the person who ran it only.
    assert invite.headers["content-type"].startswith("text/plain")
    assert f"https://t.me/SciaticaTestBot?start={code}" in invite.text
    assert f"/sciatica join {code}" in invite.text
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", code)
    assert all(code not in p.text for p in fake_slack.posts())


async def test_the_code_itself_is_not_stored(invite: httpx.Response,
                                             clinic: SlackWorkspace) -> None:
    code = the_code(invite)
    with clinic.runtime.db.engine.connect() as connection:
        rows = connection.execute(select(ClinicInvite.__table__)).all()  # type: ignore[attr-defined]

    assert len(rows) == 1
    assert code not in repr(rows)
    assert rows[0].code_hash == hashlib.sha256(code.encode()).hexdigest()


async def test_an_invite_asked_by_someone_who_is_no_clinician_is_refused(
        clinic: SlackWorkspace) -> None:
    response = await clinic.command("clinic invite", BOB, channel="C0OTHER01",
                                    channel_name="other")

    assert "is for a clinic's clinicians" in response.text
    assert "/sciatica join" not in response.text


async def test_a_clinician_may_make_an_invite_in_her_direct_messages(
        clinic: SlackWorkspace) -> None:
    response = await clinic.command("clinic invite Bobby M.", ALICE)

    assert "New invite for #physio-north" in response.text


async def test_joining_shows_exactly_what_the_clinic_will_see(
        invite: httpx.Response, clinic: SlackWorkspace) -> None:
    question = (await bob_joins(clinic, invite))[-1]

    for item in ("your name", "the days you checked in", "pain score before and after",
                 "flare-up", "see a doctor", "and when",
                 "never see anything you write to me"):
        assert item in question.text
    assert "#physio-north" in question.text
    assert buttons(question) == ["yes", "no"]


async def test_nothing_is_shared_before_the_patient_agrees(
        invite: httpx.Response, clinic: SlackWorkspace) -> None:
    await bob_joins(clinic, invite)

    assert consent_given(clinic) == [None]
    assert "Nobody shares" in await summary_after_bob_checks_in(clinic)


async def test_agreeing_puts_the_patient_in_the_next_summary(
        invite: httpx.Response, clinic: SlackWorkspace) -> None:
    await bob_joins(clinic, invite)
    await clinic.press("yes", BOB)

    assert "Bob" in await summary_after_bob_checks_in(clinic)


async def test_declining_shares_nothing(invite: httpx.Response, clinic: SlackWorkspace) -> None:
    await bob_joins(clinic, invite)
    replies = await clinic.press("no", BOB)

    assert "won't share anything" in replies[0].text
    summary = await summary_after_bob_checks_in(clinic)
    assert "Bob" not in summary
    assert "Nobody shares" in summary


async def test_a_used_code_is_refused_the_second_time(
        invite: httpx.Response, clinic: SlackWorkspace) -> None:
    await bob_joins(clinic, invite)
    await clinic.command(f"join {the_code(invite)}", CAROL)

    said = said_to(clinic, CAROL)
    assert "already been used" in said
    assert "Share this with" not in said


async def test_an_expired_code_is_refused(invite: httpx.Response,
                                          clinic: SlackWorkspace) -> None:
    clinic.clock.advance(timedelta(days=7, seconds=1))
    await clinic.command(f"join {the_code(invite)}", BOB)

    said = said_to(clinic, BOB)
    assert "has expired" in said
    assert "Share this with" not in said
    assert consent_given(clinic) == []


async def test_an_unknown_code_is_refused_kindly(clinic: SlackWorkspace) -> None:
    await clinic.command("join notARealCode123", BOB)

    said = said_to(clinic, BOB)
    assert "don't recognise that invite code" in said


async def test_a_new_person_is_asked_about_sharing_once_set_up(
        invite: httpx.Response, clinic: SlackWorkspace) -> None:
    await clinic.command(f"join {the_code(invite)}", DAVE)
    first = said_to(clinic, DAVE, last=10)
    assert "Let's get you set up first" in first
    assert "Share this with" not in first

    await clinic.press("continue", DAVE)
    await clinic.press("yes", DAVE)
    await clinic.say("Europe/Berlin", DAVE)
    await clinic.press("08:00", DAVE)
    for _question in range(9):
        await clinic.press("no", DAVE)
    await clinic.say("45", DAVE)
    await clinic.press("yes", DAVE)
    await clinic.press("no", DAVE)
    await clinic.say("no", DAVE)  # no activities to name
    replies = await clinic.press("later", DAVE)

    assert "Share this with #physio-north?" in replies[-1].text
    assert buttons(replies[-1]) == ["yes", "no"]


async def test_leaving_stops_sharing_at_once(invite: httpx.Response,
                                             clinic: SlackWorkspace) -> None:
    await bob_joins(clinic, invite)
    await clinic.press("yes", BOB)
    await clinic.command("clinic leave", BOB)

    said = said_to(clinic, BOB)
    assert "#physio-north no longer see anything about you" in said
    assert "Bob" not in await summary_after_bob_checks_in(clinic)


async def test_leaving_is_recorded_in_the_audit_log(invite: httpx.Response,
                                                    clinic: SlackWorkspace) -> None:
    await bob_joins(clinic, invite)
    await clinic.press("yes", BOB)
    await clinic.say("leave clinic", BOB)

    with clinic.runtime.db.engine.connect() as connection:
        kinds = connection.execute(
            select(AuditEntry.__table__.c.kind)  # type: ignore[attr-defined]
            .where(AuditEntry.__table__.c.detail.like("clinic %"))  # type: ignore[attr-defined]
            .order_by(AuditEntry.__table__.c.id)  # type: ignore[attr-defined]
        ).scalars().all()
    assert kinds[-2:] == ["sharing_given", "sharing_withdrawn"]


async def test_a_named_invite_shows_that_name_in_the_consent_and_the_summary(
        clinic: SlackWorkspace) -> None:
    invite = await clinic.command("clinic invite Bobby M.", ALICE, channel=CHANNEL,
                                  channel_name="physio-north")
    assert "They will appear as Bobby M. in your summaries and alerts." in invite.text
    question = (await bob_joins(clinic, invite))[-1]
    assert "on the invite: Bobby M." in question.text
    await clinic.press("yes", BOB)

    summary = await summary_after_bob_checks_in(clinic)
    assert "Bobby M." in summary
    assert "Bob " not in summary


async def test_a_patient_chatting_elsewhere_is_in_the_slack_clinics_summary(
        clinic: SlackWorkspace) -> None:
    invite = await clinic.command("clinic invite Erin T.", ALICE, channel=CHANNEL,
                                  channel_name="physio-north")
    elsewhere = ChatHarness(clinic.runtime.db, MONDAY_10)
    elsewhere.onboard("erin")
    assert elsewhere.say(f"/join {the_code(invite)}", "erin").has("Share this with")
    elsewhere.press("yes", "erin")

    clinic.clock.set(TUESDAY_CALL)
    await clinic.worker.run_once()
    elsewhere.clock.set(TUESDAY_NOON)
    elsewhere.checkin(6, 4, "erin")
    clinic.clock.set(TUESDAY_CLOSE)
    await clinic.worker.run_once()

    [summary] = [p for p in clinic.fake.posts(dm_of(ALICE)) if "check-ins for" in p.text]
    assert "Checked in (1 of 1): Erin T. (first check-in)" in summary.text
