"""Hostile input through the real slack-bolt app and the fake Web API.

Names and labels people and clinicians choose reach posts only as plain
text: block text objects are ``plain_text`` (never read as mrkdwn) and the
fallback ``text`` Slack notifies with has ``&``, ``<`` and ``>`` escaped, so
``<!channel>`` or ``<@U...>`` in a name cannot ping anyone. Bodies that are
too large get 413 on every endpoint, bodies that are not Slack's payloads a
4xx, never a 5xx. A press crafted for another person's DM changes nothing
for them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from bot.slack.events import read_button_value
from fakes.slack import Call, FakeSlack
from fakes.slack_workspace import ALICE, BOB, SlackWorkspace, dm_of, signature
from flows import texts
from storage.turns import stored_context

CHANNEL = "C0PHYSIO1"
TEAM_CHANNEL = "G0PHYSIO9"  # the clinicians' private channel: Alice alone
MONDAY_10 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
TUESDAY_CALL = datetime(2026, 3, 3, 8, 30, tzinfo=UTC)  # 09:30 in Berlin
TUESDAY_CLOSE = datetime(2026, 3, 3, 20, 30, tzinfo=UTC)  # 21:30 in Berlin
SQL = "'; DROP TABLE users; --"
#: What someone could put in their Slack display name or a clinician in an invite.
PINGING = "<!channel> <!here> <@U0DAVE001> <https://evil.example|click> *bold* _x_ `code` &"
RAW_MENTIONS = ("<!channel>", "<!here>", "<@U0DAVE001>", "<https://")
PATHS = ("/slack/events", "/slack/interactions", "/slack/commands")


def text_objects(blocks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every text object in ``blocks``, however deep."""
    for block in blocks:
        for value in block.values():
            if isinstance(value, dict) and "type" in value and "text" in value:
                yield value
            elif isinstance(value, list):
                yield from text_objects([v for v in value if isinstance(v, dict)])
            elif isinstance(value, dict):
                yield from text_objects([value])


def assert_cannot_ping_or_format(post: Call) -> None:
    """Plain-text blocks only, and a fallback with Slack's three characters escaped."""
    fallback = str(post.args.get("text", ""))
    assert not any(raw in fallback for raw in RAW_MENTIONS), fallback
    assert "&lt;!channel&gt;" in fallback
    assert {t["type"] for t in text_objects(post.blocks())} == {"plain_text"}


# --- names in channel posts ---------------------------------------------------------


@pytest.fixture
async def call_posted(slack: SlackWorkspace, fake_slack: FakeSlack) -> SlackWorkspace:
    """Bob's display name tries to ping the channel; he is onboarded; Tuesday's call is up.

    Alice set the clinic up with named details in the private channel #physio-team.
    """
    fake_slack.names[BOB] = PINGING
    fake_slack.channel_members[TEAM_CHANNEL] = [ALICE]
    await slack.onboard(BOB)
    slack.clock.set(MONDAY_10)
    await slack.command(f"clinic setup 09:30 details <#{TEAM_CHANNEL}|physio-team>", ALICE,
                        channel=CHANNEL, channel_name="physio")
    slack.clock.set(TUESDAY_CALL)
    await slack.worker.run_once()
    return slack


@pytest.fixture
async def bob_shares(call_posted: SlackWorkspace) -> SlackWorkspace:
    """Bob pressed the call and agreed to share with the clinic."""
    slack = call_posted
    [call] = [p for p in slack.fake.posts(CHANNEL) if p.ts is not None and p.buttons()]
    decoded = read_button_value(call.buttons()[0]["value"])
    assert decoded is not None
    await slack.press(decoded[0], BOB, post=call)
    await slack.press("yes", BOB)
    return slack


async def test_a_name_in_an_immediate_alert_cannot_ping_the_clinicians_channel(
        bob_shares: SlackWorkspace, fake_slack: FakeSlack) -> None:
    await bob_shares.say("I wet myself this morning", BOB)
    await bob_shares.worker.run_once()

    [alert] = [p for p in fake_slack.posts(TEAM_CHANNEL) if "🚨" in p.text]
    assert PINGING in alert.blocks()[1]["text"]["text"]
    assert_cannot_ping_or_format(alert)


