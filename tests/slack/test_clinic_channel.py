"""A clinic's channel through a day: setup, the call, private check-ins, the clinician's summary.

Nora, a physio, sets #physio-north up; Alice, Bob, Carol and Dave are
patients in the channel. Named details go to Nora's direct messages (the
default): the channel itself only ever gets the call.
"""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime

import pytest

from bot.clinics import ClinicDispatcher
from bot.delivery import Rate, RateLimiter
from bot.slack.events import read_button_value
from fakes.slack import Call, FakeSlack
from fakes.slack_workspace import ALICE, BOB, CAROL, DAVE, SlackWorkspace, dm_of

CHANNEL = "C0PHYSIO1"
PHYSIO = "U0PHYSNTH"
MONDAY_10 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
TUESDAY_CALL = datetime(2026, 3, 3, 8, 30, tzinfo=UTC)  # 09:30 in Berlin
TUESDAY_CLOSE = datetime(2026, 3, 3, 20, 30, tzinfo=UTC)  # 21:30 in Berlin

SUMMARY = (
    "#physio-north: check-ins for Tuesday 3 March (closed 21:30)\n"
    "Checked in (2 of 3): Alice ↓, Bob (first check-in)\n"
    "Missed (1): Carol\n"
    "Flare-ups: Bob\n"
    "Alerts: Carol (told to go to an emergency department)\n"
    "Pain against each person's previous check-in: ↑ higher, ↓ lower, → same."
)


def channel_posts(fake: FakeSlack) -> list[Call]:
    """Posts Slack accepted in the clinic channel."""
    return [p for p in fake.posts(CHANNEL) if p.ts is not None]


def the_call(fake: FakeSlack) -> Call:
    calls = [p for p in channel_posts(fake) if p.buttons()]
    assert len(calls) == 1, "exactly one call in the channel"
    return calls[0]


async def press_call(slack: SlackWorkspace, user: str) -> list[Call]:
    call = the_call(slack.fake)
    choice = read_button_value(call.buttons()[0]["value"])
    assert choice is not None
    return await slack.press(choice[0], user, post=call)


async def exercise_and_finish(slack: SlackWorkspace, user: str, after: int) -> None:
    for _exercise in range(3):
        await slack.press("done", user)
    await slack.say(str(after), user)


def clinician_posts(fake: FakeSlack) -> list[Call]:
    """Posts Slack accepted in the physio's direct messages."""
    return [p for p in fake.posts(dm_of(PHYSIO)) if p.ts is not None]


@pytest.fixture
async def members(slack: SlackWorkspace, fake_slack: FakeSlack) -> SlackWorkspace:
    """Alice, Bob, Carol and Dave onboarded on Monday; Alice checked in then (pain 5).

    They and Nora, a physio, are the members of #physio-north.
    """
    fake_slack.names[PHYSIO] = "Nora"
    fake_slack.channel_members[CHANNEL] = [PHYSIO, ALICE, BOB, CAROL, DAVE]
    for user in (ALICE, BOB, CAROL, DAVE):
        await slack.onboard(user)
    await slack.checkin(5, 4, ALICE)
    return slack


@pytest.fixture
async def physio_channel(members: SlackWorkspace) -> SlackWorkspace:
    """#physio-north set up by Nora on Monday at 10:00 Berlin: calls at 09:30, 12-hour window."""
    slack = members
    slack.clock.set(MONDAY_10)
    response = await slack.command("clinic setup 09:30", PHYSIO, channel=CHANNEL,
                                   channel_name="physio-north")
    assert response.status_code == 200
    return slack


@pytest.fixture
async def tuesday_called(physio_channel: SlackWorkspace) -> SlackWorkspace:
    """Tuesday 09:30 Berlin: the worker has posted the day's call."""
    slack = physio_channel
    slack.clock.set(TUESDAY_CALL)
    await slack.worker.run_once()
    return slack


