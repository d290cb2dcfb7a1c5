"""``sciatica-bot telegram set-webhook`` / ``delete-webhook`` against the fake Bot API."""

from __future__ import annotations

import pytest

from bot.cli import build_parser
from bot.telegram import admin
from fakes.telegram import WEBHOOK_SECRET, FakeTelegram, settings_for
from flows.texts.menu import COMMANDS

URL = "https://bot.example.org/telegram/webhook"


def test_set_webhook_registers_the_url_the_secret_and_the_update_kinds(
        fake_telegram: FakeTelegram, capsys: pytest.CaptureFixture[str]) -> None:
    assert admin.set_webhook(settings_for(fake_telegram), URL, drop_pending=False) == 0
    assert fake_telegram.webhook["url"] == URL
    assert fake_telegram.webhook["secret_token"] == WEBHOOK_SECRET
    assert fake_telegram.webhook["allowed_updates"] == [
        "message", "edited_message", "callback_query"]
    assert [c["command"] for c in fake_telegram.commands] == [c for c, _ in COMMANDS]
    assert URL in capsys.readouterr().out


def test_set_webhook_defaults_to_the_public_url(fake_telegram: FakeTelegram) -> None:
    settings = settings_for(fake_telegram, public_url="https://bot.example.org/")
    admin.set_webhook(settings, None, drop_pending=True)
    assert fake_telegram.webhook["url"] == URL
    assert fake_telegram.webhook["drop_pending_updates"] is True


def test_set_webhook_refuses_a_plain_http_url(fake_telegram: FakeTelegram) -> None:
    with pytest.raises(RuntimeError, match="https"):
        admin.set_webhook(settings_for(fake_telegram), "http://bot.example.org/hook",
                          drop_pending=False)
    assert fake_telegram.webhook == {}


def test_set_webhook_needs_the_secret(fake_telegram: FakeTelegram) -> None:
    settings = settings_for(fake_telegram, telegram_webhook_secret=None)
    with pytest.raises(RuntimeError, match="TELEGRAM_WEBHOOK_SECRET"):
        admin.set_webhook(settings, URL, drop_pending=False)
    assert fake_telegram.calls_of("setWebhook") == []


def test_a_rejected_token_is_a_plain_error_without_the_token(
        fake_telegram: FakeTelegram) -> None:
    settings = settings_for(fake_telegram, telegram_bot_token="1:wrong-token")
    with pytest.raises(RuntimeError) as raised:
        admin.set_webhook(settings, URL, drop_pending=False)
    assert str(raised.value) == "Telegram rejected TELEGRAM_BOT_TOKEN"


def test_delete_webhook(fake_telegram: FakeTelegram) -> None:
    admin.set_webhook(settings_for(fake_telegram), URL, drop_pending=False)
    assert admin.delete_webhook(settings_for(fake_telegram), drop_pending=False) == 0
    assert fake_telegram.webhook == {}


@pytest.mark.parametrize(("argv", "action"), [
    (["telegram"], "poll"),
    (["telegram", "set-webhook", "--url", URL], "set-webhook"),
    (["telegram", "delete-webhook", "--drop-pending-updates"], "delete-webhook"),
])
def test_the_cli_offers_the_telegram_actions(argv: list[str], action: str) -> None:
    args = build_parser().parse_args(argv)
    assert args.action == action
    assert args.handler.__name__ == "_telegram"
