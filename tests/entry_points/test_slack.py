"""Slack through the installed command: ``serve`` (HTTP) and ``slack`` (Socket Mode).

The bot runs the real slack-bolt and slack_sdk against the fake Web API on
127.0.0.1; the test plays Slack: signed HTTP requests, or envelopes over
the Socket Mode WebSocket that ``apps.connections.open`` handed out.
"""

from __future__ import annotations

import json
import signal
import time
from urllib.parse import urlencode

import httpx
import pytest

from fakes.slack import FakeSlack
from fakes.slack_socket import FakeSocketMode
from fakes.slack_workspace import (
    ALICE,
    SECRET,
    action_payload,
    dm_of,
    message_payload,
    signed_headers,
)
from tests.entry_points.processes import Running, Shell

BOT_TOKEN = "xoxb-test-bot-token-for-entry-points"
APP_TOKEN = "xapp-test-app-token-for-entry-points"


def slack_settings(api: str, database: str) -> dict[str, str]:
    """What the README tells a person to export, pointed at the fake Web API."""
    return {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": api, "DATABASE_URL": database}


def posted(fake: FakeSlack, fragment: str) -> bool:
    return any(fragment in call.text for call in fake.posts(dm_of(ALICE)))


def asks_consent(fake: FakeSlack) -> bool:
    """The last post in Alice's DM asks for her consent, with its buttons."""
    posts = fake.posts(dm_of(ALICE))
    return bool(posts) and "I agree" in [b["text"]["text"] for b in posts[-1].buttons()]


def assert_says_what_it_runs_on(bot: Running, database: str, *, slack: str) -> None:
    messages = bot.log_messages()
    assert f"database: sqlite:///{database}" in messages
    assert any(m.startswith(f"slack: on, {slack}") for m in messages), messages
    assert any(m.startswith("telegram: off") and "TELEGRAM_BOT_TOKEN" in m
               for m in messages), messages


def test_serve_answers_a_person_over_slack_http(
        shell: Shell, fake_slack: FakeSlack, slack_api: str, sqlite_file: str,
        web_port: int) -> None:
    url = f"http://127.0.0.1:{web_port}"
    with shell.start("sciatica-bot", "serve", "--port", str(web_port),
                     SLACK_SIGNING_SECRET=SECRET, **slack_settings(slack_api, sqlite_file)) as bot:
        bot.wait_healthy(url)

        event = json.dumps(message_payload("hi", ALICE, "Ev0000000001")).encode()
        response = httpx.post(f"{url}/slack/events", content=event, timeout=30,
                              headers=signed_headers(event, "application/json"))
        assert response.status_code == 200, response.text
        bot.wait_until(lambda: posted(fake_slack, "not a doctor"), "the welcome")

        press = action_payload(fake_slack.posts(dm_of(ALICE))[-1], "continue", ALICE,
                               f"{time.time():.6f}")
        form = urlencode({"payload": json.dumps(press)}).encode()
        response = httpx.post(f"{url}/slack/interactions", content=form, timeout=30,
                              headers=signed_headers(form, "application/x-www-form-urlencoded"))
        assert response.status_code == 200, response.text
        bot.wait_until(lambda: asks_consent(fake_slack), "the consent question")

        # uvicorn shuts down, then ends by the same signal (as systemd and Docker expect).
        assert bot.stop(signal.SIGTERM) in (0, -signal.SIGTERM)
    assert_says_what_it_runs_on(bot, sqlite_file, slack="HTTP")
    assert "Traceback" not in bot.stderr


async def test_socket_mode_answers_a_person_and_stops_on_ctrl_c(
        shell: Shell, fake_slack: FakeSlack, slack_api: str, socket_mode: FakeSocketMode,
        sqlite_file: str) -> None:
    with shell.start("sciatica-bot", "slack", SLACK_APP_TOKEN=APP_TOKEN,
                     **slack_settings(slack_api, sqlite_file)) as bot:
        await bot.until(socket_mode.connected.is_set, "a Socket Mode connection")

        await socket_mode.send({
            "envelope_id": "env-1", "type": "events_api", "accepts_response_payload": False,
            "retry_attempt": 0, "retry_reason": "",
            "payload": message_payload("hello!", ALICE, "Ev0000000002"),
        })
        await bot.until(lambda: posted(fake_slack, "not a doctor"), "the welcome")
        await socket_mode.send({
            "envelope_id": "env-2", "type": "interactive", "accepts_response_payload": False,
            "payload": action_payload(fake_slack.posts(dm_of(ALICE))[-1], "continue", ALICE,
                                      f"{time.time():.6f}"),
        })
        await bot.until(lambda: asks_consent(fake_slack), "the consent question")
        await bot.until(lambda: len(socket_mode.acks) == 2, "both acknowledgements")

        assert await bot.stopped(signal.SIGINT) == 0
    assert [ack["envelope_id"] for ack in socket_mode.acks] == ["env-1", "env-2"]
    assert_says_what_it_runs_on(bot, sqlite_file, slack="Socket Mode")
    assert "Traceback" not in bot.stderr


@pytest.mark.parametrize("refused", ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"])
def test_socket_mode_says_which_token_slack_refused(
        shell: Shell, fake_slack: FakeSlack, slack_api: str, sqlite_file: str,
        refused: str) -> None:
    fake_slack.refused_tokens.add(BOT_TOKEN if refused == "SLACK_BOT_TOKEN" else APP_TOKEN)

    result = shell.run("sciatica-bot", "slack", SLACK_APP_TOKEN=APP_TOKEN,
                       **slack_settings(slack_api, sqlite_file))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [error] = [entry for entry in map(json.loads, result.stderr.splitlines())
               if entry["level"] == "ERROR"]
    assert error["message"].startswith(f"Slack refused {refused} (invalid_auth)")
    assert BOT_TOKEN not in result.stderr
    assert APP_TOKEN not in result.stderr