@pytest.fixture
async def tuesday_done(tuesday_called: SlackWorkspace) -> SlackWorkspace:
    """The day's check-ins, through the call button.

    Alice (better) and Bob (a flare) share and check in; Carol shares, has an
    emergency and never checks in; Dave keeps it private and checks in.
    """
    slack = tuesday_called
    await press_call(slack, ALICE)
    await slack.press("yes", ALICE)
    await slack.say("3", ALICE)
    await slack.press("thigh", ALICE)
    await slack.press("no", ALICE)
    await exercise_and_finish(slack, ALICE, 2)

    await press_call(slack, BOB)
    await slack.press("yes", BOB)
    await slack.say("4", BOB)
    await slack.say("down to my calf", BOB)
    await slack.press("no", BOB)
    await exercise_and_finish(slack, BOB, 7)

    await press_call(slack, CAROL)
    await slack.press("yes", CAROL)
    await slack.say("I wet myself this morning", CAROL)

    await press_call(slack, DAVE)
    await slack.press("no", DAVE)
    await slack.say("6", DAVE)
    await slack.press("skip", DAVE)
    await slack.press("no", DAVE)
    await slack.press("go_on", DAVE)
    await exercise_and_finish(slack, DAVE, 5)
    return slack


async def test_setup_confirms_the_schedule_in_the_channel(physio_channel: SlackWorkspace,
                                                          fake_slack: FakeSlack) -> None:
    [confirmation] = channel_posts(fake_slack)
    assert "every day at 09:30 (Europe/Berlin)" in confirmation.text
    assert "closing 12 hours later" in confirmation.text


async def test_setup_tells_its_clinician_where_named_details_go(
        members: SlackWorkspace) -> None:
    members.clock.set(MONDAY_10)
    response = await members.command("clinic setup 9:30", PHYSIO, channel=CHANNEL,
                                     channel_name="physio-north")

    assert "You set #physio-north up, so you are its first clinician." in response.text
    assert "go to each clinician's direct messages with me" in response.text


async def test_a_one_hour_window_is_one_hour(members: SlackWorkspace,
                                            fake_slack: FakeSlack) -> None:
    await members.command("clinic setup 9:30 Europe/London 1", PHYSIO, channel=CHANNEL,
                          channel_name="physio-north")

    [confirmation] = channel_posts(fake_slack)
    assert "(Europe/London), closing 1 hour later" in confirmation.text


async def test_setup_in_a_channel_the_app_is_not_in_is_refused(
        members: SlackWorkspace, fake_slack: FakeSlack) -> None:
    fake_slack.outside.add("C0OTHER01")
    response = await members.command("clinic setup", PHYSIO, channel="C0OTHER01",
                                     channel_name="other")

    assert "I'm not a member of this channel yet" in response.text
    members.clock.set(TUESDAY_CALL)
    await members.worker.run_once()
    assert fake_slack.posts("C0OTHER01") == []


async def test_the_call_is_posted_at_the_clinic_time(physio_channel: SlackWorkspace,
                                                     fake_slack: FakeSlack) -> None:
    slack = physio_channel
    slack.clock.set(datetime(2026, 3, 3, 8, 29, tzinfo=UTC))
    await slack.worker.run_once()
    assert [p for p in channel_posts(fake_slack) if p.buttons()] == []

    slack.clock.set(TUESDAY_CALL)
    await slack.worker.run_once()
    call = the_call(fake_slack)
    assert "Tuesday 3 March" in call.text
    assert "closes at 21:30" in call.text


