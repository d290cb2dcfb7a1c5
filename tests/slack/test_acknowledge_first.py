"""Acknowledge first: every command and press answered within Slack's 3 s, posts via the outbox.

Whatever the Web API does (429, 500, hanging), a slash command or a button
press gets its answer in time; what it must post (a clinic's setup note, an
export, the call, the summary and its chart, alerts) is an outbox row like any
message: retried, a ``Retry-After`` waited out, one a second per channel,
delivered once.
"""

from __future__ import annotations

import asyncio
import json
import time
from urllib.parse import urlencode

import pytest

from bot.delivery import Rate, RateLimiter
from fakes.slack import TEAM, FakeSlack
from fakes.slack_workspace import SlackWorkspace, dm_of, fixture
from flows import texts
from tests.slack import cast
from tests.slack.conftest import MONDAY_10, TUESDAY_CLOSE, World, answer_call, ask, the_call

SLACKS_LIMIT = 3.0


def accepted(fake: FakeSlack, channel: str, words: str) -> list[float]:
    """When Slack took posts with ``words`` in ``channel``."""
    return [p.at for p in fake.posts(channel) if p.ts is not None and words in p.text]


@pytest.fixture
def north(slack: SlackWorkspace, fake_slack: FakeSlack) -> SlackWorkspace:
    """#physio-north and Nora, nothing set up yet, Monday 10:00."""
    fake_slack.names.update(cast.NAMES)
    fake_slack.channel_members[cast.NORTH] = [cast.NORA, cast.SIOBHAN]
    fake_slack.channel_names[cast.NORTH] = "physio-north"
    slack.clock.set(MONDAY_10)
    return slack


@pytest.mark.parametrize("fault", ["429", "500"])
async def test_setup_is_acknowledged_and_its_note_delivered_once_through_a_fault(
        north: SlackWorkspace, fake_slack: FakeSlack, fault: str) -> None:
    if fault == "429":
        fake_slack.fail("chat.postMessage", retry_after=1, channel=cast.NORTH)
    else:
        fake_slack.fail("chat.postMessage", "internal_error", status=500, channel=cast.NORTH)

    answer = await ask(north, "clinic setup 09:30", cast.NORA, cast.NORTH)
    await north.worker.run_once()

    assert answer.startswith("Done. You set #physio-north up")
    tries = [p for p in fake_slack.posts(cast.NORTH) if "Daily check-ins are set up" in p.text]
    assert [p.ts is not None for p in tries] == [False, True]
    if fault == "429":
        assert tries[1].at - tries[0].at >= 0.95


async def raw_command(slack: SlackWorkspace, text: str, user: str, channel: str) -> float:
    """Seconds until Slack has the answer to ``/sciatica text`` (no waiting for what follows)."""
    fields = fixture("slash_command")
    fields.update(text=text, user_id=user, user_name=user.lower(), channel_id=channel,
                  channel_name="physio", team_id=TEAM, trigger_id=f"{time.time()}.trigger")
    body = urlencode(fields).encode()
    started = time.monotonic()
    response = await slack.post("/slack/commands", body, "application/x-www-form-urlencoded")
    took = time.monotonic() - started
    assert response.status_code == 200
    return took


async def test_commands_and_presses_are_answered_in_time_while_slack_hangs(
        world: World) -> None:
    slack, fake = world.slack, world.slack.fake
    call = the_call(fake, cast.NORTH)
    fake.outage("hang", 6.0, hang=6.0)

    took = {
        f"{command} ({cast.NAMES[user]})": await raw_command(slack, command, user, channel)
        for command, user, channel in [
            ("clinic setup 09:45", cast.NORA, cast.NORTH),
            ("patients", cast.NORA, cast.NORTH),
            (f"clinic clinicians add <@{cast.MO}|mo>", cast.NORA, cast.NORTH),
            ("export", cast.NORA, cast.NORTH),
            ("checkin", cast.SIOBHAN, dm_of(cast.SIOBHAN)),
            ("patients", cast.MO, cast.NORTH),
        ]}
    payload = slack.action_payload(call, "clinic:1", cast.ZOE)
    started = time.monotonic()
    pressed = await slack.post("/slack/interactions",
                               urlencode({"payload": json.dumps(payload)}).encode(),
                               "application/x-www-form-urlencoded")
    took["the call's button"] = time.monotonic() - started

    assert pressed.status_code == 200
    assert {k: v for k, v in took.items() if v >= SLACKS_LIMIT} == {}
    print("\nanswered while Slack hangs: " + ", ".join(
        f"{k} {v:.2f} s" for k, v in took.items()))


async def test_a_lookup_slack_does_not_answer_in_time_is_said_plainly(world: World) -> None:
    slack, fake = world.slack, world.slack.fake
    fake.outage("hang", 3.0, hang=3.0)

    answer = await ask(slack, f"clinic clinicians add <@{cast.MO}|mo>", cast.NORA, cast.NORTH)

    assert answer == texts.clinic_reports.SLACK_SLOW
    assert "Mo Ibrahim" not in await ask(slack, "clinic clinicians list", cast.NORA, cast.NORTH)


async def test_the_summary_and_its_chart_reach_the_clinicians_a_second_apart(
        world: World) -> None:
    slack, fake = world.slack, world.slack.fake
    slack.worker.deliverer.limiters["slack"] = RateLimiter(Rate(per_chat=1.0, overall=20.0))
    slack.clock.set(TUESDAY_CLOSE)
    await slack.worker.run_once()

    [summary] = accepted(fake, cast.NORTH_TEAM, "check-ins for")
    [chart] = [c.at for c in fake.of("files.completeUploadExternal", channel_id=cast.NORTH_TEAM)]
    assert chart - summary >= 0.95
    print(f"\nsummary to chart: {chart - summary:.2f} s")


async def test_a_summary_waits_out_retry_after_and_arrives_once(world: World) -> None:
    slack, fake = world.slack, world.slack.fake
    fake.fail("chat.postMessage", retry_after=2, channel=dm_of(cast.SAM))
    slack.clock.set(TUESDAY_CLOSE)
    await slack.worker.run_once()
    await slack.worker.run_once()  # the relay, after the deferral

    tries = [p for p in fake.posts(dm_of(cast.SAM)) if "check-ins for" in p.text]
    assert [p.ts is not None for p in tries] == [False, True]
    assert tries[1].at - tries[0].at >= 1.95
    assert len(fake.files(dm_of(cast.SAM))) == 1


async def test_an_alert_queued_while_slack_is_down_is_dropped_if_sharing_stops_meanwhile(
        world: World) -> None:
    slack, fake = world.slack, world.slack.fake
    await answer_call(slack, cast.MO, cast.SOUTH, share=True)
    fake.outage("500", 2.5)
    await slack.say("my groin went numb an hour ago", cast.MO)
    await slack.worker.run_once()  # queued; Slack fails it
    await slack.command("clinic leave", cast.MO)
    await asyncio.sleep(2.6)
    await slack.worker.run_once()
    await slack.worker.run_once()

    assert [p for p in fake.posts(dm_of(cast.SAM)) if "Mo Ibrahim" in p.text
            and p.ts is not None] == []
