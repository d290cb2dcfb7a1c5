"""The HTTP endpoints: signatures, retries, the Home tab."""

from __future__ import annotations

import json
import time

import pytest

from fakes.slack import FakeSlack
from fakes.slack_workspace import ALICE, SlackWorkspace, dm_of, fixture, signature


async def test_a_retried_event_has_no_second_effect(slack: SlackWorkspace,
                                                    fake_slack: FakeSlack) -> None:
    event = slack.message_event("hello")
    first = await slack.send_event(event)
    retry = await slack.send_event(event, headers={"x-slack-retry-num": "1",
                                                   "x-slack-retry-reason": "http_timeout"})

    assert (first.status_code, retry.status_code) == (200, 200)
    assert len(fake_slack.posts(dm_of(ALICE))) == 1


@pytest.mark.parametrize("retries", [1, 2, 3])
async def test_an_event_retried_up_to_three_times_has_one_effect(
        slack: SlackWorkspace, fake_slack: FakeSlack, retries: int) -> None:
    event = slack.message_event("hello")
    answers = [await slack.send_event(event)]
    for number, reason in zip(range(1, retries + 1),
                              ["http_timeout", "http_error", "unknown_error"], strict=False):
        answers.append(await slack.send_event(event, headers={
            "x-slack-retry-num": str(number), "x-slack-retry-reason": reason}))

    assert [a.status_code for a in answers] == [200] * (retries + 1)
    assert len(fake_slack.posts(dm_of(ALICE))) == 1


async def test_a_repeated_button_press_has_no_second_effect(slack: SlackWorkspace,
                                                            fake_slack: FakeSlack) -> None:
    await slack.say("hello")
    payload = slack.action_payload(slack.last_question(dm_of(ALICE)), "continue")
    await slack.send_action(payload)
    await slack.send_action(payload)

    assert len(fake_slack.posts(dm_of(ALICE))) == 2
    assert len(fake_slack.of("chat.update")) == 1


async def test_a_forged_signature_is_rejected(slack: SlackWorkspace,
                                              fake_slack: FakeSlack) -> None:
    body = json.dumps(slack.message_event("hello")).encode()
    response = await slack.post("/slack/events", body, "application/json",
                                sign=signature(body, str(int(time.time())), "not-the-secret"))

    assert response.status_code == 401
    assert fake_slack.posts() == []


async def test_an_unsigned_request_is_rejected(slack: SlackWorkspace,
                                               fake_slack: FakeSlack) -> None:
    body = json.dumps(slack.message_event("hello")).encode()
    response = await slack.http.post("/slack/events", content=body,
                                     headers={"content-type": "application/json"})

    assert response.status_code == 401
    assert fake_slack.posts() == []


async def test_a_request_older_than_five_minutes_is_rejected(slack: SlackWorkspace,
                                                             fake_slack: FakeSlack) -> None:
    body = json.dumps(slack.message_event("hello")).encode()
    stale = str(int(time.time()) - 5 * 60 - 1)
    response = await slack.post("/slack/events", body, "application/json", timestamp=stale)

    assert response.status_code == 401
    assert fake_slack.posts() == []


async def test_a_forged_button_press_is_rejected(slack: SlackWorkspace,
                                                 fake_slack: FakeSlack) -> None:
    await slack.say("hello")
    payload = slack.action_payload(slack.last_question(dm_of(ALICE)), "continue")
    response = await slack.send_action(payload, sign="v0=" + "0" * 64)

    assert response.status_code == 401
    assert len(fake_slack.posts()) == 1


async def test_home_tab_for_someone_new_invites_them_to_say_hello(
        slack: SlackWorkspace, fake_slack: FakeSlack) -> None:
    await slack.send_event(fixture("app_home_opened"))

    [publish] = fake_slack.of("views.publish")
    view = json.loads(publish.args["view"]) if isinstance(publish.args["view"], str) \
        else publish.args["view"]
    assert publish.args["user_id"] == ALICE
    assert view["type"] == "home"
    assert "say hello" in json.dumps(view)


async def test_home_tab_shows_streak_last_pains_and_next_reminder(
        onboarded_alice: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = onboarded_alice
    await slack.checkin(4, 3)
    await slack.send_event(fixture("app_home_opened"))

    [publish] = fake_slack.of("views.publish")
    shown = json.dumps(publish.args["view"], ensure_ascii=False)
    assert "Check-in streak: 1 day" in shown
    assert "Last pain scores, before → after: 4 → 3" in shown
    assert "Next reminder: Tue 03 Mar, 08:00 (Europe/Berlin)" in shown