async def test_pressing_the_call_asks_consent_privately_first(
        tuesday_called: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = tuesday_called
    before = len(channel_posts(fake_slack))
    in_dm = await press_call(slack, ALICE)

    question = in_dm[-1]
    assert "#physio-north" in question.text
    assert "Who would see it: Nora, the clinicians of #physio-north." in question.text
    assert "Each of them reads it in their own direct messages with me." in question.text
    assert "your pain score before and after" in question.text
    assert "never see anything you write to me in your own words" in question.text
    assert [read_button_value(b["value"])[0] for b in question.buttons()  # type: ignore[index]
            ] == ["yes", "no"]
    assert len(channel_posts(fake_slack)) == before
    [note] = fake_slack.of("chat.postEphemeral", channel=CHANNEL, user=ALICE)
    assert "direct messages" in note.text


async def test_after_consent_the_checkin_starts_in_the_dm(tuesday_called: SlackWorkspace) -> None:
    slack = tuesday_called
    await press_call(slack, ALICE)
    replies = await slack.press("yes", ALICE)

    assert "How bad is your leg pain right now" in replies[-1].text


async def test_a_member_who_answered_goes_straight_to_the_checkin_next_time(
        tuesday_done: SlackWorkspace) -> None:
    slack = tuesday_done
    replies = await press_call(slack, ALICE)

    assert "How bad is your leg pain right now" in replies[-1].text
    assert all("share" not in r.text.lower() for r in replies)


async def test_one_summary_reaches_the_clinician_when_the_window_closes(
        tuesday_done: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = tuesday_done
    slack.clock.set(TUESDAY_CLOSE)
    await slack.worker.run_once()
    await slack.worker.run_once()

    [summary] = [p for p in clinician_posts(fake_slack) if "check-ins for" in p.text]
    assert summary.args["text"] == SUMMARY
    assert [p for p in channel_posts(fake_slack) if p.args.get("thread_ts")] == []


async def test_the_channel_never_sees_health_answers_or_private_members(
        tuesday_done: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = tuesday_done
    slack.clock.set(TUESDAY_CLOSE)
    await slack.worker.run_once()

    shown = "\n".join(p.text for p in channel_posts(fake_slack))
    for private in ("Alice", "Bob", "Carol", "Dave", "wet myself", "/10", "pain is",
                    "Hip release", "7", "🚨", "Missed", "Flare"):
        assert private not in shown


async def test_withdrawing_consent_leaves_the_member_out_at_once(
        tuesday_done: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = tuesday_done
    await slack.command("sharing", BOB)
    await slack.press(f"stop:{the_clinic_id(fake_slack)}", BOB)
    slack.clock.set(TUESDAY_CLOSE)
    await slack.worker.run_once()

    [summary] = [p for p in clinician_posts(fake_slack) if "check-ins for" in p.text]
    assert "Bob" not in summary.text
    assert "Checked in (1 of 2): Alice ↓" in summary.text


def the_clinic_id(fake: FakeSlack) -> int:
    choice = read_button_value(the_call(fake).buttons()[0]["value"])
    assert choice is not None
    return int(choice[0].removeprefix("clinic:"))


async def test_channel_posts_wait_out_slacks_retry_after(physio_channel: SlackWorkspace,
                                                        fake_slack: FakeSlack) -> None:
    slack = physio_channel
    fake_slack.fail("chat.postMessage", retry_after=1, channel=CHANNEL)
    slack.clock.set(TUESDAY_CALL)
    await slack.worker.run_once()

    attempts = [c for c in fake_slack.of("chat.postMessage", channel=CHANNEL)
                if "check-in" in c.text and "Tuesday" in c.text]
    assert len(attempts) == 2
    assert attempts[1].at - attempts[0].at >= 0.95
    the_call(fake_slack)


async def test_posts_to_one_channel_keep_slacks_pace_of_one_a_second(
        physio_channel: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = physio_channel
    slack.worker.deliverer.limiters["slack"] = RateLimiter(Rate(per_chat=1.0, overall=20.0))
    slack.clock.set(TUESDAY_CALL)
    await slack.worker.run_once()
    await press_call(slack, CAROL)
    await slack.press("yes", CAROL)
    await slack.say("my groin has gone numb", CAROL)
    await slack.worker.run_once()
    slack.clock.set(TUESDAY_CLOSE)
    await slack.worker.run_once()

    posts = [c.at for c in fake_slack.posts(dm_of(PHYSIO))]
    assert len(posts) >= 2  # Carol's alert, the summary
    assert min(b - a for a, b in itertools.pairwise(posts)) >= 0.95


async def test_two_workers_post_the_call_once(physio_channel: SlackWorkspace,
                                              fake_slack: FakeSlack) -> None:
    slack = physio_channel
    slack.clock.set(TUESDAY_CALL)
    poster = slack.clinics.posters["slack"]
    deliverer = slack.worker.deliverer
    first = ClinicDispatcher(slack.runtime.db, slack.clock, [poster], deliverer=deliverer)
    second = ClinicDispatcher(slack.runtime.db, slack.clock, [poster], deliverer=deliverer)
    reports = await asyncio.gather(first.run_due(), second.run_due())

    assert sum(r.calls for r in reports) == 1
    the_call(fake_slack)


async def test_a_call_whose_window_closed_is_skipped_and_the_next_day_runs(
        physio_channel: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = physio_channel
    slack.clock.set(datetime(2026, 3, 4, 8, 0, tzinfo=UTC))  # Wednesday 09:00: Tuesday is over
    report = await slack.clinics.run_due()
    assert report.skipped == 1
    assert [p for p in channel_posts(fake_slack) if p.buttons()] == []

    slack.clock.set(datetime(2026, 3, 4, 8, 30, tzinfo=UTC))
    await slack.worker.run_once()
    assert "Wednesday 4 March" in the_call(fake_slack).text
