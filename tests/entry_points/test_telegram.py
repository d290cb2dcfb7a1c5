"""Telegram through the installed command: ``serve`` (webhook) and ``telegram`` (polling).

The bot runs the real python-telegram-bot against the fake Bot API on
127.0.0.1; the test plays Telegram (posting updates to the webhook, or
handing them to getUpdates) and the person (a message, a button press).
"""

from __future__ import annotations

import json
import signal

import httpx

from fakes.telegram import TOKEN, WEBHOOK_SECRET, FakeTelegram
from tests.entry_points.processes import Running, Shell

ANNA = 5_550_001


def telegram_settings(fake: FakeTelegram, database: str) -> dict[str, str]:
    """What the README tells a person to export, pointed at the fake Bot API."""
    return {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": f"{fake.url}/bot",
            "TELEGRAM_FILE_URL": f"{fake.url}/file/bot", "DATABASE_URL": database}


def has_sent(fake: FakeTelegram, chat: int, fragment: str) -> bool:
    return any(fragment in call.params.get("text", "") for call in fake.sent(chat))


def asks_consent(fake: FakeTelegram) -> bool:
    """The last message to Anna asks for her consent, with its buttons."""
    sent = fake.sent(ANNA)
    return bool(sent) and "I agree" in [label for label, _ in sent[-1].buttons]


def assert_says_what_it_runs_on(bot: Running, database: str, *, telegram: str) -> None:
    messages = bot.log_messages()
    assert f"database: sqlite:///{database}" in messages
    assert any(m.startswith(f"telegram: on, {telegram}") for m in messages), messages
    assert any(m.startswith("slack: off") and "SLACK_BOT_TOKEN" in m for m in messages), messages


def test_serve_answers_a_person_on_the_telegram_webhook(
        shell: Shell, fake_telegram: FakeTelegram, sqlite_file: str, web_port: int) -> None:
    url = f"http://127.0.0.1:{web_port}"
    with shell.start("sciatica-bot", "serve", "--port", str(web_port),
                     TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET,
                     **telegram_settings(fake_telegram, sqlite_file)) as bot:
        bot.wait_healthy(url)

        def post(update: dict[str, object]) -> None:
            response = httpx.post(f"{url}/telegram/webhook", json=update, timeout=30,
                                  headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET})
            assert response.status_code == 200, response.text

        post(fake_telegram.text_update(ANNA, "hi there"))
        bot.wait_until(lambda: has_sent(fake_telegram, ANNA, "not a doctor"), "the welcome")
        post(fake_telegram.press(ANNA, fake_telegram.sent(ANNA)[-1], "Let's start"))
        bot.wait_until(lambda: asks_consent(fake_telegram), "the consent question")

        # uvicorn shuts down, then ends by the same signal (as systemd and Docker expect).
        assert bot.stop(signal.SIGTERM) in (0, -signal.SIGTERM)
    assert_says_what_it_runs_on(bot, sqlite_file, telegram="webhook at /telegram/webhook")
    assert "Traceback" not in bot.stderr


def test_telegram_polling_answers_and_stops_on_ctrl_c(
        shell: Shell, fake_telegram: FakeTelegram, sqlite_file: str) -> None:
    with shell.start("sciatica-bot", "telegram", TELEGRAM_POLL_TIMEOUT="1",
                     **telegram_settings(fake_telegram, sqlite_file)) as bot:
        fake_telegram.enqueue(fake_telegram.text_update(ANNA, "Hello"))
        bot.wait_until(lambda: has_sent(fake_telegram, ANNA, "not a doctor"), "the welcome")
        fake_telegram.enqueue(
            fake_telegram.press(ANNA, fake_telegram.sent(ANNA)[-1], "Let's start"))
        bot.wait_until(lambda: asks_consent(fake_telegram), "the consent question")

        assert bot.stop(signal.SIGINT) == 0
    assert_says_what_it_runs_on(bot, sqlite_file, telegram="long polling")
    assert "Traceback" not in bot.stderr
    assert fake_telegram.pending_updates() == 0


def test_serve_with_a_token_telegram_rejects_stops_in_one_line(
        shell: Shell, fake_telegram: FakeTelegram, sqlite_file: str, web_port: int) -> None:
    settings = telegram_settings(fake_telegram, sqlite_file)
    settings["TELEGRAM_BOT_TOKEN"] = "7000000001:AAF-a-revoked-token"

    result = shell.run("sciatica-bot", "serve", "--port", str(web_port),
                       TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET, **settings)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [error] = [entry for entry in map(json.loads, result.stderr.splitlines())
               if entry["level"] in ("ERROR", "CRITICAL")]
    assert error["message"].startswith("Telegram rejected TELEGRAM_BOT_TOKEN")
    assert "revoked" not in result.stderr