async def test_a_name_in_the_daily_summary_cannot_ping_the_clinicians_channel(
        bob_shares: SlackWorkspace, fake_slack: FakeSlack) -> None:
    await bob_shares.say("6", BOB)
    bob_shares.clock.set(TUESDAY_CLOSE)
    await bob_shares.worker.run_once()

    [summary] = [p for p in fake_slack.posts(TEAM_CHANNEL) if "check-ins for" in p.text]
    assert PINGING in summary.text
    assert_cannot_ping_or_format(summary)


@pytest.fixture
async def named_invite(slack: SlackWorkspace) -> httpx.Response:
    """A clinic in #physio; Alice's invite names its patient with mentions, markup and SQL."""
    slack.clock.set(MONDAY_10)
    await slack.command("clinic setup 09:30", ALICE, channel=CHANNEL, channel_name="physio")
    return await slack.command(f"clinic invite {PINGING} {SQL}", ALICE, channel=CHANNEL,
                               channel_name="physio")


async def test_a_name_in_an_invite_is_escaped_in_the_answer_to_the_clinician(
        named_invite: httpx.Response) -> None:
    assert named_invite.status_code == 200
    assert "&lt;!channel&gt; &lt;!here&gt; &lt;@U0DAVE001&gt;" in named_invite.text
    assert not any(raw in named_invite.text for raw in RAW_MENTIONS)


async def test_a_name_in_an_invite_reaches_the_patient_as_plain_text(
        named_invite: httpx.Response, slack: SlackWorkspace, fake_slack: FakeSlack) -> None:
    await slack.onboard(BOB)
    code = named_invite.text.split("/sciatica join ")[1].split()[0]

    await slack.command(f"join {code}", BOB)

    asked = slack.last_question(dm_of(BOB))
    shown = "\n".join(t["text"] for t in text_objects(asked.blocks()))
    assert f"{PINGING} {SQL}"[:64] in shown
    assert_cannot_ping_or_format(asked)


async def test_the_usage_answer_shows_its_placeholders_instead_of_making_links(
        slack: SlackWorkspace) -> None:
    response = await slack.command("dance")

    assert "join &lt;invite code&gt;" in response.text
    assert "<invite code>" not in response.text


# --- what a person writes -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["\x00", "\x1b[2J", "\u202eevil", "🔥🔥", PINGING, SQL,
                                  "numb " * 8_000],
                         ids=["nul", "ansi", "rtl", "emoji", "mentions", "sql", "40 kB"])
async def test_hostile_text_in_a_dm_gets_the_question_again_as_plain_text(
        slack: SlackWorkspace, text: str) -> None:
    await slack.say("hello")

    [reply] = await slack.say(text)

    assert texts.common.DIDNT_UNDERSTAND in reply.text
    assert text.strip()[:40] not in reply.text
    assert {t["type"] for t in text_objects(reply.blocks())} == {"plain_text"}


async def test_a_press_with_an_unknown_choice_gets_the_question_again(
        slack: SlackWorkspace) -> None:
    await slack.say("hello")
    payload = slack.action_payload(slack.last_question(dm_of(ALICE)), "continue")
    payload["actions"][0]["value"] = json.dumps({"c": SQL, "t": None})

    response = await slack.send_action(payload)

    assert response.status_code == 200
    reprompt = slack.fake.posts(dm_of(ALICE))[-1]
    assert texts.common.DIDNT_UNDERSTAND in reprompt.text


# --- a press that is not the presser's to make ----------------------------------------------


async def test_a_press_crafted_on_another_persons_dm_changes_nothing_for_them(
        slack: SlackWorkspace, fake_slack: FakeSlack) -> None:
    await slack.say("hello", ALICE)
    await slack.say("hello", BOB)
    alices_question = slack.last_question(dm_of(ALICE))
    posts_to_alice = len(fake_slack.posts(dm_of(ALICE)))
    alice_before = stored_context(slack.runtime.db, "slack", f"T0CLINIC1:{ALICE}")

    response = await slack.send_action(slack.action_payload(alices_question, "continue", BOB))

    assert response.status_code == 200
    assert len(fake_slack.posts(dm_of(ALICE))) == posts_to_alice
    assert fake_slack.of("chat.update") == []
    assert stored_context(slack.runtime.db, "slack", f"T0CLINIC1:{ALICE}") == alice_before
    [bob_again] = await slack.say("hello", BOB)  # Bob's own DM is still his
    assert bob_again.args["channel"] == dm_of(BOB)


# --- bodies that are not Slack's payloads ------------------------------------------------------


async def signed_post(slack: SlackWorkspace, path: str, body: bytes,
                      content_type: str) -> httpx.Response:
    stamp = str(int(time.time()))
    return await slack.http.post(path, content=body, headers={
        "content-type": content_type, "x-slack-request-timestamp": stamp,
        "x-slack-signature": signature(body, stamp)})


def form(payload: str) -> bytes:
    return urlencode({"payload": payload}).encode()


DEEP = "[" * 100_000 + "]" * 100_000
BODIES = {
    "events: nested": ("/slack/events", DEEP.encode(), "application/json"),
    "events: nested in an event": (
        "/slack/events",
        b'{"type": "event_callback", "event": ' + b'{"a":' * 40_000 + b"1" + b"}" * 40_001,
        "application/json"),
    "events: malformed": ("/slack/events", b'{"type": "event_callback", "event": {',
                          "application/json"),
    "events: not utf-8": ("/slack/events", b'{"type": "\xff\xfe"}', "application/json"),
    "events: not an object": ("/slack/events", b"[1, 2, 3]", "application/json"),
    "interactions: nested": ("/slack/interactions", form(DEEP[:120_000]),
                             "application/x-www-form-urlencoded"),
    "interactions: malformed": ("/slack/interactions", form('{"type": "block_actions"'),
                                "application/x-www-form-urlencoded"),
    "interactions: not an object": ("/slack/interactions", form("[1, 2]"),
                                    "application/x-www-form-urlencoded"),
    "interactions: no payload": ("/slack/interactions", b"x=1",
                                 "application/x-www-form-urlencoded"),
    "commands: thousands of fields": ("/slack/commands",
                                      urlencode([("f", "1")] * 30_000).encode(),
                                      "application/x-www-form-urlencoded"),
    "commands: not a form": ("/slack/commands", b"\xff\xfe%%%",
                             "application/x-www-form-urlencoded"),
}


@pytest.mark.parametrize(("path", "body", "content_type"), BODIES.values(), ids=BODIES.keys())
async def test_a_signed_body_that_is_not_a_payload_gets_no_5xx(
        slack: SlackWorkspace, fake_slack: FakeSlack, path: str, body: bytes,
        content_type: str) -> None:
    response = await signed_post(slack, path, body, content_type)

    assert response.status_code < 500
    assert fake_slack.posts() == []


@pytest.mark.parametrize(("path", "body", "content_type"), BODIES.values(), ids=BODIES.keys())
async def test_an_unsigned_body_that_is_not_a_payload_is_refused(
        slack: SlackWorkspace, path: str, body: bytes, content_type: str) -> None:
    response = await slack.http.post(path, content=body, headers={"content-type": content_type})

    assert 400 <= response.status_code < 500


async def test_an_event_carrying_a_huge_array_is_answered_like_any_other(
        slack: SlackWorkspace, fake_slack: FakeSlack) -> None:
    event = {**slack.message_event("hello"), "junk": [0] * 80_000}
    body = json.dumps(event).encode()
    assert len(body) < 256 * 1024

    response = await signed_post(slack, "/slack/events", body, "application/json")
    await slack.settle()

    assert response.status_code == 200
    [welcome] = fake_slack.posts(dm_of(ALICE))
    assert welcome.buttons()


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("signed", [True, False], ids=["signed", "unsigned"])
async def test_a_body_over_the_size_limit_is_refused_with_413_on_every_endpoint(
        slack: SlackWorkspace, fake_slack: FakeSlack, path: str, signed: bool) -> None:
    body = json.dumps({"type": "event_callback", "junk": "x" * (256 * 1024)}).encode()

    if signed:
        response = await signed_post(slack, path, body, "application/json")
    else:
        response = await slack.http.post(path, content=body,
                                         headers={"content-type": "application/json"})

    assert response.status_code == 413
    assert fake_slack.posts() == []
